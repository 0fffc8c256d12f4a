#!/usr/bin/env bash
# Makes assets/map/delta.txt, the vector map of the Yangtze River Delta the kiosk draws, from
# GSHHG (Debian: gmt, gmt-gshhg-high). Run by hand when the map should change; the build only
# reads the committed file and does not need gmt.
#   coastline  shoreline level 1, islands under 10 km² left out
#   lakes      shoreline level 2 (Taihu, Chaohu, Gaoyou …)
#   rivers     GSHHG river levels 1 and 2 (the Yangtze, the Qiantang …)
# Each polyline is simplified with Douglas–Peucker at TOLERANCE degrees.
set -euo pipefail
cd "$(dirname "$0")/.."
REGION=115.5/123/27.5/35.2
TOLERANCE=0.004
command -v gmt >/dev/null || { echo "make-map: needs gmt and gmt-gshhg-high (apt-get install gmt gmt-gshhg-high)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() { echo "+ $*" >&2; "$@"; }
run gmt coast -R$REGION -Dh -A10 -W -M >"$tmp/shore.txt"
run gmt coast -R$REGION -Dh -I1 -I2 -M >"$tmp/rivers.txt"
python3 - "$tmp/shore.txt" "$tmp/rivers.txt" "$TOLERANCE" "$REGION" "$(gmt --version)" >assets/map/delta.txt <<'PY'
import sys, re

def segments(path):
    """(header, [(lon, lat)…]) for each multi-segment block of a gmt -M file."""
    out, head, pts = [], None, []
    for line in open(path):
        if line.startswith('>'):
            if pts: out.append((head, pts))
            head, pts = line, []
        elif line.strip():
            lon, lat = map(float, line.split()[:2])
            pts.append((lon, lat))
    if pts: out.append((head, pts))
    return out

def simplify(pts, tol):
    """Douglas–Peucker, iterative, keeping the end points."""
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
            d = abs(dy * x0 - dx * y0 + x2 * y1 - y2 * x1) / norm if norm else ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5
            if d > best: best, at = d, i
        if best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]

shore, rivers, tol, region, version = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4], sys.argv[5]
layers = {'coast': [], 'lake': [], 'river': []}
for head, pts in segments(shore):
    level = re.search(r'Level (\d)', head or '')
    name = {'1': 'coast', '2': 'lake'}.get(level.group(1) if level else '')
    if name: layers[name].append(pts)
for head, pts in segments(rivers):
    layers['river'].append(pts)
w, e, s, n = region.split('/')
W, E, S, N = float(w), float(e), float(s), float(n)

def clip(pts):
    """The runs of a polyline that lie inside the region (gmt leaves rivers running past it)."""
    runs, run = [], []
    for lon, lat in pts:
        if W <= lon <= E and S <= lat <= N:
            run.append((lon, lat))
        else:
            if len(run) > 1: runs.append(run)
            run = []
    if len(run) > 1: runs.append(run)
    return runs

print('# The Yangtze River Delta for the kiosk\'s map, made by scripts/make-map.sh.')
print(f'# Source: GSHHG (Wessel & Smith) in Debian\'s gmt-gshhg-high, read with GMT {version};')
print('# licence LGPL-3.0-or-later (see assets/map/README.md).')
print(f'# Region {region}; Douglas-Peucker tolerance {tol} degrees.')
print(f'bbox {w} {s} {e} {n}')
for name, lines in layers.items():
    print(f'layer {name}')
    for whole in lines:
        for part in clip(whole):
            pts = simplify(part, tol)
            if len(pts) < 2: continue
            print(len(pts))
            for lon, lat in pts:
                print(f'{lon:.4f} {lat:.4f}')
PY
echo "make-map: wrote assets/map/delta.txt ($(wc -c <assets/map/delta.txt) bytes)" >&2
