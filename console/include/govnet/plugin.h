/*
 * govnet/plugin.h — the one public header a govnet plugin builds against.
 *
 * A plugin describes; the core executes; the front ends render (DESIGN §2).
 * A plugin is a shared object that exports one function, govnet_plugin_entry(),
 * returning a pointer to a constant struct gn_plugin.  From that description
 * the command line offers `govnet <plugin> <verb> --field value`, the console
 * draws lists, detail panes and forms, and every change runs through the
 * core's one door (gn_door_run), which opens the transaction, checks role and
 * scope, runs the county rules, calls the handler, writes the audit entry and
 * commits.  A plugin never includes ncurses and never prints.
 *
 * ABI: struct gn_plugin begins with the ABI number it was built for.  The
 * loader reads that integer first and refuses a plugin of another ABI,
 * naming the file and both numbers.  Any change to a struct below, or to the
 * meaning of a function, bumps GN_PLUGIN_ABI.  The binary exports exactly
 * the functions declared here (console/plugin-api.sym) and nothing else.
 *
 * Adding a plugin, in the order a newcomer would do it:
 *
 *  1. plugins/<noun>/ with <noun>.h (its declarations), <noun>.c (the
 *     description: tables only), schema.c (its migrations), one .c file per
 *     group of handlers, demo.c.  Copy the shape of plugins/access/.
 *  2. Tables first, with designated initializers, each row citing the
 *     article it implements: the workflow's states and transitions (who may
 *     take each, the working-day deadline it starts), the actions' fields
 *     (types, bounds, choices), the views (SQL returning id and org_path).
 *     A rule stated in a table is not restated in a handler.
 *  3. Handlers: small functions that read gn_call_arg*, check what a table
 *     cannot say, read with gn_call_query_int (one value) or gn_call_query
 *     (rows), write with gn_call_exec (gn_call_last_insert_id after an
 *     INSERT), and refuse with gn_call_refuse_field naming the field, or
 *     gn_call_refuse_next naming the action to take first (never a command
 *     in the message).  Values are bound by type letters — "t" text, "i"
 *     int64_t, "d" double, "b" a blob (pointer and size_t length) … — never
 *     by hand through gn_call_db().  The door has already checked role,
 *     scope, field types and bounds, and will write the audit entry.
 *  4. Tables are the plugin's own: never read or write another plugin's.
 *     Organisations, deciding offices and access nodes are the core's
 *     (gn_call_org, gn_call_decider, gn_call_node*); other plugins' changes
 *     reach you through gn_plugin.on_event.
 *  5. A demo (gn_demo_run, gn_demo_story), then tests: tests/cli/<noun>.sh
 *     through the command line, tests/tui/<noun>.sh through the console.
 *  6. Makefile.am: a plugin_PROGRAMS entry and its sources, as for access;
 *     the last line of the description file is GN_PLUGIN_DEFINE(desc).
 */
#ifndef GOVNET_PLUGIN_H
#define GOVNET_PLUGIN_H

#include <stdint.h>
#include <stddef.h>
#include <sqlite3.h>

#define GN_PLUGIN_ABI 6
#define GN_PLUGIN_ENTRY_SYMBOL "govnet_plugin_entry"

/* Roles (Art 6–8).  An action lists the roles that may take it as a mask. */
enum gn_role {
	GN_ROLE_OFFICE = 1u << 0,   /* 主管部门: competent authority (市政务办, county counterparts) */
	GN_ROLE_OPERATOR = 1u << 1, /* 运行管理机构: operating agency (市大数据管理中心 …) */
	GN_ROLE_DEPT = 1u << 2,     /* 接入部门: a connecting department */
	GN_ROLE_AUDITOR = 1u << 3,  /* read-only */
	GN_ROLE_ADMIN = 1u << 4,    /* manages organisations and logins */
};
#define GN_ROLES_ALL 0x1fu

/* What a field holds; the front ends pick an editor and a validator from it. */
enum gn_field_type {
	GN_FIELD_TEXT,     /* one line of text */
	GN_FIELD_LONGTEXT, /* several lines */
	GN_FIELD_INT,      /* a whole number */
	GN_FIELD_DATE,     /* YYYY-MM-DD */
	GN_FIELD_CHOICE,   /* one of .choices */
	GN_FIELD_ORG,      /* an organisation, by name or code */
	GN_FIELD_CIDR,     /* an IPv4 or IPv6 prefix */
	GN_FIELD_FLAG,     /* present or absent (a command-line switch) */
	GN_FIELD_ID,       /* the id of a record of the action's table */
	GN_FIELD_LOGIN,    /* a login name */
	GN_FIELD_FILE,     /* a file given by path; the handler receives
			      "<sha256 hex> <file name>", the content never */
	GN_FIELD_STATE,    /* in a filter: one of the plugin's workflow states,
			      the names of its gn_state table */
	GN_FIELD_TEXT_FILE, /* a text file given by path (with GN_FIELD_URL, or
			       an http(s) URL): the core reads it at the edge,
			       with the user's own rights, at most max_chars
			       bytes of UTF-8, Windows line ends as newlines;
			       the handler receives the content, judges its
			       form, and learns where it came from with
			       gn_call_arg_source */
};

enum {
	GN_FIELD_REQUIRED = 1u << 0,
	GN_FIELD_POSITIONAL = 1u << 1, /* may be given without --name */
	GN_FIELD_URL = 1u << 2,        /* GN_FIELD_TEXT_FILE: an http(s) URL too */
	GN_FIELD_MULTIPLE = 1u << 3,   /* may be given more than once (gn_call_arg_nth);
					  as scope_field, the door checks the first */
};

