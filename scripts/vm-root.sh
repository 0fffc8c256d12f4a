#!/usr/bin/env bash
# Makes the Debian 12 (bookworm, amd64) root file system that scripts/vm-boot.sh boots and
# e2e.stats-export-vm (tests/vm_export_pulled.sh) tests the package in, from nothing, with Debian's
# own tools and archive. Needs root, debootstrap and the network (about 250 MB fetched; the root
# takes 950 MB; 3.5 to 4.5 minutes here). Prints every command it runs.
#
#   scripts/vm-root.sh ROOTDIR [DEB]
#
# ROOTDIR: made if absent (built in ROOTDIR.partial, renamed when finished, so that an interrupted
#   run leaves no half root behind: the next run starts that one again). On a finished root only
#   what is missing is done; a root that lacks nothing is left as it is ("nothing to do").
# DEB: the exhibit-kiosk package (default: the one deploy.package built,
#   build/default/tests/package/exhibit-kiosk_*_amd64.deb). It is installed once with apt so that
#   its dependencies are in the root: the VM has no network, and the test installs the package it
#   is given over this one with dpkg. When DEB depends on a package the root lacks, the root
#   gets it.
# MIRROR: the Debian archive (default http://deb.debian.org/debian); a snapshot.debian.org URL
#   pins every package's version.
#
# What the root holds, and why:
# - debootstrap --variant=minbase bookworm, with systemd-sysv, udev and dbus: the init, the device
#   manager whose rule mounts the sticks, and the bus systemd's tools talk over;
# - linux-image-amd64 and initramfs-tools: vm-boot.sh boots /boot/vmlinuz-* and /boot/initrd.img-*
#   (the initramfs's default MODULES=most holds virtio_blk for root=/dev/vda);
# - /etc/fstab (/dev/vda as /, ext4, as vm-boot.sh makes its disk) and /etc/hostname kiosk-vm;
# - a drop-in that logs root in on ttyS0 without a password: the test types into that console to
#   start a shell on its virtio serial ports (udev names them /dev/virtio-ports/NAME itself);
# - the package, for its dependencies (Mesa's DRI drivers for virtio-gpu, SDL2, the CJK font...).
# No network, no password, no ssh: the VM is a test bench, not a machine to reach.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
usage="usage: vm-root.sh ROOTDIR [DEB]"
die() {
  echo "vm-root.sh: $*" >&2
  exit 1
}
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ -z "$1" ]; then die "$usage"; fi
root=$1
deb=${2:-}
mirror=${MIRROR:-http://deb.debian.org/debian}
run() {
  echo "+ $*"
  "$@"
}
in_root() { # COMMAND...: runs COMMAND in the root being made, with apt's questions answered
  run chroot "$dir" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 "$@"
}

# ---- what this needs, said before anything is done --------------------------------------------
if [ -z "$deb" ]; then
  deb=$(echo "$src"/build/default/tests/package/exhibit-kiosk_*_amd64.deb)
  [ -f "$deb" ] || die "no package at $deb: build it first (ctest --preset default -R deploy.package) or name one: $usage"
fi
[ -f "$deb" ] || die "no package at $deb"
[ "$(id -u)" = 0 ] || die "needs root (debootstrap and chroot do): sudo $0 $*"
for tool in debootstrap chroot dpkg-deb; do
  command -v "$tool" >/dev/null ||
    die "$tool is not installed: apt-get install debootstrap (or scripts/bootstrap.sh --vm)"
done
[ "$(dpkg-deb -f "$deb" Package)" = exhibit-kiosk ] || die "$deb is not the exhibit-kiosk package"
[ "$(dpkg-deb -f "$deb" Architecture)" = amd64 ] || die "$deb is not for amd64 (the VM is amd64)"
deb=$(realpath "$deb")
root=${root%/}

# ---- the steps: each one first looks whether it is done ---------------------------------------
done_any=
step() { # TITLE: says which step runs
  done_any=1
  echo "=== $1"
}

base_done() { [ -f "$dir/var/lib/dpkg/status" ] && [ ! -e "$dir/debootstrap" ]; }
make_base() {
  step "debootstrap bookworm (amd64) into $dir from $mirror"
  run debootstrap --arch=amd64 --variant=minbase --include=systemd-sysv,udev,dbus \
    bookworm "$dir" "$mirror"
}

kernel_done() { compgen -G "$dir/boot/vmlinuz-*" >/dev/null && compgen -G "$dir/boot/initrd.img-*" >/dev/null; }
make_kernel() {
  step "the kernel and its initramfs"
  in_root apt-get update -q
  in_root apt-get install -y -q --no-install-recommends linux-image-amd64 initramfs-tools
}

# The files the root needs, each with its whole content (so that "done" is a byte comparison).
autologin="etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf"
file_text() { # PATH (relative to the root): prints what that file must hold
  case $1 in
    etc/fstab) echo "/dev/vda / ext4 rw 0 1" ;;
    etc/hostname) echo "kiosk-vm" ;;
    "$autologin") printf '%s\n' "[Service]" "ExecStart=" \
      "ExecStart=-/sbin/agetty -o '-p -f -- \\\\u' --keep-baud --autologin root 115200,57600,38400,9600 %I \$TERM" ;;
  esac
}
files=(etc/fstab etc/hostname "$autologin")
files_done() {
  local f
  for f in "${files[@]}"; do file_text "$f" | cmp -s - "$dir/$f" || return 1; done
}
make_files() {
  local f
  step "the root's settings: / on /dev/vda, host name, root logged in on ttyS0"
  for f in "${files[@]}"; do
    echo "+ write $dir/$f:"
    file_text "$f" | sed 's/^/    /'
    mkdir -p "$(dirname "$dir/$f")"
    file_text "$f" >"$dir/$f"
  done
}

