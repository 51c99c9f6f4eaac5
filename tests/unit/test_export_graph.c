/* test_export_graph.c - the DOT and GraphML exporters on a hand-made model whose names
 * hold quotes, backslashes, control characters and bad UTF-8:
 * - DOT is read back with cgraph (agmemread) and the values are the escaped ones,
 *   Graphviz lays it out and renders SVG in-process without a single warning;
 * - GraphML is well-formed, declares every key first with for/attr.name/attr.type,
 *   uses only declared keys, numbers nodes n1..nN in model order, keeps the names
 *   exactly (minus control characters), and validates against ../shared's schema
 *   when ../shared is there;
 * - both are byte-identical across runs and across two equal models, and work on an
 *   empty model. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <unistd.h>
#include "test_export_fixture.h"

/* LeakSanitizer (sanitizer builds): Graphviz's renderer and fontconfig keep caches for
 * the life of the process; what they allocate is theirs, not a leak of ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\nleak:libgvc.so\nleak:libgvplugin_\nleak:libpango\nleak:libcairo\n";
}

/* Graphviz messages seen while the error function below is installed. */
static int gv_messages;
static char gv_last[512];

/* agusererrf: count and keep Graphviz warnings and errors instead of printing them. */
static int gv_errf(char *msg)
{
    gv_messages++;
    snprintf(gv_last, sizeof gv_last, "%s", msg);
    fprintf(stderr, "graphviz: %s", msg);
    return 0;
}

static int strcmp_ptr(const char **a, const char **b) { return strcmp(*a, *b); }

/* Group setup: the fixture model. */
static int setup(void **state)
{
    ng_model *m = fx_model();
    if (!m) {
        fprintf(stderr, "fixture: %s\n", ng_error_last());
        return -1;
    }
    *state = m;
    return 0;
}

static int teardown(void **state)
{
    ng_model_free(*state);
    return 0;
}

/* Attribute @p name of node @p id in the parsed graph (NULL if absent). */
static const char *node_attr(Agraph_t *g, const char *id, const char *name)
{
    Agnode_t *n = agnode(g, (char *)id, 0);
    assert_non_null(n);
    return agget(n, (char *)name);
}

/* The model as the fixture built it: what the tests below rely on. */
static void test_fixture_shape(void **state)
{
    const ng_model *m = *state;
    assert_int_equal(ng_model_n_documents(m), 2);
    assert_int_equal(ng_model_n_entities(m), 5);
    assert_int_equal(ng_model_n_events(m), 2);
    assert_int_equal(fx_entity(m, FX_PERSON), 0);
    assert_int_equal(fx_entity(m, FX_ORG), 1);
    assert_int_equal(fx_entity(m, FX_PLACE), 2);
    assert_int_equal(fx_entity(m, FX_BADUTF), 3);
    assert_int_equal(fx_entity(m, FX_LONG), 4);
    assert_non_null(ng_model_event(m, 0)->date);
    assert_null(ng_model_event(m, 1)->date);
    assert_true(ng_model_n_relations(m) >= 6);
}

