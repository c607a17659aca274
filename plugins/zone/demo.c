/*
 * demo.c — the demo's zones: the extranet's zone and the subzones it
 * delegates to the county-level divisions (Art 20).
 */
#include "config.h"
#include "zone.h"

#include <stdio.h>
#include "govnet/banned.h"

/* The extranet's zone and a subzone for each county-level division, all
 * registered by the city's operating agency (Art 20). */
int zone_demo(struct gn_demo *d)
{
	static const struct {
		const char *label, *code;
	} subzones[] = {
		{ "lianyun", "320703" }, { "haizhou", "320706" }, { "ganyu", "320707" }, { "donghai", "320722" },
		{ "guanyun", "320723" }, { "guannan", "320724" }, { "jingkai", "320771" }, { "xuwei", "320772" },
		{ "gaoxin", "320773" },  { "yuntai", "320774" },
	};
	char name[128];

	if (gn_demo_run(d, "dsj", NULL, "add",
			(const char *const[]){ "name", DNS_DEFAULT_ZONE, "org", "320700", "ns",
					       "ns1." DNS_DEFAULT_ZONE " ns2." DNS_DEFAULT_ZONE, NULL },
			NULL))
		return -1;
	for (size_t i = 0; i < sizeof subzones / sizeof subzones[0]; i++) {
		snprintf(name, sizeof name, "%s.%s", subzones[i].label, DNS_DEFAULT_ZONE);
		if (gn_demo_run(d, "dsj", NULL, "add", (const char *const[]){ "name", name, "org", subzones[i].code, NULL },
				NULL))
			return -1;
	}
	return 0;
}
