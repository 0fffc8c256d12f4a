#include "kiosk/utf8.h"

#include "kiosk/mem.h"

#include <stdio.h>
#include <string.h>

size_t ks_utf8_decode(const char *str, size_t n, uint32_t *cp) {
  const unsigned char *s = (const unsigned char *)str;
  if (n == 0)
    return 0;
  unsigned char c = s[0];
  size_t len;
  uint32_t v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xe0) == 0xc0) {
    len = 2, v = c & 0x1f, min = 0x80;
  } else if ((c & 0xf0) == 0xe0) {
    len = 3, v = c & 0x0f, min = 0x800;
  } else if ((c & 0xf8) == 0xf0) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (n < len)
    return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80)
      return 0;
    v = (v << 6) | (s[i] & 0x3f);
  }
  if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
    return 0;
  *cp = v;
  return len;
}

bool ks_utf8_valid(const char *s, size_t n, size_t *bad) {
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    size_t k = ks_utf8_decode(s + i, n - i, &cp);
    if (k == 0) {
      if (bad)
        *bad = i;
      return false;
    }
    i += k;
  }
  return true;
}

size_t ks_utf8_length(const char *s) {
  size_t count = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if ((*p & 0xc0) != 0x80)
      count++;
  return count;
}

bool ks_text_is_control(uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
         (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t ks_text_escape(const char *s, char *out, size_t size) {
  size_t need = 0, n = strlen(s);
  bool full = size == 0; /* once a piece did not fit, nothing after it is written */
  if (size > 0)
    out[0] = '\0';
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = ks_utf8_decode(s + i, n - i, &cp);
    char esc[8];
    const char *piece = s + i;
    size_t len = k;
    if (k == 0) { /* not UTF-8: the byte, by value */
      len = (size_t)snprintf(esc, sizeof esc, "\\x%02x", (unsigned char)s[i]);
      piece = esc;
      k = 1;
    } else if (ks_text_is_control(cp)) {
      if (cp == '\n' || cp == '\r' || cp == '\t')
        len = (size_t)snprintf(esc, sizeof esc, "\\%c", cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
      else if (cp < 0x80)
        len = (size_t)snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
      else
        len = (size_t)snprintf(esc, sizeof esc, "\\u%04x", (unsigned)cp);
      piece = esc;
    }
    full = full || need + len >= size;
    if (!full) {
      memcpy(out + need, piece, len);
      out[need + len] = '\0';
    }
    need += len;
    i += k;
  }
  return need;
}

char *ks_text_escape_dup(const char *s) {
  size_t n = ks_text_escape(s, NULL, 0);
  char *out = ks_xmalloc(n + 1);
  ks_text_escape(s, out, n + 1);
  return out;
}
