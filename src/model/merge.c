/* merge.c - ng_model_finish(): surname -> full name merging, dropping unconfirmed weak
 * names, event merging and chronological order, relations and the read-only views. */
#include <stdio.h>
#include <stdlib.h>
#include "model_internal.h"

static size_t resolve(const ng_model *m, size_t i)
{
    while (m->ents.v[i].redirect != i)
        i = m->ents.v[i].redirect;
    return i;
}

static int is_person(const ent_t *e)
{
    return e->votes[NG_PERSON] >= e->votes[NG_ORG] && e->votes[NG_PERSON] >= e->votes[NG_PLACE] &&
           e->votes[NG_PERSON] > 0;
}

/* The last word of a name. */
static const char *last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

static int shares_doc(const ent_t *a, const ent_t *b)
{
    for (size_t i = 0; i < a->docs.n; i++)
        for (size_t k = 0; k < b->docs.n; k++)
            if (a->docs.v[i] == b->docs.v[k])
                return 1;
    return 0;
}

static int log_merge(ng_model *m, size_t into, const char *alias, const char *rule, const char *evidence)
{
    ng_merge_log l = {into, ng_strdup(alias), rule, ng_strdup(evidence)};
    if (!l.alias || !l.evidence || ng_vec_push(m->merges, l)) {
        free((char *)l.alias);
        free((char *)l.evidence);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    return 0;
}

/* Move everything of entity `from` into `into`. */
static int merge_into(ng_model *m, size_t from, size_t into, const char *rule)
{
    ent_t *a = &m->ents.v[into], *b = &m->ents.v[from];
    int rc = 0;
    for (size_t i = 0; i < b->mentions.n && !rc; i++) {
        if (a->mentions.n < m->max_mentions) {
            if (ng_vec_push(a->mentions, b->mentions.v[i]) || ng_vec_push(a->conf, b->conf.v[i]))
                rc = NG_ENOMEM;
        }
    }
    a->total += b->total;
    for (size_t i = 0; i < b->docs.n && !rc; i++) {
        int seen = 0;
        for (size_t k = 0; k < a->docs.n; k++)
            seen |= a->docs.v[k] == b->docs.v[i];
        if (!seen && ng_vec_push(a->docs, b->docs.v[i]))
            rc = NG_ENOMEM;
    }
    for (size_t i = 0; i < b->roles.n && !rc; i++) {
        if (ng_vec_push(a->roles, b->roles.v[i]))
            rc = NG_ENOMEM;
    }
    b->roles.n = 0;
    for (int t = 0; t < NG_TYPE_COUNT; t++)
        a->votes[t] += b->votes[t];
    a->confirmed |= b->confirmed;
    a->referenced |= b->referenced;
    b->redirect = into;
    if (rc)
        return ng_error_set(NG_ENOMEM, "out of memory");
    /* aliases: b's name and b's aliases */
    ng_alias al = {ng_strdup(b->name), rule};
    if (!al.name || ng_vec_push(a->aliases, al)) {
        free((char *)al.name);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < b->aliases.n; i++) {
        if (ng_vec_push(a->aliases, b->aliases.v[i]))
            return ng_error_set(NG_ENOMEM, "out of memory");
    }
    b->aliases.n = 0;
    char ev[256];
    snprintf(ev, sizeof ev, "'%s' is the last word of '%s', the only such %s", b->name, a->name,
             strcmp(rule, "surname") == 0 ? "person" : "name");
    return log_merge(m, into, b->name, rule, ev);
}

/* Single-word names that are the surname of exactly one full name become its aliases. */
static int merge_surnames(ng_model *m)
{
    ng_map last = {0}; /* last word -> index+1 of the unique full name, or 0 when ambiguous */
    int rc = 0;
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        if (!strchr(e->name, ' ') || !is_person(e) || !e->confirmed)
            continue;
        const char *lw = last_word(e->name);
        size_t v;
        if (ng_map_get(&last, lw, strlen(lw), &v))
            rc = ng_map_put(&last, lw, strlen(lw), 0); /* ambiguous */
        else
            rc = ng_map_put(&last, lw, strlen(lw), i + 1);
        if (rc)
            goto done;
    }
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        if (strchr(e->name, ' ') || e->redirect != i)
            continue;
        if (!is_person(e) && e->confirmed)
            continue;
        size_t v;
        if (!ng_map_get(&last, e->name, strlen(e->name), &v))
            continue;
        if (v == 0) {
            /* ambiguous: the full name that shares a document, if only one does */
            size_t pick = SIZE_MAX, count = 0;
            for (size_t k = 0; k < m->ents.n; k++) {
                ent_t *f = &m->ents.v[k];
                if (k == i || f->redirect != k || !strchr(f->name, ' ') || !is_person(f) ||
                    strcmp(last_word(f->name), e->name) != 0)
                    continue;
                if (shares_doc(e, f)) {
                    pick = k;
                    count++;
                }
            }
            if (count != 1)
                continue;
            v = pick + 1;
        }
        if ((rc = merge_into(m, i, resolve(m, v - 1), "surname")))
            goto done;
    }
