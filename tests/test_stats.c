/* Visitor statistics: visits recorded survive a reopen; the summary's order and totals; the CSV
 * export byte for byte; every refusal with its message and nothing recorded; files that are not
 * ours left alone; old and excess visits trimmed on open. */
#include "test_support.h"

#include "kiosk/stats.h"

#include <math.h>
#include <dirent.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { T0 = 1700000000 }; /* 2023-11-14T22:13:20Z */

/* ---- helpers ------------------------------------------------------------------------------- */

/* A path under the scratch folder with no database there, nor its WAL files. */
static const char *fresh_db(char *buf, size_t size, const char *name) {
  char side[1100];
  ts_tmp(buf, size, name);
  unlink(buf);
  snprintf(side, sizeof side, "%s-wal", buf);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", buf);
  unlink(side);
  return buf;
}

static ks_stats *open_ok(const char *path) {
  char err[512];
  ks_stats *s = ks_stats_open(path, err, sizeof err);
  if (!s)
    fail_msg("%s", err);
  return s;
}

static void record_ok(ks_stats *s, const char *id, const char *lang, int64_t at, double seconds) {
  char err[512];
  if (!ks_stats_record(s, id, lang, at, seconds, err, sizeof err))
    fail_msg("%s", err);
}

/* Opening `path` is refused with a message containing `needle`. */
static void expect_open_refused(const char *path, const char *needle) {
  char err[512] = "";
  ks_stats *s = ks_stats_open(path, err, sizeof err);
  if (s || !strstr(err, needle))
    fail_msg("%s: expected a refusal containing \"%s\", got \"%s\"", path, needle, err);
}

/* Runs SQL on the database file directly, as another tool would. */
static void raw_sql(const char *path, const char *sql) {
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
    fail_msg("%s: %s", sql, msg);
  sqlite3_close(db);
}

typedef struct {
  char exhibit[KS_STATS_MAX_EXHIBIT + 1];
  int64_t visits;
  double seconds;
} row;

typedef struct {
  row rows[16];
  size_t n;
  int64_t visits; /* over all rows, also those beyond `rows` */
} summary;

static void collect(void *ctx, const char *exhibit, int64_t visits, double seconds) {
  summary *sum = ctx;
  sum->visits += visits;
  if (sum->n < 16) {
    row *r = &sum->rows[sum->n++];
    snprintf(r->exhibit, sizeof r->exhibit, "%s", exhibit);
    r->visits = visits;
    r->seconds = seconds;
  }
}

static summary summarise(ks_stats *s) {
  summary sum = {0};
  char err[512];
  if (!ks_stats_summary(s, collect, &sum, err, sizeof err))
    fail_msg("%s", err);
  return sum;
}

static void expect_row(const summary *sum, size_t i, const char *exhibit, int64_t visits,
                       double seconds) {
  assert_true(i < sum->n);
  assert_string_equal(sum->rows[i].exhibit, exhibit);
  assert_int_equal(sum->rows[i].visits, visits);
  assert_float_equal(sum->rows[i].seconds, seconds, 1e-9);
}

/* No temporary file of the export to `path` (PATH.tmp-RANDOM) is left in its folder. */
static void expect_no_temporary(const char *path) {
  char dir[1024], prefix[1100];
  snprintf(dir, sizeof dir, "%s", path);
  *strrchr(dir, '/') = '\0';
  snprintf(prefix, sizeof prefix, "%s.tmp", strrchr(path, '/') + 1);
  DIR *d = opendir(dir);
  assert_non_null(d);
  for (struct dirent *e; (e = readdir(d));)
    if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
      fail_msg("%s/%s was left behind", dir, e->d_name);
  closedir(d);
}

