#include "config.h"
#include "workflow.h"
#include "rowjson.h"
#include "node.h"
#include "outbox.h"
#include "calendar.h"
#include "clock.h"
#include "door.h"
#include "listing.h"
#include "registry.h"
#include "store.h"
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/*
 * Deadline entries (wf_due_scope): every running clock with a due date,
 * every obligation and every message not delivered (outbox.h), one row
 * per organisation at or above the owner, as govnet/plugin.h's scope
 * tables, in the order deadlines are shown.  The deadlines of any scope —
 * the city, a county, a department — are then one range of the primary
 * key in due order: a page, or a count up to a cap, costs its rows, not
 * the store's.  Triggers on each source and on organisations moving keep
 * it right; a message's entries also follow its channel and the days it
 * is kept trying, which the commands that change them write again
 * (wf_due_notices_rebuild).  Each source's rows are written by one
 * statement below, read back from the source.
 */
#define WF_DUE_INSERT "INSERT OR IGNORE INTO wf_due_scope "
#define WF_DUE_ENTRY(due, component, record, obligation) \
	"SELECT j.value, " due ", " component ", " record ", " obligation ", o.id"
/* Whose an entry is (due --mine), after its owner: the roles its source
 * waits on and the office named to decide it (NULL: none), kept since
 * workflow migration 10; migration 6's entries had neither (v: 6 or 10). */
#define WF_DUE_MINE_CLOCK_6 ""
#define WF_DUE_MINE_CLOCK_10 ", c.waiting_on, c.decider_org"
#define WF_DUE_MINE_OBLIGATION_6 ""
#define WF_DUE_MINE_OBLIGATION_10 ", b.waiting_on, NULL"
#define WF_DUE_MINE_NOTICE_6 ""
#define WF_DUE_MINE_NOTICE_10 ", " WF_DUE_DELIVERERS ", NULL"
#define WF_DUE_DELIVERERS "18" /* OUTBOX_DELIVERERS, asserted below */
#define WF_DUE_CLOCKS(v, where) \
	WF_DUE_INSERT WF_DUE_ENTRY("c.due", "c.component", "c.record_id", "''") WF_DUE_MINE_CLOCK_##v \
	" FROM wf_clock c JOIN org o ON o.id = c.org_id, " GN_SCOPE_IDS("o.path") " j" \
	" WHERE c.due IS NOT NULL AND " where ";"
#define WF_DUE_OBLIGATIONS(v, where) \
	WF_DUE_INSERT WF_DUE_ENTRY("b.due", "b.component", "b.record_id", "b.kind") WF_DUE_MINE_OBLIGATION_##v \
	" FROM wf_obligation b JOIN org o ON o.id = b.org_id, " GN_SCOPE_IDS("o.path") " j WHERE " where ";"
#define WF_DUE_NOTICES_SELECT(v, where) \
	WF_DUE_ENTRY(OUTBOX_OWED_DUE("x"), "'notify'", "x.id", "''") WF_DUE_MINE_NOTICE_##v \
	" FROM outbox x JOIN org o ON o.id = " OUTBOX_OWED_OWNER("x") ", " GN_SCOPE_IDS("o.path") " j" \
	" WHERE " OUTBOX_OWED("x") " AND " where
#define WF_DUE_NOTICES(v, where) WF_DUE_INSERT WF_DUE_NOTICES_SELECT(v, where) ";"
#define WF_DUE_DROP(trigger) "DROP TRIGGER IF EXISTS wf_due_" trigger ";"
#define WF_DUE_FORGET(component, record, obligation) \
	"DELETE FROM wf_due_scope WHERE component = " component " AND record_id = " record \
	" AND obligation = " obligation ";"
/* The days a message is kept trying decide when it is due. */
#define WF_DUE_KEEP_DAYS_TRIGGER(event, row) \
	"CREATE TRIGGER wf_due_keep_days_" event " AFTER " event " ON setting" \
	" WHEN " row ".key = '" OUTBOX_KEEP_SETTING "' BEGIN" \
	"  DELETE FROM wf_due_scope WHERE component = 'notify';" \
	WF_DUE_NOTICES(6, "1") " END;"

/* An office's own deadlines (due --mine, as its queue, Art 10, 30): the
 * entries of its organisation waiting on its role and, for an office,
 * not named to another office to decide.  Each role's are one partial
 * index in due order; a query names the same condition (t: its table's
 * alias and a dot) to read it.  (Written "decider_org IS NULL OR
 * decider_org = scope_org_id", the planner sorted a page of soon
 * deadlines that the index gives in order.) */
#define WF_DUE_MINE_WAITS(t, bit) t "waiting_on & " bit " <> 0"
#define WF_DUE_MINE_OFFICE(t) \
	WF_DUE_MINE_WAITS(t, "1") " AND ifnull(" t "decider_org = " t "scope_org_id, 1)"
#define WF_DUE_MINE_OPERATOR(t) WF_DUE_MINE_WAITS(t, "2")
#define WF_DUE_MINE_DEPT(t) WF_DUE_MINE_WAITS(t, "4")
#define WF_DUE_MINE_AUDITOR(t) WF_DUE_MINE_WAITS(t, "8")
#define WF_DUE_MINE_ADMIN(t) WF_DUE_MINE_WAITS(t, "16")
#define WF_DUE_MINE_INDEX_NAME(role) "wf_due_scope_mine_" role
#define WF_DUE_MINE_INDEX(role, where) \
	"CREATE INDEX " WF_DUE_MINE_INDEX_NAME(role) " ON wf_due_scope(scope_org_id, due, component, record_id," \
	" obligation, org_id, waiting_on, decider_org) WHERE " where ";"
_Static_assert(GN_ROLE_OFFICE == 1 && GN_ROLE_OPERATOR == 2 && GN_ROLE_DEPT == 4 && GN_ROLE_AUDITOR == 8 &&
		       GN_ROLE_ADMIN == 16 && OUTBOX_DELIVERERS == 18,
	       "the roles' bits as the deadline entries' SQL writes them");

/* Deadlines met late (due --late): one entry per organisation at or above
 * the owner of each transition that closed a deadline after its day, so
 * that any scope's are one range of the key, newest first. */
#define WF_LATE_ENTRIES(row, where) \
	"INSERT OR IGNORE INTO wf_late_scope SELECT j.value, " row ".id, " row ".org_id FROM org o, " \
	GN_SCOPE_IDS("o.path") " j WHERE o.id = " row ".org_id AND " where ";"
#define WF_LATE_FORGET(row) "DELETE FROM wf_late_scope WHERE org_id = " row ".org_id AND history_id = " row ".id;"

/* One move (row: NEW or OLD of wf_history) counted in (sign "+") or out
 * ("-") of its month for the organisations at or above its owner. */
#define WF_MONTH_MOVE(row, sign) \
	"INSERT INTO wf_month_moves SELECT j.value, " row ".component, " row ".verb, substr(" row ".at, 1, 7), " sign "1" \
	" FROM org o, " GN_SCOPE_IDS("o.path") " j WHERE o.id = " row ".org_id" \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;"
/* An organisation's own moves counted in or out for the organisations
 * its path (row: NEW or OLD of org) names. */
#define WF_MONTH_MOVES_OF_ORG(row, sign) \
	"INSERT INTO wf_month_moves SELECT j.value, g.component, g.verb, g.month, " sign "g.n" \
	" FROM (SELECT component, verb, substr(at, 1, 7) AS month, count(*) AS n FROM wf_history" \
	"  WHERE org_id = " row ".id GROUP BY 1, 2, 3) g, " GN_SCOPE_IDS(row ".path") " j WHERE 1" \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;"

/*
 * The deadlines closed in each month (the report's 按期办结率, report.c),
 * kept as they close.  wf_close holds each close's facts — the transition
 * that started the deadline, its start and the due date it set, the close
 * and the due date then, met or late — and wf_month_deadlines counts the
 * closes of each set of facts in a month for every organisation at or
 * above the owner, with the first close's id (the order the report lists
 * the kinds in).  The report reads the unit's month as a range of those
 * counts and counts the working days of each set of facts once.  A change
 * to a record's history derives its closes from the changed row on again.
 */
#define WF_CLOSES_OF(component, record, from) \
	"DELETE FROM wf_close WHERE component = " component " AND record_id = " record " AND id >= " from ";" \
	"INSERT INTO wf_close SELECT h.id, h.component, h.record_id, h.org_id, substr(h.at, 1, 7), s.verb," \
	" substr(s.at, 1, 10), s.due_set, substr(h.at, 1, 10), coalesce(h.previous_due, ''), h.met," \
	" coalesce(h.late_days, 0) FROM wf_history h JOIN wf_history s ON s.id = (SELECT x.id FROM wf_history x" \
	"  WHERE x.component = h.component AND x.record_id = h.record_id AND x.id < h.id AND x.due_set IS NOT NULL" \
	"  AND NOT EXISTS (SELECT 1 FROM wf_resumed r WHERE r.id = x.id) ORDER BY x.id DESC LIMIT 1)" \
	" WHERE h.component = " component " AND h.record_id = " record " AND h.id >= " from " AND h.met IS NOT NULL;"
/* A deadline entry (row: NEW or OLD of wf_due_scope) counted in or out. */
#define WF_DUE_COUNT(row, sign) \
	"INSERT INTO wf_due_count VALUES (" row ".scope_org_id, " row ".component, " row ".due, " sign "1)" \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;"
