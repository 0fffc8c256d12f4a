/* An event in time: the strip of the timeline around an event on its page — a short axis, the
 * event marked, its neighbours in the timeline's order marks a finger opens. Reads the few
 * events it shows, never the list. */
#include "timeaxis.h"

#include <stdio.h>

bool ui_timestrip_marks(const ks_ui *ui, const ks_exhibit *e, size_t side, ui_time_marks *out) {
  out->n = out->self = 0;
  out->more_before = out->more_after = false;
  size_t pos = ui_pos(ui, e), n = ui_count(ui, KS_KIND_EVENT);
  if (pos >= n)
    return false; /* its date is not a real one: it is not on the timeline */
  side = side < UI_STRIP_SIDE ? side : UI_STRIP_SIDE;
  size_t from = pos > side ? pos - side : 0, to = n - 1 - pos > side ? pos + side : n - 1;
  for (size_t i = from; i <= to; i++) {
    const char *id = i == pos ? e->id : ui_id_at(ui, KS_KIND_EVENT, i);
    if (!id)
      continue; /* past the list's end after all: nothing to mark */
    if (i == pos)
      out->self = out->n;
    out->mark[out->n++] =
        (ui_time_mark){id, ui_event_year(ui, i), i == pos ? e : ui_at(ui, KS_KIND_EVENT, i)};
  }
  ui_visit(ui, out->n);
  out->more_before = from > 0, out->more_after = to + 1 < n;
  return true;
}

/* The marks' centres across `w` from `x`: a slot each, and between two marks years apart the
 * timeline's gap for the years between (ui_time_gap_w, the slot as the pitch), all in `w`.
 * Returns the slot's width. */
static float place_marks(const ui_time_marks *m, int x, int w, float *cx) {
  float gaps = 0; /* in slots */
  for (size_t j = 1; j < m->n; j++)
    gaps += (float)ui_time_gap_w(m->mark[j].year - m->mark[j - 1].year - 1, 1000) / 1000.0f;
  float slot = (float)w / ((float)m->n + gaps);
  cx[0] = (float)x + slot / 2;
  for (size_t j = 1; j < m->n; j++)
    cx[j] = cx[j - 1] + slot +
            (float)ui_time_gap_w(m->mark[j].year - m->mark[j - 1].year - 1, 1000) / 1000.0f * slot;
  return slot;
}

int ui_timestrip(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  ui_time_marks m;
  if (!ui_timestrip_marks(f->ui, e, UI_STRIP_SIDE, &m) || m.n < 2)
    return 0; /* alone on the timeline: a dot on a line would say nothing */
  f->ui->pictures++;
  /* A slot wide enough for a finger and for its year's name; fewer neighbours where the column
   * has no room for all of them, dropped from the side with more. */
  int least = ui_mm(f, UI_TARGET_MIN_MM), year_w = ui_text_width(f, "0000", UI_TYPE_SMALL);
  least = least > year_w + 2 * sz(f, UI_SP_S) ? least : year_w + 2 * sz(f, UI_SP_S);
  float cx[UI_STRIP_MARKS];
  float slot = place_marks(&m, x, w, cx);
  while (slot < (float)least && m.n > 1) {
    bool drop_first = m.self > m.n - 1 - m.self;
    if (drop_first) {
      for (size_t j = 1; j < m.n; j++)
        m.mark[j - 1] = m.mark[j];
      m.self--, m.more_before = true;
    } else {
      m.more_after = true;
    }
    m.n--;
    slot = place_marks(&m, x, w, cx);
  }
  int y0 = y;
  y += ui_text(f, ui_say(f, "event.in_time"), UI_TYPE_SMALL, x, y, w, 1, KS_GOLD) + sz(f, UI_SP_XS);
  /* The row a finger touches: the marks on the axis, the years named under it. */
  int small = ui_line_height(f, UI_TYPE_SMALL);
  /* A mark's round button: within its slot with room either side for a gap's break. */
  int ring = sz(f, UI_TARGET) / 2 - sz(f, UI_SP_XXS);
  ring = (float)ring < slot * 0.36f ? ring : (int)(slot * 0.36f);
  float axis_y = (float)(y + ring + sz(f, UI_SP_XXS));
  int label_y = (int)axis_y + ring + sz(f, UI_SP_XS);
  int row_h = label_y + small - y;
  row_h = row_h > sz(f, UI_TARGET) ? row_h : sz(f, UI_TARGET);
  /* The axis, on past the first and last marks where the timeline goes on. */
  float ax0 = m.more_before ? (float)x : cx[0], ax1 = m.more_after ? (float)(x + w) : cx[m.n - 1];
  float axis[4] = {ax0, axis_y, ax1, axis_y};
  ks_gfx_polyline(f->gfx, axis, 2, (float)sz(f, UI_LINE_W), KS_TEXT_DIM);
  for (size_t j = 1; j < m.n; j++) /* years without events between two marks: a break */
    if (m.mark[j].year - m.mark[j - 1].year > 1)
      ui_time_break(f, (cx[j - 1] + cx[j]) / 2, axis_y, KS_TEXT_DIM);
  for (size_t j = 0; j < m.n; j++) {
    const ui_time_mark *k = &m.mark[j];
    if (j == m.self) { /* the event itself: large, ringed in white */
      ks_gfx_fill_circle(f->gfx, cx[j], axis_y, (float)ring * 0.75f, KS_TEXT);
      ks_gfx_fill_circle(f->gfx, cx[j], axis_y, (float)ring * 0.75f - (float)sz(f, UI_STROKE),
                         KS_CORAL);
      continue;
    }
    /* A neighbour: a round button on the axis with a dot, the whole slot answering. */
    ks_rect r = {(int)(cx[j] - slot / 2), y, (int)slot, row_h};
    bool pressed =
        k->e && ui_add_hit(f, r, (action){ACT_GO, KS_SCREEN_EVENT, k->e->id}, tr(f, &k->e->title));
    ks_gfx_fill_circle(f->gfx, cx[j], axis_y, (float)ring, pressed ? KS_TEXT : KS_CARD_PRESSED);
    ks_gfx_fill_circle(f->gfx, cx[j], axis_y, (float)sz(f, UI_DOT), KS_CORAL);
  }
  /* Each year named once, under the middle of its marks; the event's own in its colour. */
  for (size_t j = 0, run; j < m.n; j = run) {
    bool has_self = false;
    for (run = j; run < m.n && m.mark[run].year == m.mark[j].year; run++)
      has_self |= run == m.self;
    char label[16];
    snprintf(label, sizeof label, "%d", m.mark[j].year);
    int lw = ui_text_width(f, label, UI_TYPE_SMALL);
    int mid = (int)((cx[j] + cx[run - 1]) / 2);
    ui_text(f, label, UI_TYPE_SMALL, mid - lw / 2, label_y, lw + 1, 1,
            has_self ? KS_CORAL : KS_TEXT_DIM);
  }
  return y + row_h + sz(f, UI_SP_L) - y0;
}
