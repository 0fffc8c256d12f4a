#include "test_support.h"

#include "kiosk/pack.h"
#include "kiosk/source.h"
#include "kiosk/validate.h"

#include <sqlite3.h>
#include <unistd.h>

static char good_path[1024];

/* Builds the fixture into a pack once for all tests. */
static int setup(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_source_load(KS_TEST_FIXTURES "/good", d);
  ts_tmp(good_path, sizeof good_path, "good.kpack");
  bool ok = c && ks_pack_write(c, good_path, 1700000000, d);
  ks_content_destroy(c);
  if (!ok)
    ks_diag_print(d, stderr);
  ks_diag_destroy(d);
  return ok ? 0 : -1;
}

static void round_trips_the_content(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *src = ks_source_load(KS_TEST_FIXTURES "/good", d);
  ks_pack *p = ks_pack_open(good_path, d);
  assert_non_null(p);
  assert_true(ks_pack_verify(p, d));
  ks_content *c = ks_pack_read(p, d);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  assert_int_equal(c->n_exhibits, src->n_exhibits);
  assert_string_equal(c->meta.id, "test-pack");
  assert_int_equal(c->meta.version, 3);
  assert_int_equal(c->meta.built_at, 1700000000);
  assert_non_null(c->meta.content_hash);
  for (size_t i = 0; i < c->n_exhibits; i++) {
    const ks_exhibit *a = &src->exhibits[i], *b = &c->exhibits[i];
    assert_string_equal(a->id, b->id);
    assert_int_equal(a->kind, b->kind);
    assert_string_equal(a->title.s[TS_ZH], b->title.s[TS_ZH]);
    assert_string_equal(a->body.s[TS_ZH], b->body.s[TS_ZH]);
    assert_int_equal(a->n_citations, b->n_citations);
    assert_int_equal(a->n_figures, b->n_figures);
    assert_int_equal(a->n_images, b->n_images);
    assert_true(a->lat == b->lat && a->lon == b->lon);
    for (size_t k = 0; k < a->n_images; k++) {
      assert_int_equal(a->images[k].size, b->images[k].size);
      assert_memory_equal(a->images[k].data, b->images[k].data, a->images[k].size);
    }
  }
  const ks_exhibit *ev = ks_content_find(c, "ev-2021-05-27-joint-lab");
  assert_string_equal(ev->date, "2021-05-27");
  assert_string_equal(ks_content_find(c, "ach-quantum-sensor")->figures[0].value, "3.5");
  ks_content_destroy(c);
  ks_content_destroy(src);
  ks_pack_close(p);
  ks_diag_destroy(d);
}

static void same_content_same_bytes_and_hash(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_source_load(KS_TEST_FIXTURES "/good", d);
  char a[1024], b[1024];
  assert_true(ks_pack_write(c, ts_tmp(a, sizeof a, "same-a.kpack"), 1700000000, d));
  assert_true(ks_pack_write(c, ts_tmp(b, sizeof b, "same-b.kpack"), 1800000000, d));
  size_t na, nb, ng;
  unsigned char *ba = ts_read(a, &na), *bb = ts_read(b, &nb), *bg = ts_read(good_path, &ng);
  /* Built at the same time: identical. At another time: only the stamp differs, not the hash. */
  assert_int_equal(na, ng);
  assert_memory_equal(ba, bg, na);
  assert_int_equal(na, nb);
  assert_memory_not_equal(ba, bb, na);
  char ha[65], hb[65];
  ks_pack *pa = ks_pack_open(a, d), *pb = ks_pack_open(b, d);
  assert_true(ks_pack_content_hash(pa, ha, d) && ks_pack_content_hash(pb, hb, d));
  assert_string_equal(ha, hb);
  ks_pack_close(pa);
  ks_pack_close(pb);
  free(ba), free(bb), free(bg);
  ks_content_destroy(c);
  ks_diag_destroy(d);
}

