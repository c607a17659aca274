/*
 * keys.c — the binding table and the keys file.  The defaults are a
 * table, like tmux's key-bindings: one line per key.
 */
#include "config.h"
#include "keys.h"
#include "edit.h"
#include "../core/utf8.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "govnet/banned.h"

const struct ui_cmd_info ui_cmds[CMD_COUNT] = {
	[CMD_NONE] = { "none", "", UI_CTX_MAIN },
	[CMD_DOWN] = { "down", "下一行", UI_CTX_MAIN },
	[CMD_UP] = { "up", "上一行", UI_CTX_MAIN },
	[CMD_PAGE_DOWN] = { "page-down", "下一页", UI_CTX_MAIN },
	[CMD_PAGE_UP] = { "page-up", "上一页", UI_CTX_MAIN },
	[CMD_TOP] = { "top", "第一行", UI_CTX_MAIN },
	[CMD_BOTTOM] = { "bottom", "最后一行", UI_CTX_MAIN },
	[CMD_OPEN] = { "open", "打开（详情、进入所选）", UI_CTX_MAIN },
	[CMD_BACK] = { "back", "返回；清除筛选", UI_CTX_MAIN },
	[CMD_NEXT_TAB] = { "next-tab", "下一个标签页（每个插件一个）", UI_CTX_MAIN },
	[CMD_PREV_TAB] = { "prev-tab", "上一个标签页", UI_CTX_MAIN },
	[CMD_SCROLL_LEFT] = { "scroll-left", "列表向左滚动一列", UI_CTX_MAIN },
	[CMD_SCROLL_RIGHT] = { "scroll-right", "列表向右滚动一列（显示放不下的列）", UI_CTX_MAIN },
	[CMD_TAB1] = { "tab-1", "第 1 个标签页（概览）", UI_CTX_MAIN },
	[CMD_TAB2] = { "tab-2", "第 2 个标签页", UI_CTX_MAIN },
	[CMD_TAB3] = { "tab-3", "第 3 个标签页", UI_CTX_MAIN },
	[CMD_TAB4] = { "tab-4", "第 4 个标签页", UI_CTX_MAIN },
	[CMD_TAB5] = { "tab-5", "第 5 个标签页", UI_CTX_MAIN },
	[CMD_TAB6] = { "tab-6", "第 6 个标签页", UI_CTX_MAIN },
	[CMD_TAB7] = { "tab-7", "第 7 个标签页", UI_CTX_MAIN },
	[CMD_TAB8] = { "tab-8", "第 8 个标签页", UI_CTX_MAIN },
	[CMD_TAB9] = { "tab-9", "第 9 个标签页", UI_CTX_MAIN },
	[CMD_FILTER] = { "filter", "筛选（在所有列中查找，边输入边筛选）", UI_CTX_MAIN },
	[CMD_SORT] = { "sort", "按下一列排序", UI_CTX_MAIN },
	[CMD_SORT_REVERSE] = { "sort-reverse", "反向排序", UI_CTX_MAIN },
	[CMD_NEW] = { "new", "新建", UI_CTX_MAIN },
	[CMD_EDIT] = { "edit", "修改当前记录", UI_CTX_MAIN },
	[CMD_ACTIONS] = { "actions", "对当前记录可执行的操作", UI_CTX_MAIN },
	[CMD_COMMAND] = { "command", "命令（:q、:theme 名称、:org 组织、:org add ...）", UI_CTX_MAIN },
	[CMD_HELP] = { "help", "帮助（本页）", UI_CTX_MAIN },
	[CMD_QUIT] = { "quit", "退出", UI_CTX_MAIN },
	[CMD_REDRAW] = { "redraw", "重读数据并重绘屏幕", UI_CTX_MAIN },
	[CMD_FORM_SAVE] = { "form-save", "表单：保存", UI_CTX_FORM },
	[CMD_FORM_CANCEL] = { "form-cancel", "表单：取消", UI_CTX_FORM },
	[CMD_FORM_NEXT] = { "form-next", "表单：下一个字段", UI_CTX_FORM },
	[CMD_FORM_PREV] = { "form-prev", "表单：上一个字段", UI_CTX_FORM },
	[CMD_MATCH_NEXT] = { "match-next", "下一条含筛选文字的记录", UI_CTX_MAIN },
	[CMD_MATCH_PREV] = { "match-prev", "上一条含筛选文字的记录", UI_CTX_MAIN },
	[CMD_YANK] = { "yank", "复制网段或编号到剪贴板（OSC 52）", UI_CTX_MAIN },
	[CMD_NEXT_VIEW] = { "next-view", "下一个子标签页（本插件的下一个视图）", UI_CTX_MAIN },
	[CMD_PREV_VIEW] = { "prev-view", "上一个子标签页", UI_CTX_MAIN },
};

