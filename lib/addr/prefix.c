/*
 * prefix.c — arithmetic on 128-bit addresses, reading and writing prefixes,
 * and splitting a range into maximal aligned blocks (prefix.h).
 */
#include "config.h"
#include "prefix.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int u128_cmp(struct u128 a, struct u128 b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

int u128_is_zero(struct u128 a)
{
	return a.hi == 0 && a.lo == 0;
}

struct u128 u128_add(struct u128 a, struct u128 b)
{
	struct u128 r = { a.hi + b.hi, a.lo + b.lo };

	if (r.lo < a.lo)
		r.hi++;
	return r;
}

struct u128 u128_sub(struct u128 a, struct u128 b)
{
	struct u128 r = { a.hi - b.hi, a.lo - b.lo };

	if (a.lo < b.lo)
		r.hi--;
	return r;
}

struct u128 u128_pow2(int bits)
{
	struct u128 r = { 0, 0 };

	if (bits >= 64)
		r.hi = (uint64_t)1 << (bits - 64);
	else
		r.lo = (uint64_t)1 << bits;
	return r;
}

struct u128 u128_low_mask(int bits)
{
	struct u128 r = { 0, 0 };

	if (bits >= 128)
		return (struct u128){ UINT64_MAX, UINT64_MAX };
	if (bits >= 64) {
		r.lo = UINT64_MAX;
		r.hi = bits == 64 ? 0 : ((uint64_t)1 << (bits - 64)) - 1;
	} else if (bits > 0) {
		r.lo = ((uint64_t)1 << bits) - 1;
	}
	return r;
}

struct u128 u128_and(struct u128 a, struct u128 b)
{
	return (struct u128){ a.hi & b.hi, a.lo & b.lo };
}

struct u128 u128_or(struct u128 a, struct u128 b)
{
	return (struct u128){ a.hi | b.hi, a.lo | b.lo };
}

struct u128 u128_not(struct u128 a)
{
	return (struct u128){ ~a.hi, ~a.lo };
}

int u128_ctz(struct u128 a)
{
	if (a.lo)
		return __builtin_ctzll(a.lo);
	if (a.hi)
		return 64 + __builtin_ctzll(a.hi);
	return 128;
}

/* Divide by 10 thirty-two bits at a time, most significant first. */
static unsigned divmod10(struct u128 *a)
{
	uint32_t part[4] = { (uint32_t)(a->hi >> 32), (uint32_t)a->hi, (uint32_t)(a->lo >> 32), (uint32_t)a->lo };
	uint64_t rem = 0;

	for (int i = 0; i < 4; i++) {
		uint64_t cur = (rem << 32) | part[i];
		part[i] = (uint32_t)(cur / 10);
		rem = cur % 10;
	}
	a->hi = ((uint64_t)part[0] << 32) | part[1];
	a->lo = ((uint64_t)part[2] << 32) | part[3];
	return (unsigned)rem;
}

void u128_decimal(struct u128 a, char *out, size_t size)
{
	char digits[48];
	size_t n = 0;

	do
		digits[n++] = (char)('0' + divmod10(&a));
	while (!u128_is_zero(a) && n < sizeof digits);
	if (size == 0)
		return;
	size_t k = 0;
	while (n > 0 && k + 1 < size)
		out[k++] = digits[--n];
	out[k] = '\0';
}

int ipam_width(int family)
{
	return family == 4 ? 32 : 128;
}

int ipam_host_bits(const struct ipam_prefix *p)
{
	return ipam_width(p->family) - p->len;
}

struct u128 ipam_last(const struct ipam_prefix *p)
{
	return u128_or(p->addr, u128_low_mask(ipam_host_bits(p)));
}

int ipam_contains(const struct ipam_prefix *outer, const struct ipam_prefix *inner)
{
	return outer->family == inner->family && outer->len <= inner->len &&
	       u128_cmp(outer->addr, inner->addr) <= 0 && u128_cmp(ipam_last(inner), ipam_last(outer)) <= 0;
}

void ipam_count_text(int host_bits, char *out, size_t size)
{
	if (host_bits >= 128)
		snprintf(out, size, "340282366920938463463374607431768211456");
	else
		u128_decimal(u128_pow2(host_bits), out, size);
}

static void to_bytes(int family, struct u128 addr, unsigned char *b)
{
	unsigned char key[IPAM_KEY_LEN];

	ipam_key(addr, key);
	if (family == 4)
		memcpy(b, key + 12, 4);
	else
		memcpy(b, key, 16);
}

int ipam_parse_addr(const char *text, int *family, struct u128 *addr)
{
	unsigned char b[16];

	if (strlen(text) >= IPAM_TEXT_MAX)
		return -1;
	if (strchr(text, ':')) {
		if (inet_pton(AF_INET6, text, b) != 1)
			return -1;
		*family = 6;
		*addr = ipam_key_value(b, 16);
	} else {
		if (inet_pton(AF_INET, text, b) != 1)
			return -1;
		*family = 4;
		*addr = ipam_key_value(b, 4);
	}
	return 0;
}

