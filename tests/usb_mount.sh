#!/usr/bin/env bash
# scripts/usb-mount, the udev rule's helper, on real file system images and a made-up sysfs:
# - the export label is one FAT, exFAT and ext4 can all hold (mkfs makes it), and a stick so
#   labelled is mounted read-write, sync, for the kiosk user; the former KIOSK-EXPORT too where
#   it can exist (ext4: FAT and exFAT hold 11 characters); any other stick read-only;
# - a partition of a disk the system runs from (its root on a USB SSD, directly or under
#   device-mapper) is never mounted; a stick beside it is.
# systemd-mount is replaced by a stand-in that records its arguments.
# Usage: usb_mount.sh SOURCE_DIR WORK_DIR
set -euo pipefail
src=$1
work=$2
helper=$src/scripts/usb-mount
rm -rf "$work" && mkdir -p "$work"
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }

cat >"$work/systemd-mount" <<'SH'
#!/bin/sh
echo "$@" >"$KIOSK_TEST_CALLS"
SH
chmod +x "$work/systemd-mount"
export KIOSK_SYSTEMD_MOUNT=$work/systemd-mount KIOSK_TEST_CALLS=$work/calls

# sysfs: sda (USB SSD: sda1 boot, sda2 root), sdb (a stick: sdb1), sdc (sdc2 under dm-0),
# sdd (a stick formatted without a partition table).
sys=$work/sys
export KIOSK_SYSFS=$sys
node() { # node SYSFS_DIR MAJ:MIN [partition]
  mkdir -p "$sys/$1"
  echo "$2" >"$sys/$1/dev"
  [ "${3:-}" != partition ] || echo 1 >"$sys/$1/partition"
  mkdir -p "$sys/dev/block"
  ln -s "../../$1" "$sys/dev/block/$2"
}
node devices/usb1/sda 8:0
node devices/usb1/sda/sda1 8:1 partition
node devices/usb1/sda/sda2 8:2 partition
node devices/usb1/sda/sda3 8:3 partition
node devices/usb2/sdb 8:16
node devices/usb2/sdb/sdb1 8:17 partition
node devices/usb3/sdc 8:32
node devices/usb3/sdc/sdc1 8:33 partition
node devices/usb3/sdc/sdc2 8:34 partition
node devices/usb4/sdd 8:48
node devices/virtual/block/dm-0 254:0
mkdir -p "$sys/devices/virtual/block/dm-0/slaves"
ln -s ../../../../usb3/sdc/sdc2 "$sys/devices/virtual/block/dm-0/slaves/sdc2"

root_on() { # the system's mounts with / on MAJ:MIN, /boot/firmware on sda1 when root is sda2
  {
    echo "21 1 $1 / / rw,relatime shared:1 - ext4 /dev/root rw"
    [ "$1" != 8:2 ] || echo "24 21 8:1 / /boot/firmware rw,relatime shared:3 - vfat /dev/sda1 rw"
    echo "22 21 0:21 / /proc rw,nosuid shared:2 - proc proc rw"
    echo "23 21 0:5 / /dev rw,nosuid shared:4 - devtmpfs udev rw"
    echo "30 21 8:49 / /media/sdd rw,nosuid shared:9 - vfat /dev/sdd rw"
  } >"$work/mountinfo"
  export KIOSK_MOUNTINFO=$work/mountinfo
}

# expect DESCRIPTION DEVNODE NAME MAJ:MIN (ro|rw-fat|rw-ext4|none) [IMAGE]
# IMAGE's label and type are read by blkid, as udev's builtin does.
expect() {
  local what=$1 dev=$2 name=$3 num=$4 want=$5 img=${6:-}
  rm -f "$work/calls"
  (
    if [ -n "$img" ]; then
      unset ID_FS_LABEL ID_FS_TYPE
      eval "$(blkid -p -o udev "$img" | grep -E '^ID_FS_(LABEL|TYPE)=' | sed 's/^/export /')"
    fi
    export MAJOR=${num%:*} MINOR=${num#*:}
    "$helper" "$dev" "$name" 2>"$work/stderr"
  ) || { fail "$what: the helper failed: $(cat "$work/stderr")"; return; }
  local got
  got=$(cat "$work/calls" 2>/dev/null || true)
  local opts=${got#*--options=}
  opts=${opts%% *}
  case $want in
  none) [ -z "$got" ] || fail "$what: mounted ($got), should not be" ;;
  ro) [ "$opts" = ro,nosuid,nodev,noexec ] || fail "$what: options '$opts', want read-only" ;;
  rw-fat)
    [ "$opts" = rw,nosuid,nodev,noexec,noatime,sync,uid=kiosk,gid=kiosk,fmask=0117,dmask=0007 ] ||
      fail "$what: options '$opts', want rw for the kiosk user, sync"
    ;;
  rw-ext4) [ "$opts" = rw,nosuid,nodev,noexec,noatime,sync ] || fail "$what: options '$opts', want rw, sync" ;;
  esac
  if [ "$want" != none ]; then
    case $got in
    "--no-block --collect --fsck=no "*" $dev /media/$name") ;;
    *) fail "$what: systemd-mount called as '$got'" ;;
    esac
  fi
  echo "ok: $what${got:+: $got}"
}

