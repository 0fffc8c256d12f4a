/* Golden images: the main screens rendered from the fixture pack and compared with the
 * references in tests/ref/ within a small tolerance (the aarch64 build differs by up to 2/255 a
 * channel). A difference writes NAME-diff.png beside the test binary, the differing pixels in red
 * over a dimmed copy of the render. A missing reference fails, unless KS_UPDATE_GOLDEN=1 asks
 * for it to be written. */
#include "test_support.h"

#include "kiosk/canvas.h"
#include "kiosk/gfx.h"
#include "kiosk/pack.h"
#include "kiosk/session.h"
#include "kiosk/source.h"

#include <SDL.h>
#include <SDL_image.h>

enum { TOLERANCE = 2 };

typedef struct {
  const char *name, *screen, *id;
  ks_lang lang;
  int w, h, rotate;
  float panel_w_mm, panel_h_mm; /* the panel's size (ks_ui_set_panel_mm); 0: not told */
  const char *tag; /* of the three-language pack (tests/fixtures/trilingual) in this language;
                      NULL: the fixture pack in `lang` */
  bool map;        /* the bundled pack, with the bundled map (assets/map/delta.txt) */
} golden;

static const golden cases[] = {
    {"home-zh", "home", NULL, TS_ZH, 1280, 720, 0, 0, 0, NULL, false},
    {"home-en-portrait", "home", NULL, TS_EN, 720, 1280, 0, 0, 0, NULL, false},
    {"achievements-en", "achievements", NULL, TS_EN, 1280, 720, 0, 0, 0, NULL, false},
    {"achievement-zh", "achievement", "ach-quantum-sensor", TS_ZH, 1280, 720, 0, 0, 0, NULL, false},
    {"timeline-zh", "timeline", NULL, TS_ZH, 1280, 720, 0, 0, 0, NULL, false},
    {"event-en-portrait", "event", "ev-2021-05-27-joint-lab", TS_EN, 720, 1280, 0, 0, 0, NULL,
     false},
    {"cities-zh", "cities", NULL, TS_ZH, 1280, 720, 0, 0, 0, NULL, false},
    {"city-en", "city", "city-hefei", TS_EN, 1280, 720, 0, 0, 0, NULL, false},
    {"attract-zh", "attract", NULL, TS_ZH, 1280, 720, 0, 0, 0, NULL, false},
    {"home-zh-rotate-90", "home", NULL, TS_ZH, 1280, 720, 90, 0, 0, NULL, false},
    /* A 7-inch 800x480 panel: text and targets at their physical floors, the layout reflowed. */
    {"home-en-7in", "home", NULL, TS_EN, 800, 480, 0, 155, 86, NULL, false},
    {"achievements-zh-7in", "achievements", NULL, TS_ZH, 800, 480, 0, 155, 86, NULL, false},
    {"city-zh-7in", "city", "city-hefei", TS_ZH, 800, 480, 0, 155, 86, NULL, false},
    /* Japanese drawn with the Japanese face: 海 of 上海 and the other ideographs in their
     * Japanese forms (unit.ui checks that 直, 骨, 写, 角 and 海 differ between the ja and zh
     * faces); the language control names each language in its own face. */
    {"city-ja-face", "city", "city-chizhou", TS_ZH, 1280, 720, 0, 0, 0, "ja", false},
    {"achievements-ja", "achievements", NULL, TS_ZH, 1280, 720, 0, 0, 0, "ja", false},
    /* The corridor map as a map: land, water, provinces, every name unambiguous, on a 7-inch
     * panel and a 21.5-inch one, in both languages. */
    {"map-zh-7in", "cities", NULL, TS_ZH, 800, 480, 0, 155, 86, NULL, true},
    {"map-en-7in", "cities", NULL, TS_EN, 800, 480, 0, 155, 86, NULL, true},
    {"map-zh", "cities", NULL, TS_ZH, 1920, 1080, 0, 476, 268, NULL, true},
    {"map-en", "cities", NULL, TS_EN, 1920, 1080, 0, 476, 268, NULL, true},
};

static ks_content *content, *trilingual, *bundled;
static ks_pack *bundled_pack;

static int setup(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  content = ks_source_load(KS_TEST_FIXTURES "/good", d);
  trilingual = ks_source_load(KS_TEST_FIXTURES "/trilingual", d);
  bundled_pack = ks_pack_open(KS_TEST_BUNDLED, d);
  bundled = bundled_pack ? ks_pack_read(bundled_pack, d) : NULL;
  ks_diag_destroy(d);
  return content && trilingual && bundled ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  ks_content_destroy(content);
  ks_content_destroy(trilingual);
  ks_content_destroy(bundled);
  ks_pack_close(bundled_pack);
  return 0;
}

