/* Unit tests: the cross-document model (src/model/model.c, merge.c, aliases.c): surname
 * and initials merging, people who share a surname, acronyms, user aliases, references,
 * roles, event merging with date conflicts, chronological order and relations.  The
 * documents are extraction results built by hand (made-up names), so each test controls
 * exactly what the model receives; one test runs the whole pipeline on written text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "newsgraph/newsgraph.h"
#include "extract/result.h"

/* ------------------------------------------------------------------ builders */

static ng_doc_result *doc(const char *path, const char *date)
{
    ng_doc_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    r->path = ng_arena_strdup(&r->strs, path);
    r->date = ng_arena_strdup(&r->strs, date);
    r->format = ng_arena_strdup(&r->strs, "text");
    return r;
}

/* Add a mention (sentence, start offset, surface text = canonical name); returns its index. */
static int64_t men(ng_doc_result *r, uint32_t sent, uint32_t start, const char *name, ng_type type)
{
    ng_mention m = {0};
    m.sent = sent;
    m.start = start;
    m.end = start + (uint32_t)strlen(name);
    m.type = type;
    m.conf = 0.9f;
    m.text = ng_arena_strdup(&r->strs, name);
    m.canon = ng_arena_strdup(&r->strs, name);
    assert_int_equal(ng_vec_push(r->mentions, m), 0);
    return (int64_t)r->mentions.n - 1;
}

static int64_t tmx(ng_doc_result *r, uint32_t sent, const char *value)
{
    ng_timex_m t = {0};
    t.sent = sent;
    t.text = ng_strdup(value);
    snprintf(t.type, sizeof t.type, "DATE");
    snprintf(t.value, sizeof t.value, "%s", value);
    assert_int_equal(ng_vec_push(r->timexes, t), 0);
    return (int64_t)r->timexes.n - 1;
}

/* Add an event of `kind` in sentence sent, dated by timex `tx` (-1), at mention `place`
 * (-1), with the participants listed (mention indices, -1 ends the list). */
static ng_event_m *evt(ng_doc_result *r, uint32_t sent, const char *kind, int64_t tx, int64_t place, ...)
{
    ng_event_m e = {0};
    e.kind = ng_arena_strdup(&r->strs, kind);
    e.label = ng_arena_strdup(&r->strs, kind);
    e.sent = sent;
    e.start = sent * 100;
    e.end = sent * 100 + 50;
    e.timex = tx;
    e.place = place;
    va_list ap;
    va_start(ap, place);
    for (int64_t mi; (mi = va_arg(ap, int64_t)) >= 0;) {
        ng_part_m p = {0};
        p.mention = mi;
        snprintf(p.role, sizeof p.role, "party");
        assert_int_equal(ng_vec_push(e.parts, p), 0);
    }
    va_end(ap);
    assert_int_equal(ng_vec_push(r->events, e), 0);
    return &r->events.v[r->events.n - 1];
}

static void add(ng_model *m, ng_doc_result *r)
{
    assert_int_equal(ng_model_add(m, r), 0);
    ng_doc_result_free(r);
}

static ng_model *model(void)
{
    ng_model *m;
    assert_int_equal(ng_model_new(&m, NULL), 0);
    return m;
}

static const ng_entity *entity(const ng_model *m, const char *name)
{
    for (size_t i = 0; i < ng_model_n_entities(m); i++)
        if (strcmp(ng_model_entity(m, i)->name, name) == 0)
            return ng_model_entity(m, i);
    return NULL;
}

static long entity_index(const ng_model *m, const char *name)
{
    for (size_t i = 0; i < ng_model_n_entities(m); i++)
        if (strcmp(ng_model_entity(m, i)->name, name) == 0)
            return (long)i;
    return -1;
}

static int has_alias(const ng_entity *e, const char *alias, const char *rule)
{
    for (size_t i = 0; i < e->n_aliases; i++)
        if (strcmp(e->aliases[i].name, alias) == 0 && (!rule || strcmp(e->aliases[i].rule, rule) == 0))
            return 1;
    return 0;
}

static const ng_merge_log *merge_of(const ng_model *m, const char *alias)
{
    for (size_t i = 0; i < ng_model_n_merges(m); i++)
        if (strcmp(ng_model_merge(m, i)->alias, alias) == 0)
            return ng_model_merge(m, i);
    return NULL;
}

