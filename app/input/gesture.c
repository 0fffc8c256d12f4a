#include "kiosk/gesture.h"

#include "kiosk/mem.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

enum { HISTORY = 16 }; /* touch samples kept for the velocity estimate */

typedef struct {
  float x, y;
  uint32_t t_ms;
} sample;

typedef enum { IDLE, PRESSED, DRAGGING } phase;

struct ks_gesture_machine {
  phase phase;
  int64_t finger;          /* the finger followed, when not IDLE */
  float down_x, down_y;    /* where it went down */
  uint32_t down_ms;        /* when */
  float last_x, last_y;    /* where the last DRAG left it */
  sample history[HISTORY]; /* ring of recent samples, newest at head */
  size_t head, count;
};

ks_gesture_machine *ks_gesture_create(void) { return ks_xcalloc(1, sizeof(ks_gesture_machine)); }

void ks_gesture_destroy(ks_gesture_machine *m) { free(m); }

void ks_gesture_reset(ks_gesture_machine *m) { m->phase = IDLE; }

static void remember(ks_gesture_machine *m, const ks_touch *ev) {
  m->head = (m->head + 1) % HISTORY;
  m->history[m->head] = (sample){ev->x, ev->y, ev->t_ms};
  if (m->count < HISTORY)
    m->count++;
}

/* Release velocity: the displacement across the samples of the last velocity window, divided
 * by their time span. A finger that stopped before lifting has (near) zero velocity. */
static void velocity(const ks_gesture_machine *m, uint32_t now, float *vx, float *vy) {
  *vx = *vy = 0;
  const sample *newest = &m->history[m->head];
  const sample *oldest = newest;
  for (size_t i = 1; i < m->count; i++) {
    const sample *s = &m->history[(m->head + HISTORY - i) % HISTORY];
    if (now - s->t_ms > KS_GESTURE_VELOCITY_WINDOW_MS)
      break;
    oldest = s;
  }
  uint32_t span = newest->t_ms - oldest->t_ms;
  if (span == 0 || now - newest->t_ms > KS_GESTURE_VELOCITY_WINDOW_MS)
    return;
  *vx = (newest->x - oldest->x) * 1000.0f / (float)span;
  *vy = (newest->y - oldest->y) * 1000.0f / (float)span;
}

static ks_gesture make(ks_gesture_type type, float x, float y) {
  return (ks_gesture){.type = type, .x = x, .y = y};
}

/* A finger went down with nothing followed: follow it. Writes one gesture. */
static size_t start_press(ks_gesture_machine *m, const ks_touch *ev, ks_gesture *out) {
  m->phase = PRESSED;
  m->finger = ev->finger;
  m->down_x = m->last_x = ev->x;
  m->down_y = m->last_y = ev->y;
  m->down_ms = ev->t_ms;
  m->count = 0;
  remember(m, ev);
  *out = make(KS_GESTURE_PRESS, ev->x, ev->y);
  return 1;
}

size_t ks_gesture_feed(ks_gesture_machine *m, const ks_touch *touch, ks_gesture out[4]) {
  size_t n = 0;
  /* Touches enter here from drivers and scripts (the window clamps them too): a place that is
   * not a number is no place — the event is dropped, but a lift of the finger followed takes its
   * last place — and a finite one is clamped, so every gesture made below is finite. */
  ks_touch clamped = *touch;
  const ks_touch *ev = &clamped;
  if (!isfinite(ev->x) || !isfinite(ev->y)) {
    if (m->phase == IDLE || ev->type == KS_TOUCH_DOWN || ev->type == KS_TOUCH_MOVE)
      return 0;
    clamped.x = m->history[m->head].x, clamped.y = m->history[m->head].y;
  }
  clamped.x = fminf(fmaxf(clamped.x, -KS_GESTURE_MAX_COORD), KS_GESTURE_MAX_COORD);
  clamped.y = fminf(fmaxf(clamped.y, -KS_GESTURE_MAX_COORD), KS_GESTURE_MAX_COORD);
  if (m->phase == IDLE)
    return ev->type == KS_TOUCH_DOWN ? start_press(m, ev, out) : 0;
  if (ev->finger != m->finger)
    return 0; /* a second finger: someone else's hand */

  switch (ev->type) {
  case KS_TOUCH_DOWN: /* the same finger down again: its UP was lost; start over */
    out[n++] = make(KS_GESTURE_CANCEL, ev->x, ev->y);
    return n + start_press(m, ev, out + n);
  case KS_TOUCH_MOVE:
    remember(m, ev);
    if (m->phase == PRESSED && hypotf(ev->x - m->down_x, ev->y - m->down_y) > KS_GESTURE_TAP_SLOP) {
      m->phase = DRAGGING;
      out[n++] = make(KS_GESTURE_CANCEL, m->down_x, m->down_y);
      out[n++] = make(KS_GESTURE_DRAG_START, m->down_x, m->down_y);
    }
    if (m->phase == DRAGGING) {
      ks_gesture g = make(KS_GESTURE_DRAG, ev->x, ev->y);
      g.dx = ev->x - m->last_x;
      g.dy = ev->y - m->last_y;
      m->last_x = ev->x, m->last_y = ev->y;
      out[n++] = g;
    }
    return n;
  case KS_TOUCH_UP: {
    remember(m, ev);
    phase was = m->phase;
    m->phase = IDLE;
    if (was == PRESSED) {
      bool quick = ev->t_ms - m->down_ms <= KS_GESTURE_TAP_MAX_MS;
      out[n++] = make(quick ? KS_GESTURE_TAP : KS_GESTURE_CANCEL, m->down_x, m->down_y);
      return n;
    }
    ks_gesture end = make(KS_GESTURE_DRAG_END, ev->x, ev->y);
    velocity(m, ev->t_ms, &end.vx, &end.vy);
    out[n++] = end;
    float speed = hypotf(end.vx, end.vy);
    if (speed >= KS_GESTURE_FLING_MIN_SPEED) {
      ks_gesture fling = end;
      fling.type = KS_GESTURE_FLING;
      out[n++] = fling;
      float dx = ev->x - m->down_x, dy = ev->y - m->down_y;
      if (fabsf(end.vx) > 2.0f * fabsf(end.vy) && fabsf(dx) >= KS_GESTURE_SWIPE_MIN_DISTANCE &&
          fabsf(dx) > 2.0f * fabsf(dy)) {
        ks_gesture swipe = end;
        swipe.type = end.vx < 0 ? KS_GESTURE_SWIPE_LEFT : KS_GESTURE_SWIPE_RIGHT;
        out[n++] = swipe;
      }
    }
    return n;
  }
  case KS_TOUCH_CANCEL:
    out[n++] = make(m->phase == DRAGGING ? KS_GESTURE_DRAG_END : KS_GESTURE_CANCEL, ev->x, ev->y);
    m->phase = IDLE;
    return n;
  }
  return n;
}
