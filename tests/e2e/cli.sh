#!/usr/bin/env bash
# Golden tests of the command line: exact stdout, stderr and exit code.
set -u
. "$(dirname "$0")/common.inc"
G="$ROOT/tests/e2e/golden"
cd "$ROOT"

check() { # name expected_code expected_stdout_file expected_stderr_file cmd...
  local name=$1 code=$2 out=$3 err=$4; shift 4
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  [ "$got" -eq "$code" ] || fail "$name: exit $got, want $code"
  if [ "$out" != "-" ]; then diff -u "$out" "$TMP/out" || fail "$name: stdout differs"; fi
  if [ "$err" != "-" ]; then diff -u "$err" "$TMP/err" || fail "$name: stderr differs"; fi
  echo "ok $name"
}
printf '' >"$TMP/empty"
check help 0 "$G/help.txt" "$TMP/empty" "$NG" --help
check version 0 "$G/version.txt" "$TMP/empty" "$NG" --version
printf 'newsgraph: no input files\nTry '"'"'newsgraph --help'"'"'.\n' >"$TMP/e1"
check no-files 2 "$TMP/empty" "$TMP/e1" "$NG"
printf 'newsgraph: unknown option '"'"'--bogus'"'"'\nTry '"'"'newsgraph --help'"'"'.\n' >"$TMP/e2"
check unknown-option 2 "$TMP/empty" "$TMP/e2" "$NG" --bogus seeds/000_68ba3335f60b6c8e.txt
printf 'newsgraph: unknown format '"'"'pdf'"'"' (json, dot, graphml, gexf, timeline, csv, timelinejs, svg, png, html, timeml)\nTry '"'"'newsgraph --help'"'"'.\n' >"$TMP/e3"
check unknown-format 2 "$TMP/empty" "$TMP/e3" "$NG" -f pdf seeds/000_68ba3335f60b6c8e.txt
printf 'newsgraph: invalid --date '"'"'2025-02-30'"'"' (want YYYY-MM-DD)\nTry '"'"'newsgraph --help'"'"'.\n' >"$TMP/e4"
check bad-date 2 "$TMP/empty" "$TMP/e4" "$NG" --date 2025-02-30 -f json seeds/000_68ba3335f60b6c8e.txt
printf 'newsgraph: option '"'"'-f'"'"' needs an argument\nTry '"'"'newsgraph --help'"'"'.\n' >"$TMP/e5"
check missing-arg 2 "$TMP/empty" "$TMP/e5" "$NG" seeds/000_68ba3335f60b6c8e.txt -f

# A missing file: one message, exit 1, and the other input is still processed.
"$NG" -f json seeds/003_f03689a9ad2a1910.txt no/such/file.txt >"$TMP/out" 2>"$TMP/err"
code=$?
[ "$code" -eq 1 ] || fail "missing file: exit $code, want 1"
printf 'newsgraph: no/such/file.txt: No such file or directory\n' | diff -u - "$TMP/err" || fail "missing file: stderr"
grep -q '"path": "seeds/003_f03689a9ad2a1910.txt"' "$TMP/out" || fail "missing file: the good input was not processed"
echo "ok missing-file"

# Standard input with --date.
"$NG" -f json --date 2024-03-01 - <seeds/000_68ba3335f60b6c8e.txt >"$TMP/out" 2>"$TMP/err" || fail "stdin: exit $?"
grep -q '"date": "2024-03-01"' "$TMP/out" || fail "stdin: --date not used"
grep -q '"date_source": "option"' "$TMP/out" || fail "stdin: date_source"
echo "ok stdin"

# -f writes only to stdout, nothing else may be printed there: the JSON parses.
"$NG" -f json seeds/*.txt | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "json does not parse"
echo "ok json-parses"

# -f streams to standard output: a full device is exit 3 with one message, for every
# format (the exporters append as they go; none holds its whole output first).
if [ -w /dev/full ]; then
  printf 'newsgraph: standard output: No space left on device\n' >"$TMP/full-err"
  for f in json dot graphml gexf timeline csv timelinejs; do
    "$NG" -q -f "$f" seeds/000_68ba3335f60b6c8e.txt >/dev/full 2>"$TMP/err"
    code=$?
    [ "$code" -eq 3 ] || fail "stdout-full-$f: exit $code, want 3"
    diff -u "$TMP/full-err" "$TMP/err" || fail "stdout-full-$f: stderr"
    echo "ok stdout-full-$f"
  done
else
  echo "SKIP: stdout-full (no writable /dev/full)"
fi

# --max-spans caps the provenance kept per entity and event; the counts stay whole.
"$NG" -q -f json seeds/*.txt >"$TMP/full.json" || fail "max-spans: default run"
"$NG" -q --max-spans 1 -f json seeds/*.txt >"$TMP/capped.json" || fail "max-spans: capped run"
python3 - "$TMP/full.json" "$TMP/capped.json" <<'PY' || fail "max-spans: caps or counts wrong"
import json, sys
full, capped = (json.load(open(p)) for p in sys.argv[1:])
assert max(len(e["mentions"]) for e in full["entities"]) > 1, "the seeds should have an entity seen twice"
for a, b in zip(full["entities"], capped["entities"]):
    assert a["name"] == b["name"] and a["mentions_total"] == b["mentions_total"]
    assert len(b["mentions"]) == min(1, len(a["mentions"])) and b["mentions"] == a["mentions"][:1]
for a, b in zip(full["events"], capped["events"]):
    assert a["mentions_total"] == b["mentions_total"] and len(b["mentions"]) == 1
PY
# the graph formats count every mention too, not only the kept spans
"$NG" -q -f graphml seeds/*.txt | grep 'v_mentions' >"$TMP/full.cnt"
"$NG" -q --max-spans 1 -f graphml seeds/*.txt | grep 'v_mentions' >"$TMP/capped.cnt"
diff -u "$TMP/full.cnt" "$TMP/capped.cnt" >/dev/null || fail "max-spans: GraphML counts changed with the cap"
echo "ok max-spans"
check max-spans-zero 2 "$TMP/empty" - "$NG" --max-spans 0 seeds/000_68ba3335f60b6c8e.txt

# Resources that cannot be loaded: exit 4 and the same message with -j 1 and -j 2 (with
# -j 2 the tagger model loads on a thread of its own while the lexicons load).
head -c 100000 models/ner.model >"$TMP/truncated.model"
for case in "--model $TMP/missing.model" "--model $TMP/truncated.model" "--data $TMP/nodata" \
            "--data $TMP/nodata --model $TMP/truncated.model"; do
  for j in 1 2; do
    "$NG" -q -j $j $case -f json seeds/000_68ba3335f60b6c8e.txt >"$TMP/res.out" 2>"$TMP/res$j.err"
    st=$?
    [ $st = 4 ] || fail "resources ($case) -j $j: exit $st, want 4"
    [ -s "$TMP/res$j.err" ] && [ ! -s "$TMP/res.out" ] || fail "resources ($case) -j $j: no message, or output"
  done
  cmp -s "$TMP/res1.err" "$TMP/res2.err" || fail "resources ($case): -j 2 says otherwise than -j 1"
done
grep -q "cannot read tagger model\|tagger model" "$TMP/res1.err" && fail "resources: the lexicons' error should win over the model's"
echo "ok resources that cannot be loaded: exit 4, same message with -j 1 and -j 2"
