/*
 * unit.h — the smallest test harness that reports like automake expects:
 * each CHECK names what it protects; the program exits 1 if any failed.
 */
#ifndef GN_UNIT_H
#define GN_UNIT_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int unit_failed, unit_passed;

#define CHECK(cond, what)                                                            \
	do {                                                                         \
		if (cond) {                                                          \
			unit_passed++;                                               \
		} else {                                                             \
			unit_failed++;                                               \
			fprintf(stderr, "%s:%d: FAIL: %s (%s)\n", __FILE__, __LINE__, \
				what, #cond);                                        \
		}                                                                    \
	} while (0)

#define CHECK_STR(a, b, what)                                                         \
	do {                                                                          \
		const char *a_ = (a), *b_ = (b);                                      \
		if (a_ && b_ && strcmp(a_, b_) == 0) {                                \
			unit_passed++;                                                \
		} else {                                                              \
			unit_failed++;                                                \
			fprintf(stderr, "%s:%d: FAIL: %s: \"%s\" != \"%s\"\n", __FILE__, \
				__LINE__, what, a_ ? a_ : "(null)", b_ ? b_ : "(null)");  \
		}                                                                     \
	} while (0)

/* Remove a test's store (with its WAL and shared-memory files) and the
 * temporary directory holding it. */
static inline void unit_remove_store(const char *dir, const char *path)
{
	char side[4200];

	unlink(path);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
}

#define UNIT_DONE()                                                               \
	do {                                                                      \
		printf("%d passed, %d failed\n", unit_passed, unit_failed);       \
		return unit_failed ? 1 : 0;                                       \
	} while (0)

#endif
