/*
 * demo.c — the demo data set: departments under the city and every
 * county-level division, and a login for every role, all entered through
 * the one door as the administrator who ran `govnet init --demo`, so the
 * demo's audit chain reads like a real one.
 */
#include "config.h"
#include "init.h"
#include "door.h"
#include "registry.h"
#include "clock.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* Departments each county-level division has (prefixed with its name). */
static const char *const county_depts[] = {
	"教育局", "公安局", "卫生健康委员会", "民政局", "财政局", "人力资源和社会保障局",
	"自然资源局", "住房和城乡建设局", "交通运输局", "农业农村局", "市场监督管理局",
	"应急管理局", "司法局", "统计局",
};

static const char *const city_depts[] = {
	"市公安局", "市教育局", "市卫生健康委员会", "市民政局", "市财政局", "市人力资源和社会保障局",
	"市自然资源和规划局", "市生态环境局", "市住房和城乡建设局", "市交通运输局", "市水利局",
	"市农业农村局", "市商务局", "市文化广电和旅游局", "市应急管理局", "市审计局",
	"市市场监督管理局", "市统计局", "市医疗保障局", "市城市管理局", "市司法局", "市信访局",
};

static const char *const zone_depts[] = { "综合办公室", "经济发展局", "社会事业局", "建设局" };

static const struct {
	const char *code, *name;
	int is_zone;
} divisions[] = {
	{ "320703", "连云区", 0 }, { "320706", "海州区", 0 }, { "320707", "赣榆区", 0 },
	{ "320722", "东海县", 0 }, { "320723", "灌云县", 0 }, { "320724", "灌南县", 0 },
	{ "320771", "连云港经济技术开发区", 1 }, { "320772", "徐圩新区", 1 },
	{ "320773", "连云港高新技术产业开发区", 1 }, { "320774", "云台山风景名胜区", 1 },
};

/* A login for every role, at city and county level (Art 6–8). */
static const struct {
	const char *login, *name, *role, *org, *phone;
} demo_logins[] = {
	{ "zwb", "王主任", "office", "320700", "0518-85820001" },
	{ "dsj", "李工", "operator", "320700", "0518-85820002" },
	{ "shenji", "赵审计", "auditor", "320700", "0518-85820003" },
	{ "dh_zwb", "陈科长", "office", "320722", "0518-87220001" },
	{ "dh_dsj", "周工", "operator", "320722", "0518-87220002" },
	{ "dh_admin", "吴管理员", "admin", "320722", "0518-87220003" },
	{ "gy_zwb", "孙科长", "office", "320707", "0518-86220001" },
	{ "gy_dsj", "钱工", "operator", "320707", "0518-86220002" },
	{ "dh_jyj", "郑老师", "dept", "东海县教育局", "13805130001" },
	{ "gy_wjw", "冯医生", "dept", "赣榆区卫生健康委员会", "13805130002" },
	{ "sgaj", "韩警官", "dept", "市公安局", "13805130003" },
	{ "hz_zwb", "蒋科长", "office", "320706", "0518-85520001" },
	{ "hz_dsj", "沈工", "operator", "320706", "0518-85520002" },
	{ "hz_jyj", "何老师", "dept", "海州区教育局", "13805130004" },
	{ "gyun_zwb", "褚科长", "office", "320723", "0518-88120001" },
	{ "gyun_dsj", "卫工", "operator", "320723", "0518-88120002" },
	{ "gyun_wjw", "施医生", "dept", "灌云县卫生健康委员会", "13805130005" },
	{ "gn_zwb", "尤科长", "office", "320724", "0518-83220001" },
	{ "gn_dsj", "秦工", "operator", "320724", "0518-83220002" },
	{ "gn_mzj", "孔科员", "dept", "灌南县民政局", "13805130006" },
};

struct demo {
	struct gn_ctx *ctx;
	struct gn_err *err;
};

struct gn_demo {
	struct gn_ctx *ctx;
	const struct gn_plugin *component;
	struct gn_err *err;
};

int gn_demo_run(struct gn_demo *d, const char *login, const char *when, const char *verb,
		const char *const *kv, int64_t *id)
{
	const struct gn_action *a = component_action(d->component, verb);
	struct gn_ctx *ctx = d->ctx;
	char saved_login[sizeof ctx->login];
	time_t saved_now = ctx->now;
	struct gn_args args = { 0 };
	struct door_result res;
	int rc;

	if (!a)
		return err_set(d->err, GN_REFUSED, "演示数据：%s 没有操作 %s", d->component->name, verb);
	if (when && clock_parse(when, &ctx->now, d->err))
		return -1;
	memcpy(saved_login, ctx->login, sizeof saved_login);
	snprintf(ctx->login, sizeof ctx->login, "%s", login);
	for (; kv && kv[0] && kv[1]; kv += 2)
		args_set(&args, kv[0], kv[1]);
	args.why = "演示数据";
	rc = door_run(ctx, d->component, a, &args, &res, d->err);
	if (rc == 0) {
		if (id)
			*id = res.id;
		door_result_free(&res);
	} else {
		err_prefix(d->err, "演示数据（%s %s %s，%s）：", login, d->component->name, verb, when ? when : "现在");
	}
	args_free(&args);
	memcpy(ctx->login, saved_login, sizeof saved_login);
	ctx->now = saved_now;
	return rc;
}

void gn_demo_ago(struct gn_demo *d, double days, char out[32])
{
	clock_format(d->ctx->now - (time_t)(days * 86400), out);
}

/* Who takes a transition in a demo: the cast member of a role the
 * transition table allows. */
static const char *demo_actor(const struct gn_transition *t, const struct gn_demo_cast *cast)
{
	if (t->roles & GN_ROLE_OFFICE)
		return cast->office;
	if (t->roles & GN_ROLE_OPERATOR)
		return cast->operator;
	return cast->dept;
}

