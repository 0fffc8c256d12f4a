/* kiosk preview: a curator's content folder shown as a kiosk shows it, again on every save.
 * Each save is validated as `kiosk pack validate` does and, when it has no error, built in
 * memory and shown on the same screen in the same language; the findings are printed and shown
 * over the screen (the UI's curators' notice). A save with errors cannot be built: the last good
 * content stays on screen, with the findings over it. Without a display, --out DIR writes the
 * screens a change touches as PNGs instead.
 *
 * The content goes to the session as it was loaded (ks_session_opts.content, then
 * ks_session_adopt), not through a pack file: a pack would be written, vetted and read back on
 * every save for nothing (the checks are the ones just run), and the findings keep the source's
 * file and line. */
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/fileio.h"
#include "kiosk/images.h"
#include "kiosk/kiosk.h"
#include "kiosk/srcwatch.h"

#include <SDL.h>
#include <SDL_image.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_SIZE = 1, OPT_ID, OPT_LANG, OPT_OUT, OPT_ONCE, OPT_SOURCES, OPT_FONTS };

static const ks_cli_opt preview_opts[] = {
    {OPT_SIZE, "--size", "WxH", "the window's size (default 1280x800)"},
    KS_CLI_PANEL_OPTS,
    {OPT_ID, "--id", "EXHIBIT", "start on this exhibit's page"},
    {OPT_LANG, "--lang", "TAG", "the language to start in (default: the pack's)"},
    {OPT_OUT, "--out", "DIR",
     "no window: write the screens a change touches to DIR as PNGs (the\n"
     "changed exhibit's page in both languages and its list; at the start\n"
     "the --id exhibit's or home), NAME-zh.png and NAME-en.png"},
    {OPT_ONCE, "--once", NULL, "with --out: build once, write the screens and exit (1 on errors)"},
    {OPT_SOURCES, "--sources-dir", "DIR",
     "also check the quotes against the source articles in DIR"},
    {OPT_FONTS, "--fonts", "DIR", "the fonts to check and draw with (default: the bundled ones)"},
    {0}};

static const ks_cli_cmd preview_cmd = {
    .name = "preview",
    .synopsis = "SOURCE_DIR [--size WxH] [--diagonal INCHES | --panel-mm WxH] [--id EXHIBIT]\n"
                "[--lang TAG] [--sources-dir DIR] [--fonts DIR] [--out DIR [--once]]",
    .about =
        "Shows the content folder SOURCE_DIR in a window as a kiosk would, and again each\n"
        "time a file in it is saved: the folder is validated as `kiosk pack validate` does,\n"
        "and the screen on show comes back with the change, in the same language. Findings\n"
        "are printed like a compiler's and shown over the screen with their file and line\n"
        "(Close hides them); while a file has an error, the last content without errors stays\n"
        "on screen. Esc or Backspace: back, H: home, L: language.\n",
    .opts = preview_opts,
    .max_operands = 1};

enum { MAX_PAGES = 16 };

/* A screen to write: a detail page (`id`) or an overview. */
typedef struct {
  ks_screen_id screen;
  char id[128]; /* "" for an overview */
} page;

/* Where a UI is, to show the same after a reload. */
typedef struct {
  ks_screen_id screen;
  char id[128];
  char lang[36]; /* the tag of the language shown */
} where;

typedef struct {
  const char *dir, *sources_dir, *fonts_dir, *out, *id;
  int width, height;
  ks_session *session; /* owns the content shown and its UI (adopted at each reload) */
  ks_srcwatch *watch;
  int build;       /* builds without errors so far; the one shown is the last */
  ks_diag *diag;   /* the last reload's findings */
  bool has_errors; /* the last reload had errors: the build shown is older */
  /* The window: a reload's content and UI, until the loop retires the old one. */
  ks_content *next_content;
  ks_ui *next_ui;
} preview;

static ks_screen_id detail_screen(ks_kind kind) { return ks_ui_kind_screen(kind, false); }

static ks_screen_id list_screen(ks_kind kind) { return ks_ui_kind_screen(kind, true); }

/* The overview of a detail screen; any other screen is its own. */
static ks_screen_id list_of(ks_screen_id detail) {
  int kind = ks_ui_screen_kind(detail);
  return kind >= 0 ? ks_ui_kind_screen((ks_kind)kind, true) : detail;
}

