#include "kiosk/mapdata.h"

#include "kiosk/fileio.h"
#include "kiosk/mem.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  MAX_POINTS = 100000, /* in one polyline: a sanity bound, not a design limit */
  MAX_FILE = 8 << 20,  /* the map file: the bundled one is about 200 KB */
  MAX_LINE = 200,      /* bytes in one line of the file */
  MAX_PROVINCES = 64,  /* China has 34 */
  MAX_PLACES = 256,    /* marked places */
  MAX_TOKENS = 8       /* words on one line: label has 7; more is no line of the format */
};

/* Points may sit on the bbox's edge; 4 decimals in the file round to within half of this. */
#define BBOX_SLACK 1e-4

/* The triangles that fill one area polygon: three point indices each. */
typedef struct {
  uint32_t *ix;
  size_t n;
} fill;

typedef struct {
  ks_polyline *lines;
  size_t n, cap;
  fill *fills; /* per line, for areas of format 3; NULL otherwise */
  size_t cap_fills;
} polylines;

typedef struct {
  ks_map_province p; /* p.part and p.n_parts alias parts.lines and parts.n */
  polylines parts;
} province;

struct ks_mapdata {
  polylines layers[KS_MAP_LAYERS];
  polylines areas[KS_MAP_AREAS];
  polylines strokes[KS_MAP_STROKES];
  province *provinces;
  size_t n_provinces, cap_provinces;
  ks_map_place *places;
  size_t n_places, cap_places;
  double west, south, east, north;
};

static const char *const layer_names[KS_MAP_LAYERS] = {"coast", "lake", "river"};
static const char *const area_names[KS_MAP_AREAS] = {"land", "lake", "river", "isle"};
static const char *const stroke_names[KS_MAP_STROKES] = {"stream", "border"};

static void free_lines(polylines *ls) {
  for (size_t i = 0; i < ls->n; i++)
    free((void *)ls->lines[i].lonlat);
  for (size_t i = 0; ls->fills && i < ls->n; i++)
    free(ls->fills[i].ix);
  free(ls->lines);
  free(ls->fills);
}

void ks_mapdata_destroy(ks_mapdata *map) {
  if (!map)
    return;
  for (int l = 0; l < KS_MAP_LAYERS; l++)
    free_lines(&map->layers[l]);
  for (int a = 0; a < KS_MAP_AREAS; a++)
    free_lines(&map->areas[a]);
  for (int s = 0; s < KS_MAP_STROKES; s++)
    free_lines(&map->strokes[s]);
  for (size_t i = 0; i < map->n_provinces; i++)
    free_lines(&map->provinces[i].parts);
  free(map->provinces);
  free(map->places);
  free(map);
}

/* The parser's state: where the file is, and which group the next polyline joins. */
typedef struct {
  ks_mapdata *map;
  char *next;     /* the rest of the file */
  char *end;      /* one past its last byte */
  int line;       /* number of the line last read */
  polylines *dst; /* the group the next polyline goes to; NULL before the first */
  bool closed;    /* the group holds polygons (first point repeated last) */
  bool filled;    /* each of its polygons is followed by its triangles (format 3 areas) */
  int format;     /* 2 or 3, once read */
  const char *why;
} parser;

/* The next line of the file, NUL-terminated in place, or NULL at its end. Sets p->why (and
 * returns NULL) for a line too long or holding a NUL byte. */
static char *next_line(parser *p) {
  if (p->next >= p->end)
    return NULL;
  char *s = p->next, *nl = memchr(s, '\n', (size_t)(p->end - s));
  char *stop = nl ? nl : p->end;
  p->line++;
  p->next = nl ? nl + 1 : p->end;
  if (stop - s > MAX_LINE) {
    p->why = "line too long";
    return NULL;
  }
  *stop = '\0';
  if (strlen(s) != (size_t)(stop - s)) {
    p->why = "NUL byte in the line";
    return NULL;
  }
  return s;
}

