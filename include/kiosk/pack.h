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

/* Reading on demand, for a kiosk that shows the pack (the store, include/kiosk/store.h): what the
 * screen in view needs, not the whole pack. The pack must have been vetted (kiosk/vet.h): a
 * row that cannot be read is left out rather than reported. */

/* The pack's metadata and sources only, as ks_pack_read has them, with no exhibit. */
ks_content *ks_pack_read_meta(ks_pack *pack, ks_diag *diag);

/* SQL: whether the exhibit row aliased `t` is shown on the reader's day, bound as ?9 (NULL for
 * every day), as ks_exhibit_shown_on has it (YYYY-MM-DD texts order as their dates). The one
 * text of the rule for every query of ks_pack_reader_ids and the reader itself. */
#define KS_PACK_SHOWN(t)                                                                           \
  "(?9 IS NULL OR ((" t ".show_from IS NULL OR " t ".show_from <= ?9) AND (" t                     \
  ".show_until IS NULL OR ?9 <= " t ".show_until)))"

typedef struct ks_pack_reader ks_pack_reader;
/* A reader of `pack` (which must outlive it) as shown on `today` (YYYY-MM-DD: exhibits outside
 * their show_from…show_until are not there, nor links to them), or every exhibit for NULL. Its
 * statements are prepared the first time each is used and kept. NULL for a pack of schema 1 to 3,
 * which keeps its texts in per-language columns: read such a pack whole. */
ks_pack_reader *ks_pack_reader_open(ks_pack *pack, const char *today);
void ks_pack_reader_close(ks_pack_reader *reader);
/* Reads exhibit `id` whole, as ks_pack_read would, appended to `into` (whose languages say which
 * slot each text takes, and whose arena takes every string); links keep only exhibits shown on
 * the reader's day, each with its kind. NULL when there is no such exhibit that day, or it could
 * not be read (findings in `diag`, which may be NULL). */
ks_exhibit *ks_pack_reader_exhibit(ks_pack_reader *reader, const char *id, ks_content *into,
                                   ks_diag *diag);
/* Runs `sql` — a string literal: its statement is kept, known by the literal's address — with
 * `params` (up to 3, NULL for none) as ?1…?3 and the reader's day as ?9, and returns how many
 * rows it gave: their first column in `*ids`, and their second as an integer in `*keys` when
 * `keys` is not NULL (0 where there is none). Both arrays are in `arena`. The SQL may call
 * ks_event_year(date): the year of a date ks_date_parse takes, else NULL. */
size_t ks_pack_reader_ids(ks_pack_reader *reader, const char *sql, const char *const params[3],
                          ks_arena *arena, const char ***ids, int **keys);

/* Runs `sql` (a string literal, kept as ks_pack_reader_ids keeps it), which selects the rows of
 * places — id, lat, lon, whether of the corridor, then a title's language tag and text, one row
 * per language with a place's rows together — and returns how many places it gave, in the order
 * of their first rows, in `*places` (in `arena`, with `langs` saying which slot each language's
 * title takes). */
size_t ks_pack_reader_places(ks_pack_reader *reader, const char *sql, const ks_content *langs,
                             ks_arena *arena, ks_place **places);

/* Hex SHA-256 over the pack's content in a canonical order (build time and the hash itself
 * excluded), into `hex` (65 bytes). Used by the writer to stamp and the reader to check. */
bool ks_pack_content_hash(ks_pack *pack, char hex[65], ks_diag *diag);

#endif