/*
 * A field of an action or a transition.  Write tables with designated
 * initializers: { .name = "traffic", .label = "预测流量（Mbps）",
 * .type = GN_FIELD_INT, .flags = GN_FIELD_REQUIRED, .min = 1, .max = 100000 }.
 * The core checks every value against its field before the handler runs,
 * for the command line and the console alike: a handler never restates a
 * bound the table states.
 */
struct gn_field {
	const char *name;  /* --name on the command line, key in JSON */
	const char *label; /* shown beside the field in forms */
	enum gn_field_type type;
	unsigned flags;
	unsigned max_chars;          /* 0: the core's default (200) */
	const char *const *choices;  /* GN_FIELD_CHOICE: NULL-terminated */
	const char *help;            /* one line for --help */
	/* GN_FIELD_INT: the inclusive bounds when max > min; otherwise any
	 * whole number from 0 up. */
	int64_t min, max;
	/* GN_FIELD_CHOICE: what a person reads for each choice, in the order
	 * of .choices (县区 for county), or NULL when the codes read as they
	 * are (A, AAAA).  Forms show and offer the titles and send the code;
	 * --help lists each code with its title. */
	const char *const *choice_titles;
};

/* A column of a view.  The view's SQL must return a column of that name. */
struct gn_column {
	const char *name;
	const char *label;
	unsigned width;   /* preferred display width in cells */
	unsigned flags;
};
enum {
	GN_COLUMN_HIDDEN = 1u << 0,
	GN_COLUMN_RIGHT = 1u << 1,
	/* An identifier (a CIDR, a domain, a date, a code): the front ends
	 * never cut it.  Columns whose visible values are all single ASCII
	 * words are taken as identifiers without the flag, and so are codes
	 * shown by their titles and times (columns named *_title, at, *_at). */
	GN_COLUMN_KEY = 1u << 2,
	/* A yes-or-no value (0 or 1): --json prints true or false
	 * (govnet-json(5)); a show's SQL says the same with gn_bool(x). */
	GN_COLUMN_BOOLEAN = 1u << 3,
};

/*
 * A filter a list accepts: `--name value` on the command line.  sql is a
 * condition on the view's columns with one `?` for the value, for example
 * "state = ?" (type GN_FIELD_STATE offers the workflow's states).  A GN_FIELD_FLAG filter has no `?`; GN_FIELD_ORG filters are
 * given the organisation's materialised path (see org.h) and usually read
 * "org_path LIKE ? || '%'".
 */
struct gn_filter {
	const char *name;
	const char *label;
	enum gn_field_type type;
	const char *sql;
	const char *const *choices;
	/* What a person reads for each choice, as gn_field.choice_titles
	 * (ABI 6); a GN_FIELD_STATE filter reads its states' titles. */
	const char *const *choice_titles;
	/* A GN_FIELD_FLAG filter whose rows a scope-key table marks
	 * (GN_SCOPE_KEY_MIGRATION, below): the list then reads that table
	 * for every scope, its rows meeting scope_key (a condition on
	 * s.scope_key), in id order through a partial index the plugin adds
	 * on (scope_org_id, scope_record_id, scope_key) for the rows it
	 * marks: a page walks those rows, not the whole scope.  NULL: none. */
	const char *scope_table, *scope_key;
};

/*
 * A view: a list the console shows as a tab and `govnet <plugin> list
 * --view NAME` prints.  sql selects rows; it must return the columns `id`
 * and `org_path` (the owning organisation's path), which the core uses for
 * keyset pagination and to hide what lies outside the reader's scope.  The
 * core wraps it: SELECT … FROM (sql) WHERE <scope> AND <filters> AND id > ?
 * ORDER BY id LIMIT ?.  Named parameters :now (ISO 8601 time), :today
 * (YYYY-MM-DD), :login and :role (the login's role bit) are bound when the
 * SQL uses them.  The SQL function gn_state_title(component, state) gives a
 * workflow state's title; the aggregate gn_sparkline(value) draws the values
 * it is given, in order, as one line of ▁▂▃▄▅▆▇█ (NULL as "x"); the core table wf_clock(component, record_id,
 * state, waiting_on, article, what, due) holds each record's running
 * deadline (due is NULL while the clock is paused).
 */
struct gn_view {
	const char *name;
	const char *title;
	const char *sql;
	const struct gn_column *columns; /* terminated by { NULL } */
	const struct gn_filter *filters; /* terminated by { NULL }, or NULL */
	const char *theme_element;       /* rows whose `_style` column is non-NULL use this element, or NULL */
	const char *order_by;            /* the column rows are ordered by, or NULL for id */
	const char *scope_table;         /* the rows' GN_SCOPE_MIGRATION table, or NULL: see below */
	const char *scope_key;           /* order_by kept in scope_table as scope_key (GN_SCOPE_KEY_MIGRATION):
					    the condition on s.scope_key the view's rows meet, or NULL */
};

/*
 * Reading a scope's page in key order.  A subtree of organisations is a
 * range of paths, but a page is ordered by id: a county office's first 50
 * would make SQLite collect and sort the whole county.  A scope table holds
 * one row per (organisation above or at the record's owner, record id), so
 * the page of any scope — the city, a county, a department — is the first
 * rows of one index range, already in id order.  The triggers keep it right
 * as records are added, change owner or go, and as organisations move.
 * A plugin adds GN_SCOPE_MIGRATION("its_table") to a migration (the table
 * must have id and org_id) and names "its_table_scope" in its views'
 * scope_table; a view's id must then be that table's id.
 */
