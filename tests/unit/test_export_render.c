/* test_export_render.c - the in-process renderings (Graphviz gvc) and the HTML page:
 * - SVG: well-formed XML, one drawn node per graph node, names shown as they are (a
 *   backslash stays one backslash, "\N" is not taken for the node name), no Graphviz
 *   message, identical bytes for the same model built twice; laid out once per model
 *   (page.html embeds graph.svg's drawing) until a filter changes the model;
 * - PNG: a PNG image;
 * - a graph past NGX_DOT_BIG is marked layout=sfdp with overlap removal, loses its
 *   co-occurrence labels and still renders without a message;
 * - HTML: parses, holds the timeline rows, the legend and one inline SVG, escapes model
 *   text, and references nothing outside the page (no script, no external URL). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>
#include <graphviz/cgraph.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include "test_export_fixture.h"
#include "export/export_internal.h"

/* LeakSanitizer (sanitizer builds): Graphviz's renderer and fontconfig keep caches for
 * the life of the process. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\nleak:libgvc.so\nleak:libgvplugin_\nleak:libpango\nleak:libcairo\n";
}

static int gv_messages;

/* agusererrf: count Graphviz warnings and errors (and show them). */
static int gv_errf(char *msg)
{
    gv_messages++;
    fprintf(stderr, "graphviz: %s", msg);
    return 0;
}

static int setup(void **state)
{
    ng_model *m = fx_model();
    if (!m)
        return -1;
    *state = m;
    agseterrf(gv_errf);
    return 0;
}

static int teardown(void **state)
{
    ng_model_free(*state);
    return 0;
}

