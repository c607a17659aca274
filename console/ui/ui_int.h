/*
 * ui_int.h — the console's state, shared by its files:
 *
 *   ui.c        the main loop, the tabs and the keys of the lists
 *   render.c    tabs, lists, the detail pane, the overview, status line
 *   uiform.c    forms: keys and drawing
 *   popup.c     the action menu, confirmations, help, answers in text
 *   answer.c    answers in rows, as a list
 *   commands.c  the `:` command line
 *   subtabs.c   a tab per plugin, its views as sub-tabs
 */
#ifndef GN_UI_INT_H
#define GN_UI_INT_H

#include <time.h>
#include "../core/ctx.h"
#include "../core/door.h"
#include "../core/strbuf.h"
#include "draw.h"
#include "edit.h"
#include "form.h"
#include "keys.h"
#include "layout.h"
#include "listmodel.h"
#include "overview.h"
#include "record.h"
#include "scope.h"
#include "theme.h"

enum ui_mode {
	MODE_MAIN,     /* a list (or the overview), with the detail pane */
	MODE_FILTER,   /* typing a filter */
	MODE_COMMAND,  /* typing a `:` command */
	MODE_FORM,
	MODE_MENU,     /* the actions on the current row */
	MODE_CONFIRM,
	MODE_HELP,
	MODE_TEXT,     /* an answer to read (a report, a table) */
	MODE_ANSWER,   /* the rows an action answered, as a list (answer.c) */
};

enum {
	DIRTY_TABS = 1u << 0, DIRTY_MAIN = 1u << 1, DIRTY_SIDE = 1u << 2, DIRTY_STATUS = 1u << 3,
	DIRTY_LINE = 1u << 4, DIRTY_CLEAR = 1u << 5, DIRTY_ALL = 0x3f,
};

struct ui_tab {
	const struct gn_plugin *comp; /* NULL: the overview */
	const struct gn_view *view;
	char title[64];
	struct listmodel list;
	int loaded;                   /* read since the store last changed */
	int hscroll;                  /* columns scrolled off to the left */
	int more_right;               /* the last frame left columns off to the right */
	const char *number_label;     /* the first column's heading; NULL: 编号 */
	int report;                   /* the monthly report's tab (report_tab.c), comp NULL */
	char *report_text;            /* its lines, drawn with bars */
	int report_top;               /* lines of it scrolled off above */
	int core;                     /* a view of the core's own tables */
	int group;                    /* the tab on the tab bar it is a sub-tab of (ui_group) */
	char subtitle[64];            /* its name among its plugin's views */
	char report_month[8];         /* the month it shows, "2026-10"; "" until first drawn: last month */
};

/* A tab on the tab bar: a plugin's views (or the Overview, the core's
 * tables, the monthly report), ui->tabs[first .. first + n - 1]. */
struct ui_group {
	char title[64];
	int first, n;
	int last;                     /* the view shown when it was last left */
};

/* Where a tab or a sub-tab was drawn, for a click: ui->tabs[tab]. */
struct ui_hit {
	int tab, x0, x1;
};

/* The rows an action answered, shown as a list (MODE_ANSWER). */
struct ui_answer {
	struct ui_tab tab;            /* comp labels the columns; list holds the rows */
	struct gn_view view;
	struct gn_column *columns;
	json_t *rows;                 /* the column names live in it */
	char title[128];
};

enum confirm_kind { CONFIRM_DISCARD_FORM, CONFIRM_DESTRUCTIVE, CONFIRM_COMMAND };

struct ui_menu_item {
	const struct gn_action *act;
	char label[256];
	char refused[1024]; /* why the door would refuse it (door_try), or "" */
};

#define UI_HISTORY 20

struct ui {
	struct gn_ctx ctx;
	int fixed_clock;              /* GOVNET_NOW holds the clock still */
	struct ui_tab *tabs;
	int ntabs, tab;
	struct ui_group *groups;
	int ngroups;
	struct keymap keys;
	struct theme theme;
	struct draw draw;
	int no_color, line_drawing;
	struct layout lay;
	enum ui_mode mode, under;     /* under: what a popup returns to */
	unsigned dirty;
	int quit;

	/* The detail pane: always beside the list on a wide terminal; on a
	 * narrow one in place of the list while detail_open. */
	int detail_open;
	struct record rec;
	int detail_top;               /* lines of it scrolled off above (render clamps) */

	struct overview ov;
	int ov_loaded;

	struct edit line;             /* the filter or command being typed */
	char pending_command[256];    /* a destructive command awaiting its yes */
	char history[UI_HISTORY][256];
	int nhistory, history_pos;

	struct form form;
	int form_active;

	struct ui_menu_item *menu;
	int nmenu, menu_sel;
	enum confirm_kind confirm;
	char question[512];
	struct ui_answer answer;      /* MODE_ANSWER */
	char *text;                   /* MODE_TEXT and MODE_HELP */
	char text_title[128];
	int text_top;

	char msg[1024];
	int msg_error;
	int msg_rows;                 /* the rows the message took when last drawn */
	struct strbuf msglog;         /* this session's messages, for :messages */
	struct ui_scope scope;
	long long data_version;
	int count_pending;            /* the keyboard rested: work between keys goes on piece after piece */
	/* decisions.c: others' moves on a department's records not yet seen */
	int decisions_new;
	int mouse;                    /* clicks and the wheel (:mouse off) */
	char last_search[128];        /* what n/N look for once the filter is cleared */
	struct ui_hit tab_hit[64];    /* where subtabs_render drew each tab */
	int ntab_hit;
	struct ui_hit sub_hit[32];    /* and each sub-tab */
	int nsub_hit;
	long long decisions_seen, decisions_last;
	time_t clock_minute;
};

