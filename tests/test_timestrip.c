/* Time as the screens show it (issue 13): the timeline's years without events as compressed
 * gaps, each card saying its date once; an event's page with a strip of the timeline around it,
 * its neighbours marks a finger opens, read without reading the list. On the bundled pack (47
 * events from 2003 to 2023, years missing between). */
#include "test_support.h"

#include "../app/ui/timeaxis.h"
#include "kiosk/gesture.h"
#include "kiosk/pack.h"
#include "kiosk/session.h"
#include "kiosk/store.h"
#include "kiosk/ui.h"

#include <stdbool.h>

static ks_pack *pack;
static ks_content *bundled;

static int setup(void **state) {
  (void)state;
  return ts_pack_read(KS_TEST_BUNDLED, &pack, &bundled);
}

static int teardown(void **state) {
  (void)state;
  ts_pack_close(pack, bundled);
  return 0;
}

/* A panel: its pixels, and its diagonal in inches (0: the reference's scale). */
typedef struct {
  int w, h;
  float diagonal;
} panel;

static const panel panels[] = {{800, 480, 7}, {1920, 1080, 21.5f}, {1080, 1920, 21.5f}};
static const char *const langs[] = {"zh", "en"};

static ks_session *open_on(panel p, const char *lang) {
  ks_session *s = ks_session_open(&(ks_session_opts){.cmd = "test",
                                                     .content = bundled,
                                                     .fonts_dir = KS_TEST_FONTS,
                                                     .lang = lang,
                                                     .target = KS_SESSION_NONE,
                                                     .width = p.w,
                                                     .height = p.h,
                                                     .panel_diagonal_in = p.diagonal,
                                                     .map_later = true});
  assert_non_null(s);
  return s;
}

/* Taps pixel (x, y) of a panel whose short side is `short_side` pixels, and draws the result. */
static void tap(ks_session *s, int short_side, int x, int y) {
  ks_ui *ui = ks_session_ui(s);
  float ux = (float)x / (float)short_side, uy = (float)y / (float)short_side;
  ks_gesture press = {.type = KS_GESTURE_PRESS, .x = ux, .y = uy};
  ks_gesture up = {.type = KS_GESTURE_TAP, .x = ux, .y = uy};
  ks_ui_gesture(ui, &press);
  ks_ui_draw(ui, ks_session_gfx(s));
  ks_ui_gesture(ui, &up);
  ks_ui_draw(ui, ks_session_gfx(s));
}

/* The timeline's list of events (the store's order) and the one titled `label` in `lang`. */
static size_t event_titled(ks_store *store, ks_lang lang, const char *label) {
  for (size_t i = 0, n = ks_store_count(store, KS_KIND_EVENT, NULL); i < n; i++) {
    const ks_exhibit *e = ks_store_at(store, KS_KIND_EVENT, NULL, i);
    if (e && e->title.s[lang] && strcmp(e->title.s[lang], label) == 0)
      return i;
  }
  return SIZE_MAX;
}

/* The cards the last draw showed whole, left to right: their place in the list and their box. */
typedef struct {
  size_t pos;
  int year;
  ks_rect r;
} card;

static size_t cards_shown(ks_ui *ui, ks_lang lang, int screen_w, card *out, size_t max) {
  ks_store *store = ks_ui_store(ui);
  size_t n = 0;
  ks_ui_target t;
  for (size_t i = 0; ks_ui_target_at(ui, i, &t) && n < max; i++) {
    if (!t.to || strcmp(t.to, "event") != 0 || t.full.x < 0 || t.full.x + t.full.w > screen_w)
      continue;
    size_t pos = event_titled(store, lang, t.label);
    assert_true(pos != SIZE_MAX);
    out[n++] = (card){pos, ks_store_key_at(store, KS_KIND_EVENT, NULL, pos), t.full};
  }
  for (size_t i = 1; i < n; i++) /* drawn in list order: left to right */
    assert_true(out[i].r.x > out[i - 1].r.x && out[i].pos == out[i - 1].pos + 1);
  return n;
}

