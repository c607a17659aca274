/*
 * front/table.h — answers as text, for both front ends: tables aligned by
 * display width (Chinese takes two cells), records as labelled lines, and
 * JSON for --json.
 */
#ifndef GN_FRONT_TABLE_H
#define GN_FRONT_TABLE_H

#include <stdio.h>
#include <jansson.h>
#include <sqlite3.h>
#include "../core/rowjson.h"

struct table {
	size_t ncols, nrows;
	const char **labels;
	unsigned *right;  /* per column: right-aligned */
	char **cells;     /* nrows × ncols, owned */
	const char **own_labels; /* labels allocated by table_from_rows */
};

void table_init(struct table *t, size_t ncols, const char **labels);
/* A table of the rows an action answered (an array of objects of
 * strings, numbers, booleans: gn_call_emit_typed), its columns the first
 * row's keys — a code's column shows its X_title beside it instead —
 * headed by the labels component c gives them (c may be NULL). */
struct gn_plugin;
void table_from_rows(struct table *t, json_t *rows, const struct gn_plugin *c);
void table_add_row(struct table *t, sqlite3_stmt *st, int first_col);
/* A row of ncols strings (copied). */
void table_add_strings(struct table *t, const char *const *cells);
void table_print(FILE *out, const struct table *t, size_t max_cell_width);
/* The widest a cell may be when printing t to out: unlimited when out is
 * not a terminal (a pipe, a file) or the table fits the terminal's width
 * ($COLUMNS, else the terminal's own); otherwise cut, "…" marking the cut. */
size_t table_cell_limit(FILE *out, const struct table *t);
void table_free(struct table *t);

/* Print JSON indented, UTF-8 kept as is, followed by a newline. */
void json_print(FILE *out, json_t *v);

/* Whether a record's column i is shown by its title instead: a yes-or-no
 * or a code X beside X_title (cross_level beside cross_level_title; the
 * state keeps its code row, 状态代码). */
int record_column_titled(sqlite3_stmt *st, int i);

/* Print "label  value" lines for one row (show without --json). */
void print_record(FILE *out, sqlite3_stmt *st, const char *const *skip, const struct gn_plugin *c);

#endif
