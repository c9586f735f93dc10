#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (GUI tests under a
# virtual X display).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f build/build.ninja ] || meson setup build
meson compile -C build
xvfb-run -a -s "-screen 0 1280x1024x24" meson test -C build --print-errorlogs "$@"
