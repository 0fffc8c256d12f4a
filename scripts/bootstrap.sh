#!/usr/bin/env bash
# Installs what building and testing the kiosk needs from Debian's packages, and nothing that is
# already there. Prints every command it runs. Usage: scripts/bootstrap.sh [--arm64] [--vm]
#   --arm64  also the aarch64 cross toolchain, qemu-user and the arm64 -dev packages (CI's third
#            preset). Debian 12's libunibreak-dev is not multiarch, so its arm64 files are unpacked
#            into build/sysroot-arm64 instead of being installed.
#   --vm     also what e2e.stats-export-vm needs to make a VM root (scripts/vm-root.sh) and boot
#            the package in it: debootstrap, qemu-system-x86, socat, python3 (.ci/run; about
#            80 MB installed, so not for the README's test command, which skips that test).
set -euo pipefail
cd "$(dirname "$0")/.."

host_pkgs=(cmake ninja-build pkg-config gcc libc6-dev git
  libsdl2-dev libsdl2-image-dev libfreetype-dev libharfbuzz-dev libsqlite3-dev
  libunibreak-dev libsodium-dev libcmocka-dev libyaml-dev libsystemd-dev libdrm-dev fonts-noto-cjk
  libqrencode-dev
  sqlite3 minisign clang libclang-rt-14-dev llvm-14
  syncthing                        # three kiosks kept in step (e2e.fleet-syncthing)
  xvfb xdotool imagemagick weston # the kiosk seen in X11 and Wayland windows
  dosfstools exfatprogs mtools     # stick images for the mount rule and the statistics export
  zbar-tools                       # zbarimg reads the QR codes of a rendered page (e2e.qr-decodes)
  lintian dpkg-dev                 # the package checked as Debian would (deploy.package)
  bash-completion)                 # the completion script tried as a shell runs it (cli.options)
vm_pkgs=(debootstrap qemu-system-x86 socat python3)
arm_libs=(libsdl2-dev libsdl2-image-dev libfreetype-dev libharfbuzz-dev
  libsqlite3-dev libsodium-dev libcmocka-dev libyaml-dev libsystemd-dev libdrm-dev libqrencode-dev)

sudo_=()
[ "$(id -u)" = 0 ] || sudo_=(sudo)
run() { echo "+ $*"; "$@"; }

missing() { # prints the packages of "$@" that are not installed
  for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || echo "$p"
  done
}

arm=
vm=
for a in "$@"; do
  case $a in
    --arm64) arm=1 ;;
    --vm) vm=1 ;;
    *)
      echo "bootstrap.sh: unknown option $a; usage: scripts/bootstrap.sh [--arm64] [--vm]" >&2
      exit 2
      ;;
  esac
done

want=("${host_pkgs[@]}")
[ -z "$vm" ] || want+=("${vm_pkgs[@]}")
if [ -n "$arm" ]; then
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    run "${sudo_[@]}" dpkg --add-architecture arm64
  fi
  want+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static)
  for p in "${arm_libs[@]}"; do want+=("$p:arm64"); done
fi

mapfile -t todo < <(missing "${want[@]}")
if [ ${#todo[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  run "${sudo_[@]}" apt-get update -q
  run "${sudo_[@]}" apt-get install -y -q --no-install-recommends "${todo[@]}"
else
  echo "bootstrap: every package is installed already"
fi

if [ -n "$arm" ] && [ ! -f build/sysroot-arm64/usr/include/linebreak.h ]; then
  mkdir -p build/sysroot-arm64 build/debs-arm64
  ( cd build/debs-arm64 && run apt-get download libunibreak-dev:arm64 libunibreak1:arm64 )
  for d in build/debs-arm64/*.deb; do run dpkg -x "$d" build/sysroot-arm64; done
fi
if [ -n "$arm" ]; then
  # A pkg-config file that points into the unpacked files (the package's own points at /usr/lib,
  # where the host's library is).
  root="$PWD/build/sysroot-arm64"
  mkdir -p "$root/pkgconfig"
  cat >"$root/pkgconfig/libunibreak.pc" <<PC
Name: libunibreak
Description: libunibreak for arm64, unpacked for cross builds
Version: 1.1
Libs: -L$root/usr/lib -lunibreak
Cflags: -I$root/usr/include
PC
fi
