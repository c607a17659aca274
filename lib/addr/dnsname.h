/*
 * dnsname.h — domain names as the extranet's DNS keeps them (Art 20).
 *
 * A name is stored once, in the form DNS servers use: lower-case, labels
 * of letters, digits and hyphens (LDH), each at most 63 octets, the whole
 * at most 253, no trailing dot, and internationalised labels as punycode
 * A-labels ("xn--…", IDNA2008 through libidn2).  The Unicode form is kept
 * beside it for people to read.
 */
#ifndef IPAM_DNSNAME_H
#define IPAM_DNSNAME_H

#include <stddef.h>
#include "prefix.h"

/* The default name of the extranet's zone: 政务外网 (zwww) of Lianyungang. */
#define DNS_DEFAULT_ZONE "zwww.lyg.gov.cn"
#define DNS_NAME_MAX 254 /* 253 octets and the NUL */
/* The prefix lengths reverse zones are cut at. */
#define DNS_REVERSE_V4_LEN 16
#define DNS_REVERSE_V6_LEN 48
#define DNS_UNAME_MAX 1024

enum {
	DNS_NAME_UNDERSCORE = 1u << 0, /* labels may begin with '_' (TXT owners such as _dmarc) */
};

/*
 * Read a name typed by a person: any case, an optional trailing dot,
 * Unicode or A-labels.  Writes the stored form to name and the Unicode
 * form to uname; on failure returns -1 with a message naming the value
 * and the rule it breaks.
 */
int dns_name_parse(const char *input, unsigned flags, char name[DNS_NAME_MAX], char uname[DNS_UNAME_MAX],
		   char *why, size_t why_size);

/* True when name is zone or lies under it. */
int dns_name_within(const char *name, const char *zone);

/* The PTR owner of an address: "10.4.36.10.in-addr.arpa", or 32 nibbles
 * under ip6.arpa. */
void dns_reverse_name(int family, struct u128 addr, char *out, size_t size);
/* The reverse zone of a prefix whose length is a whole number of octets
 * (IPv4) or nibbles (IPv6): 10.36.0.0/16 → "36.10.in-addr.arpa". */
void dns_reverse_zone_name(const struct ipam_prefix *p, char *out, size_t size);
/* The reverse zone an address's PTR goes in: the in-addr.arpa zone of its
 * /16 or the ip6.arpa zone of its /48, as a prefix (p) and a name. */
void dns_reverse_zone_of(int family, struct u128 addr, struct ipam_prefix *p, char *out, size_t size);

/* A TXT value as master-file character-strings: quoted, at most 255
 * octets each, with '"', '\' and octets outside printable ASCII escaped. */
void dns_txt_quote(const char *text, char *out, size_t size);

#endif
