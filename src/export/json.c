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

static void put(jw *w, const char *s, size_t n)
{
    if (!w->rc)
        w->rc = ng_buf_put(w->b, s, n);
}

static void puts_(jw *w, const char *s) { put(w, s, strlen(s)); }

static void newline(jw *w)
{
    char sp[64];
    int n = w->depth < 63 ? w->depth : 63;
    sp[0] = '\n';
    memset(sp + 1, ' ', (size_t)n);
    put(w, sp, (size_t)n + 1);
}

/* A JSON string: quotes, backslashes and control characters escaped; bytes >= 0x80 as they
 * are (the text was made valid UTF-8 at ingest; invalid bytes are replaced by U+FFFD). */
static void str(jw *w, const char *s)
{
    if (!s) {
        puts_(w, "null");
        return;
    }
    put(w, "\"", 1);
    const unsigned char *p = (const unsigned char *)s, *run = p;
    for (; *p; p++) {
        unsigned char c = *p;
        const char *esc = NULL;
        char u[8];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\t')
            esc = "\\t";
        else if (c == '\r')
            esc = "\\r";
        else if (c < 0x20 || c == 0x7f) {
            snprintf(u, sizeof u, "\\u%04x", c);
            esc = u;
        } else if (c >= 0x80) {
            /* validate the sequence; an invalid byte becomes U+FFFD */
            int len = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
            int ok = len > 0;
            for (int k = 1; ok && k < len; k++)
                ok = (p[k] & 0xc0) == 0x80;
            if (ok && len == 3 && ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0)))
                ok = 0;
            if (ok && len == 4 && ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90)))
                ok = 0;
            if (ok) {
                p += len - 1;
                continue;
            }
            esc = "\xEF\xBF\xBD";
        } else {
            continue;
        }
        put(w, (const char *)run, (size_t)(p - run));
        puts_(w, esc);
        run = p + 1;
    }
    put(w, (const char *)run, (size_t)(p - run));
    put(w, "\"", 1);
}

/* Start a member "key": (or an array element when key is NULL). */
static void member(jw *w, const char *key)
{
    if (!w->first)
        put(w, ",", 1);
    w->first = 0;
    newline(w);
    if (key) {
        /* keys are literals without characters to escape */
        put(w, "\"", 1);
        puts_(w, key);
        put(w, "\": ", 3);
    }
}

static void open_(jw *w, const char *key, char c)
{
    member(w, key);
    put(w, &c, 1);
    w->depth++;
    w->first = 1;
}

static void close_(jw *w, char c)
{
    w->depth--;
    if (!w->first)
        newline(w);
    put(w, &c, 1);
    w->first = 0;
}

static void kv_str(jw *w, const char *key, const char *v)
{
    member(w, key);
    str(w, v);
}

static void kv_int(jw *w, const char *key, long long v)
{
    member(w, key);
    if (!w->rc)
        w->rc = ng_buf_put_int(w->b, v);
}

/* A real with 6 significant digits, always with a fraction or exponent ("1.0"). */
static void kv_real(jw *w, const char *key, double v)
{
    char b[40];
    member(w, key);
    snprintf(b, sizeof b, "%.6g", v);
    if (!strpbrk(b, ".eE") && strcmp(b, "inf") && strcmp(b, "nan"))
        strcat(b, ".0");
    puts_(w, b);
}

static void kv_id(jw *w, const char *key, char prefix, int64_t i)
{
    member(w, key);
    if (i < 0) {
        puts_(w, "null");
        return;
    }
    char b[2] = {'"', prefix};
    put(w, b, 2);
    if (!w->rc)
        w->rc = ng_buf_put_int(w->b, (long long)i + 1);
    put(w, "\"", 1);
}

static void span(jw *w, const ng_span *s)
{
    kv_id(w, "doc", 'd', s->doc);
    kv_int(w, "sentence", s->sent);
    kv_int(w, "start", s->start);
    kv_int(w, "end", s->end);
}

static const char *precision_name(ng_precision p)
{
    static const char *const n[] = {NULL, "year", "month", "week", "day", "time"};
    return p <= NG_PREC_TIME ? n[p] : NULL;
}

