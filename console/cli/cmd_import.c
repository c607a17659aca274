/*
 * govnet import org|filing|ip|domain|node FILE [--dry-run] — the ledgers
 * (台账) a city already keeps in Excel, brought in on the operating
 * agency's first day.
 *
 * Each row is the ordinary action of its component, run through the door,
 * so roles, scope and every field check apply to it as if typed on the
 * command line.  All rows run inside one transaction, the login read once
 * under its lock.  A ledger is expected to be right: the rows first run
 * bare, one after another.  At the first refusal everything is rolled
 * back and the rows run again, each change a savepoint, so that a refused
 * row is undone alone, the rest go on, and every refusal is reported with
 * its line and column.  Then either everything stays (no refusal, no
 * --dry-run), together with one audit entry for the import naming the
 * file's SHA-256 and row count, or nothing does.
 * Every record a row made is marked imported (imported.h): it entered as
 * it was, with no workflow history or deadline invented for it.
 */
#include "config.h"
#include "cli.h"
#include "../front/ledger.h"
#include "../core/audit.h"
#include "../core/clock.h"
#include "../core/door.h"
#include "../core/identity.h"
#include "../core/fields.h"
#include "../core/imported.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"

#include <string.h>
#include <time.h>
#include <unistd.h>
#include "govnet/banned.h"

/* Past this many refusals the rest are counted, not listed. */
#define IMPORT_MAX_LISTED 100

/* What a ledger of each kind is: the component and action every row is. */
struct import_kind {
	const char *kind;
	const char *title;
	const char *component;
	const char *verb;
	/* A second action chosen by the row's 类别 (type) column: the address
	 * ledger lists pools (Art 18) beside the blocks taken from them. */
	const char *alt_verb;
	const char *const *alt_values;
};

static const char *const pool_values[] = { "pool", "地址池", NULL };

static const struct import_kind import_kinds[] = {
	{ .kind = "org", .title = "组织", .component = "org", .verb = "add" },
	{ .kind = "filing", .title = "责任人备案", .component = "access", .verb = "filing set" },
	{ .kind = "ip", .title = "地址池与网段", .component = "ip", .verb = "assign",
	  .alt_verb = "pool add", .alt_values = pool_values },
	{ .kind = "domain", .title = "域名记录", .component = "domain", .verb = "add" },
	/* Nodes in service before govnet: no request, no workflow (Art 9). */
	{ .kind = "node", .title = "在用接入节点", .component = "access", .verb = "node import" },
	{ NULL },
};

#define TYPE_COLUMN "type"
#define TYPE_LABEL "类别"

/* A header cell as a field name: the name itself, or the label --help
 * shows beside it; the type column for kinds with two actions. */
static const char *column_field(const struct gn_action *a, const struct gn_action *alt, const char *head)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct gn_action *x = pass ? alt : a;
		for (const struct gn_field *f = x ? x->fields : NULL; f && f->name; f++)
			if (strcmp(head, f->name) == 0 || (f->label && strcmp(head, f->label) == 0))
				return f->name;
	}
	if (alt && (strcmp(head, TYPE_COLUMN) == 0 || strcmp(head, TYPE_LABEL) == 0))
		return TYPE_COLUMN;
	return NULL;
}

static int is_alt(const struct import_kind *k, const char *value)
{
	for (const char *const *v = k->alt_values; v && *v; v++)
		if (strcmp(value, *v) == 0)
			return 1;
	return 0;
}

struct import_run {
	struct gn_ctx *ctx;
	const struct import_kind *kind;
	const struct gn_plugin *c;
	const struct gn_action *a, *alt;
	const struct ledger *l;
	const char **fields;     /* per column: the field it fills */
	struct strbuf errors;
	size_t nerrors, imported;
	char now[CLOCK_ISO_LEN]; /* when the import ran: each record's mark */
};

static void refuse_row(struct import_run *r, size_t line, const char *column, const char *why)
{
	if (r->nerrors++ >= IMPORT_MAX_LISTED)
		return;
	if (column)
		sb_addf(&r->errors, "第 %zu 行，%s 列：%s\n", line, column, why);
	else
		sb_addf(&r->errors, "第 %zu 行：%s\n", line, why);
}

/* The column a refusal is about, as the file's header wrote it: the field
 * the door named, else the one the message names as "（--name）". */
static const char *header_of(const struct import_run *r, const struct gn_err *err)
{
	for (size_t i = 0; i < r->l->rows[0].n; i++) {
		char opt[48];
		if (!r->fields[i])
			continue;
		snprintf(opt, sizeof opt, "（--%s）", r->fields[i]);
		if (err->field[0] ? strcmp(r->fields[i], err->field) == 0 : strstr(err->msg, opt) != NULL)
			return r->l->rows[0].cells[i];
	}
	return NULL;
}

