/* The navigator: which screen shows, the history Back returns along, the idle timer that leads
 * to the attract loop, touches turned into actions, and the curators' notice. What a screen shows
 * and keeps is the screen's own (screens/, listed in screens.c). */
#include "ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/utf8.h"
#include "kiosk/validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ks_screen_parse(const char *name, ks_screen_id *screen) {
  for (int i = 0; i < KS_SCREEN_COUNT; i++)
    if (strcmp(name, ui_screens[i]->name) == 0) {
      *screen = (ks_screen_id)i;
      return true;
    }
  return false;
}

const char *ks_screen_name(ks_screen_id screen) {
  return screen < KS_SCREEN_COUNT ? ui_screens[screen]->name : "";
}

static const ui_screen *current(const ks_ui *ui) { return ui_screens[ui->screen]; }

/* Leaves the screen shown: what it saves goes to `memo` (may be NULL), its state is freed. */
static void leave(ks_ui *ui, ui_memo *memo) {
  ui_memo m = {.scroll = ui->scroll.pos};
  if (!ui->state)
    return;
  if (current(ui)->leave)
    current(ui)->leave(ui, ui->state, &m);
  free(ui->state);
  ui->state = NULL;
  if (memo)
    *memo = m;
}

/* Enters a screen, with its state new: fresh (its list at the top, nothing pressed), or by Back
 * as `back` says it was left. */
static void enter(ks_ui *ui, ks_screen_id screen, const ks_exhibit *exhibit, const ui_memo *back) {
  leave(ui, NULL);
  if (screen != ui->screen || !ui_same_id(exhibit ? exhibit->id : "", ui->exhibit_id))
    ui_texts_clear(ui); /* what the last screen laid out */
  ui->screen = screen;
  ui->exhibit = exhibit;
  snprintf(ui->exhibit_id, sizeof ui->exhibit_id, "%s", exhibit ? exhibit->id : "");
  ui->pressed = (action){0};
  ui->dragging = false;
  if (back) { /* back where the visitor left it: the next frame sets the list's real bounds */
    float pos = back->scroll;
    ks_scroller_init(&ui->scroll, pos < 0 ? pos : 0, pos > 0 ? pos : 0);
    ui->scroll.pos = pos;
  } else
    ks_scroller_init(&ui->scroll, 0, 0);
  const ui_screen *s = current(ui);
  ui->state = ks_xcalloc(1, s->state_size ? s->state_size : 1);
  if (s->enter)
    s->enter(ui, ui->state, back);
}

/* The timeline's span, and per year its events and where the first of them is: counted by the
 * store, not read (home draws the strip on the first frame). */
static void count_years(ks_ui *ui) {
  ui_years *x = &ui->years;
  int years[KS_MAX_YEARS];
  size_t counts[KS_MAX_YEARS], before = 0;
  size_t n = ks_store_years(ui->store, years, counts, KS_MAX_YEARS);
  x->year_most = 1;
  if (n == 0)
    return;
  x->first_year = years[0], x->last_year = years[n - 1];
  for (size_t i = 0; i < n; i++) {
    int k = years[i] - x->first_year; /* both 1900…2100, ascending */
    if (k >= 0 && k < KS_MAX_YEARS) {
      x->year_first[k] = before;
      x->year_count[k] = counts[i] < 100000 ? (int)counts[i] : 100000;
      x->year_most = x->year_count[k] > x->year_most ? x->year_count[k] : x->year_most;
    }
    before += counts[i];
  }
}

ks_ui *ks_ui_create(const ks_content *content, ks_fonts *fonts, ks_lang lang) {
  return ks_ui_create_store(ks_store_of_content(content, NULL), fonts, lang);
}

ks_ui *ks_ui_create_store(ks_store *store, ks_fonts *fonts, ks_lang lang) {
  ks_ui *ui = ks_xcalloc(1, sizeof *ui);
  ui->store = store;
  const ks_content *content = ui->content = ks_store_head(store);
  ui->fonts = fonts;
  ui->pack_lang = ks_content_default_lang(content);
  ui->lang = ui->default_lang =
      lang >= 0 && lang < content->meta.n_languages ? lang : ui->pack_lang;
  ui->idle_timeout = 90;
  ui->mm_per_px = UI_REF_MM_PER_PX;
  count_years(ui);
  enter(ui, KS_SCREEN_HOME, NULL, NULL);
  return ui;
}

