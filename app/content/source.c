#include "kiosk/source.h"

#include "kiosk/fileio.h"
#include "kiosk/mem.h"
#include "kiosk/utf8.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <yaml.h>

enum {
  MAX_TEXT_FILE = 1 << 20,   /* an exhibit file larger than this is surely a mistake */
  MAX_IMAGE_FILE = 64 << 20, /* read at most this much; the validator's limit is lower */
};

/* One parsed YAML document and what findings in it need. */
typedef struct {
  yaml_document_t doc;
  const char *file;
  int line_offset; /* lines before the YAML text in its file (the front matter's ---) */
  ks_diag *diag;
  ks_arena *arena;
  const ks_pack_meta *meta; /* the pack's languages, read from pack.yaml before any text */
} ydoc;

static int node_line(const ydoc *y, const yaml_node_t *n) {
  return (int)n->start_mark.line + 1 + y->line_offset;
}

static yaml_node_t *node(ydoc *y, int index) { return yaml_document_get_node(&y->doc, index); }

static const char *node_type_name(const yaml_node_t *n) {
  switch (n->type) {
  case YAML_SCALAR_NODE:
    return "a single value";
  case YAML_SEQUENCE_NODE:
    return "a list";
  case YAML_MAPPING_NODE:
    return "a set of fields";
  default:
    return "empty";
  }
}

static bool expect(ydoc *y, yaml_node_t *n, yaml_node_type_t type, const char *what) {
  if (n->type == type)
    return true;
  const char *want = type == YAML_SCALAR_NODE     ? "a single value"
                     : type == YAML_SEQUENCE_NODE ? "a list"
                                                  : "a set of fields (key: value lines)";
  ks_diag_error(y->diag, y->file, node_line(y, n), "%s must be %s, not %s", what, want,
                node_type_name(n));
  return false;
}

/* The value of `key` in a mapping node, or NULL. */
static yaml_node_t *map_get(ydoc *y, yaml_node_t *map, const char *key) {
  if (!map || map->type != YAML_MAPPING_NODE)
    return NULL;
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    yaml_node_t *k = node(y, p->key);
    if (k && k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
      return node(y, p->value);
  }
  return NULL;
}

/* Warns about keys not in `known` (NULL-terminated): most are typos of a known one. */
static void check_keys(ydoc *y, yaml_node_t *map, const char *const *known, const char *what) {
  if (!map || map->type != YAML_MAPPING_NODE)
    return;
  for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
    yaml_node_t *k = node(y, p->key);
    if (!k || k->type != YAML_SCALAR_NODE) {
      ks_diag_error(y->diag, y->file, k ? node_line(y, k) : 0, "%s has a key that is not text",
                    what);
      continue;
    }
    bool found = false;
    for (const char *const *n = known; *n && !found; n++)
      found = strcmp(*n, (char *)k->data.scalar.value) == 0;
    if (!found)
      ks_diag_warning(y->diag, y->file, node_line(y, k),
                      "unknown field \"%s\" in %s is ignored (a typo?)",
                      (char *)k->data.scalar.value, what);
  }
}

static const char *scalar_of(ydoc *y, yaml_node_t *n, const char *what) {
  if (!n || !expect(y, n, YAML_SCALAR_NODE, what))
    return NULL;
  return ks_arena_strndup(y->arena, (char *)n->data.scalar.value, n->data.scalar.length);
}

/* A string field; NULL when absent. `line` (may be NULL) gets its line. */
static const char *get_str(ydoc *y, yaml_node_t *map, const char *key, int *line) {
  yaml_node_t *n = map_get(y, map, key);
  if (!n)
    return NULL;
  if (line)
    *line = node_line(y, n);
  return scalar_of(y, n, key);
}

static bool parse_int(const char *s, long long *out) {
  if (!s || !*s)
    return false;
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (errno || *end)
    return false;
  *out = v;
  return true;
}

static bool parse_double(const char *s, double *out) {
  if (!s || !*s)
    return false;
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || *end)
    return false;
  *out = v;
  return true;
}

/* The slot of a declared language tagged `tag`, or -1. */
static int lang_slot(const ks_pack_meta *m, const char *tag, size_t len) {
  for (int l = 0; l < m->n_languages; l++)
    if (strlen(m->languages[l]) == len && strncasecmp(m->languages[l], tag, len) == 0)
      return l;
  return -1;
}

/* A text keyed by language tag, `{zh: …, en: …}`: one value per declared language. A key that is
 * a language pack.yaml does not declare is reported as such, any other as a typo. */
static ks_text get_text_node(ydoc *y, yaml_node_t *n, const char *what) {
  ks_text t = {0};
  if (!n)
    return t;
  t.line = node_line(y, n);
  if (!expect(y, n, YAML_MAPPING_NODE, what))
    return t;
  for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
    yaml_node_t *k = node(y, p->key), *v = node(y, p->value);
    if (!k || k->type != YAML_SCALAR_NODE) {
      ks_diag_error(y->diag, y->file, k ? node_line(y, k) : 0, "%s has a key that is not text",
                    what);
      continue;
    }
    const char *key = (const char *)k->data.scalar.value;
    int l = lang_slot(y->meta, key, k->data.scalar.length);
    if (l < 0 && ks_lang_tag_valid(key))
      ks_diag_warning(y->diag, y->file, node_line(y, k),
                      "%s in \"%s\" is ignored: pack.yaml does not declare that language "
                      "(languages:)",
                      what, key);
    else if (l < 0)
      ks_diag_warning(y->diag, y->file, node_line(y, k),
                      "unknown field \"%s\" in %s is ignored (a typo?)", key, what);
    else if (v && v->type == YAML_SCALAR_NODE && v->data.scalar.length == 0)
      continue; /* an empty text is a missing one */
    else if (v)
      t.s[l] = scalar_of(y, v, what);
  }
  return t;
}

