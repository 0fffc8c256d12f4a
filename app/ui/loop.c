#include "kiosk/kiosk.h"

#include "kiosk/gesture.h"
#include "kiosk/images.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Applies one input to the UI; returns true when the screen must be drawn again. */
static bool apply(ks_ui *ui, ks_gesture_machine *gm, const ks_input *in, bool *quit) {
  switch (in->type) {
  case KS_INPUT_QUIT:
    *quit = true;
    return false;
  case KS_INPUT_RESIZED:
    return true;
  case KS_INPUT_KEY:
    ks_gesture_reset(gm);
    return in->key == KS_KEY_BACK   ? ks_ui_back(ui)
           : in->key == KS_KEY_HOME ? ks_ui_home(ui)
                                    : ks_ui_toggle_lang(ui);
  case KS_INPUT_TOUCH: {
    ks_gesture g[4];
    size_t n = ks_gesture_feed(gm, &in->touch, g);
    bool changed = false;
    for (size_t i = 0; i < n; i++)
      changed |= ks_ui_gesture(ui, &g[i]);
    return changed;
  }
  }
  return false;
}

static uint64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void ks_pacer_init(ks_pacer *p, double refresh_hz) {
  if (!(isfinite(refresh_hz) && refresh_hz > 0 && refresh_hz <= 1000))
    refresh_hz = 60;
  *p = (ks_pacer){.period_us = (uint64_t)llround(1e6 / refresh_hz)};
}

uint64_t ks_pacer_wait_us(const ks_pacer *p, uint64_t now_us) {
  return p->earliest_us > now_us ? p->earliest_us - now_us : 0;
}

void ks_pacer_presented(ks_pacer *p, uint64_t begin_us, uint64_t end_us) {
  p->display_paces = end_us - begin_us >= p->period_us / 4;
  /* Where the display paces, the floor is an eighth of a period short of a period: a hold then
   * only follows a frame drawn much faster than the one before, and still presents before the
   * next refresh (the previous present began a draw's time after a refresh, and this one begins
   * no later than that draw's time after the next); a slow present wrongly taken for vsync
   * still caps the rate at 8/7 of the refresh. */
  p->earliest_us = begin_us + (p->display_paces ? p->period_us - p->period_us / 8 : p->period_us);
}

/* Sleeps `us` microseconds (not a busy wait). */
static void sleep_us(uint64_t us) {
  struct timespec ts = {(time_t)(us / 1000000u), (long)(us % 1000000u) * 1000};
  while (clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts) == EINTR)
    ;
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Asks the hooks whether the kiosk is to be dark now and follows: dark, the window goes black;
 * lit again, the UI shows home. True when it has just lit again. A window closed while dark
 * still ends the loop. */
static bool follow_dark(const ks_kiosk_hooks *hooks, ks_window *win, ks_ui *ui,
                        ks_gesture_machine *gm, const ks_input *in, size_t n, bool *dark,
                        bool *quit) {
  bool touched = false;
  for (size_t i = 0; i < n; i++) {
    touched |= in[i].type == KS_INPUT_TOUCH || in[i].type == KS_INPUT_KEY;
    *quit |= in[i].type == KS_INPUT_QUIT;
  }
  bool now_dark = hooks->dark(hooks->ctx, touched);
  if (now_dark == *dark)
    return false;
  *dark = now_dark;
  ks_window_set_dark(win, now_dark);
  ks_gesture_reset(gm);
  if (now_dark)
    return false;
  ks_ui_home(ui);
  return true;
}

