/*
 * door.h — the one door every change goes through (DESIGN §2).
 *
 *   BEGIN IMMEDIATE
 *   → the login is registered and its role may take the action
 *   → the values are checked; the organisation acted for lies in its scope
 *   → county rules (the before-hook) may refuse
 *   → the action's handler
 *   → the audit entry (the record before and after, who, when, why)
 *   → other plugins' reactions (gn_plugin.on_event), which may refuse
 *   → notifications (the after-hook), queued in the same transaction
 *   COMMIT
 *
 * Anything that fails rolls everything back: nothing is half-done.
 */
#ifndef GN_DOOR_H
#define GN_DOOR_H

#include <stdint.h>
#include <jansson.h>
#include "ctx.h"
#include "strbuf.h"
#include "err.h"
#include "fields.h"
#include "govnet/plugin.h"

struct gn_call {
	struct gn_ctx *ctx;
	const struct gn_plugin *component;
	const struct gn_action *action;
	const struct gn_args *args;
	int64_t id;           /* the record acted on, or made */
	int64_t org_id;       /* the organisation acted for */
	int64_t decider_org;  /* the deciding office gn_call_decider found, or 0 */
	char *before, *after; /* the record as JSON, or NULL */
	json_t *before_obj;   /* before, parsed on first use (gn_call_before) */
	char now[32];
	struct gn_err *err;
	json_t *rows;         /* gn_call_emit_row */
	void (*row_sink)(json_t *row, void *data); /* or each row given here as made (gn_ctx.report_row) */
	void *row_sink_data;
	struct strbuf text;   /* gn_call_emit_text */
	/* The plugin whose on_event is reacting to this change, or NULL: what
	 * it announces (gn_call_announce) is its own change, not this one's. */
	const struct gn_plugin *reacting;
	/* A probe action's results (door_probe), or NULL. */
	const struct door_probes *probes;
	/* door_try's rehearsal: nothing it does outlives the savepoint, and
	 * county rules (Lua) are not consulted. */
	int dry_run;
};

/* The results of a probe's network half (door_probe.c, plugin.h). */
struct door_probes {
	struct gn_probe_result *results;
	struct net_probe *net;
	size_t n;
	char at[32];
};
/* Read the targets of a probe action in one short read and request them
 * with no transaction open: 0 with *out filled (free it with
 * door_probes_free), or -1 refusing before anything was requested.  A
 * login the door will refuse gets no targets and no request. */
int door_probe(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
	       const struct gn_args *args, struct door_probes *out, struct gn_err *err);
void door_probes_free(struct door_probes *p);

/* What a change or report answered. */
struct door_result {
	int64_t id;   /* the record acted on or made */
	json_t *rows; /* an array of objects, or NULL */
	char *text;   /* or NULL */
};
void door_result_free(struct door_result *r);

/*
 * Hooks that other core modules attach to the door: county rules (Art 30)
 * before the handler, notifications after it.  Each may refuse by
 * returning -1 with a message in err.
 */
struct door_hook {
	int (*run)(struct gn_call *call, void *data, struct gn_err *err);
	void *data;
};
enum door_hook_point {
	DOOR_BEFORE_HANDLER, /* inside the transaction: may refuse */
	DOOR_AFTER_AUDIT,    /* inside the transaction: may refuse */
	DOOR_AFTER_COMMIT,   /* after commit: a failure is reported, the change stands */
	DOOR_AFTER_ROLLBACK, /* after a refusal was rolled back: may write in its own
			      * transaction and add to the refusal's message in err */
	DOOR_HOOK_POINTS
};
void door_add_hook(enum door_hook_point where, struct door_hook hook);
void door_clear_hooks(void);

/* Run one action.  res (may be NULL) receives what it answered; free it
 * with door_result_free. */
int door_run(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
	     const struct gn_args *args, struct door_result *res, struct gn_err *err);

/* Tell every other loaded plugin (gn_plugin.on_event) of a change to record
 * id of table that call's handler made as part of its change (a node's new
 * state, a block released with a revoked node): component and verb name
 * it; a refusal refuses call. */
int door_announce(struct gn_call *call, const struct gn_plugin *component, const char *verb, const char *table,
		  int64_t id);

/*
 * A dry run of action on record id, for a front end that wants to say why
 * an action would be refused before the user fills its form: the role,
 * the record's scope and the action's own checks and handler run under a
 * savepoint that is always rolled back; no audit entry, no reactions, no
 * notifications, no county rule.  A move's required reason or comment
 * (GN_TRANSITION_NEEDS_REASON, _COMMENT) is given a placeholder that only
 * satisfies "required", so a reject the login may not make here is
 * judged like any move.  Actions that need more than the record (another
 * required field) or only read are not rehearsed.
 * Returns 0 when nothing about the record stands in the way (a refusal
 * that names a field the form asks for counts as nothing), else -1 with
 * the refusal in err.
 */
int door_try(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action, int64_t id,
	     struct gn_err *err);

/* Register gn_decider(org_id, cross_level) on db: the office that decides
 * a record of that organisation by level (Art 10; call.c's one rule), for
 * migrations that name the office of records older than wf_clock's
 * decider_org.  Views read decider_org, which holds the office
 * gn_call_decider named, a county rule's routing (Art 30) included. */
int decider_register_sql(sqlite3 *db, struct gn_err *err);

/* The check the door makes, for front ends that want to show only the
 * actions a login may take: 0 when the role may take it. */
int door_role_allows(const struct gn_ctx *ctx, const struct gn_action *action);

/* A row of table as a JSON object (column → value); *json is NULL when no
 * such row exists.  *org_id receives scope_column's value when non-NULL. */
int row_json(sqlite3 *db, const char *table, int64_t id, const char *scope_column, char **json,
	     int64_t *org_id, struct gn_err *err);

#endif
