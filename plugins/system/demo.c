/*
 * demo.c — information systems in every state across the city and the
 * counties, some with 等保 evaluations or 密评 about to fall due or
 * overdue, made through the plugin's own actions as the departments and
 * operators would have, at the times they would have.  The domain names
 * and blocks are those of the domain and ip plugins' demos.
 */
#include "system.h"

#include <stdio.h>
#include "govnet/banned.h"

static const struct {
	const char *dept, *operator, *org, *name, *url, *domain, *block;
	const char *level, *exchange;
	int cii;
	int days_ago, evaluated_ago, crypto_ago; /* evaluated and crypto: 0 for never */
	const char *result, *story;
} systems[] = {
	{ "dh_jyj", "dh_dsj", "东海县教育局", "中小学招生报名系统", "https://zsbm.donghai.zwww.lyg.gov.cn/",
	  "zsbm.donghai.zwww.lyg.gov.cn", "10.36.4.10/32", "3", "sez", 0, 400, 350, 340, "pass",
	  "file@0 test@20 golive@30" },
	{ "sgaj", "dsj", "市公安局", "交通违法查询平台", "https://gaj.zwww.lyg.gov.cn/wfcx", "gaj.zwww.lyg.gov.cn/a",
	  NULL, "3", "sez", 1, 500, 380, 300, "pass", "file@0 test@10 golive@14" },
	{ "sgaj", "dsj", "市公安局", "出入境预约系统", "https://gaj.zwww.lyg.gov.cn/crj", NULL, NULL, "4", "none", 1,
	  300, 170, 200, "pass", "file@0 test@5 golive@9" },
	{ "gy_wjw", "gy_dsj", "赣榆区卫生健康委员会", "区域健康信息平台", "http://jkpt.ganyu.zwww.lyg.gov.cn/",
	  "jkpt.ganyu.zwww.lyg.gov.cn", "10.35.16.0/25", "3", "sez", 0, 200, 100, 90, "pass",
	  "file@0 test@6 golive@10 change@150" },
	{ "gy_wjw", "gy_dsj", "赣榆区卫生健康委员会", "预约挂号系统", "https://wjw.ganyu.zwww.lyg.gov.cn/yygh",
	  "wjw.ganyu.zwww.lyg.gov.cn", NULL, "2", "none", 0, 30, 0, 0, "fail", "file@0 test@20" },
	{ "gyun_wjw", "gyun_dsj", "灌云县卫生健康委员会", "远程会诊系统", "https://ychz.guanyun.example/", NULL, NULL, "3",
	  "none", 0, 12, 0, 0, "pass", "file@2" },
	{ "hz_jyj", "hz_dsj", "海州区教育局", "教育装备管理系统", "http://10.34.8.20/zbgl", NULL, NULL, "2", "none", 0, 3,
	  0, 0, "pass", "" },
	{ "gn_mzj", "gn_dsj", "灌南县民政局", "养老服务旧平台", "http://10.38.2.15/ylfw", NULL, NULL, "2", "none", 0, 900,
	  700, 0, "pass", "file@0 test@8 golive@10 retire@800" },
};

static void date_ago(struct gn_demo *demo, int days, char out[32])
{
	gn_demo_ago(demo, days, out);
	out[10] = '\0';
}

static int play(struct gn_demo *demo, size_t i)
{
	const struct gn_demo_cast cast = { .dept = systems[i].dept, .operator = systems[i].operator };
	char at[32], evaluated[32], crypto[32];
	const char *texts[] = {
		"test", "result", systems[i].result,
		"change", "what", "新增互联网医院入口域名，调整对外交互",
		"retire", "reason", "业务并入省级平台",
		NULL,
	};
	const char *args[32] = {
		"org", systems[i].org, "name", systems[i].name, "url", systems[i].url, "level", systems[i].level,
		"exchange", systems[i].exchange, "purpose", "面向本部门业务与公众服务",
		"hosting", i % 3 ? "cloud" : "own", "filing-no", "32070099000100-1",
	};
	size_t n = 16;
	int64_t id;

	gn_demo_ago(demo, systems[i].days_ago + 0.25, at);
	if (systems[i].evaluated_ago) {
		date_ago(demo, systems[i].evaluated_ago, evaluated);
		args[n++] = "evaluated", args[n++] = evaluated;
	}
	if (systems[i].crypto_ago) {
		date_ago(demo, systems[i].crypto_ago, crypto);
		args[n++] = "crypto", args[n++] = "passed", args[n++] = "crypto-date", args[n++] = crypto;
	}
	if (systems[i].domain)
		args[n++] = "domain", args[n++] = systems[i].domain;
	if (systems[i].block)
		args[n++] = "block", args[n++] = systems[i].block;
	if (systems[i].cii)
		args[n++] = "cii", args[n++] = "1";
	args[n] = NULL;
	if (gn_demo_run(demo, cast.dept, at, "new", args, &id))
		return -1;
	return gn_demo_story(demo, id, at, &cast, systems[i].story, texts);
}

int system_demo(struct gn_demo *demo)
{
	for (size_t i = 0; i < sizeof systems / sizeof systems[0]; i++) {
		int rc = play(demo, i);
		/* The domains and blocks come from plugins whose demos may run
		 * after this one: wait for them when the first finds none. */
		if (rc && i == 0)
			return GN_DEMO_LATER;
		if (rc)
			return -1;
	}
	return 0;
}
