/* Private to app/install: the record of the highest version of each pack ever installed in a
 * data folder (DIR/versions). ks_install() reads it, checks an incoming pack against it and
 * writes it back (raised) before it switches to the pack. */
#ifndef KIOSK_INSTALL_VERSIONS_H
#define KIOSK_INSTALL_VERSIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
  char id[65];
  int64_t version;
  char sha256[65]; /* the pack installed with that version */
} ks_version_mark;

typedef struct {
  ks_version_mark *items;
  size_t n, cap;
} ks_versions;

void ks_versions_init(ks_versions *v);
void ks_versions_free(ks_versions *v);
/* Adds DIR/versions' marks to `v`; false when the folder has none (a new or an older folder). */
bool ks_versions_read(const char *dir, ks_versions *v);
/* The mark of pack `id`, or NULL. */
const ks_version_mark *ks_versions_find(const ks_versions *v, const char *id);
/* Raises the mark of `id` to `version` (adding it); true when that changed anything. Invalid ids,
 * hashes and negative versions are ignored. */
bool ks_versions_raise(ks_versions *v, const char *id, int64_t version, const char *sha256);
/* The file's text (the caller frees it), `*size` bytes. */
char *ks_versions_text(const ks_versions *v, size_t *size);

#endif
