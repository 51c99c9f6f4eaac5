# graphml_igraph.sh - python-igraph (Debian's python3-igraph) reads the seeds' graph.graphml:
# as many vertices and edges as the file declares, label/type on every vertex, numeric
# weight on every edge.
. "$(dirname "$0")/common.inc"
need_py_module igraph python3-igraph
run_newsgraph
"$PY" - "$OUT/graph.graphml" <<'PYEOF' || fail "igraph check failed"
import sys, xml.etree.ElementTree as ET
import igraph
ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
root = ET.parse(sys.argv[1]).getroot()
n_nodes = len(root.findall(".//g:node", ns))
n_edges = len(root.findall(".//g:edge", ns))
g = igraph.Graph.Read_GraphML(sys.argv[1])
assert g.is_directed()
assert (g.vcount(), g.ecount()) == (n_nodes, n_edges), (g.vcount(), g.ecount(), n_nodes, n_edges)
assert g.vcount() > 0
for a in ("label", "type", "mentions", "color", "size"):
    assert a in g.vs.attributes(), ("missing vertex attribute", a, g.vs.attributes())
assert all(v["label"] and v["type"] in ("PERSON", "ORG", "PLACE", "EVENT") for v in g.vs)
assert all(isinstance(v["mentions"], (int, float)) for v in g.vs)
if g.ecount():
    assert "weight" in g.es.attributes() and "kind" in g.es.attributes(), g.es.attributes()
    assert all(isinstance(w, float) and w > 0 for w in g.es["weight"])
print("ok: igraph %s read %d vertices, %d edges" % (igraph.__version__, g.vcount(), g.ecount()))
PYEOF
