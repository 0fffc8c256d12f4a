#include "kiosk/image.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

ks_image_type ks_image_sniff(const unsigned char *data, size_t size) {
  if (size >= 8 && memcmp(data, png_sig, 8) == 0)
    return KS_IMAGE_PNG;
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return KS_IMAGE_JPEG;
  return KS_IMAGE_UNKNOWN;
}

const char *ks_image_mime(ks_image_type type) {
  switch (type) {
  case KS_IMAGE_PNG:
    return "image/png";
  case KS_IMAGE_JPEG:
    return "image/jpeg";
  default:
    return NULL;
  }
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

bool ks_image_dimensions(const unsigned char *data, size_t size, ks_image_type type, int *width,
                         int *height) {
  if (type == KS_IMAGE_PNG) {
    /* Signature, then the IHDR chunk: length, "IHDR", width, height. */
    if (size < 24 || memcmp(data + 12, "IHDR", 4) != 0)
      return false;
    uint32_t w = be32(data + 16), h = be32(data + 20);
    if (w == 0 || h == 0 || w > INT32_MAX || h > INT32_MAX)
      return false;
    *width = (int)w, *height = (int)h;
    return true;
  }
  if (type == KS_IMAGE_JPEG) {
    /* Walk the marker segments after SOI to the first start-of-frame. */
    size_t i = 2;
    while (i + 4 <= size) {
      if (data[i] != 0xff)
        return false;
      unsigned marker = data[i + 1];
      if (marker == 0xff) { /* fill byte */
        i++;
        continue;
      }
      if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
        i += 2;
        continue;
      }
      unsigned len = be16(data + i + 2);
      if (len < 2)
        return false;
      bool sof =
          marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
      if (sof) {
        if (i + 9 > size)
          return false;
        unsigned h = be16(data + i + 5), w = be16(data + i + 7);
        if (w == 0 || h == 0)
          return false;
        *width = (int)w, *height = (int)h;
        return true;
      }
      if (marker == 0xd9 || marker == 0xda) /* end of image or scan before any frame */
        return false;
      i += 2 + len;
    }
    return false;
  }
  return false;
}

bool ks_image_decode_check(const unsigned char *data, size_t size, ks_image_type type, char *err,
                           size_t err_size) {
  if (size > INT32_MAX) {
    snprintf(err, err_size, "too large");
    return false;
  }
  SDL_RWops *rw = SDL_RWFromConstMem(data, (int)size);
  if (!rw) {
    snprintf(err, err_size, "%s", SDL_GetError());
    return false;
  }
  SDL_Surface *s = IMG_LoadTyped_RW(rw, 1, type == KS_IMAGE_PNG ? "PNG" : "JPG");
  if (!s) {
    const char *why = IMG_GetError();
    snprintf(err, err_size, "does not decode: %s", why && *why ? why : "corrupt data");
    return false;
  }
  SDL_FreeSurface(s);
  return true;
}
