#define _GNU_SOURCE /* syncfs: a stick is flushed whole before the kiosk says it may be pulled */
#include "kiosk/stats.h"

#include "kiosk/content.h"
#include "kiosk/fileio.h"
#include "kiosk/lang.h"
#include "kiosk/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum {
  SCHEMA_VERSION = 1,   /* PRAGMA user_version of the layout below */
  BUSY_MS = 5000,       /* how long the kiosk and `kiosk stats` wait for each other */
  MAX_SECONDS = 604800, /* a week: a longer visit is a clock jump or a visit never closed */
  WAL_LIMIT = 4 << 20,  /* the WAL file is cut back to this after a checkpoint */
  DAY = 86400,          /* seconds */
};
/* 9999-12-31T23:59:59Z: later times would not print as four-digit years. */
static const int64_t MAX_TIME = INT64_C(253402300799);

/* No visitor or session id on purpose: visits cannot be linked to each other. The index on
 * opened_at serves the trim on open and the export's order. */
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS visit(\n"
    "  id INTEGER PRIMARY KEY,       -- order of recording; the newest visits are kept\n"
    "  opened_at INTEGER NOT NULL,   -- unix seconds, UTC\n"
    "  exhibit TEXT NOT NULL,        -- an exhibit id or a screen name\n"
    "  lang TEXT NOT NULL,           -- zh or en\n"
    "  seconds REAL NOT NULL         -- how long it was open\n"
    ");\n"
    "CREATE INDEX IF NOT EXISTS visit_opened_at ON visit(opened_at);\n";

struct ks_stats {
  sqlite3 *db;
  sqlite3_stmt *insert; /* prepared once: the kiosk records a visit every few seconds */
  char *path;           /* for messages */
};

static void say(char *err, size_t err_size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(char *err, size_t err_size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_size, fmt, ap);
  va_end(ap);
}

static bool exec(ks_stats *s, const char *sql, const char *what, char *err, size_t err_size) {
  if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return true;
  say(err, err_size, "%s: cannot %s: %s", s->path, what, sqlite3_errmsg(s->db));
  return false;
}

/* The single integer a query returns (0 when it returns no row or NULL). */
static bool query_int(ks_stats *s, const char *sql, int64_t *out) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return false;
  int rc = sqlite3_step(st);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}

/* ---- opening ------------------------------------------------------------------------------- */

/* Refuses a file that is not ours before anything is written to it: setting WAL mode or the
 * schema on, say, a content pack would damage it. A new, empty file is ours to set up. */
static bool check_owner(ks_stats *s, bool *fresh, char *err, size_t err_size) {
  int64_t app_id, version, objects;
  if (!query_int(s, "PRAGMA application_id", &app_id) ||
      !query_int(s, "PRAGMA user_version", &version) ||
      !query_int(s, "SELECT count(*) FROM sqlite_master", &objects)) {
    if (sqlite3_errcode(s->db) == SQLITE_NOTADB)
      say(err, err_size,
          "%s is not a statistics database (%s): choose another path, or move it away and a "
          "new one is started",
          s->path, sqlite3_errmsg(s->db));
    else
      say(err, err_size, "cannot read %s: %s (is it readable and writable?)", s->path,
          sqlite3_errmsg(s->db));
    return false;
  }
  *fresh = app_id == 0 && version == 0 && objects == 0;
  if (!*fresh && app_id != KS_STATS_APPLICATION_ID) {
    say(err, err_size,
        "%s is a database of another application, not the kiosk's statistics: choose another "
        "path, or move it away and a new one is started",
        s->path);
    return false;
  }
  return true;
}

static bool check_version(ks_stats *s, char *err, size_t err_size) {
  int64_t version;
  if (!query_int(s, "PRAGMA user_version", &version)) {
    say(err, err_size, "%s: cannot read the schema version: %s", s->path, sqlite3_errmsg(s->db));
    return false;
  }
  if (version > SCHEMA_VERSION) {
    say(err, err_size,
        "%s was written by a newer kiosk (schema %" PRId64 ", this kiosk reads %d): update "
        "the kiosk, or move the file away and a new one is started",
        s->path, version, SCHEMA_VERSION);
    return false;
  }
  if (version != SCHEMA_VERSION) {
    say(err, err_size,
        "%s has an unknown schema version %" PRId64 ": move it away and a new one is started",
        s->path, version);
    return false;
  }
  return true;
}

