/* Unit tests: lexicons and rule-based names (src/extract/lexicon.c, names.c), on
 * sentences written for the test (made-up people). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <cmocka.h>
#include "newsgraph/newsgraph.h"
#include "extract/lexicon.h"
#include "extract/result.h"
#include "text/text.h"
#include "util/util.h"

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

/* A wire dateline in capitals names a place, written as in running text; an acronym in
 * capitals elsewhere stays an organization. */
static void test_datelines_in_capitals(void **state)
{
    static const struct {
        const char *text, *written, *canon;
    } CASES[] = {
        {"BRAMSTEAD, March 12 (Reuters) - The council met on Wednesday.\n", "BRAMSTEAD", "Bramstead"},
        {"Storm hits coast\n\nPORT ELLWICK, Norland (AP) -- Waves hit the pier.\n", "PORT ELLWICK", "Port Ellwick"},
        {"SAN TOMAS DE LA VEGA, May 3 (Reuters) - Prices rose.\n", "SAN TOMAS DE LA VEGA", "San Tomas de la Vega"},
        {"LISBON (AP) -- The vote was close.\n", "LISBON", "Lisbon"}, /* known: the lexicon's name */
        {"O'DARRAGH, March 12 (Reuters) - The ferry sank.\n", "O'DARRAGH", "O'Darragh"},
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        ng_doc_result *r = run(CASES[i].text);
        const ng_mention *m = find(r, CASES[i].written);
        if (!m)
            fprintf(stderr, "no mention \"%s\" in \"%s\"\n", CASES[i].written, CASES[i].text);
        assert_non_null(m);
        assert_int_equal(m->type, NG_PLACE);
        assert_string_equal(m->canon, CASES[i].canon);
        ng_doc_result_free(r);
    }
    /* not a dateline: an acronym in a sentence, or capitals with no agency nor date after */
    ng_doc_result *r = run("Officials said ZANTO, the regulator, would decide.\nHEADLINE - Markets fall\n");
    const ng_mention *z = find(r, "ZANTO");
    assert_non_null(z);
    assert_int_equal(z->type, NG_ORG);
    const ng_mention *h = find(r, "HEADLINE");
    assert_true(!h || h->type != NG_PLACE);
    ng_doc_result_free(r);
}

/* A person's name with lower-case particles is one name; a name inside a time expression
 * is a piece of a date. */
static void test_particles_and_dates(void **state)
{
    ng_doc_result *r = run("Officials said Marta van der Berg and Henri de Castellane met Omar bin Rashed.\n");
    static const char *const FULL[] = {"Marta van der Berg", "Henri de Castellane", "Omar bin Rashed"};
    for (size_t i = 0; i < 3; i++) {
        const ng_mention *m = find(r, FULL[i]);
        if (!m)
            fprintf(stderr, "no mention \"%s\"\n", FULL[i]);
        assert_non_null(m);
        assert_int_equal(m->type, NG_PERSON);
    }
    assert_null(find(r, "Castellane"));
    ng_doc_result_free(r);
    r = run("Quito talks will resume before Christmas Eve, said Tomas Varga.\n");
    assert_null(find(r, "Christmas Eve"));
    assert_non_null(find(r, "Tomas Varga"));
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

/* A pseudo-random number below m. */
static uint64_t rnd(uint64_t *x, uint64_t m)
{
    *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
    return (*x >> 33) % m;
}

/* A copy of the data directory in dir, with `line` added to places.txt. */
static void data_copy(char *dir, const char *line)
{
    static const char *const files[] = {"variants.txt", "titles.txt", "title_qualifiers.txt", "orgwords.txt",
                                        "places.txt", "stopcaps.txt", "demonyms.txt", "triggers.txt"};
    assert_non_null(mkdtemp(dir));
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char from[512], to[512], *data;
        size_t len;
        snprintf(from, sizeof from, "%s/data/%s", NG_SOURCE_DIR, files[i]);
        snprintf(to, sizeof to, "%s/%s", dir, files[i]);
        assert_int_equal(ng_read_file(from, 0, &data, &len), 0);
        FILE *fp = fopen(to, "wb");
        assert_non_null(fp);
        assert_int_equal(fwrite(data, 1, len, fp), len);
        if (strcmp(files[i], "places.txt") == 0)
            fprintf(fp, "\n%s\n", line);
        fclose(fp);
        free(data);
    }
}

