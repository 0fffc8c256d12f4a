#include "test_support.h"

#include "kiosk/source.h"
#include "kiosk/validate.h"

typedef struct {
  ks_diag *diag;
  ks_content *content;
  ks_glyphs *glyphs;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->diag = ks_diag_create();
  f->content = ks_source_load(KS_TEST_FIXTURES "/good", f->diag);
  char err[256];
  f->glyphs = ks_glyphs_open(KS_TEST_FONTS, err, sizeof err);
  if (!f->glyphs)
    fail_msg("%s", err);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  ks_glyphs_close(f->glyphs);
  ks_content_destroy(f->content);
  ks_diag_destroy(f->diag);
  free(f);
  return 0;
}

/* Validates the (possibly altered) fixture into a fresh diag. */
static ks_diag *run(fixture *f, const char *sources_dir) {
  ks_diag *d = ks_diag_create();
  ks_validate_opts opts = {.glyphs = f->glyphs, .sources_dir = sources_dir};
  ks_validate(f->content, &opts, d);
  return d;
}

static ks_exhibit *find(fixture *f, const char *id) {
  return (ks_exhibit *)ks_content_find(f->content, id);
}

static void fixture_is_clean(void **state) {
  fixture *f = *state;
  ks_diag *d = run(f, KS_TEST_FIXTURES "/articles");
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  assert_int_equal(ks_diag_count(d, KS_WARNING), 1); /* the city has no English body */
  assert_true(ks_diag_contains(
      d, "city-hefei.md:18: warning: the exhibit has no body in en (a \"# en\" section); the "
         "kiosk will show the zh body instead"));
  ks_diag_destroy(d);
}

static void quote_must_be_in_article(void **state) {
  fixture *f = *state;
  ks_exhibit *e = find(f, "ev-2021-05-27-joint-lab");
  const char *saved = e->citations[0].quote;
  /* White space and full-width punctuation do not count; a changed word does. */
  e->citations[0].quote = "2021年5月27日， 合肥与芜湖共建联合实验室";
  ks_diag *d = run(f, KS_TEST_FIXTURES "/articles");
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  ks_diag_destroy(d);
  e->citations[0].quote = "2021年5月27日,合肥与杭州共建联合实验室";
  d = run(f, KS_TEST_FIXTURES "/articles");
  assert_true(ks_diag_contains(d, "the quote from art-1 does not occur in sample.txt"));
  ks_diag_destroy(d);
  e->citations[0].quote = saved;
}

static void corrections_apply_to_the_article(void **state) {
  (void)state;
  ks_correction corr[] = {{"蕞", "最"}};
  char *folded = ks_quote_fold("区域 蕞强，（注）", corr, 1);
  assert_string_equal(folded, "区域最强,(注)");
  free(folded);
}

static void self_link_and_unknown_figure_source(void **state) {
  fixture *f = *state;
  ks_exhibit *a = find(f, "ach-quantum-sensor");
  const char *saved_target = a->links[0].target;
  ks_kind saved_kind = a->links[0].target_kind;
  a->links[0].target = "ach-quantum-sensor";
  a->links[0].target_kind = KS_KIND_ACHIEVEMENT;
  a->figures[0].source = "art-9";
  ks_diag *d = run(f, NULL);
  assert_true(ks_diag_contains(d, "ach-quantum-sensor.md:15: error: links to itself"));
  assert_true(
      ks_diag_contains(d, "figure 3.5 gives source art-9, which the exhibit does not cite"));
  ks_diag_destroy(d);
  a->links[0].target = saved_target;
  a->links[0].target_kind = saved_kind;
  a->figures[0].source = NULL;
}

