#include "kiosk/validate.h"

#include "editorial.h"

#include "kiosk/fileio.h"
#include "kiosk/image.h"
#include "kiosk/mem.h"
#include "kiosk/utf8.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Length limits, in characters, that keep every text inside its place on screen. */
enum {
  MAX_TITLE_ZH = 40,
  MAX_TITLE_EN = 100,
  MAX_SUMMARY_ZH = 160,
  MAX_SUMMARY_EN = 400,
  MAX_BODY = 6000,
  MAX_LINE_ZH = 200, /* a fact, a role, an organisation */
  MAX_LINE_EN = 400,
  MAX_LABEL_ZH = 40,
  MAX_LABEL_EN = 100,
  MAX_VALUE = 24,
  MAX_UNIT = 40,
  MAX_QUOTE = 1000,
  MAX_NOTE = 1000,
  MAX_SOURCE_FILE = 4 << 20,
};

typedef struct {
  const ks_content *c;
  const ks_validate_opts *opts;
  ks_diag *diag;
  char **folded_sources; /* per source: its article folded for quote matching, or NULL */
  bool glyph_warned;
} ctx;

/* Reports at a line of an exhibit's source file, or at the exhibit when it came from a pack. */
static void report(ctx *x, ks_severity sev, const ks_exhibit *e, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void report(ctx *x, ks_severity sev, const ks_exhibit *e, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  ks_validate_vreport(x->diag, x->c, sev, e, line, fmt, ap);
  va_end(ap);
}

/* Checks one text in language `lang` (a tag; NULL for a text of no one language, drawn with the
 * default face): UTF-8, control characters, length and glyphs — those of the face that draws
 * that language. `what` names it. */
static void check_text_lang(ctx *x, const ks_exhibit *e, int line, const char *what, const char *s,
                            const char *lang, bool multiline, size_t max_chars) {
  if (!s)
    return;
  size_t n = strlen(s), bad;
  if (!ks_utf8_valid(s, n, &bad)) {
    report(x, KS_ERROR, e, line, "%s is not valid UTF-8 (byte %zu)", what, bad);
    return;
  }
  size_t chars = 0;
  bool reported_glyph = false, reported_ctrl = false;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t start = i;
    i += ks_utf8_decode(s + i, n - i, &cp);
    chars++;
    bool ctrl = (cp < 0x20 && !(multiline && cp == '\n')) || (cp >= 0x7f && cp < 0xa0) ||
                cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
                (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
    if (ctrl && !reported_ctrl) {
      report(x, KS_ERROR, e, line, "%s contains the control character U+%04X", what, cp);
      reported_ctrl = true;
      continue;
    }
    if (!ctrl && x->opts->glyphs && !reported_glyph &&
        !ks_glyphs_has_lang(x->opts->glyphs, lang, cp)) {
      report(x, KS_ERROR, e, line,
             "%s has \"%.*s\" (U+%04X), which the kiosk's fonts cannot draw; use another "
             "character",
             what, (int)(i - start), s + start, cp);
      reported_glyph = true;
    }
  }
  if (max_chars && chars > max_chars)
    report(x, KS_ERROR, e, line, "%s is %zu characters long; at most %zu fit", what, chars,
           max_chars);
}

static void check_text(ctx *x, const ks_exhibit *e, int line, const char *what, const char *s,
                       bool multiline, size_t max_chars) {
  check_text_lang(x, e, line, what, s, NULL, multiline, max_chars);
}

/* A text in every declared language: required (or optional) in the default one; where the
 * default has it and another language has not, a warning names the language and the one shown
 * instead. Lengths are counted against `max_cjk` for languages written in Chinese characters,
 * `max_other` for the rest. */
static void check_i18n(ctx *x, const ks_exhibit *e, const ks_text *t, const char *what,
                       bool required, bool multiline, size_t max_cjk, size_t max_other) {
  int line = t->line ? t->line : e->lines.id;
  const ks_pack_meta *m = &x->c->meta;
  ks_lang d = ks_content_default_lang(x->c);
  const char *dtag = ks_content_lang_tag(x->c, d);
  if (dtag && !t->s[d] && required)
    report(x, KS_ERROR, e, line, "%s has no text in %s (%s:), the default language: it is required",
           what, dtag, dtag);
  for (ks_lang l = 0; l < m->n_languages && l < KS_LANG_MAX; l++) {
    const char *tag = m->languages[l];
    if (l != d && !t->s[l] && t->s[d])
      report(x, KS_WARNING, e, line,
             "%s has no text in %s (%s:); the kiosk will show the %s text instead", what, tag, tag,
             dtag);
    char buf[96];
    snprintf(buf, sizeof buf, "%s (%s)", what, tag);
    check_text_lang(x, e, line, buf, t->s[l], tag, multiline,
                    ks_lang_is_cjk(tag) ? max_cjk : max_other);
  }
}

static bool in_list(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0)
      return true;
  return false;
}

static char *join_list(const char *const *list) {
  size_t n = 1;
  for (const char *const *p = list; *p; p++)
    n += strlen(*p) + 2;
  char *s = ks_xmalloc(n);
  s[0] = '\0';
  for (const char *const *p = list; *p; p++) {
    if (p != list)
      strcat(s, ", ");
    strcat(s, *p);
  }
  return s;
}

