/* newsgraph-train.c - trains the entity tagger (averaged structured perceptron,
 * first-order Viterbi, hashed features) from CoNLL files and writes the model.
 *
 *   newsgraph-train --train train.conll --dev dev.conll [--test test.conll] --out models/ner.model
 *                   [--data DIR | --no-lexicon] [--clusters FILE | --no-clusters] [--iso DIR]
 *                   [--seed N] [--runs N] [--epochs N] [--patience N] [--bits N]
 *                   [--aug-upper P] [--aug-title P] [--aug-acronym P] [--also-train FILE]
 *                   [--fixed-epochs] [--temperature T] [--no-clean] [--min-count N]
 *                   [--crf [--eta X] [--sigma2 X]] [--errors FILE]
 *
 * The word clusters (default build/clusters.txt, made by scripts/train.sh from tools/newsgraph-clusters.c) feed the
 * cluster features and are copied into the model; a missing or malformed file is an error.
 * Each CoNLL file is detokenized exactly as the evaluator (score.py ner) does: one sentence
 * a line, gold spans as byte offsets.  The text is then tokenized and split by
 * ng_text_analyze, as the command-line tool does, and each token is labelled from the gold
 * spans; the features are those ng_tagger_tag computes (same code).  The training file's
 * systematic labelling errors are repaired first (clean_sentence; --no-clean keeps them);
 * dev and test are never changed.  Each of --runs runs keeps the averaged weights of its
 * best epoch on dev (of its last epoch with --fixed-epochs); the model is their mean,
 * quantized to int16.  Training is
 * deterministic: the same data, lexicon and options give the same model, byte for byte.
 * Results (span-level P/R/F1 per type on dev and test, measured by reloading the written
 * model and tagging with ng_tagger_tag) go to standard output; --errors writes the dev
 * sentences where the model and the gold disagree. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract/lexicon.h"
#include "extract/tagger_impl.h"
#include "text/text.h"
#include "util/util.h"

enum { TY_PER = 0, TY_ORG = 1, TY_LOC = 2, TY_COUNT = 3 };
static const char *const TYPE_NAMES[TY_COUNT] = {"PERSON", "ORG", "PLACE"};

typedef struct {
    uint32_t start, end;
    uint8_t type;
} span;

/* One CoNLL file, detokenized and re-tokenized. */
typedef struct {
    const char *path;
    char *text;
    size_t len;
    NG_VEC(span) gold;
    ng_tokens tk;
    uint8_t *labels;     /* gold label of each token */
    size_t unreachable;  /* gold spans whose boundaries are not token boundaries of one sentence */
    size_t cleaned;      /* tags repaired (training file only) */
} corpus;

/* Training or evaluation instances: precomputed feature ids and gold labels. */
typedef struct {
    NG_VEC(uint32_t) feat;  /* feature ids of all tokens */
    NG_VEC(uint32_t) foff;  /* per token: offset of its first feature (one more entry at the end) */
    NG_VEC(uint8_t) gold;   /* per token */
    NG_VEC(uint32_t) soff;  /* per sentence: first token (one more entry at the end) */
    const ng_tclusters *cl; /* word clusters for the features, or NULL */
} instset;

typedef struct {
    size_t tp[TY_COUNT], np[TY_COUNT], ng[TY_COUNT];
} prf;

/* Deterministic PRNG (xorshift64*). */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* Shuffle order[0..n) in place (Fisher-Yates from the end), the sentence order of an epoch. */
static void shuffle(uint32_t *order, size_t n, uint64_t *rng)
{
    for (size_t s = n; s > 1; s--) {
        size_t j = (size_t)(rng_next(rng) % s);
        uint32_t x = order[s - 1];
        order[s - 1] = order[j];
        order[j] = x;
    }
}

/* Type of a CoNLL tag suffix as score.py maps it; -1 if none. */
static int tag_type(const char *s)
{
    char up[32];
    size_t n = strlen(s);
    if (n == 0 || n >= sizeof up)
        return -1;
    for (size_t i = 0; i <= n; i++)
        up[i] = (char)((s[i] >= 'a' && s[i] <= 'z') ? s[i] - 32 : s[i]);
    if (!strcmp(up, "PER") || !strcmp(up, "PERSON"))
        return TY_PER;
    if (!strcmp(up, "ORG") || !strcmp(up, "ORGANIZATION") || !strcmp(up, "ORGANISATION"))
        return TY_ORG;
    if (!strcmp(up, "LOC") || !strcmp(up, "PLACE") || !strcmp(up, "LOCATION") || !strcmp(up, "GPE") ||
        !strcmp(up, "GEO"))
        return TY_LOC;
    return -1;
}

/* Whether tok is in a NULL-terminated list. */
static int in_set(const char *const *set, const char *tok)
{
    for (size_t i = 0; set[i]; i++)
        if (!strcmp(set[i], tok))
            return 1;
    return 0;
}

/* Order spans by start, end, type. */
static int span_cmp(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return (int)x->type - (int)y->type;
}

/* Sort and deduplicate a span vector (score.py uses sets). */
static void spans_normalize(span *v, size_t *n)
{
    if (*n == 0)
        return;
    qsort(v, *n, sizeof *v, span_cmp);
    size_t k = 1;
    for (size_t i = 1; i < *n; i++)
        if (span_cmp(&v[i], &v[k - 1]) != 0)
            v[k++] = v[i];
    *n = k;
}

/* Standalone entity strings of the training file and how often each type labels them. */
typedef struct {
    ng_map idx;                 /* span text -> index into cnt */
    NG_VEC(uint32_t) cnt;       /* TY_COUNT counts per entry */
} span_types;

/* The text of tokens [b, e) joined by single spaces into buf; 0 if it does not fit. */
static size_t join_toks(char **tok, size_t b, size_t e, char *buf, size_t cap)
{
    size_t bl = 0;
    for (size_t k = b; k < e; k++) {
        size_t tl = strlen(tok[k]);
        if (bl + tl + 2 > cap)
            return 0;
        if (k > b)
            buf[bl++] = ' ';
        memcpy(buf + bl, tok[k], tl);
        bl += tl;
    }
    buf[bl] = '\0';
    return bl;
}

/* Count the types of every entity span of one sentence that has no "and" inside. */
static int span_types_add(span_types *st, char **tok, const char **tag, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strncmp(tag[i], "B-", 2) != 0)
            continue;
        int ty = tag_type(tag[i] + 2);
        size_t j = i + 1;
        int has_and = 0;
        while (j < n && !strncmp(tag[j], "I-", 2) && !strcmp(tag[j] + 2, tag[i] + 2)) {
            has_and |= !strcmp(tok[j], "and");
            j++;
        }
        char buf[256];
        size_t bl = join_toks(tok, i, j, buf, sizeof buf);
        if (ty < 0 || has_and || !bl)
            continue;
        size_t at;
        if (!ng_map_get(&st->idx, buf, bl, &at)) {
            at = st->cnt.n;
            for (int t = 0; t < TY_COUNT; t++)
                if (ng_vec_push(st->cnt, 0))
                    return NG_ENOMEM;
            if (ng_map_put(&st->idx, buf, bl, at))
                return NG_ENOMEM;
        }
        st->cnt.v[at + (size_t)ty]++;
    }
    return 0;
}

/* Majority type of a standalone entity string (a leading "The" ignored); -1 if it never
 * labels a span on its own. */
static int span_type_of(const span_types *st, char **tok, size_t b, size_t e)
{
    if (e > b + 1 && (!strcmp(tok[b], "The") || !strcmp(tok[b], "the")))
        b++;
    char buf[256];
    size_t bl = join_toks(tok, b, e, buf, sizeof buf), at;
    if (!bl || !ng_map_get(&st->idx, buf, bl, &at))
        return -1;
    int best = 0;
    for (int t = 1; t < TY_COUNT; t++)
        if (st->cnt.v[at + (size_t)t] > st->cnt.v[at + (size_t)best])
            best = t;
    return st->cnt.v[at + (size_t)best] >= 2 ? best : -1;
}

/* Split coordinations labelled as one entity ("India and Pakistan"/ORG) when every
 * conjunct is an entity of its own elsewhere in the training data; drop a leading or
 * trailing "and".  Returns the number of repairs. */