/* Splits `s` at single spaces into at most `max` words; the last takes the rest of the line.
 * Returns the number of words, or -1 for an empty word (two spaces, a leading or trailing
 * one). */
static int split(char *s, char **words, int max) {
  int n = 0;
  while (n < max) {
    words[n++] = s;
    if (n == max)
      break;
    char *sp = strchr(s, ' ');
    if (!sp)
      break;
    *sp = '\0';
    s = sp + 1;
  }
  for (int i = 0; i < n; i++)
    if (!words[i][0] || (i == n - 1 && words[i][strlen(words[i]) - 1] == ' '))
      return -1;
  return n;
}

static bool parse_double(const char *s, double *out) {
  char *end;
  errno = 0;
  *out = strtod(s, &end);
  return end != s && *end == '\0' && errno == 0 && isfinite(*out);
}

/* A point count: decimal digits only, 2 (4 for a polygon) to MAX_POINTS. */
static bool parse_count(const char *s, bool closed, size_t *out) {
  size_t len = strspn(s, "0123456789");
  if (len == 0 || len > 6 || s[len] != '\0')
    return false;
  unsigned long v = strtoul(s, NULL, 10);
  *out = v;
  return v >= (closed ? 4u : 2u) && v <= MAX_POINTS;
}

static bool in_bbox(const ks_mapdata *m, double lon, double lat) {
  return lon >= m->west - BBOX_SLACK && lon <= m->east + BBOX_SLACK &&
         lat >= m->south - BBOX_SLACK && lat <= m->north + BBOX_SLACK;
}

/* Copies `src` into the fixed field `dst` of `size` bytes; false if it does not fit. */
static bool copy_field(char *dst, size_t size, const char *src) {
  size_t n = strlen(src);
  if (n >= size)
    return false;
  memcpy(dst, src, n + 1);
  return true;
}

static int find_name(const char *const *names, int n, const char *name) {
  for (int i = 0; i < n; i++)
    if (strcmp(names[i], name) == 0)
      return i;
  return -1;
}

static province *find_province(ks_mapdata *m, const char *code) {
  for (size_t i = 0; i < m->n_provinces; i++)
    if (strcmp(m->provinces[i].p.code, code) == 0)
      return &m->provinces[i];
  return NULL;
}

/* A whole number from 0 to `max`, decimal digits only. */
static bool parse_index(const char *s, size_t max, size_t *out) {
  size_t len = strspn(s, "0123456789");
  if (len == 0 || len > 6 || s[len] != '\0')
    return false;
  *out = strtoul(s, NULL, 10);
  return *out <= max;
}

/* Reads "triangles T" and its T lines "A B C", each a point of the polygon just read (of
 * `points` points, its repeated last one not counted): the triangles that fill it. A polygon of
 * N points has at most N - 2. */
static bool read_triangles(parser *p, size_t points, fill *out) {
  char *s = next_line(p), *w[4];
  size_t t;
  if (!s || split(s, w, 3) != 2 || strcmp(w[0], "triangles") != 0 ||
      !parse_index(w[1], points, &t) || t + 2 > points) {
    p->why =
        p->why
            ? p->why
            : "not 'triangles T' (T at most the polygon's points less 2) after an area's polygon";
    return false;
  }
  out->ix = ks_xmalloc((t ? t : 1) * 3 * sizeof(uint32_t));
  out->n = t;
  for (size_t i = 0; i < t; i++) {
    size_t v[3];
    s = next_line(p);
    if (!s || split(s, w, 4) != 3 || !parse_index(w[0], points - 1, &v[0]) ||
        !parse_index(w[1], points - 1, &v[1]) || !parse_index(w[2], points - 1, &v[2])) {
      p->why = p->why ? p->why : "not a triangle 'A B C' of the polygon's points";
      free(out->ix);
      return false;
    }
    for (int k = 0; k < 3; k++)
      out->ix[3 * i + (size_t)k] = (uint32_t)v[k];
  }
  return true;
}

/* Reads the `count` point lines of a polyline into the current group (and, for an area of
 * format 3, the triangles that follow it). */
