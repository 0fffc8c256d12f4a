/* The corridor on a map — the delta painted as a map (mapview.c), every city pinned at its
 * latitude and longitude and named where its name fits unambiguously (maplabels.c), the G60
 * cities joined in corridor order — with the list of cities beside it. */
#include "../mapview.h"
#include "../ui_private.h"

#include "kiosk/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The region the map shows at least, in degrees: the delta from Hefei to the sea. It grows to
 * take in every city of the pack, with a margin. */
static const double MARGIN = 0.4;

/* The cities as places (ks_store_places): where each is and its name, read once for the map and
 * the list beside it; never every city whole. */
static size_t n_places(const ks_ui *ui) {
  const ks_place *p;
  return ks_store_places(ui->store, &p);
}
static const ks_place *place_at(const ks_ui *ui, size_t i) {
  const ks_place *p;
  return i < ks_store_places(ui->store, &p) ? &p[i] : NULL;
}

/* The whole map's region: west, south, east, north. */
static void whole(const ks_ui *ui, double v[4]) {
  double w = UI_MAP_DELTA[0], s = UI_MAP_DELTA[1], e = UI_MAP_DELTA[2], n = UI_MAP_DELTA[3];
  const ks_mapdata *map = ui_map(ui);
  if (map) /* the map's own region, which it fills */
    ks_mapdata_bbox(map, &w, &s, &e, &n);
  for (size_t i = 0; i < n_places(ui); i++) {
    if (!ui_place_on_globe(place_at(ui, i)))
      continue;
    w = fmin(w, place_at(ui, i)->lon - MARGIN), e = fmax(e, place_at(ui, i)->lon + MARGIN);
    s = fmin(s, place_at(ui, i)->lat - MARGIN), n = fmax(n, place_at(ui, i)->lat + MARGIN);
  }
  v[0] = w, v[1] = s, v[2] = e, v[3] = n;
}

/* The whole map, or `view` (west, south, east, north) where it is zoomed into a part. */
static ui_map_proj fit(const ks_ui *ui, ks_rect area, const double *view) {
  double v[4];
  if (view)
    memcpy(v, view, sizeof v);
  else
    whole(ui, v);
  return ui_map_fit(v, area);
}

/* The area two rectangles share (0 when they do not meet). */
static long overlap_area(ks_rect a, ks_rect b) {
  int ow = (a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w) - (a.x > b.x ? a.x : b.x);
  int oh = (a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h) - (a.y > b.y ? a.y : b.y);
  return ow > 0 && oh > 0 ? (long)ow * oh : 0;
}

enum { MAX_CITIES = 128, MAX_PINS = MAX_CITIES + 1 /* and Shanghai's mark */ };

typedef struct {
  /* Per city of the list (ks_store_places) as last drawn: the group of pins it answers with on the
   * map, whether its pin shows, and where its row is in the list. */
  size_t group[MAX_CITIES];
  bool shown[MAX_CITIES];
  int row_y[MAX_CITIES];
  bool pressed[MAX_CITIES];           /* per group: the finger is on it */
  char labels[4096];                  /* the names of crowded groups, for their targets */
  int px[MAX_CITIES], py[MAX_CITIES]; /* where its pin was */
  ks_rect target[MAX_CITIES];         /* per group: where it answers a touch (w < 0: none) */
  bool named[MAX_CITIES];             /* its name is on the map */
  int least;                          /* a finger's width in pixels, at the last draw */
  float tap_x, tap_y;                 /* where the last tap was, in pixels */
  /* Where a tap on a group of crowded pins brought the map closer: the region it shows (west,
   * south, east, north). */
  bool zoomed;
  double view[4];
  size_t preview; /* 1 + the city whose preview card shows (its unnamed pin was tapped), or 0 */
  /* The pins shown and their names as last placed (ks_ui_map_labels): the cities' in the
   * list's order, corridor first, then Shanghai's mark where no city's pin is on it; placed
   * again only when the pins or their names change. */
  ks_label_pin pins[MAX_PINS];
  ks_label names[MAX_PINS];
  size_t pin_city[MAX_PINS]; /* the city of each, SIZE_MAX for the mark */
  size_t n_pins;
  ks_rect names_panel;
} cities;

