# render_svg_png.sh - the seeds' graph rendered in-process (-f svg, -f png through Graphviz's
# gvc): the SVG is well-formed XML drawing as many nodes as graph.dot declares, the PNG is a
# PNG, and neither run prints anything on stderr.
. "$(dirname "$0")/common.inc"
need_tool xmllint libxml2-utils
run_newsgraph
run_format svg graph.svg
[ -s "$TMP/stderr" ] && fail "-f svg printed on stderr: $(cat "$TMP/stderr")"
run_format png graph.png
[ -s "$TMP/stderr" ] && fail "-f png printed on stderr: $(cat "$TMP/stderr")"
xmllint --nonet --noout "$OUT/graph.svg" || fail "graph.svg is not well-formed"
want=$(grep -cE '^\s+(n[0-9]+|legend_[0-9]+)\s+\[' "$OUT/graph.dot")
got=$(grep -c 'class="node"' "$OUT/graph.svg")
[ "$want" = "$got" ] || fail "graph.dot declares $want nodes, -f svg draws $got"
[ "$(head -c 8 "$OUT/graph.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "-f png is not a PNG"
echo "ok: -f svg draws $got nodes, -f png is a $(wc -c <"$OUT/graph.png")-byte PNG"
