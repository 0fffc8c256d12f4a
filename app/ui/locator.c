/* Locator maps (locator.h): the delta drawn small, with the places of one exhibit marked. */
#include "locator.h"

#include "kiosk/maplabels.h"
#include "mapview.h"

#include <math.h>
#include <string.h>

/* Whether `id` is among the first `n` of `ids`. */
static bool has_id(const char *const *ids, size_t n, const char *id) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(ids[i], id) == 0)
      return true;
  return false;
}

size_t ui_locator_places(const ks_ui *ui, const ks_exhibit *e, const ks_place **out, size_t max) {
  const ks_place *places;
  size_t n_places = ks_store_places(ui->store, &places), n = 0;
  if (!e || !e->id)
    return 0;
  /* The cities it names, then those that name it: either way round is a link (content.h). */
  const char *ids[UI_LOCATOR_MAX];
  size_t n_ids = 0;
  if (e->kind == KS_KIND_CITY)
    ids[n_ids++] = e->id;
  for (size_t i = 0; i < e->n_links && n_ids < UI_LOCATOR_MAX; i++)
    if (e->links[i].target_kind == KS_KIND_CITY || e->links[i].target_kind == KS_KIND_COUNT)
      if (!has_id(ids, n_ids, e->links[i].target))
        ids[n_ids++] = e->links[i].target;
  if (e->kind != KS_KIND_CITY) {
    const char *const *from;
    size_t n_from = ks_store_linked_from(ui->store, e->id, &from);
    for (size_t i = 0; i < n_from && n_ids < UI_LOCATOR_MAX; i++)
      if (!has_id(ids, n_ids, from[i]))
        ids[n_ids++] = from[i];
  }
  /* Those that are cities with a place on the globe, in the order found (a city's own first). */
  for (size_t k = 0; k < n_ids && n < max; k++)
    for (size_t i = 0; i < n_places; i++)
      if (strcmp(places[i].id, ids[k]) == 0) {
        if (ui_place_on_globe(&places[i]))
          out[n++] = &places[i];
        break;
      }
  return n;
}

/* The region shown: the corridor's — its cities with a margin (every city's where the pack has
 * no corridor; the delta where it has no city), the same on every page so that a visitor learns
 * it once — grown to take in every marked place, then widened or heightened to between 1:1 and
 * 4:3, a panel's shape. */
static void region(const ks_place *places, size_t n_places, const ks_place *const *marked, size_t n,
                   double v[4]) {
  const double margin = 0.6;
  bool corridor = false;
  for (size_t i = 0; i < n_places && !corridor; i++)
    corridor = places[i].corridor && ui_place_on_globe(&places[i]);
  double w = INFINITY, s = INFINITY, e = -INFINITY, nn = -INFINITY;
  for (size_t i = 0; i < n_places; i++)
    if (ui_place_on_globe(&places[i]) && (places[i].corridor || !corridor)) {
      w = fmin(w, places[i].lon), e = fmax(e, places[i].lon);
      s = fmin(s, places[i].lat), nn = fmax(nn, places[i].lat);
    }
  for (size_t i = 0; i < n; i++) {
    w = fmin(w, marked[i]->lon), e = fmax(e, marked[i]->lon);
    s = fmin(s, marked[i]->lat), nn = fmax(nn, marked[i]->lat);
  }
  if (!(w <= e && s <= nn)) /* no place at all */
    w = UI_MAP_DELTA[0], s = UI_MAP_DELTA[1], e = UI_MAP_DELTA[2], nn = UI_MAP_DELTA[3];
  v[0] = w - margin, v[1] = s - margin, v[2] = e + margin, v[3] = nn + margin;
  double aspect = ui_map_aspect(v);
  if (aspect < 1) { /* too tall: wider about its middle */
    double grow = (v[2] - v[0]) * (1 / aspect - 1) / 2;
    v[0] -= grow, v[2] += grow;
  } else if (aspect > 4.0 / 3) { /* too wide: taller */
    double grow = (v[3] - v[1]) * (aspect * 3 / 4 - 1) / 2;
    v[1] -= grow, v[3] += grow;
  }
}

