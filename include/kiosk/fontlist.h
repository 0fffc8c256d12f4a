/* The list of the kiosk's fonts (`fonts.txt` in its fonts folder), read by the text module that
 * draws with them and by the glyph check that vets packs against them. A line is
 * "FILE FACE-INDEX [LANGUAGE…]": a font file in the folder, the face in it (a collection holds
 * several: Noto Sans CJK's 0 JP, 1 KR, 2 SC, 3 TC, 4 HK), and the BCP 47 tags of the languages
 * drawn with it. The first line is the default face: every language no line names. '#' starts a
 * comment line. */
#ifndef KIOSK_FONTLIST_H
#define KIOSK_FONTLIST_H

#include <stdbool.h>
#include <stddef.h>

enum { KS_FONTLIST_MAX = 8, KS_FONTLIST_LANGS = 6 };

typedef struct {
  char file[256]; /* its name in the fonts folder */
  long index;     /* the face in the file */
  char langs[KS_FONTLIST_LANGS][36];
  int n_langs;
} ks_fontlist_entry;

/* Reads `fonts_dir`/fonts.txt into `out` (at most KS_FONTLIST_MAX lines). Returns how many it
 * holds, or 0 with the reason in `err` (a missing or unreadable list, a line with a language
 * that is not a tag, too many lines, no line). */
int ks_fontlist_read(const char *fonts_dir, ks_fontlist_entry *out, char *err, size_t err_size);
/* The entry that draws `lang` (a BCP 47 tag; NULL: the default): a line naming the tag itself;
 * else one naming a language of the same script and region (zh-HK for zh-Hant-HK); else one of
 * the same script with no region (zh-Hant for zh-TW, ja for ja-JP); else the first. */
int ks_fontlist_pick(const ks_fontlist_entry *list, int n, const char *lang);

#endif
