/* kiosk fleet status: on a curator's laptop, what each kiosk of a hall reported in the folder
 * they share — which pack it shows, when it last reported, what went wrong — with the kiosks that
 * are behind or silent flagged. */
#include "args.h"
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fleet.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const ks_cli_cmd fleet_cmd = {
    .name = "fleet",
    .synopsis = "status FOLDER [--json] [--silent-after SECONDS]",
    .about = "What the kiosks of a hall reported in the folder they share (`kiosk fleet status\n"
             "--help`).\n",
    .subcommands = true};

enum { OPT_JSON = 1, OPT_SILENT_AFTER };

static const ks_cli_opt status_opts[] = {
    {OPT_JSON, "--json", NULL, "the reports as JSON, each with \"behind\" and \"silent\""},
    {OPT_SILENT_AFTER, "--silent-after", "SECONDS",
     "a kiosk whose last report is older is SILENT (default 300 s:\n"
     "five reports missed)"},
    {0}};

static const ks_cli_cmd status_cmd = {
    .name = "fleet status",
    .synopsis = "FOLDER [--json] [--silent-after SECONDS]",
    .about =
        "One line per kiosk that reports in FOLDER/status/: the pack it shows, when it last\n"
        "reported, its last install and what went wrong. A kiosk is BEHIND when another shows\n"
        "a newer version of the same pack, SILENT when its last report is older than\n"
        "--silent-after. Exit status 0 when every kiosk is current and reporting, 1 otherwise.\n",
    .opts = status_opts,
    .max_operands = 1};

/* "12 s", "5 min", "3 h", "2 d" ago. */
static void age(char *out, size_t size, int64_t seconds) {
  if (seconds < 0)
    snprintf(out, size, "in the future (clock?)");
  else if (seconds < 120)
    snprintf(out, size, "%" PRId64 " s ago", seconds);
  else if (seconds < 7200)
    snprintf(out, size, "%" PRId64 " min ago", seconds / 60);
  else if (seconds < 172800)
    snprintf(out, size, "%" PRId64 " h ago", seconds / 3600);
  else
    snprintf(out, size, "%" PRId64 " d ago", seconds / 86400);
}

/* Behind: another kiosk shows a newer version of the same pack, or any pack where it shows none. */
static bool is_behind(const ks_fleet_report *all, size_t n, const ks_fleet_report *r) {
  for (size_t i = 0; i < n; i++) {
    if (!all[i].has_pack)
      continue;
    if (!r->has_pack)
      return true;
    if (strcmp(all[i].pack_id, r->pack_id) == 0 && all[i].pack_version > r->pack_version)
      return true;
  }
  return false;
}

static void print_json(const ks_fleet_report *all, size_t n, const bool *behind,
                       const bool *silent) {
  fputs("[", stdout);
  for (size_t i = 0; i < n; i++) {
    const ks_fleet_report *r = &all[i];
    fputs(i ? ",\n{\"kiosk\":" : "\n{\"kiosk\":", stdout);
    ks_diag_json_string(stdout, r->name);
    fprintf(stdout, ",\"reported\":%" PRId64 ",\"software\":", r->reported);
    ks_diag_json_string(stdout, r->software);
    if (r->has_pack) {
      fputs(",\"pack\":{\"id\":", stdout);
      ks_diag_json_string(stdout, r->pack_id);
      fprintf(stdout, ",\"version\":%" PRId64 ",\"sha256\":", r->pack_version);
      ks_diag_json_string(stdout, r->pack_sha256);
      fprintf(stdout, ",\"since\":%" PRId64 "}", r->pack_since);
    } else {
      fputs(",\"pack\":null", stdout);
    }
    fputs(",\"last_install\":", stdout);
    ks_diag_json_string(stdout, r->last_install);
    fputs(",\"last_outcome\":", stdout);
    ks_diag_json_string(stdout, r->last_outcome);
    fputs(",\"last_error\":", stdout);
    ks_diag_json_string(stdout, r->last_error);
    fprintf(stdout, ",\"uptime_s\":%" PRId64 ",\"visits_today\":%" PRId64, r->uptime_s,
            r->visits_today);
    fputs(behind[i] ? ",\"behind\":true" : ",\"behind\":false", stdout);
    fputs(silent[i] ? ",\"silent\":true}" : ",\"silent\":false}", stdout);
  }
  fputs("\n]\n", stdout);
}

