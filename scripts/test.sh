#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the normal suite
# (GUI tests under a virtual X display), then the same suite built with
# clang's AddressSanitizer and UndefinedBehaviorSanitizer, where any report
# fails the test that caused it.
#   bash scripts/test.sh            both suites
#   bash scripts/test.sh --quick    the normal suite only
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

xvfb() { xvfb-run -a -s "-screen 0 1280x1024x24" "$@"; }

# Runs one build's suite and ends with a plain "name: N passed, N failed"
# line (meson's own summary says "Ok:" and "Fail:").
suite() {
  local name=$1 log
  shift
  log=$(mktemp)
  status=0
  "$@" 2>&1 | tee "$log" || status=$?
  printf '%s: %s passed, %s failed\n' "$name" \
    "$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)" \
    "$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)"
  rm -f "$log"
  return "$status"
}

[ -f build/build.ninja ] || meson setup build
meson compile -C build
suite tests xvfb meson test -C build --print-errorlogs

if [ "${1:-}" = "--quick" ]; then
  exit 0
fi

[ -f build-sanitize/build.ninja ] ||
  CC=clang meson setup build-sanitize -Db_sanitize=address,undefined -Db_lundef=false
meson compile -C build-sanitize
# LeakSanitizer: tests/lsan.supp lists what system libraries keep on purpose.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
  suite sanitized xvfb meson test -C build-sanitize --print-errorlogs
