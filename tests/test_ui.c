#include "test_support.h"

#include "../app/ui/attract_show.h"

#include <limits.h>

#include "kiosk/fileio.h"
#include "kiosk/gesture.h"
#include "kiosk/pack.h"
#include "kiosk/session.h"
#include "kiosk/source.h"
#include "kiosk/strings.h"
#include "kiosk/textbreak.h"
#include "kiosk/ui.h"
#include "kiosk/utf8.h"

#include <math.h>

/* The fixture's content, the bundled fonts and a null-backend gfx (no renderer): the UI lays out
 * and answers touches exactly as on screen, without a display. */
typedef struct {
  ks_diag *diag;
  ks_pack *pack; /* NULL: the fixture's source folder */
  ks_content *content;
  ks_session *session; /* started as the commands start, on the null backend */
  ks_fonts *fonts;     /* the session's */
  ks_gfx *gfx;         /* the session's */
  ks_ui *ui;
  ks_gesture_machine *gm;
  uint32_t t;
} rig;

static int setup_with(void **state, bool bundled) {
  rig *r = calloc(1, sizeof *r);
  r->diag = ks_diag_create();
  if (bundled) {
    r->pack = ks_pack_open(KS_TEST_BUNDLED, r->diag);
    assert_non_null(r->pack);
    r->content = ks_pack_read(r->pack, r->diag);
  } else {
    r->content = ks_source_load(KS_TEST_FIXTURES "/good", r->diag);
  }
  assert_non_null(r->content);
  r->session = ts_session(r->content);
  r->fonts = ks_session_fonts(r->session);
  r->gfx = ks_session_gfx(r->session);
  r->ui = ks_ui_create(r->content, r->fonts, TS_ZH);
  r->gm = ks_gesture_create();
  *state = r;
  return 0;
}

static int setup(void **state) { return setup_with(state, false); }

/* The bundled pack: 50 events over two decades. */
static int setup_bundled(void **state) { return setup_with(state, true); }

static int teardown(void **state) {
  rig *r = *state;
  ks_gesture_destroy(r->gm);
  ks_ui_destroy(r->ui);
  ks_session_close(r->session);
  ks_content_destroy(r->content);
  if (r->pack)
    ks_pack_close(r->pack);
  ks_diag_destroy(r->diag);
  free(r);
  return 0;
}

/* Taps at pixel (x, y) of the 1920x1080 screen, as a finger would, and draws the result. */
static void tap(rig *r, int x, int y) {
  ks_ui_draw(r->ui, r->gfx);
  float ux = (float)x / 1080.0f, uy = (float)y / 1080.0f;
  ks_touch down = {KS_TOUCH_DOWN, 5, ux, uy, r->t += 1000};
  ks_touch up = {KS_TOUCH_UP, 5, ux, uy, r->t += 80};
  ks_gesture g[4];
  size_t n = ks_gesture_feed(r->gm, &down, g);
  for (size_t i = 0; i < n; i++)
    ks_ui_gesture(r->ui, &g[i]);
  n = ks_gesture_feed(r->gm, &up, g);
  for (size_t i = 0; i < n; i++)
    ks_ui_gesture(r->ui, &g[i]);
  ks_ui_draw(r->ui, r->gfx);
}

static void navigates_by_touch(void **state) {
  rig *r = *state;
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_HOME);
  tap(r, 300, 600); /* the achievements tile */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
  tap(r, 300, 400); /* the first card */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENT);
  tap(r, 100, 80); /* back */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
  tap(r, 300, 400);
  tap(r, 205, 80); /* home */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_HOME);
  assert_false(ks_ui_back(r->ui)); /* nothing behind home */
}

static void language_toggle_and_empty_taps(void **state) {
  rig *r = *state;
  tap(r, 1780, 84); /* the toggle's English half */
  assert_int_equal(ks_ui_lang(r->ui), TS_EN);
  tap(r, 1600, 84); /* the Chinese half selects Chinese */
  assert_int_equal(ks_ui_lang(r->ui), TS_ZH);
  tap(r, 960, 1050); /* the footer: nothing there */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_HOME);
}

/* An image in a pack is shown on every kind's page, not only an achievement's: the fixture's
 * achievement image given to its city and its event, each page draws it (a picture, with no map
 * to draw a locator from), and its caption. */
static void images_show_on_every_kind(void **state) {
  rig *r = *state;
  ks_exhibit *ach = (ks_exhibit *)ks_content_find(r->content, "ach-quantum-sensor");
  assert_non_null(ach);
  assert_true(ach->n_images > 0);
  const char *caption = ach->images[0].caption.s[TS_ZH];
  assert_non_null(caption);
  static const struct {
    const char *id;
    ks_screen_id screen;
  } pages[] = {{"city-hefei", KS_SCREEN_CITY}, {"ev-2021-05-27-joint-lab", KS_SCREEN_EVENT}};
  for (size_t i = 0; i < 2; i++) {
    ks_exhibit *e = (ks_exhibit *)ks_content_find(r->content, pages[i].id);
    assert_non_null(e);
    ks_ui *ui = ks_ui_create(r->content, r->fonts, TS_ZH); /* no map: no locator */
    assert_true(ks_ui_show(ui, pages[i].screen, pages[i].id));
    ks_ui_draw(ui, r->gfx);
    int without = ks_ui_pictures(ui);
    e->images = ach->images, e->n_images = ach->n_images;
    ks_ui_draw(ui, r->gfx);
    assert_int_equal(ks_ui_pictures(ui), without + (int)ach->n_images);
    bool captioned = false;
    for (size_t k = 0; ks_ui_text_run_text(ui, k); k++)
      captioned |= strcmp(ks_ui_text_run_text(ui, k), caption) == 0;
    assert_true(captioned);
    e->images = NULL, e->n_images = 0;
    ks_ui_destroy(ui);
  }
}

static void detail_needs_an_exhibit_of_its_kind(void **state) {
  rig *r = *state;
  assert_false(ks_ui_show(r->ui, KS_SCREEN_ACHIEVEMENT, "city-hefei"));
  assert_false(ks_ui_show(r->ui, KS_SCREEN_ACHIEVEMENT, "no-such-id"));
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_HOME);
  assert_true(ks_ui_show(r->ui, KS_SCREEN_ACHIEVEMENT, "ach-quantum-sensor"));
  ks_ui_draw(r->ui, r->gfx);
}

static void every_screen_by_touch(void **state) {
  rig *r = *state;
  tap(r, 1500, 600); /* the timeline tile */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_TIMELINE);
  tap(r, 200, 600); /* the first event card */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_EVENT);
  ks_ui_home(r->ui);
  tap(r, 960, 600); /* the cities tile */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITIES);
  tap(r, 1500, 300); /* the first city of the list */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITY);
  assert_true(ks_ui_back(r->ui));
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITIES);
}

static void walking_away_resets_to_the_attract_loop(void **state) {
  rig *r = *state;
  ks_ui_set_idle_timeout(r->ui, 90);
  tap(r, 1780, 84);                 /* English */
  tap(r, 300, 600);                 /* into the achievements */
  int until = ks_ui_wait_ms(r->ui); /* the loop sleeps until "Still there?", 10 s before */
  assert_true(until > 79000 && until <= 80001);
  for (int i = 0; i < 89; i++)
    ks_ui_tick(r->ui, 1.0f);
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS); /* not yet */
  assert_true(ks_ui_tick(r->ui, 1.5f));
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ATTRACT);
  assert_int_equal(ks_ui_lang(r->ui), TS_ZH);
  assert_false(ks_ui_back(r->ui)); /* the history is gone */
  /* The loop moves: whenever it is, its next frame is due within a frame's time. */
  for (int i = 0; i < 20; i++)
    ks_ui_tick(r->ui, 0.1f);
  int wait = ks_ui_wait_ms(r->ui);
  assert_true(wait >= 0 && wait <= 1000 / 30 + 1);
  /* A touch anywhere, even where home has a tile, only wakes the kiosk — also when home is
   * drawn while the finger is still down. */
  ks_ui_draw(r->ui, r->gfx);
  ks_touch down = {KS_TOUCH_DOWN, 9, 300 / 1080.0f, 600 / 1080.0f, r->t += 1000};
  ks_touch up = {KS_TOUCH_UP, 9, 300 / 1080.0f, 600 / 1080.0f, r->t += 80};
  ks_gesture g[4];
  size_t n = ks_gesture_feed(r->gm, &down, g);
  for (size_t i = 0; i < n; i++)
    ks_ui_gesture(r->ui, &g[i]);
  ks_ui_draw(r->ui, r->gfx); /* home, with its tiles, under the finger */
  n = ks_gesture_feed(r->gm, &up, g);
  for (size_t i = 0; i < n; i++)
    ks_ui_gesture(r->ui, &g[i]);
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_HOME);
  tap(r, 300, 600); /* the next touch works as usual */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
}

/* The attract loop moves all the time, but asks for at most 30 frames a second however often
 * the loop's clock ticks (ks_ui_wait_ms says when the next is due; a tick before then draws
 * nothing), and every frame it asks for is a wake-up of its own; home at rest asks for none. */
static void attract_asks_for_frames_at_its_rate_and_home_at_rest_for_none(void **state) {
  rig *r = *state;
  ks_ui_set_idle_timeout(r->ui, 0);
  for (int i = 0; i < 120 && ks_ui_tick(r->ui, 1.0f / 60); i++)
    ;                                         /* home settles */
  assert_int_equal(ks_ui_wait_ms(r->ui), -1); /* nothing to wake for */
  for (int i = 0; i < 60 * 60; i++)           /* a minute at 60 Hz: not one frame */
    assert_false(ks_ui_tick(r->ui, 1.0f / 60));
  assert_true(ks_ui_show(r->ui, KS_SCREEN_ATTRACT, NULL));
  /* Woken every millisecond (input, other timers): still 30 frames a second, no more. */
  int frames = 0;
  for (int ms = 0; ms < 10000; ms++)
    frames += ks_ui_tick(r->ui, 0.001f);
  print_message("attract: %d frames in 10 s ticked every 1 ms\n", frames);
  assert_true(frames >= 10 * 30 - 1 && frames <= 10 * 30 + 1);
  /* Asleep as long as it asks: each wake-up a frame, never a wait longer than a frame. */
  frames = 0;
  int wakes = 0;
  for (double t = 0; t < 10; wakes++) {
    int wait = ks_ui_wait_ms(r->ui);
    assert_true(wait >= 0 && wait <= 1000 / 30 + 1);
    float dt = (float)(wait > 0 ? wait : 1) / 1000.0f;
    t += dt;
    frames += ks_ui_tick(r->ui, dt);
  }
  print_message("attract: %d frames, %d wake-ups in 10 s asleep as asked\n", frames, wakes);
  assert_true(frames >= 10 * 30 - 10 && frames <= 10 * 30 + 1);
  assert_true(wakes <= frames + 1);
  /* A slow frame (a second late) is not made up with a burst. */
  assert_true(ks_ui_tick(r->ui, 1.0f));
  assert_false(ks_ui_tick(r->ui, 0.001f));
}

