/* Names beside map pins (include/kiosk/maplabels.h): a greedy placement that keeps the rule
 * with every name placed before, and the rule itself, checked apart from the placement. */
#include "kiosk/maplabels.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The squared distance from (x, y) to the box (0 inside it). */
static float box_dist2(ks_rect r, float x, float y) {
  float dx = x < (float)r.x ? (float)r.x - x : x > (float)(r.x + r.w) ? x - (float)(r.x + r.w) : 0;
  float dy = y < (float)r.y ? (float)r.y - y : y > (float)(r.y + r.h) ? y - (float)(r.y + r.h) : 0;
  return dx * dx + dy * dy;
}

/* Whether the boxes, each grown by `m` on every side, share an area. */
static bool boxes_meet(ks_rect a, ks_rect b, float m) {
  return (float)a.x - m < (float)(b.x + b.w) + m && (float)b.x - m < (float)(a.x + a.w) + m &&
         (float)a.y - m < (float)(b.y + b.h) + m && (float)b.y - m < (float)(a.y + a.h) + m;
}

static bool inside(ks_rect r, ks_rect panel) {
  return r.x >= panel.x && r.y >= panel.y && r.x + r.w <= panel.x + panel.w &&
         r.y + r.h <= panel.y + panel.h;
}

/* Whether the segment passes through the box grown by `m` (shrunk where `m` is negative):
 * Liang–Barsky clipping leaves some of it. */
static bool segment_meets_box(float x0, float y0, float x1, float y1, ks_rect r, float m) {
  float t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
  float p[4] = {-dx, dx, -dy, dy};
  float q[4] = {x0 - ((float)r.x - m), (float)(r.x + r.w) + m - x0, y0 - ((float)r.y - m),
                (float)(r.y + r.h) + m - y0};
  for (int k = 0; k < 4; k++) {
    if (p[k] == 0) {
      if (q[k] < 0)
        return false;
      continue;
    }
    float t = q[k] / p[k];
    if (p[k] < 0)
      t0 = t > t0 ? t : t0;
    else
      t1 = t < t1 ? t : t1;
    if (t0 > t1)
      return false;
  }
  return true;
}