/* Opens and verifies `path`; expects a refusal mentioning `needle`. */
static void expect_refused(const char *path, const char *needle) {
  ks_diag *d = ks_diag_create();
  ks_pack *p = ks_pack_open(path, d);
  if (p) {
    assert_false(ks_pack_verify(p, d));
    ks_pack_close(p);
  }
  if (!ks_diag_contains(d, needle)) {
    ks_diag_print(d, stderr);
    fail_msg("expected a finding containing \"%s\"", needle);
  }
  ks_diag_destroy(d);
}

/* Runs `sql` on the pack at `path` with a plain connection; returns `path`. */
static const char *altered_in_place(const char *path, const char *sql) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  char *err = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
    fail_msg("%s: %s", sql, err);
  sqlite3_close(db);
  return path;
}

/* Writes a copy of the good pack, altered by `sql` run on it with a plain connection. */
static const char *altered(const char *name, const char *sql) {
  static char path[1024];
  size_t n;
  unsigned char *bytes = ts_read(good_path, &n);
  ts_write(ts_tmp(path, sizeof path, name), bytes, n);
  free(bytes);
  return altered_in_place(path, sql);
}

/* Writes a copy of the good pack with `len` bytes at `offset` replaced (or cut at `cut`). */
static const char *patched(const char *name, size_t offset, const void *bytes, size_t len,
                           size_t cut) {
  static char path[1024];
  size_t n;
  unsigned char *data = ts_read(good_path, &n);
  memcpy(data + offset, bytes, len);
  ts_write(ts_tmp(path, sizeof path, name), data, cut ? cut : n);
  free(data);
  return path;
}

static void refuses_files_that_are_not_packs(void **state) {
  (void)state;
  char path[1024];
  ts_write(ts_tmp(path, sizeof path, "empty.kpack"), "", 0);
  expect_refused(path, "is empty (0 bytes)");
  ts_write(path, "just some text, not a database\n", 31);
  expect_refused(path, "is not a content pack (31 bytes, not an SQLite database)");
  unsigned char noise[8192];
  uint32_t x = 12345;
  for (size_t i = 0; i < sizeof noise; i++) {
    x = x * 1103515245u + 12345u;
    noise[i] = (unsigned char)(x >> 16);
  }
  ts_write(path, noise, sizeof noise);
  expect_refused(path, "not an SQLite database");
  expect_refused(KS_TEST_TMP "/no-such.kpack", "cannot open the pack");
}

static void refuses_truncated_packs(void **state) {
  (void)state;
  size_t n;
  free(ts_read(good_path, &n));
  expect_refused(patched("half.kpack", 0, "", 0, n / 2), "is truncated");
  expect_refused(patched("short.kpack", 0, "", 0, n - 100), "is truncated");
  expect_refused(patched("header.kpack", 0, "", 0, 60), "is truncated (60 bytes)");
}

static void refuses_other_applications_and_newer_schemas(void **state) {
  (void)state;
  char path[1024];
  sqlite3 *db;
  ts_tmp(path, sizeof path, "other.sqlite");
  unlink(path);
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x); PRAGMA application_id=1234;", NULL, NULL, NULL);
  sqlite3_close(db);
  expect_refused(path, "of another application (application id 0x000004d2)");
  unlink(path);
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t(x);", NULL, NULL, NULL);
  sqlite3_close(db);
  expect_refused(path, "is an SQLite database but not a content pack (no application id)");
  const unsigned char v7[4] = {0, 0, 0, 7};
  expect_refused(patched("newer.kpack", 60, v7, 4, 0),
                 "uses pack schema version 7, newer than this kiosk reads (6)");
  const unsigned char wal[2] = {2, 2};
  expect_refused(patched("wal.kpack", 18, wal, 2, 0), "write-ahead-log");
}