/* A figure counts up in the article's own form — its decimals, its grouping, its words around
 * the number — and ends on the article's text; a fraction or a number in words is not counted. */
static void a_figure_counts_up_to_the_articles_text(void **state) {
  (void)state;
  static const struct {
    const char *text;
    float u;
    const char *shown; /* NULL: not counted */
  } cases[] = {
      {"109.49", 0, "0.00"},
      {"109.49", 0.5f, "54.74"},
      {"109.49", 1, "109.49"},
      {"40,000+", 0.5f, "20,000+"},
      {"40,000+", 0.25f, "10,000+"},
      {"超327", 0, "超0"},
      {"4万多", 0.5f, "2万多"},
      {"3000多", 0.999f, "2997多"},
      {"12", 2, "12"},
      {"1/8", 0.5f, NULL},
      {"六", 0.5f, NULL},
      {"many", 0.5f, NULL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char out[64];
    bool counted = ui_count_text(cases[i].text, cases[i].u, out, sizeof out);
    if (counted != (cases[i].shown != NULL) || (counted && strcmp(out, cases[i].shown) != 0))
      fail_msg("\"%s\" at %.3f: %s \"%s\", expected %s", cases[i].text, (double)cases[i].u,
               counted ? "counted" : "not counted", out, cases[i].shown ? cases[i].shown : "none");
  }
  /* Eased: at rest at both ends, half way at the middle, never going back. */
  assert_true(ui_ease(0) == 0 && ui_ease(1) == 1 && fabsf(ui_ease(0.5f) - 0.5f) < 1e-6f);
  for (float u = 0; u < 1; u += 0.01f)
    assert_true(ui_ease(u + 0.01f) >= ui_ease(u) && ui_ease_out(u + 0.01f) >= ui_ease_out(u));
}

/* The first achievement the gallery shows, by opening its first card (and coming back). */
static const char *first_card(rig *r) {
  tap(r, 300, 600 + 200); /* below the filters, on the first card */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENT);
  const char *id = ks_ui_exhibit(r->ui);
  assert_true(ks_ui_back(r->ui));
  return id;
}

/* A screen's state is its own and new each time it is entered: a filter the last visitor chose
 * is kept while they go to a card and back, and gone for the next visitor after the attract
 * loop, even though nobody pressed home. */
static void filters_last_as_long_as_their_visit(void **state) {
  rig *r = *state;
  tap(r, 300, 600); /* the achievements tile */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
  const char *newest = first_card(r);
  const char *filtered = newest;
  for (int x = 250; x < 1800 && filtered == newest; x += 40) {
    tap(r, x, 224); /* along the row of field chips */
    filtered = first_card(r);
  }
  assert_ptr_not_equal(filtered, newest);    /* some field's newest is another achievement */
  assert_ptr_equal(first_card(r), filtered); /* the filter stays while the visitor looks */
  for (int i = 0; i < 100 && ks_ui_screen(r->ui) != KS_SCREEN_ATTRACT; i++)
    ks_ui_tick(r->ui, 1.0f);
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ATTRACT);
  tap(r, 960, 540); /* wakes the kiosk: home */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_HOME);
  tap(r, 300, 600);
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_ACHIEVEMENTS);
  assert_ptr_equal(first_card(r), newest); /* the next visitor sees all of them */
}

/* The arguments a printf format takes, as text: "1:zu 2:s" — numbered or in order, each with its
 * length modifier and conversion, sorted by number. */
static void format_args(const char *format, char *out, size_t size) {
  char conv[16][8] = {{0}};
  int next = 0, most = 0;
  for (const char *p = format; *p; p++) {
    if (*p != '%')
      continue;
    if (*++p == '%')
      continue;
    int n = 0;
    const char *q = p;
    while (*q >= '0' && *q <= '9')
      n = n * 10 + (*q++ - '0');
    if (*q == '$')
      p = q + 1;
    else
      n = ++next;
    while (strchr("-+ #0123456789.*", *p))
      p++;
    char c[8] = {0};
    for (size_t k = 0; *p && strchr("hlzjt", *p) && k < 6; k++)
      c[k] = *p++;
    c[strlen(c)] = *p;
    assert_true(n >= 1 && n < 16);
    strcpy(conv[n], c);
    most = n > most ? n : most;
  }
  out[0] = '\0';
  for (int n = 1; n <= most; n++)
    snprintf(out + strlen(out), size - strlen(out), "%d:%s ", n, conv[n]);
}

/* Every key of the catalog is in every language, with a format that takes the same arguments;
 * a ".one" form only beside its key. A key no language has would show as the key itself. */
static void every_string_in_every_language(void **state) {
  (void)state;
  size_t langs = 0;
  for (const char *a; (a = ks_strings_lang(langs)); langs++)
    for (size_t i = 0; ks_strings_key(a, i); i++) {
      const char *key = ks_strings_key(a, i), *dot = strrchr(key, '.');
      if (dot && strcmp(dot, ".one") == 0) {
        char base[96];
        snprintf(base, sizeof base, "%.*s", (int)(dot - key), key);
        assert_non_null(ks_strings_get(a, base));
        char x[128], y[128];
        format_args(ks_strings_get(a, key), x, sizeof x);
        format_args(ks_strings_get(a, base), y, sizeof y);
        assert_string_equal(x, y);
        continue;
      }
      for (size_t l = 0; ks_strings_lang(l); l++) {
        const char *b = ks_strings_lang(l), *there = ks_strings_get(b, key);
        if (!there)
          fail_msg("\"%s\" is in the catalog's \"%s\" but not in its \"%s\"", key, a, b);
        char x[128], y[128];
        format_args(ks_strings_get(a, key), x, sizeof x);
        format_args(there, y, sizeof y);
        if (strcmp(x, y) != 0)
          fail_msg("\"%s\" takes %s in \"%s\" but %s in \"%s\"", key, x, a, y, b);
      }
    }
  assert_int_equal(langs, 3); /* zh, en, ja */
  assert_string_equal(ks_strings_get("en", "date.day"), "%3$d %2$s %1$d");
  assert_null(ks_strings_get("en", "no.such.key"));
  assert_null(ks_strings_get("fr", "home.explore"));
}

/* What a draw of a tour's screen is checked against: the least touch target and text. */
typedef struct {
  ks_ui *ui;
  size_t screens, targets, runs, small_targets, small_runs;
} floor_check;

static void check_floors(void *ctx) {
  floor_check *c = ctx;
  float mm = ks_ui_mm_per_px(c->ui);
  c->screens++;
  ks_ui_target t;
  for (size_t i = 0; ks_ui_target_at(c->ui, i, &t); i++) {
    c->targets++;
    if (strcmp(t.action, "none") == 0)
      continue;
    if ((float)t.full.w * mm < 9.0f - 0.05f || (float)t.full.h * mm < 9.0f - 0.05f) {
      if (c->small_targets++ < 8)
        print_message("%s: target \"%s\" (%s) %.1f x %.1f mm\n",
                      ks_screen_name(ks_ui_screen(c->ui)), t.label, t.action,
                      (double)((float)t.full.w * mm), (double)((float)t.full.h * mm));
    }
  }
  ks_ui_text_run r;
  for (size_t i = 0; ks_ui_text_run_at(c->ui, i, &r); i++) {
    c->runs++;
    if ((float)r.size_px * mm < 3.0f - 0.05f && c->small_runs++ < 8)
      print_message("%s: text \"%s\" %.1f mm\n", ks_screen_name(ks_ui_screen(c->ui)), r.text,
                    (double)((float)r.size_px * mm));
  }
}

/* One drag of most of a screen up and left, as layout-check moves through a list, and the list
 * left to come to rest. */
static void page_on(ks_ui *ui, ks_gfx *gfx) {
  int w = ks_gfx_width(gfx), h = ks_gfx_height(gfx);
  float side = (float)(w < h ? w : h);
  ks_gesture drag[3] = {{.type = KS_GESTURE_DRAG_START, .x = 0.5f, .y = 0.5f},
                        {.type = KS_GESTURE_DRAG,
                         .x = 0.5f,
                         .y = 0.5f,
                         .dx = -0.8f * (float)w / side,
                         .dy = -0.8f * (float)h / side},
                        {.type = KS_GESTURE_DRAG_END, .x = 0.5f, .y = 0.5f}};
  for (int i = 0; i < 3; i++)
    ks_ui_gesture(ui, &drag[i]);
  for (int i = 0; i < 600 && ks_ui_tick(ui, 1.0f / 30); i++)
    ;
  ks_ui_draw(ui, gfx);
}

/* The exhibit of `kind` whose title (in `lang`, else Chinese) text run i of the last draw says
 * in full, or NULL. */
static const ks_exhibit *titled(const ks_content *c, const ks_ui *ui, size_t i, ks_kind kind,
                                int lang) {
  for (size_t k = 0; k < c->n_exhibits; k++) {
    const ks_exhibit *e = &c->exhibits[k];
    const char *title = e->title.s[lang] ? e->title.s[lang] : e->title.s[TS_ZH];
    if (e->kind == kind && title && strcmp(ks_ui_text_run_text(ui, i), title) == 0)
      return e;
  }
  return NULL;
}

/* A UI of its own on a w×h panel of w_mm×h_mm millimetres in `lang`, showing `screen`, drawn. */
typedef struct {
  ks_gfx *gfx;
  ks_ui *ui;
} panel_ui;
static panel_ui panel_open(const rig *r, int w, int h, float w_mm, float h_mm, int lang,
                           ks_screen_id screen) {
  panel_ui p = {ks_gfx_create(NULL, w, h, 2), ks_ui_create(r->content, r->fonts, (ks_lang)lang)};
  ks_ui_set_panel_mm(p.ui, w_mm, h_mm);
  assert_true(ks_ui_show(p.ui, screen, NULL));
  ks_ui_draw(p.ui, p.gfx);
  return p;
}
static void panel_close(panel_ui p) {
  ks_ui_destroy(p.ui);
  ks_gfx_destroy(p.gfx);
}

/* The gallery's cards on a 7-inch panel (800x480 and 1024x600) and a portrait 1080x1920 one, in
 * both languages: every achievement's title is on its card whole — fitted (a step smaller, then
 * wrapped), never cut with an ellipsis. */
