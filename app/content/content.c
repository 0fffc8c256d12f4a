#include "kiosk/content.h"

#include "kiosk/mem.h"

#include <stdlib.h>
#include <string.h>

ks_content *ks_content_create(const char *origin) {
  ks_content *c = ks_xcalloc(1, sizeof(ks_content));
  c->arena = ks_arena_create();
  c->origin = ks_arena_strdup(c->arena, origin);
  return c;
}

void ks_content_destroy(ks_content *content) {
  if (!content)
    return;
  free(content->exhibits);
  ks_arena_destroy(content->arena);
  free(content);
}

ks_exhibit *ks_content_add_exhibit(ks_content *content) {
  ks_grow((void **)&content->exhibits, &content->cap_exhibits, content->n_exhibits,
          sizeof(ks_exhibit));
  ks_exhibit *e = &content->exhibits[content->n_exhibits++];
  memset(e, 0, sizeof *e);
  return e;
}

static int by_id(const void *a, const void *b) {
  const ks_exhibit *x = a, *y = b;
  return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

void ks_content_sort(ks_content *content) {
  if (content->n_exhibits > 1)
    qsort(content->exhibits, content->n_exhibits, sizeof(ks_exhibit), by_id);
}

const ks_exhibit *ks_content_find(const ks_content *content, const char *id) {
  size_t lo = 0, hi = id ? content->n_exhibits : 0; /* a damaged pack's link may name none */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(content->exhibits[mid].id ? content->exhibits[mid].id : "", id);
    if (c == 0)
      return &content->exhibits[mid];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}

const ks_source *ks_content_find_source(const ks_content *content, const char *id) {
  for (size_t i = 0; id && i < content->n_sources; i++)
    if (content->sources[i].id && strcmp(content->sources[i].id, id) == 0)
      return &content->sources[i];
  return NULL;
}

size_t ks_content_count(const ks_content *content, ks_kind kind) {
  size_t n = 0;
  for (size_t i = 0; i < content->n_exhibits; i++)
    n += content->exhibits[i].kind == kind;
  return n;
}

static const char *const achievement_keys[] = {"field", "year",    "date_basis", "organisations",
                                               "place", "figures", NULL};
static const char *const city_keys[] = {"province",       "lat",  "lon",   "corridor",
                                        "corridor_order", "role", "facts", NULL};
static const char *const event_keys[] = {"date", "precision", NULL};
static const char *const statistic_keys[] = {"measure", "unit", "values", NULL};

/* Every kind, once: a new kind is a row here (and its rows in the modules' tables). */
static const ks_kind_info kinds[] = {
    [KS_KIND_ACHIEVEMENT] = {"achievement", "achievements", "an", achievement_keys},
    [KS_KIND_CITY] = {"city", "cities", "a", city_keys},
    [KS_KIND_EVENT] = {"event", "events", "an", event_keys},
    [KS_KIND_STATISTIC] = {"statistic", "statistics", "a", statistic_keys},
};
_Static_assert(sizeof kinds / sizeof *kinds == KS_KIND_COUNT, "a kind without its description");

const ks_kind_info *ks_kind_info_of(ks_kind kind) {
  return &kinds[(unsigned)kind < KS_KIND_COUNT ? kind : 0];
}
const char *ks_kind_name(ks_kind kind) {
  return (unsigned)kind < KS_KIND_COUNT ? kinds[kind].name : "?";
}
const char *ks_kind_folder(ks_kind kind) {
  return (unsigned)kind < KS_KIND_COUNT ? kinds[kind].folder : "?";
}

bool ks_kind_parse(const char *name, ks_kind *kind) {
  for (int k = 0; k < KS_KIND_COUNT; k++)
    if (strcmp(name, kinds[k].name) == 0) {
      *kind = (ks_kind)k;
      return true;
    }
  return false;
}

ks_lang ks_content_lang(const ks_content *content, const char *tag) {
  for (int i = 0; i < content->meta.n_languages && i < KS_LANG_MAX; i++)
    if (ks_lang_same(content->meta.languages[i], tag))
      return i;
  return -1;
}

const char *ks_content_lang_tag(const ks_content *content, ks_lang lang) {
  return lang >= 0 && lang < content->meta.n_languages && lang < KS_LANG_MAX
             ? content->meta.languages[lang]
             : NULL;
}

ks_lang ks_content_default_lang(const ks_content *content) {
  ks_lang l = content->meta.default_lang ? ks_content_lang(content, content->meta.default_lang) : 0;
  return l >= 0 ? l : 0;
}

const char *ks_text_in(const ks_text *t, ks_lang lang, ks_lang fallback, ks_lang *shown) {
  ks_lang at = lang;
  const char *s = lang >= 0 && lang < KS_LANG_MAX ? t->s[lang] : NULL;
  if (!s && fallback >= 0 && fallback < KS_LANG_MAX && (s = t->s[fallback]))
    at = fallback;
  if (shown)
    *shown = at;
  return s;
}

void ks_content_set_zh_en(ks_content *content) {
  content->meta.languages[0] = "zh";
  content->meta.languages[1] = "en";
  content->meta.n_languages = 2;
  content->meta.default_lang = "zh";
}

bool ks_pack_version_parse(const char *text, int64_t *version) {
  if (!text || !*text)
    return false;
  int64_t v = 0;
  for (const char *p = text; *p; p++) {
    if (*p < '0' || *p > '9')
      return false;
    v = v * 10 + (*p - '0');
    if (v > KS_PACK_VERSION_MAX) /* checked per digit: never overflows */
      return false;
  }
  if (v < 1)
    return false;
  *version = v;
  return true;
}

const char *const *ks_fields(void) {
  static const char *const fields[] = {
      "chips",         "quantum",     "life-science", "materials",   "aerospace",
      "robotics",      "information", "energy",       "environment", "marine",
      "tech-transfer", "platforms",   "cooperation",  "instruments", NULL};
  return fields;
}

const char *const *ks_provinces(void) {
  static const char *const provinces[] = {"shanghai", "jiangsu", "zhejiang", "anhui", NULL};
  return provinces;
}

const char *ks_date_basis_name(ks_date_basis basis) {
  return basis == KS_DATE_BASIS_REPORTED ? "reported" : "result";
}

bool ks_date_basis_parse(const char *name, ks_date_basis *basis) {
  if (strcmp(name, "result") == 0)
    *basis = KS_DATE_BASIS_RESULT;
  else if (strcmp(name, "reported") == 0)
    *basis = KS_DATE_BASIS_REPORTED;
  else
    return false;
  return true;
}

bool ks_exhibit_shown_on(const ks_exhibit *e, const char *today) {
  /* YYYY-MM-DD strings order as their dates do (the validator holds them to that form). */
  return (!e->show_from || strcmp(e->show_from, today) <= 0) &&
         (!e->show_until || strcmp(today, e->show_until) <= 0);
}

ks_content *ks_content_on_date(const ks_content *content, const char *today) {
  ks_content *v = ks_xcalloc(1, sizeof *v);
  ks_arena *arena = ks_arena_create();
  *v = *content;
  v->arena = arena;
  v->exhibits = NULL;
  v->n_exhibits = v->cap_exhibits = 0;
  for (size_t i = 0; i < content->n_exhibits; i++) {
    const ks_exhibit *e = &content->exhibits[i];
    if (!ks_exhibit_shown_on(e, today))
      continue;
    ks_exhibit *kept = ks_content_add_exhibit(v);
    *kept = *e;
    size_t n = 0;
    for (size_t k = 0; k < e->n_links; k++) {
      const ks_exhibit *to = ks_content_find(content, e->links[k].target);
      n += !to || ks_exhibit_shown_on(to, today);
    }
    if (n == e->n_links)
      continue;
    /* A link to an exhibit not shown today would lead nowhere: this day's exhibit goes without. */
    ks_link *links = ks_arena_alloc(arena, (n ? n : 1) * sizeof *links);
    n = 0;
    for (size_t k = 0; k < e->n_links; k++) {
      const ks_exhibit *to = ks_content_find(content, e->links[k].target);
      if (!to || ks_exhibit_shown_on(to, today))
        links[n++] = e->links[k];
    }
    kept->links = links;
    kept->n_links = n;
  }
  return v;
}

bool ks_content_same_exhibits(const ks_content *a, const ks_content *b) {
  if (a->n_exhibits != b->n_exhibits)
    return false;
  for (size_t i = 0; i < a->n_exhibits; i++)
    if (strcmp(a->exhibits[i].id ? a->exhibits[i].id : "",
               b->exhibits[i].id ? b->exhibits[i].id : "") != 0)
      return false;
  return true;
}

bool ks_id_valid(const char *id) {
  if (!id)
    return false;
  size_t n = strlen(id);
  if (n < KS_ID_MIN || n > KS_ID_MAX || id[0] == '-' || id[n - 1] == '-')
    return false;
  for (const char *p = id; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
      return false;
  return true;
}
