#include "kiosk/font.h"

#include "kiosk/fileio.h"
#include "kiosk/fontlist.h"
#include "kiosk/lang.h"
#include "kiosk/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SIZES_H
#include <hb-ft.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Sizes open at once: each type size of each language's face. A screen uses a dozen sizes. */
enum { MAX_SIZES = 48 };

/* A face of a font file (its file and face index), opened once and drawn at every size: each
 * size is a FreeType size object of its own, activated when drawn with. Opening a face parses
 * the font's tables (~3 M instructions for a Noto CJK face); a size costs a few thousand. */
typedef struct {
  FT_StreamRec stream; /* how FreeType reads its file (read_font) */
  FT_Face ft;          /* NULL until first drawn */
  hb_font_t *hb;       /* HarfBuzz on `ft`: one face, so its tables and shape plans are shared */
  ks_face *active;     /* the size `ft` and `hb` are set to */
  bool failed;         /* could not be opened: its lines draw with the default face */
} file_face;

struct ks_face {
  file_face *file;
  FT_Size size;     /* this size's metrics and hinting, owned by `file->ft` */
  hb_buffer_t *buf; /* the fonts' one shaping buffer (borrowed) */
  int px;
  int font; /* its line of fonts.txt: which face of which file */
};

/* A font file, open for reading from its first use. It is read, not mapped: FreeType and
 * HarfBuzz keep what they look at often (tables, subroutines) and read a glyph's outline when
 * it is rasterised, once (the atlas keeps it). Mapped, every page of the 19 MB Noto CJK
 * collection a glyph was read from stayed in the kiosk's resident memory: 9.8 MB after a tour
 * of every screen. */
typedef struct {
  int fd; /* -1: not open */
  size_t size;
} font_file;

struct ks_fonts {
  FT_Library lib;
  char dir[1024];
  ks_fontlist_entry list[KS_FONTLIST_MAX];
  int n_list;
  font_file files_open[KS_FONTLIST_MAX]; /* per line: its file, shared with an earlier line of
                                            that file */
  file_face files[KS_FONTLIST_MAX]; /* per line; a line of the same file and index as an earlier
                                       line uses that line's (`same[]`) */
  int same[KS_FONTLIST_MAX];        /* the first line of each line's file and face index */
  ks_face faces[MAX_SIZES];
  int n_faces;
  hb_buffer_t *buf; /* reused for every shaping call */
  /* The last language asked for and its line: every text of a frame asks with the same tag
   * (the same pointer, the pack's), and matching a tag against the list is not free. */
  const char *last_lang;
  int last_font;
  int opened; /* FreeType faces opened (ks_fonts_faces_opened) */
};

/* Opens the file of line `i` (once; lines naming the same file share the descriptor). */
static bool open_font(ks_fonts *fonts, int i, char *err, size_t err_size) {
  if (fonts->files_open[i].fd >= 0)
    return true;
  for (int k = 0; k < i; k++)
    if (fonts->files_open[k].fd >= 0 && strcmp(fonts->list[k].file, fonts->list[i].file) == 0) {
      fonts->files_open[i] = fonts->files_open[k];
      return true;
    }
  char path[1300], why[256];
  snprintf(path, sizeof path, "%s/%s", fonts->dir, fonts->list[i].file);
  struct stat st;
  int fd = ks_file_open(path, 0, UINT32_MAX, &st, why, sizeof why);
  if (fd < 0 || st.st_size <= 0) {
    snprintf(err, err_size, "cannot open font %s: %s", path, fd < 0 ? why : "it is empty");
    if (fd >= 0)
      close(fd);
    return false;
  }
  fonts->files_open[i] = (font_file){fd, (size_t)st.st_size};
  return true;
}

/* FreeType's read of a font file: `count` bytes at `offset` (0 bytes: a seek, 0 when it is
 * within the file). */
static unsigned long read_font(FT_Stream stream, unsigned long offset, unsigned char *buffer,
                               unsigned long count) {
  if (count == 0)
    return offset <= stream->size ? 0 : 1;
  size_t done = 0;
  while (done < count) {
    ssize_t n =
        pread((int)stream->descriptor.value, buffer + done, count - done, (off_t)(offset + done));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    done += (size_t)n;
  }
  return (unsigned long)done;
}

