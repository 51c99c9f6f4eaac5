/* Unit tests: events from triggers (src/extract/events.c): kind, date of the clause,
 * place, participants and their roles, references back to an earlier event; sentences
 * written for the test (made-up people), rule-based names. */
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

/* The n-th event of kind `kind`, or NULL. */
static const ng_event_m *event(const ng_doc_result *r, const char *kind, int n)
{
    for (size_t i = 0; i < r->events.n; i++)
        if (strcmp(r->events.v[i].kind, kind) == 0 && n-- == 0)
            return &r->events.v[i];
    return NULL;
}

/* Role of the participant called `name` (a mention's canonical name or a demonym's
 * country), or NULL if it does not take part. */
static const char *part(const ng_doc_result *r, const ng_event_m *e, const char *name)
{
    for (size_t i = 0; i < e->parts.n; i++) {
        const ng_part_m *p = &e->parts.v[i];
        const char *n = p->mention >= 0 ? r->mentions.v[p->mention].canon : p->name;
        if (strcmp(n, name) == 0)
            return p->role;
    }
    return NULL;
}

static const char *place(const ng_doc_result *r, const ng_event_m *e)
{
    return e->place >= 0 ? r->mentions.v[e->place].canon : NULL;
}

/* The value of the event's date, or NULL; and the timex whose text is `text` must be it. */
static void date_is(const ng_doc_result *r, const ng_event_m *e, const char *text)
{
    if (!text) {
        assert_int_equal(e->timex, -1);
        return;
    }
    assert_true(e->timex >= 0);
    assert_string_equal(r->timexes.v[e->timex].text, text);
}

static void test_summit_place_and_date(void **state)
{
    ng_doc_result *r = run("date 2024-03-05\n\nIn a statement from the ACME summit in Lima in June 2023, Chile "
                           "backed the plan. Leaders met at the Oslo summit.\n");
    const ng_event_m *e = event(r, "summit", 0);
    assert_non_null(e);
    assert_string_equal(place(r, e), "Lima"); /* "in X" after the trigger */
    date_is(r, e, "June 2023");
    assert_string_equal(r->timexes.v[e->timex].value, "2023-06");
    assert_string_equal(part(r, e, "ACME"), "host"); /* "<Org> summit" */
    assert_string_equal(part(r, e, "Chile"), "party"); /* the subject after a fronted phrase */
    assert_null(part(r, e, "Lima"));                   /* the place is not a participant */
    /* the evidence is the clause, the trigger inside it */
    assert_true(e->start <= e->trig_start && e->trig_end <= e->end);
    e = event(r, "summit", 1);
    assert_non_null(e);
    assert_string_equal(place(r, e), "Oslo"); /* "<City> summit" */
    date_is(r, e, NULL);
    ng_doc_result_free(r);
}

static void test_talks_between(void **state)
{
    ng_doc_result *r = run("date 2025-05-31\n\nNegotiations between Chile and Peru are scheduled to resume "
                           "in Santiago on Monday. Peru and Bolivia held earlier Lima talks in 2019.\n");
    const ng_event_m *e = r->events.n ? &r->events.v[0] : NULL;
    assert_non_null(e);
    assert_string_equal(place(r, e), "Santiago");
    date_is(r, e, "Monday");
    assert_string_equal(part(r, e, "Chile"), "party");
    assert_string_equal(part(r, e, "Peru"), "party");
    e = r->events.n > 1 ? &r->events.v[1] : NULL;
    assert_non_null(e);
    assert_string_equal(e->kind, "talks");
    assert_string_equal(place(r, e), "Lima");
    date_is(r, e, "2019");
    assert_non_null(part(r, e, "Bolivia"));
    ng_doc_result_free(r);
}

