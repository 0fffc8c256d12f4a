#include "cli.h"

#include "kiosk/config.h"

#include <stdio.h>

void ks_cli_panel_value(ks_cli *cli, int id, const char *value, ks_session_opts *o) {
  bool diagonal = id == KS_CLI_OPT_DIAGONAL;
  if (diagonal ? ks_config_parse_diagonal(value, &o->panel_diagonal_in)
               : ks_config_parse_panel_mm(value, &o->panel_w_mm, &o->panel_h_mm))
    return;
  char what[1024];
  snprintf(what, sizeof what, "%s takes the panel's %s, not \"%.500s\"",
           diagonal ? "--diagonal" : "--panel-mm",
           diagonal ? "diagonal in inches, from 1 to 500 (7, 15.6)"
                    : "width and height in millimetres, from 10 to 10000, as WxH (155x86)",
           value);
  ks_cli_fail(cli, what);
}
