#!/usr/bin/env bash
# A curator's live preview, headless: `kiosk preview DIR --out OUT` renders the screen it shows,
# and on every save (an editor's write to a temporary file renamed over the old one) validates and
# renders again the screens the change touches; a save that brings an error prints the finding
# with its file and line and keeps the last good content on screen, with the findings over it.
# Also `kiosk proof --id` (one exhibit in every language on every panel size).
# Usage: cli_preview.sh "KIOSK" FIXTURE_DIR FIXTURE_PACK WORK_DIR
set -euo pipefail
read -r -a kiosk <<<"$1"
fixture=$2 pack=$3 work=$4
rm -rf "$work"
mkdir -p "$work"
cp -r "$fixture" "$work/src"
src=$work/src out=$work/out log=$work/preview.log
ev=ev-2021-05-27-joint-lab
file=$src/events/$ev.md
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; true' EXIT
fail() {
  echo "FAIL: $*" >&2
  [ -f "$log" ] && sed 's/^/  preview: /' "$log" >&2
  exit 1
}
# Waits, at most 20 s, until the log has a line holding the fixed string $1.
wait_for() {
  for _ in $(seq 200); do
    grep -qF -- "$1" "$log" && return 0
    kill -0 "$pid" 2>/dev/null || fail "preview stopped before saying: $1"
    sleep 0.1
  done
  fail "preview did not say within 20 s: $1"
}
# Saves $file as an editor does: a temporary file beside it, renamed over it.
save() {
  sed "$1" "$file" >"$src/events/.$ev.md.swp"
  mv "$src/events/.$ev.md.swp" "$file"
}
# How many pixels differ between the top halves of two PNGs (the findings show at the bottom).
top_diff() {
  convert "$1" -crop 100%x50%+0+0 +repage "$work/top-a.png"
  convert "$2" -crop 100%x50%+0+0 +repage "$work/top-b.png"
  compare -metric AE "$work/top-a.png" "$work/top-b.png" null: 2>&1 || true
}
for tool in convert compare; do
  command -v $tool >/dev/null || fail "$tool is missing (scripts/bootstrap.sh installs ImageMagick)"
done

# --once: one build, the screens it shows, and out.
"${kiosk[@]}" preview "$src" --id $ev --size 1280x800 --out "$work/once" --once >"$work/once.log" ||
  fail "preview --once failed: $(cat "$work/once.log")"
for f in $ev-zh $ev-en timeline-zh timeline-en; do
  [ -s "$work/once/$f.png" ] || fail "preview --once wrote no $f.png"
done

# Running: a title edited in English re-renders its page; Chinese stays the same pixels.
"${kiosk[@]}" preview "$src" --id $ev --size 1280x800 --out "$out" >"$log" 2>&1 &
pid=$!
wait_for "build 1: 0 errors"
cp "$out/$ev-en.png" "$work/build1-en.png"
cp "$out/$ev-zh.png" "$work/build1-zh.png"
save 's/en: Hefei and Wuhu found a joint lab/en: Hefei and Wuhu open a shared lab/'
wait_for "build 2: 0 errors"
cmp -s "$work/build1-en.png" "$out/$ev-en.png" && fail "the English page did not change with its title"
cmp -s "$work/build1-zh.png" "$out/$ev-zh.png" || fail "the Chinese page changed with an English title"
cp "$out/$ev-en.png" "$work/build2-en.png"

# A bad date: the finding with its file and line, and build 2 still shown, the findings over it.
save 's/date: "2021-05-27"/date: "2021-13-27"/'
wait_for "events/$ev.md:5: error:"
wait_for "still showing build 2" # said once the screens are written
[ "$(top_diff "$work/build2-en.png" "$out/$ev-en.png")" = 0 ] ||
  fail "the page with the error is not build 2's above the findings"
cmp -s "$work/build2-en.png" "$out/$ev-en.png" && fail "the findings are not shown over the page"

# Fixed again: build 3, no findings over it.
save 's/date: "2021-13-27"/date: "2021-05-27"/'
wait_for "build 3: 0 errors"
cmp -s "$work/build2-en.png" "$out/$ev-en.png" || fail "build 3 does not look like build 2"
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=

# proof --id: one exhibit in both languages on every panel size.
"${kiosk[@]}" proof --pack "$pack" --id $ev --out "$work/proof" >"$work/proof.log" ||
  fail "proof --id failed: $(cat "$work/proof.log")"
for size in 800x480 1280x800 1920x1080 1080x1920; do
  for lang in zh en; do
    [ -s "$work/proof/$ev-$lang-$size.png" ] || fail "proof --id wrote no $ev-$lang-$size.png"
  done
done
if "${kiosk[@]}" proof --pack "$pack" --id ev-none --out "$work/proof" 2>"$work/proof.err"; then
  fail "proof --id took an exhibit the pack does not have"
fi
grep -q 'no exhibit "ev-none"' "$work/proof.err" || fail "proof --id did not say why: $(cat "$work/proof.err")"
echo "preview: re-rendered on save, findings kept build 2 on screen; proof --id: 8 pages"
