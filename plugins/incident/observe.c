/*
 * observe.c — an incident's observables (case handling after TheHive):
 * an address or block, a domain name, a URL or a file hash seen in the
 * incident, kept in canonical form and linked to the address blocks and
 * domain records it matches.  The matches come from the ip and domain
 * plugins' published reads (`ip match`, `domain records --name`), never
 * their tables, and are kept as they were when the observable was
 * recorded; each plugin answers only within the recorder's scope.
 */
#include "incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "prefix.h"
#include "dnsname.h"
#include "govnet/banned.h"

/* What was observed, canonical, and what to look up for it. */
struct observable {
	char value[2048];
	char address[IPAM_TEXT_MAX]; /* for `ip match`, or "" */
	char name[DNS_NAME_MAX];     /* for `domain records --name`, or "" */
};

static int parse_ip(struct gn_call *call, const char *text, struct observable *o)
{
	struct ipam_prefix p;
	struct u128 addr;
	char why[160];
	int family;

	if (!strchr(text, '/')) {
		if (ipam_parse_addr(text, &family, &addr))
			return gn_call_refuse_field(call, "value", "\"%s\" 不是 IPv4 或 IPv6 地址（--value）", text);
		ipam_format_addr(family, addr, o->address, sizeof o->address);
	} else {
		if (ipam_parse_prefix(text, &p, why, sizeof why))
			return gn_call_refuse_field(call, "value", "%s（--value）", why);
		ipam_format_prefix(&p, o->address, sizeof o->address);
	}
	snprintf(o->value, sizeof o->value, "%s", o->address);
	return 0;
}

static int parse_domain(struct gn_call *call, const char *text, struct observable *o)
{
	char uname[DNS_UNAME_MAX], why[200];

	if (dns_name_parse(text, DNS_NAME_UNDERSCORE, o->name, uname, why, sizeof why))
		return gn_call_refuse_field(call, "value", "%s（--value）", why);
	snprintf(o->value, sizeof o->value, "%s", o->name);
	return 0;
}

/* http(s)://host[:port][/…]: the host is looked up as an address or a name. */
static int parse_url(struct gn_call *call, const char *text, struct observable *o)
{
	const char *host = NULL, *end;
	char h[DNS_NAME_MAX];
	struct observable inner = { 0 };

	if (strncmp(text, "http://", 7) == 0)
		host = text + 7;
	else if (strncmp(text, "https://", 8) == 0)
		host = text + 8;
	if (!host || !*host)
		return gn_call_refuse_field(call, "value", "\"%.80s\" 不是 http:// 或 https:// 开头的网址（--value）", text);
	if (strchr(text, ' ') || strchr(text, '\t'))
		return gn_call_refuse_field(call, "value", "网址中不能有空白（--value）");
	if (*host == '[') { /* an IPv6 literal */
		end = strchr(host, ']');
		host++;
	} else {
		end = host + strcspn(host, ":/?#");
	}
	if (!end || end == host || (size_t)(end - host) >= sizeof h)
		return gn_call_refuse_field(call, "value", "网址 \"%.80s\" 中没有主机名（--value）", text);
	snprintf(h, sizeof h, "%.*s", (int)(end - host), host);
	int family;
	struct u128 addr;
	if (ipam_parse_addr(h, &family, &addr) == 0) {
		ipam_format_addr(family, addr, o->address, sizeof o->address);
	} else {
		if (parse_domain(call, h, &inner))
			return -1;
		snprintf(o->name, sizeof o->name, "%s", inner.name);
	}
	snprintf(o->value, sizeof o->value, "%s", text);
	return 0;
}

