/* An event's page: its date, story, links and sources. */
#include "../ui_private.h"

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_exhibit *e = f->ui->exhibit;
  char date[64];
  ui_format_date(f, e->date, date, sizeof date);
  const char *title = tr(f, &e->title);
  int top = ui_header(f, title, date, false);
  int offset = ui_px(f->ui->scroll.pos), left = u(f, KS_MARGIN);
  int avail = f->w - 2 * left, main_w = f->portrait ? avail : avail * 2 / 3;
  int y = top - offset;
  y += ui_text(f, tr(f, &e->summary), KS_TYPE_SUBTITLE, left, y, main_w, 0, KS_TEXT) + u(f, 32);
  y += ui_paragraphs(f, tr(f, &e->body), left, y, main_w, KS_TEXT_DIM) + u(f, 16);
  y += ui_links(f, e, left, y, avail) + u(f, 24);
  y += ui_sources(f, e, left, y, avail);
  int content_h = y + offset - top + u(f, KS_MARGIN);
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - (f->h - top)));
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - u(f, 16)}, KS_BG);
  ui_draw_header(f, title, date);
}

const ui_screen ui_screen_event = {.name = "event", .draw = draw};
