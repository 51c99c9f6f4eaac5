/* test_export_gexf.c - the GEXF 1.3 exporter on the hand-made model: a dynamic graph
 * (mode, timeformat, graph start/end), node and edge lifetimes from publication dates and
 * event dates, ids and colours shared with the other formats, declared attributes only,
 * names kept exactly without control characters, edge kinds telling parallel relations
 * apart, and validity against ../shared's GEXF schema once the viz elements are removed
 * (the published schema puts them in the wrong namespace; see ../shared/schema/README.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>
#include <libxml/catalog.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <unistd.h>
#include "test_export_fixture.h"

#define GEXF_NS "http://gexf.net/1.3"
#define VIZ_NS "http://gexf.net/1.3/viz"

static int setup(void **state)
{
    ng_model *m = fx_model();
    if (!m)
        return -1;
    char *xml = fx_export(ng_export_gexf, m);
    ng_model_free(m);
    if (!xml)
        return -1;
    *state = xml;
    return 0;
}

static int teardown(void **state)
{
    free(*state);
    return 0;
}

/* Parse the fixture's GEXF. */
static xmlDocPtr parse(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "graph.gexf", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    return doc;
}

/* First element child of @p el named @p name (any namespace), or NULL. */
static xmlNodePtr child(xmlNodePtr el, const char *name)
{
    for (xmlNodePtr c = el ? el->children : NULL; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) == 0)
            return c;
    return NULL;
}

/* Property @p name of @p el compared to @p expect (NULL: absent). */
static void prop_is(xmlNodePtr el, const char *name, const char *expect)
{
    xmlChar *v = xmlGetProp(el, BAD_CAST name);
    if (!expect) {
        if (v)
            fail_msg("unexpected %s=\"%s\"", name, (char *)v);
        return;
    }
    assert_non_null(v);
    assert_string_equal((const char *)v, expect);
    xmlFree(v);
}

/* The attvalue for @p id of a node or edge, compared to @p expect (NULL: absent). */
static void att_is(xmlNodePtr el, const char *id, const char *expect)
{
    for (xmlNodePtr a = child(child(el, "attvalues"), "attvalue"); a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE)
            continue;
        xmlChar *f = xmlGetProp(a, BAD_CAST "for");
        int hit = strcmp((const char *)f, id) == 0;
        xmlFree(f);
        if (hit) {
            assert_non_null(expect);
            prop_is(a, "value", expect);
            return;
        }
    }
    assert_null(expect);
}

