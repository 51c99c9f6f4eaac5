/* dot.c - the DOT exporter: the model becomes a Graphviz graph built with cgraph
 * (agopen, agattr, agnode, agedge, agsafeset) and written by agwrite into an ng_buf
 * through a custom I/O discipline.
 *
 * Nodes are entities then events, named n1, n2... in model order; shape and colour
 * follow the type, the label is the (shortened) name and the tooltip tells the full
 * name, type and counts.  Edges: role (person -> org/place, label = title), participant
 * (event -> entity, label = role), located-in (event -> place), co-occurrence
 * (undirected look, width and label by weight).  agwrite quotes values and escapes
 * '"' but not '\', so every value goes through ngx_clean(), which doubles backslashes
 * (four in tooltips, see TIP) and strips control characters.  cgraph keeps global
 * state: not for parallel use. */
#include <graphviz/cgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"

/* Longest label, in characters, before it is shortened with "…". */
#define DOT_LABEL_MAX 30
#define DOT_EDGE_LABEL_MAX 24
/* Backslashes in tooltips: Graphviz unescapes a tooltip twice (\\ then \N, \G...), so
 * each one is written as four; labels are unescaped once and get two. */
#define TIP NGX_QUAD_BACKSLASH
/* Aliases listed in a tooltip. */
#define DOT_TOOLTIP_ALIASES 8

/* agwrite's channel: where the text goes and the first error. */
typedef struct {
    ng_buf *out;
    int rc;
} dot_sink;

/* Agiodisc_t.putstr: append a string to the sink. */
static int sink_putstr(void *chan, const char *str)
{
    dot_sink *s = chan;
    if (s->rc == 0)
        s->rc = ng_buf_puts(s->out, str);
    return s->rc ? EOF : 0;
}

/* Agiodisc_t.flush: nothing to do for a memory sink. */
static int sink_flush(void *chan)
{
    (void)chan;
    return 0;
}

/* Agiodisc_t.afread: graphs built here are never read through their discipline. */
static int sink_read(void *chan, char *buf, int bufsize)
{
    (void)chan;
    (void)buf;
    (void)bufsize;
    return 0;
}

/* The disciplines of every graph built here: constant after initialization (cgraph
 * keeps a pointer to them for the graph's life, so they cannot live on the stack). */
static Agiodisc_t dot_io = {sink_read, sink_putstr, sink_flush};
static Agdisc_t dot_disc = {&AgMemDisc, &AgIdDisc, &dot_io};

/* The state of one export: the graph, its nodes, a scratch buffer. */
typedef struct {
    const ng_model *m;
    Agraph_t *g;
    Agnode_t **nodes; /* entities then events */
    size_t n_nodes;
    int big;          /* past NGX_DOT_BIG: sfdp layout, no co-occurrence labels */
    ng_buf tmp;
} dot_ctx;

/* Graphs past this many nodes + edges are written in pieces (see ng_export_dot). */
#define DOT_PIECES_PAST 100000
/* Nodes or edges per piece. */
#define DOT_PIECE 20000

/* Set attribute @p name of @p obj to the exact string @p value (already clean). */
static int set_raw(void *obj, const char *name, const char *value)
{
    if (agsafeset(obj, (char *)name, (char *)value, "") != 0)
        return ng_error_set(NG_ENOMEM, "cgraph: cannot set attribute %s", name);
    return 0;
}

/* Set attribute @p name of @p obj to @p value cleaned for DOT, at most @p max chars. */
static int set_clean(dot_ctx *c, void *obj, const char *name, const char *value, size_t max)
{
    int rc = ngx_reset(&c->tmp);
    if (rc == 0)
        rc = ngx_clean(&c->tmp, value, NGX_DOUBLE_BACKSLASH, max);
    return rc ? rc : set_raw(obj, name, c->tmp.data);
}