int gn_demo_story(struct gn_demo *d, int64_t id, const char *start, const struct gn_demo_cast *cast,
		  const char *story, const char *const *texts)
{
	const struct gn_workflow *wf = d->component->workflow;
	char verb[32], at[32], idtext[24];
	time_t t0;

	if (!wf)
		return err_set(d->err, GN_REFUSED, "演示数据：%s 没有工作流", d->component->name);
	if (clock_parse(start, &t0, d->err))
		return -1;
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	while (*story) {
		const struct gn_transition *t;
		int day = 0, n = 0;
		if (sscanf(story, "%31[a-z-]@%d%n", verb, &day, &n) != 2)
			return err_set(d->err, GN_REFUSED, "演示数据：无法理解的步骤 \"%.40s\"", story);
		for (story += n; *story == ' '; story++)
			;
		for (t = wf->transitions; t->verb && strcmp(t->verb, verb) != 0; t++)
			;
		if (!t->verb)
			return err_set(d->err, GN_REFUSED, "演示数据：%s 没有操作 %s", d->component->name, verb);
		clock_format(t0 + (time_t)day * 86400 + 3600 * (1 + day % 5), at);
		const char *step[] = { "id", idtext, NULL, NULL, NULL };
		for (const char *const *x = texts; x && x[0] && x[1] && x[2]; x += 3)
			if (strcmp(x[0], verb) == 0)
				step[2] = x[1], step[3] = x[2];
		if (gn_demo_run(d, demo_actor(t, cast), at, verb, step, NULL))
			return -1;
	}
	return 0;
}

static int run(struct demo *d, const char *component, const char *verb, struct gn_args *args)
{
	const struct gn_plugin *c = registry_find(d->ctx->reg, component);
	const struct gn_action *a = c ? component_action(c, verb) : NULL;
	if (!a)
		return err_set(d->err, GN_REFUSED, "演示数据：没有操作 %s %s", component, verb);
	args->why = "演示数据";
	int rc = door_run(d->ctx, c, a, args, NULL, d->err);
	args_free(args);
	if (rc)
		err_prefix(d->err, "演示数据（%s %s）：", component, verb);
	return rc;
}

static int add_dept(struct demo *d, const char *name, const char *parent, const char *code)
{
	struct gn_args args = { 0 };

	args_set(&args, "name", name);
	args_set(&args, "parent", parent);
	args_set(&args, "kind", "dept");
	if (code)
		args_set(&args, "code", code);
	return run(d, "org", "add", &args);
}

int demo_populate(struct gn_ctx *ctx, struct gn_err *err)
{
	struct demo d = { ctx, err };
	char name[128], code[32];

	/* Whoever makes the store is registered by init as its administrator;
	 * the demo's records are entered as its own logins, whose names that
	 * person cannot also hold. */
	for (size_t i = 0; i < sizeof demo_logins / sizeof demo_logins[0]; i++)
		if (strcmp(demo_logins[i].login, ctx->login) == 0)
			return err_set(err, GN_REFUSED,
				       "登录名 %s 是演示数据自己的登录名，不能用它创建演示数据库：请不设 GOVNET_LOGIN"
				       " 创建，之后再用 GOVNET_LOGIN=%s 以其身份查看",
				       ctx->login, ctx->login);

	for (size_t i = 0; i < sizeof city_depts / sizeof city_depts[0]; i++) {
		snprintf(code, sizeof code, "320700%03zu", i + 1);
		if (add_dept(&d, city_depts[i], "320700", code))
			return -1;
	}
	for (size_t k = 0; k < sizeof divisions / sizeof divisions[0]; k++) {
		const char *const *list = divisions[k].is_zone ? zone_depts : county_depts;
		size_t n = divisions[k].is_zone ? sizeof zone_depts / sizeof zone_depts[0]
						: sizeof county_depts / sizeof county_depts[0];
		for (size_t i = 0; i < n; i++) {
			snprintf(name, sizeof name, "%s%s", divisions[k].name, list[i]);
			snprintf(code, sizeof code, "%s%03zu", divisions[k].code, i + 1);
			if (add_dept(&d, name, divisions[k].code, code))
				return -1;
		}
	}
	for (size_t i = 0; i < sizeof demo_logins / sizeof demo_logins[0]; i++) {
		struct gn_args args = { 0 };
		args_set(&args, "login", demo_logins[i].login);
		args_set(&args, "name", demo_logins[i].name);
		args_set(&args, "role", demo_logins[i].role);
		args_set(&args, "org", demo_logins[i].org);
		args_set(&args, "phone", demo_logins[i].phone);
		if (run(&d, "user", "add", &args))
			return -1;
	}
	/* Then each plugin's own records, in the order they were loaded.  A
	 * demo that builds on records of a plugin loaded after it asks to
	 * wait (GN_DEMO_LATER) and runs again once all the others have run. */
	size_t later[32], nlater = 0;
	for (size_t i = 0; i < ctx->reg->n; i++) {
		struct gn_demo pd = { ctx, ctx->reg->items[i].desc, err };
		int rc = pd.component->demo ? pd.component->demo(&pd) : 0;
		if (rc == GN_DEMO_LATER && nlater < sizeof later / sizeof later[0]) {
			err_clear(err);
			later[nlater++] = i;
		} else if (rc) {
			return -1;
		}
	}
	for (size_t k = 0; k < nlater; k++) {
		struct gn_demo pd = { ctx, ctx->reg->items[later[k]].desc, err };
		if (pd.component->demo(&pd))
			return err->status == GN_OK ? err_set(err, GN_REFUSED, "演示数据：%s 未能完成", pd.component->name) : -1;
	}
	return 0;
}