ks_fonts *ks_fonts_open(const char *fonts_dir, char *err, size_t err_size) {
  ks_fonts *fonts = ks_xcalloc(1, sizeof *fonts);
  snprintf(fonts->dir, sizeof fonts->dir, "%s", fonts_dir);
  fonts->n_list = ks_fontlist_read(fonts_dir, fonts->list, err, err_size);
  if (fonts->n_list == 0) {
    free(fonts);
    return NULL;
  }
  for (int i = 0; i < fonts->n_list; i++) {
    fonts->files_open[i].fd = -1;
    fonts->same[i] = i;
    for (int k = 0; k < i && fonts->same[i] == i; k++)
      if (fonts->list[k].index == fonts->list[i].index &&
          strcmp(fonts->list[k].file, fonts->list[i].file) == 0)
        fonts->same[i] = k;
  }
  if (FT_Init_FreeType(&fonts->lib) != 0) {
    snprintf(err, err_size, "FreeType did not start");
    ks_fonts_close(fonts);
    return NULL;
  }
  fonts->buf = hb_buffer_create();
  /* Open the default face at one size now, so that a broken font is reported here, not on the
   * first screen. The other languages' faces open when a text in one is first drawn. */
  if (!open_font(fonts, 0, err, err_size)) {
    ks_fonts_close(fonts);
    return NULL;
  }
  if (!ks_fonts_face(fonts, 16)) {
    snprintf(err, err_size, "%s/%s (face %ld) is not a font FreeType can read", fonts_dir,
             fonts->list[0].file, fonts->list[0].index);
    ks_fonts_close(fonts);
    return NULL;
  }
  return fonts;
}

void ks_fonts_close(ks_fonts *fonts) {
  if (!fonts)
    return;
  for (int i = 0; i < fonts->n_list; i++) {
    hb_font_destroy(fonts->files[i].hb); /* releases its reference to the FT_Face */
    if (fonts->files[i].ft)
      FT_Done_Face(fonts->files[i].ft); /* and its sizes */
  }
  hb_buffer_destroy(fonts->buf);
  if (fonts->lib)
    FT_Done_FreeType(fonts->lib);
  for (int i = 0; i < fonts->n_list; i++) {
    bool shared = false;
    for (int k = 0; k < i && !shared; k++)
      shared = fonts->files_open[k].fd == fonts->files_open[i].fd;
    if (fonts->files_open[i].fd >= 0 && !shared)
      close(fonts->files_open[i].fd);
  }
  free(fonts);
}

/* Sets the face's file face (FreeType and HarfBuzz) to the face's size, if another was set:
 * HarfBuzz takes its scale from the active size and forgets the advances it kept. */
static void activate(ks_face *face) {
  file_face *ff = face->file;
  if (ff->active == face)
    return;
  FT_Activate_Size(face->size);
  hb_ft_font_changed(ff->hb);
  ff->active = face;
}

/* The file face of line `font`, opened on first use; NULL if it cannot be (remembered). */
static file_face *open_file_face(ks_fonts *fonts, int font) {
  file_face *ff = &fonts->files[fonts->same[font]];
  if (ff->ft || ff->failed)
    return ff->ft ? ff : NULL;
  char err[1600];
  if (!open_font(fonts, font, err, sizeof err)) {
    ff->failed = true;
    return NULL;
  }
  ff->stream = (FT_StreamRec){.size = (unsigned long)fonts->files_open[font].size,
                              .descriptor.value = fonts->files_open[font].fd,
                              .read = read_font};
  FT_Open_Args args = {.flags = FT_OPEN_STREAM, .stream = &ff->stream};
  if (FT_Open_Face(fonts->lib, &args, fonts->list[font].index, &ff->ft) != 0) {
    ff->ft = NULL;
    ff->failed = true;
    return NULL;
  }
  fonts->opened++;
  return ff;
}

