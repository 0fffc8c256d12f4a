#include "test_support.h"

#include "kiosk/textbreak.h"
#include "kiosk/utf8.h"

/* A stand-in for a font: ASCII is 1 unit wide, everything else (CJK) 2. */
static int measure(void *ctx, const char *s, size_t n) {
  (void)ctx;
  int w = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp = 0;
    size_t k = ks_utf8_decode(s + i, n - i, &cp);
    w += cp < 0x80 ? 1 : 2;
    i += k ? k : 1;
  }
  return w;
}

/* Breaks `text` and returns its lines joined by "|" (with "…" where cut), for comparison. */
static const char *lay(const char *text, int width, size_t max_lines) {
  static char out[1024];
  ks_line lines[32];
  ks_break_opts opts = {.max_width = width, .max_lines = max_lines, .lang = "zh"};
  size_t n = ks_text_break(text, strlen(text), &opts, measure, NULL, lines, 32);
  out[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    if (i)
      strcat(out, "|");
    strncat(out, text + lines[i].start, lines[i].len);
    if (lines[i].ellipsis)
      strcat(out, "…");
    assert_true(lines[i].width <= width);
  }
  return out;
}

static void chinese_fills_lines(void **state) {
  (void)state;
  assert_string_equal(lay("长三角科技创新共同体", 8, 0), "长三角科|技创新共|同体");
}

/* Word joiners (U+2060, zero width) keep a short name whole, as the UI joins a city's or a
 * field's characters: the line breaks before the name, not inside it. */
static void word_joiners_keep_names_whole(void **state) {
  (void)state;
  /* The measure counts each joiner as 2 units, so "智⁠能⁠制⁠造" is 14 wide here. */
  assert_string_equal(lay("2024 · 智\u2060能\u2060制\u2060造", 15, 0),
                      "2024 ·|智\u2060能\u2060制\u2060造");
  assert_string_equal(lay("2024 · 智能制造", 15, 0), "2024 · 智能|制造");
}

static void closing_punctuation_never_starts_a_line(void **state) {
  (void)state;
  /* Greedy filling would put "。" alone on line 2; the character before it moves down too. */
  assert_string_equal(lay("长三角科技。创新", 10, 0), "长三角科|技。创新");
  assert_string_equal(lay("共建“智造极”，推动", 12, 0), "共建“智造|极”，推动");
  /* (and the last line takes a second character: see no_single_character_last_line) */
  assert_string_equal(lay("九章三号、超重力", 8, 0), "九章三|号、超|重力");
  assert_string_equal(lay("发布《纲要》！", 10, 0), "发布|《纲要》！"); /* not "要》！" alone */
}

static void opening_punctuation_never_ends_a_line(void **state) {
  (void)state;
  assert_string_equal(lay("长三角「科创」", 8, 0), "长三角|「科创」");
  assert_string_equal(lay("实施（试行）办法", 8, 0), "实施（试|行）办法");
  assert_string_equal(lay("实施办（试行）办法", 8, 0), "实施办|（试行）|办法");
}

static void english_breaks_at_spaces(void **state) {
  (void)state;
  assert_string_equal(lay("The G60 corridor joins nine cities", 12, 0),
                      "The G60|corridor|joins nine|cities");
}

static void mixed_text_and_numbers(void **state) {
  (void)state;
  /* "109.49亿元" stays whole: no break inside a number. */
  assert_string_equal(lay("争取国家经费109.49亿元", 14, 0), "争取国家经费|109.49亿元");
}

static void too_long_words_are_cut(void **state) {
  (void)state;
  assert_string_equal(lay("supercalifragilistic", 8, 0), "supercal|ifragili|stic");
  /* A cut inside a run still keeps punctuation off the next line's start. */
  assert_string_equal(lay("76.2%；争取", 6, 0), "76.|2%；|争取");
}

static void line_breaks_are_kept(void **state) {
  (void)state;
  assert_string_equal(lay("第一段。\n第二段。", 20, 0), "第一段。|第二段。");
}

static void ellipsis_where_cut(void **state) {
  (void)state;
  assert_string_equal(lay("长三角科技创新共同体联合攻关合作机制", 8, 2), "长三角科|技创新…");
  assert_string_equal(lay("The G60 corridor joins nine cities", 12, 1), "The G60…");
  /* Fits exactly: no ellipsis. */
  assert_string_equal(lay("长三角科", 8, 1), "长三角科");
  /* Not after an opening bracket. */
  assert_string_equal(lay("一二（三四五六七八", 8, 1), "一二…");
}

static void every_line_fits_any_width(void **state) {
  (void)state;
  const char *text =
      "2019年至2021年国家重点研发计划中，长三角协同承担682项，占三省一市获批国家立项总数的"
      "76.2%；争取国家经费109.49亿元，占比86.73%。The Yangtze River Delta led.";
  for (int width = 2; width < 60; width++) {
    ks_line lines[128];
    ks_break_opts opts = {.max_width = width, .lang = "zh"};
    size_t n = ks_text_break(text, strlen(text), &opts, measure, NULL, lines, 128);
    size_t covered = 0;
    for (size_t i = 0; i < n; i++) {
      assert_true(lines[i].width <= width);
      assert_true(lines[i].start >= covered);
      covered = lines[i].start + lines[i].len;
      uint32_t first;
      ks_utf8_decode(text + lines[i].start, 4, &first);
      if (i > 0 && width >= 6) /* wide enough for the rule to be kept */
        assert_true(first != 0x3002 && first != 0xff0c && first != 0xff1b);
    }
    assert_int_equal(covered, strlen(text));
  }
}