/* The per-language forms `base`_TAG of a field (value_en, title_ja) for every declared language
 * but the ones `skip` says, into `t`; `keys` (room for KS_LANG_MAX more, NULL-terminated after
 * `*n`) gets their names for check_keys. */
static void get_forms(ydoc *y, yaml_node_t *map, const char *base, ks_text *t, const char **keys,
                      size_t *n) {
  for (int l = 0; l < y->meta->n_languages; l++) {
    char key[64];
    snprintf(key, sizeof key, "%s_%s", base, y->meta->languages[l]);
    keys[(*n)++] = ks_arena_strdup(y->arena, key);
    t->s[l] = get_str(y, map, key, NULL);
  }
  keys[*n] = NULL;
}

static ks_text get_text(ydoc *y, yaml_node_t *map, const char *key) {
  return get_text_node(y, map_get(y, map, key), key);
}

/* A list field: returns its node (or NULL when absent or not a list) and its length. */
static yaml_node_t *get_list(ydoc *y, yaml_node_t *map, const char *key, size_t *count) {
  *count = 0;
  yaml_node_t *n = map_get(y, map, key);
  if (!n || !expect(y, n, YAML_SEQUENCE_NODE, key))
    return NULL;
  *count = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
  return n;
}

static yaml_node_t *list_item(ydoc *y, yaml_node_t *list, size_t i) {
  return node(y, list->data.sequence.items.start[i]);
}

/* The records (key: value mappings) of a list: each checked for known `keys`; an item that is
 * not a record is reported and skipped. Returns an arena array of `*count` mapping nodes. */
static yaml_node_t **get_records(ydoc *y, yaml_node_t *list, const char *what,
                                 const char *const *keys, size_t *count) {
  size_t n = list ? (size_t)(list->data.sequence.items.top - list->data.sequence.items.start) : 0;
  yaml_node_t **recs = ks_arena_calloc(y->arena, n, sizeof *recs);
  *count = 0;
  for (size_t i = 0; i < n; i++) {
    yaml_node_t *item = list_item(y, list, i);
    if (!expect(y, item, YAML_MAPPING_NODE, what))
      continue;
    check_keys(y, item, keys, what);
    recs[(*count)++] = item;
  }
  return recs;
}

/* The records of the list field `key` of `map` (see get_records). */
static yaml_node_t **get_record_list(ydoc *y, yaml_node_t *map, const char *key, const char *what,
                                     const char *const *keys, size_t *count) {
  size_t n;
  return get_records(y, get_list(y, map, key, &n), what, keys, count);
}

/* Every value is read as a C string, so a NUL inside one (YAML's "\0" or "\x00" escape) would
 * end it there: the text after it would be hidden from the validator yet shown nowhere. Each
 * scalar of the document is checked once here, keys and values alike, whatever reads it later. */
static void check_nul(ydoc *y) {
  for (yaml_node_t *n = y->doc.nodes.start; n < y->doc.nodes.top; n++) {
    if (n->type != YAML_SCALAR_NODE || !memchr(n->data.scalar.value, 0, n->data.scalar.length))
      continue;
    const char *text = (const char *)n->data.scalar.value;
    ks_diag_error(y->diag, y->file, node_line(y, n),
                  "a value holds a NUL character after \"%s\", which would hide the rest of "
                  "it: remove it",
                  text);
  }
}

/* Parses `text` (of `len` bytes, starting at line `line_offset + 1` of `file`) as one YAML
 * document. Returns false, with a finding, when it does not parse. */
static bool ydoc_load(ydoc *y, const char *text, size_t len) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  bool ok = yaml_parser_load(&parser, &y->doc);
  if (!ok) {
    ks_diag_error(y->diag, y->file, (int)parser.problem_mark.line + 1 + y->line_offset,
                  "YAML does not parse: %s%s%s", parser.problem ? parser.problem : "error",
                  parser.context ? " " : "", parser.context ? parser.context : "");
  }
  yaml_parser_delete(&parser);
  if (ok && !yaml_document_get_root_node(&y->doc)) {
    yaml_document_delete(&y->doc);
    ks_diag_error(y->diag, y->file, 1 + y->line_offset, "the YAML block is empty");
    return false;
  }
  if (ok)
    check_nul(y);
  return ok;
}

/* Checks encoding before YAML sees the text, so that the finding names the line. */
static bool check_utf8(ks_diag *diag, const char *file, const char *buf, size_t n) {
  size_t bad;
  if (ks_utf8_valid(buf, n, &bad))
    return true;
  int line = 1;
  for (size_t i = 0; i < bad; i++)
    line += buf[i] == '\n';
  ks_diag_error(diag, file, line,
                "invalid UTF-8 (byte 0x%02x at offset %zu); save the file as UTF-8",
                (unsigned char)buf[bad], bad);
  return false;
}