/* Opens, verifies and reads the pack at `path`, which must pass. */
static ks_content *read_verified(const char *path, ks_diag *d) {
  ks_pack *p = ks_pack_open(path, d);
  if (!p)
    ks_diag_print(d, stderr);
  assert_non_null(p);
  assert_true(ks_pack_verify(p, d));
  ks_content *c = ks_pack_read(p, d);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  ks_pack_close(p);
  return c;
}

/* Schema version 2 added sources' English titles and achievements' date basis, version 3
 * exhibits' show_from and show_until. Packs of versions 1 and 2, as kiosks in the field hold,
 * still open and read: years as the results', every exhibit always shown. */
static void reads_schema_versions_1_2_and_3(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *src = ks_source_load(KS_TEST_FIXTURES "/good", d);
  ((ks_exhibit *)ks_content_find(src, "ach-quantum-sensor"))->date_basis = KS_DATE_BASIS_REPORTED;
  ks_exhibit *shown = (ks_exhibit *)ks_content_find(src, "ev-2021-05-27-joint-lab");
  assert_non_null(shown);
  shown->show_from = "2026-12-01";
  shown->show_until = "2027-02-28";
  char v3[1024];
  assert_true(ks_pack_write(src, ts_tmp(v3, sizeof v3, "v3.kpack"), 1700000000, d));
  ks_content *c = read_verified(v3, d);
  assert_int_equal(ks_content_find(c, "ach-quantum-sensor")->date_basis, KS_DATE_BASIS_REPORTED);
  assert_string_equal(c->sources[0].title_tr.s[TS_EN], "A sample article");
  assert_string_equal(ks_content_find(c, "ev-2021-05-27-joint-lab")->show_from, "2026-12-01");
  assert_string_equal(ks_content_find(c, "ev-2021-05-27-joint-lab")->show_until, "2027-02-28");
  assert_null(ks_content_find(c, "ach-quantum-sensor")->show_from);
  assert_null(ks_content_find(c, "ach-quantum-sensor")->show_until);
  ks_content_destroy(c);

  /* Built by the kiosk of schema version 5 (no urls) from tests/fixtures/good and
   * tests/fixtures/statistic: read as written, every url absent. */
  c = read_verified(KS_TEST_FIXTURES "/packs/v5-good.kpack", d);
  assert_int_equal(c->n_exhibits, src->n_exhibits);
  for (size_t i = 0; i < src->n_exhibits; i++)
    assert_int_equal(c->exhibits[i].kind, src->exhibits[i].kind);
  assert_string_equal(c->sources[0].title_tr.s[ks_content_lang(c, "en")], "A sample article");
  ks_content_destroy(c);
  c = read_verified(KS_TEST_FIXTURES "/packs/v5-statistic.kpack", d);
  assert_int_equal(c->n_exhibits, 1);
  assert_int_equal(c->exhibits[0].kind, KS_KIND_STATISTIC);
  assert_int_equal(c->exhibits[0].n_values, 2);
  assert_string_equal(c->exhibits[0].values[1].value_tr.s[ks_content_lang(c, "en")], "120 million");
  ks_content_destroy(c);

  /* Built by the kiosk of schema version 4 (texts in one table, no statistics) from
   * tests/fixtures/good: its three kinds read as they were written. */
  c = read_verified(KS_TEST_FIXTURES "/packs/v4-good.kpack", d);
  assert_int_equal(c->meta.n_languages, 2);
  assert_string_equal(ks_content_find(c, "city-hefei")->title.s[ks_content_lang(c, "zh")], "合肥");
  assert_string_equal(c->sources[0].title_tr.s[ks_content_lang(c, "en")], "A sample article");
  assert_int_equal(c->n_exhibits, src->n_exhibits);
  for (size_t i = 0; i < src->n_exhibits; i++)
    assert_int_equal(c->exhibits[i].kind, src->exhibits[i].kind);
  ks_content_destroy(c);

  /* Built by the kiosk of schema version 3 from tests/fixtures/good: its _zh and _en columns
   * read as the texts of zh and en, the pack's two languages. */
  c = read_verified(KS_TEST_FIXTURES "/packs/v3-good.kpack", d);
  assert_int_equal(c->meta.n_languages, 2);
  assert_string_equal(c->meta.languages[0], "zh");
  assert_string_equal(c->meta.languages[1], "en");
  assert_string_equal(ks_content_lang_tag(c, ks_content_default_lang(c)), "zh");
  assert_string_equal(c->meta.title.s[ks_content_lang(c, "en")], "Test pack");
  assert_string_equal(ks_content_find(c, "city-hefei")->title.s[ks_content_lang(c, "zh")], "合肥");
  assert_string_equal(c->sources[0].title_tr.s[ks_content_lang(c, "en")], "A sample article");
  assert_int_equal(c->n_exhibits, src->n_exhibits);
  ks_content_destroy(c);

  /* Built by the kiosk of schema version 2 from tests/fixtures/good. */
  c = read_verified(KS_TEST_FIXTURES "/packs/v2-good.kpack", d);
  assert_string_equal(c->sources[0].title_tr.s[TS_EN], "A sample article");
  for (size_t i = 0; i < c->n_exhibits; i++)
    assert_true(!c->exhibits[i].show_from && !c->exhibits[i].show_until);
  assert_int_equal(c->n_exhibits, src->n_exhibits);
  ks_content_destroy(c);

  /* Built by the kiosk of schema version 1 from that version's tests/fixtures/good. */
  c = read_verified(KS_TEST_FIXTURES "/packs/v1-good.kpack", d);
  assert_int_equal(ks_content_find(c, "ach-quantum-sensor")->date_basis, KS_DATE_BASIS_RESULT);
  assert_null(c->sources[0].title_tr.s[TS_EN]);
  assert_string_equal(c->sources[0].title, "示例文章");
  ks_content_destroy(c);
  ks_content_destroy(src);
  ks_diag_destroy(d);
}

