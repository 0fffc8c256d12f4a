#include "args.h"
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/paths.h"
#include "kiosk/service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifndef KIOSK_CONFIG_FILE
#define KIOSK_CONFIG_FILE "/etc/kiosk/kiosk.ini"
#endif

enum { OPT_CONFIG = 1, OPT_DATA_DIR, OPT_PACK, OPT_WINDOWED, OPT_ROTATE, OPT_IDLE, OPT_LANG };

static const ks_cli_opt kiosk_opts[] = {
    {OPT_CONFIG, "--config", "FILE",
     "the configuration (default " KIOSK_CONFIG_FILE " when it exists;\n"
     "without one the kiosk shows the bundled pack and installs nothing)"},
    {OPT_DATA_DIR, "--data-dir", "DIR",
     "installed packs and statistics (overrides the configuration)"},
    {OPT_PACK, "--pack", "FILE.kpack", "open this pack instead of the installed or bundled one"},
    {OPT_WINDOWED, "--windowed", NULL, "a 1280x720 window instead of fullscreen, for development"},
    {OPT_ROTATE, "--rotate", "DEG",
     "turn the picture and the touches for a panel mounted turned\n"
     "(SDL on KMS/DRM ignores the kernel's rotation): 0, 90, 180, 270"},
    {OPT_IDLE, "--idle-timeout", "S",
     "seconds untouched before the attract loop (default 90; 0 never)"},
    {OPT_LANG, "--lang", "TAG", "the language visitors find (default: the pack's)"},
    {0}};

static const ks_cli_cmd kiosk_cmd = {
    .name = "",
    .synopsis = "[--config FILE] [--data-dir DIR] [--pack FILE.kpack] [--windowed]\n"
                "[--rotate 0|90|180|270] [--idle-timeout SECONDS] [--lang TAG]\n"
                "COMMAND [OPTIONS] (`kiosk COMMAND --help` for each)",
    .about =
        "Exhibit Kiosk shows touch-navigable exhibits from a content pack: without a command,\n"
        "the bundled pack fullscreen (Esc or Backspace: back, H: home, L: language).\n"
        "\n"
        "commands:\n"
        "  pack build|validate|info|keygen|sign|verify|install|status|rollback\n"
        "                        build, check, sign and install content packs\n"
        "  render                render a screen to PNG without a display\n"
        "  play                  replay a touch script headless, with screenshots\n"
        "  proof                 every screen in both languages and contact sheets, for review\n"
        "  preview SOURCE_DIR    a content folder shown live while it is edited\n"
        "  layout-check          every screen checked against the 9 mm and 4 mm floors\n"
        "  bench                 print start-up, idle, fling and memory figures, headless\n"
        "  stats                 the visitor statistics of a data folder\n"
        "  fleet status          what each kiosk of a hall reported in the folder they share\n",
    .opts = kiosk_opts,
    .max_operands = 1};

/* What the kiosk's own options say; the command line wins over the configuration file, which is
 * read once all is parsed. */
typedef struct {
  ks_service_opts run;
  const char *config, *data_dir, *lang;
  int rotation;       /* -1: the configuration's */
  float idle_timeout; /* -1: the configuration's */
} kiosk_args;

/* -1 when the kiosk is to run; otherwise the exit status (help, version, a wrong argument). */
static int parse_kiosk_args(int argc, char **argv, kiosk_args *a) {
  ks_cli *cli = ks_cli_begin(&kiosk_cmd, argc, argv);
  const char *v;
  for (int id; (id = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (id == OPT_CONFIG)
      a->config = v;
    else if (id == OPT_DATA_DIR)
      a->data_dir = v;
    else if (id == OPT_WINDOWED)
      a->run.windowed = true;
    else if (id == OPT_PACK)
      a->run.pack = v;
    else if (id == OPT_ROTATE) {
      a->rotation = atoi(v);
      if (a->rotation != 0 && a->rotation != 90 && a->rotation != 180 && a->rotation != 270)
        ks_cli_fail(cli, "--rotate takes 0, 90, 180 or 270");
    } else if (id == OPT_IDLE) {
      a->idle_timeout = (float)atof(v);
      if (a->idle_timeout < 0)
        ks_cli_fail(cli, "--idle-timeout takes a number of seconds, 0 for never");
    } else if (id == OPT_LANG) {
      a->lang = v;
      if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
        ks_cli_fail(cli, "--lang takes zh or en");
    }
  }
  int n;
  char **rest = ks_cli_operands(cli, &n);
  if (n > 0) { /* after --help, KS_CLI_DONE came before any operand was read: n is 0 */
    char what[600];
    snprintf(what, sizeof what, "unknown command \"%.500s\"", rest[0]);
    ks_cli_fail(cli, what);
  }
  return ks_cli_end(cli);
}

int main(int argc, char **argv) {
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  if (argc > 1) {
    const char *c = argv[1];
    if (strcmp(c, "pack") == 0)
      return ks_cmd_pack(argc - 2, argv + 2);
    if (strcmp(c, "stats") == 0)
      return ks_cmd_stats(argc - 2, argv + 2);
    if (strcmp(c, "fleet") == 0)
      return ks_cmd_fleet(argc - 2, argv + 2);
    if (strcmp(c, "render") == 0)
      return ks_cmd_render(argc - 2, argv + 2);
    if (strcmp(c, "play") == 0)
      return ks_cmd_play(argc - 2, argv + 2);
    if (strcmp(c, "preview") == 0)
      return ks_cmd_preview(argc - 2, argv + 2);
    if (strcmp(c, "proof") == 0)
      return ks_cmd_proof(argc - 2, argv + 2);
    if (strcmp(c, "layout-check") == 0)
      return ks_cmd_layout_check(argc - 2, argv + 2);
    if (strcmp(c, "bench") == 0)
      return ks_cmd_bench(argc - 2, argv + 2,
                          (double)start.tv_sec * 1e3 + (double)start.tv_nsec / 1e6);
  }
  kiosk_args a = {.rotation = -1, .idle_timeout = -1};
  int rc = parse_kiosk_args(argc - 1, argv + 1, &a);
  if (rc >= 0)
    return rc;
  ks_service_opts run = a.run;
  const char *config = a.config, *data_dir = a.data_dir, *lang = a.lang;
  int rotation = a.rotation;
  float idle_timeout = a.idle_timeout;
  /* Without a configuration file the kiosk shows the bundled pack and installs nothing. */
  ks_config_defaults(&run.config);
  run.config.data_dir[0] = '\0';
  if (!config && access(KIOSK_CONFIG_FILE, F_OK) == 0)
    config = KIOSK_CONFIG_FILE;
  if (config) {
    ks_config_defaults(&run.config);
    ks_diag *diag = ks_diag_create();
    /* A wrong line is logged and ignored: a kiosk in a hall never goes dark over a typo. */
    if (!ks_config_load(&run.config, config, diag))
      ks_diag_print(diag, stderr);
    ks_diag_destroy(diag);
  }
  if (data_dir)
    snprintf(run.config.data_dir, sizeof run.config.data_dir, "%s", data_dir);
  if (rotation >= 0)
    run.config.rotation = rotation;
  if (idle_timeout >= 0)
    run.config.idle_timeout = idle_timeout;
  if (lang)
    snprintf(run.config.default_lang, sizeof run.config.default_lang, "%s", lang);
  return ks_service_run(&run);
}