done:
    ng_map_free(&last);
    return rc;
}

/* (y, m, d) sort key of a TIMEX3 date value; 0 when it has none. */
static long date_key(const char *v)
{
    if (!v || strlen(v) < 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (v[i] < '0' || v[i] > '9')
            return 0;
    long y = atol(v), mo = 1, d = 1;
    if (v[4] == '-' && v[5] >= '0' && v[5] <= '9') {
        mo = atol(v + 5);
        if (v[7] == '-' && v[8] >= '0' && v[8] <= '9')
            d = atol(v + 8);
    } else if (v[4] == '-' && v[5] == 'W') {
        long w = atol(v + 6);
        long doy = (w - 1) * 7 + 1; /* approximate start of the ISO week */
        mo = doy / 31 + 1;
        d = doy % 31 + 1;
    } else if (v[4] == '-' && v[5] == 'Q') {
        mo = (atol(v + 6) - 1) * 3 + 1;
    }
    return y * 10000 + mo * 100 + d;
}

/* Precision of a TIMEX3 value (the model does not depend on the time tagger). */
static ng_precision precision_of(const char *v)
{
    long k = date_key(v);
    if (!k)
        return NG_PREC_NONE;
    size_t n = strlen(v);
    if (n == 4)
        return NG_PREC_YEAR;
    if (v[5] == 'W')
        return NG_PREC_WEEK;
    if (n == 7)
        return NG_PREC_MONTH;
    if (n == 10)
        return NG_PREC_DAY;
    return n > 10 && v[10] == 'T' ? NG_PREC_TIME : NG_PREC_MONTH;
}

static const ng_model *sort_model;

static int ev_cmp(const void *a, const void *b)
{
    const ev_t *x = &sort_model->evs.v[*(const size_t *)a], *y = &sort_model->evs.v[*(const size_t *)b];
    long kx = date_key(x->date), ky = date_key(y->date);
    if ((kx == 0) != (ky == 0))
        return kx == 0 ? 1 : -1;
    if (kx != ky)
        return kx < ky ? -1 : 1;
    /* same start: coarser precision first (2024 before 2024-07) */
    size_t lx = x->date ? strlen(x->date) : 0, ly = y->date ? strlen(y->date) : 0;
    if (lx != ly)
        return lx < ly ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static int parts_overlap(const ev_t *a, const ev_t *b)
{
    int n = 0;
    for (size_t i = 0; i < a->parts.n; i++)
        for (size_t k = 0; k < b->parts.n; k++)
            n += a->parts.v[i].ent == b->parts.v[k].ent;
    return n;
}

/* Merge event j into event i. */
static int merge_events(ev_t *a, ev_t *b, int conflict)
{
    for (size_t i = 0; i < b->parts.n; i++) {
        int seen = 0;
        for (size_t k = 0; k < a->parts.n; k++)
            seen |= a->parts.v[k].ent == b->parts.v[i].ent;
        if (!seen && ng_vec_push(a->parts, b->parts.v[i]))
            return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < b->mentions.n; i++)
        if (ng_vec_push(a->mentions, b->mentions.v[i]))
            return ng_error_set(NG_ENOMEM, "out of memory");
    if (a->place < 0)
        a->place = b->place;
    if (!a->date && b->date) {
        a->date = b->date;
        b->date = NULL;
    } else if (conflict && b->date) {
        char *d = ng_strdup(b->date);
        if (!d || ng_vec_push(a->other_dates, d)) {
            free(d);
            return ng_error_set(NG_ENOMEM, "out of memory");
        }
    }
    b->merged = 1;
    return 0;
}

static int resolve_events(ng_model *m)
{
    int rc = 0;
    for (size_t i = 0; i < m->evs.n; i++) {
        ev_t *e = &m->evs.v[i];
        if (e->place >= 0) {
            size_t p = resolve(m, (size_t)e->place);
            e->place = m->ents.v[p].dropped ? -1 : (int64_t)p;
        }
        size_t w = 0;
        for (size_t k = 0; k < e->parts.n; k++) {
            part_t p = e->parts.v[k];
            p.ent = resolve(m, p.ent);
            if (m->ents.v[p.ent].dropped || (int64_t)p.ent == e->place)
                continue;
            int seen = 0;
            for (size_t q = 0; q < w; q++)
                seen |= e->parts.v[q].ent == p.ent;
            if (!seen)
                e->parts.v[w++] = p;
        }
        e->parts.n = w;
    }
    /* the same event told twice: same kind, compatible place and date, shared participants */
    for (size_t i = 0; i < m->evs.n; i++) {
        ev_t *a = &m->evs.v[i];
        if (a->merged)
            continue;
        for (size_t j = i + 1; j < m->evs.n; j++) {
            ev_t *b = &m->evs.v[j];
            if (b->merged || strcmp(a->kind, b->kind) != 0)
                continue;
            if (a->place >= 0 && b->place >= 0 && a->place != b->place)
                continue;
            int same_date = !a->date || !b->date || strcmp(a->date, b->date) == 0;
            int ov = parts_overlap(a, b);
            int need = a->parts.n < 2 || b->parts.n < 2 ? 1 : 2;
            if (ov < need)
                continue;
            if (same_date) {
                if ((a->date || b->date) && (rc = merge_events(a, b, 0)))
                    return rc;
            } else if (a->place >= 0 && a->place == b->place && a->anchor_doc != b->anchor_doc) {
                if ((rc = merge_events(a, b, 1)))
                    return rc;
            }
        }
    }
    return 0;
}

static int span_cmp(const void *a, const void *b)
{
    const ng_span *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort an entity's mentions by (doc, start), keeping confidences aligned. */
static int sort_mentions(ent_t *e)
{
    size_t n = e->mentions.n;
    if (n < 2)
        return 0;
    struct pair {
        ng_span s;
        float c;
    } *p = malloc(n * sizeof *p);
    if (!p)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        p[i].s = e->mentions.v[i];
        p[i].c = e->conf.v[i];
    }
    qsort(p, n, sizeof *p, span_cmp); /* span first in struct pair */
    for (size_t i = 0; i < n; i++) {
        e->mentions.v[i] = p[i].s;
        e->conf.v[i] = p[i].c;
    }
    free(p);
    return 0;
}

static int alias_cmp(const void *a, const void *b)
{
    return strcmp(((const ng_alias *)a)->name, ((const ng_alias *)b)->name);
}

int ng_model_finish(ng_model *m)
{
    if (m->finished)
        return ng_error_set(NG_EINVAL, "model already finished");
    m->finished = 1;
    int rc = merge_surnames(m);
    if (rc)
        return rc;
    /* drop names never confirmed */
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        if (e->redirect == i && !e->confirmed && !e->referenced)
            e->dropped = 1;
    }
    if ((rc = resolve_events(m)))
        return rc;

    /* entity views, in first-appearance order */
    m->ent_order = malloc((m->ents.n + 1) * sizeof *m->ent_order);
    m->view_ents = calloc(m->ents.n + 1, sizeof *m->view_ents);
    if (!m->ent_order || !m->view_ents)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        m->ent_order[i] = SIZE_MAX;
        if (e->redirect != i || e->dropped)
            continue;
        if ((rc = sort_mentions(e)))
            return rc;
        /* dedupe aliases, sorted */
        qsort(e->aliases.v, e->aliases.n, sizeof *e->aliases.v, alias_cmp);
        size_t w = 0;
        for (size_t k = 0; k < e->aliases.n; k++) {
            if (strcmp(e->aliases.v[k].name, e->name) == 0 ||
                (w && strcmp(e->aliases.v[w - 1].name, e->aliases.v[k].name) == 0)) {
                free((char *)e->aliases.v[k].name);
                continue;
            }
            e->aliases.v[w++] = e->aliases.v[k];
        }
        e->aliases.n = w;
        ng_type t = e->first_type;
        float best = -1;
        for (int k = 0; k < NG_TYPE_COUNT; k++)
            if (e->votes[k] > best) {
                best = e->votes[k];
                t = (ng_type)k;
            }
        ng_entity *v = &m->view_ents[m->n_view_ents];
        m->ent_order[i] = m->n_view_ents++;
        v->name = e->name;
        v->type = t;
        v->aliases = e->aliases.v;
        v->n_aliases = e->aliases.n;
        v->mentions = e->mentions.v;
        v->confidence = e->conf.v;
        v->n_mentions = e->mentions.n;
        v->n_mentions_total = e->total;
        v->n_documents = e->docs.n;
        const char *first = NULL, *last = NULL;
        for (size_t k = 0; k < e->docs.n; k++) {
            const char *dd = m->docs.v[e->docs.v[k]].date;
            if (!dd)
                continue;
            if (!first || strcmp(dd, first) < 0)
                first = dd;
            if (!last || strcmp(dd, last) > 0)
                last = dd;
        }
        v->first_date = first;
        v->last_date = last;
    }
    /* roles point at view indices */
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        if (m->ent_order[i] == SIZE_MAX)
            continue;
        for (size_t k = 0; k < e->roles.n; k++) {
            ng_role *r = &e->roles.v[k];
            if (r->of >= 0) {
                size_t o = m->ent_order[resolve(m, (size_t)r->of)];
                r->of = o == SIZE_MAX ? -1 : (int64_t)o;
            }
        }
        ng_entity *v = &m->view_ents[m->ent_order[i]];
        v->roles = e->roles.v;
        v->n_roles = e->roles.n;
    }

    /* event views, chronological */
    size_t *idx = malloc((m->evs.n + 1) * sizeof *idx);
    if (!idx)
        return ng_error_set(NG_ENOMEM, "out of memory");
    size_t ne = 0, nparts = 0;
    for (size_t i = 0; i < m->evs.n; i++)
        if (!m->evs.v[i].merged) {
            idx[ne++] = i;
            nparts += m->evs.v[i].parts.n;
        }
    sort_model = m;
    qsort(idx, ne, sizeof *idx, ev_cmp);
    sort_model = NULL;
    m->view_evs = calloc(ne + 1, sizeof *m->view_evs);
    m->view_parts = calloc(nparts + 1, sizeof *m->view_parts);
    m->ev_order = malloc((m->evs.n + 1) * sizeof *m->ev_order);
    if (!m->view_evs || !m->view_parts || !m->ev_order) {
        free(idx);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < m->evs.n; i++)
        m->ev_order[i] = SIZE_MAX;
    size_t pw = 0;
    for (size_t k = 0; k < ne; k++) {
        ev_t *e = &m->evs.v[idx[k]];
        ng_event *v = &m->view_evs[k];
        m->ev_order[idx[k]] = k;
        v->label = e->label;
        v->kind = e->kind;
        v->date = e->date;
        v->precision = precision_of(e->date);
        v->date_anchor = m->docs.v[e->anchor_doc].date;
        v->place = e->place >= 0 ? (int64_t)m->ent_order[e->place] : -1;
        v->participants = &m->view_parts[pw];
        for (size_t q = 0; q < e->parts.n; q++) {
            size_t o = m->ent_order[e->parts.v[q].ent];
            if (o == SIZE_MAX)
                continue;
            m->view_parts[pw].entity = o;
            m->view_parts[pw].role = e->parts.v[q].role;
            pw++;
            v->n_participants++;
        }
        v->mentions = e->mentions.v;
        v->n_mentions = e->mentions.n;
        v->date_conflict = e->other_dates.n > 0;
        v->other_dates = (const char *const *)e->other_dates.v;
        v->n_other_dates = e->other_dates.n;
    }
    m->n_view_evs = ne;
    free(idx);

    /* relations: roles, then event links, then co-occurrence (remapped) */
    NG_VEC(rel_t) out = {0};
    ng_map seen = {0};