/* Schema 5 holds statistics: a pack keeps each value as written, its forms and units per
 * language, its dates, basis, source, quote and notes, and the measure and unit. */
static void keeps_statistics(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *src = ks_source_load(KS_TEST_FIXTURES "/statistic", d);
  char path[1024];
  assert_true(ks_pack_write(src, ts_tmp(path, sizeof path, "stat.kpack"), 1700000000, d));
  ks_content *c = read_verified(path, d);
  const ks_exhibit *a = ks_content_find(src, "stat-joint-lab"),
                   *b = ks_content_find(c, "stat-joint-lab");
  assert_non_null(b);
  assert_int_equal(b->kind, KS_KIND_STATISTIC);
  assert_int_equal(ks_content_count(c, KS_KIND_STATISTIC), 1);
  for (int l = 0; l < 2; l++) {
    assert_string_equal(a->measure.s[l], b->measure.s[l]);
    assert_string_equal(a->unit.s[l], b->unit.s[l]);
  }
  assert_int_equal(b->n_values, a->n_values);
  for (size_t i = 0; i < a->n_values; i++) {
    const ks_stat_value *x = &a->values[i], *y = &b->values[i];
    assert_string_equal(x->value, y->value);
    assert_string_equal(x->as_of, y->as_of);
    assert_string_equal(x->basis, y->basis);
    assert_string_equal(x->source, y->source);
    assert_string_equal(x->quote, y->quote);
    assert_string_equal(x->as_of_basis ? x->as_of_basis : "stated", y->as_of_basis);
    assert_true((x->approx == NULL) == (y->approx == NULL));
    assert_true((x->note == NULL) == (y->note == NULL));
    for (int l = 0; l < 2; l++) {
      assert_true((x->value_tr.s[l] == NULL) == (y->value_tr.s[l] == NULL));
      assert_true((x->unit.s[l] == NULL) == (y->unit.s[l] == NULL));
    }
  }
  assert_string_equal(b->values[1].value_tr.s[1], "120 million");
  assert_string_equal(b->values[1].approx, "about");
  assert_string_equal(b->values[0].unit.s[0], "倍");
  ks_content_destroy(c);
  ks_content_destroy(src);
  ks_diag_destroy(d);
}

