#include "test_support.h"

#include "kiosk/lang.h"
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

/* Every kind of character that can act on a terminal or reorder a line comes out visible. */
static void escapes_controls_visibly(void **state) {
  (void)state;
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"plain 名字.kpack", "plain 名字.kpack"},
      {"a\nb\rc\td", "a\\nb\\rc\\td"},
      {"\x1b[2J\x7f\x01", "\\x1b[2J\\x7f\\x01"},
      {"\xc2\x85\xc2\x9b", "\\u0085\\u009b"},                            /* C1 */
      {"\xe2\x80\xae\xe2\x81\xa6\xe2\x80\xa8", "\\u202e\\u2066\\u2028"}, /* bidi, LS */
      {"bad\xff\xc3", "bad\\xff\\xc3"},                                  /* not UTF-8 */
      {"back\\slash", "back\\slash"}, /* left alone: escaping twice changes nothing */
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char out[64];
    size_t need = ks_text_escape(cases[i].in, out, sizeof out);
    assert_string_equal(out, cases[i].out);
    assert_int_equal(need, strlen(cases[i].out));
    char twice[64];
    ks_text_escape(out, twice, sizeof twice);
    assert_string_equal(twice, out);
  }
  /* Cut short, it never splits an escape or a character, and says how much it needed. */
  char small[6];
  assert_int_equal(ks_text_escape("ab\x1b"
                                  "c",
                                  small, sizeof small),
                   7);
  assert_string_equal(small, "ab");
  assert_int_equal(ks_text_escape("名字", small, sizeof small), 6);
  assert_string_equal(small, "名");
  char *dup = ks_text_escape_dup("x\ny");
  assert_string_equal(dup, "x\\ny");
  free(dup);
}

/* Languages are BCP 47 tags, checked by their form; what the kiosk does with one follows from the
 * script it is written in. */
static void language_tags_and_their_scripts(void **state) {
  (void)state;
  static const char *const good[] = {
      "zh",         "en",      "ja",    "ko",          "zh-Hant",
      "zh-Hant-TW", "zh-TW",   "en-GB", "es-419",      "sr-Latn-RS",
      "de-CH-1996", "ZH-hans", "yue",   "en-x-museum", "zh-cmn-Hans-CN"};
  for (size_t i = 0; i < sizeof good / sizeof *good; i++)
    if (!ks_lang_tag_valid(good[i]))
      fail_msg("%s is a tag", good[i]);
  static const char *const bad[] = {"",
                                    "z",
                                    "zh_CN",
                                    "zh-",
                                    "-zh",
                                    "zh--Hant",
                                    "x-private",
                                    "i-klingon",
                                    "中文",
                                    "en-a",
                                    "zh-Hant-TW-toolongvariant1",
                                    "en-GB-x",
                                    "aaaaaaaaa"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (ks_lang_tag_valid(bad[i]))
      fail_msg("%s is not a tag", bad[i]);
  assert_false(ks_lang_tag_valid(NULL));
  assert_int_equal(ks_lang_script("zh"), KS_SCRIPT_HANS);
  assert_int_equal(ks_lang_script("zh-Hans"), KS_SCRIPT_HANS);
  assert_int_equal(ks_lang_script("zh-TW"), KS_SCRIPT_HANT);
  assert_int_equal(ks_lang_script("zh-Hant"), KS_SCRIPT_HANT);
  assert_int_equal(ks_lang_script("zh-HK"), KS_SCRIPT_HANT);
  assert_int_equal(ks_lang_script("ja"), KS_SCRIPT_JPAN);
  assert_int_equal(ks_lang_script("ja-JP"), KS_SCRIPT_JPAN);
  assert_int_equal(ks_lang_script("ko"), KS_SCRIPT_KORE);
  assert_int_equal(ks_lang_script("en"), KS_SCRIPT_OTHER);
  assert_int_equal(ks_lang_script("ja-Latn"), KS_SCRIPT_OTHER); /* romaji */
  assert_true(ks_lang_is_cjk("ja") && ks_lang_is_cjk("zh-Hant") && !ks_lang_is_cjk("en"));
  assert_true(ks_lang_same("zh-hant", "zh-Hant") && !ks_lang_same("zh", "zh-Hant"));
  char r[4];
  ks_lang_region("zh-Hant-hk", r);
  assert_string_equal(r, "HK");
  ks_lang_region("ja", r);
  assert_string_equal(r, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(decodes_each_length),
      cmocka_unit_test(language_tags_and_their_scripts),
      cmocka_unit_test(rejects_what_rfc3629_forbids),
      cmocka_unit_test(finds_the_first_bad_byte),
      cmocka_unit_test(escapes_controls_visibly),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
