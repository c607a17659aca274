#include "config.h"
#include "fields.h"
#include "clock.h"
#include "strbuf.h"
#include "utf8.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

const char *args_get(const struct gn_args *args, const char *name)
{
	for (size_t i = 0; args && i < args->n; i++)
		if (strcmp(args->items[i].name, name) == 0)
			return args->items[i].value;
	return NULL;
}

void args_set(struct gn_args *args, const char *name, const char *value)
{
	for (size_t i = 0; i < args->n; i++)
		if (strcmp(args->items[i].name, name) == 0) {
			args->items[i].value = value;
			return;
		}
	args->items = xrealloc(args->items, (args->n + 1) * sizeof *args->items);
	args->items[args->n++] = (struct gn_arg){ name, value };
}

void args_add(struct gn_args *args, const char *name, const char *value)
{
	args->items = xrealloc(args->items, (args->n + 1) * sizeof *args->items);
	args->items[args->n++] = (struct gn_arg){ name, value };
}

const char *args_nth(const struct gn_args *args, const char *name, size_t i)
{
	for (size_t k = 0; args && k < args->n; k++)
		if (strcmp(args->items[k].name, name) == 0 && i-- == 0)
			return args->items[k].value;
	return NULL;
}

void args_free(struct gn_args *args)
{
	free(args->items);
	free(args->sources);
	args->items = NULL;
	args->sources = NULL;
	args->n = args->nsources = 0;
}

const char *args_source(const struct gn_args *args, const char *name)
{
	for (size_t i = 0; args && i < args->nsources; i++)
		if (strcmp(args->sources[i].name, name) == 0)
			return args->sources[i].value;
	return NULL;
}

const char *field_type_hint(enum gn_field_type t)
{
	switch (t) {
	case GN_FIELD_TEXT: return "文本";
	case GN_FIELD_LONGTEXT: return "多行文本";
	case GN_FIELD_INT: return "整数";
	case GN_FIELD_DATE: return "日期 YYYY-MM-DD";
	case GN_FIELD_CHOICE: return "选项";
	case GN_FIELD_ORG: return "组织名称或代码";
	case GN_FIELD_CIDR: return "网段 CIDR";
	case GN_FIELD_FLAG: return "开关";
	case GN_FIELD_ID: return "编号";
	case GN_FIELD_LOGIN: return "登录名";
	case GN_FIELD_FILE: return "文件路径";
	case GN_FIELD_STATE: return "状态";
	case GN_FIELD_TEXT_FILE: return "文本文件";
	}
	return "";
}

static int check_cidr(const char *v)
{
	char addr[64];
	const char *slash = strchr(v, '/');
	unsigned char buf[16];
	char *end;
	long len;

	if (!slash || (size_t)(slash - v) >= sizeof addr)
		return -1;
	memcpy(addr, v, (size_t)(slash - v));
	addr[slash - v] = '\0';
	len = strtol(slash + 1, &end, 10);
	if (*end || slash[1] == '\0' || len < 0)
		return -1;
	if (inet_pton(AF_INET, addr, buf) == 1)
		return len <= 32 ? 0 : -1;
	if (inet_pton(AF_INET6, addr, buf) == 1)
		return len <= 128 ? 0 : -1;
	return -1;
}

int field_cidr_canonical(const char *v, char *out, size_t size)
{
	char addr[64], text[INET6_ADDRSTRLEN];
	unsigned char buf[16];
	int family;

	if (check_cidr(v))
		return -1;
	snprintf(addr, sizeof addr, "%.*s", (int)(strchr(v, '/') - v), v);
	family = inet_pton(AF_INET, addr, buf) == 1 ? AF_INET : AF_INET6;
	if (inet_pton(family, addr, buf) != 1 || !inet_ntop(family, buf, text, sizeof text))
		return -1;
	snprintf(out, size, "%s/%ld", text, strtol(strchr(v, '/') + 1, NULL, 10));
	return 0;
}

int field_cidr_key(const char *v, unsigned char key[FIELD_CIDR_KEY_LEN])
{
	char addr[64];

	if (check_cidr(v))
		return -1;
	snprintf(addr, sizeof addr, "%.*s", (int)(strchr(v, '/') - v), v);
	memset(key, 0, FIELD_CIDR_KEY_LEN);
	key[0] = inet_pton(AF_INET, addr, key + 1) == 1 ? 4 : 6;
	if (key[0] == 6 && inet_pton(AF_INET6, addr, key + 1) != 1)
		return -1;
	key[17] = (unsigned char)strtol(strchr(v, '/') + 1, NULL, 10);
	return 0;
}

