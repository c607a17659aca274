/*
 * form.c — the form model: values, focus, checks, the organisation
 * picker, and sending the form through the door.
 */
#include "config.h"
#include "form.h"
#include "../core/workflow.h"
#include "../front/describe.h"
#include "keys.h"
#include "../core/fields.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static size_t max_chars(const struct gn_field *f)
{
	if (!f)
		return FIELD_DEFAULT_MAX_CHARS;
	if (f->max_chars)
		return f->max_chars;
	return f->type == GN_FIELD_LONGTEXT ? FIELD_LONGTEXT_MAX_CHARS : FIELD_DEFAULT_MAX_CHARS;
}

const char *form_label(const struct form_field *ff)
{
	if (!ff->f)
		return "理由（记入审计）";
	return ff->f->label ? ff->f->label : ff->f->name;
}

const char *form_value(const struct form *fm, int i)
{
	const struct form_field *ff = &fm->fields[i];

	if (ff->f && ff->f->type == GN_FIELD_CHOICE)
		return ff->choice >= 0 ? ff->f->choices[ff->choice] : "";
	if (ff->f && ff->f->type == GN_FIELD_FLAG)
		return ff->flag ? "1" : "";
	return edit_text(&ff->ed);
}

static void set_value(struct form_field *ff, const char *v)
{
	if (ff->f && ff->f->type == GN_FIELD_CHOICE) {
		ff->choice = -1;
		for (int i = 0; ff->f->choices && ff->f->choices[i]; i++)
			if (strcmp(ff->f->choices[i], v) == 0)
				ff->choice = i;
	} else if (ff->f && ff->f->type == GN_FIELD_FLAG) {
		ff->flag = *v && strcmp(v, "0") != 0;
	} else {
		edit_set(&ff->ed, v);
	}
}

/* How the record acted on is named in the action's "id" field: an
 * organisation by its code (or name), anything else by number. */
static void lock_record(struct form_field *ff, const struct form *fm, const struct record *rec)
{
	char number[32];
	const char *code = rec ? record_value(rec, "code") : NULL, *name = rec ? record_value(rec, "name") : NULL;
	const char *label = rec ? record_value(rec, "login") : NULL;

	snprintf(number, sizeof number, "%lld", (long long)fm->record_id);
	if (ff->f->type == GN_FIELD_ORG && (code || name))
		edit_set(&ff->ed, code && *code ? code : name);
	else
		edit_set(&ff->ed, number);
	if (!label)
		label = name;
	snprintf(ff->shown, sizeof ff->shown, "%s #%lld%s%s",
		 rec && rec->view ? rec->view->title : fm->comp->record ? fm->comp->record->title : "",
		 (long long)fm->record_id, label ? " " : "", label ? label : "");
	ff->locked = 1;
}

/* A record made with a row selected starts from that row: a "parent"
 * is the selected record itself (allocating inside the selected block, an
 * organisation under the selected one), and an organisation field takes
 * the row's organisation.  The user may change either. */
static void prefill_creation(struct form_field *ff, const struct record *rec)
{
	const char *v = NULL;

	if (strcmp(ff->f->name, "parent") == 0) {
		v = record_value(rec, "cidr");
		if (!v && ff->f->type == GN_FIELD_ORG)
			v = record_value(rec, "code");
	} else if (ff->f->type == GN_FIELD_ORG) {
		v = record_value(rec, ff->f->name);
	}
	if (v && *v && strcmp(v, "-") != 0) {
		set_value(ff, v);
		ff->suggested = 1;
	}
}

void form_open(struct form *fm, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_plugin *comp,
	       const struct gn_action *act, const struct record *rec)
{
	int n = 1;

	memset(fm, 0, sizeof *fm);
	fm->ctx = ctx;
	fm->scope = scope;
	fm->comp = comp;
	fm->act = act;
	fm->record_id = rec ? rec->id : 0;
	for (const struct gn_field *f = act->fields; f && f->name; f++)
		n++;
	int is_transition = wf_transition(comp, act->verb) != NULL;
	fm->fields = xcalloc((size_t)n, sizeof *fm->fields);
	/* What must be given comes first; the audit's why last of all. */
	for (int pass = 0; pass < 2; pass++)
	for (const struct gn_field *f = act->fields; f && f->name; f++) {
		if (((f->flags & GN_FIELD_REQUIRED) != 0) != (pass == 0))
			continue;
		struct form_field *ff = &fm->fields[fm->n++];
		ff->f = f;
		ff->choice = -1;
		edit_init(&ff->ed, max_chars(f), f->type == GN_FIELD_LONGTEXT);
		if (rec && strcmp(f->name, "id") == 0 && !(act->flags & GN_ACTION_CREATES)) {
			lock_record(ff, fm, rec);
		} else if (rec && !(act->flags & GN_ACTION_CREATES) && !is_transition &&
			   record_value(rec, f->name)) {
			/* An edit starts from the current values; a transition's
			 * comment or reason is new text, never the record's own. */
			set_value(ff, record_value(rec, f->name));
		} else if (rec && (act->flags & GN_ACTION_CREATES)) {
			prefill_creation(ff, rec);
		}
		ff->initial = xstrdup(form_value(fm, fm->n - 1));
	}
	/* Every change may carry a reason into the audit entry. */
	struct form_field *why = &fm->fields[fm->n++];
	why->choice = -1;
	edit_init(&why->ed, FIELD_DEFAULT_MAX_CHARS, 0);
	why->initial = xstrdup("");
	fm->focus = -1;
	form_next(fm);
}

