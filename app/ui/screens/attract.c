/* The attract loop: while nobody touches the kiosk, the screen moves — a slow flight over the
 * corridor map lighting its cities in order (attract_show.c), highlights of the pack one after
 * another with their figures counting up, the timeline's years drifting along the foot, and a
 * large call to action in the pack's languages at once. It runs for hours, so it draws at most
 * FRAME_HZ frames a second (slow, eased motion looks smooth at that rate) and reads one exhibit
 * a frame: the highlight shown. */
#include "../attract_show.h"
#include "../ui_private.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The highlights, kind after kind, each in its list's order: achievements (newest first, their
 * key figure large where they have one), the statistics (the latest value large), then the
 * events (their date large). */
static const ks_kind highlighted[] = {KS_KIND_ACHIEVEMENT, KS_KIND_STATISTIC, KS_KIND_EVENT};
enum { N_HIGHLIGHTED = sizeof highlighted / sizeof *highlighted };

/* Frames a second the loop asks for, at most. */
enum { FRAME_HZ = 30 };
/* A frame is due this much before its time: the loop's clock counts whole milliseconds, so that
 * a sleep of the time asked for may end a millisecond short of it, and would else wake twice. */
#define FRAME_SLACK_S 0.002
#define SLIDE_S 9.0
#define ENTER_S 0.8f /* a highlight rising in */
#define LEAVE_S 0.6f /* and fading out at its end */
#define COUNT_FROM_S 0.3f
#define COUNT_S 2.2f /* a figure's count, from 0 to its value */
#define WAKE_S 0.8f  /* the whole loop fading in from the background as it starts */

typedef struct {
  double t;          /* seconds since the loop started */
  double next_frame; /* when (in t) the next frame is due */
  size_t slide;      /* which highlight shows */
  size_t count;      /* how many highlights there are */
  double slide_time; /* seconds it has shown */
  ui_flight flight;  /* where the flight stops, found once */
} attract;

static size_t highlights(const ks_ui *ui) {
  size_t n = 0;
  for (int k = 0; k < N_HIGHLIGHTED; k++)
    n += ui_count(ui, highlighted[k]);
  return n;
}

/* The `k`-th highlight, its kind and its place in its kind's list: the kinds taken in turn (an
 * achievement, a statistic, an event, the next achievement …), so that every sort of picture
 * comes round every half minute however long one kind's list is; a kind that runs out drops
 * from the turn. A few sums, whatever the lists' lengths. */
static bool which(const ks_ui *ui, size_t k, ks_kind *kind, size_t *i) {
  size_t n[N_HIGHLIGHTED], base = 0;
  for (int h = 0; h < N_HIGHLIGHTED; h++)
    n[h] = ui_count(ui, highlighted[h]);
  for (;;) {
    int active[N_HIGHLIGHTED], m = 0;
    size_t least = SIZE_MAX;
    for (int h = 0; h < N_HIGHLIGHTED; h++)
      if (n[h] > base) {
        active[m++] = h;
        least = n[h] - base < least ? n[h] - base : least;
      }
    if (m == 0)
      return false;
    if (k / (size_t)m < least) {
      *kind = highlighted[active[k % (size_t)m]], *i = base + k / (size_t)m;
      return true;
    }
    k -= least * (size_t)m, base += least;
  }
}

static ks_color faded(ks_color c, float a) {
  c.a = (uint8_t)((float)c.a * (a < 0 ? 0 : a > 1 ? 1 : a));
  return c;
}

/* Where things go: the covered part (the highlight's, at the left or the top) and its text, the
 * map's window beside or under it, the call to action and the years' band at the foot. The call
 * is centred across the screen; where that leaves the highlight too little height (a 7-inch
 * panel), across the map's side only, and the highlight takes the whole height. */
typedef struct {
  ks_rect cover, window, band;
  int text_x, text_y, text_w, text_bottom;
  int call_left, call_w, call_bottom;
} placing;

