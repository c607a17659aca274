/*
 * boundary.h — the line between a user and the store (DESIGN §2).
 *
 * Installed, govnet is set-group-ID to the store's group and the store lives
 * in a directory only that group may enter, as crontab's spool does.  The
 * group is a privilege the user does not have: it is held only while the
 * store itself is opened or closed, and put aside the rest of the time, so
 * that every other file — one a user names for a backup, an export, an
 * import, a rule or an attachment, and any file a plugin writes — is opened
 * with the user's own rights.  Nothing from the environment may then change
 * who acts, what code runs or which store is used, unless the real user is
 * root.
 *
 * Run from the build tree or installed without the set-group-ID bit, none
 * of this applies and every function below is a no-op or plain getenv.
 */
#ifndef GN_BOUNDARY_H
#define GN_BOUNDARY_H

/* Call first in main: puts the store's group aside (the effective group
 * becomes the user's own) and tightens the umask so that nothing govnet
 * creates is readable by others. */
void boundary_init(void);
/* 1 when this run is set-group-ID (the binary is installed with the store's
 * group), whoever runs it. */
int boundary_installed(void);
/* 1 when this run is set-group-ID and the real user is not root: overrides
 * from the environment are ignored (as secure_getenv does). */
int boundary_secure(void);
/* getenv, or NULL in a secure run: for every variable that could change
 * who acts, when, with what code or on which store. */
const char *boundary_getenv(const char *name);
/* Take up the store's group to open or close the store, and put it aside
 * again.  They nest: only the outermost pair changes anything. */
void boundary_enter_store(void);
void boundary_leave_store(void);
/* The user named a store of their own (--db): the group is given up for
 * the rest of the run, so it is opened with the user's rights alone. */
void boundary_drop(void);
/* 1 once boundary_drop gave the group up. */
int boundary_dropped(void);

#endif