/* Declare the graph, node and edge attributes with their defaults. */
static int declare_defaults(dot_ctx *c)
{
    static const char *const graph_attrs[][2] = {
        {"rankdir", "LR"},      {"fontname", "Helvetica"}, {"fontsize", "12"},
        {"labelloc", "t"},      {"outputorder", "edgesfirst"}, {"nodesep", "0.3"},
        {"ranksep", "0.6"},     {"label", ""},
    };
    static const char *const node_attrs[][2] = {
        {"shape", "ellipse"}, {"style", "filled"},       {"fillcolor", "#DDDDDD"},
        {"color", "#666666"}, {"fontname", "Helvetica"}, {"fontsize", "10"},
        {"label", ""},        {"tooltip", ""},
    };
    static const char *const edge_attrs[][2] = {
        {"color", "#999999"}, {"fontcolor", "#555555"}, {"fontname", "Helvetica"},
        {"fontsize", "8"},    {"penwidth", "1"},        {"arrowsize", "0.6"},
        {"style", "solid"},   {"dir", "forward"},       {"label", ""},
        {"tooltip", ""},      {"weight", "1"},
    };
    for (size_t i = 0; i < sizeof graph_attrs / sizeof *graph_attrs; i++)
        if (!agattr(c->g, AGRAPH, (char *)graph_attrs[i][0], (char *)graph_attrs[i][1]))
            return ng_error_set(NG_ENOMEM, "cgraph: cannot declare %s", graph_attrs[i][0]);
    for (size_t i = 0; i < sizeof node_attrs / sizeof *node_attrs; i++)
        if (!agattr(c->g, AGNODE, (char *)node_attrs[i][0], (char *)node_attrs[i][1]))
            return ng_error_set(NG_ENOMEM, "cgraph: cannot declare %s", node_attrs[i][0]);
    for (size_t i = 0; i < sizeof edge_attrs / sizeof *edge_attrs; i++)
        if (!agattr(c->g, AGEDGE, (char *)edge_attrs[i][0], (char *)edge_attrs[i][1]))
            return ng_error_set(NG_ENOMEM, "cgraph: cannot declare %s", edge_attrs[i][0]);
    return 0;
}

/* Shape of a node kind. */
static const char *kind_shape(int kind)
{
    switch (kind) {
    case NG_PERSON: return "ellipse";
    case NG_ORG: return "box";
    case NG_PLACE: return "house";
    default: return "note";
    }
}

/* Set shape, colours and a font size growing with the number of mentions. */
static int set_look(void *obj, int kind, size_t mentions)
{
    char fs[16];
    int bits = ngx_bitlen(mentions);
    snprintf(fs, sizeof fs, "%d", 10 + (bits > 7 ? 7 : bits) * 2);
    int rc = set_raw(obj, "shape", kind_shape(kind));
    if (rc == 0)
        rc = set_raw(obj, "fillcolor", ngx_fill_color(kind));
    if (rc == 0)
        rc = set_raw(obj, "color", ngx_line_color(kind));
    if (rc == 0 && kind != NGX_KIND_EVENT)
        rc = set_raw(obj, "fontsize", fs);
    return rc;
}

/* One node per entity: look, label and tooltip (name, type, counts, aliases, roles). */
static int add_entity(dot_ctx *c, size_t i)
{
    const ng_entity *e = ng_model_entity(c->m, i);
    char name[32];
    snprintf(name, sizeof name, "n%zu", i + 1);
    Agnode_t *n = agnode(c->g, name, 1);
    if (!n)
        return ng_error_set(NG_ENOMEM, "cgraph: cannot create node %s", name);
    if (c->nodes)
        c->nodes[i] = n;
    int rc = set_look(n, (int)e->type, e->n_mentions_total);
    if (rc == 0)
        rc = set_clean(c, n, "label", e->name, DOT_LABEL_MAX);
    if (rc)
        return rc;
    ng_buf *t = &c->tmp;
    rc = ngx_reset(t);
    if (rc == 0)
        rc = ngx_clean(t, e->name, TIP, 0);
    if (rc == 0)
        rc = ng_buf_printf(t, " (%s): %zu mention%s in %zu document%s", ng_type_name(e->type),
                           e->n_mentions_total, e->n_mentions_total == 1 ? "" : "s", e->n_documents,
                           e->n_documents == 1 ? "" : "s");
    if (rc == 0 && e->first_date && e->last_date)
        rc = strcmp(e->first_date, e->last_date) == 0
                 ? ng_buf_printf(t, ", %s", e->first_date)
                 : ng_buf_printf(t, ", %s to %s", e->first_date, e->last_date);
    for (size_t k = 0; rc == 0 && k < e->n_aliases && k < DOT_TOOLTIP_ALIASES; k++) {
        rc = ng_buf_puts(t, k ? ", " : "; also ");
        if (rc == 0)
            rc = ngx_clean(t, e->aliases[k].name, TIP, 0);
    }
    if (rc == 0 && e->n_aliases > DOT_TOOLTIP_ALIASES)
        rc = ng_buf_printf(t, " and %zu more", e->n_aliases - DOT_TOOLTIP_ALIASES);
    for (size_t k = 0; rc == 0 && k < e->n_roles; k++) {
        const ng_role *r = &e->roles[k];
        rc = ng_buf_puts(t, k ? ", " : "; ");
        if (rc == 0)
            rc = ngx_clean(t, r->title, TIP, 0);
        if (rc == 0 && r->of >= 0 && (size_t)r->of < ng_model_n_entities(c->m)) {
            rc = ng_buf_puts(t, " of ");
            if (rc == 0)
                rc = ngx_clean(t, ng_model_entity(c->m, (size_t)r->of)->name, TIP, 0);
        }
    }
    return rc ? rc : set_raw(n, "tooltip", t->data);
}

