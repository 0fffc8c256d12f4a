#!/usr/bin/env bash
# A page whose exhibit or one of whose sources has a url shows it as a QR code a phone reads:
# tests/fixtures/qr built into a pack, its pages rendered (scrolled to their sources) at 800x480
# on a 7-inch panel, 1920x1080 at 21.5 inches and 1080x1920, in zh and en, and each decoded by
# zbarimg to exactly the url: the exhibit's own where it has one, else its source's. A page of a
# pack without urls shows no code. Skipped (77) where zbarimg is missing (Debian's zbar-tools,
# which scripts/bootstrap.sh installs).
# Usage: e2e_qr_decode.sh "KIOSK" FIXTURES WORK_DIR
set -euo pipefail
read -r -a kiosk <<<"$1"
fixtures=$2 work=$3
if ! command -v zbarimg >/dev/null; then
  echo "SKIP: zbarimg is not installed (apt-get install zbar-tools, or scripts/bootstrap.sh)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

SOURCE_DATE_EPOCH=1 "${kiosk[@]}" pack build "$fixtures/qr" -o "$work/qr.kpack" >/dev/null 2>&1 ||
  fail "tests/fixtures/qr does not build"
SOURCE_DATE_EPOCH=1 "${kiosk[@]}" pack build "$fixtures/good" -o "$work/good.kpack" >/dev/null 2>&1 ||
  fail "tests/fixtures/good does not build"

exhibit_url='https://example.org/labs/quantum-sensor?lang=zh&id=42'
source_url='https://www.example.com/news/2021-05/27/c_1127499306.htm'
pages=("achievement ach-quantum-sensor $exhibit_url"
  "event ev-2021-05-27-joint-lab $source_url"
  "city city-hefei $source_url")
panels=("800x480 --diagonal 7" "1920x1080 --diagonal 21.5" "1080x1920 --diagonal 21.5")

decoded=0
for page in "${pages[@]}"; do
  read -r screen id want <<<"$page"
  for panel in "${panels[@]}"; do
    read -r size diag <<<"$panel"
    for lang in zh en; do
      png="$work/$id-$lang-$size.png"
      "${kiosk[@]}" render --screen "$screen" --id "$id" --lang "$lang" --size "$size" $diag \
        --scroll end --pack "$work/qr.kpack" --out "$png" ||
        fail "render of $id ($lang, $size) failed"
      # zbarimg: 0 when it read a code, 4 when it found none. Its talk of D-Bus goes to stderr.
      got=$(timeout 20 zbarimg --raw -q "$png" 2>/dev/null) || fail "no QR code read on $png"
      [ "$got" = "$want" ] || fail "$png: read \"$got\", expected \"$want\""
      decoded=$((decoded + 1))
    done
  done
done

# No url, no code.
png="$work/no-url.png"
"${kiosk[@]}" render --screen achievement --id ach-quantum-sensor --size 1920x1080 --scroll end \
  --pack "$work/good.kpack" --out "$png"
rc=0
timeout 20 zbarimg --raw -q "$png" >/dev/null 2>&1 || rc=$?
[ "$rc" = 4 ] || fail "a page without a url: zbarimg exited $rc (4: no code found)"
echo "$decoded pages decoded to their url; a page without one shows no code"
