/* A visitor's tasks, by touch, on the bundled pack, on a 7-inch 800x480 panel (155 x 86 mm) and
 * a 21.5-inch 1920x1080 one. Every tap lands where the last frame drew what a visitor would
 * touch — found by what it says (its label, or its text as drawn), never by a pixel position
 * that only one layout has — and every task ends by checking the screen reached. */
#include "test_support.h"

#include "kiosk/gesture.h"
#include "kiosk/pack.h"
#include "kiosk/strings.h"
#include "kiosk/ui.h"

typedef struct {
  ks_diag *diag;
  ks_pack *pack;
  ks_content *content;
  ks_fonts *fonts;
  ks_gfx *gfx;
  ks_ui *ui;
  ks_gesture_machine *gm;
  int w, h;
  uint32_t t;
} rig;

static const struct {
  int w, h;
  float w_mm, h_mm;
} panels[] = {{800, 480, 155, 86}, {1920, 1080, 476, 268}, {1280, 800, 217.55f, 135.97f}};

static rig *rig_open(size_t panel, ks_lang lang) {
  rig *r = calloc(1, sizeof *r);
  r->diag = ks_diag_create();
  r->pack = ks_pack_open(KS_TEST_BUNDLED, r->diag);
  assert_non_null(r->pack);
  r->content = ks_pack_read(r->pack, r->diag);
  assert_non_null(r->content);
  char err[256];
  r->fonts = ks_fonts_open(KS_TEST_FONTS, err, sizeof err);
  assert_non_null(r->fonts);
  r->w = panels[panel].w, r->h = panels[panel].h;
  r->gfx = ks_gfx_create(NULL, r->w, r->h, 2);
  r->ui = ks_ui_create(r->content, r->fonts, lang);
  ks_ui_set_panel_mm(r->ui, panels[panel].w_mm, panels[panel].h_mm);
  assert_true(ks_ui_load_map(r->ui, KS_TEST_MAP, err, sizeof err));
  r->gm = ks_gesture_create();
  ks_ui_draw(r->ui, r->gfx);
  return r;
}

static void rig_close(rig *r) {
  ks_gesture_destroy(r->gm);
  ks_ui_destroy(r->ui);
  ks_gfx_destroy(r->gfx);
  ks_fonts_close(r->fonts);
  ks_content_destroy(r->content);
  ks_pack_close(r->pack);
  ks_diag_destroy(r->diag);
  free(r);
}

/* A touch event at pixel (x, y), in the gesture machine's screen-relative units. */
static void feed(rig *r, ks_touch_type type, float x, float y, uint32_t dt) {
  float unit = (float)(r->w < r->h ? r->w : r->h);
  ks_touch ev = {type, 4, x / unit, y / unit, r->t += dt};
  ks_gesture g[4];
  size_t n = ks_gesture_feed(r->gm, &ev, g);
  for (size_t i = 0; i < n; i++)
    ks_ui_gesture(r->ui, &g[i]);
}

/* A finger down and up at pixel (x, y), then the next frame drawn. */
static void tap_at(rig *r, int x, int y) {
  feed(r, KS_TOUCH_DOWN, (float)x, (float)y, 1000);
  ks_ui_draw(r->ui, r->gfx); /* the press shows */
  feed(r, KS_TOUCH_UP, (float)x, (float)y, 80);
  ks_ui_draw(r->ui, r->gfx);
}

/* Time passing, a frame drawn every 1/60 s, until nothing moves any more (at most 10 s). */
static void settle(rig *r) {
  for (int i = 0; i < 600 && ks_ui_tick(r->ui, 1.0f / 60); i++)
    ks_ui_draw(r->ui, r->gfx);
  ks_ui_draw(r->ui, r->gfx);
}

/* A finger drawn sideways across the middle of the screen, from `from` to `to` (fractions of the
 * width), quickly (a swipe), and the page left to settle. */
static void swipe(rig *r, float from, float to) {
  float y = (float)r->h * 0.55f;
  feed(r, KS_TOUCH_DOWN, from * (float)r->w, y, 1000);
  for (int i = 1; i <= 5; i++) {
    feed(r, KS_TOUCH_MOVE, (from + (to - from) * (float)i / 5) * (float)r->w, y, 16);
    ks_ui_draw(r->ui, r->gfx);
  }
  feed(r, KS_TOUCH_UP, to * (float)r->w, y, 16);
  settle(r);
}