/* Whether city i's pin shows on the map as last drawn (past MAX_CITIES: on the whole map). */
static bool shows(const cities *st, size_t i, const ks_place *c) {
  return i < MAX_CITIES ? st->shown[i] : !st->zoomed && ui_place_on_globe(c);
}

/* A corridor city's place along the corridor, 1…: the list has them first, in corridor order. */
static size_t corridor_number(const ks_ui *ui, size_t i) {
  return place_at(ui, i) && place_at(ui, i)->corridor ? i + 1 : 0;
}

/* Its number inside a disc of radius `r` at (x, y), dark on the pin's colour: the key that names
 * the pin where its name finds no place on a small panel, matched by the same number in the
 * list beside the map. Left out where it does not fit inside. */
static void pin_number(const frame *f, size_t number, float x, float y, float r) {
  char s[8];
  snprintf(s, sizeof s, "%zu", number);
  int w = ui_text_width(f, s, UI_TYPE_SMALL), h = ui_line_height(f, UI_TYPE_SMALL);
  if (number == 0 || (float)w > 1.6f * r)
    return;
  ui_text(f, s, UI_TYPE_SMALL, ui_px(x) - w / 2, ui_px(y) - h / 2, w + 1, 1, KS_BG);
}

/* The radius of a pin drawn with its halo, and of Shanghai's mark around a pin. */
static float pin_radius(const frame *f, bool corridor) {
  return (float)(sz(f, corridor ? UI_PIN : UI_DOT) + sz(f, UI_SP_XXS));
}
static float mark_radius(const frame *f) {
  return pin_radius(f, true) + (float)(sz(f, UI_SP_XS) + sz(f, UI_STROKE));
}

/* Where each shown pin's name goes (kiosk/maplabels.h): corridor cities first, so that they are
 * named wherever any place keeps the rule, then the others where their names fit. `mark` is
 * Shanghai's centre in pixels (NULL: none), which no name may cover. Placed again only when
 * the pins, the names' sizes or the panel changed since the last draw. */
static void place_names(const frame *f, cities *st, const ui_map_proj *p, ks_rect panel,
                        const float *mark) {
  const ks_ui *ui = f->ui;
  ks_label_pin pins[MAX_PINS];
  size_t city[MAX_PINS], n = 0;
  int pad = sz(f, UI_SP_XS), h = ui_line_height(f, UI_TYPE_SMALL);
  bool marked = false;
  for (size_t i = 0; i < n_places(ui) && i < MAX_CITIES; i++) {
    const ks_place *c = place_at(ui, i);
    st->named[i] = false;
    if (!shows(st, i, c))
      continue;
    float x, y;
    ui_map_project(p, c->lon, c->lat, &x, &y);
    float r = pin_radius(f, c->corridor);
    if (mark && fabsf(x - mark[0]) < 1 &&
        fabsf(y - mark[1]) < 1) /* the pin Shanghai's mark rings */
      r = mark_radius(f), marked = true;
    pins[n] = (ks_label_pin){
        x, y, r, ui_text_width(f, tr(f, &c->title), UI_TYPE_SMALL) + 2 * pad, h, c->corridor};
    city[n++] = i;
  }
  if (mark && !marked)
    pins[n] = (ks_label_pin){mark[0], mark[1], mark_radius(f), 0, 0, false}, city[n++] = SIZE_MAX;
  bool same = n == st->n_pins && memcmp(pins, st->pins, n * sizeof *pins) == 0 &&
              memcmp(&panel, &st->names_panel, sizeof panel) == 0;
  if (!same) {
    memcpy(st->pins, pins, n * sizeof *pins);
    memcpy(st->pin_city, city, n * sizeof *city);
    st->n_pins = n, st->names_panel = panel;
    ks_labels_place(st->pins, n, panel, (float)sz(f, UI_SP_XS), st->names);
  }
  for (size_t k = 0; k < n; k++)
    if (st->names[k].placed && st->pin_city[k] != SIZE_MAX)
      st->named[st->pin_city[k]] = true;
}

/* Draws the names placed by place_names: leaders, then a translucent plate of the background
 * under each name (legible where it crosses the corridor line or a shore), the corridor's in
 * white, the others' a step dimmer. */
