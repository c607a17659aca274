/*
 * registry.h — the components one run of govnet knows: the core's own
 * (organisations, logins, audit) and the plugins loaded from the plugin
 * directory.  All are described by the same struct gn_plugin, so the
 * command line and the console render them alike.
 */
#ifndef GN_REGISTRY_H
#define GN_REGISTRY_H

#include <sqlite3.h>
#include "err.h"
#include "strbuf.h"
#include "govnet/plugin.h"

struct component {
	const struct gn_plugin *desc;
	void *handle;  /* dlopen handle; NULL for the core's own */
	char *file;    /* where it was loaded from; NULL for the core's own */
	/* A component with a workflow is described by a copy whose actions
	 * include one per transition (workflow.c); these own that copy. */
	struct gn_plugin *with_transitions;
	struct gn_action *transition_actions;
	/* Its views with GN_FIELD_STATE filters made choices of its states. */
	struct gn_view *state_views;
	struct gn_filter *state_filters;
	const char **state_names;
	const char **state_titles;
};

struct registry {
	struct component *items;
	size_t n;
	struct strbuf problems; /* plugins refused, one line each */
};

/* The core's own components (core_org.c, core_login.c, core_audit.c). */
extern const struct gn_plugin core_org_component;
extern const struct gn_plugin core_login_component;
extern const struct gn_plugin core_audit_component;

/* The directory plugins are loaded from: $GOVNET_PLUGIN_DIR; the build
 * tree's plugins/ when this binary is the one in the build tree; else the
 * installed $(pkglibdir). */
const char *registry_plugin_dir(void);
/* Register the core's components and load every *.so in dir.  A plugin
 * that cannot be loaded, or was built for another ABI, is left out and
 * described in reg->problems. */
void registry_load(struct registry *reg, const char *dir);
/* Bring every component's schema up to date. */
int registry_migrate(struct registry *reg, sqlite3 *db, struct gn_err *err);
const struct gn_plugin *registry_find(const struct registry *reg, const char *name);
void registry_free(struct registry *reg);

const struct gn_action *component_action(const struct gn_plugin *c, const char *verb);
const struct gn_view *component_view(const struct gn_plugin *c, const char *name);
const struct gn_field *action_field(const struct gn_action *a, const char *name);
/* The label a component gives a column or field name (its views' columns,
 * then its actions' fields, then names every record may carry), or the
 * name itself: the front ends show these instead of column names. */
const char *component_label(const struct gn_plugin *c, const char *name);

#endif
