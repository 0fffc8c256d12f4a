/* UTF-8 decoding that rejects everything RFC 3629 forbids: overlong forms, surrogates, code
 * points past U+10FFFF and truncated sequences; and the one escape every name from outside (a
 * file on a stick, a path, a pack's id) goes through before a person sees it. */
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

/* True for a code point that acts on a terminal or rearranges a line instead of showing: C0
 * controls, DEL, C1 controls (U+0080–U+009F), the bidirectional marks, embeddings, overrides and
 * isolates (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) and the line and paragraph
 * separators (U+2028, U+2029). */
bool ks_text_is_control(uint32_t cp);
/* Copies `s` to `out` with every control (ks_text_is_control) and every byte that is not UTF-8
 * written as a visible escape: \n \r \t, \xNN for other ASCII controls and for bad bytes,
 * \uNNNN for the rest. Nothing else changes — backslashes neither — so escaping twice is escaping
 * once, and a name shows as one line that cannot forge another, clear the screen or read
 * backwards. `out` (`size` bytes; NULL and 0 to measure) ends in NUL; when short it ends before an
 * escape or character that would not fit. Returns the length the whole escaped text needs, like
 * snprintf. */
size_t ks_text_escape(const char *s, char *out, size_t size);
/* The same into a new string (free it); aborts when out of memory. */
char *ks_text_escape_dup(const char *s);

#endif
