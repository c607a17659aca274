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

extern const struct gn_migration system_migrations[];
extern const struct gn_workflow system_workflow;

/* Actions' handlers (record.c). */
int system_new(struct gn_call *call);
int system_set(struct gn_call *call);
int system_link(struct gn_call *call);

/* Transitions' extra work (lifecycle.c). */
int system_mark_filed(struct gn_call *call);
int system_record_test(struct gn_call *call);
int system_check_golive(struct gn_call *call);
int system_file_change(struct gn_call *call);
int system_release(struct gn_call *call);

/* The 等保 and 密评 dates a system owes, recomputed from its record after
 * every change to it (obligation.c). */
int system_obligations(struct gn_call *call, int64_t id);

/* Demo systems in every state (demo.c). */
int system_demo(struct gn_demo *demo);

/* Its section of the monthly report (monthly.c). */
int system_monthly(struct gn_call *call);

#endif
