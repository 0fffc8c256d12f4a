#include "ui_private.h"

#include "kiosk/mem.h"
#include "kiosk/utf8.h"
#include "kiosk/validate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const screen_names[KS_SCREEN_COUNT] = {
    "home", "achievements", "achievement", "timeline", "event", "cities", "city", "attract"};

bool ks_screen_parse(const char *name, ks_screen_id *screen) {
  for (int i = 0; i < KS_SCREEN_COUNT; i++)
    if (strcmp(name, screen_names[i]) == 0) {
      *screen = (ks_screen_id)i;
      return true;
    }
  return false;
}

const char *ks_screen_name(ks_screen_id screen) {
  return screen < KS_SCREEN_COUNT ? screen_names[screen] : "";
}

/* Only events whose dates parse are sorted: all are of the form YYYY[-MM[-DD]]. */
static int by_date(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  int c = strcmp(x->date, y->date); /* YYYY < YYYY-MM < YYYY-MM-DD sorts as wanted */
  return c ? c : strcmp(x->id, y->id);
}

/* Corridor cities first, in corridor order, then the others by id. The order is compared, not
 * subtracted: INT_MAX and INT_MIN are orders a pack can hold. */
static int by_corridor_then_id(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  if ((x->corridor != NULL) != (y->corridor != NULL))
    return x->corridor ? -1 : 1;
  int c = x->corridor ? ui_cmp(x->corridor_order, y->corridor_order) : 0;
  return c ? c : strcmp(x->id, y->id);
}

static int by_year_desc(const void *a, const void *b) {
  const ks_exhibit *x = *(const ks_exhibit *const *)a, *y = *(const ks_exhibit *const *)b;
  int c = ui_cmp(y->year, x->year);
  return c ? c : strcmp(x->id, y->id);
}

/* The year of an event whose date is a real one (1900…2100), or 0. */
static int event_year(const ks_exhibit *e) {
  ks_date d;
  char why[96];
  return e->date && ks_date_parse(e->date, &d, why, sizeof why) ? d.year : 0;
}

ks_ui *ks_ui_create(const ks_content *content, ks_fonts *fonts, ks_lang lang) {
  ks_ui *ui = ks_xcalloc(1, sizeof *ui);
  ui->content = content;
  ui->fonts = fonts;
  ui->lang = ui->default_lang = lang;
  ui->idle_timeout = 90;
  ui->achievements = ks_xcalloc(content->n_exhibits + 1, sizeof *ui->achievements);
  ui->events = ks_xcalloc(content->n_exhibits + 1, sizeof *ui->events);
  ui->event_year = ks_xcalloc(content->n_exhibits + 1, sizeof *ui->event_year);
  ui->cities = ks_xcalloc(content->n_exhibits + 1, sizeof *ui->cities);
  for (size_t i = 0; i < content->n_exhibits; i++) {
    const ks_exhibit *e = &content->exhibits[i];
    if (e->kind == KS_KIND_ACHIEVEMENT)
      ui->achievements[ui->n_achievements++] = e;
    if (e->kind == KS_KIND_CITY)
      ui->cities[ui->n_cities++] = e;
    int year = e->kind == KS_KIND_EVENT ? event_year(e) : 0;
    if (year) { /* an event with no real date is left off the timeline */
      ui->events[ui->n_events++] = e;
      if (!ui->first_year || year < ui->first_year)
        ui->first_year = year;
      if (year > ui->last_year)
        ui->last_year = year;
    }
  }
  qsort(ui->achievements, ui->n_achievements, sizeof *ui->achievements, by_year_desc);
  qsort(ui->events, ui->n_events, sizeof *ui->events, by_date);
  for (size_t i = 0; i < ui->n_events; i++)
    ui->event_year[i] = event_year(ui->events[i]);
  ui->year_most = 1;
  for (size_t i = ui->n_events; i-- > 0;) {     /* backwards: a year's first event is set last */
    int k = ui->event_year[i] - ui->first_year; /* both 1900…2100 */
    if (k >= 0 && k < KS_MAX_YEARS) {
      ui->year_first[k] = i;
      if (++ui->year_count[k] > ui->year_most)
        ui->year_most = ui->year_count[k];
    }
  }
  qsort(ui->cities, ui->n_cities, sizeof *ui->cities, by_corridor_then_id);
  return ui;
}

