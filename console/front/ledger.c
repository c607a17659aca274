#include "config.h"
#include "ledger.h"
#include "../core/digest.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

/* What the parser's callbacks build: the row in progress and the line of
 * the file it started on. */
struct reader {
	struct ledger *l;
	char **cells;
	size_t n, cap;
	size_t line;      /* the line being fed */
	size_t row_line;  /* the line the row in progress started on */
};

static void on_cell(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->cells = xrealloc(r->cells, r->cap * sizeof *r->cells);
	}
	r->cells[r->n] = xmalloc(len + 1);
	memcpy(r->cells[r->n], s ? s : "", s ? len : 0);
	r->cells[r->n++][s ? len : 0] = '\0';
}

static void on_row(int c, void *data)
{
	struct reader *r = data;
	struct ledger *l = r->l;

	(void)c;
	if (l->nrows % 256 == 0)
		l->rows = xrealloc(l->rows, (l->nrows + 256) * sizeof *l->rows);
	l->rows[l->nrows++] = (struct ledger_row){ .line = r->row_line, .n = r->n, .cells = r->cells };
	r->cells = NULL;
	r->n = r->cap = 0;
}

/* The whole file, up to LEDGER_MAX_BYTES. */
static char *slurp(const char *path, size_t *len, struct gn_err *err)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;

	if (!f)
		return err_set(err, GN_REFUSED, "无法读取 %s：%s", path, strerror(errno)), NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		if (sb.len + n > LEDGER_MAX_BYTES) {
			fclose(f);
			sb_free(&sb);
			return err_set(err, GN_REFUSED, "%s 超过 %u MB", path, LEDGER_MAX_BYTES >> 20), NULL;
		}
		sb_addn(&sb, buf, n);
	}
	if (ferror(f)) {
		fclose(f);
		sb_free(&sb);
		return err_set(err, GN_REFUSED, "读取 %s 出错", path), NULL;
	}
	fclose(f);
	*len = sb.len;
	return sb_detach(&sb);
}

static size_t line_at(const char *s, size_t upto)
{
	size_t line = 1;

	for (size_t i = 0; i < upto; i++)
		line += s[i] == '\n';
	return line;
}

/* GB18030 (and so GBK) to UTF-8; -1 naming the line of the first byte
 * that is neither. */
static char *from_gb18030(const char *path, const char *in, size_t len, size_t *outlen, struct gn_err *err)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = 2 * len + 16, left = len, room = cap;
	char *out, *src = (char *)in, *dst;

	if (cd == (iconv_t)-1)
		return err_set(err, GN_REFUSED, "无法转换 GB18030 编码：%s", strerror(errno)), NULL;
	out = dst = xmalloc(cap);
	if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1) {
		size_t line = line_at(in, (size_t)(src - in));
		iconv_close(cd);
		free(out);
		return err_set(err, GN_REFUSED, "%s 第 %zu 行：既不是 UTF-8 也不是 GB18030/GBK 编码的文本", path, line),
		       NULL;
	}
	iconv_close(cd);
	*outlen = (size_t)(dst - out);
	return out;
}

int ledger_read(const char *path, struct ledger *l, struct gn_err *err)
{
	struct csv_parser p;
	struct reader r = { .l = l };
	size_t len, textlen;
	char *raw, *conv = NULL;
	const char *text;
	int rc = 0;

	memset(l, 0, sizeof *l);
	if (!(raw = slurp(path, &len, err)))
		return -1;
	digest_buffer(raw, len, l->sha256);
	text = raw;
	textlen = len;
	if (len >= 3 && memcmp(raw, "\xef\xbb\xbf", 3) == 0) {
		text += 3;
		textlen -= 3;
	}
	l->encoding = "UTF-8";
	const char *nul = memchr(text, '\0', textlen);
	if (nul) {
		err_set(err, GN_REFUSED, "%s 第 %zu 行含有 NUL 字节：不是文本文件（请另存为 CSV 再导入）", path,
			line_at(text, (size_t)(nul - text)));
		free(raw);
		return -1;
	}
	if (!utf8_valid(text, textlen)) {
		if (!(conv = from_gb18030(path, text, textlen, &textlen, err))) {
			free(raw);
			return -1;
		}
		text = conv;
		l->encoding = "GB18030";
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(raw);
		free(conv);
		return err_set(err, GN_REFUSED, "内存不足");
	}
	/* Fed a line at a time, so that a row is known by the line it starts
	 * on even when a quoted cell spans several. */
	for (size_t at = 0; at < textlen && rc == 0;) {
		const char *nl = memchr(text + at, '\n', textlen - at);
		size_t n = nl ? (size_t)(nl - (text + at)) + 1 : textlen - at;
		r.line++;
		if (p.pstate == 0) /* no row begun: the next starts on this line */
			r.row_line = r.line;
		if (csv_parse(&p, text + at, n, on_cell, on_row, &r) != n)
			rc = err_set(err, GN_REFUSED, "%s 第 %zu 行：%s（引号不成对？）", path, r.line,
				     csv_strerror(csv_error(&p)));
		at += n;
	}
	if (rc == 0 && csv_fini(&p, on_cell, on_row, &r) != 0)
		rc = err_set(err, GN_REFUSED, "%s 第 %zu 行起的引号没有结束", path, r.row_line);
	csv_free(&p);
	for (size_t i = 0; i < r.n; i++)
		free(r.cells[i]);
	free(r.cells);
	free(raw);
	free(conv);
	if (rc)
		ledger_free(l);
	return rc;
}

void ledger_free(struct ledger *l)
{
	for (size_t i = 0; i < l->nrows; i++) {
		for (size_t k = 0; k < l->rows[i].n; k++)
			free(l->rows[i].cells[k]);
		free(l->rows[i].cells);
	}
	free(l->rows);
	memset(l, 0, sizeof *l);
}

void ledger_write_row(FILE *out, size_t n, const char *const *cells)
{
	for (size_t i = 0; i < n; i++) {
		const char *c = cells[i] ? cells[i] : "";
		if (i)
			fputc(',', out);
		if (strpbrk(c, ",\"\r\n"))
			csv_fwrite(out, c, strlen(c));
		else
			fputs(c, out);
	}
	fputc('\n', out);
}
