#include "kiosk/ui.h"

#include "kiosk/mem.h"
#include "kiosk/scroller.h"
#include "kiosk/textbox.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_HITS = 128, MAX_HISTORY = 16 };

/* What touching a region does. */
typedef enum { ACT_NONE, ACT_GO, ACT_BACK, ACT_HOME, ACT_LANG } action_kind;

typedef struct {
  action_kind kind;
  ks_screen_id screen; /* ACT_GO */
  const char *exhibit; /* ACT_GO to a detail screen; owned by the content */
} action;

/* A region of the last frame that answers touches. */
typedef struct {
  ks_rect rect;
  action act;
} hit;

struct ks_ui {
  const ks_content *content;
  ks_fonts *fonts;
  ks_lang lang;
  ks_screen_id screen;
  const ks_exhibit *exhibit; /* shown by a detail screen */
  struct {
    ks_screen_id screen;
    const ks_exhibit *exhibit;
  } history[MAX_HISTORY]; /* the screens Back returns to */
  int depth;
  hit hits[MAX_HITS]; /* rebuilt by every draw */
  int n_hits;
  action pressed;     /* what the finger is on, drawn highlighted */
  float short_side;   /* pixels of the screen's short side at the last draw */
  ks_scroller scroll; /* the current screen's list */
  bool dragging;
  /* Achievements in gallery order: newest first, then by id. */
  const ks_exhibit **achievements;
  size_t n_achievements;
  int first_year, last_year; /* span of the timeline */
};

static const char *const screen_names[KS_SCREEN_COUNT] = {"home", "achievements", "achievement"};

bool ks_screen_parse(const char *name, ks_screen_id *screen) {
  for (int i = 0; i < KS_SCREEN_COUNT; i++)
    if (strcmp(name, screen_names[i]) == 0) {
      *screen = (ks_screen_id)i;
      return true;
    }
  return false;
}

static int by_year_desc(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  if (x->year != y->year)
    return y->year - x->year;
  return strcmp(x->id, y->id);
}

ks_ui *ks_ui_create(const ks_content *content, ks_fonts *fonts, ks_lang lang) {
  ks_ui *ui = ks_xcalloc(1, sizeof *ui);
  ui->content = content;
  ui->fonts = fonts;
  ui->lang = lang;
  ui->achievements = ks_xcalloc(content->n_exhibits + 1, sizeof *ui->achievements);
  for (size_t i = 0; i < content->n_exhibits; i++) {
    const ks_exhibit *e = &content->exhibits[i];
    if (e->kind == KS_KIND_ACHIEVEMENT)
      ui->achievements[ui->n_achievements++] = e;
    if (e->kind == KS_KIND_EVENT && e->date) {
      int year = atoi(e->date);
      if (!ui->first_year || year < ui->first_year)
        ui->first_year = year;
      if (year > ui->last_year)
        ui->last_year = year;
    }
  }
  qsort(ui->achievements, ui->n_achievements, sizeof *ui->achievements, by_year_desc);
  return ui;
}

void ks_ui_destroy(ks_ui *ui) {
  if (!ui)
    return;
  free(ui->achievements);
  free(ui);
}

/* Enters a screen fresh: its list at the top, nothing pressed. */
static void enter(ks_ui *ui, ks_screen_id screen, const ks_exhibit *exhibit) {
  ui->screen = screen;
  ui->exhibit = exhibit;
  ui->pressed = (action){0};
  ui->dragging = false;
  ks_scroller_init(&ui->scroll, 0, 0);
}

/* The kind of exhibit a screen shows, or -1 for a screen of no single exhibit. */
static int screen_kind(ks_screen_id screen) {
  return screen == KS_SCREEN_ACHIEVEMENT ? KS_KIND_ACHIEVEMENT : -1;
}

bool ks_ui_show(ks_ui *ui, ks_screen_id screen, const char *id) {
  if (screen >= KS_SCREEN_COUNT)
    return false;
  const ks_exhibit *e = NULL;
  if (screen_kind(screen) >= 0) {
    e = id ? ks_content_find(ui->content, id) : NULL;
    if (!e && id == NULL && screen == KS_SCREEN_ACHIEVEMENT && ui->n_achievements)
      e = ui->achievements[0]; /* no id given: the newest */
    if (!e || (int)e->kind != screen_kind(screen))
      return false;
  }
  if (screen == ui->screen && e == ui->exhibit)
    return false;
  if (ui->depth < MAX_HISTORY) {
    ui->history[ui->depth].screen = ui->screen;
    ui->history[ui->depth].exhibit = ui->exhibit;
    ui->depth++;
  }
  enter(ui, screen, e);
  return true;
}