void ks_ui_destroy(ks_ui *ui) {
  if (!ui)
    return;
  leave(ui, NULL);
  ui_texts_clear(ui);
  free(ui->texts);
  free(ui->run_texts);
  ks_mapdata_destroy(ui->map);
  free(ui->map_file);
  ks_ui_set_notice(ui, NULL, NULL, -1, 0);
  ks_store_destroy(ui->store);
  free(ui);
}

bool ks_ui_show(ks_ui *ui, ks_screen_id screen, const char *id) {
  if (screen >= KS_SCREEN_COUNT)
    return false;
  const ks_exhibit *e = NULL;
  int kind = ui_screen_kind(screen);
  if (kind >= 0) {
    e = id ? ui_find(ui, id) : NULL;
    size_t n = ui_count(ui, (ks_kind)kind);
    if (!e && id == NULL && n) /* no id given: the one its overview shows first */
      e = ui_at(ui, (ks_kind)kind, ui_kinds[kind].default_last ? n - 1 : 0);
    if (!e || (int)e->kind != kind)
      return false;
  }
  if (screen == ui->screen && ui_same_id(e ? e->id : "", ui->exhibit_id))
    return false;
  ui_memo memo;
  leave(ui, &memo);
  if (ui->depth < MAX_HISTORY) {
    ui->history[ui->depth].screen = ui->screen;
    snprintf(ui->history[ui->depth].exhibit, sizeof ui->history[ui->depth].exhibit, "%s",
             ui->exhibit_id);
    ui->history[ui->depth].memo = memo;
    ui->depth++;
  }
  enter(ui, screen, e, NULL);
  return true;
}

void ks_ui_set_lang(ks_ui *ui, ks_lang lang) {
  if (lang >= 0 && lang < ui->content->meta.n_languages && lang < KS_LANG_MAX)
    ui->lang = lang;
}

size_t ks_ui_tour(ks_ui *ui, ks_gfx *gfx, void (*each)(void *ctx), void *ctx) {
  size_t screens = 0;
  for (ks_lang l = 0; l < ui->content->meta.n_languages && l < KS_LANG_MAX; l++) {
    ks_ui_set_lang(ui, l);
    /* The overviews (every screen that shows no single exhibit), then every exhibit's page. */
    const char *const *ids;
    size_t n = ks_store_ids(ui->store, &ids);
    for (size_t i = 0; i < KS_SCREEN_COUNT + n; i++) {
      if (i < KS_SCREEN_COUNT && ui_screen_kind((ks_screen_id)i) >= 0)
        continue;
      ks_ui_home(ui);
      if (i < KS_SCREEN_COUNT)
        ks_ui_show(ui, (ks_screen_id)i, NULL);
      else {
        const ks_exhibit *e = ui_find(ui, ids[i - KS_SCREEN_COUNT]);
        if (e && e->kind < KS_KIND_COUNT)
          ks_ui_show(ui, ui_kinds[e->kind].screen, e->id);
      }
      ks_ui_draw(ui, gfx);
      if (each)
        each(ctx);
      screens++;
    }
  }
  ks_ui_home(ui);
  return screens;
}

bool ks_ui_load_map(ks_ui *ui, const char *path, char *err, size_t err_size) {
  ks_mapdata *map = ks_mapdata_load(path, err, err_size);
  if (!map)
    return false;
  ks_mapdata_destroy(ui->map);
  ui->map = map;
  return true;
}
ks_screen_id ks_ui_screen(const ks_ui *ui) { return ui->screen; }
ks_store *ks_ui_store(const ks_ui *ui) { return ui->store; }
ks_lang ks_ui_lang(const ks_ui *ui) { return ui->lang; }
const char *ks_ui_lang_tag(const ks_ui *ui) {
  const char *tag = ks_content_lang_tag(ui->content, ui->lang);
  return tag ? tag : "";
}
const char *ks_ui_exhibit(const ks_ui *ui) { return ui->exhibit ? ui->exhibit->id : NULL; }

void ks_ui_set_panel_mm(ks_ui *ui, float w_mm, float h_mm) {
  bool known = w_mm > 0 && h_mm > 0 && w_mm < 1e5f && h_mm < 1e5f; /* NaN fails too */
  ui->panel_mm[0] = known ? w_mm : 0;
  ui->panel_mm[1] = known ? h_mm : 0;
}

float ks_ui_mm_per_px(const ks_ui *ui) { return ui->mm_per_px; }

