/* kiosk pack install / status / rollback: a kiosk's data folder from the command line, with the
 * same code the running kiosk uses. */
#include "args.h"
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/install.h"
#include "kiosk/paths.h"
#include "kiosk/sign.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_KEYS = 16 };

/* Findings, when there are any, then frees them. */
static void print_findings(ks_diag *diag) {
  if (ks_diag_size(diag) > 0)
    ks_diag_print(diag, stderr);
  ks_diag_destroy(diag);
}

enum { OPT_DATA_DIR = 1, OPT_PUBKEY, OPT_ROLLBACK_OK, OPT_ALLOW_UNSIGNED, OPT_JSON };

static const ks_cli_opt install_opts[] = {
    {OPT_DATA_DIR, "--data-dir", "DIR", "the kiosk's data folder"},
    {OPT_PUBKEY, "--pubkey", "KEY.pub", "a trusted public key (up to 16: give --pubkey again)"},
    {OPT_ROLLBACK_OK, "--rollback-ok", NULL,
     "allow a pack older than the installed one (an explicit rollback)"},
    {OPT_ALLOW_UNSIGNED, "--allow-unsigned", NULL,
     "DEVELOPERS ONLY: install a pack without a signature"},
    {0}};

static const ks_cli_cmd install_cmd = {
    .name = "pack install",
    .synopsis = "FILE.kpack --data-dir DIR --pubkey KEY.pub [--pubkey …]\n"
                "[--rollback-ok] [--allow-unsigned]",
    .about = "Copies the pack into the kiosk's data folder, hashing it on the way (on a terminal,\n"
             "showing how far it has got); checks its signature (FILE.kpack.minisig) against the\n"
             "trusted keys, opens the copy hardened and validates it in full, then switches to it\n"
             "atomically. The pack shown before is kept for rollback. Anything wrong: refused,\n"
             "nothing changes.\n",
    .opts = install_opts,
    .max_operands = 1};

static const ks_cli_opt status_opts[] = {
    {OPT_DATA_DIR, "--data-dir", "DIR", "the kiosk's data folder"},
    {OPT_JSON, "--json", NULL,
     "print it as JSON: active and previous, each null or with id,\n"
     "version and sha256"},
    {0}};

static const ks_cli_cmd status_cmd = {
    .name = "pack status",
    .synopsis = "--data-dir DIR [--json]",
    .about = "The pack a data folder shows (id, version, sha256) and the one kept for rollback.\n",
    .opts = status_opts};

static const ks_cli_opt rollback_opts[] = {
    {OPT_DATA_DIR, "--data-dir", "DIR", "the kiosk's data folder"}, {0}};

static const ks_cli_cmd rollback_cmd = {
    .name = "pack rollback",
    .synopsis = "--data-dir DIR",
    .about = "Shows the previous pack again (the one kept at the last install), then the status.\n",
    .opts = rollback_opts};

typedef struct {
  const char *pack, *data_dir;
  ks_pubkey keys[MAX_KEYS];
  size_t n_keys;
  bool rollback_ok, allow_unsigned, json;
} install_args;