/* Exports to `path` and compares the file with `expect` byte for byte. */
static void expect_csv(ks_stats *s, const char *path, int64_t visits, const char *expect) {
  char err[512];
  int64_t n = -1;
  if (!ks_stats_export_csv(s, path, &n, err, sizeof err))
    fail_msg("%s", err);
  assert_int_equal(n, visits);
  size_t size;
  char *text = (char *)ts_read(path, &size);
  text[size] = '\0';
  assert_string_equal(text, expect);
  free(text);
  expect_no_temporary(path);
}

/* ---- recording and reading ----------------------------------------------------------------- */

static void records_survive_a_reopen_and_summarise_in_order(void **state) {
  (void)state;
  char path[1024];
  fresh_db(path, sizeof path, "stats-summary.sqlite");
  ks_stats *s = open_ok(path);
  assert_int_equal(summarise(s).n, 0);
  record_ok(s, "home", "zh", T0, 10);
  record_ok(s, "ach-quantum-sensor", "en", T0 + 10, 30);
  record_ok(s, "home", "en", T0 + 40, 12.5);
  record_ok(s, "timeline", "zh", T0 + 60, 2.25);
  record_ok(s, "home", "zh", T0 + 70, 7.5);
  record_ok(s, "timeline", "en", T0 + 80, 3);
  record_ok(s, "cities", "en", T0 + 90, 1);
  record_ok(s, "attract", "zh", T0 + 95, 1);
  record_ok(s, "ach-quantum-sensor", "zh", T0 + 100, 0);
  ks_stats_close(s);

  s = open_ok(path);
  summary sum = summarise(s);
  assert_int_equal(sum.n, 5);
  expect_row(&sum, 0, "home", 3, 30);
  expect_row(&sum, 1, "ach-quantum-sensor", 2, 30); /* two visits each: the longer total first */
  expect_row(&sum, 2, "timeline", 2, 5.25);
  expect_row(&sum, 3, "attract", 1, 1); /* a tie in both: by id */
  expect_row(&sum, 4, "cities", 1, 1);
  /* Recording goes on after a reopen. */
  record_ok(s, "cities", "zh", T0 + 200, 4);
  sum = summarise(s);
  expect_row(&sum, 3, "cities", 2, 5);
  /* Visits since a moment (a fleet report's "visits today"): those opened then or later. */
  int64_t n = -1;
  char err[256];
  assert_true(ks_stats_count_since(s, T0 + 70, &n, err, sizeof err));
  assert_int_equal(n, 6);
  assert_true(ks_stats_count_since(s, T0 + 201, &n, err, sizeof err));
  assert_int_equal(n, 0);
  ks_stats_close(s);
}

static void exports_csv_exactly(void **state) {
  (void)state;
  char path[1024], csv[1024];
  fresh_db(path, sizeof path, "stats-csv.sqlite");
  ts_tmp(csv, sizeof csv, "stats.csv");
  ts_write(csv, "an older export\n", 16); /* replaced whole */
  ks_stats *s = open_ok(path);
  expect_csv(s, csv, 0, "opened_at_utc,exhibit,lang,seconds\r\n");
  /* Recorded out of order: the export is by time. */
  record_ok(s, "timeline", "en", T0 + 3661, 0.0004);
  record_ok(s, "home", "zh", T0, 12.3456);
  record_ok(s, "ach-quantum-sensor", "en", 1704067199, 604800);
  record_ok(s, "home", "en", T0, 1.5);
  expect_csv(s, csv, 4,
             "opened_at_utc,exhibit,lang,seconds\r\n"
             "2023-11-14T22:13Z,home,zh,12\r\n"
             "2023-11-14T22:13Z,home,en,2\r\n"
             "2023-11-14T23:14Z,timeline,en,0\r\n"
             "2023-12-31T23:59Z,ach-quantum-sensor,en,604800\r\n");
  ks_stats_close(s);

  /* A row put in by another tool, which the schema does not stop, is quoted per RFC 4180. */
  raw_sql(path, "INSERT INTO visit(opened_at, exhibit, lang, seconds) "
                "VALUES(1704067200, 'say \"hi\", then' || char(13, 10) || 'go', 'en', 2)");
  s = open_ok(path);
  expect_csv(s, csv, 5,
             "opened_at_utc,exhibit,lang,seconds\r\n"
             "2023-11-14T22:13Z,home,zh,12\r\n"
             "2023-11-14T22:13Z,home,en,2\r\n"
             "2023-11-14T23:14Z,timeline,en,0\r\n"
             "2023-12-31T23:59Z,ach-quantum-sensor,en,604800\r\n"
             "2024-01-01T00:00Z,\"say \"\"hi\"\", then\r\ngo\",en,2\r\n");
  ks_stats_close(s);
}

