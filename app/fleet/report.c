/* Kiosks' reports in the shared folder: written as JSON that is also YAML (": " and ", " between
 * items), so that they are read back with libyaml, which the kiosk has already. */
#define _DEFAULT_SOURCE /* d_type */
#include "kiosk/fleet.h"

#include "kiosk/fileio.h"
#include "kiosk/mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

/* ---- writing -------------------------------------------------------------------------------- */

static void put_time(FILE *f, const char *key, int64_t t) {
  time_t tt = (time_t)t;
  struct tm tm;
  char iso[32] = "";
  if (t > 0 && gmtime_r(&tt, &tm))
    strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
  fprintf(f, "\"%s\": %" PRId64 ", \"%s_utc\": \"%s\"", key, t, key, iso);
}

static void put_string(FILE *f, const char *key, const char *value) {
  fprintf(f, "\"%s\": ", key);
  ks_diag_json_string(f, value);
}

static void put_report(FILE *f, const ks_fleet_report *r) {
  fputs("{", f);
  put_string(f, "kiosk", r->name);
  fputs(",\n ", f);
  put_time(f, "reported", r->reported);
  fputs(",\n ", f);
  put_string(f, "software", r->software);
  fputs(",\n \"pack\": ", f);
  if (r->has_pack) {
    fputs("{", f);
    put_string(f, "id", r->pack_id);
    fprintf(f, ", \"version\": %" PRId64 ", ", r->pack_version);
    put_string(f, "sha256", r->pack_sha256);
    fputs(", ", f);
    put_time(f, "since", r->pack_since);
    fputs("}", f);
  } else {
    fputs("null", f);
  }
  fputs(",\n \"last_install\": ", f);
  if (r->last_install[0]) {
    fputs("{", f);
    put_string(f, "file", r->last_install);
    fputs(", ", f);
    put_time(f, "at", r->last_install_at);
    fputs(", ", f);
    put_string(f, "outcome", r->last_outcome);
    fputs("}", f);
  } else {
    fputs("null", f);
  }
  fputs(",\n \"last_error\": ", f);
  if (r->last_error[0]) {
    fputs("{", f);
    put_string(f, "text", r->last_error);
    fputs(", ", f);
    put_time(f, "at", r->last_error_at);
    fputs("}", f);
  } else {
    fputs("null", f);
  }
  fprintf(f, ",\n \"uptime_s\": %" PRId64 ", \"visits_today\": %" PRId64 "}\n", r->uptime_s,
          r->visits_today);
}

/* ks_file_create_temp's way of making the file: inside the folder opened (`ctx`: its descriptor),
 * so that the path it was reached by is never walked again. */
static int open_in_dir(void *ctx, const char *path, int flags, mode_t mode) {
  const char *base = strrchr(path, '/');
  return openat(*(const int *)ctx, base ? base + 1 : path, flags, mode);
}

bool ks_fleet_report_write(const char *folder, const ks_fleet_report *r, char *err,
                           size_t err_size) {
  if (!ks_config_name_ok(r->name)) {
    snprintf(err, err_size, "\"%s\" cannot name a kiosk's report", r->name);
    return false;
  }
  int top = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (top < 0) {
    snprintf(err, err_size, "cannot open the fleet folder %s: %s", folder, strerror(errno));
    return false;
  }
  if (mkdirat(top, "status", 0755) != 0 && errno != EEXIST) {
    snprintf(err, err_size, "cannot create %s/status: %s", folder, strerror(errno));
    close(top);
    return false;
  }
  int dir = openat(top, "status", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  close(top);
  if (dir < 0) {
    snprintf(err, err_size, "cannot open %s/status: %s", folder,
             errno == ELOOP || errno == ENOTDIR ? "it is a link or a file, not a folder (remove it)"
                                                : strerror(errno));
    return false;
  }
  char dir_path[KS_CONFIG_PATH + 16], prefix[KS_FLEET_NAME_MAX + 16], tmp[KS_CONFIG_PATH + 128],
      final_name[KS_FLEET_NAME_MAX + 8];
  snprintf(dir_path, sizeof dir_path, "%s/status", folder);
  snprintf(prefix, sizeof prefix, ".%s.json.tmp-", r->name); /* hidden: no report by its name */
  snprintf(final_name, sizeof final_name, "%s.json", r->name);
  int fd = ks_file_create_temp(dir_path, prefix, 0644, open_in_dir, &dir, tmp, sizeof tmp);
  FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!f) {
    snprintf(err, err_size, "cannot create a report in %s: %s", dir_path, strerror(errno));
    if (fd >= 0)
      close(fd);
    close(dir);
    return false;
  }
  put_report(f, r);
  /* Not synced: a report is rewritten within minutes, and an fsync on an SD card could stall the
   * frame it is written in. A cut leaves the old report or the new one (rename), or at worst an
   * empty file that the next report replaces. */
  bool ok = !ferror(f);
  ok = fclose(f) == 0 && ok;
  const char *tmp_name = strrchr(tmp, '/') + 1;
  if (ok && renameat(dir, tmp_name, dir, final_name) != 0)
    ok = false;
  if (!ok) {
    snprintf(err, err_size, "cannot write %s/%s: %s", dir_path, final_name, strerror(errno));
    unlinkat(dir, tmp_name, 0);
  }
  close(dir);
  return ok;
}

