#include "kiosk/fontlist.h"

#include "kiosk/fileio.h"
#include "kiosk/lang.h"

#include <stdio.h>
#include <string.h>

int ks_fontlist_read(const char *fonts_dir, ks_fontlist_entry *out, char *err, size_t err_size) {
  char list[1024], why[256], line[512];
  snprintf(list, sizeof list, "%s/fonts.txt", fonts_dir);
  FILE *f = ks_file_fopen(list, 0, 1 << 20, why, sizeof why);
  if (!f) {
    snprintf(err, err_size,
             "cannot read %s: %s: the bundled fonts are missing (build the kiosk, or pass "
             "--fonts DIR)",
             list, why);
    return 0;
  }
  int n = 0, at = 0;
  bool ok = true;
  while (ok && fgets(line, sizeof line, f)) {
    at++;
    ks_fontlist_entry e = {0};
    int used = 0;
    if (line[0] == '#' || sscanf(line, "%255s %ld%n", e.file, &e.index, &used) != 2)
      continue;
    char tag[64];
    for (const char *p = line + used; ok && sscanf(p, "%63s%n", tag, &used) == 1; p += used) {
      if (tag[0] == '#')
        break;
      if (!ks_lang_tag_valid(tag) || e.n_langs == KS_FONTLIST_LANGS) {
        snprintf(err, err_size, "%s line %d: \"%s\" is %s", list, at, tag,
                 e.n_langs == KS_FONTLIST_LANGS ? "one language too many for a line"
                                                : "not a BCP 47 language tag");
        ok = false;
      } else {
        memcpy(e.langs[e.n_langs++], tag, strlen(tag) + 1); /* a valid tag has at most 35 */
      }
    }
    if (ok && n == KS_FONTLIST_MAX) {
      snprintf(err, err_size, "%s lists more than %d fonts", list, KS_FONTLIST_MAX);
      ok = false;
    } else if (ok) {
      out[n++] = e;
    }
  }
  fclose(f);
  if (ok && n == 0)
    snprintf(err, err_size, "%s names no font", list);
  return ok ? n : 0;
}

int ks_fontlist_pick(const ks_fontlist_entry *list, int n, const char *lang) {
  if (!lang)
    return 0;
  ks_script script = ks_lang_script(lang);
  char region[4];
  ks_lang_region(lang, region);
  int best = 0, best_rank = 0; /* 3: the tag, 2: script and region, 1: script alone */
  for (int i = 0; i < n; i++)
    for (int k = 0; k < list[i].n_langs; k++) {
      const char *t = list[i].langs[k];
      char r[4];
      ks_lang_region(t, r);
      int rank = ks_lang_same(t, lang)                                 ? 3
                 : ks_lang_script(t) != script                         ? 0
                 : region[0] && strcmp(r, region) == 0                 ? 2
                 : !r[0] && script != KS_SCRIPT_OTHER && best_rank < 2 ? 1
                                                                       : 0;
      if (rank > best_rank)
        best = i, best_rank = rank;
    }
  return best;
}
