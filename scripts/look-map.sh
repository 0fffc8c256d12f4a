#!/usr/bin/env bash
# Draws a map file (default assets/map/delta.txt) to a PNG with gmt, for looking at what
# scripts/make-map.sh made, as the file has it: areas filled in file order (sea the
# background), outlines, streams, borders, province labels and places. gmt has no CJK font,
# so labels show the code and English name (SH Shanghai); the Chinese names are in the file.
# Usage: scripts/look-map.sh [MAP] [OUT.png]   (needs gmt: apt-get install gmt)
set -euo pipefail
map=$(realpath "${1:-$(dirname "$0")/../assets/map/delta.txt}")
out=$(realpath -m "${2:-map.png}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One gmt multi-segment file per group (area land, layer coast, area province SH …), and the
# labels and places as text.
awk -v d="$tmp" '
  /^#/ || /^$/ { next }
  /^(format|bbox)/ { if ($1 == "bbox") print $2 "/" $4 "/" $3 "/" $5 > d "/region"; next }
  /^(layer|area)/ { f = d "/" $1 "_" $2 ($3 ? "_" $3 : "") ".txt"; next }
  /^label/ { en = $7; for (i = 8; i <= NF; i++) en = en " " $i; print $3, $4, $2 " " en > d "/labels.txt"; next }
  /^place/ { print $3, $4, $2 > d "/places.txt"; next }
  NF == 1 { print ">" > f; next }
  { print $1, $2 > f }' "$map"
region=$(cat "$tmp/region")
cd "$tmp"
gmt begin look png
gmt basemap -R"$region" -JM16c -Baf -B+g'#bcd7ee'
for a in land lake river isle; do
  case $a in land | isle) fill='#efe8d8' ;; *) fill='#8fbfe6' ;; esac
  [ -f area_$a.txt ] && gmt plot area_$a.txt -G"$fill"
done
for p in area_province_*.txt; do gmt plot "$p" -W0.1p,'#c0a080',.; done
[ -f layer_coast.txt ] && gmt plot layer_coast.txt -W0.3p,'#4f6f95'
[ -f layer_stream.txt ] && gmt plot layer_stream.txt -W0.4p,'#3f7cc4'
[ -f layer_border.txt ] && gmt plot layer_border.txt -W0.6p,'#8a5a9a',-
[ -f places.txt ] && gmt plot places.txt -Sc0.15c -Gred -Wblack
if [ -f labels.txt ]; then
  gmt plot labels.txt -Sx0.2c -W0.5p,black
  gmt text labels.txt -F+f8p,Helvetica-Bold,black+jTL -D0.1c/-0.1c
fi
gmt end
mv look.png "$out"
echo "look-map: wrote $out" >&2
