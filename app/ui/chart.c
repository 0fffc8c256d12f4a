/* Charts of figures: a statistic's dated values, an achievement's figures of one measure, as
 * bars over their dates with the latest value large (chart.h). */
#include "chart.h"
#include "ui_private.h"

#include "kiosk/amount.h"
#include "kiosk/lang.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static bool written(const ks_text *t) {
  for (int l = 0; l < KS_LANG_MAX; l++)
    if (t->s[l] && *t->s[l])
      return true;
  return false;
}

/* One unit: written the same in some language, or not written at all in either. The same count
 * may take different measure words in Chinese (台（套）, 个, 套) where the curator's English says
 * "instruments" for each. */
static bool same_unit(const ks_text *a, const ks_text *b) {
  if (!written(a) && !written(b))
    return true;
  for (int l = 0; l < KS_LANG_MAX; l++)
    if (a->s[l] && b->s[l] && *a->s[l] && strcmp(a->s[l], b->s[l]) == 0)
      return true;
  return false;
}

/* One label: the same in every language both write it in, and both write it in one at least. */
static bool same_label(const ks_text *a, const ks_text *b) {
  bool common = false;
  for (int l = 0; l < KS_LANG_MAX; l++)
    if (a->s[l] && b->s[l]) {
      if (strcmp(a->s[l], b->s[l]) != 0)
        return false;
      common = true;
    }
  return common;
}

static bool is_target(const ks_stat_value *v) {
  return v->basis && strcmp(v->basis, "target") == 0;
}

/* A value's unit: its own where it has one, else the measure's (as ui_stat_unit shows it). */
static const ks_text *unit_of(const ks_exhibit *e, const ks_stat_value *v) {
  return written(&v->unit) ? &v->unit : &e->unit;
}

/* A bar's height from the article's text: read, finite and not below zero. */
static bool bar_value(const char *text, double *v) { return ks_amount_parse(text, v) && *v >= 0; }

static size_t clamp_most(size_t most) {
  return most < 1 ? 1 : most > UI_CHART_MAX ? UI_CHART_MAX : most;
}

void ui_chart_of_values(const ks_exhibit *e, size_t most, ui_chart *c) {
  memset(c, 0, sizeof *c);
  c->lead = SIZE_MAX;
  most = clamp_most(most);
  /* The lead: the latest reached value with a bar, else the latest with one. */
  size_t ref = SIZE_MAX, ref_any = SIZE_MAX;
  double v;
  for (size_t i = 0; i < e->n_values; i++)
    if (bar_value(e->values[i].value, &v)) {
      ref_any = i;
      if (!is_target(&e->values[i]))
        ref = i;
    }
  ref = ref != SIZE_MAX ? ref : ref_any;
  if (ref == SIZE_MAX) { /* nothing to chart: the latest reached value, else the latest */
    for (size_t i = 0; i < e->n_values; i++)
      if (!is_target(&e->values[i]) || c->lead == SIZE_MAX)
        c->lead = i;
    return;
  }
  c->lead = ref;
  /* The values in its unit, the latest `most` of them, read from the newest back. */
  const ks_text *unit = unit_of(e, &e->values[ref]);
  size_t n = 0;
  ui_chart_bar found[UI_CHART_MAX];
  for (size_t i = e->n_values; i-- > 0 && n < most;) {
    const ks_stat_value *sv = &e->values[i];
    if (bar_value(sv->value, &v) && same_unit(unit_of(e, sv), unit))
      found[n++] = (ui_chart_bar){.index = i, .value = v, .target = is_target(sv)};
  }
  if (n < 2)
    return;
  for (size_t k = 0; k < n; k++)
    c->bar[k] = found[n - 1 - k];
  c->n = n;
}

