/*
 * net_curl.h — what net.c and net_multi.c share, and nothing else
 * includes: libcurl as loaded on the first transfer (net_init), a
 * transfer's easy handle as every transfer starts, and the words a
 * failure is reported in.  Callers use net.h.
 */
#ifndef GN_NET_CURL_H
#define GN_NET_CURL_H

#include <curl/curl.h>
#include "err.h"
#include "net.h"
#include "strbuf.h"

struct net_curl {
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
};
extern struct net_curl net_curl;

/* Load and initialise libcurl, once; its failure is remembered. */
int net_init(struct gn_err *err);
/* An easy handle for url: certificates verified, the default connect
 * timeout, timeout_s as the total one (0: NET_TOTAL_TIMEOUT_S), only the
 * listed protocols ("http,https"); errbuf receives libcurl's words. */
CURL *net_easy_new(const char *url, const char *protocols, char *errbuf, long timeout_s, struct gn_err *err);
/* What went wrong, in words an operator can act on. */
const char *net_curl_reason(CURLcode rc);
/* "<doing> <url> 失败：<reason>（<libcurl's words>）" into err; -1. */
int net_transfer_failed(const char *doing, const char *url, CURLcode rc, const char *errbuf, struct gn_err *err);

/* What a webhook's answer may add to an error message. */
#define NET_ANSWER_KEEP 4096
#define NET_ANSWER_SHOWN 120

/* Where an answer goes: at most max bytes of it. */
struct net_sink {
	struct strbuf *out;
	size_t max;
	int over;     /* more arrived than max */
	int truncate; /* keep the first max bytes and carry on (a webhook's answer) */
};
size_t net_sink_write(char *p, size_t size, size_t n, void *data);
/* A webhook's answer, shortened and without control characters, after msg. */
void net_add_answer(struct strbuf *msg, const struct strbuf *answer);
/* A mail's headers and base64 body, as sent. */
void net_mail_text(struct strbuf *text, const struct net_mail *m);

#endif
