#include "editorial.h"

#include "kiosk/mem.h"
#include "kiosk/utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum {
  MIN_QUOTATION = 10, /* characters: shorter “…” are names and terms (“含山大米”), not speech */
  NEAR_PAREN = 4, /* characters between a relative word and the parenthesis that dates it */
};

#define OPEN_QUOTE "\xe2\x80\x9c"  /* “ */
#define CLOSE_QUOTE "\xe2\x80\x9d" /* ” */
#define OPEN_PAREN "\xef\xbc\x88"  /* （ */
#define CLOSE_PAREN "\xef\xbc\x89" /* ） */

typedef struct {
  const ks_content *c;
  char *const *folded; /* per source: its folded article, or NULL */
  ks_diag *diag;
  /* The rules here are Chinese and English ones (their relative words, the glossary's terms
   * and English forms): the slots of zh and en, or -1 where the pack has not that language. */
  ks_lang zh, en;
} ectx;

static void report(ectx *x, ks_severity sev, const ks_exhibit *e, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void report(ectx *x, ks_severity sev, const ks_exhibit *e, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ks_validate_vreport(x->diag, x->c, sev, e, line, fmt, ap);
  va_end(ap);
}

void ks_validate_vreport(ks_diag *diag, const ks_content *c, ks_severity sev, const ks_exhibit *e,
                         int line, const char *fmt, va_list ap) {
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
  ks_diag_add(diag, sev, ks_validate_exhibit_loc(c, e, line), "%s", msg);
}

ks_loc ks_validate_exhibit_loc(const ks_content *c, const ks_exhibit *e, int line) {
  return e->file ? (ks_loc){.file = e->file, .line = line ? line : e->lines.id}
                 : (ks_loc){.file = c->origin, .exhibit = e->id ? e->id : "(no id)"};
}

/* ---- the texts of an exhibit ------------------------------------------------------------ */

/* One text an exhibit shows, named for findings. */
typedef struct {
  const char *what;
  ks_text t;
} named_text;

typedef struct {
  named_text *items;
  size_t n, cap;
} text_list;

/* The text of `t` in slot `l`, or NULL where the pack has not that language (-1). */
static const char *in_lang(const ks_text *t, ks_lang l) {
  return l >= 0 && l < KS_LANG_MAX ? t->s[l] : NULL;
}

static void add_text(text_list *l, const char *what, ks_text t, int fallback_line) {
  bool any = false;
  for (int k = 0; k < KS_LANG_MAX; k++)
    any |= t.s[k] != NULL;
  if (!any)
    return;
  if (!t.line)
    t.line = fallback_line;
  ks_grow((void **)&l->items, &l->cap, l->n, sizeof *l->items);
  l->items[l->n++] = (named_text){what, t};
}

/* Every text of `e` a visitor can read, in both languages (not quotes and notes: those are the
 * article's words and the curator's working). Free `items` after use. */
static text_list exhibit_texts(const ks_exhibit *e) {
  text_list l = {0};
  int at = e->lines.id;
  add_text(&l, "title", e->title, at);
  add_text(&l, "summary", e->summary, at);
  ks_text body = e->body;
  body.line = e->lines.body;
  add_text(&l, "body", body, at);
  add_text(&l, "place", e->place, at);
  add_text(&l, "role", e->role, at);
  for (size_t i = 0; i < e->n_organisations; i++)
    add_text(&l, "organisation", e->organisations[i], at);
  for (size_t i = 0; i < e->n_figures; i++) {
    add_text(&l, "figure unit", e->figures[i].unit, e->figures[i].line);
    add_text(&l, "figure label", e->figures[i].label, e->figures[i].line);
  }
  for (size_t i = 0; i < e->n_facts; i++)
    add_text(&l, "fact", e->facts[i], at);
  for (size_t i = 0; i < e->n_images; i++)
    add_text(&l, "image caption", e->images[i].caption, e->images[i].line);
  return l;
}

/* ---- small text helpers ----------------------------------------------------------------- */

static bool is_han(uint32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
         (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
}

/* The first run of Han characters in `s` and its length in bytes, or NULL. */
static const char *han_run(const char *s, size_t *len) {
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = ks_utf8_decode(s + i, n - i, &cp);
    if (!k)
      return NULL;
    if (is_han(cp)) {
      size_t j = i;
      while (j < n && (k = ks_utf8_decode(s + j, n - j, &cp)) && is_han(cp))
        j += k;
      *len = j - i;
      return s + i;
    }
    i += k;
  }
  return NULL;
}

/* strstr with ASCII letters compared without case ("Enclave" finds "enclave"). */
static const char *find_nocase(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (const char *p = hay; *p; p++) {
    size_t k = 0;
    while (k < n && p[k] && tolower((unsigned char)p[k]) == tolower((unsigned char)needle[k]))
      k++;
    if (k == n)
      return p;
  }
  return NULL;
}

static size_t count_chars(const char *s, size_t n) {
  size_t chars = 0;
  for (size_t i = 0; i < n; i++)
    chars += ((unsigned char)s[i] & 0xc0) != 0x80;
  return chars;
}

/* The first `max_chars` characters of s[0..n) for a message, with … when cut. */
static void excerpt(char *out, size_t size, const char *s, size_t n, size_t max_chars) {
  size_t i = 0, chars = 0;
  while (i < n && chars < max_chars) {
    i++;
    while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
      i++;
    chars++;
  }
  snprintf(out, size, "%.*s%s", (int)i, s, i < n ? "…" : "");
}

static bool has_year_digits(const char *s, size_t n) {
  for (size_t i = 0; i + 4 <= n; i++)
    if (isdigit((unsigned char)s[i]) && isdigit((unsigned char)s[i + 1]) &&
        isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]))
      return true;
  return false;
}