/* The deadline entries (wf_due_scope) counted by organisation, workflow
 * and due date: what is overdue in a scope is a range of due dates before
 * today, a row for each date, not an entry for each deadline (report.c's
 * overdue section).  Kept by triggers on the entries, however they are
 * written; made again from the entries by any migration that makes the
 * entries' table again (9, 10). */
#define WF_DUE_COUNT_KEPT \
	"DROP TABLE IF EXISTS wf_due_count; DROP TRIGGER IF EXISTS wf_due_count_insert;" \
	"DROP TRIGGER IF EXISTS wf_due_count_delete; DROP TRIGGER IF EXISTS wf_due_count_update;" \
	"CREATE TABLE wf_due_count (" \
	"  scope_org_id INTEGER NOT NULL," \
	"  component TEXT NOT NULL," \
	"  due TEXT NOT NULL," \
	"  n INTEGER NOT NULL," \
	"  PRIMARY KEY (scope_org_id, component, due)) WITHOUT ROWID;" \
	"INSERT INTO wf_due_count SELECT scope_org_id, component, due, count(*) FROM wf_due_scope GROUP BY 1, 2, 3;" \
	"CREATE TRIGGER wf_due_count_insert AFTER INSERT ON wf_due_scope BEGIN " WF_DUE_COUNT("NEW", "+") " END;" \
	"CREATE TRIGGER wf_due_count_delete AFTER DELETE ON wf_due_scope BEGIN " WF_DUE_COUNT("OLD", "-") " END;" \
	"CREATE TRIGGER wf_due_count_update AFTER UPDATE ON wf_due_scope BEGIN " \
	WF_DUE_COUNT("OLD", "-") WF_DUE_COUNT("NEW", "+") " END;"
#define WF_CLOSE_FACTS "month, component, verb, started_on, due_set, closed_on, due, met, late_days"
/* The first close with the facts of the kept row r other than the close
 * old, among the closes of the organisations under r's organisation. */
#define WF_CLOSE_FIRST(r, old) \
	"(SELECT min(c.id) FROM wf_close c JOIN org o ON o.id = c.org_id WHERE c.month = " r ".month" \
	" AND c.component = " r ".component AND c.verb = " r ".verb AND c.started_on = " r ".started_on" \
	" AND c.due_set = " r ".due_set AND c.closed_on = " r ".closed_on AND c.due = " r ".due AND c.met = " r ".met" \
	" AND c.late_days = " r ".late_days AND c.id <> " old " AND instr(o.path, '/' || " r ".scope_org_id || '/'))"
/* Closes counted in (n > 0) or out (n < 0) of the kept rows: first_id
 * follows, found again when the first close leaves. */
#define WF_MONTH_DEADLINES_UPSERT(first) \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n, first_id = CASE WHEN excluded.n > 0 AND n <= 0" \
	" THEN excluded.first_id WHEN excluded.n > 0 THEN min(first_id, excluded.first_id)" \
	" WHEN first_id <> excluded.first_id THEN first_id" \
	" ELSE coalesce(" WF_CLOSE_FIRST("wf_month_deadlines", first) ", 0) END;"
/* One close (row: NEW or OLD of wf_close) counted in or out. */
#define WF_MONTH_DEADLINE(row, sign) \
	"INSERT INTO wf_month_deadlines SELECT j.value, " row ".month, " row ".component, " row ".verb, " row ".started_on," \
	" " row ".due_set, " row ".closed_on, " row ".due, " row ".met, " row ".late_days, " sign "1, " row ".id" \
	" FROM org o, " GN_SCOPE_IDS("o.path") " j WHERE o.id = " row ".org_id" WF_MONTH_DEADLINES_UPSERT(row ".id")
/* An organisation's own closes counted in or out for the organisations
 * its path (row: NEW or OLD of org) names. */
#define WF_MONTH_DEADLINES_OF_ORG(row, sign) \
	"INSERT INTO wf_month_deadlines SELECT j.value, " WF_CLOSE_FACTS ", " sign "g.n, g.first_id FROM" \
	" (SELECT " WF_CLOSE_FACTS ", count(*) AS n, min(id) AS first_id FROM wf_close WHERE org_id = " row ".id" \
	"  GROUP BY " WF_CLOSE_FACTS ") g, " GN_SCOPE_IDS(row ".path") " j WHERE 1" \
	WF_MONTH_DEADLINES_UPSERT("excluded.first_id")

