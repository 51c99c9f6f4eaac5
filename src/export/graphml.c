/* graphml.c - the GraphML exporter, written with libxml2's xmlTextWriter.
 *
 * Valid against the GraphML 1.1 schema: every <key> is declared before <graph> with
 * for="node" or for="edge", an attr.name without spaces and an attr.type the schema
 * knows; node ids are n1, n2... (entities then events, model order), edge ids e1,
 * e2... (relation order); edgedefault="directed".  Gephi's conventions: label,
 * weight, color (#RRGGBB) and size; first_date/last_date are YYYY-MM-DD strings so
 * Gephi can build time intervals from them.  Text is cleaned of control characters
 * and checked to be UTF-8 (xmlCheckUTF8) before it reaches the writer. */
#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"

#define GRAPHML_NS "http://graphml.graphdrawing.org/xmlns"
#define GRAPHML_XSD "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
/* Provenance spans listed per node or edge. */
#define GRAPHML_SPANS 10

/* A data key: id, domain, attribute name and type. */
typedef struct {
    const char *id, *domain, *name, *type;
} gml_key;

static const gml_key gml_keys[] = {
    {"v_label", "node", "label", "string"},
    {"v_type", "node", "type", "string"},
    {"v_kind", "node", "kind", "string"},
    {"v_mentions", "node", "mentions", "int"},
    {"v_documents", "node", "documents", "int"},
    {"v_date", "node", "date", "string"},
    {"v_precision", "node", "precision", "string"},
    {"v_first_date", "node", "first_date", "string"},
    {"v_last_date", "node", "last_date", "string"},
    {"v_place", "node", "place", "string"},
    {"v_participants", "node", "participants", "string"},
    {"v_aliases", "node", "aliases", "string"},
    {"v_roles", "node", "roles", "string"},
    {"v_color", "node", "color", "string"},
    {"v_size", "node", "size", "double"},
    {"v_sources", "node", "sources", "string"},
    {"v_provenance", "node", "provenance", "string"},
    {"e_kind", "edge", "kind", "string"},
    {"e_weight", "edge", "weight", "double"},
    {"e_label", "edge", "label", "string"},
    {"e_color", "edge", "color", "string"},
    {"e_sources", "edge", "sources", "string"},
    {"e_provenance", "edge", "provenance", "string"},
};

/* The state of one export. */
typedef struct {
    const ng_model *m;
    xmlTextWriterPtr w;
    ng_buf tmp;
} gml_ctx;

/* Map an xmlTextWriter result (negative on failure) to a return code. */
/* Write <data key="id">text</data> with text already clean; NULL or "" writes nothing. */
static int data_raw(gml_ctx *c, const char *key, const char *text)
{
    if (!text || !*text)
        return 0;
    if (!xmlCheckUTF8((const xmlChar *)text))
        return ng_error_set(NG_EFORMAT, "GraphML: invalid UTF-8 in %s", key);
    int rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "data"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "key", BAD_CAST key));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteString(c->w, BAD_CAST text));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* Write a <data> element with @p text cleaned of control characters. */
static int data_clean(gml_ctx *c, const char *key, const char *text)
{
    if (!text)
        return 0;
    int rc = ngx_reset(&c->tmp);
    if (rc == 0)
        rc = ngx_clean(&c->tmp, text, 0, 0);
    return rc ? rc : data_raw(c, key, c->tmp.data);
}

/* Write an integer <data> element. */
static int data_int(gml_ctx *c, const char *key, size_t v)
{
    char b[32];
    snprintf(b, sizeof b, "%zu", v);
    return data_raw(c, key, b);
}

/* Write a number <data> element. */
static int data_num(gml_ctx *c, const char *key, double v)
{
    char b[64];
    ngx_fmt_num(b, sizeof b, v);
    return data_raw(c, key, b);
}

/* Write the document paths and the first provenance spans of @p sp as sources/provenance. */
static int data_spans(gml_ctx *c, const char *src_key, const char *prov_key, const ng_span *sp, size_t n)
{
    uint32_t *docs = NULL;
    size_t nd = 0;
    int rc = ngx_span_docs(sp, n, &docs, &nd);
    if (rc)
        return rc;
    rc = ngx_reset(&c->tmp);
    if (rc == 0)
        rc = ngx_put_doc_paths(&c->tmp, c->m, docs, nd, "; ", 0);
    if (rc == 0)
        rc = data_raw(c, src_key, c->tmp.data);
    free(docs);
    if (rc == 0)
        rc = ngx_reset(&c->tmp);
    for (size_t i = 0; rc == 0 && i < n && i < GRAPHML_SPANS; i++) {
        rc = i ? ng_buf_putc(&c->tmp, ' ') : 0;
        if (rc == 0)
            rc = ngx_put_span(&c->tmp, &sp[i]);
    }
    if (rc == 0 && n > GRAPHML_SPANS)
        rc = ng_buf_printf(&c->tmp, " +%zu", n - GRAPHML_SPANS);
    if (rc == 0 && n)
        rc = data_raw(c, prov_key, c->tmp.data);
    return rc;
}

