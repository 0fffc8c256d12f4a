#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/paths.h"

#include <stdio.h>

void ks_cli_attach_map(ks_ui *ui) {
  char path[4096], err[512];
  if (!ks_paths_find("assets/map/delta.txt", path, sizeof path))
    fprintf(stderr, "kiosk: the map asset is missing beside the binary; the cities screen shows "
                    "its pins without coastline\n");
  else if (!ks_ui_load_map(ui, path, err, sizeof err))
    ks_diag_log(stderr, "kiosk: %s; the cities screen shows its pins without coastline", err);
}

void ks_cli_log_showing(ks_pack *pack, const ks_window *win) {
  char id[128] = "?", screen[160];
  int64_t version = 0;
  ks_pack_identity(pack, id, sizeof id, &version);
  ks_window_describe(win, screen, sizeof screen);
  ks_diag_log(stderr, "kiosk: showing %s version %lld on %s", id, (long long)version, screen);
}