/* Distinct documents among an entity's mentions. */
static size_t docs_of(const ng_entity *e, uint32_t *first)
{
    size_t n = 0;
    for (size_t i = 0; i < e->n_mentions; i++)
        if (i == 0 || e->mentions[i].doc != e->mentions[i - 1].doc)
            n++;
    if (first && e->n_mentions)
        *first = e->mentions[0].doc;
    return n;
}

/* ------------------------------------------------------------------ entities */

static void test_surname_in_document(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", "2025-01-10");
    men(a, 0, 0, "Ana Morales", NG_PERSON);
    men(a, 1, 100, "Morales", NG_PERSON);
    men(a, 2, 200, "Morales", NG_ORG); /* a tagger's slip: still the person */
    add(m, a);
    assert_int_equal(ng_model_finish(m), 0);
    assert_int_equal(ng_model_n_entities(m), 1);
    const ng_entity *e = entity(m, "Ana Morales");
    assert_non_null(e);
    assert_int_equal(e->type, NG_PERSON);
    assert_int_equal(e->n_mentions, 3);
    assert_true(has_alias(e, "Morales", "surname"));
    const ng_merge_log *g = merge_of(m, "Morales");
    assert_non_null(g);
    assert_string_equal(g->rule, "surname");
    assert_int_equal(g->entity, 0);
    assert_non_null(strstr(g->evidence, "a.txt"));
    assert_int_equal(ng_model_n_merges(m), 1); /* logged once */
    ng_model_free(m);
}

static void test_shared_surname_two_people(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", NULL);
    men(a, 0, 0, "Ana Morales", NG_PERSON);
    men(a, 1, 100, "Morales", NG_PERSON);
    add(m, a);
    ng_doc_result *b = doc("b.txt", NULL);
    men(b, 0, 0, "Luis Morales", NG_PERSON);
    men(b, 1, 100, "Morales", NG_PERSON);
    add(m, b);
    ng_doc_result *c = doc("c.txt", NULL); /* the surname alone: which one? */
    men(c, 0, 0, "Morales", NG_PERSON);
    add(m, c);
    assert_int_equal(ng_model_finish(m), 0);
    const ng_entity *ana = entity(m, "Ana Morales"), *luis = entity(m, "Luis Morales");
    assert_non_null(ana);
    assert_non_null(luis);
    uint32_t d;
    assert_int_equal(ana->n_mentions, 2);
    assert_int_equal(docs_of(ana, &d), 1);
    assert_int_equal(d, 0);
    assert_int_equal(luis->n_mentions, 2);
    assert_int_equal(docs_of(luis, &d), 1);
    assert_int_equal(d, 1);
    const ng_entity *alone = entity(m, "Morales");
    assert_non_null(alone); /* ambiguous: never merged into either */
    assert_int_equal(alone->n_mentions, 1);
    ng_model_free(m);
}

static void test_surname_across_documents(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", NULL);
    men(a, 0, 0, "Morales", NG_PERSON); /* before any full name */
    add(m, a);
    ng_doc_result *b = doc("b.txt", NULL);
    men(b, 0, 0, "Ana Morales", NG_PERSON);
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    assert_int_equal(ng_model_n_entities(m), 1);
    const ng_entity *e = ng_model_entity(m, 0);
    assert_string_equal(e->name, "Ana Morales");
    assert_int_equal(docs_of(e, NULL), 2);
    assert_int_equal(e->n_documents, 2);
    assert_true(has_alias(e, "Morales", "surname"));
    ng_model_free(m);
}

static void test_middle_initials(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", NULL);
    men(a, 0, 0, "Ana Morales", NG_PERSON);
    add(m, a);
    ng_doc_result *b = doc("b.txt", NULL);
    men(b, 0, 0, "Ana B. Morales", NG_PERSON);
    men(b, 0, 20, "Ana Belen Morales", NG_PERSON); /* a middle name is not an initial */
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    const ng_entity *e = entity(m, "Ana Morales");
    assert_non_null(e);
    assert_true(has_alias(e, "Ana B. Morales", "initials"));
    assert_non_null(entity(m, "Ana Belen Morales"));
    ng_model_free(m);
}