/* Renders a case onto a canvas, started as `kiosk render` starts (the caller closes it). */
static ks_session *render(const golden *g) {
  ks_session *session =
      ks_session_open(&(ks_session_opts){.cmd = "golden",
                                         .content = g->map   ? bundled
                                                    : g->tag ? trilingual
                                                             : content,
                                         .fonts_dir = KS_TEST_FONTS,
                                         .lang = g->tag ? g->tag : ts_lang_tag(g->lang),
                                         .target = KS_SESSION_CANVAS,
                                         .width = g->w,
                                         .height = g->h,
                                         .rotation = g->rotate,
                                         .panel_w_mm = g->panel_w_mm,
                                         .panel_h_mm = g->panel_h_mm,
                                         /* the references have no coastline */
                                         .map_later = true});
  assert_non_null(session);
  ks_ui *ui = ks_session_ui(session);
  ks_gfx *gfx = ks_session_gfx(session);
  if (g->map)
    ks_ui_set_map_file(ui, KS_TEST_MAP);
  ks_screen_id screen;
  assert_true(ks_screen_parse(g->screen, &screen));
  if (screen != KS_SCREEN_HOME)
    assert_true(ks_ui_show(ui, screen, g->id));
  while (ks_ui_tick(ui, 0.05f)) /* at rest */
    ;
  ks_ui_draw(ui, gfx);
  return session;
}

/* A pixel of a 32-bit surface, read and written by bytes: no assumption about alignment. */
static Uint32 get_px(const SDL_Surface *s, int x, int y) {
  Uint32 v;
  memcpy(&v, (const Uint8 *)s->pixels + y * s->pitch + x * 4, 4);
  return v;
}

static void put_px(SDL_Surface *s, int x, int y, Uint32 v) {
  memcpy((Uint8 *)s->pixels + y * s->pitch + x * 4, &v, 4);
}

/* Counts pixels that differ by more than the tolerance in any channel; paints `diff`. */
static long compare(SDL_Surface *got, SDL_Surface *want, SDL_Surface *diff) {
  long bad = 0;
  for (int y = 0; y < got->h; y++)
    for (int x = 0; x < got->w; x++) {
      Uint32 a = get_px(got, x, y), b = get_px(want, x, y);
      bool differs = false;
      for (int shift = 0; shift < 24; shift += 8) {
        int ca = (int)(a >> shift & 0xff), cb = (int)(b >> shift & 0xff);
        differs |= abs(ca - cb) > TOLERANCE;
      }
      bad += differs;
      put_px(diff, x, y, differs ? 0xffff0000u : 0xff000000u | ((a >> 2) & 0x3f3f3fu));
    }
  return bad;
}

static void screens_match_their_references(void **state) {
  (void)state;
  bool update = getenv("KS_UPDATE_GOLDEN") && strcmp(getenv("KS_UPDATE_GOLDEN"), "1") == 0;
  int failures = 0;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const golden *g = &cases[i];
    char ref[1024], out[1024], err[256];
    snprintf(ref, sizeof ref, "%s/%s.png", KS_TEST_REF, g->name);
    ks_session *session = render(g);
    ks_canvas *canvas = ks_session_canvas(session);
    SDL_Surface *got = ks_canvas_surface(canvas);
    SDL_Surface *loaded = IMG_Load(ref);
    if (!loaded) {
      if (update) {
        assert_true(ks_canvas_save_png(canvas, ref, err, sizeof err));
        fprintf(stderr, "wrote the reference %s\n", ref);
      } else {
        fprintf(stderr, "%s: no reference; run with KS_UPDATE_GOLDEN=1 to create it\n", ref);
        failures++;
      }
      ks_session_close(session);
      continue;
    }
    SDL_Surface *want = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    if (want->w != got->w || want->h != got->h) {
      fprintf(stderr, "%s: the reference is %dx%d, the render %dx%d\n", g->name, want->w, want->h,
              got->w, got->h);
      failures++;
    } else {
      SDL_Surface *diff =
          SDL_CreateRGBSurfaceWithFormat(0, got->w, got->h, 32, SDL_PIXELFORMAT_ARGB8888);
      long bad = compare(got, want, diff);
      if (bad) {
        snprintf(out, sizeof out, "%s/%s-diff.png", KS_TEST_TMP, g->name);
        IMG_SavePNG(diff, out);
        fprintf(stderr, "%s: %ld pixels differ by more than %d/255; see %s\n", g->name, bad,
                TOLERANCE, out);
        failures++;
        if (update) {
          ks_canvas_save_png(canvas, ref, err, sizeof err);
          fprintf(stderr, "rewrote the reference %s\n", ref);
        }
      }
      SDL_FreeSurface(diff);
    }
    SDL_FreeSurface(want);
    ks_session_close(session);
  }
  if (!update)
    assert_int_equal(failures, 0);
}

