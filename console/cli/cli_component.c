/*
 * cli_component.c — the command line of a component, rendered from its
 * description: `list`, `show`, and one verb per action.  No component
 * parses its own arguments.
 */
#include "config.h"
#include "cli.h"
#include "../front/describe.h"
#include "../front/ledger.h"
#include "../front/table.h"
#include "../core/door.h"
#include "../core/fields.h"
#include "../core/identity.h"
#include "../core/listing.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"
#include "../core/workflow.h"

#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static const char *const hidden_columns[] = { "org_path", NULL };

/* Rows as a table (or JSON), text as is; else the id a creation made.
 * Text beside rows (where the next page starts) is a note, as a list's
 * is: on standard error — also when the rows were printed as they were
 * read (streamed). */
static void print_result(const struct gn_plugin *c, const struct door_result *res, int json, int creates,
			 int streamed)
{
	if (res->rows && json) {
		json_print(stdout, res->rows);
	} else if (res->rows && json_array_size(res->rows) > 0) {
		struct table t;
		table_from_rows(&t, res->rows, c);
		table_print(stdout, &t, table_cell_limit(stdout, &t));
		table_free(&t);
	}
	if (res->rows || streamed) {
		fflush(stdout);
		if (res->text)
			fputs(res->text, stderr);
	} else if (res->text) {
		fputs(res->text, stdout);
	} else if (json && creates) {
		printf("{\"id\": %lld}\n", (long long)res->id);
	} else if (creates) {
		printf("%lld\n", (long long)res->id);
	}
}

static int run_action(struct gn_ctx *ctx, const struct gn_plugin *c, const struct gn_action *a, int argc,
		      char **argv, struct gn_err *err)
{
	struct gn_args args = { 0 };
	struct door_result res;
	struct table_stream table;
	struct json_stream js = { .out = stdout };
	int rc, json = 0, out = 0, streamed;

	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			front_action_help(stdout, c, a);
			return 0;
		}
		if (strcmp(argv[i], "--json") == 0 && !action_field(a, "json"))
			json = 1;
		else
			argv[out++] = argv[i];
	}
	rc = front_parse_action_args(a, out, argv, &args, err);
	/* A report's JSON is printed row by row as it is read; its table
	 * holds a batch, the rest waiting in a file (table_stream): never
	 * the whole answer in memory. */
	table_stream_rows(&table, stdout, c);
	if (a->flags & GN_ACTION_READONLY) {
		ctx->report_row = json ? json_stream_row : table_stream_row;
		ctx->report_row_data = json ? (void *)&js : (void *)&table;
	}
	if (rc == 0)
		rc = door_run(ctx, c, a, &args, &res, err);
	ctx->report_row = NULL;
	args_free(&args);
	if (js.rows)
		json_stream_end(&js);
	streamed = js.rows > 0 || table.rows > 0;
	if (table_stream_end(&table) && rc == 0) {
		door_result_free(&res);
		rc = err_set(err, GN_REFUSED, "%s：表格的临时文件写入失败（磁盘已满？），后面的行没有列出", a->verb);
	}
	if (rc)
		return -1;
	print_result(c, &res, json, (a->flags & GN_ACTION_CREATES) != 0, streamed);
	door_result_free(&res);
	return 0;
}

static int id_column(sqlite3_stmt *st)
{
	for (int i = 0; i < sqlite3_column_count(st); i++)
		if (strcmp(sqlite3_column_name(st, i), "id") == 0)
			return i;
	return 0;
}

/* CSV is read back by govnet import and by other programs: a column that
 * shows a code's title (kind_title) is written as the code under the
 * code's own name (kind), which does not change with the wording. */
static void csv_columns(sqlite3_stmt *st, size_t ncols, const char **names, int *source)
{
	for (size_t k = 0; k < ncols; k++) {
		char base[64];
		size_t n = strlen(names[k]);
		snprintf(base, sizeof base, "%s", names[k]);
		if (n > 6 && n < sizeof base && strcmp(names[k] + n - 6, "_title") == 0)
			base[n - 6] = '\0';
		source[k] = -1;
		for (int pass = 0; pass < 2 && source[k] < 0; pass++)
			for (int i = 0; i < sqlite3_column_count(st); i++)
				if (strcmp(sqlite3_column_name(st, i), pass ? names[k] : base) == 0) {
					source[k] = i;
					names[k] = sqlite3_column_name(st, i);
					break;
				}
	}
}

