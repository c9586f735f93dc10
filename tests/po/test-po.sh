#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Every catalogue in po/LINGUAS is complete against the messages in the
# sources as they are now (0 untranslated, 0 fuzzy) and passes msgfmt --check
# (format directives, plural forms, header). Also: po/POTFILES lists every
# file with a marked string. Prints TAP; a failure lists the messages to do.
#
#   test-po.sh SOURCE_ROOT
set -u
src=${1:?usage: test-po.sh SOURCE_ROOT}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in xgettext msgmerge msgfmt msgattrib; do
  if ! command -v $tool >/dev/null; then
    echo "1..0 # SKIP $tool is missing (apt-get install gettext)"
    exit 0
  fi
done

langs=$(grep -v '^#' "$src/po/LINGUAS" | tr -s ' \n' '\n' | grep . || true)
n=$(( $(echo "$langs" | grep -c .) + 2 ))
echo "1..$n"
t=1

# POTFILES: a file with a marked string that it leaves out is never translated.
listed=$(grep -v '^#' "$src/po/POTFILES" | grep . | LC_ALL=C sort)
marked=$(cd "$src" && {
  grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' \
    src/app/*.c src/cli/*.c src/core/*.c src/diagram/*.c src/media/*.c 2>/dev/null
  grep -l 'translatable="yes"' ui/*.ui 2>/dev/null
} | LC_ALL=C sort)
unlisted=$(LC_ALL=C comm -13 <(echo "$listed") <(echo "$marked"))
if [ -z "$unlisted" ]; then
  echo "ok $t - po/POTFILES lists every file with translatable strings"
else
  echo "not ok $t - po/POTFILES leaves out files with translatable strings (run scripts/update-po.sh):"
  echo "$unlisted" | sed 's/^/#   /'
fi
t=$((t + 1))

# The template as the sources give it now, with meson's glib preset.
(cd "$src" && xgettext --files-from=po/POTFILES --directory=. --output="$tmp/messages.pot" \
  --from-code=UTF-8 --add-comments --package-name=backprop-lens \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format --flag=g_print:1:c-format \
  --flag=g_printerr:1:c-format --flag=g_printf:1:c-format --flag=g_fprintf:2:c-format \
  --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format 2>"$tmp/xgettext.log")
if [ ! -s "$tmp/messages.pot" ]; then
  echo "Bail out! xgettext failed:"
  sed 's/^/# /' "$tmp/xgettext.log"
  exit 1
fi

# A format macro such as G_GUINT64_FORMAT inside _() cuts the message short:
# xgettext sees "… %" and the whole message is never found in a catalogue.
# "%" PRIu64 is what xgettext understands.
cut=$( { grep 'ends in the middle of a directive' "$tmp/xgettext.log" | sed 's/: warning:.*//'
         msgattrib --no-wrap "$tmp/messages.pot" 2>/dev/null | grep -E '^msgid ".*([^%]|^)%"$'
       } || true)
if [ -z "$cut" ]; then
  echo "ok $t - every marked message reaches xgettext whole"
else
  echo "not ok $t - messages cut short by a format macro (use \"%\" PRIu64 or PRId64):"
  echo "$cut" | sed 's/^/#   /'
fi
t=$((t + 1))

# Prints each msgid of a catalogue, one line, as a comment.
list_msgids () {
  msgattrib --no-wrap --no-location --no-obsolete "$@" 2>/dev/null |
    grep '^msgid "' | grep -v '^msgid ""$' | sed 's/^msgid /#   /'
}

for lang in $langs; do
  po="$src/po/$lang.po"
  problems=""
  if [ ! -f "$po" ]; then
    echo "not ok $t - $lang: po/$lang.po is missing (LINGUAS lists it)"
    t=$((t + 1))
    continue
  fi
  if ! msgfmt --check -o /dev/null "$po" 2>"$tmp/check.log"; then
    problems+="# msgfmt --check po/$lang.po:"$'\n'"$(sed 's/^/#   /' "$tmp/check.log")"$'\n'
  fi
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "$po" "$tmp/messages.pot" 2>/dev/null
  untranslated=$(list_msgids --untranslated "$tmp/$lang.po")
  fuzzy=$(msgattrib --no-wrap --no-location --no-obsolete --only-fuzzy "$po" 2>/dev/null |
            grep '^msgid "' | grep -v '^msgid ""$' | sed 's/^msgid /#   /')
  if [ -n "$untranslated" ]; then
    problems+="# $(echo "$untranslated" | grep -c .) untranslated in po/$lang.po (run scripts/update-po.sh, then translate):"$'\n'"$untranslated"$'\n'
  fi
  if [ -n "$fuzzy" ]; then
    problems+="# $(echo "$fuzzy" | grep -c .) fuzzy in po/$lang.po (check each, then remove its fuzzy flag):"$'\n'"$fuzzy"$'\n'
  fi
  if [ -z "$problems" ]; then
    echo "ok $t - $lang: complete, msgfmt --check passes ($(msgfmt --statistics -o /dev/null "$po" 2>&1))"
  else
    echo "not ok $t - $lang: incomplete or invalid"
    printf '%s' "$problems"
  fi
  t=$((t + 1))
done
