/* The delta's map painted as a map (mapview.h). */
#include "mapview.h"

#include "kiosk/diag.h"
#include "kiosk/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest polygon painted: the bundled map's largest has 1,046 points. A larger one (of
 * another map file) is left unfilled rather than drawn with an allocation every frame. */
enum { MAX_RING = 4096 };

void ks_ui_set_map_file(ks_ui *ui, const char *path) {
  free(ui->map_file);
  ui->map_file = path ? ks_xstrdup(path) : NULL;
}

const ks_mapdata *ui_map(const ks_ui *ui) {
  if (!ui->map && ui->map_file) { /* read once, on first use; the UI itself is never const */
    ks_ui *u = (ks_ui *)ui;
    char err[512];
    if (!ks_ui_load_map(u, u->map_file, err, sizeof err))
      ks_diag_log(stderr, "kiosk: %s; the cities screen shows its pins without coastline", err);
    free(u->map_file);
    u->map_file = NULL;
  }
  return ui->map;
}

const double UI_MAP_DELTA[4] = {115.5, 28.0, 123.0, 34.0};

bool ui_place_on_globe(const ks_place *c) {
  return c->has_position && c->lat >= -90 && c->lat <= 90 && c->lon >= -180 && c->lon <= 180;
}

size_t ui_map_corridor(const ui_map_proj *p, const ks_place *places, size_t n, float *xy,
                       size_t max) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < max; i++)
    if (places[i].corridor && ui_place_on_globe(&places[i])) {
      ui_map_project(p, places[i].lon, places[i].lat, &xy[2 * k], &xy[2 * k + 1]);
      k++;
    }
  return k;
}

double ui_map_aspect(const double v[4]) {
  double k = cos((v[1] + v[3]) / 2 * 3.14159265358979 / 180);
  return (v[2] - v[0]) * k / (v[3] - v[1]);
}

ui_map_proj ui_map_fit(const double v[4], ks_rect area) {
  double w = v[0], s = v[1], e = v[2], n = v[3];
  ui_map_proj p = {.west = w, .north = n, .k = cos((s + n) / 2 * 3.14159265358979 / 180)};
  double width = (e - w) * p.k, height = n - s;
  p.scale = fmin(area.w / width, area.h / height);
  p.x0 = area.x + (area.w - width * p.scale) / 2;
  p.y0 = area.y + (area.h - height * p.scale) / 2;
  return p;
}

void ui_map_project(const ui_map_proj *p, double lon, double lat, float *x, float *y) {
  *x = (float)(p->x0 + (lon - p->west) * p->k * p->scale);
  *y = (float)(p->y0 + (p->north - lat) * p->scale);
}

/* Projects a polyline into `xy` (room for MAX_RING points); false when it has more, or lies
 * wholly outside `panel`. */
static bool project_all(const ui_map_proj *p, ks_polyline pl, ks_rect panel, float *xy) {
  if (pl.n > MAX_RING)
    return false;
  float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (size_t k = 0; k < pl.n; k++) {
    ui_map_project(p, pl.lonlat[2 * k], pl.lonlat[2 * k + 1], &xy[2 * k], &xy[2 * k + 1]);
    x0 = fminf(x0, xy[2 * k]), x1 = fmaxf(x1, xy[2 * k]);
    y0 = fminf(y0, xy[2 * k + 1]), y1 = fmaxf(y1, xy[2 * k + 1]);
  }
  return x1 >= (float)panel.x && x0 <= (float)(panel.x + panel.w) && y1 >= (float)panel.y &&
         y0 <= (float)(panel.y + panel.h);
}

