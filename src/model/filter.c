/* filter.c - ng_model_filter(): narrow the views of a finished model (types, top N,
 * co-occurrence weight, date range) and renumber them densely. */
#include <stdlib.h>
#include "model_internal.h"

/* Compare a TIMEX3 date value with a bound at the bound's own precision: <0, 0, >0. */
static int date_cmp(const char *v, const char *bound)
{
    size_t n = strlen(bound);
    return strncmp(v, bound, n);
}

static int in_range(const char *date, const ng_filter *f)
{
    if (!f->since && !f->until)
        return 1;
    if (!date || date[0] < '0' || date[0] > '9')
        return 0;
    if (f->since && date_cmp(date, f->since) < 0)
        return 0;
    if (f->until && date_cmp(date, f->until) > 0)
        return 0;
    return 1;
}

typedef struct {
    const ng_entity *v;
    size_t i;
} rank_t;

static int rank_cmp(const void *a, const void *b)
{
    const rank_t *x = a, *y = b;
    if (x->v->n_mentions_total != y->v->n_mentions_total)
        return x->v->n_mentions_total > y->v->n_mentions_total ? -1 : 1;
    return x->i < y->i ? -1 : x->i > y->i;
}

int ng_model_filter(ng_model *m, const ng_filter *f)
{
    if (!m->finished)
        return ng_error_set(NG_EINVAL, "filter a model after ng_model_finish()");
    ng_model_memo_drop(m);
    size_t ne = m->n_view_ents, nv = m->n_view_evs;
    size_t *emap = malloc((ne + 1) * sizeof *emap), *vmap = malloc((nv + 1) * sizeof *vmap);
    rank_t *rank = malloc((ne + 1) * sizeof *rank);
    if (!emap || !vmap || !rank) {
        free(emap);
        free(vmap);
        free(rank);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    unsigned types = f->types ? f->types : ((1u << NG_TYPE_COUNT) - 1) | NG_FILTER_EVENTS;
    /* entities: by type and date range, then the top N by mentions */
    size_t nr = 0;
    for (size_t i = 0; i < ne; i++) {
        const ng_entity *e = &m->view_ents[i];
        emap[i] = SIZE_MAX;
        if (!(types & (1u << e->type)))
            continue;
        rank[nr].v = e;
        rank[nr].i = i;
        nr++;
    }
    if (f->top && f->top < nr) {
        qsort(rank, nr, sizeof *rank, rank_cmp);
        nr = f->top;
    }
    for (size_t k = 0; k < nr; k++)
        emap[rank[k].i] = 0; /* kept; numbered below in model order */
    size_t w = 0;
    for (size_t i = 0; i < ne; i++)
        if (emap[i] != SIZE_MAX) {
            emap[i] = w;
            m->view_ents[w++] = m->view_ents[i];
        }
    m->n_view_ents = w;
    /* roles point at kept entities only */
    for (size_t i = 0; i < w; i++) {
        ng_entity *e = &m->view_ents[i];
        for (size_t k = 0; k < e->n_roles; k++) {
            ng_role *r = (ng_role *)&e->roles[k];
            if (r->of >= 0 && (size_t)r->of < ne)
                r->of = emap[r->of] == SIZE_MAX ? -1 : (int64_t)emap[r->of];
        }
    }
    /* events: kept by type and date; participants and place remapped */
    w = 0;
    for (size_t i = 0; i < nv; i++) {
        ng_event e = m->view_evs[i];
        vmap[i] = SIZE_MAX;
        if (!(types & NG_FILTER_EVENTS) || !in_range(e.date, f))
            continue;
        ng_participant *p = (ng_participant *)e.participants;
        size_t pw = 0;
        for (size_t k = 0; k < e.n_participants; k++)
            if (emap[p[k].entity] != SIZE_MAX) {
                p[pw] = p[k];
                p[pw].entity = emap[p[k].entity];
                pw++;
            }
        e.n_participants = pw;
        if (e.place >= 0)
            e.place = emap[e.place] == SIZE_MAX ? -1 : (int64_t)emap[e.place];
        vmap[i] = w;
        m->view_evs[w++] = e;
    }
    m->n_view_evs = w;
    /* relations: both ends kept, co-occurrences heavy enough */
    w = 0;
    for (size_t i = 0; i < m->n_view_rels; i++) {
        ng_relation r = m->view_rels[i];
        size_t s = r.src.is_event ? vmap[r.src.index] : emap[r.src.index];
        size_t d = r.dst.is_event ? vmap[r.dst.index] : emap[r.dst.index];
        if (s == SIZE_MAX || d == SIZE_MAX)
            continue;
        if (r.kind == NG_REL_COOCCUR && r.weight < f->min_weight)
            continue;
        r.src.index = s;
        r.dst.index = d;
        m->view_rels[w++] = r;
    }
    m->n_view_rels = w;
    /* time expressions within the date range (their provenance stays in the documents) */
    if (f->since || f->until) {
        w = 0;
        for (size_t i = 0; i < m->timexes.n; i++) {
            ng_timex t = m->timexes.v[i];
            if (!in_range(t.value, f))
                continue; /* strings pooled */
            m->timexes.v[w++] = t;
        }
        m->timexes.n = w;
        m->since = f->since ? ng_strdup(f->since) : NULL;
        m->until = f->until ? ng_strdup(f->until) : NULL;
    }
    /* the merge log speaks of kept entities */
    w = 0;
    for (size_t i = 0; i < m->merges.n; i++) {
        ng_merge_log g = m->merges.v[i];
        if (g.entity >= ne || emap[g.entity] == SIZE_MAX) {
            free((char *)g.alias);
            free((char *)g.evidence);
            continue;
        }
        g.entity = emap[g.entity];
        m->merges.v[w++] = g;
    }
    m->merges.n = w;
    free(emap);
    free(vmap);
    free(rank);
    return 0;
}

int ng_model_date_shown(const ng_model *m, const char *date)
{
    ng_filter f = {0};
    f.since = m->since;
    f.until = m->until;
    return in_range(date, &f);
}
