/* Private to the UI: colours and sizes. Colours are chosen for WCAG AA contrast or better on
 * their backgrounds (ratios noted).
 *
 * Sizes are named and physical. Each is given as it is on the panel the kiosk was designed on —
 * a 21.5-inch 1920×1080 panel, 0.248 mm a pixel, the reference — and on another panel it scales
 * with the panel's short side, as a picture does; but never below its floor in millimetres, what
 * a visitor standing at arm's length needs to read (text) or to hit with a finger (targets)
 * whatever the panel. On the reference panel and larger ones no floor is reached and the layout
 * is the designed one; on a 7-inch panel the floors win, and screens reflow around the larger
 * pieces (fewer columns, fewer lines) rather than shrink them. ui_frame_sizes (layout.c) turns
 * them into pixels once a frame. */
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
static const ks_color KS_LILAC = {0xb9, 0xa8, 0xff, 0xff};     /* 8.4:1 on BG: statistics */
static const ks_color KS_ON_ACCENT = {0x0b, 0x1a, 0x2e, 0xff}; /* text on an accent fill */
/* The map (app/ui/mapview.c): calm fills a step apart, so that land, sea and inland water read
 * at a glance and the pins (teal 6.4:1, gold 6.3:1 on the land) and names stay first. */
static const ks_color KS_MAP_SEA = {0x0e, 0x2b, 0x4c, 0xff};        /* a step bluer than CARD */
static const ks_color KS_MAP_LAND_FILL = {0x2b, 0x3b, 0x44, 0xff};  /* slate */
static const ks_color KS_MAP_WATER_FILL = {0x2f, 0x6a, 0xa3, 0xff}; /* lakes, the Yangtze */
/* Province borders: opaque, the mix 0xa0 of {0x9a, 0xab, 0xbd} over the land would give. A
 * translucent line is blended, and SDL's software renderer blends a triangle through a surface as
 * large as its bounding box: a border crossing the zoomed attract map took 3.7 MB a frame. */
static const ks_color KS_MAP_BORDER_LINE = {0x71, 0x81, 0x90, 0xff};
static const ks_color KS_MAP_PROVINCE_NAME = {0xa9, 0xb8, 0xc8, 0xff}; /* 6.6:1 on the land */
/* What a pressed fill is lightened towards (half way), inside a white rim (ui_press_fill). */
static const ks_color KS_PRESS_LIFT = {0x5a, 0x8c, 0xc8, 0xff};

/* Millimetres a pixel of the reference panel measures; also what the UI assumes of a panel whose
 * size it is not told (ks_ui_set_panel_mm). */
#define UI_REF_MM_PER_PX 0.248f
/* The physical floors: body text (its em), the least text of all, and the least touch target in
 * both directions. */
#define UI_BODY_MIN_MM 4.2f
#define UI_TEXT_MIN_MM 3.0f
#define UI_TARGET_MIN_MM 9.0f

/* The named sizes. */
typedef enum {
  /* Type, by em. */
  UI_TYPE_GIANT,    /* the attract loop's key figure */
  UI_TYPE_DISPLAY,  /* the attract loop's date */
  UI_TYPE_HERO,     /* the attract loop's title */
  UI_TYPE_FIGURE,   /* a key figure on an achievement's page */
  UI_TYPE_TITLE,    /* a screen's title, a home tile's */
  UI_TYPE_SUBTITLE, /* a summary, a card's title, a count */
  UI_TYPE_BODY,     /* running text */
  UI_TYPE_SMALL,    /* labels: chips, dates, places, sources */
  /* Touch targets and the pieces that are one. */
  UI_TARGET,   /* the least touch target, both ways */
  UI_CHIP,     /* a chip's height */
  UI_NAV,      /* back and home, round */
  UI_TOGGLE_H, /* the language toggle */
  UI_TOGGLE_W,
  UI_PIN_HIT, /* the square a map pin answers in */
  UI_ROW,     /* a row of a list (a city), from one to the next */
  /* Cards and columns. */
  UI_CARD_H,       /* an achievement's card */
  UI_CARD_MIN_W,   /* the narrowest a gallery column may get before it loses a column */
  UI_EVENT_W,      /* a timeline card */
  UI_STRIP_H,      /* the timeline's year strip */
  UI_HEADER_MIN_H, /* the least a header takes */
  UI_FOOTER,       /* room under home's tiles for its hint */
  /* Lines and dots. */
  UI_LINE_W,   /* a thin line: an axis, a stem, the corridor's segments on home */
  UI_STROKE,   /* a drawn icon's stroke, the corridor on the map */
  UI_DOT,      /* a list's or a pin's dot (radius) */
  UI_PIN,      /* a corridor city's pin (radius) */
  UI_BAR,      /* a progress bar's height */
  UI_DOT_STEP, /* from one stacked dot of the year strip to the next */
  /* Spacing. */
  UI_MARGIN,  /* the panel's edge to content */
  UI_GAP,     /* between cards */
  UI_RADIUS,  /* of a card's corners */
  UI_SP_HAIR, /* 2: a thin line */
  UI_SP_XXS,  /* 4 */
  UI_SP_XS,   /* 8 */
  UI_SP_S,    /* 12 */
  UI_SP_M,    /* 16 */
  UI_SP_ML,   /* 20 */
  UI_SP_L,    /* 24 */
  UI_SP_LX,   /* 28 */
  UI_SP_XL,   /* 32 */
  UI_SP_XXL,  /* 40 */
  UI_SP_3XL,  /* 48 */
  UI_SIZE_COUNT
} ui_size;

