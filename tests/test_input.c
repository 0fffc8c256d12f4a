#include "test_support.h"

#include "kiosk/gesture.h"
#include "kiosk/scroller.h"

#include <math.h>

typedef struct {
  ks_gesture_machine *m;
  ks_gesture got[128];
  size_t n;
} rig;

static void feed(rig *r, ks_touch_type type, int64_t finger, float x, float y, uint32_t t) {
  ks_touch ev = {type, finger, x, y, t};
  r->n += ks_gesture_feed(r->m, &ev, r->got + r->n);
}

static int setup(void **state) {
  rig *r = calloc(1, sizeof *r);
  r->m = ks_gesture_create();
  *state = r;
  return 0;
}

static int teardown(void **state) {
  rig *r = *state;
  ks_gesture_destroy(r->m);
  free(r);
  return 0;
}

static void tap_within_slop(void **state) {
  rig *r = *state;
  feed(r, KS_TOUCH_DOWN, 1, 0.50f, 0.50f, 1000);
  feed(r, KS_TOUCH_MOVE, 1, 0.51f, 0.505f, 1040); /* jitter */
  feed(r, KS_TOUCH_UP, 1, 0.51f, 0.505f, 1120);
  assert_int_equal(r->n, 2);
  assert_int_equal(r->got[0].type, KS_GESTURE_PRESS);
  assert_int_equal(r->got[1].type, KS_GESTURE_TAP);
  assert_true(r->got[1].x == 0.50f);
}

static void held_too_long_is_no_tap(void **state) {
  rig *r = *state;
  feed(r, KS_TOUCH_DOWN, 1, 0.5f, 0.5f, 0);
  feed(r, KS_TOUCH_UP, 1, 0.5f, 0.5f, KS_GESTURE_TAP_MAX_MS + 1);
  assert_int_equal(r->n, 2);
  assert_int_equal(r->got[1].type, KS_GESTURE_CANCEL);
}

static void slow_drag_ends_without_fling(void **state) {
  rig *r = *state;
  feed(r, KS_TOUCH_DOWN, 7, 0.2f, 0.5f, 0);
  for (int i = 1; i <= 10; i++)
    feed(r, KS_TOUCH_MOVE, 7, 0.2f + 0.01f * (float)i, 0.5f, (uint32_t)(i * 100));
  feed(r, KS_TOUCH_UP, 7, 0.3f, 0.5f, 1100);
  /* PRESS, then CANCEL + DRAG_START when it left the slop, DRAGs, DRAG_END. */
  assert_int_equal(r->got[0].type, KS_GESTURE_PRESS);
  assert_int_equal(r->got[1].type, KS_GESTURE_CANCEL);
  assert_int_equal(r->got[2].type, KS_GESTURE_DRAG_START);
  float moved = 0;
  size_t drags = 0;
  for (size_t i = 0; i < r->n; i++)
    if (r->got[i].type == KS_GESTURE_DRAG)
      moved += r->got[i].dx, drags++;
  /* The content stays under the finger: the drags add up to its whole way, 0.2 → 0.3. */
  assert_true(fabsf(moved - 0.1f) < 1e-4f);
  assert_int_equal(r->got[r->n - 1].type, KS_GESTURE_DRAG_END);
  assert_true(fabsf(r->got[r->n - 1].vx) < KS_GESTURE_FLING_MIN_SPEED);
  assert_true(drags >= 7);
}

static void fast_horizontal_throw_flings_and_swipes(void **state) {
  rig *r = *state;
  feed(r, KS_TOUCH_DOWN, 1, 0.8f, 0.5f, 0);
  for (int i = 1; i <= 5; i++)
    feed(r, KS_TOUCH_MOVE, 1, 0.8f - 0.06f * (float)i, 0.5f, (uint32_t)(i * 16));
  feed(r, KS_TOUCH_UP, 1, 0.5f, 0.5f, 96);
  ks_gesture_type last3[3] = {r->got[r->n - 3].type, r->got[r->n - 2].type, r->got[r->n - 1].type};
  assert_int_equal(last3[0], KS_GESTURE_DRAG_END);
  assert_int_equal(last3[1], KS_GESTURE_FLING);
  assert_int_equal(last3[2], KS_GESTURE_SWIPE_LEFT);
  assert_true(r->got[r->n - 2].vx < -3.0f); /* 0.06 per 16 ms = 3.75 units/s */
}

static void finger_that_stops_before_lifting_does_not_fling(void **state) {
  rig *r = *state;
  feed(r, KS_TOUCH_DOWN, 1, 0.8f, 0.5f, 0);
  for (int i = 1; i <= 5; i++)
    feed(r, KS_TOUCH_MOVE, 1, 0.8f - 0.06f * (float)i, 0.5f, (uint32_t)(i * 16));
  feed(r, KS_TOUCH_UP, 1, 0.5f, 0.5f, 400); /* rested 300 ms */
  assert_int_equal(r->got[r->n - 1].type, KS_GESTURE_DRAG_END);
}