static void clear_suggestions(struct form *fm)
{
	for (int i = 0; i < fm->nsuggest; i++) {
		free(fm->suggest[i]);
		free(fm->suggest_label[i]);
	}
	fm->nsuggest = 0;
	fm->suggest_sel = 0;
}

void form_free(struct form *fm)
{
	clear_suggestions(fm);
	free(fm->picker_before);
	for (int i = 0; i < fm->n; i++) {
		edit_free(&fm->fields[i].ed);
		free(fm->fields[i].initial);
	}
	free(fm->fields);
	memset(fm, 0, sizeof *fm);
}

int form_dirty(const struct form *fm)
{
	for (int i = 0; i < fm->n; i++)
		if (strcmp(form_value(fm, i), fm->fields[i].initial) != 0)
			return 1;
	return 0;
}

void form_focus(struct form *fm, int i)
{
	if (i < 0 || i >= fm->n || fm->fields[i].locked)
		return;
	fm->focus = i;
	clear_suggestions(fm);
	free(fm->picker_before);
	fm->picker_before = xstrdup(edit_text(&fm->fields[i].ed));
}

void form_next(struct form *fm)
{
	for (int i = fm->focus + 1; i < fm->n; i++)
		if (!fm->fields[i].locked) {
			form_focus(fm, i);
			return;
		}
	for (int i = 0; i <= fm->focus && i < fm->n; i++)
		if (!fm->fields[i].locked) {
			form_focus(fm, i);
			return;
		}
}

void form_prev(struct form *fm)
{
	for (int i = fm->focus - 1; i >= 0; i--)
		if (!fm->fields[i].locked) {
			form_focus(fm, i);
			return;
		}
	for (int i = fm->n - 1; i > fm->focus; i--)
		if (!fm->fields[i].locked) {
			form_focus(fm, i);
			return;
		}
}

/* ---- the organisation picker ---------------------------------------------- */

/* Organisations within the reader's scope whose name contains, or whose
 * code starts with, what was typed; an exact name first, then the
 * higher levels.  A name two organisations share is offered by code. */
static void suggest_orgs(struct form *fm)
{
	const char *typed = edit_text(&fm->fields[fm->focus].ed);
	struct gn_ctx *ctx = fm->ctx;
	struct gn_err err;
	sqlite3_stmt *st;
	int rc;

	clear_suggestions(fm);
	if (!*typed || !ctx->actor.registered)
		return;
	scope_enter(ctx, fm->scope);
	rc = store_prepare(ctx->db,
			   "SELECT o.name, coalesce(o.code, ''),"
			   " (SELECT count(*) FROM org d WHERE d.name = o.name) FROM org o"
			   " WHERE o.path >= ?1 AND o.path < ?2 AND (instr(o.name, ?3) > 0 OR o.code LIKE ?3 || '%')"
			   " ORDER BY o.name = ?3 DESC, length(o.path), o.name LIMIT 6",
			   &st, &err, "ttt", ctx->actor.org_path, ctx->actor.org_path_end, typed);
	scope_leave(ctx, fm->scope);
	if (rc)
		return;
	while (fm->nsuggest < FORM_MAX_SUGGEST && sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *code = (const char *)sqlite3_column_text(st, 1);
		struct strbuf label = STRBUF_INIT;
		sb_add(&label, name);
		if (*code)
			sb_addf(&label, "（%s）", code);
		fm->suggest[fm->nsuggest] = xstrdup(sqlite3_column_int(st, 2) > 1 && *code ? code : name);
		fm->suggest_label[fm->nsuggest++] = sb_detach(&label);
	}
	sqlite3_finalize(st);
	/* Nothing more to offer when the one suggestion is what was typed. */
	if (fm->nsuggest == 1 && strcmp(fm->suggest[0], typed) == 0)
		clear_suggestions(fm);
}