void ks_ui_set_lang(ks_ui *ui, ks_lang lang) { ui->lang = lang; }
ks_screen_id ks_ui_screen(const ks_ui *ui) { return ui->screen; }
ks_lang ks_ui_lang(const ks_ui *ui) { return ui->lang; }

bool ks_ui_back(ks_ui *ui) {
  if (ui->depth == 0)
    return false;
  ui->depth--;
  enter(ui, ui->history[ui->depth].screen, ui->history[ui->depth].exhibit);
  return true;
}

bool ks_ui_home(ks_ui *ui) {
  bool changed = ui->screen != KS_SCREEN_HOME;
  ui->depth = 0;
  enter(ui, KS_SCREEN_HOME, NULL);
  return changed;
}

bool ks_ui_toggle_lang(ks_ui *ui) {
  ui->lang = ui->lang == KS_LANG_ZH ? KS_LANG_EN : KS_LANG_ZH;
  return true;
}

static bool same_action(action a, action b) {
  return a.kind == b.kind && a.kind != ACT_NONE && a.screen == b.screen &&
         (a.exhibit == b.exhibit || (a.exhibit && b.exhibit && strcmp(a.exhibit, b.exhibit) == 0));
}

/* The action under a point given in screen-relative units, from the last frame's regions.
 * Later regions are on top. */
static action action_at(const ks_ui *ui, float x, float y) {
  int px = (int)(x * ui->short_side), py = (int)(y * ui->short_side);
  for (int i = ui->n_hits - 1; i >= 0; i--) {
    ks_rect r = ui->hits[i].rect;
    if (px >= r.x && px < r.x + r.w && py >= r.y && py < r.y + r.h)
      return ui->hits[i].act;
  }
  return (action){0};
}

static bool run(ks_ui *ui, action a) {
  switch (a.kind) {
  case ACT_GO:
    return ks_ui_show(ui, a.screen, a.exhibit);
  case ACT_BACK:
    return ks_ui_back(ui);
  case ACT_HOME:
    return ks_ui_home(ui);
  case ACT_LANG:
    return ks_ui_toggle_lang(ui);
  default:
    return false;
  }
}

bool ks_ui_gesture(ks_ui *ui, const ks_gesture *g) {
  switch (g->type) {
  case KS_GESTURE_PRESS:
    ui->pressed = action_at(ui, g->x, g->y);
    ks_scroller_hold(&ui->scroll);
    return ui->pressed.kind != ACT_NONE;
  case KS_GESTURE_CANCEL: {
    bool had = ui->pressed.kind != ACT_NONE;
    ui->pressed = (action){0};
    ks_scroller_release(&ui->scroll, 0);
    return had;
  }
  case KS_GESTURE_TAP: {
    action a = action_at(ui, g->x, g->y);
    ui->pressed = (action){0};
    ks_scroller_release(&ui->scroll, 0);
    run(ui, a);
    return true; /* the press highlight goes away in any case */
  }
  case KS_GESTURE_DRAG_START:
    ui->dragging = true;
    return false;
  case KS_GESTURE_DRAG:
    /* Lists scroll vertically: the content follows the finger. */
    ks_scroller_drag(&ui->scroll, -g->dy * ui->short_side);
    return true;
  case KS_GESTURE_DRAG_END:
    ui->dragging = false;
    ks_scroller_release(&ui->scroll, 0);
    return true;
  case KS_GESTURE_FLING:
    ks_scroller_release(&ui->scroll, -g->vy * ui->short_side);
    return true;
  default:
    return false;
  }
}

bool ks_ui_tick(ks_ui *ui, float dt) { return ks_scroller_step(&ui->scroll, dt); }

/* ---- helpers ----------------------------------------------------------------------------- */

/* Per-frame drawing state: the gfx and the size of a unit. */
typedef struct {
  ks_ui *ui;
  ks_gfx *gfx;
  int w, h;
  float unit; /* pixels per unit (1/1080 of the short side) */
  bool portrait;
} frame;

static int u(const frame *f, int units) { return (int)((float)units * f->unit + 0.5f); }

/* Makes `r` answer touches with `a`. Returns whether the finger is on it now. */
static bool add_hit(const frame *f, ks_rect r, action a) {
  ks_ui *ui = f->ui;
  if (ui->n_hits < MAX_HITS)
    ui->hits[ui->n_hits++] = (hit){r, a};
  return same_action(ui->pressed, a);
}