const struct gn_migration workflow_migrations[] = {
	{ 1,
	  /* The running deadline of each record: at most one. */
	  "CREATE TABLE wf_clock ("
	  "  component TEXT NOT NULL,"
	  "  record_id INTEGER NOT NULL,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  state TEXT NOT NULL,"
	  "  waiting_on INTEGER NOT NULL,"
	  "  article TEXT NOT NULL,"
	  "  what TEXT NOT NULL,"
	  "  workdays INTEGER NOT NULL,"    /* its length, after county rules */
	  "  started_on TEXT NOT NULL,"     /* the day of the event; not counted */
	  "  used INTEGER NOT NULL DEFAULT 0," /* working days used before a pause */
	  "  paused_on TEXT,"
	  "  due TEXT,"                     /* NULL while paused */
	  "  PRIMARY KEY (component, record_id));"
	  "CREATE INDEX wf_clock_due ON wf_clock(due);"
	  /* Every transition, with the due date it set and whether the
	   * deadline before it was met. */
	  "CREATE TABLE wf_history ("
	  "  id INTEGER PRIMARY KEY,"
	  "  component TEXT NOT NULL,"
	  "  record_id INTEGER NOT NULL,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  verb TEXT NOT NULL,"
	  "  from_state TEXT NOT NULL,"
	  "  to_state TEXT NOT NULL,"
	  "  login TEXT NOT NULL,"
	  "  at TEXT NOT NULL,"
	  "  comment TEXT NOT NULL DEFAULT '',"
	  "  due_set TEXT,"         /* the deadline this transition started */
	  "  article TEXT,"
	  "  previous_due TEXT,"    /* the deadline it closed */
	  "  previous_article TEXT,"
	  "  met INTEGER,"          /* 1 met, 0 missed, NULL none closed */
	  "  late_days INTEGER);"
	  "CREATE INDEX wf_history_record ON wf_history(component, record_id);"
	  "CREATE INDEX wf_history_late ON wf_history(met) WHERE met = 0;" },
	{ 2,
	  /* Duties on calendar dates rather than working days (等保 evaluations,
	   * drills, periodic inspections): shown by due beside the clocks. */
	  "CREATE TABLE wf_obligation ("
	  "  component TEXT NOT NULL,"
	  "  record_id INTEGER NOT NULL,"
	  "  kind TEXT NOT NULL,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  waiting_on INTEGER NOT NULL,"
	  "  article TEXT NOT NULL,"
	  "  what TEXT NOT NULL,"
	  "  due TEXT NOT NULL,"
	  "  PRIMARY KEY (component, record_id, kind));"
	  "CREATE INDEX wf_obligation_due ON wf_obligation(due);" },
	{ 3,
	  /* A due date counted across a year whose holiday schedule is not
	   * imported yet is provisional until it is (calendar.h).  Declared
	   * BOOLEAN: --json shows it as true or false. */
	  "ALTER TABLE wf_clock ADD COLUMN provisional BOOLEAN NOT NULL DEFAULT 0;" },
	{ 4,
	  /* The office that decides the record (gn_call_decider, Art 10, 30),
	   * named when its clock starts and kept with it: a queue reads the
	   * office's rows from an index, and a county rule's route() is asked
	   * once, when the record is submitted, not for every row nor again
	   * when the office decides.  NULL: none was named. */
	  "ALTER TABLE wf_clock ADD COLUMN decider_org INTEGER REFERENCES org(id);"
	  "CREATE INDEX wf_clock_decider ON wf_clock(decider_org, component) WHERE decider_org IS NOT NULL;" },
	{ 5,
	  /* The month's report reads the month's transitions, not every
	   * transition ever made (report.c, doc/bench.md). */
	  "CREATE INDEX wf_history_at ON wf_history(at);" },
	{ 6,
	  /* Deadline entries in due order for every scope (above). */
	  "CREATE TABLE wf_due_scope ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  due TEXT NOT NULL,"
	  "  component TEXT NOT NULL,"
	  "  record_id INTEGER NOT NULL,"
	  "  obligation TEXT NOT NULL," /* the obligation's kind; '' for a clock or a message */
	  "  org_id INTEGER NOT NULL,"  /* the owner */
	  "  PRIMARY KEY (scope_org_id, due, component, record_id, obligation)) WITHOUT ROWID;"
	  "CREATE INDEX wf_due_scope_source ON wf_due_scope(component, record_id, obligation);"
	  "CREATE INDEX wf_due_scope_owner ON wf_due_scope(org_id, scope_org_id);"
	  WF_DUE_CLOCKS(6, "1") WF_DUE_OBLIGATIONS(6, "1") WF_DUE_NOTICES(6, "1")
	  /* INSERT OR REPLACE deletes the row it replaces without its delete
	   * trigger: an insert forgets the entries of the row it replaces. */
	  "CREATE TRIGGER wf_due_clock_insert AFTER INSERT ON wf_clock BEGIN "
	  WF_DUE_FORGET("NEW.component", "NEW.record_id", "''")
	  WF_DUE_CLOCKS(6, "c.component = NEW.component AND c.record_id = NEW.record_id") " END;"
	  "CREATE TRIGGER wf_due_clock_update AFTER UPDATE OF due, org_id, component, record_id ON wf_clock"
	  " WHEN OLD.due IS NOT NEW.due OR OLD.org_id <> NEW.org_id OR OLD.component <> NEW.component"
	  "  OR OLD.record_id <> NEW.record_id BEGIN "
	  WF_DUE_FORGET("OLD.component", "OLD.record_id", "''")
	  WF_DUE_CLOCKS(6, "c.component = NEW.component AND c.record_id = NEW.record_id") " END;"
	  "CREATE TRIGGER wf_due_clock_delete AFTER DELETE ON wf_clock BEGIN "
	  WF_DUE_FORGET("OLD.component", "OLD.record_id", "''") " END;"
	  "CREATE TRIGGER wf_due_obligation_insert AFTER INSERT ON wf_obligation BEGIN "
	  WF_DUE_FORGET("NEW.component", "NEW.record_id", "NEW.kind")
	  WF_DUE_OBLIGATIONS(6, "b.component = NEW.component AND b.record_id = NEW.record_id AND b.kind = NEW.kind") " END;"
	  "CREATE TRIGGER wf_due_obligation_update AFTER UPDATE ON wf_obligation"
	  " WHEN OLD.due IS NOT NEW.due OR OLD.org_id <> NEW.org_id OR OLD.component <> NEW.component"
	  "  OR OLD.record_id <> NEW.record_id OR OLD.kind <> NEW.kind BEGIN "
	  WF_DUE_FORGET("OLD.component", "OLD.record_id", "OLD.kind")
	  WF_DUE_OBLIGATIONS(6, "b.component = NEW.component AND b.record_id = NEW.record_id AND b.kind = NEW.kind") " END;"
	  "CREATE TRIGGER wf_due_obligation_delete AFTER DELETE ON wf_obligation BEGIN "
	  WF_DUE_FORGET("OLD.component", "OLD.record_id", "OLD.kind") " END;"
	  /* A message is owed from its queueing until it is delivered,
	   * cancelled or purged: its attempts change nothing here. */
	  "CREATE TRIGGER wf_due_notice_insert AFTER INSERT ON outbox WHEN " OUTBOX_OWED("NEW") " BEGIN "
	  WF_DUE_NOTICES(6, "x.id = NEW.id") " END;"
	  "CREATE TRIGGER wf_due_notice_update AFTER UPDATE OF state, created_at, org_id, channel_id ON outbox"
	  " WHEN (" OUTBOX_OWED("OLD") ") IS NOT (" OUTBOX_OWED("NEW") ") OR OLD.created_at IS NOT NEW.created_at"
	  "  OR OLD.org_id IS NOT NEW.org_id OR OLD.channel_id IS NOT NEW.channel_id BEGIN "
	  WF_DUE_FORGET("'notify'", "OLD.id", "''") WF_DUE_NOTICES(6, "x.id = NEW.id") " END;"
	  "CREATE TRIGGER wf_due_notice_delete AFTER DELETE ON outbox WHEN " OUTBOX_OWED("OLD") " BEGIN "
	  WF_DUE_FORGET("'notify'", "OLD.id", "''") " END;"
	  "CREATE TRIGGER wf_due_channel_owner AFTER UPDATE OF org_id ON notify_channel"
	  " WHEN OLD.org_id IS NOT NEW.org_id BEGIN"
	  "  DELETE FROM wf_due_scope WHERE component = 'notify' AND record_id IN"
	  "   (SELECT id FROM outbox WHERE channel_id = NEW.id);"
	  WF_DUE_NOTICES(6, "x.channel_id = NEW.id") " END;"
	  "CREATE TRIGGER wf_due_channel_gone AFTER DELETE ON notify_channel BEGIN"
	  "  DELETE FROM wf_due_scope WHERE component = 'notify' AND record_id IN"
	  "   (SELECT id FROM outbox WHERE channel_id = OLD.id);"
	  WF_DUE_NOTICES(6, "x.channel_id = OLD.id") " END;"
	  WF_DUE_KEEP_DAYS_TRIGGER("INSERT", "NEW") WF_DUE_KEEP_DAYS_TRIGGER("UPDATE", "NEW")
	  WF_DUE_KEEP_DAYS_TRIGGER("DELETE", "OLD")
	  /* A move rewrites the paths of a subtree, one organisation at a
	   * time: its own entries go to the organisations now above it. */
	  "CREATE TRIGGER wf_due_org_moved AFTER UPDATE OF path ON org WHEN NEW.path GLOB '/*' BEGIN"
	  "  DELETE FROM wf_due_scope WHERE org_id = NEW.id AND scope_org_id NOT IN"
	  "   (SELECT value FROM " GN_SCOPE_IDS("NEW.path") ");"
	  "  INSERT OR IGNORE INTO wf_due_scope SELECT j.value, e.due, e.component, e.record_id, e.obligation, e.org_id"
	  "   FROM wf_due_scope e, " GN_SCOPE_IDS("NEW.path") " j WHERE e.org_id = NEW.id AND e.scope_org_id = NEW.id; END;" },
	{ 7,
	  /* The plugins' sections of the month's report count one move of
	   * one workflow in the month (lib/report/monthly.h): a range of this
	   * index, the owner read from it. */
	  "CREATE INDEX wf_history_verb_at ON wf_history(component, verb, at, org_id);" },
	{ 8,
	  /* The moves of each month counted as they are made (Art 31's
	   * monthly report, lib/report/monthly.h): one row per organisation
	   * at or above the owner, month, workflow and verb, so that a figure
	   * of the report is one row, whatever the month's activity.  Kept by
	   * triggers as the history is written and as organisations move. */
	  "CREATE TABLE wf_month_moves ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  component TEXT NOT NULL,"
	  "  verb TEXT NOT NULL,"
	  "  month TEXT NOT NULL," /* "2026-10", of the move's local time as recorded */
	  "  n INTEGER NOT NULL,"
	  "  PRIMARY KEY (scope_org_id, component, verb, month)) WITHOUT ROWID;"
	  "CREATE INDEX wf_history_org ON wf_history(org_id);"
	  "INSERT INTO wf_month_moves SELECT j.value, h.component, h.verb, substr(h.at, 1, 7), count(*)"
	  " FROM wf_history h JOIN org o ON o.id = h.org_id, " GN_SCOPE_IDS("o.path") " j"
	  " GROUP BY 1, 2, 3, 4;"
	  "CREATE TRIGGER wf_month_moves_insert AFTER INSERT ON wf_history BEGIN " WF_MONTH_MOVE("NEW", "+") " END;"
	  "CREATE TRIGGER wf_month_moves_delete AFTER DELETE ON wf_history BEGIN " WF_MONTH_MOVE("OLD", "-") " END;"
	  "CREATE TRIGGER wf_month_moves_update AFTER UPDATE OF component, verb, at, org_id ON wf_history BEGIN "
	  WF_MONTH_MOVE("OLD", "-") WF_MONTH_MOVE("NEW", "+") " END;"
	  /* A move rewrites the paths of a subtree, one organisation at a
	   * time: its own moves leave the organisations that were above it
	   * and count for those now above it (a new organisation, whose
	   * first path is a placeholder, has made none). */
	  "CREATE TRIGGER wf_month_moves_org_moved AFTER UPDATE OF path ON org"
	  " WHEN NEW.path GLOB '/*' AND OLD.path GLOB '/*' AND OLD.path <> NEW.path BEGIN "
	  WF_MONTH_MOVES_OF_ORG("OLD", "-") WF_MONTH_MOVES_OF_ORG("NEW", "+") " END;" },
	{ 9,
	  /* The deadlines closed in each month, kept as they close (above).
	   * A due date set again when a paused clock resumes starts no
	   * deadline: such a history row is listed in wf_resumed, those made
	   * before by the transition's own description (gn_starts_deadline).
	   * What the migration makes is made again from the rows there if it
	   * is run again on a store whose version was set back. */
	  "CREATE TABLE IF NOT EXISTS wf_resumed (id INTEGER PRIMARY KEY);" /* wf_history.id */
	  "INSERT OR IGNORE INTO wf_resumed SELECT id FROM wf_history"
	  " WHERE due_set IS NOT NULL AND NOT gn_starts_deadline(component, verb);"
	  "DROP TABLE IF EXISTS wf_month_deadlines; DROP TABLE IF EXISTS wf_close;"
	  "DROP TRIGGER IF EXISTS wf_close_history_insert; DROP TRIGGER IF EXISTS wf_close_history_delete;"
	  "DROP TRIGGER IF EXISTS wf_close_history_update; DROP TRIGGER IF EXISTS wf_close_resumed_insert;"
	  "DROP TRIGGER IF EXISTS wf_close_resumed_delete; DROP TRIGGER IF EXISTS wf_month_deadlines_org_moved;"
	  WF_DUE_COUNT_KEPT
	  "CREATE TABLE wf_close ("
	  "  id INTEGER PRIMARY KEY," /* the history row that closed the deadline */
	  "  component TEXT NOT NULL,"
	  "  record_id INTEGER NOT NULL,"
	  "  org_id INTEGER NOT NULL,"
	  "  month TEXT NOT NULL,"      /* of the close */
	  "  verb TEXT NOT NULL,"       /* the transition that started the deadline */
	  "  started_on TEXT NOT NULL,"
	  "  due_set TEXT NOT NULL,"    /* the due date it set */
	  "  closed_on TEXT NOT NULL,"
	  "  due TEXT NOT NULL,"        /* the due date when it closed */
	  "  met INTEGER NOT NULL,"
	  "  late_days INTEGER NOT NULL);"
	  "CREATE INDEX wf_close_record ON wf_close(component, record_id);"
	  "CREATE INDEX wf_close_org ON wf_close(org_id);"
	  "CREATE INDEX wf_close_month ON wf_close(month, component, verb);"
	  "INSERT INTO wf_close SELECT h.id, h.component, h.record_id, h.org_id, substr(h.at, 1, 7), s.verb,"
	  " substr(s.at, 1, 10), s.due_set, substr(h.at, 1, 10), coalesce(h.previous_due, ''), h.met,"
	  " coalesce(h.late_days, 0) FROM wf_history h JOIN wf_history s ON s.id = (SELECT x.id FROM wf_history x"
	  "  WHERE x.component = h.component AND x.record_id = h.record_id AND x.id < h.id AND x.due_set IS NOT NULL"
	  "  AND NOT EXISTS (SELECT 1 FROM wf_resumed r WHERE r.id = x.id) ORDER BY x.id DESC LIMIT 1) WHERE h.met IS NOT NULL;"
	  "CREATE TABLE wf_month_deadlines ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  month TEXT NOT NULL,"
	  "  component TEXT NOT NULL,"
	  "  verb TEXT NOT NULL,"
	  "  started_on TEXT NOT NULL,"
	  "  due_set TEXT NOT NULL,"
	  "  closed_on TEXT NOT NULL,"
	  "  due TEXT NOT NULL,"
	  "  met INTEGER NOT NULL,"
	  "  late_days INTEGER NOT NULL,"
	  "  n INTEGER NOT NULL,"
	  "  first_id INTEGER NOT NULL,"
	  "  PRIMARY KEY (scope_org_id, " WF_CLOSE_FACTS ")) WITHOUT ROWID;"
	  "INSERT INTO wf_month_deadlines SELECT j.value, " WF_CLOSE_FACTS ", sum(g.n), min(g.first_id) FROM"
	  " (SELECT org_id, " WF_CLOSE_FACTS ", count(*) AS n, min(id) AS first_id FROM wf_close"
	  "  GROUP BY org_id, " WF_CLOSE_FACTS ") g JOIN org o ON o.id = g.org_id, " GN_SCOPE_IDS("o.path") " j"
	  " GROUP BY 1, " WF_CLOSE_FACTS ";"
	  "CREATE TRIGGER wf_close_history_insert AFTER INSERT ON wf_history BEGIN "
	  WF_CLOSES_OF("NEW.component", "NEW.record_id", "NEW.id") " END;"
	  "CREATE TRIGGER wf_close_history_delete AFTER DELETE ON wf_history BEGIN "
	  WF_CLOSES_OF("OLD.component", "OLD.record_id", "OLD.id") " END;"
	  "CREATE TRIGGER wf_close_history_update AFTER UPDATE OF component, record_id, org_id, verb, at, due_set,"
	  " previous_due, met, late_days ON wf_history BEGIN "
	  WF_CLOSES_OF("OLD.component", "OLD.record_id", "min(OLD.id, NEW.id)")
	  WF_CLOSES_OF("NEW.component", "NEW.record_id", "min(OLD.id, NEW.id)") " END;"
	  "CREATE TRIGGER wf_close_resumed_insert AFTER INSERT ON wf_resumed BEGIN "
	  WF_CLOSES_OF("(SELECT component FROM wf_history WHERE id = NEW.id)",
		       "(SELECT record_id FROM wf_history WHERE id = NEW.id)", "NEW.id") " END;"
	  "CREATE TRIGGER wf_close_resumed_delete AFTER DELETE ON wf_resumed BEGIN "
	  WF_CLOSES_OF("(SELECT component FROM wf_history WHERE id = OLD.id)",
		       "(SELECT record_id FROM wf_history WHERE id = OLD.id)", "OLD.id") " END;"
	  "CREATE TRIGGER wf_close_insert AFTER INSERT ON wf_close BEGIN " WF_MONTH_DEADLINE("NEW", "+") " END;"
	  "CREATE TRIGGER wf_close_delete AFTER DELETE ON wf_close BEGIN " WF_MONTH_DEADLINE("OLD", "-") " END;"
	  /* A move rewrites the paths of a subtree, one organisation at a
	   * time: its own closes leave the organisations that were above it
	   * and count for those now above it. */
	  "CREATE TRIGGER wf_month_deadlines_org_moved AFTER UPDATE OF path ON org"
	  " WHEN NEW.path GLOB '/*' AND OLD.path GLOB '/*' AND OLD.path <> NEW.path BEGIN "
	  WF_MONTH_DEADLINES_OF_ORG("OLD", "-") WF_MONTH_DEADLINES_OF_ORG("NEW", "+") " END;" },
	{ 10,
	  /* An office's own deadlines and the deadlines met late read in the
	   * order shown for every role and scope (above); the entries of a
	   * message not delivered are no longer kept by triggers on the
	   * channel and the days kept trying, which every process parsed on
	   * opening the store: nothing in govnet changes a channel's
	   * organisation, and `notify keep` and `notify channel remove`
	   * write them again themselves (wf_due_notices_rebuild), as `govnet
	   * db check` says to when they differ from their messages. */
	  "DROP TRIGGER IF EXISTS wf_due_channel_owner; DROP TRIGGER IF EXISTS wf_due_channel_gone;"
	  "DROP TRIGGER IF EXISTS wf_due_keep_days_INSERT; DROP TRIGGER IF EXISTS wf_due_keep_days_UPDATE;"
	  "DROP TRIGGER IF EXISTS wf_due_keep_days_DELETE;"
	  WF_DUE_DROP("clock_insert") WF_DUE_DROP("clock_update") WF_DUE_DROP("obligation_insert")
	  WF_DUE_DROP("obligation_update") WF_DUE_DROP("notice_insert") WF_DUE_DROP("notice_update")
	  WF_DUE_DROP("org_moved") "DROP TRIGGER IF EXISTS wf_late_insert; DROP TRIGGER IF EXISTS wf_late_update;"
	  "DROP TRIGGER IF EXISTS wf_late_delete; DROP TABLE IF EXISTS wf_late_scope; DROP TABLE wf_due_scope;"
	  "CREATE TABLE wf_due_scope ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  due TEXT NOT NULL,"
	  "  component TEXT NOT NULL,"
	  "  record_id INTEGER NOT NULL,"
	  "  obligation TEXT NOT NULL," /* the obligation's kind; '' for a clock or a message */
	  "  org_id INTEGER NOT NULL,"  /* the owner */
	  "  waiting_on INTEGER NOT NULL," /* the roles it waits on (GN_ROLE_*) */
	  "  decider_org INTEGER,"      /* the office named to decide it */
	  "  PRIMARY KEY (scope_org_id, due, component, record_id, obligation)) WITHOUT ROWID;"
	  "CREATE INDEX wf_due_scope_source ON wf_due_scope(component, record_id, obligation);"
	  "CREATE INDEX wf_due_scope_owner ON wf_due_scope(org_id, scope_org_id);"
	  WF_DUE_CLOCKS(10, "1") WF_DUE_OBLIGATIONS(10, "1") WF_DUE_NOTICES(10, "1")
	  WF_DUE_MINE_INDEX("office", WF_DUE_MINE_OFFICE("")) WF_DUE_MINE_INDEX("operator", WF_DUE_MINE_OPERATOR(""))
	  WF_DUE_MINE_INDEX("dept", WF_DUE_MINE_DEPT("")) WF_DUE_MINE_INDEX("auditor", WF_DUE_MINE_AUDITOR(""))
	  WF_DUE_MINE_INDEX("admin", WF_DUE_MINE_ADMIN(""))
	  "CREATE TRIGGER wf_due_clock_insert AFTER INSERT ON wf_clock BEGIN "
	  WF_DUE_FORGET("NEW.component", "NEW.record_id", "''")
	  WF_DUE_CLOCKS(10, "c.component = NEW.component AND c.record_id = NEW.record_id") " END;"
	  "CREATE TRIGGER wf_due_clock_update AFTER UPDATE OF due, org_id, component, record_id, waiting_on, decider_org"
	  " ON wf_clock WHEN OLD.due IS NOT NEW.due OR OLD.org_id <> NEW.org_id OR OLD.component <> NEW.component"
	  "  OR OLD.record_id <> NEW.record_id OR OLD.waiting_on <> NEW.waiting_on"
	  "  OR OLD.decider_org IS NOT NEW.decider_org BEGIN "
	  WF_DUE_FORGET("OLD.component", "OLD.record_id", "''")
	  WF_DUE_CLOCKS(10, "c.component = NEW.component AND c.record_id = NEW.record_id") " END;"
	  "CREATE TRIGGER wf_due_obligation_insert AFTER INSERT ON wf_obligation BEGIN "
	  WF_DUE_FORGET("NEW.component", "NEW.record_id", "NEW.kind")
	  WF_DUE_OBLIGATIONS(10, "b.component = NEW.component AND b.record_id = NEW.record_id AND b.kind = NEW.kind") " END;"
	  "CREATE TRIGGER wf_due_obligation_update AFTER UPDATE ON wf_obligation"
	  " WHEN OLD.due IS NOT NEW.due OR OLD.org_id <> NEW.org_id OR OLD.component <> NEW.component"
	  "  OR OLD.record_id <> NEW.record_id OR OLD.kind <> NEW.kind OR OLD.waiting_on <> NEW.waiting_on BEGIN "
	  WF_DUE_FORGET("OLD.component", "OLD.record_id", "OLD.kind")
	  WF_DUE_OBLIGATIONS(10, "b.component = NEW.component AND b.record_id = NEW.record_id AND b.kind = NEW.kind") " END;"
	  "CREATE TRIGGER wf_due_notice_insert AFTER INSERT ON outbox WHEN " OUTBOX_OWED("NEW") " BEGIN "
	  WF_DUE_NOTICES(10, "x.id = NEW.id") " END;"
	  "CREATE TRIGGER wf_due_notice_update AFTER UPDATE OF state, created_at, org_id, channel_id ON outbox"
	  " WHEN (" OUTBOX_OWED("OLD") ") IS NOT (" OUTBOX_OWED("NEW") ") OR OLD.created_at IS NOT NEW.created_at"
	  "  OR OLD.org_id IS NOT NEW.org_id OR OLD.channel_id IS NOT NEW.channel_id BEGIN "
	  WF_DUE_FORGET("'notify'", "OLD.id", "''") WF_DUE_NOTICES(10, "x.id = NEW.id") " END;"
	  "CREATE TABLE wf_late_scope ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  history_id INTEGER NOT NULL,"
	  "  org_id INTEGER NOT NULL," /* the owner, as the transition recorded it */
	  "  PRIMARY KEY (scope_org_id, history_id)) WITHOUT ROWID;"
	  "INSERT INTO wf_late_scope SELECT j.value, h.id, h.org_id FROM wf_history h JOIN org o ON o.id = h.org_id, "
	  GN_SCOPE_IDS("o.path") " j WHERE h.met = 0;"
	  "CREATE INDEX wf_late_scope_owner ON wf_late_scope(org_id, history_id);"
	  "CREATE TRIGGER wf_late_insert AFTER INSERT ON wf_history WHEN NEW.met = 0 BEGIN "
	  WF_LATE_ENTRIES("NEW", "1") " END;"
	  "CREATE TRIGGER wf_late_update AFTER UPDATE OF id, org_id, met ON wf_history"
	  " WHEN OLD.id <> NEW.id OR OLD.org_id <> NEW.org_id OR OLD.met IS NOT NEW.met BEGIN "
	  WF_LATE_FORGET("OLD") WF_LATE_ENTRIES("NEW", "NEW.met = 0") " END;"
	  "CREATE TRIGGER wf_late_delete AFTER DELETE ON wf_history WHEN OLD.met = 0 BEGIN " WF_LATE_FORGET("OLD") " END;"
	  /* A move rewrites the paths of a subtree, one organisation at a
	   * time: its own entries go to the organisations now above it. */
	  "CREATE TRIGGER wf_due_org_moved AFTER UPDATE OF path ON org WHEN NEW.path GLOB '/*' BEGIN"
	  "  DELETE FROM wf_due_scope WHERE org_id = NEW.id AND scope_org_id NOT IN"
	  "   (SELECT value FROM " GN_SCOPE_IDS("NEW.path") ");"
	  "  INSERT OR IGNORE INTO wf_due_scope SELECT j.value, e.due, e.component, e.record_id, e.obligation, e.org_id,"
	  "   e.waiting_on, e.decider_org FROM wf_due_scope e, " GN_SCOPE_IDS("NEW.path") " j"
	  "   WHERE e.org_id = NEW.id AND e.scope_org_id = NEW.id;"
	  "  DELETE FROM wf_late_scope WHERE org_id = NEW.id AND scope_org_id NOT IN"
	  "   (SELECT value FROM " GN_SCOPE_IDS("NEW.path") ");"
	  "  INSERT OR IGNORE INTO wf_late_scope SELECT j.value, e.history_id, e.org_id"
	  "   FROM wf_late_scope e, " GN_SCOPE_IDS("NEW.path") " j WHERE e.org_id = NEW.id AND e.scope_org_id = NEW.id; END;"
	  /* The entries' table was made again: so are their counts. */
	  WF_DUE_COUNT_KEPT },
	{ 0, NULL },
};

