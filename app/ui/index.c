/* The pack's exhibits in the orders the screens show them, sorted once when the UI is created. */
#include "ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Only events whose dates parse are sorted: all are of the form YYYY[-MM[-DD]]. */
static int by_date(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  int c = strcmp(x->date, y->date); /* YYYY < YYYY-MM < YYYY-MM-DD sorts as wanted */
  return c ? c : strcmp(x->id, y->id);
}

/* Corridor cities first, in corridor order, then the others by id. The order is compared, not
 * subtracted: INT_MAX and INT_MIN are orders a pack can hold. */
static int by_corridor_then_id(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  if ((x->corridor != NULL) != (y->corridor != NULL))
    return x->corridor ? -1 : 1;
  int c = x->corridor ? ui_cmp(x->corridor_order, y->corridor_order) : 0;
  return c ? c : strcmp(x->id, y->id);
}

static int by_year_desc(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  int c = ui_cmp(y->year, x->year);
  return c ? c : strcmp(x->id, y->id);
}

/* The year of an event whose date is a real one (1900…2100), or 0. */
static int event_year(const ks_exhibit *e) {
  ks_date d;
  char why[96];
  return e->date && ks_date_parse(e->date, &d, why, sizeof why) ? d.year : 0;
}

void ui_index_build(ui_index *x, const ks_content *content) {
  *x = (ui_index){0};
  x->achievements = ks_xcalloc(content->n_exhibits + 1, sizeof *x->achievements);
  x->events = ks_xcalloc(content->n_exhibits + 1, sizeof *x->events);
  x->event_year = ks_xcalloc(content->n_exhibits + 1, sizeof *x->event_year);
  x->cities = ks_xcalloc(content->n_exhibits + 1, sizeof *x->cities);
  for (size_t i = 0; i < content->n_exhibits; i++) {
    const ks_exhibit *e = &content->exhibits[i];
    if (e->kind == KS_KIND_ACHIEVEMENT)
      x->achievements[x->n_achievements++] = e;
    if (e->kind == KS_KIND_CITY)
      x->cities[x->n_cities++] = e;
    int year = e->kind == KS_KIND_EVENT ? event_year(e) : 0;
    if (year) { /* an event with no real date is left off the timeline */
      x->events[x->n_events++] = e;
      if (!x->first_year || year < x->first_year)
        x->first_year = year;
      if (year > x->last_year)
        x->last_year = year;
    }
  }
  qsort(x->achievements, x->n_achievements, sizeof *x->achievements, by_year_desc);
  qsort(x->events, x->n_events, sizeof *x->events, by_date);
  for (size_t i = 0; i < x->n_events; i++)
    x->event_year[i] = event_year(x->events[i]);
  x->year_most = 1;
  for (size_t i = x->n_events; i-- > 0;) {    /* backwards: a year's first event is set last */
    int k = x->event_year[i] - x->first_year; /* both 1900…2100 */
    if (k >= 0 && k < KS_MAX_YEARS) {
      x->year_first[k] = i;
      if (++x->year_count[k] > x->year_most)
        x->year_most = x->year_count[k];
    }
  }
  qsort(x->cities, x->n_cities, sizeof *x->cities, by_corridor_then_id);
  size_t n = content->n_exhibits;
  x->pos = ks_xcalloc(n + 1, sizeof *x->pos);
  for (size_t i = 0; i < n; i++)
    x->pos[i] = SIZE_MAX;
  const ks_exhibit *const *lists[] = {x->achievements, x->events, x->cities};
  size_t lens[] = {x->n_achievements, x->n_events, x->n_cities};
  for (size_t l = 0; l < 3; l++)
    for (size_t i = 0; i < lens[l]; i++)
      x->pos[lists[l][i] - content->exhibits] = i;
  /* Links by their target: counted, then filled in the content's order. A link to no exhibit
   * (a damaged pack) links nothing. */
  x->linked_from_at = ks_xcalloc(n + 2, sizeof *x->linked_from_at);
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < content->exhibits[i].n_links; k++) {
      const ks_exhibit *t = ks_content_find(content, content->exhibits[i].links[k].target);
      if (t)
        x->linked_from_at[t - content->exhibits + 2]++;
    }
  for (size_t i = 2; i < n + 2; i++)
    x->linked_from_at[i] += x->linked_from_at[i - 1];
  x->linked_from = ks_xcalloc(x->linked_from_at[n + 1] + 1, sizeof *x->linked_from);
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < content->exhibits[i].n_links; k++) {
      const ks_exhibit *t = ks_content_find(content, content->exhibits[i].links[k].target);
      if (t)
        x->linked_from[x->linked_from_at[t - content->exhibits + 1]++] = &content->exhibits[i];
    }
}

size_t ui_index_pos(const ui_index *x, const ks_content *content, const ks_exhibit *e) {
  return x->pos[e - content->exhibits];
}

const ks_exhibit *const *ui_index_linked_from(const ui_index *x, const ks_content *content,
                                              const ks_exhibit *e, size_t *n) {
  size_t i = (size_t)(e - content->exhibits);
  *n = x->linked_from_at[i + 1] - x->linked_from_at[i];
  return x->linked_from + x->linked_from_at[i];
}

void ui_index_free(ui_index *x) {
  free(x->achievements);
  free(x->events);
  free(x->event_year);
  free(x->cities);
  free(x->pos);
  free(x->linked_from);
  free(x->linked_from_at);
  *x = (ui_index){0};
}
