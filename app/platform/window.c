#include "kiosk/window.h"

#include "kiosk/mem.h"

#include <SDL.h>
#include <SDL_syswm.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xf86drmMode.h>

/* At rest the loop wakes every IDLE_SLEEP_MS to look for input (SDL 2.26 on KMS/DRM has no
 * blocking wait that does not poll every millisecond): ~25 wake-ups a second, and a first touch
 * after a rest is seen within 40 ms. */
enum { IDLE_SLEEP_MS = 40 };
/* While dark (the kiosk closed) it looks for a touch only four times a second: a touch lights it
 * within a quarter of a second, and a closed night costs next to nothing. */
enum { DARK_SLEEP_MS = 250 };

struct ks_window {
  SDL_Window *window;
  SDL_Renderer *renderer;
  bool mouse_down;
  int rotation; /* degrees clockwise */
  bool first_frame_twice;
  ks_window_stats stats;
  /* When the event queue was last found empty, and the latest time handed on: a finger lifted
   * while a slow frame was being drawn is read only after it, with that later time; it was
   * lifted no earlier than `drained_ms`, which is the time its lift is given, so that a tap is
   * not taken for a long press because the kiosk was busy (SDL 2 gives no kernel times). */
  uint32_t drained_ms, last_ms;
  float last_px, last_py; /* the physical pixel the last touch handed on was at */
  bool dark;              /* ks_window_set_dark: black, the panel off where it can be */
};

ks_window *ks_window_open(const ks_window_opts *opts, char *err, size_t err_size) {
  /* Touch and mouse are told apart by the kiosk itself: no synthesised copies either way. */
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  if (opts->headless) {
    /* Without this the offscreen driver loads Mesa: ~119 MB instead of ~28. */
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
  }
  if (SDL_InitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    snprintf(err, err_size, "cannot start video: %s", SDL_GetError());
    return NULL;
  }
  /* On KMS/DRM, SDL 2.26 picks its desktop-GL renderer over the GLES library that EGL gives and
   * then draws nothing but the clear colour (seen booting the .deb in a VM); GLES 2 is also what
   * a Pi's GPU speaks. The first frame presented there shows only once a second one is. */
  const char *driver = SDL_GetCurrentVideoDriver();
  bool kms = driver && strcmp(driver, "KMSDRM") == 0;
  if (kms && !SDL_GetHint(SDL_HINT_RENDER_DRIVER))
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
  Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI |
                 (opts->fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);
  /* Fullscreen windows are created at the display's bounds too: under X11 without a window
   * manager nobody honours the fullscreen request, and the window must still cover the screen. */
  SDL_Rect at = {SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opts->width, opts->height};
  if (opts->fullscreen && SDL_GetDisplayBounds(0, &at) != 0)
    at = (SDL_Rect){SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opts->width, opts->height};
  if (opts->fullscreen)
    flags |= SDL_WINDOW_BORDERLESS;
  SDL_Window *w = SDL_CreateWindow("Exhibit Kiosk", at.x, at.y, at.w, at.h, flags);
  if (!w) {
    snprintf(err, err_size, "cannot open a window: %s", SDL_GetError());
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    return NULL;
  }
  SDL_Renderer *r = SDL_CreateRenderer(w, -1, SDL_RENDERER_PRESENTVSYNC);
  if (!r) {
    snprintf(err, err_size, "cannot create a renderer: %s", SDL_GetError());
    SDL_DestroyWindow(w);
    SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
    return NULL;
  }
  SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
  if (opts->fullscreen)
    SDL_ShowCursor(SDL_DISABLE);
  ks_window *win = ks_xcalloc(1, sizeof *win);
  win->window = w;
  win->renderer = r;
  win->rotation = opts->rotation % 90 == 0 ? ((opts->rotation % 360) + 360) % 360 : 0;
  win->first_frame_twice = kms;
  return win;
}

void ks_window_close(ks_window *win) {
  if (!win)
    return;
  SDL_DestroyRenderer(win->renderer);
  SDL_DestroyWindow(win->window);
  SDL_QuitSubSystem(SDL_INIT_VIDEO | SDL_INIT_EVENTS);
  free(win);
}

