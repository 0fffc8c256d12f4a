#!/usr/bin/env bash
# Makes assets/map/delta.txt, the vector map of the Yangtze River Delta the kiosk draws, from
# GSHHG high resolution (Debian: gmt, gmt-gshhg-high). Run by hand when the map should change;
# the build only reads the committed file and does not need gmt.
#   coast  shoreline level 1 (-W1), islands under MIN_AREA km² left out
#   lake   shoreline level 2 lakes (-A…+l: Taihu, Chaohu, Hongze, Gaoyou …), and level 3/4
#          (islands in lakes, lakes on those) except the islands of river-lakes
#   river  the double-lined stretches of the Yangtze (with Poyang: level 2 river-lakes, -A…+r, with
#          their islands) and GSHHG rivers -I1 -I2 (permanent and additional major rivers:
#          the Qiantang/Xin'an, Huai …)
# Pieces gmt cuts at its bins are joined again, cut exactly at the region's edge, simplified with
# Douglas–Peucker at TOLERANCE degrees; polylines left with fewer than 3 points are dropped.
# GSHHG's -N2 borders are only those of the Americas; provincial borders would need DCW
# (gmt-dcw) and a `border` layer the loader (app/ui/mapdata.c) does not know yet, so none.
set -euo pipefail
cd "$(dirname "$0")/.."
# Hefei to the sea, and Ruian (27.8° N) to Lianyungang (34.6° N): every city of the bundled
# content, as tests/test_mapdata.c expects.
REGION=115.5/123/27.5/35.2
TOLERANCE=0.005 # degrees: about 1.5 px when the region fills a 4K screen's map panel
MIN_AREA=2      # km²: smaller islands and lakes are left out
OUT=assets/map/delta.txt
command -v gmt >/dev/null || { echo "make-map: needs gmt and gmt-gshhg-high (apt-get install gmt gmt-gshhg-high)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { echo "+ $*" >&2; "$@"; }
# --GMT_HISTORY=false: no gmt.history left in the work tree.
coast() { run gmt coast -R$REGION -Dh -M --GMT_HISTORY=false "$@"; }
coast -A$MIN_AREA -W1/0.25p >"$tmp/coast.txt"
coast -A$MIN_AREA/2/2+l -W2/0.25p >"$tmp/lakes.txt"
coast -A$MIN_AREA/2/2+r -W2/0.25p >"$tmp/riverlakes.txt"
coast -A$MIN_AREA -W3/0.25p -W4/0.25p >"$tmp/inlake.txt"
coast -I1/0.25p -I2/0.25p >"$tmp/rivers.txt"
version=$(gmt --version)
gshhg=$(dpkg-query -W -f='${Version}' gmt-gshhg-high 2>/dev/null || echo unknown)
run python3 - "$tmp" "$REGION" "$TOLERANCE" "$MIN_AREA" "$version" "$gshhg" >"$OUT.new" <<'PY'
import sys

tmp, region, tol, min_area, version, gshhg = sys.argv[1:]
tol = float(tol)
W, E, S, N = map(float, region.split('/'))

def read(name):
    """The segments of a gmt -M file, each a list of (lon, lat)."""
    segs, pts = [], None
    for line in open(f'{tmp}/{name}.txt'):
        if line.startswith('>'):
            pts = []
            segs.append(pts)
        elif line.strip():
            lon, lat = map(float, line.split()[:2])
            if not pts or pts[-1] != (lon, lat):
                pts.append((lon, lat))
    return [s for s in segs if len(s) > 1]

def key(p): return (round(p[0], 7), round(p[1], 7))

def stitch(segs):
    """Joins the pieces gmt cut at its bin edges back into whole lines and rings."""
    segs = [list(s) for s in segs]
    alive = set(range(len(segs)))
    ends = {}
    for i, s in enumerate(segs):
        ends.setdefault(key(s[0]), set()).add(i)
        ends.setdefault(key(s[-1]), set()).add(i)
    def unlink(i):
        for p in (segs[i][0], segs[i][-1]):
            ends[key(p)].discard(i)
    out = []
    while alive:
        i = min(alive); alive.discard(i); unlink(i)
        line = segs[i]
        for _ in range(2):  # grow at the tail, then (reversed) at the other end
            while key(line[0]) != key(line[-1]):
                cand = ends.get(key(line[-1]))
                if not cand: break
                j = min(cand); alive.discard(j); unlink(j)
                s = segs[j] if key(segs[j][0]) == key(line[-1]) else segs[j][::-1]
                line = line + s[1:]
            line = line[::-1]
        out.append(line)
    return out

def clip(pts):
    """The runs of a polyline inside the region, cut exactly where it crosses the edge."""
    def inside(p): return W <= p[0] <= E and S <= p[1] <= N
    def cut(a, b):  # Liang–Barsky: the part of segment a-b inside the region, or None
        t0, t1 = 0.0, 1.0
        dx, dy = b[0] - a[0], b[1] - a[1]
        for p, q in ((-dx, a[0] - W), (dx, E - a[0]), (-dy, a[1] - S), (dy, N - a[1])):
            if p == 0:
                if q < 0: return None
            else:
                t = q / p
                if p < 0: t0 = max(t0, t)
                else: t1 = min(t1, t)
        if t0 > t1: return None
        return ((a[0] + t0 * dx, a[1] + t0 * dy), (a[0] + t1 * dx, a[1] + t1 * dy))
    if all(inside(p) for p in pts): return [pts]
    runs, run = [], []
    for a, b in zip(pts, pts[1:]):
        c = cut(a, b)
        if c is None:
            if len(run) > 1: runs.append(run)
            run = []
            continue
        if not run: run = [c[0]]
        run.append(c[1])
        if c[1] != b:  # leaves the region
            runs.append(run); run = []
    if len(run) > 1: runs.append(run)
    return runs

def simplify(pts):
    """Douglas–Peucker at tol, keeping the end points (so rings stay closed)."""
    if len(pts) < 3: return pts
    keep = [False] * len(pts); keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = 0.0, -1
        for i in range(a + 1, b):
            x0, y0 = pts[i]
            if norm: d = abs(dy * (x0 - x1) - dx * (y0 - y1)) / norm
            else: d = ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5
            if d > best: best, at = d, i
        if best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]