static ks_face *face(const frame *f, int units) { return ks_fonts_face(f->ui->fonts, u(f, units)); }

/* The text in the UI's language, falling back to Chinese where English is missing. */
static const char *tr(const frame *f, const ks_text *t) {
  const char *s = t->s[f->ui->lang];
  return s ? s : t->s[KS_LANG_ZH] ? t->s[KS_LANG_ZH] : "";
}

/* A fixed UI string in both languages. */
static const char *say(const frame *f, const char *zh, const char *en) {
  return f->ui->lang == KS_LANG_EN ? en : zh;
}

/* snprintf into the array `buf` with the format of the UI's language; both formats are literals
 * so that the compiler checks them against the arguments. */
#define SAYF(f, buf, zh, en, ...)                                                                  \
  ((f)->ui->lang == KS_LANG_EN ? snprintf(buf, sizeof buf, en, __VA_ARGS__)                        \
                               : snprintf(buf, sizeof buf, zh, __VA_ARGS__))

static const char *lang_code(const frame *f) { return f->ui->lang == KS_LANG_EN ? "en" : "zh"; }

/* Draws `text` in a box `max_w` wide from (x, y), at most `max_lines` lines; returns its height. */
static int text(const frame *f, const char *s, int size, int x, int y, int max_w, size_t max_lines,
                ks_color color) {
  ks_face *fc = face(f, size);
  if (!fc || !s)
    return 0;
  ks_textbox box;
  ks_textbox_layout(&box, fc, s, max_w, max_lines, f->ui->lang == KS_LANG_EN ? 0.3f : 0.5f,
                    lang_code(f));
  ks_textbox_draw(&box, f->gfx, x, y, color);
  return ks_textbox_height(&box);
}

