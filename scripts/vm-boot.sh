#!/bin/sh
# Boot a Debian 12 amd64 root file system (a debootstrap chroot with exhibit-kiosk installed) in
# qemu, with virtio-gpu for KMS/DRM, to check that the packaged unit brings the kiosk up on boot.
# Needs qemu, socat, a prepared chroot with a kernel, and a few minutes (emulated, the kiosk's
# first frame came 115 s after the kernel started: see ACCEL). ctest runs it in
# e2e.stats-export-vm (tests/vm_export_pulled.sh) when KIOSK_VM_ROOT names such a chroot.
#
#   scripts/vm-boot.sh ROOTDIR WORKDIR [SECONDS]
#
# ROOTDIR: the chroot, as `scripts/vm-root.sh ROOTDIR` makes it (debootstrap bookworm, then
#   linux-image-amd64, systemd-sysv, udev; its /boot holds the vmlinuz-* and initrd.img-* booted),
#   the package installed in it (`chroot ROOTDIR apt install ./exhibit-kiosk_*.deb` enables
#   kiosk.service). For a root shell
#   on ttyS0, a drop-in serial-getty@ttyS0.service.d/autologin.conf with
#   `ExecStart=-/sbin/agetty -o '-p -f -- \\u' --keep-baud --autologin root 115200 %I $TERM`.
# WORKDIR: receives disk.img (an ext4 image made from ROOTDIR with mkfs.ext4 -d; the chroot
#   itself is left as it was), serial0.log (kernel console and the ttyS0 shell), serial1.log
#   (ttyS1, for a report service writing there), screen.ppm (qemu's screendump after SECONDS,
#   default 60; `pnmtopng` from netpbm makes it a PNG), and the sockets qmp.sock (QMP) and
#   serial0.sock (ttyS0: `socat - UNIX-CONNECT:WORKDIR/serial0.sock`).
# A USB stick is plugged in through QMP: human-monitor-command "drive_add 0
#   if=none,id=s1,file=STICK.img,format=raw", then device_add usb-storage bus=xhci.0 drive=s1.
# The VM keeps running after the screendump; stop it with `kill $(cat WORKDIR/qemu.pid)`.
# ACCEL: qemu's accelerator options, default "-accel tcg,thread=multi -cpu Nehalem" (emulated).
#   Not "-cpu max": with it qemu 7.2 emulates AVX2, and Mesa's llvmpipe, whose shaders then use
#   it, drew the kiosk's screens with shapes missing (icons, the language pill, the map panel)
#   and wrong colours; Nehalem has no AVX and the screens match `kiosk render` (but the boot is
#   slower: the kiosk's first frame 115 s after the kernel started, against 45 s).
#   "-enable-kvm -cpu host" is far faster where KVM runs a stock kernel; on a host whose
#   /dev/kvm is kvm-pvm (a nested host: `dmesg | grep kvm-pvm`) Debian's kernel never gets past
#   its decompressor and the serial console stays empty.
# KERNEL_ARGS: added to the kernel command line (audit=1, say, to see seccomp's log in the journal).
# QEMU_EXTRA: more qemu options (words), e.g. "-device usb-tablet,bus=xhci.0" for a pointer that
#   QMP's input-send-event can tap with (tests/vm_export_pulled.sh).
# SECONDS 0: no wait and no screendump; the script returns once qemu runs.
set -eu
root=${1:?usage: vm-boot.sh ROOTDIR WORKDIR [SECONDS]}
work=${2:?usage: vm-boot.sh ROOTDIR WORKDIR [SECONDS]}
wait_s=${3:-60}
mkdir -p "$work"
kernel=''
initrd=''
for f in "$root"/boot/vmlinuz-*; do kernel=$f; done
for f in "$root"/boot/initrd.img-*; do initrd=$f; done
if [ ! -f "$kernel" ] || [ ! -f "$initrd" ]; then
  echo "no vmlinuz-* and initrd.img-* in $root/boot: install linux-image-amd64 in the chroot" >&2
  exit 1
fi
rm -f "$work/disk.img" "$work/serial0.log" "$work/serial1.log" "$work/screen.ppm"
# 3 GiB, sparse: the root file system plus room for the kiosk's data folder and the journal.
truncate -s 3G "$work/disk.img"
mkfs.ext4 -q -F -L kioskroot -d "$root" "$work/disk.img"
# ACCEL and QEMU_EXTRA are split into words on purpose: they hold several options.
# shellcheck disable=SC2086
qemu-system-x86_64 ${ACCEL:--accel tcg,thread=multi -cpu Nehalem} -m 1024 -smp 2 \
    -kernel "$kernel" -initrd "$initrd" \
    -append "root=/dev/vda rw console=ttyS0,115200 net.ifnames=0 ${KERNEL_ARGS:-}" \
    -drive file="$work/disk.img",format=raw,if=virtio \
    -device virtio-gpu-pci -display none -vga none \
    -device qemu-xhci,id=xhci \
    -chardev "socket,id=s0,path=$work/serial0.sock,server=on,wait=off,logfile=$work/serial0.log" \
    -serial chardev:s0 \
    -serial file:"$work/serial1.log" \
    -qmp unix:"$work/qmp.sock",server=on,wait=off \
    -nic none ${QEMU_EXTRA:-} -daemonize -pidfile "$work/qemu.pid"
[ "$wait_s" != 0 ] || exit 0
echo "qemu running (pid $(cat "$work/qemu.pid")); screendump in ${wait_s} s"
sleep "$wait_s"
# QMP wants its capabilities negotiated before any command.
printf '%s\n' '{"execute":"qmp_capabilities"}' \
    "{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"$work/screen.ppm\"}}" |
    socat -t 3 - UNIX-CONNECT:"$work/qmp.sock"
echo
ls -l "$work/screen.ppm"
