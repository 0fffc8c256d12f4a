/* The kiosk's configuration file (/etc/kiosk/kiosk.ini when installed): an INI file, every option
 * with a default, documented in scripts/kiosk.ini, in inih's syntax. A wrong line is reported
 * with its file and line number; the kiosk logs it and keeps every line it could read. A line
 * longer than 4096 characters is refused whole, never cut; a wrong value keeps the default. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include "kiosk/diag.h"
#include "kiosk/schedule.h"
#include "kiosk/sign.h"

#include <stdbool.h>
#include <stddef.h>

enum {
  KS_CONFIG_MAX_KEYS = 16,
  KS_CONFIG_MAX_WATCH = 8,
  KS_CONFIG_PATH = 1024,
  KS_FLEET_NAME_MAX = 64, /* a kiosk's name: 1-63 of A-Z a-z 0-9 . _ -, not starting with . or - */
};

typedef struct {
  /* [kiosk] */
  char data_dir[KS_CONFIG_PATH]; /* installed packs, statistics; "" runs the bundled pack only */
  float idle_timeout;            /* seconds untouched before the attract loop; 0 never */
  char default_lang[36];         /* a BCP 47 tag ("zh", "ja"), or "" for the pack's own default; a
                                    language the pack has not shows the pack's own */
  int rotation;                  /* 0, 90, 180 or 270 */
  /* The panel's size in millimetres as built (before rotation), for layout in physical units;
   * 0 0: what the display says. panel_mm wins over panel_diagonal. */
  float panel_w_mm, panel_h_mm;
  float panel_diagonal_in; /* the panel's diagonal in inches, square pixels; 0: the display's */
  /* [packs] */
  ks_pubkey keys[KS_CONFIG_MAX_KEYS]; /* trusted_key: the curators' public keys */
  size_t n_keys;
  bool allow_unsigned;                             /* developers only; loud when on */
  bool auto_install;                               /* install a found pack without a tap */
  char watch[KS_CONFIG_MAX_WATCH][KS_CONFIG_PATH]; /* where sticks are mounted */
  size_t n_watch;
  int rollback_failures; /* roll back a pack that fails to start this many times … */
  int rollback_minutes;  /* … within this many minutes */
  /* [stats] */
  bool stats; /* keep visitor statistics in DATA_DIR/stats.sqlite */
  /* [fleet] (kiosk/fleet.h) */
  char fleet_folder[KS_CONFIG_PATH];  /* the hall's shared (Syncthing) folder; "": no fleet */
  char fleet_name[KS_FLEET_NAME_MAX]; /* this kiosk's name in status/NAME.json; "": host name */
  int fleet_report_s;                 /* seconds between status reports, at least */
  /* [schedule] (kiosk/schedule.h): opening hours, closed dates, how long a touch lights it */
  ks_schedule schedule;
} ks_config;

/* True when `name` may name a kiosk (KS_FLEET_NAME_MAX): it becomes a file name in a folder the
 * whole hall shares, so only letters, digits, '.', '_' and '-', never a hidden or option-like
 * name. */
bool ks_config_name_ok(const char *name);
/* The defaults: what the kiosk does with no configuration file. */
void ks_config_defaults(ks_config *c);
/* Reads `path` over what `c` holds. False, with every finding in `diag` (file and line), when the
 * file cannot be read or a line is wrong. */
bool ks_config_load(ks_config *c, const char *path, ks_diag *diag);

/* A panel's size as the configuration and the command line give it: "WxH" in millimetres, each
 * from 10 to 10000 ("155x86", "154.2 x 85.9"), or a diagonal in inches from 1 to 500. False for
 * anything else (the outputs untouched); the hints say what is taken, for messages. */
bool ks_config_parse_panel_mm(const char *v, float *w_mm, float *h_mm);
bool ks_config_parse_diagonal(const char *v, float *inches);
#define KS_CONFIG_PANEL_MM_HINT                                                                    \
  "give the panel's width and height in millimetres, from 10 to 10000, as WxH (155x86)"
#define KS_CONFIG_DIAGONAL_HINT "give the diagonal in inches, from 1 to 500 (7, 15.6)"

#endif