static void test_dot_roundtrip(void **state)
{
    const ng_model *m = *state;
    char *dot = fx_export(ng_export_dot, m);
    assert_non_null(dot);
    assert_false(fx_has_control(dot));
    assert_true(xmlCheckUTF8((const xmlChar *)dot));
    assert_true(strncmp(dot, "digraph newsgraph {", 19) == 0);

    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    size_t ne = ng_model_n_entities(m), nv = ng_model_n_events(m), legend = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        legend += strncmp(agnameof(n), "legend_", 7) == 0;
    assert_int_equal((size_t)agnnodes(g), ne + nv + legend);
    assert_int_equal(legend, 4); /* PERSON, ORG, PLACE, EVENT all present */
    assert_int_equal((size_t)agnedges(g), ng_model_n_relations(m));

    /* the parsed value is the DOT escString: backslashes doubled, the quote kept */
    assert_string_equal(node_attr(g, "n1", "label"), "Ann O\"Neil \\\\N Smith");
    assert_string_equal(node_attr(g, "n1", "shape"), "ellipse");
    assert_string_equal(node_attr(g, "n2", "label"), FX_ORG_CLEAN);
    assert_string_equal(node_attr(g, "n2", "shape"), "box");
    assert_string_equal(node_attr(g, "n3", "shape"), "house");
    assert_string_equal(node_attr(g, "n4", "label"), FX_BADUTF_CLEAN);
    assert_string_equal(node_attr(g, "n5", "label"), "Extraordinarily Long Organisa\xE2\x80\xA6");
    assert_non_null(strstr(node_attr(g, "n5", "tooltip"), FX_LONG " (ORG): 1 mention in 1 document"));
    assert_string_equal(node_attr(g, "n6", "shape"), "note");
    assert_string_equal(node_attr(g, "n6", "label"), "Summit \\\\ talks in Springfield\\n2024-07");
    assert_string_equal(node_attr(g, "n7", "label"), "Undated meeting");
    assert_string_equal(node_attr(g, "n1", "fillcolor"), "#A6CEE3");

    /* every relation is an edge between the right nodes, with its label */
    for (size_t i = 0; i < ng_model_n_relations(m); i++) {
        const ng_relation *r = ng_model_relation(m, i);
        char t[32], h[32];
        snprintf(t, sizeof t, "n%zu", (r->src.is_event ? ne : 0) + r->src.index + 1);
        snprintf(h, sizeof h, "n%zu", (r->dst.is_event ? ne : 0) + r->dst.index + 1);
        Agnode_t *tn = agnode(g, t, 0), *hn = agnode(g, h, 0);
        assert_non_null(tn);
        assert_non_null(hn);
        int found = 0;
        for (Agedge_t *e = agfstout(g, tn); e; e = agnxtout(g, e)) {
            if (aghead(e) != hn)
                continue;
            const char *dir = agget(e, "dir");
            if ((r->kind == NG_REL_COOCCUR) == (strcmp(dir, "none") == 0))
                found = 1;
        }
        assert_true(found);
    }
    Agedge_t *role = NULL;
    for (Agedge_t *e = agfstout(g, agnode(g, "n1", 0)); e; e = agnxtout(g, e))
        if (strcmp(agget(e, "dir"), "forward") == 0)
            role = e;
    assert_non_null(role);
    assert_string_equal(agget(role, "label"), "Chief \"Executive\" \\\\ Off\xE2\x80\xA6");
    /* tooltips are unescaped twice by Graphviz: four backslashes for one */
    assert_non_null(strstr(agget(role, "tooltip"), "Chief \"Executive\" \\\\\\\\ Officer"));
    assert_non_null(strstr(node_attr(g, "n1", "tooltip"), "Ann O\"Neil \\\\\\\\N Smith (PERSON)"));
    agclose(g);
    free(dot);
}

/* Every node and edge of a parsed graph with all its attributes, one string each, sorted. */
static char **graph_lines(Agraph_t *g, size_t *n)
{
    char **v = NULL;
    size_t k = 0, cap = 0;
    ng_buf b = {0};
    for (Agnode_t *nd = agfstnode(g); nd; nd = agnxtnode(g, nd)) {
        for (int pass = 0; pass < 2; pass++) {
            Agedge_t *e = pass ? agfstout(g, nd) : NULL;
            if (pass && !e)
                break;
            do {
                b.len = 0;
                ng_buf_printf(&b, e ? "%s->%s" : "%s", agnameof(e ? agtail(e) : nd), e ? agnameof(aghead(e)) : "");
                for (Agsym_t *a = agnxtattr(g, e ? AGEDGE : AGNODE, NULL); a; a = agnxtattr(g, e ? AGEDGE : AGNODE, a))
                    ng_buf_printf(&b, "|%s=%s", a->name, agxget(e ? (void *)e : (void *)nd, a));
                if (k == cap)
                    v = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof *v);
                v[k++] = strdup(b.data);
            } while (e && (e = agnxtout(g, e)));
        }
    }
    ng_buf_free(&b);
    qsort(v, k, sizeof *v, (int (*)(const void *, const void *))strcmp_ptr);
    *n = k;
    return v;
}

