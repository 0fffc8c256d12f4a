/* The achievements gallery: cards newest first, filtered by field and by province. */
#include "../ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/textbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void draw_card(const frame *f, ks_rect r, const ks_exhibit *e, bool pressed) {
  ui_press_fill(f, r, sz(f, UI_RADIUS), KS_CARD, pressed);
  int pad = sz(f, UI_SP_XL), x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
  char meta[256], place[160], year[32];
  ui_place_of(f, e, place, sizeof place);
  ui_year_of(f, e, year, sizeof year);
  snprintf(meta, sizeof meta, "%s  ·  %s", year, ui_field_name(f, e->field));
  /* Year and field on a line, or on two where a narrow card has not the room (the field not lost
   * to an ellipsis). */
  const ks_textbox *m = ui_layout_parts(f, meta, UI_TYPE_SMALL, w, 2);
  ui_draw_box(f, m, x, y, KS_GOLD);
  y += ks_textbox_height(m) + sz(f, UI_SP_S);
  int line = ui_line_height(f, UI_TYPE_SMALL), foot = r.y + r.h - pad - line;
  /* The title whole: in up to three lines, else in all the room down to the place at the foot
   * (the summary gives way), else a step smaller — cut only where even that cannot hold it. */
  const ks_textbox *title = ui_fit_lines(f, tr(f, &e->title), UI_TYPE_SUBTITLE, UI_TYPE_BODY, w,
                                         foot - sz(f, UI_SP_S) - y, 3);
  ui_draw_box(f, title, x, y, KS_TEXT);
  y += ks_textbox_height(title) + sz(f, UI_SP_S);
  /* The place at the foot; the summary in as many lines as there is room for above it. */
  int lines_left = (foot - sz(f, UI_SP_S) - y) / line;
  if (lines_left > 0)
    ui_text(f, tr(f, &e->summary), UI_TYPE_SMALL, x, y, w, (size_t)lines_left, KS_TEXT_DIM);
  /* A chevron at the foot on the right: the card opens. */
  float s = (float)line / 4;
  ui_chevron(f, (float)(x + w) - s / 2, (float)foot + (float)line / 2, s, 1, KS_TEXT_DIM);
  if (place[0])
    ui_text(f, place, UI_TYPE_SMALL, x, foot, w - line, 1, KS_TEAL);
}

enum { MAX_VALUES = 64 }; /* fields or provinces a filter offers, at most */

typedef struct {
  const char *field;    /* the gallery shows only this field, or all when NULL */
  const char *province; /* and only achievements linked to a city of this province */
  /* The filters' row, one row that a finger drags sideways: how far it is dragged, how far it
   * can be, where it was last drawn (pixels down the screen), and whether a finger drags it. */
  int offset, most, row_y, row_h;
  bool dragging;
  /* Per value of each filter (fields, then provinces, as ks_fields and ks_provinces list them):
   * whether some achievement has it, so that a chip shows; found at the first draw. */
  bool has[2][MAX_VALUES];
  bool found;
} filters;

/* The store's narrowing for the filters as they are. */
static ks_store_filter narrowed(const char *field, const char *province) {
  return (ks_store_filter){field, province};
}

/* The chips of one filter, "all" and each value some achievement has, from `x` along a row at
 * `y`; drawn only when `draw`, and tappable only below `clip` (where the header does not cover
 * them). Returns where the next chip would go. */
