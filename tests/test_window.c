#include "test_support.h"

#include "kiosk/gesture.h"
#include "kiosk/window.h"

#include <SDL2/SDL.h>

/* The window's input translation, on SDL's offscreen driver with events pushed into SDL's queue
 * as a touch panel's would arrive. */
static int setup(void **state) {
  char err[256];
  ks_window_opts opts = {.width = 640, .height = 360, .headless = true};
  ks_window *win = ks_window_open(&opts, err, sizeof err);
  if (!win)
    fail_msg("%s", err);
  *state = win;
  return 0;
}

static int teardown(void **state) {
  ks_window_close(*state);
  return 0;
}

static void push_finger(Uint32 type) {
  SDL_Event ev = {.tfinger = {.type = type, .touchId = 1, .fingerId = 7, .x = 0.5f, .y = 0.5f}};
  assert_int_equal(SDL_PushEvent(&ev), 1);
}

/* Reads the one touch waiting and feeds it to `m`; returns the last gesture it completed. */
static ks_gesture_type read_touch(ks_window *win, ks_gesture_machine *m, ks_touch *touch) {
  ks_input in[4];
  size_t n = ks_window_poll(win, 0, in, 4);
  assert_int_equal(n, 1);
  assert_int_equal(in[0].type, KS_INPUT_TOUCH);
  *touch = in[0].touch;
  ks_gesture g[4];
  size_t k = ks_gesture_feed(m, touch, g);
  assert_true(k > 0);
  return g[k - 1].type;
}

/* A quick tap while the kiosk was busy drawing a slow frame (0.8 s) is read only after that
 * frame: it is still a tap, not a press held too long. */
static void a_tap_during_a_slow_frame_is_a_tap(void **state) {
  ks_window *win = *state;
  ks_gesture_machine *m = ks_gesture_create();
  ks_touch down, up;
  push_finger(SDL_FINGERDOWN);
  assert_int_equal(read_touch(win, m, &down), KS_GESTURE_PRESS);
  SDL_Delay(800); /* the slow frame: nobody reads input */
  push_finger(SDL_FINGERUP);
  assert_int_equal(read_touch(win, m, &up), KS_GESTURE_TAP);
  assert_true(up.t_ms >= down.t_ms && up.t_ms - down.t_ms < 100);
  ks_gesture_destroy(m);
}

/* A finger held still while the kiosk was watching (it read its input all along) is a press
 * held too long, as before. */
static void a_finger_held_while_watched_is_no_tap(void **state) {
  ks_window *win = *state;
  ks_gesture_machine *m = ks_gesture_create();
  ks_touch down, up;
  push_finger(SDL_FINGERDOWN);
  assert_int_equal(read_touch(win, m, &down), KS_GESTURE_PRESS);
  ks_input in[4];
  assert_int_equal(ks_window_poll(win, 800, in, 4), 0); /* at rest, looking every 40 ms */
  push_finger(SDL_FINGERUP);
  assert_int_equal(read_touch(win, m, &up), KS_GESTURE_CANCEL);
  assert_true(up.t_ms - down.t_ms >= 700);
  ks_gesture_destroy(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(a_tap_during_a_slow_frame_is_a_tap, setup, teardown),
      cmocka_unit_test_setup_teardown(a_finger_held_while_watched_is_no_tap, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