static void test_gexf_dynamic_graph(void **state)
{
    const char *xml = *state;
    assert_false(fx_has_control(xml));
    xmlDocPtr doc = parse(xml);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_string_equal((const char *)root->name, "gexf");
    assert_string_equal((const char *)root->ns->href, GEXF_NS);
    prop_is(root, "version", "1.3");
    xmlNodePtr g = child(root, "graph");
    assert_non_null(g);
    prop_is(g, "mode", "dynamic");
    prop_is(g, "timeformat", "date");
    prop_is(g, "defaultedgetype", "directed");
    /* the whole story: from the dated event (July 2024) to the last publication */
    prop_is(g, "start", "2024-07-01");
    prop_is(g, "end", "2025-05-31");

    /* declared attribute ids, per class */
    char ids[2][16][32];
    size_t nids[2] = {0, 0};
    for (xmlNodePtr a = g->children; a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE || strcmp((const char *)a->name, "attributes") != 0)
            continue;
        xmlChar *cls = xmlGetProp(a, BAD_CAST "class");
        int k = strcmp((const char *)cls, "edge") == 0;
        xmlFree(cls);
        for (xmlNodePtr at = a->children; at; at = at->next) {
            if (at->type != XML_ELEMENT_NODE)
                continue;
            xmlChar *id = xmlGetProp(at, BAD_CAST "id");
            assert_true(nids[k] < 16);
            snprintf(ids[k][nids[k]++], 32, "%s", (char *)id);
            xmlFree(id);
        }
    }
    assert_true(nids[0] >= 5);
    assert_true(nids[1] >= 1);

    xmlNodePtr nodes = child(g, "nodes"), edges = child(g, "edges");
    prop_is(nodes, "count", "7");
    size_t k = 0;
    xmlNodePtr n[7] = {0};
    for (xmlNodePtr c = nodes->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char want[16];
        snprintf(want, sizeof want, "n%zu", k + 1);
        prop_is(c, "id", want);
        assert_true(k < 7);
        n[k++] = c;
        /* only declared attributes, a type on every node, viz colour and size */
        for (xmlNodePtr a = child(child(c, "attvalues"), "attvalue"); a; a = a->next) {
            if (a->type != XML_ELEMENT_NODE)
                continue;
            xmlChar *f = xmlGetProp(a, BAD_CAST "for");
            int ok = 0;
            for (size_t q = 0; q < nids[0]; q++)
                ok |= strcmp(ids[0][q], (char *)f) == 0;
            if (!ok)
                fail_msg("undeclared node attribute %s", (char *)f);
            xmlFree(f);
        }
        xmlNodePtr color = child(c, "color"), size = child(c, "size");
        assert_non_null(color);
        assert_non_null(size);
        assert_string_equal((const char *)color->ns->href, VIZ_NS);
    }
    assert_int_equal(k, 7);
    /* lifetimes: the person from the event it took part in (2024-07) to its last publication */
    prop_is(n[0], "label", FX_PERSON);
    prop_is(n[0], "start", "2024-07-01");
    prop_is(n[0], "end", "2025-05-31");
    att_is(n[0], "type", "PERSON");
    att_is(n[0], "mentions", "2");
    prop_is(n[1], "label", FX_ORG_CLEAN); /* only in the undated document, but host of the event */
    prop_is(n[1], "start", "2024-07-01");
    prop_is(n[1], "end", "2024-07-31");
    prop_is(n[3], "label", FX_BADUTF_CLEAN);
    prop_is(n[3], "start", NULL); /* never seen on a known date: always present */
    prop_is(n[5], "start", "2024-07-01");
    prop_is(n[5], "end", "2024-07-31");
    att_is(n[5], "type", "EVENT");
    att_is(n[5], "date", "2024-07");
    att_is(n[6], "date", NULL);
    prop_is(n[6], "start", NULL);
    xmlNodePtr color = child(n[0], "color");
    prop_is(color, "r", "166"); /* #A6CEE3, as in DOT and GraphML */
    prop_is(color, "g", "206");
    prop_is(color, "b", "227");

    /* edges: one per relation, kind and direction by relation kind */
    size_t ne = 0, role = 0, cooc = 0;
    for (xmlNodePtr c = edges->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        ne++;
        xmlChar *kind = xmlGetProp(c, BAD_CAST "kind"), *type = xmlGetProp(c, BAD_CAST "type");
        assert_non_null(kind);
        if (strcmp((char *)kind, "co-occurrence") == 0) {
            cooc++;
            assert_non_null(type);
            assert_string_equal((char *)type, "undirected");
        } else
            assert_null(type);
        if (strcmp((char *)kind, "role") == 0) {
            role++;
            prop_is(c, "source", "n1");
            prop_is(c, "target", "n2");
            prop_is(c, "label", "Chief \"Executive\" \\ Officer");
        }
        xmlChar *src = xmlGetProp(c, BAD_CAST "source");
        if (strcmp((char *)kind, "participant") == 0 && strcmp((char *)src, "n6") == 0) {
            prop_is(c, "start", "2024-07-01"); /* lives on its event's date */
            prop_is(c, "end", "2024-07-31");
        }
        xmlFree(src);
        xmlFree(kind);
        xmlFree(type);
    }
    assert_int_equal(role, 1);
    assert_true(cooc >= 1);
    char cnt[16];
    snprintf(cnt, sizeof cnt, "%zu", ne);
    prop_is(edges, "count", cnt);
    xmlFreeDoc(doc);
}

/* Remove every element of the viz namespace under @p el. */
static void strip_viz(xmlNodePtr el)
{
    xmlNodePtr c = el->children;
    while (c) {
        xmlNodePtr next = c->next;
        if (c->type == XML_ELEMENT_NODE && c->ns && strcmp((const char *)c->ns->href, VIZ_NS) == 0) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        } else if (c->type == XML_ELEMENT_NODE)
            strip_viz(c);
        c = next;
    }
}

static void test_gexf_schema(void **state)
{
    const char *shared = NG_SOURCE_DIR "/../shared/schema";
    char xsd[1024], cat[1024];
    snprintf(xsd, sizeof xsd, "%s/gexf/gexf.xsd", shared);
    snprintf(cat, sizeof cat, "%s/catalog.xml", shared);
    if (access(xsd, R_OK) != 0) {
        fprintf(stderr, "skip: %s not found (../shared is absent)\n", xsd);
        skip();
    }
    xmlLoadCatalog(cat);
    xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(xsd);
    xmlSchemaPtr schema = xmlSchemaParse(pc);
    assert_non_null(schema);
    xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
    xmlDocPtr doc = parse(*state);
    strip_viz(xmlDocGetRootElement(doc));
    assert_int_equal(xmlSchemaValidateDoc(vc, doc), 0);
    xmlFreeDoc(doc);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
}

static void test_gexf_deterministic(void **state)
{
    ng_model *m = fx_model();
    assert_non_null(m);
    char *again = fx_export(ng_export_gexf, m);
    assert_non_null(again);
    assert_string_equal(again, *state);
    free(again);
    ng_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gexf_dynamic_graph),
        cmocka_unit_test(test_gexf_schema),
        cmocka_unit_test(test_gexf_deterministic),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
