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
  const char *s = ks_strings_get(lang_code(f), key);
  if (!s)
    s = ks_strings_get(f->ui->content->meta.default_lang, key);
  if (!s)
    s = ks_strings_get("zh", key);
  return s ? s : key;
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

/* Makes `r` answer touches with `a`. Returns whether the finger is on it now. */
bool ui_add_hit(const frame *f, ks_rect r, action a) {
  ks_ui *ui = f->ui;
  if (ui->n_hits < MAX_HITS)
    ui->hits[ui->n_hits++] = (hit){r, a};
  return ui_same_action(ui->pressed, a);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  for (const unsigned char *c = p; n--; c++)
    h = (h ^ *c) * 1099511628211ull;
  return h;
}

void ui_texts_clear(ks_ui *ui) {
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

static const ks_textbox *layout(const frame *f, const char *s, int size, int max_w,
                                size_t max_lines, bool parts) {
  ks_ui *ui = f->ui;
  if (!ui->texts)
    ui->texts = ks_xcalloc(TEXT_CACHE, sizeof(text_entry));
  size_t len = strlen(s);
  uint64_t h = fnv(14695981039346656037ull, s, len);
  h = fnv(h, &size, sizeof size);
  h = fnv(h, &max_w, sizeof max_w);
  h = fnv(h, &max_lines, sizeof max_lines);
  h = fnv(h, &ui->lang, sizeof ui->lang);
  h = fnv(h, &parts, sizeof parts);
  h |= 1; /* never 0, which marks a free slot */
  for (size_t i = h % TEXT_CACHE;; i = (i + 1) % TEXT_CACHE) {
    text_entry *t = &ui->texts[i];
    if (t->hash == h && t->size == size && t->max_w == max_w && t->max_lines == max_lines &&
        t->lang == ui->lang && t->parts == parts && strcmp(t->text, s) == 0)
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
                    .lang = ui->lang,
                    .parts = parts,
                    .text = ks_xstrdup(s)};
  ui->n_texts++;
  ks_face *fc = face(f, size);
  if (fc) {
    if (parts) {
      char *out = ks_xmalloc(len + 1);
      if (ks_text_break_between(s, "\xc2\xb7", max_w, measure_with, fc, out, len + 1) == out)
        t->shown = out;
      else
        free(out);
    }
    ks_textbox_layout(&t->box, fc, t->shown ? t->shown : t->text, max_w, max_lines,
                      ui->lang == KS_LANG_EN ? 0.3f : 0.5f, lang_code(f));
    ks_textbox_keep(&t->box);
  }
  return &t->box;
}

const ks_textbox *ui_layout(const frame *f, const char *s, int size, int max_w, size_t max_lines) {
  return layout(f, s, size, max_w, max_lines, false);
}

const ks_textbox *ui_layout_parts(const frame *f, const char *s, int size, int max_w,
                                  size_t max_lines) {
  return layout(f, s, size, max_w, max_lines, true);
}

int ui_text(const frame *f, const char *s, int size, int x, int y, int max_w, size_t max_lines,
            ks_color color) {
  if (!s || !face(f, size))
    return 0;
  const ks_textbox *box = ui_layout(f, s, size, max_w, max_lines);
  ks_textbox_draw(box, f->gfx, x, y, color);
  return ks_textbox_height(box);
}

/* The language toggle, always in the top right corner. */
static void draw_lang_toggle(const frame *f) {
  int h = u(f, 72), w = u(f, 300), right = f->w - u(f, KS_MARGIN), top = u(f, 48);
  ks_rect pill = {right - w, top, w, h};
  bool pressed = ui_add_hit(f, (ks_rect){pill.x - u(f, 16), 0, w + u(f, 32), top + h + u(f, 16)},
                            (action){.kind = ACT_LANG});
  ks_gfx_fill_round_rect(f->gfx, pill, h / 2, pressed ? KS_CARD_PRESSED : KS_CARD);
  ks_rect on = {f->ui->lang == KS_LANG_ZH ? pill.x : pill.x + w / 2, top, w / 2, h};
  ks_gfx_fill_round_rect(f->gfx, on, h / 2, KS_GOLD);
  ks_face *fc = face(f, KS_TYPE_SMALL);
  const char *labels[2] = {ks_strings_get("zh", "lang.name"), ks_strings_get("en", "lang.name")};
  for (int i = 0; i < 2; i++) {
    int tw = ks_face_measure(fc, labels[i], strlen(labels[i]));
    int cx = pill.x + w / 4 + i * (w / 2);
    bool active = (i == 0) == (f->ui->lang == KS_LANG_ZH);
    int baseline = top + (h + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
    ks_gfx_text(f->gfx, fc, labels[i], strlen(labels[i]), cx - tw / 2, baseline,
                active ? KS_ON_ACCENT : KS_TEXT);
  }
}

/* A round button with a drawn arrow (back) or house (home), `size` pixels square. */
static void draw_nav_button(const frame *f, ks_rect r, action a) {
  bool pressed =
      ui_add_hit(f, (ks_rect){r.x - u(f, 12), r.y - u(f, 12), r.w + u(f, 24), r.h + u(f, 24)}, a);
  ks_gfx_fill_circle(f->gfx, (float)r.x + (float)r.w / 2, (float)r.y + (float)r.h / 2,
                     (float)r.w / 2, pressed ? KS_CARD_PRESSED : KS_CARD);
  float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2, s = (float)r.w / 5;
  float stroke = (float)u(f, 5);
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

/* Where the header's text starts (x, y) and how wide it may be. Beside back and home and the
 * language toggle when there is room for it; on a narrow (portrait) display, where that would
 * leave a title a third of the width and cut it, below them across the whole width. */
static void header_box(const frame *f, int *x, int *y, int *max_w) {
  *x = u(f, KS_MARGIN);
  *y = u(f, 40);
  *max_w = f->w - *x - u(f, 300 + KS_MARGIN + KS_GAP);
  if (f->ui->screen == KS_SCREEN_HOME)
    return;
  int nav = 2 * u(f, 80) + u(f, 24 + KS_GAP); /* room for back and home */
  if (*max_w - nav >= f->w / 2) {
    *x += nav;
    *max_w -= nav;
  } else {
    *y += u(f, 80 + 24);
    *max_w = f->w - 2 * u(f, KS_MARGIN);
  }
}

/* Lays out (and with `draw`, draws) the header: title and subtitle in the top left, back and
 * home before them on every screen but home, the language toggle in the top right. Returns the
 * y where the screen's content may start. */
int ui_header(const frame *f, const char *title, const char *subtitle, bool draw) {
  int x, y, max_w;
  header_box(f, &x, &y, &max_w);
  const ks_textbox *box = ui_layout(f, title, KS_TYPE_TITLE, max_w, 2);
  if (draw) {
    if (f->ui->screen != KS_SCREEN_HOME) {
      int b = u(f, 80), bx = u(f, KS_MARGIN), by = u(f, 40);
      draw_nav_button(f, (ks_rect){bx, by, b, b}, (action){.kind = ACT_BACK});
      draw_nav_button(f, (ks_rect){bx + b + u(f, 24), by, b, b}, (action){.kind = ACT_HOME});
    }
    ks_textbox_draw(box, f->gfx, x, y, KS_TEXT);
  }
  y += ks_textbox_height(box);
  if (subtitle) {
    /* Its parts, joined by "·", kept whole: "轻触地图" / "上的城市" is not a line break. */
    const ks_textbox *sub = ui_layout_parts(f, subtitle, KS_TYPE_BODY, max_w, 2);
    y += u(f, 4);
    if (draw)
      ks_textbox_draw(sub, f->gfx, x, y, KS_TEXT_DIM);
    y += ks_textbox_height(sub);
  }
  if (draw)
    draw_lang_toggle(f);
  int below = y + u(f, 48);
  return below > u(f, 220) ? below : u(f, 220);
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
  if (e->place.s[KS_LANG_ZH]) {
    snprintf(out, size, "%s", tr(f, &e->place));
    return;
  }
  for (size_t i = 0; i < e->n_links; i++) {
    const ks_exhibit *t = ks_content_find(f->ui->content, e->links[i].target);
    if (!t || t->kind != KS_KIND_CITY)
      continue;
    size_t n = strlen(out);
    snprintf(out + n, size - n, "%s", n ? " · " : "");
    ui_append_unbroken(out, size, tr(f, &t->title)); /* a city's name is never split */
  }
}

/* A rounded label that may lead to another exhibit. Returns its width. */
int ui_chip_width(const frame *f, const char *label) {
  return ks_face_measure(face(f, KS_TYPE_SMALL), label, strlen(label)) + u(f, 64);
}

int ui_chip(const frame *f, const char *label, int x, int y, ks_color accent, action a,
            bool selected) {
  ks_face *fc = face(f, KS_TYPE_SMALL);
  int w = ui_chip_width(f, label), h = u(f, 56);
  bool pressed = a.kind != ACT_NONE && ui_add_hit(f, (ks_rect){x, y, w, h}, a);
  ks_color fill = selected ? accent : pressed ? KS_CARD_PRESSED : KS_CARD;
  ks_gfx_fill_round_rect(f->gfx, (ks_rect){x, y, w, h}, h / 2, fill);
  ks_gfx_fill_circle(f->gfx, (float)(x + u(f, 24)), (float)y + (float)h / 2, (float)u(f, 7),
                     selected ? KS_ON_ACCENT : accent);
  int baseline = y + (h + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
  ks_gfx_text(f->gfx, fc, label, strlen(label), x + u(f, 44), baseline,
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
    h += ui_text(f, para, KS_TYPE_BODY, x, y + h, w, 0, c) + u(f, 20);
    free(para);
    p = nl ? nl + 1 : p + n;
  }
  return h;
}

/* The exhibits an exhibit links to, and those that link to it, as chips. Returns the height. */
int ui_links(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  const ks_content *c = f->ui->content;
  int cx = x, cy = y, row = u(f, 56) + u(f, 16);
  bool any = false;
  for (size_t i = 0; i < c->n_exhibits; i++) {
    const ks_exhibit *o = &c->exhibits[i];
    bool linked = false;
    for (size_t k = 0; k < e->n_links && !linked; k++)
      linked = ui_same_id(e->links[k].target, o->id);
    for (size_t k = 0; k < o->n_links && !linked; k++)
      linked = ui_same_id(o->links[k].target, e->id);
    if (!linked || o == e)
      continue;
    if (o->kind >= KS_KIND_COUNT)
      continue; /* a kind no screen shows (a damaged pack) */
    ks_color accent = *ui_kinds[o->kind].accent;
    action a = {ACT_GO, ui_kinds[o->kind].screen, o->id};
    ks_face *fc = face(f, KS_TYPE_SMALL);
    const char *label = tr(f, &o->title);
    int cw = ks_face_measure(fc, label, strlen(label)) + u(f, 64);
    if (cx > x && cx + cw > x + w)
      cx = x, cy += row;
    cx += ui_chip(f, label, cx, cy, accent, a, false) + u(f, 16);
    any = true;
  }
  return any ? cy + row - y : 0;
}

/* A date as precise as it was recorded: 2022年8月27日 / 27 August 2022, 2022年8月 / August 2022.
 * A date that is not a real one (a damaged pack) is shown as it is written. */
void ui_format_date(const frame *f, const char *date, char *out, size_t size) {
  ks_date parsed;
  char why[96];
  if (!date || !ks_date_parse(date, &parsed, why, sizeof why)) {
    snprintf(out, size, "%s", ui_str(date));
    return;
  }
  int y = parsed.year, m = parsed.month, d = parsed.day; /* 1…12 and 1…31 when not 0 */
  char month[16];
  snprintf(month, sizeof month, "month.%d", m);
  if (d && m)
    ui_sayf(f, out, size, "date.day", y, ui_say(f, month), d);
  else if (m)
    ui_sayf(f, out, size, "date.month", y, ui_say(f, month));
  else
    ui_sayf(f, out, size, "date.year", y);
}

/* Where a detail screen's sources and links go: shared by achievements and events. */
int ui_sources(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  int h = 0;
  for (size_t i = 0; i < e->n_citations; i++) {
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++)
      seen = ui_same_id(e->citations[k].source, e->citations[i].source);
    const ks_source *src =
        seen ? NULL : ks_content_find_source(f->ui->content, e->citations[i].source);
    if (!src)
      continue;
    char line[512];
    const char *title = f->ui->lang == KS_LANG_EN && src->title_en ? src->title_en : src->title;
    ui_sayf(f, line, sizeof line, "source", ui_str(title), ui_str(src->published));
    h += ui_text(f, line, KS_TYPE_SMALL, x, y + h, w, 2, KS_TEXT_DIM) + u(f, 8);
  }
  return h;
}

void ui_image(const frame *f, const ks_image *image, ks_rect r) {
  SDL_Texture *tex = NULL;
  ks_image_state state =
      ks_images_get(ks_gfx_images(f->gfx), image->data, image->size, r.w, r.h, &tex);
  if (state == KS_IMAGE_READY && tex) {
    ks_gfx_texture(f->gfx, tex, r);
    return;
  }
  /* The placeholder: a panel with a drawn picture — hills and a sun — and a word on why. */
  ks_gfx_fill_round_rect(f->gfx, r, u(f, 16), KS_CARD_PRESSED);
  float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2, s = (float)u(f, 40);
  float hills[10] = {cx - 1.6f * s, cy + s,        cx - 0.5f * s, cy - 0.2f * s, cx + 0.2f * s,
                     cy + 0.5f * s, cx + 0.8f * s, cy - 0.1f * s, cx + 1.6f * s, cy + s};
  ks_gfx_polyline(f->gfx, hills, 5, (float)u(f, 5), KS_TEXT_DIM);
  ks_gfx_fill_circle(f->gfx, cx + 0.9f * s, cy - 0.9f * s, 0.3f * s, KS_TEXT_DIM);
  const char *why = ui_say(f, state == KS_IMAGE_BROKEN ? "image.broken" : "image.loading");
  if (r.h > u(f, 180))
    ui_text(f, why, KS_TYPE_SMALL, r.x + u(f, 24), r.y + r.h - u(f, 56), r.w - u(f, 48), 1,
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
  int margin = u(f, KS_MARGIN), pad = u(f, 28), chip_h = u(f, 56);
  int buttons_w = 0;
  for (size_t i = 0; i < sizeof buttons / sizeof *buttons; i++)
    if (ui->notice.buttons & buttons[i].button)
      buttons_w += ui_chip_width(f, ui_say(f, buttons[i].key)) + u(f, 16);
  ks_rect card = {margin, 0, f->w - 2 * margin, 0};
  int text_w = card.w - 2 * pad - buttons_w;
  const char *text = ui->notice.text[ui->lang] ? ui->notice.text[ui->lang] : "";
  const ks_textbox *box = ui_layout(f, text, KS_TYPE_BODY, text_w, 3);
  int bar_h = ui->notice.progress >= 0 ? u(f, 14) : 0;
  int content_h = ks_textbox_height(box) + (bar_h ? u(f, 20) + bar_h : 0);
  card.h = (content_h > chip_h ? content_h : chip_h) + 2 * pad;
  card.y = f->h - margin / 2 - card.h;
  /* A gold edge sets it apart from the exhibit's own cards. */
  ks_gfx_fill_round_rect(f->gfx, card, u(f, KS_RADIUS + 4), KS_GOLD);
  ks_rect inner = {card.x + u(f, 4), card.y + u(f, 4), card.w - u(f, 8), card.h - u(f, 8)};
  ks_gfx_fill_round_rect(f->gfx, inner, u(f, KS_RADIUS), KS_CARD);
  ui_add_hit(f, card, (action){0}); /* touches on the card do not reach the exhibit under it */
  int y = card.y + pad;
  ks_textbox_draw(box, f->gfx, card.x + pad, y, KS_TEXT);
  if (bar_h) {
    int by = y + ks_textbox_height(box) + u(f, 20);
    float p = ui->notice.progress > 1 ? 1 : ui->notice.progress;
    ks_gfx_fill_round_rect(f->gfx, (ks_rect){card.x + pad, by, text_w, bar_h}, bar_h / 2, KS_BG);
    int done = (int)((float)text_w * p);
    if (done > bar_h)
      ks_gfx_fill_round_rect(f->gfx, (ks_rect){card.x + pad, by, done, bar_h}, bar_h / 2, KS_GOLD);
  }
  int x = card.x + card.w - pad - buttons_w + u(f, 16), cy = card.y + (card.h - chip_h) / 2;
  for (size_t i = 0; i < sizeof buttons / sizeof *buttons; i++)
    if (ui->notice.buttons & buttons[i].button) {
      const char *label = ui_say(f, buttons[i].key);
      action a = {.kind = ACT_NOTICE, .screen = (ks_screen_id)buttons[i].button};
      x += ui_chip(f, label, x, cy, KS_GOLD, a, buttons[i].button == KS_NOTICE_INSTALL) + u(f, 16);
    }
}

static float year_x(float x0, float pitch, int years_after_first) {
  return x0 + pitch * (float)years_after_first;
}

int ui_text_width(const frame *f, const char *s, int size) {
  return ui_layout(f, s, size, f->w, 1)->width;
}

void ui_year_strip(const frame *f, ks_rect a, ks_color accent, int from, int to, bool seek) {
  const ks_ui *ui = f->ui;
  int first = ui->idx.first_year, last = ui->idx.last_year, most = ui->idx.year_most;
  if (!first || last <= first || last - first >= KS_MAX_YEARS)
    return;
  const int *count = ui->idx.year_count;
  float x0 = (float)a.x + (float)u(f, 10), x1 = (float)(a.x + a.w) - (float)u(f, 10);
  float y = (float)(a.y + a.h - u(f, 56)); /* the axis, at the bottom; years under it */
  float room = y - (float)a.y - (float)u(f, 10);
  float step = fminf((float)u(f, 22), room / (float)most), r = fminf((float)u(f, 8), step / 2);
  float pitch = (x1 - x0) / (float)(last - first);
  if (seek && from && to >= from) { /* the years in view, behind the dots */
    float l = year_x(x0, pitch, from - first) - pitch / 2,
          rr = year_x(x0, pitch, to - first) + pitch / 2;
    ks_gfx_fill_round_rect(f->gfx, (ks_rect){(int)l, a.y, (int)(rr - l), a.h}, u(f, 12),
                           KS_CARD_PRESSED);
  }
  float axis[4] = {x0, y, x1, y};
  ks_gfx_polyline(f->gfx, axis, 2, (float)u(f, 3), KS_TEXT_DIM);
  for (int k = 0; k <= last - first; k++) {
    if (r >= (float)u(f, 5)) {
      for (int n = 0; n < count[k]; n++)
        ks_gfx_fill_circle(f->gfx, year_x(x0, pitch, k), y - step * (float)n, r, accent);
    } else if (count[k]) { /* too many to stack as dots: a bar as tall as the stack would be */
      int bw = (int)fminf((float)u(f, 12), pitch * 0.6f),
          bh = (int)(room * (float)count[k] / (float)most);
      bh = bh > bw ? bh : bw;
      ks_gfx_fill_round_rect(
          f->gfx, (ks_rect){(int)year_x(x0, pitch, k) - bw / 2, (int)y - bh, bw, bh + bw / 2},
          bw / 2, accent);
    }
  }
  /* With `seek`, the whole strip answers a tap: each year with events takes the columns from
   * halfway to the year with events before it to halfway to the one after, so a finger between
   * two years goes to the nearer. */
  for (int k = 0, prev = -1; seek && k <= last - first; k++) {
    if (!count[k])
      continue;
    int next = k + 1;
    while (next <= last - first && !count[next])
      next++;
    float l = prev < 0 ? (float)a.x : year_x(x0, pitch, prev) + pitch * (float)(k - prev) / 2;
    float rr = next > last - first ? (float)(a.x + a.w)
                                   : year_x(x0, pitch, k) + pitch * (float)(next - k) / 2;
    ui_add_hit(f, (ks_rect){(int)l, a.y, (int)(rr - l) + 1, a.h},
               (action){.kind = ACT_SEEK, .exhibit = ui->idx.events[ui->idx.year_first[k]]->id});
    prev = k;
  }
  /* Year names: the first and last, and with `seek` every fifth between where there is room. */
  char label[16];
  int gap = u(f, 24), left_end = a.x - gap, right_start;
  snprintf(label, sizeof label, "%d", last);
  int lw = ui_text_width(f, label, KS_TYPE_SMALL);
  right_start = a.x + a.w - lw;
  ui_text(f, label, KS_TYPE_SMALL, right_start, (int)y + u(f, 12), lw + 1, 1, KS_TEXT_DIM);
  for (int year = first; year < last; year++) {
    if (year != first && (!seek || year % 5 != 0))
      continue;
    snprintf(label, sizeof label, "%d", year);
    int w = ui_text_width(f, label, KS_TYPE_SMALL);
    int x = year == first ? a.x : (int)year_x(x0, pitch, year - first) - w / 2;
    if (x < left_end + gap || x + w > right_start - gap)
      continue;
    ui_text(f, label, KS_TYPE_SMALL, x, (int)y + u(f, 12), w + 1, 1, KS_TEXT_DIM);
    left_end = x + w;
  }
}
