/*
 * node_import.c — `access node import`: an access node that was in service
 * before govnet came, as the operating agency's ledger (台账) lists it.
 * The approval Art 9 requires was given on paper, so the node enters as it
 * is — active, marked imported — through the core's gn_call_node_import,
 * without an access request, workflow history or deadline.  `govnet import
 * node FILE` runs this action for every row of a ledger.
 */
#include "access.h"
#include "govnet/banned.h"

int access_node_import(struct gn_call *call)
{
	int64_t id;

	if (gn_call_node_import(call, gn_call_org_id(call), gn_call_arg(call, "location"),
				gn_call_arg_int(call, "bandwidth", 0), gn_call_arg(call, "since"), &id))
		return -1;
	gn_call_set_id(call, id);
	return 0;
}
