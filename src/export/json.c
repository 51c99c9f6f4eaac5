/* json.c - the JSON contract (documents, entities, timexes, events, relations, merges),
 * written straight into the output buffer in model order: no tree in memory, so a large
 * model costs its output's size and no more.  Layout: one-space indentation. */
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"

typedef struct {
    ng_buf *b;
    int depth;
    int first; /* no element written yet in the current container */
    int rc;
} jw;

/* Every piece is written straight into the buffer through ng_buf_room(): one room test
 * for a bound on a member (or a whole span), where a test per byte run cost more than
 * the bytes.  JW_LINE bounds a member line without its string: ",\n", the indentation
 * (at most 63), the quoted key and ": ", and a number, id or real (at most 40). */
#define JW_LINE 160

/* A key literal and its length. */
#define K(s) s, sizeof s - 1

/* Room for n bytes, or NULL once the writer has failed. */
static char *room(jw *w, size_t n)
{
    return w->rc ? NULL : ng_buf_room(w->b, n, &w->rc);
}

static void commit(jw *w, char *end) { ng_buf_commit(w->b, end); }

/* ",\n" (no comma before the first element) and the indentation. */
static char *p_sep(jw *w, char *p)
{
    int n = w->depth < 63 ? w->depth : 63;
    if (!w->first)
        *p++ = ',';
    w->first = 0;
    *p++ = '\n';
    memset(p, ' ', (size_t)n);
    return p + n;
}

/* Start a member "key": (or an array element when key is NULL); keys are literals without
 * characters to escape. */
static char *p_member(jw *w, char *p, const char *key, size_t klen)
{
    p = p_sep(w, p);
    if (key) {
        *p++ = '"';
        memcpy(p, key, klen);
        p += klen;
        memcpy(p, "\": ", 3);
        p += 3;
    }
    return p;
}

/* A JSON string (6 bytes per byte of s at most, and the quotes): quotes, backslashes and
 * control characters escaped; bytes >= 0x80 as they are (the text was made valid UTF-8 at
 * ingest; invalid bytes are replaced by U+FFFD). */
static char *p_str(char *p, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *q = (const unsigned char *)s, *end = q + len;
    *p++ = '"';
    while (q < end) {
        unsigned char c = *q;
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            *p++ = (char)c;
            q++;
            continue;
        }
        const char *esc;
        switch (c) {
        case '"':
            esc = "\\\"";
            break;
        case '\\':
            esc = "\\\\";
            break;
        case '\n':
            esc = "\\n";
            break;
        case '\t':
            esc = "\\t";
            break;
        case '\r':
            esc = "\\r";
            break;
        default:
            esc = NULL;
        }
        if (esc) {
            memcpy(p, esc, 2);
            p += 2;
            q++;
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            memcpy(p, "\\u00", 4);
            p[4] = hex[c >> 4];
            p[5] = hex[c & 15];
            p += 6;
            q++;
            continue;
        }
        /* validate the sequence; an invalid byte becomes U+FFFD */
        int n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        int ok = n > 0;
        for (int k = 1; ok && k < n; k++)
            ok = (q[k] & 0xc0) == 0x80; /* a NUL (the end) stops the sequence */
        if (ok && n == 3 && ((c == 0xe0 && q[1] < 0xa0) || (c == 0xed && q[1] >= 0xa0)))
            ok = 0;
        if (ok && n == 4 && ((c == 0xf0 && q[1] < 0x90) || (c == 0xf4 && q[1] >= 0x90)))
            ok = 0;
        if (ok) {
            memcpy(p, q, (size_t)n);
            p += n;
            q += n;
        } else {
            memcpy(p, "\xEF\xBF\xBD", 3);
            p += 3;
            q++;
        }
    }
    *p++ = '"';
    return p;
}

static char *p_int(jw *w, char *p, const char *key, size_t klen, long long v)
{
    return ng_fmt_int(p_member(w, p, key, klen), v);
}

static char *p_id(jw *w, char *p, const char *key, size_t klen, char prefix, int64_t i)
{
    p = p_member(w, p, key, klen);
    if (i < 0) {
        memcpy(p, "null", 4);
        return p + 4;
    }
    *p++ = '"';
    *p++ = prefix;
    p = ng_fmt_int(p, (long long)i + 1);
    *p++ = '"';
    return p;
}

/* A real with 6 significant digits, always with a fraction or exponent ("1.0"). */
static char *p_real(jw *w, char *p, const char *key, size_t klen, double v)
{
    p = p_member(w, p, key, klen);
    return p + ng_fmt_real(p, v); /* its NUL is overwritten or made the buffer's end */
}