const char *ks_date_precision_name(ks_date_precision p) {
  return p == KS_DATE_YEAR ? "year" : p == KS_DATE_MONTH ? "month" : "day";
}

static int days_in_month(int year, int month) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

static bool digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!isdigit((unsigned char)s[i]))
      return false;
  return true;
}

bool ks_date_parse(const char *s, ks_date *date, char *why, size_t why_size) {
  size_t n = strlen(s);
  *date = (ks_date){0};
  bool shape = (n == 4 || n == 7 || n == 10) && digits(s, 4) &&
               (n < 7 || (s[4] == '-' && digits(s + 5, 2))) &&
               (n < 10 || (s[7] == '-' && digits(s + 8, 2)));
  if (!shape) {
    snprintf(why, why_size, "is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
    return false;
  }
  date->year = atoi(s);
  date->precision = KS_DATE_YEAR;
  if (date->year < 1900 || date->year > 2100) {
    snprintf(why, why_size, "is not a year between 1900 and 2100");
    return false;
  }
  if (n >= 7) {
    date->month = (s[5] - '0') * 10 + (s[6] - '0');
    date->precision = KS_DATE_MONTH;
    if (date->month < 1 || date->month > 12) {
      snprintf(why, why_size, "is not a valid month");
      return false;
    }
  }
  if (n == 10) {
    date->day = (s[8] - '0') * 10 + (s[9] - '0');
    date->precision = KS_DATE_DAY;
    if (date->day < 1 || date->day > days_in_month(date->year, date->month)) {
      snprintf(why, why_size, "is not a day of %04d-%02d", date->year, date->month);
      return false;
    }
  }
  return true;
}

bool ks_url_check(const char *url, char *why, size_t why_size) {
  size_t n = strlen(url);
  size_t scheme = strncasecmp(url, "https://", 8) == 0  ? 8
                  : strncasecmp(url, "http://", 7) == 0 ? 7
                                                        : 0;
  if (!scheme) {
    const char *colon = strchr(url, ':'), *slash = strchr(url, '/');
    bool has_scheme = colon && colon > url && (!slash || colon < slash);
    snprintf(why, why_size,
             has_scheme ? "is not an http:// or https:// address"
                        : "is not an absolute address: start it with https:// (or http://)");
    return false;
  }
  if (n > KS_URL_MAX) {
    snprintf(why, why_size,
             "is %zu bytes long; a QR code a phone reads from half a metre holds at most %d: "
             "give the article's short link",
             n, KS_URL_MAX);
    return false;
  }
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)url[i];
    if (ch <= ' ' || ch >= 0x7f) {
      snprintf(why, why_size,
               "holds %s at byte %zu: percent-encode it (a space is %%20, 中 is %%E4%%B8%%AD)",
               ch == ' '                ? "a space"
               : ch < ' ' || ch == 0x7f ? "a control character"
                                        : "a character outside ASCII",
               i + 1);
      return false;
    }
  }
  /* The host: from after the scheme to the path, query or fragment. */
  const char *host = url + scheme;
  size_t len = strcspn(host, "/?#");
  if (memchr(host, '@', len)) { /* "https://www.gov.cn@elsewhere.example" goes elsewhere */
    snprintf(why, why_size, "names a user before its host (an @): give the plain address");
    return false;
  }
  const char *colon = memchr(host, ':', len);
  size_t name = colon ? (size_t)(colon - host) : len;
  bool ok =
      name > 0 && memchr(host, '.', name) && host[0] != '.' && host[name - 1] != '.' &&
      (!colon || (len - name - 1 >= 1 && len - name - 1 <= 5 && digits(colon + 1, len - name - 1)));
  for (size_t i = 0; i < name && ok; i++) {
    char ch = host[i];
    ok = isalnum((unsigned char)ch) || ch == '-' || (ch == '.' && host[i + 1] != '.');
  }
  if (!ok) {
    snprintf(why, why_size, "has no host name (such as www.example.com) after its %.*s",
             (int)scheme, url);
    return false;
  }
  return true;
}

/* An exhibit's or a source's url, when it has one (ks_url_check). The address is shown cut to
 * its start: a finding of one too long would be as long. */
static void check_url(ctx *x, const ks_exhibit *e, ks_loc loc, const char *source,
                      const char *url) {
  char why[160];
  if (!url || ks_url_check(url, why, sizeof why))
    return;
  int shown = (int)strlen(url) > 60 ? 60 : (int)strlen(url);
  const char *more = (int)strlen(url) > shown ? "…" : "";
  if (e)
    report(x, KS_ERROR, e, loc.line, "url \"%.*s%s\" %s", shown, url, more, why);
  else
    ks_diag_add(x->diag, KS_ERROR, loc, "source %s: url \"%.*s%s\" %s", source, shown, url, more,
                why);
}

/* Checks a date; with `precision` (as stated beside it, may be NULL), that the date has it. */
static void check_date(ctx *x, const ks_exhibit *e, int line, const char *what, const char *s,
                       const char *precision, int precision_line) {
  ks_date d;
  char why[96];
  if (s && !ks_date_parse(s, &d, why, sizeof why))
    report(x, KS_ERROR, e, line, "%s \"%s\" %s", what, s, why);
  else if (s && precision && strcmp(precision, ks_date_precision_name(d.precision)) != 0)
    report(x, KS_ERROR, e, precision_line ? precision_line : line,
           "precision \"%s\" does not match the %s \"%s\", which is a %s", precision, what, s,
           ks_date_precision_name(d.precision));
}

