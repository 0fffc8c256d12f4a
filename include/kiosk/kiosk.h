/* The running kiosk: a pack's content shown in a window, fed by input, until told to stop.
 * `kiosk` runs it fullscreen; `kiosk bench` runs the same loop headless to measure it. */
#ifndef KIOSK_KIOSK_H
#define KIOSK_KIOSK_H

#include "kiosk/ui.h"
#include "kiosk/window.h"

#include <stdbool.h>
#include <stdint.h>

/* What the kiosk around the loop wants to hear: all optional. */
typedef struct {
  /* Called once, right after the first frame is presented. */
  void (*first_frame)(void *ctx);
  /* Called at every wake-up, and at rest at least every `tick_ms`: the service's own work (a
   * watchdog, a stick to notice, an install to follow). Sets `*redraw` when the screen changed.
   * May return a new UI to show in place of `current` (new content): the loop then drops all it
   * drew from the old one and hands it back through `retire`, for the caller to free. */
  ks_ui *(*tick)(void *ctx, ks_ui *current, bool *redraw);
  void (*retire)(void *ctx, ks_ui *old);
  /* Called at every wake-up: true while the kiosk is to be dark (closed). `touched`: a touch or
   * a key came since the last call. While dark the loop presents one black frame
   * (ks_window_set_dark), then nothing; the UI gets neither input nor time (no attract loop);
   * `tick` still runs. When it lights again, the UI shows its home screen. */
  bool (*dark)(void *ctx, bool touched);
  int tick_ms;
  void *ctx;
} ks_kiosk_hooks;

/* The loop's frame pacing: a frame is presented at most once a refresh period even where
 * presenting does not wait for the display (SDL's software renderer, an offscreen buffer, a
 * driver whose vsync is broken: 133 frames a second seen on the software renderer, over 4,000 on
 * a GPU through an offscreen EGL buffer). Where presenting does wait (vsync works), the display
 * paces and the pacer holds a frame only so far that it still meets the next refresh. Pure: times
 * in microseconds of a monotonic clock, passed in. */
typedef struct {
  uint64_t period_us;   /* one refresh */
  uint64_t earliest_us; /* the next present may begin then, not before; 0: at once */
  bool display_paces;   /* the last present waited for the display */
} ks_pacer;

/* A pacer for a display refreshing `refresh_hz` times a second; 60 when unknown (0, negative,
 * not a number) or beyond 1000. */
void ks_pacer_init(ks_pacer *p, double refresh_hz);
/* How long to wait, at `now_us`, before presenting the frame just drawn. */
uint64_t ks_pacer_wait_us(const ks_pacer *p, uint64_t now_us);
/* Notes a present that began at `begin_us` and returned at `end_us`: one that took a quarter of
 * a period or more waited for the display. */
void ks_pacer_presented(ks_pacer *p, uint64_t begin_us, uint64_t end_us);

/* Runs the loop: input to gestures to the UI, a frame only when something changed, and at rest
 * sleeps until input or the UI's next deadline. Returns when the window is closed or, when
 * `max_ms` > 0, after that many milliseconds — but never before the first frame where the hooks
 * wait for it (first_frame). `hooks` may be NULL. Returns the UI on screen at
 * the end: `ui`, or the last one the hooks handed over. */
ks_ui *ks_kiosk_run(ks_window *win, ks_ui *ui, uint64_t max_ms, const ks_kiosk_hooks *hooks);

#endif
