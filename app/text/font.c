#include "kiosk/font.h"

#include "kiosk/fileio.h"

#include "kiosk/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_SIZES = 16 };

struct ks_face {
  FT_Face ft;
  hb_font_t *hb;
  hb_buffer_t *buf; /* reused for every shaping call */
  int px;
};

struct ks_fonts {
  FT_Library lib;
  const unsigned char *map; /* the font file, mapped read-only */
  size_t map_size;
  long index; /* face index in a collection */
  ks_face faces[MAX_SIZES];
  int n_faces;
};

ks_fonts *ks_fonts_open(const char *fonts_dir, char *err, size_t err_size) {
  char list[1024], line[512], name[256], path[1280];
  long index = 0;
  snprintf(list, sizeof list, "%s/fonts.txt", fonts_dir);
  char why[256];
  FILE *f = ks_file_fopen(list, 0, 1 << 20, why, sizeof why);
  if (!f) {
    snprintf(err, err_size, "cannot read %s: %s", list, why);
    return NULL;
  }
  bool found = false;
  while (!found && fgets(line, sizeof line, f))
    found = line[0] != '#' && sscanf(line, "%255s %ld", name, &index) == 2;
  fclose(f);
  if (!found) {
    snprintf(err, err_size, "%s names no font", list);
    return NULL;
  }
  snprintf(path, sizeof path, "%s/%s", fonts_dir, name);
  struct stat st;
  int fd = ks_file_open(path, 0, UINT32_MAX, &st, why, sizeof why);
  if (fd < 0 || st.st_size <= 0) {
    snprintf(err, err_size, "cannot open font %s: %s", path, fd < 0 ? why : "it is empty");
    if (fd >= 0)
      close(fd);
    return NULL;
  }
  void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (map == MAP_FAILED) {
    snprintf(err, err_size, "cannot map font %s: %s", path, strerror(errno));
    return NULL;
  }
  ks_fonts *fonts = ks_xcalloc(1, sizeof *fonts);
  fonts->map = map;
  fonts->map_size = (size_t)st.st_size;
  fonts->index = index;
  if (FT_Init_FreeType(&fonts->lib) != 0) {
    snprintf(err, err_size, "FreeType did not start");
    ks_fonts_close(fonts);
    return NULL;
  }
  /* Open one size now so that a broken font is reported here, not on the first screen. */
  if (!ks_fonts_face(fonts, 16)) {
    snprintf(err, err_size, "%s (face %ld) is not a font FreeType can read", path, index);
    ks_fonts_close(fonts);
    return NULL;
  }
  return fonts;
}

void ks_fonts_close(ks_fonts *fonts) {
  if (!fonts)
    return;
  for (int i = 0; i < fonts->n_faces; i++) {
    hb_buffer_destroy(fonts->faces[i].buf);
    hb_font_destroy(fonts->faces[i].hb); /* releases its reference to the FT_Face */
    FT_Done_Face(fonts->faces[i].ft);
  }
  if (fonts->lib)
    FT_Done_FreeType(fonts->lib);
  munmap((void *)fonts->map, fonts->map_size);
  free(fonts);
}

ks_face *ks_fonts_face(ks_fonts *fonts, int px) {
  for (int i = 0; i < fonts->n_faces; i++)
    if (fonts->faces[i].px == px)
      return &fonts->faces[i];
  if (fonts->n_faces == MAX_SIZES || px < 4 || px > 512)
    return NULL;
  ks_face *face = &fonts->faces[fonts->n_faces];
  if (FT_New_Memory_Face(fonts->lib, fonts->map, (FT_Long)fonts->map_size, fonts->index,
                         &face->ft) != 0)
    return NULL;
  if (FT_Set_Pixel_Sizes(face->ft, 0, (FT_UInt)px) != 0) {
    FT_Done_Face(face->ft);
    return NULL;
  }
  /* HarfBuzz takes a reference of its own; FT_Done_Face in close drops ours. */
  FT_Reference_Face(face->ft);
  face->hb = hb_ft_font_create_referenced(face->ft);
  face->buf = hb_buffer_create();
  face->px = px;
  fonts->n_faces++;
  return face;
}

static size_t shape(ks_face *face, const char *text, size_t len, const hb_feature_t *features,
                    unsigned n_features, ks_glyph_pos *out, size_t cap) {
  if (!face)
    return 0;
  hb_buffer_t *buf = face->buf;
  hb_buffer_reset(buf);
  hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
  hb_buffer_guess_segment_properties(buf);
  hb_shape(face->hb, buf, features, n_features);
  unsigned n;
  hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
  hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
  for (unsigned i = 0; i < n && i < cap; i++)
    out[i] = (ks_glyph_pos){.glyph = info[i].codepoint,
                            .cluster = info[i].cluster,
                            .x_advance = pos[i].x_advance,
                            .x_offset = pos[i].x_offset,
                            .y_offset = pos[i].y_offset};
  return n;
}

size_t ks_face_shape(ks_face *face, const char *text, size_t len, ks_glyph_pos *out, size_t cap) {
  return shape(face, text, len, NULL, 0, out, cap);
}

size_t ks_face_shape_lang(ks_face *face, const char *text, size_t len, const char *lang,
                          ks_glyph_pos *out, size_t cap) {
  static const hb_feature_t pwid = {HB_TAG('p', 'w', 'i', 'd'), 1, 0, (unsigned)-1};
  bool en = lang && strcmp(lang, "en") == 0;
  return shape(face, text, len, en ? &pwid : NULL, en ? 1 : 0, out, cap);
}

int ks_face_measure(ks_face *face, const char *text, size_t len) {
  if (!face)
    return 0;
  hb_buffer_t *buf = face->buf;
  hb_buffer_reset(buf);
  hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
  hb_buffer_guess_segment_properties(buf);
  hb_shape(face->hb, buf, NULL, 0);
  unsigned n;
  hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
  int64_t w = 0;
  for (unsigned i = 0; i < n; i++)
    w += pos[i].x_advance;
  return (int)((w + 63) / 64);
}

int ks_face_px(const ks_face *face) { return face ? face->px : 0; }

int ks_face_ascent(const ks_face *face) {
  return face ? (int)((face->ft->size->metrics.ascender + 63) / 64) : 0;
}

int ks_face_descent(const ks_face *face) {
  return face ? (int)((-face->ft->size->metrics.descender + 63) / 64) : 0;
}

int ks_face_line_height(const ks_face *face) {
  return face ? (int)((face->ft->size->metrics.height + 63) / 64) : 0;
}

bool ks_face_rasterise(ks_face *face, uint32_t glyph, ks_glyph_bitmap *out) {
  if (FT_Load_Glyph(face->ft, glyph, FT_LOAD_DEFAULT) != 0 ||
      FT_Render_Glyph(face->ft->glyph, FT_RENDER_MODE_NORMAL) != 0)
    return false;
  FT_GlyphSlot slot = face->ft->glyph;
  *out = (ks_glyph_bitmap){.pixels = slot->bitmap.buffer,
                           .width = (int)slot->bitmap.width,
                           .height = (int)slot->bitmap.rows,
                           .pitch = slot->bitmap.pitch,
                           .left = slot->bitmap_left,
                           .top = slot->bitmap_top};
  return true;
}
