#include "kiosk/srcwatch.h"

#include "kiosk/mem.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

/* The folders a content folder holds (content/README.md); the last one holds images. */
static const char *const folders[] = {"achievements", "cities", "events", "images"};
enum { N_FOLDERS = sizeof folders / sizeof *folders, IMAGES = N_FOLDERS - 1 };

/* What a change does to a file or folder, as inotify says it. */
#define WATCH_MASK                                                                                 \
  (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF |         \
   IN_MOVE_SELF)

struct ks_srcwatch {
  int fd;                /* the inotify instance, non-blocking */
  char *dir;             /* the content folder */
  int root;              /* its watch */
  int sub[N_FOLDERS];    /* the subfolders' watches, -1 while a folder is missing */
  bool pending;          /* something changed that was not handed over yet */
  uint64_t last_ms;      /* when the last change came */
  ks_srcwatch_changes c; /* what changed since the last hand-over */
};

static uint64_t now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static bool ends_with(const char *s, const char *end) {
  size_t n = strlen(s), m = strlen(end);
  return n >= m && memcmp(s + n - m, end, m) == 0;
}

static void watch_folder(ks_srcwatch *w, size_t i) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", w->dir, folders[i]);
  w->sub[i] = inotify_add_watch(w->fd, path, WATCH_MASK | IN_ONLYDIR);
}

/* Notes one changed file by its name relative to the folder. */
static void note(ks_srcwatch *w, const char *folder, const char *name) {
  w->pending = true;
  w->last_ms = now_ms();
  ks_srcwatch_changes *c = &w->c;
  char rel[KS_SRCWATCH_NAME];
  int n = snprintf(rel, sizeof rel, "%s%s%s", folder ? folder : "", folder ? "/" : "", name);
  if (n < 0 || (size_t)n >= sizeof rel) {
    c->many = true;
    return;
  }
  for (size_t i = 0; i < c->n_files; i++)
    if (strcmp(c->files[i], rel) == 0)
      return;
  if (c->n_files == KS_SRCWATCH_MAX_FILES)
    c->many = true;
  else
    memcpy(c->files[c->n_files++], rel, (size_t)n + 1);
}

/* Whether a file in folder `i` (or the top, -1) is one content is read from: editors' swap and
 * backup files, and vim's probe file 4913, change nothing. */
static bool is_content(int i, const char *name) {
  if (i < 0)
    return strcmp(name, "pack.yaml") == 0 || strcmp(name, "sources.yaml") == 0 ||
           strcmp(name, "glossary.yaml") == 0;
  if (name[0] == '.' || ends_with(name, "~") || strcmp(name, "4913") == 0)
    return false;
  return i == IMAGES || ends_with(name, ".md");
}

static void handle(ks_srcwatch *w, const struct inotify_event *e) {
  if (e->wd == w->root) {
    if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) {
      w->c.many = w->pending = true; /* the folder itself went: a reload says so */
      w->last_ms = now_ms();
      return;
    }
    if (!e->len)
      return;
    for (size_t i = 0; i < N_FOLDERS; i++)
      if ((e->mask & IN_ISDIR) && strcmp(e->name, folders[i]) == 0) {
        /* A subfolder made, moved in or gone: watch the new one, and take all as new. */
        if (e->mask & (IN_CREATE | IN_MOVED_TO))
          watch_folder(w, i);
        w->c.many = w->pending = true;
        w->last_ms = now_ms();
        return;
      }
    if (is_content(-1, e->name))
      note(w, NULL, e->name);
    return;
  }
  for (size_t i = 0; i < N_FOLDERS; i++) {
    if (e->wd != w->sub[i])
      continue;
    if (e->mask & IN_IGNORED)
      w->sub[i] = -1; /* the folder went; the top's watch sees it made again */
    else if (e->len && !(e->mask & IN_ISDIR) && is_content((int)i, e->name))
      note(w, folders[i], e->name);
    return;
  }
}

ks_srcwatch *ks_srcwatch_open(const char *dir, char *err, size_t err_size) {
  ks_srcwatch *w = ks_xcalloc(1, sizeof *w);
  w->dir = ks_xstrdup(dir);
  w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (w->fd < 0 ||
      (w->root = inotify_add_watch(w->fd, dir, WATCH_MASK | IN_ONLYDIR | IN_EXCL_UNLINK)) < 0) {
    snprintf(err, err_size, "cannot watch %s for changes: %s%s", dir, strerror(errno),
             errno == ENOSPC ? " (raise fs.inotify.max_user_watches)" : "");
    ks_srcwatch_close(w);
    return NULL;
  }
  for (size_t i = 0; i < N_FOLDERS; i++)
    watch_folder(w, i); /* -1 for a folder that is not there (yet) */
  return w;
}

void ks_srcwatch_close(ks_srcwatch *w) {
  if (!w)
    return;
  if (w->fd >= 0)
    close(w->fd);
  free(w->dir);
  free(w);
}

/* Reads every event waiting. */
static void drain(ks_srcwatch *w) {
  /* Aligned as inotify(7) asks: events are read straight out of the buffer. */
  char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
  for (;;) {
    ssize_t n = read(w->fd, buf, sizeof buf);
    if (n <= 0)
      return; /* EAGAIN: nothing more; an overflow of the queue shows as IN_Q_OVERFLOW below */
    for (char *p = buf; p < buf + n;) {
      const struct inotify_event *e = (const struct inotify_event *)(void *)p;
      if (e->mask & IN_Q_OVERFLOW) {
        w->c.many = w->pending = true;
        w->last_ms = now_ms();
      } else {
        handle(w, e);
      }
      p += sizeof *e + e->len;
    }
  }
}

bool ks_srcwatch_poll(ks_srcwatch *w, int timeout_ms, ks_srcwatch_changes *out) {
  uint64_t start = now_ms(), end = start + (uint64_t)(timeout_ms > 0 ? timeout_ms : 0);
  for (;;) {
    drain(w);
    uint64_t now = now_ms();
    if (w->pending && now - w->last_ms >= KS_SRCWATCH_SETTLE_MS) {
      *out = w->c;
      memset(&w->c, 0, sizeof w->c);
      w->pending = false;
      return true;
    }
    if (now >= end)
      return false;
    uint64_t wait = end - now;
    if (w->pending && w->last_ms + KS_SRCWATCH_SETTLE_MS - now < wait)
      wait = w->last_ms + KS_SRCWATCH_SETTLE_MS - now;
    struct pollfd p = {.fd = w->fd, .events = POLLIN};
    if (poll(&p, 1, (int)wait) < 0 && errno != EINTR)
      return false;
  }
}
