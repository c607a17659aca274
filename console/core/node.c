/*
 * node.c — access nodes (Art 9, 17, 26): a department's connection to the
 * extranet, shared by every plugin that refers to one (access makes them,
 * ip gives them addresses, incidents disconnect them).  The core keeps the
 * table and its state table; plugins change a node only through the calls
 * below (govnet/plugin.h), and every plugin hears of each change.
 */
#include "config.h"
#include "node.h"
#include "door.h"
#include "registry.h"
#include "store.h"
#include "strbuf.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* One node (row: NEW or OLD of node) counted in (sign "+") or out ("-")
 * of its state for the organisations at or above its owner. */
#define NODE_COUNT(row, sign) \
	"INSERT INTO node_count SELECT j.value, " row ".state, " sign "1" \
	" FROM org o, " GN_SCOPE_IDS("o.path") " j WHERE o.id = " row ".org_id" \
	" ON CONFLICT DO UPDATE SET n = n + excluded.n;"
/* The nodes whose owner matches where (d: node), by owner and state. */
#define NODE_COUNT_OF(where) \
	"SELECT d.org_id, d.state, count(*) AS n FROM node d WHERE " where " GROUP BY 1, 2"
/* An organisation's own nodes counted in or out for the organisations its
 * path (row: NEW or OLD of org) names. */
#define NODE_COUNT_OF_ORG(row, sign) \
	"INSERT INTO node_count SELECT j.value, g.state, " sign "g.n FROM (" NODE_COUNT_OF("d.org_id = " row ".id") ") g, " \
	GN_SCOPE_IDS(row ".path") " j WHERE 1 ON CONFLICT DO UPDATE SET n = n + excluded.n;"

const struct gn_migration node_migrations[] = {
	{ 1,
	  "CREATE TABLE node ("
	  "  id INTEGER PRIMARY KEY,"
	  "  org_id INTEGER NOT NULL REFERENCES org(id),"
	  "  request_id INTEGER UNIQUE,"
	  "  location TEXT NOT NULL,"
	  "  bandwidth INTEGER NOT NULL CHECK (bandwidth > 0),"
	  "  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','disconnected','revoked')),"
	  "  since TEXT NOT NULL,"
	  "  created_at TEXT NOT NULL);"
	  "CREATE INDEX node_org ON node(org_id);"
	  "CREATE INDEX node_state ON node(state) WHERE state <> 'active';"
	  /* Every change of state: who, when, why, through which component. */
	  "CREATE TABLE node_event ("
	  "  id INTEGER PRIMARY KEY,"
	  "  node_id INTEGER NOT NULL REFERENCES node(id),"
	  "  at TEXT NOT NULL,"
	  "  login TEXT NOT NULL,"
	  "  component TEXT NOT NULL,"
	  "  from_state TEXT,"
	  "  to_state TEXT NOT NULL,"
	  "  reason TEXT NOT NULL DEFAULT '');"
	  "CREATE INDEX node_event_node ON node_event(node_id);" },
	/* A node already in service when govnet came (issue ledgers, 台账):
	 * when it was registered so; it has no access request behind it. */
	{ 2, "ALTER TABLE node ADD COLUMN imported_at TEXT;" },
	{ 3,
	  /* A scope's page of nodes read in id order (govnet/plugin.h). */
	  GN_SCOPE_MIGRATION("node") },
	{ 4,
	  /* The month's report reads the month's changes of state as a range
	   * (report.c's nodes section), not every change ever made. */
	  "CREATE INDEX node_event_at ON node_event(at);" },
	{ 5,
	  /* The nodes of each state counted for every organisation at or
	   * above the owner, so that the month's report reads a unit's nodes
	   * in service as a row or two, not its nodes one by one (report.c).
	   * Kept by triggers as nodes are added, change state or owner, are
	   * removed, and as organisations move. */
	  "CREATE TABLE node_count ("
	  "  scope_org_id INTEGER NOT NULL,"
	  "  state TEXT NOT NULL,"
	  "  n INTEGER NOT NULL,"
	  "  PRIMARY KEY (scope_org_id, state)) WITHOUT ROWID;"
	  "INSERT INTO node_count SELECT j.value, g.state, sum(g.n) FROM (" NODE_COUNT_OF("1") ") g"
	  " JOIN org o ON o.id = g.org_id, " GN_SCOPE_IDS("o.path") " j GROUP BY 1, 2;"
	  "CREATE TRIGGER node_count_insert AFTER INSERT ON node BEGIN " NODE_COUNT("NEW", "+") " END;"
	  "CREATE TRIGGER node_count_delete AFTER DELETE ON node BEGIN " NODE_COUNT("OLD", "-") " END;"
	  "CREATE TRIGGER node_count_update AFTER UPDATE OF org_id, state ON node BEGIN "
	  NODE_COUNT("OLD", "-") NODE_COUNT("NEW", "+") " END;"
	  /* A move rewrites the paths of a subtree, one organisation at a
	   * time: its own nodes leave the organisations that were above it
	   * and count for those now above it. */
	  "CREATE TRIGGER node_count_org_moved AFTER UPDATE OF path ON org"
	  " WHEN NEW.path GLOB '/*' AND OLD.path GLOB '/*' AND OLD.path <> NEW.path BEGIN "
	  NODE_COUNT_OF_ORG("OLD", "-") NODE_COUNT_OF_ORG("NEW", "+") " END;" },
	{ 0, NULL },
};

