/*
 * workflow.h — the engine behind every plugin's workflow (DESIGN §1–2):
 * states, transitions taken through the one door, statutory deadlines in
 * working days (calendar.h), clocks that pause while a request is back with
 * its applicant, a history of every transition with the due date it set and
 * whether the deadline before it was met, and the queries the Overview and
 * `govnet due` show: due soon, overdue, met late.
 *
 * A deadline of N working days starts the working day after the event.  A
 * transition that starts a deadline closes the clock before it, recording
 * whether it was met and by how many working days it was missed.  A
 * transition into a pausing state stops the clock and keeps the working
 * days used; a resuming transition starts it again with the rest.  A
 * transition into a final state closes it.  Any other transition leaves the
 * clock running (planning happens within the implementation deadline).
 */
#ifndef GN_WORKFLOW_H
#define GN_WORKFLOW_H

#include <stdint.h>
#include <sqlite3.h>
#include "ctx.h"
#include "err.h"
#include "govnet/plugin.h"

extern const struct gn_migration workflow_migrations[];

/* The actions a workflow's transitions become, appended to the plugin's
 * own: one per transition, with fields id, comment, reason and the
 * transition's own.  The returned array is terminated by { NULL } and
 * owned by the caller (free it). */
struct gn_action *wf_actions(const struct gn_plugin *p);
/* The transition behind an action, or NULL. */
const struct gn_transition *wf_transition(const struct gn_plugin *p, const char *verb);
const struct gn_state *wf_state(const struct gn_plugin *p, const char *name);

/* County rules may shorten a statutory deadline, never lengthen it
 * (Art 30): the rules module installs this hook. */
typedef int (*wf_deadline_hook)(struct gn_call *call, const char *article, int days, int *out_days,
				struct gn_err *err);
void wf_set_deadline_hook(wf_deadline_hook hook);

/* When a holiday schedule changes, every running clock's due date is
 * computed again from when it started. */
int wf_recompute_open_deadlines(sqlite3 *db, struct gn_err *err);

/* The deadline entries of the messages not delivered (outbox.h's
 * OUTBOX_OWED), written again from the messages, their channels and the
 * days kept trying, in the caller's transaction: `notify keep` and `notify
 * channel remove` call it after their change, no trigger does. */
int wf_due_notices_rebuild(sqlite3 *db, struct gn_err *err);
/* How many of those entries differ from what wf_due_notices_rebuild would
 * write (an edit of the store by hand): `govnet db check` reports them. */
int wf_due_notices_astray(sqlite3 *db, int64_t *n, struct gn_err *err);

/* Shown beside a provisional due date, wherever one is shown. */
#define WF_PROVISIONAL_MARK " 暂定"

enum wf_due_kind {
	WF_DUE_SOON,    /* due today or within the next 2 working days */
	WF_DUE_OVERDUE, /* past due and not yet acted on */
	WF_MET_LATE,    /* acted on after the due date (history) */
};
#define WF_DUE_SOON_WORKDAYS 2

/* One row of a due query. */
struct wf_due_row {
	const char *component, *state, *article, *what, *due, *org;
	int64_t record_id;
	int workdays;   /* working days left (soon), overdue by (overdue), late by (met late);
			   calendar days when calendar_days is set */
	int calendar_days; /* an obligation on a calendar date (wf_obligation), not a clock */
	unsigned waiting_on;
	int provisional; /* the due date is (soon, overdue) */
	const char *position; /* where a next page starts after this row (wf_due_page) */
};

/* What a person reads for a row's state: the workflow state's title; for
 * an obligation on a calendar date, whose kind is not a state, "" (its
 * what says what is due). */
const char *wf_due_state_title(const struct gn_plugin *p, const struct wf_due_row *r);

/* Rows of one kind within the acting login's scope; with mine, only those
 * waiting on its role.  The callback returns non-zero to stop. */
int wf_due(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, int limit,
	   int (*each)(const struct wf_due_row *row, void *data), void *data, struct gn_err *err);
/* One page of them: after NULL for the first, or the position of the last
 * row of the page before (wf_due_row.position); limit 0 for all. */
int wf_due_page(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, const char *after, int limit,
		int (*each)(const struct wf_due_row *row, void *data), void *data, struct gn_err *err);
/* The plan SQLite chooses for that page (EXPLAIN QUERY PLAN), one step a
 * line: soon and overdue read one range of the scope's deadline entries
 * in due order, sorting nothing. */
struct strbuf;
int wf_due_explain(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, const char *after, struct strbuf *plan,
		   struct gn_err *err);
/* How many rows wf_due would give. */
int wf_due_count(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, int64_t *count, struct gn_err *err);
/* The same, counting no further than cap (> 1): a figure a screen shows
 * at once reads cap as "at least cap" rather than wait for the rest. */
int wf_due_count_upto(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, int cap, int64_t *count,
		      struct gn_err *err);

/* The history of one record, oldest first, for show and the detail pane:
 * rows of at, login, verb, from_state, to_state, comment, due_set, article,
 * met and provisional (1 when due_set lies in a year whose schedule is not
 * imported yet). */
int wf_history_prepare(sqlite3 *db, const char *component, int64_t record_id, sqlite3_stmt **st,
		       struct gn_err *err);
/* The running clock of one record: *due = "" when none (paused or closed);
 * *provisional (may be NULL) when the due date was counted across a year
 * whose holiday schedule is not imported yet. */
int wf_clock_of(sqlite3 *db, const char *component, int64_t record_id, char *due, size_t size,
		char *article, size_t asize, int *paused, int *provisional, struct gn_err *err);

/* Register gn_state_title(component, state) on db for views' SQL. */
struct registry;
int wf_register_sql(sqlite3 *db, const struct registry *reg, struct gn_err *err);

#endif
