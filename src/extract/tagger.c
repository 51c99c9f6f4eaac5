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
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tagger_impl.h"
#include "../util/util.h"

#define HDR_FIXED 48u
#define TRANS_BYTES ((NG_TAG_COUNT + 1) * NG_TAG_COUNT * 4u)
/* Sentences up to this many tokens are tagged without allocating. */
#define STACK_TOKS 192
/* Word types a thread's ng_tcache holds (a power of two; 264 bytes each). */
#define TCACHE_SLOTS (1u << 14)
/* Tokens ahead whose cache slots are fetched while one is summed. */
#define TC_AHEAD 8
/* Positions ahead whose context-feature rows are fetched (at most 5: fb[] holds 8). */
#define TC_LIVE 3

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
    static atomic_uint_fast64_t serials;
    t->serial = (uint64_t)atomic_fetch_add(&serials, 1) + 1;
    t->bits = bits;
    t->scale = 1.0f;
    t->temp = 1.0f;
    t->w = ng_calloc_table(((size_t)1 << bits) * NG_TAGGER_ROW * sizeof *t->w);
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
    static atomic_uint_fast64_t serials;
    cl->serial = (uint64_t)atomic_fetch_add(&serials, 1) + 1;
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
    if (rc) {
        ng_tagger_free(t);
    } else {
        t->loaded = 1;
        *out = t;
    }
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

/* Four int32 lanes (GCC/Clang vector extension). */
typedef int32_t row_vi __attribute__((vector_size(16)));
typedef uint32_t row_vu __attribute__((vector_size(16)));

/* Add the rows f[0..m) (row indices) of the table to acc.  A row read as four 32-bit lanes
 * holds weights 2k (low half, on a little-endian machine) and 2k + 1 (high half) in lane k:
 * two shifts widen them with their signs, summed apart and interleaved at the end (the
 * same integer sums lane by lane). */
static inline void rows_add(const ng_tagger *t, const uint32_t *f, size_t m, int32_t acc[NG_TAGGER_ROW])
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && NG_TAGGER_ROW == 8
    row_vi ev = {0}, od = {0};
    for (size_t j = 0; j < m; j++) {
        row_vi v;
        memcpy(&v, t->w + (size_t)f[j] * NG_TAGGER_ROW, sizeof v);
        ev += (row_vi)((row_vu)v << 16) >> 16;
        od += v >> 16;
    }
    row_vi lo, hi;
    memcpy(&lo, acc, sizeof lo);
    memcpy(&hi, acc + 4, sizeof hi);
    lo += __builtin_shufflevector(ev, od, 0, 4, 1, 5);
    hi += __builtin_shufflevector(ev, od, 2, 6, 3, 7);
    memcpy(acc, &lo, sizeof lo);
    memcpy(acc + 4, &hi, sizeof hi);
#else
    for (size_t j = 0; j < m; j++) {
        const int16_t *w = t->w + (size_t)f[j] * NG_TAGGER_ROW;
        for (int k = 0; k < NG_TAGGER_ROW; k++)
            acc[k] += w[k];
    }
#endif
}

/* Turn feature ids f[0..m) into row indices and ask for their rows. */
static inline void rows_fetch(const ng_tagger *t, uint32_t *f, size_t m)
{
    const unsigned sh = 32u - t->bits;
    for (size_t j = 0; j < m; j++) {
        f[j] >>= sh;
        __builtin_prefetch(t->w + (size_t)f[j] * NG_TAGGER_ROW);
    }
}

/* Emission scores of one position from its summed rows. */
static inline void emit(const ng_tagger *t, const int32_t acc[NG_TAGGER_ROW], float *e)
{
    for (int k = 0; k < NG_TAGGER_ROW; k++)
        e[k] = (float)acc[k] * t->scale;
}

