/*
 * security.c — the checklist's 等保/密评 item (Art 21, 25) filled from the
 * systems plugin's published read (`system security`), never its tables:
 * each system of the department with its level, last evaluation, next due
 * date and 密评.  An evaluation or 密评 past its due date fails the item.
 */
#include "inspect.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

#define FACTS_MAX 2000

/* How an overdue evaluation is found (Art 21): its severity suggests the
 * order's deadline like any other finding's (inspect_severities). */
static const char *const overdue_severity = "major";

static const char *value(const struct gn_rows *rows, size_t i, const char *column)
{
	const char *v = gn_rows_get(rows, i, column);
	return v && *v ? v : NULL;
}

/* Appends piece to out (of FACTS_MAX bytes), or "……" once when it does
 * not fit whole: text is never cut inside a character. */
static void append(char *out, const char *piece)
{
	size_t n = strlen(out), len = strlen(piece);
	const char *more = "……";

	if (n + len < FACTS_MAX)
		memcpy(out + n, piece, len + 1);
	else if (n + strlen(more) < FACTS_MAX && (n < strlen(more) || strcmp(out + n - strlen(more), more) != 0))
		memcpy(out + n, more, strlen(more) + 1);
}

/* Appends to out what rows say of system i; sets *overdue when one of its
 * dates has passed, and adds the system to late. */
static void describe(const struct gn_rows *rows, size_t i, char *out, char *late, int *overdue)
{
	int dengbao = value(rows, i, "dengbao_overdue") && !strcmp(value(rows, i, "dengbao_overdue"), "1");
	int mima = value(rows, i, "mima_overdue") && !strcmp(value(rows, i, "mima_overdue"), "1");
	const char *crypto = value(rows, i, "crypto");
	const char *name = value(rows, i, "name") ? value(rows, i, "name") : "?";
	char piece[600];

	snprintf(piece, sizeof piece, "%s%s（第%s级）：等保测评 最近 %s、下次 %s%s；密评 %s%s%s%s", *out ? "；" : "", name,
		 value(rows, i, "level") ? value(rows, i, "level") : "?",
		 value(rows, i, "evaluated") ? value(rows, i, "evaluated") : "无",
		 value(rows, i, "next_dengbao") ? value(rows, i, "next_dengbao") : "无要求", dengbao ? "（已逾期）" : "",
		 crypto && !strcmp(crypto, "passed") ? "通过" : crypto && !strcmp(crypto, "failed") ? "未通过" : "未评",
		 value(rows, i, "next_mima") ? "、下次 " : "", value(rows, i, "next_mima") ? value(rows, i, "next_mima") : "",
		 mima ? "（已逾期）" : "");
	append(out, piece);
	if (dengbao || mima) {
		snprintf(piece, sizeof piece, "%s%s%s%s", *late ? "；" : "", name, dengbao ? " 等保测评逾期" : "",
			 mima ? " 密评逾期" : "");
		append(late, piece);
		*overdue = 1;
	}
}

/* The department's systems as the systems plugin publishes them: facts
 * and late filled, 1 when one is overdue, 0 when none, -1 refused. */
static int read_systems(struct gn_call *call, int64_t org_id, char facts[FACTS_MAX], char late[FACTS_MAX])
{
	struct gn_rows *rows;
	char id[24];
	int overdue = 0;

	facts[0] = late[0] = '\0';
	snprintf(id, sizeof id, "%lld", (long long)org_id);
	if (gn_call_invoke(call, "system", "security", (const char *const[]){ "org-id", id, NULL }, &rows))
		return -1;
	for (size_t i = 0; i < gn_rows_count(rows); i++)
		describe(rows, i, facts, late, &overdue);
	if (!gn_rows_count(rows))
		snprintf(facts, FACTS_MAX, "未登记信息系统");
	gn_rows_free(rows);
	return overdue;
}

int inspect_security_fill(struct gn_call *call, int64_t id, int64_t org_id)
{
	char facts[FACTS_MAX], late[FACTS_MAX], finding[FACTS_MAX + 64];
	const struct inspect_severity *s = inspect_severities;
	int overdue = read_systems(call, org_id, facts, late);

	if (overdue < 0 ||
	    gn_call_exec(call, "UPDATE inspect_result SET facts = ?3 WHERE inspection_id = ?1 AND code = ?2", "itt", id,
			 INSPECT_SECURITY_ITEM, facts))
		return -1;
	if (!overdue)
		return 0;
	while (s->name && strcmp(s->name, overdue_severity) != 0)
		s++;
	snprintf(finding, sizeof finding, "等保测评或密评逾期（Art 21）：%s", late);
	return gn_call_exec(call,
			    "UPDATE inspect_result SET result = 'fail', severity = ?3, severity_title = ?4, finding = ?5,"
			    " checked_at = ?6, checked_by = ?7 WHERE inspection_id = ?1 AND code = ?2",
			    "itttt" "tt", id, INSPECT_SECURITY_ITEM, s->name, s->title, finding, gn_call_now(call),
			    gn_call_login(call));
}

int inspect_security_check(struct gn_call *call, int64_t org_id)
{
	char facts[FACTS_MAX], late[FACTS_MAX];
	int overdue;

	if (strcmp(gn_call_arg(call, "item"), INSPECT_SECURITY_ITEM) != 0 || strcmp(gn_call_arg(call, "result"), "pass") != 0)
		return 0;
	if ((overdue = read_systems(call, org_id, facts, late)) <= 0)
		return overdue;
	return gn_call_refuse_field(call, "result", "检查项 %s 不能记为符合（--result）：%s（Art 21、Art 25）",
				    INSPECT_SECURITY_ITEM, late);
}