static bool read_points(parser *p, size_t count) {
  float *pts = ks_xmalloc(count * 2 * sizeof(float));
  for (size_t i = 0; i < count; i++) {
    char *s = next_line(p), *w[3];
    double lon, lat;
    if (!s) {
      p->why = p->why ? p->why : "the file ends inside a polyline";
      free(pts);
      return false;
    }
    if (split(s, w, 3) != 2 || !parse_double(w[0], &lon) || !parse_double(w[1], &lat)) {
      p->why = "not a point 'LON LAT'";
      free(pts);
      return false;
    }
    if (!in_bbox(p->map, lon, lat)) {
      p->why = "point outside the bbox";
      free(pts);
      return false;
    }
    pts[2 * i] = (float)lon;
    pts[2 * i + 1] = (float)lat;
  }
  if (p->closed && (pts[0] != pts[2 * count - 2] || pts[1] != pts[2 * count - 1])) {
    p->why = "polygon not closed (its last point must be its first)";
    free(pts);
    return false;
  }
  fill tris = {0};
  if (p->filled && !read_triangles(p, count - 1, &tris)) {
    free(pts);
    return false;
  }
  polylines *d = p->dst;
  if (p->filled) {
    ks_grow((void **)&d->fills, &d->cap_fills, d->n, sizeof(fill));
    d->fills[d->n] = tris;
  }
  ks_grow((void **)&d->lines, &d->cap, d->n, sizeof(ks_polyline));
  d->lines[d->n++] = (ks_polyline){pts, count};
  return true;
}

/* "area province CODE": a new province, its polygons follow. */
static bool start_province(parser *p, const char *code) {
  ks_mapdata *m = p->map;
  if (strlen(code) != 2 || strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 2) {
    p->why = "province code is not two capital letters";
    return false;
  }
  if (find_province(m, code)) {
    p->why = "province given twice";
    return false;
  }
  if (m->n_provinces >= MAX_PROVINCES) {
    p->why = "too many provinces";
    return false;
  }
  ks_grow((void **)&m->provinces, &m->cap_provinces, m->n_provinces, sizeof(province));
  province *pr = &m->provinces[m->n_provinces++];
  memset(pr, 0, sizeof *pr);
  memcpy(pr->p.code, code, 3);
  p->dst = &pr->parts;
  p->closed = true;
  p->filled = false;
  return true;
}

/* "label CODE LON LAT SHORT FULL ENGLISH" names a province given before. */
static bool read_label(parser *p, char **w, int n) {
  province *pr = n == 7 ? find_province(p->map, w[1]) : NULL;
  double lon, lat;
  if (n != 7 || !parse_double(w[2], &lon) || !parse_double(w[3], &lat)) {
    p->why = "not 'label CODE LON LAT SHORT FULL ENGLISH'";
    return false;
  }
  if (!pr || pr->p.labelled) {
    p->why = pr ? "province labelled twice" : "label for a province not given before it";
    return false;
  }
  if (!in_bbox(p->map, lon, lat)) {
    p->why = "label point outside the bbox";
    return false;
  }
  if (!copy_field(pr->p.short_zh, sizeof pr->p.short_zh, w[4]) ||
      !copy_field(pr->p.full_zh, sizeof pr->p.full_zh, w[5]) ||
      !copy_field(pr->p.en, sizeof pr->p.en, w[6])) {
    p->why = "province name too long";
    return false;
  }
  pr->p.label_lon = (float)lon, pr->p.label_lat = (float)lat;
  pr->p.labelled = true;
  return true;
}

