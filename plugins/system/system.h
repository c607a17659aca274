/*
 * system.h — the information systems plugin's parts (Art 13, 16, 20, 21,
 * 25): systems a department runs on the extranet, filed before go-live and
 * before each change, tested before they go live, with their 等保 and 密评
 * obligations on calendar dates.
 */
#ifndef GN_SYSTEM_H
#define GN_SYSTEM_H

#include "govnet/plugin.h"

/* Art 21: the 等保 levels (GB/T 22239-2019, 第一级 to 第五级); the store's
 * CHECK holds the same bounds as a backstop (schema.c). */
#define SYSTEM_LEVEL_MIN 1
#define SYSTEM_LEVEL_MAX 5
/* A crypto assessment's result (密评, Art 21) as people read it. */
#define SYSTEM_CRYPTO_TITLE(col) "CASE " col " WHEN 'passed' THEN '通过' WHEN 'failed' THEN '未通过' ELSE '未评' END"

/* Art 13: probes.  A request gets SYSTEM_PROBE_TIMEOUT_S seconds in all
 * (--timeout replaces it), SYSTEM_PROBE_CONNECT_S of them to connect; an
 * answer slower than SYSTEM_PROBE_SLOW_MS is slow; a certificate with
 * SYSTEM_CERT_WARN_DAYS or fewer days left is expiring; a URL whose last
 * SYSTEM_PROBE_DOWN_AFTER probes all failed is down, and so is its
 * system; each URL keeps its last SYSTEM_PROBE_KEEP results (--keep). */
#define SYSTEM_PROBE_CONNECT_S 3
#define SYSTEM_PROBE_TIMEOUT_S 10
#define SYSTEM_PROBE_TIMEOUT_MAX 60
#define SYSTEM_PROBE_SLOW_MS 3000
#define SYSTEM_CERT_WARN_DAYS 30
#define SYSTEM_PROBE_DOWN_AFTER 3
#define SYSTEM_PROBE_KEEP 100
#define SYSTEM_PROBE_KEEP_MAX 10000
#define SYSTEM_PROBE_SPARK 20 /* latencies in a sparkline */

extern const struct gn_migration system_migrations[];
extern const struct gn_workflow system_workflow;

/* Actions' handlers (record.c). */
int system_new(struct gn_call *call);
int system_set(struct gn_call *call);
int system_link(struct gn_call *call);
/* A domain record or address block (kind "domain" or "block") given by
 * key, checked to be org's own: 0 with *record set, -1 refused. */
int system_link_target(struct gn_call *call, int64_t org, const char *kind, const char *key, int64_t *record);
int system_link_add(struct gn_call *call, int64_t id, const char *kind, int64_t record, const char *key);
/* Whether addresses, domains or exposure may change now (Art 16): 1 when
 * the change needs a new test (Art 25), 0 when not, -1 refused. */
int system_exposure_may_change(struct gn_call *call, int64_t id);

/* Resource-change requests, Art 16 ¶2 (resource.c). */
int system_resource_request(struct gn_call *call);
int system_resource_approve(struct gn_call *call);
int system_resource_reject(struct gn_call *call);

/* Transitions' extra work (lifecycle.c). */
int system_mark_filed(struct gn_call *call);
int system_record_test(struct gn_call *call);
int system_check_golive(struct gn_call *call);
int system_file_change(struct gn_call *call);
int system_release(struct gn_call *call);

/* Probes (probe.c). */
extern const struct gn_probe system_probe_targets;
int system_probe(struct gn_call *call);

/* The 等保 and 密评 dates a system owes, recomputed from its record after
 * every change to it (obligation.c). */
int system_obligations(struct gn_call *call, int64_t id);

/* The responsible person from the Art 12 filing, kept as it changes, and
 * the published read of 等保 and 密评 (published.c). */
int system_person_refresh(struct gn_call *call, int64_t org_id);
int system_on_event(struct gn_call *call);
int system_security(struct gn_call *call);
extern const struct gn_field system_security_fields[];

/* Demo systems in every state (demo.c). */
int system_demo(struct gn_demo *demo);

/* Its section of the monthly report (monthly.c). */
int system_monthly(struct gn_call *call);

#endif
