/* Names beside map pins (kiosk/maplabels.h): the rule catches every way a name can be
 * ambiguous, and the placement keeps it on crowded input. */
#include "test_support.h"

#include "kiosk/maplabels.h"

static const ks_rect panel = {0, 0, 400, 300};

/* Whether the check finds the name of pin `bad` ambiguous, saying `what`. */
static void caught(const ks_label_pin *pins, size_t n, const ks_label *l, size_t bad,
                   const char *what) {
  char why[256];
  size_t got = ks_labels_check(pins, n, l, panel, why, sizeof why);
  if (got != bad || !strstr(why, what))
    fail_msg("expected pin %zu '%s', got %zu: %s", bad, what, got, why);
}

/* Each way a name goes wrong, as the 7" map drew 湖州 and 嘉兴 before: beside another city's pin,
 * with leaders that cross. */
static void the_rule_finds_every_ambiguous_name(void **state) {
  (void)state;
  ks_label_pin pins[3] = {
      {100, 100, 6, 60, 20, false}, {220, 100, 6, 60, 20, false}, {100, 200, 6, 60, 20, false}};
  ks_label l[3] = {{0}};
  char why[256];
  /* Right of pin 0, clear of pin 1: its own. */
  l[0] = (ks_label){true, {110, 90, 60, 20}, false, 0, 0, 0, 0};
  assert_int_equal(ks_labels_check(pins, 3, l, panel, why, sizeof why), SIZE_MAX);
  /* Right of pin 0 but touching pin 1's side: nearer pin 1, no leader. */
  l[0].rect = (ks_rect){150, 70, 60, 20};
  caught(pins, 3, l, 0, "not nearer its own pin than pin 1");
  /* Over pin 1. */
  l[0].rect = (ks_rect){190, 90, 60, 20};
  caught(pins, 3, l, 0, "covers pin 1");
  /* Outside the panel. */
  l[0].rect = (ks_rect){380, 90, 60, 20};
  caught(pins, 3, l, 0, "outside the panel");
  /* Far out with a leader: fine, unless leaders cross, a leader crosses a name or a pin. */
  l[0] = (ks_label){true, {20, 20, 60, 20}, true, 100, 94, 80, 40};
  assert_int_equal(ks_labels_check(pins, 3, l, panel, why, sizeof why), SIZE_MAX);
  l[1] = (ks_label){true, {20, 70, 60, 20}, true, 214, 100, 80, 80};
  caught(pins, 3, l, 0, "crosses the leader of pin 1");
  l[1] = (ks_label){true, {60, 45, 60, 20}, false, 0, 0, 0, 0}; /* over pin 0's leader */
  caught(pins, 3, l, 0, "leader across the name of pin 1");
  l[1] = (ks_label){0};
  l[2] = (ks_label){true, {200, 240, 60, 20}, true, 106, 200, 200, 250};
  l[0] = (ks_label){true, {20, 20, 60, 20}, true, 100, 200 - 7, 80, 40}; /* starts at pin 2 */
  caught(pins, 3, l, 0, "does not join it to its pin");
  l[0] = (ks_label){true, {300, 90, 60, 20}, true, 106, 100, 300, 100};
  caught(pins, 3, l, 0, "leader across pin 1");
  /* Two names on each other. */
  l[0] = (ks_label){true, {110, 90, 60, 20}, false, 0, 0, 0, 0};
  l[2] = (ks_label){true, {120, 105, 60, 20}, true, 101, 194, 130, 125};
  caught(pins, 3, l, 0, "overlaps the name of pin 2");
}

/* A deterministic stream of numbers in [0, 1). */
static float next(uint32_t *s) {
  *s = *s * 1664525u + 1013904223u;
  return (float)(*s >> 8) / 16777216.0f;
}

/* Crowded maps: pins in clusters as the delta's cities sit on a small panel (Shanghai's
 * districts, the cities around Taihu), names of two to six characters. Every placement keeps the
 * rule, the first pins (the corridor's) are named where any room is, and most others too. */
