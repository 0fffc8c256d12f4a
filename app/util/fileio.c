#include "kiosk/fileio.h"

#include "kiosk/mem.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *ks_file_read(const char *path, size_t max, size_t *size, char *err, size_t err_size) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, err_size, "%s", strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    snprintf(err, err_size, "not a regular file");
    fclose(f);
    return NULL;
  }
  if ((unsigned long long)st.st_size > max) {
    snprintf(err, err_size, "larger than %zu bytes", max);
    fclose(f);
    return NULL;
  }
  size_t n = (size_t)st.st_size;
  char *buf = ks_xmalloc(n + 1);
  size_t got = fread(buf, 1, n, f);
  bool failed = ferror(f) || got != n;
  fclose(f);
  if (failed) {
    snprintf(err, err_size, "read error (the file changed or the device failed)");
    free(buf);
    return NULL;
  }
  buf[n] = '\0';
  *size = n;
  return buf;
}

bool ks_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
