/*
 * record.h — one record as the detail pane shows it: the fields its
 * component's show_sql returns, each with a label.  Labels come from the
 * component's own description (its view's columns, then its actions'
 * fields of the same name), so a plugin needs no console code to get
 * Chinese labels.  Workflow history and deadlines are added by the lead
 * with the workflow engine.
 */
#ifndef GN_UI_RECORD_H
#define GN_UI_RECORD_H

#include <stdint.h>
#include "../core/ctx.h"
#include "scope.h"
#include "govnet/plugin.h"

struct record_field {
	const char *name;  /* as show_sql names it (owned) */
	const char *label; /* from the description, or the name */
	char *value;       /* "" for NULL */
};

struct record {
	const struct gn_plugin *comp;
	const struct gn_view *view; /* record_from_row's, else NULL */
	int64_t id;
	struct record_field *fields;
	int n;
	char error[1024]; /* when it could not be read */
};

/* Read record id of comp (replacing what rec held). */
int record_load(struct record *rec, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_plugin *comp,
		int64_t id);
void record_free(struct record *rec);
/* A row of a view that lists other records than comp's own, as the list
 * read it: its columns with their labels. */
void record_from_row(struct record *rec, const struct gn_plugin *comp, const struct gn_view *view, int64_t id,
		     const char *const *cells);
/* A field's value by name, or NULL. */
const char *record_value(const struct record *rec, const char *name);

#endif
