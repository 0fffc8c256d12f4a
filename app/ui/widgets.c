/* The pieces every screen is made of: text, header, chips, links, sources, dates. */
#include "ui_private.h"

#include "kiosk/images.h"
#include "kiosk/mem.h"
#include "kiosk/strings.h"
#include "kiosk/textbox.h"
#include "kiosk/utf8.h"
#include "kiosk/validate.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ui_say(const frame *f, const char *key) {
  return ks_strings_say(lang_code(f), key, f->ui->content->meta.default_lang);
}

/* The catalog's formats are data: checked by unit.ui against each other, not by the compiler. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int vsay(char *buf, size_t size, const char *format, va_list ap) {
  return vsnprintf(buf, size, format, ap);
}
#pragma GCC diagnostic pop

int ui_sayf(const frame *f, char *buf, size_t size, const char *key, ...) {
  va_list ap;
  va_start(ap, key);
  int n = vsay(buf, size, ui_say(f, key), ap);
  va_end(ap);
  return n;
}

static int sayf_raw(char *buf, size_t size, const char *format, ...) {
  va_list ap;
  va_start(ap, format);
  int n = vsay(buf, size, format, ap);
  va_end(ap);
  return n;
}

int ui_say_count(const frame *f, char *buf, size_t size, const char *key, size_t n) {
  char one[96];
  snprintf(one, sizeof one, "%s.one", key);
  const char *format = n == 1 ? ks_strings_get(lang_code(f), one) : NULL;
  return sayf_raw(buf, size, format ? format : ui_say(f, key), n);
}

bool ui_same_action(action a, action b) {
  return a.kind == b.kind && a.kind != ACT_NONE && a.screen == b.screen &&
         (a.exhibit == b.exhibit || (a.exhibit && b.exhibit && strcmp(a.exhibit, b.exhibit) == 0));
}

bool ui_add_hit_part(const frame *f, ks_rect r, ks_rect full, action a, const char *label) {
  ks_ui *ui = f->ui;
  if (ui->n_hits < MAX_HITS) {
    hit *h = &ui->hits[ui->n_hits++];
    *h = (hit){r, full, a, label, ""};
    if (a.kind == ACT_LANG) /* layout-check shows which language a segment selects */
      snprintf(h->name, sizeof h->name, "lang:%s", ui_str(a.exhibit));
  }
  return ui_same_action(ui->pressed, a);
}

bool ui_add_hit(const frame *f, ks_rect r, action a, const char *label) {
  return ui_add_hit_part(f, r, r, a, label);
}

void ui_press_fill(const frame *f, ks_rect r, int radius, ks_color fill, bool pressed) {
  if (!pressed) {
    ks_gfx_fill_round_rect(f->gfx, r, radius, fill);
    return;
  }
  /* Pressed: a little smaller, as if pushed in, with a white rim around a lighter fill — seen
   * from a metre away under a hall's lights, where a slightly darker fill is not. */
  int in = r.w < r.h ? r.w / 40 : r.h / 40, rim = sz(f, UI_STROKE);
  ks_rect s = ui_inset(r, in > 1 ? in : 1);
  ks_gfx_fill_round_rect(f->gfx, s, radius, KS_TEXT);
  ks_color lit = {(uint8_t)((fill.r + KS_PRESS_LIFT.r) / 2),
                  (uint8_t)((fill.g + KS_PRESS_LIFT.g) / 2),
                  (uint8_t)((fill.b + KS_PRESS_LIFT.b) / 2), fill.a};
  ks_gfx_fill_round_rect(f->gfx, ui_inset(s, rim), radius > rim ? radius - rim : 0, lit);
}

void ui_add_run(const frame *f, ks_rect r, int size_px, const char *text) {
  ks_ui *ui = f->ui;
  if (ui->n_runs < MAX_RUNS) {
    ks_ui_text_run *run = &ui->runs[ui->n_runs++];
    *run = (ks_ui_text_run){r, size_px, {0}, size_px == sz(f, UI_TYPE_BODY), false};
    size_t n = text ? strlen(text) : 0;
    if (n >= sizeof run->text) /* cut before a whole character, not inside one */
      for (n = sizeof run->text - 1; n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80;)
        n--;
    if (n)
      memcpy(run->text, text, n);
    size_t whole = text ? strlen(text) + 1 : 1; /* and the whole text, for ks_ui_text_run_text */
    while (ui->run_texts_len + whole > ui->run_texts_cap) /* doubles each time */
      ks_grow((void **)&ui->run_texts, &ui->run_texts_cap, ui->run_texts_cap, 1);
    ui->run_text_at[ui->n_runs - 1] = ui->run_texts_len;
    memcpy(ui->run_texts + ui->run_texts_len, text ? text : "", whole);
    ui->run_texts_len += whole;
  }
}

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  for (const unsigned char *c = p; n--; c++)
    h = (h ^ *c) * 1099511628211ull;
  return h;
}

void ui_texts_clear(ks_ui *ui) {
  ui_qr_forget(ui); /* kept while its page shows, as the texts are */
  if (!ui->texts)
    return;
  for (size_t i = 0; i < TEXT_CACHE; i++)
    if (ui->texts[i].hash) {
      ks_textbox_release(&ui->texts[i].box);
      free(ui->texts[i].text);
      free(ui->texts[i].shown);
      ui->texts[i].hash = 0;
    }
  ui->n_texts = 0;
}

static int measure_with(void *ctx, const char *text, size_t len) {
  return ks_face_measure(ctx, text, len);
}

/* `s` laid out in language `lang` (a slot of the pack's): with that language's face and line
 * rules, from the cache. */
