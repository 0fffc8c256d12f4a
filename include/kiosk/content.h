/* The content model: everything a pack holds, in memory. Loaded from a curator's source folder
 * (ks_source_load) or from a built pack (ks_pack_read); checked by ks_validate and written by
 * ks_pack_write. All strings and arrays belong to the model's arena and die with
 * ks_content_destroy. Strings are UTF-8; a missing optional text is NULL. */
#ifndef KIOSK_CONTENT_H
#define KIOSK_CONTENT_H

#include "kiosk/arena.h"
#include "kiosk/lang.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A language of the content: its slot, from 0, in the pack's declared languages
 * (ks_pack_meta.languages), where its BCP 47 tag is. Code that means a particular language asks
 * for it by tag (ks_content_lang); a slot means nothing across packs. */
typedef int ks_lang;

/* A text in each of the pack's languages, indexed by ks_lang: NULL where it is missing (the
 * kiosk shows the default language's instead); `line` is where it stands in its source file (0
 * in packs). */
typedef struct {
  const char *s[KS_LANG_MAX];
  int line;
} ks_text;

/* A city as a map shows it: where it is, whether the corridor runs through it, and its name —
 * far lighter than the whole exhibit, so that a map of hundreds of cities keeps only this. */
typedef struct {
  const char *id;
  ks_text title;
  double lat, lon;
  bool has_position; /* lat and lon hold a position */
  bool corridor;     /* a city of the corridor (ks_exhibit.corridor set) */
} ks_place;

/* The kinds of exhibit. Each is described once, in ks_kind_info (content.c): what the content
 * layer knows of it; each module that treats kinds differently has one row per kind in one table
 * beside its functions (source.c, validate.c, writer.c, load.c, the UI's screens.c), never a
 * switch. */
typedef enum {
  KS_KIND_ACHIEVEMENT,
  KS_KIND_CITY,
  KS_KIND_EVENT,
  KS_KIND_STATISTIC,
  KS_KIND_COUNT
} ks_kind;

/* One kind of exhibit, described once. */
typedef struct {
  const char *name;    /* "achievement": in packs (exhibit.kind), findings and pack info */
  const char *folder;  /* "achievements": its folder in a source tree, and the front-matter key
                          that lists links to exhibits of this kind */
  const char *article; /* "an" or "a", before `name` in findings */
  /* Its own front-matter keys, beyond those every exhibit has; NULL-terminated. */
  const char *const *keys;
} ks_kind_info;

/* A key figure of an achievement: the number exactly as the article writes it. */
typedef struct {
  const char *value;  /* "109.49", "4万多", "1/6" */
  ks_text value_tr;   /* per language, its own form where it differs ("40,000+"), else NULL */
  ks_text unit;       /* "亿元" / "100 million yuan"; may be empty */
  ks_text label;      /* what it counts */
  const char *as_of;  /* date the figure was true, YYYY[-MM[-DD]], or NULL */
  const char *source; /* source id giving it, or NULL when the exhibit has one source */
  int line;
} ks_figure;

/* A dated value of a statistic: one number of its measure, with the article it comes from. */
typedef struct {
  const char *value;       /* as the article writes it: "28634", "4万多", "1/8" */
  ks_text value_tr;        /* per language, its own form where it differs ("40,000+"), else NULL */
  ks_text unit;            /* its own unit where the article counts it differently, else empty */
  const char *approx;      /* "over", "about", "nearly": the article's word around it; or NULL */
  const char *as_of;       /* YYYY[-MM[-DD]]: when it was true (for a target: what it is set for) */
  const char *from;        /* the start of the period a total covers, YYYY[-MM[-DD]], or NULL */
  const char *as_of_basis; /* "stated" or "reported" (as_of is the article's date); NULL: stated */
  const char *as_of_note;  /* how as_of or from was worked out; may be NULL */
  const char *basis;       /* "actual" or "target" */
  const char *source;      /* source id */
  const char *quote;       /* the sentence it rests on, from that article */
  const char *note;        /* may be NULL */
  int line;
} ks_stat_value;

/* What an exhibit rests on: an article and the sentence quoted from it. */
typedef struct {
  const char *source; /* id in ks_content.sources */
  const char *quote;
  const char *note; /* what the curator worked out or where articles differ; may be NULL */
  int line;
} ks_citation;

typedef struct {
  const char *file;          /* as named in the source, relative to content/ */
  const unsigned char *data; /* the file's bytes (NULL when it could not be read) */
  size_t size;
  ks_text caption;
  const char *credit; /* may be NULL */
  int line;
} ks_image;

