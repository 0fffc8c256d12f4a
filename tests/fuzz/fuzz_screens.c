/* libFuzzer target over the screens: a pack opened and read WITHOUT its content hash or the
 * validator — as if a hostile value had got past them — and every screen drawn from it, every
 * exhibit's page in both languages, lists flung and the attract loop cycled, at 320x240 on the
 * null drawing backend (layout, shaping and batching, no rasteriser). The screens promise to
 * draw or skip any value a pack can hold (app/ui/ui_private.h); this holds them to it. Built
 * like fuzz_pack.c: `fuzz_screens` with libFuzzer's main, `fuzz_screens_regress` with driver.c's,
 * which replays corpus-screens/ in every ctest run. The fonts come from KIOSK_FUZZ_FONTS, else
 * the build tree's assets/fonts. */
#include "kiosk/diag.h"
#include "kiosk/font.h"
#include "kiosk/gesture.h"
#include "kiosk/pack.h"
#include "kiosk/textbreak.h"
#include "kiosk/ui.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The harness's state, made once per process (libFuzzer gives it no context to keep it in): the
 * file every input goes through, and the fonts. */
static char pack_path[4096];
static ks_fonts *fonts;

static void at_exit(void) {
  unlink(pack_path);
  ks_fonts_close(fonts);
}

static void start(void) {
  const char *dir = getenv("TMPDIR"), *fonts_dir = getenv("KIOSK_FUZZ_FONTS");
  if (!dir || !dir[0])
    dir = "/tmp";
  int n =
      snprintf(pack_path, sizeof pack_path, "%s/kiosk-fuzz-screens-%ld.kpack", dir, (long)getpid());
  if (n < 0 || (size_t)n >= sizeof pack_path) {
    fprintf(stderr, "fuzz_screens: TMPDIR is too long for a path: %s\n", dir);
    abort();
  }
  char err[512];
  fonts = ks_fonts_open(fonts_dir && fonts_dir[0] ? fonts_dir : KS_FUZZ_FONTS, err, sizeof err);
  if (!fonts) { /* a harness without fonts would test almost nothing: stop loudly */
    fprintf(stderr, "fuzz_screens: %s (set KIOSK_FUZZ_FONTS)\n", err);
    abort();
  }
  ks_text_break_init();
  atexit(at_exit);
}

static void write_input(const uint8_t *data, size_t size) {
  FILE *f = fopen(pack_path, "wb");
  if (!f || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
    perror(pack_path);
    abort();
  }
}

/* A quick throw across the current screen, then its frames until it rests (at most a second). */
static void fling(ks_ui *ui, ks_gfx *gfx, ks_gesture_machine *gm, uint32_t *t, float dir) {
  ks_gesture g[4];
  for (int i = 0; i <= 5; i++) {
    ks_touch ev = {i == 0   ? KS_TOUCH_DOWN
                   : i == 5 ? KS_TOUCH_UP
                            : KS_TOUCH_MOVE,
                   1, 0.7f + dir * 0.1f * (float)i, 0.5f + dir * 0.1f * (float)i, *t += 16};
    size_t n = ks_gesture_feed(gm, &ev, g);
    for (size_t k = 0; k < n; k++)
      ks_ui_gesture(ui, &g[k]);
  }
  for (int i = 0; i < 60 && ks_ui_tick(ui, 1.0f / 60); i++)
    ks_ui_draw(ui, gfx);
}

static void draw_everything(const ks_content *content) {
  ks_gfx *gfx = ks_gfx_create(NULL, 320, 240, 1);
  ks_ui *ui = ks_ui_create(content, fonts, ks_content_default_lang(content));
  ks_ui_set_idle_timeout(ui, 0);
  ks_ui_tour(ui, gfx, NULL, NULL);
  static const ks_screen_id lists[] = {KS_SCREEN_ACHIEVEMENTS, KS_SCREEN_CITIES,
                                       KS_SCREEN_TIMELINE,     KS_SCREEN_EVENT,
                                       KS_SCREEN_CITY,         KS_SCREEN_ACHIEVEMENT};
  ks_gesture_machine *gm = ks_gesture_create();
  uint32_t t = 0;
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++) {
    ks_ui_home(ui);
    if (!ks_ui_show(ui, lists[i], NULL))
      continue;
    ks_ui_draw(ui, gfx);
    fling(ui, gfx, gm, &t, -1);
    fling(ui, gfx, gm, &t, 1);
  }
  ks_gesture_destroy(gm);
  ks_ui_show(ui, KS_SCREEN_ATTRACT, NULL);
  for (int i = 0; i < 12; i++) { /* a dozen highlights */
    ks_ui_tick(ui, 8.0f);
    ks_ui_draw(ui, gfx);
  }
  ks_ui_destroy(ui);
  ks_gfx_destroy(gfx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!fonts)
    start();
  write_input(data, size);
  ks_diag *diag = ks_diag_create();
  ks_pack *pack = ks_pack_open(pack_path, diag);
  /* Neither ks_pack_verify nor ks_validate: what the reader gives goes to the screens. */
  ks_content *content = pack ? ks_pack_read(pack, diag) : NULL;
  if (content)
    draw_everything(content);
  ks_content_destroy(content);
  ks_pack_close(pack);
  ks_diag_destroy(diag);
  return 0;
}
