/*
 * textfile.h — text a user names by path (or, where a field allows it, by
 * http(s) URL), read at the edge: with the user's own rights (the store's
 * group is held only around the store, boundary.h), bounded in size,
 * valid UTF-8 with no NUL, Windows line ends read as newlines.  Fields of
 * type GN_FIELD_TEXT_FILE reach their handlers this way, so `rules add`
 * and `calendar import` are ordinary actions.
 */
#ifndef GN_TEXTFILE_H
#define GN_TEXTFILE_H

#include <stddef.h>
#include "err.h"
#include "strbuf.h"

/* Read path_or_url into out; source (size bytes) receives the file's real
 * path or the URL, for the record.  label names the field in refusals. */
int text_read(const char *path_or_url, int allow_url, size_t max_bytes, const char *label, struct strbuf *out,
	      char *source, size_t size, struct gn_err *err);

#endif
