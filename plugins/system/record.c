/*
 * record.c — a system's own fields and links: the URLs it serves (Art 13),
 * the domain records it is published under (Art 20) and the address
 * blocks it uses (Art 19), each of them the department's own.
 */
#include "system.h"

#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

/* One URL: http:// or https://, a host, no space or control character. */
static int url_valid(const char *url, size_t len)
{
	size_t scheme = len > 7 && !strncmp(url, "http://", 7) ? 7 : len > 8 && !strncmp(url, "https://", 8) ? 8 : 0;

	if (!scheme || len > 500 || url[scheme] == '/' || url[scheme] == ':')
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)url[i] < 0x20 || url[i] == 0x7f || strchr("\"<>\\`", url[i]))
			return 0;
	return 1;
}

/* Adds each URL of a space-separated list, refusing the first that is
 * not an http(s) address. */
static int add_urls(struct gn_call *call, int64_t id, const char *field, const char *list)
{
	char url[501];

	if (!list)
		return 0;
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, " ");

		if (len) {
			if (!url_valid(p, len))
				return gn_call_refuse_field(call, field, "--%s 应为 http:// 或 https:// 开头的地址：\"%.*s\"（Art 13）",
							    field, (int)(len > 80 ? 80 : len), p);
			memcpy(url, p, len);
			url[len] = '\0';
			if (gn_call_exec(call, "INSERT OR IGNORE INTO system_url(system_id, url) VALUES (?1, ?2)", "it", id,
					 url))
				return -1;
		}
		p += len + (p[len] == ' ');
	}
	return 0;
}

/* A domain record (Art 20) or address block (Art 19) of another plugin,
 * which must belong to the system's own department. */
int system_link_target(struct gn_call *call, int64_t org, const char *kind, const char *key, int64_t *record)
{
	const int domain = !strcmp(kind, "domain");
	const char *field = domain ? "domain" : "block";
	int64_t owner;

	if (gn_call_record(call, domain ? "domain" : "ip", key, field, record, &owner))
		return -1;
	if (owner != org) {
		struct gn_org o;
		if (gn_call_org(call, owner, &o))
			return -1;
		return gn_call_refuse_field(call, field, "--%s %.80s 是 %s 的%s，不能用于本部门的系统（%s）", field, key,
					    o.name, domain ? "域名" : "地址块", domain ? "Art 20" : "Art 19");
	}
	return 0;
}

int system_link_add(struct gn_call *call, int64_t id, const char *kind, int64_t record, const char *key)
{
	return gn_call_exec(call,
			    "INSERT INTO system_link(system_id, kind, record_id, key) VALUES (?1, ?2, ?3, ?4)"
			    " ON CONFLICT (system_id, kind, record_id) DO UPDATE SET released_at = NULL",
			    "itit", id, kind, record, key);
}

static int add_link(struct gn_call *call, int64_t id, int64_t org, const char *kind)
{
	const char *key = gn_call_arg(call, kind);
	int64_t record;

	if (!key)
		return 0;
	return system_link_target(call, org, kind, key, &record) || system_link_add(call, id, kind, record, key) ? -1 : 0;
}

static int add_links(struct gn_call *call, int64_t id, int64_t org)
{
	return add_urls(call, id, "url", gn_call_arg(call, "url")) || add_link(call, id, org, "domain") ||
	       add_link(call, id, org, "block");
}

/* Art 25 last sentence: exchange with the internet and other networks
 * only through the unified security exchange zone. */
static int check_exchange(struct gn_call *call)
{
	const char *exchange = gn_call_arg(call, "exchange");

	if (exchange && !strcmp(exchange, "direct"))
		return gn_call_refuse_field(call, "exchange",
					    "--exchange：信息系统与互联网及其他网络进行业务交互应通过统一的安全交换区进行（Art 25）；"
					    "请改用 --exchange sez");
	return 0;
}

int system_new(struct gn_call *call)
{
	int64_t org = gn_call_org_id(call), id;

	if (check_exchange(call))
		return -1;
	if (gn_call_exec(call,
			 "INSERT INTO system(org_id, name, purpose, hosting, level, filing_no, evaluated_on, crypto, crypto_on,"
			 " cii, exchange, created_at, created_by)"
			 " VALUES (?1, ?2, coalesce(?3, ''), coalesce(?4, 'cloud'), ?5, coalesce(?6, ''), ?7,"
			 " coalesce(?8, 'none'), ?9, ?10, coalesce(?11, 'none'), ?12, ?13)",
			 "itzzizzzzizt" "t", org, gn_call_arg(call, "name"), gn_call_arg(call, "purpose"),
			 gn_call_arg(call, "hosting"), gn_call_arg_int(call, "level", 0), gn_call_arg(call, "filing-no"),
			 gn_call_arg(call, "evaluated"), gn_call_arg(call, "crypto"), gn_call_arg(call, "crypto-date"),
			 (int64_t)(gn_call_arg(call, "cii") != NULL), gn_call_arg(call, "exchange"),
			 gn_call_now(call), gn_call_login(call)))
		return -1;
	id = gn_call_last_insert_id(call);
	gn_call_set_id(call, id);
	return add_links(call, id, org) || system_person_refresh(call, org) ? -1 : 0;
}