/* Removes the \r of \r\n line ends in place, so files saved on Windows read the same. */
static size_t strip_cr(char *buf, size_t n) {
  size_t w = 0;
  for (size_t r = 0; r < n; r++)
    if (!(buf[r] == '\r' && r + 1 < n && buf[r + 1] == '\n'))
      buf[w++] = buf[r];
  buf[w] = '\0';
  return w;
}

static char *path_join(const char *a, const char *b) {
  size_t n = strlen(a) + strlen(b) + 2;
  char *p = ks_xmalloc(n);
  snprintf(p, n, "%s/%s", a, b);
  return p;
}

/* Reads a text file whole, checked for UTF-8 and with \r\n folded. NULL on failure (reported). */
static char *read_text(ks_diag *diag, const char *path, size_t *size) {
  char err[128];
  char *buf = ks_file_read(path, MAX_TEXT_FILE, size, err, sizeof err);
  if (!buf) {
    ks_diag_error(diag, path, 0, "cannot read: %s", err);
    return NULL;
  }
  if (*size >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
    ks_diag_error(diag, path, 1,
                  "the file starts with a byte order mark; save it as UTF-8 "
                  "without BOM");
    free(buf);
    return NULL;
  }
  if (!check_utf8(diag, path, buf, *size)) {
    free(buf);
    return NULL;
  }
  const char *nul = memchr(buf, 0, *size);
  if (nul) { /* the text would end there for every reader that follows */
    int line = 1;
    for (const char *p = buf; p < nul; p++)
      line += *p == '\n';
    ks_diag_error(diag, path, line, "the file holds a NUL byte (offset %zu): is it a text file?",
                  (size_t)(nul - buf));
    free(buf);
    return NULL;
  }
  *size = strip_cr(buf, *size);
  return buf;
}

/* Reads `dir`/`name` as one YAML document and hands its root to `fn`. */
typedef void (*yaml_file_fn)(ydoc *y, yaml_node_t *root, ks_content *c);

static void load_yaml_file(ks_content *c, const char *dir, const char *name, ks_diag *diag,
                           yaml_file_fn fn) {
  char *path = path_join(dir, name);
  size_t n;
  char *buf = read_text(diag, path, &n);
  if (buf) {
    ydoc y = {
        .file = ks_arena_strdup(c->arena, path), .diag = diag, .arena = c->arena, .meta = &c->meta};
    if (ydoc_load(&y, buf, n)) {
      fn(&y, yaml_document_get_root_node(&y.doc), c);
      yaml_document_delete(&y.doc);
    }
    free(buf);
  }
  free(path);
}

/* A whole-number field; 0 when absent, reported when it is not a number. */
static long long get_int(ydoc *y, yaml_node_t *map, const char *key, int *line) {
  int at = 0;
  const char *v = get_str(y, map, key, &at);
  long long out = 0;
  if (v && !parse_int(v, &out))
    ks_diag_error(y->diag, y->file, at, "%s \"%s\" is not a whole number", key, v);
  if (line)
    *line = at;
  return out;
}

/* ---- pack.yaml and sources.yaml -------------------------------------------------------- */

/* `languages: [zh, en, ja]`: BCP 47 tags, each once, at most KS_LANG_MAX. Absent, the pack has
 * zh and en (what every pack had before languages were declared). */
static void parse_languages(ydoc *y, yaml_node_t *root, ks_pack_meta *m) {
  size_t n;
  yaml_node_t *list = get_list(y, root, "languages", &n);
  yaml_node_t *at = map_get(y, root, "languages");
  m->line_languages = at ? node_line(y, at) : 0;
  if (!list) {
    if (at) /* reported by get_list; read on with zh and en */
      return;
    return;
  }
  int count = 0;
  for (size_t i = 0; i < n; i++) {
    yaml_node_t *item = list_item(y, list, i);
    const char *tag = scalar_of(y, item, "a language");
    if (!tag)
      continue;
    if (!ks_lang_tag_valid(tag)) {
      ks_diag_error(y->diag, y->file, node_line(y, item),
                    "language \"%s\" is not a BCP 47 language tag (zh, en, ja, zh-Hant, …)", tag);
      continue;
    }
    bool twice = false;
    for (int k = 0; k < count && !twice; k++)
      twice = ks_lang_same(m->languages[k], tag);
    if (twice) {
      ks_diag_error(y->diag, y->file, node_line(y, item), "language %s is declared twice", tag);
      continue;
    }
    if (count == KS_LANG_MAX) {
      ks_diag_error(y->diag, y->file, node_line(y, item),
                    "language %s is one too many: a pack has at most %d languages", tag,
                    KS_LANG_MAX);
      break;
    }
    m->languages[count++] = tag;
  }
  if (count == 0)
    ks_diag_error(y->diag, y->file, m->line_languages,
                  "languages: names no language; give at least one, e.g. [zh, en]");
  else
    m->n_languages = count;
  for (int k = count; k < KS_LANG_MAX; k++)
    m->languages[k] = NULL;
}

