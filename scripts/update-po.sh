#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Regenerates po/POTFILES and po/backprop-lens.pot from the sources and merges
# every catalogue in po/LINGUAS with it. New or changed messages come out
# untranslated or fuzzy; `meson test -C BUILD po-complete` lists them.
#
#   bash scripts/update-po.sh [BUILD_DIR]     (default: build)
set -euo pipefail

cd "$(dirname "$0")/.."
build=${1:-build}
[ -d "$build" ] || meson setup "$build" >/dev/null

# Every file with a marked string: _(), N_(), C_(), NC_(), ngettext and
# g_dngettext in the C sources, translatable="yes" in the UI files, and the
# desktop file, metainfo and GSettings schema.
{
  echo "# Files with translatable strings. scripts/update-po.sh regenerates this list."
  {
    grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)[[:space:]]*\(' \
      src/app/*.c src/cli/*.c src/core/*.c src/diagram/*.c src/media/*.c || true
    grep -l 'translatable="yes"' ui/*.ui || true
    ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml
  } | LC_ALL=C sort -u
} > po/POTFILES.new
if cmp -s po/POTFILES.new po/POTFILES; then
  rm po/POTFILES.new
else
  mv po/POTFILES.new po/POTFILES
  echo "po/POTFILES updated"
fi

meson compile -C "$build" backprop-lens-pot

for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --update --backup=none --previous "po/$lang.po" po/backprop-lens.pot
  printf '%-6s ' "$lang"
  msgfmt --check --statistics -o /dev/null "po/$lang.po"
done
