/* result.h - what extraction produces for one document (self-contained: strings are
 * copies owned by the result, so a result outlives its document and can be serialized).
 * Ownership: the strings of mentions, roles and events, and the document fields (path,
 * title, date, date_source, format), live in the result's arena `strs` and are released
 * by ng_doc_result_free() with it: code that fills a result copies them there
 * (ng_arena_strdup(&r->strs, s), ng_fold_arena) and never frees one alone.  Time
 * expression texts are malloc'd one by one (freed by ng_doc_result_free()). */
#ifndef NG_RESULT_H
#define NG_RESULT_H

#include <stddef.h>
#include <stdint.h>
#include "newsgraph/extract.h"
#include "newsgraph/model.h"
#include "../util/util.h"

/* A name mention. */
typedef struct {
    uint32_t sent, start, end;  /* byte offsets into the document text */
    uint32_t tok_begin, tok_end; /* token range */
    ng_type type;
    float conf;                  /* 0..1 */
    char *text;                  /* surface text, folded apostrophes (in the arena) */
    char *canon;                 /* canonical name (variant table applied; in the arena) */
    uint32_t surname_of;         /* set by ng_doc_result_resolve(): 1 + index of the mention of
                                    the full name this one-word name is the last word of, 0: none */
    char surname_rule;           /* with surname_of: 'f' follows that name, 'o' the only such
                                    person of the document */
    size_t canon_len;            /* set by ng_doc_result_resolve(): strlen(canon) and */
    uint64_t canon_hash;         /* ng_hash(canon, canon_len), for the model's entity lookup */
} ng_mention;

/* A time expression. */
typedef struct {
    uint32_t sent, start, end;
    char *text;      /* malloc'd, owned */
    char type[12];   /* DATE, TIME, DURATION, SET */
    char value[48];  /* TIMEX3 value */
} ng_timex_m;

/* A role: mention `person` holds `title` of mention `of` (-1: none) or `of_name`. */
typedef struct {
    int64_t person;
    char *title;   /* in the arena */
    int64_t of;
    char *of_name; /* canonical name when the holder org/country is not a mention (demonyms);
                      in the arena */
    ng_type of_type;
    uint32_t sent, start, end;
} ng_role_m;

/* A participant of an event: a mention index and a role word. */
typedef struct {
    int64_t mention;
    char role[16];
    char name[64]; /* when mention is -1: a country named through a demonym ("Peruvian officials") */
} ng_part_m;

/* An event: trigger and its clause. */
typedef struct {
    char *kind;   /* trigger lemma (in the arena) */
    char *label;  /* short label (in the arena) */
    uint32_t sent, start, end; /* evidence span (clause or sentence) */
    int64_t timex;  /* index into timexes or -1 */
    int64_t place;  /* mention index or -1 */
    NG_VEC(ng_part_m) parts;
    uint32_t antecedent; /* 1 + index of an earlier event of this document that this one
                            refers back to ("the talks"), 0: none */
    uint32_t trig_start, trig_end; /* the trigger word (0, 0: unknown) */
} ng_event_m;

/* A non-name reference to an entity found by coreference: a definite description that
 * repeats a known role ("the special envoy" -> mention `mention`), a demonym naming a
 * country ("Peruvian officials" -> `name`, mention -1), or an acronym written after a long
 * name ("Long Name (ACR)" -> mention: the long name, `name`: the acronym, rule
 * "acronym").  Fixed-size text: nothing to free. */
typedef struct {
    int64_t mention;  /* a mention of the entity referred to, or -1 */
    char name[64];    /* canonical name when mention is -1; the acronym for "acronym" */
    char text[64];    /* the referring words (folded, truncated) */
    char rule[16];    /* "description", "demonym", "acronym" */
    uint32_t sent, start, end;
} ng_ref_m;

struct ng_doc_result {
    char *path, *title, *date, *date_source, *format; /* in the arena */
    NG_VEC(ng_mention) mentions;
    NG_VEC(ng_timex_m) timexes;
    NG_VEC(ng_role_m) roles;
    NG_VEC(ng_event_m) events;
    uint32_t nsents;
    NG_VEC(ng_ref_m) refs; /* coreference references (roles.c) */
    ng_arena strs; /* the strings above (except timex texts) */
    int resolved;  /* the mentions' surname_of, surname_rule, canon_len and canon_hash are set */
};

/* resolve.c: the per-result pass of the extraction side (ng_extract() and
 * ng_doc_result_from_json() run it), read by ng_model_add(). */
/* Within the document, the one-word person or organization names (as written) that are the
 * last word of a person's full name: pick[i] = 1 + the mention of the nearest full name
 * before mention i ('f' in why[i]), else of the only one of the document ('o'), else 0.
 * pick and why have r->mentions.n entries. */
int ng_surnames_find(const ng_doc_result *r, uint32_t *pick, char *why);
/* Store ng_surnames_find() and the canonical names' lengths and hashes in the mentions,
 * and set r->resolved. */
int ng_doc_result_resolve(ng_doc_result *r);

#endif
