/* One start-up path for everything that shows a pack: the fonts, the pack (vetted), where it is
 * drawn (a window, a window on SDL's offscreen driver, an in-memory canvas, or nothing), the UI
 * with its map, and the panel's size in millimetres — opened in one call, closed in one.
 * `kiosk`, render, play, proof, bench and the screen tests all start here, so that what they
 * show is shown alike and a change to the start is made once. */
#ifndef KIOSK_SESSION_H
#define KIOSK_SESSION_H

#include "kiosk/canvas.h"
#include "kiosk/content.h"
#include "kiosk/font.h"
#include "kiosk/gfx.h"
#include "kiosk/pack.h"
#include "kiosk/ui.h"
#include "kiosk/window.h"

#include <stdbool.h>
#include <stddef.h>

/* What a pack is vetted by (kiosk/vet.h): a newer kiosk checks a pack again. */
#define KS_VET_STAMP "kiosk-" KIOSK_VERSION

typedef enum {
  KS_SESSION_NONE,     /* no renderer: a null-backend gfx lays out and batches (tests, fling) */
  KS_SESSION_CANVAS,   /* an in-memory canvas, SDL's software renderer (render, play, proof) */
  KS_SESSION_WINDOW,   /* a window, fullscreen or not (the kiosk) */
  KS_SESSION_HEADLESS, /* a window on SDL's offscreen driver, software rendering (bench) */
} ks_session_target;

typedef struct {
  const char *cmd; /* names the command in messages ("kiosk CMD: …"); NULL: "kiosk" */
  /* What is shown: `content` when given (the caller's, borrowed and not vetted: tests), else
   * the pack file `pack`, else the installed pack (with a data folder), else the bundled one.
   * Every pack is vetted first (kiosk/vet.h). */
  const ks_content *content;
  const char *pack;
  /* A refused `pack` gives way to the installed one, then the bundled one (the kiosk: a hall
   * never goes dark over a bad file); without it a refused pack fails the open. */
  bool fall_back;
  /* Installed packs and the vet record; NULL or "": none (the record is in the user's cache
   * and only `pack` or the bundled pack is shown). With one, the folder is created, an install
   * a crash cut short is recovered, and the automatic rollback counts this start. */
  const char *data_dir;
  int rollback_failures, rollback_minutes; /* the configuration's, for that count */
  const char *fonts_dir;                   /* NULL: the bundled fonts beside the binary */
  const char *lang;      /* a language tag of the pack's; NULL, "" or one it has not: its default */
  bool has_idle_timeout; /* else the UI keeps its default */
  float idle_timeout;    /* seconds untouched before the attract loop; 0 never */
  ks_session_target target;
  int width, height; /* the canvas's or null gfx's size, or the window's when not fullscreen */
  bool fullscreen;   /* KS_SESSION_WINDOW only */
  int rotation;      /* 0, 90, 180 or 270 degrees clockwise */
  /* The panel's size, overriding what the display says: millimetres as the panel is built
   * (before rotation), or a diagonal in inches with square pixels. 0: from the display. */
  float panel_w_mm, panel_h_mm, panel_diagonal_in;
  /* The map waits for ks_session_attach_map (the kiosk loads it after its first frame, so that
   * visitors see home sooner); else it is attached at the open. */
  bool map_later;
  /* The day shown, "YYYY-MM-DD" on the local calendar: exhibits with show_from or show_until
   * are shown on their days only (ks_content_on_date). NULL: every exhibit (render, play,
   * proof and bench show a pack whole). */
  const char *date;
} ks_session_opts;

typedef struct ks_session ks_session;

/* Opens everything `opts` asks for, in the kiosk's order: the fonts, the pack (vetted; a refusal
 * is said on stderr with its findings), the window or canvas, the UI (with the map unless
 * `map_later`), and for a window the start's log line ("kiosk: showing ID version N on …").
 * NULL when any of it fails, everything said on stderr and nothing left open. */
