/* Home: a way in for each kind of exhibit, each with a preview of what is behind it. */
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
  bool title_stepped; /* its title one step smaller, as another tile's needs to be */
  action go;          /* what tapping it does (nothing while its screen is not built) */
  /* Draws a preview of what is behind the tile into the rest of it. */
  void (*preview)(const frame *f, ks_rect area, const tile *t);
};

static void draw_tile(const frame *f, ks_rect r, const tile *t) {
  bool pressed = t->go.kind != ACT_NONE && ui_add_hit(f, r, t->go, t->title);
  ui_press_fill(f, r, sz(f, UI_RADIUS), KS_CARD, pressed);
  /* An accent bar on the left edge, inset so the card's rounded corners stay clean. */
  int bar = sz(f, UI_STROKE), inset = sz(f, UI_SP_LX);
  ks_gfx_fill_round_rect(f->gfx, (ks_rect){r.x, r.y + inset, 2 * bar, r.h - 2 * inset}, bar,
                         t->accent);
  ks_rect in = ui_inset(r, sz(f, UI_SP_3XL));
  /* The way in, at the foot on the right, in the tile's colour: the tile is something to touch. */
  const char *go = ui_say(f, "home.tile.go");
  int go_h = ui_line_height(f, UI_TYPE_BODY), go_w = ui_text_width(f, go, UI_TYPE_BODY);
  ui_text(f, go, UI_TYPE_BODY, in.x + in.w - go_w, in.y + in.h - go_h, go_w + 1, 1, t->accent);
  in.h -= go_h + sz(f, UI_SP_XS);
  ui_stack s = {f, in.x, in.y, in.w};
  const ks_textbox *title = t->title_stepped ? ui_fit_stepped(f, t->title, UI_TYPE_TITLE, in.w, 2)
                                             : ui_fit(f, t->title, UI_TYPE_TITLE, in.w, 2);
  ui_draw_box(f, title, s.x, s.y, KS_TEXT);
  s.y += ks_textbox_height(title) + sz(f, UI_SP_S);
  ui_stack_text(&s, t->count, UI_TYPE_SUBTITLE, 1, t->accent, UI_SP_L);
  /* The blurb in up to three lines, as many as the tile has room for: a short tile (a small
   * portrait panel) drops lines rather than run past its edge. */
  int lines = (in.y + in.h - s.y) / ui_line_height(f, UI_TYPE_BODY);
  if (lines > 0)
    ui_stack_text(&s, t->blurb, UI_TYPE_BODY, (size_t)(lines < 4 ? lines : 4), KS_TEXT_DIM,
                  UI_SP_XXL);
  ks_rect rest = {in.x, s.y, in.w, in.y + in.h - s.y};
  if (t->preview && rest.h > 2 * ui_line_height(f, UI_TYPE_SMALL))
    t->preview(f, rest, t);
}

/* A line of a preview: roomy where the panel's scale allows, never tighter than the text. */
static int preview_line(const frame *f) {
  int line = ui_line_height(f, UI_TYPE_SMALL), roomy = sz(f, UI_SP_3XL);
  return roomy > line ? roomy : line;
}

/* The newest achievements, the titles aligned after the widest year shown. A title takes a
 * second line where one would cut it, and the list ends where the next title would not fit
 * whole: fewer titles, none cut ("A new way…" said nothing). The years are bare, so that the
 * titles keep the room; where one is only the year an article reported it, a last line says so
 * once ("reported 2024" on every line left "Robots made by the…"). */
static void preview_achievements(const frame *f, ks_rect a, const tile *t) {
  int line = preview_line(f), text_h = ui_line_height(f, UI_TYPE_SMALL), col = 0;
  /* The list's first few only: it is not read further (ks_store_id_at). */
  size_t most = 0;
  const ks_exhibit *first;
  for (int y = a.y; y + line <= a.y + a.h && (first = ui_at(f->ui, KS_KIND_ACHIEVEMENT, most));
       most++, y += line) {
    char year[32];
    snprintf(year, sizeof year, "%d", first->year);
    int w = ui_text_width(f, year, UI_TYPE_SMALL) + sz(f, UI_SP_ML);
    col = w > col ? w : col;
  }
  bool reported = false;
  int y = a.y, bottom = a.y + a.h;
  for (size_t i = 0; i < most; i++) {
    const ks_exhibit *e = ui_at(f->ui, KS_KIND_ACHIEVEMENT, i);
    bool is_reported = reported || e->date_basis == KS_DATE_BASIS_REPORTED;
    const ks_textbox *box = ui_layout(f, tr(f, &e->title), UI_TYPE_SMALL, a.w - col, 2);
    int h = line + (box->n_lines > 1 ? (int)(box->n_lines - 1) * text_h : 0);
    /* The note may take the gap draw_tile leaves above "Explore →" (as it always has). */
    if (y + h > bottom || (is_reported && y + h + text_h > bottom + sz(f, UI_SP_XS)))
      break; /* with room for the note under it */
    if (ui_is_cut(box))
      continue; /* whole or not at all: the next one may fit */
    char year[32];
    snprintf(year, sizeof year, "%d", e->year);
    ui_text(f, year, UI_TYPE_SMALL, a.x, y, col, 1, t->accent);
    ui_text(f, tr(f, &e->title), UI_TYPE_SMALL, a.x + col, y, a.w - col, 2, KS_TEXT);
    reported = is_reported;
    y += h;
  }
  if (reported)
    ui_text(f, ui_say(f, "home.achievements.reported"), UI_TYPE_SMALL, a.x, y, a.w, 1, KS_TEXT_DIM);
}

