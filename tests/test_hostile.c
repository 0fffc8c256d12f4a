/* The screens against content no validator has seen: every value a pack can hold, however
 * absurd, is drawn or skipped — never trusted into an index, an allocation size, a signed
 * overflow or a float-to-int conversion. The content is built in memory (as a pack read without
 * verification would give it) and every screen is drawn, in both languages, landscape, portrait
 * and tiny. Under the asan preset UBSan stops at the first undefined operation, so a screen that
 * trusts a value fails here. */
#include "test_support.h"

#include "kiosk/canvas.h"
#include "kiosk/gesture.h"
#include "kiosk/pack.h"
#include "kiosk/source.h"
#include "kiosk/textbreak.h"
#include "kiosk/ui.h"
#include "kiosk/vet.h"

#include <limits.h>
#include <math.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  ks_content *content;
  ks_fonts *fonts;
} rig;

static ks_exhibit *add(ks_content *c, const char *id, ks_kind kind, const char *title) {
  ks_exhibit *e = ks_content_add_exhibit(c);
  e->id = id;
  e->kind = kind;
  e->title.s[TS_ZH] = title;
  e->title.s[TS_EN] = title;
  e->summary.s[TS_ZH] = "摘要";
  return e;
}

static ks_exhibit *event(ks_content *c, const char *id, const char *date) {
  ks_exhibit *e = add(c, id, KS_KIND_EVENT, date);
  e->date = date;
  e->body.s[TS_ZH] = "第一段\n第二段";
  return e;
}

static ks_exhibit *city(ks_content *c, const char *id, int order, double lat, double lon) {
  ks_exhibit *e = add(c, id, KS_KIND_CITY, id);
  e->corridor = order != 0 ? "g60" : NULL;
  e->corridor_order = order;
  e->lat = lat;
  e->lon = lon;
  e->has_position = true;
  e->province = "shanghai";
  return e;
}

static ks_exhibit *achievement(ks_content *c, const char *id, int year) {
  ks_exhibit *e = add(c, id, KS_KIND_ACHIEVEMENT, id);
  e->year = year;
  e->field = "chips";
  static ks_figure fig = {.value = "42", .unit = {{"亿元", "100 million yuan"}, 0}};
  e->figures = &fig;
  e->n_figures = 1;
  return e;
}

/* A statistic whose values are long, undated, of no unit and out of order: drawn all the same. */
static ks_exhibit *statistic(ks_content *c, const char *id) {
  ks_exhibit *e = add(c, id, KS_KIND_STATISTIC, id);
  static ks_stat_value values[] = {
      {.value = "123456789012345678901234567890", .as_of = "2099-99", .basis = "target"},
      {.value = "4万多", .approx = "bogus", .as_of = NULL, .from = "x", .as_of_basis = "reported"},
      {.value = NULL, .as_of = "2019", .unit = {{"台（套）", "instruments"}, 0}},
  };
  e->values = values;
  e->n_values = sizeof values / sizeof *values;
  e->measure.s[TS_ZH] = "度量";
  return e;
}