static placing place(const frame *f, double t) {
  placing L;
  int m = sz(f, UI_MARGIN), dh = ui_drift_height(f);
  L.band = (ks_rect){0, f->h - dh, f->w, dh};
  L.call_left = 0, L.call_w = f->w, L.call_bottom = L.band.y - sz(f, UI_SP_XL);
  int call_top = ui_call_to_action(f, t, L.call_left, L.call_w, L.call_bottom, false);
  L.text_x = m, L.text_y = m;
  if (f->portrait) {
    L.cover = (ks_rect){0, 0, f->w, f->h * 2 / 5};
    L.window = (ks_rect){0, L.cover.h, f->w, call_top - L.cover.h};
    L.text_w = f->w - 2 * m, L.text_bottom = L.cover.h - sz(f, UI_SP_L);
    return L;
  }
  L.cover = (ks_rect){0, 0, f->w * 12 / 25, f->h};
  L.text_w = L.cover.w - m - sz(f, UI_SP_L);
  L.text_bottom = call_top - sz(f, UI_SP_L);
  if (L.text_bottom - L.text_y < ui_mm(f, 60)) {
    L.call_left = L.cover.w, L.call_w = f->w - L.cover.w;
    call_top = ui_call_to_action(f, t, L.call_left, L.call_w, L.call_bottom, false);
    L.text_bottom = L.band.y - sz(f, UI_SP_L);
  }
  L.window = (ks_rect){L.cover.w, 0, f->w - L.cover.w, call_top};
  return L;
}

/* The soft edge of the covered part over the map beside (or under) it: what covers the map
 * is opaque (a fill without blending, and no map painted under it), and fades out over the
 * map's first few millimetres. */
static void soft_edge(const frame *f, ks_rect cover) {
  int steps = 8, step = sz(f, UI_SP_XS) > 1 ? sz(f, UI_SP_XS) : 1;
  for (int i = 0; i < steps; i++) {
    float a = (float)(steps - i) / (float)(steps + 1);
    ks_rect edge = cover.w == f->w ? (ks_rect){0, cover.y + cover.h + i * step, f->w, step}
                                   : (ks_rect){cover.x + cover.w + i * step, 0, step, f->h};
    ks_gfx_fill_rect(f->gfx, edge, faded(KS_BG, a));
  }
}

/* A large number counting up to the figure `value` (its final width fixed, so that the unit
 * beside it stays put), then the figure as the article writes it; the unit on its baseline, or
 * under it where the line has no room for both. Returns the height taken. */
static int figure(const frame *f, const char *value, const char *unit, float u, ks_color c, int x,
                  int y, int w, bool draw) {
  ui_size size = UI_TYPE_GIANT; /* a number is never cut: smaller where it is too wide */
  while (size < UI_TYPE_SUBTITLE && ui_text_width(f, value, size) > w)
    size++;
  ui_size small = size <= UI_TYPE_HERO ? UI_TYPE_TITLE : UI_TYPE_BODY;
  int vw = ui_text_width(f, value, size), gap = sz(f, UI_SP_ML);
  bool has_unit = unit && *unit, beside = has_unit && vw + gap + ui_text_width(f, unit, small) <= w;
  int h = ui_line_height(f, size);
  int uy = beside ? y + ui_baseline(f, size) - ui_baseline(f, small) : y + h;
  if (has_unit && !beside)
    h += ui_line_height(f, small);
  if (!draw)
    return h;
  char counted[128];
  if (u < 1 && ui_count_text(value, ui_ease_out(u), counted, sizeof counted)) {
    ks_face *fc = face(f, size);
    int cw = fc ? ks_face_measure(fc, counted, strlen(counted)) : 0;
    ui_draw_line(f, counted, size, x + vw - cw, y + ui_baseline(f, size), c);
  } else {
    ui_text(f, value, size, x, y, w, 1, c);
  }
  if (has_unit)
    ui_text(f, unit, small, beside ? x + vw + gap : x, uy, beside ? w - vw - gap : w, 1, c);
  return h;
}

