/*
 * circular.c — circulars (通报, Art 28–29): drafted by an office for its
 * area, naming departments and the grounds, numbered per area and year
 * when issued, and never changed after.  The document — UTF-8 text, or
 * RTF for WPS and Word — goes to standard output, or to the file --out
 * names.  That file is written with the user's own rights: the store's
 * group is held only while the store is opened (boundary.h), as for
 * `zone export --out`; an existing file is kept unless --force, a symbolic
 * link is never followed, and the document is readable by all (0644) as a
 * letter to send is.
 */
#include "inspect.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "govnet/banned.h"

#define CIRCULAR_TEXT_MAX 65536
/* Each character of the text as at most 16 bytes of RTF. */
#define CIRCULAR_RTF_MAX (16 * CIRCULAR_TEXT_MAX)
/* The heading's lines (issuer, 通报, number, title, with the blank lines
 * between), centred in a document. */
#define CIRCULAR_HEADING_LINES 8

static int64_t circular_id(struct gn_call *call)
{
	return gn_call_arg_int(call, "id", 0);
}

static int refuse_issued(struct gn_call *call)
{
	int64_t issued = 0;

	if (gn_call_query_int(call, &issued, "SELECT issued_at IS NOT NULL FROM inspect_circular WHERE id = ?1", "i",
			      circular_id(call)) < 0)
		return -1;
	if (issued)
		return gn_call_refuse(call, "通报 #%lld 已签发，不能修改（Art 28）", (long long)circular_id(call));
	return 0;
}

int inspect_circular_new(struct gn_call *call)
{
	int64_t org = gn_call_org_id(call);
	struct gn_org o;

	if (gn_call_org(call, org, &o))
		return -1;
	if (o.county_id != o.id && strcmp(o.kind, "city") != 0)
		return gn_call_refuse_field(call, "org", "发文地区（--org）应为市或县区（功能板块）：%s 不是", o.name);
	if (gn_call_check_decider(call, org, 0, "Art 28") ||
	    gn_call_exec(call, "INSERT INTO inspect_circular(org_id, title, created_at, created_by) VALUES (?1, ?2, ?3, ?4)",
			 "ittt", org, gn_call_arg(call, "title"), gn_call_now(call), gn_call_login(call)))
		return -1;
	gn_call_set_id(call, gn_call_last_insert_id(call));
	return 0;
}

int inspect_circular_add(struct gn_call *call)
{
	int64_t dept = gn_call_arg_org(call, "dept"), inspection = gn_call_arg_int(call, "inspection", 0), owner = 0;
	int64_t obstructed = 0;
	struct gn_org o;

	if (dept < 0 || refuse_issued(call) || gn_call_org(call, dept, &o))
		return -1;
	if (!gn_call_in_scope(call, dept))
		return gn_call_refuse_field(call, "dept", "被通报部门（--dept）%s 超出本主管部门的权限范围", o.name);
	if (strcmp(o.kind, "dept") != 0 && strcmp(o.kind, "unit") != 0)
		return gn_call_refuse_field(call, "dept", "被通报部门（--dept）应为接入部门或单位：%s 是 %s", o.name, o.kind);
	if (inspection) {
		if (gn_call_query_int(call, &owner, "SELECT org_id FROM inspect_inspection WHERE id = ?1", "i",
				      inspection) < 0)
			return -1;
		if (owner != dept)
			return gn_call_refuse_field(call, "inspection", "相关检查（--inspection）#%lld 不是对 %s 的检查",
						    (long long)inspection, o.name);
	}
	if (strcmp(gn_call_arg(call, "ground"), "obstruct") == 0) {
		if (inspection && gn_call_query_int(call, &obstructed,
						    "SELECT state = 'obstructed' FROM inspect_inspection WHERE id = ?1",
						    "i", inspection) < 0)
			return -1;
		if (!obstructed)
			return gn_call_refuse_field_next(call, "inspection", "inspect", "obstruct", inspection,
							 "以拒绝或阻碍检查通报（Art 29(2)），须给出已记录阻碍的检查"
							 "（--inspection：记录了「拒绝或阻碍检查」的检查）");
	}
	return gn_call_exec(call,
			    "INSERT INTO inspect_circular_dept(circular_id, dept_id, ground, facts, inspection_id)"
			    " VALUES (?1, ?2, ?3, ?4, nullif(?5, 0))",
			    "iitti", circular_id(call), dept, gn_call_arg(call, "ground"), gn_call_arg(call, "facts"),
			    inspection);
}