static wf_deadline_hook deadline_hook;

void wf_set_deadline_hook(wf_deadline_hook hook)
{
	deadline_hook = hook;
}

const struct gn_transition *wf_transition(const struct gn_plugin *p, const char *verb)
{
	if (!p->workflow)
		return NULL;
	for (const struct gn_transition *t = p->workflow->transitions; t->verb; t++)
		if (strcmp(t->verb, verb) == 0)
			return t;
	return NULL;
}

const struct gn_state *wf_state(const struct gn_plugin *p, const char *name)
{
	if (!p->workflow || !name)
		return NULL;
	for (const struct gn_state *s = p->workflow->states; s->name; s++)
		if (strcmp(s->name, name) == 0)
			return s;
	return NULL;
}

static const char *state_title(const struct gn_plugin *p, const char *name)
{
	const struct gn_state *s = wf_state(p, name);
	return s && s->title ? s->title : name;
}

/* Whether state is one of the space-separated names in list. */
static int state_in(const char *list, const char *state)
{
	size_t n = strlen(state);

	for (const char *p = list; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && strncmp(p, state, n) == 0)
			return 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* ---- the clock ---------------------------------------------------------- */

struct clock {
	int exists, provisional;
	char started_on[11], paused_on[11], due[11], article[64], what[64];
	int workdays, used;
};

static int load_clock(sqlite3 *db, const char *component, int64_t id, struct clock *c, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof *c);
	if (store_prepare(db,
			  "SELECT started_on, paused_on, due, article, what, workdays, used, provisional FROM wf_clock"
			  " WHERE component = ?1 AND record_id = ?2",
			  &st, err, "ti", component, id))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->exists = 1;
		store_column_text(c->started_on, sizeof c->started_on, st, 0);
		store_column_text(c->paused_on, sizeof c->paused_on, st, 1);
		store_column_text(c->due, sizeof c->due, st, 2);
		store_column_text(c->article, sizeof c->article, st, 3);
		store_column_text(c->what, sizeof c->what, st, 4);
		c->workdays = sqlite3_column_int(st, 5);
		c->used = sqlite3_column_int(st, 6);
		c->provisional = sqlite3_column_int(st, 7);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_error(db, "读取期限", err);
}


