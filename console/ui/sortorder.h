/*
 * sortorder.h — a list's order by a column no index serves, built in
 * memory between keys.
 *
 * The columns a view computes (an organisation's name through a join, a
 * state's title) have no index: SQLite reads and sorts the whole scope
 * for every page sorted by one, 0.3–10 s at a million records, which no
 * key may wait for (DESIGN §5).  A sortorder reads the column's value
 * and the id of every row in the scope, a range of numbers at a time in
 * the counter's pieces (counter.h), sorts each piece, merges the pieces
 * a bounded number of rows at a time, and so orders the rows between
 * keys; the list then reads a window as the ids at its positions, so
 * that a key costs the window, not the scope.
 *
 * The order is listing.c's: "ORDER BY coalesce(col, '') COLLATE
 * govnet_zh, id" — SQLite's comparison of the values (NULL as '',
 * numbers before text and as numbers, integers and reals together, text
 * before blobs), text in pinyin order through the collation (collate.h)
 * and blobs bytewise, ties by id; descending is the same order walked
 * backwards.  Each row keeps 32 bytes: its id, the kind of its value and
 * the value itself (a number) or the first SORTORDER_PREFIX bytes of its
 * sort key (text; ICU's keys compare bytewise as their texts compare, a
 * Chinese character taking about two bytes) or of its bytes (a blob).
 * Rows whose keys are longer and whose prefixes are equal are ordered
 * once more from their whole keys, read for those rows only, in steps.
 *
 * At a million rows an order holds 32 MB; while its pieces are merged,
 * 64 MB (a second array as large); while it is rebuilt the old order is
 * kept beside the new one.
 */
#ifndef GN_UI_SORTORDER_H
#define GN_UI_SORTORDER_H

#include <stddef.h>
#include <stdint.h>
#include <sqlite3.h>
#include "counter.h"

#define SORTORDER_PREFIX 22

enum sort_kind { SORT_NUMBER, SORT_TEXT, SORT_BLOB }; /* SQLite's order of the storage classes */

struct sort_entry {
	int64_t id;
	uint8_t kind;  /* enum sort_kind */
	uint8_t len;   /* text, blob: bytes in key, SORTORDER_PREFIX + 1 when cut; a number: 1 when real */
	unsigned char key[SORTORDER_PREFIX]; /* a text's sort key's first bytes, a blob's, or the int64_t or double */
};

struct refine;

enum sortorder_state { SORTORDER_READING, SORTORDER_MERGING, SORTORDER_REFINING, SORTORDER_READY, SORTORDER_FAILED };

struct sortorder {
	enum sortorder_state state;
	int col;              /* the view's column it orders by */
	int descending;       /* the direction the list shows once it is ready */
	const char *column;   /* that column's name */
	struct counter reading; /* reading.counted: rows read so far */
	struct sort_entry *e, *tmp;
	size_t n, cap;
	size_t *runs, nruns, runs_cap; /* where each sorted run starts */
	size_t pair, a, b, k;          /* the merge, where it stands */
	int in_pair;
	size_t refine_at;              /* runs of cut texts before it are refined */
	struct refine *refine;         /* the run being refined, or NULL */
	char error[512];               /* why it failed, when it can say (ICU missing) */
};

/* A new order by column col of view (its name), to be built by steps. */
struct sortorder *sortorder_new(const struct gn_view *view, int col, int descending, int64_t size_hint);
void sortorder_free(struct sortorder *o);
/* Build on for about budget_ms; 1 when it moved on (read, merged,
 * refined, or finished or failed). */
int sortorder_step(struct sortorder *o, struct gn_ctx *ctx, struct ui_scope *scope, const struct gn_view *view,
		   double budget_ms);
/* The id at position pos (from 0) of the order walked ascending or
 * descending. */
int64_t sortorder_id(const struct sortorder *o, int64_t pos, int descending);
/* The position of id in that walk, or -1. */
int64_t sortorder_find(const struct sortorder *o, int64_t id, int descending);
/* The entry for a value as SQLite returns it (its type says how it sorts). */
void sortorder_entry(struct sort_entry *e, sqlite3_value *v, int64_t id);
/* The order of two entries: <0, 0 (the same id), >0.  Cut texts with
 * equal prefixes compare by id here and are refined from whole values. */
int sortorder_cmp(const struct sort_entry *a, const struct sort_entry *b);

#endif
