/* newsgraph-clusters.c - word clusters for the entity tagger, from unlabeled text.
 *
 *   newsgraph-clusters --out build/clusters.txt [--min-count 3] [--depth 20]
 *                      [--contexts 300] FILE...
 *
 * Each FILE is read as text: a file ending in .conll contributes the words of its first
 * column (one sentence per block, labels ignored), a WordNet data.* file (Debian package
 * wordnet-base, /usr/share/wordnet/data.noun...) its glosses, any other file is plain
 * text with XML/SGML tags removed (TimeML .tml).  The text is tokenized by the library
 * (ng_text_analyze) and every token is normalized as the tagger does
 * (ng_tagger_norm_word: digits as 0, case kept), so a word of the cluster file is
 * exactly the key the tagger looks up.
 *
 * Method (a cheap distributional clustering with Brown-style bit paths):
 *  1. every word seen at least --min-count times gets a context vector: the counts of
 *     the --contexts most frequent words (plus "other" and the sentence edges) at
 *     offsets -2, -1, +1, +2, weighted by positive PMI and L2-normalized;
 *  2. the vectors are projected to 128 dimensions (a fixed pseudo-random projection);
 *  3. the words are split in two recursively (principal direction of the set, then a few
 *     rounds of spherical 2-means), down to --depth levels or single words; the path of
 *     left (0) / right (1) choices is the word's bit string.
 * Words that share a long prefix are used in similar contexts.  Everything is seeded and
 * sequential, so the output is the same bytes on every run.
 *
 * Output, one word a line, sorted by path then by decreasing count:
 *   PATH<TAB>WORD<TAB>COUNT      (PATH: 1 to --depth characters 0/1)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "extract/tagger_impl.h"
#include "text/text.h"
#include "util/util.h"

#define PROJ 256
#define MAX_FILE (512u << 20)
#define MAX_WORD 130

typedef struct {
    char *s;        /* normalized word */
    uint64_t h;     /* its hash */
    uint64_t count;
    int ctx;        /* index among the context words, or -1 */
    int id;         /* index among the clustered words, or -1 */
} word;

typedef struct {
    word *w;
    size_t n, cap;
    size_t *slot; /* open addressing: index + 1, 0 empty */
    size_t mask;
} vocab;

static int vocab_grow(vocab *v)
{
    size_t ncap = v->mask ? (v->mask + 1) * 2 : 1u << 16;
    size_t *ns = calloc(ncap, sizeof *ns);
    if (!ns)
        return NG_ENOMEM;
    for (size_t i = 0; i < v->n; i++) {
        size_t j = (size_t)v->w[i].h & (ncap - 1);
        while (ns[j])
            j = (j + 1) & (ncap - 1);
        ns[j] = i + 1;
    }
    free(v->slot);
    v->slot = ns;
    v->mask = ncap - 1;
    return 0;
}

/* Index of word s (added with count 0 if new), or -1 on allocation failure. */
static long vocab_get(vocab *v, const char *s, size_t len)
{
    uint64_t h = ng_tagger_word_hash(s, len);
    if ((v->n + 1) * 2 > v->mask + 1 && vocab_grow(v))
        return -1;
    size_t j = (size_t)h & v->mask;
    while (v->slot[j]) {
        word *w = &v->w[v->slot[j] - 1];
        if (w->h == h && strlen(w->s) == len && memcmp(w->s, s, len) == 0)
            return (long)(v->slot[j] - 1);
        j = (j + 1) & v->mask;
    }
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 4096;
        word *nw = realloc(v->w, nc * sizeof *nw);
        if (!nw)
            return -1;
        v->w = nw;
        v->cap = nc;
    }
    word *w = &v->w[v->n];
    if (!(w->s = malloc(len + 1)))
        return -1;
    memcpy(w->s, s, len);
    w->s[len] = '\0';
    w->h = h;
    w->count = 0;
    w->ctx = w->id = -1;
    v->slot[j] = ++v->n;
    return (long)(v->n - 1);
}