static size_t split_coordinations(const span_types *st, char **tok, const char **tag, size_t n)
{
    static const char *const B[TY_COUNT] = {"B-PER", "B-ORG", "B-LOC"}, *const I[TY_COUNT] = {"I-PER", "I-ORG", "I-LOC"};
    size_t fixed = 0;
    for (size_t i = 0; i < n; i++) {
        if (strncmp(tag[i], "B-", 2) != 0)
            continue;
        size_t j = i + 1;
        while (j < n && !strncmp(tag[j], "I-", 2) && !strcmp(tag[j] + 2, tag[i] + 2))
            j++;
        /* edges */
        if (!strcmp(tok[j - 1], "and") && j - 1 > i) {
            tag[j - 1] = "O";
            fixed++;
            j--;
        }
        if (!strcmp(tok[i], "and")) {
            tag[i] = "O";
            fixed++;
            if (i + 1 < j)
                tag[i + 1] = B[tag_type(tag[i + 1] + 2) >= 0 ? tag_type(tag[i + 1] + 2) : 0];
            continue;
        }
        int has_and = 0;
        for (size_t k = i; k < j; k++)
            has_and |= !strcmp(tok[k], "and");
        if (!has_and) {
            i = j - 1;
            continue;
        }
        /* conjuncts: separated by "and" and "," */
        int ok = 1, types[16];
        size_t pb[16], pe[16], np = 0;
        for (size_t k = i, b = i; k <= j && ok; k++) {
            if (k < j && strcmp(tok[k], "and") != 0 && strcmp(tok[k], ",") != 0)
                continue;
            if (k > b) {
                if (np == 16 || (types[np] = span_type_of(st, tok, b, k)) < 0)
                    ok = 0;
                else {
                    pb[np] = b;
                    pe[np] = k;
                    np++;
                }
            }
            b = k + 1;
        }
        if (ok && np >= 2) {
            for (size_t k = i; k < j; k++)
                tag[k] = "O";
            for (size_t q = 0; q < np; q++) {
                size_t b = pb[q];
                if (pe[q] > b + 1 && (!strcmp(tok[b], "The") || !strcmp(tok[b], "the")))
                    b++;
                for (size_t k = b; k < pe[q]; k++)
                    tag[k] = k == b ? B[types[q]] : I[types[q]];
            }
            fixed++;
        }
        i = j - 1;
    }
    return fixed;
}

/* Whether a CoNLL token is a title or honorific that the GMB conversion sometimes left
 * as a one-token person span (titles are outside person spans). */
static int is_title_tok(const char *t)
{
    static const char *const T[] = {"Mr.", "Mrs.", "Ms.", "Dr.", "Prime", "prime", "President", "president",
                                    "Minister", "minister", "Secretary", "Chancellor", "King", "Queen", NULL};
    return in_set(T, t);
}

/* Whether a CoNLL token starts with an upper-case ASCII letter. */
static int is_cap_tok(const char *t) { return t[0] >= 'A' && t[0] <= 'Z'; }

/* Repair the systematic labelling errors of one training sentence against the conventions
 * (tags rewritten in place): a nationality or religion word alone (a demonym of the lexicon)
 * is not a name; a title tagged as a one-token person span ("Prime/B-PER Minister/O",
 * "Mr./B-PER Hariri/B-LOC") becomes O and, after an honorific, the name that follows
 * becomes the person; "the Bush/B-LOC administration" is a person.  Returns the number of
 * repairs. */
static size_t clean_sentence(const ng_lexicon *lx, char **tok, const char **tag, size_t n)
{
    size_t fixed = 0;
    /* a nationality or religion word alone ("an Iraqi", "Muslim world") is not a name */
    for (size_t i = 0; lx && i < n; i++) {
        if (strncmp(tag[i], "B-", 2) != 0 || (i + 1 < n && !strncmp(tag[i + 1], "I-", 2)))
            continue;
        uint32_t c = ng_lex_classes(lx, tok[i], strlen(tok[i]));
        if ((c & NG_LEX_DEMONYM) && !(c & (NG_LEX_PLACE_ANY | NG_LEX_ORG))) {
            tag[i] = "O";
            fixed++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(tag[i], "B-PER") != 0 || !is_title_tok(tok[i]) || (i + 1 < n && !strcmp(tag[i + 1], "I-PER")))
            continue;
        tag[i] = "O";
        fixed++;
        int honorific = tok[i][strlen(tok[i]) - 1] == '.';
        if (!honorific || i + 1 >= n || !is_cap_tok(tok[i + 1]) || !strncmp(tag[i + 1], "B-PER", 5))
            continue;
        /* Mr. Name/B-X [I-X...]: the name is the person */
        tag[i + 1] = "B-PER";
        for (size_t j = i + 2; j < n && !strncmp(tag[j], "I-", 2); j++)
            tag[j] = is_cap_tok(tok[j]) ? "I-PER" : "O";
    }
    /* "the Bush administration": the name is a person's, not a place */
    for (size_t i = 0; i + 1 < n; i++)
        if (!strcmp(tok[i + 1], "administration") && is_cap_tok(tok[i]) &&
            (!strcmp(tag[i], "B-LOC") || !strcmp(tag[i], "B-ORG")) && (i == 0 || strncmp(tag[i - 1], "B-", 2))) {
            tag[i] = "B-PER";
            fixed++;
        }
    return fixed;
}

/* Read a CoNLL file and detokenize it as score.py's read_conll does; with clean, repair
 * the conversion errors of clean_sentence() first (training data only). */
static int corpus_read(corpus *c, const char *path, int clean, const ng_lexicon *lx)
{
    static const char *const ATTACH_LEFT[] = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S",
                                              "n't", "'re", "'ve", "'ll", "'d", "'m", "'", NULL};
    static const char *const ATTACH_RIGHT[] = {"(", "[", "{", "$", NULL};
    char *raw = NULL;
    size_t rawlen = 0;
    ng_buf out = {0};
    NG_VEC(char *) toks = {0};
    NG_VEC(const char *) tags = {0};
    int rc = 0;
    memset(c, 0, sizeof *c);
    c->path = path;
    if ((rc = ng_read_file(path, 0, &raw, &rawlen))) {
        fprintf(stderr, "newsgraph-train: %s: %s\n", path, ng_error_last());
        return rc;
    }
    /* split into (token, tag) pairs; a NULL token marks a sentence boundary */
    for (char *line = raw, *next; line && line < raw + rawlen; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        size_t ll = strlen(line);
        if (ll && line[ll - 1] == '\r')
            line[--ll] = '\0';
        int blank = 1;
        for (size_t i = 0; i < ll; i++)
            if (line[i] != ' ' && line[i] != '\t')
                blank = 0;
        char *tok = NULL, *tag = NULL;
        if (!blank && strncmp(line, "-DOCSTART-", 10) != 0) {
            /* columns: tab-separated if any tab, else white space; token first, tag last */
            if (strchr(line, '\t')) {
                tok = line;
                char *t = strchr(line, '\t');
                *t = '\0';
                tag = strrchr(t + 1, '\t');
                tag = tag ? tag + 1 : t + 1;
            } else {
                char *s2 = NULL;
                tok = strtok_r(line, " ", &s2);
                tag = tok;
                for (char *x; (x = strtok_r(NULL, " ", &s2));)
                    tag = x;
            }
        }
        if ((rc = ng_vec_push(toks, tok)) || (rc = ng_vec_push(tags, tag)))
            goto done;
    }
    if ((rc = ng_vec_push(toks, NULL)) || (rc = ng_vec_push(tags, NULL)))
        goto done;
    if (clean) {
        span_types st = {0};
        for (size_t i = 0, b = 0; i < toks.n && !rc; i++)
            if (!toks.v[i]) {
                rc = span_types_add(&st, toks.v + b, tags.v + b, i - b);
                b = i + 1;
            }
        for (size_t i = 0, b = 0; i < toks.n && !rc; i++)
            if (!toks.v[i]) {
                c->cleaned += split_coordinations(&st, toks.v + b, tags.v + b, i - b);
                c->cleaned += clean_sentence(lx, toks.v + b, tags.v + b, i - b);
                b = i + 1;
            }
        ng_map_free(&st.idx);
        free(st.cnt.v);
        if (rc)
            goto done;
    }
    int have_cur = 0, glue_next = 0, quote_open = 0;
    span cur = {0};
    char last = 0; /* last piece appended: '\n', ' ' or 't' (token) */
    for (size_t li = 0; li < toks.n; li++) {
        const char *tok = toks.v[li], *tag = tags.v[li];
        if (!tok) {
            if (have_cur && (rc = ng_vec_push(c->gold, cur)))
                goto done;
            have_cur = 0;
            if (out.len && last != '\n') {
                if ((rc = ng_buf_putc(&out, '\n')))
                    goto done;
                last = '\n';
            }
            glue_next = quote_open = 0;
            continue;
        }
        int is_quote = !strcmp(tok, "\"");
        int attach = in_set(ATTACH_LEFT, tok) || (is_quote && quote_open);
        if (out.len && last != '\n' && !attach && !glue_next) {
            if ((rc = ng_buf_putc(&out, ' ')))
                goto done;
            last = ' ';
        }
        glue_next = in_set(ATTACH_RIGHT, tok) || (is_quote && !quote_open);
        if (is_quote)
            quote_open = !quote_open;
        uint32_t start = (uint32_t)out.len;
        if ((rc = ng_buf_puts(&out, tok)))
            goto done;
        last = 't';
        uint32_t pos = (uint32_t)out.len;
        int kind = strlen(tag) > 2 ? tag_type(tag + 2) : -1;
        int isb = !strncmp(tag, "B-", 2), isi = !strncmp(tag, "I-", 2);
        if (isb || (isi && (!have_cur || cur.type != kind))) {
            if (have_cur && (rc = ng_vec_push(c->gold, cur)))
                goto done;
            have_cur = kind >= 0;
            cur.start = start;
            cur.end = pos;
            cur.type = (uint8_t)(kind >= 0 ? kind : 0);
        } else if (isi && have_cur) {
            cur.end = pos;
        } else {
            if (have_cur && (rc = ng_vec_push(c->gold, cur)))
                goto done;
            have_cur = 0;
        }
    }
    spans_normalize(c->gold.v, &c->gold.n);
    c->len = out.len;
    c->text = ng_buf_detach(&out);
