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
#include "text_ref.h"

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

/* ng_text_analyze equals the plain implementation (text_ref.h) on text[0..len), given
 * in a buffer of exactly len bytes (so a read past the end shows under ASan). */
static void same_as_ref(const char *text, size_t len)
{
    char *buf = malloc(len ? len : 1);
    assert_non_null(buf);
    memcpy(buf, text, len);
    ng_tokens a, b;
    assert_int_equal(ng_text_analyze(&a, buf, len), 0);
    assert_int_equal(ref_text_analyze(&b, buf, len), 0);
    if (a.ntoks != b.ntoks || a.nsents != b.nsents)
        fail_msg("%zu/%zu tokens, %zu/%zu sentences for \"%.*s\"", a.ntoks, b.ntoks, a.nsents, b.nsents, (int)len, text);
    for (size_t i = 0; i < a.ntoks; i++)
        if (a.toks[i].start != b.toks[i].start || a.toks[i].end != b.toks[i].end || a.toks[i].flags != b.toks[i].flags)
            fail_msg("token %zu: [%u,%u) %#x, want [%u,%u) %#x, in \"%.*s\"", i, a.toks[i].start, a.toks[i].end,
                     a.toks[i].flags, b.toks[i].start, b.toks[i].end, b.toks[i].flags, (int)len, text);
    for (size_t i = 0; i < a.nsents; i++)
        assert_memory_equal(&a.sents[i], &b.sents[i], sizeof a.sents[i]);
    ng_tokens_free(&a);
    ng_tokens_free(&b);
    free(buf);
}

/* Pieces of text the random documents below are made of: every abbreviation the tokenizer
 * knows (and near misses), initials, clitics, quotes and brackets of both kinds, digits
 * with , . : /, non-ASCII letters, digits, marks, spaces and punctuation, bytes that are
 * not UTF-8, and the words after which an abbreviation may end a sentence. */
static const char *const PIECES[] = {
    "mr", "Mr", "MRS", "ms", "Dr", "prof", "Gen", "lt", "Col", "maj", "capt", "cpt", "Sgt", "adm", "gov", "Sen",
    "rep", "Rev", "st", "Sr", "jr", "Messrs", "mt", "Ft", "hon", "pres", "supt", "jan", "Feb", "mar", "APR", "jun",
    "jul", "aug", "sep", "Sept", "oct", "nov", "Dec", "inc", "Corp", "co", "Ltd", "bros", "No", "vs", "etc",
    "approx", "dept", "univ", "assn", "ave", "blvd", "rd", "cmdr", "brig", "vol", "fig", "est", "mrx", "messrsx",
    "a", "aa", "zz", "Mx", "J", "R", "x", "U.S", "U.K", "a.m", "p.m", "e.g", "Ph.D", "The", "He", "She", "It",
    "They", "We", "I", "But", "In", "This", "That", "A", "An", "There", "His", "Her", "Their", "Its", "On", "At",
    "As", "Then", "the", "news", "NATO", "iPhone", "McDonald", "O'Neil", "Smith's", "Jones'", "isn't", "can't",
    "CAN'T", "they're", "we've", "you'll", "I'd", "I'm", "rock'n'roll", "Maria\xe2\x80\x99s",
    "don\xe2\x80\x99t", "\xe2\x80\x98" "em", "\xca\xbcx", "3", "42", "1,000", "3.5", "8:30", "3/8", "1,", ",5",
    "2024.", "1.2.3", "$", "%", "&", "AT&T", "-", "--", "---", "\xe2\x80\x91", "x\xe2\x80\x91y", "/", ":", ";",
    ",", ".", "..", "...", "....", "!", "?", "?!", "\"", "'", "(", ")", "[", "]", "{", "}", "\xe2\x80\x9c",
    "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99", "\xe2\x80\xa6", "\xe2\x80\x94", "\xc2\xab", "\xc2\xbb",
    "\xc3\xa9t\xc3\xa9", "\xc3\x89MILE", "Stra\xc3\x9f" "e", "\xc5\x81\xc3\xb3" "d\xc5\xba", "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1",
    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", "\xe6\x9d\xb1\xe4\xba\xac", "\xc7\x85" "a", "e\xcc\x81", "\xcc\x81",
    "\xd9\xa3", "\xc2\xaa", "\xc2\xb5", "\xc2\xba", "x\xc2\xaa", "\xc2\xb2", "\xef\xbc\xa1", "\xe2\x82\xac",
    "\xff", "\xc3", "\xe2\x80", "@", "#", "_", "*", "`", "~", "\x7f", "\x01",
};
static const char *const GAPS[] = {
    "", "", "", " ", " ", " ", " ", "  ", "\n", "\n\n", "\n \n", "\t", "\r\n", "\f", "\v",
    "\xc2\xa0", "\xe2\x80\xa8", "\xe3\x80\x80", "\xe2\x80\x8b", "\xef\xbb\xbf", ".", ". ", ".\n", "'", "\xe2\x80\x99",
    "-", ",", ":", "/", "&",
};

