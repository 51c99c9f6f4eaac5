/* html.c - HTML pages through libxml2's HTML parser: title, publication date (meta,
 * JSON-LD, <time>), and the article text (from <article>, <main>, or the element that
 * holds most of the paragraph text) without page furniture (navigation, scripts,
 * styles, cookie banners, headers, footers, forms, asides, share and subscribe boxes).
 *
 * The analysis text of a page is the extracted text: the article's blocks (paragraphs,
 * headings, list items...) in document order, white space collapsed, separated by one
 * blank line; byte offsets of an HTML input index that text, not the file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include "ingest.h"
#include "../text/text.h"
#include "../util/util.h"

/* ---------- element classes ---------- */

/* ASCII case-insensitive equality of a node name with a lower-case name. */
static int is_el(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && xmlStrcasecmp(n->name, (const xmlChar *)name) == 0;
}

/* Whether the element's name is in a NULL-terminated list. */
static int el_in(const xmlNode *n, const char *const *names)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->name)
        return 0;
    for (size_t i = 0; names[i]; i++)
        if (xmlStrcasecmp(n->name, (const xmlChar *)names[i]) == 0)
            return 1;
    return 0;
}

/* Elements whose content is never article text. */
static const char *const SKIP_TAGS[] = {
    "script", "style",  "noscript", "template", "nav",    "footer",  "form",    "aside",   "button",
    "select", "option", "optgroup", "input",    "textarea", "iframe", "svg",     "math",    "canvas",
    "figure", "dialog", "menu",     "object",   "embed",  "video",   "audio",   "map",     "head",
    "title",  "meta",   "link",     "label",    "picture", "source",  "track",   "datalist", "frameset",
    "frame",  "applet", "marquee",  NULL};

/* Elements that start and end a block of text. */
static const char *const BLOCK_TAGS[] = {
    "p",     "div",   "section", "article", "main",   "header", "h1",    "h2",      "h3",      "h4",
    "h5",    "h6",    "ul",      "ol",      "li",     "dl",     "dt",    "dd",      "blockquote", "pre",
    "table", "thead", "tbody",   "tfoot",   "tr",     "td",     "th",    "caption", "address", "hr",
    "fieldset", "details", "summary", "center", "body", "html",  "figcaption", "legend", NULL};

/* Words of class/id values that mark page furniture. */
static const char *const JUNK_WORDS[] = {
    "cookie",    "cookies",   "consent",    "gdpr",       "newsletter", "subscribe", "subscription",
    "signup",    "signin",    "login",      "register",   "social",     "share",     "sharing",
    "sidebar",   "promo",     "advert",     "advertisement", "ads",     "ad",        "sponsored",
    "sponsor",   "related",   "recommended", "recirculation", "comments", "comment", "paywall",
    "popup",     "modal",     "overlay",    "toolbar",    "masthead",   "skip",      "byline",
    "breadcrumb", "breadcrumbs", "nav",     "navbar",     "navigation", "menu",      "footer",
    "tags",      "hidden",    "outbrain",   "taboola",    "banner",     NULL};

/* Roles that mark page furniture. */
static const char *const JUNK_ROLES[] = {"navigation", "banner", "contentinfo", "complementary", "dialog",
                                         "alertdialog", "search", "menu", "menubar", "toolbar", "alert", NULL};