done:
    free(raw);
    free(toks.v);
    free(tags.v);
    ng_buf_free(&out);
    if (rc)
        fprintf(stderr, "newsgraph-train: %s: out of memory\n", path);
    return rc;
}

/* Tokenize a corpus and label each token from the gold spans. */
static int corpus_label(corpus *c)
{
    int rc = ng_text_analyze(&c->tk, c->text, c->len);
    if (rc)
        return rc;
    c->labels = calloc(c->tk.ntoks ? c->tk.ntoks : 1, 1);
    if (!c->labels)
        return NG_ENOMEM;
    size_t g = 0;
    for (size_t s = 0; s < c->tk.nsents; s++) {
        const ng_sentence *se = &c->tk.sents[s];
        for (size_t i = se->tok_begin; i < se->tok_end; i++) {
            const ng_token *t = &c->tk.toks[i];
            while (g < c->gold.n && c->gold.v[g].end <= t->start)
                g++;
            if (g >= c->gold.n || c->gold.v[g].start > t->start || t->end > c->gold.v[g].end)
                continue;
            const span *sp = &c->gold.v[g];
            int begin = t->start == sp->start || i == se->tok_begin ||
                        c->tk.toks[i - 1].end <= sp->start;
            c->labels[i] = (uint8_t)(1 + 2 * sp->type + (begin ? 0 : 1));
        }
    }
    /* gold spans that no label sequence can produce exactly */
    uint32_t *sent_of = malloc((c->tk.ntoks + 1) * sizeof *sent_of);
    if (!sent_of)
        return NG_ENOMEM;
    for (size_t s = 0; s < c->tk.nsents; s++)
        for (size_t i = c->tk.sents[s].tok_begin; i < c->tk.sents[s].tok_end; i++)
            sent_of[i] = (uint32_t)s;
    size_t t = 0;
    for (size_t k = 0; k < c->gold.n; k++) {
        const span *sp = &c->gold.v[k];
        while (t < c->tk.ntoks && c->tk.toks[t].start < sp->start)
            t++;
        size_t e = t;
        while (e < c->tk.ntoks && c->tk.toks[e].end < sp->end)
            e++;
        int ok = t < c->tk.ntoks && c->tk.toks[t].start == sp->start && e < c->tk.ntoks &&
                 c->tk.toks[e].end == sp->end && sent_of[e] == sent_of[t];
        if (!ok)
            c->unreachable++;
    }
    free(sent_of);
    return 0;
}

static void corpus_free(corpus *c)
{
    free(c->text);
    free(c->gold.v);
    free(c->labels);
    ng_tokens_free(&c->tk);
}

/* Append the sentences of a tokenized text (whose labels are given) to an instance set;
 * keep[s] (may be NULL) selects sentences. */
static int instset_add(instset *is, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                       const uint8_t *labels, const uint8_t *keep)
{
    ng_tinfo *info = NULL;
    size_t infocap = 0;
    int rc = 0;
    if (is->soff.n == 0 && (rc = ng_vec_push(is->soff, 0)))
        return rc;
    if (is->foff.n == 0 && (rc = ng_vec_push(is->foff, 0)))
        return rc;
    for (size_t s = 0; s < tk->nsents; s++) {
        if (keep && !keep[s])
            continue;
        const ng_sentence *se = &tk->sents[s];
        size_t n = se->tok_end - se->tok_begin;
        if (n > infocap) {
            free(info);
            infocap = n * 2;
            if (!(info = malloc(infocap * sizeof *info)))
                return NG_ENOMEM;
        }
        int mode;
        ng_tagger_prepare(lx, is->cl, text, tk->toks + se->tok_begin, n, info, &mode);
        for (size_t i = 0; i < n; i++) {
            uint32_t f[NG_TAGGER_MAXF];
            size_t nf = ng_tagger_features(info, n, i, mode, f);
            for (size_t j = 0; j < nf; j++)
                if ((rc = ng_vec_push(is->feat, f[j])))
                    goto done;
            if ((rc = ng_vec_push(is->foff, (uint32_t)is->feat.n)) ||
                (rc = ng_vec_push(is->gold, labels[se->tok_begin + i])))
                goto done;
        }
        if ((rc = ng_vec_push(is->soff, (uint32_t)is->gold.n)))
            goto done;
    }
done:
    free(info);
    return rc;
}

static void instset_free(instset *is)
{
    free(is->feat.v);
    free(is->foff.v);
    free(is->gold.v);
    free(is->soff.v);
}

/* Emission scores of sentence s of an instance set under float weights. */
static void float_emissions(const instset *is, size_t s, const float *w, unsigned bits, float *em)
{
    const unsigned sh = 32u - bits;
    for (size_t i = is->soff.v[s], k = 0; i < is->soff.v[s + 1]; i++, k++) {
        float acc[NG_TAGGER_ROW] = {0};
        for (size_t j = is->foff.v[i]; j < is->foff.v[i + 1]; j++) {
            const float *r = w + (size_t)(is->feat.v[j] >> sh) * NG_TAGGER_ROW;
            for (int t = 0; t < NG_TAGGER_ROW; t++)
                acc[t] += r[t];
        }
        memcpy(em + k * NG_TAGGER_ROW, acc, sizeof acc);
    }
}

/* Predicted spans of the labels of one sentence, appended to v. */
static int spans_of(const ng_token *toks, size_t n, const uint8_t *lab, span *v, size_t *nv)
{
    for (size_t i = 0; i < n;) {
        int l = lab[i];
        if (l == NG_TAG_O) {
            i++;
            continue;
        }
        int ty = (l - 1) / 2;
        size_t j = i + 1;
        while (j < n && lab[j] == 2 + 2 * ty)
            j++;
        v[*nv].start = toks[i].start;
        v[*nv].end = toks[j - 1].end;
        v[*nv].type = (uint8_t)ty;
        (*nv)++;
        i = j;
    }
    return 0;
}

