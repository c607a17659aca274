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

/* The widest a value of v's kind can be, when its kind bounds it: an IPv4
 * address or CIDR (255.255.255.255/32), an IPv6 one; else 0.  A column of
 * them is that wide from its first row on, so a streamed table's batches
 * align. */
static size_t kind_width(const char *v)
{
	size_t dots = 0, colons = 0;

	if (!*v || strlen(v) > 43)
		return 0;
	for (const char *p = v; *p; p++) {
		if (*p == '.')
			dots++;
		else if (*p == ':')
			colons++;
		else if (!strchr("0123456789abcdefABCDEF/", *p))
			return 0;
	}
	if (colons == 0 && dots == 3 && !strpbrk(v, "abcdefABCDEF"))
		return 18;
	if (colons >= 2 && (strchr(v, '/') || strstr(v, "::")))
		return 43;
	return 0;
}

/* w[c]: at least the widest of t's rows and labels in column c. */
static void widen(const struct table *t, size_t *w)
{
	for (size_t c = 0; c < t->ncols; c++) {
		size_t lw = utf8_width(t->labels[c]);
		if (lw > w[c])
			w[c] = lw;
		for (size_t r = 0; r < t->nrows; r++) {
			size_t cw = utf8_width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	}
}

/* key[c]: whether every value of t's column c is an identifier. */
static void find_keys(const struct table *t, unsigned char *key)
{
	for (size_t c = 0; c < t->ncols; c++) {
		key[c] = 1;
		for (size_t r = 0; r < t->nrows && key[c]; r++)
			key[c] = (unsigned char)utf8_is_identifier(t->cells[r * t->ncols + c]);
	}
}

/* The widest a cell may be on a terminal `columns` wide, t's columns as
 * wide as w: unlimited when they fit, else TABLE_CELL_CUT for free text;
 * identifiers (key) are never cut. */
#define TABLE_CELL_CUT 40

static size_t cell_limit(FILE *out, const struct table *t, const size_t *w)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	long columns = 0;
	size_t total = 0;
	/* The command line's stdout shows control characters instead of
	 * obeying them (utf8_safe_stream): a stream of no descriptor of its
	 * own, writing to descriptor 1. */
	int fd = fileno(out) >= 0 ? fileno(out) : out == stdout ? STDOUT_FILENO : -1;

	if (fd < 0 || !isatty(fd))
		return SIZE_MAX;
	if (env && *env)
		columns = strtol(env, NULL, 10);
	if (columns <= 0 && ioctl(fd, TIOCGWINSZ, &ws) == 0)
		columns = ws.ws_col;
	if (columns <= 0)
		return TABLE_CELL_CUT;
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c] + 2;
	return total <= (size_t)columns ? SIZE_MAX : TABLE_CELL_CUT;
}

/* One line: the labels (row NULL) or a row's cells, in columns w wide,
 * free text cut at max. */
static void print_line(FILE *out, const struct table *t, const size_t *w, const unsigned char *key, size_t max,
		       char *const *row)
{
	for (size_t c = 0; c < t->ncols; c++) {
		size_t m = key && key[c] ? SIZE_MAX : max;
		const char *s = row ? row[c] : t->labels[c];
		print_cell(out, s, w[c] > m ? m : w[c], m, row && t->right[c], c + 1 == t->ncols);
	}
	fputc('\n', out);
}

void table_print(FILE *out, const struct table *t, size_t max)
{
	size_t *w = xcalloc(t->ncols ? t->ncols : 1, sizeof *w);
	unsigned char *key = xcalloc(t->ncols ? t->ncols : 1, 1);

	widen(t, w);
	if (max != SIZE_MAX)
		find_keys(t, key);
	print_line(out, t, w, key, max, NULL);
	for (size_t r = 0; r < t->nrows; r++)
		print_line(out, t, w, key, max, t->cells + r * t->ncols);
	free(key);
	free(w);
}

size_t table_cell_limit(FILE *out, const struct table *t)
{
	size_t *w = xcalloc(t->ncols ? t->ncols : 1, sizeof *w), max;

	widen(t, w);
	max = cell_limit(out, t, w);
	free(w);
	return max;
}

/* ---- a table printed as its rows come ------------------------------------- */