/* ---- reading -------------------------------------------------------------------------------- */

/* A key path while reading: "pack.version". */
typedef struct {
  ks_fleet_report *r;
  char *err;
  size_t err_size;
  bool bad;
  bool seen_name;
} reading;

static void bad_value(reading *rd, const char *key, const char *what) {
  if (!rd->bad)
    snprintf(rd->err, rd->err_size, "\"%s\" %s", key, what);
  rd->bad = true;
}

static void take_string(reading *rd, const char *key, const char *v, char *out, size_t size) {
  if (strlen(v) >= size)
    bad_value(rd, key, "is too long");
  else
    memcpy(out, v, strlen(v) + 1);
}

static void take_int(reading *rd, const char *key, const char *v, int64_t lo, int64_t *out) {
  char *end;
  errno = 0;
  long long n = strtoll(v, &end, 10);
  if (errno || end == v || *end || n < lo)
    bad_value(rd, key, "is not a number in range");
  else
    *out = n;
}

/* One value at `key` (its full path). Unknown keys are left alone: a newer kiosk may say more. */
static void take(reading *rd, const char *key, const char *v, bool null) {
  ks_fleet_report *r = rd->r;
  if (null)
    return;
  if (strcmp(key, "kiosk") == 0) {
    take_string(rd, key, v, r->name, sizeof r->name);
    rd->seen_name = true;
  } else if (strcmp(key, "reported") == 0) {
    take_int(rd, key, v, 0, &r->reported);
  } else if (strcmp(key, "software") == 0) {
    take_string(rd, key, v, r->software, sizeof r->software);
  } else if (strcmp(key, "pack.id") == 0) {
    take_string(rd, key, v, r->pack_id, sizeof r->pack_id);
    r->has_pack = true;
  } else if (strcmp(key, "pack.version") == 0) {
    take_int(rd, key, v, 0, &r->pack_version);
  } else if (strcmp(key, "pack.sha256") == 0) {
    take_string(rd, key, v, r->pack_sha256, sizeof r->pack_sha256);
  } else if (strcmp(key, "pack.since") == 0) {
    take_int(rd, key, v, 0, &r->pack_since);
  } else if (strcmp(key, "last_install.file") == 0) {
    take_string(rd, key, v, r->last_install, sizeof r->last_install);
  } else if (strcmp(key, "last_install.at") == 0) {
    take_int(rd, key, v, 0, &r->last_install_at);
  } else if (strcmp(key, "last_install.outcome") == 0) {
    take_string(rd, key, v, r->last_outcome, sizeof r->last_outcome);
  } else if (strcmp(key, "last_error.text") == 0) {
    take_string(rd, key, v, r->last_error, sizeof r->last_error);
  } else if (strcmp(key, "last_error.at") == 0) {
    take_int(rd, key, v, 0, &r->last_error_at);
  } else if (strcmp(key, "uptime_s") == 0) {
    take_int(rd, key, v, 0, &r->uptime_s);
  } else if (strcmp(key, "visits_today") == 0) {
    take_int(rd, key, v, -1, &r->visits_today);
  }
}

enum { MAX_DEPTH = 4 };

/* Walks the document's events: mappings within mappings, keys joined with '.'; sequences and
 * deeper levels are skipped. */