/* Score predicted labels (one per token of c) against c's gold spans. */
static int score_labels(const corpus *c, const uint8_t *pred, prf *out, FILE *errs)
{
    span *ps = malloc((c->tk.ntoks + 1) * sizeof *ps);
    if (!ps)
        return NG_ENOMEM;
    size_t np = 0;
    for (size_t s = 0; s < c->tk.nsents; s++) {
        const ng_sentence *se = &c->tk.sents[s];
        spans_of(c->tk.toks + se->tok_begin, se->tok_end - se->tok_begin, pred + se->tok_begin, ps, &np);
    }
    spans_normalize(ps, &np);
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < np; i++)
        out->np[ps[i].type]++;
    for (size_t i = 0; i < c->gold.n; i++)
        out->ng[c->gold.v[i].type]++;
    size_t a = 0, b = 0;
    while (a < np && b < c->gold.n) {
        int k = span_cmp(&ps[a], &c->gold.v[b]);
        if (k == 0) {
            out->tp[ps[a].type]++;
            a++;
            b++;
        } else if (k < 0) {
            a++;
        } else {
            b++;
        }
    }
    if (errs) {
        /* one block per line of text that has a disagreement */
        size_t pa = 0, gb = 0;
        for (size_t ls = 0; ls < c->len;) {
            size_t le = ls;
            while (le < c->len && c->text[le] != '\n')
                le++;
            size_t pa0 = pa, gb0 = gb;
            while (pa < np && ps[pa].start < le)
                pa++;
            while (gb < c->gold.n && c->gold.v[gb].start < le)
                gb++;
            int differ = (pa - pa0) != (gb - gb0);
            for (size_t k = 0; !differ && k < pa - pa0; k++)
                differ = span_cmp(&ps[pa0 + k], &c->gold.v[gb0 + k]) != 0;
            if (differ) {
                fprintf(errs, "%.*s\n", (int)(le - ls), c->text + ls);
                for (size_t k = gb0; k < gb; k++)
                    fprintf(errs, "  gold %-6s %.*s\n", TYPE_NAMES[c->gold.v[k].type],
                            (int)(c->gold.v[k].end - c->gold.v[k].start), c->text + c->gold.v[k].start);
                for (size_t k = pa0; k < pa; k++)
                    fprintf(errs, "  pred %-6s %.*s\n", TYPE_NAMES[ps[k].type], (int)(ps[k].end - ps[k].start),
                            c->text + ps[k].start);
                fprintf(errs, "\n");
            }
            ls = le + 1;
        }
    }
    free(ps);
    return 0;
}