static void draw_names(const frame *f, const cities *st) {
  const ks_ui *ui = f->ui;
  float hair = (float)sz(f, UI_SP_HAIR);
  for (size_t k = 0; k < st->n_pins; k++)
    if (st->names[k].placed && st->names[k].leader) {
      const ks_label *l = &st->names[k];
      float line[4] = {l->x0, l->y0, l->x1, l->y1};
      ks_gfx_polyline(f->gfx, line, 2, hair < 1 ? 1 : hair, KS_TEXT_DIM);
    }
  int pad = sz(f, UI_SP_XS);
  for (size_t k = 0; k < st->n_pins; k++) {
    if (!st->names[k].placed || st->pin_city[k] == SIZE_MAX)
      continue;
    const ks_place *c = place_at(ui, st->pin_city[k]);
    ks_rect r = st->names[k].rect;
    ks_gfx_fill_round_rect(f->gfx, r, pad, (ks_color){KS_BG.r, KS_BG.g, KS_BG.b, 0xc8});
    ui_text(f, tr(f, &c->title), UI_TYPE_SMALL, r.x + pad, r.y, r.w - 2 * pad + 1, 1,
            c->corridor ? KS_TEXT : KS_TEXT_DIM);
  }
}

static ks_rect bounds(ks_rect a, ks_rect b) {
  int x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
  int x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w;
  int y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
  return (ks_rect){x0, y0, x1 - x0, y1 - y0};
}

/* The gap between two groups' pins along `axis` (0: x, 1: y): negative where they interleave. */
static int gap_along(ks_rect a, ks_rect b, int axis) {
  int a0 = axis ? a.y : a.x, a1 = a0 + (axis ? a.h : a.w);
  int b0 = axis ? b.y : b.x, b1 = b0 + (axis ? b.h : b.w);
  return b0 - a1 > a0 - b1 ? b0 - a1 : a0 - b1;
}

/* The pins' touch targets, none overlapping another and none under the floor. Each pin answers

 * in a square around it. Pins nearer than a finger both ways (Shanghai's districts on a small
 * panel) are one target: a group that names its cities and brings them up in the list beside the
 * map, where each is a row of its own. Where two targets then overlap, they are cut apart at the
 * middle between their pins, if each keeps a finger's width; where they cannot be, they become
 * one group too. */
