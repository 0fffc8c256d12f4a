/* kiosk pack install / status / rollback: a kiosk's data folder from the command line, with the
 * same code the running kiosk uses. */
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

static const char install_usage[] =
    "usage: kiosk pack install FILE.kpack --data-dir DIR --pubkey KEY.pub [--pubkey …]\n"
    "                          [--rollback-ok] [--allow-unsigned]\n"
    "       kiosk pack status --data-dir DIR\n"
    "       kiosk pack rollback --data-dir DIR\n"
    "\n"
    "  install    copy the pack into the kiosk's data folder, hashing it on the way; check its\n"
    "             signature (FILE.kpack.minisig) against the trusted keys, open the copy\n"
    "             hardened and validate it in full, then switch to it atomically. The pack\n"
    "             shown before is kept for rollback. Anything wrong: refused, nothing changes.\n"
    "  status     the pack shown (id, version, sha256) and the one kept for rollback\n"
    "  rollback   show the previous pack again\n"
    "\n"
    "  --rollback-ok      allow a pack older than the installed one (an explicit rollback)\n"
    "  --allow-unsigned   DEVELOPERS ONLY: install a pack without a signature\n";

typedef struct {
  const char *pack, *data_dir;
  ks_pubkey keys[MAX_KEYS];
  size_t n_keys;
  bool rollback_ok, allow_unsigned;
} install_args;

/* 0 when parsed; otherwise the exit status to return. */
static int parse(int argc, char **argv, install_args *a, bool want_pack) {
  char err[512];
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    bool has_value = i + 1 < argc;
    if (strcmp(arg, "--data-dir") == 0 && has_value) {
      a->data_dir = argv[++i];
    } else if (strcmp(arg, "--pubkey") == 0 && has_value && want_pack) {
      if (a->n_keys == MAX_KEYS) {
        fprintf(stderr, "kiosk pack install: at most %d trusted keys\n", MAX_KEYS);
        return 2;
      }
      if (!ks_sign_read_pubkey(argv[++i], &a->keys[a->n_keys], err, sizeof err)) {
        ks_diag_log(stderr, "kiosk pack install: %s: %s", argv[i], err);
        return 1;
      }
      a->n_keys++;
    } else if (strcmp(arg, "--rollback-ok") == 0 && want_pack) {
      a->rollback_ok = true;
    } else if (strcmp(arg, "--allow-unsigned") == 0 && want_pack) {
      a->allow_unsigned = true;
    } else if (arg[0] != '-' && want_pack && !a->pack) {
      a->pack = arg;
    } else {
      ks_diag_log(stderr, "kiosk pack: unexpected argument \"%s\"", arg);
      fputs("\n", stderr);
      fputs(install_usage, stderr);
      return 2;
    }
  }
  if (!a->data_dir || (want_pack && !a->pack)) {
    fputs(install_usage, stderr);
    return 2;
  }
  if (want_pack && a->n_keys == 0 && !a->allow_unsigned) {
    fprintf(stderr, "kiosk pack install: no trusted key: pass --pubkey KEY.pub\n");
    return 2;
  }
  return 0;
}

int ks_cmd_install(int argc, char **argv) {
  install_args a = {0};
  int rc = parse(argc, argv, &a, true);
  if (rc)
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
  ks_diag *diag = ks_diag_create();
  bool ok = ks_install(a.pack, &o, diag);
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

int ks_cmd_status(int argc, char **argv) {
  install_args a = {0};
  int rc = parse(argc, argv, &a, false);
  if (rc)
    return rc;
  ks_installed cur, prev;
  ks_diag *diag = ks_diag_create();
  bool ok = ks_install_status(a.data_dir, &cur, &prev, diag);
  print_findings(diag);
  if (!ok)
    return 1;
  print_installed("active", &cur);
  print_installed("previous", &prev);
  return 0;
}

int ks_cmd_rollback(int argc, char **argv) {
  install_args a = {0};
  int rc = parse(argc, argv, &a, false);
  if (rc)
    return rc;
  ks_install_opts o = {.data_dir = a.data_dir};
  ks_diag *diag = ks_diag_create();
  bool ok = ks_install_rollback(&o, diag);
  print_findings(diag);
  if (!ok)
    return 1;
  return ks_cmd_status(argc, argv);
}
