/* Reading a whole pack into the content model. */
#include "kiosk/pack.h"

#include "kiosk/mem.h"
#include "kiosk/validate.h"
#include "schema.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  sqlite3 *db;
  ks_arena *arena;
  ks_diag *diag;
  const char *path;
  const char *exhibit; /* the exhibit whose row is being read, for findings; NULL elsewhere */
  const char *where;   /* elsewhere, what the row is: "source art-1", …, or NULL */
  const char *field;   /* when set, names the value read instead of its column: "meta id" */
  bool failed;
  int version; /* the pack's schema version: what its tables hold */
  /* A reader of single exhibits keeps its statements: each is prepared the first time its SQL
   * (a string literal, known by its address) is asked for, and reset after each use instead of
   * finalized. NULL when reading a whole pack, whose statements run once each. */
  struct stmt_cache *cache;
} loader;

enum { MAX_CACHED = 32 };
struct stmt_cache {
  const char *sql[MAX_CACHED];
  sqlite3_stmt *st[MAX_CACHED];
  int n;
};

static sqlite3_stmt *prepare(loader *l, const char *sql) {
  sqlite3_stmt *st = NULL;
  int slot = -1;
  if (l->cache) {
    for (int i = 0; i < l->cache->n; i++)
      if (l->cache->sql[i] == sql) {
        sqlite3_reset(l->cache->st[i]);
        sqlite3_clear_bindings(l->cache->st[i]);
        return l->cache->st[i];
      }
    slot = l->cache->n < MAX_CACHED ? l->cache->n : -1;
  }
  if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) == SQLITE_OK) {
    if (slot >= 0) {
      l->cache->sql[slot] = sql, l->cache->st[slot] = st;
      l->cache->n++;
    }
  } else {
    if (!l->failed)
      ks_diag_add(l->diag, KS_ERROR, (ks_loc){.file = l->path}, "cannot read the pack: %s",
                  sqlite3_errmsg(l->db));
    l->failed = true;
  }
  return st;
}

/* Column `c` as text, or NULL. A text is what its bytes are: SQLite stores a NUL inside a TEXT
 * (or a BLOB read as text), and every reader after this one would take the text to end there,
 * so the rest — hashed and signed with it — would be hidden from the validator and the screen.
 * Such a value is reported (naming the exhibit and the column) and the pack refused. Every text
 * the loader takes from a pack comes through here. */
static const char *col_text(loader *l, sqlite3_stmt *st, int c) {
  const char *t = (const char *)sqlite3_column_text(st, c);
  if (!t)
    return NULL;
  size_t n = (size_t)sqlite3_column_bytes(st, c);
  if (memchr(t, 0, n)) {
    const char *col = sqlite3_column_name(st, c);
    char name[160];
    if (l->field)
      snprintf(name, sizeof name, "%s", l->field);
    else
      snprintf(name, sizeof name, "%s%s%s", l->where && !l->exhibit ? l->where : "",
               l->where && !l->exhibit ? " " : "", col ? col : "a column");
    ks_diag_add(l->diag, KS_ERROR, (ks_loc){.file = l->path, .exhibit = l->exhibit},
                "%s holds a NUL character after \"%s\", which would hide the rest of it (%zu "
                "more byte%s): the pack was altered or not built by `kiosk pack build`",
                name, t, n - strlen(t), n - strlen(t) == 1 ? "" : "s");
  }
  return ks_arena_strndup(l->arena, t, n);
}

/* A text of a pack of schema 1 to 3, whose languages are zh (slot 0) and en (slot 1): its
 * columns `c` (_zh) and `c + 1` (_en). A version 4 pack's queries select NULL there; its texts
 * come from the text table (load_texts). */
static ks_text col_i18n(loader *l, sqlite3_stmt *st, int c) {
  return (ks_text){.s = {col_text(l, st, c), col_text(l, st, c + 1)}};
}

/* Whether `st` is one the reader keeps. */
static bool cached(const loader *l, const sqlite3_stmt *st) {
  for (int i = 0; l->cache && i < l->cache->n; i++)
    if (l->cache->st[i] == st)
      return true;
  return false;
}

static void step_done(loader *l, sqlite3_stmt *st, int rc) {
  if (rc != SQLITE_DONE && !l->failed) {
    ks_diag_add(l->diag, KS_ERROR, (ks_loc){.file = l->path}, "cannot read the pack: %s",
                sqlite3_errmsg(l->db));
    l->failed = true;
  }
  if (cached(l, st))
    sqlite3_reset(st);
  else
    sqlite3_finalize(st);
}

/* Reads a whole child table in one ordered pass — `sql` selects the exhibit id first, the
 * other columns after it, ORDER BY exhibit, seq — and hands each exhibit its rows: one query per
 * table instead of one per exhibit, which is what keeps start-up fast. `each` is called for every
 * row with the exhibit, the row's index within that exhibit and the statement (columns from 1);
 * `alloc` sizes the exhibit's array from its row count first. */
typedef void (*row_fn)(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st);
typedef void (*alloc_fn)(loader *l, ks_exhibit *e, size_t n);

