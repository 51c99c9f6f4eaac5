#!/usr/bin/env bash
# Filters apply to every graph and timeline format: --types, --top, --min-weight,
# --since/--until; and usage errors for bad values.
set -u
. "$(dirname "$0")/common.inc"
cd "$ROOT"
PY=/usr/bin/python3
"$NG" -f json seeds/*.txt >"$TMP/all.json" || fail "exit $?"

"$NG" -f json --types person seeds/*.txt >"$TMP/p.json" || fail "exit $?"
$PY - "$TMP/p.json" <<'PY' || fail "--types person"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["entities"] and all(e["type"] == "PERSON" for e in d["entities"]), "non-person entity"
assert not d["events"], "events shown without 'event' in --types"
ids = {e["id"] for e in d["entities"]}
assert all(r["source"] in ids and r["target"] in ids for r in d["relations"]), "dangling relation"
PY
"$NG" -f graphml --types person seeds/*.txt >"$TMP/p.graphml" || fail "exit $?"
n_json=$($PY -c "import json,sys; print(len(json.load(open(sys.argv[1]))['entities']))" "$TMP/p.json")
n_gml=$(grep -c '<node ' "$TMP/p.graphml")
[ "$n_json" = "$n_gml" ] || fail "--types: graphml has $n_gml nodes, json $n_json entities"
"$NG" -f dot --types person seeds/*.txt | grep -q 'shape=box' && fail "--types person: dot still has organization boxes"

"$NG" -f json --top 3 seeds/*.txt >"$TMP/t.json" || fail "exit $?"
$PY - "$TMP/all.json" "$TMP/t.json" <<'PY' || fail "--top 3"
import json, sys
a = json.load(open(sys.argv[1])); t = json.load(open(sys.argv[2]))
assert len(t["entities"]) == 3, len(t["entities"])
counts = sorted((e["mentions_total"] for e in a["entities"]), reverse=True)
assert min(e["mentions_total"] for e in t["entities"]) >= counts[2], "not the most mentioned"
PY

"$NG" -f json --min-weight 3 seeds/*.txt >"$TMP/w.json" || fail "exit $?"
$PY - "$TMP/w.json" <<'PY' || fail "--min-weight"
import json, sys
d = json.load(open(sys.argv[1]))
co = [r["weight"] for r in d["relations"] if r["kind"] == "co-occurrence"]
assert co and min(co) >= 3, co
PY

"$NG" -f timeline --since 2022 --until 2024-12 seeds/*.txt >"$TMP/tl.txt" || fail "exit $?"
awk 'NR>2 && /^[0-9]/{print $1}' "$TMP/tl.txt" >"$TMP/dates"
[ -s "$TMP/dates" ] || fail "--since/--until left no dated line"
while read -r d; do
  [[ "$d" < "2022" || "${d:0:7}" > "2024-12" ]] && fail "timeline line dated $d outside 2022..2024-12"
done <"$TMP/dates"
grep -q 'undated' "$TMP/tl.txt" && fail "undated events shown under a date range"

"$NG" -f json --types people seeds/*.txt >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] || fail "--types people: want exit 2"
"$NG" -f json --since 2024-13 seeds/*.txt >/dev/null 2>"$TMP/err"; [ $? -eq 2 ] || fail "--since 2024-13: want exit 2"
echo "ok filters"
