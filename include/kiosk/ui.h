/* The screens visitors see, drawn from a content model with the kiosk's fonts. The UI owns its
 * screen state; the platform layer feeds it gestures and a clock and asks it to draw. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include "kiosk/content.h"
#include "kiosk/font.h"
#include "kiosk/gesture.h"
#include "kiosk/gfx.h"
#include "kiosk/maplabels.h"
#include "kiosk/store.h"

#include <stdbool.h>

/* The screens built so far. */
typedef enum {
  KS_SCREEN_HOME,
  KS_SCREEN_ACHIEVEMENTS,
  KS_SCREEN_ACHIEVEMENT,
  KS_SCREEN_TIMELINE,
  KS_SCREEN_EVENT,
  KS_SCREEN_CITIES,
  KS_SCREEN_CITY,
  KS_SCREEN_ATTRACT,
  KS_SCREEN_STATISTICS,
  KS_SCREEN_STATISTIC,
  KS_SCREEN_COUNT
} ks_screen_id;

typedef struct ks_ui ks_ui;

/* A UI over `store`, which it owns from now on (its pack and `fonts` must outlive the UI). */
ks_ui *ks_ui_create_store(ks_store *store, ks_fonts *fonts, ks_lang lang);
/* A UI over a content model in memory: ks_ui_create_store(ks_store_of_content(content, NULL))
 * — `content` and `fonts` must outlive the UI. */
ks_ui *ks_ui_create(const ks_content *content, ks_fonts *fonts, ks_lang lang);
void ks_ui_destroy(ks_ui *ui);
/* The store the UI reads its exhibits from. */
ks_store *ks_ui_store(const ks_ui *ui);
/* Parses a screen name ("home", "achievements", …). */
bool ks_screen_parse(const char *name, ks_screen_id *screen);
/* The name ks_screen_parse reads ("home", "achievement", …). */
const char *ks_screen_name(ks_screen_id screen);
/* The screen that shows one exhibit of `kind`, or (`overview`) the one that lists them. */
ks_screen_id ks_ui_kind_screen(ks_kind kind, bool overview);
/* The kind whose exhibits `screen` shows (its detail screen or its overview), or -1. */
int ks_ui_screen_kind(ks_screen_id screen);
/* Shows a screen; `exhibit` names the exhibit of a detail screen (NULL otherwise). False, with
 * nothing changed, when the screen needs an exhibit of its kind that the pack does not have. */
bool ks_ui_show(ks_ui *ui, ks_screen_id screen, const char *exhibit);
void ks_ui_set_lang(ks_ui *ui, ks_lang lang);
/* Loads the vector map the cities screen draws under its pins (assets/map/delta.txt). Without it
 * the pins are drawn alone. False, with the reason in `err`, when the file will not load. */
bool ks_ui_load_map(ks_ui *ui, const char *path, char *err, size_t err_size);
/* Names the map file to read when a screen first needs the map (the cities screen), so that a
 * frame that does not show it never pays for reading it. A file that will not load is said
 * then on stderr, once ("kiosk: FILE:LINE: …; the cities screen shows its pins without
 * coastline"), and the pins are drawn alone. */
void ks_ui_set_map_file(ks_ui *ui, const char *path);
/* Draws the current screen at the gfx's size, and remembers where its buttons are. */
void ks_ui_draw(ks_ui *ui, ks_gfx *gfx);
ks_screen_id ks_ui_screen(const ks_ui *ui);
/* The id of the exhibit a detail screen shows, or NULL. */
const char *ks_ui_exhibit(const ks_ui *ui);
ks_lang ks_ui_lang(const ks_ui *ui);
/* The tag of the language shown ("zh", "ja"). */
const char *ks_ui_lang_tag(const ks_ui *ui);
/* Visits every screen a visitor can reach — the overviews, then every exhibit's page — in both
 * languages, drawing each with `gfx` and then calling `each` (may be NULL) with `ctx`: the
 * bench's tour, and how tests and the fuzzer draw all of a pack. Leaves the UI on home in its
 * last language. Returns how many screens were drawn. */
size_t ks_ui_tour(ks_ui *ui, ks_gfx *gfx, void (*each)(void *ctx), void *ctx);

/* How many exhibits the last ks_ui_draw looked at: drew, measured, or passed over on its way to
 * those it drew. A frame's work should follow what is on screen, not the size of the pack: the
 * tests compare this figure on packs of different sizes. */
size_t ks_ui_visited(const ks_ui *ui);

/* The physical size, in millimetres, of what ks_ui_draw's gfx covers, as drawn (w along the drawn
 * x axis; a turned panel's sizes come swapped). 0, 0: unknown — the UI then assumes 0.248 mm per
 * pixel (a 21.5" 1920×1080 panel). Sizes are laid out for it from the next draw: text and touch
 * targets never smaller than a standing visitor needs (app/ui/theme.h), what does not fit then
 * reflowed or left out. */
