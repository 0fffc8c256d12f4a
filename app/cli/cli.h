/* Private to the command line: the subcommands main() dispatches to. Each returns the process's
 * exit status: 0 success, 1 the input was refused, 2 the command line was wrong. */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include "kiosk/config.h"
#include "kiosk/pack.h"
#include "kiosk/sign.h"
#include "kiosk/ui.h"
#include "kiosk/window.h"

#include <stdbool.h>

/* What vets a pack in this kiosk (see kiosk/vet.h): a newer kiosk checks a pack again. */
#define KS_VET_STAMP "kiosk-" KIOSK_VERSION

int ks_cmd_pack(int argc, char **argv);
/* kiosk pack keygen / sign / verify. */
int ks_cmd_keygen(int argc, char **argv);
int ks_cmd_sign(int argc, char **argv);
int ks_cmd_verify(int argc, char **argv);
/* kiosk pack install / status / rollback. */
int ks_cmd_install(int argc, char **argv);
int ks_cmd_status(int argc, char **argv);
int ks_cmd_rollback(int argc, char **argv);
/* Gives a UI the bundled map (assets/map/delta.txt); says on stderr when it cannot. */
void ks_cli_attach_map(ks_ui *ui);
/* The start's log line: the pack shown and what it is drawn with ("kiosk: showing ID version N
 * on DRIVER WxH, renderer NAME"), what an operator reading `journalctl -u kiosk` needs first. */
void ks_cli_log_showing(ks_pack *pack, const ks_window *win);
/* Opens the pack a command shows, vetted first (kiosk/vet.h: integrity, content hash and every
 * check, once per pack file, remembered in DATA_DIR/validated or the user's cache when
 * `data_dir` is NULL or ""). `fonts_dir` is for the glyph check. On refusal prints
 * "kiosk CMD: refusing to show PATH: FIRST ERROR" and the findings, and returns NULL. */
ks_content *ks_cli_open_pack(const char *cmd, const char *path, const char *fonts_dir,
                             const char *data_dir, ks_pack **pack);
/* Renders one screen to PNG, headless. */
int ks_cmd_render(int argc, char **argv);
/* Replays a touch script against a simulated clock, headless. */
int ks_cmd_play(int argc, char **argv);
/* Renders every screen of a pack in both languages, with contact sheets. */
int ks_cmd_proof(int argc, char **argv);
/* Prints the figures of the kiosk's budgets; `main_start_ms` is CLOCK_MONOTONIC at main(). */
int ks_cmd_bench(int argc, char **argv, double main_start_ms);
/* kiosk stats: the visitor statistics in a data folder, as a table or as CSV. */
int ks_cmd_stats(int argc, char **argv);
/* kiosk fleet status: what each kiosk of a hall reported in the folder they share. */
int ks_cmd_fleet(int argc, char **argv);
/* Prints what a pack holds. */
int ks_cmd_summary(const char *pack_path);
/* How `kiosk` runs: the configuration file with the command line's overrides applied. */
typedef struct {
  ks_config config;
  const char *pack; /* a pack to show instead of the installed or the bundled one */
  bool windowed;    /* a window instead of fullscreen */
} ks_run_opts;

/* The kiosk itself: opens the pack and shows its screens until the window is closed. */
int ks_cmd_run(const ks_run_opts *opts);

#endif
