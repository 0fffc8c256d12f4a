/* Content packs: one SQLite file (*.kpack) holding everything a kiosk shows. The format is
 * documented in app/pack/SCHEMA.md beside the code that writes it. */
#ifndef KIOSK_PACK_H
#define KIOSK_PACK_H

#include "kiosk/content.h"
#include "kiosk/diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* PRAGMA application_id of every pack: "KPAK". */
#define KS_PACK_APPLICATION_ID 0x4b50414b
/* PRAGMA user_version: the schema version this kiosk writes and the newest it reads. */
#define KS_PACK_SCHEMA_VERSION 6

/* Writes `content` (validated, sorted) as a pack at `path`, atomically: a temporary file beside
 * it is written, synced and renamed over `path`. `built_at` (seconds since the epoch) is stored
 * as the build time; the same content and `built_at` give a byte-identical file. */
bool ks_pack_write(const ks_content *content, const char *path, int64_t built_at, ks_diag *diag);
/* ks_pack_write, calling `progress` (when not NULL) after each exhibit is written, with how many
 * of how many: a large pack's build shows it on a terminal. */
bool ks_pack_write_progress(const ks_content *content, const char *path, int64_t built_at,
                            void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
                            ks_diag *diag);

typedef struct ks_pack ks_pack;

/* The bytes of an SQLite file's header, all that ks_pack_check_header needs. */
#define KS_PACK_HEADER_BYTES 100

/* Checks a file from its first bytes alone (`head`, `got` of them, at most KS_PACK_HEADER_BYTES)
 * and its `size`: an SQLite file, whole (not truncated), of this application, of a schema this
 * kiosk reads, in rollback mode. On failure adds one finding naming `path` to `diag`. Cheap, and
 * the same check ks_pack_open makes first: an installer runs it on a stick's file before copying
 * a byte of it. */
bool ks_pack_check_header(const unsigned char *head, size_t got, uint64_t size, const char *path,
                          ks_diag *diag);

/* Opens a pack read-only and hardened against hostile files (defensive mode, no triggers or
 * views, untrusted schema, tight limits, no mmap), after checking from its header alone that
 * it is an SQLite file, whole, of this application and of a schema this kiosk reads; then checks
 * that it holds exactly the format's tables and indexes. Cheap: no hashing, no decoding.
 * Returns NULL with findings on any failure. */
ks_pack *ks_pack_open(const char *path, ks_diag *diag);
void ks_pack_close(ks_pack *pack);
/* The expensive checks: SQLite's integrity_check and the content hash against the one stored. */
bool ks_pack_verify(ks_pack *pack, ks_diag *diag);
/* The pack's id and version from its metadata alone (cheap: no other table is read). False when
 * the pack does not state them, or states them with a NUL inside or a version that is not a
 * plain number from 1 to KS_PACK_VERSION_MAX (see ks_pack_version_parse). */
bool ks_pack_identity(ks_pack *pack, char *id, size_t id_size, int64_t *version);
/* Reads the whole pack into a content model (images included), for validation or listing. */
ks_content *ks_pack_read(ks_pack *pack, ks_diag *diag);

/* Hex SHA-256 over the pack's content in a canonical order (build time and the hash itself
 * excluded), into `hex` (65 bytes). Used by the writer to stamp and the reader to check. */
bool ks_pack_content_hash(ks_pack *pack, char hex[65], ks_diag *diag);

#endif
