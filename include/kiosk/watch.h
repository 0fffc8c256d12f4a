/* Noticing content packs on USB sticks. The kiosk does not mount anything itself: udisks2 or
 * systemd's automount mounts sticks (read-only, nosuid,nodev,noexec; see the README) under
 * folders such as /media/USER/LABEL, and the kiosk looks there every few seconds for *.kpack
 * files. Looking costs a readdir and a stat per entry; a pack is opened only to install it. */
#ifndef KIOSK_WATCH_H
#define KIOSK_WATCH_H

#include <stddef.h>
#include <stdint.h>

enum { KS_WATCH_PATH = 1024 };

typedef struct {
  char path[KS_WATCH_PATH];
  int64_t size;
  int64_t mtime;
} ks_found_pack;

/* The *.kpack files in each of `roots` and in their subfolders up to two levels down, sorted by
 * path, at most `max`. Hidden entries and symbolic links are skipped. Returns how many. */
size_t ks_watch_find(const char *const *roots, size_t n_roots, ks_found_pack *out, size_t max);

#endif
