#include "test_support.h"

#include "kiosk/source.h"

#include <sys/stat.h>

static ks_content *load_fixture(ks_diag *d) {
  ks_content *c = ks_source_load(KS_TEST_FIXTURES "/good", d);
  assert_non_null(c);
  return c;
}

static void loads_every_kind_with_its_fields(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *c = load_fixture(d);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  assert_int_equal(c->n_exhibits, 3);
  assert_string_equal(c->meta.id, "test-pack");
  assert_int_equal(c->meta.version, 3);
  assert_int_equal(c->n_sources, 1);
  assert_int_equal(c->sources[0].n_corrections, 1);
  assert_string_equal(c->sources[0].corrections[0].from, "蕞");

  const ks_exhibit *a = ks_content_find(c, "ach-quantum-sensor");
  assert_non_null(a);
  assert_int_equal(a->kind, KS_KIND_ACHIEVEMENT);
  assert_string_equal(a->title.s[TS_ZH], "新型量子传感器");
  assert_string_equal(a->field, "quantum");
  assert_int_equal(a->year, 2021);
  assert_int_equal(a->n_figures, 1);
  assert_string_equal(a->figures[0].value, "3.5");
  assert_string_equal(a->figures[0].unit.s[TS_EN], "times");
  assert_int_equal(a->n_links, 2);
  assert_int_equal(a->n_images, 1);
  assert_int_equal(a->images[0].size, 73);
  assert_int_equal(a->lines.field, 9);

  const ks_exhibit *city = ks_content_find(c, "city-hefei");
  assert_non_null(city);
  assert_true(city->has_position);
  assert_true(city->lat > 31.81 && city->lat < 31.83);
  assert_int_equal(city->corridor_order, 1);
  assert_int_equal(city->n_facts, 1);

  const ks_exhibit *ev = ks_content_find(c, "ev-2021-05-27-joint-lab");
  assert_string_equal(ev->date, "2021-05-27");
  assert_int_equal(ev->lines.date, 5);
  ks_content_destroy(c);
  ks_diag_destroy(d);
}

static void joins_body_lines_per_script(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *c = load_fixture(d);
  const ks_exhibit *a = ks_content_find(c, "ach-quantum-sensor");
  /* Chinese lines join with nothing between; paragraphs are kept apart by one "\n". */
  assert_string_equal(a->body.s[TS_ZH], "合肥与芜湖共建联合实验室，研发出新型量子传感器。\n"
                                        "灵敏度提升了3.5倍。");
  assert_string_equal(a->body.s[TS_EN],
                      "A joint laboratory of Hefei and Wuhu developed a new quantum sensor.\n"
                      "It is 3.5 times more sensitive.");
  ks_content_destroy(c);
  ks_diag_destroy(d);
}

static void joins_mixed_lines(void **state) {
  (void)state;
  ks_arena *a = ks_arena_create();
  const char text[] = "  G60科创走廊\n  串联起九城 \nand the\nG60 road";
  assert_string_equal(ks_source_join_lines(a, text, strlen(text)),
                      "G60科创走廊串联起九城and the G60 road");
  ks_arena_destroy(a);
}

static void refuses_a_missing_folder(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  assert_null(ks_source_load(KS_TEST_FIXTURES "/no-such-folder", d));
  assert_true(ks_diag_contains(d, "not a content folder"));
  ks_diag_destroy(d);
}

/* Copies the fixture into KS_TEST_TMP/showing with the event a temporary exhibition, from
 * 2026-12-01 to 2027-02-28 (its front matter's lines 2 and 3). */
static const char *temporary_fixture(void) {
  static const char *files[] = {"pack.yaml",
                                "sources.yaml",
                                "achievements/ach-quantum-sensor.md",
                                "cities/city-hefei.md",
                                "images/sensor.png",
                                "events/ev-2021-05-27-joint-lab.md"};
  static const char *dirs[] = {"", "/achievements", "/cities", "/images", "/events"};
  char path[1024];
  for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
    snprintf(path, sizeof path, "%s/showing%s", KS_TEST_TMP, dirs[i]);
    mkdir(path, 0755);
  }
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    size_t n;
    snprintf(path, sizeof path, "%s/%s", KS_TEST_FIXTURES "/good", files[i]);
    unsigned char *bytes = ts_read(path, &n);
    snprintf(path, sizeof path, "%s/showing/%s", KS_TEST_TMP, files[i]);
    if (strncmp(files[i], "events/", 7) == 0) {
      const char *dates = "---\nshow_from: 2026-12-01\nshow_until: 2027-02-28\n";
      assert_memory_equal(bytes, "---\n", 4);
      size_t dn = strlen(dates);
      unsigned char *edited = malloc(n - 4 + dn);
      memcpy(edited, dates, dn);
      memcpy(edited + dn, bytes + 4, n - 4);
      ts_write(path, edited, n - 4 + dn);
      free(edited);
    } else {
      ts_write(path, bytes, n);
    }
    free(bytes);
  }
  return KS_TEST_TMP "/showing";
}

/* show_from and show_until are read with their lines; the content as of a day keeps the exhibit
 * on its days only, both included, and links to it only while it is shown. */
static void a_temporary_exhibition_is_shown_on_its_days(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_source_load(temporary_fixture(), d);
  assert_non_null(c);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  const ks_exhibit *ev = ks_content_find(c, "ev-2021-05-27-joint-lab");
  assert_string_equal(ev->show_from, "2026-12-01");
  assert_string_equal(ev->show_until, "2027-02-28");
  assert_int_equal(ev->lines.show_from, 2);
  assert_int_equal(ev->lines.show_until, 3);
  assert_null(ks_content_find(c, "city-hefei")->show_from);
  const struct {
    const char *day;
    bool shown;
  } days[] = {{"2026-11-30", false},
              {"2026-12-01", true},
              {"2027-01-15", true},
              {"2027-02-28", true},
              {"2027-03-01", false}};
  ks_content *before = NULL;
  for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
    assert_int_equal(ks_exhibit_shown_on(ev, days[i].day), days[i].shown);
    ks_content *v = ks_content_on_date(c, days[i].day);
    assert_int_equal(v->n_exhibits, days[i].shown ? 3 : 2);
    assert_int_equal(ks_content_find(v, "ev-2021-05-27-joint-lab") != NULL, days[i].shown);
    const ks_exhibit *a = ks_content_find(v, "ach-quantum-sensor");
    assert_int_equal(a->n_links, days[i].shown ? 2 : 1); /* to the city; to the event if shown */
    assert_string_equal(a->links[0].target, "city-hefei");
    assert_string_equal(v->meta.id, c->meta.id);
    if (before)
      assert_int_equal(ks_content_same_exhibits(before, v), days[i].shown == days[i - 1].shown);
    ks_content_destroy(before);
    before = v;
  }
  ks_content_destroy(before);
  /* The source's own exhibit is untouched. */
  assert_int_equal(ks_content_find(c, "ach-quantum-sensor")->n_links, 2);
  ks_content_destroy(c);
  ks_diag_destroy(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(loads_every_kind_with_its_fields),
      cmocka_unit_test(joins_body_lines_per_script),
      cmocka_unit_test(joins_mixed_lines),
      cmocka_unit_test(refuses_a_missing_folder),
      cmocka_unit_test(a_temporary_exhibition_is_shown_on_its_days),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
