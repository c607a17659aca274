/*
 * govnet rules … — county rules in Lua (Art 30).
 *
 *   rules add FILE --org 组织 [--name 名称] [--why 理由]
 *   rules list | show | enable | disable | history
 *   rules check FILE…     syntax, hooks, names the sandbox lacks, luacheck
 *   rules test FILE…      each script's test_* functions, pass/fail
 *
 * Changes go through the rules component's actions and so through the
 * door; check and test need no database (they use one when there is).
 */
#include "config.h"
#include "cli.h"
#include "../front/table.h"
#include "../core/door.h"
#include "../core/identity.h"
#include "../core/listing.h"
#include "../core/org.h"
#include "../core/registry.h"
#include "../core/rules/rules.h"
#include "../core/rules/sandbox.h"
#include "../core/textfile.h"
#include "../core/store.h"
#include "../core/utf8.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../core/session.h"
#include "cmd_rules.h"
#include "govnet/banned.h"

static const char usage_text[] =
	"用法：govnet rules <操作> [选项]    县区规则（Lua 脚本，Art 30）\n\n"
	"  add 文件 --org 组织 [--name 名称]   添加规则；同名再添加即为新版本\n"
	"  list [--org 组织] [--state 启用|停用] [--json]\n"
	"                                     列出规则\n"
	"  show 规则 [--org 组织] [--version N] [--json]\n"
	"                                     查看规则及其脚本\n"
	"  enable 规则 [--org 组织]           启用\n"
	"  disable 规则 [--org 组织]          停用\n"
	"  history [规则] [--org 组织] [--json]\n"
	"                                     各版本的历史\n"
	"  history 规则 --diff 版本1 版本2    两个版本脚本的逐行差异\n"
	"  check 文件…                        检查语法、钩子与沙箱中没有的名字（装有 luacheck 时一并运行）\n"
	"  test 文件…                         运行脚本中的 test_* 函数，任一失败则退出码为 1\n\n"
	"规则可写作 组织/名称（如 东海县/traffic-annex），或名称加 --org。\n"
	"只有管理员或该县区的主管部门可以修改其规则。修改都经审计；--why 写明理由。\n"
	"脚本的写法见 lua-scripts/README.md 与 govnet-rules(7)。\n";

/* Open the store named on the command line (this command runs without
 * one until it needs it). */
static int open_store(struct gn_ctx *ctx, struct gn_err *err)
{
	char *path = ctx->db_path;
	int rc;

	ctx->db_path = NULL;
	rc = session_open(ctx, path, err);
	free(path);
	return rc;
}

/* A script file's content, read as the door reads a text file field. */
static char *read_script(const char *path, size_t *len, struct gn_err *err)
{
	struct strbuf sb = STRBUF_INIT;
	char source[4096];

	if (text_read(path, 0, RULES_MAX_SOURCE, "脚本", &sb, source, sizeof source, err)) {
		sb_free(&sb);
		return NULL;
	}
	*len = sb.len;
	return sb_detach(&sb);
}

/* "lua-scripts/traffic-annex.lua" → "traffic-annex". */
static void script_name(const char *path, char *out, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".lua") == 0)
		n -= 4;
	if (n >= size)
		n = size - 1;
	memcpy(out, base, n);
	out[n] = '\0';
}

/* Take "--name value" / "--name=value" out of argv; *value is NULL when absent. */
static int take_option(int *argc, char **argv, const char *name, const char **value, struct gn_err *err)
{
	size_t n = strlen(name);
	int out = 0;

	*value = NULL;
	for (int i = 0; i < *argc; i++) {
		if (strncmp(argv[i], "--", 2) == 0 && strncmp(argv[i] + 2, name, n) == 0 &&
		    (argv[i][2 + n] == '\0' || argv[i][2 + n] == '=')) {
			if (argv[i][2 + n] == '=')
				*value = argv[i] + 3 + n;
			else if (i + 1 < *argc)
				*value = argv[++i];
			else
				return err_set(err, GN_USAGE, "--%s 需要一个值", name);
			continue;
		}
		argv[out++] = argv[i];
	}
	*argc = out;
	return 0;
}

