/* The corridor on a map — every city pinned at its latitude and longitude, the G60 cities joined
 * in corridor order — with the list of cities beside it. */
#include "../ui_private.h"

#include "kiosk/mem.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The region the map shows at least, in degrees: the delta from Hefei to the sea. It grows to
 * take in every city of the pack, with a margin. */
static const double MAP_W = 115.5, MAP_E = 123.0, MAP_S = 28.0, MAP_N = 34.0, MARGIN = 0.4;

/* An equirectangular projection scaled by cos(latitude) at the map's centre — true enough in
 * shape for a region a few degrees high — fitted into `area` and centred. */
typedef struct {
  double west, north, k; /* the region's corner and the longitude scale */
  double scale, x0, y0;  /* pixels per degree and where the region's corner lands */
} projection;

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

/* Whether a city has a point on the globe to pin. One that has none — no position, or one
 * infinite, not a number, or past the poles (values a damaged pack can hold) — is left off the
 * map (the list still names it): the region fitted around the pins, and so every pixel
 * position, then stays finite and within the panel. */
static bool on_map(const ks_place *c) {
  return c->has_position && c->lat >= -90 && c->lat <= 90 && c->lon >= -180 && c->lon <= 180;
}

/* The whole map's region: west, south, east, north. */
static void whole(const ks_ui *ui, double v[4]) {
  double w = MAP_W, e = MAP_E, s = MAP_S, n = MAP_N;
  if (ui->map) /* the map's own region, which the lines fill */
    ks_mapdata_bbox(ui->map, &w, &s, &e, &n);
  for (size_t i = 0; i < n_places(ui); i++) {
    if (!on_map(place_at(ui, i)))
      continue;
    w = fmin(w, place_at(ui, i)->lon - MARGIN), e = fmax(e, place_at(ui, i)->lon + MARGIN);
    s = fmin(s, place_at(ui, i)->lat - MARGIN), n = fmax(n, place_at(ui, i)->lat + MARGIN);
  }
  v[0] = w, v[1] = s, v[2] = e, v[3] = n;
}

/* The whole map, or `view` (west, south, east, north) where it is zoomed into a part. */
static projection fit(const ks_ui *ui, ks_rect area, const double *view) {
  double v[4];
  if (view)
    memcpy(v, view, sizeof v);
  else
    whole(ui, v);
  double w = v[0], s = v[1], e = v[2], n = v[3];
  projection p = {.west = w, .north = n, .k = cos((s + n) / 2 * 3.14159265358979 / 180)};
  double width = (e - w) * p.k, height = n - s;
  p.scale = fmin(area.w / width, area.h / height);
  p.x0 = area.x + (area.w - width * p.scale) / 2;
  p.y0 = area.y + (area.h - height * p.scale) / 2;
  return p;
}

static void project(const projection *p, double lon, double lat, float *x, float *y) {
  *x = (float)(p->x0 + (lon - p->west) * p->k * p->scale);
  *y = (float)(p->y0 + (p->north - lat) * p->scale);
}

/* The area two rectangles share (0 when they do not meet). */
static long overlap_area(ks_rect a, ks_rect b) {
  int ow = (a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w) - (a.x > b.x ? a.x : b.x);
  int oh = (a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h) - (a.y > b.y ? a.y : b.y);
  return ow > 0 && oh > 0 ? (long)ow * oh : 0;
}

enum { MAX_CITIES = 128 };

typedef struct {
  /* Per city of the list (ui->idx.cities) as last drawn: the group of pins it answers with on the
   * map, whether its pin shows, and where its row is in the list. */
  size_t group[MAX_CITIES];
  bool shown[MAX_CITIES];
  int row_y[MAX_CITIES];
  bool pressed[MAX_CITIES];           /* per group: the finger is on it */
  char labels[4096];                  /* the names of crowded groups, for their targets */
  int px[MAX_CITIES], py[MAX_CITIES]; /* where its pin was */
  int least;                          /* a finger's width in pixels, at the last draw */
  float tap_x, tap_y;                 /* where the last tap was, in pixels */
  /* Where a tap on a group of crowded pins brought the map closer: the region it shows (west,
   * south, east, north). */
  bool zoomed;
  double view[4];
} cities;

