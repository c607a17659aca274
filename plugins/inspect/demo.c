/*
 * demo.c — a year of inspections across the counties: passed, failed with
 * findings, orders closed, open and overdue, one obstructed, the next
 * periodic one planned; a county's own checklist item (Art 30); and two
 * circulars.  Made through the plugin's own actions, as the demo logins
 * would have made them, at the times they would have.
 */
#include "inspect.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* A finding: the item that failed, its severity and what was found. */
struct demo_finding {
	const char *item, *severity, *finding;
};

static const struct demo_finding usb_found[] = {
	{ "dedicated", "serious", "财务科两台外网终端同时用于处理互联网邮件" },
	{ "usb-control", "major", "未对终端 USB 存储设备进行管控" },
	{ NULL },
};
static const struct demo_finding wifi_found[] = {
	{ "no-internet", "serious", "机房一台终端插有无线网卡，可同时连接互联网" },
	{ NULL },
};
static const struct demo_finding org_found[] = {
	{ "organisation", "minor", "网络安全责任制文件未随机构调整更新" },
	{ NULL },
};
static const struct demo_finding boundary_found[] = {
	{ "boundary", "major", "业务网与政务外网之间未部署访问控制策略" },
	{ "dengbao", "minor", "二级系统等保测评报告已过期" },
	{ NULL },
};

/*
 * Each inspection: the department and who inspects it, when it started
 * (days ago), every how many months it recurs, its findings (NULL: it
 * passed), the county's own item it also runs, and its story after the
 * checks — verbs with the day each was taken, counted from the start.
 */
static const struct {
	const char *dept, *org, *office, *operator;
	int days_ago, every;
	const struct demo_finding *found;
	const char *county_item;
	const char *story;
	int extend_on; /* day the order was extended, 0 for never */
} inspections[] = {
	{ "dh_jyj", "东海县教育局", "dh_zwb", "dh_dsj", 170, 6, NULL, "usb-control", "pass@2", 0 },
	{ "dh_jyj", "东海县教育局", "dh_zwb", "dh_dsj", 40, 0, usb_found, "usb-control", "order@1", 0 },
	{ "gy_wjw", "赣榆区卫生健康委员会", "gy_zwb", "gy_dsj", 300, 0, boundary_found, NULL,
	  "order@1 respond@8 close@12", 0 },
	{ "gy_wjw", "赣榆区卫生健康委员会", "gy_zwb", "gy_dsj", 6, 0, org_found, NULL, "order@1", 0 },
	{ "sgaj", "市公安局", "zwb", "dsj", 250, 0, NULL, NULL, "pass@1", 0 },
	{ "sgaj", "市公安局", "zwb", "dsj", 45, 0, wifi_found, NULL, "order@1 respond@5", 9 },
	{ "hz_jyj", "海州区教育局", "hz_zwb", "hz_dsj", 120, 0, NULL, NULL, "obstruct@0", 0 },
	{ "gyun_wjw", "灌云县卫生健康委员会", "gyun_zwb", "gyun_dsj", 200, 12, org_found, NULL,
	  "order@2 respond@15 close@20", 0 },
	{ "gn_mzj", "灌南县民政局", "gn_zwb", "gn_dsj", -10, 12, NULL, NULL, "", 0 },
};

/* The text fields the story's verbs need (gn_demo_story). */
static const char *const texts[] = {
	"respond", "measures", "已拆除违规设备，修订终端管理制度并组织全员培训",
	"obstruct", "reason", "检查组到场后该局以领导不在为由拒绝开放机房",
	NULL,
};

static int check_all(struct gn_demo *demo, const char *office, const char *at, const char *id, size_t r)
{
	const struct demo_finding *f;

	for (const struct inspect_item *it = inspect_items; it->code || inspections[r].county_item; it++) {
		const char *code = it->code ? it->code : inspections[r].county_item;
		for (f = inspections[r].found; f && f->item && strcmp(f->item, code) != 0; f++)
			;
		const char *args[] = { "id", id, "item", code, "result", f && f->item ? "fail" : "pass",
				       "severity", f && f->item ? f->severity : NULL, "finding", f && f->item ? f->finding : NULL,
				       NULL };
		if (!f || !f->item)
			args[6] = NULL;
		if (gn_demo_run(demo, office, at, "check", args, NULL))
			return -1;
		if (!it->code)
			break;
	}
	return 0;
}