/* A graph written in pieces (two nodes or edges each) is the same graph as written whole. */
static void test_dot_pieces(void **state)
{
    const ng_model *m = *state;
    char *whole = fx_export(ng_export_dot, m);
    ng_buf b = {0};
    assert_int_equal(ngx_dot_pieces(m, &b, 2), 0);
    assert_true(strncmp(b.data, "digraph newsgraph {", 19) == 0);
    assert_int_not_equal(strcmp(whole, b.data), 0); /* really written another way */
    Agraph_t *g1 = agmemread(whole), *g2 = agmemread(b.data);
    assert_non_null(g1);
    assert_non_null(g2);
    assert_int_equal(agnnodes(g1), agnnodes(g2));
    assert_int_equal(agnedges(g1), agnedges(g2));
    size_t n1, n2;
    char **l1 = graph_lines(g1, &n1), **l2 = graph_lines(g2, &n2);
    assert_int_equal(n1, n2);
    for (size_t i = 0; i < n1; i++) {
        assert_string_equal(l1[i], l2[i]);
        free(l1[i]);
        free(l2[i]);
    }
    free(l1);
    free(l2);
    assert_string_equal(agget(g1, "label"), agget(g2, "label"));
    agclose(g1);
    agclose(g2);
    ng_buf_free(&b);
    free(whole);
}

static void test_dot_renders_without_warnings(void **state)
{
    const ng_model *m = *state;
    char *dot = fx_export(ng_export_dot, m);
    assert_non_null(dot);
    gv_messages = 0;
    agusererrf old = agseterrf(gv_errf);
    agseterr(AGWARN);
    GVC_t *gvc = gvContext();
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    assert_int_equal(gvLayout(gvc, g, "dot"), 0);
    char *svg = NULL;
    unsigned int len = 0;
    assert_int_equal(gvRenderData(gvc, g, "svg", &svg, &len), 0);
    assert_true(len > 100);
    /* the renderer shows one backslash where the value had two, and "\N" is not
     * taken for Graphviz's node-name escape */
    assert_non_null(strstr(svg, "Ann O&quot;Neil \\N Smith"));
    assert_null(strstr(svg, "Neil \\\\N Smith"));
    assert_null(strstr(svg, "Neil n1 Smith"));
    assert_null(strstr(svg, "Neil \\n1 Smith"));
    /* the same in tooltips (xlink:title), which Graphviz unescapes twice */
    assert_non_null(strstr(svg, "xlink:title=\"Ann O&quot;Neil \\N Smith (PERSON)"));
    assert_non_null(strstr(svg, "Chief &quot;Executive&quot; \\ Officer, weight 1)"));
    gvFreeRenderData(svg);
    gvFreeLayout(gvc, g);
    agclose(g);
    gvFreeContext(gvc);
    agseterrf(old);
    if (gv_messages)
        fail_msg("Graphviz printed %d message(s), last: %s", gv_messages, gv_last);
    free(dot);
}

/* The text of <data key="key"> under @p el, or NULL. */
static char *data_of(xmlNodePtr el, const char *key)
{
    for (xmlNodePtr c = el->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "data") != 0)
            continue;
        xmlChar *k = xmlGetProp(c, BAD_CAST "key");
        int hit = k && strcmp((const char *)k, key) == 0;
        xmlFree(k);
        if (hit)
            return (char *)xmlNodeGetContent(c);
    }
    return NULL;
}

/* Check one <data> value and free it. */
static void data_is(xmlNodePtr el, const char *key, const char *expect)
{
    char *v = data_of(el, key);
    if (!expect) {
        assert_null(v);
        return;
    }
    assert_non_null(v);
    assert_string_equal(v, expect);
    xmlFree(v);
}

/* Property @p name of @p el as a string compared to @p expect. */
static void prop_is(xmlNodePtr el, const char *name, const char *expect)
{
    xmlChar *v = xmlGetProp(el, BAD_CAST name);
    assert_non_null(v);
    assert_string_equal((const char *)v, expect);
    xmlFree(v);
}

