/* model.c - the merged model: documents are added in input order, then finish()
 * resolves surnames, drops unconfirmed weak mentions, merges events and builds the
 * relations.  Everything is ordered by first appearance; nothing depends on hash order. */
#include <stdio.h>
#include <stdlib.h>
#include "model_internal.h"

const char *ng_type_name(ng_type t)
{
    static const char *const n[] = {"PERSON", "ORG", "PLACE"};
    return t < NG_TYPE_COUNT ? n[t] : "UNKNOWN";
}

const char *ng_rel_kind_name(ng_rel_kind k)
{
    static const char *const n[] = {"role", "participant", "located-in", "co-occurrence"};
    return k <= NG_REL_COOCCUR ? n[k] : "unknown";
}

int ng_model_new(ng_model **out, const ng_model_opts *opts)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return ng_error_set(NG_ENOMEM, "out of memory");
    (*out)->max_mentions = opts && opts->max_mentions ? opts->max_mentions : 1000;
    return 0;
}

static void free_ent(ent_t *e)
{
    free(e->name);
    for (size_t i = 0; i < e->aliases.n; i++)
        free((char *)e->aliases.v[i].name);
    free(e->aliases.v);
    free(e->mentions.v);
    free(e->conf.v);
    for (size_t i = 0; i < e->roles.n; i++)
        free((char *)e->roles.v[i].title);
    free(e->roles.v);
    free(e->docs.v);
}

void ng_model_free(ng_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->docs.n; i++) {
        free((char *)m->docs.v[i].path);
        free((char *)m->docs.v[i].title);
        free((char *)m->docs.v[i].date);
        free((char *)m->docs.v[i].date_source);
        free((char *)m->docs.v[i].format);
    }
    free(m->docs.v);
    for (size_t i = 0; i < m->ents.n; i++)
        free_ent(&m->ents.v[i]);
    free(m->ents.v);
    ng_map_free(&m->by_name);
    for (size_t i = 0; i < m->evs.n; i++) {
        ev_t *e = &m->evs.v[i];
        free(e->label);
        free(e->kind);
        free(e->date);
        free(e->parts.v);
        free(e->mentions.v);
        for (size_t k = 0; k < e->other_dates.n; k++)
            free(e->other_dates.v[k]);
        free(e->other_dates.v);
    }
    free(m->evs.v);
    for (size_t i = 0; i < m->rels.n; i++)
        free(m->rels.v[i].evidence.v);
    free(m->rels.v);
    ng_map_free(&m->rel_index);
    for (size_t i = 0; i < m->timexes.n; i++) {
        free((char *)m->timexes.v[i].text);
        free((char *)m->timexes.v[i].type);
        free((char *)m->timexes.v[i].value);
    }
    free(m->timexes.v);
    for (size_t i = 0; i < m->merges.n; i++) {
        free((char *)m->merges.v[i].alias);
        free((char *)m->merges.v[i].evidence);
    }
    free(m->merges.v);
    free(m->view_ents);
    free(m->view_evs);
    free(m->view_rels);
    free(m->view_parts);
    free(m->ent_order);
    free(m->ev_order);
    free(m);
}