void ks_ui_destroy(ks_ui *ui) {
  if (!ui)
    return;
  free(ui->achievements);
  free(ui->events);
  free(ui->event_year);
  free(ui->cities);
  ui_texts_clear(ui);
  free(ui->texts);
  ks_mapdata_destroy(ui->map);
  ks_ui_set_notice(ui, NULL, NULL, -1, 0);
  free(ui);
}

/* Enters a screen fresh: its list at the top, nothing pressed. */
static void enter(ks_ui *ui, ks_screen_id screen, const ks_exhibit *exhibit) {
  if (screen == KS_SCREEN_ATTRACT) {
    ui->slide = 0;
    ui->slide_time = 0;
    ui->attract_count = ui_attract_count(ui);
  }
  if (screen != ui->screen || exhibit != ui->exhibit)
    ui_texts_clear(ui); /* what the last screen laid out */
  ui->screen = screen;
  ui->exhibit = exhibit;
  ui->pressed = (action){0};
  ui->dragging = false;
  ks_scroller_init(&ui->scroll, 0, 0);
}

/* The kind of exhibit a screen shows, or -1 for a screen of no single exhibit. */
static int screen_kind(ks_screen_id screen) {
  return screen == KS_SCREEN_ACHIEVEMENT ? KS_KIND_ACHIEVEMENT
         : screen == KS_SCREEN_EVENT     ? KS_KIND_EVENT
         : screen == KS_SCREEN_CITY      ? KS_KIND_CITY
                                         : -1;
}

/* The timeline scrolls sideways; every other list scrolls up and down. */
static bool horizontal(ks_screen_id screen) { return screen == KS_SCREEN_TIMELINE; }

bool ks_ui_show(ks_ui *ui, ks_screen_id screen, const char *id) {
  if (screen >= KS_SCREEN_COUNT)
    return false;
  const ks_exhibit *e = NULL;
  if (screen_kind(screen) >= 0) {
    e = id ? ks_content_find(ui->content, id) : NULL;
    if (!e && id == NULL && screen == KS_SCREEN_ACHIEVEMENT && ui->n_achievements)
      e = ui->achievements[0]; /* no id given: the newest */
    if (!e && id == NULL && screen == KS_SCREEN_EVENT && ui->n_events)
      e = ui->events[ui->n_events - 1];
    if (!e && id == NULL && screen == KS_SCREEN_CITY && ui->n_cities)
      e = ui->cities[0];
    if (!e || (int)e->kind != screen_kind(screen))
      return false;
  }
  if (screen == ui->screen && e == ui->exhibit)
    return false;
  if (ui->depth < MAX_HISTORY) {
    ui->history[ui->depth].screen = ui->screen;
    ui->history[ui->depth].exhibit = ui->exhibit;
    ui->history[ui->depth].scroll = ui->scroll.pos;
    ui->depth++;
  }
  enter(ui, screen, e);
  return true;
}

void ks_ui_set_lang(ks_ui *ui, ks_lang lang) { ui->lang = lang; }