/* The moves a node may make, each citing its article. */
static const struct node_move {
	const char *from, *to, *verb, *title, *article;
} node_moves[] = {
	{ .from = "active", .to = "disconnected", .verb = "disconnect", .title = "断开", .article = "Art 26" },
	{ .from = "disconnected", .to = "active", .verb = "reconnect", .title = "恢复连接", .article = "Art 26" },
	{ .from = "active", .to = "revoked", .verb = "revoke", .title = "撤销", .article = "Art 17" },
	{ NULL },
};

const char *node_state_title(const char *state)
{
	if (strcmp(state, "active") == 0)
		return "在用";
	if (strcmp(state, "disconnected") == 0)
		return "已断开";
	if (strcmp(state, "revoked") == 0)
		return "已撤销";
	return state;
}

/* The component events about nodes come from. */
static const struct gn_plugin node_component = {
	.abi = GN_PLUGIN_ABI,
	.name = "node",
	.title = "接入节点",
};

int gn_call_node(struct gn_call *call, int64_t id, struct gn_node *node)
{
	sqlite3_stmt *st = gn_call_query(call,
					 "SELECT id, org_id, coalesce(request_id, 0), bandwidth, location, state, since"
					 " FROM node WHERE id = ?1",
					 "i", id);
	int rc;

	if (!st)
		return -1;
	memset(node, 0, sizeof *node);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		node->id = sqlite3_column_int64(st, 0);
		node->org_id = sqlite3_column_int64(st, 1);
		node->request_id = sqlite3_column_int64(st, 2);
		node->bandwidth = sqlite3_column_int64(st, 3);
		store_column_text(node->location, sizeof node->location, st, 4);
		store_column_text(node->state, sizeof node->state, st, 5);
		store_column_text(node->since, sizeof node->since, st, 6);
	}
	gn_call_done(call, st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return gn_call_refuse_field(call, "node", "没有编号为 %lld 的接入节点", (long long)id);
	return gn_call_sqlite_error(call, "接入节点");
}

static int record_event(struct gn_call *call, int64_t id, const char *from, const char *to, const char *reason)
{
	return gn_call_exec(call,
			    "INSERT INTO node_event(node_id, at, login, component, from_state, to_state, reason)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
			    "itttztt", id, gn_call_now(call), gn_call_login(call), gn_call_component(call), from ? from : "",
			    to, reason ? reason : "");
}

