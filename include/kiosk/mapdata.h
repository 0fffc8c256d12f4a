/* The vector map of the delta (assets/map/delta.txt, made by scripts/make-map.sh): coastline,
 * lakes and rivers as polylines in degrees, drawn at any size and rotation. */
#ifndef KIOSK_MAPDATA_H
#define KIOSK_MAPDATA_H

#include <stddef.h>

typedef enum { KS_MAP_COAST, KS_MAP_LAKE, KS_MAP_RIVER, KS_MAP_LAYERS } ks_map_layer;

typedef struct {
  const float *lonlat; /* n pairs: longitude, latitude */
  size_t n;
} ks_polyline;

typedef struct ks_mapdata ks_mapdata;

/* Reads a map file. NULL with the file and line of the problem in `err` on failure. */
ks_mapdata *ks_mapdata_load(const char *path, char *err, size_t err_size);
void ks_mapdata_destroy(ks_mapdata *map);
size_t ks_mapdata_count(const ks_mapdata *map, ks_map_layer layer);
ks_polyline ks_mapdata_line(const ks_mapdata *map, ks_map_layer layer, size_t i);
/* The region the file covers, in degrees. */
void ks_mapdata_bbox(const ks_mapdata *map, double *west, double *south, double *east,
                     double *north);

#endif
