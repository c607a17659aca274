#include "config.h"
#include "store.h"
#include "collate.h"
#include "boundary.h"
#include "org.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#include "govnet/banned.h"

/* WAL, so that readers never wait for a writer.  synchronous = FULL syncs
 * the WAL at every commit: with NORMAL a commit already reported to the
 * user could be lost with the power (only a process crash was safe).
 * journal_size_limit truncates the WAL after each checkpoint that resets
 * it, so that a console left open does not keep a WAL many times the
 * store's size. */
#define STORE_PRAGMAS \
	"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 4194304"

/* ---- waiting for another writer ------------------------------------- */

static void (*long_wait_tell)(const char *text);
static struct timespec wait_started;
static int wait_told;

void store_on_long_wait(void (*tell)(const char *text))
{
	long_wait_tell = tell;
}

static long long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)(now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

/* SQLite's busy handler: sleep a little longer each time, up to the
 * timeout; past STORE_WAIT_TELL_MS say once whom the writer waits for. */
static int busy_wait(void *data, int count)
{
	sqlite3 *db = data;
	long long waited;

	if (count == 0) {
		clock_gettime(CLOCK_MONOTONIC, &wait_started);
		wait_told = 0;
	}
	waited = ms_since(&wait_started);
	if (waited >= STORE_BUSY_TIMEOUT_MS)
		return 0;
	if (!wait_told && waited >= STORE_WAIT_TELL_MS && long_wait_tell) {
		struct strbuf holder = STRBUF_INIT, text = STRBUF_INIT;
		const char *path = sqlite3_db_filename(db, "main");
		store_lock_holder(db, &holder);
		sb_addf(&text, "数据库 %s 正被%s锁定，已等待 %lld 秒，继续等待（最多 %d 秒）……", path && *path ? path : "",
			sb_str(&holder), waited / 1000, STORE_BUSY_TIMEOUT_MS / 1000);
		long_wait_tell(sb_str(&text));
		sb_free(&holder);
		sb_free(&text);
		wait_told = 1;
	}
	sqlite3_sleep(count < 10 ? 5 * (count + 1) : 100);
	return 1;
}

void store_busy_wait(sqlite3 *db, int on)
{
	sqlite3_busy_handler(db, on ? busy_wait : NULL, db);
}

int store_error(sqlite3 *db, const char *what, struct gn_err *err)
{
	int code = sqlite3_extended_errcode(db);

	if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
		return err_set(err, GN_REFUSED, "%s：数据库文件已损坏或不是 govnet 数据库（%s）",
			       what, sqlite3_errmsg(db));
	if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
		struct strbuf holder = STRBUF_INIT;
		const char *path = sqlite3_db_filename(db, "main");
		store_lock_holder(db, &holder);
		err_set(err, GN_REFUSED, "%s：数据库 %s 正被%s锁定，%d 秒后仍未释放；未作任何更改（%s）", what,
			path && *path ? path : "", sb_str(&holder), STORE_BUSY_TIMEOUT_MS / 1000, sqlite3_errmsg(db));
		sb_free(&holder);
		return -1;
	}
	if ((code & 0xff) == SQLITE_READONLY)
		return err_set(err, GN_REFUSED, "%s：数据库只读，未作任何更改（%s）", what, sqlite3_errmsg(db));
	if ((code & 0xff) == SQLITE_FULL)
		return err_set(err, GN_REFUSED, "%s：磁盘已满，未作任何更改；请腾出空间后重试（%s）", what, sqlite3_errmsg(db));
	if ((code & 0xff) == SQLITE_IOERR)
		return err_set(err, GN_REFUSED, "%s：读写数据库文件出错，未作任何更改；请检查磁盘后重试（%s）", what,
			       sqlite3_errmsg(db));
	return err_set(err, GN_REFUSED, "%s：%s", what, sqlite3_errmsg(db));
}

int store_exec(sqlite3 *db, const char *sql, struct gn_err *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_error(db, "数据库", err);
	return 0;
}

void store_column_text(char *dst, size_t size, sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);

	snprintf(dst, size, "%s", v ? (const char *)v : "");
}

