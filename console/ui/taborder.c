#include "config.h"
#include "taborder.h"

#include <string.h>
#include "govnet/banned.h"

/* The tabs each role opens the console for, in this order (view NULL: the
 * component's every view). */
static const struct tab_first {
	unsigned roles;
	const char *comp, *view;
} tab_first[] = {
	{ GN_ROLE_DEPT, "access", "requests" },   /* a department applies (Art 9) */
	{ GN_ROLE_DEPT, "access", "queue" },      /* and completes what was returned */
	{ GN_ROLE_OFFICE, "access", "queue" },    /* an office decides (Art 10–11) */
	{ GN_ROLE_OPERATOR, "access", "queue" },  /* an operator implements (Art 12) */
	{ GN_ROLE_OPERATOR, "ip", "list" },       /* from the address plan */
	{ GN_ROLE_OPERATOR, "access", "nodes" },  /* at the access nodes */
	{ GN_ROLE_OPERATOR, "system", "down" },   /* and watches the systems' probes (Art 13) */
	{ GN_ROLE_ADMIN, "org", NULL },
	{ GN_ROLE_ADMIN, "user", NULL },
};

#define N_FIRST (int)(sizeof tab_first / sizeof tab_first[0])

int taborder_rank(unsigned role, const struct gn_plugin *comp, const struct gn_view *view, int core)
{
	for (int i = 0; i < N_FIRST; i++)
		if ((tab_first[i].roles & role) && strcmp(tab_first[i].comp, comp->name) == 0 &&
		    (!tab_first[i].view || strcmp(tab_first[i].view, view->name) == 0))
			return i;
	/* The administrator and the auditor work on the core's tables. */
	return core && !(role & (GN_ROLE_ADMIN | GN_ROLE_AUDITOR)) ? N_FIRST + 1 : N_FIRST;
}
