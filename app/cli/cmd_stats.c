/* kiosk stats: the visitor statistics a kiosk kept in its data folder, as a table, or as CSV for a
 * spreadsheet. It reads the same database the running kiosk writes, and may run beside it. */
#include "args.h"
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/stats.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

enum { OPT_DATA_DIR = 1, OPT_CSV, OPT_JSON };

static const ks_cli_opt stats_opts[] = {
    {OPT_DATA_DIR, "--data-dir", "DIR", "the kiosk's data folder"},
    {OPT_CSV, "--csv", "FILE",
     "write every visit to FILE as CSV instead of printing the table of\n"
     "visits per exhibit: opened_at_utc,exhibit,lang,seconds, when each visit\n"
     "began to the minute (UTC) and its length in whole seconds"},
    {OPT_JSON, "--json", NULL,
     "print the table as JSON: exhibits (exhibit, visits, seconds), and\n"
     "the totals visits and seconds"},
    {0}};

static const ks_cli_cmd stats_cmd = {
    .name = "stats",
    .synopsis = "--data-dir DIR [--csv FILE | --json]",
    .about =
        "The visits the kiosk recorded in DIR/stats.sqlite: which exhibit or screen was open,\n"
        "in which language, when and for how long. Nothing about the visitors themselves.\n",
    .opts = stats_opts};

/* What the table has printed so far, for its last line. */
typedef struct {
  int64_t exhibits, visits;
  double seconds;
  bool json; /* rows as JSON objects rather than the table's lines */
} totals;

/* Seconds as H:MM:SS. */
static void clock_text(double seconds, char *out, size_t size) {
  long long s = (long long)(seconds + 0.5);
  snprintf(out, size, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
}

static void print_row(void *ctx, const char *exhibit, int64_t visits, double seconds) {
  totals *t = ctx;
  t->visits += visits;
  t->seconds += seconds;
  if (t->json) {
    fputs(t->exhibits++ ? ",\n{\"exhibit\":" : "\n{\"exhibit\":", stdout);
    ks_diag_json_string(stdout, exhibit);
    fprintf(stdout, ",\"visits\":%" PRId64 ",\"seconds\":%.3f}", visits, seconds);
    return;
  }
  if (t->exhibits++ == 0)
    ks_diag_log(stdout, "%-40s %8s %12s %10s", "exhibit", "visits", "total time", "average");
  char total[32];
  clock_text(seconds, total, sizeof total);
  ks_diag_log(stdout, "%-40s %8" PRId64 " %12s %8.1f s", exhibit, visits, total,
              visits ? seconds / (double)visits : 0.0);
}

int ks_cmd_stats(int argc, char **argv) {
  const char *data_dir = NULL, *csv = NULL;
  bool json = false;
  ks_cli *cli = ks_cli_begin(&stats_cmd, argc, argv);
  const char *v;
  for (int id; (id = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (id == OPT_DATA_DIR)
      data_dir = v;
    else if (id == OPT_CSV)
      csv = v;
    else if (id == OPT_JSON)
      json = true;
  }
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (!data_dir)
    return ks_cli_refuse(&stats_cmd, "name the kiosk's data folder with --data-dir DIR");
  if (csv && json)
    return ks_cli_refuse(&stats_cmd, "--csv and --json exclude each other");
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
    totals t = {.json = json};
    if (json)
      fputs("{\"exhibits\":[", stdout);
    ok = ks_stats_summary(stats, print_row, &t, err, sizeof err);
    if (json)
      fprintf(stdout, "],\"visits\":%" PRId64 ",\"seconds\":%.3f}\n", t.visits, t.seconds);
    else if (ok && t.exhibits == 0) {
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
