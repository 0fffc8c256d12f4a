/* The checks a pack must pass, on content loaded from a source folder or from a built pack: the
 * gate curators and CI run, and the one the kiosk runs before it installs a pack. */
#ifndef KIOSK_VALIDATE_H
#define KIOSK_VALIDATE_H

#include "kiosk/content.h"
#include "kiosk/diag.h"
#include "kiosk/glyphs.h"

#include <stdbool.h>

typedef struct {
  ks_glyphs *glyphs;       /* the bundled fonts; NULL skips the glyph check (with a warning) */
  const char *sources_dir; /* folder of the source articles; NULL skips the quote check */
  /* Called after each exhibit is checked, with how many of how many (a terminal's progress);
   * NULL: none. */
  void (*progress)(void *ctx, size_t done, size_t total);
  void *progress_ctx;
} ks_validate_opts;

/* Reports every problem of `content` to `diag`: required fields, unique ids, links, dates,
 * coordinates, text encoding and length, glyph coverage, images, sources and quotes. */
void ks_validate(const ks_content *content, const ks_validate_opts *opts, ks_diag *diag);

typedef enum { KS_DATE_YEAR, KS_DATE_MONTH, KS_DATE_DAY } ks_date_precision;

typedef struct {
  int year, month, day; /* month and day are 0 when the precision does not reach them */
  ks_date_precision precision;
} ks_date;

/* Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" as a real date. On failure returns false and says why
 * in `why` ("is not a valid month"), to follow the quoted date in a message. */
bool ks_date_parse(const char *s, ks_date *date, char *why, size_t why_size);
const char *ks_date_precision_name(ks_date_precision precision); /* "year", "month", "day" */

/* Whether `url` may be shown as a QR code: an absolute http:// or https:// address of at most
 * KS_URL_MAX bytes, printable ASCII only (other characters percent-encoded), with a host name
 * and no user name before it. On failure says why in `why` ("is not an http:// or https://
 * address"), to follow the quoted url in a message. */
bool ks_url_check(const char *url, char *why, size_t why_size);

/* Folds a text for quote matching: drops white space, maps full-width ，：；（）！？ to ASCII,
 * applies the corrections. Returns a malloc'd string. */
char *ks_quote_fold(const char *text, const ks_correction *corrections, size_t n_corrections);

#endif
