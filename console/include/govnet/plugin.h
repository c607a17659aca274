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
 * meaning of a function, bumps GN_PLUGIN_ABI.
 */
#ifndef GOVNET_PLUGIN_H
#define GOVNET_PLUGIN_H

#include <stdint.h>
#include <stddef.h>
#include <sqlite3.h>

#define GN_PLUGIN_ABI 1
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
};

enum {
	GN_FIELD_REQUIRED = 1u << 0,
	GN_FIELD_POSITIONAL = 1u << 1, /* may be given without --name */
};

struct gn_field {
	const char *name;  /* --name on the command line, key in JSON */
	const char *label; /* shown beside the field in forms */
	enum gn_field_type type;
	unsigned flags;
	unsigned max_chars;          /* 0: the core's default (200) */
	const char *const *choices;  /* GN_FIELD_CHOICE: NULL-terminated */
	const char *help;            /* one line for --help */
};

/* A column of a view.  The view's SQL must return a column of that name. */
struct gn_column {
	const char *name;
	const char *label;
	unsigned width;   /* preferred display width in cells */
	unsigned flags;
};
enum { GN_COLUMN_HIDDEN = 1u << 0, GN_COLUMN_RIGHT = 1u << 1 };

/*
 * A filter a list accepts: `--name value` on the command line.  sql is a
 * condition on the view's columns with one `?` for the value, for example
 * "state = ?".  A GN_FIELD_FLAG filter has no `?`; GN_FIELD_ORG filters are
 * given the organisation's materialised path (see org.h) and usually read
 * "org_path LIKE ? || '%'".
 */
struct gn_filter {
	const char *name;
	const char *label;
	enum gn_field_type type;
	const char *sql;
	const char *const *choices;
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
 * workflow state's title; the core table wf_clock(component, record_id,
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
};

struct gn_call;

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
};
enum {
	GN_ACTION_DESTRUCTIVE = 1u << 0, /* the console asks for confirmation */
	GN_ACTION_CREATES = 1u << 1,     /* makes a new record */
	/* Changes nothing: runs in a read transaction that is rolled back,
	 * writes no audit entry, and answers with gn_call_emit_* (a report
	 * such as `ip free` or `zone export`). */
	GN_ACTION_READONLY = 1u << 2,
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
	 * Audit: what the plugin writes through gn_call_db() belongs to the
	 * change it reacted to, committing or rolling back with it.  It gets
	 * no audit entry of its own: the change's entry (who, when, why, the
	 * record before and after) stands for the whole of it.
	 */
	int (*on_event)(struct gn_call *call);
};

/* The one symbol a plugin exports. */
typedef const struct gn_plugin *(*gn_plugin_entry_fn)(void);
const struct gn_plugin *govnet_plugin_entry(void);

/* ---- What a handler may call during gn_action.run ---------------------- */

/* The store, inside the open transaction.  Write only through this call. */
sqlite3 *gn_call_db(struct gn_call *call);
/* A field's value as given (NULL when absent).  Already checked: valid
 * UTF-8, within max_chars, of the declared type. */
const char *gn_call_arg(struct gn_call *call, const char *name);
/* A GN_FIELD_INT or GN_FIELD_ID field, or fallback when absent. */
int64_t gn_call_arg_int(struct gn_call *call, const char *name, int64_t fallback);
/* A GN_FIELD_ORG field resolved to the organisation's id, or 0 when absent. */
int64_t gn_call_arg_org(struct gn_call *call, const char *name);
/* The component that takes the action (its name, as on the command line)
 * and the action's verb ("revoke", "pool add").  In gn_plugin.on_event
 * these name the change reacted to, not the plugin reacting. */
const char *gn_call_component(struct gn_call *call);
const char *gn_call_verb(struct gn_call *call);
/* The acting login, its role, and the current time (ISO 8601, GOVNET_NOW aware). */
const char *gn_call_login(struct gn_call *call);
enum gn_role gn_call_role(struct gn_call *call);
const char *gn_call_now(struct gn_call *call);
/* The record a creating action made. */
void gn_call_set_id(struct gn_call *call, int64_t id);
/* The organisation of the competent authority that decides what the
 * deadline this transition starts is for (Art 10: the city's office for a
 * cross-level request).  County rules shorten a deadline only for their
 * own county's decisions; unset, the organisation acted for decides. */
void gn_call_set_decider(struct gn_call *call, int64_t office_org);
/* Refuse the change: the message reaches the user; the transaction rolls back. */
int gn_call_refuse(struct gn_call *call, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Report an SQLite failure on the call's database with some context. */
int gn_call_sqlite_error(struct gn_call *call, const char *what);
/* Run one statement inside the transaction, parameters bound in order as
 * types says: "t" text, "z" text or NULL when empty, "i" int64_t, "n" int. */
int gn_call_exec(struct gn_call *call, const char *sql, const char *types, ...);
/* An organisation as handlers and county rules see it (Art 6–8). */
struct gn_org {
	int64_t id, parent_id;   /* parent_id 0 for the city */
	char code[64];           /* "" when it has none */
	char name[200];
	char kind[16];           /* city, county, zone, authority, agency, dept, unit */
	char path[256];          /* "/1/5/23/": ids from the city down */
	char parent[200];        /* the parent's name, "" for the city */
	/* The county-level division or functional zone it lies in (itself
	 * when it is one); county_id 0 at city level. */
	int64_t county_id;
	char county[200], county_code[64];
};
/* Read organisation org_id: 0, or -1 refusing the change when there is
 * none.  Whether the acting login's scope covers an organisation: */
int gn_call_org(struct gn_call *call, int64_t org_id, struct gn_org *org);
int gn_call_in_scope(struct gn_call *call, int64_t org_id);
/* The organisation the acting login is scoped to. */
int64_t gn_call_actor_org(struct gn_call *call);
/* The office a county rule's route() hook sends this request to (Art 30):
 * 1 with *office_org set, 0 when no rule routes it, -1 when a rule failed
 * (the change is refused). */
int gn_call_route(struct gn_call *call, int64_t *office_org);

/*
 * What an action answers besides its id: rows (the command line prints a
 * table, or JSON with --json; the console a list) or text (printed as is).
 * Column names are the same for every row of one answer.
 */
void gn_call_emit_row(struct gn_call *call, size_t n, const char *const *names, const char *const *values);
void gn_call_emit_text(struct gn_call *call, const char *text);

/*
 * Demo data: run one of the plugin's own actions as `login` at time
 * `when` (ISO 8601, NULL for now), with name/value pairs ending in NULL.
 * *id (may be NULL) receives the record made or acted on.
 */
int gn_demo_run(struct gn_demo *demo, const char *login, const char *when, const char *verb,
		const char *const *args, int64_t *id);

#endif
