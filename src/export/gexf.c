/* gexf.c - the GEXF 1.3 exporter (libxml2 xmlTextWriter), a dynamic graph for Gephi.
 *
 * mode="dynamic" timeformat="date": every node and edge lives from the first to the
 * last day it is seen, so Gephi's timeline animates the story.  An entity is seen on
 * the publication dates of the documents that mention it and on the dates of the
 * events it takes part in; an event on the days its date covers; a relation on the
 * publication dates of its evidence and the days of its event.  Elements never seen on
 * a known date carry no start/end (always present).  Node ids n1, n2... and the colours
 * are those of the other graph formats; parallel relations between the same nodes are
 * told apart by the edge `kind`; co-occurrences are undirected edges.  viz:color and
 * viz:size are written the way Gephi reads them (viz namespace), which the published
 * GEXF 1.3 schema wrongly rejects: the tests validate with them removed. */
#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"

#define GEXF_NS "http://gexf.net/1.3"
#define GEXF_VIZ_NS "http://gexf.net/1.3/viz"
#define GEXF_XSD "http://gexf.net/1.3/gexf.xsd"
#define GEXF_SPANS 10

/* An attribute column: id (= title) and type, for nodes or edges. */
typedef struct {
    const char *id, *type;
} gexf_attr;

static const gexf_attr node_attrs[] = {
    {"type", "string"},     {"kind", "string"},      {"mentions", "integer"}, {"documents", "integer"},
    {"date", "string"},     {"aliases", "string"},   {"roles", "string"},     {"sources", "string"},
    {"provenance", "string"},
};
static const gexf_attr edge_attrs[] = {
    {"relation", "string"}, {"sources", "string"}, {"provenance", "string"},
};

/* A day interval as YYYYMMDD numbers; first == 0 when unknown. */
typedef struct {
    long first, last;
} gexf_span;

/* The state of one export. */
typedef struct {
    const ng_model *m;
    xmlTextWriterPtr w;
    gexf_span *nodes; /* entities then events */
    ng_buf tmp;
} gexf_ctx;

/* Map an xmlTextWriter result to a return code. */
/* Widen @p s to cover [first, last]. */
static void span_add(gexf_span *s, long first, long last)
{
    if (!first)
        return;
    if (!s->first || first < s->first)
        s->first = first;
    if (!s->last || last > s->last)
        s->last = last;
}

/* Widen @p s by a TIMEX3 or YYYY-MM-DD value. */
static void span_add_value(gexf_span *s, const char *v)
{
    long f, l;
    if (ngx_date_range(v, &f, &l))
        span_add(s, f, l);
}

/* Widen @p s by the publication dates of the documents of @p n spans. */
static void span_add_docs(gexf_span *s, const ng_model *m, const ng_span *sp, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const ng_docinfo *d = ng_model_document(m, sp[i].doc);
        if (d)
            span_add_value(s, d->date);
    }
}

/* The lifetime of every node: entities from their documents and events, events from their date. */
static void compute_spans(gexf_ctx *c)
{
    size_t ne = ng_model_n_entities(c->m), nv = ng_model_n_events(c->m);
    for (size_t i = 0; i < ne; i++) {
        const ng_entity *e = ng_model_entity(c->m, i);
        span_add_value(&c->nodes[i], e->first_date);
        span_add_value(&c->nodes[i], e->last_date);
    }
    for (size_t i = 0; i < nv; i++) {
        const ng_event *ev = ng_model_event(c->m, i);
        long f, l;
        if (!ngx_date_range(ev->date, &f, &l))
            continue;
        span_add(&c->nodes[ne + i], f, l);
        for (size_t k = 0; k < ev->n_participants; k++)
            if (ev->participants[k].entity < ne)
                span_add(&c->nodes[ev->participants[k].entity], f, l);
        if (ev->place >= 0 && (size_t)ev->place < ne)
            span_add(&c->nodes[ev->place], f, l);
    }
}

