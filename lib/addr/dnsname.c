/*
 * dnsname.c — reading, checking and writing domain names (dnsname.h).
 */
#include "config.h"
#include "dnsname.h"

#include <idn2.h>
#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

#define DNS_LABEL_MAX 63
#define DNS_INPUT_MAX 1000

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* One label of the stored form: the LDH rule (RFC 1035, 5891). */
static int check_label(const char *label, size_t len, unsigned flags, const char *input, char *why, size_t why_size)
{
	if (len == 0) {
		snprintf(why, why_size, "域名 \"%s\" 有空的标签（两个点相连或以点开头）", input);
		return -1;
	}
	if (len > DNS_LABEL_MAX) {
		snprintf(why, why_size, "域名 \"%s\" 的标签 \"%.*s…\" 有 %zu 个字符，超过 63", input, 20, label, len);
		return -1;
	}
	for (size_t i = 0; i < len; i++) {
		char c = label[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i + 1 < len) ||
			 (c == '_' && i == 0 && (flags & DNS_NAME_UNDERSCORE));
		if (!ok) {
			snprintf(why, why_size,
				 "域名 \"%s\" 的标签 \"%.*s\" 无效：只能用字母、数字和连字符（连字符不能在首尾）", input,
				 (int)len, label);
			return -1;
		}
	}
	if (len >= 4 && label[2] == '-' && label[3] == '-' && strncmp(label, "xn--", 4) != 0) {
		snprintf(why, why_size, "域名 \"%s\" 的标签 \"%.*s\" 无效：第 3、4 位的 \"--\" 只用于 xn-- 国际化标签", input,
			 (int)len, label);
		return -1;
	}
	return 0;
}

int dns_name_parse(const char *input, unsigned flags, char name[DNS_NAME_MAX], char uname[DNS_UNAME_MAX],
		   char *why, size_t why_size)
{
	char work[DNS_INPUT_MAX + 1];
	size_t n = strlen(input);

	if (n == 0 || n > DNS_INPUT_MAX) {
		snprintf(why, why_size, n ? "域名 \"%.40s…\" 太长" : "域名不能为空", input);
		return -1;
	}
	memcpy(work, input, n + 1);
	if (n > 1 && work[n - 1] == '.')
		work[--n] = '\0';
	if (has_non_ascii(work)) {
		char *ascii = NULL;
		int rc = idn2_to_ascii_8z(work, &ascii, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
		if (rc != IDN2_OK) {
			snprintf(why, why_size, "域名 \"%s\" 不是有效的国际化域名（%s）", input, idn2_strerror(rc));
			return -1;
		}
		n = strlen(ascii);
		if (n >= DNS_NAME_MAX) {
			idn2_free(ascii);
			snprintf(why, why_size, "域名 \"%s\" 转换为 %zu 个字符，超过 253", input, n);
			return -1;
		}
		memcpy(name, ascii, n + 1);
		idn2_free(ascii);
	} else {
		if (n >= DNS_NAME_MAX) {
			snprintf(why, why_size, "域名 \"%.60s…\" 有 %zu 个字符，超过 253", input, n);
			return -1;
		}
		for (size_t i = 0; i <= n; i++)
			name[i] = (char)((work[i] >= 'A' && work[i] <= 'Z') ? work[i] - 'A' + 'a' : work[i]);
	}
	for (const char *p = name;;) {
		size_t len = strcspn(p, ".");
		if (check_label(p, len, flags, input, why, why_size))
			return -1;
		if (!p[len])
			break;
		p += len + 1;
	}
	if (strstr(name, "xn--")) {
		char *u = NULL;
		int rc = idn2_to_unicode_8z8z(name, &u, 0);
		if (rc != IDN2_OK) {
			snprintf(why, why_size, "域名 \"%s\" 含有无效的 xn-- 标签（%s）", input, idn2_strerror(rc));
			return -1;
		}
		snprintf(uname, DNS_UNAME_MAX, "%s", u);
		idn2_free(u);
	} else {
		snprintf(uname, DNS_UNAME_MAX, "%s", name);
	}
	return 0;
}

int dns_name_within(const char *name, const char *zone)
{
	size_t n = strlen(name), z = strlen(zone);

	if (n == z)
		return strcmp(name, zone) == 0;
	return n > z && name[n - z - 1] == '.' && strcmp(name + n - z, zone) == 0;
}

/* Append s at out[*at], keeping out NUL-terminated within size. */
static void append(char *out, size_t size, size_t *at, const char *s)
{
	int w;

	if (*at >= size)
		return;
	w = snprintf(out + *at, size - *at, "%s", s);
	if (w > 0)
		*at += (size_t)w;
}

/* The reverse labels of the first `units` octets (IPv4) or nibbles (IPv6). */
static void reverse_labels(int family, struct u128 addr, int units, char *out, size_t size)
{
	unsigned char key[IPAM_KEY_LEN];
	size_t at = 0;
	char label[8];

	ipam_key(addr, key);
	out[0] = '\0';
	for (int i = units - 1; i >= 0; i--) {
		if (family == 4)
			snprintf(label, sizeof label, "%u.", key[12 + i]);
		else
			snprintf(label, sizeof label, "%x.", (unsigned)(i % 2 ? key[i / 2] & 0xf : key[i / 2] >> 4));
		append(out, size, &at, label);
	}
	append(out, size, &at, family == 4 ? "in-addr.arpa" : "ip6.arpa");
}

void dns_reverse_name(int family, struct u128 addr, char *out, size_t size)
{
	reverse_labels(family, addr, family == 4 ? 4 : 32, out, size);
}

void dns_reverse_zone_name(const struct ipam_prefix *p, char *out, size_t size)
{
	reverse_labels(p->family, p->addr, p->family == 4 ? p->len / 8 : p->len / 4, out, size);
}

void dns_reverse_zone_of(int family, struct u128 addr, struct ipam_prefix *p, char *out, size_t size)
{
	p->family = family;
	p->len = family == 4 ? DNS_REVERSE_V4_LEN : DNS_REVERSE_V6_LEN;
	p->addr = u128_and(addr, u128_not(u128_low_mask(ipam_host_bits(p))));
	dns_reverse_zone_name(p, out, size);
}

void dns_txt_quote(const char *text, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t at = 0, in_string = 0;
	char esc[8];

	out[0] = '\0';
	append(out, size, &at, "\"");
	while (*s) {
		/* A character's octets stay in one string of at most 255. */
		size_t clen = *s < 0x80 ? 1 : *s >= 0xf0 ? 4 : *s >= 0xe0 ? 3 : 2;
		if (in_string + clen > 255) {
			append(out, size, &at, "\" \"");
			in_string = 0;
		}
		for (size_t i = 0; i < clen && *s; i++, s++) {
			if (*s == '"' || *s == '\\')
				snprintf(esc, sizeof esc, "\\%c", *s);
			else if (*s < 0x20 || *s >= 0x7f)
				snprintf(esc, sizeof esc, "\\%03u", *s);
			else
				snprintf(esc, sizeof esc, "%c", *s);
			append(out, size, &at, esc);
			in_string++;
		}
	}
	append(out, size, &at, "\"");
}
