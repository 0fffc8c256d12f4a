/* Every file the kiosk reads or creates goes through here, so that none can hang it, be read
 * through a link planted on a stick, or be overwritten through one:
 * - reads open without blocking (a FIFO or a device would wait for a writer forever), check that
 *   the file is a regular one of a capped size on the opened descriptor, and only then read;
 *   where the file comes from a stick (KS_FILE_NOFOLLOW) a symbolic link is refused, not followed;
 * - new files are created exclusively (O_EXCL|O_NOFOLLOW), never through a link, and temporary
 *   ones under an unpredictable name, so that nothing planted in advance can be written through. */
#ifndef KIOSK_FILEIO_H
#define KIOSK_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Flags of ks_file_open: where the file comes from. */
enum {
  KS_FILE_NOFOLLOW = 1, /* a stick or another untrusted place: a link there is refused */
};

/* The flags that open a file for reading without blocking (a FIFO would wait for a writer) and
 * without a terminal becoming the kiosk's; add O_NOFOLLOW for a file on a stick. */
#define KS_FILE_READ_FLAGS (O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
/* The flags that create a new file for writing: exclusively, never through a link. */
#define KS_FILE_CREATE_FLAGS (O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC)

/* Opens `path` for reading, safely (see above): without blocking, not through a link when `flags`
 * has KS_FILE_NOFOLLOW; then requires a regular file of at most `max` bytes. Returns the
 * descriptor (close-on-exec; reads of a regular file ignore its O_NONBLOCK) with the file's
 * status in `*st` (may be NULL). On failure returns -1 with a reason in `err` ("is a named pipe
 * (FIFO), not a regular file") and errno saying which: ENOENT missing, ELOOP a link refused,
 * EFBIG larger than `max`, EINVAL not a regular file, others from open(2). */
int ks_file_open(const char *path, int flags, uint64_t max, struct stat *st, char *err,
                 size_t err_size);
/* The check half of ks_file_open, for a descriptor opened elsewhere with KS_FILE_READ_FLAGS (an
 * installer's own file operations): the same result, reason and errno; the descriptor stays open
 * either way. */
bool ks_file_check(int fd, uint64_t max, struct stat *st, char *err, size_t err_size);
/* Why open(2) failed with `e`, in words: a refused link (ELOOP with KS_FILE_NOFOLLOW in `flags`)
 * says so and what to do, anything else is strerror(e). */
const char *ks_file_strerror(int e, int flags);
/* The same, as a stdio stream for reading line by line; NULL on failure (as ks_file_open). */
FILE *ks_file_fopen(const char *path, int flags, uint64_t max, char *err, size_t err_size);

/* Reads the file at `path` (opened as ks_file_open says) into a new buffer with a NUL after its
 * `*size` bytes (the caller frees it). On failure returns NULL with a reason ("No such file or
 * directory", "is larger than 4194304 bytes") in `err` and errno as ks_file_open sets it. */
char *ks_file_read(const char *path, size_t max, size_t *size, char *err, size_t err_size);
/* The same for a file on a stick: a symbolic link is refused (errno ELOOP), not followed. */
char *ks_file_read_nofollow(const char *path, size_t max, size_t *size, char *err, size_t err_size);

/* Opens `path` for appending, creating it when missing, never through a link and never blocking
 * (a FIFO there is refused); -1 with errno (EINVAL: not a regular file) on failure. */
int ks_file_open_append(const char *path, mode_t mode);

/* How ks_file_create_temp makes the file: open(2)'s shape, with a caller's context (a test's
 * fault-injecting file operations). */
typedef int (*ks_file_open_fn)(void *ctx, const char *path, int flags, mode_t mode);

/* Creates a new file for writing in folder `dir`, named `dir`/`prefix` and 16 random hex digits
 * (the name goes to `path`), with KS_FILE_CREATE_FLAGS: exclusively, never through a link, under
 * a name nobody can plant a link at in advance. A name that is taken is replaced by a fresh one a
 * few times. `open_fn` (NULL: open(2)) makes the file. Returns the descriptor, or -1 with errno. */
int ks_file_create_temp(const char *dir, const char *prefix, mode_t mode, ks_file_open_fn open_fn,
                        void *ctx, char *path, size_t path_size);

/* True when `path` names a directory. */
bool ks_is_dir(const char *path);

/* Makes the folder `path` and any parent missing (mkdir -p), each new one with `mode` (less the
 * umask); one that is there already is used as it is. False with "cannot create the folder
 * PATH: REASON" in `err` (naming the part that failed) when it cannot be made or is not a
 * folder. */
bool ks_file_mkdirs(const char *path, mode_t mode, char *err, size_t err_size);

#endif
