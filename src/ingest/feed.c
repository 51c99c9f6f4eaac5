/* feed.c - RSS (0.9x, 1.0, 2.0) and Atom feeds through libxml2's XML parser: each
 * item/entry is one document named "FILE#N" (N from 1, in feed order) with its own
 * title, link and date; its text is the title, a blank line, then the description or
 * content with HTML stripped.
 *
 * Hostile XML is refused before anything is expanded: the parser never touches the
 * network (XML_PARSE_NONET), never loads a DTD, never substitutes entities
 * (no XML_PARSE_NOENT), and a document that declares any entity (the only way to an
 * external entity or an expansion bomb) is stopped at the declaration and refused. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include "ingest.h"
#include "../text/text.h"
#include "../util/util.h"

#define NS_ATOM "http://www.w3.org/2005/Atom"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_DC "http://purl.org/dc/elements/1.1/"

typedef struct {
    xmlDocPtr doc;
    NG_VEC(xmlNode *) items;
    size_t next;
    int atom;
    const xmlChar *ns; /* namespace of the root element, or NULL */
} feed_state;

typedef struct {
    int entity_declared;
} parse_flags;

/* Free the parsed feed. */
static void feed_free(void *p)
{
    feed_state *st = p;
    if (!st)
        return;
    xmlFreeDoc(st->doc);
    free(st->items.v);
    free(st);
}

/* SAX hook: any entity declaration stops the parse (the document is then refused). */
static void refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
                          const xmlChar *systemId, xmlChar *content)
{
    (void)name, (void)type, (void)publicId, (void)systemId, (void)content;
    xmlParserCtxtPtr ctxt = ctx;
    parse_flags *f = ctxt->_private;
    if (f)
        f->entity_declared = 1;
    xmlStopParser(ctxt);
}

/* SAX hook: an unparsed (NDATA) entity declaration is refused the same way. */
static void refuse_unparsed(void *ctx, const xmlChar *name, const xmlChar *publicId, const xmlChar *systemId,
                            const xmlChar *notationName)
{
    (void)notationName;
    refuse_entity(ctx, name, 0, publicId, systemId, NULL);
}

/* A libxml2 error handler that prints nothing. */
static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Whether n is an element with this local name (any namespace, any case). */
static int local_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

/* Namespace URI of an element, or NULL. */
static const xmlChar *ns_of(const xmlNode *n) { return n->ns ? n->ns->href : NULL; }

/* First child element with the local name, in the namespace ns (NULL: the feed's own
 * namespace or none). */
static xmlNode *child(const feed_state *st, xmlNode *parent, const char *name, const char *ns)
{
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (!local_is(c, name))
            continue;
        const xmlChar *cns = ns_of(c);
        if (ns ? cns && xmlStrEqual(cns, (const xmlChar *)ns)
               : !cns || (st->ns && xmlStrEqual(cns, st->ns)) || xmlStrEqual(cns, (const xmlChar *)NS_ATOM))
            return c;
    }
    return NULL;
}

/* Attribute value (free with xmlFree), or NULL. */
static char *attr(const xmlNode *n, const char *name) { return (char *)xmlGetNoNsProp((xmlNode *)n, (const xmlChar *)name); }

/* Text of a text construct: plain, escaped HTML or inline XHTML, appended to b. */
static int construct_text(xmlNode *el, int html, ng_buf *b)
{
    char *type = attr(el, "type");
    int rc = 0;
    if (type && strcasecmp(type, "xhtml") == 0) {
        rc = ng_html_node_text(el, b);
        goto done;
    }
    if (type && strcasecmp(type, "html") != 0 && strcasecmp(type, "text") != 0 && strncasecmp(type, "text/", 5) != 0)
        goto done; /* out-of-line or binary content */
    if (type && strcasecmp(type, "html") == 0)
        html = 1;
    if (type && strcasecmp(type, "text/html") == 0)
        html = 1;
    xmlChar *c = xmlNodeGetContent(el);
    if (!c)
        goto done;
    size_t n = strlen((char *)c);
    if (html || memchr(c, '<', n) || memchr(c, '&', n)) {
        char *t = NULL;
        size_t tl = 0;
        if (!(rc = ng_html_fragment_text((char *)c, n, &t, &tl)))
            rc = ng_buf_put(b, t, tl);
        free(t);
    } else {
        ng_collapse_space((char *)c);
        rc = ng_buf_puts(b, (char *)c);
    }
    xmlFree(c);
done:
    xmlFree(type);
    return rc;
}

