/* kiosk stats: the visitor statistics a kiosk kept in its data folder, as a table, or as CSV for a
 * spreadsheet. It reads the same database the running kiosk writes, and may run beside it. */
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/stats.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static const char stats_usage[] =
    "usage: kiosk stats --data-dir DIR [--csv FILE]\n"
    "\n"
    "The visits the kiosk recorded in DIR/stats.sqlite: which exhibit or screen was open, in\n"
    "which language, when and for how long. Nothing about the visitors themselves.\n"
    "\n"
    "  --data-dir DIR   the kiosk's data folder\n"
    "  --csv FILE       write every visit to FILE as CSV instead of printing the table of\n"
    "                   visits per exhibit: opened_at_utc,exhibit,lang,seconds, when each visit\n"
    "                   began to the minute (UTC) and its length in whole seconds\n";

/* What the table has printed so far, for its last line. */
typedef struct {
  int64_t exhibits, visits;
  double seconds;
} totals;

/* Seconds as H:MM:SS. */
static void clock_text(double seconds, char *out, size_t size) {
  long long s = (long long)(seconds + 0.5);
  snprintf(out, size, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
}

static void print_row(void *ctx, const char *exhibit, int64_t visits, double seconds) {
  totals *t = ctx;
  if (t->exhibits++ == 0)
    ks_diag_log(stdout, "%-40s %8s %12s %10s", "exhibit", "visits", "total time", "average");
  char total[32];
  clock_text(seconds, total, sizeof total);
  ks_diag_log(stdout, "%-40s %8" PRId64 " %12s %8.1f s", exhibit, visits, total,
              visits ? seconds / (double)visits : 0.0);
  t->visits += visits;
  t->seconds += seconds;
}

int ks_cmd_stats(int argc, char **argv) {
  const char *data_dir = NULL, *csv = NULL;
  for (int i = 0; i < argc; i++) {
    bool has_value = i + 1 < argc;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(stats_usage, stdout);
      return 0;
    } else if (strcmp(argv[i], "--data-dir") == 0 && has_value) {
      data_dir = argv[++i];
    } else if (strcmp(argv[i], "--csv") == 0 && has_value) {
      csv = argv[++i];
    } else {
      ks_diag_log(stderr, "kiosk stats: unexpected argument \"%s\"", argv[i]);
      fputs("\n", stderr);
      fputs(stats_usage, stderr);
      return 2;
    }
  }
  if (!data_dir) {
    fputs(stats_usage, stderr);
    return 2;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/stats.sqlite", data_dir);
  struct stat st;
  /* Opening would create an empty database: a mistyped folder would look like a quiet kiosk. */
  if (stat(path, &st) != 0) {
    ks_diag_log(stderr,
                "kiosk stats: no statistics in %s (%s is missing): the kiosk records visits there "
                "while it runs",
                data_dir, path);
    return 1;
  }
  char err[1024];
  ks_stats *stats = ks_stats_open(path, err, sizeof err);
  if (!stats) {
    ks_diag_log(stderr, "kiosk stats: %s", err);
    return 1;
  }
  bool ok;
  if (csv) {
    int64_t visits = 0;
    ok = ks_stats_export_csv(stats, csv, &visits, err, sizeof err);
    if (ok)
      ks_diag_log(stdout, "wrote %" PRId64 " visit%s to %s", visits, visits == 1 ? "" : "s", csv);
  } else {
    totals t = {0};
    ok = ks_stats_summary(stats, print_row, &t, err, sizeof err);
    if (ok && t.exhibits == 0) {
      printf("no visits recorded yet\n");
    } else if (ok) {
      char total[32];
      clock_text(t.seconds, total, sizeof total);
      ks_diag_log(stdout, "%" PRId64 " exhibit%s, %" PRId64 " visit%s, %s in all", t.exhibits,
                  t.exhibits == 1 ? "" : "s", t.visits, t.visits == 1 ? "" : "s", total);
    }
  }
  ks_stats_close(stats);
  if (!ok) {
    ks_diag_log(stderr, "kiosk stats: %s", err);
    return 1;
  }
  return 0;
}