/* Content holding each hostile value the screens once trusted. */
static ks_content *hostile(void) {
  ks_content *c = ks_content_create("hostile");
  ks_content_set_zh_en(c);
  c->meta.id = "hostile";
  c->meta.title.s[TS_ZH] = "敌意内容";
  /* Dates: a month past the month names, before them, a day with month 13, years beyond int. */
  statistic(c, "stat-hostile");
  event(c, "ev-month-99999", "2022-99999");
  event(c, "ev-month-13", "2022-13-05");
  event(c, "ev-month-negative", "2022--5-01");
  event(c, "ev-year-2-31", "2147483648");
  event(c, "ev-year-int64-max", "9223372036854775807");
  event(c, "ev-year-int64-min", "-9223372036854775808");
  event(c, "ev-year-int-min", "-2147483648-01-01");
  event(c, "ev-empty", "");
  event(c, "ev-letters", "abcd-ef-gh");
  event(c, "ev-plain", "2003-11-07");
  /* Corridor orders at both ends of int: a comparator that subtracts overflows and is not
   * transitive; positions that are infinite, not numbers, or far off the map. */
  city(c, "city-order-max", INT_MAX, 31.2, 121.5);
  city(c, "city-order-min", INT_MIN, INFINITY, 121.0);
  city(c, "city-order-2-31", (int)-2147483647 - 1, NAN, NAN);
  city(c, "city-order-one", 1, 1e308, -1e308);
  city(c, "city-order-minus", -1, 30.0, -INFINITY);
  city(c, "city-off-corridor", 0, -1e308, 1e308);
  city(c, "city-fine", 2, 30.5, 120.5);
  city(c, "city-no-position", 3, 0, 0)->has_position = false;
  /* Years at both ends of int: the gallery's newest-first order subtracts them. */
  achievement(c, "ach-year-max", INT_MAX);
  achievement(c, "ach-year-min", INT_MIN);
  achievement(c, "ach-year-zero", 0);
  achievement(c, "ach-year-minus", -1);
  /* Texts a damaged pack leaves out, though its schema says NOT NULL (a reader gives NULL). */
  event(c, "ev-no-date", NULL);
  ks_exhibit *e = achievement(c, "ach-nulls", 2020);
  static ks_figure no_value = {.value = NULL};
  static ks_link no_target = {.target = NULL};
  static ks_citation no_source = {.source = NULL};
  static ks_text no_text = {{NULL, NULL}, 0};
  e->figures = &no_value;
  e->links = &no_target, e->n_links = 1;
  e->citations = &no_source, e->n_citations = 1;
  e->organisations = &no_text, e->n_organisations = 1;
  e->field = NULL;
  static ks_source no_title = {.id = "src-untitled"};
  static ks_citation untitled = {.source = "src-untitled"};
  c->sources = &no_title, c->n_sources = 1;
  ks_exhibit *u = event(c, "ev-untitled-source", "2020");
  u->citations = &untitled, u->n_citations = 1;
  /* A title of 600,000 ideographs (1.8 MB; a pack's texts may reach 8 MiB): set large in the
   * attract loop, their advances sum past what an int32 of 26.6 pixels holds. */
  enum { LONG_TITLE = 600000 };
  char *title = ks_arena_alloc(c->arena, 3 * LONG_TITLE + 1);
  for (size_t i = 0; i < LONG_TITLE; i++)
    memcpy(title + 3 * i, "国", 3);
  ks_exhibit *longest = achievement(c, "ach-long-title", 2021);
  longest->title.s[TS_ZH] = longest->title.s[TS_EN] = title;
  ks_content_sort(c);
  return c;
}

static int setup(void **state) {
  rig *r = calloc(1, sizeof *r);
  char err[256];
  r->fonts = ks_fonts_open(KS_TEST_FONTS, err, sizeof err);
  if (!r->fonts)
    fail_msg("%s", err);
  ks_text_break_init();
  r->content = hostile();
  *state = r;
  return 0;
}

static int teardown(void **state) {
  rig *r = *state;
  ks_content_destroy(r->content);
  ks_fonts_close(r->fonts);
  free(r);
  return 0;
}

/* Flings the current screen's list both ways and lets it settle, drawing each frame. */
static void fling(ks_ui *ui, ks_gfx *gfx) {
  ks_gesture_machine *gm = ks_gesture_create();
  uint32_t t = 0;
  for (int dir = -1; dir <= 1; dir += 2) {
    ks_touch ev = {KS_TOUCH_DOWN, 1, 0.8f, 0.6f, t};
    ks_gesture g[4];
    for (int i = 0; i <= 6; i++) {
      ev.type = i == 0 ? KS_TOUCH_DOWN : i == 6 ? KS_TOUCH_UP : KS_TOUCH_MOVE;
      ev.x = 0.8f + (float)dir * 0.08f * (float)(i < 5 ? i : 5);
      ev.y = 0.6f + (float)dir * 0.08f * (float)(i < 5 ? i : 5);
      ev.t_ms = t += 16;
      size_t n = ks_gesture_feed(gm, &ev, g);
      for (size_t k = 0; k < n; k++)
        ks_ui_gesture(ui, &g[k]);
    }
    for (int i = 0; i < 60 && ks_ui_tick(ui, 1.0f / 60); i++)
      ks_ui_draw(ui, gfx);
  }
  ks_gesture_destroy(gm);
}

/* Every screen and page at one size, with lists flung and the attract loop's every highlight. */
static void draw_everything(rig *r, ks_gfx *gfx) {
  ks_ui *ui = ks_ui_create(r->content, r->fonts, TS_ZH);
  ks_ui_set_idle_timeout(ui, 0);
  char err[256];
  if (!ks_ui_load_map(ui, KS_TEST_MAP, err, sizeof err))
    fail_msg("%s", err);
  size_t drawn = ks_ui_tour(ui, gfx, NULL, NULL);
  assert_int_equal(drawn, 2 * (6 + r->content->n_exhibits)); /* home, 4 lists, attract */
  static const ks_screen_id lists[] = {KS_SCREEN_ACHIEVEMENTS, KS_SCREEN_CITIES, KS_SCREEN_TIMELINE,
                                       KS_SCREEN_EVENT, KS_SCREEN_STATISTICS};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
    ks_ui_home(ui);
    ks_ui_show(ui, lists[i], NULL);
    ks_ui_draw(ui, gfx);
    fling(ui, gfx);
  }
  ks_ui_show(ui, KS_SCREEN_ATTRACT, NULL);
  for (int i = 0; i < 2 * 30; i++) { /* every highlight, twice over */
    ks_ui_tick(ui, 4.0f);
    ks_ui_draw(ui, gfx);
    assert_true(ks_ui_wait_ms(ui) > 0);
  }
  ks_ui_destroy(ui);
}

