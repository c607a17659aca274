/*
 * demo.c — the demo database's address plan: the city's extranet pools
 * in 10.32.0.0/12 and 2001:db8:3200::/40, a /16 and a /48 for the city
 * level and for each county-level division, interconnect blocks for the
 * operating agencies, and business and terminal blocks for departments —
 * each taken by the login the rules give it to (Art 18–19).
 */
#include "config.h"
#include "ip.h"

#include <stdio.h>
#include "govnet/banned.h"

/* The county-level divisions in the order their pools are allocated. */
static const struct {
	const char *code, *name;
	const char *operator; /* the county's own operator login, or NULL */
} divisions[] = {
	{ "320703", "连云区", NULL },  { "320706", "海州区", NULL },  { "320707", "赣榆区", "gy_dsj" },
	{ "320722", "东海县", "dh_dsj" }, { "320723", "灌云县", NULL },  { "320724", "灌南县", NULL },
	{ "320771", "连云港经济技术开发区", NULL }, { "320772", "徐圩新区", NULL },
	{ "320773", "连云港高新技术产业开发区", NULL }, { "320774", "云台山风景名胜区", NULL },
};

/* Departments of a county that get blocks in the demo: their code suffix
 * (demo.c numbers them) and name. */
static const struct {
	const char *suffix, *name;
} county_depts[] = {
	{ "001", "教育局" }, { "002", "公安局" }, { "003", "卫生健康委员会" }, { "005", "财政局" },
};

static const struct {
	const char *code, *name;
} city_depts[] = {
	{ "320700001", "市公安局" }, { "320700002", "市教育局" }, { "320700003", "市卫生健康委员会" },
	{ "320700005", "市财政局" }, { "320700006", "市人力资源和社会保障局" }, { "320700010", "市交通运输局" },
};

static int run(struct gn_demo *d, const char *login, const char *verb, const char *const *kv)
{
	return gn_demo_run(d, login, NULL, verb, kv, NULL);
}

static int alloc(struct gn_demo *d, const char *login, const char *parent, const char *len, const char *org,
		 const char *kind, const char *purpose)
{
	return run(d, login, "alloc",
		   (const char *const[]){ "parent", parent, "prefix", len, "org", org, "kind", kind, "purpose", purpose,
					  NULL });
}

/* Pools of one family: the city's, one per division, and a reserve. */
static int pools(struct gn_demo *d, const char *pool, const char *len, const char *family)
{
	char purpose[160];

	snprintf(purpose, sizeof purpose, "连云港市政务外网 %s 地址池", family);
	if (run(d, "dsj", "pool add",
		(const char *const[]){ "cidr", pool, "org", "320700", "kind", "mixed", "purpose", purpose, NULL }))
		return -1;
	snprintf(purpose, sizeof purpose, "市级 %s 地址", family);
	if (alloc(d, "dsj", pool, len, "320700", "mixed", purpose))
		return -1;
	for (size_t i = 0; i < sizeof divisions / sizeof divisions[0]; i++) {
		snprintf(purpose, sizeof purpose, "%s %s 地址池", divisions[i].name, family);
		if (alloc(d, "dsj", pool, len, divisions[i].code, "mixed", purpose))
			return -1;
	}
	return run(d, "dsj", "alloc",
		   (const char *const[]){ "parent", pool, "prefix", len, "org", "320700", "kind", "mixed", "state",
					  "reserved", "purpose", "预留：新设功能板块", NULL });
}

/* Inside one level's block: the agency's interconnect, then departments'
 * business and terminal blocks. */
