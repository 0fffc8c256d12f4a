/* Allocation that never returns NULL: out of memory is not an error the kiosk can recover from
 * at the call site, so it aborts with a message saying so (the service manager restarts it). */
#ifndef KIOSK_MEM_H
#define KIOSK_MEM_H

#include <stddef.h>

void *ks_xmalloc(size_t size);
void *ks_xcalloc(size_t count, size_t size);
void *ks_xrealloc(void *ptr, size_t size);
/* Grows `*items` (of `*cap` elements of `size` bytes) so that one more element fits after
 * `count`; doubles the capacity. */
void ks_grow(void **items, size_t *cap, size_t count, size_t size);
char *ks_xstrdup(const char *s);

#endif