int inspect_circular_issue(struct gn_call *call)
{
	int64_t id = circular_id(call), named = 0;
	struct gn_org o;
	char year[5];

	if (refuse_issued(call) || gn_call_org(call, gn_call_org_id(call), &o) ||
	    gn_call_query_int(call, &named, "SELECT count(*) FROM inspect_circular_dept WHERE circular_id = ?1", "i",
			      id) < 0)
		return -1;
	if (!named)
		return gn_call_refuse_field_next(call, "ground", "inspect", "circular add", id,
						 "通报 #%lld 未列明任何部门及通报事由（--ground）", (long long)id);
	snprintf(year, sizeof year, "%.4s", gn_call_now(call));
	return gn_call_exec(call,
			    "UPDATE inspect_circular SET year = ?2, issued_at = ?3, issued_by = ?4,"
			    " seq = (SELECT coalesce(max(seq), 0) + 1 FROM inspect_circular WHERE org_id = ?5 AND year = ?2),"
			    " number = ?6 || '政外通〔' || ?2 || '〕'"
			    "   || (SELECT coalesce(max(seq), 0) + 1 FROM inspect_circular WHERE org_id = ?5 AND year = ?2) || '号'"
			    " WHERE id = ?1",
			    "ittti" "t", id, year, gn_call_now(call), gn_call_login(call), o.id, o.name);
}

static const struct inspect_ground *ground_named(const char *name)
{
	for (const struct inspect_ground *g = inspect_grounds; name && g->name; g++)
		if (strcmp(g->name, name) == 0)
			return g;
	return NULL;
}

/* What the order behind an inspection requires: its findings and deadline. */
static void add_order(struct gn_call *call, char *text, size_t size, int64_t inspection)
{
	size_t len = strlen(text);
	sqlite3_stmt *st = gn_call_query(call,
		"SELECT r.title, r.article, r.severity_title, r.finding, coalesce(d.due, '')"
		" FROM inspect_result r LEFT JOIN inspect_order d ON d.inspection_id = r.inspection_id"
		" WHERE r.inspection_id = ?1 AND r.result = 'fail' ORDER BY r.id", "i", inspection);
	const char *due = NULL;

	if (!st)
		return;
	while (sqlite3_step(st) == SQLITE_ROW && len < size) {
		len += (size_t)snprintf(text + len, size - len, "    问题（%s）：%s（%s）——%s\n",
					(const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 0),
					(const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 3));
		due = (const char *)sqlite3_column_text(st, 4);
		if (len < size && due && *due)
			len += (size_t)snprintf(text + len, size - len, "    整改要求：于 %s 前完成整改并报送整改情况（Art 28）。\n", due);
	}
	gn_call_done(call, st);
}

/* Facts are several lines of the user's text: keep the line breaks, and
 * no other control character, from reaching a terminal or a document. */
