/* The UI's own words — labels, hints, counts, date formats, the names of fields and provinces —
 * in a catalog keyed by language code ("zh", "en") and message key ("home.explore"), compiled in
 * (app/ui/strings.c). A language is a column of the catalog: adding one touches no screen.
 * Formats are printf's; where languages order their arguments differently they number them
 * ("%1$d年%2$s"), and every language's format of a key takes the same arguments. A key ending in
 * ".one" is the form of a count format for exactly one, where a language has one. */
#ifndef KIOSK_STRINGS_H
#define KIOSK_STRINGS_H

#include <stddef.h>

/* The text of `key` in `lang`, or NULL when that language (or the key) is not in the catalog. */
const char *ks_strings_get(const char *lang, const char *key);
/* The catalog's languages: the code of the i-th, or NULL past the last. */
const char *ks_strings_lang(size_t i);
/* The keys of a language: the i-th, or NULL past the last (or for a language not there). */
const char *ks_strings_key(const char *lang, size_t i);

#endif