static void load_table(loader *l, ks_content *c, const char *count_sql, const char *sql,
                       alloc_fn alloc, row_fn each) {
  sqlite3_stmt *st = prepare(l, count_sql);
  if (!st)
    return;
  /* Per exhibit: the rows its array has room for, and how many it has been given. A damaged
   * pack may answer the two queries differently (the fuzzer found packs that do); no row is
   * stored beyond the room counted for it. */
  size_t *room = ks_xcalloc(c->n_exhibits + 1, sizeof *room);
  size_t *used = ks_xcalloc(c->n_exhibits + 1, sizeof *used);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *id = (const char *)sqlite3_column_text(st, 0);
    ks_exhibit *e = id ? (ks_exhibit *)ks_content_find(c, id) : NULL;
    sqlite3_int64 n = sqlite3_column_int64(st, 1);
    if (e && room[e - c->exhibits] == 0 && n > 0 && n <= 100000) { /* sized once only */
      alloc(l, e, (size_t)n);
      room[e - c->exhibits] = (size_t)n;
    }
  }
  step_done(l, st, rc);
  st = l->failed ? NULL : prepare(l, sql);
  bool overflow = false;
  ks_exhibit *e = NULL;
  const char *current = NULL;
  while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
    l->exhibit = NULL;
    const char *id = col_text(l, st, 0);
    if (!id)
      continue;
    if (!current || strcmp(current, id) != 0) {
      e = (ks_exhibit *)ks_content_find(c, id);
      current = e ? e->id : NULL;
    }
    if (!e)
      continue;
    size_t k = (size_t)(e - c->exhibits);
    l->exhibit = e->id;
    if (used[k] < room[k])
      each(l, e, used[k]++, st);
    else
      overflow = true;
  }
  l->exhibit = NULL;
  if (st)
    step_done(l, st, rc);
  if (overflow && !l->failed) {
    ks_diag_add(l->diag, KS_ERROR, (ks_loc){.file = l->path},
                "the pack is damaged: a table holds other rows than its counts say");
    l->failed = true;
  }
  free(room);
  free(used);
}

static void alloc_orgs(loader *l, ks_exhibit *e, size_t n) {
  e->organisations = ks_arena_calloc(l->arena, n, sizeof(ks_text));
}
static void row_org(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st) {
  (void)i;
  e->organisations[e->n_organisations++] = col_i18n(l, st, 1);
}

static void alloc_figures(loader *l, ks_exhibit *e, size_t n) {
  e->figures = ks_arena_calloc(l->arena, n, sizeof(ks_figure));
}
static void row_figure(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st) {
  (void)i;
  ks_figure *f = &e->figures[e->n_figures++];
  f->value = col_text(l, st, 1);
  f->value_tr = (ks_text){.s = {NULL, col_text(l, st, 2)}}; /* value_en of schema 1 to 3 */
  f->unit = col_i18n(l, st, 3);
  f->label = col_i18n(l, st, 5);
  f->as_of = col_text(l, st, 7);
  f->source = col_text(l, st, 8);
}

static void alloc_facts(loader *l, ks_exhibit *e, size_t n) {
  e->facts = ks_arena_calloc(l->arena, n, sizeof(ks_text));
}
static void row_fact(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st) {
  (void)i;
  e->facts[e->n_facts++] = col_i18n(l, st, 1);
}

static void alloc_images(loader *l, ks_exhibit *e, size_t n) {
  e->images = ks_arena_calloc(l->arena, n, sizeof(ks_image));
}
static void row_image(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st) {
  (void)i;
  ks_image *im = &e->images[e->n_images++];
  im->file = col_text(l, st, 1);
  im->caption = col_i18n(l, st, 2);
  im->credit = col_text(l, st, 4);
  im->size = (size_t)sqlite3_column_bytes(st, 5);
  im->data = ks_arena_memdup(l->arena, sqlite3_column_blob(st, 5), im->size);
}

static void alloc_links(loader *l, ks_exhibit *e, size_t n) {
  e->links = ks_arena_calloc(l->arena, n, sizeof(ks_link));
}
static void row_link(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st) {
  (void)i;
  e->links[e->n_links++] = (ks_link){.target = col_text(l, st, 1)};
}

static void alloc_citations(loader *l, ks_exhibit *e, size_t n) {
  e->citations = ks_arena_calloc(l->arena, n, sizeof(ks_citation));
}
static void row_citation(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st) {
  (void)i;
  ks_citation *c = &e->citations[e->n_citations++];
  c->source = col_text(l, st, 1);
  c->quote = col_text(l, st, 2);
  c->note = col_text(l, st, 3);
}

static void alloc_values(loader *l, ks_exhibit *e, size_t n) {
  e->values = ks_arena_calloc(l->arena, n, sizeof(ks_stat_value));
}
static void row_value(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st) {
  (void)i;
  ks_stat_value *v = &e->values[e->n_values++];
  v->value = col_text(l, st, 1);
  v->approx = col_text(l, st, 2);
  v->as_of = col_text(l, st, 3);
  v->from = col_text(l, st, 4);
  v->as_of_basis = col_text(l, st, 5);
  v->as_of_note = col_text(l, st, 6);
  v->basis = col_text(l, st, 7);
  v->source = col_text(l, st, 8);
  v->quote = col_text(l, st, 9);
  v->note = col_text(l, st, 10);
}

/* Every exhibit's lists, table by table. Counts come first so that arrays are sized exactly;
 * load_table never stores more rows than were counted, whatever a damaged pack answers. */