/* Write start/end attributes for a known interval. */
static int write_span(gexf_ctx *c, gexf_span s)
{
    if (!s.first)
        return 0;
    char b[16];
    ngx_fmt_ymd(b, sizeof b, s.first);
    int rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "start", BAD_CAST b));
    ngx_fmt_ymd(b, sizeof b, s.last);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "end", BAD_CAST b));
    return rc;
}

/* Write an XML attribute with @p text cleaned of control characters and checked UTF-8. */
static int attr_clean(gexf_ctx *c, const char *name, const char *text)
{
    int rc = ngx_reset(&c->tmp);
    if (rc == 0)
        rc = ngx_clean(&c->tmp, text ? text : "", 0, 0);
    if (rc == 0 && !xmlCheckUTF8((const xmlChar *)c->tmp.data))
        rc = ng_error_set(NG_EFORMAT, "GEXF: invalid UTF-8 in %s", name);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST name, BAD_CAST c->tmp.data));
    return rc;
}

/* <attvalue for="id" value="..."/> with a clean value; nothing for NULL or "". */
static int attvalue(gexf_ctx *c, const char *id, const char *value)
{
    if (!value || !*value)
        return 0;
    int rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "attvalue"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "for", BAD_CAST id));
    if (rc == 0)
        rc = attr_clean(c, "value", value);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* An integer <attvalue>. */
static int attvalue_int(gexf_ctx *c, const char *id, size_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%zu", v);
    return attvalue(c, id, b);
}

/* sources and provenance <attvalue>s of @p n spans; @p b is a scratch buffer. */
static int attvalue_spans(gexf_ctx *c, ng_buf *b, const ng_span *sp, size_t n)
{
    uint32_t *docs = NULL;
    size_t nd = 0;
    int rc = ngx_span_docs(sp, n, &docs, &nd);
    if (rc == 0)
        rc = ngx_reset(b);
    if (rc == 0)
        rc = ngx_put_doc_paths(b, c->m, docs, nd, "; ", 0);
    if (rc == 0)
        rc = attvalue(c, "sources", b->data);
    free(docs);
    if (rc == 0)
        rc = ngx_reset(b);
    for (size_t i = 0; rc == 0 && i < n && i < GEXF_SPANS; i++) {
        rc = i ? ng_buf_putc(b, ' ') : 0;
        if (rc == 0)
            rc = ngx_put_span(b, &sp[i]);
    }
    if (rc == 0 && n > GEXF_SPANS)
        rc = ng_buf_printf(b, " +%zu", n - GEXF_SPANS);
    if (rc == 0)
        rc = attvalue(c, "provenance", b->data);
    return rc;
}

/* <viz:color r g b/> from a #RRGGBB colour. */
static int viz_color(gexf_ctx *c, const char *hex)
{
    unsigned long v = strtoul(hex + 1, NULL, 16);
    char r[8], g[8], b[8];
    snprintf(r, sizeof r, "%lu", (v >> 16) & 255);
    snprintf(g, sizeof g, "%lu", (v >> 8) & 255);
    snprintf(b, sizeof b, "%lu", v & 255);
    int rc = ngx_xw(xmlTextWriterStartElementNS(c->w, BAD_CAST "viz", BAD_CAST "color", NULL));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "r", BAD_CAST r));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "g", BAD_CAST g));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "b", BAD_CAST b));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* <viz:size value/> growing with the mentions, as GraphML's size. */
static int viz_size(gexf_ctx *c, size_t mentions)
{
    char b[32];
    snprintf(b, sizeof b, "%d", 10 + 5 * ngx_bitlen(mentions));
    int rc = ngx_xw(xmlTextWriterStartElementNS(c->w, BAD_CAST "viz", BAD_CAST "size", NULL));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "value", BAD_CAST b));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* Start <node id label start end> and its <attvalues>. */
static int start_node(gexf_ctx *c, size_t k, const char *label)
{
    char id[32];
    snprintf(id, sizeof id, "n%zu", k + 1);
    int rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "node"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "id", BAD_CAST id));
    if (rc == 0)
        rc = attr_clean(c, "label", label);
    if (rc == 0)
        rc = write_span(c, c->nodes[k]);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "attvalues"));
    return rc;
}

