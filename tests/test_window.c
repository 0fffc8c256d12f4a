#include "test_support.h"

#include "kiosk/gesture.h"
#include "kiosk/window.h"

#include <SDL2/SDL.h>
#include <math.h>

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

static void push_finger_at(Uint32 type, float x, float y) {
  SDL_Event ev = {.tfinger = {.type = type, .touchId = 1, .fingerId = 7, .x = x, .y = y}};
  assert_int_equal(SDL_PushEvent(&ev), 1);
}

static void push_finger(Uint32 type) { push_finger_at(type, 0.5f, 0.5f); }

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

/* A broken touch driver's coordinates (SDL hands them on as they come): a place that is not a
 * number is dropped, or for a lift the finger's last place is taken; a finite one far off the
 * screen is clamped to its edge. Whatever comes out is a point on the 640x360 screen: x in
 * 0…16/9, y in 0…1 screen units. */
static void touches_off_the_screen_are_clamped_or_dropped(void **state) {
  ks_window *win = *state;
  ks_input in[8];
  push_finger_at(SDL_FINGERDOWN, NAN, 0.5f);
  assert_int_equal(ks_window_poll(win, 0, in, 8), 0);
  push_finger_at(SDL_FINGERDOWN, 0.25f, 0.5f);
  push_finger_at(SDL_FINGERMOTION, 1e30f, -1e30f);
  push_finger_at(SDL_FINGERMOTION, -INFINITY, NAN);
  push_finger_at(SDL_FINGERUP, NAN, NAN);
  size_t n = ks_window_poll(win, 0, in, 8);
  assert_int_equal(n, 3); /* down, the clamped move, the lift (SDL itself clamps ±inf) */
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(in[i].type, KS_INPUT_TOUCH);
    assert_true(isfinite(in[i].touch.x) && isfinite(in[i].touch.y));
    assert_true(in[i].touch.x >= 0 && in[i].touch.x <= 640.0f / 360.0f + 1e-4f);
    assert_true(in[i].touch.y >= 0 && in[i].touch.y <= 1.0f + 1e-4f);
  }
  assert_true(fabsf(in[1].touch.x - 640.0f / 360.0f) < 1e-4f && in[1].touch.y == 0);
  assert_int_equal(in[2].touch.type, KS_TOUCH_UP);
  assert_true(in[2].touch.x == in[1].touch.x && in[2].touch.y == in[1].touch.y);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(a_tap_during_a_slow_frame_is_a_tap, setup, teardown),
      cmocka_unit_test_setup_teardown(a_finger_held_while_watched_is_no_tap, setup, teardown),
      cmocka_unit_test_setup_teardown(touches_off_the_screen_are_clamped_or_dropped, setup,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