/* The centre of the part that answers of the last frame's topmost target for which `match`
 * says yes; false when there is none. */
typedef bool (*target_test)(const ks_ui_target *t, const void *ctx);
static bool find_target(rig *r, target_test match, const void *ctx, int *x, int *y) {
  ks_ui_target t;
  bool found = false;
  for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
    if (t.rect.w > 0 && t.rect.h > 0 && match(&t, ctx))
      *x = t.rect.x + t.rect.w / 2, *y = t.rect.y + t.rect.h / 2, found = true;
  return found;
}

static bool goes_to(const ks_ui_target *t, const void *ctx) {
  return strcmp(t->action, "go") == 0 && t->to && strcmp(t->to, ctx) == 0;
}

static bool labelled(const ks_ui_target *t, const void *ctx) { return strcmp(t->label, ctx) == 0; }

/* Taps the target `match` finds; fails the test naming `what` when there is none. */
static void tap_target(rig *r, target_test match, const void *ctx, const char *what) {
  int x = 0, y = 0;
  ks_ui_draw(r->ui, r->gfx);
  if (!find_target(r, match, ctx, &x, &y))
    fail_msg("%dx%d, %s: nothing to tap for %s", r->w, r->h, ks_screen_name(ks_ui_screen(r->ui)),
             what);
  tap_at(r, x, y);
}

/* A visitor on `panel`'s screen, reached from home by its panel. */
static rig *at_panel(size_t p, ks_lang lang, const char *panel, ks_screen_id screen) {
  rig *r = rig_open(p, lang);
  tap_target(r, goes_to, panel, panel);
  assert_int_equal(ks_ui_screen(r->ui), screen);
  return r;
}

/* Taps the first target of the last frame (the topmost-leftmost of a list) that `match` finds. */
static void tap_first(rig *r, target_test match, const void *ctx, const char *what) {
  ks_ui_draw(r->ui, r->gfx);
  ks_ui_target t;
  for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
    if (t.rect.w > 0 && t.rect.h > 0 && match(&t, ctx)) {
      tap_at(r, t.rect.x + t.rect.w / 2, t.rect.y + t.rect.h / 2);
      return;
    }
  fail_msg("%dx%d: no %s", r->w, r->h, what);
}

/* Whether the last frame drew a run of text starting with `s`; its centre in (x, y). */
static bool find_text(rig *r, const char *s, int *x, int *y) {
  ks_ui_text_run run;
  for (size_t i = 0; ks_ui_text_run_at(r->ui, i, &run); i++)
    if (strncmp(run.text, s, strlen(s)) == 0) {
      if (x)
        *x = run.rect.x + run.rect.w / 2, *y = run.rect.y + run.rect.h / 2;
      return true;
    }
  return false;
}

/* From home: the cities, then Hefei by its pin on the map; home again, the cities, and Hefei by
 * its row in the list. A pin's target is square, a row's is wider than it is tall. */
static bool hefei_pin(const ks_ui_target *t, const void *name) {
  return strcmp(t->label, name) == 0 && t->to && strcmp(t->to, "city") == 0 &&
         t->full.w == t->full.h;
}
static bool hefei_row(const ks_ui_target *t, const void *name) {
  return strcmp(t->label, name) == 0 && t->to && strcmp(t->to, "city") == 0 &&
         t->full.w > 2 * t->full.h;
}

static bool pin_group(const ks_ui_target *t, const void *name) {
  return strcmp(t->action, "seek") == 0 && strstr(t->label, name) != NULL;
}

static bool zooms_out(const ks_ui_target *t, const void *ctx) {
  (void)ctx;
  return strcmp(t->action, "zoom-out") == 0;
}

/* A tap on the group of pins that holds `name`, as near as it reaches to where the map names it:
 * where a visitor looking for the city puts a finger. */
