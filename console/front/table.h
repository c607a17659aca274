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

/*
 * A table printed as its rows come, TABLE_STREAM_BATCH rows at a time
 * (DESIGN §5: memory follows the batch, not the answer; an answer of a
 * million rows starts printing at once).  Each column is as wide as its
 * widest value so far and never narrower than its label; the first batch
 * decides which columns are identifiers (single ASCII words: never cut)
 * and gives a column of IPv4 or IPv6 addresses or CIDRs the widest such a
 * value can be, so that later batches align with it.  Free text is cut
 * with "…" only on a terminal too narrow for the first batch
 * (table_cell_limit's rule); never when out is not a terminal.
 */
#define TABLE_STREAM_BATCH 256
struct table_stream {
	struct table t;      /* the batch held; its labels and right flags */
	FILE *out;           /* NULL until the columns are known */
	size_t *w;           /* each column's width so far */
	unsigned char *key;  /* per column: an identifier */
	size_t max;          /* the cut, chosen with the first batch */
	size_t rows;         /* rows given so far */
	int started;         /* the labels are printed */
	/* An answer's rows (table_stream_rows): */
	FILE *rows_out;
	const struct gn_plugin *component;
	char **keys;
	size_t nkeys;
};
/* Columns labelled labels (kept by the caller); set s.t.right after. */
void table_stream_start(struct table_stream *s, FILE *out, size_t ncols, const char **labels);
/* A row of ncols strings (copied while the batch is held). */
void table_stream_add(struct table_stream *s, const char *const *cells);
/* The rows left printed; the labels alone when no row came (started with
 * table_stream_start); everything let go. */
void table_stream_end(struct table_stream *s);
/* The rows an action answers (table_from_rows' columns) printed as they
 * are made: table_stream_row is a gn_ctx.report_row with s as its data.
 * Nothing is printed before the first row. */
void table_stream_rows(struct table_stream *s, FILE *out, const struct gn_plugin *c);
void table_stream_row(json_t *row, void *data);

/* Print JSON indented, UTF-8 kept as is, followed by a newline. */
void json_print(FILE *out, json_t *v);

/* Whether a record's column i is shown by its title instead: a yes-or-no
 * or a code X beside X_title (cross_level beside cross_level_title; the
 * state keeps its code row, 状态代码). */
int record_column_titled(sqlite3_stmt *st, int i);

/* Print "label  value" lines for one row (show without --json). */
void print_record(FILE *out, sqlite3_stmt *st, const char *const *skip, const struct gn_plugin *c);

#endif