static void gallery_titles_are_whole(void **state) {
  rig *r = *state; /* the bundled pack */
  static const struct {
    int w, h;
    float w_mm, h_mm;
  } panels[] = {
      {800, 480, 152.4f, 91.4f}, {1024, 600, 153.3f, 89.8f}, {1080, 1920, 267.8f, 476.1f}};
  size_t n = 0;
  for (size_t i = 0; i < r->content->n_exhibits; i++)
    n += r->content->exhibits[i].kind == KS_KIND_ACHIEVEMENT;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++)
    for (int l = 0; l < (int)r->content->meta.n_languages; l++) {
      panel_ui at = panel_open(r, panels[p].w, panels[p].h, panels[p].w_mm, panels[p].h_mm, l,
                               KS_SCREEN_ACHIEVEMENTS);
      ks_ui *ui = at.ui;
      bool *seen = calloc(r->content->n_exhibits, sizeof *seen);
      size_t n_seen = 0, n_cut = 0;
      for (int page = 0; page < 100; page++) {
        ks_ui_text_run run;
        for (size_t i = 0; ks_ui_text_run_at(ui, i, &run); i++) {
          const ks_exhibit *e = titled(r->content, ui, i, KS_KIND_ACHIEVEMENT, l);
          if (!e || seen[e - r->content->exhibits])
            continue;
          seen[e - r->content->exhibits] = true, n_seen++;
          if (run.cut && n_cut++ < 8)
            print_message("%dx%d %s: cut: %s\n", panels[p].w, panels[p].h,
                          ks_content_lang_tag(r->content, (ks_lang)l), ks_ui_text_run_text(ui, i));
        }
        if (n_seen == n)
          break;
        page_on(ui, at.gfx);
      }
      free(seen);
      assert_int_equal(n_seen, n);
      assert_int_equal(n_cut, 0);
      panel_close(at);
    }
}

/* The timeline's cards on a 7-inch 800x480 panel, both languages: a title that even a step
 * smaller and wrapped cannot hold whole takes the room of the place under it (nothing is drawn
 * under a cut title on its card), and most titles are whole. */
static void timeline_titles_take_the_room(void **state) {
  rig *r = *state; /* the bundled pack */
  for (int l = 0; l < (int)r->content->meta.n_languages; l++) {
    panel_ui at = panel_open(r, 800, 480, 152.4f, 91.4f, l, KS_SCREEN_TIMELINE);
    ks_ui *ui = at.ui;
    bool *seen = calloc(r->content->n_exhibits, sizeof *seen);
    size_t n_seen = 0, n_cut = 0, n = 0;
    for (size_t k = 0; k < r->content->n_exhibits; k++)
      n += r->content->exhibits[k].kind == KS_KIND_EVENT && r->content->exhibits[k].date;
    for (int page = 0; page < 200 && n_seen < n; page++) {
      ks_ui_text_run run, below;
      for (size_t i = 0; ks_ui_text_run_at(ui, i, &run); i++) {
        const ks_exhibit *e = titled(r->content, ui, i, KS_KIND_EVENT, l);
        if (!e || seen[e - r->content->exhibits] || run.rect.x < 0 || run.rect.x + run.rect.w > 800)
          continue;
        seen[e - r->content->exhibits] = true, n_seen++;
        if (!run.cut)
          continue;
        n_cut++;
        for (size_t j = 0; ks_ui_text_run_at(ui, j, &below); j++)
          if (below.rect.x == run.rect.x && below.rect.y > run.rect.y &&
              below.rect.y < run.rect.y + 2 * run.rect.h)
            fail_msg("%s: \"%s\" under the cut title \"%s\"",
                     ks_content_lang_tag(r->content, (ks_lang)l), ks_ui_text_run_text(ui, j),
                     ks_ui_text_run_text(ui, i));
      }
      page_on(ui, at.gfx);
    }
    print_message("800x480 %s: %zu of %zu timeline titles cut\n",
                  ks_content_lang_tag(r->content, (ks_lang)l), n_cut, n_seen);
    assert_true(n_seen > n / 2);
    assert_true(n_cut * 4 < n_seen);
    free(seen);
    panel_close(at);
  }
}

/* The cities' list on a 7-inch 800x480 panel, both languages: every city's name whole on its row
 * ("Songjiang, Shanghai" was "Songjiang,…"). */
static void city_rows_name_whole(void **state) {
  rig *r = *state; /* the bundled pack */
  for (int l = 0; l < (int)r->content->meta.n_languages; l++) {
    panel_ui at = panel_open(r, 800, 480, 152.4f, 91.4f, l, KS_SCREEN_CITIES);
    ks_ui *ui = at.ui;
    size_t rows = 0, n;
    const ks_label *names;
    ks_rect map; /* the rows are right of the map's panel, whose names are not rows */
    ks_ui_map_labels(ui, &names, &n, &map);
    assert_true(map.w > 0 && map.x + map.w < 800 * 2 / 3);
    for (int page = 0; page < 20; page++) {
      ks_ui_text_run run;
      for (size_t i = 0; ks_ui_text_run_at(ui, i, &run); i++)
        if (run.rect.x > map.x + map.w && titled(r->content, ui, i, KS_KIND_CITY, l)) {
          rows++;
          if (run.cut)
            fail_msg("%s: the row of %s cuts its name", ks_content_lang_tag(r->content, (ks_lang)l),
                     ks_ui_text_run_text(ui, i));
        }
      page_on(ui, at.gfx);
    }
    assert_true(rows > 20);
    panel_close(at);
  }
}

/* Whether the last draw named province `name` on the map (the map was read and painted). */
static bool map_painted(const ks_ui *ui, const char *name) {
  ks_ui_text_run run;
  for (size_t i = 0; ks_ui_text_run_at(ui, i, &run); i++)
    if (strcmp(ks_ui_text_run_text(ui, i), name) == 0)
      return true;
  return false;
}

/* The map is read when the cities screen first needs it, not when it is named: home's first
 * frame pays nothing for it. The file named does not exist until after home is drawn, and the
 * map then shows all the same; a file that never loads leaves the pins alone. */
static void map_is_read_on_first_use(void **state) {
  rig *r = *state; /* the bundled pack */
  char path[1024];
  ts_tmp(path, sizeof path, "later-map.txt");
  remove(path);
  panel_ui at = {ks_gfx_create(NULL, 1920, 1080, 2), ks_ui_create(r->content, r->fonts, TS_ZH)};
  ks_ui_set_map_file(at.ui, path);
  ks_ui_draw(at.ui, at.gfx); /* home */
  size_t size;
  char err[256];
  char *text = ks_file_read(KS_TEST_MAP, 1 << 22, &size, err, sizeof err);
  assert_non_null(text);
  ts_write(path, text, size);
  free(text);
  assert_true(ks_ui_show(at.ui, KS_SCREEN_CITIES, NULL));
  ks_ui_draw(at.ui, at.gfx);
  assert_true(map_painted(at.ui, "江苏"));
  panel_close(at);
  at = (panel_ui){ks_gfx_create(NULL, 1920, 1080, 2), ks_ui_create(r->content, r->fonts, TS_ZH)};
  ks_ui_set_map_file(at.ui, KS_TEST_TMP "/no-such-map.txt");
  assert_true(ks_ui_show(at.ui, KS_SCREEN_CITIES, NULL));
  ks_ui_draw(at.ui, at.gfx);
  ks_ui_draw(at.ui, at.gfx); /* tried once: said once */
  assert_false(map_painted(at.ui, "江苏"));
  panel_close(at);
}

/* The square target of a locator map's pin named `name` on the last draw (a chip of the same
 * name is wider than tall), or false. */
static bool locator_pin(const ks_ui *ui, const char *name, ks_ui_target *out) {
  for (size_t i = 0; ks_ui_target_at(ui, i, out); i++)
    if (out->label && strcmp(out->label, name) == 0 && out->rect.w == out->rect.h)
      return true;
  return false;
}

/* An achievement's page shows its cities on a small map (a locator), each pin a finger's
 * target that opens its city — but for a pin nearer an earlier one than a finger (Songjiang
 * beside Suzhou at 1080p), whose city its chip under the page opens: targets never overlap. A
 * city's own pin on its own page opens nothing. */
static void locator_pins_open_their_cities(void **state) {
  rig *r = *state; /* the bundled pack */
  ks_ui_set_map_file(r->ui, KS_TEST_MAP);
  assert_true(ks_ui_show(r->ui, KS_SCREEN_ACHIEVEMENT, "ach-7nm-chip-chain"));
  ks_ui_draw(r->ui, r->gfx);
  ks_ui_target t, pins[3];
  const char *cities[] = {"苏州", "杭州", "上海松江"};
  const char *ids[] = {"city-suzhou", "city-hangzhou", "city-songjiang"};
  size_t n = 0, first = 3;
  for (size_t i = 0; i < 3; i++)
    if (locator_pin(r->ui, cities[i], &t)) {
      first = first < 3 ? first : i;
      assert_string_equal(t.action, "go");
      assert_string_equal(t.to, "city");
      assert_true(t.rect.w >= 9 * 1080 / 268); /* 9 mm at least (1080 px over 268 mm is more) */
      pins[n++] = t;
    }
  assert_true(n >= 2);
  for (size_t i = 0; i < n; i++)
    for (size_t k = i + 1; k < n; k++)
      assert_false(pins[i].rect.x < pins[k].rect.x + pins[k].rect.w &&
                   pins[k].rect.x < pins[i].rect.x + pins[i].rect.w &&
                   pins[i].rect.y < pins[k].rect.y + pins[k].rect.h &&
                   pins[k].rect.y < pins[i].rect.y + pins[i].rect.h);
  t = pins[0];
  tap(r, t.rect.x + t.rect.w / 2, t.rect.y + t.rect.h / 2);
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITY);
  assert_string_equal(ks_ui_exhibit(r->ui), ids[first]);
  assert_false(locator_pin(r->ui, cities[first], &t)); /* its own page: not a way to itself */
  assert_true(ks_ui_pictures(r->ui) >= 1);
}

/* The map's names are never ambiguous (the rule of kiosk/maplabels.h: each name nearer its own
 * pin than any other, or joined to it by a leader that crosses no leader, name or pin), on every
 * panel `kiosk layout-check` is run on (tests/CMakeLists.txt), in both languages, on the bundled
 * pack with its map. Before the fix the 7" map set 湖州 and
 * 嘉兴 beside other cities' pins, their leaders crossing. */
static size_t all_named(const ks_label *names, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += names[i].placed;
  return k;
}

