/*
 * obligation.c — the 等保 evaluations and 密评 a system owes on calendar
 * dates (Art 21, 25), shown by `govnet due` and the Overview.  The periods
 * are in the tables below, each citing where it comes from; a date is the
 * last evaluation plus the period, or the filing date when there has been
 * none (an unevaluated system owes one before it goes live).
 */
#include "system.h"

#include <stdio.h>
#include "govnet/banned.h"

/* 等保测评: how often each level is evaluated, in months (0: no fixed period). */
static const struct {
	int level, months;
	const char *source;
} dengbao_periods[] = {
	/* 第一级: self-protection, no evaluation is required. */
	{ .level = 1, .months = 0, .source = "GB/T 22239-2019 第一级：自主保护，不要求定期测评" },
	/* No national rule fixes a period for 第二级; the city's practice is
	 * every two years. */
	{ .level = 2, .months = 24, .source = "本市政务外网运行管理要求：第二级每两年一次" },
	{ .level = 3, .months = 12, .source = "《信息安全等级保护管理办法》（公通字〔2007〕43号）第十四条：第三级每年至少一次" },
	{ .level = 4, .months = 6, .source = "《信息安全等级保护管理办法》（公通字〔2007〕43号）第十四条：第四级每半年至少一次" },
	/* 第五级 is evaluated on its special needs, never less often than 第四级. */
	{ .level = 5, .months = 6, .source = "《信息安全等级保护管理办法》（公通字〔2007〕43号）第十四条：第五级依据特殊安全需求" },
};

/* 密评: who needs one and how often. */
#define MIMA_MIN_LEVEL 3 /* and every 关键信息基础设施 */
#define MIMA_MONTHS 12   /* 《商用密码管理条例》（2023）第六十条：投入运行后每年至少一次 */

static int period_of(int64_t level)
{
	for (size_t i = 0; i < sizeof dengbao_periods / sizeof dengbao_periods[0]; i++)
		if (dengbao_periods[i].level == level)
			return dengbao_periods[i].months;
	return 0;
}

/* Sets (or removes, when months is 0 or the system is not filed) one
 * obligation: last + months, or the filing date when never evaluated. */
static int set_one(struct gn_call *call, int64_t id, int64_t org, const char *kind, const char *filed,
		   const char *last, int months, const char *what)
{
	sqlite3_stmt *st;
	char due[16] = "", modifier[24];

	if (months && filed) {
		snprintf(modifier, sizeof modifier, "+%d months", months);
		if (!(st = gn_call_query(call, "SELECT coalesce(date(?1, ?2), substr(?3, 1, 10))", "zzt", last, modifier,
					 filed)))
			return -1;
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(due, sizeof due, "%s", (const char *)sqlite3_column_text(st, 0));
		gn_call_done(call, st);
	}
	return gn_call_obligation(call, id, kind, org, "Art 21", what, due, GN_ROLE_DEPT);
}

int system_obligations(struct gn_call *call, int64_t id)
{
	sqlite3_stmt *st = gn_call_query(call,
					 "SELECT org_id, level, cii, filed_at, evaluated_on, crypto_on, state = 'retired'"
					 " FROM system WHERE id = ?1",
					 "i", id);
	char filed[40] = "", evaluated[16] = "", crypto[16] = "", what[64];
	int64_t org = 0, level = 0, cii = 0, retired = 0;
	int months, rc;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		org = sqlite3_column_int64(st, 0);
		level = sqlite3_column_int64(st, 1);
		cii = sqlite3_column_int64(st, 2);
		if (sqlite3_column_text(st, 3))
			snprintf(filed, sizeof filed, "%s", (const char *)sqlite3_column_text(st, 3));
		if (sqlite3_column_text(st, 4))
			snprintf(evaluated, sizeof evaluated, "%s", (const char *)sqlite3_column_text(st, 4));
		if (sqlite3_column_text(st, 5))
			snprintf(crypto, sizeof crypto, "%s", (const char *)sqlite3_column_text(st, 5));
		retired = sqlite3_column_int64(st, 6);
	}
	gn_call_done(call, st);
	const char *f = *filed && !retired ? filed : NULL;

	months = period_of(level);
	snprintf(what, sizeof what, "等保测评（第%lld级，每%d个月）", (long long)level, months);
	rc = set_one(call, id, org, "dengbao", f, *evaluated ? evaluated : NULL, months, what);
	if (rc)
		return rc;
	months = level >= MIMA_MIN_LEVEL || cii ? MIMA_MONTHS : 0;
	snprintf(what, sizeof what, "商用密码应用安全性评估（每%d个月）", months);
	return set_one(call, id, org, "mima", f, *crypto ? crypto : NULL, months, what);
}
