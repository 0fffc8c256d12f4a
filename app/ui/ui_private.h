/* Private to the UI: its state, the per-frame drawing context, the widgets every screen shares
 * (widgets.c), the table of screens (screens.c) and the screens (screens/). */
#ifndef KIOSK_UI_PRIVATE_H
#define KIOSK_UI_PRIVATE_H

#include "kiosk/mapdata.h"
#include "kiosk/scroller.h"
#include "kiosk/store.h"
#include "kiosk/ui.h"
#include "layout.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { MAX_HITS = 128, MAX_HISTORY = 16, TEXT_CACHE = 1024, MAX_RUNS = 512 };

#include "kiosk/textbox.h"

/* A text laid out and shaped once, kept while its screen shows: a steady frame shapes nothing. */
typedef struct {
  uint64_t hash;   /* of all of the key below; 0 marks a free slot */
  int size, max_w; /* size in pixels */
  size_t max_lines;
  ks_lang lang;
  bool parts;     /* laid out with its "·"-joined parts kept whole (ui_layout_parts) */
  char *text;     /* owned copy: the key, and what `box` points into unless `shown` is set */
  char *shown;    /* owned: what was laid out when it differs from the key; else NULL */
  ks_textbox box; /* laid out, lines shaped (ks_textbox_keep) */
} text_entry;

/* What touching a region does. */
typedef enum {
  ACT_NONE,
  ACT_GO,
  ACT_BACK,
  ACT_HOME,
  ACT_LANG,            /* select a language (exhibit: its tag, one of the pack's languages) */
  ACT_FILTER_FIELD,    /* show the achievements of one field (exhibit: the field, or NULL) */
  ACT_FILTER_PROVINCE, /* show those of one province (exhibit: the province, or NULL) */
  ACT_NOTICE,          /* a button of the curators' notice (screen: the ks_notice_button) */
  ACT_SEEK,            /* glide the timeline to an event (exhibit: its id) */
  ACT_TURN,     /* turn a detail page to a neighbour in its list, in place (exhibit: its id) */
  ACT_ZOOM_OUT, /* a map zoomed into a group of its pins back to the whole of it */
} action_kind;

typedef struct {
  action_kind kind;
  ks_screen_id screen; /* ACT_GO */
  const char *exhibit; /* ACT_GO to a detail screen, or a filter's value; owned by the content */
} action;

/* A region of the last frame that answers touches. */
typedef struct {
  ks_rect rect; /* where it answers */
  ks_rect full; /* all of it, hidden parts too (ks_ui_target) */
  action act;
  const char *label; /* what it says (ks_ui_target) */
  char name[48];     /* its action as ks_ui_target names it, where that has a value ("lang:zh") */
} hit;

enum { KS_MAX_YEARS = 64 }; /* the longest timeline span the year strip draws */

/* The exhibits, through the UI's store (include/kiosk/store.h): each kind's list in the order its
 * overview shows it, and what it lists (achievements newest first; cities the corridor's first;
 * events with a real date, by date; statistics the longest series first). Pointers handed out
 * last as long as the store says: through the frame being drawn and the input after it. */
size_t ui_count(const ks_ui *ui, ks_kind kind);
const ks_exhibit *ui_at(const ks_ui *ui, ks_kind kind, size_t i);
const char *ui_id_at(const ks_ui *ui, ks_kind kind, size_t i); /* without reading it */
const ks_exhibit *ui_find(const ks_ui *ui, const char *id);
/* Where `e` is in its kind's list, or SIZE_MAX. */
size_t ui_pos(const ks_ui *ui, const ks_exhibit *e);

/* The timeline's years, counted once when the UI is made: drawn every frame. */
typedef struct {
  int first_year, last_year; /* span of the timeline (0, 0 without events) */
  /* Per year (index: year - first_year, while the span is under KS_MAX_YEARS): how many events,
   * and the place in the events' list of its first. */
  int year_count[KS_MAX_YEARS], year_most;
  size_t year_first[KS_MAX_YEARS];
} ui_years;
/* The year of the i-th event of the timeline. */
int ui_event_year(const ks_ui *ui, size_t i);