ks_ui *ks_kiosk_run(ks_window *win, ks_ui *ui, uint64_t max_ms, const ks_kiosk_hooks *hooks) {
  ks_kiosk_hooks none = {0};
  if (!hooks)
    hooks = &none;
  bool first_pending = hooks->first_frame != NULL, presented_once = false;
  int w, h;
  ks_window_size(win, &w, &h);
  ks_gfx *gfx = ks_gfx_create(ks_window_renderer(win), w, h, 2);
  ks_gfx_set_rotation(gfx, ks_window_rotation(win));
  ks_gesture_machine *gm = ks_gesture_create();
  bool quit = false, dirty = true, moving = false, dark = false;
  ks_pacer pacer; /* at most a frame a refresh where presenting does not wait */
  ks_pacer_init(&pacer, ks_window_refresh_hz(win));
  uint64_t start = ks_window_ticks(), last = start;
  /* The display's real refresh, measured from back-to-back presents while something moves
   * (vsync paces them): animations step by elapsed time, so they follow any rate, 60 Hz or a
   * panel's 67; the figure is logged once for whoever sets the kiosk up. */
  uint64_t intervals[60], last_present = 0;
  size_t n_intervals = 0;
  bool refresh_logged = false;
  /* A first frame waited for is drawn however long the start takes: `max_ms` of 1 ("the first
   * frame, then stop") once ended the run before it where the set-up above took longer (under
   * callgrind, now and then), and no frame was drawn at all. */
  while (!quit && (max_ms == 0 || first_pending || ks_window_ticks() - start < max_ms)) {
    ks_input in[64];
    /* Busy only while something changes; at rest, sleep until input or until the UI next needs
     * time (its idle timeout, the next highlight), and at most a second. */
    int wait = dark ? -1 : ks_ui_wait_ms(ui);
    if (wait < 0 || wait > 1000)
      wait = 1000;
    if (hooks->tick && hooks->tick_ms > 0 && wait > hooks->tick_ms)
      wait = hooks->tick_ms;
    if (max_ms) {
      uint64_t spent = ks_window_ticks() - start, left = spent < max_ms ? max_ms - spent : 0;
      if ((uint64_t)wait > left)
        wait = (int)left;
    }
    size_t n = ks_window_poll(win, dirty || moving ? 0 : wait, in, 64);
    if (hooks->dark && follow_dark(hooks, win, ui, gm, in, n, &dark, &quit)) {
      dirty = true; /* lit again */
      n = 0;        /* the touch that lit it is not a tap on what it shows */
    }
    for (size_t i = 0; i < n && !dark; i++)
      dirty |= apply(ui, gm, &in[i], &quit);
    if (hooks->tick) {
      bool redraw = false;
      ks_ui *next = hooks->tick(hooks->ctx, ui, &redraw);
      dirty |= redraw;
      if (next && next != ui) {
        /* New content: the images and texts drawn from the old UI go with it. */
        ks_gfx_destroy(gfx);
        gfx = ks_gfx_create(ks_window_renderer(win), w, h, 2);
        ks_gfx_set_rotation(gfx, ks_window_rotation(win));
        ks_gesture_reset(gm);
        if (hooks->retire)
          hooks->retire(hooks->ctx, ui);
        ui = next;
        dirty = true;
      }
    }
    uint64_t now = ks_window_ticks();
    if (dark) { /* nothing moves and nothing is drawn; the UI's clock stands still */
      last = now;
      moving = dirty = false;
      if (first_pending) { /* started closed: the black frame is the first */
        hooks->first_frame(hooks->ctx);
        first_pending = false;
      }
      continue;
    }
    moving = ks_ui_tick(ui, (float)(now - last) / 1000.0f);
    dirty |= ks_images_changed(ks_gfx_images(gfx)); /* an image the worker finished */
    last = now;
    if (dirty || moving) {
      int nw, nh;
      ks_window_size(win, &nw, &nh);
      if (nw != w || nh != h) {
        ks_gfx_destroy(gfx);
        gfx = ks_gfx_create(ks_window_renderer(win), w = nw, h = nh, 2);
        ks_gfx_set_rotation(gfx, ks_window_rotation(win));
      }
      ks_ui_draw(ui, gfx);
      uint64_t hold = ks_pacer_wait_us(&pacer, now_us());
      if (hold)
        sleep_us(hold);
      uint64_t begin = now_us();
      ks_window_present(win); /* waits for vsync where the display has it */
      uint64_t presented = now_us();
      ks_pacer_presented(&pacer, begin, presented);
      /* The refresh is measured only where the display paces, not the pacer. */
      if (moving && last_present && pacer.display_paces && n_intervals < 60)
        intervals[n_intervals++] = presented - last_present;
      last_present = moving ? presented : 0;
      if (n_intervals == 60 && !refresh_logged) {
        qsort(intervals, 60, sizeof *intervals, cmp_u64);
        if (intervals[30] > 0)
          fprintf(stderr, "kiosk: the display refreshes every %.2f ms (%.1f Hz)\n",
                  (double)intervals[30] / 1000.0, 1e6 / (double)intervals[30]);
        refresh_logged = true;
      }
      dirty = false;
      if (first_pending) {
        hooks->first_frame(hooks->ctx);
        first_pending = false;
      }
      if (!presented_once && ks_window_first_frame_twice(win))
        dirty = true; /* the same frame again, so that the display shows it */
      presented_once = true;
    }
  }
  if (dark)
    ks_window_set_dark(win, false); /* whatever runs next finds the panel on */
  ks_gesture_destroy(gm);
  ks_gfx_destroy(gfx);
  return ui;
}
