#define _DEFAULT_SOURCE /* d_type: a folder is known from its entry, without a stat */
#include "kiosk/watch.h"

#include "kiosk/diag.h"
#include "kiosk/mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
  MAX_DEPTH = 2,     /* folders opened: the root, its subfolders and theirs */
  WORKER_FOUND = 16, /* packs a watcher's scan keeps */
};

static bool is_pack_name(const char *name) {
  size_t n = strlen(name);
  return n > 6 && strcmp(name + n - 6, ".kpack") == 0;
}

/* A folder waiting to be read, breadth first. */
typedef struct {
  char *path; /* owned */
  int depth;  /* 0: a watched folder */
} pending;

/* One scan across all the roots. */
typedef struct {
  const ks_watch_limits *limits;
  size_t cap; /* entries per root */
  ks_found_pack *out;
  size_t max, n;
  ks_watch_report report;
  pending *queue; /* folders still to read: [head, count) */
  size_t head, count, queue_cap;
} walk;

static bool stop_asked(const walk *w) { return w->limits->stop && atomic_load(w->limits->stop); }

static void enqueue(walk *w, const char *path, int depth) {
  ks_grow((void **)&w->queue, &w->queue_cap, w->count, sizeof *w->queue);
  w->queue[w->count++] = (pending){ks_xstrdup(path), depth};
}

/* Reads one folder's entries; returns false when the root's scan must end (the cap, a stop, or
 * `max` packs found). Each entry counts against the cap, hidden ones too: reading them is the
 * cost. A folder is descended into only when its entry says folder, never through a link. */
static bool read_folder(walk *w, const pending *f, size_t root, size_t *examined) {
  int fd = open(f->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (f->depth ? O_NOFOLLOW : 0));
  DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
  if (!d) { /* not mounted, gone, or not ours to read: nothing there */
    if (fd >= 0)
      close(fd);
    return true;
  }
  bool go_on = true;
  for (struct dirent *e; go_on && (e = readdir(d));) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (stop_asked(w)) {
      w->report.stopped = true;
      go_on = false;
      break;
    }
    if (*examined >= w->cap) {
      w->report.truncated |= 1u << root;
      go_on = false;
      break;
    }
    if (w->limits->on_entry)
      w->limits->on_entry(w->limits->ctx);
    (*examined)++;
    w->report.examined++;
    if (e->d_name[0] == '.')
      continue;
    bool dir = e->d_type == DT_DIR, pack = e->d_type == DT_REG && is_pack_name(e->d_name);
    struct stat st;
    if (e->d_type == DT_UNKNOWN || pack) { /* some file systems do not say; a pack needs its size */
      if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      dir = S_ISDIR(st.st_mode);
      pack = S_ISREG(st.st_mode) && is_pack_name(e->d_name);
    }
    if (!pack && !(dir && f->depth < MAX_DEPTH))
      continue;
    char path[KS_WATCH_PATH];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", f->path, e->d_name) >= sizeof path)
      continue;
    if (dir) {
      enqueue(w, path, f->depth + 1);
    } else {
      ks_found_pack *p = &w->out[w->n++];
      memcpy(p->path, path, sizeof path);
      p->size = (int64_t)st.st_size;
      p->mtime = (int64_t)st.st_mtime;
      go_on = w->n < w->max;
    }
  }
  closedir(d);
  return go_on;
}

static int by_path(const void *a, const void *b) {
  return strcmp(((const ks_found_pack *)a)->path, ((const ks_found_pack *)b)->path);
}

size_t ks_watch_find(const char *const *roots, size_t n_roots, ks_found_pack *out, size_t max,
                     const ks_watch_limits *limits, ks_watch_report *report) {
  ks_watch_limits none = {0};
  walk w = {.limits = limits ? limits : &none, .out = out, .max = max};
  w.cap = w.limits->max_entries ? w.limits->max_entries : KS_WATCH_MAX_ENTRIES;
  if (n_roots > KS_WATCH_MAX_ROOTS)
    n_roots = KS_WATCH_MAX_ROOTS;
  for (size_t i = 0; i < n_roots && w.n < max && !w.report.stopped; i++) {
    size_t examined = 0;
    w.head = w.count = 0;
    enqueue(&w, roots[i], 0);
    /* Level by level: every entry of a level is seen before any of the next, so the cap never
     * hides a pack at the top of a stick behind the folders of another. */
    bool go_on = true;
    for (; w.head < w.count; w.head++) {
      if (go_on)
        go_on = read_folder(&w, &w.queue[w.head], i, &examined);
      free(w.queue[w.head].path);
    }
  }
  free(w.queue);
  qsort(out, w.n, sizeof *out, by_path);
  if (report)
    *report = w.report;
  return w.n;
}

/* ---- the watcher ------------------------------------------------------------------------------
 */