/* Every plugin hears of the change as component "node", verb the new state. */
static int tell_plugins(struct gn_call *call, int64_t id, const char *state)
{
	return door_announce(call, &node_component, state, "node", id);
}

int gn_call_node_create(struct gn_call *call, int64_t org_id, int64_t request_id, const char *location,
			int64_t bandwidth, int64_t *id)
{
	if (!gn_call_in_scope(call, org_id))
		return gn_call_refuse_field(call, "org", "超出权限范围：该组织不在 %s 的范围之内", gn_call_login(call));
	if (gn_call_exec(call,
			 "INSERT INTO node(org_id, request_id, location, bandwidth, state, since, created_at)"
			 " VALUES (?1, nullif(?2, 0), ?3, ?4, 'active', ?5, ?5)",
			 "iitit", org_id, request_id, location, bandwidth, gn_call_now(call)))
		return -1;
	*id = sqlite3_last_insert_rowid(gn_call_db(call));
	if (record_event(call, *id, NULL, "active", "") || tell_plugins(call, *id, "active"))
		return -1;
	return 0;
}

int gn_call_node_import(struct gn_call *call, int64_t org_id, const char *location, int64_t bandwidth,
			const char *since, int64_t *id)
{
	if (!gn_call_in_scope(call, org_id))
		return gn_call_refuse_field(call, "org", "超出权限范围：该组织不在 %s 的范围之内", gn_call_login(call));
	if (since && strncmp(since, gn_call_now(call), 10) > 0)
		return gn_call_refuse_field(call, "since", "投入使用日期 %s 晚于今天（--since）", since);
	/* In service since the day the ledger gives, or since now when it
	 * gives none; no request, no workflow, no deadline (Art 9 was met
	 * before govnet, on paper). */
	if (gn_call_exec(call,
			 "INSERT INTO node(org_id, request_id, location, bandwidth, state, since, created_at, imported_at)"
			 " VALUES (?1, NULL, ?2, ?3, 'active', coalesce(?4, ?5), ?5, ?5)",
			 "itizt", org_id, location, bandwidth, since ? since : "", gn_call_now(call)))
		return -1;
	*id = sqlite3_last_insert_rowid(gn_call_db(call));
	if (record_event(call, *id, NULL, "active", "导入：台账登记的在用节点") || tell_plugins(call, *id, "active"))
		return -1;
	return 0;
}

int gn_call_node_set_state(struct gn_call *call, int64_t id, const char *state, const char *reason)
{
	struct gn_node node;
	struct gn_org org;
	const struct node_move *m;

	if (gn_call_node(call, id, &node))
		return -1;
	if (!gn_call_in_scope(call, node.org_id)) {
		if (gn_call_org(call, node.org_id, &org))
			return -1;
		return gn_call_refuse_field(call, "node", "超出权限范围：接入节点 #%lld 属于%s，不在 %s 的范围之内",
					    (long long)id, org.name, gn_call_login(call));
	}
	for (m = node_moves; m->from; m++)
		if (strcmp(m->from, node.state) == 0 && strcmp(m->to, state) == 0)
			break;
	if (!m->from) {
		struct strbuf allowed = STRBUF_INIT;
		for (const struct node_move *k = node_moves; k->from; k++)
			if (strcmp(k->from, node.state) == 0)
				sb_addf(&allowed, "%s%s（%s）", allowed.len ? "、" : "", k->title, k->article);
		gn_call_refuse_field(call, "node", "接入节点 #%lld 当前%s，不能改为%s%s%s", (long long)id,
				     node_state_title(node.state), node_state_title(state),
				     allowed.len ? "；此时只能" : "", sb_str(&allowed));
		sb_free(&allowed);
		return -1;
	}
	if (gn_call_exec(call, "UPDATE node SET state = ?1, since = ?2 WHERE id = ?3", "tti", state,
			 gn_call_now(call), id))
		return -1;
	if (record_event(call, id, node.state, state, reason) || tell_plugins(call, id, state))
		return -1;
	return 0;
}
