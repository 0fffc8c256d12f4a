/* The vector map of the delta (assets/map/delta.txt, made by scripts/make-map.sh; its format in
 * assets/map/README.md): land, lakes and the Yangtze as filled polygons, coastline, lakes and
 * rivers as polylines, province borders, areas and names, in degrees, drawn at any size and
 * rotation. */
#ifndef KIOSK_MAPDATA_H
#define KIOSK_MAPDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The outlines of format 1, which the corridor map draws as lines. */
typedef enum {
  KS_MAP_COAST, /* the shoreline (sea and land), without the region's edge */
  KS_MAP_LAKE,  /* lake shores and the islands in lakes */
  KS_MAP_RIVER, /* banks of the double-lined Yangtze, its islands, and single-lined rivers */
  KS_MAP_LAYERS
} ks_map_layer;

/* Filled areas, in the order they are painted, each over the ones before; the sea is what
 * none covers. Each polygon is closed (its last point is its first) and lies in the bbox:
 * one cut by the region's edge is closed along the edge. */
typedef enum {
  KS_MAP_LAND,        /* land: the mainland and islands in the sea */
  KS_MAP_LAKE_WATER,  /* lakes: Taihu, Chaohu, Hongze, Gaoyou, Qiandao … */
  KS_MAP_RIVER_WATER, /* the double-lined Yangtze (with Poyang Lake, which GSHHG counts in) */
  KS_MAP_ISLE,        /* land again: islands in lakes and in the Yangtze */
  KS_MAP_AREAS
} ks_map_area;

/* Lines drawn over the areas. */
typedef enum {
  KS_MAP_STREAM, /* single-lined major rivers (the Huai, Qiantang, Xin'an …), centre lines */
  KS_MAP_BORDER, /* province borders, each stretch once, on land */
  KS_MAP_STROKES
} ks_map_stroke;

typedef struct {
  const float *lonlat; /* n pairs: longitude, latitude */
  size_t n;
} ks_polyline;

/* A province the region touches (DCW's outline cut to the region and to the land), and for
 * the four of the delta their names and a point inside for the label. */
typedef struct {
  char code[4];            /* DCW's code after "CN.": "SH", "JS", "ZJ", "AH", "JX" … */
  const ks_polyline *part; /* n_parts closed polygons */
  size_t n_parts;
  bool labelled;    /* the fields below are set */
  float label_lon;  /* a point inside the largest part, far from its edges */
  float label_lat;  /* (its pole of inaccessibility) */
  char short_zh[8]; /* "沪" */
  char full_zh[16]; /* "上海" */
  char en[32];      /* "Shanghai" */
} ks_map_province;

/* A marked place: Shanghai's centre. */
typedef struct {
  char id[24]; /* "shanghai" */
  float lon, lat;
  char zh[16]; /* "上海" */
  char en[32]; /* "Shanghai" */
} ks_map_place;

typedef struct ks_mapdata ks_mapdata;

/* Reads a map file (format 3, or 2: without triangles). NULL with "FILE:LINE: what is wrong"
 * in `err` on failure: a line that is not of the format, a number out of range, a polygon that
 * is not closed, a point outside the bbox, a label for no province, a triangle that names a
 * point its polygon has not. */
ks_mapdata *ks_mapdata_load(const char *path, char *err, size_t err_size);
void ks_mapdata_destroy(ks_mapdata *map);
/* The outlines of `layer`: count, and the i-th (i < count). */
size_t ks_mapdata_count(const ks_mapdata *map, ks_map_layer layer);
ks_polyline ks_mapdata_line(const ks_mapdata *map, ks_map_layer layer, size_t i);
/* The polygons of `area`: count, and the i-th (i < count), closed. */
size_t ks_mapdata_area_count(const ks_mapdata *map, ks_map_area area);
ks_polyline ks_mapdata_area(const ks_mapdata *map, ks_map_area area, size_t i);
/* The triangles that fill the i-th polygon of `area`: `*n` of them, three indices each into
 * that polygon's points (ks_mapdata_area), together covering it exactly (made at development
 * time by scripts/make-map.py, so that the kiosk never triangulates). NULL and 0 for a file of
 * format 2, which has none. */
const uint32_t *ks_mapdata_area_triangles(const ks_mapdata *map, ks_map_area area, size_t i,
                                          size_t *n);
/* The lines of `stroke`: count, and the i-th (i < count). */
size_t ks_mapdata_stroke_count(const ks_mapdata *map, ks_map_stroke stroke);
ks_polyline ks_mapdata_stroke(const ks_mapdata *map, ks_map_stroke stroke, size_t i);
/* The provinces in file order: count, and the i-th (i < count). */
size_t ks_mapdata_province_count(const ks_mapdata *map);
const ks_map_province *ks_mapdata_province(const ks_mapdata *map, size_t i);
/* The province whose areas contain the point, or NULL (sea, or land outside all). */
const ks_map_province *ks_mapdata_province_at(const ks_mapdata *map, double lon, double lat);
/* The marked places: count, and the i-th (i < count). */
size_t ks_mapdata_place_count(const ks_mapdata *map);
const ks_map_place *ks_mapdata_place(const ks_mapdata *map, size_t i);
/* The region the file covers, in degrees. */
void ks_mapdata_bbox(const ks_mapdata *map, double *west, double *south, double *east,
                     double *north);
/* Whether the point lies inside the closed polygon `ring` (even-odd rule; a point on an edge
 * may go either way). */
bool ks_map_ring_contains(ks_polyline ring, double lon, double lat);

#endif