/* -1 when parsed; otherwise the exit status to return. */
static int parse(const ks_cli_cmd *cmd, int argc, char **argv, install_args *a) {
  char err[512];
  ks_cli *cli = ks_cli_begin(cmd, argc, argv);
  int n;
  const char *v;
  for (int id; (id = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (id == OPT_DATA_DIR) {
      a->data_dir = v;
    } else if (id == OPT_PUBKEY && a->n_keys == MAX_KEYS) {
      ks_cli_fail(cli, "at most 16 trusted keys");
    } else if (id == OPT_PUBKEY) {
      if (!ks_sign_read_pubkey(v, &a->keys[a->n_keys], err, sizeof err)) {
        ks_diag_log(stderr, "kiosk pack install: %s: %s", v, err);
        ks_cli_stop(cli, 1);
      }
      a->n_keys++;
    } else if (id == OPT_ROLLBACK_OK) {
      a->rollback_ok = true;
    } else if (id == OPT_ALLOW_UNSIGNED) {
      a->allow_unsigned = true;
    } else if (id == OPT_JSON) {
      a->json = true;
    }
  }
  char **operands = ks_cli_operands(cli, &n);
  a->pack = n > 0 ? operands[0] : NULL;
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (!a->data_dir)
    return ks_cli_refuse(cmd, "name the kiosk's data folder with --data-dir DIR");
  if (cmd == &install_cmd && !a->pack)
    return ks_cli_refuse(cmd, "name the pack to install");
  if (cmd == &install_cmd && a->n_keys == 0 && !a->allow_unsigned)
    return ks_cli_refuse(cmd, "no trusted key: pass --pubkey KEY.pub");
  return -1;
}

/* The copy's progress, on a terminal. */
static void show_progress(void *ctx, double fraction) {
  ks_cli_progress_show(ctx, (long)(fraction * 100.0), 0);
}

int ks_cmd_install(int argc, char **argv) {
  install_args a = {0};
  int rc = parse(&install_cmd, argc, argv, &a);
  if (rc >= 0)
    return rc;
  if (a.allow_unsigned)
    fprintf(stderr, "WARNING: --allow-unsigned is on: a pack without a signature will be "
                    "installed. Never use this on a kiosk in a public hall.\n");
  char fonts[4096];
  ks_install_opts o = {.data_dir = a.data_dir,
                       .keys = a.keys,
                       .n_keys = a.n_keys,
                       .allow_unsigned = a.allow_unsigned,
                       .allow_older = a.rollback_ok,
                       .fonts_dir =
                           ks_paths_find("assets/fonts", fonts, sizeof fonts) ? fonts : NULL};
  o.vet_stamp = o.fonts_dir ? KS_VET_STAMP : NULL; /* checked as a start would check it */
  ks_cli_progress progress;
  ks_cli_progress_begin(&progress, "kiosk pack install: copied");
  o.progress = show_progress;
  o.progress_ctx = &progress;
  ks_diag *diag = ks_diag_create();
  bool ok = ks_install(a.pack, &o, diag);
  ks_cli_progress_end(&progress);
  print_findings(diag);
  if (!ok)
    return 1;
  ks_installed cur, prev;
  diag = ks_diag_create();
  if (ks_install_status(a.data_dir, &cur, &prev, diag))
    ks_diag_log(stdout, "installed %s version %" PRId64 " (sha256 %s)", cur.id, cur.version,
                cur.sha256);
  ks_diag_destroy(diag);
  return 0;
}

static void print_installed(const char *what, const ks_installed *p) {
  if (p->present) {
    ks_diag_log(stdout, "%-9s %s version %" PRId64, what, p->id, p->version);
    ks_diag_log(stdout, "          sha256 %s", p->sha256);
  } else {
    ks_diag_log(stdout, "%-9s none", what);
  }
}

static void print_installed_json(const char *what, const ks_installed *p) {
  fputs(what, stdout);
  if (!p->present) {
    fputs("null", stdout);
    return;
  }
  fputs("{\"id\":", stdout);
  ks_diag_json_string(stdout, p->id);
  fprintf(stdout, ",\"version\":%" PRId64 ",\"sha256\":", p->version);
  ks_diag_json_string(stdout, p->sha256);
  fputs("}", stdout);
}

/* Prints the data folder's status; 0, or 1 when it cannot be read. */
static int print_status(const install_args *a) {
  ks_installed cur, prev;
  ks_diag *diag = ks_diag_create();
  bool ok = ks_install_status(a->data_dir, &cur, &prev, diag);
  print_findings(diag);
  if (!ok)
    return 1;
  if (a->json) {
    print_installed_json("{\"active\":", &cur);
    print_installed_json(",\"previous\":", &prev);
    fputs("}\n", stdout);
  } else {
    print_installed("active", &cur);
    print_installed("previous", &prev);
  }
  return 0;
}

int ks_cmd_status(int argc, char **argv) {
  install_args a = {0};
  int rc = parse(&status_cmd, argc, argv, &a);
  return rc >= 0 ? rc : print_status(&a);
}

int ks_cmd_rollback(int argc, char **argv) {
  install_args a = {0};
  int rc = parse(&rollback_cmd, argc, argv, &a);
  if (rc >= 0)
    return rc;
  ks_install_opts o = {.data_dir = a.data_dir};
  ks_diag *diag = ks_diag_create();
  bool ok = ks_install_rollback(&o, diag);
  print_findings(diag);
  if (!ok)
    return 1;
  return print_status(&a);
}
