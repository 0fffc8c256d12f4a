/* A url as a QR code a visitor's phone opens: on an exhibit's page beside its sources, encoded
 * once a page (kiosk/qr.h) and drawn as whole-pixel modules, dark on light whatever the theme. */
#include "ui_private.h"

#include "kiosk/diag.h"
#include "kiosk/mem.h"
#include "kiosk/qr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A phone reads a code from 30-50 cm when the code, its quiet zone left out, is at least about
 * 25 mm wide and its modules at least 0.5 mm: a code of more modules gets larger, not finer. */
#define QR_MIN_MM 25.0f
#define QR_MODULE_MIN_MM 0.5f

/* Fixed, not the theme's: scanners look for dark modules on a light ground, and a dark theme's
 * colours inverted (light on dark) are not read by every phone. */
static const ks_color QR_LIGHT = {0xff, 0xff, 0xff, 0xff};
static const ks_color QR_DARK = {0x00, 0x00, 0x00, 0xff};

void ui_qr_forget(ks_ui *ui) {
  free(ui->qr.text);
  ks_qr_free(ui->qr.code);
  ui->qr.text = NULL;
  ui->qr.code = NULL;
}

/* The code of `url`, encoded when it was not the last one asked for: a page encodes its code
 * once, not every frame. NULL when the url is too long for the page (the validator refuses one)
 * or cannot be encoded. */
static const ks_qr *code_of(const frame *f, const char *url) {
  ks_ui *ui = f->ui;
  if (!url || strlen(url) > KS_URL_MAX)
    return NULL;
  if (!ui->qr.text || strcmp(ui->qr.text, url) != 0) {
    ui_qr_forget(ui);
    char err[160];
    ui->qr.text = ks_xstrdup(url);
    ui->qr.code = ks_qr_encode(url, err, sizeof err);
    if (!ui->qr.code) /* once a page: the page shows its sources without the code */
      ks_diag_log(stderr, "kiosk: no QR code for %s: %s", url, err);
  }
  return ui->qr.code;
}

/* Pixels a module of `code` takes on this panel: a whole number, so that every module is as
 * wide as every other and its edges are sharp. */
static int module_px(const frame *f, const ks_qr *code) {
  float mm = QR_MIN_MM / (float)ks_qr_width(code);
  mm = mm > QR_MODULE_MIN_MM ? mm : QR_MODULE_MIN_MM;
  int px = (int)ceilf(mm * f->px_per_mm - 0.01f); /* no module rounded up for a float's noise */
  return px > 1 ? px : 1;
}

const char *ui_page_url(const frame *f, const ks_exhibit *e) {
  if (e->url && *e->url)
    return e->url;
  size_t n = ui_cited_count(e);
  for (size_t i = 0; i < n; i++) {
    const ks_source *src = ui_cited_source(f, e, i);
    if (src && src->url && *src->url)
      return src->url;
  }
  return NULL;
}

/* The side of the code with its quiet zone, in pixels. */
static int side_px(const frame *f, const ks_qr *code) {
  return (ks_qr_width(code) + 2 * KS_QR_QUIET) * module_px(f, code);
}

/* The width of the code and its caption together: the code's, or the caption's on one line where
 * that is wider (up to twice the code's: a longer one wraps), so that the caption is not broken
 * where it need not be. */
static int block_px(const frame *f, int side) {
  int tw = ui_text_width(f, ui_say(f, "qr.scan"), UI_TYPE_SMALL);
  return tw <= side ? side : tw < 2 * side ? tw : 2 * side;
}

int ui_qr_width(const frame *f, const char *url) {
  const ks_qr *code = code_of(f, url);
  return code ? block_px(f, side_px(f, code)) : 0;
}

int ui_qr(const frame *f, const char *url, int x, int y) {
  const ks_qr *code = code_of(f, url);
  if (!code)
    return 0;
  int m = module_px(f, code), w = ks_qr_width(code), side = side_px(f, code);
  int block = block_px(f, side);
  int left = x + (block - side) / 2;
  ks_gfx_fill_rect(f->gfx, (ks_rect){left, y, side, side}, QR_LIGHT);
  int x0 = left + KS_QR_QUIET * m, y0 = y + KS_QR_QUIET * m;
  for (int row = 0; row < w; row++)
    for (int col = 0; col < w;) { /* a run of dark modules as one rectangle */
      if (!ks_qr_dark(code, col, row)) {
        col++;
        continue;
      }
      int start = col;
      while (col < w && ks_qr_dark(code, col, row))
        col++;
      ks_gfx_fill_rect(f->gfx, (ks_rect){x0 + start * m, y0 + row * m, (col - start) * m, m},
                       QR_DARK);
    }
  /* What it is for, under it, centred. */
  const char *say = ui_say(f, "qr.scan");
  int gap = sz(f, UI_SP_XS), tw = ui_text_width(f, say, UI_TYPE_SMALL);
  int cw = tw < block ? tw : block;
  int th = ui_text(f, say, UI_TYPE_SMALL, x + (block - cw) / 2, y + side + gap, block, 2, KS_TEXT);
  return side + gap + th;
}
