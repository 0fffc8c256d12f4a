#include "kiosk/session.h"

#include "kiosk/diag.h"
#include "kiosk/install.h"
#include "kiosk/mem.h"
#include "kiosk/paths.h"
#include "kiosk/textbreak.h"
#include "kiosk/vet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct ks_session {
  char prefix[64];       /* "kiosk CMD", for messages */
  char fonts_dir[4096];  /* where the fonts came from */
  ks_fonts *fonts;       /* owned */
  ks_pack *pack;         /* owned; NULL when the content is the caller's */
  ks_content *content;   /* owned: the caller's content adopted (preview), or the pack read
                            whole for ks_session_content; the UI reads the pack on demand */
  const ks_content *all; /* every exhibit, where there is a model: `content` or the caller's */
  ks_content *view;      /* owned: `all` as shown on `today`, made for ks_session_content */
  char today[16];        /* the day shown (YYYY-MM-DD), or "" for every exhibit */
  ks_window *window;     /* owned, or NULL */
  ks_canvas *canvas;     /* owned, or NULL */
  ks_gfx *gfx;           /* owned: the canvas's or the null backend's; NULL for a window */
  ks_ui *ui;             /* owned */
  const char *lang;      /* the options' language rule (borrowed, like all of the options) */
  bool has_idle_timeout;
  float idle_timeout;
  float panel_w_mm, panel_h_mm; /* in the laid-out frame; 0, 0 unknown */
};

bool ks_session_open_pack(const char *cmd, const char *path, const char *fonts_dir,
                          const char *data_dir, ks_pack **pack) {
  char record[4096];
  ks_vet_opts opts = {.fonts_dir = fonts_dir, .stamp = KS_VET_STAMP};
  if (ks_vet_record_path(data_dir, record, sizeof record))
    opts.record = record;
  ks_diag *diag = ks_diag_create();
  bool ok = ks_vet_pack(path, &opts, pack, diag);
  if (!ok) {
    const char *first = "it could not be read";
    for (size_t i = 0; i < ks_diag_size(diag); i++)
      if (ks_diag_severity(diag, i) == KS_ERROR) {
        first = ks_diag_text(diag, i);
        break;
      }
    ks_diag_log(stderr, "kiosk %s: refusing to show %s: %s", cmd, path, first);
    ks_diag_print(diag, stderr);
  }
  ks_diag_destroy(diag);
  return ok;
}

bool ks_session_diagonal_mm(float diagonal_in, int w_px, int h_px, int rotation, float *w_mm,
                            float *h_mm) {
  *w_mm = *h_mm = 0;
  if (!(isfinite(diagonal_in) && diagonal_in > 0) || w_px <= 0 || h_px <= 0)
    return false;
  double d = (double)diagonal_in * 25.4, w = w_px, h = h_px, px = sqrt(w * w + h * h);
  float a = (float)(d * w / px), b = (float)(d * h / px);
  bool turned = rotation == 90 || rotation == 270;
  *w_mm = turned ? b : a;
  *h_mm = turned ? a : b;
  return true;
}

/* Names the bundled map to the UI, which reads it when the cities screen first shows it (a
 * first frame of home pays nothing for it); a missing file is said at once. */
static void attach_map(ks_ui *ui) {
  char path[4096];
  if (!ks_paths_find("assets/map/delta.txt", path, sizeof path))
    fprintf(stderr, "kiosk: the map asset is missing beside the binary; the cities screen shows "
                    "its pins without coastline\n");
  else
    ks_ui_set_map_file(ui, path);
}

/* The exhibits of `pack` (or, without one, of the session's content) as shown on `today` ("":
 * every day), for a UI. NULL when the pack cannot be read (said on stderr). */
static ks_store *store_for(ks_session *s, ks_pack *pack, const char *today) {
  const char *day = today && today[0] ? today : NULL;
  if (!pack)
    return s->all ? ks_store_of_content(s->all, day) : NULL;
  ks_diag *diag = ks_diag_create();
  ks_store *store = ks_store_open_pack(pack, day, diag);
  if (ks_diag_size(diag))
    ks_diag_print(diag, stderr);
  ks_diag_destroy(diag);
  return store;
}

/* Chooses and opens the pack to show: the one asked for, else the installed one (after the
 * automatic rollback's check), else the bundled one. Each is vetted before anything of it is
 * shown; with `fall_back` one refused gives way to the next. */