static void test_interview_roles(void **state)
{
    ng_doc_result *r = run("date 2025-05-31\n\nIn an interview with the Daily Herald on Thursday, Ana Morales "
                           "addressed the plan of Chile.\n");
    const ng_event_m *e = event(r, "interview", 0);
    assert_non_null(e);
    date_is(r, e, "Thursday");
    assert_string_equal(part(r, e, "Daily Herald"), "host");
    assert_string_equal(part(r, e, "Ana Morales"), "speaker");
    assert_null(part(r, e, "Chile")); /* another chunk of the sentence */
    ng_doc_result_free(r);
}

/* An event named after "after"/"before"/"since" is a landmark for the clause's own event:
 * the clause's date is not its date, unless it follows the trigger in its own phrase. */
static void test_landmark_events(void **state)
{
    ng_doc_result *r = run("date 2026-03-12\n\nGovernor Ana Ruiz told reporters after the meeting that the board "
                           "would review the decision in April. Troops left on Friday after an attack on the Vela "
                           "base on Thursday. Ana Ruiz spoke on Sunday after talks with Peru.\n");
    const ng_event_m *e = event(r, "meeting", 0);
    assert_non_null(e);
    date_is(r, e, NULL); /* April is the review's, in the clause after "that" */
    e = event(r, "attack", 0);
    assert_non_null(e);
    date_is(r, e, "Thursday"); /* its own date, not Friday before "after" */
    e = event(r, "talks", 0);
    assert_non_null(e);
    date_is(r, e, NULL); /* Sunday is when she spoke */
    ng_doc_result_free(r);
    /* a statement is not dated by what it reports */
    r = run("date 2026-03-12\n\nChile said in a statement that Ana Ruiz would travel to Lima in June.\n");
    e = event(r, "statement", 0);
    assert_non_null(e);
    date_is(r, e, NULL);
    ng_doc_result_free(r);
    /* a clause after the preposition keeps its date; so does "during" */
    r = run("date 2026-03-12\n\nThe border has been calm since Chile attacked the Vela base in 1999. Chile and "
            "Peru reached a deal in 2022 during talks in Lima.\n");
    e = event(r, "attack", 0);
    assert_non_null(e);
    date_is(r, e, "1999");
    e = event(r, "talks", 0);
    assert_non_null(e);
    date_is(r, e, "2022");
    ng_doc_result_free(r);
}

static void test_clauses_and_fronted_date(void **state)
{
    ng_doc_result *r = run("In 2019, Chile proposed a trade pact, but Peru rejected it. Ana Morales praised "
                           "the plan but ruled out any deal.\n");
    const ng_event_m *e = event(r, "proposal", 0);
    assert_non_null(e);
    date_is(r, e, "2019");
    assert_string_equal(part(r, e, "Chile"), "party"); /* a verb trigger: Chile is not the place */
    assert_null(place(r, e));
    assert_null(part(r, e, "Peru")); /* the other clause */
    e = event(r, "rejection", 0);
    assert_non_null(e);
    date_is(r, e, "2019"); /* the date fronting the sentence */
    assert_non_null(part(r, e, "Peru"));
    assert_null(part(r, e, "Chile"));
    /* "but ruled out any deal": the clause shares the sentence's subject */
    e = event(r, "agreement", 0);
    assert_non_null(e);
    assert_non_null(part(r, e, "Ana Morales"));
    ng_doc_result_free(r);
}

static void test_speakers_and_targets(void **state)
{
    ng_doc_result *r = run("\"The summit will go ahead,\" said Ana Morales. Rebels attacked Chad overnight. "
                           "Luis Vega urged Chile's envoy Ivo Marsh to attend the meeting. Peruvian officials "
                           "welcomed the ceasefire. Defense Minister Karl Brenner arrived. The minister said the "
                           "visit to Oslo went well.\n");
    const ng_event_m *e = event(r, "summit", 0);
    assert_non_null(e);
    assert_string_equal(part(r, e, "Ana Morales"), "speaker"); /* speech attribution */
    e = event(r, "attack", 0);
    assert_non_null(e);
    assert_string_equal(part(r, e, "Chad"), "target");
    e = event(r, "meeting", 0);
    assert_non_null(e);
    assert_string_equal(part(r, e, "Ivo Marsh"), "target");
    assert_null(part(r, e, "Chile")); /* the holder of Ivo Marsh's role, not a participant */
    e = event(r, "ceasefire", 0);
    assert_non_null(e);
    assert_string_equal(part(r, e, "Peru"), "party"); /* a demonym names the country */
    e = event(r, "visit", 0);
    assert_non_null(e);
    assert_string_equal(part(r, e, "Karl Brenner"), "speaker"); /* "the minister said" */
    ng_doc_result_free(r);
}