static int list(struct gn_ctx *ctx, const struct gn_plugin *c, int argc, char **argv, struct gn_err *err)
{
	struct cli_opts o = { .limit = -1 };
	struct gn_args filters = { 0 };
	struct listing l = { 0 };
	const char *view_name = NULL;
	sqlite3_stmt *st;
	int rc = -1, n = 0, explain = 0;

	if (cli_take_common(&argc, argv, &o, err))
		return -1;
	if (o.help) {
		front_component_help(stdout, c, ctx);
		return 0;
	}
	if (o.csv && o.json)
		return err_set(err, GN_USAGE, "--csv 与 --json 只能选一个");
	/* An export is the whole list unless a limit is asked for. */
	if (o.limit < 0)
		o.limit = o.csv ? 0 : CLI_DEFAULT_LIMIT;
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "--", 2) != 0)
			return err_set(err, GN_USAGE, "多余的参数 \"%.60s\"", argv[i]);
		const char *name = argv[i] + 2;
		if (strcmp(name, "view") == 0 && i + 1 < argc) {
			view_name = argv[++i];
			continue;
		}
		if (strcmp(name, "after") == 0 && i + 1 < argc) {
			l.has_after = 1;
			l.after_id = strtoll(argv[++i], NULL, 10);
			continue;
		}
		if (strcmp(name, "search") == 0 && i + 1 < argc) {
			l.search = argv[++i];
			continue;
		}
		if (strcmp(name, "explain") == 0) {
			explain = 1;
			continue;
		}
		/* The order the console's s and S show: by a column, then id. */
		if (strcmp(name, "sort") == 0 && i + 1 < argc) {
			l.sort = argv[++i];
			continue;
		}
		if (strcmp(name, "descending") == 0) {
			l.descending = 1;
			continue;
		}
		args_set(&filters, name, "");
		/* A flag filter takes no value; every other takes one. */
		const struct gn_view *v = component_view(c, view_name);
		const struct gn_filter *f = NULL;
		for (const struct gn_filter *g = v ? v->filters : NULL; g && g->name; g++)
			if (strcmp(g->name, name) == 0)
				f = g;
		if (!f) {
			args_free(&filters);
			return err_set(err, GN_USAGE, "%s list 没有选项 --%s（见 govnet %s --help）", c->name, name, c->name);
		}
		if (f->type != GN_FIELD_FLAG) {
			if (i + 1 >= argc) {
				args_free(&filters);
				return err_set(err, GN_USAGE, "--%s 需要一个值", name);
			}
			if (!utf8_valid(argv[i + 1], strlen(argv[i + 1]))) {
				args_free(&filters);
				return err_set(err, GN_REFUSED, "--%s 的值不是有效的 UTF-8 文本", name);
			}
			args_set(&filters, name, argv[++i]);
		}
	}
	l.view = component_view(c, view_name);
	if (!l.view) {
		args_free(&filters);
		return err_set(err, GN_USAGE, "%s 没有视图 %s", c->name, view_name ? view_name : "");
	}
	const struct gn_column *sorted = l.sort ? l.view->columns : NULL;
	while (sorted && sorted->name && strcmp(sorted->name, l.sort) != 0)
		sorted++;
	if (sorted && !sorted->name) {
		args_free(&filters);
		return err_set(err, GN_USAGE, "--sort：列表 %s 没有列 %.60s", l.view->name, l.sort);
	}
	l.filters = &filters;
	l.all_columns = o.json || o.csv;
	l.limit = o.limit > 0 ? o.limit + 1 : 0; /* one more tells whether there is more */
	if (explain) {
		/* How the page would be read, for the bench and the curious. */
		struct strbuf plan = STRBUF_INIT;
		rc = listing_explain(ctx, &l, &plan, err);
		if (rc == 0)
			fputs(sb_str(&plan), stdout);
		sb_free(&plan);
		args_free(&filters);
		return rc;
	}
	if (listing_prepare(ctx, &l, &st, err)) {
		args_free(&filters);
		return -1;
	}
	/* The table shows the view's visible columns and the id; JSON has all. */
	size_t ncols = 0, nview = 0;
	const char *labels[64], *names[64], *cells[64];
	int source[64];
	for (const struct gn_column *col = l.view->columns; col->name && ncols < 63; col++, nview++)
		if (!(col->flags & GN_COLUMN_HIDDEN)) {
			source[ncols] = (int)nview;
			names[ncols] = col->name;
			labels[ncols++] = col->label;
		}
	source[ncols] = (int)nview; /* id follows the view's columns */
	names[ncols] = "id";
	labels[ncols++] = "编号";
	/* CSV for Excel: a BOM so that it reads the Chinese as UTF-8, and the
	 * columns' names, which do not change with the wording of a label. */
	if (o.csv) {
		csv_columns(st, ncols, names, source);
		fputs("\xef\xbb\xbf", stdout);
		ledger_write_row(stdout, ncols, names);
	}
	/* JSON is printed as the rows are read, the table once they are all
	 * measured: a list of any length holds one row of JSON, one batch of
	 * the table, the rest waiting in a file (table_stream). */
	struct json_stream js = { .out = stdout };
	struct table_stream t = { 0 };
	if (!o.json && !o.csv) {
		table_stream_start(&t, stdout, ncols, labels);
		t.t.right[ncols - 1] = 1;
		for (const struct gn_column *col = l.view->columns; col->name && col - l.view->columns < 63; col++)
			for (size_t k = 0; k + 1 < ncols; k++)
				if (source[k] == col - l.view->columns && (col->flags & GN_COLUMN_RIGHT))
					t.t.right[k] = 1;
	}
	int64_t last_id = 0; /* the last row shown: the next page starts after it */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (o.limit > 0 && n == o.limit) {
			fprintf(stderr, "（只显示前 %d 条；更多请用 --limit 或 --after %lld）\n", o.limit, (long long)last_id);
			break;
		}
		last_id = sqlite3_column_int64(st, o.json || o.csv ? id_column(st) : (int)nview);
		if (o.json) {
			json_t *row = row_to_public_json(st, l.view->columns);
			json_stream_row(row, &js);
			json_decref(row);
		} else if (o.csv) {
			for (size_t k = 0; k < ncols; k++)
				cells[k] = source[k] < 0 ? "" : (const char *)sqlite3_column_text(st, source[k]);
			ledger_write_row(stdout, ncols, cells);
		} else {
			for (size_t k = 0; k < ncols; k++)
				cells[k] = (const char *)sqlite3_column_text(st, source[k]);
			table_stream_add(&t, cells);
		}
		n++;
	}
	int ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
	if (!ok)
		store_error(ctx->db, c->name, err);
	sqlite3_finalize(st);
	/* What was read is printed whole, also when the read failed part of
	 * the way (the error follows on standard error): valid JSON always. */
	if (o.json && (ok || js.rows))
		json_stream_end(&js);
	if (table_stream_end(&t) && ok) {
		err_set(err, GN_REFUSED, "%s list：表格的临时文件写入失败（磁盘已满？），后面的行没有列出", c->name);
		ok = 0;
	}
	args_free(&filters);
	return ok ? 0 : -1;
}

