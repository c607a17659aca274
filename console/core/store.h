/*
 * store.h — the SQLite store: one file in WAL mode with foreign keys on and
 * a busy timeout, so that several operators and the command line can work
 * on it at once.  Writes take the lock up front (BEGIN IMMEDIATE): a writer
 * waits for another to finish instead of failing half-way.
 */
#ifndef GN_STORE_H
#define GN_STORE_H

#include <stdarg.h>
#include <sqlite3.h>
#include "err.h"
#include "strbuf.h"
#include "govnet/plugin.h"

/* How long a writer waits for another before it gives up, and after how
 * long of it the one waiting is told who it waits for. */
#define STORE_BUSY_TIMEOUT_MS 30000
#define STORE_WAIT_TELL_MS 3000

/* Whom to tell, once per wait, that a writer has waited
 * STORE_WAIT_TELL_MS for the lock and goes on waiting: text names the
 * store and the holder (store_lock_holder).  The command line prints it
 * on stderr; NULL (the console, whose screen is not stderr) tells no one. */
void store_on_long_wait(void (*tell)(const char *text));
/* Wait for the lock up to STORE_BUSY_TIMEOUT_MS (on), or not at all. */
void store_busy_wait(sqlite3 *db, int on);

enum store_mode {
	STORE_OPEN_EXISTING, /* the file must be there */
	STORE_CREATE,        /* make it when missing (govnet init) */
};

/* Open the database at path.  *read_only is set when the file's mode
 * forbids writing; such a store is opened read-only and every change is
 * refused.  The message names the path and what is wrong with it. */
int store_open(const char *path, enum store_mode mode, sqlite3 **db, int *read_only,
	       struct gn_err *err);
void store_close(sqlite3 *db);

/* The console's idle checkpoint: a WAL of 42–200 MB was seen beside a
 * 4–17 MB store while a console was open.  A PASSIVE checkpoint copies
 * the WAL into the store without waiting on readers or writers; when it
 * copied everything, the WAL is emptied if nobody is using it at that
 * moment, again without waiting.  Returns the frames left for next time,
 * or -1 when the checkpoint could not run. */
int store_idle_checkpoint(sqlite3 *db);
int store_begin(sqlite3 *db, struct gn_err *err);  /* BEGIN IMMEDIATE */
int store_commit(sqlite3 *db, struct gn_err *err);
void store_rollback(sqlite3 *db);
int store_exec(sqlite3 *db, const char *sql, struct gn_err *err);
/* Run one statement with parameters bound in order as fmt says: "t" text
 * (NULL binds NULL), "z" text or NULL when empty, "i" int64_t, "n" int,
 * "d" double, "b" a blob as two arguments, const void * and size_t (NULL
 * binds NULL; copied, so the buffer need only live through the call).
 * A letter not among these, or a value SQLite will not take (a blob over
 * its length limit), fails with the parameter's number in err. */
int store_run(sqlite3 *db, const char *sql, struct gn_err *err, const char *fmt, ...);
int store_vrun(sqlite3 *db, const char *sql, struct gn_err *err, const char *fmt, va_list ap);
/* Prepare sql with parameters bound as store_run does: 0 with *st ready to
 * step (sqlite3_finalize it), or -1 with SQLite's message in err. */
int store_vprepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct gn_err *err, const char *fmt,
		   va_list ap);
int store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct gn_err *err, const char *fmt, ...);
/* The same with the connection's kept statement for sql (store_cached):
 * for statements run on every change; give it back with store_release,
 * never sqlite3_finalize.  store_run and store_query_int use it too. */
int store_query(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct gn_err *err, const char *fmt, ...);
int store_vquery(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct gn_err *err, const char *fmt, va_list ap);
/* Bind st's parameters afresh as store_run does (the statement reset and
 * its old values cleared first): 0, or -1 with the reason in err. */
int store_vbind(sqlite3_stmt *st, struct gn_err *err, const char *fmt, va_list ap);
/* The first column of the first row sql answers, as an integer: 1 with
 * *out set, 0 when there is no row or it is NULL (*out untouched), -1
 * with SQLite's message in err. */
int store_query_int(sqlite3 *db, const char *sql, int64_t *out, struct gn_err *err, const char *fmt, ...);
int store_vquery_int(sqlite3 *db, const char *sql, int64_t *out, struct gn_err *err, const char *fmt, va_list ap);
/* Column i of the current row as text into dst (bounded; "" for NULL). */
void store_column_text(char *dst, size_t size, sqlite3_stmt *st, int i);
/* A prepared statement kept for the connection's life (store_cache.c),
 * known by sql's address and checked against its text, so that SQL built
 * at run time is only prepared again, never mistaken.  Returns SQLite's
 * code; the caller binds, steps and gives it back with store_release
 * (never sqlite3_finalize). */
int store_cached(sqlite3 *db, const char *sql, sqlite3_stmt **st);
void store_release(sqlite3 *db, sqlite3_stmt *st);
/* The cache's part in store_open, store_commit, store_migrate and
 * store_close: detach finalizes the connection's statements and says
 * what it committed (STORE_WROTE, STORE_MIGRATED below). */
void store_cache_attach(sqlite3 *db);
void store_cache_wrote(sqlite3 *db);
/* A migration changed the schema on this connection: its new tables and
 * indexes have no statistics yet, whatever the connection queried. */
void store_cache_migrated(sqlite3 *db);
#define STORE_WROTE 1
#define STORE_MIGRATED 2
int store_cache_detach(sqlite3 *db); /* STORE_WROTE | STORE_MIGRATED, or 0 */
/* Who holds the store's write lock, for a writer that waited in vain:
 * "进程 N（登录 L，命令 C）", or "他人" and that it cannot be known
 * (store_lock.c). */
void store_lock_holder(sqlite3 *db, struct strbuf *out);
/* Copies of rows kept for a command (org_get) are good while nothing was
 * rolled back: store_rollback and the savepoints rolled back to tell the
 * cache, and the epoch changes. */
void store_cache_rolled_back(sqlite3 *db);
unsigned store_cache_epoch(sqlite3 *db);
/* Rows of the organisations' table this connection wrote (an update hook
 * counts them), so that org_get's copies outlive the command's other
 * writes; -1 for a connection store_open did not make. */
sqlite3_int64 store_cache_org_writes(sqlite3 *db);
/* Fill err with SQLite's message for db, with context; a store locked
 * past the busy timeout is named with the lock's holder. */
int store_error(sqlite3 *db, const char *what, struct gn_err *err);

/* Apply the migrations of one component ("core", "access" …) that the
 * store has not seen, each in its own transaction.  A store newer than the
 * component (a version it does not know) is refused. */
int store_migrate(sqlite3 *db, const char *component, const struct gn_migration *m,
		  struct gn_err *err);
/* The schema version of a component in this store (0: never migrated). */
int store_schema_version(sqlite3 *db, const char *component);

/* Integrity and foreign-key checks; problems are appended to report.
 * Returns the number of problems, or -1 when the check could not run. */
int store_check(sqlite3 *db, struct strbuf *report, struct gn_err *err);
/* Copy the whole store to path with SQLite's online backup API. */
int store_backup(sqlite3 *db, const char *path, struct gn_err *err);

/* The core's own schema (schema.c), and each core module's. */
extern const struct gn_migration core_migrations[];
struct core_schema {
	const char *component;
	const struct gn_migration *migrations;
};
extern const struct core_schema core_schemas[]; /* terminated by { NULL } */

#endif
