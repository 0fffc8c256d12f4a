#!/usr/bin/env bash
# The memory budget's second half: a pack twice the size may cost at most 5 % more. Builds a
# copy of content/ with every exhibit duplicated under a new id (the links of the copies still
# resolve), then tours every screen of both packs and prints their peak RSS.
# Usage: tests/bench/double-pack.sh [KIOSK_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
kiosk=${1:-build/default/kiosk}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r content "$tmp/double"
for kind in achievements cities events; do
  for f in content/$kind/*.md; do
    id=$(basename "$f" .md)
    sed "s/^id: $id\$/id: $id-copy/" "$f" >"$tmp/double/$kind/$id-copy.md"
  done
done
# A city copy would share its corridor position: only the originals stay on the corridor.
sed -i '/^corridor: g60$/d; /^corridor_order:/d' "$tmp"/double/cities/*-copy.md
SOURCE_DATE_EPOCH=0 "$kiosk" pack build content -o "$tmp/single.kpack" >/dev/null
SOURCE_DATE_EPOCH=0 "$kiosk" pack build "$tmp/double" -o "$tmp/double.kpack" >/dev/null
rss() { "$kiosk" bench --only tour --pack "$1" | awk '/^memory/ {print $4}'; }
a=$(rss "$tmp/single.kpack")
b=$(rss "$tmp/double.kpack")
printf 'bundled pack  %s bytes, peak RSS %s MB touring every screen\n' "$(stat -c %s "$tmp/single.kpack")" "$a"
printf 'double pack   %s bytes, peak RSS %s MB touring every screen\n' "$(stat -c %s "$tmp/double.kpack")" "$b"
awk -v a="$a" -v b="$b" 'BEGIN { printf "the double pack costs %+.1f %% more\n", (b - a) / a * 100 }'