/* Construct text as a one-line malloc'd string, or NULL if empty (sets *rc on failure). */
static char *construct_line(xmlNode *el, int html, int *rc)
{
    if (!el)
        return NULL;
    ng_buf b = {0};
    if ((*rc = construct_text(el, html, &b)) || !b.len) {
        ng_buf_free(&b);
        return NULL;
    }
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '\n')
            b.data[i] = ' ';
    ng_collapse_space(b.data);
    return ng_buf_detach(&b);
}

/* Date of an element's text; 1 if valid. */
static int el_date(xmlNode *el, char out[11])
{
    if (!el)
        return 0;
    xmlChar *c = xmlNodeGetContent(el);
    int ok = c && ng_parse_date((char *)c, out);
    xmlFree(c);
    return ok;
}

/* Link of an item: RSS <link>, a permalink <guid>, Atom <link rel="alternate" href>. */
static char *item_link(const feed_state *st, xmlNode *it)
{
    for (xmlNode *c = it->children; c; c = c->next) {
        if (!local_is(c, "link"))
            continue;
        char *href = attr(c, "href");
        if (href) {
            char *rel = attr(c, "rel");
            int ok = !rel || strcmp(rel, "alternate") == 0;
            xmlFree(rel);
            if (ok) {
                ng_collapse_space(href);
                char *r = ng_strdup(href);
                xmlFree(href);
                return r;
            }
            xmlFree(href);
            continue;
        }
        if (!st->atom) {
            xmlChar *t = xmlNodeGetContent(c);
            if (t) {
                ng_collapse_space((char *)t);
                char *r = *t ? ng_strdup((char *)t) : NULL;
                xmlFree(t);
                if (r)
                    return r;
            }
        }
    }
    xmlNode *g = st->atom ? NULL : child(st, it, "guid", NULL);
    if (g) {
        char *pl = attr(g, "isPermaLink");
        int perma = !pl || strcmp(pl, "false") != 0;
        xmlFree(pl);
        xmlChar *t = perma ? xmlNodeGetContent(g) : NULL;
        char *r = NULL;
        if (t) {
            ng_collapse_space((char *)t);
            if (strncmp((char *)t, "http://", 7) == 0 || strncmp((char *)t, "https://", 8) == 0)
                r = ng_strdup((char *)t);
        }
        xmlFree(t);
        return r;
    }
    return NULL;
}

/* The next item as a document. */
static int feed_next(ng_input *in, ng_document **doc)
{
    feed_state *st = in->state;
    if (st->next >= st->items.n) {
        in->done = 1;
        return 0;
    }
    size_t idx = st->next++;
    xmlNode *it = st->items.v[idx];
    int rc = 0;
    char *title = NULL, *link = NULL, *name = NULL;
    ng_buf body = {0}, text = {0};
    char date[11];
    int has_date = 0;

    title = construct_line(child(st, it, "title", NULL), 0, &rc);
    if (rc)
        goto done;
    xmlNode *content, *summary;
    if (st->atom) {
        content = child(st, it, "content", NULL);
        summary = child(st, it, "summary", NULL);
        has_date = el_date(child(st, it, "published", NULL), date) || el_date(child(st, it, "updated", NULL), date);
    } else {
        content = child(st, it, "encoded", NS_CONTENT);
        summary = child(st, it, "description", NULL);
        has_date = el_date(child(st, it, "pubDate", NULL), date) || el_date(child(st, it, "date", NS_DC), date) ||
                   el_date(child(st, it, "published", NULL), date) || el_date(child(st, it, "updated", NULL), date);
    }
    if (content && (rc = construct_text(content, !st->atom, &body)))
        goto done;
    if (!body.len && summary && (rc = construct_text(summary, !st->atom, &body)))
        goto done;
    if (title && (rc = ng_buf_puts(&text, title)))
        goto done;
    if (body.len && ((text.len && (rc = ng_buf_puts(&text, "\n\n"))) || (rc = ng_buf_put(&text, body.data, body.len))))
        goto done;
    if (!text.len) {
        rc = ng_error_set(NG_EEMPTY, "item %zu: no title or text", idx + 1);
        goto done;
    }
    link = item_link(st, it);
    size_t nl = strlen(in->path) + 24;
    if (!(name = malloc(nl))) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    snprintf(name, nl, "%s#%zu", in->path, idx + 1);
    ng_utf8_sanitize(text.data, text.len);
    size_t tl = text.len;
    rc = ng_doc_make(doc, name, ng_buf_detach(&text), tl, st->atom ? "atom" : "rss", title,
                     has_date ? date : NULL, "feed", link, &in->opts);
done:
    free(title);
    free(link);
    free(name);
    ng_buf_free(&body);
    ng_buf_free(&text);
    return rc ? rc : 1;
}

