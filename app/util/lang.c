#include "kiosk/lang.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

/* One subtag: `s` of `n` characters. */
typedef struct {
  const char *s;
  size_t n;
} subtag;

static bool all(subtag t, int (*is)(int)) {
  for (size_t i = 0; i < t.n; i++)
    if (!is((unsigned char)t.s[i]))
      return false;
  return t.n > 0;
}

static bool alpha(subtag t, size_t lo, size_t hi) {
  return t.n >= lo && t.n <= hi && all(t, isalpha);
}
static bool alnum(subtag t, size_t lo, size_t hi) {
  return t.n >= lo && t.n <= hi && all(t, isalnum);
}
static bool digits(subtag t, size_t n) { return t.n == n && all(t, isdigit); }

/* Splits `tag` at '-' into at most `cap` subtags; returns how many, or 0 for an empty subtag, a
 * character outside [A-Za-z0-9-] or more than `cap`. */
static size_t split(const char *tag, subtag *out, size_t cap) {
  size_t n = 0;
  for (const char *p = tag;;) {
    size_t len = strcspn(p, "-");
    if (len == 0 || n == cap)
      return 0;
    out[n++] = (subtag){p, len};
    if (!p[len])
      return n;
    p += len + 1;
  }
}

enum { MAX_TAG = 35, MAX_SUBTAGS = 20 };

bool ks_lang_tag_valid(const char *tag) {
  if (!tag || strlen(tag) > MAX_TAG)
    return false;
  subtag t[MAX_SUBTAGS];
  size_t n = split(tag, t, MAX_SUBTAGS), i = 0;
  for (size_t k = 0; k < n; k++)
    if (!all(t[k], isalnum))
      return false;
  if (n == 0)
    return false;
  /* language: 2-3 letters with up to three 3-letter extlangs, or 4-8 letters */
  if (alpha(t[0], 2, 3)) {
    i = 1;
    for (int ext = 0; ext < 3 && i < n && alpha(t[i], 3, 3); ext++)
      i++;
  } else if (alpha(t[0], 4, 8)) {
    i = 1;
  } else {
    return false; /* a private use tag ("x-…") or something else: not a language */
  }
  if (i < n && alpha(t[i], 4, 4)) /* script */
    i++;
  if (i < n && (alpha(t[i], 2, 2) || digits(t[i], 3))) /* region */
    i++;
  /* variants: 5-8 alphanumerics, or a digit and three alphanumerics */
  while (i < n && (alnum(t[i], 5, 8) || (t[i].n == 4 && isdigit((unsigned char)t[i].s[0]))))
    i++;
  /* extensions: a singleton other than x, then one or more 2-8 alphanumerics */
  while (i < n && t[i].n == 1 && tolower((unsigned char)t[i].s[0]) != 'x') {
    i++;
    size_t first = i;
    while (i < n && alnum(t[i], 2, 8))
      i++;
    if (i == first)
      return false;
  }
  /* private use: x and one or more 1-8 alphanumerics */
  if (i < n && t[i].n == 1 && tolower((unsigned char)t[i].s[0]) == 'x') {
    i++;
    size_t first = i;
    while (i < n && alnum(t[i], 1, 8))
      i++;
    if (i == first)
      return false;
  }
  return i == n;
}

bool ks_lang_same(const char *a, const char *b) { return a && b && strcasecmp(a, b) == 0; }

/* The subtags after the language that are a script and a region, found by their shapes. */
static void parts(const char *tag, subtag *script, subtag *region) {
  *script = *region = (subtag){"", 0};
  subtag t[MAX_SUBTAGS];
  size_t n = tag ? split(tag, t, MAX_SUBTAGS) : 0;
  size_t i = 1;
  while (i < n && alpha(t[i], 3, 3)) /* extlangs */
    i++;
  if (i < n && alpha(t[i], 4, 4))
    *script = t[i++];
  if (i < n && (alpha(t[i], 2, 2) || digits(t[i], 3)))
    *region = t[i];
}

static bool is(subtag t, const char *s) {
  return t.n == strlen(s) && strncasecmp(t.s, s, t.n) == 0;
}

ks_script ks_lang_script(const char *tag) {
  if (!tag)
    return KS_SCRIPT_OTHER;
  subtag script, region;
  parts(tag, &script, &region);
  static const struct {
    const char *name;
    ks_script script;
  } scripts[] = {{"Hans", KS_SCRIPT_HANS}, {"Hant", KS_SCRIPT_HANT}, {"Jpan", KS_SCRIPT_JPAN},
                 {"Hira", KS_SCRIPT_JPAN}, {"Kana", KS_SCRIPT_JPAN}, {"Kore", KS_SCRIPT_KORE},
                 {"Hang", KS_SCRIPT_KORE}};
  if (script.n) {
    for (size_t i = 0; i < sizeof scripts / sizeof *scripts; i++)
      if (is(script, scripts[i].name))
        return scripts[i].script;
    return KS_SCRIPT_OTHER;
  }
  size_t lang = strcspn(tag, "-");
  subtag l = {tag, lang};
  /* Chinese and its varieties (Cantonese is written in Traditional characters). */
  if (is(l, "zh") || is(l, "cmn") || is(l, "wuu") || is(l, "yue") || is(l, "hak") || is(l, "nan"))
    return is(l, "yue") || is(region, "TW") || is(region, "HK") || is(region, "MO")
               ? KS_SCRIPT_HANT
               : KS_SCRIPT_HANS;
  if (is(l, "ja"))
    return KS_SCRIPT_JPAN;
  if (is(l, "ko"))
    return KS_SCRIPT_KORE;
  return KS_SCRIPT_OTHER;
}

bool ks_lang_is_cjk(const char *tag) { return ks_lang_script(tag) != KS_SCRIPT_OTHER; }

void ks_lang_region(const char *tag, char out[4]) {
  subtag script, region;
  parts(tag, &script, &region);
  size_t n = region.n < 3 ? region.n : 3;
  for (size_t i = 0; i < n; i++)
    out[i] = (char)toupper((unsigned char)region.s[i]);
  out[n] = '\0';
}