/* A link from one exhibit to another; stored once, shown from both ends. */
typedef struct {
  const char *target;  /* exhibit id */
  ks_kind target_kind; /* the kind the source file listed it under; KS_KIND_COUNT when it was
                          listed under links:, which takes any kind */
  int line;
} ks_link;

/* Lines of single-valued fields in the source file, for findings; 0 in packs. */
typedef struct {
  int id, field, year, date, precision, province, lat, lon, corridor, body, date_basis, date_note;
  int show_from, show_until, unit, url;
} ks_field_lines;

/* What an achievement's year stands for. When the article does not date the result, the year
 * is only the one the article was published in, and the kiosk says "2023年报道 / reported 2023"
 * instead of presenting it as the year of the result. */
typedef enum {
  KS_DATE_BASIS_RESULT,   /* the year of the result (stated, or worked out and explained) */
  KS_DATE_BASIS_REPORTED, /* the year the article reported it; the result itself is undated */
} ks_date_basis;

typedef struct {
  const char *id;
  ks_kind kind;
  const char *file; /* source file path, or NULL for an exhibit read from a pack */
  ks_field_lines lines;
  ks_text title;   /* for a city, its name */
  ks_text summary; /* one or two sentences for a card */
  ks_text body;    /* paragraphs separated by "\n" */
  const char *date_note;
  ks_citation *citations;
  size_t n_citations;
  ks_link *links;
  size_t n_links;
  ks_image *images;
  size_t n_images;
  /* A temporary exhibition: shown only from `show_from` to `show_until`, both days included, on
   * the kiosk's local calendar; YYYY-MM-DD, NULL for no bound. */
  const char *show_from, *show_until;
  /* Where the visitor reads more: an absolute http(s) address of at most KS_URL_MAX bytes,
   * shown on the page as a QR code; NULL for none. */
  const char *url;

  /* achievement */
  const char *field; /* one of ks_fields() */
  int year;
  ks_date_basis date_basis;
  ks_text place;
  ks_text *organisations;
  size_t n_organisations;
  ks_figure *figures;
  size_t n_figures;

  /* city */
  const char *province; /* one of ks_provinces() */
  double lat, lon;
  bool has_position;
  const char *corridor; /* "g60" or NULL */
  int corridor_order;   /* 1… along the corridor, 0 when not on it */
  ks_text role;
  ks_text *facts;
  size_t n_facts;

  /* statistic */
  ks_text measure;       /* what is counted, in full */
  ks_text unit;          /* the unit its values are counted in; empty for a bare ratio */
  ks_stat_value *values; /* oldest first */
  size_t n_values;

  /* event */
  const char *date;      /* YYYY, YYYY-MM or YYYY-MM-DD */
  const char *precision; /* "year", "month" or "day" as stated (a pack's column, an optional
                            field of a source), NULL when not stated; must match the date */
} ks_exhibit;

/* A character substitution in a received article, fixed in quotes (蕞 → 最). */
typedef struct {
  const char *from, *to;
} ks_correction;

typedef struct {
  const char *id;
  const char *file; /* the article's file name */
  const char *title;
  ks_text title_tr;   /* the title translated, per language; NULL where not (the original shows) */
  const char *author; /* may be NULL */
  const char *published;
  const char *published_note; /* may be NULL */
  ks_correction *corrections;
  size_t n_corrections;
  const char *url; /* where the article is online, as ks_exhibit.url; NULL for none */
  int line;
  int line_url; /* of its url: field in sources.yaml; 0 in packs */
} ks_source;

/* The longest url (bytes) an exhibit or a source may give. It is shown as a QR code (error
 * correction M) a phone reads from 30-50 cm: at most 150 bytes keep it at version 8, 49 modules,
 * each about 0.5 mm in the code of 28 mm the page draws. */
enum { KS_URL_MAX = 150 };

/* The range of a pack version: from 1 to a number that no release count reaches (a release a
 * day for a million years) and every kiosk stores exactly. */
enum { KS_PACK_VERSION_MAX = 999999999 };

typedef struct {
  const char *id;
  ks_text title;
  int64_t version;          /* 1 to KS_PACK_VERSION_MAX; 0 when missing or not a number */
  const char *version_text; /* as written in pack.yaml or the pack, NULL when not read from one */
  /* The languages the pack is written in, as BCP 47 tags in the order the kiosk offers them;
   * packs of schema 1 to 3 and folders that declare none have zh and en. */
  const char *languages[KS_LANG_MAX];
  int n_languages;
  const char *default_lang; /* the tag of the language shown first; NULL for the first declared */
  int64_t built_at;         /* seconds since the epoch; 0 until built */
  const char *content_hash; /* hex SHA-256 of the content, NULL until built */
  const char *file;         /* pack.yaml path, or NULL */
  int line_id, line_version, line_languages, line_default_lang;
} ks_pack_meta;