/* Whether the last draw has a run of text that says `s`, centred between x0 and x1. */
static bool said_between(const ks_ui *ui, const char *s, int x0, int x1) {
  ks_ui_text_run run;
  for (size_t i = 0; ks_ui_text_run_at(ui, i, &run); i++) {
    int cx = run.rect.x + run.rect.w / 2;
    if (strcmp(ks_ui_text_run_text(ui, i), s) == 0 && cx > x0 && cx < x1)
      return true;
  }
  return false;
}

/* On a panel wide enough for the first sixteen cards, in both languages: cards of one year, or
 * of years one after the other, a card's pitch apart; a year without events a gap narrower than
 * a year with one, named ("2005"), the axis broken there; the four years 2009 to 2012 one gap,
 * wider than one year's but less than four of them, named by its span ("2009–2012"). */
static void years_without_events_are_compressed_gaps(void **state) {
  (void)state;
  for (int l = 0; l < 2; l++) {
    ks_session *s = open_on((panel){7680, 1080, 0}, langs[l]);
    ks_ui *ui = ks_session_ui(s);
    assert_true(ks_ui_show(ui, KS_SCREEN_TIMELINE, NULL));
    ks_ui_draw(ui, ks_session_gfx(s));
    card c[64];
    size_t n = cards_shown(ui, (ks_lang)l, 7680, c, 64);
    assert_true(n >= 10);
    int pitch = 0, one = 0, four = 0, gaps = 0;
    for (size_t i = 1; i < n; i++)
      if (c[i].year == c[i - 1].year)
        pitch = c[i].r.x - c[i - 1].r.x;
    assert_true(pitch > 0); /* two events of 2004 */
    for (size_t i = 1; i < n; i++) {
      int empty = c[i].year - c[i - 1].year - 1, dx = c[i].r.x - c[i - 1].r.x;
      if (empty <= 0) { /* the same year, or the next */
        assert_int_equal(dx, pitch);
        continue;
      }
      int gap = dx - pitch;
      print_message("%s: %d to %d: a gap of %d px (a card's pitch %d)\n", langs[l], c[i - 1].year,
                    c[i].year, gap, pitch);
      if (empty == 1) {
        assert_true(gap > 0 && gap < pitch);
        assert_true(one == 0 || gap == one); /* one rule for every such year */
        one = gap;
      } else if (empty == 4) {
        four = gap;
      }
      /* Named in the gap, between the cards either side. */
      char label[32];
      if (empty == 1)
        snprintf(label, sizeof label, "%d", c[i - 1].year + 1);
      else
        snprintf(label, sizeof label, "%d\u2013%d", c[i - 1].year + 1, c[i].year - 1);
      if (!said_between(ui, label, c[i - 1].r.x + c[i - 1].r.w, c[i].r.x))
        fail_msg("%s: no \"%s\" between the cards of %d and %d", langs[l], label, c[i - 1].year,
                 c[i].year);
      gaps++;
    }
    assert_true(one > 0 && four > 0 && gaps >= 3); /* 2005, 2007, 2009–2012 */
    assert_true(four > one && four < 4 * one);
    ks_session_close(s);
  }
}

/* What of a run's text is a date: the year as digits in a run that is none of the event's own
 * texts (a story may well name its year). */
static bool says_year(const char *run, const ks_exhibit *e, ks_lang lang, int year) {
  char digits[8];
  snprintf(digits, sizeof digits, "%d", year);
  if (!strstr(run, digits))
    return false;
  const char *own[] = {e->title.s[lang], e->summary.s[lang], e->body.s[lang]};
  for (size_t i = 0; i < 3; i++)
    if (own[i] && strstr(own[i], run))
      return false;
  return true;
}

/* The year over the axis that a card at `c` is under: the last year's name (a run of digits alone,
 * above the cards) that starts left of the card's right edge — a gap's name ("2005") is never
 * the last before a card, its next year's name being over that year's first card. 0 for none. */
