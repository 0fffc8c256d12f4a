#include "kiosk/gfx.h"

#include "kiosk/images.h"
#include "kiosk/mem.h"

#include <SDL.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

enum {
  PAGE_SIZE = 1024,
  MAX_PAGES = 8,
  SLOTS = 8192, /* hash table of glyphs in the atlas; a power of two */
  GLYPH_PAD = 1,
};

/* Where a glyph lives in the atlas. */
typedef struct {
  uint32_t key;       /* (px << 19 | font << 16 | glyph) + 1; 0 marks an empty slot */
  int16_t x, y, w, h; /* in its page */
  int16_t left, top;  /* bitmap origin relative to the pen */
  uint8_t page;
} glyph_slot;

/* One atlas page, filled shelf by shelf from the top. */
typedef struct {
  SDL_Texture *texture; /* NULL in the null backend */
  int shelf_y, shelf_h, cursor_x;
} page;

/* Triangles waiting to be drawn with one texture (or none). */
typedef struct {
  SDL_Texture *texture;
  SDL_Vertex *verts;
  int *indices;
  size_t n_verts, cap_verts, n_indices, cap_indices;
} batch;

struct ks_gfx {
  SDL_Renderer *r;   /* NULL: the null backend */
  bool soft;         /* `r` is SDL's software renderer (headless, the canvas) */
  int width, height; /* physical */
  int rotation;      /* 0, 90, 180 or 270 degrees clockwise */
  float shift_x;     /* added to every logical x drawn (ks_gfx_set_shift) */
  bool bounded;      /* every clip is kept inside `bounds` (ks_gfx_set_bounds) */
  ks_rect bounds;    /* logical, shift added */
  bool clipped;      /* `clip` holds the clip in force, physical; else the whole screen */
  SDL_Rect clip;
  page pages[MAX_PAGES];
  int n_pages, max_pages;
  glyph_slot *slots;
  size_t n_slots_used;
  batch batch;
  uint8_t *scratch; /* RGBA staging for one glyph */
  size_t scratch_size;
  ks_gfx_stats stats;
  ks_images *images;
};

/* Scaled exhibit images kept at most: a few screens' worth at 1080p. */
enum { IMAGE_BUDGET = 24 << 20 };

ks_gfx *ks_gfx_create(SDL_Renderer *renderer, int width, int height, int atlas_pages) {
  ks_gfx *g = ks_xcalloc(1, sizeof *g);
  g->r = renderer;
  SDL_RendererInfo info;
  g->soft = renderer && SDL_GetRendererInfo(renderer, &info) == 0 &&
            (info.flags & SDL_RENDERER_SOFTWARE) != 0;
  g->width = width;
  g->height = height;
  g->max_pages = atlas_pages < 1 ? 1 : atlas_pages > MAX_PAGES ? MAX_PAGES : atlas_pages;
  g->slots = ks_xcalloc(SLOTS, sizeof(glyph_slot));
  g->images = ks_images_create(renderer, IMAGE_BUDGET);
  return g;
}

void ks_gfx_destroy(ks_gfx *g) {
  if (!g)
    return;
  ks_images_destroy(g->images);
  for (int i = 0; i < g->n_pages; i++)
    if (g->pages[i].texture)
      SDL_DestroyTexture(g->pages[i].texture);
  free(g->batch.verts);
  free(g->batch.indices);
  free(g->slots);
  free(g->scratch);
  free(g);
}

void ks_gfx_set_rotation(ks_gfx *g, int degrees) {
  int d = ((degrees % 360) + 360) % 360;
  g->rotation = d == 90 || d == 180 || d == 270 ? d : 0;
}

void ks_gfx_set_shift(ks_gfx *g, int dx) { g->shift_x = (float)dx; }

int ks_gfx_width(const ks_gfx *g) { return g->rotation % 180 ? g->height : g->width; }
int ks_gfx_height(const ks_gfx *g) { return g->rotation % 180 ? g->width : g->height; }

ks_images *ks_gfx_images(ks_gfx *g) { return g->images; }

ks_gfx_stats ks_gfx_stats_take(ks_gfx *g) {
  ks_gfx_stats s = g->stats;
  memset(&g->stats, 0, sizeof g->stats);
  return s;
}

/* ---- batching ---------------------------------------------------------------------------- */

/* Draws triangles ix[0..n) of the batch, which has no texture. */
static void draw_shapes(ks_gfx *g, const int *ix, size_t n) {
  if (n == 0)
    return;
  SDL_RenderGeometry(g->r, NULL, g->batch.verts, (int)g->batch.n_verts, ix, (int)n);
}

