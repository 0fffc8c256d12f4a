/* 数说长三角 / In numbers: a card per statistic, its measure and its latest value large with its
 * date, the earlier values small under it. */
#include "../ui_private.h"

#include <stdio.h>
#include <string.h>

static void draw_card(const frame *f, ks_rect r, const ks_exhibit *e, bool pressed) {
  ui_press_fill(f, r, sz(f, UI_RADIUS), KS_CARD, pressed);
  int pad = sz(f, UI_SP_XL), x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
  int bottom = r.y + r.h - pad;
  y += ui_text(f, tr(f, &e->title), UI_TYPE_SUBTITLE, x, y, w, 2, KS_TEXT) + sz(f, UI_SP_S);
  if (e->n_values == 0)
    return;
  const ks_stat_value *last = &e->values[e->n_values - 1];
  char when[192];
  ui_stat_when(f, last, when, sizeof when);
  bool target = last->basis && strcmp(last->basis, "target") == 0;
  y += ui_text(f, when, UI_TYPE_SMALL, x, y, w, 1, target ? KS_CORAL : KS_LILAC);
  y += ui_stat_value(f, e, last, UI_TYPE_FIGURE, x, y, w, KS_TEXT) + sz(f, UI_SP_XS);
  /* The earlier values, oldest first, in up to three lines where there is room for them. */
  int line = ui_line_height(f, UI_TYPE_SMALL);
  if (e->n_values > 1 && y + line <= bottom) {
    char earlier[512] = "";
    for (size_t i = 0; i + 1 < e->n_values; i++) {
      char number[128], date[192];
      ui_stat_number(f, &e->values[i], number, sizeof number);
      ui_stat_when(f, &e->values[i], date, sizeof date);
      size_t n = strlen(earlier);
      snprintf(earlier + n, sizeof earlier - n, "%s%s (%s)", i ? " · " : "", number, date);
    }
    int lines = (bottom - y) / line;
    ui_text(f, earlier, UI_TYPE_SMALL, x, y, w, (size_t)(lines < 3 ? lines : 3), KS_TEXT_DIM);
  }
}

static void draw(const frame *f, void *state) {
  (void)state;
  const ks_ui *ui = f->ui;
  size_t n = ui_count(ui, KS_KIND_STATISTIC);
  char sub[96];
  ui_say_count(f, sub, sizeof sub, "statistics.subtitle", n);
  const char *title = ui_say(f, "statistics.title");
  int top = ui_header(f, title, sub, false);
  int left = sz(f, UI_MARGIN), gap = sz(f, UI_GAP), avail = f->w - 2 * left;
  /* Wider cards than the gallery's: a value in figures and its date need the room. */
  int cols = ui_columns(avail, sz(f, UI_CARD_MIN_W) * 4 / 3, gap, f->portrait ? 2 : 3);
  int ch = sz(f, UI_CARD_H), cw = (avail - (cols - 1) * gap) / cols;
  int rows = ((int)n + cols - 1) / cols;
  ks_scroller_set_bounds(&f->ui->scroll, 0,
                         (float)(rows * (ch + gap) + sz(f, UI_MARGIN) - (f->h - top)));
  int offset = ui_px(ui->scroll.pos), cards = top - offset;
  ui_card_grid(f, &(ui_card_grid_spec){left, cards, cw, ch, gap, cols, top}, KS_KIND_STATISTIC,
               NULL, n, KS_SCREEN_STATISTIC, draw_card);
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - gap / 2}, KS_BG);
  ui_draw_header(f, title, sub);
}

const ui_screen ui_screen_statistics = {.name = "statistics", .draw = draw};
