/*
 * Faults in the style of SQLite's own tests: a VFS that passes every call
 * to the real one, but fails the k-th read, write, sync or truncate with an
 * I/O error or a full disk.  One change through the door (an organisation
 * added, with its audit entry and a notification queued) is run with the
 * fault at every k in turn until it goes through: each failed run leaves
 * the store exactly as before — the same rows, the same audit head, the
 * chain intact — and a message that says what happened in Chinese.
 */
#include "config.h"
#include "unit.h"
#include "core/audit.h"
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

/* ---- the faulty VFS ------------------------------------------------------- */

static sqlite3_vfs *real;
static long countdown = -1; /* calls left before the fault; -1: disarmed */
static int fault_code = SQLITE_IOERR_WRITE;
static long faults_injected;

struct faulty_file {
	sqlite3_file base;
	sqlite3_file *real; /* allocated after this struct */
};

static int fault_now(void)
{
	if (countdown < 0)
		return 0;
	if (countdown-- > 0)
		return 0;
	faults_injected++;
	return 1;
}

#define REAL(f) (((struct faulty_file *)(f))->real)

static int f_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
	return fault_now() ? SQLITE_IOERR_READ : REAL(f)->pMethods->xRead(REAL(f), b, n, o);
}
static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
	return fault_now() ? fault_code : REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return fault_now() ? SQLITE_IOERR_TRUNCATE : REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
	return fault_now() ? SQLITE_IOERR_FSYNC : REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size) { return REAL(f)->pMethods->xFileSize(REAL(f), size); }
static int f_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int f_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int f_check(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
static int f_control(sqlite3_file *f, int op, void *arg) { return REAL(f)->pMethods->xFileControl(REAL(f), op, arg); }
static int f_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int f_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int f_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, p);
}
static int f_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void f_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int f_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }

static const sqlite3_io_methods faulty_methods = {
	.iVersion = 2, .xClose = f_close, .xRead = f_read, .xWrite = f_write, .xTruncate = f_truncate,
	.xSync = f_sync, .xFileSize = f_size, .xLock = f_lock, .xUnlock = f_unlock,
	.xCheckReservedLock = f_check, .xFileControl = f_control, .xSectorSize = f_sector,
	.xDeviceCharacteristics = f_device, .xShmMap = f_shm_map, .xShmLock = f_shm_lock,
	.xShmBarrier = f_shm_barrier, .xShmUnmap = f_shm_unmap,
};

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out)
{
	struct faulty_file *ff = (struct faulty_file *)file;
	int rc;

	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	rc = real->xOpen(real, name, ff->real, flags, out);
	file->pMethods = rc == SQLITE_OK && ff->real->pMethods ? &faulty_methods : NULL;
	return rc;
}
static int v_delete(sqlite3_vfs *v, const char *n, int s) { (void)v; return real->xDelete(real, n, s); }
static int v_access(sqlite3_vfs *v, const char *n, int f, int *o) { (void)v; return real->xAccess(real, n, f, o); }
static int v_full(sqlite3_vfs *v, const char *n, int sz, char *o) { (void)v; return real->xFullPathname(real, n, sz, o); }
static void *v_dlopen(sqlite3_vfs *v, const char *n) { (void)v; return real->xDlOpen(real, n); }
static void v_dlerror(sqlite3_vfs *v, int n, char *m) { (void)v; real->xDlError(real, n, m); }
static void (*v_dlsym(sqlite3_vfs *v, void *h, const char *s))(void) { (void)v; return real->xDlSym(real, h, s); }
static void v_dlclose(sqlite3_vfs *v, void *h) { (void)v; real->xDlClose(real, h); }
static int v_random(sqlite3_vfs *v, int n, char *o) { (void)v; return real->xRandomness(real, n, o); }
static int v_sleep(sqlite3_vfs *v, int us) { (void)v; return real->xSleep(real, us); }
static int v_time(sqlite3_vfs *v, double *t) { (void)v; return real->xCurrentTime(real, t); }
static int v_lasterr(sqlite3_vfs *v, int n, char *b) { (void)v; return real->xGetLastError(real, n, b); }
static int v_time64(sqlite3_vfs *v, sqlite3_int64 *t) { (void)v; return real->xCurrentTimeInt64(real, t); }

