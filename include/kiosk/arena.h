/* An arena owns many small allocations that live and die together: a loaded content model, a
 * screen's laid-out text. Destroying the arena frees them all in one call. */
#ifndef KIOSK_ARENA_H
#define KIOSK_ARENA_H

#include <stddef.h>

typedef struct ks_arena ks_arena;

/* Creates an empty arena. Aborts with a message when memory is exhausted. */
ks_arena *ks_arena_create(void);
/* Frees the arena and everything allocated from it. NULL is a no-op. */
void ks_arena_destroy(ks_arena *arena);
/* Returns `size` zeroed bytes aligned for any type, owned by the arena. Never NULL. */
void *ks_arena_alloc(ks_arena *arena, size_t size);
/* Returns `count` zeroed elements of `size` bytes; aborts on overflow. */
void *ks_arena_calloc(ks_arena *arena, size_t count, size_t size);
/* Copies a NUL-terminated string (NULL gives NULL). */
char *ks_arena_strdup(ks_arena *arena, const char *s);
/* Copies `n` bytes and terminates them. */
char *ks_arena_strndup(ks_arena *arena, const char *s, size_t n);
/* Copies `n` bytes of binary data. */
void *ks_arena_memdup(ks_arena *arena, const void *data, size_t n);
/* Formats into a new string owned by the arena. */
char *ks_arena_printf(ks_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
