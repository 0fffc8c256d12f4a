#include "kiosk/scroller.h"

#include <math.h>

/* Integration step: small enough that the edge spring is stable at any frame rate. */
#define STEP 0.002f

void ks_scroller_init(ks_scroller *s, float min, float max) {
  *s = (ks_scroller){.pos = min, .min = min, .max = max > min ? max : min};
}

void ks_scroller_set_bounds(ks_scroller *s, float min, float max) {
  s->min = min;
  s->max = max > min ? max : min;
}

void ks_scroller_hold(ks_scroller *s) {
  s->held = true;
  s->vel = 0;
}

void ks_scroller_drag(ks_scroller *s, float delta) {
  /* The part of the movement that lies inside the bounds is followed; the rest is resisted. */
  float room = delta < 0 ? fmaxf(0, s->pos - s->min) : fmaxf(0, s->max - s->pos);
  float amount = fabsf(delta);
  float moved = amount <= room ? amount : room + (amount - room) * KS_SCROLL_EDGE_RESISTANCE;
  s->pos += delta < 0 ? -moved : moved;
}

void ks_scroller_release(ks_scroller *s, float velocity) {
  s->held = false;
  s->vel = velocity;
}

void ks_scroller_glide_to(ks_scroller *s, float target) {
  target = fminf(fmaxf(target, s->min), s->max);
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
