/* The UI's own words — labels, hints, counts, date formats, the names of fields and provinces —
 * in a catalog keyed by language code ("zh", "en") and message key ("home.explore"), compiled in
 * (app/ui/strings.c). A language is a column of the catalog: adding one touches no screen.
 * Formats are printf's; where languages order their arguments differently they number them
 * ("%1$d年%2$s"), and every language's format of a key takes the same arguments. A key ending in
 * ".one" is the form of a count format for exactly one, where a language has one. */
#ifndef KIOSK_STRINGS_H
#define KIOSK_STRINGS_H

#include <stddef.h>

/* The text of `key` in `lang` (a BCP 47 tag, read from the column of its code, or of its language
 * in the same script: zh-CN reads zh), or NULL when that language (or the key) is not in the
 * catalog. */
const char *ks_strings_get(const char *lang, const char *key);
/* The catalog's languages: the code of the i-th, or NULL past the last. */
const char *ks_strings_lang(size_t i);
/* The keys of a language: the i-th, or NULL past the last (or for a language not there). */
const char *ks_strings_key(const char *lang, size_t i);

/* The text of `key` as a screen says it: in `lang`; where its column lacks the key (or the
 * catalog the language), in English; then in `default_lang` (the pack's); else the key itself. */
const char *ks_strings_say(const char *lang, const char *key, const char *default_lang);
/* The name of language `lang` in itself, for the language control: the catalog's lang.name, else
 * a built-in list of endonyms (한국어, 繁體中文, Français …), else the tag itself. */
const char *ks_strings_lang_name(const char *lang);

#endif
