/* Private to the UI: the attract loop's moving pictures (app/ui/attract_show.c) — a slow flight
 * over the corridor map lighting its cities in order, figures counting up, the timeline's years
 * drifting past and the call to action. Each is a function of the time into the loop alone, so
 * that any moment of it can be drawn (kiosk render --at) and two runs draw the same frames. */
#ifndef KIOSK_UI_ATTRACT_SHOW_H
#define KIOSK_UI_ATTRACT_SHOW_H

#include "ui_private.h"

/* Ease-in-out (cubic) of `u` clamped to 0..1: it leaves and arrives at rest. */
float ui_ease(float u);
/* Ease-out (cubic) of `u` clamped to 0..1: quick at first, settling at the end. */
float ui_ease_out(float u);

/* A figure as its count shows it `u` of the way (0 to 1): `text` as the article writes it
 * ("超327", "40,000+", "109.49", "4万多") with its first run of digits counted up from 0 — as
 * many decimals, the same grouping, the words around it kept — so that at 1 it is `text`
 * itself. False (`out` empty) where there is nothing to count: no digits, a fraction ("1/8"),
 * or a text ks_amount_parse does not read as a number. */
bool ui_count_text(const char *text, float u, char *out, size_t size);

/* The flight over the corridor map: the cities it stops at (the corridor's, in order; else the
 * first cities with a position), as places of ks_store_places, found once when the loop
 * starts; ids and positions kept, never pointers into the store. */
enum { UI_FLIGHT_STOPS = 24 };
typedef struct {
  size_t n;                      /* stops */
  size_t place[UI_FLIGHT_STOPS]; /* each stop's index in ks_store_places */
  double lon[UI_FLIGHT_STOPS], lat[UI_FLIGHT_STOPS];
  double k;      /* cos of the stops' middle latitude: one shape for the whole flight */
  double box[4]; /* the stops' region: west, south, east, north */
} ui_flight;
void ui_flight_plan(const ks_ui *ui, ui_flight *fl);
/* Seconds one round of the flight takes: a glide to each stop and a rest there, then out to the
 * whole corridor, every city lit, and back to the first. */
double ui_flight_period(const ui_flight *fl);
/* The map in `shown` (the part of the screen nothing opaque covers) `t` seconds into the loop,
 * the camera's focus at the centre of `window` (the part nothing covers at all): the stop it is at
 * lit, pulsing and named in the pack's languages, those passed lit and joined by the corridor's
 * line, the other cities small. Paints only what is in view; reads no exhibit. */
void ui_flight_draw(const frame *f, const ui_flight *fl, double t, ks_rect window, ks_rect shown);

/* The timeline's years drifting slowly past in `band` (`t` seconds in), a bar for each year as
 * tall as its events, years without events as gaps; the year `mark` ringed (0: none). Reads the
 * years counted once (ui->years), no event. */
void ui_drift_years(const frame *f, ks_rect band, double t, int mark);
/* The height ui_drift_years is drawn in. */
int ui_drift_height(const frame *f);

/* The call to action — "轻触开始探索 / Touch to explore", in every language of the pack at once
 * (the first three) — large, on a gold pill that breathes, centred across the `width` pixels
 * from `left` with its foot at `bottom`: one line where the languages fit on one, else a line
 * each. Returns its top; with `draw` false only measures. */
int ui_call_to_action(const frame *f, double t, int left, int width, int bottom, bool draw);

#endif
