/* The file operations of installing a pack, behind one interface, so that a test can make the
 * Nth of them fail — with an error, a short write, or as if the process were killed there — and
 * check that the data folder is never left without a good pack. */
#ifndef KIOSK_FSOPS_H
#define KIOSK_FSOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct ks_fsops ks_fsops;

/* The operations, POSIX-shaped: -1 and errno on failure. */
struct ks_fsops {
  int (*open)(ks_fsops *ops, const char *path, int flags, mode_t mode);
  ssize_t (*read)(ks_fsops *ops, int fd, void *buf, size_t n);
  ssize_t (*write)(ks_fsops *ops, int fd, const void *buf, size_t n);
  int (*fsync)(ks_fsops *ops, int fd);
  int (*close)(ks_fsops *ops, int fd);
  int (*rename)(ks_fsops *ops, const char *from, const char *to);
  int (*unlink)(ks_fsops *ops, const char *path);
  int (*mkdir)(ks_fsops *ops, const char *path, mode_t mode);
  /* Bytes free for the kiosk in the file system holding `path`. */
  int (*free_space)(ks_fsops *ops, const char *path, uint64_t *bytes);
};

/* The real file system. */
ks_fsops *ks_fsops_posix(void);

/* A file system that behaves as the real one until its `fail_at`-th operation (1-based), which
 * then fails as `mode` says; after a KILL every further operation fails too, as nothing runs in a
 * killed process. `fail_at` 0 never fails. */
typedef enum { KS_FAULT_ERROR, KS_FAULT_SHORT_WRITE, KS_FAULT_KILL } ks_fault_mode;

typedef struct {
  ks_fsops ops; /* first, so that a ks_fault is a ks_fsops */
  uint64_t count;
  uint64_t fail_at;
  ks_fault_mode mode;
  bool killed;
} ks_fault;

void ks_fault_init(ks_fault *f, uint64_t fail_at, ks_fault_mode mode);

#endif
