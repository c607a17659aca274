/*
 * ctx.h — everything one invocation of govnet knows: the store, who is
 * acting, what time it is, and the components (core and plugins) loaded.
 */
#ifndef GN_CTX_H
#define GN_CTX_H

#include <stdint.h>
#include <time.h>
#include <sqlite3.h>

#include "govnet/plugin.h"

struct registry;
struct json_t;

/* The login acting, as registered in the store (org.h, login.c). */
struct gn_actor {
	int registered;          /* 0: an unknown login, who reads nothing */
	int64_t id;
	enum gn_role role;
	int64_t org_id;
	char org_path[256];      /* materialised path of the scope, "/1/5/" */
	char org_path_end[256];  /* just past the subtree: "/1/50" (the last '/' raised to '0') */
	char org_name[256];
	int city_wide;           /* scope is the root organisation */
};

struct gn_ctx {
	sqlite3 *db;
	char *db_path;
	int read_only;           /* the file's mode forbids writing */
	int owner;               /* the caller owns the database file */
	char login[128];         /* OS login, or GOVNET_LOGIN for the owner */
	char client[128];        /* address from SSH_CONNECTION, or "" */
	time_t now;              /* GOVNET_NOW for the owner, else time() */
	struct gn_actor actor;
	struct registry *reg;
	/* A caller holds the transaction (govnet import: all rows or none):
	 * the door makes each change a savepoint inside it.  With
	 * outer_tx_bare it takes none: the caller rolls everything back at
	 * the first refusal, and a refused change may be left half done. */
	int outer_tx;
	int outer_tx_bare;
	/* Where a report's rows go as they are made (the command line prints
	 * each at once), or NULL: kept in the door's result (door.h).  Only a
	 * read-only action's own rows, never those of one it invokes. */
	void (*report_row)(struct json_t *row, void *data);
	void *report_row_data;
};

#endif
