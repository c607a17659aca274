#include "config.h"
#include "table.h"
#include "../core/registry.h"
#include "../core/strbuf.h"
#include "../core/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "govnet/banned.h"

void table_init(struct table *t, size_t ncols, const char **labels)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->labels = labels;
	t->right = xcalloc(ncols, sizeof *t->right);
}

void table_add_row(struct table *t, sqlite3_stmt *st, int first_col)
{
	const char *cells[64];

	for (size_t i = 0; i < t->ncols && i < 64; i++)
		cells[i] = (const char *)sqlite3_column_text(st, first_col + (int)i);
	table_add_strings(t, cells);
}

void table_add_strings(struct table *t, const char *const *cells)
{
	t->cells = xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
	for (size_t i = 0; i < t->ncols; i++) {
		char *s = xstrdup(cells[i] ? cells[i] : "");
		/* One line per row: newlines and tabs become spaces. */
		for (char *p = s; *p; p++)
			if (*p == '\n' || *p == '\t' || *p == '\r')
				*p = ' ';
		t->cells[t->nrows * t->ncols + i] = s;
	}
	t->nrows++;
}

static void print_cell(FILE *out, const char *s, size_t width, size_t max, int right, int last)
{
	size_t used, n;

	if (utf8_width(s) > max) {
		n = utf8_fit(s, max - 1, &used);
		fwrite(s, 1, n, out);
		fputs("…", out);
		used += 1;
	} else {
		used = utf8_width(s);
		if (right)
			for (size_t i = used; i < width; i++)
				fputc(' ', out);
		fputs(s, out);
		if (right)
			used = width;
	}
	if (!last)
		for (size_t i = used; i < width + 2; i++)
			fputc(' ', out);
}

void table_print(FILE *out, const struct table *t, size_t max)
{
	size_t *w = xcalloc(t->ncols, sizeof *w);

	for (size_t c = 0; c < t->ncols; c++) {
		w[c] = utf8_width(t->labels[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t cw = utf8_width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
		if (w[c] > max)
			w[c] = max;
	}
	for (size_t c = 0; c < t->ncols; c++)
		print_cell(out, t->labels[c], w[c], max, 0, c + 1 == t->ncols);
	fputc('\n', out);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			print_cell(out, t->cells[r * t->ncols + c], w[c], max, t->right[c], c + 1 == t->ncols);
		fputc('\n', out);
	}
	free(w);
}

#define TABLE_CELL_CUT 40

size_t table_cell_limit(FILE *out, const struct table *t)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	long columns = 0;
	size_t total = 0;

	if (!isatty(fileno(out)))
		return SIZE_MAX;
	if (env && *env)
		columns = strtol(env, NULL, 10);
	if (columns <= 0 && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0)
		columns = ws.ws_col;
	if (columns <= 0)
		return TABLE_CELL_CUT;
	for (size_t c = 0; c < t->ncols; c++) {
		size_t w = utf8_width(t->labels[c]);
		for (size_t r = 0; r < t->nrows; r++) {
			size_t cw = utf8_width(t->cells[r * t->ncols + c]);
			if (cw > w)
				w = cw;
		}
		total += w + 2;
	}
	return total <= (size_t)columns ? SIZE_MAX : TABLE_CELL_CUT;
}

/* A typed answer's value as people read it (gn_call_emit_typed). */
static const char *cell_text(json_t *v, char *buf, size_t size)
{
	if (json_is_integer(v))
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, size, "%.15g", json_real_value(v));
	else if (json_is_boolean(v))
		snprintf(buf, size, "%s", json_is_true(v) ? "是" : "否");
	else
		return json_string_value(v);
	return buf;
}

void table_from_rows(struct table *t, json_t *rows, const struct gn_plugin *c)
{
	json_t *first = json_array_get(rows, 0), *row, *v;
	size_t n = json_object_size(first), k, i;
	const char **keys = xcalloc(n ? n : 1, sizeof *keys), **cells = xcalloc(n ? n : 1, sizeof *cells);
	const char **labels = xcalloc(n ? n : 1, sizeof *labels);
	char (*bufs)[48] = xcalloc(n ? n : 1, sizeof *bufs);
	const char *key;

	n = 0;
	json_object_foreach(first, key, v) {
		char titled[128];
		size_t len = strlen(key);
		/* A code with its title beside: the title is shown, under the
		 * code's label.  X_shown stands in X's place in any row. */
		snprintf(titled, sizeof titled, "%s_title", key);
		if (json_object_get(first, titled) || (len > 6 && strcmp(key + len - 6, "_shown") == 0))
			continue;
		keys[n] = key;
		labels[n++] = c ? component_label(c, key) : key;
	}
	table_init(t, n, labels);
	t->own_labels = labels;
	json_array_foreach(rows, i, row) {
		for (k = 0; k < n; k++) {
			char shown[128];
			snprintf(shown, sizeof shown, "%s_shown", keys[k]);
			v = json_object_get(row, shown);
			cells[k] = v ? json_string_value(v) : cell_text(json_object_get(row, keys[k]), bufs[k], sizeof bufs[k]);
		}
		table_add_strings(t, cells);
	}
	free(bufs);
	free(cells);
	free(keys);
}

void table_free(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->right);
	free(t->own_labels);
	memset(t, 0, sizeof *t);
}

static int skipped(const char *name, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (strcmp(*skip, name) == 0)
			return 1;
	return 0;
}

void json_print(FILE *out, json_t *v)
{
	json_dumpf(v, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
}

int record_column_titled(sqlite3_stmt *st, int i)
{
	const char *name = sqlite3_column_name(st, i);
	size_t n = strlen(name);

	if (strcmp(name, "state") == 0)
		return 0;
	for (int k = 0; k < sqlite3_column_count(st); k++) {
		const char *other = sqlite3_column_name(st, k);
		if (strncmp(other, name, n) == 0 && strcmp(other + n, "_title") == 0)
			return 1;
	}
	return 0;
}

void print_record(FILE *out, sqlite3_stmt *st, const char *const *skip, const struct gn_plugin *c)
{
	size_t w = 0;

	/* Each field under the label the console shows it with. */
	for (int i = 0; i < sqlite3_column_count(st); i++) {
		const char *name = sqlite3_column_name(st, i);
		const char *label = c ? component_label(c, name) : name;
		if (!skipped(name, skip) && !record_column_titled(st, i) && utf8_width(label) > w)
			w = utf8_width(label);
	}
	for (int i = 0; i < sqlite3_column_count(st); i++) {
		const char *name = sqlite3_column_name(st, i);
		const char *label = c ? component_label(c, name) : name;
		const unsigned char *v = sqlite3_column_text(st, i);
		if (skipped(name, skip) || record_column_titled(st, i))
			continue;
		fputs(label, out);
		for (size_t k = utf8_width(label); k < w + 2; k++)
			fputc(' ', out);
		/* A value of several lines (a timeline) keeps to its column. */
		for (const char *p = v ? (const char *)v : "", *nl; *p; p = nl + 1) {
			if (!(nl = strchr(p, '\n'))) {
				fputs(p, out);
				break;
			}
			fprintf(out, "%.*s\n%*s", (int)(nl - p), p, nl[1] ? (int)(w + 2) : 0, "");
		}
		fputc('\n', out);
	}
}