int ipam_parse_prefix(const char *text, struct ipam_prefix *p, char *why, size_t why_size)
{
	char addr[IPAM_TEXT_MAX];
	const char *slash = strchr(text, '/');
	size_t alen = slash ? (size_t)(slash - text) : strlen(text);
	int width, len = 0;

	if (strlen(text) >= IPAM_TEXT_MAX) {
		snprintf(why, why_size, "\"%.40s…\" 太长，不是网段", text);
		return -1;
	}
	memcpy(addr, text, alen);
	addr[alen] = '\0';
	if (ipam_parse_addr(addr, &p->family, &p->addr)) {
		snprintf(why, why_size, "\"%s\" 不是有效的 IPv4 或 IPv6 网段（地址部分 \"%s\" 无法识别）", text, addr);
		return -1;
	}
	width = ipam_width(p->family);
	if (!slash || !slash[1]) {
		snprintf(why, why_size, "\"%s\" 缺少前缀长度（如 %s/%d）", text, addr, p->family == 4 ? 24 : 64);
		return -1;
	}
	for (const char *d = slash + 1; *d; d++) {
		if (*d < '0' || *d > '9' || len > width) {
			snprintf(why, why_size, "\"%s\" 的前缀长度 \"%s\" 无效：IPv%d 应为 0 到 %d", text, slash + 1,
				 p->family, width);
			return -1;
		}
		len = len * 10 + (*d - '0');
	}
	if (len > width) {
		snprintf(why, why_size, "\"%s\" 的前缀长度 %d 超出范围：IPv%d 应为 0 到 %d", text, len, p->family, width);
		return -1;
	}
	p->len = len;
	if (!u128_is_zero(u128_and(p->addr, u128_low_mask(width - len)))) {
		struct ipam_prefix meant = *p;
		char m[IPAM_TEXT_MAX];
		meant.addr = u128_and(p->addr, u128_not(u128_low_mask(width - len)));
		ipam_format_prefix(&meant, m, sizeof m);
		snprintf(why, why_size, "\"%s\" 不是对齐的网段：主机位不为零（是否应为 %s？）", text, m);
		return -1;
	}
	/* IPv4-mapped (::ffff:0:0/96) and IPv4-compatible (::/96) space is
	 * IPv4 written as IPv6: a pool there would shadow the IPv4 plan with
	 * no overlap check across families (Art 18–19).  Both lie in ::/80. */
	if (p->family == 6 && p->addr.hi == 0 && (p->addr.lo >> 48) == 0) {
		snprintf(why, why_size, "\"%s\" 是 IPv4 映射或兼容的 IPv6 地址（::ffff:0:0/96、::/96）："
			 "IPv4 地址请按 IPv4 规划", text);
		return -1;
	}
	return 0;
}

void ipam_format_addr(int family, struct u128 addr, char *out, size_t size)
{
	unsigned char b[16];
	char text[INET6_ADDRSTRLEN];

	to_bytes(family, addr, b);
	if (!inet_ntop(family == 4 ? AF_INET : AF_INET6, b, text, sizeof text))
		text[0] = '\0';
	snprintf(out, size, "%s", text);
}

void ipam_format_prefix(const struct ipam_prefix *p, char *out, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	ipam_format_addr(p->family, p->addr, a, sizeof a);
	snprintf(out, size, "%s/%d", a, p->len);
}

void ipam_key(struct u128 addr, unsigned char key[IPAM_KEY_LEN])
{
	for (int i = 0; i < 8; i++) {
		key[i] = (unsigned char)(addr.hi >> (56 - 8 * i));
		key[8 + i] = (unsigned char)(addr.lo >> (56 - 8 * i));
	}
}

struct ipam_keybuf ipam_keybuf(struct u128 addr)
{
	struct ipam_keybuf k;

	ipam_key(addr, k.b);
	return k;
}

/* A key, or the 4 bytes of an IPv4 address: big-endian, right-aligned. */
struct u128 ipam_key_value(const void *key, int len)
{
	const unsigned char *b = key;
	struct u128 v = { 0, 0 };

	for (int i = 0; i < len && i < 16; i++) {
		v.hi = (v.hi << 8) | (v.lo >> 56);
		v.lo = (v.lo << 8) | b[i];
	}
	return v;
}

int ipam_split_range(int family, struct u128 first, struct u128 last,
		     int (*each)(const struct ipam_prefix *p, void *data), void *data)
{
	int width = ipam_width(family);
	struct u128 c = first;

	if (u128_cmp(first, last) > 0)
		return 0;
	for (;;) {
		int bits = u128_ctz(c);
		struct u128 end;
		if (bits > width)
			bits = width;
		/* The largest block aligned at c that ends within the range. */
		while (end = u128_or(c, u128_low_mask(bits)), u128_cmp(end, last) > 0)
			bits--;
		struct ipam_prefix p = { family, c, width - bits };
		int rc = each(&p, data);
		if (rc)
			return rc;
		if (u128_cmp(end, last) == 0)
			return 0;
		c = u128_add(end, (struct u128){ 0, 1 });
	}
}
