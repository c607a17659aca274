/*
 * form.h — a form generated from an action's fields (plugin.h): a text
 * editor per field, a choice list, a switch, or an organisation picker
 * that suggests as one types.  Each value is checked by field_check, the
 * same check the command line makes; the form is sent through door_run,
 * and a refusal naming a field (…（--name）…) is shown beside that field.
 * What was typed stays until the form is saved or abandoned.
 */
#ifndef GN_UI_FORM_H
#define GN_UI_FORM_H

#include <stdint.h>
#include "../core/ctx.h"
#include "../core/door.h"
#include "edit.h"
#include "record.h"
#include "scope.h"
#include "govnet/plugin.h"

struct form_field {
	const struct gn_field *f; /* NULL: the reason recorded in the audit entry (--why) */
	struct edit ed;
	int choice;               /* GN_FIELD_CHOICE: index into f->choices, -1 for none */
	int flag;                 /* GN_FIELD_FLAG */
	char *initial;            /* the value the form opened with */
	char error[1024];
	int locked;               /* names the record acted on: shown, not edited */
	char shown[256];          /* what a locked field shows */
	int suggested;            /* prefilled from the selected row: the first character typed replaces it */
};

#define FORM_MAX_SUGGEST 6
struct form {
	struct gn_ctx *ctx;
	struct ui_scope *scope;
	const struct gn_plugin *comp;
	const struct gn_action *act;
	int64_t record_id;
	struct form_field *fields;
	int n, focus;
	char error[1024];
	/* The organisation picker's suggestions for the focused field. */
	char *suggest[FORM_MAX_SUGGEST];  /* what choosing puts in the field */
	char *suggest_label[FORM_MAX_SUGGEST];
	int nsuggest, suggest_sel;
	char *picker_before;              /* the field's value before the picker opened */
	int scroll;                       /* first line shown (form_view.c) */
	/* How a refusal's next step is said (front_next_step): the keys that
	 * open the action menu, "" for the command line's way. */
	char menu_key[32];
};

/* Open a form for act; rec (may be NULL) is the record it acts on, whose
 * values fill the fields of the same name. */
void form_open(struct form *fm, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_plugin *comp,
	       const struct gn_action *act, const struct record *rec);
void form_free(struct form *fm);
/* True when something differs from what the form opened with. */
int form_dirty(const struct form *fm);
/* A field's value as it would be sent ("" when empty). */
const char *form_value(const struct form *fm, int i);
const char *form_label(const struct form_field *ff);
void form_focus(struct form *fm, int i);
void form_next(struct form *fm);
void form_prev(struct form *fm);
/* Editing keys for the focused field (characters, arrows, Backspace …).
 * Returns 1 when the key was used.  In an organisation field typing
 * filters the picker's list and ↑/↓ move in it; Enter, open or not, takes
 * the field as it stands and is left to the caller to move on (0): with
 * the list open the highlighted organisation is chosen and the list
 * closed first. */
int form_key(struct form *fm, int key);
/* Cancel the organisation picker: close its list and put back the
 * field's value from before it opened (Esc); -1 when it was not open. */
int form_dismiss_suggestions(struct form *fm);
/* Check every field (errors beside each); 0 when all pass. */
int form_check(struct form *fm);
/* Check, then run the action through the door.  On refusal the message is
 * put beside its field (or in fm->error) and -1 returned. */
int form_submit(struct form *fm, struct door_result *res);

#endif
