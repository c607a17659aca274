#include "config.h"
#include "door.h"
#include "audit.h"
#include "clock.h"
#include "digest.h"
#include "identity.h"
#include "listing.h"
#include "org.h"
#include "registry.h"
#include "rowjson.h"
#include "store.h"
#include "strbuf.h"
#include "textfile.h"
#include "workflow.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static struct door_hook *hooks[DOOR_HOOK_POINTS];
static size_t hook_count[DOOR_HOOK_POINTS];

void door_add_hook(enum door_hook_point where, struct door_hook hook)
{
	hooks[where] = xrealloc(hooks[where], (hook_count[where] + 1) * sizeof *hooks[where]);
	hooks[where][hook_count[where]++] = hook;
}

void door_clear_hooks(void)
{
	for (size_t i = 0; i < DOOR_HOOK_POINTS; i++) {
		free(hooks[i]);
		hooks[i] = NULL;
		hook_count[i] = 0;
	}
}

int door_role_allows(const struct gn_ctx *ctx, const struct gn_action *action)
{
	return ctx->actor.registered && (action->roles & ctx->actor.role);
}

/* The door reads each record it changes twice (before and after): the
 * statement for a table is written once per run into a slot that keeps its
 * address, so that store_cached prepares it once per connection as it
 * does a string literal.  Past the slots, statements are prepared afresh. */
#define ROW_SQL_SLOTS 32
static char row_sql[ROW_SQL_SLOTS][96];

static const char *row_sql_for(const char *table, char *own, size_t own_size)
{
	char want[96] = "";

	snprintf(own, own_size, "SELECT * FROM \"%s\" WHERE id = ?1", table);
	if (strlen(own) >= sizeof want)
		return own;
	memcpy(want, own, strlen(own) + 1);
	for (int i = 0; i < ROW_SQL_SLOTS; i++) {
		if (!row_sql[i][0])
			memcpy(row_sql[i], want, sizeof want);
		if (strcmp(row_sql[i], want) == 0)
			return row_sql[i];
	}
	return own;
}

int row_json(sqlite3 *db, const char *table, int64_t id, const char *scope_column, char **json,
	     int64_t *org_id, struct gn_err *err)
{
	char own[256];
	const char *sql = row_sql_for(table, own, sizeof own);
	sqlite3_stmt *st;
	json_t *obj;
	int rc;

	*json = NULL;
	/* Not the runner: the statement is kept for the connection
	 * (store_cached) unless the table is past the kept ones. */
	if ((sql == own ? sqlite3_prepare_v2(db, sql, -1, &st, NULL) : store_cached(db, sql, &st)) != SQLITE_OK)
		return store_error(db, table, err);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_release(db, st);
		return rc == SQLITE_DONE ? 0 : store_error(db, table, err);
	}
	obj = row_to_json(st, NULL);
	store_release(db, st);
	if (org_id && scope_column)
		*org_id = json_integer_value(json_object_get(obj, scope_column));
	*json = json_dumps(obj, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(obj);
	return 0;
}

/* Which record an action on an existing record means: its "id" field,
 * given as a number, or as the record's textual key (an organisation's name
 * or code, a login name). */
static int resolve_target(struct gn_call *call, struct gn_err *err)
{
	const char *key = args_get(call->args, "id");

	if (!action_field(call->action, "id") || !key)
		return 0;
	return record_resolve(call->ctx, call->component, key, &call->id, err);
}

