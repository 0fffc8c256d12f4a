/* The kiosk's side of the fleet: which pack of the shared folder to install, and when; and the
 * report it writes there. */
#include "kiosk/fleet.h"

#include "kiosk/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
  MEMORY = 32, /* packs remembered as handled: far more than a folder holds at once */
  FOUND = 16,  /* packs one scan hands over (the watcher keeps as many) */
};

/* A pack of the folder as it looked: itself and its signature. */
typedef struct {
  ks_found_pack pack;
  int64_t sig_size, sig_mtime;
} candidate;

struct ks_fleet {
  char folder[KS_CONFIG_PATH];
  char name[KS_FLEET_NAME_MAX];
  char data_dir[KS_CONFIG_PATH];
  char software[32];
  int report_every_s;
  ks_watcher *watcher;       /* scans the folder on its own thread */
  const char *roots[1];      /* the watcher's one root: `folder` */
  candidate settling;        /* seen once, ready; taken if the next scan sees it the same */
  candidate inflight;        /* handed to the caller to install (path empty: none) */
  candidate handled[MEMORY]; /* installed or refused: not tried again while they look the same */
  size_t n_handled;          /* how many were ever handled; the oldest is forgotten first */
  ks_fleet_report report;    /* what the next report says */
  uint64_t started_ms;       /* monotonic, for the uptime */
  uint64_t next_report_ms;   /* 0: at the first tick */
  struct stat active_seen;   /* the data folder's `active` file when the pack was last read */
};

static uint64_t mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* The host name made a kiosk's name: what ks_config_name_ok refuses becomes '-'. */
static void host_name(char *out, size_t size) {
  char host[256] = "";
  if (gethostname(host, sizeof host - 1) != 0)
    host[0] = '\0';
  size_t n = 0;
  for (const char *c = host; *c && n + 1 < size; c++) {
    bool ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '.' || *c == '_' || *c == '-';
    if (n == 0 && (*c == '.' || *c == '-'))
      ok = false;
    out[n] = ok ? *c : '-';
    n++;
  }
  out[n] = '\0';
  if (!ks_config_name_ok(out))
    snprintf(out, size, "kiosk");
}

ks_fleet *ks_fleet_start(const ks_fleet_opts *o) {
  if (!o->folder || !o->folder[0])
    return NULL;
  ks_fleet *f = ks_xcalloc(1, sizeof *f);
  snprintf(f->folder, sizeof f->folder, "%s", o->folder);
  if (o->name && ks_config_name_ok(o->name))
    snprintf(f->name, sizeof f->name, "%s", o->name);
  else
    host_name(f->name, sizeof f->name);
  snprintf(f->data_dir, sizeof f->data_dir, "%s", o->data_dir ? o->data_dir : "");
  snprintf(f->software, sizeof f->software, "%s", o->software ? o->software : "");
  f->report_every_s = o->report_every_s >= 5 ? o->report_every_s : 5;
  f->started_ms = mono_ms();
  f->roots[0] = f->folder;
  f->watcher = ks_watcher_start(
      &(ks_watcher_opts){.roots = f->roots, .n_roots = 1, .every_ms = KS_FLEET_SCAN_MS});
  ks_diag_log(stderr, "kiosk: fleet: watching %s for packs, reporting as %s", f->folder, f->name);
  return f;
}

void ks_fleet_stop(ks_fleet *f) {
  if (!f)
    return;
  ks_watcher_stop(f->watcher);
  free(f);
}

const char *ks_fleet_name(const ks_fleet *f) { return f ? f->name : ""; }

/* ---- choosing a pack ------------------------------------------------------------------------ */

static bool same(const candidate *a, const candidate *b) {
  return strcmp(a->pack.path, b->pack.path) == 0 && a->pack.size == b->pack.size &&
         a->pack.mtime == b->pack.mtime && a->sig_size == b->sig_size &&
         a->sig_mtime == b->sig_mtime;
}

/* True when Syncthing is writing a newer copy of `dir`/`base`: its temporary file is there
 * (.syncthing.NAME.tmp on Unix, ~syncthing~NAME.tmp as Windows names it). */
static bool syncing(const char *dir, const char *base) {
  char unix_tmp[KS_WATCH_PATH + 32], windows_tmp[KS_WATCH_PATH + 32];
  struct stat st;
  return ((size_t)snprintf(unix_tmp, sizeof unix_tmp, "%s/.syncthing.%s.tmp", dir, base) <
              sizeof unix_tmp &&
          lstat(unix_tmp, &st) == 0) ||
         ((size_t)snprintf(windows_tmp, sizeof windows_tmp, "%s/~syncthing~%s.tmp", dir, base) <
              sizeof windows_tmp &&
          lstat(windows_tmp, &st) == 0);
}

/* Fills `c` for the pack `p` when it can be taken now: its signature is there as a regular file
 * (never through a link) and neither is being replaced by Syncthing. */
static bool ready(const ks_found_pack *p, candidate *c) {
  char dir[KS_WATCH_PATH], sig_base[KS_WATCH_PATH], sig[KS_WATCH_PATH + 16];
  memcpy(dir, p->path, sizeof dir);
  dir[sizeof dir - 1] = '\0';
  char *slash = strrchr(dir, '/');
  if (!slash)
    return false;
  *slash = '\0';
  const char *base = slash + 1;
  struct stat st;
  if ((size_t)snprintf(sig_base, sizeof sig_base, "%s.minisig", base) >= sizeof sig_base ||
      (size_t)snprintf(sig, sizeof sig, "%s/%s", dir, sig_base) >= sizeof sig)
    return false;
  if (lstat(sig, &st) != 0 || !S_ISREG(st.st_mode))
    return false; /* not there yet (or a link: never followed, never taken) */
  if (syncing(dir, base) || syncing(dir, sig_base))
    return false;
  *c = (candidate){.pack = *p, .sig_size = (int64_t)st.st_size, .sig_mtime = (int64_t)st.st_mtime};
  return true;
}

