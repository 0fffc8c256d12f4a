#include "kiosk/sign.h"

#include "kiosk/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* minisign's binary layouts, as byte offsets into the base64-decoded blobs. */
enum {
  PUB_BYTES = 2 + 8 + 32,                           /* "Ed", keynum, public key */
  SEC_BYTES = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32, /* alg, kdf, cksum alg, salt, ops, mem, keynum,
                                                      secret key, checksum */
  SIG_BYTES = 2 + 8 + 64,                           /* "ED", keynum, signature */
  MAX_COMMENT = 1024,
};

void ks_sign_pack_comment(const char *id, int64_t version, char *out, size_t size) {
  snprintf(out, size, "pack:%s version:%" PRId64, id, version);
}

void ks_sign_keyid(const uint8_t keynum[8], char out[17]) {
  for (int i = 0; i < 8; i++) /* little-endian on disk, printed most significant first */
    snprintf(out + 2 * i, 3, "%02X", keynum[7 - i]);
}

void ks_sign_keygen(ks_pubkey *pub, ks_seckey *sec) {
  if (sodium_init() < 0)
    abort();
  randombytes_buf(sec->keynum, sizeof sec->keynum);
  memcpy(pub->keynum, sec->keynum, sizeof pub->keynum);
  crypto_sign_keypair(pub->pk, sec->sk);
}