static int filter_chips(const frame *f, const filters *s, int x, int y, action_kind kind,
                        const char *current, bool draw, int clip) {
  const char *const *values = kind == ACT_FILTER_FIELD ? ks_fields() : ks_provinces();
  const char *all =
      ui_say(f, kind == ACT_FILTER_FIELD ? "achievements.all-fields" : "achievements.all-places");
  ks_color accent = kind == ACT_FILTER_FIELD ? KS_GOLD : KS_TEAL;
  action_kind tap = y >= clip ? kind : ACT_NONE;
  int w = ui_chip_width(f, all);
  if (draw && x + w > 0 && x < f->w) /* only what is on screen */
    ui_chip(f, all, x, y, accent, (action){.kind = tap}, current == NULL);
  x += w + sz(f, UI_SP_S);
  for (size_t k = 0; values[k] && k < MAX_VALUES; k++) {
    const char *const *v = &values[k];
    if (!s->has[kind == ACT_FILTER_PROVINCE][k])
      continue;
    const char *label = kind == ACT_FILTER_FIELD ? ui_field_name(f, *v) : ui_province_name(f, *v);
    w = ui_chip_width(f, label);
    if (draw && x + w > 0 && x < f->w)
      ui_chip(f, label, x, y, accent, (action){.kind = tap, .exhibit = *v},
              current && strcmp(current, *v) == 0);
    x += w + sz(f, UI_SP_S);
  }
  return x;
}

/* The filters in one row, fields then places, that a finger drags sideways where it is wider
 * than the screen (it runs to the screen's edges, so a chip cut there shows there is more). One
 * row, not a wrapped block: the cards keep the room. Returns its height. */
static int filter_row(const frame *f, filters *s, int y, bool draw, int clip) {
  int margin = sz(f, UI_MARGIN), x = margin - (draw ? s->offset : 0);
  x = filter_chips(f, s, x, y, ACT_FILTER_FIELD, s->field, draw, clip) + sz(f, UI_SP_XL);
  x = filter_chips(f, s, x, y, ACT_FILTER_PROVINCE, s->province, draw, clip);
  if (!draw) { /* measured: how far it drags */
    int width = x - sz(f, UI_SP_S) + margin;
    s->most = width > f->w ? width - f->w : 0;
    s->offset = s->offset < s->most ? s->offset : s->most;
  } else {
    s->row_y = y, s->row_h = sz(f, UI_CHIP);
  }
  return sz(f, UI_CHIP) + sz(f, UI_SP_S);
}

/* Which values of each filter some achievement has: once a visit, the pack does not change. */
static void find_values(const ks_ui *ui, filters *s) {
  for (int p = 0; p < 2; p++) {
    const char *const *values = p ? ks_provinces() : ks_fields(), *const * has;
    size_t n = ks_store_values(ui->store, p ? KS_STORE_PROVINCE : KS_STORE_FIELD, &has);
    for (size_t k = 0; values[k] && k < MAX_VALUES; k++)
      for (size_t i = 0; i < n && !s->has[p][k]; i++)
        s->has[p][k] = strcmp(has[i], values[k]) == 0;
  }
  s->found = true;
}

static void draw(const frame *f, void *state) {
  const ks_ui *ui = f->ui;
  filters *s = state;
  if (!s->found)
    find_values(ui, s);
  ks_store_filter filter = narrowed(s->field, s->province);
  size_t n = ks_store_count(ui->store, KS_KIND_ACHIEVEMENT, &filter);
  char sub[96];
  ui_say_count(f, sub, sizeof sub, "achievements.subtitle", n);
  const char *title = ui_say(f, "achievements.title");
  /* Header and filters stay put and the cards scroll under them — unless the filters would take
   * more than two fifths of the room under the header (a small panel, where chips are large):
   * then they scroll with the cards. */
  int head = ui_header(f, title, sub, false) - sz(f, UI_SP_L);
  int filters_h = filter_row(f, s, head, false, 0) + sz(f, UI_SP_M);
  bool pinned = filters_h <= (f->h - head) * 2 / 5;
  int top = pinned ? head + filters_h : head;
  int left = sz(f, UI_MARGIN), gap = sz(f, UI_GAP), avail = f->w - 2 * left;
  int cols = ui_columns(avail, sz(f, UI_CARD_MIN_W), gap, f->portrait ? 2 : 3);
  /* Two rows of cards in view where a shorter card still holds a card's lines. */
  int ch = sz(f, UI_CARD_H), two = (f->h - top - gap - sz(f, UI_MARGIN)) / 2;
  int least = ui_mm(f, UI_SIZES[UI_CARD_H].floor_mm) > ch * 7 / 8
                  ? ui_mm(f, UI_SIZES[UI_CARD_H].floor_mm)
                  : ch * 7 / 8;
  ch = two < ch ? (two > least ? two : least) : ch;
  int cw = (avail - (cols - 1) * gap) / cols;
  int rows = ((int)n + cols - 1) / cols;
  int content_h = (pinned ? 0 : filters_h) + rows * (ch + gap) + sz(f, UI_MARGIN);
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - (f->h - top)));
  int offset = ui_px(ui->scroll.pos), cards = top + (pinned ? 0 : filters_h) - offset;
  ui_card_grid(f, &(ui_card_grid_spec){left, cards, cw, ch, gap, cols, top}, KS_KIND_ACHIEVEMENT,
               &filter, n, KS_SCREEN_ACHIEVEMENT, draw_card);
  if (n == 0)
    ui_text(f, ui_say(f, "achievements.none"), UI_TYPE_BODY, left, cards + sz(f, UI_SP_L), avail, 1,
            KS_TEXT_DIM);
  int filters_y = pinned ? head : head - offset;
  if (!pinned) /* under the header, which covers them where they scroll past */
    filter_row(f, s, filters_y, true, head);
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - gap / 2}, KS_BG);
  ui_draw_header(f, title, sub);
  if (pinned)
    filter_row(f, s, filters_y, true, 0);
}