static const ks_textbox *layout_in(const frame *f, const char *s, int size, int max_w,
                                   size_t max_lines, bool parts, ks_lang lang) {
  ks_ui *ui = f->ui;
  if (!ui->texts)
    ui->texts = ks_xcalloc(TEXT_CACHE, sizeof(text_entry));
  size_t len = strlen(s);
  uint64_t h = fnv(14695981039346656037ull, s, len);
  h = fnv(h, &size, sizeof size);
  h = fnv(h, &max_w, sizeof max_w);
  h = fnv(h, &max_lines, sizeof max_lines);
  h = fnv(h, &lang, sizeof lang);
  h = fnv(h, &parts, sizeof parts);
  h |= 1; /* never 0, which marks a free slot */
  for (size_t i = h % TEXT_CACHE;; i = (i + 1) % TEXT_CACHE) {
    text_entry *t = &ui->texts[i];
    if (t->hash == h && t->size == size && t->max_w == max_w && t->max_lines == max_lines &&
        t->lang == lang && t->parts == parts && strcmp(t->text, s) == 0)
      return &t->box;
    if (t->hash == 0)
      break;
  }
  if (ui->n_texts >= TEXT_CACHE * 3 / 4) /* full: start over rather than probe long */
    ui_texts_clear(ui);
  size_t i = h % TEXT_CACHE;
  while (ui->texts[i].hash)
    i = (i + 1) % TEXT_CACHE;
  text_entry *t = &ui->texts[i];
  *t = (text_entry){.hash = h,
                    .size = size,
                    .max_w = max_w,
                    .max_lines = max_lines,
                    .lang = lang,
                    .parts = parts,
                    .text = ks_xstrdup(s)};
  ui->n_texts++;
  const char *tag = ks_content_lang_tag(ui->content, lang);
  ks_face *fc = ks_fonts_face_for(ui->fonts, size, tag);
  if (fc) {
    if (parts) {
      char *out = ks_xmalloc(len + 1);
      if (ks_text_break_between(s, "\xc2\xb7", max_w, measure_with, fc, out, len + 1) == out)
        t->shown = out;
      else
        free(out);
    }
    /* Line spacing: looser for characters of one size (CJK) than for Latin words. */
    ks_textbox_layout(&t->box, fc, t->shown ? t->shown : t->text, max_w, max_lines,
                      tag && !ks_lang_is_cjk(tag) ? 0.3f : 0.5f, tag);
    ks_textbox_keep(&t->box);
  }
  return &t->box;
}

static const ks_textbox *layout(const frame *f, const char *s, int size, int max_w,
                                size_t max_lines, bool parts) {
  return layout_in(f, s, size, max_w, max_lines, parts, f->ui->lang);
}

const ks_textbox *ui_layout(const frame *f, const char *s, ui_size size, int max_w,
                            size_t max_lines) {
  return layout(f, s, sz(f, size), max_w, max_lines, false);
}

const ks_textbox *ui_layout_parts(const frame *f, const char *s, ui_size size, int max_w,
                                  size_t max_lines) {
  return layout(f, s, sz(f, size), max_w, max_lines, true);
}

bool ui_is_cut(const ks_textbox *box) {
  return box->n_lines && box->lines[box->n_lines - 1].ellipsis;
}

static const ks_textbox *fit(const frame *f, const char *s, ui_size size, int max_w,
                             size_t max_lines, bool from_step) {
  int px = sz(f, size);
  const ks_textbox *box = NULL;
  if (!from_step) {
    box = layout(f, s, px, max_w, 1, false);
    if (!ui_is_cut(box)) /* on one line as it is */
      return box;
  }
  int step = (int)((float)px * 0.85f + 0.5f), least = sz(f, UI_TYPE_SUBTITLE);
  step = step > least ? step : least < px ? least : px;
  box = layout(f, s, step, max_w, 1, false);
  if (!ui_is_cut(box)) /* on one line one step smaller */
    return box;
  return layout(f, s, step, max_w, max_lines, false); /* wrapped, and cut if it must be */
}

const ks_textbox *ui_fit(const frame *f, const char *s, ui_size size, int max_w, size_t max_lines) {
  return fit(f, s, size, max_w, max_lines, false);
}

const ks_textbox *ui_fit_stepped(const frame *f, const char *s, ui_size size, int max_w,
                                 size_t max_lines) {
  return fit(f, s, size, max_w, max_lines, true);
}

const ks_textbox *ui_fit_lines(const frame *f, const char *s, ui_size size, ui_size smaller,
                               int max_w, int max_h, size_t lines) {
  const ks_textbox *box = ui_layout(f, s, size, max_w, lines);
  if (!ui_is_cut(box))
    return box;
  ui_size step[2] = {size, smaller};
  for (int k = 0; k < 2; k++) {
    int line = ui_line_height(f, step[k]);
    size_t most = line > 0 && max_h > line ? (size_t)(max_h / line) : 1;
    box = ui_layout(f, s, step[k], max_w, most > lines ? most : lines);
    if (!ui_is_cut(box))
      return box;
  }
  return box; /* cut: not even the smaller size fits the room */
}

void ui_draw_box(const frame *f, const ks_textbox *box, int x, int y, ks_color color) {
  if (!box->face || !box->n_lines)
    return;
  ks_textbox_draw(box, f->gfx, x, y, color);
  size_t at = f->ui->n_runs;
  ui_add_run(f, (ks_rect){x, y, box->width, ks_textbox_height(box)}, ks_face_px(box->face),
             box->text);
  if (f->ui->n_runs > at)
    f->ui->runs[at].cut = ui_is_cut(box);
}

