/* Drawing for the screens: rectangles, rounded panels, lines and text over an SDL_Renderer,
 * batched into few draw calls. Text comes from a glyph atlas: a glyph is rasterised once and
 * kept in a texture page (a bounded number of pages; when all are full the atlas starts over),
 * so a steady frame rasterises nothing. With no renderer (the null backend) everything is laid
 * out and counted but nothing is drawn: benchmarks measure the kiosk's own work that way. */
#ifndef KIOSK_GFX_H
#define KIOSK_GFX_H

#include "kiosk/font.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct SDL_Renderer SDL_Renderer;
typedef struct SDL_Texture SDL_Texture;

typedef struct {
  uint8_t r, g, b, a;
} ks_color;

typedef struct {
  int x, y, w, h;
} ks_rect;

/* What drawing cost since the last reset: the figures `kiosk bench` reports per frame. */
typedef struct {
  uint64_t draw_calls;        /* calls into the renderer that draw */
  uint64_t glyphs_rasterised; /* glyphs FreeType rendered into the atlas */
  uint64_t upload_bytes;      /* texture bytes sent to the renderer */
} ks_gfx_stats;

typedef struct ks_gfx ks_gfx;

/* `renderer` may be NULL for the null backend. The atlas holds at most `atlas_pages` pages of
 * 1024x1024 RGBA (4 MiB each). */
ks_gfx *ks_gfx_create(SDL_Renderer *renderer, int width, int height, int atlas_pages);
void ks_gfx_destroy(ks_gfx *gfx);
/* Turns what is drawn by `degrees` clockwise (0, 90, 180 or 270) on the physical display: the
 * kiosk rotates the screen itself, as SDL on KMS/DRM ignores the kernel's rotation. Drawing then
 * uses the logical size, which swaps width and height for 90 and 270. Free: vertices are
 * rotated as they are made, with no extra copy of the screen. */
void ks_gfx_set_rotation(ks_gfx *gfx, int degrees);
/* Moves everything drawn from now on `dx` logical pixels along x (0: in place): a page that
 * follows a finger sideways is drawn where it is, laid out where it rests. Free, as rotation. */
void ks_gfx_set_shift(ks_gfx *gfx, int dx);
/* The logical size screens lay out in. */
int ks_gfx_width(const ks_gfx *gfx);
int ks_gfx_height(const ks_gfx *gfx);

void ks_gfx_clear(ks_gfx *gfx, ks_color color);
void ks_gfx_fill_rect(ks_gfx *gfx, ks_rect rect, ks_color color);
/* A rectangle with rounded corners of `radius` pixels. */
void ks_gfx_fill_round_rect(ks_gfx *gfx, ks_rect rect, int radius, ks_color color);
/* A filled circle. */
void ks_gfx_fill_circle(ks_gfx *gfx, float cx, float cy, float radius, ks_color color);
/* Connected line segments of `width` pixels through `n` points (x0, y0, x1, y1, …). */
void ks_gfx_polyline(ks_gfx *gfx, const float *xy, size_t n, float width, ks_color color);
/* Filled triangles of one colour: `n_tris` triangles, three indices each into the `n_points`
 * points `xy` (x0, y0, x1, y1, …); an index past the points draws nothing of its triangle. A
 * polygon cut into triangles once (a map's land) is filled with one call a frame. A triangle
 * wholly outside the clip in force (or the screen) is not drawn at all. */
void ks_gfx_triangles(ks_gfx *gfx, const float *xy, size_t n_points, const uint32_t *ix,
                      size_t n_tris, ks_color color);
/* One line of text with its baseline at `baseline`, starting at `x`. */
void ks_gfx_text(ks_gfx *gfx, ks_face *face, const char *text, size_t len, int x, int baseline,
                 ks_color color);
/* Draws glyphs already shaped (ks_face_shape), pen starting at `x` on `baseline`: what a text
 * kept from frame to frame draws with, so that a steady frame shapes nothing. */
void ks_gfx_glyphs(ks_gfx *gfx, ks_face *face, const ks_glyph_pos *glyphs, size_t n, int x,
                   int baseline, ks_color color);
/* Limits drawing to `clip` (logical coordinates), or lifts the limit with NULL. */
void ks_gfx_set_clip(ks_gfx *gfx, const ks_rect *clip);
/* Keeps every clip from now on inside `bounds` (logical, moved by the shift in force now), and
 * clips to it at once; NULL lifts it. What draws one of two pages side by side (a slide) stays
 * on its own page, whatever clips the page sets itself. */
void ks_gfx_set_bounds(ks_gfx *gfx, const ks_rect *bounds);
/* Draws `texture` (owned by the caller) into `dst`. */
void ks_gfx_texture(ks_gfx *gfx, SDL_Texture *texture, ks_rect dst);
/* Sends what is batched to the renderer; call before reading pixels or presenting. */
void ks_gfx_flush(ks_gfx *gfx);

ks_gfx_stats ks_gfx_stats_take(ks_gfx *gfx); /* returns the counts and resets them */

typedef struct ks_images ks_images;
/* The image cache of this gfx's renderer (see images.h), owned by the gfx. */
ks_images *ks_gfx_images(ks_gfx *gfx);

#endif