/* What a screen leaves behind in the history to be found as it was when Back returns to it: the
 * navigator's scroll position and up to two values of the screen's own (its filters). */
typedef struct {
  float scroll;
  const char *keep[2]; /* owned by the content */
  double view[4];      /* a region the screen was zoomed into (the map: west, south, east,
                          north), or all 0 */
} ui_memo;

/* A screen: one row of the table in screens.c, one file under screens/. Its state (state_size
 * bytes, zeroed) is allocated when it is entered and freed when it is left; everything it
 * allocates it frees in `leave`. Every hook but draw may be NULL. */
typedef struct {
  const char *name;  /* as ks_screen_parse reads it */
  size_t state_size; /* of its state, or 0 for none */
  bool horizontal;   /* its list scrolls sideways (the navigator's scroller follows x) */
  /* Entered fresh (`back` NULL) or by Back with what `leave` saved. */
  void (*enter)(ks_ui *ui, void *state, const ui_memo *back);
  /* Left: saves into `memo` what Back should restore, and frees what the state owns. */
  void (*leave)(ks_ui *ui, void *state, ui_memo *memo);
  /* A gesture (`g`) before the navigator acts on it, or a tapped action (`a`) the navigator does
   * not know (a filter, a seek). Returns -1 when not handled, else whether to draw again. */
  int (*input)(ks_ui *ui, void *state, const ks_gesture *g, const action *a);
  /* Time passes on this screen; returns whether to draw again. */
  bool (*tick)(ks_ui *ui, void *state, float dt);
  /* Milliseconds until the screen next needs a tick. A screen that has this is never left by the
   * idle timer (the attract loop, which is where the idle timer leads). */
  int (*wait_ms)(const ks_ui *ui, const void *state);
  void (*draw)(const frame *f, void *state);
  /* For an overview: how it was left narrowed (`memo`: its filters), in `*out`; false when it
   * was not. A detail page opened from it turns only among those (ui_page_place). NULL: it
   * shows all of its kind. */
  bool (*filter)(const ui_memo *memo, ks_store_filter *out);
} ui_screen;

/* Where a detail page is in the list it turns through: its kind's, as the overview it was opened
 * from shows it (filtered as the visitor left it). */
typedef struct {
  size_t pos, n;                 /* its place (from 0) and the list's length; 0, 0 for none */
  const ks_exhibit *prev, *next; /* its neighbours, NULL at an end: the list does not wrap */
} ui_place;
ui_place ui_page_place(ks_ui *ui);

/* Every screen, indexed by ks_screen_id (screens.c). */
extern const ui_screen *const ui_screens[KS_SCREEN_COUNT];

/* Each kind of exhibit as the UI shows it: one row per kind (screens.c), the one place a kind
 * meets its screens. The kind's own order and choice of what its overview lists are functions of
 * its list screen's file. */
typedef struct {
  ks_screen_id screen;      /* the detail screen that shows one */
  ks_screen_id list_screen; /* its overview */
  const char *title_key;    /* the catalog key of its overview's title ("achievements.title") */
  const ks_color *accent;
  bool default_last; /* the last of the list (the latest event) rather than the first */
} ui_kind;
extern const ui_kind ui_kinds[];
/* The kind a screen shows one exhibit of, or -1 for an overview. */
int ui_screen_kind(ks_screen_id screen);
/* A statistic's value (statistic.c): its number as the UI's language writes it with the
 * article's word around it ("超327", "over 32.7 billion"); its unit (its own, else the
 * measure's); when it was true ("2019年", "2019年—2021年", "2024年1月报道", "2025年目标"); and
 * the number large with its unit on its baseline at `x`, `y`, returning the height. */