static void map_names_are_never_ambiguous(void **state) {
  rig *r = *state; /* the bundled pack */
  static const struct {
    int w, h;
    float inches;
  } panels[] = {{800, 480, 7},       {1024, 600, 7},      {1280, 800, 10.1f},
                {1920, 1080, 21.5f}, {1080, 1920, 21.5f}, {3840, 2160, 55}};
  size_t corridor = 0;
  for (size_t i = 0; i < r->content->n_exhibits; i++)
    corridor += r->content->exhibits[i].kind == KS_KIND_CITY && r->content->exhibits[i].corridor;
  assert_true(corridor >= 9);
  int failures = 0;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++)
    for (int l = 0; l < (int)r->content->meta.n_languages; l++) {
      float w_mm, h_mm;
      assert_true(
          ks_session_diagonal_mm(panels[p].inches, panels[p].w, panels[p].h, 0, &w_mm, &h_mm));
      panel_ui at = {ks_gfx_create(NULL, panels[p].w, panels[p].h, 2),
                     ks_ui_create(r->content, r->fonts, (ks_lang)l)};
      ks_ui_set_panel_mm(at.ui, w_mm, h_mm);
      char err[512], why[256];
      assert_true(ks_ui_load_map(at.ui, KS_TEST_MAP, err, sizeof err));
      assert_true(ks_ui_show(at.ui, KS_SCREEN_CITIES, NULL));
      ks_ui_draw(at.ui, at.gfx);
      const ks_label *names;
      size_t n, named = 0;
      ks_rect panel;
      const ks_label_pin *pins = ks_ui_map_labels(at.ui, &names, &n, &panel);
      assert_non_null(pins);
      const char *tag = ks_content_lang_tag(r->content, (ks_lang)l);
      size_t bad = ks_labels_check(pins, n, names, panel, why, sizeof why);
      if (bad != SIZE_MAX) {
        fprintf(stderr, "%dx%d %.1f\" %s: %s\n", panels[p].w, panels[p].h, (double)panels[p].inches,
                tag, why);
        failures++;
      }
      size_t keyed = 0;
      for (size_t i = 0; i < corridor && i < n; i++) { /* the corridor's pins come first */
        named += names[i].placed;
        /* Every corridor city is named: by its name beside its pin, or by its number on the
         * pin (the key of the list beside the map, which has it before the name). */
        char number[24];
        snprintf(number, sizeof number, "%zu", i + 1);
        bool on_pin = false;
        ks_ui_text_run run;
        for (size_t k = 0; !on_pin && ks_ui_text_run_at(at.ui, k, &run); k++) {
          float cx = (float)run.rect.x + (float)run.rect.w / 2 - pins[i].x;
          float cy = (float)run.rect.y + (float)run.rect.h / 2 - pins[i].y;
          on_pin = strcmp(ks_ui_text_run_text(at.ui, k), number) == 0 &&
                   cx * cx + cy * cy <= pins[i].r * pins[i].r;
        }
        keyed += on_pin;
        if (!names[i].placed && !on_pin) {
          fprintf(stderr, "%dx%d %.1f\" %s: corridor pin %zu has neither name nor number\n",
                  panels[p].w, panels[p].h, (double)panels[p].inches, tag, i + 1);
          failures++;
        }
      }
      /* How many corridor cities are named beside their pins, said rather than asserted: on
       * small panels the Taihu cluster leaves no unambiguous place for some, which their
       * numbers name; docs/notes/NOTES-k13.md has the figures. */
      fprintf(stderr,
              "%dx%d %.1f\" %s: %zu of the %zu corridor cities named, %zu numbered, %zu names\n",
              panels[p].w, panels[p].h, (double)panels[p].inches, tag, named, corridor, keyed,
              all_named(names, n));
      panel_close(at);
    }
  assert_int_equal(failures, 0);
}

/* On a 7-inch 800x480 panel (155 x 86 mm), turned or not, and a 10-inch 1280x800 one, every
 * screen of the bundled pack, in both languages,
 * has touch targets of at least 9 mm both ways and no text under 3 mm: the layout reflows
 * around them rather than shrinking them with the pixels. */
static void seven_inch_panel_keeps_the_floors(void **state) {
  rig *r = *state; /* the bundled pack */
  /* 7" landscape and turned, 10" 1280x800. */
  static const struct {
    int w, h;
    float w_mm, h_mm;
  } panels[] = {{800, 480, 155, 86}, {480, 800, 86, 155}, {1280, 800, 217, 136}};
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++) {
    ks_gfx *gfx = ks_gfx_create(NULL, panels[p].w, panels[p].h, 2);
    ks_ui *ui = ks_ui_create(r->content, r->fonts, TS_ZH);
    ks_ui_set_panel_mm(ui, panels[p].w_mm, panels[p].h_mm);
    floor_check c = {.ui = ui};
    ks_ui_tour(ui, gfx, check_floors, &c);
    print_message("%dx%d: %zu screens, %zu targets, %zu runs of text at %.3f mm a pixel\n",
                  panels[p].w, panels[p].h, c.screens, c.targets, c.runs,
                  (double)ks_ui_mm_per_px(ui));
    assert_true(ks_ui_mm_per_px(ui) > 0.16f && ks_ui_mm_per_px(ui) < 0.2f);
    assert_true(c.screens > 100 && c.targets > c.screens && c.runs > c.screens);
    assert_int_equal(c.small_targets, 0);
    assert_int_equal(c.small_runs, 0);
    ks_ui_destroy(ui);
    ks_gfx_destroy(gfx);
  }
  /* A size that is none (not a number, negative, nothing) is taken as unknown: the reference's
   * 0.248 mm a pixel. */
  const float bad[][2] = {{NAN, 86}, {-155, -86}, {0, 0}, {INFINITY, 86}};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    ks_ui_set_panel_mm(r->ui, bad[i][0], bad[i][1]);
    ks_ui_draw(r->ui, r->gfx);
    assert_float_equal(ks_ui_mm_per_px(r->ui), 0.248f, 1e-4f);
  }
}

/* Drags a finger from pixel (x, y) by (dx, dy) on the 1920x1080 screen, slowly (no fling). */
static void drag(rig *r, int x, int y, int dx, int dy) {
  ks_ui_draw(r->ui, r->gfx);
  ks_touch ev[12];
  size_t n = 0;
  ev[n++] = (ks_touch){KS_TOUCH_DOWN, 6, (float)x / 1080.0f, (float)y / 1080.0f, r->t += 1000};
  for (int k = 1; k <= 10; k++)
    ev[n++] = (ks_touch){KS_TOUCH_MOVE, 6, (float)(x + dx * k / 10) / 1080.0f,
                         (float)(y + dy * k / 10) / 1080.0f, r->t += 100};
  ev[n++] =
      (ks_touch){KS_TOUCH_UP, 6, (float)(x + dx) / 1080.0f, (float)(y + dy) / 1080.0f, r->t += 300};
  for (size_t i = 0; i < n; i++) {
    ks_gesture g[4];
    size_t m = ks_gesture_feed(r->gm, &ev[i], g);
    for (size_t k = 0; k < m; k++)
      ks_ui_gesture(r->ui, &g[k]);
    ks_ui_draw(r->ui, r->gfx);
  }
}

/* The x of the filter chip `label` as drawn, or INT_MIN; every filter's y must be `*y`. */
static int chip_x(const ks_ui *ui, const char *label, int *y) {
  ks_ui_target t;
  int x = INT_MIN;
  for (size_t i = 0; ks_ui_target_at(ui, i, &t); i++)
    if (strcmp(t.action, "filter") == 0) {
      if (*y < 0)
        *y = t.full.y;
      assert_int_equal(t.full.y, *y); /* one row */
      if (strcmp(t.label, label) == 0)
        x = t.full.x;
    }
  return x;
}

/* At 1920x1080 the gallery's filters take one row, which a finger drags sideways without moving
 * the cards, and under it at least two whole rows of cards show. */
static void filters_take_one_row(void **state) {
  rig *r = *state;
  assert_true(ks_ui_show(r->ui, KS_SCREEN_ACHIEVEMENTS, NULL));
  ks_ui_draw(r->ui, r->gfx);
  int row_y = -1, whole = 0, first_card = INT_MIN;
  int all_x = chip_x(r->ui, "全部领域", &row_y);
  assert_int_not_equal(all_x, INT_MIN);
  ks_ui_target t;
  for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
    if (t.to && strcmp(t.to, "achievement") == 0) {
      whole += t.rect.y == t.full.y && t.full.y + t.full.h <= 1080;
      first_card = first_card == INT_MIN ? t.full.y : first_card;
    }
  assert_true(whole >= 6); /* two rows of three */
  /* The last place chip is off the right edge; a drag along the row brings it in. */
  assert_int_equal(chip_x(r->ui, "安徽", &row_y), INT_MIN);
  drag(r, 1880, row_y + 20, -1800, 0);
  drag(r, 1880, row_y + 20, -1800, 0); /* past its end: it stops there */
  assert_true(chip_x(r->ui, "全部领域", &row_y) < all_x);
  int anhui = chip_x(r->ui, "安徽", &row_y);
  assert_true(anhui > 0 && anhui < 1920);
  for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
    if (t.to && strcmp(t.to, "achievement") == 0) {
      assert_int_equal(t.full.y, first_card); /* the cards stayed */
      break;
    }
  tap(r, anhui + 20, row_y + 20);
  char sub[64] = "";
  ks_ui_text_run run;
  for (size_t i = 0; ks_ui_text_run_at(r->ui, i, &run); i++)
    if (strstr(run.text, "项成果"))
      snprintf(sub, sizeof sub, "%s", run.text);
  assert_true(strncmp(sub, "55", 2) != 0); /* filtered to Anhui: fewer than all */
}

/* A sentence of a page's text as a reader compares it: letters, digits and ideographs only, Latin
 * in lower case, as code points; `bigrams` its neighbouring pairs, sorted. */
typedef struct {
  uint32_t cp[400];
  size_t n;
  uint64_t bigram[400];
  size_t run;       /* which run of text it is in */
  const char *from; /* its bytes as drawn */
  int len;
} sentence;

static bool ends_sentence(uint32_t c, uint32_t next) {
  return c == 0x3002 || c == 0xff01 || c == 0xff1f || c == 0xff1b || c == '\n' ||
         ((c == '.' || c == '!' || c == '?' || c == ';') && (next == ' ' || next == 0));
}

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Splits `text` into sentences, appended to `out`: those that say something, an ideograph
 * counted as two letters and at least 32 letters' worth, ended by a full stop, a question or
 * exclamation mark or a semicolon (a label, a title or a name is no sentence). */
