/* libFuzzer target over the path a pack from a USB stick takes: open it hardened, verify it,
 * read it into the content model and validate that, whatever the bytes. Built two ways (see
 * CMakeLists.txt beside this file): with libFuzzer's main as `fuzz_pack`, and with driver.c's
 * as `fuzz_pack_regress`, which replays the corpus in every ctest run. */
#include "kiosk/diag.h"
#include "kiosk/pack.h"
#include "kiosk/validate.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ks_pack_open takes a path, so every input goes through one file per process, named once.
 * The harness's only state: libFuzzer gives it no context to keep it in. */
static char pack_path[4096];

static void remove_pack_file(void) { unlink(pack_path); }

static const char *input_path(void) {
  if (!pack_path[0]) {
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0])
      dir = "/tmp";
    int n =
        snprintf(pack_path, sizeof pack_path, "%s/kiosk-fuzz-pack-%ld.kpack", dir, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof pack_path) {
      fprintf(stderr, "fuzz_pack: TMPDIR is too long for a path: %s\n", dir);
      abort();
    }
    atexit(remove_pack_file);
  }
  return pack_path;
}

/* A harness that cannot write its input tests nothing: stop loudly rather than pass. */
static void write_input(const char *path, const uint8_t *data, size_t size) {
  FILE *f = fopen(path, "wb");
  if (!f || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
    perror(path);
    abort();
  }
}

/* The readers' contract: a refusal always says why. Breaking it is a finding like a crash. */
static void expect_reason(const ks_diag *diag, const char *step) {
  if (ks_diag_count(diag, KS_ERROR) == 0) {
    fprintf(stderr, "fuzz_pack: %s failed without an error finding\n", step);
    abort();
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *path = input_path();
  write_input(path, data, size);
  ks_diag *diag = ks_diag_create();
  ks_pack *pack = ks_pack_open(path, diag);
  if (!pack) {
    expect_reason(diag, "ks_pack_open");
  } else {
    if (!ks_pack_verify(pack, diag))
      expect_reason(diag, "ks_pack_verify");
    /* Read even when verification failed: the kiosk's start-up, render and play paths read a
     * pack without verifying it, and almost every mutation breaks the content hash. */
    ks_content *content = ks_pack_read(pack, diag);
    if (content) {
      ks_validate_opts opts = {.glyphs = NULL, .sources_dir = NULL};
      ks_validate(content, &opts, diag);
      ks_content_destroy(content);
    }
    ks_pack_close(pack);
  }
  ks_diag_destroy(diag);
  return 0;
}