/* The title of `e` fitted to `room` pixels of height: in two lines of the hero's size where they
 * fit, else smaller before it is cut. */
static const ks_textbox *title_in(const frame *f, const ks_exhibit *e, int w, int room) {
  int held = room / ui_line_height(f, UI_TYPE_HERO);
  return ui_fit_lines(f, tr(f, &e->title), UI_TYPE_HERO, UI_TYPE_TITLE, w, room, held >= 2 ? 2 : 1);
}

/* The highlight `e` (the `i`-th of its kind) in the covered part, faded to `a`: what it is, its
 * figure counting up (or its date), its title and as much of its summary as there is room for.
 * Returns the height taken; with `draw` false only measures. */
static int highlight(const frame *f, const attract *s, const ks_exhibit *e, const placing *L,
                     int dy, float a, bool draw) {
  int x = L->text_x, y = L->text_y + dy, w = L->text_w, top = y;
  int bottom = L->text_bottom + dy;
  const ks_color accent = *ui_kinds[e->kind].accent;
  const char *kind = ui_say(f, ui_kinds[e->kind].title_key);
  if (draw)
    ui_text(f, kind, UI_TYPE_BODY, x, y, w, 1, faded(accent, a));
  y += ui_line_height(f, UI_TYPE_BODY) + sz(f, UI_SP_S);
  float u = (float)((s->slide_time - COUNT_FROM_S) / COUNT_S);
  const char *line = NULL;
  char when[96];
  if (e->kind == KS_KIND_ACHIEVEMENT && e->n_figures > 0) {
    const ks_figure *fig = &e->figures[0];
    y += figure(f, ui_value(f, fig), tr(f, &fig->unit), u, faded(KS_GOLD, a), x, y, w, draw);
    line = tr(f, &fig->label);
  } else if (e->kind == KS_KIND_STATISTIC && e->n_values > 0) {
    const ks_stat_value *v = &e->values[e->n_values - 1];
    char number[128];
    ui_stat_number(f, v, number, sizeof number);
    y += figure(f, number, ui_stat_unit(f, e, v), u, faded(KS_LILAC, a), x, y, w, draw);
    ui_stat_when(f, v, when, sizeof when);
    line = when;
  } else {
    if (e->kind == KS_KIND_ACHIEVEMENT)
      ui_year_of(f, e, when, sizeof when);
    else
      ui_format_date(f, e->date, when, sizeof when);
    ui_size size = UI_TYPE_DISPLAY; /* never cut: a size smaller where it is too wide */
    while (size < UI_TYPE_SUBTITLE && ui_text_width(f, when, size) > w)
      size++;
    if (draw)
      ui_text(f, when, size, x, y, w, 1, faded(accent, a));
    y += ui_line_height(f, size);
  }
  int lh = line && *line ? ks_textbox_height(ui_layout(f, line, UI_TYPE_SUBTITLE, w, 1)) : 0;
  /* Where the title would be cut under it, the line of what the figure counts goes: the title
   * says what the page is. */
  if (lh && ui_is_cut(title_in(f, e, w, bottom - y - lh - sz(f, UI_SP_XL))))
    lh = 0;
  if (lh) {
    int h = lh;
    if (draw)
      ui_text(f, line, UI_TYPE_SUBTITLE, x, y, w, 1, faded(KS_TEXT_DIM, a));
    y += h;
  }
  y += sz(f, UI_SP_XL);
  /* The title in two lines, fitted to what is left (smaller before it is cut); then the summary
   * in what is left after it. */
  const ks_textbox *title = title_in(f, e, w, bottom - y);
  if (draw)
    ui_draw_box(f, title, x, y, faded(KS_TEXT, a));
  y += ks_textbox_height(title) + sz(f, UI_SP_L);
  int room = (bottom - y) / ui_line_height(f, UI_TYPE_SUBTITLE);
  if (room > 0 && draw)
    y += ui_text(f, tr(f, &e->summary), UI_TYPE_SUBTITLE, x, y, w, (size_t)(room < 3 ? room : 3),
                 faded(KS_TEXT_DIM, a));
  return y - top;
}

