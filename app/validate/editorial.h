/* Private to the validator: the editorial rules of the curators' edition (content/README.md,
 * "Editorial rules") — one English form per glossary term, no Chinese left in English texts,
 * sources titled in English, dates honest about what they are, quotations verbatim and relative
 * time words dated. Kept apart from validate.c's checks of form. */
#ifndef KIOSK_VALIDATE_EDITORIAL_H
#define KIOSK_VALIDATE_EDITORIAL_H

#include "kiosk/validate.h"

#include <stdarg.h>

/* Where a finding about `e` points: its file and `line` (its id's line when 0), or the pack and
 * the exhibit's id when it was read from a pack. Shared with validate.c. */
ks_loc ks_validate_exhibit_loc(const ks_content *c, const ks_exhibit *e, int line);
/* Adds a finding about `e` at `line` (see ks_validate_exhibit_loc), formatted from `fmt` and
 * `ap`. Shared with validate.c. */
void ks_validate_vreport(ks_diag *diag, const ks_content *c, ks_severity sev, const ks_exhibit *e,
                         int line, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

/* Reports the editorial findings of `content` to `diag` when it was loaded from a source folder
 * (nothing for a built pack, which passed them when it was built). `folded_sources` has one entry
 * per source of `content`: its article folded by ks_quote_fold, or NULL when it was not read (no
 * --sources-dir); quotations are checked only against articles that were read. */
void ks_validate_editorial(const ks_content *content, char *const *folded_sources, ks_diag *diag);

#endif