static const char *action_name(action_kind k) {
  static const char *const names[] = {[ACT_NONE] = "none",
                                      [ACT_GO] = "go",
                                      [ACT_BACK] = "back",
                                      [ACT_HOME] = "home",
                                      [ACT_LANG] = "language",
                                      [ACT_FILTER_FIELD] = "filter",
                                      [ACT_FILTER_PROVINCE] = "filter",
                                      [ACT_NOTICE] = "notice",
                                      [ACT_SEEK] = "seek",
                                      [ACT_TURN] = "turn",
                                      [ACT_ZOOM_OUT] = "zoom-out"};
  return names[k];
}

bool ks_ui_target_at(const ks_ui *ui, size_t i, ks_ui_target *out) {
  if (i >= (size_t)ui->n_hits)
    return false;
  const hit *h = &ui->hits[i];
  *out = (ks_ui_target){h->rect, h->full, h->label ? h->label : "",
                        h->name[0] ? h->name : action_name(h->act.kind),
                        h->act.kind == ACT_GO ? ks_screen_name(h->act.screen) : NULL};
  return true;
}

bool ks_ui_text_run_at(const ks_ui *ui, size_t i, ks_ui_text_run *out) {
  if (i >= ui->n_runs)
    return false;
  *out = ui->runs[i];
  return true;
}

const char *ks_ui_text_run_text(const ks_ui *ui, size_t i) {
  return i < ui->n_runs ? ui->run_texts + ui->run_text_at[i] : NULL;
}

bool ks_ui_back(ks_ui *ui) {
  if (ui->depth == 0)
    return false;
  ui->depth--;
  const char *id = ui->history[ui->depth].exhibit;
  enter(ui, ui->history[ui->depth].screen, id[0] ? ui_find(ui, id) : NULL,
        &ui->history[ui->depth].memo);
  return true;
}

bool ks_ui_home(ks_ui *ui) {
  bool changed = ui->screen != KS_SCREEN_HOME;
  ui->depth = 0;
  enter(ui, KS_SCREEN_HOME, NULL, NULL);
  return changed;
}

void ui_wake(ks_ui *ui) {
  enter(ui, KS_SCREEN_HOME, NULL, NULL);
  ui->swallow = true;
}

bool ks_ui_toggle_lang(ks_ui *ui) {
  int n = ui->content->meta.n_languages < KS_LANG_MAX ? ui->content->meta.n_languages : KS_LANG_MAX;
  if (n < 2)
    return false;
  ui->lang = (ui->lang + 1) % n; /* the next of the pack's languages, round */
  return true;
}

/* The action under a point given in screen-relative units, from the last frame's regions.
 * Later regions are on top. */
static action action_at(const ks_ui *ui, float x, float y) {
  int px = ui_px(x * ui->short_side), py = ui_px(y * ui->short_side);
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
  case ACT_LANG: /* the language tapped, whichever shows: a tap to confirm it keeps it */
  {
    ks_lang l = a.exhibit ? ks_content_lang(ui->content, a.exhibit) : -1;
    bool changed = l >= 0 && ui->lang != l;
    if (l >= 0)
      ui->lang = l;
    return changed;
  }
  case ACT_TURN: { /* an arrow of a detail page: its neighbour, in place, as a swipe turns */
    const ks_exhibit *to = a.exhibit ? ui_find(ui, a.exhibit) : NULL;
    if (!to || ui_same_id(to->id, ui->exhibit_id))
      return false;
    /* It slides in from the arrow's side, as after a swipe, the page left sliding out. */
    const ks_exhibit *next_page = ui_page_place(ui).next;
    bool next = next_page && ui_same_id(next_page->id, to->id);
    enter(ui, ui->screen, to, NULL);
    ui->slide.x = (float)(next ? ui->width : -ui->width);
    return true;
  }
  case ACT_NOTICE:
    ui->notice.tapped |= (unsigned)a.screen;
    if ((unsigned)a.screen == KS_NOTICE_DISMISS)
      ks_ui_set_notice(ui, NULL, NULL, -1, 0);
    return true;
  default: /* the screen's own */
    return current(ui)->input && current(ui)->input(ui, ui->state, NULL, &a) > 0;
  }
}

