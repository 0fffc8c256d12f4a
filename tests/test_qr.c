/* The QR code encoder (app/render/qr.c): symbols of the size their text needs, with the
 * patterns a phone finds them by; the e2e test e2e.qr-decodes reads one back off a page. */
#include "test_support.h"

#include "kiosk/content.h"
#include "kiosk/qr.h"

static const char *const URL = "https://example.org/labs/quantum-sensor?lang=zh&id=42";

/* The 7×7 finder pattern with its top left at (x, y): a dark ring, a light ring, a dark 3×3. */
static void assert_finder(const ks_qr *qr, int x, int y) {
  for (int dy = 0; dy < 7; dy++)
    for (int dx = 0; dx < 7; dx++) {
      int ring = dx < dy ? dx : dy;
      ring = ring < 6 - dx ? ring : 6 - dx;
      ring = ring < 6 - dy ? ring : 6 - dy;
      bool dark = ring != 1;
      if (ks_qr_dark(qr, x + dx, y + dy) != dark)
        fail_msg("finder at (%d, %d): module (%d, %d) should be %s", x, y, dx, dy,
                 dark ? "dark" : "light");
    }
}

static void encodes_a_url_into_a_symbol(void **state) {
  (void)state;
  char err[160];
  ks_qr *qr = ks_qr_encode(URL, err, sizeof err);
  assert_non_null(qr);
  /* 53 bytes at level M need version 4 (at most 62 bytes): 33 modules a side. */
  assert_int_equal(ks_qr_version(qr), 4);
  int w = ks_qr_width(qr);
  assert_int_equal(w, 17 + 4 * ks_qr_version(qr));
  /* The three finder patterns, each with a light separator on its inner sides. */
  assert_finder(qr, 0, 0);
  assert_finder(qr, w - 7, 0);
  assert_finder(qr, 0, w - 7);
  for (int i = 0; i < 8; i++) {
    assert_false(ks_qr_dark(qr, i, 7));
    assert_false(ks_qr_dark(qr, 7, i));
    assert_false(ks_qr_dark(qr, w - 1 - i, 7));
    assert_false(ks_qr_dark(qr, i, w - 8));
  }
  /* The timing patterns between the finders alternate, dark on even modules. */
  for (int i = 8; i < w - 8; i++) {
    assert_int_equal(ks_qr_dark(qr, i, 6), i % 2 == 0);
    assert_int_equal(ks_qr_dark(qr, 6, i), i % 2 == 0);
  }
  /* The one module that is dark in every symbol. */
  assert_true(ks_qr_dark(qr, 8, w - 8));
  /* Around it, the quiet zone and beyond: light. */
  for (int i = -KS_QR_QUIET; i < w + KS_QR_QUIET; i++) {
    assert_false(ks_qr_dark(qr, i, -1));
    assert_false(ks_qr_dark(qr, -1, i));
    assert_false(ks_qr_dark(qr, i, w));
    assert_false(ks_qr_dark(qr, w, i));
  }
  assert_false(ks_qr_dark(qr, -2147483647 - 1, 0));
  assert_false(ks_qr_dark(qr, 0, 2147483647));
  /* About half the modules are dark (the mask evens them out). */
  int dark = 0;
  for (int y = 0; y < w; y++)
    for (int x = 0; x < w; x++)
      dark += ks_qr_dark(qr, x, y);
  assert_in_range(dark, w * w * 35 / 100, w * w * 65 / 100);
  ks_qr_free(qr);
}

/* The same text, the same symbol; another text, another. */
static void is_a_function_of_the_text(void **state) {
  (void)state;
  char err[160];
  ks_qr *a = ks_qr_encode(URL, err, sizeof err), *b = ks_qr_encode(URL, err, sizeof err);
  ks_qr *c = ks_qr_encode("https://example.org/labs/quantum-sensor?lang=zh&id=43", err, sizeof err);
  assert_true(a && b && c);
  int w = ks_qr_width(a), differ = 0;
  assert_int_equal(ks_qr_width(c), w);
  for (int y = 0; y < w; y++)
    for (int x = 0; x < w; x++) {
      assert_int_equal(ks_qr_dark(a, x, y), ks_qr_dark(b, x, y));
      differ += ks_qr_dark(a, x, y) != ks_qr_dark(c, x, y);
    }
  assert_true(differ > 0);
  ks_qr_free(a);
  ks_qr_free(b);
  ks_qr_free(c);
  ks_qr_free(NULL);
}

/* The longest url the validator lets through (KS_URL_MAX bytes) stays at version 8, 49 modules,
 * whatever its characters: what the page's size for a code is worked out for. */
static void the_longest_url_stays_small(void **state) {
  (void)state;
  static const char *const fills[] = {"a", "Z", "7", "%E4", "-._~/?=&#", "Ab3%/_"};
  for (size_t f = 0; f < sizeof fills / sizeof *fills; f++) {
    char url[KS_URL_MAX + 1];
    size_t n = (size_t)snprintf(url, sizeof url, "https://www.example.com/");
    while (n < KS_URL_MAX)
      url[n] = fills[f][n % strlen(fills[f])], n++;
    url[n] = '\0';
    char err[160];
    ks_qr *qr = ks_qr_encode(url, err, sizeof err);
    assert_non_null(qr);
    if (ks_qr_version(qr) > 8)
      fail_msg("%s: version %d, more than 8", url, ks_qr_version(qr));
    ks_qr_free(qr);
  }
}

static void refuses_what_no_code_holds(void **state) {
  (void)state;
  char err[160];
  assert_null(ks_qr_encode("", err, sizeof err));
  assert_non_null(strstr(err, "empty"));
  assert_null(ks_qr_encode(NULL, err, sizeof err));
  static char huge[4001];
  memset(huge, 'a', sizeof huge - 1);
  assert_null(ks_qr_encode(huge, err, sizeof err));
  assert_string_equal(err,
                      "cannot make a QR code of a text of 4000 bytes: too long for any QR code");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(encodes_a_url_into_a_symbol),
      cmocka_unit_test(is_a_function_of_the_text),
      cmocka_unit_test(the_longest_url_stays_small),
      cmocka_unit_test(refuses_what_no_code_holds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
