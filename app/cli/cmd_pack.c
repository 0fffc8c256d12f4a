#include "args.h"
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"
#include "kiosk/glyphs.h"
#include "kiosk/mem.h"
#include "kiosk/pack.h"
#include "kiosk/paths.h"
#include "kiosk/source.h"
#include "kiosk/validate.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const ks_cli_cmd pack_cmd = {
    .name = "pack",
    .synopsis = "build|validate|info|keygen|sign|verify|install|status|rollback [OPTIONS]",
    .about =
        "Content packs: `kiosk pack COMMAND --help` for each command.\n"
        "\n"
        "  build      check a content folder (see content/README.md) and, when it has no errors,\n"
        "             write it as one pack file\n"
        "  validate   check a content folder or a built pack; prints findings like a compiler\n"
        "  info       print what a pack holds\n"
        "  keygen     a signing key pair, minisign-compatible (kiosk.pub, kiosk.key)\n"
        "  sign       sign a pack: FILE.kpack.minisig, trusted comment \"pack:ID version:N\"\n"
        "  verify     check a pack's signature against trusted keys\n"
        "  install    install a signed pack into a kiosk's data folder\n"
        "  status     the pack a data folder shows, and the one kept for rollback\n"
        "  rollback   show the previous pack again\n"
        "\n"
        "  kiosk pack build SOURCE_DIR -o FILE.kpack\n"
        "  kiosk pack validate PATH [--json] [--junit FILE]\n"
        "  kiosk pack info FILE.kpack [--json]\n",
    .subcommands = true};

enum { OPT_OUT = 1, OPT_SOURCES, OPT_FONTS, OPT_JSON, OPT_JUNIT };

static const ks_cli_opt build_opts[] = {
    {OPT_OUT, "-o", "FILE.kpack", "where to write the pack"},
    {OPT_SOURCES, "--sources-dir", "DIR",
     "also check every quote against the source articles in DIR"},
    {OPT_FONTS, "--fonts", "DIR", "the fonts to check glyphs against (default: the bundled ones)"},
    {OPT_JSON, "--json", NULL, "print findings as JSON"},
    {0}};

static const ks_cli_cmd build_cmd = {
    .name = "pack build",
    .synopsis = "SOURCE_DIR -o FILE.kpack [--sources-dir DIR] [--fonts DIR] [--json]",
    .about =
        "Checks a content folder (see content/README.md) and, when it has no errors, writes it\n"
        "as one pack file. The build time is $SOURCE_DATE_EPOCH when set, so the same source\n"
        "builds to the same bytes. On a terminal, shows how far it has got.\n",
    .opts = build_opts,
    .max_operands = 1};

static const ks_cli_opt validate_opts[] = {
    {OPT_JSON, "--json", NULL, "print findings as JSON"},
    {OPT_JUNIT, "--junit", "FILE",
     "also write the findings to FILE as JUnit XML, for CI's test reports:\n"
     "one test case per file or exhibit, a failure for each with errors"},
    {OPT_SOURCES, "--sources-dir", "DIR",
     "also check every quote against the source articles in DIR"},
    {OPT_FONTS, "--fonts", "DIR", "the fonts to check glyphs against (default: the bundled ones)"},
    {0}};

static const ks_cli_cmd validate_cmd = {
    .name = "pack validate",
    .synopsis = "PATH [--json] [--junit FILE] [--sources-dir DIR] [--fonts DIR]",
    .about =
        "Checks a content folder or a built pack: fields, ids, links, dates, coordinates, text,\n"
        "glyphs in the bundled fonts, images, and for packs their format, integrity and\n"
        "content hash. Prints findings like a compiler; exits 0 only when there is no error.\n",
    .opts = validate_opts,
    .max_operands = 1};

static const ks_cli_opt info_opts[] = {
    {OPT_JSON, "--json", NULL,
     "print it as JSON: id, version, languages (their tags, in the order the\n"
     "kiosk offers them), default_language, title (per language), counts (exhibits\n"
     "per kind, keyed by the kind's name), built_at, content_sha256 and sources"},
    {0}};

static const ks_cli_cmd info_cmd = {.name = "pack info",
                                    .synopsis = "FILE.kpack [--json]",
                                    .about = "Prints what a pack holds.\n",
                                    .opts = info_opts,
                                    .max_operands = 1};