static int check_scope(struct gn_call *call, struct gn_err *err)
{
	struct gn_ctx *ctx = call->ctx;
	const struct gn_action *a = call->action;
	char path[256], name[256];

	if (call->before) {
		/* org_id was read from the record's scope column. */
	} else if (a->scope_field) {
		const char *key = args_get(call->args, a->scope_field);
		if (!key)
			return err_set(err, GN_REFUSED, "缺少组织（--%s）", a->scope_field);
		if (org_resolve(ctx->db, key, &call->org_id, err)) {
			const struct gn_field *f = action_field(a, a->scope_field);
			err_prefix(err, "%s（--%s）：", f && f->label ? f->label : a->scope_field, a->scope_field);
			snprintf(err->field, sizeof err->field, "%s", a->scope_field);
			return -1;
		}
	} else if (action_field(a, "id") && args_get(call->args, "id")) {
		const struct gn_record *rec = call->component->record;
		return err_set(err, GN_REFUSED, "没有编号为 %s 的%s", args_get(call->args, "id"),
			       rec ? rec->title : "记录");
	} else {
		call->org_id = 0; /* city-wide actions */
	}
	if (call->org_id == 0) {
		if (!ctx->actor.city_wide)
			return err_set(err, GN_REFUSED, "超出权限范围：此操作面向全市，而 %s 的范围是 %s",
				       ctx->login, ctx->actor.org_name);
		return 0;
	}
	if (org_lookup(ctx->db, call->org_id, path, sizeof path, name, sizeof name, err))
		return -1;
	if (!org_within(ctx->actor.org_path, path))
		return err_set(err, GN_REFUSED, "超出权限范围：%s 不在 %s 的范围（%s）之内", name, ctx->login,
			       ctx->actor.org_name);
	return 0;
}

static int run_hooks(enum door_hook_point where, struct gn_call *call, struct gn_err *err)
{
	for (size_t i = 0; i < hook_count[where]; i++)
		if (hooks[where][i].run(call, hooks[where][i].data, err))
			return -1;
	return 0;
}

/* Every other loaded plugin that reacts to changes (gn_plugin.on_event)
 * hears of this one, in the order they were loaded; the first refusal
 * rolls the change back. */
static int run_reactions(struct gn_call *call, struct gn_err *err)
{
	const struct registry *reg = call->ctx->reg;

	for (size_t i = 0; reg && i < reg->n; i++) {
		const struct gn_plugin *p = reg->items[i].desc;
		if (!p->on_event || strcmp(p->name, call->component->name) == 0)
			continue;
		const struct gn_plugin *outer = call->reacting;
		call->reacting = p;
		int refused = p->on_event(call);
		call->reacting = outer;
		if (refused) {
			if (err->status == GN_OK)
				err_set(err, GN_REFUSED, "%s 未能处理 %s %s，更改已撤回", p->name, call->component->name,
					call->action->verb);
			return -1;
		}
	}
	return 0;
}

int door_announce(struct gn_call *call, const struct gn_plugin *component, const char *verb, const char *table,
		  int64_t id)
{
	struct gn_args args = { 0 };
	char idtext[24];
	struct gn_call event = *call;
	const struct gn_action action = { .verb = verb, .title = verb, .table = table };
	int rc;

	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	args_set(&args, "id", idtext);
	event.component = component;
	event.action = &action;
	event.args = &args;
	event.id = id;
	event.rows = NULL;
	event.text = (struct strbuf)STRBUF_INIT;
	event.before_obj = NULL;
	if (row_json(call->ctx->db, table, id, NULL, &event.before, NULL, call->err))
		return -1;
	rc = run_reactions(&event, call->err);
	free(event.before);
	json_decref(event.before_obj);
	sb_add(&call->text, sb_str(&event.text));
	sb_free(&event.text);
	json_decref(event.rows);
	args_free(&args);
	return rc;
}

static int write_audit(struct gn_call *call, struct gn_err *err)
{
	const struct gn_args *args = call->args;
	const char *why = args->why;
	char target[96];

	if (!why)
		why = args_get(args, "reason");
	if (!why)
		why = args_get(args, "comment");
	snprintf(target, sizeof target, "%s#%lld", call->action->table, (long long)call->id);
	struct audit_entry e = {
		.at = call->now, .login = call->ctx->login, .client = call->ctx->client,
		.component = call->component->name, .verb = call->action->verb, .target = target,
		.org_id = call->org_id, .before = call->before, .after = call->after,
		.reason = why ? why : "",
	};
	return audit_append(call->ctx->db, &e, err);
}

static int refuse_role(struct gn_ctx *ctx, const struct gn_plugin *c, const struct gn_action *a,
		       struct gn_err *err)
{
	struct strbuf allowed = STRBUF_INIT;

