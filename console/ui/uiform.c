/*
 * uiform.c — a form on screen: a box over the list with one row per
 * field, the field's help or its error on the row below it, and the
 * organisation picker's suggestions under the field being typed.
 */
#include "config.h"
#include "ui_int.h"
#include "../core/fields.h"
#include "../core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define LONGTEXT_ROWS 4
#define LABEL_MAX 16

static int field_rows(const struct form_field *ff)
{
	/* the value, then its help or error */
	return (ff->f && ff->f->type == GN_FIELD_LONGTEXT ? LONGTEXT_ROWS : 1) + 1;
}

void uiform_open(struct ui *ui, const struct gn_plugin *comp, const struct gn_action *act, int with_record)
{
	struct ui_tab *t = ui_current(ui);
	const struct lrow *row = t->comp == comp ? list_current(&t->list) : NULL;
	struct record rec = { 0 };

	/* A creation opened on a selected row of the same kind starts from
	 * it (form_open: inside the selected block, for its organisation). */
	if (with_record && row && ui_row_record(ui, &rec)) {
		if (!(act->flags & GN_ACTION_CREATES)) {
			ui_message(ui, 1, "%s", rec.error);
			record_free(&rec);
			return;
		}
		with_record = 0;
	}
	if (ui->form_active)
		form_free(&ui->form);
	form_open(&ui->form, &ui->ctx, &ui->scope, comp, act, with_record && row ? &rec : NULL);
	keymap_keys_of(&ui->keys, CMD_ACTIONS, ui->form.menu_key, sizeof ui->form.menu_key);
	record_free(&rec);
	ui->form_active = 1;
	ui->mode = MODE_FORM;
	ui->msg[0] = '\0';
	ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
}

void uiform_close(struct ui *ui)
{
	if (ui->form_active)
		form_free(&ui->form);
	ui->form_active = 0;
	ui->mode = MODE_MAIN;
	curs_set(0);
	ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
}

void uiform_save(struct ui *ui)
{
	struct form *fm = &ui->form;
	struct door_result res;
	const struct gn_action *act = fm->act;
	const struct gn_plugin *comp = fm->comp;
	int creates = (act->flags & GN_ACTION_CREATES) != 0;

	if (form_submit(fm, &res)) {
		const char *why = fm->error;
		for (int i = 0; !*why && i < fm->n; i++)
			if (fm->fields[i].error[0])
				why = fm->fields[i].error;
		ui_message(ui, 1, "未保存：%s", why);
		ui->mode = MODE_FORM;
		ui->dirty |= DIRTY_ALL & ~DIRTY_CLEAR;
		return;
	}
	char *answer = ui_format_result(comp, &res);
	json_t *rows = json_incref(res.rows);
	if (creates)
		ui_message(ui, 0, "已完成：%s（编号 %lld）", act->title, (long long)res.id);
	else
		ui_message(ui, 0, "已完成：%s", act->title);
	int64_t id = res.id;
	door_result_free(&res);
	uiform_close(ui);
	ui_take_stderr(ui);
	ui_store_changed(ui);
	if (creates && id && ui_current(ui)->comp == comp) {
		list_goto_id(&ui_current(ui)->list, id);
		ui_sync_detail(ui);
	}
	if (answer)
		ui_show_answer(ui, act->title, answer);
	answer_open(ui, comp, act->title, rows);
}

