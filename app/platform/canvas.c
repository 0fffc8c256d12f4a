#include "kiosk/canvas.h"

#include "kiosk/mem.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>

struct ks_canvas {
  SDL_Surface *surface;
  SDL_Renderer *renderer;
};

ks_canvas *ks_canvas_create(int width, int height, char *err, size_t err_size) {
  SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
  if (!s) {
    snprintf(err, err_size, "cannot create a %dx%d canvas: %s", width, height, SDL_GetError());
    return NULL;
  }
  SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
  if (!r) {
    snprintf(err, err_size, "cannot create the software renderer: %s", SDL_GetError());
    SDL_FreeSurface(s);
    return NULL;
  }
  SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
  ks_canvas *c = ks_xcalloc(1, sizeof *c);
  c->surface = s;
  c->renderer = r;
  return c;
}

void ks_canvas_destroy(ks_canvas *c) {
  if (!c)
    return;
  SDL_DestroyRenderer(c->renderer);
  SDL_FreeSurface(c->surface);
  free(c);
}

SDL_Renderer *ks_canvas_renderer(ks_canvas *c) { return c->renderer; }

SDL_Surface *ks_canvas_surface(ks_canvas *c) {
  SDL_RenderFlush(c->renderer);
  return c->surface;
}

bool ks_canvas_save_png(ks_canvas *c, const char *path, char *err, size_t err_size) {
  SDL_RenderFlush(c->renderer);
  if (IMG_SavePNG(c->surface, path) != 0) {
    snprintf(err, err_size, "cannot write %s: %s", path, IMG_GetError());
    return false;
  }
  return true;
}
