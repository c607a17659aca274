/*
 * theme.c — reading themes and folding colours to what a terminal has.
 */
#include "config.h"
#include "theme.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "govnet/banned.h"

const char *const theme_element_names[EL_COUNT] = {
	[EL_NORMAL] = "normal", [EL_TABBAR] = "tabbar", [EL_TAB_ACTIVE] = "tab_active",
	[EL_HEADER] = "header", [EL_SELECTED] = "selected", [EL_STATUS] = "status",
	[EL_MESSAGE] = "message", [EL_ERROR] = "error", [EL_BORDER] = "border", [EL_TITLE] = "title",
	[EL_LABEL] = "label", [EL_FIELD] = "field", [EL_FIELD_FOCUS] = "field_focus", [EL_HINT] = "hint",
	[EL_DIALOG] = "dialog", [EL_OVERDUE] = "overdue", [EL_DUE_SOON] = "due_soon",
	[EL_HIGHLIGHT] = "highlight",
};

const unsigned theme_mono_attrs[EL_COUNT] = {
	[EL_TAB_ACTIVE] = TA_REVERSE | TA_BOLD, [EL_HEADER] = TA_BOLD | TA_UNDERLINE,
	[EL_SELECTED] = TA_REVERSE, [EL_STATUS] = TA_REVERSE, [EL_ERROR] = TA_BOLD,
	[EL_TITLE] = TA_BOLD, [EL_FIELD] = TA_UNDERLINE, [EL_FIELD_FOCUS] = TA_REVERSE,
	[EL_HINT] = TA_DIM, [EL_OVERDUE] = TA_BOLD, [EL_DUE_SOON] = TA_UNDERLINE, [EL_HIGHLIGHT] = TA_BOLD,
	[EL_LABEL] = TA_BOLD,
};

/* The same as themes/default.theme. */
static const char builtin_theme[] =
	"normal = default default\n"
	"tabbar = white 236\n"
	"tab_active = black 39 bold\n"
	"header = 39 default bold underline\n"
	"selected = black 45\n"
	"status = white 24\n"
	"message = 114 default\n"
	"error = 203 default bold\n"
	"border = 240 default\n"
	"title = 45 default bold\n"
	"label = 250 default\n"
	"field = default 237 underline\n"
	"field_focus = black 45\n"
	"hint = 244 default\n"
	"dialog = white 236\n"
	"overdue = 203 default bold\n"
	"due_soon = 221 default\n"
	"down = white 160 bold\n"
	"highlight = 221 default bold\n";

static const struct {
	const char *name;
	int color;
} color_names[] = {
	{ "default", THEME_DEFAULT_COLOR }, { "black", 0 }, { "red", 1 }, { "green", 2 },
	{ "yellow", 3 }, { "blue", 4 }, { "magenta", 5 }, { "cyan", 6 }, { "white", 7 },
	{ "gray", 8 }, { "grey", 8 }, { "brightblack", 8 }, { "brightred", 9 }, { "brightgreen", 10 },
	{ "brightyellow", 11 }, { "brightblue", 12 }, { "brightmagenta", 13 }, { "brightcyan", 14 },
	{ "brightwhite", 15 },
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{ "bold", TA_BOLD }, { "dim", TA_DIM }, { "underline", TA_UNDERLINE }, { "reverse", TA_REVERSE },
	{ "standout", TA_STANDOUT }, { "blink", TA_BLINK }, { "italic", TA_ITALIC }, { "normal", 0 },
	{ "none", 0 },
};

static void reset(struct theme *t, const char *name)
{
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "%s", name);
	for (int i = 0; i < EL_COUNT; i++)
		t->el[i] = (struct theme_style){ THEME_NO_COLOR, THEME_NO_COLOR, 0 };
}

static int parse_color(const char *w, int *color)
{
	char *end;
	long n;

	for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
		if (strcasecmp(w, color_names[i].name) == 0) {
			*color = color_names[i].color;
			return 0;
		}
	n = strtol(w, &end, 10);
	if (*w && !*end && n >= 0 && n <= 255) {
		*color = (int)n;
		return 0;
	}
	return -1;
}