int store_vbind(sqlite3_stmt *st, struct gn_err *err, const char *fmt, va_list ap)
{
	int i = 1, rc = SQLITE_OK;

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (const char *f = fmt; *f && rc == SQLITE_OK; f++, i++) {
		if (*f == 't') {
			rc = sqlite3_bind_text(st, i, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
		} else if (*f == 'z') {
			const char *v = va_arg(ap, const char *);
			rc = v && *v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
		} else if (*f == 'i') {
			rc = sqlite3_bind_int64(st, i, va_arg(ap, int64_t));
		} else if (*f == 'n') {
			rc = sqlite3_bind_int(st, i, va_arg(ap, int));
		} else if (*f == 'd') {
			rc = sqlite3_bind_double(st, i, va_arg(ap, double));
		} else if (*f == 'b') {
			/* The blob is copied (SQLITE_TRANSIENT): the caller's
			 * buffer need only live through this call.  A NULL
			 * pointer binds NULL, as sqlite3_bind_blob64 does. */
			const void *v = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);
			rc = sqlite3_bind_blob64(st, i, v, n, SQLITE_TRANSIENT);
		} else {
			return err_set(err, GN_REFUSED, "数据库：参数 %d 的类型“%c”不是 t、z、i、n、d 或 b", i,
				       *f >= 0x20 && *f < 0x7f ? *f : '?');
		}
		/* A statement need not use every value: one list of values
		 * may serve two statements (an UPDATE or an INSERT). */
		if (rc == SQLITE_RANGE)
			rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK)
		return err_set(err, GN_REFUSED, "数据库：参数 %d 无法绑定（%s）", i - 1, sqlite3_errstr(rc));
	return 0;
}

int store_vprepare(sqlite3 *db, const char *sql, sqlite3_stmt **stp, struct gn_err *err, const char *fmt,
		   va_list ap)
{
	sqlite3_stmt *st;

	*stp = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_error(db, "数据库", err);
	if (store_vbind(st, err, fmt, ap)) {
		sqlite3_finalize(st);
		return -1;
	}
	*stp = st;
	return 0;
}

/* The kept statement for sql (store_cached), parameters bound. */
int store_vquery(sqlite3 *db, const char *sql, sqlite3_stmt **stp, struct gn_err *err, const char *fmt,
		  va_list ap)
{
	if (store_cached(db, sql, stp) != SQLITE_OK) {
		*stp = NULL;
		return store_error(db, "数据库", err);
	}
	if (store_vbind(*stp, err, fmt, ap)) {
		store_release(db, *stp);
		*stp = NULL;
		return -1;
	}
	return 0;
}

int store_query(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct gn_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = store_vquery(db, sql, st, err, fmt, ap);
	va_end(ap);
	return rc;
}

int store_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, struct gn_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = store_vprepare(db, sql, st, err, fmt, ap);
	va_end(ap);
	return rc;
}

int store_vquery_int(sqlite3 *db, const char *sql, int64_t *out, struct gn_err *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *st;
	int rc;

	if (store_vquery(db, sql, &st, err, fmt, ap))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*out = sqlite3_column_int64(st, 0);
		rc = 1;
	} else {
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_error(db, "数据库", err);
	}
	store_release(db, st);
	return rc;
}

int store_query_int(sqlite3 *db, const char *sql, int64_t *out, struct gn_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = store_vquery_int(db, sql, out, err, fmt, ap);
	va_end(ap);
	return rc;
}

int store_vrun(sqlite3 *db, const char *sql, struct gn_err *err, const char *fmt, va_list ap)
{
	sqlite3_stmt *st;
	int rc;

	if (store_vquery(db, sql, &st, err, fmt, ap))
		return -1;
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE ? 0 : store_error(db, "数据库", err);
	store_release(db, st);
	return rc;
}

int store_run(sqlite3 *db, const char *sql, struct gn_err *err, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = store_vrun(db, sql, err, fmt, ap);
	va_end(ap);
	return rc;
}

static int check_path(const char *path, enum store_mode mode, int *read_only, struct gn_err *err)
{
	struct stat st;
	char *copy = xstrdup(path);
	char *dir = dirname(copy);
	int rc = 0;

	*read_only = 0;
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode))
			rc = err_set(err, GN_REFUSED, "数据库 %s 不是普通文件", path);
		/* Root may write anything; the file's mode is the owner's intent.
		 * The effective ids decide: set-group-ID, the real ones do not. */
		else if (!(st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) ||
			 faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0)
			*read_only = 1;
	} else if (errno != ENOENT) {
		rc = err_set(err, GN_REFUSED, "无法访问数据库 %s：%s", path, strerror(errno));
	} else if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		rc = err_set(err, GN_REFUSED, "无法打开数据库 %s：目录 %s 不存在", path, dir);
	} else if (mode == STORE_OPEN_EXISTING) {
		rc = err_set(err, GN_REFUSED, "数据库 %s 不存在", path);
		err_set_next(err, "init", "", 0);
	} else {
		/* A new store is never readable by others: 0600, or 0660 in a
		 * directory shared by its group (set-group-ID, as installed).
		 * SQLite gives its WAL and shared memory the same mode. */
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			      (st.st_mode & S_ISGID) ? 0660 : 0600);
		if (fd < 0)
			rc = err_set(err, GN_REFUSED, "无法创建数据库 %s：%s", path, strerror(errno));
		else if (fchmod(fd, (st.st_mode & S_ISGID) ? 0660 : 0600) != 0 || close(fd) != 0)
			rc = err_set(err, GN_REFUSED, "无法创建数据库 %s：%s", path, strerror(errno));
	}
	free(copy);
	return rc;
}