static void tap_near_name(rig *r, const char *name) {
  ks_ui_draw(r->ui, r->gfx);
  ks_ui_target t, group = {0};
  bool found = false;
  for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
    if (t.rect.w > 0 && t.rect.h > 0 && pin_group(&t, name))
      group = t, found = true;
  if (!found)
    fail_msg("%dx%d: no group of pins holds %s", r->w, r->h, name);
  int x = group.rect.x + group.rect.w / 2, y = group.rect.y + group.rect.h / 2;
  ks_ui_text_run run;
  for (size_t i = 0; ks_ui_text_run_at(r->ui, i, &run); i++)
    if (strcmp(ks_ui_text_run_text(r->ui, i), name) == 0 && run.size_px < r->h / 10) {
      x = run.rect.x + run.rect.w / 2, y = run.rect.y + run.rect.h / 2;
      x = x < group.rect.x                   ? group.rect.x
          : x >= group.rect.x + group.rect.w ? group.rect.x + group.rect.w - 1
                                             : x;
      y = y < group.rect.y                   ? group.rect.y
          : y >= group.rect.y + group.rect.h ? group.rect.y + group.rect.h - 1
                                             : y;
    }
  tap_at(r, x, y);
}

/* Hefei by the map. On a small map crowded pins are one target naming its cities: a tap on it
 * brings the map closer to them, where their pins are apart, each its own target — and a
 * control (a finger's size) takes the map back to the whole delta, where the group is again. */
static void hefei_by_the_map(rig *r) {
  int x, y, zooms = 0;
  ks_ui_draw(r->ui, r->gfx);
  while (!find_target(r, hefei_pin, "合肥", &x, &y)) {
    if (zooms++ == 3)
      fail_msg("%dx%d: Hefei's pin is not apart after three taps on its group", r->w, r->h);
    tap_near_name(r, "合肥");
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITIES);
    settle(r);
    float mm = ks_ui_mm_per_px(r->ui);
    ks_ui_target t;
    size_t outs = 0;
    for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
      if (zooms_out(&t, NULL)) {
        outs++;
        assert_true((float)t.rect.w * mm >= 9.0f && (float)t.rect.h * mm >= 9.0f);
      }
    assert_int_equal(outs, 1);
    /* Closer, every target still a finger's size and apart from every other. */
    ks_ui_target u;
    for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++) {
      if (strcmp(t.action, "none") == 0)
        continue;
      if (!((float)t.full.w * mm >= 8.99f && (float)t.full.h * mm >= 8.99f))
        fail_msg("%dx%d: %s \"%s\" %dx%d", r->w, r->h, t.action, t.label, t.full.w, t.full.h);
      for (size_t k = i + 1; ks_ui_target_at(r->ui, k, &u); k++)
        assert_false(t.rect.x < u.rect.x + u.rect.w && u.rect.x < t.rect.x + t.rect.w &&
                     t.rect.y < u.rect.y + u.rect.h && u.rect.y < t.rect.y + t.rect.h);
    }
  }
  if (zooms) { /* the way back: the whole map, its group again, then closer once more */
    tap_target(r, zooms_out, NULL, "the control back to the whole map");
    settle(r);
    assert_false(find_target(r, hefei_pin, "合肥", &x, &y));
    assert_false(find_target(r, zooms_out, NULL, &x, &y));
    for (int k = 0; k < zooms; k++) {
      tap_near_name(r, "合肥");
      settle(r);
    }
  }
  tap_target(r, hefei_pin, "合肥", "Hefei's pin");
}

static void opens_hefei_from_the_map_and_the_list(void **state) {
  (void)state;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++) {
    rig *r = rig_open(p, TS_ZH);
    for (int k = 0; k < 2; k++) {
      ks_ui_home(r->ui);
      tap_target(r, goes_to, "cities", "the cities' panel");
      assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITIES);
      if (k == 0)
        hefei_by_the_map(r);
      else
        tap_target(r, hefei_row, "合肥", "Hefei's row");
      assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITY);
      assert_string_equal(ks_ui_exhibit(r->ui), "city-hefei");
    }
    rig_close(r);
  }
}

/* A year target of the timeline's strip that takes in `year` (its label "2019", or "2018–2020"
 * where crowded years share one). */
static bool strip_year(const ks_ui_target *t, const void *ctx) {
  int year = *(const int *)ctx, from = 0, to = 0;
  if (strcmp(t->action, "seek") != 0)
    return false;
  int n = sscanf(t->label, "%d%*[^0-9]%d", &from, &to);
  return n == 1 ? from == year : n == 2 && from <= year && year <= to;
}

/* The date of the exhibit shown. */
static const char *shown_date(rig *r) {
  const ks_exhibit *e = ks_content_find(r->content, ks_ui_exhibit(r->ui));
  assert_non_null(e);
  return e->date;
}

static bool event_card(const ks_ui_target *t, const void *ctx) {
  const rig *r = ctx;
  return goes_to(t, "event") && t->rect.x >= 0 && t->rect.x + t->rect.w <= r->w;
}

