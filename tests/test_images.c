#include "test_support.h"

#include "kiosk/images.h"

#include <SDL.h>

static unsigned char *png;
static size_t png_size;

static int setup(void **state) {
  (void)state;
  png = ts_read(KS_TEST_FIXTURES "/good/images/sensor.png", &png_size);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  free(png);
  return 0;
}

static void decodes_off_thread_then_ready(void **state) {
  (void)state;
  ks_images *im = ks_images_create(NULL, 1 << 20);
  SDL_Texture *tex;
  /* The first ask only queues it: the UI thread never waits for a decode. */
  assert_int_equal(ks_images_get(im, png, png_size, 160, 90, &tex), KS_IMAGE_LOADING);
  ks_images_settle(im);
  assert_true(ks_images_changed(im));
  assert_false(ks_images_changed(im)); /* reported once */
  assert_int_equal(ks_images_get(im, png, png_size, 160, 90, &tex), KS_IMAGE_READY);
  ks_images_destroy(im);
}

static void broken_bytes_are_reported_not_crashed(void **state) {
  (void)state;
  ks_images *im = ks_images_create(NULL, 1 << 20);
  SDL_Texture *tex;
  unsigned char lie[64];
  memcpy(lie, png, 24); /* a PNG header, then nothing that decodes */
  memset(lie + 24, 0xab, sizeof lie - 24);
  const char text[] = "not an image at all";
  ks_images_get(im, lie, sizeof lie, 100, 100, &tex);
  ks_images_get(im, text, sizeof text, 100, 100, &tex);
  ks_images_settle(im);
  assert_int_equal(ks_images_get(im, lie, sizeof lie, 100, 100, &tex), KS_IMAGE_BROKEN);
  assert_int_equal(ks_images_get(im, text, sizeof text, 100, 100, &tex), KS_IMAGE_BROKEN);
  assert_null(tex);
  assert_int_equal(ks_images_get(im, NULL, 0, 100, 100, &tex), KS_IMAGE_BROKEN);
  ks_images_destroy(im);
}

static void budget_evicts_the_least_recently_used(void **state) {
  (void)state;
  /* Room for one 100x100 image (40 000 bytes) and a half. */
  ks_images *im = ks_images_create(NULL, 60000);
  SDL_Texture *tex;
  ks_images_get(im, png, png_size, 100, 100, &tex);
  ks_images_settle(im);
  assert_int_equal(ks_images_get(im, png, png_size, 100, 100, &tex), KS_IMAGE_READY);
  ks_images_get(im, png, png_size, 100, 101, &tex); /* the same image at another size */
  ks_images_settle(im);
  assert_int_equal(ks_images_get(im, png, png_size, 100, 101, &tex), KS_IMAGE_READY);
  /* The first was evicted to make room: asking again starts over. */
  assert_int_equal(ks_images_get(im, png, png_size, 100, 100, &tex), KS_IMAGE_LOADING);
  ks_images_destroy(im); /* with a job possibly under way: must join cleanly */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(decodes_off_thread_then_ready),
      cmocka_unit_test(broken_bytes_are_reported_not_crashed),
      cmocka_unit_test(budget_evicts_the_least_recently_used),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
