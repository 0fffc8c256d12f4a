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
                             &KS_GOLD, false},
    [KS_KIND_CITY] = {KS_SCREEN_CITY, KS_SCREEN_CITIES, "cities.title", &KS_TEAL, false},
    [KS_KIND_EVENT] = {KS_SCREEN_EVENT, KS_SCREEN_TIMELINE, "timeline.title", &KS_CORAL, true},
    [KS_KIND_STATISTIC] = {KS_SCREEN_STATISTIC, KS_SCREEN_STATISTICS, "statistics.title", &KS_LILAC,
                           false},
};
_Static_assert(sizeof ui_kinds / sizeof *ui_kinds == KS_KIND_COUNT, "a kind without its screens");

int ui_screen_kind(ks_screen_id screen) {
  for (int k = 0; k < KS_KIND_COUNT; k++)
    if (ui_kinds[k].screen == screen)
      return k;
  return -1;
}

size_t ui_count(const ks_ui *ui, ks_kind kind) { return ks_store_count(ui->store, kind, NULL); }

const ks_exhibit *ui_at(const ks_ui *ui, ks_kind kind, size_t i) {
  return ks_store_at(ui->store, kind, NULL, i);
}

const char *ui_id_at(const ks_ui *ui, ks_kind kind, size_t i) {
  return ks_store_id_at(ui->store, kind, NULL, i);
}

const ks_exhibit *ui_find(const ks_ui *ui, const char *id) { return ks_store_find(ui->store, id); }

size_t ui_pos(const ks_ui *ui, const ks_exhibit *e) {
  return e ? ks_store_pos(ui->store, e->kind, NULL, e->id) : SIZE_MAX;
}

int ui_event_year(const ks_ui *ui, size_t i) {
  return ks_store_key_at(ui->store, KS_KIND_EVENT, NULL, i);
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