/* A fixed pseudo-random sequence (the test is the same on every run). */
static uint32_t next_rand(uint64_t *st)
{
    *st = *st * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)(*st >> 33);
}

static void test_fast_path_same_as_ref(void **state)
{
    static const char *const fixed[] = {
        "Mr. Smith met Dr. J. R. R. Tolkien at 8:30 a.m. on Jan. 5. The U.S. Sen. Kerry's aide didn't come.",
        "He paid $1,200.50 for 3/8 of it, i.e. 37.5%. Then he left... \"Why?\" she asked. (No. 5.) 'Yes.'",
        "\xe2\x80\x9cWe\xe2\x80\x99re done,\xe2\x80\x9d said Jos\xc3\xa9 \xc3\x81lvarez\xe2\x80\x99s aide \xe2\x80\x94 "
        "in S\xc3\xa3o Paulo\xe2\x80\xa6 The end.",
        "A HEADLINE IN CAPS\n\nBody text, wrapped\nin the middle. And a list:\n1. first\n2. second\n",
        "Co. Ltd. Inc. Corp. etc. The vs. No. St. approx. They fig. It\n(Reuters) - U.N. officials said.",
        "ST. LOUIS \xc2\xaa. \xc2\xb5. x\xc2\xba. e.\xc2\xaa. A.B\xc2\xba.",
        "rock\xe2\x80\x91n\xe2\x80\x91roll \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0. \xce\x91\xce\xb8. "
        "\xe6\x9d\xb1\xe4\xba\xac\xe3\x80\x82 caf\xc3\xa9. Caf\xc3\xa9s' e\xcc\x81t\xc3\xa9.",
        "bad \xff\xfe bytes \xc3 and \xe2\x80 cut",
        "1,000,000 1,a a,1 1:a 1/ /1 3.a a.3 x.y. x.Y. O'Neil's Jones' rock'n'roll Smith's.",
        "end with an abbreviation Mr.",
        "Dr",
        "'s",
        "",
    };
    for (size_t f = 0; f < sizeof fixed / sizeof *fixed; f++) {
        size_t n = strlen(fixed[f]);
        /* every prefix: each way a document can end inside a word, a joiner or a character */
        for (size_t k = 0; k <= n; k++)
            same_as_ref(fixed[f], k);
    }
    /* dense text, more tokens than bytes/6: the token buffer grows, also between a word and
     * its clitic */
    static const char *const dense[] = {"x's ", "I'm", ".,", "a.", "\xe2\x80\x9c", "n't", "1,1 "};
    char big[6000];
    for (size_t d = 0; d < sizeof dense / sizeof *dense; d++) {
        size_t n = 0, l = strlen(dense[d]);
        while (n + l <= sizeof big) {
            memcpy(big + n, dense[d], l);
            n += l;
        }
        for (size_t k = n - 64; k <= n; k++)
            same_as_ref(big, k);
    }
    uint64_t st = 2026;
    char doc[2048];
    for (int d = 0; d < 4000; d++) {
        size_t n = 0, pieces = 1 + next_rand(&st) % 40;
        for (size_t p = 0; p < pieces; p++) {
            const char *a = PIECES[next_rand(&st) % (sizeof PIECES / sizeof *PIECES)];
            const char *g = GAPS[next_rand(&st) % (sizeof GAPS / sizeof *GAPS)];
            size_t la = strlen(a), lg = strlen(g);
            if (n + la + lg > sizeof doc)
                break;
            memcpy(doc + n, a, la);
            memcpy(doc + n + la, g, lg);
            n += la + lg;
        }
        same_as_ref(doc, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_possessive_and_punct), cmocka_unit_test(test_abbreviations_and_numbers),
        cmocka_unit_test(test_sentences_and_lines),  cmocka_unit_test(test_sanitize_keeps_offsets),
        cmocka_unit_test(test_fold),                 cmocka_unit_test(test_empty),
        cmocka_unit_test(test_fold_ascii_same_rules), cmocka_unit_test(test_fold_arena),
        cmocka_unit_test(test_fast_path_same_as_ref),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