static void every_screen_draws_hostile_values(void **state) {
  static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {320, 240}, {160, 120}};
  for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
    ks_gfx *gfx = ks_gfx_create(NULL, sizes[i][0], sizes[i][1], 2);
    draw_everything(*state, gfx);
    ks_gfx_destroy(gfx);
  }
}

/* Rasterised as well: SDL's software renderer gets only finite vertices. */
static void every_screen_rasterises_hostile_values(void **state) {
  char err[256];
  ks_canvas *canvas = ks_canvas_create(320, 240, err, sizeof err);
  if (!canvas)
    fail_msg("%s", err);
  ks_gfx *gfx = ks_gfx_create(ks_canvas_renderer(canvas), 320, 240, 2);
  draw_everything(*state, gfx);
  ks_gfx_destroy(gfx);
  ks_canvas_destroy(canvas);
}

/* The corridor cities turn page by page in one consistent order, each once: an order that
 * subtracts INT_MAX and INT_MIN is not one (qsort may then repeat or lose cities). */
static void corridor_order_is_a_total_order(void **state) {
  rig *r = *state;
  ks_ui *ui = ks_ui_create(r->content, r->fonts, TS_ZH);
  ks_gfx *gfx = ks_gfx_create(NULL, 1920, 1080, 2);
  assert_true(ks_ui_show(ui, KS_SCREEN_CITY, NULL));
  ks_gesture_machine *gm = ks_gesture_create();
  uint32_t t = 0;
  const char *seen[16];
  size_t n_seen = 0;
  int last_order = INT_MIN;
  bool in_corridor = true;
  for (size_t page = 0; page < 8; page++) {
    const char *id = ks_ui_exhibit(ui);
    for (size_t k = 0; k < n_seen; k++)
      assert_string_not_equal(seen[k], id);
    seen[n_seen++] = id;
    const ks_exhibit *e = ks_content_find(r->content, id);
    if (e->corridor) {
      assert_true(in_corridor); /* the corridor's cities first */
      assert_true(e->corridor_order >= last_order);
      last_order = e->corridor_order;
    } else {
      in_corridor = false;
    }
    /* A swipe to the left: the next page. */
    ks_ui_draw(ui, gfx);
    ks_gesture g[4];
    for (int i = 0; i <= 4; i++) {
      ks_touch ev = {i == 0   ? KS_TOUCH_DOWN
                     : i == 4 ? KS_TOUCH_UP
                              : KS_TOUCH_MOVE,
                     1, 1.2f - 0.1f * (float)i, 0.5f, t += 16};
      size_t n = ks_gesture_feed(gm, &ev, g);
      for (size_t k = 0; k < n; k++)
        ks_ui_gesture(ui, &g[k]);
    }
  }
  /* All eight, and no further: the last page does not wrap round to the first. */
  assert_string_equal(ks_ui_exhibit(ui), seen[n_seen - 1]);
  ks_gesture_destroy(gm);
  ks_gfx_destroy(gfx);
  ks_ui_destroy(ui);
}

/* ---- vetting: no pack reaches the screens unchecked ------------------------------------------ */

static size_t lines_of(const char *path) {
  FILE *f = fopen(path, "r");
  size_t n = 0;
  for (int ch; f && (ch = fgetc(f)) != EOF;)
    n += ch == '\n';
  if (f)
    fclose(f);
  return n;
}

/* Lets 50 ms pass: a file written before is then older than the kernel's clock tick. */
static void nap(void) { nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL); }

/* A fresh record folder for one test. */
static void record_at(char *record, size_t size, const char *name) {
  char dir[512];
  ts_tmp(dir, sizeof dir, name);
  mkdir(dir, 0700);
  snprintf(record, size, "%s/validated", dir);
  unlink(record);
}

/* Writes the fixture's content as a pack at `path`, edited first by `edit` (may be NULL). */
static void write_fixture(const char *path, void (*edit)(ks_content *c)) {
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_source_load(KS_TEST_FIXTURES "/good", d);
  assert_non_null(c);
  if (edit)
    edit(c);
  assert_true(ks_pack_write(c, path, 1, d));
  ks_content_destroy(c);
  ks_diag_destroy(d);
}

static void make_hostile(ks_content *c) {
  for (size_t i = 0; i < c->n_exhibits; i++) {
    ks_exhibit *e = &c->exhibits[i];
    if (e->kind == KS_KIND_EVENT)
      e->date = "2022-99999";
    if (e->kind == KS_KIND_CITY)
      e->lat = INFINITY, e->corridor = "g60", e->corridor_order = INT_MIN;
  }
}

