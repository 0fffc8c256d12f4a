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

const ks_sign_kdf ks_sign_kdf_minisign = {33554432, 1073741824};

/* Offsets into a secret key blob: "Ed", kdf algorithm ("Sc" or zeros), "B2", scrypt salt,
 * opslimit and memlimit (little-endian), then the part a password encrypts: key id, secret key
 * and the checksum, BLAKE2b-256 of "Ed" || key id || secret key. */
enum {
  SK_KDF = 2,
  SK_SALT = 6,
  SK_OPS = 38,
  SK_MEM = 46,
  SK_KEYNUM = 54,
  SK_SK = 62,
  SK_CHK = 126,
  SK_SECRET_BYTES = 8 + 64 + 32, /* from SK_KEYNUM: what the password's stream covers */
};

/* What a key may ask of scrypt: twice what minisign asks. A hostile or damaged key asking for a
 * terabyte is refused before any memory is taken. */
static const ks_sign_kdf kdf_cap = {2 * 33554432ull, 2 * 1073741824ull};

static void put_le64(uint8_t *p, uint64_t v) {
  for (int i = 0; i < 8; i++)
    p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le64(const uint8_t *p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; i++)
    v |= (uint64_t)p[i] << (8 * i);
  return v;
}

static void seckey_checksum(const uint8_t raw[SEC_BYTES], uint8_t out[32]) {
  crypto_generichash_state st;
  crypto_generichash_init(&st, NULL, 0, 32);
  crypto_generichash_update(&st, raw, 2);
  crypto_generichash_update(&st, raw + SK_KEYNUM, 8 + 64);
  crypto_generichash_final(&st, out, 32);
}

/* XORs the key id, secret key and checksum with scrypt's stream from `password`, as minisign
 * does both to encrypt and to decrypt. False, saying why, when scrypt cannot run. */
static bool apply_password(uint8_t raw[SEC_BYTES], const char *password, char *err,
                           size_t err_size) {
  uint8_t stream[SK_SECRET_BYTES];
  if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, password, strlen(password),
                                         raw + SK_SALT, get_le64(raw + SK_OPS),
                                         get_le64(raw + SK_MEM)) != 0) {
    snprintf(err, err_size,
             "cannot derive the key from the password (scrypt needs %llu MiB of memory)",
             (unsigned long long)(get_le64(raw + SK_MEM) >> 20));
    return false;
  }
  for (size_t i = 0; i < sizeof stream; i++)
    raw[SK_KEYNUM + i] ^= stream[i];
  sodium_memzero(stream, sizeof stream);
  return true;
}