/* F1 of counts. */
static double f1_of(size_t tp, size_t np, size_t ng)
{
    double p = np ? (double)tp / (double)np : 0.0, r = ng ? (double)tp / (double)ng : 0.0;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static double prf_f1(const prf *m)
{
    size_t tp = 0, np = 0, ng = 0;
    for (int t = 0; t < TY_COUNT; t++) {
        tp += m->tp[t];
        np += m->np[t];
        ng += m->ng[t];
    }
    return f1_of(tp, np, ng);
}

/* Print a P/R/F1 table. */
static void prf_print(const char *what, const prf *m)
{
    size_t TP = 0, NP = 0, NG = 0;
    for (int t = 0; t < TY_COUNT; t++) {
        size_t tp = m->tp[t], np = m->np[t], ng = m->ng[t];
        printf("  %-5s %-7s P %.4f R %.4f F1 %.4f  (gold %zu, pred %zu)\n", what, TYPE_NAMES[t],
               np ? (double)tp / (double)np : 0.0, ng ? (double)tp / (double)ng : 0.0, f1_of(tp, np, ng), ng, np);
        TP += tp;
        NP += np;
        NG += ng;
    }
    printf("  %-5s %-7s P %.4f R %.4f F1 %.4f  (gold %zu, pred %zu)\n", what, "all", NP ? (double)TP / (double)NP : 0.0,
           NG ? (double)TP / (double)NG : 0.0, f1_of(TP, NP, NG), NG, NP);
}

/* Decode every sentence of an instance set (built from corpus c, all sentences) with float weights. */
static int decode_float(const instset *is, const float *w, const float trans[NG_TAG_COUNT + 1][NG_TAG_COUNT],
                        unsigned bits, uint8_t *pred)
{
    size_t maxn = 0;
    for (size_t s = 0; s + 1 < is->soff.n; s++)
        if (is->soff.v[s + 1] - is->soff.v[s] > maxn)
            maxn = is->soff.v[s + 1] - is->soff.v[s];
    float *em = malloc((maxn + 1) * NG_TAGGER_ROW * sizeof *em);
    uint8_t *bp = malloc((maxn + 1) * NG_TAG_COUNT);
    if (!em || !bp) {
        free(em);
        free(bp);
        return NG_ENOMEM;
    }
    for (size_t s = 0; s + 1 < is->soff.n; s++) {
        size_t n = is->soff.v[s + 1] - is->soff.v[s];
        float_emissions(is, s, w, bits, em);
        ng_tagger_viterbi(em, n, trans, bp, pred + is->soff.v[s]);
    }
    free(em);
    free(bp);
    return 0;
}

/* Tag a corpus with a loaded model, exactly as the library does. */
static int decode_model(const ng_tagger *t, const ng_lexicon *lx, const corpus *c, uint8_t *pred, float *conf)
{
    for (size_t s = 0; s < c->tk.nsents; s++) {
        const ng_sentence *se = &c->tk.sents[s];
        int rc = ng_tagger_tag(t, lx, c->text, c->tk.toks + se->tok_begin, se->tok_end - se->tok_begin,
                               pred + se->tok_begin, conf ? conf + se->tok_begin : NULL);
        if (rc)
            return rc;
    }
    return 0;
}

/* Whether span x is one of the (sorted) gold spans of c. */
static int is_gold(const corpus *c, const span *x)
{
    size_t lo = 0, hi = c->gold.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int k = span_cmp(&c->gold.v[mid], x);
        if (k == 0)
            return 1;
        if (k < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Mention confidences on a corpus: each predicted span gets the lowest confidence of its
 * tokens (as the extractor reports it) and is right or wrong (exact span and type).
 * Returns the Brier score; hist (may be NULL) gets [bucket][total, right] for 5 buckets. */
static double mention_brier(const ng_tagger *t, const ng_lexicon *lx, const corpus *c, uint8_t *pred, float *conf,
                            size_t hist[5][2])
{
    double brier = 0.0;
    size_t nm = 0;
    if (hist)
        memset(hist, 0, 5 * sizeof hist[0]);
    if (decode_model(t, lx, c, pred, conf))
        return INFINITY;
    for (size_t s = 0; s < c->tk.nsents; s++) {
        const ng_sentence *se = &c->tk.sents[s];
        for (size_t i = se->tok_begin; i < se->tok_end;) {
            if (pred[i] == NG_TAG_O) {
                i++;
                continue;
            }
            int ty = (pred[i] - 1) / 2;
            float cm = conf[i];
            size_t j = i + 1;
            while (j < se->tok_end && pred[j] == 2 + 2 * ty) {
                if (conf[j] < cm)
                    cm = conf[j];
                j++;
            }
            span x = {c->tk.toks[i].start, c->tk.toks[j - 1].end, (uint8_t)ty};
            double y = is_gold(c, &x) ? 1.0 : 0.0;
            brier += (cm - y) * (cm - y);
            nm++;
            if (hist) {
                int bk = cm < 0.5f ? 0 : cm < 0.7f ? 1 : cm < 0.9f ? 2 : cm < 0.97f ? 3 : 4;
                hist[bk][0]++;
                hist[bk][1] += y > 0.5;
            }
            i = j;
        }
    }
    return nm ? brier / (double)nm : 0.0;
}

/* Choose the confidence temperature that minimizes the Brier score of the mention
 * confidences on a corpus (so that confidence ~ probability the mention is right). */
static float fit_temperature(ng_tagger *t, const ng_lexicon *lx, const corpus *c)
{
    uint8_t *pred = malloc(c->tk.ntoks + 1);
    float *conf = malloc((c->tk.ntoks + 1) * sizeof *conf);
    float best_t = 1.0f;
    double best = INFINITY;
    if (!pred || !conf)
        goto done;
    for (int g = 0; g < 48; g++) {
        float temp = (float)pow(10.0, -1.0 + g * (3.0 / 47.0));
        t->temp = temp;
        double b = mention_brier(t, lx, c, pred, conf, NULL);
        if (b < best) {
            best = b;
            best_t = temp;
        }
    }
    t->temp = best_t;
    size_t hist[5][2];
    double b = mention_brier(t, lx, c, pred, conf, hist);
    printf("confidence temperature %.4g: dev mention Brier score %.4f; precision by confidence:", best_t, b);
    static const char *const LB[5] = {"<0.5", "0.5-0.7", "0.7-0.9", "0.9-0.97", ">=0.97"};
    for (int k = 0; k < 5; k++)
        printf(" %s %.3f (%zu)%s", LB[k], hist[k][0] ? (double)hist[k][1] / (double)hist[k][0] : 0.0, hist[k][0],
               k < 4 ? "," : "\n");
done:
    free(pred);
    free(conf);
    t->temp = best_t;
    return best_t;
}

enum { AUG_TITLE = 0, AUG_UPPER = 1, AUG_ACRONYM = 2 };

typedef NG_VEC(uint32_t) u32vec;

/* A transformed copy of text: ASCII letters upper-cased (AUG_UPPER), word-initial letters
 * upper-cased (AUG_TITLE), or the periods of dotted acronyms removed (U.S. -> US,
 * AUG_ACRONYM).  map[i] is the offset in the copy of offset i of text (len + 1 entries);
 * *edits (may be NULL) gets the offsets in the copy where something was removed. */
static char *transform(const char *text, size_t len, int kind, size_t *newlen, uint32_t *map,
                       u32vec *edits)
{
    char *s = malloc(len + 1);
    size_t k = 0;
    if (!s)
        return NULL;
    for (size_t i = 0; i < len;) {
        char c = text[i];
        int word_start = i == 0 || !((text[i - 1] >= 'a' && text[i - 1] <= 'z') ||
                                     (text[i - 1] >= 'A' && text[i - 1] <= 'Z') || (text[i - 1] >= '0' && text[i - 1] <= '9'));
        if (kind == AUG_ACRONYM && word_start) {
            size_t j = i, n = 0;
            while (j + 1 < len && text[j] >= 'A' && text[j] <= 'Z' && text[j + 1] == '.') {
                j += 2;
                n++;
            }
            int end_ok = j >= len || !((text[j] >= 'a' && text[j] <= 'z') || (text[j] >= 'A' && text[j] <= 'Z') ||
                                      (text[j] >= '0' && text[j] <= '9'));
            if (n >= 2 && end_ok) {
                for (size_t q = i; q < j; q += 2) {
                    map[q] = (uint32_t)k;
                    map[q + 1] = (uint32_t)k + 1;
                    s[k++] = text[q];
                }
                if (edits && ng_vec_push(*edits, (uint32_t)k)) {
                    free(s);
                    return NULL;
                }
                i = j;
                continue;
            }
        }
        int initial = i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '"' || text[i - 1] == '(';
        if (c >= 'a' && c <= 'z' && ((kind == AUG_UPPER) || (kind == AUG_TITLE && initial)))
            c = (char)(c - 32);
        map[i] = (uint32_t)k;
        s[k++] = c;
        i++;
    }
    map[len] = (uint32_t)k;
    s[k] = '\0';
    *newlen = k;
    return s;
}

/* Add a transformed copy (transform()) of a random fraction p of the training sentences;
 * for AUG_ACRONYM only sentences that changed are candidates. */
static int add_augmented(instset *is, const ng_lexicon *lx, const corpus *c, int kind, double p, uint64_t *rng,
                         size_t *added)
{
    uint32_t *map = malloc((c->len + 1) * sizeof *map);
    u32vec edits = {0};
    size_t len2 = 0;
    char *t2 = map ? transform(c->text, c->len, kind, &len2, map, &edits) : NULL;
    ng_tokens tk = {0};
    uint8_t *lab = NULL, *keep = NULL;
    span *gold = NULL;
    int rc = 0;
    *added = 0;
    if (!t2 || !(gold = malloc((c->gold.n + 1) * sizeof *gold))) {
        rc = NG_ENOMEM;
        goto done;
    }
    for (size_t k = 0; k < c->gold.n; k++) {
        gold[k] = c->gold.v[k];
        gold[k].start = map[gold[k].start];
        gold[k].end = map[gold[k].end];
    }
    if ((rc = ng_text_analyze(&tk, t2, len2)))
        goto done;
    lab = calloc(tk.ntoks + 1, 1);
    keep = calloc(tk.nsents + 1, 1);
    if (!lab || !keep) {
        rc = NG_ENOMEM;
        goto done;
    }
    size_t g = 0, e = 0;
    for (size_t s = 0; s < tk.nsents; s++) {
        const ng_sentence *se = &tk.sents[s];
        int changed = kind != AUG_ACRONYM;
        while (e < edits.n && edits.v[e] < se->start)
            e++;
        if (e < edits.n && edits.v[e] <= se->end)
            changed = 1;
        keep[s] = changed && (double)(rng_next(rng) >> 11) * (1.0 / 9007199254740992.0) < p;
        *added += keep[s];
        for (size_t i = se->tok_begin; i < se->tok_end; i++) {
            const ng_token *t = &tk.toks[i];
            while (g < c->gold.n && gold[g].end <= t->start)
                g++;
            if (g >= c->gold.n || gold[g].start > t->start || t->end > gold[g].end)
                continue;
            const span *sp = &gold[g];
            int begin = t->start == sp->start || i == se->tok_begin || tk.toks[i - 1].end <= sp->start;
            lab[i] = (uint8_t)(1 + 2 * sp->type + (begin ? 0 : 1));
        }
    }
    rc = instset_add(is, lx, t2, &tk, lab, keep);
done:
    free(map);
    free(edits.v);
    free(t2);
    free(gold);
    free(lab);
    free(keep);
    ng_tokens_free(&tk);
    return rc;
}

typedef struct {
    const char *train, *dev, *test, *out, *data, *iso, *errors, *clusters;
    uint64_t seed;
    int epochs, patience, no_lexicon, min_count, runs, crf, no_clean, fixed;
    const char *train2;     /* more training data (--also-train), e.g. the dev set for the final model */
    double temperature;     /* > 0: use it instead of fitting it on dev */
    double sigma2, eta;
    unsigned bits;
    double aug_upper, aug_title, aug_acronym;
} options;

static void usage(void)
{
    fprintf(stderr, "usage: newsgraph-train --train FILE --dev FILE [--test FILE] --out MODEL\n"
                    "         [--data DIR | --no-lexicon] [--clusters FILE | --no-clusters] [--iso DIR]\n"
                    "         [--seed N] [--runs N] [--epochs N] [--patience N] [--bits N]\n"
                    "         [--aug-upper P] [--aug-title P] [--aug-acronym P]\n"
                    "         [--also-train FILE] [--fixed-epochs] [--temperature T]\n"
                    "         [--no-clean] [--min-count N] [--crf [--eta X] [--sigma2 X]] [--errors FILE]\n"
                    "defaults: --data data --clusters build/clusters.txt --seed 1 --runs 3 --epochs 20\n"
                    "          --patience 4 --bits 19"
                    " --aug-upper 0.03 --aug-title 0.03 --aug-acronym 0.3\n");
}

/* Parse the command line; returns 0 or -1. */
static int parse_args(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    o->data = "data";
    o->clusters = "build/clusters.txt";
    o->seed = 1;
    o->epochs = 20;
    o->patience = 4;
    o->runs = 3;
    o->sigma2 = 10.0;
    o->eta = 0.1;
    o->bits = 19;
    o->aug_upper = 0.03;
    o->aug_title = 0.03;
    o->aug_acronym = 0.3;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--no-clean")) {
            o->no_clean = 1;
            continue;
        }
        if (!strcmp(a, "--crf")) {
            o->crf = 1;
            continue;
        }
        if (!strcmp(a, "--fixed-epochs")) {
            o->fixed = 1;
            continue;
        }
        if (!strcmp(a, "--no-clusters")) {
            o->clusters = NULL;
            continue;
        }
        if (!strcmp(a, "--no-lexicon")) {
            o->no_lexicon = 1;
            continue;
        }
        if (!v) {
            usage();
            return -1;
        }
        i++;
        if (!strcmp(a, "--train"))
            o->train = v;
        else if (!strcmp(a, "--dev"))
            o->dev = v;
        else if (!strcmp(a, "--test"))
            o->test = v;
        else if (!strcmp(a, "--out"))
            o->out = v;
        else if (!strcmp(a, "--data"))
            o->data = v;
        else if (!strcmp(a, "--also-train"))
            o->train2 = v;
        else if (!strcmp(a, "--temperature"))
            o->temperature = atof(v);
        else if (!strcmp(a, "--clusters"))
            o->clusters = v;
        else if (!strcmp(a, "--iso"))
            o->iso = v;
        else if (!strcmp(a, "--errors"))
            o->errors = v;
        else if (!strcmp(a, "--seed"))
            o->seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "--epochs"))
            o->epochs = atoi(v);
        else if (!strcmp(a, "--patience"))
            o->patience = atoi(v);
        else if (!strcmp(a, "--sigma2"))
            o->sigma2 = atof(v);
        else if (!strcmp(a, "--eta"))
            o->eta = atof(v);
        else if (!strcmp(a, "--runs"))
            o->runs = atoi(v);
        else if (!strcmp(a, "--min-count"))
            o->min_count = atoi(v);
        else if (!strcmp(a, "--bits"))
            o->bits = (unsigned)atoi(v);
        else if (!strcmp(a, "--aug-upper"))
            o->aug_upper = atof(v);
        else if (!strcmp(a, "--aug-acronym"))
            o->aug_acronym = atof(v);
        else if (!strcmp(a, "--aug-title"))
            o->aug_title = atof(v);
        else {
            usage();
            return -1;
        }
    }
    if (!o->train || !o->dev || !o->out || o->epochs < 1 || o->runs < 1 || o->bits < NG_TAGGER_MIN_BITS ||
        o->bits > NG_TAGGER_MAX_BITS) {
        usage();
        return -1;
    }
    return 0;
}