/* show_from and show_until: each a day, the one not after the other. */
static void check_showing(ctx *x, const ks_exhibit *e) {
  const char *what[2] = {"show_from", "show_until"}, *value[2] = {e->show_from, e->show_until};
  int line[2] = {e->lines.show_from, e->lines.show_until};
  bool ok[2] = {false, false};
  for (int i = 0; i < 2; i++) {
    ks_date d;
    char why[96];
    if (!value[i])
      continue;
    if (!ks_date_parse(value[i], &d, why, sizeof why))
      report(x, KS_ERROR, e, line[i], "%s \"%s\" %s: give the day as YYYY-MM-DD", what[i], value[i],
             why);
    else if (d.precision != KS_DATE_DAY)
      report(x, KS_ERROR, e, line[i], "%s \"%s\" is not a day: give it as YYYY-MM-DD", what[i],
             value[i]);
    else
      ok[i] = true;
  }
  if (ok[0] && ok[1] && strcmp(value[1], value[0]) < 0)
    report(x, KS_ERROR, e, line[1],
           "show_until \"%s\" is before show_from \"%s\": the exhibit would never be shown",
           value[1], value[0]);
}

/* ---- quotes ------------------------------------------------------------------------------ */

static void append(char **out, size_t *len, size_t *cap, const char *s, size_t n) {
  if (*len + n + 1 > *cap) {
    *cap = (*len + n + 1) * 2;
    *out = ks_xrealloc(*out, *cap);
  }
  memcpy(*out + *len, s, n);
  *len += n;
  (*out)[*len] = '\0';
}

char *ks_quote_fold(const char *text, const ks_correction *corrections, size_t n_corrections) {
  static const struct {
    uint32_t from;
    char to;
  } punct[] = {{0xff0c, ','}, {0xff1a, ':'}, {0xff1b, ';'}, {0xff08, '('},
               {0xff09, ')'}, {0xff01, '!'}, {0xff1f, '?'}};
  size_t len = 0, cap = strlen(text) + 1;
  char *out = ks_xmalloc(cap);
  out[0] = '\0';
  size_t n = strlen(text);
  for (size_t i = 0; i < n;) {
    bool replaced = false;
    for (size_t k = 0; k < n_corrections && !replaced; k++) {
      size_t fl = strlen(corrections[k].from);
      if (fl && strncmp(text + i, corrections[k].from, fl) == 0) {
        /* The replacement is folded too, so "最" and "最 " compare alike. */
        char *to = ks_quote_fold(corrections[k].to, NULL, 0);
        append(&out, &len, &cap, to, strlen(to));
        free(to);
        i += fl;
        replaced = true;
      }
    }
    if (replaced)
      continue;
    uint32_t cp;
    size_t k = ks_utf8_decode(text + i, n - i, &cp);
    if (k == 0) { /* not UTF-8: keep the byte, so that it matches only itself */
      append(&out, &len, &cap, text + i, 1);
      i++;
      continue;
    }
    bool space = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0x3000 ||
                 cp == 0xa0 || cp == 0x200b;
    if (!space) {
      char ascii = 0;
      for (size_t p = 0; p < sizeof punct / sizeof *punct; p++)
        if (punct[p].from == cp)
          ascii = punct[p].to;
      if (ascii)
        append(&out, &len, &cap, &ascii, 1);
      else
        append(&out, &len, &cap, text + i, k);
    }
    i += k;
  }
  return out;
}

static void load_source_texts(ctx *x) {
  const ks_content *c = x->c;
  x->folded_sources = ks_xcalloc(c->n_sources ? c->n_sources : 1, sizeof(char *));
  if (!x->opts->sources_dir)
    return;
  for (size_t i = 0; i < c->n_sources; i++) {
    const ks_source *s = &c->sources[i];
    if (!s->file)
      continue;
    char path[1024], err[128];
    snprintf(path, sizeof path, "%s/%s", x->opts->sources_dir, s->file);
    size_t size;
    char *text = ks_file_read(path, MAX_SOURCE_FILE, &size, err, sizeof err);
    if (!text) {
      ks_diag_add(x->diag, KS_ERROR, (ks_loc){.file = path},
                  "cannot read the article of source %s: %s", s->id ? s->id : "?", err);
      continue;
    }
    x->folded_sources[i] = ks_quote_fold(text, s->corrections, s->n_corrections);
    free(text);
  }
}

/* ---- pack metadata and sources --------------------------------------------------------- */

