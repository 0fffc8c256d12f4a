#include "kiosk/mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(size_t size) {
  fprintf(stderr, "kiosk: out of memory allocating %zu bytes; giving up\n", size);
  abort();
}

void *ks_xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p)
    die_oom(size);
  return p;
}

void *ks_xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    die_oom(count * size);
  return p;
}

void *ks_xrealloc(void *ptr, size_t size) {
  void *p = realloc(ptr, size ? size : 1);
  if (!p)
    die_oom(size);
  return p;
}

void ks_grow(void **items, size_t *cap, size_t count, size_t size) {
  if (count < *cap)
    return;
  size_t want = *cap ? *cap * 2 : 8;
  if (want > SIZE_MAX / size)
    die_oom(SIZE_MAX);
  *items = ks_xrealloc(*items, want * size);
  *cap = want;
}

char *ks_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(ks_xmalloc(n), s, n);
}