int store_open(const char *path, enum store_mode mode, sqlite3 **out, int *read_only,
	       struct gn_err *err)
{
	sqlite3 *db = NULL;
	int flags;

	*out = NULL;
	boundary_enter_store();
	if (check_path(path, mode, read_only, err)) {
		boundary_leave_store();
		return -1;
	}
	flags = *read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (mode == STORE_CREATE && !*read_only)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		err_set(err, GN_REFUSED, "无法打开数据库 %s：%s", path,
			db ? sqlite3_errmsg(db) : "内存不足");
		sqlite3_close(db);
		boundary_leave_store();
		return -1;
	}
	store_busy_wait(db, 1);
	sqlite3_extended_result_codes(db, 1);
	/* Chinese in pinyin order for the queries that name it (collate.h). */
	if (collate_register(db, err)) {
		sqlite3_close(db);
		boundary_leave_store();
		return -1;
	}
	/* Reading the schema is the first touch of the file: a corrupt or
	 * foreign file shows here, before anything is written. */
	if (sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
	    (!*read_only && sqlite3_exec(db, STORE_PRAGMAS, NULL, NULL, NULL) != SQLITE_OK)) {
		store_error(db, path, err);
		sqlite3_close(db);
		boundary_leave_store();
		return -1;
	}
	/* The WAL and shared memory are open now and stay open: the group
	 * is needed again only to close (the last one out removes the WAL). */
	boundary_leave_store();
	store_cache_attach(db);
	*out = db;
	return 0;
}

/* PRAGMA optimize analyses every table whose statistics the connection's
 * queries consulted and found missing, and an empty table never gets any:
 * each one-process write analysed the same dozen empty tables again and
 * reloaded every index's statistics after each, 8.5M instructions, a
 * quarter of `org add` (doc/bench.md).  Statistics follow a store that
 * grows by a factor, not each row: optimize runs after a migration and on
 * one write in STORE_OPTIMIZE_EVERY, counted by the audit row that every
 * write inserts last. */
#define STORE_OPTIMIZE_EVERY 64

void store_close(sqlite3 *db)
{
	boundary_enter_store();
	/* What SQLite recommends on closing a connection that wrote: gather
	 * the statistics the planner lacks, cheaply, only where it would
	 * have used them.  After migrations every table and index is looked
	 * at (the new ones were never queried), each from a bounded sample
	 * (analysis_limit), so a store of millions is done in milliseconds. */
	int did = store_cache_detach(db);
	if (did & STORE_MIGRATED)
		sqlite3_exec(db, "PRAGMA analysis_limit = 1000; ANALYZE", NULL, NULL, NULL);
	else if ((did & STORE_WROTE) && sqlite3_last_insert_rowid(db) % STORE_OPTIMIZE_EVERY == 0)
		sqlite3_exec(db, "PRAGMA analysis_limit = 1000; PRAGMA optimize", NULL, NULL, NULL);
	sqlite3_close(db);
	boundary_leave_store();
}

int store_idle_checkpoint(sqlite3 *db)
{
	int frames = 0, copied = 0, rc;

	if (sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_PASSIVE, &frames, &copied) != SQLITE_OK)
		return -1;
	if (frames <= 0 || copied < frames)
		return frames > 0 ? frames - copied : 0;
	/* Everything is in the store: empty the WAL if nobody is in it now,
	 * giving up at once otherwise (no busy wait). */
	store_busy_wait(db, 0);
	rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &frames, &copied);
	store_busy_wait(db, 1);
	return rc == SQLITE_OK ? 0 : frames > copied ? frames - copied : 0;
}

/* One cached statement stepped once: the door's BEGIN and COMMIT are
 * prepared once per connection, not once per change. */
static int step_cached(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int rc = store_cached(db, sql, &st);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		store_release(db, st);
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_begin(sqlite3 *db, struct gn_err *err)
{
	if (step_cached(db, "BEGIN IMMEDIATE") != SQLITE_OK)
		return store_error(db, "开始事务", err);
	return 0;
}

int store_commit(sqlite3 *db, struct gn_err *err)
{
	if (step_cached(db, "COMMIT") != SQLITE_OK) {
		store_error(db, "提交事务", err);
		store_rollback(db);
		return -1;
	}
	store_cache_wrote(db);
	return 0;
}

void store_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	store_cache_rolled_back(db);
}