static bool choose_pack(ks_session *s, const ks_session_opts *o) {
  const char *cmd = o->cmd ? o->cmd : "run";
  const char *data_dir = o->data_dir ? o->data_dir : "";
  if (o->pack) {
    if (ks_session_open_pack(cmd, o->pack, s->fonts_dir, data_dir, &s->pack) || !o->fall_back)
      return s->pack != NULL;
    ks_diag_log(stderr, "%s: the pack %s is refused; showing the installed or the bundled pack",
                s->prefix, o->pack);
  }
  char path[4096];
  ks_start start = KS_START_BUNDLED;
  if (data_dir[0]) {
    ks_diag *diag = ks_diag_create();
    mkdir(data_dir, 0755);
    ks_install_recover(data_dir, NULL);
    start = ks_install_starting(data_dir, o->rollback_failures, (int64_t)o->rollback_minutes * 60,
                                (int64_t)time(NULL), diag);
    if (ks_diag_size(diag))
      ks_diag_print(diag, stderr);
    ks_diag_destroy(diag);
  }
  if (start != KS_START_BUNDLED && ks_install_active(data_dir, path, sizeof path)) {
    if (ks_session_open_pack(cmd, path, s->fonts_dir, data_dir, &s->pack))
      return true;
    ks_diag_log(stderr, "%s: the installed pack %s is refused; showing the bundled pack", s->prefix,
                path);
  }
  if (!ks_paths_find("bundled.kpack", path, sizeof path)) {
    ks_diag_log(stderr,
                "%s: the bundled pack is missing (build it: cmake --build --preset default); "
                "pass --pack FILE.kpack",
                s->prefix);
    return false;
  }
  return ks_session_open_pack(cmd, path, s->fonts_dir, data_dir, &s->pack);
}

/* The panel's size: the options', else the display's, in the laid-out frame. */
static void find_panel(ks_session *s, const ks_session_opts *o, int w_px, int h_px) {
  bool turned = o->rotation == 90 || o->rotation == 270;
  if (o->panel_w_mm > 0 && o->panel_h_mm > 0 && isfinite(o->panel_w_mm) &&
      isfinite(o->panel_h_mm)) {
    s->panel_w_mm = turned ? o->panel_h_mm : o->panel_w_mm;
    s->panel_h_mm = turned ? o->panel_w_mm : o->panel_h_mm;
  } else if (ks_session_diagonal_mm(o->panel_diagonal_in, w_px, h_px, o->rotation, &s->panel_w_mm,
                                    &s->panel_h_mm)) {
    /* set */
  } else if (s->window) {
    float w = 0, h = 0;
    if (ks_window_panel_mm(s->window, &w, &h)) {
      s->panel_w_mm = turned ? h : w;
      s->panel_h_mm = turned ? w : h;
    }
  }
}

/* A UI over `store` (NULL: the store could not be made), made as the session's own is. */
static ks_ui *make_ui(ks_session *s, ks_store *store, const char *lang, bool map) {
  if (!store)
    return NULL;
  const ks_content *head = ks_store_head(store);
  if (!lang || !lang[0])
    lang = s->lang && s->lang[0] ? s->lang : head->meta.default_lang;
  /* A language the pack has not (a kiosk.ini written for another pack) shows the pack's own. */
  ks_lang slot = lang ? ks_content_lang(head, lang) : -1;
  ks_ui *ui = ks_ui_create_store(store, s->fonts, slot >= 0 ? slot : ks_content_default_lang(head));
  if (s->has_idle_timeout)
    ks_ui_set_idle_timeout(ui, s->idle_timeout);
  ks_ui_set_panel_mm(ui, s->panel_w_mm, s->panel_h_mm); /* sizes in millimetres (0, 0: unknown) */
  if (map)
    attach_map(ui);
  return ui;
}