/* The outcome of closing a running clock today. */
struct closing {
	int closed, met, late_days;
	char due[11], article[64];
};

static int close_clock(sqlite3 *db, const struct clock *c, const char *today, struct closing *out,
		       struct gn_err *err)
{
	memset(out, 0, sizeof *out);
	if (!c->exists || !c->due[0])
		return 0; /* none, or paused: nothing was due */
	out->closed = 1;
	snprintf(out->due, sizeof out->due, "%s", c->due);
	snprintf(out->article, sizeof out->article, "%s", c->article);
	out->met = strcmp(today, c->due) <= 0;
	if (!out->met && calendar_workdays_between(db, c->due, today, &out->late_days, NULL, err))
		return -1;
	return 0;
}

/* The due date of a clock counting from `from` with rest working days
 * left.  A clock paused after its deadline resumes with less than none:
 * its due date then lies that many working days back, so it resumes
 * overdue and is closed as missed (Art 11: time with the applicant does
 * not count, but neither does it excuse the days already over). */
static int clock_due(sqlite3 *db, const char *from, int rest, char out[11], int *beyond, struct gn_err *err)
{
	if (beyond)
		*beyond = 0;
	if (rest < 0)
		return calendar_sub_workdays(db, from, -rest, out, err);
	return calendar_add_workdays(db, from, rest, out, beyond, err);
}

/* ---- a transition ------------------------------------------------------- */

static int read_state(struct gn_call *call, const char *table, char *state, size_t size)
{
	char sql[160];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof sql, "SELECT state FROM \"%s\" WHERE id = ?1", table);
	if (!(st = gn_call_query(call, sql, "i", call->id)))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_column_text(state, size, st, 0);
	gn_call_done(call, st);
	if (rc != SQLITE_ROW)
		return gn_call_refuse(call, "没有编号为 %lld 的记录", (long long)call->id);
	return 0;
}

static int refuse_state(struct gn_call *call, const struct gn_transition *t, const char *state)
{
	const struct gn_plugin *p = call->component;
	struct strbuf from = STRBUF_INIT;

	for (const char *s = t->from; *s;) {
		size_t len = strcspn(s, " ");
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)len, s);
		sb_addf(&from, "%s%s", from.len ? "、" : "", state_title(p, name));
		s += len;
		while (*s == ' ')
			s++;
	}
	gn_call_refuse(call, "%s #%lld 当前为「%s」，不能%s：只有「%s」时可以（%s）",
		       p->record ? p->record->title : p->name, (long long)call->id, state_title(p, state),
		       t->title, sb_str(&from), t->article ? t->article : "");
	sb_free(&from);
	return -1;
}

/* The deadline a transition starts, after any county rule shortened it. */
static int deadline_days(struct gn_call *call, const struct gn_transition *t, int *days)
{
	int shortened;

	*days = t->deadline.workdays;
	if (!deadline_hook || call->dry_run)
		return 0;
	shortened = *days;
	if (deadline_hook(call, t->deadline.article, *days, &shortened, call->err))
		return -1;
	if (shortened >= 0 && shortened < *days) /* never lengthened */
		*days = shortened;
	return 0;
}

