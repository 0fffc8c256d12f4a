/* Watching a curator's content folder for saves (Linux inotify): pack.yaml, sources.yaml,
 * glossary.yaml and the files in achievements/, cities/, events/ and images/. Editors save by
 * writing a temporary file and renaming it over the old one, often in several steps, so changes
 * are handed over only once the folder has been quiet for a moment (KS_SRCWATCH_SETTLE_MS):
 * one save, one reload. */
#ifndef KIOSK_SRCWATCH_H
#define KIOSK_SRCWATCH_H

#include <stdbool.h>
#include <stddef.h>

enum {
  KS_SRCWATCH_SETTLE_MS = 200, /* quiet time after the last change before it is handed over */
  KS_SRCWATCH_MAX_FILES = 32,  /* changed files named one by one; beyond that, `many` */
  KS_SRCWATCH_NAME = 256,      /* longest relative name kept ("events/x.md") */
};

/* The files changed since the last hand-over, relative to the folder ("events/x.md"). */
typedef struct {
  char files[KS_SRCWATCH_MAX_FILES][KS_SRCWATCH_NAME];
  size_t n_files;
  bool many; /* more files changed than are named (or a name was too long): take it all as new */
} ks_srcwatch_changes;

typedef struct ks_srcwatch ks_srcwatch;

/* Starts watching the content folder `dir` and those of its subfolders that exist (one made
 * later is watched from then on). NULL with the reason in `err` when inotify cannot watch `dir`
 * (not a folder, no permission, the system's watch limit reached). */
ks_srcwatch *ks_srcwatch_open(const char *dir, char *err, size_t err_size);
void ks_srcwatch_close(ks_srcwatch *w); /* NULL is fine */
/* Waits at most `timeout_ms` (0: only looks) for a settled change: true, with what changed in
 * `out`, once a content file changed and the folder has then been quiet for
 * KS_SRCWATCH_SETTLE_MS. Files no content is read from (an editor's swap file, a backup~) do not
 * count. */
bool ks_srcwatch_poll(ks_srcwatch *w, int timeout_ms, ks_srcwatch_changes *out);

#endif
