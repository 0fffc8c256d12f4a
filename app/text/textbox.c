#include "kiosk/textbox.h"

#include "kiosk/lang.h"
#include "kiosk/mem.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Widths of any byte range of one text, from one shaping: prefix sums of the advances at each
 * byte offset. The line breaker measures hundreds of candidate lines; this makes each O(1). */
typedef struct {
  const char *base;
  int64_t *prefix; /* prefix[i]: advance (26.6) of bytes [0, i); 64 bits, as a text of a few
                      hundred thousand wide glyphs (a pack may hold 8 MiB) passes 2^31 */
} advances;

static int measure(void *ctx, const char *text, size_t len) {
  const advances *a = ctx;
  size_t start = (size_t)(text - a->base);
  int64_t w = (a->prefix[start + len] - a->prefix[start] + 63) / 64;
  return w < INT32_MAX ? (int)w : INT32_MAX;
}

void ks_textbox_layout(ks_textbox *box, ks_face *face, const char *text, int max_width,
                       size_t max_lines, float line_gap, const char *lang) {
  memset(box, 0, sizeof *box);
  box->text = text;
  box->face = face;
  box->line_height = ks_face_px(face) + (int)((float)ks_face_px(face) * line_gap + 0.5f);
  /* A language written in Chinese characters ends a cut line with …, the others with "...". */
  bool cjk = !lang || ks_lang_is_cjk(lang);
  box->ellipsis = cjk ? "…" : "...";
  box->lang = lang ? lang : "zh";
  size_t len = strlen(text);
  if (!len)
    return;
  size_t n = ks_face_shape_lang(face, text, len, box->lang, NULL, 0);
  ks_glyph_pos *glyphs = ks_xmalloc((n ? n : 1) * sizeof *glyphs);
  ks_face_shape_lang(face, text, len, box->lang, glyphs, n);
  /* Advance per cluster start, then carried across each cluster's bytes. */
  int32_t *per_byte = ks_xcalloc(len + 1, sizeof(int32_t));
  for (size_t i = 0; i < n; i++)
    if (glyphs[i].cluster < len)
      per_byte[glyphs[i].cluster] += glyphs[i].x_advance;
  advances adv = {.base = text, .prefix = ks_xmalloc((len + 1) * sizeof(int64_t))};
  adv.prefix[0] = 0;
  for (size_t i = 0; i < len; i++)
    adv.prefix[i + 1] = adv.prefix[i] + per_byte[i];
  ks_break_opts opts = {.max_width = max_width,
                        .max_lines = max_lines,
                        .lang = lang,
                        .ellipsis = box->ellipsis,
                        .ellipsis_width =
                            ks_face_measure(face, box->ellipsis, strlen(box->ellipsis))};
  box->n_lines = ks_text_break(text, len, &opts, measure, &adv, box->lines, KS_TEXTBOX_MAX_LINES);
  for (size_t i = 0; i < box->n_lines; i++) /* a half-width mark's blank half is not the box's */
    if (box->lines[i].width - box->lines[i].indent > box->width)
      box->width = box->lines[i].width - box->lines[i].indent;
  free(adv.prefix);
  free(per_byte);
  free(glyphs);
}

void ks_textbox_keep(ks_textbox *box) {
  for (size_t i = 0; i < box->n_lines; i++) {
    const ks_line *l = &box->lines[i];
    size_t dots = l->ellipsis ? strlen(box->ellipsis) : 0;
    /* Shape the line and its ellipsis as one run: the same glyphs drawing would make. */
    char *run = ks_xmalloc(l->len + dots + 1);
    memcpy(run, box->text + l->start, l->len);
    memcpy(run + l->len, box->ellipsis, dots);
    size_t n = ks_face_shape_lang(box->face, run, l->len + dots, box->lang, NULL, 0);
    box->glyphs[i] = ks_xmalloc((n ? n : 1) * sizeof(ks_glyph_pos));
    box->n_glyphs[i] =
        ks_face_shape_lang(box->face, run, l->len + dots, box->lang, box->glyphs[i], n);
    free(run);
  }
}

void ks_textbox_release(ks_textbox *box) {
  for (size_t i = 0; i < box->n_lines; i++) {
    free(box->glyphs[i]);
    box->glyphs[i] = NULL;
  }
}

int ks_textbox_height(const ks_textbox *box) { return (int)box->n_lines * box->line_height; }

void ks_textbox_draw(const ks_textbox *box, ks_gfx *gfx, int x, int y, ks_color color) {
  /* The baseline sits so that ascent and descent are centred in the line's height. */
  int asc = ks_face_ascent(box->face), desc = ks_face_descent(box->face);
  int baseline = y + (box->line_height - (asc + desc)) / 2 + asc;
  for (size_t i = 0; i < box->n_lines; i++, baseline += box->line_height) {
    const ks_line *l = &box->lines[i];
    int lx = x - l->indent; /* an opening mark set in half width (W3C clreq) */
    if (box->glyphs[i]) {
      ks_gfx_glyphs(gfx, box->face, box->glyphs[i], box->n_glyphs[i], lx, baseline, color);
      continue;
    }
    ks_gfx_text(gfx, box->face, box->text + l->start, l->len, lx, baseline, color);
    if (l->ellipsis) {
      int w = ks_face_measure(box->face, box->text + l->start, l->len);
      ks_gfx_text(gfx, box->face, box->ellipsis, strlen(box->ellipsis), lx + w, baseline, color);
    }
  }
}
