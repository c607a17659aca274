/*
 * collate.c — Chinese in pinyin order through ICU, loaded when first
 * needed (collate.h).
 */
#include "config.h"
#include "collate.h"
#include "strbuf.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>
#include "govnet/banned.h"

/* ICU's functions carry its major version in their names (ucol_open is
 * ucol_open_72): the headers' own names, spelled out, are the ones to look
 * for in the library of the same version. */
#define COLLATE_STR2(x) #x
#define COLLATE_STR(x) COLLATE_STR2(x)
#define COLLATE_LIBRARY "libicui18n.so." COLLATE_STR(U_ICU_VERSION_MAJOR_NUM)

static struct {
	void *handle;
	__typeof__(ucol_open) *open;
	__typeof__(ucol_close) *close;
	__typeof__(ucol_strcollUTF8) *strcoll_utf8;
	__typeof__(ucol_getSortKey) *sort_key;
	__typeof__(u_strFromUTF8WithSub) *from_utf8;
	__typeof__(u_errorName) *error_name;
	UCollator *coll;
	int load_failed;
	char why[256];
} icu;

static int load_icu(struct gn_err *err)
{
	static const struct {
		const char *name;
		size_t offset;
	} symbols[] = {
		{ COLLATE_STR(ucol_open), offsetof(__typeof__(icu), open) },
		{ COLLATE_STR(ucol_close), offsetof(__typeof__(icu), close) },
		{ COLLATE_STR(ucol_strcollUTF8), offsetof(__typeof__(icu), strcoll_utf8) },
		{ COLLATE_STR(ucol_getSortKey), offsetof(__typeof__(icu), sort_key) },
		{ COLLATE_STR(u_strFromUTF8WithSub), offsetof(__typeof__(icu), from_utf8) },
		{ COLLATE_STR(u_errorName), offsetof(__typeof__(icu), error_name) },
	};

	if (icu.handle)
		return 0;
	if (icu.load_failed)
		return err_set(err, GN_REFUSED, "%s", icu.why);
	icu.load_failed = 1;
	/* libicui18n brings libicuuc, where u_* live: dlsym looks there too. */
	void *h = dlopen(COLLATE_LIBRARY, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		snprintf(icu.why, sizeof icu.why, "无法按拼音排序：找不到 ICU 库 %s（%s）；请安装 libicu%d",
			 COLLATE_LIBRARY, dlerror(), U_ICU_VERSION_MAJOR_NUM);
		return err_set(err, GN_REFUSED, "%s", icu.why);
	}
	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
		void *f = dlsym(h, symbols[i].name);
		if (!f) {
			snprintf(icu.why, sizeof icu.why, "无法按拼音排序：ICU 库 %s 缺少函数 %s", COLLATE_LIBRARY,
				 symbols[i].name);
			dlclose(h);
			return err_set(err, GN_REFUSED, "%s", icu.why);
		}
		memcpy((char *)&icu + symbols[i].offset, &f, sizeof f);
	}
	icu.handle = h;
	icu.load_failed = 0;
	return 0;
}

int collate_open(const char *locale, struct gn_err *err)
{
	UErrorCode status = U_ZERO_ERROR;

	if (icu.coll)
		return 0;
	if (load_icu(err))
		return -1;
	UCollator *coll = icu.open(locale, &status);
	/* A locale ICU has no rules for falls back to the root order, where
	 * Chinese is in the order of its code points, not pinyin: refused
	 * rather than shown in an order nobody expects. */
	if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING || !coll) {
		if (coll)
			icu.close(coll);
		return err_set(err, GN_REFUSED, "无法按拼音排序：ICU 没有“%s”的排序规则（%s）", locale,
			       U_FAILURE(status) ? icu.error_name(status) : "只有默认规则");
	}
	icu.coll = coll;
	return 0;
}

int collate_ready(struct gn_err *err)
{
	return collate_open(COLLATE_LOCALE, err);
}

int collate_compare(const void *a, int na, const void *b, int nb)
{
	UErrorCode status = U_ZERO_ERROR;
	int c;

	if (icu.coll) {
		c = icu.strcoll_utf8(icu.coll, a, na, b, nb, &status);
		if (U_SUCCESS(status))
			return c;
	}
	/* Not reached by a list (collate_ready comes first): bytewise. */
	c = memcmp(a, b, (size_t)(na < nb ? na : nb));
	return c ? c : (na > nb) - (na < nb);
}

static int sqlite_compare(void *arg, int na, const void *a, int nb, const void *b)
{
	(void)arg;
	return collate_compare(a, na, b, nb);
}

int collate_register(sqlite3 *db, struct gn_err *err)
{
	if (sqlite3_create_collation_v2(db, COLLATE_NAME, SQLITE_UTF8, NULL, sqlite_compare, NULL) != SQLITE_OK)
		return err_set(err, GN_REFUSED, "无法登记排序规则 %s：%s", COLLATE_NAME, sqlite3_errmsg(db));
	return 0;
}

/* Texts this long in UTF-16, and their keys, need no allocation. */
#define COLLATE_STACK 256

size_t collate_key(const void *s, int n, unsigned char *out, size_t cap)
{
	UChar text_buf[COLLATE_STACK], *text = text_buf;
	uint8_t key_buf[4 * COLLATE_STACK], *key = key_buf;
	UErrorCode status = U_ZERO_ERROR;
	int32_t len = 0, need;

	if (!icu.coll)
		return 0;
	/* Ill-formed UTF-8 reads as U+FFFD, as ucol_strcollUTF8 reads it. */
	icu.from_utf8(text, COLLATE_STACK, &len, s, n, 0xFFFD, NULL, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR) {
		text = xmalloc(((size_t)len + 1) * sizeof *text);
		status = U_ZERO_ERROR;
		icu.from_utf8(text, len + 1, &len, s, n, 0xFFFD, NULL, &status);
	}
	if (U_FAILURE(status))
		len = 0;
	need = icu.sort_key(icu.coll, text, len, key, (int32_t)sizeof key_buf);
	if (need > (int32_t)sizeof key_buf) {
		key = xmalloc((size_t)need);
		need = icu.sort_key(icu.coll, text, len, key, need);
	}
	/* The key ends in a zero byte that no other byte of it is. */
	size_t whole = need > 0 ? (size_t)need - 1 : 0;
	memcpy(out, key, whole < cap ? whole : cap);
	if (key != key_buf)
		free(key);
	if (text != text_buf)
		free(text);
	return whole;
}
