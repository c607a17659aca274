/*
 * A published read (gn_call_invoke) leaves no trace: a component's
 * GN_ACTION_READONLY action that writes all the same, invoked from another
 * action's change, sees that change so far, and what it wrote is undone
 * while the change itself commits.
 */
#include "config.h"
#include "unit.h"
#include "core/door.h"
#include "core/init.h"
#include "core/registry.h"
#include "core/session.h"
#include "core/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "govnet/banned.h"

static const struct gn_migration probe_migrations[] = {
	{ 1, "CREATE TABLE probe(id INTEGER PRIMARY KEY, note TEXT NOT NULL);" },
	{ 0, NULL },
};

static char seen[32]; /* what peek answered to mark, as mark read it */

/* A "read" that writes: the flag is the plugin's word, not a guarantee. */
static int peek(struct gn_call *call)
{
	int64_t n = 0;
	char count[32];

	if (gn_call_query_int(call, &n, "SELECT count(*) FROM probe", "") < 0)
		return -1;
	if (gn_call_exec(call, "INSERT INTO probe(note) VALUES ('peek')", ""))
		return -1;
	snprintf(count, sizeof count, "%lld", (long long)n);
	gn_call_emit_row(call, 1, (const char *const[]){ "count" }, (const char *const[]){ count });
	return 0;
}

static int mark(struct gn_call *call)
{
	struct gn_rows *rows;

	if (gn_call_exec(call, "INSERT INTO probe(note) VALUES (?1)", "t", gn_call_arg(call, "note")))
		return -1;
	gn_call_set_id(call, (int64_t)sqlite3_last_insert_rowid(gn_call_db(call)));
	if (gn_call_invoke(call, "probe", "peek", (const char *const[]){ NULL }, &rows))
		return -1;
	snprintf(seen, sizeof seen, "%s", gn_rows_get(rows, 0, "count") ? gn_rows_get(rows, 0, "count") : "");
	gn_rows_free(rows);
	return 0;
}

static const struct gn_field mark_fields[] = {
	{ .name = "note", .label = "记录", .type = GN_FIELD_TEXT },
	{ NULL },
};

static const struct gn_action probe_actions[] = {
	{ .verb = "peek", .title = "只读", .roles = GN_ROLES_ALL, .run = peek, .flags = GN_ACTION_READONLY },
	{ .verb = "mark", .title = "记一笔", .roles = GN_ROLE_ADMIN, .fields = mark_fields, .table = "probe",
	  .run = mark, .flags = GN_ACTION_CREATES },
	{ NULL },
};

static const struct gn_plugin probe = {
	.abi = GN_PLUGIN_ABI,
	.name = "probe",
	.title = "probe",
	.version = "0.0.1",
	.migrations = probe_migrations,
	.actions = probe_actions,
};

static int64_t count_notes(sqlite3 *db, const char *note)
{
	struct gn_err err = { .status = GN_OK };
	int64_t n = -1;

	store_query_int(db, "SELECT count(*) FROM probe WHERE note = ?1", &n, &err, "t", note);
	return n;
}

int main(void)
{
	char dir[] = "/tmp/gn-invoke-XXXXXX", path[128];
	struct gn_ctx ctx = { 0 };
	struct gn_err err = { .status = GN_OK };
	struct gn_args args = { 0 };
	struct registry *reg;

	setenv("GOVNET_PLUGIN_DIR", "/nonexistent", 1);
	setenv("GOVNET_NOW", "2026-11-25T10:00:00+08:00", 1);
	unsetenv("GOVNET_LOGIN");
	CHECK(mkdtemp(dir) != NULL, "a temporary directory");
	snprintf(path, sizeof path, "%s/t.db", dir);
	ctx.db_path = strdup(path);
	CHECK(init_store(&ctx, &err) == 0 || strstr(err.msg, "节假日"), "a store");
	reg = ctx.reg;
	reg->items = realloc(reg->items, (reg->n + 1) * sizeof *reg->items);
	reg->items[reg->n++] = (struct component){ .desc = &probe };
	CHECK(store_migrate(ctx.db, "probe", probe_migrations, &err) == 0, "the probe's table");

	err_clear(&err);
	args.why = "只读调用测试";
	args_set(&args, "note", "mark");
	CHECK(door_run(&ctx, &probe, component_action(&probe, "mark"), &args, NULL, &err) == 0, "mark goes through");
	if (err.status != GN_OK)
		fprintf(stderr, "mark: %s\n", err.msg);
	CHECK_STR(seen, "1", "the invoked read sees the change so far (mark's row)");
	CHECK(count_notes(ctx.db, "mark") == 1, "the caller's own change commits");
	CHECK(count_notes(ctx.db, "peek") == 0, "what the invoked read wrote is undone");
	args_free(&args);
	session_close(&ctx);
	unit_remove_store(dir, path);
	UNIT_DONE();
}