static void parse_pack_meta(ydoc *y, yaml_node_t *root, ks_content *c) {
  static const char *const keys[] = {"id",        "title",        "version", "default_language",
                                     "languages", "default_lang", NULL};
  if (!expect(y, root, YAML_MAPPING_NODE, "pack.yaml"))
    return;
  check_keys(y, root, keys, "pack.yaml");
  ks_pack_meta *m = &c->meta;
  m->file = y->file;
  m->id = get_str(y, root, "id", &m->line_id);
  parse_languages(y, root, m); /* before any text: they are keyed by language */
  m->title = get_text(y, root, "title");
  m->version_text = get_str(y, root, "version", &m->line_version);
  ks_pack_version_parse(m->version_text, &m->version); /* the validator reports a bad one */
  /* default_language, or default_lang as pack.yaml called it before languages were declared */
  m->default_lang = get_str(y, root, "default_language", &m->line_default_lang);
  if (!m->default_lang)
    m->default_lang = get_str(y, root, "default_lang", &m->line_default_lang);
  if (m->default_lang) { /* as declared, so that the pack stores one spelling */
    int l = lang_slot(m, m->default_lang, strlen(m->default_lang));
    if (l >= 0)
      m->default_lang = m->languages[l];
  } else {
    m->default_lang = m->languages[0];
  }
}

static void parse_sources(ydoc *y, yaml_node_t *root, ks_content *c) {
  const char *keys[9 + KS_LANG_MAX] = {
      "id", "file", "title", "author", "published", "published_note", "corrections", "url", NULL};
  size_t n_keys = 8;
  ks_text unused = {0};
  get_forms(y, NULL, "title", &unused, keys, &n_keys); /* title_en, title_ja, … */
  if (!expect(y, root, YAML_SEQUENCE_NODE, "sources.yaml"))
    return;
  size_t count;
  yaml_node_t **recs = get_records(y, root, "a source", keys, &count);
  c->sources = ks_arena_calloc(c->arena, count, sizeof(ks_source));
  for (size_t i = 0; i < count; i++) {
    yaml_node_t *item = recs[i];
    ks_source *s = &c->sources[c->n_sources++];
    s->line = node_line(y, item);
    s->id = get_str(y, item, "id", NULL);
    s->file = get_str(y, item, "file", NULL);
    s->title = get_str(y, item, "title", NULL);
    size_t n_names = 0;
    const char *names[KS_LANG_MAX + 1];
    get_forms(y, item, "title", &s->title_tr, names, &n_names);
    s->author = get_str(y, item, "author", NULL);
    s->published = get_str(y, item, "published", NULL);
    s->published_note = get_str(y, item, "published_note", NULL);
    s->url = get_str(y, item, "url", &s->line_url);
    yaml_node_t *corr = map_get(y, item, "corrections");
    if (corr && expect(y, corr, YAML_MAPPING_NODE, "corrections")) {
      size_t nc = (size_t)(corr->data.mapping.pairs.top - corr->data.mapping.pairs.start);
      s->corrections = ks_arena_calloc(c->arena, nc, sizeof(ks_correction));
      for (size_t k = 0; k < nc; k++) {
        yaml_node_pair_t *p = &corr->data.mapping.pairs.start[k];
        const char *from = scalar_of(y, node(y, p->key), "a correction");
        const char *to = scalar_of(y, node(y, p->value), "a correction");
        if (from && to && *from)
          s->corrections[s->n_corrections++] = (ks_correction){from, to};
      }
    }
  }
}

/* glossary.yaml: a list of {zh, en} records, one English form per Chinese term. */
static void parse_glossary(ydoc *y, yaml_node_t *root, ks_content *c) {
  static const char *const keys[] = {"zh", "en", "except", "note", NULL};
  if (!expect(y, root, YAML_SEQUENCE_NODE, "glossary.yaml"))
    return;
  c->glossary_file = y->file;
  size_t count;
  yaml_node_t **recs = get_records(y, root, "a glossary entry", keys, &count);
  c->glossary = ks_arena_calloc(c->arena, count, sizeof(ks_term));
  for (size_t i = 0; i < count; i++) {
    ks_term *t = &c->glossary[c->n_glossary++];
    t->line = node_line(y, recs[i]);
    t->zh = get_str(y, recs[i], "zh", NULL);
    t->en = get_str(y, recs[i], "en", NULL);
    size_t n;
    yaml_node_t *except = get_list(y, recs[i], "except", &n);
    t->except = ks_arena_calloc(c->arena, n, sizeof(char *));
    for (size_t k = 0; k < n; k++)
      if ((t->except[t->n_except] = scalar_of(y, list_item(y, except, k), "except")))
        t->n_except++;
  }
}

/* ---- exhibit files --------------------------------------------------------------------- */

static bool is_ascii_word(uint32_t cp) { return cp < 0x80 && cp > ' '; }

static uint32_t last_cp(const char *s, size_t n) {
  size_t i = n;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xc0) == 0x80)
    i--;
  uint32_t cp = 0;
  if (i > 0 && ks_utf8_decode(s + i - 1, n - i + 1, &cp) == 0)
    cp = 0;
  return cp;
}

