/*
 * net.c — libcurl wrappers (net.h).  One easy handle per transfer: the
 * command line makes a handful, so connection reuse is not worth the
 * state it would keep.  A delivery pass runs its transfers side by side
 * through libcurl's multi interface (net_multi), one per channel.
 */
#include "config.h"
#include "net.h"
#include "utf8.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stddef.h>
#include <nettle/base64.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "govnet/banned.h"

/* What a webhook's answer may add to an error message. */
#define NET_ANSWER_KEEP 4096
#define NET_ANSWER_SHOWN 120

/*
 * libcurl is loaded on the first transfer instead of being linked: its
 * thirty-odd dependencies (TLS, LDAP, Kerberos, SSH, HTTP/2 …) would cost
 * every command several milliseconds at start-up, and most commands never
 * touch the network.  The ABI behind the SONAME libcurl.so.4 is stable;
 * Debian ships it in three TLS flavours, any of which will do.
 */
static const char *const libcurl_names[] = { "libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4",
					      "libcurl.so", NULL };

static struct {
	void *handle;
	CURLcode (*global_init)(long flags);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *c, CURLoption option, ...);
	CURLcode (*easy_perform)(CURL *c);
	CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *c);
	const char *(*easy_strerror)(CURLcode rc);
	struct curl_slist *(*slist_append)(struct curl_slist *list, const char *s);
	void (*slist_free_all)(struct curl_slist *list);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_add_handle)(CURLM *m, CURL *c);
	CURLMcode (*multi_remove_handle)(CURLM *m, CURL *c);
	CURLMcode (*multi_perform)(CURLM *m, int *running);
	CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd *fds, unsigned n, int timeout_ms, int *ready);
	CURLMsg *(*multi_info_read)(CURLM *m, int *left);
	CURLMcode (*multi_cleanup)(CURLM *m);
} lib;

static int bind_symbols(void *h)
{
	static const struct {
		const char *name;
		size_t offset;
	} symbols[] = {
		{ "curl_global_init", offsetof(__typeof__(lib), global_init) },
		{ "curl_easy_init", offsetof(__typeof__(lib), easy_init) },
		{ "curl_easy_setopt", offsetof(__typeof__(lib), easy_setopt) },
		{ "curl_easy_perform", offsetof(__typeof__(lib), easy_perform) },
		{ "curl_easy_getinfo", offsetof(__typeof__(lib), easy_getinfo) },
		{ "curl_easy_cleanup", offsetof(__typeof__(lib), easy_cleanup) },
		{ "curl_easy_strerror", offsetof(__typeof__(lib), easy_strerror) },
		{ "curl_slist_append", offsetof(__typeof__(lib), slist_append) },
		{ "curl_slist_free_all", offsetof(__typeof__(lib), slist_free_all) },
		{ "curl_multi_init", offsetof(__typeof__(lib), multi_init) },
		{ "curl_multi_add_handle", offsetof(__typeof__(lib), multi_add_handle) },
		{ "curl_multi_remove_handle", offsetof(__typeof__(lib), multi_remove_handle) },
		{ "curl_multi_perform", offsetof(__typeof__(lib), multi_perform) },
		{ "curl_multi_poll", offsetof(__typeof__(lib), multi_poll) },
		{ "curl_multi_info_read", offsetof(__typeof__(lib), multi_info_read) },
		{ "curl_multi_cleanup", offsetof(__typeof__(lib), multi_cleanup) },
	};

	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
		void *f = dlsym(h, symbols[i].name);
		if (!f)
			return -1;
		memcpy((char *)&lib + symbols[i].offset, &f, sizeof f);
	}
	return 0;
}

static int net_init(struct gn_err *err)
{
	static int done, failed;
	static char why[256];
	CURLcode rc;

	if (done)
		return failed ? err_set(err, GN_REFUSED, "%s", why) : 0;
	done = failed = 1;
	for (const char *const *name = libcurl_names; *name && !lib.handle; name++)
		lib.handle = dlopen(*name, RTLD_NOW | RTLD_LOCAL);
	if (!lib.handle) {
		snprintf(why, sizeof why, "找不到网络库 libcurl（%s）；请安装 libcurl4", dlerror());
	} else if (bind_symbols(lib.handle)) {
		snprintf(why, sizeof why, "网络库 libcurl 缺少所需的函数（版本太旧？）");
	} else if ((rc = lib.global_init(CURL_GLOBAL_DEFAULT)) != CURLE_OK) {
		snprintf(why, sizeof why, "网络库 libcurl 无法初始化：%s", lib.easy_strerror(rc));
	} else {
		failed = 0;
	}
	return failed ? err_set(err, GN_REFUSED, "%s", why) : 0;
}

