#include "test_support.h"

#include "kiosk/image.h"

#include <SDL.h>
#include <SDL_image.h>

/* Encodes a w×h surface as JPEG in memory (SDL_image's encoder), for the JPEG paths. */
static unsigned char *make_jpeg(int w, int h, size_t *n) {
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24);
  assert_non_null(s);
  SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 30, 90, 200));
  size_t cap = 1 << 20;
  unsigned char *buf = malloc(cap);
  SDL_RWops *rw = SDL_RWFromMem(buf, (int)cap);
  assert_int_equal(IMG_SaveJPG_RW(s, rw, 0, 90), 0);
  *n = (size_t)SDL_RWtell(rw);
  SDL_RWclose(rw);
  SDL_FreeSurface(s);
  return buf;
}

static void sniffs_by_bytes(void **state) {
  (void)state;
  size_t n;
  unsigned char *png = ts_read(KS_TEST_FIXTURES "/good/images/sensor.png", &n);
  assert_int_equal(ks_image_sniff(png, n), KS_IMAGE_PNG);
  assert_string_equal(ks_image_mime(KS_IMAGE_PNG), "image/png");
  assert_int_equal(ks_image_sniff((const unsigned char *)"GIF89a", 6), KS_IMAGE_UNKNOWN);
  assert_int_equal(ks_image_sniff(png, 4), KS_IMAGE_UNKNOWN);
  int w, h;
  assert_true(ks_image_dimensions(png, n, KS_IMAGE_PNG, &w, &h));
  assert_int_equal(w, 4);
  assert_int_equal(h, 3);
  char err[256];
  assert_true(ks_image_decode_check(png, n, KS_IMAGE_PNG, err, sizeof err));
  assert_false(ks_image_decode_check(png, n - 20, KS_IMAGE_PNG, err, sizeof err));
  free(png);
}

static void reads_jpeg_dimensions_and_decodes(void **state) {
  (void)state;
  size_t n;
  unsigned char *jpg = make_jpeg(37, 21, &n);
  assert_int_equal(ks_image_sniff(jpg, n), KS_IMAGE_JPEG);
  int w = 0, h = 0;
  assert_true(ks_image_dimensions(jpg, n, KS_IMAGE_JPEG, &w, &h));
  assert_int_equal(w, 37);
  assert_int_equal(h, 21);
  char err[256];
  assert_true(ks_image_decode_check(jpg, n, KS_IMAGE_JPEG, err, sizeof err));
  /* Garbage after the header: the header still reads, the decode must fail cleanly. */
  memset(jpg + n / 2, 0, n - n / 2);
  assert_false(ks_image_decode_check(jpg, n / 2, KS_IMAGE_JPEG, err, sizeof err) &&
               ks_image_decode_check(jpg, 200, KS_IMAGE_JPEG, err, sizeof err));
  free(jpg);
}

static void malformed_headers_are_refused(void **state) {
  (void)state;
  int w, h;
  const unsigned char jpeg_no_frame[] = {0xff, 0xd8, 0xff, 0xd9, 0, 0};
  assert_false(ks_image_dimensions(jpeg_no_frame, sizeof jpeg_no_frame, KS_IMAGE_JPEG, &w, &h));
  const unsigned char jpeg_bad_len[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0, 0};
  assert_false(ks_image_dimensions(jpeg_bad_len, sizeof jpeg_bad_len, KS_IMAGE_JPEG, &w, &h));
  const unsigned char png_short[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
  assert_false(ks_image_dimensions(png_short, sizeof png_short, KS_IMAGE_PNG, &w, &h));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(sniffs_by_bytes),
      cmocka_unit_test(reads_jpeg_dimensions_and_decodes),
      cmocka_unit_test(malformed_headers_are_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
