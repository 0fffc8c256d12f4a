#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"
#include "kiosk/glyphs.h"
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

static const char pack_usage[] =
    "usage: kiosk pack build SOURCE_DIR -o FILE.kpack [--sources-dir DIR] [--fonts DIR]\n"
    "       kiosk pack validate PATH [--json] [--sources-dir DIR] [--fonts DIR]\n"
    "       kiosk pack info FILE.kpack\n"
    "       kiosk pack keygen [--out DIR] [--password-file FILE | --no-password]\n"
    "       kiosk pack sign FILE.kpack --key SECRET_KEY [--password-file FILE]\n"
    "       kiosk pack verify FILE.kpack --pubkey KEY.pub [--pubkey …]\n"
    "       kiosk pack install FILE.kpack --data-dir DIR --pubkey KEY.pub [--rollback-ok]\n"
    "       kiosk pack status|rollback --data-dir DIR\n"
    "\n"
    "  build      check a content folder (see content/README.md) and, when it has no errors,\n"
    "             write it as one pack file. The build time is $SOURCE_DATE_EPOCH when set,\n"
    "             so the same source builds to the same bytes.\n"
    "  validate   check a content folder or a built pack: fields, ids, links, dates,\n"
    "             coordinates, text, glyphs in the bundled fonts, images, and for packs their\n"
    "             format, integrity and content hash. Prints findings like a compiler; exits\n"
    "             0 only when there is no error.\n"
    "  info       print what a pack holds\n"
    "  keygen     a signing key pair, minisign-compatible (kiosk.pub, kiosk.key); the\n"
    "             secret key is protected by a password, asked twice on the terminal\n"
    "  sign       sign a pack: FILE.kpack.minisig, trusted comment \"pack:ID version:N\"\n"
    "             (minisign -S -s KEY -m FILE.kpack -t \"pack:ID version:N\" is equivalent)\n"
    "  verify     check a pack's signature against trusted keys\n"
    "  install    install a signed pack into a kiosk's data folder (kiosk pack install -h)\n"
    "  status     the pack a data folder shows, and the one kept for rollback\n"
    "  rollback   show the previous pack again\n"
    "\n"
    "  -o FILE            where build writes the pack\n"
    "  --json             print findings as JSON\n"
    "  --sources-dir DIR  also check every quote against the source articles in DIR\n"
    "  --fonts DIR        the fonts to check glyphs against (default: the bundled ones)\n"
    "\n"
    "Secret keys are password-protected as minisign protects them (scrypt, about 5 s and\n"
    "1 GiB to open), so a copy of kiosk.key alone cannot sign. keygen and sign ask for the\n"
    "password on the terminal without echo; minisign's keys, with or without a password\n"
    "(minisign -G, minisign -G -W), work as well.\n"
    "  --password-file FILE  read the password from the first line of FILE (- for standard\n"
    "                        input) instead: for scripts; keep FILE readable by you only\n"
    "  --no-password         keygen: an unencrypted key (as minisign -W), for automation\n"
    "                        where the key file itself is guarded\n";

typedef struct {
  const char *input, *output, *sources_dir, *fonts_dir;
  bool json;
} pack_args;