int net_is_http_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

int net_check_url(const char *url, const char *schemes, const char *what, struct gn_err *err)
{
	size_t len = strlen(url), scheme_len = strcspn(url, ":");
	const char *rest, *host_end, *at;
	int known = 0;

	if (!utf8_valid(url, len))
		return err_set(err, GN_REFUSED, "%s不是有效的 UTF-8 文本", what);
	if (len == 0 || len > NET_URL_MAX)
		return err_set(err, GN_REFUSED, "%s长度应在 1 到 %d 个字节之间", what, NET_URL_MAX);
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f)
			return err_set(err, GN_REFUSED, "%s含有空格或控制字符：\"%.80s\"", what, url);
	for (const char *s = schemes; *s;) {
		size_t n = strcspn(s, " ");
		if (n == scheme_len && strncmp(s, url, n) == 0)
			known = 1;
		s += n + (s[n] == ' ');
	}
	if (!known || strncmp(url + scheme_len, "://", 3) != 0 || !url[scheme_len + 3])
		return err_set(err, GN_REFUSED, "%s \"%.80s\" 不是 %s 地址", what, url, schemes);
	rest = url + scheme_len + 3;
	host_end = rest + strcspn(rest, "/?#");
	at = memchr(rest, '@', (size_t)(host_end - rest));
	if (at)
		return err_set(err, GN_REFUSED, "%s不要包含用户名或密码（它们会出现在列表和审计记录里）", what);
	return 0;
}

int net_check_addresses(const char *list, const char *what, struct gn_err *err)
{
	int n = 0;

	if (!utf8_valid(list, strlen(list)))
		return err_set(err, GN_REFUSED, "%s不是有效的 UTF-8 文本", what);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		const char *start = p, *at;
		while (len && *start == ' ')
			start++, len--;
		while (len && start[len - 1] == ' ')
			len--;
		at = memchr(start, '@', len);
		if (!len || !at || at == start || at == start + len - 1 || memchr(at + 1, '@', (size_t)(start + len - at - 1)))
			return err_set(err, GN_REFUSED, "%s \"%.80s\" 不是邮件地址的列表（如 a@example.cn, b@example.cn）", what,
				       list);
		for (size_t i = 0; i < len; i++)
			if ((unsigned char)start[i] <= 0x20 || strchr("<>()\",;:\\[]", start[i]))
				return err_set(err, GN_REFUSED, "%s \"%.80s\" 含有邮件地址里不允许的字符", what, list);
		n++;
		p = start + len;
		while (*p == ' ')
			p++;
		if (*p == ',')
			p++;
	}
	return n ? 0 : err_set(err, GN_REFUSED, "%s不能为空", what);
}

/* ---- transfers ---------------------------------------------------------- */

struct sink {
	struct strbuf *out;
	size_t max;
	int over;     /* more arrived than max */
	int truncate; /* keep the first max bytes and carry on (a webhook's answer) */
};

static size_t sink_write(char *p, size_t size, size_t n, void *data)
{
	struct sink *s = data;
	size_t len = size * n;

	if (s->out->len + len > s->max) {
		s->over = 1;
		if (!s->truncate)
			return 0; /* aborts the transfer */
		sb_addn(s->out, p, s->max - s->out->len);
		return len;
	}
	sb_addn(s->out, p, len);
	return len;
}

static CURL *easy_new(const char *url, const char *protocols, char *errbuf, long timeout_s, struct gn_err *err)
{
	CURL *c;

	if (net_init(err))
		return NULL;
	c = lib.easy_init();
	if (!c) {
		err_set(err, GN_REFUSED, "网络库 libcurl 无法创建连接");
		return NULL;
	}
	errbuf[0] = '\0';
	lib.easy_setopt(c, CURLOPT_URL, url);
	lib.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	lib.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	lib.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)NET_CONNECT_TIMEOUT_S);
	lib.easy_setopt(c, CURLOPT_TIMEOUT, timeout_s > 0 ? timeout_s : (long)NET_TOTAL_TIMEOUT_S);
	lib.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	lib.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	lib.easy_setopt(c, CURLOPT_USERAGENT, "govnet/" PACKAGE_VERSION);
