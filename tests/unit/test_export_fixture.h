/* test_export_fixture.h - a small hand-made model for the exporter tests, built through
 * the public ng_model_add()/ng_model_finish() from extraction results written by hand
 * (so names can hold quotes, backslashes, control characters and bad UTF-8 that no
 * extractor would produce), plus helpers to run an exporter into a string. */
#ifndef TEST_EXPORT_FIXTURE_H
#define TEST_EXPORT_FIXTURE_H

#include <stdlib.h>
#include <string.h>
#include "newsgraph/newsgraph.h"
#include "extract/result.h"
#include "export/exporters.h"
#include "util/util.h"

/* Names used by the fixture, as the model receives them. */
#define FX_PERSON "Ann O\"Neil \\N Smith"  /* a quote and a backslash (\\N is a DOT escape) */
#define FX_ORG "Acme\x01 \x7f" "Corp"      /* C0 and DEL control characters */
#define FX_ORG_CLEAN "Acme Corp"
#define FX_PLACE "Springfield"
#define FX_BADUTF "Bad\xff" "Town"         /* an invalid UTF-8 byte */
#define FX_BADUTF_CLEAN "Bad\xEF\xBF\xBDTown"
#define FX_LONG "Extraordinarily Long Organisation Name Of Many Words"
#define FX_PATH1 "news/a\\b.txt"
#define FX_PATH2 "news/second.txt"

/* Mention initializer: sentence, offsets, type, surface text and canonical name. */
#define FX_MENTION(s, a, b, ty, name)                                                                    \
    {.sent = (s), .start = (a), .end = (b), .type = (ty), .conf = 0.9f, .text = (char *)(name),              \
     .canon = (char *)(name)}
/* Time expression initializer. */
#define FX_TIMEX(s, a, b, txt, ty, val) {.sent = (s), .start = (a), .end = (b), .text = (char *)(txt), .type = ty, .value = val}

/* Build the fixture model: two documents, five entities, a role, two events (one
 * dated, one undated), time expressions, co-occurrences. */
static inline ng_model *fx_model(void)
{
    ng_model *m = NULL;
    if (ng_model_new(&m, NULL))
        return NULL;

    /* document 1: no publication date */
    ng_mention m1[] = {
        FX_MENTION(0, 0, 18, NG_PERSON, FX_PERSON),
        FX_MENTION(0, 30, 40, NG_ORG, FX_ORG),
        FX_MENTION(0, 50, 61, NG_PLACE, FX_PLACE),
        FX_MENTION(1, 70, 77, NG_PLACE, FX_BADUTF),
        FX_MENTION(1, 80, 130, NG_ORG, FX_LONG),
    };
    ng_timex_m t1[] = {
        FX_TIMEX(0, 20, 29, "July 2024", "DATE", "2024-07"),
        FX_TIMEX(1, 90, 94, "2021", "DATE", "2021"),
        FX_TIMEX(1, 95, 104, "last week", "DATE", "PAST_REF"),
    };
    ng_role_m r1[] = {{.person = 0, .title = (char *)"Chief \"Executive\" \\ Officer", .of = 1, .of_type = NG_ORG,
                       .sent = 0, .start = 0, .end = 40}};
    ng_event_m e1[2] = {
        {.kind = (char *)"summit", .label = (char *)"Summit \\ talks in " FX_PLACE, .sent = 0, .start = 0, .end = 61,
         .timex = 0, .place = 2},
        {.kind = (char *)"meeting", .label = (char *)"Undated\tmeeting", .sent = 1, .start = 70, .end = 130,
         .timex = -1, .place = -1},
    };
    ng_part_m p1[] = {{.mention = 0, .role = "party"}, {.mention = 1, .role = "host"}};
    e1[0].parts.v = p1;
    e1[0].parts.n = e1[0].parts.cap = 2;
    ng_part_m p2[] = {{.mention = 4, .role = "party"}};
    e1[1].parts.v = p2;
    e1[1].parts.n = e1[1].parts.cap = 1;
    ng_doc_result r = {0};
    r.path = (char *)FX_PATH1;
    r.title = (char *)"First\x02 article";
    r.format = (char *)"text";
    r.mentions.v = m1;
    r.mentions.n = r.mentions.cap = sizeof m1 / sizeof *m1;
    r.timexes.v = t1;
    r.timexes.n = r.timexes.cap = sizeof t1 / sizeof *t1;
    r.roles.v = r1;
    r.roles.n = r.roles.cap = 1;
    r.events.v = e1;
    r.events.n = r.events.cap = 2;
    r.nsents = 2;
    if (ng_model_add(m, &r))
        goto fail;

    /* document 2: dated, mentions the person and the place again */
    ng_mention m2[] = {
        FX_MENTION(0, 0, 18, NG_PERSON, FX_PERSON),
        FX_MENTION(0, 25, 36, NG_PLACE, FX_PLACE),
    };
    ng_timex_m t2[] = {FX_TIMEX(0, 40, 48, "Thursday", "DATE", "2025-05-29")};
    ng_doc_result r2 = {0};
    r2.path = (char *)FX_PATH2;
    r2.title = (char *)"Second article";
    r2.date = (char *)"2025-05-31";
    r2.date_source = (char *)"header";
    r2.format = (char *)"text";
    r2.mentions.v = m2;
    r2.mentions.n = r2.mentions.cap = 2;
    r2.timexes.v = t2;
    r2.timexes.n = r2.timexes.cap = 1;
    r2.nsents = 1;
    if (ng_model_add(m, &r2) || ng_model_finish(m))
        goto fail;
    return m;
fail:
    ng_model_free(m);
    return NULL;
}

/* Run an exporter into a malloc'd NUL-terminated string (NULL on failure). */
static inline char *fx_export(int (*fn)(const ng_model *, ng_buf *), const ng_model *m)
{
    ng_buf b = {0};
    if (fn(m, &b)) {
        ng_buf_free(&b);
        return NULL;
    }
    return ng_buf_detach(&b);
}

/* Index of the entity named @p name, or -1. */
static inline long fx_entity(const ng_model *m, const char *name)
{
    for (size_t i = 0; i < ng_model_n_entities(m); i++)
        if (strcmp(ng_model_entity(m, i)->name, name) == 0)
            return (long)i;
    return -1;
}

/* Whether @p s holds a control character other than newline and tab (DOT indents with tabs). */
static inline int fx_has_control(const char *s)
{
    for (; *s; s++)
        if (((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t') || *s == 0x7f)
            return 1;
    return 0;
}

#endif