/* What leaves the kiosk says when a visit began to the minute and how long it was to the second:
 * a visit at 12:34:56 cannot be matched to a visitor seen on a camera at that second. */
static void exports_minutes_and_whole_seconds(void **state) {
  (void)state;
  char path[1024], csv[1024];
  fresh_db(path, sizeof path, "stats-minute.sqlite");
  ts_tmp(csv, sizeof csv, "stats-minute.csv");
  ks_stats *s = open_ok(path);
  record_ok(s, "home", "zh", 1714566896, 12.6);  /* 2024-05-01 12:34:56 */
  record_ok(s, "home", "en", 1714566899, 0.4);   /* 12:34:59: still 12:34, never rounded up */
  record_ok(s, "timeline", "en", 1714566900, 7); /* 12:35:00 */
  expect_csv(s, csv, 3,
             "opened_at_utc,exhibit,lang,seconds\r\n"
             "2024-05-01T12:34Z,home,zh,13\r\n"
             "2024-05-01T12:34Z,home,en,0\r\n"
             "2024-05-01T12:35Z,timeline,en,7\r\n");
  ks_stats_close(s);
}

/* ---- refusals ------------------------------------------------------------------------------ */

static void expect_refused(ks_stats *s, const char *id, const char *lang, int64_t at,
                           double seconds, const char *needle) {
  char err[512] = "";
  if (ks_stats_record(s, id, lang, at, seconds, err, sizeof err) || !strstr(err, needle))
    fail_msg("%s/%s/%lld/%g: expected a refusal containing \"%s\", got \"%s\"", id ? id : "NULL",
             lang ? lang : "NULL", (long long)at, seconds, needle, err);
}

static void refuses_bad_visits(void **state) {
  (void)state;
  char path[1024], long_id[KS_STATS_MAX_EXHIBIT + 2];
  fresh_db(path, sizeof path, "stats-refusals.sqlite");
  ks_stats *s = open_ok(path);
  const char *id_rule = "must be 3 to 64 characters of a-z, 0-9 and '-'";
  memset(long_id, 'a', sizeof long_id - 1);
  long_id[sizeof long_id - 1] = '\0';
  record_ok(s, long_id + 1, "zh", T0, 1); /* 64 is allowed */
  expect_refused(s, long_id, "zh", T0, 1, id_rule);
  expect_refused(s, "", "zh", T0, 1, id_rule);
  expect_refused(s, NULL, "zh", T0, 1, id_rule);
  expect_refused(s, "Home", "zh", T0, 1, "\"Home\" must be 3 to 64");
  expect_refused(s, "a_b", "zh", T0, 1, id_rule);
  expect_refused(s, "a b", "zh", T0, 1, id_rule);
  expect_refused(s, "a,b", "zh", T0, 1, id_rule);
  expect_refused(s, "-home", "zh", T0, 1, "neither starting nor ending with '-'");
  expect_refused(s, "home-", "zh", T0, 1, id_rule); /* the validator's rule, not a looser one */
  expect_refused(s, "ab", "zh", T0, 1, id_rule);
  expect_refused(s, "馆", "zh", T0, 1, id_rule);
  expect_refused(s, "home", "zh,en", T0, 1,
                 "the language \"zh,en\" of a visit must be a language tag (zh, en, ja …)");
  expect_refused(s, "home", "zh_CN", T0, 1, "must be a language tag"); /* a locale, not a tag */
  expect_refused(s, "home", "", T0, 1, "must be a language tag");
  expect_refused(s, "home", NULL, T0, 1, "must be a language tag");
  expect_refused(s, "home", "zh", T0, -1,
                 "a visit of -1 seconds: the length must be a number, 0 or more");
  expect_refused(s, "home", "zh", T0, -0.001, "the length must be a number, 0 or more");
  expect_refused(s, "home", "zh", T0, NAN, "the length must be a number, 0 or more");
  expect_refused(s, "home", "zh", T0, INFINITY, "the length must be a number, 0 or more");
  expect_refused(s, "home", "zh", T0, 604800.5, "longer than a week");
  expect_refused(s, "home", "zh", -1, 1, "not between 1970 and 9999");
  expect_refused(s, "home", "zh", INT64_C(253402300800), 1, "not between 1970 and 9999");
  /* Nothing refused was recorded. */
  summary sum = summarise(s);
  assert_int_equal(sum.n, 1);
  expect_row(&sum, 0, long_id + 1, 1, 1);
  ks_stats_close(s);
}

