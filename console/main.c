/*
 * govnet — the operations console of the Lianyungang e-government
 * extranet (连云港市电子政务外网管理细则（试行）, 2023).
 *
 *   govnet                      the console
 *   govnet --demo               the console on the demo database
 *   govnet <noun> <verb> …      the command line
 *
 * As an SSH forced command (ForceCommand /usr/bin/govnet) the command a
 * department asked for arrives in SSH_ORIGINAL_COMMAND; as a login shell it
 * arrives as `-c COMMAND`.  Either is split into words here — no shell
 * ever sees it — and runs as if typed after `govnet`.
 */
#include "config.h"
#include "cli/cli.h"
#include "core/boundary.h"
#include "core/init.h"
#include "core/settings.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "front/describe.h"
#include "ui/ui.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/session.h"
#include "core/store.h"
#include "govnet/banned.h"

/* Take --db PATH / --db=PATH out of argv wherever it stands. */
static const char *take_db_option(int *argc, char **argv, int *bad)
{
	const char *db = NULL;
	int out = 0;

	for (int i = 0; i < *argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= *argc) {
				*bad = 1;
				return NULL;
			}
			db = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			db = argv[i] + 5;
		} else {
			argv[out++] = argv[i];
		}
	}
	*argc = out;
	return db;
}

/* Split an SSH command into words: blanks separate, '…' and "…" quote,
 * a backslash escapes the next character outside single quotes.  A leading
 * "govnet" is the program itself.  Returns the word count, or -1 with a
 * message on stderr when the command cannot be taken as typed. */
static char **ssh_argv, *ssh_words; /* kept for the whole run */

static int split_ssh_command(const char *cmd, char ***out)
{
	size_t n = strlen(cmd), words = 0;
	char **argv = ssh_argv = xcalloc(n / 2 + 2, sizeof *argv), *buf = ssh_words = xmalloc(n + 1), *w = buf;
	char quote = 0;
	int in_word = 0;

	for (const char *p = cmd; *p; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			fputs("govnet: SSH 命令中含有控制字符，已拒绝\n", stderr);
			goto bad;
		}
		if (!quote && (*p == ' ' || *p == '\t')) {
			if (in_word)
				*w++ = '\0', in_word = 0;
			continue;
		}
		if (!in_word)
			argv[words++] = w, in_word = 1;
		if (quote ? *p == quote : (*p == '\'' || *p == '"')) {
			quote = quote ? 0 : *p;
		} else if (*p == '\\' && quote != '\'' && p[1]) {
			*w++ = *++p;
		} else {
			*w++ = *p;
		}
	}
	if (quote) {
		fputs("govnet: SSH 命令中的引号没有闭合\n", stderr);
		goto bad;
	}
	*w = '\0';
	if (words && strcmp(argv[0], "govnet") == 0)
		memmove(argv, argv + 1, words-- * sizeof *argv);
	*out = argv;
	return (int)words;
bad:
	free(argv);
	free(buf);
	return -1;
}

/* Secrets never on the command line, where ps shows them to everyone on
 * the jump host: --token and --password take "-" (a line of standard
 * input) or "@FILE" (read with the user's rights), and refuse the secret
 * itself.  The value read replaces the argument in this process only. */
static char *secrets[4];

static int take_secrets(int argc, char **argv)
{
	size_t n = 0;

	for (int i = 0; i + 1 < argc && n < sizeof secrets / sizeof secrets[0]; i++) {
		const char *v = argv[i + 1];
		char buf[1024];
		FILE *f;
		if (strcmp(argv[i], "--token") != 0 && strcmp(argv[i], "--password") != 0)
			continue;
		if (strcmp(v, "-") != 0 && v[0] != '@') {
			fprintf(stderr, "govnet: %s 不在命令行上给出（ps 中人人可见）：用 %s - 从标准输入读取，或 %s @文件\n",
				argv[i], argv[i], argv[i]);
			return -1;
		}
		f = strcmp(v, "-") == 0 ? stdin : fopen(v + 1, "r");
		if (!f || !fgets(buf, sizeof buf, f)) {
			fprintf(stderr, "govnet: %s：无法读取%s\n", argv[i], strcmp(v, "-") == 0 ? "标准输入" : v + 1);
			if (f && f != stdin)
				fclose(f);
			return -1;
		}
		if (f != stdin)
			fclose(f);
		buf[strcspn(buf, "\r\n")] = '\0';
		argv[++i] = secrets[n++] = xstrdup(buf);
	}
	return 0;
}