static int no_more(int argc, char **argv, const char *verb, struct gn_err *err)
{
	if (argc > 0)
		return err_set(err, GN_USAGE, "rules %s：多余的参数 \"%.60s\"（govnet rules --help）", verb, argv[0]);
	return 0;
}

/* A rule named "组织/名称", "名称" (unique), or "名称" with --org. */
static int resolve_rule(struct gn_ctx *ctx, const char *key, const char *org, int64_t *id, struct gn_err *err)
{
	sqlite3_stmt *st;
	struct strbuf where = STRBUF_INIT;
	int64_t org_id;
	int rc, n = 0;

	if (org) {
		if (org_resolve(ctx->db, org, &org_id, err))
			return -1;
		rc = store_query_int(ctx->db, "SELECT id FROM rule WHERE org_id = ?1 AND name = ?2", id, err, "it", org_id,
				     key);
		if (rc < 0)
			return -1;
		return rc ? 0 : err_set(err, GN_REFUSED, "%s 没有名为 \"%.60s\" 的规则（govnet rules list）", org, key);
	}
	/* A bare name several organisations use must not be guessed. */
	if (store_prepare(ctx->db, "SELECT o.name FROM rule r JOIN org o ON o.id = r.org_id WHERE r.name = ?1", &st, err,
			  "t", key))
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		sb_addf(&where, "%s%s", n++ ? "、" : "", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (n > 1) {
		err_set(err, GN_REFUSED, "%s 都有名为 \"%.60s\" 的规则；请用 --org 指定，或写作 组织/%s", sb_str(&where), key, key);
		sb_free(&where);
		return -1;
	}
	sb_free(&where);
	if (record_resolve(ctx, &core_rules_component, key, id, err))
		return -1;
	return 0;
}

static int run_action(struct gn_ctx *ctx, const char *verb, struct gn_args *args, struct gn_err *err)
{
	const struct gn_action *a = component_action(&core_rules_component, verb);
	struct door_result res;

	if (door_run(ctx, &core_rules_component, a, args, &res, err))
		return -1;
	if (res.text)
		fputs(res.text, stdout);
	door_result_free(&res);
	return 0;
}

/* `rules add FILE --org …` is the rules component's ordinary action: the
 * door reads the file at the edge (a GN_FIELD_TEXT_FILE field). */
static int cmd_add(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	char **words = xcalloc((size_t)argc + 3, sizeof *words);
	int rc;

	if (open_store(ctx, err)) {
		free(words);
		return -1;
	}
	words[0] = "rules";
	words[1] = "add";
	memcpy(words + 2, argv, (size_t)argc * sizeof *words);
	rc = cli_component(ctx, argc + 2, words, err);
	free(words);
	return rc;
}

static int cmd_toggle(struct gn_ctx *ctx, const char *verb, int argc, char **argv, struct gn_err *err)
{
	const char *org, *why;
	struct gn_args args = { 0 };
	char id_text[32];
	int64_t id;
	int rc;

	if (take_option(&argc, argv, "org", &org, err) || take_option(&argc, argv, "why", &why, err))
		return -1;
	if (argc != 1)
		return err_set(err, GN_USAGE, "用法：govnet rules %s 规则 [--org 组织] [--why 理由]", verb);
	if (open_store(ctx, err) || resolve_rule(ctx, argv[0], org, &id, err))
		return -1;
	snprintf(id_text, sizeof id_text, "%lld", (long long)id);
	args_set(&args, "id", id_text);
	args.why = why;
	rc = run_action(ctx, verb, &args, err);
	args_free(&args);
	return rc;
}

/* list and history are the component's views, rendered as every list is. */
static int cmd_view(struct gn_ctx *ctx, const char *view, int argc, char **argv, struct gn_err *err)
{
	char **v = xcalloc((size_t)argc + 10, sizeof *v);
	char *org = NULL;
	int n = 0, rc;

	v[n++] = (char *)"rules";
	v[n++] = (char *)"list";
	if (view) {
		v[n++] = (char *)"--view";
		v[n++] = (char *)view;
	}
	for (int i = 0; i < argc; i++) {
		/* history NAME: the name is a filter. */
		if (view && strncmp(argv[i], "--", 2) != 0 && (i == 0 || strncmp(argv[i - 1], "--", 2) != 0 ||
							       strcmp(argv[i - 1], "--json") == 0)) {
			char *slash = strchr(argv[i], '/');
			v[n++] = (char *)"--name";
			v[n++] = slash && !org ? slash + 1 : argv[i];
			if (slash && !org) { /* 组织/名称 */
				org = xstrdup(argv[i]);
				org[slash - argv[i]] = '\0';
				v[n++] = (char *)"--org";
				v[n++] = org;
			}
			continue;
		}
		v[n++] = argv[i];
	}
	rc = open_store(ctx, err) ? -1 : cli_component(ctx, n, v, err);
	free(org);
	free(v);
	return rc;
}

/* A script as a reviewer must see it: a control character, a bidirectional
 * control or a byte that is not UTF-8 (a version stored before they were
 * refused) is shown as <U+XXXX> or <0xXX>, never sent to the terminal. */
void rules_print_source(const char *s, size_t len)
{
	while (len > 0) {
		uint32_t cp;
		size_t n = utf8_decode(s, len, &cp);
		if (cp == 0xFFFD && !utf8_valid(s, n))
			printf("<0x%02X>", (unsigned char)*s);
		else if (cp == '\r' && len > 1 && s[1] == '\n')
			; /* a CRLF line ends as any other */
		else if (utf8_cp_hidden(cp))
			printf("<U+%04X>", (unsigned)cp);
		else
			fwrite(s, 1, n, stdout);
		s += n;
		len -= n;
	}
}

static void print_log(struct gn_ctx *ctx, int64_t id)
{
	sqlite3_stmt *st;
	int n = 0;

	struct gn_err ignored = { .status = GN_OK };

	if (store_prepare(ctx->db, "SELECT at, version, event, message FROM rule_log WHERE rule_id = ?1 ORDER BY id DESC LIMIT 5",
			  &st, &ignored, "i", id))
		return;
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("%s%s 第 %d 版 %s：%s\n", n++ ? "" : "\n最近的 on 错误：\n", sqlite3_column_text(st, 0),
		       sqlite3_column_int(st, 1), sqlite3_column_text(st, 2), sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
}

static int cmd_show(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	static const char *const skip[] = { "org_path", "source", NULL };
	const char *org, *version_text;
	struct cli_opts o = { 0 };
	sqlite3_stmt *st, *vs = NULL;
	int64_t id;
	int version = 0, rc = -1;

	if (take_option(&argc, argv, "org", &org, err) || take_option(&argc, argv, "version", &version_text, err) ||
	    cli_take_common(&argc, argv, &o, err))
		return -1;
	if (argc != 1)
		return err_set(err, GN_USAGE, "用法：govnet rules show 规则 [--org 组织] [--version N] [--json]");
	if (version_text) {
		char *end;
		long v = strtol(version_text, &end, 10);
		if (*end || v < 1 || v > INT_MAX)
			return err_set(err, GN_USAGE, "--version 需要正整数");
		version = (int)v;
	}
	if (open_store(ctx, err) || resolve_rule(ctx, argv[0], org, &id, err) ||
	    record_prepare(ctx, &core_rules_component, id, &st, err))
		return -1;
	if (version) {
		if (store_prepare(ctx->db,
				  "SELECT source, sha256, hooks, added_at, added_by FROM rule_version"
				  " WHERE rule_id = ?1 AND version = ?2",
				  &vs, err, "in", id, version))
			goto out;
		if (sqlite3_step(vs) != SQLITE_ROW) {
			err_set(err, GN_REFUSED, "规则 %s 没有第 %d 版（govnet rules history %s）", argv[0], version, argv[0]);
			goto out;
		}
	}
	if (o.json) {
		json_t *obj = row_to_json(st, skip + 1);
		if (vs) {
			json_object_set_new(obj, "version", json_integer(version));
			json_object_set_new(obj, "source", json_string((const char *)sqlite3_column_text(vs, 0)));
			json_object_set_new(obj, "sha256", json_string((const char *)sqlite3_column_text(vs, 1)));
			json_object_set_new(obj, "hooks", json_string((const char *)sqlite3_column_text(vs, 2)));
		}
		json_print(stdout, obj);
		json_decref(obj);
	} else {
		const char *source = vs ? (const char *)sqlite3_column_text(vs, 0) : NULL;
		print_record(stdout, st, skip, &core_rules_component);
		if (!source)
			for (int i = 0; i < sqlite3_column_count(st); i++)
				if (strcmp(sqlite3_column_name(st, i), "source") == 0)
					source = (const char *)sqlite3_column_text(st, i);
		if (vs)
			printf("\n---- 第 %d 版（%s，%s 添加）----\n", version, sqlite3_column_text(vs, 3),
			       sqlite3_column_text(vs, 4));
		else
			printf("\n---- 当前版本 ----\n");
		rules_print_source(source ? source : "", source ? strlen(source) : 0);
		if (source && *source && source[strlen(source) - 1] != '\n')
			fputc('\n', stdout);
		print_log(ctx, id);
	}
	rc = 0;
out:
	sqlite3_finalize(vs);
	sqlite3_finalize(st);
	return rc;
}

/* history 规则 --diff V1 V2 */
static int cmd_diff(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	const char *org, *name = NULL;
	int versions[2], nv = -1;
	int64_t id;

	if (take_option(&argc, argv, "org", &org, err))
		return -1;
	for (int i = 0; i < argc; i++) {
		char *end;
		long v;
		if (strcmp(argv[i], "--diff") == 0 && nv < 0) {
			nv = 0;
			continue;
		}
		if (nv >= 0 && nv < 2) {
			v = strtol(argv[i], &end, 10);
			if (*end || v < 1 || v > INT_MAX)
				return err_set(err, GN_USAGE, "--diff 需要两个版本号（正整数），而不是 \"%.40s\"", argv[i]);
			versions[nv++] = (int)v;
		} else if (!name && strncmp(argv[i], "--", 2) != 0) {
			name = argv[i];
		} else {
			return err_set(err, GN_USAGE, "用法：govnet rules history 规则 [--org 组织] --diff 版本1 版本2");
		}
	}
	if (!name || nv != 2)
		return err_set(err, GN_USAGE, "用法：govnet rules history 规则 [--org 组织] --diff 版本1 版本2");
	if (open_store(ctx, err) || resolve_rule(ctx, name, org, &id, err))
		return -1;
	return rules_diff_versions(ctx->db, id, name, versions[0], versions[1], err);
}

/* ---- check --------------------------------------------------------------- */

/* Whether an executable named name is on PATH. */
static int on_path(const char *name)
{
	const char *path = getenv("PATH");
	char dir[PATH_MAX];

	while (path && *path) {
		size_t n = strcspn(path, ":");
		if (n > 0 && n + strlen(name) + 2 < sizeof dir) {
			memcpy(dir, path, n);
			snprintf(dir + n, sizeof dir - n, "/%s", name);
			if (access(dir, X_OK) == 0)
				return 1;
		}
		path += n + (path[n] == ':');
	}
	return 0;
}

/* luacheck's warnings, with the sandbox's globals declared.  Returns how
 * many lines it printed; its exit status is not ours. */
static int run_luacheck(const char *file)
{
	const char *argv[] = {
		"luacheck", "--no-color", "--codes", "--formatter", "plain", "--std", "lua54",
		"--globals", "validate", "deadline", "route", "on", "--read-globals", "govnet",
		"--allow-defined-top",
		/* test_* functions are called by `rules test`, not by the script. */
		"--ignore", "131/test_.*", "--", file, NULL,
	};
	int fds[2], status, lines = 0;
	char line[1024];
	FILE *in;
	pid_t pid;

	fflush(stdout);
	if (pipe(fds) != 0)
		return 0;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return 0;
	}
	if (pid == 0) {
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	while (in && fgets(line, sizeof line, in)) {
		if (!utf8_valid(line, strlen(line)))
			continue;
		printf("  luacheck：%s", line);
		lines++;
	}
	if (in)
		fclose(in);
	else
		close(fds[0]);
	waitpid(pid, &status, 0);
	return lines;
}

static int cmd_check(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	int bad = 0, luacheck = on_path("luacheck");

	if (argc < 1)
		return err_set(err, GN_USAGE, "用法：govnet rules check 文件…");
	for (int i = 0; i < argc; i++) {
		struct strbuf warnings = STRBUF_INIT;
		struct gn_err e = { .status = GN_OK };
		char name[RULES_NAME_MAX + 8], hooks[64];
		unsigned mask = 0;
		size_t len;
		char *source;

		script_name(argv[i], name, sizeof name);
		if (!(source = read_script(argv[i], &len, &e)) ||
		    rules_check_source(name, source, len, NULL, &mask, &warnings, &e)) {
			printf("%s：有错误\n  %s\n", argv[i], e.msg);
			bad++;
		} else {
			rules_hook_list(mask, hooks, sizeof hooks);
			printf("%s：正确；钩子：%s\n", argv[i], hooks);
		}
		if (source)
			rules_scan_source(name, source, len, &warnings);
		if (!rules_name_valid(name))
			sb_addf(&warnings, "%s：文件名不能直接作规则名（字母开头，只用字母、数字、-、_、.）；添加时请用 --name\n",
				argv[i]);
		for (char *line = warnings.buf; line && *line;) {
			char *end = strchr(line, '\n');
			printf("  警告：%.*s\n", end ? (int)(end - line) : (int)strlen(line), line);
			line = end ? end + 1 : NULL;
		}
		if (source && luacheck)
			run_luacheck(argv[i]);
		sb_free(&warnings);
		free(source);
	}
	if (!luacheck)
		printf("（未找到 luacheck，已跳过其检查）\n");
	(void)ctx;
	if (bad)
		return err_set(err, GN_REFUSED, "%d 个脚本有错误", bad);
	return 0;
}

/* ---- test ---------------------------------------------------------------- */

static void print_indented(const char *text)
{
	for (const char *line = text; line && *line;) {
		const char *end = strchr(line, '\n');
		printf("        %.*s\n", end ? (int)(end - line) : (int)strlen(line), line);
		line = end ? end + 1 : NULL;
	}
}

static void report_test(const struct rules_test_result *r, void *data)
{
	(void)data;
	printf("  %s  %s（%.1f ms）\n", r->passed ? "通过" : "失败", r->test, r->ms);
	if (!r->passed) {
		print_indented(r->message);
		if (r->printed && *r->printed) {
			printf("        输出：\n");
			print_indented(r->printed);
		}
	}
}

static int cmd_test(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	int passed = 0, failed = 0, broken = 0;

	if (argc < 1)
		return err_set(err, GN_USAGE, "用法：govnet rules test 文件…");
	/* The store, when there is one, lets tests use govnet.org and the
	 * calendar; without it those helpers answer nil or an error. */
	if (ctx->db_path && access(ctx->db_path, R_OK) == 0) {
		struct gn_err ignored = { .status = GN_OK };
		char *path = xstrdup(ctx->db_path);
		if (open_store(ctx, &ignored)) {
			session_close(ctx);
			ctx->db_path = path;
		} else {
			free(path);
		}
	}
	for (int i = 0; i < argc; i++) {
		struct gn_err e = { .status = GN_OK };
		char name[RULES_NAME_MAX + 8];
		int p = 0, f = 0;
		size_t len;
		char *source;

		script_name(argv[i], name, sizeof name);
		printf("%s\n", argv[i]);
		if (!(source = read_script(argv[i], &len, &e)) ||
		    rules_run_tests(name, source, len, ctx->db ? ctx : NULL, report_test, NULL, &p, &f, &e)) {
			printf("  无法加载：%s\n", e.msg);
			broken++;
		} else if (p + f == 0) {
			printf("  （没有 test_ 开头的测试函数）\n");
		}
		passed += p;
		failed += f;
		free(source);
	}
	printf("合计：%d 个测试，%d 通过，%d 失败%s\n", passed + failed, passed, failed,
	       broken ? "；有脚本无法加载" : "");
	if (failed || broken)
		return err_set(err, GN_REFUSED, "%d 个测试失败%s", failed, broken ? "，且有脚本无法加载" : "");
	return 0;
}

/* ---- the benchmark (tests/bench/rules.sh) ---------------------------------- */

static int cmd_bench(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	const char *org, *count;
	struct gn_args args = { 0 };
	double us = 0;
	long n = 100000;
	int rules_run = 0, rc;

	if (take_option(&argc, argv, "org", &org, err) || take_option(&argc, argv, "count", &count, err) ||
	    no_more(argc, argv, "bench", err))
		return -1;
	if (count && (n = strtol(count, NULL, 10)) <= 0)
		return err_set(err, GN_USAGE, "--count 需要正整数");
	if (open_store(ctx, err))
		return -1;
	args_set(&args, "name", "性能基准科");
	args_set(&args, "parent", org ? org : "东海县");
	rc = rules_bench_validate(ctx, &core_org_component, component_action(&core_org_component, "add"), &args, n, &us,
				  &rules_run, err);
	args_free(&args);
	if (rc)
		return -1;
	printf("%.3f\n%d\n", us, rules_run);
	return 0;
}

static int run(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	const char *verb = argc > 0 ? argv[0] : NULL;

	if (!verb || strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0) {
		fputs(usage_text, verb ? stdout : stderr);
		return verb ? 0 : err_set(err, GN_USAGE, "rules 需要一个操作");
	}
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
	argc--, argv++;
	if (strcmp(verb, "add") == 0)
		return cmd_add(ctx, argc, argv, err);
	if (strcmp(verb, "list") == 0)
		return cmd_view(ctx, NULL, argc, argv, err);
	if (strcmp(verb, "history") == 0 && rules_wants_diff(argc, argv))
		return cmd_diff(ctx, argc, argv, err);
	if (strcmp(verb, "history") == 0)
		return cmd_view(ctx, "history", argc, argv, err);
	if (strcmp(verb, "show") == 0)
		return cmd_show(ctx, argc, argv, err);
	if (strcmp(verb, "enable") == 0 || strcmp(verb, "disable") == 0)
		return cmd_toggle(ctx, verb, argc, argv, err);
	if (strcmp(verb, "check") == 0)
		return cmd_check(ctx, argc, argv, err);
	if (strcmp(verb, "test") == 0)
		return cmd_test(ctx, argc, argv, err);
	if (strcmp(verb, "bench") == 0)
		return cmd_bench(ctx, argc, argv, err);
	return err_set(err, GN_USAGE, "rules 没有操作 \"%.40s\"（govnet rules --help）", verb);
}

const struct cli_command cli_cmd_rules = {
	"rules", NULL, "add|list|show|enable|disable|history|check|test …", "县区规则（Lua 脚本，Art 30）",
	CLI_NEEDS_NOTHING, run,
};
