/* Numbers as articles write them — "28634", "4万多", "超327", "1/8", "109.49", "六", "40,000+",
 * "32.7 billion" — read for drawing: how tall a chart's bar is. What a visitor reads is always the
 * article's own text; this only says how large it is. Pure: no allocation, no locale. */
#ifndef KIOSK_AMOUNT_H
#define KIOSK_AMOUNT_H

#include <stdbool.h>

/* Reads `text` as one number: an optional word of approximation before it (超, 超过, 逾, 近, 将近,
 * 约, 大约, 达, "over", "about", "nearly", "almost", "more than"); an optional minus; digits with
 * an optional decimal part and "," between groups of three, a fraction "a/b", or Chinese numerals
 * (〇 零 一 二 两 三 四 五 六 七 八 九 十 百 千, "六", "三百五十"); then optionally a multiplier
 * (万 1e4, 亿 1e8, 万亿 1e12, 千 1e3 after digits; " thousand", " million", " billion"); then
 * optionally a word saying "and more" (多, 余, 以上, "+"). "4万多" is 40000: a lower bound read
 * as the value. Spaces around it are ignored. True with `*value` set; false, leaving it alone,
 * for anything else (an empty text, a word, "1/0", a number too large to be finite), NULL
 * included. */
bool ks_amount_parse(const char *text, double *value);

#endif