SDL_Renderer *ks_window_renderer(ks_window *win) { return win->renderer; }

void ks_window_size(const ks_window *win, int *width, int *height) {
  SDL_GetRendererOutputSize(win->renderer, width, height);
}

uint64_t ks_window_ticks(void) { return SDL_GetTicks64(); }

double ks_window_refresh_hz(const ks_window *win) {
  SDL_DisplayMode mode = {0};
  int display = SDL_GetWindowDisplayIndex(win->window);
  if (display < 0 || SDL_GetCurrentDisplayMode(display, &mode) != 0)
    return 0;
  return mode.refresh_rate > 0 ? mode.refresh_rate : 0;
}

int ks_window_rotation(const ks_window *win) { return win->rotation; }

bool ks_window_first_frame_twice(const ks_window *win) { return win->first_frame_twice; }

/* Physical pixels to the logical frame the screens are laid out in (undoing the rotation), in
 * screen-relative units: 1.0 is the short side. This is where touches enter the kiosk: a place
 * that is not a number (a broken driver's) is none — false, and the event is dropped — except
 * for a lift, which takes the last place handed on; a place off the screen is clamped to its
 * edge. So what the gesture machine and the screens get is always a point on the screen. */
static bool to_units(ks_window *win, bool lift, float px, float py, float *x, float *y) {
  int w, h;
  ks_window_size(win, &w, &h);
  if (!isfinite(px) || !isfinite(py)) {
    if (!lift)
      return false;
    px = win->last_px, py = win->last_py;
  }
  px = fminf(fmaxf(px, 0), (float)w), py = fminf(fmaxf(py, 0), (float)h);
  win->last_px = px, win->last_py = py;
  float s = (float)(w < h ? w : h), lx = px, ly = py;
  switch (win->rotation) {
  case 90:
    lx = py, ly = (float)w - px;
    break;
  case 180:
    lx = (float)w - px, ly = (float)h - py;
    break;
  case 270:
    lx = (float)h - py, ly = px;
    break;
  default:
    break;
  }
  *x = lx / s;
  *y = ly / s;
  return true;
}

/* The time a touch event is handed on with: SDL's (when it read the event), but a lift at the
 * earliest moment it can have happened, and never earlier than the events before it. */
static uint32_t event_time(ks_window *win, uint32_t sdl_ms, bool lift) {
  uint32_t t = lift && win->drained_ms < sdl_ms ? win->drained_ms : sdl_ms;
  if (t < win->last_ms)
    t = win->last_ms;
  return win->last_ms = t;
}

