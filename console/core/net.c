/*
 * net.c — libcurl wrappers (net.h): libcurl loaded on the first transfer,
 * URLs and addresses checked at the edge, a file fetched, a mail's text.
 * One easy handle per transfer: the command line makes a handful, so
 * connection reuse is not worth the state it would keep.  Transfers
 * prepared as jobs and run side by side are net_multi.c's.
 */
#include "config.h"
#include "net.h"
#include "net_curl.h"
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

/*
 * libcurl is loaded on the first transfer instead of being linked: its
 * thirty-odd dependencies (TLS, LDAP, Kerberos, SSH, HTTP/2 …) would cost
 * every command several milliseconds at start-up, and most commands never
 * touch the network.  The ABI behind the SONAME libcurl.so.4 is stable;
 * Debian ships it in three TLS flavours, any of which will do.
 */
static const char *const libcurl_names[] = { "libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4",
					      "libcurl.so", NULL };

struct net_curl net_curl;

static int bind_symbols(void *h)
{
	static const struct {
		const char *name;
		size_t offset;
	} symbols[] = {
		{ "curl_global_init", offsetof(struct net_curl, global_init) },
		{ "curl_easy_init", offsetof(struct net_curl, easy_init) },
		{ "curl_easy_setopt", offsetof(struct net_curl, easy_setopt) },
		{ "curl_easy_perform", offsetof(struct net_curl, easy_perform) },
		{ "curl_easy_getinfo", offsetof(struct net_curl, easy_getinfo) },
		{ "curl_easy_cleanup", offsetof(struct net_curl, easy_cleanup) },
		{ "curl_easy_strerror", offsetof(struct net_curl, easy_strerror) },
		{ "curl_slist_append", offsetof(struct net_curl, slist_append) },
		{ "curl_slist_free_all", offsetof(struct net_curl, slist_free_all) },
		{ "curl_multi_init", offsetof(struct net_curl, multi_init) },
		{ "curl_multi_add_handle", offsetof(struct net_curl, multi_add_handle) },
		{ "curl_multi_remove_handle", offsetof(struct net_curl, multi_remove_handle) },
		{ "curl_multi_perform", offsetof(struct net_curl, multi_perform) },
		{ "curl_multi_poll", offsetof(struct net_curl, multi_poll) },
		{ "curl_multi_info_read", offsetof(struct net_curl, multi_info_read) },
		{ "curl_multi_cleanup", offsetof(struct net_curl, multi_cleanup) },
	};

	for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
		void *f = dlsym(h, symbols[i].name);
		if (!f)
			return -1;
		memcpy((char *)&net_curl + symbols[i].offset, &f, sizeof f);
	}
	return 0;
}

