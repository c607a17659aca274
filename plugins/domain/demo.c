/*
 * demo.c — the demo's names: the extranet's name servers and
 * portal, and systems of city and county departments, each entered by the
 * operator of the level that allocates it (Art 20).  The addresses are in
 * the blocks the ip plugin's demo allocates (plugins/ip/demo.c) and the
 * names in the zones the zone plugin's demo registers (plugins/zone/demo.c).
 */
#include "config.h"
#include "domain.h"
#include "govnet/banned.h"

static const struct {
	const char *login, *name, *type, *value, *org;
} records[] = {
	{ "dsj", "ns1.zwww.lyg.gov.cn", "A", "10.32.4.53", "320700-DSJ" },
	{ "dsj", "ns2.zwww.lyg.gov.cn", "A", "10.32.4.54", "320700-DSJ" },
	{ "dsj", "ns1.zwww.lyg.gov.cn", "AAAA", "2001:db8:3200:100::53", "320700-DSJ" },
	{ "dsj", "ns2.zwww.lyg.gov.cn", "AAAA", "2001:db8:3200:100::54", "320700-DSJ" },
	{ "dsj", "zwww.lyg.gov.cn", "TXT", "连云港市电子政务外网（连政办发〔2023〕55号）", "320700" },
	{ "dsj", "www.zwww.lyg.gov.cn", "A", "10.32.4.80", "320700-DSJ" },
	{ "dsj", "www.zwww.lyg.gov.cn", "AAAA", "2001:db8:3200:100::80", "320700-DSJ" },
	{ "dsj", "门户.zwww.lyg.gov.cn", "CNAME", "www.zwww.lyg.gov.cn", "320700-DSJ" },
	{ "dsj", "gaj.zwww.lyg.gov.cn", "A", "10.32.8.10", "320700001" },
	{ "dsj", "gaj.zwww.lyg.gov.cn", "AAAA", "2001:db8:3200:200::10", "320700001" },
	{ "dsj", "jyj.zwww.lyg.gov.cn", "A", "10.32.12.10", "320700002" },
	{ "dsj", "wjw.zwww.lyg.gov.cn", "A", "10.32.20.10", "320700003" },
	{ "dh_dsj", "jyj.donghai.zwww.lyg.gov.cn", "A", "10.36.4.10", "320722001" },
	{ "dh_dsj", "jyj.donghai.zwww.lyg.gov.cn", "AAAA", "2001:db8:3204:100::10", "320722001" },
	{ "dh_dsj", "zsbm.donghai.zwww.lyg.gov.cn", "CNAME", "jyj.donghai.zwww.lyg.gov.cn", "320722001" },
	{ "gy_dsj", "wjw.ganyu.zwww.lyg.gov.cn", "A", "10.35.16.10", "320707003" },
	{ "gy_dsj", "jkpt.ganyu.zwww.lyg.gov.cn", "A", "10.35.16.20", "320707003" },
};

int domain_demo(struct gn_demo *d)
{
	for (size_t i = 0; i < sizeof records / sizeof records[0]; i++) {
		int rc = gn_demo_run(d, records[i].login, NULL, "add",
				     (const char *const[]){ "name", records[i].name, "type", records[i].type, "value",
							    records[i].value, "org", records[i].org, NULL },
				     NULL);
		/* Zones and blocks come from plugins whose demos run after this
		 * one: wait for them when the first name finds none. */
		if (rc && i == 0)
			return GN_DEMO_LATER;
		if (rc)
			return -1;
	}
	return 0;
}