static void pin_targets(const frame *f, cities *st, const ui_map_proj *p, ks_rect in) {
  const ks_ui *ui = f->ui;
  size_t n = n_places(ui) < MAX_CITIES ? n_places(ui) : MAX_CITIES;
  int side = sz(f, UI_PIN_HIT), half = side / 2, least = ui_mm(f, UI_TARGET_MIN_MM);
  int cx[MAX_CITIES], cy[MAX_CITIES];
  st->least = least;
  for (size_t i = 0; i < n; i++) {
    float x, y;
    ui_map_project(p, place_at(ui, i)->lon, place_at(ui, i)->lat, &x, &y);
    cx[i] = ui_px(x), cy[i] = ui_px(y);
    st->px[i] = cx[i], st->py[i] = cy[i];
    /* Zoomed in, only the pins whose whole target is in `in` show. */
    st->shown[i] = ui_place_on_globe(place_at(ui, i)) &&
                   (!st->zoomed || (cx[i] - half >= in.x && cy[i] - half >= in.y &&
                                    cx[i] + half <= in.x + in.w && cy[i] + half <= in.y + in.h));
    st->group[i] = st->shown[i] ? i : SIZE_MAX;
    st->pressed[i] = false;
  }
  for (size_t i = 0; i < n; i++) /* pins a finger apart neither way: one group */
    for (size_t j = i + 1; j < n; j++)
      if (st->group[i] != SIZE_MAX && st->group[j] != SIZE_MAX && abs(cx[j] - cx[i]) < least &&
          abs(cy[j] - cy[i]) < least) {
        /* The group keeps its first member's index: the targets below are made from k = root. */
        size_t keep = st->group[i] < st->group[j] ? st->group[i] : st->group[j];
        size_t gone = st->group[i] < st->group[j] ? st->group[j] : st->group[i];
        for (size_t k = 0; k < n; k++)
          st->group[k] = st->group[k] == gone ? keep : st->group[k];
      }
  ks_rect core[MAX_CITIES], g[MAX_CITIES];
  for (bool again = true; again;) {
    again = false;
    for (size_t i = 0; i < n; i++)
      core[i] = (ks_rect){0, 0, -1, -1}; /* none yet */
    for (size_t i = 0; i < n; i++) {
      size_t k = st->group[i];
      if (k == SIZE_MAX)
        continue;
      ks_rect pin = {cx[i], cy[i], 0, 0};
      core[k] = core[k].w < 0 ? pin : bounds(core[k], pin);
    }
    for (size_t i = 0; i < n; i++)
      g[i] = core[i].w < 0 ? core[i]
                           : (ks_rect){core[i].x - half, core[i].y - half, core[i].w + side,
                                       core[i].h + side};
    for (size_t a = 0; a < n && !again; a++)
      for (size_t b = a + 1; b < n && !again && g[a].w >= 0; b++) {
        if (g[b].w < 0 || !overlap_area(g[a], g[b]))
          continue;
        int gx = gap_along(core[a], core[b], 0), gy = gap_along(core[a], core[b], 1);
        int axis = gy > gx ? 1 : 0, gap = axis ? gy : gx;
        if (gap > 0) { /* cut at the middle of the gap, where both keep a finger's width */
          bool a_first = axis ? core[a].y < core[b].y : core[a].x < core[b].x;
          ks_rect *lo = a_first ? &g[a] : &g[b], *hi = a_first ? &g[b] : &g[a];
          const ks_rect *lc = a_first ? &core[a] : &core[b];
          int mid = (axis ? lc->y + lc->h : lc->x + lc->w) + gap / 2;
          int *l0 = axis ? &lo->y : &lo->x, *ll = axis ? &lo->h : &lo->w;
          int *h0 = axis ? &hi->y : &hi->x, *hl = axis ? &hi->h : &hi->w;
          int l_end = *l0 + *ll < mid ? *l0 + *ll : mid, h_start = *h0 > mid ? *h0 : mid;
          if (l_end - *l0 >= least && *h0 + *hl - h_start >= least) {
            *ll = l_end - *l0;
            *hl -= h_start - *h0, *h0 = h_start;
            continue;
          }
        }
        for (size_t k = 0; k < n; k++)
          st->group[k] = st->group[k] == b ? a : st->group[k];
        again = true;
      }
  }
  memcpy(st->target, g, sizeof(ks_rect) * n);
}

/* The pins' touch targets (pin_targets) as answers to a touch: a named pin opens its city, an
 * unnamed one shows its preview card, a group brings the map closer. */
static void pin_hits(const frame *f, cities *st) {
  const ks_ui *ui = f->ui;
  size_t used = 0, n = n_places(ui) < MAX_CITIES ? n_places(ui) : MAX_CITIES;
  const ks_rect *g = st->target;
  for (size_t a = 0; a < n; a++) {
    if (g[a].w < 0)
      continue;
    size_t members = 0;
    for (size_t k = a; k < n; k++)
      members += st->group[k] == a;
    const ks_place *c = place_at(ui, a);
    if (members == 1) { /* named: it opens the city; unnamed: its preview card first */
      action act = {st->named[a] ? ACT_GO : ACT_SEEK, KS_SCREEN_CITY, c->id};
      st->pressed[a] = ui_add_hit(f, g[a], act, tr(f, &c->title));
      continue;
    }
    char *label = st->labels + used;
    size_t room = sizeof st->labels - used, len = 0;
    label[0] = '\0';
    for (size_t k = a; k < n && room > 1; k++)
      if (st->group[k] == a) {
        int m = snprintf(label + len, room - len, "%s%s", len ? " · " : "",
                         tr(f, &place_at(ui, k)->title));
        len = m < 0 || (size_t)m >= room - len ? room - 1 : len + (size_t)m;
      }
    used += len + 1 < room ? len + 1 : room;
    st->pressed[a] = ui_add_hit(f, g[a], (action){ACT_SEEK, KS_SCREEN_CITY, c->id}, label);
  }
}

/* The control that takes a map zoomed into a group of pins back to the whole of it, in the top
 * left of the map's panel: a finger's size, "全图 / Whole map" after an arrow out. */
