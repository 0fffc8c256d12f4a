#!/usr/bin/python3
"""The assembly step of scripts/make-map.sh: reads the dumps gmt wrote into TMP and prints
assets/map/delta.txt (format 3, described in its header and in assets/map/README.md).

Debian's python3 and python3-shapely (GEOS) do the geometry: polygonize, intersection, buffer,
Douglas–Peucker (simplify) and the pole of inaccessibility (polylabel); python3-mapbox-earcut
cuts each area into the triangles the kiosk fills it with (so that it does no triangulating). gmt select says which
face of the plane the shorelines cut is land, lake or island, from the same GSHHG data.

Usage: make-map.py TMP REGION TOLERANCE MIN_AREA GMT_VERSION GSHHG_VERSION DCW_VERSION
"""
import math
import subprocess
import sys

from shapely.geometry import LineString, MultiLineString, Point, Polygon, box
from shapely.ops import linemerge, polygonize_full, polylabel, unary_union
import mapbox_earcut
import numpy

tmp, region, tol, min_area, gmt_version, gshhg_version, dcw_version = sys.argv[1:]
tol, min_area = float(tol), float(min_area)
W, E, S, N = map(float, region.split('/'))
RECT = box(W, S, E, N)

# The provinces the region touches, with DCW's codes (gmt coast -E+L). The four of the delta
# carry a label: short name, full name, English name.
PROVINCES = ['SH', 'JS', 'ZJ', 'AH', 'JX', 'FJ', 'SD', 'HA', 'HB']
LABELS = {
    'SH': ('沪', '上海', 'Shanghai'),
    'JS': ('苏', '江苏', 'Jiangsu'),
    'ZJ': ('浙', '浙江', 'Zhejiang'),
    'AH': ('皖', '安徽', 'Anhui'),
}
# Shanghai's centre, People's Square (人民广场), as content/cities/city-shanghai.md has it.
PLACES = [('shanghai', 121.474, 31.230, '上海', 'Shanghai')]
BORDER_EPS = 0.002  # degrees (~200 m): DCW's neighbouring provinces share no vertices, but
# their outlines lie within a few metres of each other along a common border.


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


def key(p):
    return (round(p[0], 7), round(p[1], 7))


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
        i = min(alive)
        alive.discard(i)
        unlink(i)
        line = segs[i]
        for _ in range(2):  # grow at the tail, then (reversed) at the other end
            while key(line[0]) != key(line[-1]):
                cand = ends.get(key(line[-1]))
                if not cand:
                    break
                j = min(cand)
                alive.discard(j)
                unlink(j)
                s = segs[j] if key(segs[j][0]) == key(line[-1]) else segs[j][::-1]
                line = line + s[1:]
            line = line[::-1]
        out.append(line)
    return out


def clip(pts):
    """The runs of a polyline inside the region, cut exactly where it crosses the edge."""
    def inside(p):
        return W <= p[0] <= E and S <= p[1] <= N

    def cut(a, b):  # Liang–Barsky: the part of segment a-b inside the region, or None
        t0, t1 = 0.0, 1.0
        dx, dy = b[0] - a[0], b[1] - a[1]
        for p, q in ((-dx, a[0] - W), (dx, E - a[0]), (-dy, a[1] - S), (dy, N - a[1])):
            if p == 0:
                if q < 0:
                    return None
            else:
                t = q / p
                if p < 0:
                    t0 = max(t0, t)
                else:
                    t1 = min(t1, t)
        if t0 > t1:
            return None
        return ((a[0] + t0 * dx, a[1] + t0 * dy), (a[0] + t1 * dx, a[1] + t1 * dy))

    if all(inside(p) for p in pts):
        return [pts]
    runs, run = [], []
    for a, b in zip(pts, pts[1:]):
        c = cut(a, b)
        if c is None:
            if len(run) > 1:
                runs.append(run)
            run = []
            continue
        if not run:
            run = [c[0]]
        run.append(c[1])
        if c[1] != b:  # leaves the region
            runs.append(run)
            run = []
    if len(run) > 1:
        runs.append(run)
    return runs


def simplify(pts):
    """Douglas–Peucker at tol, keeping the end points (so rings stay closed)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = 0.0, -1
        for i in range(a + 1, b):
            x0, y0 = pts[i]
            if norm:
                d = abs(dy * (x0 - x1) - dx * (y0 - y1)) / norm
            else:
                d = ((x0 - x1) ** 2 + (y0 - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, i
        if best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]


def closed(pts):
    return key(pts[0]) == key(pts[-1])


def inside_ring(p, ring):
    x, y, hit = p[0], p[1], False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def km2(poly):
    """A polygon's area in km², near enough at these latitudes."""
    lat = poly.centroid.y
    return poly.area * 111.32 * 111.32 * math.cos(math.radians(lat))