	for (unsigned r = 1; r <= GN_ROLE_ADMIN; r <<= 1)
		if (a->roles & r)
			sb_addf(&allowed, "%s%s", allowed.len ? "、" : "", role_name((enum gn_role)r));
	err_set(err, GN_REFUSED, "角色 %s 不能执行 %s %s（%s）：只有 %s 可以%s%s", role_name(ctx->actor.role),
		c->name, a->verb, a->title, sb_str(&allowed), a->article ? "，依据 " : "",
		a->article ? a->article : "");
	sb_free(&allowed);
	return -1;
}

void door_result_free(struct door_result *r)
{
	json_decref(r->rows);
	free(r->text);
	memset(r, 0, sizeof *r);
}

static void report_hook_failure(struct gn_call *call, struct gn_err *e)
{
	fprintf(stderr, "govnet: %s %s 已完成，但提交后的处理失败：%s\n", call->component->name,
		call->action->verb, e->msg);
}

/* Attachments are kept as references: the file's SHA-256 and its name
 * take the place of the path before anything else sees the value.  A text
 * file's content takes the place of its path, read here at the edge with
 * the user's own rights (textfile.h); where it came from is kept beside. */
static int resolve_files(const struct gn_action *action, const struct gn_args *given, struct gn_args *args,
			 char **owned, struct gn_err *err)
{
	size_t n = 0;

	args->items = xcalloc(given->n ? given->n : 1, sizeof *args->items);
	if (given->n)
		memcpy(args->items, given->items, given->n * sizeof *args->items);
	args->n = given->n;
	args->why = given->why;
	args->sources = xcalloc(given->n ? given->n : 1, sizeof *args->sources);
	for (size_t i = 0; i < args->n; i++) {
		const struct gn_field *f = action_field(action, args->items[i].name);
		char hex[65];
		if (f && f->type == GN_FIELD_TEXT_FILE) {
			struct strbuf content = STRBUF_INIT;
			char source[4096];
			if (text_read(args->items[i].value, (f->flags & GN_FIELD_URL) != 0,
				      f->max_chars ? f->max_chars : FIELD_LONGTEXT_MAX_CHARS, f->label ? f->label : f->name,
				      &content, source, sizeof source, err)) {
				sb_free(&content);
				snprintf(err->field, sizeof err->field, "%s", f->name);
				return -1;
			}
			owned[n++] = sb_detach(&content);
			owned[n++] = xstrdup(source);
			args->items[i].value = owned[n - 2];
			args->sources[args->nsources++] = (struct gn_arg){ args->items[i].name, owned[n - 1] };
			continue;
		}
		if (!f || f->type != GN_FIELD_FILE)
			continue;
		if (field_check(f, args->items[i].value, err) || digest_file(args->items[i].value, hex, err))
			return -1;
		const char *base = strrchr(args->items[i].value, '/');
		struct strbuf ref = STRBUF_INIT;
		sb_addf(&ref, "%s %s", hex, base ? base + 1 : args->items[i].value);
		owned[n++] = sb_detach(&ref);
		args->items[i].value = owned[n - 1];
	}
	return 0;
}

static int door_run_resolved(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
			     const struct gn_args *args, const struct door_probes *probes, struct door_result *res,
			     struct gn_err *err);

/* Undo this change: the transaction, or within a caller's (ctx->outer_tx)
 * only this change's savepoint; without one (outer_tx_bare) the caller
 * undoes everything. */
static void door_undo(struct gn_ctx *ctx)
{
	if (ctx->outer_tx && ctx->outer_tx_bare)
		return;
	if (ctx->outer_tx) {
		sqlite3_exec(ctx->db, "ROLLBACK TO door; RELEASE door", NULL, NULL, NULL);
		store_cache_rolled_back(ctx->db);
	} else {
		store_rollback(ctx->db);
	}
}

static int names_files(const struct gn_action *action)
{
	for (const struct gn_field *f = action->fields; f && f->name; f++)
		if (f->type == GN_FIELD_FILE || f->type == GN_FIELD_TEXT_FILE)
			return 1;
	return 0;
}

