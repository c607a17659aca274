/* Migrations: applied once, in order, per component; a newer store refused. */
#include "config.h"
#include "unit.h"
#include "core/store.h"

#include <stdlib.h>
#include <unistd.h>
#include "govnet/banned.h"

static const struct gn_migration v2[] = {
	{ 1, "CREATE TABLE widget(id INTEGER PRIMARY KEY, name TEXT)" },
	{ 2, "ALTER TABLE widget ADD COLUMN colour TEXT" },
	{ 0, NULL },
};
static const struct gn_migration v1[] = {
	{ 1, "CREATE TABLE widget(id INTEGER PRIMARY KEY, name TEXT)" },
	{ 0, NULL },
};

int main(void)
{
	char dir[] = "/tmp/gn-store-XXXXXX", path[64], mode[64] = "";
	sqlite3 *db;
	struct gn_err err;
	int ro;

	CHECK(mkdtemp(dir) != NULL, "a temporary directory");
	snprintf(path, sizeof path, "%s/t.db", dir);
	CHECK(store_open(path, STORE_OPEN_EXISTING, &db, &ro, &err) == -1 && strstr(err.msg, "不存在"),
	      "opening a missing store says so");
	CHECK(store_open(path, STORE_CREATE, &db, &ro, &err) == 0, "a new store is created");
	sqlite3_stmt *st;
	sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(mode, sizeof mode, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	CHECK_STR(mode, "wal", "the store runs in WAL mode");
	CHECK(store_migrate(db, "core", core_migrations, &err) == 0, "core schema");
	CHECK(store_migrate(db, "widget", v1, &err) == 0 && store_schema_version(db, "widget") == 1,
	      "a component's first migration");
	CHECK(store_migrate(db, "widget", v2, &err) == 0 && store_schema_version(db, "widget") == 2,
	      "a later migration applies only what is new");
	CHECK(store_migrate(db, "widget", v2, &err) == 0, "running migrations again changes nothing");
	CHECK(store_migrate(db, "widget", v1, &err) == -1 && strstr(err.msg, "版本为 2"),
	      "an older program refuses a newer store");
	CHECK(store_schema_version(db, "core") == 2, "components keep their own versions");

	/* Kept statements: the same literal is the same statement, reset
	 * between uses; a use while it is held gets its own. */
	static const char q[] = "SELECT count(*) FROM widget";
	sqlite3_stmt *a, *b, *c;
	CHECK(store_cached(db, q, &a) == SQLITE_OK && sqlite3_step(a) == SQLITE_ROW, "a kept statement runs");
	CHECK(store_cached(db, q, &b) == SQLITE_OK && b != a, "while it is held, a second use gets its own");
	store_release(db, b);
	store_release(db, a);
	CHECK(store_cached(db, q, &c) == SQLITE_OK && c == a && !sqlite3_stmt_busy(c),
	      "given back, it is used again, reset");
	store_release(db, c);
	store_close(db);
	unit_remove_store(dir, path);
	UNIT_DONE();
}
