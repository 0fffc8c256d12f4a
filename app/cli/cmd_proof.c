/* kiosk proof: every screen of a pack in both languages as PNGs, and a contact sheet per language,
 * so that a curator reviews a whole pack at a glance before it goes to a kiosk. */
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"
#include "kiosk/images.h"
#include "kiosk/mem.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SHOT_W = 1280, SHOT_H = 720, THUMB_W = 320, THUMB_H = 180, COLS = 6, LABEL_H = 36 };

/* One page of the proof: a screen, and the exhibit it shows (NULL for overview screens). */
typedef struct {
  ks_screen_id screen;
  const char *id;
} page;

/* Renders one page into `canvas`. */
static bool render_page(ks_session *session, ks_canvas *canvas, const char *lang, const page *p) {
  ks_gfx *gfx = ks_gfx_create(ks_canvas_renderer(canvas), SHOT_W, SHOT_H, 2);
  ks_ui *ui = ks_session_new_ui(session, NULL, lang);
  bool ok = p->screen == KS_SCREEN_HOME || ks_ui_show(ui, p->screen, p->id);
  if (ok) {
    /* At rest; the attract loop, which never rests, 5 s in. */
    for (int i = 0; i < 100 && ks_ui_tick(ui, 0.05f); i++)
      ;
    ks_ui_draw(ui, gfx);
    ks_images_settle(ks_gfx_images(gfx));
    ks_ui_draw(ui, gfx);
  }
  ks_ui_destroy(ui);
  ks_gfx_destroy(gfx);
  return ok;
}

enum { OPT_PACK = 1, OPT_OUT, OPT_ID, OPT_SOURCE };

static const ks_cli_opt proof_opts[] = {
    {OPT_PACK, "--pack", "FILE.kpack", "the pack (default: the bundled one)"},
    KS_CLI_PANEL_OPTS,
    {OPT_OUT, "--out", "DIR", "where the PNGs go (made when missing)"},
    {OPT_ID, "--id", "EXHIBIT",
     "only this exhibit's page, in both languages on 800x480, 1280x800,\n"
     "1920x1080 and 1080x1920 (ID-LANG-WxH.png)"},
    {OPT_SOURCE, "--source", "DIR", "with --id: a content folder instead of a pack"},
    {0}};

static const ks_cli_cmd proof_cmd = {
    .name = "proof",
    .synopsis = "[--pack FILE.kpack] [--diagonal INCHES | --panel-mm WxH] --out DIR\n"
                "--id EXHIBIT [--pack FILE.kpack | --source DIR] --out DIR",
    .about =
        "Renders every exhibit's screen and the overview screens in every language of the pack "
        "into DIR,\n"
        "with a contact sheet per language (contact-zh.png, contact-en.png, …). On a terminal,\n"
        "shows how many screens are done.\n",
    .opts = proof_opts};

