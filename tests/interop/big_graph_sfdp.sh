# big_graph_sfdp.sh - a graph of at least 5,000 nodes, from a corpus made of
# ../shared/data/gmb sentences (40 per document, into a temporary directory), is marked for
# sfdp (layout=sfdp, overlap=prism) and Graphviz renders it to SVG in under 2 minutes
# without a warning; the in-process renderer (-f svg) does too when the CLI offers it.
. "$(dirname "$0")/common.inc"
need_shared
need_tool sfdp graphviz
[ -x "$PY" ] || PY=python3
GMB=$SHARED/data/gmb/train.conll
[ -r "$GMB" ] || skip "$GMB not found"
case $NG in /*) ;; *) NG=$PWD/$NG ;; esac
mkdir -p "$TMP/corpus"
"$PY" - "$GMB" "$TMP/corpus" <<'PYEOF' || fail "cannot make the corpus"
import re, sys
sents, cur = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip():
        if cur: sents.append(cur); cur = []
        continue
    cur.append(line.split("\t")[0])
if cur: sents.append(cur)
def detok(t):
    s = " ".join(t)
    s = re.sub(r" ([.,;:!?%)])", r"\1", s)
    return s.replace("( ", "(").replace(" 's", "'s").replace(" n't", "n't")
for k, i in enumerate(range(0, len(sents), 40)):
    with open("%s/doc%05d.txt" % (sys.argv[2], k), "w", encoding="utf-8") as f:
        f.write("date 2020-%02d-%02d\n\n" % (1 + k % 12, 1 + k % 28))
        f.write("\n\n".join(detok(s) for s in sents[i:i + 40]) + "\n")
PYEOF
nodes=0
for ndocs in 220 320 480; do
    ls "$TMP/corpus"/*.txt | head -n "$ndocs" >"$TMP/list"
    xargs "$NG" -q -f dot <"$TMP/list" >"$TMP/big.dot" 2>"$TMP/err" || fail "newsgraph -f dot failed: $(cat "$TMP/err")"
    nodes=$(grep -cE '^\s+n[0-9]+\s+\[' "$TMP/big.dot")
    [ "$nodes" -ge 5000 ] && break
done
[ "$nodes" -ge 5000 ] || fail "only $nodes nodes from $ndocs documents"
edges=$(grep -cE -- '->' "$TMP/big.dot")
grep -q 'layout=sfdp' "$TMP/big.dot" || fail "a graph of $nodes nodes is not marked layout=sfdp"
start=$(date +%s.%N)
timeout 120 sfdp -Tsvg "$TMP/big.dot" -o "$TMP/big.svg" 2>"$TMP/sfdp.err" || fail "sfdp failed or took over 120 s"
secs=$(echo "$(date +%s.%N) - $start" | bc)
[ -s "$TMP/sfdp.err" ] && fail "sfdp printed: $(head -c 500 "$TMP/sfdp.err")"
echo "ok: $nodes nodes, $edges edges from $ndocs documents: sfdp renders in ${secs}s"
start=$(date +%s.%N)
rc=0
timeout 120 xargs "$NG" -q -f svg <"$TMP/list" >"$TMP/inproc.svg" 2>"$TMP/err" || rc=$?
if [ "$rc" = 2 ] || [ "$rc" = 123 ] && grep -qi "unknown format" "$TMP/err"; then
    echo "note: this newsgraph has no -f svg yet"
    exit 0
fi
[ "$rc" = 0 ] || fail "newsgraph -f svg failed ($rc) or took over 120 s: $(head -c 500 "$TMP/err")"
[ -s "$TMP/err" ] && fail "newsgraph -f svg printed: $(head -c 500 "$TMP/err")"
echo "ok: in-process -f svg (extraction included) in $(echo "$(date +%s.%N) - $start" | bc)s"