/* Names the corridor's pins. Each name takes the one of sixteen places around its pin (eight
 * near, eight farther out) that costs least: covering a name placed before it (dearest: names
 * must stay readable), coming close to another city's pin (a name beside the wrong pin reads as
 * that pin's name), leaving the panel, or sitting farther out. Ties keep the earlier place, so
 * names sit to the right of their pins where there is room. */
/* Whether city i's pin shows on the map as last drawn (past MAX_CITIES: on the whole map). */
static bool shows(const cities *st, size_t i, const ks_place *c) {
  return i < MAX_CITIES ? st->shown[i] : !st->zoomed && on_map(c);
}

static void place_names(const frame *f, const projection *p, ks_rect area, const cities *st) {
  const ks_ui *ui = f->ui;
  enum { MAX_NAMES = 32, MAX_PINS = 128, NAME_WEIGHT = 64 };
  struct obstacle {
    ks_rect r;
    long weight;
    size_t city;
  } obs[MAX_PINS + MAX_NAMES];
  size_t n_obs = 0;
  /* Other cities' pins, with a margin around them: corridor pins weigh most. */
  for (size_t i = 0; i < n_places(ui) && n_obs < MAX_PINS; i++) {
    if (!shows(st, i, place_at(ui, i)))
      continue;
    float x, y;
    project(p, place_at(ui, i)->lon, place_at(ui, i)->lat, &x, &y);
    int half = place_at(ui, i)->corridor ? sz(f, UI_PIN) + sz(f, UI_SP_S)
                                         : sz(f, UI_DOT) + sz(f, UI_SP_XS);
    obs[n_obs++] = (struct obstacle){{ui_px(x) - half, ui_px(y) - half, 2 * half, 2 * half},
                                     place_at(ui, i)->corridor ? 6 : 2,
                                     i};
  }
  size_t named = 0;
  for (size_t i = 0; i < n_places(ui) && named < MAX_NAMES; i++) {
    const ks_place *c = place_at(ui, i);
    if (!c->corridor || !shows(st, i, c))
      continue;
    float x, y;
    project(p, c->lon, c->lat, &x, &y);
    const char *name = tr(f, &c->title);
    int w = ui_text_width(f, name, UI_TYPE_SMALL), h = ui_line_height(f, UI_TYPE_SMALL);
    int d = sz(f, UI_PIN) + sz(f, UI_SP_XS); /* from the pin's centre */
    int px = ui_px(x), py = ui_px(y);
    /* Right, left, above, below, then the four corners; the second eight twice as far. */
    static const signed char dirs[8][2] = {{1, 0},  {-1, 0},  {0, -1}, {0, 1},
                                           {1, -1}, {-1, -1}, {1, 1},  {-1, 1}};
    ks_rect best = {0};
    long best_cost = -1;
    bool far = false;
    for (int t = 0; t < 16 && best_cost != 0; t++) {
      int ax = dirs[t % 8][0], ay = dirs[t % 8][1];
      int off = (t < 8 ? d : 2 * d) * (ax && ay ? 7 : 10) / 10;
      ks_rect r = {ax > 0   ? px + off
                   : ax < 0 ? px - off - w
                            : px - w / 2,
                   ay > 0   ? py + off
                   : ay < 0 ? py - off - h
                            : py - h / 2,
                   w, h};
      long cost = t < 8 ? 0 : (long)w * h / 4;
      for (size_t k = 0; k < n_obs; k++)
        if (obs[k].city != i)
          cost += obs[k].weight * overlap_area(r, obs[k].r);
      cost += 8 * ((long)w * h - overlap_area(r, area));
      if (best_cost < 0 || cost < best_cost)
        best = r, best_cost = cost, far = t >= 8;
    }
    /* Inside the map's panel, even where no place around the pin is: a name never covers the
     * list beside the map. */
    best.x = best.x + w > area.x + area.w ? area.x + area.w - w : best.x;
    best.x = best.x < area.x ? area.x : best.x;
    best.y = best.y + h > area.y + area.h ? area.y + area.h - h : best.y;
    best.y = best.y < area.y ? area.y : best.y;
    if (far) { /* a thin leader from the pin's edge to the name, so it is not taken for another */
      float nx = x < best.x ? (float)best.x : x > best.x + w ? (float)(best.x + w) : x;
      float ny = y < best.y ? (float)best.y : y > best.y + h ? (float)(best.y + h) : y;
      float len = sqrtf((nx - x) * (nx - x) + (ny - y) * (ny - y)),
            r0 = (float)(sz(f, UI_PIN) + sz(f, UI_SP_XXS));
      if (len > r0) {
        float leader[4] = {x + (nx - x) * r0 / len, y + (ny - y) * r0 / len, nx, ny};
        ks_gfx_polyline(f->gfx, leader, 2, (float)sz(f, UI_SP_HAIR), KS_TEXT_DIM);
      }
    }
    if (n_obs < MAX_PINS + MAX_NAMES)
      obs[n_obs++] = (struct obstacle){best, NAME_WEIGHT, i};
    named++;
    /* A translucent plate of the background under the name: it stays legible where it crosses
     * the corridor line or a coastline. */
    ks_gfx_fill_round_rect(f->gfx,
                           (ks_rect){best.x - sz(f, UI_SP_XS), best.y, w + 2 * sz(f, UI_SP_XS), h},
                           sz(f, UI_SP_XS), (ks_color){KS_BG.r, KS_BG.g, KS_BG.b, 0xc8});
    ui_text(f, name, UI_TYPE_SMALL, best.x, best.y, w + 1, 1, KS_TEXT);
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
static void pin_targets(const frame *f, cities *st, const projection *p, ks_rect in) {
  const ks_ui *ui = f->ui;
  size_t n = n_places(ui) < MAX_CITIES ? n_places(ui) : MAX_CITIES;
  int side = sz(f, UI_PIN_HIT), half = side / 2, least = ui_mm(f, UI_TARGET_MIN_MM);
  int cx[MAX_CITIES], cy[MAX_CITIES];
  st->least = least;
  for (size_t i = 0; i < n; i++) {
    float x, y;
    project(p, place_at(ui, i)->lon, place_at(ui, i)->lat, &x, &y);
    cx[i] = ui_px(x), cy[i] = ui_px(y);
    st->px[i] = cx[i], st->py[i] = cy[i];
    /* Zoomed in, only the pins whose whole target is in `in` show. */
    st->shown[i] = on_map(place_at(ui, i)) &&
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
  size_t used = 0;
  for (size_t a = 0; a < n; a++) {
    if (g[a].w < 0)
      continue;
    size_t members = 0;
    for (size_t k = a; k < n; k++)
      members += st->group[k] == a;
    const ks_place *c = place_at(ui, a);
    if (members == 1) {
      st->pressed[a] =
          ui_add_hit(f, g[a], (action){ACT_GO, KS_SCREEN_CITY, c->id}, tr(f, &c->title));
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

static void draw_map(const frame *f, cities *st, ks_rect area) {
  const ks_ui *ui = f->ui;
  ks_gfx_fill_round_rect(f->gfx, area, sz(f, UI_RADIUS), KS_CARD);
  ks_rect inner = {area.x + sz(f, UI_SP_L), area.y + sz(f, UI_SP_L), area.w - sz(f, UI_SP_3XL),
                   area.h - sz(f, UI_SP_3XL)};
  /* Zoomed in: the way back across the top, the pins below it, the group's cities fitted where
   * their whole targets are inside. */
  ks_rect room = inner, back = {0};
  if (st->zoomed) {
    back = ui_cut_top(&room, sz(f, UI_NAV));
    back.w = whole_map_width(f);
    ui_cut_top(&room, sz(f, UI_SP_S));
  }
  int half = sz(f, UI_PIN_HIT) / 2;
  projection p = fit(ui, st->zoomed ? ui_inset(room, half) : inner, st->zoomed ? st->view : NULL);
  /* The land's outline, lakes and rivers under everything else, inside the panel. */
  ks_gfx_set_clip(f->gfx, &area);
  static const ks_color layer_color[KS_MAP_LAYERS] = {
      {0x6f, 0x8f, 0xb5, 0xff}, {0x3f, 0x7c, 0xc4, 0xff}, {0x3f, 0x7c, 0xc4, 0xc0}};
  for (int l = 0; ui->map && l < KS_MAP_LAYERS; l++)
    for (size_t i = 0; i < ks_mapdata_count(ui->map, (ks_map_layer)l); i++) {
      ks_polyline pl = ks_mapdata_line(ui->map, (ks_map_layer)l, i);
      float pts[2 * 512];
      for (size_t k = 0; k < pl.n; k += 511) { /* in pieces that share their end points */
        size_t m = pl.n - k < 512 ? pl.n - k : 512;
        for (size_t j = 0; j < m; j++)
          project(&p, pl.lonlat[2 * (k + j)], pl.lonlat[2 * (k + j) + 1], &pts[2 * j],
                  &pts[2 * j + 1]);
        ks_gfx_polyline(f->gfx, pts, m, (float)sz(f, l == KS_MAP_COAST ? UI_LINE_W : UI_SP_HAIR),
                        layer_color[l]);
        if (m < 512)
          break;
      }
    }
  /* The corridor: a line through its cities in order (zoomed in, it runs on past the panel). */
  float line[64];
  size_t n = 0;
  for (size_t i = 0; i < n_places(ui) && n < 32; i++)
    if (place_at(ui, i)->corridor && on_map(place_at(ui, i))) {
      project(&p, place_at(ui, i)->lon, place_at(ui, i)->lat, &line[2 * n], &line[2 * n + 1]);
      n++;
    }
  ks_gfx_polyline(f->gfx, line, n, (float)sz(f, UI_STROKE), KS_TEAL);
  ks_gfx_set_clip(f->gfx, NULL);
  /* Pins: corridor cities large and named, the others small (the list names them all). The
   * corridor's last, so that they stay on top where pins crowd (Shanghai). */
  pin_targets(f, st, &p, room);
  for (size_t k = 0; k < 2 * n_places(ui); k++) {
    size_t i = k % n_places(ui);
    const ks_place *c = place_at(ui, i);
    if (c->corridor != (k >= n_places(ui)) || !shows(st, i, c))
      continue;
    float x, y;
    project(&p, c->lon, c->lat, &x, &y);
    int r = sz(f, c->corridor ? UI_PIN : UI_DOT);
    bool pressed = i < MAX_CITIES && st->group[i] < MAX_CITIES && st->pressed[st->group[i]];
    ks_gfx_fill_circle(f->gfx, x, y, (float)r + (float)sz(f, UI_SP_XXS), KS_BG);
    ks_gfx_fill_circle(f->gfx, x, y, (float)r, pressed ? KS_TEXT : c->corridor ? KS_TEAL : KS_GOLD);
  }
  /* Names after all pins, so that no pin covers a name. */
  place_names(f, &p, area, st);
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
      /* The name whole: a step smaller, or on two lines, where the row is narrow (7"). */
      const ks_textbox *name = ui_fit_lines(f, tr(f, &c->title), UI_TYPE_BODY, UI_TYPE_SMALL,
                                            r.w - 2 * pad - line, r.h, 1);
      ui_draw_box(f, name, r.x + pad, r.y + (r.h - ks_textbox_height(name)) / 2, KS_TEXT);
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
  /* The map beside the list, or above it on a portrait display. */
  ks_rect list = {left, top, f->w - 2 * left, f->h - left - top}, map;
  if (f->portrait)
    map = ui_cut_top(&list, list.h * 3 / 5), ui_cut_top(&list, gap);
  else
    map = ui_cut_left(&list, list.w * 5 / 8), ui_cut_left(&list, gap);
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
