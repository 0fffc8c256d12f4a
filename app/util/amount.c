/* Numbers as articles write them, read for drawing (kiosk/amount.h). A small hand-written
 * reader: strtod would take "1e5", "inf" and "0x10", and reads the decimal point of the locale. */
#include "kiosk/amount.h"

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Whether `*p` starts with `word`; if so, moves past it. */
static bool take(const char **p, const char *word) {
  size_t n = strlen(word);
  if (strncmp(*p, word, n) != 0)
    return false;
  *p += n;
  return true;
}

static void skip_spaces(const char **p) {
  while (**p == ' ')
    (*p)++;
}

static bool take_any(const char **p, const char *const *words) {
  for (; *words; words++)
    if (take(p, *words))
      return true;
  return false;
}

/* Digits and an optional decimal part ("28634", "109.49", "28,634" with `commas`): the digits as
 * one whole number divided by ten per decimal place, so "109.49" is 10949 / 100, the double
 * nearest 109.49. False when there are no digits or a comma is not between groups of three. */
static bool read_decimal(const char **p, bool commas, double *out) {
  const char *s = *p;
  double m = 0;
  int digits = 0, group = 0, places = 0;
  bool grouped = false;
  for (;; s++) {
    if (*s >= '0' && *s <= '9') {
      m = m * 10 + (*s - '0');
      digits++, group++;
    } else if (*s == ',' && commas && group > 0 && (grouped ? group == 3 : group <= 3)) {
      grouped = true, group = 0;
    } else {
      break;
    }
  }
  if (digits == 0 || (grouped && group != 3))
    return false;
  if (*s == '.') {
    s++;
    for (; *s >= '0' && *s <= '9'; s++, places++)
      m = m * 10 + (*s - '0');
    if (places == 0)
      return false;
  }
  *out = m / pow(10, places);
  *p = s;
  return true;
}

/* Chinese numerals below ten thousand: "六", "十二", "三百五十", "一千零五". Each of 十 百 千 at
 * most once and in falling order, a digit before each but a leading 十. */
static bool read_chinese(const char **p, double *out) {
  static const char *const digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const struct {
    const char *s;
    int unit;
  } units[] = {{"十", 10}, {"百", 100}, {"千", 1000}};
  const char *s = *p;
  int total = 0, pending = -1, last_unit = 10000;
  bool any = false;
  for (;;) {
    int d = -1;
    for (int i = 0; i < 10 && d < 0; i++)
      if (take(&s, digits[i]))
        d = i;
    if (d < 0 && take(&s, "两"))
      d = 2;
    if (d < 0 && take(&s, "零"))
      d = 0;
    if (d >= 0) {
      if (pending > 0)
        return false; /* "一二": two digits with no unit between */
      pending = d, any = true;
      continue;
    }
    int unit = 0;
    for (size_t i = 0; i < sizeof units / sizeof *units && !unit; i++)
      if (take(&s, units[i].s))
        unit = units[i].unit;
    if (!unit)
      break;
    if (unit >= last_unit)
      return false;
    int times = pending > 0 ? pending : unit == 10 && !any ? 1 : -1;
    if (times < 0)
      return false; /* "百", "零十" */
    total += times * unit, pending = -1, last_unit = unit, any = true;
  }
  if (!any)
    return false;
  *out = total + (pending > 0 ? pending : 0);
  *p = s;
  return true;
}

bool ks_amount_parse(const char *text, double *value) {
  /* Longer words first: 超过 before 超, 将近 before 近. */
  static const char *const before[] = {"超过",   "超",      "逾",      "将近",       "近",
                                       "大约",   "约",      "达",      "more than ", "over ",
                                       "about ", "nearly ", "almost ", NULL};
  static const struct {
    const char *s;
    double times;
  } multipliers[] = {{"万亿", 1e12},     {"亿", 1e8},       {"万", 1e4},       {"千", 1e3},
                     {" thousand", 1e3}, {" million", 1e6}, {" billion", 1e9}, {" trillion", 1e12}};
  static const char *const after[] = {"多", "余", "以上", "+", NULL};
  if (!text)
    return false;
  const char *p = text;
  skip_spaces(&p);
  if (take_any(&p, before))
    skip_spaces(&p);
  double sign = take(&p, "-") ? -1 : 1, v;
  bool share = false; /* "1/8": no multiplier, no "and more" */
  if (read_decimal(&p, true, &v)) {
    if (take(&p, "/")) {
      double den;
      if (!read_decimal(&p, false, &den) || den == 0)
        return false;
      v /= den, share = true;
    }
  } else if (!read_chinese(&p, &v)) {
    return false;
  }
  for (size_t i = 0; i < sizeof multipliers / sizeof *multipliers && !share; i++)
    if (take(&p, multipliers[i].s)) {
      v *= multipliers[i].times;
      break;
    }
  if (!share)
    take_any(&p, after);
  skip_spaces(&p);
  v *= sign;
  if (*p || !isfinite(v))
    return false;
  *value = v;
  return true;
}
