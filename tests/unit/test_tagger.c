/* test_tagger.c - the statistical entity tagger: features, model file, decoding. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "newsgraph/newsgraph.h"
#include "extract/lexicon.h"
#include "extract/result.h"
#include "extract/tagger_impl.h"
#include "text/text.h"
#include "util/util.h"

/* Shared resources of the decoding tests: the committed model and the lexicon. */
typedef struct {
    ng_tagger *tg;
    ng_lexicon *lx;
} fixture;

/* Tag the first sentence of text; labels/conf get one entry per token of tk. */
static size_t tag_text(const fixture *f, const char *text, ng_tokens *tk, uint8_t *lab, float *conf, size_t cap)
{
    assert_int_equal(ng_text_analyze(tk, text, strlen(text)), 0);
    assert_true(tk->nsents >= 1);
    size_t n = tk->sents[0].tok_end - tk->sents[0].tok_begin;
    assert_true(n <= cap);
    assert_int_equal(ng_tagger_tag(f->tg, f->lx, text, tk->toks + tk->sents[0].tok_begin, n, lab, conf), 0);
    return n;
}

/* Label of the token whose text is word (first occurrence); -1 if absent. */
static int label_of(const char *text, const ng_tokens *tk, const uint8_t *lab, size_t n, const char *word)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i < n; i++) {
        const ng_token *t = &tk->toks[i];
        if (t->end - t->start == wl && memcmp(text + t->start, word, wl) == 0)
            return lab[i];
    }
    return -1;
}

/* ------------------------------------------------------------------ features */

static void test_shape(void **state)
{
    (void)state;
    char b[32];
    ng_tagger_shape("Lisbon", 6, b, sizeof b);
    assert_string_equal(b, "Xx");
    ng_tagger_shape("U.S.", 4, b, sizeof b);
    assert_string_equal(b, "X.X.");
    ng_tagger_shape("1,000", 5, b, sizeof b);
    assert_string_equal(b, "d,d");
    ng_tagger_shape("McDonald", 8, b, sizeof b);
    assert_string_equal(b, "XxXx");
    ng_tagger_shape("al-Qaida", 8, b, sizeof b);
    assert_string_equal(b, "x-Xx");
    ng_tagger_shape("\xC3\x89lys\xC3\xA9" "e", 8, b, sizeof b); /* Élysée */
    assert_string_equal(b, "Xx");
    ng_tagger_shape("ABCDEFGH", 8, b, 3); /* capacity respected */
    assert_string_equal(b, "X");
}

/* Prepare the tokens of a one-sentence text. */
static size_t prep(const char *text, ng_tokens *tk, ng_tinfo *info, int *mode)
{
    assert_int_equal(ng_text_analyze(tk, text, strlen(text)), 0);
    ng_tagger_prepare(NULL, NULL, text, tk->toks, tk->ntoks, info, mode);
    return tk->ntoks;
}

static void test_features(void **state)
{
    (void)state;
    ng_tokens a, b, c;
    ng_tinfo ia[16], ib[16], ic[16];
    int ma, mb, mc;
    size_t na = prep("Officials met Maria in Lisbon.", &a, ia, &ma);
    size_t nb = prep("officials met maria in lisbon.", &b, ib, &mb);
    size_t nc = prep("Officials met Maria in Porto.", &c, ic, &mc);
    assert_int_equal(na, 6);
    assert_int_equal(nb, 6);
    assert_int_equal(ma, NG_CASE_NORMAL);
    /* the word feature is case-blind, the shape is not */
    assert_true(ia[2].w == ib[2].w);
    assert_true(ia[2].shape != ib[2].shape);
    assert_int_equal(ia[2].cap, 1);
    assert_int_equal(ib[2].cap, 0);
    /* prefixes and suffixes of the lower-cased word: "maria" and "lisbon" share none, "in" is short */
    assert_true(ia[2].pre[0] != 0 && ia[2].suf[3] != 0);
    assert_int_equal(ia[3].pre[2], 0);
    assert_true(ia[2].suf[0] == ib[2].suf[0]);
    /* features: deterministic, bounded, and they see the neighbours (window of 2) */
    uint32_t f1[NG_TAGGER_MAXF], f2[NG_TAGGER_MAXF], f3[NG_TAGGER_MAXF];
    size_t k1 = ng_tagger_features(ia, na, 2, ma, f1);
    size_t k2 = ng_tagger_features(ia, na, 2, ma, f2);
    assert_true(k1 > 20 && k1 <= NG_TAGGER_MAXF);
    assert_int_equal(k1, k2);
    assert_memory_equal(f1, f2, k1 * sizeof *f1);
    size_t k3 = ng_tagger_features(ic, nc, 2, mc, f3); /* "Lisbon" -> "Porto" two tokens to the right */
    size_t differ = 0;
    for (size_t i = 0; i < k1 && i < k3; i++)
        differ += f1[i] != f3[i];
    assert_true(differ >= 2);
    /* sentence-start flag reaches the features of the first word */
    assert_true(ia[0].flags & NG_TOK_SENT_START);
    ng_tokens_free(&a);
    ng_tokens_free(&b);
    ng_tokens_free(&c);
}

static void test_case_modes(void **state)
{
    (void)state;
    ng_tokens t;
    ng_tinfo info[16];
    int mode;
    prep("REBELS ATTACK CONVOY NEAR BORDER TOWN", &t, info, &mode);
    assert_int_equal(mode, NG_CASE_ALLCAPS);
    ng_tokens_free(&t);
    prep("Rebels Attack Convoy Near Border Town", &t, info, &mode);
    assert_int_equal(mode, NG_CASE_TITLE);
    ng_tokens_free(&t);
    prep("Rebels attacked a convoy near the border town.", &t, info, &mode);
    assert_int_equal(mode, NG_CASE_NORMAL);
    ng_tokens_free(&t);
}

