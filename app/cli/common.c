#include "cli.h"

#include "kiosk/diag.h"
#include "kiosk/paths.h"
#include "kiosk/vet.h"

#include <stdio.h>

void ks_cli_attach_map(ks_ui *ui) {
  char path[4096], err[512];
  if (!ks_paths_find("assets/map/delta.txt", path, sizeof path))
    fprintf(stderr, "kiosk: the map asset is missing beside the binary; the cities screen shows "
                    "its pins without coastline\n");
  else if (!ks_ui_load_map(ui, path, err, sizeof err))
    ks_diag_log(stderr, "kiosk: %s; the cities screen shows its pins without coastline", err);
}

ks_content *ks_cli_open_pack(const char *cmd, const char *path, const char *fonts_dir,
                             const char *data_dir, ks_pack **pack) {
  char record[4096];
  ks_vet_opts opts = {.fonts_dir = fonts_dir, .stamp = KS_VET_STAMP};
  if (ks_vet_record_path(data_dir, record, sizeof record))
    opts.record = record;
  ks_diag *diag = ks_diag_create();
  ks_content *c = ks_vet_open(path, &opts, pack, diag);
  if (!c) {
    const char *first = "it could not be read";
    for (size_t i = 0; i < ks_diag_size(diag); i++)
      if (ks_diag_severity(diag, i) == KS_ERROR) {
        first = ks_diag_text(diag, i);
        break;
      }
    ks_diag_log(stderr, "kiosk %s: refusing to show %s: %s", cmd, path, first);
    ks_diag_print(diag, stderr);
  }
  ks_diag_destroy(diag);
  return c;
}

void ks_cli_log_showing(ks_pack *pack, const ks_window *win) {
  char id[128] = "?", screen[160];
  int64_t version = 0;
  ks_pack_identity(pack, id, sizeof id, &version);
  ks_window_describe(win, screen, sizeof screen);
  ks_diag_log(stderr, "kiosk: showing %s version %lld on %s", id, (long long)version, screen);
}
