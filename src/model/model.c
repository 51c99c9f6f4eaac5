/* model.c - the merged model: documents are added in input order (with the document's
 * own coreference applied: a surname after the full name is that person, "the talks"
 * is the event it refers back to), then finish() (merge.c) resolves cross-document
 * merges, drops unconfirmed weak mentions, merges events and builds the relations.
 * Everything is ordered by first appearance; nothing depends on hash order. */
#include <stdio.h>
#include <stdlib.h>
#include "memo.h"
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

const char *ng_precision_name(ng_precision p)
{
    static const char *const n[] = {"none", "year", "month", "week", "day", "time"};
    return p <= NG_PREC_TIME ? n[p] : "none";
}

int ng_model_new(ng_model **out, const ng_model_opts *opts)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return ng_error_set(NG_ENOMEM, "out of memory");
    (*out)->max_mentions = opts && opts->max_mentions ? opts->max_mentions : 1000;
    pthread_mutex_init(&(*out)->memo.mu, NULL);
    if (opts && opts->aliases_path) {
        int rc = ng_model_load_aliases(*out, opts->aliases_path);
        if (rc) {
            ng_model_free(*out);
            *out = NULL;
            return rc;
        }
    }
    return 0;
}

const char *ng_model_intern(ng_model *m, const char *s)
{
    size_t n = strlen(s), v;
    uint64_t h = ng_hash(s, n); /* once for the lookup and the insert */
    if (ng_map_get_h(&m->pool.index, s, n, h, &v))
        return (const char *)(uintptr_t)v; /* the copy itself: no second array to read */
    char *c = ng_arena_strndup(&m->pool.strs, s, n);
    if (!c || ng_map_put_h(&m->pool.index, s, n, h, (size_t)(uintptr_t)c)) {
        ng_error_set(NG_ENOMEM, "out of memory");
        return NULL; /* c (if any) stays in the arena until the model is freed */
    }
    return c;
}

static void pool_free(strpool_t *p)
{
    ng_arena_free(&p->strs);
    ng_map_free(&p->index);
}

/* Free what an entity owns. */
static void free_ent(ent_t *e)
{
    free(e->name);
    for (size_t i = 0; i < e->aliases.n; i++)
        free((char *)e->aliases.v[i].name);
    free(e->aliases.v);
    free(e->ments.v);
    free(e->spans);
    free(e->conf);
    for (size_t i = 0; i < e->roles.n; i++)
        free((char *)e->roles.v[i].title);
    free(e->roles.v);
    free(e->docs.v);
    free(e->refs.v); /* texts pooled */
}

void ng_model_memo_drop(ng_model *m)
{
    ng_model_memo_set_obj(m, NULL, NULL);
}

void *ng_model_memo_obj(const ng_model *m)
{
    memo_t *mo = (memo_t *)&m->memo; /* the memo is not part of what the model says */
    pthread_mutex_lock(&mo->mu);
    void *p = mo->obj;
    pthread_mutex_unlock(&mo->mu);
    return p;
}

void ng_model_memo_set_obj(const ng_model *m, void *obj, void (*obj_free)(void *))
{
    memo_t *mo = (memo_t *)&m->memo;
    pthread_mutex_lock(&mo->mu);
    void *old = mo->obj;
    void (*old_free)(void *) = mo->obj_free;
    mo->obj = obj;
    mo->obj_free = obj_free;
    pthread_mutex_unlock(&mo->mu);
    if (old && old != obj) /* outside the lock: the destructor may take locks of its own */
        old_free(old);
}

void ng_model_free(ng_model *m)
{
    if (!m)
        return;
    ng_model_memo_drop(m);
    pthread_mutex_destroy(&m->memo.mu);
    for (size_t i = 0; i < m->docs.n; i++) {
        free((char *)m->docs.v[i].path);
        free((char *)m->docs.v[i].title); /* date, date_source, format pooled */
    }
    free(m->docs.v);
    for (size_t i = 0; i < m->ents.n; i++)
        free_ent(&m->ents.v[i]);
    free(m->ents.v);
    ng_map_free(&m->by_name);
    for (size_t i = 0; i < m->evs.n; i++) {
        ev_t *e = &m->evs.v[i];
        free(e->parts.v); /* strings pooled */
        free(e->mentions.v);
        free(e->other_dates.v);
    }
    free(m->evs.v);
    for (size_t i = 0; i < m->rels.n; i++)
        free(m->rels.v[i].evidence.v);
    free(m->rels.v);
    for (size_t i = 0; i < m->ev_owned.n; i++)
        free(m->ev_owned.v[i]);
    free(m->ev_owned.v);
    ng_keymap_free(&m->rel_index);
    free(m->timexes.v); /* strings pooled */
    for (size_t i = 0; i < m->merges.n; i++) {
        free((char *)m->merges.v[i].alias);
        free((char *)m->merges.v[i].evidence);
    }
    free(m->merges.v);
    ng_map_free(&m->merge_seen);
    for (size_t i = 0; i < m->acronyms.n; i++)
        free(m->acronyms.v[i].acr);
    free(m->acronyms.v);
    ng_aliases_free(m);
    free(m->view_ents);
    free(m->view_evs);
    free(m->view_rels);
    free(m->view_parts);
    free(m->since);
    free(m->until);
    free(m->ent_order);
    free(m->ev_order);
    pool_free(&m->pool);
    free(m);
}

