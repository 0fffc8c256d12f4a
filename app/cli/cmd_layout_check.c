/* kiosk layout-check: every screen a visitor can reach on a panel of a given size, scrolled from
 * top to end, checked against the floors a standing visitor needs: every touch target at least
 * 9 mm both ways and none overlapping another, no text under 3.0 mm, running text (the body size)
 * not under 4.0 mm. What the UI drew is read back from it (ks_ui_target_at, ks_ui_text_run_at),
 * laid out on a null-backend gfx: nothing is rasterised. */
#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/gesture.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TARGET_MIN_MM 9.0f
#define TEXT_MIN_MM 3.0f
#define BODY_MIN_MM 4.0f
/* Sizes are printed to a tenth of a millimetre: a size that prints as the floor is not under it
 * (a 9 mm floor rounded up to whole pixels can measure 8.98 mm on the other axis of a panel whose
 * pixels are not square). */
#define MM_SLACK 0.05f

enum { MAX_PAGES = 80, MAX_SEEN = 4096 };

enum { OPT_SIZE = 1, OPT_LANG, OPT_PACK, OPT_FONTS, OPT_JSON };

static const ks_cli_opt layout_opts[] = {
    {OPT_SIZE, "--size", "WxH", "the panel's size in pixels"},
    KS_CLI_PANEL_OPTS,
    {OPT_LANG, "--lang", "TAG", "one language of the pack, by its tag (default: every one)"},
    {OPT_PACK, "--pack", "FILE.kpack", "the pack (default: the bundled one)"},
    {OPT_FONTS, "--fonts", "DIR", "the fonts (default: the bundled ones)"},
    {OPT_JSON, "--json", NULL, "every target and run of text with its size, and the findings"},
    {0}};

static const ks_cli_cmd layout_cmd = {
    .name = "layout-check",
    .synopsis = "--size WxH (--diagonal INCHES | --panel-mm WxH) [--lang TAG]\n"
                "[--pack FILE.kpack] [--fonts DIR] [--json]",
    .about =
        "Lays out every screen a visitor can reach (the overviews and every exhibit's page, as\n"
        "`kiosk proof` visits them), scrolled from top to end, for a panel of WxH pixels and the\n"
        "size given, in one language or both, and checks every touch target (at least 9 mm both\n"
        "ways, none overlapping another) and every run of text (none under 3.0 mm, running text\n"
        "not under 4.0 mm). Each finding prints as\n"
        "  SCREEN[/ID]: target \"LABEL\" 7.0x4.8 mm: under 9 mm\n"
        "Exit status: 0 no finding, 1 findings (or the pack would not open), 2 a wrong command\n"
        "line.\n",
    .opts = layout_opts};

typedef struct {
  ks_ui *ui;
  ks_gfx *gfx;
  int only_lang;      /* the language checked, or -1 for both */
  float mm_x, mm_y;   /* millimetres a pixel, across and down */
  float mm_text;      /* of a glyph's em: the smaller of the two */
  bool json;          /* else findings are printed as they are found */
  FILE *targets_json; /* --json's three arrays, gathered apart (memory streams) */
  FILE *texts_json;
  FILE *findings_json;
  char *targets_buf, *texts_buf, *findings_buf;
  size_t targets_len, texts_len, findings_len;
  size_t screens, views, targets, runs, findings;
  uint64_t seen[MAX_SEEN]; /* what this screen reported already, hashed (scrolling repeats it) */
  size_t n_seen;
} check;

static uint64_t fnv(uint64_t h, const char *s) {
  for (const unsigned char *c = (const unsigned char *)s; *c; c++)
    h = (h ^ *c) * 1099511628211ull;
  return (h ^ 0xff) * 1099511628211ull; /* ends the string: "ab"+"c" is not "a"+"bc" */
}

/* True the first time `key` is met on this screen: a header's button is on every scrolled view
 * of it, and is said once. */
static bool first_time(check *c, const char *key) {
  uint64_t h = fnv(14695981039346656037ull, key);
  for (size_t i = 0; i < c->n_seen; i++)
    if (c->seen[i] == h)
      return false;
  if (c->n_seen < MAX_SEEN)
    c->seen[c->n_seen++] = h;
  return true;
}

