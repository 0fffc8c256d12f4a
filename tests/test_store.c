/* The store (include/kiosk/store.h): over a pack it answers what the same pack read whole
 * answers, reads only what it is asked for, and keeps a bounded number of exhibits. */
#include "kiosk/pack.h"
#include "kiosk/store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

typedef struct {
  ks_pack *pack;
  ks_content *whole;
} bundled;

static int open_bundled(void **state) {
  static bundled b;
  ks_diag *diag = ks_diag_create();
  b.pack = ks_pack_open(KS_TEST_BUNDLED, diag);
  b.whole = b.pack ? ks_pack_read(b.pack, diag) : NULL;
  ks_diag_destroy(diag);
  *state = &b;
  return b.whole ? 0 : -1;
}

static int close_bundled(void **state) {
  bundled *b = *state;
  ks_content_destroy(b->whole);
  ks_pack_close(b->pack);
  return 0;
}

static bool same_str(const char *a, const char *b) {
  return a == b || (a && b && strcmp(a, b) == 0);
}

static void same_text(const ks_text *a, const ks_text *b, int n_langs) {
  for (int l = 0; l < n_langs; l++)
    assert_true(same_str(a->s[l], b->s[l]));
}

/* Every field a screen reads, compared. */
static void same_exhibit(const ks_exhibit *a, const ks_exhibit *b, int n_langs) {
  assert_string_equal(a->id, b->id);
  assert_int_equal(a->kind, b->kind);
  same_text(&a->title, &b->title, n_langs);
  same_text(&a->summary, &b->summary, n_langs);
  same_text(&a->body, &b->body, n_langs);
  same_text(&a->place, &b->place, n_langs);
  same_text(&a->role, &b->role, n_langs);
  same_text(&a->measure, &b->measure, n_langs);
  same_text(&a->unit, &b->unit, n_langs);
  assert_true(same_str(a->url, b->url));
  assert_true(same_str(a->field, b->field));
  assert_int_equal(a->year, b->year);
  assert_int_equal(a->date_basis, b->date_basis);
  assert_true(same_str(a->date, b->date));
  assert_true(same_str(a->province, b->province));
  assert_true(same_str(a->corridor, b->corridor));
  assert_int_equal(a->corridor_order, b->corridor_order);
  assert_true(a->lat == b->lat && a->lon == b->lon);
  assert_int_equal(a->n_links, b->n_links);
  for (size_t i = 0; i < a->n_links; i++) {
    assert_string_equal(a->links[i].target, b->links[i].target);
    assert_int_equal(a->links[i].target_kind, b->links[i].target_kind);
  }
  assert_int_equal(a->n_figures, b->n_figures);
  for (size_t i = 0; i < a->n_figures; i++) {
    assert_string_equal(a->figures[i].value, b->figures[i].value);
    same_text(&a->figures[i].label, &b->figures[i].label, n_langs);
    same_text(&a->figures[i].unit, &b->figures[i].unit, n_langs);
  }
  assert_int_equal(a->n_values, b->n_values);
  for (size_t i = 0; i < a->n_values; i++) {
    assert_string_equal(a->values[i].value, b->values[i].value);
    assert_true(same_str(a->values[i].as_of, b->values[i].as_of));
    same_text(&a->values[i].value_tr, &b->values[i].value_tr, n_langs);
  }
  assert_int_equal(a->n_facts, b->n_facts);
  for (size_t i = 0; i < a->n_facts; i++)
    same_text(&a->facts[i], &b->facts[i], n_langs);
  assert_int_equal(a->n_organisations, b->n_organisations);
  assert_int_equal(a->n_citations, b->n_citations);
  for (size_t i = 0; i < a->n_citations; i++)
    assert_string_equal(a->citations[i].quote, b->citations[i].quote);
  assert_int_equal(a->n_images, b->n_images);
}