/* WAL with synchronous=NORMAL: a commit is an append to the WAL, synced only at checkpoints,
 * so recording costs no fsync, and a power cut loses at most the last commits; the database is
 * never corrupted (a rollback journal with NORMAL could be, on some file systems). */
static bool set_journal(ks_stats *s, char *err, size_t err_size) {
  sqlite3_stmt *st;
  bool wal = false;
  if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW) {
      const unsigned char *mode = sqlite3_column_text(st, 0);
      wal = mode && strcmp((const char *)mode, "wal") == 0;
    }
    sqlite3_finalize(st);
  }
  if (!wal) {
    say(err, err_size,
        "%s: cannot switch to WAL mode (%s): the statistics need a local file system the kiosk "
        "may write to",
        s->path, sqlite3_errmsg(s->db));
    return false;
  }
  char pragmas[128];
  snprintf(pragmas, sizeof pragmas, "PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=%d;",
           WAL_LIMIT);
  return exec(s, pragmas, "set up the journal", err, err_size);
}

/* Creates the table in a new file. IMMEDIATE, and the version checked again inside, because the
 * kiosk and `kiosk stats` may both be creating it at once. */
static bool create_schema(ks_stats *s, char *err, size_t err_size) {
  if (!exec(s, "BEGIN IMMEDIATE", "start the schema", err, err_size))
    return false;
  int64_t version;
  bool ok = query_int(s, "PRAGMA user_version", &version);
  if (ok && version == 0) {
    char sql[sizeof schema_sql + 128];
    snprintf(sql, sizeof sql, "%sPRAGMA application_id=%d; PRAGMA user_version=%d;", schema_sql,
             KS_STATS_APPLICATION_ID, SCHEMA_VERSION);
    ok = exec(s, sql, "create the schema", err, err_size);
  } else if (!ok) {
    say(err, err_size, "%s: cannot read the schema version: %s", s->path, sqlite3_errmsg(s->db));
  }
  if (ok)
    return exec(s, "COMMIT", "create the schema", err, err_size);
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return false;
}

/* Deletes visits older than KS_STATS_KEEP_DAYS and beyond KS_STATS_KEEP_VISITS. The age counts
 * back from the earlier of the clock and the newest visit: a kiosk without a real-time clock may
 * start in 2099 (or 1970) until the network sets it, and one wrong clock must not delete a
 * year of visits. Freed pages are reused by new visits, so the file stops growing at the cap. */
static bool trim(ks_stats *s, char *err, size_t err_size) {
  int64_t newest, max_id;
  if (!query_int(s, "SELECT max(opened_at) FROM visit", &newest) ||
      !query_int(s, "SELECT max(id) FROM visit", &max_id)) {
    say(err, err_size, "%s: cannot read the visits: %s", s->path, sqlite3_errmsg(s->db));
    return false;
  }
  int64_t now = (int64_t)time(NULL);
  int64_t cutoff = (newest < now ? newest : now) - (int64_t)KS_STATS_KEEP_DAYS * DAY;
  /* Ids grow by one per visit, so those within KS_STATS_KEEP_VISITS of the last are the newest
   * (fewer when old ones were deleted: never more). */
  int64_t first_kept = max_id - KS_STATS_KEEP_VISITS + 1;
  char sql[256];
  snprintf(sql, sizeof sql,
           "BEGIN IMMEDIATE; DELETE FROM visit WHERE opened_at < %" PRId64
           "; DELETE FROM visit WHERE id < %" PRId64 "; COMMIT;",
           cutoff, first_kept);
  if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return true;
  say(err, err_size, "%s: cannot delete old visits to keep the file small: %s", s->path,
      sqlite3_errmsg(s->db));
  sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
  return false;
}