static size_t split_sentences(const char *text, size_t run, sentence *out, size_t n, size_t cap) {
  sentence cur = {.run = run, .from = text};
  int weight = 0;
  bool marked = false; /* the last mark seen ends a sentence */
  for (const char *p = text;;) {
    uint32_t c = 0, next = 0;
    size_t k = *p ? ks_utf8_decode(p, strlen(p), &c) : 0;
    if (*p && k)
      ks_utf8_decode(p + k, strlen(p + k), &next);
    bool keep = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                (c >= 0x3400 && c <= 0x9fff) || c > 0xffff;
    if (c && c != ' ' && c != '\n' && c != 0x201d && c != '"')
      marked = ends_sentence(c, next ? next : ' ');
    if (keep && cur.n < 400) {
      cur.cp[cur.n++] = c >= 'A' && c <= 'Z' ? c + 32 : c;
      weight += c >= 0x3400 ? 2 : 1;
    }
    if (!*p || !k || ends_sentence(c, next)) {
      if (weight >= 32 && n < cap && marked) {
        for (size_t i = 0; i + 1 < cur.n; i++)
          cur.bigram[i] = (uint64_t)cur.cp[i] << 32 | cur.cp[i + 1];
        qsort(cur.bigram, cur.n - 1, sizeof *cur.bigram, cmp_u64);
        cur.len = (int)(p + k - cur.from);
        out[n++] = cur;
      }
      cur.n = 0, weight = 0;
      cur.from = p + k;
      if (!*p || !k)
        return n;
    }
    p += k;
  }
}

/* How alike two sentences are: shared neighbouring pairs over all of them (Dice), 0 to 1. */
static float alike(const sentence *a, const sentence *b) {
  size_t i = 0, j = 0, shared = 0, na = a->n - 1, nb = b->n - 1;
  while (i < na && j < nb)
    if (a->bigram[i] == b->bigram[j])
      shared++, i++, j++;
    else if (a->bigram[i] < b->bigram[j])
      i++;
    else
      j++;
  return 2.0f * (float)shared / (float)(na + nb);
}

typedef struct {
  ks_ui *ui;
  sentence *s;
  size_t pages, sentences, twice;
} twice_check;

static void check_said_once(void *ctx) {
  twice_check *c = ctx;
  if (!ks_ui_exhibit(c->ui))
    return; /* the overviews: a page of each exhibit is what a visitor reads through */
  c->pages++;
  size_t n = 0;
  const char *text;
  for (size_t i = 0; (text = ks_ui_text_run_text(c->ui, i)); i++)
    n = split_sentences(text, i, c->s, n, 512);
  c->sentences += n;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      if (alike(&c->s[i], &c->s[j]) >= 0.8f && c->twice++ < 400)
        print_message("%s %s: said twice (runs %zu and %zu):\n  %.*s\n  %.*s\n",
                      ks_ui_exhibit(c->ui), ts_lang_tag(ks_ui_lang(c->ui)), c->s[i].run,
                      c->s[j].run, c->s[i].len, c->s[i].from, c->s[j].len, c->s[j].from);
}

/* No page of the bundled pack says a sentence twice: not the lead again as the body's first
 * paragraph, not a city's facts again in its story. Sentences are compared as a reader would,
 * without spacing and punctuation, and nearly the same (80 % of their character pairs) counts. */
static void no_page_says_a_sentence_twice(void **state) {
  rig *r = *state;
  for (int o = 0; o < 2; o++) {
    ks_gfx *gfx = ks_gfx_create(NULL, o ? 1080 : 1920, o ? 1920 : 1080, 2);
    twice_check c = {.ui = r->ui, .s = malloc(512 * sizeof(sentence))};
    ks_ui_tour(r->ui, gfx, check_said_once, &c);
    print_message("%s: %zu pages, %zu sentences, %zu said twice\n", o ? "portrait" : "landscape",
                  c.pages, c.sentences, c.twice);
    assert_true(c.pages > 100 && c.sentences > 2 * c.pages);
    assert_int_equal(c.twice, 0);
    free(c.s);
    ks_gfx_destroy(gfx);
  }
}

/* Each key figure says when it was true ("截至2019年", "as of 2019"), so that 327亿 / 431亿 /
 * 522亿 read as a series; in portrait, figures stand two across. */
static void figures_show_their_dates(void **state) {
  rig *r = *state; /* the bundled pack */
  const char *id = "ach-yrd-resource-sharing-platform";
  const ks_exhibit *e = ks_content_find(r->content, id);
  assert_non_null(e);
  size_t dated = 0;
  for (size_t i = 0; i < e->n_figures; i++)
    dated += e->figures[i].as_of != NULL;
  assert_true(dated >= 3);
  static const char *const as_of[] = {"截至", "as of "};
  for (int o = 0; o < 2; o++)
    for (int l = 0; l < 2; l++) { /* the pack's zh and en */
      ks_gfx *gfx = ks_gfx_create(NULL, o ? 1080 : 1920, o ? 1920 : 1080, 2);
      ks_ui_set_lang(r->ui, (ks_lang)l);
      ks_ui_home(r->ui);
      assert_true(ks_ui_show(r->ui, KS_SCREEN_ACHIEVEMENT, id));
      ks_ui_draw(r->ui, gfx);
      size_t dates = 0, right = 0; /* dates of the second column */
      int first_x = -1;
      ks_ui_text_run run;
      for (size_t i = 0; ks_ui_text_run_at(r->ui, i, &run); i++) {
        if (strncmp(run.text, as_of[l], strlen(as_of[l])) != 0 || strlen(run.text) > 32)
          continue; /* (a story may open with "截至…" too) */
        dates++;
        first_x = first_x < 0 ? run.rect.x : first_x;
        right += run.rect.x > first_x;
      }
      assert_int_equal(dates, dated);
      assert_int_equal(right, o ? dated / 2 : 0);
      ks_gfx_destroy(gfx);
    }
  ks_ui_set_lang(r->ui, TS_ZH);
}

/* Visitors everywhere at once: random touches of up to three fingers, keys, and time passing,
 * for a long while. Under ASan and UBSan in CI: no crash, no leak, and the UI always somewhere. */
static void survives_a_touch_storm(void **state) {
  rig *r = *state;
  uint32_t x = 7;
#define RAND() (x = x * 1103515245u + 12345u, (x >> 8) & 0xffff)
  bool down[3] = {false, false, false};
  ks_ui_set_idle_timeout(r->ui, 20);
  for (int step = 0; step < 20000; step++) {
    int finger = (int)(RAND() % 3);
    ks_touch ev = {KS_TOUCH_MOVE, finger, (float)(RAND() % 1920) / 1080.0f,
                   (float)(RAND() % 1080) / 1080.0f, r->t += RAND() % 40};
    unsigned what = RAND() % 100;
    if (!down[finger])
      ev.type = KS_TOUCH_DOWN, down[finger] = true;
    else if (what < 20)
      ev.type = KS_TOUCH_UP, down[finger] = false;
    else if (what < 22)
      ev.type = KS_TOUCH_CANCEL, down[finger] = false;
    ks_gesture g[4];
    size_t n = ks_gesture_feed(r->gm, &ev, g);
    for (size_t i = 0; i < n; i++)
      ks_ui_gesture(r->ui, &g[i]);
    if (what > 97)
      (what == 98 ? ks_ui_back : what == 99 ? ks_ui_home : ks_ui_toggle_lang)(r->ui);
    if (RAND() % 500 == 0)
      ks_ui_tick(r->ui, 25.0f); /* a visitor walks away */
    ks_ui_tick(r->ui, (float)(RAND() % 40) / 1000.0f);
    if (step % 4 == 0)
      ks_ui_draw(r->ui, r->gfx);
    assert_true(ks_ui_screen(r->ui) < KS_SCREEN_COUNT);
  }
#undef RAND
}

/* Every exhibit of the bundled pack, in both languages and both orientations: shown, drawn with
 * a picture (an image, a chart, a locator map or a timeline strip: an exhibit, not a document),
 * its links followed one step, and back home. */
static void visits_every_exhibit_of_the_bundled_pack(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  ks_pack *pack = ks_pack_open(KS_TEST_BUNDLED, d);
  assert_non_null(pack);
  ks_content *c = ks_pack_read(pack, d);
  char err[256];
  ks_fonts *fonts = ks_fonts_open(KS_TEST_FONTS, err, sizeof err);
  assert_non_null(fonts);
  ks_screen_id detail[KS_KIND_COUNT];
  for (int k = 0; k < KS_KIND_COUNT; k++)
    detail[k] = ks_ui_kind_screen((ks_kind)k, false);
  for (int orientation = 0; orientation < 2; orientation++) {
    ks_gfx *gfx = ks_gfx_create(NULL, orientation ? 1080 : 1920, orientation ? 1920 : 1080, 2);
    for (int l = 0; l < 2; l++) { /* the pack's zh and en */
      ks_ui *ui = ks_ui_create(c, fonts, (ks_lang)l);
      ks_ui_set_map_file(ui, KS_TEST_MAP); /* its locator maps */
      for (size_t i = 0; i < c->n_exhibits; i++) {
        const ks_exhibit *e = &c->exhibits[i];
        assert_true(ks_ui_show(ui, detail[e->kind], e->id));
        ks_ui_draw(ui, gfx);
        if (ks_ui_pictures(ui) < 1)
          fail_msg("%s's page (%s, %s) shows no picture", e->id, l ? "en" : "zh",
                   orientation ? "portrait" : "landscape");
        for (size_t k = 0; k < e->n_links; k++) { /* a link and back */
          const ks_exhibit *t = ks_content_find(c, e->links[k].target);
          assert_non_null(t);
          assert_true(ks_ui_show(ui, detail[t->kind], t->id));
          ks_ui_draw(ui, gfx);
          assert_true(ks_ui_back(ui));
          assert_int_equal(ks_ui_screen(ui), detail[e->kind]);
        }
        ks_ui_home(ui);
        assert_int_equal(ks_ui_screen(ui), KS_SCREEN_HOME);
      }
      ks_ui_destroy(ui);
    }
    ks_gfx_destroy(gfx);
  }
  ks_fonts_close(fonts);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);
}

static void swipe(rig *r, float from_x, float to_x) {
  ks_ui_draw(r->ui, r->gfx);
  ks_gesture g[4];
  for (int i = 0; i <= 6; i++) {
    float x = from_x + (to_x - from_x) * (float)(i < 5 ? i : 5) / 5.0f;
    ks_touch ev = {i == 0   ? KS_TOUCH_DOWN
                   : i == 6 ? KS_TOUCH_UP
                            : KS_TOUCH_MOVE,
                   3, x / 1080.0f, 700 / 1080.0f, r->t += 16};
    size_t n = ks_gesture_feed(r->gm, &ev, g);
    for (size_t k = 0; k < n; k++)
      ks_ui_gesture(r->ui, &g[k]);
  }
}