static void export_to_an_unwritable_path_says_why(void **state) {
  (void)state;
  char path[1024], csv[1024], tmp[1100], err[512];
  fresh_db(path, sizeof path, "stats-unwritable.sqlite");
  ks_stats *s = open_ok(path);
  record_ok(s, "home", "zh", T0, 1);

  /* A folder that does not exist. */
  ts_tmp(csv, sizeof csv, "no-such-folder/stats.csv");
  assert_false(ks_stats_export_csv(s, csv, NULL, err, sizeof err));
  assert_non_null(strstr(err, "beside " KS_TEST_TMP "/no-such-folder/stats.csv: No such file or "
                              "directory (does the folder exist, and is it writable?)"));

  /* Whatever is at the name older kiosks wrote to (a folder here) is not in the way. */
  ts_tmp(csv, sizeof csv, "stats-kept.csv");
  ts_write(csv, "old", 3);
  snprintf(tmp, sizeof tmp, "%s.tmp", csv);
  rmdir(tmp);
  assert_int_equal(mkdir(tmp, 0755), 0);
  int64_t n = -1;
  assert_true(ks_stats_export_csv(s, csv, &n, err, sizeof err));
  assert_int_equal(n, 1);
  rmdir(tmp);

  /* The path is a folder: nothing can replace it, and no temporary file is left behind. */
  ts_tmp(csv, sizeof csv, "stats-a-folder.csv");
  mkdir(csv, 0755);
  n = -1;
  assert_false(ks_stats_export_csv(s, csv, &n, err, sizeof err));
  assert_non_null(strstr(err, "cannot replace"));
  assert_non_null(strstr(err, "Is a directory"));
  assert_int_equal(n, -1);
  expect_no_temporary(csv);

  /* A folder the user may not write to (root may write anywhere: not checked as root). */
  if (geteuid() != 0) {
    char dir[1024];
    ts_tmp(dir, sizeof dir, "stats-read-only");
    mkdir(dir, 0755);
    chmod(dir, 0555);
    ts_tmp(csv, sizeof csv, "stats-read-only/stats.csv");
    assert_false(ks_stats_export_csv(s, csv, NULL, err, sizeof err));
    assert_non_null(strstr(err, "Permission denied (does the folder exist, and is it writable?)"));
    chmod(dir, 0755);
  }
  ks_stats_close(s);
}

/* A link planted on a stick at the old temporary name or at the export's own name is never
 * written through: the file it points at (a pack, `active`, the database) keeps its bytes. */
/* The file at `path` holds `text`, no more, no less. */
static void expect_bytes(const char *path, const char *text) {
  size_t size;
  char *got = (char *)ts_read(path, &size);
  got[size] = '\0';
  assert_string_equal(got, text);
  free(got);
}

