/*
 * published.c — what the systems plugin reads of the access plugin and
 * what it publishes for others, through the plugin API (gn_call_invoke),
 * never another plugin's table:
 *
 *  - a system's responsible person is the department's Art 12 filing in
 *    force (`access filing person`), kept as the filing changes;
 *  - `system security X`: each system's 等保 level, last evaluation
 *    and next due date, and its 密评 (Art 21, 25), for the inspection
 *    checklist's 等保/密评 item.
 */
#include "system.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* --org for the door's scope check on the command line; --org-id for
 * plugins (gn_call_invoke), as two units may share a name. */
const struct gn_field system_security_fields[] = {
	{ .name = "org", .label = "所属部门", .type = GN_FIELD_ORG, .flags = GN_FIELD_POSITIONAL },
	{ .name = "org-id", .label = "组织编号", .type = GN_FIELD_INT, .max_chars = 20, .help = "供其他插件读取" },
	{ NULL },
};

/* The department's systems take the responsible person of its filing in
 * force: "name phone", or '' when it has not filed (Art 12). */
int system_person_refresh(struct gn_call *call, int64_t org_id)
{
	struct gn_rows *rows;
	char person[128] = "", id[24];
	const char *name, *phone;

	snprintf(id, sizeof id, "%lld", (long long)org_id);
	if (gn_call_invoke(call, "access", "filing person", (const char *const[]){ "org-id", id, NULL }, &rows))
		return -1;
	if (gn_rows_count(rows) > 0 && (name = gn_rows_get(rows, 0, "person"))) {
		phone = gn_rows_get(rows, 0, "phone");
		snprintf(person, sizeof person, "%s%s%s", name, phone ? " " : "", phone ? phone : "");
	}
	gn_rows_free(rows);
	return gn_call_exec(call, "UPDATE system SET person = ?2 WHERE org_id = ?1 AND person <> ?2", "it", org_id,
			    person);
}

/* A new filing (Art 12) becomes the responsible person of the
 * department's systems in the same change. */
int system_on_event(struct gn_call *call)
{
	if (strcmp(gn_call_component(call), "access") != 0 || strcmp(gn_call_verb(call), "filing set") != 0)
		return 0;
	return system_person_refresh(call, gn_call_org_id(call));
}

/*
 * The published read for the 等保/密评 checklist item (Art 21, 25): one row
 * per system of the department in service (not retired), with its level,
 * the last 等保 evaluation and the next one due, the 密评 and the next
 * due, and whether either is overdue today ("1" or "0").
 */
int system_security(struct gn_call *call)
{
	static const char *const names[] = { "id",	     "name",	     "level",	      "evaluated",
					     "next_dengbao", "crypto",	     "crypto_title",  "crypto_date",
					     "next_mima",    "dengbao_overdue", "mima_overdue" };
	const char *values[11];
	int64_t org = gn_call_arg(call, "org") ? gn_call_arg_org(call, "org") : gn_call_arg_int(call, "org-id", 0);
	char today[11];
	sqlite3_stmt *st;
	int rc;

	if (org < 0)
		return -1;
	snprintf(today, sizeof today, "%.10s", gn_call_now(call));
	if (!(st = gn_call_query(call,
				 "SELECT s.id, s.name, s.level, coalesce(s.evaluated_on, ''), coalesce(d.due, ''), s.crypto,"
				 " " SYSTEM_CRYPTO_TITLE("s.crypto") ","
				 " coalesce(s.crypto_on, ''), coalesce(m.due, ''),"
				 " CASE WHEN d.due < ?2 THEN '1' ELSE '0' END, CASE WHEN m.due < ?2 THEN '1' ELSE '0' END"
				 " FROM system s"
				 " LEFT JOIN wf_obligation d ON d.component = 'system' AND d.record_id = s.id AND d.kind = 'dengbao'"
				 " LEFT JOIN wf_obligation m ON m.component = 'system' AND m.record_id = s.id AND m.kind = 'mima'"
				 " WHERE s.org_id = ?1 AND s.state <> 'retired' ORDER BY s.id",
				 "it", org, today)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < 11; i++)
			values[i] = (const char *)sqlite3_column_text(st, i);
		gn_call_emit_typed(call, 11, names, values, "ntnttttttbb");
	}
	gn_call_done(call, st);
	return rc == SQLITE_DONE ? 0 : gn_call_sqlite_error(call, "信息系统");
}
