/*
 * strbuf.h — a growable NUL-terminated string, in the manner of git's strbuf.
 *
 * Allocation failure aborts: govnet holds no state worth saving past an
 * out-of-memory condition, and the store is transactional.
 */
#ifndef GN_STRBUF_H
#define GN_STRBUF_H

#include <stddef.h>

struct strbuf {
	char *buf;   /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};
#define STRBUF_INIT { NULL, 0, 0 }

void sb_add(struct strbuf *sb, const char *s);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_addch(struct strbuf *sb, char c);
/* The contents, "" when empty: never NULL. */
const char *sb_str(const struct strbuf *sb);
void sb_reset(struct strbuf *sb);
/* Hand the buffer to the caller (who frees it); the strbuf is left empty. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/* malloc/strdup that abort on exhaustion. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
