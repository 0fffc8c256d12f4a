/* The pack's exhibits in the orders the screens show them, sorted once when the UI is created. */
#include "ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The year of an event whose date is a real one (1900…2100), or 0. */
static int event_year(const ks_exhibit *e) {
  ks_date d;
  char why[96];
  return e->date && ks_date_parse(e->date, &d, why, sizeof why) ? d.year : 0;
}

static int by_id(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  return strcmp(x->id, y->id);
}

void ui_index_build(ui_index *x, const ks_content *content) {
  *x = (ui_index){0};
  for (int k = 0; k < KS_KIND_COUNT; k++)
    x->list[k] = ks_xcalloc(content->n_exhibits + 1, sizeof *x->list[k]);
  x->event_year = ks_xcalloc(content->n_exhibits + 1, sizeof *x->event_year);
  for (size_t i = 0; i < content->n_exhibits; i++) {
    const ks_exhibit *e = &content->exhibits[i];
    if ((unsigned)e->kind >= KS_KIND_COUNT)
      continue;
    const ui_kind *k = &ui_kinds[e->kind];
    if (!k->listed || k->listed(e))
      x->list[e->kind][x->n[e->kind]++] = e;
  }
  for (int k = 0; k < KS_KIND_COUNT; k++)
    qsort(x->list[k], x->n[k], sizeof *x->list[k], ui_kinds[k].order ? ui_kinds[k].order : by_id);
  /* The timeline's span and its years. */
  for (size_t i = 0; i < x->n_events; i++) {
    int year = x->event_year[i] = event_year(x->events[i]);
    if (!x->first_year || year < x->first_year)
      x->first_year = year;
    if (year > x->last_year)
      x->last_year = year;
  }
  x->year_most = 1;
  for (size_t i = x->n_events; i-- > 0;) {    /* backwards: a year's first event is set last */
    int k = x->event_year[i] - x->first_year; /* both 1900…2100 */
    if (k >= 0 && k < KS_MAX_YEARS) {
      x->year_first[k] = i;
      if (++x->year_count[k] > x->year_most)
        x->year_most = x->year_count[k];
    }
  }
  size_t n = content->n_exhibits;
  x->pos = ks_xcalloc(n + 1, sizeof *x->pos);
  for (size_t i = 0; i < n; i++)
    x->pos[i] = SIZE_MAX;
  for (int k = 0; k < KS_KIND_COUNT; k++)
    for (size_t i = 0; i < x->n[k]; i++)
      x->pos[x->list[k][i] - content->exhibits] = i;
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
  for (int k = 0; k < KS_KIND_COUNT; k++)
    free(x->list[k]);
  free(x->event_year);
  free(x->pos);
  free(x->linked_from);
  free(x->linked_from_at);
  *x = (ui_index){0};
}
