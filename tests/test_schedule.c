/* Opening hours as a function of the local wall clock: ranges, midnight, closed dates, the next
 * change, and days of 23 or 25 hours (only the wall clock counts). */
#include "test_support.h"

#include "kiosk/schedule.h"

static ks_wall at(int y, int mo, int d, int h, int mi) { return (ks_wall){y, mo, d, h * 60 + mi}; }

/* Monday to Friday 09:00-12:00 and 13:00-17:30, Saturday 10:00-24:00, Sunday closed. */
static ks_schedule week(void) {
  ks_schedule s;
  ks_schedule_defaults(&s);
  for (int d = 0; d < 5; d++)
    assert_true(ks_schedule_parse_day("09:00-12:00, 13:00-17:30", s.ranges[d], &s.n_ranges[d]));
  assert_true(ks_schedule_parse_day("10:00-24:00", s.ranges[5], &s.n_ranges[5]));
  assert_true(ks_schedule_parse_day("closed", s.ranges[6], &s.n_ranges[6]));
  return s;
}

static void assert_wall(ks_wall w, int y, int mo, int d, int h, int mi) {
  assert_int_equal(w.year, y);
  assert_int_equal(w.month, mo);
  assert_int_equal(w.day, d);
  assert_int_equal(w.minute, h * 60 + mi);
}

static void weekdays_of_dates(void **state) {
  (void)state;
  assert_int_equal(ks_date_weekday(2026, 12, 25), 4); /* a Friday */
  assert_int_equal(ks_date_weekday(2026, 12, 7), 0);  /* a Monday */
  assert_int_equal(ks_date_weekday(2024, 2, 29), 3);  /* a Thursday */
  assert_int_equal(ks_date_weekday(2000, 1, 1), 5);   /* a Saturday */
  assert_int_equal(ks_date_weekday(2027, 1, 3), 6);   /* a Sunday */
}

static void day_lines(void **state) {
  (void)state;
  ks_schedule_range r[KS_SCHEDULE_MAX_RANGES];
  uint8_t n = 99;
  assert_true(ks_schedule_parse_day("09:00-17:30", r, &n));
  assert_int_equal(n, 1);
  assert_int_equal(r[0].from, 540);
  assert_int_equal(r[0].to, 1050);
  assert_true(ks_schedule_parse_day(" 00:00 - 24:00 ", r, &n));
  assert_int_equal(r[0].to, 1440);
  assert_true(ks_schedule_parse_day("08:00-09:00,10:00-11:00, 12:00-13:00 ,14:00-15:00", r, &n));
  assert_int_equal(n, 4);
  assert_true(ks_schedule_parse_day("closed", r, &n));
  assert_int_equal(n, 0);
  n = 7;
  const char *bad[] = {"",
                       "9:00-17:00",               /* two digits */
                       "09:00-17:60",              /* no minute 60 */
                       "09:00-25:00",              /* no hour 25 */
                       "24:00-24:30",              /* nothing after 24:00 */
                       "17:00-09:00",              /* over midnight: two lines */
                       "09:00-09:00",              /* empty */
                       "09:00-12:00, 11:00-13:00", /* overlapping */
                       "13:00-14:00, 09:00-12:00", /* not in order */
                       "09:00-12:00,",             /* a range missing */
                       "09:00-10:00, 10:00-11:00, 11:00-12:00, 12:00-13:00, 13:00-14:00",
                       "09:00 17:00",
                       "Closed",
                       "09:00-17:00 closed"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    if (ks_schedule_parse_day(bad[i], r, &n))
      fail_msg("\"%s\" was taken", bad[i]);
    assert_int_equal(n, 7); /* untouched */
  }
  /* Back to back is allowed: 10:00-11:00 then 11:00-12:00 */
  assert_true(ks_schedule_parse_day("10:00-11:00, 11:00-12:00", r, &n));
}

static void dates(void **state) {
  (void)state;
  int32_t d = 0;
  assert_true(ks_schedule_parse_date("2026-12-25", &d));
  assert_int_equal(d, 20261225);
  assert_true(ks_schedule_parse_date("2024-02-29", &d));
  const char *bad[] = {"2026-02-29", "2026-13-01",  "2026-00-10", "2026-04-31",
                       "26-12-25",   "2026-12-25x", "2026/12/25", "",
                       "2026-12",    "2026",        "2026-1-5"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (ks_schedule_parse_date(bad[i], &d))
      fail_msg("\"%s\" was taken", bad[i]);
  assert_int_equal(ks_schedule_weekday_index("sunday"), 6);
  assert_int_equal(ks_schedule_weekday_index("Monday"), -1);
}

static void ranges_and_their_edges(void **state) {
  (void)state;
  ks_schedule s = week();
  ks_wall next;
  /* Monday 2026-12-07 */
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 7, 8, 59), &next));
  assert_wall(next, 2026, 12, 7, 9, 0);
  assert_true(ks_schedule_open_at(&s, at(2026, 12, 7, 9, 0), &next));
  assert_wall(next, 2026, 12, 7, 12, 0);
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 7, 12, 0), &next)); /* lunch */
  assert_wall(next, 2026, 12, 7, 13, 0);
  assert_true(ks_schedule_open_at(&s, at(2026, 12, 7, 17, 29), &next));
  assert_wall(next, 2026, 12, 7, 17, 30);
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 7, 17, 30), &next));
  assert_wall(next, 2026, 12, 8, 9, 0); /* Tuesday morning */
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 7, 23, 59), NULL));
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 8, 0, 0), NULL));
}

