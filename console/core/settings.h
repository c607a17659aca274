/*
 * settings.h — where things are (DESIGN §4): the database from --db,
 * $GOVNET_DB, `db =` in /etc/govnet/govnet.conf ($GOVNET_CONF overrides the
 * file), else $XDG_DATA_HOME/govnet/govnet.db; the time zone from
 * `timezone =` in the same file, else Asia/Shanghai.
 */
#ifndef GN_SETTINGS_H
#define GN_SETTINGS_H

#include <stddef.h>
#include "err.h"

struct gn_config {
	char db_path[4096];
	char timezone[64];
	int db_is_default; /* no one chose it: its directory may be created */
};

/* Resolve the settings; cli_db is --db or NULL; demo picks demo.db. */
int config_load(struct gn_config *cfg, const char *cli_db, int demo, struct gn_err *err);
/* mkdir -p of the directory holding path. */
int config_make_parent(const char *path, struct gn_err *err);

#endif