/* One node per event: label with its date, tooltip with kind, place and participants. */
static int add_event(dot_ctx *c, size_t i)
{
    const ng_event *ev = ng_model_event(c->m, i);
    size_t ne = ng_model_n_entities(c->m);
    char name[32];
    snprintf(name, sizeof name, "n%zu", ne + i + 1);
    Agnode_t *n = agnode(c->g, name, 1);
    if (!n)
        return ng_error_set(NG_ENOMEM, "cgraph: cannot create node %s", name);
    if (c->nodes)
        c->nodes[ne + i] = n;
    int rc = set_look(n, NGX_KIND_EVENT, ev->n_mentions_total);
    ng_buf *t = &c->tmp;
    if (rc == 0)
        rc = ngx_reset(t);
    if (rc == 0)
        rc = ngx_clean(t, ev->label ? ev->label : ev->kind, NGX_DOUBLE_BACKSLASH, DOT_LABEL_MAX);
    if (rc == 0 && ev->date) {
        rc = ng_buf_puts(t, "\\n"); /* a DOT line break, added after cleaning */
        if (rc == 0)
            rc = ngx_clean(t, ev->date, NGX_DOUBLE_BACKSLASH, 0);
    }
    if (rc == 0)
        rc = set_raw(n, "label", t->data);
    if (rc)
        return rc;
    rc = ngx_reset(t);
    if (rc == 0)
        rc = ngx_clean(t, ev->label ? ev->label : ev->kind, TIP, 0);
    if (rc == 0)
        rc = ng_buf_puts(t, " (EVENT");
    if (rc == 0 && ev->kind) {
        rc = ng_buf_puts(t, ", ");
        if (rc == 0)
            rc = ngx_clean(t, ev->kind, TIP, 0);
    }
    if (rc == 0)
        rc = ng_buf_puts(t, ")");
    if (rc == 0 && ev->date) {
        rc = ng_buf_puts(t, " on ");
        if (rc == 0)
            rc = ngx_clean(t, ev->date, TIP, 0);
    }
    if (rc == 0 && ev->place >= 0 && (size_t)ev->place < ne) {
        rc = ng_buf_puts(t, " in ");
        if (rc == 0)
            rc = ngx_clean(t, ng_model_entity(c->m, (size_t)ev->place)->name, TIP, 0);
    }
    for (size_t k = 0, shown = 0; rc == 0 && k < ev->n_participants; k++) {
        if (ev->participants[k].entity >= ne)
            continue;
        rc = ng_buf_puts(t, shown++ ? ", " : "; with ");
        if (rc == 0)
            rc = ngx_clean(t, ng_model_entity(c->m, ev->participants[k].entity)->name, TIP, 0);
    }
    if (rc == 0)
        rc = ng_buf_printf(t, "; %zu mention%s", ev->n_mentions_total, ev->n_mentions_total == 1 ? "" : "s");
    return rc ? rc : set_raw(n, "tooltip", t->data);
}

