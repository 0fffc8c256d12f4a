/* The attract loop: while nobody touches the kiosk, highlights of the pack cycle full-screen —
 * an achievement's key figure, a statistic's latest value, a dated event — with a cue in both
 * languages to touch. Each highlight fades in and then stays still, so the loop costs frames only
 * while fading. */
#include "../ui_private.h"

#include "kiosk/strings.h"

#include "kiosk/mem.h"

#include <stdio.h>
#include <string.h>

/* The highlights, kind after kind, each in its list's order: achievements (newest first, their
 * key figure large where they have one), the statistics (the latest value large), then the
 * events (their date large). */
static const ks_kind highlighted[] = {KS_KIND_ACHIEVEMENT, KS_KIND_STATISTIC, KS_KIND_EVENT};
enum { N_HIGHLIGHTED = sizeof highlighted / sizeof *highlighted };

static size_t highlights(const ks_ui *ui) {
  size_t n = 0;
  for (int k = 0; k < N_HIGHLIGHTED; k++)
    n += ui_count(ui, highlighted[k]);
  return n;
}

enum { SLIDE_SECONDS = 8 };
#define FADE_SECONDS 0.6f

typedef struct {
  size_t slide;     /* which highlight shows */
  size_t count;     /* how many highlights there are */
  float slide_time; /* seconds it has shown */
} attract;

static const ks_exhibit *highlight(const ks_ui *ui, size_t k) {
  for (int i = 0; i < N_HIGHLIGHTED; i++) {
    size_t n = ui_count(ui, highlighted[i]);
    if (k < n) {
      ui_visit(ui, 1);
      return ui_at(ui, highlighted[i], k);
    }
    k -= n;
  }
  return NULL;
}

/* The summary under a highlight, in as many of three lines as there is room for above `bottom`:
 * on a small panel it is left out before anything is set smaller. */
static void summary(const frame *f, const ks_exhibit *e, int x, int y, int w, int bottom) {
  int lines = (bottom - y) / ui_line_height(f, UI_TYPE_SUBTITLE);
  if (lines > 0)
    ui_text(f, tr(f, &e->summary), UI_TYPE_SUBTITLE, x, y, w, (size_t)(lines < 3 ? lines : 3),
            KS_TEXT_DIM);
}

