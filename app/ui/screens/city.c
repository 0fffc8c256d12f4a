/* A city's page: its role, story, facts, links and sources. */
#include "../ui_private.h"

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_exhibit *c = f->ui->exhibit;
  const char *title = tr(f, &c->title), *role = tr(f, &c->role);
  int top = ui_header(f, title, role, false);
  int offset = ui_px(f->ui->scroll.pos), left = u(f, KS_MARGIN), gap = u(f, 2 * KS_GAP);
  int avail = f->w - 2 * left, main_w = f->portrait ? avail : avail * 3 / 5;
  int side_x = f->portrait ? left : left + main_w + gap,
      side_w = f->portrait ? avail : avail - main_w - gap;
  int y = top - offset;
  y += ui_text(f, tr(f, &c->summary), KS_TYPE_SUBTITLE, left, y, main_w, 0, KS_TEXT) + u(f, 32);
  /* The facts, each a line with a dot, beside the story in landscape, under it in portrait. */
  int fy = f->portrait ? y : top - offset;
  if (c->n_facts)
    fy += ui_text(f, ui_say(f, "city.facts"), KS_TYPE_SMALL, side_x, fy, side_w, 1, KS_TEAL) +
          u(f, 12);
  for (size_t i = 0; i < c->n_facts; i++) {
    ks_gfx_fill_circle(f->gfx, (float)side_x + (float)u(f, 8), (float)(fy + u(f, 22)),
                       (float)u(f, 6), KS_TEAL);
    fy += ui_text(f, tr(f, &c->facts[i]), KS_TYPE_SMALL, side_x + u(f, 28), fy, side_w - u(f, 28),
                  0, KS_TEXT_DIM) +
          u(f, 16);
  }
  if (f->portrait)
    y = fy + u(f, 16);
  y += ui_paragraphs(f, tr(f, &c->body), left, y, main_w, KS_TEXT_DIM) + u(f, 16);
  if (!f->portrait && fy > y)
    y = fy;
  y += ui_links(f, c, left, y, avail) + u(f, 24);
  y += ui_sources(f, c, left, y, avail);
  int content_h = y + offset - top + u(f, KS_MARGIN);
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - (f->h - top)));
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - u(f, 16)}, KS_BG);
  ui_draw_header(f, title, role);
}

const ui_screen ui_screen_city = {.name = "city", .draw = draw};