image() { # image FILE MKFS_COMMAND...: a 40 MB image made by mkfs
  truncate -s 40M "$1"
  "${@:2}" "$1" >/dev/null 2>"$work/mkfs.err" || { fail "${*:2}: $(cat "$work/mkfs.err")"; return 1; }
}

# The label: FAT holds 11 characters. The former label cannot be made on FAT at all.
image "$work/fat.img" mkfs.vfat -n KIOSK-STATS
image "$work/fat-lower.img" mkfs.vfat -n kiosk-stats 2>/dev/null
image "$work/exfat.img" mkfs.exfat -L KIOSK-STATS
image "$work/ext4.img" mkfs.ext4 -q -L KIOSK-STATS
image "$work/ext4-old.img" mkfs.ext4 -q -L KIOSK-EXPORT
image "$work/plain.img" mkfs.vfat -n HOLIDAY
image "$work/ext2.img" mkfs.ext2 -q -L KIOSK-STATS # ext2: no journal, still ours
# The former label KIOSK-EXPORT (12 characters) fits neither FAT nor exFAT (11 each): only ext4.
truncate -s 40M "$work/old.img"
if mkfs.vfat -n KIOSK-EXPORT "$work/old.img" >/dev/null 2>&1; then
  fail "mkfs.vfat accepted a 12-character label: the test's premise is wrong"
fi
if mkfs.exfat -L KIOSK-EXPORT "$work/old.img" >/dev/null 2>&1; then
  fail "mkfs.exfat accepted a 12-character label: the test's premise is wrong"
fi

root_on 8:2 # a board booting from a USB SSD, sda
expect "FAT stick KIOSK-STATS" /dev/sdb1 sdb1 8:17 rw-fat "$work/fat.img"
expect "FAT stick kiosk-stats (lower case)" /dev/sdb1 sdb1 8:17 rw-fat "$work/fat-lower.img"
expect "exFAT stick KIOSK-STATS" /dev/sdb1 sdb1 8:17 rw-fat "$work/exfat.img"
expect "ext4 stick KIOSK-STATS" /dev/sdb1 sdb1 8:17 rw-ext4 "$work/ext4.img"
expect "ext4 stick KIOSK-EXPORT (former label)" /dev/sdb1 sdb1 8:17 rw-ext4 "$work/ext4-old.img"
expect "ext2 stick KIOSK-STATS" /dev/sdb1 sdb1 8:17 rw-ext4 "$work/ext2.img"
expect "FAT stick HOLIDAY" /dev/sdb1 sdb1 8:17 ro "$work/plain.img"
expect "a stick without a partition table" /dev/sdd sdd 8:48 ro "$work/plain.img"
expect "the SSD's root partition" /dev/sda2 sda2 8:2 none "$work/ext4.img"
expect "the SSD's boot partition, labelled for export" /dev/sda1 sda1 8:1 none "$work/fat.img"
expect "an SSD partition mounted nowhere" /dev/sda3 sda3 8:3 none "$work/fat.img"
ID_FS_TYPE=btrfs ID_FS_LABEL=KIOSK-STATS expect "btrfs stick KIOSK-STATS" /dev/sdb1 sdb1 8:17 ro
root_on 254:0 # root on device-mapper over sdc2
expect "a partition beside the dm root's" /dev/sdc1 sdc1 8:33 none "$work/fat.img"
expect "a stick, root on dm" /dev/sdb1 sdb1 8:17 rw-fat "$work/fat.img"

# The rule hands every USB file system to the helper and mounts nothing itself.
rules=$src/scripts/99-kiosk-usb.rules
# shellcheck disable=SC2016 # the rule's own $devnode, not the shell's
grep -q 'RUN{program}+="@KIOSK_USB_MOUNT@ \$devnode %k"' "$rules" || fail "the rule does not run the helper"
if grep -v '^#' "$rules" | grep -q 'systemd-mount '; then fail "the rule mounts by itself"; fi

if [ $fails -gt 0 ]; then
  echo "$fails failed" >&2
  exit 1
fi
echo "all mount decisions as expected"
