/*
 * govnet — the operations console of the Lianyungang e-government
 * extranet (连云港市电子政务外网管理细则（试行）, 2023).
 *
 *   govnet                      the console
 *   govnet --demo               the console on the demo database
 *   govnet <noun> <verb> …      the command line
 */
#include "config.h"
#include "cli/cli.h"
#include "core/init.h"
#include "core/settings.h"
#include "core/strbuf.h"
#include "ui/ui.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/session.h"
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

/* The demo database is made on first use, as `govnet init --demo` would. */
static int ensure_demo(const char *path, struct gn_err *err)
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
	session_close(&ctx);
	if (rc)
		unlink(path);
	return rc;
}

int main(int argc, char **argv)
{
	struct gn_config cfg;
	struct gn_err err = { .status = GN_OK };
	const char *cli_db;
	int demo = 0, bad = 0;

	setlocale(LC_ALL, "");
	argc--, argv++;
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
	if (demo && ensure_demo(cfg.db_path, &err)) {
		fprintf(stderr, "govnet: %s\n", err.msg);
		return err.status;
	}
	if (argc == 0)
		return ui_main(cfg.db_path);
	return cli_main(cfg.db_path, argc, argv);
}
