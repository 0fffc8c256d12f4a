/* One-axis kinetic scrolling: follows a drag, continues a fling with inertia that decays like a
 * phone's, resists being pulled past an edge and springs back (the edge bounce). Pure arithmetic
 * on a value type; the caller steps it by the display's real frame time. */
#ifndef KIOSK_SCROLLER_H
#define KIOSK_SCROLLER_H

#include <stdbool.h>

/* Velocity decays as exp(-t / tau): a fling loses 95 % of its speed in about 1 s. */
#define KS_SCROLL_FRICTION_TAU 0.33f
/* Past an edge a drag moves the content this fraction of the finger's movement. */
#define KS_SCROLL_EDGE_RESISTANCE 0.4f
/* The spring that pulls content back inside its bounds (per second squared per unit), and its
 * damping; critically damped, so it settles without wobbling. */
#define KS_SCROLL_SPRING 120.0f
/* Below this speed (units per second) and within bounds, motion stops. */
#define KS_SCROLL_REST_SPEED 1.0f
/* No drag, speed or overshoot beyond this many units is taken (a finger moves a few thousand
 * pixels a second); values that are not numbers are not taken at all. */
#define KS_SCROLL_LIMIT 1e6f

typedef struct {
  float pos;      /* current offset */
  float vel;      /* units per second */
  float min, max; /* the offsets the content may rest at */
  bool held;      /* a finger is on it */
} ks_scroller;

void ks_scroller_init(ks_scroller *s, float min, float max);
/* Changes the bounds (the content or the viewport changed size); motion continues. */
void ks_scroller_set_bounds(ks_scroller *s, float min, float max);
/* A finger took hold: motion stops under it. */
void ks_scroller_hold(ks_scroller *s);
/* The finger moved the content by `delta` (resisted past an edge). */
void ks_scroller_drag(ks_scroller *s, float delta);
/* The finger let go with `velocity` (units per second; 0 for a plain release). */
void ks_scroller_release(ks_scroller *s, float velocity);
/* Sets the content gliding to `target` (kept within the bounds) as a fling would, with the
 * speed that friction brings to rest there: a tap on the timeline's years travels in time the
 * way a finger does. */
void ks_scroller_glide_to(ks_scroller *s, float target);
/* Advances the motion by `dt` seconds. Returns true while it is still moving, i.e. while the
 * screen needs another frame. */
bool ks_scroller_step(ks_scroller *s, float dt);

#endif
