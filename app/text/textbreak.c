#include "kiosk/textbreak.h"

#include "kiosk/lang.h"
#include "kiosk/mem.h"
#include "kiosk/utf8.h"

#include <linebreak.h>
#include <stdlib.h>
#include <string.h>

/* Characters that must not begin a line: closing punctuation and marks that belong to the word
 * before them. UAX #14 already keeps most of them (classes CL, CP, EX, IS, NS) off a line's start;
 * the list makes the rule hold whatever libunibreak's tailoring, and adds the few it lets through
 * (the ideographic iteration mark, prolonged sound mark, small kana, ellipses and dashes). */
static bool no_line_start(uint32_t c) {
  static const uint32_t set[] = {0x3002, 0xff0c, 0x3001, 0xff1b, 0xff1a, 0xff1f, 0xff01, 0x300d,
                                 0x300f, 0xff09, 0x300b, 0x3009, 0x3011, 0x3015, 0x3017, 0x3019,
                                 0x201d, 0x2019, 0xff0e, 0x2026, 0x2025, 0x30fc, 0x3005, 0x2014,
                                 0xff5e, 0x00b7, 0x30fb, 0x2030, 0x2103, 0xff05, ',',    '.',
                                 ';',    ':',    '?',    '!',    ')',    ']',    '}',    '%'};
  for (size_t i = 0; i < sizeof set / sizeof *set; i++)
    if (set[i] == c)
      return true;
  return false;
}

/* Characters that must not end a line: opening brackets and quotes. */
static bool no_line_end(uint32_t c) {
  static const uint32_t set[] = {0x300c, 0x300e, 0xff08, 0x300a, 0x3008, 0x3010, 0x3014,
                                 0x3016, 0x3018, 0x201c, 0x2018, '(',    '[',    '{'};
  for (size_t i = 0; i < sizeof set / sizeof *set; i++)
    if (set[i] == c)
      return true;
  return false;
}

/* Opening marks that Chinese type sets in a full em, with their ink in the right half: at a
 * line's start, clreq sets them in half width. The curly quotes only where the text is Chinese
 * (English shapes them proportionally). */
static bool half_width_at_start(uint32_t c, const char *lang) {
  static const uint32_t set[] = {0x300c, 0x300e, 0xff08, 0x300a, 0x3008,
                                 0x3010, 0x3014, 0x3016, 0x3018, 0xff3b};
  if (c == 0x201c || c == 0x2018)
    return !lang || ks_lang_is_cjk(lang);
  for (size_t i = 0; i < sizeof set / sizeof *set; i++)
    if (set[i] == c)
      return true;
  return false;
}

static bool is_ideograph(uint32_t c) {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) ||
         (c >= 0x20000 && c <= 0x3ffff);
}

void ks_text_break_init(void) { init_linebreak(); }

static bool is_space(char c) { return c == ' ' || c == '\t'; }

/* Byte length of the UTF-8 character at `s` (1 for a stray byte, so progress is certain). */
static size_t char_len(const char *s, size_t n) {
  uint32_t cp;
  size_t k = ks_utf8_decode(s, n, &cp);
  return k ? k : 1;
}

static uint32_t char_at(const char *s, size_t n) {
  uint32_t cp = 0;
  if (!ks_utf8_decode(s, n, &cp))
    cp = (unsigned char)*s;
  return cp;
}

/* Break opportunities after each byte (libunibreak's codes), with the Chinese rules applied. */
static char *break_table(const char *text, size_t len, const char *lang) {
  char *brks = ks_xmalloc(len ? len : 1);
  if (len)
    set_linebreaks_utf8((const utf8_t *)text, len, lang, brks);
  for (size_t i = 0; i < len;) {
    size_t k = char_len(text + i, len - i);
    size_t end = i + k - 1; /* the byte after which a break would fall */
    if (end + 1 < len && brks[end] == LINEBREAK_ALLOWBREAK) {
      uint32_t before = char_at(text + i, len - i);
      uint32_t after = char_at(text + end + 1, len - end - 1);
      if (no_line_end(before) || no_line_start(after))
        brks[end] = LINEBREAK_NOBREAK;
    }
    i += k;
  }
  return brks;
}

