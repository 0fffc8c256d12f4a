/* Private to the UI: the frame (what a draw knows of the panel: its pixels, its millimetres, the
 * theme's sizes in pixels) and the layout helpers screens place things with — rectangles cut
 * into rows and columns, stacks of text, titles fitted to their room. A screen says what goes
 * where; these work out the pixels for the panel at hand. */
#ifndef KIOSK_UI_LAYOUT_H
#define KIOSK_UI_LAYOUT_H

#include "kiosk/gfx.h"
#include "kiosk/textbox.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct ks_ui ks_ui;

/* Per-frame drawing state. */
typedef struct frame {
  ks_ui *ui;
  ks_gfx *gfx;
  int w, h;
  bool portrait;
  float unit;                  /* pixels per 1/1080 of the short side (the reference's pixel) */
  float px_per_mm;             /* of the panel (ks_ui_set_panel_mm), or the reference's */
  int px[UI_SIZE_COUNT];       /* the theme's sizes in pixels, floors applied */
  bool floored[UI_SIZE_COUNT]; /* whether the floor, not the panel's scale, set it */
} frame;

/* Sets up a frame for `gfx`: every named size converted once, here. */
void ui_frame_init(frame *f, ks_ui *ui, ks_gfx *gfx, const float panel_mm[2]);

/* A named size in pixels for this frame. */
static inline int sz(const frame *f, ui_size s) { return f->px[s]; }
/* Millimetres in pixels on this panel, rounded up: for a size that is physical only (a floor). */
int ui_mm(const frame *f, float mm);

/* Rectangles: a strip cut off a side of `r` (which keeps the rest), an inset, and the i-th of n
 * equal cells of a row or a column with `gap` between them. */
ks_rect ui_cut_top(ks_rect *r, int h);
ks_rect ui_cut_bottom(ks_rect *r, int h);
ks_rect ui_cut_left(ks_rect *r, int w);
ks_rect ui_cut_right(ks_rect *r, int w);
ks_rect ui_inset(ks_rect r, int d);
ks_rect ui_cell(ks_rect r, int n, int i, int gap, bool vertical);
/* How many columns of at least `min_w` fit `avail` with `gap` between them: 1 to `most`. */
int ui_columns(int avail, int min_w, int gap, int most);

/* A stack: things placed one under the other from (x, y), `w` wide. */
typedef struct {
  const frame *f;
  int x, y, w;
} ui_stack;
/* Text at `size`, at most `max_lines` (0: all); the stack moves under it and `gap` further. */
int ui_stack_text(ui_stack *s, const char *text, ui_size size, size_t max_lines, ks_color color,
                  ui_size gap);
/* The stack moves `gap` down. */
void ui_stack_gap(ui_stack *s, ui_size gap);

#endif