ks_stats *ks_stats_open(const char *path, char *err, size_t err_size) {
  ks_stats *s = ks_xcalloc(1, sizeof *s);
  s->path = ks_xstrdup(path);
  bool fresh = false;
  /* Never through a link (its target would be set up as statistics), never a FIFO or device:
   * checked here for a plain message, and by SQLite itself on the open that counts. */
  char why[256];
  int fd = ks_file_open(path, KS_FILE_NOFOLLOW, UINT64_MAX, NULL, why, sizeof why);
  if (fd >= 0)
    close(fd);
  else if (errno != ENOENT) {
    say(err, err_size, "cannot open the statistics database %s: %s", path, why);
    ks_stats_close(s);
    return NULL;
  }
  if (sqlite3_open_v2(path, &s->db,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW,
                      NULL) != SQLITE_OK) {
    say(err, err_size,
        "cannot open the statistics database %s: %s (does its folder exist, and is it "
        "writable?)",
        path, s->db ? sqlite3_errmsg(s->db) : "out of memory");
    ks_stats_close(s);
    return NULL;
  }
  sqlite3_busy_timeout(s->db, BUSY_MS);
  bool ok = check_owner(s, &fresh, err, err_size) && set_journal(s, err, err_size) &&
            (!fresh || create_schema(s, err, err_size)) && check_version(s, err, err_size) &&
            trim(s, err, err_size);
  if (ok && sqlite3_prepare_v3(s->db,
                               "INSERT INTO visit(opened_at, exhibit, lang, seconds) "
                               "VALUES(?1, ?2, ?3, ?4)",
                               -1, SQLITE_PREPARE_PERSISTENT, &s->insert, NULL) != SQLITE_OK) {
    say(err, err_size, "%s: cannot prepare the recording of visits: %s", path,
        sqlite3_errmsg(s->db));
    ok = false;
  }
  if (!ok) {
    ks_stats_close(s);
    return NULL;
  }
  return s;
}

void ks_stats_close(ks_stats *s) {
  if (!s)
    return;
  sqlite3_finalize(s->insert);
  sqlite3_close(s->db); /* the last connection checkpoints the WAL into the file */
  free(s->path);
  free(s);
}

/* ---- recording ----------------------------------------------------------------------------- */

/* Content ids (ks_id_valid) never need quoting in the exported CSV, and no spreadsheet reads
 * one as a formula: none starts with '-'. */
_Static_assert((int)KS_STATS_MAX_EXHIBIT == (int)KS_ID_MAX, "a visit's id is a content id");

bool ks_stats_record(ks_stats *s, const char *exhibit_id, const char *lang, int64_t opened_at,
                     double seconds, char *err, size_t err_size) {
  if (!ks_id_valid(exhibit_id)) {
    say(err, err_size,
        "refused: the exhibit id \"%.80s\" must be %d to %d characters of a-z, 0-9 and '-', "
        "neither starting nor ending with '-'",
        exhibit_id ? exhibit_id : "(none)", KS_ID_MIN, KS_ID_MAX);
    return false;
  }
  if (!lang || !ks_lang_tag_valid(lang)) { /* letters, digits and '-': nothing a CSV escapes */
    say(err, err_size,
        "refused: the language \"%.16s\" of a visit must be a language tag (zh, en, ja …)",
        lang ? lang : "(none)");
    return false;
  }
  if (opened_at < 0 || opened_at > MAX_TIME) {
    say(err, err_size, "refused: the time %" PRId64 " is not between 1970 and 9999 in unix seconds",
        opened_at);
    return false;
  }
  if (!isfinite(seconds) || seconds < 0) {
    say(err, err_size, "refused: a visit of %g seconds: the length must be a number, 0 or more",
        seconds);
    return false;
  }
  if (seconds > MAX_SECONDS) {
    say(err, err_size,
        "refused: a visit of %.0f seconds is longer than a week: the clock jumped, or the "
        "visit was never closed",
        seconds);
    return false;
  }
  sqlite3_bind_int64(s->insert, 1, opened_at);
  sqlite3_bind_text(s->insert, 2, exhibit_id, -1, SQLITE_STATIC);
  sqlite3_bind_text(s->insert, 3, lang, -1, SQLITE_STATIC);
  sqlite3_bind_double(s->insert, 4, seconds);
  bool ok = sqlite3_step(s->insert) == SQLITE_DONE;
  if (!ok)
    say(err, err_size, "%s: cannot record the visit: %s", s->path, sqlite3_errmsg(s->db));
  sqlite3_reset(s->insert);
  sqlite3_clear_bindings(s->insert); /* the bound strings are the caller's */
  return ok;
}