static void placements_on_crowded_maps_keep_the_rule(void **state) {
  (void)state;
  enum { N = 60 };
  uint32_t seed = 13;
  size_t placed_total = 0, pins_total = 0, first_named = 0;
  for (int round = 0; round < 300; round++) {
    ks_label_pin pins[N];
    ks_label out[N];
    size_t n = 10 + (size_t)(next(&seed) * (N - 10));
    float cx = 100 + next(&seed) * 200, cy = 80 + next(&seed) * 140;
    float spread = 20 + next(&seed) * 120;
    for (size_t i = 0; i < n; i++) {
      bool clustered = next(&seed) < 0.6f;
      pins[i].x = clustered ? cx + (next(&seed) - 0.5f) * spread : 8 + next(&seed) * 384;
      pins[i].y = clustered ? cy + (next(&seed) - 0.5f) * spread : 8 + next(&seed) * 284;
      pins[i].r = i < 9 ? 7 : 4.5f;
      pins[i].w = 24 + (int)(next(&seed) * 60);
      pins[i].h = 18;
      pins[i].must = i < 9;
    }
    size_t placed = ks_labels_place(pins, n, panel, 3, out);
    char why[256];
    size_t bad = ks_labels_check(pins, n, out, panel, why, sizeof why);
    if (bad != SIZE_MAX)
      fail_msg("round %d (%zu pins): %s", round, n, why);
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
      count += out[i].placed;
    assert_int_equal(count, placed);
    first_named += out[0].placed;
    placed_total += placed;
    pins_total += n;
  }
  /* Some clusters are denser than a name's leader can leave (pins on one another): there the
   * first pin goes unnamed too, rather than ambiguously. */
  if (first_named < 240 || placed_total * 2 <= pins_total)
    fail_msg("first named %zu of 300, %zu of %zu named", first_named, placed_total, pins_total);
}

/* A tight block of pins, each 2.4 pins wide from the next (the cities around Taihu on a 7"
 * panel): every one is named, the outer ones beside their pins, the inner by leaders that
 * cross nothing. */
static void a_tight_block_of_pins_is_named_whole(void **state) {
  (void)state;
  ks_label_pin pins[9];
  ks_label out[9];
  for (int i = 0; i < 9; i++)
    pins[i] = (ks_label_pin){180 + (float)(i % 3) * 24, 130 + (float)(i / 3) * 24, 5, 46, 18, true};
  pins[0] = pins[4], pins[4] = (ks_label_pin){180, 130, 5, 46, 18, true}; /* the middle one first */
  assert_int_equal(ks_labels_place(pins, 9, panel, 3, out), 9);
  char why[256];
  if (ks_labels_check(pins, 9, out, panel, why, sizeof why) != SIZE_MAX)
    fail_msg("%s", why);
  assert_true(out[0].leader); /* the first pin finds room but where the panel has none */
}

/* Where there is room a name sits right of its pin, with no leader; a name with no place that
 * keeps the rule is left out, not placed ambiguously. */
static void names_sit_beside_their_pins_or_are_left_out(void **state) {
  (void)state;
  ks_label_pin pins[2] = {{100, 100, 6, 60, 20, true}, {300, 100, 6, 60, 20, true}};
  ks_label out[2];
  assert_int_equal(ks_labels_place(pins, 2, panel, 3, out), 2);
  assert_false(out[0].leader);
  assert_true(out[0].rect.x > 100 && out[0].rect.y < 100 && out[0].rect.y + 20 > 100);
  /* A panel too small for any name. */
  assert_int_equal(ks_labels_place(pins, 2, (ks_rect){90, 90, 30, 30}, 3, out), 0);
  assert_false(out[0].placed);
  /* No name wanted. */
  pins[0].w = 0;
  assert_int_equal(ks_labels_place(pins, 1, panel, 3, out), 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(the_rule_finds_every_ambiguous_name),
      cmocka_unit_test(placements_on_crowded_maps_keep_the_rule),
      cmocka_unit_test(a_tight_block_of_pins_is_named_whole),
      cmocka_unit_test(names_sit_beside_their_pins_or_are_left_out),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
