/* An achievement's page: its story, images, key figures, who took part, links and sources. */
#include "../chart.h"
#include "../locator.h"
#include "../ui_private.h"

#include "kiosk/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A key figure: the number large, its unit after it, what it counts below and when it was true
 * ("截至2019年"), so that figures of different years read as a series. Returns the height. */
static int draw_figure(const frame *f, const ks_figure *fig, int x, int y, int w) {
  const char *value = ui_value(f, fig);
  ks_face *big = face(f, UI_TYPE_FIGURE);
  int vw = ks_face_measure(big, value, strlen(value));
  int h = ui_text(f, value, UI_TYPE_FIGURE, x, y, w, 1, KS_GOLD);
  const char *unit = tr(f, &fig->unit);
  if (*unit) { /* on the value's baseline */
    int gap = sz(f, UI_SP_XS), baseline = ui_baseline(f, UI_TYPE_FIGURE);
    ui_text(f, unit, UI_TYPE_BODY, x + vw + gap, y + baseline - ui_baseline(f, UI_TYPE_BODY),
            w - vw - gap, 1, KS_GOLD);
  }
  h += ui_text(f, tr(f, &fig->label), UI_TYPE_SMALL, x, y + h, w, 2, KS_TEXT_DIM);
  if (fig->as_of) {
    char date[64], when[96];
    ui_format_date(f, fig->as_of, date, sizeof date);
    ui_sayf(f, when, sizeof when, "figure.as_of", date);
    h += ui_text(f, when, UI_TYPE_SMALL, x, y + h, w, 1, KS_GOLD);
  }
  return h;
}

static void draw(const frame *f, void *state) {
  int pictures = f->ui->pictures; /* drawn before this page (a slide draws two) */
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
  /* Landscape: text on the left, figures and people on the right. Portrait, or where the right
   * would be narrower than a card: one column. */
  ui_page p = ui_page_begin(f, e, title, sub, 3, 5);
  int left = p.left, main_w = p.col.main_w, side_x = p.col.side_x, side_w = p.col.side_w;
  bool one = p.col.one;
  int y = p.y;
  int side_y = one ? y : p.top - p.offset;
  side_y += ui_images(f, e, side_x, side_y, side_w);
  /* Figures of one measure as a chart (app/ui/chart.c); the others alone, two across in one
   * column (portrait), a row as tall as its taller one. */
  side_y += ui_figure_charts(f, e, side_x, side_y, side_w,
                             p.top - p.offset + p.view_h - sz(f, UI_SP_M) - side_y);
  const ks_figure **alone = ks_xcalloc(e->n_figures + 1, sizeof *alone);
  bool *charted = ks_xcalloc(e->n_figures + 1, sizeof *charted);
  ui_figures_charted(e, charted);
  size_t n_alone = 0;
  for (size_t i = 0; i < e->n_figures; i++)
    if (!charted[i])
      alone[n_alone++] = &e->figures[i];
  free(charted);
  int across = one && n_alone > 1 ? 2 : 1, gap = sz(f, UI_GAP);
  int fig_w = (side_w - (across - 1) * gap) / across;
  for (size_t i = 0; i < n_alone; i += (size_t)across) {
    int row = 0;
    for (int k = 0; k < across && i + (size_t)k < n_alone; k++) {
      int h = draw_figure(f, alone[i + (size_t)k], side_x + k * (fig_w + gap), side_y, fig_w);
      row = h > row ? h : row;
    }
    side_y += row + sz(f, UI_SP_LX);
  }
  free(alone);
  /* Where: the cities it is linked to, on a small map. */
  side_y += ui_locator(f, e, side_x, side_y, side_w, p.view_h / 2);
  if (f->ui->pictures == pictures) { /* no image, chart or place: when, on the timeline */
    side_y += ui_when(f, e->year, year, side_x, side_y, side_w); /* its year, as the title's */
  }
  if (e->n_organisations) {
    side_y += sz(f, UI_SP_XS) + ui_text(f, ui_say(f, "achievement.who"), UI_TYPE_SMALL, side_x,
                                        side_y, side_w, 1, KS_GOLD);
    for (size_t i = 0; i < e->n_organisations; i++)
      side_y += ui_text(f, tr(f, &e->organisations[i]), UI_TYPE_BODY, side_x,
                        side_y + sz(f, UI_SP_XS), side_w, 2, KS_TEXT) +
                sz(f, UI_SP_XS);
    side_y += sz(f, UI_SP_L);
  }
  if (one)
    y = side_y + sz(f, UI_SP_M);
  y += ui_paragraphs(f, tr(f, &e->body), left, y, main_w, KS_TEXT_DIM) + sz(f, UI_SP_M);
  ui_page_end(f, &p, e, one ? y : (y > side_y ? y : side_y));
}

const ui_screen ui_screen_achievement = {.name = "achievement", .draw = draw};
