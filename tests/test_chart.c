/* Charts of figures (app/ui/chart.c): which values get a bar, the bars' heights, and what the
 * statistic page draws around them — on the bundled pack's statistics and on made-up exhibits. */
#include "test_support.h"

#include "../app/ui/chart.h"
#include "kiosk/pack.h"
#include "kiosk/session.h"
#include "kiosk/source.h"
#include "kiosk/ui.h"

static ks_content *bundled;
static ks_pack *pack;

static int setup(void **state) {
  (void)state;
  ks_diag *d = ks_diag_create();
  pack = ks_pack_open(KS_TEST_BUNDLED, d);
  bundled = pack ? ks_pack_read(pack, d) : NULL;
  ks_diag_destroy(d);
  return bundled ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  ks_content_destroy(bundled);
  ks_pack_close(pack);
  return 0;
}

static const ks_exhibit *find(const char *id) {
  const ks_exhibit *e = ks_content_find(bundled, id);
  if (!e)
    fail_msg("the bundled pack has no %s", id);
  return e;
}

/* The bundled statistic with three values, 28634 台（套）, 4万多 个 and 4万多 套: one count in
 * three measure words, all "instruments" in English — three bars, oldest first, the latest the
 * lead; the first a little under three quarters of the others' height. */
static void shared_instruments_chart_three_bars(void **state) {
  (void)state;
  const ks_exhibit *e = find("stat-shared-instruments");
  assert_int_equal(e->n_values, 3);
  ui_chart c;
  ui_chart_of_values(e, UI_CHART_MAX, &c);
  assert_int_equal(c.n, 3);
  assert_int_equal(c.lead, 2);
  for (size_t k = 0; k < 3; k++) {
    assert_int_equal(c.bar[k].index, k);
    assert_false(c.bar[k].target);
  }
  assert_true(c.bar[0].value == 28634 && c.bar[1].value == 40000 && c.bar[2].value == 40000);
  ks_rect bars[UI_CHART_MAX];
  ui_chart_layout(&c, (ks_rect){100, 50, 600, 200}, 80, bars);
  for (size_t k = 0; k < 3; k++) {
    assert_int_equal(bars[k].y + bars[k].h, 250); /* on the axis */
    assert_int_equal(bars[k].w, 80);
    assert_true(bars[k].x >= 100 + 200 * (int)k && bars[k].x + 80 <= 100 + 200 * ((int)k + 1));
  }
  assert_int_equal(bars[0].h, 143); /* 28634 / 40000 of 200, rounded */
  assert_int_equal(bars[1].h, 200);
  assert_int_equal(bars[2].h, 200);
  /* Fewer bars than values where the width holds fewer: the latest. */
  ui_chart_of_values(e, 2, &c);
  assert_int_equal(c.n, 2);
  assert_int_equal(c.bar[0].index, 1);
  assert_int_equal(c.bar[1].index, 2);
}

/* Every bundled statistic: a chart's bars are its values in their order, each as tall as its
 * value is of the largest; a statistic of one value has no chart but a lead. */
static void every_bundled_chart_follows_its_values(void **state) {
  (void)state;
  size_t charts = 0;
  for (size_t i = 0; i < bundled->n_exhibits; i++) {
    const ks_exhibit *e = &bundled->exhibits[i];
    if (e->kind != KS_KIND_STATISTIC)
      continue;
    ui_chart c;
    ui_chart_of_values(e, UI_CHART_MAX, &c);
    assert_true(c.lead < e->n_values);
    if (e->n_values < 2) {
      assert_int_equal(c.n, 0);
      continue;
    }
    if (!c.n)
      continue;
    charts++;
    assert_true(c.n >= 2);
    assert_true(ui_chart_has(&c, c.lead));
    ks_rect bars[UI_CHART_MAX];
    ui_chart_layout(&c, (ks_rect){0, 0, 1000, 400}, 100, bars);
    double top = 0;
    for (size_t k = 0; k < c.n; k++)
      top = c.bar[k].value > top ? c.bar[k].value : top;
    for (size_t k = 0; k < c.n; k++) {
      if (k > 0) {
        assert_true(c.bar[k].index > c.bar[k - 1].index);
        assert_true(bars[k].x > bars[k - 1].x);
        /* taller exactly where the value is larger */
        if (c.bar[k].value > c.bar[k - 1].value)
          assert_true(bars[k].h >= bars[k - 1].h);
        if (c.bar[k].value < c.bar[k - 1].value)
          assert_true(bars[k].h <= bars[k - 1].h);
      }
      int want = (int)(c.bar[k].value / top * 400 + 0.5);
      assert_int_equal(bars[k].h, want);
    }
  }
  /* stat-shared-instruments, -value and -platform-institutions at least, and the pairs */
  if (charts < 3)
    fail_msg("only %zu bundled statistics have a chart", charts);
}

/* Made-up values: a word the reader cannot read and a value in another unit get no bar; a target
 * gets a bar marked as one, and the lead is the latest value reached, not the target. */
