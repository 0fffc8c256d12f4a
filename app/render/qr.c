#include "kiosk/qr.h"

#include "kiosk/mem.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <qrencode.h> /* its types and prototypes; the library itself is opened at first use */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libqrencode's file, as Debian 12's libqrencode4 installs it (the package depends on it). */
#define QRENCODE_LIB "libqrencode.so.4"

/* libqrencode is opened when the first code is made, not linked: linked, the dynamic loader
 * would map it and look every symbol of the process past it before the first frame (0.5 million
 * instructions, measured), for a picture only some pages show. Set once (pthread_once) and only
 * read after, like a linked library's entry points. */
static struct {
  QRcode *(*encode)(const char *string, int version, QRecLevel level, QRencodeMode hint,
                    int casesensitive);
  void (*free)(QRcode *code);
  char error[200]; /* why it could not be opened, when it could not */
} lib;
static pthread_once_t lib_once = PTHREAD_ONCE_INIT;

static void lib_open(void) {
  void *dl = dlopen(QRENCODE_LIB, RTLD_NOW | RTLD_LOCAL);
  if (dl) {
    /* POSIX: a function's address is read through a void * (dlsym's own example). */
    *(void **)&lib.encode = dlsym(dl, "QRcode_encodeString");
    *(void **)&lib.free = dlsym(dl, "QRcode_free");
  }
  if (!lib.encode || !lib.free) {
    const char *why = dlerror();
    snprintf(lib.error, sizeof lib.error, "cannot open %s (Debian's libqrencode4): %s",
             QRENCODE_LIB, why ? why : "it has no QRcode_encodeString");
    lib.encode = NULL;
  }
}

struct ks_qr {
  int width, version;
  unsigned char *dark; /* width × width, row by row: 1 dark, 0 light */
};

ks_qr *ks_qr_encode(const char *text, char *err, size_t err_size) {
  if (!text || !*text) {
    snprintf(err, err_size, "a QR code needs a text: this one is empty");
    return NULL;
  }
  pthread_once(&lib_once, lib_open);
  if (!lib.encode) {
    snprintf(err, err_size, "%s", lib.error);
    return NULL;
  }
  /* QR_MODE_8 as the hint: the text is split into numeric, alphanumeric and 8-bit runs, the
   * shortest encoding; case-sensitive, as a url's path is. */
  errno = 0;
  QRcode *code = lib.encode(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!code) {
    int e = errno;
    snprintf(err, err_size, "cannot make a QR code of a text of %zu bytes: %s", strlen(text),
             e == ERANGE ? "too long for any QR code"
             : e         ? strerror(e)
                         : "libqrencode failed");
    return NULL;
  }
  ks_qr *qr = ks_xcalloc(1, sizeof *qr);
  qr->width = code->width;
  qr->version = code->version;
  size_t n = (size_t)code->width * (size_t)code->width;
  qr->dark = ks_xmalloc(n);
  for (size_t i = 0; i < n; i++) /* bit 0 of each of libqrencode's bytes is the module's colour */
    qr->dark[i] = code->data[i] & 1;
  lib.free(code);
  return qr;
}

void ks_qr_free(ks_qr *qr) {
  if (!qr)
    return;
  free(qr->dark);
  free(qr);
}

int ks_qr_width(const ks_qr *qr) { return qr->width; }

int ks_qr_version(const ks_qr *qr) { return qr->version; }

bool ks_qr_dark(const ks_qr *qr, int x, int y) {
  if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
    return false;
  return qr->dark[(size_t)y * (size_t)qr->width + (size_t)x];
}
