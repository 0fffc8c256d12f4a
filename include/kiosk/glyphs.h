/* Which characters the kiosk's bundled fonts can draw, so that a pack with a character they lack
 * is refused before a visitor sees a tofu box. */
#ifndef KIOSK_GLYPHS_H
#define KIOSK_GLYPHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ks_glyphs ks_glyphs;

/* Opens the fonts listed in `fonts_dir`/fonts.txt (kiosk/fontlist.h: which face draws which
 * language). On failure returns NULL and says why in `err`. */
ks_glyphs *ks_glyphs_open(const char *fonts_dir, char *err, size_t err_size);
void ks_glyphs_close(ks_glyphs *glyphs);
/* True when the face that draws language `lang` (a BCP 47 tag; NULL: the default face) has a
 * glyph for `cp`: the kiosk draws a text with its language's face alone. Line breaks need none. */
bool ks_glyphs_has_lang(ks_glyphs *glyphs, const char *lang, uint32_t cp);
/* ks_glyphs_has_lang for the default face. */
bool ks_glyphs_has(ks_glyphs *glyphs, uint32_t cp);
/* The family name of the face that draws `lang` ("Noto Sans CJK JP"), for findings. */
const char *ks_glyphs_face_name(ks_glyphs *glyphs, const char *lang);

#endif
