/*
 * cmd_rules_diff.c — `govnet rules history 规则 --diff V1 V2`: what changed
 * between two stored versions of a county's script, line by line, as a
 * reviewer reads a patch (Art 30).  Every line goes through
 * rules_print_source, so a stored version's escapes never reach the
 * terminal.
 */
#include "config.h"
#include "cmd_rules.h"
#include "../core/store.h"
#include "../core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* Lines kept around each change, as diff -u does. */
#define DIFF_CONTEXT 3
/* The longest-common-subsequence table is (n+1)×(m+1) cells of the part
 * that differs; beyond this the changed part is shown as removed and
 * added whole. */
#define DIFF_MAX_CELLS (4u << 20)

struct line {
	const char *s;
	size_t len;
};

struct text {
	struct line *lines;
	size_t n;
};

/* Split at '\n'; a line's '\r' before it is a line end too. */
static void split_lines(const char *s, struct text *t)
{
	size_t cap = 16;

	t->n = 0;
	t->lines = xmalloc(cap * sizeof *t->lines);
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		if (t->n == cap)
			t->lines = xrealloc(t->lines, (cap *= 2) * sizeof *t->lines);
		t->lines[t->n++] = (struct line){ s, len > 0 && s[len - 1] == '\r' ? len - 1 : len };
		s += len + (nl != NULL);
	}
}

static int same(const struct line *a, const struct line *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

/* One step of the edit: ' ' both, '-' only in a, '+' only in b. */
struct op {
	char kind;
	size_t a, b; /* line indexes (of a for ' ' and '-', of b for '+') */
};

static void push(struct op **ops, size_t *n, size_t *cap, char kind, size_t a, size_t b)
{
	if (*n == *cap)
		*ops = xrealloc(*ops, (*cap = *cap ? *cap * 2 : 64) * sizeof **ops);
	(*ops)[(*n)++] = (struct op){ kind, a, b };
}

/* The edit from a to b: common prefix and suffix, and between them the
 * longest common subsequence. */
static struct op *edit_script(const struct text *a, const struct text *b, size_t *nops)
{
	size_t pre = 0, suf = 0, n, m, cap = 0;
	struct op *ops = NULL;
	unsigned *lcs = NULL;

	*nops = 0;
	while (pre < a->n && pre < b->n && same(&a->lines[pre], &b->lines[pre]))
		pre++;
	while (suf < a->n - pre && suf < b->n - pre && same(&a->lines[a->n - 1 - suf], &b->lines[b->n - 1 - suf]))
		suf++;
	n = a->n - pre - suf;
	m = b->n - pre - suf;
	for (size_t i = 0; i < pre; i++)
		push(&ops, nops, &cap, ' ', i, i);
	if (n && m && (n + 1) * (m + 1) <= DIFF_MAX_CELLS) {
		/* lcs[i][j]: the LCS of a's lines from i and b's from j. */
		lcs = xcalloc((n + 1) * (m + 1), sizeof *lcs);
		for (size_t i = n; i-- > 0;)
			for (size_t j = m; j-- > 0;)
				lcs[i * (m + 1) + j] = same(&a->lines[pre + i], &b->lines[pre + j])
							       ? lcs[(i + 1) * (m + 1) + j + 1] + 1
						       : lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]
							       ? lcs[(i + 1) * (m + 1) + j]
							       : lcs[i * (m + 1) + j + 1];
	}
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (lcs && i < n && j < m && same(&a->lines[pre + i], &b->lines[pre + j])) {
			push(&ops, nops, &cap, ' ', pre + i, pre + j);
			i++, j++;
		} else if (i < n && (j == m || !lcs || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) {
			push(&ops, nops, &cap, '-', pre + i, pre + j);
			i++;
		} else {
			push(&ops, nops, &cap, '+', pre + i, pre + j);
			j++;
		}
	}
	for (size_t k = 0; k < suf; k++)
		push(&ops, nops, &cap, ' ', pre + n + k, pre + m + k);
	free(lcs);
	return ops;
}