int door_run(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
	     const struct gn_args *given, struct door_result *res, struct gn_err *err)
{
	struct gn_args args = { 0 };
	struct gn_err unread = { .status = GN_OK };
	struct door_probes probes = { 0 };
	char **owned;
	int rc;

	/* Nobody makes govnet read a file or fetch a URL for an action their
	 * role may not take; the door checks again under the lock.  Actions
	 * that name no file pay nothing for this. */
	if ((names_files(action) || action->probe) && identity_load_actor(ctx, &unread) == 0 && ctx->actor.registered &&
	    !door_role_allows(ctx, action)) {
		if (res)
			memset(res, 0, sizeof *res);
		return refuse_role(ctx, component, action, err);
	}
	owned = xcalloc(2 * given->n + 1, sizeof *owned);
	rc = resolve_files(action, given, &args, owned, err);
	/* A probe waits on the network here, before the transaction. */
	if (rc == 0 && action->probe)
		rc = door_probe(ctx, component, action, &args, &probes, err);
	if (rc == 0)
		rc = door_run_resolved(ctx, component, action, &args, action->probe ? &probes : NULL, res, err);
	else if (res)
		memset(res, 0, sizeof *res);
	for (size_t i = 0; owned[i]; i++)
		free(owned[i]);
	free(owned);
	args_free(&args);
	door_probes_free(&probes);
	return rc;
}

static int door_run_resolved(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
			     const struct gn_args *args, const struct door_probes *probes, struct door_result *res,
			     struct gn_err *err)
{
	struct gn_call call = { .ctx = ctx, .component = component, .action = action, .args = args, .err = err,
				.probes = probes };
	const char *scope_column = action->scope_column ? action->scope_column : "org_id";
	int readonly = (action->flags & GN_ACTION_READONLY) != 0;
	int rc = -1;

	if (res)
		memset(res, 0, sizeof *res);
	if (ctx->read_only && !readonly)
		return err_set(err, GN_REFUSED, "数据库 %s 是只读的，未作任何更改", ctx->db_path);
	if (fields_check(action, args, err))
		return -1;
	if (readonly) {
		call.row_sink = ctx->report_row;
		call.row_sink_data = ctx->report_row_data;
	}
	/* A report reads one consistent snapshot and then lets go. */
	if (ctx->outer_tx ? (ctx->outer_tx_bare ? 0 : store_exec(ctx->db, "SAVEPOINT door", err)) :
	    readonly ? store_exec(ctx->db, "BEGIN", err) : store_begin(ctx->db, err))
		return -1;
	/* The login is read again under the lock: a login disabled a moment
	 * ago must not slip through.  A caller holding the transaction read
	 * it under that same lock, once for all its changes. */
	if (!(ctx->outer_tx && ctx->actor.registered) && identity_load_actor(ctx, err))
		goto out;
	if (!ctx->actor.registered) {
		identity_refuse_unregistered(ctx, err);
		goto out;
	}
	if (!door_role_allows(ctx, action)) {
		refuse_role(ctx, component, action, err);
		goto out;
	}
	clock_format(ctx->now, call.now);
	if (resolve_target(&call, err))
		goto out;
	if (call.id && row_json(ctx->db, action->table, call.id, scope_column, &call.before, &call.org_id, err))
		goto out;
	if (check_scope(&call, err))
		goto out;
	if (run_hooks(DOOR_BEFORE_HANDLER, &call, err))
		goto out;
	if (action->run(&call)) {
		if (err->status == GN_OK)
			err_set(err, GN_REFUSED, "%s %s 失败", component->name, action->verb);
		goto out;
	}
	if (readonly) {
		door_undo(ctx);
		rc = 0;
		goto out;
	}
	if (call.id && row_json(ctx->db, action->table, call.id, NULL, &call.after, NULL, err))
		goto out;
	if (write_audit(&call, err) || run_reactions(&call, err) || run_hooks(DOOR_AFTER_AUDIT, &call, err))
		goto out;
	rc = ctx->outer_tx ? (ctx->outer_tx_bare ? 0 : store_exec(ctx->db, "RELEASE door", err)) :
			     store_commit(ctx->db, err);
	if (rc == 0) {
		struct gn_err after_err = { .status = GN_OK };
		for (size_t i = 0; i < hook_count[DOOR_AFTER_COMMIT]; i++)
			if (hooks[DOOR_AFTER_COMMIT][i].run(&call, hooks[DOOR_AFTER_COMMIT][i].data, &after_err))
				report_hook_failure(&call, &after_err);
	}
out:
	if (rc)
		door_undo(ctx);
	for (size_t i = 0; rc && i < hook_count[DOOR_AFTER_ROLLBACK]; i++)
		hooks[DOOR_AFTER_ROLLBACK][i].run(&call, hooks[DOOR_AFTER_ROLLBACK][i].data, err);
	if (rc == 0 && res) {
		res->id = call.id;
		res->rows = call.rows;
		res->text = call.text.len ? sb_detach(&call.text) : NULL;
		call.rows = NULL;
	}
	json_decref(call.rows);
	sb_free(&call.text);
	free(call.before);
	free(call.after);
	json_decref(call.before_obj);
	return rc;
}

