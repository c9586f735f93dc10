#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test-install: `meson install --destdir` into a temporary folder puts every
# file where Debian and freedesktop.org expect it: the programs, the desktop
# file and metainfo (validated when the tools are there), the icons, the
# GSettings schema, the example networks, the manual pages, the shell
# completions, the teacher's guide with its pictures, and a .mo file for each
# language po/LINGUAS lists.
#   test-install.sh BUILD_DIR SOURCE_DIR PREFIX BINDIR DATADIR MANDIR DOCDIR LOCALEDIR APP_ID BUILD_APP
set -u
build=$1 source=$2 prefix=$3 bindir=$4 datadir=$5 mandir=$6 docdir=$7 localedir=$8 app_id=$9 build_app=${10}
n=0 failed=0
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT

ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}
skip () {
  n=$((n + 1))
  echo "ok $n # SKIP $1"
}
# A relative option (bin, share) is under the prefix; an absolute one is not.
under () {
  case $1 in
    /*) echo "$dest$1" ;;
    *) echo "$dest$prefix/$1" ;;
  esac
}
installed () {
  [ -s "$1" ]
  ok $? "installed: ${1#"$dest"}"
}

log=$(meson install -C "$build" --destdir "$dest" --no-rebuild 2>&1)
status=$?
ok $status "meson install --destdir"
[ $status -eq 0 ] || { echo "$log" | sed 's/^/# /'; echo "1..$n"; exit 1; }

bin=$(under "$bindir") share=$(under "$datadir") man=$(under "$mandir") doc=$(under "$docdir")
locale=$(under "$localedir")

installed "$bin/backprop-lens-cli"
"$bin/backprop-lens-cli" --version >/dev/null
ok $? "the installed backprop-lens-cli runs"

for n_file in "$source"/data/networks/*.json; do
  installed "$share/backprop-lens/networks/$(basename "$n_file")"
done

installed "$man/man1/backprop-lens-cli.1"
installed "$share/bash-completion/completions/backprop-lens-cli"
installed "$share/zsh/vendor-completions/_backprop-lens-cli"
installed "$share/fish/vendor_completions.d/backprop-lens-cli.fish"
if command -v man >/dev/null; then
  for page in "$man"/man1/*.1; do
    [ -z "$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" 2>&1 >/dev/null)" ]
    ok $? "$(basename "$page") renders without warnings"
  done
fi

installed "$doc/guide/index.html"
installed "$doc/guide/index.md"
missing=0
for image in $(grep -o 'src="[^"]*"' "$doc/guide/index.html" | sed 's/src="//; s/"$//'); do
  [ -s "$doc/guide/$image" ] || { missing=1; echo "# the guide's $image is not installed"; }
done
ok $missing "every picture of the guide is installed beside it"

if [ "$build_app" = true ]; then
  installed "$bin/backprop-lens"
  installed "$man/man1/backprop-lens.1"
  installed "$share/applications/$app_id.desktop"
  installed "$share/metainfo/$app_id.metainfo.xml"
  installed "$share/icons/hicolor/scalable/apps/$app_id.svg"
  installed "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  installed "$share/glib-2.0/schemas/$app_id.gschema.xml"
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$share/applications/$app_id.desktop"
    ok $? "the installed desktop file is valid"
  else
    skip "desktop-file-validate is not installed"
  fi
  if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net --explain "$share/metainfo/$app_id.metainfo.xml" >/dev/null
    ok $? "the installed metainfo is valid"
  else
    skip "appstreamcli is not installed"
  fi
  # Each metainfo screenshot is one the screenshot script takes.
  missing=0
  for image in $(grep -o '<image>[^<]*</image>' "$share/metainfo/$app_id.metainfo.xml" | sed 's/<[^>]*>//g'); do
    [ -s "$source/docs/guide/screenshots/$(basename "$image")" ] || { missing=1; echo "# $image"; }
  done
  ok $missing "the metainfo's screenshots are the guide's"
  if command -v glib-compile-schemas >/dev/null; then
    glib-compile-schemas --strict --dry-run "$share/glib-2.0/schemas"
    ok $? "the installed schema compiles"
  fi
  # A translation for each language po/LINGUAS lists (none while it is empty).
  for lang in $(sed 's/#.*//' "$source/po/LINGUAS"); do
    installed "$locale/$lang/LC_MESSAGES/backprop-lens.mo"
  done
fi

echo "1..$n"
exit $failed
