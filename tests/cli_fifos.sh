#!/usr/bin/env bash
# Named pipes (FIFOs) where the command line expects files: a content folder's exhibit and image,
# a pack. Each must be refused at once, naming the file, with a non-zero exit — never a hang
# (reading a FIFO waits for a writer forever). Every command runs under `timeout`, so that a
# regression fails here instead of hanging the test run.
# Usage: cli_fifos.sh "KIOSK COMMAND" FIXTURE_CONTENT_DIR WORKDIR
set -uo pipefail
read -r -a kiosk <<<"$1"
fixture=$2
work=$3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failed=0
fail() {
  echo "FAIL: $*" >&2
  failed=1
}
# expect_refused NAME NEEDLE COMMAND…: exits non-zero within 10 s and says NEEDLE.
expect_refused() {
  local name=$1 needle=$2
  shift 2
  timeout 10 "$@" >out.txt 2>&1
  local rc=$?
  if [ $rc -eq 124 ]; then
    fail "$name: hung (killed after 10 s)"
  elif [ $rc -eq 0 ]; then
    fail "$name: exited 0"
  elif ! grep -qF -- "$needle" out.txt; then
    fail "$name: no \"$needle\" in:"
    sed 's/^/  /' out.txt >&2
  fi
}

# An exhibit that is a FIFO.
cp -r "$fixture" md
rm md/events/ev-2021-05-27-joint-lab.md
mkfifo md/events/ev-2021-05-27-joint-lab.md
expect_refused "validate, FIFO exhibit" "ev-2021-05-27-joint-lab.md" \
  "${kiosk[@]}" pack validate md
expect_refused "validate, FIFO exhibit says why" "not a regular file" \
  "${kiosk[@]}" pack validate md
expect_refused "build, FIFO exhibit" "ev-2021-05-27-joint-lab.md" \
  "${kiosk[@]}" pack build md -o md.kpack
[ -e md.kpack ] && fail "build with a FIFO exhibit wrote a pack"

# An image that is a FIFO, and one that is a link to a FIFO.
cp -r "$fixture" img
rm img/images/sensor.png
mkfifo img/images/sensor.png
expect_refused "validate, FIFO image" "images/sensor.png" "${kiosk[@]}" pack validate img
expect_refused "build, FIFO image" "not a regular file" "${kiosk[@]}" pack build img -o img.kpack
mkfifo a-fifo
rm img/images/sensor.png
ln -s "$work/a-fifo" img/images/sensor.png
expect_refused "validate, link to a FIFO image" "images/sensor.png" "${kiosk[@]}" pack validate img

# A pack that is a FIFO.
mkfifo fifo.kpack
expect_refused "info, FIFO pack" "fifo.kpack" "${kiosk[@]}" pack info fifo.kpack
expect_refused "info, FIFO pack says why" "not a regular file" "${kiosk[@]}" pack info fifo.kpack
expect_refused "validate, FIFO pack" "fifo.kpack" "${kiosk[@]}" pack validate fifo.kpack
exit $failed
