#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"
#include "kiosk/gesture.h"
#include "kiosk/images.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { OPT_SIZE = 1, OPT_LANG, OPT_PACK, OPT_OUT_DIR };

static const ks_cli_opt play_opts[] = {
    {OPT_SIZE, "--size", "WxH", "the screen, 320x240 to 7680x7680 (default 1920x1080)"},
    {OPT_LANG, "--lang", "TAG",
     "a language of the pack, by its tag: zh, en, ja … (default: the pack's)"},
    {OPT_PACK, "--pack", "FILE.kpack", "the pack (default: the bundled one)"},
    KS_CLI_PANEL_OPTS,
    {OPT_OUT_DIR, "--out-dir", "DIR", "where the shots go (made when missing)"},
    {0}};

static const ks_cli_cmd play_cmd = {
    .name = "play",
    .synopsis = "SCRIPT [--size WxH] [--lang TAG] [--pack FILE.kpack]\n"
                "[--diagonal INCHES | --panel-mm WxH] --out-dir DIR",
    .about =
        "Replays a script of touches against a simulated clock, headless, one command a line:\n"
        "  tap X Y                  a finger down and up at pixel (X, Y)\n"
        "  drag X1 Y1 X2 Y2 MS      a finger moved from one point to another in MS milliseconds\n"
        "  down|move|up X Y         one touch event at pixel (X, Y): a press held, a drag part "
        "way\n"
        "  wait MS                  time passes (animations run)\n"
        "  key back|home|lang       a key\n"
        "  shot NAME.png            the screen as it is now, written into DIR\n"
        "  # comment\n"
        "Positions are pixels, clamped to the screen; times are 0 to 600000 ms.\n"
        "The same script gives the same pixels every time.\n",
    .opts = play_opts,
    .max_operands = 1};

enum {
  FRAME_MS = 16,      /* the simulated display's frame time */
  MAX_MS = 10 * 60000 /* the longest wait or drag a script may ask for: ten minutes */
};

typedef struct {
  ks_ui *ui;
  ks_gfx *gfx;
  ks_canvas *canvas;
  ks_gesture_machine *gm;
  uint32_t now;     /* simulated milliseconds */
  float short_side; /* pixels */
  int w, h;         /* the screen, in pixels */
  const char *out_dir;
} player;

/* A script's numbers are where touches enter `kiosk play`: each must be a finite number (a
 * script that says "nan" or "inf" is refused, naming the line), pixel positions are clamped to
 * the screen as a panel's are, and times are from 0 to MAX_MS — so no position reaches the
 * screens unclamped and no script makes a frame loop run for ever. */
static bool numbers_ok(const char *cmd, const float *v, size_t n, const float *ms, char *err,
                       size_t err_size) {
  for (size_t i = 0; i < n; i++)
    if (!isfinite(v[i])) {
      snprintf(err, err_size, "%s: coordinates must be finite numbers of pixels", cmd);
      return false;
    }
  if (ms && !(*ms >= 0 && *ms <= MAX_MS)) {
    snprintf(err, err_size, "%s: the time must be from 0 to %d ms", cmd, MAX_MS);
    return false;
  }
  return true;
}

static float clamp_to(float v, int size) { return fminf(fmaxf(v, 0), (float)size); }

static void feed(player *p, ks_touch_type type, float x, float y) {
  ks_touch t = {type, 1, x / p->short_side, y / p->short_side, p->now};
  ks_gesture g[4];
  size_t n = ks_gesture_feed(p->gm, &t, g);
  for (size_t i = 0; i < n; i++)
    ks_ui_gesture(p->ui, &g[i]);
}

/* Lets `ms` pass a frame at a time, drawing each frame as the kiosk would. */
static void pass(player *p, uint32_t ms) {
  for (uint32_t t = 0; t < ms; t += FRAME_MS) {
    p->now += FRAME_MS;
    ks_ui_tick(p->ui, FRAME_MS / 1000.0f);
    ks_ui_draw(p->ui, p->gfx);
  }
}

