/* Private to the UI: locator maps (app/ui/locator.c). A city's page, and an achievement's or
 * event's that has places, shows the delta small with those places marked and named — the
 * picture of where, drawn from the same geography as the corridor map (mapview.h). The places
 * are the cities the exhibit links to either way round, read as places (ks_store_places), never
 * as whole cities. */
#ifndef KIOSK_UI_LOCATOR_H
#define KIOSK_UI_LOCATOR_H

#include "ui_private.h"

enum { UI_LOCATOR_MAX = 16 }; /* the most places one locator marks */

/* The places of `e` on the globe, at most `max` of them into `out`: a city itself, then the
 * cities it links to, then those that link to it, each once. Returns how many. */
size_t ui_locator_places(const ks_ui *ui, const ks_exhibit *e, const ks_place **out, size_t max);

/* The locator map of `e` at (x, y) in a column `w` wide, under a caption ("在地图上 / On the
 * map"): the corridor's region (with every marked place), as tall as it is at that width but
 * at most `max_h` (not under 25 mm);
 * the places marked and named by the label rule (kiosk/maplabels.h), each of another page a
 * target that opens its city. Returns the height taken, 0 (nothing drawn) where `e` has no
 * place on the globe or the kiosk has no map (ks_ui_set_map_file). */
int ui_locator(const frame *f, const ks_exhibit *e, int x, int y, int w, int max_h);

#endif