/* The language toggle, always in the top right corner. */
static void draw_lang_toggle(const frame *f) {
  int h = u(f, 72), w = u(f, 300), right = f->w - u(f, KS_MARGIN), top = u(f, 48);
  ks_rect pill = {right - w, top, w, h};
  bool pressed = add_hit(f, (ks_rect){pill.x - u(f, 16), 0, w + u(f, 32), top + h + u(f, 16)},
                         (action){.kind = ACT_LANG});
  ks_gfx_fill_round_rect(f->gfx, pill, h / 2, pressed ? KS_CARD_PRESSED : KS_CARD);
  ks_rect on = {f->ui->lang == KS_LANG_ZH ? pill.x : pill.x + w / 2, top, w / 2, h};
  ks_gfx_fill_round_rect(f->gfx, on, h / 2, KS_GOLD);
  ks_face *fc = face(f, KS_TYPE_SMALL);
  const char *labels[2] = {"中文", "English"};
  for (int i = 0; i < 2; i++) {
    int tw = ks_face_measure(fc, labels[i], strlen(labels[i]));
    int cx = pill.x + w / 4 + i * (w / 2);
    bool active = (i == 0) == (f->ui->lang == KS_LANG_ZH);
    int baseline = top + (h + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
    ks_gfx_text(f->gfx, fc, labels[i], strlen(labels[i]), cx - tw / 2, baseline,
                active ? KS_ON_ACCENT : KS_TEXT);
  }
}

/* Title and subtitle in the top left, the language toggle in the top right. Returns the y where
 * the screen's content may start. */
/* A round button with a drawn arrow (back) or house (home), `size` pixels square. */
static void draw_nav_button(const frame *f, ks_rect r, action a) {
  bool pressed =
      add_hit(f, (ks_rect){r.x - u(f, 12), r.y - u(f, 12), r.w + u(f, 24), r.h + u(f, 24)}, a);
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

/* Where the header's text starts and how wide it may be. */
static void header_box(const frame *f, int *x, int *max_w) {
  *x = u(f, KS_MARGIN);
  *max_w = f->w - *x - u(f, 300 + KS_MARGIN + KS_GAP);
  if (f->ui->screen != KS_SCREEN_HOME) { /* room for back and home */
    *x += 2 * u(f, 80) + u(f, 24 + KS_GAP);
    *max_w -= 2 * u(f, 80) + u(f, 24 + KS_GAP);
  }
}

/* Lays out (and with `draw`, draws) the header: title and subtitle in the top left, back and
 * home before them on every screen but home, the language toggle in the top right. Returns the
 * y where the screen's content may start. */
static int header(const frame *f, const char *title, const char *subtitle, bool draw) {
  int x, max_w, y = u(f, 40);
  header_box(f, &x, &max_w);
  ks_textbox box;
  ks_textbox_layout(&box, face(f, KS_TYPE_TITLE), title, max_w, 2,
                    f->ui->lang == KS_LANG_EN ? 0.3f : 0.5f, lang_code(f));
  if (draw) {
    if (f->ui->screen != KS_SCREEN_HOME) {
      int b = u(f, 80), bx = u(f, KS_MARGIN);
      draw_nav_button(f, (ks_rect){bx, y, b, b}, (action){.kind = ACT_BACK});
      draw_nav_button(f, (ks_rect){bx + b + u(f, 24), y, b, b}, (action){.kind = ACT_HOME});
    }
    ks_textbox_draw(&box, f->gfx, x, y, KS_TEXT);
  }
  y += ks_textbox_height(&box);
  if (subtitle) {
    y += u(f, 4);
    if (draw)
      y += text(f, subtitle, KS_TYPE_BODY, x, y, max_w, 2, KS_TEXT_DIM);
    else {
      ks_textbox sub;
      ks_textbox_layout(&sub, face(f, KS_TYPE_BODY), subtitle, max_w, 2,
                        f->ui->lang == KS_LANG_EN ? 0.3f : 0.5f, lang_code(f));
      y += ks_textbox_height(&sub);
    }
  }
  if (draw)
    draw_lang_toggle(f);
  int below = y + u(f, 48);
  return below > u(f, 220) ? below : u(f, 220);
}

static int draw_header(const frame *f, const char *title, const char *subtitle) {
  return header(f, title, subtitle, true);
}

/* ---- home -------------------------------------------------------------------------------- */

typedef struct tile tile;
struct tile {
  const char *title, *count, *blurb;
  ks_color accent;
  action go; /* what tapping it does (nothing while its screen is not built) */
  /* Draws a preview of what is behind the tile into the rest of it. */
  void (*preview)(const frame *f, ks_rect area, const tile *t);
};

static void draw_tile(const frame *f, ks_rect r, const tile *t) {
  bool pressed = t->go.kind != ACT_NONE && add_hit(f, r, t->go);
  ks_gfx_fill_round_rect(f->gfx, r, u(f, KS_RADIUS), pressed ? KS_CARD_PRESSED : KS_CARD);
  /* An accent bar on the left edge, inset so the card's rounded corners stay clean. */
  ks_gfx_fill_round_rect(f->gfx, (ks_rect){r.x, r.y + u(f, 28), u(f, 10), r.h - u(f, 56)}, u(f, 5),
                         t->accent);
  int pad = u(f, 48), x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
  y += text(f, t->title, KS_TYPE_TITLE, x, y, w, 1, KS_TEXT);
  y += u(f, 12);
  y += text(f, t->count, KS_TYPE_SUBTITLE, x, y, w, 1, t->accent);
  y += u(f, 24);
  y += text(f, t->blurb, KS_TYPE_BODY, x, y, w, 3, KS_TEXT_DIM);
  y += u(f, 40);
  if (t->preview && r.y + r.h - pad - y > u(f, 80))
    t->preview(f, (ks_rect){x, y, w, r.y + r.h - pad - y}, t);
}

/* The newest achievements, a line each. */
static void preview_achievements(const frame *f, ks_rect a, const tile *t) {
  int y = a.y, line = u(f, 48);
  for (size_t i = 0; i < f->ui->n_achievements && y + line <= a.y + a.h; i++, y += line) {
    const ks_exhibit *e = f->ui->achievements[i];
    char year[16];
    snprintf(year, sizeof year, "%d", e->year);
    text(f, year, KS_TYPE_SMALL, a.x, y, u(f, 90), 1, t->accent);
    text(f, tr(f, &e->title), KS_TYPE_SMALL, a.x + u(f, 90), y, a.w - u(f, 90), 1, KS_TEXT);
  }
}

static int by_corridor_order(const void *a, const void *b) {
  return (*(const ks_exhibit *const *)a)->corridor_order -
         (*(const ks_exhibit *const *)b)->corridor_order;
}

/* The corridor's cities in order, joined by a line with a dot for each. */
static void preview_cities(const frame *f, ks_rect a, const tile *t) {
  const ks_exhibit *g60[16];
  size_t n = 0;
  const ks_content *c = f->ui->content;
  for (size_t i = 0; i < c->n_exhibits && n < 16; i++)
    if (c->exhibits[i].kind == KS_KIND_CITY && c->exhibits[i].corridor)
      g60[n++] = &c->exhibits[i];
  qsort(g60, n, sizeof *g60, by_corridor_order);
  int line = u(f, 46), rows = a.h / line;
  if (rows <= 0 || n == 0)
    return;
  /* As many columns as it takes to show every city. */
  int cols = ((int)n + rows - 1) / rows, per_col = ((int)n + cols - 1) / cols, col_w = a.w / cols;
  for (size_t i = 0; i < n; i++) {
    int col = (int)i / per_col, row = (int)i % per_col;
    if (row >= rows)
      continue;
    int x = a.x + col * col_w, y = a.y + row * line;
    float cx = (float)x + (float)u(f, 10), cy = (float)y + (float)line / 2 - (float)u(f, 4);
    if (row + 1 < per_col && (int)i + 1 < (int)n && row + 1 < rows) {
      float seg[4] = {cx, cy, cx, cy + (float)line};
      ks_gfx_polyline(f->gfx, seg, 2, (float)u(f, 3), t->accent);
    }
    ks_gfx_fill_circle(f->gfx, cx, cy, (float)u(f, 9), t->accent);
    text(f, tr(f, &g60[i]->title), KS_TYPE_SMALL, x + u(f, 36), y, col_w - u(f, 40), 1, KS_TEXT);
  }
}

/* A strip of years with a dot for every event. */
static void preview_timeline(const frame *f, ks_rect a, const tile *t) {
  int first = f->ui->first_year, last = f->ui->last_year;
  if (!first || last <= first)
    return;
  const ks_content *c = f->ui->content;
  float x0 = (float)a.x + (float)u(f, 10), x1 = (float)(a.x + a.w) - (float)u(f, 10);
  float y = (float)a.y + (float)u(f, 60);
  float axis[4] = {x0, y, x1, y};
  ks_gfx_polyline(f->gfx, axis, 2, (float)u(f, 3), KS_TEXT_DIM);
  int stack[64] = {0}; /* events per year, to stack the dots */
  for (size_t i = 0; i < c->n_exhibits; i++) {
    const ks_exhibit *e = &c->exhibits[i];
    if (e->kind != KS_KIND_EVENT || !e->date)
      continue;
    int year = atoi(e->date), k = year - first;
    if (k < 0 || k >= 64)
      continue;
    float x = x0 + (x1 - x0) * (float)k / (float)(last - first);
    ks_gfx_fill_circle(f->gfx, x, y - (float)u(f, 22) * (float)stack[k], (float)u(f, 8), t->accent);
    stack[k]++;
  }
  char label[16];
  snprintf(label, sizeof label, "%d", first);
  text(f, label, KS_TYPE_SMALL, a.x, (int)y + u(f, 16), a.w / 2, 1, KS_TEXT_DIM);
  snprintf(label, sizeof label, "%d", last);
  ks_face *fc = face(f, KS_TYPE_SMALL);
  int lw = ks_face_measure(fc, label, strlen(label));
  text(f, label, KS_TYPE_SMALL, a.x + a.w - lw, (int)y + u(f, 16), lw + 1, 1, KS_TEXT_DIM);
}

static void draw_home(const frame *f) {
  const ks_content *c = f->ui->content;
  int top = draw_header(
      f, tr(f, &c->meta.title),
      say(f, "沪苏浙皖 · G60科创走廊", "Shanghai, Jiangsu, Zhejiang, Anhui and the G60 corridor"));
  char counts[3][64], span[64];
  size_t n_ach = ks_content_count(c, KS_KIND_ACHIEVEMENT),
         n_city = ks_content_count(c, KS_KIND_CITY), n_ev = ks_content_count(c, KS_KIND_EVENT);
  SAYF(f, counts[0], "%zu 项成果%.0s", "%zu result%s", n_ach, n_ach == 1 ? "" : "s");
  SAYF(f, counts[1], "%zu 座城市%.0s", "%zu cit%s", n_city, n_city == 1 ? "y" : "ies");
  SAYF(f, counts[2], "%zu 个事件%.0s", "%zu event%s", n_ev, n_ev == 1 ? "" : "s");
  SAYF(f, span, "%d—%d 年的协同创新历程", "Joint innovation, %d to %d", f->ui->first_year,
       f->ui->last_year);
  tile tiles[3] = {
      {say(f, "创新成果", "Achievements"),
       counts[0],
       say(f, "芯片、量子、生命科学……长三角联合攻关取得的突破与成果",
           "Chips, quantum, life science: breakthroughs the Delta achieved together"),
       KS_GOLD,
       {ACT_GO, KS_SCREEN_ACHIEVEMENTS, NULL},
       preview_achievements},
      {say(f, "走廊城市", "Corridor cities"),
       counts[1],
       say(f, "G60科创走廊九城与长三角创新城市的故事",
           "The nine cities of the G60 corridor and their stories"),
       KS_TEAL,
       {0},
       preview_cities},
      {say(f, "时间轴", "Timeline"), counts[2], span, KS_CORAL, {0}, preview_timeline},
  };
  int bottom = f->h - u(f, 130), left = u(f, KS_MARGIN);
  int gap = u(f, KS_GAP), avail_w = f->w - 2 * left, avail_h = bottom - top;
  for (int i = 0; i < 3; i++) {
    ks_rect r =
        f->portrait
            ? (ks_rect){left, top + i * (avail_h + gap) / 3, avail_w, (avail_h - 2 * gap) / 3}
            : (ks_rect){left + i * (avail_w + gap) / 3, top, (avail_w - 2 * gap) / 3, avail_h};
    draw_tile(f, r, &tiles[i]);
  }
  text(f, say(f, "轻触板块，开始探索", "Tap a panel to explore"), KS_TYPE_SMALL, left,
       f->h - u(f, 96), avail_w, 1, KS_TEXT_DIM);
}

/* ---- achievements gallery ---------------------------------------------------------------- */

static const char *field_name(const frame *f, const char *field) {
  static const char *const names[][3] = {
      {"chips", "芯片与集成电路", "Chips"},
      {"quantum", "量子科技", "Quantum"},
      {"life-science", "生命科学与医药", "Life science"},
      {"materials", "新材料", "Materials"},
      {"aerospace", "航空航天", "Aerospace"},
      {"robotics", "机器人与智能制造", "Robotics"},
      {"information", "信息网络与人工智能", "Networks & AI"},
      {"energy", "能源", "Energy"},
      {"environment", "生态环境", "Environment"},
      {"marine", "海洋装备", "Marine"},
      {"tech-transfer", "技术转移与成果转化", "Tech transfer"},
      {"platforms", "创新平台与资源共享", "Shared platforms"},
      {"cooperation", "协同机制与联合攻关", "Cooperation"},
  };
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (field && strcmp(field, names[i][0]) == 0)
      return names[i][f->ui->lang == KS_LANG_EN ? 2 : 1];
  return field ? field : "";
}

/* The places of an achievement: its place text, or the names of the cities it links to. */
static void place_of(const frame *f, const ks_exhibit *e, char *out, size_t size) {
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
    snprintf(out + n, size - n, "%s%s", n ? " · " : "", tr(f, &t->title));
  }
}

static void draw_card(const frame *f, ks_rect r, const ks_exhibit *e, bool pressed) {
  ks_gfx_fill_round_rect(f->gfx, r, u(f, KS_RADIUS), pressed ? KS_CARD_PRESSED : KS_CARD);
  int pad = u(f, 32), x = r.x + pad, w = r.w - 2 * pad, y = r.y + pad;
  char meta[256], place[160];
  place_of(f, e, place, sizeof place);
  snprintf(meta, sizeof meta, "%d  ·  %s", e->year, field_name(f, e->field));
  y += text(f, meta, KS_TYPE_SMALL, x, y, w, 1, KS_GOLD) + u(f, 12);
  y += text(f, tr(f, &e->title), KS_TYPE_SUBTITLE, x, y, w, 2, KS_TEXT) + u(f, 12);
  int lines_left = (r.y + r.h - pad - u(f, 44) - y) / u(f, 42);
  if (lines_left > 0)
    text(f, tr(f, &e->summary), KS_TYPE_SMALL, x, y, w, (size_t)lines_left, KS_TEXT_DIM);
  if (place[0])
    text(f, place, KS_TYPE_SMALL, x, r.y + r.h - pad - u(f, 36), w, 1, KS_TEAL);
}

static void draw_achievements(const frame *f) {
  char sub[96];
  SAYF(f, sub, "%zu 项成果 · 最新在前%.0s", "%zu result%s · newest first", f->ui->n_achievements,
       f->ui->n_achievements == 1 ? "" : "s");
  const char *title = say(f, "创新成果", "Achievements");
  int top = header(f, title, sub, false);
  int cols = f->portrait ? 2 : 3, left = u(f, KS_MARGIN);
  int gap = u(f, KS_GAP), cw = (f->w - 2 * left - (cols - 1) * gap) / cols, ch = u(f, 400);
  int rows = ((int)f->ui->n_achievements + cols - 1) / cols;
  int content_h = rows * (ch + gap) + u(f, KS_MARGIN), view_h = f->h - top;
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - view_h));
  int offset = (int)f->ui->scroll.pos;
  for (size_t i = 0; i < f->ui->n_achievements; i++) {
    ks_rect r = {left + (int)(i % (size_t)cols) * (cw + gap),
                 top + (int)(i / (size_t)cols) * (ch + gap) - offset, cw, ch};
    if (r.y + r.h <= top || r.y >= f->h)
      continue; /* off screen */
    const ks_exhibit *e = f->ui->achievements[i];
    /* Only the part below the header answers touches. */
    ks_rect touch = r;
    if (touch.y < top)
      touch.h -= top - touch.y, touch.y = top;
    bool pressed = add_hit(f, touch, (action){ACT_GO, KS_SCREEN_ACHIEVEMENT, e->id});
    draw_card(f, r, e, pressed);
  }
  /* The header stays put over the scrolling cards. */
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - gap / 2}, KS_BG);
  draw_header(f, title, sub);
}

