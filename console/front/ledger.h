/*
 * front/ledger.h — a ledger (台账) as Excel and WPS save it: a CSV file in
 * UTF-8 with or without a byte-order mark, or in GB18030/GBK, which Chinese
 * Excel writes by default.  The encoding is found from the bytes (text that
 * is valid UTF-8 is taken as UTF-8, anything else converted from GB18030,
 * of which GBK is a part) and every cell comes back as UTF-8.  Fields are
 * parsed with libcsv: quotes, commas and line breaks inside quoted fields.
 *
 * Each row remembers the line of the file it starts on, so that a message
 * about it can name the line a user sees in a text editor.
 */
#ifndef GN_FRONT_LEDGER_H
#define GN_FRONT_LEDGER_H

#include <stddef.h>
#include <stdio.h>
#include "../core/err.h"

/* The largest ledger read: far above a city's 20 000-row address plan. */
#define LEDGER_MAX_BYTES (64u * 1024 * 1024)

struct ledger_row {
	size_t line;   /* the line of the file the row starts on, from 1 */
	size_t n;      /* cells */
	char **cells;  /* UTF-8, owned */
};

struct ledger {
	struct ledger_row *rows; /* rows[0] is the header */
	size_t nrows;
	const char *encoding;    /* "UTF-8" or "GB18030": what the file was in */
	char sha256[65];         /* of the file's bytes as read */
};

/* Read the CSV file at path (opened with the user's own rights).  -1 with
 * a message naming the file and, for a malformed file, the line. */
int ledger_read(const char *path, struct ledger *l, struct gn_err *err);
void ledger_free(struct ledger *l);

/* Write one row of cells as CSV, each quoted as needed, ending in a line
 * feed (Excel and WPS read it; a carriage return would reach the command
 * line's output shown as ^M, see utf8_safe_stream). */
void ledger_write_row(FILE *out, size_t n, const char *const *cells);

#endif
