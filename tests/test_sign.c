#include "test_support.h"

#include "kiosk/sign.h"

#include <sodium.h>
#include <unistd.h>

static ks_pubkey pub;
static ks_seckey sec;
static char pub_path[1024], sec_path[1024];

static int setup(void **state) {
  (void)state;
  char err[256];
  ks_sign_keygen(&pub, &sec);
  unlink(ts_tmp(pub_path, sizeof pub_path, "t.pub"));
  unlink(ts_tmp(sec_path, sizeof sec_path, "t.key"));
  return ks_sign_write_keys(&pub, &sec, pub_path, sec_path, err, sizeof err) ? 0 : -1;
}

static char *read_text(const char *path) {
  size_t n;
  unsigned char *b = ts_read(path, &n);
  b[n] = '\0';
  return (char *)b;
}

static void keys_round_trip(void **state) {
  (void)state;
  char err[256];
  ks_seckey s2;
  ks_pubkey p2;
  assert_true(ks_sign_read_seckey(sec_path, NULL, &s2, err, sizeof err));
  assert_memory_equal(&s2, &sec, sizeof sec);
  char *text = read_text(pub_path);
  assert_true(ks_sign_parse_pubkey(text, &p2, err, sizeof err));
  assert_memory_equal(&p2, &pub, sizeof pub);
  free(text);
  /* Keys are never replaced by accident. */
  assert_false(ks_sign_write_keys(&pub, &sec, pub_path, sec_path, err, sizeof err));
  assert_non_null(strstr(err, "cannot create"));
}

/* Signs `hash` into a file and returns its text (the caller frees it). */
static char *signed_text(const uint8_t *hash, const char *comment) {
  char path[1024], err[256];
  ts_tmp(path, sizeof path, "t.minisig");
  assert_true(ks_sign_write(hash, &sec, comment, path, err, sizeof err));
  return read_text(path);
}

static void good_signature_verifies(void **state) {
  (void)state;
  uint8_t hash[KS_SIGN_HASH_BYTES];
  randombytes_buf(hash, sizeof hash);
  char *sig = signed_text(hash, "pack:yrd version:7"), comment[256], err[256];
  assert_true(ks_sign_verify(hash, sig, &pub, 1, comment, sizeof comment, err, sizeof err));
  assert_string_equal(comment, "pack:yrd version:7");
  free(sig);
}

static void refusals_say_why(void **state) {
  (void)state;
  uint8_t hash[KS_SIGN_HASH_BYTES];
  randombytes_buf(hash, sizeof hash);
  char *sig = signed_text(hash, "pack:yrd version:7"), comment[256], err[256];
  /* Another file (or the same pack altered): the hash differs. */
  uint8_t other[KS_SIGN_HASH_BYTES];
  memcpy(other, hash, sizeof other);
  other[5] ^= 1;
  assert_false(ks_sign_verify(other, sig, &pub, 1, comment, sizeof comment, err, sizeof err));
  assert_non_null(strstr(err, "does not match the pack"));
  /* A key the kiosk does not trust. */
  ks_pubkey stranger;
  ks_seckey stranger_sec;
  ks_sign_keygen(&stranger, &stranger_sec);
  assert_false(ks_sign_verify(hash, sig, &stranger, 1, comment, sizeof comment, err, sizeof err));
  assert_non_null(strstr(err, "which this kiosk does not trust"));
  /* More than one trusted key: any of them will do (key rotation). */
  ks_pubkey both[2] = {stranger, pub};
  assert_true(ks_sign_verify(hash, sig, both, 2, comment, sizeof comment, err, sizeof err));
  /* The trusted comment edited after signing (a replayed version number, say). */
  char *edited = strdup(sig);
  char *v = strstr(edited, "version:7");
  v[8] = '9';
  assert_false(ks_sign_verify(hash, edited, &pub, 1, comment, sizeof comment, err, sizeof err));
  assert_non_null(strstr(err, "trusted comment was changed"));
  free(edited);
  /* Not a signature at all. */
  assert_false(ks_sign_verify(hash, "hello\n", &pub, 1, comment, sizeof comment, err, sizeof err));
  assert_non_null(strstr(err, "not a minisign signature file"));
  free(sig);
}

