/* Touch gesture recognition as a pure state machine: normalised touch events in, gestures out.
 * No SDL here; the platform layer translates its events. One finger at a time is followed — the
 * first one down — so that a second visitor's hand on the glass never confuses a gesture.
 *
 * Coordinates are in screen-relative units: 1.0 is the length of the screen's short side, so the
 * thresholds below mean the same on a 7-inch panel and a 4K wall. */
#ifndef KIOSK_GESTURE_H
#define KIOSK_GESTURE_H

#include <stddef.h>
#include <stdint.h>

/* Movement within this distance of the touch-down point is still a tap (finger jitter). */
#define KS_GESTURE_TAP_SLOP 0.025f
/* A touch held longer than this without moving is not a tap (it is a press and hold). */
#define KS_GESTURE_TAP_MAX_MS 600u
/* A release faster than this (units per second) throws the content: a fling. */
#define KS_GESTURE_FLING_MIN_SPEED 0.35f
/* A mostly horizontal fling that travelled at least this far is also a swipe between pages. */
#define KS_GESTURE_SWIPE_MIN_DISTANCE 0.12f
/* Velocity is measured over the touch samples of this last stretch of time. */
#define KS_GESTURE_VELOCITY_WINDOW_MS 100u
/* Touch positions are clamped to within this many units of the origin (no screen is sixteen
 * times as long as it is wide), so what a broken driver or script hands on stays finite. */
#define KS_GESTURE_MAX_COORD 16.0f

typedef enum { KS_TOUCH_DOWN, KS_TOUCH_MOVE, KS_TOUCH_UP, KS_TOUCH_CANCEL } ks_touch_type;

typedef struct {
  ks_touch_type type;
  int64_t finger; /* identifies the finger across its events */
  float x, y;     /* screen-relative units (see above), already rotated to the screen's frame */
  uint32_t t_ms;  /* event time in milliseconds, non-decreasing */
} ks_touch;

typedef enum {
  KS_GESTURE_PRESS,      /* a finger is down: draw press feedback now */
  KS_GESTURE_CANCEL,     /* the press became something else, or the touch was cancelled */
  KS_GESTURE_TAP,        /* down and up in place: activate what is under (x, y) */
  KS_GESTURE_DRAG_START, /* the finger left the tap slop */
  KS_GESTURE_DRAG,       /* moved by (dx, dy) */
  KS_GESTURE_DRAG_END,   /* let go; (vx, vy) is the release velocity */
  KS_GESTURE_FLING,      /* let go fast: continue with (vx, vy) and inertia */
  KS_GESTURE_SWIPE_LEFT, /* a fast horizontal throw to the left: next page */
  KS_GESTURE_SWIPE_RIGHT,
} ks_gesture_type;

typedef struct {
  ks_gesture_type type;
  float x, y;   /* where the finger is (for TAP and PRESS, where it went down) */
  float dx, dy; /* movement since the previous DRAG (DRAG only) */
  float vx, vy; /* units per second (DRAG_END, FLING, SWIPE) */
} ks_gesture;

typedef struct ks_gesture_machine ks_gesture_machine;

ks_gesture_machine *ks_gesture_create(void);
void ks_gesture_destroy(ks_gesture_machine *m);
/* Feeds one touch event and writes the gestures it completes (at most 4) to `out`; returns how
 * many. Events of fingers other than the one being followed are ignored, and so is a down or a
 * move whose place is not a number (a lift then takes the finger's last place); positions are
 * clamped to ±KS_GESTURE_MAX_COORD. Every gesture written is finite. */
size_t ks_gesture_feed(ks_gesture_machine *m, const ks_touch *ev, ks_gesture out[4]);
/* Forgets the finger being followed (the screen changed under it, or the kiosk went idle). */
void ks_gesture_reset(ks_gesture_machine *m);

#endif