/* The fixture's content with hostile values — a month past December, a city at an infinite
 * latitude with corridor order INT_MIN — written as a pack, whole and with its true content hash
 * (so that it opens and verifies), is refused by the checks before any screen sees it, and
 * nothing is recorded. The pack is also what the command-line test
 * cli.render-refuses-hostile-pack renders. */
static void a_hostile_pack_is_refused_before_it_is_shown(void **state) {
  (void)state;
  char path[512], record[600];
  ts_tmp(path, sizeof path, "hostile.kpack");
  record_at(record, sizeof record, "vet-hostile");
  write_fixture(path, make_hostile);
  ks_diag *d = ks_diag_create();
  ks_vet_opts opts = {.fonts_dir = KS_TEST_FONTS, .record = record, .stamp = "test"};
  ks_pack *pack = (ks_pack *)1;
  assert_null(ks_vet_open(path, &opts, &pack, d));
  assert_null(pack);
  assert_true(ks_diag_contains(d, path));
  assert_true(ks_diag_contains(d, "date \"2022-99999\" is not a date"));
  assert_true(ks_diag_contains(d, "outside the map"));
  assert_true(ks_diag_contains(d, "corridor_order from 1 to 99"));
  assert_false(ks_diag_contains(d, "does not match its hash")); /* by the checks, not the hash */
  assert_int_equal(lines_of(record), 0);
  ks_diag_destroy(d);
}

/* A pack that passed is remembered by its file: the next open skips the checks (seen here
 * because without fonts the full checks would warn), until its bytes change — even with the
 * stored content hash kept, which is what a record keyed by that hash alone would wave through.
 * The record is never read or written through a link. */
static void a_vetted_pack_is_remembered_by_its_file(void **state) {
  (void)state;
  char path[512], record[600];
  ts_tmp(path, sizeof path, "vet-good.kpack");
  record_at(record, sizeof record, "vet-good");
  write_fixture(path, NULL);
  nap(); /* older than the clock's tick, so that the first vetting may record it */

  ks_vet_opts opts = {.fonts_dir = KS_TEST_FONTS, .record = record, .stamp = "test"};
  ks_pack *pack;
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_vet_open(path, &opts, &pack, d);
  assert_non_null(c);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);
  assert_int_equal(lines_of(record), 1);

  /* Remembered: the checks are not run again (no warning about the missing fonts). */
  ks_vet_opts no_fonts = {.fonts_dir = "/nonexistent", .record = record, .stamp = "test"};
  d = ks_diag_create();
  c = ks_vet_open(path, &no_fonts, &pack, d);
  assert_non_null(c);
  assert_int_equal(ks_diag_size(d), 0);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);
  /* Another stamp (a newer kiosk) checks again. */
  no_fonts.stamp = "newer";
  d = ks_diag_create();
  c = ks_vet_open(path, &no_fonts, &pack, d);
  assert_non_null(c);
  assert_true(ks_diag_count(d, KS_WARNING) > 0);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);

  /* The bytes altered, the stored content hash kept: vetted again, and refused. */
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  assert_int_equal(
      sqlite3_exec(db, "UPDATE text SET value = 'Altered' WHERE lang = 'en'", NULL, NULL, NULL),
      SQLITE_OK);
  sqlite3_close(db);
  d = ks_diag_create();
  assert_null(ks_vet_open(path, &opts, &pack, d));
  assert_true(ks_diag_contains(d, "does not match its hash"));
  ks_diag_destroy(d);

  /* A record that is a link is neither read nor written through. */
  char target[700];
  snprintf(target, sizeof target, "%s.target", record);
  ts_write(target, "", 0);
  unlink(record);
  assert_int_equal(symlink(target, record), 0);
  ts_tmp(path, sizeof path, "vet-good2.kpack");
  write_fixture(path, NULL);
  nap();
  d = ks_diag_create();
  c = ks_vet_open(path, &opts, &pack, d);
  assert_non_null(c);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);
  assert_int_equal(lines_of(target), 0);
  struct stat st;
  assert_int_equal(lstat(record, &st), 0);
  assert_true(S_ISREG(st.st_mode)); /* the link was replaced, not written through */
  assert_int_equal(lines_of(record), 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(every_screen_draws_hostile_values, setup, teardown),
      cmocka_unit_test_setup_teardown(every_screen_rasterises_hostile_values, setup, teardown),
      cmocka_unit_test_setup_teardown(corridor_order_is_a_total_order, setup, teardown),
      cmocka_unit_test(a_hostile_pack_is_refused_before_it_is_shown),
      cmocka_unit_test(a_vetted_pack_is_remembered_by_its_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
