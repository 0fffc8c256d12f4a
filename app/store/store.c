/* The exhibits a kiosk shows, read on demand (include/kiosk/store.h). Two sources answer the
 * same questions: a pack, through ks_pack_reader, with bounded caches of lists and exhibits; or
 * a content model in memory. Each kind's list rules are written once below, in C for the model
 * and in SQL for the pack (tests/test_store.c holds the two to the same lists). */
#define _GNU_SOURCE /* qsort_r: the sorts below take their list as context, not a global */
#include "kiosk/store.h"

#include "kiosk/mem.h"
#include "kiosk/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- Each kind's list ------------------------------------------------------------------------ */

static int cmp_int(int a, int b) { return (a > b) - (a < b); }
static int cmp_id(const ks_exhibit *x, const ks_exhibit *y) { return strcmp(x->id, y->id); }

/* The year of an event whose date ks_date_parse takes (a real date, 1900…2100), or 0. */
static int event_year(const ks_exhibit *e) {
  ks_date d;
  char why[96];
  return e->date && ks_date_parse(e->date, &d, why, sizeof why) ? d.year : 0;
}

/* Achievements: newest first, then by id. */
static int achievements_order(const ks_exhibit *x, const ks_exhibit *y) {
  int c = cmp_int(y->year, x->year);
  return c ? c : cmp_id(x, y);
}
/* Cities: the corridor's in corridor order, then the others by id. */
static int cities_order(const ks_exhibit *x, const ks_exhibit *y) {
  if ((x->corridor != NULL) != (y->corridor != NULL))
    return x->corridor ? -1 : 1;
  int c = x->corridor ? cmp_int(x->corridor_order, y->corridor_order) : 0;
  return c ? c : cmp_id(x, y);
}
/* Events: only those with a real date (the others are reached by their links), by date — YYYY <
 * YYYY-MM < YYYY-MM-DD sorts a year before its months — then by id. */
static bool events_listed(const ks_exhibit *e) { return event_year(e) != 0; }
static int events_order(const ks_exhibit *x, const ks_exhibit *y) {
  int c = strcmp(x->date, y->date);
  return c ? c : cmp_id(x, y);
}
/* Statistics: the longest series first, then by id. */
static int statistics_order(const ks_exhibit *x, const ks_exhibit *y) {
  int c = cmp_int((int)(y->n_values < 1000 ? y->n_values : 1000),
                  (int)(x->n_values < 1000 ? x->n_values : 1000));
  return c ? c : cmp_id(x, y);
}

/* The same rules in SQL: ?2 a field, ?3 a province (achievements), ?9 the day; SHOWN as in
 * load.c. Each selects the id and the list's key. */
#define SHOWN(t) KS_PACK_SHOWN(t)
#define IN_PROVINCE(dir, other)                                                                    \
  "EXISTS (SELECT 1 FROM link k JOIN city c ON c.id = k." other " JOIN exhibit ce ON ce.id = "     \
  "c.id WHERE k." dir " = e.id AND c.province = ?3 AND " SHOWN("ce") ")"

#define ACHIEVEMENTS_SQL                                                                           \
  "SELECT e.id, 0 FROM exhibit e JOIN achievement a ON a.id = e.id WHERE e.kind = "                \
  "'achievement' AND " SHOWN("e") " AND (?2 IS NULL OR a.field = ?2) AND (?3 IS NULL "             \
                                  "OR " IN_PROVINCE("from_id", "to_id") " OR " IN_PROVINCE(        \
                                      "to_id", "from_id") ") ORDER BY a.year "                     \
                                                          "DESC, e.id"
#define CITIES_FROM "FROM exhibit e JOIN city c ON c.id = e.id "
#define CITIES_WHERE "WHERE e.kind = 'city' AND " SHOWN("e")
#define CITIES_ORDER                                                                               \
  " ORDER BY c.corridor IS NULL, CASE WHEN c.corridor IS NOT NULL THEN c.corridor_order END, e.id"