int net_init(struct gn_err *err)
{
	static int done, failed;
	static char why[256];
	CURLcode rc;

	if (done)
		return failed ? err_set(err, GN_REFUSED, "%s", why) : 0;
	done = failed = 1;
	for (const char *const *name = libcurl_names; *name && !net_curl.handle; name++)
		net_curl.handle = dlopen(*name, RTLD_NOW | RTLD_LOCAL);
	if (!net_curl.handle) {
		snprintf(why, sizeof why, "找不到网络库 libcurl（%s）；请安装 libcurl4", dlerror());
	} else if (bind_symbols(net_curl.handle)) {
		snprintf(why, sizeof why, "网络库 libcurl 缺少所需的函数（版本太旧？）");
	} else if ((rc = net_curl.global_init(CURL_GLOBAL_DEFAULT)) != CURLE_OK) {
		snprintf(why, sizeof why, "网络库 libcurl 无法初始化：%s", net_curl.easy_strerror(rc));
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

size_t net_sink_write(char *p, size_t size, size_t n, void *data)
{
	struct net_sink *s = data;
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

CURL *net_easy_new(const char *url, const char *protocols, char *errbuf, long timeout_s, struct gn_err *err)
{
	CURL *c;

	if (net_init(err))
		return NULL;
	c = net_curl.easy_init();
	if (!c) {
		err_set(err, GN_REFUSED, "网络库 libcurl 无法创建连接");
		return NULL;
	}
	errbuf[0] = '\0';
	net_curl.easy_setopt(c, CURLOPT_URL, url);
	net_curl.easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	net_curl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	net_curl.easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)NET_CONNECT_TIMEOUT_S);
	net_curl.easy_setopt(c, CURLOPT_TIMEOUT, timeout_s > 0 ? timeout_s : (long)NET_TOTAL_TIMEOUT_S);
	net_curl.easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	net_curl.easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	net_curl.easy_setopt(c, CURLOPT_USERAGENT, "govnet/" PACKAGE_VERSION);
#if LIBCURL_VERSION_NUM >= 0x075500
	/* Only the schemes asked for, redirects included; a libcurl too old to
	 * restrict them is not used at all. */
	if (net_curl.easy_setopt(c, CURLOPT_PROTOCOLS_STR, protocols) != CURLE_OK ||
	    net_curl.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, protocols) != CURLE_OK) {
		net_curl.easy_cleanup(c);
		err_set(err, GN_REFUSED, "网络库 libcurl 版本太旧（需要 7.85 或更新）");
		return NULL;
	}
#else
	net_curl.easy_setopt(c, CURLOPT_PROTOCOLS,
			 strstr(protocols, "smtp") ? (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS)
						   : (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
	net_curl.easy_setopt(c, CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
	return c;
}

/* What went wrong, in words an operator can act on. */
const char *net_curl_reason(CURLcode rc)
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

int net_transfer_failed(const char *doing, const char *url, CURLcode rc, const char *errbuf,
			   struct gn_err *err)
{
	return err_set(err, GN_REFUSED, "%s %s 失败：%s（%s）", doing, url, net_curl_reason(rc),
		       errbuf[0] ? errbuf : net_curl.easy_strerror(rc));
}

int net_fetch(const char *url, size_t max_bytes, struct strbuf *out, struct gn_err *err)
{
	char errbuf[CURL_ERROR_SIZE];
	struct net_sink sink = { out, max_bytes, 0, 0 };
	long status = 0;
	CURLcode rc;
	CURL *c;

	if (net_check_url(url, "http https", "下载地址", err))
		return -1;
	if (!(c = net_easy_new(url, "http,https", errbuf, 0, err)))
		return -1;
	net_curl.easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	net_curl.easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	net_curl.easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)max_bytes);
	net_curl.easy_setopt(c, CURLOPT_WRITEFUNCTION, net_sink_write);
	net_curl.easy_setopt(c, CURLOPT_WRITEDATA, &sink);
	rc = net_curl.easy_perform(c);
	net_curl.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	net_curl.easy_cleanup(c);
	if (sink.over || rc == CURLE_FILESIZE_EXCEEDED)
		return err_set(err, GN_REFUSED, "下载 %s 失败：内容超过 %zu 字节的上限", url, max_bytes);
	if (rc != CURLE_OK)
		return net_transfer_failed("下载", url, rc, errbuf, err);
	if (status < 200 || status > 299)
		return err_set(err, GN_REFUSED, "下载 %s 失败：服务器返回 HTTP %ld%s", url, status,
			       status == 404 ? "（文件不存在）" : "");
	return 0;
}

/* A short, printable excerpt of what a webhook answered. */
void net_add_answer(struct strbuf *msg, const struct strbuf *answer)
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

void net_mail_text(struct strbuf *text, const struct net_mail *m)
{
	add_date_header(text);
	sb_addf(text, "From: %s\r\nTo: %s\r\n", m->from, m->to);
	subject_line(text, m->subject);
	if (m->message_id)
		sb_addf(text, "Message-ID: <%s@govnet>\r\n", m->message_id);
	sb_add(text, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
			 "Content-Transfer-Encoding: base64\r\n\r\n");
	add_base64(text, m->body, strlen(m->body), 1);
}