/* Edge style per relation kind: colour, line style, direction. */
static int set_edge_look(Agedge_t *e, ng_rel_kind kind)
{
    const char *color = "#999999", *style = "solid", *dir = "forward";
    switch (kind) {
    case NG_REL_ROLE: color = ngx_line_color(NG_PERSON); break;
    case NG_REL_PARTICIPANT: color = ngx_line_color(NGX_KIND_EVENT); style = "dashed"; break;
    case NG_REL_LOCATED_IN: color = ngx_line_color(NG_PLACE); style = "dotted"; break;
    case NG_REL_COOCCUR: dir = "none"; break;
    }
    int rc = set_raw(e, "color", color);
    if (rc == 0)
        rc = set_raw(e, "fontcolor", color);
    if (rc == 0 && strcmp(style, "solid") != 0)
        rc = set_raw(e, "style", style);
    if (rc == 0 && strcmp(dir, "forward") != 0)
        rc = set_raw(e, "dir", dir);
    return rc;
}

/* The name of a relation end for tooltips (entity name or event label). */
static const char *ref_name(const ng_model *m, ng_node_ref r)
{
    if (r.is_event) {
        const ng_event *ev = ng_model_event(m, r.index);
        return ev->label ? ev->label : ev->kind;
    }
    return ng_model_entity(m, r.index)->name;
}

/* Node k (0-based: entities then events) of the graph being built; when the graph is
 * written in pieces, a bare node of the piece (default attributes: agwrite leaves it out). */
static Agnode_t *node_of(dot_ctx *c, size_t k)
{
    if (c->nodes)
        return c->nodes[k];
    char name[32];
    snprintf(name, sizeof name, "n%zu", k + 1);
    return agnode(c->g, name, 1);
}

/* One edge per relation: look by kind, label, tooltip, width and layout weight. */
static int add_relation(dot_ctx *c, size_t i)
{
    const ng_relation *r = ng_model_relation(c->m, i);
    if (!ngx_ref_valid(c->m, r->src) || !ngx_ref_valid(c->m, r->dst))
        return ng_error_set(NG_EINVAL, "relation %zu refers to a missing node", i + 1);
    Agnode_t *t = node_of(c, ngx_node_index(c->m, r->src)), *h = node_of(c, ngx_node_index(c->m, r->dst));
    Agedge_t *e = t && h ? agedge(c->g, t, h, NULL, 1) : NULL;
    if (!e)
        return ng_error_set(NG_ENOMEM, "cgraph: cannot create edge %zu", i + 1);
    int rc = set_edge_look(e, r->kind);
    char num[64];
    ngx_fmt_num(num, sizeof num, r->weight);
    if (rc == 0) {
        if (r->kind == NG_REL_COOCCUR)
            rc = c->big ? 0 : set_raw(e, "label", num);
        else if (r->kind == NG_REL_LOCATED_IN && !r->label)
            rc = set_raw(e, "label", "in");
        else if (r->label)
            rc = set_clean(c, e, "label", r->label, DOT_EDGE_LABEL_MAX);
    }
    if (rc == 0 && r->kind == NG_REL_COOCCUR) {
        /* width 1..6 by the weight's integer logarithm; layout weight 1..100 */
        double w = r->weight > 0 && isfinite(r->weight) ? r->weight : 0;
        size_t wi = w > 1e6 ? 1000000 : (size_t)(w + 0.5);
        int bits = ngx_bitlen(wi);
        char pw[16], lw[16];
        snprintf(pw, sizeof pw, "%d", bits > 6 ? 6 : bits < 1 ? 1 : bits);
        snprintf(lw, sizeof lw, "%zu", wi > 100 ? (size_t)100 : wi < 1 ? (size_t)1 : wi);
        rc = set_raw(e, "penwidth", pw);
        if (rc == 0)
            rc = set_raw(e, "weight", lw);
    }
    if (rc)
        return rc;
    ng_buf *b = &c->tmp;
    rc = ngx_reset(b);
    if (rc == 0)
        rc = ngx_clean(b, ref_name(c->m, r->src), TIP, 0);
    if (rc == 0)
        rc = ng_buf_printf(b, " %s ", r->kind == NG_REL_COOCCUR ? "--" : "->");
    if (rc == 0)
        rc = ngx_clean(b, ref_name(c->m, r->dst), TIP, 0);
    if (rc == 0)
        rc = ng_buf_printf(b, " (%s", ng_rel_kind_name(r->kind));
    if (rc == 0 && r->label) {
        rc = ng_buf_puts(b, ": ");
        if (rc == 0)
            rc = ngx_clean(b, r->label, TIP, 0);
    }
    if (rc == 0)
        rc = ng_buf_printf(b, ", weight %s)", num);
    return rc ? rc : set_raw(e, "tooltip", b->data);
}