static void print_line(char kind, const struct line *l)
{
	putchar(kind);
	rules_print_source(l->s, l->len);
	putchar('\n');
}

/* Hunks of changes with DIFF_CONTEXT lines around them. */
static void print_hunks(const struct op *ops, size_t nops, const struct text *a, const struct text *b)
{
	size_t k = 0;

	while (k < nops) {
		size_t start, end, last, na = 0, nb = 0;
		while (k < nops && ops[k].kind == ' ')
			k++;
		if (k == nops)
			break;
		start = k > DIFF_CONTEXT ? k - DIFF_CONTEXT : 0;
		/* A hunk goes on while changes are closer than twice the
		 * context, and ends DIFF_CONTEXT lines after its last one. */
		last = k;
		for (size_t t = k; t < nops && t - last <= 2 * DIFF_CONTEXT; t++)
			if (ops[t].kind != ' ')
				last = t;
		end = last + 1 + DIFF_CONTEXT < nops ? last + 1 + DIFF_CONTEXT : nops;
		for (size_t t = start; t < end; t++) {
			na += ops[t].kind != '+';
			nb += ops[t].kind != '-';
		}
		printf("@@ -%zu,%zu +%zu,%zu @@\n", ops[start].a + 1, na, ops[start].b + 1, nb);
		for (size_t t = start; t < end; t++)
			print_line(ops[t].kind, ops[t].kind == '+' ? &b->lines[ops[t].b] : &a->lines[ops[t].a]);
		k = end;
	}
}

int rules_wants_diff(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		if (strcmp(argv[i], "--diff") == 0)
			return 1;
	return 0;
}

/* A version's source and its heading line. */
static int load_version(sqlite3 *db, int64_t id, const char *name, int v, char **source, struct strbuf *head,
			struct gn_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (store_prepare(db, "SELECT v.source, v.added_at, v.added_by, o.name || '/' || r.name FROM rule_version v"
			  " JOIN rule r ON r.id = v.rule_id JOIN org o ON o.id = r.org_id"
			  " WHERE v.rule_id = ?1 AND v.version = ?2",
			  &st, err, "in", id, v))
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *src = sqlite3_column_text(st, 0);
		*source = xstrdup(src ? (const char *)src : "");
		sb_addf(head, "%s 第 %d 版（%s，%s 添加）", sqlite3_column_text(st, 3), v, sqlite3_column_text(st, 1),
			sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return err_set(err, GN_REFUSED, "规则 %s 没有第 %d 版（govnet rules history %s）", name, v, name);
	return 0;
}

int rules_diff_versions(sqlite3 *db, int64_t id, const char *name, int v1, int v2, struct gn_err *err)
{
	struct strbuf h1 = STRBUF_INIT, h2 = STRBUF_INIT;
	char *s1 = NULL, *s2 = NULL;
	struct text a = { 0 }, b = { 0 };
	struct op *ops;
	size_t nops;
	int rc = -1;

	if (load_version(db, id, name, v1, &s1, &h1, err) || load_version(db, id, name, v2, &s2, &h2, err))
		goto out;
	split_lines(s1, &a);
	split_lines(s2, &b);
	ops = edit_script(&a, &b, &nops);
	/* The headings hold names and logins: shown safely too. */
	fputs("--- ", stdout);
	rules_print_source(sb_str(&h1), h1.len);
	fputs("\n+++ ", stdout);
	rules_print_source(sb_str(&h2), h2.len);
	putchar('\n');
	print_hunks(ops, nops, &a, &b);
	if (strcmp(s1, s2) == 0)
		printf("两个版本的脚本相同\n");
	free(ops);
	rc = 0;
out:
	free(a.lines), free(b.lines);
	free(s1), free(s2);
	sb_free(&h1), sb_free(&h2);
	return rc;
}
