#include "config.h"
#include "settings.h"
#include "boundary.h"
#include "clock.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "govnet/banned.h"

/* Both compiled in (configure's --sysconfdir and --localstatedir). */
#define SYSTEM_CONF GN_SYSCONF_DIR "/govnet/govnet.conf"
#define INSTALLED_STORE GN_STATE_DIR "/govnet.db"

/* "key = value" lines; '#' starts a comment. */
static void read_conf(struct gn_config *cfg, const char *file, int want_db)
{
	FILE *f = fopen(file, "r");
	char line[4200];

	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		char *key = line, *eq = strchr(line, '='), *val, *end;
		if (!eq || line[0] == '#')
			continue;
		*eq = '\0';
		val = eq + 1;
		while (*key == ' ' || *key == '\t')
			key++;
		for (end = eq; end > key && (end[-1] == ' ' || end[-1] == '\t'); end--)
			end[-1] = '\0';
		while (*val == ' ' || *val == '\t')
			val++;
		val[strcspn(val, "\r\n#")] = '\0';
		for (end = val + strlen(val); end > val && (end[-1] == ' ' || end[-1] == '\t'); end--)
			end[-1] = '\0';
		if (strcmp(key, "db") == 0 && want_db && *val)
			snprintf(cfg->db_path, sizeof cfg->db_path, "%s", val);
		else if (strcmp(key, "timezone") == 0 && *val)
			snprintf(cfg->timezone, sizeof cfg->timezone, "%s", val);
	}
	fclose(f);
}

/* Installed, a store the user names is theirs: the store's group is given
 * up, so the file is opened with the user's rights alone (boundary.h). */
static void name_own_store(const struct gn_config *cfg, const char *system_db)
{
	char a[4096], b[4096];

	if (!boundary_installed())
		return;
	if (realpath(cfg->db_path, a) && realpath(system_db, b) && strcmp(a, b) == 0)
		return;
	boundary_drop();
}

int config_load(struct gn_config *cfg, const char *cli_db, int demo, struct gn_err *err)
{
	/* Installed set-group-ID, none of these may move the store (unless the
	 * real user is root); the configuration file is the compiled-in one. */
	const char *env_db = boundary_getenv("GOVNET_DB");
	const char *conf = boundary_getenv("GOVNET_CONF");
	char system_db[4096];

	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->timezone, sizeof cfg->timezone, "%s", CLOCK_DEFAULT_ZONE);
	read_conf(cfg, conf && *conf ? conf : SYSTEM_CONF, !demo);
	if (boundary_installed() && !cfg->db_path[0] && !demo)
		snprintf(cfg->db_path, sizeof cfg->db_path, "%s", INSTALLED_STORE);
	snprintf(system_db, sizeof system_db, "%s", cfg->db_path);
	if (!demo && cli_db)
		snprintf(cfg->db_path, sizeof cfg->db_path, "%s", cli_db);
	else if (!demo && env_db && *env_db)
		snprintf(cfg->db_path, sizeof cfg->db_path, "%s", env_db);
	if (!cfg->db_path[0]) {
		const char *data = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
		if (data && *data)
			snprintf(cfg->db_path, sizeof cfg->db_path, "%s/govnet/%s", data, demo ? "demo.db" : "govnet.db");
		else if (home && *home)
			snprintf(cfg->db_path, sizeof cfg->db_path, "%s/.local/share/govnet/%s", home,
				 demo ? "demo.db" : "govnet.db");
		else
			return err_set(err, GN_USAGE, "不知道数据库在哪里：请用 --db 或 GOVNET_DB 指定");
		cfg->db_is_default = 1;
	}
	if (strcmp(cfg->db_path, system_db) != 0 || demo)
		name_own_store(cfg, system_db);
	return clock_set_zone(cfg->timezone, err);
}

int config_make_parent(const char *path, struct gn_err *err)
{
	char dir[4096];

	snprintf(dir, sizeof dir, "%s", path);
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			return err_set(err, GN_REFUSED, "无法创建目录 %s：%s", dir, strerror(errno));
		*p = '/';
	}
	return 0;
}