static float turn(float ax, float ay, float bx, float by, float cx, float cy) {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/* Whether two segments cross (or touch). */
static bool segments_cross(const ks_label *a, const ks_label *b) {
  float d1 = turn(a->x0, a->y0, a->x1, a->y1, b->x0, b->y0);
  float d2 = turn(a->x0, a->y0, a->x1, a->y1, b->x1, b->y1);
  float d3 = turn(b->x0, b->y0, b->x1, b->y1, a->x0, a->y0);
  float d4 = turn(b->x0, b->y0, b->x1, b->y1, a->x1, a->y1);
  return ((d1 <= 0 && d2 >= 0) || (d1 >= 0 && d2 <= 0)) &&
         ((d3 <= 0 && d4 >= 0) || (d3 >= 0 && d4 <= 0));
}

/* The squared distance from (x, y) to the segment. */
static float segment_dist2(const ks_label *s, float x, float y) {
  float dx = s->x1 - s->x0, dy = s->y1 - s->y0, len2 = dx * dx + dy * dy;
  float t = len2 > 0 ? ((x - s->x0) * dx + (y - s->y0) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  float ex = s->x0 + t * dx - x, ey = s->y0 + t * dy - y;
  return ex * ex + ey * ey;
}

/* Whether pin i is nearer the box than every other pin by more than `margin` pixels. */
static bool nearest_own(const ks_label_pin *pins, size_t n, size_t i, ks_rect r, float margin) {
  float own = sqrtf(box_dist2(r, pins[i].x, pins[i].y));
  for (size_t j = 0; j < n; j++)
    if (j != i && sqrtf(box_dist2(r, pins[j].x, pins[j].y)) <= own + margin)
      return false;
  return true;
}

/* The leader from pin i's edge to the nearest point of box r. */
static void leader_to(const ks_label_pin *p, ks_rect r, ks_label *l) {
  float nx = p->x < (float)r.x ? (float)r.x : p->x > (float)(r.x + r.w) ? (float)(r.x + r.w) : p->x;
  float ny = p->y < (float)r.y ? (float)r.y : p->y > (float)(r.y + r.h) ? (float)(r.y + r.h) : p->y;
  float len = sqrtf((nx - p->x) * (nx - p->x) + (ny - p->y) * (ny - p->y));
  float r0 = len > 0 ? (p->r + 1) / len : 0;
  l->x0 = p->x + (nx - p->x) * r0, l->y0 = p->y + (ny - p->y) * r0;
  l->x1 = nx, l->y1 = ny;
}

/* Whether name i at `cand` keeps the rule, with `gap` to spare, beside the names placed before
 * (out[k] for the `n_done` pins in `done`). */
static bool fits(const ks_label_pin *pins, size_t n, size_t i, const ks_label *cand,
                 const ks_label *out, const size_t *done, size_t n_done, ks_rect panel, float gap) {
  if (!inside(cand->rect, panel))
    return false;
  for (size_t j = 0; j < n; j++) { /* covers no pin, and keeps a gap (half from its own) */
    float keep = pins[j].r + (j == i ? gap / 2 : gap);
    if (box_dist2(cand->rect, pins[j].x, pins[j].y) < keep * keep)
      return false;
  }
  for (size_t k = 0; k < n_done; k++) {
    const ks_label *o = &out[done[k]];
    if (boxes_meet(cand->rect, o->rect, gap / 2))
      return false;
    if (o->leader && segment_meets_box(o->x0, o->y0, o->x1, o->y1, cand->rect, gap / 2))
      return false;
    if (cand->leader &&
        (segment_meets_box(cand->x0, cand->y0, cand->x1, cand->y1, o->rect, gap / 2) ||
         (o->leader && segments_cross(cand, o))))
      return false;
  }
  if (cand->leader)
    for (size_t j = 0; j < n; j++) {
      float keep = pins[j].r + 1;
      if (j != i && segment_dist2(cand, pins[j].x, pins[j].y) < keep * keep)
        return false;
    }
  return true;
}

/* The box of a name whose side facing the pin passes through (ax, ay), the pin lying in
 * direction (-dx, -dy) from there: right of the point for a pin to its left, centred for one
 * straight above or below, and in between for the angles between. */
static ks_rect box_at(float ax, float ay, float dx, float dy, int w, int h) {
  float u = dx / 0.7f, v = dy / 0.7f;
  u = u > 1 ? 1 : u < -1 ? -1 : u, v = v > 1 ? 1 : v < -1 ? -1 : v;
  return (ks_rect){(int)lroundf(ax - (float)w * (1 - u) / 2),
                   (int)lroundf(ay - (float)h * (1 - v) / 2), w, h};
}

/* One greedy pass: the names in the order `order`, each at the first place beside its pin that
 * keeps the rule, else at the shortest leader of the nearest ring that does. */
static size_t place_in_order(const ks_label_pin *pins, size_t n, const size_t *order, ks_rect panel,
                             float gap, ks_label *out, size_t *done) {
  /* Beside the pin: right, left, above, below, then the four corners. */
  static const float beside[8][2] = {{1, 0},        {-1, 0},        {0, -1},      {0, 1},
                                     {0.7f, -0.7f}, {-0.7f, -0.7f}, {0.7f, 0.7f}, {-0.7f, 0.7f}};
  /* Farther out, with a leader: rings of 32 directions. */
  static const float reach[] = {1.6f, 2.3f, 3.2f, 4.3f, 5.6f, 7.2f, 9.2f, 12, 15, 19};
  enum { AROUND = 32 };
  size_t n_done = 0;
  for (size_t i = 0; i < n; i++)
    out[i] = (ks_label){0};
  for (size_t o = 0; o < n; o++) {
    size_t i = order[o];
    const ks_label_pin *p = &pins[i];
    if (p->w <= 0 || p->h <= 0)
      continue;
    float d0 = p->r + gap;
    for (int k = 0; k < 8 && !out[i].placed; k++) {
      ks_label cand = {.placed = true};
      cand.rect = box_at(p->x + beside[k][0] * d0, p->y + beside[k][1] * d0, beside[k][0],
                         beside[k][1], p->w, p->h);
      /* Beside the pin a name must be plainly its pin's. */
      if (nearest_own(pins, n, i, cand.rect, gap) &&
          fits(pins, n, i, &cand, out, done, n_done, panel, gap))
        out[i] = cand;
    }
    /* A name that need not be there keeps near its pin: a long leader across the map for a
     * city a tap names too costs the map more than it says. */
    size_t rings = p->must ? sizeof reach / sizeof *reach : 3;
    for (size_t ring = 0; ring < rings && !out[i].placed; ring++) {
      float best = INFINITY;
      for (int k = 0; k < AROUND; k++) {
        float a = (float)k * 6.2831853f / AROUND, dx = cosf(a), dy = sinf(a);
        float d = d0 * reach[ring];
        ks_label cand = {.placed = true, .leader = true};
        cand.rect = box_at(p->x + dx * d, p->y + dy * d, dx, dy, p->w, p->h);
        leader_to(p, cand.rect, &cand);
        float len = hypotf(cand.x1 - cand.x0, cand.y1 - cand.y0);
        if (len < best && fits(pins, n, i, &cand, out, done, n_done, panel, gap))
          out[i] = cand, best = len;
      }
    }
    if (out[i].placed)
      done[n_done++] = i;
  }
  return n_done;
}

size_t ks_labels_place(const ks_label_pin *pins, size_t n, ks_rect panel, float gap,
                       ks_label *out) {
  if (n > KS_LABELS_MAX)
    n = KS_LABELS_MAX;
  size_t order[KS_LABELS_MAX], done[KS_LABELS_MAX], best_must = 0, best = 0;
  ks_label trial[KS_LABELS_MAX];
  for (size_t i = 0; i < n; i++)
    order[i] = i;
  /* A name that must be there and found no place goes first in the next pass (the names placed
   * before it took its room): a few passes, the one naming most of them kept. */
  for (int pass = 0; pass < 4; pass++) {
    size_t placed = place_in_order(pins, n, order, panel, gap, trial, done), must = 0;
    for (size_t i = 0; i < n; i++)
      must += pins[i].must && trial[i].placed;
    if (pass == 0 || must > best_must || (must == best_must && placed > best)) {
      memcpy(out, trial, n * sizeof *out);
      best_must = must, best = placed;
    }
    size_t front = 0, missing = 0, next[KS_LABELS_MAX];
    for (size_t o = 0; o < n; o++) /* the missing ones first, in their order, then the rest */
      if (pins[order[o]].must && !trial[order[o]].placed)
        next[front++] = order[o], missing++;
    if (!missing)
      break;
    for (size_t o = 0; o < n; o++)
      if (!(pins[order[o]].must && !trial[order[o]].placed))
        next[front++] = order[o];
    memcpy(order, next, n * sizeof *order);
  }
  return best;
}

size_t ks_labels_check(const ks_label_pin *pins, size_t n, const ks_label *labels, ks_rect panel,
                       char *why, size_t why_size) {
  for (size_t i = 0; i < n; i++) {
    const ks_label *l = &labels[i];
    if (!l->placed)
      continue;
    const char *wrong = NULL;
    size_t other = SIZE_MAX;
    if (!inside(l->rect, panel))
      wrong = "lies outside the panel";
    for (size_t j = 0; j < n && !wrong; j++)
      if (box_dist2(l->rect, pins[j].x, pins[j].y) < pins[j].r * pins[j].r * 0.98f)
        wrong = "covers pin", other = j;
    for (size_t j = 0; j < n && !wrong; j++)
      if (j != i && labels[j].placed && boxes_meet(l->rect, labels[j].rect, -0.01f))
        wrong = "overlaps the name of pin", other = j;
    if (!wrong && !l->leader && !nearest_own(pins, n, i, l->rect, 0)) {
      wrong = "is not nearer its own pin than pin";
      float own = box_dist2(l->rect, pins[i].x, pins[i].y);
      for (size_t j = 0; j < n && other == SIZE_MAX; j++)
        if (j != i && box_dist2(l->rect, pins[j].x, pins[j].y) <= own)
          other = j;
    }
    if (!wrong && l->leader) {
      /* It starts at its pin's edge and ends on its name's box. */
      float sx = l->x0 - pins[i].x, sy = l->y0 - pins[i].y, r1 = pins[i].r + 2.5f;
      if (sx * sx + sy * sy > r1 * r1 || box_dist2(l->rect, l->x1, l->y1) > 1.0f)
        wrong = "has a leader that does not join it to its pin";
      for (size_t j = 0; j < n && !wrong; j++) {
        if (j == i || !labels[j].placed)
          continue;
        if (segment_meets_box(l->x0, l->y0, l->x1, l->y1, labels[j].rect, -0.5f))
          wrong = "has a leader across the name of pin", other = j;
        else if (labels[j].leader && segments_cross(l, &labels[j]))
          wrong = "has a leader that crosses the leader of pin", other = j;
      }
      for (size_t j = 0; j < n && !wrong; j++)
        if (j != i && segment_dist2(l, pins[j].x, pins[j].y) < pins[j].r * pins[j].r * 0.98f)
          wrong = "has a leader across pin", other = j;
    }
    if (wrong) {
      if (other != SIZE_MAX)
        snprintf(why, why_size, "the name of pin %zu at (%d, %d %dx%d) %s %zu", i, l->rect.x,
                 l->rect.y, l->rect.w, l->rect.h, wrong, other);
      else
        snprintf(why, why_size, "the name of pin %zu at (%d, %d %dx%d) %s", i, l->rect.x, l->rect.y,
                 l->rect.w, l->rect.h, wrong);
      return i;
    }
  }
  if (why_size)
    why[0] = '\0';
  return SIZE_MAX;
}