#if LIBCURL_VERSION_NUM >= 0x075500
	/* Only the schemes asked for, redirects included; a libcurl too old to
	 * restrict them is not used at all. */
	if (lib.easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK ||
	    lib.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, protocols) != CURLE_OK) {
		lib.easy_cleanup(c);
		err_set(err, GN_REFUSED, "网络库 libcurl 版本太旧（需要 7.85 或更新）");
		return NULL;
	}
#else
	lib.easy_setopt(c, CURLOPT_PROTOCOLS,
			 strstr(protocols, "smtp") ? (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS)
						   : (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	lib.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	return c;
}

/* What went wrong, in words an operator can act on. */
static const char *curl_reason(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY: return "无法解析主机名";
	case CURLE_COULDNT_CONNECT: return "无法连接（服务器未运行或拒绝连接）";
	case CURLE_OPERATION_TIMEDOUT: return "超时未完成";
	case CURLE_PEER_FAILED_VERIFICATION: return "TLS 证书校验失败";
	case CURLE_SSL_CONNECT_ERROR: return "TLS 握手失败";
	case CURLE_SSL_CACERT_BADFILE: return "找不到可信的 CA 证书";
	case CURLE_UNSUPPORTED_PROTOCOL: return "不支持的协议（只允许 http/https 或 smtp/smtps）";
	case CURLE_TOO_MANY_REDIRECTS: return "重定向次数太多";
	case CURLE_LOGIN_DENIED: return "用户名或密码被拒绝";
	case CURLE_SEND_ERROR: return "发送失败";
	case CURLE_RECV_ERROR: return "接收失败";
	case CURLE_GOT_NOTHING: return "服务器没有返回任何内容";
	case CURLE_REMOTE_ACCESS_DENIED: return "服务器拒绝访问";
	case CURLE_URL_MALFORMAT: return "地址格式不正确";
	default: return "传输失败";
	}
}

static int transfer_failed(const char *doing, const char *url, CURLcode rc, const char *errbuf,
			   struct gn_err *err)
{
	return err_set(err, GN_REFUSED, "%s %s 失败：%s（%s）", doing, url, curl_reason(rc),
		       errbuf[0] ? errbuf : lib.easy_strerror(rc));
}

int net_fetch(const char *url, size_t max_bytes, struct strbuf *out, struct gn_err *err)
{
	char errbuf[CURL_ERROR_SIZE];
	struct sink sink = { out, max_bytes, 0, 0 };
	long status = 0;
	CURLcode rc;
	CURL *c;

	if (net_check_url(url, "http https", "下载地址", err))
		return -1;
	if (!(c = easy_new(url, "http,https", errbuf, 0, err)))
		return -1;
	lib.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	lib.easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	lib.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
	lib.easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
	lib.easy_setopt(c, CURLOPT_WRITEDATA, &sink);
	rc = lib.easy_perform(c);
	lib.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	lib.easy_cleanup(c);
	if (sink.over || rc == CURLE_FILESIZE_EXCEEDED)
		return err_set(err, GN_REFUSED, "下载 %s 失败：内容超过 %zu 字节的上限", url, max_bytes);
	if (rc != CURLE_OK)
		return transfer_failed("下载", url, rc, errbuf, err);
	if (status < 200 || status > 299)
		return err_set(err, GN_REFUSED, "下载 %s 失败：服务器返回 HTTP %ld%s", url, status,
			       status == 404 ? "（文件不存在）" : "");
	return 0;
}

/* A short, printable excerpt of what a webhook answered. */
static void add_answer(struct strbuf *msg, const struct strbuf *answer)
{
	size_t used, n;

	if (!answer->len || !utf8_valid(answer->buf, answer->len))
		return;
	n = utf8_fit(answer->buf, NET_ANSWER_SHOWN, &used);
	sb_add(msg, "：");
	for (size_t i = 0; i < n; i++)
		sb_addch(msg, (unsigned char)answer->buf[i] < 0x20 ? ' ' : answer->buf[i]);
	if (n < answer->len)
		sb_add(msg, "…");
}

/* ---- probes (Art 13) ------------------------------------------------------ */

static size_t discard(char *p, size_t size, size_t n, void *data)
{
	(void)p, (void)data;
	return size * n;
}