void uiform_key(struct ui *ui, int key)
{
	struct form *fm = &ui->form;
	enum ui_cmd cmd = keymap_lookup(&ui->keys, UI_CTX_FORM, key);
	char question[512];

	ui->dirty |= DIRTY_MAIN | DIRTY_SIDE;
	switch (cmd) {
	case CMD_FORM_SAVE:
		if (fm->act->flags & GN_ACTION_DESTRUCTIVE) {
			if (form_check(fm)) {
				ui_message(ui, 1, "未保存：请先改正标出的字段");
				return;
			}
			snprintf(question, sizeof question, "确定要%s吗？此操作%s不易撤销。", fm->act->title,
				 fm->act->article ? "依规定记入审计，" : "");
			popup_confirm(ui, CONFIRM_DESTRUCTIVE, question);
		} else {
			uiform_save(ui);
		}
		return;
	case CMD_FORM_CANCEL:
		if (form_dismiss_suggestions(fm) == 0)
			return;
		if (form_dirty(fm))
			popup_confirm(ui, CONFIRM_DISCARD_FORM, "放弃已输入的内容？");
		else
			uiform_close(ui);
		return;
	case CMD_FORM_NEXT:
		form_next(fm);
		return;
	case CMD_FORM_PREV:
		form_prev(fm);
		return;
	default:
		break;
	}
	if (form_key(fm, key))
		return;
	if (key == '\n' || key == UI_KEY_FN(KEY_DOWN))
		form_next(fm);
	else if (key == UI_KEY_FN(KEY_UP))
		form_prev(fm);
}

/* ---- drawing --------------------------------------------------------------------- */

static void draw_value(struct ui *ui, struct form_field *ff, int focused, int y, int x, int w, int *cur_y,
		       int *cur_x)
{
	char view[1024];
	int rows = field_rows(ff) - 1;

	if (ff->locked) {
		draw_use(&ui->draw, EL_LABEL);
		draw_text(y, x, w, ff->shown, 0);
		return;
	}
	draw_use(&ui->draw, focused ? EL_FIELD_FOCUS : EL_FIELD);
	if (ff->f && ff->f->type == GN_FIELD_CHOICE) {
		snprintf(view, sizeof view, "< %s >", ff->choice >= 0 ? field_choice_title(ff->f, (size_t)ff->choice) : "（未选）");
		draw_text(y, x, w, view, 0);
		return;
	}
	if (ff->f && ff->f->type == GN_FIELD_FLAG) {
		draw_text(y, x, w, ff->flag ? "[x] 是" : "[ ] 否", 0);
		return;
	}
	edit_scroll_to_cursor(&ff->ed, (size_t)w, (size_t)rows);
	for (int r = 0; r < rows; r++) {
		edit_line_view(&ff->ed, ff->ed.top_line + (size_t)r, (size_t)w, view, sizeof view);
		draw_text(y + r, x, w, view, 0);
	}
	if (focused) {
		*cur_y = y + (int)(edit_cursor_line(&ff->ed) - ff->ed.top_line);
		*cur_x = x + (int)(edit_cursor_cell(&ff->ed) - ff->ed.scroll);
	}
}

static void field_hint(const struct form_field *ff, char *out, size_t size)
{
	const struct gn_field *f = ff->f;

	if (!f) {
		snprintf(out, size, "可不填");
		return;
	}
	if (f->type == GN_FIELD_CHOICE) {
		size_t used = (size_t)snprintf(out, size, "←/→ 选择：");
		for (int i = 0; f->choices && f->choices[i] && used < size; i++)
			used += (size_t)snprintf(out + used, size - used, "%s%s", i ? " | " : "",
					       field_choice_title(f, (size_t)i));
		return;
	}
	if (f->type == GN_FIELD_ORG) {
		snprintf(out, size, "%s（输入名称或代码查找，↑/↓ 选择，Enter 确定）", f->help ? f->help : "");
		return;
	}
	snprintf(out, size, "%s%s%s", f->help ? f->help : field_type_hint(f->type), f->help ? "（" : "",
		 f->help ? field_type_hint(f->type) : "");
	if (f->type == GN_FIELD_INT && f->max > f->min)
		snprintf(out + strlen(out), size - strlen(out), "，%lld–%lld", (long long)f->min, (long long)f->max);
	if (f->help)
		snprintf(out + strlen(out), size - strlen(out), "）");
}