ks_session *ks_session_open(const ks_session_opts *opts);
/* Closes the UI, the drawing target, the pack and the fonts. NULL is fine. */
void ks_session_close(ks_session *s);

ks_ui *ks_session_ui(const ks_session *s);
/* The content shown, whole, as a model: the caller's, or the pack read whole on the first call
 * (for the tools that go through every exhibit: the kiosk itself reads the pack on demand and
 * never calls this). As shown on the session's day. NULL when the pack cannot be read. */
const ks_content *ks_session_content(ks_session *s);
/* The pack shown; NULL when the content was the caller's. */
ks_pack *ks_session_pack(const ks_session *s);
ks_fonts *ks_session_fonts(const ks_session *s);
/* The fonts' folder: for an install's glyph check. */
const char *ks_session_fonts_dir(const ks_session *s);
/* The window (KS_SESSION_WINDOW, KS_SESSION_HEADLESS) or NULL. */
ks_window *ks_session_window(const ks_session *s);
/* The canvas (KS_SESSION_CANVAS) or NULL. */
ks_canvas *ks_session_canvas(const ks_session *s);
/* The gfx drawing onto the canvas (rotated as asked), or the null backend's (KS_SESSION_NONE);
 * NULL for a window, whose loop makes its own. */
ks_gfx *ks_session_gfx(const ks_session *s);
/* The panel's size in millimetres in the frame the screens are laid out in (turned with the
 * rotation): from the options, else from the display; 0, 0 when unknown (a canvas without
 * either, a display that does not say). */
void ks_session_panel_mm(const ks_session *s, float *w_mm, float *h_mm);

/* A new UI for `content` (NULL: the session's), made as the session's own is — language rule,
 * idle timeout, map attached, panel size. The caller owns it. */
ks_ui *ks_session_new_ui(ks_session *s, const ks_content *content, const char *lang);
/* Gives the session's UI the bundled map now (with `map_later`); says on stderr when it cannot. */
void ks_session_attach_map(ks_session *s);
/* A new UI for `pack` (an install: not yet the session's) as shown on `today` (NULL: every
 * day), made as the session's own is. The caller owns it; `pack` must outlive it. */
ks_ui *ks_session_ui_for(ks_session *s, ks_pack *pack, const char *today);
/* A new day: when `today` ("YYYY-MM-DD") shows other exhibits than the UI does (a temporary
 * exhibition begins or ends), a new UI for them, the caller's until handed to ks_session_adopt;
 * NULL when nothing changes. */
ks_ui *ks_session_new_day(ks_session *s, const char *today);
/* New content in place of the shown one (an install: `pack`; a curator's folder: `content`;
 * both NULL: the same, on a new day): the session frees its UI, and for new content its
 * content and pack, and keeps these instead, `ui` showing them on `today` (NULL: every day). */
void ks_session_adopt(ks_session *s, ks_pack *pack, ks_content *content, const char *today,
                      ks_ui *ui);

/* Opens the pack at `path` to show it, vetted first (kiosk/vet.h: integrity, content hash and
 * every check, once per pack file, remembered in DATA_DIR/validated or the user's cache when
 * `data_dir` is NULL or ""): true with the pack in `*pack`. `fonts_dir` is for the glyph check.
 * On refusal prints "kiosk CMD: refusing to show PATH: FIRST ERROR" and the findings, and
 * returns false. */
bool ks_session_open_pack(const char *cmd, const char *path, const char *fonts_dir,
                          const char *data_dir, ks_pack **pack);

/* The panel's width and height in millimetres from its diagonal in inches and its size in
 * pixels (square pixels), turned into the frame the screens are laid out in: 90 and 270 degrees
 * swap them. False, with 0, 0, for a diagonal or a size that is not positive and finite. */
bool ks_session_diagonal_mm(float diagonal_in, int w_px, int h_px, int rotation, float *w_mm,
                            float *h_mm);

#endif
