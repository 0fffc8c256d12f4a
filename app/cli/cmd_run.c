#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/font.h"
#include "kiosk/gesture.h"
#include "kiosk/pack.h"
#include "kiosk/paths.h"
#include "kiosk/textbreak.h"
#include "kiosk/ui.h"
#include "kiosk/window.h"

#include <stdio.h>
#include <string.h>

/* Applies one input to the UI; returns true when the screen must be drawn again. */
static bool apply(ks_ui *ui, ks_gesture_machine *gm, const ks_input *in, bool *quit) {
  switch (in->type) {
  case KS_INPUT_QUIT:
    *quit = true;
    return false;
  case KS_INPUT_RESIZED:
    return true;
  case KS_INPUT_KEY:
    ks_gesture_reset(gm);
    return in->key == KS_KEY_BACK   ? ks_ui_back(ui)
           : in->key == KS_KEY_HOME ? ks_ui_home(ui)
                                    : ks_ui_toggle_lang(ui);
  case KS_INPUT_TOUCH: {
    ks_gesture g[4];
    size_t n = ks_gesture_feed(gm, &in->touch, g);
    bool changed = false;
    for (size_t i = 0; i < n; i++)
      changed |= ks_ui_gesture(ui, &g[i]);
    return changed;
  }
  }
  return false;
}

int ks_cmd_run(const char *pack_path, bool windowed) {
  char fonts_dir[4096], err[512];
  if (!ks_paths_find("assets/fonts", fonts_dir, sizeof fonts_dir)) {
    fprintf(stderr, "kiosk: the bundled fonts are missing beside the binary\n");
    return 1;
  }
  ks_diag *diag = ks_diag_create();
  ks_pack *pack = ks_pack_open(pack_path, diag);
  ks_content *content = pack ? ks_pack_read(pack, diag) : NULL;
  ks_fonts *fonts = content ? ks_fonts_open(fonts_dir, err, sizeof err) : NULL;
  int rc = 1;
  ks_window_opts opts = {.fullscreen = !windowed, .width = 1280, .height = 720};
  ks_window *win = NULL;
  if (!content || ks_diag_count(diag, KS_ERROR))
    ks_diag_print(diag, stderr);
  else if (!fonts)
    fprintf(stderr, "kiosk: %s\n", err);
  else if (!(win = ks_window_open(&opts, err, sizeof err)))
    fprintf(stderr, "kiosk: %s\n", err);
  else {
    ks_text_break_init();
    int w, h;
    ks_window_size(win, &w, &h);
    ks_gfx *gfx = ks_gfx_create(ks_window_renderer(win), w, h, 2);
    ks_ui *ui = ks_ui_create(
        content, fonts,
        content->meta.default_lang && strcmp(content->meta.default_lang, "en") == 0 ? KS_LANG_EN
                                                                                    : KS_LANG_ZH);
    ks_gesture_machine *gm = ks_gesture_create();
    bool quit = false, dirty = true, moving = false;
    uint64_t last = ks_window_ticks();
    while (!quit) {
      ks_input in[64];
      /* Busy only while something changes; at rest, sleep until input or until the UI next
       * needs time (its idle timeout, the next highlight). */
      int wait = ks_ui_wait_ms(ui);
      size_t n = ks_window_poll(win,
                                dirty || moving           ? 0
                                : wait < 0 || wait > 1000 ? 1000
                                                          : wait,
                                in, 64);
      for (size_t i = 0; i < n; i++)
        dirty |= apply(ui, gm, &in[i], &quit);
      uint64_t now = ks_window_ticks();
      moving = ks_ui_tick(ui, (float)(now - last) / 1000.0f);
      last = now;
      if (dirty || moving) {
        int nw, nh;
        ks_window_size(win, &nw, &nh);
        if (nw != w || nh != h) { /* resized: the atlas stays, the gfx takes the new size */
          ks_gfx_destroy(gfx);
          gfx = ks_gfx_create(ks_window_renderer(win), w = nw, h = nh, 2);
        }
        ks_ui_draw(ui, gfx);
        ks_window_present(win); /* paced by vsync */
        dirty = false;
      }
    }
    rc = 0;
    ks_gesture_destroy(gm);
    ks_ui_destroy(ui);
    ks_gfx_destroy(gfx);
  }
  ks_window_close(win);
  ks_fonts_close(fonts);
  ks_content_destroy(content);
  ks_pack_close(pack);
  ks_diag_destroy(diag);
  return rc;
}
