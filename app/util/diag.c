#include "kiosk/diag.h"

#include "kiosk/mem.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  ks_severity sev;
  char *file;    /* owned, may be NULL */
  int line;      /* 0 when none */
  char *exhibit; /* owned, may be NULL */
  char *message; /* owned */
  char *text;    /* owned: the finding as printed */
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
  if (f->file && f->line > 0)
    f->text = format("%s:%d: %s: %s", f->file, f->line, word, f->message);
  else if (f->exhibit)
    f->text = format("%s%sexhibit %s: %s: %s", f->file ? f->file : "", f->file ? ": " : "",
                     f->exhibit, word, f->message);
  else if (f->file)
    f->text = format("%s: %s: %s", f->file, word, f->message);
  else
    f->text = format("%s: %s", word, f->message);
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

/* Writes `s` as a JSON string. Input is UTF-8 (or, for messages quoting bad input, already
 * escaped by the caller); control bytes are escaped so the output always parses. */
static void json_string(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\')
      fprintf(out, "\\%c", *p);
    else if (*p < 0x20 || *p == 0x7f)
      fprintf(out, "\\u%04x", *p);
    else
      fputc(*p, out);
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
      json_string(out, f->file);
    }
    if (f->line > 0)
      fprintf(out, ",\"line\":%d", f->line);
    if (f->exhibit) {
      fputs(",\"exhibit\":", out);
      json_string(out, f->exhibit);
    }
    fputs(",\"message\":", out);
    json_string(out, f->message);
    fputc('}', out);
  }
  fputs("]}\n", out);
}
