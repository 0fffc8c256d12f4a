/* Private to the UI: charts of figures (chart.c). A statistic's dated values, or an achievement's
 * figures of one measure, drawn as bars over their dates with the latest value large — the
 * picture of a page that has no image. The numbers are read from the articles' own texts
 * (ks_amount_parse); what a visitor reads is always the article's text. A value that cannot be
 * read, is below zero or is counted in another unit gets no bar; a measure with fewer than two
 * bars gets no chart, only its number large with its date. */
#ifndef KIOSK_UI_CHART_H
#define KIOSK_UI_CHART_H

#include "kiosk/content.h"
#include "layout.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  UI_CHART_MAX = 12,     /* the most bars a chart draws: the latest ones */
  UI_CHART_FIGURES = 64, /* figures after these are never charted: an achievement has a handful,
                            and a damaged pack's thousands cost no more than these */
};

/* One bar: which value or figure it stands for, and how large that is. */
typedef struct {
  size_t index; /* in the exhibit's values (a statistic) or figures (an achievement) */
  double value; /* read from the article's text, 0 or more */
  bool target;  /* a goal, not a value reached: drawn outlined and hatched */
} ui_chart_bar;

/* What a chart of one measure shows. */
typedef struct {
  ui_chart_bar bar[UI_CHART_MAX]; /* oldest first */
  size_t n;                       /* bars: 0 where fewer than two could be drawn (no chart) */
  size_t lead; /* the value or figure shown large: the latest reached one with a bar (else the
                  latest with one, else the latest reached, else the latest); SIZE_MAX: none */
} ui_chart;

/* The chart of a statistic's values, at most `most` bars (1 to UI_CHART_MAX): the values in the
 * unit of the lead — units are one where the curator wrote them the same in some language
 * (台（套）, 个 and 套 are all "instruments"), a value's own unit else the measure's. */
void ui_chart_of_values(const ks_exhibit *e, size_t most, ui_chart *c);
/* The chart of an achievement's figures of the measure of figure `first`: those with its label
 * (the same in every language both are written in) and unit, and a date (as_of), oldest first;
 * at most `most` bars, from the first UI_CHART_FIGURES figures. The lead is the latest. */
void ui_chart_of_figures(const ks_exhibit *e, size_t first, size_t most, ui_chart *c);
/* Whether value or figure `index` has a bar in `c`. */
bool ui_chart_has(const ui_chart *c, size_t index);
/* The bars of `c` in `plot`: one slot of equal width each, in order; each bar at most `bar_w`
 * wide (and two thirds of its slot), centred in it, standing on the plot's bottom edge, as tall
 * as its value is of the largest (which fills the plot's height). `bars` gets `c->n` rectangles. */
void ui_chart_layout(const ui_chart *c, ks_rect plot, int bar_w, ks_rect *bars);

/* The share of a whole a statistic's value `v` says — a fraction ("1/6") with no unit, or a
 * number of "%" or 成 (tenths: 六成) — from 0 (excluded) to 1; -1 for any other value. */
double ui_stat_share(const ks_exhibit *e, const ks_stat_value *v);

/* A statistic's picture at (x, y), `w` wide: its lead value large with its date, the chart of its
 * values where it has one (each other value's number above its bar, every date under its bar)
 * or, for a share alone, a ring with the share lit,
 * then the values the chart does not show, each with its date. Every value said once. The chart
 * is lower where that keeps its dates within `room` pixels of `y` (in view on a short panel
 * without scrolling) and leaves it 12 mm tall or more. Returns the height. */
int ui_stat_picture(const frame *f, const ks_exhibit *e, int x, int y, int w, int room);
/* Sets `charted[i]` (e->n_figures of them) to whether figure i is shown in one of the charts
 * ui_figure_charts draws — one for each measure of which two or more figures have a bar — and
 * so is not shown again alone. */
void ui_figures_charted(const ks_exhibit *e, bool *charted);
/* An achievement's charts at (x, y), `w` wide, each the latest figure large in gold with what it
 * counts, then the bars, the first lower where that keeps it within `room` (as
 * ui_stat_picture); returns the height (0 where it has none). */
int ui_figure_charts(const frame *f, const ks_exhibit *e, int x, int y, int w, int room);

#endif