typedef struct {
  const char *input, *output, *sources_dir, *fonts_dir, *junit;
  bool json;
} pack_args;

/* -1 when the command line is read into `a`; otherwise the exit status to return. */
static int parse_args(const ks_cli_cmd *cmd, int argc, char **argv, pack_args *a) {
  ks_cli *cli = ks_cli_begin(cmd, argc, argv);
  const char *v;
  for (int id; (id = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (id == OPT_OUT)
      a->output = v;
    else if (id == OPT_SOURCES)
      a->sources_dir = v;
    else if (id == OPT_FONTS)
      a->fonts_dir = v;
    else if (id == OPT_JSON)
      a->json = true;
    else if (id == OPT_JUNIT)
      a->junit = v;
  }
  int n;
  char **operands = ks_cli_operands(cli, &n);
  a->input = n > 0 ? operands[0] : NULL;
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (!a->input)
    return ks_cli_refuse(cmd, cmd == &info_cmd ? "name the pack" : "name the folder or pack");
  return -1;
}

/* Opens the bundled fonts (or --fonts DIR); NULL with a finding when they cannot be found. */
static ks_glyphs *open_fonts(const pack_args *a, ks_diag *diag) {
  char dir[4096], err[512];
  if (a->fonts_dir)
    snprintf(dir, sizeof dir, "%s", a->fonts_dir);
  else if (!ks_paths_find("assets/fonts", dir, sizeof dir)) {
    ks_diag_add(diag, KS_ERROR, (ks_loc){0},
                "the bundled fonts were not found beside the kiosk binary; pass --fonts DIR");
    return NULL;
  }
  ks_glyphs *g = ks_glyphs_open(dir, err, sizeof err);
  if (!g)
    ks_diag_add(diag, KS_ERROR, (ks_loc){0}, "%s", err);
  return g;
}

static void print_findings(const ks_diag *diag, bool json, FILE *out) {
  if (json)
    ks_diag_print_json(diag, out);
  else
    ks_diag_print(diag, out);
}

/* A build's counter on a terminal: exhibits checked, then exhibits written, each of all. */
static void count_exhibits(void *progress, size_t done, size_t total) {
  ks_cli_progress_show(progress, (long)done, (long)total);
}

/* Loads and validates a source folder or a pack. Returns the content (NULL when it could not
 * be read at all); findings go to `diag`. `progress` (or NULL) counts the exhibits checked. */
static ks_content *load_checked(const pack_args *a, ks_diag *diag, ks_cli_progress *progress) {
  ks_content *content = NULL;
  if (ks_is_dir(a->input)) {
    content = ks_source_load(a->input, diag);
  } else {
    ks_pack *pack = ks_pack_open(a->input, diag);
    if (!pack)
      return NULL;
    if (ks_pack_verify(pack, diag))
      content = ks_pack_read(pack, diag);
    ks_pack_close(pack);
  }
  if (!content)
    return NULL;
  ks_glyphs *glyphs = open_fonts(a, diag);
  ks_validate_opts opts = {.glyphs = glyphs,
                           .sources_dir = a->sources_dir,
                           .progress = progress ? count_exhibits : NULL,
                           .progress_ctx = progress};
  if (glyphs)
    ks_validate(content, &opts, diag);
  ks_glyphs_close(glyphs);
  return content;
}

/* The findings as JUnit XML in `path`, a test case per exhibit checked (its file for a source
 * folder, its id for a pack) and per other file a finding names. */
static bool write_junit(const char *path, const char *suite, const ks_content *c,
                        const ks_diag *diag) {
  size_t n = c ? c->n_exhibits : 0;
  const char **keys = ks_xcalloc(n + 1, sizeof *keys);
  for (size_t i = 0; i < n; i++)
    keys[i] = c->exhibits[i].file ? c->exhibits[i].file : c->exhibits[i].id;
  FILE *f = fopen(path, "w");
  if (f) {
    ks_diag_print_junit(diag, suite, keys, n, f);
    if (fclose(f) != 0)
      f = NULL;
  }
  free(keys);
  if (!f)
    ks_diag_log(stderr, "kiosk pack validate: cannot write %s: %s", path, strerror(errno));
  return f != NULL;
}

static int cmd_validate(int argc, char **argv) {
  pack_args a = {0};
  int rc = parse_args(&validate_cmd, argc, argv, &a);
  if (rc >= 0)
    return rc;
  ks_diag *diag = ks_diag_create();
  ks_content *content = load_checked(&a, diag, NULL);
  print_findings(diag, a.json, stdout);
  rc = ks_diag_count(diag, KS_ERROR) ? 1 : 0;
  if (a.junit && !write_junit(a.junit, a.input, content, diag))
    rc = 1;
  ks_content_destroy(content);
  ks_diag_destroy(diag);
  return rc;
}

/* The build time: $SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
static bool build_time(int64_t *out) {
  const char *epoch = getenv("SOURCE_DATE_EPOCH");
  if (!epoch || !*epoch) {
    *out = (int64_t)time(NULL);
    return true;
  }
  char *end;
  errno = 0;
  long long v = strtoll(epoch, &end, 10);
  if (errno || *end || v < 0) {
    ks_diag_log(stderr, "kiosk pack build: SOURCE_DATE_EPOCH \"%s\" is not a number of seconds",
                epoch);
    return false;
  }
  *out = v;
  return true;
}

/* "12 achievements, 3 cities, …": the exhibits of each kind, named by its folder. */
static void count_kinds(const ks_content *c, char *out, size_t size) {
  out[0] = 0;
  for (int k = 0, n = 0; k < KS_KIND_COUNT && (size_t)n < size; k++)
    n += snprintf(out + n, size - (size_t)n, "%s%zu %s", k ? ", " : "",
                  ks_content_count(c, (ks_kind)k), ks_kind_folder((ks_kind)k));
}

static int cmd_build(int argc, char **argv) {
  pack_args a = {0};
  int rc = parse_args(&build_cmd, argc, argv, &a);
  if (rc >= 0)
    return rc;
  if (!a.output)
    return ks_cli_refuse(&build_cmd, "say where to write the pack with -o FILE.kpack");
  if (!ks_is_dir(a.input)) {
    ks_diag_log(stderr, "kiosk pack build: %s is not a content folder", a.input);
    return 2;
  }
  int64_t built_at;
  if (!build_time(&built_at))
    return 2;
  ks_diag *diag = ks_diag_create();
  ks_cli_progress progress;
  ks_cli_progress_begin(&progress, "kiosk pack build: checking exhibits");
  ks_content *content = load_checked(&a, diag, &progress);
  ks_cli_progress_end(&progress);
  rc = 1;
  if (content && ks_diag_count(diag, KS_ERROR) == 0) {
    ks_cli_progress_begin(&progress, "kiosk pack build: writing exhibits");
    if (ks_pack_write_progress(content, a.output, built_at, count_exhibits, &progress, diag))
      rc = 0;
    ks_cli_progress_end(&progress);
  }
  if (ks_diag_size(diag))
    print_findings(diag, a.json, stderr);
  if (rc == 0) {
    char counts[256];
    count_kinds(content, counts, sizeof counts);
    ks_diag_log(stdout, "wrote %s: %s", a.output, counts);
  } else
    fprintf(stderr, "kiosk pack build: no pack written\n");
  ks_content_destroy(content);
  ks_diag_destroy(diag);
  return rc;
}

/* pack info --json: what the text says, for scripts. The languages in the order the kiosk
 * offers them, the title in each, and the exhibits per kind keyed by the kind's name. */
static void print_info_json(const ks_content *c, const char *pack_path) {
  fputs("{\"pack\":", stdout);
  ks_diag_json_string(stdout, pack_path);
  fputs(",\"id\":", stdout);
  ks_diag_json_string(stdout, c->meta.id ? c->meta.id : "");
  fprintf(stdout, ",\"version\":%" PRId64 ",\"languages\":[", c->meta.version);
  for (ks_lang l = 0; l < c->meta.n_languages; l++) {
    fputs(l ? "," : "", stdout);
    ks_diag_json_string(stdout, ks_content_lang_tag(c, l));
  }
  fputs("],\"default_language\":", stdout);
  ks_diag_json_string(stdout, ks_content_lang_tag(c, ks_content_default_lang(c)));
  fputs(",\"title\":{", stdout);
  for (ks_lang l = 0, n = 0; l < c->meta.n_languages; l++)
    if (c->meta.title.s[l]) {
      fputs(n++ ? "," : "", stdout);
      ks_diag_json_string(stdout, ks_content_lang_tag(c, l));
      fputc(':', stdout);
      ks_diag_json_string(stdout, c->meta.title.s[l]);
    }
  fputs("},\"counts\":{", stdout);
  for (int k = 0; k < KS_KIND_COUNT; k++) {
    fputs(k ? "," : "", stdout);
    ks_diag_json_string(stdout, ks_kind_name((ks_kind)k));
    fprintf(stdout, ":%zu", ks_content_count(c, (ks_kind)k));
  }
  fprintf(stdout, "},\"built_at\":%" PRId64 ",\"content_sha256\":", c->meta.built_at);
  ks_diag_json_string(stdout, c->meta.content_hash ? c->meta.content_hash : "");
  fprintf(stdout, ",\"sources\":%zu}\n", c->n_sources);
}

static int cmd_info(int argc, char **argv) {
  pack_args a = {0};
  int rc = parse_args(&info_cmd, argc, argv, &a);
  if (rc >= 0)
    return rc;
  const char *pack_path = a.input;
  ks_diag *diag = ks_diag_create();
  ks_pack *pack = ks_pack_open(pack_path, diag);
  ks_content *c = pack ? ks_pack_read(pack, diag) : NULL;
  rc = 1;
  if (c && ks_diag_count(diag, KS_ERROR) == 0 && a.json) {
    print_info_json(c, pack_path);
    rc = 0;
  } else if (c && ks_diag_count(diag, KS_ERROR) == 0) {
    char when[32] = "unknown";
    time_t t = (time_t)c->meta.built_at;
    struct tm tm;
    if (gmtime_r(&t, &tm))
      strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
    ks_diag_log(stdout, "pack     %s (%s)", c->meta.id ? c->meta.id : "?", pack_path);
    char langs[KS_LANG_MAX * 40] = "", titles[2048] = "";
    for (ks_lang l = 0; l < c->meta.n_languages; l++) {
      size_t n = strlen(langs), m = strlen(titles);
      snprintf(langs + n, sizeof langs - n, "%s%s", l ? ", " : "", ks_content_lang_tag(c, l));
      if (c->meta.title.s[l])
        snprintf(titles + m, sizeof titles - m, "%s%s", m ? " / " : "", c->meta.title.s[l]);
    }
    ks_diag_log(stdout, "title    %s", titles);
    ks_diag_log(stdout, "languages %s (default %s)", langs,
                ks_content_lang_tag(c, ks_content_default_lang(c)));
    ks_diag_log(stdout, "version  %" PRId64 ", built %s", c->meta.version, when);
    ks_diag_log(stdout, "content  sha256 %s", c->meta.content_hash ? c->meta.content_hash : "?");
    char counts[256];
    count_kinds(c, counts, sizeof counts);
    ks_diag_log(stdout, "holds    %s from %zu sources", counts, c->n_sources);
    rc = 0;
  } else {
    ks_diag_print(diag, stderr);
  }
  ks_content_destroy(c);
  ks_pack_close(pack);
  ks_diag_destroy(diag);
  return rc;
}

ks_content *ks_cli_load_checked(const char *input, const char *sources_dir, const char *fonts_dir,
                                ks_diag *diag) {
  pack_args a = {.input = input, .sources_dir = sources_dir, .fonts_dir = fonts_dir};
  return load_checked(&a, diag, NULL);
}

int ks_cmd_pack(int argc, char **argv) {
  const char *name;
  int sub_argc;
  char **sub_argv;
  int rc = ks_cli_subcommand(&pack_cmd, argc, argv, &name, &sub_argc, &sub_argv);
  if (rc >= 0)
    return rc;
  static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
  } commands[] = {
      {"build", cmd_build},        {"validate", cmd_validate}, {"info", cmd_info},
      {"keygen", ks_cmd_keygen},   {"sign", ks_cmd_sign},      {"verify", ks_cmd_verify},
      {"install", ks_cmd_install}, {"status", ks_cmd_status},  {"rollback", ks_cmd_rollback}};
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(name, commands[i].name) == 0)
      return commands[i].run(sub_argc, sub_argv);
  char what[600];
  snprintf(what, sizeof what, "unknown command \"%.500s\"", name);
  return ks_cli_refuse(&pack_cmd, what);
}