static int play(struct gn_demo *demo, size_t r, int64_t *made)
{
	const struct gn_demo_cast cast = {
		.dept = inspections[r].dept,
		.office = inspections[r].office,
		.operator = inspections[r].operator,
	};
	char planned_at[32], start[32], checked[32], date[11], every[8], id[24];
	int64_t n;

	gn_demo_ago(demo, inspections[r].days_ago + 20, planned_at);
	gn_demo_ago(demo, inspections[r].days_ago, start);
	gn_demo_ago(demo, inspections[r].days_ago - 0.2, checked);
	snprintf(date, sizeof date, "%.10s", start);
	snprintf(every, sizeof every, "%d", inspections[r].every);
	const char *plan[] = { "org", inspections[r].org, "date", date, "inspector", "检查组", "every", every, NULL };
	if (gn_demo_run(demo, cast.office, planned_at, "plan", plan, &n))
		return -1;
	*made = n;
	if (inspections[r].days_ago < 0)
		return 0;
	snprintf(id, sizeof id, "%lld", (long long)n);
	if (strcmp(inspections[r].story, "obstruct@0") == 0)
		return gn_demo_story(demo, n, start, &cast, inspections[r].story, texts);
	if (gn_demo_story(demo, n, start, &cast, "start@0", texts) || check_all(demo, cast.office, checked, id, r) ||
	    gn_demo_story(demo, n, start, &cast, inspections[r].story, texts))
		return -1;
	if (inspections[r].extend_on) {
		char at[32];
		gn_demo_ago(demo, inspections[r].days_ago - inspections[r].extend_on, at);
		const char *extend[] = { "id", id, "reason", "复查发现仍有一台终端可连接互联网", "deadline", "10", NULL };
		if (gn_demo_run(demo, cast.office, at, "extend", extend, NULL))
			return -1;
	}
	return 0;
}

/* Two circulars: the city's on duties not performed, a district's on an
 * obstructed inspection (Art 29). */
static int circulars(struct gn_demo *demo, const int64_t *made)
{
	char at[32], police_id[24], school_id[24], refused_id[24];
	int64_t c;
	char id[24];

	snprintf(police_id, sizeof police_id, "%lld", (long long)made[5]);
	snprintf(school_id, sizeof school_id, "%lld", (long long)made[1]);
	snprintf(refused_id, sizeof refused_id, "%lld", (long long)made[6]);

	gn_demo_ago(demo, 20, at);
	const char *city[] = { "org", "320700", "title", "关于部分单位政务外网安全检查问题整改情况的通报", NULL };
	if (gn_demo_run(demo, "zwb", at, "circular new", city, &c))
		return -1;
	snprintf(id, sizeof id, "%lld", (long long)c);
	const char *police[] = { "id", id, "dept", "市公安局", "ground", "duty",
				 "facts", "检查发现终端可同时连接互联网，限期整改后复查仍未整改到位", "inspection", police_id, NULL };
	const char *school[] = { "id", id, "dept", "东海县教育局", "ground", "duty",
				 "facts", "外网终端未专机专用，未对 USB 存储设备进行管控", "inspection", school_id, NULL };
	const char *issue[] = { "id", id, NULL };
	if (gn_demo_run(demo, "zwb", at, "circular add", police, NULL) ||
	    gn_demo_run(demo, "zwb", at, "circular add", school, NULL) ||
	    gn_demo_run(demo, "zwb", at, "circular issue", issue, NULL))
		return -1;

	gn_demo_ago(demo, 100, at);
	const char *district[] = { "org", "海州区", "title", "关于海州区教育局拒绝政务外网安全检查的通报", NULL };
	if (gn_demo_run(demo, "hz_zwb", at, "circular new", district, &c))
		return -1;
	snprintf(id, sizeof id, "%lld", (long long)c);
	const char *refused[] = { "id", id, "dept", "海州区教育局", "ground", "obstruct",
				  "facts", "检查组依计划到场后，该局拒绝开放机房，检查未能进行", "inspection", refused_id, NULL };
	if (gn_demo_run(demo, "hz_zwb", at, "circular add", refused, NULL) ||
	    gn_demo_run(demo, "hz_zwb", at, "circular issue", issue, NULL))
		return -1;
	return 0;
}

int inspect_demo(struct gn_demo *demo)
{
	int64_t made[sizeof inspections / sizeof inspections[0]];
	char at[32];

	gn_demo_ago(demo, 365, at);
	const char *item[] = { "org", "东海县", "code", "usb-control", "title", "终端 USB 存储设备管控",
			       "article", "东海县属地细则第五条（Art 30）", NULL };
	if (gn_demo_run(demo, "dh_zwb", at, "item add", item, NULL))
		return -1;
	for (size_t r = 0; r < sizeof inspections / sizeof inspections[0]; r++)
		if (play(demo, r, &made[r]))
			return -1;
	return circulars(demo, made);
}