/* ---- sources ---------------------------------------------------------------------------- */

static void check_source_titles(ectx *x) {
  const ks_content *c = x->c;
  char where[1024];
  snprintf(where, sizeof where, c->meta.file ? "%s/sources.yaml" : "%s", c->origin);
  for (size_t i = 0; i < c->n_sources; i++) {
    const ks_source *s = &c->sources[i];
    ks_loc loc = {.file = where, .line = s->line};
    size_t len;
    const char *han;
    /* Every language but the default one is offered a translated title; the article's own is
     * shown where there is none. */
    ks_lang d = ks_content_default_lang(c);
    for (ks_lang l = 0; l < c->meta.n_languages && l < KS_LANG_MAX; l++) {
      const char *tag = c->meta.languages[l], *title = s->title_tr.s[l];
      if (l == d)
        continue;
      if (!title)
        ks_diag_add(x->diag, KS_WARNING, loc,
                    "source %s has no title in %s (title_%s:); the kiosk will show the article's "
                    "own",
                    s->id ? s->id : "", tag, tag);
      else if (!ks_lang_is_cjk(tag) && (han = han_run(title, &len)))
        ks_diag_add(x->diag, KS_WARNING, loc,
                    "the %s title of source %s has Chinese characters (\"%.*s\")", tag,
                    s->id ? s->id : "", (int)len, han);
    }
  }
}

/* ---- glossary --------------------------------------------------------------------------- */

static void check_glossary_entries(ectx *x) {
  const ks_content *c = x->c;
  for (size_t i = 0; i < c->n_glossary; i++) {
    const ks_term *t = &c->glossary[i];
    ks_loc loc = {.file = c->glossary_file, .line = t->line};
    if (!t->zh || !*t->zh || !t->en || !*t->en) {
      ks_diag_add(x->diag, KS_ERROR, loc, "a glossary entry needs both zh: and en:");
      continue;
    }
    for (size_t k = 0; k < i; k++)
      if (c->glossary[k].zh && strcmp(c->glossary[k].zh, t->zh) == 0)
        ks_diag_add(x->diag, KS_ERROR, loc,
                    "the glossary names %s twice (also line %d); a term has one English form",
                    t->zh, c->glossary[k].line);
  }
}

/* Whether `s` uses the term itself, not only inside one of its exceptions (科技部 in 科技部门). */
static bool uses_term(const char *s, const ks_term *t) {
  size_t tl = strlen(t->zh);
  for (const char *p = strstr(s, t->zh); p; p = strstr(p + tl, t->zh)) {
    bool excepted = false;
    for (size_t k = 0; k < t->n_except && !excepted; k++) {
      const char *ex = t->except[k];
      for (const char *at = strstr(ex, t->zh); at && !excepted; at = strstr(at + 1, t->zh)) {
        size_t before = (size_t)(at - ex);
        excepted = (size_t)(p - s) >= before && strncmp(p - before, ex, strlen(ex)) == 0;
      }
    }
    if (!excepted)
      return true;
  }
  return false;
}