/* The demo database is made on first use, as `govnet init --demo` would. */
/* Make the demo store at path unless it exists.  A refusal's step is said
 * into step as the front end about to run says it (console or not). */
static int ensure_demo(const char *path, int console, struct strbuf *step, struct gn_err *err)
{
	struct gn_ctx ctx = { 0 };
	int rc;

	if (access(path, F_OK) == 0)
		return 0;
	if (config_make_parent(path, err))
		return -1;
	fprintf(stderr, "正在创建演示数据库 %s …\n", path);
	ctx.db_path = xstrdup(path);
	rc = init_store(&ctx, err);
	if (rc == 0)
		rc = demo_populate(&ctx, err);
	if (rc)
		front_next_step(ctx.reg, err, console ? "a" : NULL, NULL, 0, step);
	session_close(&ctx);
	if (rc)
		unlink(path);
	return rc;
}

/* The command line prints what the store holds, and the store holds what
 * anyone typed: every byte reaches the terminal through a stream that shows
 * control characters instead of obeying them (utf8.h). */
static int run_cli(const char *db_path, int argc, char **argv)
{
	FILE *real_out = stdout, *real_err = stderr;
	FILE *out = utf8_safe_stream(real_out), *errs = utf8_safe_stream(real_err);
	int rc;

	if (out && errs) {
		setvbuf(out, NULL, _IOLBF, 0);
		setvbuf(errs, NULL, _IONBF, 0);
		stdout = out;
		stderr = errs;
	}
	rc = take_secrets(argc, argv) ? GN_USAGE : cli_main(db_path, argc, argv);
	for (size_t i = 0; i < sizeof secrets / sizeof secrets[0]; i++)
		free(secrets[i]);
	if (out && errs) {
		stdout = real_out;
		stderr = real_err;
	}
	if (out)
		fclose(out);
	if (errs)
		fclose(errs);
	return rc;
}

/* A command kept waiting for the store's lock says whom it waits for. */
static void tell_long_wait(const char *text)
{
	fprintf(stderr, "govnet: %s\n", text);
}

int main(int argc, char **argv)
{
	struct gn_config cfg;
	struct gn_err err = { .status = GN_OK };
	const char *cli_db;
	int demo = 0, bad = 0;

	boundary_init();
	setlocale(LC_ALL, "");
	argc--, argv++;
	if (argc == 2 && strcmp(argv[0], "-c") == 0) /* a login shell */
		argc = split_ssh_command(argv[1], &argv);
	else if (argc == 0 && getenv("SSH_ORIGINAL_COMMAND") && *getenv("SSH_ORIGINAL_COMMAND"))
		argc = split_ssh_command(getenv("SSH_ORIGINAL_COMMAND"), &argv);
	if (argc < 0)
		return GN_USAGE;
	cli_db = take_db_option(&argc, argv, &bad);
	if (bad) {
		fputs("govnet: --db 需要一个文件路径\n", stderr);
		return GN_USAGE;
	}
	if (argc >= 1 && strcmp(argv[0], "--demo") == 0) {
		demo = 1;
		argc--, argv++;
	}
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0 ||
			  strcmp(argv[0], "help") == 0)) {
		cli_usage(stdout, NULL);
		return 0;
	}
	if (argc >= 1 && strcmp(argv[0], "--version") == 0) {
		printf("govnet %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (argc >= 1 && argv[0][0] == '-') {
		fprintf(stderr, "govnet: 未知选项 %s（govnet --help）\n", argv[0]);
		return GN_USAGE;
	}
	if (config_load(&cfg, cli_db, demo, &err)) {
		fprintf(stderr, "govnet: %s\n", err.msg);
		return err.status;
	}
	if (cfg.db_is_default && argc >= 1 && strcmp(argv[0], "init") == 0 &&
	    config_make_parent(cfg.db_path, &err)) {
		fprintf(stderr, "govnet: %s\n", err.msg);
		return err.status;
	}
	if (demo) {
		struct strbuf step = STRBUF_INIT;
		int rc = ensure_demo(cfg.db_path, argc == 0, &step, &err);
		if (rc)
			fprintf(stderr, "govnet: %s%s\n", err.msg, sb_str(&step));
		sb_free(&step);
		if (rc)
			return err.status;
	}
	if (argc == 0)
		return ui_main(cfg.db_path);
	store_on_long_wait(tell_long_wait);
	return run_cli(cfg.db_path, argc, argv);
}