void ui_stat_number(const frame *f, const ks_stat_value *v, char *out, size_t size);
const char *ui_stat_unit(const frame *f, const ks_exhibit *e, const ks_stat_value *v);
void ui_stat_when(const frame *f, const ks_stat_value *v, char *out, size_t size);
int ui_stat_value(const frame *f, const ks_exhibit *e, const ks_stat_value *v, ui_size size, int x,
                  int y, int w, ks_color c);

struct ks_ui {
  ks_store *store; /* owned: the exhibits */
  /* The pack's metadata, languages and sources (ks_store_head): its exhibits are not read from
   * here but through the store. */
  const ks_content *content;
  ks_fonts *fonts;
  ks_lang lang;
  ui_years years;
  /* The screen shown: */
  ks_screen_id screen;
  const ks_exhibit *exhibit; /* shown by a detail screen: asked for again every frame, by */
  char exhibit_id[KS_ID_MAX + 1];
  char pressed_text[KS_ID_MAX + 16]; /* a copy of what `pressed` names: it outlives frames */
  void *state;                       /* the screen's own, from its enter until its leave */
  ks_scroller scroll;                /* the screen's list */
  action pressed;                    /* what the finger is on, drawn highlighted */
  bool dragging;
  struct {
    float x;     /* pixels a detail page is drawn shifted sideways: it follows a finger, and
                    settles back to 0 when let go (ks_ui_tick) */
    float moved; /* pixels the finger moved the page sideways in the drag under way */
    int axis;    /* the drag under way on a detail page: 0 not yet known, 1 sideways, 2 not */
    bool spent;  /* the drag's release already turned or bounced the page: its swipe is spent */
  } slide;
  int width;      /* pixels wide at the last draw */
  size_t visited; /* exhibits the draw under way has looked at (ks_ui_visited) */
  struct {
    ks_screen_id screen;
    char exhibit[KS_ID_MAX + 1]; /* its id, or "" */
    ui_memo memo;                /* what it saved when left */
  } history[MAX_HISTORY];        /* the screens Back returns to, as they were left */
  int depth;
  hit hits[MAX_HITS]; /* rebuilt by every draw */
  int n_hits;
  /* Pictures (an image, a chart, a locator map, a timeline strip) the last draw drew: what the
   * tests hold every page to (a page of words alone is a document, not an exhibit). */
  int pictures;
  ks_ui_text_run runs[MAX_RUNS];      /* the text drawn by the last draw, for ks_ui_text_run_at */
  char year_labels[KS_MAX_YEARS][16]; /* the year strip's targets' labels ("2019", "2018–2020") */
  size_t n_runs;
  char *run_texts;              /* each run's whole text, NUL-ended, one after another */
  size_t run_text_at[MAX_RUNS]; /* where run i's starts in run_texts */
  size_t run_texts_len, run_texts_cap;
  float panel_mm[2];    /* the panel's size as drawn (ks_ui_set_panel_mm), or 0, 0 */
  float mm_per_px;      /* at the last draw */
  float short_side;     /* pixels of the screen's short side at the last draw */
  ks_lang default_lang; /* what the attract loop resets to */
  ks_lang pack_lang;    /* the pack's default language: where a text missing in `lang` is read */
  float idle_timeout;   /* seconds; 0: never */
  float idle;           /* seconds since the last touch */
  bool asking;          /* "Still there?": the countdown before the reset shows (ui_idle_ask) */
  bool swallow;         /* the touch that woke the kiosk is not over yet */
  ks_mapdata *map;      /* coastline, lakes, rivers; NULL when not loaded */
  char *map_file;       /* the map to read when a screen first needs it (ui_map), or NULL */
  text_entry *texts;    /* TEXT_CACHE slots, open addressing, created on first use */
  size_t n_texts;
  struct {
    char *text[KS_LANG_MAX]; /* per language of the pack; NULL: no notice */
    float progress;          /* 0…1, or below 0 for no bar */
    unsigned buttons;        /* ks_notice_button set */
    unsigned tapped;         /* what was tapped, until taken */
  } notice;
  struct {
    char *text;         /* the url last encoded, or NULL */
    struct ks_qr *code; /* its QR code (NULL when it could not be made) */
  } qr;                 /* kept while its page shows (qrcode.c) */
};