static void load_lists(loader *l, ks_content *c) {
  bool v4 = l->version >= 4; /* texts in the text table: NULL in their columns' places */
  load_table(l, c, "SELECT exhibit, count(*) FROM organisation GROUP BY exhibit",
             v4 ? "SELECT exhibit, NULL, NULL FROM organisation ORDER BY exhibit, seq"
                : "SELECT exhibit, name_zh, name_en FROM organisation ORDER BY exhibit, seq",
             alloc_orgs, row_org);
  load_table(l, c, "SELECT exhibit, count(*) FROM figure GROUP BY exhibit",
             v4 ? "SELECT exhibit, value, NULL, NULL, NULL, NULL, NULL, as_of, source "
                  "FROM figure ORDER BY exhibit, seq"
                : "SELECT exhibit, value, value_en, unit_zh, unit_en, label_zh, label_en, as_of, "
                  "source FROM figure ORDER BY exhibit, seq",
             alloc_figures, row_figure);
  load_table(l, c, "SELECT exhibit, count(*) FROM fact GROUP BY exhibit",
             v4 ? "SELECT exhibit, NULL, NULL FROM fact ORDER BY exhibit, seq"
                : "SELECT exhibit, text_zh, text_en FROM fact ORDER BY exhibit, seq",
             alloc_facts, row_fact);
  load_table(l, c, "SELECT exhibit, count(*) FROM image GROUP BY exhibit",
             v4 ? "SELECT exhibit, file, NULL, NULL, credit, data FROM image ORDER BY exhibit, seq"
                : "SELECT exhibit, file, caption_zh, caption_en, credit, data FROM image "
                  "ORDER BY exhibit, seq",
             alloc_images, row_image);
  load_table(l, c, "SELECT from_id, count(*) FROM link GROUP BY from_id",
             "SELECT from_id, to_id FROM link ORDER BY from_id, to_id", alloc_links, row_link);
  load_table(l, c, "SELECT exhibit, count(*) FROM citation GROUP BY exhibit",
             "SELECT exhibit, source, quote, note FROM citation ORDER BY exhibit, seq",
             alloc_citations, row_citation);
  if (l->version >= 5) /* statistics came with version 5 */
    load_table(l, c, "SELECT exhibit, count(*) FROM stat_value GROUP BY exhibit",
               "SELECT exhibit, value, approx, as_of, from_date, as_of_basis, as_of_note, basis, "
               "source, quote, note FROM stat_value ORDER BY exhibit, seq",
               alloc_values, row_value);
}

/* Runs `sql` (one row, the exhibit's id as ?1) and hands the row to `row`; no row is reported as
 * a finding of the exhibit, which the validator goes on to check. */
static void load_kind_row(loader *l, ks_exhibit *e, const char *sql,
                          void (*row)(loader *l, ks_exhibit *e, sqlite3_stmt *st)) {
  sqlite3_stmt *st = prepare(l, sql);
  if (!st)
    return;
  sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC);
  l->exhibit = e->id;
  int rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    row(l, e, st);
    rc = SQLITE_DONE;
  } else if (rc == SQLITE_DONE && !l->failed) {
    ks_diag_add(l->diag, KS_ERROR, (ks_loc){.file = l->path, .exhibit = e->id},
                "has no row in the %s table", ks_kind_name(e->kind));
  }
  l->exhibit = NULL;
  step_done(l, st, rc);
}

static void row_achievement(loader *l, ks_exhibit *e, sqlite3_stmt *st) {
  e->field = col_text(l, st, 0);
  e->year = sqlite3_column_int(st, 1);
  e->place = col_i18n(l, st, 2);
  const char *basis = (const char *)sqlite3_column_text(st, 4);
  if (!basis || !ks_date_basis_parse(basis, &e->date_basis))
    ks_diag_add(l->diag, KS_ERROR, (ks_loc){.file = l->path, .exhibit = e->id},
                "has an unknown date_basis \"%s\"", basis ? basis : "");
}

/* Version 1 packs have no date_basis: every year was presented as the result's. Version 4 keeps
 * place in the text table. */
static void read_achievement(loader *l, ks_exhibit *e) {
  load_kind_row(l, e,
                l->version >= 4   ? "SELECT field, year, NULL, NULL, date_basis "
                                    "FROM achievement WHERE id = ?1"
                : l->version >= 2 ? "SELECT field, year, place_zh, place_en, date_basis "
                                    "FROM achievement WHERE id = ?1"
                                  : "SELECT field, year, place_zh, place_en, 'result' "
                                    "FROM achievement WHERE id = ?1",
                row_achievement);
}

static void row_city(loader *l, ks_exhibit *e, sqlite3_stmt *st) {
  e->province = col_text(l, st, 0);
  e->lat = sqlite3_column_double(st, 1);
  e->lon = sqlite3_column_double(st, 2);
  e->has_position = true;
  e->corridor = col_text(l, st, 3);
  e->corridor_order = sqlite3_column_int(st, 4);
  e->role = col_i18n(l, st, 5);
}

static void read_city(loader *l, ks_exhibit *e) {
  load_kind_row(l, e,
                l->version >= 4 ? "SELECT province, lat, lon, corridor, corridor_order, NULL, NULL "
                                  "FROM city WHERE id = ?1"
                                : "SELECT province, lat, lon, corridor, corridor_order, role_zh, "
                                  "role_en FROM city WHERE id = ?1",
                row_city);
}

static void row_event(loader *l, ks_exhibit *e, sqlite3_stmt *st) {
  e->date = col_text(l, st, 0);
  e->precision = col_text(l, st, 1);
}

static void read_event(loader *l, ks_exhibit *e) {
  load_kind_row(l, e, "SELECT date, precision FROM event WHERE id = ?1", row_event);
}

/* A statistic has no row of its own: its measure and unit are texts (load_texts), its values
 * rows of stat_value (load_lists). */
static void read_statistic(loader *l, ks_exhibit *e) {
  (void)l;
  (void)e;
}

