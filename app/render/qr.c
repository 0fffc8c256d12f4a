#include "kiosk/qr.h"

#include "kiosk/mem.h"

#include <errno.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ks_qr {
  int width, version;
  unsigned char *dark; /* width × width, row by row: 1 dark, 0 light */
};

ks_qr *ks_qr_encode(const char *text, char *err, size_t err_size) {
  if (!text || !*text) {
    snprintf(err, err_size, "a QR code needs a text: this one is empty");
    return NULL;
  }
  /* QR_MODE_8 as the hint: the text is split into numeric, alphanumeric and 8-bit runs, the
   * shortest encoding; case-sensitive, as a url's path is. */
  errno = 0;
  QRcode *code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
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
  QRcode_free(code);
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