static void export_never_writes_through_a_link(void **state) {
  (void)state;
  char path[1024], csv[1024], tmp[1100], victim[1024];
  fresh_db(path, sizeof path, "stats-links.sqlite");
  ks_stats *s = open_ok(path);
  record_ok(s, "home", "zh", T0, 1);
  static const char precious[] = "the kiosk's own file, not to be overwritten";
  ts_write(ts_tmp(victim, sizeof victim, "stats-victim"), precious, sizeof precious - 1);
  const char *expect = "opened_at_utc,exhibit,lang,seconds\r\n"
                       "2023-11-14T22:13Z,home,zh,1\r\n";

  /* A link at the temporary name the export used to write. */
  ts_tmp(csv, sizeof csv, "stats-linked.csv");
  unlink(csv);
  snprintf(tmp, sizeof tmp, "%s.tmp", csv);
  unlink(tmp);
  assert_int_equal(symlink(victim, tmp), 0);
  char err[512];
  if (!ks_stats_export_csv(s, csv, NULL, err, sizeof err))
    fail_msg("%s", err);
  expect_bytes(victim, precious);
  expect_bytes(csv, expect);
  unlink(tmp);

  /* The export's name itself is a link: the link is replaced, its target left alone. */
  unlink(csv);
  assert_int_equal(symlink(victim, csv), 0);
  if (!ks_stats_export_csv(s, csv, NULL, err, sizeof err))
    fail_msg("%s", err);
  expect_bytes(victim, precious);
  struct stat st;
  assert_int_equal(lstat(csv, &st), 0);
  assert_true(S_ISREG(st.st_mode));
  expect_bytes(csv, expect);
  ks_stats_close(s);
}

/* The database is never opened through a link (its target would be written), nor waited on as a
 * FIFO: each refused at once with its reason. */
static void refuses_a_link_or_a_fifo_as_the_database(void **state) {
  (void)state;
  char path[1024], victim[1024];
  /* An empty file would be taken for a new database and set up: the worst case. */
  ts_write(ts_tmp(victim, sizeof victim, "stats-db-victim"), "", 0);
  fresh_db(path, sizeof path, "stats-link.sqlite");
  assert_int_equal(symlink(victim, path), 0);
  expect_open_refused(path, "symbolic link");
  size_t size;
  unsigned char *after = ts_read(victim, &size);
  assert_int_equal(size, 0);
  free(after);
  unlink(path);
  alarm(10); /* a regression waits forever: fail instead */
  fresh_db(path, sizeof path, "stats-fifo.sqlite");
  assert_int_equal(mkfifo(path, 0600), 0);
  expect_open_refused(path, "a named pipe (FIFO), not a regular file");
  alarm(0);
  unlink(path);
}

/* ---- files that are not ours ----------------------------------------------------------------- */

static void refuses_files_that_are_not_statistics(void **state) {
  (void)state;
  char path[1024];
  expect_open_refused(ts_tmp(path, sizeof path, "no-such-folder/stats.sqlite"),
                      "does its folder exist, and is it writable?");

  /* Not a database at all: refused, and left as it was. */
  static const char text[] = "these are notes, not a database; 4096 bytes or not, sqlite says";
  fresh_db(path, sizeof path, "stats-text.sqlite");
  ts_write(path, text, sizeof text - 1);
  expect_open_refused(path, "is not a statistics database (file is not a database)");
  size_t size;
  unsigned char *after = ts_read(path, &size);
  assert_int_equal(size, sizeof text - 1);
  assert_memory_equal(after, text, size);
  free(after);

  /* Another application's database: refused before WAL mode or a table is put into it. */
  fresh_db(path, sizeof path, "stats-other.sqlite");
  raw_sql(path, "CREATE TABLE notes(x); PRAGMA application_id=1234;");
  expect_open_refused(path, "is a database of another application");
  fresh_db(path, sizeof path, "stats-other.sqlite");
  raw_sql(path, "CREATE TABLE notes(x);");
  expect_open_refused(path, "is a database of another application");
  sqlite3 *db;
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  assert_string_equal((const char *)sqlite3_column_text(st, 0), "delete");
  sqlite3_finalize(st);
  sqlite3_close(db);

  /* Ours, from a newer kiosk. */
  fresh_db(path, sizeof path, "stats-newer.sqlite");
  ks_stats_close(open_ok(path));
  raw_sql(path, "PRAGMA user_version=2;");
  expect_open_refused(path, "was written by a newer kiosk (schema 2, this kiosk reads 1): "
                            "update the kiosk");
}

