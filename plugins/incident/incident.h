/*
 * incident.h — the incidents plugin's parts (Art 26): security incidents
 * found, located, analysed, handled and closed on a timeline; the nodes
 * the operating agency disconnects while a department's problem affects
 * the extranet, and reconnects; each organisation's emergency plan, risk
 * assessments and drills on their periods.
 */
#ifndef GN_INCIDENT_H
#define GN_INCIDENT_H

#include "govnet/plugin.h"

/* A grade of the national scheme and the time allowed to handle it. */
struct incident_grade {
	const char *name;  /* as given with --grade and stored */
	const char *level; /* the response level it calls for */
	int days;          /* calendar days from detection to handling */
};
extern const struct incident_grade incident_grades[];
const struct incident_grade *incident_grade(const char *name);

/* What an organisation keeps ready (Art 26 ¶1) and how often. */
struct incident_prep_kind {
	const char *name;  /* --kind */
	const char *title;
	int months;        /* the period: the next is due this long after */
};
extern const struct incident_prep_kind incident_prep_kinds[];

extern const struct gn_migration incident_migrations[];
extern const struct gn_workflow incident_workflow;

/* The timeline (case.c): one line of incident id, as the acting login now. */
int incident_timeline(struct gn_call *call, int64_t incident, const char *what, const char *text);

/* Actions' handlers (case.c, link.c, prep.c). */
int incident_new(struct gn_call *call);
int incident_note(struct gn_call *call);
int incident_affect(struct gn_call *call);
int incident_disconnect(struct gn_call *call);
int incident_reconnect(struct gn_call *call);
int incident_prep_add(struct gn_call *call);
/* Tasks with owners (task.c) and observables linked to the address
 * blocks and domain records they match (observe.c). */
int incident_task_add(struct gn_call *call);
int incident_task_done(struct gn_call *call);
int incident_observable_add(struct gn_call *call);

/* Transitions' extra work (case.c). */
int incident_step(struct gn_call *call);
int incident_close(struct gn_call *call);
int incident_reopen(struct gn_call *call);

/* Demo incidents, one disconnected node, plans and drills (demo.c). */
int incident_demo(struct gn_demo *demo);

/* Its section of the monthly report (monthly.c). */
int incident_monthly(struct gn_call *call);

#endif
