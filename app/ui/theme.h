/* Private to the UI: colours and sizes. Colours are chosen for WCAG AA contrast or better on
 * their backgrounds (ratios noted); sizes are in "units" of 1/1080 of the screen's short side, so
 * a layout reads the same from a metre away on a 1280x720 panel and a 4K wall. */
#ifndef KIOSK_UI_THEME_H
#define KIOSK_UI_THEME_H

#include "kiosk/gfx.h"

static const ks_color KS_BG = {0x0b, 0x1a, 0x2e, 0xff};   /* deep navy */
static const ks_color KS_CARD = {0x15, 0x2b, 0x48, 0xff}; /* panels on the background */
static const ks_color KS_CARD_PRESSED = {0x23, 0x40, 0x66, 0xff};
static const ks_color KS_TEXT = {0xff, 0xff, 0xff, 0xff};      /* 17:1 on BG, 13:1 on CARD */
static const ks_color KS_TEXT_DIM = {0xc2, 0xd0, 0xe2, 0xff};  /* 11:1 on BG, 8.9:1 on CARD */
static const ks_color KS_GOLD = {0xf5, 0xb9, 0x42, 0xff};      /* 9.6:1 on BG: achievements */
static const ks_color KS_TEAL = {0x3c, 0xd3, 0xc1, 0xff};      /* 9.7:1 on BG: cities */
static const ks_color KS_CORAL = {0xff, 0x8a, 0x6b, 0xff};     /* 7.0:1 on BG: timeline */
static const ks_color KS_ON_ACCENT = {0x0b, 0x1a, 0x2e, 0xff}; /* text on an accent fill */

/* Type sizes in units. Body text at 30 units is 30 px on a 1080p panel: about 8 mm on a 24-inch
 * screen, readable from a metre. */
enum {
  KS_TYPE_HERO = 76,
  KS_TYPE_TITLE = 54,
  KS_TYPE_SUBTITLE = 38,
  KS_TYPE_BODY = 30,
  KS_TYPE_SMALL = 26,
  KS_MARGIN = 64,
  KS_GAP = 32,
  KS_RADIUS = 24,
};

#endif