/* ---- trimming ------------------------------------------------------------------------------ */

static void trims_visits_older_than_a_year(void **state) {
  (void)state;
  char path[1024];
  fresh_db(path, sizeof path, "stats-trim.sqlite");
  const int64_t day = 86400, now = (int64_t)time(NULL);
  ks_stats *s = open_ok(path);
  record_ok(s, "old", "zh", now - (KS_STATS_KEEP_DAYS + 1) * day, 1);
  record_ok(s, "kept", "zh", now - (KS_STATS_KEEP_DAYS - 1) * day, 1);
  record_ok(s, "recent", "zh", now - day, 1);
  /* A visit recorded while the clock was wrong, a century ahead: it must not make the whole
   * year look old. */
  record_ok(s, "future", "zh", now + 100 * 365 * day, 1);
  ks_stats_close(s);
  s = open_ok(path);
  summary sum = summarise(s);
  assert_int_equal(sum.n, 3);
  expect_row(&sum, 0, "future", 1, 1);
  expect_row(&sum, 1, "kept", 1, 1);
  expect_row(&sum, 2, "recent", 1, 1);
  ks_stats_close(s);

  /* A kiosk off for years keeps its last year of visits until new ones come. */
  fresh_db(path, sizeof path, "stats-trim.sqlite");
  s = open_ok(path);
  record_ok(s, "old", "zh", T0 - (KS_STATS_KEEP_DAYS + 1) * day, 1);
  record_ok(s, "last", "zh", T0, 1);
  ks_stats_close(s);
  s = open_ok(path);
  sum = summarise(s);
  assert_int_equal(sum.n, 1);
  expect_row(&sum, 0, "last", 1, 1);
  ks_stats_close(s);
}

static void keeps_at_most_the_newest_visits(void **state) {
  (void)state;
  char path[1024];
  fresh_db(path, sizeof path, "stats-cap.sqlite");
  ks_stats_close(open_ok(path));
  char sql[512];
  snprintf(sql, sizeof sql,
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
           "INSERT INTO visit(opened_at, exhibit, lang, seconds) "
           "SELECT %d, CASE WHEN i <= 10 THEN 'first' ELSE 'later' END, 'zh', 1 FROM n",
           KS_STATS_KEEP_VISITS + 10, T0);
  raw_sql(path, sql);
  ks_stats *s = open_ok(path);
  summary sum = summarise(s);
  assert_int_equal(sum.n, 1);
  expect_row(&sum, 0, "later", KS_STATS_KEEP_VISITS, KS_STATS_KEEP_VISITS);
  ks_stats_close(s);
  fresh_db(path, sizeof path, "stats-cap.sqlite"); /* 30 MB the other tests do not need */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(records_survive_a_reopen_and_summarise_in_order),
      cmocka_unit_test(exports_csv_exactly),
      cmocka_unit_test(exports_minutes_and_whole_seconds),
      cmocka_unit_test(refuses_bad_visits),
      cmocka_unit_test(export_to_an_unwritable_path_says_why),
      cmocka_unit_test(export_never_writes_through_a_link),
      cmocka_unit_test(refuses_a_link_or_a_fifo_as_the_database),
      cmocka_unit_test(refuses_files_that_are_not_statistics),
      cmocka_unit_test(trims_visits_older_than_a_year),
      cmocka_unit_test(keeps_at_most_the_newest_visits),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