int store_schema_version(sqlite3 *db, const char *component)
{
	sqlite3_stmt *st;
	int v = 0;

	if (store_cached(db, "SELECT version FROM schema_version WHERE component = ?1", &st) != SQLITE_OK)
		return 0; /* a new store has no table yet */
	sqlite3_bind_text(st, 1, component, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	store_release(db, st);
	return v;
}

static int record_version(sqlite3 *db, const char *component, int version, struct gn_err *err)
{
	return store_run(db,
			 "INSERT INTO schema_version(component, version) VALUES (?1, ?2) "
			 "ON CONFLICT(component) DO UPDATE SET version = excluded.version",
			 err, "tn", component, version) ? store_error(db, "记录结构版本", err) : 0;
}

int store_migrate(sqlite3 *db, const char *component, const struct gn_migration *m,
		  struct gn_err *err)
{
	int have = store_schema_version(db, component), latest = 0;

	for (const struct gn_migration *p = m; p && p->version; p++)
		latest = p->version;
	if (have > latest)
		return err_set(err, GN_REFUSED,
			       "数据库中 %s 的结构版本为 %d，而本程序只认识到 %d：请使用更新的 govnet",
			       component, have, latest);
	if (have == latest)
		return 0;
	for (; m && m->version; m++) {
		if (m->version <= have)
			continue;
		if (store_begin(db, err))
			return -1;
		/* Another process may have migrated while we waited for the lock. */
		if (store_schema_version(db, component) >= m->version) {
			store_rollback(db);
			continue;
		}
		if (store_exec(db, m->sql, err) || record_version(db, component, m->version, err)) {
			store_rollback(db);
			err_prefix(err, "%s 结构迁移到版本 %d 失败：", component, m->version);
			return -1;
		}
		if (store_commit(db, err))
			return -1;
		store_cache_migrated(db);
	}
	return 0;
}

static int collect_rows(sqlite3 *db, const char *sql, struct strbuf *report, struct gn_err *err)
{
	sqlite3_stmt *st;
	int problems = 0, rc;

	if (store_prepare(db, sql, &st, err, ""))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int n = sqlite3_column_count(st);
		if (n == 1 && strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0)
			continue;
		for (int i = 0; i < n; i++) {
			const unsigned char *v = sqlite3_column_text(st, i);
			sb_addf(report, "%s%s", i ? " " : "", v ? (const char *)v : "NULL");
		}
		sb_addch(report, '\n');
		problems++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_error(db, "检查数据库", err);
	return problems;
}

int store_check(sqlite3 *db, struct strbuf *report, struct gn_err *err)
{
	int a, b;

	a = collect_rows(db, "PRAGMA integrity_check", report, err);
	if (a < 0)
		return -1;
	b = collect_rows(db, "PRAGMA foreign_key_check", report, err);
	if (b < 0)
		return -1;
	return a + b;
}

int store_backup(sqlite3 *db, const char *path, struct gn_err *err)
{
	sqlite3 *dest;
	sqlite3_backup *bk;
	int rc, fd;

	/* Created here, with the user's rights (boundary.h), never over an
	 * existing file or through a link, and readable by its owner alone:
	 * a backup holds what the store holds. */
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return err_set(err, GN_REFUSED, "备份文件 %s 已存在；不会覆盖", path);
	if (fd < 0)
		return err_set(err, GN_REFUSED, "无法创建备份 %s：%s", path, strerror(errno));
	if (fchmod(fd, 0600) != 0 || close(fd) != 0) {
		err_set(err, GN_REFUSED, "无法创建备份 %s：%s", path, strerror(errno));
		unlink(path);
		return -1;
	}
	if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err_set(err, GN_REFUSED, "无法创建备份 %s：%s", path, sqlite3_errmsg(dest));
		sqlite3_close(dest);
		unlink(path);
		return -1;
	}
	bk = sqlite3_backup_init(dest, "main", db, "main");
	if (!bk) {
		err_set(err, GN_REFUSED, "无法备份到 %s：%s", path, sqlite3_errmsg(dest));
		sqlite3_close(dest);
		unlink(path);
		return -1;
	}
	/* Copy in steps so that writers are held up only briefly. */
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(bk);
	if (rc != SQLITE_DONE) {
		err_set(err, GN_REFUSED, "备份到 %s 失败：%s", path, sqlite3_errstr(rc));
		sqlite3_close(dest);
		unlink(path);
		return -1;
	}
	sqlite3_close(dest);
	return 0;
}