/* An exhibit whose Chinese uses a glossary term says it in English with the glossary's form. */
static void check_glossary(ectx *x, const ks_exhibit *e, const text_list *l) {
  bool any_en = false;
  for (size_t i = 0; i < l->n; i++)
    any_en |= in_lang(&l->items[i].t, x->en) != NULL;
  if (!any_en) /* no English at all: reported as such, nothing to compare */
    return;
  for (size_t g = 0; g < x->c->n_glossary; g++) {
    const ks_term *t = &x->c->glossary[g];
    if (!t->zh || !*t->zh || !t->en || !*t->en)
      continue;
    const named_text *uses = NULL;
    bool said = false;
    for (size_t i = 0; i < l->n; i++) {
      const ks_text *tx = &l->items[i].t;
      if (!uses && in_lang(tx, x->zh) && uses_term(in_lang(tx, x->zh), t))
        uses = &l->items[i];
      if (in_lang(tx, x->en) && find_nocase(in_lang(tx, x->en), t->en))
        said = true;
    }
    if (uses && !said)
      report(x, KS_ERROR, e, uses->t.line,
             "the %s (zh) says %s, but no English text of the exhibit says \"%s\" (%s:%d); use "
             "the glossary's English form",
             uses->what, t->zh, t->en, x->c->glossary_file, t->line);
  }
}

/* ---- Chinese left in English ------------------------------------------------------------ */

static void check_english_has_no_han(ectx *x, const ks_exhibit *e, const text_list *l) {
  for (size_t i = 0; i < l->n; i++) {
    const char *en = in_lang(&l->items[i].t, x->en);
    size_t len;
    const char *han = en ? han_run(en, &len) : NULL;
    if (han)
      report(x, KS_WARNING, e, l->items[i].t.line,
             "the %s (en) has Chinese characters (\"%.*s\"), which English mode shows as they "
             "are; write them in English",
             l->items[i].what, (int)len, han);
  }
}

/* ---- dates ------------------------------------------------------------------------------ */

/* Whether a quote or a citation note of `e` names `year`, so that the year is the article's. */
static bool year_in_citations(const ks_exhibit *e, int year) {
  char y[16];
  snprintf(y, sizeof y, "%d", year);
  for (size_t i = 0; i < e->n_citations; i++) {
    const ks_citation *ci = &e->citations[i];
    if ((ci->quote && strstr(ci->quote, y)) || (ci->note && strstr(ci->note, y)))
      return true;
  }
  return false;
}

static void check_dates(ectx *x, const ks_exhibit *e) {
  int year = e->kind == KS_KIND_ACHIEVEMENT        ? e->year
             : e->kind == KS_KIND_EVENT && e->date ? atoi(e->date)
                                                   : 0;
  if (year < 1900 || year > 2100) /* absent or out of range: reported elsewhere */
    return;
  int line = e->kind == KS_KIND_ACHIEVEMENT ? e->lines.year : e->lines.date;
  bool noted = e->date_note && *e->date_note;
  if (!noted && !year_in_citations(e, year))
    report(x, KS_ERROR, e, line,
           "%d is in none of the quotes: say in date_note how it was worked out (今年 and the "
           "article's date)%s",
           year,
           e->kind == KS_KIND_ACHIEVEMENT
               ? ", or, when the article does not date the result, write date_basis: reported"
               : "");
  if (e->kind != KS_KIND_ACHIEVEMENT || e->date_basis != KS_DATE_BASIS_REPORTED)
    return;
  /* A reported year is the year an article appeared: one of the exhibit's own. */
  char years[256] = "";
  size_t w = 0;
  for (size_t i = 0; i < e->n_citations; i++) {
    const ks_source *s =
        e->citations[i].source ? ks_content_find_source(x->c, e->citations[i].source) : NULL;
    if (!s || !s->published)
      continue;
    if (atoi(s->published) == year)
      return;
    if (w < sizeof years - 32)
      w += (size_t)snprintf(years + w, sizeof years - w, "%s%s %.4s", w ? ", " : "", s->id,
                            s->published);
  }
  report(x, KS_ERROR, e, e->lines.date_basis ? e->lines.date_basis : line,
         "date_basis is reported, but %d is not the year any of its sources was published "
         "(%s); a reported year is the article's",
         year, w ? years : "none is dated");
}

