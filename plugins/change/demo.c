/*
 * demo.c — maintenance notices coming, past, late by emergency and
 * cancelled; departments' changes in every state; two counties' filings
 * with the city office.  All through the plugin's own actions, as the
 * demo logins would have taken them.
 */
#include "change.h"

#include <stdio.h>
#include "govnet/banned.h"

/* A local time "YYYY-MM-DDTHH:MM" on the day `days` ago (negative: ahead). */
static void day_at(struct gn_demo *demo, double days, const char *hhmm, char out[17])
{
	char at[32];

	gn_demo_ago(demo, days, at);
	snprintf(out, 17, "%.10sT%s", at, hhmm);
}

static const struct {
	const char *login, *affects, *what, *impact;
	double issued, start; /* days ago; negative is ahead */
	const char *from, *to;
	int emergency;
	const char *cancelled; /* the reason, or NULL */
} notices[] = {
	{ "dh_dsj", "东海县教育局", "县级汇聚交换机软件升级", "教育局及下属学校断网约 30 分钟", 1, -10, "22:00", "23:30", 0, NULL },
	{ "dsj", "市公安局", "市级核心路由器调试", "跨县区业务短时中断", 2, -15, "21:00", "23:00", 0, NULL },
	{ "gy_dsj", "赣榆区卫生健康委员会", "区级出口防火墙策略升级", "互联网医院平台访问中断", 30, 20, "22:00", "23:59", 0, NULL },
	{ "dh_dsj", "东海县教育局", "汇聚链路故障抢修", "教育局业务中断约 1 小时", 3, 2, "02:00", "04:00", 1, NULL },
	{ "hz_dsj", "海州区教育局", "接入交换机固件升级", "电教馆断网约 20 分钟", 5, -12, "22:00", "23:00", 0,
	  "厂商补丁撤回，另行安排" },
};

static int demo_notices(struct gn_demo *demo)
{
	char at[32], start[17], end[17];
	int64_t id;

	for (size_t i = 0; i < sizeof notices / sizeof notices[0]; i++) {
		gn_demo_ago(demo, notices[i].issued, at);
		day_at(demo, notices[i].start, notices[i].from, start);
		day_at(demo, notices[i].start, notices[i].to, end);
		const char *args[] = { "what", notices[i].what, "start", start, "end", end, "affects", notices[i].affects,
				       "impact", notices[i].impact,
				       notices[i].emergency ? "emergency" : NULL, "1", "reason", "链路中断，须立即处置", NULL };
		if (gn_demo_run(demo, notices[i].login, at, "notice", args, &id))
			return -1;
		if (notices[i].cancelled) {
			char nid[24];
			snprintf(nid, sizeof nid, "%lld", (long long)id);
			gn_demo_ago(demo, notices[i].issued - 3, at);
			const char *cancel[] = { "id", nid, "reason", notices[i].cancelled, NULL };
			if (gn_demo_run(demo, notices[i].login, at, "cancel", cancel, NULL))
				return -1;
		}
	}
	return 0;
}

/* Departments' changes (Art 15 ¶2), one in each state. */
static const struct {
	struct gn_demo_cast cast;
	const char *org, *what;
	double days_ago;
	const char *story;
} requests[] = {
	{ { "dh_jyj", "dh_zwb", "dh_dsj" }, "东海县教育局", "校园网核心交换机更换", 1, "" },
	{ { "gy_wjw", "gy_zwb", "gy_dsj" }, "赣榆区卫生健康委员会", "院内网络分区改造", 4, "approve@1" },
	{ { "sgaj", "zwb", "dsj" }, "市公安局", "视频专网边界设备调试", 9, "approve@1 done@3" },
	{ { "hz_jyj", "hz_zwb", "hz_dsj" }, "海州区教育局", "教学楼网络割接", 6, "reject@1" },
	{ { "dh_jyj", "dh_zwb", "dh_dsj" }, "东海县教育局", "机房空调检修断电", 8, "withdraw@1" },
};

static const char *const texts[] = {
	"reject", "reason", "正值考试期间，请改期后重新申请",
	NULL,
};

static int demo_requests(struct gn_demo *demo)
{
	char at[32], when[17];
	int64_t id;

	for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++) {
		gn_demo_ago(demo, requests[i].days_ago, at);
		day_at(demo, requests[i].days_ago - 5, "20:00", when);
		const char *args[] = { "org", requests[i].org, "what", requests[i].what, "when", when,
				       "impact", "可能影响本部门访问政务外网约 1 小时", NULL };
		if (gn_demo_run(demo, requests[i].cast.dept, at, "apply", args, &id) ||
		    gn_demo_story(demo, id, at, &requests[i].cast, requests[i].story, texts))
			return -1;
	}
	return 0;
}

/* Two counties' major changes filed with the city office (Art 7). */
static int demo_filings(struct gn_demo *demo)
{
	char at[32], when[17], nid[24];
	int64_t id;

	gn_demo_ago(demo, 20, at);
	day_at(demo, -40, "00:00", when);
	when[10] = '\0';
	const char *dh[] = { "org", "东海县", "what", "县级政务外网核心节点迁移至新数据中心", "purpose", "原机房改造，容量不足",
			     "when", when, NULL };
	if (gn_demo_run(demo, "dh_zwb", at, "file", dh, &id))
		return -1;
	snprintf(nid, sizeof nid, "%lld", (long long)id);
	gn_demo_ago(demo, 18, at);
	const char *ack[] = { "id", nid, NULL };
	if (gn_demo_run(demo, "zwb", at, "acknowledge", ack, NULL))
		return -1;
	gn_demo_ago(demo, 4, at);
	const char *gy[] = { "org", "赣榆区", "what", "乡镇接入链路扩容至千兆", "purpose", "视频会议与医疗业务增长",
			     "when", when, NULL };
	return gn_demo_run(demo, "gy_zwb", at, "file", gy, NULL);
}

int change_demo(struct gn_demo *demo)
{
	return demo_notices(demo) || demo_requests(demo) || demo_filings(demo) ? -1 : 0;
}