static int check_header(struct import_run *r)
{
	const struct ledger_row *h = &r->l->rows[0];

	r->fields = xcalloc(h->n + 1, sizeof *r->fields);
	for (size_t i = 0; i < h->n; i++) {
		struct strbuf why = STRBUF_INIT;
		const char *head = h->cells[i];
		if (!head[0] && i + 1 == h->n)
			continue; /* a trailing comma */
		r->fields[i] = column_field(r->a, r->alt, head);
		for (size_t k = 0; r->fields[i] && k < i; k++)
			if (r->fields[k] && strcmp(r->fields[k], r->fields[i]) == 0)
				sb_addf(&why, "与第 %zu 列重复（都是 %s）", k + 1, r->fields[i]);
		if (!r->fields[i]) {
			sb_add(&why, "不认识的列名；可用：");
			for (int pass = 0; pass < 2; pass++)
				for (const struct gn_field *f = (pass ? r->alt : r->a) ? (pass ? r->alt : r->a)->fields : NULL;
				     f && f->name; f++)
					if (pass == 0 || !action_field(r->a, f->name))
						sb_addf(&why, "%s（%s） ", f->label ? f->label : f->name, f->name);
			if (r->alt)
				sb_addf(&why, "%s（%s：%s 为地址池）", TYPE_LABEL, TYPE_COLUMN, pool_values[1]);
		}
		if (why.len) {
			char col[32];
			snprintf(col, sizeof col, "第 %zu", i + 1);
			refuse_row(r, h->line, col, sb_str(&why));
		}
		sb_free(&why);
	}
	return r->nerrors ? -1 : 0;
}

static void import_row(struct import_run *r, const struct ledger_row *row)
{
	struct gn_args args = { 0 };
	struct gn_err err = { .status = GN_OK };
	struct door_result res = { 0 };
	const struct gn_action *a = r->a;
	int bad = 0, empty = 1;

	/* Excel keeps rows that were cleared as a line of commas. */
	for (size_t i = 0; i < row->n; i++)
		empty &= row->cells[i][0] == '\0';
	if (empty)
		return;

	for (size_t i = 0; i < row->n && i < r->l->rows[0].n; i++)
		if (r->alt && r->fields[i] && strcmp(r->fields[i], TYPE_COLUMN) == 0 && is_alt(r->kind, row->cells[i]))
			a = r->alt;
	for (size_t i = 0; i < row->n; i++) {
		const char *v = row->cells[i];
		if (!v[0])
			continue;
		if (i >= r->l->rows[0].n || !r->fields[i]) {
			refuse_row(r, row->line, NULL, "比表头多出一列");
			bad = 1;
			break;
		}
		if (r->alt && strcmp(r->fields[i], TYPE_COLUMN) == 0)
			continue;
		if (!action_field(a, r->fields[i])) {
			refuse_row(r, row->line, r->l->rows[0].cells[i], "此类记录没有这一项，应留空");
			bad = 1;
			continue;
		}
		/* Each cell checked on its own first, so that a row with several
		 * bad cells has each named. */
		struct gn_err cell = { .status = GN_OK };
		if (field_check(action_field(a, r->fields[i]), v, &cell)) {
			refuse_row(r, row->line, r->l->rows[0].cells[i], cell.msg);
			bad = 1;
		}
		args_set(&args, r->fields[i], v);
	}
	if (!bad && door_run(r->ctx, r->c, a, &args, &res, &err) == 0 &&
	    imported_mark(r->ctx->db, a->table, res.id, r->now, r->l->sha256, &err) == 0)
		r->imported++;
	else if (!bad)
		refuse_row(r, row->line, header_of(r, &err), err.msg);
	door_result_free(&res);
	args_free(&args);
}

/* The import as one audit entry: the file, its digest and what it held. */
static int audit_import(struct import_run *r, const char *path, struct gn_err *err)
{
	char now[CLOCK_ISO_LEN], target[96];
	struct strbuf why = STRBUF_INIT;
	const char *base = strrchr(path, '/');

	clock_format(r->ctx->now, now);
	snprintf(target, sizeof target, "import:%s", r->kind->kind);
	sb_addf(&why, "导入 %s：%zu 行，SHA-256 %s，%s 编码", base ? base + 1 : path, r->imported, r->l->sha256,
		r->l->encoding);
	struct audit_entry e = {
		.at = now, .login = r->ctx->login, .client = r->ctx->client, .component = "import",
		.verb = r->kind->kind, .target = target, .org_id = r->ctx->actor.org_id, .reason = sb_str(&why),
	};
	int rc = audit_append(r->ctx->db, &e, err);
	sb_free(&why);
	return rc;
}

/* A bar on the terminal, redrawn in place at most ten times a second and
 * at the end.  Written to the descriptor itself: stderr shows a carriage
 * return as ^M, and these bytes are ours alone. */
#define PROGRESS_INTERVAL_NS 100000000LL