/* Runs one script line; on failure says why in `err`. */
static bool run_line(player *p, char *line, char *err, size_t err_size) {
  char cmd[16], arg[256];
  float v[4], ms;
  if (sscanf(line, "%15s", cmd) != 1 || cmd[0] == '#')
    return true;
  if (strcmp(cmd, "tap") == 0 && sscanf(line, "tap %f %f", &v[0], &v[1]) == 2) {
    if (!numbers_ok(cmd, v, 2, NULL, err, err_size))
      return false;
    float a = clamp_to(v[0], p->w), b = clamp_to(v[1], p->h);
    ks_ui_draw(p->ui, p->gfx); /* touches land on what is on screen */
    feed(p, KS_TOUCH_DOWN, a, b);
    pass(p, 80);
    feed(p, KS_TOUCH_UP, a, b);
    pass(p, FRAME_MS);
  } else if (strcmp(cmd, "drag") == 0 &&
             sscanf(line, "drag %f %f %f %f %f", &v[0], &v[1], &v[2], &v[3], &ms) == 5 &&
             !(ms < FRAME_MS)) {
    if (!numbers_ok(cmd, v, 4, &ms, err, err_size))
      return false;
    float a = clamp_to(v[0], p->w), b = clamp_to(v[1], p->h), c = clamp_to(v[2], p->w),
          d = clamp_to(v[3], p->h);
    ks_ui_draw(p->ui, p->gfx);
    feed(p, KS_TOUCH_DOWN, a, b);
    int steps = (int)(ms / FRAME_MS);
    for (int i = 1; i <= steps; i++) {
      p->now += FRAME_MS;
      float k = (float)i / (float)steps;
      feed(p, KS_TOUCH_MOVE, a + (c - a) * k, b + (d - b) * k);
      ks_ui_tick(p->ui, FRAME_MS / 1000.0f);
      ks_ui_draw(p->ui, p->gfx);
    }
    feed(p, KS_TOUCH_UP, c, d);
    pass(p, FRAME_MS);
  } else if ((strcmp(cmd, "down") == 0 || strcmp(cmd, "move") == 0 || strcmp(cmd, "up") == 0) &&
             sscanf(line + strlen(cmd), "%f %f", &v[0], &v[1]) == 2) {
    /* One touch event alone: to see a press, or a page held part way through a drag. */
    if (!numbers_ok(cmd, v, 2, NULL, err, err_size))
      return false;
    ks_ui_draw(p->ui, p->gfx);
    feed(p,
         cmd[0] == 'd'   ? KS_TOUCH_DOWN
         : cmd[0] == 'm' ? KS_TOUCH_MOVE
                         : KS_TOUCH_UP,
         clamp_to(v[0], p->w), clamp_to(v[1], p->h));
    pass(p, FRAME_MS);
  } else if (strcmp(cmd, "wait") == 0 && sscanf(line, "wait %f", &ms) == 1) {
    if (!numbers_ok(cmd, NULL, 0, &ms, err, err_size))
      return false;
    pass(p, (uint32_t)ms);
  } else if (strcmp(cmd, "key") == 0 && sscanf(line, "key %255s", arg) == 1) {
    ks_gesture_reset(p->gm);
    if (strcmp(arg, "back") == 0)
      ks_ui_back(p->ui);
    else if (strcmp(arg, "home") == 0)
      ks_ui_home(p->ui);
    else if (strcmp(arg, "lang") == 0)
      ks_ui_toggle_lang(p->ui);
    else {
      snprintf(err, err_size, "unknown key \"%s\" (back, home or lang)", arg);
      return false;
    }
    pass(p, FRAME_MS);
  } else if (strcmp(cmd, "shot") == 0 && sscanf(line, "shot %255s", arg) == 1) {
    if (strchr(arg, '/')) {
      snprintf(err, err_size, "shot takes a file name, not a path: \"%s\"", arg);
      return false;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", p->out_dir, arg);
    /* Same script, same pixels: every image the screen asks for is decoded before the shot,
     * however fast the worker thread happened to be. */
    ks_ui_draw(p->ui, p->gfx);
    ks_images_settle(ks_gfx_images(p->gfx));
    ks_ui_draw(p->ui, p->gfx);
    return ks_canvas_save_png(p->canvas, path, err, err_size);
  } else {
    snprintf(err, err_size, "cannot read \"%s\" (see kiosk play --help)", cmd);
    return false;
  }
  return true;
}

int ks_cmd_play(int argc, char **argv) {
  const char *script = NULL, *out_dir = NULL, *pack_path = NULL;
  int w = 1920, h = 1080;
  const char *lang = NULL;              /* the pack's default */
  ks_session_opts so = {.cmd = "play"}; /* the rest once all is read */
  ks_cli *cli = ks_cli_begin(&play_cmd, argc, argv);
  int words;
  const char *v;
  for (int opt; (opt = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (opt == KS_CLI_OPT_DIAGONAL || opt == KS_CLI_OPT_PANEL_MM)
      ks_cli_panel_value(cli, opt, v, &so);
    else if (opt == OPT_SIZE) {
      if (sscanf(v, "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 || h > 7680)
        ks_cli_fail(cli, "--size takes WxH between 320x240 and 7680x7680");
    } else if (opt == OPT_OUT_DIR)
      out_dir = v;
    else if (opt == OPT_PACK)
      pack_path = v;
    else if (opt == OPT_LANG) {
      if (!ks_lang_tag_valid(v))
        ks_cli_fail(cli, "--lang takes a language tag of the pack's (zh, en, ja …)");
      lang = v;
    }
  }
  char **operands = ks_cli_operands(cli, &words);
  script = words > 0 ? operands[0] : NULL;
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (!script || !out_dir)
    return ks_cli_refuse(&play_cmd, "name a SCRIPT and an --out-dir");
  char err[512];
  FILE *in = ks_file_fopen(script, 0, 16 << 20, err, sizeof err);
  if (!in) {
    ks_diag_log(stderr, "kiosk play: cannot read %s: %s", script, err);
    return 1;
  }
  if (!ks_file_mkdirs(out_dir, 0755, err, sizeof err)) {
    ks_diag_log(stderr, "kiosk play: %s", err);
    fclose(in);
    return 1;
  }
  so.pack = pack_path;
  so.lang = lang;
  so.target = KS_SESSION_CANVAS;
  so.width = w;
  so.height = h;
  ks_session *session = ks_session_open(&so);
  if (!session) {
    fclose(in);
    return 1; /* said why */
  }
  player p = {.ui = ks_session_ui(session),
              .gfx = ks_session_gfx(session),
              .canvas = ks_session_canvas(session),
              .gm = ks_gesture_create(),
              .short_side = (float)(w < h ? w : h),
              .w = w,
              .h = h,
              .out_dir = out_dir};
  char line[1024];
  rc = 0;
  for (int n = 1; rc == 0 && fgets(line, sizeof line, in); n++)
    if (!run_line(&p, line, err, sizeof err)) {
      ks_diag_log(stderr, "%s:%d: error: %s", script, n, err);
      rc = 1;
    }
  ks_gesture_destroy(p.gm);
  ks_session_close(session);
  fclose(in);
  return rc;
}
