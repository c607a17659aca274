#include "config.h"
#include "audit.h"
#include "store.h"
#include "strbuf.h"

#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* Each field is length-prefixed so that no two entries serialise alike. */
static void hash_field(struct sha256_ctx *h, const char *tag, const char *value)
{
	/* "tag:", "null" for none, the length, ":" — written by hand, as it
	 * runs a dozen times for every change.  Tags are short literals. */
	char head[64], digits[24];
	size_t n = value ? strlen(value) : 0, t = strlen(tag), k, d = 0;

	memcpy(head, tag, t);
	k = t;
	head[k++] = ':';
	if (!value) {
		memcpy(head + k, "null", 4);
		k += 4;
	}
	for (size_t v = n; d == 0 || v > 0; v /= 10)
		digits[d++] = (char)('0' + v % 10);
	while (d > 0)
		head[k++] = digits[--d];
	head[k++] = ':';
	sha256_update(h, k, (const uint8_t *)head);
	if (value)
		sha256_update(h, n, (const uint8_t *)value);
}

static void entry_hash(int64_t id, const struct audit_entry *e, const char *prev, char out[65])
{
	struct sha256_ctx h;
	uint8_t digest[SHA256_DIGEST_SIZE];
	char num[2][32];

	snprintf(num[0], sizeof num[0], "%lld", (long long)id);
	snprintf(num[1], sizeof num[1], "%lld", (long long)e->org_id);
	sha256_init(&h);
	hash_field(&h, "id", num[0]);
	hash_field(&h, "at", e->at);
	hash_field(&h, "login", e->login);
	hash_field(&h, "client", e->client);
	hash_field(&h, "component", e->component);
	hash_field(&h, "verb", e->verb);
	hash_field(&h, "target", e->target);
	hash_field(&h, "org", num[1]);
	hash_field(&h, "before", e->before);
	hash_field(&h, "after", e->after);
	hash_field(&h, "reason", e->reason);
	hash_field(&h, "prev", prev);
	sha256_digest(&h, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++) {
		out[2 * i] = "0123456789abcdef"[digest[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
	}
	out[64] = '\0';
}

int audit_append(sqlite3 *db, const struct audit_entry *e, struct gn_err *err)
{
	sqlite3_stmt *st;
	char prev[65] = AUDIT_GENESIS, hash[65];
	int64_t id = 1;
	int rc;

	/* Both statements run on every write: kept prepared (store_cache.c). */
	if (store_cached(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", &st) != SQLITE_OK)
		return store_error(db, "审计", err);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", sqlite3_column_text(st, 1));
	}
	store_release(db, st);
	entry_hash(id, e, prev, hash);

	if (store_cached(db,
			 "INSERT INTO audit(id, at, login, client, component, verb, target, org_id,"
			 " before_json, after_json, reason, prev_hash, hash)"
			 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, nullif(?8, 0), ?9, ?10, ?11, ?12, ?13)",
			 &st) != SQLITE_OK)
		return store_error(db, "审计", err);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, e->at, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, e->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, e->client ? e->client : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, e->component, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, e->verb, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, e->target ? e->target : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, e->org_id);
	sqlite3_bind_text(st, 9, e->before, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, e->after, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, e->reason ? e->reason : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		store_error(db, "写审计记录", err);
	store_release(db, st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static const char *col(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

int audit_verify(sqlite3 *db, int64_t *checked, int64_t *bad_id, struct gn_err *err)
{
	sqlite3_stmt *st;
	char prev[65] = AUDIT_GENESIS, hash[65];
	int rc, result = 0;

	*checked = 0;
	if (store_prepare(db,
			  "SELECT id, at, login, client, component, verb, target, coalesce(org_id, 0),"
			  " before_json, after_json, reason, prev_hash, hash FROM audit ORDER BY id",
			  &st, err, ""))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct audit_entry e = {
			.at = col(st, 1), .login = col(st, 2), .client = col(st, 3),
			.component = col(st, 4), .verb = col(st, 5), .target = col(st, 6),
			.org_id = sqlite3_column_int64(st, 7), .before = col(st, 8),
			.after = col(st, 9), .reason = col(st, 10),
		};
		const char *stored_prev = col(st, 11), *stored = col(st, 12);

		if (!stored_prev || strcmp(stored_prev, prev) != 0) {
			*bad_id = id;
			err_set(err, GN_REFUSED,
				"审计链在第 %lld 条断开：它记录的前一条哈希与第 %lld 条之前的实际哈希不符（记录被删除、插入或改动）",
				(long long)id, (long long)id);
			result = 1;
			break;
		}
		entry_hash(id, &e, prev, hash);
		if (!stored || strcmp(stored, hash) != 0) {
			*bad_id = id;
			err_set(err, GN_REFUSED, "审计链在第 %lld 条断开：该条内容与其哈希不符（记录被改动）",
				(long long)id);
			result = 1;
			break;
		}
		memcpy(prev, hash, sizeof prev);
		(*checked)++;
	}
	sqlite3_finalize(st);
	if (result == 0 && rc != SQLITE_DONE)
		return store_error(db, "读取审计链", err);
	return result;
}

int audit_head(sqlite3 *db, struct audit_anchor *head, struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	head->seq = 0;
	snprintf(head->hash, sizeof head->hash, "%s", AUDIT_GENESIS);
	if (store_prepare(db, "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", &st, err, ""))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		head->seq = sqlite3_column_int64(st, 0);
		store_column_text(head->hash, sizeof head->hash, st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_error(db, "读取审计链", err);
}

int audit_anchor_parse(const char *text, struct audit_anchor *a, struct gn_err *err)
{
	const char *colon = strchr(text, ':');
	char *end;
	long long seq;

	if (!colon || colon == text || strlen(colon + 1) != 64 || strspn(colon + 1, "0123456789abcdef") != 64)
		return err_set(err, GN_USAGE, "锚点应为 序号:哈希（64 位十六进制小写），如 govnet audit anchor 所打印："
			       "\"%.80s\"", text);
	seq = strtoll(text, &end, 10);
	if (end != colon || seq < 0)
		return err_set(err, GN_USAGE, "锚点的序号应为非负整数：\"%.80s\"", text);
	a->seq = seq;
	memcpy(a->hash, colon + 1, 65);
	return 0;
}

int audit_check_anchor(sqlite3 *db, const struct audit_anchor *a, struct gn_err *err)
{
	struct audit_anchor head;
	char hash[65] = "";
	sqlite3_stmt *st;
	int rc;

	if (audit_head(db, &head, err))
		return -1;
	if (a->seq == 0)
		return 0;
	if (store_prepare(db, "SELECT hash FROM audit WHERE id = ?1", &st, err, "i", a->seq))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_column_text(hash, sizeof hash, st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(db, "读取审计链", err);
	if (rc == SQLITE_DONE && head.seq < a->seq) {
		err_set(err, GN_REFUSED, "审计链的末尾被删除：锚点记下了第 %lld 条，现在链只到第 %lld 条（少了至少 %lld 条）",
			(long long)a->seq, (long long)head.seq, (long long)(a->seq - head.seq));
		return 1;
	}
	if (rc == SQLITE_DONE || strcmp(hash, a->hash) != 0) {
		err_set(err, GN_REFUSED, "审计链与锚点 %lld 不符：第 %lld 条%s（链在此处或之前被改写）", (long long)a->seq,
			(long long)a->seq, rc == SQLITE_DONE ? "已不存在" : "的哈希与锚点记下的不同");
		return 1;
	}
	return 0;
}
