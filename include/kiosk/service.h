/* The kiosk as it runs in a hall: the pack the data folder shows (or the bundled one) in a
 * fullscreen window, a watch on the mount points for sticks carrying packs, installs on a thread
 * of their own with the screens reloaded in place, visitor statistics, and systemd's watchdog
 * fed from the render loop. */
#ifndef KIOSK_SERVICE_H
#define KIOSK_SERVICE_H

#include "kiosk/config.h"
#include "kiosk/window.h"

#include <stdbool.h>
#include <stdint.h>

/* How the kiosk runs: the configuration file with the command line's overrides applied. */
typedef struct {
  ks_config config;
  const char *pack;      /* a pack to show instead of the installed or the bundled one */
  bool windowed;         /* a window instead of fullscreen */
  const char *fonts_dir; /* NULL: the bundled fonts beside the binary */
  /* Tests and `kiosk bench` only: a headless window (SDL's offscreen driver), the run ended
   * after `max_ms` (0: when the window closes), and `probe` called at every tick of the loop
   * with the window, to read its figures or push input. */
  bool headless;
  uint64_t max_ms;
  void (*probe)(void *ctx, ks_window *win);
  void *probe_ctx;
} ks_service_opts;

/* Shows the pack's screens until the window is closed; outside the configuration's opening hours
 * ([schedule]) the display is dark until a touch lights it for wake_minutes. The hours are read
 * on the system's local clock; for tests only, KIOSK_TEST_NOW=YYYY-MM-DDTHH:MM[:SS] sets the clock
 * to that wall-clock time at the start (it runs on from there). Returns the process's exit status:
 * 0 after the window closed, 1 when nothing could be shown (said on stderr). */
int ks_service_run(const ks_service_opts *opts);

#endif
