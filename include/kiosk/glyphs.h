/* Which characters the kiosk's bundled fonts can draw, so that a pack with a character they lack
 * is refused before a visitor sees a tofu box. */
#ifndef KIOSK_GLYPHS_H
#define KIOSK_GLYPHS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ks_glyphs ks_glyphs;

/* Opens the fonts listed in `fonts_dir`/fonts.txt (lines "FILE FACE-INDEX", '#' comments).
 * FreeType maps the files; faces load lazily. On failure returns NULL and says why in `err`. */
ks_glyphs *ks_glyphs_open(const char *fonts_dir, char *err, size_t err_size);
void ks_glyphs_close(ks_glyphs *glyphs);
/* True when some bundled font has a glyph for `cp`. Line breaks need none. */
bool ks_glyphs_has(ks_glyphs *glyphs, uint32_t cp);

#endif
