/* Unit tests: lexicons and rule-based names (src/extract/lexicon.c, names.c), on
 * sentences written for the test (made-up people). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "newsgraph/newsgraph.h"
#include "extract/lexicon.h"
#include "extract/result.h"

#include "rules_fixture.h"

/* The mention whose text is `name`, or NULL. */
static const ng_mention *find(const ng_doc_result *r, const char *name)
{
    for (size_t i = 0; i < r->mentions.n; i++)
        if (strcmp(r->mentions.v[i].text, name) == 0)
            return &r->mentions.v[i];
    return NULL;
}

static void test_lexicon(void **state)
{
    ng_lexicon *lx;
    assert_int_equal(ng_lexicon_load(&lx, NG_SOURCE_DIR "/data", NULL), 0);
    assert_true(ng_lex_classes(lx, "France", 6) & NG_LEX_COUNTRY);
    assert_true(ng_lex_classes(lx, "Bolivia", 7) & NG_LEX_COUNTRY); /* iso-codes common_name */
    assert_true(ng_lex_classes(lx, "Lisbon", 6) & NG_LEX_CITY);
    assert_true(ng_lex_classes(lx, "minister", 8) & NG_LEX_TITLE);
    assert_true(ng_lex_classes(lx, "Minister", 8) & NG_LEX_TITLE);
    assert_true(ng_lex_classes(lx, "Polish", 6) & NG_LEX_DEMONYM);
    assert_false(ng_lex_classes(lx, "Western", 7) & NG_LEX_REGION); /* generic subdivision names skipped */
    assert_string_equal(ng_lex_canonical(lx, "UK", 2), "United Kingdom");
    assert_string_equal(ng_lex_canonical(lx, "Peking", 6), "Beijing");
    assert_string_equal(ng_lex_demonym_country(lx, "Polish", 6), "Poland");
    assert_string_equal(ng_lex_trigger_kind(lx, "met", 3), "meeting");
    /* a short name and its long iso-codes form share the country class */
    assert_true(ng_lex_classes(lx, "Soviet Union", 12) & NG_LEX_COUNTRY);
    ng_lexicon_free(lx);
}

static void test_titles_outside_names(void **state)
{
    ng_doc_result *r = run("French Foreign Minister Amelie Durand met Polish officials in Lisbon.\n");
    const ng_mention *p = find(r, "Amelie Durand");
    assert_non_null(p);
    assert_int_equal(p->type, NG_PERSON);
    assert_null(find(r, "French Foreign Minister Amelie Durand"));
    assert_null(find(r, "Polish")); /* a nationality adjective is not a place */
    const ng_mention *l = find(r, "Lisbon");
    assert_non_null(l);
    assert_int_equal(l->type, NG_PLACE);
    /* the role is kept, with the country of the demonym */
    assert_int_equal(r->roles.n, 1);
    assert_string_equal(r->roles.v[0].title, "Foreign Minister");
    assert_string_equal(r->roles.v[0].of_name, "France");
    ng_doc_result_free(r);
}

static void test_possessive_and_variants(void **state)
{
    ng_doc_result *r = run("The talks covered Britain’s trade and the UK economy, said Tomas Varga.\n");
    const ng_mention *b = find(r, "Britain");
    assert_non_null(b);
    assert_string_equal(b->canon, "United Kingdom");
    assert_int_equal(b->type, NG_PLACE);
    const ng_mention *u = find(r, "UK");
    assert_non_null(u);
    assert_string_equal(u->canon, "United Kingdom");
    assert_non_null(find(r, "Tomas Varga"));
    ng_doc_result_free(r);
}

static void test_org_words_and_acronyms(void **state)
{
    ng_doc_result *r = run("Analysts at Northwind Capital told the Ministry of Transport that ZXQ would "
                           "report on Friday.\n");
    const ng_mention *a = find(r, "Northwind Capital");
    assert_non_null(a);
    assert_int_equal(a->type, NG_ORG);
    const ng_mention *m = find(r, "Ministry of Transport");
    assert_non_null(m);
    assert_int_equal(m->type, NG_ORG);
    const ng_mention *z = find(r, "ZXQ");
    assert_non_null(z);
    assert_int_equal(z->type, NG_ORG);
    assert_null(find(r, "Friday"));
    ng_doc_result_free(r);
}

static void test_sentence_initial_is_weak(void **state)
{
    ng_doc_result *r = run("Prospects look dim. Officials in Quito said Bramwell would stay.\n");
    const ng_mention *p = find(r, "Prospects");
    if (p)
        assert_true(p->conf < 0.35f);
    const ng_mention *q = find(r, "Quito");
    assert_non_null(q);
    assert_true(q->conf >= 0.35f);
    ng_doc_result_free(r);
}

static void test_appositive_role(void **state)
{
    ng_doc_result *r = run("The plan was drafted by Ilse Marten, the bank's chief economist, last week.\n");
    int found = 0;
    for (size_t i = 0; i < r->roles.n; i++)
        if (strcmp(r->roles.v[i].title, "chief economist") == 0 &&
            strcmp(r->mentions.v[r->roles.v[i].person].text, "Ilse Marten") == 0)
            found = 1;
    assert_true(found);
    ng_doc_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon),
        cmocka_unit_test(test_titles_outside_names),
        cmocka_unit_test(test_possessive_and_variants),
        cmocka_unit_test(test_org_words_and_acronyms),
        cmocka_unit_test(test_sentence_initial_is_weak),
        cmocka_unit_test(test_appositive_role),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