/* A subtitle's parts stay whole: a line ends where a "·" separator was, never inside a part. */
static void subtitles_break_between_parts(void **state) {
  (void)state;
  char out[128];
  const char *s = "40 座城市与地方 · 轻触地图上的城市"; /* 3 + 12 + 3 + 16 units */
  assert_ptr_equal(ks_text_break_between(s, "·", 80, measure, NULL, out, sizeof out), s);
  assert_string_equal(ks_text_break_between(s, "·", 30, measure, NULL, out, sizeof out),
                      "40 座城市与地方\n轻触地图上的城市");
  /* As many parts a line as fit, the separator kept as written between them. */
  assert_string_equal(ks_text_break_between("2024  ·  chips  ·  Hefei, Anhui", "·", 16, measure,
                                            NULL, out, sizeof out),
                      "2024  ·  chips\nHefei, Anhui");
  /* A part wider than the line is left to the line breaker; no separator, nothing to do. */
  assert_string_equal(
      ks_text_break_between("a · bbbbbbbbbb · c", "·", 6, measure, NULL, out, sizeof out),
      "a\nbbbbbbbbbb\nc");
  const char *word = "abcdefgh";
  assert_ptr_equal(ks_text_break_between(word, "·", 4, measure, NULL, out, sizeof out), word);
  /* Too long for out: the text as it is. */
  char small[8];
  assert_ptr_equal(ks_text_break_between(s, "·", 30, measure, NULL, small, sizeof small), s);
}

/* W3C clreq 3.1.6: a paragraph does not end in a line of one character where it can break
 * otherwise; the line before gives it one more. */
static void no_single_character_last_line(void **state) {
  (void)state;
  assert_string_equal(lay("长三角科技创新共同体", 6, 0), "长三角|科技创|新共|同体");
  assert_string_equal(lay("长三角科技创新共同体。", 6, 0), "长三角|科技创|新共|同体。");
  /* Not where it cannot: a line of one character by itself, a hard line break before it, a
   * text cut short (the ellipsis line), English words. */
  assert_string_equal(lay("长", 6, 0), "长");
  assert_string_equal(lay("长三角\n科", 6, 0), "长三角|科");
  assert_string_equal(lay("长三角科技创新共同体", 6, 3), "长三角|科技创|新共…");
  assert_string_equal(lay("abc def g", 7, 0), "abc def|g");
}

/* W3C clreq 3.1.6 ("punctuation adjustment"): an opening bracket or quote that starts a line is
 * set in half its width, so the line's text aligns with the lines above and below; the line is
 * drawn `indent` left of the box. Only full-width marks: an ASCII parenthesis is already narrow. */
static void opening_punctuation_at_line_start_is_half_width(void **state) {
  (void)state;
  ks_line lines[8];
  ks_break_opts opts = {.max_width = 8, .lang = "zh"};
  const char *text = "长三角「科创」「一体」（试行）";
  size_t n = ks_text_break(text, strlen(text), &opts, measure, NULL, lines, 8);
  assert_int_equal(n, 4); /* 长三角|「科创」|「一体」|（试行） */
  assert_int_equal(lines[0].indent, 0);
  for (size_t i = 1; i < n; i++)
    assert_int_equal(lines[i].indent, 1); /* half of the mark's 2 units */
  const char *quote = "“全长三角造”机器人";
  n = ks_text_break(quote, strlen(quote), &opts, measure, NULL, lines, 8);
  assert_int_equal(lines[0].indent, 1);
  /* English sets its quotes proportionally, and "(" is narrow: no adjustment. */
  opts.lang = "en";
  n = ks_text_break(quote, strlen(quote), &opts, measure, NULL, lines, 8);
  assert_int_equal(lines[0].indent, 0);
  opts.lang = "zh";
  n = ks_text_break("(G60)", 5, &opts, measure, NULL, lines, 8);
  assert_int_equal(lines[0].indent, 0);
}

int main(void) {
  ks_text_break_init();
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(chinese_fills_lines),
      cmocka_unit_test(word_joiners_keep_names_whole),
      cmocka_unit_test(closing_punctuation_never_starts_a_line),
      cmocka_unit_test(opening_punctuation_never_ends_a_line),
      cmocka_unit_test(english_breaks_at_spaces),
      cmocka_unit_test(mixed_text_and_numbers),
      cmocka_unit_test(too_long_words_are_cut),
      cmocka_unit_test(line_breaks_are_kept),
      cmocka_unit_test(ellipsis_where_cut),
      cmocka_unit_test(every_line_fits_any_width),
      cmocka_unit_test(subtitles_break_between_parts),
      cmocka_unit_test(no_single_character_last_line),
      cmocka_unit_test(opening_punctuation_at_line_start_is_half_width),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