/* ---- achievement ------------------------------------------------------------------------- */

/* A key figure: the number large, its unit after it, what it counts below. Returns the height. */
static int draw_figure(const frame *f, const ks_figure *fig, int x, int y, int w) {
  const char *value = f->ui->lang == KS_LANG_EN && fig->value_en ? fig->value_en : fig->value;
  ks_face *big = face(f, 64);
  int vw = ks_face_measure(big, value, strlen(value));
  int h = text(f, value, 64, x, y, w, 1, KS_GOLD);
  const char *unit = tr(f, &fig->unit);
  if (*unit)
    text(f, unit, KS_TYPE_BODY, x + vw + u(f, 10), y + h - u(f, 50), w - vw - u(f, 10), 1, KS_GOLD);
  return h + text(f, tr(f, &fig->label), KS_TYPE_SMALL, x, y + h, w, 2, KS_TEXT_DIM);
}

/* A rounded label that may lead to another exhibit. Returns its width. */
static int draw_chip(const frame *f, const char *label, int x, int y, ks_color accent, action a) {
  ks_face *fc = face(f, KS_TYPE_SMALL);
  int w = ks_face_measure(fc, label, strlen(label)) + u(f, 64), h = u(f, 56);
  bool pressed = a.kind != ACT_NONE && add_hit(f, (ks_rect){x, y, w, h}, a);
  ks_gfx_fill_round_rect(f->gfx, (ks_rect){x, y, w, h}, h / 2, pressed ? KS_CARD_PRESSED : KS_CARD);
  ks_gfx_fill_circle(f->gfx, (float)(x + u(f, 24)), (float)y + (float)h / 2, (float)u(f, 7),
                     accent);
  int baseline = y + (h + ks_face_ascent(fc) - ks_face_descent(fc)) / 2;
  ks_gfx_text(f->gfx, fc, label, strlen(label), x + u(f, 44), baseline, KS_TEXT);
  return w;
}