#define PUSH_REL(R)                                                                                                \
    do {                                                                                                           \
        if (ng_vec_push(out, (R))) {                                                                               \
            rc = ng_error_set(NG_ENOMEM, "out of memory");                                                         \
            goto rel_done;                                                                                         \
        }                                                                                                          \
    } while (0)
    for (size_t i = 0; i < m->ents.n; i++) {
        size_t o = m->ent_order[i];
        if (o == SIZE_MAX)
            continue;
        const ng_entity *v = &m->view_ents[o];
        for (size_t k = 0; k < v->n_roles; k++) {
            if (v->roles[k].of < 0)
                continue;
            rel_t r = {NG_REL_ROLE, {0, o}, {0, (size_t)v->roles[k].of}, 1.0, v->roles[k].title, {0}};
            if (ng_vec_push(r.evidence, v->roles[k].span)) {
                rc = NG_ENOMEM;
                goto rel_done;
            }
            PUSH_REL(r);
        }
    }
    for (size_t k = 0; k < m->n_view_evs; k++) {
        const ng_event *v = &m->view_evs[k];
        for (size_t q = 0; q < v->n_participants; q++) {
            rel_t r = {NG_REL_PARTICIPANT, {1, k}, {0, v->participants[q].entity}, 1.0, v->participants[q].role, {0}};
            if (v->n_mentions && ng_vec_push(r.evidence, v->mentions[0])) {
                rc = NG_ENOMEM;
                goto rel_done;
            }
            PUSH_REL(r);
        }
        if (v->place >= 0) {
            rel_t r = {NG_REL_LOCATED_IN, {1, k}, {0, (size_t)v->place}, 1.0, NULL, {0}};
            if (v->n_mentions && ng_vec_push(r.evidence, v->mentions[0])) {
                rc = NG_ENOMEM;
                goto rel_done;
            }
            PUSH_REL(r);
        }
    }
    {
        size_t first_co = out.n;
        for (size_t i = 0; i < m->rels.n; i++) {
            rel_t *r = &m->rels.v[i];
            size_t a = m->ent_order[resolve(m, r->src.index)], b = m->ent_order[resolve(m, r->dst.index)];
            if (a == SIZE_MAX || b == SIZE_MAX || a == b)
                continue;
            if (a > b) {
                size_t t = a;
                a = b;
                b = t;
            }
            char key[64];
            snprintf(key, sizeof key, "%zu:%zu", a, b);
            size_t at;
            if (ng_map_get(&seen, key, strlen(key), &at)) {
                out.v[at].weight += r->weight;
                for (size_t q = 0; q < r->evidence.n && out.v[at].evidence.n < 20; q++)
                    if (ng_vec_push(out.v[at].evidence, r->evidence.v[q])) {
                        rc = NG_ENOMEM;
                        goto rel_done;
                    }
                continue;
            }
            rel_t nr = {NG_REL_COOCCUR, {0, a}, {0, b}, r->weight, NULL, {0}};
            for (size_t q = 0; q < r->evidence.n; q++)
                if (ng_vec_push(nr.evidence, r->evidence.v[q])) {
                    rc = NG_ENOMEM;
                    goto rel_done;
                }
            if ((rc = ng_map_put(&seen, key, strlen(key), out.n)))
                goto rel_done;
            PUSH_REL(nr);
        }
        /* co-occurrences in (src, dst) order so the output does not depend on merge order */
        for (size_t i = first_co + 1; i < out.n; i++) {
            rel_t x = out.v[i];
            size_t j = i;
            while (j > first_co && (out.v[j - 1].src.index > x.src.index ||
                                    (out.v[j - 1].src.index == x.src.index && out.v[j - 1].dst.index > x.dst.index))) {
                out.v[j] = out.v[j - 1];
                j--;
            }
            out.v[j] = x;
        }
    }