static void test_viterbi_constraints(void **state)
{
    (void)state;
    /* emissions prefer I-PER everywhere: BIO forbids I-PER first, so B-PER I-PER I-PER */
    float em[3 * NG_TAGGER_ROW] = {0};
    float trans[NG_TAG_COUNT + 1][NG_TAG_COUNT] = {{0}};
    uint8_t bp[3 * NG_TAG_COUNT], out[3];
    for (int i = 0; i < 3; i++) {
        em[i * NG_TAGGER_ROW + NG_TAG_I_PER] = 5.0f;
        em[i * NG_TAGGER_ROW + NG_TAG_B_PER] = 1.0f;
    }
    ng_tagger_viterbi(em, 3, trans, bp, out);
    assert_int_equal(out[0], NG_TAG_B_PER);
    assert_int_equal(out[1], NG_TAG_I_PER);
    assert_int_equal(out[2], NG_TAG_I_PER);
    assert_false(ng_tagger_allowed(NG_TAG_O, NG_TAG_I_ORG));
    assert_false(ng_tagger_allowed(NG_TAG_B_PER, NG_TAG_I_LOC));
    assert_true(ng_tagger_allowed(NG_TAG_B_LOC, NG_TAG_I_LOC));
    assert_true(ng_tagger_allowed(NG_TAG_COUNT, NG_TAG_B_ORG));
    float conf[3];
    ng_tagger_confidence(em, 3, trans, out, 1.0f, conf);
    for (int i = 0; i < 3; i++)
        assert_true(conf[i] > 0.0f && conf[i] <= 1.0f);
    assert_true(conf[1] > 0.9f); /* I-PER wins by 5 over every other label */
}

/* Confidences are the softmax of the local scores for the tokens of a name; O tokens,
 * whose confidence nothing reads, get 1 without it being computed. */
static void test_confidence_names_only(void **state)
{
    (void)state;
    float em[3 * NG_TAGGER_ROW] = {0};
    float trans[NG_TAG_COUNT + 1][NG_TAG_COUNT] = {{0}};
    em[0 * NG_TAGGER_ROW + NG_TAG_B_PER] = 3.0f; /* O chosen anyway: its confidence is not wanted */
    em[1 * NG_TAGGER_ROW + NG_TAG_B_LOC] = 2.0f;
    em[2 * NG_TAGGER_ROW + NG_TAG_I_LOC] = 1.0f;
    const uint8_t lab[3] = {NG_TAG_O, NG_TAG_B_LOC, NG_TAG_I_LOC};
    float conf[3];
    ng_tagger_confidence(em, 3, trans, lab, 1.0f, conf);
    assert_true(conf[0] == 1.0f);
    /* after O: the four I labels cannot follow, so B-LOC competes with O, B-PER, B-ORG */
    float want1 = expf(0.0f) / (expf(0.0f) + 3.0f * expf(-2.0f));
    assert_float_equal(conf[1], want1, 1e-5);
    /* after B-LOC: I-PER and I-ORG cannot follow; I-LOC (1) against O, B-* (0) */
    float want2 = expf(0.0f) / (expf(0.0f) + 4.0f * expf(-1.0f));
    assert_float_equal(conf[2], want2, 1e-5);
}

/* ------------------------------------------------------------------ model file */

/* A small model with deterministic weights. */
static ng_tagger *tiny_model(void)
{
    ng_tagger *t = NULL;
    assert_int_equal(ng_tagger_new(&t, 10), 0);
    uint64_t x = 12345;
    for (size_t r = 0; r < ((size_t)1 << 10); r += 3)
        for (int k = 0; k < NG_TAG_COUNT; k++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            t->w[r * NG_TAGGER_ROW + (size_t)k] = (int16_t)(x >> 48);
        }
    for (int a = 0; a <= NG_TAG_COUNT; a++)
        for (int b = 0; b < NG_TAG_COUNT; b++)
            t->trans[a][b] = (float)(a - b) * 0.25f;
    t->scale = 0.001f;
    t->temp = 2.5f;
    t->flags = NG_TAGGER_F_LEXICON | NG_TAGGER_F_CLUSTERS;
    /* a few word clusters, so the cluster section of the file is exercised */
    assert_int_equal(ng_tclusters_new(&t->cl, 3), 0);
    assert_int_equal(ng_tclusters_put(t->cl, ng_tagger_word_hash("Lisbon", 6), 4u << 24 | 0xb), 0);
    assert_int_equal(ng_tclusters_put(t->cl, ng_tagger_word_hash("Porto", 5), 4u << 24 | 0xa), 0);
    assert_int_equal(ng_tclusters_put(t->cl, ng_tagger_word_hash("said", 4), 2u << 24 | 0x1), 0);
    return t;
}

/* FNV-1a 64, to re-seal a model file after a structural change. */
static void reseal(unsigned char *b, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < len - 8; i++)
        h = (h ^ b[i]) * 0x100000001b3ULL;
    for (int i = 0; i < 8; i++)
        b[len - 8 + (size_t)i] = (unsigned char)(h >> (8 * i));
}

static void write_bytes(const char *path, const char *data, size_t len);