/* Paragraphs of a body, a gap between them. Returns the height. */
static int draw_paragraphs(const frame *f, const char *body, int x, int y, int w, ks_color c) {
  int h = 0;
  for (const char *p = body; p && *p;) {
    const char *nl = strchr(p, '\n');
    size_t n = nl ? (size_t)(nl - p) : strlen(p);
    char *para = ks_xmalloc(n + 1);
    memcpy(para, p, n);
    para[n] = '\0';
    h += text(f, para, KS_TYPE_BODY, x, y + h, w, 0, c) + u(f, 20);
    free(para);
    p = nl ? nl + 1 : p + n;
  }
  return h;
}

/* The exhibits an exhibit links to, and those that link to it, as chips. Returns the height. */
static int draw_links(const frame *f, const ks_exhibit *e, int x, int y, int w) {
  const ks_content *c = f->ui->content;
  int cx = x, cy = y, row = u(f, 56) + u(f, 16);
  bool any = false;
  for (size_t i = 0; i < c->n_exhibits; i++) {
    const ks_exhibit *o = &c->exhibits[i];
    bool linked = false;
    for (size_t k = 0; k < e->n_links && !linked; k++)
      linked = strcmp(e->links[k].target, o->id) == 0;
    for (size_t k = 0; k < o->n_links && !linked; k++)
      linked = strcmp(o->links[k].target, e->id) == 0;
    if (!linked || o == e)
      continue;
    ks_color accent = o->kind == KS_KIND_CITY    ? KS_TEAL
                      : o->kind == KS_KIND_EVENT ? KS_CORAL
                                                 : KS_GOLD;
    action a = o->kind == KS_KIND_ACHIEVEMENT ? (action){ACT_GO, KS_SCREEN_ACHIEVEMENT, o->id}
                                              : (action){0};
    ks_face *fc = face(f, KS_TYPE_SMALL);
    const char *label = tr(f, &o->title);
    int cw = ks_face_measure(fc, label, strlen(label)) + u(f, 64);
    if (cx > x && cx + cw > x + w)
      cx = x, cy += row;
    cx += draw_chip(f, label, cx, cy, accent, a) + u(f, 16);
    any = true;
  }
  return any ? cy + row - y : 0;
}