void ks_ui_set_panel_mm(ks_ui *ui, float w_mm, float h_mm);
/* Millimetres a pixel of the last draw measured (0.248 before any draw on an unknown panel). */
float ks_ui_mm_per_px(const ks_ui *ui);

/* What the last ks_ui_draw put on screen, for checks of physical size (a layout check): every
 * place that answers a touch, with what it says and does, and every run of text with its size.
 * Pixels are the gfx's, on the drawn axes; strings stay valid until the next draw. */
typedef struct {
  ks_rect rect;       /* where it answers a touch */
  ks_rect full;       /* the whole target: `rect` is less where a scrolled list passes under a
                         fixed part of the screen */
  const char *label;  /* what a visitor reads on it, or what it shows ("back", "pin") */
  const char *action; /* what it does: "go", "back", "home", "lang:CODE" (selects that language),
                         "filter", "seek" (also a group of crowded map pins, which
                         brings the map closer to them), "turn" (a detail page's previous or
                         next), "zoom-out" (a map back to the whole of it), "notice", or
                         "none" (a card that only keeps touches off what is under it) */
  const char *to;     /* for "go", the screen's name (ks_screen_name); else NULL */
} ks_ui_target;
typedef struct {
  ks_rect rect;  /* the text's box */
  int size_px;   /* its type size (em), in pixels */
  char text[64]; /* what it says, its start where it is longer (whole characters) */
  bool body;     /* set at the body size (running text), which has a higher floor than labels */
  bool cut;      /* cut short with an ellipsis: its box had no room for all of it */
} ks_ui_text_run;
/* The i-th target or text run of the last draw; false past the last. */
bool ks_ui_target_at(const ks_ui *ui, size_t i, ks_ui_target *out);
bool ks_ui_text_run_at(const ks_ui *ui, size_t i, ks_ui_text_run *out);
/* How many pictures (images, charts, locator maps, timeline strips) the last ks_ui_draw drew. */
int ks_ui_pictures(const ks_ui *ui);
/* The whole text of the i-th text run of the last draw (as laid out: a subtitle's separators
 * may be line breaks), valid until the next draw; NULL past the last. */
const char *ks_ui_text_run_text(const ks_ui *ui, size_t i);

/* The cities screen's map as the last draw left it, for the check of its names
 * (ks_labels_check): its `*n` pins shown, each with the name placed for it (`*labels`, same
 * order; not placed where it had no room), and the panel they keep to. NULL (and *n 0) when the
 * screen shown is not the cities screen or has not been drawn. */
const ks_label_pin *ks_ui_map_labels(const ks_ui *ui, const ks_label **labels, size_t *n,
                                     ks_rect *panel);

/* Feeds a gesture, in the screen-relative units of gesture.h, against what was drawn last.
 * Returns true when the screen must be drawn again (press feedback counts: it shows in the very
 * next frame). */
bool ks_ui_gesture(ks_ui *ui, const ks_gesture *g);
/* Advances time by `dt` seconds: animations (a flung list, a fading highlight) and the idle
 * timer that resets the kiosk into its attract loop. Returns true when the screen must be drawn
 * again. */
bool ks_ui_tick(ks_ui *ui, float dt);
/* Milliseconds until the UI next needs a tick without any input (the idle timeout, the next
 * highlight), or -1 when it needs none: how long the main loop may sleep. */
int ks_ui_wait_ms(const ks_ui *ui);
/* Seconds without a touch before the kiosk resets to its attract loop (default 90; 0: never). */
void ks_ui_set_idle_timeout(ks_ui *ui, float seconds);
/* The keys every screen answers: back one screen, home, and the other language. Each returns
 * true when the screen changed. */
bool ks_ui_back(ks_ui *ui);
bool ks_ui_home(ks_ui *ui);
bool ks_ui_toggle_lang(ks_ui *ui);

/* A notice for curators over whatever screen shows — a stick with a pack on it, an install's
 * progress, a refusal in plain words — at the bottom edge, leaving the exhibit above it as it
 * was. `zh` and `en` are copied (the UI's language picks one); `progress` in 0…1 draws a bar,
 * below 0 none; `buttons` is a set of ks_notice_button to offer. NULL `zh` takes it away. */
typedef enum {
  KS_NOTICE_INSTALL = 1, /* install the pack found */
  KS_NOTICE_EXPORT = 2,  /* write the visitor statistics to the stick */
  KS_NOTICE_DISMISS = 4, /* close the notice */
} ks_notice_button;
void ks_ui_set_notice(ks_ui *ui, const char *zh, const char *en, float progress, unsigned buttons);
/* The notice's text in `lang` as it shows, or NULL when there is none. Names in it show with
 * their control characters escaped (ks_text_escape): the notice quotes files from strangers'
 * sticks. */
const char *ks_ui_notice(const ks_ui *ui, ks_lang lang);
/* The notice button tapped since the last call, or 0. */
unsigned ks_ui_take_notice_tap(ks_ui *ui);

#endif