/* The record under the cursor as the detail pane shows it: the plugin's
 * record, or the row of a view of other records (record_load_row).
 * 0, or -1 (rec->error says why when it could not be read). */
int ui_row_record(struct ui *ui, struct record *rec);
/* Whether action a acts on the records tab t lists. */
int ui_action_fits_view(const struct ui_tab *t, const struct gn_action *a);

/* Turn mouse reporting on or off as ui->mouse says. */
void ui_apply_mouse(struct ui *ui);

/* decisions.c */
void decisions_load(struct ui *ui);
/* The new decisions, newest first, into sb; they are then seen. */
void decisions_list(struct ui *ui, struct strbuf *sb);

/* ui.c */
struct ui_tab *ui_current(struct ui *ui);
/* Say something on the message line (wrapped over more rows when long)
 * and keep it in the session's log (:messages). */
void ui_message(struct ui *ui, int error, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A refusal as the console says it: the message, then the step it names
 * (gn_err.next) by the action's title and how to choose it, for a user
 * looking at record here_id of component here (front_next_step). */
void ui_refusal_text(struct ui *ui, const struct gn_err *err, const struct gn_plugin *here, int64_t here_id, char *out,
		     size_t size);
/* The session's messages, oldest first, for :messages (owned by the caller). */
char *ui_message_log(struct ui *ui);
void ui_switch_tab(struct ui *ui, int tab);
/* The store changed (by us or by someone else): read again what is shown. */
void ui_store_changed(struct ui *ui);
/* Keep the detail pane on the record under the cursor. */
void ui_sync_detail(struct ui *ui);
int ui_list_height(const struct ui *ui);
void ui_take_stderr(struct ui *ui);
/* Turn the theme into attributes for this terminal (after :theme too). */
void ui_install_theme(struct ui *ui);
/* ← or → on a list: one column sideways, or say that it is at the end. */
void ui_scroll_sideways(struct ui *ui, struct ui_tab *t, enum ui_cmd cmd);

/* render.c */
void render(struct ui *ui);
/* The rows the current message needs at the screen's width (0: none). */
int render_message_rows(struct ui *ui);
void render_too_small(struct ui *ui);

/* uiform.c */
void uiform_open(struct ui *ui, const struct gn_plugin *comp, const struct gn_action *act, int with_record);
void uiform_key(struct ui *ui, int key);
void uiform_draw(struct ui *ui);
void uiform_close(struct ui *ui);
/* Save after any confirmation was given. */
void uiform_save(struct ui *ui);

/* popup.c */
void popup_menu_open(struct ui *ui);
/* Whether view v lists the rows of table (its top-level FROM): a row of
 * another view is shown and acted on as that view reads it. */
int view_lists(const struct gn_view *v, const char *table);
void popup_confirm(struct ui *ui, enum confirm_kind kind, const char *question);
void popup_text(struct ui *ui, const char *title, char *text); /* takes text */
void popup_help(struct ui *ui);
void popup_key(struct ui *ui, int key);
/* What an action answered in text for ui_show_answer; NULL when nothing
 * or when it answered rows (answer_open shows those). */
char *ui_format_result(const struct gn_plugin *c, const struct door_result *res);
/* Show an action's answer (owned): on the status line when it is one
 * line, else in a text window. */
void ui_show_answer(struct ui *ui, const char *title, char *answer);
void popup_draw(struct ui *ui);

/* answer.c */
/* Show the rows an action answered as a list (takes the reference to
 * rows; nothing happens when there are none). */
void answer_open(struct ui *ui, const struct gn_plugin *c, const char *title, json_t *rows);
void answer_key(struct ui *ui, int key);
void answer_free(struct ui_answer *an);
/* The rows its list has on screen. */
int answer_height(const struct ui *ui);

/* report_tab.c */
void report_tab_load(struct ui *ui, struct ui_tab *t);
int report_tab_key(struct ui *ui, struct ui_tab *t, enum ui_cmd cmd);
/* `:report [YYYY-MM]`: the 月报 tab, at that month (this month and those
 * before it; a month to come is refused with a message). */
void report_tab_open(struct ui *ui, const char *month);
void report_tab_render(struct ui *ui, struct ui_tab *t, struct rect r);

/* subtabs.c */
/* Group ui->tabs (in their final order) into the tabs of the tab bar. */
void subtabs_build(struct ui *ui);
void subtabs_free(struct ui *ui);
/* The layout for the current tab: a row of sub-tabs under a plugin's. */
void subtabs_layout(struct ui *ui);
/* Show tab group's view last shown (the first when none was). */
void subtabs_open(struct ui *ui, int group);
/* The next (delta 1) or previous (-1) view of the current tab's plugin. */
void subtabs_step(struct ui *ui, int delta);
/* Draw the tab bar, and the sub-tab row when the layout has one. */
void subtabs_render(struct ui *ui);
/* A click at x on row y of the tab bar or the sub-tab row: 1 when taken. */
int subtabs_click(struct ui *ui, int y, int x);

/* commands.c */
void command_run(struct ui *ui, const char *line);
/* Open record id of c in its tab's detail pane (as `:c show id` does). */
void command_open_record(struct ui *ui, const struct gn_plugin *c, int64_t id);
/* Tab in the command line: complete the word being typed (a command, a
 * component, one of its views or verbs); several candidates are listed. */
void command_complete(struct ui *ui);
/* Tab at the filter's prompt: complete the word being typed to one of
 * view's choice titles (the states, kinds … the prompt offers), from
 * the title's beginning or its code's; several are listed.  1 when the
 * line may have changed. */
int filter_complete(struct ui *ui, const struct gn_view *view);
/* Run the command that asked for confirmation and got it. */
void command_confirmed(struct ui *ui);

#endif