/* The four members of a span (bounded by 4 * JW_LINE). */
static char *p_span(jw *w, char *p, const ng_span *s)
{
    p = p_id(w, p, K("doc"), 'd', s->doc);
    p = p_int(w, p, K("sentence"), s->sent);
    p = p_int(w, p, K("start"), s->start);
    return p_int(w, p, K("end"), s->end);
}

static char *p_open(jw *w, char *p, const char *key, size_t klen, char c)
{
    p = p_member(w, p, key, klen);
    *p++ = c;
    w->depth++;
    w->first = 1;
    return p;
}

static char *p_close(jw *w, char *p, char c)
{
    w->depth--;
    if (!w->first) {
        int n = w->depth < 63 ? w->depth : 63;
        *p++ = '\n';
        memset(p, ' ', (size_t)n);
        p += n;
    }
    *p++ = c;
    w->first = 0;
    return p;
}

/* The same, each in its own room (the depth changes even after a failure: the output is
 * abandoned then anyway). */
static void open_(jw *w, const char *key, size_t klen, char c)
{
    char *p = room(w, JW_LINE);
    if (p)
        commit(w, p_open(w, p, key, klen, c));
    else
        w->depth++, w->first = 1;
}

static void close_(jw *w, char c)
{
    char *p = room(w, JW_LINE);
    if (p)
        commit(w, p_close(w, p, c));
    else
        w->depth--, w->first = 0;
}

static void kv_str(jw *w, const char *key, size_t klen, const char *v)
{
    size_t n = v ? strlen(v) : 0;
    char *p = room(w, JW_LINE + 6 * n);
    if (!p)
        return;
    p = p_member(w, p, key, klen);
    if (v) {
        p = p_str(p, v, n);
    } else {
        memcpy(p, "null", 4);
        p += 4;
    }
    commit(w, p);
}

static void kv_int(jw *w, const char *key, size_t klen, long long v)
{
    char *p = room(w, JW_LINE);
    if (p)
        commit(w, p_int(w, p, key, klen, v));
}

static void kv_id(jw *w, const char *key, size_t klen, char prefix, int64_t i)
{
    char *p = room(w, JW_LINE);
    if (p)
        commit(w, p_id(w, p, key, klen, prefix, i));
}

static void kv_span(jw *w, const ng_span *s)
{
    char *p = room(w, 4 * JW_LINE);
    if (p)
        commit(w, p_span(w, p, s));
}

static void kv_real(jw *w, const char *key, size_t klen, double v)
{
    char *p = room(w, JW_LINE);
    if (p)
        commit(w, p_real(w, p, key, klen, v));
}

/* An object holding a span (and a confidence when conf is not NULL): one room for all. */
static void span_obj(jw *w, const ng_span *s, const float *conf)
{
    char *p = room(w, 7 * JW_LINE);
    if (!p)
        return;
    p = p_open(w, p, NULL, 0, '{');
    p = p_span(w, p, s);
    if (conf)
        p = p_real(w, p, K("confidence"), (double)(long)(*conf * 1000.0f + 0.5f) / 1000.0);
    commit(w, p_close(w, p, '}'));
}

static const char *precision_name(ng_precision p)
{
    static const char *const n[] = {NULL, "year", "month", "week", "day", "time"};
    return p <= NG_PREC_TIME ? n[p] : NULL;
}