/* Shows `screen` (exhibit `id`, or none) on a fresh UI of `content`: a page after its list, so
 * that Back goes to the list; an exhibit gone shows the list it was in. */
static void show(ks_ui *ui, const ks_content *content, ks_screen_id screen, const char *id) {
  const ks_exhibit *e = id && id[0] ? ks_content_find(content, id) : NULL;
  if (e) {
    ks_ui_show(ui, list_screen(e->kind), NULL);
    ks_ui_show(ui, detail_screen(e->kind), e->id);
  } else if (list_of(screen) != KS_SCREEN_HOME && list_of(screen) != KS_SCREEN_ATTRACT) {
    ks_ui_show(ui, list_of(screen), NULL);
  }
}

/* Loads and checks the folder as `kiosk pack validate` does and prints the findings. Returns
 * the content when it has no error (a new build), else NULL. */
static ks_content *reload(preview *p) {
  ks_diag_destroy(p->diag);
  p->diag = ks_diag_create();
  ks_content *c = ks_cli_load_checked(p->dir, p->sources_dir, p->fonts_dir, p->diag);
  if (ks_diag_size(p->diag))
    ks_diag_print(p->diag, stdout);
  p->has_errors = !c || ks_diag_count(p->diag, KS_ERROR) > 0;
  if (p->has_errors) {
    ks_content_destroy(c);
    return NULL;
  }
  p->build++;
  return c;
}

/* Says on stdout what the reload came to: the last line a script waits for. */
static void say_status(const preview *p) {
  size_t e = ks_diag_count(p->diag, KS_ERROR), w = ks_diag_count(p->diag, KS_WARNING);
  const char *es = e == 1 ? "" : "s", *ws = w == 1 ? "" : "s";
  if (!p->has_errors)
    ks_diag_log(stdout, "kiosk preview: build %d: 0 errors, %zu warning%s", p->build, w, ws);
  else if (p->build)
    ks_diag_log(stdout,
                "kiosk preview: %zu error%s: still showing build %d, the last without errors", e,
                es, p->build);
  else
    ks_diag_log(stdout, "kiosk preview: %zu error%s: nothing to show until they are fixed", e, es);
  fflush(stdout);
}

/* The findings as the notice over the screen shows them, errors first: the first few, their
 * file named relative to the folder. False when there are none. */
static bool findings_notice(const preview *p, char *zh, char *en, size_t size) {
  size_t e = ks_diag_count(p->diag, KS_ERROR), w = ks_diag_count(p->diag, KS_WARNING);
  if (e + w == 0)
    return false;
  if (p->has_errors) {
    snprintf(zh, size, "预览：%zu 个错误，%zu 个警告。仍显示第 %d 版（最后一个没有错误的版本）。",
             e, w, p->build);
    snprintf(en, size, "Preview: %zu error%s, %zu warning%s; still showing build %d. ", e,
             e == 1 ? "" : "s", w, w == 1 ? "" : "s", p->build);
  } else {
    snprintf(zh, size, "预览：%zu 个警告。", w);
    snprintf(en, size, "Preview: %zu warning%s. ", w, w == 1 ? "" : "s");
  }
  size_t dir_len = strlen(p->dir), shown = 0;
  for (int pass = 0; pass < 2; pass++) /* errors, then warnings */
    for (size_t i = 0; i < ks_diag_size(p->diag) && shown < 4; i++) {
      if ((ks_diag_severity(p->diag, i) == KS_ERROR) != (pass == 0))
        continue;
      const char *text = ks_diag_text(p->diag, i); /* escaped as printed */
      if (strncmp(text, p->dir, dir_len) == 0 && text[dir_len] == '/')
        text += dir_len + 1;
      for (char *s = zh; s; s = s == zh ? en : NULL) {
        size_t n = strlen(s);
        snprintf(s + n, size - n, "%s%s", shown ? " · " : "", text);
      }
      shown++;
    }
  return true;
}

/* ---- PNGs ----------------------------------------------------------------------------------- */