static void meta_error(ctx *x, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void meta_error(ctx *x, int line, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const char *file = x->c->meta.file ? x->c->meta.file : x->c->origin;
  ks_diag_add(x->diag, KS_ERROR, (ks_loc){.file = file, .line = line}, "%s", msg);
}

static void check_meta(ctx *x) {
  const ks_pack_meta *m = &x->c->meta;
  if (!m->id)
    meta_error(x, 0, "the pack has no id");
  else if (!ks_id_valid(m->id))
    meta_error(x, m->line_id, "pack id \"%s\" must be 3-64 characters of a-z, 0-9 and -", m->id);
  if (m->n_languages < 1)
    meta_error(x, m->line_languages, "the pack declares no language (languages: [zh, en])");
  for (int l = 0; l < m->n_languages && l < KS_LANG_MAX; l++)
    if (!ks_lang_tag_valid(m->languages[l]))
      meta_error(x, m->line_languages, "language \"%s\" is not a BCP 47 language tag",
                 m->languages[l]);
  ks_lang d = ks_content_default_lang(x->c);
  if (m->default_lang && ks_content_lang(x->c, m->default_lang) < 0)
    meta_error(x, m->line_default_lang,
               "the default language \"%s\" is not one of the pack's "
               "languages: declare it in languages: or choose one of them",
               m->default_lang);
  else if (m->n_languages > 0 && !m->title.s[d])
    meta_error(x, m->title.line, "the pack has no title in %s (title: %s:), its default language",
               m->languages[d], m->languages[d]);
  int64_t v = 0;
  if (m->version_text && !ks_pack_version_parse(m->version_text, &v))
    meta_error(x, m->line_version, "version \"%s\" must be a whole number from 1 to %d",
               m->version_text, KS_PACK_VERSION_MAX);
  else if (m->version == 0 && !m->version_text)
    meta_error(x, 0, "the pack has no version: give one from 1 to %d", KS_PACK_VERSION_MAX);
  else if (m->version < 1 || m->version > KS_PACK_VERSION_MAX ||
           (m->version_text && v != m->version))
    meta_error(x, m->line_version, "the pack version %" PRId64 " is not from 1 to %d", m->version,
               KS_PACK_VERSION_MAX);
}

static void check_sources(ctx *x) {
  const ks_content *c = x->c;
  const char *file = c->meta.file ? NULL : c->origin;
  for (size_t i = 0; i < c->n_sources; i++) {
    const ks_source *s = &c->sources[i];
    char where[1024];
    snprintf(where, sizeof where, "%s", file ? file : c->origin);
    if (c->meta.file) /* a source folder: point at sources.yaml */
      snprintf(where, sizeof where, "%s/sources.yaml", c->origin);
    ks_loc loc = {.file = where, .line = s->line};
    if (!s->id || !ks_id_valid(s->id))
      ks_diag_add(x->diag, KS_ERROR, loc,
                  "source id \"%s\" must be 3-64 characters of a-z, 0-9 and -", s->id ? s->id : "");
    for (size_t k = 0; k < i; k++)
      if (s->id && c->sources[k].id && strcmp(s->id, c->sources[k].id) == 0)
        ks_diag_add(x->diag, KS_ERROR, loc, "source id \"%s\" is used twice", s->id);
    if (!s->file)
      ks_diag_add(x->diag, KS_ERROR, loc, "source %s names no article file (file:)",
                  s->id ? s->id : "");
    if (!s->title)
      ks_diag_add(x->diag, KS_ERROR, loc, "source %s has no title", s->id ? s->id : "");
    ks_date date;
    char why[96];
    if (!s->published)
      ks_diag_add(x->diag, KS_ERROR, loc, "source %s has no publication date (published:)",
                  s->id ? s->id : "");
    else if (!ks_date_parse(s->published, &date, why, sizeof why))
      ks_diag_add(x->diag, KS_ERROR, loc, "published \"%s\" %s", s->published, why);
    check_url(x, NULL, (ks_loc){.file = where, .line = s->line_url ? s->line_url : s->line},
              s->id ? s->id : "", s->url);
  }
}

/* ---- exhibits ---------------------------------------------------------------------------- */

/* A quote occurs in its article (when the articles were given to the validator). */
static void check_quote_in_article(ctx *x, const ks_exhibit *e, int line, const ks_source *s,
                                   const char *quote) {
  const char *folded_src = x->folded_sources[s - x->c->sources];
  if (!folded_src)
    return;
  char *q = ks_quote_fold(quote, NULL, 0);
  if (!strstr(folded_src, q))
    report(x, KS_ERROR, e, line,
           "the quote from %s does not occur in %s; copy it from the article character for "
           "character",
           s->id, s->file);
  free(q);
}

static void check_citations(ctx *x, const ks_exhibit *e) {
  if (e->n_citations == 0 && e->n_values == 0) /* a statistic's values carry their own */
    report(x, KS_ERROR, e, 0,
           "%s %s names no source; add a sources: entry with the quote it rests on",
           ks_kind_name(e->kind), e->id ? e->id : "");
  for (size_t i = 0; i < e->n_citations; i++) {
    const ks_citation *ci = &e->citations[i];
    if (!ci->source) {
      report(x, KS_ERROR, e, ci->line, "a source entry has no source: id");
      continue;
    }
    const ks_source *s = ks_content_find_source(x->c, ci->source);
    if (!s) {
      report(x, KS_ERROR, e, ci->line, "source \"%s\" is not in sources.yaml", ci->source);
      continue;
    }
    if (!ci->quote || !*ci->quote) {
      report(x, KS_ERROR, e, ci->line, "the entry for source %s has no quote", ci->source);
      continue;
    }
    check_text(x, e, ci->line, "quote", ci->quote, false, MAX_QUOTE);
    check_text(x, e, ci->line, "note", ci->note, false, MAX_NOTE);
    check_quote_in_article(x, e, ci->line, s, ci->quote);
  }
}

static void check_links(ctx *x, const ks_exhibit *e) {
  for (size_t i = 0; i < e->n_links; i++) {
    const ks_link *l = &e->links[i];
    const ks_exhibit *t = ks_content_find(x->c, l->target);
    if (!t) {
      report(x, KS_ERROR, e, l->line, "links to \"%s\", which is not an exhibit of this pack",
             l->target);
      continue;
    }
    if (t == e)
      report(x, KS_ERROR, e, l->line, "links to itself");
    else if (e->file && l->target_kind < KS_KIND_COUNT && t->kind != l->target_kind)
      report(x, KS_ERROR, e, l->line, "lists \"%s\" under %s, but it is %s %s", l->target,
             ks_kind_folder(l->target_kind), ks_kind_info_of(t->kind)->article,
             ks_kind_name(t->kind));
    for (size_t k = 0; k < i; k++)
      if (strcmp(e->links[k].target, l->target) == 0)
        report(x, KS_WARNING, e, l->line, "links to \"%s\" twice", l->target);
  }
}

static void check_images(ctx *x, const ks_exhibit *e) {
  for (size_t i = 0; i < e->n_images; i++) {
    const ks_image *im = &e->images[i];
    const char *name = im->file ? im->file : "image";
    check_i18n(x, e, &im->caption, "image caption", false, false, MAX_LABEL_ZH * 2,
               MAX_LABEL_EN * 2);
    check_text(x, e, im->line, "image credit", im->credit, false, MAX_LABEL_EN);
    if (!im->data) {
      if (!im->file)
        report(x, KS_ERROR, e, im->line, "an image has no file:");
      continue; /* unreadable: already reported by the loader */
    }
    if (im->size > KS_IMAGE_MAX_BYTES) {
      report(x, KS_ERROR, e, im->line,
             "image %s is %zu bytes; at most %d are allowed (compress or "
             "scale it)",
             name, im->size, KS_IMAGE_MAX_BYTES);
      continue;
    }
    ks_image_type type = ks_image_sniff(im->data, im->size);
    if (type == KS_IMAGE_UNKNOWN) {
      report(x, KS_ERROR, e, im->line, "image %s is neither PNG nor JPEG by its content", name);
      continue;
    }
    int w, h;
    if (!ks_image_dimensions(im->data, im->size, type, &w, &h)) {
      report(x, KS_ERROR, e, im->line, "image %s has a malformed %s header", name,
             type == KS_IMAGE_PNG ? "PNG" : "JPEG");
      continue;
    }
    if (w > KS_IMAGE_MAX_SIDE || h > KS_IMAGE_MAX_SIDE) {
      report(x, KS_ERROR, e, im->line, "image %s is %dx%d; scale it to at most %d pixels a side",
             name, w, h, KS_IMAGE_MAX_SIDE);
      continue;
    }
    char err[256];
    if (!ks_image_decode_check(im->data, im->size, type, err, sizeof err))
      report(x, KS_ERROR, e, im->line, "image %s %s", name, err);
    const char *dot = im->file ? strrchr(im->file, '.') : NULL;
    if (dot) {
      bool says_png = strcasecmp(dot, ".png") == 0;
      bool says_jpeg = strcasecmp(dot, ".jpg") == 0 || strcasecmp(dot, ".jpeg") == 0;
      if ((says_png && type != KS_IMAGE_PNG) || (says_jpeg && type != KS_IMAGE_JPEG))
        report(x, KS_WARNING, e, im->line, "image %s is %s by its content; rename it", name,
               type == KS_IMAGE_PNG ? "PNG" : "JPEG");
    }
  }
}

/* A figure's value must hold a number: ASCII digits, or Chinese numerals as articles write
 * them (六成, 两万). */
static bool has_digit(const char *s) {
  static const uint32_t numerals[] = {
      0x3007, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94, 0x516d, 0x4e03, 0x516b,
      0x4e5d, 0x5341, 0x767e, 0x5343, 0x4e07, 0x4ebf, 0x4e24, 0x534a}; /* 〇一二三四五六七八九十百千万亿两半
                                                                        */
  size_t n = strlen(s);
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = ks_utf8_decode(s + i, n - i, &cp);
    if (!k)
      return false;
    if (cp < 0x80 && isdigit((int)cp))
      return true;
    for (size_t j = 0; j < sizeof numerals / sizeof *numerals; j++)
      if (cp == numerals[j])
        return true;
    i += k;
  }
  return false;
}