static void test_graphml_structure(void **state)
{
    const ng_model *m = *state;
    char *xml = fx_export(ng_export_graphml, m);
    assert_non_null(xml);
    assert_false(fx_has_control(xml));
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "graph.graphml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "graphml");
    assert_non_null(root->ns);
    assert_string_equal((const char *)root->ns->href, "http://graphml.graphdrawing.org/xmlns");

    /* keys: all before <graph>, for node|edge, attr.name without spaces, known attr.type */
    char key_ids[64][32], key_for[64][8];
    size_t nkeys = 0;
    int seen_graph = 0;
    xmlNodePtr graph = NULL;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (strcmp((const char *)c->name, "graph") == 0) {
            seen_graph = 1;
            graph = c;
            continue;
        }
        assert_string_equal((const char *)c->name, "key");
        assert_false(seen_graph);
        xmlChar *id = xmlGetProp(c, BAD_CAST "id"), *dom = xmlGetProp(c, BAD_CAST "for"),
                *name = xmlGetProp(c, BAD_CAST "attr.name"), *type = xmlGetProp(c, BAD_CAST "attr.type");
        assert_non_null(id);
        assert_non_null(dom);
        assert_non_null(name);
        assert_non_null(type);
        assert_true(strcmp((char *)dom, "node") == 0 || strcmp((char *)dom, "edge") == 0);
        assert_null(strpbrk((char *)name, " \t"));
        assert_true(strcmp((char *)type, "string") == 0 || strcmp((char *)type, "int") == 0 ||
                    strcmp((char *)type, "double") == 0);
        for (size_t k = 0; k < nkeys; k++)
            assert_string_not_equal(key_ids[k], (char *)id);
        assert_true(nkeys < 64);
        snprintf(key_ids[nkeys], sizeof key_ids[nkeys], "%s", (char *)id);
        snprintf(key_for[nkeys], sizeof key_for[nkeys], "%s", (char *)dom);
        nkeys++;
        xmlFree(id);
        xmlFree(dom);
        xmlFree(name);
        xmlFree(type);
    }
    assert_non_null(graph);
    prop_is(graph, "edgedefault", "directed");

    /* nodes n1..nN in model order, edges e1..eM between existing nodes, declared keys only */
    size_t ne = ng_model_n_entities(m), nv = ng_model_n_events(m), nn = 0, nedges = 0;
    xmlNodePtr nodes[16] = {0};
    for (xmlNodePtr c = graph->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int is_node = strcmp((const char *)c->name, "node") == 0;
        char want[32];
        if (is_node) {
            assert_int_equal(nedges, 0); /* nodes first */
            snprintf(want, sizeof want, "n%zu", ++nn);
            if (nn <= 16)
                nodes[nn - 1] = c;
            char *label = data_of(c, "v_label"), *type = data_of(c, "v_type");
            assert_non_null(label); /* networkx and Gephi need both on every node */
            assert_non_null(type);
            xmlFree(label);
            xmlFree(type);
        } else {
            assert_string_equal((const char *)c->name, "edge");
            snprintf(want, sizeof want, "e%zu", ++nedges);
            const ng_relation *r = ng_model_relation(m, nedges - 1);
            char s[32], t[32];
            snprintf(s, sizeof s, "n%zu", (r->src.is_event ? ne : 0) + r->src.index + 1);
            snprintf(t, sizeof t, "n%zu", (r->dst.is_event ? ne : 0) + r->dst.index + 1);
            prop_is(c, "source", s);
            prop_is(c, "target", t);
            data_is(c, "e_kind", ng_rel_kind_name(r->kind));
            char *w = data_of(c, "e_weight");
            assert_non_null(w);
            assert_true(strtod(w, NULL) == r->weight);
            xmlFree(w);
        }
        prop_is(c, "id", want);
        for (xmlNodePtr d = c->children; d; d = d->next) {
            if (d->type != XML_ELEMENT_NODE)
                continue;
            xmlChar *k = xmlGetProp(d, BAD_CAST "key");
            int ok = 0;
            for (size_t q = 0; q < nkeys; q++)
                ok |= strcmp(key_ids[q], (char *)k) == 0 && strcmp(key_for[q], is_node ? "node" : "edge") == 0;
            if (!ok)
                fail_msg("undeclared key %s on %s", (char *)k, want);
            xmlFree(k);
        }
    }
    assert_int_equal(nn, ne + nv);
    assert_int_equal(nedges, ng_model_n_relations(m));

    /* values: names kept exactly (XML escapes them), control characters gone, bad UTF-8 replaced */
    data_is(nodes[0], "v_label", FX_PERSON);
    data_is(nodes[0], "v_type", "PERSON");
    data_is(nodes[0], "v_mentions", "2");
    data_is(nodes[0], "v_documents", "2");
    data_is(nodes[0], "v_color", "#A6CEE3");
    data_is(nodes[0], "v_roles", "Chief \"Executive\" \\ Officer of " FX_ORG_CLEAN);
    data_is(nodes[0], "v_sources", FX_PATH1 "; " FX_PATH2);
    data_is(nodes[0], "v_first_date", "2025-05-31");
    data_is(nodes[1], "v_label", FX_ORG_CLEAN);
    data_is(nodes[1], "v_type", "ORG");
    data_is(nodes[1], "v_first_date", NULL); /* only in the undated document */
    data_is(nodes[3], "v_label", FX_BADUTF_CLEAN);
    data_is(nodes[4], "v_label", FX_LONG); /* never shortened in GraphML */
    data_is(nodes[5], "v_type", "EVENT");
    data_is(nodes[5], "v_label", "Summit \\ talks in Springfield");
    data_is(nodes[5], "v_date", "2024-07");
    data_is(nodes[5], "v_precision", "month");
    data_is(nodes[5], "v_first_date", "2024-07-01");
    data_is(nodes[5], "v_last_date", "2024-07-31");
    data_is(nodes[5], "v_place", FX_PLACE);
    data_is(nodes[5], "v_participants", FX_PERSON "; " FX_ORG_CLEAN);
    data_is(nodes[6], "v_label", "Undated meeting");
    data_is(nodes[6], "v_date", NULL);
    for (size_t i = 0; i < nn && i < 16; i++) {
        char *v = data_of(nodes[i], "v_type");
        assert_non_null(v);
        xmlFree(v);
        v = data_of(nodes[i], "v_size");
        assert_non_null(v);
        assert_true(strtod(v, NULL) >= 10);
        xmlFree(v);
    }
    xmlFreeDoc(doc);
    free(xml);
}

