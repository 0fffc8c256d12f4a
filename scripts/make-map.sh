#!/usr/bin/env bash
# Makes assets/map/delta.txt, the vector map of the Yangtze River Delta the kiosk draws, from
# GSHHG high resolution and DCW-GMT's provinces (Debian: gmt, gmt-gshhg-high, gmt-dcw,
# python3-shapely, python3-mapbox-earcut). Run by hand when the map should change; the build
# only reads the committed file and needs none of these.
# gmt dumps the shorelines, rivers and province outlines of the region; scripts/make-map.py
# joins, cuts, closes, classifies and simplifies them and prints the file (format 3):
#   coast, lake, river  the outlines of format 1, unchanged (today's corridor map draws them):
#          shoreline level 1; lakes (level 2, -A…+l) with their islands; the double-lined
#          Yangtze (river-lakes, -A…+r) with its islands, and the rivers -I1 -I2
#   land   areas: the faces of the region the level-1 shoreline cuts it into that are land
#   lake   areas: lakes (Taihu, Chaohu, Hongze …), river  areas: the double-lined Yangtze,
#   isle   areas: islands in lakes and rivers (level 3), painted over them as land again
#          (each area with the triangles that fill it: earcut, at development time)
#   stream lines: single-lined rivers (GSHHG -I1 -I2: the Huai, Qiantang/Xin'an …)
#   border lines: stretches two provinces share (DCW), once, on land
#   province CODE areas: each province's DCW outline cut to the region and to the land
#   label, place  the four provinces' names at a point inside each; Shanghai's centre
# Features under MIN_AREA km² are left out; lines are simplified with Douglas–Peucker.
set -euo pipefail
cd "$(dirname "$0")/.."
# Hefei to the sea, and Ruian (27.8° N) to Lianyungang (34.6° N): every city of the bundled
# content, as tests/test_mapdata.c expects.
REGION=115.5/123/27.5/35.2
TOLERANCE=0.005 # degrees: about 1.5 px when the region fills a 4K screen's map panel
MIN_AREA=2      # km²: smaller islands and lakes are left out
OUT=$PWD/assets/map/delta.txt
PY=/usr/bin/python3 # Debian's, where python3-shapely is
need="apt-get install gmt gmt-gshhg-high gmt-dcw python3-shapely python3-mapbox-earcut"
command -v gmt >/dev/null || { echo "make-map: needs gmt ($need)" >&2; exit 1; }
"$PY" -c "import shapely, mapbox_earcut" 2>/dev/null ||
  { echo "make-map: needs python3-shapely and python3-mapbox-earcut ($need)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
script=$PWD/scripts/make-map.py
cd "$tmp" # gmt leaves gmt.history and such where it runs
run() { echo "+ $*" >&2; "$@"; }
# --GMT_HISTORY=false: no gmt.history left in the work tree.
coast() { run gmt coast -R$REGION -Dh -M --GMT_HISTORY=false "$@"; }
coast -A$MIN_AREA -W1/0.25p >"$tmp/coast.txt"
coast -A$MIN_AREA/2/2+l -W2/0.25p >"$tmp/lakes.txt"
coast -A$MIN_AREA/2/2+r -W2/0.25p >"$tmp/riverlakes.txt"
coast -A$MIN_AREA -W3/0.25p -W4/0.25p >"$tmp/inlake.txt"
coast -A$MIN_AREA -W3/0.25p >"$tmp/l3.txt"
[ "$(coast -A$MIN_AREA -W4/0.25p | grep -c .)" = 0 ] ||
  { echo "make-map: the region has ponds (level 4); make-map.py has no area for them" >&2; exit 1; }
coast -I1/0.25p -I2/0.25p >"$tmp/rivers.txt"
for p in SH JS ZJ AH JX FJ SD HA HB; do # the provinces the region touches (gmt coast -E+L)
  run gmt coast -ECN.$p -M --GMT_HISTORY=false >"$tmp/dcw_$p.txt"
done
version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }
run "$PY" "$script" "$tmp" "$REGION" "$TOLERANCE" "$MIN_AREA" "$(gmt --version)" \
  "$(version gmt-gshhg-high)" "$(version gmt-dcw)" >"$OUT.new"
mv "$OUT.new" "$OUT"
echo "make-map: wrote ${OUT#"$OLDPWD"/} ($(wc -c <"$OUT") bytes)" >&2
