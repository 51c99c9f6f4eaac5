/* tagger.c - the statistical entity tagger: model file (load, save) and tagging.
 *
 * Model file, all integers little-endian:
 *   0   magic "NGTAGGER"
 *   8   u32 format version (NG_TAGGER_VERSION)
 *   12  u32 feature set (NG_TAGGER_FEATSET)
 *   16  u32 number of labels (NG_TAG_COUNT)
 *   20  u32 hash bits (table of 1 << bits rows)
 *   24  u32 flags (NG_TAGGER_F_*)
 *   28  u32 number of stored (non-zero) rows
 *   32  f32 scale (weight = int16 * scale), f32 confidence temperature
 *   40  u64 total file length
 *   48  f32 transitions [(labels + 1) * labels]
 *   ..  rows, ascending: varint gap from the previous row index (+1), a byte whose bit k
 *       says label k's weight is non-zero, then those weights as i16
 *   ..  (version 3) u32 number of word-cluster entries (0 unless flag NG_TAGGER_F_CLUSTERS),
 *       then the entries in ascending key order: u64 normalized-word hash, u32 cluster code
 *   end u64 FNV-1a 64 checksum of every byte before it
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tagger_impl.h"
#include "../util/util.h"

#define HDR_FIXED 48u
#define TRANS_BYTES ((NG_TAG_COUNT + 1) * NG_TAG_COUNT * 4u)
/* Sentences up to this many tokens are tagged without allocating. */
#define STACK_TOKS 192