/* Start <node id="n<k>">. */
static int start_node(gml_ctx *c, size_t k)
{
    char id[32];
    snprintf(id, sizeof id, "n%zu", k + 1);
    int rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "node"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "id", BAD_CAST id));
    return rc;
}

/* Gephi's node size: grows with the integer logarithm of the mentions. */
static double node_size(size_t mentions)
{
    return 10.0 + 5.0 * ngx_bitlen(mentions);
}

/* One <node> per entity. */
static int write_entity(gml_ctx *c, size_t i)
{
    const ng_entity *e = ng_model_entity(c->m, i);
    int rc = start_node(c, i);
    if (rc == 0)
        rc = data_clean(c, "v_label", e->name);
    if (rc == 0)
        rc = data_raw(c, "v_type", ng_type_name(e->type));
    if (rc == 0)
        rc = data_int(c, "v_mentions", e->n_mentions_total);
    if (rc == 0)
        rc = data_int(c, "v_documents", e->n_documents);
    if (rc == 0)
        rc = data_clean(c, "v_first_date", e->first_date);
    if (rc == 0)
        rc = data_clean(c, "v_last_date", e->last_date);
    if (rc == 0 && e->n_aliases) {
        rc = ngx_reset(&c->tmp);
        for (size_t k = 0; rc == 0 && k < e->n_aliases; k++) {
            if (k)
                rc = ng_buf_puts(&c->tmp, "; ");
            if (rc == 0)
                rc = ngx_clean(&c->tmp, e->aliases[k].name, 0, 0);
        }
        if (rc == 0)
            rc = data_raw(c, "v_aliases", c->tmp.data);
    }
    if (rc == 0 && e->n_roles) {
        rc = ngx_reset(&c->tmp);
        for (size_t k = 0; rc == 0 && k < e->n_roles; k++) {
            const ng_role *r = &e->roles[k];
            if (k)
                rc = ng_buf_puts(&c->tmp, "; ");
            if (rc == 0)
                rc = ngx_clean(&c->tmp, r->title, 0, 0);
            if (rc == 0 && r->of >= 0 && (size_t)r->of < ng_model_n_entities(c->m)) {
                rc = ng_buf_puts(&c->tmp, " of ");
                if (rc == 0)
                    rc = ngx_clean(&c->tmp, ng_model_entity(c->m, (size_t)r->of)->name, 0, 0);
            }
        }
        if (rc == 0)
            rc = data_raw(c, "v_roles", c->tmp.data);
    }
    if (rc == 0)
        rc = data_raw(c, "v_color", ngx_fill_color((int)e->type));
    if (rc == 0)
        rc = data_num(c, "v_size", node_size(e->n_mentions_total));
    if (rc == 0)
        rc = data_spans(c, "v_sources", "v_provenance", e->mentions, e->n_mentions);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* Name of a date precision, or NULL. */
static const char *precision_name(ng_precision p)
{
    switch (p) {
    case NG_PREC_YEAR: return "year";
    case NG_PREC_MONTH: return "month";
    case NG_PREC_WEEK: return "week";
    case NG_PREC_DAY: return "day";
    case NG_PREC_TIME: return "time";
    default: return NULL;
    }
}

/* One <node> per event. */
static int write_event(gml_ctx *c, size_t i)
{
    const ng_event *ev = ng_model_event(c->m, i);
    size_t ne = ng_model_n_entities(c->m);
    uint32_t *docs = NULL;
    size_t nd = 0;
    int rc = ngx_span_docs(ev->mentions, ev->n_mentions, &docs, &nd);
    free(docs);
    if (rc == 0)
        rc = start_node(c, ne + i);
    if (rc == 0)
        rc = data_clean(c, "v_label", ev->label ? ev->label : ev->kind);
    if (rc == 0)
        rc = data_raw(c, "v_type", "EVENT");
    if (rc == 0)
        rc = data_clean(c, "v_kind", ev->kind);
    if (rc == 0)
        rc = data_int(c, "v_mentions", ev->n_mentions_total);
    if (rc == 0)
        rc = data_int(c, "v_documents", nd);
    if (rc == 0)
        rc = data_clean(c, "v_date", ev->date);
    if (rc == 0)
        rc = data_raw(c, "v_precision", precision_name(ev->precision));
    long first, last;
    if (rc == 0 && ngx_date_range(ev->date, &first, &last)) {
        char b[16];
        ngx_fmt_ymd(b, sizeof b, first);
        rc = data_raw(c, "v_first_date", b);
        ngx_fmt_ymd(b, sizeof b, last);
        if (rc == 0)
            rc = data_raw(c, "v_last_date", b);
    }
    if (rc == 0 && ev->place >= 0 && (size_t)ev->place < ne)
        rc = data_clean(c, "v_place", ng_model_entity(c->m, (size_t)ev->place)->name);
    if (rc == 0 && ev->n_participants) {
        rc = ngx_reset(&c->tmp);
        size_t k2 = 0;
        for (size_t k = 0; rc == 0 && k < ev->n_participants; k++) {
            if (ev->participants[k].entity >= ne)
                continue;
            if (k2++)
                rc = ng_buf_puts(&c->tmp, "; ");
            if (rc == 0)
                rc = ngx_clean(&c->tmp, ng_model_entity(c->m, ev->participants[k].entity)->name, 0, 0);
        }
        if (rc == 0 && k2)
            rc = data_raw(c, "v_participants", c->tmp.data);
    }
    if (rc == 0)
        rc = data_raw(c, "v_color", ngx_fill_color(NGX_KIND_EVENT));
    if (rc == 0)
        rc = data_num(c, "v_size", node_size(ev->n_mentions_total));
    if (rc == 0)
        rc = data_spans(c, "v_sources", "v_provenance", ev->mentions, ev->n_mentions);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* Colour of an edge by relation kind. */
static const char *edge_color(ng_rel_kind k)
{
    switch (k) {
    case NG_REL_ROLE: return ngx_line_color(NG_PERSON);
    case NG_REL_PARTICIPANT: return ngx_line_color(NGX_KIND_EVENT);
    case NG_REL_LOCATED_IN: return ngx_line_color(NG_PLACE);
    default: return "#999999";
    }
}

/* One <edge> per relation. */
static int write_relation(gml_ctx *c, size_t i)
{
    const ng_relation *r = ng_model_relation(c->m, i);
    if (!ngx_ref_valid(c->m, r->src) || !ngx_ref_valid(c->m, r->dst))
        return ng_error_set(NG_EINVAL, "relation %zu refers to a missing node", i + 1);
    char id[32], src[32], dst[32];
    snprintf(id, sizeof id, "e%zu", i + 1);
    snprintf(src, sizeof src, "n%zu", ngx_node_index(c->m, r->src) + 1);
    snprintf(dst, sizeof dst, "n%zu", ngx_node_index(c->m, r->dst) + 1);
    int rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "edge"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "id", BAD_CAST id));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "source", BAD_CAST src));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "target", BAD_CAST dst));
    if (rc == 0)
        rc = data_raw(c, "e_kind", ng_rel_kind_name(r->kind));
    if (rc == 0)
        rc = data_num(c, "e_weight", r->weight);
    if (rc == 0)
        rc = data_clean(c, "e_label", r->label);
    if (rc == 0)
        rc = data_raw(c, "e_color", edge_color(r->kind));
    if (rc == 0)
        rc = data_spans(c, "e_sources", "e_provenance", r->evidence, r->n_evidence);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndElement(c->w));
    return rc;
}