/* Each kind's own row: one row per kind (ks_kind). */
static void (*const read_kind[])(loader *l, ks_exhibit *e) = {
    [KS_KIND_ACHIEVEMENT] = read_achievement,
    [KS_KIND_CITY] = read_city,
    [KS_KIND_EVENT] = read_event,
    [KS_KIND_STATISTIC] = read_statistic,
};
_Static_assert(sizeof read_kind / sizeof *read_kind == KS_KIND_COUNT, "a kind without its reader");

/* meta.languages of a version 4 pack: tags separated by spaces, each well formed and there
 * once, at most KS_LANG_MAX. A pack that breaks this was not built by `kiosk pack build`. */
static void load_languages(loader *l, ks_content *c, const char *list) {
  ks_pack_meta *m = &c->meta;
  m->n_languages = 0;
  for (const char *p = list; *p;) {
    size_t n = strcspn(p, " ");
    if (n) {
      char *tag = ks_arena_strndup(l->arena, p, n);
      bool twice = ks_content_lang(c, tag) >= 0;
      if (!ks_lang_tag_valid(tag) || twice || m->n_languages == KS_LANG_MAX) {
        ks_diag_add(l->diag, KS_ERROR, (ks_loc){.file = l->path},
                    "meta languages \"%s\" %s: the pack was altered or not built by `kiosk pack "
                    "build`",
                    list,
                    twice                           ? "names a language twice"
                    : m->n_languages == KS_LANG_MAX ? "names too many languages"
                                                    : "holds something that is not a language tag");
        l->failed = true;
        return;
      }
      m->languages[m->n_languages++] = tag;
    }
    p += n;
    while (*p == ' ')
      p++;
  }
}

static void load_meta(loader *l, ks_content *c) {
  sqlite3_stmt *st = prepare(l, "SELECT key, value FROM meta");
  if (!st)
    return;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    l->field = "a meta key";
    const char *k = col_text(l, st, 0);
    char field[80];
    snprintf(field, sizeof field, "meta %s", k ? k : "");
    l->field = field;
    const char *v = col_text(l, st, 1);
    l->field = NULL;
    if (!k || !v)
      continue;
    if (strcmp(k, "id") == 0)
      c->meta.id = v;
    else if (strcmp(k, "title_zh") == 0 && l->version < 4) /* slots of zh and en */
      c->meta.title.s[0] = v;
    else if (strcmp(k, "title_en") == 0 && l->version < 4)
      c->meta.title.s[1] = v;
    else if (strcmp(k, "version") == 0) { /* the validator reports one not a plain number */
      c->meta.version_text = v;
      ks_pack_version_parse(v, &c->meta.version);
    } else if (strcmp(k, "default_lang") == 0 && l->version < 4)
      c->meta.default_lang = v;
    else if (strcmp(k, "default_language") == 0 && l->version >= 4)
      c->meta.default_lang = v;
    else if (strcmp(k, "languages") == 0 && l->version >= 4)
      load_languages(l, c, v);
    else if (strcmp(k, "built_at") == 0)
      c->meta.built_at = strtoll(v, NULL, 10);
    else if (strcmp(k, "content_hash") == 0)
      c->meta.content_hash = v;
  }
  step_done(l, st, rc);
}

/* Runs `sql` with one parameter, `key`, and returns it ready to step, with the count of its rows
 * in `*count`. For the few sources a pack has. */
static sqlite3_stmt *per_key(loader *l, const char *sql, const char *key, size_t *count) {
  *count = 0;
  char csql[256];
  snprintf(csql, sizeof csql, "SELECT count(*) FROM (%s)", sql);
  sqlite3_stmt *st = prepare(l, csql);
  if (!st)
    return NULL;
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step(st) == SQLITE_ROW)
    *count = (size_t)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  st = prepare(l, sql);
  if (st)
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  return st;
}