ui_place ui_page_place(ks_ui *ui) {
  int kind = ui_screen_kind(ui->screen);
  if (kind < 0 || !ui->exhibit)
    return (ui_place){0};
  /* The overview it came from, filtered as it was left — unless that one does not show it (it
   * came by a link): then the whole list. The store keeps both lists, and knows each page's
   * place in them. */
  const ui_memo *memo = ui->depth ? &ui->history[ui->depth - 1].memo : NULL;
  const ui_screen *from = memo ? ui_screens[ui->history[ui->depth - 1].screen] : NULL;
  ks_store_filter filter = {0};
  const ks_store_filter *f =
      from && from->filter && from->filter(memo, &filter) &&
              ks_store_pos(ui->store, (ks_kind)kind, &filter, ui->exhibit_id) != SIZE_MAX
          ? &filter
          : NULL;
  size_t n = ks_store_count(ui->store, (ks_kind)kind, f);
  size_t i = ks_store_pos(ui->store, (ks_kind)kind, f, ui->exhibit_id);
  if (i >= n)
    return (ui_place){0};
  return (ui_place){i, n, i > 0 ? ks_store_at(ui->store, (ks_kind)kind, f, i - 1) : NULL,
                    i + 1 < n ? ks_store_at(ui->store, (ks_kind)kind, f, i + 1) : NULL};
}

/* Turns a detail page to the next (1) or previous (-1) exhibit of its list, in place: Back still
 * leads where it did before. False at an end: the list does not wrap. */
static bool turn_page(ks_ui *ui, int step) {
  ui_place p = ui_page_place(ui);
  const ks_exhibit *to = step > 0 ? p.next : p.prev;
  if (!to)
    return false;
  enter(ui, ui->screen, to, NULL);
  return true;
}

/* A detail page dragged sideways by `px`: it follows the finger, and where there is no page to
 * that side, only a little (it will bounce back). */
static void slide_drag(ks_ui *ui, float px) {
  ui_place p = ui_page_place(ui);
  ui->slide.moved += px;
  bool room = ui->slide.moved < 0 ? p.next != NULL : p.prev != NULL;
  ui->slide.x += room ? px : px * 0.3f;
}

/* Let go of a page dragged sideways at `vx` units a second: drawn past a quarter of the width,
 * or thrown that way, it turns — the new page coming in from the side the finger drew it from —
 * else (or at an end) it settles back. What counts is this drag's way, not where a page still
 * settling from the last one is. ks_ui_tick moves it home. */
static void slide_release(ks_ui *ui, float vx) {
  float moved = ui->slide.moved, w = (float)ui->width;
  bool thrown = fabsf(vx) >= KS_GESTURE_FLING_MIN_SPEED && (vx < 0) == (moved < 0);
  ui->slide.spent = true;
  if (moved != 0 && (fabsf(moved) > w / 4 || thrown) && turn_page(ui, moved < 0 ? 1 : -1)) {
    float x = moved < 0 ? ui->slide.x + w : ui->slide.x - w;
    ui->slide.x = x > w ? w : x < -w ? -w : x;
  }
}

bool ks_ui_gesture(ks_ui *ui, const ks_gesture *g) {
  ui->idle = 0;
  if (ui->asking) {
    /* "Still there?" answered: the question goes, and the rest of this touch does nothing —
     * the visitor touched the question, not what is under it. */
    ui->asking = false;
    ui->pressed = (action){0};
    ui->swallow = true;
    ks_scroller_hold(&ui->scroll);
    return true;
  }
  if (current(ui)->input) {
    int r = current(ui)->input(ui, ui->state, g, NULL);
    if (r >= 0)
      return r > 0;
  }
  if (ui->swallow) {
    if (g->type != KS_GESTURE_PRESS)
      return false;
    ui->swallow = false;
  }
  switch (g->type) {
  case KS_GESTURE_PRESS:
    ui->pressed = action_at(ui, g->x, g->y);
    if (ui->pressed.exhibit) { /* held over many frames: its own copy of what it names */
      snprintf(ui->pressed_text, sizeof ui->pressed_text, "%s", ui->pressed.exhibit);
      ui->pressed.exhibit = ui->pressed_text;
    }
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
    ui->slide.axis = 0, ui->slide.spent = false, ui->slide.moved = 0;
    return false;
  case KS_GESTURE_DRAG:
    /* On a detail page, a drag more sideways than not moves the page; else the content follows
     * the finger along its list. */
    if (ui->slide.axis == 0)
      ui->slide.axis =
          ui_screen_kind(ui->screen) >= 0 && fabsf(g->dx) > fabsf(g->dy) && ui->width ? 1 : 2;
    if (ui->slide.axis == 1) {
      slide_drag(ui, g->dx * ui->short_side);
      return true;
    }
    ks_scroller_drag(&ui->scroll, -(current(ui)->horizontal ? g->dx : g->dy) * ui->short_side);
    return true;
  case KS_GESTURE_DRAG_END:
    ui->dragging = false;
    if (ui->slide.axis == 1)
      slide_release(ui, g->vx);
    ks_scroller_release(&ui->scroll, 0);
    return true;
  case KS_GESTURE_FLING:
    if (!ui->slide.spent)
      ks_scroller_release(&ui->scroll, -(current(ui)->horizontal ? g->vx : g->vy) * ui->short_side);
    return true;
  case KS_GESTURE_SWIPE_LEFT:
  case KS_GESTURE_SWIPE_RIGHT:
    return !ui->slide.spent && turn_page(ui, g->type == KS_GESTURE_SWIPE_LEFT ? 1 : -1);
  default:
    return false;
  }
}

