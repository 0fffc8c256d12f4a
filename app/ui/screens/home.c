/* Home: the three ways in, each with a preview of what is behind it. */
#include "../ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/textbox.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tile tile;
struct tile {
  const char *title, *count, *blurb;
  ks_color accent;
  action go; /* what tapping it does (nothing while its screen is not built) */
  /* Draws a preview of what is behind the tile into the rest of it. */
  void (*preview)(const frame *f, ks_rect area, const tile *t);
};

static void draw_tile(const frame *f, ks_rect r, const tile *t) {
  bool pressed = t->go.kind != ACT_NONE && ui_add_hit(f, r, t->go);
  ks_gfx_fill_round_rect(f->gfx, r, u(f, KS_RADIUS), pressed ? KS_CARD_PRESSED : KS_CARD);
  /* An accent bar on the left edge, inset so the card's rounded corners stay clean. */
  ks_gfx_fill_round_rect(f->gfx, (ks_rect){r.x, r.y + u(f, 28), u(f, 10), r.h - u(f, 56)}, u(f, 5),
                         t->accent);
  int pad = u(f, 48), x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
  y += ui_text(f, t->title, KS_TYPE_TITLE, x, y, w, 1, KS_TEXT);
  y += u(f, 12);
  y += ui_text(f, t->count, KS_TYPE_SUBTITLE, x, y, w, 1, t->accent);
  y += u(f, 24);
  y += ui_text(f, t->blurb, KS_TYPE_BODY, x, y, w, 3, KS_TEXT_DIM);
  y += u(f, 40);
  if (t->preview && r.y + r.h - pad - y > u(f, 80))
    t->preview(f, (ks_rect){x, y, w, r.y + r.h - pad - y}, t);
}

/* The newest achievements, a line each, the titles aligned after the widest year shown. */
static void preview_achievements(const frame *f, ks_rect a, const tile *t) {
  int line = u(f, 48), col = u(f, 90);
  size_t rows = 0;
  for (int y = a.y; rows < f->ui->idx.n_achievements && y + line <= a.y + a.h; rows++, y += line) {
    char year[32];
    ui_year_of(f, f->ui->idx.achievements[rows], year, sizeof year);
    int w = ui_text_width(f, year, KS_TYPE_SMALL) + u(f, 20);
    col = w > col ? w : col;
  }
  for (size_t i = 0; i < rows; i++) {
    const ks_exhibit *e = f->ui->idx.achievements[i];
    int y = a.y + (int)i * line;
    char year[32];
    ui_year_of(f, e, year, sizeof year);
    ui_text(f, year, KS_TYPE_SMALL, a.x, y, col, 1, t->accent);
    ui_text(f, tr(f, &e->title), KS_TYPE_SMALL, a.x + col, y, a.w - col, 1, KS_TEXT);
  }
}

static int by_corridor_order(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  int c = ui_cmp(x->corridor_order, y->corridor_order); /* compared: a subtraction overflows */
  return c ? c : strcmp(x->id, y->id);
}

/* The corridor's cities in order, joined by a line with a dot for each. */
static void preview_cities(const frame *f, ks_rect a, const tile *t) {
  const ks_exhibit *g60[16];
  size_t n = 0;
  const ks_content *c = f->ui->content;
  for (size_t i = 0; i < c->n_exhibits && n < 16; i++)
    if (c->exhibits[i].kind == KS_KIND_CITY && c->exhibits[i].corridor)
      g60[n++] = &c->exhibits[i];
  qsort(g60, n, sizeof *g60, by_corridor_order);
  int line = u(f, 46), rows = a.h / line;
  if (rows <= 0 || n == 0)
    return;
  /* As many columns as it takes to show every city. */
  int cols = ((int)n + rows - 1) / rows, per_col = ((int)n + cols - 1) / cols, col_w = a.w / cols;
  for (size_t i = 0; i < n; i++) {
    int col = (int)i / per_col, row = (int)i % per_col;
    if (row >= rows)
      continue;
    int x = a.x + col * col_w, y = a.y + row * line;
    float cx = (float)x + (float)u(f, 10), cy = (float)y + (float)line / 2 - (float)u(f, 4);
    if (row + 1 < per_col && (int)i + 1 < (int)n && row + 1 < rows) {
      float seg[4] = {cx, cy, cx, cy + (float)line};
      ks_gfx_polyline(f->gfx, seg, 2, (float)u(f, 3), t->accent);
    }
    ks_gfx_fill_circle(f->gfx, cx, cy, (float)u(f, 9), t->accent);
    ui_text(f, tr(f, &g60[i]->title), KS_TYPE_SMALL, x + u(f, 36), y, col_w - u(f, 40), 1, KS_TEXT);
  }
}

/* The years with a dot for every event (ui_year_strip). */
static void preview_timeline(const frame *f, ks_rect a, const tile *t) {
  ui_year_strip(f, a, t->accent, 0, 0, false);
}

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_content *c = f->ui->content;
  int top = ui_draw_header(f, tr(f, &c->meta.title), ui_say(f, "home.subtitle"));
  char counts[3][64], span[64];
  size_t n_ach = ks_content_count(c, KS_KIND_ACHIEVEMENT),
         n_city = ks_content_count(c, KS_KIND_CITY), n_ev = ks_content_count(c, KS_KIND_EVENT);
  ui_say_count(f, counts[0], sizeof counts[0], "home.achievements.count", n_ach);
  ui_say_count(f, counts[1], sizeof counts[1], "home.cities.count", n_city);
  ui_say_count(f, counts[2], sizeof counts[2], "home.events.count", n_ev);
  ui_sayf(f, span, sizeof span, "home.timeline.span", f->ui->idx.first_year, f->ui->idx.last_year);
  tile tiles[3] = {
      {ui_say(f, "achievements.title"),
       counts[0],
       ui_say(f, "home.achievements.blurb"),
       KS_GOLD,
       {ACT_GO, KS_SCREEN_ACHIEVEMENTS, NULL},
       preview_achievements},
      {ui_say(f, "cities.title"),
       counts[1],
       ui_say(f, "home.cities.blurb"),
       KS_TEAL,
       {ACT_GO, KS_SCREEN_CITIES, NULL},
       preview_cities},
      {ui_say(f, "timeline.title"),
       counts[2],
       span,
       KS_CORAL,
       {ACT_GO, KS_SCREEN_TIMELINE, NULL},
       preview_timeline},
  };
  int bottom = f->h - u(f, 130), left = u(f, KS_MARGIN);
  int gap = u(f, KS_GAP), avail_w = f->w - 2 * left, avail_h = bottom - top;
  for (int i = 0; i < 3; i++) {
    ks_rect r =
        f->portrait
            ? (ks_rect){left, top + i * (avail_h + gap) / 3, avail_w, (avail_h - 2 * gap) / 3}
            : (ks_rect){left + i * (avail_w + gap) / 3, top, (avail_w - 2 * gap) / 3, avail_h};
    draw_tile(f, r, &tiles[i]);
  }
  ui_text(f, ui_say(f, "home.explore"), KS_TYPE_SMALL, left, f->h - u(f, 96), avail_w, 1,
          KS_TEXT_DIM);
}

const ui_screen ui_screen_home = {.name = "home", .draw = draw};
