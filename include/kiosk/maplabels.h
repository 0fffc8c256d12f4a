/* Names beside the pins of a map, placed so that none is ambiguous: a visitor reads each name
 * as the name of the pin it belongs to. The rule (ks_labels_check): every name lies inside the
 * panel, overlaps no other name and covers no pin; and either it is nearer its own pin than any
 * other pin, or a leader line joins it to its pin that crosses no other leader, no other name and
 * no other pin. Pure: pixels in, rectangles and lines out, nothing drawn. */
#ifndef KIOSK_MAPLABELS_H
#define KIOSK_MAPLABELS_H

#include "kiosk/gfx.h"

#include <stdbool.h>
#include <stddef.h>

/* A pin, and the size of the name it would like beside it. */
typedef struct {
  float x, y; /* its centre, pixels */
  float r;    /* its drawn radius: no name covers it */
  int w, h;   /* its name's box (the text and the plate under it); w 0: no name wanted */
  bool must;  /* named before any other where the names can be ordered so (the corridor's) */
} ks_label_pin;

/* Pins ks_labels_place names at most; past them, none. */
#define KS_LABELS_MAX 512

/* Where a pin's name went. */
typedef struct {
  bool placed;          /* false: no place around the pin keeps the rule (or none wanted) */
  ks_rect rect;         /* the name's box */
  bool leader;          /* a leader line joins it to its pin */
  float x0, y0, x1, y1; /* the leader, from the pin's edge to the box's edge */
} ks_label;

/* Places the names of `n` pins in `panel`, in the pins' order: an earlier pin gets the better
 * place. Each takes, of the places around its pin, the nearest that keeps the rule with the
 * names placed before it: beside the pin (right first), else farther out with the shortest
 * leader (a name that is not `must` only a few of its widths out); a name that has no such
 * place is left out (out[i].placed false). Where a `must` name
 * is left out, the names are placed again with it first (a few times), and the placement that
 * names most of the `must` pins is kept. `gap` is the room kept between a name and any pin, and
 * between names. Returns how many were placed. Every placement it returns passes ks_labels_check.
 */
size_t ks_labels_place(const ks_label_pin *pins, size_t n, ks_rect panel, float gap, ks_label *out);

/* The rule above, for names placed by anyone: the index of the first name that breaks it, with
 * what is wrong in `why` ("名 of pin 3 is nearer pin 5 and has no leader"); SIZE_MAX when none
 * does. */
size_t ks_labels_check(const ks_label_pin *pins, size_t n, const ks_label *labels, ks_rect panel,
                       char *why, size_t why_size);

#endif