void ui_draw_line(const frame *f, const char *s, ui_size size, int x, int baseline,
                  ks_color color) {
  ks_face *fc = face(f, size);
  if (!fc || !s)
    return;
  size_t len = strlen(s);
  ks_gfx_text(f->gfx, fc, s, len, x, baseline, color);
  ui_add_run(f,
             (ks_rect){x, baseline - ks_face_ascent(fc), ks_face_measure(fc, s, len),
                       ks_face_ascent(fc) + ks_face_descent(fc)},
             ks_face_px(fc), s);
}

int ui_text(const frame *f, const char *s, ui_size size, int x, int y, int max_w, size_t max_lines,
            ks_color color) {
  if (!s || !face(f, size))
    return 0;
  const ks_textbox *box = ui_layout(f, s, size, max_w, max_lines);
  ui_draw_box(f, box, x, y, color);
  return ks_textbox_height(box);
}

int ui_baseline(const frame *f, ui_size size) {
  const ks_textbox *box = ui_layout(f, "\xe5\x9b\xbd", size, f->w, 1);
  if (!box->face)
    return 0;
  int asc = ks_face_ascent(box->face), desc = ks_face_descent(box->face);
  return (box->line_height - (asc + desc)) / 2 + asc; /* as ks_textbox_draw sets it */
}

ui_columns2 ui_page_columns(const frame *f, int num, int den) {
  int left = sz(f, UI_MARGIN), gap = 2 * sz(f, UI_GAP);
  ui_columns2 c = {.avail = f->w - 2 * left};
  c.main_w = c.avail * num / den;
  c.side_x = left + c.main_w + gap;
  c.side_w = c.avail - c.main_w - gap;
  c.one = f->portrait || c.side_w < sz(f, UI_CARD_MIN_W);
  if (c.one)
    c.main_w = c.side_w = c.avail, c.side_x = left;
  return c;
}

static int page_bar(const frame *f, bool draw);

ui_page ui_page_begin(const frame *f, const ks_exhibit *e, const char *title, const char *subtitle,
                      int num, int den) {
  ui_page p = {.title = title, .subtitle = subtitle, .left = sz(f, UI_MARGIN)};
  p.top = ui_header(f, title, subtitle, false);
  p.first_hit = f->ui->n_hits;
  p.offset = ui_px(f->ui->scroll.pos);
  p.col = ui_page_columns(f, num, den);
  p.y = p.top - p.offset;
  p.view_h = f->h - p.top - page_bar(f, false);
  /* The lead says what the story does not: many a story opens with its summary. */
  const char *said[] = {tr(f, &e->body), subtitle};
  p.lead = ui_unsaid(tr(f, &e->summary), said, 2);
  if (*p.lead)
    p.y += ui_text(f, p.lead, UI_TYPE_SUBTITLE, p.left, p.y, p.col.main_w, 0, KS_TEXT) +
           sz(f, UI_SP_XL);
  return p;
}

void ui_chevron(const frame *f, float cx, float cy, float s, int dir, ks_color c) {
  float d = (float)dir * s * 0.5f;
  float pts[6] = {cx - d, cy - s, cx + d, cy, cx - d, cy + s};
  ks_gfx_polyline(f->gfx, pts, 3, (float)sz(f, UI_STROKE), c);
}

/* A round button with a chevron that turns the page to `to` (NULL: none that way, and no
 * button: the list does not wrap). */
static void turn_button(const frame *f, ks_rect r, const ks_exhibit *to, int dir) {
  if (!to)
    return;
  action a = {.kind = ACT_TURN, .exhibit = to->id};
  bool pressed = ui_add_hit(f, ui_inset(r, -sz(f, UI_SP_S)), a,
                            ui_say(f, dir > 0 ? "page.next" : "page.previous"));
  ui_press_fill(f, r, r.h / 2, KS_CARD, pressed);
  ui_chevron(f, (float)r.x + (float)r.w / 2 + (float)dir * (float)r.w / 20,
             (float)r.y + (float)r.h / 2, (float)r.h / 5, dir, KS_TEXT);
}

/* The bar at the foot of a detail page, which stays while the page scrolls: the previous and
 * next pages of its list as arrows at the ends, where the page is in it ("12 / 58") between.
 * Returns its height, 0 where the page has no list to turn through; draws it with `draw`. */
static int page_bar(const frame *f, bool draw) {
  ui_place at = ui_page_place(f->ui);
  if (at.n < 2)
    return 0;
  int nav = sz(f, UI_NAV), pad = sz(f, UI_SP_S), margin = sz(f, UI_MARGIN);
  int h = nav + 2 * pad;
  if (!draw)
    return h;
  ks_rect bar = {0, f->h - h, f->w, h};
  ks_gfx_fill_rect(f->gfx, bar, KS_BG);
  turn_button(f, (ks_rect){margin, bar.y + pad, nav, nav}, at.prev, -1);
  turn_button(f, (ks_rect){f->w - margin - nav, bar.y + pad, nav, nav}, at.next, 1);
  char where[32];
  ui_sayf(f, where, sizeof where, "page.position", at.pos + 1, at.n);
  int tw = ui_text_width(f, where, UI_TYPE_SMALL), line = ui_line_height(f, UI_TYPE_SMALL);
  ui_text(f, where, UI_TYPE_SMALL, (f->w - tw) / 2, bar.y + (h - line) / 2, tw + 1, 1, KS_TEXT_DIM);
  return h;
}

/* The sources and, where the exhibit or one of them has a url, its QR code: at the right of the
 * list, which wraps beside it; under the list where beside it would leave the list narrower than
 * a card. Returns the height taken. */
