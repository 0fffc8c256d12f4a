/* The kiosk's fonts: the bundled font files read as FreeType needs them (not mapped), a FreeType
 * face and a HarfBuzz font per file and face index, drawn at any pixel size, text shaped by
 * HarfBuzz. Measuring here feeds the line breaker; drawing glyphs is the glyph atlas's job
 * (kiosk/gfx.h). */
#ifndef KIOSK_FONT_H
#define KIOSK_FONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ks_fonts ks_fonts;
typedef struct ks_face ks_face;

/* Opens the fonts listed in `fonts_dir`/fonts.txt (kiosk/fontlist.h: a face per language). Files
 * are read as needed, and only the default face is opened now: another language's face opens
 * when a text in it is first drawn. NULL with a reason on failure. */
ks_fonts *ks_fonts_open(const char *fonts_dir, char *err, size_t err_size);
void ks_fonts_close(ks_fonts *fonts);
/* The face that draws language `lang` (a BCP 47 tag, NULL for the default face) at `px` pixels
 * per em, created on first use and owned by `fonts`: Japanese with the Japanese face, so that 直
 * and 骨 take their Japanese forms. A language's face that cannot be opened gives the default. */
ks_face *ks_fonts_face_for(ks_fonts *fonts, int px, const char *lang);
/* The default face at `px` (ks_fonts_face_for with no language). */
ks_face *ks_fonts_face(ks_fonts *fonts, int px);
/* Which line of fonts.txt a face is of: faces of different lines number their glyphs apart. */
int ks_face_font(const ks_face *face);
/* How many FreeType faces `fonts` has opened so far: one per font file and face index drawn,
 * whatever the sizes it is drawn at (a face costs ~3 M instructions to open; a size is cheap).
 * For tests and the benchmarks. */
int ks_fonts_faces_opened(const ks_fonts *fonts);

/* A shaped glyph. Positions are in 1/64 pixel (26.6 fixed point), as FreeType and HarfBuzz use. */
typedef struct {
  uint32_t glyph;    /* glyph index in the face */
  uint32_t cluster;  /* byte offset in the text of the character(s) it draws */
  int32_t x_advance; /* pen movement after it */
  int32_t x_offset, y_offset;
} ks_glyph_pos;

/* A NULL face — a size ks_fonts_face could not give (too small on a tiny screen, or past its
 * sizes) — shapes nothing and measures 0 in every function below but ks_face_rasterise, so text
 * at such a size is skipped, not dereferenced. */

/* Shapes `len` bytes of UTF-8 and writes up to `cap` glyphs; returns how many there are (which
 * may exceed `cap`: call again with more room). */
size_t ks_face_shape(ks_face *face, const char *text, size_t len, ks_glyph_pos *out, size_t cap);
/* ks_face_shape for text in language `lang` (a BCP 47 tag): a language not written in Chinese
 * characters (English) asks the font for proportional punctuation (OpenType pwid), so that
 * “quotes” in English are not set full-width as the CJK faces set them for Chinese. */
size_t ks_face_shape_lang(ks_face *face, const char *text, size_t len, const char *lang,
                          ks_glyph_pos *out, size_t cap);
/* Width of the text on one line, in whole pixels (rounded up). */
int ks_face_measure(ks_face *face, const char *text, size_t len);
int ks_face_px(const ks_face *face);
/* Vertical metrics in whole pixels: ascent above the baseline, descent below it (positive), and
 * the distance between baselines the design asks for. */
int ks_face_ascent(const ks_face *face);
int ks_face_descent(const ks_face *face);
int ks_face_line_height(const ks_face *face);

/* One glyph rasterised to 8-bit coverage, valid until the next call on a face of the same
 * `ks_fonts` (the sizes of a file's face share FreeType's glyph slot). */
typedef struct {
  const uint8_t *pixels;
  int width, height, pitch;
  int left, top; /* bitmap origin relative to the pen: right of it and above the baseline */
} ks_glyph_bitmap;

/* Rasterises glyph `glyph`. False when FreeType cannot (the glyph is then drawn as nothing). */
bool ks_face_rasterise(ks_face *face, uint32_t glyph, ks_glyph_bitmap *out);

#endif