/* How many different articles an exhibit cites. */
static size_t distinct_sources(const ks_exhibit *e) {
  size_t n = 0;
  for (size_t i = 0; i < e->n_citations; i++) {
    bool seen = !e->citations[i].source;
    for (size_t k = 0; k < i && !seen; k++)
      seen = e->citations[k].source && strcmp(e->citations[k].source, e->citations[i].source) == 0;
    n += !seen;
  }
  return n;
}

static void check_achievement(ctx *x, const ks_exhibit *e) {
  if (!e->field && !e->lines.field) {
    report(x, KS_ERROR, e, 0, "an achievement needs a field:");
  } else if (e->field && !in_list(e->field, ks_fields())) {
    char *all = join_list(ks_fields());
    report(x, KS_ERROR, e, e->lines.field, "field \"%s\" is not one of: %s", e->field, all);
    free(all);
  }
  if (e->year == 0 && !e->lines.year)
    report(x, KS_ERROR, e, 0, "an achievement needs a year:");
  else if (e->year != 0 && (e->year < 1949 || e->year > 2100))
    report(x, KS_ERROR, e, e->lines.year, "year %d is not between 1949 and 2100", e->year);
  check_i18n(x, e, &e->place, "place", false, false, MAX_LINE_ZH, MAX_LINE_EN);
  for (size_t i = 0; i < e->n_organisations; i++)
    check_i18n(x, e, &e->organisations[i], "organisation", true, false, MAX_LINE_ZH, MAX_LINE_EN);
  for (size_t i = 0; i < e->n_figures; i++) {
    const ks_figure *f = &e->figures[i];
    if (!f->value || !has_digit(f->value))
      report(x, KS_ERROR, e, f->line, "figure value \"%s\" has no number in it",
             f->value ? f->value : "");
    check_text(x, e, f->line, "figure value", f->value, false, MAX_VALUE);
    for (ks_lang l = 0; l < x->c->meta.n_languages && l < KS_LANG_MAX; l++) {
      char what[64];
      snprintf(what, sizeof what, "figure value_%s", x->c->meta.languages[l]);
      check_text_lang(x, e, f->line, what, f->value_tr.s[l], x->c->meta.languages[l], false,
                      MAX_VALUE);
    }
    check_i18n(x, e, &f->unit, "figure unit", false, false, MAX_UNIT, MAX_UNIT);
    check_i18n(x, e, &f->label, "figure label", true, false, MAX_LABEL_ZH, MAX_LABEL_EN);
    check_date(x, e, f->line, "as_of", f->as_of, NULL, 0);
    if (f->source) {
      bool cited = false;
      for (size_t k = 0; k < e->n_citations && !cited; k++)
        cited = e->citations[k].source && strcmp(e->citations[k].source, f->source) == 0;
      if (!cited)
        report(x, KS_ERROR, e, f->line,
               "figure %s gives source %s, which the exhibit does not cite",
               f->value ? f->value : "", f->source);
    } else if (distinct_sources(e) > 1) {
      report(x, KS_ERROR, e, f->line,
             "figure %s needs source: — the exhibit cites several articles",
             f->value ? f->value : "");
    }
  }
}

