#include "cli.h"

#include "kiosk/paths.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "usage: kiosk [--pack FILE.kpack] [--windowed] [--rotate 0|90|180|270]\n"
    "             [--idle-timeout SECONDS] [--lang zh|en]\n"
    "       kiosk pack build SOURCE_DIR -o FILE.kpack\n"
    "       kiosk pack validate PATH [--json] [--sources-dir DIR]\n"
    "       kiosk pack info FILE.kpack\n"
    "       kiosk render --screen NAME [--id EXHIBIT] [--lang zh|en] [--size WxH] --out FILE.png\n"
    "       kiosk play SCRIPT [--size WxH] --out-dir DIR\n"
    "       kiosk proof [--pack FILE.kpack] --out DIR\n"
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
    "  --pack FILE.kpack     open this pack instead of the bundled one\n"
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
  ks_run_opts run = {.idle_timeout = 90};
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(argv[i], "--version") == 0) {
      printf("kiosk %s\n", KIOSK_VERSION);
      return 0;
    } else if (strcmp(argv[i], "pack") == 0 && i == 1) {
      return ks_cmd_pack(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "render") == 0 && i == 1) {
      return ks_cmd_render(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "play") == 0 && i == 1) {
      return ks_cmd_play(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "proof") == 0 && i == 1) {
      return ks_cmd_proof(argc - 2, argv + 2);
    } else if (strcmp(argv[i], "bench") == 0 && i == 1) {
      return ks_cmd_bench(argc - 2, argv + 2,
                          (double)start.tv_sec * 1e3 + (double)start.tv_nsec / 1e6);
    } else if (strcmp(argv[i], "--windowed") == 0) {
      run.windowed = true;
    } else if (strcmp(argv[i], "--pack") == 0 && i + 1 < argc) {
      run.pack = argv[++i];
    } else if (strcmp(argv[i], "--rotate") == 0 && i + 1 < argc) {
      run.rotation = atoi(argv[++i]);
      if (run.rotation != 0 && run.rotation != 90 && run.rotation != 180 && run.rotation != 270) {
        fprintf(stderr, "kiosk: --rotate takes 0, 90, 180 or 270\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--idle-timeout") == 0 && i + 1 < argc) {
      run.idle_timeout = (float)atof(argv[++i]);
      if (run.idle_timeout < 0) {
        fprintf(stderr, "kiosk: --idle-timeout takes a number of seconds, 0 for never\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
      run.lang = argv[++i];
      if (strcmp(run.lang, "zh") != 0 && strcmp(run.lang, "en") != 0) {
        fprintf(stderr, "kiosk: --lang takes zh or en\n");
        return 2;
      }
    } else {
      fprintf(stderr, "kiosk: unknown argument \"%s\"\n\n%s", argv[i], usage);
      return 2;
    }
  }
  char bundled[4096];
  if (!run.pack) {
    if (!ks_paths_find("bundled.kpack", bundled, sizeof bundled)) {
      fprintf(stderr, "kiosk: the bundled pack is missing (build it: cmake --build --preset "
                      "default), or pass --pack FILE.kpack\n");
      return 1;
    }
    run.pack = bundled;
  }
  return ks_cmd_run(&run);
}