static void swipes_turn_detail_pages(void **state) {
  rig *r = *state;
  /* The fixture has one achievement, one event and one city: a swipe stays put. */
  assert_true(ks_ui_show(r->ui, KS_SCREEN_CITY, "city-hefei"));
  swipe(r, 1500, 500);
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITY);
  ks_ui_destroy(r->ui);
  /* The bundled pack has many: left is the next city in the list's order, right goes back. */
  ks_diag *d = ks_diag_create();
  ks_pack *pack = ks_pack_open(KS_TEST_BUNDLED, d);
  ks_content *c = ks_pack_read(pack, d);
  r->ui = ks_ui_create(c, r->fonts, TS_ZH);
  assert_true(ks_ui_show(r->ui, KS_SCREEN_CITY, "city-hefei")); /* first on the corridor */
  swipe(r, 1500, 500);
  assert_string_equal(ks_ui_exhibit(r->ui), "city-wuhu"); /* second */
  ks_ui_draw(r->ui, r->gfx);
  assert_true(ks_ui_back(r->ui)); /* Back leads off the detail pages, not to Hefei */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_HOME);
  assert_true(ks_ui_show(r->ui, KS_SCREEN_CITY, "city-hefei"));
  swipe(r, 1500, 500);
  swipe(r, 500, 1500);
  assert_string_equal(ks_ui_exhibit(r->ui), "city-hefei");
  swipe(r, 500, 1500); /* before the first: nothing, it stays (no silent wrap to the last) */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_CITY);
  assert_string_equal(ks_ui_exhibit(r->ui), "city-hefei");
  ks_ui_draw(r->ui, r->gfx);
  ks_ui_destroy(r->ui);
  r->ui = ks_ui_create(r->content, r->fonts, TS_ZH);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);
}

/* Feeds one touch event at pixel (x, y) of the 1920x1080 screen, `dt` ms after the last. */
static void touch_at(rig *r, ks_touch_type type, float x, float y, uint32_t dt) {
  ks_touch ev = {type, 7, x / 1080.0f, y / 1080.0f, r->t += dt};
  ks_gesture g[4];
  size_t n = ks_gesture_feed(r->gm, &ev, g);
  for (size_t k = 0; k < n; k++)
    ks_ui_gesture(r->ui, &g[k]);
}

/* The x of the last frame's text run that says `text` in full and starts at `y`, or INT_MIN. */
static int run_x(const ks_ui *ui, const char *text, int y) {
  ks_ui_text_run run;
  for (size_t i = 0; ks_ui_text_run_at(ui, i, &run); i++)
    if (run.rect.y == y && strcmp(ks_ui_text_run_text(ui, i), text) == 0)
      return run.rect.x;
  return INT_MIN;
}

/* A finger down on a detail page at x, moved slowly by `dx` in ten steps, held there (not let
 * go), the frame drawn. */
static void hold_drag(rig *r, float x, float dx) {
  touch_at(r, KS_TOUCH_DOWN, x, 600, 1000);
  for (int k = 1; k <= 10; k++)
    touch_at(r, KS_TOUCH_MOVE, x + dx * (float)k / 10, 600, 100);
  ks_ui_draw(r->ui, r->gfx);
}

static void let_go(rig *r) {
  touch_at(r, KS_TOUCH_UP, 0, 600, 400);
  for (int i = 0; i < 120 && ks_ui_tick(r->ui, 1.0f / 60); i++)
    ks_ui_draw(r->ui, r->gfx);
  ks_ui_draw(r->ui, r->gfx);
}

/* A detail page dragged sideways shows the page it would turn to beside it, moving with it, as a
 * phone's photo viewer does: the next city's title a screen's width to the right of this one's.
 * At the end of the list nothing is drawn beyond the page, which gives only a little. */
static void slide_shows_the_neighbour(void **state) {
  rig *r = *state;
  const ks_exhibit *hefei = ks_content_find(r->content, "city-hefei");
  const ks_exhibit *wuhu = ks_content_find(r->content, "city-wuhu");
  assert_non_null(hefei);
  assert_non_null(wuhu);
  assert_true(ks_ui_show(r->ui, KS_SCREEN_CITY, "city-hefei"));
  ks_ui_draw(r->ui, r->gfx);
  ks_ui_text_run title;
  int rest_x = INT_MIN, title_y = INT_MAX;
  for (size_t i = 0; ks_ui_text_run_at(r->ui, i, &title); i++) /* the topmost: the locator map */
    if (strcmp(ks_ui_text_run_text(r->ui, i), hefei->title.s[TS_ZH]) == 0 && /* names it too */
        title.rect.y < title_y)
      rest_x = title.rect.x, title_y = title.rect.y;
  assert_int_not_equal(rest_x, INT_MIN);
  size_t rest_targets = 0;
  ks_ui_target t;
  while (ks_ui_target_at(r->ui, rest_targets, &t))
    rest_targets++;
  /* Halfway to the left: Hefei moved left by about half the screen, Wuhu's title beside it. */
  hold_drag(r, 1500, -960);
  int here = run_x(r->ui, hefei->title.s[TS_ZH], title_y);
  int next = run_x(r->ui, wuhu->title.s[TS_ZH], title_y);
  assert_int_not_equal(here, INT_MIN);
  int shift = here - rest_x;
  assert_true(shift < -800 && shift > -1000);
  assert_int_equal(next, rest_x + shift + 1920); /* a whole page to the right, on screen */
  assert_true(next < 1920);
  /* Only the page under the finger answers touches. */
  size_t targets = 0;
  while (ks_ui_target_at(r->ui, targets, &t))
    targets++;
  assert_int_equal(targets, rest_targets);
  let_go(r);
  assert_string_equal(ks_ui_exhibit(r->ui), "city-wuhu");
  /* The previous arrow: Hefei slides in from the left, Wuhu going out beside it. */
  for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
    if (strcmp(t.action, "turn") == 0 && strcmp(t.label, "上一个") == 0) {
      tap(r, t.rect.x + t.rect.w / 2, t.rect.y + t.rect.h / 2);
      break;
    }
  assert_string_equal(ks_ui_exhibit(r->ui), "city-hefei");
  assert_int_equal(run_x(r->ui, hefei->title.s[TS_ZH], title_y), rest_x - 1920);
  assert_int_equal(run_x(r->ui, wuhu->title.s[TS_ZH], title_y), rest_x);
  ks_ui_tick(r->ui, 1.0f / 30);
  ks_ui_draw(r->ui, r->gfx);
  here = run_x(r->ui, hefei->title.s[TS_ZH], title_y);
  assert_true(here > rest_x - 1920 && here < rest_x);
  assert_int_equal(run_x(r->ui, wuhu->title.s[TS_ZH], title_y), here + 1920);
  let_go(r);
  assert_int_equal(run_x(r->ui, hefei->title.s[TS_ZH], title_y), rest_x);
  assert_int_equal(run_x(r->ui, wuhu->title.s[TS_ZH], title_y), INT_MIN);
  swipe(r, 1500, 500);
  let_go(r);
  assert_string_equal(ks_ui_exhibit(r->ui), "city-wuhu");
  /* The last city: a drag to the left gives a little, and nothing is drawn beyond the page. */
  for (int i = 0; i < 100; i++) {
    const char *was = ks_ui_exhibit(r->ui);
    swipe(r, 1500, 500);
    for (int k = 0; k < 120 && ks_ui_tick(r->ui, 1.0f / 60); k++)
      ks_ui_draw(r->ui, r->gfx);
    if (strcmp(was, ks_ui_exhibit(r->ui)) == 0)
      break;
  }
  const ks_exhibit *last = ks_content_find(r->content, ks_ui_exhibit(r->ui));
  ks_ui_draw(r->ui, r->gfx);
  size_t rest_runs = 0;
  ks_ui_text_run run;
  while (ks_ui_text_run_at(r->ui, rest_runs, &run))
    rest_runs++;
  hold_drag(r, 1500, -960);
  here = run_x(r->ui, last->title.s[TS_ZH], title_y);
  assert_true(here - rest_x < -200 && here - rest_x > -400); /* 0.3 of the finger's way */
  size_t runs = 0;
  for (; ks_ui_text_run_at(r->ui, runs, &run); runs++)
    assert_true(run.rect.x < 1920 + here - rest_x); /* none right of the page */
  assert_int_equal(runs, rest_runs);
  let_go(r);
  assert_string_equal(ks_ui_exhibit(r->ui), last->id);
}

static void steady_frames_rasterise_nothing(void **state) {
  rig *r = *state;
  ks_ui_show(r->ui, KS_SCREEN_ACHIEVEMENT, "ach-quantum-sensor");
  ks_ui_draw(r->ui, r->gfx);
  ks_gfx_stats first = ks_gfx_stats_take(r->gfx);
  assert_true(first.glyphs_rasterised > 0);
  ks_ui_draw(r->ui, r->gfx);
  ks_gfx_stats second = ks_gfx_stats_take(r->gfx);
  assert_int_equal(second.glyphs_rasterised, 0);
  assert_int_equal(second.upload_bytes, 0);
  assert_true(second.draw_calls > 0 && second.draw_calls <= 8);
}

/* The curators' notice: its buttons answer taps, Close takes it away, and it sits on top. */
static void notice_buttons_answer(void **state) {
  rig *r = *state;
  ks_ui_set_notice(r->ui, "U盘上有内容包", "A pack is on the stick", -1, KS_NOTICE_INSTALL);
  assert_int_equal(ks_ui_take_notice_tap(r->ui), 0);
  tap(r, 1800, 992); /* the right end of the card: its only button */
  assert_int_equal(ks_ui_take_notice_tap(r->ui), KS_NOTICE_INSTALL);
  assert_int_equal(ks_ui_take_notice_tap(r->ui), 0); /* taken once */
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_HOME);
  ks_ui_set_notice(r->ui, "正在安装内容包……", "Installing…", 0.5f, 0);
  tap(r, 1800, 992); /* no button while installing */
  assert_int_equal(ks_ui_take_notice_tap(r->ui), 0);
  ks_ui_set_notice(r->ui, "未安装", "Not installed", -1, KS_NOTICE_DISMISS);
  tap(r, 1800, 992);
  assert_int_equal(ks_ui_take_notice_tap(r->ui), KS_NOTICE_DISMISS);
  tap(r, 1800, 992); /* closed: nothing there any more */
  assert_int_equal(ks_ui_take_notice_tap(r->ui), 0);
}

/* A refusal naming a stranger's file shows the name's control characters as visible escapes: a
 * newline cannot break the card into a forged second message, nor an override turn it around. */
static void notice_shows_names_escaped(void **state) {
  rig *r = *state;
  ks_ui_set_notice(r->ui, "未安装 ev\n已安装\x1b[2J.kpack",
                   "Not installed: ev\nInstalled\xe2\x80\xaegnp.kpack\xff", -1, KS_NOTICE_DISMISS);
  assert_string_equal(ks_ui_notice(r->ui, TS_ZH), "未安装 ev\\n已安装\\x1b[2J.kpack");
  assert_string_equal(ks_ui_notice(r->ui, TS_EN),
                      "Not installed: ev\\nInstalled\\u202egnp.kpack\\xff");
  ks_ui_set_notice(r->ui, NULL, NULL, -1, 0);
  assert_null(ks_ui_notice(r->ui, TS_EN));
}