/* Remove the copy made by data_copy. */
static void data_remove(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    assert_non_null(d);
    while ((e = readdir(d))) {
        char path[512];
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* ng_lex_classes through the thread's cache equals the uncached lookups for lexicons a
 * (the project's) and b (the same with one more city), interleaved. */
static void same_classes(const ng_lexicon *a, const ng_lexicon *b, const char *s, size_t n)
{
    assert_int_equal(ng_lex_classes(a, s, n), ng_lex_classes_uncached(a, s, n));
    assert_int_equal(ng_lex_classes(b, s, n), ng_lex_classes_uncached(b, s, n));
}

/* The per-thread class cache: real tokens and phrases of the seed articles (each looked up
 * many times), near copies of them (other case, a byte changed, cut, lengthened, NUL
 * bytes), near copies of known names, random bytes, through two lexicons that differ in
 * one word. */
static void test_lexicon_class_cache(void **state)
{
    char dir[] = "/tmp/ng-lexcache-XXXXXX";
    ng_lexicon *a, *b;
    data_copy(dir, "Zorblaxville");
    assert_int_equal(ng_lexicon_load(&a, NG_SOURCE_DIR "/data", NULL), 0);
    assert_int_equal(ng_lexicon_load(&b, dir, NULL), 0);
    data_remove(dir);
    assert_int_equal(ng_lex_classes_uncached(a, "Zorblaxville", 12), 0);
    assert_true(ng_lex_classes_uncached(b, "Zorblaxville", 12) & NG_LEX_CITY);
    uint64_t x = 7;
    size_t seen = 0, known = 0;
    DIR *d = opendir(NG_SOURCE_DIR "/seeds");
    struct dirent *e;
    assert_non_null(d);
    while ((e = readdir(d))) {
        char path[512], *text;
        size_t len;
        ng_tokens tk;
        if (!strstr(e->d_name, ".txt"))
            continue;
        snprintf(path, sizeof path, "%s/seeds/%s", NG_SOURCE_DIR, e->d_name);
        assert_int_equal(ng_read_file(path, 0, &text, &len), 0);
        assert_int_equal(ng_text_analyze(&tk, text, len), 0);
        for (int round = 0; round < 3; round++)
            for (size_t i = 0; i < tk.ntoks; i++) {
                const ng_token *t = &tk.toks[i];
                size_t n = t->end - t->start;
                char m[40];
                same_classes(a, b, text + t->start, n);
                known += ng_lex_classes(a, text + t->start, n) != 0;
                seen++;
                for (size_t l = 2; l <= 4 && i + l <= tk.ntoks; l++) /* phrases */
                    same_classes(a, b, text + t->start, tk.toks[i + l - 1].end - t->start);
                if (n >= sizeof m - 2)
                    continue;
                memcpy(m, text + t->start, n);
                m[0] ^= 0x20; /* other case */
                same_classes(a, b, m, n);
                m[0] ^= 0x20;
                m[rnd(&x, n)] = (char)(rnd(&x, 2) ? 'a' + rnd(&x, 26) : rnd(&x, 256));
                same_classes(a, b, m, n);
                memcpy(m, text + t->start, n);
                m[n] = rnd(&x, 2) ? '\0' : 's';
                same_classes(a, b, m, n + 1);
                same_classes(a, b, m, n > 2 ? n - 1 : n);
            }
        ng_tokens_free(&tk);
        free(text);
    }
    closedir(d);
    assert_true(seen > 1000 && known > 100);
    /* known names of 9..23 bytes, and strings that differ from one in one 8-byte word of
     * the key (its bytes or, in the last, also the length): in a slot shared with the name, only
     * an exact comparison of that word tells them apart (each such string has a fresh
     * chance to share its slot) */
    static const char *const names[] = {"United Arab Emirates", "Bosnia and Herzegovina", "Trinidad and Tobago",
                                        "Soviet Union", "Czech Republic"};
    for (int it = 0; it < 1000000; it++) {
        const char *nm = names[rnd(&x, sizeof names / sizeof *names)];
        size_t len = strlen(nm), n;
        char m[40];
        uint32_t c = ng_lex_classes(a, nm, len);
        assert_true(c != 0);
        assert_int_equal(c, ng_lex_classes_uncached(a, nm, len));
        for (size_t w = 0; w * 8 < len; w++) {
            size_t end = w * 8 + 8 < len ? w * 8 + 8 : len;
            memcpy(m, nm, len);
            n = len;
            m[w * 8 + rnd(&x, end - w * 8)] ^= (char)(1 + rnd(&x, 255));
            for (size_t i = w * 8; i < end; i++)
                if (rnd(&x, 2))
                    m[i] = (char)(1 + rnd(&x, 255));
            if (end == len && rnd(&x, 2)) /* the length */
                for (size_t k = 1 + rnd(&x, 3); k > 0 && n < NG_KEY24 - 1; k--)
                    m[n++] = (char)(1 + rnd(&x, 255));
            assert_int_equal(ng_lex_classes(a, m, n), ng_lex_classes_uncached(a, m, n));
        }
        if (it % 16)
            continue;
        /* random bytes, and the word only b knows */
        n = 1 + rnd(&x, 30);
        for (size_t i = 0; i < n; i++)
            m[i] = (char)(rnd(&x, 3) ? 'a' + rnd(&x, 3) : rnd(&x, 256));
        same_classes(a, b, m, n);
        same_classes(a, b, "Zorblaxville", 12);
    }
    ng_lexicon_free(b);
    ng_lexicon_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexicon),
        cmocka_unit_test(test_lexicon_class_cache),
        cmocka_unit_test(test_titles_outside_names),
        cmocka_unit_test(test_possessive_and_variants),
        cmocka_unit_test(test_org_words_and_acronyms),
        cmocka_unit_test(test_sentence_initial_is_weak),
        cmocka_unit_test(test_datelines_in_capitals),
        cmocka_unit_test(test_particles_and_dates),
        cmocka_unit_test(test_appositive_role),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