def closed(pts): return key(pts[0]) == key(pts[-1])

def inside_ring(p, ring):
    x, y, hit = p[0], p[1], False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit

riverlakes = stitch(read('riverlakes'))
lake_lines, river_lines = stitch(read('lakes')), riverlakes + stitch(read('rivers'))
for ring in stitch(read('inlake')):  # islands of a river-lake go with the river
    # (a river-lake cut at the region's edge is closed along that edge for the test)
    rl = any(inside_ring(ring[0], r if closed(r) else r + r[:1]) for r in riverlakes)
    (river_lines if rl else lake_lines).append(ring)
layers = {'coast': stitch(read('coast')), 'lake': lake_lines, 'river': river_lines}

print("# The Yangtze River Delta for the kiosk's map, made by scripts/make-map.sh.")
print(f"# Source: GSHHG (Wessel & Smith), high resolution, Debian gmt-gshhg-high {gshhg},")
print(f"# read with GMT {version}; licence LGPL-3.0-or-later (see assets/map/README.md).")
print(f"# Region {region}; Douglas-Peucker tolerance {tol} degrees; features under {min_area} km2 left out.")
print("# Format: bbox W S E N; 'layer NAME' starts a group; then per polyline its point count")
print("# and that many 'lon lat' lines. Closed rings repeat their first point.")
print(f"bbox {W:g} {S:g} {E:g} {N:g}")
stats = []
for name, lines in layers.items():
    print(f"layer {name}")
    count = points = 0
    for whole in lines:
        for part in clip(whole):
            pts = simplify(part)
            out = []
            for lon, lat in pts:
                p = f"{lon:.4f} {lat:.4f}"
                if not out or out[-1] != p: out.append(p)
            ring = closed(part)
            if len(out) < (4 if ring else 3): continue
            print(len(out))
            print('\n'.join(out))
            count += 1; points += len(out)
    stats.append(f"{name} {count} lines {points} points")
print('make-map: ' + ', '.join(stats), file=sys.stderr)
PY
mv "$OUT.new" "$OUT"
echo "make-map: wrote $OUT ($(wc -c <"$OUT") bytes)" >&2