/* ng_model_entity_for() with the name's length and hash known. */
static int entity_for_h(ng_model *m, const char *name, size_t len, uint64_t h, ng_type type, size_t *idx)
{
    if (ng_map_get_h(&m->by_name, name, len, h, idx))
        return 0;
    ent_t e = {0};
    e.name = ng_strndup(name, len);
    e.redirect = m->ents.n;
    e.first_type = type;
    if (!e.name || ng_vec_push(m->ents, e)) {
        free(e.name);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    *idx = m->ents.n - 1;
    return ng_map_put_h(&m->by_name, name, len, h, *idx);
}

int ng_model_entity_for(ng_model *m, const char *name, ng_type type, size_t *idx)
{
    size_t len = strlen(name);
    return entity_for_h(m, name, len, ng_hash(name, len), type, idx);
}

int ng_model_add_alias(ent_t *e, const char *name, const char *rule)
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

int ng_model_log_merge(ng_model *m, size_t into, const char *alias, const char *rule, const char *evidence)
{
    ng_buf k = {0};
    int rc = ng_buf_printf(&k, "%zu\x1f%s\x1f%s", into, alias, rule);
    if (rc || ng_map_get(&m->merge_seen, k.data, k.len, NULL) ||
        (rc = ng_map_put(&m->merge_seen, k.data, k.len, 1))) {
        ng_buf_free(&k);
        return rc ? ng_error_set(NG_ENOMEM, "out of memory") : 0;
    }
    ng_buf_free(&k);
    ng_merge_log l = {into, ng_strdup(alias), rule, ng_strdup(evidence)};
    if (!l.alias || !l.evidence || ng_vec_push(m->merges, l)) {
        free((char *)l.alias);
        free((char *)l.evidence);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    return 0;
}

int ng_model_same_title(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a, y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* Mentions ahead whose records ng_model_add() fetches (half as far for what the
 * records point at). */
#define MODEL_AHEAD 8

/* Record that entity e appears in document doc (documents come in increasing order). */
static int add_doc(ent_t *e, uint32_t doc)
{
    if (e->docs.n && e->docs.v[e->docs.n - 1] >= doc)
        return 0;
    return ng_vec_push(e->docs, doc);
}

/* Keep a mention span (capped) and count it. */
static int add_span(ng_model *m, ent_t *e, ng_span sp, float conf)
{
    e->total++;
    if (e->ments.n >= m->max_mentions)
        return 0;
    ment_t mt = {sp, conf};
    return ng_vec_push(e->ments, mt) ? ng_error_set(NG_ENOMEM, "out of memory") : 0;
}

/* Attach a reference (description, demonym) to entity e (capped). */
static int add_ref(ng_model *m, ent_t *e, ng_span sp, const char *text, const char *rule)
{
    if (e->refs.n >= m->max_mentions)
        return 0;
    ng_reference f = {sp, ng_model_intern(m, text), strcmp(rule, "demonym") == 0 ? "demonym" : "description"};
    if (!f.text || ng_vec_push(e->refs, f))
        return ng_error_set(NG_ENOMEM, "out of memory");
    return 0;
}

/* Add (or strengthen) the co-occurrence of entities x < y. */
static int add_cooccur(ng_model *m, size_t x, size_t y, ng_span ev)
{
    if (x >= UINT32_MAX || y >= UINT32_MAX)
        return ng_error_set(NG_ETOOBIG, "more than 4 billion entities");
    uint64_t key = (uint64_t)x << 32 | (uint64_t)y;
    size_t idx;
    if (!ng_keymap_get(&m->rel_index, key, &idx)) {
        rel_t r = {0};
        r.kind = NG_REL_COOCCUR;
        r.src = (ng_node_ref){0, x};
        r.dst = (ng_node_ref){0, y};
        if (ng_vec_push(m->rels, r))
            return ng_error_set(NG_ENOMEM, "out of memory");
        idx = m->rels.n - 1;
        if (ng_keymap_put(&m->rel_index, key, idx))
            return NG_ENOMEM;
    }
    rel_t *r = &m->rels.v[idx];
    r->weight += 1.0;
    if (r->evidence.n < 20 && ng_vec_push(r->evidence, ev))
        return ng_error_set(NG_ENOMEM, "out of memory");
    return 0;
}

/* The mention whose canonical name each mention of r resolves to: itself, or (a surname
 * within its document, found on the extraction side: ng_doc_result_resolve) the full name
 * of the person, unless the user said never to merge the two; why[i] tells which rule
 * ('f', 'o') or 0.  A result not resolved yet (built by hand) is resolved here. */
static int resolve_targets(const ng_model *m, const ng_doc_result *r, const ng_mention **target, char *why)
{
    uint32_t *pick = NULL;
    if (!r->resolved) {
        pick = malloc((r->mentions.n + 1) * sizeof *pick);
        int rc = pick ? ng_surnames_find(r, pick, why) : ng_error_set(NG_ENOMEM, "out of memory");
        if (rc) {
            free(pick);
            return rc;
        }
    }
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *mt = &r->mentions.v[i];
        uint32_t p = pick ? pick[i] : mt->surname_of;
        target[i] = mt;
        if (!pick)
            why[i] = mt->surname_rule;
        if (p && p <= r->mentions.n && !ng_aliases_never(m, mt->canon, r->mentions.v[p - 1].canon))
            target[i] = &r->mentions.v[p - 1];
        else
            why[i] = 0;
    }
    free(pick);
    return 0;
}

int ng_model_event_mention(const ng_model *m, ev_t *e, ng_span sp)
{
    e->total++;
    if (e->mentions.n >= m->max_mentions)
        return 0;
    return ng_vec_push(e->mentions, sp) ? ng_error_set(NG_ENOMEM, "out of memory") : 0;
}

/* Add the participants of event ev of result r to model event e. */
static int add_parts(ng_model *m, ev_t *e, const ng_doc_result *r, const ng_event_m *ev, const size_t *ment_ent)
{
    for (size_t k = 0; k < ev->parts.n; k++) {
        const ng_part_m *pm = &ev->parts.v[k];
        part_t p = {0, {0}};
        if (pm->mention >= 0 && (size_t)pm->mention < r->mentions.n) {
            p.ent = ment_ent[pm->mention];
        } else if (pm->mention < 0 && pm->name[0]) {
            /* a country named by a demonym: dropped at finish unless it is named somewhere */
            int rc = ng_model_entity_for(m, pm->name, NG_PLACE, &p.ent);
            if (rc)
                return rc;
        } else {
            continue;
        }
        ng_copy_str(p.role, sizeof p.role, pm->role);
        int dup = 0;
        for (size_t q = 0; q < e->parts.n && !dup; q++)
            if (e->parts.v[q].ent == p.ent) {
                dup = 1;
                if (strcmp(e->parts.v[q].role, "party") == 0)
                    memcpy(e->parts.v[q].role, p.role, sizeof p.role);
            }
        if (!dup && ng_vec_push(e->parts, p))
            return ng_error_set(NG_ENOMEM, "out of memory");
    }
    return 0;
}

/* The document's events: new model events, or more evidence for the event they refer back to. */
static int add_events(ng_model *m, const ng_doc_result *r, uint32_t d, const size_t *ment_ent)
{
    int rc = 0;
    size_t *evidx = malloc((r->events.n + 1) * sizeof *evidx);
    if (!evidx)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < r->events.n; i++) {
        const ng_event_m *ev = &r->events.v[i];
        ng_span sp = {d, ev->sent, ev->start, ev->end};
        if (ev->antecedent && ev->antecedent - 1 < i) {
            /* "the talks": one more mention of an earlier event of this document */
            size_t t = evidx[ev->antecedent - 1];
            ev_t *a = &m->evs.v[t];
            evidx[i] = t;
            if ((rc = ng_model_event_mention(m, a, sp)))
                goto done;
            if ((rc = add_parts(m, a, r, ev, ment_ent)))
                goto done;
            continue;
        }
        ev_t e = {0};
        e.kind = ng_model_intern(m, ev->kind);
        e.label = ng_model_intern(m, ev->label ? ev->label : ev->kind);
        e.place = ev->place >= 0 && (size_t)ev->place < r->mentions.n ? (int64_t)ment_ent[ev->place] : -1;
        e.anchor_doc = d;
        if (ev->timex >= 0 && (size_t)ev->timex < r->timexes.n)
            e.date = ng_model_intern(m, r->timexes.v[ev->timex].value);
        e.first = m->evs.n;
        if (!e.kind || !e.label || (ev->timex >= 0 && (size_t)ev->timex < r->timexes.n && !e.date) ||
            (rc = ng_model_event_mention(m, &e, sp)) || (rc = add_parts(m, &e, r, ev, ment_ent)) ||
            ng_vec_push(m->evs, e)) {
            free(e.parts.v);
            free(e.mentions.v);
            rc = rc ? rc : ng_error_set(NG_ENOMEM, "out of memory");
            goto done;
        }
        evidx[i] = m->evs.n - 1;
    }
done:
    free(evidx);
    return rc;
}

/* Roles of the document, on the persons' entities. */
static int add_roles(ng_model *m, const ng_doc_result *r, uint32_t d, const size_t *ment_ent)
{
    int rc;
    for (size_t i = 0; i < r->roles.n; i++) {
        const ng_role_m *ro = &r->roles.v[i];
        if (ro->person < 0 || (size_t)ro->person >= r->mentions.n)
            continue;
        size_t pe = ment_ent[ro->person];
        int64_t of = -1;
        if (ro->of >= 0 && (size_t)ro->of < r->mentions.n) {
            of = (int64_t)ment_ent[ro->of];
        } else if (ro->of_name) {
            size_t oi;
            if ((rc = ng_model_entity_for(m, ro->of_name, ro->of_type, &oi)))
                return rc;
            m->ents.v[oi].referenced = 1;
            m->ents.v[oi].votes[ro->of_type] += 0.5f;
            of = (int64_t)oi;
        }
        ent_t *e = &m->ents.v[pe];
        e->confirmed = 1;
        if (e->roles.n >= m->max_mentions)
            continue; /* capped like provenance */
        int dup = 0;
        for (size_t k = 0; k < e->roles.n; k++)
            dup |= ng_model_same_title(e->roles.v[k].title, ro->title) && e->roles.v[k].of == of;
        if (dup)
            continue;
        ng_role role = {ng_strdup(ro->title), of, m->docs.v[d].date, {d, ro->sent, ro->start, ro->end}};
        if (!role.title || ng_vec_push(e->roles, role)) {
            free((char *)role.title);
            return ng_error_set(NG_ENOMEM, "out of memory");
        }
    }
    return 0;
}

/* References (descriptions, demonyms) and acronyms of the document. */
static int add_refs(ng_model *m, const ng_doc_result *r, uint32_t d, const size_t *ment_ent)
{
    int rc;
    for (size_t i = 0; i < r->refs.n; i++) {
        const ng_ref_m *f = &r->refs.v[i];
        ng_span sp = {d, f->sent, f->start, f->end};
        size_t ei;
        if (strcmp(f->rule, "acronym") == 0) {
            if (f->mention < 0 || (size_t)f->mention >= r->mentions.n || !f->name[0])
                continue;
            acr_t a = {ment_ent[f->mention], ng_strdup(f->name), d};
            if (!a.acr || ng_vec_push(m->acronyms, a)) {
                free(a.acr);
                return ng_error_set(NG_ENOMEM, "out of memory");
            }
            continue;
        }
        if (f->mention >= 0 && (size_t)f->mention < r->mentions.n)
            ei = ment_ent[f->mention];
        else if (f->mention < 0 && f->name[0]) {
            if ((rc = ng_model_entity_for(m, f->name, NG_PLACE, &ei)))
                return rc;
        } else
            continue;
        if ((rc = add_ref(m, &m->ents.v[ei], sp, f->text, f->rule)))
            return rc;
    }
    return 0;
}

int ng_model_add(ng_model *m, const ng_doc_result *r)
{
    int rc = 0;
    if (m->finished)
        return ng_error_set(NG_EINVAL, "model already finished");
    if (m->memo.obj) /* an export of the unfinished model */
        ng_model_memo_drop(m);
    uint32_t d = (uint32_t)m->docs.n;
    ng_docinfo di = {ng_strdup(r->path ? r->path : "-"), r->title ? ng_strdup(r->title) : NULL,
                     r->date ? ng_model_intern(m, r->date) : NULL,
                     r->date_source ? ng_model_intern(m, r->date_source) : NULL,
                     ng_model_intern(m, r->format ? r->format : "text")};
    if (!di.path || !di.format || (r->title && !di.title) || (r->date && !di.date) ||
        (r->date_source && !di.date_source) || ng_vec_push(m->docs, di)) {
        free((char *)di.path);
        free((char *)di.title);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    size_t *ment_ent = malloc((r->mentions.n + 1) * sizeof *ment_ent);
    const ng_mention **target = malloc((r->mentions.n + 1) * sizeof *target);
    char *why = malloc(r->mentions.n + 1);
    if (!ment_ent || !target || !why) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = resolve_targets(m, r, target, why)))
        goto done;
    /* The entities of the mentions first (created in the same order as one loop would),
     * then what each mention adds to its entity: in a large model every name lookup and
     * every entity is a cache miss, and with the indices (or hashes) known ahead the
     * records of the next mentions are fetched while this one is handled. */
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *mt = &r->mentions.v[i];
        const ng_mention *tm = target[i];
        if (r->resolved) {
            if (i + MODEL_AHEAD < r->mentions.n)
                ng_map_prefetch_h(&m->by_name, target[i + MODEL_AHEAD]->canon_hash, 0);
            if (i + MODEL_AHEAD / 2 < r->mentions.n)
                ng_map_prefetch_h(&m->by_name, target[i + MODEL_AHEAD / 2]->canon_hash, 1);
        }
        if ((rc = r->resolved ? entity_for_h(m, tm->canon, tm->canon_len, tm->canon_hash, mt->type, &ment_ent[i])
                              : ng_model_entity_for(m, tm->canon, mt->type, &ment_ent[i])))
            goto done;
    }
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *mt = &r->mentions.v[i];
        const ng_mention *tm = target[i];
        if (i + MODEL_AHEAD < r->mentions.n) {
            const char *next = (const char *)&m->ents.v[ment_ent[i + MODEL_AHEAD]];
            __builtin_prefetch(next);
            __builtin_prefetch(next + 64);
        }
        if (i + MODEL_AHEAD / 2 < r->mentions.n) {
            const ent_t *next = &m->ents.v[ment_ent[i + MODEL_AHEAD / 2]];
            if (next->ments.v)
                __builtin_prefetch(next->ments.v + next->ments.n);
            if (next->docs.n)
                __builtin_prefetch(next->docs.v + next->docs.n - 1);
        }
        size_t ei = ment_ent[i];
        ent_t *e = &m->ents.v[ei];
        ng_span sp = {d, mt->sent, mt->start, mt->end};
        if ((rc = add_span(m, e, sp, mt->conf)) || (rc = add_doc(e, d)))
            goto done;
        if (tm != mt) {
            /* a surname resolved to the full name of the document */
            e->votes[NG_PERSON] += mt->conf;
            char ev[512];
            if (why[i] == 'f')
                snprintf(ev, sizeof ev, "'%s' follows '%s' in %s", mt->canon, tm->canon, m->docs.v[d].path);
            else
                snprintf(ev, sizeof ev, "'%s' is the last word of '%s', the only such person in %s", mt->canon,
                         tm->canon, m->docs.v[d].path);
            if ((rc = ng_model_add_alias(e, mt->canon, "surname")) ||
                (rc = ng_model_log_merge(m, ei, mt->canon, "surname", ev)))
                goto done;
        } else {
            e->votes[mt->type] += mt->conf;
        }
        if (mt->conf >= NG_MODEL_WEAK)
            e->confirmed = 1;
        if (strcmp(mt->text, mt->canon) != 0 && (rc = ng_model_add_alias(e, mt->text, "variant")))
            goto done;
    }
    if ((rc = add_roles(m, r, d, ment_ent)))
        goto done;
    /* timexes */
    for (size_t i = 0; i < r->timexes.n; i++) {
        const ng_timex_m *x = &r->timexes.v[i];
        ng_timex t = {d, x->sent, x->start, x->end, ng_model_intern(m, x->text ? x->text : ""),
                      ng_model_intern(m, x->type), ng_model_intern(m, x->value)};
        if (!t.text || !t.type || !t.value || ng_vec_push(m->timexes, t)) {
            rc = ng_error_set(NG_ENOMEM, "out of memory");
            goto done;
        }
    }
    if ((rc = add_events(m, r, d, ment_ent)) || (rc = add_refs(m, r, d, ment_ent)))
        goto done;
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
            ng_span sp = {d, a->sent, a->start, b->end};
            if ((rc = add_cooccur(m, x, y, sp)))
                goto done;
        }
    }
done:
    free(ment_ent);
    free(target);
    free(why);
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