static void second_finger_is_ignored(void **state) {
  rig *r = *state;
  feed(r, KS_TOUCH_DOWN, 1, 0.5f, 0.5f, 0);
  feed(r, KS_TOUCH_DOWN, 2, 0.1f, 0.1f, 10);
  feed(r, KS_TOUCH_MOVE, 2, 0.9f, 0.9f, 20);
  feed(r, KS_TOUCH_UP, 2, 0.9f, 0.9f, 30);
  feed(r, KS_TOUCH_UP, 1, 0.5f, 0.5f, 80);
  assert_int_equal(r->n, 2);
  assert_int_equal(r->got[1].type, KS_GESTURE_TAP);
  /* And the second finger alone, after the first left, is followed normally. */
  feed(r, KS_TOUCH_DOWN, 2, 0.3f, 0.3f, 100);
  feed(r, KS_TOUCH_UP, 2, 0.3f, 0.3f, 150);
  assert_int_equal(r->got[r->n - 1].type, KS_GESTURE_TAP);
}

static void cancel_mid_drag_ends_it(void **state) {
  rig *r = *state;
  feed(r, KS_TOUCH_DOWN, 1, 0.5f, 0.5f, 0);
  feed(r, KS_TOUCH_MOVE, 1, 0.7f, 0.5f, 50);
  feed(r, KS_TOUCH_CANCEL, 1, 0.7f, 0.5f, 60);
  assert_int_equal(r->got[r->n - 1].type, KS_GESTURE_DRAG_END);
  feed(r, KS_TOUCH_UP, 1, 0.7f, 0.5f, 70); /* a stray UP after the cancel is nothing */
  assert_int_equal(r->got[r->n - 1].type, KS_GESTURE_DRAG_END);
}

/* A broken driver or a play script hands on coordinates that are huge, infinite or not numbers:
 * positions that are not numbers are dropped (a lift takes the finger's last place), finite ones
 * are clamped, and every gesture that comes out is finite and in range — and so is the list it
 * scrolls. */
static void hostile_coordinates_give_finite_gestures(void **state) {
  rig *r = *state;
  const float bad[] = {INFINITY, -INFINITY, NAN, 1e30f, -1e30f, 3.0e38f};
  const size_t n_bad = sizeof bad / sizeof *bad;
  uint32_t t = 1000;
  feed(r, KS_TOUCH_DOWN, 1, NAN, 0.5f, t);
  assert_int_equal(r->n, 0); /* not a place: no press */
  feed(r, KS_TOUCH_DOWN, 1, 0.5f, 0.5f, t += 16);
  for (size_t i = 0; i < n_bad; i++) {
    feed(r, KS_TOUCH_MOVE, 1, bad[i], 0.5f, t += 16);
    feed(r, KS_TOUCH_MOVE, 1, 0.5f, bad[i], t += 16);
  }
  feed(r, KS_TOUCH_UP, 1, NAN, INFINITY, t += 16);
  for (size_t i = 0; i < n_bad; i++) { /* and a touch that starts there */
    feed(r, KS_TOUCH_DOWN, 2, bad[i], bad[(i + 1) % n_bad], t += 16);
    feed(r, KS_TOUCH_MOVE, 2, 0.6f, 0.6f, t += 16);
    feed(r, KS_TOUCH_UP, 2, bad[(i + 2) % n_bad], 0.5f, t += 16);
  }
  assert_true(r->n > 4);
  ks_scroller s;
  ks_scroller_init(&s, 0, 5000);
  for (size_t i = 0; i < r->n; i++) {
    const ks_gesture *g = &r->got[i];
    const float v[] = {g->x, g->y, g->dx, g->dy, g->vx, g->vy};
    for (size_t k = 0; k < sizeof v / sizeof *v; k++) {
      assert_true(isfinite(v[k]));
      assert_true(fabsf(v[k]) <= 1e6f);
    }
    assert_true(fabsf(g->x) <= KS_GESTURE_MAX_COORD && fabsf(g->y) <= KS_GESTURE_MAX_COORD);
    /* As the UI does: the list follows drags and flings, in pixels of a 1080 short side. */
    if (g->type == KS_GESTURE_DRAG)
      ks_scroller_drag(&s, -g->dx * 1080);
    if (g->type == KS_GESTURE_FLING)
      ks_scroller_release(&s, -g->vx * 1080);
    ks_scroller_step(&s, 1.0f / 60);
    assert_true(isfinite(s.pos) && isfinite(s.vel));
  }
}

/* The scroller itself takes no movement that is not a number and no speed beyond its limit:
 * whatever it is given, it comes to rest within its bounds. */