static void load_sources(loader *l, ks_content *c) {
  sqlite3_stmt *cnt = prepare(l, "SELECT count(*) FROM source");
  if (!cnt)
    return;
  size_t n = sqlite3_step(cnt) == SQLITE_ROW ? (size_t)sqlite3_column_int64(cnt, 0) : 0;
  sqlite3_finalize(cnt);
  c->sources = ks_arena_calloc(l->arena, n, sizeof(ks_source));
  /* Version 1 packs have no English titles; version 4 keeps them in the text table. Urls came
   * with version 6. */
  sqlite3_stmt *st =
      prepare(l, l->version >= 6 ? "SELECT id, file, title, author, published, "
                                   "published_note, NULL, url FROM source ORDER BY id"
                 : l->version >= 2 && l->version < 4
                     ? "SELECT id, file, title, author, published, "
                       "published_note, title_en, NULL FROM source "
                       "ORDER BY id"
                     : "SELECT id, file, title, author, published, "
                       "published_note, NULL, NULL FROM source ORDER BY id");
  if (!st)
    return;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && c->n_sources < n) {
    ks_source *s = &c->sources[c->n_sources++];
    l->where = "source";
    s->id = col_text(l, st, 0);
    char where[96];
    snprintf(where, sizeof where, "source %s", s->id ? s->id : "");
    l->where = where;
    s->file = col_text(l, st, 1);
    s->title = col_text(l, st, 2);
    s->author = col_text(l, st, 3);
    s->published = col_text(l, st, 4);
    s->published_note = col_text(l, st, 5);
    s->title_tr = (ks_text){.s = {NULL, col_text(l, st, 6)}}; /* title_en: the slot of en */
    s->url = col_text(l, st, 7);
    size_t nc;
    sqlite3_stmt *cs = per_key(
        l, "SELECT from_text, to_text FROM correction WHERE source = ?1 ORDER BY seq", s->id, &nc);
    if (cs) {
      s->corrections = ks_arena_calloc(l->arena, nc, sizeof(ks_correction));
      int rc2;
      while ((rc2 = sqlite3_step(cs)) == SQLITE_ROW && s->n_corrections < nc)
        s->corrections[s->n_corrections++] =
            (ks_correction){col_text(l, cs, 0), col_text(l, cs, 1)};
      step_done(l, cs, rc2 == SQLITE_ROW ? SQLITE_DONE : rc2);
    }
    l->where = NULL;
  }
  step_done(l, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

/* The text of `field` number `seq` of exhibit `e`, or NULL when it has no such text. */
static ks_text *exhibit_text(ks_exhibit *e, const char *field, sqlite3_int64 seq) {
  ks_text *one = strcmp(field, "title") == 0     ? &e->title
                 : strcmp(field, "summary") == 0 ? &e->summary
                 : strcmp(field, "body") == 0    ? &e->body
                 : strcmp(field, "place") == 0   ? &e->place
                 : strcmp(field, "role") == 0    ? &e->role
                 : strcmp(field, "measure") == 0 ? &e->measure
                 : strcmp(field, "unit") == 0    ? &e->unit
                                                 : NULL;
  if (one)
    return seq == 0 ? one : NULL;
  if (seq < 0)
    return NULL;
  size_t i = (size_t)seq;
  if (strcmp(field, "organisation") == 0)
    return i < e->n_organisations ? &e->organisations[i] : NULL;
  if (strcmp(field, "fact") == 0)
    return i < e->n_facts ? &e->facts[i] : NULL;
  if (strcmp(field, "figure.value") == 0)
    return i < e->n_figures ? &e->figures[i].value_tr : NULL;
  if (strcmp(field, "figure.unit") == 0)
    return i < e->n_figures ? &e->figures[i].unit : NULL;
  if (strcmp(field, "figure.label") == 0)
    return i < e->n_figures ? &e->figures[i].label : NULL;
  if (strcmp(field, "value.value") == 0)
    return i < e->n_values ? &e->values[i].value_tr : NULL;
  if (strcmp(field, "value.unit") == 0)
    return i < e->n_values ? &e->values[i].unit : NULL;
  if (strcmp(field, "image.caption") == 0)
    return i < e->n_images ? &e->images[i].caption : NULL;
  return NULL;
}

/* A version 4 pack's texts, every language of every one, in one ordered pass over the text
 * table. A row in an undeclared language, or for a text nothing has (an unknown field, a seq past
 * its list, an owner not in the pack), was not written by `kiosk pack build`: the pack is refused.
 */
static void load_texts(loader *l, ks_content *c) {
  sqlite3_stmt *st = prepare(
      l, "SELECT owner, field, seq, lang, value FROM text ORDER BY owner, field, seq, lang");
  if (!st)
    return;
  int rc;
  ks_exhibit *e = NULL;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW && !l->failed) {
    /* The keys are compared, not kept: read in place (a NUL in one matches nothing, and the row
     * is refused below as belonging to nothing). The value is kept, checked by col_text — with
     * the name a curator knows ("exhibit X: title (zh)") made only when it must be reported. */
    const char *owner = (const char *)sqlite3_column_text(st, 0);
    const char *field = (const char *)sqlite3_column_text(st, 1);
    const char *lang = (const char *)sqlite3_column_text(st, 3);
    sqlite3_int64 seq = sqlite3_column_int64(st, 2);
    const char *raw = (const char *)sqlite3_column_text(st, 4);
    char name[200] = "";
    if (raw && memchr(raw, 0, (size_t)sqlite3_column_bytes(st, 4))) {
      if (seq)
        snprintf(name, sizeof name, "%s %lld (%s)", field ? field : "", (long long)seq,
                 lang ? lang : "");
      else
        snprintf(name, sizeof name, "%s (%s)", field ? field : "", lang ? lang : "");
      l->field = name;
      l->exhibit = owner && *owner && field && strncmp(field, "source.", 7) != 0 ? owner : NULL;
    }
    const char *value = col_text(l, st, 4);
    l->field = NULL;
    l->exhibit = NULL;
    if (!owner || !field || !lang || !value)
      continue;
    ks_lang slot = ks_content_lang(c, lang);
    ks_text *t = NULL;
    if (slot < 0) {
      t = NULL;
    } else if (!*owner) {
      t = strcmp(field, "title") == 0 && seq == 0 ? &c->meta.title : NULL;
    } else if (strcmp(field, "source.title") == 0) {
      ks_source *src = (ks_source *)ks_content_find_source(c, owner);
      t = src && seq == 0 ? &src->title_tr : NULL;
    } else {
      if (!e || strcmp(e->id, owner) != 0)
        e = (ks_exhibit *)ks_content_find(c, owner);
      t = e ? exhibit_text(e, field, seq) : NULL;
    }
    if (!t) {
      ks_diag_add(l->diag, KS_ERROR, (ks_loc){.file = l->path, .exhibit = e ? e->id : NULL},
                  slot < 0 ? "holds a text (%s %s %lld) in \"%s\", a language the pack does not "
                             "declare: the pack was altered or not built by `kiosk pack build`"
                           : "holds a text (%s %s %lld, %s) that belongs to nothing in it: the "
                             "pack was altered or not built by `kiosk pack build`",
                  owner, field, (long long)seq, lang);
      l->failed = true;
      break;
    }
    t->s[slot] = value;
  }
  step_done(l, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

/* A content model of the pack's metadata and sources, with `*l` set to read the rest into it. */
static ks_content *read_head(ks_pack *pack, ks_diag *diag, loader *l) {
  ks_content *c = ks_content_create(pack->path);
  *l = (loader){.db = pack->db,
                .arena = c->arena,
                .diag = diag,
                .path = pack->path,
                .version = ks_pack_schema_version(pack->db)};
  if (l->version < 4) /* before languages were declared, every pack had zh and en */
    ks_content_set_zh_en(c);
  load_meta(l, c);
  load_sources(l, c);
  return c;
}

ks_content *ks_pack_read(ks_pack *pack, ks_diag *diag) {
  loader l;
  ks_content *c = read_head(pack, diag, &l);
  /* Versions 1 and 2 have no show_from and show_until: every exhibit was always shown. */
  sqlite3_stmt *st =
      prepare(&l, l.version >= 6   ? "SELECT id, kind, NULL, NULL, NULL, NULL, NULL, NULL, "
                                     "date_note, show_from, show_until, url FROM exhibit "
                                     "ORDER BY id"
                  : l.version >= 4 ? "SELECT id, kind, NULL, NULL, NULL, NULL, NULL, NULL, "
                                     "date_note, show_from, show_until FROM exhibit ORDER BY id"
                  : l.version >= 3 ? "SELECT id, kind, title_zh, title_en, summary_zh, summary_en, "
                                     "body_zh, body_en, date_note, show_from, show_until FROM "
                                     "exhibit ORDER BY id"
                                   : "SELECT id, kind, title_zh, title_en, summary_zh, summary_en, "
                                     "body_zh, body_en, date_note FROM exhibit ORDER BY id");
  if (st) {
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      ks_exhibit *e = ks_content_add_exhibit(c);
      l.where = "exhibit";
      e->id = col_text(&l, st, 0);
      l.where = NULL;
      l.exhibit = e->id;
      const char *kind = col_text(&l, st, 1);
      if (!e->id || !kind || !ks_kind_parse(kind, &e->kind)) {
        ks_diag_add(diag, KS_ERROR, (ks_loc){.file = pack->path, .exhibit = e->id},
                    "has an unknown kind \"%s\"", kind ? kind : "");
        c->n_exhibits--;
        continue;
      }
      e->title = col_i18n(&l, st, 2);
      e->summary = col_i18n(&l, st, 4);
      e->body = col_i18n(&l, st, 6);
      e->date_note = col_text(&l, st, 8);
      if (l.version >= 3) {
        e->show_from = col_text(&l, st, 9);
        e->show_until = col_text(&l, st, 10);
      }
      if (l.version >= 6)
        e->url = col_text(&l, st, 11);
    }
    l.exhibit = NULL;
    step_done(&l, st, rc);
  }
  ks_content_sort(c); /* already in id order; lookups below rely on it */
  for (size_t i = 0; i < c->n_exhibits && !l.failed; i++)
    read_kind[c->exhibits[i].kind](&l, &c->exhibits[i]);
  if (!l.failed)
    load_lists(&l, c);
  if (!l.failed && l.version >= 4)
    load_texts(&l, c);
  for (size_t i = 0; i < c->n_exhibits; i++)
    for (size_t k = 0; k < c->exhibits[i].n_links; k++) {
      const ks_exhibit *t = ks_content_find(c, c->exhibits[i].links[k].target);
      if (t)
        c->exhibits[i].links[k].target_kind = t->kind;
    }
  return c;
}

/* ---- Reading on demand: one exhibit, or a list of ids, at a time ---------------------------- */

struct ks_pack_reader {
  ks_pack *pack;
  int version;
  struct stmt_cache cache; /* every statement, prepared once */
  char today[16];          /* the day shown, YYYY-MM-DD, or "" for every exhibit */
};

/* Whether the exhibit aliased `t` is shown on the reader's day (?9, NULL for every day), as
 * ks_exhibit_shown_on has it: YYYY-MM-DD texts order as their dates. */
#define SHOWN(t) KS_PACK_SHOWN(t)

/* ks_event_year(date): the year of a date ks_date_parse takes, else NULL — so that SQL lists
 * exactly the events the timeline can place. */
static void sql_event_year(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  const char *date = (const char *)sqlite3_value_text(argv[0]);
  ks_date d;
  char why[96];
  if (date && ks_date_parse(date, &d, why, sizeof why))
    sqlite3_result_int(ctx, d.year);
  else
    sqlite3_result_null(ctx);
}

ks_pack_reader *ks_pack_reader_open(ks_pack *pack, const char *today) {
  int version = ks_pack_schema_version(pack->db);
  if (version < 4) /* texts in per-language columns: such a pack is read whole */
    return NULL;
  if (sqlite3_create_function(pack->db, "ks_event_year", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
                              sql_event_year, NULL, NULL) != SQLITE_OK)
    return NULL;
  /* SQLite's page cache takes up to 2 MB by default, and a kiosk reading on demand would fill
   * it with a large pack's pages that the store's own caches already hold the answers from:
   * the memory would grow with the pack. The file's pages stay in the system's cache. */
  sqlite3_exec(pack->db, "PRAGMA cache_size=-256", NULL, NULL, NULL);
  ks_pack_reader *r = ks_xcalloc(1, sizeof *r);
  r->pack = pack;
  r->version = version;
  if (today)
    snprintf(r->today, sizeof r->today, "%s", today);
  return r;
}

void ks_pack_reader_close(ks_pack_reader *r) {
  if (!r)
    return;
  for (int i = 0; i < r->cache.n; i++)
    sqlite3_finalize(r->cache.st[i]);
  free(r);
}

static loader reader_loader(ks_pack_reader *r, ks_content *into, ks_diag *diag) {
  return (loader){.db = r->pack->db,
                  .arena = into ? into->arena : NULL,
                  .diag = diag,
                  .path = r->pack->path,
                  .version = r->version,
                  .cache = &r->cache};
}

static void bind_today(ks_pack_reader *r, sqlite3_stmt *st) {
  if (r->today[0])
    sqlite3_bind_text(st, 9, r->today, -1, SQLITE_STATIC);
}

/* One child table's rows of one exhibit: `sql` selects count(*) OVER () first (the rows there
 * are, to size the array), then the columns the row function reads from 1. */
static void load_rows_on(loader *l, ks_exhibit *e, const char *today, const char *sql,
                         alloc_fn alloc, row_fn each) {
  sqlite3_stmt *st = prepare(l, sql);
  if (!st)
    return;
  sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC);
  if (today && today[0])
    sqlite3_bind_text(st, 9, today, -1, SQLITE_STATIC);
  size_t room = 0, used = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (!room) {
      sqlite3_int64 n = sqlite3_column_int64(st, 0);
      if (n <= 0 || n > 100000)
        break;
      alloc(l, e, room = (size_t)n);
    }
    if (used < room)
      each(l, e, used++, st);
  }
  step_done(l, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

static void load_rows(loader *l, ks_exhibit *e, const char *sql, alloc_fn alloc, row_fn each) {
  load_rows_on(l, e, NULL, sql, alloc, each);
}

static void row_link_kind(loader *l, ks_exhibit *e, size_t i, sqlite3_stmt *st) {
  row_link(l, e, i, st);
  const char *kind = (const char *)sqlite3_column_text(st, 2);
  if (!kind || !ks_kind_parse(kind, &e->links[e->n_links - 1].target_kind))
    e->links[e->n_links - 1].target_kind = KS_KIND_COUNT;
}

/* The texts of one exhibit, every language (load_texts, for one owner). */
static void load_own_texts(loader *l, ks_content *c, ks_exhibit *e) {
  sqlite3_stmt *st = prepare(
      l, "SELECT field, seq, lang, value FROM text WHERE owner = ?1 ORDER BY field, seq, lang");
  if (!st)
    return;
  sqlite3_bind_text(st, 1, e->id, -1, SQLITE_STATIC);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    const char *field = (const char *)sqlite3_column_text(st, 0);
    const char *lang = (const char *)sqlite3_column_text(st, 2);
    ks_lang slot = lang ? ks_content_lang(c, lang) : -1;
    ks_text *t = field && slot >= 0 ? exhibit_text(e, field, sqlite3_column_int64(st, 1)) : NULL;
    if (t)
      t->s[slot] = col_text(l, st, 3);
  }
  step_done(l, st, rc);
}

