/* The achievements gallery and an achievement's detail. */
#include "ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/textbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void draw_card(const frame *f, ks_rect r, const ks_exhibit *e, bool pressed) {
  ks_gfx_fill_round_rect(f->gfx, r, u(f, KS_RADIUS), pressed ? KS_CARD_PRESSED : KS_CARD);
  int pad = u(f, 32), x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
  char meta[256], place[160], year[32];
  ui_place_of(f, e, place, sizeof place);
  ui_year_of(f, e, year, sizeof year);
  snprintf(meta, sizeof meta, "%s  ·  %s", year, ui_field_name(f, e->field));
  y += ui_text(f, meta, KS_TYPE_SMALL, x, y, w, 1, KS_GOLD) + u(f, 12);
  y += ui_text(f, tr(f, &e->title), KS_TYPE_SUBTITLE, x, y, w, 2, KS_TEXT) + u(f, 12);
  int lines_left = (r.y + r.h - pad - u(f, 44) - y) / u(f, 42);
  if (lines_left > 0)
    ui_text(f, tr(f, &e->summary), KS_TYPE_SMALL, x, y, w, (size_t)lines_left, KS_TEXT_DIM);
  if (place[0])
    ui_text(f, place, KS_TYPE_SMALL, x, r.y + r.h - pad - u(f, 36), w, 1, KS_TEAL);
}

/* True when an achievement links to a city of `province`. */
static bool in_province(const ks_content *c, const ks_exhibit *e, const char *province) {
  for (size_t i = 0; i < e->n_links; i++) {
    const ks_exhibit *t = ks_content_find(c, e->links[i].target);
    if (t && t->kind == KS_KIND_CITY && t->province && strcmp(t->province, province) == 0)
      return true;
  }
  /* Links may also be written on the city's side. */
  for (size_t i = 0; i < c->n_exhibits; i++) {
    const ks_exhibit *t = &c->exhibits[i];
    if (t->kind != KS_KIND_CITY || !t->province || strcmp(t->province, province) != 0)
      continue;
    for (size_t k = 0; k < t->n_links; k++)
      if (ui_same_id(t->links[k].target, e->id))
        return true;
  }
  return false;
}

static bool shown(const ks_ui *ui, const ks_exhibit *e) {
  return (!ui->filter_field || (e->field && strcmp(e->field, ui->filter_field) == 0)) &&
         (!ui->filter_province || in_province(ui->content, e, ui->filter_province));
}

/* One row of filter chips, "all" and each value some achievement has, wrapped to the width;
 * drawn only when `draw`. Returns its height. */
static int filter_row(const frame *f, int y, action_kind kind, const char *current, bool draw) {
  const ks_ui *ui = f->ui;
  const char *const *values = kind == ACT_FILTER_FIELD ? ks_fields() : ks_provinces();
  int x = u(f, KS_MARGIN), right = f->w - u(f, KS_MARGIN), row = u(f, 56 + 12), h = row;
  const char *all = kind == ACT_FILTER_FIELD ? say(f, "全部领域", "All fields")
                                             : say(f, "全部地区", "All places");
  ks_color accent = kind == ACT_FILTER_FIELD ? KS_GOLD : KS_TEAL;
  if (draw)
    ui_chip(f, all, x, y, accent, (action){.kind = kind}, current == NULL);
  x += ui_chip_width(f, all) + u(f, 12);
  for (const char *const *v = values; *v; v++) {
    bool present = false;
    for (size_t i = 0; i < ui->n_achievements && !present; i++)
      present = kind == ACT_FILTER_FIELD
                    ? ui->achievements[i]->field && strcmp(ui->achievements[i]->field, *v) == 0
                    : in_province(ui->content, ui->achievements[i], *v);
    if (!present)
      continue;
    const char *label = kind == ACT_FILTER_FIELD ? ui_field_name(f, *v) : ui_province_name(f, *v);
    int w = ui_chip_width(f, label);
    if (x + w > right) /* wrap */
      x = u(f, KS_MARGIN), y += row, h += row;
    if (draw)
      ui_chip(f, label, x, y, accent, (action){.kind = kind, .exhibit = *v},
              current && strcmp(current, *v) == 0);
    x += w + u(f, 12);
  }
  return h;
}

void ui_screen_achievements(const frame *f) {
  const ks_ui *ui = f->ui;
  const ks_exhibit *list[512];
  size_t n = 0;
  for (size_t i = 0; i < ui->n_achievements && n < 512; i++)
    if (shown(ui, ui->achievements[i]))
      list[n++] = ui->achievements[i];
  char sub[96];
  SAYF(f, sub, "%zu 项成果 · 最新在前%.0s", "%zu result%s · newest first", n, n == 1 ? "" : "s");
  const char *title = say(f, "创新成果", "Achievements");
  /* Header and filters stay put; the cards scroll under them. */
  int head = ui_header(f, title, sub, false) - u(f, 24);
  int fields_h = filter_row(f, head, ACT_FILTER_FIELD, ui->filter_field, false);
  int places_h = filter_row(f, head + fields_h, ACT_FILTER_PROVINCE, ui->filter_province, false);
  int top = head + fields_h + places_h + u(f, 16);
  int cols = f->portrait ? 2 : 3, left = u(f, KS_MARGIN);
  int gap = u(f, KS_GAP), cw = (f->w - 2 * left - (cols - 1) * gap) / cols, ch = u(f, 400);
  int rows = ((int)n + cols - 1) / cols;
  int content_h = rows * (ch + gap) + u(f, KS_MARGIN), view_h = f->h - top;
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - view_h));
  int offset = ui_px(ui->scroll.pos);
  for (size_t i = 0; i < n; i++) {
    ks_rect r = {left + (int)(i % (size_t)cols) * (cw + gap),
                 top + (int)(i / (size_t)cols) * (ch + gap) - offset, cw, ch};
    if (r.y + r.h <= top || r.y >= f->h)
      continue; /* off screen */
    /* Only the part below the fixed parts answers touches. */
    ks_rect touch = r;
    if (touch.y < top)
      touch.h -= top - touch.y, touch.y = top;
    bool pressed = ui_add_hit(f, touch, (action){ACT_GO, KS_SCREEN_ACHIEVEMENT, list[i]->id});
    draw_card(f, r, list[i], pressed);
  }
  if (n == 0)
    ui_text(f, say(f, "没有符合条件的成果", "No achievement matches these filters"), KS_TYPE_BODY,
            left, top + u(f, 24), f->w - 2 * left, 1, KS_TEXT_DIM);
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - gap / 2}, KS_BG);
  ui_draw_header(f, title, sub);
  filter_row(f, head, ACT_FILTER_FIELD, ui->filter_field, true);
  filter_row(f, head + fields_h, ACT_FILTER_PROVINCE, ui->filter_province, true);
}

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

void ui_screen_achievement(const frame *f) {
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
    side_y += u(f, 8) + ui_text(f, say(f, "参与单位", "Who"), KS_TYPE_SMALL, side_x, side_y, side_w,
                                1, KS_GOLD);
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
