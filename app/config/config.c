#include "kiosk/config.h"

#include "kiosk/lang.h"

#include "kiosk/fileio.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_FILE = 1 << 20 }; /* the documented file is a few KB */

void ks_config_defaults(ks_config *c) {
  *c = (ks_config){.idle_timeout = 90,
                   .n_watch = 2,
                   .rollback_failures = 3,
                   .rollback_minutes = 10,
                   .stats = true,
                   .fleet_report_s = 60};
  snprintf(c->data_dir, sizeof c->data_dir, "%s", "/var/lib/kiosk");
  snprintf(c->watch[0], sizeof c->watch[0], "%s", "/media");
  snprintf(c->watch[1], sizeof c->watch[1], "%s", "/run/media");
  ks_schedule_defaults(&c->schedule);
}

typedef struct {
  ks_config *c;
  const char *path;
  int line; /* the line being read, for every finding */
  ks_diag *diag;
  bool watch_set; /* the first watch line replaces the defaults, later ones add */
} parse_ctx;

static void bad(parse_ctx *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bad(parse_ctx *p, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  ks_diag_error(p->diag, p->path, p->line, "%s", msg);
}

bool ks_config_name_ok(const char *name) {
  size_t n = strlen(name);
  if (n == 0 || n >= KS_FLEET_NAME_MAX || name[0] == '.' || name[0] == '-')
    return false;
  for (size_t i = 0; i < n; i++) {
    char ch = name[i];
    bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '_' || ch == '-';
    if (!ok)
      return false;
  }
  return true;
}

static bool parse_bool(const char *v, bool *out) {
  static const char *yes[] = {"true", "yes", "on", "1"}, *no[] = {"false", "no", "off", "0"};
  for (size_t i = 0; i < 4; i++) {
    if (strcmp(v, yes[i]) == 0)
      return *out = true, true;
    if (strcmp(v, no[i]) == 0)
      return *out = false, true;
  }
  return false;
}

static bool parse_int(const char *v, long lo, long hi, int *out) {
  char *end;
  errno = 0;
  long n = strtol(v, &end, 10);
  if (errno || end == v || *end || n < lo || n > hi)
    return false;
  *out = (int)n;
  return true;
}

/* A length from `lo` to `hi`, the whole value (white space around it allowed). */
static bool parse_length(const char *v, double lo, double hi, char **end, float *out) {
  errno = 0;
  double x = strtod(v, end);
  if (errno || *end == v || !isfinite(x) || x < lo || x > hi)
    return false;
  while (**end == ' ' || **end == '\t')
    (*end)++;
  *out = (float)x;
  return true;
}

bool ks_config_parse_panel_mm(const char *v, float *w_mm, float *h_mm) {
  float w, h;
  char *end;
  while (*v == ' ' || *v == '\t')
    v++;
  if (!parse_length(v, 10, 10000, &end, &w) || (*end != 'x' && *end != 'X') ||
      !parse_length(end + 1, 10, 10000, &end, &h) || *end)
    return false;
  *w_mm = w;
  *h_mm = h;
  return true;
}

bool ks_config_parse_diagonal(const char *v, float *inches) {
  char *end;
  float d;
  if (!parse_length(v, 1, 500, &end, &d) || *end)
    return false;
  *inches = d;
  return true;
}

/* panel_mm = WxH: the panel's width and height in millimetres; empty: the display's. */
static void parse_panel_mm(parse_ctx *p, const char *v) {
  if (!*v)
    p->c->panel_w_mm = p->c->panel_h_mm = 0;
  else if (!ks_config_parse_panel_mm(v, &p->c->panel_w_mm, &p->c->panel_h_mm))
    bad(p, "panel_mm = %s: %s, or nothing for what the display says", v, KS_CONFIG_PANEL_MM_HINT);
}

/* panel_diagonal = INCHES; empty: the display's. */
static void parse_panel_diagonal(parse_ctx *p, const char *v) {
  if (!*v)
    p->c->panel_diagonal_in = 0;
  else if (!ks_config_parse_diagonal(v, &p->c->panel_diagonal_in))
    bad(p, "panel_diagonal = %s: %s, or nothing for what the display says", v,
        KS_CONFIG_DIAGONAL_HINT);
}

static bool copy_path(parse_ctx *p, const char *v, char *out, size_t size) {
  if (v[0] != '/' || strlen(v) >= size) {
    bad(p, "\"%s\" is not an absolute path of at most %zu characters", v, size - 1);
    return false;
  }
  memcpy(out, v, strlen(v) + 1);
  return true;
}

/* A line of [schedule]: a weekday's hours, a closed date, or wake_minutes. False for an unknown
 * name. */
static bool schedule_option(parse_ctx *p, const char *name, const char *v) {
  ks_schedule *s = &p->c->schedule;
  int day = ks_schedule_weekday_index(name);
  if (day >= 0) {
    if (!ks_schedule_parse_day(v, s->ranges[day], &s->n_ranges[day]))
      bad(p,
          "%s = %s: give the hours open as HH:MM-HH:MM, several separated by commas and in order "
          "(09:00-12:00, 13:00-17:30; 24:00 ends the day; past midnight, go on on the next day "
          "from 00:00), or closed",
          name, v);
  } else if (strcmp(name, "closed") == 0) {
    int32_t date;
    if (!ks_schedule_parse_date(v, &date))
      bad(p, "closed = %s: give a date the kiosk is closed all day, as YYYY-MM-DD", v);
    else if (s->n_closed == KS_SCHEDULE_MAX_CLOSED)
      bad(p, "too many closed dates (at most %d): remove dates gone by", KS_SCHEDULE_MAX_CLOSED);
    else
      s->closed[s->n_closed++] = date;
  } else if (strcmp(name, "wake_minutes") == 0) {
    if (!parse_int(v, 1, 240, &s->wake_minutes))
      bad(p, "wake_minutes = %s: give minutes from 1 to 240", v);
  } else {
    return false;
  }
  return true;
}

/* A trusted key: the base64 line of a minisign public key, or the path of a .pub file. */
static bool add_key(parse_ctx *p, const char *v) {
  ks_config *c = p->c;
  char err[256];
  if (c->n_keys == KS_CONFIG_MAX_KEYS) {
    bad(p, "too many trusted keys (at most %d)", KS_CONFIG_MAX_KEYS);
    return false;
  }
  bool ok = v[0] == '/' ? ks_sign_read_pubkey(v, &c->keys[c->n_keys], err, sizeof err)
                        : ks_sign_parse_pubkey(v, &c->keys[c->n_keys], err, sizeof err);
  if (!ok) {
    bad(p, "trusted_key %s: %s", v, err);
    return false;
  }
  c->n_keys++;
  return true;
}

static int on_value(void *user, const char *section, const char *name, const char *v) {
  parse_ctx *p = user;
  ks_config *c = p->c;
  if (strcmp(section, "kiosk") == 0) {
    if (strcmp(name, "data_dir") == 0) {
      if (!*v)
        c->data_dir[0] = '\0';
      else
        copy_path(p, v, c->data_dir, sizeof c->data_dir);
    } else if (strcmp(name, "idle_timeout") == 0) {
      char *end;
      double s = strtod(v, &end);
      if (end != v && !*end && isfinite(s) && s >= 0 && s <= 86400)
        c->idle_timeout = (float)s;
      else
        bad(p, "idle_timeout = %s: give seconds from 0 (never) to 86400", v);
    } else if (strcmp(name, "default_language") == 0) {
      if (!*v || ks_lang_tag_valid(v)) /* valid tags are at most 35 characters: it fits */
        snprintf(c->default_lang, sizeof c->default_lang, "%s", v);
      else
        bad(p,
            "default_language = %s: give a language tag of the pack's (zh, en, ja …), or nothing "
            "for the pack's own",
            v);
    } else if (strcmp(name, "rotation") == 0) {
      int deg;
      if (parse_int(v, 0, 270, &deg) && deg % 90 == 0)
        c->rotation = deg;
      else
        bad(p, "rotation = %s: give 0, 90, 180 or 270", v);
    } else if (strcmp(name, "panel_mm") == 0) {
      parse_panel_mm(p, v);
    } else if (strcmp(name, "panel_diagonal") == 0) {
      parse_panel_diagonal(p, v);
    } else {
      goto unknown;
    }
    return 1;
  }
  if (strcmp(section, "packs") == 0) {
    if (strcmp(name, "trusted_key") == 0) {
      add_key(p, v);
    } else if (strcmp(name, "allow_unsigned") == 0) {
      if (!parse_bool(v, &c->allow_unsigned))
        bad(p, "allow_unsigned = %s: give true or false", v);
    } else if (strcmp(name, "auto_install") == 0) {
      if (!parse_bool(v, &c->auto_install))
        bad(p, "auto_install = %s: give true or false", v);
    } else if (strcmp(name, "watch") == 0) {
      /* The first good watch line replaces the defaults: a wrong one leaves them. */
      size_t at = p->watch_set ? c->n_watch : 0;
      if (at == KS_CONFIG_MAX_WATCH)
        bad(p, "too many watch lines (at most %d)", KS_CONFIG_MAX_WATCH);
      else if (copy_path(p, v, c->watch[at], sizeof c->watch[0]))
        c->n_watch = at + 1, p->watch_set = true;
    } else if (strcmp(name, "rollback_failures") == 0) {
      if (!parse_int(v, 1, 100, &c->rollback_failures))
        bad(p, "rollback_failures = %s: give a count from 1 to 100", v);
    } else if (strcmp(name, "rollback_minutes") == 0) {
      if (!parse_int(v, 1, 1440, &c->rollback_minutes))
        bad(p, "rollback_minutes = %s: give minutes from 1 to 1440", v);
    } else {
      goto unknown;
    }
    return 1;
  }
  if (strcmp(section, "stats") == 0) {
    if (strcmp(name, "enabled") == 0) {
      if (!parse_bool(v, &c->stats))
        bad(p, "enabled = %s: give true or false", v);
      return 1;
    }
    goto unknown;
  }
  if (strcmp(section, "fleet") == 0) {
    if (strcmp(name, "folder") == 0) {
      if (!*v)
        c->fleet_folder[0] = '\0';
      else
        copy_path(p, v, c->fleet_folder, sizeof c->fleet_folder);
    } else if (strcmp(name, "name") == 0) {
      if (!*v || ks_config_name_ok(v))
        snprintf(c->fleet_name, sizeof c->fleet_name, "%s", v);
      else
        bad(p,
            "name = %s: give 1 to %d letters, digits, '.', '_' or '-' (not starting with '.' or "
            "'-'), or nothing for the host name",
            v, KS_FLEET_NAME_MAX - 1);
    } else if (strcmp(name, "report_every") == 0) {
      if (!parse_int(v, 5, 86400, &c->fleet_report_s))
        bad(p, "report_every = %s: give seconds from 5 to 86400", v);
    } else {
      goto unknown;
    }
    return 1;
  }
  if (strcmp(section, "schedule") == 0) {
    if (schedule_option(p, name, v))
      return 1;
    goto unknown;
  }
  bad(p, "unknown section [%s]: the sections are [kiosk], [packs], [stats], [fleet] and [schedule]",
      section);
  return 1;
unknown:
  bad(p, "unknown option \"%s\" in [%s] (see the documented kiosk.ini)", name, section);
  return 1;
}

/* The INI syntax, read here rather than by libinih: Debian's libinih is built with a fixed
 * 200-byte line buffer (its run-time knobs are ignored) and hands the rest of a longer line back
 * as a line of its own, so a long watch path ending in "allow_unsigned = true" once switched
 * signatures off without a word. Here a line is read whole or refused whole. The syntax is
 * inih's: [section], name = value (or name: value), comments from ; or # at the start of a line
 * or from " ;" inside one, white space trimmed, a UTF-8 byte-order mark skipped. */
enum { LINE_MAX_CHARS = 4096 }; /* a path of KS_CONFIG_PATH with room for a comment */

typedef enum { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_NUL } line_status;

/* Reads one line without its end into `buf` (LINE_MAX_CHARS + 1 bytes). A longer line, or one
 * holding a NUL byte, is read to its end and reported, never cut. */
static line_status read_line(FILE *f, char *buf) {
  size_t n = 0;
  bool nul = false, any = false;
  int ch;
  while ((ch = getc(f)) != EOF && ch != '\n') {
    any = true;
    if (ch == '\0')
      nul = true;
    if (n < LINE_MAX_CHARS)
      buf[n] = (char)ch;
    n++; /* counted on past the buffer, to tell "too long" */
  }
  if (!any && ch == EOF)
    return LINE_EOF;
  if (n > LINE_MAX_CHARS)
    return LINE_TOO_LONG;
  if (n > 0 && buf[n - 1] == '\r')
    n--;
  buf[n] = '\0';
  return nul ? LINE_NUL : LINE_OK;
}

static char *trim(char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
    s[--n] = '\0';
  return s;
}

/* One line: a section, an option passed to on_value, or nothing. */
static void parse_line(parse_ctx *p, char *line, char *section, size_t section_size) {
  char *s = trim(line);
  if (!*s || *s == ';' || *s == '#')
    return;
  for (char *semi = s + 1; (semi = strchr(semi, ';')); semi++)
    if (semi[-1] == ' ' || semi[-1] == '\t') {
      *semi = '\0'; /* an inline comment, as inih reads one */
      s = trim(s);
      break;
    }
  size_t n = strlen(s);
  if (*s == '[' && s[n - 1] == ']' && n - 2 < section_size) {
    s[n - 1] = '\0';
    snprintf(section, section_size, "%s", trim(s + 1));
    return;
  }
  char *eq = s + strcspn(s, "=:");
  if (*s == '[' || !*eq || eq == s) {
    bad(p, "not an INI line: write \"name = value\" or \"[section]\"");
    return;
  }
  *eq = '\0';
  on_value(p, section, trim(s), trim(eq + 1));
}

bool ks_config_load(ks_config *c, const char *path, ks_diag *diag) {
  char err[256];
  FILE *f = ks_file_fopen(path, 0, MAX_FILE, err, sizeof err);
  if (!f) {
    ks_diag_error(diag, path, 0, "cannot read the configuration: %s", err);
    return false;
  }
  size_t before = ks_diag_count(diag, KS_ERROR);
  parse_ctx p = {.c = c, .path = path, .diag = diag};
  char *line = malloc(LINE_MAX_CHARS + 1), section[64] = "";
  if (!line) {
    fclose(f);
    ks_diag_error(diag, path, 0, "cannot read the configuration: out of memory");
    return false;
  }
  for (line_status st; (st = read_line(f, line)) != LINE_EOF;) {
    p.line++;
    char *s = line;
    if (p.line == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
      s += 3;
    if (st == LINE_TOO_LONG)
      bad(&p,
          "the line is longer than %d characters and is ignored whole: paths may be at most "
          "%d characters",
          LINE_MAX_CHARS, KS_CONFIG_PATH - 1);
    else if (st == LINE_NUL)
      bad(&p, "the line holds a NUL byte and is ignored: is this a text file?");
    else
      parse_line(&p, s, section, sizeof section);
  }
  if (ferror(f))
    ks_diag_error(diag, path, p.line, "cannot read the configuration: %s", strerror(errno));
  free(line);
  fclose(f);
  return ks_diag_count(diag, KS_ERROR) == before;
}
