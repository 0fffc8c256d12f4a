/* The stick watch: a stranger's stick with thousands of folders costs a bounded scan, and the
 * scan runs on a thread the render loop polls without ever waiting for it. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "test_support.h"

#include "kiosk/watch.h"

#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { BIG = 10000 }; /* folders on the big stick: well past the cap, a second to create */

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path);
}

static void rm_tree(const char *path) { nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS); }

static void touch(const char *path) { ts_write(path, "k", 1); }

/* ROOT/stick/a.kpack beside ROOT/stick/DCIM holding `folders` folders: a camera's stick with a
 * pack put on it. Made once per size and kept (the scratch folder is the build's). */
static const char *big_stick(char *root, size_t size, int folders) {
  char name[64], p[1200];
  snprintf(name, sizeof name, "watch-stick-%d", folders);
  ts_tmp(root, size, name);
  snprintf(p, sizeof p, "%s/stick/DCIM/%05d", root, folders - 1);
  struct stat st;
  if (stat(p, &st) == 0)
    return root;
  rm_tree(root);
  assert_int_equal(mkdir(root, 0755), 0);
  snprintf(p, sizeof p, "%s/stick", root), mkdir(p, 0755);
  snprintf(p, sizeof p, "%s/stick/DCIM", root), mkdir(p, 0755);
  for (int i = 0; i < folders; i++) {
    snprintf(p, sizeof p, "%s/stick/DCIM/%05d", root, i);
    assert_int_equal(mkdir(p, 0755), 0);
  }
  snprintf(p, sizeof p, "%s/stick/a.kpack", root), touch(p);
  return root;
}

/* A stick with 10,000 folders is scanned up to the cap, no further, and says so; the pack at its
 * top is found all the same, whatever order the folder lists its entries in. */
static void bounded_and_finds_the_pack_at_the_top(void **state) {
  (void)state;
  char root[1024];
  big_stick(root, sizeof root, BIG);
  const char *roots[] = {root};
  ks_found_pack found[8];
  ks_watch_report report;
  size_t n = ks_watch_find(roots, 1, found, 8, NULL, &report);
  assert_int_equal(n, 1);
  assert_non_null(strstr(found[0].path, "/stick/a.kpack"));
  assert_true(report.examined <= KS_WATCH_MAX_ENTRIES);
  assert_true(report.examined >= KS_WATCH_MAX_ENTRIES - 4); /* it did look that far */
  assert_int_equal(report.truncated, 1u);
  assert_false(report.stopped);

  /* A smaller cap bounds it the same way; a stick within the cap is scanned whole. */
  n = ks_watch_find(roots, 1, found, 8, &(ks_watch_limits){.max_entries = 100}, &report);
  assert_int_equal(n, 1);
  assert_int_equal(report.examined, 100);
  assert_int_equal(report.truncated, 1u);
  char small[1024];
  big_stick(small, sizeof small, 50);
  const char *small_roots[] = {small};
  n = ks_watch_find(small_roots, 1, found, 8, NULL, &report);
  assert_int_equal(n, 1);
  assert_int_equal(report.examined, 1 + 2 + 50); /* stick; a.kpack, DCIM; its folders */
  assert_int_equal(report.truncated, 0u);
}

typedef struct {
  atomic_bool *stop;
  int calls, stop_at;
} stopper;

static void stop_at(void *ctx) {
  stopper *s = ctx;
  if (++s->calls == s->stop_at)
    atomic_store(s->stop, true);
}

/* Stopping ends a scan at the next entry: quitting the kiosk never waits for a big stick. */
static void stops_between_entries(void **state) {
  (void)state;
  char root[1024];
  big_stick(root, sizeof root, BIG);
  const char *roots[] = {root};
  atomic_bool stop = false;
  stopper s = {.stop = &stop, .stop_at = 100};
  ks_found_pack found[8];
  ks_watch_report report;
  ks_watch_find(roots, 1, found, 8,
                &(ks_watch_limits){.stop = &stop, .on_entry = stop_at, .ctx = &s}, &report);
  assert_int_equal(report.examined, 100);
  assert_true(report.stopped);
  assert_int_equal(s.calls, 100);
}

/* A hook that holds the scan at its first entry until the test lets it go. */
typedef struct {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  pthread_t test_thread;
  bool inside, released, on_test_thread;
} gate;

static void hold(void *ctx) {
  gate *g = ctx;
  pthread_mutex_lock(&g->lock);
  if (pthread_equal(pthread_self(), g->test_thread)) {
    g->on_test_thread = true; /* scanning on the caller's (the render) thread: never wait here */
    pthread_mutex_unlock(&g->lock);
    return;
  }
  g->inside = true;
  pthread_cond_broadcast(&g->cond);
  while (!g->released)
    pthread_cond_wait(&g->cond, &g->lock);
  pthread_mutex_unlock(&g->lock);
}

static void wait_ms(int ms) {
  nanosleep(&(struct timespec){ms / 1000, ms % 1000 * 1000000L}, NULL);
}

/* The render loop's poll answers at once while a scan runs — here one held still mid-scan — and
 * the scan's packs come once it ends. */
static void poll_never_waits_for_a_scan(void **state) {
  (void)state;
  char root[1024];
  big_stick(root, sizeof root, 50);
  gate g = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
  g.test_thread = pthread_self();
  const char *roots[] = {root};
  ks_watcher *w = ks_watcher_start(&(ks_watcher_opts){
      .roots = roots, .n_roots = 1, .every_ms = 60000, .limits = {.on_entry = hold, .ctx = &g}});
  assert_non_null(w);
  ks_found_pack found[8];
  size_t n = 99;
  bool ready = ks_watcher_poll(w, found, 8, &n, NULL);
  assert_false(g.on_test_thread); /* the poll did not scan */
  pthread_mutex_lock(&g.lock);
  for (int i = 0; i < 200 && !g.inside; i++) { /* the worker reaches its first entry */
    pthread_mutex_unlock(&g.lock);
    wait_ms(50);
    pthread_mutex_lock(&g.lock);
  }
  bool inside = g.inside;
  pthread_mutex_unlock(&g.lock);
  assert_true(inside);
  assert_false(ready);
  for (int i = 0; i < 3; i++) /* held mid-scan: the poll answers, not ready */
    assert_false(ks_watcher_poll(w, found, 8, &n, NULL));
  assert_int_equal(n, 99);

  pthread_mutex_lock(&g.lock);
  g.released = true;
  pthread_cond_broadcast(&g.cond);
  pthread_mutex_unlock(&g.lock);
  ks_watch_report report = {0};
  for (int i = 0; i < 400 && !ready; i++) {
    ready = ks_watcher_poll(w, found, 8, &n, &report);
    if (!ready)
      wait_ms(25);
  }
  assert_true(ready);
  assert_int_equal(n, 1);
  assert_non_null(strstr(found[0].path, "/stick/a.kpack"));
  assert_int_equal(report.examined, 53);
  assert_false(ks_watcher_poll(w, found, 8, &n, NULL)); /* one result per scan */
  ks_watcher_stop(w);
  assert_false(g.on_test_thread);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(bounded_and_finds_the_pack_at_the_top),
      cmocka_unit_test(stops_between_entries),
      cmocka_unit_test(poll_never_waits_for_a_scan),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