void table_stream_start(struct table_stream *s, FILE *out, size_t ncols, const char **labels)
{
	memset(s, 0, sizeof *s);
	table_init(&s->t, ncols, labels);
	s->out = out;
	s->w = xcalloc(ncols ? ncols : 1, sizeof *s->w);
	s->key = xcalloc(ncols ? ncols : 1, 1);
	s->kind = xcalloc(ncols ? ncols : 1, sizeof *s->kind);
	for (size_t c = 0; c < ncols; c++) {
		s->key[c] = 1;
		s->kind[c] = SIZE_MAX;
	}
}

/* What the held row r tells of its columns: their widths, whether they
 * hold identifiers, the kind of value they hold. */
static void stream_measure(struct table_stream *s, size_t r)
{
	for (size_t c = 0; c < s->t.ncols; c++) {
		const char *v = s->t.cells[r * s->t.ncols + c];
		size_t cw = utf8_width(v), kw = kind_width(v);
		if (cw > s->w[c])
			s->w[c] = cw;
		if (s->key[c] && !utf8_is_identifier(v))
			s->key[c] = 0;
		s->kind[c] = s->kind[c] == SIZE_MAX || s->kind[c] == kw ? kw : 0;
	}
}

/* The held rows onto the spool, each cell ended by its NUL (a cell holds
 * none), and let go.  A write that fails sets the spool's error, which
 * table_stream_end reports. */
static void stream_spool(struct table_stream *s)
{
	struct table *t = &s->t;

	for (size_t i = 0; i < t->nrows * t->ncols; i++) {
		fwrite(t->cells[i], 1, strlen(t->cells[i]) + 1, s->spool);
		free(t->cells[i]);
	}
	t->nrows = 0;
}

void table_stream_add(struct table_stream *s, const char *const *cells)
{
	table_add_strings(&s->t, cells);
	stream_measure(s, s->t.nrows - 1);
	s->rows++;
	if (s->t.nrows < TABLE_STREAM_BATCH || !s->t.ncols)
		return;
	/* A full batch: past it, rows wait in a file, not in memory.  An
	 * answer of one batch makes no file.  Without a temporary file the
	 * rows stay held — the table is still whole and aligned. */
	if (!s->spool && !s->unspooled && !(s->spool = tmpfile()))
		s->unspooled = 1;
	if (s->spool)
		stream_spool(s);
}

/* The spooled rows printed, read back one at a time; -1 when the file
 * failed or gave back fewer rows than it was given. */
static int stream_print_spool(struct table_stream *s, size_t max)
{
	struct table *t = &s->t;
	size_t n = t->ncols ? t->ncols : 1, want = s->rows - t->nrows, got = 0, c = 0;
	char **row = xcalloc(n, sizeof *row);
	size_t *cap = xcalloc(n, sizeof *cap);
	int rc = fflush(s->spool) == 0 && !ferror(s->spool) ? 0 : -1;

	rewind(s->spool);
	while (rc == 0 && got < want && getdelim(&row[c], &cap[c], '\0', s->spool) > 0) {
		if (++c < t->ncols)
			continue;
		print_line(s->out, t, s->w, s->key, max, row);
		got++;
		c = 0;
	}
	for (c = 0; c < n; c++)
		free(row[c]);
	free(row);
	free(cap);
	return rc == 0 && got == want && !ferror(s->spool) ? 0 : -1;
}

int table_stream_end(struct table_stream *s)
{
	struct table *t = &s->t;
	size_t max;
	int rc = 0;

	if (s->out) {
		for (size_t c = 0; c < t->ncols; c++)
			if (s->kind[c] != SIZE_MAX && s->kind[c] > s->w[c])
				s->w[c] = s->kind[c];
		widen(t, s->w); /* the labels */
		max = cell_limit(s->out, t, s->w);
		print_line(s->out, t, s->w, s->key, max, NULL);
		if (s->spool)
			rc = stream_print_spool(s, max);
		for (size_t r = 0; rc == 0 && r < t->nrows; r++)
			print_line(s->out, t, s->w, s->key, max, t->cells + r * t->ncols);
		fflush(s->out);
	}
	table_stream_free(s);
	return rc;
}

