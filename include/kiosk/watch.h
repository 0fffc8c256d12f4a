/* Noticing content packs on USB sticks. The kiosk does not mount anything itself: udisks2 or
 * systemd's automount mounts sticks (read-only, nosuid,nodev,noexec; see the README) under
 * folders such as /media/USER/LABEL, and the kiosk looks there every few seconds for *.kpack
 * files. Looking costs a readdir per entry and a stat per pack; a pack is opened only to install
 * it.
 *
 * A stick is a stranger's: it may hold 90,000 folders. So a scan is bounded — two levels down and
 * KS_WATCH_MAX_ENTRIES directory entries per watched folder, level by level so that packs at the
 * top of a stick are always seen — and it runs on a thread of its own (ks_watcher), which the
 * render loop polls without ever waiting for a scan. */
#ifndef KIOSK_WATCH_H
#define KIOSK_WATCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  KS_WATCH_PATH = 1024,
  /* Directory entries one scan examines per watched folder at most: a few milliseconds on a slow
   * stick, and far more than a curator's stick holds within two levels. */
  KS_WATCH_MAX_ENTRIES = 4096,
  KS_WATCH_MAX_ROOTS = 32, /* watched folders one scan takes (bits of ks_watch_report.truncated) */
};

typedef struct {
  char path[KS_WATCH_PATH];
  int64_t size;
  int64_t mtime;
} ks_found_pack;

/* What bounds a scan. Zero-initialised: the defaults. */
typedef struct {
  size_t max_entries;      /* entries examined per watched folder; 0: KS_WATCH_MAX_ENTRIES */
  const atomic_bool *stop; /* when another thread sets it, the scan ends at the next entry */
  /* Called before each entry is examined (may be NULL): for tests, which hold a scan there. */
  void (*on_entry)(void *ctx);
  void *ctx;
} ks_watch_limits;

/* What a scan did. */
typedef struct {
  size_t examined;    /* directory entries examined, all watched folders together */
  uint32_t truncated; /* bit i: folder i holds more than the cap; the rest was not looked at */
  bool stopped;       /* ended early by `stop` */
} ks_watch_report;

/* The *.kpack files in each of `roots` (at most KS_WATCH_MAX_ROOTS) and in their subfolders up to
 * two levels down, sorted by path, at most `max`; breadth first, at most `limits->max_entries`
 * entries examined per root. Hidden entries and symbolic links are skipped, never followed.
 * `limits` and `report` may be NULL. Returns how many were found. */
size_t ks_watch_find(const char *const *roots, size_t n_roots, ks_found_pack *out, size_t max,
                     const ks_watch_limits *limits, ks_watch_report *report);

/* ---- the watch on a thread of its own ------------------------------------------------------- */

typedef struct ks_watcher ks_watcher;

typedef struct {
  const char *const *roots; /* copied */
  size_t n_roots;
  int every_ms;           /* the pause between scans */
  ks_watch_limits limits; /* its `stop` is ignored: the watcher has its own */
} ks_watcher_opts;

/* Starts scanning `opts->roots` now and every `every_ms` after, on a thread. It logs, once each
 * time it happens, a watched folder too large to scan fully. */
ks_watcher *ks_watcher_start(const ks_watcher_opts *opts);
/* Never waits for a scan. Returns true when a scan has finished since the last call, with its
 * packs in `out` (at most `max`, sorted by path; `*n` of them) and, when not NULL, its report;
 * false while the first scan or the next one runs (`out` untouched). */
bool ks_watcher_poll(ks_watcher *w, ks_found_pack *out, size_t max, size_t *n,
                     ks_watch_report *report);
/* Stops the scanning (a scan running ends at its next entry), waits for the thread and frees the
 * watcher. NULL is fine. */
void ks_watcher_stop(ks_watcher *w);

#endif