/* An event's page says where it sits in time: the events just before and after it by date (ties
 * by id, as the timeline orders them) are rows that go to them, at least a finger tall. */
static void event_page_shows_its_neighbours(void **state) {
  rig *r = *state;
  const char *id = "ev-2021-05-27-community-office-unveiled";
  const ks_exhibit *e = NULL, *before = NULL, *after = NULL;
  for (size_t i = 0; i < r->content->n_exhibits; i++)
    if (strcmp(r->content->exhibits[i].id, id) == 0)
      e = &r->content->exhibits[i];
  assert_non_null(e);
  for (size_t i = 0; i < r->content->n_exhibits; i++) {
    const ks_exhibit *o = &r->content->exhibits[i];
    if (o->kind != KS_KIND_EVENT || !o->date || o == e)
      continue;
    int c = strcmp(o->date, e->date);
    c = c ? c : strcmp(o->id, e->id);
    int cb = before ? strcmp(o->date, before->date) : 1;
    cb = cb ? cb : strcmp(o->id, before->id);
    int ca = after ? strcmp(o->date, after->date) : -1;
    ca = ca ? ca : strcmp(o->id, after->id);
    if (c < 0 && (!before || cb > 0))
      before = o;
    if (c > 0 && (!after || ca < 0))
      after = o;
  }
  assert_non_null(before);
  assert_non_null(after);
  assert_true(ks_ui_show(r->ui, KS_SCREEN_EVENT, id));
  ks_ui_draw(r->ui, r->gfx);
  float mm = ks_ui_mm_per_px(r->ui);
  bool saw_before = false, saw_after = false;
  ks_ui_target t;
  for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++) {
    if (!t.to || strcmp(t.to, "event") != 0 || (float)t.full.h * mm < 9.0f)
      continue;
    saw_before |= strcmp(t.label, before->title.s[TS_ZH]) == 0;
    saw_after |= strcmp(t.label, after->title.s[TS_ZH]) == 0;
  }
  assert_true(saw_before);
  assert_true(saw_after);
  /* A neighbour's row opens it. */
  for (size_t i = 0; ks_ui_target_at(r->ui, i, &t); i++)
    if (t.to && strcmp(t.label, after->title.s[TS_ZH]) == 0) {
      tap(r, t.rect.x + t.rect.w / 2, t.rect.y + t.rect.h / 2);
      break;
    }
  assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_EVENT);
  assert_string_equal(ks_ui_exhibit(r->ui), after->id);
}

/* The strip of years under the timeline: a tap on a year glides the cards to that year's first
 * event, as far forwards or back as it is, and the card a finger then taps is of that year; back
 * from it, the timeline is where it was left; a tap between years goes to the nearer. */
static void years_strip_travels_in_time(void **state) {
  rig *r = *state;
  assert_true(ks_ui_show(r->ui, KS_SCREEN_TIMELINE, NULL));
  ks_ui_draw(r->ui, r->gfx);
  const ks_exhibit *first = ks_content_find(r->content, "ev-2003-innovation-system-agreement");
  assert_non_null(first);
  int years[2] = {0, atoi(first->date)};
  /* The newest year: the strip's right end, above the bottom margin. */
  int taps[2][2] = {{1920 - 64 - 12, 1080 - 64 - 70}, {64 + 12, 1080 - 64 - 70}};
  for (int k = 0; k < 2; k++) {
    tap(r, taps[k][0], taps[k][1]);
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_TIMELINE); /* the strip is no card */
    int frames = 0;
    while (ks_ui_tick(r->ui, 1.0f / 60) && frames < 600) {
      ks_ui_draw(r->ui, r->gfx);
      frames++;
    }
    assert_true(frames > 10 && frames < 600); /* it glided, and came to rest */
    tap(r, 200, 600);                         /* the first card in view */
    assert_int_equal(ks_ui_screen(r->ui), KS_SCREEN_EVENT);
    const ks_exhibit *e = ks_content_find(r->content, ks_ui_exhibit(r->ui));
    assert_non_null(e);
    if (k == 0) { /* the newest year of the pack */
      int newest = 0;
      for (size_t i = 0; i < r->content->n_exhibits; i++)
        if (r->content->exhibits[i].kind == KS_KIND_EVENT) {
          int y = atoi(r->content->exhibits[i].date);
          newest = y > newest ? y : newest;
        }
      years[0] = newest;
    }
    assert_int_equal(atoi(e->date), years[k]);
    /* Back finds the timeline where it was left: the same card under the finger. */
    assert_true(ks_ui_back(r->ui));
    tap(r, 200, 600);
    assert_string_equal(ks_ui_exhibit(r->ui), e->id);
    assert_true(ks_ui_back(r->ui));
  }
  /* A finger on a year without events goes to the nearer year that has some. */
  bool has[64] = {false};
  for (size_t i = 0; i < r->content->n_exhibits; i++)
    if (r->content->exhibits[i].kind == KS_KIND_EVENT) {
      int y = atoi(r->content->exhibits[i].date) - years[1];
      assert_true(y >= 0 && y < 64);
      has[y] = true;
    }
  int span = years[0] - years[1], gap = -1, nearer = -1;
  for (int g = 1; g < span && gap < 0; g++) {
    if (has[g])
      continue;
    int before = g, after = g;
    while (!has[before])
      before--;
    while (!has[after])
      after++;
    if (g - before != after - g)
      gap = g, nearer = g - before < after - g ? before : after;
  }
  assert_true(gap > 0); /* the bundled timeline has such a year */
  int x0 = 64 + 10, x1 = 1920 - 64 - 10;
  tap(r, x0 + (x1 - x0) * gap / span, 1080 - 64 - 70);
  for (int frames = 0; ks_ui_tick(r->ui, 1.0f / 60) && frames < 600; frames++)
    ks_ui_draw(r->ui, r->gfx);
  tap(r, 200, 600);
  const ks_exhibit *e = ks_content_find(r->content, ks_ui_exhibit(r->ui));
  assert_non_null(e);
  assert_int_equal(atoi(e->date), years[1] + nearer);
}

/* A language the catalog lacks, or a key its column lacks, is said in English, then in the pack's
 * default language; languages are matched by tag and script (zh-CN reads zh, zh-Hant does not),
 * and each is named in itself. */
static void strings_fall_back_to_english_then_the_default(void **state) {
  (void)state;
  assert_string_equal(ks_strings_say("ja", "idle.ask", "zh"), "まだご覧になりますか？");
  assert_string_equal(ks_strings_say("ja-JP", "idle.ask", "zh"), "まだご覧になりますか？");
  assert_string_equal(ks_strings_say("zh-CN", "idle.ask", "en"), "还在看吗？");
  /* Korean has no column: English, not the pack's default Chinese. */
  assert_string_equal(ks_strings_say("ko", "idle.ask", "zh"), "Still there?");
  /* Traditional Chinese does not read the Simplified column. */
  assert_string_equal(ks_strings_say("zh-Hant", "idle.ask", "zh"), "Still there?");
  /* A key only English has (a count's ".one" form) is English's for ja too. */
  assert_string_equal(ks_strings_say("ja", "home.events.count.one", "zh"), "%zu event");
  /* Where English lacks it too, the default's; where no language has it, the key. */
  assert_string_equal(ks_strings_say("ko", "no.such.key", "ja"), "no.such.key");
  assert_string_equal(ks_strings_lang_name("zh"), "中文");
  assert_string_equal(ks_strings_lang_name("en"), "English");
  assert_string_equal(ks_strings_lang_name("ja"), "日本語");
  assert_string_equal(ks_strings_lang_name("ko"), "한국어");
  assert_string_equal(ks_strings_lang_name("zh-Hant"), "繁體中文");
  assert_string_equal(ks_strings_lang_name("zh-Hant-TW"), "繁體中文");
}

/* The glyph the face of a language draws for one code point at 64 px, as bytes. */
/* The bundled fonts, opened as the kiosk opens them. */
static ks_fonts *bundled_fonts(void) {
  char err[256];
  ks_fonts *fonts = ks_fonts_open(KS_TEST_FONTS, err, sizeof err);
  if (!fonts)
    fail_msg("%s", err);
  return fonts;
}

static size_t glyph_bytes(ks_fonts *fonts, const char *lang, const char *ch, uint8_t *out,
                          size_t cap) {
  ks_face *f = ks_fonts_face_for(fonts, 64, lang);
  assert_non_null(f);
  ks_glyph_pos g;
  assert_int_equal(ks_face_shape_lang(f, ch, strlen(ch), lang, &g, 1), 1);
  ks_glyph_bitmap bm;
  assert_true(ks_face_rasterise(f, g.glyph, &bm));
  size_t n = 0;
  for (int y = 0; y < bm.height; y++)
    for (int x = 0; x < bm.width && n < cap; x++)
      out[n++] = bm.pixels[y * bm.pitch + x];
  return n;
}

/* Each language is drawn with its own face: Noto Sans CJK's Japanese face draws 直, 骨, 写, 角 and
 * 海 in their Japanese forms, not the Simplified Chinese ones; English draws with the default
 * face, Latin the same in both. */
static void each_language_draws_with_its_own_face(void **state) {
  (void)state;
  ks_fonts *fonts = bundled_fonts();
  assert_int_not_equal(ks_face_font(ks_fonts_face_for(fonts, 64, "ja")),
                       ks_face_font(ks_fonts_face_for(fonts, 64, "zh")));
  assert_int_equal(ks_face_font(ks_fonts_face_for(fonts, 64, "en")),
                   ks_face_font(ks_fonts_face_for(fonts, 64, "zh")));
  assert_int_equal(ks_face_font(ks_fonts_face_for(fonts, 64, "zh-TW")),
                   ks_face_font(ks_fonts_face_for(fonts, 64, "zh-Hant")));
  static const char *const differ[] = {"直", "骨", "写", "角", "海"};
  static uint8_t a[64 * 64 * 4], b[64 * 64 * 4];
  for (size_t i = 0; i < sizeof differ / sizeof *differ; i++) {
    size_t na = glyph_bytes(fonts, "ja", differ[i], a, sizeof a);
    size_t nb = glyph_bytes(fonts, "zh", differ[i], b, sizeof b);
    if (na == nb && memcmp(a, b, na) == 0)
      fail_msg("%s is drawn alike in ja and zh", differ[i]);
  }
  size_t na = glyph_bytes(fonts, "ja", "A", a, sizeof a),
         nb = glyph_bytes(fonts, "zh", "A", b, sizeof b);
  assert_int_equal(na, nb);
  ks_fonts_close(fonts);
}

/* What a face draws at `px` in `lang`, as one string of numbers: the text's width, the face's
 * vertical metrics, and the glyphs' positions and bitmaps (the first 64 coverage bytes each). */
