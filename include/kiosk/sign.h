/* Pack signatures in minisign's format (Ed25519 with libsodium), so that curators may sign with
 * `kiosk pack sign` or with the `minisign` tool alike. Signatures are prehashed (minisign's
 * "ED"): BLAKE2b-512 of the pack, so the kiosk verifies the hash it computed while copying the
 * pack instead of reading the pack again. The trusted comment names the pack ("pack:ID
 * version:N") and is signed too. A kiosk holds public keys only and verifies unattended; a
 * curator's secret key is password-protected as minisign protects it (scrypt, libsodium) unless
 * made without one (minisign -W, `kiosk pack keygen --no-password`); both kinds are read. */
#ifndef KIOSK_SIGN_H
#define KIOSK_SIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
  KS_SIGN_HASH_BYTES = 64, /* BLAKE2b-512 */
  KS_SIGN_MAX_BYTES = 8192 /* the largest signature file read: minisign's are under 400 bytes */
};

typedef struct {
  uint8_t keynum[8]; /* minisign's key id, shown in hex */
  uint8_t pk[32];
} ks_pubkey;

typedef struct {
  uint8_t keynum[8];
  uint8_t sk[64];
} ks_seckey;

/* The cost of scrypt where a password protects a secret key. */
typedef struct {
  uint64_t opslimit, memlimit; /* as libsodium's crypto_pwhash_scryptsalsa208sha256 takes them */
} ks_sign_kdf;
/* minisign's cost: 2^25 operations, 1 GiB of memory; about 5 s on a laptop. */
extern const ks_sign_kdf ks_sign_kdf_minisign;

/* A new key pair. */
void ks_sign_keygen(ks_pubkey *pub, ks_seckey *sec);
/* Writes the key pair as minisign files, the secret key unencrypted (as minisign -W, with its
 * checksum); refuses to replace existing files. */
bool ks_sign_write_keys(const ks_pubkey *pub, const ks_seckey *sec, const char *pub_path,
                        const char *sec_path, char *err, size_t err_size);
/* The same with the secret key encrypted by `password` (not empty) as minisign -G encrypts it,
 * scrypt at cost `kdf` (NULL: ks_sign_kdf_minisign), so minisign -S can use it too. */
bool ks_sign_write_keys_protected(const ks_pubkey *pub, const ks_seckey *sec, const char *pub_path,
                                  const char *sec_path, const char *password,
                                  const ks_sign_kdf *kdf, char *err, size_t err_size);
/* Reads a public key from the text of a minisign .pub file, or from its base64 line alone. */
bool ks_sign_parse_pubkey(const char *text, ks_pubkey *out, char *err, size_t err_size);
/* Reads a minisign public key file. */
bool ks_sign_read_pubkey(const char *path, ks_pubkey *out, char *err, size_t err_size);
/* Whether the minisign secret key file at `path` is password-protected, in `*needs`, so a
 * caller asks for a password only when one is needed. False, saying why, when it is no key. */
bool ks_sign_seckey_needs_password(const char *path, bool *needs, char *err, size_t err_size);
/* Reads a minisign secret key file: unencrypted (`password` unused, may be NULL) or protected
 * by `password`, at whatever scrypt cost the file states up to twice minisign's (a key asking
 * for more is refused before memory is taken). Says in `err` whether the password is wrong, is
 * missing, or the key is damaged. */
bool ks_sign_read_seckey(const char *path, const char *password, ks_seckey *out, char *err,
                         size_t err_size);
/* The key id as minisign prints it (16 hex digits, most significant first). */
void ks_sign_keyid(const uint8_t keynum[8], char out[17]);

/* The trusted comment a pack's signature carries: "pack:ID version:N". */
void ks_sign_pack_comment(const char *id, int64_t version, char *out, size_t size);

/* BLAKE2b-512 of a file, read once. */
bool ks_sign_hash_file(const char *path, uint8_t hash[KS_SIGN_HASH_BYTES], char *err,
                       size_t err_size);
/* Signs `hash` with `trusted_comment` and writes a minisign signature file. */
bool ks_sign_write(const uint8_t hash[KS_SIGN_HASH_BYTES], const ks_seckey *sec,
                   const char *trusted_comment, const char *sig_path, char *err, size_t err_size);
/* Checks the text of a signature file against `hash` and the trusted `keys`: the key must be
 * one of them, the signature must match the hash, and the trusted comment must be signed too.
 * On success the trusted comment is copied to `comment`. On failure says why in `err`. */
bool ks_sign_verify(const uint8_t hash[KS_SIGN_HASH_BYTES], const char *sig_text,
                    const ks_pubkey *keys, size_t n_keys, char *comment, size_t comment_size,
                    char *err, size_t err_size);

#endif