/* The screens' contract with the pack: content reaches them validated, but they do not rely on
 * it. Any value a pack can hold is drawn or skipped — never trusted into an index, an allocation
 * size, a loop bound, a signed overflow or a float-to-int conversion. Dates are read with
 * ks_date_parse (an unreal one is shown as written and kept off the timeline), numbers are
 * compared without subtracting, a city whose position is not a point on the globe stays off the
 * map, and pixel positions computed from floats go through ui_px. */

/* A pixel coordinate from a float that may be huge or not a number: clamped to a range no screen
 * reaches, where sums of a few (and the glyph pen, x times 64) stay far from overflow; NaN gives
 * 0. */
static inline int ui_px(float v) {
  const float lim = 1 << 24;
  return v >= -lim && v <= lim ? (int)v : v > lim ? (int)lim : v < -lim ? -(int)lim : 0;
}

/* -1, 0 or 1 as a is below, equal to or above b: a comparator that cannot overflow (a - b can,
 * and an overflowed comparator is not an order: qsort may then lose or repeat elements). */
static inline int ui_cmp(int64_t a, int64_t b) { return (a > b) - (a < b); }

/* Counts `n` exhibits looked at by the draw under way (ks_ui_visited): drawn, measured or passed
 * over. A statistic of the draw that no screen reads, so helpers that only read the UI (and take
 * it const) count too; the UI itself is never a const object. */
static inline void ui_visit(const ks_ui *ui, size_t n) { ((ks_ui *)ui)->visited += n; }

/* A text of the model that may be missing in a damaged pack, as a string to draw. */
static inline const char *ui_str(const char *s) { return s ? s : ""; }