/* The "SCREEN[/ID]" a finding starts with. */
static void where(const check *c, char *out, size_t size) {
  const char *id = ks_ui_exhibit(c->ui);
  snprintf(out, size, "%s%s%s", ks_screen_name(ks_ui_screen(c->ui)), id ? "/" : "", id ? id : "");
}

/* Writes the "screen" and "id" members every JSON record starts with. */
static void json_where(const check *c, FILE *out) {
  const char *id = ks_ui_exhibit(c->ui);
  fputs("{\"screen\":", out);
  ks_diag_json_string(out, ks_screen_name(ks_ui_screen(c->ui)));
  fputs(",\"id\":", out);
  if (id)
    ks_diag_json_string(out, id);
  else
    fputs("null", out);
}

static void finding(check *c, const char *kind, const char *message) {
  char at[256], line[1024];
  where(c, at, sizeof at);
  snprintf(line, sizeof line, "%s: %s", at, message);
  if (!first_time(c, line))
    return;
  c->findings++;
  if (!c->json) {
    ks_diag_log(stdout, "%s", line);
    return;
  }
  FILE *out = c->findings_json;
  fputs(c->findings > 1 ? ",\n" : "\n", out);
  json_where(c, out);
  fputs(",\"kind\":", out);
  ks_diag_json_string(out, kind);
  fputs(",\"message\":", out);
  ks_diag_json_string(out, line);
  fputc('}', out);
}

/* A language button says which language it gives (its segment names it: "lang:ja"). */
static void action_of(const check *c, const ks_ui_target *t, char *out, size_t size) {
  (void)c;
  snprintf(out, size, "%s", t->action);
}

static bool overlap(ks_rect a, ks_rect b, ks_rect *both) {
  int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
  int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w;
  int y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
  *both = (ks_rect){x0, y0, x1 - x0, y1 - y0};
  return x1 > x0 && y1 > y0;
}

/* Checks what the last draw put on screen. */
static void check_view(check *c) {
  char msg[768], key[512], act[32];
  ks_ui_target t, u;
  c->views++;
  for (size_t i = 0; ks_ui_target_at(c->ui, i, &t); i++) {
    float w = (float)t.full.w * c->mm_x, h = (float)t.full.h * c->mm_y;
    action_of(c, &t, act, sizeof act);
    snprintf(key, sizeof key, "target %s %s %d %d", t.label, act, t.full.w, t.full.h);
    if (first_time(c, key)) {
      c->targets++;
      if (c->json) {
        FILE *out = c->targets_json;
        fputs(c->targets > 1 ? ",\n" : "\n", out);
        json_where(c, out);
        fputs(",\"action\":", out);
        ks_diag_json_string(out, act);
        fputs(",\"label\":", out);
        ks_diag_json_string(out, t.label);
        fprintf(out, ",\"rect\":[%d,%d,%d,%d],\"mm\":[%.1f,%.1f]}", t.full.x, t.full.y, t.full.w,
                t.full.h, (double)w, (double)h);
      }
    }
    if (strcmp(t.action, "none") == 0)
      continue; /* keeps touches off what is under it: no target of its own */
    if (w < TARGET_MIN_MM - MM_SLACK || h < TARGET_MIN_MM - MM_SLACK) {
      snprintf(msg, sizeof msg, "target \"%s\" %.1f×%.1f mm: under %.0f mm", t.label, (double)w,
               (double)h, (double)TARGET_MIN_MM);
      finding(c, "target", msg);
    }
    /* Where two answer the same place, a finger gets whichever was drawn last. */
    for (size_t k = i + 1; ks_ui_target_at(c->ui, k, &u); k++) {
      ks_rect both;
      if (strcmp(u.action, "none") == 0 || !overlap(t.rect, u.rect, &both))
        continue;
      snprintf(msg, sizeof msg, "target \"%s\" overlaps target \"%s\" by %.1f×%.1f mm", t.label,
               u.label, (double)((float)both.w * c->mm_x), (double)((float)both.h * c->mm_y));
      finding(c, "overlap", msg);
    }
  }
  ks_ui_text_run r;
  for (size_t i = 0; ks_ui_text_run_at(c->ui, i, &r); i++) {
    float mm = (float)r.size_px * c->mm_text;
    snprintf(key, sizeof key, "text %s %d", r.text, r.size_px);
    if (first_time(c, key)) {
      c->runs++;
      if (c->json) {
        FILE *out = c->texts_json;
        fputs(c->runs > 1 ? ",\n" : "\n", out);
        json_where(c, out);
        fputs(",\"text\":", out);
        ks_diag_json_string(out, r.text);
        fprintf(out, ",\"body\":%s,\"rect\":[%d,%d,%d,%d],\"size_px\":%d,\"mm\":%.1f}",
                r.body ? "true" : "false", r.rect.x, r.rect.y, r.rect.w, r.rect.h, r.size_px,
                (double)mm);
      }
    }
    float least = r.body ? BODY_MIN_MM : TEXT_MIN_MM;
    if (mm < least - MM_SLACK) {
      snprintf(msg, sizeof msg, "text \"%s\" %.1f mm: %sunder %.1f mm", r.text, (double)mm,
               r.body ? "body " : "", (double)least);
      finding(c, "text", msg);
    }
  }
}

