/* Findings for people and machines: each one an error or a warning with where it is (a file and
 * line of a content source, or an exhibit of a built pack) and a message that says what to do.
 * Printed like a compiler's (`content/events/x.md:4: error: …`) or as JSON. */
#ifndef KIOSK_DIAG_H
#define KIOSK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { KS_WARNING, KS_ERROR } ks_severity;

/* Where a finding is. Any member may be NULL or 0 when unknown. */
typedef struct {
  const char *file;    /* a content source file or a pack path */
  int line;            /* 1-based line in `file`, 0 when none */
  const char *exhibit; /* exhibit id, for findings in a built pack */
} ks_loc;

typedef struct ks_diag ks_diag;

ks_diag *ks_diag_create(void);
void ks_diag_destroy(ks_diag *diag);

/* Records a finding; strings are copied. */
void ks_diag_add(ks_diag *diag, ks_severity sev, ks_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Shorthands for ks_diag_add with a file and line. */
void ks_diag_error(ks_diag *diag, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void ks_diag_warning(ks_diag *diag, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

size_t ks_diag_count(const ks_diag *diag, ks_severity sev);
size_t ks_diag_size(const ks_diag *diag);
/* The i-th finding as it prints, without a newline; valid until the diag is destroyed. */
const char *ks_diag_text(const ks_diag *diag, size_t i);
ks_severity ks_diag_severity(const ks_diag *diag, size_t i);
/* True when some finding's printed text contains `needle`. For tests and scripts. */
bool ks_diag_contains(const ks_diag *diag, const char *needle);

/* Everything below prints names with their control characters escaped (ks_text_escape): a file
 * named "x\n[fake] error" or holding ESC [2J prints as one visible line. The stored finding keeps
 * the name exact; ks_diag_text is its printed, escaped form. */

/* Prints every finding, then "N errors, M warnings". */
void ks_diag_print(const ks_diag *diag, FILE *out);
/* Prints {"errors":N,"warnings":M,"findings":[{"severity":…,"file":…,"line":…,
 * "exhibit":…,"message":…}]} */
void ks_diag_print_json(const ks_diag *diag, FILE *out);
/* Writes `s` as a JSON string that always parses and holds nothing a terminal acts on: quotes and
 * backslashes escaped, control characters as \uNNNN, bytes that are not UTF-8 as the visible
 * text \xNN. */
void ks_diag_json_string(FILE *out, const char *s);

/* Writes the findings as JUnit XML, which CI systems (GitLab, Jenkins, GitHub's test reporters)
 * show inline: one <testsuite> named `suite` (the path checked), one <testcase> per key in `keys`
 * (the files or exhibits that were checked, `n_keys` of them, in that order) and then one per
 * other file or exhibit a finding names; a case with errors has one <failure> whose message is its
 * first error and whose text lists them all, and its warnings go to <system-out>. A finding's key
 * is its exhibit, else its file, else `suite`. Every name is escaped as ks_diag_log escapes it and
 * then for XML, so the report is well-formed whatever the names hold. */
void ks_diag_print_junit(const ks_diag *diag, const char *suite, const char *const *keys,
                         size_t n_keys, FILE *out);

/* Prints one line for people (the kiosk's log, a command's message): the formatted text with
 * every control character escaped, then a newline. Every line that may carry a name from outside
 * — a path on a stick, a file, a pack's id, an argument — is printed through this or
 * ks_diag_print, so no caller can forget the escape. */
void ks_diag_log(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
