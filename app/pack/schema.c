#include "schema.h"

#include "kiosk/pack.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The links between exhibits and the citations of their sources: the same in every version. */
#define SCHEMA_LINK_CITATION                                                                       \
  "CREATE TABLE link (\n"                                                                          \
  "  from_id TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  to_id TEXT NOT NULL REFERENCES exhibit(id),\n"                                                \
  "  PRIMARY KEY (from_id, to_id)\n"                                                               \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE INDEX link_to ON link(to_id);\n"                                                         \
  "CREATE TABLE citation (\n"                                                                      \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  source TEXT NOT NULL REFERENCES source(id),\n"                                                \
  "  quote TEXT NOT NULL,\n"                                                                       \
  "  note TEXT,\n"                                                                                 \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ") WITHOUT ROWID;\n"

/* Keep SCHEMA.md in step with this text. A pack must hold exactly these objects: the reader
 * compares a pack's sqlite_schema with what the text of its version creates. Versions 1 to 3 are
 * built from shared parts: version 2 added a column at the end of two tables (V2_*), version 3
 * two at the end of exhibit (V3_EXHIBIT). Version 4, which moved every text into one table, is
 * written out below but for the links and citations, the same in every version. */
#define SCHEMA_UP_TO_SOURCE_V1                                                                     \
  "CREATE TABLE meta (\n"                                                                          \
  "  key TEXT PRIMARY KEY NOT NULL,\n"                                                             \
  "  value TEXT NOT NULL\n"                                                                        \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE source (\n"                                                                        \
  "  id TEXT PRIMARY KEY NOT NULL,\n"                                                              \
  "  file TEXT NOT NULL,\n"                                                                        \
  "  title TEXT NOT NULL,\n"                                                                       \
  "  author TEXT,\n"                                                                               \
  "  published TEXT NOT NULL,\n"                                                                   \
  "  published_note TEXT"
#define V2_SOURCE ",\n  title_en TEXT"
#define SCHEMA_UP_TO_EXHIBIT                                                                       \
  "\n"                                                                                             \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE correction (\n"                                                                    \
  "  source TEXT NOT NULL REFERENCES source(id),\n"                                                \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  from_text TEXT NOT NULL,\n"                                                                   \
  "  to_text TEXT NOT NULL,\n"                                                                     \
  "  PRIMARY KEY (source, seq)\n"                                                                  \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE exhibit (\n"                                                                       \
  "  id TEXT PRIMARY KEY NOT NULL,\n"                                                              \
  "  kind TEXT NOT NULL CHECK (kind IN ('achievement', 'city', 'event')),\n"                       \
  "  title_zh TEXT NOT NULL,\n"                                                                    \
  "  title_en TEXT,\n"                                                                             \
  "  summary_zh TEXT NOT NULL,\n"                                                                  \
  "  summary_en TEXT,\n"                                                                           \
  "  body_zh TEXT NOT NULL,\n"                                                                     \
  "  body_en TEXT,\n"                                                                              \
  "  date_note TEXT"
#define V3_EXHIBIT ",\n  show_from TEXT,\n  show_until TEXT"
#define SCHEMA_UP_TO_ACHIEVEMENT_FROM_EXHIBIT                                                      \
  "\n"                                                                                             \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE achievement (\n"                                                                   \
  "  id TEXT PRIMARY KEY NOT NULL REFERENCES exhibit(id),\n"                                       \
  "  field TEXT NOT NULL,\n"                                                                       \
  "  year INTEGER NOT NULL,\n"                                                                     \
  "  place_zh TEXT,\n"                                                                             \
  "  place_en TEXT"
#define V2_ACHIEVEMENT ",\n  date_basis TEXT NOT NULL CHECK (date_basis IN ('result', 'reported'))"
#define SCHEMA_REST                                                                                \
  "\n"                                                                                             \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE city (\n"                                                                          \
  "  id TEXT PRIMARY KEY NOT NULL REFERENCES exhibit(id),\n"                                       \
  "  province TEXT NOT NULL,\n"                                                                    \
  "  lat REAL NOT NULL,\n"                                                                         \
  "  lon REAL NOT NULL,\n"                                                                         \
  "  corridor TEXT,\n"                                                                             \
  "  corridor_order INTEGER,\n"                                                                    \
  "  role_zh TEXT NOT NULL,\n"                                                                     \
  "  role_en TEXT\n"                                                                               \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE event (\n"                                                                         \
  "  id TEXT PRIMARY KEY NOT NULL REFERENCES exhibit(id),\n"                                       \
  "  date TEXT NOT NULL,\n"                                                                        \
  "  precision TEXT NOT NULL CHECK (precision IN ('year', 'month', 'day'))\n"                      \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE INDEX event_date ON event(date);\n"                                                      \
  "CREATE TABLE organisation (\n"                                                                  \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  name_zh TEXT NOT NULL,\n"                                                                     \
  "  name_en TEXT,\n"                                                                              \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE figure (\n"                                                                        \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  value TEXT NOT NULL,\n"                                                                       \
  "  value_en TEXT,\n"                                                                             \
  "  unit_zh TEXT NOT NULL,\n"                                                                     \
  "  unit_en TEXT,\n"                                                                              \
  "  label_zh TEXT NOT NULL,\n"                                                                    \
  "  label_en TEXT,\n"                                                                             \
  "  as_of TEXT,\n"                                                                                \
  "  source TEXT REFERENCES source(id),\n"                                                         \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE fact (\n"                                                                          \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  text_zh TEXT NOT NULL,\n"                                                                     \
  "  text_en TEXT,\n"                                                                              \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE image (\n"                                                                         \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  file TEXT NOT NULL,\n"                                                                        \
  "  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),\n"                            \
  "  width INTEGER NOT NULL,\n"                                                                    \
  "  height INTEGER NOT NULL,\n"                                                                   \
  "  caption_zh TEXT,\n"                                                                           \
  "  caption_en TEXT,\n"                                                                           \
  "  credit TEXT,\n"                                                                               \
  "  data BLOB NOT NULL,\n"                                                                        \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ");\n" SCHEMA_LINK_CITATION

/* Version 4: the texts of every language in one table, `text`, keyed by what they belong to
 * (owner, field, seq) and their language; the other tables keep what is not a text. Version 5
 * is version 4 with the kinds no longer listed in `exhibit` (ks_kind_parse refuses one this kiosk
 * does not know) and the statistics' values at the end. Version 6 is version 5 with a url as the
 * last column of `source` and of `exhibit` (V6_URL). */
#define SCHEMA_V4_UP_TO_SOURCE_END                                                                 \
  "CREATE TABLE meta (\n"                                                                          \
  "  key TEXT PRIMARY KEY NOT NULL,\n"                                                             \
  "  value TEXT NOT NULL\n"                                                                        \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE text (\n"                                                                          \
  "  owner TEXT NOT NULL,\n"                                                                       \
  "  field TEXT NOT NULL,\n"                                                                       \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  lang TEXT NOT NULL,\n"                                                                        \
  "  value TEXT NOT NULL,\n"                                                                       \
  "  PRIMARY KEY (owner, field, seq, lang)\n"                                                      \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE source (\n"                                                                        \
  "  id TEXT PRIMARY KEY NOT NULL,\n"                                                              \
  "  file TEXT NOT NULL,\n"                                                                        \
  "  title TEXT NOT NULL,\n"                                                                       \
  "  author TEXT,\n"                                                                               \
  "  published TEXT NOT NULL,\n"                                                                   \
  "  published_note TEXT"
#define SCHEMA_V4_SOURCE_TO_KIND                                                                   \
  "\n"                                                                                             \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE correction (\n"                                                                    \
  "  source TEXT NOT NULL REFERENCES source(id),\n"                                                \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  from_text TEXT NOT NULL,\n"                                                                   \
  "  to_text TEXT NOT NULL,\n"                                                                     \
  "  PRIMARY KEY (source, seq)\n"                                                                  \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE exhibit (\n"                                                                       \
  "  id TEXT PRIMARY KEY NOT NULL,\n"
#define V4_KIND "  kind TEXT NOT NULL CHECK (kind IN ('achievement', 'city', 'event')),\n"
#define V5_KIND "  kind TEXT NOT NULL,\n"
#define SCHEMA_V4_DATE_NOTE                                                                        \
  "  date_note TEXT,\n"                                                                            \
  "  show_from TEXT,\n"                                                                            \
  "  show_until TEXT"
/* Version 6: an address to read more at, the last column of `source` and of `exhibit`. */
#define V6_URL ",\n  url TEXT"
#define SCHEMA_V4_FROM_ACHIEVEMENT                                                                 \
  "\n"                                                                                             \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE achievement (\n"                                                                   \
  "  id TEXT PRIMARY KEY NOT NULL REFERENCES exhibit(id),\n"                                       \
  "  field TEXT NOT NULL,\n"                                                                       \
  "  year INTEGER NOT NULL,\n"                                                                     \
  "  date_basis TEXT NOT NULL CHECK (date_basis IN ('result', 'reported'))\n"                      \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE city (\n"                                                                          \
  "  id TEXT PRIMARY KEY NOT NULL REFERENCES exhibit(id),\n"                                       \
  "  province TEXT NOT NULL,\n"                                                                    \
  "  lat REAL NOT NULL,\n"                                                                         \
  "  lon REAL NOT NULL,\n"                                                                         \
  "  corridor TEXT,\n"                                                                             \
  "  corridor_order INTEGER\n"                                                                     \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE event (\n"                                                                         \
  "  id TEXT PRIMARY KEY NOT NULL REFERENCES exhibit(id),\n"                                       \
  "  date TEXT NOT NULL,\n"                                                                        \
  "  precision TEXT NOT NULL CHECK (precision IN ('year', 'month', 'day'))\n"                      \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE INDEX event_date ON event(date);\n"                                                      \
  "CREATE TABLE organisation (\n"                                                                  \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE figure (\n"                                                                        \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  value TEXT NOT NULL,\n"                                                                       \
  "  as_of TEXT,\n"                                                                                \
  "  source TEXT REFERENCES source(id),\n"                                                         \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE fact (\n"                                                                          \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ") WITHOUT ROWID;\n"                                                                             \
  "CREATE TABLE image (\n"                                                                         \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  file TEXT NOT NULL,\n"                                                                        \
  "  mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),\n"                            \
  "  width INTEGER NOT NULL,\n"                                                                    \
  "  height INTEGER NOT NULL,\n"                                                                   \
  "  credit TEXT,\n"                                                                               \
  "  data BLOB NOT NULL,\n"                                                                        \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ");\n" SCHEMA_LINK_CITATION
#define V5_STAT_VALUE                                                                              \
  "CREATE TABLE stat_value (\n"                                                                    \
  "  exhibit TEXT NOT NULL REFERENCES exhibit(id),\n"                                              \
  "  seq INTEGER NOT NULL,\n"                                                                      \
  "  value TEXT NOT NULL,\n"                                                                       \
  "  approx TEXT CHECK (approx IN ('over', 'about', 'nearly')),\n"                                 \
  "  as_of TEXT NOT NULL,\n"                                                                       \
  "  from_date TEXT,\n"                                                                            \
  "  as_of_basis TEXT NOT NULL CHECK (as_of_basis IN ('stated', 'reported')),\n"                   \
  "  as_of_note TEXT,\n"                                                                           \
  "  basis TEXT NOT NULL CHECK (basis IN ('actual', 'target')),\n"                                 \
  "  source TEXT NOT NULL REFERENCES source(id),\n"                                                \
  "  quote TEXT NOT NULL,\n"                                                                       \
  "  note TEXT,\n"                                                                                 \
  "  PRIMARY KEY (exhibit, seq)\n"                                                                 \
  ") WITHOUT ROWID;\n"

const char ks_pack_schema_sql[] = SCHEMA_V4_UP_TO_SOURCE_END V6_URL SCHEMA_V4_SOURCE_TO_KIND V5_KIND
    SCHEMA_V4_DATE_NOTE V6_URL SCHEMA_V4_FROM_ACHIEVEMENT V5_STAT_VALUE;

int ks_pack_schema_version(sqlite3 *db) {
  sqlite3_stmt *st;
  int version = 0;
  if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
    if (sqlite3_step(st) == SQLITE_ROW)
      version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
  }
  return version;
}

const char *ks_pack_schema_sql_for(int version) {
  static const char v1[] =
      SCHEMA_UP_TO_SOURCE_V1 SCHEMA_UP_TO_EXHIBIT SCHEMA_UP_TO_ACHIEVEMENT_FROM_EXHIBIT SCHEMA_REST;
  static const char v2[] = SCHEMA_UP_TO_SOURCE_V1 V2_SOURCE SCHEMA_UP_TO_EXHIBIT
      SCHEMA_UP_TO_ACHIEVEMENT_FROM_EXHIBIT V2_ACHIEVEMENT SCHEMA_REST;
  static const char v3[] = SCHEMA_UP_TO_SOURCE_V1 V2_SOURCE SCHEMA_UP_TO_EXHIBIT V3_EXHIBIT
      SCHEMA_UP_TO_ACHIEVEMENT_FROM_EXHIBIT V2_ACHIEVEMENT SCHEMA_REST;
  static const char v4[] = SCHEMA_V4_UP_TO_SOURCE_END SCHEMA_V4_SOURCE_TO_KIND V4_KIND
      SCHEMA_V4_DATE_NOTE SCHEMA_V4_FROM_ACHIEVEMENT;
  static const char v5[] = SCHEMA_V4_UP_TO_SOURCE_END SCHEMA_V4_SOURCE_TO_KIND V5_KIND
      SCHEMA_V4_DATE_NOTE SCHEMA_V4_FROM_ACHIEVEMENT V5_STAT_VALUE;
  return version == 1                        ? v1
         : version == 2                      ? v2
         : version == 3                      ? v3
         : version == 4                      ? v4
         : version == 5                      ? v5
         : version == KS_PACK_SCHEMA_VERSION ? ks_pack_schema_sql
                                             : NULL;
}

/* Version 4's one table more, hashed right after `meta`, before the tables of versions 1 to 3;
 * version 5's after all of them. */
static const ks_pack_table text_table = {"text", "owner, field, seq, lang"};
static const ks_pack_table stat_value_table = {"stat_value", "exhibit, seq"};

const ks_pack_table *ks_pack_table_at(int version, int i) {
  bool v4 = version >= 4, v5 = version >= 5;
  int n = ks_pack_table_count + v4 + v5;
  if (i < 0 || i >= n)
    return NULL;
  if (v5 && i == n - 1)
    return &stat_value_table;
  return !v4 || i == 0 ? &ks_pack_tables[i] : i == 1 ? &text_table : &ks_pack_tables[i - 1];
}

const ks_pack_table ks_pack_tables[] = {
    {"meta", "key"},
    {"source", "id"},
    {"correction", "source, seq"},
    {"exhibit", "id"},
    {"achievement", "id"},
    {"city", "id"},
    {"event", "id"},
    {"organisation", "exhibit, seq"},
    {"figure", "exhibit, seq"},
    {"fact", "exhibit, seq"},
    {"image", "exhibit, seq"},
    {"link", "from_id, to_id"},
    {"citation", "exhibit, seq"},
};
const int ks_pack_table_count = (int)(sizeof ks_pack_tables / sizeof *ks_pack_tables);

static void put_u64(crypto_hash_sha256_state *st, uint64_t v) {
  unsigned char b[8];
  for (int i = 0; i < 8; i++)
    b[i] = (unsigned char)(v >> (56 - 8 * i));
  crypto_hash_sha256_update(st, b, 8);
}

static void put_bytes(crypto_hash_sha256_state *st, unsigned char tag, const void *p, size_t n) {
  crypto_hash_sha256_update(st, &tag, 1);
  put_u64(st, n);
  if (n)
    crypto_hash_sha256_update(st, p, n);
}

/* Each value enters the hash as a type tag and a fixed-width or length-prefixed form, so that
 * no two different contents serialise alike; numbers are big-endian on every machine. */
int ks_pack_hash_db(sqlite3 *db, char hex[65], char *err, int err_size) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  int version = ks_pack_schema_version(db);
  for (int t = 0; ks_pack_table_at(version, t); t++) {
    const ks_pack_table *table = ks_pack_table_at(version, t);
    char sql[256];
    /* The build time and the hash itself are not content. */
    const char *where =
        strcmp(table->table, "meta") == 0 ? " WHERE key NOT IN ('built_at', 'content_hash')" : "";
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"%s ORDER BY %s", table->table, where,
             table->order_by);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) {
      snprintf(err, (size_t)err_size, "%s", sqlite3_errmsg(db));
      return SQLITE_ERROR;
    }
    put_bytes(&st, 'T', table->table, strlen(table->table));
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      int cols = sqlite3_column_count(stmt);
      crypto_hash_sha256_update(&st, (const unsigned char *)"R", 1);
      for (int c = 0; c < cols; c++) {
        switch (sqlite3_column_type(stmt, c)) {
        case SQLITE_NULL:
          crypto_hash_sha256_update(&st, (const unsigned char *)"N", 1);
          break;
        case SQLITE_INTEGER:
          crypto_hash_sha256_update(&st, (const unsigned char *)"I", 1);
          put_u64(&st, (uint64_t)sqlite3_column_int64(stmt, c));
          break;
        case SQLITE_FLOAT: {
          double d = sqlite3_column_double(stmt, c);
          uint64_t bits;
          memcpy(&bits, &d, sizeof bits);
          crypto_hash_sha256_update(&st, (const unsigned char *)"F", 1);
          put_u64(&st, bits);
          break;
        }
        case SQLITE_TEXT:
          put_bytes(&st, 'S', sqlite3_column_text(stmt, c), (size_t)sqlite3_column_bytes(stmt, c));
          break;
        default:
          put_bytes(&st, 'B', sqlite3_column_blob(stmt, c), (size_t)sqlite3_column_bytes(stmt, c));
          break;
        }
      }
    }
    if (rc != SQLITE_DONE) {
      snprintf(err, (size_t)err_size, "%s", sqlite3_errmsg(db));
      sqlite3_finalize(stmt);
      return rc;
    }
    sqlite3_finalize(stmt);
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, digest);
  sodium_bin2hex(hex, 65, digest, sizeof digest);
  return SQLITE_OK;
}