/* Append the text of one input file to buf (see the header comment). */
static int add_file(const char *path, char **buf, size_t *len, size_t *cap)
{
    char *data = NULL;
    size_t n = 0;
    int rc = ng_read_file(path, MAX_FILE, &data, &n);
    if (rc) {
        fprintf(stderr, "newsgraph-clusters: %s: %s\n", path, ng_error_last());
        return rc;
    }
    size_t pl = strlen(path);
    int conll = pl > 6 && strcmp(path + pl - 6, ".conll") == 0;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    int wordnet = strncmp(base, "data.", 5) == 0 && !conll;
    if (*len + n + 2 > *cap) {
        size_t nc = (*len + n + 2) * 2;
        char *nb = realloc(*buf, nc);
        if (!nb) {
            free(data);
            return NG_ENOMEM;
        }
        *buf = nb;
        *cap = nc;
    }
    char *o = *buf + *len;
    if (wordnet) {
        /* WordNet data.* file: the gloss after "| " on each synset line, one line each */
        for (size_t i = 0; i < n;) {
            size_t e = i;
            while (e < n && data[e] != '\n')
                e++;
            size_t g = i;
            while (g + 1 < e && !(data[g] == '|' && data[g + 1] == ' '))
                g++;
            if (data[i] != ' ' && g + 1 < e) {
                memcpy(o, data + g + 2, e - g - 2);
                o += e - g - 2;
                *o++ = '\n';
                *o++ = '\n';
            }
            i = e + 1;
        }
    } else if (conll) {
        /* first column of each line, space-separated; blank line = end of sentence */
        size_t i = 0;
        int any = 0;
        while (i < n) {
            size_t e = i;
            while (e < n && data[e] != '\n')
                e++;
            size_t t = i;
            while (t < e && data[t] != '\t' && data[t] != ' ')
                t++;
            if (t > i) {
                if (any)
                    *o++ = ' ';
                memcpy(o, data + i, t - i);
                o += t - i;
                any = 1;
            } else if (any) {
                *o++ = '\n';
                any = 0;
            }
            i = e + 1;
        }
        if (any)
            *o++ = '\n';
    } else {
        int intag = 0;
        for (size_t i = 0; i < n; i++) {
            char c = data[i];
            if (c == '<')
                intag = 1;
            else if (c == '>' && intag)
                intag = 0, c = ' ';
            if (!intag)
                *o++ = c;
        }
        *o++ = '\n';
    }
    *o++ = '\n'; /* files never share a sentence */
    *len = (size_t)(o - *buf);
    free(data);
    return 0;
}

/* xorshift64* */
static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

static double dot(const float *a, const float *b)
{
    double s = 0;
    for (int k = 0; k < PROJ; k++)
        s += (double)a[k] * b[k];
    return s;
}

/* Split idx[0..n) of the vectors X into two groups; returns the size of the first
 * (the members are reordered in place, first group first). */