static int wf_run(struct gn_call *call)
{
	const struct gn_plugin *p = call->component;
	const struct gn_transition *t = wf_transition(p, call->action->verb);
	const struct gn_state *to = t ? wf_state(p, t->to) : NULL;
	sqlite3 *db = gn_call_db(call);
	char state[64], today[11], sql[160], due_set[11] = "";
	const char *comment = gn_call_arg(call, "reason");
	struct clock c;
	struct closing closed = { 0 };
	struct strbuf said = STRBUF_INIT, extra = STRBUF_INIT;
	size_t mark = call->text.len;
	int days = 0, provisional = 0, resumed = 0;

	if (!t || !to)
		return gn_call_refuse(call, "%s 的工作流没有操作 %s", p->name, call->action->verb);
	if (!comment)
		comment = gn_call_arg(call, "comment");
	if (read_state(call, p->workflow->table, state, sizeof state))
		return -1;
	if (!state_in(t->from, state))
		return refuse_state(call, t, state);
	if (t->run && t->run(call))
		return -1;
	snprintf(sql, sizeof sql, "UPDATE \"%s\" SET state = ?1 WHERE id = ?2", p->workflow->table);
	if (store_run(db, sql, call->err, "ti", t->to, call->id))
		return -1;

	clock_date(call->ctx->now, today);
	if (load_clock(db, p->name, call->id, &c, call->err))
		return -1;
	if (t->deadline.workdays > 0) {
		if (close_clock(db, &c, today, &closed, call->err) || deadline_days(call, t, &days) ||
		    calendar_add_workdays(db, today, days, due_set, &provisional, call->err))
			return -1;
		if (store_run(db,
			      "INSERT OR REPLACE INTO wf_clock(component, record_id, org_id, state, waiting_on,"
			      " article, what, workdays, started_on, used, paused_on, due, provisional, decider_org)"
			      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, NULL, ?10, ?11, coalesce(nullif(?12, 0),"
			      " (SELECT decider_org FROM wf_clock WHERE component = ?1 AND record_id = ?2)))",
			      call->err, "tiitnttnttni", p->name, call->id, call->org_id, t->to, (int)to->waiting_on,
			      t->deadline.article, t->deadline.what ? t->deadline.what : t->title, days, today, due_set,
			      provisional, call->decider_org))
			return -1;
		sb_addf(&said, "%s期限：%s%s（%s，%d 个工作日）", t->deadline.what ? t->deadline.what : "",
			due_set, provisional ? WF_PROVISIONAL_MARK : "", t->deadline.article, days);
	} else if ((to->flags & GN_STATE_PAUSED) && c.exists && c.due[0]) {
		int used;
		/* A return after the deadline does not wait for the resumed
		 * clock: the deadline was missed, and is recorded so now. */
		if (calendar_workdays_between(db, c.started_on, today, &used, NULL, call->err) ||
		    close_clock(db, &c, today, &closed, call->err))
			return -1;
		if (closed.met)
			memset(&closed, 0, sizeof closed);
		if (store_run(db,
			      "UPDATE wf_clock SET used = used + ?1, paused_on = ?2, due = NULL, state = ?3,"
			      " waiting_on = ?4 WHERE component = ?5 AND record_id = ?6",
			      call->err, "ittnti", (int64_t)used, today, t->to, (int)to->waiting_on, p->name, call->id))
			return -1;
		sb_addf(&said, "%s期限暂停（已用 %d 个工作日）", c.what, c.used + used);
	} else if ((t->flags & GN_TRANSITION_RESUMES) && c.exists && !c.due[0]) {
		int rest = c.workdays - c.used;
		resumed = 1; /* the deadline goes on: no new one starts */
		if (clock_due(db, today, rest, due_set, &provisional, call->err) ||
		    store_run(db,
			      "UPDATE wf_clock SET started_on = ?1, paused_on = NULL, due = ?2, state = ?3,"
			      " waiting_on = ?4, provisional = ?7, decider_org = coalesce(nullif(?8, 0), decider_org)"
			      " WHERE component = ?5 AND record_id = ?6",
			      call->err, "tttntini", today, due_set, t->to, (int)to->waiting_on, p->name, call->id,
			      provisional, call->decider_org))
			return -1;
		if (rest < 0)
			sb_addf(&said, "%s期限恢复：已逾期 %d 个工作日（%s 到期，%s）", c.what, -rest, due_set, c.article);
		else
			sb_addf(&said, "%s期限恢复：%s%s（%s，余 %d 个工作日）", c.what, due_set,
				provisional ? WF_PROVISIONAL_MARK : "", c.article, rest);
	} else if ((to->flags & GN_STATE_FINAL) || (t->flags & GN_TRANSITION_CLOSES)) {
		if (close_clock(db, &c, today, &closed, call->err) ||
		    store_run(db, "DELETE FROM wf_clock WHERE component = ?1 AND record_id = ?2", call->err, "ti",
			      p->name, call->id))
			return -1;
	} else if (c.exists) {
		if (store_run(db, "UPDATE wf_clock SET state = ?1, waiting_on = ?2 WHERE component = ?3 AND record_id = ?4",
			      call->err, "tnti", t->to, (int)to->waiting_on, p->name, call->id))
			return -1;
	}
	if (closed.closed) {
		if (closed.met)
			sb_addf(&said, "%s按期完成（%s 到期）", said.len ? "；" : "", closed.due);
		else
			sb_addf(&said, "%s逾期 %d 个工作日（%s 到期，%s）", said.len ? "；" : "", closed.late_days,
				closed.due, closed.article);
	}
	if (store_run(db,
		      "INSERT INTO wf_history(component, record_id, org_id, verb, from_state, to_state, login, at,"
		      " comment, due_set, article, previous_due, previous_article, met, late_days)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		      " CASE WHEN ?12 IS NULL THEN NULL ELSE ?14 END, CASE WHEN ?12 IS NULL THEN NULL ELSE ?15 END)",
		      call->err, "tiittttttzzzznn", p->name, call->id, call->org_id, t->verb, state, t->to,
		      gn_call_login(call), gn_call_now(call), comment ? comment : "", due_set,
		      !due_set[0] ? "" : t->deadline.workdays > 0 ? t->deadline.article : c.article, closed.closed ? closed.due : "",
		      closed.closed ? closed.article : "", closed.met, closed.late_days) ||
	    (resumed && store_run(db, "INSERT INTO wf_resumed(id) VALUES (last_insert_rowid())", call->err, ""))) {
		sb_free(&said);
		return -1;
	}
	/* What the transition's own work said (t->run) joins the one line
	 * (the console shows a transition's answer on its status line). */
	if (call->text.len > mark) {
		sb_addn(&extra, call->text.buf + mark, call->text.len - mark);
		call->text.len = mark;
		call->text.buf[mark] = '\0';
		while (extra.len && extra.buf[extra.len - 1] == '\n')
			extra.buf[--extra.len] = '\0';
		for (size_t i = 0; i < extra.len; i++)
			if (extra.buf[i] == '\n')
				extra.buf[i] = ' ';
	}
	char line[1024];
	snprintf(line, sizeof line, "%s #%lld：%s → %s%s%s%s%s\n", p->record ? p->record->title : p->name,
		 (long long)call->id, state_title(p, state), state_title(p, t->to), said.len ? "；" : "", sb_str(&said),
		 extra.len ? "；" : "", sb_str(&extra));
	gn_call_emit_text(call, line);
	sb_free(&said);
	sb_free(&extra);
	return 0;
}

/* ---- generated actions -------------------------------------------------- */

struct gn_action *wf_actions(const struct gn_plugin *p)
{
	size_t own = 0, nt = 0, nf = 0;
	struct gn_action *actions;
	struct gn_field *fields;

	for (const struct gn_action *a = p->actions; a && a->verb; a++)
		own++;
	for (const struct gn_transition *t = p->workflow->transitions; t->verb; t++) {
		nt++;
		nf += 4; /* id, comment, reason, terminator */
		for (const struct gn_field *f = t->fields; f && f->name; f++)
			nf++;
	}
	/* One allocation: the actions, then every transition's fields. */
	actions = xcalloc(1, (own + nt + 1) * sizeof *actions + nf * sizeof *fields);
	fields = (struct gn_field *)(actions + own + nt + 1);
	memcpy(actions, p->actions, own * sizeof *actions);
	struct gn_action *a = actions + own;
	for (const struct gn_transition *t = p->workflow->transitions; t->verb; t++, a++) {
		const struct gn_state *to = wf_state(p, t->to);
		a->verb = t->verb;
		a->title = t->title;
		a->roles = t->roles;
		a->fields = fields;
		a->table = p->workflow->table;
		a->run = wf_run;
		a->article = t->article;
		a->flags = to && (to->flags & GN_STATE_FINAL) ? GN_ACTION_DESTRUCTIVE : 0;
		*fields++ = (struct gn_field){ .name = "id", .label = "编号", .type = GN_FIELD_ID,
					       .flags = GN_FIELD_REQUIRED | GN_FIELD_POSITIONAL };
		*fields++ = (struct gn_field){ .name = "comment", .label = "意见", .type = GN_FIELD_LONGTEXT,
					       .flags = (t->flags & GN_TRANSITION_NEEDS_COMMENT) ? GN_FIELD_REQUIRED : 0u };
		*fields++ = (struct gn_field){ .name = "reason", .label = "理由", .type = GN_FIELD_LONGTEXT,
					       .flags = (t->flags & GN_TRANSITION_NEEDS_REASON) ? GN_FIELD_REQUIRED : 0u };
		for (const struct gn_field *f = t->fields; f && f->name; f++)
			*fields++ = *f;
		*fields++ = (struct gn_field){ NULL };
	}
	return actions;
}

