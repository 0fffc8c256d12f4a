#include "kiosk/paths.h"

#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool ks_paths_find(const char *name, char *out, size_t out_size) {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0)
    return false;
  exe[n] = '\0';
  /* Under qemu-user /proc/self/exe names the binary being emulated, as natively. */
  const char *dir = dirname(exe);
  const char *layouts[] = {"", "/../share/kiosk"};
  for (size_t i = 0; i < sizeof layouts / sizeof *layouts; i++) {
    snprintf(out, out_size, "%s%s/%s", dir, layouts[i], name);
    struct stat st;
    if (stat(out, &st) == 0)
      return true;
  }
  return false;
}