static int parse_style(char *value, struct theme_style *st, char *bad, size_t badsize)
{
	int ncolors = 0;

	*st = (struct theme_style){ THEME_NO_COLOR, THEME_NO_COLOR, 0 };
	for (char *w = value; *w;) {
		size_t n = strcspn(w, " \t");
		char save = w[n];
		int found = 0, color;
		w[n] = '\0';
		for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
			if (strcasecmp(w, attr_names[i].name) == 0) {
				st->attrs |= attr_names[i].attr;
				found = 1;
			}
		if (!found && parse_color(w, &color) == 0 && ncolors < 2) {
			if (ncolors++ == 0)
				st->fg = color;
			else
				st->bg = color;
			found = 1;
		}
		if (!found) {
			snprintf(bad, badsize, "%s", w);
			return -1;
		}
		w[n] = save;
		w += n;
		w += strspn(w, " \t");
	}
	return 0;
}

static char *trim(char *s)
{
	char *end;

	s += strspn(s, " \t\r");
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		*--end = '\0';
	return s;
}

int theme_parse(struct theme *t, const char *name, const char *text, const char *file, struct gn_err *err)
{
	int lineno = 0;

	reset(t, name);
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		char line[512], *key, *value, *eq, bad[64];

		lineno++;
		if (len >= sizeof line)
			return err_set(err, GN_REFUSED, "%s:%d: 行太长", file, lineno);
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (p[len] == '\n');
		if (!utf8_valid(line, len))
			return err_set(err, GN_REFUSED, "%s:%d: 不是有效的 UTF-8 文本", file, lineno);
		char *hash = strpbrk(line, "#;");
		if (hash)
			*hash = '\0';
		key = trim(line);
		if (!*key || *key == '[')
			continue; /* blank, or a [section] heading */
		eq = strchr(key, '=');
		if (!eq)
			return err_set(err, GN_REFUSED, "%s:%d: 应为 \"元素 = 前景色 背景色 属性\"", file, lineno);
		*eq = '\0';
		value = trim(eq + 1);
		key = trim(key);
		if (strcmp(key, "borders") == 0) {
			if (strcmp(value, "ascii") != 0 && strcmp(value, "line") != 0)
				return err_set(err, GN_REFUSED, "%s:%d: borders 只能是 ascii 或 line", file, lineno);
			t->ascii_borders = strcmp(value, "ascii") == 0;
			continue;
		}
		if (strcmp(key, "name") == 0 || strcmp(key, "description") == 0)
			continue;
		struct theme_style st;
		if (parse_style(value, &st, bad, sizeof bad))
			return err_set(err, GN_REFUSED, "%s:%d: 不认识的颜色或属性 \"%s\"", file, lineno, bad);
		int el = -1;
		for (int i = 0; i < EL_COUNT; i++)
			if (strcmp(theme_element_names[i], key) == 0)
				el = i;
		if (el >= 0) {
			t->el[el] = st;
		} else if (t->nextra < THEME_MAX_EXTRA && strlen(key) < sizeof t->extra[0].name) {
			snprintf(t->extra[t->nextra].name, sizeof t->extra[0].name, "%s", key);
			t->extra[t->nextra++].style = st;
		}
	}
	return 0;
}

void theme_builtin(struct theme *t)
{
	struct gn_err err;

	theme_parse(t, "default", builtin_theme, "(内置)", &err);
}

const struct theme_style *theme_extra(const struct theme *t, const char *name)
{
	for (size_t i = 0; name && i < t->nextra; i++)
		if (strcmp(t->extra[i].name, name) == 0)
			return &t->extra[i].style;
	return NULL;
}

/* ---- colours ------------------------------------------------------------ */

