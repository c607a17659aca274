/*
 * monthly.c — the access plugin's section of the monthly report: requests
 * received, approved, rejected and returned in the month (Art 10–11), as
 * the workflow's history records the moves (monthly.h).
 */
#include "config.h"
#include "access.h"
#include "../../lib/report/monthly.h"

#include "govnet/banned.h"

/* Moves of a request in the month within the organisation's subtree; a
 * resubmission is not a new request. */
#define MOVES_IN_MONTH(verb) MONTHLY_MOVES("access", verb)

static const struct {
	const char *metric, *title, *sql;
} access_figures[] = {
	{ "received", "受理", MOVES_IN_MONTH("submit") },    /* Art 10 */
	{ "approved", "批准", MOVES_IN_MONTH("approve") },   /* Art 11 */
	{ "rejected", "不予批准", MOVES_IN_MONTH("reject") }, /* Art 11 */
	{ "returned", "退回补充", MOVES_IN_MONTH("return") }, /* Art 11 */
};

int access_monthly(struct gn_call *call)
{
	struct monthly m;

	if (monthly_begin(call, &m, "requests", "接入申请"))
		return -1;
	for (size_t i = 0; i < sizeof access_figures / sizeof access_figures[0]; i++)
		if (monthly_count(&m, access_figures[i].metric, access_figures[i].title, access_figures[i].sql))
			return -1;
	return 0;
}
