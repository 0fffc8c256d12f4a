/* QR codes: a text (an exhibit's or a source's url) encoded by libqrencode into a square of
 * modules, for the UI to draw. Pure: no drawing, no SDL. */
#ifndef KIOSK_QR_H
#define KIOSK_QR_H

#include <stdbool.h>
#include <stddef.h>

/* The light margin every side of a code needs to be found, in modules (ISO/IEC 18004). */
enum { KS_QR_QUIET = 4 };

typedef struct ks_qr ks_qr;

/* Encodes `text` (its bytes up to the NUL, as they are: a url is ASCII) at error correction level
 * M, in the smallest version that holds it, numbers and capitals packed tighter where they run
 * (libqrencode chooses the modes). Returns NULL, saying why in `err`, for an empty text, one too
 * long for any QR code, or when memory runs out. Free with ks_qr_free. */
ks_qr *ks_qr_encode(const char *text, char *err, size_t err_size);
void ks_qr_free(ks_qr *qr); /* NULL: nothing */
/* Modules a side, without the quiet zone: 21 for version 1, 4 more for each version after it. */
int ks_qr_width(const ks_qr *qr);
/* The version (1 to 40). */
int ks_qr_version(const ks_qr *qr);
/* Whether the module in column `x`, row `y` (from 0 at the top left) is dark. Outside the code —
 * its quiet zone and beyond — every module is light. */
bool ks_qr_dark(const ks_qr *qr, int x, int y);

#endif