static void dates_are_real_dates(void **state) {
  (void)state;
  static const struct {
    const char *s;
    bool ok;
    ks_date_precision p;
  } cases[] = {
      {"2003", true, KS_DATE_YEAR},
      {"2022-08", true, KS_DATE_MONTH},
      {"2024-02-29", true, KS_DATE_DAY},
      {"2023-02-29", false, 0},
      {"1900-02-29", false, 0},
      {"2000-02-29", true, KS_DATE_DAY},
      {"2003-13", false, 0},
      {"2003-00", false, 0},
      {"2003-04-31", false, 0},
      {"03-04-2003", false, 0},
      {"2003-4", false, 0},
      {"", false, 0},
      {"1800", false, 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    ks_date d;
    char why[96];
    bool ok = ks_date_parse(cases[i].s, &d, why, sizeof why);
    if (ok != cases[i].ok)
      fail_msg("%s: expected %s", cases[i].s, cases[i].ok ? "valid" : "invalid");
    if (ok)
      assert_int_equal(d.precision, cases[i].p);
  }
}

/* A url is shown as a QR code a phone opens: an absolute http(s) address, short enough for a
 * code of readable modules, nothing in it a phone would read otherwise than the curator meant. */
static void urls_are_absolute_http_addresses(void **state) {
  (void)state;
  char long_url[2001];
  snprintf(long_url, sizeof long_url, "https://www.example.com/%01976d", 0);
  char limit[KS_URL_MAX + 2];
  snprintf(limit, sizeof limit, "https://www.example.com/%0*d", KS_URL_MAX - 24, 0);
  static const struct {
    const char *url;
    const char *why; /* NULL: valid; else a part of the reason */
  } cases[] = {
      {"https://www.example.com/news/2021/05/27/lab.html", NULL},
      {"http://example.org", NULL},
      {"HTTPS://EXAMPLE.ORG/A?b=c&d=e#f", NULL},
      {"https://www.example.com:8443/x", NULL},
      {"https://mp.weixin.qq.com/s/AbC-dEf_123", NULL},
      {"https://www.example.com/%E4%B8%AD", NULL},
      {"ftp://x", "is not an http:// or https:// address"},
      {"mailto:a@example.com", "is not an http:// or https:// address"},
      {"javascript:alert(1)", "is not an http:// or https:// address"},
      {"www.example.com", "is not an absolute address"},
      {"//www.example.com/a", "is not an absolute address"},
      {"/news/a.html", "is not an absolute address"},
      {"", "is not an absolute address"},
      {"https://", "has no host name"},
      {"https:///path", "has no host name"},
      {"https://localhost/", "has no host name"},
      {"https://exa_mple.com/", "has no host name"},
      {"https://.example.com/", "has no host name"},
      {"https://example..com/", "has no host name"},
      {"https://www.example.com:/", "has no host name"},
      {"https://www.example.com:123456/", "has no host name"},
      {"https://www.gov.cn@elsewhere.example/", "names a user before its host"},
      {"https://www.example.com/a b", "holds a space at byte 26"},
      {"https://www.example.com/\x01", "holds a control character"},
      {"https://www.example.com/中文", "holds a character outside ASCII at byte 25"},
      {"https://中文.cn/", "holds a character outside ASCII"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char why[160] = "";
    bool ok = ks_url_check(cases[i].url, why, sizeof why);
    if (ok != !cases[i].why)
      fail_msg("%s: expected %s, got %s (%s)", cases[i].url, cases[i].why ? "refused" : "valid",
               ok ? "valid" : "refused", why);
    if (!ok && !strstr(why, cases[i].why))
      fail_msg("%s: expected \"%s\" in \"%s\"", cases[i].url, cases[i].why, why);
  }
  char why[160];
  assert_int_equal(strlen(limit), KS_URL_MAX);
  assert_true(ks_url_check(limit, why, sizeof why));
  strcat(limit, "0");
  assert_false(ks_url_check(limit, why, sizeof why));
  assert_non_null(strstr(why, "is 151 bytes long"));
  assert_false(ks_url_check(long_url, why, sizeof why));
  assert_non_null(strstr(why, "is 2000 bytes long"));
}

static void english_missing_is_a_warning_chinese_an_error(void **state) {
  fixture *f = *state;
  ks_exhibit *e = find(f, "ev-2021-05-27-joint-lab");
  const char *en = e->summary.s[TS_EN], *zh = e->title.s[TS_ZH];
  e->summary.s[TS_EN] = NULL;
  ks_diag *d = run(f, NULL);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  assert_true(ks_diag_contains(
      d, "warning: summary has no text in en (en:); the kiosk will show the zh text instead"));
  ks_diag_destroy(d);
  e->title.s[TS_ZH] = NULL;
  d = run(f, NULL);
  assert_true(ks_diag_contains(
      d, "error: title has no text in zh (zh:), the default language: it is required"));
  ks_diag_destroy(d);
  e->summary.s[TS_EN] = en;
  e->title.s[TS_ZH] = zh;
}

static void glyphs_cover_chinese_and_latin_only(void **state) {
  fixture *f = *state;
  assert_true(ks_glyphs_has(f->glyphs, 0x5408)); /* 合 */
  assert_true(ks_glyphs_has(f->glyphs, 'A'));
  assert_true(ks_glyphs_has(f->glyphs, 0x3002)); /* 。 */
  assert_true(ks_glyphs_has(f->glyphs, '\n'));
  assert_false(ks_glyphs_has(f->glyphs, 0x1f600)); /* an emoji: tofu */
  assert_false(ks_glyphs_has(f->glyphs, 0xe000));  /* private use */
}

/* Every exhibit is checked in every declared language: a text missing in Japanese is a warning
 * that names the exhibit, the field, the language and the one shown instead; missing in the
 * default language, an error; a pack.yaml language that is no tag, or a default not declared, an
 * error. Glyphs are looked up in the face of the text's language. */
static void every_declared_language_is_checked(void **state) {
  fixture *f = *state;
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_source_load(KS_TEST_FIXTURES "/trilingual", d);
  assert_non_null(c);
  assert_int_equal(ks_diag_size(d), 0);
  ks_lang ja = ks_content_lang(c, "ja"), zh = ks_content_lang(c, "zh");
  assert_int_equal(ja, 2);
  ks_exhibit *e = (ks_exhibit *)ks_content_find(c, "city-chizhou");
  e->summary.s[ja] = NULL;
  e->body.s[ja] = NULL;
  ks_validate_opts opts = {.glyphs = f->glyphs};
  ks_validate(c, &opts, d);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  assert_true(ks_diag_contains(d,
                               "city-chizhou.md:19: warning: summary has no text in ja (ja:); the "
                               "kiosk will show the zh text instead"));
  assert_true(ks_diag_contains(d,
                               "warning: the exhibit has no body in ja (a \"# ja\" section); the "
                               "kiosk will show the zh body instead"));
  ks_diag_destroy(d);
  d = ks_diag_create();
  e->title.s[zh] = NULL;
  c->meta.default_lang = "fr";
  ks_validate(c, &opts, d);
  assert_true(
      ks_diag_contains(d, "the default language \"fr\" is not one of the pack's languages"));
  ks_diag_destroy(d);
  d = ks_diag_create();
  c->meta.default_lang = "zh";
  ks_validate(c, &opts, d);
  assert_true(ks_diag_contains(d, "error: title has no text in zh (zh:), the default language"));
  ks_diag_destroy(d);
  assert_string_equal(ks_glyphs_face_name(f->glyphs, "ja"), "Noto Sans CJK JP");
  assert_string_equal(ks_glyphs_face_name(f->glyphs, "zh"), "Noto Sans CJK SC");
  assert_string_equal(ks_glyphs_face_name(f->glyphs, "zh-TW"), "Noto Sans CJK TC");
  assert_string_equal(ks_glyphs_face_name(f->glyphs, "ko"), "Noto Sans CJK KR");
  assert_string_equal(ks_glyphs_face_name(f->glyphs, "en"), "Noto Sans CJK SC");
  ks_content_destroy(c);
}

static void swap_values(ks_exhibit *e) {
  ks_stat_value v = e->values[0];
  e->values[0] = e->values[1];
  e->values[1] = v;
}
static void make_target(ks_exhibit *e) { e->values[0].basis = "target"; }
static void misdate_reported(ks_exhibit *e) { e->values[1].as_of = "2021-07"; }
static void unknown_source(ks_exhibit *e) { e->values[1].source = "art-9"; }
static void drop_unit(ks_exhibit *e) { e->lines.unit = 0; }
static void change_value(ks_exhibit *e) { e->values[0].value = "3.6"; }
static void change_quote(ks_exhibit *e) { e->values[1].quote = "该实验室位于芜湖。"; }
static void bad_date(ks_exhibit *e) { e->values[0].as_of = "2021-02-30"; }

/* A statistic's values: each checked against its own article, in order, their dates real, a
 * target after the article that set it, a reported date the article's own, the unit stated. */
static void statistic_values_are_checked(void **state) {
  fixture *f = *state;
  ks_diag *d = ks_diag_create();
  ks_content *c = ks_source_load(KS_TEST_FIXTURES "/statistic", d);
  assert_int_equal(ks_diag_count(d, KS_ERROR), 0);
  ks_exhibit *e = (ks_exhibit *)ks_content_find(c, "stat-joint-lab");
  assert_non_null(e);
  assert_int_equal(e->kind, KS_KIND_STATISTIC);
  assert_int_equal(e->n_values, 2);
  assert_string_equal(e->values[1].value_tr.s[1], "120 million");
  assert_string_equal(e->values[0].unit.s[0], "倍");
  ks_validate_opts opts = {.glyphs = f->glyphs, .sources_dir = KS_TEST_FIXTURES "/articles"};
  struct {
    void (*change)(ks_exhibit *e);
    const char *finding;
  } cases[] = {
      {NULL, NULL},
      {swap_values, "the value as of 2021-05-27 comes after a later one: list the values oldest "
                    "first"},
      {make_target, "the target for 2021-05-27 is not after art-1, published 2021-06"},
      {misdate_reported, "a reported as_of is the article's date: art-1 was published 2021-06, "
                         "not 2021-07"},
      {unknown_source, "source \"art-9\" is not in sources.yaml"},
      {drop_unit, "a statistic needs a unit:"},
      {change_value, "\"3.6倍\" does not occur in its quote"},
      {change_quote, "the quote from art-1 does not occur in sample.txt"},
      {bad_date, "as_of \"2021-02-30\""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    ks_content *one = ks_source_load(KS_TEST_FIXTURES "/statistic", d);
    if (cases[i].change)
      cases[i].change((ks_exhibit *)ks_content_find(one, "stat-joint-lab"));
    ks_diag *found = ks_diag_create();
    ks_validate(one, &opts, found);
    if (!cases[i].finding) {
      assert_int_equal(ks_diag_count(found, KS_ERROR) + ks_diag_count(found, KS_WARNING), 0);
    } else if (!ks_diag_contains(found, cases[i].finding)) {
      ks_diag_print(found, stderr);
      fail_msg("case %zu: no finding \"%s\"", i, cases[i].finding);
    }
    ks_diag_destroy(found);
    ks_content_destroy(one);
  }
  ks_content_destroy(c);
  ks_diag_destroy(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fixture_is_clean),
      cmocka_unit_test(quote_must_be_in_article),
      cmocka_unit_test(corrections_apply_to_the_article),
      cmocka_unit_test(self_link_and_unknown_figure_source),
      cmocka_unit_test(dates_are_real_dates),
      cmocka_unit_test(urls_are_absolute_http_addresses),
      cmocka_unit_test(english_missing_is_a_warning_chinese_an_error),
      cmocka_unit_test(glyphs_cover_chinese_and_latin_only),
      cmocka_unit_test(every_declared_language_is_checked),
      cmocka_unit_test(statistic_values_are_checked),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
