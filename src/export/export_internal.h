/* export_internal.h - small helpers shared by the exporters (header-only, static inline):
 * cleaning strings for output, node numbering, type colours, TIMEX3 date ranges,
 * deterministic number formatting and document sets of provenance spans. */
#ifndef NG_EXPORT_INTERNAL_H
#define NG_EXPORT_INTERNAL_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "newsgraph/model.h"
#include "../util/util.h"

/* Flags of ngx_clean(). */
enum {
    NGX_DOUBLE_BACKSLASH = 1 << 0, /* write every '\' as "\\" (DOT escString values: labels) */
    NGX_QUAD_BACKSLASH = 1 << 1    /* write every '\' as four (DOT tooltips, which Graphviz
                                      unescapes twice) */
};

/* Append @p s to @p out cleaned for any output format: invalid UTF-8 bytes become U+FFFD,
 * tab/newline/carriage return become one space, every other control character (C0, DEL,
 * C1) and the non-characters U+FFFE/U+FFFF are dropped, backslashes are doubled with
 * NGX_DOUBLE_BACKSLASH (quadrupled with NGX_QUAD_BACKSLASH).  With @p max_chars > 0
 * the result keeps at most that many code points, ending in "…" when it was cut.
 * NULL appends nothing. */
static inline int ngx_clean(ng_buf *out, const char *s, int flags, size_t max_chars)
{
    if (!s)
        return 0;
    size_t n = strlen(s), i = 0, chars = 0, cut_at = 0, start = out->len;
    int rc = 0;
    while (i < n && rc == 0) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            /* a run of printable ASCII other than '\\' is copied as it is, in one piece */
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7f && s[j] != '\\')
                j++;
            if (max_chars && chars < max_chars && max_chars - 1 - chars < j - i)
                cut_at = out->len + (max_chars - 1 - chars);
            chars += j - i;
            rc = ng_buf_put(out, s + i, j - i);
            i = j;
            continue;
        }
        utf8proc_int32_t cp = c;
        utf8proc_ssize_t k = 1;
        if (c >= 0x80) {
            k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0) {
                k = 1;
                cp = 0xFFFD;
            }
        }
        i += (size_t)k;
        if (cp == '\t' || cp == '\n' || cp == '\r')
            cp = ' ';
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0xFFFE || cp == 0xFFFF)
            continue;
        if (max_chars && chars + 1 == max_chars)
            cut_at = out->len;
        chars++;
        if (cp == '\\' && (flags & NGX_QUAD_BACKSLASH))
            rc = ng_buf_put(out, "\\\\\\\\", 4);
        else if (cp == '\\' && (flags & NGX_DOUBLE_BACKSLASH))
            rc = ng_buf_put(out, "\\\\", 2);
        else {
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t m = utf8proc_encode_char(cp, enc);
            rc = ng_buf_put(out, enc, (size_t)m);
        }
    }
    if (rc == 0 && max_chars && chars > max_chars) {
        out->len = cut_at;
        while (out->len > start && out->data[out->len - 1] == ' ')
            out->len--;
        out->data[out->len] = '\0';
        rc = ng_buf_puts(out, "\xE2\x80\xA6"); /* … */
    }
    return rc;
}

/* Append a provenance span as "d<doc+1>:<sentence>:<start>-<end>" (GraphML, GEXF). */
static inline int ngx_put_span(ng_buf *b, const ng_span *sp)
{
    int rc = ng_buf_putc(b, 'd');
    if (rc == 0)
        rc = ng_buf_put_int(b, (long long)sp->doc + 1);
    if (rc == 0)
        rc = ng_buf_putc(b, ':');
    if (rc == 0)
        rc = ng_buf_put_int(b, sp->sent);
    if (rc == 0)
        rc = ng_buf_putc(b, ':');
    if (rc == 0)
        rc = ng_buf_put_int(b, sp->start);
    if (rc == 0)
        rc = ng_buf_putc(b, '-');
    return rc ? rc : ng_buf_put_int(b, sp->end);
}

