#include "args.h"

#include "kiosk/diag.h"
#include "kiosk/mem.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* getopt_long's values for the options every command has, apart from the table's ids. */
enum { VAL_HELP = 'h', VAL_VERSION = 0x20000, VAL_TABLE = 0x10000 /* + the table's index */ };

struct ks_cli {
  const ks_cli_cmd *cmd;
  int argc;
  char **argv; /* a copy with the command's name first, as getopt_long wants it */
  struct option *longopts;
  char *shortopts;
  int status;        /* -1 while the command is to go on; else the exit status to stop with */
  int first_operand; /* argv's index of the first operand, once the options are read */
};

static size_t count_opts(const ks_cli_cmd *cmd) {
  size_t n = 0;
  while (cmd->opts && cmd->opts[n].id)
    n++;
  return n;
}

ks_cli *ks_cli_begin(const ks_cli_cmd *cmd, int argc, char **argv) {
  ks_cli *cli = ks_xcalloc(1, sizeof *cli);
  cli->cmd = cmd;
  cli->status = -1;
  /* getopt_long keeps its place in globals: optind = 0 starts it afresh on this command line
   * (glibc), opterr = 0 leaves the messages to us, so that they name the command. */
  optind = 0;
  opterr = 0;
  cli->argc = argc + 1;
  cli->argv = ks_xcalloc((size_t)argc + 2, sizeof *cli->argv);
  cli->argv[0] = (char *)(cmd->name[0] ? cmd->name : "kiosk");
  memcpy(cli->argv + 1, argv, (size_t)argc * sizeof *argv);
  size_t n = count_opts(cmd);
  cli->longopts = ks_xcalloc(n + 3, sizeof *cli->longopts);
  /* "+" stops at a subcommand's name; ":" makes a missing value ':' rather than '?'. */
  cli->shortopts = ks_xcalloc(2 * n + 8, 1);
  char *s = cli->shortopts;
  if (cmd->subcommands)
    *s++ = '+';
  *s++ = ':';
  *s++ = 'h';
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    const ks_cli_opt *o = &cmd->opts[i];
    if (o->name[1] != '-') { /* "-o" */
      *s++ = o->name[1];
      if (o->value)
        *s++ = ':';
    } else {
      cli->longopts[k++] = (struct option){o->name + 2, o->value ? required_argument : no_argument,
                                           NULL, VAL_TABLE + (int)i};
    }
  }
  cli->longopts[k++] = (struct option){"help", no_argument, NULL, VAL_HELP};
  cli->longopts[k++] = (struct option){"version", no_argument, NULL, VAL_VERSION};
  return cli;
}

/* The table's entry getopt_long answered `val` for, or NULL. */
static const ks_cli_opt *opt_of(const ks_cli_cmd *cmd, int val) {
  size_t n = count_opts(cmd);
  for (size_t i = 0; i < n; i++) {
    const ks_cli_opt *o = &cmd->opts[i];
    if (o->name[1] == '-' ? val == VAL_TABLE + (int)i : val == o->name[1])
      return o;
  }
  return NULL;
}

/* Refuses the command line with "`before``name``after`"; KS_CLI_DONE. */
static int refuse(ks_cli *cli, const char *before, const char *name, const char *after) {
  char msg[1024];
  snprintf(msg, sizeof msg, "%s%.900s%s", before, name, after);
  ks_cli_fail(cli, msg);
  return KS_CLI_DONE;
}

int ks_cli_next(ks_cli *cli, const char **value) {
  *value = NULL;
  if (cli->first_operand || cli->status >= 0) /* the end was reached, or the command stops */
    return KS_CLI_DONE;
  int val = getopt_long(cli->argc, cli->argv, cli->shortopts, cli->longopts, NULL);
  if (val == -1) {
    cli->first_operand = optind;
    int n = cli->argc - optind;
    if (n > cli->cmd->max_operands && !cli->cmd->subcommands)
      return refuse(cli, "unexpected argument \"", cli->argv[optind + cli->cmd->max_operands],
                    "\"");
    return KS_CLI_DONE;
  }
  if (val == VAL_HELP) {
    ks_cli_usage(cli->cmd, stdout);
    ks_cli_stop(cli, 0);
    return KS_CLI_DONE;
  }
  if (val == VAL_VERSION) {
    fputs("kiosk " KIOSK_VERSION "\n", stdout);
    ks_cli_stop(cli, 0);
    return KS_CLI_DONE;
  }
  const ks_cli_opt *o = opt_of(cli->cmd, val == ':' || val == '?' ? optopt : val);
  if (val == ':' && o) {
    char what[256];
    snprintf(what, sizeof what, "%s takes a value: %s", o->name, o->value ? o->value : "");
    return refuse(cli, "", what, "");
  }
  if (val == '?' && o) /* a flag given a value: --json=yes */
    return refuse(cli, "", o->name, " takes no value");
  if (val == '?' && optopt) {
    char name[3] = {'-', (char)optopt, '\0'};
    return refuse(cli, "unknown option ", name, "");
  }
  if (val == '?') { /* a long option not in the table, or an ambiguous abbreviation */
    char name[256];
    snprintf(name, sizeof name, "%s", cli->argv[optind - 1]);
    name[strcspn(name, "=")] = '\0';
    return refuse(cli, "unknown option ", name, "");
  }
  if (!o) /* ALWAYS: getopt_long answers only what the tables gave it */
    return refuse(cli, "cannot read the option ", cli->argv[optind - 1], "");
  *value = optarg;
  return o->id;
}