def pieces(geom, kind):
    """The simple geometries of `kind` ('Polygon', 'LineString') in whatever a shapely
    operation returned (an intersection gives collections of polygons, lines and points)."""
    if geom.is_empty:
        return []
    if geom.geom_type == kind:
        return [geom]
    return [p for g in getattr(geom, 'geoms', []) for p in pieces(g, kind)]


def gmt_keep(points, area_opt, mask):
    """The indices of `points` that gmt select keeps with -A`area_opt` -N`mask`
    (ocean/land/lake/island/pond, k keep, s skip): GSHHG's own answer to where a point lies."""
    text = ''.join(f'{x:.10f}\t{y:.10f}\t{i}\n' for i, (x, y) in enumerate(points))
    out = subprocess.run(['gmt', 'select', f'-R{region}', '-Dh', f'-A{area_opt}', f'-N{mask}',
                          '--GMT_HISTORY=false'], input=text, capture_output=True, text=True, cwd=tmp,
                         check=True).stdout
    return {int(float(line.split()[2])) for line in out.splitlines() if line.strip()
            and not line.startswith('>')}


def faces(lines, area_opt, mask, what):
    """The faces of the region that the shorelines `lines` (rings, or lines ending on the
    region's edge) cut it into, and that gmt select puts at the levels `mask` keeps: whole
    polygons, closed along the region's edge where the edge cuts them. Holes are left out:
    what lies in them is another level, painted over this one."""
    geoms = [LineString(l) for l in lines if len(l) > 1] + [RECT.exterior]
    merged = unary_union(geoms)
    polys, dangles, cuts, invalid = polygonize_full(merged)
    polys = list(polys.geoms)
    if len(dangles.geoms) or len(cuts.geoms) or len(invalid.geoms):
        sys.exit(f'make-map: {what}: shorelines that close no face '
                 f'({len(dangles.geoms)} dangles, {len(cuts.geoms)} cuts, '
                 f'{len(invalid.geoms)} invalid rings): a piece gmt cut was not joined')
    reps = [p.representative_point() for p in polys]
    keep = gmt_keep([(r.x, r.y) for r in reps], area_opt, mask)
    return [Polygon(polys[i].exterior) for i in sorted(keep) if km2(polys[i]) >= min_area]


def ring_out(ring, tolerance=None):
    """A closed ring as the lines of the file: simplified, 4 decimals, first point repeated;
    None when too little is left."""
    pts = simplify(list(ring.coords)) if tolerance is None else list(
        ring.simplify(tolerance, preserve_topology=True).coords)
    out = []
    for lon, lat in pts:
        p = f'{lon:.4f} {lat:.4f}'
        if not out or out[-1] != p:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def line_out(pts):
    out = []
    for lon, lat in simplify(pts):
        p = f'{lon:.4f} {lat:.4f}'
        if not out or out[-1] != p:
            out.append(p)
    return out if len(out) >= 2 else None


# --- format 1's outlines, unchanged: today's screens draw these -----------------------------
riverlakes = stitch(read('riverlakes'))
lake_lines, river_lines = stitch(read('lakes')), riverlakes + stitch(read('rivers'))
for ring in stitch(read('inlake')):  # islands of a river-lake go with the river
    # (a river-lake cut at the region's edge is closed along that edge for the test)
    rl = any(inside_ring(ring[0], r if closed(r) else r + r[:1]) for r in riverlakes)
    (river_lines if rl else lake_lines).append(ring)
outlines = {'coast': stitch(read('coast')), 'lake': lake_lines, 'river': river_lines}

# --- filled areas, in painting order ---------------------------------------------------------
a = f'{min_area:g}'
land = faces(stitch(read('coast')), a, 's/k/k/k/k', 'land')
areas = {
    'land': land,
    'lake': faces(stitch(read('lakes')), a + '+l', 's/s/k/k/k', 'lakes'),
    'river': faces(riverlakes, a + '+r', 's/s/k/k/k', 'river-lakes'),
    'isle': faces(stitch(read('l3')), a, 's/s/s/k/k', 'islands in lakes'),
}
land_all = unary_union(land)

# --- provinces: DCW outlines, cut to the region and to GSHHG's land --------------------------
dcw = {}
near = RECT.buffer(0.1)  # a little more than the region, so its edge cuts no border short
for code in PROVINCES:
    # Islands under MIN_AREA go, and detail under a tenth of the tolerance (DCW's outlines have
    # a point every few tens of metres), which makes the steps below seconds, not minutes.
    rings = [Polygon(s).buffer(0) for s in read(f'dcw_{code}') if len(s) >= 4]
    rings = [r.simplify(tol / 10) for r in rings if km2(r) >= min_area]
    dcw[code] = unary_union(rings).intersection(near)
provinces = {}
for code in PROVINCES:
    parts = [p for p in pieces(dcw[code].intersection(RECT).intersection(land_all), 'Polygon')
             if km2(p) >= min_area]
    if parts:
        provinces[code] = parts