/* Validate @p xml against ../shared's GraphML schema; skips when ../shared is absent. */
/* Validate against ../shared's GraphML schema; 0 (with a message) when it is absent, so
 * that the caller frees what it holds before skip(). */
static int validate_graphml(const char *xml)
{
    const char *shared = NG_SOURCE_DIR "/../shared/schema";
    char xsd[1024], cat[1024];
    snprintf(xsd, sizeof xsd, "%s/graphml/graphml.xsd", shared);
    snprintf(cat, sizeof cat, "%s/catalog.xml", shared);
    if (access(xsd, R_OK) != 0 || access(cat, R_OK) != 0) {
        fprintf(stderr, "skip: %s not found (../shared is absent)\n", xsd);
        return 0;
    }
    xmlLoadCatalog(cat);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
    assert_non_null(pc);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    assert_non_null(schema);
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "graph.graphml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
    xmlFreeDoc(doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
    return 1;
}

static void test_graphml_schema(void **state)
{
    char *xml = fx_export(ng_export_graphml, *state);
    assert_non_null(xml);
    int validated = validate_graphml(xml);
    free(xml);
    if (!validated)
        skip();
}

static void test_determinism(void **state)
{
    const ng_model *m = *state;
    ng_model *m2 = fx_model();
    assert_non_null(m2);
    int (*fns[])(const ng_model *, ng_buf *) = {ng_export_dot, ng_export_graphml, ng_export_timeline};
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
        char *a = fx_export(fns[i], m), *b = fx_export(fns[i], m), *c = fx_export(fns[i], m2);
        assert_non_null(a);
        assert_non_null(b);
        assert_non_null(c);
        assert_string_equal(a, b);
        assert_string_equal(a, c);
        free(a);
        free(b);
        free(c);
    }
    ng_model_free(m2);
}