void table_stream_free(struct table_stream *s)
{
	if (s->spool)
		fclose(s->spool);
	for (size_t k = 0; k < s->nkeys; k++)
		free(s->keys[k]);
	free(s->keys);
	free(s->w);
	free(s->key);
	free(s->kind);
	table_free(&s->t);
	memset(s, 0, sizeof *s);
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

/* The columns an answer's rows show, from its first row: keys[k] (owned by
 * first) under labels[k]; returns how many (at most TABLE_ROW_COLUMNS). */
#define TABLE_ROW_COLUMNS 64

static size_t row_columns(json_t *first, const struct gn_plugin *c, const char **keys, const char **labels)
{
	const char *key;
	json_t *v;
	size_t n = 0;

	json_object_foreach(first, key, v) {
		char titled[128];
		size_t len = strlen(key);
		/* A code with its title beside: the title is shown, under the
		 * code's label.  X_shown stands in X's place in any row. */
		snprintf(titled, sizeof titled, "%s_title", key);
		if (json_object_get(first, titled) || (len > 6 && strcmp(key + len - 6, "_shown") == 0) ||
		    n == TABLE_ROW_COLUMNS)
			continue;
		keys[n] = key;
		labels[n++] = c ? component_label(c, key) : key;
	}
	return n;
}

/* A row's cells under keys[0..n), as people read them (bufs hold numbers). */
static void row_cells(json_t *row, const char *const *keys, size_t n, const char **cells, char (*bufs)[48])
{
	for (size_t k = 0; k < n; k++) {
		char shown[128];
		json_t *v;
		snprintf(shown, sizeof shown, "%s_shown", keys[k]);
		v = json_object_get(row, shown);
		cells[k] = v ? json_string_value(v) : cell_text(json_object_get(row, keys[k]), bufs[k], sizeof bufs[k]);
	}
}

void table_from_rows(struct table *t, json_t *rows, const struct gn_plugin *c)
{
	const char *keys[TABLE_ROW_COLUMNS], *cells[TABLE_ROW_COLUMNS];
	const char **labels = xcalloc(TABLE_ROW_COLUMNS, sizeof *labels);
	char bufs[TABLE_ROW_COLUMNS][48];
	size_t n = row_columns(json_array_get(rows, 0), c, keys, labels), i;
	json_t *row;

	table_init(t, n, labels);
	t->own_labels = labels;
	json_array_foreach(rows, i, row) {
		row_cells(row, keys, n, cells, bufs);
		table_add_strings(t, cells);
	}
}

void table_stream_rows(struct table_stream *s, FILE *out, const struct gn_plugin *c)
{
	memset(s, 0, sizeof *s);
	s->rows_out = out;
	s->component = c;
}

void table_stream_row(json_t *row, void *data)
{
	struct table_stream *s = data;
	const char *cells[TABLE_ROW_COLUMNS];
	char bufs[TABLE_ROW_COLUMNS][48];

	if (!s->out) { /* the first row: the columns */
		const char *keys[TABLE_ROW_COLUMNS];
		const char **labels = xcalloc(TABLE_ROW_COLUMNS, sizeof *labels);
		FILE *out = s->rows_out;
		const struct gn_plugin *c = s->component;
		size_t n = row_columns(row, c, keys, labels);

		table_stream_start(s, out, n, labels);
		s->t.own_labels = labels;
		s->rows_out = out;
		s->component = c;
		s->keys = xcalloc(n ? n : 1, sizeof *s->keys);
		for (s->nkeys = 0; s->nkeys < n; s->nkeys++) {
			s->keys[s->nkeys] = xstrdup(keys[s->nkeys]);
			/* A column without a label is headed by its name: the
			 * copy, which outlives this row. */
			if (labels[s->nkeys] == keys[s->nkeys])
				labels[s->nkeys] = s->keys[s->nkeys];
		}
	}
	row_cells(row, (const char *const *)s->keys, s->nkeys, cells, bufs);
	table_stream_add(s, cells);
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

/* Each element as json_print indents it inside its array: its own lines
 * two columns further in. */
void json_stream_row(json_t *row, void *data)
{
	struct json_stream *js = data;
	char *text = json_dumps(row, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	fputs(js->rows++ ? ",\n  " : "[\n  ", js->out);
	for (const char *p = text; p && *p; p++) {
		fputc(*p, js->out);
		if (*p == '\n')
			fputs("  ", js->out);
	}
	free(text);
}

void json_stream_end(struct json_stream *js)
{
	fputs(js->rows ? "\n]\n" : "[]\n", js->out);
	fflush(js->out);
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
