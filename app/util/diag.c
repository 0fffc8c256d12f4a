#include "kiosk/diag.h"

#include "kiosk/mem.h"
#include "kiosk/utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  ks_severity sev;
  char *file;    /* owned, may be NULL */
  int line;      /* 0 when none */
  char *exhibit; /* owned, may be NULL */
  char *message; /* owned */
  char *text;    /* owned: the finding as printed, names in it escaped (ks_text_escape) */
} finding;

struct ks_diag {
  finding *items; /* in the order they were added */
  size_t count, cap;
  size_t errors, warnings;
};

ks_diag *ks_diag_create(void) { return ks_xcalloc(1, sizeof(ks_diag)); }

void ks_diag_destroy(ks_diag *diag) {
  if (!diag)
    return;
  for (size_t i = 0; i < diag->count; i++) {
    finding *f = &diag->items[i];
    free(f->file);
    free(f->exhibit);
    free(f->message);
    free(f->text);
  }
  free(diag->items);
  free(diag);
}

static char *vformat(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
static char *vformat(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    n = 0;
  char *s = ks_xmalloc((size_t)n + 1);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

static char *format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *format(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = vformat(fmt, ap);
  va_end(ap);
  return s;
}

static void vadd(ks_diag *diag, ks_severity sev, ks_loc loc, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
static void vadd(ks_diag *diag, ks_severity sev, ks_loc loc, const char *fmt, va_list ap) {
  ks_grow((void **)&diag->items, &diag->cap, diag->count, sizeof(finding));
  finding *f = &diag->items[diag->count++];
  f->sev = sev;
  f->file = loc.file ? ks_xstrdup(loc.file) : NULL;
  f->line = loc.line;
  f->exhibit = loc.exhibit ? ks_xstrdup(loc.exhibit) : NULL;
  f->message = vformat(fmt, ap);
  const char *word = sev == KS_ERROR ? "error" : "warning";
  char *text;
  if (f->file && f->line > 0)
    text = format("%s:%d: %s: %s", f->file, f->line, word, f->message);
  else if (f->exhibit)
    text = format("%s%sexhibit %s: %s: %s", f->file ? f->file : "", f->file ? ": " : "", f->exhibit,
                  word, f->message);
  else if (f->file)
    text = format("%s: %s: %s", f->file, word, f->message);
  else
    text = format("%s: %s", word, f->message);
  /* The file, the exhibit and the message all carry names from outside (a file on a stick, a
   * pack's id, a value quoted from content): the printed form escapes them all, so that no
   * finding can forge another line or drive the terminal it is read on. */
  f->text = ks_text_escape_dup(text);
  free(text);
  if (sev == KS_ERROR)
    diag->errors++;
  else
    diag->warnings++;
}

void ks_diag_add(ks_diag *diag, ks_severity sev, ks_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vadd(diag, sev, loc, fmt, ap);
  va_end(ap);
}

void ks_diag_error(ks_diag *diag, const char *file, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vadd(diag, KS_ERROR, (ks_loc){.file = file, .line = line}, fmt, ap);
  va_end(ap);
}

void ks_diag_warning(ks_diag *diag, const char *file, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vadd(diag, KS_WARNING, (ks_loc){.file = file, .line = line}, fmt, ap);
  va_end(ap);
}

size_t ks_diag_count(const ks_diag *diag, ks_severity sev) {
  return sev == KS_ERROR ? diag->errors : diag->warnings;
}

size_t ks_diag_size(const ks_diag *diag) { return diag->count; }

const char *ks_diag_text(const ks_diag *diag, size_t i) {
  return i < diag->count ? diag->items[i].text : NULL;
}

ks_severity ks_diag_severity(const ks_diag *diag, size_t i) { return diag->items[i].sev; }

bool ks_diag_contains(const ks_diag *diag, const char *needle) {
  for (size_t i = 0; i < diag->count; i++)
    if (strstr(diag->items[i].text, needle))
      return true;
  return false;
}

void ks_diag_print(const ks_diag *diag, FILE *out) {
  for (size_t i = 0; i < diag->count; i++)
    fprintf(out, "%s\n", diag->items[i].text);
  fprintf(out, "%zu error%s, %zu warning%s\n", diag->errors, diag->errors == 1 ? "" : "s",
          diag->warnings, diag->warnings == 1 ? "" : "s");
}

/* Writes `s` as a JSON string that always parses and holds nothing a terminal acts on: quotes
 * and backslashes escaped, controls (ks_text_is_control) as \\uNNNN — which a parser turns back
 * into the exact name — and bytes that are not UTF-8, which JSON cannot carry, as the visible
 * text \\xNN (ks_text_escape's form). */
void ks_diag_json_string(FILE *out, const char *s) {
  fputc('"', out);
  for (size_t i = 0, n = strlen(s); i < n;) {
    uint32_t cp;
    size_t k = ks_utf8_decode(s + i, n - i, &cp);
    if (k == 0)
      fprintf(out, "\\\\x%02x", (unsigned char)s[i++]);
    else if (cp == '"' || cp == '\\')
      fprintf(out, "\\%c", (char)cp);
    else if (ks_text_is_control(cp))
      fprintf(out, "\\u%04x", (unsigned)cp);
    else
      fwrite(s + i, 1, k, out);
    i += k; /* 0 after a bad byte, already stepped over */
  }
  fputc('"', out);
}

void ks_diag_print_json(const ks_diag *diag, FILE *out) {
  fprintf(out, "{\"errors\":%zu,\"warnings\":%zu,\"findings\":[", diag->errors, diag->warnings);
  for (size_t i = 0; i < diag->count; i++) {
    const finding *f = &diag->items[i];
    fprintf(out, "%s\n{\"severity\":\"%s\"", i ? "," : "",
            f->sev == KS_ERROR ? "error" : "warning");
    if (f->file) {
      fputs(",\"file\":", out);
      ks_diag_json_string(out, f->file);
    }
    if (f->line > 0)
      fprintf(out, ",\"line\":%d", f->line);
    if (f->exhibit) {
      fputs(",\"exhibit\":", out);
      ks_diag_json_string(out, f->exhibit);
    }
    fputs(",\"message\":", out);
    ks_diag_json_string(out, f->message);
    fputc('}', out);
  }
  fputs("]}\n", out);
}

/* Writes `s` as XML character data or an attribute's value: first as ks_text_escape shows it to
 * people (controls as visible \\n, \\xNN: XML 1.0 cannot carry most of them even as references,
 * and bytes that are not UTF-8 become text), then the five characters markup uses, as entities. */
static void xml_text(FILE *out, const char *s) {
  char *shown = ks_text_escape_dup(s ? s : "");
  for (const char *p = shown; *p; p++) {
    switch (*p) {
    case '&':
      fputs("&amp;", out);
      break;
    case '<':
      fputs("&lt;", out);
      break;
    case '>':
      fputs("&gt;", out);
      break;
    case '"':
      fputs("&quot;", out);
      break;
    case '\'':
      fputs("&apos;", out);
      break;
    default:
      fputc(*p, out);
    }
  }
  free(shown);
}

static const char *finding_key(const finding *f, const char *suite) {
  return f->exhibit ? f->exhibit : f->file ? f->file : suite;
}

/* Whether `key` is among the first `n` of `keys`, or is the key of a finding before `before`. */
static bool key_seen(const ks_diag *diag, const char *suite, const char *const *keys, size_t n,
                     size_t before, const char *key) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(keys[i], key) == 0)
      return true;
  for (size_t i = 0; i < before; i++)
    if (strcmp(finding_key(&diag->items[i], suite), key) == 0)
      return true;
  return false;
}

static bool key_has_error(const ks_diag *diag, const char *suite, const char *key) {
  for (size_t i = 0; i < diag->count; i++)
    if (diag->items[i].sev == KS_ERROR && strcmp(finding_key(&diag->items[i], suite), key) == 0)
      return true;
  return false;
}

/* One <testcase> for `key`, with the findings that name it. */
static void junit_case(const ks_diag *diag, const char *suite, const char *key, FILE *out) {
  const finding *first_error = NULL;
  size_t warnings = 0;
  for (size_t i = 0; i < diag->count; i++) {
    const finding *f = &diag->items[i];
    if (strcmp(finding_key(f, suite), key) != 0)
      continue;
    if (f->sev == KS_ERROR && !first_error)
      first_error = f;
    warnings += f->sev == KS_WARNING;
  }
  fputs("<testcase name=\"", out);
  xml_text(out, key);
  fputs("\" classname=\"", out);
  xml_text(out, suite);
  fputs("\">", out);
  if (first_error) {
    fputs("\n<failure type=\"error\" message=\"", out);
    if (first_error->line > 0)
      fprintf(out, "line %d: ", first_error->line);
    xml_text(out, first_error->message);
    fputs("\">", out);
    for (size_t i = 0; i < diag->count; i++)
      if (diag->items[i].sev == KS_ERROR && strcmp(finding_key(&diag->items[i], suite), key) == 0) {
        xml_text(out,
                 diag->items[i].text); /* already escaped once: escaping again changes nothing */
        fputc('\n', out);
      }
    fputs("</failure>", out);
  }
  if (warnings) {
    fputs("\n<system-out>", out);
    for (size_t i = 0; i < diag->count; i++)
      if (diag->items[i].sev == KS_WARNING &&
          strcmp(finding_key(&diag->items[i], suite), key) == 0) {
        xml_text(out, diag->items[i].text);
        fputc('\n', out);
      }
    fputs("</system-out>", out);
  }
  fputs("</testcase>\n", out);
}

void ks_diag_print_junit(const ks_diag *diag, const char *suite, const char *const *keys,
                         size_t n_keys, FILE *out) {
  size_t tests = n_keys, failures = 0;
  for (size_t i = 0; i < diag->count; i++)
    tests += !key_seen(diag, suite, keys, n_keys, i, finding_key(&diag->items[i], suite));
  for (size_t i = 0; i < n_keys; i++)
    failures += key_has_error(diag, suite, keys[i]);
  for (size_t i = 0; i < diag->count; i++) {
    const char *key = finding_key(&diag->items[i], suite);
    if (!key_seen(diag, suite, keys, n_keys, i, key))
      failures += key_has_error(diag, suite, key);
  }
  fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n<testsuite name=\"", out);
  xml_text(out, suite);
  fprintf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n", tests, failures);
  for (size_t i = 0; i < n_keys; i++)
    junit_case(diag, suite, keys[i], out);
  for (size_t i = 0; i < diag->count; i++) {
    const char *key = finding_key(&diag->items[i], suite);
    if (!key_seen(diag, suite, keys, n_keys, i, key))
      junit_case(diag, suite, key, out);
  }
  fputs("</testsuite>\n</testsuites>\n", out);
}

void ks_diag_log(FILE *out, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *line = vformat(fmt, ap);
  va_end(ap);
  char *shown = ks_text_escape_dup(line);
  fprintf(out, "%s\n", shown);
  free(shown);
  free(line);
}
