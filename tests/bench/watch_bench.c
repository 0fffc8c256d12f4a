/* The stick watch against a stranger's stick: FOLDERS empty folders (90,000 by default) beside a
 * pack, either at the top of the stick (`flat`: each is a folder the old scan opened) or in one
 * folder there (`nested`, a camera's DCIM). Prints how long one scan takes, how many entries it
 * examined, and the longest a 60 Hz loop's frame took over SECONDS while the watcher scanned
 * every two seconds — the frame's only work being what the kiosk's loop does for the watch.
 * Not a test: figures for the README. Usage: watch_bench DIR flat|nested [FOLDERS] [SECONDS] */
#include "kiosk/watch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc < 3 || (strcmp(argv[2], "flat") != 0 && strcmp(argv[2], "nested") != 0)) {
    fprintf(stderr, "usage: watch_bench DIR flat|nested [FOLDERS] [SECONDS]\n");
    return 2;
  }
  const char *root = argv[1], *sub = strcmp(argv[2], "flat") == 0 ? "" : "/DCIM";
  int folders = argc > 3 ? atoi(argv[3]) : 90000;
  int seconds = argc > 4 ? atoi(argv[4]) : 10;
  char p[4096];
  snprintf(p, sizeof p, "%s/stick%s/%06d", root, sub, folders - 1);
  struct stat st;
  if (stat(p, &st) != 0) { /* made once, kept for the next run */
    mkdir(root, 0755);
    snprintf(p, sizeof p, "%s/stick", root);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/stick%s", root, sub);
    mkdir(p, 0755);
    double t0 = now_ms();
    for (int i = 0; i < folders; i++) {
      snprintf(p, sizeof p, "%s/stick%s/%06d", root, sub, i);
      if (mkdir(p, 0755) != 0) {
        perror(p);
        return 1;
      }
    }
    snprintf(p, sizeof p, "%s/stick/a.kpack", root);
    FILE *f = fopen(p, "w");
    if (f)
      fclose(f);
    printf("made      %d folders in %.0f ms\n", folders, now_ms() - t0);
  }
  const char *roots[] = {root};
  ks_found_pack found[8];
  ks_watch_report r = {0};
  double best = 1e9;
  size_t n = 0;
  for (int i = 0; i < 5; i++) {
    double t0 = now_ms();
    n = ks_watch_find(roots, 1, found, 8, NULL, &r);
    double t = now_ms() - t0;
    best = t < best ? t : best;
  }
  printf("scan      %.1f ms (best of 5), %zu entries examined, %zu pack%s found%s\n", best,
         r.examined, n, n == 1 ? "" : "s", r.truncated ? ", truncated at the cap" : "");

  ks_watcher *w =
      ks_watcher_start(&(ks_watcher_opts){.roots = roots, .n_roots = 1, .every_ms = 2000});
  double longest = 0, end = now_ms() + seconds * 1000.0;
  int frames = 0, scans = 0;
  while (now_ms() < end) {
    double t0 = now_ms();
    if (ks_watcher_poll(w, found, 8, &n, NULL))
      scans++;
    double t = now_ms() - t0;
    longest = t > longest ? t : longest;
    frames++;
    nanosleep(&(struct timespec){0, 16666667}, NULL);
  }
  ks_watcher_stop(w);
  printf("frames    %d over %d s, %d scans done; longest frame's watch work %.3f ms\n", frames,
         seconds, scans, longest);
  return 0;
}