char *ks_source_join_lines(ks_arena *arena, const char *text, size_t len) {
  char *out = ks_arena_alloc(arena, len + 1);
  size_t w = 0;
  const char *p = text, *end = text + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *line_end = nl ? nl : end;
    /* Trim the line's own indentation and trailing spaces. */
    const char *a = p, *b = line_end;
    while (a < b && (*a == ' ' || *a == '\t'))
      a++;
    while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
      b--;
    if (b > a) {
      if (w > 0) {
        uint32_t next = 0;
        ks_utf8_decode(a, (size_t)(b - a), &next);
        if (is_ascii_word(last_cp(out, w)) && is_ascii_word(next))
          out[w++] = ' ';
      }
      memcpy(out + w, a, (size_t)(b - a));
      w += (size_t)(b - a);
    }
    p = nl ? nl + 1 : end;
  }
  out[w] = '\0';
  return out;
}

/* Text gathered for one language of a body. */
typedef struct {
  char *text; /* paragraphs joined by "\n", malloc'd */
  size_t len, cap;
} body_buf;

static void body_append(body_buf *b, ks_arena *arena, const char *para, size_t n) {
  const char *joined = ks_source_join_lines(arena, para, n);
  size_t jl = strlen(joined);
  if (!jl)
    return;
  if (b->len + jl + 2 > b->cap) {
    b->cap = (b->len + jl + 2) * 2;
    b->text = ks_xrealloc(b->text, b->cap);
  }
  if (b->len)
    b->text[b->len++] = '\n';
  memcpy(b->text + b->len, joined, jl);
  b->len += jl;
  b->text[b->len] = '\0';
}

/* The language a marker line ("# zh", "# en", "# ja") starts: its slot among the declared
 * languages; -2 for a line "# TAG" of a well-formed tag the pack does not declare; -1 for any
 * other line (a heading in a body is not a marker). */
static int body_marker(const ks_pack_meta *m, const char *line, size_t n) {
  while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
    n--;
  if (n < 3 || strncmp(line, "# ", 2) != 0)
    return -1;
  int l = lang_slot(m, line + 2, n - 2);
  if (l >= 0)
    return l;
  char tag[40];
  if (n - 2 >= sizeof tag)
    return -1;
  memcpy(tag, line + 2, n - 2);
  tag[n - 2] = '\0';
  /* A marker's language is 2-3 small letters ("# ja", "# zh-Hant"); "# Background" is text. */
  size_t lang = strcspn(tag, "-");
  bool small = lang >= 2 && lang <= 3;
  for (size_t i = 0; i < lang && small; i++)
    small = tag[i] >= 'a' && tag[i] <= 'z';
  return small && ks_lang_tag_valid(tag) ? -2 : -1;
}

/* Splits the body after the front matter into its parts, one per language (`# zh`, `# en`, …);
 * paragraphs are separated by blank lines in the file and by "\n" in the result. */
static void parse_body(ks_exhibit *e, const ks_pack_meta *m, ks_arena *arena, ks_diag *diag,
                       const char *body, int first_line) {
  body_buf bufs[KS_LANG_MAX] = {0};
  bool seen[KS_LANG_MAX] = {0};
  int first = m->default_lang ? lang_slot(m, m->default_lang, strlen(m->default_lang)) : 0;
  first = first < 0 ? 0 : first;
  int lang = -1, line = first_line;
  const char *para = NULL, *para_end = NULL; /* the paragraph being gathered */
  for (const char *p = body; *p; line++) {
    const char *nl = strchr(p, '\n');
    const char *end = nl ? nl : p + strlen(p);
    size_t n = (size_t)(end - p);
    size_t lead = strspn(p, " \t");
    int marker = body_marker(m, p, n);
    if (marker == -2) {
      ks_diag_error(diag, e->file, line,
                    "a body in \"%.*s\", which pack.yaml does not declare (languages:): add "
                    "the language there or remove the section",
                    (int)(n - 2), p + 2);
      marker = -3; /* its text is skipped until the next marker */
    }
    if (marker >= 0 || marker == -3 || lead >= n) { /* a marker or a blank line ends a paragraph */
      if (para && lang >= 0)
        body_append(&bufs[lang], arena, para, (size_t)(para_end - para));
      para = NULL;
    }
    if (marker == -3) {
      lang = -3;
    } else if (marker >= 0) {
      if (seen[marker])
        ks_diag_error(diag, e->file, line, "a second \"# %s\" body", m->languages[marker]);
      seen[marker] = true;
      lang = marker;
      if (marker == first)
        e->lines.body = line;
    } else if (lead < n && lang == -3) {
      /* text of an undeclared language: reported at its marker */
    } else if (lead < n) {
      if (lang < 0) {
        ks_diag_error(diag, e->file, line,
                      "body text before the \"# %s\" line; start the body with a line \"# %s\"",
                      m->languages[first], m->languages[first]);
        lang = first; /* read it as the default language so later findings still make sense */
        e->lines.body = line;
      }
      if (!para)
        para = p;
      para_end = end;
    }
    p = nl ? nl + 1 : end;
  }
  if (para && lang >= 0)
    body_append(&bufs[lang], arena, para, (size_t)(para_end - para));
  for (int l = 0; l < KS_LANG_MAX; l++) {
    if (bufs[l].text)
      e->body.s[l] = ks_arena_strdup(arena, bufs[l].text);
    free(bufs[l].text);
  }
}

/* The keys every exhibit's front matter may have; each kind's folder name (the links to exhibits
 * of that kind) and the kind's own keys (ks_kind_info) come after them. */