ks_exhibit *ks_pack_reader_exhibit(ks_pack_reader *r, const char *id, ks_content *into,
                                   ks_diag *diag) {
  loader l = reader_loader(r, into, diag);
  sqlite3_stmt *st =
      prepare(&l, r->version >= 6 ? "SELECT e.kind, e.date_note, e.show_from, e.show_until, e.url "
                                    "FROM exhibit e WHERE e.id = ?1 AND " SHOWN("e")
                                  : "SELECT e.kind, e.date_note, e.show_from, e.show_until, NULL "
                                    "FROM exhibit e WHERE e.id = ?1 AND " SHOWN("e"));
  if (!st)
    return NULL;
  sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
  bind_today(r, st);
  ks_kind kind;
  const char *name;
  if (sqlite3_step(st) != SQLITE_ROW || !(name = (const char *)sqlite3_column_text(st, 0)) ||
      !ks_kind_parse(name, &kind)) {
    step_done(&l, st, SQLITE_DONE);
    return NULL;
  }
  ks_exhibit *e = ks_content_add_exhibit(into);
  e->id = ks_arena_strdup(into->arena, id);
  e->kind = kind;
  l.exhibit = e->id;
  e->date_note = col_text(&l, st, 1);
  e->show_from = col_text(&l, st, 2);
  e->show_until = col_text(&l, st, 3);
  e->url = col_text(&l, st, 4); /* urls came with version 6 */
  step_done(&l, st, SQLITE_DONE);
  read_kind[e->kind](&l, e);
  load_rows(&l, e,
            "SELECT count(*) OVER (), NULL, NULL FROM organisation WHERE exhibit = ?1 ORDER BY seq",
            alloc_orgs, row_org);
  load_rows(&l, e,
            "SELECT count(*) OVER (), value, NULL, NULL, NULL, NULL, NULL, as_of, source "
            "FROM figure WHERE exhibit = ?1 ORDER BY seq",
            alloc_figures, row_figure);
  load_rows(&l, e, "SELECT count(*) OVER (), NULL, NULL FROM fact WHERE exhibit = ?1 ORDER BY seq",
            alloc_facts, row_fact);
  load_rows(&l, e,
            "SELECT count(*) OVER (), file, NULL, NULL, credit, data FROM image "
            "WHERE exhibit = ?1 ORDER BY seq",
            alloc_images, row_image);
  /* Links to exhibits shown the same day only (as ks_content_on_date leaves them). */
  load_rows_on(
      &l, e, r->today,
      "SELECT count(*) OVER (), k.to_id, t.kind FROM link k "
      "JOIN exhibit t ON t.id = k.to_id WHERE k.from_id = ?1 AND " SHOWN("t") " ORDER BY k.to_id",
      alloc_links, row_link_kind);
  load_rows(&l, e,
            "SELECT count(*) OVER (), source, quote, note FROM citation WHERE exhibit = ?1 "
            "ORDER BY seq",
            alloc_citations, row_citation);
  if (r->version >= 5)
    load_rows(&l, e,
              "SELECT count(*) OVER (), value, approx, as_of, from_date, as_of_basis, as_of_note, "
              "basis, source, quote, note FROM stat_value WHERE exhibit = ?1 ORDER BY seq",
              alloc_values, row_value);
  load_own_texts(&l, into, e);
  l.exhibit = NULL;
  if (l.failed) {
    into->n_exhibits--;
    return NULL;
  }
  return e;
}