static void draw_achievement(const frame *f) {
  const ks_exhibit *e = f->ui->exhibit;
  char sub[256], place[160];
  place_of(f, e, place, sizeof place);
  snprintf(sub, sizeof sub, "%d  ·  %s%s%s", e->year, field_name(f, e->field),
           place[0] ? "  ·  " : "", place);
  const char *title = tr(f, &e->title);
  int top = header(f, title, sub, false);
  int offset = (int)f->ui->scroll.pos, left = u(f, KS_MARGIN), gap = u(f, 2 * KS_GAP);
  int avail = f->w - 2 * left;
  /* Landscape: text on the left, figures and people on the right. Portrait: one column. */
  int main_w = f->portrait ? avail : avail * 3 / 5,
      side_x = f->portrait ? left : left + main_w + gap;
  int side_w = f->portrait ? avail : avail - main_w - gap;
  int y = top - offset;
  y += text(f, tr(f, &e->summary), KS_TYPE_SUBTITLE, left, y, main_w, 0, KS_TEXT) + u(f, 32);
  int side_y = f->portrait ? y : top - offset;
  for (size_t i = 0; i < e->n_figures; i++)
    side_y += draw_figure(f, &e->figures[i], side_x, side_y, side_w) + u(f, 28);
  if (e->n_organisations) {
    side_y += u(f, 8) +
              text(f, say(f, "参与单位", "Who"), KS_TYPE_SMALL, side_x, side_y, side_w, 1, KS_GOLD);
    for (size_t i = 0; i < e->n_organisations; i++)
      side_y += text(f, tr(f, &e->organisations[i]), KS_TYPE_BODY, side_x, side_y + u(f, 8), side_w,
                     2, KS_TEXT) +
                u(f, 8);
    side_y += u(f, 24);
  }
  if (f->portrait)
    y = side_y + u(f, 16);
  y += draw_paragraphs(f, tr(f, &e->body), left, y, main_w, KS_TEXT_DIM) + u(f, 16);
  int links_y = f->portrait ? y : (y > side_y ? y : side_y);
  int lh = draw_links(f, e, left, links_y, avail);
  y = links_y + lh + u(f, 24);
  /* Where it comes from: each article once. */
  for (size_t i = 0; i < e->n_citations; i++) {
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++)
      seen = strcmp(e->citations[k].source, e->citations[i].source) == 0;
    const ks_source *src =
        seen ? NULL : ks_content_find_source(f->ui->content, e->citations[i].source);
    if (!src)
      continue;
    char line[512];
    SAYF(f, line, "来源：%s（%s）", "Source: %s (%s)", src->title, src->published);
    y += text(f, line, KS_TYPE_SMALL, left, y, avail, 2, KS_TEXT_DIM) + u(f, 8);
  }
  int content_h = y + offset - top + u(f, KS_MARGIN);
  ks_scroller_set_bounds(&f->ui->scroll, 0, (float)(content_h - (f->h - top)));
  ks_gfx_fill_rect(f->gfx, (ks_rect){0, 0, f->w, top - u(f, 16)}, KS_BG);
  draw_header(f, title, sub);
}

void ks_ui_draw(ks_ui *ui, ks_gfx *gfx) {
  int w = ks_gfx_width(gfx), h = ks_gfx_height(gfx);
  frame f = {.ui = ui, .gfx = gfx, .w = w, .h = h, .portrait = h > w};
  f.unit = (float)(w < h ? w : h) / 1080.0f;
  ui->short_side = (float)(w < h ? w : h);
  ui->n_hits = 0;
  ks_gfx_clear(gfx, KS_BG);
  switch (ui->screen) {
  case KS_SCREEN_HOME:
    draw_home(&f);
    break;
  case KS_SCREEN_ACHIEVEMENTS:
    draw_achievements(&f);
    break;
  case KS_SCREEN_ACHIEVEMENT:
    draw_achievement(&f);
    break;
  default:
    break;
  }
  ks_gfx_flush(gfx);
}
