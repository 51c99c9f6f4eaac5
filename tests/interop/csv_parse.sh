# csv_parse.sh - the seeds' CSV (-f csv) parses with Python's csv module (RFC 4180), has the
# documented header, one row per timeline.txt row (dated and undated), dated rows first in
# non-decreasing first_day order, and provenance columns that are numbers.
. "$(dirname "$0")/common.inc"
[ -x "$PY" ] || PY=python3
run_format csv timeline.csv
run_format timeline timeline.txt
"$PY" - "$OUT/timeline.csv" "$OUT/timeline.txt" <<'PYEOF' || fail "CSV check failed"
import csv, sys
raw = open(sys.argv[1], "rb").read()
assert raw.endswith(b"\r\n"), "rows must end in CRLF"
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
head = ["date", "first_day", "last_day", "kind", "what", "who", "where", "sources", "doc", "sentence", "start", "end"]
assert rows[0] == head, rows[0]
body = rows[1:]
assert all(len(r) == len(head) for r in body), "ragged rows"
txt = [l for l in open(sys.argv[2], encoding="utf-8").read().split("\n")
       if l and not l.startswith("#") and not l.startswith("DATE")]
assert len(body) == len(txt), ("csv rows", len(body), "timeline rows", len(txt))
dated = [r for r in body if r[1]]
assert body[:len(dated)] == dated, "dated rows must come first"
days = [r[1] for r in dated]
assert days == sorted(days), "first_day out of order"
for r in body:
    for k in (9, 10, 11):
        assert r[k] == "" or r[k].isdigit(), r
print("ok: %d rows (%d dated)" % (len(body), len(dated)))
PYEOF