/* Schema 4 keeps every text per declared language in one table: a pack in zh, en and ja (ja
 * declared last, en the default) reads back with its languages in order, its default, and each
 * text in each language where it was written — Japanese included, where no column was. */
static void stores_texts_per_declared_language(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *src = ks_source_load(KS_TEST_FIXTURES "/good", d);
  src->meta.languages[2] = "ja";
  src->meta.n_languages = 3;
  src->meta.default_lang = "en";
  src->meta.title.s[2] = "テストパック";
  ks_exhibit *ach = (ks_exhibit *)ks_content_find(src, "ach-quantum-sensor");
  ach->title.s[2] = "量子センサー";
  ach->body.s[2] = "第一段落\n第二段落";
  ach->figures[0].value_tr.s[2] = "4万余り";
  src->sources[0].title_tr.s[2] = "サンプル記事";
  char path[1024];
  assert_true(ks_pack_write(src, ts_tmp(path, sizeof path, "three.kpack"), 1700000000, d));
  ks_content *c = read_verified(path, d);
  assert_int_equal(c->meta.n_languages, 3);
  assert_string_equal(c->meta.languages[0], "zh");
  assert_string_equal(c->meta.languages[1], "en");
  assert_string_equal(c->meta.languages[2], "ja");
  assert_string_equal(c->meta.default_lang, "en");
  assert_int_equal(ks_content_default_lang(c), 1);
  assert_string_equal(c->meta.title.s[2], "テストパック");
  const ks_exhibit *e = ks_content_find(c, "ach-quantum-sensor");
  assert_string_equal(e->title.s[2], "量子センサー");
  assert_string_equal(e->title.s[0], ach->title.s[0]);
  assert_string_equal(e->title.s[1], ach->title.s[1]);
  assert_string_equal(e->body.s[2], "第一段落\n第二段落");
  assert_null(e->summary.s[2]); /* not written: the kiosk shows the default's */
  assert_string_equal(e->figures[0].value_tr.s[2], "4万余り");
  assert_string_equal(e->figures[0].value, ach->figures[0].value);
  assert_string_equal(e->figures[0].label.s[0], ach->figures[0].label.s[0]);
  assert_string_equal(c->sources[0].title_tr.s[2], "サンプル記事");
  const ks_exhibit *hefei = ks_content_find(c, "city-hefei");
  assert_string_equal(hefei->role.s[0], ks_content_find(src, "city-hefei")->role.s[0]);
  assert_int_equal(hefei->n_facts, ks_content_find(src, "city-hefei")->n_facts);
  for (size_t i = 0; i < hefei->n_facts; i++)
    assert_string_equal(hefei->facts[i].s[0], ks_content_find(src, "city-hefei")->facts[i].s[0]);
  ks_content_destroy(c);
  ks_content_destroy(src);
  ks_diag_destroy(d);
}

static void refuses_schema_objects_not_its_own(void **state) {
  (void)state;
  expect_refused(altered("trigger.kpack", "CREATE TRIGGER t AFTER INSERT ON meta BEGIN "
                                          "DELETE FROM exhibit; END;"),
                 "holds a trigger \"t\" that is not part of the pack format");
  expect_refused(altered("view.kpack", "CREATE VIEW v AS SELECT * FROM exhibit;"),
                 "holds a view \"v\"");
  expect_refused(altered("table.kpack", "CREATE TABLE extra(x);"), "holds a table \"extra\"");
  expect_refused(altered("dropped.kpack", "DROP TABLE fact;"), "has no table \"fact\"");
  expect_refused(altered("changed.kpack", "DROP TABLE fact; CREATE TABLE fact(x);"),
                 "table \"fact\" differs from the pack format");
}

