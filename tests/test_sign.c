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
  assert_true(ks_sign_read_seckey(sec_path, &s2, err, sizeof err));
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
  assert_false(ks_sign_read_seckey(path, &s, err, sizeof err));
  assert_non_null(strstr(err, "password-protected"));
  free(key);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(keys_round_trip),
      cmocka_unit_test(good_signature_verifies),
      cmocka_unit_test(refusals_say_why),
      cmocka_unit_test(legacy_and_encrypted_formats_are_refused_clearly),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
