/*
 * prefix.h — IPv4 and IPv6 addresses and prefixes as 128-bit numbers.
 *
 * An address of either family is a number in [0, 2^width) held in two
 * 64-bit halves; an IPv4 address sits in the low 32 bits.  Text is read in
 * any form inet_pton(3) accepts and written as inet_ntop(3) writes it,
 * which for IPv6 is the canonical form of RFC 5952 (lower case, leading
 * zeros dropped, the longest run of zero groups compressed).  In the store
 * an address is a 16-byte big-endian key, so that byte order is address
 * order and an index on (start) walks a family's blocks in address order.
 */
#ifndef IPAM_PREFIX_H
#define IPAM_PREFIX_H

#include <stddef.h>
#include <stdint.h>

struct u128 {
	uint64_t hi, lo;
};

struct ipam_prefix {
	int family;       /* 4 or 6 */
	struct u128 addr; /* the first address */
	int len;          /* prefix length, 0..width */
};

/* Longest text of a prefix ("ffff:…:ffff/128") or an address, with NUL. */
#define IPAM_TEXT_MAX 64
#define IPAM_KEY_LEN 16
/* "2^128" and the 39 digits of 2^128 - 1 fit. */
#define IPAM_COUNT_MAX 48

/* ---- 128-bit arithmetic (values wrap modulo 2^128) ----------------------- */
int u128_cmp(struct u128 a, struct u128 b);
int u128_is_zero(struct u128 a);
struct u128 u128_add(struct u128 a, struct u128 b);
struct u128 u128_sub(struct u128 a, struct u128 b);
/* 2^bits for bits in 0..127. */
struct u128 u128_pow2(int bits);
/* 2^bits - 1 for bits in 0..128: the host part of a prefix. */
struct u128 u128_low_mask(int bits);
struct u128 u128_and(struct u128 a, struct u128 b);
struct u128 u128_or(struct u128 a, struct u128 b);
struct u128 u128_not(struct u128 a);
/* Trailing zero bits: 128 for zero. */
int u128_ctz(struct u128 a);
/* Decimal text. */
void u128_decimal(struct u128 a, char *out, size_t size);

/* ---- prefixes ------------------------------------------------------------ */
/* 32 or 128. */
int ipam_width(int family);
/* Host bits of a prefix: the block holds 2^bits addresses. */
int ipam_host_bits(const struct ipam_prefix *p);
/* The last address of the block. */
struct u128 ipam_last(const struct ipam_prefix *p);
/* True when outer contains inner (or equals it). */
int ipam_contains(const struct ipam_prefix *outer, const struct ipam_prefix *inner);
/* The number of addresses in a prefix of host_bits, as decimal text
 * ("256", "18446744073709551616", "2^128"). */
void ipam_count_text(int host_bits, char *out, size_t size);

/*
 * Read "address/length".  On failure returns -1 and writes a message that
 * names the value and says what is wrong: not an address, no length, a
 * length out of range, or host bits set (with the prefix meant).
 */
int ipam_parse_prefix(const char *text, struct ipam_prefix *p, char *why, size_t why_size);
/* Read one address of either family; -1 when it is none. */
int ipam_parse_addr(const char *text, int *family, struct u128 *addr);
/* Write canonical text. */
void ipam_format_addr(int family, struct u128 addr, char *out, size_t size);
void ipam_format_prefix(const struct ipam_prefix *p, char *out, size_t size);

/* The 16-byte big-endian key of an address, and back. */
void ipam_key(struct u128 addr, unsigned char key[IPAM_KEY_LEN]);
struct u128 ipam_key_value(const void *key, int len);
/* A key as a value, and as the two arguments of the statement runner's
 * "b" letter (gn_call_exec, gn_call_query): IPAM_KEY_ARG(addr) is the
 * key's bytes and IPAM_KEY_LEN as a size_t.  The bytes live until the end
 * of the call they are passed to, which copies them. */
struct ipam_keybuf {
	unsigned char b[IPAM_KEY_LEN];
};
struct ipam_keybuf ipam_keybuf(struct u128 addr);
#define IPAM_KEY_ARG(addr) ipam_keybuf(addr).b, (size_t)IPAM_KEY_LEN

/*
 * Split the addresses first..last (inclusive) into maximal aligned blocks,
 * lowest first — the smallest set of prefixes that covers exactly that
 * range.  each() may stop the walk by returning non-zero, which is then
 * returned.
 */
int ipam_split_range(int family, struct u128 first, struct u128 last,
		     int (*each)(const struct ipam_prefix *p, void *data), void *data);

#endif
