/* Exhibit images for the screens: decoded on a worker thread (never on the UI thread), scaled to
 * the size they are shown at, uploaded once and kept in a cache bounded in bytes. Until an image
 * is ready, or when it cannot be decoded, the caller draws a placeholder. */
#ifndef KIOSK_IMAGES_H
#define KIOSK_IMAGES_H

#include "kiosk/gfx.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ks_images ks_images;

typedef enum { KS_IMAGE_LOADING, KS_IMAGE_READY, KS_IMAGE_BROKEN } ks_image_state;

/* A cache drawing with `renderer` (NULL: decode and scale, never upload — the null backend),
 * holding at most `budget_bytes` of scaled pixels. Starts its worker thread. */
ks_images *ks_images_create(SDL_Renderer *renderer, size_t budget_bytes);
/* Stops the worker and frees everything. */
void ks_images_destroy(ks_images *images);

/* The image `data` (`size` bytes of PNG or JPEG, owned by the caller and alive until destroy)
 * scaled to fill w×h, cropped to keep its proportions. Asks the worker for it on first use.
 * `*texture` is set when READY (NULL in the null backend). */
ks_image_state ks_images_get(ks_images *images, const void *data, size_t size, int w, int h,
                             SDL_Texture **texture);
/* True, once, when some image became ready or broken since the last call: draw again. */
bool ks_images_changed(ks_images *images);
/* Waits until the worker has nothing left to do (tests and headless renders). */
void ks_images_settle(ks_images *images);

#endif