static void progress(size_t done, size_t total, int tty)
{
	static long long last_ns;
	struct strbuf bar = STRBUF_INIT;
	struct timespec t;
	size_t filled = total ? 20 * done / total : 20;
	long long now_ns;

	if (!tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t);
	now_ns = (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
	if (done != total && done != 1 && now_ns - last_ns < PROGRESS_INTERVAL_NS)
		return;
	last_ns = now_ns;
	for (size_t i = 0; i < 20; i++)
		sb_add(&bar, i < filled ? "█" : "░");
	dprintf(STDERR_FILENO, "\r导入中 %s %zu/%zu%s", sb_str(&bar), done, total, done == total ? "\n" : "");
	sb_free(&bar);
}

/* Every row in one transaction, bare (the door takes no savepoint, and
 * the first refusal ends the pass) or each change a savepoint.  The
 * transaction is left open for the caller unless it could not begin;
 * a bare pass that met a refusal has rolled it back. */
static int run_rows(struct import_run *r, int bare, int tty, struct gn_err *err)
{
	struct gn_ctx *ctx = r->ctx;
	const struct ledger *l = r->l;

	sb_reset(&r->errors);
	r->nerrors = r->imported = 0;
	if (store_begin(ctx->db, err))
		return -1;
	if (identity_load_actor(ctx, err)) {
		store_rollback(ctx->db);
		return -1;
	}
	ctx->outer_tx = 1;
	ctx->outer_tx_bare = bare;
	for (size_t i = 1; i < l->nrows && !(bare && r->nerrors); i++) {
		import_row(r, &l->rows[i]);
		progress(i, l->nrows - 1, tty && !(bare && r->nerrors));
	}
	ctx->outer_tx = ctx->outer_tx_bare = 0;
	if (bare && r->nerrors)
		store_rollback(ctx->db);
	return 0;
}

static int import_usage(struct gn_err *err)
{
	struct strbuf kinds = STRBUF_INIT;

	for (const struct import_kind *k = import_kinds; k->kind; k++)
		sb_addf(&kinds, "%s%s（%s）", kinds.len ? "、" : "", k->kind, k->title);
	err_set(err, GN_USAGE, "用法：govnet import 类别 文件.csv [--dry-run]；类别：%s", sb_str(&kinds));
	sb_free(&kinds);
	return -1;
}

static int run_import(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	const struct import_kind *k = NULL;
	struct import_run r = { .ctx = ctx, .errors = STRBUF_INIT };
	struct ledger l;
	int dry = 0, n = 0, rc = -1;
	const char *words[2];

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else if (n < 2 && strncmp(argv[i], "--", 2) != 0)
			words[n++] = argv[i];
		else
			return import_usage(err);
	}
	for (const struct import_kind *x = import_kinds; n == 2 && x->kind; x++)
		if (strcmp(x->kind, words[0]) == 0)
			k = x;
	if (!k)
		return import_usage(err);
	r.kind = k;
	r.c = registry_find(ctx->reg, k->component);
	r.a = r.c ? component_action(r.c, k->verb) : NULL;
	r.alt = r.c && k->alt_verb ? component_action(r.c, k->alt_verb) : NULL;
	if (!r.a || (k->alt_verb && !r.alt))
		return err_set(err, GN_REFUSED, "组件 %s 未加载，不能导入%s", k->component, k->title);
	if (ledger_read(words[1], &l, err))
		return -1;
	r.l = &l;
	clock_format(ctx->now, r.now);
	if (l.nrows < 2) {
		ledger_free(&l);
		return err_set(err, GN_REFUSED, "%s 没有数据行：第一行是表头（字段名或中文标签），其下每行一条", words[1]);
	}
	if (check_header(&r) == 0) {
		int tty = isatty(STDERR_FILENO);
		if (run_rows(&r, 1, tty, err) || (r.nerrors && run_rows(&r, 0, tty, err)))
			goto out;
		if (r.nerrors || dry) {
			store_rollback(ctx->db);
		} else if (audit_import(&r, words[1], err) || store_commit(ctx->db, err)) {
			store_rollback(ctx->db);
			goto out;
		}
	}
	if (r.nerrors) {
		fputs(sb_str(&r.errors), stderr);
		if (r.nerrors > IMPORT_MAX_LISTED)
			fprintf(stderr, "……另有 %zu 处错误未列出\n", r.nerrors - IMPORT_MAX_LISTED);
		err_set(err, GN_REFUSED, "%s 有 %zu 处错误（见上），未导入任何记录", words[1], r.nerrors);
	} else if (dry) {
		printf("试运行：%s 的 %zu 行均可导入（%s，%s 编码）；未作任何更改\n", words[1], r.imported, k->title,
		       l.encoding);
		rc = 0;
	} else {
		printf("已导入 %zu 行（%s，%s 编码，SHA-256 %s）\n", r.imported, k->title, l.encoding, l.sha256);
		rc = 0;
	}
out:
	ctx->outer_tx = ctx->outer_tx_bare = 0;
	free(r.fields);
	sb_free(&r.errors);
	ledger_free(&l);
	return rc;
}

const struct cli_command cli_cmd_import = {
	.noun = "import",
	.usage = "org|filing|ip|domain|node 文件.csv [--dry-run]",
	.summary = "从 Excel/WPS 台账（CSV，UTF-8 或 GB18030）导入：全部成功或全部不导入",
	.needs = CLI_NEEDS_LOGIN,
	.run = run_import,
};
