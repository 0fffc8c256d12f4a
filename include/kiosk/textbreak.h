/* Line breaking for mixed Chinese and English text: the break opportunities of UAX #14
 * (libunibreak), tightened by the Chinese rules that no line starts with closing punctuation
 * (。，、；：？！」）》…) and none ends with an opening one (「（《…), then greedy filling to a
 * width measured by the caller, with an ellipsis where a text is cut to a number of lines. */
#ifndef KIOSK_TEXTBREAK_H
#define KIOSK_TEXTBREAK_H

#include <stdbool.h>
#include <stddef.h>

/* Width, in the caller's units (pixels), of `len` bytes of UTF-8 at `text` set on one line. */
typedef int (*ks_measure_fn)(void *ctx, const char *text, size_t len);

typedef struct {
  size_t start;  /* byte offset of the line in the text */
  size_t len;    /* bytes, without the spaces and line break that end it */
  int width;     /* measured width of those bytes, plus the ellipsis when there is one */
  bool ellipsis; /* the text was cut here: draw the ellipsis after the line */
  int indent;    /* how far left of the box the line is drawn: half the width of a full-width
                    opening bracket or quote that starts it, set in half width (W3C clreq) */
} ks_line;

typedef struct {
  int max_width;        /* the width lines must fit */
  size_t max_lines;     /* 0: as many as the text needs */
  const char *lang;     /* "zh" or "en": libunibreak tailors a few classes by language */
  const char *ellipsis; /* drawn where the text is cut; "…" when NULL */
  int ellipsis_width;   /* its width; 0: measured with the callback */
} ks_break_opts;

/* Prepares libunibreak's tables. Call once at start-up, before any thread uses ks_text_break. */
void ks_text_break_init(void);

/* Breaks `len` bytes of valid UTF-8 into at most `cap` lines (and at most opts->max_lines) that
 * each fit opts->max_width, and returns how many it wrote. A word wider than a whole line is cut
 * between characters. When the text does not fit in the lines allowed, the last line is
 * shortened so that the ellipsis fits after it and marked `ellipsis`. A whole text's last line
 * never holds a single Chinese character (with the punctuation after it) where the line before
 * can give it one more. A line that starts with a full-width opening bracket or quote has its
 * `indent` set to half that mark's width (quotes only where `lang` is not "en", which sets them
 * proportionally). */
size_t ks_text_break(const char *text, size_t len, const ks_break_opts *opts, ks_measure_fn measure,
                     void *ctx, ks_line *lines, size_t cap);

/* For a text of parts joined by `dot` with spaces around it, such as a subtitle ("40 座城市与地方
 * · 轻触地图上的城市"): when it is wider than max_width, writes to `out` the parts with a '\n'
 * instead of each separator that ends a line, as many parts a line as fit, so that it breaks
 * between parts, not inside one. Returns `text` itself when it fits on one line, has no `dot` or
 * is too long for `out`; otherwise `out`. */
const char *ks_text_break_between(const char *text, const char *dot, int max_width,
                                  ks_measure_fn measure, void *ctx, char *out, size_t size);

#endif