void ks_ui_set_idle_timeout(ks_ui *ui, float seconds) { ui->idle_timeout = seconds; }

/* How long before the reset the question shows: ten seconds, or half of a shorter timeout. */
static float ask_before(const ks_ui *ui) {
  return ui->idle_timeout > 2 * UI_IDLE_ASK_S ? UI_IDLE_ASK_S : ui->idle_timeout / 2;
}

bool ks_ui_tick(ks_ui *ui, float dt) {
  bool redraw = ks_scroller_step(&ui->scroll, dt);
  if (ui->slide.x != 0 && !(ui->dragging && ui->slide.axis == 1)) {
    /* A page let go glides home, quickly at first (about a sixth of a second). */
    float k = dt * 14 < 1 ? dt * 14 : 1;
    ui->slide.x -= ui->slide.x * k;
    if (fabsf(ui->slide.x) < 1 || !isfinite(ui->slide.x))
      ui->slide.x = 0;
    redraw = true;
  }
  if (current(ui)->tick)
    redraw |= current(ui)->tick(ui, ui->state, dt);
  if (current(ui)->wait_ms)
    return redraw;
  float before = ui->idle_timeout - ui->idle;
  ui->idle += dt;
  if (ui->idle_timeout > 0 && ui->idle >= ui->idle_timeout) {
    /* A visitor walked away: reset for the next one. */
    ui->depth = 0;
    ui->lang = ui->default_lang;
    ui->asking = false;
    enter(ui, KS_SCREEN_ATTRACT, NULL, NULL);
    return true;
  }
  float left = ui->idle_timeout - ui->idle;
  if (ui->idle_timeout > 0 && left <= ask_before(ui)) {
    /* Ask first, and count down: one reading a long page is not thrown out unwarned. */
    redraw |= !ui->asking || ceilf(left) != ceilf(before);
    ui->asking = true;
  }
  return redraw;
}

int ks_ui_wait_ms(const ks_ui *ui) {
  if (current(ui)->wait_ms)
    return current(ui)->wait_ms(ui, ui->state);
  if (ui->idle_timeout <= 0)
    return -1;
  float left = ui->idle_timeout - ui->idle;
  if (ui->asking) /* until the count shows the next second */
    return (int)((left - floorf(left)) * 1000) + 1;
  return (int)((left - ask_before(ui)) * 1000) + 1;
}

/* Moves what the last draw recorded from target `hits` and run `runs` on by `dx` pixels: a page
 * drawn shifted answers, and says what it says, where it shows. */
static void shift_record(ks_ui *ui, int hits, size_t runs, int dx) {
  for (int i = hits; dx && i < ui->n_hits; i++)
    ui->hits[i].rect.x += dx, ui->hits[i].full.x += dx;
  for (size_t i = runs; dx && i < ui->n_runs; i++)
    ui->runs[i].rect.x += dx;
}

/* A detail page drawn `dx` pixels along, kept to its own width: the one shown, or beside it the
 * one a slide would turn to. */
static void draw_page_at(ks_ui *ui, const frame *f, int dx) {
  ks_rect page = {0, 0, f->w, f->h};
  ks_gfx_set_shift(f->gfx, dx);
  if (dx)
    ks_gfx_set_bounds(f->gfx, &page);
  int hits = ui->n_hits;
  size_t runs = ui->n_runs;
  current(ui)->draw(f, ui->state);
  if (dx)
    ks_gfx_set_bounds(f->gfx, NULL);
  ks_gfx_set_shift(f->gfx, 0);
  shift_record(ui, hits, runs, dx);
}

