/*
 * access.h — the access plugin's parts (Art 9–12, 17): requests to connect
 * to the extranet, the responsible-person filings they rest on, and the
 * access nodes an implemented request creates.
 */
#ifndef GN_ACCESS_H
#define GN_ACCESS_H

#include "govnet/plugin.h"

/* Art 10: the predicted traffic a request may state, in Mbps; the store's
 * CHECK holds the same bounds as a backstop (schema.c). */
#define ACCESS_TRAFFIC_MIN 1
#define ACCESS_TRAFFIC_MAX 100000

extern const struct gn_migration access_migrations[];
extern const struct gn_workflow access_workflow;

/* Actions' handlers (request.c, filing.c). */
int access_new(struct gn_call *call);
int access_attach(struct gn_call *call);
int access_filing_set(struct gn_call *call);
/* The published read of a department's filing in force (filing.c). */
int access_filing_person(struct gn_call *call);
/* A node in service before govnet, from a ledger (node_import.c). */
int access_node_import(struct gn_call *call);
/* Its section of the monthly report (monthly.c). */
int access_monthly(struct gn_call *call);
/* The deciding office's check, then the notice to the applicant (filing.c). */
int access_tell_applicant(struct gn_call *call);

/* Transitions' extra work (request.c). */
int access_check_submit(struct gn_call *call);
int access_check_decider(struct gn_call *call);
int access_save_plan(struct gn_call *call);
int access_create_node(struct gn_call *call);
int access_revoke_node(struct gn_call *call);

/* Demo records in every state (demo.c). */
int access_demo(struct gn_demo *demo);

#endif