/* A glossary entry: a Chinese term and its one English form (content/glossary.yaml). */
typedef struct {
  const char *zh, *en;
  const char **except; /* longer words holding zh that are not the term (科技部门 for 科技部) */
  size_t n_except;
  int line;
} ks_term;

typedef struct {
  ks_arena *arena;    /* owns everything below */
  const char *origin; /* the folder or pack it came from */
  ks_pack_meta meta;
  ks_source *sources;
  size_t n_sources;
  ks_exhibit *exhibits; /* sorted by id once loading is complete */
  size_t n_exhibits;
  size_t cap_exhibits;
  ks_term *glossary; /* from a source folder's glossary.yaml; packs do not store it */
  size_t n_glossary;
  const char *glossary_file; /* its path, or NULL when there is none */
} ks_content;

ks_content *ks_content_create(const char *origin);
void ks_content_destroy(ks_content *content);
/* Appends a zeroed exhibit and returns it; pointers to earlier exhibits may move. */
ks_exhibit *ks_content_add_exhibit(ks_content *content);
/* Sorts exhibits by id so that lookups and writes are deterministic. */
void ks_content_sort(ks_content *content);
/* Finds an exhibit by id in sorted content, or NULL (also for a NULL id). */
const ks_exhibit *ks_content_find(const ks_content *content, const char *id);
const ks_source *ks_content_find_source(const ks_content *content,
                                        const char *id); /* NULL id: NULL */
/* True when `e` is shown on `today` ("YYYY-MM-DD"): within its show_from and show_until. */
bool ks_exhibit_shown_on(const ks_exhibit *e, const char *today);
/* The content as shown on `today` ("YYYY-MM-DD"): the exhibits ks_exhibit_shown_on keeps, their
 * links to the others left out, everything else as in `content`. A view: it borrows every text of
 * `content` and must be destroyed (ks_content_destroy) before it. */
ks_content *ks_content_on_date(const ks_content *content, const char *today);
/* True when `a` and `b` hold the same exhibits (by id, in order): a view of a new day that shows
 * what the last one showed needs no new screens. */
bool ks_content_same_exhibits(const ks_content *a, const ks_content *b);
/* Number of exhibits of one kind. */
size_t ks_content_count(const ks_content *content, ks_kind kind);

/* The description of `kind` (a value below KS_KIND_COUNT). */
const ks_kind_info *ks_kind_info_of(ks_kind kind);
const char *ks_kind_name(ks_kind kind); /* "achievement", "city", "event", "statistic"; "?" else */
/* The folder of a kind in a source tree: "achievements", "cities", "events", "statistics". */
const char *ks_kind_folder(ks_kind kind);
bool ks_kind_parse(const char *name, ks_kind *kind);
/* The one rule for the ids of packs, exhibits and sources: KS_ID_MIN to KS_ID_MAX bytes of a-z,
 * 0-9 and '-', neither starting nor ending with '-'. They become file names, SQL keys and CSV
 * fields, so nothing else is allowed. False for NULL. */
enum { KS_ID_MIN = 3, KS_ID_MAX = 64 };
bool ks_id_valid(const char *id);
/* The slot of the language tagged `tag` (compared as ks_lang_same) among the content's, or -1. */
ks_lang ks_content_lang(const ks_content *content, const char *tag);
/* The tag of slot `lang`, or NULL for a slot the content does not have. */
const char *ks_content_lang_tag(const ks_content *content, ks_lang lang);
/* The slot of the default language: meta.default_lang's, else 0. */
ks_lang ks_content_default_lang(const ks_content *content);
/* The text of `t` in `lang`, else in `fallback`, else NULL; `*shown` (may be NULL) gets the slot
 * of the one returned (`lang` when none is). */
const char *ks_text_in(const ks_text *t, ks_lang lang, ks_lang fallback, ks_lang *shown);
/* Sets the content's languages to zh and en with zh the default: what packs of schema 1 to 3 and
 * source folders that declare none hold. */
void ks_content_set_zh_en(ks_content *content);
/* A pack version as written: only the digits of a whole number from 1 to KS_PACK_VERSION_MAX,
 * no sign, space, or anything after it ("2abc" is not 2; a number too large is not the largest).
 * False, leaving `*version` alone, otherwise. */
bool ks_pack_version_parse(const char *text, int64_t *version);
/* "result" or "reported", as written in sources and packs; parse returns false for others. */
const char *ks_date_basis_name(ks_date_basis basis);
bool ks_date_basis_parse(const char *name, ks_date_basis *basis);

/* The closed lists curators choose from; NULL-terminated. */
const char *const *ks_fields(void);
const char *const *ks_provinces(void);

#endif