/* Two ids of the model, either of which a damaged pack may leave out, name the same thing. */
static inline bool ui_same_id(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

/* The tag of the UI's language ("zh", "ja"). */
static inline const char *lang_code(const frame *f) {
  const char *tag = ks_content_lang_tag(f->ui->content, f->ui->lang);
  return tag ? tag : "";
}

/* The face of a named type size, for the UI's language. */
static inline ks_face *face(const frame *f, ui_size size) {
  return ks_fonts_face_for(f->ui->fonts, f->px[size], lang_code(f));
}

/* The text in the UI's language, falling back to the pack's default language where it is
 * missing (the validator warned of it). */
static inline const char *tr(const frame *f, const ks_text *t) {
  const char *s = ks_text_in(t, f->ui->lang, f->ui->pack_lang, NULL);
  return s ? s : "";
}

/* A figure's value as the UI's language writes it: its own form, else the article's. */
static inline const char *ui_value(const frame *f, const ks_figure *fig) {
  const char *s = ks_text_in(&fig->value_tr, f->ui->lang, -1, NULL);
  return s ? s : fig->value ? fig->value : "";
}

/* The UI's own words (widgets.c), from the catalog of kiosk/strings.h: `key` in the UI's
 * language, else in the pack's default language, else in Chinese; the key itself when no
 * language has it (a bug unit.ui catches: every key is in every language). */
const char *ui_say(const frame *f, const char *key);
/* snprintf into `buf` with the catalog's format of `key`. The formats are not literals the
 * compiler can check: unit.ui checks that every language's takes the same arguments. */
int ui_sayf(const frame *f, char *buf, size_t size, const char *key, ...);
/* A count, `n`, with the format of `key` — or of `key`.one for exactly one, where the language
 * has such a form. */
int ui_say_count(const frame *f, char *buf, size_t size, const char *key, size_t n);

/* Widgets (widgets.c). Functions that draw return the height they took. */
/* `s` laid out `max_w` wide in at most `max_lines` lines at the type size `size`, from the
 * cache. */
const ks_textbox *ui_layout(const frame *f, const char *s, ui_size size, int max_w,
                            size_t max_lines);
/* A title fitted to `max_w`: at `size` on one line if it fits, else one step smaller on one line,
 * else wrapped at that smaller size in up to `max_lines`, and only then cut with an ellipsis.
 * The step is never below the subtitle's size (itself never below its floor). */
const ks_textbox *ui_fit(const frame *f, const char *s, ui_size size, int max_w, size_t max_lines);
/* As ui_fit, starting one step smaller: for a title beside others of its kind (home's tiles)
 * when one of them needed the step, so that they stay one size. */
const ks_textbox *ui_fit_stepped(const frame *f, const char *s, ui_size size, int max_w,
                                 size_t max_lines);
/* Whether a laid-out text was cut short (its last line ends in an ellipsis). */
bool ui_is_cut(const ks_textbox *box);
/* A title fitted to a box `max_w` wide and `max_h` high: at `size` in up to `lines` lines; where
 * that cuts it, at `size` in as many lines as the height holds; then at `smaller` in as many;
 * and only then cut with an ellipsis (the last try). */
const ks_textbox *ui_fit_lines(const frame *f, const char *s, ui_size size, ui_size smaller,
                               int max_w, int max_h, size_t lines);
/* Draws a laid-out box with its top left at (x, y), and records it as a run of text. */
void ui_draw_box(const frame *f, const ks_textbox *box, int x, int y, ks_color color);
/* Draws one line of `s` at `size` with its baseline at `baseline`, recorded as a run of text. */
void ui_draw_line(const frame *f, const char *s, ui_size size, int x, int baseline, ks_color color);
/* As ui_layout, for a text of parts joined by "·" (a subtitle): when it needs more than one line,
 * lines break between parts, not inside one (ks_text_break_between). */
const ks_textbox *ui_layout_parts(const frame *f, const char *s, ui_size size, int max_w,
                                  size_t max_lines);
/* Forgets every kept text (the screen changed). */
void ui_texts_clear(ks_ui *ui);
bool ui_same_action(action a, action b);
/* Makes `r` answer touches with `a`; `label` says what it shows (for ks_ui_target_at). Returns
 * whether the finger is on it now. */
bool ui_add_hit(const frame *f, ks_rect r, action a, const char *label);
/* A scrolling grid of cards (cards.c): `cols` columns of cards `w` by `h`, `gap` apart, the first
 * row's top at `y` (scrolled), from `x`; nothing above `top` answers a touch. */
typedef struct {
  int x, y, w, h, gap, cols, top;
} ui_card_grid_spec;
typedef void (*ui_card_draw)(const frame *f, ks_rect r, const ks_exhibit *e, bool pressed);
/* Draws the cards of `kind`'s list narrowed by `filter` (`n` of them) that are in view, each a
 * target that opens it on `opens`; reads none of the rows above the view and stops at the first
 * row below it. */
void ui_card_grid(const frame *f, const ui_card_grid_spec *grid, ks_kind kind,
                  const ks_store_filter *filter, size_t n, ks_screen_id opens, ui_card_draw draw);
/* As ui_add_hit for a target of which only `r`, a part of `full`, answers: the rest is hidden
 * under a fixed part of the screen. */
bool ui_add_hit_part(const frame *f, ks_rect r, ks_rect full, action a, const char *label);
/* Fills `r` with rounded corners as a thing a finger is on shows it when `pressed`: slightly
 * smaller, a white rim, a lighter fill — else plainly with `fill`. */
void ui_press_fill(const frame *f, ks_rect r, int radius, ks_color fill, bool pressed);
/* A chevron, pointing right (`dir` 1) or left (-1), centred on (cx, cy), `s` high each way: what
 * says a card, a row or a button leads somewhere. */
void ui_chevron(const frame *f, float cx, float cy, float s, int dir, ks_color c);
/* Records a run of text drawn at `size_px` in `r` (for ks_ui_text_run_at). */
void ui_add_run(const frame *f, ks_rect r, int size_px, const char *text);
/* Text set in a box `max_w` wide from (x, y), at most `max_lines` lines (0: all). */
int ui_text(const frame *f, const char *s, ui_size size, int x, int y, int max_w, size_t max_lines,
            ks_color color);
/* The header; with `draw` false only measured. Returns the y where content may start. */
int ui_header(const frame *f, const char *title, const char *subtitle, bool draw);
int ui_draw_header(const frame *f, const char *title, const char *subtitle);
/* A rounded label that may lead somewhere; returns its width. */
int ui_chip(const frame *f, const char *label, int x, int y, ks_color accent, action a,
            bool selected);
/* The width ui_chip takes for `label`. */
int ui_chip_width(const frame *f, const char *label);
/* An exhibit image filling `r`, or a placeholder while it loads or if it cannot be shown. */
void ui_image(const frame *f, const ks_image *image, ks_rect r);
/* The exhibit's images one under another at (x, y), `w` wide, each 16:9 with its caption
 * (app/ui/pictures.c): what every kind's page shows first in its side column. Returns the height
 * (0 without images). */
int ui_images(const frame *f, const ks_exhibit *e, int x, int y, int w);
/* When, as a picture (pictures.c): a line over the timeline's years (and `year`, where it comes
 * after them) with the events of each year as a small bar, `year` marked in gold with `label`
 * ("2019", "reported 2024"; "" where the page has said the date just above) over it, the first and
 * last years named. For a page that has no image, chart or map. Returns the height (0 for a year
 * not 1900…2100). */
int ui_when(const frame *f, int year, const char *label, int x, int y, int w);
/* The name of a province code in the UI's language. */
const char *ui_province_name(const frame *f, const char *province);
/* The sentences of `text` that none of the `others` says already (compared without spacing and
 * punctuation, nearly the same counting as said: app/ui/said.c), in their order; "" when every
 * one is said. A new string: free it. */
char *ui_unsaid(const char *text, const char *const *others, size_t n_others);
int ui_paragraphs(const frame *f, const char *body, int x, int y, int w, ks_color c);
int ui_links(const frame *f, const ks_exhibit *e, int x, int y, int w);
int ui_sources(const frame *f, const ks_exhibit *e, int x, int y, int w);
/* The sources a page lists (ui_sources): those its citations name, then those its values name (a
 * statistic's), each once. ui_cited_count is how many places to look at; ui_cited_source the
 * source at place `i` (below that count), NULL where that place names one listed before it or
 * none the pack has. */
size_t ui_cited_count(const ks_exhibit *e);
const ks_source *ui_cited_source(const frame *f, const ks_exhibit *e, size_t i);
/* QR codes (qrcode.c). The url a detail page shows as a code: the exhibit's own, else the first
 * of its listed sources' that has one; NULL for none. */
const char *ui_page_url(const frame *f, const ks_exhibit *e);
/* The width ui_qr takes for the code of `url`: the code's with its quiet zone, or its caption's
 * where that is wider; 0 when it has none (an empty url, one over KS_URL_MAX bytes). */
int ui_qr_width(const frame *f, const char *url);
/* Draws the code of `url` in a column ui_qr_width wide from (x, y) — a light square, the quiet
 * zone 4 modules, each module a whole number of pixels, the code at least 25 mm wide — and the
 * catalog's "qr.scan" under it, both centred. Returns the height taken, 0 when nothing was
 * drawn. */
int ui_qr(const frame *f, const char *url, int x, int y);
/* Forgets the code kept for the last url (the screen changed, the UI goes). */
void ui_qr_forget(ks_ui *ui);
void ui_format_date(const frame *f, const char *date, char *out, size_t size);
/* A date as it is said under a mark that says its year (the timeline's): the day and month
 * ("11月28日", "28 November"), the month ("3月", "March"); "" for a year alone. An unreal date as
 * written. */
void ui_date_in_year(const frame *f, const char *date, char *out, size_t size);
const char *ui_field_name(const frame *f, const char *field);
void ui_place_of(const frame *f, const ks_exhibit *e, char *out, size_t size);
/* An achievement's year as a card shows it: "2021", or "2023年报道" / "reported 2023" when the
 * article does not date the result and the year is only the one it was reported in. */
void ui_year_of(const frame *f, const ks_exhibit *e, char *out, size_t size);
/* The width of a one-line text at `size`, from its cached layout: a steady frame shapes nothing. */
int ui_text_width(const frame *f, const char *s, ui_size size);
/* The distance from one line to the next of a text at `size`, as ui_text sets it, and from the
 * top of its first line to that line's baseline. */
int ui_line_height(const frame *f, ui_size size);
int ui_baseline(const frame *f, ui_size size);
/* The columns of a detail page: the story on the left, `num`/`den` of the width, and what goes
 * beside it on the right — or, on a portrait display or where the right would be narrower than a
 * card, one column, the side under the story. */
typedef struct {
  int avail;          /* the width between the margins */
  int main_w;         /* the story's */
  int side_x, side_w; /* the side's */
  bool one;           /* one column */
} ui_columns2;
ui_columns2 ui_page_columns(const frame *f, int num, int den);
/* A detail page (an exhibit's), which scrolls under its fixed header: ui_page_begin measures the
 * header, sets out the columns and draws the summary (what of it the story and the subtitle do
 * not say already: no text is said twice); the screen draws what is its own from
 * `y`; ui_page_end draws the links and sources from `y`, sets how far the page scrolls and
 * draws the header over what scrolled under it. */
typedef struct {
  const char *title, *subtitle;
  int top;         /* where the page starts under the header */
  int offset;      /* how far it is scrolled */
  int view_h;      /* how tall the part of it in view is, between the header and the page bar */
  int left;        /* its left margin */
  ui_columns2 col; /* its columns (ui_page_columns) */
  int y;           /* where the next thing goes */
  int first_hit;   /* the first target of the page's own (ui_page_end keeps them off the header) */
  char *lead;      /* the summary as shown (ui_unsaid); ui_page_end frees it */
} ui_page;
ui_page ui_page_begin(const frame *f, const ks_exhibit *e, const char *title, const char *subtitle,
                      int num, int den);
void ui_page_end(const frame *f, ui_page *p, const ks_exhibit *e, int y);
/* A strip of the timeline's years within `a`: an axis, a dot for every event with the dots of one
 * year stacked (a bar as tall where the dots would be too small to see), the first and last
 * years named; the years `from` to `to` marked (0, 0: none): the part of the timeline in view,
 * or an event's own year. With `seek`, also every fifth year named, and each year with events a
 * place to tap that travels to its first event (ACT_SEEK). */
void ui_year_strip(const frame *f, ks_rect a, ks_color accent, int from, int to, bool seek);
/* Appends `s` to the string in `out` with word joiners between its CJK characters, so that a
 * short name (a city, a field) is never broken across lines; truncates to `size`. */
void ui_append_unbroken(char *out, size_t size, const char *s);

/* Leaves the attract loop for home; the rest of the touch that woke the kiosk activates nothing
 * (ui.c). */
void ui_wake(ks_ui *ui);
/* The curators' notice over any screen (widgets.c). */
void ui_notice(const frame *f);
/* Seconds before the idle reset that the kiosk asks whether anyone is still there. */
#define UI_IDLE_ASK_S 10.0f
/* The question over any screen, `seconds` left before the reset (widgets.c). */
void ui_idle_ask(const frame *f, int seconds);

#endif