static int level(struct gn_demo *d, const char *login, const char *block, const char *agency, int v6,
		 int services, const char *const *codes, const char *const *names, size_t n)
{
	char purpose[200];

	if (alloc(d, login, block, v6 ? "56" : "22", agency, "interconnect", "骨干与汇聚互联"))
		return -1;
	/* The city's shared services (DNS, the portal) come next, so that
	 * they sit at 10.32.4.0/24 and 2001:db8:3200:100::/64. */
	if (services &&
	    alloc(d, login, block, v6 ? "64" : "24", agency, "business", "公共服务（DNS、门户）"))
		return -1;
	for (size_t i = 0; i < n; i++) {
		snprintf(purpose, sizeof purpose, "%s业务网", names[i]);
		if (alloc(d, login, block, v6 ? "56" : "22", codes[i], "business", purpose))
			return -1;
		snprintf(purpose, sizeof purpose, "%s办公终端", names[i]);
		if (alloc(d, login, block, v6 ? "56" : "23", codes[i], "terminal", purpose))
			return -1;
	}
	return 0;
}

static int city_level(struct gn_demo *d)
{
	const char *codes[8], *names[8];
	size_t n = sizeof city_depts / sizeof city_depts[0];

	for (size_t i = 0; i < n; i++) {
		codes[i] = city_depts[i].code;
		names[i] = city_depts[i].name;
	}
	return level(d, "dsj", "10.32.0.0/16", "320700-DSJ", 0, 1, codes, names, n) ||
	       level(d, "dsj", "2001:db8:3200::/48", "320700-DSJ", 1, 1, codes, names, n);
}

static int county_level(struct gn_demo *d, size_t k, int third_octet_base)
{
	char v4[32], v6[48], codes_buf[4][16], names_buf[4][128];
	const char *codes[4], *names[4];
	const char *login = divisions[k].operator ? divisions[k].operator : "dsj";
	size_t n = sizeof county_depts / sizeof county_depts[0];

	snprintf(v4, sizeof v4, "10.%d.0.0/16", third_octet_base + (int)k);
	snprintf(v6, sizeof v6, "2001:db8:32%02x::/48", (unsigned)k + 1);
	for (size_t i = 0; i < n; i++) {
		snprintf(codes_buf[i], sizeof codes_buf[i], "%s%s", divisions[k].code, county_depts[i].suffix);
		snprintf(names_buf[i], sizeof names_buf[i], "%s%s", divisions[k].name, county_depts[i].name);
		codes[i] = codes_buf[i];
		names[i] = names_buf[i];
	}
	/* Functional zones have fewer departments in the demo. */
	if (divisions[k].code[4] == '7')
		n = 0;
	return level(d, login, v4, divisions[k].code, 0, 0, codes, names, n) ||
	       level(d, login, v6, divisions[k].code, 1, 0, codes, names, n);
}

int ip_demo(struct gn_demo *d)
{
	if (pools(d, "10.32.0.0/12", "16", "IPv4") ||
	    pools(d, "2001:db8:3200::/40", "48", "IPv6") || city_level(d))
		return -1;
	for (size_t k = 0; k < sizeof divisions / sizeof divisions[0]; k++)
		if (county_level(d, k, 33))
			return -1;
	/* A department manages the addresses inside its own blocks (Art 19):
	 * 东海县教育局 carves a server segment and registers two servers. */
	if (alloc(d, "dh_jyj", "10.36.4.0/22", "26", "320722001", "business", "教育城域网服务器区") ||
	    run(d, "dh_jyj", "assign",
		(const char *const[]){ "cidr", "10.36.4.10/32", "org", "320722001", "purpose", "招生报名系统", NULL }) ||
	    run(d, "dh_jyj", "assign",
		(const char *const[]){ "cidr", "2001:db8:3204:100::10/128", "org", "320722001", "purpose", "招生报名系统",
				       NULL }) ||
	    alloc(d, "gy_wjw", "10.35.16.0/22", "25", "320707003", "business", "全民健康信息平台"))
		return -1;
	/* 市公安局 gives its traffic command centre's node (the access demo's
	 * first, made before this demo runs: plugins load in name order) a
	 * segment of its own; revoking that node releases it (Art 17). */
	return run(d, "sgaj", "assign",
		   (const char *const[]){ "cidr", "10.32.10.0/24", "org", "320700001", "purpose", "交警指挥中心信号系统",
					  "node", "1", NULL });
}
