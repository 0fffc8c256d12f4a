#include "kiosk/image.h"
#include "kiosk/pack.h"

#include "kiosk/fileio.h"
#include "kiosk/mem.h"
#include "schema.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void pack_error(ks_diag *diag, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void pack_error(ks_diag *diag, const char *path, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  ks_diag_add(diag, KS_ERROR, (ks_loc){.file = path}, "%s", msg);
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool ks_pack_check_header(const unsigned char *h, size_t got, uint64_t size, const char *path,
                          ks_diag *diag) {
  static const char magic[16] = "SQLite format 3";
  if (size == 0) {
    pack_error(diag, path, "is empty (0 bytes): not a content pack");
    return false;
  }
  if (got < KS_PACK_HEADER_BYTES) {
    bool prefix = memcmp(h, magic, got < 16 ? got : 16) == 0;
    pack_error(diag, path,
               prefix ? "is truncated (%zu bytes): copy the pack again"
                      : "is not a content pack (%zu bytes, not an SQLite database)",
               got);
    return false;
  }
  if (memcmp(h, magic, 16) != 0) {
    pack_error(diag, path, "is not a content pack: it is not an SQLite database");
    return false;
  }
  uint32_t page_size = (uint32_t)h[16] << 8 | h[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0) {
    pack_error(diag, path, "has a corrupt header (page size %u)", page_size);
    return false;
  }
  /* The page count in the header is valid when the change counter matches its copy. */
  uint32_t pages = be32(h + 28);
  if (be32(h + 24) == be32(h + 92) && pages > 0 && size < (uint64_t)pages * page_size) {
    pack_error(diag, path, "is truncated (%lld of %llu bytes): copy the pack again",
               (long long)size, (unsigned long long)pages * page_size);
    return false;
  }
  if (size % page_size != 0) {
    pack_error(diag, path,
               "is truncated (%lld bytes is not a whole number of pages): copy the "
               "pack again",
               (long long)size);
    return false;
  }
  uint32_t app = be32(h + 68), version = be32(h + 60);
  if (app != KS_PACK_APPLICATION_ID) {
    if (app == 0)
      pack_error(diag, path, "is an SQLite database but not a content pack (no application id)");
    else
      pack_error(diag, path,
                 "is an SQLite database of another application (application id "
                 "0x%08x), not a content pack",
                 app);
    return false;
  }
  if (version > KS_PACK_SCHEMA_VERSION) {
    pack_error(diag, path,
               "uses pack schema version %u, newer than this kiosk reads (%d): update "
               "the kiosk software first",
               version, KS_PACK_SCHEMA_VERSION);
    return false;
  }
  if (version < 1) {
    pack_error(diag, path, "has no pack schema version (user_version 0): not a content pack");
    return false;
  }
  if (h[18] != 1 || h[19] != 1) {
    pack_error(diag, path,
               "is in write-ahead-log mode; packs are built in rollback mode by "
               "`kiosk pack build`");
    return false;
  }
  return true;
}

/* Checks the header before SQLite parses anything of the file, so that each kind of bad file gets
 * its own plain message. Opened without blocking and checked as a regular file first: SQLite
 * itself would wait forever on a FIFO. */
static bool check_header(const char *path, ks_diag *diag) {
  char err[256];
  struct stat st;
  int fd = ks_file_open(path, 0, UINT64_MAX, &st, err, sizeof err);
  if (fd < 0) {
    if (errno == EINVAL)
      pack_error(diag, path, "%s", err);
    else
      pack_error(diag, path, "cannot open the pack: %s", err);
    return false;
  }
  unsigned char h[KS_PACK_HEADER_BYTES];
  size_t got = 0;
  for (ssize_t r = 1; got < sizeof h && (r = read(fd, h + got, sizeof h - got)) > 0;)
    got += (size_t)r;
  close(fd);
  return ks_pack_check_header(h, got, (uint64_t)st.st_size, path, diag);
}

/* A URI for the path with the characters URIs give meaning to escaped. */
static char *file_uri(const char *path) {
  size_t n = strlen(path);
  char *uri = ks_xmalloc(n * 3 + 32);
  char *w = uri + sprintf(uri, "file:");
  for (const char *p = path; *p; p++) {
    if (*p == '%' || *p == '?' || *p == '#')
      w += sprintf(w, "%%%02X", (unsigned char)*p);
    else
      *w++ = *p;
  }
  strcpy(w, "?immutable=1");
  return uri;
}