/* Word clusters: the normalized form, its hash as the tagger's key, the cluster file. */
static void test_clusters(void **state)
{
    (void)state;
    char b[200];
    assert_int_equal(ng_tagger_norm_word("Lisbon", 6, 1, b, sizeof b), 6);
    assert_string_equal(b, "Lisbon");
    ng_tagger_norm_word("Lisbon", 6, 0, b, sizeof b);
    assert_string_equal(b, "lisbon");
    ng_tagger_norm_word("G-20", 4, 1, b, sizeof b);
    assert_string_equal(b, "G-00");
    ng_tagger_norm_word("O\xE2\x80\x99Neill", 9, 1, b, sizeof b); /* O’Neill */
    assert_string_equal(b, "O'Neill");
    ng_tagger_norm_word("\xC3\x89LYS\xC3\x89" "E", 8, 0, b, sizeof b); /* ÉLYSÉE */
    assert_string_equal(b, "\xC3\xA9lys\xC3\xA9" "e");

    /* the key the tagger computes for a token is the hash of the normalized form */
    ng_tclusters *cl = NULL;
    assert_int_equal(ng_tclusters_new(&cl, 2), 0);
    assert_int_equal(ng_tclusters_put(cl, ng_tagger_word_hash("O'Neill", 7), 3u << 24 | 5), 0);
    assert_int_equal(ng_tclusters_put(cl, ng_tagger_word_hash("G-00", 4), 1u << 24 | 1), 0);
    assert_int_equal(ng_tclusters_put(cl, ng_tagger_word_hash("G-00", 4), 1u << 24 | 1), NG_EINVAL); /* twice */
    assert_int_equal(ng_tclusters_put(cl, 42, 3u << 24 | 8), NG_EINVAL);  /* path longer than its length */
    assert_int_equal(ng_tclusters_put(cl, 42, 0), NG_EINVAL);             /* no length */
    const char *text = "O\xE2\x80\x99Neill met the G-20 and o'neill.";
    ng_tokens tk;
    ng_tinfo info[16], plain[16];
    int mode;
    assert_int_equal(ng_text_analyze(&tk, text, strlen(text)), 0);
    assert_true(tk.ntoks <= 16);
    ng_tagger_prepare(NULL, cl, text, tk.toks, tk.ntoks, info, &mode);
    ng_tagger_prepare(NULL, NULL, text, tk.toks, tk.ntoks, plain, &mode);
    assert_int_equal(info[0].clu, 3u << 24 | 5);
    assert_int_equal(info[3].clu, 1u << 24 | 1);
    assert_int_equal(info[1].clu, 0);
    assert_int_equal(info[5].clu, 0); /* clusters are case-sensitive: o'neill is another word */
    assert_true(info[5].w == info[0].w); /* ... while the word feature is case-blind */
    assert_int_equal(plain[0].clu, 0);
    /* the cluster features fire: the feature ids of O'Neill differ with and without */
    uint32_t fa[NG_TAGGER_MAXF], fb[NG_TAGGER_MAXF];
    size_t ka = ng_tagger_features(info, tk.ntoks, 0, mode, fa);
    size_t kb = ng_tagger_features(plain, tk.ntoks, 0, mode, fb);
    assert_int_equal(ka, kb);
    size_t differ = 0;
    for (size_t i = 0; i < ka; i++)
        differ += fa[i] != fb[i];
    assert_true(differ >= 5 && differ <= 9);
    ng_tokens_free(&tk);
    ng_tclusters_free(cl);

    /* the cluster file: good lines load; errors name the file and the line */
    char path[256];
    snprintf(path, sizeof path, "/tmp/ng-test-clusters-%ld.txt", (long)getpid());
    const char *good = "0101\tLisbon\t12\n0100\tPorto\t7\n1\tsaid\t900\n";
    write_bytes(path, good, strlen(good));
    assert_int_equal(ng_tclusters_read(&cl, path), 0);
    assert_int_equal(cl->n, 3);
    assert_int_equal(ng_tclusters_get(cl, ng_tagger_word_hash("Porto", 5)), 4u << 24 | 4);
    ng_tclusters_free(cl);
    static const struct {
        const char *file, *msg;
    } BAD[] = {
        {"0101\tLisbon\t12\n01x1\tPorto\t7\n", ":2: not a word-cluster line"},
        {"0101 Lisbon 12\n", ":1: not a word-cluster line"},
        {"0101\tLisbon\n", ":1: not a word-cluster line"},
        {"1111111111111111111111111\tLisbon\t1\n", ":1: not a word-cluster line"}, /* 25 bits */
        {"01\tYear2000\t3\n", ":1: word is not in the tagger's normalized form"},
        {"01\tLisbon\t3\n10\tLisbon\t3\n", ":2: word clusters: a word is listed twice"},
        {"", "no word clusters"},
    };
    for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
        write_bytes(path, BAD[i].file, strlen(BAD[i].file));
        cl = NULL;
        assert_int_equal(ng_tclusters_read(&cl, path), NG_EMODEL);
        assert_null(cl);
        assert_non_null(strstr(ng_error_last(), BAD[i].msg));
        assert_non_null(strstr(ng_error_last(), path));
    }
    unlink(path);
    assert_int_equal(ng_tclusters_read(&cl, path), NG_EMODEL); /* missing */
    assert_non_null(strstr(ng_error_last(), "cannot read word clusters"));
}

