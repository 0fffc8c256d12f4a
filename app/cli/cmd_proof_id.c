/* kiosk proof --id: one exhibit's page in every language on the panel sizes kiosks have, so
 * that a curator sees where a long title wraps or a figure crowds before the pack goes out. */
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"

#include <stdio.h>
#include <string.h>

/* A small panel, a laptop-sized one, full HD, and full HD mounted upright. */
static const struct { int w, h; } sizes[] = {{800, 480}, {1280, 800}, {1920, 1080}, {1080, 1920}};

static const char proof_id_usage[] =
    "usage: kiosk proof --id EXHIBIT [--pack FILE.kpack | --source DIR] [--fonts DIR]\n"
    "                   --out DIR\n"
    "\n"
    "Renders one exhibit's page in every language on panels of 800x480, 1280x800, 1920x1080\n"
    "and 1080x1920 into DIR as EXHIBIT-LANG-WxH.png. The default pack is the bundled one;\n"
    "--source takes a content folder instead (it must have no errors: kiosk pack validate).\n";

int ks_cmd_proof_exhibit(int argc, char **argv) {
  const char *id = NULL, *out = NULL, *pack = NULL, *source = NULL, *fonts = NULL;
  for (int i = 0; i < argc; i++) {
    bool more = i + 1 < argc;
    if (strcmp(argv[i], "--id") == 0 && more)
      id = argv[++i];
    else if (strcmp(argv[i], "--out") == 0 && more)
      out = argv[++i];
    else if (strcmp(argv[i], "--pack") == 0 && more)
      pack = argv[++i];
    else if (strcmp(argv[i], "--source") == 0 && more)
      source = argv[++i];
    else if (strcmp(argv[i], "--fonts") == 0 && more)
      fonts = argv[++i];
    else {
      bool help = strcmp(argv[i], "--help") == 0;
      if (!help)
        ks_diag_log(stderr, "kiosk proof: unexpected argument \"%s\"", argv[i]);
      fputs(proof_id_usage, help ? stdout : stderr);
      return help ? 0 : 2;
    }
  }
  if (!id || !out || (pack && source)) {
    ks_diag_log(stderr, "kiosk proof: %s",
                pack && source ? "take --pack or --source, not both" : "say where with --out DIR");
    fputs(proof_id_usage, stderr);
    return 2;
  }
  char err[512];
  ks_content *loaded = NULL;
  if (source) { /* checked as pack validate checks it: only content without errors is shown */
    ks_diag *diag = ks_diag_create();
    loaded = ks_cli_load_checked(source, NULL, fonts, diag);
    bool bad = !loaded || ks_diag_count(diag, KS_ERROR);
    if (bad) {
      ks_diag_print(diag, stderr);
      ks_diag_log(stderr, "kiosk proof: %s has errors; fix them first", source);
      ks_content_destroy(loaded);
    }
    ks_diag_destroy(diag);
    if (bad)
      return 1;
  }
  ks_session_opts so = {.cmd = "proof",
                        .content = loaded,
                        .pack = pack,
                        .fonts_dir = fonts,
                        .has_idle_timeout = true,
                        .target = KS_SESSION_NONE,
                        .width = 1280,
                        .height = 800};
  ks_session *session = ks_session_open(&so);
  if (!session) {
    ks_content_destroy(loaded);
    return 1; /* said why */
  }
  const ks_content *content = ks_session_content(session);
  const ks_exhibit *e = ks_content_find(content, id);
  int rc = 0;
  if (!e) {
    ks_diag_log(stderr, "kiosk proof: the pack has no exhibit \"%s\"", id);
    rc = 1;
  } else if (!ks_file_mkdirs(out, 0755, err, sizeof err)) {
    ks_diag_log(stderr, "kiosk proof: %s", err);
    rc = 1;
  }
  for (size_t s = 0; rc == 0 && s < sizeof sizes / sizeof *sizes; s++) {
    ks_canvas *canvas = ks_canvas_create(sizes[s].w, sizes[s].h, err, sizeof err);
    for (ks_lang l = 0; canvas && rc == 0 && l < content->meta.n_languages; l++) {
      char path[4096];
      const char *tag = ks_content_lang_tag(content, l);
      snprintf(path, sizeof path, "%s/%s-%s-%dx%d.png", out, e->id, tag, sizes[s].w, sizes[s].h);
      if (ks_cli_render_png(session, content, canvas, KS_SCREEN_HOME, e->id, tag, NULL, NULL, path,
                            err, sizeof err))
        ks_diag_log(stdout, "wrote %s", path);
      else
        rc = 1;
    }
    if (!canvas)
      rc = 1;
    if (rc)
      ks_diag_log(stderr, "kiosk proof: %s", err);
    ks_canvas_destroy(canvas);
  }
  ks_session_close(session);
  ks_content_destroy(loaded);
  return rc;
}
