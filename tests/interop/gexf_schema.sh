# gexf_schema.sh - the seeds' GEXF (-f gexf) is a dynamic graph (mode="dynamic",
# timeformat="date") that validates against ../shared's GEXF 1.3 schema once the viz:
# elements are removed (the published schema declares them in the wrong namespace, see
# ../shared/schema/README.md), has as many nodes and edges as the GraphML, and every
# node and edge interval is well-formed (start <= end, inside the graph's interval).
. "$(dirname "$0")/common.inc"
need_shared
need_tool xmllint libxml2-utils
[ -x "$PY" ] || skip "$PY is missing (apt-get install python3)"
run_format gexf graph.gexf
run_format graphml graph.graphml
"$PY" - "$OUT/graph.gexf" "$OUT/graph.graphml" "$TMP/noviz.gexf" <<'PYEOF' || fail "GEXF check failed"
import sys, xml.etree.ElementTree as ET
G = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
ET.register_namespace("", "http://gexf.net/1.3")
ET.register_namespace("viz", "http://gexf.net/1.3/viz")
t = ET.parse(sys.argv[1])
root = t.getroot()
g = root.find(G + "graph")
assert root.get("version") == "1.3", root.attrib
assert g.get("mode") == "dynamic" and g.get("timeformat") == "date", g.attrib
nodes, edges = g.findall(G + "nodes/" + G + "node"), g.findall(G + "edges/" + G + "edge")
gml = ET.parse(sys.argv[2]).getroot()
GM = "{http://graphml.graphdrawing.org/xmlns}"
assert len(nodes) == len(gml.findall(".//" + GM + "node")), "node counts differ from the GraphML"
assert len(edges) == len(gml.findall(".//" + GM + "edge")), "edge counts differ from the GraphML"
assert [n.get("id") for n in nodes] == ["n%d" % (i + 1) for i in range(len(nodes))]
lo, hi = g.get("start"), g.get("end")
dated = 0
for el in nodes + edges:
    s, e = el.get("start"), el.get("end")
    assert (s is None) == (e is None), el.attrib
    if s:
        dated += 1
        assert s <= e and lo <= s and e <= hi, (el.attrib, lo, hi)
for n in nodes:
    assert n.find(VIZ + "color") is not None and n.find(VIZ + "size") is not None, n.attrib
assert dated > 0, "no node or edge has a lifetime: the graph would not animate"
for parent in t.iter():
    for ch in list(parent):
        if ch.tag.startswith(VIZ):
            parent.remove(ch)
t.write(sys.argv[3], encoding="UTF-8", xml_declaration=True)
print("ok: %d nodes, %d edges, %d with a lifetime in [%s, %s]" % (len(nodes), len(edges), dated, lo, hi))
PYEOF
XML_CATALOG_FILES=$SHARED/schema/catalog.xml xmllint --nonet --noout \
    --schema "$SHARED/schema/gexf/gexf.xsd" "$TMP/noviz.gexf" 2>"$TMP/err" ||
    fail "graph.gexf (viz removed) does not validate: $(cat "$TMP/err")"
echo "ok: GEXF validates (viz elements removed)"