static int page_sources(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  const char *url = ui_page_url(f, e);
  int qr_w = url ? ui_qr_width(f, url) : 0, gap = sz(f, UI_GAP);
  if (!qr_w)
    return ui_sources(f, e, x, y, w);
  if (w - qr_w - gap < sz(f, UI_CARD_MIN_W)) {
    int h = ui_sources(f, e, x, y, w);
    h += h ? sz(f, UI_SP_M) : 0;
    return h + ui_qr(f, url, x, y + h) + sz(f, UI_SP_XS);
  }
  int list = ui_sources(f, e, x, y, w - qr_w - gap);
  int code = ui_qr(f, url, x + w - qr_w, y) + sz(f, UI_SP_XS);
  return list > code ? list : code;
}

void ui_page_end(const frame *f, ui_page *p, const ks_exhibit *e, int y) {
  free(p->lead);
  p->lead = NULL;
  y += ui_links(f, e, p->left, y, p->col.avail) + sz(f, UI_SP_L);
  y += page_sources(f, e, p->left, y, p->col.avail);
  int content_h = y + p->offset - p->top + sz(f, UI_MARGIN);
  int bar = page_bar(f, false);
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - (f->h - p->top - bar)));
  /* What scrolled under the header or the page bar answers only between them: a link chip half
   * under the back button or an arrow must not take the button's touches, nor the button its. */
  for (int i = p->first_hit; i < f->ui->n_hits; i++) {
    ks_rect *r = &f->ui->hits[i].rect;
    int under = p->top - r->y;
    if (under > 0)
      r->h = r->h > under ? r->h - under : 0, r->y = p->top;
    int below = r->y + r->h - (f->h - bar);
    if (below > 0)
      r->h = r->h > below ? r->h - below : 0;
  }
  page_bar(f, true);
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, p->top - sz(f, UI_SP_M)}, KS_BG);
  ui_draw_header(f, p->title, p->subtitle);
}

int ui_line_height(const frame *f, ui_size size) {
  return ui_layout(f, "\xe5\x9b\xbd", size, f->w, 1)->line_height; /* 国 */
}

/* The header's pieces: the language toggle in the top right, back and home in the top left (on
 * every screen but home), the title and subtitle between them — or, on a narrow (portrait)
 * display where that would leave the title less than half the width, below them across the
 * whole width. */
typedef struct {
  ks_rect toggle, back, home;
  int x, y, w; /* where the text starts, and how wide it may be */
} header_place;

static header_place place_header(const frame *f) {
  header_place p = {0};
  int margin = sz(f, UI_MARGIN), nav = sz(f, UI_NAV);
  ks_rect row = {margin, sz(f, UI_SP_XXL), f->w - 2 * margin, nav};
  /* A segment per language of the pack, each wide enough for every language's name. */
  const ks_content *c = f->ui->content;
  int labels = 0, n = c->meta.n_languages;
  for (ks_lang l = 0; l < n; l++) {
    const char *name = ks_strings_lang_name(ks_content_lang_tag(c, l));
    int w = layout_in(f, name, sz(f, UI_TYPE_SMALL), f->w, 1, false, l)->width + 2 * sz(f, UI_SP_L);
    labels = w > labels ? w : labels;
  }
  int toggle_w = sz(f, UI_TOGGLE_W) * (n > 2 ? n : 2) / 2;
  toggle_w = toggle_w > n * labels ? toggle_w : n * labels;
  p.toggle = ui_cut_right(&row, toggle_w);
  p.toggle.y += (p.toggle.h - sz(f, UI_TOGGLE_H)) / 2, p.toggle.h = sz(f, UI_TOGGLE_H);
  ui_cut_right(&row, sz(f, UI_GAP));
  ks_rect rest = row;
  if (f->ui->screen != KS_SCREEN_HOME) {
    p.back = ui_cut_left(&rest, nav);
    ui_cut_left(&rest, sz(f, UI_SP_L));
    p.home = ui_cut_left(&rest, nav);
    ui_cut_left(&rest, sz(f, UI_GAP));
  }
  if (rest.w >= f->w / 2)
    p.x = rest.x, p.y = row.y, p.w = rest.w;
  else
    p.x = margin, p.y = row.y + nav + sz(f, UI_SP_L), p.w = f->w - 2 * margin;
  return p;
}

/* The language control: a segment per language of the pack, its name on it in itself (中文,
 * English, 日本語) and in its own face, the one shown on gold. A tap on a segment selects its
 * language (the one shown stays shown): each segment answers on its own part of the corner,
 * ACT_LANG with the language's tag. */