/* Trailing spaces do not count toward a line's width. */
static size_t trim_end(const char *text, size_t start, size_t end) {
  while (end > start && is_space(text[end - 1]))
    end--;
  return end;
}

/* The byte offset of the character before `pos` (which is > `start`). */
static size_t prev_char(const char *text, size_t start, size_t pos) {
  do
    pos--;
  while (pos > start && ((unsigned char)text[pos] & 0xc0) == 0x80);
  return pos;
}

/* The longest prefix of [start, end) that fits `width`, cut between characters, and then moved
 * back while the cut would start the next line with closing punctuation or end this one with an
 * opening one. At least one character, so that a line always advances. */
static size_t fit_chars(const char *text, size_t start, size_t end, size_t len, int width,
                        ks_measure_fn measure, void *ctx) {
  size_t first = start + char_len(text + start, end - start), best = first;
  for (size_t i = best; i < end;) {
    size_t k = char_len(text + i, end - i);
    if (measure(ctx, text + start, i + k - start) > width)
      break;
    i += k;
    best = i;
  }
  while (best > first && best < len) {
    size_t prev = prev_char(text, start, best);
    if (!no_line_start(char_at(text + best, len - best)) &&
        !no_line_end(char_at(text + prev, best - prev)))
      break;
    best = prev;
  }
  return best;
}

/* Shortens `line` until it and the ellipsis fit, and marks it. */
static void add_ellipsis(const char *text, ks_line *line, const ks_break_opts *opts,
                         ks_measure_fn measure, void *ctx) {
  const char *dots = opts->ellipsis ? opts->ellipsis : "…";
  int dots_w = opts->ellipsis_width ? opts->ellipsis_width : measure(ctx, dots, strlen(dots));
  size_t end = line->start + line->len;
  while (end > line->start &&
         measure(ctx, text + line->start, end - line->start) + dots_w > opts->max_width)
    end = prev_char(text, line->start, end);
  /* Not after an opening bracket or a space: "（…" reads as a mistake. */
  while (end > line->start) {
    size_t prev = prev_char(text, line->start, end);
    if (!is_space(text[prev]) && !no_line_end(char_at(text + prev, end - prev)))
      break;
    end = prev;
  }
  line->len = end - line->start;
  line->width = measure(ctx, text + line->start, line->len) + dots_w;
  line->ellipsis = true;
}

/* Whether [start, end) is one ideograph and nothing after it but closing punctuation. */
static bool single_character(const char *text, size_t start, size_t end) {
  if (start >= end || !is_ideograph(char_at(text + start, end - start)))
    return false;
  for (size_t i = start + char_len(text + start, end - start); i < end;
       i += char_len(text + i, end - i))
    if (!no_line_start(char_at(text + i, end - i)))
      return false;
  return true;
}

/* A text's last line of one character takes one more from the line before (clreq): the break
 * moves back to the previous opportunity, where the line before keeps some text and the last
 * line still fits. Not after a hard line break, where the two are different paragraphs. */
static void avoid_single_last_character(const char *text, const char *brks, ks_line *prev,
                                        ks_line *last, int max_width, ks_measure_fn measure,
                                        void *ctx) {
  size_t end = last->start + last->len;
  if (!single_character(text, last->start, end) || text[last->start - 1] == '\n')
    return;
  for (size_t p = prev_char(text, prev->start, prev->start + prev->len); p > prev->start;
       p = prev_char(text, prev->start, p)) {
    if (brks[p - 1] != LINEBREAK_ALLOWBREAK)
      continue;
    int w = measure(ctx, text + p, end - p);
    if (w > max_width)
      return;
    *last = (ks_line){.start = p, .len = end - p, .width = w};
    prev->len = trim_end(text, prev->start, p) - prev->start;
    prev->width = measure(ctx, text + prev->start, prev->len);
    return;
  }
}

