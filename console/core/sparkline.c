/* sparkline.c — the SQL aggregate gn_sparkline (sparkline.h). */
#include "config.h"
#include "sparkline.h"
#include "store.h"
#include "strbuf.h"

#include <stdint.h>
#include <string.h>
#include "govnet/banned.h"

struct spark {
	int64_t v[SPARKLINE_MAX]; /* a ring of the last values; -1 for NULL */
	size_t n, next;
};

static void spark_step(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	struct spark *s = sqlite3_aggregate_context(sc, sizeof *s);
	int64_t v = sqlite3_value_type(argv[0]) == SQLITE_NULL ? -1 : sqlite3_value_int64(argv[0]);

	(void)argc;
	if (!s)
		return;
	s->v[s->next] = v < -1 ? 0 : v;
	s->next = (s->next + 1) % SPARKLINE_MAX;
	if (s->n < SPARKLINE_MAX)
		s->n++;
}

static void spark_final(sqlite3_context *sc)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	struct spark *s = sqlite3_aggregate_context(sc, 0);
	struct strbuf out = STRBUF_INIT;
	size_t first;
	int64_t max = 0;

	if (!s || !s->n) {
		sqlite3_result_text(sc, "", 0, SQLITE_STATIC);
		return;
	}
	first = s->n < SPARKLINE_MAX ? 0 : s->next;
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] > max)
			max = s->v[i];
	for (size_t i = 0; i < s->n; i++) {
		int64_t v = s->v[(first + i) % SPARKLINE_MAX];
		sb_add(&out, v < 0 ? "x" : blocks[max ? v * 7 / max : 0]);
	}
	sqlite3_result_text(sc, sb_str(&out), (int)out.len, SQLITE_TRANSIENT);
	sb_free(&out);
}

int sparkline_register_sql(sqlite3 *db, struct gn_err *err)
{
	if (sqlite3_create_function(db, "gn_sparkline", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, NULL, spark_step,
				    spark_final) != SQLITE_OK)
		return store_error(db, "注册 SQL 函数", err);
	return 0;
}
