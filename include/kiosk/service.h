/* The kiosk as it runs in a hall: the pack the data folder shows (or the bundled one) in a
 * fullscreen window, a watch on the mount points for sticks carrying packs, installs on a thread
 * of their own with the screens reloaded in place, visitor statistics, and systemd's watchdog
 * fed from the render loop. */
#ifndef KIOSK_SERVICE_H
#define KIOSK_SERVICE_H

#include "kiosk/config.h"

#include <stdbool.h>

/* How the kiosk runs: the configuration file with the command line's overrides applied. */
typedef struct {
  ks_config config;
  const char *pack; /* a pack to show instead of the installed or the bundled one */
  bool windowed;    /* a window instead of fullscreen */
} ks_service_opts;

/* Shows the pack's screens until the window is closed. Returns the process's exit status: 0
 * after the window closed, 1 when nothing could be shown (said on stderr). */
int ks_service_run(const ks_service_opts *opts);

#endif
