/*
 * net_multi.c — transfers prepared as jobs (a webhook's POST, a mail, a
 * probe's GET) and run here or side by side through libcurl's multi
 * interface (net.h).  A delivery pass runs one job per channel; a probe
 * run keeps at most NET_PROBE_PARALLEL in flight.  One engine for both.
 */
#include "config.h"
#include "net.h"
#include "net_curl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "govnet/banned.h"

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

	if (net_curl.easy_getinfo(c, CURLINFO_CERTINFO, &ci) != CURLE_OK || !ci || ci->num_of_certs < 1)
		return 0;
	for (struct curl_slist *l = ci->certinfo[0]; l; l = l->next)
		if (!strncmp(l->data, "Expire date:", 12))
			return cert_time(l->data + 12);
	return 0;
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

/* ---- jobs: a transfer prepared, run here or side by side ------------------ */

struct net_job {
	CURL *c;
	int mail;          /* else a webhook's POST */
	int probe;         /* a GET whose answer, whatever it is, is the result */
	char *url;
	char errbuf[CURL_ERROR_SIZE];
	struct strbuf answer, text;
	struct net_sink sink;
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
		net_curl.easy_cleanup(j->c);
	if (j->headers)
		net_curl.slist_free_all(j->headers);
	if (j->rcpt)
		net_curl.slist_free_all(j->rcpt);
	sb_free(&j->answer);
	sb_free(&j->text);
	free(j->url);
	free(j);
}

static struct net_job *job_new(const char *url, const char *protocols, long timeout_s, struct gn_err *err)
{
	struct net_job *j = xcalloc(1, sizeof *j);

	j->url = xstrdup(url);
	if (!(j->c = net_easy_new(url, protocols, j->errbuf, timeout_s, err))) {
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
	j->headers = net_curl.slist_append(j->headers, "Content-Type: application/json; charset=utf-8");
	j->headers = net_curl.slist_append(j->headers, "Expect:");
	if (token && *token) {
		sb_addf(&header, "Authorization: Bearer %s", token);
		j->headers = net_curl.slist_append(j->headers, header.buf);
	}
	if (message_id) {
		sb_reset(&header);
		sb_addf(&header, "X-Govnet-Message: %s", message_id);
		j->headers = net_curl.slist_append(j->headers, header.buf);
	}
	sb_free(&header);
	/* The body is copied: the job may outlive the caller's string. */
	net_curl.easy_setopt(j->c, CURLOPT_HTTPHEADER, j->headers);
	net_curl.easy_setopt(j->c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(json));
	net_curl.easy_setopt(j->c, CURLOPT_COPYPOSTFIELDS, json);
	j->sink = (struct net_sink){ &j->answer, NET_ANSWER_KEEP, 0, 1 };
	net_curl.easy_setopt(j->c, CURLOPT_WRITEFUNCTION, net_sink_write);
	net_curl.easy_setopt(j->c, CURLOPT_WRITEDATA, &j->sink);
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
	net_mail_text(&j->text, m);
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
		j->rcpt = net_curl.slist_append(j->rcpt, rcpt.buf);
		p = start + len;
		while (*p == ' ' || *p == ',')
			p++;
	}
	sb_reset(&rcpt);
	sb_addf(&rcpt, "<%s>", m->from);
	j->up = (struct upload){ j->text.buf, j->text.len, 0 };
	net_curl.easy_setopt(j->c, CURLOPT_MAIL_FROM, rcpt.buf);
	net_curl.easy_setopt(j->c, CURLOPT_MAIL_RCPT, j->rcpt);
	net_curl.easy_setopt(j->c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (m->user && *m->user)
		net_curl.easy_setopt(j->c, CURLOPT_USERNAME, m->user);
	if (m->password && *m->password)
		net_curl.easy_setopt(j->c, CURLOPT_PASSWORD, m->password);
	net_curl.easy_setopt(j->c, CURLOPT_UPLOAD, 1L);
	net_curl.easy_setopt(j->c, CURLOPT_READFUNCTION, upload_read);
	net_curl.easy_setopt(j->c, CURLOPT_READDATA, &j->up);
	net_curl.easy_setopt(j->c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)j->text.len);
	sb_free(&rcpt);
	return j;
}

