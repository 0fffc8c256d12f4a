#include "kiosk/fsops.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

static int p_open(ks_fsops *o, const char *path, int flags, mode_t mode) {
  (void)o;
  return open(path, flags | O_CLOEXEC, mode);
}
static ssize_t p_read(ks_fsops *o, int fd, void *buf, size_t n) {
  (void)o;
  return read(fd, buf, n);
}
static ssize_t p_write(ks_fsops *o, int fd, const void *buf, size_t n) {
  (void)o;
  return write(fd, buf, n);
}
static int p_fsync(ks_fsops *o, int fd) {
  (void)o;
  return fsync(fd);
}
static int p_close(ks_fsops *o, int fd) {
  (void)o;
  return close(fd);
}
static int p_rename(ks_fsops *o, const char *from, const char *to) {
  (void)o;
  return rename(from, to);
}
static int p_unlink(ks_fsops *o, const char *path) {
  (void)o;
  return unlink(path);
}
static int p_mkdir(ks_fsops *o, const char *path, mode_t mode) {
  (void)o;
  return mkdir(path, mode);
}
static int p_free_space(ks_fsops *o, const char *path, uint64_t *bytes) {
  (void)o;
  struct statvfs st;
  if (statvfs(path, &st) != 0)
    return -1;
  *bytes = (uint64_t)st.f_bavail * st.f_frsize;
  return 0;
}

ks_fsops *ks_fsops_posix(void) {
  /* Immutable: a table of functions, shared by everyone. */
  static ks_fsops posix = {p_open,   p_read,   p_write, p_fsync,     p_close,
                           p_rename, p_unlink, p_mkdir, p_free_space};
  return &posix;
}

/* ---- faults -------------------------------------------------------------------------------- */

/* Counts the operation; true when it must fail (errno set). */
static bool faulty(ks_fsops *o) {
  ks_fault *f = (ks_fault *)o;
  if (f->killed) {
    errno = EIO;
    return true;
  }
  f->count++;
  if (f->fail_at && f->count == f->fail_at) {
    if (f->mode == KS_FAULT_KILL)
      f->killed = true;
    errno = f->mode == KS_FAULT_SHORT_WRITE ? ENOSPC : EIO;
    return true;
  }
  return false;
}

static int f_open(ks_fsops *o, const char *path, int flags, mode_t mode) {
  return faulty(o) ? -1 : open(path, flags | O_CLOEXEC, mode);
}
static ssize_t f_read(ks_fsops *o, int fd, void *buf, size_t n) {
  return faulty(o) ? -1 : read(fd, buf, n);
}
static ssize_t f_write(ks_fsops *o, int fd, const void *buf, size_t n) {
  ks_fault *f = (ks_fault *)o;
  bool short_write = !f->killed && f->mode == KS_FAULT_SHORT_WRITE && f->fail_at &&
                     f->count + 1 == f->fail_at && n > 1;
  if (short_write) { /* half the bytes land, as on a full disk */
    f->count++;
    return write(fd, buf, n / 2);
  }
  return faulty(o) ? -1 : write(fd, buf, n);
}
static int f_fsync(ks_fsops *o, int fd) { return faulty(o) ? -1 : fsync(fd); }
static int f_close(ks_fsops *o, int fd) {
  /* A file descriptor is always released, even in a failing close (as close(2) does). */
  bool fail = faulty(o);
  close(fd);
  return fail ? -1 : 0;
}
static int f_rename(ks_fsops *o, const char *from, const char *to) {
  return faulty(o) ? -1 : rename(from, to);
}
static int f_unlink(ks_fsops *o, const char *path) { return faulty(o) ? -1 : unlink(path); }
static int f_mkdir(ks_fsops *o, const char *path, mode_t mode) {
  return faulty(o) ? -1 : mkdir(path, mode);
}
static int f_free_space(ks_fsops *o, const char *path, uint64_t *bytes) {
  return faulty(o) ? -1 : p_free_space(o, path, bytes);
}

void ks_fault_init(ks_fault *f, uint64_t fail_at, ks_fault_mode mode) {
  *f = (ks_fault){
      .ops = {f_open, f_read, f_write, f_fsync, f_close, f_rename, f_unlink, f_mkdir, f_free_space},
      .fail_at = fail_at,
      .mode = mode};
}
