/* UTF-8 decoding that rejects everything RFC 3629 forbids: overlong forms, surrogates, code
 * points past U+10FFFF and truncated sequences. */
#ifndef KIOSK_UTF8_H
#define KIOSK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at `s` (at most `n` bytes). Returns the bytes it takes (1–4), or 0 when
 * the bytes there are not valid UTF-8. */
size_t ks_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* True when all `n` bytes are valid UTF-8; otherwise `*bad` gets the offset of the first bad byte.
 */
bool ks_utf8_valid(const char *s, size_t n, size_t *bad);
/* Number of code points in a valid UTF-8 string. */
size_t ks_utf8_length(const char *s);

#endif
