#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/images.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char render_usage[] =
    "usage: kiosk render --screen home|achievements|achievement [--id EXHIBIT]\n"
    "                    [--lang zh|en] [--size WxH] [--rotate 0|90|180|270]\n"
    "                    [--pack FILE.kpack] [--fonts DIR] [--notice TEXT [--progress P]]\n"
    "                    [--diagonal INCHES | --panel-mm WxH] --out FILE.png\n"
    "\n"
    "Renders one screen to a PNG with no display (SDL's software renderer). The default size\n"
    "is 1920x1080 (the physical display; --rotate turns the picture clockwise on it, as the\n"
    "kiosk's rotation setting does) and the default pack the bundled one. A detail screen shows "
    "--id, or the\n"
    "newest exhibit of its kind. --notice draws the curators' notice over the screen (the one\n"
    "a stick with a pack brings up), with a progress bar at P (0 to 1). --diagonal and\n"
    "--panel-mm give the size of the panel the screen is laid out for (square pixels with a\n"
    "diagonal; millimetres as the panel is built, before --rotate).\n";

int ks_cmd_render(int argc, char **argv) {
  const char *screen_name = NULL, *out = NULL, *pack_path = NULL, *fonts_dir = NULL, *id = NULL;
  ks_lang lang = KS_LANG_ZH;
  int w = 1920, h = 1080, rotate = 0;
  const char *notice = NULL;
  float progress = -1;
  ks_session_opts so = {.cmd = "render"}; /* the rest once all is read */
  int bad = 0;
  for (int i = 0; i < argc; i++) {
    bool more = i + 1 < argc;
    if (ks_cli_panel_arg("render", argc, argv, &i, &so, &bad)) {
      if (bad)
        return bad;
    } else if (strcmp(argv[i], "--screen") == 0 && more)
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
  so.pack = pack_path;
  so.fonts_dir = fonts_dir;
  so.lang = ks_lang_code(lang);
  so.target = KS_SESSION_CANVAS;
  so.width = w;
  so.height = h;
  so.rotation = rotate;
  ks_session *session = ks_session_open(&so);
  if (!session)
    return 1; /* said why */
  ks_ui *ui = ks_session_ui(session);
  ks_gfx *gfx = ks_session_gfx(session);
  char err[512];
  int rc = 1;
  if (screen != KS_SCREEN_HOME && !ks_ui_show(ui, screen, id)) {
    ks_diag_log(stderr, "kiosk render: the pack has no exhibit \"%s\" for screen %s",
                id ? id : "(any)", screen_name);
  } else {
    /* A screen at rest: let its animations (a highlight fading in) finish first. */
    for (int i = 0; i < 100 && ks_ui_tick(ui, 0.05f); i++)
      ;
    if (notice)
      ks_ui_set_notice(ui, notice, notice, progress,
                       progress < 0 ? KS_NOTICE_INSTALL | KS_NOTICE_EXPORT | KS_NOTICE_DISMISS : 0);
    ks_ui_draw(ui, gfx); /* asks for the screen's images */
    ks_images_settle(ks_gfx_images(gfx));
    ks_ui_draw(ui, gfx); /* and shows them */
    if (ks_canvas_save_png(ks_session_canvas(session), out, err, sizeof err))
      rc = 0;
    else
      ks_diag_log(stderr, "kiosk render: %s", err);
  }
  ks_session_close(session);
  return rc;
}
