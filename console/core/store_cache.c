/*
 * store_cache.c — prepared statements kept for the life of a connection.
 *
 * Parsing and planning a statement costs more than running it on an
 * indexed row: an organisation read was ~280k instructions, most of it
 * sqlite3_prepare, and a write reads several.  The hot paths therefore ask
 * for their statement here, and it is prepared once per connection
 * (SQLITE_PREPARE_PERSISTENT: SQLite keeps it out of its lookaside memory)
 * and reset between uses.  A statement is known by its SQL's address, so
 * only string literals are cached, never SQL built at run time.
 *
 * Only connections opened by store_open are cached on; store_close
 * finalizes theirs before closing.  A statement asked for while a caller
 * still holds it (a recursive use) is prepared afresh and finalized on
 * release, so two callers never share one.
 */
#include "config.h"
#include "store.h"

#include <string.h>
#include "govnet/banned.h"

#define CACHE_CONNECTIONS 4
#define CACHE_STATEMENTS 48

struct cached {
	const char *sql;
	sqlite3_stmt *st;
	int held;
};

static struct connection {
	sqlite3 *db;
	int wrote; /* STORE_WROTE_ROWS, STORE_WROTE_SCHEMA: PRAGMA optimize on close */
	unsigned epoch; /* new with each connection and each rollback (store_cache_epoch) */
	struct cached stmts[CACHE_STATEMENTS];
} connections[CACHE_CONNECTIONS];

/* Never the same twice in a process: a copy made on a connection since
 * closed never matches one opened later at the same address. */
static unsigned epochs;

static struct connection *connection_of(sqlite3 *db)
{
	for (int i = 0; db && i < CACHE_CONNECTIONS; i++)
		if (connections[i].db == db)
			return &connections[i];
	return NULL;
}

void store_cache_attach(sqlite3 *db)
{
	for (int i = 0; i < CACHE_CONNECTIONS; i++)
		if (!connections[i].db) {
			memset(&connections[i], 0, sizeof connections[i]);
			connections[i].db = db;
			connections[i].epoch = ++epochs;
			return;
		}
}

int store_cache_detach(sqlite3 *db)
{
	struct connection *c = connection_of(db);
	int wrote;

	if (!c)
		return 0;
	for (int i = 0; i < CACHE_STATEMENTS; i++)
		sqlite3_finalize(c->stmts[i].st);
	wrote = c->wrote;
	memset(c, 0, sizeof *c);
	return wrote;
}

void store_cache_rolled_back(sqlite3 *db)
{
	struct connection *c = connection_of(db);

	if (c)
		c->epoch = ++epochs;
}

unsigned store_cache_epoch(sqlite3 *db)
{
	struct connection *c = connection_of(db);

	return c ? c->epoch : 0;
}

void store_cache_wrote(sqlite3 *db)
{
	struct connection *c = connection_of(db);

	if (c)
		c->wrote |= STORE_WROTE_ROWS;
}

void store_cache_migrated(sqlite3 *db)
{
	struct connection *c = connection_of(db);

	if (c)
		c->wrote |= STORE_WROTE_SCHEMA;
}

int store_cached(sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
	struct connection *c = connection_of(db);
	struct cached *free_slot = NULL;

	*st = NULL;
	for (int i = 0; c && i < CACHE_STATEMENTS; i++) {
		struct cached *k = &c->stmts[i];
		if (k->sql == sql && !k->held) {
			k->held = 1;
			*st = k->st;
			return SQLITE_OK;
		}
		if (!k->sql && !free_slot)
			free_slot = k;
	}
	/* Not cached (or held by a caller up the stack): prepare it. */
	for (int i = 0; free_slot && i < CACHE_STATEMENTS; i++)
		if (c->stmts[i].sql == sql)
			free_slot = NULL; /* held: this use gets its own */
	int rc = sqlite3_prepare_v3(db, sql, -1, free_slot ? SQLITE_PREPARE_PERSISTENT : 0, st, NULL);
	if (rc == SQLITE_OK && free_slot)
		*free_slot = (struct cached){ .sql = sql, .st = *st, .held = 1 };
	return rc;
}

void store_release(sqlite3 *db, sqlite3_stmt *st)
{
	struct connection *c = connection_of(db);

	if (!st)
		return;
	for (int i = 0; c && i < CACHE_STATEMENTS; i++)
		if (c->stmts[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			c->stmts[i].held = 0;
			return;
		}
	sqlite3_finalize(st);
}
