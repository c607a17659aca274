/* report_view.c — see report_view.h. */
#include "config.h"
#include "report_view.h"

#include <stdio.h>
#include <string.h>
#include "../core/strbuf.h"
#include "../core/utf8.h"
#include "govnet/banned.h"

int report_has_items(json_t *section)
{
	size_t i;
	json_t *r;

	json_array_foreach(json_object_get(section, "rows"), i, r)
		if (json_is_string(json_object_get(r, "item")))
			return 1;
	return 0;
}

int report_several_orgs(json_t *section)
{
	size_t i;
	json_t *r;

	json_array_foreach(json_object_get(section, "rows"), i, r)
		if (!json_is_true(json_object_get(r, "total")))
			return 1;
	return 0;
}

void report_org_label(json_t *row, int several, char *out, size_t size)
{
	snprintf(out, size, "%s%s", json_string_value(json_object_get(row, "org")),
		 several && json_is_true(json_object_get(row, "total")) ? "（合计）" : "");
}

void report_value_text(json_t *v, char *out, size_t size)
{
	if (json_is_integer(v))
		snprintf(out, size, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v) && json_real_value(v) >= 1e15)
		snprintf(out, size, "%.3g", json_real_value(v));
	else if (json_is_real(v))
		snprintf(out, size, "%.1f", json_real_value(v));
	else
		snprintf(out, size, "—");
}

double report_value(json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : -1;
}

json_t *report_on_time_by_org(json_t *doc)
{
	json_t *out = json_array(), *sec, *r;
	size_t i, k;

	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		if (strcmp(json_string_value(json_object_get(sec, "section")), "deadlines") != 0)
			continue;
		json_array_foreach(json_object_get(sec, "rows"), k, r) {
			json_int_t org_id = json_integer_value(json_object_get(r, "org_id"));
			json_t *values = json_object_get(r, "values"), *o = NULL, *x;
			size_t j;
			json_array_foreach(out, j, x)
				if (json_integer_value(json_object_get(x, "org_id")) == org_id)
					o = x;
			if (!o) {
				o = json_pack("{s:O, s:I, s:O, s:i, s:i}", "org", json_object_get(r, "org"), "org_id",
					      org_id, "total", json_object_get(r, "total"), "closed", 0, "on_time", 0);
				json_array_append_new(out, o);
			}
			json_object_set_new(o, "closed", json_integer(json_integer_value(json_object_get(o, "closed")) +
								      json_integer_value(json_object_get(values, "closed"))));
			json_object_set_new(o, "on_time", json_integer(json_integer_value(json_object_get(o, "on_time")) +
								       json_integer_value(json_object_get(values, "on_time"))));
		}
	}
	json_array_foreach(out, i, r) {
		json_int_t closed = json_integer_value(json_object_get(r, "closed"));
		json_object_set_new(r, "on_time_pct",
				    closed ? json_real((double)(int)(1000.0 * json_integer_value(json_object_get(r, "on_time")) /
								   closed + 0.5) / 10.0)
					   : json_null());
	}
	return out;
}

/* The column a section's bars show: its first share ("…_pct"), else its
 * first figure. */
static const char *bar_column(json_t *sec, int *share)
{
	json_t *c;
	size_t i;

	*share = 0;
	json_array_foreach(json_object_get(sec, "columns"), i, c) {
		const char *key = json_string_value(json_object_get(c, "key"));
		size_t n = strlen(key);
		if (n > 4 && strcmp(key + n - 4, "_pct") == 0) {
			*share = 1;
			return key;
		}
	}
	c = json_array_get(json_object_get(sec, "columns"), 0);
	return c ? json_string_value(json_object_get(c, "key")) : NULL;
}

static void add_bar(struct strbuf *sb, double part, double whole)
{
	int cells = whole > 0 && part > 0 ? (int)(10.0 * part / whole + 0.5) : 0;

	if (cells > 10)
		cells = 10;
	for (int i = 0; i < 10; i++)
		sb_add(sb, i < cells ? "█" : "░");
}

/* Text padded with blanks to width display cells. */
static void add_padded(struct strbuf *sb, const char *text, size_t width)
{
	size_t w = utf8_width(text);

	sb_add(sb, text);
	for (; w < width; w++)
		sb_addch(sb, ' ');
}

char *report_bars_text(json_t *doc, const char *how)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *sec, *r, *c;
	size_t i, k, j;

	sb_addf(&sb, "%s 月报：%s", json_string_value(json_object_get(doc, "month")),
		json_string_value(json_object_get(doc, "org")));
	sb_addf(&sb, how ? "（%s）\n" : "\n", how);
	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		int share, items = report_has_items(sec), several = report_several_orgs(sec);
		const char *key = bar_column(sec, &share);
		double most = 0;
		sb_addf(&sb, "\n%s\n", json_string_value(json_object_get(sec, "title")));
		if (!json_array_size(json_object_get(sec, "rows"))) {
			sb_add(&sb, "  （本月无）\n");
			continue;
		}
		json_array_foreach(json_object_get(sec, "rows"), k, r) {
			double v = report_value(json_object_get(json_object_get(r, "values"), key));
			if (v > most)
				most = v;
		}
		json_array_foreach(json_object_get(sec, "rows"), k, r) {
			json_t *values = json_object_get(r, "values");
			char label[256], text[64];
			if (items)
				snprintf(label, sizeof label, "%s%s%s", several ? json_string_value(json_object_get(r, "org")) : "",
					 several ? " " : "", json_string_value(json_object_get(r, "item_title")));
			else
				report_org_label(r, several, label, sizeof label);
			sb_add(&sb, "  ");
			add_padded(&sb, label, items ? 22 : 16);
			sb_add(&sb, " ");
			add_bar(&sb, report_value(json_object_get(values, key)), share ? 100.0 : most);
			json_array_foreach(json_object_get(sec, "columns"), j, c) {
				const char *ck = json_string_value(json_object_get(c, "key"));
				report_value_text(json_object_get(values, ck), text, sizeof text);
				sb_addf(&sb, " %s %s", json_string_value(json_object_get(c, "title")), text);
			}
			sb_addch(&sb, '\n');
		}
	}
	return sb_detach(&sb);
}