static size_t bisect(const float *X, const float *W, size_t *idx, size_t n, unsigned char *side)
{
    /* W: weight of each word (log of its count): frequent words, whose vectors are
     * reliable, decide the directions; rare ones follow */
    double mean[PROJ] = {0}, v[PROJ], nv[PROJ], wsum = 0;
    for (size_t i = 0; i < n; i++) {
        wsum += W[idx[i]];
        for (int k = 0; k < PROJ; k++)
            mean[k] += W[idx[i]] * X[idx[i] * PROJ + k];
    }
    for (int k = 0; k < PROJ; k++) {
        mean[k] /= wsum;
        v[k] = 1.0 / sqrt(PROJ) * ((k & 1) ? 1 : -1) + 0.01 * k; /* fixed start */
    }
    /* principal direction of the centered set (power iteration) */
    for (int it = 0; it < 12; it++) {
        memset(nv, 0, sizeof nv);
        for (size_t i = 0; i < n; i++) {
            const float *x = X + idx[i] * PROJ;
            double p = 0;
            for (int k = 0; k < PROJ; k++)
                p += (x[k] - mean[k]) * v[k];
            p *= W[idx[i]];
            for (int k = 0; k < PROJ; k++)
                nv[k] += p * (x[k] - mean[k]);
        }
        double norm = 0;
        for (int k = 0; k < PROJ; k++)
            norm += nv[k] * nv[k];
        norm = sqrt(norm);
        if (norm == 0)
            break;
        for (int k = 0; k < PROJ; k++)
            v[k] = nv[k] / norm;
    }
    for (size_t i = 0; i < n; i++) {
        const float *x = X + idx[i] * PROJ;
        double p = 0;
        for (int k = 0; k < PROJ; k++)
            p += (x[k] - mean[k]) * v[k];
        side[i] = p > 0;
    }
    /* refine: spherical 2-means */
    for (int it = 0; it < 6; it++) {
        double c[2][PROJ];
        size_t cnt[2] = {0, 0};
        memset(c, 0, sizeof c);
        for (size_t i = 0; i < n; i++) {
            cnt[side[i]]++;
            for (int k = 0; k < PROJ; k++)
                c[side[i]][k] += W[idx[i]] * X[idx[i] * PROJ + k];
        }
        if (!cnt[0] || !cnt[1])
            break;
        float cf[2][PROJ];
        for (int g = 0; g < 2; g++) {
            double norm = 0;
            for (int k = 0; k < PROJ; k++)
                norm += c[g][k] * c[g][k];
            norm = norm > 0 ? sqrt(norm) : 1;
            for (int k = 0; k < PROJ; k++)
                cf[g][k] = (float)(c[g][k] / norm);
        }
        size_t moved = 0;
        for (size_t i = 0; i < n; i++) {
            const float *x = X + idx[i] * PROJ;
            unsigned char s = dot(x, cf[1]) > dot(x, cf[0]);
            moved += s != side[i];
            side[i] = s;
        }
        if (!moved)
            break;
    }
    size_t n0 = 0;
    for (size_t i = 0; i < n; i++)
        n0 += !side[i];
    if (n0 == 0 || n0 == n) { /* identical vectors: split by order */
        n0 = n / 2;
        for (size_t i = 0; i < n; i++)
            side[i] = i >= n0;
    }
    /* stable partition */
    size_t *tmp = malloc(n * sizeof *tmp), a = 0, b = n0;
    if (!tmp)
        return n0;
    for (size_t i = 0; i < n; i++)
        tmp[side[i] ? b++ : a++] = idx[i];
    memcpy(idx, tmp, n * sizeof *tmp);
    free(tmp);
    return n0;
}

/* Recursive bisection of idx[0..n); path/plen: bit string so far. */
static void split(const float *X, const float *W, size_t *idx, size_t n, unsigned char *side, uint32_t path, unsigned plen,
                  unsigned depth, uint32_t *paths, unsigned char *plens)
{
    if (n <= 1 || plen >= depth) {
        for (size_t i = 0; i < n; i++) {
            paths[idx[i]] = path;
            plens[idx[i]] = (unsigned char)(plen ? plen : 1);
        }
        return;
    }
    size_t n0 = bisect(X, W, idx, n, side);
    split(X, W, idx, n0, side, path << 1, plen + 1, depth, paths, plens);
    split(X, W, idx + n0, n - n0, side, path << 1 | 1, plen + 1, depth, paths, plens);
}

typedef struct {
    const word *w;
    uint32_t path;
    unsigned char plen;
} outrow;

static int out_cmp(const void *a, const void *b)
{
    const outrow *x = a, *y = b;
    /* compare the bit strings as strings */
    unsigned l = x->plen < y->plen ? x->plen : y->plen;
    uint32_t px = x->path >> (x->plen - l), py = y->path >> (y->plen - l);
    if (px != py)
        return px < py ? -1 : 1;
    if (x->plen != y->plen)
        return x->plen < y->plen ? -1 : 1;
    if (x->w->count != y->w->count)
        return x->w->count > y->w->count ? -1 : 1;
    return strcmp(x->w->s, y->w->s);
}

