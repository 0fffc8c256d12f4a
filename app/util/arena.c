#include "kiosk/arena.h"

#include "kiosk/mem.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chunks grow from FIRST_CHUNK, doubling, to CHUNK_SIZE: a model of the whole pack soon reaches
 * the large ones, while one exhibit read on its own (the store's cache) keeps a few kilobytes. */
enum { FIRST_CHUNK = 2 * 1024, CHUNK_SIZE = 64 * 1024 };

/* Chunks form a list, newest first; large requests get a chunk of their own. */
typedef struct chunk {
  struct chunk *next; /* the chunk allocated before this one */
  size_t used;        /* bytes handed out from data */
  size_t size;        /* bytes in data */
  alignas(max_align_t) unsigned char data[];
} chunk;

struct ks_arena {
  chunk *head; /* current chunk, or NULL before the first allocation */
  size_t next; /* the size of the next chunk, up to CHUNK_SIZE */
};

ks_arena *ks_arena_create(void) { return ks_xcalloc(1, sizeof(ks_arena)); }

void ks_arena_destroy(ks_arena *arena) {
  if (!arena)
    return;
  for (chunk *c = arena->head; c;) {
    chunk *next = c->next;
    free(c);
    c = next;
  }
  free(arena);
}

void *ks_arena_alloc(ks_arena *arena, size_t size) {
  const size_t align = alignof(max_align_t);
  size = (size + align - 1) & ~(align - 1);
  chunk *c = arena->head;
  if (!c || c->size - c->used < size) {
    size_t step = arena->next ? arena->next : FIRST_CHUNK;
    arena->next = step < CHUNK_SIZE ? 2 * step : CHUNK_SIZE;
    size_t cap = size > step ? size : step;
    c = ks_xmalloc(sizeof(chunk) + cap);
    c->used = 0;
    c->size = cap;
    if (size > step && arena->head) {
      /* Keep filling the current chunk: slot the big one in behind it. */
      c->next = arena->head->next;
      arena->head->next = c;
    } else {
      c->next = arena->head;
      arena->head = c;
    }
  }
  void *p = c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

void *ks_arena_calloc(ks_arena *arena, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) {
    fprintf(stderr, "kiosk: allocation of %zu x %zu bytes overflows\n", count, size);
    abort();
  }
  return ks_arena_alloc(arena, count * size);
}

char *ks_arena_strndup(ks_arena *arena, const char *s, size_t n) {
  char *p = ks_arena_alloc(arena, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *ks_arena_strdup(ks_arena *arena, const char *s) {
  return s ? ks_arena_strndup(arena, s, strlen(s)) : NULL;
}

void *ks_arena_memdup(ks_arena *arena, const void *data, size_t n) {
  void *p = ks_arena_alloc(arena, n);
  if (n)
    memcpy(p, data, n);
  return p;
}

char *ks_arena_printf(ks_arena *arena, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    return ks_arena_strdup(arena, "");
  char *p = ks_arena_alloc(arena, (size_t)n + 1);
  va_start(ap, fmt);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return p;
}
