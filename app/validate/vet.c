/* Vetting a pack before it is shown, and remembering the packs that passed.
 *
 * What identifies "the same pack" must not be cheap to fake. The content hash stored in a pack's
 * metadata is not enough on its own: anyone can alter a pack's bytes and keep the stored hash,
 * and a record keyed by it would wave the altered pack through unvetted. So the key binds the
 * stored hash to the file as it lies on disk: its device and inode, its size, its modification
 * time and its status-change time (ctime), all in nanoseconds. Writing to the file changes its
 * mtime and its ctime; putting the old mtime back (touch -d, utimensat) changes the ctime again;
 * replacing it gives another inode, or another ctime if the inode is reused; and nobody but the
 * kernel sets a ctime (short of setting the system clock, which needs root). The kernel stamps
 * inodes from a clock that moves in ticks (a few milliseconds), so two writes within one tick can
 * leave the same times: as git does with its "racily clean" files, a file changed in the tick
 * the vetting began (or after) is vetted but not recorded — its next start records it. A pack whose
 * key is not in the record is vetted in full — ks_pack_verify recomputes the content hash over the
 * content and compares it with the stored one — and only then recorded. The file is looked at
 * before it is opened and again after it is read and again after vetting; if it changed on the
 * way, nothing is recorded. The record itself lives in a folder of the kiosk's user (the data
 * folder, or its cache): whoever can write there can run as the kiosk anyway. */
#include "kiosk/vet.h"

#include "kiosk/glyphs.h"
#include "kiosk/validate.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum {
  RECORD_NAME_MAX = 4096,
  KEY_MAX = 256,       /* one line of the record */
  RECORD_LINES = 16,   /* packs remembered: the newest are kept */
  RECORD_BYTES = 8192, /* a record larger than this is not one of ours: read none of it */
};

/* The key of a file as stat saw it, with the pack's stored hash and the vetting stamp. */
static bool make_key(const struct stat *st, const char *hash, const char *stamp, char *key,
                     size_t size) {
  if (!hash || strlen(hash) != 64 || strspn(hash, "0123456789abcdef") != 64)
    return false; /* not a hash this kiosk writes: nothing to remember it by */
  char clean[64];
  size_t n = 0;
  for (const char *s = stamp && *stamp ? stamp : "-"; *s && n + 1 < sizeof clean; s++)
    clean[n++] = isgraph((unsigned char)*s) ? *s : '_';
  clean[n] = '\0';
  int len =
      snprintf(key, size, "%s %ju %ju %jd %jd.%09ld %jd.%09ld %s", clean, (uintmax_t)st->st_dev,
               (uintmax_t)st->st_ino, (intmax_t)st->st_size, (intmax_t)st->st_mtim.tv_sec,
               st->st_mtim.tv_nsec, (intmax_t)st->st_ctim.tv_sec, st->st_ctim.tv_nsec, hash);
  return len > 0 && (size_t)len < size;
}

