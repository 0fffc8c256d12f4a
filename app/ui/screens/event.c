/* An event's page: its date, story, where it sits in time (a strip of the timeline around it,
 * the events just before and after it), where it took place (a locator map), links and
 * sources. */
#include "../locator.h"
#include "../timeaxis.h"
#include "../ui_private.h"

#include "kiosk/textbox.h"

#include <stdio.h>

/* A row that goes to `to`, a neighbour in time: what it is to this event ("之前 / Before") and
 * its date small above its title (in up to two lines: one cut "Agreements to build a…" at 10"),
 * a chevron on the right. Returns the height it takes. */
static int neighbour_row(const frame *f, const ks_exhibit *to, const char *which, int x, int y,
                         int w) {
  int pad = sz(f, UI_SP_M), small = ui_line_height(f, UI_TYPE_SMALL),
      body = ui_line_height(f, UI_TYPE_BODY);
  int tw = w - 3 * pad - body;
  const ks_textbox *title = ui_layout(f, tr(f, &to->title), UI_TYPE_BODY, tw, 2);
  int title_h = ks_textbox_height(title);
  int h = small + title_h + 2 * pad;
  h = h > sz(f, UI_ROW) ? h : sz(f, UI_ROW);
  ks_rect r = {x, y, w, h};
  bool pressed = ui_add_hit(f, r, (action){ACT_GO, KS_SCREEN_EVENT, to->id}, tr(f, &to->title));
  ui_press_fill(f, r, sz(f, UI_SP_M), KS_CARD, pressed);
  char date[64], line[96];
  ui_format_date(f, to->date, date, sizeof date);
  snprintf(line, sizeof line, "%s  ·  %s", which, date);
  float s = (float)body / 5; /* a chevron: the row opens the event */
  ui_chevron(f, (float)(r.x + r.w - pad) - s / 2, (float)r.y + (float)r.h / 2, s, 1, KS_TEXT_DIM);
  int ty = r.y + (r.h - small - title_h) / 2;
  ui_text(f, line, UI_TYPE_SMALL, r.x + pad, ty, tw, 1, KS_CORAL);
  ui_draw_box(f, title, r.x + pad, ty + small, KS_TEXT);
  return h;
}

/* The events just before and after this one by date (none past either end), from `y` in a
 * column `w` wide at `x`, under the strip of the timeline. Returns the height. */
static int in_time(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  size_t i = ui_pos(f->ui, e), n = ui_count(f->ui, KS_KIND_EVENT);
  if (i >= n)
    return 0; /* its date is not a real one: it is not on the timeline */
  int y0 = y;
  const ks_exhibit *before = i > 0 ? ui_at(f->ui, KS_KIND_EVENT, i - 1) : NULL;
  const ks_exhibit *after = i + 1 < n ? ui_at(f->ui, KS_KIND_EVENT, i + 1) : NULL;
  if (before)
    y += neighbour_row(f, before, ui_say(f, "event.before"), x, y, w) + sz(f, UI_SP_XS);
  if (after)
    y += neighbour_row(f, after, ui_say(f, "event.after"), x, y, w) + sz(f, UI_SP_XS);
  return y > y0 ? y - y0 + sz(f, UI_SP_L) : 0;
}

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_exhibit *e = f->ui->exhibit;
  char date[64];
  ui_format_date(f, e->date, date, sizeof date);
  /* The story two thirds of the width, a measure easy to read; beside it (under it on a narrow
   * or portrait display) where the event sits in time. */
  ui_page p = ui_page_begin(f, e, tr(f, &e->title), date, 2, 3);
  int y = p.y;
  if (p.col.one) /* the strip of the timeline above the story: the page's picture */
    y += ui_timestrip(f, e, p.left, y, p.col.main_w);
  y += ui_paragraphs(f, tr(f, &e->body), p.left, y, p.col.main_w, KS_TEXT_DIM) + sz(f, UI_SP_M);
  /* Its images, where it sits in time, and where it took place (its cities on a small map). */
  int side_x = p.col.one ? p.left : p.col.side_x, side_w = p.col.one ? p.col.main_w : p.col.side_w;
  int side_y = p.col.one ? y : p.top - p.offset;
  side_y += ui_images(f, e, side_x, side_y, side_w);
  if (!p.col.one)
    side_y += ui_timestrip(f, e, side_x, side_y, side_w);
  side_y += in_time(f, e, side_x, side_y, side_w);
  side_y += ui_locator(f, e, side_x, side_y, side_w, p.view_h / 2);
  y = p.col.one || side_y > y ? side_y : y;
  ui_page_end(f, &p, e, y);
}

const ui_screen ui_screen_event = {.name = "event", .draw = draw};
