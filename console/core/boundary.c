#include "config.h"
#include "boundary.h"

#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>
#include "govnet/banned.h"

static int installed;    /* started set-group-ID */
static gid_t store_gid;  /* the group the binary carries */
static int held;         /* nesting of boundary_enter_store */
static int dropped;      /* the group was given up for good */

void boundary_init(void)
{
	if (getauxval(AT_SECURE) == 0 || getegid() == getgid())
		return;
	installed = 1;
	store_gid = getegid();
	/* A user's umask of 022 would make a new store, its WAL or a backup
	 * readable by everyone on the jump host. */
	umask(umask(0) | 007);
	if (setegid(getgid()) != 0)
		abort(); /* never go on holding a group we meant to put aside */
}

#ifdef __SANITIZE_ADDRESS__
/* LeakSanitizer reads its options from /proc/self/environ and traces the
 * process at exit; neither is allowed to a set-group-ID process, which
 * must not be made traceable to please it.  A sanitizer build checks the
 * other runs for leaks. */
int __lsan_is_turned_off(void);
int __lsan_is_turned_off(void)
{
	return installed;
}
#endif

int boundary_installed(void)
{
	return installed;
}

int boundary_secure(void)
{
	return installed && getuid() != 0;
}

const char *boundary_getenv(const char *name)
{
	return boundary_secure() ? NULL : getenv(name);
}

void boundary_enter_store(void)
{
	if (!installed || dropped || held++ > 0)
		return;
	if (setegid(store_gid) != 0)
		abort();
}

void boundary_leave_store(void)
{
	if (!installed || dropped || held == 0 || --held > 0)
		return;
	if (setegid(getgid()) != 0)
		abort();
}

void boundary_drop(void)
{
	if (!installed || dropped)
		return;
	gid_t r, e, s;

	/* The saved group goes too: it cannot be taken up again, by govnet or
	 * by any plugin it loads. */
	if (setresgid(getgid(), getgid(), getgid()) != 0 || getresgid(&r, &e, &s) != 0 || e != r || s != r)
		abort();
	dropped = 1;
	held = 0;
}

int boundary_dropped(void)
{
	return dropped;
}
