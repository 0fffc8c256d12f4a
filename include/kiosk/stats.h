/* Visitor statistics, kept on the kiosk in SQLite: which exhibit or screen was open, in which
 * language, when, and for how long. Nothing personal is recorded: no touches, no positions, no
 * identifiers of visitors or sessions, only one row per visit.
 *
 * The database survives power cuts: it is in WAL mode with synchronous=NORMAL, so a cut may lose
 * the last visits recorded but never corrupts the file. It is kept small: on open, visits older
 * than KS_STATS_KEEP_DAYS and all but the newest KS_STATS_KEEP_VISITS are deleted, and the space
 * they held is reused, so a kiosk that runs for years does not fill its card.
 *
 * The kiosk writes (ks_stats_record) while an administrator reads (`kiosk stats`): each waits
 * briefly for the other. One ks_stats is used by one thread at a time. */
#ifndef KIOSK_STATS_H
#define KIOSK_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  KS_STATS_KEEP_DAYS = 365,            /* visits older than this are deleted on open */
  KS_STATS_KEEP_VISITS = 1000000,      /* at most this many visits are kept, the newest */
  KS_STATS_MAX_EXHIBIT = 64,           /* the longest exhibit id or screen name, in bytes */
  KS_STATS_APPLICATION_ID = 0x4B535441 /* PRAGMA application_id of the database: "KSTA" */
};

typedef struct ks_stats ks_stats;

/* Opens the statistics database at `path` (DATA_DIR/stats.sqlite), creating it when missing; its
 * folder must exist. Trims old visits (see above). Refuses a file of another application or of a
 * newer schema. On failure returns NULL and says why in `err`. */
ks_stats *ks_stats_open(const char *path, char *err, size_t err_size);
/* Closes the database; NULL is allowed. */
void ks_stats_close(ks_stats *stats);

/* Records one visit: exhibit `exhibit_id` (or a screen name: "home", "timeline") was open in
 * `lang` ("zh" or "en") from `opened_at` (unix seconds, UTC) for `seconds`. Refuses, saying why
 * in `err`, an id that is not a content id (ks_id_valid), another language, a time before 1970 or
 * after 9999, or seconds that are negative, not finite, or more than a week (a clock jump or a
 * visit never closed). */
bool ks_stats_record(ks_stats *stats, const char *exhibit_id, const char *lang, int64_t opened_at,
                     double seconds, char *err, size_t err_size);

/* Writes every visit, oldest first, as CSV (RFC 4180: CRLF line ends, fields quoted when they
 * must be) with the header opened_at_utc,exhibit,lang,seconds: when each visit began in ISO 8601
 * UTC to the minute ("2024-05-01T09:30Z" for 09:30:59; the second stays on the kiosk) and how
 * long it was in whole seconds, so what leaves the kiosk cannot time a visitor to the second.
 * Replaces `path` atomically:
 * `path`.tmp is written, synced, then renamed over it, so `path` is the old file or the new one,
 * never half of one. On success the whole file system holding `path` has been flushed to its
 * device (syncfs), so a stick may be pulled the moment this returns. The number of visits written
 * goes to `*visits` (when not NULL). On failure says why in `err`; `path` is the old file, or,
 * when only the flush failed, the new one, possibly not yet on the device. */
bool ks_stats_export_csv(ks_stats *stats, const char *path, int64_t *visits, char *err,
                         size_t err_size);

/* Calls `fn` once per exhibit with its number of visits and their total seconds, most visited
 * first (ties: longest total first, then by id). `fn` must not close `stats`. On failure says why
 * in `err`; `fn` may have been called for some exhibits already. */
bool ks_stats_summary(ks_stats *stats,
                      void (*fn)(void *ctx, const char *exhibit, int64_t visits, double seconds),
                      void *ctx, char *err, size_t err_size);

/* The number of visits opened at `since` (unix seconds) or later into `*visits`: "visits today"
 * in a kiosk's report. On failure says why in `err`. */
bool ks_stats_count_since(ks_stats *stats, int64_t since, int64_t *visits, char *err,
                          size_t err_size);

#endif