/* ---- recomputation and queries ------------------------------------------ */

int wf_recompute_open_deadlines(sqlite3 *db, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(db, "SELECT component, record_id, started_on, workdays - used FROM wf_clock WHERE due IS NOT NULL",
			  &st, err, ""))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char due[11];
		int rest = sqlite3_column_int(st, 3), provisional;
		if (clock_due(db, (const char *)sqlite3_column_text(st, 2), rest, due, &provisional, err) ||
		    store_run(db, "UPDATE wf_clock SET due = ?1, provisional = ?4 WHERE component = ?2 AND record_id = ?3",
			      err, "ttin", due, (const char *)sqlite3_column_text(st, 0),
			      (int64_t)sqlite3_column_int64(st, 1), provisional)) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_error(db, "重算期限", err);
}

int wf_due_notices_rebuild(sqlite3 *db, struct gn_err *err)
{
	return store_exec(db, "DELETE FROM wf_due_scope WHERE component = 'notify';" WF_DUE_NOTICES(10, "1"), err);
}

int wf_due_notices_astray(sqlite3 *db, int64_t *n, struct gn_err *err)
{
	*n = 0;
	return store_query_int(db,
			       "SELECT (SELECT count(*) FROM (" WF_DUE_NOTICES_SELECT(10, "1")
			       "  EXCEPT SELECT * FROM wf_due_scope WHERE component = 'notify'))"
			       " + (SELECT count(*) FROM (SELECT * FROM wf_due_scope WHERE component = 'notify'"
			       "  EXCEPT " WF_DUE_NOTICES_SELECT(10, "1") "))",
			       n, err, "") < 0 ? -1 : 0;
}

const char *wf_due_state_title(const struct gn_plugin *p, const struct wf_due_row *r)
{
	const struct gn_state *s = p && !r->calendar_days ? wf_state(p, r->state) : NULL;

	if (r->calendar_days)
		return "";
	return s && s->title ? s->title : r->state;
}

/* What --mine reads for each role: its index, named so that the plan
 * cannot drift to walking the scope (an empty index has no statistics),
 * and the index's condition, which the query must state to use it. */
static const struct {
	unsigned role;
	const char *index, *where;
} due_mine[] = {
	{ GN_ROLE_OFFICE, WF_DUE_MINE_INDEX_NAME("office"), WF_DUE_MINE_OFFICE("s.") },
	{ GN_ROLE_OPERATOR, WF_DUE_MINE_INDEX_NAME("operator"), WF_DUE_MINE_OPERATOR("s.") },
	{ GN_ROLE_DEPT, WF_DUE_MINE_INDEX_NAME("dept"), WF_DUE_MINE_DEPT("s.") },
	{ GN_ROLE_AUDITOR, WF_DUE_MINE_INDEX_NAME("auditor"), WF_DUE_MINE_AUDITOR("s.") },
	{ GN_ROLE_ADMIN, WF_DUE_MINE_INDEX_NAME("admin"), WF_DUE_MINE_ADMIN("s.") },
};

/* counting: 0 the rows, 1 their count, N > 1 their count up to N.
 * Soon and overdue read one range of the deadline entries of the scope's
 * organisation (?3), in the order shown — with --mine, of its role's
 * index — and each row's source by its key; met late reads one range of
 * the scope's entries of the history, newest first. */
static int due_sql(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, int counting, int after, struct strbuf *sql)
{
	const char *cols = counting > 1 ? "1" : counting ? "count(*)"
			 : kind == WF_MET_LATE
				   ? "h.component, h.record_id, h.to_state, h.previous_article, '', h.previous_due, o.name, h.late_days, 0,"
				     " h.id"
				   : "s.component, s.record_id, coalesce(k.state, b.kind, " OUTBOX_OWED_STATE "),"
				     " coalesce(k.article, b.article, " OUTBOX_OWED_ARTICLE "),"
				     " coalesce(k.what, b.what, " OUTBOX_OWED_WHAT("x") "), s.due, o.name, k.record_id IS NULL,"
				     " s.waiting_on, coalesce(k.provisional, 0), s.obligation";

	if (counting > 1)
		sb_add(sql, "SELECT count(*) FROM (");
	if (kind == WF_MET_LATE) {
		/* Only what the columns read is joined: a count reads the
		 * entries alone. */
		sb_addf(sql, "SELECT %s FROM wf_late_scope l", cols);
		if (!counting)
			sb_add(sql, " CROSS JOIN wf_history h ON h.id = l.history_id CROSS JOIN org o ON o.id = l.org_id");
		sb_add(sql, " WHERE l.scope_org_id = ?3");
	} else {
		const char *own = "0", *index = NULL; /* "0": a role no entry waits on */
		for (size_t i = 0; mine && i < sizeof due_mine / sizeof *due_mine; i++)
			if (due_mine[i].role == ctx->actor.role) {
				own = due_mine[i].where;
				index = due_mine[i].index;
			}
		sb_addf(sql, "SELECT %s FROM wf_due_scope s", cols);
		if (index)
			sb_addf(sql, " INDEXED BY %s", index);
		if (!counting)
			sb_add(sql, " CROSS JOIN org o ON o.id = s.org_id"
				    " LEFT JOIN wf_clock k ON s.obligation = '' AND k.component = s.component"
				    " AND k.record_id = s.record_id"
				    " LEFT JOIN wf_obligation b ON s.obligation <> '' AND b.component = s.component"
				    " AND b.record_id = s.record_id AND b.kind = s.obligation"
				    " LEFT JOIN outbox x ON s.component = 'notify' AND s.obligation = '' AND x.id = s.record_id");
		sb_addf(sql, " WHERE s.scope_org_id = ?3 AND %s",
			kind == WF_DUE_SOON ? after ? "s.due <= ?2" : "s.due >= ?1 AND s.due <= ?2" : "s.due < ?1");
		/* An office's own are those it decides where the record names
		 * its deciding office (wf_clock.decider_org), as its queue. */
		if (mine)
			sb_addf(sql, " AND %s", own);
	}
	/* Keyset paging: rows after the position the last page ended on. */
	if (after)
		sb_add(sql, kind == WF_MET_LATE ? " AND l.history_id < ?6" : " AND (s.due, s.component, s.record_id, s.obligation) > (?6, ?7, ?8, ?9)");
	if (!counting)
		sb_add(sql, kind == WF_MET_LATE ? " ORDER BY l.history_id DESC" : " ORDER BY s.due, s.component, s.record_id, s.obligation");
	if (counting > 1)
		sb_addf(sql, " LIMIT %d)", counting);
	return 0;
}

/* A page's position: "2026-10-01/access/12" (due date, component, record,
 * and "/kind" for an obligation, which a record may have beside its clock)
 * for soon and overdue; the history entry's number for met late. */
struct due_position {
	char due[11], component[64], obligation[64];
	int64_t id;
};

static int due_parse_position(enum wf_due_kind kind, const char *text, struct due_position *p, struct gn_err *err)
{
	char copy[200], *part[4] = { NULL }, *end, *save = copy;
	int n = 0;

	memset(p, 0, sizeof *p);
	snprintf(copy, sizeof copy, "%s", text);
	if (kind == WF_MET_LATE) {
		p->id = strtoll(text, &end, 10);
		if (*text && !*end && p->id > 0)
			return 0;
	} else if (strlen(text) < sizeof copy) {
		for (char *slash; n < 4 && save; n++) {
			part[n] = save;
			if ((slash = strchr(save, '/')))
				*slash = '\0';
			save = slash ? slash + 1 : NULL;
		}
		if (!save && n >= 3 && strlen(part[0]) == 10 && *part[1] && strlen(part[1]) < sizeof p->component &&
		    (!part[3] || strlen(part[3]) < sizeof p->obligation)) {
			memcpy(p->due, part[0], 10);
			snprintf(p->component, sizeof p->component, "%s", part[1]);
			snprintf(p->obligation, sizeof p->obligation, "%s", part[3] ? part[3] : "");
			p->id = strtoll(part[2], &end, 10);
			if (*part[2] && !*end && p->id > 0)
				return 0;
		}
	}
	return err_set(err, GN_USAGE, "--after 需要上一页末尾提示的位置（如 %s），而不是 \"%.60s\"",
		       kind == WF_MET_LATE ? "1234" : "2026-10-01/access/12", text);
}

