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
    free(t->w);
    free(t);
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
    size_t cap = HDR_FIXED + TRANS_BYTES + nz * (6 + 2 * NG_TAG_COUNT) + 8;
    unsigned char *b = malloc(cap);
    if (!b)
        return ng_error_set(NG_ENOMEM, "out of memory");
    memcpy(b, NG_TAGGER_MAGIC, 8);
    put32(b + 8, NG_TAGGER_VERSION);
    put32(b + 12, NG_TAGGER_FEATSET);
    put32(b + 16, NG_TAG_COUNT);
    put32(b + 20, t->bits);
    put32(b + 24, t->flags);
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
    ng_tagger_prepare((t->flags & NG_TAGGER_F_LEXICON) ? lx : NULL, text, toks, n, info, &mode);
    ng_tagger_emissions(t, info, n, mode, em);
    ng_tagger_viterbi(em, n, t->trans, bp, labels);
    if (conf)
        ng_tagger_confidence(em, n, t->trans, labels, t->temp, conf);
    free(heap);
    return 0;
}