/* MD5, SHA-1 or SHA-256 in hex, kept in lower case. */
static int parse_hash(struct gn_call *call, const char *text, struct observable *o)
{
	size_t n = strlen(text);

	if (n != 32 && n != 40 && n != 64)
		return gn_call_refuse_field(call, "value", "散列值应为 32、40 或 64 位十六进制（MD5、SHA-1、SHA-256），"
					    "这里是 %zu 位（--value）", n);
	for (size_t i = 0; i < n; i++) {
		char c = text[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return gn_call_refuse_field(call, "value", "散列值只能含十六进制数字，第 %zu 个字符不是（--value）",
						    i + 1);
		o->value[i] = (char)(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
	}
	o->value[n] = '\0';
	return 0;
}

static const struct {
	const char *kind, *title;
	int (*parse)(struct gn_call *call, const char *text, struct observable *o);
} observable_kinds[] = {
	{ "ip", "地址", parse_ip },
	{ "domain", "域名", parse_domain },
	{ "url", "网址", parse_url },
	{ "hash", "散列值", parse_hash },
};

static int add_match(struct gn_call *call, int64_t observable, const char *component, const char *id,
		     const char *label)
{
	return gn_call_exec(call,
			    "INSERT INTO incident_observable_match(observable_id, component, record_id, label)"
			    " VALUES (?1, ?2, ?3, ?4)",
			    "itit", observable, component, (int64_t)strtoll(id ? id : "0", NULL, 10), label);
}

/* The org's name for a label, or "" when it cannot be read. */
static void org_name(struct gn_call *call, const char *id, char *out, size_t size)
{
	struct gn_org org;

	snprintf(out, size, "%s", "");
	if (id && gn_call_org(call, strtoll(id, NULL, 10), &org) == 0)
		snprintf(out, size, "%s", org.name);
}

/* The matches of o, linked to observable; *n counts them. */
static int link_matches(struct gn_call *call, int64_t observable, const struct observable *o, int *n)
{
	struct gn_rows *rows;
	char label[600], org[200];

	if (o->address[0]) {
		if (gn_call_invoke(call, "ip", "match", (const char *const[]){ "address", o->address, NULL }, &rows))
			return -1;
		for (size_t i = 0; i < gn_rows_count(rows); i++, (*n)++) {
			org_name(call, gn_rows_get(rows, i, "org_id"), org, sizeof org);
			snprintf(label, sizeof label, "网段 %s（%s）", gn_rows_get(rows, i, "cidr"), org);
			if (add_match(call, observable, "ip", gn_rows_get(rows, i, "id"), label)) {
				gn_rows_free(rows);
				return -1;
			}
		}
		gn_rows_free(rows);
	}
	if (o->name[0]) {
		if (gn_call_invoke(call, "domain", "records", (const char *const[]){ "name", o->name, NULL }, &rows))
			return -1;
		for (size_t i = 0; i < gn_rows_count(rows); i++) {
			const char *owner = gn_rows_get(rows, i, "org_id");
			/* Records outside the recorder's scope are not named. */
			if (!owner || !gn_call_in_scope(call, strtoll(owner, NULL, 10)))
				continue;
			org_name(call, owner, org, sizeof org);
			snprintf(label, sizeof label, "域名记录 %s %s %s（%s）", gn_rows_get(rows, i, "name"),
				 gn_rows_get(rows, i, "type"), gn_rows_get(rows, i, "value"), org);
			if (add_match(call, observable, "domain", gn_rows_get(rows, i, "id"), label)) {
				gn_rows_free(rows);
				return -1;
			}
			(*n)++;
		}
		gn_rows_free(rows);
	}
	return 0;
}

int incident_observable_add(struct gn_call *call)
{
	int64_t incident = gn_call_arg_int(call, "id", 0), id, known = 0;
	const char *kind = gn_call_arg(call, "kind"), *note = gn_call_arg(call, "note");
	struct observable o = { 0 };
	char line[2200];
	int n = 0;
	size_t k;

	for (k = 0; k < sizeof observable_kinds / sizeof observable_kinds[0]; k++)
		if (strcmp(observable_kinds[k].kind, kind) == 0)
			break;
	if (k == sizeof observable_kinds / sizeof observable_kinds[0])
		return gn_call_refuse_field(call, "kind", "未知的观察对象类别 %s（--kind）", kind);
	if (observable_kinds[k].parse(call, gn_call_arg(call, "value"), &o))
		return -1;
	if (gn_call_query_int(call, &known, "SELECT id FROM incident_observable WHERE incident_id = ?1 AND kind = ?2"
			      " AND value = ?3", "itt", incident, kind, o.value) < 0)
		return -1;
	if (known)
		return gn_call_refuse_field(call, "value", "安全事件 #%lld 已有观察对象 %s（#%lld）", (long long)incident,
					    o.value, (long long)known);
	if (gn_call_exec(call,
			 "INSERT INTO incident_observable(incident_id, kind, value, note, created_at, created_by)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			 "ittttt", incident, kind, o.value, note ? note : "", gn_call_now(call), gn_call_login(call)))
		return -1;
	id = gn_call_last_insert_id(call);
	if (link_matches(call, id, &o, &n))
		return -1;
	snprintf(line, sizeof line, "添加观察对象 #%lld %s %s（匹配 %d 条记录）", (long long)id,
		 observable_kinds[k].title, o.value, n);
	if (incident_timeline(call, incident, line, note))
		return -1;
	snprintf(line, sizeof line, "观察对象 #%lld 已添加到安全事件 #%lld，匹配 %d 条地址或域名记录\n", (long long)id,
		 (long long)incident, n);
	gn_call_emit_text(call, line);
	return 0;
}
