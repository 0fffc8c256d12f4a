/* Private to the command line: the subcommands main() dispatches to. Each returns the process's
 * exit status: 0 success, 1 the input was refused, 2 the command line was wrong. */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include "kiosk/sign.h"
#include "kiosk/ui.h"

#include <stdbool.h>

int ks_cmd_pack(int argc, char **argv);
/* kiosk pack keygen / sign / verify. */
int ks_cmd_keygen(int argc, char **argv);
int ks_cmd_sign(int argc, char **argv);
int ks_cmd_verify(int argc, char **argv);
/* kiosk pack install / status / rollback. */
int ks_cmd_install(int argc, char **argv);
int ks_cmd_status(int argc, char **argv);
int ks_cmd_rollback(int argc, char **argv);
/* Reads a minisign public key file. */
bool ks_cli_read_pubkey(const char *path, ks_pubkey *out, char *err, size_t err_size);
/* Gives a UI the bundled map (assets/map/delta.txt); says on stderr when it cannot. */
void ks_cli_attach_map(ks_ui *ui);
/* Renders one screen to PNG, headless. */
int ks_cmd_render(int argc, char **argv);
/* Replays a touch script against a simulated clock, headless. */
int ks_cmd_play(int argc, char **argv);
/* Renders every screen of a pack in both languages, with contact sheets. */
int ks_cmd_proof(int argc, char **argv);
/* Prints the figures of the kiosk's budgets; `main_start_ms` is CLOCK_MONOTONIC at main(). */
int ks_cmd_bench(int argc, char **argv, double main_start_ms);
/* Prints what a pack holds. */
int ks_cmd_summary(const char *pack_path);
/* How `kiosk` runs: set on its command line until the configuration file exists. */
typedef struct {
  const char *pack;   /* the pack to show */
  bool windowed;      /* a window instead of fullscreen */
  int rotation;       /* 0, 90, 180 or 270 degrees clockwise */
  float idle_timeout; /* seconds before the attract loop; 0: never */
  const char *lang;   /* "zh", "en", or NULL for the pack's default */
} ks_run_opts;

/* The kiosk itself: opens the pack and shows its screens until the window is closed. */
int ks_cmd_run(const ks_run_opts *opts);

#endif
