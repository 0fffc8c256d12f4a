/* An achievement's page: its story, images, key figures, who took part, links and sources. */
#include "../ui_private.h"

#include <stdio.h>
#include <string.h>

/* A key figure: the number large, its unit after it, what it counts below. Returns the height. */
static int draw_figure(const frame *f, const ks_figure *fig, int x, int y, int w) {
  const char *value =
      ui_str(f->ui->lang == KS_LANG_EN && fig->value_en ? fig->value_en : fig->value);
  ks_face *big = face(f, 64);
  int vw = ks_face_measure(big, value, strlen(value));
  int h = ui_text(f, value, 64, x, y, w, 1, KS_GOLD);
  const char *unit = tr(f, &fig->unit);
  if (*unit)
    ui_text(f, unit, KS_TYPE_BODY, x + vw + u(f, 10), y + h - u(f, 50), w - vw - u(f, 10), 1,
            KS_GOLD);
  return h + ui_text(f, tr(f, &fig->label), KS_TYPE_SMALL, x, y + h, w, 2, KS_TEXT_DIM);
}

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_exhibit *e = f->ui->exhibit;
  char sub[512], place[320], year[32];
  ui_place_of(f, e, place, sizeof place);
  ui_year_of(f, e, year, sizeof year);
  snprintf(sub, sizeof sub, "%s  ·  ", year);
  ui_append_unbroken(sub, sizeof sub, ui_field_name(f, e->field));
  size_t n = strlen(sub);
  snprintf(sub + n, sizeof sub - n, "%s%s", place[0] ? "  ·  " : "", place);
  const char *title = tr(f, &e->title);
  int top = ui_header(f, title, sub, false);
  int offset = ui_px(f->ui->scroll.pos), left = u(f, KS_MARGIN), gap = u(f, 2 * KS_GAP);
  int avail = f->w - 2 * left;
  /* Landscape: text on the left, figures and people on the right. Portrait: one column. */
  int main_w = f->portrait ? avail : avail * 3 / 5,
      side_x = f->portrait ? left : left + main_w + gap;
  int side_w = f->portrait ? avail : avail - main_w - gap;
  int y = top - offset;
  y += ui_text(f, tr(f, &e->summary), KS_TYPE_SUBTITLE, left, y, main_w, 0, KS_TEXT) + u(f, 32);
  int side_y = f->portrait ? y : top - offset;
  for (size_t i = 0; i < e->n_images; i++) {
    int ih = side_w * 9 / 16;
    ui_image(f, &e->images[i], (ks_rect){side_x, side_y, side_w, ih});
    side_y += ih + u(f, 8);
    const char *caption = tr(f, &e->images[i].caption);
    if (*caption)
      side_y += ui_text(f, caption, KS_TYPE_SMALL, side_x, side_y, side_w, 2, KS_TEXT_DIM);
    side_y += u(f, 24);
  }
  for (size_t i = 0; i < e->n_figures; i++)
    side_y += draw_figure(f, &e->figures[i], side_x, side_y, side_w) + u(f, 28);
  if (e->n_organisations) {
    side_y += u(f, 8) + ui_text(f, ui_say(f, "achievement.who"), KS_TYPE_SMALL, side_x, side_y,
                                side_w, 1, KS_GOLD);
    for (size_t i = 0; i < e->n_organisations; i++)
      side_y += ui_text(f, tr(f, &e->organisations[i]), KS_TYPE_BODY, side_x, side_y + u(f, 8),
                        side_w, 2, KS_TEXT) +
                u(f, 8);
    side_y += u(f, 24);
  }
  if (f->portrait)
    y = side_y + u(f, 16);
  y += ui_paragraphs(f, tr(f, &e->body), left, y, main_w, KS_TEXT_DIM) + u(f, 16);
  int links_y = f->portrait ? y : (y > side_y ? y : side_y);
  int lh = ui_links(f, e, left, links_y, avail);
  y = links_y + lh + u(f, 24);
  y += ui_sources(f, e, left, y, avail);
  int content_h = y + offset - top + u(f, KS_MARGIN);
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - (f->h - top)));
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - u(f, 16)}, KS_BG);
  ui_draw_header(f, title, sub);
}

const ui_screen ui_screen_achievement = {.name = "achievement", .draw = draw};