/* Append @p s HTML-escaped (& < > " '); NULL appends nothing (HTML page, TimelineJS). */
static inline int ngx_put_html(ng_buf *b, const char *s)
{
    int rc = 0;
    for (; s && *s && rc == 0; s++) {
        switch (*s) {
        case '&': rc = ng_buf_puts(b, "&amp;"); break;
        case '<': rc = ng_buf_puts(b, "&lt;"); break;
        case '>': rc = ng_buf_puts(b, "&gt;"); break;
        case '"': rc = ng_buf_puts(b, "&quot;"); break;
        case '\'': rc = ng_buf_puts(b, "&#39;"); break;
        default: rc = ng_buf_putc(b, *s);
        }
    }
    return rc;
}

/* Empty @p b and make its data a valid "" (never NULL afterwards). */
static inline int ngx_reset(ng_buf *b)
{
    b->len = 0;
    return ng_buf_puts(b, "");
}

/* Display width of a UTF-8 string in terminal columns (wide characters count 2). */
static inline size_t ngx_width(const char *s)
{
    size_t n = strlen(s), i = 0, w = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            k = 1;
            cp = 0xFFFD;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        i += (size_t)k;
    }
    return w;
}

/* Node numbering shared by the graph formats: entities first, then events, in model
 * order; node k (0-based) is written "n<k+1>". */
static inline size_t ngx_node_index(const ng_model *m, ng_node_ref r)
{
    return r.is_event ? ng_model_n_entities(m) + r.index : r.index;
}

/* Check that a relation's ends exist in the model. */
static inline int ngx_ref_valid(const ng_model *m, ng_node_ref r)
{
    return r.is_event ? r.index < ng_model_n_events(m) : r.index < ng_model_n_entities(m);
}

/* Size (nodes + relations) past which a graph is laid out with sfdp instead of dot
 * (measured: dot takes 0.4 s for 348 nodes + 691 edges, 4.3 s for 435 + 1,052 and
 * 12 s for 503 + 1,217, while sfdp stays under 1 s there and takes 10 s for
 * 4,459 + 12,910); big graphs also drop the co-occurrence edge labels. */
#define NGX_DOT_BIG 1200

typedef struct Agraph_s Agraph_t;
/* dot.c: build the model's Graphviz graph (the caller agclose()s it): what the DOT
 * exporter writes and the SVG/PNG/HTML exporters render. */
int ngx_dot_build(const ng_model *m, Agraph_t **out);
/* svg.c: lay that graph out (dot, or sfdp past NGX_DOT_BIG) and render it in-process
 * through gvc in @p format ("svg", "png"). */
int ngx_render(const ng_model *m, const char *format, ng_buf *out);

/* Node kinds, for colours and shapes: the entity types, then events. */
enum { NGX_KIND_EVENT = NG_TYPE_COUNT, NGX_KIND_COUNT };

/* Fill colour (#RRGGBB) of a node kind (ng_type or NGX_KIND_EVENT). */
static inline const char *ngx_fill_color(int kind)
{
    static const char *const c[NGX_KIND_COUNT] = {"#A6CEE3", "#B2DF8A", "#FDBF6F", "#FB9A99"};
    return kind >= 0 && kind < NGX_KIND_COUNT ? c[kind] : "#DDDDDD";
}

/* Line colour (#RRGGBB) of a node kind, darker than its fill. */
static inline const char *ngx_line_color(int kind)
{
    static const char *const c[NGX_KIND_COUNT] = {"#1F78B4", "#33A02C", "#FF7F00", "#E31A1C"};
    return kind >= 0 && kind < NGX_KIND_COUNT ? c[kind] : "#666666";
}

/* Name of a node kind: PERSON, ORG, PLACE or EVENT. */
static inline const char *ngx_kind_name(int kind)
{
    return kind == NGX_KIND_EVENT ? "EVENT" : ng_type_name((ng_type)kind);
}

