/*
 * fields.h — the values an action receives, and their checks.  The same
 * checks serve the command line and the console's forms, so a value is
 * judged the same whichever front end it came through.
 */
#ifndef GN_FIELDS_H
#define GN_FIELDS_H

#include <stddef.h>
#include "err.h"
#include "govnet/plugin.h"

#define FIELD_DEFAULT_MAX_CHARS 200
#define FIELD_LONGTEXT_MAX_CHARS 4000

struct gn_arg {
	const char *name;
	const char *value; /* "1" for a flag that is set */
};

struct gn_args {
	struct gn_arg *items;
	size_t n;
	const char *why; /* the reason recorded in the audit entry, or NULL */
	/* Where GN_FIELD_TEXT_FILE values came from: field name → path or URL. */
	struct gn_arg *sources;
	size_t nsources;
};

const char *args_get(const struct gn_args *args, const char *name);
void args_set(struct gn_args *args, const char *name, const char *value);
void args_free(struct gn_args *args); /* frees items, not the strings */
/* Another value of a field given more than once (GN_FIELD_MULTIPLE). */
void args_add(struct gn_args *args, const char *name, const char *value);
/* The i-th value of name, or NULL. */
const char *args_nth(const struct gn_args *args, const char *name, size_t i);
/* The path or URL a GN_FIELD_TEXT_FILE value was read from, or NULL. */
const char *args_source(const struct gn_args *args, const char *name);

/* Check one value against its field: valid UTF-8, within length, of the
 * field's type.  The message names the field by its label. */
int field_check(const struct gn_field *f, const char *value, struct gn_err *err);
/* A CIDR in canonical form — the address as inet_ntop(3) writes it (RFC
 * 5952 for IPv6), the length as a plain number — so that "2001:DB8::/32"
 * and "2001:db8::/32" name the same record; -1 when v is not a CIDR. */
int field_cidr_canonical(const char *v, char *out, size_t size);
/* A CIDR as a key that sorts in address order under memcmp: IPv4 before
 * IPv6, then the address, then the length (a block before the blocks
 * inside it); -1 when v is not a CIDR. */
#define FIELD_CIDR_KEY_LEN 18
int field_cidr_key(const char *v, unsigned char key[FIELD_CIDR_KEY_LEN]);
/* Check every value and that every required field is present. */
int fields_check(const struct gn_action *a, const struct gn_args *args, struct gn_err *err);
/* What a person reads for choice i of a GN_FIELD_CHOICE field: its
 * title (gn_field.choice_titles), or the code itself when it has none. */
const char *field_choice_title(const struct gn_field *f, size_t i);
/* Every choice of f for --help and refusals, joined by sep: each code
 * with its title beside it, "county（县区）", or the bare code when it
 * has no title.  Appended to out. */
struct strbuf;
void field_choices_describe(const struct gn_field *f, const char *sep, struct strbuf *out);
/* A list's filter seen as a field (its name, label, type and choices with
 * their titles), so that it is checked and described as fields are. */
struct gn_field field_of_filter(const struct gn_filter *flt);
/* The type's name for help: "文本", "日期" … */
const char *field_type_hint(enum gn_field_type t);

#endif