/* Dates as the pack writes them, YYYY[-MM[-DD]]: in order as strings. */
static int date_cmp(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

void ui_chart_of_figures(const ks_exhibit *e, size_t first, size_t most, ui_chart *c) {
  memset(c, 0, sizeof *c);
  c->lead = SIZE_MAX;
  most = clamp_most(most);
  if (first >= e->n_figures)
    return;
  const ks_figure *m = &e->figures[first];
  double v;
  size_t n = e->n_figures < UI_CHART_FIGURES ? e->n_figures : UI_CHART_FIGURES;
  for (size_t i = 0; i < n; i++) {
    const ks_figure *g = &e->figures[i];
    if (!g->as_of || !same_label(&g->label, &m->label) || !same_unit(&g->unit, &m->unit) ||
        !bar_value(g->value, &v))
      continue;
    /* In date order (insertion: a handful of figures); the oldest falls off when full. */
    size_t at = c->n;
    while (at > 0 && date_cmp(e->figures[c->bar[at - 1].index].as_of, g->as_of) > 0)
      at--;
    if (c->n == most) {
      if (at == 0)
        continue; /* older than every one kept */
      memmove(c->bar, c->bar + 1, (at - 1) * sizeof *c->bar);
      at--;
    } else {
      memmove(c->bar + at + 1, c->bar + at, (c->n - at) * sizeof *c->bar);
      c->n++;
    }
    c->bar[at] = (ui_chart_bar){.index = i, .value = v};
  }
  if (c->n < 2) {
    c->n = 0;
    return;
  }
  c->lead = c->bar[c->n - 1].index;
}

bool ui_chart_has(const ui_chart *c, size_t index) {
  for (size_t k = 0; k < c->n; k++)
    if (c->bar[k].index == index)
      return true;
  return false;
}

void ui_chart_layout(const ui_chart *c, ks_rect plot, int bar_w, ks_rect *bars) {
  if (!c->n)
    return;
  double top = 0;
  for (size_t k = 0; k < c->n; k++)
    top = c->bar[k].value > top ? c->bar[k].value : top;
  int slot = plot.w / (int)c->n, bw = slot * 2 / 3;
  bw = bar_w < bw ? bar_w : bw;
  for (size_t k = 0; k < c->n; k++) {
    /* A share of the plot's height: 0 to 1, so the product stays within the plot. */
    double share = top > 0 ? c->bar[k].value / top : 0;
    int h = (int)(share * plot.h + 0.5);
    bars[k] = (ks_rect){plot.x + (int)k * slot + (slot - bw) / 2, plot.y + plot.h - h, bw, h};
  }
}

/* What is written around a bar: its number above (with its unit where that differs from the
 * lead's: "4万多个" beside a lead in 套), nothing above the lead's, which is drawn large above the
 * chart; its date under it. */
typedef struct {
  char above[160];
  char under[192];
} bar_words;

/* Diagonal lines across `r`, `step` apart: what marks a target's bar as not reached. */
static void hatch(const frame *f, ks_rect r, int step, ks_color col) {
  float w = (float)sz(f, UI_LINE_W);
  for (int t = step; t < r.w + r.h; t += step) {
    float x0 = (float)(r.x + t), y0 = (float)r.y, x1 = x0 - (float)r.h, y1 = (float)(r.y + r.h);
    if (x0 > (float)(r.x + r.w))
      y0 += x0 - (float)(r.x + r.w), x0 = (float)(r.x + r.w);
    if (x1 < (float)r.x)
      y1 -= (float)r.x - x1, x1 = (float)r.x;
    if (y1 > y0) {
      float seg[4] = {x0, y0, x1, y1};
      ks_gfx_polyline(f->gfx, seg, 2, w, col);
    }
  }
}

/* A bar's number laid out to `w`: at the body size on one line, else one size smaller in up to
 * three ("over 32.7 billion" over a narrow bar: a tall stack of large words would push the chart
 * off a short panel); NULL for none. */
static const ks_textbox *above_box(const frame *f, const char *s, int w) {
  if (!*s)
    return NULL;
  const ks_textbox *box = ui_layout(f, s, UI_TYPE_BODY, w, 1);
  return ui_is_cut(box) ? ui_layout(f, s, UI_TYPE_SMALL, w, 3) : box;
}

/* A bar's date laid out to `w`, its "·"-joined parts kept whole ("目标 · 2025年"). */
static const ks_textbox *under_box(const frame *f, const char *s, int w) {
  return *s ? ui_layout_parts(f, s, UI_TYPE_SMALL, w, 3) : NULL;
}

static int box_h(const ks_textbox *box) { return box ? ks_textbox_height(box) : 0; }

/* The bars of `c` with their words, from (x, y), `w` wide, lower where that keeps them within
 * `room` pixels (not under 12 mm); the lead's bar in the full `accent`,
 * the others in it at a little over half (3.4:1 on the background for lilac, 3.8:1 for gold:
 * above the 3:1 a graphic needs), a target's outlined and hatched in coral. Returns the
 * height. */
static int draw_bars(const frame *f, const ui_chart *c, const bar_words *words, int x, int y, int w,
                     int room, ks_color accent) {
  int slot = w / (int)c->n, pad = sz(f, UI_SP_XS), inner = slot - pad;
  /* As tall as two fifths of its width, and a fifth of the screen's height, so that on a short
   * panel the dates under it are in view with the value above it; 18 to 45 mm. */
  int plot_h = w * 2 / 5 < f->h / 5 ? w * 2 / 5 : f->h / 5, lo = ui_mm(f, 18), hi = ui_mm(f, 45);
  plot_h = plot_h < lo ? lo : plot_h > hi ? hi : plot_h;
  ks_rect bars[UI_CHART_MAX];
  int above, under;
  for (int fitted = 0;; fitted++) {
    ui_chart_layout(c, (ks_rect){x, 0, slot * (int)c->n, plot_h}, ui_mm(f, 22), bars);
    /* Room above the plot for the numbers that stand higher than it, below it for the dates. */
    above = 0, under = 0;
    for (size_t k = 0; k < c->n; k++) {
      const ks_textbox *a = above_box(f, words[k].above, inner);
      int need = a ? box_h(a) + pad - bars[k].y : 0, u = box_h(under_box(f, words[k].under, inner));
      above = need > above ? need : above;
      under = u > under ? u : under;
    }
    /* Over the room: lower by as much where that leaves 12 mm or more, and again (a few times)
     * while still over, since the numbers above the bars stand lower with them; a chart that
     * would have to be lower than that scrolls with its page. */
    int over = above + plot_h + pad + under - room;
    if (fitted == 3 || over <= 0 || plot_h - over < ui_mm(f, 12))
      break;
    plot_h -= over;
  }
  f->ui->pictures++;
  int top = y + above;
  ks_color muted = accent;
  muted.a = 0x8c;
  int radius = sz(f, UI_SP_XXS);
  for (size_t k = 0; k < c->n; k++) {
    ks_rect b = bars[k];
    b.y += top;
    bool lead = c->bar[k].index == c->lead, target = c->bar[k].target;
    if (target) {
      float s = (float)sz(f, UI_LINE_W);
      float box[10] = {
          (float)b.x,         (float)b.y, (float)(b.x + b.w), (float)b.y, (float)(b.x + b.w),
          (float)(b.y + b.h), (float)b.x, (float)(b.y + b.h), (float)b.x, (float)b.y};
      ks_gfx_polyline(f->gfx, box, 5, s * 2, KS_CORAL);
      hatch(f, b, sz(f, UI_SP_S), KS_CORAL);
    } else if (b.h > 0) {
      ks_gfx_fill_round_rect(f->gfx, b, b.h > 2 * radius ? radius : 0, lead ? accent : muted);
    }
    int cx = b.x + b.w / 2;
    const ks_textbox *a = above_box(f, words[k].above, inner);
    if (a)
      ui_draw_box(f, a, cx - a->width / 2, b.y - pad - box_h(a), target ? KS_CORAL : KS_TEXT);
    const ks_textbox *u = under_box(f, words[k].under, inner);
    if (u)
      ui_draw_box(f, u, cx - u->width / 2, top + plot_h + pad,
                  target ? KS_CORAL
                  : lead ? accent
                         : KS_TEXT_DIM);
  }
  /* The axis the bars stand on. */
  ks_gfx_fill_rect(f->gfx, (ks_rect){x, top + plot_h, slot * (int)c->n, sz(f, UI_LINE_W)},
                   KS_TEXT_DIM);
  return above + plot_h + pad + under;
}

/* The most bars `w` holds: a slot at least 14 mm wide, room for a number or a date. */
static size_t bars_in(const frame *f, int w) {
  int slot = ui_mm(f, 14);
  return slot > 0 && w / slot > 1 ? (size_t)(w / slot) : 2;
}

/* Whether a unit is written `as` in some language. */
static bool unit_is(const ks_text *t, const char *as) {
  for (int l = 0; l < KS_LANG_MAX; l++)
    if (t->s[l] && strcmp(t->s[l], as) == 0)
      return true;
  return false;
}

double ui_stat_share(const ks_exhibit *e, const ks_stat_value *v) {
  const ks_text *unit = written(&v->unit) ? &v->unit : &e->unit;
  double x;
  if (!v->value || !ks_amount_parse(v->value, &x))
    return -1;
  if (strchr(v->value, '/')) /* "1/6": a share as it is, where no unit says otherwise */
    x = written(unit) ? -1 : x;
  else if (unit_is(unit, "\xe6\x88\x90")) /* 成: tenths (六成, 60 %), which "%" translates */
    x /= 10;
  else if (unit_is(unit, "%"))
    x /= 100;
  else
    x = -1;
  return x > 0 && x <= 1 ? x : -1;
}

/* A ring of diameter `d` at (x, y), the share `part` of it from the top, clockwise, in the accent
 * and the rest dim: a part of a whole seen at once. */
static void share_ring(const frame *f, double part, int x, int y, int d) {
  enum { SEGMENTS = 96 };
  float cx = (float)x + (float)d / 2, cy = (float)y + (float)d / 2;
  float outer = (float)d / 2, inner = outer * 0.62f;
  size_t lit = (size_t)lround(part * SEGMENTS);
  lit = lit < 1 ? 1 : lit;
  for (int pass = 0; pass < 2; pass++) { /* the rest, then the share */
    size_t from = pass ? 0 : lit, to = pass ? lit : SEGMENTS;
    if (from >= to)
      continue;
    float xy[2 * 2 * (SEGMENTS + 1)];
    uint32_t ix[3 * 2 * SEGMENTS];
    size_t n = 0, t = 0;
    for (size_t k = from; k <= to; k++) {
      double a = 2 * 3.14159265358979 * ((double)k / SEGMENTS - 0.25);
      float c = (float)cos(a), s = (float)sin(a);
      xy[2 * n] = cx + outer * c, xy[2 * n + 1] = cy + outer * s, n++;
      xy[2 * n] = cx + inner * c, xy[2 * n + 1] = cy + inner * s, n++;
      if (k > from) { /* the quad from the last pair to this one */
        uint32_t o0 = (uint32_t)(n - 4), i0 = o0 + 1, o1 = o0 + 2, i1 = o0 + 3;
        ix[t++] = o0, ix[t++] = i0, ix[t++] = o1;
        ix[t++] = i0, ix[t++] = i1, ix[t++] = o1;
      }
    }
    ks_color col = KS_LILAC;
    if (!pass)
      col.a = 0x40;
    ks_gfx_triangles(f->gfx, xy, n, ix, t / 3, col);
  }
  f->ui->pictures++;
}

/* One value with its date above (in the accent, coral on a target), the number at `size`. */
static int draw_value(const frame *f, const ks_exhibit *e, const ks_stat_value *v, ui_size size,
                      int x, int y, int w) {
  char when[192];
  ui_stat_when(f, v, when, sizeof when);
  bool target = is_target(v);
  int h = ui_text(f, when, UI_TYPE_SMALL, x, y, w, 2, target ? KS_CORAL : KS_LILAC);
  return h + ui_stat_value(f, e, v, size, x, y + h, w, target ? KS_TEXT_DIM : KS_TEXT);
}

int ui_stat_picture(const frame *f, const ks_exhibit *e, int x, int y, int w, int room) {
  ui_chart c;
  ui_chart_of_values(e, bars_in(f, w), &c);
  if (c.lead >= e->n_values)
    return 0;
  int h = 0;
  if (e->n_values > 1)
    h += ui_text(f, ui_say(f, "statistic.values"), UI_TYPE_SMALL, x, y, w, 1, KS_LILAC) +
         sz(f, UI_SP_S);
  const ks_stat_value *lead = &e->values[c.lead];
  h += draw_value(f, e, lead, UI_TYPE_FIGURE, x, y + h, w);
  double share = c.n ? -1 : ui_stat_share(e, lead);
  if (share > 0) { /* a share alone: the ring of the whole with its part lit, under the number */
    /* Two fifths of the column, in view with the number where that leaves 16 mm or more. */
    int d = w * 2 / 5, most = room - h - sz(f, UI_SP_L);
    d = most >= ui_mm(f, 16) && most < d ? most : d;
    h += sz(f, UI_SP_L);
    share_ring(f, share, x, y + h, d);
    h += d;
  }
  if (c.n) {
    bar_words words[UI_CHART_MAX];
    const char *lead_unit = ui_stat_unit(f, e, lead);
    for (size_t k = 0; k < c.n; k++) {
      const ks_stat_value *v = &e->values[c.bar[k].index];
      words[k].above[0] = '\0';
      if (c.bar[k].index != c.lead) {
        ui_stat_number(f, v, words[k].above, sizeof words[k].above);
        const char *unit = ui_stat_unit(f, e, v);
        if (strcmp(unit, lead_unit) != 0) {
          size_t n = strlen(words[k].above);
          snprintf(words[k].above + n, sizeof words[k].above - n, "%s%s",
                   ks_lang_is_cjk(lang_code(f)) ? "" : " ", unit);
        }
      }
      ui_stat_when(f, v, words[k].under, sizeof words[k].under);
    }
    h += sz(f, UI_SP_L);
    h += draw_bars(f, &c, words, x, y + h, w, room - h, KS_LILAC);
  }
  /* The values the chart does not show: in another unit, or not a number it can draw. */
  for (size_t i = 0; i < e->n_values; i++)
    if (i != c.lead && !ui_chart_has(&c, i)) {
      h += sz(f, UI_SP_L);
      h += draw_value(f, e, &e->values[i], UI_TYPE_SUBTITLE, x, y + h, w);
    }
  return h;
}

/* Whether figure `i` is the first of its measure: the one its chart is drawn for. */
static bool first_of_measure(const ks_exhibit *e, size_t i) {
  for (size_t k = 0; k < i; k++)
    if (same_label(&e->figures[k].label, &e->figures[i].label) &&
        same_unit(&e->figures[k].unit, &e->figures[i].unit))
      return false;
  return true;
}

void ui_figures_charted(const ks_exhibit *e, bool *charted) {
  memset(charted, 0, e->n_figures * sizeof *charted);
  for (size_t first = 0; first < e->n_figures && first < UI_CHART_FIGURES; first++)
    if (first_of_measure(e, first)) {
      ui_chart c;
      ui_chart_of_figures(e, first, UI_CHART_MAX, &c);
      for (size_t k = 0; k < c.n; k++)
        charted[c.bar[k].index] = true;
    }
}

int ui_figure_charts(const frame *f, const ks_exhibit *e, int x, int y, int w, int room) {
  int h = 0;
  for (size_t first = 0; first < e->n_figures && first < UI_CHART_FIGURES; first++) {
    ui_chart c;
    if (!first_of_measure(e, first))
      continue;
    ui_chart_of_figures(e, first, UI_CHART_MAX, &c);
    if (!c.n)
      continue;
    /* The latest large in gold with its unit and what it counts under it, as a figure alone
     * is drawn (achievement.c), then the bars. */
    const ks_figure *lead = &e->figures[c.lead];
    const char *lead_unit = tr(f, &lead->unit);
    const char *value = ui_value(f, lead);
    int vw = ui_text_width(f, value, UI_TYPE_FIGURE), gap = sz(f, UI_SP_XS);
    int vh = ui_text(f, value, UI_TYPE_FIGURE, x, y + h, w, 1, KS_GOLD);
    if (*lead_unit)
      ui_text(f, lead_unit, UI_TYPE_BODY, x + vw + gap,
              y + h + ui_baseline(f, UI_TYPE_FIGURE) - ui_baseline(f, UI_TYPE_BODY), w - vw - gap,
              1, KS_GOLD);
    h += vh;
    h += ui_text(f, tr(f, &lead->label), UI_TYPE_SMALL, x, y + h, w, 2, KS_TEXT_DIM) +
         sz(f, UI_SP_L);
    bar_words words[UI_CHART_MAX];
    for (size_t k = 0; k < c.n; k++) {
      const ks_figure *g = &e->figures[c.bar[k].index];
      words[k].above[0] = '\0';
      if (c.bar[k].index != c.lead) {
        const char *unit = tr(f, &g->unit);
        snprintf(words[k].above, sizeof words[k].above, "%s%s%s", ui_value(f, g),
                 strcmp(unit, lead_unit) == 0   ? ""
                 : ks_lang_is_cjk(lang_code(f)) ? ""
                                                : " ",
                 strcmp(unit, lead_unit) == 0 ? "" : unit);
      }
      ui_format_date(f, g->as_of, words[k].under, sizeof words[k].under);
    }
    h += draw_bars(f, &c, words, x, y + h, w, room - h, KS_GOLD) + sz(f, UI_SP_LX);
  }
  return h;
}
