#!/usr/bin/env bash
# The statistics export on a real FAT stick, pulled the moment the kiosk says it may be: the
# package booted in a VM (scripts/vm-boot.sh: qemu, Debian 12's kernel and its FAT driver, udev,
# systemd, the hardened unit), a FAT stick labelled KIOSK-STATS plugged in over USB and mounted by
# the package's udev rule, the export tapped on the kiosk's notice as a curator does (a USB tablet
# in qemu, tapped through QMP), and the stick unplugged from qemu (QMP device_del: the guest sees
# the USB device vanish, as when a stick is pulled) as soon as the kiosk logs that it wrote the
# file. mtools then reads the stick's image on the host, no mount: the file must be whole.
#   1. the stick as the udev rule mounts it (sync);
#   2. the same remounted without sync: the kiosk's own flush (syncfs) alone must keep the file;
#   3. a control: a file copied onto a stick mounted without sync and pulled at once is lost,
#      or pulling here would prove nothing.
# The visits exported are 3000, put into the kiosk's database before it starts (a 130 kB file:
# many clusters and FAT sectors to lose, where the issue lost 73 bytes).
# Skipped (77, with the reason) without KIOSK_VM_ROOT (a Debian 12 root file system as
# scripts/vm-boot.sh's header describes, which `sudo scripts/vm-root.sh DIR` makes: a kernel in
# /boot, exhibit-kiosk installed once so that its dependencies are there, autologin as root on
# ttyS0), qemu, socat, mtools, dosfstools, sqlite3, or root (scripts/bootstrap.sh --vm installs
# the tools). With KIOSK_VM_REQUIRED=1 (CI: .ci/run) each of these fails the test instead.
# Takes about 4 minutes emulated (TCG, 2 cores: 223 s, of which the boot to the kiosk's first
# frame 161 s); ACCEL is handed to vm-boot.sh (KVM, where it works, is far faster).
# Usage: vm_export_pulled.sh PACKAGE_DIR "KIOSK COMMAND" FIXTURE_CONTENT_DIR WORKDIR
# (PACKAGE_DIR: where deploy.package left exhibit-kiosk_*_amd64.deb)
set -euo pipefail
deb=$(echo "$1"/exhibit-kiosk_*_amd64.deb)
read -r -a kiosk <<<"$2"
fixture=$3
work=$4
boot_script=$(cd "$(dirname "$0")/.." && pwd)/scripts/vm-boot.sh
skip() {
  if [ -n "${KIOSK_VM_REQUIRED:-}" ]; then
    echo "FAIL: not skipped where KIOSK_VM_REQUIRED is set: $*" >&2
    exit 1
  fi
  echo "skipped: $*"
  exit 77
}
root=${KIOSK_VM_ROOT:-}
make_root="make one with \`sudo scripts/vm-root.sh DIR\` (about 4 minutes, 1 GB, network), then KIOSK_VM_ROOT=DIR"
[ -n "$root" ] || skip "KIOSK_VM_ROOT is not set (a Debian 12 root file system the VM boots): $make_root"
[ -d "$root" ] || skip "KIOSK_VM_ROOT=$root is not a folder: $make_root"
compgen -G "$root/boot/vmlinuz-*" >/dev/null ||
  skip "no kernel in $root/boot (KIOSK_VM_ROOT): finish it with sudo scripts/vm-root.sh $root"
[ -x "$root/usr/bin/kiosk" ] ||
  skip "exhibit-kiosk is not installed in $root (the VM has no network to fetch its dependencies): sudo scripts/vm-root.sh $root"
for tool in qemu-system-x86_64 socat mtype mdir mcopy mkfs.vfat mkfs.ext4 sqlite3 python3; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (scripts/bootstrap.sh --vm installs what this test needs)"
done
[ "$(id -u)" = 0 ] || skip "the VM's disk is made from $root, whose files only root may read"
[ -f "$deb" ] || skip "no package at $deb (deploy.package builds it)"

rm -rf "$work" && mkdir -p "$work/tool" "$work/vm" && cd "$work"
vm=$work/vm
fail() {
  echo "FAIL: $*" >&2
  [ -f journal.log ] && tail -n 40 journal.log | sed 's/^/  journal: /' >&2
  exit 1
}
stop_vm() { # (KEEP_VM=1 leaves it running, to look around: kill $(cat WORKDIR/vm/qemu.pid))
  [ -n "${KEEP_VM:-}" ] || [ ! -f "$vm/qemu.pid" ] || kill "$(cat "$vm/qemu.pid")" 2>/dev/null || true
  [ -n "${KEEP_VM:-}" ] || rm -f "$vm/disk.img" # 1.3 GB; the logs and the sticks' images stay
}
trap stop_vm EXIT