/* The running deadline and the history of a workflow record: into obj
 * for --json, else printed after the record. */
static int show_workflow(struct gn_ctx *ctx, const struct gn_plugin *c, int64_t id, json_t *obj, struct gn_err *err)
{
	static const char *labels[] = { "时间", "登录名", "操作", "从", "到", "意见/理由", "设定期限", "依据", "前一期限" };
	char due[16], article[128];
	sqlite3_stmt *st;
	struct table t;
	int paused, provisional, rc;

	if (wf_clock_of(ctx->db, c->name, id, due, sizeof due, article, sizeof article, &paused, &provisional, err) ||
	    wf_history_prepare(ctx->db, c->name, id, &st, err))
		return -1;
	if (obj) {
		json_object_set_new(obj, "due", due[0] ? json_string(due) : json_null());
		json_object_set_new(obj, "provisional", json_boolean(provisional));
		json_object_set_new(obj, "deadline", article[0] ? json_string(article) : json_null());
		json_object_set_new(obj, "paused", json_boolean(paused));
		json_t *history = json_array();
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			json_array_append_new(history, row_to_public_json(st, NULL));
		json_object_set_new(obj, "history", history);
	} else {
		if (due[0])
			printf("期限        %s%s（%s）\n", due, provisional ? WF_PROVISIONAL_MARK : "", article);
		else if (paused)
			printf("期限        暂停（%s；退回补充期间不计）\n", article);
		table_init(&t, 9, labels);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			char due_set[32];
			const char *cells[9];
			for (int i = 0; i < 9; i++)
				cells[i] = (const char *)sqlite3_column_text(st, i);
			snprintf(due_set, sizeof due_set, "%s%s", cells[6] ? cells[6] : "",
				 sqlite3_column_int(st, 9) ? WF_PROVISIONAL_MARK : "");
			cells[6] = due_set;
			table_add_strings(&t, cells);
		}
		printf("\n历史\n");
		table_print(stdout, &t, table_cell_limit(stdout, &t));
		table_free(&t);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_error(ctx->db, "读取历史", err);
}