/* The urls of exhibits and sources (tests/fixtures/qr) are stored and read back, and the content
 * hash covers them: a pack whose url was changed after it was built is refused, and two builds
 * that differ only in a url differ in their hash. */
static void urls_round_trip_and_are_hashed(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *src = ks_source_load(KS_TEST_FIXTURES "/qr", d);
  char path[1024], other[1024];
  assert_true(ks_pack_write(src, ts_tmp(path, sizeof path, "qr.kpack"), 1700000000, d));
  ks_pack *p = ks_pack_open(path, d);
  assert_non_null(p);
  assert_true(ks_pack_verify(p, d));
  ks_content *c = ks_pack_read(p, d);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  assert_non_null(ks_content_find(c, "ach-quantum-sensor")->url);
  assert_non_null(ks_content_find_source(c, "art-1")->url);
  assert_string_equal(ks_content_find(c, "ach-quantum-sensor")->url,
                      "https://example.org/labs/quantum-sensor?lang=zh&id=42");
  assert_null(ks_content_find(c, "city-hefei")->url);
  assert_string_equal(ks_content_find_source(c, "art-1")->url,
                      "https://www.example.com/news/2021-05/27/c_1127499306.htm");
  char hash[65], hash2[65];
  assert_true(ks_pack_content_hash(p, hash, d));
  ks_content_destroy(c);
  ks_pack_close(p);

  /* The same content but one url: another hash. */
  ((ks_exhibit *)ks_content_find(src, "ach-quantum-sensor"))->url = "https://example.org/other";
  assert_true(ks_pack_write(src, ts_tmp(other, sizeof other, "qr-other.kpack"), 1700000000, d));
  p = ks_pack_open(other, d);
  assert_true(ks_pack_content_hash(p, hash2, d));
  assert_string_not_equal(hash, hash2);
  ks_pack_close(p);
  src->sources[0].url = NULL;
  assert_true(ks_pack_write(src, other, 1700000000, d));
  p = ks_pack_open(other, d);
  assert_true(ks_pack_content_hash(p, hash, d));
  assert_string_not_equal(hash, hash2);
  ks_pack_close(p);

  /* Changed in the file after it was built: refused. */
  assert_true(ks_pack_write(src, other, 1700000000, d));
  altered_in_place(other,
                   "UPDATE exhibit SET url = 'https://example.net/' WHERE id = 'city-hefei'");
  ks_diag *d2 = ks_diag_create();
  p = ks_pack_open(other, d2);
  assert_non_null(p);
  assert_false(ks_pack_verify(p, d2));
  assert_true(ks_diag_contains(d2, "the pack was altered after it was built"));
  ks_pack_close(p);
  ks_diag_destroy(d2);
  ks_content_destroy(src);
  ks_diag_destroy(d);
}

static void refuses_altered_content(void **state) {
  (void)state;
  expect_refused(altered("edited.kpack",
                         "UPDATE text SET value = '假的' WHERE owner = 'city-hefei' AND "
                         "field = 'title' AND lang = 'zh';"),
                 "the pack was altered after it was built");
  expect_refused(altered("nohash.kpack", "DELETE FROM meta WHERE key = 'content_hash';"),
                 "has no content hash");
  /* Flip one bit inside a title's bytes: either SQLite's integrity check or the hash catches it. */
  size_t n;
  unsigned char *data = ts_read(good_path, &n);
  const char *needle = "新型量子传感器";
  unsigned char *at = NULL;
  for (size_t i = 0; i + strlen(needle) <= n && !at; i++)
    if (memcmp(data + i, needle, strlen(needle)) == 0)
      at = data + i;
  assert_non_null(at);
  unsigned char flipped = at[1] ^ 0x01;
  const char *path = patched("bitflip.kpack", (size_t)(at + 1 - data), &flipped, 1, 0);
  free(data);
  ks_diag *d = ks_diag_create();
  ks_pack *p = ks_pack_open(path, d);
  assert_non_null(p);
  assert_false(ks_pack_verify(p, d));
  ks_pack_close(p);
  ks_diag_destroy(d);
}