/* "place ID LON LAT ZH ENGLISH" marks a place. */
static bool read_place(parser *p, char **w, int n) {
  ks_mapdata *m = p->map;
  double lon, lat;
  ks_map_place pl = {0};
  if (n != 6 || !parse_double(w[2], &lon) || !parse_double(w[3], &lat)) {
    p->why = "not 'place ID LON LAT ZH ENGLISH'";
    return false;
  }
  if (!in_bbox(m, lon, lat) || m->n_places >= MAX_PLACES) {
    p->why = m->n_places >= MAX_PLACES ? "too many places" : "place outside the bbox";
    return false;
  }
  if (!copy_field(pl.id, sizeof pl.id, w[1]) || !copy_field(pl.zh, sizeof pl.zh, w[4]) ||
      !copy_field(pl.en, sizeof pl.en, w[5])) {
    p->why = "place name too long";
    return false;
  }
  pl.lon = (float)lon, pl.lat = (float)lat;
  ks_grow((void **)&m->places, &m->cap_places, m->n_places, sizeof(ks_map_place));
  m->places[m->n_places++] = pl;
  return true;
}

/* One line that is not a point: a group, a count, bbox, label or place. */
static bool read_item(parser *p, char *s, bool *have_format, bool *have_bbox) {
  ks_mapdata *m = p->map;
  char *w[MAX_TOKENS];
  /* the English name, last, may hold spaces */
  int max = strncmp(s, "label ", 6) == 0 ? 7 : strncmp(s, "place ", 6) == 0 ? 6 : MAX_TOKENS;
  int n = split(s, w, max);
  if (n < 0) {
    p->why = "empty word (a doubled, leading or trailing space)";
    return false;
  }
  if (!*have_format) { /* a file of another format must not be half read */
    *have_format =
        n == 2 && strcmp(w[0], "format") == 0 && (strcmp(w[1], "2") == 0 || strcmp(w[1], "3") == 0);
    p->format = *have_format ? w[1][0] - '0' : 0;
    p->why = *have_format ? NULL : "the first line must be 'format 3' (or 'format 2')";
    return *have_format;
  }
  if (strcmp(w[0], "bbox") == 0) {
    double v[4];
    bool ok = n == 5 && !*have_bbox && parse_double(w[1], &v[0]) && parse_double(w[2], &v[1]) &&
              parse_double(w[3], &v[2]) && parse_double(w[4], &v[3]) && v[0] < v[2] && v[1] < v[3];
    if (!ok) {
      p->why = *have_bbox ? "bbox given twice" : "not 'bbox WEST SOUTH EAST NORTH', west < east";
      return false;
    }
    m->west = v[0], m->south = v[1], m->east = v[2], m->north = v[3];
    *have_bbox = true;
    return true;
  }
  if (!*have_bbox) {
    p->why = "bbox must come before everything else";
    return false;
  }
  if (strcmp(w[0], "layer") == 0 && n == 2) {
    int l = find_name(layer_names, KS_MAP_LAYERS, w[1]);
    int k = find_name(stroke_names, KS_MAP_STROKES, w[1]);
    p->dst = l >= 0 ? &m->layers[l] : k >= 0 ? &m->strokes[k] : NULL;
    p->closed = p->filled = false;
    p->why = p->dst ? NULL : "unknown layer (coast, lake, river, stream, border)";
    return p->dst != NULL;
  }
  if (strcmp(w[0], "area") == 0 && n == 3 && strcmp(w[1], "province") == 0)
    return start_province(p, w[2]);
  if (strcmp(w[0], "area") == 0 && n == 2) {
    int a = find_name(area_names, KS_MAP_AREAS, w[1]);
    p->dst = a >= 0 ? &m->areas[a] : NULL;
    p->closed = true;
    p->filled = p->format == 3;
    p->why = p->dst ? NULL : "unknown area (land, lake, river, isle, province CODE)";
    return p->dst != NULL;
  }
  if (strcmp(w[0], "label") == 0)
    return read_label(p, w, n);
  if (strcmp(w[0], "place") == 0)
    return read_place(p, w, n);
  size_t count;
  if (n == 1 && p->dst && parse_count(w[0], p->closed, &count))
    return read_points(p, count);
  p->why = n == 1 && strspn(w[0], "0123456789") == strlen(w[0])
               ? (p->dst ? "point count out of range" : "polyline before any layer or area")
               : "not a map file line";
  return false;
}

