#!/usr/bin/env bash
# Parallel and map/reduce runs give the same output as one plain run, byte for byte:
# -j 2 == -j 1; merge(extract(A), extract(B)) == run(A, B); a GNU parallel map == run.
set -u
. "$(dirname "$0")/common.inc"
cd "$ROOT"
# A corpus of several documents: the seeds plus copies under other names with dates.
mkdir -p "$TMP/in"
i=0
for f in seeds/*.txt; do
  for d in 2024-01-15 2024-06-30 2025-02-01; do
    i=$((i+1)); { echo "date $d"; cat "$f"; } >"$TMP/in/doc$(printf %02d $i).txt"
  done
done
cp seeds/*.txt "$TMP/in/"
files=$(ls "$TMP"/in/* | sort)

for fmt in json dot graphml timeline; do
  "$NG" -j 1 -f $fmt $files >"$TMP/j1.$fmt" || fail "-j 1 exited $?"
  "$NG" -j 2 -f $fmt $files >"$TMP/j2.$fmt" || fail "-j 2 exited $?"
  "$NG" -j 7 -f $fmt $files >"$TMP/j7.$fmt" || fail "-j 7 exited $?"
  cmp -s "$TMP/j1.$fmt" "$TMP/j2.$fmt" || fail "-j 2 $fmt differs from -j 1"
  cmp -s "$TMP/j1.$fmt" "$TMP/j7.$fmt" || fail "-j 7 $fmt differs from -j 1"
done
echo "ok -j 2 and -j 7 equal -j 1"

# Input errors between documents (a missing file, a binary file, bad lines among good ones
# in one file): the same messages in the same order, the same output and exit code with
# any -j, whichever thread reads or merges.
mixed="$TMP/in/doc01.txt $TMP/missing.txt $ROOT/tests/bad-inputs/compressed.txt $TMP/in/doc02.txt
  $ROOT/tests/bad-inputs/bad-lines.jsonl $TMP/in/doc03.txt $ROOT/tests/bad-inputs/bad-lines.jsonl"
for j in 1 2 7; do
  "$NG" -q -j $j -f json $mixed >"$TMP/mixed$j.json" 2>"$TMP/mixed$j.err"
  echo "exit $?" >>"$TMP/mixed$j.err"
done
grep -q "^exit 1$" "$TMP/mixed1.err" || fail "inputs with errors: -j 1 did not exit 1"
[ "$(grep -c '^newsgraph: ' "$TMP/mixed1.err")" = 18 ] || fail "inputs with errors: -j 1 did not print 18 messages"
for j in 2 7; do
  cmp -s "$TMP/mixed1.json" "$TMP/mixed$j.json" || fail "inputs with errors: -j $j output differs from -j 1"
  cmp -s "$TMP/mixed1.err" "$TMP/mixed$j.err" || fail "inputs with errors: -j $j messages or exit code differ from -j 1"
done
echo "ok inputs with errors: -j 2 and -j 7 equal -j 1 (messages, their order, exit code)"

# map/reduce by hand: two halves
set -- $files
half=$(( $# / 2 ))
a=$(echo $files | tr ' ' '\n' | head -n $half)
b=$(echo $files | tr ' ' '\n' | tail -n +$((half+1)))
"$NG" extract $a >"$TMP/a.jsonl" || fail "extract A exited $?"
"$NG" extract $b >"$TMP/b.jsonl" || fail "extract B exited $?"
[ "$(wc -l <"$TMP/a.jsonl")" -eq "$half" ] || fail "extract A: one line per document"
for fmt in json dot graphml timeline; do
  "$NG" merge -f $fmt "$TMP/a.jsonl" "$TMP/b.jsonl" >"$TMP/m.$fmt" || fail "merge exited $?"
  cmp -s "$TMP/j1.$fmt" "$TMP/m.$fmt" || fail "merge(extract(A), extract(B)) $fmt differs from one run"
done
echo "ok merge(extract(A), extract(B)) equals one run"

# GNU parallel: one extract per file, kept in input order (-k), then one merge
if command -v parallel >/dev/null 2>&1; then
  echo $files | tr ' ' '\n' | parallel -k -j 2 "$NG" extract {} >"$TMP/p.jsonl" || fail "parallel exited $?"
  "$NG" merge -f json "$TMP/p.jsonl" >"$TMP/p.json" || fail "merge exited $?"
  cmp -s "$TMP/j1.json" "$TMP/p.json" || fail "GNU parallel map + merge differs from one run"
  echo "ok GNU parallel run equals one run"
else
  echo "SKIP: GNU parallel not installed"; exit 77
fi

# -o writes every format atomically; a second run over it leaves no temporary files
"$NG" -o "$TMP/o" $files || fail "-o exited $?"
"$NG" -o "$TMP/o" $files || fail "-o exited $?"
ls "$TMP/o" | grep -q tmp && fail "temporary files left in the output directory"
cmp -s "$TMP/o/graph.json" "$TMP/j1.json" || fail "-o graph.json differs from -f json"
echo "ok -o"

# A generated corpus (1 MB of articles from ../shared/data, bench/make_corpus.py): enough
# documents for the cross-document event merge to meet many candidates, and -j 2 must
# still equal -j 1 (in the sanitizer run too).
if [ -d "$SHARED/data" ]; then
  python3 "$ROOT/bench/make_corpus.py" "$SHARED" "$TMP/c1" 1 >/dev/null || fail "make_corpus exited $?"
  "$NG" -q -j 1 -f json "$TMP/c1" >"$TMP/c1.j1" || fail "generated corpus: -j 1 exited $?"
  "$NG" -q -j 2 -f json "$TMP/c1" >"$TMP/c1.j2" || fail "generated corpus: -j 2 exited $?"
  cmp -s "$TMP/c1.j1" "$TMP/c1.j2" || fail "generated corpus: -j 2 differs from -j 1"
  n=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(sum(e.get("mentions_total", 1) > 1 for e in d["events"]))' "$TMP/c1.j1")
  [ "$n" -gt 10 ] || fail "generated corpus: only $n events told more than once (the merge was not exercised)"
  echo "ok generated corpus: -j 2 equals -j 1 ($n events merged from several mentions)"
else
  echo "note: ../shared/data is absent: the generated-corpus check did not run"
fi
