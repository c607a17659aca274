/* govnet plugins — what is loaded: name, version, ABI and schema version. */
#include "config.h"
#include "cli.h"
#include "../front/table.h"
#include "../core/registry.h"
#include "../core/store.h"
#include "govnet/banned.h"

static int plugins(struct gn_ctx *ctx, int argc, char **argv, struct gn_err *err)
{
	struct cli_opts o = { 0 };
	json_t *arr;

	if (cli_take_common(&argc, argv, &o, err))
		return -1;
	if (argc)
		return err_set(err, GN_USAGE, "plugins 只接受 --json");
	static const char *labels[] = { "名称", "标题", "版本", "ABI", "结构版本", "文件" };
	struct table t;
	table_init(&t, 6, labels);
	arr = json_array();
	for (size_t i = 0; i < ctx->reg->n; i++) {
		const struct component *c = &ctx->reg->items[i];
		const char *file = c->file ? c->file : "（内置）";
		/* A core component without tables of its own is in the core's schema. */
		int schema = store_schema_version(ctx->db, c->desc->name);
		if (schema == 0 && !c->file)
			schema = store_schema_version(ctx->db, "core");
		if (o.json)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:i, s:i, s:s, s:b}", "name", c->desc->name,
							    "title", c->desc->title, "version", c->desc->version,
							    "abi", c->desc->abi, "schema", schema, "file", file,
							    "builtin", c->file == NULL));
		else {
			char abi[16], ver[16];
			snprintf(abi, sizeof abi, "%d", c->desc->abi);
			snprintf(ver, sizeof ver, "%d", schema);
			const char *cells[] = { c->desc->name, c->desc->title, c->desc->version, abi, ver, file };
			table_add_strings(&t, cells);
		}
	}
	if (o.json)
		json_print(stdout, arr);
	else
		table_print(stdout, &t, table_cell_limit(stdout, &t));
	json_decref(arr);
	table_free(&t);
	return 0;
}

const struct cli_command cli_cmd_plugins = {
	"plugins", NULL, "[--json]", "已加载的组件与插件", CLI_NEEDS_STORE, plugins,
};
