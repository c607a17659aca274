/*
 * rules/rules.h — county rules in Lua (Art 30).
 *
 * Counties add local rules without touching C.  A rule is a Lua script
 * stored in the database against an organisation: the city's rules apply
 * everywhere, a county's (or functional zone's) to the county and every
 * organisation below it.  Scripts are versioned — each `rules add` of a
 * name makes a new version — and every change to them goes through the
 * door, so it is audited like any other.
 *
 * A script defines any of four hooks (lua-scripts/README.md, govnet-rules(7)):
 *
 *   validate(event)        before the handler, inside the transaction: may
 *                          refuse the change with a message the user sees.
 *                          A validate that fails refuses the change (fails
 *                          closed), naming the rule.
 *   deadline(event, days)  may shorten a statutory deadline, never lengthen it.
 *   route(event)           may name the office that handles a request.
 *   on(event)              once the change and its audit entry are written,
 *                          in the same transaction; a failure is logged
 *                          (rule_log, and reported after commit) and the
 *                          change stands.
 *
 * Rules never judge changes to rules themselves, nor read-only reports.
 * Each script runs in its own sandbox (sandbox.h).
 */
#ifndef GN_RULES_H
#define GN_RULES_H

#include <stddef.h>
#include "ctx.h"
#include "err.h"
#include "fields.h"
#include "strbuf.h"
#include "govnet/plugin.h"

#define RULES_EVENT_MS 500     /* wall clock all rules of one hook point may use */
#define RULES_STOPS_DISABLE 3  /* limit stops after which a rule disables itself */
#define RULES_MAX_SOURCE 65536 /* bytes a script may have */
#define RULES_NAME_MAX 48
/* govnet.notify in on() (DESIGN §2: a rule cannot flood the city's
 * channels): at most this many messages per rule per change, and per rule
 * in any hour by the changes' clock; a county's rule only to channels
 * subscribed to events within its county.  A call beyond them is an
 * error of on(), and whatever the rule queued for that change is taken
 * back: a rule's messages commit only when its on() returns normally. */
#define RULES_NOTIFY_PER_CHANGE 5
#define RULES_NOTIFY_PER_HOUR 60

extern const struct gn_migration rules_migrations[];
/* The `rules` component: actions add, enable, disable; views list, history. */
extern const struct gn_plugin core_rules_component;

/* Attach the rules to the door and to the workflow engine's deadlines
 * (modules_attach); detach and free every loaded script. */
int rules_attach(struct gn_ctx *ctx, struct gn_err *err);
void rules_detach(struct gn_ctx *ctx);

/*
 * The statutory deadline `days` (working days, for `article`) as the
 * rules that apply to call's organisation leave it: *out_days is the
 * shortest answer of any deadline() hook, never more than days.  A hook
 * that fails, or answers something other than nil or a whole number of
 * at least 1, refuses the change (-1, the message naming the rule).
 * Without rules attached *out_days = days.
 */
int rules_deadline(struct gn_call *call, const char *article, int days, int *out_days, struct gn_err *err);

/*
 * The office the rules route call's request to: the answer of the most
 * specific route() hook (a county's over the city's), checked to name an
 * organisation.  Returns 1 with office filled (its name or code as the
 * rule gave it), 0 when no rule routes it, -1 when a hook fails.
 */
int rules_route(struct gn_call *call, char *office, size_t size, struct gn_err *err);

/* True when name is a valid rule name (ASCII letters, digits, '-', '_',
 * '.', starting with a letter, at most RULES_NAME_MAX characters). */
int rules_name_valid(const char *name);

/*
 * Check a script as `rules add` and `rules check` do: text, within size,
 * compiles, its top level runs within the limits, it defines at least
 * one hook and each hook is a function.  ctx (may be NULL) lets the top
 * level call the helpers.  *hooks receives the hooks defined (bit per
 * SANDBOX_HOOK_*); warnings (may be NULL) receives one line per global
 * function that is neither a hook nor a test (a misspelt hook, or a
 * helper better made local).
 */
/* A script's text as a reviewer will read it: within size, no NUL, no
 * control character (a carriage return only before a newline) and no
 * bidirectional control, the refusal naming the line and the character. */
int rules_check_text(const char *name, const char *source, size_t len, struct gn_err *err);
int rules_check_source(const char *name, const char *source, size_t len, struct gn_ctx *ctx, unsigned *hooks,
		       struct strbuf *warnings, struct gn_err *err);
/* Names the sandbox does not offer (io, require, os.execute, string.dump …)
 * used in the code of a script, outside strings and comments: one warning
 * line each, with its line number.  Returns how many. */
int rules_scan_source(const char *name, const char *source, size_t len, struct strbuf *warnings);
/* The hooks in mask as "validate on", or "" */
void rules_hook_list(unsigned mask, char *out, size_t size);

/* One test_* function's outcome (`rules test`). */
struct rules_test_result {
	const char *script;
	const char *test;
	int passed;
	double ms;
	const char *message; /* why it failed, "" when it passed */
	const char *printed; /* what it print()ed */
};
/*
 * Load a script and run each of its test_* functions in name order, each
 * under the budget of one call; a test passes when it returns anything
 * but false without error.  each() is told of every test.  Returns 0
 * with *passed and *failed counted, or -1 when the script itself cannot
 * be loaded (err says why).
 */
int rules_run_tests(const char *name, const char *source, size_t len, struct gn_ctx *ctx,
		    void (*each)(const struct rules_test_result *r, void *data), void *data, int *passed,
		    int *failed, struct gn_err *err);

/*
 * For the benchmark: run the validate hooks that apply to (component,
 * action, args) n times inside one read transaction, as the door would
 * before the handler, and give the mean time per event in microseconds.
 */
/* A call of a rule that a limit stopped (budget, clock or memory), kept
 * by the engine until the change it judged is over. */
struct rule_stop {
	int64_t id, org_id;
	int version;
	char name[RULES_NAME_MAX + 1];
	char org_name[200];
	char reason[300];
};

/*
 * Write the stops of one change (stops.c), outside its transaction, which
 * has been committed or rolled back: one rule_stop row each.  A rule
 * stopped RULES_STOPS_DISABLE times since it was added or last enabled
 * is disabled, the fact logged in rule_log and sent to the channels that
 * subscribe to rules.disable for its county and the city; *disabled then
 * receives one line per rule for the user, and *disabled_id the id of the
 * last rule disabled (left as it was when none is).  `rules enable`
 * brings it back: the step the user is told (gn_err.next).
 */
int rules_record_stops(struct gn_ctx *ctx, const struct rule_stop *stops, size_t n, const char *event,
		       struct strbuf *disabled, int64_t *disabled_id, struct gn_err *err);

int rules_bench_validate(struct gn_ctx *ctx, const struct gn_plugin *component, const struct gn_action *action,
			 const struct gn_args *args, long n, double *us_per_event, int *rules_run,
			 struct gn_err *err);

#endif