/* A size on the reference panel, from its pixels there. */
#define UI_REF(px) ((float)(px)*UI_REF_MM_PER_PX)

/* Each size: as on the reference panel, and its floor (0: none; spacing scales freely). */
static const struct {
  float ref_mm, floor_mm;
} UI_SIZES[UI_SIZE_COUNT] = {
    [UI_TYPE_GIANT] = {UI_REF(180), 16.0f},
    [UI_TYPE_DISPLAY] = {UI_REF(120), 11.0f},
    [UI_TYPE_HERO] = {UI_REF(76), 7.5f},
    [UI_TYPE_FIGURE] = {UI_REF(64), 6.6f},
    [UI_TYPE_TITLE] = {UI_REF(54), 6.0f},
    [UI_TYPE_SUBTITLE] = {UI_REF(38), 5.0f},
    [UI_TYPE_BODY] = {UI_REF(30), UI_BODY_MIN_MM},
    [UI_TYPE_SMALL] = {UI_REF(26), 3.6f},
    [UI_TARGET] = {UI_REF(56), UI_TARGET_MIN_MM},
    [UI_CHIP] = {UI_REF(56), UI_TARGET_MIN_MM},
    [UI_NAV] = {UI_REF(80), UI_TARGET_MIN_MM},
    [UI_TOGGLE_H] = {UI_REF(72), UI_TARGET_MIN_MM},
    [UI_TOGGLE_W] = {UI_REF(300), 2.6f * UI_TARGET_MIN_MM},
    [UI_PIN_HIT] = {UI_REF(56), UI_TARGET_MIN_MM},
    [UI_ROW] = {UI_REF(64), UI_TARGET_MIN_MM + 1.0f},
    [UI_CARD_H] = {UI_REF(400), 62.0f},
    [UI_CARD_MIN_W] = {UI_REF(440), 45.0f},
    [UI_EVENT_W] = {UI_REF(440), 52.0f},
    [UI_STRIP_H] = {UI_REF(120), 18.0f},
    [UI_HEADER_MIN_H] = {UI_REF(220), 0},
    [UI_FOOTER] = {UI_REF(130), 0},
    [UI_LINE_W] = {UI_REF(3), 0.5f},
    [UI_STROKE] = {UI_REF(5), 0.8f},
    [UI_DOT] = {UI_REF(9), 1.6f},
    [UI_PIN] = {UI_REF(14), 2.4f},
    [UI_BAR] = {UI_REF(14), 2.0f},
    [UI_DOT_STEP] = {UI_REF(22), 0},
    [UI_MARGIN] = {UI_REF(64), 4.0f},
    [UI_GAP] = {UI_REF(32), 2.5f},
    [UI_RADIUS] = {UI_REF(24), 0},
    [UI_SP_HAIR] = {UI_REF(2), 0},
    [UI_SP_XXS] = {UI_REF(4), 0},
    [UI_SP_XS] = {UI_REF(8), 0},
    [UI_SP_S] = {UI_REF(12), 0},
    [UI_SP_M] = {UI_REF(16), 0},
    [UI_SP_ML] = {UI_REF(20), 0},
    [UI_SP_L] = {UI_REF(24), 0},
    [UI_SP_LX] = {UI_REF(28), 0},
    [UI_SP_XL] = {UI_REF(32), 0},
    [UI_SP_XXL] = {UI_REF(40), 0},
    [UI_SP_3XL] = {UI_REF(48), 0},
};

#endif