/* The rectangle that quad() made of triangles ix[0..6), if it is one and opaque. */
static bool opaque_rect(const batch *b, const int *ix, SDL_FRect *out) {
  int v = ix[0];
  if (ix[1] != v + 1 || ix[2] != v + 2 || ix[3] != v || ix[4] != v + 2 || ix[5] != v + 3)
    return false;
  const SDL_Vertex *q = b->verts + v;
  for (int k = 0; k < 4; k++)
    if (memcmp(&q[k].color, &q[0].color, sizeof q[0].color) != 0 || q[k].color.a != 255)
      return false;
  SDL_FPoint p0 = q[0].position, p1 = q[1].position, p2 = q[2].position, p3 = q[3].position;
  /* Its corners in turn, the screen turned by a multiple of 90 degrees or not. */
  bool along_x = p0.y == p1.y && p1.x == p2.x && p2.y == p3.y && p3.x == p0.x;
  bool along_y = p0.x == p1.x && p1.y == p2.y && p2.x == p3.x && p3.y == p0.y;
  if (!along_x && !along_y)
    return false;
  float x0 = fminf(p0.x, p2.x), y0 = fminf(p0.y, p2.y);
  *out = (SDL_FRect){x0, y0, fmaxf(p0.x, p2.x) - x0, fmaxf(p0.y, p2.y) - y0};
  return true;
}