# ---- the host's side: the package, the visits, the sticks -------------------------------------
cp "$deb" tool/kiosk.deb
mkdir -p data && : >data/stats.sqlite
"${kiosk[@]}" stats --data-dir data >/dev/null # makes the database as the kiosk does
now=$(date +%s)
sqlite3 data/stats.sqlite "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
  INSERT INTO visit(opened_at, exhibit, lang, seconds)
  SELECT $now - 86400 + i * 20, 'exhibit-' || (i % 97), CASE i % 3 WHEN 0 THEN 'en' ELSE 'zh' END,
         i % 300 + 0.25 FROM n;"
"${kiosk[@]}" stats --data-dir data --csv expected.csv >/dev/null
cp data/stats.sqlite tool/
"${kiosk[@]}" pack build "$fixture" -o pack.kpack >/dev/null 2>&1 || fail "cannot build a pack" # offered on the notice
head -c 300000 /dev/urandom | base64 >tool/control.txt
mkfs.ext4 -q -F -d tool tool.img 16M >/dev/null
for s in 1 2 3; do
  truncate -s 64M "stick$s.img"
  mkfs.vfat -n KIOSK-STATS "stick$s.img" >/dev/null
  mcopy -i "stick$s.img" pack.kpack ::pack.kpack
done

# ---- the VM ------------------------------------------------------------------------------------
# Commands go to a root shell over a virtio serial port (cmd), their output comes back on another
# (out), the kiosk's journal on a third: qemu's emulated 16550 on ttyS0, under TCG, now and then
# doubled a character (a "kiosk:" arrived as "kiiosk:"), too unreliable to read marks from;
# ttyS0 only starts that shell.
ports="-device virtio-serial-pci,id=vser
  -chardev socket,id=cmd,path=$vm/cmd.sock,server=on,wait=off
  -device virtserialport,bus=vser.0,chardev=cmd,name=cmd
  -chardev file,id=out,path=$work/out.log -device virtserialport,bus=vser.0,chardev=out,name=out
  -chardev file,id=jrnl,path=$work/journal.log
  -device virtserialport,bus=vser.0,chardev=jrnl,name=journal"
QEMU_EXTRA="-device usb-tablet,bus=xhci.0 $ports
  -drive file=$work/tool.img,format=raw,if=virtio,readonly=on" \
  sh "$boot_script" "$root" "$vm" 0 >/dev/null
started=$(date +%s)
log() { echo "[$(($(date +%s) - started)) s] $*"; }
qmp() { # JSON...: QMP commands, after the capabilities handshake
  { echo '{"execute":"qmp_capabilities"}' && printf '%s\n' "$@"; } |
    socat -t 2 - UNIX-CONNECT:"$vm/qmp.sock" | tail -n +3
}
# One connection to the cmd port for the whole test (the guest's shell reads it; qemu drops what
# a closed connection had not yet handed over).
mkfifo cmd.fifo
socat -u OPEN:cmd.fifo UNIX-CONNECT:"$vm/cmd.sock" &
exec 3>cmd.fifo
echo 0 >calls # (a file: run is often called in a subshell)
run() { # COMMAND [SECONDS]: runs COMMAND in the VM as root; its output on stdout, its status
  local calls start mark wait=${2:-120}
  calls=$(($(cat calls) + 1)) && echo "$calls" >calls
  start="VMOUT-$calls" mark="VMRC-$calls-"
  printf '%s\n' "echo $start; {" "$1" "} 2>&1; echo $mark\$?" >&3
  for _ in $(seq $((wait * 20))); do
    if grep -aq "^${mark}[0-9]" out.log; then
      awk -v s="$start" -v e="$mark" '$0 == s { on = 1; next } index($0, e) == 1 { exit } on' out.log
      grep -aq "^${mark}0\$" out.log
      return
    fi
    sleep 0.05
  done
  fail "no answer in $wait s from the VM's shell to: $1"
}
jcount() { grep -acE "$1" journal.log || true; }
jwait() { # PATTERN COUNT SECONDS: waits until the kiosk's journal has more than COUNT lines
  # matching PATTERN; prints the last
  for _ in $(seq $(($3 * 20))); do
    if [ "$(jcount "$1")" -gt "$2" ]; then
      grep -aE "$1" journal.log | tail -n 1
      return 0
    fi
    sleep 0.05
  done
  fail "no new \"$1\" in the kiosk's journal after $3 s"
}