/* A legend cluster with one sample node per node kind present in the graph. */
static int add_legend(dot_ctx *c)
{
    int present[NGX_KIND_COUNT] = {0};
    size_t ne = ng_model_n_entities(c->m);
    for (size_t i = 0; i < ne; i++) {
        int t = (int)ng_model_entity(c->m, i)->type;
        if (t >= 0 && t < NG_TYPE_COUNT)
            present[t] = 1;
    }
    present[NGX_KIND_EVENT] = ng_model_n_events(c->m) > 0;
    int any = 0;
    for (int k = 0; k < NGX_KIND_COUNT; k++)
        any |= present[k];
    if (!any)
        return 0;
    Agraph_t *sg = agsubg(c->g, "cluster_legend", 1);
    if (!sg)
        return ng_error_set(NG_ENOMEM, "cgraph: cannot create the legend");
    int rc = set_raw(sg, "label", "Legend");
    if (rc == 0)
        rc = set_raw(sg, "style", "rounded,dashed");
    if (rc == 0)
        rc = set_raw(sg, "color", "#AAAAAA");
    if (rc == 0)
        rc = set_raw(sg, "fontsize", "10");
    for (int k = 0; rc == 0 && k < NGX_KIND_COUNT; k++) {
        if (!present[k])
            continue;
        char name[32], label[16];
        snprintf(name, sizeof name, "legend_%d", k + 1);
        snprintf(label, sizeof label, "%s", ngx_kind_name(k));
        Agnode_t *n = agnode(sg, name, 1);
        if (!n)
            return ng_error_set(NG_ENOMEM, "cgraph: cannot create the legend");
        rc = set_look(n, k, 0);
        if (rc == 0)
            rc = set_raw(n, "label", label);
        if (rc == 0)
            rc = set_raw(n, "tooltip", label);
    }
    return rc;
}

/* Open c->g with the declarations and graph attributes every graph and piece shares. */
static int graph_open(dot_ctx *c)
{
    const ng_model *m = c->m;
    size_t ne = ng_model_n_entities(m), nv = ng_model_n_events(m);
    c->g = agopen("newsgraph", Agdirected, &dot_disc);
    if (!c->g)
        return ng_error_set(NG_ENOMEM, "cgraph: cannot create the graph");
    int rc = declare_defaults(c);
    if (rc)
        return rc;
    char label[160];
    snprintf(label, sizeof label, "newsgraph: %zu document%s, %zu entit%s, %zu event%s", ng_model_n_documents(m),
             ng_model_n_documents(m) == 1 ? "" : "s", ne, ne == 1 ? "y" : "ies", nv, nv == 1 ? "" : "s");
    if ((rc = set_raw(c->g, "label", label)))
        return rc;
    if (c->big && ((rc = set_raw(c->g, "layout", "sfdp")) || (rc = set_raw(c->g, "overlap", "prism"))))
        return rc;
    return 0;
}

static void graph_close(dot_ctx *c)
{
    if (c->g)
        agclose(c->g);
    c->g = NULL;
}

int ngx_dot_build(const ng_model *m, Agraph_t **out)
{
    dot_ctx c = {.m = m};
    size_t ne = ng_model_n_entities(m), nv = ng_model_n_events(m), nr = ng_model_n_relations(m);
    int rc = 0;
    *out = NULL;
    c.n_nodes = ne + nv;
    c.big = c.n_nodes + nr > NGX_DOT_BIG;
    c.nodes = calloc(c.n_nodes ? c.n_nodes : 1, sizeof *c.nodes);
    if (!c.nodes) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = graph_open(&c)))
        goto done;
    for (size_t i = 0; i < ne && rc == 0; i++)
        rc = add_entity(&c, i);
    for (size_t i = 0; i < nv && rc == 0; i++)
        rc = add_event(&c, i);
    for (size_t i = 0; i < nr && rc == 0; i++)
        rc = add_relation(&c, i);
    if (rc == 0)
        rc = add_legend(&c);
done:
    if (rc)
        graph_close(&c);
    else
        *out = c.g;
    free(c.nodes);
    ng_buf_free(&c.tmp);
    return rc;
}

/* agwrite c->g into @p text (emptied first). */
static int write_graph(dot_ctx *c, ng_buf *text)
{
    dot_sink sink = {.out = text};
    int rc = ngx_reset(text);
    if (rc == 0 && (agwrite(c->g, &sink) == EOF || sink.rc))
        rc = sink.rc ? sink.rc : ng_error_set(NG_EIO, "cgraph: agwrite failed");
    return rc;
}

