/* Opening hours: when the kiosk is lit for visitors and when it is dark (kiosk.ini's [schedule]).
 * Pure: times are the system's local wall clock, passed in as calendar fields, so that the
 * answer does not depend on a time zone or a clock change (a day that is 23 or 25 hours long
 * still opens at 09:00 on its clock). */
#ifndef KIOSK_SCHEDULE_H
#define KIOSK_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  KS_SCHEDULE_MAX_RANGES = 4,  /* opening ranges a day */
  KS_SCHEDULE_MAX_CLOSED = 64, /* closed dates */
  KS_SCHEDULE_DAY_MINUTES = 24 * 60,
};

/* A local wall-clock time: a calendar date and the minute of that day. */
typedef struct {
  int year, month, day; /* 2026, 1-12, 1-31 */
  int minute;           /* 0-1439 from midnight */
} ks_wall;

/* Open from `from` up to (not including) `to`, minutes from midnight; `to` may be 1440 (24:00). */
typedef struct {
  uint16_t from, to;
} ks_schedule_range;

typedef struct {
  /* Per weekday, Monday first: no ranges is closed all day. */
  ks_schedule_range ranges[7][KS_SCHEDULE_MAX_RANGES];
  uint8_t n_ranges[7];
  int32_t closed[KS_SCHEDULE_MAX_CLOSED]; /* closed all day, as YYYYMMDD, in the order given */
  uint32_t n_closed;
  int wake_minutes; /* a touch while closed lights the kiosk this long after the last one */
} ks_schedule;

/* The default: open every day all day, a touch while closed lights it for 5 minutes. */
void ks_schedule_defaults(ks_schedule *s);

/* Reads a day's hours into `out`/`n`: "closed", or ranges "HH:MM-HH:MM" separated by commas
 * ("09:00-12:00, 13:00-17:30"), each from before to, in order, not overlapping; 24:00 ends a day.
 * False, with the outputs untouched, for anything else. A range over midnight is written as two:
 * "22:00-24:00" on one day and "00:00-02:00" on the next. */
bool ks_schedule_parse_day(const char *v, ks_schedule_range out[KS_SCHEDULE_MAX_RANGES],
                           uint8_t *n);
/* A weekday's index (0 Monday … 6 Sunday) from its English name, lower case; -1 for none. */
int ks_schedule_weekday_index(const char *name);
/* A calendar date "YYYY-MM-DD" (a real day, as ks_date_parse takes it) as YYYYMMDD; false for
 * anything else, a year or a month alone included. */
bool ks_schedule_parse_date(const char *v, int32_t *yyyymmdd);
/* The weekday of a date, 0 Monday … 6 Sunday. */
int ks_date_weekday(int year, int month, int day);

/* Whether the kiosk is open at `now`; when `next` is given, the next wall-clock time the answer
 * changes (the first minute it differs), or year 0 when it never changes within 400 days (open
 * around the clock, or never open). */
bool ks_schedule_open_at(const ks_schedule *s, ks_wall now, ks_wall *next);

#endif
