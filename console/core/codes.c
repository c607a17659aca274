#include "config.h"
#include "codes.h"
#include "clock.h"
#include "identity.h"

#include <string.h>
#include "govnet/banned.h"

/* Kinds of organisation (Art 6–8), as core_org.c's placement table names
 * them: the code stored and typed, and the title read. */
const char *const org_kind_codes[] = { "city", "county", "zone", "authority", "agency", "dept", "unit", NULL };
const char *const org_kind_titles[] = { "市", "县区", "功能板块", "主管部门", "运行管理机构", "接入部门", "下属单位", NULL };

const char *code_title(const char *kind, const char *code)
{
	enum gn_role role;

	if (!kind || !code)
		return code;
	if (strcmp(kind, "role") == 0)
		return role_parse(code, &role) == 0 ? role_title(role) : code;
	if (strcmp(kind, "org_kind") == 0)
		for (size_t i = 0; org_kind_codes[i]; i++)
			if (strcmp(org_kind_codes[i], code) == 0)
				return org_kind_titles[i];
	return code;
}

static void sql_code_title(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	const char *code = (const char *)sqlite3_value_text(argv[1]);

	(void)argc;
	if (!code)
		sqlite3_result_null(sc);
	else
		sqlite3_result_text(sc, code_title((const char *)sqlite3_value_text(argv[0]), code), -1,
				    SQLITE_TRANSIENT);
}

static void sql_short_time(sqlite3_context *sc, int argc, sqlite3_value **argv)
{
	const char *at = (const char *)sqlite3_value_text(argv[0]);
	char when[32];

	(void)argc;
	if (at && clock_short(at, *(const time_t *)sqlite3_user_data(sc), when, sizeof when))
		sqlite3_result_text(sc, when, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_value(sc, argv[0]);
}

int codes_register_sql(sqlite3 *db, const time_t *now, struct gn_err *err)
{
	if (sqlite3_create_function(db, "gn_code_title", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_code_title,
				    NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(db, "gn_short_time", 1, SQLITE_UTF8, (void *)now, sql_short_time, NULL, NULL) !=
		    SQLITE_OK)
		return err_set(err, GN_REFUSED, "无法注册 gn_code_title：%s", sqlite3_errmsg(db));
	return 0;
}
