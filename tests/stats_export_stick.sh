#!/usr/bin/env bash
# The statistics export onto a FAT stick, pulled the moment the kiosk says it is done: the stick
# (a FAT image, made as a curator makes one: mkfs.vfat -n KIOSK-STATS) is mounted, the visits are
# exported to it, and as soon as the export returns the stick is "pulled": the image is read as
# it is at that instant (the kernel's FAT through a loop device: a copy of the backing file, which
# holds exactly what reached the device). mtools then reads the file from that image, which must be
# the whole export, byte for byte.
# The stick is mounted without `sync`, so that the kiosk's own flush is what is tested (the udev
# helper adds sync for export sticks as well).
# Needs root, loop devices and a kernel with FAT; exits 77 (skipped) without them.
# Usage: stats_export_stick.sh "KIOSK COMMAND" WORKDIR
set -euo pipefail
read -r -a kiosk <<<"$1"
work=$2
rm -rf "$work" && mkdir -p "$work/data" "$work/stick" && cd "$work"
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
[ "$(id -u)" = 0 ] || {
  echo "skipped: mounting an image needs root"
  exit 77
}

# Visits to export: the kiosk makes the database, three visits are put in it.
: >data/stats.sqlite
"${kiosk[@]}" stats --data-dir data >/dev/null
now=$(date +%s)
sqlite3 data/stats.sqlite "INSERT INTO visit(opened_at, exhibit, lang, seconds) VALUES
  ($now - 600, 'home', 'zh', 12.5), ($now - 300, 'city-hefei', 'en', 40.2),
  ($now - 60, 'timeline', 'zh', 7.0);"
"${kiosk[@]}" stats --data-dir data --csv expected.csv >/dev/null
[ "$(wc -l <expected.csv)" = 4 ] || fail "the export to a local file has not 4 lines: $(cat expected.csv)"

truncate -s 64M stick.img
mkfs.vfat -n KIOSK-STATS stick.img >/dev/null
if mount -t vfat -o loop,rw,noatime stick.img stick 2>/dev/null; then
  how="the kernel's FAT on a loop device"
  # Pulled: what the loop device has written to its backing file is what the stick holds.
  pull() { cp --sparse=always stick.img pulled.img; }
  cleanup() { umount stick 2>/dev/null || true; }
else
  # (fusefat, FUSE's FAT, is no stand-in: its own unmount leaves a FAT mtools cannot read.)
  echo "skipped: this kernel cannot mount FAT (mount -t vfat -o loop failed)"
  exit 77
fi
trap cleanup EXIT
echo "stick: $how"

"${kiosk[@]}" stats --data-dir data --csv stick/kiosk-stats.csv >export.log 2>&1 ||
  fail "the export failed: $(cat export.log)"
pull # at once: no unmount, no sync
cleanup
trap - EXIT

mtype -i pulled.img ::kiosk-stats.csv >got.csv 2>mtype.err || fail "the pulled stick has no kiosk-stats.csv: $(cat mtype.err)"
cmp -s expected.csv got.csv ||
  fail "the file on the pulled stick is not the export ($(wc -c <got.csv) bytes, want $(wc -c <expected.csv))"
if mdir -i pulled.img -b :: | grep -q 'tmp-'; then fail "a temporary file was left on the stick"; fi
echo "export on a FAT stick pulled at once: whole ($(wc -c <got.csv) bytes)"
