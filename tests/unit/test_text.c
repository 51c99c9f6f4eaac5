/* Unit tests: UTF-8 handling, tokenization and sentence splitting (src/text). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "text/text.h"

/* The text of token i. */
static char *tok(const char *text, const ng_tokens *t, size_t i)
{
    static char buf[128];
    size_t n = t->toks[i].end - t->toks[i].start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, text + t->toks[i].start, n);
    buf[n] = '\0';
    return buf;
}

static void test_possessive_and_punct(void **state)
{
    const char *s = "Maria’s plan, said Dr. Lee, isn't new.";
    ng_tokens t;
    assert_int_equal(ng_text_analyze(&t, s, strlen(s)), 0);
    const char *want[] = {"Maria", "’s", "plan", ",", "said", "Dr.", "Lee", ",", "is", "n't", "new", "."};
    assert_int_equal(t.ntoks, 12);
    for (size_t i = 0; i < 12; i++)
        assert_string_equal(tok(s, &t, i), want[i]);
    assert_true(t.toks[1].flags & NG_TOK_POSS);
    assert_true(t.toks[0].flags & NG_TOK_SENT_START);
    assert_int_equal(t.nsents, 1);
    ng_tokens_free(&t);
}

static void test_abbreviations_and_numbers(void **state)
{
    const char *s = "The U.S. economy grew 3.5% to $1,200 at 8:30 a.m. on Jan. 5. Then it fell.";
    ng_tokens t;
    assert_int_equal(ng_text_analyze(&t, s, strlen(s)), 0);
    assert_string_equal(tok(s, &t, 1), "U.S.");
    assert_string_equal(tok(s, &t, 4), "3.5");
    assert_string_equal(tok(s, &t, 7), "$");
    assert_string_equal(tok(s, &t, 8), "1,200");
    assert_string_equal(tok(s, &t, 10), "8:30");
    assert_string_equal(tok(s, &t, 11), "a.m.");
    assert_string_equal(tok(s, &t, 13), "Jan.");
    /* "Jan. 5." does not end the sentence after Jan., but after 5. */
    assert_int_equal(t.nsents, 2);
    assert_string_equal(tok(s, &t, t.sents[1].tok_begin), "Then");
    ng_tokens_free(&t);
}

static void test_sentences_and_lines(void **state)
{
    const char *s = "A headline without a stop\n\nFirst sentence here. Second one “quoted.” Third?\n"
                    "A line that is wrapped in the middle of a\nsentence continues here.\n";
    ng_tokens t;
    assert_int_equal(ng_text_analyze(&t, s, strlen(s)), 0);
    assert_int_equal(t.nsents, 5);
    assert_true(t.sents[0].flags & NG_SENT_HEADLINE);
    assert_false(t.sents[1].flags & NG_SENT_HEADLINE);
    /* the wrapped line is one sentence */
    assert_string_equal(tok(s, &t, t.sents[4].tok_begin), "A");
    assert_string_equal(tok(s, &t, t.sents[4].tok_end - 1), ".");
    /* offsets are byte offsets of the input */
    for (size_t i = 0; i < t.ntoks; i++)
        assert_true(t.toks[i].end <= strlen(s) && t.toks[i].start < t.toks[i].end);
    ng_tokens_free(&t);
}

static void test_sanitize_keeps_offsets(void **state)
{
    char s[] = "ok \xff\xfe bad \x01 nul";
    size_t n = sizeof s - 1;
    size_t fixed = ng_utf8_sanitize(s, n);
    assert_int_equal(fixed, 3);
    assert_int_equal(strlen(s), n);
    assert_memory_equal(s, "ok ?? bad   nul", n);
}

static void test_fold(void **state)
{
    char *f = ng_fold("Kraków’s  “Old” Town", strlen("Kraków’s  “Old” Town"), 0);
    assert_string_equal(f, "Krakow's \"Old\" Town");
    free(f);
    f = ng_fold("ÉCOLE", 6, 1);
    assert_string_equal(f, "ecole");
    free(f);
}

/* ASCII text takes a shorter path through ng_fold: the same rules (white space runs to one
 * space, none at the ends, ` to ', case lowered on request) as text with other characters. */
static void test_fold_ascii_same_rules(void **state)
{
    static const char *const cases[][3] = {
        /* input, folded, lowered */
        {" \t Al  `Abd`\n\r\f\vAl-Rahman \t", "Al 'Abd' Al-Rahman", "al 'abd' al-rahman"},
        {"", "", ""},
        {" \n ", "", ""},
        {"A\x01B", "A\x01B", "a\x01b"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        for (int lower = 0; lower < 2; lower++) {
            char *f = ng_fold(cases[i][0], strlen(cases[i][0]), lower);
            assert_string_equal(f, cases[i][1 + lower]);
            free(f);
            /* with a non-ASCII character after it: the general path, the same prefix */
            char buf[128];
            snprintf(buf, sizeof buf, "%s\xc3\xa9", cases[i][0]);
            f = ng_fold(buf, strlen(buf), lower);
            char want[128];
            const char *w = cases[i][1 + lower];
            int space = strlen(cases[i][0]) > 0 && strchr(" \t\n\r\f\v", cases[i][0][strlen(cases[i][0]) - 1]) && *w;
            snprintf(want, sizeof want, "%s%se", w, space ? " " : "");
            assert_string_equal(f, want);
            free(f);
        }
    }
}

/* ng_fold_arena: the same bytes as ng_fold, on both paths, in the arena. */
static void test_fold_arena(void **state)
{
    static const char *const in[] = {" \t Al  `Abd`\n Al-Rahman ", "Krak\xc3\xb3w\xe2\x80\x99s  Town", "", "\xc3\x89" "COLE"};
    ng_arena a = {0};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++)
        for (int lower = 0; lower < 2; lower++) {
            char *f = ng_fold(in[i], strlen(in[i]), lower);
            char *g = ng_fold_arena(&a, in[i], strlen(in[i]), lower);
            assert_non_null(g);
            assert_string_equal(g, f);
            free(f);
        }
    ng_arena_free(&a);
}

static void test_empty(void **state)
{
    ng_tokens t;
    assert_int_equal(ng_text_analyze(&t, "   \n\n ", 6), 0);
    assert_int_equal(t.ntoks, 0);
    assert_int_equal(t.nsents, 0);
    ng_tokens_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_possessive_and_punct), cmocka_unit_test(test_abbreviations_and_numbers),
        cmocka_unit_test(test_sentences_and_lines),  cmocka_unit_test(test_sanitize_keeps_offsets),
        cmocka_unit_test(test_fold),                 cmocka_unit_test(test_empty),
        cmocka_unit_test(test_fold_ascii_same_rules), cmocka_unit_test(test_fold_arena),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