bool ks_cli_render_png(ks_session *session, const ks_content *content, ks_canvas *canvas,
                       ks_screen_id screen, const char *id, const char *lang, const char *zh,
                       const char *en, const char *path, char *err, size_t err_size) {
  SDL_Surface *surface = ks_canvas_surface(canvas);
  ks_gfx *gfx = ks_gfx_create(ks_canvas_renderer(canvas), surface->w, surface->h, 2);
  ks_ui *ui = ks_session_new_ui(session, content, lang);
  ks_ui_set_idle_timeout(ui, 0);
  show(ui, content, screen, id);
  for (int i = 0; i < 100 && ks_ui_tick(ui, 0.05f); i++) /* at rest: highlights faded in */
    ;
  if (zh)
    ks_ui_set_notice(ui, zh, en, -1, 0);
  ks_ui_draw(ui, gfx); /* asks for the screen's images */
  ks_images_settle(ks_gfx_images(gfx));
  ks_ui_draw(ui, gfx); /* and shows them */
  ks_gfx_flush(gfx);
  SDL_RenderFlush(ks_canvas_renderer(canvas));
  ks_ui_destroy(ui);
  ks_gfx_destroy(gfx);
  /* A new file beside the old one, renamed over it. */
  char dir[4096], tmp[4096];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash)
    *slash = '\0';
  else
    snprintf(dir, sizeof dir, ".");
  int fd = ks_file_create_temp(dir, ".preview-", 0644, NULL, NULL, tmp, sizeof tmp);
  if (fd < 0) {
    snprintf(err, err_size, "cannot create a file in %s: %s", dir, strerror(errno));
    return false;
  }
  FILE *f = fdopen(fd, "wb");
  SDL_RWops *rw = f ? SDL_RWFromFP(f, SDL_TRUE) : NULL;
  bool ok = rw && IMG_SavePNG_RW(surface, rw, 1) == 0;
  if (!rw) {
    if (f)
      fclose(f);
    else
      close(fd);
  }
  if (ok && rename(tmp, path) == 0)
    return true;
  snprintf(err, err_size, "cannot write %s: %s", path, ok ? strerror(errno) : IMG_GetError());
  unlink(tmp);
  return false;
}

static void add_page(page *pages, size_t *n, ks_screen_id screen, const char *id) {
  for (size_t i = 0; i < *n; i++)
    if (pages[i].screen == screen && strcmp(pages[i].id, id ? id : "") == 0)
      return;
  if (*n == MAX_PAGES)
    return;
  pages[*n].screen = screen;
  snprintf(pages[*n].id, sizeof pages[*n].id, "%s", id ? id : "");
  (*n)++;
}

static void add_exhibit(page *pages, size_t *n, const ks_exhibit *e) {
  add_page(pages, n, detail_screen(e->kind), e->id);
  add_page(pages, n, list_screen(e->kind), NULL);
}

/* Whether the source file `file` (as loaded: DIR/events/x.md) is `rel` in the folder. */
static bool is_file(const char *file, const char *rel) {
  size_t n = file ? strlen(file) : 0, m = strlen(rel);
  return n > m && file[n - m - 1] == '/' && strcmp(file + n - m, rel) == 0;
}

/* The screens a change touches, in `content`: an exhibit's file its page and list, an image the
 * pages showing it; anything else (pack.yaml, sources, the glossary, all at once) the screen
 * asked for at the start. */
static size_t touched(const preview *p, const ks_content *c, const ks_srcwatch_changes *ch,
                      page *pages) {
  size_t n = 0;
  bool start = !ch || ch->many;
  for (size_t f = 0; ch && f < ch->n_files; f++) {
    bool found = false;
    for (size_t i = 0; i < c->n_exhibits; i++) {
      const ks_exhibit *e = &c->exhibits[i];
      bool shows = is_file(e->file, ch->files[f]);
      for (size_t k = 0; k < e->n_images && !shows; k++)
        shows = e->images[k].file && strcmp(e->images[k].file, ch->files[f]) == 0;
      if (shows) {
        add_exhibit(pages, &n, e);
        found = true;
      }
    }
    start |= !found && !strchr(ch->files[f], '/'); /* pack.yaml, sources.yaml, glossary.yaml */
  }
  if (start || n == 0) {
    const ks_exhibit *e = ks_content_find(c, p->id);
    if (e)
      add_exhibit(pages, &n, e);
    else
      add_page(pages, &n, KS_SCREEN_HOME, NULL);
  }
  return n;
}