static void whole_map_button(const frame *f, ks_rect r) {
  bool pressed = ui_add_hit(f, r, (action){.kind = ACT_ZOOM_OUT}, ui_say(f, "cities.whole_map"));
  ui_press_fill(f, r, r.h / 2, KS_BG, pressed);
  int pad = sz(f, UI_SP_L), line = ui_line_height(f, UI_TYPE_SMALL);
  float s = (float)line / 4;
  ui_chevron(f, (float)(r.x + pad) + s / 2, (float)r.y + (float)r.h / 2, s, -1, KS_TEXT);
  int x = r.x + pad + (int)s + sz(f, UI_SP_S);
  ui_text(f, ui_say(f, "cities.whole_map"), UI_TYPE_SMALL, x, r.y + (r.h - line) / 2, r.x + r.w - x,
          1, KS_TEXT);
}

/* The width of whole_map_button. */
static int whole_map_width(const frame *f) {
  int w = 2 * sz(f, UI_SP_L) + ui_line_height(f, UI_TYPE_SMALL) / 4 + sz(f, UI_SP_S) +
          ui_text_width(f, ui_say(f, "cities.whole_map"), UI_TYPE_SMALL) + 1;
  return w > sz(f, UI_NAV) ? w : sz(f, UI_NAV);
}

/* The card a tap on an unnamed pin shows beside it: "常州 · 打开 / Changzhou · Open", a finger's
 * height, above the pin (below where the panel has no room), inside the map's panel. A tap on
 * it opens the city. */
static void preview_card(const frame *f, const cities *st, ks_rect panel) {
  size_t i = st->preview - 1;
  const ks_place *c = place_at(f->ui, i);
  char text[256];
  snprintf(text, sizeof text, "%s · %s", tr(f, &c->title), ui_say(f, "cities.open"));
  int pad = sz(f, UI_SP_M), line = ui_line_height(f, UI_TYPE_SMALL), h = sz(f, UI_TARGET);
  float s = (float)line / 5;
  int w = ui_text_width(f, text, UI_TYPE_SMALL) + 2 * pad + (int)s + sz(f, UI_SP_S) + 1;
  w = w < panel.w ? w : panel.w;
  int gap = (int)pin_radius(f, true) + sz(f, UI_SP_XS);
  ks_rect r = {st->px[i] - w / 2, st->py[i] - gap - h, w, h};
  if (r.y < panel.y)
    r.y = st->py[i] + gap;
  r.x = r.x + r.w > panel.x + panel.w ? panel.x + panel.w - r.w : r.x;
  r.x = r.x < panel.x ? panel.x : r.x;
  r.y = r.y + r.h > panel.y + panel.h ? panel.y + panel.h - r.h : r.y;
  bool pressed = ui_add_hit(f, r, (action){ACT_GO, KS_SCREEN_CITY, c->id}, text);
  ks_gfx_fill_round_rect(f->gfx, ui_inset(r, -sz(f, UI_SP_HAIR)), r.h / 2, KS_TEXT_DIM);
  ui_press_fill(f, r, r.h / 2, KS_CARD, pressed);
  ui_text(f, text, UI_TYPE_SMALL, r.x + pad, r.y + (r.h - line) / 2, r.w - 2 * pad - (int)s, 1,
          KS_TEXT);
  ui_chevron(f, (float)(r.x + r.w - pad) - s / 2, (float)r.y + (float)r.h / 2, s, 1, KS_TEXT);
}

