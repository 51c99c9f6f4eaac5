# timelinejs.sh - the seeds' TimelineJS JSON (-f timelinejs) parses, has a title and one
# slide per dated row of timeline.txt, in the same order, each with numeric start_date
# parts (year, and month/day when present) and a non-empty HTML-escaped headline.
. "$(dirname "$0")/common.inc"
[ -x "$PY" ] || PY=python3
run_format timelinejs timeline.json
run_format timeline timeline.txt
"$PY" - "$OUT/timeline.json" "$OUT/timeline.txt" <<'PYEOF' || fail "TimelineJS check failed"
import json, re, sys
J = json.load(open(sys.argv[1], encoding="utf-8"))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
rows = []
for l in lines[2:]:
    if not l:
        break
    rows.append(re.split(r"  +", l)[0])
assert isinstance(J["title"]["text"]["headline"], str)
ev = J["events"]
assert len(ev) == len(rows), ("slides", len(ev), "dated rows", len(rows))
for e, d in zip(ev, rows):
    sd = e["start_date"]
    for k in ("year", "month", "day", "hour", "minute"):
        if k in sd:
            assert type(sd[k]) is int, ("non-numeric", k, e)
    assert "year" in sd, e
    h = e["text"]["headline"]
    assert isinstance(h, str) and h.strip(), e
    assert "<" not in h and ">" not in h, ("unescaped HTML in a headline", h)
    shown = e.get("display_date") or "-".join(
        "%02d" % sd[k] if k != "year" else "%04d" % sd[k] for k in ("year", "month", "day") if k in sd)
    assert d.startswith(shown), ("slide and timeline row disagree", shown, d)
print("ok: %d slides with numeric dates, same order as timeline.txt" % len(ev))
PYEOF