static void draw_lang_toggle(const frame *f, ks_rect pill) {
  const ks_content *c = f->ui->content;
  int n = c->meta.n_languages < KS_LANG_MAX ? c->meta.n_languages : KS_LANG_MAX;
  if (n < 1)
    return;
  int pad = sz(f, UI_SP_M);
  ks_rect corner = {pill.x - pad, 0, pill.w + 2 * pad, pill.y + pill.h + pad};
  bool pressed[KS_LANG_MAX];
  for (ks_lang l = 0; l < n; l++) {
    ks_rect touch = ui_cell(corner, n, l, 0, false);
    const char *tag = ks_content_lang_tag(c, l);
    pressed[l] =
        ui_add_hit(f, touch, (action){.kind = ACT_LANG, .exhibit = tag}, ks_strings_lang_name(tag));
  }
  ks_gfx_fill_round_rect(f->gfx, pill, pill.h / 2, KS_CARD);
  for (ks_lang l = 0; l < n; l++) {
    ks_rect seg = ui_cell(pill, n, l, 0, false);
    bool active = l == f->ui->lang;
    if (active || pressed[l])
      ui_press_fill(f, seg, pill.h / 2, active ? KS_GOLD : KS_CARD, pressed[l]);
    const ks_textbox *label = layout_in(f, ks_strings_lang_name(ks_content_lang_tag(c, l)),
                                        sz(f, UI_TYPE_SMALL), seg.w, 1, false, l);
    if (!label->face)
      continue;
    ks_face *fc = label->face;
    int baseline = pill.y + (pill.h + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
    int top = baseline - (label->line_height - (ks_face_ascent(fc) + ks_face_descent(fc))) / 2 -
              ks_face_ascent(fc);
    ui_draw_box(f, label, seg.x + (seg.w - label->width) / 2, top, active ? KS_ON_ACCENT : KS_TEXT);
  }
}

/* A round button with a drawn arrow (back) or house (home) filling `r`; it answers a little
 * beyond its edge — half the gap between the two, so that they never answer the same place. */
static void draw_nav_button(const frame *f, ks_rect r, action a) {
  bool pressed =
      ui_add_hit(f, ui_inset(r, -(sz(f, UI_SP_L) / 2)), a, a.kind == ACT_BACK ? "back" : "home");
  ui_press_fill(f, r, r.h / 2, KS_CARD, pressed);
  float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2, s = (float)r.w / 5;
  float stroke = (float)sz(f, UI_STROKE);
  if (a.kind == ACT_BACK) {
    float arrow[6] = {cx + s * 0.4f, cy - s, cx - s * 0.6f, cy, cx + s * 0.4f, cy + s};
    ks_gfx_polyline(f->gfx, arrow, 3, stroke, KS_TEXT);
  } else {
    float roof[6] = {cx - s * 1.2f, cy, cx, cy - s * 1.1f, cx + s * 1.2f, cy};
    float walls[8] = {cx - s * 0.8f, cy - s * 0.3f, cx - s * 0.8f, cy + s,
                      cx + s * 0.8f, cy + s,        cx + s * 0.8f, cy - s * 0.3f};
    ks_gfx_polyline(f->gfx, roof, 3, stroke, KS_TEXT);
    ks_gfx_polyline(f->gfx, walls, 4, stroke, KS_TEXT);
  }
}

/* Lays out (and with `draw`, draws) the header. The title is fitted (ui_fit): one step smaller
 * before it wraps to a second line. Returns the y where the screen's content may start. */
int ui_header(const frame *f, const char *title, const char *subtitle, bool draw) {
  header_place p = place_header(f);
  const ks_textbox *box = ui_fit(f, title, UI_TYPE_TITLE, p.w, 2);
  if (draw) {
    if (f->ui->screen != KS_SCREEN_HOME) {
      draw_nav_button(f, p.back, (action){.kind = ACT_BACK});
      draw_nav_button(f, p.home, (action){.kind = ACT_HOME});
    }
    ui_draw_box(f, box, p.x, p.y, KS_TEXT);
  }
  int y = p.y + ks_textbox_height(box);
  if (subtitle) {
    /* Its parts, joined by "·", kept whole: "轻触地图" / "上的城市" is not a line break. */
    const ks_textbox *sub = ui_layout_parts(f, subtitle, UI_TYPE_BODY, p.w, 2);
    y += sz(f, UI_SP_XXS);
    if (draw)
      ui_draw_box(f, sub, p.x, y, KS_TEXT_DIM);
    y += ks_textbox_height(sub);
  }
  if (draw)
    draw_lang_toggle(f, p.toggle);
  int below = y + sz(f, UI_SP_3XL), least = sz(f, UI_HEADER_MIN_H);
  return below > least ? below : least;
}

int ui_draw_header(const frame *f, const char *title, const char *subtitle) {
  return ui_header(f, title, subtitle, true);
}

/* A code of the pack (a field, a province) by its name in the catalog, `prefix`.code; the code
 * itself when the catalog does not name it. */
static const char *name_of(const frame *f, const char *prefix, const char *code) {
  char key[64];
  if (!code)
    return "";
  if ((size_t)snprintf(key, sizeof key, "%s.%s", prefix, code) >= sizeof key)
    return code;
  const char *s = ui_say(f, key);
  return s == key ? code : s;
}

const char *ui_field_name(const frame *f, const char *field) { return name_of(f, "field", field); }

void ui_append_unbroken(char *out, size_t size, const char *s) {
  static const char joiner[] = "\xe2\x81\xa0"; /* U+2060 WORD JOINER: no break here */
  size_t n = strlen(out);
  const char *end = s + strlen(s);
  bool prev_cjk = false;
  while (s < end) {
    uint32_t cp;
    size_t len = ks_utf8_decode(s, (size_t)(end - s), &cp);
    if (len == 0)
      break;
    bool cjk = cp >= 0x2E80;
    size_t need = len + (prev_cjk && cjk ? 3 : 0);
    if (n + need + 1 > size)
      break;
    if (prev_cjk && cjk) {
      memcpy(out + n, joiner, 3);
      n += 3;
    }
    memcpy(out + n, s, len);
    n += len;
    s += len;
    prev_cjk = cjk;
  }
  out[n] = '\0';
}

/* The places of an exhibit: its place text, or the names of the cities it links to. */
void ui_year_of(const frame *f, const ks_exhibit *e, char *out, size_t size) {
  if (e->date_basis != KS_DATE_BASIS_REPORTED)
    snprintf(out, size, "%d", e->year);
  else
    ui_sayf(f, out, size, "year.reported", e->year);
}

void ui_place_of(const frame *f, const ks_exhibit *e, char *out, size_t size) {
  out[0] = '\0';
  if (*tr(f, &e->place)) {
    snprintf(out, size, "%s", tr(f, &e->place));
    return;
  }
  for (size_t i = 0; i < e->n_links; i++) {
    if (e->links[i].target_kind != KS_KIND_CITY && e->links[i].target_kind != KS_KIND_COUNT)
      continue; /* known not to be a city: not read */
    const ks_exhibit *t = ui_find(f->ui, e->links[i].target);
    if (!t || t->kind != KS_KIND_CITY)
      continue;
    size_t n = strlen(out);
    snprintf(out + n, size - n, "%s", n ? " · " : "");
    ui_append_unbroken(out, size, tr(f, &t->title)); /* a city's name is never split */
  }
}

/* A rounded label that may lead to another exhibit. Returns its width. */
/* A chip's parts are proportioned to its height, so its round ends stay clear of its dot and
 * text whatever the floor made of it: the dot's centre 3/7 of the height in, the text 11/14, and
 * 5/14 after the text. */
int ui_chip_width(const frame *f, const char *label) {
  return ks_face_measure(face(f, UI_TYPE_SMALL), label, strlen(label)) + sz(f, UI_CHIP) * 8 / 7;
}

int ui_chip(const frame *f, const char *label, int x, int y, ks_color accent, action a,
            bool selected) {
  ks_face *fc = face(f, UI_TYPE_SMALL);
  int w = ui_chip_width(f, label), h = sz(f, UI_CHIP);
  bool pressed = a.kind != ACT_NONE && ui_add_hit(f, (ks_rect){x, y, w, h}, a, label);
  ui_press_fill(f, (ks_rect){x, y, w, h}, h / 2, selected ? accent : KS_CARD, pressed);
  ks_gfx_fill_circle(f->gfx, (float)(x + h * 3 / 7), (float)y + (float)h / 2, (float)h / 8,
                     selected ? KS_ON_ACCENT : accent);
  int baseline = y + (h + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
  ui_draw_line(f, label, UI_TYPE_SMALL, x + h * 11 / 14, baseline,
               selected ? KS_ON_ACCENT : KS_TEXT);
  return w;
}

const char *ui_province_name(const frame *f, const char *province) {
  return name_of(f, "province", province);
}

/* Paragraphs of a body, a gap between them. Returns the height. */
int ui_paragraphs(const frame *f, const char *body, int x, int y, int w, ks_color c) {
  int h = 0;
  for (const char *p = body; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    char *para = ks_xmalloc(n + 1);
    memcpy(para, p, n);
    para[n] = '\0';
    h += ui_text(f, para, UI_TYPE_BODY, x, y + h, w, 0, c) + sz(f, UI_SP_ML);
    free(para);
    p = nl ? nl + 1 : p + n;
  }
  return h;
}

/* A chip that leads to another exhibit: unlike a filter chip (filled, a dot before its label)
 * and unlike a plain list of places (text alone), an outline in the exhibit's colour with a
 * chevron after the label. Returns its width. */
static int link_chip_width(const frame *f, const char *label) {
  return ui_chip_width(f, label) + sz(f, UI_CHIP) / 4;
}

static int link_chip(const frame *f, const char *label, int x, int y, ks_color accent, action a) {
  ks_face *fc = face(f, UI_TYPE_SMALL);
  int w = link_chip_width(f, label), h = sz(f, UI_CHIP), rim = sz(f, UI_STROKE) / 2 + 1;
  ks_rect r = {x, y, w, h};
  bool pressed = ui_add_hit(f, r, a, label);
  ks_gfx_fill_round_rect(f->gfx, r, h / 2, accent);
  ui_press_fill(f, ui_inset(r, rim), h / 2 - rim, KS_BG, pressed);
  int baseline = y + (h + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
  ui_draw_line(f, label, UI_TYPE_SMALL, x + h * 5 / 14, baseline, KS_TEXT);
  float s = (float)h / 8;
  ui_chevron(f, (float)(x + w) - (float)h * 5 / 14 - s / 2, (float)y + (float)h / 2, s, 1, accent);
  return w;
}

static int by_id(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The exhibits an exhibit links to, and those that link to it, as chips in id order (the
 * content's). Only those are read (the store knows the links from the other end). Returns the
 * height. */
int ui_links(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  int cx = x, cy = y, row = sz(f, UI_CHIP) + sz(f, UI_SP_M);
  bool any = false;
  const char *const *from;
  size_t n_from = ks_store_linked_from(f->ui->store, e->id, &from);
  const char **linked = ks_xcalloc(e->n_links + n_from + 1, sizeof *linked);
  size_t n = 0;
  for (size_t k = 0; k < e->n_links; k++)
    if (e->links[k].target) /* none in a damaged pack */
      linked[n++] = e->links[k].target;
  if (n_from)
    memcpy(linked + n, from, n_from * sizeof *from);
  n += n_from;
  qsort(linked, n, sizeof *linked, by_id);
  for (size_t i = 0; i < n; i++) {
    ui_visit(f->ui, 1);
    if (strcmp(linked[i], e->id) == 0 || (i > 0 && strcmp(linked[i - 1], linked[i]) == 0))
      continue; /* itself, or linked both ways (or twice) */
    const ks_exhibit *o = ui_find(f->ui, linked[i]);
    if (!o || o->kind >= KS_KIND_COUNT)
      continue; /* not shown, or a kind no screen shows (a damaged pack) */
    ks_color accent = *ui_kinds[o->kind].accent;
    action a = {ACT_GO, ui_kinds[o->kind].screen, o->id};
    const char *label = tr(f, &o->title);
    int cw = link_chip_width(f, label);
    if (cx > x && cx + cw > x + w)
      cx = x, cy += row;
    cx += link_chip(f, label, cx, cy, accent, a) + sz(f, UI_SP_M);
    any = true;
  }
  free(linked);
  return any ? cy + row - y : 0;
}

/* A date as precise as it was recorded: 2022年8月27日 / 27 August 2022, 2022年8月 / August 2022.
 * A date that is not a real one (a damaged pack) is shown as it is written. */
/* A date as the UI's language writes it, with its year or (`with_year` false, under a mark that
 * says it) without; an unreal one as written. */
static void format_date(const frame *f, const char *date, bool with_year, char *out, size_t size) {
  ks_date parsed;
  char why[96];
  if (!date || !ks_date_parse(date, &parsed, why, sizeof why)) {
    snprintf(out, size, "%s", ui_str(date));
    return;
  }
  int y = parsed.year, m = parsed.month, d = parsed.day; /* 1…12 and 1…31 when not 0 */
  char month[16];
  snprintf(month, sizeof month, "month.%d", m);
  if (d && m && with_year)
    ui_sayf(f, out, size, "date.day", y, ui_say(f, month), d);
  else if (d && m)
    ui_sayf(f, out, size, "date.month_day", ui_say(f, month), d);
  else if (m && with_year)
    ui_sayf(f, out, size, "date.month", y, ui_say(f, month));
  else if (m)
    snprintf(out, size, "%s", ui_say(f, month));
  else if (with_year)
    ui_sayf(f, out, size, "date.year", y);
  else if (size)
    out[0] = '\0';
}

void ui_format_date(const frame *f, const char *date, char *out, size_t size) {
  format_date(f, date, true, out, size);
}

void ui_date_in_year(const frame *f, const char *date, char *out, size_t size) {
  format_date(f, date, false, out, size);
}

size_t ui_cited_count(const ks_exhibit *e) { return e->n_citations + e->n_values; }

const ks_source *ui_cited_source(const frame *f, const ks_exhibit *e, size_t i) {
#define SOURCE_AT(i)                                                                               \
  ((i) < e->n_citations ? e->citations[(i)].source : e->values[(i)-e->n_citations].source)
  for (size_t k = 0; k < i; k++)
    if (ui_same_id(SOURCE_AT(k), SOURCE_AT(i)))
      return NULL;
  return ks_content_find_source(f->ui->content, SOURCE_AT(i));
#undef SOURCE_AT
}

/* Where a detail screen's sources and links go: shared by achievements and events. */
int ui_sources(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  int h = 0;
  for (size_t i = 0, n = ui_cited_count(e); i < n; i++) {
    const ks_source *src = ui_cited_source(f, e, i);
    if (!src)
      continue;
    char line[512];
    const char *title = ks_text_in(&src->title_tr, f->ui->lang, -1, NULL);
    title = title ? title : src->title; /* the article's own where it is not translated */
    ui_sayf(f, line, sizeof line, "source", ui_str(title), ui_str(src->published));
    h += ui_text(f, line, UI_TYPE_SMALL, x, y + h, w, 2, KS_TEXT_DIM) + sz(f, UI_SP_XS);
  }
  return h;
}

void ui_image(const frame *f, const ks_image *image, ks_rect r) {
  f->ui->pictures++;
  SDL_Texture *tex = NULL;
  ks_image_state state =
      ks_images_get(ks_gfx_images(f->gfx), image->data, image->size, r.w, r.h, &tex);
  if (state == KS_IMAGE_READY && tex) {
    ks_gfx_texture(f->gfx, tex, r);
    return;
  }
  /* The placeholder: a panel with a drawn picture — hills and a sun — and a word on why. */
  ks_gfx_fill_round_rect(f->gfx, r, sz(f, UI_SP_M), KS_CARD_PRESSED);
  float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2,
        s = (float)sz(f, UI_SP_XXL);
  float hills[10] = {cx - 1.6f * s, cy + s,        cx - 0.5f * s, cy - 0.2f * s, cx + 0.2f * s,
                     cy + 0.5f * s, cx + 0.8f * s, cy - 0.1f * s, cx + 1.6f * s, cy + s};
  ks_gfx_polyline(f->gfx, hills, 5, (float)sz(f, UI_STROKE), KS_TEXT_DIM);
  ks_gfx_fill_circle(f->gfx, cx + 0.9f * s, cy - 0.9f * s, 0.3f * s, KS_TEXT_DIM);
  const char *why = ui_say(f, state == KS_IMAGE_BROKEN ? "image.broken" : "image.loading");
  int line = ui_line_height(f, UI_TYPE_SMALL), pad = sz(f, UI_SP_L);
  if (r.h > 4 * line) /* room for the word under the picture */
    ui_text(f, why, UI_TYPE_SMALL, r.x + pad, r.y + r.h - pad - line, r.w - 2 * pad, 1,
            KS_TEXT_DIM);
}

/* The curators' notice: a card along the bottom edge with its text, a progress bar while an
 * install runs, and its buttons on the right. Drawn last, so its buttons are on top. */
void ui_notice(const frame *f) {
  const ks_ui *ui = f->ui;
  static const struct {
    unsigned button;
    const char *key;
  } buttons[] = {{KS_NOTICE_INSTALL, "notice.install"},
                 {KS_NOTICE_EXPORT, "notice.export"},
                 {KS_NOTICE_DISMISS, "notice.close"}};
  int margin = sz(f, UI_MARGIN), pad = sz(f, UI_SP_LX), chip_h = sz(f, UI_CHIP);
  int buttons_w = 0;
  for (size_t i = 0; i < sizeof buttons / sizeof *buttons; i++)
    if (ui->notice.buttons & buttons[i].button)
      buttons_w += ui_chip_width(f, ui_say(f, buttons[i].key)) + sz(f, UI_SP_M);
  ks_rect card = {margin, 0, f->w - 2 * margin, 0};
  int text_w = card.w - 2 * pad - buttons_w;
  const char *text = ui->notice.text[ui->lang] ? ui->notice.text[ui->lang] : "";
  const ks_textbox *box = ui_layout(f, text, UI_TYPE_BODY, text_w, 3);
  int bar_h = ui->notice.progress >= 0 ? sz(f, UI_BAR) : 0;
  int content_h = ks_textbox_height(box) + (bar_h ? sz(f, UI_SP_ML) + bar_h : 0);
  card.h = (content_h > chip_h ? content_h : chip_h) + 2 * pad;
  card.y = f->h - margin / 2 - card.h;
  /* A gold edge sets it apart from the exhibit's own cards. */
  ks_gfx_fill_round_rect(f->gfx, card, sz(f, UI_RADIUS) + sz(f, UI_SP_XXS), KS_GOLD);
  ks_rect inner = {card.x + sz(f, UI_SP_XXS), card.y + sz(f, UI_SP_XXS), card.w - sz(f, UI_SP_XS),
                   card.h - sz(f, UI_SP_XS)};
  ks_gfx_fill_round_rect(f->gfx, inner, sz(f, UI_RADIUS), KS_CARD);
  ui_add_hit(f, card, (action){0},
             "notice"); /* touches on the card do not reach the exhibit under it */
  int y = card.y + pad;
  ui_draw_box(f, box, card.x + pad, y, KS_TEXT);
  if (bar_h) {
    int by = y + ks_textbox_height(box) + sz(f, UI_SP_ML);
    float p = ui->notice.progress > 1 ? 1 : ui->notice.progress;
    ks_gfx_fill_round_rect(f->gfx, (ks_rect){card.x + pad, by, text_w, bar_h}, bar_h / 2, KS_BG);
    int done = (int)((float)text_w * p);
    if (done > bar_h)
      ks_gfx_fill_round_rect(f->gfx, (ks_rect){card.x + pad, by, done, bar_h}, bar_h / 2, KS_GOLD);
  }
  int x = card.x + card.w - pad - buttons_w + sz(f, UI_SP_M), cy = card.y + (card.h - chip_h) / 2;
  for (size_t i = 0; i < sizeof buttons / sizeof *buttons; i++)
    if (ui->notice.buttons & buttons[i].button) {
      const char *label = ui_say(f, buttons[i].key);
      action a = {.kind = ACT_NOTICE, .screen = (ks_screen_id)buttons[i].button};
      x += ui_chip(f, label, x, cy, KS_GOLD, a, buttons[i].button == KS_NOTICE_INSTALL) +
           sz(f, UI_SP_M);
    }
}

void ui_idle_ask(const frame *f, int seconds) {
  /* Over the whole screen: a touch anywhere answers it (the navigator), and none reaches what
   * is under it. */
  ui_add_hit(f, (ks_rect){0, 0, f->w, f->h}, (action){0}, "idle");
  int pad = sz(f, UI_SP_3XL), margin = sz(f, UI_MARGIN);
  int w = f->w - 2 * margin, most = ui_mm(f, 140.0f);
  w = w < most ? w : most;
  int inner = w - 2 * pad;
  /* The question in the language shown, then in the others, small: whoever is there reads it. */
  const ks_textbox *ask = ui_layout(f, ui_say(f, "idle.ask"), UI_TYPE_HERO, inner, 2);
  const char *others[4] = {0};
  size_t n_others = 0;
  for (ks_lang l = 0; l < f->ui->content->meta.n_languages && n_others < 4; l++)
    if (l != f->ui->lang)
      others[n_others++] = ks_strings_say(ks_content_lang_tag(f->ui->content, l), "idle.ask",
                                          f->ui->content->meta.default_lang);
  char count[16], left[96];
  snprintf(count, sizeof count, "%d", seconds);
  ui_sayf(f, left, sizeof left, "idle.left", seconds);
  const ks_textbox *touch = ui_layout(f, ui_say(f, "idle.touch"), UI_TYPE_BODY, inner, 2);
  int small = ui_line_height(f, UI_TYPE_SMALL), big = ui_line_height(f, UI_TYPE_DISPLAY);
  int h = 2 * pad + ks_textbox_height(ask) + (int)n_others * small + sz(f, UI_SP_L) + big +
          sz(f, UI_SP_L) + ks_textbox_height(touch) + small;
  ks_rect card = {(f->w - w) / 2, (f->h - h) / 2, w, h};
  ks_gfx_fill_round_rect(f->gfx, ui_inset(card, -sz(f, UI_SP_XS)), sz(f, UI_RADIUS) * 2, KS_BG);
  ks_gfx_fill_round_rect(f->gfx, card, sz(f, UI_RADIUS), KS_GOLD);
  ks_gfx_fill_round_rect(f->gfx, ui_inset(card, sz(f, UI_STROKE)), sz(f, UI_RADIUS), KS_CARD);
  /* Each line centred on the card. */
  int mid = card.x + card.w / 2, y = card.y + pad;
  ui_draw_box(f, ask, mid - ask->width / 2, y, KS_TEXT);
  y += ks_textbox_height(ask);
  for (size_t i = 0; i < n_others; i++, y += small) {
    int ow = ui_text_width(f, ui_str(others[i]), UI_TYPE_SMALL);
    ui_text(f, ui_str(others[i]), UI_TYPE_SMALL, mid - ow / 2, y, ow + 1, 1, KS_TEXT_DIM);
  }
  y += sz(f, UI_SP_L);
  int cw = ui_text_width(f, count, UI_TYPE_DISPLAY);
  ui_text(f, count, UI_TYPE_DISPLAY, mid - cw / 2, y, cw + 1, 1, KS_GOLD);
  y += big + sz(f, UI_SP_L);
  ui_draw_box(f, touch, mid - touch->width / 2, y, KS_TEXT);
  y += ks_textbox_height(touch);
  int lw = ui_text_width(f, left, UI_TYPE_SMALL);
  ui_text(f, left, UI_TYPE_SMALL, mid - lw / 2, y, lw + 1, 1, KS_TEXT_DIM);
}

int ui_text_width(const frame *f, const char *s, ui_size size) {
  return ui_layout(f, s, size, f->w, 1)->width;
}