/* ---- quotations and relative time words ------------------------------------------------- */

/* A quotation “…” in a Chinese text must be the article's words: a date worked out is written
 * beside it, never into it. */
static void check_quotation(ectx *x, const ks_exhibit *e, const named_text *nt, const char *q,
                            size_t n) {
  if (count_chars(q, n) < MIN_QUOTATION)
    return;
  char *inner = ks_xmalloc(n + 1);
  memcpy(inner, q, n);
  inner[n] = '\0';
  char *folded = ks_quote_fold(inner, NULL, 0);
  bool read = false, found = false;
  for (size_t i = 0; i < e->n_citations && !found; i++) {
    const ks_source *s =
        e->citations[i].source ? ks_content_find_source(x->c, e->citations[i].source) : NULL;
    const char *article = s ? x->folded[s - x->c->sources] : NULL;
    if (article) {
      read = true;
      found = strstr(article, folded) != NULL;
    }
  }
  if (read && !found) {
    char ex[128];
    excerpt(ex, sizeof ex, q, n, 16);
    report(x, KS_ERROR, e, nt->t.line,
           "the quotation “%s” in the %s (zh) is not in the articles the exhibit cites; quote "
           "verbatim and explain a word (今年) beside the quotation, not inside it",
           ex, nt->what);
  }
  free(folded);
  free(inner);
}

/* The relative time word at `p`, or 0: its length in bytes. */
static size_t relative_word(const char *text, const char *p) {
  static const char *const words[] = {"今年", "去年",   "明年",   "前年",     "目前", "如今",
                                      "当前", "近日",   "日前",   "近期",     "最近", "现在",
                                      "近年", "半年来", "一年来", "年初以来", NULL};
  /* 体现在, 表现在, 实现在 hold 现在 but mean "shows in", not "now". */
  if (strncmp(p, "现在", 6) == 0 && p - text >= 3 &&
      (strncmp(p - 3, "体", 3) == 0 || strncmp(p - 3, "表", 3) == 0 ||
       strncmp(p - 3, "实", 3) == 0))
    return 0;
  for (const char *const *w = words; *w; w++)
    if (strncmp(p, *w, strlen(*w)) == 0)
      return strlen(*w);
  /* 近3年, 近三年, 近五年 */
  if (strncmp(p, "近", 3) == 0) {
    const char *q = p + 3;
    while (isdigit((unsigned char)*q))
      q++;
    if (q == p + 3)
      for (const char *const *d = (const char *const[]){"一", "二", "两", "三", "四", "五", "六",
                                                        "七", "八", "九", "十", NULL};
           *d; d++)
        if (strncmp(q, *d, 3) == 0) {
          q += 3;
          break;
        }
    if (q > p + 3 && strncmp(q, "年", 3) == 0)
      return (size_t)(q + 3 - p);
  }
  return 0;
}

/* Whether a relative word at [w, w + wl) is dated: a parenthesis after it in its paragraph holds
 * a year and either follows the word closely (outside a quotation) or names the word. */
static bool relative_word_dated(const char *w, size_t wl, const char *para_end, bool quoted) {
  for (const char *p = w + wl; p < para_end;) {
    const char *open = strstr(p, OPEN_PAREN);
    if (!open || open >= para_end)
      return false;
    const char *close = strstr(open, CLOSE_PAREN);
    if (!close || close >= para_end)
      return false;
    const char *in = open + 3;
    size_t inl = (size_t)(close - in);
    bool near = !quoted && count_chars(w + wl, (size_t)(open - (w + wl))) <= NEAR_PAREN;
    bool names = false;
    for (size_t i = 0; i + wl <= inl && !names; i++)
      names = memcmp(in + i, w, wl) == 0;
    if (has_year_digits(in, inl) && (near || names))
      return true;
    p = close + 3;
  }
  return false;
}