/* From home: the timeline, the year 2019 on its strip, and the first card then in view is a
 * 2019 event. */
static void finds_the_2019_events(void **state) {
  (void)state;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++) {
    rig *r = at_panel(p, TS_EN, "timeline", KS_SCREEN_TIMELINE);
    int year = 2019;
    tap_target(r, strip_year, &year, "2019 on the year strip");
    settle(r);
    tap_first(r, event_card, r, "whole card in view"); /* the leftmost */
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_EVENT);
    assert_int_equal(atoi(shown_date(r)), 2019);
    rig_close(r);
  }
}

/* Taps the first card of the gallery: the topmost-leftmost, the first recorded. */
static bool is_filter(const ks_ui_target *t, const void *ctx) {
  (void)ctx;
  return strcmp(t->action, "filter") == 0;
}

/* Taps the filter chip `chip`, dragging the filters' row sideways (slowly, as a finger reading
 * it would) until it is in view, first back to its start. */
static void tap_filter(rig *r, const char *chip) {
  int x, y;
  for (int turn = 0; turn < 12; turn++) {
    ks_ui_draw(r->ui, r->gfx);
    if (find_target(r, labelled, chip, &x, &y))
      break;
    assert_true(find_target(r, is_filter, NULL, &x, &y));
    float from = turn < 3 ? 0.2f : 0.8f, to = turn < 3 ? 0.8f : 0.2f; /* back, then along */
    feed(r, KS_TOUCH_DOWN, from * (float)r->w, (float)y, 1000);
    for (int i = 1; i <= 10; i++) {
      feed(r, KS_TOUCH_MOVE, (from + (to - from) * (float)i / 10) * (float)r->w, (float)y, 100);
      ks_ui_draw(r->ui, r->gfx);
    }
    feed(r, KS_TOUCH_UP, to * (float)r->w, (float)y, 300);
    settle(r);
  }
  tap_target(r, labelled, chip, chip);
}

static void tap_first_card(rig *r) { tap_first(r, goes_to, "achievement", "card in the gallery"); }

/* The field of the achievement shown. */
static const char *shown_field(rig *r) {
  const ks_exhibit *e = ks_content_find(r->content, ks_ui_exhibit(r->ui));
  assert_non_null(e);
  return e->field;
}

/* From home: the achievements, each field in turn by its chip, its first card, and a swipe to
 * the next: still of that field, and a swipe back before the first stays on the first (no wrap
 * to the last). Fields with a single achievement: the swipe stays put. */
static void filtered_swipes_stay_in_the_field(void **state) {
  (void)state;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++) {
    rig *r = at_panel(p, TS_ZH, "achievements", KS_SCREEN_ACHIEVEMENTS);
    size_t tried = 0;
    for (const char *const *field = ks_fields(); *field; field++) {
      size_t count = 0;
      for (size_t i = 0; i < r->content->n_exhibits; i++)
        count += r->content->exhibits[i].kind == KS_KIND_ACHIEVEMENT &&
                 r->content->exhibits[i].field &&
                 strcmp(r->content->exhibits[i].field, *field) == 0;
      if (!count)
        continue;
      char key[64];
      snprintf(key, sizeof key, "field.%s", *field);
      const char *chip = ks_strings_get("zh", key);
      assert_non_null(chip);
      tap_filter(r, chip);
      tap_first_card(r);
      assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENT);
      assert_string_equal(shown_field(r), *field);
      const char *first = ks_ui_exhibit(r->ui);
      swipe(r, 0.3f, 0.9f); /* to the previous: there is none */
      assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENT);
      assert_string_equal(ks_ui_exhibit(r->ui), first);
      swipe(r, 0.9f, 0.3f); /* to the next */
      assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENT);
      if (strcmp(shown_field(r), *field) != 0)
        fail_msg("%dx%d: swiped from %s (%s) to %s, of %s", r->w, r->h, first, *field,
                 ks_ui_exhibit(r->ui), shown_field(r));
      if (count > 1)
        assert_string_not_equal(ks_ui_exhibit(r->ui), first);
      else
        assert_string_equal(ks_ui_exhibit(r->ui), first);
      assert_true(ks_ui_back(r->ui)); /* the gallery, filtered as it was */
      assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
      tried++;
    }
    assert_true(tried > 3);
    rig_close(r);
  }
}