log "qemu started; waiting for the root shell on ttyS0 to start the one on the virtio port"
: >out.log
for _ in $(seq 120); do
  { printf '%s\n' "bash </dev/virtio-ports/cmd >/dev/virtio-ports/out 2>&1 &" && sleep 2; } |
    socat -u - UNIX-CONNECT:"$vm/serial0.sock" 2>/dev/null || true
  printf 'echo SHELL-UP\n' >&3
  sleep 3
  grep -aq '^SHELL-UP' out.log && break
done
grep -aq '^SHELL-UP' out.log || fail "no root shell in the VM after 600 s (autologin on ttyS0?)"
log "shell up: kernel $(run 'uname -r')"
run "mount -o ro /dev/vdb /mnt" || fail "cannot mount the tool disk in the VM"
# This build's package over the one in the root; the root's kiosk.ini is kept (--force-confold),
# with no auto install (the notice then offers Export) and no attract loop (no visit of its own).
run "systemctl stop kiosk && DEBIAN_FRONTEND=noninteractive dpkg -i --force-confold /mnt/kiosk.deb >/tmp/dpkg.log 2>&1" 300 ||
  fail "dpkg -i failed in the VM (a dependency the root lacks? sudo scripts/vm-root.sh $root adds it): $(run 'tail -n 20 /tmp/dpkg.log')"
# The kiosk's lines and the kernel's, as they come.
run "journalctl -f -n 0 -o short-monotonic _SYSTEMD_UNIT=kiosk.service + _TRANSPORT=kernel >/dev/virtio-ports/journal 2>&1 &"
run "sed -i 's/^auto_install *=.*/auto_install = false/; s/^idle_timeout *=.*/idle_timeout = 0/' /etc/kiosk/kiosk.ini &&
  install -o kiosk -g kiosk -m 0640 /mnt/stats.sqlite /var/lib/kiosk/stats.sqlite &&
  systemctl start kiosk" || fail "cannot start the kiosk with the test's visits"
up=$(jwait "kiosk: showing .* on KMSDRM" 0 300)
log "kiosk up: $up"
case $up in *" 1280x800,"*) ;; *) fail "the VM's screen is not the 1280x800 the tap below is measured on" ;; esac

