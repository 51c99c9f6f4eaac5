# timeline_order.sh - the seeds' timeline.txt lists its dated rows in non-decreasing order of
# the day each date starts on, every date written at a TIMEX3 precision (2021, 2024-07,
# 2025-05-29, 2025-W22...), its dated event rows match graph.json's dated events, and the
# undated rows come after a heading.
. "$(dirname "$0")/common.inc"
[ -x "$PY" ] || PY=python3
run_newsgraph
"$PY" - "$OUT/timeline.txt" "$OUT/graph.json" <<'PYEOF' || fail "timeline check failed"
import datetime, json, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
J = json.load(open(sys.argv[2], encoding="utf-8"))

def start(v):
    """First day of a TIMEX3 calendar value, or None."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T.*)?)?)?", v)
    if m:
        y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        return datetime.date(y, mo, d)
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v)
    if m:
        return datetime.date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
    m = re.fullmatch(r"(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)", v)
    if m:
        mo = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
        return datetime.date(int(m[1]), mo, 1)
    m = re.fullmatch(r"(\d{2,3})X{1,2}", v)
    if m and len(v) == 4:
        return datetime.date(int(m[1].ljust(4, "0")), 1, 1)
    return None

assert lines[0].startswith("# newsgraph timeline:"), lines[0]
i, prev, dated, dated_events = 1, None, 0, 0
if i < len(lines) and lines[i].startswith("DATE"):
    i += 1
    while i < len(lines) and lines[i] != "":
        cells = re.split(r"  +", lines[i])
        d = start(cells[0])
        assert d is not None, ("a dated row without a calendar date", lines[i])
        assert prev is None or prev <= d, ("out of order", prev, lines[i])
        assert lines[i] == lines[i].rstrip(), ("trailing space", lines[i])
        prev, dated = d, dated + 1
        dated_events += cells[1] == "event"
        i += 1
rest = [l for l in lines[i:] if l]
if rest:
    assert rest[0].startswith("# undated events:"), rest[0]
    assert rest[1].startswith("DATE"), rest[1]
    for l in rest[2:]:
        assert start(l.split("  ")[0]) is None, ("a dated row among the undated", l)
json_dated = sum(1 for e in J.get("events", []) if e.get("date") and start(e["date"]))
assert dated_events == json_dated, ("dated events: timeline %d, graph.json %d" % (dated_events, json_dated))
assert dated > 0, "no dated row at all in the seeds' timeline"
print("ok: %d dated rows in order (%d events), %d undated rows" % (dated, dated_events, max(0, len(rest) - 2)))
PYEOF