/* Writes the screens a change touches in every language of the pack, the findings over them. */
static bool write_pages(preview *p, const ks_srcwatch_changes *ch) {
  const ks_content *c = ks_session_content(p->session);
  page pages[MAX_PAGES];
  size_t n = touched(p, c, ch, pages);
  char zh[4096], en[4096], path[4096], err[512];
  bool notice = findings_notice(p, zh, en, sizeof zh);
  for (size_t i = 0; i < n; i++)
    for (ks_lang l = 0; l < c->meta.n_languages; l++) {
      snprintf(path, sizeof path, "%s/%s-%s.png", p->out,
               pages[i].id[0] ? pages[i].id : ks_screen_name(pages[i].screen),
               ks_content_lang_tag(c, l));
      if (!ks_cli_render_png(p->session, c, ks_session_canvas(p->session), pages[i].screen,
                             pages[i].id, ks_content_lang_tag(c, l), notice ? zh : NULL, en, path,
                             err, sizeof err)) {
        ks_diag_log(stderr, "kiosk preview: %s", err);
        return false;
      }
      ks_diag_log(stdout, "kiosk preview: wrote %s", path);
    }
  return true;
}

/* ---- the window ----------------------------------------------------------------------------- */

static ks_ui *on_tick(void *ctx, ks_ui *ui, bool *redraw) {
  preview *p = ctx;
  ks_srcwatch_changes ch;
  if (p->next_ui || !ks_srcwatch_poll(p->watch, 0, &ch))
    return NULL;
  where w = {.screen = ks_ui_screen(ui)};
  snprintf(w.lang, sizeof w.lang, "%s", ks_ui_lang_tag(ui));
  snprintf(w.id, sizeof w.id, "%s", ks_ui_exhibit(ui) ? ks_ui_exhibit(ui) : "");
  ks_content *c = reload(p);
  char zh[4096], en[4096];
  bool notice = findings_notice(p, zh, en, sizeof zh);
  say_status(p);
  *redraw = true;
  if (!c) { /* the last good content stays, the findings over it */
    ks_ui_set_notice(ui, zh, en, -1, KS_NOTICE_DISMISS);
    return NULL;
  }
  ks_ui *fresh = ks_session_new_ui(p->session, c, w.lang); /* the same language, by its tag */
  ks_ui_set_idle_timeout(fresh, 0);
  show(fresh, c, w.screen, w.id);
  if (notice)
    ks_ui_set_notice(fresh, zh, en, -1, KS_NOTICE_DISMISS);
  p->next_content = c;
  p->next_ui = fresh;
  return fresh;
}

/* The loop has dropped what it drew from the old UI: the session frees it with its content. */
static void on_retire(void *ctx, ks_ui *old) {
  preview *p = ctx;
  (void)old;
  ks_session_adopt(p->session, NULL, p->next_content, NULL, p->next_ui);
  p->next_content = NULL;
  p->next_ui = NULL;
}

/* ---- start ---------------------------------------------------------------------------------- */

