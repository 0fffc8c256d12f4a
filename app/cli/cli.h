/* Private to the command line: the subcommands main() dispatches to. Each returns the process's
 * exit status: 0 success, 1 the input was refused, 2 the command line was wrong. */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include "kiosk/diag.h"
#include "args.h"
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
/* The panel's size, an option of render, play and proof: ids for their option tables, and the
 * table's rows (KS_CLI_PANEL_OPTS). */
enum { KS_CLI_OPT_DIAGONAL = 100, KS_CLI_OPT_PANEL_MM };
#define KS_CLI_PANEL_OPTS                                                                          \
  {KS_CLI_OPT_DIAGONAL, "--diagonal", "INCHES",                                                    \
   "the panel's diagonal (square pixels), from 1 to 500 (7, 15.6)"},                               \
  {                                                                                                \
    KS_CLI_OPT_PANEL_MM, "--panel-mm", "WxH",                                                      \
        "the panel's width and height in millimetres as it is built\n"                             \
        "(before any rotation), from 10 to 10000 (155x86)"                                         \
  }
/* Reads the value of option `id` (KS_CLI_OPT_DIAGONAL or KS_CLI_OPT_PANEL_MM) into `o`; a wrong one
 * is refused (ks_cli_fail), saying what it takes. */
void ks_cli_panel_value(ks_cli *cli, int id, const char *value, ks_session_opts *o);
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

/* Loads a content folder or a pack and checks it as `kiosk pack validate` does (the pack's
 * integrity, every check of ks_validate with the glyphs of `fonts_dir` — NULL: the bundled
 * fonts — and the quotes against `sources_dir` when given). Findings go to `diag`; returns the
 * content (NULL when it could not be read at all), errors or not. */
ks_content *ks_cli_load_checked(const char *input, const char *sources_dir, const char *fonts_dir,
                                ks_diag *diag);
/* kiosk preview: a content folder shown live, again on every save, with its findings. */
int ks_cmd_preview(int argc, char **argv);
/* kiosk proof --id: one exhibit's page in every language on several panel sizes. */
int ks_cmd_proof_exhibit(int argc, char **argv);
/* Renders `screen` (with exhibit `id`, or NULL) of `content` in `lang` (a tag) onto `canvas` as the
 * session's UIs show it, at rest and with its images, with a curators' notice `zh`/`en` over it
 * when `zh` is given, and writes it to the PNG `path` atomically (a viewer reloading the file
 * never reads half of it). False with the reason in `err`. */
bool ks_cli_render_png(ks_session *session, const ks_content *content, ks_canvas *canvas,
                       ks_screen_id screen, const char *id, const char *lang, const char *zh,
                       const char *en, const char *path, char *err, size_t err_size);

#endif
