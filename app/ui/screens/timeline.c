/* The timeline: a card per event, flung sideways, with the strip of years at its foot. */
#include "../timeaxis.h"
#include "../ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/textbox.h"
#include "kiosk/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  int pitch;         /* pixels from one card to the next, as last drawn */
  ui_time_axis axis; /* the years, each as wide as its cards, and the gaps between them */
} timeline;

static void enter(ks_ui *ui, void *state, const ui_memo *back) {
  (void)back;
  timeline *s = state;
  ui_time_axis_count(&s->axis, ui);
}

/* Over the axis, the years in view from the `k`-th: each named over its first card — the first
 * in view kept at the left margin while its cards are in view, so that every card's year is on
 * screen and no card need say it — and after each the years without events, a gap named and the
 * axis broken there. */
static void years_in_view(const frame *f, const ui_time_axis *a, size_t k, int offset, int year_y,
                          int axis_y) {
  int left = sz(f, UI_MARGIN), gap = sz(f, UI_GAP), card_w = sz(f, UI_EVENT_W);
  int down = ui_baseline(f, UI_TYPE_SUBTITLE) - ui_baseline(f, UI_TYPE_SMALL);
  for (; k < a->n; k++) {
    int64_t start = left + a->x[k] - offset, end = left + ui_time_axis_end(a, k) - gap - offset;
    if (start >= f->w)
      break;
    char label[24];
    if (end > 0) {
      snprintf(label, sizeof label, "%d", a->year[k]);
      int64_t lx = start < left ? left : start, lw = ui_text_width(f, label, UI_TYPE_SUBTITLE);
      lx = lx + lw > end ? end - lw : lx; /* it leaves with its last card */
      ui_text(f, label, UI_TYPE_SUBTITLE, (int)lx, year_y, card_w, 1, KS_CORAL);
    }
    if (k + 1 >= a->n || a->year[k + 1] - a->year[k] < 2)
      continue;
    int64_t next = left + a->x[k + 1] - offset, mid = (end + next) / 2;
    if (next <= 0 || end >= f->w)
      continue;
    ui_time_gap_label(a->year[k] + 1, a->year[k + 1] - 1, label, sizeof label);
    int lw = ui_text_width(f, label, UI_TYPE_SMALL);
    ui_text(f, label, UI_TYPE_SMALL, (int)mid - lw / 2, year_y + down, card_w, 1, KS_TEXT_DIM);
    /* The axis dotted through the gap, broken in its middle: time passes, compressed. Square
     * dots: two triangles each where a round one takes many, and a fling passes gaps. */
    int line = sz(f, UI_SP_XXS), dot = sz(f, UI_LINE_W) > 1 ? sz(f, UI_LINE_W) : 2;
    ks_gfx_fill_rect(f->gfx, (ks_rect){(int)end, axis_y - line, (int)(next - end), 2 * line},
                     KS_BG);
    for (int64_t dx = end + 4 * dot; dx < next - 2 * dot; dx += 4 * dot)
      ks_gfx_fill_rect(f->gfx, (ks_rect){(int)dx - dot / 2, axis_y - dot / 2, dot, dot},
                       KS_CARD_PRESSED);
    ui_time_break(f, (float)mid, (float)axis_y, KS_TEXT_DIM);
  }
}