#undef PUSH_REL
    m->view_rels = calloc(out.n + 1, sizeof *m->view_rels);
    if (!m->view_rels) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto rel_done;
    }
    for (size_t i = 0; i < out.n; i++) {
        ng_relation *v = &m->view_rels[i];
        v->kind = out.v[i].kind;
        v->src = out.v[i].src;
        v->dst = out.v[i].dst;
        v->weight = out.v[i].weight;
        v->label = out.v[i].label;
        v->evidence = out.v[i].evidence.v;
        v->n_evidence = out.v[i].evidence.n;
    }
    m->n_view_rels = out.n;
    /* keep the evidence arrays alive: hand them to m->rels for freeing */
    for (size_t i = 0; i < m->rels.n; i++)
        free(m->rels.v[i].evidence.v);
    free(m->rels.v);
    m->rels.v = out.v;
    m->rels.n = out.n;
    m->rels.cap = out.cap;
    out.v = NULL;
    out.n = 0;
    /* merge log entries point at view indices */
    for (size_t i = 0; i < m->merges.n; i++) {
        size_t o = m->ent_order[resolve(m, m->merges.v[i].entity)];
        m->merges.v[i].entity = o;
    }
rel_done:
    for (size_t i = 0; i < out.n; i++)
        free(out.v[i].evidence.v);
    free(out.v);
    ng_map_free(&seen);
    return rc;
}