static void strip_controls(char *text)
{
	for (unsigned char *p = (unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			*p = ' ';
}

/* The document into the file --out names, with the user's own rights. */
static int write_out(struct gn_call *call, const char *path, const char *doc)
{
	int force = gn_call_arg(call, "force") != NULL;
	size_t len = strlen(doc), done = 0;
	char said[160];
	int fd, rc = 0;

	fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | (force ? O_TRUNC : O_EXCL), 0644);
	if (fd < 0 && errno == EEXIST)
		return gn_call_refuse_field(call, "out", "文件（--out）%s 已存在，未作改动；要覆盖请加 --force", path);
	if (fd < 0)
		return gn_call_refuse_field(call, "out", "无法写入文件（--out）%s：%s", path,
					    errno == ELOOP ? "它是符号链接" : strerror(errno));
	/* The umask keeps what govnet makes from others; a circular is sent. */
	if (fchmod(fd, 0644) != 0)
		rc = -1;
	while (rc == 0 && done < len) {
		ssize_t n = write(fd, doc + done, len - done);
		if (n < 0 && errno != EINTR)
			rc = -1;
		done += n > 0 ? (size_t)n : 0;
	}
	if (rc == 0 && fsync(fd) != 0)
		rc = -1;
	if (close(fd) != 0)
		rc = -1;
	if (rc) {
		int saved = errno;
		unlink(path);
		return gn_call_refuse_field(call, "out", "写入文件（--out）%s 失败：%s", path, strerror(saved));
	}
	snprintf(said, sizeof said, "通报已写入 %.100s\n", path);
	gn_call_emit_text(call, said);
	return 0;
}

static int emit(struct gn_call *call, char *text)
{
	const char *format = gn_call_arg(call, "format"), *out = gn_call_arg(call, "out");
	char *rtf;
	int rc;

	strip_controls(text);
	if (!format || strcmp(format, "rtf") != 0) {
		if (out)
			return write_out(call, out, text);
		gn_call_emit_text(call, text);
		return 0;
	}
	if (!(rtf = malloc(CIRCULAR_RTF_MAX)))
		return gn_call_refuse(call, "内存不足");
	if (inspect_rtf(text, CIRCULAR_HEADING_LINES, rtf, CIRCULAR_RTF_MAX)) {
		free(rtf);
		return gn_call_refuse_field(call, "format", "通报太长，无法输出为 RTF");
	}
	rc = out ? write_out(call, out, rtf) : 0;
	if (!out)
		gn_call_emit_text(call, rtf);
	free(rtf);
	return rc;
}

/* The circular as a document an office can send. */
int inspect_circular_print(struct gn_call *call)
{
	static char text[CIRCULAR_TEXT_MAX];
	int64_t id = circular_id(call);
	size_t len = 0;
	int n = 0;
	sqlite3_stmt *st;
	struct gn_org o;

	if (gn_call_org(call, gn_call_org_id(call), &o) ||
	    !(st = gn_call_query(call, "SELECT title, coalesce(number, '（草稿，未签发）'), coalesce(substr(issued_at, 1, 10), '')"
				       " FROM inspect_circular WHERE id = ?1", "i", id)))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		len = (size_t)snprintf(text, sizeof text,
				       "%s政务外网主管部门\n\n通  报\n\n%s\n\n%s\n\n各有关部门、单位：\n"
				       "    根据《连云港市电子政务外网管理细则（试行）》第二十八条、第二十九条，现将有关情况通报如下：\n\n",
				       o.name, (const char *)sqlite3_column_text(st, 1),
				       (const char *)sqlite3_column_text(st, 0));
	char issued[11];
	snprintf(issued, sizeof issued, "%s", sqlite3_column_text(st, 2) ? (const char *)sqlite3_column_text(st, 2) : "");
	gn_call_done(call, st);

	if (!(st = gn_call_query(call, "SELECT d.name, n.ground, n.facts, coalesce(n.inspection_id, 0)"
				       " FROM inspect_circular_dept n JOIN org d ON d.id = n.dept_id"
				       " WHERE n.circular_id = ?1 ORDER BY n.id", "i", id)))
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW && len < sizeof text) {
		const struct inspect_ground *g = ground_named((const char *)sqlite3_column_text(st, 1));
		int64_t inspection = sqlite3_column_int64(st, 3);
		len += (size_t)snprintf(text + len, sizeof text - len, "%d. %s：%s（%s）\n    %s\n", ++n,
					(const char *)sqlite3_column_text(st, 0), g ? g->title : "",
					g ? g->article : "", (const char *)sqlite3_column_text(st, 2));
		if (inspection && len < sizeof text)
			add_order(call, text + len, sizeof text - len, inspection);
		len = strlen(text);
	}
	gn_call_done(call, st);
	if (len < sizeof text)
		snprintf(text + len, sizeof text - len,
			 "\n    请被通报部门、单位认真落实网络安全责任，按期完成整改。\n\n%s政务外网主管部门\n%s\n", o.name,
			 issued);
	return emit(call, text);
}
