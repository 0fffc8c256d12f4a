/* The running service outside its opening hours, headless: started in a closed period it
 * presents one black frame and then nothing, looking for input only a few times a second; a
 * touch lights it. The clock is set with KIOSK_TEST_NOW (read by the service, for tests only). */
#include "test_support.h"

#include "kiosk/service.h"

#include <SDL.h>
#include <time.h>

typedef struct {
  int calls;
  double t0_ms, touched_at_ms; /* monotonic: the first probe, the touch */
  ks_window_stats first, before_touch, last;
  bool touched;
  int touch_after_ms; /* push a tap this long after the first probe; 0 never */
  int mark_after_ms;  /* note the figures this long after the first probe; 0 never */
  bool marked;
  ks_window_stats mark;
  double marked_ms, last_ms;
} probe_log;

static double mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void push_finger(Uint32 type) {
  SDL_Event ev = {.tfinger = {.type = type, .touchId = 1, .fingerId = 7, .x = 0.5f, .y = 0.5f}};
  assert_int_equal(SDL_PushEvent(&ev), 1);
}

/* Called at every tick of the service's loop, with its window. */
static void probe(void *ctx, ks_window *win) {
  probe_log *p = ctx;
  double now = mono_ms();
  p->last = ks_window_stats_get(win);
  p->last_ms = now;
  if (p->calls++ == 0) {
    p->t0_ms = now;
    p->first = p->last;
  }
  if (p->mark_after_ms && !p->marked && now - p->t0_ms >= p->mark_after_ms) {
    p->mark = p->last;
    p->marked_ms = now;
    p->marked = true;
  }
  if (p->touch_after_ms && !p->touched && now - p->t0_ms >= p->touch_after_ms) {
    p->before_touch = p->last;
    p->touched_at_ms = now;
    p->touched = true;
    push_finger(SDL_FINGERDOWN);
    push_finger(SDL_FINGERUP);
  }
}

static int run_service(const char *now, probe_log *log, uint64_t max_ms) {
  setenv("KIOSK_TEST_NOW", now, 1);
  setenv("XDG_CACHE_HOME", KS_TEST_TMP "/service-cache", 1);
  ks_service_opts o = {.pack = KS_TEST_BUNDLED,
                       .fonts_dir = KS_TEST_FONTS,
                       .windowed = true,
                       .headless = true,
                       .max_ms = max_ms,
                       .probe = probe,
                       .probe_ctx = log};
  ks_config_defaults(&o.config);
  o.config.data_dir[0] = '\0'; /* the pack given only: no installs, statistics or fleet */
  /* Open 09:00-17:00 every day but Christmas. */
  for (int d = 0; d < 7; d++)
    assert_true(ks_schedule_parse_day("09:00-17:00", o.config.schedule.ranges[d],
                                      &o.config.schedule.n_ranges[d]));
  assert_true(ks_schedule_parse_date("2026-12-25", &o.config.schedule.closed[0]));
  o.config.schedule.n_closed = 1;
  int rc = ks_service_run(&o);
  unsetenv("KIOSK_TEST_NOW");
  return rc;
}

static void closed_kiosk_is_dark_and_a_touch_lights_it(void **state) {
  (void)state;
  probe_log log = {.touch_after_ms = 2500};
  assert_int_equal(run_service("2026-12-25T10:00", &log, 4500), 0);
  assert_true(log.calls >= 3);
  /* The black frame, and nothing else until the touch. */
  assert_int_equal(log.first.presents, 1);
  assert_true(log.touched);
  assert_int_equal(log.before_touch.presents, 1);
  double secs = (log.touched_at_ms - log.t0_ms) / 1000.0;
  double wakeups = (double)(log.before_touch.wakeups - log.first.wakeups) / secs;
  print_message("closed: %.1f wake-ups a second over %.1f s\n", wakeups, secs);
  assert_true(wakeups <= 8); /* four looks a second and the loop's own: ~5 (lit at rest: ~26) */
  /* The touch lit it: home drawn. */
  assert_true(log.last.presents > 1);
}

/* The same kiosk in its opening hours draws at once and never goes dark. */
static void open_kiosk_draws(void **state) {
  (void)state;
  probe_log log = {0};
  assert_int_equal(run_service("2026-12-24T10:00", &log, 1500), 0);
  assert_true(log.calls >= 1);
  assert_true(log.last.presents >= 1);
  /* The first frame was home, not black: at rest it woke every 40 ms (~25 a second). */
  assert_true(log.last.wakeups - log.first.wakeups >= 10);
}

/* Closing time comes while the kiosk runs: at 16:59:58 it is open and at rest (looking for input
 * every 40 ms); from 17:00 it is dark, looking four times a second. */
static void closing_time_darkens_it(void **state) {
  (void)state;
  probe_log log = {.mark_after_ms = 3000};
  assert_int_equal(run_service("2026-12-24T16:59:58", &log, 4500), 0);
  assert_true(log.marked);
  assert_true(log.mark.presents >= 2); /* home, then the black frame */
  double secs = (log.last_ms - log.marked_ms) / 1000.0;
  assert_true(secs >= 0.9);
  double wakeups = (double)(log.last.wakeups - log.mark.wakeups) / secs;
  print_message("after closing: %.1f wake-ups a second over %.1f s\n", wakeups, secs);
  assert_true(wakeups <= 8);
  assert_int_equal(log.last.presents, log.mark.presents);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(closed_kiosk_is_dark_and_a_touch_lights_it),
      cmocka_unit_test(open_kiosk_draws),
      cmocka_unit_test(closing_time_darkens_it),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
