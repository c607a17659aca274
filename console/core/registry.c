#include "config.h"
#include "registry.h"
#include "boundary.h"
#include "calendar.h"
#include "door.h"
#include "outbox.h"
#include "rules/rules.h"
#include "store.h"
#include "workflow.h"

#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "govnet/banned.h"

/* A filter of type GN_FIELD_STATE offers the workflow's states, named once
 * in its state table: the copy the front ends see lists them as choices. */
static void resolve_state_filters(struct component *c, const struct gn_plugin *desc)
{
	size_t nviews = 0, nfilters = 0, nstates = 0, k = 0;

	for (const struct gn_view *v = desc->views; v && v->name; v++, nviews++)
		for (const struct gn_filter *f = v->filters; f && f->name; f++)
			nfilters += 1;
	for (const struct gn_state *st = desc->workflow->states; st->name; st++)
		nstates++;
	c->state_names = xcalloc(nstates + 1, sizeof *c->state_names);
	c->state_titles = xcalloc(nstates + 1, sizeof *c->state_titles);
	for (size_t i = 0; i < nstates; i++) {
		c->state_names[i] = desc->workflow->states[i].name;
		c->state_titles[i] = desc->workflow->states[i].title;
	}
	c->state_views = xcalloc(nviews + 1, sizeof *c->state_views);
	c->state_filters = xcalloc(nfilters + nviews + 1, sizeof *c->state_filters);
	for (size_t i = 0; i < nviews; i++) {
		c->state_views[i] = desc->views[i];
		if (!desc->views[i].filters)
			continue;
		c->state_views[i].filters = &c->state_filters[k];
		for (const struct gn_filter *f = desc->views[i].filters; f->name; f++) {
			c->state_filters[k] = *f;
			if (f->type == GN_FIELD_STATE) {
				c->state_filters[k].type = GN_FIELD_CHOICE;
				c->state_filters[k].choices = c->state_names;
				c->state_filters[k].choice_titles = c->state_titles;
			}
			k++;
		}
		k++; /* the terminating { NULL } */
	}
	c->with_transitions->views = c->state_views;
}

static void add(struct registry *reg, const struct gn_plugin *desc, void *handle, const char *file)
{
	struct component c = { .desc = desc, .handle = handle, .file = file ? xstrdup(file) : NULL };

	if (desc->workflow) {
		c.with_transitions = xmalloc(sizeof *c.with_transitions);
		*c.with_transitions = *desc;
		c.transition_actions = wf_actions(desc);
		c.with_transitions->actions = c.transition_actions;
		c.desc = c.with_transitions;
		resolve_state_filters(&c, desc);
	}
	reg->items = xrealloc(reg->items, (reg->n + 1) * sizeof *reg->items);
	reg->items[reg->n++] = c;
}

const char *registry_plugin_dir(void)
{
	static char dir[PATH_MAX];
	char self[PATH_MAX];
	const char *env = boundary_getenv("GOVNET_PLUGIN_DIR");
	ssize_t n;

	if (env && *env)
		return env;
	if (boundary_installed()) /* the compiled-in directory only */
		return GN_PLUGIN_DIR;
	/* Run from the build tree, use the plugins built beside the binary. */
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		if (strcmp(self, GN_BUILD_DIR "/govnet") == 0) {
			snprintf(dir, sizeof dir, "%s/plugins", GN_BUILD_DIR);
			return dir;
		}
	}
	return GN_PLUGIN_DIR;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void load_one(struct registry *reg, const char *path)
{
	void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	gn_plugin_entry_fn entry;
	const struct gn_plugin *desc;

	if (!h) {
		sb_addf(&reg->problems, "插件 %s 无法加载：%s\n", path, dlerror());
		return;
	}
	*(void **)&entry = dlsym(h, GN_PLUGIN_ENTRY_SYMBOL);
	if (!entry) {
		sb_addf(&reg->problems, "插件 %s 没有导出 %s，已忽略\n", path, GN_PLUGIN_ENTRY_SYMBOL);
		dlclose(h);
		return;
	}
	desc = entry();
	/* Only the leading int is read before the ABI is known to match. */
	if (!desc || desc->abi != GN_PLUGIN_ABI) {
		sb_addf(&reg->problems, "插件 %s 的 ABI 版本为 %d，本程序为 %d：已拒绝加载（请用匹配的 govnet 重新编译该插件）\n",
			path, desc ? desc->abi : -1, GN_PLUGIN_ABI);
		dlclose(h);
		return;
	}
	if (registry_find(reg, desc->name)) {
		sb_addf(&reg->problems, "插件 %s 的名称 \"%s\" 与已加载的组件重复，已忽略\n", path, desc->name);
		dlclose(h);
		return;
	}
	add(reg, desc, h, path);
}

void registry_load(struct registry *reg, const char *dir)
{
	struct dirent **names;
	int n;

	memset(reg, 0, sizeof *reg);
	add(reg, &core_org_component, NULL, NULL);
	add(reg, &core_login_component, NULL, NULL);
	add(reg, &core_audit_component, NULL, NULL);
	add(reg, &core_calendar_component, NULL, NULL);
	add(reg, &core_notify_component, NULL, NULL);
	add(reg, &core_rules_component, NULL, NULL);

	n = scandir(dir, &names, NULL, by_name);
	if (n < 0)
		return; /* no plugin directory: the core alone */
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]->d_name);
		if (len > 3 && strcmp(names[i]->d_name + len - 3, ".so") == 0) {
			char path[PATH_MAX];
			snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
			load_one(reg, path);
		}
		free(names[i]);
	}
	free(names);
}