static int parse_args(int argc, char **argv, pack_args *a, bool allow_output) {
  for (int i = 0; i < argc; i++) {
    const char *arg = argv[i];
    bool has_value = i + 1 < argc;
    if (strcmp(arg, "-o") == 0 && allow_output && has_value)
      a->output = argv[++i];
    else if (strcmp(arg, "--sources-dir") == 0 && has_value)
      a->sources_dir = argv[++i];
    else if (strcmp(arg, "--fonts") == 0 && has_value)
      a->fonts_dir = argv[++i];
    else if (strcmp(arg, "--json") == 0)
      a->json = true;
    else if (arg[0] != '-' && !a->input)
      a->input = arg;
    else {
      ks_diag_log(stderr, "kiosk pack: unexpected argument \"%s\"", arg);
      fputs("\n", stderr);
      fputs(pack_usage, stderr);
      return 2;
    }
  }
  if (!a->input) {
    ks_diag_log(stderr, "kiosk pack: name the folder or pack to work on");
    fputs("\n", stderr);
    fputs(pack_usage, stderr);
    return 2;
  }
  return 0;
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

/* Loads and validates a source folder or a pack. Returns the content (NULL when it could not
 * be read at all); findings go to `diag`. */
static ks_content *load_checked(const pack_args *a, ks_diag *diag) {
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
  ks_validate_opts opts = {.glyphs = glyphs, .sources_dir = a->sources_dir};
  if (glyphs)
    ks_validate(content, &opts, diag);
  ks_glyphs_close(glyphs);
  return content;
}

static int cmd_validate(int argc, char **argv) {
  pack_args a = {0};
  int rc = parse_args(argc, argv, &a, false);
  if (rc)
    return rc;
  ks_diag *diag = ks_diag_create();
  ks_content_destroy(load_checked(&a, diag));
  print_findings(diag, a.json, stdout);
  rc = ks_diag_count(diag, KS_ERROR) ? 1 : 0;
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

static int cmd_build(int argc, char **argv) {
  pack_args a = {0};
  int rc = parse_args(argc, argv, &a, true);
  if (rc)
    return rc;
  if (!a.output) {
    fprintf(stderr, "kiosk pack build: say where to write the pack with -o FILE.kpack\n");
    return 2;
  }
  if (!ks_is_dir(a.input)) {
    ks_diag_log(stderr, "kiosk pack build: %s is not a content folder", a.input);
    return 2;
  }
  int64_t built_at;
  if (!build_time(&built_at))
    return 2;
  ks_diag *diag = ks_diag_create();
  ks_content *content = load_checked(&a, diag);
  rc = 1;
  if (content && ks_diag_count(diag, KS_ERROR) == 0 &&
      ks_pack_write(content, a.output, built_at, diag)) {
    rc = 0;
  }
  if (ks_diag_size(diag))
    print_findings(diag, a.json, stderr);
  if (rc == 0)
    ks_diag_log(stdout, "wrote %s: %zu achievements, %zu cities, %zu events", a.output,
                ks_content_count(content, KS_KIND_ACHIEVEMENT),
                ks_content_count(content, KS_KIND_CITY), ks_content_count(content, KS_KIND_EVENT));
  else
    fprintf(stderr, "kiosk pack build: no pack written\n");
  ks_content_destroy(content);
  ks_diag_destroy(diag);
  return rc;
}

int ks_cmd_summary(const char *pack_path) {
  ks_diag *diag = ks_diag_create();
  ks_pack *pack = ks_pack_open(pack_path, diag);
  ks_content *c = pack ? ks_pack_read(pack, diag) : NULL;
  int rc = 1;
  if (c && ks_diag_count(diag, KS_ERROR) == 0) {
    char when[32] = "unknown";
    time_t t = (time_t)c->meta.built_at;
    struct tm tm;
    if (gmtime_r(&t, &tm))
      strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", &tm);
    ks_diag_log(stdout, "pack     %s (%s)", c->meta.id ? c->meta.id : "?", pack_path);
    ks_diag_log(stdout, "title    %s / %s",
                c->meta.title.s[KS_LANG_ZH] ? c->meta.title.s[KS_LANG_ZH] : "",
                c->meta.title.s[KS_LANG_EN] ? c->meta.title.s[KS_LANG_EN] : "");
    ks_diag_log(stdout, "version  %" PRId64 ", built %s", c->meta.version, when);
    ks_diag_log(stdout, "content  sha256 %s", c->meta.content_hash ? c->meta.content_hash : "?");
    printf("holds    %zu achievements, %zu cities, %zu events from %zu sources\n",
           ks_content_count(c, KS_KIND_ACHIEVEMENT), ks_content_count(c, KS_KIND_CITY),
           ks_content_count(c, KS_KIND_EVENT), c->n_sources);
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
  return load_checked(&a, diag);
}

int ks_cmd_pack(int argc, char **argv) {
  if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
    fputs(pack_usage, argc < 1 ? stderr : stdout);
    return argc < 1 ? 2 : 0;
  }
  if (strcmp(argv[0], "build") == 0)
    return cmd_build(argc - 1, argv + 1);
  if (strcmp(argv[0], "validate") == 0)
    return cmd_validate(argc - 1, argv + 1);
  if (strcmp(argv[0], "info") == 0 && argc == 2)
    return ks_cmd_summary(argv[1]);
  if (strcmp(argv[0], "keygen") == 0)
    return ks_cmd_keygen(argc - 1, argv + 1);
  if (strcmp(argv[0], "sign") == 0)
    return ks_cmd_sign(argc - 1, argv + 1);
  if (strcmp(argv[0], "verify") == 0)
    return ks_cmd_verify(argc - 1, argv + 1);
  if (strcmp(argv[0], "install") == 0)
    return ks_cmd_install(argc - 1, argv + 1);
  if (strcmp(argv[0], "status") == 0)
    return ks_cmd_status(argc - 1, argv + 1);
  if (strcmp(argv[0], "rollback") == 0)
    return ks_cmd_rollback(argc - 1, argv + 1);
  ks_diag_log(stderr, "kiosk pack: unknown command \"%s\"", argv[0]);
  fputs("\n", stderr);
  fputs(pack_usage, stderr);
  return 2;
}