static int check_value(const struct gn_field *f, const char *v, struct gn_err *err)
{
	size_t len = strlen(v);
	unsigned max = f->max_chars ? f->max_chars
		     : f->type == GN_FIELD_LONGTEXT || f->type == GN_FIELD_TEXT_FILE ? FIELD_LONGTEXT_MAX_CHARS
										     : FIELD_DEFAULT_MAX_CHARS;
	const char *label = f->label ? f->label : f->name;

	if (!utf8_valid(v, len))
		return err_set(err, GN_REFUSED, "%s（--%s）不是有效的 UTF-8 文本", label, f->name);
	if (utf8_chars(v) > max)
		return err_set(err, GN_REFUSED, "%s（--%s）太长：%zu 个字符，最多 %u 个", label, f->name,
			       utf8_chars(v), max);
	/* A terminal would obey them when the field is shown (Art 10's reason
	 * clearing a reviewer's screen); only text of several lines keeps
	 * newlines and tabs. */
	/* A text file's form is its handler's to judge (a script names the
	 * line of a control character; JSON refuses them itself). */
	if (f->type != GN_FIELD_TEXT_FILE && utf8_has_control(v, len, f->type == GN_FIELD_LONGTEXT))
		return err_set(err, GN_REFUSED, "%s（--%s）含有控制字符%s", label, f->name,
			       f->type == GN_FIELD_LONGTEXT ? "（只允许换行与制表符）" : "");
	if ((f->flags & GN_FIELD_REQUIRED) && f->type != GN_FIELD_FLAG) {
		const char *p = v;
		while (*p == ' ')
			p++;
		if (!*p)
			return err_set(err, GN_REFUSED, "%s（--%s）不能为空", label, f->name);
	}
	switch (f->type) {
	case GN_FIELD_INT:
	case GN_FIELD_ID: {
		char *end;
		long long n = strtoll(v, &end, 10);
		if (f->type == GN_FIELD_ID && (*end || !*v))
			break; /* a textual key: resolved by the record's key_sql */
		if (*end || !*v || (n < 0 && f->max <= f->min))
			return err_set(err, GN_REFUSED, "%s（--%s）应为非负整数：\"%.40s\"", label, f->name, v);
		if (f->type == GN_FIELD_INT && f->max > f->min && (n < f->min || n > f->max))
			return err_set(err, GN_REFUSED, "%s（--%s）应在 %lld 到 %lld 之间：%lld", label, f->name,
				       (long long)f->min, (long long)f->max, n);
		break;
	}
	case GN_FIELD_DATE: {
		time_t t;
		struct gn_err e2;
		if (len != 10 || clock_parse(v, &t, &e2))
			return err_set(err, GN_REFUSED, "%s（--%s）应为日期 YYYY-MM-DD：\"%.40s\"", label, f->name, v);
		break;
	}
	case GN_FIELD_CHOICE: {
		struct strbuf all = STRBUF_INIT;
		for (const char *const *c = f->choices; c && *c; c++)
			if (strcmp(*c, v) == 0)
				return 0;
		field_choices_describe(f, "、", &all);
		err_set(err, GN_REFUSED, "%s（--%s）只能是 %s：\"%.40s\"", label, f->name, sb_str(&all), v);
		sb_free(&all);
		return -1;
	}
	case GN_FIELD_CIDR:
		if (check_cidr(v))
			return err_set(err, GN_REFUSED, "%s（--%s）不是有效的 CIDR 网段：\"%.60s\"", label, f->name, v);
		break;
	default:
		break;
	}
	return 0;
}

const char *field_choice_title(const struct gn_field *f, size_t i)
{
	const char *title = f->choice_titles ? f->choice_titles[i] : NULL;

	return title && *title ? title : f->choices[i];
}

void field_choices_describe(const struct gn_field *f, const char *sep, struct strbuf *out)
{
	for (size_t i = 0; f->choices && f->choices[i]; i++) {
		const char *title = field_choice_title(f, i);
		sb_addf(out, "%s%s", i ? sep : "", f->choices[i]);
		if (strcmp(title, f->choices[i]) != 0)
			sb_addf(out, "（%s）", title);
	}
}

struct gn_field field_of_filter(const struct gn_filter *flt)
{
	return (struct gn_field){ .name = flt->name, .label = flt->label, .type = flt->type,
				  .choices = flt->choices, .choice_titles = flt->choice_titles };
}

int field_check(const struct gn_field *f, const char *v, struct gn_err *err)
{
	if (check_value(f, v, err) == 0)
		return 0;
	snprintf(err->field, sizeof err->field, "%s", f->name);
	return -1;
}

int fields_check(const struct gn_action *a, const struct gn_args *args, struct gn_err *err)
{
	for (size_t i = 0; i < args->n; i++) {
		const struct gn_field *f = NULL;
		for (const struct gn_field *g = a->fields; g && g->name; g++)
			if (strcmp(g->name, args->items[i].name) == 0)
				f = g;
		if (!f)
			return err_set(err, GN_USAGE, "%s 没有字段 --%s", a->verb, args->items[i].name);
		if (field_check(f, args->items[i].value, err))
			return -1;
	}
	for (const struct gn_field *f = a->fields; f && f->name; f++)
		if ((f->flags & GN_FIELD_REQUIRED) && !args_get(args, f->name))
			return err_set_field(err, f->name, GN_REFUSED, "缺少必填字段 %s（--%s）%s%s", f->label ? f->label : f->name,
				       f->name, a->article ? "，依据 " : "", a->article ? a->article : "");
	if (args->why && !utf8_valid(args->why, strlen(args->why)))
		return err_set(err, GN_REFUSED, "理由（--why）不是有效的 UTF-8 文本");
	if (args->why && utf8_has_control(args->why, strlen(args->why), 1))
		return err_set(err, GN_REFUSED, "理由（--why）含有控制字符（只允许换行与制表符）");
	return 0;
}
