/* model_internal.h - the model's own structures (model.c adds, merge.c finishes,
 * aliases.c reads the user's merge rules). */
#ifndef NG_MODEL_INTERNAL_H
#define NG_MODEL_INTERNAL_H

#include <pthread.h>
#include "newsgraph/model.h"
#include "../extract/result.h"
#include "../util/util.h"

/* Same threshold as extraction's weak mentions. */
#define NG_MODEL_WEAK 0.05f

/* Candidates examined per bucket when merging events (keeps merging linear). */
#define NG_EVENT_BUCKET_SCAN 64

/* A kept mention of an entity: its span and its confidence side by side, so adding one
 * writes one array of the entity instead of two (finish sorts them and splits them into
 * the views' two arrays). */
typedef struct {
    ng_span s;
    float c;
} ment_t;

typedef struct {
    /* first, what adding a document touches for each mention (kept together: the
     * entities of a large corpus are far from the caches) */
    size_t total;
    NG_VEC(ment_t) ments; /* up to max_mentions; empty once finish split them */
    NG_VEC(uint32_t) docs;
    float votes[NG_TYPE_COUNT];
    int confirmed; /* has a confident mention or a role */
    char *name;
    ng_type first_type;
    NG_VEC(ng_alias) aliases;
    NG_VEC(ng_role) roles;
    NG_VEC(ng_reference) refs; /* text owned, rule static */
    int referenced; /* named by a role even without mentions */
    size_t redirect; /* merged into this entity (itself if not merged) */
    int dropped;
    /* the kept mentions sorted by (document, start), split for the view (finish) */
    ng_span *spans;
    float *conf;
    size_t n_spans;
} ent_t;

typedef struct {
    size_t ent;
    char role[16];
} part_t;

typedef struct {
    /* first, what finish() reads of every candidate when it merges events (kept together:
     * a 100 MB corpus compares millions of candidates, each a cache miss or more) */
    const char *kind; /* pooled */
    int64_t place;
    uint32_t anchor_doc;
    int merged; /* merged into another event */
    NG_VEC(part_t) parts;
    const char *date, *label; /* pooled */
    size_t first;
    NG_VEC(ng_span) mentions; /* capped at max_mentions */
    size_t total;             /* mentions seen */
    NG_VEC(const char *) other_dates; /* pooled */
} ev_t;

typedef struct {
    ng_rel_kind kind;
    ng_node_ref src, dst;
    double weight;
    const char *label; /* borrowed from a role title or a static string */
    NG_VEC(ng_span) evidence;
} rel_t;

/* A user merge: entities named `alias` become the entity named `canon`. */
typedef struct {
    char *canon, *alias;
} user_merge_t;

/* "Long Name (ACR)" seen in a document: entity `ent` is also called `acr`. */
typedef struct {
    size_t ent;
    char *acr;
    uint32_t doc;
} acr_t;

/* Interned strings: each distinct string is stored once and lives as long as the model.
 * Time expressions, document dates and references repeat the same few thousand strings
 * millions of times in a large corpus.  The copies are carved from an arena (never freed
 * one by one); the index maps a string to its copy. */
typedef struct {
    ng_map index;     /* string -> its pooled copy (a pointer) */
    ng_arena strs;    /* the copies */
} strpool_t;

/* What an exporter keeps with the model until it changes (svg.c: the Graphviz layout):
 * an object and its destructor, under a lock. */
typedef struct {
    pthread_mutex_t mu;
    void *obj;
    void (*obj_free)(void *);
} memo_t;

struct ng_model {
    size_t max_mentions;
    memo_t memo;
    strpool_t pool;
    NG_VEC(ng_docinfo) docs;
    NG_VEC(ent_t) ents;
    ng_map by_name;
    NG_VEC(ev_t) evs;
    NG_VEC(rel_t) rels;
    ng_keymap rel_index; /* (entity, entity) of a co-occurrence -> index in rels */
    NG_VEC(ng_span *) ev_owned; /* evidence arrays of the relation views (finish) */
    NG_VEC(ng_timex) timexes;
    NG_VEC(ng_merge_log) merges;
    ng_map merge_seen; /* "entity\x1f" "alias\x1f" "rule": logged once */
    NG_VEC(user_merge_t) user_merges;
    ng_map never; /* "a\x1f" "b" (both orders): user never-merge pairs */
    NG_VEC(acr_t) acronyms;
    int finished;
    /* views built by finish */
    ng_entity *view_ents;
    size_t n_view_ents;
    ng_event *view_evs;
    size_t n_view_evs;
    ng_relation *view_rels;
    size_t n_view_rels;
    ng_participant *view_parts;
    char *since, *until; /* date range of ng_model_filter(), or NULL */
    size_t *ent_order; /* internal index -> view index (SIZE_MAX: not shown) */
    size_t *ev_order;
};

/* model.c */
/* The pooled copy of s (NULL: out of memory, message set).  Never free it. */
const char *ng_model_intern(ng_model *m, const char *s);

/* Find or create the entity called `name`. */
int ng_model_entity_for(ng_model *m, const char *name, ng_type type, size_t *idx);
/* Add an alias (name, static rule) to entity e unless it is already there. */
int ng_model_add_alias(ent_t *e, const char *name, const char *rule);
/* Record a merge-log entry once per (entity, alias, rule). */
int ng_model_log_merge(ng_model *m, size_t into, const char *alias, const char *rule, const char *evidence);

/* ASCII case-insensitive string equality (titles "President" and "president"). */
int ng_model_same_title(const char *a, const char *b);

/* aliases.c */
/* Is the pair (a, b) a user never-merge pair? */
int ng_aliases_never(const ng_model *m, const char *a, const char *b);
void ng_aliases_free(ng_model *m);

/* merge.c helpers shared with model.c */
/* Merge event `from` into event `into` (participants, evidence, place, date). */
int ng_model_merge_events(ng_model *m, ev_t *into, ev_t *from, int conflict);
/* Add a provenance span to an event (kept up to max_mentions, always counted). */
int ng_model_event_mention(const ng_model *m, ev_t *e, ng_span sp);

/* Forget the memo: called by everything that changes the model. */
void ng_model_memo_drop(ng_model *m);

#endif
