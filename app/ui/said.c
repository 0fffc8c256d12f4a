/* What a page has said already: a lead that the story opens with, a city's fact that its story
 * tells again. Sentences are compared as a reader compares them, without spacing and
 * punctuation: Chinese by its pairs of neighbouring characters, English by its words (of four
 * letters or more, and numbers). A sentence is said when nearly all of its pairs and words are
 * in one sentence of the others, so "据统计，2020年…" and "2020年…" are the
 * same sentence, and so are a fact and the story's retelling of it. */
#include "ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/utf8.h"

#include <stdlib.h>
#include <string.h>

/* Said when this share of a sentence is in another. Below it, sentences of the
 * bundled pack share the usual words (长三角, 科技创新, innovation) but say something new. */
#define SAID_SHARE 0.75f
#define ALIKE_SHARE 0.7f

typedef struct {
  uint64_t *unit; /* pairs of ideographs and words, sorted */
  size_t n, cap;
} units;

static bool ideograph(uint32_t c) {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c > 0xffff;
}

static bool alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int cmp_unit(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static void add(units *u, uint64_t v) {
  ks_grow((void **)&u->unit, &u->cap, u->n, sizeof *u->unit);
  u->unit[u->n++] = v;
}

/* The units of `len` bytes at `s`, sorted: each pair of neighbouring ideographs, each word
 * (hashed, any case, above every pair). */
static units units_of(const char *s, size_t len) {
  units u = {0};
  uint32_t prev = 0; /* the ideograph before, or 0 */
  for (size_t i = 0; i < len;) {
    if (alnum(s[i])) {
      uint32_t h = 2166136261u;
      size_t from = i;
      bool digits = false;
      for (; i < len && alnum(s[i]); i++) {
        h = (h ^ (uint32_t)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i])) * 16777619u;
        digits |= s[i] >= '0' && s[i] <= '9';
      }
      if (digits || i - from >= 4) /* "the", "and", "of" say nothing */
        add(&u, (uint64_t)0xffffffffu << 32 | h);
      prev = 0;
      continue;
    }
    uint32_t c = 0;
    size_t k = ks_utf8_decode(s + i, len - i, &c);
    i += k ? k : 1;
    if (k && ideograph(c)) {
      if (prev)
        add(&u, (uint64_t)prev << 32 | c);
      prev = c;
    } else if (c != ' ')
      prev = 0;
  }
  if (u.n)
    qsort(u.unit, u.n, sizeof *u.unit, cmp_unit);
  return u;
}

/* Whether sentence `a` is said by `b`. One
 * of fewer than four units says too little to tell (a name, a number), and one three times as
 * long as the other is not its retelling: never. */
static bool said_by(const units *a, const units *b) {
  size_t least = a->n < b->n ? a->n : b->n, most = a->n < b->n ? b->n : a->n;
  if (least < 4 || most > 3 * least)
    return false;
  size_t i = 0, j = 0, shared = 0;
  while (i < a->n && j < b->n)
    if (a->unit[i] == b->unit[j])
      shared++, i++, j++;
    else if (a->unit[i] < b->unit[j])
      i++;
    else
      j++;
  /* Nearly all of it in `b`; or the two nearly alike overall, as a fact and a shorter
   * retelling of it are (not for the shortest, where a word more is news). */
  return (float)shared >= SAID_SHARE * (float)a->n ||
         (least >= 5 && 2.0f * (float)shared >= ALIKE_SHARE * (float)(a->n + b->n));
}

static size_t sentence_len(const char *s);

/* The length of the sentence at `s`: up to and with its closing mark (。！？； or . ! ? ; before
 * a space or the end) and the closing quotes and spaces after it, or a line break. */
static size_t sentence_len(const char *s) {
  size_t i = 0;
  while (s[i]) {
    uint32_t c = 0;
    size_t k = ks_utf8_decode(s + i, strlen(s + i), &c);
    i += k ? k : 1;
    bool end = c == 0x3002 || c == 0xff01 || c == 0xff1f || c == 0xff1b || c == '\n' ||
               ((c == '.' || c == '!' || c == '?' || c == ';') && (s[i] == ' ' || !s[i]));
    if (!end)
      continue;
    for (;;) { /* the quotes that close it and the spaces before the next */
      size_t q = ks_utf8_decode(s + i, strlen(s + i), &c);
      if (!q || (c != 0x201d && c != 0x300d && c != 0x300f && c != ' ' && c != '"'))
        break;
      i += q;
    }
    break;
  }
  return i;
}

char *ui_unsaid(const char *text, const char *const *others, size_t n_others) {
  units *known = NULL;
  size_t n_known = 0, cap = 0;
  for (size_t o = 0; o < n_others; o++)
    for (size_t i = 0, len = others[o] ? strlen(others[o]) : 0; i < len;) {
      size_t k = sentence_len(others[o] + i);
      ks_grow((void **)&known, &cap, n_known, sizeof *known);
      known[n_known++] = units_of(others[o] + i, k);
      i += k;
    }
  size_t len = text ? strlen(text) : 0, n = 0;
  char *out = ks_xmalloc(len + 4);
  for (size_t i = 0; i < len;) {
    size_t k = sentence_len(text + i);
    units mine = units_of(text + i, k);
    bool said = false;
    for (size_t s = 0; s < n_known && !said; s++)
      said = said_by(&mine, &known[s]);
    free(mine.unit);
    if (!said) {
      memcpy(out + n, text + i, k);
      n += k;
    }
    i += k;
  }
  while (n && (out[n - 1] == ' ' || out[n - 1] == '\n'))
    n--;
  /* A kept part that ended at "；" ends the text now: with a full stop. */
  if (n >= 3 && memcmp(out + n - 3, "\xef\xbc\x9b", 3) == 0)
    memcpy(out + n - 3, "\xe3\x80\x82", 3);
  else if (n && out[n - 1] == ';')
    out[n - 1] = '.';
  out[n] = '\0';
  for (size_t s = 0; s < n_known; s++)
    free(known[s].unit);
  free(known);
  return out;
}