static int due_prepare_as(struct gn_ctx *ctx, const char *prefix, enum wf_due_kind kind, int mine, int counting,
			  const struct due_position *after, sqlite3_stmt **st, struct gn_err *err)
{
	struct strbuf sql = STRBUF_INIT;
	char today[11], soon[11];

	if (!ctx->actor.registered)
		return err_set(err, GN_REFUSED, "登录名 %s 未登记", ctx->login);
	clock_date(ctx->now, today);
	if (kind == WF_DUE_SOON && calendar_add_workdays(ctx->db, today, WF_DUE_SOON_WORKDAYS, soon, NULL, err))
		return -1;
	sb_add(&sql, prefix);
	due_sql(ctx, kind, mine, counting, after != NULL, &sql);
	/* Bound by hand: which parameters the query has depends on its kind
	 * and scope, and the runner binds every one in order. */
	int rc = sqlite3_prepare_v2(ctx->db, sb_str(&sql), -1, st, NULL);
	sb_free(&sql);
	if (rc != SQLITE_OK)
		return store_error(ctx->db, "期限查询", err);
	if (kind != WF_MET_LATE)
		sqlite3_bind_text(*st, 1, today, -1, SQLITE_TRANSIENT);
	if (kind == WF_DUE_SOON)
		sqlite3_bind_text(*st, 2, soon, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(*st, 3, listing_scope_org(ctx));
	if (after && kind == WF_MET_LATE) {
		sqlite3_bind_int64(*st, 6, after->id);
	} else if (after && kind == WF_DUE_SOON && strcmp(after->due, today) < 0) {
		/* Soon's next page starts after the position or at today,
		 * whichever is later: one lower bound, or the planner may sort
		 * what the index gives in order. */
		sqlite3_bind_text(*st, 6, today, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(*st, 7, "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(*st, 8, 0);
		sqlite3_bind_text(*st, 9, "", -1, SQLITE_STATIC);
	} else if (after) {
		sqlite3_bind_text(*st, 6, after->due, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(*st, 7, after->component, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(*st, 8, after->id);
		sqlite3_bind_text(*st, 9, after->obligation, -1, SQLITE_TRANSIENT);
	}
	return 0;
}

static int due_prepare(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, int counting,
		       const struct due_position *after, sqlite3_stmt **st, struct gn_err *err)
{
	return due_prepare_as(ctx, "", kind, mine, counting, after, st, err);
}

int wf_due_explain(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, const char *after, struct strbuf *plan,
		   struct gn_err *err)
{
	struct due_position from;
	sqlite3_stmt *st;
	int rc;

	if ((after && due_parse_position(kind, after, &from, err)) ||
	    due_prepare_as(ctx, "EXPLAIN QUERY PLAN ", kind, mine, 0, after ? &from : NULL, &st, err))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		sb_addf(plan, "%s\n", (const char *)sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_error(ctx->db, "期限查询", err);
}

int wf_due(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, int limit,
	   int (*each)(const struct wf_due_row *row, void *data), void *data, struct gn_err *err)
{
	return wf_due_page(ctx, kind, mine, NULL, limit, each, data, err);
}

int wf_due_page(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, const char *after, int limit,
		int (*each)(const struct wf_due_row *row, void *data), void *data, struct gn_err *err)
{
	struct due_position from;
	sqlite3_stmt *st;
	char today[11], position[96];
	int rc, n = 0;

	if (after && due_parse_position(kind, after, &from, err))
		return -1;
	if (due_prepare(ctx, kind, mine, 0, after ? &from : NULL, &st, err))
		return -1;
	clock_date(ctx->now, today);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && (limit <= 0 || n < limit)) {
		struct wf_due_row row = {
			.component = (const char *)sqlite3_column_text(st, 0),
			.record_id = sqlite3_column_int64(st, 1),
			.state = (const char *)sqlite3_column_text(st, 2),
			.article = (const char *)sqlite3_column_text(st, 3),
			.what = (const char *)sqlite3_column_text(st, 4),
			.due = (const char *)sqlite3_column_text(st, 5),
			.org = (const char *)sqlite3_column_text(st, 6),
			.workdays = kind == WF_MET_LATE ? sqlite3_column_int(st, 7) : 0,
			.calendar_days = kind != WF_MET_LATE && sqlite3_column_int(st, 7),
			.waiting_on = (unsigned)sqlite3_column_int(st, 8),
			.provisional = kind != WF_MET_LATE && sqlite3_column_int(st, 9),
			.position = position,
		};
		const char *obligation = kind == WF_MET_LATE ? NULL : (const char *)sqlite3_column_text(st, 10);
		if (kind == WF_MET_LATE)
			snprintf(position, sizeof position, "%lld", (long long)sqlite3_column_int64(st, 9));
		else
			snprintf(position, sizeof position, "%.10s/%.40s/%lld%s%.40s", row.due ? row.due : "",
				 row.component ? row.component : "", (long long)row.record_id,
				 obligation && *obligation ? "/" : "", obligation ? obligation : "");
		if (row.calendar_days)
			row.workdays = (int)(kind == WF_DUE_SOON ? clock_days_between(today, row.due)
								 : clock_days_between(row.due, today));
		else if (kind == WF_DUE_SOON &&
			 calendar_workdays_between(ctx->db, today, row.due, &row.workdays, NULL, err))
			break;
		else if (kind == WF_DUE_OVERDUE &&
			 calendar_workdays_between(ctx->db, row.due, today, &row.workdays, NULL, err))
			break;
		n++;
		if (each(&row, data))
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(ctx->db, "期限查询", err);
	return err->status == GN_OK ? 0 : -1;
}

int wf_due_count(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, int64_t *count, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (due_prepare(ctx, kind, mine, 1, NULL, &st, err))
		return -1;
	rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_error(ctx->db, "期限查询", err);
}

int wf_due_count_upto(struct gn_ctx *ctx, enum wf_due_kind kind, int mine, int cap, int64_t *count,
		      struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (due_prepare(ctx, kind, mine, cap > 1 ? cap : 1, NULL, &st, err))
		return -1;
	rc = sqlite3_step(st);
	*count = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_error(ctx->db, "期限查询", err);
}

int wf_history_prepare(sqlite3 *db, const char *component, int64_t record_id, sqlite3_stmt **st,
		       struct gn_err *err)
{
	return store_prepare(db,
			     "SELECT at, login, verb, from_state, to_state, comment, coalesce(due_set, '') AS due_set,"
			     " coalesce(article, '') AS article,"
			     " CASE met WHEN 1 THEN '按期' WHEN 0 THEN '逾期 ' || late_days || ' 个工作日' ELSE '' END AS met,"
			     /* A date set in a year whose schedule is not imported
			      * yet is provisional (calendar.h), then and now. */
			     " due_set IS NOT NULL AND NOT EXISTS (SELECT 1 FROM holiday_year y"
			     "  WHERE y.id = CAST(substr(due_set, 1, 4) AS INTEGER) AND y.off_days + y.work_days > 0)"
			     "  AS provisional"
			     " FROM wf_history WHERE component = ?1 AND record_id = ?2 ORDER BY id",
			     st, err, "ti", component, record_id);
}

int wf_clock_of(sqlite3 *db, const char *component, int64_t record_id, char *due, size_t size, char *article,
		size_t asize, int *paused, int *provisional, struct gn_err *err)
{
	struct clock c;

	if (load_clock(db, component, record_id, &c, err))
		return -1;
	if (provisional)
		*provisional = c.due[0] && c.provisional;
	snprintf(due, size, "%s", c.due);
	snprintf(article, asize, "%s%s%s", c.what, c.what[0] ? "，" : "", c.article);
	*paused = c.exists && !c.due[0];
	if (!c.exists)
		article[0] = '\0';
	return 0;
}

/* gn_state_title(component, state): a state's title, for views' SQL. */
static void sql_state_title(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	const struct registry *reg = sqlite3_user_data(sc);
	const char *component = (const char *)sqlite3_value_text(argv[0]);
	const char *state = (const char *)sqlite3_value_text(argv[1]);
	const struct gn_plugin *p = component ? registry_find(reg, component) : NULL;
	const struct gn_state *s = p ? wf_state(p, state) : NULL;

	(void)argc;
	if (s && s->title)
		sqlite3_result_text(sc, s->title, -1, SQLITE_STATIC);
	else if (component && state && strcmp(component, "node") == 0)
		sqlite3_result_text(sc, node_state_title(state), -1, SQLITE_STATIC);
	else
		sqlite3_result_value(sc, argv[1]);
}

/* gn_bool(x): x as 1 or 0, marked so that --json prints true or false
 * (rowjson.h): a view's yes-or-no column. */
static void sql_bool(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(sc, sqlite3_value_int64(argv[0]) != 0);
	sqlite3_result_subtype(sc, ROWJSON_BOOLEAN_SUBTYPE);
}

/* gn_starts_deadline(component, verb): whether the transition starts a
 * deadline of working days (workflow migration 9 marks the due dates
 * that did not). */
static void sql_starts_deadline(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	const struct registry *reg = sqlite3_user_data(sc);
	const char *component = (const char *)sqlite3_value_text(argv[0]);
	const char *verb = (const char *)sqlite3_value_text(argv[1]);
	const struct gn_plugin *p = component && reg ? registry_find(reg, component) : NULL;
	const struct gn_transition *t = p && verb ? wf_transition(p, verb) : NULL;

	(void)argc;
	sqlite3_result_int(sc, t && t->deadline.workdays > 0);
}

int wf_register_sql(sqlite3 *db, const struct registry *reg, struct gn_err *err)
{
	if (sqlite3_create_function(db, "gn_state_title", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)reg,
				    sql_state_title, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "gn_starts_deadline", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)reg,
				    sql_starts_deadline, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "gn_bool", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_bool, NULL,
				    NULL) != SQLITE_OK)
		return store_error(db, "注册 SQL 函数", err);
	return 0;
}
