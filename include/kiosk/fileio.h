/* Whole-file reads for content sources, images and fonts lists. */
#ifndef KIOSK_FILEIO_H
#define KIOSK_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

/* Reads the file at `path` into a new buffer with a NUL after its `*size` bytes (the caller
 * frees it). Refuses files larger than `max` bytes. On failure returns NULL and writes a reason
 * ("No such file or directory", "larger than 4194304 bytes") into `err`. */
char *ks_file_read(const char *path, size_t max, size_t *size, char *err, size_t err_size);
/* True when `path` names a directory. */
bool ks_is_dir(const char *path);

#endif
