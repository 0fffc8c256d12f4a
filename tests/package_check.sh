#!/usr/bin/env bash
# The Debian package as the README builds it (Release, prefix /usr, cpack -G DEB): lintian finds
# no error or warning in it or its -dbgsym package, the manual pages, the bash completion and the
# doc folder named after the package are in it, the font is Debian's (a link, and a dependency),
# and the installed unit scores 3.0 or lower in `systemd-analyze security` and verifies.
# Usage: package_check.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" >/dev/null
rm -f "$build"/*.deb "$build"/*.ddeb
(cd "$build" && cpack -G DEB >/dev/null 2>&1) || fail "cpack failed"
deb=$(echo "$build"/exhibit-kiosk_*.deb)
ddeb=$(echo "$build"/exhibit-kiosk-dbgsym_*.ddeb)
{ [ -f "$deb" ] && [ -f "$ddeb" ]; } || fail "cpack made no .deb and -dbgsym .ddeb"

lintian --tag-display-limit 0 "$deb" "$ddeb" >"$build/lintian.txt" 2>&1 || true
sed -i '/^running with root/d' "$build/lintian.txt"
cat "$build/lintian.txt"
if grep -E '^[EW]: ' "$build/lintian.txt" >/dev/null; then fail "lintian: errors or warnings above"; fi

contents=$(dpkg-deb -c "$deb")
for f in ./usr/share/man/man1/kiosk.1.gz ./usr/share/man/man5/kiosk.ini.5.gz \
  ./usr/share/doc/exhibit-kiosk/copyright ./usr/share/doc/exhibit-kiosk/changelog.gz \
  ./usr/share/bash-completion/completions/kiosk; do
  grep -q " $f\$" <<<"$contents" || fail "$f is not in the package"
done
grep -q "NotoSansCJK-Regular.ttc -> ../../../fonts/opentype/noto/NotoSansCJK-Regular.ttc" \
  <<<"$contents" || fail "the font is not a link to Debian's"
dpkg-deb -f "$deb" Depends | grep -qw fonts-noto-cjk || fail "no dependency on fonts-noto-cjk"
[ "$(dpkg-deb -f "$deb" Version)" = "$(dpkg-parsechangelog -l "$src/scripts/debian/changelog" -S Version)" ] ||
  fail "the changelog's version is not the package's"

dpkg-deb -x "$deb" "$build/root"
unit=$build/root/usr/lib/systemd/system/kiosk.service
systemd-analyze security --offline=true --threshold=30 "$unit" | tail -1
systemd-analyze security --offline=true --threshold=30 "$unit" >/dev/null 2>&1 ||
  fail "the unit is exposed above 3.0"
grep -v "^#" "$unit" | grep -q udev-settle && fail "the unit still waits for systemd-udev-settle"
# (Its ExecStart is not installed on this machine: that one complaint is expected.)
systemd-analyze verify --man=no "$unit" >"$build/verify.txt" 2>&1 || true
sed -i '/is not executable/d' "$build/verify.txt"
cat "$build/verify.txt"
[ ! -s "$build/verify.txt" ] || fail "systemd-analyze verify: see above"
echo "package: lintian clean, man pages, doc folder, Debian's font, unit hardened"
