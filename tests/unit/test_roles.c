/* Unit tests: roles and the coreference they allow (src/extract/roles.c), on sentences
 * written for the test (made-up people and organizations), with the rule-based names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "newsgraph/newsgraph.h"
#include "extract/extract_internal.h"

#include "rules_fixture.h"

/* The role of the person called `person` whose title is `title`, or NULL. */
static const ng_role_m *role_of(const ng_doc_result *r, const char *person, const char *title)
{
    for (size_t i = 0; i < r->roles.n; i++)
        if (strcmp(r->mentions.v[r->roles.v[i].person].canon, person) == 0 && strcmp(r->roles.v[i].title, title) == 0)
            return &r->roles.v[i];
    return NULL;
}

/* Name of a role's holder (mention or demonym country), or NULL. */
static const char *holder(const ng_doc_result *r, const ng_role_m *ro)
{
    if (ro->of >= 0)
        return r->mentions.v[ro->of].canon;
    return ro->of_name;
}

/* The mention called `name`, or NULL. */
static const ng_mention *mention(const ng_doc_result *r, const char *name)
{
    for (size_t i = 0; i < r->mentions.n; i++)
        if (strcmp(r->mentions.v[i].canon, name) == 0)
            return &r->mentions.v[i];
    return NULL;
}

/* The reference with rule `rule` whose text is `text`, or NULL. */
static const ng_ref_m *ref(const ng_doc_result *r, const char *rule, const char *text)
{
    for (size_t i = 0; i < r->refs.n; i++)
        if (strcmp(r->refs.v[i].rule, rule) == 0 && strcmp(r->refs.v[i].text, text) == 0)
            return &r->refs.v[i];
    return NULL;
}

static void test_prenominal(void **state)
{
    ng_doc_result *r = run("Peruvian President Rosa Quintero visited Lima. French Foreign Minister Alain Dufresne "
                           "met Brazil's lead negotiator Tomas Velho in Geneva. ACME Secretary-General Lena Fitch "
                           "spoke. Captain Ivo Marsh waved.\n");
    const ng_role_m *ro = role_of(r, "Rosa Quintero", "President");
    assert_non_null(ro);
    assert_int_equal(ro->of, -1); /* a demonym: the country, without a place mention */
    assert_string_equal(holder(r, ro), "Peru");
    assert_null(mention(r, "Peru"));
    assert_null(mention(r, "Peruvian"));
    ro = role_of(r, "Alain Dufresne", "Foreign Minister");
    assert_non_null(ro);
    assert_string_equal(holder(r, ro), "France");
    ro = role_of(r, "Tomas Velho", "lead negotiator"); /* possessive holder */
    assert_non_null(ro);
    assert_true(ro->of >= 0);
    assert_string_equal(holder(r, ro), "Brazil");
    ro = role_of(r, "Lena Fitch", "Secretary-General"); /* organization holder */
    assert_non_null(ro);
    assert_string_equal(holder(r, ro), "ACME");
    ro = role_of(r, "Ivo Marsh", "Captain"); /* no holder */
    assert_non_null(ro);
    assert_null(holder(r, ro));
    /* the role keeps its evidence: the title's own bytes */
    assert_int_equal(ro->end - ro->start, strlen("Captain"));
    ng_doc_result_free(r);
}

static void test_appositive(void **state)
{
    ng_doc_result *r = run("Omar Haddad, the Kenyan President's special envoy for Sudan and Chad, said little. "
                           "Lena Fitch, the secretary-general of ACME, spoke. Ida Moss, a senator, voted. "
                           "Piet Laan, 54, smiled. Sara Lind, who chairs ACME, left.\n");
    const ng_role_m *ro = role_of(r, "Omar Haddad", "special envoy for Sudan and Chad");
    assert_non_null(ro);
    assert_string_equal(holder(r, ro), "Kenya"); /* the demonym inside the possessor */
    ro = role_of(r, "Lena Fitch", "secretary-general"); /* "of <Org>" names the holder, cut from the title */
    assert_non_null(ro);
    assert_string_equal(holder(r, ro), "ACME");
    ro = role_of(r, "Ida Moss", "senator");
    assert_non_null(ro);
    /* no title, no role */
    for (size_t i = 0; i < r->roles.n; i++) {
        const char *p = r->mentions.v[r->roles.v[i].person].canon;
        assert_true(strcmp(p, "Piet Laan") != 0 && strcmp(p, "Sara Lind") != 0);
    }
    ng_doc_result_free(r);
}

static void test_pre_appositive(void **state)
{
    ng_doc_result *r = run("Chile's chief negotiator, Ana Morales, arrived. In Lima, Jan Kowal waited.\n");
    const ng_role_m *ro = role_of(r, "Ana Morales", "chief negotiator");
    assert_non_null(ro);
    assert_string_equal(holder(r, ro), "Chile");
    for (size_t i = 0; i < r->roles.n; i++)
        assert_string_not_equal(r->mentions.v[r->roles.v[i].person].canon, "Jan Kowal");
    ng_doc_result_free(r);
}

