/* Numbers as articles write them, read for a chart's bar heights (kiosk/amount.h). */
#include "test_support.h"

#include "kiosk/amount.h"

#include <math.h>

static void reads_what_the_articles_write(void **state) {
  (void)state;
  static const struct {
    const char *text;
    double value;
  } cases[] = {
      /* every form the bundled statistics and figures use */
      {"28634", 28634},
      {"4万多", 40000},
      {"1.4万余", 14000},
      {"5446万", 54460000},
      {"3632万", 36320000},
      {"2300多", 2300},
      {"3000余", 3000},
      {"109.49", 109.49},
      {"100.00", 100},
      {"1/8", 0.125},
      {"1/12", 1.0 / 12},
      {"六", 6},
      {"超327", 327},
      {"近1/4", 0.25},
      /* the translated forms */
      {"28,634", 28634},
      {"40,000+", 40000},
      {"32.7 billion", 32.7e9},
      {"104 million", 104e6},
      {"over 3,000", 3000},
      {"about 54.46 million", 54.46e6},
      /* Chinese numerals and multipliers */
      {"十", 10},
      {"十二", 12},
      {"二十", 20},
      {"三百五十", 350},
      {"两千", 2000},
      {"一千零五", 1005},
      {"四万多", 40000},
      {"3千", 3000},
      {"1.2亿", 1.2e8},
      {"2万亿", 2e12},
      {"超过500", 500},
      {"约 7", 7},
      {" 42 ", 42},
      {"-2.5", -2.5},
      {"0.5以上", 0.5},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    double v = -1;
    if (!ks_amount_parse(cases[i].text, &v))
      fail_msg("\"%s\" was not read", cases[i].text);
    if (fabs(v - cases[i].value) > 1e-9 * fabs(cases[i].value))
      fail_msg("\"%s\" read as %.17g, not %.17g", cases[i].text, v, cases[i].value);
  }
}

static void refuses_what_is_not_one_number(void **state) {
  (void)state;
  static const char *bad[] = {
      "",     "  ",    "万",    "多",      "abc",        "1/0",  "1/",   "/8",
      "1..2", "1.2.3", "12abc", "4万多个", "1,2,3,4",    ",100", "100,", "3 4",
      "1e5",  "0x10",  "inf",   "nan",     "1/8万",      "百",   "十十", "++1",
      "超",   "--3",   "1万万", "over",    "2 millions", "5%",   "一二",
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    double v = 7;
    if (ks_amount_parse(bad[i], &v))
      fail_msg("\"%s\" was read, as %g", bad[i], v);
    assert_true(v == 7); /* left alone */
  }
  double v = 7;
  assert_false(ks_amount_parse(NULL, &v));
  /* Too large to be finite: 400 nines times 亿. */
  char huge[420];
  memset(huge, '9', 400);
  strcpy(huge + 400, "亿");
  assert_false(ks_amount_parse(huge, &v));
  assert_true(v == 7);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reads_what_the_articles_write),
      cmocka_unit_test(refuses_what_is_not_one_number),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