for code in LABELS:
    if code not in provinces:
        sys.exit(f'make-map: province {code} has no land in the region {region}')

# Borders: each stretch two provinces share, once (from the first of the pair's outline), on
# land and in the region.
borders = []
codes = [c for c in PROVINCES if c in provinces]
on_land = RECT.intersection(land_all.buffer(BORDER_EPS))
grown = {c: dcw[c].buffer(BORDER_EPS) for c in codes}
for i, p in enumerate(codes):
    for q in codes[i + 1:]:
        if not dcw[p].intersects(grown[q]):
            continue
        shared = dcw[p].boundary.intersection(grown[q]).intersection(on_land)
        if not pieces(shared, 'LineString'):
            continue
        for ln in pieces(linemerge(MultiLineString(pieces(shared, 'LineString'))), 'LineString'):
            if ln.length >= 5 * BORDER_EPS:  # not a corner where three provinces meet
                borders.append(list(ln.coords))

labels = {}
for code in LABELS:
    biggest = max(provinces[code], key=lambda p: p.area)
    pt = polylabel(biggest, tolerance=0.005)
    labels[code] = (pt.x, pt.y)

# --- the file ------------------------------------------------------------------------------
print("# The Yangtze River Delta for the kiosk's map, made by scripts/make-map.sh.")
print(f"# Sources: GSHHG (Wessel & Smith) {gshhg_version.split('-')[0]}, high resolution, Debian "
      f"gmt-gshhg-high {gshhg_version}; the provinces")
print(f"# from DCW-GMT (the Digital Chart of the World for GMT), Debian gmt-dcw {dcw_version}; "
      f"read with GMT {gmt_version}.")
print("# Licence: both LGPL-3.0-or-later, and so is this file (see assets/map/README.md).")
print(f"# Region {region}; Douglas-Peucker tolerance {tol:g} degrees; features under "
      f"{min_area:g} km2 left out.")
print("# Format 3 (assets/map/README.md): 'bbox W S E N'; 'layer NAME' starts polylines (coast,")
print("# lake, river: outlines; stream: single-lined rivers; border: province borders); 'area NAME")
print("# [CODE]' starts closed polygons painted in file order (land, lake, river, isle; province")
print("# CODE); each polyline or polygon is its point count N, then N 'lon lat' lines, a polygon")
print("# repeating its first point last; each of land, lake, river and isle is followed by")
print("# 'triangles T' and T lines 'A B C', the points (from 0) of the triangles that fill it.")
print("# 'label CODE LON LAT SHORT FULL ENGLISH' names a province, 'place ID LON LAT ZH ENGLISH'")
print("# marks a place.")
print("format 3")
print(f"bbox {W:g} {S:g} {E:g} {N:g}")
stats = []


def triangles(out):
    """The triangles that fill the ring `out` (lines 'lon lat', first point repeated last), as
    the file writes them: earcut (Mapbox's, Debian python3-mapbox-earcut) on the points as
    written, the repeated last point left out."""
    pts = numpy.array([[float(v) for v in p.split()] for p in out[:-1]], dtype=numpy.float64)
    ix = mapbox_earcut.triangulate_float64(pts, numpy.array([len(pts)], dtype=numpy.uint32))
    return [f'{ix[k]} {ix[k + 1]} {ix[k + 2]}' for k in range(0, len(ix), 3)]


def emit(kind, name, items, filled=False):
    print(f'{kind} {name}')
    count = points = tris = 0
    for out in items:
        if out is None:
            continue
        print(len(out))
        print('\n'.join(out))
        count += 1
        points += len(out)
        if filled:
            t = triangles(out)
            print(f'triangles {len(t)}')
            if t:
                print('\n'.join(t))
            tris += len(t)
    stats.append(f'{name} {count}/{points}' + (f'/{tris}' if filled else ''))


for name, lines in outlines.items():
    items = []
    for whole in lines:
        for part in clip(whole):
            out = line_out(part)
            if out and len(out) >= (4 if closed(part) else 3):
                items.append(out)
    emit('layer', name, items)
for name, polys in areas.items():
    emit('area', name, [ring_out(p.exterior) for p in polys], filled=True)
emit('layer', 'stream', [line_out(part) for whole in stitch(read('rivers')) for part in clip(whole)])
emit('layer', 'border', [line_out(b) for b in borders])
for code in codes:
    # Coarser than the shoreline: a province's fill lies under the land's, which draws the coast.
    emit('area', f'province {code}', [ring_out(p.exterior, 2 * tol) for p in provinces[code]])
for code, (short, full, en) in LABELS.items():
    lon, lat = labels[code]
    print(f'label {code} {lon:.4f} {lat:.4f} {short} {full} {en}')
for pid, lon, lat, zh, en in PLACES:
    print(f'place {pid} {lon:.4f} {lat:.4f} {zh} {en}')
print('make-map: ' + ', '.join(stats) + ' (items/points/triangles)', file=sys.stderr)