static const char *const common_keys[] = {"id",     "title",     "summary",   "sources",    "links",
                                          "images", "date_note", "show_from", "show_until", "url"};

static void check_exhibit_keys(ydoc *y, yaml_node_t *root, ks_kind kind) {
  const char *keys[64];
  size_t n = 0;
  for (size_t i = 0; i < sizeof common_keys / sizeof *common_keys; i++)
    keys[n++] = common_keys[i];
  for (int k = 0; k < KS_KIND_COUNT; k++)
    keys[n++] = ks_kind_folder((ks_kind)k);
  for (const char *const *extra = ks_kind_info_of(kind)->keys; *extra && n + 1 < 64; extra++)
    keys[n++] = *extra;
  keys[n] = NULL;
  char what[64];
  snprintf(what, sizeof what, "%s %s's front matter", ks_kind_info_of(kind)->article,
           ks_kind_name(kind));
  check_keys(y, root, keys, what);
}

static ks_text *get_text_list(ydoc *y, yaml_node_t *map, const char *key, size_t *count) {
  yaml_node_t *list = get_list(y, map, key, count);
  if (!list)
    return NULL;
  ks_text *items = ks_arena_calloc(y->arena, *count, sizeof(ks_text));
  for (size_t i = 0; i < *count; i++)
    items[i] = get_text_node(y, list_item(y, list, i), key);
  return items;
}

/* Links are listed under the folder name of their target's kind (achievements:, cities:, …),
 * which the validator holds them to, or under links:, which takes any kind. */
static void load_links(ydoc *y, yaml_node_t *root, ks_exhibit *e) {
  enum { LISTS = KS_KIND_COUNT + 1 };
  size_t total = 0, counts[LISTS];
  yaml_node_t *nodes[LISTS];
  for (int i = 0; i < LISTS; i++) {
    nodes[i] =
        get_list(y, root, i < KS_KIND_COUNT ? ks_kind_folder((ks_kind)i) : "links", &counts[i]);
    total += counts[i];
  }
  e->links = ks_arena_calloc(y->arena, total, sizeof(ks_link));
  for (int i = 0; i < LISTS; i++)
    for (size_t k = 0; k < counts[i]; k++) {
      yaml_node_t *item = list_item(y, nodes[i], k);
      const char *target =
          scalar_of(y, item, i < KS_KIND_COUNT ? ks_kind_folder((ks_kind)i) : "links");
      if (!target)
        continue;
      e->links[e->n_links++] =
          (ks_link){.target = target, .target_kind = (ks_kind)i, .line = node_line(y, item)};
    }
}

static void load_citations(ydoc *y, yaml_node_t *root, ks_exhibit *e) {
  static const char *const keys[] = {"source", "quote", "note", NULL};
  size_t n;
  yaml_node_t **recs = get_record_list(y, root, "sources", "a source entry", keys, &n);
  e->citations = ks_arena_calloc(y->arena, n, sizeof(ks_citation));
  for (size_t i = 0; i < n; i++) {
    ks_citation *c = &e->citations[e->n_citations++];
    c->line = node_line(y, recs[i]);
    c->source = get_str(y, recs[i], "source", NULL);
    c->quote = get_str(y, recs[i], "quote", NULL);
    c->note = get_str(y, recs[i], "note", NULL);
  }
}

static void load_figures(ydoc *y, yaml_node_t *root, ks_exhibit *e) {
  const char *keys[6 + KS_LANG_MAX] = {"value", "unit", "label", "as_of", "source", NULL};
  size_t n_keys = 5, n;
  ks_text unused = {0};
  get_forms(y, NULL, "value", &unused, keys, &n_keys); /* value_en, value_ja, … */
  yaml_node_t **recs = get_record_list(y, root, "figures", "a figure", keys, &n);
  e->figures = ks_arena_calloc(y->arena, n, sizeof(ks_figure));
  for (size_t i = 0; i < n; i++) {
    ks_figure *f = &e->figures[e->n_figures++];
    f->line = node_line(y, recs[i]);
    f->value = get_str(y, recs[i], "value", NULL);
    size_t n_names = 0;
    const char *names[KS_LANG_MAX + 1];
    get_forms(y, recs[i], "value", &f->value_tr, names, &n_names);
    f->unit = get_text(y, recs[i], "unit");
    f->label = get_text(y, recs[i], "label");
    f->as_of = get_str(y, recs[i], "as_of", NULL);
    f->source = get_str(y, recs[i], "source", NULL);
  }
}

static void load_images(ydoc *y, yaml_node_t *root, ks_exhibit *e, const char *dir) {
  static const char *const keys[] = {"file", "caption", "credit", NULL};
  size_t n;
  yaml_node_t **recs = get_record_list(y, root, "images", "an image", keys, &n);
  e->images = ks_arena_calloc(y->arena, n, sizeof(ks_image));
  for (size_t i = 0; i < n; i++) {
    ks_image *im = &e->images[e->n_images++];
    im->line = node_line(y, recs[i]);
    im->file = get_str(y, recs[i], "file", NULL);
    im->caption = get_text(y, recs[i], "caption");
    im->credit = get_str(y, recs[i], "credit", NULL);
    if (!im->file)
      continue;
    if (strstr(im->file, "..") || im->file[0] == '/') {
      ks_diag_error(y->diag, y->file, im->line,
                    "image \"%s\" must be a path inside the content folder", im->file);
      continue;
    }
    char *path = path_join(dir, im->file);
    char err[128];
    size_t size;
    char *data = ks_file_read(path, MAX_IMAGE_FILE, &size, err, sizeof err);
    if (!data) {
      ks_diag_error(y->diag, y->file, im->line, "cannot read image %s: %s", path, err);
    } else {
      im->data = ks_arena_memdup(y->arena, data, size);
      im->size = size;
      free(data);
    }
    free(path);
  }
}