static void check_city(ctx *x, const ks_exhibit *e) {
  if (!e->province && !e->lines.province) {
    report(x, KS_ERROR, e, 0, "a city needs a province:");
  } else if (e->province && !in_list(e->province, ks_provinces())) {
    char *all = join_list(ks_provinces());
    report(x, KS_ERROR, e, e->lines.province, "province \"%s\" is not one of: %s", e->province,
           all);
    free(all);
  }
  if (!e->has_position) {
    /* A value that did not parse was reported by the loader; a missing one is reported here. */
    if (!e->lines.lat || !e->lines.lon)
      report(x, KS_ERROR, e, 0, "a city needs lat: and lon: so that the map can place it");
  } else {
    /* The map shows the delta; a point outside it is a typo (or lat and lon swapped). */
    if (!(e->lat >= 27.0 && e->lat <= 36.0))
      report(x, KS_ERROR, e, e->lines.lat, "lat %.4f is outside the map (27 to 36 N)", e->lat);
    if (!(e->lon >= 114.0 && e->lon <= 124.0))
      report(x, KS_ERROR, e, e->lines.lon, "lon %.4f is outside the map (114 to 124 E)", e->lon);
  }
  if (e->corridor && strcmp(e->corridor, "g60") != 0)
    report(x, KS_ERROR, e, e->lines.corridor, "corridor \"%s\" is not g60", e->corridor);
  if (e->corridor && (e->corridor_order < 1 || e->corridor_order > 99))
    report(x, KS_ERROR, e, e->lines.corridor,
           "a corridor city needs a corridor_order from 1 to 99");
  if (!e->corridor && e->corridor_order)
    report(x, KS_ERROR, e, e->lines.corridor, "corridor_order without corridor:");
  check_i18n(x, e, &e->role, "role", true, false, MAX_LINE_ZH, MAX_LINE_EN);
  for (size_t i = 0; i < e->n_facts; i++)
    check_i18n(x, e, &e->facts[i], "fact", true, false, MAX_LINE_ZH, MAX_LINE_EN);
}

/* Compares two dates at the coarser of their precisions (2024 and 2024-01 are equal). */
static int cmp_dates(const ks_date *a, const ks_date *b) {
  ks_date_precision p = a->precision < b->precision ? a->precision : b->precision;
  int ka =
      a->year * 10000 + (p >= KS_DATE_MONTH ? a->month * 100 : 0) + (p >= KS_DATE_DAY ? a->day : 0);
  int kb =
      b->year * 10000 + (p >= KS_DATE_MONTH ? b->month * 100 : 0) + (p >= KS_DATE_DAY ? b->day : 0);
  return ka < kb ? -1 : ka > kb;
}

static bool is_one_of(const char *s, const char *a, const char *b, const char *c) {
  return s && (strcmp(s, a) == 0 || strcmp(s, b) == 0 || (c && strcmp(s, c) == 0));
}

/* A value of a statistic: its number with its unit in its quote, the quote in its article, its
 * dates real and in order, a target dated after the article that set it, a reported date the
 * article's own. `prev` is the value before it (NULL for the first) and its date. */