static void draw_map(const frame *f, cities *st, ks_rect area) {
  const ks_ui *ui = f->ui;
  ks_gfx_fill_round_rect(f->gfx, area, sz(f, UI_RADIUS), KS_CARD);
  ks_rect inner = ui_inset(area, sz(f, UI_SP_L));
  /* Zoomed in: the way back across the top, the pins below it, the group's cities fitted where
   * their whole targets are inside. */
  ks_rect room = inner, back = {0};
  if (st->zoomed) {
    back = ui_cut_top(&room, sz(f, UI_NAV));
    back.w = whole_map_width(f);
    ui_cut_top(&room, sz(f, UI_SP_S));
  }
  int half = sz(f, UI_PIN_HIT) / 2;
  ui_map_proj p = fit(ui, st->zoomed ? ui_inset(room, half) : inner, st->zoomed ? st->view : NULL);
  /* The map under everything else, inside the panel. */
  float mark[2], *at = NULL;
  const ks_mapdata *map = ui_map(ui);
  if (map) {
    ui_map_paint(f, map, &p, inner);
    if (ks_mapdata_place_count(map)) {
      const ks_map_place *sh = ks_mapdata_place(map, 0);
      ui_map_project(&p, sh->lon, sh->lat, &mark[0], &mark[1]);
      at = mark;
    }
  }
  pin_targets(f, st, &p, room);
  float xy[2 * MAX_CITIES];
  size_t n_xy = 0;
  for (size_t i = 0; i < n_places(ui) && i < MAX_CITIES; i++)
    if (st->shown[i])
      xy[2 * n_xy] = (float)st->px[i], xy[2 * n_xy + 1] = (float)st->py[i], n_xy++;
  ks_gfx_set_clip(f->gfx, &area);
  /* The corridor: a line through its cities in order (zoomed in, it runs on past the panel). */
  const ks_place *places;
  size_t n_all = ks_store_places(ui->store, &places);
  float line[64];
  size_t n = ui_map_corridor(&p, places, n_all, line, 32);
  ks_gfx_polyline(f->gfx, line, n, (float)sz(f, UI_STROKE), KS_TEAL);
  /* Shanghai marked: a white ring around its centre. */
  if (at) {
    float r = mark_radius(f);
    ks_gfx_fill_circle(f->gfx, at[0], at[1], r, KS_TEXT);
    ks_gfx_fill_circle(f->gfx, at[0], at[1], r - (float)sz(f, UI_STROKE), KS_MAP_LAND_FILL);
  }
  ks_gfx_set_clip(f->gfx, NULL);
  place_names(f, st, &p, room, at);
  pin_hits(f, st);
  if (map) { /* under the pins, clear of them and of the cities' names */
    ks_rect avoid[MAX_PINS];
    size_t n_avoid = 0;
    for (size_t k = 0; k < st->n_pins; k++)
      if (st->names[k].placed)
        avoid[n_avoid++] = st->names[k].rect;
    ui_map_province_names(f, map, &p, inner, xy, n_xy, pin_radius(f, true) * 2, avoid, n_avoid);
  }
  /* Pins: corridor cities large, the others small; the corridor's last, so that they stay on
   * top where pins crowd (Shanghai). */
  for (size_t k = 0; k < 2 * n_places(ui); k++) {
    size_t i = k % n_places(ui);
    const ks_place *c = place_at(ui, i);
    if (c->corridor != (k >= n_places(ui)) || !shows(st, i, c))
      continue;
    float x, y;
    ui_map_project(&p, c->lon, c->lat, &x, &y);
    int r = sz(f, c->corridor ? UI_PIN : UI_DOT);
    bool pressed = i < MAX_CITIES && st->group[i] < MAX_CITIES && st->pressed[st->group[i]];
    ks_gfx_fill_circle(f->gfx, x, y, (float)r + (float)sz(f, UI_SP_XXS), KS_BG);
    ks_gfx_fill_circle(f->gfx, x, y, (float)r, pressed ? KS_TEXT : c->corridor ? KS_TEAL : KS_GOLD);
    pin_number(f, corridor_number(ui, i), x, y, (float)r);
  }
  /* Names after all pins, so that no pin covers a name. */
  draw_names(f, st);
  if (st->preview && st->preview - 1 < MAX_CITIES && st->shown[st->preview - 1])
    preview_card(f, st, room);
  if (st->zoomed)
    whole_map_button(f, back);
}