/* Drop the training features whose row occurs fewer than min times (they keep a zero weight). */
static void prune_rare(instset *is, unsigned bits, unsigned min)
{
    const unsigned sh = 32u - bits;
    uint8_t *cnt = calloc((size_t)1 << bits, 1);
    if (!cnt)
        return;
    for (size_t j = 0; j < is->feat.n; j++) {
        uint8_t *c = &cnt[is->feat.v[j] >> sh];
        if (*c < 255)
            (*c)++;
    }
    size_t k = 0;
    for (size_t i = 0; i + 1 < is->foff.n; i++) {
        size_t b = is->foff.v[i], e = is->foff.v[i + 1];
        is->foff.v[i] = (uint32_t)k;
        for (size_t j = b; j < e; j++)
            if (cnt[is->feat.v[j] >> sh] >= min)
                is->feat.v[k++] = is->feat.v[j];
    }
    is->foff.v[is->foff.n - 1] = (uint32_t)k;
    is->feat.n = k;
    free(cnt);
}

/* Averaged weights: avg = w - u / c. */
static void average(const float *w, const double *u, size_t n, double c, float *avg)
{
    for (size_t i = 0; i < n; i++)
        avg[i] = (float)(w[i] - u[i] / c);
}

/* Quantize float weights into the model's int16 table. */
static void quantize(ng_tagger *t, const float *w, size_t n)
{
    float mx = 0.0f;
    for (size_t i = 0; i < n; i++)
        if (fabsf(w[i]) > mx)
            mx = fabsf(w[i]);
    t->scale = mx > 0.0f ? mx / 32767.0f : 1.0f;
    for (size_t i = 0; i < n; i++) {
        float q = roundf(w[i] / t->scale);
        t->w[i] = (int16_t)(q > 32767.0f ? 32767 : q < -32767.0f ? -32767 : q);
    }
}

/* One training run of the averaged structured perceptron; the averaged weights of the
 * epoch with the best dev F1 go to best/tbest.  Returns that F1, or -1 when out of memory. */
/* End of an epoch: score weights w/tw on dev, print the line (`what` describes the epoch),
 * keep them in best/tbest when dev F1 improved.  Returns 1 to stop (patience ran out or
 * decoding failed, then *best_f1 is -1), else 0. */
static int epoch_end(const instset *dis, const corpus *dv, const options *o, const float *w,
                     float tw[NG_TAG_COUNT + 1][NG_TAG_COUNT], size_t nw, uint8_t *pred, int ep, const char *what,
                     double *best_f1, int *best_epoch, float *best, float tbest[NG_TAG_COUNT + 1][NG_TAG_COUNT])
{
    prf m;
    if (decode_float(dis, w, tw, o->bits, pred) || score_labels(dv, pred, &m, NULL)) {
        *best_f1 = -1.0;
        return 1;
    }
    double f = prf_f1(&m);
    printf("epoch %2d: %s, dev F1 %.4f (PER %.4f ORG %.4f LOC %.4f)\n", ep, what, f,
           f1_of(m.tp[0], m.np[0], m.ng[0]), f1_of(m.tp[1], m.np[1], m.ng[1]), f1_of(m.tp[2], m.np[2], m.ng[2]));
    fflush(stdout);
    if (o->fixed || f > *best_f1) { /* --fixed-epochs: the last epoch is the model */
        *best_f1 = f;
        *best_epoch = ep;
        memcpy(best, w, nw * sizeof *best);
        memcpy(tbest, tw, sizeof(float) * (NG_TAG_COUNT + 1) * NG_TAG_COUNT);
        return 0;
    }
    return !o->fixed && ep - *best_epoch >= o->patience;
}

static double train_perceptron(const instset *tis, const instset *dis, const corpus *dv, const options *o,
                               uint64_t *rng, float *best, float tbest[NG_TAG_COUNT + 1][NG_TAG_COUNT], uint8_t *pred)
{
    size_t rows = (size_t)1 << o->bits, nw = rows * NG_TAGGER_ROW, nsent = tis->soff.n - 1, maxn = 0;
    for (size_t s = 0; s < nsent; s++)
        if (tis->soff.v[s + 1] - tis->soff.v[s] > maxn)
            maxn = tis->soff.v[s + 1] - tis->soff.v[s];
    float *w = calloc(nw, sizeof *w), *avg = malloc(nw * sizeof *avg);
    double *u = calloc(nw, sizeof *u);
    uint32_t *order = malloc(nsent * sizeof *order);
    float *em = malloc((maxn + 1) * NG_TAGGER_ROW * sizeof *em);
    uint8_t *bp = malloc((maxn + 1) * NG_TAG_COUNT), *path = malloc(maxn + 1);
    double c = 1.0, best_f1 = -1.0;
    int best_epoch = 0;
    float tw[NG_TAG_COUNT + 1][NG_TAG_COUNT] = {{0}}, tavg[NG_TAG_COUNT + 1][NG_TAG_COUNT];
    double tu[NG_TAG_COUNT + 1][NG_TAG_COUNT] = {{0}};
    const unsigned sh = 32u - o->bits;
    if (!w || !avg || !u || !order || !em || !bp || !path)
        goto done;
    for (size_t s = 0; s < nsent; s++)
        order[s] = (uint32_t)s;
    for (int ep = 1; ep <= o->epochs; ep++) {
        shuffle(order, nsent, rng);
        size_t mistakes = 0;
        for (size_t k = 0; k < nsent; k++, c += 1.0) {
            size_t s = order[k], t0 = tis->soff.v[s], n = tis->soff.v[s + 1] - t0;
            const uint8_t *gold = tis->gold.v + t0;
            float_emissions(tis, s, w, o->bits, em);
            ng_tagger_viterbi(em, n, tw, bp, path);
            if (!memcmp(path, gold, n))
                continue;
            mistakes++;
            for (size_t i = 0; i < n; i++) {
                int g = gold[i], p = path[i];
                int pg = i ? gold[i - 1] : NG_TAG_COUNT, pp = i ? path[i - 1] : NG_TAG_COUNT;
                if (g != p || pg != pp) {
                    tw[pg][g] += 1.0f;
                    tu[pg][g] += c;
                    tw[pp][p] -= 1.0f;
                    tu[pp][p] -= c;
                }
                if (g == p)
                    continue;
                for (size_t j = tis->foff.v[t0 + i]; j < tis->foff.v[t0 + i + 1]; j++) {
                    size_t r = (size_t)(tis->feat.v[j] >> sh) * NG_TAGGER_ROW;
                    w[r + (size_t)g] += 1.0f;
                    u[r + (size_t)g] += c;
                    w[r + (size_t)p] -= 1.0f;
                    u[r + (size_t)p] -= c;
                }
            }
        }
        average(w, u, nw, c, avg);
        average(&tw[0][0], &tu[0][0], sizeof tw / sizeof tw[0][0], c, &tavg[0][0]);
        char what[64];
        snprintf(what, sizeof what, "%zu/%zu sentences wrong", mistakes, nsent);
        if (epoch_end(dis, dv, o, avg, tavg, nw, pred, ep, what, &best_f1, &best_epoch, best, tbest)) {
            if (best_f1 < 0)
                goto done;
            break;
        }
    }
    printf("best epoch %d (dev F1 %.4f)\n", best_epoch, best_f1);
done:
    free(w);
    free(avg);
    free(u);
    free(order);
    free(em);
    free(bp);
    free(path);
    return best_f1;
}

