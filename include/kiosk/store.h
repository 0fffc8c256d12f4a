/* The exhibits a kiosk shows, read on demand: what the screen in view asks for, not the whole
 * pack. Over a pack (of schema 4 or later) every list and exhibit is read through statements
 * prepared once and kept in bounded caches, so that neither start-up nor memory grows with the
 * pack; over a content model already in memory (a curator's folder in preview, a test, a pack of
 * an older schema read whole) the same answers come from the model.
 *
 * Each kind's list is in the order its overview shows it, and holds what that overview lists
 * (the one place these rules are written: store.c). A temporary exhibition is in the store only
 * on its days: a store is opened for one day (or for every day), and a link to an exhibit not
 * shown that day is not there either.
 *
 * Lifetime: every pointer the store hands out (exhibits, ids) stays valid until the second call
 * of ks_store_frame after it was handed out — that is, through the frame being drawn and the
 * input that follows it. What must last longer is kept by id, and asked for again. */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include "kiosk/content.h"
#include "kiosk/diag.h"
#include "kiosk/pack.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ks_store ks_store;

/* What a list is narrowed to: achievements of one field, or linked to a city of one province
 * (either way round); NULL members narrow nothing. The strings are compared, not kept. */
typedef struct {
  const char *field;
  const char *province;
} ks_store_filter;

/* A store over `pack` (borrowed: it must outlive the store) as shown on `today` (YYYY-MM-DD, or
 * NULL for every exhibit). A pack of schema 1 to 3 is read whole here. NULL when the pack cannot
 * be read, with the findings in `diag`. */
ks_store *ks_store_open_pack(ks_pack *pack, const char *today, ks_diag *diag);
/* A store over `content` (borrowed) as shown on `today` (or NULL). */
ks_store *ks_store_of_content(const ks_content *content, const char *today);
void ks_store_destroy(ks_store *store);

/* The pack's metadata, languages and sources: a content model whose exhibits are not to be read
 * from (read them through the store). Lives as long as the store. */
const ks_content *ks_store_head(const ks_store *store);

/* A frame begins: exhibits handed out before the last frame may now be freed (see above). */
void ks_store_frame(ks_store *store);

/* How many exhibits of `kind` are shown, listed or not. */
size_t ks_store_total(ks_store *store, ks_kind kind);
/* The years the events of the timeline (the events' list) fall in, ascending, each with how
 * many: up to `max` of them; returns how many. Counted, not listed: home's year strip reads no
 * event. */
size_t ks_store_years(ks_store *store, int *years, size_t *counts, size_t max);
/* The length of `kind`'s list, narrowed by `filter` (may be NULL). */
size_t ks_store_count(ks_store *store, ks_kind kind, const ks_store_filter *filter);
/* The id of the `i`-th of that list, and its key (an event's year; 0 for other kinds); NULL and 0
 * past its end. Reads no exhibit; the first few are found without reading the whole list (home
 * shows the first of several lists), which ks_store_count and ks_store_pos read. */
const char *ks_store_id_at(ks_store *store, ks_kind kind, const ks_store_filter *filter, size_t i);
int ks_store_key_at(ks_store *store, ks_kind kind, const ks_store_filter *filter, size_t i);
/* The `i`-th of that list, whole; NULL past its end. */
const ks_exhibit *ks_store_at(ks_store *store, ks_kind kind, const ks_store_filter *filter,
                              size_t i);
/* Where exhibit `id` is in that list, or SIZE_MAX when it is not in it. */
size_t ks_store_pos(ks_store *store, ks_kind kind, const ks_store_filter *filter, const char *id);
/* What a list can be narrowed by (ks_store_filter's members). */
typedef enum { KS_STORE_FIELD, KS_STORE_PROVINCE } ks_store_facet;
/* The values of `facet` that some shown achievement has (a field; a province of a city linked
 * to it either way round), each once, in the order and as the strings of ks_fields() or
 * ks_provinces(), `*values` set: what a filter is worth offering. */
size_t ks_store_values(ks_store *store, ks_store_facet facet, const char *const **values);
/* Exhibit `id`, whole, or NULL when it is not shown (or NULL is given). */
const ks_exhibit *ks_store_find(ks_store *store, const char *id);
/* The ids of the exhibits whose links name `id`, in id order, `*ids` set; 0 for none. */
size_t ks_store_linked_from(ks_store *store, const char *id, const char *const **ids);
/* The cities' list (ks_store_id_at's for KS_KIND_CITY) as places: where each is and its name,
 * `*places` set; read once, in one query, and kept as long as the store — what a map of every
 * city keeps instead of every city whole. */
size_t ks_store_places(ks_store *store, const ks_place **places);
/* The id of every exhibit shown, in id order, `*ids` set. */
size_t ks_store_ids(ks_store *store, const char *const **ids);
/* True when `a` and `b` show the same exhibits (by id): a new day that shows what the last one
 * did needs no new screens. */
bool ks_store_same_shown(ks_store *a, ks_store *b);
/* How many exhibits the store has read from its pack so far (0 over a content model): what the
 * tests hold to "what the screen shows". */
size_t ks_store_reads(const ks_store *store);

#endif
