/* A statistic's page: its measure, its values as a chart with the latest large (a target marked
 * as a goal, never drawn as reached; app/ui/chart.c), the notes on how the values were counted,
 * links and sources. */
#include "../chart.h"
#include "../locator.h"
#include "../ui_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_target(const ks_stat_value *v) {
  return v->basis && strcmp(v->basis, "target") == 0;
}

void ui_stat_number(const frame *f, const ks_stat_value *v, char *out, size_t size) {
  const char *n = ks_text_in(&v->value_tr, f->ui->lang, -1, NULL);
  n = n ? n : v->value ? v->value : "";
  /* Only the three words the validator allows: another would name a key no catalog has. */
  bool known = v->approx && (strcmp(v->approx, "over") == 0 || strcmp(v->approx, "about") == 0 ||
                             strcmp(v->approx, "nearly") == 0);
  if (known) {
    char key[32];
    snprintf(key, sizeof key, "stat.approx.%s", v->approx);
    ui_sayf(f, out, size, key, n);
  } else {
    snprintf(out, size, "%s", n);
  }
}

const char *ui_stat_unit(const frame *f, const ks_exhibit *e, const ks_stat_value *v) {
  const char *own = tr(f, &v->unit);
  return *own ? own : tr(f, &e->unit);
}

void ui_stat_when(const frame *f, const ks_stat_value *v, char *out, size_t size) {
  char date[64], from[64], span[160];
  ui_format_date(f, v->as_of, date, sizeof date);
  if (v->from) {
    ui_format_date(f, v->from, from, sizeof from);
    ui_sayf(f, span, sizeof span, "stat.period", from, date);
  } else {
    snprintf(span, sizeof span, "%s", date);
  }
  if (is_target(v))
    ui_sayf(f, out, size, "stat.target_for", span);
  else if (v->as_of_basis && strcmp(v->as_of_basis, "reported") == 0)
    ui_sayf(f, out, size, "stat.reported", span);
  else
    snprintf(out, size, "%s", span);
}

int ui_stat_value(const frame *f, const ks_exhibit *e, const ks_stat_value *v, ui_size size, int x,
                  int y, int w, ks_color c) {
  char number[128];
  ui_stat_number(f, v, number, sizeof number);
  /* A number is never cut: a size smaller where the column is too narrow for it. */
  while (size < UI_TYPE_BODY && ui_text_width(f, number, size) > w)
    size++;
  ui_size small = size <= UI_TYPE_FIGURE ? UI_TYPE_BODY : UI_TYPE_SMALL;
  const char *unit = ui_stat_unit(f, e, v);
  /* The unit on the number's baseline where the line has room for both, else under it. */
  int nw = ui_text_width(f, number, size), gap = sz(f, UI_SP_XS);
  int uw = *unit ? ui_text_width(f, unit, small) : 0;
  int h = ui_text(f, number, size, x, y, w, 1, c);
  if (*unit && nw + gap + uw <= w)
    ui_text(f, unit, small, x + nw + gap, y + ui_baseline(f, size) - ui_baseline(f, small),
            w - nw - gap, 1, c);
  else if (*unit)
    h += ui_text(f, unit, small, x, y + h, w, 1, c);
  return h;
}

static void draw(const frame *f, void *state) {
  int pictures = f->ui->pictures; /* drawn before this page (a slide draws two) */
  (void)state;
  const ks_exhibit *e = f->ui->exhibit;
  ui_page p = ui_page_begin(f, e, tr(f, &e->title), ui_say(f, "statistics.title"), 1, 2);
  int left = p.left, main_w = p.col.main_w, side_x = p.col.side_x, side_w = p.col.side_w;
  bool one = p.col.one;
  int y = p.y;
  int side_y = one ? y : p.top - p.offset;
  /* The picture: the values as a chart with the latest large, on the right (first on a
   * portrait display). */
  /* To the page bar (or the foot of the screen), unscrolled, a step clear of it. */
  int room = p.top - p.offset + p.view_h - sz(f, UI_SP_M) - side_y;
  int images = ui_images(f, e, side_x, side_y, side_w);
  side_y += images;
  side_y += ui_stat_picture(f, e, side_x, side_y, side_w, room - images) + sz(f, UI_SP_LX);
  side_y += ui_locator(f, e, side_x, side_y, side_w, p.view_h / 2);
  if (f->ui->pictures == pictures && e->n_values) { /* one number: when it was, in time (its
                                                      date is said over the number) */
    const ks_stat_value *v = &e->values[e->n_values - 1];
    side_y += ui_when(f, v->as_of ? atoi(v->as_of) : 0, "", side_x, side_y, side_w);
  }
  if (one)
    y = side_y + sz(f, UI_SP_M);
  y += ui_text(f, ui_say(f, "statistic.measure"), UI_TYPE_SMALL, left, y, main_w, 1, KS_LILAC) +
       sz(f, UI_SP_XS);
  y += ui_text(f, tr(f, &e->measure), UI_TYPE_BODY, left, y, main_w, 4, KS_TEXT) + sz(f, UI_SP_L);
  y += ui_paragraphs(f, tr(f, &e->body), left, y, main_w, KS_TEXT_DIM) + sz(f, UI_SP_M);
  ui_page_end(f, &p, e, one ? y : (y > side_y ? y : side_y));
}

const ui_screen ui_screen_statistic = {.name = "statistic", .draw = draw};
