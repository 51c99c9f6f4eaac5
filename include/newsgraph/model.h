/**
 * @file model.h
 * The merged model: entities, events, relations and provenance of every input.
 *
 * Ownership: an ng_model owns everything reachable from it.  The structures
 * returned by the accessors are read-only views valid until ng_model_free();
 * callers never free them.  Indices are stable: entity i is always the
 * (i+1)-th entity in first-appearance order, its id is "e<i+1>".
 */
#ifndef NEWSGRAPH_MODEL_H
#define NEWSGRAPH_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "newsgraph/extract.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Entity type. */
typedef enum { NG_PERSON = 0, NG_ORG = 1, NG_PLACE = 2, NG_TYPE_COUNT = 3 } ng_type;

/** "PERSON", "ORG" or "PLACE". */
const char *ng_type_name(ng_type t);

/** Where something was seen: document index (into ng_model_document()), sentence
 *  index in that document, byte offsets [start, end) into the document's text. */
typedef struct {
    uint32_t doc, sent, start, end;
} ng_span;

/** Precision of a date value. */
typedef enum { NG_PREC_NONE = 0, NG_PREC_YEAR, NG_PREC_MONTH, NG_PREC_WEEK, NG_PREC_DAY, NG_PREC_TIME } ng_precision;

/** "none", "year", "month", "week", "day" or "time". */
const char *ng_precision_name(ng_precision p);

/** A role a person holds: "Defense Secretary" of entity `of` (-1 if none), as stated
 *  in document `span.doc` whose publication date is `date` (or NULL). */
typedef struct {
    const char *title;
    int64_t of;
    const char *date;
    ng_span span;
} ng_role;

/** An alias merged into an entity, with the rule that merged it. */
typedef struct {
    const char *name;
    const char *rule; /**< "variant", "surname", "acronym", "user", ... */
} ng_alias;

/** A reference to an entity that is not a name, attached by coreference: a definite
 *  description repeating a role the entity holds ("the special envoy"), or a demonym
 *  naming a country ("Peruvian officials").  `rule` is "description" or "demonym". */
typedef struct {
    ng_span span;
    const char *text;
    const char *rule;
} ng_reference;

typedef struct {
    const char *name; /**< canonical name */
    ng_type type;
    const ng_alias *aliases;
    size_t n_aliases;
    const ng_span *mentions; /**< capped; see n_mentions_total */
    const float *confidence; /**< one per kept mention */
    size_t n_mentions;
    size_t n_mentions_total;
    const ng_role *roles;
    size_t n_roles;
    size_t n_documents; /**< number of distinct documents that mention it */
    const char *first_date, *last_date; /**< publication dates of the earliest/latest documents, or NULL */
    const ng_reference *references; /**< descriptions and demonyms attached to it (capped), by (doc, start) */
    size_t n_references;
} ng_entity;

/** A participant of an event: entity index and role ("party", "speaker", "host", "target"). */
typedef struct {
    size_t entity;
    const char *role;
} ng_participant;

typedef struct {
    const char *label;  /**< short description */
    const char *kind;   /**< trigger lemma: summit, talks, interview, ... */
    const char *date;   /**< TIMEX3 value or NULL */
    ng_precision precision;
    const char *date_anchor; /**< the publication date it was resolved from, or NULL */
    int64_t place;      /**< entity index or -1 */
    const ng_participant *participants;
    size_t n_participants;
    const ng_span *mentions; /**< capped; see n_mentions_total */
    size_t n_mentions;
    int date_conflict;  /**< 1 when sources disagree on the date */
    const char *const *other_dates;
    size_t n_other_dates;
    size_t n_mentions_total; /**< mentions seen, kept or not */
} ng_event;

/** Relation kinds. */
typedef enum { NG_REL_ROLE = 0, NG_REL_PARTICIPANT, NG_REL_LOCATED_IN, NG_REL_COOCCUR } ng_rel_kind;
const char *ng_rel_kind_name(ng_rel_kind k);

/** A node reference: entity or event. */
typedef struct {
    int is_event;
    size_t index;
} ng_node_ref;

typedef struct {
    ng_rel_kind kind;
    ng_node_ref src, dst;
    double weight;
    const char *label; /**< role title, participant role, or NULL */
    const ng_span *evidence; /**< capped */
    size_t n_evidence;
} ng_relation;