/* The language control: a tap on a language's name selects that language — tapping the one
 * shown keeps it. Each name is its own target, `lang:CODE`. */
static void taps_the_language_wanted(void **state) {
  (void)state;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++) {
    rig *r = rig_open(p, TS_ZH);
    static const struct {
      const char *name;
      ks_lang lang;
    } taps[] = {{"中文", TS_ZH}, {"English", TS_EN}, {"English", TS_EN}, {"中文", TS_ZH}};
    for (int screen = 0; screen < 2; screen++) {
      if (screen)
        tap_target(r, goes_to, "achievements", "the achievements' panel");
      for (size_t i = 0; i < sizeof taps / sizeof *taps; i++) {
        int x = 0, y = 0;
        ks_ui_draw(r->ui, r->gfx);
        assert_true(find_text(r, taps[i].name, &x, &y));
        tap_at(r, x, y);
        if (ks_ui_lang(r->ui) != taps[i].lang)
          fail_msg("%dx%d: a tap on \"%s\" gave %s", r->w, r->h, taps[i].name,
                   ts_lang_tag(ks_ui_lang(r->ui)));
        assert_int_equal(ks_ui_screen(r->ui), screen ? KS_SCREEN_ACHIEVEMENTS : KS_SCREEN_HOME);
      }
    }
    /* What layout-check prints: each segment's action names its language. */
    ks_ui_target t;
    int segments = 0;
    for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
      segments += strcmp(t.action, "lang:zh") == 0 || strcmp(t.action, "lang:en") == 0;
    assert_int_equal(segments, 2);
    rig_close(r);
  }
}

/* Idle: ten seconds before the reset a "Still there?" countdown shows over the page; a touch
 * takes it away and does nothing else, even on a card; without one, the reset comes. */
static void comes_back_from_idle(void **state) {
  (void)state;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++) {
    rig *r = at_panel(p, TS_ZH, "achievements", KS_SCREEN_ACHIEVEMENTS);
    ks_ui_set_idle_timeout(r->ui, 90);
    for (int i = 0; i < 79; i++)
      ks_ui_tick(r->ui, 1.0f);
    ks_ui_draw(r->ui, r->gfx);
    assert_false(find_text(r, "还在看吗", NULL, NULL)); /* not yet */
    assert_true(ks_ui_tick(r->ui, 1.5f));
    ks_ui_draw(r->ui, r->gfx);
    assert_true(find_text(r, "还在看吗", NULL, NULL));
    assert_true(find_text(r, "10", NULL, NULL) || find_text(r, "9", NULL, NULL));
    assert_true(ks_ui_wait_ms(r->ui) <= 1000); /* the count goes on without a touch */
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
    /* A touch on a card under it: the question goes, the card does not open. */
    tap_first_card(r);
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
    assert_false(find_text(r, "还在看吗", NULL, NULL));
    for (int i = 0; i < 75; i++) /* the wait starts over */
      ks_ui_tick(r->ui, 1.0f);
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
    tap_first_card(r); /* the next touch works as usual */
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENT);
    for (int i = 0; i < 95; i++)
      ks_ui_tick(r->ui, 1.0f);
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ATTRACT); /* nobody answered */
    rig_close(r);
  }
}

/* From home: In numbers, then the shared instruments' value by its card; the page shows each
 * of its values with its date (327 → 431 → 522, 2019 to 2024). */
static void opens_a_statistic_from_home(void **state) {
  (void)state;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++) {
    rig *r = at_panel(p, TS_EN, "statistics", KS_SCREEN_STATISTICS);
    const char *title = "What the shared instruments are worth";
    /* Near the top of the list: the longest series come first. */
    tap_target(r, labelled, title, "the card of the instruments' value");
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_STATISTIC);
    assert_string_equal(ks_ui_exhibit(r->ui), "stat-shared-instruments-value");
    ks_ui_draw(r->ui, r->gfx);
    assert_true(find_text(r, "over 32.7 billion", NULL, NULL));
    assert_true(find_text(r, "reported 2019", NULL, NULL));
    rig_close(r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(opens_hefei_from_the_map_and_the_list),
      cmocka_unit_test(finds_the_2019_events),
      cmocka_unit_test(filtered_swipes_stay_in_the_field),
      cmocka_unit_test(taps_the_language_wanted),
      cmocka_unit_test(comes_back_from_idle),
      cmocka_unit_test(opens_a_statistic_from_home),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
