/* Private to the command line: one way of reading options for every kiosk command, on glibc's
 * getopt_long, so that each answers alike: -h/--help prints its usage on stdout (exit 0),
 * --version the kiosk's version, an unknown option or a missing value is named on stderr with the
 * usage (exit 2), `--` ends the options, options and operands come in any order, and a long
 * option may be abbreviated while unambiguous. A command declares its options in a table; the
 * usage text is made from it, so the help never forgets an option. */
#ifndef KIOSK_CLI_ARGS_H
#define KIOSK_CLI_ARGS_H

#include <stdbool.h>
#include <stdio.h>

/* One option of a command. A table of them ends with an entry whose id is 0. */
typedef struct {
  int id;            /* what ks_cli_next returns for it: > 0, unique in the table */
  const char *name;  /* "--json", or a one-letter "-o" */
  const char *value; /* the value's placeholder in the usage ("FILE"); NULL for a flag */
  const char *help;  /* for the usage; '\n' starts a continuation line */
} ks_cli_opt;

/* A command or subcommand. */
typedef struct {
  const char *name;       /* as typed after `kiosk`: "pack info"; "" for the kiosk itself */
  const char *synopsis;   /* the usage line after the name; '\n' starts another usage line */
  const char *about;      /* what it does, printed between the synopsis and the options; or NULL */
  const ks_cli_opt *opts; /* its options (NULL: none but --help and --version) */
  int max_operands;       /* operands it takes at most; more are named and refused */
  bool subcommands; /* options end at the first operand: it names a subcommand parsing its own */
} ks_cli_cmd;

typedef struct ks_cli ks_cli;

enum { KS_CLI_DONE = 0 /* ks_cli_next: no more options, or the command is to stop */ };

/* Starts reading `argv` (the `argc` words after the command's name) for `cmd`. Never NULL. */
ks_cli *ks_cli_begin(const ks_cli_cmd *cmd, int argc, char **argv);
/* The next option's id, with its value in *value (NULL for a flag); KS_CLI_DONE when the options
 * end, and also when the command is to stop (ks_cli_end says with what status): after --help or
 * --version (printed on stdout, status 0), after a wrong option, a missing value or too many
 * operands (named on stderr with the usage, status 2), or after ks_cli_fail or ks_cli_stop. */
int ks_cli_next(ks_cli *cli, const char **value);
/* Refuses an option's value: says "kiosk NAME: `what`" and the usage on stderr; the command is to
 * stop with status 2. */
void ks_cli_fail(ks_cli *cli, const char *what);
/* The command is to stop with `status` (it said why). */
void ks_cli_stop(ks_cli *cli, int status);
/* The operands (the words that are not options), in order, once ks_cli_next returned KS_CLI_DONE;
 * *n gets their count. The array is valid until ks_cli_end (the strings are argv's). For a command
 * with subcommands they are the last *n words of the argv given to ks_cli_begin, as they came. */
char **ks_cli_operands(const ks_cli *cli, int *n);
/* Frees what ks_cli_begin took. Returns -1 when the command is to go on with what it read, else
 * the exit status to stop with. */
int ks_cli_end(ks_cli *cli);

/* For a command with subcommands (cmd->subcommands): reads its own options (--help, --version)
 * and then the subcommand's name into *name, the words after it into *sub_argc and *sub_argv.
 * Returns -1 when the subcommand is to run; otherwise the exit status (help, version, a wrong
 * option, no subcommand named: said). */
int ks_cli_subcommand(const ks_cli_cmd *cmd, int argc, char **argv, const char **name,
                      int *sub_argc, char ***sub_argv);

/* Says on stderr "kiosk NAME: `what`" (escaped: it may quote an argument), then the usage; returns
 * 2, the exit status of a wrong command line. */
int ks_cli_refuse(const ks_cli_cmd *cmd, const char *what);
/* Prints the command's usage text on `out`. */
void ks_cli_usage(const ks_cli_cmd *cmd, FILE *out);

/* Progress on a terminal: a line on stderr that counts up in place while long work goes on
 * (`label: done/total` or a percentage), and nothing at all when stderr is not a terminal (a log,
 * a pipe, CI), where the counter's carriage returns would be noise. */
typedef struct {
  const char *label; /* "proof", "install" */
  bool shown;        /* stderr is a terminal */
  int last;          /* the last figure shown, so that an unchanged one is not printed again */
} ks_cli_progress;
/* Starts a counter; shows nothing yet. */
void ks_cli_progress_begin(ks_cli_progress *p, const char *label);
/* Shows `done` of `total` (total 0: `done` is a percentage). */
void ks_cli_progress_show(ks_cli_progress *p, long done, long total);
/* Clears the line, so that what follows prints on a clean one. */
void ks_cli_progress_end(ks_cli_progress *p);

#endif
