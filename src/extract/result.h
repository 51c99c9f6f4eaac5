/* result.h - what extraction produces for one document (self-contained: strings are
 * owned copies, so a result outlives its document and can be serialized). */
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
    char *text;                  /* surface text, folded apostrophes */
    char *canon;                 /* canonical name (variant table applied), owned */
} ng_mention;

/* A time expression. */
typedef struct {
    uint32_t sent, start, end;
    char *text;
    char type[12];   /* DATE, TIME, DURATION, SET */
    char value[48];  /* TIMEX3 value */
} ng_timex_m;

/* A role: mention `person` holds `title` of mention `of` (-1: none) or `of_name`. */
typedef struct {
    int64_t person;
    char *title;
    int64_t of;
    char *of_name; /* canonical name when the holder org/country is not a mention (demonyms) */
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
    char *kind;   /* trigger lemma */
    char *label;  /* short label */
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
    char *path, *title, *date, *date_source, *format;
    NG_VEC(ng_mention) mentions;
    NG_VEC(ng_timex_m) timexes;
    NG_VEC(ng_role_m) roles;
    NG_VEC(ng_event_m) events;
    uint32_t nsents;
    NG_VEC(ng_ref_m) refs; /* coreference references (roles.c) */
};

#endif