static void draw(const frame *f, void *state) {
  const ks_ui *ui = f->ui;
  const attract *s = state;
  /* The cue at the foot, in the pack's languages (the first three) whatever the last visitor
   * chose. */
  char cue[256] = "";
  for (ks_lang l = 0; l < ui->content->meta.n_languages && l < 3; l++) {
    size_t n = strlen(cue);
    snprintf(cue + n, sizeof cue - n, "%s%s", l ? "  ·  " : "",
             ks_strings_say(ks_content_lang_tag(ui->content, l), "attract.cue",
                            ui->content->meta.default_lang));
  }
  ks_face *fc = face(f, UI_TYPE_SUBTITLE);
  int pad = sz(f, UI_SP_3XL), text_h = ks_face_ascent(fc) + ks_face_descent(fc);
  int ch = 2 * pad > text_h + 2 * sz(f, UI_SP_M) ? 2 * pad : text_h + 2 * sz(f, UI_SP_M);
  int cw = ks_face_measure(fc, cue, strlen(cue)) + 2 * pad;
  ks_rect pill = {(f->w - cw) / 2, f->h - sz(f, UI_MARGIN) - ch, cw, ch};
  ks_gfx_fill_round_rect(f->gfx, pill, ch / 2, KS_GOLD);
  int baseline = pill.y + (ch + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
  ui_draw_line(f, cue, UI_TYPE_SUBTITLE, pill.x + pad, baseline, KS_ON_ACCENT);
  int bottom = pill.y - sz(f, UI_GAP);
  /* The highlight above it. */
  int left = 2 * sz(f, UI_MARGIN), w = f->w - 2 * left;
  ui_text(f, tr(f, &ui->content->meta.title), UI_TYPE_BODY, left, sz(f, UI_MARGIN), w, 1,
          KS_TEXT_DIM);
  ui_stack st = {f, left, 2 * sz(f, UI_MARGIN) + sz(f, UI_SP_XXL), w};
  const ks_exhibit *e = s->count ? highlight(ui, s->slide % s->count) : NULL;
  if (e && e->kind == KS_KIND_ACHIEVEMENT && e->n_figures > 0) {
    const ks_figure *fig = &e->figures[0];
    const char *value = ui_value(f, fig);
    int vw = ks_face_measure(face(f, UI_TYPE_GIANT), value, strlen(value)), gap = sz(f, UI_SP_ML);
    /* The unit on the value's baseline. */
    ui_text(f, tr(f, &fig->unit), UI_TYPE_TITLE, left + vw + gap,
            st.y + ui_baseline(f, UI_TYPE_GIANT) - ui_baseline(f, UI_TYPE_TITLE), w - vw - gap, 1,
            KS_GOLD);
    st.y += ui_text(f, value, UI_TYPE_GIANT, left, st.y, w, 1, KS_GOLD);
    ui_stack_text(&st, tr(f, &fig->label), UI_TYPE_SUBTITLE, 1, KS_TEXT_DIM, UI_SP_3XL);
  } else if (e && e->kind == KS_KIND_STATISTIC && e->n_values > 0) {
    st.y +=
        ui_stat_value(f, e, &e->values[e->n_values - 1], UI_TYPE_GIANT, left, st.y, w, KS_LILAC);
    char when[96];
    ui_stat_when(f, &e->values[e->n_values - 1], when, sizeof when);
    ui_stack_text(&st, when, UI_TYPE_SUBTITLE, 1, KS_TEXT_DIM, UI_SP_3XL);
  } else if (e && e->kind == KS_KIND_ACHIEVEMENT) {
    char year[64];
    ui_year_of(f, e, year, sizeof year);
    ui_stack_text(&st, year, UI_TYPE_DISPLAY, 1, KS_GOLD, UI_SP_XL);
  } else if (e) {
    char date[64];
    ui_format_date(f, e->date, date, sizeof date);
    ui_stack_text(&st, date, UI_TYPE_DISPLAY, 1, KS_CORAL, UI_SP_XL);
  }
  if (e) {
    ui_stack_text(&st, tr(f, &e->title), UI_TYPE_HERO, 2, KS_TEXT, UI_SP_L);
    summary(f, e, left, st.y, w * 4 / 5, bottom);
  }
  /* Fade in from the background. */
  if (s->slide_time < FADE_SECONDS) {
    ks_color veil = KS_BG;
    veil.a = (uint8_t)(255.0f * (1.0f - s->slide_time / FADE_SECONDS));
    ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, f->h}, veil);
  }
}

static void enter(ks_ui *ui, void *state, const ui_memo *back) {
  (void)back;
  attract *s = state;
  s->count = highlights(ui);
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

static bool tick(ks_ui *ui, void *state, float dt) {
  (void)ui;
  attract *s = state;
  float before = s->slide_time;
  s->slide_time += dt;
  if (s->slide_time >= SLIDE_SECONDS) { /* the next highlight */
    s->slide = s->count ? (s->slide + 1) % s->count : 0;
    s->slide_time = 0;
    return true;
  }
  return before < FADE_SECONDS; /* frames only while fading in */
}

static int wait_ms(const ks_ui *ui, const void *state) {
  (void)ui;
  const attract *s = state;
  return (int)((SLIDE_SECONDS - s->slide_time) * 1000) + 1;
}

const ui_screen ui_screen_attract = {.name = "attract",
                                     .state_size = sizeof(attract),
                                     .enter = enter,
                                     .input = input,
                                     .tick = tick,
                                     .wait_ms = wait_ms,
                                     .draw = draw};