/* Number of bits needed for @p v (0 for 0): a deterministic integer logarithm for sizes. */
static inline int ngx_bitlen(size_t v)
{
    int b = 0;
    while (v) {
        b++;
        v >>= 1;
    }
    return b;
}

/* Format a number deterministically in the C locale: integers without decimals,
 * others with up to 4 decimals and no trailing zeros; non-finite values as 0. */
static inline void ngx_fmt_num(char *b, size_t n, double v)
{
    if (!isfinite(v))
        v = 0;
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(b, n, "%.0f", v);
        return;
    }
    snprintf(b, n, "%.4f", v);
    char *p = b + strlen(b);
    while (p > b && p[-1] == '0')
        *--p = '\0';
    if (p > b && p[-1] == '.')
        p[-1] = '\0';
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static inline long ngx_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The date of a day count since 1970-01-01, as YYYYMMDD. */
static inline long ngx_civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return y * 10000 + m * 100 + d;
}

/* Days in month @p m of year @p y. */
static inline int ngx_month_days(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

/* Read exactly @p n ASCII digits at @p s into *v; returns 1 on success. */
static inline int ngx_digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

/* The calendar interval a TIMEX3 value covers, as YYYYMMDD numbers *first and *last:
 * YYYY, YYYY-MM, YYYY-MM-DD[Thh...], YYYY-Www[-WE], YYYY-Qn, YYYY-Hn, YYYY-SP|SU|FA|WI,
 * decades and centuries (199X, 19XX).  Returns 1, or 0 for values that are not on the
 * calendar (PAST_REF, durations, NULL...). */
static inline int ngx_date_range(const char *v, long *first, long *last)
{
    int y, m, d;
    if (!v)
        return 0;
    size_t n = strlen(v);
    if (n == 4 && ngx_digits(v, 2, &y)) {
        int d3;
        if (v[2] == 'X' && v[3] == 'X') { /* century: 19XX */
            *first = (long)y * 1000000 + 101;
            *last = ((long)y * 100 + 99) * 10000 + 1231;
            return 1;
        }
        if (ngx_digits(v + 2, 1, &d3) && v[3] == 'X') { /* decade: 199X */
            long base = (long)y * 100 + d3 * 10;
            *first = base * 10000 + 101;
            *last = (base + 9) * 10000 + 1231;
            return 1;
        }
    }
    if (n < 4 || !ngx_digits(v, 4, &y))
        return 0;
    if (n == 4) {
        *first = (long)y * 10000 + 101;
        *last = (long)y * 10000 + 1231;
        return 1;
    }
    if (v[4] != '-' || n < 7)
        return 0;
    const char *p = v + 5;
    if (ngx_digits(p, 2, &m) && m >= 1 && m <= 12) {
        if (n == 7) {
            *first = (long)y * 10000 + m * 100 + 1;
            *last = (long)y * 10000 + m * 100 + ngx_month_days(y, m);
            return 1;
        }
        if (p[2] != '-' || n < 10 || !ngx_digits(p + 3, 2, &d) || d < 1 || d > ngx_month_days(y, m))
            return 0;
        if (n > 10 && v[10] != 'T')
            return 0;
        *first = *last = (long)y * 10000 + m * 100 + d;
        return 1;
    }
    if (p[0] == 'W' && ngx_digits(p + 1, 2, &d) && d >= 1 && d <= 53) {
        long jan4 = ngx_days_from_civil(y, 1, 4);
        long wd = ((jan4 + 3) % 7 + 7) % 7; /* 1970-01-01 was a Thursday: Monday = 0 */
        long monday = jan4 - wd + 7L * (d - 1);
        if (n == 8) {
            *first = ngx_civil_from_days(monday);
            *last = ngx_civil_from_days(monday + 6);
            return 1;
        }
        if (strcmp(p + 3, "-WE") == 0) {
            *first = ngx_civil_from_days(monday + 5);
            *last = ngx_civil_from_days(monday + 6);
            return 1;
        }
        return 0;
    }
    if (n != 7)
        return 0;
    int m0 = 0, m1 = 0;
    if (p[0] == 'Q' && p[1] >= '1' && p[1] <= '4') {
        m0 = (p[1] - '1') * 3 + 1;
        m1 = m0 + 2;
    } else if (p[0] == 'H' && (p[1] == '1' || p[1] == '2')) {
        m0 = p[1] == '1' ? 1 : 7;
        m1 = m0 + 5;
    } else if (strcmp(p, "SP") == 0) {
        m0 = 3, m1 = 5;
    } else if (strcmp(p, "SU") == 0) {
        m0 = 6, m1 = 8;
    } else if (strcmp(p, "FA") == 0) {
        m0 = 9, m1 = 11;
    } else if (strcmp(p, "WI") == 0) {
        m0 = 12, m1 = 12;
    } else
        return 0;
    *first = (long)y * 10000 + m0 * 100 + 1;
    *last = (long)y * 10000 + m1 * 100 + ngx_month_days(y, m1);
    return 1;
}

/* Write a YYYYMMDD number as "YYYY-MM-DD" into @p b (at least 11 bytes). */
static inline void ngx_fmt_ymd(char *b, size_t n, long ymd)
{
    unsigned long u = ymd < 0 ? 0 : (unsigned long)ymd;
    snprintf(b, n, "%04lu-%02lu-%02lu", u / 10000 % 10000, u / 100 % 100, u % 100);
}

/* qsort comparator of uint32_t. */
static inline int ngx_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The distinct document indices of @p n spans, ascending, into a malloc'd *out
 * (NULL when n is 0) of *nout entries. */
static inline int ngx_span_docs(const ng_span *sp, size_t n, uint32_t **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (!n || !sp)
        return 0;
    uint32_t *v = malloc(n * sizeof *v);
    if (!v)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        v[i] = sp[i].doc;
    qsort(v, n, sizeof *v, ngx_cmp_u32);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (k == 0 || v[k - 1] != v[i])
            v[k++] = v[i];
    *out = v;
    *nout = k;
    return 0;
}

/* Append the paths of the documents in @p docs, separated by @p sep (cleaned). */
static inline int ngx_put_doc_paths(ng_buf *out, const ng_model *m, const uint32_t *docs, size_t n,
                                    const char *sep, int flags)
{
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const ng_docinfo *d = docs[i] < ng_model_n_documents(m) ? ng_model_document(m, docs[i]) : NULL;
        if (i)
            rc = ng_buf_puts(out, sep);
        if (rc == 0)
            rc = d && d->path ? ngx_clean(out, d->path, flags, 0) : ng_buf_printf(out, "d%u", docs[i] + 1);
    }
    return rc;
}