static void draw_city_list(const frame *f, cities *st, ks_rect area) {
  const ks_ui *ui = f->ui;
  int row = sz(f, UI_ROW), y = area.y - ui_px(ui->scroll.pos);
  int content_h = 0;
  for (size_t i = 0; i < n_places(ui); i++) {
    const ks_place *c = place_at(ui, i);
    if (i == 0 || place_at(ui, i - 1)->corridor != c->corridor) {
      const char *group = ui_say(f, c->corridor ? "cities.corridor" : "cities.more");
      int h = ui_text(f, group, UI_TYPE_SMALL, area.x, y + sz(f, UI_SP_S), area.w, 1,
                      c->corridor ? KS_TEAL : KS_GOLD) +
              sz(f, UI_SP_ML);
      y += h, content_h += h;
    }
    ks_rect r = {area.x, y, area.w, row - sz(f, UI_SP_XS)};
    if (i < MAX_CITIES)
      st->row_y[i] = content_h;
    if (r.y + r.h > area.y && r.y < area.y + area.h) {
      ks_rect touch = r;
      if (touch.y < area.y)
        touch.h -= area.y - touch.y, touch.y = area.y;
      bool pressed =
          ui_add_hit_part(f, touch, r, (action){ACT_GO, KS_SCREEN_CITY, c->id}, tr(f, &c->title));
      ui_press_fill(f, r, sz(f, UI_SP_M), KS_CARD, pressed);
      int pad = sz(f, UI_SP_L), line = ui_line_height(f, UI_TYPE_BODY);
      float s = (float)line / 5; /* a chevron on the right: the row opens the city */
      ui_chevron(f, (float)(r.x + r.w - pad) - s / 2, (float)r.y + (float)r.h / 2, s, 1,
                 KS_TEXT_DIM);
      /* A corridor city's number on its pin, before its name: the map's key. */
      int key = 0;
      if (c->corridor) {
        float pr = (float)sz(f, UI_PIN);
        ks_gfx_fill_circle(f->gfx, (float)(r.x + pad) + pr, (float)r.y + (float)r.h / 2, pr,
                           KS_TEAL);
        pin_number(f, corridor_number(ui, i), (float)(r.x + pad) + pr, (float)r.y + (float)r.h / 2,
                   pr);
        key = 2 * (int)pr + sz(f, UI_SP_M);
      }
      /* The name whole: a step smaller, or on two lines, where the row is narrow (7"). */
      const ks_textbox *name = ui_fit_lines(f, tr(f, &c->title), UI_TYPE_BODY, UI_TYPE_SMALL,
                                            r.w - 2 * pad - line - key, r.h, 1);
      ui_draw_box(f, name, r.x + pad + key, r.y + (r.h - ks_textbox_height(name)) / 2, KS_TEXT);
    }
    y += row, content_h += row;
  }
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - area.h));
}

static void draw(const frame *f, void *state) {
  cities *st = state;
  char sub[96];
  ui_say_count(f, sub, sizeof sub, "cities.subtitle", n_places(f->ui));
  const char *title = ui_say(f, "cities.title");
  int top = ui_header(f, title, sub, false), left = sz(f, UI_MARGIN), gap = sz(f, UI_GAP);
  /* The map beside the list, or above it on a portrait display: as wide (high) as the region
   * is for the height (width) it has, so that the region fills its panel, up to five eighths
   * (three fifths) of the room; the list takes the rest. */
  ks_rect list = {left, top, f->w - 2 * left, f->h - left - top}, map;
  double v[4];
  whole(f->ui, v);
  double aspect = ui_map_aspect(v);
  int pad = 2 * sz(f, UI_SP_L);
  if (f->portrait) {
    double want = (list.w - pad) / aspect + pad;
    map = ui_cut_top(&list, want < list.h * 3 / 5 ? (int)want : list.h * 3 / 5);
    ui_cut_top(&list, gap);
  } else {
    double want = (list.h - pad) * aspect + pad;
    map = ui_cut_left(&list, want < list.w * 5 / 8 ? (int)want : list.w * 5 / 8);
    ui_cut_left(&list, gap);
  }
  draw_city_list(f, st, list);
  /* The list scrolls under the header: cover what went past, then draw what stays. */
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top}, KS_BG);
  if (f->portrait)
    ks_gfx_fill_rect(f->gfx, (ks_rect){0, top, f->w, list.y - top}, KS_BG);
  draw_map(f, st, map);
  ui_draw_header(f, title, sub);
}

/* A group of crowded pins tapped: the map comes closer to the city of the group nearest the
 * finger, centred on it, as close as takes its pin a finger and a half from its nearest
 * neighbour (two to eight times; a group still crowded there is tapped again), and the list
 * glides to that city's row. The way back is the whole map's control. */
