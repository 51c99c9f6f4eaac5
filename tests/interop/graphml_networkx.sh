# graphml_networkx.sh - networkx (Debian's python3-networkx) reads the seeds' graph.graphml
# with typed attributes: label and type on every node, mentions/documents as int, size and
# weight as float, ids n1..nN, and the same entities and events, in the same order, as graph.json.
. "$(dirname "$0")/common.inc"
need_py_module networkx python3-networkx
run_newsgraph
"$PY" - "$OUT/graph.graphml" "$OUT/graph.json" <<'PYEOF' || fail "networkx check failed"
import json, sys
import networkx as nx
G = nx.read_graphml(sys.argv[1])
J = json.load(open(sys.argv[2], encoding="utf-8"))
ents, evs = J.get("entities", []), J.get("events", [])
nodes = list(G.nodes(data=True))
assert len(nodes) == len(ents) + len(evs), (len(nodes), len(ents), len(evs))
assert len(nodes) > 0, "empty graph"
for k, (nid, d) in enumerate(nodes):
    assert nid == "n%d" % (k + 1), ("node ids not n1..nN in order", nid, k)
    for a in ("label", "type"):
        assert a in d and d[a] != "", ("node without " + a, nid, d)
    assert d["type"] in ("PERSON", "ORG", "PLACE", "EVENT"), d
    assert isinstance(d["mentions"], int) and isinstance(d["documents"], int), d
    assert isinstance(d["size"], float) and d["size"] >= 10, d
    assert d["color"].startswith("#") and len(d["color"]) == 7, d
    if k < len(ents):
        e = ents[k]
        assert d["label"] == e["name"] and d["type"] == e["type"], (d, e)
    else:
        assert d["type"] == "EVENT", d
for u, v, d in G.edges(data=True):
    assert isinstance(d["weight"], float) and d["weight"] > 0, d
    assert d["kind"] in ("role", "participant", "located-in", "co-occurrence"), d
print("ok: networkx %s read %d nodes, %d edges" % (nx.__version__, G.number_of_nodes(), G.number_of_edges()))
PYEOF