/* ---- Timeline items, shared by the timeline formats (text, CSV, TimelineJS, HTML) ----
 *
 * Items are events, time expressions on the calendar that no dated event's evidence
 * covers, and publications of dated documents.  Sorted: dated first by the first day
 * their date covers, the longer interval first on the same day, then publications,
 * events, time expressions, then creation order (model order); undated events last.
 *
 * An item holds only its sort key and source; its text fields are made when it is
 * written (ngx_item_fields), so a timeline of millions of items costs a few dozen bytes
 * an item, not its text. */

/* Item kinds, in their order on the same date. */
enum { NGX_ITEM_PUBLISHED, NGX_ITEM_EVENT, NGX_ITEM_TIME };

/* Name of an item kind: "published", "event", "time". */
static inline const char *ngx_item_kind_name(int kind)
{
    static const char *const n[] = {"published", "event", "time"};
    return kind >= 0 && kind <= NGX_ITEM_TIME ? n[kind] : "item";
}

/* Text fields of an item. */
enum { NGX_F_DATE, NGX_F_WHAT, NGX_F_WHO, NGX_F_WHERE, NGX_F_SOURCE, NGX_NFIELDS };

/* One item: sort key and source object (20 bytes: a timeline may have millions). */
typedef struct {
    int32_t first, last; /* YYYYMMDD interval of the date when dated */
    uint32_t order;      /* creation order, the last tie-breaker */
    uint32_t index;      /* event, time expression or document index, by kind */
    uint8_t kind, dated;
} ngx_item;