static void test_acronyms(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", NULL);
    men(a, 0, 0, "Pacific Fisheries Board", NG_ORG);
    men(a, 1, 100, "Andean Trade Council", NG_ORG);
    int64_t ex = men(a, 2, 200, "Northern Grain Company", NG_ORG);
    /* "Northern Grain Company (NORGRAIN)": not initials, but written next to it */
    ng_ref_m f = {0};
    f.mention = ex;
    snprintf(f.name, sizeof f.name, "NORGRAIN");
    snprintf(f.text, sizeof f.text, "NORGRAIN");
    snprintf(f.rule, sizeof f.rule, "acronym");
    assert_int_equal(ng_vec_push(a->refs, f), 0);
    add(m, a);
    ng_doc_result *b = doc("b.txt", NULL);
    men(b, 0, 0, "PFB", NG_ORG);
    men(b, 0, 10, "NORGRAIN", NG_ORG);
    men(b, 0, 20, "ATC", NG_ORG);
    men(b, 0, 30, "Atlantic Tuna Commission", NG_ORG); /* ATC is now ambiguous */
    men(b, 0, 60, "ACE", NG_PERSON);                     /* not an organization */
    men(b, 0, 70, "Arctic Cod Exchange", NG_ORG);
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    const ng_entity *e = entity(m, "Pacific Fisheries Board");
    assert_non_null(e);
    assert_true(has_alias(e, "PFB", "acronym"));
    assert_null(entity(m, "PFB"));
    e = entity(m, "Northern Grain Company");
    assert_non_null(e);
    assert_true(has_alias(e, "NORGRAIN", "acronym"));
    assert_non_null(entity(m, "ATC"));
    assert_non_null(entity(m, "ACE"));
    assert_non_null(strstr(merge_of(m, "PFB")->evidence, "initials"));
    ng_model_free(m);
}

