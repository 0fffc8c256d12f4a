/* An event's page: its date, story, links and sources. */
#include "../ui_private.h"

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_exhibit *e = f->ui->exhibit;
  char date[64];
  ui_format_date(f, e->date, date, sizeof date);
  /* Nothing beside the story: two thirds of the width, a measure easy to read. */
  ui_page p = ui_page_begin(f, e, tr(f, &e->title), date, 2, 3);
  int y = p.y + ui_paragraphs(f, tr(f, &e->body), p.left, p.y, p.col.main_w, KS_TEXT_DIM) +
          sz(f, UI_SP_M);
  ui_page_end(f, &p, e, y);
}

const ui_screen ui_screen_event = {.name = "event", .draw = draw};
