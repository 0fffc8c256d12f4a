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
  int tick_ms;
  void *ctx;
} ks_kiosk_hooks;

/* Runs the loop: input to gestures to the UI, a frame only when something changed, and at rest
 * sleeps until input or the UI's next deadline. Returns when the window is closed or, when
 * `max_ms` > 0, after that many milliseconds. `hooks` may be NULL. Returns the UI on screen at
 * the end: `ui`, or the last one the hooks handed over. */
ks_ui *ks_kiosk_run(ks_window *win, ks_ui *ui, uint64_t max_ms, const ks_kiosk_hooks *hooks);

#endif