static void check_stat_value(ctx *x, const ks_exhibit *e, const ks_stat_value *v,
                             const ks_date *prev, ks_date *date) {
  int line = v->line;
  if (!v->value || !has_digit(v->value))
    report(x, KS_ERROR, e, line, "value \"%s\" has no number in it", v->value ? v->value : "");
  check_text(x, e, line, "value", v->value, false, MAX_VALUE);
  for (ks_lang l = 0; l < x->c->meta.n_languages && l < KS_LANG_MAX; l++) {
    char what[64];
    snprintf(what, sizeof what, "value_%s", x->c->meta.languages[l]);
    check_text_lang(x, e, line, what, v->value_tr.s[l], x->c->meta.languages[l], false, MAX_VALUE);
  }
  check_i18n(x, e, &v->unit, "the value's unit", false, false, MAX_UNIT, MAX_UNIT);
  check_text(x, e, line, "as_of_note", v->as_of_note, false, MAX_NOTE);
  check_text(x, e, line, "note", v->note, false, MAX_NOTE);
  if (v->approx && !is_one_of(v->approx, "over", "about", "nearly"))
    report(x, KS_ERROR, e, line, "approx \"%s\" must be over, about or nearly", v->approx);
  if (!is_one_of(v->basis, "actual", "target", NULL))
    report(x, KS_ERROR, e, line,
           "basis \"%s\" must be actual (a value reached) or target (a goal set for as_of)",
           v->basis ? v->basis : "");
  if (v->as_of_basis && !is_one_of(v->as_of_basis, "stated", "reported", NULL))
    report(x, KS_ERROR, e, line,
           "as_of_basis \"%s\" must be stated (the article gives the date) or reported (as_of is "
           "the article's date)",
           v->as_of_basis);
  char why[96];
  bool dated = false;
  if (!v->as_of)
    report(x, KS_ERROR, e, line, "a value needs an as_of: date (YYYY, YYYY-MM or YYYY-MM-DD)");
  else if (!ks_date_parse(v->as_of, date, why, sizeof why))
    report(x, KS_ERROR, e, line, "as_of \"%s\" %s", v->as_of, why);
  else
    dated = true;
  ks_date from;
  if (v->from && !ks_date_parse(v->from, &from, why, sizeof why))
    report(x, KS_ERROR, e, line, "from \"%s\" %s", v->from, why);
  else if (v->from && dated && cmp_dates(&from, date) >= 0)
    report(x, KS_ERROR, e, line, "from %s is not before as_of %s", v->from, v->as_of);
  if (dated && prev && cmp_dates(date, prev) < 0)
    report(x, KS_ERROR, e, line,
           "the value as of %s comes after a later one: list the values oldest first", v->as_of);
  if (!v->source) {
    report(x, KS_ERROR, e, line, "the value %s names no source:", v->value ? v->value : "");
    return;
  }
  const ks_source *s = ks_content_find_source(x->c, v->source);
  if (!s) {
    report(x, KS_ERROR, e, line, "source \"%s\" is not in sources.yaml", v->source);
    return;
  }
  ks_date published;
  bool has_published = s->published && ks_date_parse(s->published, &published, why, sizeof why);
  if (dated && has_published && v->basis && strcmp(v->basis, "target") == 0 &&
      cmp_dates(date, &published) <= 0)
    report(x, KS_ERROR, e, line,
           "the target for %s is not after %s, published %s: a goal that date has passed is no "
           "target (basis: actual?)",
           v->as_of, v->source, s->published);
  if (dated && has_published && v->as_of_basis && strcmp(v->as_of_basis, "reported") == 0 &&
      cmp_dates(date, &published) != 0)
    report(x, KS_ERROR, e, line,
           "a reported as_of is the article's date: %s was published %s, not %s", v->source,
           s->published, v->as_of);
  if (!v->quote || !*v->quote) {
    report(x, KS_ERROR, e, line, "the value %s has no quote from %s", v->value ? v->value : "",
           v->source);
    return;
  }
  check_text(x, e, line, "quote", v->quote, false, MAX_QUOTE);
  check_quote_in_article(x, e, line, s, v->quote);
  /* The number as written, with its unit as the article writes it, is in the quote. */
  ks_lang zh = ks_content_lang(x->c, "zh");
  const char *unit = zh < 0 ? NULL : v->unit.s[zh] ? v->unit.s[zh] : e->unit.s[zh];
  if (v->value && zh >= 0) {
    size_t n = strlen(v->value) + (unit ? strlen(unit) : 0) + 1;
    char *both = malloc(n);
    snprintf(both, n, "%s%s", v->value, unit ? unit : "");
    char *fb = ks_quote_fold(both, NULL, 0), *fq = ks_quote_fold(v->quote, NULL, 0);
    char *fv = ks_quote_fold(v->value, NULL, 0);
    if (!strstr(fq, fb) && !(v->note && strstr(fq, fv)))
      report(x, KS_ERROR, e, line,
             "\"%s\" does not occur in its quote (where the article writes no unit, say so in "
             "note:)",
             both);
    free(both);
    free(fb);
    free(fq);
    free(fv);
  }
}

static void check_statistic(ctx *x, const ks_exhibit *e) {
  check_i18n(x, e, &e->measure, "measure", true, false, MAX_SUMMARY_ZH, MAX_SUMMARY_EN);
  if (e->file && !e->lines.unit)
    report(x, KS_ERROR, e, 0,
           "a statistic needs a unit: ({zh: …, en: …}; empty texts for a bare ratio)");
  check_i18n(x, e, &e->unit, "unit", false, false, MAX_UNIT, MAX_UNIT);
  if (e->n_values == 0)
    report(x, KS_ERROR, e, 0, "a statistic needs values: (one or more, oldest first)");
  ks_date prev = {0}, date;
  for (size_t i = 0; i < e->n_values; i++) {
    date = (ks_date){0};
    check_stat_value(x, e, &e->values[i], i && prev.year ? &prev : NULL, &date);
    if (date.year)
      prev = date;
  }
}

