/* A hall of kiosks kept in step through a folder they share (Syncthing, peer to peer on the
 * hall's LAN; see the README). Syncthing is only the transport: the folder is trusted for
 * nothing. A pack dropped there (FILE.kpack with FILE.kpack.minisig) is installed by ks_install
 * exactly as one from a stick — copied while hashed, its signature checked, validated, switched to
 * atomically, never older than what was shown — and without a tap: nobody stands at a hall's
 * kiosks. Each kiosk reports what it shows in FOLDER/status/NAME.json, and `kiosk fleet status`
 * reads those reports on a curator's laptop.
 *
 * What is taken from the folder, and when:
 * - only FILE.kpack whose FILE.kpack.minisig is there too, both regular files (a link is never
 *   followed, nor is a hidden file or folder looked at), and neither with a Syncthing temporary
 *   file beside it (.syncthing.NAME.tmp, ~syncthing~NAME.tmp: a newer copy is on its way);
 * - only once both have looked the same (size and modification time) in two scans in a row;
 * - once: a pack installed or refused is not tried again until the pack or its signature changes
 *   (a tampered pack left in the folder is not copied and hashed every two seconds). */
#ifndef KIOSK_FLEET_H
#define KIOSK_FLEET_H

#include "kiosk/config.h"
#include "kiosk/diag.h"
#include "kiosk/install.h"
#include "kiosk/stats.h"
#include "kiosk/watch.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  KS_FLEET_REPORT_MAX_BYTES = 64 * 1024, /* a report is a few hundred bytes; larger is refused */
  KS_FLEET_SCAN_MS = 2000,               /* the pause between two looks at the folder */
};

/* ---- reports: FOLDER/status/NAME.json ------------------------------------------------------- */

/* One kiosk's report. Times are unix seconds (UTC); 0 is "never". */
typedef struct {
  char name[KS_FLEET_NAME_MAX]; /* the kiosk (ks_config_name_ok) */
  int64_t reported;             /* when the report was written */
  char software[32];            /* the kiosk's version */
  bool has_pack;                /* a pack is installed (else the bundled one shows) */
  char pack_id[65];
  int64_t pack_version;
  char pack_sha256[65];
  int64_t pack_since;     /* when the data folder switched to it */
  char last_install[256]; /* the file of the last install tried ("": none since start) */
  int64_t last_install_at;
  char last_outcome[16]; /* "installed", "refused" or "already shown" */
  char last_error[1024]; /* the last refusal, in English ("": none since start) */
  int64_t last_error_at;
  int64_t uptime_s;     /* seconds since the kiosk started */
  int64_t visits_today; /* visits since local midnight; -1 without statistics */
} ks_fleet_report;

/* Writes `r` to `folder`/status/`r->name`.json (creating status/ when missing), atomically: a new
 * file under a random hidden name (ks_file_create_temp), then renamed over the old. Everything is
 * done relative to status/ opened without following a link, so a link planted there by another
 * device (Syncthing carries links) is never written through. False with a reason in `err`. */
bool ks_fleet_report_write(const char *folder, const ks_fleet_report *r, char *err,
                           size_t err_size);
/* Reads the report at `path` (never through a link, at most KS_FLEET_REPORT_MAX_BYTES). Any device
 * in the hall can write there: a file that is not a report (not JSON, a bad name or number) is
 * refused with the reason in `err`, never half read. */
bool ks_fleet_report_read(const char *path, ks_fleet_report *r, char *err, size_t err_size);
/* Reads every report in FOLDER/status (NAME.json), sorted by kiosk name, into a new array (`*out`,
 * freed by the caller) and returns how many; a file that cannot be read is a warning in `diag`
 * naming it. */
size_t ks_fleet_report_read_all(const char *folder, ks_fleet_report **out, ks_diag *diag);

/* ---- the kiosk's side: installs from the folder, and its reports ---------------------------- */

typedef struct ks_fleet ks_fleet;

typedef struct {
  const char *folder;   /* the shared folder; NULL or "": no fleet */
  const char *name;     /* this kiosk's name; NULL or "": the host name, made a valid name */
  const char *data_dir; /* the kiosk's data folder (what it shows) */
  const char *software; /* the kiosk's version, for the report */
  int report_every_s;   /* seconds between two reports, at least (5 at least) */
} ks_fleet_opts;

/* Starts watching `opts->folder` (on a thread of its own: ks_watcher). NULL when no folder is
 * configured; every function below takes NULL and does nothing with it. */
ks_fleet *ks_fleet_start(const ks_fleet_opts *opts);
/* Stops the watch and frees the fleet. */
void ks_fleet_stop(ks_fleet *f);
/* Called once per tick of the kiosk's loop; never waits for a scan. Writes the report when one is
 * due (`stats` may be NULL). When no install is running (`busy` false) and a pack from the folder
 * is ready, returns true with it in `*out`: the caller installs it as a stick's, then calls
 * ks_fleet_installed. */
bool ks_fleet_tick(ks_fleet *f, bool busy, ks_stats *stats, ks_found_pack *out);
/* What ks_fleet_tick does with a scan of the folder (`found`, from ks_watch_find): true with the
 * pack to install now in `*out`. For tests. */
bool ks_fleet_pick(ks_fleet *f, const ks_found_pack *found, size_t n, ks_found_pack *out);
/* Tells the fleet how an install ended (any install: a stick's too, for the report; `why` may be
 * NULL when `ok`). Returns true when `pack` came from the fleet's folder: a refusal is then for
 * the report and the log, not for the screen, as nobody stands at the kiosk to act on it. */
bool ks_fleet_installed(ks_fleet *f, const ks_found_pack *pack, bool ok, const ks_refusal *why);
/* This kiosk's name as it reports (the configured one or the host name's). */
const char *ks_fleet_name(const ks_fleet *f);

#endif