/* Quotations and relative time words of one Chinese text. */
static void check_chinese_text(ectx *x, const ks_exhibit *e, const named_text *nt) {
  const char *s = in_lang(&nt->t, x->zh);
  if (!s)
    return;
  const char *quote_start = NULL, *para_end = strchr(s, '\n');
  if (!para_end)
    para_end = s + strlen(s);
  bool reported_word = false;
  for (const char *p = s; *p;) {
    if (*p == '\n') {
      quote_start = NULL; /* a quotation does not run over a paragraph */
      const char *next = strchr(p + 1, '\n');
      para_end = next ? next : p + 1 + strlen(p + 1);
      p++;
      continue;
    }
    if (strncmp(p, OPEN_QUOTE, 3) == 0) {
      quote_start = p + 3;
      p += 3;
      continue;
    }
    if (quote_start && strncmp(p, CLOSE_QUOTE, 3) == 0) {
      check_quotation(x, e, nt, quote_start, (size_t)(p - quote_start));
      quote_start = NULL;
      p += 3;
      continue;
    }
    if (strncmp(p, OPEN_PAREN, 3) == 0) {
      /* A bracket with a year is the curator's dating (今年（2022年）, （现在即2019年）): its own
       * words are the explanation, not more words to explain. */
      const char *close = strstr(p, CLOSE_PAREN);
      if (close && close < para_end && has_year_digits(p + 3, (size_t)(close - (p + 3)))) {
        p = close + 3;
        continue;
      }
    }
    size_t wl = relative_word(s, p);
    if (wl && !reported_word && !relative_word_dated(p, wl, para_end, quote_start != NULL)) {
      report(x, KS_ERROR, e, nt->t.line, "the %s (zh) says %.*s without the date it refers to: %s",
             nt->what, (int)wl, p,
             quote_start ? "the quotation keeps it; explain it beside the quotation, e.g. "
                           "（今年即2022年）"
                         : "write the date (2022年, 截至2022年11月) or add it in brackets, e.g. "
                           "今年（2022年）");
      reported_word = true; /* one finding per text is enough to send the curator there */
    }
    p += wl ? wl : 1;
  }
}

/* English words that mean "when the article was written". */
static void check_english_relative(ectx *x, const ks_exhibit *e, const named_text *nt) {
  static const char *const phrases[] = {"this year", "last year", "currently", "at present",
                                        "recently",  "nowadays",  "so far",    NULL};
  const char *s = in_lang(&nt->t, x->en);
  for (const char *const *ph = phrases; s && *ph; ph++) {
    const char *at = find_nocase(s, *ph);
    if (at && (at == s || !isalpha((unsigned char)at[-1]))) {
      report(x, KS_WARNING, e, nt->t.line,
             "the %s (en) says \"%s\", which means the article's time, not the visitor's; write "
             "the date",
             nt->what, *ph);
      return;
    }
  }
}

/* ---- each fact said once ---------------------------------------------------------------- */

/* A city or event page shows its subtitle (role), lead (summary), body and facts one under the
 * other; a visitor who reads the same fact in three of them stops reading. The exact sentence
 * said twice is caught by the UI's tests; here are two cheap proxies for the same fact said again
 * in other words: a run of the same content words (Han characters; English words that are not
 * function words), and the same number with its unit ("30个", "2016年", "22 projects") in a fact
 * and in the lead or the body. */
enum {
  SAME_RUN_ZH = 12, /* Han characters or Latin words in a row: longer than the names the texts
                       share (长三角国家技术创新中心 is 11) */
  SAME_RUN_EN = 6,  /* content words in a row ("Yangtze River Delta National Technology
                       Innovation Center" is 7, but the Chinese side catches the real restatements
                       first; 6 in a row is a clause said again) */
  MAX_TOKENS = 512,
  MAX_PARTS = 48,
};

/* One part of a page: the role, the summary, a paragraph of the body or a fact. */
typedef struct {
  const char *what; /* "role", "summary", "body", "fact" */
  int index;        /* the paragraph or fact, from 1; 0 for role and summary */
  const char *s;    /* its text in the language at hand, NULL-free */
  size_t n;
  int line;
} page_part;