/* Find or create the entity called `name`. */
static int entity_for(ng_model *m, const char *name, ng_type type, size_t *idx)
{
    if (ng_map_get(&m->by_name, name, strlen(name), idx))
        return 0;
    ent_t e = {0};
    e.name = ng_strdup(name);
    e.redirect = m->ents.n;
    e.first_type = type;
    if (!e.name || ng_vec_push(m->ents, e)) {
        free(e.name);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    *idx = m->ents.n - 1;
    return ng_map_put(&m->by_name, name, strlen(name), *idx);
}

static int add_alias(ent_t *e, const char *name, const char *rule)
{
    if (strcmp(name, e->name) == 0)
        return 0;
    for (size_t i = 0; i < e->aliases.n; i++)
        if (strcmp(e->aliases.v[i].name, name) == 0)
            return 0;
    ng_alias a = {ng_strdup(name), rule};
    if (!a.name || ng_vec_push(e->aliases, a)) {
        free((char *)a.name);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    return 0;
}

static int add_doc(ent_t *e, uint32_t doc)
{
    for (size_t i = e->docs.n; i-- > 0;)
        if (e->docs.v[i] == doc)
            return 0;
    return ng_vec_push(e->docs, doc);
}

static int add_span(ng_model *m, ent_t *e, ng_span sp, float conf)
{
    e->total++;
    if (e->mentions.n >= m->max_mentions)
        return 0;
    if (ng_vec_push(e->mentions, sp) || ng_vec_push(e->conf, conf))
        return ng_error_set(NG_ENOMEM, "out of memory");
    return 0;
}

/* Add (or strengthen) relation kind between two nodes. */
static int add_rel(ng_model *m, ng_rel_kind kind, ng_node_ref a, ng_node_ref b, const char *label, ng_span ev)
{
    char key[128];
    snprintf(key, sizeof key, "%d:%d:%zu:%d:%zu:%s", (int)kind, a.is_event, a.index, b.is_event, b.index,
             label ? label : "");
    size_t idx;
    if (!ng_map_get(&m->rel_index, key, strlen(key), &idx)) {
        rel_t r = {0};
        r.kind = kind;
        r.src = a;
        r.dst = b;
        r.label = label;
        if (ng_vec_push(m->rels, r))
            return ng_error_set(NG_ENOMEM, "out of memory");
        idx = m->rels.n - 1;
        if (ng_map_put(&m->rel_index, key, strlen(key), idx))
            return NG_ENOMEM;
    }
    rel_t *r = &m->rels.v[idx];
    r->weight += 1.0;
    if (r->evidence.n < 20 && ng_vec_push(r->evidence, ev))
        return ng_error_set(NG_ENOMEM, "out of memory");
    return 0;
}

int ng_model_add(ng_model *m, const ng_doc_result *r)
{
    int rc = 0;
    uint32_t d = (uint32_t)m->docs.n;
    ng_docinfo di = {ng_strdup(r->path ? r->path : "-"), r->title ? ng_strdup(r->title) : NULL,
                     r->date ? ng_strdup(r->date) : NULL, r->date_source ? ng_strdup(r->date_source) : NULL,
                     ng_strdup(r->format ? r->format : "text")};
    if (!di.path || ng_vec_push(m->docs, di))
        return ng_error_set(NG_ENOMEM, "out of memory");
    size_t *ment_ent = malloc((r->mentions.n + 1) * sizeof *ment_ent);
    if (!ment_ent)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *mt = &r->mentions.v[i];
        size_t ei;
        if ((rc = entity_for(m, mt->canon, mt->type, &ei)))
            goto done;
        ent_t *e = &m->ents.v[ei];
        ment_ent[i] = ei;
        ng_span sp = {d, mt->sent, mt->start, mt->end};
        if ((rc = add_span(m, e, sp, mt->conf)) || (rc = add_doc(e, d)))
            goto done;
        e->votes[mt->type] += mt->conf;
        if (mt->conf >= NG_MODEL_WEAK)
            e->confirmed = 1;
        if (strcmp(mt->text, mt->canon) != 0 && (rc = add_alias(e, mt->text, "variant")))
            goto done;
    }
    /* roles */
    for (size_t i = 0; i < r->roles.n; i++) {
        const ng_role_m *ro = &r->roles.v[i];
        size_t pe = ment_ent[ro->person];
        int64_t of = -1;
        if (ro->of >= 0) {
            of = (int64_t)ment_ent[ro->of];
        } else if (ro->of_name) {
            size_t oi;
            if ((rc = entity_for(m, ro->of_name, ro->of_type, &oi)))
                goto done;
            m->ents.v[oi].referenced = 1;
            m->ents.v[oi].votes[ro->of_type] += 0.5f;
            of = (int64_t)oi;
        }
        ent_t *e = &m->ents.v[pe];
        int dup = 0;
        for (size_t k = 0; k < e->roles.n; k++)
            dup |= strcmp(e->roles.v[k].title, ro->title) == 0 && e->roles.v[k].of == of;
        if (dup)
            continue;
        ng_role role = {ng_strdup(ro->title), of, m->docs.v[d].date, {d, ro->sent, ro->start, ro->end}};
        if (!role.title || ng_vec_push(e->roles, role)) {
            free((char *)role.title);
            rc = ng_error_set(NG_ENOMEM, "out of memory");
            goto done;
        }
        e->confirmed = 1;
    }
    /* timexes */
    for (size_t i = 0; i < r->timexes.n; i++) {
        const ng_timex_m *x = &r->timexes.v[i];
        ng_timex t = {d, x->sent, x->start, x->end, ng_strdup(x->text), ng_strdup(x->type), ng_strdup(x->value)};
        if (!t.text || !t.type || !t.value || ng_vec_push(m->timexes, t)) {
            free((char *)t.text);
            free((char *)t.type);
            free((char *)t.value);
            rc = ng_error_set(NG_ENOMEM, "out of memory");
            goto done;
        }
    }
    /* events */
    for (size_t i = 0; i < r->events.n; i++) {
        const ng_event_m *ev = &r->events.v[i];
        ev_t e = {0};
        e.kind = ng_strdup(ev->kind);
        e.label = ng_strdup(ev->label);
        e.place = ev->place >= 0 ? (int64_t)ment_ent[ev->place] : -1;
        e.anchor_doc = d;
        if (ev->timex >= 0)
            e.date = ng_strdup(r->timexes.v[ev->timex].value);
        e.first = m->evs.n;
        ng_span sp = {d, ev->sent, ev->start, ev->end};
        if (!e.kind || !e.label || ng_vec_push(e.mentions, sp)) {
            rc = NG_ENOMEM;
            goto ev_fail;
        }
        for (size_t k = 0; k < ev->parts.n; k++) {
            part_t p = {ment_ent[ev->parts.v[k].mention], {0}};
            snprintf(p.role, sizeof p.role, "%s", ev->parts.v[k].role);
            int dup = 0;
            for (size_t q = 0; q < e.parts.n; q++)
                dup |= e.parts.v[q].ent == p.ent;
            if (!dup && ng_vec_push(e.parts, p)) {
                rc = NG_ENOMEM;
                goto ev_fail;
            }
        }
        if (ng_vec_push(m->evs, e)) {
            rc = NG_ENOMEM;
            goto ev_fail;
        }
        continue;
    ev_fail:
        free(e.kind);
        free(e.label);
        free(e.date);
        free(e.parts.v);
        free(e.mentions.v);
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    /* co-occurrence within a sentence (first 24 mentions of a sentence) */
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *a = &r->mentions.v[i];
        if (a->conf < NG_MODEL_WEAK)
            continue;
        for (size_t k = i + 1; k < r->mentions.n && r->mentions.v[k].sent == a->sent && k - i < 24; k++) {
            const ng_mention *b = &r->mentions.v[k];
            if (b->conf < NG_MODEL_WEAK || ment_ent[i] == ment_ent[k])
                continue;
            size_t x = ment_ent[i] < ment_ent[k] ? ment_ent[i] : ment_ent[k];
            size_t y = ment_ent[i] < ment_ent[k] ? ment_ent[k] : ment_ent[i];
            ng_node_ref na = {0, x}, nb = {0, y};
            ng_span sp = {d, a->sent, a->start, b->end};
            if ((rc = add_rel(m, NG_REL_COOCCUR, na, nb, NULL, sp)))
                goto done;
        }
    }
done:
    free(ment_ent);
    return rc;
}

/* Accessors. */
size_t ng_model_n_documents(const ng_model *m) { return m->docs.n; }
const ng_docinfo *ng_model_document(const ng_model *m, size_t i) { return i < m->docs.n ? &m->docs.v[i] : NULL; }
size_t ng_model_n_entities(const ng_model *m) { return m->n_view_ents; }
const ng_entity *ng_model_entity(const ng_model *m, size_t i) { return i < m->n_view_ents ? &m->view_ents[i] : NULL; }
size_t ng_model_n_events(const ng_model *m) { return m->n_view_evs; }
const ng_event *ng_model_event(const ng_model *m, size_t i) { return i < m->n_view_evs ? &m->view_evs[i] : NULL; }
size_t ng_model_n_relations(const ng_model *m) { return m->n_view_rels; }
const ng_relation *ng_model_relation(const ng_model *m, size_t i)
{
    return i < m->n_view_rels ? &m->view_rels[i] : NULL;
}
size_t ng_model_n_timexes(const ng_model *m) { return m->timexes.n; }
const ng_timex *ng_model_timex(const ng_model *m, size_t i) { return i < m->timexes.n ? &m->timexes.v[i] : NULL; }
size_t ng_model_n_merges(const ng_model *m) { return m->merges.n; }
const ng_merge_log *ng_model_merge(const ng_model *m, size_t i) { return i < m->merges.n ? &m->merges.v[i] : NULL; }