static int year_over(const ks_ui *ui, ks_rect c) {
  ks_ui_text_run run;
  int year = 0, at = -1000000;
  for (size_t i = 0; ks_ui_text_run_at(ui, i, &run); i++) {
    const char *t = ks_ui_text_run_text(ui, i);
    if (strlen(t) != 4 || strspn(t, "0123456789") != 4 || run.rect.y + run.rect.h > c.y ||
        run.rect.x >= c.x + c.w || run.rect.x < at)
      continue;
    if (run.rect.x + run.rect.w <= 0)
      continue; /* off the screen */
    year = atoi(t), at = run.rect.x;
  }
  return year;
}

/* Each card says its date once: its year is named over the axis, over the first of its year's
 * cards and, while that one leaves the screen, at the left edge until its last card goes too —
 * so every card in view is under its year's name, and none says it again; a day or a month the
 * card has is said on it (without the year). The whole timeline, a third of a card at a time, at
 * 1920x1080 in both languages. */
static void each_card_says_its_date_once(void **state) {
  (void)state;
  static const char *const months_en[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
  for (int l = 0; l < 2; l++) {
    ks_session *s = open_on((panel){1920, 1080, 0}, langs[l]);
    ks_ui *ui = ks_session_ui(s);
    assert_true(ks_ui_show(ui, KS_SCREEN_TIMELINE, NULL));
    size_t days = 0, checked = 0, last_pos = 0;
    int last_x = 0;
    for (int step = 0; step < 400; step++) {
      if (step) { /* a third of a card to the left, and let go */
        ks_gesture g[] = {{.type = KS_GESTURE_DRAG_START, .x = 1.0f, .y = 0.5f},
                          {.type = KS_GESTURE_DRAG, .x = 0.8f, .y = 0.5f, .dx = -150.0f / 1080},
                          {.type = KS_GESTURE_DRAG_END, .x = 0.8f, .y = 0.5f}};
        for (size_t i = 0; i < 3; i++)
          ks_ui_gesture(ui, &g[i]);
        for (int i = 0; i < 600 && ks_ui_tick(ui, 0.05f); i++)
          ;
      }
      ks_ui_draw(ui, ks_session_gfx(s));
      card c[16];
      size_t n = cards_shown(ui, (ks_lang)l, 1920, c, 16);
      assert_true(n >= 2);
      for (size_t k = 0; k < n; k++) {
        const ks_exhibit *e = ks_store_at(ks_ui_store(ui), KS_KIND_EVENT, NULL, c[k].pos);
        assert_non_null(e);
        int over = year_over(ui, c[k].r);
        if (over != c[k].year)
          fail_msg("%s, step %d: the card of %s (%d) is under the year %d", langs[l], step, e->id,
                   c[k].year, over);
        int said = 0;
        bool day_said = false;
        int year = 0, month = 0, day = 0;
        sscanf(e->date, "%d-%d-%d", &year, &month, &day);
        char md[64] = "";
        if (month >= 1 && month <= 12 && day && l == 0)
          snprintf(md, sizeof md, "%d月%d日", month, day);
        else if (month >= 1 && month <= 12 && day)
          snprintf(md, sizeof md, "%d %s", day, months_en[month - 1]);
        ks_ui_text_run run;
        for (size_t i = 0; ks_ui_text_run_at(ui, i, &run); i++) {
          ks_rect r = run.rect;
          if (r.x < c[k].r.x || r.x + r.w > c[k].r.x + c[k].r.w || r.y < c[k].r.y ||
              r.y + r.h > c[k].r.y + c[k].r.h)
            continue; /* not on the card */
          const char *text = ks_ui_text_run_text(ui, i);
          said += says_year(text, e, (ks_lang)l, c[k].year);
          day_said |= md[0] && strcmp(text, md) == 0;
        }
        if (said)
          fail_msg("%s: the card of %s says its year again", langs[l], e->id);
        if (md[0] && !day_said)
          fail_msg("%s: the card of %s does not say \"%s\"", langs[l], e->id, md);
        days += md[0] != '\0';
        checked++;
      }
      if (step > 0 && c[n - 1].pos == last_pos && c[n - 1].r.x == last_x)
        break; /* at the end: it moves no further */
      last_pos = c[n - 1].pos, last_x = c[n - 1].r.x;
    }
    assert_int_equal(last_pos + 1, ks_store_count(ks_ui_store(ui), KS_KIND_EVENT, NULL));
    assert_true(days > 10 && checked > 100);
    ks_session_close(s);
  }
}

/* The strip's targets on an event's page: the "go" targets to an event in one row (the same top
 * and height, at least two of them), left to right. */
static size_t strip_targets(const ks_ui *ui, ks_ui_target *out, size_t max) {
  ks_ui_target all[128];
  size_t n = 0;
  for (size_t i = 0; n < 128 && ks_ui_target_at(ui, i, &all[n]); i++)
    if (all[n].to && strcmp(all[n].to, "event") == 0)
      n++;
  size_t best = 0;
  for (size_t i = 0; i < n; i++) {
    size_t k = 0;
    for (size_t j = 0; j < n && k < max; j++)
      if (all[j].full.y == all[i].full.y && all[j].full.h == all[i].full.h)
        out[k++] = all[j];
    if (k >= 2) {
      best = k;
      break;
    }
  }
  for (size_t i = 1; i < best; i++) /* left to right */
    for (size_t j = i; j > 0 && out[j].full.x < out[j - 1].full.x; j--) {
      ks_ui_target t = out[j];
      out[j] = out[j - 1], out[j - 1] = t;
    }
  return best;
}

/* An event's page on every panel, in both languages: a strip of the timeline around it whose
 * marks are its neighbours in the list's order (at least two either side where the list has
 * them), each a target at least 9 mm both ways; a tap on one two places away opens that event. */
static void event_strip_opens_its_neighbours(void **state) {
  (void)state;
  for (size_t p = 0; p < sizeof panels / sizeof *panels; p++)
    for (int l = 0; l < 2; l++) {
      ks_session *s = open_on(panels[p], langs[l]);
      ks_ui *ui = ks_session_ui(s);
      ks_store *store = ks_ui_store(ui);
      size_t n = ks_store_count(store, KS_KIND_EVENT, NULL);
      size_t at[] = {0, 1, n / 2, n - 1};
      for (size_t a = 0; a < sizeof at / sizeof *at; a++) {
        size_t pos = at[a];
        char id[128];
        snprintf(id, sizeof id, "%s", ks_store_id_at(store, KS_KIND_EVENT, NULL, pos));
        assert_true(ks_ui_show(ui, KS_SCREEN_EVENT, id));
        ks_ui_draw(ui, ks_session_gfx(s));
        ks_ui_target t[16];
        size_t k = strip_targets(ui, t, 16);
        size_t before = pos < 2 ? pos : 2, after = n - 1 - pos < 2 ? n - 1 - pos : 2;
        if (k < before + after)
          fail_msg("%dx%d %s, %s: %zu marks, not %zu before and %zu after", panels[p].w,
                   panels[p].h, langs[l], id, k, before, after);
        /* Left to right, the events before it and then those after it, one after the other:
         * the list's order, with the event's own place (its mark) between them. */
        size_t prev = SIZE_MAX, shown_before = 0;
        float mm = ks_ui_mm_per_px(ui);
        for (size_t i = 0; i < k; i++) {
          size_t q = event_titled(store, (ks_lang)l, t[i].label);
          assert_true(q != SIZE_MAX && q != pos); /* its own is marked, not a way to itself */
          if (prev != SIZE_MAX && q != prev + 1 && !(prev + 1 == pos && q == pos + 1))
            fail_msg("%s: mark %zu is the list's %zu, after its %zu", id, i, q, prev);
          shown_before += q < pos;
          prev = q;
          if ((float)t[i].full.w * mm < 9.0f || (float)t[i].full.h * mm < 9.0f)
            fail_msg("%dx%d: a mark %.1f by %.1f mm", panels[p].w, panels[p].h,
                     (double)((float)t[i].full.w * mm), (double)((float)t[i].full.h * mm));
        }
        assert_true(shown_before >= before && k - shown_before >= after);
        /* Next to it: the marks either side are the events just before and after it. */
        if (shown_before)
          assert_int_equal(event_titled(store, (ks_lang)l, t[shown_before - 1].label), pos - 1);
        if (shown_before < k)
          assert_int_equal(event_titled(store, (ks_lang)l, t[shown_before].label), pos + 1);
        /* A tap on the mark two places after it (or before, at the end) opens that event. */
        size_t want = pos + 2 < n ? pos + 2 : pos - 2;
        bool tapped = false;
        for (size_t i = 0; i < k && !tapped; i++)
          if (event_titled(store, (ks_lang)l, t[i].label) == want) {
            int shorter = panels[p].w < panels[p].h ? panels[p].w : panels[p].h;
            tap(s, shorter, t[i].rect.x + t[i].rect.w / 2, t[i].rect.y + t[i].rect.h / 2);
            tapped = true;
          }
        assert_true(tapped);
        assert_int_equal(ks_ui_screen(ui), KS_SCREEN_EVENT);
        assert_string_equal(ks_ui_exhibit(ui), ks_store_id_at(store, KS_KIND_EVENT, NULL, want));
      }
      ks_session_close(s);
    }
}

/* The rule of a gap: none for no year; a year without events narrower than a year with one (a
 * card's pitch); more years wider, never narrower, yet compressed — five years less than five
 * single ones, a century well within a few pitches. */
static void gap_widths_follow_the_rule(void **state) {
  (void)state;
  static const int pitches[] = {120, 300, 472, 1000};
  for (size_t p = 0; p < sizeof pitches / sizeof *pitches; p++) {
    int pitch = pitches[p], one = ui_time_gap_w(1, pitch);
    assert_int_equal(ui_time_gap_w(0, pitch), 0);
    assert_int_equal(ui_time_gap_w(-3, pitch), 0);
    assert_true(one > 0 && one < pitch);
    assert_true(ui_time_gap_w(5, pitch) > one && ui_time_gap_w(5, pitch) < 5 * one);
    for (int empty = 2; empty <= 200; empty++)
      assert_true(ui_time_gap_w(empty, pitch) >= ui_time_gap_w(empty - 1, pitch));
    assert_true(ui_time_gap_w(200, pitch) < 4 * pitch);
    print_message("pitch %4d: 1 year %d px, 4 years %d, 5 years %d, 200 years %d\n", pitch, one,
                  ui_time_gap_w(4, pitch), ui_time_gap_w(5, pitch), ui_time_gap_w(200, pitch));
  }
}

/* The bundled timeline laid out: every card found again where it starts and anywhere along its
 * pitch, and a place in a gap belongs to the card before the gap. */
static void axis_finds_its_cards(void **state) {
  (void)state;
  ks_session *s = open_on(panels[1], "zh");
  ui_time_axis a;
  ui_time_axis_count(&a, ks_session_ui(s));
  ui_time_axis_layout(&a, 472);
  size_t n = ks_store_count(ks_ui_store(ks_session_ui(s)), KS_KIND_EVENT, NULL);
  assert_int_equal(a.first[a.n - 1] + a.count[a.n - 1], n);
  for (size_t i = 0; i < n; i++) {
    int64_t x = ui_time_axis_x(&a, i);
    assert_int_equal(ui_time_axis_at(&a, x), i);
    assert_int_equal(ui_time_axis_at(&a, x + 471), i);
    if (i + 1 < n && ui_time_axis_x(&a, i + 1) > x + 472) /* a gap after it */
      assert_int_equal(ui_time_axis_at(&a, ui_time_axis_x(&a, i + 1) - 1), i);
  }
  ks_session_close(s);
}

/* The strip's marks read from the store of the bundled pack: the event and up to three either
 * side in the list's order, the event's own marked, the list said to go on where it does — and
 * only those neighbours read, none again while they are kept; the whole page no more than itself,
 * what it links to and the strip. */
static void strip_reads_only_its_neighbours(void **state) {
  (void)state;
  ks_session *s = open_on(panels[1], "en");
  ks_ui *ui = ks_ui_create_store(ks_store_open_pack(pack, NULL, NULL), ks_session_fonts(s), TS_EN);
  ks_store *store = ks_ui_store(ui);
  size_t n = ks_store_count(store, KS_KIND_EVENT, NULL);
  size_t at[] = {0, 2, n / 2, n - 1};
  for (size_t a = 0; a < sizeof at / sizeof *at; a++) {
    size_t pos = at[a];
    const ks_exhibit *e = ks_store_at(store, KS_KIND_EVENT, NULL, pos);
    assert_non_null(e);
    size_t reads = ks_store_reads(store);
    ui_time_marks m;
    assert_true(ui_timestrip_marks(ui, e, UI_STRIP_SIDE, &m));
    size_t from = pos > UI_STRIP_SIDE ? pos - UI_STRIP_SIDE : 0;
    size_t to = pos + UI_STRIP_SIDE < n ? pos + UI_STRIP_SIDE : n - 1;
    assert_int_equal(m.n, to - from + 1);
    assert_int_equal(m.self, pos - from);
    assert_ptr_equal(m.mark[m.self].e, e);
    assert_int_equal(m.more_before, from > 0);
    assert_int_equal(m.more_after, to + 1 < n);
    for (size_t j = 0; j < m.n; j++) {
      assert_string_equal(m.mark[j].id, ks_store_id_at(store, KS_KIND_EVENT, NULL, from + j));
      assert_int_equal(m.mark[j].year, ks_store_key_at(store, KS_KIND_EVENT, NULL, from + j));
      assert_non_null(m.mark[j].e);
      assert_string_equal(m.mark[j].e->id, m.mark[j].id);
    }
    size_t read = ks_store_reads(store) - reads;
    print_message("the strip of the list's %zu: %zu marks, %zu exhibits read\n", pos, m.n, read);
    assert_true(read <= 2 * UI_STRIP_SIDE);
    assert_true(ui_timestrip_marks(ui, e, UI_STRIP_SIDE, &m));
    assert_int_equal(ks_store_reads(store) - reads, read); /* kept */
    /* The page drawn whole, on a store that has read nothing yet. */
    ks_ui *fresh =
        ks_ui_create_store(ks_store_open_pack(pack, NULL, NULL), ks_session_fonts(s), TS_EN);
    assert_true(ks_ui_show(fresh, KS_SCREEN_EVENT, m.mark[m.self].id));
    ks_ui_draw(fresh, ks_session_gfx(s));
    size_t page = ks_store_reads(ks_ui_store(fresh));
    const char *const *from_ids;
    size_t back = ks_store_linked_from(store, e->id, &from_ids);
    print_message("  its page: %zu exhibits read (%zu links, %zu back)\n", page, e->n_links, back);
    assert_true(page <= 1 + e->n_links + back + 2 * UI_STRIP_SIDE);
    ks_ui_draw(fresh, ks_session_gfx(s));
    assert_int_equal(ks_store_reads(ks_ui_store(fresh)), page); /* a steady frame reads none */
    ks_ui_destroy(fresh);
  }
  ks_ui_destroy(ui);
  ks_session_close(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(gap_widths_follow_the_rule),
      cmocka_unit_test(axis_finds_its_cards),
      cmocka_unit_test(years_without_events_are_compressed_gaps),
      cmocka_unit_test(each_card_says_its_date_once),
      cmocka_unit_test(event_strip_opens_its_neighbours),
      cmocka_unit_test(strip_reads_only_its_neighbours),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