/* The JSON contract rendered by threads in chunks (one element each, or the default) is
 * the serial one, byte for byte, also for an empty model. */
static void test_json_jobs(void **state)
{
    ng_model *empty = NULL;
    assert_int_equal(ng_model_new(&empty, NULL), 0);
    assert_int_equal(ng_model_finish(empty), 0);
    const ng_model *models[] = {*state, empty};
    for (size_t k = 0; k < 2; k++) {
        char *want = fx_export(ng_export_json, models[k]);
        assert_non_null(want);
        for (int jobs = 1; jobs <= 4; jobs++)
            for (size_t chunk = 0; chunk <= 20; chunk += 1 + chunk * 3) {
                ng_buf b = {0};
                assert_int_equal(ng_export_json_jobs(models[k], &b, jobs, chunk), 0);
                assert_string_equal(b.data, want);
                ng_buf_free(&b);
            }
        free(want);
    }
    ng_model_free(empty);
    /* a failing output stops the renderers */
    for (int jobs = 2; jobs <= 4; jobs++) {
        ng_buf b = {0};
        b.max = 64;
        assert_int_equal(ng_export_json_jobs(*state, &b, jobs, 1), NG_ETOOBIG);
        ng_buf_free(&b);
    }
}

static void test_empty_model(void **state)
{
    (void)state;
    ng_model *m = NULL;
    assert_int_equal(ng_model_new(&m, NULL), 0);
    assert_int_equal(ng_model_finish(m), 0);
    char *dot = fx_export(ng_export_dot, m);
    assert_non_null(dot);
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    assert_int_equal(agnnodes(g), 0);
    agclose(g);
    char *tl = fx_export(ng_export_timeline, m);
    assert_non_null(tl);
    assert_string_equal(tl, "# newsgraph timeline: 0 documents, 0 events (0 dated), 0 dated items\n");
    char *xml = fx_export(ng_export_graphml, m);
    assert_non_null(xml);
    assert_non_null(strstr(xml, "<graph id=\"G\" edgedefault=\"directed\""));
    int validated = validate_graphml(xml);
    free(dot);
    free(tl);
    free(xml);
    ng_model_free(m);
    if (!validated)
        skip(); /* everything but the schema check ran */
}

static void test_null_arguments(void **state)
{
    ng_buf b = {0};
    assert_int_equal(ng_export_dot(NULL, &b), NG_EINVAL);
    assert_int_equal(ng_export_graphml(NULL, &b), NG_EINVAL);
    assert_int_equal(ng_export_timeline(NULL, &b), NG_EINVAL);
    assert_int_equal(ng_export_dot(*state, NULL), NG_EINVAL);
    /* a capped buffer too small for the output fails cleanly */
    b.max = 64;
    assert_int_equal(ng_export_graphml(*state, &b), NG_ETOOBIG);
    ng_buf_free(&b);
    b.max = 64;
    assert_int_equal(ng_export_dot(*state, &b), NG_ETOOBIG);
    ng_buf_free(&b);
    b.max = 64;
    assert_int_equal(ng_export_timeline(*state, &b), NG_ETOOBIG);
    ng_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_shape),
        cmocka_unit_test(test_dot_roundtrip),
        cmocka_unit_test(test_dot_pieces),
        cmocka_unit_test(test_dot_renders_without_warnings),
        cmocka_unit_test(test_graphml_structure),
        cmocka_unit_test(test_graphml_schema),
        cmocka_unit_test(test_determinism),
        cmocka_unit_test(test_json_jobs),
        cmocka_unit_test(test_empty_model),
        cmocka_unit_test(test_null_arguments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