static void print_table(const ks_fleet_report *all, size_t n, const bool *behind,
                        const bool *silent, int64_t now) {
  ks_diag_log(stdout, "%-20s %-32s %-14s %-14s %s", "KIOSK", "PACK", "REPORTED", "STATE",
              "LAST INSTALL / LAST ERROR");
  for (size_t i = 0; i < n; i++) {
    const ks_fleet_report *r = &all[i];
    char pack[128], when[48], state[32], last[1400];
    if (r->has_pack)
      snprintf(pack, sizeof pack, "%.64s version %" PRId64, r->pack_id, r->pack_version);
    else
      snprintf(pack, sizeof pack, "(bundled)");
    age(when, sizeof when, now - r->reported);
    snprintf(state, sizeof state, "%s%s%s", behind[i] ? "BEHIND" : "",
             behind[i] && silent[i] ? "," : "", silent[i] ? "SILENT" : "");
    if (!state[0])
      snprintf(state, sizeof state, "ok");
    last[0] = '\0';
    if (r->last_install[0])
      snprintf(last, sizeof last, "%.255s: %s", r->last_install, r->last_outcome);
    if (r->last_error[0])
      snprintf(last + strlen(last), sizeof last - strlen(last), "%s%.1000s",
               last[0] ? "; error: " : "error: ", r->last_error);
    ks_diag_log(stdout, "%-20s %-32s %-14s %-14s %s", r->name, pack, when, state, last);
  }
}

int ks_cmd_fleet(int argc, char **argv) {
  const char *folder = NULL;
  bool json = false;
  int64_t silent_after = 300;
  const char *name;
  int sub_argc;
  char **sub_argv;
  int rc = ks_cli_subcommand(&fleet_cmd, argc, argv, &name, &sub_argc, &sub_argv);
  if (rc >= 0)
    return rc;
  if (strcmp(name, "status") != 0) {
    char what[600];
    snprintf(what, sizeof what, "unknown command \"%.500s\" (the one command is status)", name);
    return ks_cli_refuse(&fleet_cmd, what);
  }
  ks_cli *cli = ks_cli_begin(&status_cmd, sub_argc, sub_argv);
  const char *v;
  for (int id; (id = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (id == OPT_JSON) {
      json = true;
    } else if (id == OPT_SILENT_AFTER) {
      char *end;
      silent_after = strtoll(v, &end, 10);
      if (*end || end == v || silent_after < 1)
        ks_cli_fail(cli, "--silent-after takes a number of seconds");
    }
  }
  int words;
  char **operands = ks_cli_operands(cli, &words);
  folder = words > 0 ? operands[0] : NULL;
  rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (!folder)
    return ks_cli_refuse(&status_cmd, "name the folder the kiosks share");
  ks_diag *diag = ks_diag_create();
  ks_fleet_report *all = NULL;
  size_t n = ks_fleet_report_read_all(folder, &all, diag);
  for (size_t i = 0; i < ks_diag_size(diag); i++)
    ks_diag_log(stderr, "%s", ks_diag_text(diag, i));
  bool failed = ks_diag_count(diag, KS_ERROR) > 0;
  ks_diag_destroy(diag);
  if (failed) {
    free(all);
    return 1;
  }
  int64_t now = (int64_t)time(NULL);
  bool *behind = calloc(n + 1, sizeof *behind), *silent = calloc(n + 1, sizeof *silent);
  bool attention = n == 0;
  for (size_t i = 0; i < n && behind && silent; i++) {
    behind[i] = is_behind(all, n, &all[i]);
    silent[i] = now - all[i].reported > silent_after;
    attention |= behind[i] || silent[i];
  }
  if (!behind || !silent) {
    fprintf(stderr, "kiosk fleet status: out of memory\n");
  } else if (json) {
    print_json(all, n, behind, silent);
  } else if (n == 0) {
    ks_diag_log(stdout, "no kiosk has reported in %s/status yet", folder);
  } else {
    print_table(all, n, behind, silent, now);
  }
  free(behind);
  free(silent);
  free(all);
  return attention ? 1 : 0;
}
