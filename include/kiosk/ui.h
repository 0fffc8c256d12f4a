/* The screens visitors see, drawn from a content model with the kiosk's fonts. The UI owns its
 * screen state; the platform layer feeds it gestures and a clock and asks it to draw. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include "kiosk/content.h"
#include "kiosk/font.h"
#include "kiosk/gfx.h"

#include <stdbool.h>

/* The screens built so far. */
typedef enum { KS_SCREEN_HOME, KS_SCREEN_ACHIEVEMENTS, KS_SCREEN_COUNT } ks_screen_id;

typedef struct ks_ui ks_ui;

/* `content` and `fonts` must outlive the UI. */
ks_ui *ks_ui_create(const ks_content *content, ks_fonts *fonts, ks_lang lang);
void ks_ui_destroy(ks_ui *ui);
/* Parses a screen name ("home", "achievements", …). */
bool ks_screen_parse(const char *name, ks_screen_id *screen);
/* Shows a screen; `exhibit` names the exhibit of a detail screen (NULL otherwise). False, with
 * nothing changed, when the screen needs an exhibit of its kind that the pack does not have. */
bool ks_ui_show(ks_ui *ui, ks_screen_id screen, const char *exhibit);
void ks_ui_set_lang(ks_ui *ui, ks_lang lang);
/* Draws the current screen at the gfx's size. */
void ks_ui_draw(ks_ui *ui, ks_gfx *gfx);

#endif
