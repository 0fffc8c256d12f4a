#include "test_support.h"

#include "kiosk/utf8.h"

static void decodes_each_length(void **state) {
  (void)state;
  static const struct {
    const char *s;
    uint32_t cp;
    size_t len;
  } cases[] = {
      {"A", 'A', 1}, {"\xc3\xa9", 0xe9, 2}, {"合", 0x5408, 3}, {"\xf0\x9f\x98\x80", 0x1f600, 4}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    uint32_t cp = 0;
    assert_int_equal(ks_utf8_decode(cases[i].s, strlen(cases[i].s), &cp), cases[i].len);
    assert_int_equal(cp, cases[i].cp);
  }
}

static void rejects_what_rfc3629_forbids(void **state) {
  (void)state;
  static const char *bad[] = {
      "\x80",             /* lone continuation */
      "\xc0\xaf",         /* overlong '/' */
      "\xe0\x80\xaf",     /* overlong, three bytes */
      "\xed\xa0\x80",     /* surrogate U+D800 */
      "\xf4\x90\x80\x80", /* past U+10FFFF */
      "\xe5\x90",         /* truncated */
      "\xff",
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    uint32_t cp;
    assert_int_equal(ks_utf8_decode(bad[i], strlen(bad[i]), &cp), 0);
  }
}

static void finds_the_first_bad_byte(void **state) {
  (void)state;
  size_t bad = 99;
  assert_true(ks_utf8_valid("长三角 G60", strlen("长三角 G60"), &bad));
  const char s[] = "长三\xe8角";
  assert_false(ks_utf8_valid(s, strlen(s), &bad));
  assert_int_equal(bad, 6);
  assert_int_equal(ks_utf8_length("长三角G60"), 6);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(decodes_each_length),
      cmocka_unit_test(rejects_what_rfc3629_forbids),
      cmocka_unit_test(finds_the_first_bad_byte),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
