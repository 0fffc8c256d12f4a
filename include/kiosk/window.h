/* The kiosk's window: fullscreen on KMS/DRM, X11 or Wayland through SDL, with input translated
 * into the kiosk's own terms (normalised touches and a few keys). The only place that includes
 * SDL's event and video headers. */
#ifndef KIOSK_WINDOW_H
#define KIOSK_WINDOW_H

#include "kiosk/gesture.h"
#include "kiosk/gfx.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  bool fullscreen; /* else a window of width×height, for development */
  int width, height;
  bool headless; /* SDL's offscreen video driver without GPU acceleration (benchmarks, CI) */
  int rotation;  /* 0, 90, 180 or 270 degrees clockwise, applied by the kiosk itself */
} ks_window_opts;

/* What the window did since it opened: for the idle budget. */
typedef struct {
  uint64_t presents; /* frames shown */
  uint64_t wakeups;  /* times the loop woke from a sleep or found input */
} ks_window_stats;

typedef enum { KS_INPUT_TOUCH, KS_INPUT_KEY, KS_INPUT_RESIZED, KS_INPUT_QUIT } ks_input_type;
typedef enum { KS_KEY_BACK, KS_KEY_HOME, KS_KEY_LANG } ks_key;

typedef struct {
  ks_input_type type;
  ks_touch touch; /* KS_INPUT_TOUCH; the mouse is finger -1 */
  ks_key key;     /* KS_INPUT_KEY */
} ks_input;

typedef struct ks_window ks_window;

ks_window *ks_window_open(const ks_window_opts *opts, char *err, size_t err_size);
void ks_window_close(ks_window *win);
SDL_Renderer *ks_window_renderer(ks_window *win);
/* Size of the drawable in physical pixels. */
void ks_window_size(const ks_window *win, int *width, int *height);
/* The rotation drawing must apply (ks_gfx_set_rotation); touches arrive already turned back. */
int ks_window_rotation(const ks_window *win);
/* True where the first frame presented is not shown until a second one is (SDL 2.26 on KMS/DRM
 * with Mesa): the loop then presents its first frame twice, or a kiosk at rest would stay dark. */
bool ks_window_first_frame_twice(const ks_window *win);
/* Collects waiting input into `out` (at most `cap`). With none waiting, waits up to
 * `timeout_ms` in sleeps of at most 40 ms, so that an idle kiosk wakes ~25 times a second. */
size_t ks_window_poll(ks_window *win, int timeout_ms, ks_input *out, size_t cap);
void ks_window_present(ks_window *win);
/* Dark (the kiosk closed): presents one black frame and switches the panel off where it can (DPMS
 * off on KMS/DRM; black stays elsewhere), and ks_window_poll then looks for input only every
 * 250 ms. Not dark: the panel on again; the caller presents the next frame. */
void ks_window_set_dark(ks_window *win, bool dark);
/* One line for the log saying what the picture is drawn with: video driver, size in pixels,
 * renderer ("KMSDRM 1920x1080, renderer opengles2"). */
void ks_window_describe(const ks_window *win, char *out, size_t size);
ks_window_stats ks_window_stats_get(const ks_window *win);
/* The panel's physical size in millimetres, as the display says (before the kiosk's rotation):
 * the DRM connector's on KMS/DRM, else from SDL's display DPI. False, with 0, 0, when the
 * display does not say (SDL's offscreen driver, a projector, a broken EDID). */
bool ks_window_panel_mm(const ks_window *win, float *w_mm, float *h_mm);
/* The display's refresh rate in Hz as SDL knows it; 0 when unknown (SDL's offscreen driver). */
double ks_window_refresh_hz(const ks_window *win);
/* Milliseconds since start, monotonic. */
uint64_t ks_window_ticks(void);

#endif