void ng_tagger_emissions(const ng_tagger *t, const ng_tinfo *info, size_t n, int mode, float *em)
{
    /* Software pipeline: the rows of position i + 1 are prefetched while position i is
     * summed, so the memory latency of the table overlaps with work. */
    uint32_t fb[2][NG_TAGGER_MAXF];
    size_t nf[2] = {0, 0};
    for (size_t i = 0; i <= n; i++) {
        if (i < n) {
            nf[i & 1] = ng_tagger_features(info, n, i, mode, fb[i & 1]);
            rows_fetch(t, fb[i & 1], nf[i & 1]);
        }
        if (i == 0)
            continue;
        int32_t acc[NG_TAGGER_ROW] = {0};
        rows_add(t, fb[(i - 1) & 1], nf[(i - 1) & 1], acc);
        emit(t, acc, em + (i - 1) * NG_TAGGER_ROW);
    }
}

/* ---- per-word-type sums (ng_tcache) ---- */

/* The one-token groups, in the order of tc_entry.sum. */
static const unsigned TC_GROUPS[5] = {NG_TF_CUR, NG_TF_M1, NG_TF_P1, NG_TF_M2, NG_TF_P2};
enum { TC_CUR, TC_M1, TC_P1, TC_M2, TC_P2 };

/* Every ng_tinfo field that the features of the one-token groups read, the sentence case
 * mode, and the cache generation the entry belongs to (0: empty). */
typedef union {
    struct {
        uint64_t w, wn, shape, pre[4], suf[4];
        uint32_t cls, clu;
        uint8_t cap, len, ss, mode;
        uint32_t gen;
    } f;
    uint64_t u[13];
} tc_key;

typedef struct {
    tc_key key;
    int32_t sum[5][NG_TAGGER_ROW]; /* rows of TC_GROUPS[g] that the word brings */
} tc_entry;

struct ng_tcache {
    uint64_t serial; /* the model the sums come from */
    uint32_t gen;    /* entries of another generation are empty */
    _Alignas(64) tc_entry slot[]; /* TCACHE_SLOTS, direct-mapped, from a cache line on */
};

int ng_tcache_new(ng_tcache **out)
{
    *out = ng_calloc_table(sizeof **out + TCACHE_SLOTS * sizeof(tc_entry));
    return *out ? 0 : ng_error_set(NG_ENOMEM, "out of memory");
}

void ng_tcache_free(ng_tcache *c) { free(c); }

/* The key of token ti in a sentence of case mode `mode`. */
static inline void tc_key_of(const ng_tcache *c, const ng_tinfo *ti, int mode, tc_key *k)
{
    memset(k, 0, sizeof *k);
    k->f.w = ti->w;
    k->f.wn = ti->wn;
    k->f.shape = ti->shape;
    memcpy(k->f.pre, ti->pre, sizeof k->f.pre);
    memcpy(k->f.suf, ti->suf, sizeof k->f.suf);
    k->f.cls = ti->cls;
    k->f.clu = ti->clu;
    k->f.cap = ti->cap;
    k->f.len = ti->len;
    k->f.ss = (ti->flags & NG_TOK_SENT_START) != 0;
    k->f.mode = (uint8_t)mode;
    k->f.gen = c->gen;
}

/* Slot of token ti: a hash of the key fields that tell most words apart. */
static inline tc_entry *tc_slot(ng_tcache *c, const ng_tinfo *ti)
{
    uint64_t h = ng_mix64(ti->w ^ ng_mix64(ti->shape ^ ((uint64_t)ti->cls << 32 | ti->clu) ^ (uint64_t)ti->cap << 7));
    return &c->slot[h & (TCACHE_SLOTS - 1)];
}

/* Ask for the slot of token ti (all its lines), to be read a few tokens later. */
static inline void tc_fetch(ng_tcache *c, const ng_tinfo *ti)
{
    const char *p = (const char *)tc_slot(c, ti);
    for (size_t b = 0; b < sizeof(tc_entry); b += 64)
        __builtin_prefetch(p + b);
}