/* A mention of an entity in one sentence (who/where of time expressions). */
typedef struct {
    uint32_t doc, sent, entity;
} ngx_sent_ent;

typedef struct {
    ngx_item *v;
    size_t n, cap;
    size_t n_dated;    /* items [0, n_dated) are dated */
    ngx_sent_ent *se;  /* (document, sentence, entity) of kept mentions, sorted, unique */
    size_t n_se;
    /* the cleaned text fields of the item of the last ngx_item_fields() call (never NULL
     * after it; "" when empty; WHO and SOURCE are ", "-separated lists) */
    ng_buf f[NGX_NFIELDS];
    int has_span;  /* and its first provenance span, if it has one */
    ng_span span;
} ngx_items;

/* Order of ngx_sent_ent: document, sentence, entity. */
static inline int ngx_cmp_se(const void *a, const void *b)
{
    const ngx_sent_ent *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    if (x->sent != y->sent)
        return x->sent < y->sent ? -1 : 1;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* Order of items (see above). */
static inline int ngx_cmp_item(const void *a, const void *b)
{
    const ngx_item *x = a, *y = b;
    if (x->dated != y->dated)
        return x->dated ? -1 : 1;
    if (x->dated) {
        if (x->first != y->first)
            return x->first < y->first ? -1 : 1;
        if (x->last != y->last)
            return x->last > y->last ? -1 : 1;
        if (x->kind != y->kind)
            return x->kind < y->kind ? -1 : 1;
    }
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Free the items. */
static inline void ngx_items_free(ngx_items *it)
{
    free(it->v);
    free(it->se);
    for (int i = 0; i < NGX_NFIELDS; i++)
        ng_buf_free(&it->f[i]);
    memset(it, 0, sizeof *it);
}

/* Append an item of @p kind for object @p index, dated [first, last] or undated (its
 * creation order is its position). */
static inline int ngx_items_push(ngx_items *it, int kind, size_t index, int dated, long first, long last)
{
    if (it->n >= UINT32_MAX || index >= UINT32_MAX)
        return ng_error_set(NG_ETOOBIG, "more than 4 billion timeline items");
    ngx_item p = {(int32_t)first, (int32_t)last, (uint32_t)it->n, (uint32_t)index, (uint8_t)kind, (uint8_t)(dated != 0)};
    return ng_vec_push(*it, p) ? ng_error_set(NG_ENOMEM, "out of memory") : 0;
}

/* Append an entity's name to a ", "-separated list. */
static inline int ngx_put_name(ng_buf *b, const ng_model *m, size_t entity)
{
    int rc = b->len ? ng_buf_puts(b, ", ") : 0;
    return rc ? rc : ngx_clean(b, ng_model_entity(m, entity)->name, 0, 0);
}

/* Append the ", "-separated source documents of @p n spans. */
static inline int ngx_put_sources(ng_buf *b, const ng_model *m, const ng_span *sp, size_t n)
{
    uint32_t *docs = NULL;
    size_t nd = 0;
    int rc = ngx_span_docs(sp, n, &docs, &nd);
    if (rc == 0)
        rc = ngx_put_doc_paths(b, m, docs, nd, ", ", 0);
    free(docs);
    return rc;
}

/* Reset every field buffer to "". */
static inline int ngx_fields_reset(ng_buf f[NGX_NFIELDS])
{
    int rc = 0;
    for (int i = 0; i < NGX_NFIELDS && rc == 0; i++)
        rc = ngx_reset(&f[i]);
    return rc;
}

/* Order of spans: document, start, end. */
static inline int ngx_cmp_span(const void *a, const void *b)
{
    const ng_span *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end < y->end ? -1 : x->end > y->end;
}

/* The evidence spans of every dated event, sorted (malloc'd into *out, count *n). */
static inline int ngx_dated_event_spans(const ng_model *m, ng_span **out, size_t *n)
{
    size_t total = 0, k = 0;
    *out = NULL;
    *n = 0;
    for (size_t i = 0; i < ng_model_n_events(m); i++)
        if (ng_model_event(m, i)->date)
            total += ng_model_event(m, i)->n_mentions;
    if (!total)
        return 0;
    ng_span *v = malloc(total * sizeof *v);
    if (!v)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < ng_model_n_events(m); i++) {
        const ng_event *ev = ng_model_event(m, i);
        for (size_t j = 0; ev->date && j < ev->n_mentions; j++)
            v[k++] = ev->mentions[j];
    }
    qsort(v, total, sizeof *v, ngx_cmp_span);
    *out = v;
    *n = total;
    return 0;
}

/* Whether one of the sorted spans @p ev covers the time expression @p t. */
static inline int ngx_timex_covered(const ng_span *ev, size_t n, const ng_timex *t)
{
    size_t lo = 0, hi = n; /* first span of t's document */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ev[mid].doc < t->doc)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < n && ev[k].doc == t->doc && ev[k].start <= t->start; k++)
        if (t->end <= ev[k].end)
            return 1;
    return 0;
}

