/* The start-up path: the panel's size in millimetres from a diagonal, the options or nothing,
 * turned with the picture; and a session started on a canvas shows the content it was given. */
#include "test_support.h"

#include "kiosk/session.h"
#include "kiosk/source.h"

#include <math.h>

/* 7 inches over 800x480: 177.8 mm of diagonal on a 5:3 panel, 152.5 x 91.5 mm. */
static void diagonal_gives_millimetres(void **state) {
  (void)state;
  float w, h;
  assert_true(ks_session_diagonal_mm(7, 800, 480, 0, &w, &h));
  assert_float_equal(w, 152.47f, 0.01);
  assert_float_equal(h, 91.48f, 0.01);
  assert_float_equal(sqrtf(w * w + h * h), 7 * 25.4f, 0.01);
  assert_true(ks_session_diagonal_mm(7, 800, 480, 180, &w, &h));
  assert_float_equal(w, 152.47f, 0.01);
  /* Turned a quarter either way, the frame the screens are laid out in is portrait. */
  assert_true(ks_session_diagonal_mm(7, 800, 480, 90, &w, &h));
  assert_float_equal(w, 91.48f, 0.01);
  assert_float_equal(h, 152.47f, 0.01);
  assert_true(ks_session_diagonal_mm(7, 800, 480, 270, &w, &h));
  assert_float_equal(w, 91.48f, 0.01);
  /* 55 inches of 16:9 at 1920x1080: 1217.6 x 684.9 mm. */
  assert_true(ks_session_diagonal_mm(55, 1920, 1080, 0, &w, &h));
  assert_float_equal(w, 1217.6f, 0.1);
  assert_float_equal(h, 684.9f, 0.1);
  /* Nothing to go on: unknown, 0 x 0. */
  const float bad[] = {0, -7, NAN, INFINITY};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    w = h = 1;
    assert_false(ks_session_diagonal_mm(bad[i], 800, 480, 0, &w, &h));
    assert_true(w == 0 && h == 0);
  }
  assert_false(ks_session_diagonal_mm(7, 0, 480, 0, &w, &h));
  assert_false(ks_session_diagonal_mm(7, 800, -1, 0, &w, &h));
  assert_true(w == 0 && h == 0);
}

static ks_content *fixture(void) {
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_source_load(KS_TEST_FIXTURES "/good", d);
  ks_diag_destroy(d);
  assert_non_null(c);
  return c;
}

static ks_session *open_canvas(const ks_content *c, int rotation, float w_mm, float h_mm,
                               float diagonal) {
  ks_session *s = ks_session_open(&(ks_session_opts){.cmd = "test",
                                                     .content = c,
                                                     .fonts_dir = KS_TEST_FONTS,
                                                     .target = KS_SESSION_CANVAS,
                                                     .width = 800,
                                                     .height = 480,
                                                     .rotation = rotation,
                                                     .panel_w_mm = w_mm,
                                                     .panel_h_mm = h_mm,
                                                     .panel_diagonal_in = diagonal,
                                                     .map_later = true});
  assert_non_null(s);
  return s;
}

/* The options' size, turned with the picture; panel_mm wins over the diagonal; a canvas with
 * neither has no size. */
static void session_knows_the_panel(void **state) {
  (void)state;
  ks_content *c = fixture();
  float w, h;
  ks_session *s = open_canvas(c, 0, 155, 86, 0);
  ks_session_panel_mm(s, &w, &h);
  assert_true(w == 155 && h == 86);
  ks_session_close(s);
  s = open_canvas(c, 270, 155, 86, 7);
  ks_session_panel_mm(s, &w, &h);
  assert_true(w == 86 && h == 155);
  ks_session_close(s);
  s = open_canvas(c, 90, 0, 0, 7);
  ks_session_panel_mm(s, &w, &h);
  assert_float_equal(w, 91.48f, 0.01);
  assert_float_equal(h, 152.47f, 0.01);
  ks_session_close(s);
  s = open_canvas(c, 0, 0, 0, 0);
  ks_session_panel_mm(s, &w, &h);
  assert_true(w == 0 && h == 0);
  /* What the session opened is what it shows. */
  assert_ptr_equal(ks_session_content(s), c);
  assert_null(ks_session_pack(s));
  assert_null(ks_session_window(s));
  assert_non_null(ks_session_canvas(s));
  assert_non_null(ks_session_gfx(s));
  assert_int_equal(ks_ui_screen(ks_session_ui(s)), KS_SCREEN_HOME);
  ks_ui_draw(ks_session_ui(s), ks_session_gfx(s));
  ks_session_close(s);
  ks_content_destroy(c);
}

/* A session for a day shows that day's exhibits; a new day that shows others gives a new UI for
 * them, one that shows the same gives none. */
static void session_shows_the_days_exhibits(void **state) {
  (void)state;
  ks_content *c = fixture();
  ((ks_exhibit *)ks_content_find(c, "ev-2021-05-27-joint-lab"))->show_from = "2026-12-01";
  ks_session_opts o = {.cmd = "test",
                       .content = c,
                       .fonts_dir = KS_TEST_FONTS,
                       .target = KS_SESSION_NONE,
                       .width = 800,
                       .height = 480,
                       .map_later = true,
                       .date = "2026-11-30"};
  ks_session *s = ks_session_open(&o);
  assert_non_null(s);
  assert_int_equal(ks_session_content(s)->n_exhibits, 2);
  assert_null(ks_session_new_day(s, "2026-11-30"));
  ks_ui *ui = ks_session_new_day(s, "2026-12-01");
  assert_non_null(ui);
  const char *const *ids;
  assert_int_equal(ks_store_ids(ks_ui_store(ui), &ids), 3);
  ks_session_adopt(s, NULL, NULL, "2026-12-01", ui);
  assert_ptr_equal(ks_session_ui(s), ui);
  assert_int_equal(ks_session_content(s)->n_exhibits, 3);
  assert_null(ks_session_new_day(s, "2026-12-02"));
  ks_session_close(s);
  /* Without a date, every exhibit. */
  o.date = NULL;
  s = ks_session_open(&o);
  assert_int_equal(ks_session_content(s)->n_exhibits, 3);
  ks_session_close(s);
  ks_content_destroy(c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(diagonal_gives_millimetres),
      cmocka_unit_test(session_knows_the_panel),
      cmocka_unit_test(session_shows_the_days_exhibits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
