/* Private to the pack module: the schema text writer and reader share, and the open pack. */
#ifndef KIOSK_PACK_SCHEMA_H
#define KIOSK_PACK_SCHEMA_H

#include <sqlite3.h>

/* The CREATE statements of the schema version this kiosk writes, KS_PACK_SCHEMA_VERSION, in
 * order (documented in SCHEMA.md). */
extern const char ks_pack_schema_sql[];
/* The CREATE statements of schema `version`, or NULL for a version this kiosk cannot read. */
const char *ks_pack_schema_sql_for(int version);
/* The schema version (PRAGMA user_version) of an open pack; 0 when it cannot be read. */
int ks_pack_schema_version(sqlite3 *db);
/* Tables whose rows the content hash covers, in hash order, each with its ORDER BY:
 * ks_pack_tables those of versions 1 to 3; ks_pack_table_at the i-th of a version's (version 4
 * adds `text` after `meta`), NULL past the last. */
typedef struct {
  const char *table;
  const char *order_by;
} ks_pack_table;
extern const ks_pack_table ks_pack_tables[];
extern const int ks_pack_table_count;
const ks_pack_table *ks_pack_table_at(int version, int i);

struct ks_pack {
  sqlite3 *db; /* read-only, hardened */
  char *path;  /* as given, for findings */
};

/* The hash of the content of an open database (shared by writer and reader). */
int ks_pack_hash_db(sqlite3 *db, char hex[65], char *err, int err_size);

#endif
