/* Migrations: applied once, in order, per component; a newer store refused. */
#include "config.h"
#include "unit.h"
#include "core/store.h"

#include <stdarg.h>
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

/* store_vbind for a statement already prepared, as gn_call_rebind uses it. */
static int rebind(sqlite3_stmt *st, struct gn_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = store_vbind(st, err, fmt, ap);
	va_end(ap);
	return rc;
}

/* The runner's type letters: a blob is stored as the bytes given, NUL
 * bytes included, and read back whole; NULL and empty are told apart. */
static void check_runner(sqlite3 *db)
{
	static const unsigned char blob[] = { 'a', 0, 'b', 0xff, 0 };
	const unsigned char local[] = { 1, 2, 3 };
	struct gn_err err;
	sqlite3_stmt *st = NULL;
	int64_t n = -1;

	CHECK(store_exec(db, "CREATE TABLE thing(id INTEGER PRIMARY KEY, k BLOB, x REAL, t TEXT)", &err) == 0,
	      "a table with a blob column");
	CHECK(store_run(db, "INSERT INTO thing(id, k, x, t) VALUES (?1, ?2, ?3, ?4)", &err, "ibdt", (int64_t)1, blob,
			sizeof blob, 2.5, (const char *)NULL) == 0,
	      "a blob holding NUL bytes is bound with its length");
	CHECK(store_prepare(db, "SELECT k, length(k), typeof(k), x, t IS NULL FROM thing WHERE k = ?1", &st, &err, "b",
			    blob, sizeof blob) == 0 && sqlite3_step(st) == SQLITE_ROW,
	      "the row is found by the same blob");
	if (st) {
		CHECK(sqlite3_column_bytes(st, 0) == (int)sizeof blob &&
			      memcmp(sqlite3_column_blob(st, 0), blob, sizeof blob) == 0,
		      "the blob reads back whole, past its NUL bytes");
		CHECK(sqlite3_column_int(st, 1) == (int)sizeof blob, "SQLite counts every byte");
		CHECK_STR((const char *)sqlite3_column_text(st, 2), "blob", "stored as a blob, not as text");
		CHECK(sqlite3_column_double(st, 3) == 2.5, "\"d\" binds a double");
		CHECK(sqlite3_column_int(st, 4) == 1, "\"t\" binds NULL for a NULL pointer");
		sqlite3_finalize(st);
	}
	CHECK(store_query_int(db, "SELECT count(*) FROM thing WHERE k = ?1", &n, &err, "b", blob, (size_t)2) == 1 && n == 0,
	      "a blob cut at its first NUL byte is another blob");
	CHECK(store_query_int(db, "SELECT ?1 IS NULL", &n, &err, "b", (const void *)NULL, (size_t)0) == 1 && n == 1,
	      "a NULL blob pointer binds NULL");
	CHECK(store_query_int(db, "SELECT typeof(?1) = 'blob' AND length(?1) = 0", &n, &err, "b", "", (size_t)0) == 1 &&
		      n == 1,
	      "a pointer with length 0 binds an empty blob");
	{
		/* Copied when bound: the buffer may go before the statement runs. */
		unsigned char gone[3];
		memcpy(gone, local, sizeof gone);
		CHECK(store_prepare(db, "SELECT hex(?1)", &st, &err, "b", gone, sizeof gone) == 0, "prepared");
		memset(gone, 0xee, sizeof gone);
		CHECK(st && sqlite3_step(st) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "010203") == 0,
		      "the blob was copied when bound");
		CHECK(st && rebind(st, &err, "b", blob, (size_t)1) == 0 && sqlite3_step(st) == SQLITE_ROW &&
			      strcmp((const char *)sqlite3_column_text(st, 0), "61") == 0,
		      "bound afresh, the statement runs again with the new value");
		sqlite3_finalize(st);
	}
	CHECK(store_run(db, "SELECT ?1, ?2", &err, "iq", (int64_t)1, 2) == -1 && strstr(err.msg, "参数 2") &&
		      strstr(err.msg, "q"),
	      "a letter the runner does not know is refused, naming the parameter");
	CHECK(store_run(db, "SELECT ?1", &err, "b", blob, (size_t)0x7fffffff + 1) == -1 && strstr(err.msg, "参数 1"),
	      "a blob past SQLite's length limit is refused, naming the parameter");
}

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
	check_runner(db);
	store_close(db);
	unit_remove_store(dir, path);
	UNIT_DONE();
}
