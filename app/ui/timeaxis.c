/* Time drawn as time: the timeline's years laid out with the years without events as gaps, and
 * the strip of its years under the timeline and on home (ui_year_strip). */
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

/* The strip of the timeline's years (ui_private.h): home's and the timeline's foot. */
static float year_x(float x0, float pitch, int years_after_first) {
  return x0 + pitch * (float)years_after_first;
}

void ui_year_strip(const frame *f, ks_rect a, ks_color accent, int from, int to, bool seek) {
  const ks_ui *ui = f->ui;
  int first = ui->years.first_year, last = ui->years.last_year, most = ui->years.year_most;
  if (!first || last <= first || last - first >= KS_MAX_YEARS)
    return;
  f->ui->pictures++;
  const int *count = ui->years.year_count;
  float inset = (float)sz(f, UI_SP_XS);
  float x0 = (float)a.x + inset, x1 = (float)(a.x + a.w) - inset;
  /* The axis, at the bottom; the years' names under it. */
  float y = (float)(a.y + a.h - sz(f, UI_SP_S) - ui_line_height(f, UI_TYPE_SMALL));
  float room = y - (float)a.y - inset;
  float step = fminf((float)sz(f, UI_DOT_STEP), room / (float)most),
        r = fminf((float)sz(f, UI_SP_XS), step / 2);
  float pitch = (x1 - x0) / (float)(last - first);
  if (from && to >= from) { /* the years in view (or an event's year), behind the dots */
    float l = year_x(x0, pitch, from - first) - pitch / 2,
          rr = year_x(x0, pitch, to - first) + pitch / 2;
    ks_gfx_fill_round_rect(f->gfx, (ks_rect){(int)l, a.y, (int)(rr - l), a.h}, sz(f, UI_SP_S),
                           KS_CARD_PRESSED);
  }
  float axis[4] = {x0, y, x1, y};
  ks_gfx_polyline(f->gfx, axis, 2, (float)sz(f, UI_LINE_W), KS_TEXT_DIM);
  for (int k = 0; k <= last - first; k++) {
    if (r >= (float)sz(f, UI_STROKE)) {
      for (int n = 0; n < count[k]; n++)
        ks_gfx_fill_circle(f->gfx, year_x(x0, pitch, k), y - step * (float)n, r, accent);
    } else if (count[k]) { /* too many to stack as dots: a bar as tall as the stack would be */
      int bw = (int)fminf((float)sz(f, UI_SP_S), pitch * 0.6f),
          bh = (int)(room * (float)count[k] / (float)most);
      bh = bh > bw ? bh : bw;
      ks_gfx_fill_round_rect(
          f->gfx, (ks_rect){(int)year_x(x0, pitch, k) - bw / 2, (int)y - bh, bw, bh + bw / 2},
          bw / 2, accent);
    }
  }
  /* With `seek`, the whole strip answers a tap: each year with events takes the columns from
   * halfway to the year with events before it to halfway to the one after, so a finger between
   * two years goes to the nearer. Where years crowd (a small panel), a place narrower than a
   * finger takes in the years after it until it is wide enough, and goes to the first. */
  int span = last - first;
  float least = (float)ui_mm(f, UI_TARGET_MIN_MM);
  for (int k = 0, prev = -1; seek && k <= span;) {
    if (!count[k]) {
      k++;
      continue;
    }
    float l = prev < 0 ? (float)a.x : year_x(x0, pitch, prev) + pitch * (float)(k - prev) / 2;
    int end = k, next = k;
    float rr;
    do {
      end = next, next = end + 1;
      while (next <= span && !count[next])
        next++;
      rr = next > span ? (float)(a.x + a.w)
                       : year_x(x0, pitch, end) + pitch * (float)(next - end) / 2;
      /* and the years at the end too, where they would be left a place too narrow */
    } while (next <= span && (rr - l < least || (float)(a.x + a.w) - rr < least));
    char *label = f->ui->year_labels[k]; /* the years it takes a finger to */
    if (end > k)
      snprintf(label, sizeof f->ui->year_labels[k], "%d\u2013%d", first + k, first + end);
    else
      snprintf(label, sizeof f->ui->year_labels[k], "%d", first + k);
    ui_add_hit(
        f, (ks_rect){(int)l, a.y, (int)rr - (int)l, a.h}, /* edge to edge, not over */
        (action){.kind = ACT_SEEK, .exhibit = ui_id_at(ui, KS_KIND_EVENT, ui->years.year_first[k])},
        label);
    prev = end, k = next;
  }
  /* Year names: the first and last, and with `seek` every fifth between where there is room. */
  char label[16];
  int gap = sz(f, UI_SP_L), left_end = a.x - gap, right_start;
  snprintf(label, sizeof label, "%d", last);
  int lw = ui_text_width(f, label, UI_TYPE_SMALL);
  right_start = a.x + a.w - lw;
  ui_text(f, label, UI_TYPE_SMALL, right_start, (int)y + sz(f, UI_SP_S), lw + 1, 1, KS_TEXT_DIM);
  for (int year = first; year < last; year++) {
    if (year != first && (!seek || year % 5 != 0))
      continue;
    snprintf(label, sizeof label, "%d", year);
    int w = ui_text_width(f, label, UI_TYPE_SMALL);
    int x = year == first ? a.x : (int)year_x(x0, pitch, year - first) - w / 2;
    if (x < left_end + gap || x + w > right_start - gap)
      continue;
    ui_text(f, label, UI_TYPE_SMALL, x, (int)y + sz(f, UI_SP_S), w + 1, 1, KS_TEXT_DIM);
    left_end = x + w;
  }
}
