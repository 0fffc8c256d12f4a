#include "cli.h"

#include "kiosk/config.h"
#include "kiosk/diag.h"

#include <string.h>

bool ks_cli_panel_arg(const char *cmd, int argc, char **argv, int *i, ks_session_opts *o, int *rc) {
  bool diagonal = strcmp(argv[*i], "--diagonal") == 0;
  if (!diagonal && strcmp(argv[*i], "--panel-mm") != 0)
    return false;
  if (*i + 1 >= argc) {
    ks_diag_log(stderr, "kiosk %s: %s takes a value", cmd, argv[*i]);
    *rc = 2;
    return true;
  }
  const char *v = argv[++*i];
  if (diagonal ? ks_config_parse_diagonal(v, &o->panel_diagonal_in)
               : ks_config_parse_panel_mm(v, &o->panel_w_mm, &o->panel_h_mm))
    return true;
  ks_diag_log(stderr, "kiosk %s: %s takes the panel's %s, not \"%s\"", cmd, argv[*i - 1],
              diagonal ? "diagonal in inches, from 1 to 500 (7, 15.6)"
                       : "width and height in millimetres, from 10 to 10000, as WxH (155x86)",
              v);
  *rc = 2;
  return true;
}