static void unread_and_other_units_get_no_bar(void **state) {
  (void)state;
  ks_stat_value v[5] = {
      {.value = "12", .as_of = "2019", .basis = "actual"},
      {.value = "未公布", .as_of = "2020", .basis = "actual"},
      {.value = "3", .as_of = "2021", .basis = "actual", .unit = {.s = {"倍", "times"}}},
      {.value = "20", .as_of = "2022", .basis = "actual"},
      {.value = "30", .as_of = "2025", .basis = "target"},
  };
  ks_exhibit e = {
      .kind = KS_KIND_STATISTIC, .values = v, .n_values = 5, .unit = {.s = {"亿元", "yuan"}}};
  ui_chart c;
  ui_chart_of_values(&e, UI_CHART_MAX, &c);
  assert_int_equal(c.n, 3);
  assert_int_equal(c.bar[0].index, 0);
  assert_int_equal(c.bar[1].index, 3);
  assert_int_equal(c.bar[2].index, 4);
  assert_true(c.bar[2].target && !c.bar[1].target);
  assert_int_equal(c.lead, 3);
  /* Only one readable value in the lead's unit: no chart, the lead alone. */
  e.n_values = 4;
  v[0].value = "十几";
  ui_chart_of_values(&e, UI_CHART_MAX, &c);
  assert_int_equal(c.n, 0);
  assert_int_equal(c.lead, 3);
  /* Nothing readable: the latest value reached leads, shown as written. */
  v[3].value = "不详";
  ui_chart_of_values(&e, UI_CHART_MAX, &c);
  assert_int_equal(c.n, 0);
  assert_int_equal(c.lead, 2); /* 3 倍 */
}

/* An achievement's figures: those of one label and unit with a date make a chart, oldest first
 * whatever order they are written in; another measure's and an undated one stay alone. */
static void figures_of_one_measure_make_a_chart(void **state) {
  (void)state;
  ks_figure g[4] = {
      {.value = "120",
       .unit = {.s = {"名", "researchers"}},
       .label = {.s = {"研究人员", "staff"}},
       .as_of = "2023"},
      {.value = "12",
       .unit = {.s = {"分钟", "minutes"}},
       .label = {.s = {"一次检测", "a test"}},
       .as_of = "2023"},
      {.value = "45",
       .unit = {.s = {"名", "researchers"}},
       .label = {.s = {"研究人员", "staff"}},
       .as_of = "2018"},
      {.value = "60", .unit = {.s = {"名", "researchers"}}, .label = {.s = {"研究人员", "staff"}}},
  };
  ks_exhibit e = {.kind = KS_KIND_ACHIEVEMENT, .figures = g, .n_figures = 4};
  ui_chart c;
  ui_chart_of_figures(&e, 0, UI_CHART_MAX, &c);
  assert_int_equal(c.n, 2);
  assert_int_equal(c.bar[0].index, 2); /* 2018 */
  assert_int_equal(c.bar[1].index, 0); /* 2023 */
  assert_int_equal(c.lead, 0);
  bool charted[4];
  ui_figures_charted(&e, charted);
  assert_true(charted[0] && charted[2]);
  assert_false(charted[1]);
  assert_false(charted[3]);
  ui_chart_of_figures(&e, 1, UI_CHART_MAX, &c);
  assert_int_equal(c.n, 0);
}

/* The number of text runs of the last draw that say exactly `s`. */
static int runs_saying(const ks_ui *ui, const char *s) {
  int n = 0;
  for (size_t i = 0; ks_ui_text_run_text(ui, i); i++)
    n += strcmp(ks_ui_text_run_text(ui, i), s) == 0;
  return n;
}

/* The statistic page as drawn: each value said once — the lead large, the others above their
 * bars with their own measure word where it differs — and no list of the values besides. */
static void statistic_page_says_each_value_once(void **state) {
  (void)state;
  ks_session *s = ts_session(bundled);
  ks_ui *ui = ks_session_ui(s);
  assert_true(ks_ui_show(ui, KS_SCREEN_STATISTIC, "stat-shared-instruments"));
  ks_ui_draw(ui, ks_session_gfx(s));
  assert_int_equal(runs_saying(ui, "28634台（套）"), 1); /* above its bar */
  assert_int_equal(runs_saying(ui, "4万多个"), 1);
  assert_int_equal(runs_saying(ui, "4万多"), 1); /* the lead, large */
  assert_int_equal(runs_saying(ui, "28634"), 0); /* no list of the values besides */
  assert_int_equal(runs_saying(ui, "2019年报道"), 1);
  assert_int_equal(runs_saying(ui, "2022年11月报道"), 1);
  ks_session_close(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(shared_instruments_chart_three_bars),
      cmocka_unit_test(every_bundled_chart_follows_its_values),
      cmocka_unit_test(unread_and_other_units_get_no_bar),
      cmocka_unit_test(figures_of_one_measure_make_a_chart),
      cmocka_unit_test(statistic_page_says_each_value_once),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
