#!/usr/bin/env bash
# Takes the teacher's guide's screenshots (docs/guide/screenshots/) and the
# AppStream metainfo's from the real window, under a virtual display: the
# guide's first lesson played by bpl-guide-screenshots, each picture the
# window drawn by its own renderer. Run it again whenever the window
# changes, and commit the pictures.
#   bash scripts/take-screenshots.sh            light style, 1280×800
#   STYLE=dark bash scripts/take-screenshots.sh OUTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/guide/screenshots}

[ -f build/build.ninja ] || meson setup build
meson compile -C build >/dev/null

export GSETTINGS_SCHEMA_DIR="$PWD/build/data" GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable LC_ALL=C.UTF-8 LANGUAGE=
# A fresh state folder: no recovery copy or recent file of this machine.
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
export XDG_STATE_HOME="$state" XDG_DATA_HOME="$state" XDG_CONFIG_HOME="$state" BPL_RECOVERY_DIR="$state/recovery"
if [ "${STYLE:-light}" = dark ]; then
  export ADW_DEBUG_COLOR_SCHEME=prefer-dark
fi
xvfb-run -a -s "-screen 0 1600x1200x24" build/docs/guide/bpl-guide-screenshots "$out" 1280x800