/* `date_basis:` of an achievement: absent means the year is the result's. */
static void load_date_basis(ydoc *y, yaml_node_t *root, ks_exhibit *e) {
  const char *basis = get_str(y, root, "date_basis", &e->lines.date_basis);
  if (basis && !ks_date_basis_parse(basis, &e->date_basis))
    ks_diag_error(y->diag, y->file, e->lines.date_basis,
                  "date_basis \"%s\" must be result (the year of the result) or reported (the "
                  "article does not date the result; the year is the one it was published in)",
                  basis);
}

static void parse_achievement(ydoc *y, yaml_node_t *root, ks_exhibit *e) {
  e->field = get_str(y, root, "field", &e->lines.field);
  long long year = get_int(y, root, "year", &e->lines.year);
  e->year = (int)(year > 99999 || year < -99999 ? -1 : year);
  load_date_basis(y, root, e);
  e->organisations = get_text_list(y, root, "organisations", &e->n_organisations);
  e->place = get_text(y, root, "place");
  load_figures(y, root, e);
}

static void parse_city(ydoc *y, yaml_node_t *root, ks_exhibit *e) {
  e->province = get_str(y, root, "province", &e->lines.province);
  const char *lat = get_str(y, root, "lat", &e->lines.lat);
  const char *lon = get_str(y, root, "lon", &e->lines.lon);
  bool ok_lat = lat && parse_double(lat, &e->lat);
  bool ok_lon = lon && parse_double(lon, &e->lon);
  if (lat && !ok_lat)
    ks_diag_error(y->diag, y->file, e->lines.lat, "lat \"%s\" is not a number", lat);
  if (lon && !ok_lon)
    ks_diag_error(y->diag, y->file, e->lines.lon, "lon \"%s\" is not a number", lon);
  e->has_position = ok_lat && ok_lon;
  e->corridor = get_str(y, root, "corridor", &e->lines.corridor);
  long long order = get_int(y, root, "corridor_order", NULL);
  e->corridor_order = (int)(order > 1000 || order < 0 ? -1 : order);
  e->role = get_text(y, root, "role");
  e->facts = get_text_list(y, root, "facts", &e->n_facts);
}

static void parse_event(ydoc *y, yaml_node_t *root, ks_exhibit *e) {
  e->date = get_str(y, root, "date", &e->lines.date);
  e->precision = get_str(y, root, "precision", &e->lines.precision);
}

static void parse_statistic(ydoc *y, yaml_node_t *root, ks_exhibit *e) {
  e->measure = get_text(y, root, "measure");
  if (map_get(y, root, "unit")) /* present even when empty (a bare ratio) */
    e->lines.unit = node_line(y, map_get(y, root, "unit"));
  e->unit = get_text(y, root, "unit");
  const char *keys[16 + KS_LANG_MAX] = {"value",  "unit",        "approx",     "as_of",
                                        "from",   "as_of_basis", "as_of_note", "basis",
                                        "source", "quote",       "note",       NULL};
  size_t n_keys = 11, n;
  ks_text unused = {0};
  get_forms(y, NULL, "value", &unused, keys, &n_keys); /* value_en, value_ja, … */
  yaml_node_t **recs = get_record_list(y, root, "values", "a value", keys, &n);
  e->values = ks_arena_calloc(y->arena, n, sizeof(ks_stat_value));
  for (size_t i = 0; i < n; i++) {
    ks_stat_value *v = &e->values[e->n_values++];
    v->line = node_line(y, recs[i]);
    v->value = get_str(y, recs[i], "value", NULL);
    size_t n_names = 0;
    const char *names[KS_LANG_MAX + 1];
    get_forms(y, recs[i], "value", &v->value_tr, names, &n_names);
    v->unit = get_text(y, recs[i], "unit");
    v->approx = get_str(y, recs[i], "approx", NULL);
    v->as_of = get_str(y, recs[i], "as_of", NULL);
    v->from = get_str(y, recs[i], "from", NULL);
    v->as_of_basis = get_str(y, recs[i], "as_of_basis", NULL);
    v->as_of_note = get_str(y, recs[i], "as_of_note", NULL);
    v->basis = get_str(y, recs[i], "basis", NULL);
    v->source = get_str(y, recs[i], "source", NULL);
    v->quote = get_str(y, recs[i], "quote", NULL);
    v->note = get_str(y, recs[i], "note", NULL);
  }
}

/* Each kind's own fields, read from its front matter: one row per kind (ks_kind). */
static void (*const parse_kind[])(ydoc *y, yaml_node_t *root, ks_exhibit *e) = {
    [KS_KIND_ACHIEVEMENT] = parse_achievement,
    [KS_KIND_CITY] = parse_city,
    [KS_KIND_EVENT] = parse_event,
    [KS_KIND_STATISTIC] = parse_statistic,
};
_Static_assert(sizeof parse_kind / sizeof *parse_kind == KS_KIND_COUNT,
               "a kind without its parser");

