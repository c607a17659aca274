/*
 * net.h — the network, through libcurl: fetch a file (a holiday schedule),
 * post JSON to a webhook, send a mail over SMTP.  TLS certificates are
 * always verified; every transfer has a connect and a total timeout; a
 * download has a size cap.  Failures come back as Chinese messages that
 * name the URL and say what went wrong.
 *
 * libcurl is initialised on the first transfer, not at start-up: most
 * commands never touch the network and should not pay for it.
 */
#ifndef GN_NET_H
#define GN_NET_H

#include <stddef.h>
#include "err.h"
#include "strbuf.h"

#define NET_CONNECT_TIMEOUT_S 10
#define NET_TOTAL_TIMEOUT_S 30
#define NET_URL_MAX 2000

/* Whether s looks like an http:// or https:// URL (else it is a file). */
int net_is_http_url(const char *s);
/* Check a URL at the edge: valid UTF-8, no spaces or control characters,
 * at most NET_URL_MAX bytes, one of the schemes in `schemes`
 * (space-separated, "http https"), and no user name or password in it
 * (they would end up in lists and the audit chain).  what names it. */
int net_check_url(const char *url, const char *schemes, const char *what, struct gn_err *err);

/* GET url into out, at most max_bytes.  An HTTP status of 400 or more is
 * a failure. */
int net_fetch(const char *url, size_t max_bytes, struct strbuf *out, struct gn_err *err);

/* POST a JSON body.  token (may be NULL) goes in "Authorization: Bearer";
 * message_id (may be NULL) in "X-Govnet-Message", so that a receiver can
 * recognise a repeat.  *status receives the HTTP status (0 when no answer
 * came); a status outside 2xx is a failure. */
int net_post_json(const char *url, const char *json, const char *token, const char *message_id, long *status,
		  struct gn_err *err);

/* A mail over SMTP: url is smtp://host[:port] or smtps://…; user and
 * password may be NULL.  to may list several addresses, comma-separated.
 * subject and body are UTF-8 text. */
struct net_mail {
	const char *url;
	const char *user, *password;
	const char *from;
	const char *to;
	const char *subject;
	const char *body;
	const char *message_id; /* for the Message-ID header, or NULL */
};
int net_send_mail(const struct net_mail *m, struct gn_err *err);

/*
 * Probes (Art 13): request many URLs at once (libcurl's multi interface,
 * at most NET_PROBE_PARALLEL in flight), each with its own connect and
 * total timeout, TLS certificates and host names verified, redirects not
 * followed (a 3xx is an answer).  A URL that does not answer is a result,
 * not a failure: error and detail say why.  net_probe_all fails only when
 * libcurl cannot be used at all, or cannot take ca_pem.  It never touches
 * the store: callers hold no transaction while it runs.
 */
#define NET_PROBE_PARALLEL 64
struct net_probe {
	const char *url;      /* in */
	long http_status;     /* 0: no answer */
	const char *error;    /* NULL when the server answered; "dns", "refused", "timeout", "tls", "other" */
	char detail[256];     /* what went wrong, in Chinese, or "" */
	long long ms;         /* from the start of the request to its end */
	long long cert_until; /* the server certificate's notAfter (Unix time), 0 when unknown */
};
struct net_probe_opts {
	long connect_timeout_s, timeout_s;
	const char *ca_pem; /* PEM certificates trusted instead of the system's, or NULL */
};
int net_probe_all(struct net_probe *probes, size_t n, const struct net_probe_opts *opts, struct gn_err *err);
/*
 * A transfer prepared but not yet run: a webhook's POST or a mail, as
 * net_post_json and net_send_mail make them (timeout_s: the total
 * timeout, 0 for NET_TOTAL_TIMEOUT_S).  NULL with err set when it cannot
 * be made.  net_job_run runs it here, to the end, and frees it; its
 * result is net_post_json's.
 */
struct net_job;
struct net_job *net_job_post_json(const char *url, const char *json, const char *token, const char *message_id,
				  long timeout_s, struct gn_err *err);
struct net_job *net_job_mail(const struct net_mail *m, long timeout_s, struct gn_err *err);
int net_job_run(struct net_job *j, long *status, struct gn_err *err);
/* A probe's GET (net_probe_all): the body discarded, the certificate
 * chain kept (CERTINFO), o's timeouts and CA certificates, redirects not
 * followed.  Its result is never a failure: net_multi_next_done's done
 * says how it went.  -1 when no probe can run (libcurl cannot take
 * o->ca_pem); 0 with *job NULL and err set when this URL's request cannot
 * be made (a result, not a failure of the run); else 0 with *job. */
int net_job_probe(const char *url, const struct net_probe_opts *o, struct net_job **job, struct gn_err *err);

/*
 * Transfers side by side (libcurl's multi interface): a slow receiver
 * does not hold up the others.  net_multi_add takes the job (freed when
 * done, or at once when it cannot start); net_multi_next waits until one
 * transfer has finished and returns 1 with its tag, HTTP status and
 * result (result->status GN_OK when delivered), 0 when none is left, -1
 * when libcurl itself failed (result says so).
 */
struct net_multi;
struct net_multi *net_multi_new(struct gn_err *err);
int net_multi_add(struct net_multi *nm, struct net_job *j, void *tag, struct gn_err *err);
int net_multi_pending(const struct net_multi *nm);
int net_multi_next(struct net_multi *nm, void **tag, long *status, struct gn_err *result);
/* The same, also saying how the transfer went (done may be NULL). */
struct net_done {
	const char *error;    /* NULL when the transfer completed; else as net_probe's error */
	char detail[256];     /* what went wrong, in Chinese, or "" */
	long long ms;         /* from the start of the request to its end */
	long long cert_until; /* the server certificate's notAfter, 0 when unknown or not asked for */
};
int net_multi_next_done(struct net_multi *nm, void **tag, long *status, struct net_done *done,
			struct gn_err *result);
void net_multi_free(struct net_multi *nm);

/* Whether an address list is plain "a@b, c@d": no names, no line breaks. */
int net_check_addresses(const char *list, const char *what, struct gn_err *err);

#endif
