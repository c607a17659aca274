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

# The answers of read-only actions (reports, published reads) by the same
# rules: figures are numbers, a code has its title beside it, no value is
# a bar or a percentage written as text.
expect_ok "every read-only answer in --json" python3 - "$GOVNET" "$DB" <<'EOF'
import json, re, subprocess, sys
govnet, db = sys.argv[1:3]
BARS = set("█░▏▎▍▌▋▊▉▁▂▃▄▅▆▇")
NUMBERS = {"id", "value", "addresses", "allocated", "fits", "usage_pct", "days", "ttl", "level", "inspection"}
CODES = {"state", "kind", "relation", "crypto", "section", "metric"}
problems, seen = [], 0

def run(*args):
    p = subprocess.run([govnet, "--db", db] + list(args), capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

def first(*args):
    rc, out, _ = run(*args, "--json", "--limit", "1")
    return json.loads(out)[0]

zone, system = first("zone", "list")["name"], first("system", "list")["org"]
answers = [["ip", "usage", "1"], ["ip", "free", "2"], ["ip", "match", "10.32.4.53"],
           ["access", "filing", "person", "东海县教育局"], ["domain", "records", "--zone", zone],
           ["inspect", "order", "list", "连云港市"], ["system", "security", "--org", system],
           ["zone", "which", "www." + zone]]
rc, out, _ = run("plugins", "--json")
for component in [c["name"] for c in json.loads(out)]:
    rc, help_text, _ = run(component, "--help")
    if re.search(r"^  report ", help_text, re.M):
        answers.append([component, "report", "--month", "2026-10", "--org", "东海县"])
for args in answers:
    where = " ".join(args)
    rc, out, err = run(*args, "--json")
    rows = json.loads(out) if rc == 0 and out.strip() else None
    if not isinstance(rows, list) or not rows:
        problems.append("%s: exit %d, no rows %s" % (where, rc, err))
        continue
    for row in rows:
        for k, v in row.items():
            seen += 1
            if k.startswith("_") or k in ("path", "addr_order", "org_path") or k.endswith("_bar"):
                problems.append("%s: internal key %s" % (where, k))
            # A report's figure is its "value" (a DNS record's value is text).
            number = k.endswith("_id") or (k in NUMBERS and (k != "value" or "metric" in row))
            if number and v is not None and not isinstance(v, (int, float)):
                problems.append("%s: %s %r is not a number" % (where, k, v))
            if k in CODES and k + "_title" not in row:
                problems.append("%s: code %s without %s_title" % (where, k, k))
            if k in CODES and not (isinstance(v, str) and re.fullmatch(r"[a-z][a-z0-9_]*", v)):
                problems.append("%s: %s %r is not a code" % (where, k, v))
            if isinstance(v, str) and (BARS & set(v) or re.fullmatch(r"[0-9.]+ *%", v)):
                problems.append("%s: a bar or a percentage as text in %s: %r" % (where, k, v))
            if v in ("是", "否") and not k.endswith("_title"):
                problems.append("%s: yes or no as text in %s" % (where, k))
print("\n".join(problems) or "clean: %d answers, %d values" % (len(answers), seen))
sys.exit(1 if problems or len(answers) < 12 else 0)
EOF
expect_in "$OUT" "clean" "figures as numbers, codes beside their titles, no bar and no percentage as text"
expect_ok "ip usage" gn ip usage 1 --json --limit 1
expect_in "$OUT" '"usage_pct": 75.0' "usage is a number"
expect_in "$OUT" '"addresses": 1048576' "and so are the addresses"
expect_in "$OUT" '"allocated": 786432' "and those allocated"
expect_in "$ERR" "更多子网段：加 --after" "where the next page starts is a note on standard error"
expect_ok "the table shows titles" gn ip usage 1 --limit 1
expect_in "$OUT" "混合地址池" "the kind's title"
expect_not_in "$OUT" "mixed" "not its code"

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
