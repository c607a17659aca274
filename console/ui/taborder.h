/*
 * taborder.h — which tabs a login sees first.  The work waiting on a role
 * comes before the tables that hold it, and the core's administrative
 * tables (organisations, logins, audit, calendar, notifications, rules)
 * come last for every role but the administrator's and the auditor's.
 */
#ifndef GN_UI_TABORDER_H
#define GN_UI_TABORDER_H

#include "govnet/plugin.h"

/* The place of a plugin's view for role: lower comes first.  core: the
 * component is one of the core's own. */
int taborder_rank(unsigned role, const struct gn_plugin *comp, const struct gn_view *view, int core);

#endif
