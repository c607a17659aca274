/*
 * decisions.c — an applicant learns the decision and its reason without
 * setting anything up (Art 11): a department's console counts the moves
 * others made on its records since it last looked (the status line) and
 * lists them in :messages, which marks them seen.  What was seen is
 * remembered per login and store in the user's own file (userconf.h).
 */
#include "config.h"
#include "ui_int.h"
#include "userconf.h"
#include "../core/clock.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "../core/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"


/* Moves on records of the login's organisation made by someone outside it. */
#define DECISIONS_FROM \
	" FROM wf_history h JOIN org o ON o.id = h.org_id" \
	" WHERE h.id > ?1 AND o.path >= ?2 AND o.path < ?3 AND NOT EXISTS (SELECT 1 FROM login l" \
	" JOIN org lo ON lo.id = l.org_id WHERE l.login = h.login AND lo.path >= ?2 AND lo.path < ?3)"

static void seen_key(const struct ui *ui, char *key, size_t size)
{
	snprintf(key, size, "decisions-seen %s %s", ui->ctx.login, ui->ctx.db_path);
}

static sqlite3_stmt *prepare(struct ui *ui, const char *sql)
{
	struct gn_err err;
	sqlite3_stmt *st;

	if (store_prepare(ui->ctx.db, sql, &st, &err, "itt", (int64_t)ui->decisions_seen, ui->ctx.actor.org_path,
			  ui->ctx.actor.org_path_end))
		return NULL;
	return st;
}

void decisions_load(struct ui *ui)
{
	char key[4400], value[32];
	sqlite3_stmt *st;

	ui->decisions_new = 0;
	if (ui->ctx.actor.role != GN_ROLE_DEPT)
		return;
	seen_key(ui, key, sizeof key);
	ui->decisions_seen = userconf_get(key, value, sizeof value) ? strtoll(value, NULL, 10) : 0;
	if (!(st = prepare(ui, "SELECT count(*), coalesce(max(h.id), 0)" DECISIONS_FROM)))
		return;
	if (sqlite3_step(st) == SQLITE_ROW) {
		ui->decisions_new = sqlite3_column_int(st, 0);
		ui->decisions_last = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
}

void decisions_list(struct ui *ui, struct strbuf *sb)
{
	sqlite3_stmt *st;
	char key[4400], value[32];

	if (!ui->decisions_new)
		return;
	st = prepare(ui, "SELECT h.component, h.record_id, h.from_state, h.to_state, h.login, h.at, h.comment"
			 DECISIONS_FROM " ORDER BY h.id DESC LIMIT 50");
	if (!st)
		return;
	sb_addf(sb, "本单位事项的新决定（%d 项）：\n", ui->decisions_new);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const struct gn_plugin *c = registry_find(ui->ctx.reg, (const char *)sqlite3_column_text(st, 0));
		const struct gn_state *from = c ? wf_state(c, (const char *)sqlite3_column_text(st, 2)) : NULL;
		const struct gn_state *to = c ? wf_state(c, (const char *)sqlite3_column_text(st, 3)) : NULL;
		const char *comment = (const char *)sqlite3_column_text(st, 6);
		char when[32];
		if (!clock_short((const char *)sqlite3_column_text(st, 5), ui->ctx.now, when, sizeof when))
			snprintf(when, sizeof when, "%s", (const char *)sqlite3_column_text(st, 5));
		sb_addf(sb, "  %s %s #%lld：%s → %s（%s）%s%s\n", when,
			c && c->record ? c->record->title : (const char *)sqlite3_column_text(st, 0),
			(long long)sqlite3_column_int64(st, 1),
			from && from->title ? from->title : (const char *)sqlite3_column_text(st, 2),
			to && to->title ? to->title : (const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4), comment && *comment ? "：" : "", comment ? comment : "");
	}
	sqlite3_finalize(st);
	sb_add(sb, "\n");
	/* Listed is seen. */
	seen_key(ui, key, sizeof key);
	snprintf(value, sizeof value, "%lld", (long long)ui->decisions_last);
	if (userconf_set(key, value))
		ui_message(ui, 1, "无法记下已读的决定（%s）", "$XDG_CONFIG_HOME/govnet/console");
	ui->decisions_seen = ui->decisions_last;
	ui->decisions_new = 0;
}