/* The xterm palette, to find the nearest colour a smaller terminal has. */
static void rgb(int c, int *r, int *g, int *b)
{
	static const unsigned char base[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 }, { 0, 0, 238 }, { 205, 0, 205 },
		{ 0, 205, 205 }, { 229, 229, 229 }, { 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 },
		{ 255, 255, 0 }, { 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
	};
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };

	if (c < 16) {
		*r = base[c][0], *g = base[c][1], *b = base[c][2];
	} else if (c < 232) {
		c -= 16;
		*r = level[c / 36], *g = level[(c / 6) % 6], *b = level[c % 6];
	} else {
		*r = *g = *b = 8 + 10 * (c - 232);
	}
}

int theme_fold_color(int color, int ncolors)
{
	int r, g, b, best = 0;
	long best_d = -1;

	if (color < 0)
		return ncolors >= 8 ? color : THEME_NO_COLOR;
	if (ncolors < 8)
		return THEME_NO_COLOR;
	if (color < ncolors)
		return color;
	if (color >= 8 && color < 16)
		return color - 8; /* bright → its ordinary colour */
	rgb(color, &r, &g, &b);
	for (int c = 0; c < (ncolors >= 16 ? 16 : 8); c++) {
		int r2, g2, b2;
		rgb(c, &r2, &g2, &b2);
		long d = (long)(r - r2) * (r - r2) + (long)(g - g2) * (g - g2) + (long)(b - b2) * (b - b2);
		if (best_d < 0 || d < best_d)
			best_d = d, best = c;
	}
	return best;
}

/* ---- finding theme files -------------------------------------------------- */

static size_t theme_dirs(char dirs[][PATH_MAX], size_t max)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char self[PATH_MAX];
	size_t n = 0;
	ssize_t len;

	if (xdg && *xdg)
		snprintf(dirs[n++], PATH_MAX, "%s/govnet/themes", xdg);
	else if (home && *home)
		snprintf(dirs[n++], PATH_MAX, "%s/.config/govnet/themes", home);
	/* The build tree's binary uses the source tree's themes, as it uses
	 * the plugins built beside it (registry_plugin_dir). */
	len = readlink("/proc/self/exe", self, sizeof self - 1);
	if (len > 0) {
		self[len] = '\0';
		if (strcmp(self, GN_BUILD_DIR "/govnet") == 0 && n < max)
			snprintf(dirs[n++], PATH_MAX, "%s/themes", GN_SRC_DIR);
	}
	if (n < max)
		snprintf(dirs[n++], PATH_MAX, "%s/themes", GN_DATA_DIR);
	return n;
}

void theme_dirs_text(char *out, size_t size)
{
	char dirs[3][PATH_MAX];
	size_t n = theme_dirs(dirs, 3), used = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int w = snprintf(out + used, size - used, "%s%s", i ? "、" : "", dirs[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

static int valid_name(const char *name)
{
	if (!*name || strlen(name) > 40)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '-' || *p == '_'))
			return 0;
	return 1;
}

int theme_load(struct theme *t, const char *name, struct gn_err *err)
{
	char dirs[3][PATH_MAX], path[PATH_MAX + 64], chunk[4096], where[3 * PATH_MAX];
	size_t n;

	if (!valid_name(name))
		return err_set(err, GN_USAGE, "主题名称只能由字母、数字、- 和 _ 组成：\"%.40s\"", name);
	n = theme_dirs(dirs, 3);
	for (size_t i = 0; i < n; i++) {
		struct strbuf text = STRBUF_INIT;
		size_t got;
		FILE *f;
		snprintf(path, sizeof path, "%s/%s.theme", dirs[i], name);
		f = fopen(path, "r");
		if (!f)
			continue;
		while ((got = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len < 64 * 1024)
			sb_addn(&text, chunk, got);
		fclose(f);
		struct theme parsed;
		int rc = theme_parse(&parsed, name, sb_str(&text), path, err);
		sb_free(&text);
		if (rc == 0)
			*t = parsed;
		return rc;
	}
	theme_dirs_text(where, sizeof where);
	return err_set(err, GN_REFUSED, "没有名为 %s 的主题（查找了 %s）", name, where);
}