size_t ks_pack_reader_ids(ks_pack_reader *r, const char *sql, const char *const params[3],
                          ks_arena *arena, const char ***ids, int **keys) {
  loader l = reader_loader(r, NULL, NULL);
  l.failed = true; /* nothing to report into: a failed query lists nothing */
  *ids = NULL;
  if (keys)
    *keys = NULL;
  sqlite3_stmt *st = prepare(&l, sql);
  if (!st)
    return 0;
  for (int i = 0; i < 3; i++)
    if (params && params[i])
      sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
  bind_today(r, st);
  size_t n = 0, cap = 0;
  const char **out = NULL;
  int *key = NULL;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *id = (const char *)sqlite3_column_text(st, 0);
    if (!id)
      continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      out = ks_xrealloc(out, cap * sizeof *out);
      key = ks_xrealloc(key, cap * sizeof *key);
    }
    out[n] = ks_arena_strdup(arena, id);
    key[n++] = sqlite3_column_count(st) > 1 ? sqlite3_column_int(st, 1) : 0;
  }
  sqlite3_reset(st);
  *ids = ks_arena_calloc(arena, n + 1, sizeof **ids);
  if (n) /* (no rows: no buffers) */
    memcpy((void *)*ids, out, n * sizeof *out);
  if (keys) {
    *keys = ks_arena_calloc(arena, n + 1, sizeof **keys);
    if (n)
      memcpy(*keys, key, n * sizeof *key);
  }
  free(out);
  free(key);
  return n;
}

