/* The table of screens and the table of kinds: the one place that lists every screen and says
 * which screens show exhibits of which kind. A new screen is a file under screens/, a value of
 * ks_screen_id and a row here; a new kind a row of ui_kinds; nothing else switches on screens or
 * kinds. */
#include "ui_private.h"

extern const ui_screen ui_screen_home, ui_screen_achievements, ui_screen_achievement,
    ui_screen_timeline, ui_screen_event, ui_screen_cities, ui_screen_city, ui_screen_attract,
    ui_screen_statistics, ui_screen_statistic;

const ui_screen *const ui_screens[KS_SCREEN_COUNT] = {
    [KS_SCREEN_HOME] = &ui_screen_home,
    [KS_SCREEN_ACHIEVEMENTS] = &ui_screen_achievements,
    [KS_SCREEN_ACHIEVEMENT] = &ui_screen_achievement,
    [KS_SCREEN_TIMELINE] = &ui_screen_timeline,
    [KS_SCREEN_EVENT] = &ui_screen_event,
    [KS_SCREEN_CITIES] = &ui_screen_cities,
    [KS_SCREEN_CITY] = &ui_screen_city,
    [KS_SCREEN_ATTRACT] = &ui_screen_attract,
    [KS_SCREEN_STATISTICS] = &ui_screen_statistics,
    [KS_SCREEN_STATISTIC] = &ui_screen_statistic,
};

const ui_kind ui_kinds[] = {
    [KS_KIND_ACHIEVEMENT] = {KS_SCREEN_ACHIEVEMENT, KS_SCREEN_ACHIEVEMENTS, "achievements.title",
                             &KS_GOLD, false, NULL, ui_achievements_order},
    [KS_KIND_CITY] = {KS_SCREEN_CITY, KS_SCREEN_CITIES, "cities.title", &KS_TEAL, false, NULL,
                      ui_cities_order},
    [KS_KIND_EVENT] = {KS_SCREEN_EVENT, KS_SCREEN_TIMELINE, "timeline.title", &KS_CORAL, true,
                       ui_events_listed, ui_events_order},
    [KS_KIND_STATISTIC] = {KS_SCREEN_STATISTIC, KS_SCREEN_STATISTICS, "statistics.title", &KS_LILAC,
                           false, NULL, ui_statistics_order},
};
_Static_assert(sizeof ui_kinds / sizeof *ui_kinds == KS_KIND_COUNT, "a kind without its screens");

int ui_screen_kind(ks_screen_id screen) {
  for (int k = 0; k < KS_KIND_COUNT; k++)
    if (ui_kinds[k].screen == screen)
      return k;
  return -1;
}

const ks_exhibit *const *ui_kind_list(const ks_ui *ui, ks_kind kind, size_t *n) {
  if ((unsigned)kind >= KS_KIND_COUNT) {
    *n = 0;
    return NULL;
  }
  *n = ui->idx.n[kind];
  return ui->idx.list[kind];
}

ks_screen_id ks_ui_kind_screen(ks_kind kind, bool overview) {
  if ((unsigned)kind >= KS_KIND_COUNT)
    return KS_SCREEN_HOME;
  return overview ? ui_kinds[kind].list_screen : ui_kinds[kind].screen;
}

int ks_ui_screen_kind(ks_screen_id screen) {
  for (int k = 0; k < KS_KIND_COUNT; k++)
    if (ui_kinds[k].screen == screen || ui_kinds[k].list_screen == screen)
      return k;
  return -1;
}