static void scroller_comes_to_rest_whatever_it_is_given(void **state) {
  (void)state;
  const float bad[] = {INFINITY, -INFINITY, NAN, 1e30f, -1e30f, 3.0e38f};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    ks_scroller s;
    ks_scroller_init(&s, 0, 5000);
    ks_scroller_drag(&s, bad[i]);
    assert_true(isfinite(s.pos));
    ks_scroller_release(&s, bad[i]);
    assert_true(isfinite(s.vel));
    ks_scroller_glide_to(&s, bad[i]);
    assert_true(isfinite(s.vel));
    ks_scroller_set_bounds(&s, 0, bad[i]);
    ks_scroller_set_bounds(&s, 0, 5000);
    int frames = 0;
    while (ks_scroller_step(&s, 1.0f / 60) && frames < 6000)
      frames++;
    assert_true(frames < 6000);
    assert_true(isfinite(s.pos) && s.pos >= 0 && s.pos <= 5000);
  }
}

/* ---- scroller ---------------------------------------------------------------------------- */

static void fling_decays_and_stops(void **state) {
  (void)state;
  ks_scroller s;
  ks_scroller_init(&s, 0, 10000);
  ks_scroller_drag(&s, 500);
  ks_scroller_release(&s, 2000);
  float prev_v = s.vel;
  int frames = 0;
  while (ks_scroller_step(&s, 1.0f / 60) && frames < 1000) {
    assert_true(fabsf(s.vel) <= fabsf(prev_v) + 1e-3f); /* never speeds up */
    prev_v = s.vel;
    frames++;
  }
  /* v0 * tau = 2000 * 0.33 = 660 further; it stops within a few seconds. */
  assert_true(s.pos > 500 + 600 && s.pos < 500 + 700);
  assert_true(frames < 300);
}

static void bounces_back_from_an_edge(void **state) {
  (void)state;
  ks_scroller s;
  ks_scroller_init(&s, 0, 1000);
  ks_scroller_drag(&s, -100); /* pulled past the start: resisted */
  assert_true(fabsf(s.pos + 100 * KS_SCROLL_EDGE_RESISTANCE) < 1e-3f);
  ks_scroller_release(&s, -3000); /* and thrown further out */
  float lowest = s.pos;
  int frames = 0;
  while (ks_scroller_step(&s, 1.0f / 67) && frames < 1000) { /* a 67 Hz panel */
    lowest = fminf(lowest, s.pos);
    frames++;
  }
  assert_true(lowest < -40.0f); /* it did overshoot */
  assert_true(s.pos == 0.0f);   /* and settled exactly on the edge */
  assert_true(frames < 200);    /* within 3 s */
}

/* A glide lands where it was sent, forwards and back, at any frame rate, and never past the
 * bounds; it slows down all the way, as a fling does. */
static void glides_to_a_target(void **state) {
  (void)state;
  const float targets[] = {9000, 250, 4321, -500, 20000};
  const float expect[] = {9000, 250, 4321, 0, 10000};
  for (int hz = 60; hz <= 67; hz += 7)
    for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
      ks_scroller s;
      ks_scroller_init(&s, 0, 10000);
      s.pos = 3000;
      ks_scroller_glide_to(&s, targets[i]);
      float prev_v = s.vel;
      int frames = 0;
      while (ks_scroller_step(&s, 1.0f / (float)hz) && frames < 1000) {
        assert_true(fabsf(s.vel) <= fabsf(prev_v) + 1e-3f);
        assert_true(s.pos >= -1.0f && s.pos <= 10001.0f);
        prev_v = s.vel;
        frames++;
      }
      assert_true(fabsf(s.pos - expect[i]) < 3.0f);
      assert_true(frames < 4 * hz); /* within 4 s */
    }
}

static void same_motion_at_any_frame_rate(void **state) {
  (void)state;
  ks_scroller a, b;
  ks_scroller_init(&a, 0, 100000);
  ks_scroller_init(&b, 0, 100000);
  ks_scroller_release(&a, 1500);
  ks_scroller_release(&b, 1500);
  for (int i = 0; i < 60; i++)
    ks_scroller_step(&a, 1.0f / 60);
  for (int i = 0; i < 67; i++)
    ks_scroller_step(&b, 1.0f / 67);
  assert_true(fabsf(a.pos - b.pos) < 2.0f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(tap_within_slop, setup, teardown),
      cmocka_unit_test_setup_teardown(held_too_long_is_no_tap, setup, teardown),
      cmocka_unit_test_setup_teardown(slow_drag_ends_without_fling, setup, teardown),
      cmocka_unit_test_setup_teardown(fast_horizontal_throw_flings_and_swipes, setup, teardown),
      cmocka_unit_test_setup_teardown(finger_that_stops_before_lifting_does_not_fling, setup,
                                      teardown),
      cmocka_unit_test_setup_teardown(second_finger_is_ignored, setup, teardown),
      cmocka_unit_test_setup_teardown(cancel_mid_drag_ends_it, setup, teardown),
      cmocka_unit_test_setup_teardown(hostile_coordinates_give_finite_gestures, setup, teardown),
      cmocka_unit_test(scroller_comes_to_rest_whatever_it_is_given),
      cmocka_unit_test(fling_decays_and_stops),
      cmocka_unit_test(bounces_back_from_an_edge),
      cmocka_unit_test(same_motion_at_any_frame_rate),
      cmocka_unit_test(glides_to_a_target),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
