#!/usr/bin/env bash
# `play --out-dir` and `pack keygen --out` make the folder they are given, with its parents
# (mkdir -p): 0755 for screenshots, 0700 for keys; a folder that is there already is used as
# it is, and a path through a file is refused naming it.
# Usage: cli_makes_folders.sh "KIOSK" SCRIPT PACK WORK_DIR
set -euo pipefail
read -r -a kiosk <<<"$1"
script=$2 pack=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
umask 022
fail() { echo "FAIL: $*" >&2; exit 1; }

"${kiosk[@]}" play "$script" --pack "$pack" --out-dir "$work/shots/new/deep" >/dev/null
ls "$work/shots/new/deep"/*.png >/dev/null || fail "play wrote no screenshot into the new folder"
[ "$(stat -c %a "$work/shots/new/deep")" = 755 ] || fail "play's folder is not 0755"
"${kiosk[@]}" play "$script" --pack "$pack" --out-dir "$work/shots/new/deep" >/dev/null ||
  fail "play refused a folder that is there"

"${kiosk[@]}" pack keygen --out "$work/keys/curator" --no-password >/dev/null
[ -f "$work/keys/curator/kiosk.pub" ] && [ -f "$work/keys/curator/kiosk.key" ] ||
  fail "keygen wrote no keys into the new folder"
[ "$(stat -c %a "$work/keys/curator")" = 700 ] || fail "keygen's folder is not 0700"

touch "$work/a-file"
if out=$("${kiosk[@]}" play "$script" --pack "$pack" --out-dir "$work/a-file/shots" 2>&1); then
  fail "play wrote under a file"
fi
grep -q "cannot create the folder .*a-file/shots" <<<"$out" || fail "play did not say why: $out"
echo "folders made: play 0755, keygen 0700"