static const struct {
	const char *key;
	enum ui_cmd cmd;
} default_bindings[] = {
	{ "j", CMD_DOWN }, { "Down", CMD_DOWN },
	{ "k", CMD_UP }, { "Up", CMD_UP },
	{ "PgDn", CMD_PAGE_DOWN }, { "^F", CMD_PAGE_DOWN }, { "Space", CMD_PAGE_DOWN },
	{ "PgUp", CMD_PAGE_UP }, { "^B", CMD_PAGE_UP },
	{ "g", CMD_TOP }, { "Home", CMD_TOP },
	{ "G", CMD_BOTTOM }, { "End", CMD_BOTTOM },
	{ "Enter", CMD_OPEN },
	{ "Esc", CMD_BACK },
	{ "Tab", CMD_NEXT_TAB }, { "]", CMD_NEXT_TAB },
	{ "S-Tab", CMD_PREV_TAB }, { "[", CMD_PREV_TAB },
	{ ">", CMD_NEXT_VIEW }, { "<", CMD_PREV_VIEW },
	{ "Left", CMD_SCROLL_LEFT }, { "h", CMD_SCROLL_LEFT },
	{ "Right", CMD_SCROLL_RIGHT }, { "l", CMD_SCROLL_RIGHT },
	{ "1", CMD_TAB1 }, { "2", CMD_TAB2 }, { "3", CMD_TAB3 }, { "4", CMD_TAB4 }, { "5", CMD_TAB5 },
	{ "6", CMD_TAB6 }, { "7", CMD_TAB7 }, { "8", CMD_TAB8 }, { "9", CMD_TAB9 },
	{ "/", CMD_FILTER },
	{ "s", CMD_SORT }, { "S", CMD_SORT_REVERSE },
	{ "c", CMD_NEW }, { "e", CMD_EDIT }, { "a", CMD_ACTIONS },
	{ "n", CMD_MATCH_NEXT }, { "N", CMD_MATCH_PREV }, { "y", CMD_YANK },
	{ ":", CMD_COMMAND },
	{ "?", CMD_HELP }, { "F1", CMD_HELP },
	{ "q", CMD_QUIT },
	{ "^L", CMD_REDRAW },
	{ "^S", CMD_FORM_SAVE }, { "F2", CMD_FORM_SAVE },
	{ "Esc", CMD_FORM_CANCEL },
	{ "Tab", CMD_FORM_NEXT },
	{ "S-Tab", CMD_FORM_PREV },
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Enter", '\n' }, { "Esc", UI_KEY_ESC }, { "Tab", '\t' }, { "Space", ' ' },
	{ "S-Tab", UI_KEY_FN(KEY_BTAB) }, { "BTab", UI_KEY_FN(KEY_BTAB) },
	{ "Up", UI_KEY_FN(KEY_UP) }, { "Down", UI_KEY_FN(KEY_DOWN) },
	{ "Left", UI_KEY_FN(KEY_LEFT) }, { "Right", UI_KEY_FN(KEY_RIGHT) },
	{ "PgUp", UI_KEY_FN(KEY_PPAGE) }, { "PgDn", UI_KEY_FN(KEY_NPAGE) },
	{ "Home", UI_KEY_FN(KEY_HOME) }, { "End", UI_KEY_FN(KEY_END) },
	{ "Backspace", UI_KEY_FN(KEY_BACKSPACE) }, { "Del", UI_KEY_FN(KEY_DC) },
	{ "Insert", UI_KEY_FN(KEY_IC) },
};

int key_normalise(int key)
{
	if (key == '\r' || key == UI_KEY_FN(KEY_ENTER))
		return '\n';
	if (key == 127 || key == 8)
		return UI_KEY_FN(KEY_BACKSPACE);
	return key;
}

int key_parse(const char *name, int *key)
{
	size_t len = strlen(name);
	uint32_t cp;

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(name, key_names[i].name) == 0) {
			*key = key_names[i].key;
			return 0;
		}
	if ((name[0] == 'F' || name[0] == 'f') && len >= 2 && len <= 3) {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (!*end && n >= 1 && n <= 12) {
			*key = UI_KEY_FN(KEY_F(n));
			return 0;
		}
	}
	if ((len == 2 && name[0] == '^') || (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-')) {
		char c = name[len - 1];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '[' || c == ']' || c == '\\') {
			*key = UI_KEY_CTRL(c);
			return 0;
		}
		return -1;
	}
	if (len == 0 || !utf8_valid(name, len))
		return -1;
	if (utf8_decode(name, len, &cp) != len || cp < 0x20 || cp == 0x7f)
		return -1;
	*key = (int)cp;
	return 0;
}