/* While a detail page is off its place (a finger draws it sideways, or it settles after a turn),
 * the page it would turn to on the side it uncovers is drawn beside it, as a phone's photo viewer
 * does: at the top, as a page entered fresh, nothing on it pressed, and answering no touch (the
 * finger is on the page shown). Beyond an end of the list there is none: the background shows
 * while the page gives a little and springs back. */
static void draw_neighbour(ks_ui *ui, const frame *f, int shift) {
  if (shift == 0 || ui_screen_kind(ui->screen) < 0)
    return;
  ui_place at = ui_page_place(ui);
  const ks_exhibit *beside = shift < 0 ? at.next : at.prev;
  if (!beside)
    return;
  const ks_exhibit *shown = ui->exhibit;
  ks_scroller scroll = ui->scroll;
  action pressed = ui->pressed;
  int hits = ui->n_hits;
  ui->exhibit = beside;
  ks_scroller_init(&ui->scroll, 0, 0);
  ui->pressed = (action){0};
  draw_page_at(ui, f, shift < 0 ? shift + f->w : shift - f->w);
  ui->exhibit = shown;
  ui->scroll = scroll;
  ui->pressed = pressed;
  ui->n_hits = hits;
}

void ks_ui_draw(ks_ui *ui, ks_gfx *gfx) {
  frame f;
  ui_frame_init(&f, ui, gfx, ui->panel_mm);
  ui->short_side = (float)(f.w < f.h ? f.w : f.h);
  ui->mm_per_px = 1.0f / f.px_per_mm;
  ui->n_hits = 0;
  ui->pictures = 0;
  ui->visited = 0;
  ui->n_runs = 0;
  ui->run_texts_len = 0;
  ui->width = f.w;
  /* What the store handed out two frames ago may go now; the page shown is asked for again
   * (found in the store's cache: it was asked for in the last frame). */
  ks_store_frame(ui->store);
  if (ui->exhibit_id[0] && !(ui->exhibit = ui_find(ui, ui->exhibit_id)))
    enter(ui, KS_SCREEN_HOME, NULL, NULL); /* gone from a damaged pack: not a blank page */
  ks_gfx_clear(gfx, KS_BG);
  /* A page following a finger sideways is drawn where it is, and answers there; the page it
   * would turn to beside it. */
  int shift = ui_px(ui->slide.x);
  draw_page_at(ui, &f, shift);
  draw_neighbour(ui, &f, shift);
  if (ui->notice.text[0])
    ui_notice(&f);
  if (ui->asking)
    ui_idle_ask(&f, (int)ceilf(ui->idle_timeout - ui->idle));
  ks_gfx_flush(gfx);
}

void ks_ui_set_notice(ks_ui *ui, const char *zh, const char *en, float progress, unsigned buttons) {
  for (int l = 0; l < KS_LANG_MAX; l++) {
    free(ui->notice.text[l]);
    ui->notice.text[l] = NULL;
  }
  /* Escaped here, where every notice passes: they quote names from strangers' sticks. A notice
   * is written in Chinese and English: a language written in Chinese characters reads the
   * Chinese, any other the English. Every language has one (ui_notice draws slot 0's presence). */
  for (int l = 0; zh && l < KS_LANG_MAX; l++) {
    ks_script script = ks_lang_script(ks_content_lang_tag(ui->content, l));
    bool chinese = script == KS_SCRIPT_HANS || script == KS_SCRIPT_HANT;
    ui->notice.text[l] = ks_text_escape_dup(chinese || !en ? zh : en);
  }
  ui->notice.progress = progress;
  ui->notice.buttons = zh ? buttons : 0;
}

size_t ks_ui_visited(const ks_ui *ui) { return ui->visited; }

const char *ks_ui_notice(const ks_ui *ui, ks_lang lang) {
  return lang >= 0 && lang < KS_LANG_MAX ? ui->notice.text[lang] : NULL;
}

unsigned ks_ui_take_notice_tap(ks_ui *ui) {
  unsigned t = ui->notice.tapped;
  ui->notice.tapped = 0;
  return t;
}

int ks_ui_pictures(const ks_ui *ui) { return ui->pictures; }