/* A digest of where everything of the last draw is: the same twice, the scroll has ended. */
static uint64_t view_digest(const ks_ui *ui) {
  uint64_t h = 14695981039346656037ull;
  char buf[64];
  ks_ui_target t;
  for (size_t i = 0; ks_ui_target_at(ui, i, &t); i++) {
    snprintf(buf, sizeof buf, "%d %d %d %d", t.rect.x, t.rect.y, t.rect.w, t.rect.h);
    h = fnv(h, buf);
  }
  ks_ui_text_run r;
  for (size_t i = 0; ks_ui_text_run_at(ui, i, &r); i++) {
    snprintf(buf, sizeof buf, "%d %d", r.rect.x, r.rect.y);
    h = fnv(h, buf);
  }
  return h;
}

/* The tour's callback: one screen, drawn at its top; checked, then moved on by most of a screen
 * at a time, as a finger drags it, until it moves no more. */
static void check_screen(void *ctx) {
  check *c = ctx;
  if (c->only_lang >= 0 && (int)ks_ui_lang(c->ui) != c->only_lang)
    return;
  c->screens++;
  c->n_seen = 0;
  int w = ks_gfx_width(c->gfx), h = ks_gfx_height(c->gfx);
  float side = (float)(w < h ? w : h);
  /* A drag of 0.8 screens both ways: the screen's scroller follows the axis it scrolls on. */
  ks_gesture drag[3] = {{.type = KS_GESTURE_DRAG_START, .x = 0.5f, .y = 0.5f},
                        {.type = KS_GESTURE_DRAG,
                         .x = 0.5f,
                         .y = 0.5f,
                         .dx = -0.8f * (float)w / side,
                         .dy = -0.8f * (float)h / side},
                        {.type = KS_GESTURE_DRAG_END, .x = 0.5f, .y = 0.5f}};
  uint64_t last = 0;
  for (int page = 0; page < MAX_PAGES; page++) {
    uint64_t now = view_digest(c->ui);
    if (page > 0 && now == last)
      break; /* at its end (or a screen that does not scroll) */
    last = now;
    check_view(c);
    for (int i = 0; i < 3; i++)
      ks_ui_gesture(c->ui, &drag[i]);
    for (int i = 0; i < 600 && ks_ui_tick(c->ui, 1.0f / 30); i++)
      ; /* until the list comes to rest */
    ks_ui_draw(c->ui, c->gfx);
  }
}

/* Ends a memory stream and hands back what it holds. */
static const char *take(FILE **f, char **buf) {
  fclose(*f);
  *f = NULL;
  return *buf ? *buf : "";
}

