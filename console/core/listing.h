/*
 * listing.h — reading a view, one page at a time.
 *
 * A view's SQL is wrapped so that the reader sees only rows within the
 * scope of the login, narrowed by the filters given, after a key (keyset
 * pagination: the console never loads every row), in the order asked.
 * The command line and the console both read through here.
 */
#ifndef GN_LISTING_H
#define GN_LISTING_H

#include <stdint.h>
#include <sqlite3.h>
#include "ctx.h"
#include "err.h"
#include "fields.h"
#include "govnet/plugin.h"

struct listing {
	const struct gn_view *view;
	const struct gn_args *filters; /* by gn_filter.name; NULL for none */
	const char *search;            /* text that must appear in some column, or NULL */
	const char *sort;              /* a column name, or NULL for id */
	int descending;
	/* Keyset: rows after the row after_id in the order; has_after = 0 for the first page. */
	int has_after;
	int64_t after_id;
	int limit;                     /* 0: no limit */
	int all_columns;               /* every column the view's SQL returns (for --json) */
	int with_style;                /* also the view's _style column, after org_path */
	/* Only the rows whose key (the id, as the page's order without a
	 * sort) lies in (range_after, range_upto]: a count taken in pieces,
	 * each bounded, which the console does between keys. */
	int has_range;
	int64_t range_after, range_upto;
	/* Only the sort column's value as the order compares it (NULL as
	 * '') and the id, instead of the view's columns: what the console
	 * orders in memory, a range at a time (console/ui/sortorder.h). */
	int key_only;
	/* Only the rows whose id is in this JSON array ("[17,3,5]"): a
	 * sorted window read by the ids at its positions. */
	const char *ids_json;
};

/* Prepare the statement for a page; the caller steps and finalizes it.
 * Columns come in the view's order, then id and org_path. */
int listing_prepare(struct gn_ctx *ctx, const struct listing *l, sqlite3_stmt **st, struct gn_err *err);
/* The plan SQLite chooses for the page's statement, one step a line
 * (EXPLAIN QUERY PLAN): a page read in key order has no "USE TEMP B-TREE
 * FOR ORDER BY" in it, whatever the scope. */
struct strbuf;
int listing_explain(struct gn_ctx *ctx, const struct listing *l, struct strbuf *plan, struct gn_err *err);
/* The number of rows the listing would show without a limit. */
int listing_count(struct gn_ctx *ctx, const struct listing *l, int64_t *count, struct gn_err *err);
/* Prepare a record's show_sql for one id, checking that the reader may see it:
 * returns 0 with *st on the row, or -1 (not found, or out of scope). */
int record_prepare(struct gn_ctx *ctx, const struct gn_plugin *c, int64_t id, sqlite3_stmt **st,
		   struct gn_err *err);
/* Find a record by its key: an organisation's code or name, a login
 * name, the record's key_sql, or its number. */
int record_resolve(struct gn_ctx *ctx, const struct gn_plugin *c, const char *key, int64_t *id,
		   struct gn_err *err);
/* The organisation whose scope rows the login reads (govnet/plugin.h's
 * scope tables): the last of its scope's path, the root's for the city. */
int64_t listing_scope_org(const struct gn_ctx *ctx);
/* Bind the named parameters :now, :today, :login when the SQL uses them. */
void listing_bind_context(struct gn_ctx *ctx, sqlite3_stmt *st);

#endif
