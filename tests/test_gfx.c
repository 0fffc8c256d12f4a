/* Shapes as SDL's software renderer draws them (the renderer of `render`, `proof` and a kiosk with
 * no GPU): a filled shape has no gap inside it. */
#include "test_support.h"

#include "kiosk/canvas.h"
#include "kiosk/gfx.h"

#include <SDL.h>
#include <math.h>

static const ks_color fill = {255, 255, 255, 255};

/* Whether pixel (x, y)'s centre lies inside `r` with corners of radius `rad` by at least `margin`
 * pixels: where a fill must have coloured it whatever the rasteriser's rule for edges. */
static bool well_inside(ks_rect r, int rad, int x, int y, float margin) {
  float px = (float)x + 0.5f, py = (float)y + 0.5f;
  float x0 = (float)r.x + margin, y0 = (float)r.y + margin;
  float x1 = (float)(r.x + r.w) - margin, y1 = (float)(r.y + r.h) - margin;
  if (px < x0 || px > x1 || py < y0 || py > y1)
    return false;
  /* In a corner's square: within the arc, less the margin. */
  float fr = (float)rad, cx = px < (float)r.x + fr           ? (float)r.x + fr
                              : px > (float)(r.x + r.w) - fr ? (float)(r.x + r.w) - fr
                                                             : px;
  float cy = py < (float)r.y + fr           ? (float)r.y + fr
             : py > (float)(r.y + r.h) - fr ? (float)(r.y + r.h) - fr
                                            : py;
  return hypotf(px - cx, py - cy) <= fr - margin;
}

/* Fills `r` on a black canvas and counts the pixels well inside it left unfilled. */
static long holes(ks_canvas *c, ks_gfx *g, ks_rect r, int radius, char *where, size_t size) {
  ks_gfx_clear(g, (ks_color){0, 0, 0, 255});
  ks_gfx_fill_round_rect(g, r, radius, fill);
  ks_gfx_flush(g);
  SDL_Surface *s = ks_canvas_surface(c);
  int rad = radius * 2 > r.w ? r.w / 2 : radius;
  rad = rad * 2 > r.h ? r.h / 2 : rad;
  long n = 0;
  for (int y = r.y; y < r.y + r.h; y++)
    for (int x = r.x; x < r.x + r.w; x++) {
      Uint32 v = *(const Uint32 *)(const void *)((const Uint8 *)s->pixels + y * s->pitch + x * 4);
      if ((v & 0xffffff) != 0xffffff && well_inside(r, rad, x, y, 1.0f)) {
        if (!n)
          snprintf(where, size, "%dx%d at (%d, %d) radius %d: pixel (%d, %d) is %06x", r.w, r.h,
                   r.x, r.y, radius, x, y, (unsigned)(v & 0xffffff));
        n++;
      }
    }
  return n;
}

/* The language pill and its segments as a 7-inch panel draws them (about 47 px high, 120 to 190
 * wide, its halves and their pressed insets), and sizes around them, at whole and odd places:
 * every pixel well inside is filled. Before the fix the straight middle and the side strips met
 * a pixel apart where the corner radius was not a whole number of the rectangle's halves. */
static void round_rects_have_no_seams(void **state) {
  (void)state;
  char err[256];
  ks_canvas *c = ks_canvas_create(400, 160, err, sizeof err);
  assert_non_null(c);
  ks_gfx *g = ks_gfx_create(ks_canvas_renderer(c), 400, 160, 1);
  long total = 0, cases = 0;
  char first[160] = "";
  for (int h = 20; h <= 64; h++)
    for (int w = h; w <= 200; w += 7)
      for (int at = 0; at < 2; at++)
        for (int radius = h / 2 - 2; radius <= h / 2 + 1; radius++) {
          char where[160];
          long n = holes(c, g, (ks_rect){10 + at, 10 + at, w, h}, radius, where, sizeof where);
          if (n && !total)
            snprintf(first, sizeof first, "%s", where);
          total += n;
          cases++;
        }
  if (total)
    fail_msg("%ld unfilled pixels inside round rectangles (of %ld drawn); first: %s", total, cases,
             first);
  ks_gfx_destroy(g);
  ks_canvas_destroy(c);
}

/* A polygon given as triangles (a map's land) fills what it covers and nothing else: an
 * L-shaped hexagon cut into four triangles, turned with the screen, has every pixel well inside
 * it filled and none well outside; an index past the points draws nothing of its triangle.
 * Clipped to its left part, what is inside the clip is still filled — a triangle partly inside
 * is drawn, only one wholly outside is left out — and nothing past it. */
static void triangles_fill_their_polygon(void **state) {
  (void)state;
  char err[256];
  static const float xy[] = {10, 10, 90, 10, 90, 40, 40, 40, 40, 70, 10, 70};
  static const uint32_t ix[] = {0, 1, 2, 0, 2, 3, 0, 3, 4, 0, 4, 5, 0, 1, 9};
  for (int run = 0; run < 4; run++) {
    int rotation = run % 2 ? 90 : 0;
    bool clipped = run >= 2;
    ks_canvas *c = ks_canvas_create(rotation ? 80 : 100, rotation ? 100 : 80, err, sizeof err);
    assert_non_null(c);
    ks_gfx *g = ks_gfx_create(ks_canvas_renderer(c), rotation ? 80 : 100, rotation ? 100 : 80, 1);
    ks_gfx_set_rotation(g, rotation);
    ks_gfx_clear(g, (ks_color){0, 0, 0, 255});
    if (clipped)
      ks_gfx_set_clip(g, &(ks_rect){0, 0, 30, 80});
    ks_gfx_triangles(g, xy, 6, ix, 5, fill);
    ks_gfx_flush(g);
    SDL_Surface *s = ks_canvas_surface(c);
    long wrong = 0;
    for (int y = 0; y < 80; y++)
      for (int x = 0; x < 100; x++) {
        float px = (float)x + 0.5f, py = (float)y + 0.5f;
        bool in = (px > 11 && px < 89 && py > 11 && py < 39) ||
                  (px > 11 && px < 39 && py > 11 && py < 69);
        bool out =
            px < 9 || py < 9 || px > 91 || py > 71 || (px > 41 && py > 41) || (clipped && px > 31);
        in = in && !(clipped && px > 29);
        int sx = rotation ? 79 - y : x, sy = rotation ? x : y; /* turned clockwise */
        Uint32 v;
        memcpy(&v, (const Uint8 *)s->pixels + sy * s->pitch + sx * 4, 4);
        bool lit = (v & 0xffffff) == 0xffffff;
        wrong += (in && !lit) || (out && lit);
      }
    if (wrong)
      fail_msg("rotation %d%s: %ld pixels wrong", rotation, clipped ? ", clipped" : "", wrong);
    ks_gfx_destroy(g);
    ks_canvas_destroy(c);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(round_rects_have_no_seams),
      cmocka_unit_test(triangles_fill_their_polygon),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
