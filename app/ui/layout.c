/* Frames and layout helpers (layout.h). */
#include "ui_private.h"

#include <math.h>

int ui_mm(const frame *f, float mm) { return (int)ceilf(mm * f->px_per_mm - 0.01f); }

void ui_frame_init(frame *f, ks_ui *ui, ks_gfx *gfx, const float panel_mm[2]) {
  int w = ks_gfx_width(gfx), h = ks_gfx_height(gfx);
  *f = (frame){.ui = ui, .gfx = gfx, .w = w, .h = h, .portrait = h > w};
  f->unit = (float)(w < h ? w : h) / 1080.0f;
  float mm_per_px = UI_REF_MM_PER_PX;
  if (panel_mm[0] > 0 && panel_mm[1] > 0 && w > 0 && h > 0) {
    /* Pixels need not be square (a 7" 800x480 panel's are 0.193 by 0.179 mm): the smaller
     * keeps every floor in both directions. */
    float x = panel_mm[0] / (float)w, y = panel_mm[1] / (float)h;
    mm_per_px = x < y ? x : y;
  }
  f->px_per_mm = 1.0f / mm_per_px;
  for (int i = 0; i < UI_SIZE_COUNT; i++) {
    /* The reference's pixels, exact: the sizes are whole pixels there. */
    float ref_px = roundf(UI_SIZES[i].ref_mm / UI_REF_MM_PER_PX * 1000.0f) / 1000.0f;
    int scaled = (int)(ref_px * f->unit + 0.5f);
    int floor_px = UI_SIZES[i].floor_mm > 0 ? ui_mm(f, UI_SIZES[i].floor_mm) : 0;
    f->floored[i] = floor_px > scaled;
    f->px[i] = f->floored[i] ? floor_px : scaled;
  }
}

ks_rect ui_cut_top(ks_rect *r, int h) {
  h = h < r->h ? h : r->h;
  ks_rect cut = {r->x, r->y, r->w, h};
  r->y += h, r->h -= h;
  return cut;
}

ks_rect ui_cut_bottom(ks_rect *r, int h) {
  h = h < r->h ? h : r->h;
  r->h -= h;
  return (ks_rect){r->x, r->y + r->h, r->w, h};
}

ks_rect ui_cut_left(ks_rect *r, int w) {
  w = w < r->w ? w : r->w;
  ks_rect cut = {r->x, r->y, w, r->h};
  r->x += w, r->w -= w;
  return cut;
}

ks_rect ui_cut_right(ks_rect *r, int w) {
  w = w < r->w ? w : r->w;
  r->w -= w;
  return (ks_rect){r->x + r->w, r->y, w, r->h};
}

ks_rect ui_inset(ks_rect r, int d) { return (ks_rect){r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d}; }

ks_rect ui_cell(ks_rect r, int n, int i, int gap, bool vertical) {
  if (vertical)
    return (ks_rect){r.x, r.y + i * (r.h + gap) / n, r.w, (r.h - (n - 1) * gap) / n};
  return (ks_rect){r.x + i * (r.w + gap) / n, r.y, (r.w - (n - 1) * gap) / n, r.h};
}

int ui_columns(int avail, int min_w, int gap, int most) {
  int n = min_w + gap > 0 ? (avail + gap) / (min_w + gap) : most;
  return n < 1 ? 1 : n > most ? most : n;
}

int ui_stack_text(ui_stack *s, const char *text, ui_size size, size_t max_lines, ks_color color,
                  ui_size gap) {
  int h = ui_text(s->f, text, size, s->x, s->y, s->w, max_lines, color);
  s->y += h + sz(s->f, gap);
  return h;
}

void ui_stack_gap(ui_stack *s, ui_size gap) { s->y += sz(s->f, gap); }
