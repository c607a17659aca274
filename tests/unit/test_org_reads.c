/*
 * Each organisation is read once per command (org.c's copies): a change
 * whose scope, handler and audit look up the same organisation again and
 * again reads its row from the store once.  Counted by the statements
 * SQLite runs (sqlite3_trace_v2), not by time; a rollback forgets the copy.
 */
#include "config.h"
#include "unit.h"
#include "core/door.h"
#include "core/init.h"
#include "core/org.h"
#include "core/registry.h"
#include "core/session.h"
#include "core/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "govnet/banned.h"

/* org_get's statement, known by a fragment of its SQL; the id it reads is
 * the one bound in the expanded text. */
#define ORG_READ "FROM org o LEFT JOIN org p ON p.id = o.parent_id"

static int64_t watched; /* the organisation whose reads are counted */
static int reads;

static int count_reads(unsigned type, void *data, void *p, void *x)
{
	char *sql, want[48];

	(void)type, (void)data, (void)x;
	if (!watched || !(sql = sqlite3_expanded_sql(p)))
		return 0;
	snprintf(want, sizeof want, "WHERE o.id = %lld", (long long)watched);
	if (strstr(sql, ORG_READ) && strstr(sql, want))
		reads++;
	sqlite3_free(sql);
	return 0;
}

static const struct gn_migration probe_migrations[] = {
	{ 1, "CREATE TABLE probe(id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL);" },
	{ 0, NULL },
};

static int refuse_after; /* visit refuses once it has looked: the change rolls back */

/* A handler that asks for its organisation several times over, as the
 * plugins do (the record's owner, its county, whether it is in scope). */
static int visit(struct gn_call *call)
{
	int64_t org = gn_call_arg_org(call, "org");
	struct gn_org o;

	for (int i = 0; i < 3; i++)
		if (gn_call_org(call, org, &o))
			return -1;
	if (!gn_call_in_scope(call, org))
		return gn_call_refuse(call, "不在范围内");
	if (refuse_after)
		return gn_call_refuse(call, "看过就退回");
	if (gn_call_exec(call, "INSERT INTO probe(org_id) VALUES (?1)", "i", org))
		return -1;
	gn_call_set_id(call, (int64_t)sqlite3_last_insert_rowid(gn_call_db(call)));
	return 0;
}

static const struct gn_field visit_fields[] = {
	{ .name = "org", .label = "组织", .type = GN_FIELD_ORG },
	{ NULL },
};

static const struct gn_action probe_actions[] = {
	{ .verb = "visit", .title = "走访", .roles = GN_ROLE_ADMIN, .fields = visit_fields, .table = "probe",
	  .scope_field = "org", .run = visit, .flags = GN_ACTION_CREATES },
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

static int visit_once(struct gn_ctx *ctx, const char *org, struct gn_err *err)
{
	struct gn_args args = { 0 };
	int rc;

	err_clear(err);
	args.why = "组织读取计数";
	args_set(&args, "org", org);
	rc = door_run(ctx, &probe, component_action(&probe, "visit"), &args, NULL, err);
	args_free(&args);
	return rc;
}

int main(void)
{
	char dir[] = "/tmp/gn-orgreads-XXXXXX", path[128];
	struct gn_ctx ctx = { 0 };
	struct gn_err err = { .status = GN_OK };
	struct registry *reg;
	int64_t county = 0;

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
	err_clear(&err);
	CHECK(store_migrate(ctx.db, "probe", probe_migrations, &err) == 0, "the probe's table");
	CHECK(org_resolve(ctx.db, "东海县", &county, &err) == 0, "a county the store is made with");
	sqlite3_trace_v2(ctx.db, SQLITE_TRACE_STMT, count_reads, NULL);

	watched = county;
	reads = 0;
	CHECK(visit_once(&ctx, "东海县", &err) == 0, "the visit goes through");
	if (err.status != GN_OK)
		fprintf(stderr, "visit: %s\n", err.msg);
	CHECK(reads == 1, "the county is read from the store once in the change, however often it is asked for");
	if (reads != 1)
		fprintf(stderr, "the county was read %d times\n", reads);

	/* A change that rolls back forgets what it read: the next reads again. */
	refuse_after = 1;
	reads = 0;
	CHECK(visit_once(&ctx, "东海县", &err) == -1, "the visit that looks and refuses is refused");
	CHECK(reads == 1, "a refused change reads the county once too");
	refuse_after = 0;
	reads = 0;
	CHECK(visit_once(&ctx, "东海县", &err) == 0, "the next visit goes through");
	CHECK(reads == 1, "after a rollback the county is read again, once");

	sqlite3_trace_v2(ctx.db, 0, NULL, NULL);
	session_close(&ctx);
	unit_remove_store(dir, path);
	UNIT_DONE();
}