int ng_export_json(const ng_model *m, ng_buf *out)
{
    jw w = {out, 0, 1, 0};
    char *p = room(&w, 1);
    if (p) {
        *p++ = '{';
        commit(&w, p);
    }
    w.depth = 1;

    open_(&w, K("documents"), '[');
    for (size_t i = 0; i < ng_model_n_documents(m); i++) {
        const ng_docinfo *d = ng_model_document(m, i);
        open_(&w, NULL, 0, '{');
        kv_id(&w, K("id"), 'd', (int64_t)i);
        kv_str(&w, K("path"), d->path);
        kv_str(&w, K("date"), d->date);
        kv_str(&w, K("date_source"), d->date_source);
        kv_str(&w, K("title"), d->title);
        kv_str(&w, K("format"), d->format);
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, K("entities"), '[');
    for (size_t i = 0; i < ng_model_n_entities(m); i++) {
        const ng_entity *e = ng_model_entity(m, i);
        open_(&w, NULL, 0, '{');
        kv_id(&w, K("id"), 'e', (int64_t)i);
        kv_str(&w, K("name"), e->name);
        kv_str(&w, K("type"), ng_type_name(e->type));
        open_(&w, K("aliases"), '[');
        for (size_t k = 0; k < e->n_aliases; k++)
            kv_str(&w, NULL, 0, e->aliases[k].name);
        close_(&w, ']');
        open_(&w, K("roles"), '[');
        for (size_t k = 0; k < e->n_roles; k++) {
            const ng_role *r = &e->roles[k];
            open_(&w, NULL, 0, '{');
            kv_span(&w, &r->span);
            kv_str(&w, K("title"), r->title);
            kv_id(&w, K("of"), 'e', r->of);
            kv_str(&w, K("date"), r->date);
            close_(&w, '}');
        }
        close_(&w, ']');
        open_(&w, K("mentions"), '[');
        for (size_t k = 0; k < e->n_mentions; k++)
            span_obj(&w, &e->mentions[k], &e->confidence[k]);
        close_(&w, ']');
        open_(&w, K("references"), '[');
        for (size_t k = 0; k < e->n_references; k++) {
            open_(&w, NULL, 0, '{');
            kv_span(&w, &e->references[k].span);
            kv_str(&w, K("text"), e->references[k].text);
            kv_str(&w, K("rule"), e->references[k].rule);
            close_(&w, '}');
        }
        close_(&w, ']');
        kv_int(&w, K("mentions_total"), (long long)e->n_mentions_total);
        kv_int(&w, K("documents"), (long long)e->n_documents);
        kv_str(&w, K("first_date"), e->first_date);
        kv_str(&w, K("last_date"), e->last_date);
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, K("timexes"), '[');
    for (size_t i = 0; i < ng_model_n_timexes(m); i++) {
        const ng_timex *t = ng_model_timex(m, i);
        ng_span sp = {t->doc, t->sent, t->start, t->end};
        open_(&w, NULL, 0, '{');
        kv_span(&w, &sp);
        kv_str(&w, K("text"), t->text);
        kv_str(&w, K("type"), t->type);
        kv_str(&w, K("value"), t->value);
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, K("events"), '[');
    for (size_t i = 0; i < ng_model_n_events(m); i++) {
        const ng_event *v = ng_model_event(m, i);
        open_(&w, NULL, 0, '{');
        kv_id(&w, K("id"), 'v', (int64_t)i);
        kv_str(&w, K("label"), v->label);
        kv_str(&w, K("kind"), v->kind);
        kv_str(&w, K("date"), v->date);
        kv_str(&w, K("precision"), precision_name(v->precision));
        kv_str(&w, K("date_anchor"), v->date_anchor);
        kv_id(&w, K("place"), 'e', v->place);
        open_(&w, K("participants"), '[');
        for (size_t k = 0; k < v->n_participants; k++)
            kv_id(&w, NULL, 0, 'e', (int64_t)v->participants[k].entity);
        close_(&w, ']');
        open_(&w, K("participant_roles"), '[');
        for (size_t k = 0; k < v->n_participants; k++) {
            open_(&w, NULL, 0, '{');
            kv_id(&w, K("entity"), 'e', (int64_t)v->participants[k].entity);
            kv_str(&w, K("role"), v->participants[k].role);
            close_(&w, '}');
        }
        close_(&w, ']');
        open_(&w, K("mentions"), '[');
        for (size_t k = 0; k < v->n_mentions; k++)
            span_obj(&w, &v->mentions[k], NULL);
        close_(&w, ']');
        kv_int(&w, K("mentions_total"), (long long)v->n_mentions_total);
        if (v->date_conflict) {
            open_(&w, K("other_dates"), '[');
            for (size_t k = 0; k < v->n_other_dates; k++)
                kv_str(&w, NULL, 0, v->other_dates[k]);
            close_(&w, ']');
        }
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, K("relations"), '[');
    for (size_t i = 0; i < ng_model_n_relations(m); i++) {
        const ng_relation *r = ng_model_relation(m, i);
        open_(&w, NULL, 0, '{');
        kv_str(&w, K("kind"), ng_rel_kind_name(r->kind));
        kv_id(&w, K("source"), r->src.is_event ? 'v' : 'e', (int64_t)r->src.index);
        kv_id(&w, K("target"), r->dst.is_event ? 'v' : 'e', (int64_t)r->dst.index);
        kv_real(&w, K("weight"), r->weight);
        kv_str(&w, K("label"), r->label);
        open_(&w, K("evidence"), '[');
        for (size_t k = 0; k < r->n_evidence; k++)
            span_obj(&w, &r->evidence[k], NULL);
        close_(&w, ']');
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, K("merges"), '[');
    for (size_t i = 0; i < ng_model_n_merges(m); i++) {
        const ng_merge_log *g = ng_model_merge(m, i);
        open_(&w, NULL, 0, '{');
        kv_id(&w, K("entity"), 'e', (int64_t)g->entity);
        kv_str(&w, K("alias"), g->alias);
        kv_str(&w, K("rule"), g->rule);
        kv_str(&w, K("evidence"), g->evidence);
        close_(&w, '}');
    }
    close_(&w, ']');
    if ((p = room(&w, 3))) {
        memcpy(p, "\n}\n", 3);
        commit(&w, p + 3);
    }
    return w.rc; /* its message was set where it happened (buffer cap, write error) */
}