/* One <node> per entity. */
static int write_entity(gexf_ctx *c, size_t i, ng_buf *b)
{
    const ng_entity *e = ng_model_entity(c->m, i);
    int rc = start_node(c, i, e->name);
    if (rc == 0)
        rc = attvalue(c, "type", ng_type_name(e->type));
    if (rc == 0)
        rc = attvalue_int(c, "mentions", e->n_mentions_total);
    if (rc == 0)
        rc = attvalue_int(c, "documents", e->n_documents);
    if (rc == 0)
        rc = ngx_reset(b);
    for (size_t k = 0; rc == 0 && k < e->n_aliases; k++)
        rc = ng_buf_printf(b, "%s%s", k ? "; " : "", e->aliases[k].name);
    if (rc == 0)
        rc = attvalue(c, "aliases", b->data);
    if (rc == 0)
        rc = ngx_reset(b);
    for (size_t k = 0; rc == 0 && k < e->n_roles; k++) {
        const ng_role *r = &e->roles[k];
        rc = ng_buf_printf(b, "%s%s", k ? "; " : "", r->title);
        if (rc == 0 && r->of >= 0 && (size_t)r->of < ng_model_n_entities(c->m))
            rc = ng_buf_printf(b, " of %s", ng_model_entity(c->m, (size_t)r->of)->name);
    }
    if (rc == 0)
        rc = attvalue(c, "roles", b->data);
    if (rc == 0)
        rc = attvalue_spans(c, b, e->mentions, e->n_mentions);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w)); /* attvalues */
    if (rc == 0)
        rc = viz_color(c, ngx_fill_color((int)e->type));
    if (rc == 0)
        rc = viz_size(c, e->n_mentions_total);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* One <node> per event. */
static int write_event(gexf_ctx *c, size_t i, ng_buf *b)
{
    const ng_event *ev = ng_model_event(c->m, i);
    uint32_t *docs = NULL;
    size_t nd = 0;
    int rc = ngx_span_docs(ev->mentions, ev->n_mentions, &docs, &nd);
    free(docs);
    if (rc == 0)
        rc = start_node(c, ng_model_n_entities(c->m) + i, ev->label ? ev->label : ev->kind);
    if (rc == 0)
        rc = attvalue(c, "type", "EVENT");
    if (rc == 0)
        rc = attvalue(c, "kind", ev->kind);
    if (rc == 0)
        rc = attvalue_int(c, "mentions", ev->n_mentions_total);
    if (rc == 0)
        rc = attvalue_int(c, "documents", nd);
    if (rc == 0)
        rc = attvalue(c, "date", ev->date);
    if (rc == 0)
        rc = attvalue_spans(c, b, ev->mentions, ev->n_mentions);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w)); /* attvalues */
    if (rc == 0)
        rc = viz_color(c, ngx_fill_color(NGX_KIND_EVENT));
    if (rc == 0)
        rc = viz_size(c, ev->n_mentions_total);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* One <edge> per relation, living on its evidence's dates and its event's date. */
static int write_relation(gexf_ctx *c, size_t i, ng_buf *b)
{
    const ng_relation *r = ng_model_relation(c->m, i);
    if (!ngx_ref_valid(c->m, r->src) || !ngx_ref_valid(c->m, r->dst))
        return ng_error_set(NG_EINVAL, "relation %zu refers to a missing node", i + 1);
    gexf_span s = {0, 0};
    span_add_docs(&s, c->m, r->evidence, r->n_evidence);
    if (r->src.is_event)
        span_add_value(&s, ng_model_event(c->m, r->src.index)->date);
    if (r->dst.is_event)
        span_add_value(&s, ng_model_event(c->m, r->dst.index)->date);
    char id[32], src[32], dst[32], w[64];
    snprintf(id, sizeof id, "e%zu", i + 1);
    snprintf(src, sizeof src, "n%zu", ngx_node_index(c->m, r->src) + 1);
    snprintf(dst, sizeof dst, "n%zu", ngx_node_index(c->m, r->dst) + 1);
    ngx_fmt_num(w, sizeof w, r->weight);
    int rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "edge"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "id", BAD_CAST id));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "source", BAD_CAST src));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "target", BAD_CAST dst));
    if (rc == 0 && r->kind == NG_REL_COOCCUR)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "type", BAD_CAST "undirected"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "kind", BAD_CAST ng_rel_kind_name(r->kind)));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "weight", BAD_CAST w));
    if (rc == 0 && r->label)
        rc = attr_clean(c, "label", r->label);
    if (rc == 0)
        rc = write_span(c, s);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "attvalues"));
    if (rc == 0)
        rc = attvalue(c, "relation", ng_rel_kind_name(r->kind));
    if (rc == 0)
        rc = attvalue_spans(c, b, r->evidence, r->n_evidence);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* <attributes class="..."> with its columns. */