int ng_export_json(const ng_model *m, ng_buf *out)
{
    jw w = {out, 0, 1, 0};
    put(&w, "{", 1);
    w.depth = 1;

    open_(&w, "documents", '[');
    for (size_t i = 0; i < ng_model_n_documents(m); i++) {
        const ng_docinfo *d = ng_model_document(m, i);
        open_(&w, NULL, '{');
        kv_id(&w, "id", 'd', (int64_t)i);
        kv_str(&w, "path", d->path);
        kv_str(&w, "date", d->date);
        kv_str(&w, "date_source", d->date_source);
        kv_str(&w, "title", d->title);
        kv_str(&w, "format", d->format);
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, "entities", '[');
    for (size_t i = 0; i < ng_model_n_entities(m); i++) {
        const ng_entity *e = ng_model_entity(m, i);
        open_(&w, NULL, '{');
        kv_id(&w, "id", 'e', (int64_t)i);
        kv_str(&w, "name", e->name);
        kv_str(&w, "type", ng_type_name(e->type));
        open_(&w, "aliases", '[');
        for (size_t k = 0; k < e->n_aliases; k++)
            kv_str(&w, NULL, e->aliases[k].name);
        close_(&w, ']');
        open_(&w, "roles", '[');
        for (size_t k = 0; k < e->n_roles; k++) {
            const ng_role *r = &e->roles[k];
            open_(&w, NULL, '{');
            span(&w, &r->span);
            kv_str(&w, "title", r->title);
            kv_id(&w, "of", 'e', r->of);
            kv_str(&w, "date", r->date);
            close_(&w, '}');
        }
        close_(&w, ']');
        open_(&w, "mentions", '[');
        for (size_t k = 0; k < e->n_mentions; k++) {
            open_(&w, NULL, '{');
            span(&w, &e->mentions[k]);
            kv_real(&w, "confidence", (double)(long)(e->confidence[k] * 1000.0f + 0.5f) / 1000.0);
            close_(&w, '}');
        }
        close_(&w, ']');
        open_(&w, "references", '[');
        for (size_t k = 0; k < e->n_references; k++) {
            open_(&w, NULL, '{');
            span(&w, &e->references[k].span);
            kv_str(&w, "text", e->references[k].text);
            kv_str(&w, "rule", e->references[k].rule);
            close_(&w, '}');
        }
        close_(&w, ']');
        kv_int(&w, "mentions_total", (long long)e->n_mentions_total);
        kv_int(&w, "documents", (long long)e->n_documents);
        kv_str(&w, "first_date", e->first_date);
        kv_str(&w, "last_date", e->last_date);
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, "timexes", '[');
    for (size_t i = 0; i < ng_model_n_timexes(m); i++) {
        const ng_timex *t = ng_model_timex(m, i);
        ng_span sp = {t->doc, t->sent, t->start, t->end};
        open_(&w, NULL, '{');
        span(&w, &sp);
        kv_str(&w, "text", t->text);
        kv_str(&w, "type", t->type);
        kv_str(&w, "value", t->value);
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, "events", '[');
    for (size_t i = 0; i < ng_model_n_events(m); i++) {
        const ng_event *v = ng_model_event(m, i);
        open_(&w, NULL, '{');
        kv_id(&w, "id", 'v', (int64_t)i);
        kv_str(&w, "label", v->label);
        kv_str(&w, "kind", v->kind);
        kv_str(&w, "date", v->date);
        kv_str(&w, "precision", precision_name(v->precision));
        kv_str(&w, "date_anchor", v->date_anchor);
        kv_id(&w, "place", 'e', v->place);
        open_(&w, "participants", '[');
        for (size_t k = 0; k < v->n_participants; k++)
            kv_id(&w, NULL, 'e', (int64_t)v->participants[k].entity);
        close_(&w, ']');
        open_(&w, "participant_roles", '[');
        for (size_t k = 0; k < v->n_participants; k++) {
            open_(&w, NULL, '{');
            kv_id(&w, "entity", 'e', (int64_t)v->participants[k].entity);
            kv_str(&w, "role", v->participants[k].role);
            close_(&w, '}');
        }
        close_(&w, ']');
        open_(&w, "mentions", '[');
        for (size_t k = 0; k < v->n_mentions; k++) {
            open_(&w, NULL, '{');
            span(&w, &v->mentions[k]);
            close_(&w, '}');
        }
        close_(&w, ']');
        kv_int(&w, "mentions_total", (long long)v->n_mentions_total);
        if (v->date_conflict) {
            open_(&w, "other_dates", '[');
            for (size_t k = 0; k < v->n_other_dates; k++)
                kv_str(&w, NULL, v->other_dates[k]);
            close_(&w, ']');
        }
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, "relations", '[');
    for (size_t i = 0; i < ng_model_n_relations(m); i++) {
        const ng_relation *r = ng_model_relation(m, i);
        open_(&w, NULL, '{');
        kv_str(&w, "kind", ng_rel_kind_name(r->kind));
        kv_id(&w, "source", r->src.is_event ? 'v' : 'e', (int64_t)r->src.index);
        kv_id(&w, "target", r->dst.is_event ? 'v' : 'e', (int64_t)r->dst.index);
        kv_real(&w, "weight", r->weight);
        kv_str(&w, "label", r->label);
        open_(&w, "evidence", '[');
        for (size_t k = 0; k < r->n_evidence; k++) {
            open_(&w, NULL, '{');
            span(&w, &r->evidence[k]);
            close_(&w, '}');
        }
        close_(&w, ']');
        close_(&w, '}');
    }
    close_(&w, ']');

    open_(&w, "merges", '[');
    for (size_t i = 0; i < ng_model_n_merges(m); i++) {
        const ng_merge_log *g = ng_model_merge(m, i);
        open_(&w, NULL, '{');
        kv_id(&w, "entity", 'e', (int64_t)g->entity);
        kv_str(&w, "alias", g->alias);
        kv_str(&w, "rule", g->rule);
        kv_str(&w, "evidence", g->evidence);
        close_(&w, '}');
    }
    close_(&w, ']');
    w.depth = 0;
    newline(&w);
    put(&w, "}\n", 2);
    return w.rc; /* its message was set where it happened (buffer cap, write error) */
}