/* Limits that no genuine pack comes near and that bound what a hostile one can make SQLite do. */
static void harden(sqlite3 *db) {
  int on = 1, off = 0;
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, on, NULL);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, off, NULL);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, off, NULL);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, off, NULL);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, off, NULL);
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 8 << 20); /* an image is at most 4 MiB */
  sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
  sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 64);
  sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 64);
  sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 4);
  sqlite3_limit(db, SQLITE_LIMIT_VDBE_OP, 25000);
  sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 8);
  sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 64);
  sqlite3_limit(db, SQLITE_LIMIT_VARIABLE_NUMBER, 32);
  sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 1);
  sqlite3_exec(db, "PRAGMA mmap_size=0; PRAGMA query_only=1; PRAGMA cell_size_check=1;", NULL, NULL,
               NULL);
}

/* One object of a schema: "table exhibit", with its SQL. */
typedef struct {
  char *type, *name, *sql;
} schema_obj;

static int read_schema(sqlite3 *db, schema_obj **out, size_t *count) {
  *out = NULL;
  *count = 0;
  size_t cap = 0;
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(db, "SELECT type, name, sql FROM sqlite_schema ORDER BY name", -1,
                              &st, NULL);
  if (rc != SQLITE_OK)
    return rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    ks_grow((void **)out, &cap, *count, sizeof(schema_obj));
    schema_obj *o = &(*out)[(*count)++];
    const char *t = (const char *)sqlite3_column_text(st, 0);
    const char *n = (const char *)sqlite3_column_text(st, 1);
    const char *s = (const char *)sqlite3_column_text(st, 2);
    o->type = ks_xstrdup(t ? t : "");
    o->name = ks_xstrdup(n ? n : "");
    o->sql = s ? ks_xstrdup(s) : NULL;
  }
  sqlite3_finalize(st);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void free_schema(schema_obj *objs, size_t count) {
  for (size_t i = 0; i < count; i++) {
    free(objs[i].type);
    free(objs[i].name);
    free(objs[i].sql);
  }
  free(objs);
}

static const schema_obj *find_obj(const schema_obj *objs, size_t count, const char *name) {
  for (size_t i = 0; i < count; i++)
    if (strcmp(objs[i].name, name) == 0)
      return &objs[i];
  return NULL;
}

/* The pack must hold exactly the objects the format's SQL creates: a hostile pack's extra
 * trigger, view or table is refused rather than trusted to stay inert. */
static bool check_schema(sqlite3 *db, const char *path, ks_diag *diag) {
  sqlite3 *ref = NULL;
  schema_obj *want = NULL, *have = NULL;
  size_t n_want = 0, n_have = 0;
  bool ok = true;
  /* The header check let through only versions from 1 to KS_PACK_SCHEMA_VERSION. */
  const char *sql = ks_pack_schema_sql_for(ks_pack_schema_version(db));
  if (!sql || sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec(ref, sql, NULL, NULL, NULL) != SQLITE_OK ||
      read_schema(ref, &want, &n_want) != SQLITE_OK) {
    pack_error(diag, path, "internal error: the pack schema does not build");
    ok = false;
  } else if (read_schema(db, &have, &n_have) != SQLITE_OK) {
    pack_error(diag, path, "has a corrupt schema: %s", sqlite3_errmsg(db));
    ok = false;
  } else {
    for (size_t i = 0; i < n_have; i++) {
      const schema_obj *w = find_obj(want, n_want, have[i].name);
      if (!w) {
        pack_error(diag, path, "holds a %s \"%s\" that is not part of the pack format; refusing it",
                   have[i].type, have[i].name);
        ok = false;
      } else if (strcmp(w->type, have[i].type) != 0 ||
                 strcmp(w->sql ? w->sql : "", have[i].sql ? have[i].sql : "") != 0) {
        pack_error(diag, path, "%s \"%s\" differs from the pack format", have[i].type,
                   have[i].name);
        ok = false;
      }
    }
    for (size_t i = 0; i < n_want; i++)
      if (!find_obj(have, n_have, want[i].name)) {
        pack_error(diag, path, "has no %s \"%s\" (was it dropped?): not a whole content pack",
                   want[i].type, want[i].name);
        ok = false;
      }
  }
  free_schema(want, n_want);
  free_schema(have, n_have);
  sqlite3_close(ref);
  return ok;
}

