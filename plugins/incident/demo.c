/*
 * demo.c — incidents of every grade in several counties, open and closed,
 * one node cut off and not yet reconnected, and the plans and drills of a
 * few organisations, one drill long overdue; made through the plugin's own
 * actions as the demo logins would have, at the times they would have.
 */
#include "incident.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

static const struct {
	struct gn_demo_cast cast;
	const char *org, *title, *grade;
	double days_ago;
	const char *story;
} incidents[] = {
	{ { "dh_jyj", "dh_zwb", "dh_dsj" }, "东海县教育局", "教育城域网出口异常流量", "较大", 20, "locate@0 analyse@1" },
	{ { "sgaj", "zwb", "dsj" }, "市公安局", "视频专网终端感染挖矿程序", "重大", 60,
	  "locate@0 analyse@1 handle@2 close@4" },
	{ { "gy_wjw", "gy_zwb", "gy_dsj" }, "赣榆区卫生健康委员会", "预约挂号系统遭暴力破解", "一般", 40,
	  "locate@1 analyse@2 handle@5 close@7 reopen@20 handle@22" },
	{ { "gyun_wjw", "gyun_zwb", "gyun_dsj" }, "灌云县卫生健康委员会", "卫生院终端向外网扫描", "特别重大", 2,
	  "locate@0" },
	{ { "hz_jyj", "hz_zwb", "hz_dsj" }, "海州区教育局", "网站首页被篡改", "较大", 0.1, "" },
};

static const char *const texts[] = {
	"locate", "comment", "流量来自三层机房汇聚交换机下的两台终端",
	"analyse", "comment", "终端未安装防病毒软件，被植入恶意程序",
	"handle", "comment", "隔离终端、清除恶意程序、修改口令并加固边界策略",
	"close", "summary", "原因：终端防护缺失；影响：出口带宽占满约 2 小时；已整改并复查",
	"reopen", "reason", "复查发现同类告警再次出现",
	NULL,
};

/* Plans, assessments and drills: who recorded them, and how long ago. */
static const struct {
	const char *login, *org, *kind, *version;
	int days_ago;
} preps[] = {
	{ "dsj", "320700", "plan", "2025 版", 200 },
	{ "dsj", "320700", "risk", NULL, 100 },
	{ "dsj", "320700", "drill", NULL, 60 },
	{ "dh_jyj", "东海县教育局", "plan", "V1.2", 300 },
	{ "dh_jyj", "东海县教育局", "drill", NULL, 380 },
	{ "gy_wjw", "赣榆区卫生健康委员会", "risk", NULL, 150 },
};

static int play(struct gn_demo *demo, size_t i)
{
	char at[32];
	int64_t id;
	const char *args[] = { "org", incidents[i].org, "title", incidents[i].title, "grade", incidents[i].grade,
			       "description", "值班监测告警", NULL };

	gn_demo_ago(demo, incidents[i].days_ago, at);
	if (gn_demo_run(demo, incidents[i].cast.operator, at, "new", args, &id))
		return -1;
	return gn_demo_story(demo, id, at, &incidents[i].cast, incidents[i].story, texts);
}

int incident_demo(struct gn_demo *demo)
{
	/* Incidents come last: their observables link to the address blocks
	 * and domain records the ip and domain demos make, loaded after this
	 * plugin.  The core runs a demo that waits once more, at the end. */
	static int waited;
	char at[32], date[11];

	if (!waited++)
		return GN_DEMO_LATER;

	for (size_t i = 0; i < sizeof incidents / sizeof incidents[0]; i++)
		if (play(demo, i))
			return -1;
	/* 灌云县's node is cut off for the open 特别重大 incident (#4). */
	gn_demo_ago(demo, 1.5, at);
	const char *cut[] = { "id", "3", "incident", "4", "reason", "终端持续向外网扫描，影响政务外网运行", NULL };
	if (gn_demo_run(demo, "gyun_dsj", at, "disconnect", cut, NULL))
		return -1;
	/* 东海县's open incident (#1): the department's task, one done by the
	 * operator, and the address seen, linked to the department's block. */
	char due[11];
	gn_demo_ago(demo, -5, at);
	snprintf(due, sizeof due, "%.10s", at);
	gn_demo_ago(demo, 18.8, at);
	const char *task[] = { "id", "1", "title", "排查汇聚交换机下的两台终端", "owner", "东海县教育局", "login", "dh_jyj",
			       "due", due, NULL };
	const char *check[] = { "id", "1", "title", "核对出口流量日志", "owner", "东海县", NULL };
	const char *seen[] = { "id", "1", "kind", "ip", "value", "10.36.4.10", "note", "异常流量的源地址", NULL };
	const char *done[] = { "id", "2", "result", "确认流量来自两台终端", NULL };
	if (gn_demo_run(demo, "dh_dsj", at, "task add", task, NULL) || gn_demo_run(demo, "dh_dsj", at, "task add", check, NULL) ||
	    gn_demo_run(demo, "dh_dsj", at, "observable add", seen, NULL))
		return -1;
	gn_demo_ago(demo, 18.4, at);
	if (gn_demo_run(demo, "dh_dsj", at, "task done", done, NULL))
		return -1;
	for (size_t i = 0; i < sizeof preps / sizeof preps[0]; i++) {
		gn_demo_ago(demo, preps[i].days_ago, at);
		snprintf(date, sizeof date, "%.10s", at);
		const char *args[] = { "org", preps[i].org, "kind", preps[i].kind, "date", date,
				       preps[i].version ? "version" : NULL, preps[i].version, NULL };
		if (gn_demo_run(demo, preps[i].login, at, "prep add", args, NULL))
			return -1;
	}
	return 0;
}