static void legacy_and_encrypted_formats_are_refused_clearly(void **state) {
  (void)state;
  char err[256], comment[256];
  uint8_t hash[KS_SIGN_HASH_BYTES] = {0};
  /* A legacy "Ed" signature: same layout, other algorithm bytes. */
  char *sig = signed_text(hash, "pack:x version:1");
  char *line = strchr(sig, '\n') + 1;
  uint8_t raw[74];
  size_t n;
  assert_int_equal(sodium_base642bin(raw, sizeof raw, line, strcspn(line, "\n"), NULL, &n, NULL,
                                     sodium_base64_VARIANT_ORIGINAL),
                   0);
  raw[1] = 'd';
  char b64[128];
  sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, sodium_base64_VARIANT_ORIGINAL);
  memcpy(line, b64, strlen(b64));
  assert_false(ks_sign_verify(hash, sig, &pub, 1, comment, sizeof comment, err, sizeof err));
  assert_non_null(strstr(err, "legacy"));
  free(sig);
  /* A password-protected key (kdf "Sc"). */
  char *key = read_text(sec_path);
  char *kl = strchr(key, '\n') + 1;
  uint8_t kraw[158];
  assert_int_equal(sodium_base642bin(kraw, sizeof kraw, kl, strcspn(kl, "\n"), NULL, &n, NULL,
                                     sodium_base64_VARIANT_ORIGINAL),
                   0);
  kraw[2] = 'S', kraw[3] = 'c';
  char kb64[256], path[1024];
  sodium_bin2base64(kb64, sizeof kb64, kraw, sizeof kraw, sodium_base64_VARIANT_ORIGINAL);
  char text[512];
  snprintf(text, sizeof text, "untrusted comment: x\n%s\n", kb64);
  ts_write(ts_tmp(path, sizeof path, "encrypted.key"), text, strlen(text));
  ks_seckey s;
  assert_false(ks_sign_read_seckey(path, NULL, &s, err, sizeof err));
  assert_non_null(strstr(err, "password-protected"));
  free(key);
}

/* ---- secret keys as minisign writes them ------------------------------------------------ */

/* The cheapest scrypt libsodium allows: the format is the same, the tests stay fast. */
static const ks_sign_kdf cheap = {32768, 16777216};

enum {
  SK_KDF = 2,
  SK_SALT = 6,
  SK_OPS = 38,
  SK_MEM = 46,
  SK_KEYNUM = 54,
  SK_SK = 62,
  SK_CHK = 126
};

/* Writes `raw` (158 bytes) as a secret key file named `name`; returns its path. */
static const char *write_raw_key(const char *name, const uint8_t raw[158]) {
  static char path[1024];
  char b64[256], text[512];
  sodium_bin2base64(b64, sizeof b64, raw, 158, sodium_base64_VARIANT_ORIGINAL);
  snprintf(text, sizeof text, "untrusted comment: minisign encrypted secret key\n%s\n", b64);
  ts_write(ts_tmp(path, sizeof path, name), text, strlen(text));
  return path;
}

/* A key laid out as minisign 0.11 lays it out, built here from its source rather than with the
 * kiosk's writer: "Ed", kdf, "B2", salt, opslimit and memlimit (little-endian), then key id,
 * secret key and BLAKE2b-256 checksum of "Ed" || key id || secret key. With a password the last
 * 104 bytes are XORed with scrypt(password, salt, opslimit, memlimit); without one (-W) the kdf,
 * salt, limits and — as minisign -G -W writes it — the checksum are all zero. */
static void minisign_key(uint8_t raw[158], const ks_seckey *k, const char *password,
                         bool checksum) {
  memset(raw, 0, 158);
  raw[0] = 'E', raw[1] = 'd', raw[4] = 'B', raw[5] = '2';
  memcpy(raw + SK_KEYNUM, k->keynum, 8);
  memcpy(raw + SK_SK, k->sk, 64);
  if (checksum || password) {
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, 32);
    crypto_generichash_update(&st, raw, 2);
    crypto_generichash_update(&st, raw + SK_KEYNUM, 8 + 64);
    crypto_generichash_final(&st, raw + SK_CHK, 32);
  }
  if (!password)
    return;
  raw[SK_KDF] = 'S', raw[SK_KDF + 1] = 'c';
  randombytes_buf(raw + SK_SALT, 32);
  for (int i = 0; i < 8; i++) {
    raw[SK_OPS + i] = (uint8_t)(cheap.opslimit >> (8 * i));
    raw[SK_MEM + i] = (uint8_t)(cheap.memlimit >> (8 * i));
  }
  uint8_t stream[104];
  assert_int_equal(crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, password,
                                                      strlen(password), raw + SK_SALT,
                                                      cheap.opslimit, cheap.memlimit),
                   0);
  for (int i = 0; i < 104; i++)
    raw[SK_KEYNUM + i] ^= stream[i];
}

/* minisign -G -W writes a zero checksum; the kiosk said "damaged" and refused the key its own
 * message recommended. The key is checked instead by its halves: an Ed25519 secret key holds
 * its public key, which its seed must give again. */