int ks_cmd_proof(int argc, char **argv) {
  const char *out = NULL, *pack_path = NULL;
  ks_session_opts so = {.cmd = "proof"}; /* the rest once all is read */
  for (int i = 0; i < argc; i++)
    if (strcmp(argv[i], "--id") == 0)
      return ks_cmd_proof_exhibit(argc, argv); /* one exhibit, every panel size */
  ks_cli *cli = ks_cli_begin(&proof_cmd, argc, argv);
  const char *v;
  for (int opt; (opt = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (opt == KS_CLI_OPT_DIAGONAL || opt == KS_CLI_OPT_PANEL_MM)
      ks_cli_panel_value(cli, opt, v, &so);
    else if (opt == OPT_OUT)
      out = v;
    else if (opt == OPT_PACK)
      pack_path = v;
    else if (opt == OPT_SOURCE)
      ks_cli_fail(cli, "--source goes with --id EXHIBIT");
  }
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (!out)
    return ks_cli_refuse(&proof_cmd, "say where with --out DIR");
  char err[512];
  if (!ks_file_mkdirs(out, 0755, err, sizeof err)) {
    ks_diag_log(stderr, "kiosk proof: %s", err);
    return 1;
  }
  so.pack = pack_path;
  so.target = KS_SESSION_CANVAS;
  so.width = SHOT_W;
  so.height = SHOT_H;
  ks_session *session = ks_session_open(&so);
  if (!session)
    return 1; /* said why */
  const ks_content *content = ks_session_content(session);
  ks_fonts *fonts = ks_session_fonts(session);
  /* Home, each kind's overview, the attract loop, then every exhibit's page. */
  enum { OVERVIEWS = KS_KIND_COUNT + 2 };
  size_t n = OVERVIEWS + content->n_exhibits;
  page *pages = ks_xcalloc(n, sizeof *pages);
  pages[0].screen = KS_SCREEN_HOME;
  for (int k = 0; k < KS_KIND_COUNT; k++)
    pages[1 + k].screen = ks_ui_kind_screen((ks_kind)k, true);
  pages[OVERVIEWS - 1].screen = KS_SCREEN_ATTRACT;
  for (size_t i = 0; i < content->n_exhibits; i++) {
    pages[OVERVIEWS + i].id = content->exhibits[i].id;
    pages[OVERVIEWS + i].screen = ks_ui_kind_screen(content->exhibits[i].kind, false);
  }
  rc = 0;
  ks_cli_progress progress;
  ks_cli_progress_begin(&progress, "kiosk proof: screens");
  int n_langs = content->meta.n_languages;
  for (ks_lang l = 0; l < n_langs && rc == 0; l++) {
    const char *code = ks_content_lang_tag(content, l);
    int rows = (int)((n + COLS - 1) / COLS);
    int sheet_w = COLS * THUMB_W, sheet_h = rows * (THUMB_H + LABEL_H);
    SDL_Surface *sheet =
        SDL_CreateRGBSurfaceWithFormat(0, sheet_w, sheet_h, 32, SDL_PIXELFORMAT_ARGB8888);
    ks_canvas *shot = ks_session_canvas(session);
    if (!sheet) {
      ks_diag_log(stderr, "kiosk proof: %s", SDL_GetError());
      rc = 1;
    }
    SDL_FillRect(sheet, NULL, 0xff0b1a2e);
    for (size_t i = 0; i < n && rc == 0; i++) {
      char path[4096];
      const char *name = pages[i].id ? pages[i].id : "overview";
      if (!pages[i].id)
        name = ks_screen_name(pages[i].screen);
      if (!render_page(session, shot, code, &pages[i])) {
        ks_diag_log(stderr, "kiosk proof: cannot show %s", name);
        rc = 1;
        break;
      }
      ks_cli_progress_show(&progress, (long)((size_t)l * n + i + 1), (long)((size_t)n_langs * n));
      snprintf(path, sizeof path, "%s/%s-%s.png", out, name, code);
      if (!ks_canvas_save_png(shot, path, err, sizeof err)) {
        ks_diag_log(stderr, "kiosk proof: %s", err);
        rc = 1;
        break;
      }
      /* The thumbnail, scaled smoothly, on the sheet. */
      SDL_Rect dst = {(int)(i % COLS) * THUMB_W + 8, (int)(i / COLS) * (THUMB_H + LABEL_H) + 8,
                      THUMB_W - 16, THUMB_H - 16};
      SDL_SoftStretchLinear(ks_canvas_surface(shot), NULL, sheet, &dst);
    }
    ks_cli_progress_end(&progress); /* the line is clear for what is said next */
    if (rc == 0) {
      /* Names under the thumbnails, drawn with the kiosk's own text. */
      SDL_Renderer *r = SDL_CreateSoftwareRenderer(sheet);
      ks_gfx *gfx = ks_gfx_create(r, sheet_w, sheet_h, 1);
      ks_face *face = ks_fonts_face(fonts, 16);
      for (size_t i = 0; i < n; i++) {
        const char *label = pages[i].id ? pages[i].id : ks_screen_name(pages[i].screen);
        ks_gfx_text(gfx, face, label, strlen(label), (int)(i % COLS) * THUMB_W + 8,
                    (int)(i / COLS) * (THUMB_H + LABEL_H) + THUMB_H + 14,
                    (ks_color){0xc2, 0xd0, 0xe2, 0xff});
      }
      ks_gfx_flush(gfx);
      SDL_RenderFlush(r);
      ks_gfx_destroy(gfx);
      SDL_DestroyRenderer(r);
      char path[4096];
      snprintf(path, sizeof path, "%s/contact-%s.png", out, code);
      if (IMG_SavePNG(sheet, path) != 0) {
        ks_diag_log(stderr, "kiosk proof: cannot write %s", path);
        rc = 1;
      } else {
        ks_diag_log(stdout, "wrote %s: %zu screens", path, n);
      }
    }
    SDL_FreeSurface(sheet);
  }
  free(pages);
  ks_session_close(session);
  return rc;
}