int ui_locator(const frame *f, const ks_exhibit *e, int x, int y, int w, int max_h) {
  const ks_ui *ui = f->ui;
  const ks_place *marked[UI_LOCATOR_MAX];
  size_t n = ui_locator_places(ui, e, marked, UI_LOCATOR_MAX);
  const ks_mapdata *map = ui_map(ui);
  if (!n || w <= 0 || !map) /* pins on an empty panel are no map: without one, none */
    return 0;
  const ks_place *places;
  size_t n_places = ks_store_places(ui->store, &places);
  double v[4];
  region(places, n_places, marked, n, v);
  /* As wide as the column, as tall as the region is at that width — but no taller than `max_h`
   * (then narrower, at the column's left), nor lower than 25 mm. */
  int cap = max_h > ui_mm(f, 25) ? max_h : ui_mm(f, 25);
  double aspect = ui_map_aspect(v);
  int pw = w, ph = (int)(w / aspect);
  if (ph > cap)
    ph = cap, pw = (int)(cap * aspect) < w ? (int)(cap * aspect) : w;
  int caption =
      ui_text(f, ui_say(f, "locator.title"), UI_TYPE_SMALL, x, y, w, 1, KS_TEAL) + sz(f, UI_SP_XS);
  ks_rect panel = {x, y + caption, pw, ph};
  ks_gfx_fill_round_rect(f->gfx, panel, sz(f, UI_RADIUS), KS_CARD);
  ks_rect inner = ui_inset(panel, sz(f, UI_SP_XS));
  ui_map_proj p = ui_map_fit(v, inner);
  /* Sea past the map's own region too: the view can reach beyond the data east of the coast. */
  ks_gfx_fill_rect(f->gfx, inner, KS_MAP_SEA);
  ui_map_paint(f, map, &p, inner);
  /* The corridor, thin: what every page of the exhibition is about, for reference. */
  float line[64];
  size_t k = ui_map_corridor(&p, places, n_places, line, 32);
  ks_color faint = KS_TEAL;
  faint.a = 0x70;
  ks_gfx_polyline(f->gfx, line, k, (float)sz(f, UI_LINE_W), faint);
  ks_gfx_set_clip(f->gfx, NULL);
  /* The places, each a pin with a halo and its name where the label rule finds it a place; a
   * pin of another page answers a finger: it opens that city. */
  ks_label_pin pins[UI_LOCATOR_MAX];
  ks_label names[UI_LOCATOR_MAX];
  int pad = sz(f, UI_SP_XS), lh = ui_line_height(f, UI_TYPE_SMALL);
  float r = (float)sz(f, UI_PIN);
  for (size_t i = 0; i < n; i++) {
    float px, py;
    ui_map_project(&p, marked[i]->lon, marked[i]->lat, &px, &py);
    pins[i] = (ks_label_pin){px,
                             py,
                             r + (float)sz(f, UI_SP_XXS),
                             ui_text_width(f, tr(f, &marked[i]->title), UI_TYPE_SMALL) + 2 * pad,
                             lh,
                             true};
  }
  ks_labels_place(pins, n, inner, (float)pad, names);
  int side = sz(f, UI_PIN_HIT);
  for (size_t i = 0; i < n; i++) {
    bool own = e->kind == KS_KIND_CITY && strcmp(marked[i]->id, e->id) == 0, pressed = false;
    if (!own) { /* a finger's square, where it meets no earlier pin's */
      ks_rect t = {ui_px(pins[i].x) - side / 2, ui_px(pins[i].y) - side / 2, side, side};
      bool clear = true;
      for (size_t j = 0; j < i && clear; j++)
        clear = fabsf(pins[j].x - pins[i].x) >= (float)side ||
                fabsf(pins[j].y - pins[i].y) >= (float)side;
      if (clear)
        pressed = ui_add_hit(f, t, (action){ACT_GO, KS_SCREEN_CITY, marked[i]->id},
                             tr(f, &marked[i]->title));
    }
    ks_gfx_fill_circle(f->gfx, pins[i].x, pins[i].y, pins[i].r, KS_BG);
    ks_gfx_fill_circle(f->gfx, pins[i].x, pins[i].y, r,
                       pressed               ? KS_TEXT
                       : marked[i]->corridor ? KS_TEAL
                                             : KS_GOLD);
  }
  float hair = (float)sz(f, UI_SP_HAIR);
  for (size_t i = 0; i < n; i++) {
    if (!names[i].placed)
      continue;
    if (names[i].leader) {
      float l[4] = {names[i].x0, names[i].y0, names[i].x1, names[i].y1};
      ks_gfx_polyline(f->gfx, l, 2, hair < 1 ? 1 : hair, KS_TEXT_DIM);
    }
    ks_rect b = names[i].rect;
    ks_gfx_fill_round_rect(f->gfx, b, pad, (ks_color){KS_BG.r, KS_BG.g, KS_BG.b, 0xc8});
    ui_text(f, tr(f, &marked[i]->title), UI_TYPE_SMALL, b.x + pad, b.y, b.w - 2 * pad + 1, 1,
            KS_TEXT);
  }
  f->ui->pictures++;
  return caption + ph + sz(f, UI_SP_L);
}
