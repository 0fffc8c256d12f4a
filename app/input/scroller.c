#include "kiosk/scroller.h"

#include <math.h>

/* Integration step: small enough that the edge spring is stable at any frame rate. */
#define STEP 0.002f
/* The longest time one step advances: a longer stall (a frame of a minute on a slow board) is at
 * rest by then, and a time that is not a number would loop forever. */
#define MAX_DT 10.0f

/* What the scroller is given comes from touches and layouts: a value that is not a number is
 * taken as `otherwise`, and a finite one is kept within ±KS_SCROLL_LIMIT, so that position and
 * velocity stay finite whatever arrives (the spring's force, 120 × overshoot, included). */
static float tame(float v, float otherwise) {
  return isfinite(v) ? fminf(fmaxf(v, -KS_SCROLL_LIMIT), KS_SCROLL_LIMIT) : otherwise;
}

void ks_scroller_init(ks_scroller *s, float min, float max) {
  *s = (ks_scroller){0};
  ks_scroller_set_bounds(s, min, max);
  s->pos = s->min;
}

void ks_scroller_set_bounds(ks_scroller *s, float min, float max) {
  /* Bounds are content sizes, which may exceed the limit on movement, but no content is a
   * billion pixels long: kept within that, a glide's speed across them stays finite too. */
  const float extent = 1e9f;
  s->min = isfinite(min) ? fminf(fmaxf(min, -extent), extent) : 0;
  s->max = isfinite(max) && max > s->min ? fminf(max, extent) : s->min;
}

void ks_scroller_hold(ks_scroller *s) {
  s->held = true;
  s->vel = 0;
}

void ks_scroller_drag(ks_scroller *s, float delta) {
  delta = tame(delta, 0);
  /* The part of the movement that lies inside the bounds is followed; the rest is resisted. */
  float room = delta < 0 ? fmaxf(0, s->pos - s->min) : fmaxf(0, s->max - s->pos);
  float amount = fabsf(delta);
  float moved = amount <= room ? amount : room + (amount - room) * KS_SCROLL_EDGE_RESISTANCE;
  s->pos += delta < 0 ? -moved : moved;
  s->pos = fminf(fmaxf(s->pos, s->min - KS_SCROLL_LIMIT), s->max + KS_SCROLL_LIMIT);
}

void ks_scroller_release(ks_scroller *s, float velocity) {
  s->held = false;
  s->vel = tame(velocity, 0);
}

void ks_scroller_glide_to(ks_scroller *s, float target) {
  target = isfinite(target) ? fminf(fmaxf(target, s->min), s->max) : s->pos;
  /* Each step multiplies the speed by `decay`, then moves by speed × STEP: a speed v travels
   * v × STEP × decay / (1 − decay) in all. */
  const float decay = expf(-STEP / KS_SCROLL_FRICTION_TAU);
  s->held = false;
  s->vel = (target - s->pos) * (1 - decay) / (STEP * decay);
}

/* How far outside the bounds, signed; 0 inside. */
static float overshoot(const ks_scroller *s) {
  return s->pos < s->min ? s->pos - s->min : s->pos > s->max ? s->pos - s->max : 0;
}

bool ks_scroller_step(ks_scroller *s, float dt) {
  if (s->held)
    return false;
  dt = isfinite(dt) ? fminf(dt, MAX_DT) : 0;
  const float damping = 2.0f * sqrtf(KS_SCROLL_SPRING); /* critical */
  const float decay = expf(-STEP / KS_SCROLL_FRICTION_TAU);
  for (float t = 0; t < dt; t += STEP) {
    float h = dt - t < STEP ? dt - t : STEP;
    float over = overshoot(s);
    if (over != 0) {
      /* Outside: a damped spring pulls back to the edge (semi-implicit Euler, stable at h). */
      s->vel += (-KS_SCROLL_SPRING * over - damping * s->vel) * h;
    } else {
      s->vel *= h == STEP ? decay : expf(-h / KS_SCROLL_FRICTION_TAU);
    }
    s->pos += s->vel * h;
  }
  float over = overshoot(s);
  if (fabsf(s->vel) < KS_SCROLL_REST_SPEED && fabsf(over) < 0.5f) {
    s->vel = 0;
    s->pos -= over; /* settle exactly on the edge */
    return false;
  }
  return true;
}