/* Whether a class/id value contains a furniture word (split on non-alphanumerics). */
static int junk_value(const char *v)
{
    char w[32];
    size_t n = 0;
    for (const char *p = v;; p++) {
        char c = *p;
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (alnum) {
            if (n < sizeof w - 1)
                w[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        if (n) {
            w[n] = '\0';
            for (size_t i = 0; JUNK_WORDS[i]; i++)
                if (strcmp(w, JUNK_WORDS[i]) == 0)
                    return 1;
            if (strcmp(w, "sr") == 0 && strncmp(p, "-only", 5) == 0)
                return 1;
            n = 0;
        }
        if (!c)
            return 0;
    }
}

/* Attribute value (owned by libxml2's tree as an xmlChar* we must free), or NULL. */
static char *attr(const xmlNode *n, const char *name)
{
    return (char *)xmlGetNoNsProp((xmlNode *)n, (const xmlChar *)name);
}

/* Whether an attribute value matches a predicate; frees the value. */
static int attr_test(const xmlNode *n, const char *name, int (*pred)(const char *))
{
    char *v = attr(n, name);
    int r = v && pred(v);
    xmlFree(v);
    return r;
}

/* Whether a role attribute value marks page furniture. */
static int role_junk(const char *v)
{
    for (size_t i = 0; JUNK_ROLES[i]; i++)
        if (xmlStrcasecmp((const xmlChar *)v, (const xmlChar *)JUNK_ROLES[i]) == 0)
            return 1;
    return 0;
}

/* Attribute predicates: "true" (any case), and any value at all. */
static int is_true(const char *v) { return xmlStrcasecmp((const xmlChar *)v, (const xmlChar *)"true") == 0; }
static int any_value(const char *v) { (void)v; return 1; }

/* display:none or visibility:hidden in a style attribute. */
static int style_hidden(const char *v)
{
    char buf[256];
    size_t n = 0;
    for (const char *p = v; *p && n < sizeof buf - 1; p++)
        if (*p != ' ' && *p != '\t')
            buf[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    buf[n] = '\0';
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

/* Traversal context shared by the passes. */
typedef struct {
    int in_article; /* depth of <article> elements entered */
} skipctx;

/* Whether an element (not the content root) is page furniture to skip. */
static int is_junk(const xmlNode *n, const skipctx *c)
{
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (el_in(n, SKIP_TAGS))
        return 1;
    if (is_el(n, "header") && !c->in_article)
        return 1;
    if (is_el(n, "article") || is_el(n, "main") || is_el(n, "body") || is_el(n, "html"))
        return 0;
    if (!n->properties)
        return 0;
    return attr_test(n, "hidden", any_value) || attr_test(n, "aria-hidden", is_true) ||
           attr_test(n, "role", role_junk) || attr_test(n, "class", junk_value) || attr_test(n, "id", junk_value) ||
           attr_test(n, "style", style_hidden);
}

/* ---------- iterative traversal (no recursion: pages may nest deeply) ---------- */

typedef int (*enter_fn)(void *ctx, xmlNode *n); /* 1: descend into children */
typedef int (*leave_fn)(void *ctx, xmlNode *n); /* 0, or an error code to stop */

/* Whether the traversal descends into n (elements and documents, never entity references). */
static int has_tree_children(const xmlNode *n)
{
    return n->children && (n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
                           n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_FRAG_NODE);
}

/* Visit root's subtree in document order; leave is called for every node entered with 1. */
static int traverse(xmlNode *root, enter_fn en, leave_fn lv, void *ctx)
{
    xmlNode *n = root;
    int rc;
    for (;;) {
        int down = en(ctx, n);
        if (down < 0)
            return down;
        if (down && has_tree_children(n)) {
            n = n->children;
            continue;
        }
        if (down && (rc = lv(ctx, n)))
            return rc;
        while (n != root && !n->next) {
            n = n->parent;
            if ((rc = lv(ctx, n)))
                return rc;
        }
        if (n == root)
            return 0;
        n = n->next;
    }
}

/* ---------- text writer: white space collapsed, blocks separated by blank lines ---------- */

typedef struct {
    ng_buf *b;
    int pend; /* 0 nothing, 1 space, 2 line break, 3 paragraph break */
    skipctx sc;
    xmlNode *root;
} textw;

/* Ask for a separator of at least this level before the next text. */
static void tw_break(textw *w, int level)
{
    if (w->pend < level)
        w->pend = level;
}

/* Emit the pending separator before new text (none at the very start). */
static int tw_flush(textw *w)
{
    int rc = 0;
    if (w->b->len && w->pend)
        rc = ng_buf_puts(w->b, w->pend == 1 ? " " : w->pend == 2 ? "\n" : "\n\n");
    w->pend = 0;
    return rc;
}

/* Append text with HTML white space collapsing; Unicode spaces count as spaces and
 * invisible characters (zero-width space, BOM, soft hyphen) are dropped. */
static int tw_text(textw *w, const char *s, size_t n)
{
    size_t i = 0;
    int rc;
    while (i < n) {
        size_t j = i;
        while (j < n) {
            unsigned char c = (unsigned char)s[j];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xC2 || c == 0xE2 ||
                c == 0xE3 || c == 0xEF)
                break;
            j++;
        }
        if (j > i) {
            if ((rc = tw_flush(w)) || (rc = ng_buf_put(w->b, s + i, j - i)))
                return rc;
            i = j;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        const unsigned char *u = (const unsigned char *)s + i;
        size_t k = 1;
        int space = 0, drop = 0;
        if (c < 0x80) {
            space = 1;
        } else if (c == 0xC2 && i + 1 < n) {
            k = 2;
            space = u[1] == 0xA0;
            drop = u[1] == 0xAD;
        } else if ((c == 0xE2 || c == 0xE3 || c == 0xEF) && i + 2 < n) {
            k = 3;
            unsigned cp = ((unsigned)(c & 0x0F) << 12) | ((unsigned)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
            space = (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
                    cp == 0x2028 || cp == 0x2029;
            drop = cp == 0x200B || cp == 0xFEFF || cp == 0x2060;
        }
        if (space) {
            tw_break(w, 1);
        } else if (!drop) {
            if ((rc = tw_flush(w)) || (rc = ng_buf_put(w->b, s + i, k)))
                return rc;
        }
        i += k;
    }
    return 0;
}

/* Text pass, entering a node: append text, open blocks, skip furniture. */
static int text_enter(void *ctx, xmlNode *n)
{
    textw *w = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            return tw_text(w, (const char *)n->content, strlen((const char *)n->content)) ? -1 : 0;
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return n == w->root && has_tree_children(n);
    if (n != w->root && is_junk(n, &w->sc)) {
        tw_break(w, 1);
        return 0;
    }
    if (is_el(n, "br"))
        tw_break(w, 2);
    else if (el_in(n, BLOCK_TAGS))
        tw_break(w, is_el(n, "td") || is_el(n, "th") ? 1 : 3);
    if (is_el(n, "article"))
        w->sc.in_article++;
    return 1;
}

/* Text pass, leaving an element: close its block. */
static int text_leave(void *ctx, xmlNode *n)
{
    textw *w = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (is_el(n, "article") && w->sc.in_article > 0)
        w->sc.in_article--;
    if (el_in(n, BLOCK_TAGS))
        tw_break(w, is_el(n, "td") || is_el(n, "th") ? 1 : 3);
    return 0;
}

/* Count the <article> ancestors of n (bounded walk). */
static int article_depth(const xmlNode *n)
{
    int d = 0;
    for (const xmlNode *p = n ? n->parent : NULL; p; p = p->parent)
        if (is_el(p, "article"))
            d++;
    return d;
}

/* Append the text of n's subtree to b (n itself is not tested for furniture). */
static int subtree_text(xmlNode *n, ng_buf *b)
{
    textw w = {b, 0, {article_depth(n)}, n};
    if (traverse(n, text_enter, text_leave, &w) < 0)
        return ng_error_set(NG_ENOMEM, "out of memory");
    return 0;
}

/* ---------- statistics pass: text and paragraph text per element ---------- */

typedef struct {
    size_t text, ptext;
} nstat;

typedef struct {
    NG_VEC(nstat) st;
    NG_VEC(xmlNode *) articles;
    NG_VEC(xmlNode *) mains;
    NG_VEC(xmlNode *) marked; /* elements whose _private we set */
    skipctx sc;
    xmlNode *body;
} statctx;

/* Statistics of an element marked by the statistics pass, or NULL. */
static nstat *stat_of(statctx *c, const xmlNode *n)
{
    uintptr_t k = (uintptr_t)n->_private;
    return k ? &c->st.v[k - 1] : NULL;
}

/* Count non-space bytes. */
static size_t visible_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r' && *s != '\f')
            n++;
    return n;
}

/* Statistics pass, entering a node: count text, mark elements, collect candidates. */
static int stat_enter(void *ctx, xmlNode *n)
{
    statctx *c = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        nstat *p = n->parent ? stat_of(c, n->parent) : NULL;
        if (p && n->content)
            p->text += visible_len((const char *)n->content);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE;
    if (is_junk(n, &c->sc))
        return 0;
    nstat z = {0, 0};
    if (ng_vec_push(c->st, z) || ng_vec_push(c->marked, n))
        return -1;
    n->_private = (void *)(uintptr_t)c->st.n;
    if (is_el(n, "article")) {
        c->sc.in_article++;
        if (ng_vec_push(c->articles, n))
            return -1;
    }
    int is_main = is_el(n, "main");
    if (!is_main && n->properties) {
        char *role = attr(n, "role");
        is_main = role && xmlStrcasecmp((xmlChar *)role, (const xmlChar *)"main") == 0;
        xmlFree(role);
    }
    if (is_main && ng_vec_push(c->mains, n))
        return -1;
    if (is_el(n, "body") && !c->body)
        c->body = n;
    return 1;
}

/* Statistics pass, leaving an element: add its totals to its parent. */
static int stat_leave(void *ctx, xmlNode *n)
{
    statctx *c = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (is_el(n, "article") && c->sc.in_article > 0)
        c->sc.in_article--;
    nstat *s = stat_of(c, n), *p = n->parent ? stat_of(c, n->parent) : NULL;
    if (s && p) {
        p->text += s->text;
        p->ptext += is_el(n, "p") ? s->text : s->ptext;
    }
    return 0;
}

/* The candidate with the most paragraph text (then most text), or NULL. */
static xmlNode *best_of(statctx *c, xmlNode **v, size_t n)
{
    xmlNode *best = NULL;
    nstat bs = {0, 0};
    for (size_t i = 0; i < n; i++) {
        nstat *s = stat_of(c, v[i]);
        if (s && (s->ptext > bs.ptext || (s->ptext == bs.ptext && s->text > bs.text))) {
            best = v[i];
            bs = *s;
        }
    }
    return best && bs.text ? best : NULL;
}

/* Whether a candidate holds enough of the page's paragraph text to be the article. */
static int enough(statctx *c, xmlNode *cand, const nstat *total)
{
    nstat *s = stat_of(c, cand);
    if (!s)
        return 0;
    if (total->ptext)
        return s->ptext * 10 >= total->ptext * 3;
    return s->text * 10 >= total->text * 3;
}

/* Choose the content root: <article>, <main>, else the deepest element holding 70% of
 * the paragraph text (of all text when there are no paragraphs). */
static xmlNode *content_root(statctx *c, xmlNode *top)
{
    nstat *ts = stat_of(c, top);
    if (!ts)
        return top;
    nstat total = *ts;
    xmlNode *a = best_of(c, c->articles.v, c->articles.n);
    if (a && enough(c, a, &total))
        return a;
    xmlNode *m = best_of(c, c->mains.v, c->mains.n);
    if (m && enough(c, m, &total))
        return m;
    int by_p = total.ptext > 0;
    size_t want = ((by_p ? total.ptext : total.text) * 7 + 9) / 10;
    xmlNode *n = top;
    for (;;) {
        xmlNode *next = NULL;
        for (xmlNode *ch = n->children; ch; ch = ch->next) {
            nstat *s = ch->type == XML_ELEMENT_NODE ? stat_of(c, ch) : NULL;
            if (s && (by_p ? s->ptext : s->text) >= want && !is_el(ch, "p")) {
                next = ch;
                break;
            }
        }
        if (!next)
            return n;
        n = next;
    }
}

/* ---------- title and date ---------- */

/* Collapsed text of an element's subtree into a malloc'd string (NULL if empty). */
static char *node_plain(xmlNode *n)
{
    ng_buf b = {0};
    if (subtree_text(n, &b) || !b.len) {
        ng_buf_free(&b);
        return NULL;
    }
    for (size_t i = 0; i < b.len; i++)
        if (b.data[i] == '\n')
            b.data[i] = ' ';
    return ng_buf_detach(&b);
}

/* Remove a short site-name suffix ("Headline | Site", "Headline - Site") from a <title>. */
static void strip_site_suffix(char *t)
{
    static const char *const seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", NULL};
    char *cut = NULL;
    for (size_t i = 0; seps[i]; i++) {
        char *p = t, *q;
        while ((q = strstr(p, seps[i]))) {
            if (!cut || q > cut)
                cut = q;
            p = q + 1;
        }
    }
    if (cut && cut > t && strlen(cut) <= 45)
        *cut = '\0';
}

typedef struct {
    xmlNode *h1, *title, *time_pub, *time_root, *time_any, *ldjson[8];
    size_t n_ld;
    char *meta_title;
    char meta_date[11];
    int meta_rank;
    int root_depth; /* >0 while inside the content root */
    xmlNode *root;
    int failed;
} metactx;

/* Meta names carrying the publication date, most trusted first. */
static const char *const DATE_METAS[] = {"article:published_time", "og:published_time", "datepublished",
                                         "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
                                         "dcterms.created", "dc.date.created", "pubdate", "publishdate",
                                         "publish-date", "publication_date", "sailthru.date", "parsely-pub-date",
                                         "citation_publication_date", NULL};

/* Record the date and title carried by one <meta> element. */
static void meta_element(metactx *c, xmlNode *n)
{
    char *key = attr(n, "property");
    if (!key)
        key = attr(n, "name");
    if (!key)
        key = attr(n, "itemprop");
    char *content = key ? attr(n, "content") : NULL;
    if (key && content) {
        for (int r = 0; DATE_METAS[r]; r++) {
            char d[11];
            if (xmlStrcasecmp((xmlChar *)key, (const xmlChar *)DATE_METAS[r]) == 0 && (!c->meta_rank || r + 1 < c->meta_rank) &&
                ng_parse_date(content, d)) {
                memcpy(c->meta_date, d, 11);
                c->meta_rank = r + 1;
            }
        }
        if (!c->meta_title && (xmlStrcasecmp((xmlChar *)key, (const xmlChar *)"og:title") == 0 ||
                               xmlStrcasecmp((xmlChar *)key, (const xmlChar *)"twitter:title") == 0)) {
            ng_collapse_space(content);
            if (*content && !(c->meta_title = ng_strdup(content)))
                c->failed = 1;
        }
    }
    xmlFree(key);
    xmlFree(content);
}

/* Metadata pass, entering a node: meta, title, h1, JSON-LD scripts, <time>. */
static int meta_enter(void *ctx, xmlNode *n)
{
    metactx *c = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE;
    if (n == c->root)
        c->root_depth++;
    if (is_el(n, "meta"))
        meta_element(c, n);
    else if (is_el(n, "title") && !c->title)
        c->title = n;
    else if (is_el(n, "h1") && c->root_depth && !c->h1)
        c->h1 = n;
    else if (is_el(n, "script") && c->n_ld < 8) {
        char *type = attr(n, "type");
        if (type && strstr(type, "ld+json"))
            c->ldjson[c->n_ld++] = n;
        xmlFree(type);
    } else if (is_el(n, "time")) {
        char *dt = attr(n, "datetime");
        if (dt) {
            char *ip = attr(n, "itemprop"), *pd = attr(n, "pubdate");
            if (!c->time_pub && ((ip && xmlStrcasecmp((xmlChar *)ip, (const xmlChar *)"datePublished") == 0) || pd))
                c->time_pub = n;
            if (!c->time_root && c->root_depth)
                c->time_root = n;
            if (!c->time_any)
                c->time_any = n;
            xmlFree(ip);
            xmlFree(pd);
        }
        xmlFree(dt);
    }
    return 1;
}

/* Metadata pass, leaving a node: track whether we are inside the content root. */
static int meta_leave(void *ctx, xmlNode *n)
{
    metactx *c = ctx;
    if (n == c->root)
        c->root_depth--;
    return 0;
}

/* Find datePublished in a JSON-LD value (objects, arrays, @graph), depth-limited. */
static const char *ld_date(json_t *v, int depth)
{
    if (!v || depth > 6)
        return NULL;
    if (json_is_object(v)) {
        json_t *d = json_object_get(v, "datePublished");
        if (json_is_string(d))
            return json_string_value(d);
        const char *r = ld_date(json_object_get(v, "@graph"), depth + 1);
        if (r)
            return r;
        json_t *main = json_object_get(v, "mainEntity");
        return json_is_object(main) ? ld_date(main, depth + 1) : NULL;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            if (i >= 64)
                break;
            const char *r = ld_date(e, depth + 1);
            if (r)
                return r;
        }
    }
    return NULL;
}

/* Publication date from the JSON-LD scripts; 1 if found. */
static int jsonld_date(metactx *c, char out[11])
{
    for (size_t i = 0; i < c->n_ld; i++) {
        xmlChar *txt = xmlNodeGetContent(c->ldjson[i]);
        if (!txt)
            continue;
        json_t *v = json_loads((const char *)txt, JSON_DECODE_ANY, NULL);
        xmlFree(txt);
        const char *d = ld_date(v, 0);
        int ok = d && ng_parse_date(d, out);
        json_decref(v);
        if (ok)
            return 1;
    }
    return 0;
}

/* Date from a <time datetime> element; 1 if found. */
static int time_date(xmlNode *n, char out[11])
{
    if (!n)
        return 0;
    char *dt = attr(n, "datetime");
    int ok = dt && ng_parse_date(dt, out);
    xmlFree(dt);
    return ok;
}

/* ---------- parsing ---------- */

/* A libxml2 error handler that prints nothing. */
static void silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Parse HTML bytes (sanitized to UTF-8 unless another charset is declared). */
static htmlDocPtr parse_html(char *data, size_t len)
{
    char cs[48];
    const char *enc = ng_declared_charset(data, len, cs, sizeof cs);
    if (!enc) {
        enc = "UTF-8";
        ng_utf8_sanitize(data, len);
    }
    if (len > INT32_MAX)
        return NULL;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (!ctxt)
        return NULL;
    xmlGenericErrorFunc saved = xmlGenericError;
    void *saved_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, enc,
                                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                            HTML_PARSE_RECOVER);
    xmlSetGenericErrorFunc(saved_ctx, saved);
    htmlFreeParserCtxt(ctxt);
    return doc;
}

/* Clear the _private marks left by the statistics pass. */
static void unmark(statctx *c)
{
    for (size_t i = 0; i < c->marked.n; i++)
        c->marked.v[i]->_private = NULL;
}

typedef struct {
    char *text;
    size_t len;
    char *title;
    char date[11];
    const char *date_source;
} page;

/* Extract title, date and article text of a parsed page. */
static int extract_page(htmlDocPtr doc, page *pg)
{
    int rc = 0;
    statctx sc = {0};
    metactx mc = {0};
    ng_buf b = {0};
    xmlNode *top = xmlDocGetRootElement(doc);
    if (!top) {
        rc = ng_error_set(NG_EEMPTY, "no article text in the HTML page");
        goto done;
    }
    if ((rc = traverse((xmlNode *)doc, stat_enter, stat_leave, &sc))) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    xmlNode *base = sc.body && stat_of(&sc, sc.body) ? sc.body : top;
    xmlNode *root = content_root(&sc, base);
    unmark(&sc);
    mc.root = root;
    traverse((xmlNode *)doc, meta_enter, meta_leave, &mc);
    if (mc.failed) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = subtree_text(root, &b)))
        goto done;
    if (!b.len) {
        rc = ng_error_set(NG_EEMPTY, "no article text in the HTML page");
        goto done;
    }
    /* title: the article's <h1>, og:title, then <title> without the site name */
    pg->title = mc.h1 ? node_plain(mc.h1) : NULL;
    if (!pg->title && mc.meta_title) {
        pg->title = mc.meta_title;
        mc.meta_title = NULL;
    }
    if (!pg->title && mc.title && (pg->title = node_plain(mc.title)))
        strip_site_suffix(pg->title);
    /* date: meta, JSON-LD, <time> */
    if (mc.meta_rank) {
        memcpy(pg->date, mc.meta_date, 11);
        pg->date_source = "meta";
    } else if (jsonld_date(&mc, pg->date)) {
        pg->date_source = "json-ld";
    } else if (time_date(mc.time_pub, pg->date) || time_date(mc.time_root, pg->date) ||
               time_date(mc.time_any, pg->date)) {
        pg->date_source = "time";
    }
    ng_utf8_sanitize(b.data, b.len);
    pg->len = b.len;
    pg->text = ng_buf_detach(&b);
done:
    unmark(&sc);
    free(sc.st.v);
    free(sc.articles.v);
    free(sc.mains.v);
    free(sc.marked.v);
    free(mc.meta_title);
    ng_buf_free(&b);
    return rc;
}

/* ---------- the reader ---------- */

/* The page's one document. */
static int html_next(ng_input *in, ng_document **doc)
{
    in->done = 1;
    page pg = {0};
    htmlDocPtr hd = parse_html(in->data, in->len);
    if (!hd)
        return ng_error_set(NG_EFORMAT, "unreadable HTML");
    free(in->data);
    in->data = NULL;
    int rc = extract_page(hd, &pg);
    xmlFreeDoc(hd);
    if (rc)
        goto done;
    rc = ng_doc_make(doc, in->path, pg.text, pg.len, "html", pg.title, pg.date_source ? pg.date : NULL,
                     pg.date_source, NULL, &in->opts);
    pg.text = NULL;
done:
    free(pg.text);
    free(pg.title);
    return rc ? rc : 1;
}

int ng_html_open(ng_input *in)
{
    in->next = html_next;
    in->format = "html";
    return 0;
}

int ng_html_node_text(void *node, void *buf) { return subtree_text(node, buf); }

int ng_html_fragment_text(const char *html, size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    char *copy = ng_strndup(html, len);
    if (!copy)
        return ng_error_set(NG_ENOMEM, "out of memory");
    htmlDocPtr hd = parse_html(copy, len);
    free(copy);
    ng_buf b = {0};
    int rc = 0;
    xmlNode *top = hd ? xmlDocGetRootElement(hd) : NULL;
    if (top) {
        xmlNode *body = top;
        for (xmlNode *ch = top->children; ch; ch = ch->next)
            if (is_el(ch, "body"))
                body = ch;
        rc = subtree_text(body, &b);
    }
    xmlFreeDoc(hd);
    if (rc) {
        ng_buf_free(&b);
        return rc;
    }
    *outlen = b.len;
    *out = ng_buf_detach(&b);
    return *out ? 0 : ng_error_set(NG_ENOMEM, "out of memory");
}
