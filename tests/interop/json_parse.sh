# json_parse.sh - the seeds' graph.json is one JSON document (strict parser, UTF-8) with the
# arrays the evaluation contract names, and `-f json` prints the same bytes on stdout.
. "$(dirname "$0")/common.inc"
[ -x "$PY" ] || PY=python3
run_newsgraph
"$PY" - "$OUT/graph.json" <<'PYEOF' || fail "graph.json check failed"
import json, sys
raw = open(sys.argv[1], "rb").read()
J = json.loads(raw.decode("utf-8", errors="strict"),
               parse_constant=lambda c: (_ for _ in ()).throw(ValueError("non-standard constant " + c)))
for k in ("documents", "entities", "timexes", "events"):
    assert isinstance(J.get(k), list), ("missing array", k)
assert len(J["documents"]) >= 2, J["documents"]
for e in J["entities"]:
    assert e["id"] and e["name"] and e["type"] in ("PERSON", "ORG", "PLACE"), e
print("ok: graph.json has %d entities, %d events, %d timexes" % (len(J["entities"]), len(J["events"]), len(J["timexes"])))
PYEOF
(cd "$ROOT" && "$NG" -f json seeds/*.txt) >"$TMP/stdout.json" 2>"$TMP/err" || fail "newsgraph -f json failed: $(cat "$TMP/err")"
cmp -s "$TMP/stdout.json" "$OUT/graph.json" || fail "-f json on stdout differs from -o DIR's graph.json"
