/*
 * audit.h — the append-only record of every change: who (login and client
 * address), when, what (the record before and after, as JSON), and why.
 * Each entry carries the SHA-256 of its predecessor and its own SHA-256 over
 * its content and that link, so that any edit, insertion or removal of an
 * entry breaks the chain at that entry.
 */
#ifndef GN_AUDIT_H
#define GN_AUDIT_H

#include <stdint.h>
#include <sqlite3.h>
#include "err.h"

struct audit_entry {
	const char *at;        /* ISO 8601 */
	const char *login;
	const char *client;    /* "" when not over SSH */
	const char *component; /* "org", "access" … */
	const char *verb;
	const char *target;    /* "org#12" */
	int64_t org_id;        /* the organisation acted on, 0 if none */
	const char *before;    /* JSON or NULL */
	const char *after;     /* JSON or NULL */
	const char *reason;
};

/* Append inside the caller's open write transaction. */
int audit_append(sqlite3 *db, const struct audit_entry *e, struct gn_err *err);
/* Walk the chain: 0 when intact; 1 with *bad_id and a message in err
 * naming the first entry that fails; -1 when it could not be read. */
int audit_verify(sqlite3 *db, int64_t *checked, int64_t *bad_id, struct gn_err *err);

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

#endif
