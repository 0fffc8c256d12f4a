/* Helpers shared by the unit tests: cmocka's headers in the order it needs, and file handling. */
#ifndef KIOSK_TEST_SUPPORT_H
#define KIOSK_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kiosk/diag.h"
#include "kiosk/pack.h"
#include "kiosk/session.h"

/* Writes `n` bytes to `path`, replacing it. */
static inline void ts_write(const char *path, const void *data, size_t n) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
}

/* Reads a whole file into a malloc'd buffer. */
static inline unsigned char *ts_read(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc((size_t)size + 1);
  assert_int_equal(fread(buf, 1, (size_t)size, f), (size_t)size);
  fclose(f);
  *n = (size_t)size;
  return buf;
}

/* A path under the test's scratch folder. */
static inline const char *ts_tmp(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s/%s", KS_TEST_TMP, name);
  return buf;
}

/* Expects exactly `count` findings of `sev` in `diag`, each of `needles` (NULL-terminated) among
 * them; prints every finding first when the count is wrong, so a failure shows what was found. */
static inline void ts_expect_diag(const ks_diag *diag, ks_severity sev, size_t count,
                                  const char *const *needles) {
  if (ks_diag_count(diag, sev) != count)
    ks_diag_print(diag, stderr);
  assert_int_equal(ks_diag_count(diag, sev), count);
  for (; *needles; needles++)
    if (!ks_diag_contains(diag, *needles))
      fail_msg("no finding contains \"%s\"", *needles);
}
#define TS_EXPECT_DIAG(diag, sev, count, ...)                                                      \
  ts_expect_diag(diag, sev, count, (const char *const[]){__VA_ARGS__, NULL})

/* The slots of zh and en in the fixtures and the bundled pack, which declare languages [zh, en]
 * (a slot means a language only within its pack: ks_content_lang finds one by tag). */
enum { TS_ZH = 0, TS_EN = 1 };
static inline const char *ts_lang_tag(int slot) { return slot == TS_EN ? "en" : "zh"; }

/* The pack at `path` opened (`*pack`) and read whole (`*content`), for a group's setup: 0, or -1
 * when either fails. ts_pack_close undoes it. */
static inline int ts_pack_read(const char *path, ks_pack **pack, ks_content **content) {
  ks_diag *d = ks_diag_create();
  *pack = ks_pack_open(path, d);
  *content = *pack ? ks_pack_read(*pack, d) : NULL;
  ks_diag_destroy(d);
  return *content ? 0 : -1;
}
static inline void ts_pack_close(ks_pack *pack, ks_content *content) {
  ks_content_destroy(content);
  ks_pack_close(pack);
}

/* A session over `content` in Chinese at 1920x1080, started as the commands start it on the null
 * backend, its map left for later; fails the test where it does not open. */
static inline ks_session *ts_session(const ks_content *content) {
  ks_session *s = ks_session_open(&(ks_session_opts){.cmd = "test",
                                                     .content = content,
                                                     .fonts_dir = KS_TEST_FONTS,
                                                     .lang = "zh",
                                                     .target = KS_SESSION_NONE,
                                                     .width = 1920,
                                                     .height = 1080,
                                                     .map_later = true});
  assert_non_null(s);
  return s;
}

#endif
