#include "config.h"
#include "digest.h"

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int digest_file(const char *path, char hex[65], struct gn_err *err)
{
	struct sha256_ctx h;
	uint8_t buf[65536], digest[SHA256_DIGEST_SIZE];
	FILE *f = fopen(path, "rb");
	size_t n;
	long total = 0;

	if (!f)
		return err_set(err, GN_REFUSED, "无法读取附件 %s：%s", path, strerror(errno));
	sha256_init(&h);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		total += (long)n;
		if (total > DIGEST_MAX_FILE) {
			fclose(f);
			return err_set(err, GN_REFUSED, "附件 %s 超过 %ld MB", path, DIGEST_MAX_FILE >> 20);
		}
		sha256_update(&h, n, buf);
	}
	if (ferror(f)) {
		fclose(f);
		return err_set(err, GN_REFUSED, "读取附件 %s 出错", path);
	}
	fclose(f);
	sha256_digest(&h, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return 0;
}

void digest_buffer(const void *p, size_t n, char hex[65])
{
	struct sha256_ctx h;
	uint8_t digest[SHA256_DIGEST_SIZE];

	sha256_init(&h);
	sha256_update(&h, n, p);
	sha256_digest(&h, sizeof digest, digest);
	for (size_t i = 0; i < sizeof digest; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}
