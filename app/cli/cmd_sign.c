/* kiosk pack keygen / sign / verify: the curator's side of signed packs. */
#include "args.h"
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"
#include "kiosk/pack.h"
#include "kiosk/sign.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

enum { PASSWORD_MAX = 1024 }; /* bytes, with the terminating NUL: minisign's limit */

/* The trusted comment a pack's signature must carry: its id and version, as the pack states
 * them. Written into `out`; false (reported) when the pack cannot be opened. */
static bool pack_comment(const char *pack_path, char *out, size_t size) {
  ks_diag *d = ks_diag_create();
  ks_pack *pack = ks_pack_open(pack_path, d);
  ks_content *c = pack ? ks_pack_read(pack, d) : NULL;
  bool ok = c && c->meta.id && ks_diag_count(d, KS_ERROR) == 0;
  if (ok)
    ks_sign_pack_comment(c->meta.id, c->meta.version, out, size);
  else
    ks_diag_print(d, stderr);
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(d);
  return ok;
}

/* The password from the first line of `path` ("-": standard input), without its line end, as
 * minisign reads one from a pipe. */
static bool password_from_file(const char *path, char out[PASSWORD_MAX], char *err,
                               size_t err_size) {
  FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
  if (!f) {
    snprintf(err, err_size, "cannot read the password file %s: %s", path, strerror(errno));
    return false;
  }
  bool ok = fgets(out, PASSWORD_MAX, f) != NULL;
  size_t n = ok ? strcspn(out, "\r\n") : 0;
  bool whole = ok && (out[n] != '\0' || feof(f)); /* a line end, or the end of the file */
  if (f != stdin)
    fclose(f);
  if (!ok || !whole) {
    snprintf(err, err_size,
             ok ? "the password in %s is longer than %d bytes" : "the password file %s is empty",
             path, PASSWORD_MAX - 1);
    sodium_memzero(out, PASSWORD_MAX);
    return false;
  }
  out[n] = '\0';
  return true;
}

/* Asks on the terminal (/dev/tty, whatever standard input is) with echo off. */
static bool password_from_tty(const char *prompt, char out[PASSWORD_MAX], char *err,
                              size_t err_size) {
  int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, err_size,
             "no terminal to ask for the password on: give --password-file FILE (- for standard "
             "input)");
    return false;
  }
  /* Ctrl-C and Ctrl-\ arrive as characters rather than signals while echo is off, so that the
   * terminal's echo is always restored before the kiosk gives up (a signal would end the
   * process with the terminal left silent). */
  struct termios old, quiet;
  bool restore = tcgetattr(fd, &old) == 0;
  if (restore) {
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ISIG);
    tcsetattr(fd, TCSANOW, &quiet); /* not TCSAFLUSH: a password typed ahead is kept */
  }
  bool cancelled = false;
  ssize_t w = write(fd, prompt, strlen(prompt));
  (void)w;
  size_t n = 0;
  bool too_long = false;
  char c;
  ssize_t r;
  while ((r = read(fd, &c, 1)) == 1 && c != '\n' && c != '\r') {
    if (restore && (c == (char)old.c_cc[VINTR] || c == (char)old.c_cc[VQUIT])) {
      cancelled = true;
      break;
    }
    if (n + 1 < PASSWORD_MAX)
      out[n++] = c;
    else
      too_long = true;
  }
  out[n] = '\0';
  if (restore)
    tcsetattr(fd, TCSANOW, &old);
  w = write(fd, "\n", 1); /* the line end the hidden echo did not print */
  close(fd);
  if (cancelled || r != 1 || too_long) {
    if (cancelled)
      snprintf(err, err_size, "cancelled at the password prompt; nothing was written");
    else
      snprintf(err, err_size,
               too_long ? "the password is longer than %d bytes"
                        : "no password was typed (the terminal closed)",
               PASSWORD_MAX - 1);
    sodium_memzero(out, PASSWORD_MAX);
    return false;
  }
  return true;
}

