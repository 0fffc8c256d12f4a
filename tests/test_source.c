#include "test_support.h"

#include "kiosk/source.h"

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
  assert_string_equal(a->title.s[KS_LANG_ZH], "新型量子传感器");
  assert_string_equal(a->field, "quantum");
  assert_int_equal(a->year, 2021);
  assert_int_equal(a->n_figures, 1);
  assert_string_equal(a->figures[0].value, "3.5");
  assert_string_equal(a->figures[0].unit.s[KS_LANG_EN], "times");
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
  assert_string_equal(a->body.s[KS_LANG_ZH], "合肥与芜湖共建联合实验室，研发出新型量子传感器。\n"
                                             "灵敏度提升了3.5倍。");
  assert_string_equal(a->body.s[KS_LANG_EN],
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(loads_every_kind_with_its_fields),
      cmocka_unit_test(joins_body_lines_per_script),
      cmocka_unit_test(joins_mixed_lines),
      cmocka_unit_test(refuses_a_missing_folder),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
