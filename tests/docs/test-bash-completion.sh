#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test-bash-completion: the generated bash completion loads in bash and
# completes what `backprop-lens-cli --help` lists: the commands, each
# command's options, the values an option takes, parameter names (of the
# worked example, or of the --network on the line) and file names.
#   test-bash-completion.sh COMPLETION CLI SOURCE_ROOT      (TAP on stdout)
set -u
completion=$1 cli=$2 root=$3
n=0 failed=0

ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    echo "# got: ${COMPREPLY[*]:-(nothing)}"
    failed=1
  fi
}

# Completes the words given, the last one being typed, as bash would.
complete_words () {
  COMP_WORDS=("$cli" "$@")
  COMP_CWORD=$#
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _backprop_lens_cli "$cli" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
}

has () {
  local w
  for w in "${COMPREPLY[@]}"; do
    [ "$w" = "$1" ] && return 0
  done
  return 1
}

# The sorted replies against the words given.
replies_are () {
  [ "$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')" = "$(printf '%s\n' "$@" | sort | tr '\n' ' ')" ]
}

# shellcheck source=/dev/null
source "$completion"
ok $? "the completion loads"
complete -p backprop-lens-cli >/dev/null 2>&1
ok $? "it completes backprop-lens-cli"

complete_words exp
replies_are explain
ok $? "a command: exp → explain"

mapfile -t commands < <("$cli" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')
[ "${#commands[@]}" -ge 10 ]
ok $? "--help lists the commands"
complete_words ""
all=0
for c in "${commands[@]}" --help --version; do has "$c" || all=1; done
ok $all "every command of --help completes"

complete_words explain --fo
replies_are --format
ok $? "an option: explain --fo → --format"

complete_words explain --format ""
replies_are text markdown latex json
ok $? "an option's values: explain --format"

complete_words explain --format = j
replies_are json
ok $? "explain --format=j → json"

complete_words worksheet --blanks = ""
replies_are numbers formulas both
ok $? "an optional value: worksheet --blanks="

complete_words render --theme h
replies_are high-contrast high-contrast-dark
ok $? "render --theme h"

complete_words explain ""
replies_are w1 w2 w3 w4 w5 w6 w7 w8 b1 b2
ok $? "parameters of the worked example: explain"

mapfile -t xor_names < <("$cli" --list-parameters "$root/data/networks/deep.json")
complete_words explain --network "$root/data/networks/deep.json" ""
[ "${#xor_names[@]}" -gt 10 ] && replies_are "${xor_names[@]}"
ok $? "parameters of the --network on the line"

complete_words explain --network /nonexistent/net.json ""
[ ${#COMPREPLY[@]} -eq 0 ] && [ -z "$("$cli" --list-parameters /nonexistent/net.json 2>&1)" ]
ok $? "a --network that does not open: nothing offered, nothing said"

complete_words worksheet --select w
replies_are w1 w2 w3 w4 w5 w6 w7 w8
ok $? "a PARAM option: worksheet --select w"

complete_words render --network "$root/data/networks/xo"
has "$root/data/networks/xor.json"
ok $? "a file: render --network …/xo"

complete_words validate "$root/data/networks/dee"
has "$root/data/networks/deep.json"
ok $? "validate's FILE arguments are files"

complete_words train --steps ""
[ ${#COMPREPLY[@]} -eq 0 ]
ok $? "a number: nothing offered"

# Each command's options, as its --help lists them: a new command is in the
# completion when it is in the CLI's table.
for c in "${commands[@]}"; do
  complete_words "$c" --
  missing=0
  while read -r option; do
    has "$option" || { missing=1; echo "# $c: $option is not completed"; }
  done < <("$cli" "$c" --help | sed -n '/^Application Options:/,/^$/p' | grep -o -- '--[a-z][a-z-]*' | sort -u)
  ok $missing "$c: every option of its --help completes"
done

echo "1..$n"
exit $failed