#define CITIES_SQL "SELECT e.id, 0 " CITIES_FROM CITIES_WHERE CITIES_ORDER
#define EVENTS_SQL                                                                                 \
  "SELECT e.id, ks_event_year(v.date) FROM exhibit e JOIN event v ON v.id = e.id WHERE e.kind = "  \
  "'event' AND " SHOWN("e") " AND ks_event_year(v.date) IS NOT NULL ORDER BY v.date, e.id"
#define STATISTICS_SQL                                                                             \
  "SELECT e.id, 0 FROM exhibit e WHERE e.kind = 'statistic' AND " SHOWN(                           \
      "e") " ORDER BY min((SELECT count(*) FROM stat_value s WHERE s.exhibit = e.id), 1000) "      \
           "DESC, "                                                                                \
           "e.id"
/* The head of a list: what a screen showing its first few (home) reads without the rest. */
enum { TOP = 32 };
#define TOP_SQL " LIMIT 32"

static const struct {
  bool (*listed)(const ks_exhibit *e); /* NULL: every one */
  int (*order)(const ks_exhibit *x, const ks_exhibit *y);
  const char *sql, *top_sql;
} kinds[] = {
    [KS_KIND_ACHIEVEMENT] = {NULL, achievements_order, ACHIEVEMENTS_SQL, ACHIEVEMENTS_SQL TOP_SQL},
    [KS_KIND_CITY] = {NULL, cities_order, CITIES_SQL, CITIES_SQL TOP_SQL},
    [KS_KIND_EVENT] = {events_listed, events_order, EVENTS_SQL, EVENTS_SQL TOP_SQL},
    [KS_KIND_STATISTIC] = {NULL, statistics_order, STATISTICS_SQL, STATISTICS_SQL TOP_SQL},
};
_Static_assert(sizeof kinds / sizeof *kinds == KS_KIND_COUNT, "a kind without its list");

static const char TOTALS_SQL[] =
    "SELECT e.kind, count(*) FROM exhibit e WHERE " SHOWN("e") " GROUP BY e.kind";
static const char YEARS_SQL[] =
    "SELECT y, count(*) FROM (SELECT ks_event_year(v.date) y FROM exhibit e JOIN event v ON v.id = "
    "e.id WHERE e.kind = 'event' AND " SHOWN("e") ") WHERE y IS NOT NULL GROUP BY y ORDER BY y";
static const char LINKED_FROM_SQL[] =
    "SELECT k.from_id FROM link k JOIN exhibit f ON f.id = "
    "k.from_id WHERE k.to_id = ?1 AND " SHOWN("f") " ORDER BY k.from_id";
static const char FIELDS_SQL[] = "SELECT DISTINCT a.field FROM exhibit e JOIN achievement a ON "
                                 "a.id = e.id WHERE " SHOWN("e") " ORDER BY 1";
#define LINKED_CITIES(dir, other)                                                                  \
  "SELECT c.province FROM exhibit e JOIN link k ON k." dir                                         \
  " = e.id JOIN city c ON c.id = k." other                                                         \
  " JOIN exhibit ce ON ce.id = c.id WHERE e.kind = 'achievement' AND " SHOWN("e") " AND " SHOWN(   \
      "ce")
static const char PROVINCES_SQL[] =
    LINKED_CITIES("from_id", "to_id") " UNION " LINKED_CITIES("to_id", "from_id") " ORDER BY 1";
/* The cities' list as places (ks_pack_reader_places): each city's rows together, in its order. */
static const char PLACES_SQL[] =
    "SELECT e.id, c.lat, c.lon, c.corridor IS NOT NULL, t.lang, t.value " CITIES_FROM
    "LEFT JOIN text t ON t.owner = e.id AND t.field = 'title' AND t.seq = 0 " CITIES_WHERE
        CITIES_ORDER ", t.lang";
static const char IDS_SQL[] = "SELECT e.id FROM exhibit e WHERE " SHOWN("e") " ORDER BY e.id";