/* Which of the reasons a probe reports a transfer's failure is. */
static const char *probe_error(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST: return "dns";
	case CURLE_COULDNT_CONNECT: return "refused";
	case CURLE_OPERATION_TIMEDOUT: return "timeout";
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_CERTPROBLEM: return "tls";
	default: return "other";
	}
}

/* "Dec  7 19:00:00 2026 GMT" (OpenSSL) or "2026-12-07 19:00:00 GMT"
 * (GnuTLS) as a Unix time; 0 when it is neither. */
static long long cert_time(const char *s)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	struct tm tm = { 0 };
	char mon[4] = "";
	const char *m;

	if (sscanf(s, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
		   &tm.tm_sec) == 6) {
		tm.tm_mon -= 1;
	} else if (sscanf(s, "%3s %d %d:%d:%d %d", mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec,
			  &tm.tm_year) == 6 && strlen(mon) == 3 && (m = strstr(months, mon)) && (m - months) % 3 == 0) {
		tm.tm_mon = (int)(m - months) / 3;
	} else {
		return 0;
	}
	tm.tm_year -= 1900;
	return (long long)timegm(&tm);
}

static long long probe_cert_until(CURL *c)
{
	struct curl_certinfo *ci = NULL;

	if (lib.easy_getinfo(c, CURLINFO_CERTINFO, &ci) != CURLE_OK || !ci || ci->num_of_certs < 1)
		return 0;
	for (struct curl_slist *l = ci->certinfo[0]; l; l = l->next)
		if (!strncmp(l->data, "Expire date:", 12))
			return cert_time(l->data + 12);
	return 0;
}

/* ---- mail ----------------------------------------------------------------- */

static void add_base64(struct strbuf *sb, const char *s, size_t len, size_t line)
{
	char out[BASE64_ENCODE_RAW_LENGTH(57)];

	/* 57 input bytes make one 76-character line (RFC 2045). */
	for (size_t i = 0; i < len; i += 57) {
		size_t n = len - i < 57 ? len - i : 57;
		base64_encode_raw(out, n, (const uint8_t *)s + i);
		sb_addn(sb, out, BASE64_ENCODE_RAW_LENGTH(n));
		if (line)
			sb_add(sb, "\r\n");
	}
}

/* RFC 2047: a UTF-8 header word, base64-encoded in pieces that keep each
 * encoded word short and never split a character. */
static void add_encoded_header(struct strbuf *sb, const char *text)
{
	const char *p = text;

	if (!*p)
		return;
	while (*p) {
		size_t n = 0;
		while (p[n] && n < 42) {
			uint32_t cp;
			size_t k = utf8_decode(p + n, strlen(p + n), &cp);
			if (n + k > 42)
				break;
			n += k;
		}
		if (p != text)
			sb_add(sb, "\r\n ");
		sb_add(sb, "=?UTF-8?B?");
		add_base64(sb, p, n, 0);
		sb_add(sb, "?=");
		p += n;
	}
}

static void add_date_header(struct strbuf *sb)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	sb_addf(sb, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday % 7], tm.tm_mday,
		months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

struct upload {
	const char *data;
	size_t len, pos;
};

static size_t upload_read(char *buf, size_t size, size_t n, void *data)
{
	struct upload *u = data;
	size_t len = size * n;

	if (len > u->len - u->pos)
		len = u->len - u->pos;
	memcpy(buf, u->data + u->pos, len);
	u->pos += len;
	return len;
}

static void subject_line(struct strbuf *sb, const char *subject)
{
	struct strbuf clean = STRBUF_INIT;

	/* A line break in a subject would start a header of its own. */
	for (const char *p = subject; *p; p++)
		sb_addch(&clean, (unsigned char)*p < 0x20 ? ' ' : *p);
	sb_add(sb, "Subject: ");
	add_encoded_header(sb, sb_str(&clean));
	sb_add(sb, "\r\n");
	sb_free(&clean);
}

/* ---- jobs: a transfer prepared, run here or side by side ------------------ */

struct net_job {
	CURL *c;
	int mail;          /* else a webhook's POST */
	int probe;         /* a GET whose answer, whatever it is, is the result */
	char *url;
	char errbuf[CURL_ERROR_SIZE];
	struct strbuf answer, text;
	struct sink sink;
	struct upload up;
	struct curl_slist *headers, *rcpt;
	void *tag;
	struct net_job *next; /* in a net_multi */
};