/* Whether k is the key of token ti in a sentence of case mode `mode` (see tc_key_of). */
static inline int tc_key_is(const ng_tcache *c, const tc_key *k, const ng_tinfo *ti, int mode)
{
    uint64_t d = (k->f.w ^ ti->w) | (k->f.wn ^ ti->wn) | (k->f.shape ^ ti->shape);
    for (int i = 0; i < 4; i++)
        d |= (k->f.pre[i] ^ ti->pre[i]) | (k->f.suf[i] ^ ti->suf[i]);
    d |= (k->f.cls ^ ti->cls) | (k->f.clu ^ ti->clu) | (k->f.cap ^ ti->cap) | (k->f.len ^ ti->len);
    d |= (k->f.ss ^ (uint64_t)((ti->flags & NG_TOK_SENT_START) != 0)) | (k->f.mode ^ (uint64_t)mode);
    return d == 0 && k->f.gen == c->gen;
}

/* The sums of token ti, computed on a miss; NULL if its features cannot be split. */
static const tc_entry *tc_get(const ng_tagger *t, ng_tcache *c, const ng_tinfo *ti, int mode)
{
    tc_entry *e = tc_slot(c, ti);
    if (tc_key_is(c, &e->key, ti, mode))
        return e;
    uint32_t f[5][NG_TAGGER_MAXF];
    size_t m[5];
    for (int g = 0; g < 5; g++) {
        if (!(m[g] = ng_tagger_features_word(ti, mode, TC_GROUPS[g], f[g])))
            return NULL;
        rows_fetch(t, f[g], m[g]);
    }
    for (int g = 0; g < 5; g++) {
        memset(e->sum[g], 0, sizeof e->sum[g]);
        rows_add(t, f[g], m[g], e->sum[g]);
    }
    tc_key_of(c, ti, mode, &e->key);
    return e;
}

/* acc += s */
static inline void sum_add(int32_t acc[NG_TAGGER_ROW], const int32_t s[NG_TAGGER_ROW])
{
    for (int k = 0; k < NG_TAGGER_ROW; k++)
        acc[k] += s[k];
}

/* The rows of the features of position p that are not in the cached sums (of group
 * NG_TF_CTX, and of the one-token groups whose token is a sentinel) into f, *m of them,
 * asked for; 0 if the class features of p are cut (the cached sums then hold too many). */
static inline int ctx_fetch(const ng_tagger *t, const ng_tinfo *info, size_t n, size_t p, int mode, uint32_t *f,
                            size_t *m)
{
    unsigned sel = NG_TF_CTX | (p < 1 ? NG_TF_M1 : 0) | (p < 2 ? NG_TF_M2 : 0) | (p + 1 >= n ? NG_TF_P1 : 0) |
                   (p + 2 >= n ? NG_TF_P2 : 0);
    int cut;
    *m = ng_tagger_features_sel(info, n, p, mode, sel, f, &cut);
    rows_fetch(t, f, *m);
    return !cut;
}

