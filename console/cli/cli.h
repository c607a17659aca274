/*
 * cli.h — the command line: `govnet <noun> <verb> [--option value]`.
 *
 * System commands (init, whoami, audit verify, plugins, db …) are entries
 * of one table, one small file each, in the manner of tmux's cmd_entry.
 * Every other noun is a component (core or plugin) and its verbs are
 * rendered from its description by cli_component.c: `list`, `show`, and
 * one verb per action, with --help generated from the fields.
 */
#ifndef GN_CLI_H
#define GN_CLI_H

#include <stdio.h>

#include "../core/ctx.h"
#include "../core/err.h"

enum cli_needs {
	CLI_NEEDS_NOTHING,  /* runs without a store */
	CLI_NEEDS_STORE,    /* an existing store, any login */
	CLI_NEEDS_LOGIN,    /* an existing store and a registered login */
};

struct cli_command {
	const char *noun;
	const char *verb;    /* NULL: the noun alone */
	const char *usage;   /* arguments after noun and verb */
	const char *summary;
	enum cli_needs needs;
	int (*run)(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err);
};

/* Run a command line (argv[0] is the noun).  Returns the exit code. */
int cli_main(const char *db_path, int argc, char **argv);
/* Print the top-level help. */
void cli_usage(FILE *out, const struct gn_ctx *ctx);

/* Options shared by lists and shows. */
struct cli_opts {
	int json;
	int csv;  /* lists: CSV for Excel (UTF-8 with a BOM), every row unless --limit */
	int limit;
	int help;
};
/* A list shows this many rows unless --limit says otherwise (0: all). */
#define CLI_DEFAULT_LIMIT 100
/* Take --json, --csv, --limit N and --help out of argv (in place). */
int cli_take_common(int *argc, char **argv, struct cli_opts *o, struct gn_err *err);

/* The system commands, each in its own file. */
extern const struct cli_command cli_cmd_init, cli_cmd_whoami, cli_cmd_audit_verify, cli_cmd_plugins,
	cli_cmd_db_check, cli_cmd_db_backup, cli_cmd_due;
extern const struct cli_command cli_cmd_calendar_show, cli_cmd_calendar_is_workday,
	cli_cmd_calendar_add, cli_cmd_notify_channel, cli_cmd_notify_subscriptions, cli_cmd_notify_run;
extern const struct cli_command cli_cmd_rules;
extern const struct cli_command cli_cmd_audit_anchor, cli_cmd_db_restore;
extern const struct cli_command cli_cmd_import, cli_cmd_completion;
extern const struct cli_command cli_cmd_report;
/* Every system command, for the completion script. */
const struct cli_command *const *cli_commands(size_t *n);

/* Render components (cli_component.c): returns the exit code, or -1 when
 * noun is not a component. */
int cli_component(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err);

#endif