static void job_free(struct net_job *j)
{
	if (!j)
		return;
	if (j->c)
		lib.easy_cleanup(j->c);
	if (j->headers)
		lib.slist_free_all(j->headers);
	if (j->rcpt)
		lib.slist_free_all(j->rcpt);
	sb_free(&j->answer);
	sb_free(&j->text);
	free(j->url);
	free(j);
}

static struct net_job *job_new(const char *url, const char *protocols, long timeout_s, struct gn_err *err)
{
	struct net_job *j = xcalloc(1, sizeof *j);

	j->url = xstrdup(url);
	if (!(j->c = easy_new(url, protocols, j->errbuf, timeout_s, err))) {
		job_free(j);
		return NULL;
	}
	return j;
}

struct net_job *net_job_post_json(const char *url, const char *json, const char *token, const char *message_id,
				  long timeout_s, struct gn_err *err)
{
	struct strbuf header = STRBUF_INIT;
	struct net_job *j = job_new(url, "http,https", timeout_s, err);

	if (!j)
		return NULL;
	j->headers = lib.slist_append(j->headers, "Content-Type: application/json; charset=utf-8");
	j->headers = lib.slist_append(j->headers, "Expect:");
	if (token && *token) {
		sb_addf(&header, "Authorization: Bearer %s", token);
		j->headers = lib.slist_append(j->headers, header.buf);
	}
	if (message_id) {
		sb_reset(&header);
		sb_addf(&header, "X-Govnet-Message: %s", message_id);
		j->headers = lib.slist_append(j->headers, header.buf);
	}
	sb_free(&header);
	/* The body is copied: the job may outlive the caller's string. */
	lib.easy_setopt(j->c, CURLOPT_HTTPHEADER, j->headers);
	lib.easy_setopt(j->c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(json));
	lib.easy_setopt(j->c, CURLOPT_COPYPOSTFIELDS, json);
	j->sink = (struct sink){ &j->answer, NET_ANSWER_KEEP, 0, 1 };
	lib.easy_setopt(j->c, CURLOPT_WRITEFUNCTION, sink_write);
	lib.easy_setopt(j->c, CURLOPT_WRITEDATA, &j->sink);
	return j;
}

struct net_job *net_job_mail(const struct net_mail *m, long timeout_s, struct gn_err *err)
{
	struct strbuf rcpt = STRBUF_INIT;
	struct net_job *j;