/* The corridor's cities in order, joined by a line with a dot for each. */
static void preview_cities(const frame *f, ks_rect a, const tile *t) {
  const ks_exhibit *g60[16];
  size_t n = 0;
  /* The index lists the corridor's cities first, in corridor order: only those are looked at. */
  for (size_t i = 0; n < 16; i++) {
    const ks_exhibit *c = ui_at(f->ui, KS_KIND_CITY, i);
    ui_visit(f->ui, 1);
    if (!c || !c->corridor)
      break;
    g60[n++] = c;
  }
  int line = preview_line(f), rows = a.h / line;
  if (rows <= 0 || n == 0)
    return;
  /* As many columns as it takes to show every city, each as wide as its longest name where the
   * names fit side by side ("Songjiang, Shanghai" beside "Xuancheng"), the room left shared
   * out; equal columns, names cut, only where they do not. */
  enum { MAX_COLS = 16 };
  int cols = ((int)n + rows - 1) / rows, per_col = ((int)n + cols - 1) / cols;
  int text_x = 2 * sz(f, UI_DOT) + sz(f, UI_SP_M), gap = sz(f, UI_SP_XXS);
  int col_x[MAX_COLS + 1], need = 0;
  for (int c = 0; c < cols && c < MAX_COLS; c++) {
    int widest = 0;
    for (int i = c * per_col; i < (c + 1) * per_col && i < (int)n; i++) {
      int w = ui_text_width(f, tr(f, &g60[i]->title), UI_TYPE_SMALL);
      widest = w > widest ? w : widest;
    }
    col_x[c + 1] = text_x + widest + gap; /* a width for now; positions below */
    need += col_x[c + 1];
  }
  col_x[0] = a.x;
  for (int c = 0; c < cols && c < MAX_COLS; c++)
    col_x[c + 1] = col_x[c] + (need <= a.w ? col_x[c + 1] + (a.w - need) / cols : a.w / cols);
  for (size_t i = 0; i < n; i++) {
    int col = (int)i / per_col, row = (int)i % per_col;
    if (row >= rows || col >= MAX_COLS)
      continue;
    int x = col_x[col], y = a.y + row * line, col_w = col_x[col + 1] - col_x[col];
    float cx = (float)x + (float)sz(f, UI_DOT),
          cy = (float)y + (float)line / 2 - (float)sz(f, UI_SP_XXS);
    if (row + 1 < per_col && (int)i + 1 < (int)n && row + 1 < rows) {
      float seg[4] = {cx, cy, cx, cy + (float)line};
      ks_gfx_polyline(f->gfx, seg, 2, (float)sz(f, UI_LINE_W), t->accent);
    }
    ks_gfx_fill_circle(f->gfx, cx, cy, (float)sz(f, UI_DOT), t->accent);
    ui_text(f, tr(f, &g60[i]->title), UI_TYPE_SMALL, x + text_x, y, col_w - text_x - gap, 1,
            KS_TEXT);
  }
}

/* The years with a dot for every event (ui_year_strip). */
static void preview_timeline(const frame *f, ks_rect a, const tile *t) {
  ui_year_strip(f, a, t->accent, 0, 0, false);
}

/* The measures with their latest value, a line each: the value in the accent, the title after
 * it. */
/* The measures with the longest series (the list's first), two lines each: the latest value in the
 * accent, the measure's title under it. */
