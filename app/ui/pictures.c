/* The pictures of a detail page's side column that every kind shows alike (ui_private.h). */
#include "ui_private.h"

int ui_images(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  int h = 0;
  for (size_t i = 0; i < e->n_images; i++) {
    int ih = w * 9 / 16;
    ui_image(f, &e->images[i], (ks_rect){x, y + h, w, ih});
    h += ih + sz(f, UI_SP_XS);
    const char *caption = tr(f, &e->images[i].caption);
    if (*caption)
      h += ui_text(f, caption, UI_TYPE_SMALL, x, y + h, w, 2, KS_TEXT_DIM);
    h += sz(f, UI_SP_L);
  }
  return h;
}

int ui_when(const frame *f, int year, const char *label, int x, int y, int w) {
  const ui_years *ys = &f->ui->years;
  if (year < 1900 || year > 2100 || w <= 0)
    return 0;
  /* The axis runs over the timeline's years and this one: it may come after the last event. */
  int first = ys->first_year && ys->first_year < year ? ys->first_year : year;
  int last = ys->last_year > year ? ys->last_year : year;
  if (last - first < 4) /* a handful of years at least, so that a year is a place on a line */
    first = year - 2, last = year + 2;
  int small = ui_line_height(f, UI_TYPE_SMALL), pad = sz(f, UI_SP_S);
  int h =
      ui_text(f, ui_say(f, "picture.when"), UI_TYPE_SMALL, x, y, w, 1, KS_GOLD) + sz(f, UI_SP_XS);
  /* The year's name over its mark, the events' dots stacked on the axis, the ends named under. */
  int lw = *label ? ui_text_width(f, label, UI_TYPE_BODY) : 0;
  int body = *label ? ui_line_height(f, UI_TYPE_BODY) : 0;
  float r = (float)sz(f, UI_PIN), inset = r + (float)sz(f, UI_SP_XXS);
  float x0 = (float)x + inset, x1 = (float)(x + w) - inset;
  float pitch = (x1 - x0) / (float)(last - first);
  float mx = x0 + pitch * (float)(year - first);
  int stack = sz(f, UI_STRIP_H) / 2; /* the tallest stack of dots */
  float axis_y = (float)(y + h + body + pad + stack);
  int lx = (int)mx - lw / 2;
  lx = lx < x ? x : lx + lw > x + w ? x + w - lw : lx;
  if (*label)
    ui_text(f, label, UI_TYPE_BODY, lx, y + h, lw + 1, 1, KS_GOLD);
  float line[4] = {x0, axis_y, x1, axis_y};
  ks_gfx_polyline(f->gfx, line, 2, (float)sz(f, UI_LINE_W), KS_TEXT_DIM);
  ks_color dots = KS_CORAL;
  dots.a = 0xa0;
  float dot = (float)sz(f, UI_SP_XS), most = (float)(ys->year_most > 0 ? ys->year_most : 1);
  for (int k = 0; ys->first_year && k <= ys->last_year - ys->first_year && k < KS_MAX_YEARS; k++) {
    int n = ys->year_count[k];
    if (!n)
      continue;
    float cx = x0 + pitch * (float)(ys->first_year + k - first);
    float bh = (float)stack * (float)n / most; /* a bar as tall as the year's stack of events */
    bh = bh > 2 * dot ? bh : 2 * dot;
    int bw = (int)(pitch * 0.6f < 2 * dot ? pitch * 0.6f : 2 * dot);
    bw = bw > 2 ? bw : 2;
    ks_gfx_fill_round_rect(f->gfx, (ks_rect){(int)cx - bw / 2, (int)(axis_y - bh), bw, (int)bh},
                           bw / 2, dots);
  }
  /* Its mark: a gold pin on the axis with a stem up to its name. */
  float stem[4] = {mx, (float)(y + h + body), mx, axis_y};
  if (*label)
    ks_gfx_polyline(f->gfx, stem, 2, (float)sz(f, UI_LINE_W), KS_GOLD);
  ks_gfx_fill_circle(f->gfx, mx, axis_y, r + (float)sz(f, UI_SP_XXS), KS_BG);
  ks_gfx_fill_circle(f->gfx, mx, axis_y, r, KS_GOLD);
  char a[16], b[16];
  snprintf(a, sizeof a, "%d", first);
  snprintf(b, sizeof b, "%d", last);
  int ty = (int)axis_y + (int)r + sz(f, UI_SP_XS);
  /* (not the year marked and named over its mark: said once) */
  if (first != year || !*label)
    ui_text(f, a, UI_TYPE_SMALL, x, ty, w / 2, 1, KS_TEXT_DIM);
  int bw2 = ui_text_width(f, b, UI_TYPE_SMALL);
  if (last != year || !*label)
    ui_text(f, b, UI_TYPE_SMALL, x + w - bw2, ty, bw2 + 1, 1, KS_TEXT_DIM);
  f->ui->pictures++;
  return ty + small - y + sz(f, UI_SP_L);
}