static void unencrypted_minisign_keys_are_read(void **state) {
  (void)state;
  uint8_t raw[158];
  char err[256];
  ks_seckey s;
  minisign_key(raw, &sec, NULL, false);
  assert_true(ks_sign_read_seckey(write_raw_key("w.key", raw), NULL, &s, err, sizeof err));
  assert_memory_equal(&s, &sec, sizeof sec);
  /* One converted from a password-protected key (minisign -C -W) keeps its checksum. */
  minisign_key(raw, &sec, NULL, true);
  assert_true(ks_sign_read_seckey(write_raw_key("wc.key", raw), NULL, &s, err, sizeof err));
  assert_memory_equal(&s, &sec, sizeof sec);
  /* Damage is still found, checksum or none. */
  minisign_key(raw, &sec, NULL, false);
  raw[SK_SK + 40] ^= 1;
  assert_false(ks_sign_read_seckey(write_raw_key("wd.key", raw), NULL, &s, err, sizeof err));
  assert_non_null(strstr(err, "damaged"));
  minisign_key(raw, &sec, NULL, true);
  raw[SK_SK + 3] ^= 1;
  assert_false(ks_sign_read_seckey(write_raw_key("wcd.key", raw), NULL, &s, err, sizeof err));
  assert_non_null(strstr(err, "damaged"));
}

static void password_protected_keys(void **state) {
  (void)state;
  uint8_t raw[158];
  char err[256];
  ks_seckey s;
  /* A key encrypted as minisign encrypts it. */
  minisign_key(raw, &sec, "correct horse", true);
  const char *path = write_raw_key("pw.key", raw);
  assert_true(ks_sign_read_seckey(path, "correct horse", &s, err, sizeof err));
  assert_memory_equal(&s, &sec, sizeof sec);
  bool needs = false;
  assert_true(ks_sign_seckey_needs_password(path, &needs, err, sizeof err));
  assert_true(needs);
  /* A wrong password says so: the key is not damaged. */
  assert_false(ks_sign_read_seckey(path, "correct hors", &s, err, sizeof err));
  assert_non_null(strstr(err, "wrong password"));
  assert_null(strstr(err, "damaged"));
  assert_false(ks_sign_read_seckey(path, NULL, &s, err, sizeof err));
  assert_non_null(strstr(err, "password-protected"));

  /* The kiosk's own protected keys: minisign's layout, read back with the password only. */
  char p2[1024], s2[1024];
  unlink(ts_tmp(p2, sizeof p2, "pw2.pub"));
  unlink(ts_tmp(s2, sizeof s2, "pw2.key"));
  assert_true(
      ks_sign_write_keys_protected(&pub, &sec, p2, s2, "pässwörd ☃", &cheap, err, sizeof err));
  assert_true(ks_sign_seckey_needs_password(s2, &needs, err, sizeof err));
  assert_true(needs);
  char *text = read_text(s2);
  assert_non_null(strstr(text, "untrusted comment: minisign encrypted secret key"));
  free(text);
  assert_true(ks_sign_read_seckey(s2, "pässwörd ☃", &s, err, sizeof err));
  assert_memory_equal(&s, &sec, sizeof sec);
  assert_false(ks_sign_read_seckey(s2, "password", &s, err, sizeof err));
  assert_non_null(strstr(err, "wrong password"));
  assert_true(ks_sign_seckey_needs_password(sec_path, &needs, err, sizeof err));
  assert_false(needs);
  /* An empty password protects nothing and is refused. */
  unlink(p2), unlink(s2);
  assert_false(ks_sign_write_keys_protected(&pub, &sec, p2, s2, "", &cheap, err, sizeof err));
  assert_non_null(strstr(err, "empty"));
}

/* A key stating a cost no minisign key states (a hostile or damaged one) is refused before any
 * memory is asked for. */
static void keys_demanding_too_much_are_refused(void **state) {
  (void)state;
  uint8_t raw[158];
  char err[256];
  ks_seckey s;
  minisign_key(raw, &sec, "x", true);
  for (int i = 0; i < 8; i++)
    raw[SK_MEM + i] = (uint8_t)((UINT64_C(1) << 40) >> (8 * i)); /* 1 TiB */
  assert_false(ks_sign_read_seckey(write_raw_key("tib.key", raw), "x", &s, err, sizeof err));
  assert_non_null(strstr(err, "1048576 MiB"));
  minisign_key(raw, &sec, "x", true);
  memset(raw + SK_OPS, 0xff, 8);
  assert_false(ks_sign_read_seckey(write_raw_key("ops.key", raw), "x", &s, err, sizeof err));
  assert_non_null(strstr(err, "operations"));
  minisign_key(raw, &sec, "x", true);
  raw[SK_KDF] = 'A', raw[SK_KDF + 1] = '2';
  assert_false(ks_sign_read_seckey(write_raw_key("a2.key", raw), "x", &s, err, sizeof err));
  assert_non_null(strstr(err, "key derivation"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(keys_round_trip),
      cmocka_unit_test(good_signature_verifies),
      cmocka_unit_test(refusals_say_why),
      cmocka_unit_test(legacy_and_encrypted_formats_are_refused_clearly),
      cmocka_unit_test(unencrypted_minisign_keys_are_read),
      cmocka_unit_test(password_protected_keys),
      cmocka_unit_test(keys_demanding_too_much_are_refused),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
