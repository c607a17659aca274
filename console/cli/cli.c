#include "config.h"
#include "cli.h"
#include "../core/session.h"
#include "../core/clock.h"
#include "../core/identity.h"
#include "../core/modules.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "../core/utf8.h"
#include "../front/describe.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static const struct cli_command *const commands[] = {
	&cli_cmd_init, &cli_cmd_whoami, &cli_cmd_audit_verify, &cli_cmd_plugins,
	&cli_cmd_db_check, &cli_cmd_db_backup, &cli_cmd_due,
	&cli_cmd_calendar_show, &cli_cmd_calendar_is_workday, &cli_cmd_calendar_add,
	&cli_cmd_notify_channel, &cli_cmd_notify_subscriptions, &cli_cmd_notify_run,
	&cli_cmd_rules,
	&cli_cmd_audit_anchor,
	&cli_cmd_db_restore,
	&cli_cmd_import,
	&cli_cmd_completion,
	&cli_cmd_report,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

const struct cli_command *const *cli_commands(size_t *n)
{
	*n = NCOMMANDS;
	return commands;
}

int cli_take_common(int *argc, char **argv, struct cli_opts *o, struct gn_err *err)
{
	int out = 0;

	for (int i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			o->json = 1;
		} else if (strcmp(argv[i], "--csv") == 0) {
			o->csv = 1;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			o->help = 1;
		} else if (strcmp(argv[i], "--limit") == 0 || strncmp(argv[i], "--limit=", 8) == 0) {
			const char *v = argv[i][7] == '=' ? argv[i] + 8 : (i + 1 < *argc ? argv[++i] : NULL);
			char *end;
			long n = v ? strtol(v, &end, 10) : -1;
			if (!v || *end || !*v || n < 0 || n > 1000000)
				return err_set(err, GN_USAGE, "--limit 需要 0 到 1000000 之间的整数（0 表示不限）");
			o->limit = (int)n;
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	return 0;
}

void cli_usage(FILE *out, const struct gn_ctx *ctx)
{
	fputs("用法：govnet [--db 文件] <对象> <操作> [选项]\n"
	      "      govnet [--db 文件]            打开控制台\n"
	      "      govnet --demo                 在演示数据库上打开控制台\n\n命令：\n",
	      out);
	for (size_t i = 0; i < NCOMMANDS; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s%s%s %s", commands[i]->noun, commands[i]->verb ? " " : "",
			 commands[i]->verb ? commands[i]->verb : "", commands[i]->usage);
		fprintf(out, "  %-30s %s\n", name, commands[i]->summary);
	}
	if (ctx && ctx->reg) {
		fputs("\n组件（govnet <组件> --help 列出其操作）：\n", out);
		for (size_t i = 0; i < ctx->reg->n; i++)
			fprintf(out, "  %-30s %s\n", ctx->reg->items[i].desc->name, ctx->reg->items[i].desc->title);
	} else {
		fputs("\n组件：org（组织）、user（登录）、audit（审计），以及已加载的插件（govnet plugins）\n", out);
	}
	fputs("\n数据库：--db，$GOVNET_DB，/etc/govnet/govnet.conf 的 db =，否则 $XDG_DATA_HOME/govnet/govnet.db\n"
	      "退出码：0 成功；1 被拒绝（角色、范围、规则、校验，原因见 stderr）；2 用法错误\n",
	      out);
}

static const struct cli_command *find_command(int argc, char **argv)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct cli_command *c = commands[i];
		if (strcmp(c->noun, argv[0]) != 0)
			continue;
		if (!c->verb || (argc > 1 && strcmp(c->verb, argv[1]) == 0))
			return c;
	}
	return NULL;
}

static int noun_has_commands(const char *noun)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->noun, noun) == 0)
			return 1;
	return 0;
}

/* Nouns that are components as well as commands: a verb that is not a
 * command is the component's (`audit list`, `calendar list`, `notify subscribe`). */
static int noun_is_component_too(const char *noun)
{
	return strcmp(noun, "audit") == 0 || strcmp(noun, "calendar") == 0 || strcmp(noun, "notify") == 0;
}

static void noun_usage(FILE *out, const char *noun)
{
	fprintf(out, "用法：\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->noun, noun) == 0)
			fprintf(out, "  govnet %s %s %s    %s\n", noun, commands[i]->verb ? commands[i]->verb : "",
				commands[i]->usage, commands[i]->summary);
}

static int wants_help(int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

int cli_main(const char *db_path, int argc, char **argv)
{
	struct gn_ctx ctx = { 0 };
	struct gn_err err = { .status = GN_OK };
	const struct cli_command *cmd;
	int rc = 0, shift;

	for (int i = 0; i < argc; i++)
		if (!utf8_valid(argv[i], strlen(argv[i]))) {
			fprintf(stderr, "govnet: 第 %d 个参数不是有效的 UTF-8 文本；未作任何更改\n", i + 1);
			return GN_REFUSED;
		}
	cmd = find_command(argc, argv);
	/* `govnet audit list` is the audit component; `audit verify` a command. */
	if (!cmd && noun_has_commands(argv[0]) && !(argc > 1 && noun_is_component_too(argv[0]))) {
		noun_usage(argc > 1 ? stderr : stdout, argv[0]);
		return argc > 1 && strcmp(argv[1], "--help") != 0 ? GN_USAGE : 0;
	}
	shift = cmd ? (cmd->verb ? 2 : 1) : 0;
	/* Help needs no store: it is drawn from the descriptions alone. */
	if (wants_help(argc, argv) && !(cmd && cmd->needs == CLI_NEEDS_NOTHING)) {
		if (cmd) {
			printf("用法：govnet %s%s%s %s\n%s\n", cmd->noun, cmd->verb ? " " : "", cmd->verb ? cmd->verb : "",
			       cmd->usage, cmd->summary);
			return 0;
		}
		ctx.reg = xcalloc(1, sizeof *ctx.reg);
		registry_load(ctx.reg, registry_plugin_dir());
		rc = cli_component(&ctx, argc, argv, &err);
		goto done;
	}
	if (cmd && cmd->needs == CLI_NEEDS_NOTHING) {
		ctx.db_path = xstrdup(db_path);
		rc = cmd->run(&ctx, argc - shift, argv + shift, &err);
		goto done;
	}
	if (session_open(&ctx, db_path, &err)) {
		rc = -1;
		goto done;
	}
	if (cmd && cmd->needs == CLI_NEEDS_LOGIN && !ctx.actor.registered)
		rc = identity_refuse_unregistered(&ctx, &err);
	else if (cmd)
		rc = cmd->run(&ctx, argc - shift, argv + shift, &err);
	else
		rc = cli_component(&ctx, argc, argv, &err);
done:
	if (rc && err.status == GN_OK)
		err.status = GN_REFUSED;
	if (rc && err.msg[0]) {
		struct strbuf step = STRBUF_INIT;
		front_next_step(ctx.reg, &err, NULL, NULL, 0, &step);
		fprintf(stderr, "govnet: %s%s\n", err.msg, sb_str(&step));
		sb_free(&step);
	}
	session_close(&ctx);
	return rc ? (int)err.status : 0;
}