#define GN_SCOPE_IDS(path) "json_each('[' || replace(trim(" path ", '/'), '/', ',') || ']')"
#define GN_SCOPE_MIGRATION(t) \
	"CREATE TABLE " t "_scope (" \
	"  scope_org_id INTEGER NOT NULL," \
	"  scope_record_id INTEGER NOT NULL," \
	"  PRIMARY KEY (scope_org_id, scope_record_id)) WITHOUT ROWID;" \
	"CREATE INDEX " t "_scope_record ON " t "_scope(scope_record_id);" \
	"INSERT INTO " t "_scope SELECT j.value, r.id FROM " t " r JOIN org o ON o.id = r.org_id, " \
	GN_SCOPE_IDS("o.path") " j;" \
	"CREATE TRIGGER " t "_scope_insert AFTER INSERT ON " t " BEGIN" \
	"  INSERT INTO " t "_scope SELECT j.value, NEW.id FROM org o, " GN_SCOPE_IDS("o.path") " j" \
	"  WHERE o.id = NEW.org_id; END;" \
	"CREATE TRIGGER " t "_scope_owner AFTER UPDATE OF org_id ON " t " BEGIN" \
	"  DELETE FROM " t "_scope WHERE scope_record_id = OLD.id;" \
	"  INSERT INTO " t "_scope SELECT j.value, NEW.id FROM org o, " GN_SCOPE_IDS("o.path") " j" \
	"  WHERE o.id = NEW.org_id; END;" \
	"CREATE TRIGGER " t "_scope_delete AFTER DELETE ON " t " BEGIN" \
	"  DELETE FROM " t "_scope WHERE scope_record_id = OLD.id; END;" \
	"CREATE TRIGGER " t "_scope_org_moved AFTER UPDATE OF path ON org WHEN NEW.path GLOB '/*' BEGIN" \
	"  DELETE FROM " t "_scope WHERE scope_record_id IN (SELECT id FROM " t " WHERE org_id = NEW.id);" \
	"  INSERT INTO " t "_scope SELECT j.value, r.id FROM " t " r, " GN_SCOPE_IDS("NEW.path") " j" \
	"  WHERE r.org_id = NEW.id; END;"

/*
 * A view ordered by another column than id (a due date) reads a scope's page
 * in that order from a scope table that carries the column as scope_key,
 * with an index (scope_org_id, scope_key, scope_record_id): the city, a
 * county and a department each read one index range, sorting nothing.  A
 * migration after GN_SCOPE_MIGRATION(t) adds GN_SCOPE_KEY_MIGRATION(t, type,
 * key), which makes the table t_scope_key, a copy of t_scope's rows kept by
 * triggers on it, each with its key: the value for the record whose id is
 * scope_record_id, as a scalar subquery (NULL for a record the view never
 * shows), of the column type ("TEXT", "INTEGER") the view's column has.  A GN_SCOPE_KEY_SOURCE for each table the value is read from keeps
 * the key right as that table's rows come, change and go (when_new and
 * when_old tell its rows that matter, as conditions on NEW and OLD).  The
 * view names "t_scope_key" as its scope_table and in scope_key the
 * condition on s.scope_key its rows meet ("s.scope_key IS NOT NULL",
 * "s.scope_key < :today"), so that a page reads only that range.
 */
#define GN_SCOPE_KEY_MIGRATION(t, type, key) \
	"CREATE TABLE " t "_scope_key (" \
	"  scope_org_id INTEGER NOT NULL," \
	"  scope_record_id INTEGER NOT NULL," \
	"  scope_key " type ");" \
	"CREATE INDEX " t "_scope_key_order ON " t "_scope_key(scope_org_id, scope_key, scope_record_id);" \
	"CREATE INDEX " t "_scope_key_record ON " t "_scope_key(scope_record_id);" \
	"INSERT INTO " t "_scope_key SELECT scope_org_id, scope_record_id, " key " FROM " t "_scope;" \
	"CREATE TRIGGER " t "_scope_key_insert AFTER INSERT ON " t "_scope BEGIN" \
	"  INSERT INTO " t "_scope_key SELECT s.scope_org_id, s.scope_record_id, " key " FROM " t "_scope s" \
	"  WHERE s.scope_org_id = NEW.scope_org_id AND s.scope_record_id = NEW.scope_record_id; END;" \
	"CREATE TRIGGER " t "_scope_key_delete AFTER DELETE ON " t "_scope BEGIN" \
	"  DELETE FROM " t "_scope_key WHERE scope_record_id = OLD.scope_record_id" \
	"  AND scope_org_id = OLD.scope_org_id; END;"
#define GN_SCOPE_KEY_SOURCE(t, key, source, record, when_new, when_old) \
	"CREATE TRIGGER " t "_scope_key_" source "_insert AFTER INSERT ON " source " WHEN " when_new " BEGIN" \
	"  UPDATE " t "_scope_key SET scope_key = " key " WHERE scope_record_id = NEW." record "; END;" \
	"CREATE TRIGGER " t "_scope_key_" source "_update AFTER UPDATE ON " source \
	"  WHEN (" when_new ") OR (" when_old ") BEGIN" \
	"  UPDATE " t "_scope_key SET scope_key = " key " WHERE scope_record_id IN (OLD." record ", NEW." record "); END;" \
	"CREATE TRIGGER " t "_scope_key_" source "_delete AFTER DELETE ON " source " WHEN " when_old " BEGIN" \
	"  UPDATE " t "_scope_key SET scope_key = " key " WHERE scope_record_id = OLD." record "; END;"

struct gn_call;

