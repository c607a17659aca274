/*
 * store_lock.c — who holds the store's write lock (store.h).  In WAL mode
 * a writer holds an fcntl lock on byte 120 of the -shm file (SQLite's
 * WAL_WRITE_LOCK, at WALINDEX_LOCK_OFFSET) for as long as its transaction
 * lasts; F_GETLK on that byte names the process, and /proc names its
 * login and command.  Nothing is written: the lock itself is the record.
 */
#include "config.h"
#include "store.h"
#include "boundary.h"
#include "utf8.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "govnet/banned.h"

#define WAL_WRITE_LOCK_BYTE 120
#define HOLDER_COMMAND_MAX 120

/* The descriptor this process already has open on the file shm names —
 * SQLite's own, found through /proc/self/fd — or -1.  The lock is asked
 * through it, never through a descriptor of our own: closing any
 * descriptor of a file drops every fcntl lock the process holds on it,
 * SQLite's included (POSIX), and another process could then rebuild the
 * shared memory under this one. */
static int open_descriptor_of(const char *shm)
{
	struct stat want, have;
	struct dirent *e;
	DIR *dir;
	int fd = -1;

	boundary_enter_store();
	if (stat(shm, &want) != 0) {
		boundary_leave_store();
		return -1;
	}
	boundary_leave_store();
	if (!(dir = opendir("/proc/self/fd")))
		return -1;
	while (fd < 0 && (e = readdir(dir))) {
		char *end;
		long n = strtol(e->d_name, &end, 10);
		if (*end || end == e->d_name || n == dirfd(dir))
			continue;
		if (fstat((int)n, &have) == 0 && have.st_dev == want.st_dev && have.st_ino == want.st_ino)
			fd = (int)n;
	}
	closedir(dir);
	return fd;
}

/* The process holding the write lock of the store at path, or 0. */
static pid_t write_lock_holder(const char *path)
{
	struct strbuf shm = STRBUF_INIT;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = WAL_WRITE_LOCK_BYTE, .l_len = 1 };
	int fd;

	sb_addf(&shm, "%s-shm", path);
	fd = open_descriptor_of(sb_str(&shm));
	sb_free(&shm);
	if (fd < 0)
		return 0;
	if (fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK)
		fl.l_pid = 0;
	return fl.l_pid > 0 ? fl.l_pid : 0;
}

/* The login of a process: its real user. */
static int process_login(pid_t pid, char *name, size_t size)
{
	char path[64], line[256];
	struct passwd pw, *found = NULL;
	char buf[1024];
	unsigned long uid;
	int ok = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Uid: %lu", &uid) == 1) {
			ok = 1;
			break;
		}
	fclose(f);
	if (!ok)
		return -1;
	if (getpwuid_r((uid_t)uid, &pw, buf, sizeof buf, &found) == 0 && found)
		snprintf(name, size, "%s", found->pw_name);
	else
		snprintf(name, size, "uid %lu", uid);
	return 0;
}

/* A process's command line, its words joined by spaces, cut short and
 * made printable (what ps shows everyone). */
static void process_command(pid_t pid, struct strbuf *out)
{
	char path[64], raw[HOLDER_COMMAND_MAX + 1];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/cmdline", (long)pid);
	if (!(f = fopen(path, "r")))
		return;
	n = fread(raw, 1, HOLDER_COMMAND_MAX, f);
	fclose(f);
	while (n > 0 && raw[n - 1] == '\0')
		n--;
	/* Cut short, it may end inside a character: end before it. */
	while (n > 0 && !utf8_valid(raw, n))
		n--;
	/* Another user's process names itself: nothing in it may act on the
	 * terminal it is shown on (controls, C1, bidi overrides). */
	for (size_t i = 0, len; i < n; i += len) {
		uint32_t cp;
		len = utf8_decode(raw + i, n - i, &cp);
		if (utf8_cp_hidden(cp))
			sb_addch(out, ' ');
		else
			sb_addn(out, raw + i, len);
	}
}

void store_lock_holder(sqlite3 *db, struct strbuf *out)
{
	const char *path = sqlite3_db_filename(db, "main");
	char login[64];
	pid_t pid;

	if (!path || !*path || !(pid = write_lock_holder(path))) {
		sb_add(out, "他人（无法得知是哪个进程）");
		return;
	}
	sb_addf(out, "进程 %ld", (long)pid);
	if (process_login(pid, login, sizeof login) == 0)
		sb_addf(out, "（登录 %s", login);
	else
		sb_add(out, "（登录不明");
	{
		struct strbuf cmd = STRBUF_INIT;
		process_command(pid, &cmd);
		if (cmd.len)
			sb_addf(out, "，命令 %s", sb_str(&cmd));
		sb_free(&cmd);
	}
	sb_add(out, "）");
}
