/* The attract loop's moving pictures (attract_show.h): the flight over the corridor map, the
 * figures counting up, the years drifting past, the call to action. Every motion eases in and
 * out and is slow enough to follow from across a hall. */
#include "attract_show.h"

#include "kiosk/amount.h"
#include "kiosk/strings.h"
#include "mapview.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

float ui_ease(float u) {
  u = u < 0 ? 0 : u > 1 ? 1 : u;
  float v = -2 * u + 2;
  return u < 0.5f ? 4 * u * u * u : 1 - v * v * v / 2;
}

float ui_ease_out(float u) {
  u = u < 0 ? 0 : u > 1 ? 1 : u;
  float v = 1 - u;
  return 1 - v * v * v;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool ui_count_text(const char *text, float u, char *out, size_t size) {
  double whole;
  if (!out || !size)
    return false;
  out[0] = '\0';
  if (!text || !ks_amount_parse(text, &whole))
    return false;
  const char *d = text;
  while (*d && !is_digit(*d))
    d++;
  /* The run: digits, "," between groups, one "." before decimals. */
  const char *e = d;
  int decimals = -1, digits = 0;
  bool grouped = false;
  uint64_t target = 0;
  for (;; e++) {
    if (is_digit(*e)) {
      if (++digits > 15)
        return false; /* past what counts exactly in a double */
      target = target * 10 + (uint64_t)(*e - '0');
      decimals += decimals >= 0;
    } else if (*e == ',' && decimals < 0 && digits && is_digit(e[1])) {
      grouped = true;
    } else if (*e == '.' && decimals < 0 && digits && is_digit(e[1])) {
      decimals = 0;
    } else {
      break;
    }
  }
  if (!digits || *e == '/')
    return false; /* no number, or a fraction: "0/8" is no step towards "1/8" */
  if (!(u < 1)) {
    snprintf(out, size, "%s", text);
    return true;
  }
  uint64_t shown = (uint64_t)floor((double)target * (double)(u > 0 ? u : 0));
  uint64_t scale = 1;
  for (int i = 0; i < decimals; i++)
    scale *= 10;
  char num[48];
  int n = snprintf(num, sizeof num, "%llu", (unsigned long long)(shown / scale));
  char grouped_num[64];
  size_t g = 0;
  for (int i = 0; i < n; i++) {
    if (grouped && i > 0 && (n - i) % 3 == 0)
      grouped_num[g++] = ',';
    grouped_num[g++] = num[i];
  }
  grouped_num[g] = '\0';
  num[0] = '\0';
  if (decimals > 0) { /* the decimals, as many as the text has (at most 15) */
    num[0] = '.';
    uint64_t frac = shown % scale;
    for (int i = decimals; i > 0; i--, frac /= 10)
      num[i] = (char)('0' + frac % 10);
    num[decimals + 1] = '\0';
  }
  snprintf(out, size, "%.*s%s%s%s", (int)(d - text), text, grouped_num, num, e);
  return true;
}

/* The flight's pace, in seconds: a rest at each stop, a glide to the next, and a longer rest on
 * the whole corridor before it starts over. */
#define HOLD_S 2.0
#define GLIDE_S 3.0
#define OVERVIEW_S 4.0
/* A pulse leaves the city the camera is at every so often. */
#define PULSE_S 2.0

void ui_flight_plan(const ks_ui *ui, ui_flight *fl) {
  memset(fl, 0, sizeof *fl);
  const ks_place *p;
  size_t n = ks_store_places(ui->store, &p);
  /* The corridor's cities in its order; a pack without a corridor tours its first cities. */
  for (int pass = 0; pass < 2 && fl->n == 0; pass++)
    for (size_t i = 0; i < n && fl->n < (pass ? 8u : UI_FLIGHT_STOPS); i++)
      if (ui_place_on_globe(&p[i]) && (pass || p[i].corridor)) {
        fl->place[fl->n] = i, fl->lon[fl->n] = p[i].lon, fl->lat[fl->n] = p[i].lat;
        fl->n++;
      }
  double w = 180, s = 90, e = -180, nn = -90;
  for (size_t i = 0; i < fl->n; i++) {
    w = fmin(w, fl->lon[i]), e = fmax(e, fl->lon[i]);
    s = fmin(s, fl->lat[i]), nn = fmax(nn, fl->lat[i]);
  }
  if (!fl->n) /* no city to visit: the map's own region, or the delta's */
    w = 115.5, s = 27.5, e = 123, nn = 35.2;
  fl->box[0] = w, fl->box[1] = s, fl->box[2] = e, fl->box[3] = nn;
  fl->k = cos((s + nn) / 2 * 3.14159265358979 / 180);
}

double ui_flight_period(const ui_flight *fl) {
  return (double)fl->n * (HOLD_S + GLIDE_S) + OVERVIEW_S + GLIDE_S;
}

/* Where the flight is: resting at key `from` (a stop, or fl->n for the whole corridor), or
 * gliding from it to `to`, `u` of the way (eased: `e`). */
typedef struct {
  size_t from, to;
  bool gliding;
  float u, e;
} flight_phase;

static flight_phase phase_at(const ui_flight *fl, double t) {
  double tau = fmod(t, ui_flight_period(fl));
  tau = tau >= 0 ? tau : 0;
  for (size_t i = 0; i <= fl->n; i++) {
    double hold = i < fl->n ? HOLD_S : OVERVIEW_S;
    if (tau < hold)
      return (flight_phase){i, i, false, 0, 0};
    tau -= hold;
    if (tau < GLIDE_S) {
      float u = (float)(tau / GLIDE_S);
      return (flight_phase){i, (i + 1) % (fl->n + 1), true, u, ui_ease(u)};
    }
    tau -= GLIDE_S;
  }
  return (flight_phase){fl->n, fl->n, false, 0, 0};
}

/* How lit stop `j` is (0 to 1): the stops reached so far in this round; all of them while the
 * whole corridor shows, going out as the flight leaves it to start over. */
static float lit(const ui_flight *fl, flight_phase ph, size_t j) {
  if (!ph.gliding)
    return ph.from == fl->n || j <= ph.from ? 1 : 0;
  if (ph.from == fl->n)
    return j == 0 ? 1 : 1 - ui_ease(ph.u / 0.5f);
  if (j <= ph.from)
    return 1;
  return j == ph.to ? ui_ease((ph.u - 0.6f) / 0.4f) : 0;
}

/* How plainly stop `j` is named: while the camera rests on it, coming as it arrives and going
 * as it leaves. */
static float named(const ui_flight *fl, flight_phase ph, size_t j) {
  if (j >= fl->n)
    return 0;
  if (!ph.gliding)
    return ph.from == j ? 1 : 0;
  float a = ph.from == j ? 1 - ui_ease(ph.u / 0.3f) : 0;
  return ph.to == j ? fmaxf(a, ui_ease((ph.u - 0.7f) / 0.3f)) : a;
}

static ks_color faded(ks_color c, float a) {
  c.a = (uint8_t)((float)c.a * (a < 0 ? 0 : a > 1 ? 1 : a));
  return c;
}

typedef struct {
  double lon, lat, scale; /* the point at the focus, and pixels a degree of latitude */
} camera;

/* The camera of the flight at `ph`, its focus at (fx, fy): at a stop close in, on the corridor
 * far enough out to see all of it in `window`, and on a long glide rising in the middle. */
static camera camera_at(const frame *f, const ui_flight *fl, flight_phase ph, ks_rect window,
                        float fx, float fy) {
  double bw = fmax(fl->box[2] - fl->box[0], 0.5) * fl->k, bh = fmax(fl->box[3] - fl->box[1], 0.5);
  double over = fmin(window.w / bw, window.h / bh) * 0.7, close = over * 2.2;
  camera key[2];
  size_t at[2] = {ph.from, ph.to};
  for (int i = 0; i < 2; i++)
    key[i] = at[i] < fl->n
                 ? (camera){fl->lon[at[i]], fl->lat[at[i]], close}
                 : (camera){(fl->box[0] + fl->box[2]) / 2, (fl->box[1] + fl->box[3]) / 2, over};
  double e = ph.e;
  camera c = {key[0].lon + (key[1].lon - key[0].lon) * e,
              key[0].lat + (key[1].lat - key[0].lat) * e,
              exp(log(key[0].scale) + (log(key[1].scale) - log(key[0].scale)) * e)};
  double s = fmin(key[0].scale, key[1].scale), side = fmin(window.w, window.h);
  double way = hypot((key[1].lon - key[0].lon) * fl->k * s, (key[1].lat - key[0].lat) * s);
  double rise = fmin(fmax(way / fmax(side, 1) - 0.4, 0), 1) * 0.5;
  c.scale /= 1 + rise * sin(3.14159265358979 * e);
  /* The part of the screen in view (right of or under what covers it, above the years' band)
   * kept within the map's data: no straight edge where the data ends. */
  const ks_mapdata *map = ui_map(f->ui);
  if (map) {
    double w, so, ea, n;
    ks_mapdata_bbox(map, &w, &so, &ea, &n);
    double vx0 = window.x, vx1 = f->w, vy0 = window.y, vy1 = f->h - ui_drift_height(f);
    double least = fmax((vx1 - vx0) / ((ea - w) * fl->k), (vy1 - vy0) / (n - so));
    c.scale = fmax(c.scale, least);
    double kx = fl->k * c.scale;
    c.lon = fmin(fmax(c.lon, w + (fx - vx0) / kx), ea - (vx1 - fx) / kx);
    c.lat = fmin(fmax(c.lat, so + (vy1 - fy) / c.scale), n - (fy - vy0) / c.scale);
  }
  return c;
}

/* The names of place `c` in the pack's first two languages, "合肥  Hefei", into `out`. */
static void both_names(const frame *f, const ks_place *c, char *out, size_t size) {
  const ks_content *content = f->ui->content;
  out[0] = '\0';
  const char *first = NULL;
  for (ks_lang l = 0; l < content->meta.n_languages && l < 2; l++) {
    const char *s = ks_text_in(&c->title, l, -1, NULL);
    if (!s || (first && strcmp(first, s) == 0))
      continue;
    size_t n = strlen(out);
    snprintf(out + n, size - n, "%s%s", first ? "  " : "", s);
    first = first ? first : s;
  }
}

void ui_flight_draw(const frame *f, const ui_flight *fl, double t, ks_rect window, ks_rect shown) {
  const ks_ui *ui = f->ui;
  flight_phase ph = phase_at(fl, t);
  float fx = (float)window.x + (float)window.w / 2, fy = (float)window.y + (float)window.h / 2;
  camera c = camera_at(f, fl, ph, window, fx, fy);
  ui_map_proj p = {.west = c.lon, .north = c.lat, .k = fl->k, .scale = c.scale, .x0 = fx, .y0 = fy};
  const ks_mapdata *map = ui_map(ui);
  if (map)
    ui_map_paint(f, map, &p, shown);
  ks_gfx_set_clip(f->gfx, &shown); /* nothing drawn under what covers the map: the cost of
                                      painting it is the part in view */
  const ks_place *places;
  size_t n = ks_store_places(ui->store, &places);
  float pad = (float)sz(f, UI_PIN) * 8;
  /* The other cities, small: where the corridor sits among them. */
  for (size_t i = 0; i < n && i < 4096; i++) {
    if (!ui_place_on_globe(&places[i]) || places[i].corridor)
      continue;
    float x, y;
    ui_map_project(&p, places[i].lon, places[i].lat, &x, &y);
    if (x > -pad && y > -pad && x < (float)f->w + pad && y < (float)f->h + pad)
      ks_gfx_fill_circle(f->gfx, x, y, (float)sz(f, UI_DOT), faded(KS_GOLD, 0.7f));
  }
  float xy[2 * (UI_FLIGHT_STOPS + 1)];
  for (size_t j = 0; j < fl->n; j++)
    ui_map_project(&p, fl->lon[j], fl->lat[j], &xy[2 * j], &xy[2 * j + 1]);
  /* The corridor's line through the stops reached, growing with the camera along the glide;
   * on the way back to the first, going out. */
  float line[2 * (UI_FLIGHT_STOPS + 1)];
  size_t m = 0, last = ph.from < fl->n ? ph.from : fl->n ? fl->n - 1 : 0;
  for (size_t j = 0; j <= last && j < fl->n; j++)
    line[2 * m] = xy[2 * j], line[2 * m + 1] = xy[2 * j + 1], m++;
  if (ph.gliding && ph.from < fl->n && ph.to < fl->n && ph.to > ph.from) {
    line[2 * m] = xy[2 * ph.from] + (xy[2 * ph.to] - xy[2 * ph.from]) * ph.e;
    line[2 * m + 1] = xy[2 * ph.from + 1] + (xy[2 * ph.to + 1] - xy[2 * ph.from + 1]) * ph.e;
    m++;
  }
  float line_a = ph.gliding && ph.from == fl->n ? 1 - ui_ease(ph.u / 0.5f) : 1;
  if (m > 1)
    ks_gfx_polyline(f->gfx, line, m, (float)sz(f, UI_STROKE), faded(KS_TEAL, line_a));
  /* The stops: dim until reached, then lit with a glow; the one the camera is at pulsing. */
  float r = (float)sz(f, UI_PIN);
  float pulse = (float)(fmod(t, PULSE_S) / PULSE_S);
  for (size_t j = 0; j < fl->n; j++) {
    float a = lit(fl, ph, j), nm = named(fl, ph, j), x = xy[2 * j], y = xy[2 * j + 1];
    if (nm > 0)
      ks_gfx_fill_circle(f->gfx, x, y, r * (1.5f + 3.5f * ui_ease_out(pulse)),
                         faded(KS_TEAL, 0.45f * (1 - pulse) * nm));
    if (a > 0)
      ks_gfx_fill_circle(f->gfx, x, y, r * 2.2f, faded(KS_TEAL, 0.3f * a));
    ks_gfx_fill_circle(f->gfx, x, y, r + (float)sz(f, UI_SP_XXS), KS_BG);
    ks_color dim = {0x3c, 0x6b, 0x75, 0xff}, pin = KS_TEAL;
    pin.r = (uint8_t)((float)dim.r + ((float)KS_TEAL.r - (float)dim.r) * a);
    pin.g = (uint8_t)((float)dim.g + ((float)KS_TEAL.g - (float)dim.g) * a);
    pin.b = (uint8_t)((float)dim.b + ((float)KS_TEAL.b - (float)dim.b) * a);
    ks_gfx_fill_circle(f->gfx, x, y, r, pin);
  }
  /* The name of the stop the camera is at, beside its pin on a dark pill (on the side that has
   * room), in the pack's languages. */
  for (size_t j = 0; j < fl->n; j++) {
    float a = named(fl, ph, j);
    if (a <= 0 || fl->place[j] >= n)
      continue;
    char name[256];
    both_names(f, &places[fl->place[j]], name, sizeof name);
    int pad_x = sz(f, UI_SP_M), tw = ui_text_width(f, name, UI_TYPE_TITLE);
    int h = ui_line_height(f, UI_TYPE_TITLE) + 2 * sz(f, UI_SP_XS), w = tw + 2 * pad_x;
    int x = (int)(xy[2 * j] + r * 2.2f), y = (int)xy[2 * j + 1] - h / 2;
    if (x + w > f->w - sz(f, UI_MARGIN)) /* no room on the right: on the left, else above */
      x = (int)(xy[2 * j] - r * 2.2f) - w;
    if (x < window.x + sz(f, UI_SP_S)) {
      x = (int)xy[2 * j] - w / 2;
      x = x + w > f->w - sz(f, UI_MARGIN) ? f->w - sz(f, UI_MARGIN) - w : x;
      x = x < window.x + sz(f, UI_SP_S) ? window.x + sz(f, UI_SP_S) : x;
      y = (int)(xy[2 * j + 1] - r * 2.2f) - h;
    }
    ks_gfx_fill_round_rect(f->gfx, (ks_rect){x, y, w, h}, h / 2, faded(KS_BG, 0.85f * a));
    ui_text(f, name, UI_TYPE_TITLE, x + pad_x, y + sz(f, UI_SP_XS), tw + 1, 1, faded(KS_TEXT, a));
  }
  /* The whole corridor: its name over it. */
  float over = !ph.gliding        ? (ph.from == fl->n ? 1.0f : 0.0f)
               : ph.to == fl->n   ? ui_ease((ph.u - 0.6f) / 0.4f)
               : ph.from == fl->n ? 1 - ui_ease(ph.u / 0.3f)
                                  : 0.0f;
  if (over > 0 && fl->n > 1) {
    const char *title = ui_say(f, "cities.corridor");
    int tw = ui_text_width(f, title, UI_TYPE_TITLE);
    ui_text(f, title, UI_TYPE_TITLE, window.x + (window.w - tw) / 2, window.y + sz(f, UI_SP_XL),
            tw + 1, 1, faded(KS_TEAL, over));
  }
  ks_gfx_set_clip(f->gfx, NULL);
}

/* The years' drift: a year passes every so many seconds; after the last, a few empty years,
 * then the first again. */
#define YEAR_S 1.6
enum { DRIFT_GAP_YEARS = 3 };

int ui_drift_height(const frame *f) {
  return ui_line_height(f, UI_TYPE_BODY) + 3 * sz(f, UI_SP_S) + 3 * sz(f, UI_SP_L);
}

void ui_drift_years(const frame *f, ks_rect band, double t, int mark) {
  const ui_years *y = &f->ui->years;
  int first = y->first_year, span = y->last_year - y->first_year + 1;
  if (!first || span < 1 || span > KS_MAX_YEARS)
    return;
  ks_gfx_fill_rect(f->gfx, band, KS_BG); /* opaque: filled without blending */
  ks_gfx_set_clip(f->gfx, &band);
  int label_h = ui_line_height(f, UI_TYPE_BODY), lw = ui_text_width(f, "2000", UI_TYPE_BODY);
  float axis = (float)(band.y + band.h - sz(f, UI_SP_S) - label_h);
  float top = (float)(band.y + sz(f, UI_SP_S)), room = axis - top - (float)sz(f, UI_SP_XS);
  float pitch = fmaxf((float)ui_mm(f, 12), (float)(lw + sz(f, UI_SP_XL)));
  double period = (double)(span + DRIFT_GAP_YEARS) * pitch;
  double offset = fmod(t * pitch / YEAR_S, period);
  float ends[4] = {(float)band.x, axis, (float)(band.x + band.w), axis};
  ks_gfx_polyline(f->gfx, ends, 2, (float)sz(f, UI_LINE_W), faded(KS_TEXT_DIM, 0.5f));
  float bw = fmaxf(fminf((float)sz(f, UI_SP_M), pitch * 0.4f), 2);
  for (int copy = 0; copy < 4; copy++) {
    double base = (double)band.x - offset + copy * period;
    if (base > band.x + band.w)
      break;
    for (int k = 0; k < span; k++) {
      float x = (float)(base + (k + 0.5) * pitch);
      if (x < (float)band.x - pitch || x > (float)(band.x + band.w) + pitch)
        continue;
      int count = y->year_count[k], year = first + k;
      if (year == mark) /* the year of the event shown above */
        ks_gfx_fill_round_rect(f->gfx,
                               (ks_rect){(int)(x - pitch / 2), band.y + sz(f, UI_SP_XXS),
                                         (int)pitch, band.h - 2 * sz(f, UI_SP_XXS)},
                               sz(f, UI_SP_S), KS_CARD_PRESSED);
      float tick[4] = {x, axis - (float)sz(f, UI_SP_XS), x, axis};
      ks_gfx_polyline(f->gfx, tick, 2, (float)sz(f, UI_LINE_W), faded(KS_TEXT_DIM, 0.5f));
      if (count > 0 && y->year_most > 0) {
        float h = fmaxf(room * (float)count / (float)y->year_most, bw);
        ks_gfx_fill_round_rect(f->gfx,
                               (ks_rect){(int)(x - bw / 2), (int)(axis - h), (int)bw, (int)h},
                               (int)(bw / 2), KS_CORAL);
      }
      if (count > 0 || year % 5 == 0) {
        char label[16];
        snprintf(label, sizeof label, "%d", year);
        int w = ui_text_width(f, label, UI_TYPE_BODY);
        ui_text(f, label, UI_TYPE_BODY, (int)x - w / 2, (int)axis + sz(f, UI_SP_XS), w + 1, 1,
                year == mark ? KS_CORAL
                : count      ? KS_TEXT_DIM
                             : faded(KS_TEXT_DIM, 0.6f));
      }
    }
  }
  ks_gfx_set_clip(f->gfx, NULL);
}

/* The call to action breathes: a glow leaves the pill every so often. */
#define BREATH_S 2.4

int ui_call_to_action(const frame *f, double t, int left, int width, int bottom, bool draw) {
  const ks_ui *ui = f->ui;
  const char *lines[3];
  int n = 0;
  const char *fallback = ui->content->meta.default_lang;
  for (ks_lang l = 0; l < ui->content->meta.n_languages && n < 3; l++) {
    const char *s = ks_strings_say(ks_content_lang_tag(ui->content, l), "attract.cue", fallback);
    if (n == 0 || strcmp(lines[n - 1], s) != 0)
      lines[n++] = s;
  }
  if (n == 0)
    lines[n++] = ks_strings_say(fallback, "attract.cue", fallback);
  int pad = sz(f, UI_SP_3XL), avail = width - 2 * sz(f, UI_MARGIN) - 2 * pad;
  /* One line where the languages fit on one, "轻触开始探索 / Touch to explore"; else a line each,
   * a step smaller where one is still too wide. */
  char one[256] = "";
  for (int i = 0; i < n; i++) {
    size_t len = strlen(one);
    snprintf(one + len, sizeof one - len, "%s%s", i ? "  /  " : "", lines[i]);
  }
  ui_size size = UI_TYPE_HERO;
  if (ui_text_width(f, one, size) <= avail) {
    lines[0] = one;
    n = 1;
  }
  int widest = 0;
  for (int i = 0; i < n; i++) {
    int w = ui_text_width(f, lines[i], size);
    if (w > avail && size == UI_TYPE_HERO) {
      size = UI_TYPE_TITLE, i = -1, widest = 0;
      continue;
    }
    widest = w > widest ? w : widest;
  }
  widest = widest < avail ? widest : avail;
  int lh = ui_line_height(f, size), vpad = sz(f, UI_SP_L);
  ks_rect pill = {left + (width - widest - 2 * pad) / 2, bottom - n * lh - 2 * vpad,
                  widest + 2 * pad, n * lh + 2 * vpad};
  if (!draw)
    return pill.y;
  int radius = n == 1 ? pill.h / 2 : 2 * sz(f, UI_RADIUS);
  float b = (float)(fmod(t, BREATH_S) / BREATH_S);
  int grow = (int)((float)ui_mm(f, 3) * ui_ease_out(b));
  ks_gfx_fill_round_rect(f->gfx, ui_inset(pill, -grow), radius + grow,
                         faded(KS_GOLD, 0.4f * (1 - ui_ease(b))));
  ks_gfx_fill_round_rect(f->gfx, pill, radius, KS_GOLD);
  for (int i = 0; i < n; i++) {
    int w = ui_text_width(f, lines[i], size);
    w = w < widest ? w : widest;
    ui_text(f, lines[i], size, left + (width - w) / 2, pill.y + vpad + i * lh, w + 1, 1,
            KS_ON_ACCENT);
  }
  return pill.y;
}