void key_format(int key, char *out, size_t size)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(out, size, "%s", key_names[i].name);
			return;
		}
	if (UI_KEY_IS_FN(key)) {
		int code = key & ~0x1000000;
		if (code >= KEY_F(1) && code <= KEY_F(12))
			snprintf(out, size, "F%d", code - KEY_F(0));
		else
			snprintf(out, size, "<%d>", code);
	} else if (key > 0 && key < 0x20) {
		snprintf(out, size, "^%c", key + '@');
	} else if (key >= 0x20 && size >= 5) {
		out[utf8_put((uint32_t)key, out)] = '\0';
	} else if (size) {
		out[0] = '\0';
	}
}

enum ui_cmd cmd_parse(const char *name)
{
	for (int c = CMD_NONE + 1; c < CMD_COUNT; c++)
		if (strcmp(ui_cmds[c].name, name) == 0)
			return (enum ui_cmd)c;
	return CMD_NONE;
}

void keymap_bind(struct keymap *km, int key, enum ui_cmd cmd)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->items[i].key == key && ui_cmds[km->items[i].cmd].context == ui_cmds[cmd].context) {
			km->items[i].cmd = cmd;
			return;
		}
	km->items = xrealloc(km->items, (km->n + 1) * sizeof *km->items);
	km->items[km->n++] = (struct binding){ key, cmd };
}

int keymap_unbind(struct keymap *km, int key)
{
	size_t out = 0;

	for (size_t i = 0; i < km->n; i++)
		if (km->items[i].key != key)
			km->items[out++] = km->items[i];
	if (out == km->n)
		return -1;
	km->n = out;
	return 0;
}

void keymap_defaults(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (size_t i = 0; i < sizeof default_bindings / sizeof default_bindings[0]; i++) {
		int key;
		if (key_parse(default_bindings[i].key, &key) == 0)
			keymap_bind(km, key, default_bindings[i].cmd);
	}
}

void keymap_free(struct keymap *km)
{
	free(km->items);
	memset(km, 0, sizeof *km);
}

enum ui_cmd keymap_lookup(const struct keymap *km, enum ui_context ctx, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->items[i].key == key && ui_cmds[km->items[i].cmd].context == ctx)
			return km->items[i].cmd;
	return CMD_NONE;
}

void keymap_keys_of(const struct keymap *km, enum ui_cmd cmd, char *out, size_t size)
{
	size_t used = 0;

	if (size)
		out[0] = '\0';
	for (size_t i = 0; i < km->n; i++) {
		char name[32];
		if (km->items[i].cmd != cmd)
			continue;
		key_format(km->items[i].key, name, sizeof name);
		int n = snprintf(out + used, size - used, "%s%s", used ? " " : "", name);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
}

/* Split a line into at most max words separated by blanks. */
static size_t words(char *line, char **w, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (*p && n < max) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

void keymap_apply(struct keymap *km, const char *text, const char *file, struct strbuf *problems)
{
	int lineno = 0;

	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		char line[512], *w[4];
		int key;

		lineno++;
		if (len >= sizeof line) {
			sb_addf(problems, "%s:%d: 行太长，已忽略\n", file, lineno);
			p += len + (p[len] == '\n');
			continue;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (p[len] == '\n');
		/* Only whole lines are comments: "#" may itself be a key to bind. */
		if (line[strspn(line, " \t")] == '#')
			continue;
		if (!utf8_valid(line, strlen(line))) {
			sb_addf(problems, "%s:%d: 不是有效的 UTF-8 文本，已忽略\n", file, lineno);
			continue;
		}
		size_t n = words(line, w, 4);
		if (n == 0)
			continue;
		if (strcmp(w[0], "bind") == 0 && n == 3) {
			enum ui_cmd cmd = cmd_parse(w[2]);
			if (key_parse(w[1], &key))
				sb_addf(problems, "%s:%d: 不认识的键 \"%.40s\"\n", file, lineno, w[1]);
			else if (cmd == CMD_NONE)
				sb_addf(problems, "%s:%d: 不认识的命令 \"%.40s\"（按 ? 查看全部命令）\n", file, lineno, w[2]);
			else
				keymap_bind(km, key, cmd);
		} else if (strcmp(w[0], "unbind") == 0 && n == 2) {
			if (key_parse(w[1], &key))
				sb_addf(problems, "%s:%d: 不认识的键 \"%.40s\"\n", file, lineno, w[1]);
			else
				keymap_unbind(km, key);
		} else {
			sb_addf(problems, "%s:%d: 应为 \"bind 键 命令\" 或 \"unbind 键\"\n", file, lineno);
		}
	}
}

void keymap_load_user(struct keymap *km, struct strbuf *problems)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[4096];
	struct strbuf text = STRBUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f;

	if (xdg && *xdg)
		snprintf(path, sizeof path, "%s/govnet/keys", xdg);
	else if (home && *home)
		snprintf(path, sizeof path, "%s/.config/govnet/keys", home);
	else
		return;
	f = fopen(path, "r");
	if (!f)
		return;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && text.len < 256 * 1024)
		sb_addn(&text, chunk, n);
	fclose(f);
	keymap_apply(km, sb_str(&text), path, problems);
	sb_free(&text);
}