static int parse(preview *p, ks_session_opts *so, bool *once, int argc, char **argv) {
  ks_cli *cli = ks_cli_begin(&preview_cmd, argc, argv);
  const char *v;
  for (int opt; (opt = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (opt == KS_CLI_OPT_DIAGONAL || opt == KS_CLI_OPT_PANEL_MM)
      ks_cli_panel_value(cli, opt, v, so);
    else if (opt == OPT_SIZE) {
      if (sscanf(v, "%dx%d", &p->width, &p->height) != 2 || p->width < 320 || p->height < 240 ||
          p->width > 7680 || p->height > 7680)
        ks_cli_fail(cli, "--size takes WxH between 320x240 and 7680x7680");
    } else if (opt == OPT_ID)
      p->id = v;
    else if (opt == OPT_LANG) {
      so->lang = v;
      if (!ks_lang_tag_valid(v))
        ks_cli_fail(cli, "--lang takes a language tag of the pack's (zh, en, ja …)");
    } else if (opt == OPT_OUT)
      p->out = v;
    else if (opt == OPT_ONCE)
      *once = true;
    else if (opt == OPT_SOURCES)
      p->sources_dir = v;
    else if (opt == OPT_FONTS)
      p->fonts_dir = v;
  }
  int n;
  char **rest = ks_cli_operands(cli, &n);
  if (n == 1)
    p->dir = rest[0];
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc == 0 ? -1 : rc; /* -1: help or version printed, exit 0 */
  if (!p->dir || (*once && !p->out))
    return ks_cli_refuse(&preview_cmd, !p->dir ? "name the content folder to show"
                                               : "--once works with --out DIR");
  if (!ks_is_dir(p->dir)) {
    ks_diag_log(stderr, "kiosk preview: %s is not a content folder", p->dir);
    return 2;
  }
  return 0;
}

int ks_cmd_preview(int argc, char **argv) {
  preview p = {.width = 1280, .height = 800};
  ks_session_opts so = {.cmd = "preview", .has_idle_timeout = true, .idle_timeout = 0};
  bool once = false;
  int rc = parse(&p, &so, &once, argc, argv);
  if (rc)
    return rc < 0 ? 0 : rc;
  char err[512];
  if (p.out && !ks_file_mkdirs(p.out, 0755, err, sizeof err)) {
    ks_diag_log(stderr, "kiosk preview: %s", err);
    return 1;
  }
  /* Watched before the first load, so that no save is missed between the two. */
  if (!once && !(p.watch = ks_srcwatch_open(p.dir, err, sizeof err))) {
    ks_diag_log(stderr, "kiosk preview: %s", err);
    return 1;
  }
  ks_content *first = reload(&p);
  ks_srcwatch_changes ch;
  while (!first) { /* nothing good to show yet: wait for a fix */
    say_status(&p);
    if (once || !p.diag || ks_diag_size(p.diag) == 0) {
      ks_srcwatch_close(p.watch);
      ks_diag_destroy(p.diag);
      return 1;
    }
    while (!ks_srcwatch_poll(p.watch, 1000, &ch))
      ;
    first = reload(&p);
  }
  so.content = first;
  so.fonts_dir = p.fonts_dir;
  so.target = p.out ? KS_SESSION_CANVAS : KS_SESSION_WINDOW;
  so.width = p.width;
  so.height = p.height;
  p.session = ks_session_open(&so);
  if (!p.session) {
    ks_content_destroy(first);
    ks_srcwatch_close(p.watch);
    ks_diag_destroy(p.diag);
    return 1; /* said why */
  }
  /* The session owns what it shows from here: each reload's content is adopted the same way. */
  ks_ui *ui = ks_session_new_ui(p.session, first, NULL);
  ks_ui_set_idle_timeout(ui, 0);
  show(ui, first, KS_SCREEN_HOME, p.id);
  char zh[4096], en[4096];
  if (findings_notice(&p, zh, en, sizeof zh))
    ks_ui_set_notice(ui, zh, en, -1, KS_NOTICE_DISMISS);
  ks_session_adopt(p.session, NULL, first, NULL, ui);
  if (p.id && !ks_content_find(first, p.id))
    ks_diag_log(stderr, "kiosk preview: %s has no exhibit \"%s\"; showing home", p.dir, p.id);
  rc = 0;
  if (p.out) {
    bool ok = write_pages(&p, NULL);
    say_status(&p);
    rc = ok ? 0 : 1;
    while (!once && ok) {
      if (!ks_srcwatch_poll(p.watch, 1000, &ch))
        continue;
      ks_content *c = reload(&p);
      if (c)
        ks_session_adopt(p.session, NULL, c, NULL, ks_session_new_ui(p.session, c, NULL));
      ok = write_pages(&p, &ch);
      say_status(&p);
      rc = ok ? 0 : 1;
    }
  } else {
    say_status(&p);
    ks_kiosk_hooks hooks = {.tick = on_tick, .retire = on_retire, .tick_ms = 50, .ctx = &p};
    ks_kiosk_run(ks_session_window(p.session), ks_session_ui(p.session), 0, &hooks);
    if (p.next_ui) { /* a reload the loop had not taken yet */
      ks_ui_destroy(p.next_ui);
      ks_content_destroy(p.next_content);
    }
  }
  ks_session_close(p.session);
  ks_srcwatch_close(p.watch);
  ks_diag_destroy(p.diag);
  return rc;
}