/* Collect the items (RSS) or entries (Atom) of the feed. */
static int collect_items(feed_state *st, xmlNode *root)
{
    const char *want = st->atom ? "entry" : "item";
    for (xmlNode *c = root->children; c; c = c->next) {
        if (local_is(c, want) && ng_vec_push(st->items, c))
            return NG_ENOMEM;
        if (!st->atom && local_is(c, "channel"))
            for (xmlNode *g = c->children; g; g = g->next)
                if (local_is(g, want) && ng_vec_push(st->items, g))
                    return NG_ENOMEM;
    }
    return 0;
}

int ng_feed_open(ng_input *in)
{
    int rc = 0;
    feed_state *st = calloc(1, sizeof *st);
    if (!st)
        return ng_error_set(NG_ENOMEM, "out of memory");
    in->state = st;
    in->free_state = feed_free;
    in->next = feed_next;
    if (in->len > INT32_MAX)
        return ng_error_set(NG_ETOOBIG, "XML input larger than 2 GiB");
    char cs[48];
    if (!ng_declared_charset(in->data, in->len, cs, sizeof cs))
        ng_utf8_sanitize(in->data, in->len);

    parse_flags flags = {0};
    xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(in->data, (int)in->len);
    if (!ctxt)
        return ng_error_set(NG_ENOMEM, "out of memory");
    xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER |
                                XML_PARSE_NOCDATA);
    ctxt->sax->entityDecl = refuse_entity;
    ctxt->sax->unparsedEntityDecl = refuse_unparsed;
    ctxt->sax->externalSubset = NULL;
    ctxt->sax->resolveEntity = NULL;
    ctxt->_private = &flags;
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    xmlParseDocument(ctxt);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    st->doc = ctxt->myDoc;
    ctxt->myDoc = NULL;
    int line = ctxt->lastError.line;
    int well_formed = ctxt->wellFormed;
    xmlFreeParserCtxt(ctxt);
    free(in->data); /* the tree holds its own copies */
    in->data = NULL;

    if (flags.entity_declared) {
        rc = ng_error_set(NG_EFORMAT, "XML with entity declarations refused (external entities and entity "
                                      "expansion are not allowed)");
        goto done;
    }
    xmlNode *root = st->doc ? xmlDocGetRootElement(st->doc) : NULL;
    if (!root) {
        rc = ng_error_set(NG_EFORMAT, "malformed XML (line %d)", line);
        goto done;
    }
    if (local_is(root, "feed")) {
        st->atom = 1;
    } else if (!local_is(root, "rss") && !local_is(root, "RDF")) {
        rc = ng_error_set(NG_EFORMAT, "not an RSS or Atom feed");
        goto done;
    }
    st->ns = ns_of(root);
    in->format = st->atom ? "atom" : "rss";
    if ((rc = collect_items(st, root))) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    if (st->items.n == 0)
        rc = !well_formed ? ng_error_set(NG_EFORMAT, "malformed XML (line %d)", line)
                          : ng_error_set(NG_EEMPTY, "feed has no %s", st->atom ? "entries" : "items");
done:
    return rc;
}