void ng_tagger_emissions_cached(const ng_tagger *t, ng_tcache *c, const ng_tinfo *info, size_t n, int mode,
                                float *em)
{
    if (c->serial != t->serial || c->gen == 0) {
        /* another model: every entry is stale */
        if (++c->gen == 0) {
            memset(c->slot, 0, TCACHE_SLOTS * sizeof *c->slot);
            c->gen = 1;
        }
        c->serial = t->serial;
    }
    /* Position p is the sum of the cached rows of tokens p-2..p+2 in their roles and of
     * the rows of its context features (and of the one-token features of the sentinels
     * beyond the sentence).  Step j brings token j's sums into acc[] of positions j-2..j+2
     * and completes position j-2.  The memory latency is hidden by asking early: for the
     * cache slot of token j + TC_AHEAD and for the rows of the context features of
     * position j + TC_LIVE (kept in fb[] until their position is completed). */
    int32_t acc[8][NG_TAGGER_ROW];
    uint32_t fb[8][NG_TAGGER_MAXF];
    size_t nf[8];
    memset(acc, 0, sizeof acc);
    for (size_t j = 0; j < TC_AHEAD && j < n; j++)
        tc_fetch(c, &info[j]);
    for (size_t p = 0; p < TC_LIVE && p < n; p++)
        if (!ctx_fetch(t, info, n, p, mode, fb[p & 7], &nf[p & 7]))
            goto whole;
    for (size_t j = 0; j < n + 2; j++) {
        if (j + TC_AHEAD < n)
            tc_fetch(c, &info[j + TC_AHEAD]);
        if (j + TC_LIVE < n && !ctx_fetch(t, info, n, j + TC_LIVE, mode, fb[(j + TC_LIVE) & 7], &nf[(j + TC_LIVE) & 7]))
            goto whole;
        if (j < n) {
            const tc_entry *e = tc_get(t, c, &info[j], mode);
            if (!e)
                goto whole;
            memset(acc[(j + 2) & 7], 0, sizeof acc[0]);
            if (j + 2 < n)
                sum_add(acc[(j + 2) & 7], e->sum[TC_M2]);
            if (j + 1 < n)
                sum_add(acc[(j + 1) & 7], e->sum[TC_M1]);
            sum_add(acc[j & 7], e->sum[TC_CUR]);
            if (j >= 1)
                sum_add(acc[(j - 1) & 7], e->sum[TC_P1]);
            if (j >= 2)
                sum_add(acc[(j - 2) & 7], e->sum[TC_P2]);
        }
        if (j >= 2) {
            size_t q = j - 2;
            rows_add(t, fb[q & 7], nf[q & 7], acc[q & 7]);
            emit(t, acc[q & 7], em + q * NG_TAGGER_ROW);
        }
    }
    return;
whole:
    ng_tagger_emissions(t, info, n, mode, em);
}

/* The calling thread's caches (weight sums, word information), made on first use and
 * freed when the thread ends (ng_thread_obj); NULL if they cannot be made (tagging then
 * goes without). */
typedef struct {
    ng_tcache *sums;
    ng_twcache *words;
} thread_caches;

/* Free a thread's caches. */
static void thread_caches_free(void *p)
{
    thread_caches *tc = p;
    ng_tcache_free(tc->sums);
    ng_twcache_free(tc->words);
    free(tc);
}

/* A thread's caches, or NULL. */
static void *thread_caches_new(void)
{
    thread_caches *tc = calloc(1, sizeof *tc);
    if (tc && (ng_tcache_new(&tc->sums) || ng_twcache_new(&tc->words))) {
        thread_caches_free(tc);
        tc = NULL;
    }
    return tc;
}

int ng_tagger_tag(const ng_tagger *t, const ng_lexicon *lx, const char *text, const ng_token *toks, size_t n,
                  uint8_t *labels, float *conf)
{
    return ng_tagger_tag_classes(t, lx, text, toks, n, NULL, labels, conf);
}

int ng_tagger_tag_classes(const ng_tagger *t, const ng_lexicon *lx, const char *text, const ng_token *toks, size_t n,
                          uint32_t *cls, uint8_t *labels, float *conf)
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
    /* a loaded model's weights stay as they are: its sums can be kept across sentences */
    thread_caches *tc = t->loaded ? ng_thread_obj(NG_TOBJ_TAGGER, thread_caches_new, thread_caches_free) : NULL;
    const ng_lexicon *tlx = (t->flags & NG_TAGGER_F_LEXICON) ? lx : NULL;
    /* the classes come with the word information, from the same cache slot, when the
     * features read them (the model's lexicon is lx) */
    if (cls && (!tc || !tlx))
        for (size_t i = 0; i < n; i++)
            cls[i] = ng_lex_classes(lx, text + toks[i].start, toks[i].end - toks[i].start);
    if (tc) {
        ng_tagger_prepare_cached(tlx, t->cl, text, toks, n, tlx ? cls : NULL, tc->words, info, &mode);
        ng_tagger_emissions_cached(t, tc->sums, info, n, mode, em);
    } else {
        ng_tagger_prepare_cls(tlx, t->cl, text, toks, n, tlx ? cls : NULL, info, &mode);
        ng_tagger_emissions(t, info, n, mode, em);
    }
    ng_tagger_viterbi(em, n, t->trans, bp, labels);
    if (conf)
        ng_tagger_confidence(em, n, t->trans, labels, t->temp, conf);
    free(heap);
    return 0;
}
