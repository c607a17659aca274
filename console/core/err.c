#include "config.h"
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "govnet/banned.h"

int err_set(struct gn_err *err, enum gn_status status, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->status = status;
	err->field[0] = '\0';
	err->next.component[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int err_set_field(struct gn_err *err, const char *field, enum gn_status status, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->status = status;
	snprintf(err->field, sizeof err->field, "%s", field ? field : "");
	err->next.component[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void err_set_next(struct gn_err *err, const char *component, const char *verb, int64_t id)
{
	if (!err || strlen(component) >= sizeof err->next.component || strlen(verb) >= sizeof err->next.verb)
		return;
	snprintf(err->next.component, sizeof err->next.component, "%s", component);
	snprintf(err->next.verb, sizeof err->next.verb, "%s", verb);
	err->next.id = id;
}

void err_prefix(struct gn_err *err, const char *fmt, ...)
{
	char head[256], rest[sizeof err->msg];
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(rest, err->msg, sizeof rest);
	size_t n = strlen(head);
	if (n >= sizeof err->msg)
		n = sizeof err->msg - 1;
	memcpy(err->msg, head, n);
	size_t room = sizeof err->msg - n - 1, len = strnlen(rest, sizeof rest);
	if (len > room)
		len = room;
	memcpy(err->msg + n, rest, len);
	err->msg[n + len] = '\0';
}

void err_clear(struct gn_err *err)
{
	err->status = GN_OK;
	err->msg[0] = '\0';
	err->field[0] = '\0';
}