typedef struct {
  uint32_t key; /* a Han code point, or a hash of a lowercased Latin word */
  const char *at;
  size_t len;
} word_token;

static bool is_function_word(const char *w, size_t n) {
  static const char *const fw[] = {
      "a",     "an",   "the",  "and",   "or",    "of",    "in",  "on",    "at",    "to",     "for",
      "by",    "with", "from", "as",    "is",    "are",   "was", "were",  "be",    "been",   "it",
      "its",   "this", "that", "these", "those", "which", "who", "their", "they",  "has",    "have",
      "had",   "into", "than", "then",  "also",  "one",   "s",   "but",   "not",   "all",    "such",
      "there", "more", "most", "over",  "under", "up",    "out", "about", "after", "before", NULL};
  for (const char *const *f = fw; *f; f++)
    if (strlen(*f) == n && strncasecmp(*f, w, n) == 0)
      return true;
  return false;
}

/* Content words of s[0..n): each Han character, and each Latin word or number that is not a
 * function word (lowercased; a trailing 's dropped). Punctuation and spaces are skipped, so
 * a run goes on across them. Returns how many (at most `cap`). */
static size_t content_words(const char *s, size_t n, word_token *out, size_t cap) {
  size_t k = 0;
  for (size_t i = 0; i < n && k < cap;) {
    uint32_t cp;
    size_t len = ks_utf8_decode(s + i, n - i, &cp);
    if (!len)
      break;
    if (is_han(cp)) {
      out[k++] = (word_token){cp, s + i, len};
      i += len;
      continue;
    }
    if (cp < 0x80 && isalnum((int)cp)) {
      size_t j = i;
      while (j < n && ((unsigned char)s[j] < 0x80 && isalnum((unsigned char)s[j])))
        j++;
      size_t w = j - i;
      if (!is_function_word(s + i, w)) {
        uint32_t h = 2166136261u; /* FNV-1a of the lowercased word, kept off the Han range */
        for (size_t q = 0; q < w; q++)
          h = (h ^ (uint32_t)tolower((unsigned char)s[i + q])) * 16777619u;
        out[k++] = (word_token){h | 0x80000000u, s + i, w};
      }
      i = j;
      continue;
    }
    i += len;
  }
  return k;
}

/* The longest run of the same content words in a and b: its length, and where it starts in a. */
static size_t longest_same_run(const word_token *a, size_t na, const word_token *b, size_t nb,
                               size_t *at) {
  size_t best = 0, *prev = ks_xcalloc(nb + 1, sizeof *prev), *cur = ks_xcalloc(nb + 1, sizeof *cur);
  for (size_t i = 1; i <= na; i++) {
    for (size_t j = 1; j <= nb; j++) {
      cur[j] = a[i - 1].key == b[j - 1].key ? prev[j - 1] + 1 : 0;
      if (cur[j] > best)
        best = cur[j], *at = i - cur[j];
    }
    size_t *t = prev;
    prev = cur, cur = t;
  }
  free(prev);
  free(cur);
  return best;
}

/* How many of a's content words are somewhere in b. */
static size_t shared_words(const word_token *a, size_t na, const word_token *b, size_t nb) {
  size_t n = 0;
  for (size_t i = 0; i < na; i++)
    for (size_t j = 0; j < nb; j++)
      if (a[i].key == b[j].key) {
        n++;
        break;
      }
  return n;
}

/* The next number with its unit in s[*i..n), as "2016年", "30个", "2016", "22 projects", "45%":
 * digits (with , and . inside), then a Han character or % right after, or else the next Latin
 * word. Returns false when there is none. */