static sqlite3_vfs faulty_vfs = {
	.iVersion = 2, .zName = "faulty", .xOpen = v_open, .xDelete = v_delete, .xAccess = v_access,
	.xFullPathname = v_full, .xDlOpen = v_dlopen, .xDlError = v_dlerror, .xDlSym = v_dlsym,
	.xDlClose = v_dlclose, .xRandomness = v_random, .xSleep = v_sleep, .xCurrentTime = v_time,
	.xGetLastError = v_lasterr, .xCurrentTimeInt64 = v_time64,
};

/* ---- the store, before and after ----------------------------------------- */

/* What a failed change must leave as it was. */
static void snapshot(sqlite3 *db, char *out, size_t size)
{
	sqlite3_stmt *st;

	out[0] = '\0';
	if (sqlite3_prepare_v2(db,
			       "SELECT (SELECT count(*) FROM org) || '/' || (SELECT count(*) FROM audit) || '/' ||"
			       " (SELECT coalesce(max(hash), '') FROM audit WHERE id = (SELECT max(id) FROM audit)) || '/' ||"
			       " (SELECT count(*) FROM outbox)",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static int run(struct gn_ctx *ctx, const char *component, const char *verb, const char *const *kv,
	       struct gn_err *err)
{
	const struct gn_plugin *c = registry_find(ctx->reg, component);
	struct gn_args args = { 0 };
	int rc;

	for (; kv[0]; kv += 2)
		args_set(&args, kv[0], kv[1]);
	args.why = "故障注入测试";
	rc = door_run(ctx, c, component_action(c, verb), &args, NULL, err);
	args_free(&args);
	return rc;
}

int main(void)
{
	char dir[] = "/tmp/gn-faults-XXXXXX", path[128], before[256], after[256];
	struct gn_ctx ctx = { 0 };
	struct gn_err err = { .status = GN_OK };
	int64_t checked, bad;
	long k;

	real = sqlite3_vfs_find(NULL);
	faulty_vfs.szOsFile = (int)sizeof(struct faulty_file) + real->szOsFile;
	faulty_vfs.mxPathname = real->mxPathname;
	CHECK(sqlite3_vfs_register(&faulty_vfs, 1) == SQLITE_OK, "the faulty VFS is the default");

	setenv("GOVNET_PLUGIN_DIR", "/nonexistent", 1);
	setenv("GOVNET_NOW", "2026-11-25T10:00:00+08:00", 1);
	unsetenv("GOVNET_LOGIN");
	CHECK(mkdtemp(dir) != NULL, "a temporary directory");
	snprintf(path, sizeof path, "%s/t.db", dir);
	ctx.db_path = strdup(path);
	CHECK(init_store(&ctx, &err) == 0 || strstr(err.msg, "节假日"), "a store");
	const char *channel[] = { "name", "值班群", "kind", "webhook", "url", "http://127.0.0.1:9/hook", NULL };
	const char *sub[] = { "event", "org.add", "org", "东海县", "channel", "值班群", NULL };
	CHECK(run(&ctx, "notify", "channel add", channel, &err) == 0, "a channel");
	CHECK(run(&ctx, "notify", "subscribe", sub, &err) == 0, "a subscription, so the change queues a message");

	for (int code = 0; code < 2; code++) {
		fault_code = code ? SQLITE_FULL : SQLITE_IOERR_WRITE;
		for (k = 0; k < 10000; k++) {
			char name[64];
			const char *add[] = { "name", name, "parent", "东海县", NULL };
			snprintf(name, sizeof name, "东海县故障测试%d科", code);
			snapshot(ctx.db, before, sizeof before);
			err_clear(&err);
			countdown = k;
			int rc = run(&ctx, "org", "add", add, &err);
			countdown = -1;
			if (rc == 0)
				break;
			snapshot(ctx.db, after, sizeof after);
			if (strcmp(before, after) != 0 || !strstr(err.msg, "未作任何更改")) {
				fprintf(stderr, "fault at call %ld (%s): %s; store %s → %s\n", k,
					code ? "disk full" : "I/O error", err.msg, before, after);
				CHECK(0, "a failed change leaves the store as it was and says so");
				break;
			}
		}
		if (getenv("GN_FAULTS_VERBOSE"))
			fprintf(stderr, "%s: the change went through at fault position %ld\n", code ? "disk full" : "I/O", k);
		CHECK(k > 3, code ? "the disk was full at several steps of the change"
				  : "an I/O error was injected at several steps of the change");
		CHECK(k < 10000, "and once the faults run out the change goes through");
	}
	CHECK(faults_injected > 6, "faults were injected");
	CHECK(audit_verify(ctx.db, &checked, &bad, &err) == 0, "the audit chain is intact after it all");
	session_close(&ctx);
	UNIT_DONE();
}