	if (net_check_url(m->url, "smtp smtps", "邮件服务器地址", err) ||
	    net_check_addresses(m->from, "发件人", err) || net_check_addresses(m->to, "收件人", err))
		return NULL;
	if (!(j = job_new(m->url, "smtp,smtps", timeout_s, err)))
		return NULL;
	j->mail = 1;
	add_date_header(&j->text);
	sb_addf(&j->text, "From: %s\r\nTo: %s\r\n", m->from, m->to);
	subject_line(&j->text, m->subject);
	if (m->message_id)
		sb_addf(&j->text, "Message-ID: <%s@govnet>\r\n", m->message_id);
	sb_add(&j->text, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			 "Content-Transfer-Encoding: base64\r\n\r\n");
	add_base64(&j->text, m->body, strlen(m->body), 1);
	for (const char *p = m->to; *p;) {
		size_t len = strcspn(p, ",");
		const char *start = p;
		while (len && *start == ' ')
			start++, len--;
		while (len && start[len - 1] == ' ')
			len--;
		sb_reset(&rcpt);
		sb_addch(&rcpt, '<');
		sb_addn(&rcpt, start, len);
		sb_addch(&rcpt, '>');
		j->rcpt = lib.slist_append(j->rcpt, rcpt.buf);
		p = start + len;
		while (*p == ' ' || *p == ',')
			p++;
	}
	sb_reset(&rcpt);
	sb_addf(&rcpt, "<%s>", m->from);
	j->up = (struct upload){ j->text.buf, j->text.len, 0 };
	lib.easy_setopt(j->c, CURLOPT_MAIL_FROM, rcpt.buf);
	lib.easy_setopt(j->c, CURLOPT_MAIL_RCPT, j->rcpt);
	lib.easy_setopt(j->c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (m->user && *m->user)
		lib.easy_setopt(j->c, CURLOPT_USERNAME, m->user);
	if (m->password && *m->password)
		lib.easy_setopt(j->c, CURLOPT_PASSWORD, m->password);
	lib.easy_setopt(j->c, CURLOPT_UPLOAD, 1L);
	lib.easy_setopt(j->c, CURLOPT_READFUNCTION, upload_read);
	lib.easy_setopt(j->c, CURLOPT_READDATA, &j->up);
	lib.easy_setopt(j->c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->text.len);
	sb_free(&rcpt);
	return j;
}

int net_job_probe(const char *url, const struct net_probe_opts *o, struct net_job **job, struct gn_err *err)
{
	struct net_job *j;

	if (!(*job = j = job_new(url, "http,https", o->timeout_s, err)))
		return 0;
	j->probe = 1;
	lib.easy_setopt(j->c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s);
	lib.easy_setopt(j->c, CURLOPT_TIMEOUT, o->timeout_s);
	lib.easy_setopt(j->c, CURLOPT_WRITEFUNCTION, discard);
	lib.easy_setopt(j->c, CURLOPT_CERTINFO, 1L);
	if (o->ca_pem) {
		struct curl_blob ca = { (void *)o->ca_pem, strlen(o->ca_pem), CURL_BLOB_COPY };
		if (lib.easy_setopt(j->c, CURLOPT_CAINFO_BLOB, &ca) != CURLE_OK) {
			job_free(j);
			*job = NULL;
			return err_set(err, GN_REFUSED, "此版本的网络库 libcurl 不能使用指定的 CA 证书（需要 OpenSSL 版的 libcurl4）");
		}
	}
	return 0;
}

/* How a finished transfer went, for net_multi_next_done. */
static void job_done(struct net_job *j, CURLcode rc, struct net_done *done)
{
	curl_off_t us = 0;

	lib.easy_getinfo(j->c, CURLINFO_TOTAL_TIME_T, &us);
	done->ms = (long long)(us / 1000);
	done->error = NULL;
	done->detail[0] = '\0';
	done->cert_until = 0;
	if (rc == CURLE_OK) {
		done->cert_until = probe_cert_until(j->c);
	} else {
		done->error = probe_error(rc);
		snprintf(done->detail, sizeof done->detail, "%s（%.160s）", curl_reason(rc),
			 j->errbuf[0] ? j->errbuf : lib.easy_strerror(rc));
	}
}

/* What a finished transfer came to; frees the job. */
static int job_result(struct net_job *j, CURLcode rc, long *status, struct net_done *done, struct gn_err *err)
{
	struct strbuf msg = STRBUF_INIT;
	int ret = 0;

	*status = 0;
	if (done)
		job_done(j, rc, done);
	if (!j->mail && !(j->probe && rc != CURLE_OK))
		lib.easy_getinfo(j->c, CURLINFO_RESPONSE_CODE, status);
	if (j->probe) {
		/* Any answer, or none, is what the probe reports: done says how. */
	} else if (rc != CURLE_OK) {
		ret = transfer_failed(j->mail ? "经邮件服务器" : "发送到", j->url, rc, j->errbuf, err);
	} else if (!j->mail && (*status < 200 || *status > 299)) {
		sb_addf(&msg, "发送到 %s 失败：服务器返回 HTTP %ld", j->url, *status);
		add_answer(&msg, &j->answer);
		ret = err_set(err, GN_REFUSED, "%s", sb_str(&msg));
	}
	sb_free(&msg);
	job_free(j);
	return ret;
}

int net_job_run(struct net_job *j, long *status, struct gn_err *err)
{
	return job_result(j, lib.easy_perform(j->c), status, NULL, err);
}

int net_post_json(const char *url, const char *json, const char *token, const char *message_id, long *status,
		  struct gn_err *err)
{
	struct net_job *j = net_job_post_json(url, json, token, message_id, 0, err);

	*status = 0;
	return j ? net_job_run(j, status, err) : -1;
}

int net_send_mail(const struct net_mail *m, struct gn_err *err)
{
	struct net_job *j = net_job_mail(m, 0, err);
	long status;

	return j ? net_job_run(j, &status, err) : -1;
}

/* ---- transfers side by side ------------------------------------------------ */

struct net_multi {
	CURLM *m;
	struct net_job *jobs; /* in flight */
	int running;
};

struct net_multi *net_multi_new(struct gn_err *err)
{
	struct net_multi *nm;

