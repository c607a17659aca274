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
 * A table of any length, its rows given one at a time (DESIGN §5: memory
 * follows a batch, not the answer).  The rows are measured as they come
 * and printed at the end, so that every column is as wide as its widest
 * value and never narrower than its label: every line lines up, and
 * nothing is cut when out is not a terminal.  The first TABLE_STREAM_BATCH
 * rows are held; an answer longer than that goes, a batch at a time, to
 * an unlinked temporary file (tmpfile) and is read back a row at a time
 * to be printed.  A column whose every value is an IPv4 or an IPv6
 * address or CIDR is as wide as such a value can be, so that the pages of
 * a list line up with one another.  On a terminal too narrow for the
 * rows, free text is cut with "…" (table_cell_limit's rule); identifiers
 * (single ASCII words) never are.
 */
#define TABLE_STREAM_BATCH 256
struct table_stream {
	struct table t;      /* the batch held; its labels and right flags */
	FILE *out;           /* NULL until the columns are known */
	size_t *w;           /* each column's width so far */
	unsigned char *key;  /* per column: every value so far an identifier */
	size_t *kind;        /* per column: the width of its values' kind (kind_width); SIZE_MAX before a row */
	size_t rows;         /* rows given so far */
	FILE *spool;         /* the rows past the held batch; NULL while they fit */
	int unspooled;       /* no temporary file could be made: every row held */
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
/* The table printed — the labels alone when no row came (started with
 * table_stream_start), nothing when no row came to table_stream_row —
 * and everything let go.  -1 when the temporary file failed (a full
 * disk): the rows read back before the failure are printed, the rest are
 * not, and the caller says so. */
int table_stream_end(struct table_stream *s);
/* Everything let go, nothing printed (the answer failed). */
void table_stream_free(struct table_stream *s);
/* The rows an action answers (table_from_rows' columns) printed as they
 * are made: table_stream_row is a gn_ctx.report_row with s as its data.
 * Nothing is printed before the first row. */
void table_stream_rows(struct table_stream *s, FILE *out, const struct gn_plugin *c);
void table_stream_row(json_t *row, void *data);

/* A JSON array printed an element at a time, as its rows are read: the
 * same text json_print gives for the whole array ("[]" when empty).
 * json_stream_row is a gn_ctx.report_row with a struct json_stream as its
 * data. */
struct json_stream {
	FILE *out;
	size_t rows; /* elements printed so far */
};
void json_stream_row(json_t *row, void *data);
/* The array closed (printed "[]" when no element came). */
void json_stream_end(struct json_stream *js);

/* Print JSON indented, UTF-8 kept as is, followed by a newline. */
void json_print(FILE *out, json_t *v);

/* Whether a record's column i is shown by its title instead: a yes-or-no
 * or a code X beside X_title (cross_level beside cross_level_title; the
 * state keeps its code row, 状态代码). */
int record_column_titled(sqlite3_stmt *st, int i);

/* Print "label  value" lines for one row (show without --json). */
void print_record(FILE *out, sqlite3_stmt *st, const char *const *skip, const struct gn_plugin *c);

#endif
