# dot_render.sh - Graphviz renders the seeds' graph.dot to SVG with dot (and with sfdp, the
# engine for large graphs) without printing a single warning, and the SVG is well-formed
# with one node group per DOT node.
. "$(dirname "$0")/common.inc"
need_tool dot graphviz
run_newsgraph
for engine in dot sfdp; do
    "$engine" -Tsvg "$OUT/graph.dot" -o "$TMP/$engine.svg" 2>"$TMP/$engine.err" ||
        fail "$engine -Tsvg exited with $?: $(cat "$TMP/$engine.err")"
    [ -s "$TMP/$engine.err" ] && fail "$engine -Tsvg printed on stderr: $(cat "$TMP/$engine.err")"
    grep -q '<svg' "$TMP/$engine.svg" || fail "$engine produced no SVG"
done
# every node of the DOT is drawn: count node statements (n1, n2...) against SVG node groups
want=$(grep -cE '^\s+(n[0-9]+|legend_[0-9]+)\s+\[' "$OUT/graph.dot")
got=$(grep -c 'class="node"' "$TMP/dot.svg")
[ "$want" -gt 0 ] || fail "graph.dot has no nodes"
[ "$want" = "$got" ] || fail "graph.dot declares $want nodes, the SVG draws $got"
if command -v xmllint >/dev/null; then
    xmllint --nonet --noout "$TMP/dot.svg" || fail "the SVG is not well-formed"
fi
echo "ok: dot and sfdp render $want nodes without warnings"