static void enter(ks_ui *ui, void *state, const ui_memo *back) {
  (void)ui;
  filters *s = state;
  if (back)
    s->field = back->keep[0], s->province = back->keep[1];
}

static void leave(ks_ui *ui, void *state, ui_memo *memo) {
  (void)ui;
  filters *s = state;
  memo->keep[0] = s->field, memo->keep[1] = s->province;
}

/* A drag that starts on the filters' row moves the row, not the cards. */
static int drag_row(ks_ui *ui, filters *s, const ks_gesture *g) {
  float y = g->y * ui->short_side;
  switch (g->type) {
  case KS_GESTURE_DRAG_START:
    s->dragging = s->most > 0 && y >= (float)s->row_y && y < (float)(s->row_y + s->row_h);
    return s->dragging ? 0 : -1;
  case KS_GESTURE_DRAG:
    if (!s->dragging)
      return -1;
    s->offset -= ui_px(g->dx * ui->short_side);
    s->offset = s->offset < 0 ? 0 : s->offset > s->most ? s->most : s->offset;
    return 1;
  case KS_GESTURE_DRAG_END:
  case KS_GESTURE_FLING:
  case KS_GESTURE_SWIPE_LEFT:
  case KS_GESTURE_SWIPE_RIGHT:
  case KS_GESTURE_CANCEL:
    if (!s->dragging)
      return -1;
    s->dragging = false;
    return 1;
  default:
    return -1;
  }
}

/* A filter chip: the gallery from the top with the filter set (NULL: all). */
static int input(ks_ui *ui, void *state, const ks_gesture *g, const action *a) {
  filters *s = state;
  if (g)
    return drag_row(ui, s, g);
  if (a->kind != ACT_FILTER_FIELD && a->kind != ACT_FILTER_PROVINCE)
    return -1;
  /* The value as the closed list has it (the action's copy lasts a frame or two). */
  const char *const *values = a->kind == ACT_FILTER_FIELD ? ks_fields() : ks_provinces();
  const char *value = NULL;
  for (size_t k = 0; a->exhibit && values[k] && !value; k++)
    value = strcmp(values[k], a->exhibit) == 0 ? values[k] : NULL;
  *(a->kind == ACT_FILTER_FIELD ? &s->field : &s->province) = value;
  ks_scroller_init(&ui->scroll, 0, 0);
  return 1;
}

/* How the gallery was left narrowed (`memo`'s filters): an achievement's page opened from it
 * turns among those alone. */
static bool filter(const ui_memo *memo, ks_store_filter *out) {
  *out = narrowed(memo->keep[0], memo->keep[1]);
  return out->field || out->province;
}

const ui_screen ui_screen_achievements = {.name = "achievements",
                                          .state_size = sizeof(filters),
                                          .enter = enter,
                                          .leave = leave,
                                          .input = input,
                                          .draw = draw,
                                          .filter = filter};