/* The password for `key`: from `file` when given, else asked on the terminal (twice when
 * `confirm`, for a new key). */
static bool get_password(const char *file, const char *key, bool confirm, char out[PASSWORD_MAX],
                         char *err, size_t err_size) {
  if (file)
    return password_from_file(file, out, err, err_size);
  char prompt[4200], again[PASSWORD_MAX];
  snprintf(prompt, sizeof prompt, "%s for %s: ", confirm ? "New password" : "Password", key);
  if (!password_from_tty(prompt, out, err, err_size))
    return false;
  if (!confirm)
    return true;
  snprintf(prompt, sizeof prompt, "Password for %s again: ", key);
  bool ok = password_from_tty(prompt, again, err, err_size);
  if (ok && strcmp(out, again) != 0) {
    snprintf(err, err_size, "the two passwords differ; nothing was written");
    ok = false;
  }
  sodium_memzero(again, sizeof again);
  if (!ok)
    sodium_memzero(out, PASSWORD_MAX);
  return ok;
}

enum { OPT_OUT = 1, OPT_PASSWORD_FILE, OPT_NO_PASSWORD, OPT_KEY, OPT_PUBKEY, OPT_SIG, OPT_JSON };

static const ks_cli_opt keygen_opts[] = {
    {OPT_OUT, "--out", "DIR", "where to write kiosk.pub and kiosk.key (default: here)"},
    {OPT_PASSWORD_FILE, "--password-file", "FILE",
     "read the password from the first line of FILE (- for standard\n"
     "input) instead of the terminal: for scripts; keep FILE yours only"},
    {OPT_NO_PASSWORD, "--no-password", NULL,
     "an unencrypted key (as minisign -W), for automation where the key\n"
     "file itself is guarded"},
    {0}};

static const ks_cli_cmd keygen_cmd = {
    .name = "pack keygen",
    .synopsis = "[--out DIR] [--password-file FILE | --no-password]",
    .about = "Writes DIR/kiosk.pub (for the kiosks' configuration) and DIR/kiosk.key (keep it on\n"
             "the curator's machine), minisign-compatible. The secret key's password is asked\n"
             "twice on the terminal. Keys are password-protected as minisign protects them\n"
             "(scrypt, about 5 s and 1 GiB to open), so a copy of kiosk.key alone cannot sign;\n"
             "minisign's keys, with or without a password, work as well.\n",
    .opts = keygen_opts};

static const ks_cli_opt sign_opts[] = {
    {OPT_KEY, "--key", "SECRET_KEY", "the secret key (kiosk.key, or minisign's)"},
    {OPT_PASSWORD_FILE, "--password-file", "FILE",
     "read the key's password from the first line of FILE (- for\n"
     "standard input) instead of the terminal"},
    {0}};

static const ks_cli_cmd sign_cmd = {
    .name = "pack sign",
    .synopsis = "FILE.kpack --key SECRET_KEY [--password-file FILE]",
    .about =
        "Writes FILE.kpack.minisig, with the trusted comment \"pack:ID version:N\" (minisign -S\n"
        "-s KEY -m FILE.kpack -t \"pack:ID version:N\" is equivalent).\n",
    .opts = sign_opts,
    .max_operands = 1};

static const ks_cli_opt verify_opts[] = {
    {OPT_PUBKEY, "--pubkey", "KEY.pub", "a trusted public key (up to 16: give --pubkey again)"},
    {OPT_SIG, "--sig", "FILE.minisig", "the signature (default FILE.kpack.minisig)"},
    {OPT_JSON, "--json", NULL,
     "print the outcome as JSON: pack, good, and trusted_comment or\n"
     "error"},
    {0}};

static const ks_cli_cmd verify_cmd = {
    .name = "pack verify",
    .synopsis = "FILE.kpack --pubkey KEY.pub [--pubkey …] [--sig FILE.minisig] [--json]",
    .about = "Checks the pack's signature against the trusted keys, and that its trusted comment\n"
             "names this pack and version.\n",
    .opts = verify_opts,
    .max_operands = 1};