static void load_exhibit(ks_content *c, const char *dir, const char *path, ks_kind kind,
                         ks_diag *diag) {
  size_t n;
  char *buf = read_text(diag, path, &n);
  if (!buf)
    return;
  const char *file = ks_arena_strdup(c->arena, path);
  char *fm_end = NULL;
  if (strncmp(buf, "---\n", 4) == 0) {
    fm_end = strstr(buf + 3, "\n---\n");
    if (!fm_end && n >= 8 && strcmp(buf + n - 4, "\n---") == 0)
      fm_end = buf + n - 4;
  }
  if (!fm_end) {
    ks_diag_error(diag, file, 1,
                  "no front matter: the file must start with a line \"---\", the fields, and a "
                  "line \"---\"");
    free(buf);
    return;
  }
  int fm_lines = 0;
  for (const char *p = buf; p <= fm_end; p++)
    fm_lines += *p == '\n';

  ydoc y = {.file = file, .line_offset = 1, .diag = diag, .arena = c->arena, .meta = &c->meta};
  if (!ydoc_load(&y, buf + 4, (size_t)(fm_end - (buf + 4)) + 1)) {
    free(buf);
    return;
  }
  yaml_node_t *root = yaml_document_get_root_node(&y.doc);
  if (expect(&y, root, YAML_MAPPING_NODE, "the front matter")) {
    check_exhibit_keys(&y, root, kind);
    ks_exhibit *e = ks_content_add_exhibit(c);
    e->kind = kind;
    e->file = file;
    e->id = get_str(&y, root, "id", &e->lines.id);
    /* The id names the file, so that a link can be followed to its file by eye. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t bl = strlen(base) - 3; /* without ".md" */
    if (e->id && (strlen(e->id) != bl || strncmp(e->id, base, bl) != 0))
      ks_diag_error(diag, file, e->lines.id,
                    "id \"%s\" differs from the file name; rename the file to %s.md or fix the id",
                    e->id, e->id);
    e->title = get_text(&y, root, "title");
    e->summary = get_text(&y, root, "summary");
    e->date_note = get_str(&y, root, "date_note", &e->lines.date_note);
    e->show_from = get_str(&y, root, "show_from", &e->lines.show_from);
    e->show_until = get_str(&y, root, "show_until", &e->lines.show_until);
    e->url = get_str(&y, root, "url", &e->lines.url);
    load_citations(&y, root, e);
    load_links(&y, root, e);
    load_images(&y, root, e, dir);
    parse_kind[kind](&y, root, e);
    const char *after = fm_end + 4; /* the "\n" or NUL after the closing --- */
    const char *body = *after == '\n' ? after + 1 : after;
    parse_body(e, &c->meta, c->arena, diag, body, fm_lines + 2);
  }
  yaml_document_delete(&y.doc);
  free(buf);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads every *.md of one kind's folder, in name order so findings come out the same way. */
static void load_folder(ks_content *c, const char *dir, ks_kind kind, ks_diag *diag) {
  char *folder = path_join(dir, ks_kind_folder(kind));
  DIR *d = opendir(folder);
  if (!d) {
    if (errno != ENOENT)
      ks_diag_error(diag, folder, 0, "cannot read folder: %s", strerror(errno));
    free(folder);
    return;
  }
  char **names = NULL;
  size_t count = 0, cap = 0;
  for (struct dirent *de; (de = readdir(d));) {
    size_t len = strlen(de->d_name);
    if (de->d_name[0] == '.' || len < 4 || strcmp(de->d_name + len - 3, ".md") != 0)
      continue;
    ks_grow((void **)&names, &cap, count, sizeof(char *));
    names[count++] = ks_xstrdup(de->d_name);
  }
  closedir(d);
  if (count)
    qsort(names, count, sizeof(char *), cmp_str);
  for (size_t i = 0; i < count; i++) {
    char *path = path_join(folder, names[i]);
    load_exhibit(c, dir, path, kind, diag);
    free(path);
    free(names[i]);
  }
  free(names);
  free(folder);
}

ks_content *ks_source_load(const char *dir, ks_diag *diag) {
  if (!ks_is_dir(dir)) {
    ks_diag_error(diag, dir, 0,
                  "not a content folder (expected pack.yaml, sources.yaml and "
                  "a folder per kind of exhibit inside: achievements/, cities/, …)");
    return NULL;
  }
  ks_content *c = ks_content_create(dir);
  ks_content_set_zh_en(c); /* until pack.yaml declares others */
  c->meta.default_lang = NULL;
  load_yaml_file(c, dir, "pack.yaml", diag, parse_pack_meta);
  load_yaml_file(c, dir, "sources.yaml", diag, parse_sources);
  char *glossary = path_join(dir, "glossary.yaml");
  if (access(glossary, F_OK) == 0) /* optional: a folder without one has no glossary check */
    load_yaml_file(c, dir, "glossary.yaml", diag, parse_glossary);
  free(glossary);
  for (int k = 0; k < KS_KIND_COUNT; k++)
    load_folder(c, dir, (ks_kind)k, diag);
  ks_content_sort(c);
  return c;
}