/* Whether a system's state lets its addresses, domains or exposure change:
 * not while online without a filed change (Art 16), never once retired.
 * 1 when the change needs a new test (Art 25), 0 when not, -1 refused. */
int system_exposure_may_change(struct gn_call *call, int64_t id)
{
	sqlite3_stmt *st = gn_call_query(call, "SELECT state FROM system WHERE id = ?1", "i", id);
	char state[16] = "";

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(state, sizeof state, "%s", (const char *)sqlite3_column_text(st, 0));
	gn_call_done(call, st);
	if (!strcmp(state, "online"))
		return gn_call_refuse_next(call, "system", "change", id,
					   "系统 #%lld 正在运行：变更地址、域名或对外交互前应先备案变更（Art 16）", (long long)id);
	if (!strcmp(state, "retired"))
		return gn_call_refuse(call, "系统 #%lld 已下线，不能再变更（Art 16）", (long long)id);
	return !strcmp(state, "changed") ? 1 : 0;
}

int system_set(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	const char *exchange = gn_call_arg(call, "exchange"), *cii = gn_call_arg(call, "cii");
	int64_t same = 1;

	if (check_exchange(call))
		return -1;
	if (exchange && gn_call_query_int(call, &same, "SELECT exchange = ?1 FROM system WHERE id = ?2", "ti", exchange,
					   id) < 0)
		return -1;
	if (!same) {
		int retest = system_exposure_may_change(call, id);
		if (retest < 0 || (retest && gn_call_exec(call, "UPDATE system SET retest = 1 WHERE id = ?1", "i", id)))
			return -1;
	}
	if (gn_call_exec(call,
			 "UPDATE system SET purpose = coalesce(?1, purpose), hosting = coalesce(?2, hosting),"
			 " level = coalesce(?3, level), filing_no = coalesce(?4, filing_no),"
			 " evaluated_on = coalesce(?5, evaluated_on), crypto = coalesce(?6, crypto),"
			 " crypto_on = coalesce(?7, crypto_on), exchange = coalesce(?8, exchange),"
			 " cii = coalesce(?9, cii) WHERE id = ?10",
			 "zzzzzzzzzi", gn_call_arg(call, "purpose"), gn_call_arg(call, "hosting"),
			 gn_call_arg(call, "level"), gn_call_arg(call, "filing-no"), gn_call_arg(call, "evaluated"),
			 gn_call_arg(call, "crypto"), gn_call_arg(call, "crypto-date"), exchange,
			 cii ? (strcmp(cii, "yes") ? "0" : "1") : NULL, id))
		return -1;
	return system_obligations(call, id);
}

int system_link(struct gn_call *call)
{
	int64_t id = gn_call_arg_int(call, "id", 0);
	int64_t was_online = 0;
	int retest;

	if (!gn_call_arg(call, "url") && !gn_call_arg(call, "domain") && !gn_call_arg(call, "block"))
		return gn_call_refuse(call, "请给出 --url、--domain 或 --block 之一");
	/* Art 16 ¶2: once a system has run, the network resources it uses
	 * change only on a request the operating agency approved. */
	if ((gn_call_arg(call, "domain") || gn_call_arg(call, "block")) &&
	    gn_call_query_int(call, &was_online, "SELECT online_at IS NOT NULL FROM system WHERE id = ?1", "i", id) < 0)
		return -1;
	if (was_online)
		return gn_call_refuse_next(call, "system", "resource request", id,
					   "系统 #%lld 已上线运行过：变更%s应提前向运行管理机构申请（Art 16）", (long long)id,
					   gn_call_arg(call, "domain") ? "域名" : "地址块");
	if ((retest = system_exposure_may_change(call, id)) < 0 ||
	    (retest && gn_call_exec(call, "UPDATE system SET retest = 1 WHERE id = ?1", "i", id)))
		return -1;
	return add_links(call, id, gn_call_org_id(call));
}