size_t ks_text_break(const char *text, size_t len, const ks_break_opts *opts, ks_measure_fn measure,
                     void *ctx, ks_line *lines, size_t cap) {
  size_t limit = opts->max_lines && opts->max_lines < cap ? opts->max_lines : cap;
  if (limit == 0 || len == 0)
    return 0;
  char *brks = break_table(text, len, opts->lang ? opts->lang : "zh");
  size_t n = 0, start = 0;
  while (start < len && n < limit) {
    /* Walk the break opportunities, keeping the last one at which the line still fits:
     * `next` is where the following line starts, `end` where this one's ink ends. */
    size_t next = 0, end = 0, over = len, pos = start;
    while (pos < len) {
      size_t after = pos + char_len(text + pos, len - pos);
      int code = brks[after - 1];
      pos = after;
      if (code != LINEBREAK_ALLOWBREAK && code != LINEBREAK_MUSTBREAK)
        continue;
      bool newline = code == LINEBREAK_MUSTBREAK && text[after - 1] == '\n';
      size_t ink = trim_end(text, start, newline ? after - 1 : after);
      if (measure(ctx, text + start, ink - start) > opts->max_width) {
        over = ink;
        break;
      }
      next = after, end = ink;
      if (code == LINEBREAK_MUSTBREAK)
        break;
    }
    if (next == 0) /* not even the first word fits: cut it between characters */
      next = end = fit_chars(text, start, over, len, opts->max_width, measure, ctx);
    ks_line *line = &lines[n++];
    *line = (ks_line){.start = start, .len = end - start};
    line->width = measure(ctx, text + start, line->len);
    start = next;
    while (start < len && is_space(text[start])) /* spaces after a break belong to no line */
      start++;
  }
  if (start < len && n > 0)
    add_ellipsis(text, &lines[n - 1], opts, measure, ctx);
  else if (n > 1)
    avoid_single_last_character(text, brks, &lines[n - 2], &lines[n - 1], opts->max_width, measure,
                                ctx);
  for (size_t i = 0; i < n; i++) {
    ks_line *l = &lines[i];
    if (l->len && half_width_at_start(char_at(text + l->start, l->len), opts->lang)) {
      size_t k = char_len(text + l->start, l->len);
      l->indent = measure(ctx, text + l->start, k) / 2;
    }
  }
  free(brks);
  return n;
}

const char *ks_text_break_between(const char *text, const char *dot, int max_width,
                                  ks_measure_fn measure, void *ctx, char *out, size_t size) {
  size_t len = strlen(text), dot_len = strlen(dot);
  if (len >= size || dot_len == 0 || !strstr(text, dot) || measure(ctx, text, len) <= max_width)
    return text;
  /* out never grows past text: a separator (spaces, dot, spaces) becomes at most one '\n'. */
  size_t n = 0, line = 0, i = 0, prev_end = 0;
  while (i < len) {
    const char *sep = strstr(text + i, dot);
    size_t end = sep ? (size_t)(sep - text) : len;
    while (end > i && text[end - 1] == ' ')
      end--;
    size_t before = n; /* the separator as written, then the part */
    memcpy(out + n, text + prev_end, end - prev_end);
    n += end - prev_end;
    if (before > line && measure(ctx, out + line, n - line) > max_width) {
      n = before; /* it does not fit: the part starts a line of its own */
      out[n++] = '\n';
      line = n;
      memcpy(out + n, text + i, end - i);
      n += end - i;
    }
    prev_end = end;
    if (!sep)
      break;
    for (i = (size_t)(sep - text) + dot_len; text[i] == ' '; i++)
      ;
  }
  out[n] = '\0';
  return out;
}