static void check_event(ctx *x, const ks_exhibit *e) {
  if (!e->date && !e->lines.date)
    report(x, KS_ERROR, e, 0, "an event needs a date: (YYYY, YYYY-MM or YYYY-MM-DD)");
  check_date(x, e, e->lines.date, "date", e->date, e->precision, e->lines.precision);
}

/* Each kind's own checks: one row per kind (ks_kind). */
static void (*const check_kind[])(ctx *x, const ks_exhibit *e) = {
    [KS_KIND_ACHIEVEMENT] = check_achievement,
    [KS_KIND_CITY] = check_city,
    [KS_KIND_EVENT] = check_event,
    [KS_KIND_STATISTIC] = check_statistic,
};
_Static_assert(sizeof check_kind / sizeof *check_kind == KS_KIND_COUNT,
               "a kind without its checks");

static void check_corridor_orders(ctx *x) {
  const ks_content *c = x->c;
  for (size_t i = 0; i < c->n_exhibits; i++) {
    const ks_exhibit *a = &c->exhibits[i];
    if (a->kind != KS_KIND_CITY || !a->corridor || a->corridor_order < 1)
      continue;
    for (size_t k = 0; k < i; k++) {
      const ks_exhibit *b = &c->exhibits[k];
      if (b->kind == KS_KIND_CITY && b->corridor && b->corridor_order == a->corridor_order &&
          strcmp(a->corridor, b->corridor) == 0)
        report(x, KS_ERROR, a, a->lines.corridor, "corridor_order %d is also %s's",
               a->corridor_order, b->id);
    }
  }
}

static void check_exhibit(ctx *x, const ks_exhibit *e) {
  if (!e->id) {
    report(x, KS_ERROR, e, 1, "the exhibit has no id:");
    return;
  }
  if (!ks_id_valid(e->id))
    report(x, KS_ERROR, e, e->lines.id, "id \"%s\" must be 3-64 characters of a-z, 0-9 and -",
           e->id);
  check_i18n(x, e, &e->title, "title", true, false, MAX_TITLE_ZH, MAX_TITLE_EN);
  check_i18n(x, e, &e->summary, "summary", true, false, MAX_SUMMARY_ZH, MAX_SUMMARY_EN);
  ks_lang d = ks_content_default_lang(x->c);
  const char *dtag = ks_content_lang_tag(x->c, d);
  if (dtag && !e->body.s[d])
    report(x, KS_ERROR, e, e->lines.body,
           "the exhibit has no body in %s (a \"# %s\" section), the default language", dtag, dtag);
  for (ks_lang l = 0; l < x->c->meta.n_languages && l < KS_LANG_MAX; l++) {
    const char *tag = x->c->meta.languages[l];
    if (l != d && !e->body.s[l] && e->body.s[d])
      report(x, KS_WARNING, e, e->lines.body,
             "the exhibit has no body in %s (a \"# %s\" section); the kiosk will show the %s body "
             "instead",
             tag, tag, dtag);
    char what[64];
    snprintf(what, sizeof what, "body (%s)", tag);
    check_text_lang(x, e, e->lines.body, what, e->body.s[l], tag, true, MAX_BODY);
  }
  check_text(x, e, 0, "date_note", e->date_note, false, MAX_NOTE);
  check_citations(x, e);
  check_links(x, e);
  check_images(x, e);
  check_showing(x, e);
  check_url(x, e, (ks_loc){.line = e->lines.url}, NULL, e->url);
  if ((unsigned)e->kind < KS_KIND_COUNT)
    check_kind[e->kind](x, e);
}

void ks_validate(const ks_content *content, const ks_validate_opts *opts, ks_diag *diag) {
  ctx x = {.c = content, .opts = opts, .diag = diag};
  if (!opts->glyphs)
    ks_diag_add(diag, KS_WARNING, (ks_loc){.file = content->origin},
                "the bundled fonts were not found, so glyph coverage was not checked");
  load_source_texts(&x);
  check_meta(&x);
  check_sources(&x);
  for (size_t i = 0; i < content->n_exhibits; i++) {
    const ks_exhibit *e = &content->exhibits[i];
    if (i > 0 && e->id && content->exhibits[i - 1].id &&
        strcmp(e->id, content->exhibits[i - 1].id) == 0) {
      const ks_exhibit *first = &content->exhibits[i - 1];
      report(&x, KS_ERROR, e, e->lines.id, "id \"%s\" is used twice (also %s)", e->id,
             first->file ? first->file : "in this pack");
    }
    check_exhibit(&x, e);
    if (opts->progress)
      opts->progress(opts->progress_ctx, i + 1, content->n_exhibits);
  }
  check_corridor_orders(&x);
  ks_validate_editorial(content, x.folded_sources, diag);
  if (content->n_exhibits == 0 && ks_diag_count(diag, KS_ERROR) == 0)
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = content->origin}, "the pack holds no exhibits");
  for (size_t i = 0; i < content->n_sources; i++)
    free(x.folded_sources[i]);
  free(x.folded_sources);
}