/* The sentences every kept entity mention falls in, sorted and unique, into it->se. */
static inline int ngx_items_sentences(const ng_model *m, ngx_items *it)
{
    size_t total = 0, ne = ng_model_n_entities(m);
    for (size_t i = 0; i < ne; i++)
        total += ng_model_entity(m, i)->n_mentions;
    if (!total)
        return 0;
    ngx_sent_ent *se = malloc(total * sizeof *se);
    if (!se)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0, k = 0; i < ne; i++) {
        const ng_entity *e = ng_model_entity(m, i);
        for (size_t j = 0; j < e->n_mentions; j++)
            se[k++] = (ngx_sent_ent){e->mentions[j].doc, e->mentions[j].sent, (uint32_t)i};
    }
    qsort(se, total, sizeof *se, ngx_cmp_se);
    size_t n = 0;
    for (size_t i = 0; i < total; i++)
        if (n == 0 || ngx_cmp_se(&se[n - 1], &se[i]) != 0)
            se[n++] = se[i];
    it->se = se;
    it->n_se = n;
    return 0;
}

/* Collect and sort the items of @p m into @p it (empty on entry). */
static inline int ngx_items_build(const ng_model *m, ngx_items *it)
{
    ng_span *evs = NULL;
    size_t n_evs = 0;
    long first, last;
    int rc = ngx_dated_event_spans(m, &evs, &n_evs);
    /* events */
    for (size_t i = 0; i < ng_model_n_events(m) && rc == 0; i++) {
        int dated = ngx_date_range(ng_model_event(m, i)->date, &first, &last);
        rc = ngx_items_push(it, NGX_ITEM_EVENT, i, dated, dated ? first : 0, dated ? last : 0);
    }
    if (rc == 0)
        rc = ngx_items_sentences(m, it);
    /* calendar time expressions no dated event covers */
    for (size_t i = 0; i < ng_model_n_timexes(m) && rc == 0; i++) {
        const ng_timex *t = ng_model_timex(m, i);
        if (!ngx_date_range(t->value, &first, &last) || ngx_timex_covered(evs, n_evs, t))
            continue;
        rc = ngx_items_push(it, NGX_ITEM_TIME, i, 1, first, last);
    }
    /* publications */
    for (size_t i = 0; i < ng_model_n_documents(m) && rc == 0; i++) {
        const ng_docinfo *d = ng_model_document(m, i);
        if (!d || !ngx_date_range(d->date, &first, &last) || !ng_model_date_shown(m, d->date))
            continue;
        rc = ngx_items_push(it, NGX_ITEM_PUBLISHED, i, 1, first, last);
    }
    if (rc == 0 && it->n) {
        qsort(it->v, it->n, sizeof *it->v, ngx_cmp_item);
        while (it->n_dated < it->n && it->v[it->n_dated].dated)
            it->n_dated++;
    }
    free(evs);
    if (rc)
        ngx_items_free(it);
    return rc;
}

