#include "kiosk/pack.h"

#include "kiosk/fileio.h"
#include "kiosk/image.h"
#include "kiosk/mem.h"
#include "kiosk/validate.h"
#include "schema.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A writer in progress: the database and the statements of each table. */
typedef struct {
  sqlite3 *db;
  ks_diag *diag;
  const char *path;
  bool failed;
  void (*progress)(void *ctx, size_t done, size_t total); /* after each exhibit; NULL: none */
  void *progress_ctx;
} writer;

static void fail(writer *w, const char *what) {
  if (!w->failed)
    ks_diag_add(w->diag, KS_ERROR, (ks_loc){.file = w->path}, "cannot write the pack (%s): %s",
                what, sqlite3_errmsg(w->db));
  w->failed = true;
}

static void exec(writer *w, const char *sql) {
  if (!w->failed && sqlite3_exec(w->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    fail(w, "schema");
}

/* Binds and runs one INSERT. Arguments: a format of 't' (text, NULL allowed), 'i' (int64),
 * 'd' (double), 'b' (blob pointer then size_t length), one character per column. */
static void insert(writer *w, const char *sql, const char *types, ...) {
  if (w->failed)
    return;
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK) {
    fail(w, sql);
    return;
  }
  va_list ap;
  va_start(ap, types);
  for (int i = 0; types[i]; i++) {
    int col = i + 1;
    switch (types[i]) {
    case 't': {
      const char *s = va_arg(ap, const char *);
      if (s)
        sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null(st, col);
      break;
    }
    case 'i':
      sqlite3_bind_int64(st, col, va_arg(ap, int64_t));
      break;
    case 'd':
      sqlite3_bind_double(st, col, va_arg(ap, double));
      break;
    case 'b': {
      const void *p = va_arg(ap, const void *);
      size_t n = va_arg(ap, size_t);
      sqlite3_bind_blob64(st, col, p, n, SQLITE_STATIC);
      break;
    }
    }
  }
  va_end(ap);
  if (sqlite3_step(st) != SQLITE_DONE)
    fail(w, sql);
  sqlite3_finalize(st);
}

/* Every language's text of `t` as rows of the text table, in the order of the pack's
 * languages (the table's own order is by tag: the file is the same either way). */
static void write_text(writer *w, const ks_content *c, const char *owner, const char *field,
                       size_t seq, const ks_text *t) {
  for (int l = 0; l < c->meta.n_languages && l < KS_LANG_MAX; l++)
    if (t->s[l])
      insert(w, "INSERT INTO text VALUES (?,?,?,?,?)", "ttitt", owner, field, (int64_t)seq,
             c->meta.languages[l], t->s[l]);
}

static void write_achievement(writer *w, const ks_content *c, const ks_exhibit *e) {
  insert(w, "INSERT INTO achievement VALUES (?,?,?,?)", "ttit", e->id, e->field, (int64_t)e->year,
         ks_date_basis_name(e->date_basis));
  write_text(w, c, e->id, "place", 0, &e->place);
}

static void write_city(writer *w, const ks_content *c, const ks_exhibit *e) {
  insert(w, "INSERT INTO city VALUES (?,?,?,?,?,?)", "ttddti", e->id, e->province, e->lat, e->lon,
         e->corridor, (int64_t)e->corridor_order);
  write_text(w, c, e->id, "role", 0, &e->role);
}

static void write_event(writer *w, const ks_content *c, const ks_exhibit *e) {
  (void)c;
  ks_date d;
  char why[96];
  ks_date_parse(e->date, &d, why, sizeof why); /* validated before writing */
  insert(w, "INSERT INTO event VALUES (?,?,?)", "ttt", e->id, e->date,
         ks_date_precision_name(d.precision));
}

/* A statistic's measure and unit are texts; its values are rows of stat_value, each form of a
 * value and its own unit texts of that row. */
static void write_statistic(writer *w, const ks_content *c, const ks_exhibit *e) {
  write_text(w, c, e->id, "measure", 0, &e->measure);
  write_text(w, c, e->id, "unit", 0, &e->unit);
  for (size_t i = 0; i < e->n_values; i++) {
    const ks_stat_value *v = &e->values[i];
    insert(w, "INSERT INTO stat_value VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", "titttttttttt", e->id,
           (int64_t)i, v->value, v->approx, v->as_of, v->from,
           v->as_of_basis ? v->as_of_basis : "stated", v->as_of_note, v->basis, v->source, v->quote,
           v->note);
    write_text(w, c, e->id, "value.value", i, &v->value_tr);
    write_text(w, c, e->id, "value.unit", i, &v->unit);
  }
}

/* Each kind's own rows: one row per kind (ks_kind). */
static void (*const write_kind[])(writer *w, const ks_content *c, const ks_exhibit *e) = {
    [KS_KIND_ACHIEVEMENT] = write_achievement,
    [KS_KIND_CITY] = write_city,
    [KS_KIND_EVENT] = write_event,
    [KS_KIND_STATISTIC] = write_statistic,
};
_Static_assert(sizeof write_kind / sizeof *write_kind == KS_KIND_COUNT,
               "a kind without its writer");

static void write_exhibit(writer *w, const ks_content *c, const ks_exhibit *e) {
  insert(w, "INSERT INTO exhibit VALUES (?,?,?,?,?,?)", "tttttt", e->id, ks_kind_name(e->kind),
         e->date_note, e->show_from, e->show_until, e->url);
  write_text(w, c, e->id, "title", 0, &e->title);
  write_text(w, c, e->id, "summary", 0, &e->summary);
  write_text(w, c, e->id, "body", 0, &e->body);
  if ((unsigned)e->kind < KS_KIND_COUNT)
    write_kind[e->kind](w, c, e);
  for (size_t i = 0; i < e->n_organisations; i++) {
    insert(w, "INSERT INTO organisation VALUES (?,?)", "ti", e->id, (int64_t)i);
    write_text(w, c, e->id, "organisation", i, &e->organisations[i]);
  }
  for (size_t i = 0; i < e->n_figures; i++) {
    const ks_figure *f = &e->figures[i];
    insert(w, "INSERT INTO figure VALUES (?,?,?,?,?)", "tittt", e->id, (int64_t)i, f->value,
           f->as_of, f->source);
    write_text(w, c, e->id, "figure.value", i, &f->value_tr);
    write_text(w, c, e->id, "figure.unit", i, &f->unit);
    write_text(w, c, e->id, "figure.label", i, &f->label);
  }
  for (size_t i = 0; i < e->n_facts; i++) {
    insert(w, "INSERT INTO fact VALUES (?,?)", "ti", e->id, (int64_t)i);
    write_text(w, c, e->id, "fact", i, &e->facts[i]);
  }
  for (size_t i = 0; i < e->n_images; i++) {
    const ks_image *im = &e->images[i];
    ks_image_type type = ks_image_sniff(im->data, im->size);
    int width = 0, height = 0;
    ks_image_dimensions(im->data, im->size, type, &width, &height);
    insert(w, "INSERT INTO image VALUES (?,?,?,?,?,?,?,?)", "tittiitb", e->id, (int64_t)i, im->file,
           ks_image_mime(type), (int64_t)width, (int64_t)height, im->credit, (const void *)im->data,
           im->size);
    write_text(w, c, e->id, "image.caption", i, &im->caption);
  }
  for (size_t i = 0; i < e->n_links; i++)
    insert(w, "INSERT OR IGNORE INTO link VALUES (?,?)", "tt", e->id, e->links[i].target);
  for (size_t i = 0; i < e->n_citations; i++) {
    const ks_citation *ci = &e->citations[i];
    insert(w, "INSERT INTO citation VALUES (?,?,?,?,?)", "tittt", e->id, (int64_t)i, ci->source,
           ci->quote, ci->note);
  }
}

static void write_content(writer *w, const ks_content *c, int64_t built_at) {
  char version[32], built[32], languages[KS_LANG_MAX * 40] = "";
  snprintf(version, sizeof version, "%" PRId64, c->meta.version);
  snprintf(built, sizeof built, "%" PRId64, built_at);
  for (int l = 0; l < c->meta.n_languages && l < KS_LANG_MAX; l++) {
    size_t n = strlen(languages);
    snprintf(languages + n, sizeof languages - n, "%s%s", l ? " " : "", c->meta.languages[l]);
  }
  const char *dflt = ks_content_lang_tag(c, ks_content_default_lang(c));
  const char *meta[][2] = {{"id", c->meta.id},
                           {"version", version},
                           {"languages", languages},
                           {"default_language", dflt}};
  for (size_t i = 0; i < sizeof meta / sizeof *meta; i++)
    if (meta[i][1])
      insert(w, "INSERT INTO meta VALUES (?,?)", "tt", meta[i][0], meta[i][1]);
  write_text(w, c, "", "title", 0, &c->meta.title); /* the pack's own: the owner "" */
  for (size_t i = 0; i < c->n_sources; i++) {
    const ks_source *s = &c->sources[i];
    insert(w, "INSERT INTO source VALUES (?,?,?,?,?,?,?)", "ttttttt", s->id, s->file, s->title,
           s->author, s->published, s->published_note, s->url);
    write_text(w, c, s->id, "source.title", 0, &s->title_tr);
    for (size_t k = 0; k < s->n_corrections; k++)
      insert(w, "INSERT INTO correction VALUES (?,?,?,?)", "titt", s->id, (int64_t)k,
             s->corrections[k].from, s->corrections[k].to);
  }
  for (size_t i = 0; i < c->n_exhibits; i++) {
    write_exhibit(w, c, &c->exhibits[i]);
    if (w->progress)
      w->progress(w->progress_ctx, i + 1, c->n_exhibits);
  }
  if (w->failed)
    return;
  char hex[65], err[256];
  if (ks_pack_hash_db(w->db, hex, err, sizeof err) != SQLITE_OK) {
    fail(w, "content hash");
    return;
  }
  insert(w, "INSERT INTO meta VALUES (?,?)", "tt", "built_at", built);
  insert(w, "INSERT INTO meta VALUES (?,?)", "tt", "content_hash", hex);
}

/* Flushes a file or directory to storage, so that a rename after it is durable. */
static bool sync_path(const char *path, bool dir) {
  int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool ok = fsync(fd) == 0;
  close(fd);
  return ok;
}

bool ks_pack_write(const ks_content *content, const char *path, int64_t built_at, ks_diag *diag) {
  return ks_pack_write_progress(content, path, built_at, NULL, NULL, diag);
}

bool ks_pack_write_progress(const ks_content *content, const char *path, int64_t built_at,
                            void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
                            ks_diag *diag) {
  /* The temporary file is made new beside `path` (PATH.tmp-RANDOM, never through a link), then
   * SQLite fills it: an empty file is a new database to it. */
  size_t n = strlen(path) + 64;
  char *tmp = ks_xmalloc(n), *folder = ks_xstrdup(path), *base = ks_xstrdup(path), prefix[300];
  snprintf(prefix, sizeof prefix, "%.250s.tmp-", basename(base));
  int fd = ks_file_create_temp(dirname(folder), prefix, 0644, NULL, NULL, tmp, n);
  free(folder);
  free(base);
  if (fd < 0 || close(fd) != 0) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = path},
                "cannot create a temporary file beside the pack: %s", strerror(errno));
    free(tmp);
    return false;
  }
  writer w = {.diag = diag, .path = path, .progress = progress, .progress_ctx = ctx};
  if (sqlite3_open_v2(tmp, &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL) !=
      SQLITE_OK) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = tmp}, "cannot create the pack: %s",
                w.db ? sqlite3_errmsg(w.db) : "out of memory");
    sqlite3_close(w.db);
    unlink(tmp);
    free(tmp);
    return false;
  }
  char pragmas[256];
  /* No journal: the temporary file is thrown away on failure, and renamed only when whole. */
  snprintf(pragmas, sizeof pragmas,
           "PRAGMA page_size=4096; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
           "PRAGMA encoding='UTF-8'; PRAGMA application_id=%d; PRAGMA user_version=%d;",
           KS_PACK_APPLICATION_ID, KS_PACK_SCHEMA_VERSION);
  exec(&w, pragmas);
  exec(&w, "BEGIN");
  exec(&w, ks_pack_schema_sql);
  write_content(&w, content, built_at);
  exec(&w, "COMMIT");
  if (sqlite3_close(w.db) != SQLITE_OK && !w.failed) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = tmp}, "cannot close the pack");
    w.failed = true;
  }
  if (!w.failed && !sync_path(tmp, false)) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = tmp}, "cannot sync the pack: %s", strerror(errno));
    w.failed = true;
  }
  if (!w.failed && rename(tmp, path) != 0) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){.file = path}, "cannot move the pack into place: %s",
                strerror(errno));
    w.failed = true;
  }
  if (w.failed) {
    unlink(tmp);
  } else {
    char *dir = ks_xstrdup(path);
    sync_path(dirname(dir), true);
    free(dir);
  }
  free(tmp);
  return !w.failed;
}