/* Write `text` to a temporary file; returns its path (static buffer). */
static const char *tmpfile_with(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/ng_test_aliases_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* The surnames of a document are found on the extraction side (ng_doc_result_resolve, on
 * the worker threads): the mentions carry the full name and the rule, and the model reads
 * them (still keeping a user's never rule) with the outcome of a result resolved by it. */
static void test_surname_resolved_by_extraction(void **state)
{
    const char *path = tmpfile_with("never Luis Vega | Vega\n");
    ng_model_opts o = {0, path};
    ng_model *m;
    assert_int_equal(ng_model_new(&m, &o), 0);
    unlink(path);
    ng_doc_result *a = doc("a.txt", "2025-01-10");
    men(a, 0, 0, "Morales", NG_PERSON);        /* before the full name: the only Morales */
    men(a, 1, 50, "Ana Morales", NG_PERSON);
    men(a, 2, 100, "Morales", NG_ORG);         /* follows it */
    men(a, 3, 150, "Chile", NG_PLACE);         /* a place is never a surname */
    men(a, 4, 200, "Luis Vega", NG_PERSON);
    men(a, 5, 250, "Vega", NG_PERSON);         /* found, but the user said never */
    assert_int_equal(ng_doc_result_resolve(a), 0);
    assert_int_equal(a->resolved, 1);
    assert_int_equal(a->mentions.v[0].surname_of, 2);
    assert_int_equal(a->mentions.v[0].surname_rule, 'o');
    assert_int_equal(a->mentions.v[1].surname_of, 0);
    assert_int_equal(a->mentions.v[2].surname_of, 2);
    assert_int_equal(a->mentions.v[2].surname_rule, 'f');
    assert_int_equal(a->mentions.v[3].surname_of, 0);
    assert_int_equal(a->mentions.v[5].surname_of, 5);
    assert_int_equal(a->mentions.v[1].canon_len, 11); /* the entity lookup's key, hashed ahead */
    assert_true(a->mentions.v[1].canon_hash == ng_hash("Ana Morales", 11));
    add(m, a);
    assert_int_equal(ng_model_finish(m), 0);
    const ng_entity *e = entity(m, "Ana Morales");
    assert_non_null(e);
    assert_int_equal(e->n_mentions, 3);
    assert_true(has_alias(e, "Morales", "surname"));
    assert_non_null(strstr(merge_of(m, "Morales")->evidence, "the only such person"));
    assert_non_null(entity(m, "Vega"));
    assert_null(entity(m, "Morales"));
    ng_model_free(m);
}

static void test_user_aliases(void **state)
{
    const char *path = tmpfile_with("# test aliases\n"
                                    "merge Ana Morales | A. Morales | Anita\n"
                                    "never Ana Morales | Morales\n"
                                    "\n"
                                    "merge Board of Pacific Fisheries | PFB\n");
    ng_model_opts o = {0, path};
    ng_model *m;
    assert_int_equal(ng_model_new(&m, &o), 0);
    unlink(path);
    ng_doc_result *a = doc("a.txt", NULL);
    men(a, 0, 0, "Ana Morales", NG_PERSON);
    men(a, 1, 100, "Morales", NG_PERSON); /* never: stays apart, even in the same document */
    add(m, a);
    ng_doc_result *b = doc("b.txt", NULL);
    men(b, 0, 0, "A. Morales", NG_PERSON);
    men(b, 0, 20, "PFB", NG_ORG);
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    const ng_entity *e = entity(m, "Ana Morales");
    assert_non_null(e);
    assert_true(has_alias(e, "A. Morales", "user"));
    assert_false(has_alias(e, "Morales", NULL));
    assert_non_null(entity(m, "Morales"));
    /* the canonical name occurs nowhere: the alias's entity is renamed */
    e = entity(m, "Board of Pacific Fisheries");
    assert_non_null(e);
    assert_true(has_alias(e, "PFB", "user"));
    assert_null(entity(m, "PFB"));
    assert_string_equal(merge_of(m, "PFB")->rule, "user");
    ng_model_free(m);
}

static void test_user_aliases_errors(void **state)
{
    ng_model *m = model();
    const char *path = tmpfile_with("merge A | B\nfuse C | D\n");
    assert_int_equal(ng_model_load_aliases(m, path), NG_EFORMAT);
    assert_non_null(strstr(ng_error_last(), ":2:"));
    unlink(path);
    path = tmpfile_with("never Lonely Name\n");
    assert_int_equal(ng_model_load_aliases(m, path), NG_EFORMAT);
    unlink(path);
    path = tmpfile_with("merge A | | B\n");
    assert_int_equal(ng_model_load_aliases(m, path), NG_EFORMAT);
    unlink(path);
    assert_int_equal(ng_model_load_aliases(m, "/nonexistent/aliases.txt"), NG_EIO);
    add(m, doc("a.txt", NULL));
    path = tmpfile_with("merge A | B\n");
    assert_int_equal(ng_model_load_aliases(m, path), NG_EINVAL); /* too late */
    unlink(path);
    ng_model_free(m);
}

static void test_references_and_roles(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", "2025-02-01");
    int64_t p = men(a, 0, 0, "Karl Brenner", NG_PERSON);
    int64_t c = men(a, 0, 40, "Chile", NG_PLACE);
    ng_role_m ro = {p, ng_arena_strdup(&a->strs, "Defense Minister"), c, NULL, NG_PLACE, 0, 20, 36};
    assert_int_equal(ng_vec_push(a->roles, ro), 0);
    ng_ref_m f = {0};
    f.mention = p;
    snprintf(f.text, sizeof f.text, "the minister");
    snprintf(f.rule, sizeof f.rule, "description");
    f.sent = 1, f.start = 100, f.end = 112;
    assert_int_equal(ng_vec_push(a->refs, f), 0);
    ng_ref_m g = {0};
    g.mention = -1;
    snprintf(g.name, sizeof g.name, "Chile");
    snprintf(g.text, sizeof g.text, "Chilean officials");
    snprintf(g.rule, sizeof g.rule, "demonym");
    g.sent = 2, g.start = 200, g.end = 217;
    assert_int_equal(ng_vec_push(a->refs, g), 0);
    g.start = 300, g.end = 314;
    snprintf(g.name, sizeof g.name, "Peru"); /* named nowhere: no entity for it */
    snprintf(g.text, sizeof g.text, "Peruvian fleet");
    assert_int_equal(ng_vec_push(a->refs, g), 0);
    add(m, a);
    ng_doc_result *b = doc("b.txt", NULL);
    p = men(b, 0, 0, "Karl Brenner", NG_PERSON);
    ng_role_m ro2 = {p, ng_arena_strdup(&b->strs, "defense minister"), -1, ng_arena_strdup(&b->strs, "Chile"), NG_PLACE, 0, 20, 36};
    assert_int_equal(ng_vec_push(b->roles, ro2), 0);
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    const ng_entity *k = entity(m, "Karl Brenner"), *ch = entity(m, "Chile");
    assert_non_null(k);
    assert_non_null(ch);
    assert_null(entity(m, "Peru"));
    assert_int_equal(k->n_references, 1);
    assert_string_equal(k->references[0].text, "the minister");
    assert_string_equal(k->references[0].rule, "description");
    assert_int_equal(k->references[0].span.start, 100);
    assert_int_equal(ch->n_references, 1);
    assert_string_equal(ch->references[0].rule, "demonym");
    assert_int_equal(ch->n_mentions, 1); /* a demonym is not a mention */
    /* one role (the same title in another case and the same holder), with the date of the
     * article that stated it first */
    assert_int_equal(k->n_roles, 1);
    assert_string_equal(k->roles[0].title, "Defense Minister");
    assert_int_equal(k->roles[0].of, entity_index(m, "Chile"));
    assert_string_equal(k->roles[0].date, "2025-02-01");
    /* the role is an edge person -> country */
    int found = 0;
    for (size_t i = 0; i < ng_model_n_relations(m); i++) {
        const ng_relation *r = ng_model_relation(m, i);
        if (r->kind == NG_REL_ROLE) {
            found++;
            assert_int_equal(r->src.index, entity_index(m, "Karl Brenner"));
            assert_int_equal(r->dst.index, entity_index(m, "Chile"));
            assert_string_equal(r->label, "Defense Minister");
        }
    }
    assert_int_equal(found, 1);
    ng_model_free(m);
}

/* ------------------------------------------------------------------ events */

static const ng_event *event_dated(const ng_model *m, const char *date)
{
    for (size_t i = 0; i < ng_model_n_events(m); i++)
        if (ng_model_event(m, i)->date && strcmp(ng_model_event(m, i)->date, date) == 0)
            return ng_model_event(m, i);
    return NULL;
}

static void test_event_in_two_documents(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", "2025-05-31");
    int64_t ch = men(a, 0, 0, "Chile", NG_PLACE), pe = men(a, 0, 10, "Peru", NG_PLACE);
    int64_t li = men(a, 0, 20, "Lima", NG_PLACE);
    evt(a, 0, "talks", tmx(a, 0, "2025-06-02"), li, ch, pe, (int64_t)-1);
    add(m, a);
    ng_doc_result *b = doc("b.txt", "2025-06-01");
    ch = men(b, 0, 0, "Chile", NG_PLACE), pe = men(b, 0, 10, "Peru", NG_PLACE);
    int64_t bo = men(b, 0, 20, "Bolivia", NG_PLACE);
    li = men(b, 0, 30, "Lima", NG_PLACE);
    evt(b, 0, "negotiations", tmx(b, 0, "2025-06-02"), li, ch, pe, bo, (int64_t)-1); /* same family */
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    assert_int_equal(ng_model_n_events(m), 1);
    const ng_event *e = ng_model_event(m, 0);
    assert_int_equal(e->n_mentions, 2);
    assert_int_equal(e->n_participants, 3);
    assert_int_equal(e->date_conflict, 0);
    assert_int_equal(e->precision, NG_PREC_DAY);
    assert_string_equal(e->date_anchor, "2025-05-31");
    assert_int_equal(e->place, entity_index(m, "Lima"));
    /* relations: participant edges weighted by the mentions, located-in */
    size_t parts = 0, located = 0;
    for (size_t i = 0; i < ng_model_n_relations(m); i++) {
        const ng_relation *r = ng_model_relation(m, i);
        if (r->kind == NG_REL_PARTICIPANT) {
            parts++;
            assert_true(r->src.is_event);
            assert_string_equal(r->label, "party");
        } else if (r->kind == NG_REL_LOCATED_IN) {
            located++;
            assert_int_equal(r->dst.index, entity_index(m, "Lima"));
            assert_true(r->weight == 2.0);
            assert_int_equal(r->n_evidence, 2);
        }
    }
    assert_int_equal(parts, 3);
    assert_int_equal(located, 1);
    ng_model_free(m);
}

static void test_event_date_conflict(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", "2025-05-31");
    int64_t ch = men(a, 0, 0, "Chile", NG_PLACE), pe = men(a, 0, 10, "Peru", NG_PLACE);
    int64_t li = men(a, 0, 20, "Lima", NG_PLACE);
    evt(a, 0, "talks", tmx(a, 0, "2025-06-02"), li, ch, pe, (int64_t)-1);
    add(m, a);
    ng_doc_result *b = doc("b.txt", "2025-06-01");
    ch = men(b, 0, 0, "Chile", NG_PLACE), pe = men(b, 0, 10, "Peru", NG_PLACE);
    li = men(b, 0, 20, "Lima", NG_PLACE);
    evt(b, 0, "talks", tmx(b, 0, "2025-06-03"), li, ch, pe, (int64_t)-1);
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    assert_int_equal(ng_model_n_events(m), 1);
    const ng_event *e = ng_model_event(m, 0);
    assert_string_equal(e->date, "2025-06-02");
    assert_int_equal(e->date_conflict, 1);
    assert_int_equal(e->n_other_dates, 1);
    assert_string_equal(e->other_dates[0], "2025-06-03");
    ng_model_free(m);
}

static void test_events_kept_apart(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", "2025-05-31");
    int64_t ch = men(a, 0, 0, "Chile", NG_PLACE), pe = men(a, 0, 10, "Peru", NG_PLACE);
    int64_t li = men(a, 0, 20, "Lima", NG_PLACE);
    evt(a, 0, "talks", tmx(a, 0, "2025-06-02"), li, ch, pe, (int64_t)-1);
    evt(a, 1, "talks", tmx(a, 1, "2022"), li, ch, pe, (int64_t)-1);        /* earlier round */
    evt(a, 2, "talks", tmx(a, 2, "2025-06-04"), li, ch, pe, (int64_t)-1); /* same document: no conflict */
    add(m, a);
    ng_doc_result *b = doc("b.txt", "2025-06-01");
    ch = men(b, 0, 0, "Chile", NG_PLACE), pe = men(b, 0, 10, "Peru", NG_PLACE);
    int64_t sa = men(b, 0, 20, "Santiago", NG_PLACE);
    evt(b, 0, "talks", tmx(b, 0, "2025-06-02"), sa, ch, pe, (int64_t)-1); /* another place */
    evt(b, 1, "summit", tmx(b, 1, "2025-06-02"), -1, ch, pe, (int64_t)-1); /* another kind */
    add(m, b);
    ng_doc_result *c = doc("c.txt", "2024-01-01");
    ch = men(c, 0, 0, "Chile", NG_PLACE), pe = men(c, 0, 10, "Peru", NG_PLACE);
    evt(c, 0, "talks", -1, -1, ch, pe, (int64_t)-1); /* undated, published long before */
    add(m, c);
    assert_int_equal(ng_model_finish(m), 0);
    assert_int_equal(ng_model_n_events(m), 6);
    /* chronological: dated first, by date, coarser first; undated last */
    assert_string_equal(ng_model_event(m, 0)->date, "2022");
    assert_string_equal(ng_model_event(m, 1)->date, "2025-06-02");
    assert_string_equal(ng_model_event(m, 3)->date, "2025-06-02");
    assert_string_equal(ng_model_event(m, 4)->date, "2025-06-04");
    assert_null(ng_model_event(m, 5)->date);
    assert_null(ng_model_event(m, 5)->date_anchor);
    ng_model_free(m);
}

static void test_event_precision_and_anaphora(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", NULL);
    int64_t ac = men(a, 0, 0, "ACME", NG_ORG), os = men(a, 0, 10, "Oslo", NG_PLACE);
    evt(a, 0, "summit", tmx(a, 0, "2024"), os, ac, (int64_t)-1);
    int64_t lv = men(a, 1, 100, "Luis Vega", NG_PERSON);
    ng_event_m *e = evt(a, 1, "summit", -1, -1, lv, (int64_t)-1); /* "the summit" */
    e->antecedent = 1;
    add(m, a);
    ng_doc_result *b = doc("b.txt", NULL);
    ac = men(b, 0, 0, "ACME", NG_ORG), os = men(b, 0, 10, "Oslo", NG_PLACE);
    evt(b, 0, "summit", tmx(b, 0, "2024-07"), os, ac, (int64_t)-1);
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    assert_int_equal(ng_model_n_events(m), 1);
    const ng_event *v = ng_model_event(m, 0);
    assert_string_equal(v->date, "2024-07"); /* the finer of two compatible dates */
    assert_int_equal(v->precision, NG_PREC_MONTH);
    assert_string_equal(ng_precision_name(v->precision), "month");
    assert_int_equal(v->date_conflict, 0);
    assert_int_equal(v->n_mentions, 3);
    assert_int_equal(v->n_participants, 2); /* ACME and the speaker of "the summit" */
    ng_model_free(m);
}

/* Events with more participants than the model packs with an event (same_event() then
 * reads the participant list): merged with a date conflict, kept apart a month later. */
static void test_events_many_participants(void **state)
{
    ng_model *m = model();
    static const char *const names[] = {"Chile", "Peru", "Bolivia", "Ecuador", "Uruguay", "Paraguay"};
    ng_doc_result *a = doc("a.txt", "2025-05-31");
    int64_t p[6];
    for (int i = 0; i < 6; i++)
        p[i] = men(a, 0, (uint32_t)(i * 10), names[i], NG_PLACE);
    evt(a, 0, "talks", tmx(a, 0, "2025-06-02"), -1, p[0], p[1], p[2], p[3], p[4], p[5], (int64_t)-1);
    add(m, a);
    ng_doc_result *b = doc("b.txt", "2025-06-01");
    int64_t q[6];
    for (int i = 0; i < 6; i++)
        q[i] = men(b, 0, (uint32_t)(i * 10), names[5 - i], NG_PLACE);
    evt(b, 0, "talks", tmx(b, 0, "2025-06-03"), -1, q[0], q[1], q[2], q[3], q[4], q[5], (int64_t)-1);
    add(m, b);
    ng_doc_result *c = doc("c.txt", "2025-07-20");
    int64_t r0 = men(c, 0, 0, "Paraguay", NG_PLACE);
    evt(c, 0, "talks", tmx(c, 0, "2025-07-20"), -1, r0, (int64_t)-1);
    add(m, c);
    assert_int_equal(ng_model_finish(m), 0);
    assert_int_equal(ng_model_n_events(m), 2);
    const ng_event *e = event_dated(m, "2025-06-02");
    assert_non_null(e);
    assert_int_equal(e->n_participants, 6);
    assert_int_equal(e->n_mentions, 2);
    assert_int_equal(e->date_conflict, 1);
    assert_int_equal(e->n_other_dates, 1);
    assert_string_equal(e->other_dates[0], "2025-06-03");
    assert_non_null(event_dated(m, "2025-07-20"));
    ng_model_free(m);
}

/* An entity's mentions come out by (document, start), each with its own confidence,
 * whatever order they were added in. */
static void test_mentions_sorted_with_confidence(void **state)
{
    ng_model *m = model();
    ng_doc_result *a = doc("a.txt", NULL);
    men(a, 1, 50, "Ana Ruiz", NG_PERSON);
    a->mentions.v[0].conf = 0.25f;
    men(a, 0, 10, "Ana Ruiz", NG_PERSON);
    a->mentions.v[1].conf = 0.75f;
    add(m, a);
    ng_doc_result *b = doc("b.txt", NULL);
    men(b, 0, 5, "Ana Ruiz", NG_PERSON);
    b->mentions.v[0].conf = 0.5f;
    add(m, b);
    assert_int_equal(ng_model_finish(m), 0);
    const ng_entity *e = entity(m, "Ana Ruiz");
    assert_non_null(e);
    assert_int_equal(e->n_mentions, 3);
    assert_int_equal(e->mentions[0].doc, 0);
    assert_int_equal(e->mentions[0].start, 10);
    assert_true(e->confidence[0] == 0.75f);
    assert_int_equal(e->mentions[1].start, 50);
    assert_true(e->confidence[1] == 0.25f);
    assert_int_equal(e->mentions[2].doc, 1);
    assert_true(e->confidence[2] == 0.5f);
    ng_model_free(m);
}

static void test_cooccurrence_weights(void **state)
{
    ng_model *m = model();
    for (int i = 0; i < 3; i++) {
        ng_doc_result *a = doc(i ? "b.txt" : "a.txt", NULL);
        men(a, 0, 0, "Chile", NG_PLACE);
        men(a, 0, 10, "Peru", NG_PLACE);
        men(a, 1, 100, "Chile", NG_PLACE);
        add(m, a);
    }
    assert_int_equal(ng_model_finish(m), 0);
    size_t n = 0;
    for (size_t i = 0; i < ng_model_n_relations(m); i++) {
        const ng_relation *r = ng_model_relation(m, i);
        if (r->kind != NG_REL_COOCCUR)
            continue;
        n++;
        assert_true(r->weight == 3.0);
        assert_int_equal(r->n_evidence, 3);
    }
    assert_int_equal(n, 1);
    ng_model_free(m);
}

/* Extract texts[0..n) as documents d0.txt, d1.txt, ... and add them to m in order. */
static void add_texts(ng_model *m, const ng_resources *res, const char *const *texts, int n)
{
    for (int i = 0; i < n; i++) {
        ng_document *d;
        ng_doc_result *r;
        char name[16];
        snprintf(name, sizeof name, "d%d.txt", i);
        assert_int_equal(ng_document_new_from_buffer(&d, name, texts[i], strlen(texts[i]), NULL), 0);
        assert_int_equal(ng_extract(&r, res, d), 0);
        ng_document_free(d);
        add(m, r);
    }
}

/* The whole pipeline on written text: the surname in a second article, roles and one
 * event told by two articles. */
static void test_pipeline(void **state)
{
    ng_resources *res;
    ng_resource_opts o = {NG_SOURCE_DIR "/data", "none", NULL, 0};
    assert_int_equal(ng_resources_new(&res, &o), 0);
    const char *texts[] = {
        "date 2025-05-30\n\nPeruvian President Rosa Quintero said talks between Chile and Bolivia will "
        "resume in Santiago on Monday. Quintero welcomed the talks.\n",
        "date 2025-05-31\n\nNegotiations between Chile and Bolivia are scheduled to resume in Santiago on "
        "Monday, Quintero said.\n"};
    ng_model *m = model();
    add_texts(m, res, texts, 2);
    assert_int_equal(ng_model_finish(m), 0);
    const ng_entity *q = entity(m, "Rosa Quintero");
    assert_non_null(q);
    assert_int_equal(q->n_documents, 2);
    assert_null(entity(m, "Quintero"));
    assert_int_equal(q->n_roles, 1);
    assert_string_equal(q->roles[0].title, "President");
    assert_int_equal(q->roles[0].of, entity_index(m, "Peru"));
    assert_string_equal(q->roles[0].date, "2025-05-30");
    const ng_event *e = event_dated(m, "2025-06-02");
    assert_non_null(e);
    assert_int_equal(ng_model_n_events(m), 1);
    assert_int_equal(e->n_mentions, 3); /* two articles, and "the talks" */
    assert_int_equal(e->place, entity_index(m, "Santiago"));
    ng_model_free(m);
    ng_resources_free(res);
}

/* ng_model_finish_jobs() with two threads (the event merge beside the entity views and
 * co-occurrences) builds the same model as with one: the same bytes in JSON and GraphML. */
static void test_finish_jobs(void **state)
{
    (void)state;
    ng_resources *res;
    ng_resource_opts o = {NG_SOURCE_DIR "/data", "none", NULL, 0};
    assert_int_equal(ng_resources_new(&res, &o), 0);
    const char *texts[] = {
        "date 2025-05-30\n\nPeruvian President Rosa Quintero said talks between Chile and Bolivia will "
        "resume in Santiago on Monday. Quintero welcomed the talks with Foreign Minister Tomas Ribeiro.\n",
        "date 2025-05-31\n\nNegotiations between Chile and Bolivia are scheduled to resume in Santiago on "
        "Monday, Quintero said. Ribeiro and Quintero met the World Trade Organization (WTO) in Lima.\n",
        "date 2025-06-03\n\nThe WTO said Rosa Quintero and Tomas Ribeiro met in Lima on Tuesday. "
        "Ribeiro visited Santiago on June 2 for talks with Chile.\n",
        "date 2025-06-04\n\nTalks between Chile and Bolivia ended in Santiago on June 3, Ribeiro said. "
        "Quintero and Ribeiro will meet again in Lima in July.\n"};
    char *out[2][2];
    size_t len[2][2];
    for (int j = 0; j < 2; j++) {
        ng_model *m = model();
        add_texts(m, res, texts, 4);
        assert_int_equal(ng_model_finish_jobs(m, j ? 2 : 1), 0);
        assert_true(ng_model_n_events(m) > 0 && ng_model_n_relations(m) > 3);
        assert_int_equal(ng_export_buffer(m, NG_FMT_JSON, &out[j][0], &len[j][0]), 0);
        assert_int_equal(ng_export_buffer(m, NG_FMT_GRAPHML, &out[j][1], &len[j][1]), 0);
        ng_model_free(m);
    }
    for (int f = 0; f < 2; f++) {
        assert_int_equal(len[0][f], len[1][f]);
        assert_memory_equal(out[0][f], out[1][f], len[0][f]);
        free(out[0][f]);
        free(out[1][f]);
    }
    ng_resources_free(res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_surname_in_document),
        cmocka_unit_test(test_surname_resolved_by_extraction),
        cmocka_unit_test(test_shared_surname_two_people),
        cmocka_unit_test(test_surname_across_documents),
        cmocka_unit_test(test_middle_initials),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_user_aliases),
        cmocka_unit_test(test_user_aliases_errors),
        cmocka_unit_test(test_references_and_roles),
        cmocka_unit_test(test_event_in_two_documents),
        cmocka_unit_test(test_event_date_conflict),
        cmocka_unit_test(test_events_many_participants),
        cmocka_unit_test(test_mentions_sorted_with_confidence),
        cmocka_unit_test(test_events_kept_apart),
        cmocka_unit_test(test_event_precision_and_anaphora),
        cmocka_unit_test(test_cooccurrence_weights),
        cmocka_unit_test(test_pipeline),
        cmocka_unit_test(test_finish_jobs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