ks_face *ks_fonts_face_for(ks_fonts *fonts, int px, const char *lang) {
  int font = 0;
  if (lang && lang == fonts->last_lang) {
    font = fonts->last_font;
  } else if (lang) {
    font = ks_fontlist_pick(fonts->list, fonts->n_list, lang);
    fonts->last_lang = lang, fonts->last_font = font;
  }
  for (int i = 0; i < fonts->n_faces; i++)
    if (fonts->faces[i].px == px && fonts->faces[i].font == font)
      return &fonts->faces[i];
  if (fonts->n_faces == MAX_SIZES || px < 4 || px > 512)
    return NULL;
  file_face *ff = open_file_face(fonts, font);
  if (!ff) /* a language's face that cannot be read: its text is drawn with the default face */
    return font == 0 ? NULL : ks_fonts_face_for(fonts, px, NULL);
  ks_face *face = &fonts->faces[fonts->n_faces];
  if (FT_New_Size(ff->ft, &face->size) != 0)
    return NULL;
  FT_Activate_Size(face->size);
  if (FT_Set_Pixel_Sizes(ff->ft, 0, (FT_UInt)px) != 0) {
    FT_Done_Size(face->size);
    if (ff->active) /* the size that was active before */
      FT_Activate_Size(ff->active->size);
    return NULL;
  }
  face->file = ff;
  face->buf = fonts->buf;
  face->px = px;
  face->font = font;
  fonts->n_faces++;
  if (!ff->hb) {
    /* Its scale is the active size's; HarfBuzz takes a reference to the FT_Face of its own. */
    ff->hb = hb_ft_font_create_referenced(ff->ft);
    ff->active = face;
  } else {
    ff->active = NULL;
    activate(face);
  }
  return face;
}

ks_face *ks_fonts_face(ks_fonts *fonts, int px) { return ks_fonts_face_for(fonts, px, NULL); }

int ks_face_font(const ks_face *face) { return face ? face->font : 0; }

int ks_fonts_faces_opened(const ks_fonts *fonts) { return fonts->opened; }

static size_t shape(ks_face *face, const char *text, size_t len, const hb_feature_t *features,
                    unsigned n_features, ks_glyph_pos *out, size_t cap) {
  if (!face)
    return 0;
  activate(face);
  hb_buffer_t *buf = face->buf;
  hb_buffer_reset(buf);
  hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
  hb_buffer_guess_segment_properties(buf);
  hb_shape(face->file->hb, buf, features, n_features);
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
  /* A language not written in Chinese characters sets its punctuation proportionally. */
  bool latin = lang && !ks_lang_is_cjk(lang);
  return shape(face, text, len, latin ? &pwid : NULL, latin ? 1 : 0, out, cap);
}

int ks_face_measure(ks_face *face, const char *text, size_t len) {
  if (!face)
    return 0;
  activate(face);
  hb_buffer_t *buf = face->buf;
  hb_buffer_reset(buf);
  hb_buffer_add_utf8(buf, text, (int)len, 0, (int)len);
  hb_buffer_guess_segment_properties(buf);
  hb_shape(face->file->hb, buf, NULL, 0);
  unsigned n;
  hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, &n);
  int64_t w = 0;
  for (unsigned i = 0; i < n; i++)
    w += pos[i].x_advance;
  return (int)((w + 63) / 64);
}

int ks_face_px(const ks_face *face) { return face ? face->px : 0; }

int ks_face_ascent(const ks_face *face) {
  return face ? (int)((face->size->metrics.ascender + 63) / 64) : 0;
}

int ks_face_descent(const ks_face *face) {
  return face ? (int)((-face->size->metrics.descender + 63) / 64) : 0;
}

int ks_face_line_height(const ks_face *face) {
  return face ? (int)((face->size->metrics.height + 63) / 64) : 0;
}

bool ks_face_rasterise(ks_face *face, uint32_t glyph, ks_glyph_bitmap *out) {
  activate(face);
  FT_Face ft = face->file->ft;
  if (FT_Load_Glyph(ft, glyph, FT_LOAD_DEFAULT) != 0 ||
      FT_Render_Glyph(ft->glyph, FT_RENDER_MODE_NORMAL) != 0)
    return false;
  FT_GlyphSlot slot = ft->glyph;
  *out = (ks_glyph_bitmap){.pixels = slot->bitmap.buffer,
                           .width = (int)slot->bitmap.width,
                           .height = (int)slot->bitmap.rows,
                           .pitch = slot->bitmap.pitch,
                           .left = slot->bitmap_left,
                           .top = slot->bitmap_top};
  return true;
}