static bool b64_decode(const char *line, uint8_t *out, size_t want, char *err, size_t err_size,
                       const char *what) {
  size_t n = 0;
  if (sodium_base642bin(out, want, line, strlen(line), " \t\r\n", &n, NULL,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      n != want) {
    snprintf(err, err_size, "%s is not valid minisign base64", what);
    return false;
  }
  return true;
}

/* The first line of `text` that is neither empty nor a comment, copied into `line`. */
static bool first_data_line(const char *text, char *line, size_t size) {
  for (const char *p = text; *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    if (n && strncmp(p, "untrusted comment:", 18) != 0 && p[0] != '\r') {
      snprintf(line, size, "%.*s", (int)n, p);
      return true;
    }
    p = nl ? nl + 1 : p + n;
  }
  return false;
}

bool ks_sign_parse_pubkey(const char *text, ks_pubkey *out, char *err, size_t err_size) {
  char line[256];
  uint8_t raw[PUB_BYTES];
  if (!first_data_line(text, line, sizeof line) ||
      !b64_decode(line, raw, sizeof raw, err, err_size, "the public key"))
    return false;
  if (raw[0] != 'E' || raw[1] != 'd') {
    snprintf(err, err_size, "the public key is not an Ed25519 minisign key");
    return false;
  }
  memcpy(out->keynum, raw + 2, 8);
  memcpy(out->pk, raw + 10, 32);
  return true;
}

/* Writes `text` to a new file only (O_EXCL, never through a link): keys are never replaced by
 * accident, nor written to where a planted link points. */
static bool write_new(const char *path, const char *text, mode_t mode, char *err, size_t err_size) {
  int fd = open(path, KS_FILE_CREATE_FLAGS, mode);
  if (fd < 0) {
    snprintf(err, err_size, "cannot create %s: %s", path, strerror(errno));
    return false;
  }
  size_t n = strlen(text);
  bool ok = write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  if (!ok) {
    snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
    unlink(path);
  }
  return ok;
}

bool ks_sign_write_keys(const ks_pubkey *pub, const ks_seckey *sec, const char *pub_path,
                        const char *sec_path, char *err, size_t err_size) {
  char id[17], b64[256], text[512];
  ks_sign_keyid(pub->keynum, id);
  uint8_t raw_pub[PUB_BYTES] = {'E', 'd'};
  memcpy(raw_pub + 2, pub->keynum, 8);
  memcpy(raw_pub + 10, pub->pk, 32);
  sodium_bin2base64(b64, sizeof b64, raw_pub, sizeof raw_pub, sodium_base64_VARIANT_ORIGINAL);
  snprintf(text, sizeof text, "untrusted comment: minisign public key %s\n%s\n", id, b64);
  if (!write_new(pub_path, text, 0644, err, err_size))
    return false;
  /* An unencrypted key: kdf algorithm 0, salt and limits zero, checksum BLAKE2b-256 of
   * "Ed" || keynum || secret key, as minisign -W writes it. */
  uint8_t raw[SEC_BYTES] = {'E', 'd', 0, 0, 'B', '2'};
  uint8_t *keynum = raw + 2 + 2 + 2 + 32 + 8 + 8, *sk = keynum + 8, *cksum = sk + 64;
  memcpy(keynum, sec->keynum, 8);
  memcpy(sk, sec->sk, 64);
  uint8_t summed[2 + 8 + 64] = {'E', 'd'};
  memcpy(summed + 2, sec->keynum, 8);
  memcpy(summed + 10, sec->sk, 64);
  crypto_generichash(cksum, 32, summed, sizeof summed, NULL, 0);
  char sb64[sizeof raw * 2];
  sodium_bin2base64(sb64, sizeof sb64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
  snprintf(text, sizeof text, "untrusted comment: minisign secret key %s (not encrypted)\n%s\n", id,
           sb64);
  sodium_memzero(raw, sizeof raw);
  sodium_memzero(summed, sizeof summed);
  bool ok = write_new(sec_path, text, 0600, err, err_size);
  sodium_memzero(text, sizeof text);
  sodium_memzero(sb64, sizeof sb64);
  if (!ok)
    unlink(pub_path);
  return ok;
}

bool ks_sign_read_pubkey(const char *path, ks_pubkey *out, char *err, size_t err_size) {
  size_t size;
  char *text = ks_file_read(path, 4096, &size, err, err_size);
  bool ok = text && ks_sign_parse_pubkey(text, out, err, err_size);
  free(text);
  return ok;
}

bool ks_sign_read_seckey(const char *path, ks_seckey *out, char *err, size_t err_size) {
  size_t size;
  char why[128], line[512];
  char *text = ks_file_read(path, 4096, &size, why, sizeof why);
  if (!text) {
    snprintf(err, err_size, "cannot read the secret key %s: %s", path, why);
    return false;
  }
  uint8_t raw[SEC_BYTES];
  bool ok = first_data_line(text, line, sizeof line) &&
            b64_decode(line, raw, sizeof raw, err, err_size, "the secret key");
  sodium_memzero(text, size);
  free(text);
  if (!ok)
    return false;
  if (raw[0] != 'E' || raw[1] != 'd') {
    snprintf(err, err_size, "%s is not an Ed25519 minisign secret key", path);
    ok = false;
  } else if (raw[2] != 0 || raw[3] != 0) {
    snprintf(err, err_size,
             "%s is password-protected; the kiosk reads unencrypted keys (create "
             "one with `kiosk pack keygen` or `minisign -G -W`)",
             path);
    ok = false;
  } else {
    uint8_t *keynum = raw + 2 + 2 + 2 + 32 + 8 + 8, *sk = keynum + 8, *cksum = sk + 64;
    uint8_t summed[2 + 8 + 64] = {'E', 'd'}, check[32];
    memcpy(summed + 2, keynum, 8);
    memcpy(summed + 10, sk, 64);
    crypto_generichash(check, 32, summed, sizeof summed, NULL, 0);
    if (sodium_memcmp(check, cksum, 32) != 0) {
      snprintf(err, err_size, "%s is damaged (its checksum does not match)", path);
      ok = false;
    } else {
      memcpy(out->keynum, keynum, 8);
      memcpy(out->sk, sk, 64);
    }
    sodium_memzero(summed, sizeof summed);
  }
  sodium_memzero(raw, sizeof raw);
  return ok;
}

bool ks_sign_hash_file(const char *path, uint8_t hash[KS_SIGN_HASH_BYTES], char *err,
                       size_t err_size) {
  char why[256];
  FILE *f = ks_file_fopen(path, 0, UINT64_MAX, why, sizeof why);
  if (!f) {
    snprintf(err, err_size, "cannot read %s: %s", path, why);
    return false;
  }
  crypto_generichash_state st;
  crypto_generichash_init(&st, NULL, 0, KS_SIGN_HASH_BYTES);
  unsigned char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    crypto_generichash_update(&st, buf, n);
  bool ok = !ferror(f);
  fclose(f);
  crypto_generichash_final(&st, hash, KS_SIGN_HASH_BYTES);
  if (!ok)
    snprintf(err, err_size, "read error in %s", path);
  return ok;
}

bool ks_sign_write(const uint8_t hash[KS_SIGN_HASH_BYTES], const ks_seckey *sec,
                   const char *trusted_comment, const char *sig_path, char *err, size_t err_size) {
  if (strchr(trusted_comment, '\n') || strlen(trusted_comment) >= MAX_COMMENT) {
    snprintf(err, err_size, "the trusted comment must be one line of under %d bytes", MAX_COMMENT);
    return false;
  }
  uint8_t raw[SIG_BYTES] = {'E', 'D'};
  memcpy(raw + 2, sec->keynum, 8);
  crypto_sign_detached(raw + 10, NULL, hash, KS_SIGN_HASH_BYTES, sec->sk);
  /* The global signature covers the signature and the trusted comment together. */
  size_t tl = strlen(trusted_comment);
  uint8_t *both = malloc(64 + tl);
  memcpy(both, raw + 10, 64);
  memcpy(both + 64, trusted_comment, tl);
  uint8_t global[64];
  crypto_sign_detached(global, NULL, both, 64 + tl, sec->sk);
  free(both);
  char sig_b64[128], global_b64[128], id[17], text[2048];
  sodium_bin2base64(sig_b64, sizeof sig_b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
  sodium_bin2base64(global_b64, sizeof global_b64, global, sizeof global,
                    sodium_base64_VARIANT_ORIGINAL);
  ks_sign_keyid(sec->keynum, id);
  snprintf(text, sizeof text,
           "untrusted comment: signature from kiosk secret key %s\n%s\ntrusted comment: %s\n%s\n",
           id, sig_b64, trusted_comment, global_b64);
  unlink(sig_path); /* a signature may be replaced: it is checked, never trusted blindly */
  return write_new(sig_path, text, 0644, err, err_size);
}

/* The n-th line of `text` (0-based) into `line`, without its line end. */
static bool nth_line(const char *text, int n, char *line, size_t size) {
  const char *p = text;
  for (int i = 0; i < n && p; i++)
    p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
  if (!p || !*p)
    return false;
  size_t len = strcspn(p, "\r\n");
  if (len >= size)
    return false;
  memcpy(line, p, len);
  line[len] = '\0';
  return true;
}

bool ks_sign_verify(const uint8_t hash[KS_SIGN_HASH_BYTES], const char *sig_text,
                    const ks_pubkey *keys, size_t n_keys, char *comment, size_t comment_size,
                    char *err, size_t err_size) {
  char l0[MAX_COMMENT + 32], l1[256], l2[MAX_COMMENT + 32], l3[256];
  if (!nth_line(sig_text, 0, l0, sizeof l0) || strncmp(l0, "untrusted comment:", 18) != 0 ||
      !nth_line(sig_text, 1, l1, sizeof l1) || !nth_line(sig_text, 2, l2, sizeof l2) ||
      strncmp(l2, "trusted comment: ", 17) != 0 || !nth_line(sig_text, 3, l3, sizeof l3)) {
    snprintf(err, err_size, "not a minisign signature file");
    return false;
  }
  uint8_t raw[SIG_BYTES], global[64];
  if (!b64_decode(l1, raw, sizeof raw, err, err_size, "the signature") ||
      !b64_decode(l3, global, sizeof global, err, err_size, "the trusted comment's signature"))
    return false;
  if (raw[0] == 'E' && raw[1] == 'd') {
    snprintf(err, err_size,
             "the signature is of minisign's legacy kind, over the whole file; "
             "sign again with minisign 0.11 or later (-H) or `kiosk pack sign`");
    return false;
  }
  if (raw[0] != 'E' || raw[1] != 'D') {
    snprintf(err, err_size, "the signature is not an Ed25519 minisign signature");
    return false;
  }
  const ks_pubkey *key = NULL;
  for (size_t i = 0; i < n_keys && !key; i++)
    if (memcmp(keys[i].keynum, raw + 2, 8) == 0)
      key = &keys[i];
  if (!key) {
    char id[17];
    ks_sign_keyid(raw + 2, id);
    snprintf(err, err_size, "signed by key %s, which this kiosk does not trust", id);
    return false;
  }
  if (crypto_sign_verify_detached(raw + 10, hash, KS_SIGN_HASH_BYTES, key->pk) != 0) {
    snprintf(err, err_size,
             "the signature does not match the pack: it was altered, damaged, or "
             "the signature belongs to another file");
    return false;
  }
  const char *tc = l2 + 17;
  size_t tl = strlen(tc);
  uint8_t *both = malloc(64 + tl);
  memcpy(both, raw + 10, 64);
  memcpy(both + 64, tc, tl);
  bool ok = crypto_sign_verify_detached(global, both, 64 + tl, key->pk) == 0;
  free(both);
  if (!ok) {
    snprintf(err, err_size, "the trusted comment was changed after signing");
    return false;
  }
  snprintf(comment, comment_size, "%s", tc);
  return true;
}
