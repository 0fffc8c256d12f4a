/* The loop's frame pacing, as a function of the times it is given: no clock is read here, so
 * nothing depends on how fast the machine running the test is. */
#include "test_support.h"

#include "kiosk/kiosk.h"

#include <math.h>

static void refresh_gives_the_period(void **state) {
  (void)state;
  ks_pacer p;
  ks_pacer_init(&p, 60);
  assert_int_equal(p.period_us, 16667);
  ks_pacer_init(&p, 67.5);
  assert_int_equal(p.period_us, 14815);
  const double unknown[] = {0, -60, NAN, INFINITY, 5000};
  for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
    ks_pacer_init(&p, unknown[i]);
    assert_int_equal(p.period_us, 16667); /* 60 Hz */
  }
  assert_int_equal(ks_pacer_wait_us(&p, 123456), 0); /* the first frame goes at once */
}

/* Presents that return at once (the software renderer): a frame drawn in 2 ms waits out the rest
 * of the period, so that a loop drawing as fast as it can presents 60 times a second. */
static void instant_presents_are_held_to_the_refresh(void **state) {
  (void)state;
  ks_pacer p;
  ks_pacer_init(&p, 60);
  uint64_t t = 1000000, presents = 0;
  const uint64_t end = t + 3000000; /* three seconds of a loop that never rests */
  while (t < end) {
    t += 2000; /* drawing */
    t += ks_pacer_wait_us(&p, t);
    ks_pacer_presented(&p, t, t + 50); /* returns at once */
    t += 50;
    presents++;
  }
  assert_false(p.display_paces);
  assert_true(presents <= 3 * 60 + 1);
  assert_true(presents >= 3 * 60 - 2);
  /* A slow frame (30 ms) is not made slower. */
  ks_pacer_presented(&p, t, t);
  assert_int_equal(ks_pacer_wait_us(&p, t + 30000), 0);
}

/* Presents that wait for vsync: the pacer adds nothing to frames drawn alike, holds a frame drawn
 * much faster than the one before only so far that it still meets the next refresh, and caps a
 * display wrongly taken for pacing at 8/7 of the refresh; a present that returns at once again
 * (vsync lost) brings the full pacing back. */
static void a_display_that_paces_is_left_to_pace(void **state) {
  (void)state;
  ks_pacer p;
  ks_pacer_init(&p, 60);
  uint64_t t = 5000000;
  for (int i = 0; i < 10; i++) {
    uint64_t drawn = t + 3000;
    assert_int_equal(ks_pacer_wait_us(&p, drawn), 0);
    ks_pacer_presented(&p, drawn, t + 16667); /* blocked until the next refresh */
    t += 16667;
    assert_true(p.display_paces);
  }
  /* The last frame took 14 ms to draw, this one 1 ms: held, but presented before the refresh. */
  uint64_t vsync = t;
  ks_pacer_presented(&p, vsync - 16667 + 14000, vsync);
  uint64_t drawn = vsync + 1000, hold = ks_pacer_wait_us(&p, drawn);
  assert_true(hold > 0);
  assert_true(drawn + hold < vsync + 16667);
  /* Presents that take 5 ms but never wait: at most 8/7 of 60 a second. */
  uint64_t presents = 0;
  for (uint64_t end = t + 1000000; t < end; presents++) {
    t += ks_pacer_wait_us(&p, t);
    ks_pacer_presented(&p, t, t + 5000);
    t += 5000;
  }
  assert_true(presents <= 60 * 8 / 7 + 1);
  ks_pacer_presented(&p, t, t + 100);
  assert_false(p.display_paces);
  assert_int_equal(ks_pacer_wait_us(&p, t + 2100), 16667 - 2100);
  assert_int_equal(ks_pacer_wait_us(&p, t + 16667), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(refresh_gives_the_period),
      cmocka_unit_test(instant_presents_are_held_to_the_refresh),
      cmocka_unit_test(a_display_that_paces_is_left_to_pace),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
