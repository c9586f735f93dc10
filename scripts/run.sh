#!/usr/bin/env bash
# Installs what is missing, builds, and opens Backprop Lens on the worked example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f build/build.ninja ] || meson setup build
meson compile -C build
# GSettings schemas and translations from the build tree, so the app runs
# without installing (and in the user's language).
export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
export BPL_LOCALEDIR="$PWD/build/po"
exec build/src/app/backprop-lens "$@"
