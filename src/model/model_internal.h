/* model_internal.h - the model's own structures (model.c adds, merge.c finishes). */
#ifndef NG_MODEL_INTERNAL_H
#define NG_MODEL_INTERNAL_H

#include "newsgraph/model.h"
#include "../extract/result.h"
#include "../util/util.h"

/* Same threshold as extraction's weak mentions. */
#define NG_MODEL_WEAK 0.35f

typedef struct {
    char *name;
    ng_type first_type;
    float votes[NG_TYPE_COUNT];
    NG_VEC(ng_alias) aliases;
    NG_VEC(ng_span) mentions;
    NG_VEC(float) conf;
    size_t total;
    NG_VEC(ng_role) roles;
    NG_VEC(uint32_t) docs;
    int confirmed;  /* has a confident mention or a role */
    int referenced; /* named by a role even without mentions */
    size_t redirect; /* merged into this entity (itself if not merged) */
    int dropped;
} ent_t;

typedef struct {
    size_t ent;
    char role[16];
} part_t;

typedef struct {
    char *label, *kind, *date;
    int64_t place;
    uint32_t anchor_doc;
    size_t first;
    NG_VEC(part_t) parts;
    NG_VEC(ng_span) mentions;
    NG_VEC(char *) other_dates;
    int merged; /* merged into another event */
} ev_t;

typedef struct {
    ng_rel_kind kind;
    ng_node_ref src, dst;
    double weight;
    const char *label; /* borrowed from a role title or a static string */
    NG_VEC(ng_span) evidence;
} rel_t;

struct ng_model {
    size_t max_mentions;
    NG_VEC(ng_docinfo) docs;
    NG_VEC(ent_t) ents;
    ng_map by_name;
    NG_VEC(ev_t) evs;
    NG_VEC(rel_t) rels;
    ng_map rel_index;
    NG_VEC(ng_timex) timexes;
    NG_VEC(ng_merge_log) merges;
    int finished;
    /* views built by finish */
    ng_entity *view_ents;
    size_t n_view_ents;
    ng_event *view_evs;
    size_t n_view_evs;
    ng_relation *view_rels;
    size_t n_view_rels;
    ng_participant *view_parts;
    size_t *ent_order; /* internal index -> view index (SIZE_MAX: not shown) */
    size_t *ev_order;
};

#endif