/*
 * Probes (Art 13): an action that checks addresses over the network
 * (gn_action.probe).  A server that hangs must not hold the store, so the
 * door splits the action in three, and the store's lock is never held
 * while the network is waited on:
 *
 *  1. With no transaction open, the door checks the login's role, then
 *     reads the targets in one short read: targets_sql returns rows of
 *     (target INTEGER, url TEXT, org_path TEXT), with ?1 bound to the
 *     record the action's "id" field names (NULL when it is absent) and
 *     :now, :today bound as in views.  Rows outside the login's scope are
 *     dropped.  Then the read ends.
 *  2. With nothing of the store held, every URL is requested at once
 *     (libcurl's multi interface, a bounded number in flight), each with
 *     a connect timeout and a total timeout, TLS certificates and host
 *     names verified, redirects not followed.  The action's fields, when
 *     it has them: "timeout" (GN_FIELD_INT, seconds) replaces timeout_s;
 *     "ca-file" (GN_FIELD_TEXT_FILE, read at the edge with the user's
 *     rights) holds PEM certificates trusted instead of the system's (a
 *     city's own CA).
 *  3. The action then runs through the door like any other change:
 *     BEGIN IMMEDIATE, role and scope checked again, the handler reading
 *     the results with gn_call_probe() and recording them, the audit
 *     entry, COMMIT: one short write.
 *
 * How it fails.  A URL that does not answer, answers late, or shows a
 * certificate that is not trusted is a result, not a failure (its error
 * says which).  Refused before any request is made, nothing written: a
 * role that may not take the action, libcurl missing or unable to take
 * the CA file, an "id" naming no record, and any probe inside a caller's
 * transaction (govnet import), which would hold the lock over the
 * network.  Refused after the requests, nothing written: whatever
 * refuses any change (a login disabled meanwhile, a busy store past its
 * timeout, the handler).  Targets may have changed between the read and
 * the write: the handler records a result only for a target that still
 * exists, and a target added meanwhile waits for the next run.
 */
struct gn_probe {
	const char *targets_sql;
	int connect_timeout_s; /* 0: GN_PROBE_CONNECT_TIMEOUT_S */
	int timeout_s;         /* 0: GN_PROBE_TIMEOUT_S; the whole request, connection included */
};
#define GN_PROBE_CONNECT_TIMEOUT_S 3
#define GN_PROBE_TIMEOUT_S 10

/* One URL's result, as the handler reads it (gn_call_probe). */
struct gn_probe_result {
	int64_t target;     /* the targets_sql row's target */
	const char *url;
	const char *at;     /* when the requests started (ISO 8601, GOVNET_NOW aware) */
	long http_status;   /* 0: no answer */
	/* NULL when the server answered (whatever its status); else why it
	 * did not: "dns", "refused", "timeout", "tls" or "other". */
	const char *error;
	const char *detail; /* the reason in Chinese for the user, "" when there is none */
	int64_t ms;         /* from the start of the request to its end */
	int64_t cert_days;  /* whole days left on the server's certificate (negative: expired);
			       INT64_MIN when unknown (plain HTTP, no answer) */
};

/*
 * An action: a verb with typed fields and the roles allowed to take it.
 * The core checks role and scope, then calls run() inside the transaction.
 *
 * table names the record the action changes.  The audit entry holds that
 * record's row before and after (as JSON).  For an existing record the
 * action has a GN_FIELD_ID field named "id"; scope is then the organisation
 * in the record's scope_column (default "org_id").  For a new record, scope
 * is the organisation given in the GN_FIELD_ORG field named by scope_field,
 * and run() reports the new id with gn_call_set_id().
 */
struct gn_action {
	const char *verb;
	const char *title;
	unsigned roles;
	const struct gn_field *fields; /* terminated by { NULL } */
	const char *table;
	const char *scope_column; /* NULL: "org_id" */
	const char *scope_field;  /* the GN_FIELD_ORG field naming the organisation acted for */
	int (*run)(struct gn_call *call);
	unsigned flags;
	const char *article; /* "Art 11": cited in refusals and in help */
	const struct gn_probe *probe; /* a probe (see above), or NULL */
};
enum {
	GN_ACTION_DESTRUCTIVE = 1u << 0, /* the console asks for confirmation */
	GN_ACTION_CREATES = 1u << 1,     /* makes a new record */
	/* Changes nothing: runs in a read transaction that is rolled back,
	 * writes no audit entry, and answers with gn_call_emit_* (a report
	 * such as `ip free` or `zone export`). */
	GN_ACTION_READONLY = 1u << 2,
	/* A published read: another component's or the core's way in (the
	 * Art 12 filing, a month's figures), on the command line too, but not
	 * something to do to the record a console menu is open on. */
	GN_ACTION_PUBLISHED = 1u << 3,
};

/* A schema migration.  Versions count from 1 per component; each runs once. */
struct gn_migration {
	int version;
	const char *sql;
};

/* How `govnet <plugin> show KEY` finds and prints one record. */
struct gn_record {
	const char *table;
	const char *title;
	const char *show_sql; /* one row for ?1 = id; returns id and org_path */
	const char *key_sql;  /* id for ?1 = a textual key (name, code, login), or NULL */
};

/*
 * Workflows (DESIGN §1–2): states and the transitions between them, each
 * with the roles that may take it and the statutory deadline it starts,
 * counted in working days on the State Council's holiday schedule.  The
 * core turns every transition into an action (its verb on the command
 * line, a row action in the console), keeps the history and the clock,
 * and answers "due soon", "overdue" and "met late".
 */
enum {
	GN_STATE_PAUSED = 1u << 0, /* the clock stops here (returned for supplement) */
	GN_STATE_FINAL = 1u << 1,  /* nothing is due any more */
};

struct gn_state {
	const char *name;    /* stored in the record's `state` column */
	const char *title;   /* 中文 */
	unsigned flags;
	unsigned waiting_on; /* the roles whose move it is in this state (their queue) */
};

/* A deadline a transition starts: N working days, named for its article. */
struct gn_deadline {
	int workdays;        /* 0: no deadline */
	const char *article; /* "Art 11" */
	const char *what;    /* "审核" */
};

