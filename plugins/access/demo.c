/*
 * demo.c — access requests in every state across the counties, some of
 * them overdue, made through the plugin's own actions as the demo logins
 * would have made them, at the times they would have.
 */
#include "access.h"

#include <stdio.h>
#include "govnet/banned.h"

/* Who files for each department (Art 12), as that department. */
static const struct {
	const char *login, *org, *leader, *unit, *person, *phone;
} filings[] = {
	{ "dh_jyj", "东海县教育局", "刘副局长", "信息中心", "郑老师", "13805130001" },
	{ "gy_wjw", "赣榆区卫生健康委员会", "马副主任", "信息科", "冯医生", "13805130002" },
	{ "sgaj", "市公安局", "杨副局长", "科技信息化处", "韩警官", "13805130003" },
	{ "hz_jyj", "海州区教育局", "许副局长", "电教馆", "何老师", "13805130004" },
	{ "gyun_wjw", "灌云县卫生健康委员会", "吕副主任", "信息科", "施医生", "13805130005" },
	{ "gn_mzj", "灌南县民政局", "张副局长", "办公室", "孔科员", "13805130006" },
};

/*
 * Each request: its department, the offices and operators that handle it,
 * when it started (days ago), and its story — verbs with the day each was
 * taken, counted from the start.
 */
static const struct {
	int filing;      /* index into filings */
	const char *office, *operator;
	int days_ago;
	int traffic, cross_level;
	const char *reason, *story;
} requests[] = {
	{ 0, "dh_zwb", "dh_dsj", 1, 200, 0, "新建校区教学楼接入政务外网", "" },
	{ 0, "dh_zwb", "dh_dsj", 3, 100, 0, "教育考试视频巡查系统上线", "submit@0" },
	{ 0, "dh_zwb", "dh_dsj", 40, 300, 0, "乡镇中心校视频会议接入", "submit@0" },
	{ 0, "dh_zwb", "dh_dsj", 12, 100, 0, "县教师发展中心录播系统接入", "submit@0" },
	{ 1, "gy_zwb", "gy_dsj", 25, 500, 0, "区人民医院互联网医院平台接入", "submit@0 return@3" },
	{ 1, "gy_zwb", "gy_dsj", 30, 80, 0, "社区卫生服务中心公卫系统接入", "submit@0 return@2 resubmit@8" },
	{ 1, "gy_zwb", "gy_dsj", 12, 150, 0, "疾控中心监测系统接入", "submit@0 approve@6" },
	{ 1, "gy_zwb", "gy_dsj", 90, 1000, 0, "全民健康信息平台扩容", "submit@0 approve@4 plan@10" },
	{ 2, "zwb", "dsj", 20, 2000, 1, "市县两级公安视频专网整合", "submit@0" },
	{ 2, "zwb", "dsj", 60, 400, 0, "交警指挥中心信号系统接入", "submit@0 approve@5 plan@9 implement@30" },
	{ 2, "zwb", "dsj", 120, 600, 0, "出入境自助办证点接入", "submit@0 approve@9 plan@20 implement@70" },
	{ 3, "hz_zwb", "hz_dsj", 15, 50, 0, "教育装备管理系统接入", "submit@0 reject@4" },
	{ 3, "hz_zwb", "hz_dsj", 10, 60, 0, "幼儿园监控平台接入", "submit@0 withdraw@2" },
	{ 4, "gyun_zwb", "gyun_dsj", 150, 300, 0, "乡镇卫生院远程会诊接入", "submit@0 approve@3 plan@8 implement@25 request-revocation@100" },
	{ 4, "gyun_zwb", "gyun_dsj", 160, 100, 0, "妇幼保健院旧机房线路", "submit@0 approve@3 plan@8 implement@20 request-revocation@90 forward@95" },
	{ 5, "gn_zwb", "gn_dsj", 200, 80, 0, "养老服务中心旧办公点", "submit@0 approve@2 plan@5 implement@15 request-revocation@150 forward@152 revoke@158" },
	{ 5, "gn_zwb", "gn_dsj", 5, 120, 0, "社会救助信息系统接入", "submit@0 approve@2" },
};

/* The text fields the story's verbs need (gn_demo_story). */
static const char *const texts[] = {
	"return", "comment", "请补充网络拓扑图和等保测评报告",
	"reject", "reason", "已有同类系统接入，需求重复",
	"request-revocation", "reason", "机构调整，不再需要该节点",
	"plan", "plan", "裸纤接入汇聚节点，部署边界防火墙，割接安排在周末",
	"revoke", "reason", "机构调整，节点撤销",
	NULL,
};

static int play(struct gn_demo *demo, size_t r)
{
	const struct gn_demo_cast cast = {
		.dept = filings[requests[r].filing].login,
		.office = requests[r].office,
		.operator = requests[r].operator,
	};
	char at[32], traffic[16];
	int64_t id;

	gn_demo_ago(demo, requests[r].days_ago + 0.25, at);
	snprintf(traffic, sizeof traffic, "%d", requests[r].traffic);
	const char *args[] = {
		"org", filings[requests[r].filing].org, "reason", requests[r].reason,
		"scope", "本单位及下属机构", "location", "办公楼三层机房", "traffic", traffic,
		"tech", "双链路接入，具备边界防火墙（Art 23）", requests[r].cross_level ? "cross-level" : NULL, "1",
		NULL,
	};
	if (gn_demo_run(demo, cast.dept, at, "new", args, &id))
		return -1;
	return gn_demo_story(demo, id, at, &cast, requests[r].story, texts);
}

int access_demo(struct gn_demo *demo)
{
	char at[32];

	gn_demo_ago(demo, 400, at);
	for (size_t i = 0; i < sizeof filings / sizeof filings[0]; i++) {
		const char *args[] = { "org", filings[i].org, "leader", filings[i].leader, "unit", filings[i].unit,
				       "person", filings[i].person, "phone", filings[i].phone, NULL };
		if (gn_demo_run(demo, filings[i].login, at, "filing set", args, NULL))
			return -1;
	}
	for (size_t r = 0; r < sizeof requests / sizeof requests[0]; r++)
		if (play(demo, r))
			return -1;
	return 0;
}