static void draw(const frame *f, void *state) {
  const ks_ui *ui = f->ui;
  attract *s = state;
  placing L = place(f, s->t);
  /* The map beside the highlight, above the years, its focus in the part nothing covers. */
  ks_rect shown = f->portrait ? (ks_rect){0, L.cover.h, f->w, L.band.y - L.cover.h}
                              : (ks_rect){L.cover.w, 0, f->w - L.cover.w, L.band.y};
  ui_flight_draw(f, &s->flight, s->t, L.window, shown);
  soft_edge(f, L.cover);
  /* The highlight: rising in, still while its figure counts up, fading out at its end. */
  ks_kind kind;
  size_t i;
  int mark = 0;
  if (s->count && which(ui, s->slide % s->count, &kind, &i)) {
    ui_visit(ui, 1);
    const ks_exhibit *e = ui_at(ui, kind, i);
    if (kind == KS_KIND_EVENT)
      mark = ui_event_year(ui, i);
    float in = ui_ease((float)s->slide_time / ENTER_S);
    float out = ui_ease((float)(s->slide_time - (SLIDE_S - LEAVE_S)) / LEAVE_S);
    if (e)
      highlight(f, s, e, &L, (int)((1 - in) * (float)ui_mm(f, 8)), in * (1 - out), true);
  }
  ui_drift_years(f, L.band, s->t, mark);
  ui_call_to_action(f, s->t, L.call_left, L.call_w, L.call_bottom, true);
  /* The loop fades in from the background as it starts. */
  if (s->t < WAKE_S)
    ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, f->h},
                     faded(KS_BG, 1 - ui_ease((float)s->t / WAKE_S)));
}

static void enter(ks_ui *ui, void *state, const ui_memo *back) {
  (void)back;
  attract *s = state;
  s->count = highlights(ui);
  ui_flight_plan(ui, &s->flight);
}

/* Any touch wakes the kiosk; the rest of that touch activates nothing, even if home has been
 * drawn under the finger before it lifts. */
static int input(ks_ui *ui, void *state, const ks_gesture *g, const action *a) {
  (void)state, (void)a;
  if (g && g->type == KS_GESTURE_PRESS) {
    ui_wake(ui);
    return 1;
  }
  return 0;
}

/* Time passes: the next highlight after SLIDE_S, and a frame when one is due — at most
 * FRAME_HZ a second however often the loop asks, and never a burst to catch up after a slow
 * one. */
static bool tick(ks_ui *ui, void *state, float dt) {
  (void)ui;
  attract *s = state;
  if (!(dt > 0) || !isfinite(dt))
    return false;
  s->t += dt;
  s->slide_time += dt;
  if (s->slide_time >= SLIDE_S) {
    double n = floor(s->slide_time / SLIDE_S);
    s->slide_time -= n * SLIDE_S;
    if (s->count)
      s->slide = (s->slide + (size_t)fmod(n, (double)s->count)) % s->count;
  }
  if (s->t + FRAME_SLACK_S < s->next_frame)
    return false;
  s->next_frame += 1.0 / FRAME_HZ;
  if (s->next_frame < s->t)
    s->next_frame = s->t + 1.0 / FRAME_HZ;
  return true;
}

/* Until the next frame is due. */
static int wait_ms(const ks_ui *ui, const void *state) {
  (void)ui;
  const attract *s = state;
  double left = s->next_frame - s->t;
  return left > 0 ? (int)ceil(left * 1000) : 0; /* up, so that the tick after it is due */
}

const ui_screen ui_screen_attract = {.name = "attract",
                                     .state_size = sizeof(attract),
                                     .enter = enter,
                                     .input = input,
                                     .tick = tick,
                                     .wait_ms = wait_ms,
                                     .draw = draw};
