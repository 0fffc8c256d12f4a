/* Private to the UI: time drawn as time. The timeline's years laid out so that years without
 * events are gaps, compressed but not hidden (timeaxis.c), and the strip of the timeline an
 * event's page shows around it (timestrip.c). */
#ifndef KIOSK_UI_TIMEAXIS_H
#define KIOSK_UI_TIMEAXIS_H

#include "ui_private.h"

#include <stdint.h>

/* The width of a run of `empty` years without events between two years with events, on an axis
 * where a year of one event is `pitch` wide: 0 for none; one year three tenths of a pitch (room
 * for its name); a longer run that and one more such width for each doubling (2 years 0.6, 4
 * years 0.9, 5 about 1.0, 16 years 1.5 pitches). Never narrower for more years, never as wide as
 * the years it stands for: 2004 → 2006 reads shorter than 2008 → 2013, neither reads as nothing,
 * and a century-long gap still leaves the screen to the events. */
int ui_time_gap_w(int empty, int pitch);

/* The years a date may have (1900–2100) fit. */
enum { UI_TIME_YEARS = 256 };

/* The timeline's years with events, each as wide as its cards, and between them the gaps. */
typedef struct {
  size_t n;                    /* years with events */
  int year[UI_TIME_YEARS];     /* ascending */
  size_t first[UI_TIME_YEARS]; /* the place in the events' list of each year's first event */
  size_t count[UI_TIME_YEARS]; /* how many events it has */
  int64_t x[UI_TIME_YEARS];    /* where its first card starts, from the first card's start */
  int pitch;                   /* from one card to the next, as laid out; 0: not yet */
} ui_time_axis;

/* The years of the timeline and their events, counted by the store: reads no event. */
void ui_time_axis_count(ui_time_axis *a, ks_ui *ui);
/* Lays the years out for cards `pitch` apart (at least 1). */
void ui_time_axis_layout(ui_time_axis *a, int pitch);
/* Which of `a`'s years the i-th event of the list is in: the last year whose first event is not
 * after it (0 for an empty axis). */
size_t ui_time_axis_year_of(const ui_time_axis *a, size_t i);
/* Where the i-th event's card starts, from the first card's start. */
int64_t ui_time_axis_x(const ui_time_axis *a, size_t i);
/* The last card that starts at `x` or before it (0 when none does). */
size_t ui_time_axis_at(const ui_time_axis *a, int64_t x);
/* Where the end of year `k` (its last card's start and a pitch) is, from the first card's start. */
int64_t ui_time_axis_end(const ui_time_axis *a, size_t k);

/* The name of the years `from` to `to` without events: "2005", "2009–2012" (in every language:
 * the timeline names its years by their digits). */
void ui_time_gap_label(int from, int to, char *out, size_t size);
/* A break in an axis drawn at `y` in `c` (the axis's colour), centred on `cx`: the line cut and
 * two slanted strokes across it, as a chart marks an axis that leaves out a stretch. */
void ui_time_break(const frame *f, float cx, float y, ks_color c);

/* The strip around an event: the event and up to UI_STRIP_SIDE events either side of it in the
 * timeline's list. */
enum { UI_STRIP_SIDE = 3, UI_STRIP_MARKS = 2 * UI_STRIP_SIDE + 1 };
typedef struct {
  const char *id;      /* the store's: valid through the frame and the input after it */
  int year;            /* from the list's key */
  const ks_exhibit *e; /* read for its title; NULL when it could not be (then no target) */
} ui_time_mark;
typedef struct {
  ui_time_mark mark[UI_STRIP_MARKS];
  size_t n, self;               /* marks in the list's order, and which is the event's own */
  bool more_before, more_after; /* the timeline goes on past the first or the last */
} ui_time_marks;
/* The marks of event `e` and up to `side` (at most UI_STRIP_SIDE) events either side: where it
 * is found (ui_pos), the ids and years around it, and only those few exhibits read. False when
 * `e` is not on the timeline (its date is not a real one). */
bool ui_timestrip_marks(const ks_ui *ui, const ks_exhibit *e, size_t side, ui_time_marks *out);
/* Draws event `e`'s strip in a column `w` wide from (x, y): "On the timeline", then a short axis
 * with its mark and its neighbours', each neighbour a target at least a finger wide and tall
 * that opens it, years named under the marks where they change and the gaps between years as on
 * the timeline. Returns the height taken (0, nothing drawn, when the event is not on the
 * timeline or is alone on it). */
int ui_timestrip(const frame *f, const ks_exhibit *e, int x, int y, int w);

#endif