int net_job_probe(const char *url, const struct net_probe_opts *o, struct net_job **job, struct gn_err *err)
{
	struct net_job *j;

	if (!(*job = j = job_new(url, "http,https", o->timeout_s, err)))
		return 0;
	j->probe = 1;
	net_curl.easy_setopt(j->c, CURLOPT_CONNECTTIMEOUT, o->connect_timeout_s);
	net_curl.easy_setopt(j->c, CURLOPT_TIMEOUT, o->timeout_s);
	net_curl.easy_setopt(j->c, CURLOPT_WRITEFUNCTION, discard);
	net_curl.easy_setopt(j->c, CURLOPT_CERTINFO, 1L);
	if (o->ca_pem) {
		struct curl_blob ca = { (void *)o->ca_pem, strlen(o->ca_pem), CURL_BLOB_COPY };
		if (net_curl.easy_setopt(j->c, CURLOPT_CAINFO_BLOB, &ca) != CURLE_OK) {
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

	net_curl.easy_getinfo(j->c, CURLINFO_TOTAL_TIME_T, &us);
	done->ms = (long long)(us / 1000);
	done->error = NULL;
	done->detail[0] = '\0';
	done->cert_until = 0;
	if (rc == CURLE_OK) {
		done->cert_until = probe_cert_until(j->c);
	} else {
		done->error = probe_error(rc);
		snprintf(done->detail, sizeof done->detail, "%s（%.160s）", net_curl_reason(rc),
			 j->errbuf[0] ? j->errbuf : net_curl.easy_strerror(rc));
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
		net_curl.easy_getinfo(j->c, CURLINFO_RESPONSE_CODE, status);
	if (j->probe) {
		/* Any answer, or none, is what the probe reports: done says how. */
	} else if (rc != CURLE_OK) {
		ret = net_transfer_failed(j->mail ? "经邮件服务器" : "发送到", j->url, rc, j->errbuf, err);
	} else if (!j->mail && (*status < 200 || *status > 299)) {
		sb_addf(&msg, "发送到 %s 失败：服务器返回 HTTP %ld", j->url, *status);
		net_add_answer(&msg, &j->answer);
		ret = err_set(err, GN_REFUSED, "%s", sb_str(&msg));
	}
	sb_free(&msg);
	job_free(j);
	return ret;
}

int net_job_run(struct net_job *j, long *status, struct gn_err *err)
{
	return job_result(j, net_curl.easy_perform(j->c), status, NULL, err);
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
	if (!(nm->m = net_curl.multi_init())) {
		free(nm);
		err_set(err, GN_REFUSED, "网络库 libcurl 无法创建并发传输");
		return NULL;
	}
	return nm;
}

int net_multi_add(struct net_multi *nm, struct net_job *j, void *tag, struct gn_err *err)
{
	if (net_curl.multi_add_handle(nm->m, j->c) != CURLM_OK) {
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
		if (net_curl.multi_perform(nm->m, &still) != CURLM_OK)
			return err_set(result, GN_REFUSED, "网络库 libcurl 的并发传输出错");
		while (!j && (msg = net_curl.multi_info_read(nm->m, &left)))
			if (msg->msg == CURLMSG_DONE && (j = multi_take(nm, msg->easy_handle))) {
				CURLcode rc = msg->data.result;
				net_curl.multi_remove_handle(nm->m, j->c);
				nm->running--;
				*tag = j->tag;
				job_result(j, rc, status, done, result);
				return 1;
			}
		/* Nothing finished: sleep until a socket is ready (at most a
		 * second, so that timeouts are noticed). */
		if (net_curl.multi_poll(nm->m, NULL, 0, 1000, NULL) != CURLM_OK)
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
		net_curl.multi_remove_handle(nm->m, j->c);
		job_free(j);
	}
	net_curl.multi_cleanup(nm->m);
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