void uiform_draw(struct ui *ui)
{
	struct form *fm = &ui->form;
	struct rect box = { 1, 0, ui->lay.rows - 3, ui->lay.cols };
	int label_w = 4, inner_top, inner_h, y, cur_y = -1, cur_x = -1, focus_y = 0, total = 0;
	char title[256], hint[1100], keys[3][64];

	draw_use(&ui->draw, EL_DIALOG);
	draw_box(&ui->draw, box);
	snprintf(title, sizeof title, " %s（%s %s%s%s） ", fm->act->title, fm->comp->name, fm->act->verb,
		 fm->act->article ? "，" : "", fm->act->article ? fm->act->article : "");
	draw_use(&ui->draw, EL_TITLE);
	draw_text(box.y, box.x + 2, (int)utf8_width(title) < box.w - 4 ? (int)utf8_width(title) : box.w - 4, title, 0);
	for (int i = 0; i < fm->n; i++) {
		int w = (int)utf8_width(form_label(&fm->fields[i])) + 1;
		if (w > label_w)
			label_w = w;
		if (i == fm->focus)
			focus_y = total;
		total += field_rows(&fm->fields[i]);
	}
	if (label_w > LABEL_MAX)
		label_w = LABEL_MAX;
	inner_top = box.y + 1 + (fm->error[0] ? 1 : 0);
	inner_h = box.y + box.h - 2 - inner_top; /* the last inner row holds the keys */
	if (fm->error[0]) {
		draw_use(&ui->draw, EL_ERROR);
		draw_text(box.y + 1, box.x + 2, box.w - 4, fm->error, 0);
	}
	/* Keep the focused field (and its help row) in view. */
	if (focus_y < fm->scroll)
		fm->scroll = focus_y;
	if (fm->focus >= 0 && focus_y + field_rows(&fm->fields[fm->focus]) > fm->scroll + inner_h)
		fm->scroll = focus_y + field_rows(&fm->fields[fm->focus]) - inner_h;
	if (fm->scroll < 0)
		fm->scroll = 0;
	y = inner_top - fm->scroll;
	int vx = box.x + 3 + label_w, vw = box.w - 3 - label_w - 2;
	int focus_row = -1;
	for (int i = 0; i < fm->n; i++) {
		struct form_field *ff = &fm->fields[i];
		int rows = field_rows(ff);
		if (y >= inner_top && y + rows - 1 < inner_top + inner_h) {
			char label[128];
			snprintf(label, sizeof label, "%s%s", form_label(ff),
				 ff->f && (ff->f->flags & GN_FIELD_REQUIRED) && !ff->locked ? "*" : "");
			draw_use(&ui->draw, i == fm->focus ? EL_TITLE : EL_LABEL);
			draw_text(y, box.x + 2, label_w, label, 1);
			draw_value(ui, ff, i == fm->focus, y, vx, vw, &cur_y, &cur_x);
			if (ff->error[0]) {
				draw_use(&ui->draw, EL_ERROR);
				snprintf(hint, sizeof hint, "%s", ff->error);
			} else {
				draw_use(&ui->draw, EL_HINT);
				if (ff->locked)
					hint[0] = '\0';
				else
					field_hint(ff, hint, sizeof hint);
			}
			draw_text(y + rows - 1, vx, vw, hint, 0);
			if (i == fm->focus)
				focus_row = y;
		}
		y += rows;
	}
	/* The picker's suggestions hang under the field, over what follows. */
	if (fm->nsuggest && focus_row >= 0) {
		for (int s = 0; s < fm->nsuggest && focus_row + 1 + s < box.y + box.h - 1; s++) {
			draw_use(&ui->draw, s == fm->suggest_sel ? EL_SELECTED : EL_DIALOG);
			draw_text(focus_row + 1 + s, vx, vw, fm->suggest_label[s], 0);
		}
	}
	keymap_keys_of(&ui->keys, CMD_FORM_SAVE, keys[0], sizeof keys[0]);
	keymap_keys_of(&ui->keys, CMD_FORM_NEXT, keys[1], sizeof keys[1]);
	keymap_keys_of(&ui->keys, CMD_FORM_CANCEL, keys[2], sizeof keys[2]);
	snprintf(hint, sizeof hint, "%s 保存   %s 下一字段   %s 取消   * 必填", keys[0], keys[1], keys[2]);
	draw_use(&ui->draw, EL_HINT);
	draw_text(box.y + box.h - 2, box.x + 2, box.w - 4, hint, 0);
	if (cur_y >= inner_top && cur_y < inner_top + inner_h && ui->mode == MODE_FORM) {
		move(cur_y, cur_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
}