int form_dismiss_suggestions(struct form *fm)
{
	if (fm->nsuggest == 0)
		return -1;
	clear_suggestions(fm);
	if (fm->focus >= 0 && fm->picker_before) {
		edit_set(&fm->fields[fm->focus].ed, fm->picker_before);
		fm->fields[fm->focus].error[0] = '\0';
	}
	return 0;
}

static int accept_suggestion(struct form *fm)
{
	if (fm->nsuggest == 0)
		return 0;
	edit_set(&fm->fields[fm->focus].ed, fm->suggest[fm->suggest_sel]);
	fm->fields[fm->focus].error[0] = '\0';
	clear_suggestions(fm);
	free(fm->picker_before);
	fm->picker_before = xstrdup(edit_text(&fm->fields[fm->focus].ed));
	return 1;
}

/* ---- keys ------------------------------------------------------------------ */

static int choice_count(const struct gn_field *f)
{
	int n = 0;

	while (f->choices && f->choices[n])
		n++;
	return n;
}

static int choice_key(struct form_field *ff, int key)
{
	int n = choice_count(ff->f);

	if (n == 0)
		return 0;
	if (key == UI_KEY_FN(KEY_RIGHT) || key == ' ') {
		ff->choice = ff->choice + 1 >= n ? -1 : ff->choice + 1;
		return 1;
	}
	if (key == UI_KEY_FN(KEY_LEFT)) {
		ff->choice = ff->choice < 0 ? n - 1 : ff->choice - 1;
		return 1;
	}
	if (key == UI_KEY_FN(KEY_BACKSPACE) || key == UI_KEY_FN(KEY_DC)) {
		ff->choice = -1;
		return 1;
	}
	if (key > ' ' && !UI_KEY_IS_FN(key)) {
		/* A character picks the next choice whose title starts with it
		 * (县 for 县区), or whose code does (c for county). */
		for (int k = 1; k <= n; k++) {
			int i = (ff->choice + k + n) % n;
			const char *title = field_choice_title(ff->f, (size_t)i);
			uint32_t first = 0;
			utf8_decode(title, strlen(title), &first);
			if (first == (uint32_t)key || (unsigned char)ff->f->choices[i][0] == key) {
				ff->choice = i;
				return 1;
			}
		}
	}
	return 0;
}

int form_key(struct form *fm, int key)
{
	struct form_field *ff;
	int is_org, changed = 0;

	if (fm->focus < 0)
		return 0;
	ff = &fm->fields[fm->focus];
	is_org = ff->f && ff->f->type == GN_FIELD_ORG;
	if (is_org && fm->nsuggest) {
		if (key == UI_KEY_FN(KEY_DOWN)) {
			fm->suggest_sel = (fm->suggest_sel + 1) % fm->nsuggest;
			return 1;
		}
		if (key == UI_KEY_FN(KEY_UP)) {
			fm->suggest_sel = (fm->suggest_sel + fm->nsuggest - 1) % fm->nsuggest;
			return 1;
		}
		if (key == '\n') {
			accept_suggestion(fm);
			return 0; /* taken: the caller moves on, as from any field */
		}
	}
	if (ff->f && ff->f->type == GN_FIELD_CHOICE) {
		changed = choice_key(ff, key);
	} else if (ff->f && ff->f->type == GN_FIELD_FLAG) {
		if (key == ' ' || key == 'x' || key == UI_KEY_FN(KEY_RIGHT) || key == UI_KEY_FN(KEY_LEFT)) {
			ff->flag = !ff->flag;
			changed = 1;
		}
	} else if (ff->ed.multiline && key == UI_KEY_FN(KEY_UP)) {
		return edit_up(&ff->ed) == 0;
	} else if (ff->ed.multiline && key == UI_KEY_FN(KEY_DOWN)) {
		return edit_down(&ff->ed) == 0;
	} else if (key == UI_KEY_FN(KEY_LEFT)) {
		return edit_left(&ff->ed), 1;
	} else if (key == UI_KEY_FN(KEY_RIGHT)) {
		return edit_right(&ff->ed), 1;
	} else if (key == UI_KEY_FN(KEY_HOME) || key == UI_KEY_CTRL('a')) {
		return edit_home(&ff->ed), 1;
	} else if (key == UI_KEY_FN(KEY_END) || key == UI_KEY_CTRL('e')) {
		return edit_end(&ff->ed), 1;
	} else if (key == UI_KEY_FN(KEY_BACKSPACE)) {
		changed = edit_backspace(&ff->ed) == 0;
	} else if (key == UI_KEY_FN(KEY_DC) || key == UI_KEY_CTRL('d')) {
		changed = edit_delete(&ff->ed) == 0;
	} else if (key == UI_KEY_CTRL('u')) {
		changed = edit_kill_before(&ff->ed) == 0;
	} else if (key == '\n' && ff->ed.multiline) {
		changed = edit_insert(&ff->ed, '\n') == 0;
	} else if (!UI_KEY_IS_FN(key) && key >= ' ' && key != 0x7f) {
		if (ff->suggested)
			edit_set(&ff->ed, "");
		if (edit_insert(&ff->ed, (uint32_t)key) == 0)
			changed = 1;
		else
			snprintf(ff->error, sizeof ff->error, "%s最多 %zu 个字符", form_label(ff), ff->ed.max_chars);
	} else {
		return 0;
	}
	ff->suggested = 0; /* kept or edited, it is the user's now */
	if (changed) {
		ff->error[0] = '\0';
		if (is_org)
			suggest_orgs(fm);
	}
	return 1;
}

