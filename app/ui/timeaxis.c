/* Time drawn as time: the timeline's years laid out with the years without events as gaps. */
#include "timeaxis.h"

#include <math.h>
#include <stdio.h>

int ui_time_gap_w(int empty, int pitch) {
  if (empty <= 0 || pitch <= 0)
    return 0;
  /* log2 of a count of years from 1 to a few hundred: a width within a few pitches. */
  float w = 0.3f * (float)pitch * (1.0f + log2f((float)empty));
  return ui_px(w);
}

void ui_time_axis_count(ui_time_axis *a, ks_ui *ui) {
  size_t counts[UI_TIME_YEARS];
  a->n = ks_store_years(ui->store, a->year, counts, UI_TIME_YEARS);
  size_t before = 0;
  for (size_t k = 0; k < a->n; k++) {
    a->first[k] = before;
    a->count[k] = counts[k];
    before += counts[k];
  }
  a->pitch = 0;
}

void ui_time_axis_layout(ui_time_axis *a, int pitch) {
  a->pitch = pitch > 0 ? pitch : 1;
  int64_t x = 0;
  for (size_t k = 0; k < a->n; k++) {
    if (k > 0) {
      /* Years ascend as the store counts them; a pack's cannot be otherwise, but an index is
       * never trusted: a descent is no gap. */
      int empty = a->year[k] > a->year[k - 1] ? a->year[k] - a->year[k - 1] - 1 : 0;
      x += (int64_t)a->count[k - 1] * a->pitch + ui_time_gap_w(empty, a->pitch);
    }
    a->x[k] = x;
  }
}

/* The last of `a`'s years whose first event is at place `v` of the list or before it (`by_x`
 * false), or whose first card starts at `v` or before it (true); 0 when none is. */
static size_t last_year_to(const ui_time_axis *a, bool by_x, int64_t v) {
  size_t lo = 0, hi = a->n; /* the answer is below hi */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if ((by_x ? a->x[mid] : (int64_t)a->first[mid]) <= v)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

size_t ui_time_axis_year_of(const ui_time_axis *a, size_t i) {
  return last_year_to(a, false, i < (size_t)INT64_MAX ? (int64_t)i : INT64_MAX);
}

int64_t ui_time_axis_x(const ui_time_axis *a, size_t i) {
  if (a->n == 0)
    return (int64_t)i * a->pitch;
  size_t k = ui_time_axis_year_of(a, i);
  return a->x[k] + (int64_t)(i - a->first[k]) * a->pitch;
}

size_t ui_time_axis_at(const ui_time_axis *a, int64_t x) {
  if (x <= 0 || a->pitch <= 0)
    return 0;
  size_t lo = last_year_to(a, true, x);
  if (a->n == 0)
    return (size_t)(x / a->pitch);
  /* Within its cards, or in the gap after them: then its last card. */
  int64_t in = (x - a->x[lo]) / a->pitch;
  size_t last = a->count[lo] ? a->count[lo] - 1 : 0;
  if (lo + 1 == a->n) /* the list may go on past what was counted: the last year's cards */
    return a->first[lo] + (size_t)in;
  return a->first[lo] + ((size_t)in < last ? (size_t)in : last);
}

int64_t ui_time_axis_end(const ui_time_axis *a, size_t k) {
  return k < a->n ? a->x[k] + (int64_t)a->count[k] * a->pitch : 0;
}

void ui_time_gap_label(int from, int to, char *out, size_t size) {
  if (to > from)
    snprintf(out, size, "%d\u2013%d", from, to);
  else
    snprintf(out, size, "%d", from);
}

void ui_time_break(const frame *f, float cx, float y, ks_color c) {
  /* 4 mm tall on any panel: spacing has no floor, and on a 7" panel the mark would be a dot. */
  int tall = sz(f, UI_SP_M) > ui_mm(f, 4.0f) ? sz(f, UI_SP_M) : ui_mm(f, 4.0f);
  float s = (float)tall, lw = (float)sz(f, UI_LINE_W);
  float half = s * 0.3f; /* the cut: wide enough to read as one, narrow beside a year */
  ks_gfx_fill_rect(f->gfx,
                   (ks_rect){(int)(cx - half), (int)(y - lw * 2), (int)(2 * half), (int)(lw * 4)},
                   KS_BG);
  for (int side = -1; side <= 1; side += 2) {
    float x = cx + (float)side * half;
    float stroke[4] = {x - s * 0.25f, y + s * 0.5f, x + s * 0.25f, y - s * 0.5f};
    ks_gfx_polyline(f->gfx, stroke, 2, (float)sz(f, UI_STROKE), c);
  }
}
