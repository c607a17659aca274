/*
 * govnet completion bash — a bash completion script drawn from the same
 * descriptions as --help: the nouns, each noun's verbs (two-word verbs a
 * word at a time), each verb's --options, the choices a field offers, and
 * organisation names for a field that names one (read from the store when
 * the completion runs, so it follows the organisations as they change).
 *
 *   govnet completion bash > /etc/bash_completion.d/govnet
 *   source <(govnet completion bash)
 */
#include "config.h"
#include "cli.h"
#include "../core/registry.h"
#include "../core/strbuf.h"

#include <string.h>
#include "govnet/banned.h"

/* Words go into the script between single quotes: a word holding one, or
 * anything but printable ASCII, is left out rather than escaped. */
static int plain_word(const char *w)
{
	for (const char *p = w; *p; p++)
		if (*p == '\'' || *p == '\\' || (unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
			return 0;
	return *w != '\0';
}

static int has_word(const struct strbuf *sb, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = strstr(sb_str(sb), w); p; p = strstr(p + 1, w))
		if ((p == sb_str(sb) || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Add w to a space-separated list, once. */
static void add_word(struct strbuf *sb, const char *w)
{
	if (plain_word(w) && !has_word(sb, w))
		sb_addf(sb, "%s%s", sb->len ? " " : "", w);
}

/* One case arm: 'key') printf '%s\n' words;; */
static void arm(const char *key, const struct strbuf *words)
{
	if (words->len)
		printf("\t'%s') echo '%s' ;;\n", key, sb_str(words));
}

static void verbs_of(const struct registry *reg, const struct cli_command *const *cmds, size_t ncmds)
{
	struct strbuf nouns = STRBUF_INIT;

	puts("_govnet_verbs() {\n\tcase \"$1\" in");
	for (size_t i = 0; i < reg->n; i++) {
		const struct gn_plugin *c = reg->items[i].desc;
		struct strbuf w = STRBUF_INIT;
		add_word(&nouns, c->name);
		if (c->views)
			add_word(&w, "list");
		if (c->record)
			add_word(&w, "show");
		for (const struct gn_action *a = c->actions; a && a->verb; a++) {
			char first[64];
			snprintf(first, sizeof first, "%s", a->verb);
			char *sp = strchr(first, ' ');
			if (sp) {
				/* `ip pool add`: pool now, add after it. */
				struct strbuf sub = STRBUF_INIT;
				char key[160];
				*sp = '\0';
				snprintf(key, sizeof key, "%s %s", c->name, first);
				for (const struct gn_action *b = c->actions; b->verb; b++)
					if (strncmp(b->verb, first, strlen(first)) == 0 && b->verb[strlen(first)] == ' ')
						add_word(&sub, b->verb + strlen(first) + 1);
				if (!has_word(&w, first))
					arm(key, &sub);
				sb_free(&sub);
			}
			add_word(&w, first);
		}
		for (size_t k = 0; k < ncmds; k++)
			if (cmds[k]->verb && strcmp(cmds[k]->noun, c->name) == 0)
				add_word(&w, cmds[k]->verb);
		arm(c->name, &w);
		sb_free(&w);
	}
	/* System commands whose noun is no component (db, import …). */
	for (size_t k = 0; k < ncmds; k++) {
		struct strbuf w = STRBUF_INIT;
		int seen = registry_find(reg, cmds[k]->noun) != NULL;
		for (size_t j = 0; j < k; j++)
			seen |= strcmp(cmds[j]->noun, cmds[k]->noun) == 0;
		if (seen)
			continue;
		add_word(&nouns, cmds[k]->noun);
		for (size_t j = k; j < ncmds; j++)
			if (cmds[j]->verb && strcmp(cmds[j]->noun, cmds[k]->noun) == 0)
				add_word(&w, cmds[j]->verb);
		/* `import org|filing|ip`: the alternatives its usage lists. */
		if (!cmds[k]->verb && strcmp(cmds[k]->usage, "bash") == 0)
			add_word(&w, "bash");
		if (!cmds[k]->verb) {
			char first[128];
			snprintf(first, sizeof first, "%s", cmds[k]->usage);
			char *end = strchr(first, ' ');
			if (end)
				*end = '\0';
			if (strchr(first, '|') && first[0] != '[' && first[0] != '-')
				for (char *p = first, *bar; p; p = bar ? bar + 1 : NULL) {
					if ((bar = strchr(p, '|')))
						*bar = '\0';
					add_word(&w, p);
				}
		}
		arm(cmds[k]->noun, &w);
		sb_free(&w);
	}
	printf("\t'') echo '%s' ;;\n\tesac\n}\n", sb_str(&nouns));
	sb_free(&nouns);
}

static void field_values(const char *key, const struct gn_field *f)
{
	struct strbuf w = STRBUF_INIT;

	if (f->type == GN_FIELD_ORG) {
		printf("\t'%s --%s') _govnet_orgs ;;\n", key, f->name);
	} else if (f->type == GN_FIELD_CHOICE) {
		for (const char *const *ch = f->choices; ch && *ch; ch++)
			add_word(&w, *ch);
		if (w.len)
			printf("\t'%s --%s') echo '%s' ;;\n", key, f->name, sb_str(&w));
	} else if (f->type == GN_FIELD_FILE) {
		printf("\t'%s --%s') compgen -f -- \"$cur\" ;;\n", key, f->name);
	}
	sb_free(&w);
}

static void options_of(const struct registry *reg, const struct cli_command *const *cmds, size_t ncmds)
{
	puts("_govnet_options() {\n\tcase \"$1\" in");
	for (size_t i = 0; i < reg->n; i++) {
		const struct gn_plugin *c = reg->items[i].desc;
		char key[160];
		if (c->views) {
			struct strbuf w = STRBUF_INIT;
			sb_add(&w, "--json --csv --limit --after --view --search --help");
			for (const struct gn_view *v = c->views; v->name; v++)
				for (const struct gn_filter *f = v->filters; f && f->name; f++) {
					char opt[80];
					snprintf(opt, sizeof opt, "--%s", f->name);
					if (!strstr(sb_str(&w), opt))
						add_word(&w, opt);
				}
			snprintf(key, sizeof key, "%s list", c->name);
			arm(key, &w);
			sb_free(&w);
		}
		if (c->record) {
			struct strbuf w = STRBUF_INIT;
			sb_add(&w, "--json --help");
			snprintf(key, sizeof key, "%s show", c->name);
			arm(key, &w);
			sb_free(&w);
		}
		for (const struct gn_action *a = c->actions; a && a->verb; a++) {
			struct strbuf w = STRBUF_INIT;
			for (const struct gn_field *f = a->fields; f && f->name; f++) {
				char opt[80];
				snprintf(opt, sizeof opt, "--%s", f->name);
				add_word(&w, opt);
			}
			add_word(&w, "--why");
			add_word(&w, "--help");
			snprintf(key, sizeof key, "%s %s", c->name, a->verb);
			arm(key, &w);
			sb_free(&w);
		}
	}
	for (size_t k = 0; k < ncmds; k++) {
		struct strbuf w = STRBUF_INIT;
		char key[160];
		for (const char *p = strstr(cmds[k]->usage, "--"); p; p = strstr(p + 2, "--")) {
			char opt[64];
			size_t n = strspn(p, "-abcdefghijklmnopqrstuvwxyz0123456789");
			snprintf(opt, sizeof opt, "%.*s", (int)(n < sizeof opt ? n : sizeof opt - 1), p);
			if (n > 2 && !strstr(sb_str(&w), opt))
				add_word(&w, opt);
		}
		add_word(&w, "--help");
		snprintf(key, sizeof key, "%s%s%s", cmds[k]->noun, cmds[k]->verb ? " " : "",
			 cmds[k]->verb ? cmds[k]->verb : "");
		arm(key, &w);
		sb_free(&w);
	}
	puts("\tesac\n}");
	puts("_govnet_values() {\n\tcase \"$1\" in");
	for (size_t i = 0; i < reg->n; i++) {
		const struct gn_plugin *c = reg->items[i].desc;
		char key[160];
		for (const struct gn_action *a = c->actions; a && a->verb; a++) {
			snprintf(key, sizeof key, "%s %s", c->name, a->verb);
			for (const struct gn_field *f = a->fields; f && f->name; f++)
				field_values(key, f);
		}
		snprintf(key, sizeof key, "%s list", c->name);
		for (const struct gn_filter *f = c->views ? c->views[0].filters : NULL; f && f->name; f++) {
			const struct gn_field as_field = { .name = f->name, .type = f->type, .choices = f->choices };
			field_values(key, &as_field);
		}
		if (c->views) {
			struct strbuf w = STRBUF_INIT;
			for (const struct gn_view *v = c->views; v->name; v++)
				add_word(&w, v->name);
			printf("\t'%s --view') echo '%s' ;;\n", key, sb_str(&w));
			sb_free(&w);
		}
	}
	puts("\t*) return 1 ;;\n\tesac\n}");
}

/* The driver: the words before the cursor that are not options pick the
 * longest key the tables know ("ip pool add" before "ip pool"). */
static const char driver[] =
	"_govnet_orgs() {\n"
	"\tcommand \"${COMP_WORDS[0]}\" \"${_govnet_db[@]}\" org list --csv --limit 0 2>/dev/null |\n"
	"\t\tawk -F, 'NR > 1 && $2 !~ /\"/ { print $2 }'\n"
	"}\n"
	"# _govnet_find TABLE KEY [OPTION]: the table's answer for KEY, else for KEY\n"
	"# less its last word, and so on (positional values are not keys).\n"
	"_govnet_find() {\n"
	"\tlocal k=$2 out\n"
	"\twhile :; do\n"
	"\t\tif out=$($1 \"$k${3:+ $3}\") && [[ -n $out ]]; then printf '%s\\n' \"$out\"; return 0; fi\n"
	"\t\t[[ $k == *' '* ]] || return 1\n"
	"\t\tk=${k% *}\n"
	"\tdone\n"
	"}\n"
	"_govnet() {\n"
	"\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	"\tlocal i w key='' opt=0 values\n"
	"\t_govnet_db=()\n"
	"\tfor ((i = 1; i < COMP_CWORD; i++)); do\n"
	"\t\tw=${COMP_WORDS[i]}\n"
	"\t\tcase $w in\n"
	"\t\t--db) ((i++)); _govnet_db=(--db \"${COMP_WORDS[i]}\") ;;\n"
	"\t\t-*) opt=1 ;;\n"
	"\t\t*) ((opt)) || key=${key:+$key }$w ;;\n"
	"\t\tesac\n"
	"\tdone\n"
	"\tif [[ $prev == --* ]] && values=$(_govnet_find _govnet_values \"$key\" \"$prev\"); then\n"
	"\t\tCOMPREPLY=($(compgen -W \"$values\" -- \"$cur\"))\n"
	"\telif [[ $cur == -* ]]; then\n"
	"\t\tCOMPREPLY=($(compgen -W \"$(_govnet_find _govnet_options \"$key\")\" -- \"$cur\"))\n"
	"\telif ((opt == 0)); then\n"
	"\t\tCOMPREPLY=($(compgen -W \"$(_govnet_verbs \"$key\")\" -- \"$cur\"))\n"
	"\tfi\n"
	"\treturn 0\n"
	"}\n"
	"complete -o default -F _govnet govnet\n";

static int run_completion(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct registry reg = { 0 };
	size_t ncmds;
	const struct cli_command *const *cmds = cli_commands(&ncmds);

	if (argc != 1 || strcmp(argv[0], "bash") != 0)
		return err_set(err, GN_USAGE, "用法：govnet completion bash");
	registry_load(&reg, registry_plugin_dir());
	puts("# bash completion for govnet(1), generated by `govnet completion bash`\n"
	     "# from the descriptions of the components and plugins installed.");
	verbs_of(&reg, cmds, ncmds);
	options_of(&reg, cmds, ncmds);
	fputs(driver, stdout);
	registry_free(&reg);
	return 0;
}

const struct cli_command cli_cmd_completion = {
	.noun = "completion",
	.usage = "bash",
	.summary = "打印 bash 补全脚本（由各组件的描述生成）",
	.needs = CLI_NEEDS_NOTHING,
	.run = run_completion,
};
