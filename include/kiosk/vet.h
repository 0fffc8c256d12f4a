/* A pack vetted before it is shown: every command that shows a pack (the kiosk, render, play,
 * proof, bench) opens it here, so that its integrity, its content hash and every check of the
 * validator have passed before a screen draws any of it — once per pack file: a pack that passed
 * is remembered in a small record, and the next start with the very same file pays only for the
 * cheap checks of ks_pack_open. */
#ifndef KIOSK_VET_H
#define KIOSK_VET_H

#include "kiosk/content.h"
#include "kiosk/diag.h"
#include "kiosk/pack.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct {
  const char *fonts_dir; /* the bundled fonts, for the glyph check; NULL skips it (a warning) */
  /* The record of packs that passed (see ks_vet_record_path); NULL keeps none: every open
   * vets in full. */
  const char *record;
  /* What vetted them, e.g. the kiosk's version: a pack passed by another stamp is vetted again
   * (a newer kiosk may check more). */
  const char *stamp;
} ks_vet_opts;

/* Opens the pack at `path` to show it: ks_pack_open, ks_pack_read, and — unless the record
 * holds this very file as passed — ks_pack_verify and ks_validate. Returns the content, with the
 * open pack in `*pack`, or NULL with `*pack` NULL when the pack is refused: the findings are in
 * `diag`, the first error first, each naming the pack's path. */
ks_content *ks_vet_open(const char *path, const ks_vet_opts *opts, ks_pack **pack, ks_diag *diag);

/* As ks_vet_open, for a caller that reads the pack on demand (kiosk/store.h): returns whether
 * the pack passed, with the open pack in `*pack` (NULL when refused). A pack the record holds
 * costs only its metadata; any other is read whole, verified and validated, and the content
 * dropped. */
bool ks_vet_pack(const char *path, const ks_vet_opts *opts, ks_pack **pack, ks_diag *diag);

/* Records the pack file at `path` (whose stored content hash is `content_hash`) as passed,
 * without vetting it: for a caller that has just verified and validated these very bytes in a
 * folder of the kiosk's own (an install, before it renamed its checked copy into place), so that
 * the start that shows it does not vet it again. False when nothing was recorded. */
bool ks_vet_remember(const char *path, const char *content_hash, const ks_vet_opts *opts);

/* The record's path: DATA_DIR/validated with a data folder (not NULL or ""), else
 * $XDG_CACHE_HOME/kiosk/validated, else $HOME/.cache/kiosk/validated. The folder is created
 * (0700) when missing. False when there is none to use: packs are then vetted in full. */
bool ks_vet_record_path(const char *data_dir, char *out, size_t size);

#endif
