/* Private to the UI: the delta's map painted as a map (app/ui/mapview.c) — sea, land, lakes and
 * the Yangtze filled, streams, province borders and names, Shanghai marked — under whatever a
 * screen puts on it (the cities screen's pins and names). */
#ifndef KIOSK_UI_MAPVIEW_H
#define KIOSK_UI_MAPVIEW_H

#include "ui_private.h"

/* The UI's map, read from the file ks_ui_set_map_file named the first time it is asked for
 * (said on stderr if it will not load); NULL when there is none. */
const ks_mapdata *ui_map(const ks_ui *ui);

/* The region a map shows where neither its data nor its cities say (west, south, east, north):
 * the delta, Hefei to the sea. */
extern const double UI_MAP_DELTA[4];

/* Whether a city has a point on the globe to pin. One that has none — no position, or one
 * infinite, not a number, or past the poles (values a damaged pack can hold) — is left off every
 * map, so that a region fitted around the pins, and every pixel position, stays finite. */
bool ui_place_on_globe(const ks_place *c);

/* An equirectangular projection scaled by cos(latitude) at the view's middle — true enough in
 * shape for a region a few degrees high — fitted into a rectangle of pixels. */
typedef struct {
  double west, north, k; /* the view's corner and the longitude scale */
  double scale, x0, y0;  /* pixels per degree and where the view's corner lands */
} ui_map_proj;

/* The view (west, south, east, north) fitted into `area`, as large as fits, centred. */
ui_map_proj ui_map_fit(const double view[4], ks_rect area);
/* Width over height of the view as the projection draws it. */
double ui_map_aspect(const double view[4]);
void ui_map_project(const ui_map_proj *p, double lon, double lat, float *x, float *y);
/* The corridor as a line through `p`: the corridor's cities among the `n` places, in their order
 * (the list's: corridor order), projected into `xy` (room for `max` points). Returns how many. */
size_t ui_map_corridor(const ui_map_proj *p, const ks_place *places, size_t n, float *xy,
                       size_t max);

/* Paints `map` through `p`, clipped to `panel`: the sea over the map's region, land, lakes and
 * the Yangtze, isles, streams and province borders (nothing where the map has no data). No
 * allocation: a steady frame only projects the points and batches the triangles made with the
 * asset (ks_mapdata_area_triangles). Clip left at `panel`'s, lifted by the caller. */
void ui_map_paint(const frame *f, const ks_mapdata *map, const ui_map_proj *p, ks_rect panel);

/* Names the four provinces of the delta (江苏 / Jiangsu …) at their label points, in a muted
 * colour: a name that would come near any of the `n` points `xy` (pins, with `keep` pixels to
 * spare) or meet any of the `n_avoid` boxes `avoid` (the cities' names) moves up or down a
 * line, or is left out. */
void ui_map_province_names(const frame *f, const ks_mapdata *map, const ui_map_proj *p,
                           ks_rect panel, const float *xy, size_t n, float keep,
                           const ks_rect *avoid, size_t n_avoid);

#endif