size_t ks_ui_tour(ks_ui *ui, ks_gfx *gfx, void (*each)(void *ctx), void *ctx) {
  static const ks_screen_id overview[] = {KS_SCREEN_HOME, KS_SCREEN_ACHIEVEMENTS, KS_SCREEN_CITIES,
                                          KS_SCREEN_TIMELINE, KS_SCREEN_ATTRACT};
  static const ks_screen_id detail[KS_KIND_COUNT] = {KS_SCREEN_ACHIEVEMENT, KS_SCREEN_CITY,
                                                     KS_SCREEN_EVENT};
  const size_t n_overview = sizeof overview / sizeof *overview;
  size_t screens = 0;
  for (int l = 0; l < KS_LANG_COUNT; l++) {
    ks_ui_set_lang(ui, (ks_lang)l);
    for (size_t i = 0; i < n_overview + ui->content->n_exhibits; i++) {
      ks_ui_home(ui);
      if (i < n_overview)
        ks_ui_show(ui, overview[i], NULL);
      else {
        const ks_exhibit *e = &ui->content->exhibits[i - n_overview];
        if (e->kind < KS_KIND_COUNT)
          ks_ui_show(ui, detail[e->kind], e->id);
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
ks_lang ks_ui_lang(const ks_ui *ui) { return ui->lang; }
const char *ks_ui_exhibit(const ks_ui *ui) { return ui->exhibit ? ui->exhibit->id : NULL; }

bool ks_ui_back(ks_ui *ui) {
  if (ui->depth == 0)
    return false;
  ui->depth--;
  enter(ui, ui->history[ui->depth].screen, ui->history[ui->depth].exhibit);
  /* Back where the visitor left it: the next frame sets the list's real bounds. */
  float pos = ui->history[ui->depth].scroll;
  ks_scroller_init(&ui->scroll, pos < 0 ? pos : 0, pos > 0 ? pos : 0);
  ui->scroll.pos = pos;
  return true;
}

bool ks_ui_home(ks_ui *ui) {
  bool changed = ui->screen != KS_SCREEN_HOME;
  ui->depth = 0;
  ui->filter_field = ui->filter_province = NULL;
  enter(ui, KS_SCREEN_HOME, NULL);
  return changed;
}

bool ks_ui_toggle_lang(ks_ui *ui) {
  ui->lang = ui->lang == KS_LANG_ZH ? KS_LANG_EN : KS_LANG_ZH;
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
  case ACT_LANG:
    return ks_ui_toggle_lang(ui);
  case ACT_FILTER_FIELD:
    ui->filter_field = a.exhibit;
    ks_scroller_init(&ui->scroll, 0, 0);
    return true;
  case ACT_FILTER_PROVINCE:
    ui->filter_province = a.exhibit;
    ks_scroller_init(&ui->scroll, 0, 0);
    return true;
  case ACT_SEEK:
    for (size_t i = 0; i < ui->n_events; i++)
      if (strcmp(ui->events[i]->id, a.exhibit) == 0) {
        ks_scroller_glide_to(&ui->scroll, (float)i * (float)ui->timeline_pitch);
        return true;
      }
    return false;
  case ACT_NOTICE:
    ui->notice.tapped |= (unsigned)a.screen;
    if ((unsigned)a.screen == KS_NOTICE_DISMISS)
      ks_ui_set_notice(ui, NULL, NULL, -1, 0);
    return true;
  default:
    return false;
  }
}

/* The list a detail screen belongs to, in the order its overview shows it. */
static const ks_exhibit *const *detail_list(const ks_ui *ui, size_t *n) {
  switch (ui->screen) {
  case KS_SCREEN_ACHIEVEMENT:
    *n = ui->n_achievements;
    return ui->achievements;
  case KS_SCREEN_EVENT:
    *n = ui->n_events;
    return ui->events;
  case KS_SCREEN_CITY:
    *n = ui->n_cities;
    return ui->cities;
  default:
    *n = 0;
    return NULL;
  }
}

/* A swipe on a detail page turns to the next (left) or previous (right) exhibit of its list, in
 * place: Back still leads where it did before. */
static bool turn_page(ks_ui *ui, int step) {
  size_t n;
  const ks_exhibit *const *list = detail_list(ui, &n);
  for (size_t i = 0; list && i < n; i++)
    if (list[i] == ui->exhibit) {
      size_t next = (i + n + (size_t)(step + (int)n)) % n; /* wraps around at both ends */
      if (list[next] == ui->exhibit)
        return false;
      enter(ui, ui->screen, list[next]);
      return true;
    }
  return false;
}

bool ks_ui_gesture(ks_ui *ui, const ks_gesture *g) {
  ui->idle = 0;
  if (ui->screen == KS_SCREEN_ATTRACT) {
    /* Any touch wakes the kiosk; the rest of that touch activates nothing, even if home has
     * been drawn under the finger before it lifts. */
    if (g->type == KS_GESTURE_PRESS) {
      enter(ui, KS_SCREEN_HOME, NULL);
      ui->swallow = true;
      return true;
    }
    return false;
  }
  if (ui->swallow) {
    if (g->type != KS_GESTURE_PRESS)
      return false;
    ui->swallow = false;
  }
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
    /* The content follows the finger. */
    ks_scroller_drag(&ui->scroll, -(horizontal(ui->screen) ? g->dx : g->dy) * ui->short_side);
    return true;
  case KS_GESTURE_DRAG_END:
    ui->dragging = false;
    ks_scroller_release(&ui->scroll, 0);
    return true;
  case KS_GESTURE_FLING:
    ks_scroller_release(&ui->scroll, -(horizontal(ui->screen) ? g->vx : g->vy) * ui->short_side);
    return true;
  case KS_GESTURE_SWIPE_LEFT:
  case KS_GESTURE_SWIPE_RIGHT:
    return turn_page(ui, g->type == KS_GESTURE_SWIPE_LEFT ? 1 : -1);
  default:
    return false;
  }
}

void ks_ui_set_idle_timeout(ks_ui *ui, float seconds) { ui->idle_timeout = seconds; }

bool ks_ui_tick(ks_ui *ui, float dt) {
  bool redraw = ks_scroller_step(&ui->scroll, dt);
  if (ui->screen == KS_SCREEN_ATTRACT) {
    float before = ui->slide_time;
    ui->slide_time += dt;
    if (ui->slide_time >= UI_SLIDE_SECONDS) { /* the next highlight */
      ui->slide = ui->attract_count ? (ui->slide + 1) % ui->attract_count : 0;
      ui->slide_time = 0;
      return true;
    }
    return redraw || before < UI_FADE_SECONDS; /* frames only while fading in */
  }
  ui->idle += dt;
  if (ui->idle_timeout > 0 && ui->idle >= ui->idle_timeout) {
    /* A visitor walked away: reset for the next one. */
    ui->depth = 0;
    ui->lang = ui->default_lang;
    enter(ui, KS_SCREEN_ATTRACT, NULL);
    return true;
  }
  return redraw;
}

int ks_ui_wait_ms(const ks_ui *ui) {
  if (ui->screen == KS_SCREEN_ATTRACT)
    return (int)((UI_SLIDE_SECONDS - ui->slide_time) * 1000) + 1;
  if (ui->idle_timeout <= 0)
    return -1;
  return (int)((ui->idle_timeout - ui->idle) * 1000) + 1;
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
    ui_screen_home(&f);
    break;
  case KS_SCREEN_ACHIEVEMENTS:
    ui_screen_achievements(&f);
    break;
  case KS_SCREEN_ACHIEVEMENT:
    ui_screen_achievement(&f);
    break;
  case KS_SCREEN_TIMELINE:
    ui_screen_timeline(&f);
    break;
  case KS_SCREEN_EVENT:
    ui_screen_event(&f);
    break;
  case KS_SCREEN_CITIES:
    ui_screen_cities(&f);
    break;
  case KS_SCREEN_CITY:
    ui_screen_city(&f);
    break;
  case KS_SCREEN_ATTRACT:
    ui_screen_attract(&f);
    break;
  default:
    break;
  }
  if (ui->notice.text[KS_LANG_ZH])
    ui_notice(&f);
  ks_gfx_flush(gfx);
}

void ks_ui_set_notice(ks_ui *ui, const char *zh, const char *en, float progress, unsigned buttons) {
  for (int l = 0; l < KS_LANG_COUNT; l++) {
    free(ui->notice.text[l]);
    ui->notice.text[l] = NULL;
  }
  if (zh) { /* escaped here, where every notice passes: they quote names from strangers' sticks */
    ui->notice.text[KS_LANG_ZH] = ks_text_escape_dup(zh);
    ui->notice.text[KS_LANG_EN] = ks_text_escape_dup(en ? en : zh);
  }
  ui->notice.progress = progress;
  ui->notice.buttons = zh ? buttons : 0;
}

const char *ks_ui_notice(const ks_ui *ui, ks_lang lang) {
  return lang >= 0 && lang < KS_LANG_COUNT ? ui->notice.text[lang] : NULL;
}

unsigned ks_ui_take_notice_tap(ks_ui *ui) {
  unsigned t = ui->notice.tapped;
  ui->notice.tapped = 0;
  return t;
}
