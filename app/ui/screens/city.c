/* A city's page: its role, story, where it is on a small map, its facts, links and sources. */
#include "../locator.h"
#include "../ui_private.h"

#include <stdlib.h>

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_exhibit *c = f->ui->exhibit;
  const char *title = tr(f, &c->title), *role = tr(f, &c->role);
  ui_page p = ui_page_begin(f, c, title, role, 3, 5);
  int left = p.left, main_w = p.col.main_w, side_x = p.col.side_x, side_w = p.col.side_w;
  bool one = p.col.one;
  int y = p.y;
  /* The facts, each a line with a dot, beside the story in landscape, under it in portrait:
   * those the story, the role and the lead do not tell already, each said in one place. */
  const char *said[] = {tr(f, &c->body), role, p.lead};
  char *facts[64];
  size_t n_facts = 0;
  for (size_t i = 0; i < c->n_facts && n_facts < sizeof facts / sizeof *facts; i++) {
    facts[n_facts] = ui_unsaid(tr(f, &c->facts[i]), said, 3);
    if (*facts[n_facts])
      n_facts++;
    else
      free(facts[n_facts]);
  }
  int fy = one ? y : p.top - p.offset;
  /* Its images, then where it is: the delta small, the city marked. */
  fy += ui_images(f, c, side_x, fy, side_w);
  fy += ui_locator(f, c, side_x, fy, side_w, p.view_h * 2 / 3);
  if (n_facts)
    fy += ui_text(f, ui_say(f, "city.facts"), UI_TYPE_SMALL, side_x, fy, side_w, 1, KS_TEAL) +
          sz(f, UI_SP_S);
  int dot = sz(f, UI_STROKE) + 1, indent = 2 * dot + sz(f, UI_SP_S);
  for (size_t i = 0; i < n_facts; i++) { /* the dot in the middle of the first line */
    ks_gfx_fill_circle(f->gfx, (float)(side_x + dot),
                       (float)(fy + ui_line_height(f, UI_TYPE_SMALL) / 2), (float)dot, KS_TEAL);
    fy +=
        ui_text(f, facts[i], UI_TYPE_SMALL, side_x + indent, fy, side_w - indent, 0, KS_TEXT_DIM) +
        sz(f, UI_SP_M);
    free(facts[i]);
  }
  if (one)
    y = fy + sz(f, UI_SP_M);
  /* The story, but for what the role under the title has said. */
  char *body = ui_unsaid(tr(f, &c->body), &role, 1);
  y += ui_paragraphs(f, body, left, y, main_w, KS_TEXT_DIM) + sz(f, UI_SP_M);
  free(body);
  if (!one && fy > y)
    y = fy;
  ui_page_end(f, &p, c, y);
}

const ui_screen ui_screen_city = {.name = "city", .draw = draw};
