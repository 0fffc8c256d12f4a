#include "kiosk/mapdata.h"

#include "kiosk/fileio.h"
#include "kiosk/mem.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  MAX_POINTS = 100000, /* in one polyline: a sanity bound, not a design limit */
  MAX_FILE = 64 << 20  /* the map file: the bundled one is well under a megabyte */
};

typedef struct {
  ks_polyline *lines;
  size_t n, cap;
} map_layer_lines;

struct ks_mapdata {
  map_layer_lines layers[KS_MAP_LAYERS];
  double west, south, east, north;
};

static const char *const layer_names[KS_MAP_LAYERS] = {"coast", "lake", "river"};

void ks_mapdata_destroy(ks_mapdata *map) {
  if (!map)
    return;
  for (int l = 0; l < KS_MAP_LAYERS; l++) {
    for (size_t i = 0; i < map->layers[l].n; i++)
      free((void *)map->layers[l].lines[i].lonlat);
    free(map->layers[l].lines);
  }
  free(map);
}

ks_mapdata *ks_mapdata_load(const char *path, char *err, size_t err_size) {
  char why[256];
  FILE *f = ks_file_fopen(path, 0, MAX_FILE, why, sizeof why);
  if (!f) {
    snprintf(err, err_size, "cannot read the map %s: %s", path, why);
    return NULL;
  }
  ks_mapdata *map = ks_xcalloc(1, sizeof *map);
  char buf[256];
  int line = 0, current = -1;
  bool ok = true, have_bbox = false;
  while (ok && fgets(buf, sizeof buf, f)) {
    line++;
    if (buf[0] == '#' || buf[0] == '\n')
      continue;
    char name[32];
    unsigned long count;
    if (sscanf(buf, "bbox %lf %lf %lf %lf", &map->west, &map->south, &map->east, &map->north) ==
        4) {
      have_bbox = map->west < map->east && map->south < map->north;
      ok = have_bbox;
    } else if (sscanf(buf, "layer %31s", name) == 1) {
      current = -1;
      for (int l = 0; l < KS_MAP_LAYERS; l++)
        if (strcmp(name, layer_names[l]) == 0)
          current = l;
      ok = current >= 0;
    } else if (sscanf(buf, "%lu", &count) == 1 && current >= 0 && count >= 2 &&
               count <= MAX_POINTS) {
      float *pts = ks_xmalloc(count * 2 * sizeof(float));
      for (unsigned long i = 0; ok && i < count; i++) {
        line++;
        ok = fgets(buf, sizeof buf, f) && sscanf(buf, "%f %f", &pts[2 * i], &pts[2 * i + 1]) == 2;
      }
      map_layer_lines *ly = &map->layers[current];
      ks_grow((void **)&ly->lines, &ly->cap, ly->n, sizeof(ks_polyline));
      ly->lines[ly->n++] = (ks_polyline){pts, count};
    } else {
      ok = false;
    }
  }
  fclose(f);
  if (ok && !have_bbox) {
    ok = false;
    line = 0;
  }
  if (!ok) {
    snprintf(err, err_size, "%s:%d: not a map file line (see assets/map/README.md)", path, line);
    ks_mapdata_destroy(map);
    return NULL;
  }
  return map;
}

size_t ks_mapdata_count(const ks_mapdata *map, ks_map_layer layer) { return map->layers[layer].n; }

ks_polyline ks_mapdata_line(const ks_mapdata *map, ks_map_layer layer, size_t i) {
  return map->layers[layer].lines[i];
}

void ks_mapdata_bbox(const ks_mapdata *map, double *west, double *south, double *east,
                     double *north) {
  *west = map->west, *south = map->south, *east = map->east, *north = map->north;
}