/* Translates one SDL event; returns false for events the kiosk does not use. */
static bool translate(ks_window *win, const SDL_Event *ev, ks_input *in) {
  int w, h;
  ks_window_size(win, &w, &h);
  switch (ev->type) {
  case SDL_QUIT:
    in->type = KS_INPUT_QUIT;
    return true;
  case SDL_WINDOWEVENT:
    if (ev->window.event != SDL_WINDOWEVENT_SIZE_CHANGED &&
        ev->window.event != SDL_WINDOWEVENT_EXPOSED)
      return false;
    in->type = KS_INPUT_RESIZED;
    return true;
  case SDL_FINGERDOWN:
  case SDL_FINGERMOTION:
  case SDL_FINGERUP: {
    in->type = KS_INPUT_TOUCH;
    in->touch.type = ev->type == SDL_FINGERDOWN ? KS_TOUCH_DOWN
                     : ev->type == SDL_FINGERUP ? KS_TOUCH_UP
                                                : KS_TOUCH_MOVE;
    in->touch.finger = (int64_t)ev->tfinger.fingerId;
    if (!to_units(win, ev->type == SDL_FINGERUP, ev->tfinger.x * (float)w, ev->tfinger.y * (float)h,
                  &in->touch.x, &in->touch.y))
      return false;
    in->touch.t_ms = event_time(win, ev->tfinger.timestamp, ev->type == SDL_FINGERUP);
    return true;
  }
  case SDL_MOUSEBUTTONDOWN:
  case SDL_MOUSEBUTTONUP:
  case SDL_MOUSEMOTION: {
    if (ev->type == SDL_MOUSEMOTION && !win->mouse_down)
      return false;
    if (ev->type != SDL_MOUSEMOTION && ev->button.button != SDL_BUTTON_LEFT)
      return false;
    win->mouse_down =
        ev->type == SDL_MOUSEBUTTONDOWN || (ev->type == SDL_MOUSEMOTION && win->mouse_down);
    in->type = KS_INPUT_TOUCH;
    in->touch.type = ev->type == SDL_MOUSEBUTTONDOWN ? KS_TOUCH_DOWN
                     : ev->type == SDL_MOUSEBUTTONUP ? KS_TOUCH_UP
                                                     : KS_TOUCH_MOVE;
    in->touch.finger = -1;
    in->touch.t_ms = event_time(win, ev->common.timestamp, ev->type == SDL_MOUSEBUTTONUP);
    /* Window coordinates to drawable pixels (they differ on high-DPI displays). */
    int ww, wh;
    SDL_GetWindowSize(win->window, &ww, &wh);
    float sx = ww ? (float)w / (float)ww : 1, sy = wh ? (float)h / (float)wh : 1;
    int mx = ev->type == SDL_MOUSEMOTION ? ev->motion.x : ev->button.x;
    int my = ev->type == SDL_MOUSEMOTION ? ev->motion.y : ev->button.y;
    return to_units(win, true, (float)mx * sx, (float)my * sy, &in->touch.x, &in->touch.y);
  }
  case SDL_KEYDOWN:
    switch (ev->key.keysym.sym) {
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
    case SDLK_AC_BACK:
      in->key = KS_KEY_BACK;
      break;
    case SDLK_HOME:
    case SDLK_h:
      in->key = KS_KEY_HOME;
      break;
    case SDLK_l:
      in->key = KS_KEY_LANG;
      break;
    default:
      return false;
    }
    in->type = KS_INPUT_KEY;
    return true;
  default:
    return false;
  }
}

size_t ks_window_poll(ks_window *win, int timeout_ms, ks_input *out, size_t cap) {
  size_t n = 0;
  uint64_t until = SDL_GetTicks64() + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
  for (;;) {
    SDL_Event ev;
    bool more = true;
    while (n < cap && (more = SDL_PollEvent(&ev)))
      if (translate(win, &ev, &out[n]))
        n++;
    win->stats.wakeups++;
    uint64_t now = SDL_GetTicks64();
    if (!more)
      win->drained_ms = (uint32_t)now; /* all that happened before now has been read */
    if (n > 0 || now >= until)
      return n;
    uint64_t left = until - now;
    uint64_t step = win->dark ? DARK_SLEEP_MS : IDLE_SLEEP_MS;
    SDL_Delay((Uint32)(left < step ? left : step));
  }
}

void ks_window_present(ks_window *win) {
  SDL_RenderPresent(win->renderer);
  win->stats.presents++;
}

ks_window_stats ks_window_stats_get(const ks_window *win) { return win->stats; }

void ks_window_describe(const ks_window *win, char *out, size_t size) {
  SDL_RendererInfo info = {0};
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(win->renderer, &w, &h);
  SDL_GetRendererInfo(win->renderer, &info);
  const char *driver = SDL_GetCurrentVideoDriver();
  snprintf(out, size, "%s %dx%d, renderer %s", driver ? driver : "?", w, h,
           info.name ? info.name : "?");
}

/* The DRM device SDL drives and its first connected connector (SDL's display 0, the one the
 * kiosk fills), read without a new probe of the monitor (drmModeGetConnectorCurrent: a probe can
 * take a second). NULL where SDL does not drive KMS/DRM or nothing is connected. */
static drmModeConnector *drm_display(SDL_Window *window, int *fd) {
  SDL_SysWMinfo info;
  SDL_VERSION(&info.version);
  if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_KMSDRM ||
      info.info.kmsdrm.drm_fd < 0)
    return NULL;
  *fd = info.info.kmsdrm.drm_fd;
  drmModeRes *res = drmModeGetResources(*fd);
  drmModeConnector *found = NULL;
  for (int i = 0; res && i < res->count_connectors && !found; i++) {
    drmModeConnector *c = drmModeGetConnectorCurrent(*fd, res->connectors[i]);
    if (c && c->connection == DRM_MODE_CONNECTED && c->count_modes > 0)
      found = c;
    else
      drmModeFreeConnector(c);
  }
  drmModeFreeResources(res);
  return found;
}