enum {
	GN_TRANSITION_NEEDS_REASON = 1u << 0,  /* --reason is required (a rejection, Art 11) */
	GN_TRANSITION_NEEDS_COMMENT = 1u << 1, /* --comment is required */
	GN_TRANSITION_RESUMES = 1u << 2,       /* resumes the clock paused before: the days used count */
	GN_TRANSITION_CLOSES = 1u << 3,        /* the act the running deadline was for: closes it,
						  recording whether it was met */
};

struct gn_transition {
	const char *verb;  /* "approve" */
	const char *from;  /* space-separated states: "draft submitted returned" */
	const char *to;
	unsigned roles;
	const char *title;
	const char *article; /* cited in refusals: "Art 11" */
	struct gn_deadline deadline;
	unsigned flags;
	const struct gn_field *fields; /* extra fields beyond id, comment and reason */
	/* Extra checks and work inside the transaction, after the state check
	 * and before the state changes; may refuse.  NULL for none. */
	int (*run)(struct gn_call *call);
};

struct gn_workflow {
	const char *table;   /* records with columns id, org_id and state */
	const struct gn_state *states;           /* terminated by { NULL } */
	const struct gn_transition *transitions; /* terminated by { NULL } */
};

struct gn_demo;
#define GN_DEMO_LATER 1

struct gn_plugin {
	int abi;               /* GN_PLUGIN_ABI: read first by the loader */
	const char *name;      /* the noun on the command line: lower-case ASCII */
	const char *title;     /* the tab title in the console */
	const char *version;   /* the plugin's own release */
	const struct gn_migration *migrations; /* terminated by { 0 } */
	const struct gn_record *record;
	const struct gn_view *views;     /* terminated by { NULL } */
	const struct gn_action *actions; /* terminated by { NULL } */
	/* Fills a new demo database with this plugin's records (`govnet init
	 * --demo`), through gn_demo_run; NULL when it has none.  Returns 0,
	 * -1 on failure, or GN_DEMO_LATER when the records it builds on (another
	 * plugin's) are not there yet: it is called again once every other
	 * plugin's demo has run. */
	int (*demo)(struct gn_demo *demo);
	/* States and transitions of the plugin's record, or NULL. */
	const struct gn_workflow *workflow;
	/*
	 * Reacts to a change another component made (DESIGN §2: every
	 * transition is an event other parts can hook); NULL when the plugin
	 * does not.  The door calls it inside that change's transaction, once
	 * the change's audit entry is written and before notifications are
	 * queued, for every loaded plugin that has it except the one that
	 * made the change (a plugin sees its own changes in its handlers).
	 * Read-only reports are never passed on.
	 *
	 * call is the change reacted to: gn_call_component() and
	 * gn_call_verb() say what happened, gn_call_arg_int(call, "id", 0)
	 * to which record, gn_call_arg() the values given; gn_call_login()
	 * and gn_call_role() are the acting login's.  The door checked that
	 * login's role and scope for the change itself, not for what the
	 * reacting plugin does.  Return 0, or refuse with gn_call_refuse():
	 * the whole change rolls back and the user sees the message, so a
	 * refusal should name what stands in the way.  Text given with
	 * gn_call_emit_text() is shown after the change's own.
	 *
	 * Audit: what the plugin writes (gn_call_exec) belongs to the
	 * change it reacted to, committing or rolling back with it.  It gets
	 * no audit entry of its own: the change's entry (who, when, why, the
	 * record before and after) stands for the whole of it.
	 */
	int (*on_event)(struct gn_call *call);
};

/* A constant as SQL text, so that a migration's CHECK or trigger states
 * the same bound as the field table: GN_SQL_INT(ACCESS_TRAFFIC_MAX). */
#define GN_SQL_INT(x) GN_SQL_INT_TEXT(x)
#define GN_SQL_INT_TEXT(x) #x

/* The one symbol a plugin exports. */
typedef const struct gn_plugin *(*gn_plugin_entry_fn)(void);
const struct gn_plugin *govnet_plugin_entry(void);

/* Defines that symbol for a plugin described by `desc` (a static const
 * struct gn_plugin): the last line of a plugin's description file. */
#define GN_PLUGIN_DEFINE(desc)                                                        \
	__attribute__((visibility("default"))) const struct gn_plugin *govnet_plugin_entry(void) \
	{                                                                             \
		return &(desc);                                                       \
	}

/*
 * ---- What a handler may call ------------------------------------------------
 *
 * These calls are valid while the core runs one of the plugin's functions
 * (gn_action.run, gn_transition.run, gn_plugin.on_event) with that call.
 * They come in three kinds, and each says which it is:
 *
 *  - reading the call: never fails.  A returned string lives until the
 *    handler returns; copy it to keep it.
 *  - refusing: returns -1 having set the message the user sees (the
 *    change rolls back); a handler that gets -1 from a call returns -1 at
 *    once and must not refuse a second time.
 *  - writing: 0, or -1 as a refusal.
 */

/* The store, inside the open transaction (reading the call).  Prefer
 * gn_call_exec and gn_call_query, which bind every value a plugin needs;
 * never BEGIN, COMMIT or ROLLBACK. */
sqlite3 *gn_call_db(struct gn_call *call);
/* A field's value as given, or NULL when absent (reading the call).
 * Already checked: valid UTF-8, within max_chars, of the declared type and
 * within its bounds. */
const char *gn_call_arg(struct gn_call *call, const char *name);
/* The i-th value (from 0) of a GN_FIELD_MULTIPLE field, or NULL past the
 * last (reading the call; each value was checked like the first). */
