/*
 * front/describe.h — the layer both front ends share (DESIGN §2): help and
 * arguments from a component's description.  No curses, no process exit;
 * the command line (console/cli/) and the console (console/ui/) sit on it,
 * as they sit on table.h for answers.
 */
#ifndef GN_FRONT_DESCRIBE_H
#define GN_FRONT_DESCRIBE_H

#include <stdio.h>
#include "../core/ctx.h"
#include "../core/err.h"
#include "govnet/plugin.h"

struct gn_args;

/* A component's help: its lists, show and actions, marking those the
 * login's role may not take (ctx may be NULL: no store). */
void front_component_help(FILE *out, const struct gn_plugin *c, const struct gn_ctx *ctx);
/* An action's help: usage, roles, deadline, each field with its type,
 * bounds and choices. */
void front_action_help(FILE *out, const struct gn_plugin *c, const struct gn_action *a);
/* An action's arguments from words: --name value, --name=value, flags,
 * and positionals in field order, --why for the audit.  -1 with a usage
 * error naming the word. */
int front_parse_action_args(const struct gn_action *a, int argc, char **argv, struct gn_args *args,
			    struct gn_err *err);

/*
 * The step a refusal names (gn_err.next), appended to out as "；请先…",
 * nothing when it names none or no installed component offers that
 * action.  With menu_key NULL, as the command line says it: the command,
 * the action's required fields beyond the record as --name …
 * ("；请先运行 govnet system test 3 --result …").  Otherwise as the
 * console says it: the action by its title, chosen from the action menu
 * (menu_key) when it is to be taken on the record here (component here,
 * record here_id), else with the record it is taken on
 * ("；请先「上线前备案」（按 a 选择）"); an action taken outside the
 * console (front_action_outside) by who takes it and where its result
 * shows.  A step of the program itself (next.verb "": "init") is said in
 * each front end's words.
 */
struct registry;
struct strbuf;
/* Whether the console leaves action a to be taken outside it: a probe
 * waits on the network, an import reads a file on the jump host. */
int front_action_outside(const struct gn_action *a);
/* How the console says such an action is taken: by whom, where, and the
 * tab its result shows in ("「探测服务地址」要等待网络 …；结果见「信息系统」标签"). */
void front_outside_step(const struct gn_plugin *c, const struct gn_action *a, struct strbuf *out);
void front_next_step(const struct registry *reg, const struct gn_err *err, const char *menu_key,
		     const struct gn_plugin *here, int64_t here_id, struct strbuf *out);

#endif