static bool next_number(const char *s, size_t n, size_t *i, char *key, size_t size) {
  while (*i < n && !isdigit((unsigned char)s[*i]))
    (*i)++;
  if (*i >= n)
    return false;
  if (*i > 0 && isalpha((unsigned char)s[*i - 1])) { /* "G60", "5G": a name, not a figure */
    while (*i < n && isalnum((unsigned char)s[*i]))
      (*i)++;
    return next_number(s, n, i, key, size);
  }
  size_t b = *i, e = b;
  while (e < n && (isdigit((unsigned char)s[e]) ||
                   ((s[e] == ',' || s[e] == '.') && e + 1 < n && isdigit((unsigned char)s[e + 1]))))
    e++;
  size_t kn = 0;
  for (size_t q = b; q < e && kn + 1 < size; q++)
    if (s[q] != ',')
      key[kn++] = s[q];
  size_t u = e;
  uint32_t cp;
  size_t len = u < n ? ks_utf8_decode(s + u, n - u, &cp) : 0;
  if (len && (is_han(cp) || cp == '%')) {
    if (kn + len < size)
      memcpy(key + kn, s + u, len), kn += len;
  } else {
    while (u < n && s[u] == ' ')
      u++;
    if (u > e) {
      key[kn < size - 1 ? kn++ : kn] = ' ';
      while (u < n && isalpha((unsigned char)s[u]) && kn + 1 < size)
        key[kn++] = (char)tolower((unsigned char)s[u++]);
      if (key[kn - 1] == ' ')
        kn--;
    }
  }
  key[kn] = 0;
  *i = e;
  return true;
}

/* True for a date rather than a figure: a year (1900–2099, "2019年", "2019") or a month or day
 * ("7月", "8日"). Dates recur on a page in different facts (the corridor began in 2016, the
 * platform opened in 2016); a clause said again is caught by its run of words instead. */
static bool is_date_key(const char *key) {
  size_t d = strspn(key, "0123456789");
  if (d == 4 && (strncmp(key, "19", 2) == 0 || strncmp(key, "20", 2) == 0) &&
      (key[4] == 0 || key[4] == ' ' || strncmp(key + 4, "\xe5\xb9\xb4", 3) == 0)) /* 年 */
    return true;
  return d > 0 && d <= 2 &&
         (strcmp(key + d, "\xe6\x9c\x88") == 0 || strcmp(key + d, "\xe6\x97\xa5") == 0); /* 月 日 */
}

/* True when part `p` holds the number-with-unit `key`. */
static bool part_has_number(const page_part *p, const char *key) {
  char k[64];
  for (size_t i = 0; next_number(p->s, p->n, &i, k, sizeof k);)
    if (strcmp(k, key) == 0)
      return true;
  return false;
}

static void part_name(char *out, size_t size, const page_part *p) {
  if (p->index)
    snprintf(out, size, "%s %s %d", p->what, strcmp(p->what, "body") == 0 ? "paragraph" : "no.",
             p->index);
  else
    snprintf(out, size, "%s", p->what);
}

/* The parts of `e`'s page in slot `l`: role, summary, each body paragraph, each fact. */
static size_t page_parts(const ks_exhibit *e, ks_lang l, page_part *out) {
  size_t n = 0;
  const char *s;
  if ((s = in_lang(&e->role, l)))
    out[n++] = (page_part){"role", 0, s, strlen(s), e->role.line ? e->role.line : e->lines.id};
  if ((s = in_lang(&e->summary, l)))
    out[n++] =
        (page_part){"summary", 0, s, strlen(s), e->summary.line ? e->summary.line : e->lines.id};
  if ((s = in_lang(&e->body, l))) {
    int k = 1;
    for (const char *p = s; *p && n < MAX_PARTS - 1; k++) {
      const char *nl = strchr(p, '\n');
      size_t len = nl ? (size_t)(nl - p) : strlen(p);
      out[n++] = (page_part){"body", k, p, len, e->lines.body};
      p += len + (nl != NULL);
    }
  }
  for (size_t i = 0; i < e->n_facts && n < MAX_PARTS; i++)
    if ((s = in_lang(&e->facts[i], l)))
      out[n++] = (page_part){"fact", (int)i + 1, s, strlen(s),
                             e->facts[i].line ? e->facts[i].line : e->lines.id};
  return n;
}

/* Reports that part b of e's page (in language li: 0 zh, 1 en) says again what part a does: the
 * run of words `what`, or with `figure` the number with its unit `what`. */
