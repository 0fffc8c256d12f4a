/* A headless drawing target: an in-memory surface with SDL's software renderer. Needs no display
 * and no video driver, so CI and curators can render screens to PNG anywhere. */
#ifndef KIOSK_CANVAS_H
#define KIOSK_CANVAS_H

#include "kiosk/gfx.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ks_canvas ks_canvas;

/* A width×height canvas. NULL with a reason on failure. */
ks_canvas *ks_canvas_create(int width, int height, char *err, size_t err_size);
void ks_canvas_destroy(ks_canvas *canvas);
/* The renderer to hand to ks_gfx_create. */
SDL_Renderer *ks_canvas_renderer(ks_canvas *canvas);
typedef struct SDL_Surface SDL_Surface;
/* The pixels drawn so far (ARGB8888), after flushing the renderer; owned by the canvas. */
SDL_Surface *ks_canvas_surface(ks_canvas *canvas);
/* Writes what was drawn as PNG. */
bool ks_canvas_save_png(ks_canvas *canvas, const char *path, char *err, size_t err_size);

#endif
