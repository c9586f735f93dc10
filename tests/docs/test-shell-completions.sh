#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test-shell-completions: the generated zsh and fish completions parse, and
# fish (which can be asked from a script) completes the commands, an
# option's values and parameter names. A shell that is not installed is
# skipped (scripts/install-deps.sh installs both).
#   test-shell-completions.sh ZSH_FILE FISH_FILE CLI      (TAP on stdout)
set -u
zsh_file=$1 fish_file=$2 cli=$3
n=0 failed=0

ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
skip () {
  n=$((n + 1))
  echo "ok $n # SKIP $1"
}

mapfile -t commands < <("$cli" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')

if command -v zsh >/dev/null; then
  zsh -n "$zsh_file"
  ok $? "zsh: the completion parses"
  head -n 1 "$zsh_file" | grep -qx '#compdef backprop-lens-cli'
  ok $? "zsh: #compdef backprop-lens-cli"
  missing=0
  for c in "${commands[@]}"; do
    grep -q "^    '$c:" "$zsh_file" && grep -q "^    $c)" "$zsh_file" || { missing=1; echo "# zsh: $c missing"; }
  done
  ok $missing "zsh: every command of --help, with its options"
else
  skip "zsh is not installed"
fi

if command -v fish >/dev/null; then
  fish -n "$fish_file"
  ok $? "fish: the completion parses"
  # fish -c: the completions of a command line, first word of each.
  fish_complete () {
    PATH="$(dirname "$cli"):$PATH" fish --no-config -c "source '$fish_file'; complete -C '$1'" | cut -f 1 | sort | tr '\n' ' '
  }
  got=$(fish_complete "backprop-lens-cli ")
  missing=0
  for c in "${commands[@]}"; do
    [[ " $got " == *" $c "* ]] || { missing=1; echo "# fish: $c not completed"; }
  done
  ok $missing "fish: every command of --help completes"
  got=$(fish_complete "backprop-lens-cli explain --format ")
  [ "$got" = "json latex markdown text " ]
  ok $? "fish: explain --format → its values (got: $got)"
  got=$(fish_complete "backprop-lens-cli explain w")
  [ "$got" = "w1 w2 w3 w4 w5 w6 w7 w8 " ]
  ok $? "fish: explain w → the worked example's weights (got: $got)"
  got=$(fish_complete "backprop-lens-cli render --")
  [[ "$got" == *"--network "* && "$got" == *"--theme "* && "$got" == *"--output "* ]]
  ok $? "fish: render's options (got: $got)"
else
  skip "fish is not installed"
fi

echo "1..$n"
exit $failed