typedef struct {
    uint32_t doc, sent, start, end;
    const char *text;
    const char *type;  /**< DATE, TIME, DURATION, SET */
    const char *value; /**< TIMEX3 value */
} ng_timex;

typedef struct {
    const char *path;
    const char *title;      /**< or NULL */
    const char *date;       /**< publication date YYYY-MM-DD or NULL */
    const char *date_source; /**< "option", "header", "meta", ... or NULL */
    const char *format;     /**< "text", "html", "rss", ... */
} ng_docinfo;

/** A merge-log entry: `alias` was merged into entity `entity` by `rule`. */
typedef struct {
    size_t entity;
    const char *alias;
    const char *rule;
    const char *evidence;
} ng_merge_log;

typedef struct ng_model ng_model;

/** Options of a model. */
typedef struct {
    size_t max_mentions; /**< provenance spans kept per item (0: default 1000) */
    const char *aliases_path; /**< user merges and never-merge pairs (docs/aliases.md), or NULL */
} ng_model_opts;

/** Create an empty model; @p opts may be NULL. */
int ng_model_new(ng_model **out, const ng_model_opts *opts);
void ng_model_free(ng_model *m);

/** Read user merges and never-merge pairs from @p path (format: docs/aliases.md).  Call
 *  before the first ng_model_add(); may be called more than once (rules accumulate).
 *  Returns 0, NG_EIO (unreadable), NG_EFORMAT (a bad line: the message says
 *  "path:line: ..."), NG_EINVAL (after the first ng_model_add()) or NG_ENOMEM. */
int ng_model_load_aliases(ng_model *m, const char *path);

/** Add one document's extraction result (in input order).  The model copies what it
 *  keeps; the result stays owned by the caller. */
int ng_model_add(ng_model *m, const ng_doc_result *r);

/** Resolve cross-document merges (surnames, events) and build relations.  Call once,
 *  after the last ng_model_add(); the accessors below are valid afterwards. */
int ng_model_finish(ng_model *m);

/** The same, with up to @p jobs threads: the event merge on one while the entity views
 *  and the co-occurrences are built on another (the same model).  @p jobs < 2 is
 *  ng_model_finish(). */
int ng_model_finish_jobs(ng_model *m, int jobs);

size_t ng_model_n_documents(const ng_model *m);
const ng_docinfo *ng_model_document(const ng_model *m, size_t i);
size_t ng_model_n_entities(const ng_model *m);
const ng_entity *ng_model_entity(const ng_model *m, size_t i);
size_t ng_model_n_events(const ng_model *m);
/** Events are kept in chronological order (dated first, then undated). */
const ng_event *ng_model_event(const ng_model *m, size_t i);
size_t ng_model_n_relations(const ng_model *m);
const ng_relation *ng_model_relation(const ng_model *m, size_t i);
size_t ng_model_n_timexes(const ng_model *m);
const ng_timex *ng_model_timex(const ng_model *m, size_t i);
size_t ng_model_n_merges(const ng_model *m);
const ng_merge_log *ng_model_merge(const ng_model *m, size_t i);

/** Filters for what the exporters show (every field 0/NULL: keep everything). */
typedef struct {
    double min_weight;  /**< leave out co-occurrence edges lighter than this */
    unsigned types;     /**< bitmask of 1u << NG_PERSON, NG_ORG, NG_PLACE and NG_FILTER_EVENTS; 0: all */
    size_t top;         /**< keep only the N entities with the most mentions (ties: first seen) */
    const char *since;  /**< keep events dated on or after this (YYYY, YYYY-MM or YYYY-MM-DD) */
    const char *until;  /**< keep events dated on or before this; undated events are left out
                             when since or until is given */
} ng_filter;

#define NG_FILTER_EVENTS (1u << 3)

/** Restrict a finished model's views to what @p f keeps.  Indices are renumbered (ids stay
 *  dense: e1..eN, v1..vM); relations and participants that touch a removed item go with it. */
int ng_model_filter(ng_model *m, const ng_filter *f);

/** Is a date (TIMEX3 value or YYYY-MM-DD) inside the date range of the last
 *  ng_model_filter()?  Always 1 when no range was set; undated (NULL) is 0 under a range. */
int ng_model_date_shown(const ng_model *m, const char *date);

#ifdef __cplusplus
}
#endif
#endif