/* What a rehearsal gives a move's required reason or comment
 * (GN_TRANSITION_NEEDS_REASON, _COMMENT): text that satisfies "required"
 * and nothing more.  A handler that judges the text refuses naming the
 * field, which door_try counts as nothing: the form will ask for it. */
#define DOOR_TRY_REASON "（预演）"

static int rehearsal_fills(const struct gn_plugin *component, const struct gn_action *action,
			   const struct gn_field *f)
{
	return (strcmp(f->name, "reason") == 0 || strcmp(f->name, "comment") == 0) &&
	       f->type == GN_FIELD_LONGTEXT && wf_transition(component, action->verb);
}

/* Whether door_try may rehearse action: it changes a record it is given
 * by id and needs nothing else the user has not yet typed, but for a
 * move's reason or comment (rehearsal_fills). */
static int rehearsable(const struct gn_plugin *component, const struct gn_action *action)
{
	if (!action->run || (action->flags & (GN_ACTION_READONLY | GN_ACTION_CREATES)) || !action_field(action, "id"))
		return 0;
	for (const struct gn_field *f = action->fields; f && f->name; f++)
		if ((f->flags & GN_FIELD_REQUIRED) && strcmp(f->name, "id") != 0 && !rehearsal_fills(component, action, f))
			return 0;
	return !names_files(action);
}

int door_try(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action, int64_t id,
	     struct gn_err *err)
{
	struct gn_args args = { 0 };
	struct gn_call call = { .ctx = ctx, .component = component, .action = action, .args = &args, .err = err,
				.dry_run = 1 };
	const char *scope_column = action->scope_column ? action->scope_column : "org_id";
	char idtext[24];
	int rc = -1;

	if (!rehearsable(component, action) || ctx->read_only)
		return 0;
	if (!door_role_allows(ctx, action))
		return refuse_role(ctx, component, action, err);
	snprintf(idtext, sizeof idtext, "%lld", (long long)id);
	args_set(&args, "id", idtext);
	for (const struct gn_field *f = action->fields; f && f->name; f++)
		if ((f->flags & GN_FIELD_REQUIRED) && rehearsal_fills(component, action, f))
			args_set(&args, f->name, DOOR_TRY_REASON);
	if (store_exec(ctx->db, "SAVEPOINT door_try", err)) {
		args_free(&args);
		return 0; /* the door will judge */
	}
	clock_format(ctx->now, call.now);
	call.id = id;
	if (row_json(ctx->db, action->table, id, scope_column, &call.before, &call.org_id, err) == 0 &&
	    check_scope(&call, err) == 0) {
		rc = action->run(&call);
		if (rc && err->status == GN_OK)
			err_set(err, GN_REFUSED, "%s %s 失败", component->name, action->verb);
	}
	sqlite3_exec(ctx->db, "ROLLBACK TO door_try; RELEASE door_try", NULL, NULL, NULL);
	store_cache_rolled_back(ctx->db);
	/* What the form will ask for is not the record's fault. */
	if (rc && err->field[0] && strcmp(err->field, "id") != 0) {
		*err = (struct gn_err){ .status = GN_OK };
		rc = 0;
	}
	json_decref(call.rows);
	sb_free(&call.text);
	free(call.before);
	json_decref(call.before_obj);
	args_free(&args);
	return rc ? -1 : 0;
}