# The export chip of the notice "a content pack is on the stick" (Install, Export, Close) at
# 1280x800, measured on the VM's screendump. SDL 2.26 reads a USB tablet's absolute position as
# pixels, unscaled, so QMP's absolute value is the pixel.
export_x=${EXPORT_X:-1055}
export_y=${EXPORT_Y:-736}
tap() {
  qmp "{\"execute\":\"input-send-event\",\"arguments\":{\"events\":[
        {\"type\":\"abs\",\"data\":{\"axis\":\"x\",\"value\":$1}},
        {\"type\":\"abs\",\"data\":{\"axis\":\"y\",\"value\":$2}}]}}" \
    '{"execute":"input-send-event","arguments":{"events":[{"type":"btn","data":{"down":true,"button":"left"}}]}}' >/dev/null
  sleep 0.15
  qmp '{"execute":"input-send-event","arguments":{"events":[{"type":"btn","data":{"down":false,"button":"left"}}]}}' >/dev/null
}

plug() { # N: plugs stickN.img into the VM's USB; prints where the kiosk found its pack
  local found
  found=$(jcount "kiosk: found /media/[^/]*/pack.kpack")
  qmp "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"drive_add 0 if=none,id=d$1,file=$work/stick$1.img,format=raw\"}}" \
    "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"usb-storage\",\"bus\":\"xhci.0\",\"drive\":\"d$1\",\"id\":\"stick$1\"}}" >/dev/null
  jwait "kiosk: found /media/[^/]*/pack.kpack" "$found" 120 | grep -o '/media/[^/]*'
}
pull() { # N: unplugs stickN as a visitor pulls it: no unmount, no warning; the kernel's lines
  # of the next 3 s go to pulledN.log
  local from
  from=$(wc -l <journal.log)
  qmp "{\"execute\":\"device_del\",\"arguments\":{\"id\":\"stick$1\"}}" >/dev/null
  sleep 3
  tail -n +"$((from + 1))" journal.log | grep -a ' kernel: ' >"pulled$1.log" || true
}
export_and_pull() { # N: taps Export, pulls the stick the moment the kiosk logs it wrote the file
  local before line
  before=$(jcount 'kiosk: (wrote|cannot export)')
  tap "$export_x" "$export_y"
  for _ in $(seq 600); do
    [ "$(jcount 'kiosk: (wrote|cannot export)')" -gt "$before" ] && break
    sleep 0.05
  done
  line=$(grep -aE 'kiosk: (wrote|cannot export)' journal.log | tail -n 1)
  [ "$(jcount 'kiosk: (wrote|cannot export)')" -gt "$before" ] ||
    fail "no export 30 s after tapping ($export_x, $export_y): not the Export chip? (see notice$1.ppm)"
  case $line in *"cannot export"*) fail "stick $1: $line" ;; esac
  pull "$1"
  log "stick $1 pulled at once after: $line"
  grep -v 'Directory bread' "pulled$1.log" | sed 's/^/  kernel: /'
  echo "  kernel: ($(grep -c 'Directory bread' "pulled$1.log" || true) lines \"Directory bread(block N) failed\")"
  grep -o '/media/[^ ]*\.csv' <<<"$line" >"exported$1"
  grep -o 'wrote [0-9]*' <<<"$line" | cut -d' ' -f2 >"said$1"
}
# Whole: the file the kiosk named on the pulled stick's image, the same bytes as exported on the
# host from the same database, with as many rows as the kiosk said.
check_stick() { # N
  local name said
  name=$(basename "$(cat "exported$1")")
  said=$(cat "said$1")
  mdir -i "stick$1.img" -a :: >"mdir$1.txt" 2>&1 || true
  mtype -i "stick$1.img" "::$name" >"got$1.csv" 2>"mtype$1.err" ||
    fail "stick $1: no $name on the pulled stick: $(cat "mtype$1.err"); on it: $(cat "mdir$1.txt")"
  echo "stick $1: $name, $(wc -c <"got$1.csv") bytes on the pulled stick (kiosk: $said visits)"
  cmp -s expected.csv "got$1.csv" ||
    fail "stick $1: $name is not the export: $(wc -c <"got$1.csv") bytes, want $(wc -c <expected.csv); first bytes: $(head -c 120 "got$1.csv" | od -c | head -n 3)"
  python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline=""))); assert r[0]==["opened_at_utc","exhibit","lang","seconds"] and all(len(x)==4 for x in r) and len(r)-1==int(sys.argv[2]), len(r)' \
    "got$1.csv" "$said" || fail "stick $1: the file does not parse as the kiosk's CSV with $said rows"
  if grep -q 'tmp-' "mdir$1.txt"; then fail "stick $1: a temporary file was left: $(cat "mdir$1.txt")"; fi
}

# 1. As the udev rule mounts it.
at=$(plug 1)
log "stick 1 mounted at $at: $(run "findmnt -no FSTYPE,OPTIONS $at")"
qmp "{\"execute\":\"screendump\",\"arguments\":{\"filename\":\"$work/notice1.ppm\"}}" >/dev/null
export_and_pull 1

# 2. Without sync: only the kiosk's flush stands between the file and a pull.
at=$(plug 2)
run "mount -o remount,async $at" || fail "cannot remount $at without sync"
opts=$(run "findmnt -no FSTYPE,OPTIONS $at")
case ",$opts," in *,sync,*) fail "stick 2 is still mounted sync: $opts" ;; esac
log "stick 2 remounted at $at: $opts"
export_and_pull 2

# 3. The control: a file copied onto a stick without sync and pulled at once does not survive.
at=$(plug 3)
run "mount -o remount,async $at && cp /mnt/control.txt $at/control.txt" || fail "cannot write the control file"
pull 3
log "stick 3: control file copied to $at and pulled at once"
grep -a 'lost' pulled3.log | sed 's/^/  kernel: /'
run "systemctl is-active kiosk" >/dev/null || fail "the kiosk is not running after the pulls"
# The issue's sign of a lost export: writes the kernel still had for the stick when it went.
for n in 1 2; do
  if grep -a 'lost .*page write' "pulled$n.log"; then fail "stick $n: the kernel lost writes when it was pulled"; fi
done

check_stick 1
check_stick 2
ctl=$(mtype -i stick3.img ::control.txt 2>/dev/null | wc -c || true)
if mtype -i stick3.img ::control.txt 2>/dev/null | cmp -s - tool/control.txt; then
  fail "control: a file written without any flush survived the pull whole: this pull proves nothing"
fi
echo "control: $ctl of $(wc -c <tool/control.txt) bytes of an unflushed copy on its pulled stick (lost, as expected)"
echo "the export on a FAT stick pulled at once, in a VM: whole"