static bool parse(const char *text, size_t n, reading *rd) {
  yaml_parser_t p;
  if (!yaml_parser_initialize(&p)) {
    snprintf(rd->err, rd->err_size, "out of memory");
    return false;
  }
  yaml_parser_set_input_string(&p, (const unsigned char *)text, n);
  char keys[MAX_DEPTH][64];
  bool want_key[MAX_DEPTH];
  int depth = -1, skip = 0; /* depth: the mapping we are in; skip: nested levels ignored */
  bool done = false, ok = true, top_seen = false;
  while (!done && ok) {
    yaml_event_t e;
    if (!yaml_parser_parse(&p, &e)) {
      snprintf(rd->err, rd->err_size, "not JSON: %s at line %zu", p.problem ? p.problem : "error",
               p.problem_mark.line + 1);
      ok = false;
      break;
    }
    switch (e.type) {
    case YAML_STREAM_END_EVENT:
      done = true;
      break;
    case YAML_MAPPING_START_EVENT:
      if (skip || depth + 1 >= MAX_DEPTH) {
        skip++;
      } else if (depth < 0 && top_seen) {
        skip++; /* a second document: ignored */
      } else {
        top_seen = true;
        depth++;
        want_key[depth] = true;
      }
      break;
    case YAML_SEQUENCE_START_EVENT:
      if (depth < 0 && !skip) {
        snprintf(rd->err, rd->err_size, "not a report: a list, not an object");
        ok = false;
      }
      skip++;
      break;
    case YAML_MAPPING_END_EVENT:
    case YAML_SEQUENCE_END_EVENT:
      if (skip) {
        skip--;
        if (!skip && depth >= 0)
          want_key[depth] = true; /* the skipped value is over */
      } else {
        depth--;
        if (depth >= 0)
          want_key[depth] = true;
      }
      break;
    case YAML_SCALAR_EVENT:
      if (skip || depth < 0) {
        if (depth < 0 && !skip) {
          snprintf(rd->err, rd->err_size, "not a report: a single value, not an object");
          ok = false;
        }
        break;
      }
      if (want_key[depth]) {
        snprintf(keys[depth], sizeof keys[depth], "%s", (const char *)e.data.scalar.value);
        want_key[depth] = false;
      } else {
        char path[MAX_DEPTH * 65] = "";
        for (int i = 0; i <= depth; i++)
          snprintf(path + strlen(path), sizeof path - strlen(path), "%s%s", i ? "." : "", keys[i]);
        bool null = e.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                    strcmp((const char *)e.data.scalar.value, "null") == 0;
        take(rd, path, (const char *)e.data.scalar.value, null);
        want_key[depth] = true;
      }
      break;
    default:
      break;
    }
    yaml_event_delete(&e);
  }
  yaml_parser_delete(&p);
  return ok;
}

bool ks_fleet_report_read(const char *path, ks_fleet_report *r, char *err, size_t err_size) {
  size_t n;
  char why[256];
  char *text = ks_file_read_nofollow(path, KS_FLEET_REPORT_MAX_BYTES, &n, why, sizeof why);
  if (!text) {
    snprintf(err, err_size, "%s", why);
    return false;
  }
  ks_fleet_report got = {.visits_today = -1};
  reading rd = {.r = &got, .err = err, .err_size = err_size};
  bool ok = parse(text, n, &rd) && !rd.bad;
  free(text);
  if (ok && !rd.seen_name) {
    snprintf(err, err_size, "not a report: no \"kiosk\"");
    ok = false;
  } else if (ok && !ks_config_name_ok(got.name)) {
    snprintf(err, err_size, "\"%s\" is not a kiosk's name", got.name);
    ok = false;
  }
  if (ok)
    *r = got;
  return ok;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const ks_fleet_report *)a)->name, ((const ks_fleet_report *)b)->name);
}

enum { MAX_REPORTS = 4096 }; /* a hall of far fewer kiosks; a folder flooded is cut here */

size_t ks_fleet_report_read_all(const char *folder, ks_fleet_report **out, ks_diag *diag) {
  char dir_path[KS_CONFIG_PATH + 16];
  snprintf(dir_path, sizeof dir_path, "%s/status", folder);
  *out = NULL;
  DIR *d = opendir(dir_path);
  if (!d) {
    ks_diag_error(diag, dir_path, 0,
                  "cannot read the kiosks' reports: %s (is %s the hall's folder?)", strerror(errno),
                  folder);
    return 0;
  }
  size_t n = 0, cap = 0;
  for (struct dirent *e; (e = readdir(d));) {
    size_t len = strlen(e->d_name);
    if (e->d_name[0] == '.' || len < 6 || strcmp(e->d_name + len - 5, ".json") != 0)
      continue; /* hidden (a report being written, Syncthing's own) or not a report */
    if (n == MAX_REPORTS) {
      ks_diag_warning(diag, dir_path, 0, "more than %d reports: the rest are not read",
                      MAX_REPORTS);
      break;
    }
    char path[KS_CONFIG_PATH + 300], err[512];
    snprintf(path, sizeof path, "%s/%s", dir_path, e->d_name);
    ks_grow((void **)out, &cap, n, sizeof **out);
    if (ks_fleet_report_read(path, &(*out)[n], err, sizeof err))
      n++;
    else
      ks_diag_warning(diag, path, 0, "not read: %s", err);
  }
  closedir(d);
  if (n)
    qsort(*out, n, sizeof **out, by_name);
  return n;
}
