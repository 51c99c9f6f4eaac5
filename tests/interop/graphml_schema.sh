# graphml_schema.sh - the seeds' graph.graphml validates against the GraphML 1.1 schema of
# ../shared/schema, offline through its XML catalog.
. "$(dirname "$0")/common.inc"
need_shared
need_tool xmllint libxml2-utils
run_newsgraph
XML_CATALOG_FILES=$SHARED/schema/catalog.xml xmllint --nonet --noout \
    --schema "$SHARED/schema/graphml/graphml.xsd" "$OUT/graph.graphml" 2>"$TMP/err" ||
    fail "graph.graphml does not validate: $(cat "$TMP/err")"
echo "ok: $(cat "$TMP/err")"