/* The same lists, in the same order, narrowed alike. */
static void same_lists(ks_store *p, ks_store *m, const ks_store_filter *f, ks_kind kind) {
  size_t n = ks_store_count(p, kind, f);
  assert_int_equal(n, ks_store_count(m, kind, f));
  for (size_t i = 0; i < n; i++) {
    assert_string_equal(ks_store_id_at(p, kind, f, i), ks_store_id_at(m, kind, f, i));
    assert_int_equal(ks_store_key_at(p, kind, f, i), ks_store_key_at(m, kind, f, i));
    assert_int_equal(ks_store_pos(p, kind, f, ks_store_id_at(m, kind, f, i)), i);
  }
}

/* The pack read on demand answers as the pack read whole: every list (also narrowed by each
 * field and province), every exhibit, the links from the other end, the counts and the years. */
static void pack_answers_as_the_model(void **state) {
  bundled *b = *state;
  const char *days[] = {NULL, "2026-12-05"};
  for (int d = 0; d < 2; d++) {
    ks_store *p = ks_store_open_pack(b->pack, days[d], NULL);
    ks_store *m = ks_store_of_content(b->whole, days[d]);
    assert_non_null(p);
    int n_langs = ks_store_head(p)->meta.n_languages;
    assert_int_equal(n_langs, b->whole->meta.n_languages);
    for (int k = 0; k < KS_KIND_COUNT; k++) {
      assert_int_equal(ks_store_total(p, (ks_kind)k), ks_store_total(m, (ks_kind)k));
      same_lists(p, m, NULL, (ks_kind)k);
    }
    assert_true(ks_store_count(p, KS_KIND_ACHIEVEMENT, NULL) > 0);
    for (int facet = KS_STORE_FIELD; facet <= KS_STORE_PROVINCE; facet++) {
      const char *const *pv, *const *mv;
      size_t n = ks_store_values(p, (ks_store_facet)facet, &pv);
      assert_int_equal(n, ks_store_values(m, (ks_store_facet)facet, &mv));
      assert_true(n > 1);
      for (size_t i = 0; i < n; i++) {
        assert_string_equal(pv[i], mv[i]);
        ks_store_filter f = {facet == KS_STORE_FIELD ? pv[i] : NULL,
                             facet == KS_STORE_PROVINCE ? pv[i] : NULL};
        same_lists(p, m, &f, KS_KIND_ACHIEVEMENT);
        assert_true(ks_store_count(p, KS_KIND_ACHIEVEMENT, &f) > 0);
      }
    }
    int py[64], my[64];
    size_t pc[64], mc[64];
    size_t ny = ks_store_years(p, py, pc, 64);
    assert_int_equal(ny, ks_store_years(m, my, mc, 64));
    assert_true(ny > 5);
    for (size_t i = 0; i < ny; i++)
      assert_true(py[i] == my[i] && pc[i] == mc[i]);
    const char *const *ids, *const *mids;
    size_t n = ks_store_ids(p, &ids);
    assert_int_equal(n, ks_store_ids(m, &mids));
    for (size_t i = 0; i < n; i++) {
      ks_store_frame(p); /* one at a time, as pages are turned */
      const ks_exhibit *e = ks_store_find(p, ids[i]);
      assert_non_null(e);
      same_exhibit(e, ks_store_find(m, mids[i]), n_langs);
      const char *const *from, *const *mfrom;
      size_t nf = ks_store_linked_from(p, ids[i], &from);
      assert_int_equal(nf, ks_store_linked_from(m, ids[i], &mfrom));
      for (size_t k = 0; k < nf; k++)
        assert_string_equal(from[k], mfrom[k]);
    }
    assert_true(ks_store_same_shown(p, m));
    ks_store_destroy(p);
    ks_store_destroy(m);
  }
}

/* The cities as places: the cities' list, in its order, each where the whole city is and named
 * as it is in every language — read in one query, reading no city whole. */