const char *gn_call_arg_nth(struct gn_call *call, const char *name, size_t i);
/* Where a GN_FIELD_TEXT_FILE field's content came from: the file's real
 * path or the URL, or NULL when absent (reading the call). */
const char *gn_call_arg_source(struct gn_call *call, const char *name);
/* A GN_FIELD_INT or GN_FIELD_ID field, or fallback when absent (reading the
 * call; the value was checked to be a whole number). */
int64_t gn_call_arg_int(struct gn_call *call, const char *name, int64_t fallback);
/* A GN_FIELD_ORG field resolved to the organisation's id: 0 when absent,
 * -1 refusing (the message names the field) when it names no organisation
 * or several. */
int64_t gn_call_arg_org(struct gn_call *call, const char *name);
/* The component that takes the action (its name, as on the command line)
 * and the action's verb ("revoke", "pool add").  In gn_plugin.on_event
 * these name the change reacted to, not the plugin reacting. */
const char *gn_call_component(struct gn_call *call);
const char *gn_call_verb(struct gn_call *call);
/* The acting login, its role, and the current time (ISO 8601, GOVNET_NOW
 * aware; the same instant for the whole change). */
const char *gn_call_login(struct gn_call *call);
enum gn_role gn_call_role(struct gn_call *call);
const char *gn_call_now(struct gn_call *call);
/* The organisation the door checked the action against: the record's
 * (scope_column) or the one named by scope_field; 0 for a city-wide action.
 * Read it instead of looking the organisation up again. */
int64_t gn_call_org_id(struct gn_call *call);
/* The organisation the acting login is scoped to. */
int64_t gn_call_actor_org(struct gn_call *call);
/* The record a creating action made (writing; cannot fail). */
void gn_call_set_id(struct gn_call *call, int64_t id);

/* Refuse the change: the message reaches the user; the transaction rolls
 * back.  Always returns -1. */
