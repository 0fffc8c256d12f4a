/* Reads a curator's content folder (see content/README.md) into the content model. */
#ifndef KIOSK_SOURCE_H
#define KIOSK_SOURCE_H

#include "kiosk/content.h"
#include "kiosk/diag.h"

/* Loads pack.yaml, sources.yaml and every exhibit file under `dir`. Problems of form (a file
 * that is not UTF-8, YAML that does not parse, a field of the wrong type, an unknown field) are
 * reported to `diag` with file and line, and the rest is loaded as far as it can be; semantic
 * checks are ks_validate's. Returns NULL only when `dir` is not a readable folder (reported). */
ks_content *ks_source_load(const char *dir, ks_diag *diag);

/* Joins the lines of one body paragraph as the kiosk shows it: a line break between two Latin
 * characters becomes a space, between Chinese characters nothing. Exposed for tests. */
char *ks_source_join_lines(ks_arena *arena, const char *text, size_t len);

#endif
