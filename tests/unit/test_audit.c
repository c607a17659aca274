/* The audit chain: intact after appends, broken at the entry changed. */
#include "config.h"
#include "unit.h"
#include "core/audit.h"
#include "core/store.h"
#include "govnet/banned.h"

int main(void)
{
	sqlite3 *db;
	struct gn_err err;
	int64_t checked, bad = 0;

	sqlite3_open(":memory:", &db);
	CHECK(store_migrate(db, "core", core_migrations, &err) == 0, "the core schema applies");
	for (int i = 0; i < 5; i++) {
		struct audit_entry e = { .at = "2026-11-25T10:00:00+08:00", .login = "alice", .client = "",
					 .component = "org", .verb = "add", .target = "org#1",
					 .after = "{\"name\":\"东海县教育局\"}", .reason = "测试" };
		CHECK(audit_append(db, &e, &err) == 0, "an entry is appended");
	}
	CHECK(audit_verify(db, &checked, &bad, &err) == 0 && checked == 5, "an untouched chain verifies");

	sqlite3_exec(db, "UPDATE audit SET reason = '改过' WHERE id = 3", NULL, NULL, NULL);
	CHECK(audit_verify(db, &checked, &bad, &err) == 1 && bad == 3, "an edited entry is named");
	sqlite3_exec(db, "UPDATE audit SET reason = '测试' WHERE id = 3", NULL, NULL, NULL);
	CHECK(audit_verify(db, &checked, &bad, &err) == 0, "restoring the entry restores the chain");

	sqlite3_exec(db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2", NULL, NULL, NULL);
	CHECK(audit_verify(db, &checked, &bad, &err) == 1 && bad == 3, "a removed entry breaks the link of the next");
	sqlite3_close(db);
	UNIT_DONE();
}