static int write_attributes(gexf_ctx *c, const char *cls, const gexf_attr *a, size_t n)
{
    int rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "attributes"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "class", BAD_CAST cls));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "mode", BAD_CAST "static"));
    for (size_t i = 0; rc == 0 && i < n; i++) {
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "attribute"));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "id", BAD_CAST a[i].id));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "title", BAD_CAST a[i].id));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "type", BAD_CAST a[i].type));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterEndElement(c->w));
    }
    return rc ? rc : ngx_xw(xmlTextWriterEndElement(c->w));
}

/* Everything inside the writer: header, attributes, nodes, edges. */
static int write_all(gexf_ctx *c)
{
    const ng_model *m = c->m;
    size_t ne = ng_model_n_entities(m), nv = ng_model_n_events(m), nr = ng_model_n_relations(m);
    ng_buf b = {0};
    gexf_span all = {0, 0};
    for (size_t i = 0; i < ne + nv; i++)
        span_add(&all, c->nodes[i].first, c->nodes[i].last);
    char count[32];
    int rc = ngx_xml_root(c->w, "gexf", GEXF_NS, "xmlns:viz", GEXF_VIZ_NS, GEXF_NS " " GEXF_XSD);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "version", BAD_CAST "1.3"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "meta"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteElement(c->w, BAD_CAST "creator", BAD_CAST "newsgraph"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteElement(c->w, BAD_CAST "description",
                                          BAD_CAST "Entities, events and their relations extracted from news articles"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "graph"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "mode", BAD_CAST "dynamic"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "timeformat", BAD_CAST "date"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "defaultedgetype", BAD_CAST "directed"));
    if (rc == 0)
        rc = write_span(c, all);
    if (rc == 0)
        rc = write_attributes(c, "node", node_attrs, sizeof node_attrs / sizeof *node_attrs);
    if (rc == 0)
        rc = write_attributes(c, "edge", edge_attrs, sizeof edge_attrs / sizeof *edge_attrs);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "nodes"));
    snprintf(count, sizeof count, "%zu", ne + nv);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "count", BAD_CAST count));
    for (size_t i = 0; rc == 0 && i < ne; i++)
        rc = write_entity(c, i, &b);
    for (size_t i = 0; rc == 0 && i < nv; i++)
        rc = write_event(c, i, &b);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "edges"));
    snprintf(count, sizeof count, "%zu", nr);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "count", BAD_CAST count));
    for (size_t i = 0; rc == 0 && i < nr; i++)
        rc = write_relation(c, i, &b);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndDocument(c->w));
    ng_buf_free(&b);
    return rc;
}

int ng_export_gexf(const ng_model *m, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "ng_export_gexf: NULL argument");
    gexf_ctx c = {.m = m};
    size_t nn = ng_model_n_entities(m) + ng_model_n_events(m);
    int rc = 0;
    c.nodes = calloc(nn ? nn : 1, sizeof *c.nodes);
    if (!c.nodes) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    compute_spans(&c);
    if ((rc = ngx_xml_writer(out, (void **)&c.w)))
        goto done;
    rc = write_all(&c);
done:
    {
        int rc2 = ngx_xml_writer_close(c.w); /* flushes the rest into out */
        rc = rc ? rc : rc2;
    }
    free(c.nodes);
    ng_buf_free(&c.tmp);
    return rc;
}