/* A copy of the good pack altered by `sql` and given the content hash of what it now holds, as
 * a hostile builder would: every check of the pack as a file passes, so what is refused is
 * refused for its content. */
static const char *rehashed(const char *name, const char *sql) {
  const char *path = altered(name, sql);
  ks_diag *d = ks_diag_create();
  ks_pack *p = ks_pack_open(path, d);
  assert_non_null(p);
  char hex[65], update[160];
  assert_true(ks_pack_content_hash(p, hex, d));
  ks_pack_close(p);
  ks_diag_destroy(d);
  snprintf(update, sizeof update, "UPDATE meta SET value = '%s' WHERE key = 'content_hash';", hex);
  return altered_in_place(path, update);
}

/* Verifies, reads and validates `path` as an install does; expects an error containing `needle`
 * and, when `identity`, that ks_pack_identity refuses the pack too. */
static void expect_content_refused(const char *path, const char *needle, bool identity) {
  ks_diag *d = ks_diag_create();
  ks_pack *p = ks_pack_open(path, d);
  assert_non_null(p);
  assert_true(ks_pack_verify(p, d)); /* the hash matches: only the content is wrong */
  ks_content *c = ks_pack_read(p, d);
  ks_validate_opts opts = {0};
  if (c)
    ks_validate(c, &opts, d);
  if (!ks_diag_contains(d, needle)) {
    ks_diag_print(d, stderr);
    fail_msg("expected a finding containing \"%s\"", needle);
  }
  if (identity) {
    char id[80];
    int64_t version = -1;
    assert_false(ks_pack_identity(p, id, sizeof id, &version));
  }
  ks_content_destroy(c);
  ks_pack_close(p);
  ks_diag_destroy(d);
}

/* A text is what its bytes are: a NUL inside one would hide the rest from the validator and the
 * screen while the signature covers it. Every text column read is checked, ids included. */
static void refuses_texts_with_a_nul(void **state) {
  (void)state;
  expect_content_refused(
      rehashed("nul-title.kpack",
               "UPDATE text SET value = '合肥' || char(0) || '隐藏的尾巴' "
               "WHERE owner = 'city-hefei' AND field = 'title' AND lang = 'zh';"),
      "exhibit city-hefei: error: title (zh) holds a NUL character", false);
  expect_content_refused(rehashed("nul-quote.kpack",
                                  "UPDATE citation SET quote = quote || char(0) || 'hidden' "
                                  "WHERE exhibit = 'ach-quantum-sensor';"),
                         "exhibit ach-quantum-sensor: error: quote holds a NUL character", false);
  expect_content_refused(rehashed("nul-meta.kpack", "UPDATE meta SET value = 'test-pack' || "
                                                    "char(0) || 'x' WHERE key = 'id';"),
                         "meta id holds a NUL character", true);
}

/* A text in a language the pack does not declare, or one that belongs to nothing, was not
 * written by the builder: refused, not read into a slot that means another language. */
static void refuses_texts_out_of_place(void **state) {
  (void)state;
  expect_content_refused(rehashed("undeclared.kpack",
                                  "INSERT INTO text VALUES ('city-hefei', 'title', 0, 'ko', "
                                  "'허페이');"),
                         "in \"ko\", a language the pack does not declare", false);
  expect_content_refused(
      rehashed("nowhere.kpack", "INSERT INTO text VALUES ('city-hefei', 'fact', 99, 'zh', 'x');"),
      "belongs to nothing in it", false);
}

/* The version is a plain decimal number in range: "2abc" is not 2, and a number beyond the
 * range does not become the largest one, which would refuse every later pack as older. */
