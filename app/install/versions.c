/* The highest version of each pack ever installed in a data folder (DIR/versions), so that a
 * pack can never be replaced by an older version of itself — not even by way of another pack
 * shown in between — unless a rollback is asked for (as TUF and Uptane keep against rollback
 * and freeze attacks). Written like `active`: whole, synced, renamed into place. */
#include "versions.h"

#include "kiosk/content.h"
#include "kiosk/fileio.h"
#include "kiosk/mem.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_BYTES = 1 << 20 }; /* ~10,000 pack ids: more than any hall will ever install */

static bool valid_sha(const char *sha) {
  if (strlen(sha) != 64)
    return false;
  for (const char *p = sha; *p; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
      return false;
  return true;
}

void ks_versions_init(ks_versions *v) { *v = (ks_versions){0}; }

void ks_versions_free(ks_versions *v) {
  free(v->items);
  *v = (ks_versions){0};
}

const ks_version_mark *ks_versions_find(const ks_versions *v, const char *id) {
  for (size_t i = 0; i < v->n; i++)
    if (strcmp(v->items[i].id, id) == 0)
      return &v->items[i];
  return NULL;
}

bool ks_versions_raise(ks_versions *v, const char *id, int64_t version, const char *sha256) {
  if (!ks_id_valid(id) || !valid_sha(sha256) || version < 0)
    return false;
  ks_version_mark *m = (ks_version_mark *)ks_versions_find(v, id);
  if (m) {
    if (version > m->version) {
      m->version = version;
      memcpy(m->sha256, sha256, 65);
      return true;
    }
    return false;
  }
  if (v->n == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 8;
    v->items = ks_xrealloc(v->items, v->cap * sizeof *v->items);
  }
  m = &v->items[v->n++];
  snprintf(m->id, sizeof m->id, "%s", id);
  m->version = version;
  memcpy(m->sha256, sha256, 65);
  return true;
}

bool ks_versions_read(const char *dir, ks_versions *v) {
  char path[4096], err[128];
  snprintf(path, sizeof path, "%s/versions", dir);
  size_t size;
  char *text = ks_file_read(path, MAX_BYTES, &size, err, sizeof err);
  if (!text)
    return false;
  /* A damaged line is skipped, not fatal: the shown pack is still checked by its own id. */
  for (char *line = text, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next)
      *next++ = '\0';
    char id[80], sha[80];
    long long version;
    if (line[0] != '#' && sscanf(line, "%79s %lld %79s", id, &version, sha) == 3)
      ks_versions_raise(v, id, (int64_t)version, sha);
  }
  free(text);
  return true;
}

char *ks_versions_text(const ks_versions *v, size_t *size) {
  size_t cap = 128 + v->n * (64 + 24 + 64 + 3);
  char *text = ks_xmalloc(cap);
  size_t n = (size_t)snprintf(text, cap,
                              "# the highest version of each pack ever installed here "
                              "(id version sha256)\n");
  for (size_t i = 0; i < v->n; i++)
    n += (size_t)snprintf(text + n, cap - n, "%s %" PRId64 " %s\n", v->items[i].id,
                          v->items[i].version, v->items[i].sha256);
  *size = n;
  return text;
}