/* ---- The store ------------------------------------------------------------------------------- */

enum {
  MAX_LISTS = 8,     /* lists kept: a kind's, narrowed or not, for the screens about */
  MAX_EXHIBITS = 64, /* exhibits kept beyond those of the last two frames */
  MAX_LINKED = 8,    /* pages' "linked from" answers kept */
  BUCKETS = 256,     /* of the exhibits' hash table */
};

typedef struct {
  bool used;
  unsigned gen; /* the frame it was last asked for in */
  ks_kind kind;
  bool head;              /* only the list's first TOP (all of it when fewer) */
  char *field, *province; /* the filter, owned; NULL for none */
  ks_arena *arena;        /* the ids */
  const char **ids;
  int *keys;
  size_t n;
  size_t *by_id; /* positions sorted by id: ks_store_pos */
} list;

typedef struct entry {
  struct entry *next_in_bucket, *newer, *older;
  unsigned gen;
  uint32_t hash;
  ks_content *c; /* the one exhibit, its own arena */
  const ks_exhibit *e;
} entry;

typedef struct {
  unsigned gen;
  char *id; /* owned; NULL for an empty slot */
  ks_arena *arena;
  const char **ids;
  size_t n;
} linked;

typedef struct {
  const char **values; /* NULL until asked for; in the store's `all_arena` */
  size_t n;
} facet_values;

struct ks_store {
  /* Over a pack: */
  ks_pack_reader *reader;
  ks_content *head; /* owned: meta and sources */
  entry *buckets[BUCKETS];
  entry *newest, *oldest;
  size_t n_entries, reads;
  /* Over a model: the content shown (`view` owned when made for a day, else borrowed). */
  const ks_content *content;
  ks_content *view, *whole; /* owned: the day's view; a pack read whole */
  list lists[MAX_LISTS];
  linked links[MAX_LINKED];
  facet_values facets[2];
  ks_place *places; /* ks_store_places, made once; in `all_arena` */
  size_t n_places;
  bool has_places;
  const char **all; /* ks_store_ids, made once; in `all_arena` */
  size_t n_all;
  ks_arena *all_arena;
  size_t totals[KS_KIND_COUNT];
  bool has_totals;
  unsigned gen;
};

static ks_store *over_content(const ks_content *content, const char *today) {
  ks_store *s = ks_xcalloc(1, sizeof *s);
  s->content = content;
  if (today)
    s->content = s->view = ks_content_on_date(content, today);
  s->gen = 2;
  return s;
}

ks_store *ks_store_of_content(const ks_content *content, const char *today) {
  return over_content(content, today);
}

ks_store *ks_store_open_pack(ks_pack *pack, const char *today, ks_diag *diag) {
  ks_pack_reader *reader = ks_pack_reader_open(pack, today);
  if (!reader) { /* an older schema: read whole, shown from the model */
    ks_content *whole = ks_pack_read(pack, diag);
    if (!whole)
      return NULL;
    ks_store *s = over_content(whole, today);
    s->whole = whole;
    return s;
  }
  ks_store *s = ks_xcalloc(1, sizeof *s);
  s->reader = reader;
  s->head = ks_pack_read_meta(pack, diag);
  s->gen = 2;
  return s;
}

static void drop_list(list *l) {
  free(l->field);
  free(l->province);
  free(l->by_id);
  ks_arena_destroy(l->arena);
  *l = (list){0};
}

static void drop_linked(linked *k) {
  free(k->id);
  ks_arena_destroy(k->arena);
  *k = (linked){0};
}

static void unlink_entry(ks_store *s, entry *x) {
  entry **p = &s->buckets[x->hash % BUCKETS];
  while (*p != x)
    p = &(*p)->next_in_bucket;
  *p = x->next_in_bucket;
  if (x->newer)
    x->newer->older = x->older;
  else
    s->newest = x->older;
  if (x->older)
    x->older->newer = x->newer;
  else
    s->oldest = x->newer;
  ks_content_destroy(x->c);
  free(x);
  s->n_entries--;
}