# The package is there and apt would install nothing else with it: every dependency is met.
package_done() {
  local sim
  [ -x "$dir/usr/bin/kiosk" ] || return 1
  cp "$deb" "$dir/tmp/exhibit-kiosk.deb"
  sim=$(chroot "$dir" env LC_ALL=C.UTF-8 apt-get -s -q install /tmp/exhibit-kiosk.deb 2>&1) || sim="Inst ?"
  rm -f "$dir/tmp/exhibit-kiosk.deb"
  ! grep '^Inst ' <<<"$sim" | grep -qv '^Inst exhibit-kiosk '
}
make_package() {
  step "$(basename "$deb") and its dependencies"
  cp "$deb" "$dir/tmp/exhibit-kiosk.deb"
  in_root apt-get update -q
  in_root apt-get install -y -q --no-install-recommends /tmp/exhibit-kiosk.deb
  rm -f "$dir/tmp/exhibit-kiosk.deb"
  # The downloaded archives and lists are not needed to boot: a smaller root, a faster disk image.
  in_root apt-get clean
  run find "$dir/var/lib/apt/lists" -type f -name '*_dists_*' -delete
}

if [ -d "$root" ]; then
  dir=$root
  base_done || die "$root is not a finished debootstrap (no var/lib/dpkg/status, or debootstrap/ left): remove it and run again"
else
  dir=$root.partial
  echo "vm-root.sh: making $root (in $dir until it is finished)"
  if [ -e "$dir" ]; then
    # An interrupted debootstrap leaves its /proc and /sys mounted in the root it was making.
    awk -v d="$dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r |
      while read -r m; do run umount -l "$m"; done
    run rm -rf --one-file-system "$dir"
  fi
  mkdir -p "$(dirname "$dir")"
fi
base_done || make_base
kernel_done || make_kernel
files_done || make_files
package_done || make_package
kernel_done || die "no /boot/vmlinuz-* and /boot/initrd.img-* in $dir after installing linux-image-amd64"
package_done || die "the package's dependencies are still not all in $dir"
[ "$dir" = "$root" ] || run mv "$dir" "$root"
if [ -n "$done_any" ]; then
  echo "vm-root.sh: $root is ready ($(du -sh --one-file-system "$root" | cut -f1)): KIOSK_VM_ROOT=$root"
else
  echo "vm-root.sh: $root is ready already, nothing to do: KIOSK_VM_ROOT=$root"
fi