int ks_cmd_keygen(int argc, char **argv) {
  const char *dir = ".", *password_file = NULL;
  bool no_password = false;
  ks_cli *cli = ks_cli_begin(&keygen_cmd, argc, argv);
  const char *v;
  for (int opt; (opt = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (opt == OPT_OUT)
      dir = v;
    else if (opt == OPT_PASSWORD_FILE)
      password_file = v;
    else if (opt == OPT_NO_PASSWORD)
      no_password = true;
  }
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (password_file && no_password)
    return ks_cli_refuse(&keygen_cmd, "--password-file and --no-password exclude each other");
  char pub_path[4096], sec_path[4096], err[512], id[17], password[PASSWORD_MAX];
  if (!ks_file_mkdirs(dir, 0700, err, sizeof err)) { /* a secret key's folder: the owner's */
    ks_diag_log(stderr, "kiosk pack keygen: %s", err);
    return 1;
  }
  snprintf(pub_path, sizeof pub_path, "%s/kiosk.pub", dir);
  snprintf(sec_path, sizeof sec_path, "%s/kiosk.key", dir);
  if (!no_password && !get_password(password_file, sec_path, true, password, err, sizeof err)) {
    ks_diag_log(stderr, "kiosk pack keygen: %s", err);
    return 1;
  }
  /* For the project's own tests only, under ASan and qemu: scrypt's least cost. */
  static const ks_sign_kdf weak = {32768, 16777216};
  const ks_sign_kdf *kdf = getenv("KIOSK_TEST_WEAK_KDF") ? &weak : &ks_sign_kdf_minisign;
  if (kdf == &weak && !no_password)
    fprintf(stderr, "kiosk pack keygen: KIOSK_TEST_WEAK_KDF is set: a test key, weakly "
                    "protected\n");
  ks_pubkey pub;
  ks_seckey sec;
  ks_sign_keygen(&pub, &sec);
  bool ok = no_password ? ks_sign_write_keys(&pub, &sec, pub_path, sec_path, err, sizeof err)
                        : ks_sign_write_keys_protected(&pub, &sec, pub_path, sec_path, password,
                                                       kdf, err, sizeof err);
  sodium_memzero(&sec, sizeof sec);
  sodium_memzero(password, sizeof password);
  if (!ok) {
    ks_diag_log(stderr, "kiosk pack keygen: %s", err);
    return 1;
  }
  ks_sign_keyid(pub.keynum, id);
  ks_diag_log(stdout, "wrote %s and %s (key %s%s)", pub_path, sec_path, id,
              no_password ? ", not encrypted: guard the file" : ", password-protected");
  return 0;
}

int ks_cmd_sign(int argc, char **argv) {
  const char *pack = NULL, *key = NULL, *password_file = NULL;
  ks_cli *cli = ks_cli_begin(&sign_cmd, argc, argv);
  int n;
  const char *v;
  for (int id; (id = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (id == OPT_KEY)
      key = v;
    else if (id == OPT_PASSWORD_FILE)
      password_file = v;
  }
  char **operands = ks_cli_operands(cli, &n);
  pack = n > 0 ? operands[0] : NULL;
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (!pack || !key)
    return ks_cli_refuse(&sign_cmd, "name the pack and the --key to sign it with");
  char comment[512], err[512], sig_path[4096], password[PASSWORD_MAX] = "";
  uint8_t hash[KS_SIGN_HASH_BYTES];
  ks_seckey sec;
  bool needs = false;
  if (!pack_comment(pack, comment, sizeof comment))
    return 1;
  bool ok = ks_sign_seckey_needs_password(key, &needs, err, sizeof err) &&
            (!needs || get_password(password_file, key, false, password, err, sizeof err)) &&
            ks_sign_read_seckey(key, needs ? password : NULL, &sec, err, sizeof err);
  sodium_memzero(password, sizeof password);
  if (!ok || !ks_sign_hash_file(pack, hash, err, sizeof err)) {
    ks_diag_log(stderr, "kiosk pack sign: %s", err);
    return 1;
  }
  snprintf(sig_path, sizeof sig_path, "%s.minisig", pack);
  ok = ks_sign_write(hash, &sec, comment, sig_path, err, sizeof err);
  sodium_memzero(&sec, sizeof sec);
  if (!ok) {
    ks_diag_log(stderr, "kiosk pack sign: %s", err);
    return 1;
  }
  ks_diag_log(stdout, "wrote %s (%s)", sig_path, comment);
  return 0;
}

/* pack verify --json: the outcome on stdout (a refusal is said on stderr as well). */
static void print_verify_json(const char *pack, bool good, const char *comment, const char *error) {
  fputs("{\"pack\":", stdout);
  ks_diag_json_string(stdout, pack);
  fputs(good ? ",\"good\":true,\"trusted_comment\":" : ",\"good\":false,\"error\":", stdout);
  ks_diag_json_string(stdout, good ? comment : error);
  fputs("}\n", stdout);
}

int ks_cmd_verify(int argc, char **argv) {
  const char *pack = NULL, *sig = NULL;
  ks_pubkey keys[16];
  size_t n_keys = 0;
  bool json = false;
  char err[512];
  ks_cli *cli = ks_cli_begin(&verify_cmd, argc, argv);
  int n;
  const char *v;
  for (int id; (id = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (id == OPT_PUBKEY && n_keys == 16) {
      ks_cli_fail(cli, "at most 16 trusted keys");
    } else if (id == OPT_PUBKEY) {
      if (!ks_sign_read_pubkey(v, &keys[n_keys], err, sizeof err)) {
        ks_diag_log(stderr, "kiosk pack verify: %s: %s", v, err);
        ks_cli_stop(cli, 1);
      }
      n_keys++;
    } else if (id == OPT_SIG) {
      sig = v;
    } else if (id == OPT_JSON) {
      json = true;
    }
  }
  char **operands = ks_cli_operands(cli, &n);
  pack = n > 0 ? operands[0] : NULL;
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (!pack || n_keys == 0)
    return ks_cli_refuse(&verify_cmd, "name the pack and at least one trusted --pubkey");
  char sig_path[4096], expected[512], comment[1024] = "", why[2048] = "";
  snprintf(sig_path, sizeof sig_path, "%s.minisig", pack);
  size_t size;
  char *sig_text = ks_file_read(sig ? sig : sig_path, KS_SIGN_MAX_BYTES, &size, err, sizeof err);
  uint8_t hash[KS_SIGN_HASH_BYTES];
  rc = 1;
  if (!sig_text)
    snprintf(why, sizeof why, "the pack is not signed (%.1000s: %.500s)", sig ? sig : sig_path,
             err);
  else if (!ks_sign_hash_file(pack, hash, err, sizeof err))
    snprintf(why, sizeof why, "%s", err);
  else if (!ks_sign_verify(hash, sig_text, keys, n_keys, comment, sizeof comment, err, sizeof err))
    snprintf(why, sizeof why, "%s", err);
  else if (!pack_comment(pack, expected, sizeof expected))
    snprintf(why, sizeof why, "the signed file is not a readable pack");
  else if (strcmp(comment, expected) != 0)
    snprintf(why, sizeof why, "the signature is for \"%s\", but this is \"%s\"", comment, expected);
  else
    rc = 0;
  if (rc == 0 && !json)
    ks_diag_log(stdout, "%s: good signature (%s)", pack, comment);
  if (rc != 0)
    ks_diag_log(stderr, "%s: refused: %s", pack, why);
  if (json)
    print_verify_json(pack, rc == 0, comment, why);
  free(sig_text);
  return rc;
}
