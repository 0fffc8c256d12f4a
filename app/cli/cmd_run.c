#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/font.h"
#include "kiosk/kiosk.h"
#include "kiosk/pack.h"
#include "kiosk/paths.h"
#include "kiosk/textbreak.h"
#include "kiosk/ui.h"
#include "kiosk/window.h"

#include <stdio.h>
#include <string.h>

int ks_cmd_run(const ks_run_opts *run) {
  const char *pack_path = run->pack;
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
  ks_window_opts opts = {
      .fullscreen = !run->windowed, .width = 1280, .height = 720, .rotation = run->rotation};
  ks_window *win = NULL;
  if (!content || ks_diag_count(diag, KS_ERROR))
    ks_diag_print(diag, stderr);
  else if (!fonts)
    fprintf(stderr, "kiosk: %s\n", err);
  else if (!(win = ks_window_open(&opts, err, sizeof err)))
    fprintf(stderr, "kiosk: %s\n", err);
  else {
    ks_text_break_init();
    const char *lang = run->lang ? run->lang : content->meta.default_lang;
    ks_ui *ui =
        ks_ui_create(content, fonts, lang && strcmp(lang, "en") == 0 ? KS_LANG_EN : KS_LANG_ZH);
    ks_ui_set_idle_timeout(ui, run->idle_timeout);
    ks_cli_attach_map(ui);
    ks_kiosk_run(win, ui, 0, NULL, NULL);
    ks_ui_destroy(ui);
    rc = 0;
  }
  ks_window_close(win);
  ks_fonts_close(fonts);
  ks_content_destroy(content);
  ks_pack_close(pack);
  ks_diag_destroy(diag);
  return rc;
}