void ks_store_destroy(ks_store *s) {
  if (!s)
    return;
  while (s->oldest)
    unlink_entry(s, s->oldest);
  for (int i = 0; i < MAX_LISTS; i++)
    drop_list(&s->lists[i]);
  for (int i = 0; i < MAX_LINKED; i++)
    drop_linked(&s->links[i]);
  ks_arena_destroy(s->all_arena);
  ks_pack_reader_close(s->reader);
  ks_content_destroy(s->head);
  ks_content_destroy(s->view); /* borrows from `whole`: goes first */
  ks_content_destroy(s->whole);
  free(s);
}

const ks_content *ks_store_head(const ks_store *s) { return s->reader ? s->head : s->content; }

/* Whether something last asked for in frame `gen` may still be in use: in the frame being drawn
 * or the one before it (whose touches the input since has acted on). */
static bool in_use(const ks_store *s, unsigned gen) { return gen + 1 >= s->gen; }

void ks_store_frame(ks_store *s) {
  s->gen++;
  while (s->n_entries > MAX_EXHIBITS && s->oldest && !in_use(s, s->oldest->gen))
    unlink_entry(s, s->oldest);
}

size_t ks_store_reads(const ks_store *s) { return s->reads; }

/* ---- Exhibits -------------------------------------------------------------------------------- */

static uint32_t hash_id(const char *id) {
  uint32_t h = 2166136261u; /* FNV-1a */
  for (const unsigned char *p = (const unsigned char *)id; *p; p++)
    h = (h ^ *p) * 16777619u;
  return h;
}

/* A pack's exhibit from the cache, read on a miss (also a miss: not shown, which is not kept). */
static const ks_exhibit *pack_find(ks_store *s, const char *id) {
  uint32_t h = hash_id(id);
  for (entry *x = s->buckets[h % BUCKETS]; x; x = x->next_in_bucket)
    if (x->hash == h && strcmp(x->e->id, id) == 0) {
      x->gen = s->gen;
      if (x != s->newest) { /* to the front of the recency list */
        x->newer->older = x->older;
        if (x->older)
          x->older->newer = x->newer;
        else
          s->oldest = x->newer;
        x->older = s->newest, x->newer = NULL;
        s->newest->newer = x;
        s->newest = x;
      }
      return x->e;
    }
  ks_content *c = ks_content_create(s->head->origin);
  c->meta = s->head->meta; /* the languages: which slot each text takes */
  const ks_exhibit *e = ks_pack_reader_exhibit(s->reader, id, c, NULL);
  if (!e) {
    ks_content_destroy(c);
    return NULL;
  }
  s->reads++;
  entry *x = ks_xcalloc(1, sizeof *x);
  *x = (entry){.gen = s->gen, .hash = h, .c = c, .e = e, .older = s->newest};
  x->next_in_bucket = s->buckets[h % BUCKETS];
  s->buckets[h % BUCKETS] = x;
  if (s->newest)
    s->newest->newer = x;
  else
    s->oldest = x;
  s->newest = x;
  s->n_entries++;
  return e;
}

const ks_exhibit *ks_store_find(ks_store *s, const char *id) {
  if (!id)
    return NULL;
  return s->reader ? pack_find(s, id) : ks_content_find(s->content, id);
}

/* ---- Lists ----------------------------------------------------------------------------------- */