/* Writes the pair; with `password`, the secret key is encrypted at cost `kdf`. */
static bool write_keys(const ks_pubkey *pub, const ks_seckey *sec, const char *pub_path,
                       const char *sec_path, const char *password, const ks_sign_kdf *kdf,
                       char *err, size_t err_size) {
  if (password && !*password) {
    snprintf(err, err_size,
             "an empty password protects nothing: give one, or make an "
             "unencrypted key (--no-password)");
    return false;
  }
  char id[17], b64[256], text[512];
  ks_sign_keyid(pub->keynum, id);
  uint8_t raw_pub[PUB_BYTES] = {'E', 'd'};
  memcpy(raw_pub + 2, pub->keynum, 8);
  memcpy(raw_pub + 10, pub->pk, 32);
  sodium_bin2base64(b64, sizeof b64, raw_pub, sizeof raw_pub, sodium_base64_VARIANT_ORIGINAL);
  snprintf(text, sizeof text, "untrusted comment: minisign public key %s\n%s\n", id, b64);
  if (!write_new(pub_path, text, 0644, err, err_size))
    return false;
  /* Unencrypted, this is what minisign -W writes but with the checksum filled in (kdf, salt and
   * limits zero); encrypted, what minisign -G writes. */
  uint8_t raw[SEC_BYTES] = {'E', 'd', 0, 0, 'B', '2'};
  memcpy(raw + SK_KEYNUM, sec->keynum, 8);
  memcpy(raw + SK_SK, sec->sk, 64);
  seckey_checksum(raw, raw + SK_CHK);
  bool ok = true;
  if (password) {
    raw[SK_KDF] = 'S', raw[SK_KDF + 1] = 'c';
    randombytes_buf(raw + SK_SALT, 32);
    put_le64(raw + SK_OPS, kdf->opslimit);
    put_le64(raw + SK_MEM, kdf->memlimit);
    ok = apply_password(raw, password, err, err_size);
  }
  char sb64[sizeof raw * 2];
  sodium_bin2base64(sb64, sizeof sb64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
  snprintf(text, sizeof text,
           password ? "untrusted comment: minisign encrypted secret key %s\n%s\n"
                    : "untrusted comment: minisign secret key %s (not encrypted)\n%s\n",
           id, sb64);
  sodium_memzero(raw, sizeof raw);
  ok = ok && write_new(sec_path, text, 0600, err, err_size);
  sodium_memzero(text, sizeof text);
  sodium_memzero(sb64, sizeof sb64);
  if (!ok)
    unlink(pub_path);
  return ok;
}

bool ks_sign_write_keys(const ks_pubkey *pub, const ks_seckey *sec, const char *pub_path,
                        const char *sec_path, char *err, size_t err_size) {
  return write_keys(pub, sec, pub_path, sec_path, NULL, NULL, err, err_size);
}

bool ks_sign_write_keys_protected(const ks_pubkey *pub, const ks_seckey *sec, const char *pub_path,
                                  const char *sec_path, const char *password,
                                  const ks_sign_kdf *kdf, char *err, size_t err_size) {
  return write_keys(pub, sec, pub_path, sec_path, password, kdf ? kdf : &ks_sign_kdf_minisign, err,
                    err_size);
}

bool ks_sign_read_pubkey(const char *path, ks_pubkey *out, char *err, size_t err_size) {
  size_t size;
  char *text = ks_file_read(path, 4096, &size, err, err_size);
  bool ok = text && ks_sign_parse_pubkey(text, out, err, err_size);
  free(text);
  return ok;
}

/* Reads the secret key file's blob into `raw`. */
static bool read_seckey_blob(const char *path, uint8_t raw[SEC_BYTES], char *err, size_t err_size) {
  size_t size;
  char why[128], line[512];
  char *text = ks_file_read(path, 4096, &size, why, sizeof why);
  if (!text) {
    snprintf(err, err_size, "cannot read the secret key %s: %s", path, why);
    return false;
  }
  bool ok = first_data_line(text, line, sizeof line) &&
            b64_decode(line, raw, SEC_BYTES, err, err_size, "the secret key");
  sodium_memzero(text, size);
  sodium_memzero(line, sizeof line);
  free(text);
  if (ok && (raw[0] != 'E' || raw[1] != 'd')) {
    snprintf(err, err_size, "%s is not an Ed25519 minisign secret key", path);
    ok = false;
  } else if (ok && (raw[4] != 'B' || raw[5] != '2')) {
    snprintf(err, err_size, "%s uses a checksum other than minisign's (BLAKE2b)", path);
    ok = false;
  } else if (ok && !(raw[SK_KDF] == 0 && raw[SK_KDF + 1] == 0) &&
             !(raw[SK_KDF] == 'S' && raw[SK_KDF + 1] == 'c')) {
    snprintf(err, err_size, "%s uses a key derivation other than minisign's (scrypt)", path);
    ok = false;
  }
  return ok;
}

static bool is_encrypted(const uint8_t raw[SEC_BYTES]) { return raw[SK_KDF] == 'S'; }

bool ks_sign_seckey_needs_password(const char *path, bool *needs, char *err, size_t err_size) {
  uint8_t raw[SEC_BYTES];
  bool ok = read_seckey_blob(path, raw, err, err_size);
  if (ok)
    *needs = is_encrypted(raw);
  sodium_memzero(raw, sizeof raw);
  return ok;
}

/* Decrypts, then checks the key: its checksum (minisign -G -W writes zeros there; minisign
 * itself never checks an unencrypted key's), and in every case that the public half of the
 * Ed25519 secret key is the one its seed gives, which no damage or wrong password survives. */
static bool open_seckey(const char *path, uint8_t raw[SEC_BYTES], const char *password, char *err,
                        size_t err_size) {
  static const uint8_t zero[32];
  if (is_encrypted(raw)) {
    uint64_t ops = get_le64(raw + SK_OPS), mem = get_le64(raw + SK_MEM);
    if (!password) {
      snprintf(err, err_size, "%s is password-protected: give its password", path);
      return false;
    }
    if (mem > kdf_cap.memlimit) {
      snprintf(err, err_size,
               "%s asks for %llu MiB of memory to derive its key, more than the %llu MiB "
               "allowed (minisign's keys ask for 1024): damaged, or not made by minisign",
               path, (unsigned long long)(mem >> 20), (unsigned long long)(kdf_cap.memlimit >> 20));
      return false;
    }
    if (ops > kdf_cap.opslimit) {
      snprintf(err, err_size,
               "%s asks for %llu operations to derive its key, more than the %llu allowed "
               "(minisign's keys ask for %llu): damaged, or not made by minisign",
               path, (unsigned long long)ops, (unsigned long long)kdf_cap.opslimit,
               (unsigned long long)ks_sign_kdf_minisign.opslimit);
      return false;
    }
    if (!apply_password(raw, password, err, err_size))
      return false;
  }
  uint8_t check[32], pk[32], sk[64];
  seckey_checksum(raw, check);
  bool sum_ok = sodium_memcmp(check, raw + SK_CHK, 32) == 0;
  bool unsummed = !is_encrypted(raw) && sodium_memcmp(zero, raw + SK_CHK, 32) == 0;
  crypto_sign_seed_keypair(pk, sk, raw + SK_SK); /* the seed is the first half */
  bool halves_ok = sodium_memcmp(sk, raw + SK_SK, 64) == 0;
  sodium_memzero(sk, sizeof sk);
  if ((sum_ok || unsummed) && halves_ok)
    return true;
  if (is_encrypted(raw))
    snprintf(err, err_size, "wrong password for the secret key %s", path);
  else
    snprintf(err, err_size, "%s is damaged (%s)", path,
             sum_ok || unsummed ? "its secret and public halves do not belong together"
                                : "its checksum does not match");
  return false;
}

bool ks_sign_read_seckey(const char *path, const char *password, ks_seckey *out, char *err,
                         size_t err_size) {
  uint8_t raw[SEC_BYTES];
  bool ok =
      read_seckey_blob(path, raw, err, err_size) && open_seckey(path, raw, password, err, err_size);
  if (ok) {
    memcpy(out->keynum, raw + SK_KEYNUM, 8);
    memcpy(out->sk, raw + SK_SK, 64);
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