ks_mapdata *ks_mapdata_load(const char *path, char *err, size_t err_size) {
  char why[256];
  size_t size;
  char *text = ks_file_read(path, MAX_FILE, &size, why, sizeof why);
  if (!text) {
    snprintf(err, err_size, "cannot read the map %s: %s", path, why);
    return NULL;
  }
  ks_mapdata *map = ks_xcalloc(1, sizeof *map);
  parser p = {.map = map, .next = text, .end = text + size};
  bool ok = true, have_format = false, have_bbox = false;
  char *s;
  while (ok && (s = next_line(&p)) != NULL)
    if (s[0] != '#' && s[0] != '\0')
      ok = read_item(&p, s, &have_format, &have_bbox);
  ok = ok && !p.why;
  if (ok && !have_bbox) {
    ok = false;
    p.why = "no bbox line";
  }
  free(text);
  if (!ok) {
    snprintf(err, err_size, "%s:%d: %s (assets/map/README.md gives the format)", path, p.line,
             p.why);
    ks_mapdata_destroy(map);
    return NULL;
  }
  for (size_t i = 0; i < map->n_provinces; i++) { /* the array has stopped moving */
    map->provinces[i].p.part = map->provinces[i].parts.lines;
    map->provinces[i].p.n_parts = map->provinces[i].parts.n;
  }
  return map;
}

size_t ks_mapdata_count(const ks_mapdata *map, ks_map_layer layer) { return map->layers[layer].n; }

ks_polyline ks_mapdata_line(const ks_mapdata *map, ks_map_layer layer, size_t i) {
  return map->layers[layer].lines[i];
}

size_t ks_mapdata_area_count(const ks_mapdata *map, ks_map_area area) { return map->areas[area].n; }

ks_polyline ks_mapdata_area(const ks_mapdata *map, ks_map_area area, size_t i) {
  return map->areas[area].lines[i];
}

const uint32_t *ks_mapdata_area_triangles(const ks_mapdata *map, ks_map_area area, size_t i,
                                          size_t *n) {
  const polylines *a = &map->areas[area];
  *n = a->fills ? a->fills[i].n : 0;
  return a->fills ? a->fills[i].ix : NULL;
}

size_t ks_mapdata_stroke_count(const ks_mapdata *map, ks_map_stroke stroke) {
  return map->strokes[stroke].n;
}

ks_polyline ks_mapdata_stroke(const ks_mapdata *map, ks_map_stroke stroke, size_t i) {
  return map->strokes[stroke].lines[i];
}

size_t ks_mapdata_province_count(const ks_mapdata *map) { return map->n_provinces; }

const ks_map_province *ks_mapdata_province(const ks_mapdata *map, size_t i) {
  return &map->provinces[i].p;
}

const ks_map_province *ks_mapdata_province_at(const ks_mapdata *map, double lon, double lat) {
  for (size_t i = 0; i < map->n_provinces; i++)
    for (size_t k = 0; k < map->provinces[i].parts.n; k++)
      if (ks_map_ring_contains(map->provinces[i].parts.lines[k], lon, lat))
        return &map->provinces[i].p;
  return NULL;
}

size_t ks_mapdata_place_count(const ks_mapdata *map) { return map->n_places; }

const ks_map_place *ks_mapdata_place(const ks_mapdata *map, size_t i) { return &map->places[i]; }

void ks_mapdata_bbox(const ks_mapdata *map, double *west, double *south, double *east,
                     double *north) {
  *west = map->west, *south = map->south, *east = map->east, *north = map->north;
}

bool ks_map_ring_contains(ks_polyline ring, double lon, double lat) {
  bool in = false;
  if (ring.n < 3)
    return false;
  for (size_t i = 0, j = ring.n - 1; i < ring.n; j = i++) {
    double xi = ring.lonlat[2 * i], yi = ring.lonlat[2 * i + 1];
    double xj = ring.lonlat[2 * j], yj = ring.lonlat[2 * j + 1];
    if ((yi > lat) != (yj > lat) && lon < xj + (lat - yj) * (xi - xj) / (yi - yj))
      in = !in;
  }
  return in;
}