static void midnight_and_the_weekend(void **state) {
  (void)state;
  ks_schedule s = week();
  ks_wall next;
  /* Friday evening: closed till Saturday 10:00; Saturday open to midnight, Sunday closed, so
   * the next change after Saturday 10:00 is Sunday 00:00, then Monday 09:00. */
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 11, 20, 0), &next));
  assert_wall(next, 2026, 12, 12, 10, 0);
  assert_true(ks_schedule_open_at(&s, at(2026, 12, 12, 23, 59), &next));
  assert_wall(next, 2026, 12, 13, 0, 0);
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 13, 0, 0), &next));
  assert_wall(next, 2026, 12, 14, 9, 0);
  /* Open across midnight: Saturday to 24:00 and Sunday from 00:00 is one stretch. */
  assert_true(ks_schedule_parse_day("00:00-02:00", s.ranges[6], &s.n_ranges[6]));
  assert_true(ks_schedule_open_at(&s, at(2026, 12, 12, 22, 0), &next));
  assert_wall(next, 2026, 12, 13, 2, 0);
  /* The year's end: Thursday 2026-12-31 evening to Friday 2027-01-01 09:00. */
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 31, 18, 0), &next));
  assert_wall(next, 2027, 1, 1, 9, 0);
}

static void closed_dates(void **state) {
  (void)state;
  ks_schedule s = week();
  assert_true(ks_schedule_parse_date("2026-12-25", &s.closed[s.n_closed++])); /* a Friday */
  assert_true(ks_schedule_parse_date("2026-12-28", &s.closed[s.n_closed++])); /* the Monday after */
  ks_wall next;
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 25, 10, 0), &next));
  assert_wall(next, 2026, 12, 26, 10, 0); /* Saturday opens as usual */
  assert_true(ks_schedule_open_at(&s, at(2026, 12, 24, 16, 0), &next));
  assert_wall(next, 2026, 12, 24, 17, 30);
  /* Saturday open to midnight; Sunday and the closed Monday pass; Tuesday 09:00. */
  assert_true(ks_schedule_open_at(&s, at(2026, 12, 26, 12, 0), &next));
  assert_wall(next, 2026, 12, 27, 0, 0);
  assert_false(ks_schedule_open_at(&s, at(2026, 12, 27, 0, 0), &next));
  assert_wall(next, 2026, 12, 29, 9, 0);
}

static void never_changing(void **state) {
  (void)state;
  ks_schedule s;
  ks_schedule_defaults(&s); /* always open */
  ks_wall next;
  assert_true(ks_schedule_open_at(&s, at(2026, 6, 1, 3, 0), &next));
  assert_int_equal(next.year, 0);
  for (int d = 0; d < 7; d++)
    assert_true(ks_schedule_parse_day("closed", s.ranges[d], &s.n_ranges[d]));
  assert_false(ks_schedule_open_at(&s, at(2026, 6, 1, 3, 0), &next));
  assert_int_equal(next.year, 0);
  /* Always open but for one closed date: the change is that date's midnight, then the next. */
  ks_schedule_defaults(&s);
  assert_true(ks_schedule_parse_date("2027-03-01", &s.closed[s.n_closed++]));
  assert_true(ks_schedule_open_at(&s, at(2026, 6, 1, 3, 0), &next));
  assert_wall(next, 2027, 3, 1, 0, 0);
  assert_false(ks_schedule_open_at(&s, at(2027, 3, 1, 0, 0), &next));
  assert_wall(next, 2027, 3, 2, 0, 0);
}

/* Clock changes: the kiosk reads wall-clock fields, so on the night of a change (Europe's
 * 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00) it opens at 09:00 on the clock all the same;
 * a range over the skipped or repeated hour is simply open for the clock's minutes in it. */
static void clock_changes(void **state) {
  (void)state;
  ks_schedule s;
  ks_schedule_defaults(&s);
  for (int d = 0; d < 7; d++)
    assert_true(ks_schedule_parse_day("01:30-02:30, 09:00-17:00", s.ranges[d], &s.n_ranges[d]));
  ks_wall next;
  assert_false(ks_schedule_open_at(&s, at(2026, 3, 29, 3, 0), &next)); /* after the skipped hour */
  assert_wall(next, 2026, 3, 29, 9, 0);
  assert_true(ks_schedule_open_at(&s, at(2026, 10, 25, 2, 15), &next)); /* either 02:15 */
  assert_wall(next, 2026, 10, 25, 2, 30);
  assert_true(ks_schedule_open_at(&s, at(2026, 2, 28, 16, 59), &next)); /* a leap-less February */
  assert_wall(next, 2026, 2, 28, 17, 0);
  assert_false(ks_schedule_open_at(&s, at(2026, 2, 28, 17, 0), &next));
  assert_wall(next, 2026, 3, 1, 1, 30);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(weekdays_of_dates),
      cmocka_unit_test(day_lines),
      cmocka_unit_test(dates),
      cmocka_unit_test(ranges_and_their_edges),
      cmocka_unit_test(midnight_and_the_weekend),
      cmocka_unit_test(closed_dates),
      cmocka_unit_test(never_changing),
      cmocka_unit_test(clock_changes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
