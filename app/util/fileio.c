#include "kiosk/fileio.h"

#include "kiosk/mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

enum { CREATE_TRIES = 16 }; /* fresh names tried when one is taken (by a planted file) */

static const char *kind_of(mode_t mode) {
  if (S_ISFIFO(mode))
    return "a named pipe (FIFO)";
  if (S_ISDIR(mode))
    return "a folder";
  if (S_ISCHR(mode) || S_ISBLK(mode))
    return "a device";
  if (S_ISSOCK(mode))
    return "a socket";
  return "not a file";
}

const char *ks_file_strerror(int e, int flags) {
  if (e == ELOOP && (flags & KS_FILE_NOFOLLOW))
    return "is a symbolic link, which is not followed here: copy the file itself";
  return strerror(e);
}

bool ks_file_check(int fd, uint64_t max, struct stat *st_out, char *err, size_t err_size) {
  struct stat st;
  if (fstat(fd, &st) != 0) {
    snprintf(err, err_size, "%s", strerror(errno));
    return false;
  }
  /* Checked on the opened descriptor: what is read is what was checked. */
  if (!S_ISREG(st.st_mode)) {
    snprintf(err, err_size, "is %s, not a regular file", kind_of(st.st_mode));
    errno = EINVAL;
    return false;
  }
  if ((uint64_t)st.st_size > max) {
    snprintf(err, err_size, "is larger than %llu bytes (%lld bytes)", (unsigned long long)max,
             (long long)st.st_size);
    errno = EFBIG;
    return false;
  }
  if (st_out)
    *st_out = st;
  return true;
}

int ks_file_open(const char *path, int flags, uint64_t max, struct stat *st, char *err,
                 size_t err_size) {
  int fd = open(path, KS_FILE_READ_FLAGS | (flags & KS_FILE_NOFOLLOW ? O_NOFOLLOW : 0));
  if (fd < 0) {
    int e = errno;
    snprintf(err, err_size, "%s", ks_file_strerror(e, flags));
    errno = e;
    return -1;
  }
  if (!ks_file_check(fd, max, st, err, err_size)) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

FILE *ks_file_fopen(const char *path, int flags, uint64_t max, char *err, size_t err_size) {
  int fd = ks_file_open(path, flags, max, NULL, err, err_size);
  FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
  if (fd >= 0 && !f) {
    snprintf(err, err_size, "%s", strerror(errno));
    close(fd);
  }
  return f;
}

static char *read_whole(const char *path, int flags, size_t max, size_t *size, char *err,
                        size_t err_size) {
  struct stat st;
  int fd = ks_file_open(path, flags, max, &st, err, err_size);
  if (fd < 0)
    return NULL;
  size_t n = (size_t)st.st_size, got = 0;
  char *buf = ks_xmalloc(n + 1);
  ssize_t r = 1;
  while (got < n && (r = read(fd, buf + got, n - got)) > 0)
    got += (size_t)r;
  int e = errno;
  close(fd);
  if (got != n) {
    snprintf(err, err_size, "%s", r < 0 ? strerror(e) : "read error (the file changed while read)");
    free(buf);
    errno = r < 0 ? e : EIO;
    return NULL;
  }
  buf[n] = '\0';
  *size = n;
  return buf;
}

char *ks_file_read(const char *path, size_t max, size_t *size, char *err, size_t err_size) {
  return read_whole(path, 0, max, size, err, err_size);
}

char *ks_file_read_nofollow(const char *path, size_t max, size_t *size, char *err,
                            size_t err_size) {
  return read_whole(path, KS_FILE_NOFOLLOW, max, size, err, err_size);
}

int ks_file_open_append(const char *path, mode_t mode) {
  /* O_NONBLOCK: opening a FIFO for writing otherwise waits for a reader. */
  int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
  if (fd < 0)
    return -1;
  struct stat st;
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    errno = EINVAL;
    return -1;
  }
  return fd;
}

/* 16 hex digits nobody can guess: the kernel's random numbers; when it has none yet (early in a
 * boot), the clock, the process and the address of a local, which are at least not fixed. */
static void random_suffix(char out[17]) {
  uint64_t r;
  if (getrandom(&r, sizeof r, GRND_NONBLOCK) != (ssize_t)sizeof r) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    r = (uint64_t)ts.tv_nsec * 0x9E3779B97F4A7C15u ^ (uint64_t)ts.tv_sec << 32 ^
        (uint64_t)getpid() << 16 ^ (uint64_t)(uintptr_t)&r;
  }
  snprintf(out, 17, "%016llx", (unsigned long long)r);
}

static int plain_open(void *ctx, const char *path, int flags, mode_t mode) {
  (void)ctx;
  return open(path, flags, mode);
}

int ks_file_create_temp(const char *dir, const char *prefix, mode_t mode, ks_file_open_fn open_fn,
                        void *ctx, char *path, size_t path_size) {
  if (!open_fn)
    open_fn = plain_open;
  for (int i = 0; i < CREATE_TRIES; i++) {
    char suffix[17];
    random_suffix(suffix);
    if ((size_t)snprintf(path, path_size, "%s/%s%s", dir, prefix, suffix) >= path_size) {
      errno = ENAMETOOLONG;
      return -1;
    }
    int fd = open_fn(ctx, path, KS_FILE_CREATE_FLAGS, mode);
    if (fd >= 0 || errno != EEXIST)
      return fd;
  }
  return -1; /* errno EEXIST */
}

bool ks_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool ks_file_mkdirs(const char *path, mode_t mode, char *err, size_t err_size) {
  char *part = ks_xstrdup(path);
  size_t n = strlen(part);
  bool ok = n > 0;
  /* Each prefix ending before a '/' (and the whole path), outermost first. */
  for (size_t i = 1; ok && i <= n; i++) {
    if (i < n && part[i] != '/')
      continue;
    char keep = part[i];
    part[i] = '\0';
    if (mkdir(part, mode) != 0 && errno != EEXIST) {
      snprintf(err, err_size, "cannot create the folder %s: %s", part, strerror(errno));
      ok = false;
    } else if (!ks_is_dir(part)) {
      snprintf(err, err_size, "cannot create the folder %s: %s is not a folder", path, part);
      ok = false;
    }
    part[i] = keep;
  }
  if (n == 0)
    snprintf(err, err_size, "cannot create a folder with no name");
  free(part);
  return ok;
}
