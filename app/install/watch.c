#include "kiosk/watch.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool is_pack_name(const char *name) {
  size_t n = strlen(name);
  return n > 6 && strcmp(name + n - 6, ".kpack") == 0;
}

static void scan(const char *dir, int depth, ks_found_pack *out, size_t max, size_t *n) {
  DIR *d = opendir(dir);
  if (!d)
    return; /* not mounted, or not ours to read: nothing there */
  for (struct dirent *e; (e = readdir(d)) && *n < max;) {
    if (e->d_name[0] == '.')
      continue;
    char path[KS_WATCH_PATH];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path)
      continue;
    struct stat st;
    if (lstat(path, &st) != 0) /* lstat: a link on a stranger's stick leads nowhere */
      continue;
    if (S_ISREG(st.st_mode) && is_pack_name(e->d_name)) {
      ks_found_pack *f = &out[(*n)++];
      memcpy(f->path, path, sizeof path);
      f->size = (int64_t)st.st_size;
      f->mtime = (int64_t)st.st_mtime;
    } else if (S_ISDIR(st.st_mode) && depth < 2) {
      scan(path, depth + 1, out, max, n);
    }
  }
  closedir(d);
}

static int by_path(const void *a, const void *b) {
  return strcmp(((const ks_found_pack *)a)->path, ((const ks_found_pack *)b)->path);
}

size_t ks_watch_find(const char *const *roots, size_t n_roots, ks_found_pack *out, size_t max) {
  size_t n = 0;
  for (size_t i = 0; i < n_roots; i++)
    scan(roots[i], 0, out, max, &n);
  qsort(out, n, sizeof *out, by_path);
  return n;
}
