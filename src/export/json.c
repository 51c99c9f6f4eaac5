/* json.c - the JSON contract (documents, entities, timexes, events, relations, merges)
 * through jansson, in model order. */
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>
#include "exporters.h"

/* Build "<prefix><n+1>". */
static json_t *id_of(char prefix, size_t i)
{
    char b[32];
    snprintf(b, sizeof b, "%c%zu", prefix, i + 1);
    return json_string(b);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* Set and check: jansson returns -1 on failure (allocation, invalid UTF-8). */
#define SET(obj, key, val)                                                                                         \
    do {                                                                                                           \
        if (json_object_set_new((obj), (key), (val)))                                                              \
            goto fail;                                                                                             \
    } while (0)
#define APPEND(arr, val)                                                                                           \
    do {                                                                                                           \
        if (json_array_append_new((arr), (val)))                                                                   \
            goto fail;                                                                                             \
    } while (0)

static json_t *span_json(const ng_span *s, int with_conf, float conf)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    SET(o, "doc", id_of('d', s->doc));
    SET(o, "sentence", json_integer(s->sent));
    SET(o, "start", json_integer(s->start));
    SET(o, "end", json_integer(s->end));
    if (with_conf)
        SET(o, "confidence", json_real((double)(long)(conf * 1000.0f + 0.5f) / 1000.0));
    return o;
fail:
    json_decref(o);
    return NULL;
}

static json_t *node_id(ng_node_ref r) { return id_of(r.is_event ? 'v' : 'e', r.index); }

int ng_export_json(const ng_model *m, ng_buf *out)
{
    json_t *root = json_object(), *docs = json_array(), *ents = json_array(), *tx = json_array(),
           *evs = json_array(), *rels = json_array(), *merges = json_array();
    int rc = NG_ENOMEM;
    if (!root || !docs || !ents || !tx || !evs || !rels || !merges) {
        json_decref(docs);
        json_decref(ents);
        json_decref(tx);
        json_decref(evs);
        json_decref(rels);
        json_decref(merges);
        goto fail;
    }
    SET(root, "documents", docs);
    SET(root, "entities", ents);
    SET(root, "timexes", tx);
    SET(root, "events", evs);
    SET(root, "relations", rels);
    SET(root, "merges", merges);

    for (size_t i = 0; i < ng_model_n_documents(m); i++) {
        const ng_docinfo *d = ng_model_document(m, i);
        json_t *o = json_object();
        APPEND(docs, o);
        SET(o, "id", id_of('d', i));
        SET(o, "path", json_string(d->path));
        SET(o, "date", str_or_null(d->date));
        SET(o, "date_source", str_or_null(d->date_source));
        SET(o, "title", str_or_null(d->title));
        SET(o, "format", str_or_null(d->format));
    }
    for (size_t i = 0; i < ng_model_n_entities(m); i++) {
        const ng_entity *e = ng_model_entity(m, i);
        json_t *o = json_object(), *al = json_array(), *roles = json_array(), *ms = json_array();
        APPEND(ents, o);
        SET(o, "id", id_of('e', i));
        SET(o, "name", json_string(e->name));
        SET(o, "type", json_string(ng_type_name(e->type)));
        SET(o, "aliases", al);
        SET(o, "roles", roles);
        SET(o, "mentions", ms);
        SET(o, "mentions_total", json_integer((json_int_t)e->n_mentions_total));
        SET(o, "documents", json_integer((json_int_t)e->n_documents));
        SET(o, "first_date", str_or_null(e->first_date));
        SET(o, "last_date", str_or_null(e->last_date));
        for (size_t k = 0; k < e->n_aliases; k++)
            APPEND(al, json_string(e->aliases[k].name));
        for (size_t k = 0; k < e->n_roles; k++) {
            const ng_role *r = &e->roles[k];
            json_t *ro = span_json(&r->span, 0, 0);
            APPEND(roles, ro);
            SET(ro, "title", json_string(r->title));
            SET(ro, "of", r->of >= 0 ? id_of('e', (size_t)r->of) : json_null());
            SET(ro, "date", str_or_null(r->date));
        }
        for (size_t k = 0; k < e->n_mentions; k++)
            APPEND(ms, span_json(&e->mentions[k], 1, e->confidence[k]));
    }
    for (size_t i = 0; i < ng_model_n_timexes(m); i++) {
        const ng_timex *t = ng_model_timex(m, i);
        ng_span sp = {t->doc, t->sent, t->start, t->end};
        json_t *o = span_json(&sp, 0, 0);
        APPEND(tx, o);
        SET(o, "text", json_string(t->text));
        SET(o, "type", json_string(t->type));
        SET(o, "value", json_string(t->value));
    }
    for (size_t i = 0; i < ng_model_n_events(m); i++) {
        const ng_event *v = ng_model_event(m, i);
        json_t *o = json_object(), *ps = json_array(), *pr = json_array(), *ms = json_array();
        APPEND(evs, o);
        SET(o, "id", id_of('v', i));
        SET(o, "label", json_string(v->label));
        SET(o, "kind", json_string(v->kind));
        SET(o, "date", str_or_null(v->date));
        SET(o, "date_anchor", str_or_null(v->date_anchor));
        SET(o, "place", v->place >= 0 ? id_of('e', (size_t)v->place) : json_null());
        SET(o, "participants", ps);
        SET(o, "participant_roles", pr);
        SET(o, "mentions", ms);
        for (size_t k = 0; k < v->n_participants; k++) {
            APPEND(ps, id_of('e', v->participants[k].entity));
            json_t *p = json_object();
            APPEND(pr, p);
            SET(p, "entity", id_of('e', v->participants[k].entity));
            SET(p, "role", json_string(v->participants[k].role));
        }
        for (size_t k = 0; k < v->n_mentions; k++)
            APPEND(ms, span_json(&v->mentions[k], 0, 0));
        if (v->date_conflict) {
            json_t *od = json_array();
            SET(o, "other_dates", od);
            for (size_t k = 0; k < v->n_other_dates; k++)
                APPEND(od, json_string(v->other_dates[k]));
        }
    }
    for (size_t i = 0; i < ng_model_n_relations(m); i++) {
        const ng_relation *r = ng_model_relation(m, i);
        json_t *o = json_object(), *evd = json_array();
        APPEND(rels, o);
        SET(o, "kind", json_string(ng_rel_kind_name(r->kind)));
        SET(o, "source", node_id(r->src));
        SET(o, "target", node_id(r->dst));
        SET(o, "weight", json_real(r->weight));
        SET(o, "label", str_or_null(r->label));
        SET(o, "evidence", evd);
        for (size_t k = 0; k < r->n_evidence; k++)
            APPEND(evd, span_json(&r->evidence[k], 0, 0));
    }
    for (size_t i = 0; i < ng_model_n_merges(m); i++) {
        const ng_merge_log *g = ng_model_merge(m, i);
        json_t *o = json_object();
        APPEND(merges, o);
        SET(o, "entity", id_of('e', g->entity));
        SET(o, "alias", json_string(g->alias));
        SET(o, "rule", json_string(g->rule));
        SET(o, "evidence", json_string(g->evidence));
    }
    char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    if (!s)
        goto fail;
    rc = ng_buf_puts(out, s);
    if (!rc)
        rc = ng_buf_putc(out, '\n');
    free(s);
    json_decref(root);
    return rc;
fail:
    json_decref(root);
    return ng_error_set(NG_ENOMEM, "cannot build the JSON document (out of memory or invalid text)");
}