/* Append the text of a piece without what every piece repeats: the opening @p prefix
 * (graph line and default attributes) and the closing "}\n". */
static int put_piece(ng_buf *out, const ng_buf *text, const ng_buf *prefix, int keep_prefix)
{
    if (text->len < prefix->len + 2 || memcmp(text->data, prefix->data, prefix->len) != 0 ||
        memcmp(text->data + text->len - 2, "}\n", 2) != 0)
        return ng_error_set(NG_EIO, "cgraph: a piece of the graph does not have the expected shape");
    size_t from = keep_prefix ? 0 : prefix->len;
    return ng_buf_put(out, text->data + from, text->len - 2 - from);
}

/* A graph too large to hold at once (cgraph needs some 700 bytes a node or edge) is
 * written in pieces, each one a cgraph graph with the same declarations: first the graph
 * with its legend, then the nodes @p piece at a time, then the edges @p piece at a time
 * between bare nodes (which agwrite leaves out: their attributes are the defaults).  The
 * pieces are joined into one graph; the memory is that of one piece. */
int ngx_dot_pieces(const ng_model *m, ng_buf *out, size_t piece)
{
    dot_ctx c = {.m = m};
    size_t ne = ng_model_n_entities(m), nv = ng_model_n_events(m), nr = ng_model_n_relations(m);
    if (!piece)
        piece = DOT_PIECE;
    ng_buf prefix = {0}, text = {0};
    c.n_nodes = ne + nv;
    c.big = c.n_nodes + nr > NGX_DOT_BIG;
    /* what every piece starts with: the text of an empty graph but its "}\n" */
    int rc = graph_open(&c);
    if (rc == 0)
        rc = write_graph(&c, &prefix);
    graph_close(&c);
    if (rc == 0 && (prefix.len < 2 || strcmp(prefix.data + prefix.len - 2, "}\n") != 0))
        rc = ng_error_set(NG_EIO, "cgraph: unexpected text of an empty graph");
    if (rc == 0)
        prefix.data[prefix.len -= 2] = '\0';
    /* the graph with its legend */
    if (rc == 0 && (rc = graph_open(&c)) == 0 && (rc = add_legend(&c)) == 0 && (rc = write_graph(&c, &text)) == 0)
        rc = put_piece(out, &text, &prefix, 1);
    graph_close(&c);
    for (size_t from = 0; rc == 0 && from < c.n_nodes; from += piece) {
        size_t to = from + piece < c.n_nodes ? from + piece : c.n_nodes;
        rc = graph_open(&c);
        for (size_t i = from; i < to && rc == 0; i++)
            rc = i < ne ? add_entity(&c, i) : add_event(&c, i - ne);
        if (rc == 0 && (rc = write_graph(&c, &text)) == 0)
            rc = put_piece(out, &text, &prefix, 0);
        graph_close(&c);
    }
    for (size_t from = 0; rc == 0 && from < nr; from += piece) {
        size_t to = from + piece < nr ? from + piece : nr;
        rc = graph_open(&c);
        for (size_t i = from; i < to && rc == 0; i++)
            rc = add_relation(&c, i);
        if (rc == 0 && (rc = write_graph(&c, &text)) == 0)
            rc = put_piece(out, &text, &prefix, 0);
        graph_close(&c);
    }
    if (rc == 0)
        rc = ng_buf_puts(out, "}\n");
    graph_close(&c);
    ng_buf_free(&prefix);
    ng_buf_free(&text);
    ng_buf_free(&c.tmp);
    return rc;
}

int ng_export_dot(const ng_model *m, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "ng_export_dot: NULL argument");
    if (ng_model_n_entities(m) + ng_model_n_events(m) + ng_model_n_relations(m) > DOT_PIECES_PAST)
        return ngx_dot_pieces(m, out, DOT_PIECE);
    Agraph_t *g = NULL;
    dot_sink sink = {.out = out};
    int rc = ngx_dot_build(m, &g);
    if (rc == 0 && (agwrite(g, &sink) == EOF || sink.rc))
        rc = sink.rc ? sink.rc : ng_error_set(NG_EIO, "cgraph: agwrite failed");
    if (g)
        agclose(g);
    return rc;
}
