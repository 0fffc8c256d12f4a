/* Pack signatures in minisign's format (Ed25519 with libsodium), so that curators may sign with
 * `kiosk pack sign` or with the `minisign` tool alike. Signatures are prehashed (minisign's
 * "ED"): BLAKE2b-512 of the pack, so the kiosk verifies the hash it computed while copying the
 * pack instead of reading the pack again. The trusted comment names the pack ("pack:ID
 * version:N") and is signed too. Keys are unencrypted (minisign -W): the kiosk must verify
 * unattended, and a curator's secret key belongs on the curator's machine only. */
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

/* A new key pair. */
void ks_sign_keygen(ks_pubkey *pub, ks_seckey *sec);
/* Writes the key pair as minisign files; refuses to replace existing files. */
bool ks_sign_write_keys(const ks_pubkey *pub, const ks_seckey *sec, const char *pub_path,
                        const char *sec_path, char *err, size_t err_size);
/* Reads a public key from the text of a minisign .pub file, or from its base64 line alone. */
bool ks_sign_parse_pubkey(const char *text, ks_pubkey *out, char *err, size_t err_size);
/* Reads a minisign public key file. */
bool ks_sign_read_pubkey(const char *path, ks_pubkey *out, char *err, size_t err_size);
/* Reads an unencrypted minisign secret key file. */
bool ks_sign_read_seckey(const char *path, ks_seckey *out, char *err, size_t err_size);
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
