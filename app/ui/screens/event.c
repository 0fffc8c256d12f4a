/* An event's page: its date, story, links and sources. */
#include "../ui_private.h"

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_exhibit *e = f->ui->exhibit;
  char date[64];
  ui_format_date(f, e->date, date, sizeof date);
  const char *title = tr(f, &e->title);
  int top = ui_header(f, title, date, false);
  int offset = ui_px(f->ui->scroll.pos), left = sz(f, UI_MARGIN);
  ui_columns2 col = ui_page_columns(f, 2, 3); /* nothing beside it: a measure easy to read */
  int avail = col.avail, main_w = col.main_w;
  int y = top - offset;
  y += ui_text(f, tr(f, &e->summary), UI_TYPE_SUBTITLE, left, y, main_w, 0, KS_TEXT) +
       sz(f, UI_SP_XL);
  y += ui_paragraphs(f, tr(f, &e->body), left, y, main_w, KS_TEXT_DIM) + sz(f, UI_SP_M);
  y += ui_links(f, e, left, y, avail) + sz(f, UI_SP_L);
  y += ui_sources(f, e, left, y, avail);
  int content_h = y + offset - top + sz(f, UI_MARGIN);
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - (f->h - top)));
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - sz(f, UI_SP_M)}, KS_BG);
  ui_draw_header(f, title, date);
}

const ui_screen ui_screen_event = {.name = "event", .draw = draw};
