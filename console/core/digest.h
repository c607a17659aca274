/* digest.h — SHA-256 (nettle) of files given as attachments. */
#ifndef GN_DIGEST_H
#define GN_DIGEST_H

#include <stddef.h>
#include "err.h"

#define DIGEST_MAX_FILE (256L * 1024 * 1024)

/* The SHA-256 of a file's content as 64 hex digits. */
int digest_file(const char *path, char hex[65], struct gn_err *err);
/* The SHA-256 of n bytes at p as 64 hex digits. */
void digest_buffer(const void *p, size_t n, char hex[65]);

#endif
