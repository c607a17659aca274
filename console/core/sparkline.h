/*
 * sparkline.h — recent values at a glance, for views' SQL: the aggregate
 * gn_sparkline(value) turns the values it is given, in the order given,
 * into one line of Unicode blocks ▁▂▃▄▅▆▇█ scaled to the largest of
 * them; a NULL (a probe that failed) shows as "x".  At most
 * SPARKLINE_MAX values are drawn, the last ones given.
 *
 *   SELECT gn_sparkline(ms) FROM (SELECT ms FROM … ORDER BY id)
 */
#ifndef GN_SPARKLINE_H
#define GN_SPARKLINE_H

#include <sqlite3.h>
#include "err.h"

#define SPARKLINE_MAX 40

int sparkline_register_sql(sqlite3 *db, struct gn_err *err);

#endif
