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

static const char usage[] =
    "usage: kiosk [--config FILE] [--data-dir DIR] [--pack FILE.kpack] [--windowed]\n"
    "             [--rotate 0|90|180|270] [--idle-timeout SECONDS] [--lang zh|en]\n"
    "       kiosk pack build SOURCE_DIR -o FILE.kpack\n"
    "       kiosk pack validate PATH [--json] [--sources-dir DIR]\n"
    "       kiosk pack info FILE.kpack\n"
    "       kiosk render --screen NAME [--id EXHIBIT] [--lang zh|en] [--size WxH]\n"
    "                    [--diagonal INCHES | --panel-mm WxH] --out FILE.png\n"
    "       kiosk play SCRIPT [--size WxH] --out-dir DIR\n"
    "       kiosk proof [--pack FILE.kpack] [--diagonal INCHES | --panel-mm WxH] --out DIR\n"
    "       kiosk stats --data-dir DIR [--csv FILE]\n"
    "       kiosk fleet status FOLDER [--json]\n"
    "       kiosk bench [--pack FILE.kpack] [--size WxH]\n"
    "\n"
    "Exhibit Kiosk shows touch-navigable exhibits from a content pack.\n"
    "\n"
    "  kiosk                 show the bundled pack fullscreen (Esc or Backspace: back, H: home,\n"
    "                        L: language)\n"
    "  kiosk pack …          build and check content packs; `kiosk pack --help` for more\n"
    "  kiosk render …        render a screen to PNG without a display; `--help` for more\n"
    "  kiosk play …          replay a touch script headless, with screenshots; `--help`\n"
    "  kiosk proof           every screen in both languages and contact sheets, for review\n"
    "  kiosk bench           print start-up, idle, fling and memory figures, headless\n"
    "  kiosk fleet status    what each kiosk of a hall reported in the folder they share\n"
    "  --config FILE         the configuration (default " KIOSK_CONFIG_FILE " when it exists;\n"
    "                        without one the kiosk shows the bundled pack and installs nothing)\n"
    "  --data-dir DIR        installed packs and statistics (overrides the configuration)\n"
    "  --pack FILE.kpack     open this pack instead of the installed or bundled one\n"
    "  --windowed            a 1280x720 window instead of fullscreen, for development\n"
    "  --rotate DEG          turn the picture and the touches for a panel mounted turned\n"
    "                        (SDL on KMS/DRM ignores the kernel's rotation); default 0\n"
    "  --idle-timeout S      seconds untouched before the attract loop (default 90; 0 never)\n"
    "  --lang zh|en          the language visitors find (default: the pack's)\n"
    "  --help                this text\n"
    "  --version             the kiosk's version\n";

int main(int argc, char **argv) {
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  ks_service_opts run = {0};
  /* The command line wins over the configuration file, which is read once all is parsed. */
  const char *config = NULL, *data_dir = NULL, *lang = NULL;
  int rotation = -1;
  float idle_timeout = -1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(argv[i], "--version") == 0) {
      fputs("kiosk " KIOSK_VERSION "\n", stdout);
      return 0;
    } else if (strcmp(argv[i], "pack") == 0 && i == 1) {
      return ks_cmd_pack(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "stats") == 0 && i == 1) {
      return ks_cmd_stats(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "fleet") == 0 && i == 1) {
      return ks_cmd_fleet(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "render") == 0 && i == 1) {
      return ks_cmd_render(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "play") == 0 && i == 1) {
      return ks_cmd_play(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "proof") == 0 && i == 1) {
      return ks_cmd_proof(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "layout-check") == 0 && i == 1) {
      return ks_cmd_layout_check(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "bench") == 0 && i == 1) {
      return ks_cmd_bench(argc - 2, argv + 2,
                          (double)start.tv_sec * 1e3 + (double)start.tv_nsec / 1e6);
    } else if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
      config = argv[++i];
    } else if (strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (strcmp(argv[i], "--windowed") == 0) {
      run.windowed = true;
    } else if (strcmp(argv[i], "--pack") == 0 && i + 1 < argc) {
      run.pack = argv[++i];
    } else if (strcmp(argv[i], "--rotate") == 0 && i + 1 < argc) {
      rotation = atoi(argv[++i]);
      if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270) {
        fprintf(stderr, "kiosk: --rotate takes 0, 90, 180 or 270\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--idle-timeout") == 0 && i + 1 < argc) {
      idle_timeout = (float)atof(argv[++i]);
      if (idle_timeout < 0) {
        fprintf(stderr, "kiosk: --idle-timeout takes a number of seconds, 0 for never\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
      lang = argv[++i];
      if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        fprintf(stderr, "kiosk: --lang takes zh or en\n");
        return 2;
      }
    } else {
      ks_diag_log(stderr, "kiosk: unknown argument \"%s\"", argv[i]);
      fputs("\n", stderr);
      fputs(usage, stderr);
      return 2;
    }
  }
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