/* The <graphml> root with its namespaces and every <key>. */
static int write_header(gml_ctx *c)
{
    int rc = ngx_xml_root(c->w, "graphml", GRAPHML_NS, NULL, NULL, GRAPHML_NS " " GRAPHML_XSD);
    for (size_t i = 0; rc == 0 && i < sizeof gml_keys / sizeof *gml_keys; i++) {
        const gml_key *k = &gml_keys[i];
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "key"));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "id", BAD_CAST k->id));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "for", BAD_CAST k->domain));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "attr.name", BAD_CAST k->name));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "attr.type", BAD_CAST k->type));
        if (rc == 0)
            rc = ngx_xw(xmlTextWriterEndElement(c->w));
    }
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterStartElement(c->w, BAD_CAST "graph"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "id", BAD_CAST "G"));
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterWriteAttribute(c->w, BAD_CAST "edgedefault", BAD_CAST "directed"));
    return rc;
}

int ng_export_graphml(const ng_model *m, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "ng_export_graphml: NULL argument");
    gml_ctx c = {.m = m};
    int rc = ngx_xml_writer(out, (void **)&c.w);
    if (rc)
        goto done;
    rc = write_header(&c);
    for (size_t i = 0; rc == 0 && i < ng_model_n_entities(m); i++)
        rc = write_entity(&c, i);
    for (size_t i = 0; rc == 0 && i < ng_model_n_events(m); i++)
        rc = write_event(&c, i);
    for (size_t i = 0; rc == 0 && i < ng_model_n_relations(m); i++)
        rc = write_relation(&c, i);
    if (rc == 0)
        rc = ngx_xw(xmlTextWriterEndDocument(c.w)); /* closes <graph> and <graphml> */
done:
    {
        int rc2 = ngx_xml_writer_close(c.w); /* flushes the rest into out */
        rc = rc ? rc : rc2;
    }
    ng_buf_free(&c.tmp);
    return rc;
}