static bool was_handled(const ks_fleet *f, const candidate *c) {
  size_t n = f->n_handled < MEMORY ? f->n_handled : MEMORY;
  for (size_t i = 0; i < n; i++)
    if (same(&f->handled[i], c))
      return true;
  return false;
}

bool ks_fleet_pick(ks_fleet *f, const ks_found_pack *found, size_t n, ks_found_pack *out) {
  if (!f)
    return false;
  for (size_t i = 0; i < n; i++) {
    candidate c;
    if (!ready(&found[i], &c) || was_handled(f, &c))
      continue;
    /* The first pack not handled yet: taken when the last scan saw it just so, else next time. A
     * file still being written by something other than Syncthing shows a new size or time. */
    if (same(&c, &f->settling)) {
      f->settling = (candidate){0};
      f->inflight = c;
      *out = c.pack;
      return true;
    }
    f->settling = c;
    return false;
  }
  f->settling = (candidate){0};
  return false;
}

/* ---- installs and reports ------------------------------------------------------------------- */

static const char *file_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

bool ks_fleet_installed(ks_fleet *f, const ks_found_pack *pack, bool ok, const ks_refusal *why) {
  if (!f)
    return false;
  bool ours = f->inflight.pack.path[0] && strcmp(f->inflight.pack.path, pack->path) == 0;
  if (ours) {
    f->handled[f->n_handled++ % MEMORY] = f->inflight;
    f->inflight = (candidate){0};
  }
  ks_fleet_report *r = &f->report;
  int64_t now = (int64_t)time(NULL);
  snprintf(r->last_install, sizeof r->last_install, "%.255s", file_name(pack->path));
  r->last_install_at = now;
  const char *outcome = ok ? "installed" : why && why->already_shown ? "already shown" : "refused";
  snprintf(r->last_outcome, sizeof r->last_outcome, "%s", outcome);
  if (!ok && !(why && why->already_shown)) {
    snprintf(r->last_error, sizeof r->last_error, "%.200s: %.800s", file_name(pack->path),
             why && why->en[0] ? why->en : "refused");
    r->last_error_at = now;
  }
  if (ours && !ok && !(why && why->already_shown))
    ks_diag_log(stderr, "kiosk: fleet: %s is refused and is not tried again until it changes",
                pack->path);
  return ours;
}

/* The pack the data folder shows, read again only when its `active` file changed. */
static void read_shown(ks_fleet *f) {
  char path[KS_CONFIG_PATH + 16];
  snprintf(path, sizeof path, "%s/active", f->data_dir);
  struct stat st;
  if (stat(path, &st) != 0) {
    f->report.has_pack = false;
    f->active_seen = (struct stat){0};
    return;
  }
  if (st.st_ino == f->active_seen.st_ino && st.st_mtime == f->active_seen.st_mtime &&
      st.st_size == f->active_seen.st_size && f->report.has_pack)
    return;
  ks_installed cur, prev;
  ks_diag *diag = ks_diag_create();
  ks_fleet_report *r = &f->report;
  r->has_pack = ks_install_status(f->data_dir, &cur, &prev, diag) && cur.present;
  ks_diag_destroy(diag);
  if (r->has_pack) {
    snprintf(r->pack_id, sizeof r->pack_id, "%s", cur.id);
    r->pack_version = cur.version;
    snprintf(r->pack_sha256, sizeof r->pack_sha256, "%s", cur.sha256);
    r->pack_since = (int64_t)st.st_mtime; /* `active` is replaced by each switch */
    f->active_seen = st;
  }
}

static int64_t local_midnight(int64_t now) {
  time_t t = (time_t)now;
  struct tm tm;
  if (!localtime_r(&t, &tm))
    return now - now % 86400;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  return (int64_t)mktime(&tm);
}

static void write_report(ks_fleet *f, ks_stats *stats) {
  ks_fleet_report *r = &f->report;
  char err[512];
  snprintf(r->name, sizeof r->name, "%s", f->name);
  snprintf(r->software, sizeof r->software, "%s", f->software);
  r->reported = (int64_t)time(NULL);
  r->uptime_s = (int64_t)((mono_ms() - f->started_ms) / 1000u);
  read_shown(f);
  r->visits_today = -1;
  if (stats &&
      !ks_stats_count_since(stats, local_midnight(r->reported), &r->visits_today, err, sizeof err))
    r->visits_today = -1;
  if (!ks_fleet_report_write(f->folder, r, err, sizeof err))
    ks_diag_log(stderr, "kiosk: fleet: no report: %s", err);
}

bool ks_fleet_tick(ks_fleet *f, bool busy, ks_stats *stats, ks_found_pack *out) {
  if (!f)
    return false;
  uint64_t now = mono_ms();
  if (now >= f->next_report_ms) {
    write_report(f, stats);
    f->next_report_ms = now + (uint64_t)f->report_every_s * 1000u;
  }
  ks_found_pack found[FOUND];
  size_t n;
  if (busy || !ks_watcher_poll(f->watcher, found, FOUND, &n, NULL))
    return false; /* while an install runs, the scans wait: what they saw may change meanwhile */
  return ks_fleet_pick(f, found, n, out);
}