static void test_definite_refers_back(void **state)
{
    ng_doc_result *r = run("Talks between Chile and Peru opened in Lima on Monday. Luis Vega praised the talks. "
                           "Nobody doubted the talks would end soon.\n");
    assert_true(r->events.n >= 2);
    const ng_event_m *first = &r->events.v[0];
    assert_string_equal(first->kind, "talks");
    assert_int_equal(first->antecedent, 0);
    for (size_t i = 1; i < r->events.n; i++)
        assert_int_equal(r->events.v[i].antecedent, 1); /* 1 + index of the first talks */
    /* an event with nobody, nowhere and nothing to refer back to is not kept */
    ng_doc_result *r2 = run("The talks were long. Then nobody came to the summit.\n");
    assert_int_equal(r2->events.n, 0);
    ng_doc_result_free(r2);
    ng_doc_result_free(r);
}

static void test_headlines_skipped(void **state)
{
    ng_doc_result *r = run("Chile and Peru Resume Lima Talks\n\nThe weather was fine in Lima.\n");
    assert_int_equal(r->events.n, 0);
    ng_doc_result_free(r);
}

/* ng_word_bits gives, for every token, what tok_in gives for each list: words in and out
 * of the lists in any case, punctuation (one and several bytes), a word sharing a listed
 * word's first letter and length, empty and long tokens. */
static void test_word_bits_equal_tok_in(void **state)
{
    (void)state;
    static const char *const A[] = {";", "but", "while", "whereas", "although", "yet", NULL};
    static const char *const B[] = {",", "(", "\xe2\x80\x9c", "\xe2\x80\x94", "said", "the", NULL};
    static const char *const EMPTY[] = {NULL};
    static const char *const *const LISTS[] = {A, B, EMPTY};
    const char *text = "But the talks, BUT NOT THE WAR; went on (while \xe2\x80\x9cYet\xe2\x80\x9d Although whereas "
                       "bat The tHe said SAID sail \xe2\x80\x94 whilst yes a yetis - butter, "
                       "Supercalifragilisticexpialidocious-and-then-some, 2024.";
    ng_tokens tk;
    assert_int_equal(ng_text_analyze(&tk, text, strlen(text)), 0);
    uint8_t *bits;
    assert_int_equal(ng_word_bits(text, &tk, LISTS, 3, &bits), 0);
    int seen[3] = {0};
    for (size_t k = 0; k < tk.ntoks; k++)
        for (size_t b = 0; b < 3; b++) {
            int in = tok_in(text, &tk.toks[k], LISTS[b]);
            seen[b] += in;
            assert_int_equal(!!(bits[k] & (1u << b)), in);
        }
    assert_true(seen[0] == 7 && seen[1] == 12 && seen[2] == 0); /* the text does test both ways */
    free(bits);
    ng_tokens_free(&tk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_bits_equal_tok_in),
        cmocka_unit_test(test_summit_place_and_date),
        cmocka_unit_test(test_talks_between),
        cmocka_unit_test(test_interview_roles),
        cmocka_unit_test(test_clauses_and_fronted_date),
        cmocka_unit_test(test_landmark_events),
        cmocka_unit_test(test_speakers_and_targets),
        cmocka_unit_test(test_definite_refers_back),
        cmocka_unit_test(test_headlines_skipped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