size_t ks_pack_reader_places(ks_pack_reader *r, const char *sql, const ks_content *langs,
                             ks_arena *arena, ks_place **places) {
  loader l = reader_loader(r, NULL, NULL);
  l.failed = true; /* nothing to report into: a failed query lists nothing */
  *places = NULL;
  sqlite3_stmt *st = prepare(&l, sql);
  if (!st)
    return 0;
  bind_today(r, st);
  size_t n = 0, cap = 0;
  ks_place *out = NULL;
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *id = (const char *)sqlite3_column_text(st, 0);
    if (!id)
      continue;
    if (!n || strcmp(out[n - 1].id, id) != 0) { /* a new place's first row */
      if (n == cap)
        out = ks_xrealloc(out, (cap = cap ? 2 * cap : 64) * sizeof *out);
      out[n++] = (ks_place){.id = ks_arena_strdup(arena, id),
                            .lat = sqlite3_column_double(st, 1),
                            .lon = sqlite3_column_double(st, 2),
                            .has_position = sqlite3_column_type(st, 1) != SQLITE_NULL &&
                                            sqlite3_column_type(st, 2) != SQLITE_NULL,
                            .corridor = sqlite3_column_int(st, 3) != 0};
    }
    const char *lang = (const char *)sqlite3_column_text(st, 4);
    const char *title = (const char *)sqlite3_column_text(st, 5);
    ks_lang slot = lang ? ks_content_lang(langs, lang) : -1;
    if (slot >= 0 && title)
      out[n - 1].title.s[slot] = ks_arena_strdup(arena, title);
  }
  sqlite3_reset(st);
  *places = ks_arena_calloc(arena, n + 1, sizeof **places);
  if (n) /* (no rows: no buffer) */
    memcpy(*places, out, n * sizeof *out);
  free(out);
  return n;
}

ks_content *ks_pack_read_meta(ks_pack *pack, ks_diag *diag) {
  loader l;
  ks_content *c = read_head(pack, diag, &l);
  if (!l.failed && l.version >= 4) { /* the pack's title and the sources' titled texts */
    /* By the text table's key (owner, field, …): not a scan of every exhibit's texts. */
    sqlite3_stmt *st =
        prepare(&l, "SELECT owner, field, seq, lang, value FROM text WHERE owner = '' "
                    "UNION ALL SELECT owner, field, seq, lang, value FROM text WHERE "
                    "owner IN (SELECT id FROM source) AND field = 'source.title'");
    int rc;
    while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
      const char *owner = (const char *)sqlite3_column_text(st, 0);
      const char *field = (const char *)sqlite3_column_text(st, 1);
      const char *lang = (const char *)sqlite3_column_text(st, 3);
      ks_lang slot = lang ? ks_content_lang(c, lang) : -1;
      if (!owner || !field || slot < 0 || sqlite3_column_int64(st, 2) != 0)
        continue;
      ks_text *t = !*owner && strcmp(field, "title") == 0 ? &c->meta.title : NULL;
      if (*owner && strcmp(field, "source.title") == 0) {
        ks_source *src = (ks_source *)ks_content_find_source(c, owner);
        t = src ? &src->title_tr : NULL;
      }
      if (t)
        t->s[slot] = col_text(&l, st, 4);
    }
    if (st)
      step_done(&l, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
  }
  return c;
}