/* ---- CSV ----------------------------------------------------------------------------------- */

/* One field, quoted as RFC 4180 says when it holds a comma, a quote or a line break. Validated
 * ids never do, but a row put in by another tool might. */
static void put_field(FILE *f, const char *text) {
  if (!text[strcspn(text, ",\"\r\n")]) {
    fputs(text, f);
    return;
  }
  putc('"', f);
  for (const char *p = text; *p; p++) {
    if (*p == '"')
      putc('"', f);
    putc(*p, f);
  }
  putc('"', f);
}

/* A visit's length to the whole second, as digits (printf's %f would follow the locale's decimal
 * separator): milliseconds added nothing a curator needs and sharpened the timing of a visit. */
static void put_seconds(FILE *f, double seconds) {
  if (!(seconds >= 0 && seconds <= 1e12)) { /* only a row put in by another tool */
    fprintf(f, "%.0f", seconds);
    return;
  }
  fprintf(f, "%lld", llround(seconds));
}

/* When a visit began, to the minute (cut, never rounded up: 12:34:59 is 12:34), in ISO 8601
 * without seconds. The kiosk keeps the second; what leaves it on a stick is not precise enough
 * to match a visit to a person seen at that moment. */
static void put_time(FILE *f, int64_t t) {
  time_t tt = (time_t)t;
  struct tm tm;
  char text[32];
  if (t >= 0 && t <= MAX_TIME && gmtime_r(&tt, &tm) &&
      strftime(text, sizeof text, "%Y-%m-%dT%H:%MZ", &tm))
    fputs(text, f);
  else
    fprintf(f, "%" PRId64, t); /* a row put in by another tool: the number as it is */
}

/* Writes the rows to `f`; false when the database fails (the message is in `err`). */
static bool write_rows(ks_stats *s, FILE *f, int64_t *count, char *err, size_t err_size) {
  sqlite3_stmt *st;
  /* One statement reads one snapshot: visits recorded meanwhile are in the next export. */
  if (sqlite3_prepare_v2(s->db,
                         "SELECT opened_at, exhibit, lang, seconds FROM visit "
                         "ORDER BY opened_at, id",
                         -1, &st, NULL) != SQLITE_OK) {
    say(err, err_size, "%s: cannot read the visits: %s", s->path, sqlite3_errmsg(s->db));
    return false;
  }
  fputs("opened_at_utc,exhibit,lang,seconds\r\n", f);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *exhibit = (const char *)sqlite3_column_text(st, 1);
    const char *lang = (const char *)sqlite3_column_text(st, 2);
    put_time(f, sqlite3_column_int64(st, 0));
    putc(',', f);
    put_field(f, exhibit ? exhibit : "");
    putc(',', f);
    put_field(f, lang ? lang : "");
    putc(',', f);
    put_seconds(f, sqlite3_column_double(st, 3));
    fputs("\r\n", f);
    (*count)++;
  }
  if (rc != SQLITE_DONE)
    say(err, err_size, "%s: cannot read the visits: %s", s->path, sqlite3_errmsg(s->db));
  sqlite3_finalize(st);
  return rc == SQLITE_DONE;
}

/* Flushes the whole file system holding `path` to its device (syncfs), its folder first
 * (fsync). fsync of the file and of its folder is not enough on FAT: after the rename the new
 * directory entry still says 0 bytes until the file's inode is written back, seconds later (a
 * stick pulled 4 s after the export held an empty file, and the kernel logged lost writes). */