int ks_cmd_layout_check(int argc, char **argv) {
  const char *pack_path = NULL, *fonts_dir = NULL, *lang = NULL;
  int w = 0, h = 0;
  bool json = false;
  ks_session_opts so = {.cmd = "layout-check"}; /* the rest once all is read */
  ks_cli *cli = ks_cli_begin(&layout_cmd, argc, argv);
  const char *v;
  for (int opt; (opt = ks_cli_next(cli, &v)) != KS_CLI_DONE;) {
    if (opt == KS_CLI_OPT_DIAGONAL || opt == KS_CLI_OPT_PANEL_MM)
      ks_cli_panel_value(cli, opt, v, &so);
    else if (opt == OPT_SIZE) {
      if (sscanf(v, "%dx%d", &w, &h) != 2 || w < 320 || h < 240 || w > 7680 || h > 7680)
        ks_cli_fail(cli, "--size takes WxH between 320x240 and 7680x7680");
    } else if (opt == OPT_LANG) {
      lang = v;
      if (!ks_lang_tag_valid(v))
        ks_cli_fail(cli, "--lang takes a language tag of the pack's (zh, en, ja …)");
    } else if (opt == OPT_PACK)
      pack_path = v;
    else if (opt == OPT_FONTS)
      fonts_dir = v;
    else if (opt == OPT_JSON)
      json = true;
  }
  int rc = ks_cli_end(cli);
  if (rc >= 0)
    return rc;
  if (w == 0 || !(so.panel_diagonal_in > 0 || so.panel_w_mm > 0))
    return ks_cli_refuse(&layout_cmd, "say the panel's --size WxH and its --diagonal INCHES (or "
                                      "--panel-mm WxH): the floors are in millimetres");
  so.pack = pack_path;
  so.fonts_dir = fonts_dir;
  so.lang = lang;
  so.target = KS_SESSION_NONE;
  so.width = w;
  so.height = h;
  ks_session *session = ks_session_open(&so);
  if (!session)
    return 1; /* said why */
  float w_mm = 0, h_mm = 0;
  ks_session_panel_mm(session, &w_mm, &h_mm);
  check c = {.ui = ks_session_ui(session),
             .gfx = ks_session_gfx(session),
             .only_lang = -1,
             .mm_x = w_mm / (float)w,
             .mm_y = h_mm / (float)h,
             .json = json};
  c.mm_text = c.mm_x < c.mm_y ? c.mm_x : c.mm_y;
  if (lang && (c.only_lang = ks_content_lang(ks_session_content(session), lang)) < 0) {
    ks_diag_log(stderr, "kiosk layout-check: the pack has no language %s", lang);
    ks_session_close(session);
    return 2;
  }
  if (json) {
    c.targets_json = open_memstream(&c.targets_buf, &c.targets_len);
    c.texts_json = open_memstream(&c.texts_buf, &c.texts_len);
    c.findings_json = open_memstream(&c.findings_buf, &c.findings_len);
    if (!c.targets_json || !c.texts_json || !c.findings_json) {
      ks_diag_log(stderr, "kiosk layout-check: out of memory");
      abort();
    }
  }
  ks_ui_tour(c.ui, c.gfx, check_screen, &c);
  if (json) {
    printf("{\"size\":[%d,%d],\"panel_mm\":[%.1f,%.1f],\"lang\":", w, h, (double)w_mm,
           (double)h_mm);
    if (lang)
      ks_diag_json_string(stdout, lang);
    else
      fputs("null", stdout);
    printf(",\"screens\":%zu,\"floors_mm\":{\"target\":%.1f,\"text\":%.1f,\"body\":%.1f},\n",
           c.screens, (double)TARGET_MIN_MM, (double)TEXT_MIN_MM, (double)BODY_MIN_MM);
    /* The arrays as written, already escaped (ks_diag_json_string). */
    fputs("\"targets\":[", stdout);
    fputs(take(&c.targets_json, &c.targets_buf), stdout);
    fputs("],\n\"texts\":[", stdout);
    fputs(take(&c.texts_json, &c.texts_buf), stdout);
    fputs("],\n\"findings\":[", stdout);
    fputs(take(&c.findings_json, &c.findings_buf), stdout);
    fputs("]}\n", stdout);
    free(c.targets_buf);
    free(c.texts_buf);
    free(c.findings_buf);
  } else {
    ks_diag_log(stdout,
                "kiosk layout-check: %dx%d, %.0fx%.0f mm: %zu screens (%zu views), %zu targets, "
                "%zu runs of text: %zu finding%s",
                w, h, (double)w_mm, (double)h_mm, c.screens, c.views, c.targets, c.runs, c.findings,
                c.findings == 1 ? "" : "s");
  }
  ks_session_close(session);
  return c.findings ? 1 : 0;
}
