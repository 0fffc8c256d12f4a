/* Images as packs carry them: PNG or JPEG, recognised by their bytes, never by their name. */
#ifndef KIOSK_IMAGE_H
#define KIOSK_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { KS_IMAGE_UNKNOWN, KS_IMAGE_PNG, KS_IMAGE_JPEG } ks_image_type;

enum {
  KS_IMAGE_MAX_SIDE = 2048,     /* pixels a side; larger images are pre-scaled by curators */
  KS_IMAGE_MAX_BYTES = 4 << 20, /* bytes of one encoded image */
};

/* The format by signature bytes. */
ks_image_type ks_image_sniff(const unsigned char *data, size_t size);
/* "image/png", "image/jpeg", or NULL. */
const char *ks_image_mime(ks_image_type type);
/* Reads width and height from the header alone (no decoding, so an image that claims to be
 * enormous is refused before any memory is spent on it). False when the header is malformed. */
bool ks_image_dimensions(const unsigned char *data, size_t size, ks_image_type type, int *width,
                         int *height);
/* Decodes the whole image and throws the pixels away: proof that it will show. On failure says
 * why in `err`. Headless: needs no display. */
bool ks_image_decode_check(const unsigned char *data, size_t size, ks_image_type type, char *err,
                           size_t err_size);

#endif