void ui_map_paint(const frame *f, const ks_mapdata *map, const ui_map_proj *p, ks_rect panel) {
  ks_gfx_set_clip(f->gfx, &panel);
  double w, s, e, n;
  ks_mapdata_bbox(map, &w, &s, &e, &n);
  float sx0, sy0, sx1, sy1; /* the sea: the map's region, as far as it has data */
  ui_map_project(p, w, n, &sx0, &sy0);
  ui_map_project(p, e, s, &sx1, &sy1);
  ks_gfx_fill_rect(
      f->gfx, (ks_rect){ui_px(sx0), ui_px(sy0), ui_px(sx1) - ui_px(sx0), ui_px(sy1) - ui_px(sy0)},
      KS_MAP_SEA);
  float xy[2 * MAX_RING]; /* 32 KB of stack: no allocation a frame, no state kept */
  const ks_color fill[KS_MAP_AREAS] = {[KS_MAP_LAND] = KS_MAP_LAND_FILL,
                                       [KS_MAP_LAKE_WATER] = KS_MAP_WATER_FILL,
                                       [KS_MAP_RIVER_WATER] = KS_MAP_WATER_FILL,
                                       [KS_MAP_ISLE] = KS_MAP_LAND_FILL};
  for (int a = 0; a < KS_MAP_AREAS; a++)
    for (size_t i = 0; i < ks_mapdata_area_count(map, (ks_map_area)a); i++) {
      ks_polyline pl = ks_mapdata_area(map, (ks_map_area)a, i);
      size_t tris;
      const uint32_t *ix = ks_mapdata_area_triangles(map, (ks_map_area)a, i, &tris);
      if (ix && project_all(p, pl, panel, xy))
        ks_gfx_triangles(f->gfx, xy, pl.n, ix, tris, fill[a]);
    }
  float hair = (float)sz(f, UI_SP_HAIR);
  hair = hair < 1 ? 1 : hair;
  for (int k = 0; k < KS_MAP_STROKES; k++)
    for (size_t i = 0; i < ks_mapdata_stroke_count(map, (ks_map_stroke)k); i++) {
      ks_polyline pl = ks_mapdata_stroke(map, (ks_map_stroke)k, i);
      if (project_all(p, pl, panel, xy))
        ks_gfx_polyline(f->gfx, xy, pl.n, k == KS_MAP_BORDER ? hair : hair * 1.5f,
                        k == KS_MAP_BORDER ? KS_MAP_BORDER_LINE : KS_MAP_WATER_FILL);
    }
}

void ui_map_province_names(const frame *f, const ks_mapdata *map, const ui_map_proj *p,
                           ks_rect panel, const float *xy, size_t n, float keep,
                           const ks_rect *avoid, size_t n_avoid) {
  bool en = strcmp(lang_code(f), "en") == 0;
  int h = ui_line_height(f, UI_TYPE_BODY);
  for (size_t i = 0; i < ks_mapdata_province_count(map); i++) {
    const ks_map_province *pr = ks_mapdata_province(map, i);
    if (!pr->labelled)
      continue;
    const char *name = en ? pr->en : pr->full_zh;
    int w = ui_text_width(f, name, UI_TYPE_BODY);
    float x, y;
    ui_map_project(p, pr->label_lon, pr->label_lat, &x, &y);
    static const int shifts[] = {0, -1, 1, -2, 2};
    for (size_t t = 0; t < sizeof shifts / sizeof *shifts; t++) {
      ks_rect r = {ui_px(x) - w / 2, ui_px(y) - h / 2 + shifts[t] * h, w, h};
      bool clear = r.x >= panel.x && r.y >= panel.y && r.x + r.w <= panel.x + panel.w &&
                   r.y + r.h <= panel.y + panel.h;
      for (size_t k = 0; k < n && clear; k++)
        clear = !(xy[2 * k] > (float)r.x - keep && xy[2 * k] < (float)(r.x + r.w) + keep &&
                  xy[2 * k + 1] > (float)r.y - keep && xy[2 * k + 1] < (float)(r.y + r.h) + keep);
      for (size_t k = 0; k < n_avoid && clear; k++)
        clear = !(r.x < avoid[k].x + avoid[k].w && avoid[k].x < r.x + r.w &&
                  r.y < avoid[k].y + avoid[k].h && avoid[k].y < r.y + r.h);
      if (clear) {
        ui_text(f, name, UI_TYPE_BODY, r.x, r.y, w + 1, 1, KS_MAP_PROVINCE_NAME);
        break;
      }
    }
  }
}
