#include "kiosk/glyphs.h"

#include "kiosk/fileio.h"
#include "kiosk/mem.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_FACES = 8 };

struct ks_glyphs {
  FT_Library lib;
  FT_Face faces[MAX_FACES]; /* in fallback order */
  int n_faces;
  /* Answers already known for the Basic Multilingual Plane, two bits per code point
   * (checked, present): a pack asks about the same few thousand characters again and again. */
  uint8_t bmp_known[0x10000 / 8];
  uint8_t bmp_has[0x10000 / 8];
};

/* True when `path` is a regular file (checked without blocking), else why not in `why`. */
static bool is_regular(const char *path, char *why, size_t why_size) {
  int fd = ks_file_open(path, 0, UINT64_MAX, NULL, why, why_size);
  if (fd >= 0)
    close(fd);
  return fd >= 0;
}

ks_glyphs *ks_glyphs_open(const char *fonts_dir, char *err, size_t err_size) {
  char list[1024];
  snprintf(list, sizeof list, "%s/fonts.txt", fonts_dir);
  char why[256];
  FILE *f = ks_file_fopen(list, 0, 1 << 20, why, sizeof why);
  if (!f) {
    snprintf(err, err_size,
             "cannot read %s: %s: the bundled fonts are missing (build the kiosk, or "
             "pass --fonts DIR)",
             list, why);
    return NULL;
  }
  ks_glyphs *g = ks_xcalloc(1, sizeof *g);
  if (FT_Init_FreeType(&g->lib) != 0) {
    snprintf(err, err_size, "FreeType did not start");
    fclose(f);
    free(g);
    return NULL;
  }
  char line[512];
  bool ok = true;
  while (ok && fgets(line, sizeof line, f)) {
    char name[256];
    long index;
    if (line[0] == '#' || sscanf(line, "%255s %ld", name, &index) != 2)
      continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", fonts_dir, name);
    if (g->n_faces == MAX_FACES) {
      snprintf(err, err_size, "%s lists more than %d fonts", list, MAX_FACES);
      ok = false;
    } else if (!is_regular(path, why, sizeof why)) { /* FreeType would wait on a FIFO */
      snprintf(err, err_size, "cannot open font %s: %s", path, why);
      ok = false;
    } else if (FT_New_Face(g->lib, path, index, &g->faces[g->n_faces]) != 0) {
      snprintf(err, err_size, "cannot open font %s (face %ld)", path, index);
      ok = false;
    } else {
      g->n_faces++;
    }
  }
  fclose(f);
  if (ok && g->n_faces == 0) {
    snprintf(err, err_size, "%s names no font", list);
    ok = false;
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
  for (int i = 0; i < glyphs->n_faces; i++)
    FT_Done_Face(glyphs->faces[i]);
  FT_Done_FreeType(glyphs->lib);
  free(glyphs);
}

static bool lookup(ks_glyphs *g, uint32_t cp) {
  for (int i = 0; i < g->n_faces; i++)
    if (FT_Get_Char_Index(g->faces[i], cp) != 0)
      return true;
  return false;
}

bool ks_glyphs_has(ks_glyphs *g, uint32_t cp) {
  if (cp == '\n')
    return true;
  if (cp >= 0x10000)
    return lookup(g, cp);
  uint8_t bit = (uint8_t)(1u << (cp & 7));
  if (!(g->bmp_known[cp >> 3] & bit)) {
    g->bmp_known[cp >> 3] |= bit;
    if (lookup(g, cp))
      g->bmp_has[cp >> 3] |= bit;
  }
  return g->bmp_has[cp >> 3] & bit;
}