static void preview_statistics(const frame *f, ks_rect a, const tile *t) {
  int line = preview_line(f), small = ui_line_height(f, UI_TYPE_SMALL);
  int row = line + small + sz(f, UI_SP_XS);
  size_t rows = (size_t)(a.h / row);
  /* The list's first: its order puts the longest series first. */
  for (size_t i = 0; i < rows; i++) {
    const ks_exhibit *e = ui_at(f->ui, KS_KIND_STATISTIC, i);
    if (!e)
      break;
    ui_visit(f->ui, 1);
    if (e->n_values == 0)
      continue;
    const ks_stat_value *v = &e->values[e->n_values - 1];
    char number[128], value[192];
    ui_stat_number(f, v, number, sizeof number);
    const char *unit = ui_stat_unit(f, e, v);
    snprintf(value, sizeof value, "%s%s%s", number,
             *unit && !ks_lang_is_cjk(lang_code(f)) ? " " : "", unit);
    int y = a.y + (int)i * row;
    ui_text(f, value, UI_TYPE_SMALL, a.x, y, a.w, 1, t->accent);
    ui_text(f, tr(f, &e->title), UI_TYPE_SMALL, a.x, y + small, a.w, 1, KS_TEXT);
  }
}

/* Home's tile of each kind: its count and blurb (NULL: the timeline's span) and its preview. */
static const struct {
  const char *count_key, *blurb_key;
  void (*preview)(const frame *f, ks_rect area, const tile *t);
} home_tiles[] = {
    [KS_KIND_ACHIEVEMENT] = {"home.achievements.count", "home.achievements.blurb",
                             preview_achievements},
    [KS_KIND_CITY] = {"home.cities.count", "home.cities.blurb", preview_cities},
    [KS_KIND_EVENT] = {"home.events.count", NULL, preview_timeline},
    [KS_KIND_STATISTIC] = {"home.statistics.count", "home.statistics.blurb", preview_statistics},
};
_Static_assert(sizeof home_tiles / sizeof *home_tiles == KS_KIND_COUNT, "a kind without its tile");

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_content *c = f->ui->content;
  int top = ui_draw_header(f, tr(f, &c->meta.title), ui_say(f, "home.subtitle"));
  char counts[KS_KIND_COUNT][64], span[64];
  ui_sayf(f, span, sizeof span, "home.timeline.span", f->ui->years.first_year,
          f->ui->years.last_year);
  /* A tile for each kind the pack has: a pack of an older schema has no statistics, and a tile
   * that leads to an empty list is no way in. */
  tile tiles[KS_KIND_COUNT];
  int n = 0;
  for (int k = 0; k < KS_KIND_COUNT; k++) {
    size_t count = ks_store_total(f->ui->store, (ks_kind)k);
    if (count == 0)
      continue;
    ui_say_count(f, counts[k], sizeof counts[k], home_tiles[k].count_key, count);
    tiles[n++] = (tile){ui_say(f, ui_kinds[k].title_key),
                        counts[k],
                        home_tiles[k].blurb_key ? ui_say(f, home_tiles[k].blurb_key) : span,
                        *ui_kinds[k].accent,
                        false,
                        {ACT_GO, ui_kinds[k].list_screen, NULL},
                        home_tiles[k].preview};
  }
  /* Up to three tiles side by side, four where each is at least 60 mm wide, else two by two;
   * one above the other on a portrait display. A hint under them. */
  ks_rect area = {sz(f, UI_MARGIN), top, f->w - 2 * sz(f, UI_MARGIN), f->h - top};
  ks_rect foot = ui_cut_bottom(&area, sz(f, UI_FOOTER));
  int gap = sz(f, UI_GAP);
  int cols = f->portrait ? 1 : n <= 3 ? n : ui_columns(area.w, ui_mm(f, 60), gap, n);
  cols = cols >= n ? n : cols > 1 ? (n + 1) / 2 : 1;
  if (cols < 1)
    cols = 1; /* a pack with no exhibit has no tile: nothing to divide among */
  int rows = (n + cols - 1) / cols;
  ks_rect cells[KS_KIND_COUNT];
  for (int i = 0; i < n; i++) {
    ks_rect row = ui_cell(area, rows, i / cols, gap, true);
    cells[i] = ui_cell(row, cols, i % cols, gap, false);
  }
  /* One size for the titles: where one needs the step smaller, all take it (at 7" in English,
   * "Achievements" and "Corridor cities" stood a size under "Timeline"). */
  bool stepped = false;
  for (int i = 0; i < n; i++)
    stepped = stepped || ui_is_cut(ui_layout(f, tiles[i].title, UI_TYPE_TITLE,
                                             ui_inset(cells[i], sz(f, UI_SP_3XL)).w, 1));
  for (int i = 0; i < n; i++) {
    tiles[i].title_stepped = stepped;
    draw_tile(f, cells[i], &tiles[i]);
  }
  int line = ui_line_height(f, UI_TYPE_SMALL);
  ui_text(f, ui_say(f, "home.explore"), UI_TYPE_SMALL, foot.x, foot.y + (foot.h - line) / 2, foot.w,
          1, KS_TEXT_DIM);
}

const ui_screen ui_screen_home = {.name = "home", .draw = draw};