struct ks_watcher {
  pthread_t thread;
  bool started; /* the thread runs (and must be joined) */
  char **roots; /* owned copies */
  size_t n_roots;
  int every_ms;
  ks_watch_limits limits; /* with `stop` pointing at the watcher's own */
  atomic_bool stop;       /* set once, by ks_watcher_stop; read between entries */
  uint32_t logged;        /* roots whose truncation the log has (the thread's alone) */
  pthread_mutex_t lock;   /* guards what follows; never held during a scan */
  pthread_cond_t wake;    /* signalled when `stop` is set */
  bool ready;             /* a scan finished that poll has not taken */
  ks_found_pack found[WORKER_FOUND];
  size_t n_found;
  ks_watch_report report;
};

/* The log says once, each time it happens, that a watched folder was too large to scan fully. */
static void log_truncation(ks_watcher *w, const ks_watch_report *r) {
  size_t cap = w->limits.max_entries ? w->limits.max_entries : KS_WATCH_MAX_ENTRIES;
  for (size_t i = 0; i < w->n_roots; i++) {
    uint32_t bit = 1u << i;
    if ((r->truncated & bit) && !(w->logged & bit))
      ks_diag_log(stderr,
                  "kiosk: %s holds more than %zu files and folders within two levels: only the "
                  "first %zu are looked at, a pack among the rest is not noticed (packs belong at "
                  "the top of a stick without thousands of files there)",
                  w->roots[i], cap, cap);
    if (!r->stopped)
      w->logged = (w->logged & ~bit) | (r->truncated & bit);
  }
}

static void *run(void *arg) {
  ks_watcher *w = arg;
  while (!atomic_load(&w->stop)) {
    ks_found_pack found[WORKER_FOUND];
    ks_watch_report r;
    size_t n = ks_watch_find((const char *const *)w->roots, w->n_roots, found, WORKER_FOUND,
                             &w->limits, &r);
    log_truncation(w, &r);
    struct timespec until;
    clock_gettime(CLOCK_MONOTONIC, &until);
    until.tv_sec += w->every_ms / 1000;
    until.tv_nsec += (long)(w->every_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
      until.tv_sec++;
      until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->lock);
    if (!r.stopped) {
      memcpy(w->found, found, n * sizeof *found);
      w->n_found = n;
      w->report = r;
      w->ready = true;
    }
    while (!atomic_load(&w->stop) &&
           pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT)
      ;
    pthread_mutex_unlock(&w->lock);
  }
  return NULL;
}

ks_watcher *ks_watcher_start(const ks_watcher_opts *o) {
  ks_watcher *w = ks_xcalloc(1, sizeof *w);
  w->n_roots = o->n_roots < KS_WATCH_MAX_ROOTS ? o->n_roots : KS_WATCH_MAX_ROOTS;
  w->roots = ks_xcalloc(w->n_roots ? w->n_roots : 1, sizeof *w->roots);
  for (size_t i = 0; i < w->n_roots; i++)
    w->roots[i] = ks_xstrdup(o->roots[i]);
  w->every_ms = o->every_ms > 0 ? o->every_ms : 1;
  w->limits = o->limits;
  w->limits.stop = &w->stop;
  atomic_init(&w->stop, false);
  pthread_mutex_init(&w->lock, NULL);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC); /* a clock set back must not stall it */
  pthread_cond_init(&w->wake, &attr);
  pthread_condattr_destroy(&attr);
  w->started = pthread_create(&w->thread, NULL, run, w) == 0;
  if (!w->started)
    fprintf(stderr, "kiosk: cannot start the stick watch's thread (out of threads); sticks will "
                    "not be noticed until the kiosk restarts\n");
  return w;
}

bool ks_watcher_poll(ks_watcher *w, ks_found_pack *out, size_t max, size_t *n,
                     ks_watch_report *report) {
  pthread_mutex_lock(&w->lock);
  bool ready = w->ready;
  if (ready) {
    *n = w->n_found < max ? w->n_found : max;
    memcpy(out, w->found, *n * sizeof *out);
    if (report)
      *report = w->report;
    w->ready = false;
  }
  pthread_mutex_unlock(&w->lock);
  return ready;
}

void ks_watcher_stop(ks_watcher *w) {
  if (!w)
    return;
  atomic_store(&w->stop, true);
  pthread_mutex_lock(&w->lock);
  pthread_cond_broadcast(&w->wake);
  pthread_mutex_unlock(&w->lock);
  if (w->started)
    pthread_join(w->thread, NULL);
  pthread_cond_destroy(&w->wake);
  pthread_mutex_destroy(&w->lock);
  for (size_t i = 0; i < w->n_roots; i++)
    free(w->roots[i]);
  free(w->roots);
  free(w);
}