static int word_count_cmp(const void *a, const void *b)
{
    const word *const *x = a, *const *y = b;
    if ((*x)->count != (*y)->count)
        return (*x)->count > (*y)->count ? -1 : 1;
    return strcmp((*x)->s, (*y)->s);
}

static void usage(void)
{
    fprintf(stderr, "usage: newsgraph-clusters --out FILE [--min-count N] [--depth D] [--contexts C] FILE...\n");
}

int main(int argc, char **argv)
{
    const char *out = NULL;
    unsigned min_count = 3, depth = 20, nctx = 300;
    char *buf = NULL;
    size_t blen = 0, bcap = 0;
    vocab v = {0};
    ng_tokens tk = {0};
    word **byc = NULL;
    float *F = NULL, *X = NULL;
    size_t *idx = NULL;
    unsigned char *side = NULL, *plens = NULL;
    uint32_t *paths = NULL;
    outrow *rows = NULL;
    int rc = 1, nin = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--out") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(a, "--min-count") && i + 1 < argc)
            min_count = (unsigned)atoi(argv[++i]);
        else if (!strcmp(a, "--depth") && i + 1 < argc)
            depth = (unsigned)atoi(argv[++i]);
        else if (!strcmp(a, "--contexts") && i + 1 < argc)
            nctx = (unsigned)atoi(argv[++i]);
        else if (a[0] == '-') {
            usage();
            return 2;
        } else {
            if (add_file(a, &buf, &blen, &bcap))
                goto done;
            nin++;
        }
    }
    if (!out || !nin || depth < 1 || depth > NG_TAGGER_CLU_DEPTH || nctx < 1 || min_count < 1) {
        usage();
        return 2;
    }
    if (ng_text_analyze(&tk, buf, blen)) {
        fprintf(stderr, "newsgraph-clusters: out of memory\n");
        goto done;
    }
    /* token -> word index */
    long *tw = malloc((tk.ntoks + 1) * sizeof *tw);
    if (!tw)
        goto done;
    for (size_t t = 0; t < tk.ntoks; t++) {
        char nb[MAX_WORD + 1];
        size_t nl =
            ng_tagger_norm_word(buf + tk.toks[t].start, tk.toks[t].end - tk.toks[t].start, 1, nb, sizeof nb);
        long id = vocab_get(&v, nb, nl);
        if (id < 0) {
            free(tw);
            goto done;
        }
        v.w[id].count++;
        tw[t] = id;
    }
    /* context words: the nctx most frequent */
    if (!(byc = malloc(v.n * sizeof *byc))) {
        free(tw);
        goto done;
    }
    for (size_t i = 0; i < v.n; i++)
        byc[i] = &v.w[i];
    qsort(byc, v.n, sizeof *byc, word_count_cmp);
    if (nctx > v.n)
        nctx = (unsigned)v.n;
    for (unsigned i = 0; i < nctx; i++)
        byc[i]->ctx = (int)i;
    size_t nw = 0;
    for (size_t i = 0; i < v.n; i++)
        if (byc[i]->count >= min_count)
            byc[i]->id = (int)nw++;
    /* context counts: 4 offsets x (nctx + other + edge) */
    const size_t cw = nctx + 2, D = 4 * cw;
    if (!(F = calloc(nw * D, sizeof *F))) {
        free(tw);
        goto done;
    }
    for (size_t s = 0; s < tk.nsents; s++) {
        const ng_sentence *se = &tk.sents[s];
        for (size_t t = se->tok_begin; t < se->tok_end; t++) {
            int id = v.w[tw[t]].id;
            if (id < 0)
                continue;
            static const int OFF[4] = {-2, -1, 1, 2};
            for (int o = 0; o < 4; o++) {
                long u = (long)t + OFF[o];
                size_t c;
                if (u < (long)se->tok_begin || u >= (long)se->tok_end)
                    c = nctx + 1;
                else {
                    int x = v.w[tw[u]].ctx;
                    c = x >= 0 ? (size_t)x : nctx;
                }
                F[(size_t)id * D + (size_t)o * cw + c] += 1.0f;
            }
        }
    }
    free(tw);
    /* positive PMI, then a fixed random projection to PROJ dimensions, L2-normalized */
    double *colsum = calloc(D, sizeof *colsum), total = 0;
    if (!colsum)
        goto done;
    for (size_t i = 0; i < nw; i++)
        for (size_t d = 0; d < D; d++) {
            colsum[d] += F[i * D + d];
            total += F[i * D + d];
        }
    float *R = malloc(D * PROJ * sizeof *R);
    X = calloc(nw * PROJ, sizeof *X);
    if (!R || !X) {
        free(colsum);
        free(R);
        goto done;
    }
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    for (size_t d = 0; d < D * PROJ; d++)
        R[d] = (rng_next(&seed) >> 63) ? 1.0f : -1.0f;
    for (size_t i = 0; i < nw; i++) {
        float *f = F + i * D;
        double rs = 0;
        for (size_t d = 0; d < D; d++)
            rs += f[d];
        float *x = X + i * PROJ;
        for (size_t d = 0; d < D; d++) {
            if (f[d] <= 0)
                continue;
            double pmi = log((double)f[d] * total / (rs * colsum[d]));
            if (pmi <= 0)
                continue;
            for (int k = 0; k < PROJ; k++)
                x[k] += (float)pmi * R[d * PROJ + k];
        }
        double norm = 0;
        for (int k = 0; k < PROJ; k++)
            norm += (double)x[k] * x[k];
        norm = norm > 0 ? sqrt(norm) : 1;
        for (int k = 0; k < PROJ; k++)
            x[k] = (float)(x[k] / norm);
    }
    free(colsum);
    free(R);
    if (!(idx = malloc(nw * sizeof *idx)) || !(side = malloc(nw + 1)) || !(paths = calloc(nw + 1, sizeof *paths)) ||
        !(plens = calloc(nw + 1, 1)) || !(rows = malloc((nw + 1) * sizeof *rows)))
        goto done;
    for (size_t i = 0; i < nw; i++)
        idx[i] = i;
    float *W = malloc(nw * sizeof *W);
    if (!W)
        goto done;
    for (size_t i = 0; i < v.n; i++)
        if (v.w[i].id >= 0)
            W[v.w[i].id] = (float)log(1.0 + (double)v.w[i].count);
    split(X, W, idx, nw, side, 0, 0, depth, paths, plens);
    free(W);
    size_t nr = 0;
    for (size_t i = 0; i < v.n; i++) {
        if (v.w[i].id < 0)
            continue;
        rows[nr].w = &v.w[i];
        rows[nr].path = paths[v.w[i].id];
        rows[nr].plen = plens[v.w[i].id];
        nr++;
    }
    qsort(rows, nr, sizeof *rows, out_cmp);
    FILE *f = fopen(out, "wb");
    if (!f) {
        fprintf(stderr, "newsgraph-clusters: cannot write %s\n", out);
        goto done;
    }
    for (size_t i = 0; i < nr; i++) {
        char bits[33];
        for (unsigned k = 0; k < rows[i].plen; k++)
            bits[k] = (char)('0' + ((rows[i].path >> (rows[i].plen - 1 - k)) & 1));
        bits[rows[i].plen] = '\0';
        fprintf(f, "%s\t%s\t%llu\n", bits, rows[i].w->s, (unsigned long long)rows[i].w->count);
    }
    if (fclose(f)) {
        fprintf(stderr, "newsgraph-clusters: cannot write %s\n", out);
        goto done;
    }
    fprintf(stderr, "newsgraph-clusters: %zu tokens, %zu word types, %zu clustered (count >= %u), %u levels -> %s\n",
            tk.ntoks, v.n, nw, min_count, depth, out);
    rc = 0;
done:
    for (size_t i = 0; i < v.n; i++)
        free(v.w[i].s);
    free(v.w);
    free(v.slot);
    ng_tokens_free(&tk);
    free(byc);
    free(F);
    free(X);
    free(idx);
    free(side);
    free(paths);
    free(plens);
    free(rows);
    free(buf);
    return rc;
}
