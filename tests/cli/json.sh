#!/bin/sh
# --json is a stable interface (govnet-json(5)): every list and show of the
# demo, in every component, gives machine values only — no display styles,
# no internal columns, no bars, `state` a code (from the workflow's state
# table for a workflow's records), yes-or-no as true or false.
. "${GN_TEST_SRCDIR}/tests/cli/lib.sh"
GOVNET_NOW=2026-11-27T10:00:00+08:00 gn init --demo >/dev/null
gn completion bash >"$WORK/completion.bash"

expect_ok "every list and show in --json" python3 - "$GOVNET" "$DB" "$WORK/completion.bash" <<'EOF'
import json, re, subprocess, sys
govnet, db, completion = sys.argv[1:4]
BARS = set("█░▏▎▍▌▋▊▉▁▂▃▄▅▆▇")
NODE_STATES = {"active", "disconnected", "revoked"}  # the core's node table (plugin.h)
problems, seen = [], 0

def run(*args):
    p = subprocess.run([govnet, "--db", db] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

# The workflows' state tables, as the completion script offers them.
workflow_states = {c: set(s.split()) for c, s in
                   re.findall(r"'(\w+) list --state'\) echo '([^']*)'", open(completion).read())}

def check(where, value, states, key=None):
    global seen
    if isinstance(value, dict):
        for k, v in value.items():
            if k.startswith("_") or k in ("path", "addr_order", "org_path"):
                problems.append("%s: internal key %s" % (where, k))
            if k == "state" and v is not None:
                if not (isinstance(v, str) and re.fullmatch(r"[a-z][a-z_]*", v)):
                    problems.append("%s: state %r is not a code" % (where, v))
                elif states is not None and v not in states:
                    problems.append("%s: state %r not in the workflow's table" % (where, v))
            check(where, v, states if k != "history" else None, k)
    elif isinstance(value, list):
        for v in value:
            check(where, v, states, key)
    elif isinstance(value, str):
        seen += 1
        if BARS & set(value):
            problems.append("%s: a bar in %s: %r" % (where, key, value))
        # Display titles stand in keys of their own (state_title, cii_title).
        if value in ("是", "否") and not (key or "").endswith("_title"):
            problems.append("%s: yes or no as text in %s" % (where, key))

rc, out, _ = run("plugins", "--json")
for component in [c["name"] for c in json.loads(out)]:
    rc, help_text, _ = run(component, "--help")
    if "  list " not in help_text:
        continue
    m = re.search(r"视图：(.*)", help_text)
    views = re.findall(r"([a-z][a-z0-9_-]*)（", m.group(1)) if m else [None]
    for i, view in enumerate(views):
        rc, out, err = run(component, "list", "--json", "--limit", "0", *(["--view", view] if view else []))
        if rc != 0:
            problems.append("%s list %s: exit %d %s" % (component, view, rc, err))
            continue
        rows = json.loads(out)
        states = workflow_states.get(component)
        # The first view lists the workflow's records; a nodes view, the core's nodes.
        allowed = None if states is None or i > 0 else states | NODE_STATES
        check("%s list %s" % (component, view), rows, allowed)
        if i == 0 and rows and "show KEY" in help_text:
            for key in (rows[0].get("id"), rows[0].get("name"), rows[0].get("login")):
                rc, out, _ = run(component, "show", str(key), "--json")
                if rc == 0:
                    check("%s show %s" % (component, key), json.loads(out), states)
                    break
            else:
                problems.append("%s show: no key of its first row is accepted" % component)
print("\n".join(problems) or "clean: %d values" % seen)
sys.exit(1 if problems or seen < 1000 else 0)
EOF
expect_in "$OUT" "clean" "no display value, internal column or bar, and every state a code"

# The issue's own examples, one by one.
expect_ok "ip list" gn ip list --json --limit 1
expect_in "$OUT" '"usage_pct": 75.0' "usage is a number"
expect_in "$OUT" '"state": "allocated"' "an address block's state is a code"
expect_in "$OUT" '"state_title": "已分配"' "with its title beside"
expect_ok "access list" gn access list --json --limit 1
expect_in "$OUT" '"cross_level": false' "cross_level in a list is a boolean"
expect_ok "access show" gn access show 1 --json
expect_in "$OUT" '"cross_level": false' "and the same in a show"
expect_not_in "$OUT" '"org_path"' "no scope key"
expect_ok "user list" gn user list --json --limit 1
expect_in "$OUT" '"state": "enabled"' "a login's state is a code"
expect_ok "the tables still show titles and bars" gn ip list --limit 1
expect_in "$OUT" "████████░░" "the bar is drawn for people"
expect_in "$OUT" "已分配" "with the state's title"

# The interface's manual page reads without a groff warning.
expect_ok "govnet-json(5) is groff-clean" sh -c \
	"groff -k -man -Tutf8 -ww -z '$GN_TEST_SRCDIR/man/govnet-json.5' 2>&1 | grep . && exit 1 || exit 0"

finish
