/* Paragraphs set in a box: shaped once, broken into lines by ks_text_break with widths from the
 * shaped advances, drawn line by line with an ellipsis where the box cuts the text. */
#ifndef KIOSK_TEXTBOX_H
#define KIOSK_TEXTBOX_H

#include "kiosk/font.h"
#include "kiosk/gfx.h"
#include "kiosk/textbreak.h"

#include <stddef.h>

enum { KS_TEXTBOX_MAX_LINES = 64 };

typedef struct {
  const char *text; /* not owned; must outlive the layout */
  ks_face *face;
  ks_line lines[KS_TEXTBOX_MAX_LINES];
  size_t n_lines;
  int line_height; /* baseline to baseline */
  int width;       /* of the widest line */
  const char *ellipsis;
  const char *lang; /* "zh" or "en": English shapes with proportional punctuation */
  /* Each line shaped, with the ellipsis glyphs after it where cut: filled by ks_textbox_keep
   * for texts drawn in many frames (NULL otherwise: drawing shapes as it goes). */
  ks_glyph_pos *glyphs[KS_TEXTBOX_MAX_LINES];
  size_t n_glyphs[KS_TEXTBOX_MAX_LINES];
} ks_textbox;

/* Lays out `text` to `max_width` in at most `max_lines` lines (0: as many as fit the table).
 * `line_gap` is the extra leading as a fraction of the font size (Chinese reads best at ~0.5).
 * A cut text ends in the ellipsis of `lang`: "…" for Chinese (the CJK font centres it, as
 * Chinese typesetting wants), "..." for English. */
void ks_textbox_layout(ks_textbox *box, ks_face *face, const char *text, int max_width,
                       size_t max_lines, float line_gap, const char *lang);
/* Shapes every line now and keeps the glyphs, so that drawing the box again costs no shaping. */
void ks_textbox_keep(ks_textbox *box);
/* Frees what ks_textbox_keep kept. */
void ks_textbox_release(ks_textbox *box);
/* Height of the laid-out lines. */
int ks_textbox_height(const ks_textbox *box);
/* Draws the lines with the first line's top at `y`, each `indent` left of `x`. */
void ks_textbox_draw(const ks_textbox *box, ks_gfx *gfx, int x, int y, ks_color color);

#endif
