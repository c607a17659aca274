/*
 * monthly.c — the inspect plugin's section of the monthly report:
 * inspections carried out and rectification orders issued in the month,
 * and the orders still open (Art 28–29).
 */
#include "config.h"
#include "inspect.h"
#include "../../lib/report/monthly.h"

#include "govnet/banned.h"

#define MOVES_IN_MONTH(verb) MONTHLY_MOVES("inspect", verb)

int inspect_monthly(struct gn_call *call)
{
	struct monthly m;

	if (monthly_begin(call, &m, "inspections", "监督检查与整改"))
		return -1;
	return monthly_count(&m, "inspected", "本月检查", MOVES_IN_MONTH("start")) ||
	       monthly_count(&m, "ordered", "本月下达整改", MOVES_IN_MONTH("order")) ||
	       /* Open now: ordered and not yet closed, answered or not. */
	       monthly_count(&m, "open_orders", "未完成整改",
			     "SELECT count(*) FROM inspect_inspection i JOIN org o ON o.id = i.org_id"
			     " WHERE i.state IN ('ordered', 'responded') AND o.path LIKE ?1 || '%'"
			     " AND ?2 IS NOT NULL") ? -1 : 0;
}