static void report_twice(ectx *x, const ks_exhibit *e, const page_part *a, const page_part *b,
                         int li, bool figure, const char *what) {
  char an[32], bn[32];
  part_name(an, sizeof an, a);
  part_name(bn, sizeof bn, b);
  if (figure)
    report(x, KS_WARNING, e, b->line,
           "%s says the same figure twice: the %s (%s) gives \"%s\" as the %s does; a fact "
           "should hold what the lead and body do not",
           e->id, bn, li == 0 ? "zh" : "en", what, an);
  else
    report(x, KS_WARNING, e, b->line,
           "%s says the same thing twice: the %s (%s) repeats \"%s\" from the %s; say each fact "
           "once on a page",
           e->id, bn, li == 0 ? "zh" : "en", what, an);
}

static void check_said_once(ectx *x, const ks_exhibit *e) {
  if (e->kind != KS_KIND_CITY && e->kind != KS_KIND_EVENT)
    return;
  bool said[MAX_PARTS][MAX_PARTS] = {{false}}; /* a pair reported once, in either language */
  page_part parts[MAX_PARTS];
  word_token *ta = ks_xmalloc(2 * MAX_TOKENS * sizeof *ta), *tb = ta + MAX_TOKENS;
  const ks_lang langs[] = {x->zh, x->en};
  for (int li = 0; li < 2; li++) {
    ks_lang l = langs[li];
    if (l < 0)
      continue;
    size_t n = page_parts(e, l, parts), min_run = li == 0 ? SAME_RUN_ZH : SAME_RUN_EN;
    for (size_t b = 0; b < n; b++) {
      size_t nb = content_words(parts[b].s, parts[b].n, tb, MAX_TOKENS);
      for (size_t a = 0; a < b; a++) {
        if (said[a][b] || (parts[a].index && strcmp(parts[a].what, parts[b].what) == 0))
          continue; /* two paragraphs, or two facts, are each other's business */
        char ex[200];
        size_t na = content_words(parts[a].s, parts[a].n, ta, MAX_TOKENS), at = 0;
        size_t run = longest_same_run(ta, na, tb, nb, &at);
        /* A lead the story opens with, nearly word for word, is not shown: the page leaves out
         * the sentences of a lead its body says (ui_unsaid, at three quarters). Said twice is a
         * lead the page shows and the body retells in part. */
        bool lead_hidden = strcmp(parts[a].what, "summary") == 0 &&
                           strcmp(parts[b].what, "body") == 0 &&
                           4 * shared_words(ta, na, tb, nb) >= 3 * na;
        if (run >= min_run && !lead_hidden) {
          const char *from = ta[at].at, *to = ta[at + run - 1].at + ta[at + run - 1].len;
          excerpt(ex, sizeof ex, from, (size_t)(to - from), 40);
          report_twice(x, e, &parts[a], &parts[b], li, false, ex);
          said[a][b] = true;
          continue;
        }
        if (strcmp(parts[b].what, "fact") != 0 || strcmp(parts[a].what, "role") == 0)
          continue;
        char key[64];
        for (size_t i = 0; next_number(parts[b].s, parts[b].n, &i, key, sizeof key);)
          if (!is_date_key(key) && part_has_number(&parts[a], key)) {
            report_twice(x, e, &parts[a], &parts[b], li, true, key);
            said[a][b] = true;
            break;
          }
      }
    }
  }
  free(ta);
}

void ks_validate_editorial(const ks_content *content, char *const *folded_sources, ks_diag *diag) {
  /* Curators' rules, for the source folder a pack is built from (`pack build` refuses a folder
   * with errors). A built pack is not held to them again: a pack of schema version 1, made
   * before the rules, has no date_basis to satisfy them and must still install. */
  if (!content->meta.file)
    return;
  ectx x = {.c = content,
            .folded = folded_sources,
            .diag = diag,
            .zh = ks_content_lang(content, "zh"),
            .en = ks_content_lang(content, "en")};
  check_source_titles(&x);
  check_glossary_entries(&x);
  for (size_t i = 0; i < content->n_exhibits; i++) {
    const ks_exhibit *e = &content->exhibits[i];
    if (!e->id)
      continue;
    text_list l = exhibit_texts(e);
    check_glossary(&x, e, &l);
    check_english_has_no_han(&x, e, &l);
    for (size_t k = 0; k < l.n; k++) {
      check_chinese_text(&x, e, &l.items[k]);
      check_english_relative(&x, e, &l.items[k]);
    }
    check_dates(&x, e);
    check_said_once(&x, e);
    free(l.items);
  }
}
