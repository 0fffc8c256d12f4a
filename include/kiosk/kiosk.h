/* The running kiosk: a pack's content shown in a window, fed by input, until told to stop.
 * `kiosk` runs it fullscreen; `kiosk bench` runs the same loop headless to measure it. */
#ifndef KIOSK_KIOSK_H
#define KIOSK_KIOSK_H

#include "kiosk/ui.h"
#include "kiosk/window.h"

#include <stdbool.h>
#include <stdint.h>

/* Runs the loop: input to gestures to the UI, a frame only when something changed, and at rest
 * sleeps until input or the UI's next deadline. Returns when the window is closed or, when
 * `max_ms` > 0, after that many milliseconds. `first_frame` (may be NULL) is called once, right
 * after the first frame is presented. */
void ks_kiosk_run(ks_window *win, ks_ui *ui, uint64_t max_ms, void (*first_frame)(void *ctx),
                  void *ctx);

#endif
