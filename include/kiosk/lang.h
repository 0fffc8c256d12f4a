/* Languages as BCP 47 tags ("zh", "en", "ja", "zh-Hant"): whether a tag is well formed, and the
 * script a language is written in, which is what the kiosk's choices hang on — the face a text is
 * drawn with, the Chinese and Japanese line rules, the length a text may have. No dependencies. */
#ifndef KIOSK_LANG_H
#define KIOSK_LANG_H

#include <stdbool.h>

/* The most languages one pack declares: a small fixed number keeps every text a flat array. */
enum { KS_LANG_MAX = 8 };

/* The scripts the kiosk tells apart. Every script that is not Chinese, Japanese or Korean is
 * KS_SCRIPT_OTHER: set with the default face, no CJK line rules. */
typedef enum {
  KS_SCRIPT_OTHER,
  KS_SCRIPT_HANS, /* Simplified Chinese */
  KS_SCRIPT_HANT, /* Traditional Chinese */
  KS_SCRIPT_JPAN, /* Japanese (Han, Hiragana, Katakana) */
  KS_SCRIPT_KORE, /* Korean (Hangul, Han) */
} ks_script;

/* True when `tag` is a well-formed BCP 47 language tag (RFC 5646 section 2.1, case-insensitive):
 * a 2-3 letter language (with up to three extlangs) or a 4-8 letter one, then an optional script
 * (4 letters), region (2 letters or 3 digits), variants, extensions and a private use part.
 * Grandfathered tags and a bare private use tag ("x-…") are refused: a pack names real
 * languages. Longer than 35 characters is refused too. */
bool ks_lang_tag_valid(const char *tag);
/* Tags compared as BCP 47 compares them: without regard to case. NULL equals nothing. */
bool ks_lang_same(const char *a, const char *b);
/* The script `tag` is written in: its script subtag when it has one (zh-Hant, ja-Latn), else the
 * one its language is written in by default — Chinese by region (zh-TW, zh-HK and zh-MO are
 * Traditional, other Chinese Simplified), ja Japanese, ko Korean. */
ks_script ks_lang_script(const char *tag);
/* True for a language written in Chinese characters (Chinese, Japanese, Korean): the CJK line
 * rules and lengths counted in characters apply. */
bool ks_lang_is_cjk(const char *tag);
/* The region subtag of `tag` ("HK" of "zh-Hant-HK") copied into `out` (upper case), or "" when it
 * has none. */
void ks_lang_region(const char *tag, char out[4]);

#endif
