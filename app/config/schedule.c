#include "kiosk/schedule.h"

#include "kiosk/validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LOOK_AHEAD_DAYS = 400 }; /* a year and some: every weekday and every closed date seen */

void ks_schedule_defaults(ks_schedule *s) {
  memset(s, 0, sizeof *s);
  for (int d = 0; d < 7; d++) {
    s->ranges[d][0] = (ks_schedule_range){0, KS_SCHEDULE_DAY_MINUTES};
    s->n_ranges[d] = 1;
  }
  s->wake_minutes = 5;
}

int ks_schedule_weekday_index(const char *name) {
  static const char *const names[7] = {"monday", "tuesday",  "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
  for (int d = 0; d < 7; d++)
    if (strcmp(name, names[d]) == 0)
      return d;
  return -1;
}

static bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int ks_date_weekday(int y, int m, int d) {
  /* Sakamoto's method: 0 is Sunday; turned to 0 Monday. */
  static const int t[12] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3)
    y -= 1;
  int sunday0 = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
  return (sunday0 + 6) % 7;
}

/* Exactly `n` decimal digits at `v`. */
static bool digits(const char *v, int n, int *out) {
  int x = 0;
  for (int i = 0; i < n; i++) {
    if (v[i] < '0' || v[i] > '9')
      return false;
    x = x * 10 + (v[i] - '0');
  }
  *out = x;
  return true;
}

bool ks_schedule_parse_date(const char *v, int32_t *yyyymmdd) {
  ks_date d;
  char why[96];
  if (!ks_date_parse(v, &d, why, sizeof why) || d.precision != KS_DATE_DAY)
    return false;
  *yyyymmdd = d.year * 10000 + d.month * 100 + d.day;
  return true;
}

/* "HH:MM" at `*v`, 00:00 to 24:00; moves `*v` past it. */
static bool clock_time(const char **v, int *minutes) {
  int h, m;
  const char *s = *v;
  if (!digits(s, 2, &h) || s[2] != ':' || !digits(s + 3, 2, &m) || m > 59 || h > 24 ||
      (h == 24 && m != 0))
    return false;
  *minutes = h * 60 + m;
  *v = s + 5;
  return true;
}

static const char *skip_blank(const char *v) {
  while (*v == ' ' || *v == '\t')
    v++;
  return v;
}

bool ks_schedule_parse_day(const char *v, ks_schedule_range out[KS_SCHEDULE_MAX_RANGES],
                           uint8_t *n) {
  ks_schedule_range r[KS_SCHEDULE_MAX_RANGES] = {{0}};
  uint8_t count = 0;
  v = skip_blank(v);
  if (strcmp(v, "closed") != 0) {
    for (;;) {
      int from, to;
      v = skip_blank(v);
      if (!clock_time(&v, &from))
        return false;
      v = skip_blank(v);
      if (*v++ != '-')
        return false;
      v = skip_blank(v);
      if (!clock_time(&v, &to) || from >= to || count == KS_SCHEDULE_MAX_RANGES ||
          (count > 0 && from < r[count - 1].to))
        return false;
      r[count++] = (ks_schedule_range){(uint16_t)from, (uint16_t)to};
      v = skip_blank(v);
      if (!*v)
        break;
      if (*v++ != ',')
        return false;
    }
  }
  memcpy(out, r, sizeof r); /* unused slots zero: equal schedules are equal bytes */
  *n = count;
  return true;
}

static int32_t date_key(ks_wall w) { return w.year * 10000 + w.month * 100 + w.day; }

static bool closed_date(const ks_schedule *s, ks_wall w) {
  int32_t key = date_key(w);
  for (uint32_t i = 0; i < s->n_closed; i++)
    if (s->closed[i] == key)
      return true;
  return false;
}

/* Open at `w`, which must be a valid date and a minute 0-1439. */
static bool open_now(const ks_schedule *s, ks_wall w) {
  if (closed_date(s, w))
    return false;
  int wd = ks_date_weekday(w.year, w.month, w.day);
  for (int i = 0; i < s->n_ranges[wd]; i++)
    if (w.minute >= s->ranges[wd][i].from && w.minute < s->ranges[wd][i].to)
      return true;
  return false;
}

static ks_wall next_day(ks_wall w) {
  w.minute = 0;
  if (++w.day > days_in_month(w.year, w.month)) {
    w.day = 1;
    if (++w.month > 12)
      w.month = 1, w.year++;
  }
  return w;
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

bool ks_schedule_open_at(const ks_schedule *s, ks_wall now, ks_wall *next) {
  bool open = open_now(s, now);
  if (!next)
    return open;
  *next = (ks_wall){0};
  ks_wall day = now;
  for (int i = 0; i <= LOOK_AHEAD_DAYS; i++) {
    /* The state can change only where a range of this day begins or ends, or at midnight. */
    int wd = ks_date_weekday(day.year, day.month, day.day), at[2 * KS_SCHEDULE_MAX_RANGES + 1];
    size_t n = 0;
    for (int r = 0; r < s->n_ranges[wd]; r++) {
      at[n++] = s->ranges[wd][r].from;
      at[n++] = s->ranges[wd][r].to;
    }
    at[n++] = KS_SCHEDULE_DAY_MINUTES;
    qsort(at, n, sizeof *at, cmp_int);
    for (size_t k = 0; k < n; k++) {
      if (at[k] <= day.minute)
        continue;
      ks_wall t = day;
      t.minute = at[k];
      if (at[k] == KS_SCHEDULE_DAY_MINUTES)
        t = next_day(day);
      if (open_now(s, t) != open) {
        *next = t;
        return open;
      }
    }
    day = next_day(day);
    day.minute = -1; /* midnight itself was looked at above */
  }
  return open;
}
