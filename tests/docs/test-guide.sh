#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test-guide: the teacher's guide's pictures can be taken again from the
# window as it is now (bpl-guide-screenshots, which scripts/take-screenshots.sh
# runs), they are the ones the guide shows and the repository holds, and the
# guide's HTML shows each of them.
#   test-guide.sh SCREENSHOTS_PROGRAM SOURCE_DIR GUIDE_HTML      (TAP on stdout)
set -u
program=$1 source=$2 html=$3
n=0 failed=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

ok () {
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

shots="$source/docs/guide/screenshots"
log=$(BPL_RECOVERY_DIR="$out/recovery" "$program" "$out/shots" 1280x800 2>&1)
status=$?
if [ $status -eq 77 ]; then
  echo "1..0 # SKIP no display"
  exit 0
fi
ok $status "bpl-guide-screenshots takes the pictures"
[ $status -eq 0 ] || echo "$log" | sed 's/^/# /'

taken=$(cd "$out/shots" 2>/dev/null && ls ./*.png | sort | tr '\n' ' ')
kept=$(cd "$shots" && ls ./*.png | sort | tr '\n' ' ')
[ -n "$taken" ] && [ "$taken" = "$kept" ]
ok $? "the pictures taken are the ones the repository keeps ($taken)"

for f in "$out"/shots/*.png; do
  size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$f")
  [ "$(basename "$f")" = worksheet.png ] || [ "$size" = 1280x800 ]
  ok $? "$(basename "$f") is the window, $size"
done

missing=0
for image in $(grep -o '](screenshots/[^)]*)' "$source/docs/guide/index.md" | sed 's/^](//; s/)$//'); do
  [ -s "$source/docs/guide/$image" ] || { missing=1; echo "# $image is missing"; }
  grep -q "src=\"$image\"" "$html" || { missing=1; echo "# the HTML does not show $image"; }
done
ok $missing "every picture the guide shows is kept, and in its HTML"

unused=0
for f in "$shots"/*.png; do
  grep -q "screenshots/$(basename "$f")" "$source/docs/guide/index.md" || { unused=1; echo "# $(basename "$f") is not in the guide"; }
done
ok $unused "every picture kept is in the guide"

echo "1..$n"
exit $failed