/* Make the text fields of item @p x into it->f (SOURCE stays "" without @p with_source). */
static inline int ngx_item_fields(const ng_model *m, ngx_items *it, const ngx_item *x, int with_source)
{
    ng_buf *f = it->f;
    size_t ne = ng_model_n_entities(m);
    int rc = ngx_fields_reset(f);
    if (rc)
        return rc;
    it->has_span = 0;
    if (x->kind == NGX_ITEM_EVENT) {
        const ng_event *ev = ng_model_event(m, x->index);
        if (ev->n_mentions) {
            it->has_span = 1;
            it->span = ev->mentions[0];
        }
        rc = ngx_clean(&f[NGX_F_DATE], ev->date, 0, 0);
        if (rc == 0)
            rc = ngx_clean(&f[NGX_F_WHAT], ev->label ? ev->label : ev->kind, 0, 0);
        for (size_t k = 0; k < ev->n_participants && rc == 0; k++)
            if (ev->participants[k].entity < ne)
                rc = ngx_put_name(&f[NGX_F_WHO], m, ev->participants[k].entity);
        if (rc == 0 && ev->place >= 0 && (size_t)ev->place < ne)
            rc = ngx_put_name(&f[NGX_F_WHERE], m, (size_t)ev->place);
        if (rc == 0)
            rc = with_source ? ngx_put_sources(&f[NGX_F_SOURCE], m, ev->mentions, ev->n_mentions) : 0;
    } else if (x->kind == NGX_ITEM_TIME) {
        /* who/where: the entities named in the time expression's sentence */
        const ng_timex *t = ng_model_timex(m, x->index);
        const ngx_sent_ent *se = it->se;
        it->has_span = 1;
        it->span = (ng_span){t->doc, t->sent, t->start, t->end};
        rc = ngx_clean(&f[NGX_F_DATE], t->value, 0, 0);
        if (rc == 0)
            rc = ng_buf_puts(&f[NGX_F_WHAT], "\xE2\x80\x9C"); /* “ */
        if (rc == 0)
            rc = ngx_clean(&f[NGX_F_WHAT], t->text, 0, 0);
        if (rc == 0)
            rc = ng_buf_puts(&f[NGX_F_WHAT], "\xE2\x80\x9D"); /* ” */
        size_t lo = 0, hi = it->n_se; /* first entry of (doc, sent) */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (se[mid].doc < t->doc || (se[mid].doc == t->doc && se[mid].sent < t->sent))
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < it->n_se && rc == 0 && se[k].doc == t->doc && se[k].sent == t->sent; k++) {
            ng_type ty = ng_model_entity(m, se[k].entity)->type;
            rc = ngx_put_name(&f[ty == NG_PLACE ? NGX_F_WHERE : NGX_F_WHO], m, se[k].entity);
        }
        if (rc == 0)
            rc = with_source ? ngx_put_sources(&f[NGX_F_SOURCE], m, &it->span, 1) : 0;
    } else {
        const ng_docinfo *d = ng_model_document(m, x->index);
        uint32_t doc = (uint32_t)x->index;
        rc = ngx_clean(&f[NGX_F_DATE], d->date, 0, 0);
        if (rc == 0)
            rc = ngx_clean(&f[NGX_F_WHAT], d->title ? d->title : "(untitled)", 0, 0);
        if (rc == 0)
            rc = with_source ? ngx_put_doc_paths(&f[NGX_F_SOURCE], m, &doc, 1, ", ", 0) : 0;
    }
    return rc;
}

#endif
