/* Replays fuzz inputs without libFuzzer: every file named on the command line, and every file
 * directly inside every folder named, in name order, goes to LLVMFuzzerTestOneInput once. So the
 * corpus and each crash saved into it run as an ordinary test with any compiler, under the
 * sanitizers of the build and under qemu (SQLite's test/fuzzcheck.c does the same). A crash
 * stops the run with the sanitizer's report after the line naming the input.
 * Usage: fuzz_pack_regress PATH... */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads a whole file into a malloc'd buffer of exactly its size (so that a read past the end is
 * caught by AddressSanitizer, as under libFuzzer). False with a message when it cannot. */
static bool read_file(const char *path, uint8_t **data, size_t *size) {
  FILE *f = fopen(path, "rb");
  struct stat st;
  if (!f || fstat(fileno(f), &st) != 0) {
    fprintf(stderr, "%s: cannot open: %s\n", path, strerror(errno));
    if (f)
      fclose(f);
    return false;
  }
  size_t n = (size_t)st.st_size;
  uint8_t *buf = malloc(n ? n : 1);
  bool ok = buf && fread(buf, 1, n, f) == n;
  fclose(f);
  if (!ok) {
    fprintf(stderr, "%s: cannot read its %zu bytes\n", path, n);
    free(buf);
    return false;
  }
  *data = buf;
  *size = n;
  return true;
}

/* Runs one input; the name goes out first, flushed, so a crash report follows its name. */
static bool run_file(const char *path) {
  uint8_t *data;
  size_t size;
  if (!read_file(path, &data, &size))
    return false;
  fprintf(stderr, "running %s (%zu bytes)\n", path, size);
  fflush(stderr);
  LLVMFuzzerTestOneInput(data, size);
  free(data);
  return true;
}

/* Runs every regular file directly inside `dir`, in name order; adds to `*count`. */
static bool run_dir(const char *dir, size_t *count) {
  struct dirent **names;
  int n = scandir(dir, &names, NULL, alphasort);
  if (n < 0) {
    fprintf(stderr, "%s: cannot list: %s\n", dir, strerror(errno));
    return false;
  }
  bool ok = true;
  for (int i = 0; i < n; i++) {
    const char *name = names[i]->d_name;
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    struct stat st;
    if (!path) {
      fprintf(stderr, "%s: out of memory\n", dir);
      ok = false;
    } else {
      snprintf(path, len, "%s/%s", dir, name);
      if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
        ok = run_file(path) && ok;
        *count += 1;
      }
    }
    free(path);
    free(names[i]);
  }
  free(names);
  return ok;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s PATH...  (files, or folders of files, to replay)\n", argv[0]);
    return 2;
  }
  size_t count = 0;
  bool ok = true;
  for (int i = 1; i < argc; i++) {
    struct stat st;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "%s: %s\n", argv[i], strerror(errno));
      ok = false;
    } else if (S_ISDIR(st.st_mode)) {
      ok = run_dir(argv[i], &count) && ok;
    } else {
      ok = run_file(argv[i]) && ok;
      count++;
    }
  }
  /* An empty corpus would pass while testing nothing: a misconfiguration, not a success. */
  if (count == 0) {
    fprintf(stderr, "no inputs found in the paths given\n");
    return 1;
  }
  fprintf(stderr, "replayed %zu inputs without a crash%s\n", count,
          ok ? "" : ", but some could not be read");
  return ok ? 0 : 1;
}