/* Count occurrences of @p needle in @p s. */
static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static void test_svg(void **state)
{
    const ng_model *m = *state;
    gv_messages = 0;
    char *svg = fx_export(ng_export_svg, m);
    assert_non_null(svg);
    assert_int_equal(gv_messages, 0);
    xmlDocPtr doc = xmlReadMemory(svg, (int)strlen(svg), "graph.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    assert_string_equal((const char *)xmlDocGetRootElement(doc)->name, "svg");
    xmlFreeDoc(doc);
    /* 7 model nodes and 4 legend samples */
    assert_int_equal(count(svg, "class=\"node\""), 7 + 4);
    assert_int_equal(count(svg, "class=\"edge\""), ng_model_n_relations(m));
    assert_non_null(strstr(svg, ">Ann O&quot;Neil \\N Smith</text>"));
    assert_null(strstr(svg, "Neil n1 Smith"));
    /* the same model built again is laid out to the same bytes (not the kept copy) */
    ng_model *m2 = fx_model();
    assert_non_null(m2);
    char *again = fx_export(ng_export_svg, m2);
    assert_non_null(again);
    assert_string_equal(svg, again);
    free(again);
    ng_model_free(m2);
    free(svg);
}

/* The graph is laid out once per model and the layout kept: graph.svg and page.html of one
 * run show the same drawing; a filter, which changes what is drawn, forgets it. */
static void test_svg_kept_until_change(void **state)
{
    (void)state;
    ng_model *m = fx_model();
    assert_non_null(m);
    char *svg = fx_export(ng_export_svg, m);
    char *html = fx_export(ng_export_html, m);
    assert_non_null(svg);
    assert_non_null(html);
    const char *body = strstr(svg, "<svg");
    assert_non_null(body);
    assert_non_null(strstr(html, body)); /* the page embeds that very SVG */
    ng_filter f = {0};
    f.types = 1u << NG_PERSON;
    assert_int_equal(ng_model_filter(m, &f), 0);
    char *only = fx_export(ng_export_svg, m);
    assert_non_null(only);
    assert_string_not_equal(svg, only);
    /* only the people and their legend sample are drawn now */
    assert_true(ng_model_n_entities(m) >= 1);
    assert_int_equal(count(only, "class=\"node\""), ng_model_n_entities(m) + 1);
    free(only);
    free(html);
    free(svg);
    ng_model_free(m);
}

static void test_png(void **state)
{
    ng_buf b = {0};
    gv_messages = 0;
    assert_int_equal(ng_export_png(*state, &b), 0);
    assert_int_equal(gv_messages, 0);
    assert_true(b.len > 1000);
    assert_memory_equal(b.data, "\x89PNG\r\n\x1a\n", 8);
    ng_buf_free(&b);
}

/* A model with @p n people, each mentioned with two neighbours in one sentence: about
 * n nodes and 2n co-occurrence relations. */
static ng_model *ring_model(size_t n)
{
    ng_model *m = NULL;
    if (ng_model_new(&m, NULL))
        return NULL;
    ng_mention *ms = calloc(3 * n, sizeof *ms);
    char (*names)[48] = calloc(n, sizeof *names);
    if (!ms || !names)
        goto fail;
    for (size_t i = 0; i < n; i++)
        snprintf(names[i], sizeof names[i], "Person Number%zu", i);
    for (size_t s = 0; s < n; s++)
        for (size_t k = 0; k < 3; k++) {
            ng_mention *x = &ms[3 * s + k];
            x->sent = (uint32_t)s;
            x->start = (uint32_t)(100 * s + 20 * k);
            x->end = x->start + 10;
            x->type = NG_PERSON;
            x->conf = 0.9f;
            x->text = x->canon = names[(s + k) % n];
        }
    ng_doc_result r = {0};
    r.path = (char *)"ring.txt";
    r.format = (char *)"text";
    r.mentions.v = ms;
    r.mentions.n = r.mentions.cap = 3 * n;
    r.nsents = (uint32_t)n;
    if (ng_model_add(m, &r) || ng_model_finish(m))
        goto fail;
    free(ms);
    free(names);
    return m;
fail:
    free(ms);
    free(names);
    ng_model_free(m);
    return NULL;
}

static void test_big_graph_uses_sfdp(void **state)
{
    (void)state;
    ng_model *m = ring_model(500);
    assert_non_null(m);
    size_t size = ng_model_n_entities(m) + ng_model_n_events(m) + ng_model_n_relations(m);
    assert_true(size > NGX_DOT_BIG);
    char *dot = fx_export(ng_export_dot, m);
    assert_non_null(dot);
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    assert_string_equal(agget(g, "layout"), "sfdp");
    assert_string_equal(agget(g, "overlap"), "prism");
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            assert_true(!agget(e, "label") || !*agget(e, "label")); /* co-occurrence weights not drawn */
    agclose(g);
    gv_messages = 0;
    char *svg = fx_export(ng_export_svg, m);
    assert_non_null(svg);
    assert_int_equal(gv_messages, 0);
    assert_int_equal(count(svg, "class=\"node\""), ng_model_n_entities(m) + 1 /* legend */);
    /* the PNG is rendered from the same kept layout, scaled to at most 100 x 100 inches
     * at 96 dpi: the SVG's size in points times 96/72, times the scale-down if any */
    double wpt = 0, hpt = 0;
    const char *wa = strstr(svg, "<svg width=\"");
    assert_non_null(wa);
    assert_int_equal(sscanf(wa, "<svg width=\"%lfpt\" height=\"%lfpt\"", &wpt, &hpt), 2);
    ng_buf png = {0};
    gv_messages = 0;
    assert_int_equal(ng_export_png(m, &png), 0);
    assert_int_equal(gv_messages, 0);
    assert_true(png.len > 24);
    assert_memory_equal(png.data, "\x89PNG\r\n\x1a\n", 8);
    const unsigned char *ih = (const unsigned char *)png.data + 16; /* IHDR width, height */
    double w = (double)((uint32_t)ih[0] << 24 | (uint32_t)ih[1] << 16 | (uint32_t)ih[2] << 8 | ih[3]);
    double h = (double)((uint32_t)ih[4] << 24 | (uint32_t)ih[5] << 16 | (uint32_t)ih[6] << 8 | ih[7]);
    double big = wpt > hpt ? wpt : hpt, z = big > 7200 ? 7200 / big : 1;
    assert_true(fabs(w - wpt * z * 96 / 72) <= 3 && fabs(h - hpt * z * 96 / 72) <= 3);
    ng_buf_free(&png);
    free(svg);
    free(dot);
    ng_model_free(m);

    /* a small graph keeps dot and its labels */
    m = ring_model(20);
    assert_non_null(m);
    dot = fx_export(ng_export_dot, m);
    g = agmemread(dot);
    assert_non_null(g);
    assert_string_equal(agget(g, "layout") ? agget(g, "layout") : "", "");
    agclose(g);
    free(dot);
    ng_model_free(m);
}

/* Number of nodes matching an XPath expression in @p doc. */
static int xpath_count(xmlDocPtr doc, const char *expr)
{
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
    xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    assert_non_null(r);
    int n = r->nodesetval ? r->nodesetval->nodeNr : 0;
    xmlXPathFreeObject(r);
    xmlXPathFreeContext(ctx);
    return n;
}

static void test_html(void **state)
{
    const ng_model *m = *state;
    gv_messages = 0;
    char *html = fx_export(ng_export_html, m);
    assert_non_null(html);
    assert_int_equal(gv_messages, 0);
    assert_false(fx_has_control(html));
    assert_true(strncmp(html, "<!DOCTYPE html>", 15) == 0);
    htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), "page.html", "UTF-8",
                                    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    assert_non_null(doc);
    assert_int_equal(xpath_count(doc, "//section[@id='timeline']//table"), 2);  /* dated, undated */
    assert_int_equal(xpath_count(doc, "//section[@id='timeline']//tbody/tr"), 5); /* 4 dated + 1 undated */
    assert_int_equal(xpath_count(doc, "//tr[@class='event']"), 2);
    assert_int_equal(xpath_count(doc, "//section[@id='graph']//svg"), 1);
    assert_int_equal(xpath_count(doc, "//div[@class='legend']/span"), 4);
    assert_int_equal(xpath_count(doc, "//script"), 0);
    assert_int_equal(xpath_count(doc, "//footer//li"), 2);
    /* nothing to fetch: no src attribute, no link to another document */
    assert_int_equal(xpath_count(doc, "//*[@src]"), 0);
    assert_int_equal(xpath_count(doc, "//link"), 0);
    assert_null(strstr(html, "href=\"http"));
    assert_null(strstr(html, "url("));
    /* model text escaped: the quote of the name and the path's backslash */
    assert_non_null(strstr(html, "<td class=\"who\">Ann O&quot;Neil \\N Smith, Acme Corp</td>"));
    assert_non_null(strstr(html, "<code>news/a\\b.txt</code>"));
    /* sources by file name, full paths in the tooltip */
    assert_non_null(strstr(html, "<td class=\"src\" title=\"news/a\\b.txt\">a\\b.txt</td>"));
    assert_non_null(strstr(html, "First article")); /* the title's control character dropped */
    xmlFreeDoc(doc);
    char *again = fx_export(ng_export_html, m);
    assert_non_null(again);
    assert_string_equal(html, again);
    free(again);
    free(html);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg),
        cmocka_unit_test(test_svg_kept_until_change),
        cmocka_unit_test(test_png),
        cmocka_unit_test(test_big_graph_uses_sfdp),
        cmocka_unit_test(test_html),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