/* The size of one physical pixel of the window's display in millimetres, from the DRM
 * connector's EDID size (mmWidth, mmHeight) and its current mode. SDL 2.26's own display DPI is
 * not relied on for it. */
static bool drm_pixel_mm(SDL_Window *window, float *px_w_mm, float *px_h_mm) {
  int fd;
  drmModeConnector *c = drm_display(window, &fd);
  if (!c)
    return false;
  drmModeEncoder *e = c->encoder_id ? drmModeGetEncoder(fd, c->encoder_id) : NULL;
  drmModeCrtc *crtc = e && e->crtc_id ? drmModeGetCrtc(fd, e->crtc_id) : NULL;
  const drmModeModeInfo *m = crtc && crtc->mode_valid ? &crtc->mode : &c->modes[0];
  if (c->mmWidth >= 10 && c->mmHeight >= 10 && m->hdisplay > 0 && m->vdisplay > 0) {
    *px_w_mm = (float)c->mmWidth / (float)m->hdisplay;
    *px_h_mm = (float)c->mmHeight / (float)m->vdisplay;
  }
  drmModeFreeCrtc(crtc);
  drmModeFreeEncoder(e);
  drmModeFreeConnector(c);
  return *px_w_mm > 0;
}

/* Switches the panel off or on through its connector's DPMS property, on the DRM device SDL
 * drives (SDL 2 has no call for it; SDL is the device's master, so the kernel takes it from its
 * file descriptor). False where there is no DRM connector or the driver refuses. */
static bool drm_dpms(SDL_Window *window, bool on) {
  int fd;
  drmModeConnector *c = drm_display(window, &fd);
  bool done = false;
  for (int i = 0; c && i < c->count_props && !done; i++) {
    drmModePropertyRes *prop = drmModeGetProperty(fd, c->props[i]);
    if (prop && strcmp(prop->name, "DPMS") == 0)
      done = drmModeConnectorSetProperty(fd, c->connector_id, prop->prop_id,
                                         on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF) == 0;
    drmModeFreeProperty(prop);
  }
  drmModeFreeConnector(c);
  return done;
}

void ks_window_set_dark(ks_window *win, bool dark) {
  if (dark == win->dark)
    return;
  win->dark = dark;
  if (dark) {
    /* Black first: where the panel cannot be switched off (X11, Wayland, a driver without DPMS)
     * it shows black, and where it can, it comes back black rather than with the last frame. */
    SDL_SetRenderDrawColor(win->renderer, 0, 0, 0, 255);
    SDL_RenderClear(win->renderer);
    ks_window_present(win);
  }
  if (!drm_dpms(win->window, !dark) && dark)
    fprintf(stderr, "kiosk: the display shows black (no DPMS on this display)\n");
}

/* The same from SDL's display DPI (X11 and Wayland from the output's size, where the window
 * system knows it), per pixel of the display's mode. */
static bool dpi_pixel_mm(SDL_Window *window, float *px_w_mm, float *px_h_mm) {
  int display = SDL_GetWindowDisplayIndex(window);
  float hdpi = 0, vdpi = 0;
  if (display < 0 || SDL_GetDisplayDPI(display, NULL, &hdpi, &vdpi) != 0 || !isfinite(hdpi) ||
      !isfinite(vdpi) || !(hdpi > 1) || !(vdpi > 1))
    return false;
  *px_w_mm = 25.4f / hdpi;
  *px_h_mm = 25.4f / vdpi;
  return true;
}

bool ks_window_panel_mm(const ks_window *win, float *w_mm, float *h_mm) {
  *w_mm = *h_mm = 0;
  float pw = 0, ph = 0;
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(win->renderer, &w, &h);
  if (w <= 0 || h <= 0 ||
      !(drm_pixel_mm(win->window, &pw, &ph) || dpi_pixel_mm(win->window, &pw, &ph)))
    return false;
  /* The drawable's pixels at the display's size per pixel: the whole panel when fullscreen. */
  *w_mm = (float)w * pw;
  *h_mm = (float)h * ph;
  return true;
}