/* ---- checking and sending ---------------------------------------------------- */

/* What a field sends: everything given for a new record; for an existing
 * one what changed, its key, and what is required. */
static int sends(const struct form *fm, int i)
{
	const struct form_field *ff = &fm->fields[i];
	const char *v = form_value(fm, i);

	if (!ff->f)
		return 0;
	if (ff->locked)
		return 1;
	if (fm->record_id && !(fm->act->flags & GN_ACTION_CREATES))
		return strcmp(v, ff->initial) != 0 || ((ff->f->flags & GN_FIELD_REQUIRED) && *v);
	return *v != '\0';
}

int form_check(struct form *fm)
{
	int bad = -1;

	fm->error[0] = '\0';
	for (int i = 0; i < fm->n; i++) {
		struct form_field *ff = &fm->fields[i];
		struct gn_err err = { .status = GN_OK };
		const char *v = form_value(fm, i);
		ff->error[0] = '\0';
		if (!ff->f) {
			if (!utf8_valid(v, strlen(v)))
				snprintf(ff->error, sizeof ff->error, "理由不是有效的 UTF-8 文本");
		} else if (ff->f->type == GN_FIELD_FLAG) {
			continue;
		} else if ((sends(fm, i) || (ff->f->flags & GN_FIELD_REQUIRED)) && field_check(ff->f, v, &err)) {
			snprintf(ff->error, sizeof ff->error, "%s", err.msg);
		}
		if (ff->error[0] && bad < 0)
			bad = i;
	}
	if (bad >= 0 && !fm->fields[bad].locked)
		form_focus(fm, bad);
	return bad >= 0 ? -1 : 0;
}

/* Put a refusal beside the field it names (gn_err.field). */
static void place_error(struct form *fm, const struct gn_err *err)
{
	struct strbuf text = STRBUF_INIT;
	const char *msg;

	sb_add(&text, err->msg);
	front_next_step(fm->ctx->reg, err, fm->menu_key[0] ? fm->menu_key : NULL, fm->comp, fm->record_id, &text);
	msg = sb_str(&text);

	for (int i = 0; err->field[0] && i < fm->n; i++) {
		const struct gn_field *f = fm->fields[i].f;
		if (f && strcmp(f->name, err->field) == 0) {
			snprintf(fm->fields[i].error, sizeof fm->fields[i].error, "%s", msg);
			if (!fm->fields[i].locked)
				form_focus(fm, i);
			sb_free(&text);
			return;
		}
	}
	snprintf(fm->error, sizeof fm->error, "%s", msg);
	sb_free(&text);
}

int form_submit(struct form *fm, struct door_result *res)
{
	struct gn_args args = { 0 };
	struct gn_err err = { .status = GN_OK };
	int rc;

	if (form_check(fm))
		return -1;
	for (int i = 0; i < fm->n; i++) {
		if (!fm->fields[i].f) {
			if (*form_value(fm, i))
				args.why = form_value(fm, i);
		} else if (sends(fm, i)) {
			args_set(&args, fm->fields[i].f->name, form_value(fm, i));
		}
	}
	rc = door_run(fm->ctx, fm->comp, fm->act, &args, res, &err);
	args_free(&args);
	if (rc)
		place_error(fm, &err);
	return rc;
}
