/* Where the kiosk's own files are: beside the binary in a build tree (build/…/assets,
 * build/…/bundled.kpack) or under share/kiosk when installed. */
#ifndef KIOSK_PATHS_H
#define KIOSK_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Finds `name` (e.g. "assets/fonts", "bundled.kpack") in the build tree or the install tree of
 * the running binary and writes its path to `out`. False when neither has it. */
bool ks_paths_find(const char *name, char *out, size_t out_size);

#endif