static void test_descriptions(void **state)
{
    ng_doc_result *r = run("Defense Minister Karl Brenner visited Oslo. The minister said the visit went well. "
                           "General Ida Moss arrived later, and the general spoke too. Then the senator left.\n");
    const ng_ref_m *f = ref(r, "description", "The minister");
    assert_non_null(f);
    assert_true(f->mention >= 0);
    assert_string_equal(r->mentions.v[f->mention].canon, "Karl Brenner");
    f = ref(r, "description", "the general");
    assert_non_null(f);
    assert_string_equal(r->mentions.v[f->mention].canon, "Ida Moss");
    /* nobody of the document is a senator: unresolved, no reference */
    assert_null(ref(r, "description", "the senator"));
    ng_doc_result_free(r);
}

static void test_description_picks_latest_holder(void **state)
{
    ng_doc_result *r = run("Mayor Tom Reed met Mayor Lia Stone. Lia Stone spoke first. The mayor smiled.\n");
    const ng_ref_m *f = ref(r, "description", "The mayor");
    assert_non_null(f);
    assert_string_equal(r->mentions.v[f->mention].canon, "Lia Stone");
    ng_doc_result_free(r);
    /* a holder in the description picks the person holding the role for it */
    r = run("Peruvian President Rosa Quintero met Chilean President Jorge Vidal. Vidal left early. "
            "The Peruvian President stayed. The Chilean President's aide waved.\n");
    f = ref(r, "description", "The Peruvian President");
    assert_non_null(f);
    assert_string_equal(r->mentions.v[f->mention].canon, "Rosa Quintero");
    f = ref(r, "description", "The Chilean President");
    assert_non_null(f);
    assert_string_equal(r->mentions.v[f->mention].canon, "Jorge Vidal");
    ng_doc_result_free(r);
}

static void test_demonyms_and_acronyms(void **state)
{
    ng_doc_result *r = run("Peruvian officials rejected the plan. The Pacific Fisheries Board (PFB) agreed.\n");
    const ng_ref_m *f = ref(r, "demonym", "Peruvian officials");
    assert_non_null(f);
    assert_int_equal(f->mention, -1);
    assert_string_equal(f->name, "Peru");
    assert_null(mention(r, "Peru"));
    f = ref(r, "acronym", "PFB");
    assert_non_null(f);
    assert_string_equal(r->mentions.v[f->mention].canon, "Pacific Fisheries Board");
    assert_string_equal(f->name, "PFB");
    ng_doc_result_free(r);
    /* a place before the name: the acronym spells what follows it */
    r = run("The U.S. Pacific Fisheries Board (PFB) sued on Thursday.\n");
    f = ref(r, "acronym", "PFB");
    assert_non_null(f);
    assert_string_equal(r->mentions.v[f->mention].canon, "U.S. Pacific Fisheries Board");
    ng_doc_result_free(r);
}

/* Spans as a statistical tagger may give them: a title alone as a person, a title inside
 * an organization's span, a country typed as an organization. */
static void test_repairs_tagger_spans(void **state)
{
    const char *text = "The President said that ACME Secretary-General Lena Fitch met Chile officials.";
    ng_lexicon *lx;
    ng_tokens tk = {0};
    ng_doc_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    assert_int_equal(ng_lexicon_load(&lx, NG_SOURCE_DIR "/data", NULL), 0);
    assert_int_equal(ng_text_analyze(&tk, text, strlen(text)), 0);
    /* tokens: The President said that ACME Secretary-General Lena Fitch met Chile officials . */
    assert_int_equal(ng_names_add_mention(r, lx, text, &tk, 0, 1, 2, NG_PERSON, 0.8f), 0);
    assert_int_equal(ng_names_add_mention(r, lx, text, &tk, 0, 4, 6, NG_ORG, 0.8f), 0);
    assert_int_equal(ng_names_add_mention(r, lx, text, &tk, 0, 6, 8, NG_PERSON, 0.8f), 0);
    assert_int_equal(ng_names_add_mention(r, lx, text, &tk, 0, 9, 10, NG_ORG, 0.8f), 0);
    assert_int_equal(ng_roles_extract(r, lx, text, &tk, NULL), 0);
    assert_int_equal(r->mentions.n, 3);
    assert_string_equal(r->mentions.v[0].canon, "ACME");
    assert_int_equal(r->mentions.v[0].end - r->mentions.v[0].start, 4);
    assert_string_equal(r->mentions.v[1].canon, "Lena Fitch");
    assert_string_equal(r->mentions.v[2].canon, "Chile");
    assert_int_equal(r->mentions.v[2].type, NG_PLACE);
    const ng_role_m *ro = role_of(r, "Lena Fitch", "Secretary-General");
    assert_non_null(ro);
    assert_int_equal(ro->of, 0);
    ng_tokens_free(&tk);
    ng_lexicon_free(lx);
    ng_doc_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prenominal),
        cmocka_unit_test(test_appositive),
        cmocka_unit_test(test_pre_appositive),
        cmocka_unit_test(test_descriptions),
        cmocka_unit_test(test_description_picks_latest_holder),
        cmocka_unit_test(test_demonyms_and_acronyms),
        cmocka_unit_test(test_repairs_tagger_spans),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