static const char *const LABEL_NAMES[NG_TAG_COUNT] = {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"};

const char *ng_tagger_label_name(int label)
{
    return label >= 0 && label < NG_TAG_COUNT ? LABEL_NAMES[label] : "?";
}

/* FNV-1a 64 of a byte range. */
static uint64_t fnv64(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

/* Little-endian writers/readers. */
static void put32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const unsigned char *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }

static void putf(unsigned char *p, float f)
{
    uint32_t v;
    memcpy(&v, &f, 4);
    put32(p, v);
}

static float getf(const unsigned char *p)
{
    uint32_t v = get32(p);
    float f;
    memcpy(&f, &v, 4);
    return f;
}

int ng_tagger_new(ng_tagger **out, uint32_t bits)
{
    *out = NULL;
    if (bits < NG_TAGGER_MIN_BITS || bits > NG_TAGGER_MAX_BITS)
        return ng_error_set(NG_EINVAL, "tagger: hash bits %u out of range [%d, %d]", bits, NG_TAGGER_MIN_BITS,
                            NG_TAGGER_MAX_BITS);
    ng_tagger *t = calloc(1, sizeof *t);
    if (!t)
        return ng_error_set(NG_ENOMEM, "out of memory");
    t->bits = bits;
    t->scale = 1.0f;
    t->temp = 1.0f;
    t->w = calloc((size_t)1 << bits, NG_TAGGER_ROW * sizeof *t->w);
    if (!t->w) {
        free(t);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    *out = t;
    return 0;
}

void ng_tagger_free(ng_tagger *t)
{
    if (!t)
        return;
    ng_tclusters_free(t->cl);
    free(t->w);
    free(t);
}

/* ---- word clusters ---- */

int ng_tclusters_new(ng_tclusters **out, size_t want)
{
    *out = NULL;
    if (want > NG_TAGGER_CLU_MAX)
        return ng_error_set(NG_EINVAL, "word clusters: %zu words, at most %u", want, NG_TAGGER_CLU_MAX);
    size_t slots = 16; /* load factor <= 3/4 */
    while (slots * 3 < want * 4)
        slots *= 2;
    ng_tclusters *cl = calloc(1, sizeof *cl);
    if (!cl)
        return ng_error_set(NG_ENOMEM, "out of memory");
    cl->slot = calloc(slots, sizeof *cl->slot);
    if (!cl->slot) {
        ng_tclusters_free(cl);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    cl->mask = slots - 1;
    *out = cl;
    return 0;
}

void ng_tclusters_free(ng_tclusters *cl)
{
    if (!cl)
        return;
    free(cl->slot);
    free(cl);
}

/* A valid code: length 1..NG_TAGGER_CLU_DEPTH and a path that fits in it. */
static int clu_code_ok(uint32_t code)
{
    uint32_t len = code >> 24;
    return len >= 1 && len <= NG_TAGGER_CLU_DEPTH && (code & 0xffffffu) >> len == 0;
}

/* Slot of key (code 0 = empty, valid codes are never 0). */
static size_t clu_slot(const ng_tclusters *cl, uint64_t key)
{
    size_t j = ng_tclusters_home(cl, key);
    while (cl->slot[j].code && cl->slot[j].key != key)
        j = (j + 1) & cl->mask;
    return j;
}

int ng_tclusters_put(ng_tclusters *cl, uint64_t key, uint32_t code)
{
    if (!clu_code_ok(code))
        return ng_error_set(NG_EINVAL, "word clusters: invalid code %#x", code);
    size_t j = clu_slot(cl, key);
    if (cl->slot[j].code)
        return ng_error_set(NG_EINVAL, "word clusters: a word is listed twice");
    if ((cl->n + 1) * 4 > (cl->mask + 1) * 3)
        return ng_error_set(NG_EINVAL, "word clusters: table full");
    cl->slot[j].key = key;
    cl->slot[j].code = code;
    cl->n++;
    return 0;
}


int ng_tclusters_read(ng_tclusters **out, const char *path)
{
    char *data = NULL;
    size_t len = 0, lines = 0, lineno = 0;
    ng_tclusters *cl = NULL;
    int rc;
    *out = NULL;
    if ((rc = ng_read_file(path, NG_TAGGER_MAX_FILE, &data, &len))) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ng_error_last());
        free(data);
        return ng_error_set(NG_EMODEL, "%s: cannot read word clusters: %s", path, msg);
    }
    for (size_t i = 0; i < len; i++)
        lines += data[i] == '\n';
    if ((rc = ng_tclusters_new(&cl, lines + 1)))
        goto done;
    for (size_t i = 0; i < len;) {
        size_t e = i;
        while (e < len && data[e] != '\n')
            e++;
        lineno++;
        /* PATH TAB WORD TAB COUNT */
        size_t a = i, b, c;
        uint32_t code = 0, plen = 0;
        while (a < e && (data[a] == '0' || data[a] == '1') && plen <= NG_TAGGER_CLU_DEPTH) {
            code = code << 1 | (uint32_t)(data[a] - '0');
            plen++;
            a++;
        }
        b = a < e && data[a] == '\t' ? a + 1 : e;
        c = b;
        while (c < e && data[c] != '\t')
            c++;
        if (plen == 0 || plen > NG_TAGGER_CLU_DEPTH || a >= e || data[a] != '\t' || c == b || c >= e) {
            rc = ng_error_set(NG_EMODEL,
                              "%s:%zu: not a word-cluster line (PATH<TAB>WORD<TAB>COUNT, PATH of 1 to %d bits)", path,
                              lineno, NG_TAGGER_CLU_DEPTH);
            goto done;
        }
        char norm[136];
        size_t nl = ng_tagger_norm_word(data + b, c - b, 1, norm, sizeof norm);
        if (nl != c - b || memcmp(norm, data + b, nl) != 0) {
            rc = ng_error_set(NG_EMODEL, "%s:%zu: word is not in the tagger's normalized form (digits as 0, ' as ')",
                              path, lineno);
            goto done;
        }
        if ((rc = ng_tclusters_put(cl, ng_tagger_word_hash(norm, nl), plen << 24 | code))) {
            char msg[256];
            snprintf(msg, sizeof msg, "%s", ng_error_last());
            rc = ng_error_set(NG_EMODEL, "%s:%zu: %s", path, lineno, msg);
            goto done;
        }
        i = e + 1;
    }
    if (cl->n == 0)
        rc = ng_error_set(NG_EMODEL, "%s: no word clusters in the file", path);
done:
    free(data);
    if (rc)
        ng_tclusters_free(cl);
    else
        *out = cl;
    return rc;
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int ng_tagger_serialize(const ng_tagger *t, char **out, size_t *len)
{
    size_t rows = (size_t)1 << t->bits, nz = 0;
    for (size_t r = 0; r < rows; r++) {
        const int16_t *w = t->w + r * NG_TAGGER_ROW;
        for (int k = 0; k < NG_TAG_COUNT; k++)
            if (w[k]) {
                nz++;
                break;
            }
    }
    size_t ncl = t->cl ? t->cl->n : 0;
    uint64_t *keys = NULL;
    if (ncl) {
        /* entries in key order: the file does not depend on the table's layout */
        if (!(keys = malloc(ncl * sizeof *keys)))
            return ng_error_set(NG_ENOMEM, "out of memory");
        size_t k = 0;
        for (size_t j = 0; j <= t->cl->mask; j++)
            if (t->cl->slot[j].code)
                keys[k++] = t->cl->slot[j].key;
        qsort(keys, ncl, sizeof *keys, u64_cmp);
    }
    size_t cap = HDR_FIXED + TRANS_BYTES + nz * (6 + 2 * NG_TAG_COUNT) + 4 + ncl * 12 + 8;
    unsigned char *b = malloc(cap);
    if (!b) {
        free(keys);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    memcpy(b, NG_TAGGER_MAGIC, 8);
    put32(b + 8, NG_TAGGER_VERSION);
    put32(b + 12, NG_TAGGER_FEATSET);
    put32(b + 16, NG_TAG_COUNT);
    put32(b + 20, t->bits);
    put32(b + 24, ncl ? t->flags | NG_TAGGER_F_CLUSTERS : t->flags & ~(uint32_t)NG_TAGGER_F_CLUSTERS);
    put32(b + 28, (uint32_t)nz);
    putf(b + 32, t->scale);
    putf(b + 36, t->temp);
    size_t p = HDR_FIXED;
    for (int a = 0; a <= NG_TAG_COUNT; a++)
        for (int c = 0; c < NG_TAG_COUNT; c++, p += 4)
            putf(b + p, t->trans[a][c]);
    size_t prev = 0;
    for (size_t r = 0; r < rows; r++) {
        const int16_t *w = t->w + r * NG_TAGGER_ROW;
        int any = 0;
        for (int k = 0; k < NG_TAG_COUNT; k++)
            any |= w[k] != 0;
        if (!any)
            continue;
        size_t gap = r + 1 - prev; /* >= 1 */
        while (gap >= 0x80) {
            b[p++] = (unsigned char)(gap | 0x80);
            gap >>= 7;
        }
        b[p++] = (unsigned char)gap;
        unsigned char mask = 0;
        for (int k = 0; k < NG_TAG_COUNT; k++)
            if (w[k])
                mask |= (unsigned char)(1u << k);
        b[p++] = mask;
        for (int k = 0; k < NG_TAG_COUNT; k++) {
            if (!w[k])
                continue;
            uint16_t v = (uint16_t)w[k];
            b[p] = (unsigned char)v;
            b[p + 1] = (unsigned char)(v >> 8);
            p += 2;
        }
        prev = r + 1;
    }
    put32(b + p, (uint32_t)ncl);
    p += 4;
    for (size_t k = 0; k < ncl; k++, p += 12) {
        put64(b + p, keys[k]);
        put32(b + p + 8, ng_tclusters_get(t->cl, keys[k]));
    }
    free(keys);
    put64(b + 40, (uint64_t)(p + 8));
    put64(b + p, fnv64(b, p));
    p += 8;
    *out = (char *)b;
    *len = p;
    return 0;
}

int ng_tagger_save(const ng_tagger *t, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    int rc = ng_tagger_serialize(t, &data, &len);
    if (rc)
        return rc;
    rc = ng_write_atomic(path, data, len);
    free(data);
    return rc;
}

int ng_tagger_parse(ng_tagger **out, const char *data, size_t len, const char *what)
{
    const unsigned char *b = (const unsigned char *)data;
    ng_tagger *t = NULL;
    int rc = 0;
    *out = NULL;
    if (len < 8 || memcmp(b, NG_TAGGER_MAGIC, 8) != 0)
        return ng_error_set(NG_EMODEL, "%s: not a newsgraph tagger model (bad magic)", what);
    if (len < HDR_FIXED + TRANS_BYTES + 8)
        return ng_error_set(NG_EMODEL, "%s: truncated tagger model (%zu bytes)", what, len);
    uint32_t version = get32(b + 8), featset = get32(b + 12), ntags = get32(b + 16), bits = get32(b + 20);
    if (version != NG_TAGGER_VERSION)
        return ng_error_set(NG_EMODEL, "%s: tagger model format version %u, this build reads version %u", what,
                            version, NG_TAGGER_VERSION);
    if (featset != NG_TAGGER_FEATSET)
        return ng_error_set(NG_EMODEL, "%s: tagger model built for feature set %u, this build computes %u; retrain it",
                            what, featset, NG_TAGGER_FEATSET);
    if (ntags != NG_TAG_COUNT)
        return ng_error_set(NG_EMODEL, "%s: tagger model has %u labels, expected %d", what, ntags, NG_TAG_COUNT);
    if (bits < NG_TAGGER_MIN_BITS || bits > NG_TAGGER_MAX_BITS)
        return ng_error_set(NG_EMODEL, "%s: tagger model hash size 2^%u out of range", what, bits);
    uint64_t total = get64(b + 40);
    if (total != len)
        return ng_error_set(NG_EMODEL, "%s: tagger model is %zu bytes, its header says %llu (truncated or padded)",
                            what, len, (unsigned long long)total);
    if (get64(b + len - 8) != fnv64(b, len - 8))
        return ng_error_set(NG_EMODEL, "%s: tagger model checksum mismatch (corrupt file)", what);
    if ((rc = ng_tagger_new(&t, bits)))
        return rc;
    t->flags = get32(b + 24);
    uint32_t nz = get32(b + 28);
    t->scale = getf(b + 32);
    t->temp = getf(b + 36);
    if (!isfinite(t->scale) || !isfinite(t->temp) || t->temp <= 0.0f) {
        rc = ng_error_set(NG_EMODEL, "%s: tagger model has an invalid scale or temperature", what);
        goto done;
    }
    size_t p = HDR_FIXED;
    for (int a = 0; a <= NG_TAG_COUNT; a++)
        for (int c = 0; c < NG_TAG_COUNT; c++, p += 4) {
            t->trans[a][c] = getf(b + p);
            if (!isfinite(t->trans[a][c])) {
                rc = ng_error_set(NG_EMODEL, "%s: tagger model has an invalid transition weight", what);
                goto done;
            }
        }
    size_t rows = (size_t)1 << bits, prev = 0, end = len - 8;
    for (uint32_t i = 0; i < nz; i++) {
        size_t gap = 0;
        int shift = 0;
        for (;;) {
            if (p >= end || shift > 28) {
                rc = ng_error_set(NG_EMODEL, "%s: tagger model rows are malformed", what);
                goto done;
            }
            unsigned char c = b[p++];
            gap |= (size_t)(c & 0x7f) << shift;
            shift += 7;
            if (!(c & 0x80))
                break;
        }
        size_t r = prev + gap - 1;
        unsigned mask = p < end ? b[p] : 0;
        size_t nk = (size_t)__builtin_popcount(mask);
        if (gap == 0 || r >= rows || mask == 0 || mask >> NG_TAG_COUNT || p + 1 + 2 * nk > end) {
            rc = ng_error_set(NG_EMODEL, "%s: tagger model rows are malformed", what);
            goto done;
        }
        p++;
        int16_t *w = t->w + r * NG_TAGGER_ROW;
        for (int k = 0; k < NG_TAG_COUNT; k++) {
            if (!(mask & (1u << k)))
                continue;
            w[k] = (int16_t)(uint16_t)(b[p] | b[p + 1] << 8);
            p += 2;
        }
        prev = r + 1;
    }
    if (p + 4 > end) {
        rc = ng_error_set(NG_EMODEL, "%s: tagger model has no word-cluster section", what);
        goto done;
    }
    uint32_t ncl = get32(b + p);
    p += 4;
    if (ncl > NG_TAGGER_CLU_MAX || (ncl != 0) != ((t->flags & NG_TAGGER_F_CLUSTERS) != 0) ||
        (size_t)ncl * 12 > end - p) {
        rc = ng_error_set(NG_EMODEL, "%s: tagger model word-cluster section is malformed", what);
        goto done;
    }
    if (ncl) {
        if ((rc = ng_tclusters_new(&t->cl, ncl)))
            goto done;
        uint64_t last = 0;
        for (uint32_t k = 0; k < ncl; k++, p += 12) {
            uint64_t key = get64(b + p);
            uint32_t code = get32(b + p + 8);
            if ((k && key <= last) || !clu_code_ok(code) || ng_tclusters_put(t->cl, key, code)) {
                rc = ng_error_set(NG_EMODEL, "%s: tagger model word-cluster entry %u is malformed", what, k);
                goto done;
            }
            last = key;
        }
    }
    if (p != end)
        rc = ng_error_set(NG_EMODEL, "%s: tagger model has %zu trailing bytes", what, end - p);
done:
    if (rc)
        ng_tagger_free(t);
    else
        *out = t;
    return rc;
}

int ng_tagger_load(ng_tagger **out, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    *out = NULL;
    if (!path)
        return ng_error_set(NG_EINVAL, "tagger: no model path");
    int rc = ng_read_file(path, NG_TAGGER_MAX_FILE, &data, &len);
    if (rc) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s", ng_error_last());
        free(data);
        return ng_error_set(NG_EMODEL, "%s: cannot read tagger model: %s", path, msg);
    }
    rc = ng_tagger_parse(out, data, len, path);
    free(data);
    return rc;
}

void ng_tagger_emissions(const ng_tagger *t, const ng_tinfo *info, size_t n, int mode, float *em)
{
    /* Software pipeline: the rows of position i + 1 are prefetched while position i is
     * summed, so the memory latency of the table overlaps with work. */
    uint32_t fb[2][NG_TAGGER_MAXF];
    size_t nf[2] = {0, 0};
    const unsigned sh = 32u - t->bits;
    for (size_t i = 0; i <= n; i++) {
        uint32_t *next = fb[i & 1];
        if (i < n) {
            nf[i & 1] = ng_tagger_features(info, n, i, mode, next);
            for (size_t j = 0; j < nf[i & 1]; j++) {
                next[j] >>= sh;
                __builtin_prefetch(t->w + (size_t)next[j] * NG_TAGGER_ROW);
            }
        }
        if (i == 0)
            continue;
        const uint32_t *f = fb[(i - 1) & 1];
        size_t m = nf[(i - 1) & 1];
        int32_t acc[NG_TAGGER_ROW] = {0};
        for (size_t j = 0; j < m; j++) {
            const int16_t *w = t->w + (size_t)f[j] * NG_TAGGER_ROW;
            for (int k = 0; k < NG_TAGGER_ROW; k++)
                acc[k] += w[k];
        }
        float *e = em + (i - 1) * NG_TAGGER_ROW;
        for (int k = 0; k < NG_TAGGER_ROW; k++)
            e[k] = (float)acc[k] * t->scale;
    }
}

int ng_tagger_tag(const ng_tagger *t, const ng_lexicon *lx, const char *text, const ng_token *toks, size_t n,
                  uint8_t *labels, float *conf)
{
    return ng_tagger_tag_cls(t, lx, text, toks, n, NULL, labels, conf);
}

int ng_tagger_tag_cls(const ng_tagger *t, const ng_lexicon *lx, const char *text, const ng_token *toks, size_t n,
                      const uint32_t *cls, uint8_t *labels, float *conf)
{
    ng_tinfo info_s[STACK_TOKS];
    float em_s[STACK_TOKS * NG_TAGGER_ROW];
    uint8_t bp_s[STACK_TOKS * NG_TAG_COUNT];
    ng_tinfo *info = info_s;
    float *em = em_s;
    uint8_t *bp = bp_s;
    void *heap = NULL;
    int mode;
    if (!t || (!toks && n) || (!labels && n) || (!text && n))
        return ng_error_set(NG_EINVAL, "tagger: invalid argument");
    if (n == 0)
        return 0;
    if (n > STACK_TOKS) {
        size_t need = n * (sizeof *info + NG_TAGGER_ROW * sizeof *em + NG_TAG_COUNT);
        heap = malloc(need);
        if (!heap)
            return ng_error_set(NG_ENOMEM, "out of memory");
        info = heap;
        em = (float *)(info + n);
        bp = (uint8_t *)(em + n * NG_TAGGER_ROW);
    }
    ng_tagger_prepare_cls((t->flags & NG_TAGGER_F_LEXICON) ? lx : NULL, t->cl, text, toks, n, cls, info, &mode);
    ng_tagger_emissions(t, info, n, mode, em);
    ng_tagger_viterbi(em, n, t->trans, bp, labels);
    if (conf)
        ng_tagger_confidence(em, n, t->trans, labels, t->temp, conf);
    free(heap);
    return 0;
}