void ks_cli_fail(ks_cli *cli, const char *what) {
  if (cli->status < 0) /* one refusal is enough */
    cli->status = ks_cli_refuse(cli->cmd, what);
}

void ks_cli_stop(ks_cli *cli, int status) {
  if (cli->status < 0) /* the first reason to stop is the one */
    cli->status = status;
}

char **ks_cli_operands(const ks_cli *cli, int *n) {
  *n = cli->first_operand ? cli->argc - cli->first_operand : 0;
  return cli->argv + (cli->first_operand ? cli->first_operand : cli->argc);
}

int ks_cli_end(ks_cli *cli) {
  int status = cli->status;
  optind = 0; /* the next command line is read from its start */
  free(cli->argv);
  free(cli->longopts);
  free(cli->shortopts);
  free(cli);
  return status;
}

int ks_cli_subcommand(const ks_cli_cmd *cmd, int argc, char **argv, const char **name,
                      int *sub_argc, char ***sub_argv) {
  ks_cli *cli = ks_cli_begin(cmd, argc, argv);
  const char *v;
  while (ks_cli_next(cli, &v) != KS_CLI_DONE) /* only --help and --version: both stop */
    ;
  int n;
  ks_cli_operands(cli, &n);
  int rc = ks_cli_end(cli);
  /* Options stop at the subcommand's name ("+"), so the operands are argv's last words, which
   * outlive the parser's copy. */
  *name = n > 0 ? argv[argc - n] : NULL;
  *sub_argc = n > 0 ? n - 1 : 0;
  *sub_argv = argv + argc - *sub_argc;
  if (rc < 0 && !*name)
    return ks_cli_refuse(cmd, "name a command");
  return rc;
}

int ks_cli_refuse(const ks_cli_cmd *cmd, const char *what) {
  ks_diag_log(stderr, "kiosk%s%s: %s", cmd->name[0] ? " " : "", cmd->name, what);
  fputc('\n', stderr);
  ks_cli_usage(cmd, stderr);
  return 2;
}

/* Writes `text`, every line after the first indented by `indent` spaces. */
static void put_indented(const char *text, int indent, FILE *out) {
  for (const char *p = text; *p; p++) {
    fputc(*p, out);
    if (*p == '\n')
      fprintf(out, "%*s", indent, "");
  }
  fputc('\n', out);
}

enum { HELP_COLUMN = 24 }; /* where options' help begins */

static void put_option(const char *name, const char *value, const char *help, FILE *out) {
  int width = 2 + (int)strlen(name) + (value ? 1 + (int)strlen(value) : 0);
  fputs("  ", out);
  fputs(name, out);
  if (value) {
    fputc(' ', out);
    fputs(value, out);
  }
  if (width >= HELP_COLUMN - 1) { /* too long for the column: the help on the next line */
    fputc('\n', out);
    width = 0;
  }
  fprintf(out, "%*s", HELP_COLUMN - width, "");
  put_indented(help, HELP_COLUMN, out);
}

void ks_cli_usage(const ks_cli_cmd *cmd, FILE *out) {
  int indent = (int)strlen("usage: kiosk ") + (int)strlen(cmd->name) + (cmd->name[0] ? 1 : 0);
  fputs("usage: kiosk ", out);
  if (cmd->name[0]) {
    fputs(cmd->name, out);
    fputc(' ', out);
  }
  put_indented(cmd->synopsis, indent, out);
  if (cmd->about) {
    fputc('\n', out);
    fputs(cmd->about, out);
  }
  fputs("\noptions:\n", out);
  for (size_t i = 0, n = count_opts(cmd); i < n; i++)
    put_option(cmd->opts[i].name, cmd->opts[i].value, cmd->opts[i].help, out);
  put_option("-h, --help", NULL, "this text", out);
  put_option("--version", NULL, "the kiosk's version", out);
}

void ks_cli_progress_begin(ks_cli_progress *p, const char *label) {
  *p = (ks_cli_progress){.label = label, .shown = isatty(STDERR_FILENO) == 1, .last = -1};
}

void ks_cli_progress_show(ks_cli_progress *p, long done, long total) {
  int figure = (int)(total > 0 ? done * 1000 / total : done); /* per mille: a change worth a line */
  if (!p->shown || figure == p->last)
    return;
  p->last = figure;
  fputc('\r', stderr);
  fputs(p->label, stderr);
  if (total > 0)
    fprintf(stderr, ": %ld/%ld ", done, total);
  else
    fprintf(stderr, ": %ld%% ", done);
  fflush(stderr);
}

void ks_cli_progress_end(ks_cli_progress *p) {
  if (p->shown && p->last >= 0)
    fputs("\r\033[K", stderr); /* back to the line's start, and the line erased */
  fflush(stderr);
  p->last = -1;
}