static int show(struct gn_ctx *ctx, const struct gn_plugin *c, int argc, char **argv, struct gn_err *err)
{
	struct cli_opts o = { 0 };
	sqlite3_stmt *st;
	int64_t id;

	if (cli_take_common(&argc, argv, &o, err))
		return -1;
	if (o.help || argc != 1) {
		fprintf(o.help ? stdout : stderr, "用法：govnet %s show KEY [--json]\n", c->name);
		return o.help ? 0 : err_set(err, GN_USAGE, "show 需要一个参数");
	}
	if (!utf8_valid(argv[0], strlen(argv[0])))
		return err_set(err, GN_REFUSED, "参数不是有效的 UTF-8 文本");
	if (!ctx->actor.registered)
		return identity_refuse_unregistered(ctx, err);
	if (record_resolve(ctx, c, argv[0], &id, err) || record_prepare(ctx, c, id, &st, err))
		return -1;
	json_t *obj = o.json ? row_to_public_json(st, NULL) : NULL;
	if (!o.json)
		print_record(stdout, st, hidden_columns, c);
	sqlite3_finalize(st);
	int rc = c->workflow ? show_workflow(ctx, c, id, obj, err) : 0;
	if (obj && rc == 0)
		json_print(stdout, obj);
	json_decref(obj);
	return rc;
}

int cli_component(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	const struct gn_plugin *c = registry_find(ctx->reg, argv[0]);
	const struct gn_action *a;

	if (!c)
		return err_set(err, GN_USAGE, "未知命令 \"%.40s\"（govnet --help 列出全部命令）", argv[0]);
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		front_component_help(argc < 2 ? stderr : stdout, c, ctx);
		return argc < 2 ? err_set(err, GN_USAGE, "%s 需要一个操作", c->name) : 0;
	}
	if (strcmp(argv[1], "list") == 0 && c->views)
		return list(ctx, c, argc - 2, argv + 2, err);
	if (strcmp(argv[1], "show") == 0 && c->record)
		return show(ctx, c, argc - 2, argv + 2, err);
	/* Two-word verbs first: `ip pool add`, `access filing set`. */
	if (argc >= 3) {
		char two[128];
		snprintf(two, sizeof two, "%s %s", argv[1], argv[2]);
		if ((a = component_action(c, two)))
			return run_action(ctx, c, a, argc - 3, argv + 3, err);
	}
	a = component_action(c, argv[1]);
	if (!a)
		return err_set(err, GN_USAGE, "%s 没有操作 \"%.40s\"（govnet %s --help）", c->name, argv[1], c->name);
	return run_action(ctx, c, a, argc - 2, argv + 2, err);
}
