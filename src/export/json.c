/* json.c - the JSON contract (documents, entities, timexes, events, relations, merges),
 * written straight into the output buffer in model order: no tree in memory, so a large
 * model costs its output's size and no more.  Layout: one-space indentation. */
#include <pthread.h>
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

/* n <= 63 spaces of indentation.  Always 64 written, a copy of a fixed size that needs no
 * call (a memset of n bytes was one per line); the bytes past n lie within the room of
 * the line (JW_LINE) and are overwritten or beyond the buffer's end. */
static char *p_indent(char *p, int n)
{
    static const char spaces[64] = "                                                                ";
    memcpy(p, spaces, sizeof spaces);
    return p + n;
}

/* ",\n" (no comma before the first element) and the indentation. */
static char *p_sep(jw *w, char *p)
{
    int n = w->depth < 63 ? w->depth : 63;
    if (!w->first)
        *p++ = ',';
    w->first = 0;
    *p++ = '\n';
    return p_indent(p, n);
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
        p = p_indent(p, n);
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

/* The sections of the document, in order, and their elements. */
enum { SEC_DOCUMENTS, SEC_ENTITIES, SEC_TIMEXES, SEC_EVENTS, SEC_RELATIONS, SEC_MERGES, SEC_COUNT };

static const struct {
    const char *key;
    size_t klen;
} SECTIONS[SEC_COUNT] = {{K("documents")}, {K("entities")}, {K("timexes")},
                         {K("events")},    {K("relations")}, {K("merges")}};

static size_t section_size(const ng_model *m, int sec)
{
    switch (sec) {
    case SEC_DOCUMENTS:
        return ng_model_n_documents(m);
    case SEC_ENTITIES:
        return ng_model_n_entities(m);
    case SEC_TIMEXES:
        return ng_model_n_timexes(m);
    case SEC_EVENTS:
        return ng_model_n_events(m);
    case SEC_RELATIONS:
        return ng_model_n_relations(m);
    default:
        return ng_model_n_merges(m);
    }
}

static void put_document(jw *w, const ng_model *m, size_t i)
{
    const ng_docinfo *d = ng_model_document(m, i);
    open_(w, NULL, 0, '{');
    kv_id(w, K("id"), 'd', (int64_t)i);
    kv_str(w, K("path"), d->path);
    kv_str(w, K("date"), d->date);
    kv_str(w, K("date_source"), d->date_source);
    kv_str(w, K("title"), d->title);
    kv_str(w, K("format"), d->format);
    close_(w, '}');
}

static void put_entity(jw *w, const ng_model *m, size_t i)
{
    const ng_entity *e = ng_model_entity(m, i);
    open_(w, NULL, 0, '{');
    kv_id(w, K("id"), 'e', (int64_t)i);
    kv_str(w, K("name"), e->name);
    kv_str(w, K("type"), ng_type_name(e->type));
    open_(w, K("aliases"), '[');
    for (size_t k = 0; k < e->n_aliases; k++)
        kv_str(w, NULL, 0, e->aliases[k].name);
    close_(w, ']');
    open_(w, K("roles"), '[');
    for (size_t k = 0; k < e->n_roles; k++) {
        const ng_role *r = &e->roles[k];
        open_(w, NULL, 0, '{');
        kv_span(w, &r->span);
        kv_str(w, K("title"), r->title);
        kv_id(w, K("of"), 'e', r->of);
        kv_str(w, K("date"), r->date);
        close_(w, '}');
    }
    close_(w, ']');
    open_(w, K("mentions"), '[');
    for (size_t k = 0; k < e->n_mentions; k++)
        span_obj(w, &e->mentions[k], &e->confidence[k]);
    close_(w, ']');
    open_(w, K("references"), '[');
    for (size_t k = 0; k < e->n_references; k++) {
        open_(w, NULL, 0, '{');
        kv_span(w, &e->references[k].span);
        kv_str(w, K("text"), e->references[k].text);
        kv_str(w, K("rule"), e->references[k].rule);
        close_(w, '}');
    }
    close_(w, ']');
    kv_int(w, K("mentions_total"), (long long)e->n_mentions_total);
    kv_int(w, K("documents"), (long long)e->n_documents);
    kv_str(w, K("first_date"), e->first_date);
    kv_str(w, K("last_date"), e->last_date);
    close_(w, '}');
}

static void put_timex(jw *w, const ng_model *m, size_t i)
{
    const ng_timex *t = ng_model_timex(m, i);
    ng_span sp = {t->doc, t->sent, t->start, t->end};
    open_(w, NULL, 0, '{');
    kv_span(w, &sp);
    kv_str(w, K("text"), t->text);
    kv_str(w, K("type"), t->type);
    kv_str(w, K("value"), t->value);
    close_(w, '}');
}

static void put_event(jw *w, const ng_model *m, size_t i)
{
    const ng_event *v = ng_model_event(m, i);
    open_(w, NULL, 0, '{');
    kv_id(w, K("id"), 'v', (int64_t)i);
    kv_str(w, K("label"), v->label);
    kv_str(w, K("kind"), v->kind);
    kv_str(w, K("date"), v->date);
    kv_str(w, K("precision"), precision_name(v->precision));
    kv_str(w, K("date_anchor"), v->date_anchor);
    kv_id(w, K("place"), 'e', v->place);
    open_(w, K("participants"), '[');
    for (size_t k = 0; k < v->n_participants; k++)
        kv_id(w, NULL, 0, 'e', (int64_t)v->participants[k].entity);
    close_(w, ']');
    open_(w, K("participant_roles"), '[');
    for (size_t k = 0; k < v->n_participants; k++) {
        open_(w, NULL, 0, '{');
        kv_id(w, K("entity"), 'e', (int64_t)v->participants[k].entity);
        kv_str(w, K("role"), v->participants[k].role);
        close_(w, '}');
    }
    close_(w, ']');
    open_(w, K("mentions"), '[');
    for (size_t k = 0; k < v->n_mentions; k++)
        span_obj(w, &v->mentions[k], NULL);
    close_(w, ']');
    kv_int(w, K("mentions_total"), (long long)v->n_mentions_total);
    if (v->date_conflict) {
        open_(w, K("other_dates"), '[');
        for (size_t k = 0; k < v->n_other_dates; k++)
            kv_str(w, NULL, 0, v->other_dates[k]);
        close_(w, ']');
    }
    close_(w, '}');
}

static void put_relation(jw *w, const ng_model *m, size_t i)
{
    const ng_relation *r = ng_model_relation(m, i);
    open_(w, NULL, 0, '{');
    kv_str(w, K("kind"), ng_rel_kind_name(r->kind));
    kv_id(w, K("source"), r->src.is_event ? 'v' : 'e', (int64_t)r->src.index);
    kv_id(w, K("target"), r->dst.is_event ? 'v' : 'e', (int64_t)r->dst.index);
    kv_real(w, K("weight"), r->weight);
    kv_str(w, K("label"), r->label);
    open_(w, K("evidence"), '[');
    for (size_t k = 0; k < r->n_evidence; k++)
        span_obj(w, &r->evidence[k], NULL);
    close_(w, ']');
    close_(w, '}');
}

static void put_merge(jw *w, const ng_model *m, size_t i)
{
    const ng_merge_log *g = ng_model_merge(m, i);
    open_(w, NULL, 0, '{');
    kv_id(w, K("entity"), 'e', (int64_t)g->entity);
    kv_str(w, K("alias"), g->alias);
    kv_str(w, K("rule"), g->rule);
    kv_str(w, K("evidence"), g->evidence);
    close_(w, '}');
}

/* Elements [from, to) of a section, as the elements of its array (depth 2). */
static void put_elements(jw *w, const ng_model *m, int sec, size_t from, size_t to)
{
    static void (*const put_one[SEC_COUNT])(jw *, const ng_model *, size_t) = {
        put_document, put_entity, put_timex, put_event, put_relation, put_merge};
    for (size_t i = from; i < to && !w->rc; i++)
        put_one[sec](w, m, i);
}

/* "{", and "}" with the last newline. */
static void put_raw(jw *w, const char *s, size_t n)
{
    char *p = room(w, n);
    if (p) {
        memcpy(p, s, n);
        commit(w, p + n);
    }
}

int ng_export_json(const ng_model *m, ng_buf *out)
{
    jw w = {out, 0, 1, 0};
    put_raw(&w, "{", 1);
    w.depth = 1;
    for (int sec = 0; sec < SEC_COUNT; sec++) {
        open_(&w, SECTIONS[sec].key, SECTIONS[sec].klen, '[');
        put_elements(&w, m, sec, 0, section_size(m, sec));
        close_(&w, ']');
    }
    put_raw(&w, "\n}\n", 3);
    return w.rc; /* its message was set where it happened (buffer cap, write error) */
}

/* ---- In parallel: the sections' elements are cut into chunks of about CHUNK_WEIGHT
 * member lines, rendered by threads into buffers of their own and written in order by
 * the calling thread.  At most `window` chunks are held at once, so the output still
 * streams in bounded memory; the bytes are those of ng_export_json (the same element
 * writers, each chunk starting with the `first` state the serial writer has there). */

#define CHUNK_WEIGHT 8192
/* Elements over JSON_DIRECT chunks are written by the writer itself. */
#define JSON_DIRECT 16

/* About how many member lines element i of a section takes. */
static size_t element_weight(const ng_model *m, int sec, size_t i)
{
    if (sec == SEC_ENTITIES) {
        const ng_entity *e = ng_model_entity(m, i);
        return 12 + e->n_aliases + 7 * e->n_roles + 6 * e->n_mentions + 7 * e->n_references;
    }
    if (sec == SEC_EVENTS) {
        const ng_event *v = ng_model_event(m, i);
        return 14 + 5 * v->n_participants + 6 * v->n_mentions + v->n_other_dates;
    }
    if (sec == SEC_RELATIONS)
        return 9 + 6 * ng_model_relation(m, i)->n_evidence;
    return 8;
}

typedef struct {
    int sec;
    size_t from, to;
    int rendered;
    int direct; /* a huge element, written by the writer, not rendered */
    ng_buf buf; /* reused from chunk to chunk */
} jchunk;

typedef struct {
    const ng_model *m;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    jchunk *slots; /* chunk c in slots[c % window] */
    size_t window;
    size_t chunk; /* weight of a chunk */
    size_t claimed, written; /* chunks cut and handed to renderers, chunks written */
    int sec;                 /* where the next chunk starts (sec == SEC_COUNT: no more) */
    size_t pos;
    int stop;      /* a failure: renderers leave */
    int rc;        /* the first render failure, and its message */
    char msg[256];
} jpar;

/* Renderer thread: cut the next chunk (in order, under the lock), render it unlocked. */
static void *render_chunks(void *arg)
{
    jpar *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (!p->stop && p->sec < SEC_COUNT && p->claimed - p->written >= p->window)
            pthread_cond_wait(&p->cv, &p->mu);
        if (p->stop || p->sec >= SEC_COUNT)
            break;
        jchunk *c = &p->slots[p->claimed++ % p->window];
        size_t n = section_size(p->m, p->sec), to = p->pos, weight = 0;
        int direct = 0;
        while (to < n && weight < p->chunk) {
            size_t one = element_weight(p->m, p->sec, to);
            if (one > JSON_DIRECT * p->chunk) {
                /* a huge element (--max-spans raised): a chunk of its own, written by the
                 * writer straight into the output, so it is never held whole */
                direct = to == p->pos;
                to += direct;
                break;
            }
            weight += one;
            to++;
        }
        c->sec = p->sec;
        c->from = p->pos;
        c->to = to;
        c->direct = direct;
        c->rendered = direct;
        if (to >= n) { /* an empty section is a chunk too: the writer opens and closes it */
            p->sec++;
            p->pos = 0;
        } else {
            p->pos = to;
        }
        if (direct) {
            pthread_cond_broadcast(&p->cv);
            continue;
        }
        pthread_mutex_unlock(&p->mu);
        c->buf.len = 0;
        jw w = {&c->buf, 2, c->from == 0, 0};
        put_elements(&w, p->m, c->sec, c->from, c->to);
        pthread_mutex_lock(&p->mu);
        if (w.rc && !p->rc) {
            p->rc = w.rc;
            snprintf(p->msg, sizeof p->msg, "%s", ng_error_last());
            p->stop = 1;
        }
        c->rendered = 1;
        pthread_cond_broadcast(&p->cv);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

int ng_export_json_jobs(const ng_model *m, ng_buf *out, int jobs, size_t chunk)
{
    if (jobs < 2)
        return ng_export_json(m, out);
    if (jobs > 64)
        jobs = 64;
    jpar p = {0};
    pthread_t th[64];
    int started = 0;
    p.m = m;
    p.window = 4 * (size_t)jobs;
    p.chunk = chunk ? chunk : CHUNK_WEIGHT;
    p.slots = calloc(p.window, sizeof *p.slots);
    if (!p.slots)
        return ng_export_json(m, out);
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    for (int i = 0; i < jobs; i++)
        if (pthread_create(&th[started], NULL, render_chunks, &p) == 0)
            started++;
    if (!started) {
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.cv);
        free(p.slots);
        return ng_export_json(m, out);
    }
    jw w = {out, 0, 1, 0};
    put_raw(&w, "{", 1);
    w.depth = 1;
    pthread_mutex_lock(&p.mu);
    while (!w.rc && !p.rc && (p.written < p.claimed || p.sec < SEC_COUNT)) {
        jchunk *c = &p.slots[p.written % p.window];
        if (p.written >= p.claimed || !c->rendered) {
            pthread_cond_wait(&p.cv, &p.mu);
            continue;
        }
        pthread_mutex_unlock(&p.mu);
        if (c->from == 0)
            open_(&w, SECTIONS[c->sec].key, SECTIONS[c->sec].klen, '[');
        if (c->direct)
            put_elements(&w, m, c->sec, c->from, c->to);
        else if (c->buf.len && !w.rc)
            w.rc = ng_buf_put(out, c->buf.data, c->buf.len);
        if (c->to > c->from)
            w.first = 0;
        if (c->to == section_size(m, c->sec))
            close_(&w, ']');
        pthread_mutex_lock(&p.mu);
        c->rendered = 0;
        p.written++;
        pthread_cond_broadcast(&p.cv);
    }
    p.stop = 1;
    pthread_cond_broadcast(&p.cv);
    pthread_mutex_unlock(&p.mu);
    for (int i = 0; i < started; i++)
        pthread_join(th[i], NULL);
    put_raw(&w, "\n}\n", 3);
    for (size_t i = 0; i < p.window; i++)
        ng_buf_free(&p.slots[i].buf);
    free(p.slots);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    if (p.rc && !w.rc)
        return ng_error_set(p.rc, "%s", p.msg);
    return w.rc; /* its message was set where it happened (buffer cap, write error) */
}
