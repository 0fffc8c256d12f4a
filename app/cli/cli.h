/* Private to the command line: the subcommands main() dispatches to. Each returns the process's
 * exit status: 0 success, 1 the input was refused, 2 the command line was wrong. */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include "kiosk/session.h"

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
/* Reads `--diagonal INCHES` or `--panel-mm WxH` at argv[*i] into `o` (moving *i past its value):
 * true when argv[*i] was one of them. A wrong or missing value is said on stderr and sets *rc to
 * 2, the command line's exit status. */
bool ks_cli_panel_arg(const char *cmd, int argc, char **argv, int *i, ks_session_opts *o, int *rc);
/* Renders one screen to PNG, headless. */
int ks_cmd_render(int argc, char **argv);
/* Replays a touch script against a simulated clock, headless. */
int ks_cmd_play(int argc, char **argv);
/* Renders every screen of a pack in both languages, with contact sheets. */
int ks_cmd_proof(int argc, char **argv);
/* Checks every screen's touch targets and text against the physical floors, for one panel. */
int ks_cmd_layout_check(int argc, char **argv);
/* Prints the figures of the kiosk's budgets; `main_start_ms` is CLOCK_MONOTONIC at main(). */
int ks_cmd_bench(int argc, char **argv, double main_start_ms);
/* kiosk stats: the visitor statistics in a data folder, as a table or as CSV. */
int ks_cmd_stats(int argc, char **argv);
/* kiosk fleet status: what each kiosk of a hall reported in the folder they share. */
int ks_cmd_fleet(int argc, char **argv);
/* Prints what a pack holds. */
int ks_cmd_summary(const char *pack_path);

#endif
