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

/*
 * Anchors.  The chain shows any entry edited, inserted or removed in the
 * middle, but not the last entries deleted, nor the whole table emptied:
 * what remains is still a valid chain.  An anchor is the head at some
 * moment — its sequence number and hash, "SEQ:HASH" — kept outside the
 * store (syslog, the journal, the city's copy).  Checked against an anchor,
 * a chain that no longer holds entry SEQ with that hash has lost or
 * rewritten its tail.  What the chain cannot show: changes made after the
 * last anchor and then removed with the entries that recorded them, by
 * someone who can write the store directly; anchor often.
 */
struct audit_anchor {
	int64_t seq; /* 0: the empty chain */
	char hash[65];
};
/* The head of the chain now. */
int audit_head(sqlite3 *db, struct audit_anchor *head, struct gn_err *err);
/* "SEQ:HASH" (HASH in hex, 64 digits); -1 with a message when malformed. */
int audit_anchor_parse(const char *text, struct audit_anchor *a, struct gn_err *err);
/* 0 when entry a->seq is in the store with hash a->hash; 1 with a message
 * saying what was lost or rewritten; -1 when it could not be read. */
int audit_check_anchor(sqlite3 *db, const struct audit_anchor *a, struct gn_err *err);

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/*
 * What a person reads for an entry's target, which the chain stores as
 * "table#id" (org#1, access_request#5): the record's kind by its title and
 * the record by its name where it has one — 组织「连云港市」, 网段
 * 「10.36.4.0/22」 — or by number — 接入申请 #5.  The kind is the title of
 * the component's record for that table, else of a view kept in that
 * table's scope table, else of the component acting on it.  A target of
 * no table the registry knows, or none, reads as it is stored.  Registered
 * on db as the SQL function gn_audit_target(target); reg must outlive db.
 * With it, gn_component_title(component) and gn_action_title(component,
 * verb): what a person reads for the entry's component and action (接入,
 * 批准), the stored code when no loaded component has it.
 */
struct registry;
int audit_target_register_sql(sqlite3 *db, const struct registry *reg, struct gn_err *err);

#endif
