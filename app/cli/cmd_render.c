#include "cli.h"

#include "kiosk/canvas.h"
#include "kiosk/diag.h"
#include "kiosk/font.h"
#include "kiosk/images.h"
#include "kiosk/pack.h"
#include "kiosk/paths.h"
#include "kiosk/textbreak.h"
#include "kiosk/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char render_usage[] =
    "usage: kiosk render --screen home|achievements|achievement [--id EXHIBIT]\n"
    "                    [--lang zh|en] [--size WxH] [--rotate 0|90|180|270]\n"
    "                    [--pack FILE.kpack] [--fonts DIR] [--notice TEXT [--progress P]]\n"
    "                    --out FILE.png\n"
    "\n"
    "Renders one screen to a PNG with no display (SDL's software renderer). The default size\n"
    "is 1920x1080 (the physical display; --rotate turns the picture clockwise on it, as the\n"
    "kiosk's rotation setting does) and the default pack the bundled one. A detail screen shows "
    "--id, or the\n"
    "newest exhibit of its kind. --notice draws the curators' notice over the screen (the one\n"
    "a stick with a pack brings up), with a progress bar at P (0 to 1).\n";

int ks_cmd_render(int argc, char **argv) {
  const char *screen_name = NULL, *out = NULL, *pack_path = NULL, *fonts_dir = NULL, *id = NULL;
  ks_lang lang = KS_LANG_ZH;
  int w = 1920, h = 1080, rotate = 0;
  const char *notice = NULL;
  float progress = -1;
  for (int i = 0; i < argc; i++) {
    bool more = i + 1 < argc;
    if (strcmp(argv[i], "--screen") == 0 && more)
      screen_name = argv[++i];
    else if (strcmp(argv[i], "--rotate") == 0 && more) {
      rotate = atoi(argv[++i]);
      if (rotate != 0 && rotate != 90 && rotate != 180 && rotate != 270) {
        fprintf(stderr, "kiosk render: --rotate takes 0, 90, 180 or 270\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--id") == 0 && more)
      id = argv[++i];
    else if (strcmp(argv[i], "--out") == 0 && more)
      out = argv[++i];
    else if (strcmp(argv[i], "--pack") == 0 && more)
      pack_path = argv[++i];
    else if (strcmp(argv[i], "--notice") == 0 && more)
      notice = argv[++i];
    else if (strcmp(argv[i], "--progress") == 0 && more)
      progress = (float)atof(argv[++i]);
    else if (strcmp(argv[i], "--fonts") == 0 && more)
      fonts_dir = argv[++i];
    else if (strcmp(argv[i], "--lang") == 0 && more) {
      const char *l = argv[++i];
      if (strcmp(l, "zh") != 0 && strcmp(l, "en") != 0) {
        ks_diag_log(stderr, "kiosk render: --lang takes zh or en, not \"%s\"", l);
        return 2;
      }
      lang = strcmp(l, "en") == 0 ? KS_LANG_EN : KS_LANG_ZH;
    } else if (strcmp(argv[i], "--size") == 0 && more) {
      if (sscanf(argv[++i], "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 || h > 7680) {
        fprintf(stderr, "kiosk render: --size takes WxH between 320x240 and 7680x7680\n");
        return 2;
      }
    } else if (strcmp(argv[i], "--help") == 0) {
      fputs(render_usage, stdout);
      return 0;
    } else {
      ks_diag_log(stderr, "kiosk render: unexpected argument \"%s\"", argv[i]);
      fputs("\n", stderr);
      fputs(render_usage, stderr);
      return 2;
    }
  }
  ks_screen_id screen;
  if (!screen_name || !ks_screen_parse(screen_name, &screen) || !out) {
    ks_diag_log(stderr, "kiosk render: name a --screen and an --out file");
    fputs("\n", stderr);
    fputs(render_usage, stderr);
    return 2;
  }
  char bundled[4096], fonts_buf[4096], err[512];
  if (!pack_path && !ks_paths_find("bundled.kpack", bundled, sizeof bundled)) {
    fprintf(stderr, "kiosk render: the bundled pack is missing; pass --pack FILE.kpack\n");
    return 1;
  }
  if (!fonts_dir && !ks_paths_find("assets/fonts", fonts_buf, sizeof fonts_buf)) {
    fprintf(stderr, "kiosk render: the bundled fonts are missing; pass --fonts DIR\n");
    return 1;
  }
  if (!fonts_dir)
    fonts_dir = fonts_buf;
  ks_pack *pack = NULL;
  ks_content *content =
      ks_cli_open_pack("render", pack_path ? pack_path : bundled, fonts_dir, NULL, &pack);
  ks_fonts *fonts = content ? ks_fonts_open(fonts_dir, err, sizeof err) : NULL;
  int rc = 1;
  if (!content) {
    /* refused, and said why */
  } else if (!fonts) {
    ks_diag_log(stderr, "kiosk render: %s", err);
  } else {
    ks_text_break_init();
    ks_canvas *canvas = ks_canvas_create(w, h, err, sizeof err);
    if (canvas) {
      ks_gfx *gfx = ks_gfx_create(ks_canvas_renderer(canvas), w, h, 2);
      ks_gfx_set_rotation(gfx, rotate);
      ks_ui *ui = ks_ui_create(content, fonts, lang);
      ks_cli_attach_map(ui);
      if (screen != KS_SCREEN_HOME && !ks_ui_show(ui, screen, id)) {
        ks_diag_log(stderr, "kiosk render: the pack has no exhibit \"%s\" for screen %s",
                    id ? id : "(any)", screen_name);
      } else {
        /* A screen at rest: let its animations (a highlight fading in) finish first. */
        for (int i = 0; i < 100 && ks_ui_tick(ui, 0.05f); i++)
          ;
        if (notice)
          ks_ui_set_notice(ui, notice, notice, progress,
                           progress < 0 ? KS_NOTICE_INSTALL | KS_NOTICE_EXPORT | KS_NOTICE_DISMISS
                                        : 0);
        ks_ui_draw(ui, gfx); /* asks for the screen's images */
        ks_images_settle(ks_gfx_images(gfx));
        ks_ui_draw(ui, gfx); /* and shows them */
        if (ks_canvas_save_png(canvas, out, err, sizeof err))
          rc = 0;
        else
          ks_diag_log(stderr, "kiosk render: %s", err);
      }
      ks_ui_destroy(ui);
      ks_gfx_destroy(gfx);
      ks_canvas_destroy(canvas);
    } else {
      ks_diag_log(stderr, "kiosk render: %s", err);
    }
  }
  ks_fonts_close(fonts);
  ks_content_destroy(content);
  ks_pack_close(pack);
  return rc;
}