static void face_print(ks_fonts *fonts, int px, const char *lang, const char *text, char *out,
                       size_t cap) {
  ks_face *f = ks_fonts_face_for(fonts, px, lang);
  assert_non_null(f);
  assert_int_equal(ks_face_px(f), px);
  ks_glyph_pos g[16];
  size_t n = ks_face_shape_lang(f, text, strlen(text), lang, g, 16);
  assert_true(n > 0 && n <= 16);
  size_t at = (size_t)snprintf(out, cap, "w%d a%d d%d h%d", ks_face_measure(f, text, strlen(text)),
                               ks_face_ascent(f), ks_face_descent(f), ks_face_line_height(f));
  for (size_t i = 0; i < n && at < cap; i++) {
    ks_glyph_bitmap bm;
    assert_true(ks_face_rasterise(f, g[i].glyph, &bm));
    at += (size_t)snprintf(out + at, cap - at, " [%u %d %d %d %dx%d %d,%d:", g[i].glyph,
                           g[i].x_advance, g[i].x_offset, g[i].y_offset, bm.width, bm.height,
                           bm.left, bm.top);
    for (int k = 0; k < 64 && k < bm.width * bm.height && at < cap; k++)
      at += (size_t)snprintf(out + at, cap - at, "%02x",
                             bm.pixels[(k / bm.width) * bm.pitch + k % bm.width]);
  }
}

/* A font file's face is opened once, whatever the sizes it is drawn at (opening one costs ~3 M
 * instructions: it was opened again for every type size), and sizes used in turn draw exactly
 * what each draws alone: width, metrics, glyph positions and bitmaps. */
static void faces_open_once_per_file_and_index(void **state) {
  (void)state;
  ks_fonts *fonts = bundled_fonts();
  static const char *const langs[] = {"zh", "en", "ja"};
  static const char *const texts[] = {"直骨 A“g”", "Ag, “quotes”", "直骨写 Ag"};
  static char mixed[3][4][4096], alone[4096];
  static const int sizes[] = {13, 24, 40, 97};
  for (int round = 0; round < 2; round++) /* every size of every language, twice in turn */
    for (size_t s = 0; s < 4; s++)
      for (size_t l = 0; l < 3; l++)
        face_print(fonts, sizes[s], langs[l], texts[l], mixed[l][s], sizeof mixed[l][s]);
  for (int px = 8; px <= 160; px += 8)
    assert_int_equal(ks_face_px(ks_fonts_face_for(fonts, px, "zh")), px);
  /* zh and en draw with the SC face, ja with the JP face: two faces of one file. */
  assert_int_equal(ks_fonts_faces_opened(fonts), 2);
  for (size_t s = 0; s < 4; s++)
    for (size_t l = 0; l < 3; l++) {
      ks_fonts *one = bundled_fonts();
      face_print(one, sizes[s], langs[l], texts[l], alone, sizeof alone);
      assert_string_equal(mixed[l][s], alone);
      ks_fonts_close(one);
    }
  ks_fonts_close(fonts);
}

/* Font files are read, not mapped: a glyph's outline is read when it is rasterised, so the pages
 * of the 19 MB collection a tour touched do not stay in the kiosk's resident memory (9.8 MB of
 * it mapped after a tour of every screen). */
static void font_files_are_read_not_mapped(void **state) {
  (void)state;
  ks_fonts *fonts = bundled_fonts();
  static char out[4096];
  face_print(fonts, 30, "zh", "直骨写角海 Ag", out, sizeof out);
  face_print(fonts, 50, "ja", "直骨写角海 Ag", out, sizeof out);
  FILE *maps = fopen("/proc/self/maps", "r");
  assert_non_null(maps);
  char line[4096];
  while (fgets(line, sizeof line, maps))
    if (strstr(line, ".ttc") || strstr(line, ".otf") || strstr(line, ".ttf"))
      fail_msg("a font file is mapped: %s", line);
  fclose(maps);
  ks_fonts_close(fonts);
}

/* `src` with every exhibit `times` times: copy k of ID is ID-xK, its links renamed the same way,
 * so that every copy is a whole set (tests/bench/scale.sh builds the same from content/). Copies
 * of corridor cities leave the corridor (a position on it is one city's). Borrows every text of
 * `src`, which must outlive it. */
static ks_content *scaled(const ks_content *src, int times) {
  ks_content *c = ks_content_create("scaled");
  c->meta = src->meta;
  c->sources = src->sources, c->n_sources = src->n_sources;
  for (int k = 1; k <= times; k++)
    for (size_t i = 0; i < src->n_exhibits; i++) {
      ks_exhibit *e = ks_content_add_exhibit(c);
      *e = src->exhibits[i];
      if (k == 1)
        continue;
      e->id = ks_arena_printf(c->arena, "%s-x%d", e->id, k);
      e->links = ks_arena_memdup(c->arena, e->links, e->n_links * sizeof *e->links);
      for (size_t l = 0; l < e->n_links; l++)
        e->links[l].target = ks_arena_printf(c->arena, "%s-x%d", e->links[l].target, k);
      e->corridor = NULL, e->corridor_order = 0;
    }
  ks_content_sort(c);
  return c;
}

/* The exhibits a steady frame of each screen looks at (ks_ui_visited), on `content`: the
 * overviews, the timeline at both ends, a page of each kind, the attract loop. */
enum { SCREENS_MEASURED = 9 };
static void frame_visits(rig *r, const ks_content *content, size_t out[SCREENS_MEASURED]) {
  ks_ui *ui = ks_ui_create(content, r->fonts, TS_ZH);
  ks_ui *keep = r->ui;
  r->ui = ui; /* for tap() */
  size_t k = 0;
  struct {
    ks_screen_id screen;
    const char *id;
  } shows[] = {{KS_SCREEN_HOME, NULL},
               {KS_SCREEN_ACHIEVEMENTS, NULL},
               {KS_SCREEN_CITIES, NULL},
               {KS_SCREEN_ACHIEVEMENT, "ach-jiuzhang-3"},
               {KS_SCREEN_EVENT, "ev-2021-06-national-tech-innovation-center-opens"},
               {KS_SCREEN_CITY, "city-shanghai"},
               {KS_SCREEN_ATTRACT, NULL}};
  for (size_t i = 0; i < sizeof shows / sizeof *shows; i++) {
    ks_ui_home(ui);
    assert_true(ks_ui_show(ui, shows[i].screen, shows[i].id) || shows[i].screen == KS_SCREEN_HOME);
    ks_ui_draw(ui, r->gfx);
    ks_ui_draw(ui, r->gfx);
    out[k++] = ks_ui_visited(ui);
  }
  /* The timeline where it opens, and at its newest year (the strip's right end, glided to). */
  ks_ui_home(ui);
  assert_true(ks_ui_show(ui, KS_SCREEN_TIMELINE, NULL));
  ks_ui_draw(ui, r->gfx);
  out[k++] = ks_ui_visited(ui);
  tap(r, 1920 - 64 - 12, 1080 - 64 - 70);
  for (int frames = 0; ks_ui_tick(ui, 1.0f / 60) && frames < 600; frames++)
    ks_ui_draw(ui, r->gfx);
  ks_ui_draw(ui, r->gfx);
  out[k++] = ks_ui_visited(ui);
  assert_int_equal(k, SCREENS_MEASURED);
  r->ui = keep;
  ks_ui_destroy(ui);
}

/* A frame looks at what it shows, not at the whole pack: ten times the content, the same screens
 * in the same places, and each steady frame looks at no more exhibits than with the pack as it
 * is (issue 12: per-frame work proportional to what is visible). */
static void frame_work_follows_the_screen_not_the_pack(void **state) {
  rig *r = *state;
  ks_content *big = scaled(r->content, 10);
  size_t one[SCREENS_MEASURED], ten[SCREENS_MEASURED];
  frame_visits(r, r->content, one);
  frame_visits(r, big, ten);
  static const char *const names[SCREENS_MEASURED] = {
      "home", "achievements", "cities",         "achievement",    "event",
      "city", "attract",      "timeline start", "timeline newest"};
  for (int i = 0; i < SCREENS_MEASURED; i++)
    print_message("%-16s %6zu exhibits looked at (1x), %6zu (10x)\n", names[i], one[i], ten[i]);
  /* The cities' map (2) shows every city, a pin each up to its cap: there what is on screen is
   * the whole list. */
  for (int i = 0; i < SCREENS_MEASURED; i++)
    if (i != 2)
      assert_true(ten[i] <= one[i] + 2);
  ks_content_destroy(big);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(navigates_by_touch, setup, teardown),
      cmocka_unit_test_setup_teardown(language_toggle_and_empty_taps, setup, teardown),
      cmocka_unit_test_setup_teardown(detail_needs_an_exhibit_of_its_kind, setup, teardown),
      cmocka_unit_test_setup_teardown(every_screen_by_touch, setup, teardown),
      cmocka_unit_test_setup_teardown(walking_away_resets_to_the_attract_loop, setup, teardown),
      cmocka_unit_test_setup_teardown(attract_asks_for_frames_at_its_rate_and_home_at_rest_for_none,
                                      setup, teardown),
      cmocka_unit_test(a_figure_counts_up_to_the_articles_text),
      cmocka_unit_test_setup_teardown(filters_last_as_long_as_their_visit, setup_bundled, teardown),
      cmocka_unit_test(every_string_in_every_language),
      cmocka_unit_test_setup_teardown(seven_inch_panel_keeps_the_floors, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(gallery_titles_are_whole, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(timeline_titles_take_the_room, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(city_rows_name_whole, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(map_names_are_never_ambiguous, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(locator_pins_open_their_cities, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(images_show_on_every_kind, setup, teardown),
      cmocka_unit_test_setup_teardown(map_is_read_on_first_use, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(filters_take_one_row, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(no_page_says_a_sentence_twice, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(figures_show_their_dates, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(survives_a_touch_storm, setup, teardown),
      cmocka_unit_test(visits_every_exhibit_of_the_bundled_pack),
      cmocka_unit_test_setup_teardown(swipes_turn_detail_pages, setup, teardown),
      cmocka_unit_test_setup_teardown(slide_shows_the_neighbour, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(steady_frames_rasterise_nothing, setup, teardown),
      cmocka_unit_test_setup_teardown(years_strip_travels_in_time, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(event_page_shows_its_neighbours, setup_bundled, teardown),
      cmocka_unit_test_setup_teardown(notice_buttons_answer, setup, teardown),
      cmocka_unit_test_setup_teardown(notice_shows_names_escaped, setup, teardown),
      cmocka_unit_test(strings_fall_back_to_english_then_the_default),
      cmocka_unit_test(each_language_draws_with_its_own_face),
      cmocka_unit_test(faces_open_once_per_file_and_index),
      cmocka_unit_test(font_files_are_read_not_mapped),
      cmocka_unit_test_setup_teardown(frame_work_follows_the_screen_not_the_pack, setup_bundled,
                                      teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