static void draw(const frame *f, void *state) {
  timeline *s = state;
  char sub[96];
  const ks_ui *ui = f->ui;
  ui_say_count(f, sub, sizeof sub, "timeline.subtitle", ui_count(ui, KS_KIND_EVENT));
  const char *title = ui_say(f, "timeline.title");
  int top = ui_header(f, title, sub, false); /* drawn last, over what scrolls under it */
  int card_w = sz(f, UI_EVENT_W), gap = sz(f, UI_GAP), left = sz(f, UI_MARGIN);
  /* Under the header: a row of year marks, the axis, and the cards hanging from it. */
  int year_y = top + sz(f, UI_SP_XS);
  int axis_y = year_y + ui_line_height(f, UI_TYPE_SUBTITLE) + sz(f, UI_SP_L);
  int card_top = axis_y + sz(f, UI_SP_3XL) + sz(f, UI_SP_S);
  /* The years at the foot, to see where in time one is and to travel there with a tap. */
  ks_rect below = {left, 0, f->w - 2 * left, f->h - sz(f, UI_MARGIN)};
  ks_rect strip = ui_cut_bottom(&below, sz(f, UI_STRIP_H));
  int card_h = strip.y - sz(f, UI_GAP) - card_top;
  bool tall = card_h > 2 * card_w; /* a portrait display: room for a whole title and story */
  int offset = ui_px(ui->scroll.pos);
  s->pitch = card_w + gap;
  ui_time_axis *a = &s->axis;
  if (a->pitch != s->pitch)
    ui_time_axis_layout(a, s->pitch);
  size_t n = ui_count(ui, KS_KIND_EVENT);
  /* In float: a pack may hold more events than an int of pixels spans. */
  float content_w =
      (n ? (float)ui_time_axis_x(a, n - 1) + (float)s->pitch : 0) - (float)(gap - 2 * left);
  ks_scroller_set_bounds(&f->ui->scroll, 0, content_w - (float)f->w);
  float axis[4] = {0, (float)axis_y, (float)f->w, (float)axis_y};
  ks_gfx_polyline(f->gfx, axis, 2, (float)sz(f, UI_SP_XXS), KS_CARD_PRESSED);
  /* From the first card any of which is in view: those before it are not looked at. */
  size_t from = ui_time_axis_at(a, (int64_t)offset - left - card_w);
  years_in_view(f, a, ui_time_axis_year_of(a, from), offset, year_y, axis_y);
  for (size_t i = from; i < n; i++) {
    ui_visit(ui, 1);
    int64_t x64 = left + ui_time_axis_x(a, i) - offset;
    if (x64 >= f->w)
      break; /* the cards after it are off screen too */
    int x = x64 < -card_w ? -card_w : (int)x64;
    const ks_exhibit *e = x + card_w <= 0 || x >= f->w ? NULL : ui_at(ui, KS_KIND_EVENT, i);
    if (!e)
      continue; /* off screen (or unreadable): not read */
    float dot_x = (float)x + (float)sz(f, UI_SP_ML);
    float stem[4] = {dot_x, (float)axis_y, dot_x, (float)card_top};
    ks_gfx_polyline(f->gfx, stem, 2, (float)sz(f, UI_LINE_W), KS_CORAL);
    ks_gfx_fill_circle(f->gfx, dot_x, (float)axis_y, (float)sz(f, UI_SP_S), KS_CORAL);
    ks_rect r = {x, card_top, card_w, card_h};
    bool pressed = ui_add_hit(f, r, (action){ACT_GO, KS_SCREEN_EVENT, e->id}, tr(f, &e->title));
    ui_press_fill(f, r, sz(f, UI_RADIUS), KS_CARD, pressed);
    int pad = sz(f, UI_SP_XL), tx = x + pad, tw = card_w - 2 * pad, ty = card_top + pad;
    /* Its date once: the year is the mark's over the axis, the day or month (if any) here. */
    char date[64];
    ui_date_in_year(f, e->date, date, sizeof date);
    if (date[0])
      ty += ui_text(f, date, UI_TYPE_SMALL, tx, ty, tw, 1, KS_CORAL) + sz(f, UI_SP_S);
    /* Where it happened at the foot of the card, as on the achievements' cards; the title in
     * the lines left above it (at least one), then the story in what remains. */
    char place[160];
    ui_place_of(f, e, place, sizeof place);
    int small = ui_line_height(f, UI_TYPE_SMALL), bottom = card_top + card_h - pad;
    int foot = place[0] ? small + sz(f, UI_SP_S) : 0;
    int title_lines = (bottom - foot - ty) / ui_line_height(f, UI_TYPE_SUBTITLE);
    title_lines = title_lines < 1 ? 1 : title_lines > (tall ? 5 : 3) ? (tall ? 5 : 3) : title_lines;
    /* Fitted (a step smaller, then wrapped) rather than cut; where a short card (a 7" panel)
     * still cuts it, the place gives way to it — the event's page says where. */
    const char *t = tr(f, &e->title);
    const ks_textbox *tb = ui_fit_lines(f, t, UI_TYPE_SUBTITLE, UI_TYPE_BODY, tw,
                                        bottom - foot - ty, (size_t)title_lines);
    if (ui_is_cut(tb) && foot) { /* down to the foot, clear of the chevron there */
      foot = 0, place[0] = '\0';
      tb = ui_fit_lines(f, t, UI_TYPE_SUBTITLE, UI_TYPE_BODY, tw - small, bottom - ty,
                        (size_t)title_lines);
    }
    ui_draw_box(f, tb, tx, ty, KS_TEXT);
    ty += ks_textbox_height(tb) + sz(f, UI_SP_M);
    /* A tall card tells the story itself, which the summary would leave mostly empty; the
     * detail page still has it all. */
    const char *story = tr(f, &e->summary), *body = tr(f, &e->body);
    ui_size type = UI_TYPE_SMALL;
    if (tall && body && body[0])
      story = body, type = UI_TYPE_BODY;
    int lines = (bottom - foot - ty) / ui_line_height(f, type);
    if (lines > 0)
      ui_text(f, story, type, tx, ty, tw, (size_t)lines, KS_TEXT_DIM);
    float cs = (float)small / 4; /* a chevron at the foot on the right: the card opens */
    ui_chevron(f, (float)(tx + tw) - cs / 2, (float)(bottom - small / 2), cs, 1, KS_TEXT_DIM);
    if (place[0])
      ui_text(f, place, UI_TYPE_SMALL, tx, bottom - small, tw - small, 1, KS_TEAL);
  }
  /* The years of the cards in view: from the first card at least half shown to the last. */
  if (n) {
    int64_t half_gone = (int64_t)offset - card_w / 2 - 1;
    size_t i0 = half_gone < 0 ? 0 : ui_time_axis_at(a, half_gone) + 1;
    size_t i1 = ui_time_axis_at(a, (int64_t)offset + f->w - 2 * left - card_w / 2);
    i0 = i0 >= n ? n - 1 : i0;
    i1 = i1 >= n ? n - 1 : i1 < i0 ? i0 : i1;
    ui_year_strip(f, strip, KS_CORAL, ui_event_year(ui, i0), ui_event_year(ui, i1), true);
  }
  /* The header again over anything that scrolled under it. */
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - sz(f, UI_SP_M)}, KS_BG);
  ui_draw_header(f, title, sub);
}

/* A year of the strip tapped: glide to its first event. */
static int input(ks_ui *ui, void *state, const ks_gesture *g, const action *a) {
  const timeline *s = state;
  if (g || a->kind != ACT_SEEK)
    return -1;
  size_t i = a->exhibit ? ks_store_pos(ui->store, KS_KIND_EVENT, NULL, a->exhibit) : SIZE_MAX;
  if (i == SIZE_MAX)
    return 0;
  ks_scroller_glide_to(&ui->scroll, (float)ui_time_axis_x(&s->axis, i));
  return 1;
}

const ui_screen ui_screen_timeline = {.name = "timeline",
                                      .state_size = sizeof(timeline),
                                      .horizontal = true,
                                      .enter = enter,
                                      .input = input,
                                      .draw = draw};