static void places_are_the_cities(void **state) {
  bundled *b = *state;
  ks_store *p = ks_store_open_pack(b->pack, NULL, NULL);
  ks_store *m = ks_store_of_content(b->whole, NULL);
  int n_langs = b->whole->meta.n_languages;
  const ks_place *pp, *mp;
  size_t n = ks_store_places(p, &pp);
  assert_int_equal(ks_store_reads(p), 0);
  assert_int_equal(n, ks_store_count(m, KS_KIND_CITY, NULL));
  assert_int_equal(n, ks_store_places(m, &mp));
  assert_true(n > 10);
  size_t corridor = 0;
  for (size_t i = 0; i < n; i++) {
    const ks_exhibit *c = ks_store_at(m, KS_KIND_CITY, NULL, i);
    for (int k = 0; k < 2; k++) {
      const ks_place *x = k ? &mp[i] : &pp[i];
      assert_string_equal(x->id, c->id);
      same_text(&x->title, &c->title, n_langs);
      assert_non_null(x->title.s[0]);
      assert_true(x->lat == c->lat && x->lon == c->lon);
      assert_int_equal(x->has_position, c->has_position);
      assert_int_equal(x->corridor, c->corridor != NULL);
    }
    corridor += pp[i].corridor;
  }
  assert_true(corridor >= 9 && corridor < n);   /* both kinds of city were compared */
  assert_int_equal(ks_store_places(p, &mp), n); /* kept: the same array again */
  assert_ptr_equal(mp, pp);
  ks_store_destroy(p);
  ks_store_destroy(m);
}

/* What is read is what is asked for: ids and counts read no exhibit; an exhibit asked for twice
 * is read once. */
static void reads_only_what_is_asked(void **state) {
  bundled *b = *state;
  ks_store *s = ks_store_open_pack(b->pack, NULL, NULL);
  assert_non_null(ks_store_id_at(s, KS_KIND_ACHIEVEMENT, NULL, 0));
  assert_true(ks_store_total(s, KS_KIND_CITY) > 0);
  int years[64];
  size_t counts[64];
  assert_true(ks_store_years(s, years, counts, 64) > 0);
  assert_int_equal(ks_store_reads(s), 0);
  const ks_exhibit *e = ks_store_at(s, KS_KIND_ACHIEVEMENT, NULL, 0);
  assert_non_null(e);
  assert_int_equal(ks_store_reads(s), 1);
  assert_ptr_equal(ks_store_at(s, KS_KIND_ACHIEVEMENT, NULL, 0), e);
  assert_int_equal(ks_store_reads(s), 1);
  assert_null(ks_store_find(s, "no-such-exhibit"));
  ks_store_destroy(s);
}

/* The cache is bounded: after every exhibit of the pack has been asked for, frame after frame,
 * the first is no longer kept (it is read again) — while what the last frame handed out is
 * still there (ASan would report a pointer freed early). */
static void keeps_a_bounded_number(void **state) {
  bundled *b = *state;
  ks_store *s = ks_store_open_pack(b->pack, NULL, NULL);
  const char *const *ids;
  size_t n = ks_store_ids(s, &ids);
  assert_true(n > 100);
  const ks_exhibit *first = ks_store_find(s, ids[0]);
  ks_store_frame(s);
  for (size_t i = 1; i < n; i++) /* all in one frame: none may go while it lasts */
    assert_non_null(ks_store_find(s, ids[i]));
  assert_string_equal(first->id, ids[0]); /* handed out the frame before: still there */
  size_t reads = ks_store_reads(s);
  assert_int_equal(reads, n);
  ks_store_frame(s);
  ks_store_frame(s);
  ks_store_frame(s);
  ks_store_find(s, ids[0]);
  assert_int_equal(ks_store_reads(s), reads + 1); /* let go, and read again */
  ks_store_destroy(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(pack_answers_as_the_model),
      cmocka_unit_test(places_are_the_cities),
      cmocka_unit_test(reads_only_what_is_asked),
      cmocka_unit_test(keeps_a_bounded_number),
  };
  return cmocka_run_group_tests(tests, open_bundled, close_bundled);
}