/* log(exp(a) + exp(b)) without overflow. */
static inline float lse2(float a, float b)
{
    if (a == -INFINITY)
        return b;
    if (b == -INFINITY)
        return a;
    return a > b ? a + log1pf(expf(b - a)) : b + log1pf(expf(a - b));
}

/* One training run of a linear-chain CRF by stochastic gradient ascent with L2
 * regularization (weights kept as scale * w so the decay is one multiplication).
 * Same outputs as train_perceptron. */
static double train_crf(const instset *tis, const instset *dis, const corpus *dv, const options *o, uint64_t *rng,
                        float *best, float tbest[NG_TAG_COUNT + 1][NG_TAG_COUNT], uint8_t *pred)
{
    enum { L = NG_TAG_COUNT };
    size_t rows = (size_t)1 << o->bits, nw = rows * NG_TAGGER_ROW, nsent = tis->soff.n - 1, maxn = 0;
    for (size_t s = 0; s < nsent; s++)
        if (tis->soff.v[s + 1] - tis->soff.v[s] > maxn)
            maxn = tis->soff.v[s + 1] - tis->soff.v[s];
    float *w = calloc(nw, sizeof *w), *cur = malloc(nw * sizeof *cur);
    uint32_t *order = malloc(nsent * sizeof *order);
    float *em = malloc((maxn + 1) * NG_TAGGER_ROW * sizeof *em);
    float *al = malloc((maxn + 1) * L * sizeof *al), *be = malloc((maxn + 1) * L * sizeof *be);
    double best_f1 = -1.0, t = 0.0, scale = 1.0;
    int best_epoch = 0;
    float tw[L + 1][L] = {{0}};
    const unsigned sh = 32u - o->bits;
    const double lambda = 1.0 / (o->sigma2 * (double)nsent);
    if (!w || !cur || !order || !em || !al || !be)
        goto done;
    for (size_t s = 0; s < nsent; s++)
        order[s] = (uint32_t)s;
    for (int ep = 1; ep <= o->epochs; ep++) {
        shuffle(order, nsent, rng);
        double loss = 0.0;
        for (size_t k = 0; k < nsent; k++, t += 1.0) {
            size_t s = order[k], t0 = tis->soff.v[s], n = tis->soff.v[s + 1] - t0;
            const uint8_t *gold = tis->gold.v + t0;
            double eta = o->eta / (1.0 + o->eta * lambda * t);
            float_emissions(tis, s, w, o->bits, em);
            for (size_t i = 0; i < n; i++)
                for (int y = 0; y < L; y++)
                    em[i * NG_TAGGER_ROW + (size_t)y] *= (float)scale;
            /* forward */
            for (int y = 0; y < L; y++)
                al[y] = ng_tagger_allowed(L, y) ? tw[L][y] + em[y] : -INFINITY;
            for (size_t i = 1; i < n; i++)
                for (int y = 0; y < L; y++) {
                    float a = -INFINITY;
                    for (int p = 0; p < L; p++)
                        if (ng_tagger_allowed(p, y))
                            a = lse2(a, al[(i - 1) * L + (size_t)p] + tw[p][y]);
                    al[i * L + (size_t)y] = a + em[i * NG_TAGGER_ROW + (size_t)y];
                }
            /* backward */
            for (int y = 0; y < L; y++)
                be[(n - 1) * L + (size_t)y] = 0.0f;
            for (size_t i = n - 1; i-- > 0;)
                for (int p = 0; p < L; p++) {
                    float b = -INFINITY;
                    for (int y = 0; y < L; y++)
                        if (ng_tagger_allowed(p, y))
                            b = lse2(b, tw[p][y] + em[(i + 1) * NG_TAGGER_ROW + (size_t)y] + be[(i + 1) * L + (size_t)y]);
                    be[i * L + (size_t)p] = b;
                }
            float logz = -INFINITY;
            for (int y = 0; y < L; y++)
                logz = lse2(logz, al[(n - 1) * L + (size_t)y]);
            float gs = tw[L][gold[0]] + em[gold[0]];
            for (size_t i = 1; i < n; i++)
                gs += tw[gold[i - 1]][gold[i]] + em[i * NG_TAGGER_ROW + gold[i]];
            loss += logz - gs;
            /* regularization: shrink every weight */
            scale *= 1.0 - eta * lambda;
            if (scale < 1e-6) {
                for (size_t i = 0; i < nw; i++)
                    w[i] *= (float)scale;
                scale = 1.0;
            }
            float step = (float)(eta / scale);
            float ttrans[L + 1][L] = {{0}};
            for (size_t i = 0; i < n; i++) {
                float g[L];
                for (int y = 0; y < L; y++) {
                    float mu = expf(al[i * L + (size_t)y] + be[i * L + (size_t)y] - logz);
                    g[y] = (y == gold[i] ? 1.0f : 0.0f) - mu;
                }
                for (size_t j = tis->foff.v[t0 + i]; j < tis->foff.v[t0 + i + 1]; j++) {
                    float *r = w + (size_t)(tis->feat.v[j] >> sh) * NG_TAGGER_ROW;
                    for (int y = 0; y < L; y++)
                        r[y] += step * g[y];
                }
                /* transitions: gold count minus expected count */
                int pg = i ? gold[i - 1] : L;
                ttrans[pg][gold[i]] += 1.0f;
                if (i == 0) {
                    for (int y = 0; y < L; y++)
                        ttrans[L][y] -= expf(al[y] + be[y] - logz);
                } else {
                    for (int p = 0; p < L; p++)
                        for (int y = 0; y < L; y++)
                            if (ng_tagger_allowed(p, y))
                                ttrans[p][y] -= expf(al[(i - 1) * L + (size_t)p] + tw[p][y] +
                                                     em[i * NG_TAGGER_ROW + (size_t)y] + be[i * L + (size_t)y] - logz);
                }
            }
            for (int p = 0; p <= L; p++)
                for (int y = 0; y < L; y++)
                    tw[p][y] += (float)eta * ttrans[p][y];
        }
        for (size_t i = 0; i < nw; i++)
            cur[i] = w[i] * (float)scale;
        char what[64];
        snprintf(what, sizeof what, "loss %.1f", loss);
        if (epoch_end(dis, dv, o, cur, tw, nw, pred, ep, what, &best_f1, &best_epoch, best, tbest)) {
            if (best_f1 < 0)
                goto done;
            break;
        }
    }
    printf("best epoch %d (dev F1 %.4f)\n", best_epoch, best_f1);
done:
    free(w);
    free(cur);
    free(order);
    free(em);
    free(al);
    free(be);
    return best_f1;
}