int gn_call_refuse(struct gn_call *call, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The same, naming the field the refusal is about (its name, as in the
 * field table), so the console can show the message beside it. */
int gn_call_refuse_field(struct gn_call *call, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * Refuse, saying what the user should do first: the action (component and
 * verb, as on the command line) on record id (0 when the action takes no
 * record).  The message says why, without naming a command; each front
 * end adds the step its own way — the command line "；请先运行 govnet
 * system file 3", the console the action's title and how to choose it.
 * Always returns -1, like gn_call_refuse.  component and verb are copied
 * (the call keeps nothing of them after it returns); a name too long to
 * be an action's (31 bytes) is dropped and the refusal stands without a
 * step.  A step naming no installed action is not shown.
 */
int gn_call_refuse_next(struct gn_call *call, const char *component, const char *verb, int64_t id, const char *fmt,
			...) __attribute__((format(printf, 5, 6)));
/* The same, naming also the field the refusal is about, as
 * gn_call_refuse_field does: the console shows the message and the step
 * beside that field. */
int gn_call_refuse_field_next(struct gn_call *call, const char *field, const char *component, const char *verb,
			      int64_t id, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Refuse with SQLite's message for the call's database and some context. */
int gn_call_sqlite_error(struct gn_call *call, const char *what);

/*
 * SQL inside the transaction, parameters bound in order as types says,
 * one letter (and its arguments) per parameter:
 *   "t" const char *, text; NULL binds NULL
 *   "z" const char *, text, or NULL when NULL or empty
 *   "i" int64_t        "n" int        "d" double
 *   "b" a blob as two arguments, const void * and size_t (its length in
 *       bytes, NUL bytes included); NULL binds NULL, a pointer with
 *       length 0 an empty blob.
 * Every value is copied when bound: a buffer need only live through the
 * call that binds it.  A letter not listed here, or a value SQLite will
 * not take (a blob past its length limit), refuses naming the
 * parameter's number, as an SQL error does; a value past the statement's
 * last parameter is ignored (one list may serve an UPDATE and an INSERT).
 * A parameter to leave out is bound NULL and the SQL says what NULL
 * means: `(?1 IS NULL OR col = ?1)`, `coalesce(?1, col)`, `nullif(?1, 0)`;
 * or write two statements.
 *
 * gn_call_exec runs one statement that returns no rows: 0, or -1 refusing
 * with SQLite's message.
 * gn_call_query_int reads the first column of the first row: 1 with *out
 * set, 0 when there is no row or the value is NULL (*out untouched), -1
 * refusing.
 * gn_call_query gives a statement for reading rows, bound: step it with
 * sqlite3_step, read columns with sqlite3_column_* (what those return
 * lives until the next step), and give it back with gn_call_done before
 * the handler returns — never sqlite3_finalize: the statement is
 * prepared once per connection and kept (an import runs the same few
 * statements on thousands of rows), so sql should be a string literal;
 * NULL refusing.  gn_call_done(call, NULL) does nothing.
 * gn_call_rebind binds a statement from gn_call_query afresh, for running
 * it again in a loop: the statement is reset, its old values cleared, and
 * types bound as above; 0, or -1 refusing (the statement is still the
 * caller's to give back).
 * gn_call_last_insert_id is the rowid of the row the last successful
 * INSERT on the store added (reading the call): read it right after the
 * gn_call_exec that inserted, before anything else writes.
 */
int gn_call_exec(struct gn_call *call, const char *sql, const char *types, ...);
int gn_call_query_int(struct gn_call *call, int64_t *out, const char *sql, const char *types, ...);
sqlite3_stmt *gn_call_query(struct gn_call *call, const char *sql, const char *types, ...);
int gn_call_rebind(struct gn_call *call, sqlite3_stmt *st, const char *types, ...);
void gn_call_done(struct gn_call *call, sqlite3_stmt *st);
int64_t gn_call_last_insert_id(struct gn_call *call);

/* An organisation as handlers and county rules see it (Art 6–8). */
struct gn_org {
	int64_t id, parent_id;   /* parent_id 0 for the city */
	char code[64];           /* "" when it has none */
	char name[200];
	char kind[16];           /* city, county, zone, authority, agency, dept, unit */
	char path[256];          /* "/1/5/23/": ids from the city down */
	char parent[200];        /* the parent's name, "" for the city */
	int64_t city_id;         /* the city at the root of the tree */
	/* The county-level division or functional zone it lies in (itself
	 * when it is one); county_id 0 at city level. */
	int64_t county_id;
	char county[200], county_code[64];
};
/* Read organisation org_id into *org: 0, or -1 refusing when there is
 * none. */
int gn_call_org(struct gn_call *call, int64_t org_id, struct gn_org *org);
/* Whether the acting login's scope covers an organisation: 1 or 0 (an
 * organisation that does not exist is not in scope). */
int gn_call_in_scope(struct gn_call *call, int64_t org_id);

/*
 * Who decides (Art 9–10, 17, 30): the competent authority for a record of
 * organisation org_id is its county-level division's office, or the
 * city's for a city-level organisation and for a record that involves both
 * levels (cross_level, Art 10).  A county's rules may route its own
 * records to another office (route(), Art 30); never a cross-level one.
 *
 * gn_call_decider fills *office with that organisation: 0, or -1 refusing
 * (a rule failed, the organisation does not exist, or a rule named an
 * office that does not cover it).  Both remember the office on the call:
 * the deadline a transition starts is then that office's, and only its
 * county's rules may shorten it (Art 10, 30); the workflow keeps it with
 * the record's clock (wf_clock.decider_org, which a queue view compares
 * with :actor_org).  Call gn_call_decider when a record is submitted.
 * gn_call_check_decider refuses unless the acting login belongs to the
 * office kept with the record (computed as above when none is kept),
 * citing article (NULL: the action's): 0 when it does, -1 refusing.
 */
int gn_call_decider(struct gn_call *call, int64_t org_id, int cross_level, struct gn_org *office);
int gn_call_check_decider(struct gn_call *call, int64_t org_id, int cross_level, const char *article);

/*
 * Access nodes (Art 9, 17, 26): a department's connection to the extranet,
 * a shared entity the core keeps for every plugin.  Views may read the
 * core's table node(id, org_id, request_id, location, bandwidth, state,
 * since, created_at, imported_at); every change goes through these calls, which check
 * the state table below, record the change in the node's history
 * (node_event) and tell every plugin (gn_plugin.on_event with component
 * "node", the verb the new state's, and the node's id as "id").
 *
 *   active        在用     made by gn_call_node_create (Art 9, 11)
 *   disconnected  已断开   from active, by the operating agency (Art 26)
 *   active        在用     from disconnected: reconnected (Art 26)
 *   revoked       已撤销   from active (Art 17); a disconnected node is
 *                          reconnected first
 */
struct gn_node {
	int64_t id, org_id;
	int64_t request_id;   /* the access request behind it; 0 when imported */
	int64_t bandwidth;    /* Mbps */
	char location[200];
	char state[16];       /* active, disconnected, revoked */
	char since[32];       /* when it entered that state (ISO 8601) */
};
/* Read node id: 0, or -1 refusing when there is none. */
int gn_call_node(struct gn_call *call, int64_t id, struct gn_node *node);
/* Make an active node of organisation org_id: 0 with *id set, or -1. */
int gn_call_node_create(struct gn_call *call, int64_t org_id, int64_t request_id, const char *location,
			int64_t bandwidth, int64_t *id);
/* Register an active node of organisation org_id that was in service
 * before govnet (an imported ledger): no access request, no workflow
 * history, no deadline; marked imported (node.imported_at), in service
 * since `since` (YYYY-MM-DD, NULL for now; not after today).  0 with *id
 * set, or -1 refusing (out of scope, a date in the future). */
int gn_call_node_import(struct gn_call *call, int64_t org_id, const char *location, int64_t bandwidth,
			const char *since, int64_t *id);
/* Move node id to state ("active", "disconnected", "revoked") for reason:
 * 0, or -1 refusing when the node is out of the login's scope or the move
 * is not in the state table (the message says which moves are). */
int gn_call_node_set_state(struct gn_call *call, int64_t id, const char *state, const char *reason);

/*
 * A duty on a calendar date, not in working days (the next 等保 evaluation,
 * a yearly drill, a periodic inspection): `govnet due` and the Overview show
 * it beside the workflows' deadlines, counted in calendar days and saying
 * so.  One per record and kind ("dengbao", "drill"); the roles in
 * waiting_on see it in their queue (--mine).  A NULL or empty due removes
 * it.  0, or -1 refusing.
 */
int gn_call_obligation(struct gn_call *call, int64_t record_id, const char *kind, int64_t org_id,
		       const char *article, const char *what, const char *due, unsigned waiting_on);

/*
 * Tell the people subscribed to this plugin's event ("notice" for the
 * plugin "change": change.notice) for organisation org_id or any above it
 * (govnet notify subscribe): text is queued in the outbox within the
 * current change and delivered by the next delivery pass.  The door itself
 * tells the subscribers of the change's own event for the organisation it
 * was made for, so that one is not queued twice.  The number of messages
 * queued (0 when nobody subscribed), or -1 refusing.
 */
int gn_call_notify(struct gn_call *call, int64_t org_id, const char *event, const char *text);

/*
 * Tell one person (name, phone: an Art 12 responsible person) about this
 * plugin's event, without anyone subscribing: text is queued on every
 * channel the city set up to reach people (notify channel add --contacts,
 * an SMS gateway), which receives "to": {name, phone} with it.  The number
 * of messages queued (0 when no such channel exists, or no phone), or -1
 * refusing.
 */
int gn_call_notify_person(struct gn_call *call, int64_t org_id, const char *event, const char *name,
			  const char *phone, const char *text);

/*
 * Working days on the State Council's schedule (DESIGN §1: the day itself
 * is not counted): the date `days` working days after date (YYYY-MM-DD)
 * into out.  *provisional (may be NULL) is set when the count crosses a
 * year whose schedule is not imported yet.  0, or -1 refusing.
 */
int gn_call_add_workdays(struct gn_call *call, const char *date, int days, char out[11], int *provisional);

/*
 * Another plugin's records, without reading its tables: the record of
 * component found by key as `govnet <component> show KEY` finds it (an id,
 * a name, a CIDR …).  0 with *id and *org_id (its owning organisation, 0
 * when it has none; org_id may be NULL) set; -1 refusing, naming field,
 * when there is no such record or the component is not installed.
 */
int gn_call_record(struct gn_call *call, const char *component, const char *key, const char *field, int64_t *id,
		   int64_t *org_id);
/*
 * Tell the other plugins of a change this plugin made to record id of its
 * table as part of the current change, beyond the record the action is
 * about (a block released with a revoked node): they hear it through
 * gn_plugin.on_event as this component and verb.  0, or -1 when one of
 * them refused (the change rolls back).
 */
int gn_call_announce(struct gn_call *call, const char *verb, const char *table, int64_t id);

/*
 * The record a change is about, as it was before the change: a column's
 * value as text, or NULL (no such column, NULL, or a new record).  In a
 * handler, the record the door read before calling it; in on_event, the
 * record the change reacted to (for an announced change, as it was when
 * announced).  The string lives until the handler returns.
 */
const char *gn_call_before(struct gn_call *call, const char *column);

/*
 * Another component's published read: run its read-only action (a
 * GN_ACTION_READONLY verb, such as `domain records --zone Z`) inside the
 * current change with name/value pairs ending in NULL, and read the rows it
 * answered.  It sees the change so far; anything it wrote is rolled back
 * when it returns (a savepoint), so a read leaves no trace and the rest of
 * the change commits as it would have.  0 with *rows set (free with
 * gn_rows_free), -1 refusing (the component is not installed, the verb is
 * not read-only, a value is wrong, or the action refused).  Values are
 * text, or NULL when absent; they live until gn_rows_free.
 */
struct gn_rows;
int gn_call_invoke(struct gn_call *call, const char *component, const char *verb, const char *const *args,
		   struct gn_rows **rows);
size_t gn_rows_count(const struct gn_rows *rows);
const char *gn_rows_get(const struct gn_rows *rows, size_t row, const char *column);
void gn_rows_free(struct gn_rows *rows);

/* A probe's results (gn_action.probe), in the order targets_sql returned
 * them (reading the call): their number, and the i-th, or NULL past the
 * last.  Outside a probe action there are none. */
size_t gn_call_probe_count(struct gn_call *call);
const struct gn_probe_result *gn_call_probe(struct gn_call *call, size_t i);

/* The office a county rule's route() hook sends this request to (Art 30):
 * 1 with *office_org set, 0 when no rule routes it, -1 refusing when a
 * rule failed.  gn_call_decider already applies it. */
int gn_call_route(struct gn_call *call, int64_t *office_org);

/*
 * What an action answers besides its id: rows (the command line prints a
 * table, or JSON with --json; the console a list) or text (printed as is).
 * Column names are the same for every row of one answer.  The values are
 * copied; these cannot fail.
 */
void gn_call_emit_row(struct gn_call *call, size_t n, const char *const *names, const char *const *values);
/*
 * The same with a type per column, for --json (govnet-json(5)): types[i]
 * is 't' text, 'n' a number (an integer or a decimal written as text;
 * empty or not a number gives null) or 'b' yes or no ("1" or "0": true or
 * false).  A code goes beside its title as `kind` and `kind_title`: the
 * tables show the title under the code's label.  Another component
 * reading the answer (gn_call_invoke) gets every value as text.
 */
void gn_call_emit_typed(struct gn_call *call, size_t n, const char *const *names, const char *const *values,
			const char *types);
void gn_call_emit_text(struct gn_call *call, const char *text);

/*
 * Demo data: run one of the plugin's own actions as `login` at time
 * `when` (ISO 8601, NULL for now), with name/value pairs ending in NULL.
 * *id (may be NULL) receives the record made or acted on.  0, or -1 when
 * the action was refused (the message is printed by the core).
 */
int gn_demo_run(struct gn_demo *demo, const char *login, const char *when, const char *verb,
		const char *const *args, int64_t *id);
/*
 * A record's story in the demo, played through its workflow: story is
 * "submit@0 approve@6 plan@10", each verb taken that many days after start
 * (ISO 8601) by the member of cast whose role the transition allows (the
 * transition table decides who acts; a demo never restates it).  texts
 * gives the text fields some verbs need, as triples ending in NULL:
 * { "return", "comment", "请补充网络拓扑图", "reject", "reason", "…", NULL }.
 * 0, or -1 when a step was refused.
 */
struct gn_demo_cast {
	const char *dept, *office, *operator; /* logins */
};
int gn_demo_story(struct gn_demo *demo, int64_t id, const char *start, const struct gn_demo_cast *cast,
		  const char *story, const char *const *texts);
/* The time `days` days and `hours` hours before now (GOVNET_NOW aware) as
 * ISO 8601 into out[32], for a demo's `when`. */
void gn_demo_ago(struct gn_demo *demo, double days, char out[32]);

#endif
