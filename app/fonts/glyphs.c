#include "kiosk/glyphs.h"

#include "kiosk/fileio.h"
#include "kiosk/fontlist.h"
#include "kiosk/mem.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One face of the list with what is known of it. */
typedef struct {
  FT_Face face;
  /* Answers already known for the Basic Multilingual Plane, a bit per code point each (checked,
   * present): a pack asks about the same few thousand characters again and again. */
  uint8_t bmp_known[0x10000 / 8];
  uint8_t bmp_has[0x10000 / 8];
} known_face;

struct ks_glyphs {
  FT_Library lib;
  ks_fontlist_entry list[KS_FONTLIST_MAX]; /* fonts.txt: which face draws which language */
  int n_faces;
  known_face *faces[KS_FONTLIST_MAX];
};

/* True when `path` is a regular file (checked without blocking), else why not in `why`. */
static bool is_regular(const char *path, char *why, size_t why_size) {
  int fd = ks_file_open(path, 0, UINT64_MAX, NULL, why, why_size);
  if (fd >= 0)
    close(fd);
  return fd >= 0;
}

ks_glyphs *ks_glyphs_open(const char *fonts_dir, char *err, size_t err_size) {
  ks_glyphs *g = ks_xcalloc(1, sizeof *g);
  g->n_faces = ks_fontlist_read(fonts_dir, g->list, err, err_size);
  if (g->n_faces == 0) {
    free(g);
    return NULL;
  }
  if (FT_Init_FreeType(&g->lib) != 0) {
    snprintf(err, err_size, "FreeType did not start");
    free(g);
    return NULL;
  }
  /* Every face is opened now, so that a broken list is reported here and not mid-check. */
  bool ok = true;
  for (int i = 0; ok && i < g->n_faces; i++) {
    char path[1024], why[256];
    snprintf(path, sizeof path, "%s/%s", fonts_dir, g->list[i].file);
    g->faces[i] = ks_xcalloc(1, sizeof(known_face));
    if (!is_regular(path, why, sizeof why)) { /* FreeType would wait on a FIFO */
      snprintf(err, err_size, "cannot open font %s: %s", path, why);
      ok = false;
    } else if (FT_New_Face(g->lib, path, g->list[i].index, &g->faces[i]->face) != 0) {
      snprintf(err, err_size, "cannot open font %s (face %ld)", path, g->list[i].index);
      g->faces[i]->face = NULL;
      ok = false;
    }
  }
  if (!ok) {
    ks_glyphs_close(g);
    return NULL;
  }
  return g;
}

void ks_glyphs_close(ks_glyphs *glyphs) {
  if (!glyphs)
    return;
  for (int i = 0; i < glyphs->n_faces; i++) {
    if (glyphs->faces[i] && glyphs->faces[i]->face)
      FT_Done_Face(glyphs->faces[i]->face);
    free(glyphs->faces[i]);
  }
  FT_Done_FreeType(glyphs->lib);
  free(glyphs);
}

bool ks_glyphs_has_lang(ks_glyphs *g, const char *lang, uint32_t cp) {
  if (cp == '\n')
    return true;
  known_face *k = g->faces[ks_fontlist_pick(g->list, g->n_faces, lang)];
  if (cp >= 0x10000)
    return FT_Get_Char_Index(k->face, cp) != 0;
  uint8_t bit = (uint8_t)(1u << (cp & 7));
  if (!(k->bmp_known[cp >> 3] & bit)) {
    k->bmp_known[cp >> 3] |= bit;
    if (FT_Get_Char_Index(k->face, cp) != 0)
      k->bmp_has[cp >> 3] |= bit;
  }
  return k->bmp_has[cp >> 3] & bit;
}

bool ks_glyphs_has(ks_glyphs *g, uint32_t cp) { return ks_glyphs_has_lang(g, NULL, cp); }

const char *ks_glyphs_face_name(ks_glyphs *g, const char *lang) {
  known_face *k = g->faces[ks_fontlist_pick(g->list, g->n_faces, lang)];
  return k->face->family_name ? k->face->family_name : "?";
}