static int input(ks_ui *ui, void *state, const ks_gesture *g, const action *a) {
  cities *st = state;
  if (g) { /* where a tap lands, for the group it is on: the navigator acts on it next */
    if (g->type == KS_GESTURE_TAP)
      st->tap_x = g->x * ui->short_side, st->tap_y = g->y * ui->short_side;
    return -1;
  }
  if (a->kind == ACT_ZOOM_OUT) {
    st->zoomed = false;
    st->preview = 0;
    return 1;
  }
  if (a->kind != ACT_SEEK)
    return -1;
  size_t n = n_places(ui) < MAX_CITIES ? n_places(ui) : MAX_CITIES, root = n, at = n;
  for (size_t i = 0; i < n && root == n; i++)
    if (ui_same_id(place_at(ui, i)->id, a->exhibit))
      root = i;
  if (root == n || st->group[root] >= n)
    return 0;
  float best = INFINITY;
  for (size_t i = 0; i < n; i++)
    if (st->group[i] == st->group[root]) {
      float dx = (float)st->px[i] - st->tap_x, dy = (float)st->py[i] - st->tap_y;
      if (dx * dx + dy * dy < best)
        best = dx * dx + dy * dy, at = i;
    }
  ks_scroller_glide_to(&ui->scroll, (float)st->row_y[at]);
  size_t members = 0;
  for (size_t i = 0; i < n; i++)
    members += st->group[i] == st->group[root];
  if (members == 1) { /* an unnamed pin alone: its preview card, which opens it */
    st->preview = at + 1;
    return 1;
  }
  st->preview = 0;
  int near = INT32_MAX; /* to its nearest neighbour, the farther way (what makes a group) */
  for (size_t i = 0; i < n; i++)
    if (i != at && st->shown[i]) {
      int dx = abs(st->px[i] - st->px[at]), dy = abs(st->py[i] - st->py[at]);
      near = dx > dy ? (dx < near ? dx : near) : (dy < near ? dy : near);
    }
  double zoom = near > 0 ? 1.5 * st->least / near : 8;
  zoom = zoom < 2 ? 2 : zoom > 8 ? 8 : zoom;
  double all[4], v[4];
  whole(ui, all);
  const double *from = st->zoomed ? st->view : all;
  const ks_place *c = place_at(ui, at);
  /* Never closer than a few kilometres (two pins at one place stay a group, found in the list),
   * and never past the whole map's edges. */
  for (int k = 0; k < 2; k++) {
    double span = (from[k + 2] - from[k]) / zoom, mid = k ? c->lat : c->lon;
    span = span > 0.05 ? span : 0.05;
    span = span < all[k + 2] - all[k] ? span : all[k + 2] - all[k];
    v[k] = mid - span / 2;
    v[k] = v[k] < all[k] ? all[k] : v[k] + span > all[k + 2] ? all[k + 2] - span : v[k];
    v[k + 2] = v[k] + span;
  }
  if (st->zoomed && memcmp(v, st->view, sizeof v) == 0)
    return 1; /* as close as it comes: the list shows the city */
  st->zoomed = true;
  memcpy(st->view, v, sizeof v);
  return 1;
}

/* Back from a city, the map is as close as it was left. */
static void enter(ks_ui *ui, void *state, const ui_memo *back) {
  (void)ui;
  cities *st = state;
  if (back && back->view[2] > back->view[0]) {
    st->zoomed = true;
    memcpy(st->view, back->view, sizeof st->view);
  }
}

static void leave(ks_ui *ui, void *state, ui_memo *memo) {
  (void)ui;
  const cities *st = state;
  if (st->zoomed)
    memcpy(memo->view, st->view, sizeof memo->view);
}

const ui_screen ui_screen_cities = {.name = "cities",
                                    .state_size = sizeof(cities),
                                    .enter = enter,
                                    .leave = leave,
                                    .input = input,
                                    .draw = draw};

const ks_label_pin *ks_ui_map_labels(const ks_ui *ui, const ks_label **labels, size_t *n,
                                     ks_rect *panel) {
  const cities *st = ui->screen == KS_SCREEN_CITIES ? ui->state : NULL;
  *n = st ? st->n_pins : 0;
  *labels = st ? st->names : NULL;
  *panel = st ? st->names_panel : (ks_rect){0};
  return st && st->n_pins ? st->pins : NULL;
}