static bool same(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

/* Whether achievement `e` of the model links to a city of `province`, either way round. */
static bool in_province(const ks_content *c, const ks_exhibit *e, const char *province) {
  for (size_t i = 0; i < e->n_links; i++) {
    const ks_exhibit *t = ks_content_find(c, e->links[i].target);
    if (t && t->kind == KS_KIND_CITY && same(t->province, province))
      return true;
  }
  for (size_t i = 0; i < c->n_exhibits; i++) {
    const ks_exhibit *from = &c->exhibits[i];
    if (from->kind != KS_KIND_CITY || !same(from->province, province))
      continue;
    for (size_t k = 0; k < from->n_links; k++)
      if (e->id && same(from->links[k].target, e->id))
        return true;
  }
  return false;
}

static int model_order(const void *a, const void *b, void *kind) {
  return kinds[*(const ks_kind *)kind].order(*(const ks_exhibit *const *)a,
                                             *(const ks_exhibit *const *)b);
}

/* A list of the model: its exhibits of `kind` the rules list and the filter leaves, sorted. */
static size_t model_list(ks_store *s, list *l) {
  const ks_content *c = s->content;
  const ks_exhibit **got = ks_xcalloc(c->n_exhibits + 1, sizeof *got);
  size_t n = 0;
  for (size_t i = 0; i < c->n_exhibits; i++) {
    const ks_exhibit *e = &c->exhibits[i];
    if (e->kind != l->kind || (kinds[l->kind].listed && !kinds[l->kind].listed(e)))
      continue;
    if (l->field && !same(e->field, l->field))
      continue;
    if (l->province && !in_province(c, e, l->province))
      continue;
    got[n++] = e;
  }
  qsort_r(got, n, sizeof *got, model_order, &l->kind);
  l->ids = ks_arena_calloc(l->arena, n + 1, sizeof *l->ids);
  l->keys = ks_arena_calloc(l->arena, n + 1, sizeof *l->keys);
  for (size_t i = 0; i < n; i++) {
    l->ids[i] = got[i]->id;
    l->keys[i] = l->kind == KS_KIND_EVENT ? event_year(got[i]) : 0;
  }
  free(got);
  return n;
}

static int by_id(const void *a, const void *b, void *ids) {
  const char *const *id = ids;
  return strcmp(id[*(const size_t *)a], id[*(const size_t *)b]);
}

/* The list of `kind` narrowed by `f` — or, for `head`, at least its first TOP — kept, or made
 * and kept in place of the least recent. */
static list *get_list(ks_store *s, ks_kind kind, const ks_store_filter *f, bool head) {
  if ((unsigned)kind >= KS_KIND_COUNT)
    return NULL;
  const char *field = f ? f->field : NULL, *province = f ? f->province : NULL;
  list *oldest = &s->lists[0], *found = NULL;
  for (int i = 0; i < MAX_LISTS; i++) {
    list *l = &s->lists[i];
    if (l->used && l->kind == kind && same(l->field, field) && same(l->province, province)) {
      if (head || !l->head || l->n < TOP) { /* a head shorter than TOP is the whole list */
        l->gen = s->gen;
        return l;
      }
      found = l; /* only the head: made whole in its place */
    }
    if (!l->used || (oldest->used && l->gen < oldest->gen))
      oldest = l;
  }
  list *l = found ? found : oldest;
  drop_list(l);
  head = head && s->reader; /* a model's list costs no reading: made whole */
  *l = (list){.used = true,
              .gen = s->gen,
              .kind = kind,
              .head = head,
              .field = field ? ks_xstrdup(field) : NULL,
              .province = province ? ks_xstrdup(province) : NULL,
              .arena = ks_arena_create()};
  if (s->reader) {
    const char *params[3] = {NULL, field, province};
    l->n = ks_pack_reader_ids(s->reader, head ? kinds[kind].top_sql : kinds[kind].sql, params,
                              l->arena, &l->ids, &l->keys);
  } else {
    l->n = model_list(s, l);
  }
  l->by_id = ks_xcalloc(l->n + 1, sizeof *l->by_id);
  for (size_t i = 0; i < l->n; i++)
    l->by_id[i] = i;
  qsort_r(l->by_id, l->n, sizeof *l->by_id, by_id, (void *)l->ids);
  return l;
}

size_t ks_store_count(ks_store *s, ks_kind kind, const ks_store_filter *f) {
  list *l = get_list(s, kind, f, false);
  return l ? l->n : 0;
}

const char *ks_store_id_at(ks_store *s, ks_kind kind, const ks_store_filter *f, size_t i) {
  list *l = get_list(s, kind, f, i < TOP);
  return l && i < l->n ? l->ids[i] : NULL;
}

int ks_store_key_at(ks_store *s, ks_kind kind, const ks_store_filter *f, size_t i) {
  list *l = get_list(s, kind, f, i < TOP);
  return l && i < l->n ? l->keys[i] : 0;
}

const ks_exhibit *ks_store_at(ks_store *s, ks_kind kind, const ks_store_filter *f, size_t i) {
  return ks_store_find(s, ks_store_id_at(s, kind, f, i));
}

size_t ks_store_pos(ks_store *s, ks_kind kind, const ks_store_filter *f, const char *id) {
  list *l = id ? get_list(s, kind, f, false) : NULL;
  size_t lo = 0, hi = l ? l->n : 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(l->ids[l->by_id[mid]], id);
    if (c == 0)
      return l->by_id[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return SIZE_MAX;
}

size_t ks_store_total(ks_store *s, ks_kind kind) {
  if ((unsigned)kind >= KS_KIND_COUNT)
    return 0;
  if (!s->has_totals) { /* every kind's in one pass */
    if (s->reader) {
      ks_arena *a = ks_arena_create();
      const char **kind_names;
      int *counts;
      size_t n = ks_pack_reader_ids(s->reader, TOTALS_SQL, NULL, a, &kind_names, &counts);
      for (size_t i = 0; i < n; i++) {
        ks_kind k;
        if (ks_kind_parse(kind_names[i], &k) && counts[i] > 0)
          s->totals[k] = (size_t)counts[i];
      }
      ks_arena_destroy(a);
    } else {
      for (int k = 0; k < KS_KIND_COUNT; k++)
        s->totals[k] = ks_content_count(s->content, (ks_kind)k);
    }
    s->has_totals = true;
  }
  return s->totals[kind];
}

size_t ks_store_years(ks_store *s, int *years, size_t *counts, size_t max) {
  size_t n = 0;
  if (s->reader) {
    ks_arena *a = ks_arena_create();
    const char **year;
    int *count;
    size_t rows = ks_pack_reader_ids(s->reader, YEARS_SQL, NULL, a, &year, &count);
    for (size_t i = 0; i < rows && n < max; i++)
      if (count[i] > 0)
        years[n] = atoi(year[i]), counts[n++] = (size_t)count[i];
    ks_arena_destroy(a);
    return n;
  }
  list *l = get_list(s, KS_KIND_EVENT, NULL, false); /* in date order: years ascending */
  for (size_t i = 0; l && i < l->n; i++) {
    if (n && years[n - 1] == l->keys[i])
      counts[n - 1]++;
    else if (n < max)
      years[n] = l->keys[i], counts[n++] = 1;
    else
      break;
  }
  return n;
}

size_t ks_store_linked_from(ks_store *s, const char *id, const char *const **ids) {
  *ids = NULL;
  if (!id)
    return 0;
  linked *slot = &s->links[0];
  for (int i = 0; i < MAX_LINKED; i++) {
    linked *k = &s->links[i];
    if (k->id && strcmp(k->id, id) == 0) {
      k->gen = s->gen;
      *ids = k->ids;
      return k->n;
    }
    if (!k->id || (slot->id && k->gen < slot->gen))
      slot = k;
  }
  drop_linked(slot);
  *slot = (linked){.gen = s->gen, .id = ks_xstrdup(id), .arena = ks_arena_create()};
  if (s->reader) {
    const char *params[3] = {id, NULL, NULL};
    slot->n = ks_pack_reader_ids(s->reader, LINKED_FROM_SQL, params, slot->arena, &slot->ids, NULL);
  } else { /* in the model's order, which is by id */
    const ks_content *c = s->content;
    slot->ids = ks_arena_calloc(slot->arena, c->n_exhibits + 1, sizeof *slot->ids);
    for (size_t i = 0; i < c->n_exhibits; i++)
      for (size_t k = 0; k < c->exhibits[i].n_links; k++)
        if (c->exhibits[i].id && same(c->exhibits[i].links[k].target, id)) {
          slot->ids[slot->n++] = c->exhibits[i].id;
          break;
        }
  }
  *ids = slot->ids;
  return slot->n;
}

size_t ks_store_ids(ks_store *s, const char *const **ids) {
  if (!s->all) {
    if (!s->all_arena)
      s->all_arena = ks_arena_create();
    if (s->reader) {
      s->n_all = ks_pack_reader_ids(s->reader, IDS_SQL, NULL, s->all_arena, &s->all, NULL);
    } else {
      const ks_content *c = s->content;
      s->all = ks_arena_calloc(s->all_arena, c->n_exhibits + 1, sizeof *s->all);
      for (size_t i = 0; i < c->n_exhibits; i++)
        s->all[s->n_all++] = c->exhibits[i].id;
    }
  }
  *ids = s->all;
  return s->n_all;
}

size_t ks_store_places(ks_store *s, const ks_place **places) {
  if (!s->has_places) {
    if (!s->all_arena)
      s->all_arena = ks_arena_create();
    if (s->reader) {
      s->n_places = ks_pack_reader_places(s->reader, PLACES_SQL, s->head, s->all_arena, &s->places);
    } else { /* the model's cities, borrowed */
      list *l = get_list(s, KS_KIND_CITY, NULL, false);
      s->places = ks_arena_calloc(s->all_arena, l->n + 1, sizeof *s->places);
      for (size_t i = 0; i < l->n; i++) {
        const ks_exhibit *c = ks_content_find(s->content, l->ids[i]);
        if (c)
          s->places[s->n_places++] =
              (ks_place){c->id, c->title, c->lat, c->lon, c->has_position, c->corridor != NULL};
      }
    }
    s->has_places = true;
  }
  *places = s->places;
  return s->n_places;
}

bool ks_store_same_shown(ks_store *a, ks_store *b) {
  const char *const *x, *const *y;
  size_t n = ks_store_ids(a, &x);
  if (ks_store_ids(b, &y) != n)
    return false;
  for (size_t i = 0; i < n; i++)
    if (strcmp(x[i], y[i]) != 0)
      return false;
  return true;
}

size_t ks_store_values(ks_store *s, ks_store_facet facet, const char *const **values) {
  if ((unsigned)facet > KS_STORE_PROVINCE) {
    *values = NULL;
    return 0;
  }
  if (!s->all_arena)
    s->all_arena = ks_arena_create();
  facet_values *v = &s->facets[facet];
  if (!v->values) {
    /* In the closed list's order, its own strings: what some achievement has of it. */
    const char *const *all = facet == KS_STORE_FIELD ? ks_fields() : ks_provinces();
    size_t n = 0;
    while (all[n])
      n++;
    v->values = ks_arena_calloc(s->all_arena, n + 1, sizeof *v->values);
    const char **found = NULL;
    size_t n_found = 0;
    if (s->reader)
      n_found = ks_pack_reader_ids(s->reader, facet == KS_STORE_FIELD ? FIELDS_SQL : PROVINCES_SQL,
                                   NULL, s->all_arena, &found, NULL);
    for (size_t i = 0; i < n; i++) {
      bool has = false;
      if (s->reader) {
        for (size_t k = 0; k < n_found && !has; k++)
          has = strcmp(found[k], all[i]) == 0;
      } else {
        ks_store_filter f = {facet == KS_STORE_FIELD ? all[i] : NULL,
                             facet == KS_STORE_PROVINCE ? all[i] : NULL};
        has = ks_store_count(s, KS_KIND_ACHIEVEMENT, &f) > 0;
      }
      if (has)
        v->values[v->n++] = all[i];
    }
  }
  *values = v->values;
  return v->n;
}