ks_pack *ks_pack_open(const char *path, ks_diag *diag) {
  if (!check_header(path, diag))
    return NULL;
  char *uri = file_uri(path);
  sqlite3 *db = NULL;
  /* No mutex: a pack is read by the one thread that opened it (the session, or an install job
   * with its own), never by two at once, and a lock taken per step and per column is a tenth of
   * what reading the pack's texts costs before the first frame. */
  int rc =
      sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  free(uri);
  if (rc != SQLITE_OK) {
    pack_error(diag, path, "cannot open the pack: %s", db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    return NULL;
  }
  harden(db);
  if (!check_schema(db, path, diag)) {
    sqlite3_close(db);
    return NULL;
  }
  ks_pack *pack = ks_xcalloc(1, sizeof *pack);
  pack->db = db;
  pack->path = ks_xstrdup(path);
  return pack;
}

void ks_pack_close(ks_pack *pack) {
  if (!pack)
    return;
  sqlite3_close(pack->db);
  free(pack->path);
  free(pack);
}

bool ks_pack_content_hash(ks_pack *pack, char hex[65], ks_diag *diag) {
  char err[256];
  int rc = ks_pack_hash_db(pack->db, hex, err, sizeof err);
  if (rc == SQLITE_TOOBIG) {
    pack_error(diag, pack->path,
               "holds a value larger than any pack may (8 MiB; an image is "
               "at most %d bytes)",
               KS_IMAGE_MAX_BYTES);
    return false;
  }
  if (rc != SQLITE_OK) {
    pack_error(diag, pack->path, "cannot read the content to hash it: %s", err);
    return false;
  }
  return true;
}

static char *meta_value(ks_pack *pack, const char *key) {
  sqlite3_stmt *st;
  char *v = NULL;
  if (sqlite3_prepare_v2(pack->db, "SELECT value FROM meta WHERE key = ?", -1, &st, NULL) ==
      SQLITE_OK) {
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    const char *t;
    /* A value with a NUL inside is no value: it would read as less than it is. */
    if (sqlite3_step(st) == SQLITE_ROW && (t = (const char *)sqlite3_column_text(st, 0)) &&
        strlen(t) == (size_t)sqlite3_column_bytes(st, 0))
      v = ks_xstrdup(t);
    sqlite3_finalize(st);
  }
  return v;
}

bool ks_pack_identity(ks_pack *pack, char *id, size_t id_size, int64_t *version) {
  char *i = meta_value(pack, "id"), *v = meta_value(pack, "version");
  bool ok = i && v && ks_pack_version_parse(v, version);
  if (ok)
    snprintf(id, id_size, "%s", i);
  free(i);
  free(v);
  return ok;
}

bool ks_pack_verify(ks_pack *pack, ks_diag *diag) {
  sqlite3_stmt *st;
  bool ok = true;
  if (sqlite3_prepare_v2(pack->db, "PRAGMA integrity_check(5)", -1, &st, NULL) != SQLITE_OK) {
    pack_error(diag, pack->path, "is corrupt: %s", sqlite3_errmsg(pack->db));
    return false;
  }
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *msg = (const char *)sqlite3_column_text(st, 0);
    if (msg && strcmp(msg, "ok") != 0) {
      pack_error(diag, pack->path, "is corrupt: %s", msg);
      ok = false;
    }
  }
  if (rc != SQLITE_DONE) {
    pack_error(diag, pack->path, "is corrupt: %s", sqlite3_errmsg(pack->db));
    ok = false;
  }
  sqlite3_finalize(st);
  if (!ok)
    return false;
  char hex[65];
  if (!ks_pack_content_hash(pack, hex, diag))
    return false;
  char *stored = meta_value(pack, "content_hash");
  if (!stored) {
    pack_error(diag, pack->path, "has no content hash: it was not built by `kiosk pack build`");
    ok = false;
  } else if (strcmp(stored, hex) != 0) {
    pack_error(diag, pack->path,
               "content does not match its hash (stored %.12s…, actual %.12s…): "
               "the pack was altered after it was built",
               stored, hex);
    ok = false;
  }
  free(stored);
  return ok;
}