int main(int argc, char **argv)
{
    options o;
    corpus tr = {0}, tr2 = {0}, dv = {0}, te = {0};
    instset tis = {0}, dis = {0};
    ng_lexicon *lx = NULL;
    ng_tagger *model = NULL, *loaded = NULL;
    ng_tclusters *cl = NULL;
    float *best = NULL, *sum = NULL;
    uint8_t *pred = NULL;
    int rc = 1;
    if (parse_args(argc, argv, &o))
        return 2;
    if (!o.no_lexicon) {
        if (ng_lexicon_load(&lx, o.data, o.iso)) {
            fprintf(stderr, "newsgraph-train: lexicon %s: %s\n", o.data, ng_error_last());
            return 1;
        }
    }
    if (o.clusters && ng_tclusters_read(&cl, o.clusters)) {
        fprintf(stderr, "newsgraph-train: %s\n", ng_error_last());
        ng_lexicon_free(lx);
        return 1;
    }
    tis.cl = dis.cl = cl;
    if (corpus_read(&tr, o.train, !o.no_clean, lx) || (o.train2 && corpus_read(&tr2, o.train2, !o.no_clean, lx)) ||
        corpus_read(&dv, o.dev, 0, lx) || (o.test && corpus_read(&te, o.test, 0, lx)))
        goto done;
    if (corpus_label(&tr) || (o.train2 && corpus_label(&tr2)) || corpus_label(&dv) || (o.test && corpus_label(&te))) {
        fprintf(stderr, "newsgraph-train: out of memory\n");
        goto done;
    }
    printf("train: %zu sentences, %zu tokens, %zu gold spans (%zu not on token boundaries), %zu tags repaired\n",
           tr.tk.nsents, tr.tk.ntoks, tr.gold.n, tr.unreachable, tr.cleaned);
    if (o.train2)
        printf("also train on %s: %zu sentences, %zu tokens, %zu gold spans, %zu tags repaired\n", o.train2,
               tr2.tk.nsents, tr2.tk.ntoks, tr2.gold.n, tr2.cleaned);
    printf("dev:   %zu sentences, %zu tokens, %zu gold spans (%zu not on token boundaries)\n", dv.tk.nsents,
           dv.tk.ntoks, dv.gold.n, dv.unreachable);
    if (o.test)
        printf("test:  %zu sentences, %zu tokens, %zu gold spans (%zu not on token boundaries)\n", te.tk.nsents,
               te.tk.ntoks, te.gold.n, te.unreachable);

    uint64_t rng = o.seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL;
    if (!rng)
        rng = 1;
    size_t aug_u = 0, aug_t = 0, aug_a = 0, aug2_u = 0, aug2_t = 0, aug2_a = 0;
    if (instset_add(&tis, lx, tr.text, &tr.tk, tr.labels, NULL) ||
        (o.aug_upper > 0 && add_augmented(&tis, lx, &tr, AUG_UPPER, o.aug_upper, &rng, &aug_u)) ||
        (o.aug_title > 0 && add_augmented(&tis, lx, &tr, AUG_TITLE, o.aug_title, &rng, &aug_t)) ||
        (o.aug_acronym > 0 && add_augmented(&tis, lx, &tr, AUG_ACRONYM, o.aug_acronym, &rng, &aug_a)) ||
        (o.train2 && instset_add(&tis, lx, tr2.text, &tr2.tk, tr2.labels, NULL)) ||
        (o.train2 && o.aug_upper > 0 && add_augmented(&tis, lx, &tr2, AUG_UPPER, o.aug_upper, &rng, &aug2_u)) ||
        (o.train2 && o.aug_title > 0 && add_augmented(&tis, lx, &tr2, AUG_TITLE, o.aug_title, &rng, &aug2_t)) ||
        (o.train2 && o.aug_acronym > 0 && add_augmented(&tis, lx, &tr2, AUG_ACRONYM, o.aug_acronym, &rng, &aug2_a)) ||
        instset_add(&dis, lx, dv.text, &dv.tk, dv.labels, NULL)) {
        fprintf(stderr, "newsgraph-train: out of memory\n");
        goto done;
    }
    aug_u += aug2_u;
    aug_t += aug2_t;
    aug_a += aug2_a;
    if (o.min_count > 1)
        prune_rare(&tis, o.bits, (unsigned)o.min_count);
    size_t nsent = tis.soff.n - 1;
    printf("training instances: %zu sentences (copies: %zu upper-cased, %zu title-cased, %zu acronyms undotted), "
           "%zu tokens, %zu features\n", nsent, aug_u, aug_t, aug_a, tis.gold.n, tis.feat.n);
    printf("model: 2^%u rows, lexicon %s, clusters %s (%zu words), seed %llu\n", o.bits, lx ? o.data : "none",
           cl ? o.clusters : "none", cl ? cl->n : 0, (unsigned long long)o.seed);
    fflush(stdout);

    size_t rows = (size_t)1 << o.bits, nw = rows * NG_TAGGER_ROW;
    best = calloc(nw, sizeof *best);
    sum = calloc(nw, sizeof *sum);
    pred = malloc(dv.tk.ntoks + 1);
    if (!best || !sum || !pred) {
        fprintf(stderr, "newsgraph-train: out of memory\n");
        goto done;
    }
    float tbest[NG_TAG_COUNT + 1][NG_TAG_COUNT], tsum[NG_TAG_COUNT + 1][NG_TAG_COUNT] = {{0}};
    for (int run = 0; run < o.runs; run++) {
        if (o.runs > 1)
            printf("run %d of %d\n", run + 1, o.runs);
        if ((o.crf ? train_crf(&tis, &dis, &dv, &o, &rng, best, tbest, pred)
                   : train_perceptron(&tis, &dis, &dv, &o, &rng, best, tbest, pred)) < 0) {
            fprintf(stderr, "newsgraph-train: out of memory\n");
            goto done;
        }
        for (size_t i = 0; i < nw; i++)
            sum[i] += best[i] / (float)o.runs;
        for (int a = 0; a <= NG_TAG_COUNT; a++)
            for (int b = 0; b < NG_TAG_COUNT; b++)
                tsum[a][b] += tbest[a][b] / (float)o.runs;
    }
    if (o.runs > 1) {
        prf m;
        if (decode_float(&dis, sum, tsum, o.bits, pred) || score_labels(&dv, pred, &m, NULL))
            goto done;
        printf("average of %d runs: dev F1 %.4f\n", o.runs, prf_f1(&m));
    }

    if (ng_tagger_new(&model, o.bits)) {
        fprintf(stderr, "newsgraph-train: %s\n", ng_error_last());
        goto done;
    }
    model->flags = lx ? NG_TAGGER_F_LEXICON : 0;
    model->cl = cl; /* the model owns the table from here on */
    if (cl)
        model->flags |= NG_TAGGER_F_CLUSTERS;
    cl = NULL;
    quantize(model, sum, nw);
    memcpy(model->trans, tsum, sizeof tsum);
    if (o.temperature > 0)
        model->temp = (float)o.temperature; /* dev was trained on: fitting it there would be biased */
    else
        fit_temperature(model, lx, &dv);
    if (ng_tagger_save(model, o.out)) {
        fprintf(stderr, "newsgraph-train: %s: %s\n", o.out, ng_error_last());
        goto done;
    }
    if (ng_tagger_load(&loaded, o.out)) {
        fprintf(stderr, "newsgraph-train: %s\n", ng_error_last());
        goto done;
    }
    FILE *ef = NULL;
    if (o.errors && !(ef = fopen(o.errors, "w")))
        fprintf(stderr, "newsgraph-train: %s: cannot write\n", o.errors);
    prf m;
    printf("model %s (reloaded, tagged with ng_tagger_tag):\n", o.out);
    if (decode_model(loaded, lx, &dv, pred, NULL) || score_labels(&dv, pred, &m, ef))
        goto done_err;
    prf_print("dev", &m);
    if (o.test) {
        uint8_t *tp = malloc(te.tk.ntoks + 1);
        if (!tp || decode_model(loaded, lx, &te, tp, NULL) || score_labels(&te, tp, &m, NULL)) {
            free(tp);
            goto done_err;
        }
        free(tp);
        prf_print("test", &m);
    }
    if (ef)
        fclose(ef);
    rc = 0;
    goto done;
done_err:
    if (ef)
        fclose(ef);
    fprintf(stderr, "newsgraph-train: %s\n", ng_error_last());
done:
    free(best);
    free(sum);
    free(pred);
    ng_tagger_free(model);
    ng_tagger_free(loaded);
    instset_free(&tis);
    instset_free(&dis);
    corpus_free(&tr);
    corpus_free(&tr2);
    corpus_free(&dv);
    corpus_free(&te);
    ng_tclusters_free(cl);
    ng_lexicon_free(lx);
    return rc;
}