/* The software renderer (headless, the canvas) fills opaque rectangles unblended — SDL would
 * blend them, at some 25 instructions a pixel — and must draw exactly what SDL's blending drew:
 * rectangles opaque and translucent over each other, empty ones, turned with the screen, among
 * other shapes. Compared pixel for pixel with the same triangles given to SDL as ks_gfx gave
 * them before. */
static void opaque_rectangles_fill_as_sdl_blended_them(void **state) {
  (void)state;
  enum { W = 160, H = 120 };
  static const struct {
    int x, y, w, h;
    ks_color c;
  } rects[] = {
      {0, 0, W, H, {11, 26, 46, 255}},       {10, 12, 100, 60, {21, 43, 72, 255}},
      {30, 20, 50, 80, {245, 185, 66, 128}}, {40, 30, 0, 50, {245, 185, 66, 255}},
      {40, 30, 30, 0, {245, 185, 66, 255}},  {55, 35, 41, 37, {60, 211, 193, 255}},
      {-5, 90, 40, 50, {200, 10, 10, 255}},  {70, 5, 80, 30, {255, 255, 255, 1}},
  };
  for (int rotation = 0; rotation <= 90; rotation += 90) {
    char err[256];
    int pw = rotation ? H : W, ph = rotation ? W : H; /* physical */
    ks_canvas *fast = ks_canvas_create(pw, ph, err, sizeof err),
              *sdl = ks_canvas_create(pw, ph, err, sizeof err);
    assert_non_null(fast);
    assert_non_null(sdl);
    ks_gfx *g = ks_gfx_create(ks_canvas_renderer(fast), pw, ph, 1);
    ks_gfx_set_rotation(g, rotation);
    ks_gfx_clear(g, (ks_color){0, 0, 0, 255});
    SDL_Renderer *r = ks_canvas_renderer(sdl);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    for (size_t i = 0; i < sizeof rects / sizeof *rects; i++) {
      ks_rect k = {rects[i].x, rects[i].y, rects[i].w, rects[i].h};
      ks_color c = rects[i].c;
      ks_gfx_fill_rect(g, k, c);
      if (i == 3) /* a shape that is not a rectangle among them */
        ks_gfx_fill_circle(g, 60, 60, 9, (ks_color){90, 90, 200, 255});
      /* What ks_gfx made of a rectangle: four corners turned with the screen, two triangles. */
      float x[4] = {(float)k.x, (float)(k.x + k.w), (float)(k.x + k.w), (float)k.x};
      float y[4] = {(float)k.y, (float)k.y, (float)(k.y + k.h), (float)(k.y + k.h)};
      SDL_Vertex v[4];
      for (int n = 0; n < 4; n++)
        v[n] =
            (SDL_Vertex){.position = {rotation ? (float)pw - y[n] : x[n], rotation ? x[n] : y[n]},
                         .color = {c.r, c.g, c.b, c.a}};
      static const int ix[6] = {0, 1, 2, 0, 2, 3};
      SDL_RenderGeometry(r, NULL, v, 4, ix, 6);
      if (i == 3) { /* the same circle, drawn by ks_gfx on this canvas too */
        ks_gfx *g2 = ks_gfx_create(r, pw, ph, 1);
        ks_gfx_set_rotation(g2, rotation);
        ks_gfx_fill_circle(g2, 60, 60, 9, (ks_color){90, 90, 200, 255});
        ks_gfx_flush(g2);
        ks_gfx_destroy(g2);
      }
    }
    ks_gfx_flush(g);
    SDL_Surface *a = ks_canvas_surface(fast), *b = ks_canvas_surface(sdl);
    long differ = 0;
    for (int py = 0; py < ph; py++)
      differ += memcmp((uint8_t *)a->pixels + py * a->pitch, (uint8_t *)b->pixels + py * b->pitch,
                       (size_t)pw * 4) != 0;
    if (differ)
      fail_msg("rotation %d: %ld rows differ", rotation, differ);
    ks_gfx_destroy(g);
    ks_canvas_destroy(fast);
    ks_canvas_destroy(sdl);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(screens_match_their_references),
      cmocka_unit_test(opaque_rectangles_fill_as_sdl_blended_them),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