/* A temporary file path (the caller unlinks it). */
static void tmp_path(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/ng-test-tagger-%ld.model", (long)getpid());
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

static void test_roundtrip(void **state)
{
    (void)state;
    char path[256];
    tmp_path(path, sizeof path);
    ng_tagger *t = tiny_model(), *u = NULL;
    assert_int_equal(ng_tagger_save(t, path), 0);
    assert_int_equal(ng_tagger_load(&u, path), 0);
    assert_non_null(u);
    assert_int_equal(u->bits, t->bits);
    assert_int_equal(u->flags, t->flags);
    assert_true(u->scale == t->scale);
    assert_true(u->temp == t->temp);
    assert_memory_equal(u->trans, t->trans, sizeof t->trans);
    assert_memory_equal(u->w, t->w, ((size_t)1 << t->bits) * NG_TAGGER_ROW * sizeof *t->w);
    /* the word clusters travel with the model, and the file says so */
    assert_non_null(u->cl);
    assert_int_equal(u->cl->n, 3);
    assert_true(u->flags & NG_TAGGER_F_CLUSTERS);
    assert_int_equal(ng_tclusters_get(u->cl, ng_tagger_word_hash("Lisbon", 6)), 4u << 24 | 0xb);
    assert_int_equal(ng_tclusters_get(u->cl, ng_tagger_word_hash("said", 4)), 2u << 24 | 0x1);
    assert_int_equal(ng_tclusters_get(u->cl, ng_tagger_word_hash("lisbon", 6)), 0);
    /* serialization is deterministic: same model, same bytes */
    char *a = NULL, *b = NULL;
    size_t al = 0, bl = 0;
    assert_int_equal(ng_tagger_serialize(t, &a, &al), 0);
    assert_int_equal(ng_tagger_serialize(u, &b, &bl), 0);
    assert_int_equal(al, bl);
    assert_memory_equal(a, b, al);
    free(a);
    free(b);
    ng_tagger_free(t);
    ng_tagger_free(u);
    /* a model without clusters: no flag, an empty section, no table after loading */
    assert_int_equal(ng_tagger_new(&t, 8), 0);
    t->w[5] = 7;
    assert_int_equal(ng_tagger_serialize(t, &a, &al), 0);
    assert_int_equal(ng_tagger_parse(&u, a, al, "x"), 0);
    assert_null(u->cl);
    assert_false(u->flags & NG_TAGGER_F_CLUSTERS);
    assert_int_equal(u->w[5], 7);
    free(a);
    ng_tagger_free(t);
    ng_tagger_free(u);
    unlink(path);
}

static void test_corrupt(void **state)
{
    (void)state;
    char path[256];
    tmp_path(path, sizeof path);
    ng_tagger *t = tiny_model(), *u = NULL;
    char *data = NULL;
    size_t len = 0;
    assert_int_equal(ng_tagger_serialize(t, &data, &len), 0);
    ng_tagger_free(t);

    /* missing file */
    assert_int_equal(ng_tagger_load(&u, "/nonexistent/dir/ner.model"), NG_EMODEL);
    assert_null(u);
    /* truncated: every prefix is refused */
    size_t cuts[] = {0, 4, 20, 100, len / 2, len - 9, len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        write_bytes(path, data, cuts[i]);
        assert_int_equal(ng_tagger_load(&u, path), NG_EMODEL);
        assert_null(u);
    }
    write_bytes(path, data, len - 1);
    ng_tagger_load(&u, path);
    assert_non_null(strstr(ng_error_last(), "truncated"));
    /* one flipped byte in the weights: checksum */
    char *bad = malloc(len);
    memcpy(bad, data, len);
    bad[len / 2] ^= 0x40;
    write_bytes(path, bad, len);
    assert_int_equal(ng_tagger_load(&u, path), NG_EMODEL);
    assert_non_null(strstr(ng_error_last(), "checksum"));
    /* wrong magic */
    memcpy(bad, data, len);
    bad[0] = 'X';
    assert_int_equal(ng_tagger_parse(&u, bad, len, "x"), NG_EMODEL);
    assert_non_null(strstr(ng_error_last(), "magic"));
    /* wrong format version, wrong feature set */
    memcpy(bad, data, len);
    bad[8] = 99;
    assert_int_equal(ng_tagger_parse(&u, bad, len, "x"), NG_EMODEL);
    assert_non_null(strstr(ng_error_last(), "version 99"));
    memcpy(bad, data, len);
    bad[12] ^= 1;
    assert_int_equal(ng_tagger_parse(&u, bad, len, "x"), NG_EMODEL);
    assert_non_null(strstr(ng_error_last(), "feature set"));
    /* the word-cluster section (at the end: count, then 12-byte entries in key order) */
    size_t csec = len - 8 - 3 * 12 - 4;
    assert_int_equal(data[csec], 3);
    memcpy(bad, data, len);
    bad[csec + 4 + 12 + 8 + 3] = 0x7f; /* second entry: path length 127 */
    reseal((unsigned char *)bad, len);
    assert_int_equal(ng_tagger_parse(&u, bad, len, "x"), NG_EMODEL);
    assert_non_null(strstr(ng_error_last(), "word-cluster entry 1"));
    memcpy(bad, data, len);
    memcpy(bad + csec + 4 + 12, data + csec + 4, 12); /* entries 0 and 1 equal: not ascending */
    reseal((unsigned char *)bad, len);
    assert_int_equal(ng_tagger_parse(&u, bad, len, "x"), NG_EMODEL);
    assert_non_null(strstr(ng_error_last(), "word-cluster entry 1"));
    memcpy(bad, data, len);
    bad[24] &= (char)~NG_TAGGER_F_CLUSTERS; /* entries but no flag */
    reseal((unsigned char *)bad, len);
    assert_int_equal(ng_tagger_parse(&u, bad, len, "x"), NG_EMODEL);
    assert_non_null(strstr(ng_error_last(), "word-cluster section"));
    memcpy(bad, data, len);
    bad[csec] = 4; /* one more entry than there are bytes */
    reseal((unsigned char *)bad, len);
    assert_int_equal(ng_tagger_parse(&u, bad, len, "x"), NG_EMODEL);
    assert_null(u);
    /* the unchanged bytes still parse (the reseal helper is right) */
    memcpy(bad, data, len);
    reseal((unsigned char *)bad, len);
    assert_int_equal(ng_tagger_parse(&u, bad, len, "x"), 0);
    ng_tagger_free(u);
    u = NULL;
    /* trailing garbage */
    char *longer = malloc(len + 3);
    memcpy(longer, data, len);
    memcpy(longer + len, "abc", 3);
    assert_int_equal(ng_tagger_parse(&u, longer, len + 3, "x"), NG_EMODEL);
    assert_null(u);
    free(longer);
    free(bad);
    free(data);
    unlink(path);
}

/* ------------------------------------------------------------------ decoding with the committed model */

static int setup_model(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    if (ng_tagger_load(&f->tg, NG_SOURCE_DIR "/models/ner.model")) {
        fprintf(stderr, "cannot load the committed model: %s\n", ng_error_last());
        free(f);
        return -1;
    }
    if (ng_lexicon_load(&f->lx, NG_SOURCE_DIR "/data", NULL)) {
        fprintf(stderr, "cannot load the lexicon: %s\n", ng_error_last());
        ng_tagger_free(f->tg);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown_model(void **state)
{
    fixture *f = *state;
    if (!f)
        return 0;
    ng_tagger_free(f->tg);
    ng_lexicon_free(f->lx);
    free(f);
    return 0;
}

static void test_decode_person_place(void **state)
{
    const fixture *f = *state;
    const char *text = "Maria Gonzalez met officials in Lisbon on Tuesday to discuss the fishing dispute.";
    ng_tokens tk;
    uint8_t lab[64];
    float conf[64];
    size_t n = tag_text(f, text, &tk, lab, conf, 64);
    assert_int_equal(label_of(text, &tk, lab, n, "Maria"), NG_TAG_B_PER);
    assert_int_equal(label_of(text, &tk, lab, n, "Gonzalez"), NG_TAG_I_PER);
    assert_int_equal(label_of(text, &tk, lab, n, "Lisbon"), NG_TAG_B_LOC);
    assert_int_equal(label_of(text, &tk, lab, n, "officials"), NG_TAG_O);
    assert_int_equal(label_of(text, &tk, lab, n, "Tuesday"), NG_TAG_O);
    for (size_t i = 0; i < n; i++)
        assert_true(conf[i] >= 0.0f && conf[i] <= 1.0f);
    ng_tokens_free(&tk);
}

static void test_decode_conventions(void **state)
{
    const fixture *f = *state;
    ng_tokens tk;
    uint8_t lab[64];
    /* titles outside the person span */
    const char *t1 = "Foreign Minister Anna Kowalczyk arrived in Warsaw late on Sunday.";
    size_t n = tag_text(f, t1, &tk, lab, NULL, 64);
    assert_int_equal(label_of(t1, &tk, lab, n, "Foreign"), NG_TAG_O);
    assert_int_equal(label_of(t1, &tk, lab, n, "Minister"), NG_TAG_O);
    assert_int_equal(label_of(t1, &tk, lab, n, "Anna"), NG_TAG_B_PER);
    assert_int_equal(label_of(t1, &tk, lab, n, "Kowalczyk"), NG_TAG_I_PER);
    assert_int_equal(label_of(t1, &tk, lab, n, "Warsaw"), NG_TAG_B_LOC);
    ng_tokens_free(&tk);
    /* possessives outside, nationality adjectives are not places */
    const char *t2 = "Ukrainian officials say Brazil's government will send aid to Kenya.";
    n = tag_text(f, t2, &tk, lab, NULL, 64);
    assert_int_equal(label_of(t2, &tk, lab, n, "Ukrainian"), NG_TAG_O);
    assert_int_equal(label_of(t2, &tk, lab, n, "Brazil"), NG_TAG_B_LOC);
    assert_int_equal(label_of(t2, &tk, lab, n, "'s"), NG_TAG_O);
    assert_int_equal(label_of(t2, &tk, lab, n, "Kenya"), NG_TAG_B_LOC);
    ng_tokens_free(&tk);
    /* an organization */
    const char *t3 = "The United Nations Security Council will meet in New York next week.";
    n = tag_text(f, t3, &tk, lab, NULL, 64);
    assert_int_equal(label_of(t3, &tk, lab, n, "United"), NG_TAG_B_ORG);
    assert_int_equal(label_of(t3, &tk, lab, n, "Council"), NG_TAG_I_ORG);
    assert_int_equal(label_of(t3, &tk, lab, n, "York"), NG_TAG_I_LOC);
    ng_tokens_free(&tk);
}

static void test_decode_edges(void **state)
{
    const fixture *f = *state;
    uint8_t lab[600];
    float conf[600];
    /* empty sentence */
    assert_int_equal(ng_tagger_tag(f->tg, f->lx, "", NULL, 0, lab, conf), 0);
    /* invalid arguments */
    assert_int_equal(ng_tagger_tag(NULL, f->lx, "x", NULL, 0, lab, conf), NG_EINVAL);
    /* a long sentence (heap path) gives the same labels as its parts would allow: all valid BIO */
    ng_buf b = {0};
    for (int i = 0; i < 120; i++)
        ng_buf_puts(&b, "Officials from Chile and Peru met in Lima, ");
    ng_buf_puts(&b, "and left.");
    ng_tokens tk;
    assert_int_equal(ng_text_analyze(&tk, b.data, b.len), 0);
    assert_int_equal(tk.nsents, 1);
    size_t n = tk.ntoks;
    uint8_t *big = malloc(n);
    float *bc = malloc(n * sizeof *bc);
    assert_true(n > 500);
    assert_int_equal(ng_tagger_tag(f->tg, f->lx, b.data, tk.toks, n, big, bc), 0);
    size_t locs = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(big[i] < NG_TAG_COUNT);
        assert_true(ng_tagger_allowed(i ? big[i - 1] : NG_TAG_COUNT, big[i]));
        assert_true(bc[i] >= 0.0f && bc[i] <= 1.0f);
        locs += big[i] == NG_TAG_B_LOC;
    }
    assert_true(locs >= 300); /* Chile, Peru, Lima x 120 */
    /* the committed model carries its word clusters (built by scripts/train.sh) */
    assert_non_null(f->tg->cl);
    assert_true(f->tg->cl->n > 10000);
    assert_true(f->tg->flags & NG_TAGGER_F_CLUSTERS);
    /* without a lexicon the tagger still works (no gazetteer features) */
    assert_int_equal(ng_tagger_tag(f->tg, NULL, b.data, tk.toks, n, big, NULL), 0);
    free(big);
    free(bc);
    ng_tokens_free(&tk);
    ng_buf_free(&b);
}

/* Type of the mention of `word` that starts at or after byte `from`; -1 if none. */
static int mention_type(const ng_doc_result *r, const char *word, uint32_t from)
{
    for (size_t i = 0; i < r->mentions.n; i++)
        if (r->mentions.v[i].start >= from && strcmp(r->mentions.v[i].text, word) == 0)
            return (int)r->mentions.v[i].type;
    return -1;
}

/* The rule around the tagger in names.c: a lone surname the tagger types as a place or an
 * organization is the person of the document whose full name ends with it. */
static void test_surname_rule(void **state)
{
    (void)state;
    ng_resources *rs = NULL;
    ng_resource_opts o = {NG_SOURCE_DIR "/data", NG_SOURCE_DIR "/models/ner.model", NULL, 0};
    assert_int_equal(ng_resources_new(&rs, &o), 0);
    static const char *const TEXTS[] = {
        /* alone, the model reads "Supporters of X marched" as a place */
        "Supporters of Kandahari marched.\n",
        "Police arrested Omar Kandahari in the north. Supporters of Kandahari marched.\n",
        /* a place of the lexicon keeps its type */
        "Police questioned Maria Lisbon on Monday. Officials in Lisbon denied it.\n",
    };
    ng_doc_result *r[3];
    for (int i = 0; i < 3; i++) {
        ng_document *d;
        assert_int_equal(ng_document_new_from_buffer(&d, "t.txt", TEXTS[i], strlen(TEXTS[i]), NULL), 0);
        assert_int_equal(ng_extract(&r[i], rs, d), 0);
        ng_document_free(d);
    }
    assert_int_equal(mention_type(r[0], "Kandahari", 0), NG_PLACE);
    assert_int_equal(mention_type(r[1], "Omar Kandahari", 0), NG_PERSON);
    assert_int_equal(mention_type(r[1], "Kandahari", 0), NG_PERSON);
    assert_int_equal(mention_type(r[2], "Maria Lisbon", 0), NG_PERSON);
    assert_int_equal(mention_type(r[2], "Lisbon", 0), NG_PLACE);
    for (int i = 0; i < 3; i++)
        ng_doc_result_free(r[i]);
    ng_resources_free(rs);
}

/* Resources loaded with the tagger model on a thread of its own extract exactly what
 * resources loaded in turn do; a model that cannot be read fails the same way. */
static void test_resources_threaded(void **state)
{
    (void)state;
    static const char TEXT[] = "Mayor Elena Varga met engineer Samuel Okafor in Lisbon on Monday, 7 April 2025.\n"
                               "Varga said the Port Authority would open a new terminal in May.\n";
    char *json[2] = {NULL, NULL};
    for (int t = 0; t < 2; t++) {
        ng_resources *rs = NULL;
        ng_resource_opts o = {NG_SOURCE_DIR "/data", NG_SOURCE_DIR "/models/ner.model", NULL, t ? 2 : 1};
        assert_int_equal(ng_resources_new(&rs, &o), 0);
        ng_document *d;
        ng_doc_result *r;
        assert_int_equal(ng_document_new_from_buffer(&d, "t.txt", TEXT, strlen(TEXT), NULL), 0);
        assert_int_equal(ng_extract(&r, rs, d), 0);
        assert_true(r->mentions.n > 2);
        assert_int_equal(ng_doc_result_to_json(r, &json[t]), 0);
        ng_doc_result_free(r);
        ng_document_free(d);
        ng_resources_free(rs);
    }
    assert_string_equal(json[0], json[1]);
    free(json[0]);
    free(json[1]);
    char msg[2][1024];
    for (int t = 0; t < 2; t++) {
        ng_resources *rs = (ng_resources *)1;
        ng_resource_opts o = {NG_SOURCE_DIR "/data", "/nonexistent/dir/ner.model", NULL, t ? 2 : 1};
        assert_int_equal(ng_resources_new(&rs, &o), NG_EMODEL);
        assert_null(rs);
        snprintf(msg[t], sizeof msg[t], "%s", ng_error_last());
    }
    assert_non_null(strstr(msg[0], "cannot read tagger model"));
    assert_string_equal(msg[0], msg[1]);
}

/* ------------------------------------------------------------------ cached emissions */

/* Emissions of info[0..n) with and without cache c: every byte the same. */
static void same_emissions(const ng_tagger *t, ng_tcache *c, const ng_tinfo *info, size_t n, int mode)
{
    float a[64 * NG_TAGGER_ROW], b[64 * NG_TAGGER_ROW];
    assert_true(n <= 64);
    memset(a, 0x55, sizeof a);
    memset(b, 0xaa, sizeof b);
    ng_tagger_emissions(t, info, n, mode, a);
    ng_tagger_emissions_cached(t, c, info, n, mode, b);
    assert_memory_equal(a, b, n * NG_TAGGER_ROW * sizeof *a);
}

/* Real sentences through the committed model and the lexicon, twice (the second time
 * from the cache): all case modes, sentence starts, gazetteer words and phrases,
 * capitalized chunks, unknown words, one- and two-token sentences. */
static void test_cached_text(void **state)
{
    const fixture *f = *state;
    static const char *const texts[] = {
        "Officials met Maria Santos in Lisbon on Monday.",
        "REBELS ATTACK CONVOY NEAR BORDER TOWN IN SOUTHERN FRANCE",
        "Rebels Attack Convoy Near Border Town In Southern France",
        "The Bank of England said on 3 March 2021 that inflation rose.",
        "Prime Minister Boris Johnson met the French President in Paris.",
        "Zxqwv Blorptang visited Qqq-77 with xyzzy, Ph.D., of the U.K. Ministry of Defence.",
        "Hello.",
        "Go home",
        "He said: \"The United Nations Security Council will meet in New York City on Friday.\" She left.",
        "Omar al-Bashir and Abu Bakr bin Laden of the Democratic Republic of the Congo spoke.",
        "WHO and NATO leaders met in Brussels; the EU, the IMF and OPEC were absent.",
        "Officials met Maria Santos in Lisbon on Monday.",
        "\xC3\x89lys\xC3\xA9" "e officials met O\xE2\x80\x99Neill in M\xC3\xBCnchen in 2019 and 1990s.",
        "Supercalifragilisticexpialidocious and antidisestablishmentarianism met the 24-byte-long-word-here and "
        "a-token-of-twenty-five-b in van der Berg, de la Cruz, bin Salman & Co.",
        /* sentences of one to three tokens, in every case mode */
        "Paris.", "NATO", "In Paris.", "IN PARIS.", "Go", "Reuters Reports Attack", "THE END NOW",
        /* capitalized chunks longer than the cap on their length, the same words again in
         * another chunk, and gazetteer phrases inside them */
        "The International Committee For The Study Of Peace And Conflict In Southern Europe And North Africa "
        "Said On Monday That The United Nations Security Council Met In New York City.",
        "Delegates of the International Committee for the Study of Peace met the United Nations Security "
        "Council, the European Union, the World Health Organization and the Bank of England in New York City.",
        "UNITED NATIONS SECURITY COUNCIL MEETS IN NEW YORK CITY AS EUROPEAN UNION LEADERS GATHER IN BRUSSELS",
    };
    ng_tcache *c = NULL;
    ng_twcache *wc = NULL;
    assert_int_equal(ng_tcache_new(&c), 0);
    assert_int_equal(ng_twcache_new(&wc), 0);
    assert_non_null(wc);
    /* the word cache holds the classes of one lexicon and the codes of one cluster table:
     * rounds 2 and 3 use it without one of them, round 4 with both again */
    for (int round = 0; round < 5; round++)
        for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
            const ng_lexicon *lx = round == 2 ? NULL : f->lx;
            const ng_tclusters *cl = round == 3 ? NULL : f->tg->cl;
            ng_tokens tk;
            assert_int_equal(ng_text_analyze(&tk, texts[k], strlen(texts[k])), 0);
            for (size_t s = 0; s < tk.nsents; s++) {
                ng_tinfo info[64], winfo[64];
                uint32_t cls[64];
                int mode, wmode;
                size_t b = tk.sents[s].tok_begin, n = tk.sents[s].tok_end - b;
                assert_true(n <= 64);
                memset(info, 0, sizeof info);
                memset(winfo, 0, sizeof winfo);
                ng_tagger_prepare(lx, cl, texts[k], tk.toks + b, n, info, &mode);
                /* the word information through the cache is the same too, and so are the
                 * classes it gives of every token (punctuation, long words too) */
                ng_tagger_prepare_cached(lx, cl, texts[k], tk.toks + b, n, (s & 1) ? NULL : cls, wc, winfo, &wmode);
                assert_int_equal(mode, wmode);
                assert_memory_equal(info, winfo, n * sizeof *info);
                for (size_t i = 0; !(s & 1) && i < n; i++) {
                    const ng_token *t = &tk.toks[b + i];
                    assert_int_equal(cls[i], ng_lex_classes(lx, texts[k] + t->start, t->end - t->start));
                }
                if (lx && cl)
                    same_emissions(f->tg, c, info, n, mode);
            }
            ng_tokens_free(&tk);
        }
    ng_twcache_free(wc);
    ng_tcache_free(c);
}

/* The word cache with a cluster table that gets a word after the cache has the word's
 * code (none), with a word whose code is looked up late (not in the cache) met again in
 * its sentence, and the classes that ng_tagger_tag_classes gives. */
static void test_cached_words(void **state)
{
    const fixture *f = *state;
    const char *text = "Rice fields: rice, Rice and RICE grew near the Rice river, said Rice.";
    ng_tclusters *cl = NULL;
    ng_twcache *wc = NULL;
    ng_tokens tk;
    ng_tinfo info[32], winfo[32];
    int mode, wmode;
    assert_int_equal(ng_tclusters_new(&cl, 4), 0);
    assert_int_equal(ng_twcache_new(&wc), 0);
    assert_int_equal(ng_text_analyze(&tk, text, strlen(text)), 0);
    assert_true(tk.ntoks <= 32);
    for (int round = 0; round < 3; round++) {
        if (round == 1) /* a word the cache has as one without a cluster */
            assert_int_equal(ng_tclusters_put(cl, ng_tagger_word_hash("Rice", 4), 3u << 24 | 6), 0);
        memset(info, 0, sizeof info);
        memset(winfo, 0, sizeof winfo);
        ng_tagger_prepare(f->lx, cl, text, tk.toks, tk.ntoks, info, &mode);
        ng_tagger_prepare_cached(f->lx, cl, text, tk.toks, tk.ntoks, NULL, wc, winfo, &wmode);
        assert_int_equal(mode, wmode);
        assert_memory_equal(info, winfo, tk.ntoks * sizeof *info);
        assert_int_equal(winfo[0].clu, round ? 3u << 24 | 6 : 0);
    }
    /* the tagger's classes of a sentence, with and without its thread's caches (a model
     * of its own, not loaded: no caches), are ng_lex_classes of every token */
    uint32_t cls[32];
    uint8_t lab[32], lab2[32];
    ng_tagger *plain = tiny_model();
    for (int m = 0; m < 2; m++) {
        memset(cls, 0xff, sizeof cls);
        assert_int_equal(ng_tagger_tag_classes(m ? plain : f->tg, f->lx, text, tk.toks, tk.ntoks, cls, lab, NULL), 0);
        for (size_t i = 0; i < tk.ntoks; i++)
            assert_int_equal(cls[i], ng_lex_classes(f->lx, text + tk.toks[i].start, tk.toks[i].end - tk.toks[i].start));
    }
    assert_int_equal(ng_tagger_tag(f->tg, f->lx, text, tk.toks, tk.ntoks, lab2, NULL), 0);
    assert_int_equal(ng_tagger_tag_classes(f->tg, f->lx, text, tk.toks, tk.ntoks, cls, lab, NULL), 0);
    assert_memory_equal(lab, lab2, tk.ntoks);
    ng_tagger_free(plain);
    ng_tokens_free(&tk);
    ng_twcache_free(wc);
    ng_tclusters_free(cl);
}

/* A pseudo-random number below m. */
static uint64_t rnd(uint64_t *x, uint64_t m)
{
    *x = *x * 6364136223846793005ULL + 1442695040888963407ULL;
    return (*x >> 33) % m;
}

/* Random per-token information from small sets of values, so that word types recur and
 * many differ in one field only (same cache slot, another key); neighbours with many
 * gazetteer classes, where ng_tagger_features cuts the class features; and a second
 * model through the same cache. */
static void test_cached_random(void **state)
{
    (void)state;
    ng_tagger *t = tiny_model(), *u = tiny_model();
    for (size_t r = 0; r < ((size_t)1 << u->bits) * NG_TAGGER_ROW; r += 5)
        u->w[r] = (int16_t)(u->w[r] + 1000);
    ng_tcache *c = NULL;
    assert_int_equal(ng_tcache_new(&c), 0);
    uint64_t x = 42;
#define RND(m) rnd(&x, m)
    for (int it = 0; it < 3000; it++) {
        ng_tinfo info[40];
        size_t n = 1 + RND(it % 7 == 0 ? 3 : 40);
        int mode = (int)RND(3);
        memset(info, 0, sizeof info);
        for (size_t i = 0; i < n; i++) {
            ng_tinfo *ti = &info[i];
            ti->w = 1 + RND(6);
            ti->wn = RND(10) ? ti->w : 99;
            ti->wc = ti->w * 7;
            ti->shape = 100 + RND(3);
            for (int j = 0; j < 4; j++) {
                ti->pre[j] = RND(4) ? ti->w * 10 + (uint64_t)j : 0;
                ti->suf[j] = RND(4) ? ti->w * 20 + (uint64_t)j : RND(2);
            }
            ti->cls = RND(8) ? (uint32_t)RND(4) : RND(2) ? 0x1fffu : (uint32_t)RND(0x2000);
            ti->phr = (uint32_t)RND(3);
            ti->phr_pos = (uint8_t)RND(3);
            ti->flags = (uint32_t)(RND(2) ? NG_TOK_ALPHA : 0) | (uint32_t)(RND(2) ? NG_TOK_UPPER1 : 0) |
                        (uint32_t)(RND(5) ? 0 : NG_TOK_SENT_START);
            ti->cap = (uint8_t)RND(4);
            ti->len = (uint8_t)RND(8);
            ti->conn = (uint8_t)RND(2);
            ti->cpos = (uint8_t)RND(5);
            ti->clen = (uint8_t)RND(7);
            ti->ccls = (uint32_t)RND(3);
            ti->cfirst = RND(3);
            ti->clast = RND(3);
            ti->cprev = RND(3);
            ti->cnext = RND(3);
            ti->clu = RND(3) ? 0 : (uint32_t)(1 + RND(4)) << 24 | (uint32_t)RND(2);
        }
        same_emissions(it % 500 < 250 ? t : u, c, info, n, mode);
    }
#undef RND
    ng_tcache_free(c);
    ng_tagger_free(t);
    ng_tagger_free(u);
}

/* Word types that share a cache slot (they differ only in fields the slot's hash leaves
 * out) in patterns where they take the slot from each other within a few tokens:
 * A B A B..., A A B B..., A B C A B C..., in every case mode, in sentences of 1 to 24
 * tokens.  A cache that looks entries up ahead of summing them (or keeps pointers to
 * them across tokens) must check them again at use: this fails if it does not. */
static void test_cached_evict(void **state)
{
    (void)state;
    ng_tagger *t = tiny_model();
    ng_tcache *c = NULL;
    assert_int_equal(ng_tcache_new(&c), 0);
    ng_tinfo ty[3];
    memset(ty, 0, sizeof ty);
    for (int k = 0; k < 3; k++) {
        ty[k].w = 7;
        ty[k].wn = 7;
        ty[k].shape = 100;
        ty[k].cap = 1;
        ty[k].flags = NG_TOK_ALPHA | NG_TOK_UPPER1;
        ty[k].pre[0] = 70;
        ty[k].suf[0] = 80 + (uint64_t)k; /* not in the slot's hash */
        ty[k].len = (uint8_t)(3 + k);
        ty[k].cpos = (uint8_t)(k + 1);
        ty[k].clen = 2;
    }
    static const int pat[3][6] = {{0, 1, 0, 1, 0, 1}, {0, 0, 1, 1, 0, 0}, {0, 1, 2, 0, 1, 2}};
    for (int mode = 0; mode < 3; mode++)
        for (int p = 0; p < 3; p++)
            for (size_t n = 1; n <= 24; n++) {
                ng_tinfo info[24];
                for (size_t i = 0; i < n; i++)
                    info[i] = ty[pat[p][i % 6]];
                same_emissions(t, c, info, n, mode);
            }
    ng_tcache_free(c);
    ng_tagger_free(t);
}

int main(void)
{
    const struct CMUnitTest unit[] = {
        cmocka_unit_test(test_shape),
        cmocka_unit_test(test_features),
        cmocka_unit_test(test_case_modes),
        cmocka_unit_test(test_viterbi_constraints),
        cmocka_unit_test(test_confidence_names_only),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_corrupt),
        cmocka_unit_test(test_clusters),
        cmocka_unit_test(test_cached_random),
        cmocka_unit_test(test_cached_evict),
    };
    const struct CMUnitTest model[] = {
        cmocka_unit_test(test_decode_person_place),
        cmocka_unit_test(test_decode_conventions),
        cmocka_unit_test(test_decode_edges),
        cmocka_unit_test(test_surname_rule),
        cmocka_unit_test(test_resources_threaded),
        cmocka_unit_test(test_cached_text),
        cmocka_unit_test(test_cached_words),
    };
    int rc = cmocka_run_group_tests_name("tagger", unit, NULL, NULL);
    rc |= cmocka_run_group_tests_name("tagger-model", model, setup_model, teardown_model);
    return rc;
}
