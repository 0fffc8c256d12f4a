/* What a page has said already: a lead that the story opens with, a city's fact that its story
 * tells. Texts are compared as a reader compares them — letters, digits and ideographs, without
 * spacing and punctuation — and a sentence counts as said when nearly all of its neighbouring
 * character pairs are in the other text, so "据统计，2020年…" and "2020年…" are the same
 * sentence, and so are a fact and the story's shorter retelling of it. */
#include "ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/utf8.h"

#include <stdlib.h>
#include <string.h>

/* A sentence is said when this share of its character pairs is in the other text. Below it, the
 * stories of the bundled pack share the usual words (长三角, 科技创新) but say something new. */
#define SAID_SHARE 0.7f

typedef struct {
  uint64_t *pair; /* the neighbouring pairs of kept characters, sorted */
  size_t n, cap;
} pairs;

static bool kept(uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || c > 0xffff;
}

/* Adds the pairs of `len` bytes at `s` to `p` (unsorted). */
static void add_pairs(pairs *p, const char *s, size_t len) {
  uint32_t prev = 0;
  for (size_t i = 0; i < len;) {
    uint32_t c = 0;
    size_t k = ks_utf8_decode(s + i, len - i, &c);
    i += k ? k : 1;
    if (!k || !kept(c))
      continue;
    c = c >= 'A' && c <= 'Z' ? c + 32 : c;
    if (prev) {
      ks_grow((void **)&p->pair, &p->cap, p->n, sizeof *p->pair);
      p->pair[p->n++] = (uint64_t)prev << 32 | c;
    }
    prev = c;
  }
}

static int cmp_pair(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

/* Whether the sentence at `s` (`len` bytes) is said in `known` (sorted). A sentence of fewer
 * than four pairs says too little to tell (a name, a number): never counted as said. */
static bool said(const pairs *known, const char *s, size_t len) {
  pairs mine = {0};
  add_pairs(&mine, s, len);
  size_t in = 0;
  for (size_t i = 0; i < mine.n; i++)
    in += bsearch(&mine.pair[i], known->pair, known->n, sizeof *known->pair, cmp_pair) != NULL;
  bool is = mine.n >= 4 && (float)in >= SAID_SHARE * (float)mine.n;
  free(mine.pair);
  return is;
}

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
  pairs known = {0};
  for (size_t i = 0; i < n_others; i++)
    if (others[i])
      add_pairs(&known, others[i], strlen(others[i]));
  if (known.n)
    qsort(known.pair, known.n, sizeof *known.pair, cmp_pair);
  size_t len = text ? strlen(text) : 0, n = 0;
  char *out = ks_xmalloc(len + 4);
  for (size_t i = 0; i < len;) {
    size_t k = sentence_len(text + i);
    if (!said(&known, text + i, k)) {
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
  free(known.pair);
  return out;
}