int registry_migrate(struct registry *reg, sqlite3 *db, struct gn_err *err)
{
	/* A migration may name the office that decides a record. */
	if (decider_register_sql(db, err))
		return -1;
	/* And whether a transition starts a deadline (workflow migration 9). */
	if (wf_register_sql(db, reg, err))
		return -1;
	for (const struct core_schema *cs = core_schemas; cs->component; cs++)
		if (store_migrate(db, cs->component, cs->migrations, err))
			return -1;
	for (size_t i = 0; i < reg->n; i++) {
		const struct gn_plugin *c = reg->items[i].desc;
		if (c->migrations && store_migrate(db, c->name, c->migrations, err))
			return -1;
	}
	return 0;
}

const struct gn_plugin *registry_find(const struct registry *reg, const char *name)
{
	for (size_t i = 0; i < reg->n; i++)
		if (strcmp(reg->items[i].desc->name, name) == 0)
			return reg->items[i].desc;
	return NULL;
}

void registry_free(struct registry *reg)
{
	for (size_t i = 0; i < reg->n; i++) {
		/* Under AddressSanitizer keep plugins mapped so that leak
		 * reports can still name their functions. */
#ifndef GN_KEEP_PLUGINS_LOADED
		if (reg->items[i].handle)
			dlclose(reg->items[i].handle);
#endif
		free(reg->items[i].file);
		free(reg->items[i].with_transitions);
		free(reg->items[i].transition_actions);
		free(reg->items[i].state_views);
		free(reg->items[i].state_filters);
		free(reg->items[i].state_names);
		free(reg->items[i].state_titles);
	}
	free(reg->items);
	sb_free(&reg->problems);
	memset(reg, 0, sizeof *reg);
}

const struct gn_action *component_action(const struct gn_plugin *c, const char *verb)
{
	for (const struct gn_action *a = c->actions; a && a->verb; a++)
		if (strcmp(a->verb, verb) == 0)
			return a;
	return NULL;
}

const struct gn_view *component_view(const struct gn_plugin *c, const char *name)
{
	for (const struct gn_view *v = c->views; v && v->name; v++)
		if (!name || strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

const struct gn_field *action_field(const struct gn_action *a, const char *name)
{
	for (const struct gn_field *f = a->fields; f && f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/* Names every record may carry that no description labels. */
static const struct {
	const char *name, *label;
} common_labels[] = {
	{ "id", "编号" }, { "created_at", "创建时间" }, { "updated_at", "修改时间" }, { "state", "状态代码" },
	{ "children", "下级数" }, { "logins", "登录数" }, { "changed_by", "修改人" }, { "changed_at", "修改时间" }, { "org_code", "组织代码" },
	{ "created_by", "创建人" }, { "attachments", "附件" }, { "filing", "责任人备案" },
	{ "node", "接入节点" }, { "cross_level", "跨市县两级" }, { "state_title", "状态" },
	/* Columns records show that no view or field names. */
	{ "client", "来源地址" }, { "before", "更改前" }, { "after", "更改后" }, { "prev_hash", "前一条的哈希" },
	{ "hash", "哈希" }, { "papers", "依据文件" }, { "digest", "SHA-256" }, { "ascii_name", "ASCII 域名" },
	{ "reverse_zone", "反向区域" }, { "system_id", "信息系统" }, { "done_at", "完成时间" },
	{ "detected_on", "发现日期" }, { "detected_by", "发现人" }, { "response_due", "处置期限" },
	{ "parent", "上级" }, { "affected", "涉及部门与系统" }, { "nodes", "涉及接入节点" }, { "timeline", "时间线" },
	{ "kind", "类型" }, { "login", "登录名" }, { "phone", "联系电话" }, { "by", "操作人" },
	{ "filed_by", "备案人" }, { "filed_at", "备案时间" }, { "acknowledged_by", "确认人" },
	{ "acknowledged_at", "确认时间" }, { "notice_id", "通知编号" }, { "disconnected_by", "断开人" },
	{ "recorded_by", "记录人" }, { "usage_pct", "使用率（%）" },
	{ "allocated", "已分配地址数" }, { "relation", "关系" }, { "org_id", "组织编号" },
};

const char *component_label(const struct gn_plugin *c, const char *name)
{
	for (const struct gn_view *v = c->views; v && v->name; v++)
		for (const struct gn_column *col = v->columns; col->name; col++)
			if (strcmp(col->name, name) == 0 && col->label)
				return col->label;
	for (const struct gn_action *a = c->actions; a && a->verb; a++)
		for (const struct gn_field *f = a->fields; f && f->name; f++)
			if (strcmp(f->name, name) == 0 && f->label && strcmp(name, "id") != 0)
				return f->label;
	for (size_t i = 0; i < sizeof common_labels / sizeof common_labels[0]; i++)
		if (strcmp(common_labels[i].name, name) == 0)
			return common_labels[i].label;
	/* X_title, X as people read it, goes under X's label. */
	size_t n = strlen(name);
	if (n > 6 && strcmp(name + n - 6, "_title") == 0) {
		char code[64];
		snprintf(code, sizeof code, "%.*s", (int)(n - 6), name);
		const char *label = component_label(c, code);
		if (label != code)
			return label;
	}
	return name;
}
