/* kiosk pack keygen / sign / verify: the curator's side of signed packs. */
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"
#include "kiosk/pack.h"
#include "kiosk/sign.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int ks_cmd_keygen(int argc, char **argv) {
  const char *dir = ".";
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
      dir = argv[++i];
    else {
      fprintf(stderr, "usage: kiosk pack keygen [--out DIR]\n\n"
                      "Writes DIR/kiosk.pub (for the kiosks' configuration) and DIR/kiosk.key\n"
                      "(keep it on the curator's machine), minisign-compatible.\n");
      return 2;
    }
  }
  char pub_path[4096], sec_path[4096], err[512], id[17];
  snprintf(pub_path, sizeof pub_path, "%s/kiosk.pub", dir);
  snprintf(sec_path, sizeof sec_path, "%s/kiosk.key", dir);
  ks_pubkey pub;
  ks_seckey sec;
  ks_sign_keygen(&pub, &sec);
  bool ok = ks_sign_write_keys(&pub, &sec, pub_path, sec_path, err, sizeof err);
  memset(&sec, 0, sizeof sec);
  if (!ok) {
    fprintf(stderr, "kiosk pack keygen: %s\n", err);
    return 1;
  }
  ks_sign_keyid(pub.keynum, id);
  printf("wrote %s and %s (key %s)\n", pub_path, sec_path, id);
  return 0;
}

int ks_cmd_sign(int argc, char **argv) {
  const char *pack = NULL, *key = NULL;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--key") == 0 && i + 1 < argc)
      key = argv[++i];
    else if (argv[i][0] != '-' && !pack)
      pack = argv[i];
    else
      pack = key = NULL, i = argc;
  }
  if (!pack || !key) {
    fprintf(stderr, "usage: kiosk pack sign FILE.kpack --key SECRET_KEY\n\n"
                    "Writes FILE.kpack.minisig, with the trusted comment \"pack:ID version:N\".\n");
    return 2;
  }
  char comment[512], err[512], sig_path[4096];
  uint8_t hash[KS_SIGN_HASH_BYTES];
  ks_seckey sec;
  if (!pack_comment(pack, comment, sizeof comment))
    return 1;
  if (!ks_sign_read_seckey(key, &sec, err, sizeof err) ||
      !ks_sign_hash_file(pack, hash, err, sizeof err)) {
    fprintf(stderr, "kiosk pack sign: %s\n", err);
    return 1;
  }
  snprintf(sig_path, sizeof sig_path, "%s.minisig", pack);
  bool ok = ks_sign_write(hash, &sec, comment, sig_path, err, sizeof err);
  memset(&sec, 0, sizeof sec);
  if (!ok) {
    fprintf(stderr, "kiosk pack sign: %s\n", err);
    return 1;
  }
  printf("wrote %s (%s)\n", sig_path, comment);
  return 0;
}

int ks_cmd_verify(int argc, char **argv) {
  const char *pack = NULL, *sig = NULL;
  ks_pubkey keys[16];
  size_t n_keys = 0;
  char err[512];
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--pubkey") == 0 && i + 1 < argc && n_keys < 16) {
      if (!ks_sign_read_pubkey(argv[++i], &keys[n_keys], err, sizeof err)) {
        fprintf(stderr, "kiosk pack verify: %s: %s\n", argv[i], err);
        return 1;
      }
      n_keys++;
    } else if (strcmp(argv[i], "--sig") == 0 && i + 1 < argc) {
      sig = argv[++i];
    } else if (argv[i][0] != '-' && !pack) {
      pack = argv[i];
    } else {
      pack = NULL, i = argc;
    }
  }
  if (!pack || n_keys == 0) {
    fprintf(stderr, "usage: kiosk pack verify FILE.kpack --pubkey KEY.pub [--pubkey …] "
                    "[--sig FILE.minisig]\n\n"
                    "Checks the pack's signature (FILE.kpack.minisig by default) against the\n"
                    "trusted keys, and that its trusted comment names this pack and version.\n");
    return 2;
  }
  char sig_path[4096], expected[512], comment[1024];
  snprintf(sig_path, sizeof sig_path, "%s.minisig", pack);
  size_t size;
  char *sig_text = ks_file_read(sig ? sig : sig_path, KS_SIGN_MAX_BYTES, &size, err, sizeof err);
  if (!sig_text) {
    fprintf(stderr, "%s: refused: the pack is not signed (%s: %s)\n", pack, sig ? sig : sig_path,
            err);
    return 1;
  }
  uint8_t hash[KS_SIGN_HASH_BYTES];
  int rc = 1;
  if (!ks_sign_hash_file(pack, hash, err, sizeof err))
    fprintf(stderr, "%s: refused: %s\n", pack, err);
  else if (!ks_sign_verify(hash, sig_text, keys, n_keys, comment, sizeof comment, err, sizeof err))
    fprintf(stderr, "%s: refused: %s\n", pack, err);
  else if (!pack_comment(pack, expected, sizeof expected))
    fprintf(stderr, "%s: refused: the signed file is not a readable pack\n", pack);
  else if (strcmp(comment, expected) != 0)
    fprintf(stderr, "%s: refused: the signature is for \"%s\", but this is \"%s\"\n", pack, comment,
            expected);
  else {
    printf("%s: good signature (%s)\n", pack, comment);
    rc = 0;
  }
  free(sig_text);
  return rc;
}
