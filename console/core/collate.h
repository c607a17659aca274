/*
 * collate.h — the one order of text govnet shows: Chinese in pinyin order,
 * as a Chinese phone book lists names (ICU's "zh" collation), 东海 before
 * 赣榆 before 灌南 before 灌云 before 海州区, where UTF-8's bytes put 乡 before
 * 交 before 全.
 *
 * It is defined here once and reached two ways that must agree: SQLite's
 * collating sequence COLLATE_NAME, which listing.c's ORDER BY names, and
 * the sort keys the console's order in memory compares bytewise
 * (console/ui/sortorder.h).  ICU guarantees that comparing two sort keys
 * gives what comparing their texts does.
 *
 * The collation is registered on every connection store_open makes, but
 * never named in the schema: an operator opening the store with the
 * sqlite3 shell, which does not have it, can still read every table and
 * index.  ICU is loaded on the first sorted list (collate_ready), not at
 * start-up: most commands never sort text, and linking it would cost each
 * of them the loading of ICU and the C++ library.
 */
#ifndef GN_COLLATE_H
#define GN_COLLATE_H

#include <stddef.h>
#include <sqlite3.h>
#include "err.h"

#define COLLATE_NAME "govnet_zh"
#define COLLATE_LOCALE "zh"

/* Register COLLATE_NAME on db; -1 with the reason in err. */
int collate_register(sqlite3 *db, struct gn_err *err);
/* Load ICU and open the collator of COLLATE_LOCALE, once; 0, or -1 with a
 * message saying what is missing (the list cannot be sorted without it). */
int collate_ready(struct gn_err *err);
/* The same for another locale (tests name one ICU does not have); a
 * collator already open is kept. */
int collate_open(const char *locale, struct gn_err *err);
/* The order of two UTF-8 texts: <0, 0, >0 (what COLLATE_NAME says). */
int collate_compare(const void *a, int na, const void *b, int nb);
/* The sort key of the UTF-8 text s (n bytes) without its closing zero:
 * its first cap bytes are written to out and its whole length returned.
 * Two keys compare as their texts do, bytewise and then the shorter
 * first.  0 when the collator is not open (collate_ready). */
size_t collate_key(const void *s, int n, unsigned char *out, size_t cap);

#endif