void ks_gfx_flush(ks_gfx *g) {
  batch *b = &g->batch;
  if (b->n_indices == 0)
    return;
  g->stats.draw_calls++;
  if (g->r && (b->texture || !g->soft)) {
    SDL_RenderGeometry(g->r, b->texture, b->verts, (int)b->n_verts, b->indices, (int)b->n_indices);
  } else if (g->r) {
    /* SDL's software renderer draws two triangles that make a rectangle as a rectangle, and
     * then always blends it (SDL_SW_RenderGeometryRaw): some 25 instructions a pixel, where an
     * unblended fill is a few a row: home's three cards cost ~10 M instructions each. Opaque
     * rectangles are filled unblended, in their place among the other shapes: the same pixels
     * (a colour of alpha 255 blended over anything is that colour). Other shapes stay blended:
     * SDL rasterises a blended triangle apart and an edge pixel can fall the other way. */
    size_t from = 0;
    for (size_t i = 0; i + 6 <= b->n_indices; i += 3) {
      SDL_FRect rect;
      if (!opaque_rect(b, b->indices + i, &rect))
        continue;
      draw_shapes(g, b->indices + from, i - from);
      const SDL_Color c = b->verts[b->indices[i]].color;
      if (rect.w != 0 && rect.h != 0) { /* SDL draws an empty one as nothing, so do we */
        SDL_SetRenderDrawBlendMode(g->r, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(g->r, c.r, c.g, c.b, c.a);
        SDL_RenderFillRectF(g->r, &rect);
        SDL_SetRenderDrawBlendMode(g->r, SDL_BLENDMODE_BLEND); /* as the renderer was set up */
      }
      i += 3;
      from = i + 3;
    }
    draw_shapes(g, b->indices + from, b->n_indices - from);
  }
  b->n_verts = b->n_indices = 0;
}

/* Makes room for `nv` vertices and `ni` indices drawn with `texture`; returns the first index. */
static int reserve(ks_gfx *g, SDL_Texture *texture, size_t nv, size_t ni) {
  batch *b = &g->batch;
  if (b->n_indices && b->texture != texture)
    ks_gfx_flush(g);
  b->texture = texture;
  while (b->n_verts + nv > b->cap_verts)
    ks_grow((void **)&b->verts, &b->cap_verts, b->cap_verts, sizeof(SDL_Vertex));
  while (b->n_indices + ni > b->cap_indices)
    ks_grow((void **)&b->indices, &b->cap_indices, b->cap_indices, sizeof(int));
  return (int)b->n_verts;
}

static SDL_Color sdl_color(ks_color c) { return (SDL_Color){c.r, c.g, c.b, c.a}; }

/* `v` to the nearest whole number, inline (floorf is a call into libm on a plain x86-64 build,
 * and this runs for every vertex); beyond any screen it stays as it is, short of int's range. */
static inline float whole_px(float v) {
  return v > -8e6f && v < 8e6f ? (float)(int32_t)(v + (v < 0 ? -0.5f : 0.5f)) : v;
}

static void vertex(ks_gfx *g, float x, float y, ks_color c, float u, float v) {
  /* Logical to physical: shifted, then the screen turned clockwise. */
  x += g->shift_x;
  float w = (float)g->width, h = (float)g->height, lx = x;
  switch (g->rotation) {
  case 90:
    x = w - y, y = lx;
    break;
  case 180:
    x = w - x, y = h - y;
    break;
  case 270:
    x = y, y = h - lx;
    break;
  default:
    break;
  }
  /* To the nearest whole pixel. SDL's software renderer truncates positions (toward 0): the end
   * of a rounded corner, at cosf(1.5 pi) = -4e-8 rather than 0, fell a whole pixel short of the
   * straight edge it meets (a 1-px seam of background in the 7" language pill), and right and
   * bottom curves were drawn up to a pixel inside their edges. A GPU samples pixel centres,
   * which an edge rounded to a whole pixel covers alike. */
  x = whole_px(x), y = whole_px(y);
  g->batch.verts[g->batch.n_verts++] =
      (SDL_Vertex){.position = {x, y}, .color = sdl_color(c), .tex_coord = {u, v}};
}

static void index3(ks_gfx *g, int a, int b, int c) {
  int *ix = g->batch.indices + g->batch.n_indices;
  ix[0] = a, ix[1] = b, ix[2] = c;
  g->batch.n_indices += 3;
}

static void quad(ks_gfx *g, SDL_Texture *tex, float x0, float y0, float x1, float y1, ks_color c,
                 float u0, float v0, float u1, float v1) {
  int base = reserve(g, tex, 4, 6);
  vertex(g, x0, y0, c, u0, v0);
  vertex(g, x1, y0, c, u1, v0);
  vertex(g, x1, y1, c, u1, v1);
  vertex(g, x0, y1, c, u0, v1);
  index3(g, base, base + 1, base + 2);
  index3(g, base, base + 2, base + 3);
}

/* ---- shapes ------------------------------------------------------------------------------ */

void ks_gfx_clear(ks_gfx *g, ks_color c) {
  g->batch.n_verts = g->batch.n_indices = 0;
  g->stats.draw_calls++;
  if (g->r) {
    SDL_SetRenderDrawColor(g->r, c.r, c.g, c.b, c.a);
    SDL_RenderClear(g->r);
  }
}

void ks_gfx_fill_rect(ks_gfx *g, ks_rect r, ks_color c) {
  quad(g, NULL, (float)r.x, (float)r.y, (float)(r.x + r.w), (float)(r.y + r.h), c, 0, 0, 0, 0);
}

/* A fan of triangles around (cx, cy) from angle a0 to a1, `steps` segments. */
static void fan(ks_gfx *g, float cx, float cy, float radius, float a0, float a1, int steps,
                ks_color c) {
  int base = reserve(g, NULL, (size_t)steps + 2, (size_t)steps * 3);
  vertex(g, cx, cy, c, 0, 0);
  for (int i = 0; i <= steps; i++) {
    float a = a0 + (a1 - a0) * (float)i / (float)steps;
    vertex(g, cx + radius * cosf(a), cy + radius * sinf(a), c, 0, 0);
  }
  for (int i = 0; i < steps; i++)
    index3(g, base, base + 1 + i, base + 2 + i);
}

/* Segments enough for a smooth arc of this radius without wasting triangles on small ones. */
static int arc_steps(float radius) {
  int n = (int)(radius / 2.0f);
  return n < 4 ? 4 : n > 24 ? 24 : n;
}

void ks_gfx_fill_round_rect(ks_gfx *g, ks_rect r, int radius, ks_color c) {
  int rad = radius * 2 > r.w ? r.w / 2 : radius;
  if (rad * 2 > r.h)
    rad = r.h / 2;
  if (rad <= 0) {
    ks_gfx_fill_rect(g, r, c);
    return;
  }
  float x0 = (float)r.x, y0 = (float)r.y, x1 = (float)(r.x + r.w), y1 = (float)(r.y + r.h);
  float fr = (float)rad;
  quad(g, NULL, x0 + fr, y0, x1 - fr, y1, c, 0, 0, 0, 0);
  quad(g, NULL, x0, y0 + fr, x0 + fr, y1 - fr, c, 0, 0, 0, 0);
  quad(g, NULL, x1 - fr, y0 + fr, x1, y1 - fr, c, 0, 0, 0, 0);
  const float pi = 3.14159265f;
  int steps = arc_steps(fr) / 2 + 2;
  fan(g, x0 + fr, y0 + fr, fr, pi, 1.5f * pi, steps, c);
  fan(g, x1 - fr, y0 + fr, fr, 1.5f * pi, 2.0f * pi, steps, c);
  fan(g, x1 - fr, y1 - fr, fr, 0, 0.5f * pi, steps, c);
  fan(g, x0 + fr, y1 - fr, fr, 0.5f * pi, pi, steps, c);
}

void ks_gfx_fill_circle(ks_gfx *g, float cx, float cy, float radius, ks_color c) {
  fan(g, cx, cy, radius, 0, 2.0f * 3.14159265f, arc_steps(radius) * 2, c);
}

void ks_gfx_polyline(ks_gfx *g, const float *xy, size_t n, float width, ks_color c) {
  float h = width / 2;
  for (size_t i = 0; i + 1 < n; i++) {
    float x0 = xy[2 * i], y0 = xy[2 * i + 1], x1 = xy[2 * i + 2], y1 = xy[2 * i + 3];
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (len <= 0)
      continue;
    float nx = -dy / len * h, ny = dx / len * h;
    int base = reserve(g, NULL, 4, 6);
    vertex(g, x0 + nx, y0 + ny, c, 0, 0);
    vertex(g, x1 + nx, y1 + ny, c, 0, 0);
    vertex(g, x1 - nx, y1 - ny, c, 0, 0);
    vertex(g, x0 - nx, y0 - ny, c, 0, 0);
    index3(g, base, base + 1, base + 2);
    index3(g, base, base + 2, base + 3);
  }
  /* Round joins, so that thick lines meet without notches. */
  if (width >= 3)
    for (size_t i = 1; i + 1 < n; i++)
      fan(g, xy[2 * i], xy[2 * i + 1], h, 0, 2.0f * 3.14159265f, 8, c);
}

void ks_gfx_triangles(ks_gfx *g, const float *xy, size_t n_points, const uint32_t *ix,
                      size_t n_tris, ks_color c) {
  if (n_points == 0 || n_tris == 0 || n_points > INT32_MAX / 2)
    return;
  /* Opaque on SDL's software renderer: drawn apart, unblended. It blends a triangle through a
   * surface the size of the triangle's box, allocated and freed for each: a map's land seen close
   * up took 3.7 MB at a time (the attract loop's flight), and blending an opaque colour changes
   * nothing. */
  bool apart = g->soft && g->r && c.a == 255;
  if (apart)
    ks_gfx_flush(g);
  int base = reserve(g, NULL, n_points, 3 * n_tris);
  for (size_t i = 0; i < n_points; i++)
    vertex(g, xy[2 * i], xy[2 * i + 1], c, 0, 0);
  /* A triangle wholly outside the clip (or the screen) is left out: a map seen close up would
   * otherwise hand the renderer every triangle of the land, tens of thousands, to draw none of
   * them (SDL keeps each in its command buffer: 3.7 MB more at the attract loop's closest). */
  SDL_Rect cut = g->clipped ? g->clip : (SDL_Rect){0, 0, g->width, g->height};
  float cx0 = (float)cut.x, cy0 = (float)cut.y, cx1 = (float)(cut.x + cut.w),
        cy1 = (float)(cut.y + cut.h);
  const SDL_Vertex *v = g->batch.verts + base;
  for (size_t t = 0; t < n_tris; t++) {
    const uint32_t *k = ix + 3 * t;
    if (k[0] >= n_points || k[1] >= n_points || k[2] >= n_points)
      continue;
    SDL_FPoint a = v[k[0]].position, b = v[k[1]].position, d = v[k[2]].position;
    if ((a.x < cx0 && b.x < cx0 && d.x < cx0) || (a.x > cx1 && b.x > cx1 && d.x > cx1) ||
        (a.y < cy0 && b.y < cy0 && d.y < cy0) || (a.y > cy1 && b.y > cy1 && d.y > cy1))
      continue;
    index3(g, base + (int)k[0], base + (int)k[1], base + (int)k[2]);
  }
  if (apart) {
    SDL_SetRenderDrawBlendMode(g->r, SDL_BLENDMODE_NONE);
    ks_gfx_flush(g);
    SDL_SetRenderDrawBlendMode(g->r, SDL_BLENDMODE_BLEND); /* as the renderer was set up */
  }
}

void ks_gfx_set_bounds(ks_gfx *g, const ks_rect *bounds) {
  g->bounded = bounds != NULL;
  if (bounds)
    g->bounds = (ks_rect){bounds->x + (int)g->shift_x, bounds->y, bounds->w, bounds->h};
  ks_gfx_set_clip(g, NULL);
}

void ks_gfx_set_clip(ks_gfx *g, const ks_rect *clip) {
  ks_gfx_flush(g); /* what is batched was drawn under the old clip */
  if (!clip && !g->bounded) {
    g->clipped = false;
    if (g->r)
      SDL_RenderSetClipRect(g->r, NULL);
    return;
  }
  /* The rectangle's corners turned as vertices are, then the physical box around them. */
  int x0, y0, x1, y1;
  if (clip)
    x0 = clip->x + (int)g->shift_x, y0 = clip->y, x1 = x0 + clip->w, y1 = clip->y + clip->h;
  else
    x0 = g->bounds.x, y0 = g->bounds.y, x1 = x0 + g->bounds.w, y1 = y0 + g->bounds.h;
  if (g->bounded) { /* kept inside the bounds, and empty rather than inside out */
    const ks_rect *b = &g->bounds;
    x0 = x0 > b->x ? x0 : b->x, y0 = y0 > b->y ? y0 : b->y;
    x1 = x1 < b->x + b->w ? x1 : b->x + b->w, y1 = y1 < b->y + b->h ? y1 : b->y + b->h;
    x1 = x1 > x0 ? x1 : x0, y1 = y1 > y0 ? y1 : y0;
  }
  int w = g->width, h = g->height;
  SDL_Rect r;
  switch (g->rotation) {
  case 90:
    r = (SDL_Rect){w - y1, x0, y1 - y0, x1 - x0};
    break;
  case 180:
    r = (SDL_Rect){w - x1, h - y1, x1 - x0, y1 - y0};
    break;
  case 270:
    r = (SDL_Rect){y0, h - x1, y1 - y0, x1 - x0};
    break;
  default:
    r = (SDL_Rect){x0, y0, x1 - x0, y1 - y0};
  }
  g->clipped = true, g->clip = r;
  if (g->r)
    SDL_RenderSetClipRect(g->r, &r);
}

void ks_gfx_texture(ks_gfx *g, SDL_Texture *texture, ks_rect d) {
  ks_color white = {255, 255, 255, 255};
  quad(g, texture, (float)d.x, (float)d.y, (float)(d.x + d.w), (float)(d.y + d.h), white, 0, 0, 1,
       1);
}

/* ---- glyph atlas ------------------------------------------------------------------------- */

/* Forgets every glyph: the pages are reused from the top. Happens only when all pages are full,
 * i.e. when screens with more distinct glyphs than the budget holds follow one another. */
static void atlas_reset(ks_gfx *g) {
  ks_gfx_flush(g);
  memset(g->slots, 0, SLOTS * sizeof(glyph_slot));
  g->n_slots_used = 0;
  for (int i = 0; i < g->n_pages; i++)
    g->pages[i].shelf_y = g->pages[i].shelf_h = g->pages[i].cursor_x = 0;
}

static bool page_fit(page *p, int w, int h, int *x, int *y) {
  if (p->cursor_x + w > PAGE_SIZE) { /* next shelf */
    p->shelf_y += p->shelf_h;
    p->shelf_h = 0;
    p->cursor_x = 0;
  }
  if (p->shelf_y + h > PAGE_SIZE)
    return false;
  *x = p->cursor_x;
  *y = p->shelf_y;
  p->cursor_x += w;
  if (h > p->shelf_h)
    p->shelf_h = h;
  return true;
}

/* Finds room for a w×h bitmap: in an existing page, a new page, or after a reset. */
static int atlas_place(ks_gfx *g, int w, int h, int *x, int *y) {
  for (int i = 0; i < g->n_pages; i++)
    if (page_fit(&g->pages[i], w, h, x, y))
      return i;
  if (g->n_pages < g->max_pages) {
    page *p = &g->pages[g->n_pages];
    memset(p, 0, sizeof *p);
    if (g->r) {
      p->texture = SDL_CreateTexture(g->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC,
                                     PAGE_SIZE, PAGE_SIZE);
      if (p->texture)
        SDL_SetTextureBlendMode(p->texture, SDL_BLENDMODE_BLEND);
    }
    if (page_fit(p, w, h, x, y))
      return g->n_pages++;
    return -1;
  }
  atlas_reset(g);
  return page_fit(&g->pages[0], w, h, x, y) ? 0 : -1;
}

static glyph_slot *atlas_find(ks_gfx *g, uint32_t key) {
  for (uint32_t i = key * 2654435761u & (SLOTS - 1);; i = (i + 1) & (SLOTS - 1))
    if (g->slots[i].key == key || g->slots[i].key == 0)
      return &g->slots[i];
}

/* The atlas slot of a glyph, rasterising and uploading it on first use. */
static const glyph_slot *atlas_glyph(ks_gfx *g, ks_face *face, uint32_t glyph) {
  /* Faces of different fonts.txt lines number their glyphs apart (OpenType has at most 65535). */
  uint32_t key = ((uint32_t)ks_face_px(face) << 19 | (uint32_t)(ks_face_font(face) & 7) << 16 |
                  (glyph & 0xffff)) +
                 1;
  glyph_slot *s = atlas_find(g, key);
  if (s->key == key)
    return s;
  if (g->n_slots_used > SLOTS * 3 / 4) { /* keep probing short */
    atlas_reset(g);
    s = atlas_find(g, key);
  }
  ks_glyph_bitmap bm;
  bool ok = ks_face_rasterise(face, glyph, &bm);
  g->stats.glyphs_rasterised++;
  memset(s, 0, sizeof *s);
  s->key = key;
  g->n_slots_used++;
  if (!ok || bm.width == 0 || bm.height == 0)
    return s; /* a space, or a glyph FreeType cannot draw: nothing to show */
  int x, y;
  int p = atlas_place(g, bm.width + GLYPH_PAD, bm.height + GLYPH_PAD, &x, &y);
  if (p < 0)
    return s;
  if (g->n_slots_used == 0) { /* the atlas was reset to make room: this slot was wiped */
    s = atlas_find(g, key);
    s->key = key;
    g->n_slots_used++;
  }
  *s = (glyph_slot){.key = key,
                    .x = (int16_t)x,
                    .y = (int16_t)y,
                    .w = (int16_t)bm.width,
                    .h = (int16_t)bm.height,
                    .left = (int16_t)bm.left,
                    .top = (int16_t)bm.top,
                    .page = (uint8_t)p};
  /* White with coverage as alpha: the vertex colour tints it. */
  size_t need = (size_t)bm.width * (size_t)bm.height * 4;
  if (need > g->scratch_size) {
    g->scratch = ks_xrealloc(g->scratch, need);
    g->scratch_size = need;
  }
  uint32_t *px = (uint32_t *)(void *)g->scratch;
  for (int row = 0; row < bm.height; row++)
    for (int col = 0; col < bm.width; col++)
      px[row * bm.width + col] = (uint32_t)bm.pixels[row * bm.pitch + col] << 24 | 0xffffffu;
  g->stats.upload_bytes += need;
  if (g->pages[p].texture) {
    SDL_Rect dst = {x, y, bm.width, bm.height};
    SDL_UpdateTexture(g->pages[p].texture, &dst, g->scratch, bm.width * 4);
  }
  return s;
}

void ks_gfx_glyphs(ks_gfx *g, ks_face *face, const ks_glyph_pos *glyphs, size_t n, int x,
                   int baseline, ks_color color) {
  int32_t pen = x * 64;
  const float inv = 1.0f / PAGE_SIZE;
  for (size_t i = 0; i < n; i++) {
    const glyph_slot *s = atlas_glyph(g, face, glyphs[i].glyph);
    if (s->w > 0) {
      float gx = (float)((pen + glyphs[i].x_offset + 32) / 64 + s->left);
      float gy = (float)(baseline - (glyphs[i].y_offset + 32) / 64 - s->top);
      quad(g, g->pages[s->page].texture, gx, gy, gx + s->w, gy + s->h, color, s->x * inv,
           s->y * inv, (s->x + s->w) * inv, (s->y + s->h) * inv);
    }
    pen += glyphs[i].x_advance;
  }
}

void ks_gfx_text(ks_gfx *g, ks_face *face, const char *text, size_t len, int x, int baseline,
                 ks_color color) {
  ks_glyph_pos local[256];
  ks_glyph_pos *glyphs = local;
  size_t n = ks_face_shape(face, text, len, local, 256);
  if (n > 256) {
    glyphs = ks_xmalloc(n * sizeof *glyphs);
    ks_face_shape(face, text, len, glyphs, n);
  }
  ks_gfx_glyphs(g, face, glyphs, n, x, baseline, color);
  if (glyphs != local)
    free(glyphs);
}
