#include "config.h"
#include "userconf.h"
#include "../core/strbuf.h"
#include "../core/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

#define USERCONF_MAX (64 * 1024)

static int userconf_path(char *path, size_t size)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		snprintf(path, size, "%s/govnet/console", xdg);
	else if (home && *home)
		snprintf(path, size, "%s/.config/govnet/console", home);
	else
		return -1;
	return 0;
}

static void read_all(const char *path, struct strbuf *text)
{
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text->len < USERCONF_MAX)
		sb_addn(text, chunk, n);
	fclose(f);
}

/* The line of key in text ("key = value\n"), or NULL. */
static const char *find_line(const char *text, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, key, n) == 0 && strncmp(p + n, " = ", 3) == 0)
			return p;
	return NULL;
}

int userconf_get(const char *key, char *out, size_t size)
{
	char path[4096];
	struct strbuf text = STRBUF_INIT;
	const char *line;
	int found = 0;

	if (userconf_path(path, sizeof path))
		return 0;
	read_all(path, &text);
	if ((line = find_line(sb_str(&text), key))) {
		const char *v = line + strlen(key) + 3;
		snprintf(out, size, "%.*s", (int)strcspn(v, "\n"), v);
		found = 1;
	}
	sb_free(&text);
	return found;
}

int userconf_set(const char *key, const char *value)
{
	char path[4096], tmp[4200];
	struct strbuf text = STRBUF_INIT, out = STRBUF_INIT;
	struct gn_err err = { .status = GN_OK };
	const char *line;
	FILE *f;
	int rc = -1;

	if (userconf_path(path, sizeof path) || strchr(key, '\n') || strchr(value, '\n'))
		return -1;
	read_all(path, &text);
	line = find_line(sb_str(&text), key);
	if (line) {
		const char *end = strchr(line, '\n');
		sb_addn(&out, sb_str(&text), (size_t)(line - sb_str(&text)));
		sb_add(&out, end ? end + 1 : "");
	} else {
		sb_add(&out, sb_str(&text));
		if (out.len && out.buf[out.len - 1] != '\n')
			sb_addch(&out, '\n');
	}
	sb_addf(&out, "%s = %s\n", key, value);
	/* A whole new file in place of the old: never half a file. */
	snprintf(tmp, sizeof tmp, "%s.new", path);
	if (config_make_parent(path, &err) == 0 && (f = fopen(tmp, "w"))) {
		int ok = fwrite(out.buf, 1, out.len, f) == out.len;
		ok = fclose(f) == 0 && ok;
		rc = ok && rename(tmp, path) == 0 ? 0 : -1;
		if (rc)
			remove(tmp);
	}
	sb_free(&text);
	sb_free(&out);
	return rc;
}
