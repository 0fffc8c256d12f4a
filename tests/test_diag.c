#include "test_support.h"

#include "kiosk/diag.h"

static void prints_like_a_compiler(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_diag_error(d, "content/events/x.md", 4, "date \"%s\" is not a valid month", "2003-13");
  ks_diag_add(d, KS_WARNING, (ks_loc){.file = "a.kpack", .exhibit = "ev-1"}, "no English");
  ks_diag_add(d, KS_ERROR, (ks_loc){.file = "a.kpack"}, "is truncated");
  assert_string_equal(ks_diag_text(d, 0),
                      "content/events/x.md:4: error: date \"2003-13\" is not a valid month");
  assert_string_equal(ks_diag_text(d, 1), "a.kpack: exhibit ev-1: warning: no English");
  assert_string_equal(ks_diag_text(d, 2), "a.kpack: error: is truncated");
  assert_int_equal(ks_diag_count(d, KS_ERROR), 2);
  assert_int_equal(ks_diag_count(d, KS_WARNING), 1);
  assert_true(ks_diag_contains(d, "valid month"));
  assert_false(ks_diag_contains(d, "valid day"));

  char buf[2048] = {0};
  FILE *f = fmemopen(buf, sizeof buf - 1, "w");
  ks_diag_print(d, f);
  fclose(f);
  assert_non_null(strstr(buf, "\n2 errors, 1 warning\n"));
  ks_diag_destroy(d);
}

static void json_escapes_and_counts(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_diag_error(d, "x\"y.md", 2, "tab\there \\ and \"quotes\"");
  char buf[1024] = {0};
  FILE *f = fmemopen(buf, sizeof buf - 1, "w");
  ks_diag_print_json(d, f);
  fclose(f);
  assert_string_equal(buf, "{\"errors\":1,\"warnings\":0,\"findings\":[\n"
                           "{\"severity\":\"error\",\"file\":\"x\\\"y.md\",\"line\":2,"
                           "\"message\":\"tab\\u0009here \\\\ and \\\"quotes\\\"\"}]}\n");
  ks_diag_destroy(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(prints_like_a_compiler),
      cmocka_unit_test(json_escapes_and_counts),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
