/* Installing a content pack into a kiosk's data folder, safely: the pack is copied from the
 * stick to local staging while it is hashed (the stick is read once; what is checked is the local
 * copy), its signature is verified over that hash, the copy is opened hardened and fully
 * validated, and only then does the folder switch to it — atomically, keeping the previous pack
 * for rollback. Whatever fails, or wherever the power is cut, the folder holds the old pack or
 * the new one, complete and verified: never neither, never a mix.
 *
 * Data folder layout:
 *   packs/SHA256.kpack   installed packs, named by the SHA-256 of their bytes, never modified
 *   active               "current SHA256" and "previous SHA256" lines: which pack is shown
 *   versions             "ID VERSION SHA256" per pack id: the highest version ever installed here
 *                        (never lowered, not even by a rollback), against downgrades
 *   staging/             copies in progress; whatever is left there is removed at the next start
 *   NAME.tmp-RANDOM      a file being replaced (active): removed at the next start
 *
 * The stick's file is read never through a link and without blocking, and is refused before a
 * byte is copied when it is not a regular file, is larger than KS_INSTALL_MAX_PACK_BYTES, has no
 * pack header (ks_pack_check_header), has an unusable signature file, or would not fit. Every
 * file the install creates is new (O_EXCL|O_NOFOLLOW) under an unpredictable name.
 */
#ifndef KIOSK_INSTALL_H
#define KIOSK_INSTALL_H

#include "kiosk/diag.h"
#include "kiosk/fsops.h"
#include "kiosk/sign.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The largest file an install accepts, checked before a byte of it is copied: 1 GiB. No real
 * pack comes near it (the bundled one is a few MB; an image is at most KS_IMAGE_MAX_BYTES), and
 * a kiosk's card should not be filled by a stranger's file. */
#define KS_INSTALL_MAX_PACK_BYTES (UINT64_C(1) << 30)

/* Why an install was refused, in both of the kiosk's languages, for the screen. */
typedef struct {
  char zh[1024];
  char en[1024];
  bool already_shown; /* the very pack the folder shows: nothing to tell a visitor about */
} ks_refusal;

typedef struct {
  const char *data_dir;
  const ks_pubkey *keys; /* the keys the kiosk trusts */
  size_t n_keys;
  bool allow_unsigned;   /* a developer setting: off unless asked for, and loud when on */
  bool allow_older;      /* a rollback the curator asked for explicitly */
  const char *fonts_dir; /* the bundled fonts, for the validator's glyph check */
  ks_fsops *ops;         /* NULL: the real file system */
  /* Called as the install goes, from 0 to 1 (may be NULL); from the installing thread. */
  void (*progress)(void *ctx, double fraction);
  void *progress_ctx;
  ks_refusal *refusal; /* when not NULL, gets the first refusal (left empty on success) */
  /* When not NULL, the installed pack is recorded as vetted with this stamp (see kiosk/vet.h) in
   * the data folder's record, so that the start showing it does not check it all again. */
  const char *vet_stamp;
} ks_install_opts;

typedef struct {
  bool present;
  char sha256[65];
  char id[65];
  int64_t version;
  char content_hash[65]; /* the pack's stored content hash (filled by an install only) */
} ks_installed;

/* Installs the pack at `src` (its signature beside it, `src`.minisig). Returns true when the
 * folder now shows it; otherwise says why in `diag` and leaves the folder as it was. */
bool ks_install(const char *src, const ks_install_opts *opts, ks_diag *diag);
/* Removes what an interrupted install left in staging. Call at start. */
void ks_install_recover(const char *data_dir, ks_fsops *ops);
/* What the folder shows now and showed before. */
bool ks_install_status(const char *data_dir, ks_installed *current, ks_installed *previous,
                       ks_diag *diag);
/* The path of the pack the folder shows, into `out`; false when none is installed. */
bool ks_install_active(const char *data_dir, char *out, size_t size);
/* The highest version of pack `id` ever installed in the folder, and the SHA-256 of the pack
 * installed with it; false when none was (or the folder predates the record: its next install
 * writes it from the packs it holds). */
bool ks_install_highest(const char *data_dir, const char *id, int64_t *version, char sha256[65]);
/* Switches back to the previous pack (atomically), which becomes the one kept for rollback. */
bool ks_install_rollback(const ks_install_opts *opts, ks_diag *diag);

/* Automatic rollback of a pack that installs but cannot start the kiosk. Before the UI starts,
 * ks_install_starting() notes a start of the pack shown (DIR/starts). When that pack has already
 * failed to start `failures` times within `window_s` seconds — started, never reached its first
 * frame — it rolls back to the previous pack first, or, with none, tells the caller to show the
 * bundled pack. ks_install_started() is called once the first frame is on screen. */
typedef enum {
  KS_START_AS_INSTALLED, /* start the pack the folder shows (or none is installed) */
  KS_START_ROLLED_BACK,  /* the shown pack kept failing: the previous one is shown now */
  KS_START_BUNDLED,      /* the shown pack kept failing and there is no previous one */
} ks_start;
ks_start ks_install_starting(const char *data_dir, int failures, int64_t window_s, int64_t now,
                             ks_diag *diag);
void ks_install_started(const char *data_dir);

#endif