static bool sync_stick(const char *path, char *err, size_t err_size) {
  char *copy = ks_xstrdup(path);
  int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  bool ok = fd >= 0 && fsync(fd) == 0 && syncfs(fd) == 0;
  if (!ok)
    say(err, err_size, "cannot flush %s to the stick: %s (it may not be safe to remove)", path,
        strerror(errno));
  if (fd >= 0)
    close(fd);
  free(copy);
  return ok;
}

bool ks_stats_export_csv(ks_stats *s, const char *path, int64_t *visits, char *err,
                         size_t err_size) {
  /* The temporary file is new and unpredictably named beside `path` (PATH.tmp-RANDOM), never
   * through a link: a stick may carry links planted at any name the kiosk would write. */
  char *dir = ks_xstrdup(path), *base = ks_xstrdup(path);
  size_t n = strlen(path) + 64;
  char *prefix = ks_xmalloc(n), *tmp = ks_xmalloc(n);
  snprintf(prefix, n, "%s.tmp-", basename(base));
  const char *hint = "(does the folder exist, and is it writable?)";
  int fd = ks_file_create_temp(dirname(dir), prefix, 0644, NULL, NULL, tmp, n);
  FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
  bool ok = f != NULL;
  if (!f) {
    say(err, err_size, "cannot create a temporary file beside %s: %s %s", path, strerror(errno),
        hint);
    if (fd >= 0) {
      close(fd);
      unlink(tmp);
    }
  }
  int64_t count = 0;
  ok = ok && write_rows(s, f, &count, err, err_size);
  if (ok && (fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0)) {
    say(err, err_size, "cannot write %s: %s %s", tmp, strerror(errno), hint);
    ok = false;
  }
  if (f && fclose(f) != 0 && ok) {
    say(err, err_size, "cannot write %s: %s %s", tmp, strerror(errno), hint);
    ok = false;
  }
  /* rename() replaces a link at `path` itself, never what it points to. */
  if (ok && rename(tmp, path) != 0) {
    say(err, err_size, "cannot replace %s with %s: %s", path, tmp, strerror(errno));
    ok = false;
  }
  if (ok && !sync_stick(path, err, err_size))
    ok = false; /* `path` is the new file, but maybe not on the device yet */
  else if (ok && visits)
    *visits = count;
  else if (!ok && f)
    unlink(tmp);
  free(dir);
  free(base);
  free(prefix);
  free(tmp);
  return ok;
}

/* ---- summary ------------------------------------------------------------------------------- */

bool ks_stats_summary(ks_stats *s,
                      void (*fn)(void *ctx, const char *exhibit, int64_t visits, double seconds),
                      void *ctx, char *err, size_t err_size) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT exhibit, count(*), total(seconds) FROM visit GROUP BY exhibit "
                         "ORDER BY 2 DESC, 3 DESC, 1",
                         -1, &st, NULL) != SQLITE_OK) {
    say(err, err_size, "%s: cannot read the visits: %s", s->path, sqlite3_errmsg(s->db));
    return false;
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *exhibit = (const char *)sqlite3_column_text(st, 0);
    fn(ctx, exhibit ? exhibit : "", sqlite3_column_int64(st, 1), sqlite3_column_double(st, 2));
  }
  if (rc != SQLITE_DONE)
    say(err, err_size, "%s: cannot read the visits: %s", s->path, sqlite3_errmsg(s->db));
  sqlite3_finalize(st);
  return rc == SQLITE_DONE;
}

/* ---- counting ------------------------------------------------------------------------------ */

bool ks_stats_count_since(ks_stats *s, int64_t since, int64_t *visits, char *err, size_t err_size) {
  sqlite3_stmt *st;
  *visits = 0;
  if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM visit WHERE opened_at >= ?", -1, &st, NULL) !=
      SQLITE_OK) {
    say(err, err_size, "%s: cannot count the visits: %s", s->path, sqlite3_errmsg(s->db));
    return false;
  }
  sqlite3_bind_int64(st, 1, since);
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *visits = sqlite3_column_int64(st, 0);
  else
    say(err, err_size, "%s: cannot count the visits: %s", s->path, sqlite3_errmsg(s->db));
  sqlite3_finalize(st);
  return rc == SQLITE_ROW;
}
