#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/images.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  OPT_SCREEN = 1,
  OPT_ID,
  OPT_LANG,
  OPT_SIZE,
  OPT_ROTATE,
  OPT_PACK,
  OPT_FONTS,
  OPT_NOTICE,
  OPT_PROGRESS,
  OPT_SCROLL,
  OPT_AT,
  OPT_OUT
};

static const ks_cli_opt render_opts[] = {
    {OPT_SCREEN, "--screen", "NAME", "home, achievements, achievement, cities, city, timeline, …"},
    {OPT_ID, "--id", "EXHIBIT",
     "the exhibit a detail screen shows (default: the newest of its kind)"},
    {OPT_LANG, "--lang", "TAG",
     "a language of the pack, by its tag: zh, en, ja … (default: the pack's)"},
    {OPT_SIZE, "--size", "WxH", "the physical display, 320x240 to 7680x7680 (default 1920x1080)"},
    {OPT_ROTATE, "--rotate", "DEG",
     "turn the picture clockwise on the display, as the kiosk's rotation\n"
     "setting does: 0, 90, 180 or 270"},
    {OPT_PACK, "--pack", "FILE.kpack", "the pack (default: the bundled one)"},
    {OPT_FONTS, "--fonts", "DIR", "the fonts (default: the bundled ones)"},
    {OPT_NOTICE, "--notice", "TEXT", "draw the curators' notice over the screen (a stick's)"},
    {OPT_PROGRESS, "--progress", "P", "the notice's progress bar at P (0 to 1)"},
    {OPT_SCROLL, "--scroll", "end",
     "the screen scrolled to the end, as a finger drags it there (a page's\n"
     "sources and its QR code)"},
    {OPT_AT, "--at", "SECONDS",
     "the screen SECONDS after it shows, its animations that far on: a moment\n"
     "of the attract loop (default: at rest; the attract loop, which never\n"
     "rests, 5 seconds in)"},
    KS_CLI_PANEL_OPTS,
    {OPT_OUT, "--out", "FILE.png", "where to write the PNG"},
    {0}};

static const ks_cli_cmd render_cmd = {
    .name = "render",
    .synopsis = "--screen NAME [--id EXHIBIT] [--lang TAG] [--size WxH]\n"
                "[--rotate 0|90|180|270] [--pack FILE.kpack] [--fonts DIR]\n"
                "[--notice TEXT [--progress P]] [--scroll end] [--at SECONDS]\n"
                "[--diagonal INCHES | --panel-mm WxH]\n"
                "--out FILE.png",
    .about = "Renders one screen to a PNG with no display (SDL's software renderer).\n",
    .opts = render_opts};

/* A finger drags the screen's list far up and lets go: it settles at its end. Drawn first, so
 * that the screen knows how far it scrolls. */
static void drag_to_end(ks_ui *ui, ks_gfx *gfx) {
  ks_ui_draw(ui, gfx);
  ks_gesture g = {.type = KS_GESTURE_DRAG_START, .x = 0.5f, .y = 0.9f};
  ks_ui_gesture(ui, &g);
  g = (ks_gesture){.type = KS_GESTURE_DRAG, .x = 0.5f, .y = 0.1f, .dy = -KS_GESTURE_MAX_COORD};
  ks_ui_gesture(ui, &g);
  g = (ks_gesture){.type = KS_GESTURE_DRAG_END, .x = 0.5f, .y = 0.1f};
  ks_ui_gesture(ui, &g);
  for (int i = 0; i < 200 && ks_ui_tick(ui, 0.05f); i++)
    ;
}

int ks_cmd_render(int argc, char **argv) {
  const char *screen_name = NULL, *out = NULL, *pack_path = NULL, *fonts_dir = NULL, *id = NULL;
  const char *lang = NULL; /* the pack's default */
  int w = 1920, h = 1080, rotate = 0;
  const char *notice = NULL;
  float progress = -1;
  bool scroll_end = false;
  double at = -1;                         /* seconds after the screen shows; -1: at rest */
  ks_session_opts so = {.cmd = "render"}; /* the rest once all is read */
  ks_cli *cli = ks_cli_begin(&render_cmd, argc, argv);
  const char *v;
  for (int opt; (opt = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (opt == KS_CLI_OPT_DIAGONAL || opt == KS_CLI_OPT_PANEL_MM)
      ks_cli_panel_value(cli, opt, v, &so);
    else if (opt == OPT_SCREEN)
      screen_name = v;
    else if (opt == OPT_ROTATE) {
      rotate = atoi(v);
      if (rotate != 0 && rotate != 90 && rotate != 180 && rotate != 270)
        ks_cli_fail(cli, "--rotate takes 0, 90, 180 or 270");
    } else if (opt == OPT_ID)
      id = v;
    else if (opt == OPT_OUT)
      out = v;
    else if (opt == OPT_PACK)
      pack_path = v;
    else if (opt == OPT_NOTICE)
      notice = v;
    else if (opt == OPT_PROGRESS)
      progress = (float)atof(v);
    else if (opt == OPT_SCROLL) {
      if (strcmp(v, "end") != 0)
        ks_cli_fail(cli, "--scroll takes end");
      scroll_end = true;
    } else if (opt == OPT_AT) {
      char *end;
      at = strtod(v, &end);
      if (end == v || *end || !(at >= 0 && at <= 86400))
        ks_cli_fail(cli, "--at takes seconds from 0 to 86400");
    } else if (opt == OPT_FONTS)
      fonts_dir = v;
    else if (opt == OPT_LANG) {
      if (!ks_lang_tag_valid(v))
        ks_cli_fail(cli, "--lang takes a language tag of the pack's (zh, en, ja …)");
      lang = v;
    } else if (opt == OPT_SIZE) {
      if (sscanf(v, "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 || h > 7680)
        ks_cli_fail(cli, "--size takes WxH between 320x240 and 7680x7680");
    }
  }
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  ks_screen_id screen;
  if (!screen_name || !ks_screen_parse(screen_name, &screen) || !out) {
    return ks_cli_refuse(&render_cmd, "name a --screen and an --out file");
  }
  so.pack = pack_path;
  so.fonts_dir = fonts_dir;
  so.lang = lang;
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
  rc = 1;
  if (screen != KS_SCREEN_HOME && !ks_ui_show(ui, screen, id)) {
    ks_diag_log(stderr, "kiosk render: the pack has no exhibit \"%s\" for screen %s",
                id ? id : "(any)", screen_name);
  } else {
    if (at > 0) /* the moment asked for: time passes in one step, as after a slow frame */
      ks_ui_tick(ui, (float)at);
    else if (at < 0) /* a screen at rest: let its animations (a list settling) finish first */
      for (int i = 0; i < 100 && ks_ui_tick(ui, 0.05f); i++)
        ;
    if (scroll_end)
      drag_to_end(ui, gfx);
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
