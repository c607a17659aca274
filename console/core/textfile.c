/*
 * textfile.c — text a user names, read at the edge (textfile.h).
 */
#include "config.h"
#include "textfile.h"
#include "net.h"
#include "utf8.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

static int read_path(const char *path, size_t max_bytes, const char *label, struct strbuf *out, struct gn_err *err)
{
	FILE *f = fopen(path, "rb");
	char buf[8192];
	size_t n;

	if (!f)
		return err_set(err, GN_REFUSED, "%s：读取 %s 失败：%s", label, path,
			       errno == ENOENT ? "文件不存在" : errno == EACCES ? "没有读取权限" : strerror(errno));
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (out->len + n > max_bytes) {
			fclose(f);
			return err_set(err, GN_REFUSED, "%s：%s 太大：至多 %zu 字节", label, path, max_bytes);
		}
		sb_addn(out, buf, n);
	}
	if (ferror(f)) {
		fclose(f);
		return err_set(err, GN_REFUSED, "%s：读取 %s 失败：%s", label, path, strerror(errno));
	}
	fclose(f);
	return 0;
}

/* "\r\n" → "\n" in place: a file saved on Windows reads as any other. */
static void unix_line_ends(struct strbuf *sb)
{
	size_t out = 0;

	for (size_t i = 0; i < sb->len; i++)
		if (!(sb->buf[i] == '\r' && i + 1 < sb->len && sb->buf[i + 1] == '\n'))
			sb->buf[out++] = sb->buf[i];
	sb->len = out;
	if (sb->buf)
		sb->buf[out] = '\0';
}

int text_read(const char *path_or_url, int allow_url, size_t max_bytes, const char *label, struct strbuf *out,
	      char *source, size_t size, struct gn_err *err)
{
	char real[PATH_MAX];
	int rc;

	if (allow_url && net_is_http_url(path_or_url)) {
		snprintf(source, size, "%s", path_or_url);
		rc = net_fetch(path_or_url, max_bytes, out, err);
	} else {
		snprintf(source, size, "%s", realpath(path_or_url, real) ? real : path_or_url);
		rc = read_path(path_or_url, max_bytes, label, out, err);
	}
	if (rc)
		return -1;
	if (strlen(sb_str(out)) != out->len)
		return err_set(err, GN_REFUSED, "%s：%s 含有 NUL 字节，不是文本（是二进制文件或编译后的字节码？）", label, source);
	if (!utf8_valid(sb_str(out), out->len))
		return err_set(err, GN_REFUSED, "%s：%s 不是有效的 UTF-8 文本", label, source);
	unix_line_ends(out);
	return 0;
}
