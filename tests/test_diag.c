#include "test_support.h"

#include "kiosk/diag.h"

#include <stdbool.h>

/* What ks_diag_print (or, with `json`, ks_diag_print_json) writes, into `buf`. */
static const char *printed(const ks_diag *d, bool json, char *buf, size_t size) {
  memset(buf, 0, size);
  FILE *f = fmemopen(buf, size - 1, "w");
  assert_non_null(f);
  (json ? ks_diag_print_json : ks_diag_print)(d, f);
  fclose(f);
  return buf;
}

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

  char buf[2048];
  assert_non_null(strstr(printed(d, false, buf, sizeof buf), "\n2 errors, 1 warning\n"));
  ks_diag_destroy(d);
}

static void json_escapes_and_counts(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_diag_error(d, "x\"y.md", 2, "tab\there \\ and \"quotes\"");
  char buf[1024];
  assert_string_equal(printed(d, true, buf, sizeof buf),
                      "{\"errors\":1,\"warnings\":0,\"findings\":[\n"
                      "{\"severity\":\"error\",\"file\":\"x\\\"y.md\",\"line\":2,"
                      "\"message\":\"tab\\u0009here \\\\ and \\\"quotes\\\"\"}]}\n");
  ks_diag_destroy(d);
}

/* True when `s` holds no byte a terminal acts on: C0 controls (a newline too), DEL, and C1
 * controls in their UTF-8 form (U+0080–U+009F are 0xC2 0x80–0x9F). */
static bool no_control_bytes(const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if (*p < 0x20 || *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
      return false;
  return true;
}

/* A file named to forge a log line and clear the terminal prints as one visible line. */
static void names_print_with_controls_escaped(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_diag_error(d, "ev\n[fake] error\x1b[2J.md", 2, "image \"%s\" is missing",
                "a\r\xc2\x9b"
                "31m\xe2\x80\xae"
                "gnp.exe\xff");
  const char *text = ks_diag_text(d, 0);
  assert_true(no_control_bytes(text));
  assert_string_equal(text, "ev\\n[fake] error\\x1b[2J.md:2: error: image "
                            "\"a\\r\\u009b31m\\u202egnp.exe\\xff\" is missing");

  char buf[2048];
  assert_string_equal(printed(d, false, buf, sizeof buf),
                      "ev\\n[fake] error\\x1b[2J.md:2: error: image "
                      "\"a\\r\\u009b31m\\u202egnp.exe\\xff\" is missing\n"
                      "1 error, 0 warnings\n");

  /* JSON keeps the name exact where it can (a \u escape a parser turns back into the
   * character) and says which byte where it cannot (bytes that are not UTF-8). */
  const char *finding = strstr(printed(d, true, buf, sizeof buf),
                               "[\n{"); /* the one newline inside, before each finding */
  assert_non_null(finding);
  size_t n = strlen(buf);
  assert_true(buf[n - 1] == '\n');
  buf[n - 1] = '\0';
  assert_true(no_control_bytes(finding + 2));
  assert_non_null(strstr(buf, "\"file\":\"ev\\u000a[fake] error\\u001b[2J.md\""));
  assert_non_null(strstr(
      buf, "\"message\":\"image \\\"a\\u000d\\u009b31m\\u202egnp.exe\\\\xff\\\" is missing\""));
  ks_diag_destroy(d);
}

/* Lines printed for people go through the same escape, wherever the name sits in the line. */
static void log_lines_escape_names(void **state) {
  (void)state;
  char buf[512] = {0};
  FILE *f = fmemopen(buf, sizeof buf - 1, "w");
  ks_diag_log(f, "kiosk: found %s (%d bytes)", "/media/s/x\nkiosk: Installed content pack\x1b]0;",
              7);
  fclose(f);
  assert_string_equal(
      buf, "kiosk: found /media/s/x\\nkiosk: Installed content pack\\x1b]0; (7 bytes)\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(prints_like_a_compiler),
      cmocka_unit_test(json_escapes_and_counts),
      cmocka_unit_test(names_print_with_controls_escaped),
      cmocka_unit_test(log_lines_escape_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
