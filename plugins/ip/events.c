/*
 * events.c — what the address plan hears of other components' changes:
 * an access node revoked releases its blocks (Art 17, node.c), and a
 * domain record's address must lie in a block allocated to the record's
 * own organisation (Art 19–20).
 */
#include "config.h"
#include "ip.h"

#include <string.h>
#include "govnet/banned.h"

/* `domain add` of an A or AAAA record: refused, with the whole change,
 * when the address is not in a block allocated to the record's owner. */
static int check_record_address(struct gn_call *call)
{
	const char *type = gn_call_arg(call, "type"), *value = gn_call_arg(call, "value");
	char text[IPAM_TEXT_MAX];
	struct gn_org owner;
	struct u128 addr;
	int64_t org;
	int family, rc;

	if (!type || (strcmp(type, "A") != 0 && strcmp(type, "AAAA") != 0))
		return 0;
	/* The domain plugin has checked the value against its type. */
	if (!value || ipam_parse_addr(value, &family, &addr))
		return 0;
	/* The record's owner, as given to the domain plugin. */
	if ((org = gn_call_arg_org(call, "org")) <= 0)
		return org < 0 ? -1 : 0;
	if ((rc = ipam_addr_owned(call, family, addr, org)) < 0)
		return ip_store_error(call);
	if (rc)
		return 0;
	if (gn_call_org(call, org, &owner))
		return -1;
	ipam_format_addr(family, addr, text, sizeof text);
	/* Named as the record's value: an import names its column, a form
	 * shows the message beside it. */
	return gn_call_refuse_field(call, "value", "地址 %s 不在已分配给%s的网段内（见「地址规划」，Art 19–20）",
				    text, owner.name);
}

int ip_on_event(struct gn_call *call)
{
	const char *component = gn_call_component(call), *verb = gn_call_verb(call);

	if (strcmp(component, "node") == 0 && strcmp(verb, "revoked") == 0)
		return ip_node_revoked(call);
	if (strcmp(component, "domain") == 0 && strcmp(verb, "add") == 0)
		return check_record_address(call);
	return 0;
}
