/* A city's page: its role, story, facts, links and sources. */
#include "../ui_private.h"

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_exhibit *c = f->ui->exhibit;
  const char *title = tr(f, &c->title), *role = tr(f, &c->role);
  int top = ui_header(f, title, role, false);
  int offset = ui_px(f->ui->scroll.pos), left = sz(f, UI_MARGIN);
  ui_columns2 col = ui_page_columns(f, 3, 5);
  int avail = col.avail, main_w = col.main_w, side_x = col.side_x, side_w = col.side_w;
  bool one = col.one;
  int y = top - offset;
  y += ui_text(f, tr(f, &c->summary), UI_TYPE_SUBTITLE, left, y, main_w, 0, KS_TEXT) +
       sz(f, UI_SP_XL);
  /* The facts, each a line with a dot, beside the story in landscape, under it in portrait. */
  int fy = one ? y : top - offset;
  if (c->n_facts)
    fy += ui_text(f, ui_say(f, "city.facts"), UI_TYPE_SMALL, side_x, fy, side_w, 1, KS_TEAL) +
          sz(f, UI_SP_S);
  int dot = sz(f, UI_STROKE) + 1, indent = 2 * dot + sz(f, UI_SP_S);
  for (size_t i = 0; i < c->n_facts; i++) { /* the dot in the middle of the first line */
    ks_gfx_fill_circle(f->gfx, (float)(side_x + dot),
                       (float)(fy + ui_line_height(f, UI_TYPE_SMALL) / 2), (float)dot, KS_TEAL);
    fy += ui_text(f, tr(f, &c->facts[i]), UI_TYPE_SMALL, side_x + indent, fy, side_w - indent, 0,
                  KS_TEXT_DIM) +
          sz(f, UI_SP_M);
  }
  if (one)
    y = fy + sz(f, UI_SP_M);
  y += ui_paragraphs(f, tr(f, &c->body), left, y, main_w, KS_TEXT_DIM) + sz(f, UI_SP_M);
  if (!one && fy > y)
    y = fy;
  y += ui_links(f, c, left, y, avail) + sz(f, UI_SP_L);
  y += ui_sources(f, c, left, y, avail);
  int content_h = y + offset - top + sz(f, UI_MARGIN);
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - (f->h - top)));
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - sz(f, UI_SP_M)}, KS_BG);
  ui_draw_header(f, title, role);
}

const ui_screen ui_screen_city = {.name = "city", .draw = draw};
