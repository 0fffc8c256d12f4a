/* A scrolling grid of cards that open exhibits: the gallery's and the statistics' alike. */
#include "ui_private.h"

void ui_card_grid(const frame *f, const ui_card_grid_spec *g, ks_kind kind,
                  const ks_store_filter *filter, size_t n, ks_screen_id opens, ui_card_draw draw) {
  int step = g->h + g->gap;
  /* From the first row any of which is in view to the last: the rest are not looked at. */
  size_t first_row = g->y + g->h < g->top ? (size_t)((g->top - g->y - g->h) / step) : 0;
  for (size_t i = first_row * (size_t)g->cols; i < n; i++) {
    ks_rect r = {g->x + (int)(i % (size_t)g->cols) * (g->w + g->gap),
                 g->y + (int)(i / (size_t)g->cols) * step, g->w, g->h};
    ui_visit(f->ui, 1);
    if (r.y >= f->h)
      break; /* the rows after it are off screen too */
    if (r.y + r.h <= g->top)
      continue; /* off screen */
    /* Only the part below the fixed parts answers touches. */
    ks_rect touch = r;
    if (touch.y < g->top)
      touch.h -= g->top - touch.y, touch.y = g->top;
    const ks_exhibit *e = ks_store_at(f->ui->store, kind, filter, i);
    if (!e)
      continue; /* unreadable (a damaged pack): a gap, not a crash */
    bool pressed = ui_add_hit_part(f, touch, r, (action){ACT_GO, opens, e->id}, tr(f, &e->title));
    draw(f, r, e, pressed);
  }
}