static bool same_file(const struct stat *a, const struct stat *b) {
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* Opens the record's folder without following a link in its last part; the record is reached
 * from it with *at() calls, which follow none either. -1 when it cannot. */
static int open_folder(const char *record, char *name, size_t name_size) {
  const char *slash = strrchr(record, '/');
  char dir[RECORD_NAME_MAX];
  if (!slash || (size_t)(slash - record) >= sizeof dir || !slash[1] ||
      strlen(slash + 1) >= name_size)
    return -1;
  memcpy(dir, record, (size_t)(slash - record));
  dir[slash - record] = '\0';
  snprintf(name, name_size, "%s", slash + 1);
  return open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/* Reads the record into `buf` (NUL-terminated); an absent, linked, odd or oversized record
 * reads as empty. */
static void read_record(int dir, const char *name, char *buf, size_t size) {
  buf[0] = '\0';
  int fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  if (fd < 0)
    return;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size < size) {
    size_t got = 0;
    ssize_t n;
    while (got + 1 < size && (n = read(fd, buf + got, size - 1 - got)) > 0)
      got += (size_t)n;
    buf[got] = '\0';
  }
  close(fd);
}

static bool has_line(const char *buf, const char *key) {
  size_t n = strlen(key);
  for (const char *p = buf; *p;) {
    const char *nl = strchr(p, '\n');
    size_t len = nl ? (size_t)(nl - p) : strlen(p);
    if (len == n && memcmp(p, key, n) == 0)
      return nl != NULL; /* only a whole line counts: a torn write is no record */
    p = nl ? nl + 1 : p + len;
  }
  return false;
}

static bool recorded(const char *record, const char *key) {
  char name[256], buf[RECORD_BYTES];
  int dir = open_folder(record, name, sizeof name);
  if (dir < 0)
    return false;
  read_record(dir, name, buf, sizeof buf);
  close(dir);
  return has_line(buf, key);
}

/* Adds `key` to the record, keeping the newest RECORD_LINES lines: written to a new file
 * created exclusively beside it (never through a link), synced, then renamed over it, so that a
 * reader sees the old record or the new one, whole. Only an optimisation: a failure to write
 * means the next start vets again. */
static void remember(const char *record, const char *key) {
  char name[256], tmp[300], old[RECORD_BYTES], out[RECORD_BYTES];
  int dir = open_folder(record, name, sizeof name);
  if (dir < 0)
    return;
  read_record(dir, name, old, sizeof old);
  /* The lines to keep: the newest RECORD_LINES - 1 of the old ones, then the new key. */
  const char *lines[RECORD_BYTES / 2];
  size_t lens[RECORD_BYTES / 2], n = 0;
  for (char *p = old; *p;) {
    char *nl = strchr(p, '\n');
    if (!nl)
      break; /* a torn last line is dropped */
    if ((size_t)(nl - p) != strlen(key) || memcmp(p, key, strlen(key)) != 0)
      lines[n] = p, lens[n++] = (size_t)(nl - p) + 1;
    p = nl + 1;
  }
  size_t first = n >= RECORD_LINES ? n - (RECORD_LINES - 1) : 0, len = 0;
  for (size_t i = first; i < n && len + lens[i] < sizeof out; i++) {
    memcpy(out + len, lines[i], lens[i]);
    len += lens[i];
  }
  int wrote = snprintf(out + len, sizeof out - len, "%s\n", key);
  if (wrote < 0 || (size_t)wrote >= sizeof out - len) {
    close(dir);
    return;
  }
  len += (size_t)wrote;
  snprintf(tmp, sizeof tmp, ".%s.%ld.tmp", name, (long)getpid());
  int fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  bool ok = fd >= 0;
  for (size_t done = 0; ok && done < len;) {
    ssize_t w = write(fd, out + done, len - done);
    ok = w > 0;
    done += ok ? (size_t)w : 0;
  }
  ok = ok && fsync(fd) == 0;
  if (fd >= 0)
    ok = close(fd) == 0 && ok;
  if (!ok || renameat(dir, tmp, dir, name) != 0)
    unlinkat(dir, tmp, 0);
  close(dir);
}

/* True when the file's last change is older than `start`, on the clock inodes are stamped from:
 * a later change then gives it a later ctime, whatever the clock's tick. */
static bool settled(const struct stat *st, const struct timespec *start) {
  return st->st_ctim.tv_sec < start->tv_sec ||
         (st->st_ctim.tv_sec == start->tv_sec && st->st_ctim.tv_nsec < start->tv_nsec);
}

/* ks_vet_open and ks_vet_pack: with `whole`, the content is read whole even when the record
 * holds the file; without, the record's answer is read from the pack's metadata alone and the
 * content returned is that metadata (or, after a full vetting, the whole content). */
static ks_content *vet(const char *path, const ks_vet_opts *opts, ks_pack **pack, ks_diag *diag,
                       bool whole) {
  struct stat before, now;
  struct timespec start;
  clock_gettime(CLOCK_REALTIME_COARSE, &start);
  bool looked = stat(path, &before) == 0;
  size_t errors = ks_diag_count(diag, KS_ERROR);
  *pack = ks_pack_open(path, diag);
  ks_content *c = !*pack  ? NULL
                  : whole ? ks_pack_read(*pack, diag)
                          : ks_pack_read_meta(*pack, diag);
  char key[KEY_MAX];
  bool keyed = c && looked && opts->record && stat(path, &now) == 0 && same_file(&before, &now) &&
               make_key(&before, c->meta.content_hash, opts->stamp, key, sizeof key);
  bool ok = c && ks_diag_count(diag, KS_ERROR) == errors;
  if (ok && keyed && recorded(opts->record, key))
    return c;         /* this very file passed before */
  if (ok && !whole) { /* not known: vetted in full, on the whole content */
    ks_content_destroy(c);
    c = ks_pack_read(*pack, diag);
    ok = c && ks_diag_count(diag, KS_ERROR) == errors;
  }
  if (ok)
    ok = ks_pack_verify(*pack, diag);
  if (ok) {
    char err[512];
    ks_glyphs *glyphs = opts->fonts_dir ? ks_glyphs_open(opts->fonts_dir, err, sizeof err) : NULL;
    if (opts->fonts_dir && !glyphs)
      ks_diag_add(diag, KS_WARNING, (ks_loc){.file = path}, "%s", err);
    ks_validate_opts vo = {.glyphs = glyphs};
    ks_validate(c, &vo, diag);
    ks_glyphs_close(glyphs);
    ok = ks_diag_count(diag, KS_ERROR) == errors;
  }
  if (!ok) {
    ks_content_destroy(c);
    ks_pack_close(*pack);
    *pack = NULL;
    return NULL;
  }
  if (keyed && settled(&before, &start) && stat(path, &now) == 0 && same_file(&before, &now))
    remember(opts->record, key);
  return c;
}

ks_content *ks_vet_open(const char *path, const ks_vet_opts *opts, ks_pack **pack, ks_diag *diag) {
  return vet(path, opts, pack, diag, true);
}

bool ks_vet_pack(const char *path, const ks_vet_opts *opts, ks_pack **pack, ks_diag *diag) {
  ks_content *c = vet(path, opts, pack, diag, false);
  ks_content_destroy(c);
  return c != NULL;
}

bool ks_vet_remember(const char *path, const char *content_hash, const ks_vet_opts *opts) {
  struct stat st;
  char key[KEY_MAX];
  if (!opts->record || stat(path, &st) != 0 ||
      !make_key(&st, content_hash, opts->stamp, key, sizeof key))
    return false;
  remember(opts->record, key);
  return recorded(opts->record, key);
}

/* Makes `dir` (and its parent) with mode 0700 when missing; true when it is a folder now. */
static bool make_folder(const char *dir) {
  char parent[RECORD_NAME_MAX];
  snprintf(parent, sizeof parent, "%s", dir);
  char *slash = strrchr(parent, '/');
  if (slash && slash != parent) {
    *slash = '\0';
    if (mkdir(parent, 0700) != 0 && errno != EEXIST)
      return false;
  }
  struct stat st;
  return (mkdir(dir, 0700) == 0 || errno == EEXIST) && lstat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

bool ks_vet_record_path(const char *data_dir, char *out, size_t size) {
  char dir[RECORD_NAME_MAX];
  const char *cache = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  int n;
  if (data_dir && data_dir[0])
    n = snprintf(dir, sizeof dir, "%s", data_dir);
  else if (cache && cache[0] == '/') /* the spec: a relative one is to be ignored */
    n = snprintf(dir, sizeof dir, "%s/kiosk", cache);
  else if (home && home[0] == '/')
    n = snprintf(dir, sizeof dir, "%s/.cache/kiosk", home);
  else
    return false;
  if (n < 0 || (size_t)n >= sizeof dir || !make_folder(dir))
    return false;
  n = snprintf(out, size, "%s/validated", dir);
  return n > 0 && (size_t)n < size;
}