	if (net_init(err))
		return NULL;
	nm = xcalloc(1, sizeof *nm);
	if (!(nm->m = lib.multi_init())) {
		free(nm);
		err_set(err, GN_REFUSED, "网络库 libcurl 无法创建并发传输");
		return NULL;
	}
	return nm;
}

int net_multi_add(struct net_multi *nm, struct net_job *j, void *tag, struct gn_err *err)
{
	if (lib.multi_add_handle(nm->m, j->c) != CURLM_OK) {
		job_free(j);
		return err_set(err, GN_REFUSED, "网络库 libcurl 无法开始传输");
	}
	j->tag = tag;
	j->next = nm->jobs;
	nm->jobs = j;
	nm->running++;
	return 0;
}

int net_multi_pending(const struct net_multi *nm)
{
	return nm->running;
}

/* The job of an easy handle, taken off the list. */
static struct net_job *multi_take(struct net_multi *nm, CURL *c)
{
	for (struct net_job **p = &nm->jobs; *p; p = &(*p)->next) {
		if ((*p)->c == c) {
			struct net_job *j = *p;
			*p = j->next;
			return j;
		}
	}
	return NULL;
}

int net_multi_next(struct net_multi *nm, void **tag, long *status, struct gn_err *result)
{
	return net_multi_next_done(nm, tag, status, NULL, result);
}

int net_multi_next_done(struct net_multi *nm, void **tag, long *status, struct net_done *done, struct gn_err *result)
{
	result->status = GN_OK;
	result->msg[0] = '\0';
	for (;;) {
		struct net_job *j = NULL;
		int still, left;
		CURLMsg *msg;

		if (!nm->jobs)
			return 0;
		if (lib.multi_perform(nm->m, &still) != CURLM_OK)
			return err_set(result, GN_REFUSED, "网络库 libcurl 的并发传输出错");
		while (!j && (msg = lib.multi_info_read(nm->m, &left)))
			if (msg->msg == CURLMSG_DONE && (j = multi_take(nm, msg->easy_handle))) {
				CURLcode rc = msg->data.result;
				lib.multi_remove_handle(nm->m, j->c);
				nm->running--;
				*tag = j->tag;
				job_result(j, rc, status, done, result);
				return 1;
			}
		/* Nothing finished: sleep until a socket is ready (at most a
		 * second, so that timeouts are noticed). */
		if (lib.multi_poll(nm->m, NULL, 0, 1000, NULL) != CURLM_OK)
			return err_set(result, GN_REFUSED, "网络库 libcurl 的并发传输出错");
	}
}

void net_multi_free(struct net_multi *nm)
{
	if (!nm)
		return;
	while (nm->jobs) {
		struct net_job *j = nm->jobs;
		nm->jobs = j->next;
		lib.multi_remove_handle(nm->m, j->c);
		job_free(j);
	}
	lib.multi_cleanup(nm->m);
	free(nm);
}

/* ---- probes (Art 13): jobs on the multi engine ----------------------------- */

int net_probe_all(struct net_probe *probes, size_t n, const struct net_probe_opts *opts, struct gn_err *err)
{
	struct net_multi *nm = net_multi_new(err);
	size_t next = 0;

	if (!nm)
		return -1;
	while (next < n || net_multi_pending(nm) > 0) {
		struct net_done done;
		void *tag;
		long status;
		int got;
		/* A window of NET_PROBE_PARALLEL: each URL's timeout counts from
		 * when its own request starts, not from a queue. */
		while (next < n && net_multi_pending(nm) < NET_PROBE_PARALLEL) {
			struct net_probe *p = &probes[next++];
			struct gn_err e = { .status = GN_OK };
			struct net_job *j;
			if (net_job_probe(p->url, opts, &j, &e) || (j && net_multi_add(nm, j, p, &e))) {
				*err = e;
				net_multi_free(nm);
				return -1;
			}
			if (!j) {
				p->error = "other";
				snprintf(p->detail, sizeof p->detail, "%.200s", e.msg);
			}
		}
		if (!net_multi_pending(nm))
			continue;
		got = net_multi_next_done(nm, &tag, &status, &done, err);
		if (got < 0) {
			net_multi_free(nm);
			return -1;
		}
		if (got > 0) {
			struct net_probe *p = tag;
			p->http_status = status;
			p->error = done.error;
			memcpy(p->detail, done.detail, sizeof p->detail);
			p->ms = done.ms;
			p->cert_until = done.cert_until;
		}
	}
	net_multi_free(nm);
	return 0;
}