static void refuses_versions_not_plain_numbers(void **state) {
  (void)state;
  static const char *const bad[] = {"2abc",
                                    "99999999999999999999999",
                                    "9223372036854775807",
                                    "1000000000",
                                    "-3",
                                    "+3",
                                    " 3",
                                    "0",
                                    "0x10",
                                    ""};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    char sql[160], name[64], needle[120];
    snprintf(sql, sizeof sql, "UPDATE meta SET value = '%s' WHERE key = 'version';", bad[i]);
    snprintf(name, sizeof name, "version-%zu.kpack", i);
    snprintf(needle, sizeof needle, "version \"%s\" must be a whole number from 1 to 999999999",
             bad[i]);
    expect_content_refused(rehashed(name, sql), needle, true);
  }
}

/* An event's stored precision must be the one its date has. */
static void refuses_a_precision_the_date_lacks(void **state) {
  (void)state;
  expect_content_refused(
      rehashed("precision.kpack", "UPDATE event SET date = '2021' WHERE id = "
                                  "'ev-2021-05-27-joint-lab';"),
      "exhibit ev-2021-05-27-joint-lab: error: precision \"day\" does not match the "
      "date \"2021\", which is a year",
      false);
}

/* Flips random bytes all over a good pack, many times: every outcome must be a clean refusal
 * or a clean read, never a crash (this runs under ASan and UBSan in CI). */
static void survives_random_corruption(void **state) {
  (void)state;
  size_t n;
  unsigned char *good = ts_read(good_path, &n);
  unsigned char *data = malloc(n);
  char path[1024];
  ts_tmp(path, sizeof path, "fuzzed.kpack");
  uint32_t x = 2024;
  int refused = 0;
  for (int round = 0; round < 300; round++) {
    memcpy(data, good, n);
    int flips = 1 + round % 8;
    for (int k = 0; k < flips; k++) {
      x = x * 1103515245u + 12345u;
      size_t at = (x >> 8) % n;
      x = x * 1103515245u + 12345u;
      data[at] ^= (unsigned char)(1u << ((x >> 16) % 8));
    }
    ts_write(path, data, round % 5 == 4 ? (x >> 4) % n : n);
    ks_diag *d = ks_diag_create();
    ks_pack *p = ks_pack_open(path, d);
    bool ok = p && ks_pack_verify(p, d);
    if (p) {
      ks_content *c = ks_pack_read(p, d);
      ks_validate_opts opts = {0};
      if (c)
        ks_validate(c, &opts, d);
      ks_content_destroy(c);
      ks_pack_close(p);
    }
    refused += !ok;
    /* A refusal always says why. */
    if (!ok)
      assert_true(ks_diag_count(d, KS_ERROR) > 0);
    ks_diag_destroy(d);
  }
  assert_true(refused > 0);
  free(data);
  free(good);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(round_trips_the_content),
      cmocka_unit_test(same_content_same_bytes_and_hash),
      cmocka_unit_test(urls_round_trip_and_are_hashed),
      cmocka_unit_test(refuses_files_that_are_not_packs),
      cmocka_unit_test(refuses_truncated_packs),
      cmocka_unit_test(refuses_other_applications_and_newer_schemas),
      cmocka_unit_test(reads_schema_versions_1_2_and_3),
      cmocka_unit_test(keeps_statistics),
      cmocka_unit_test(stores_texts_per_declared_language),
      cmocka_unit_test(refuses_texts_out_of_place),
      cmocka_unit_test(refuses_schema_objects_not_its_own),
      cmocka_unit_test(refuses_altered_content),
      cmocka_unit_test(refuses_texts_with_a_nul),
      cmocka_unit_test(refuses_versions_not_plain_numbers),
      cmocka_unit_test(refuses_a_precision_the_date_lacks),
      cmocka_unit_test(survives_random_corruption),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