ks_session *ks_session_open(const ks_session_opts *o) {
  ks_session *s = ks_xcalloc(1, sizeof *s);
  snprintf(s->prefix, sizeof s->prefix, "kiosk%s%s", o->cmd ? " " : "", o->cmd ? o->cmd : "");
  s->lang = o->lang;
  s->has_idle_timeout = o->has_idle_timeout;
  s->idle_timeout = o->idle_timeout;
  char err[512];
  if (o->fonts_dir)
    snprintf(s->fonts_dir, sizeof s->fonts_dir, "%s", o->fonts_dir);
  else if (!ks_paths_find("assets/fonts", s->fonts_dir, sizeof s->fonts_dir)) {
    ks_diag_log(stderr, "%s: the bundled fonts are missing beside the binary", s->prefix);
    goto fail;
  }
  if (o->content)
    s->all = o->content;
  else if (!choose_pack(s, o))
    goto fail; /* refused, and said why */
  if (o->date) /* a temporary exhibition is shown on its days only */
    snprintf(s->today, sizeof s->today, "%s", o->date);
  if (!(s->fonts = ks_fonts_open(s->fonts_dir, err, sizeof err))) {
    ks_diag_log(stderr, "%s: %s", s->prefix, err);
    goto fail;
  }
  int w = o->width, h = o->height;
  switch (o->target) {
  case KS_SESSION_WINDOW:
  case KS_SESSION_HEADLESS: {
    ks_window_opts wo = {.fullscreen = o->target == KS_SESSION_WINDOW && o->fullscreen,
                         .width = w,
                         .height = h,
                         .headless = o->target == KS_SESSION_HEADLESS,
                         .rotation = o->rotation};
    if (!(s->window = ks_window_open(&wo, err, sizeof err))) {
      ks_diag_log(stderr, "%s: %s", s->prefix, err);
      goto fail;
    }
    ks_window_size(s->window, &w, &h);
    break;
  }
  case KS_SESSION_CANVAS:
    if (!(s->canvas = ks_canvas_create(w, h, err, sizeof err))) {
      ks_diag_log(stderr, "%s: %s", s->prefix, err);
      goto fail;
    }
    s->gfx = ks_gfx_create(ks_canvas_renderer(s->canvas), w, h, 2);
    ks_gfx_set_rotation(s->gfx, o->rotation);
    break;
  case KS_SESSION_NONE:
    s->gfx = ks_gfx_create(NULL, w, h, 2);
    ks_gfx_set_rotation(s->gfx, o->rotation);
    break;
  }
  find_panel(s, o, w, h);
  ks_text_break_init();
  if (s->window && s->pack) { /* what an operator reading `journalctl -u kiosk` needs first */
    char id[128] = "?", screen[160], panel[64] = "panel size unknown (set panel_mm in kiosk.ini)";
    int64_t version = 0;
    ks_pack_identity(s->pack, id, sizeof id, &version);
    ks_window_describe(s->window, screen, sizeof screen);
    if (s->panel_w_mm > 0)
      snprintf(panel, sizeof panel, "panel %.0fx%.0f mm", (double)s->panel_w_mm,
               (double)s->panel_h_mm);
    ks_diag_log(stderr, "kiosk: showing %s version %lld on %s, %s", id, (long long)version, screen,
                panel);
  }
  if (!(s->ui = make_ui(s, store_for(s, s->pack, s->today), NULL, !o->map_later))) {
    ks_diag_log(stderr, "%s: the pack could not be read", s->prefix);
    goto fail;
  }
  return s;
fail:
  ks_session_close(s);
  return NULL;
}

ks_ui *ks_session_new_ui(ks_session *s, const ks_content *content, const char *lang) {
  return make_ui(s, content ? ks_store_of_content(content, NULL) : store_for(s, s->pack, s->today),
                 lang, true);
}

ks_ui *ks_session_ui_for(ks_session *s, ks_pack *pack, const char *today) {
  return make_ui(s, store_for(s, pack, today ? today : ""), NULL, true);
}

void ks_session_attach_map(ks_session *s) { attach_map(s->ui); }

ks_ui *ks_session_new_day(ks_session *s, const char *today) {
  ks_store *day = store_for(s, s->pack, today);
  if (!day || ks_store_same_shown(day, ks_ui_store(s->ui))) {
    ks_store_destroy(day);
    return NULL;
  }
  return make_ui(s, day, NULL, true);
}

void ks_session_adopt(ks_session *s, ks_pack *pack, ks_content *content, const char *today,
                      ks_ui *ui) {
  ks_ui_destroy(s->ui);        /* reads the pack: goes first */
  ks_content_destroy(s->view); /* borrows from the content: goes before it */
  s->view = NULL;
  if (pack || content) {
    ks_content_destroy(s->content);
    ks_pack_close(s->pack);
    s->pack = pack;
    s->all = s->content = content;
  }
  snprintf(s->today, sizeof s->today, "%s", today ? today : "");
  s->ui = ui;
}

void ks_session_close(ks_session *s) {
  if (!s)
    return;
  ks_ui_destroy(s->ui);
  ks_gfx_destroy(s->gfx);
  ks_canvas_destroy(s->canvas);
  ks_window_close(s->window);
  ks_fonts_close(s->fonts);
  ks_content_destroy(s->view);
  ks_content_destroy(s->content);
  ks_pack_close(s->pack);
  free(s);
}

ks_ui *ks_session_ui(const ks_session *s) { return s->ui; }
const ks_content *ks_session_content(ks_session *s) {
  if (!s->all && s->pack) { /* read whole only for those who ask: the kiosk does not */
    ks_diag *diag = ks_diag_create();
    s->all = s->content = ks_pack_read(s->pack, diag);
    ks_diag_destroy(diag);
  }
  if (s->all && s->today[0] && !s->view)
    s->view = ks_content_on_date(s->all, s->today);
  return s->view ? s->view : s->all;
}
ks_pack *ks_session_pack(const ks_session *s) { return s->pack; }
ks_fonts *ks_session_fonts(const ks_session *s) { return s->fonts; }
const char *ks_session_fonts_dir(const ks_session *s) { return s->fonts_dir; }
ks_window *ks_session_window(const ks_session *s) { return s->window; }
ks_canvas *ks_session_canvas(const ks_session *s) { return s->canvas; }
ks_gfx *ks_session_gfx(const ks_session *s) { return s->gfx; }

void ks_session_panel_mm(const ks_session *s, float *w_mm, float *h_mm) {
  *w_mm = s->panel_w_mm;
  *h_mm = s->panel_h_mm;
}
