/* tagger_feat.c - features of the entity tagger (shared by training and tagging),
 * Viterbi decoding under BIO constraints and confidences. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "tagger_impl.h"
#include "../util/util.h"

/* Feature templates.  Templates marked (c) depend on capitalization and are kept
 * apart per sentence case mode. */
enum {
    T_BIAS = 1,
    T_W0, T_WM1, T_WP1, T_WM2, T_WP2, T_WM1W0, T_W0WP1, T_WM2WM1, T_WP1WP2,
    T_PRE1, T_PRE2, T_PRE3, T_PRE4, T_SUF1, T_SUF2, T_SUF3, T_SUF4,
    T_SH0, T_SHM1, T_SHP1, T_SHM1SH0, T_SH0SHP1, T_SH3,     /* (c) */
    T_W0CAP, T_CAPCTX, T_WM1SH0, T_SH0WP1, T_WM1CAP0, T_CAP0WP1, /* (c) */
    T_CLSBIT, T_CLSM1, T_CLSP1, T_CLS0CAP, T_CLSBITM1, T_CLSBITP1,
    T_PHR, T_PHRCAP, T_LEN, T_SUF3CAP, T_SENTSTART, T_WM1WP1, T_WM2W0, T_W0WP2,
    T_CFIRST, T_CLAST, T_CPREV, T_CNEXT, T_CLEN, T_CCLS, T_CPREVLAST,
    T_CLU4, T_CLU6, T_CLU10, T_CLUF, T_CLUCAP, T_CLUM1P, T_CLUM1, T_CLUP1P, T_CLUP1
};

#define FNV_OFF 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
#define GOLD 0x9E3779B97F4A7C15ULL
/* Sentinel values of the positions before/after the sentence. */
#define BOS_W 0x1111111111111111ULL
#define EOS_W 0x2222222222222222ULL

/* Feature id of a template with one value. */
static inline uint32_t f1(uint32_t tid, uint64_t a) { return (uint32_t)(ng_mix64(a ^ (tid * GOLD)) >> 32); }

/* Feature id of a template with two values. */
static inline uint32_t f2(uint32_t tid, uint64_t a, uint64_t b)
{
    return (uint32_t)(ng_mix64(ng_mix64(a ^ (tid * GOLD)) ^ b) >> 32);
}

/* Feature id of a template with three values. */
static inline uint32_t f3(uint32_t tid, uint64_t a, uint64_t b, uint64_t c)
{
    return (uint32_t)(ng_mix64(ng_mix64(ng_mix64(a ^ (tid * GOLD)) ^ b) ^ c) >> 32);
}

/* Shape class of a code point ('X', 'x', 'd', or the punctuation itself, folded). */
static char shape_char(uint32_t cp)
{
    if (cp < 128) {
        if (cp >= 'A' && cp <= 'Z')
            return 'X';
        if (cp >= 'a' && cp <= 'z')
            return 'x';
        if (cp >= '0' && cp <= '9')
            return 'd';
        return (char)cp;
    }
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02bc)
        return '\'';
    if (cp >= 0x2010 && cp <= 0x2015)
        return '-';
    if (cp == 0x201c || cp == 0x201d)
        return '"';
    if (ng_cp_is_upper(cp))
        return 'X';
    if (ng_cp_is_alpha(cp))
        return 'x';
    if (ng_cp_is_digit(cp))
        return 'd';
    return '*';
}

size_t ng_tagger_shape(const char *s, size_t len, char *out, size_t cap)
{
    size_t k = 0;
    char last = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += (size_t)ng_utf8_decode(s, len, i, &cp);
        char c = shape_char(cp);
        if (c == last)
            continue;
        last = c;
        if (k + 1 < cap)
            out[k++] = c;
    }
    out[k] = '\0';
    return k;
}

/* Capitalization state of a token from its flags and whether it has two letters or more:
 * 0 lower, 1 Upper1, 2 ALLCAPS, 3 no letters. */
static uint8_t cap_state(uint32_t flags, int letters2)
{
    if (!(flags & NG_TOK_ALPHA))
        return 3;
    if ((flags & NG_TOK_ALLCAPS) && letters2)
        return 2;
    if (flags & NG_TOK_UPPER1)
        return 1;
    return 0;
}

/* Length bucket of a word of n code points. */
static uint8_t len_bucket(size_t n)
{
    return n <= 4 ? (uint8_t)n : n <= 6 ? 5 : n <= 9 ? 6 : 7;
}

/* The hashes of a word, as in ng_tinfo. */
typedef struct {
    uint64_t w, wn, wc, shape, pre[4], suf[4];
} tw_hashes;

/* What word_info() computes: a function of the token's bytes alone. */
typedef struct {
    tw_hashes h;
    uint32_t letters;  /* letters (X or x shape class) */
    uint8_t len, conn; /* as in ng_tinfo */
} tw_val;

/* Lower-case, normalize (digits to 0, ’ to ') and hash one token into v. */
static void word_info(const char *text, const ng_token *tk, tw_val *v)
{
    unsigned char low[128];
    uint32_t cpstart[130]; /* start offset of each code point in low (capped) */
    size_t nl = 0, ncp = 0, letters = 0;
    uint64_t h = FNV_OFF, hs = FNV_OFF, hn = FNV_OFF, hc = FNV_OFF;
    char last = 0;
    size_t len = tk->end - tk->start;
    const char *s = text + tk->start;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        char sc;
        unsigned char enc[4], encc[4]; /* lower-cased, case kept */
        size_t el, elc;
        if ((unsigned char)s[i] < 0x80) {
            /* ASCII fast path */
            cp = (unsigned char)s[i++];
            sc = shape_char(cp);
            encc[0] = (unsigned char)(sc == 'd' ? '0' : cp);
            enc[0] = (unsigned char)(sc == 'X' ? cp + 32 : encc[0]);
            el = elc = 1;
        } else {
            i += (size_t)ng_utf8_decode(s, len, i, &cp);
            sc = shape_char(cp);
            if (cp == 0x2019 || cp == 0x2018 || cp == 0x02bc)
                cp = '\'';
            else if (sc == 'd')
                cp = '0';
            elc = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, encc);
            cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
            el = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, enc);
        }
        if (sc != last) {
            hs = (hs ^ (unsigned char)sc) * FNV_PRIME;
            last = sc;
        }
        if (sc == 'X' || sc == 'x')
            letters++;
        if (el == 0 || nl + el > sizeof low)
            continue; /* very long tokens: the rest is not hashed */
        if (ncp < 129)
            cpstart[ncp] = (uint32_t)nl;
        ncp++;
        for (size_t k = 0; k < el; k++) {
            low[nl++] = enc[k];
            h = (h ^ enc[k]) * FNV_PRIME;
        }
        for (size_t k = 0; k < elc; k++)
            hc = (hc ^ encc[k]) * FNV_PRIME;
        if (enc[0] != '.')
            for (size_t k = 0; k < el; k++)
                hn = (hn ^ enc[k]) * FNV_PRIME;
        if (ncp <= 4)
            v->h.pre[ncp - 1] = h;
    }
    if (ncp > 129)
        ncp = 129;
    for (size_t k = ncp; k < 4; k++)
        v->h.pre[k] = 0;
    cpstart[ncp] = (uint32_t)nl;
    for (size_t k = 1; k <= 4; k++) {
        if (k > ncp) {
            v->h.suf[k - 1] = 0;
            continue;
        }
        uint64_t x = FNV_OFF;
        for (size_t b = cpstart[ncp - k]; b < nl; b++)
            x = (x ^ low[b]) * FNV_PRIME;
        v->h.suf[k - 1] = x;
    }
    v->h.w = h;
    v->h.wn = hn;
    v->h.wc = hc;
    v->conn = 0;
    if (nl <= 5) {
        /* compared as 8 zero-padded bytes and a length: one integer comparison each */
        static const struct { char w[8]; unsigned char n; } CONN[] = {
            {"of", 2}, {"for", 3}, {"on", 2}, {"the", 3}, {"de", 2}, {"del", 3}, {"della", 5}, {"da", 2}, {"do", 2},
            {"dos", 3}, {"das", 3}, {"du", 2}, {"des", 3}, {"la", 2}, {"le", 2}, {"van", 3}, {"von", 3}, {"der", 3},
            {"den", 3}, {"al", 2}, {"el", 2}, {"bin", 3}, {"ibn", 3}, {"y", 1}, {"&", 1}};
        unsigned char l8[8] = {0};
        memcpy(l8, low, nl);
        for (size_t k = 0; k < sizeof CONN / sizeof *CONN; k++)
            if (CONN[k].n == nl && memcmp(CONN[k].w, l8, sizeof l8) == 0) {
                v->conn = 1;
                break;
            }
    }
    v->h.shape = hs;
    v->len = len_bucket(ncp);
    v->letters = (uint32_t)letters;
}

size_t ng_tagger_norm_word(const char *s, size_t len, int keep_case, char *out, size_t cap)
{
    /* Mirrors word_info(): the FNV-1a 64 hash of the result is ng_tinfo.w (ng_tinfo.wc
     * with keep_case). */
    size_t nl = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        unsigned char enc[4];
        size_t el;
        if ((unsigned char)s[i] < 0x80) {
            cp = (unsigned char)s[i++];
            char sc = shape_char(cp);
            enc[0] = (unsigned char)(sc == 'X' && !keep_case ? cp + 32 : sc == 'd' ? '0' : cp);
            el = 1;
        } else {
            i += (size_t)ng_utf8_decode(s, len, i, &cp);
            char sc = shape_char(cp);
            if (cp == 0x2019 || cp == 0x2018 || cp == 0x02bc)
                cp = '\'';
            else if (sc == 'd')
                cp = '0';
            /* the cut below counts the lower-cased length, as word_info does */
            el = (size_t)utf8proc_encode_char(utf8proc_tolower((utf8proc_int32_t)cp), enc);
            if (el == 0 || nl + el > 128)
                continue;
            if (keep_case)
                el = (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, enc);
            else
                cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
        }
        if (el == 0 || nl + el > 128 || nl + el >= cap)
            continue; /* as word_info: very long tokens are cut */
        memcpy(out + nl, enc, el);
        nl += el;
    }
    out[nl] = '\0';
    return nl;
}

uint64_t ng_tagger_word_hash(const char *s, size_t len)
{
    uint64_t h = FNV_OFF;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

/* Lexicon classes of an ALL-CAPS word looked up as Capitalized (FRANCE -> France). */
static uint32_t classes_capitalized(const ng_lexicon *lx, const char *s, size_t n)
{
    char buf[64];
    if (n >= sizeof buf)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((unsigned char)c >= 128)
            return 0;
        buf[i] = (i > 0 && c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    return ng_lex_classes(lx, buf, n);
}

/* Classes that multi-word lexicon matches contribute. */
#define PHRASE_CLASSES (NG_LEX_PLACE_ANY | NG_LEX_ORG | NG_LEX_DEMONYM)
#define PHRASE_MAX 4

static void chunks(ng_tinfo *info, size_t n, int mode);
static void phrases(const ng_lexicon *lx, const char *text, const ng_token *toks, size_t n, ng_tinfo *info);

/* A capitalized word. */
static int is_capword(const ng_tinfo *t) { return (t->flags & NG_TOK_ALPHA) && (t->flags & NG_TOK_UPPER1); }

/* A word that may join two capitalized words of one name (of, de, al, bin, &). */
static int is_connector(const ng_tinfo *t)
{
    return t->conn;
}

void ng_tagger_prepare(const ng_lexicon *lx, const ng_tclusters *cl, const char *text, const ng_token *toks,
                       size_t n, ng_tinfo *info, int *mode)
{
    ng_tagger_prepare_cls(lx, cl, text, toks, n, NULL, info, mode);
}

/* The hashes of ng_tinfo. */
static inline void tw_set_hashes(ng_tinfo *ti, const tw_hashes *h)
{
    ti->w = h->w;
    ti->wn = h->wn;
    ti->wc = h->wc;
    ti->shape = h->shape;
    memcpy(ti->pre, h->pre, sizeof ti->pre);
    memcpy(ti->suf, h->suf, sizeof ti->suf);
}

/* ---- per-token information by token bytes (ng_twcache) ---- */

#define TW_KEY NG_KEY24       /* tokens of up to TW_KEY - 1 bytes are kept */
#define TW_SLOTS (1u << 14)   /* a power of two; 128 bytes each */
#define TW_AHEAD 8            /* tokens ahead whose slots are fetched (a power of two) */

/* Everything prepare needs of the token whose bytes are the key (zero-padded, with the
 * length in the last byte; 0 for an empty slot: tokens are never empty), in two cache
 * lines: what word_info() gives, and the token's lexicon classes and cluster code, for
 * the lexicon and the cluster table the cache holds (ng_twcache.lex, .clu). */
typedef struct {
    uint64_t key[TW_KEY / 8];
    uint32_t small; /* TW_CLS: lexicon classes, len << TW_LEN, conn << TW_CONN, TW_LETTERS: two letters or more */
    uint32_t clu;   /* cluster code */
    tw_hashes h;
} tw_entry;

#define TW_CLS 0xffffu
#define TW_LEN 16
#define TW_CONN 19
#define TW_LETTERS (1u << 20)
#define TW_CLU_LATER UINT32_MAX /* not a code (paths are at most NG_TAGGER_CLU_DEPTH long) */
_Static_assert(NG_LEX_TITLEQUAL <= TW_CLS && NG_LEX_TRIGGER <= TW_CLS, "class bits");
_Static_assert(sizeof(tw_entry) == 128, "two cache lines");

struct ng_twcache {
    uint64_t lex;      /* serial of the lexicon of the classes (0: none) */
    uint64_t clu, cln; /* serial and words of the cluster table of the codes (0: none) */
    tw_entry *slot;    /* TW_SLOTS, direct-mapped: exactly 2 MiB (one huge page) */
};

int ng_twcache_new(ng_twcache **out)
{
    ng_twcache *c = calloc(1, sizeof *c);
    if (c && !(c->slot = ng_calloc_table(TW_SLOTS * sizeof *c->slot))) {
        free(c);
        c = NULL;
    }
    *out = c;
    return c ? 0 : ng_error_set(NG_ENOMEM, "out of memory");
}

void ng_twcache_free(ng_twcache *c)
{
    if (c)
        free(c->slot);
    free(c);
}

/* The slot of a token and its key, looked for a few tokens before they are read. */
typedef struct {
    tw_entry *e; /* NULL: not cacheable (longer than TW_KEY - 1 bytes) */
    uint64_t key[TW_KEY / 8];
} tw_ref;

/* The slot of token tk into r. */
static inline void tw_find(ng_twcache *c, const char *text, const ng_token *tk, tw_ref *r)
{
    size_t len = tk->end - tk->start;
    if (len == 0 || len >= TW_KEY) {
        r->e = NULL;
        return;
    }
    ng_key24(text + tk->start, len, r->key);
    uint64_t h = ng_mix64(r->key[0] ^ ng_mix64(r->key[1] ^ ng_mix64(r->key[2])));
    r->e = &c->slot[h & (TW_SLOTS - 1)];
}

/* The slot of token tk into r, asked for. */
static inline void tw_ask(ng_twcache *c, const char *text, const ng_token *tk, tw_ref *r)
{
    tw_find(c, text, tk, r);
    if (r->e) {
        __builtin_prefetch(r->e);
        __builtin_prefetch((const char *)r->e + 64);
    }
}

/* Whether the slot of r holds its token. */
static inline int tw_holds(const tw_ref *r)
{
    const tw_entry *e = r->e;
    return e && ((e->key[0] ^ r->key[0]) | (e->key[1] ^ r->key[1]) | (e->key[2] ^ r->key[2])) == 0;
}

/* The word fields, flags, cap, cluster code and (in cls) the lexicon classes of token tk
 * into ti, from its slot r when the slot holds it, else computed (and kept when the token
 * is cacheable). */
static inline void tw_get(const ng_lexicon *lx, const ng_tclusters *cl, const char *text, const ng_token *tk,
                          const tw_ref *r, ng_tinfo *ti)
{
    tw_entry *e = r->e;
    uint32_t small;
    if (tw_holds(r)) {
        tw_set_hashes(ti, &e->h);
        ti->clu = e->clu;
        small = e->small;
    } else {
        tw_val v;
        const char *s = text + tk->start;
        size_t len = tk->end - tk->start;
        word_info(text, tk, &v);
        tw_set_hashes(ti, &v.h);
        /* the code of a word not in the cache is looked up at the end (tw_codes), once
         * its slot of the cluster table has arrived */
        ti->clu = cl ? TW_CLU_LATER : 0;
        if (cl)
            __builtin_prefetch(&cl->slot[ng_tclusters_home(cl, v.h.wc)]);
        small = ng_lex_classes_uncached(lx, s, len) | (uint32_t)v.len << TW_LEN | (uint32_t)v.conn << TW_CONN |
                (v.letters > 1 ? TW_LETTERS : 0);
        if (e) {
            memcpy(e->key, r->key, sizeof e->key);
            e->small = small;
            e->clu = ti->clu;
            e->h = v.h;
        }
    }
    ti->cls = small & TW_CLS;
    ti->len = (uint8_t)(small >> TW_LEN & 7);
    ti->conn = (uint8_t)(small >> TW_CONN & 1);
    ti->flags = tk->flags;
    ti->cap = cap_state(tk->flags, (small & TW_LETTERS) != 0);
    ti->phr = 0;
    ti->phr_pos = 0;
}

/* The cluster codes of the tokens that have TW_CLU_LATER (cl is not NULL), into their
 * cache slots too (where these still hold the token). */
static void tw_codes(ng_twcache *c, const ng_tclusters *cl, const char *text, const ng_token *toks, size_t n,
                     ng_tinfo *info)
{
    for (size_t i = 0; i < n; i++) {
        if (info[i].clu != TW_CLU_LATER)
            continue;
        tw_ref r;
        info[i].clu = ng_tclusters_get(cl, info[i].wc);
        tw_find(c, text, &toks[i], &r);
        if (tw_holds(&r))
            r.e->clu = info[i].clu;
    }
}

/* Empty every slot of c unless it holds the classes of lx and the codes of cl. */
static void tw_own(ng_twcache *c, const ng_lexicon *lx, const ng_tclusters *cl)
{
    uint64_t lex = ng_lexicon_serial(lx), clu = cl ? cl->serial : 0, cln = cl ? cl->n : 0;
    if (c->lex == lex && c->clu == clu && c->cln == cln)
        return;
    memset(c->slot, 0, TW_SLOTS * sizeof *c->slot);
    c->lex = lex;
    c->clu = clu;
    c->cln = cln;
}

/* The mode of a sentence and what depends on it, from info[i].flags and .cap of every
 * token and, for the alphabetic ones, the lexicon classes of their words (lx not NULL):
 * with wc (the cached path) in info[i].cls, else cls[i] or, with cls NULL, looked up.
 * Then the phrase matches, the cluster codes (with wc: those of the words that were not
 * in the cache) and the chunks. */
static void prepare_end(const ng_lexicon *lx, const ng_tclusters *cl, const char *text, const ng_token *toks,
                        size_t n, const uint32_t *cls, ng_twcache *wc, ng_tinfo *info, int *mode)
{
    size_t alpha = 0, upper = 0, allcaps = 0;
    for (size_t i = 0; i < n; i++) {
        const ng_tinfo *ti = &info[i];
        if (ti->flags & NG_TOK_ALPHA) {
            alpha++;
            if (ti->flags & NG_TOK_UPPER1)
                upper++;
            if (ti->cap == 2)
                allcaps++;
        }
    }
    int m = NG_CASE_NORMAL;
    if (alpha >= 3 && allcaps * 5 >= alpha * 4)
        m = NG_CASE_ALLCAPS;
    else if (alpha >= 4 && upper * 5 >= alpha * 4)
        m = NG_CASE_TITLE;
    *mode = m;
    for (size_t i = 0; i < n; i++) {
        ng_tinfo *ti = &info[i];
        if (!lx || !(ti->flags & NG_TOK_ALPHA)) {
            ti->cls = 0;
            continue;
        }
        const char *s = text + toks[i].start;
        size_t len = toks[i].end - toks[i].start;
        if (!wc)
            ti->cls = cls ? cls[i] : ng_lex_classes(lx, s, len);
        if (m == NG_CASE_ALLCAPS && ti->cap == 2)
            ti->cls |= classes_capitalized(lx, s, len);
    }
    if (lx)
        phrases(lx, text, toks, n, info);
    /* after the lexicon lookups, so that the prefetched slots have arrived */
    if (wc && cl)
        tw_codes(wc, cl, text, toks, n, info);
    else if (!wc)
        for (size_t i = 0; i < n; i++)
            info[i].clu = cl ? ng_tclusters_get(cl, info[i].wc) : 0;
    chunks(info, n, m);
}

void ng_tagger_prepare_cls(const ng_lexicon *lx, const ng_tclusters *cl, const char *text, const ng_token *toks,
                           size_t n, const uint32_t *cls, ng_tinfo *info, int *mode)
{
    for (size_t i = 0; i < n; i++) {
        ng_tinfo *ti = &info[i];
        tw_val v;
        word_info(text, &toks[i], &v);
        tw_set_hashes(ti, &v.h);
        ti->len = v.len;
        ti->conn = v.conn;
        ti->flags = toks[i].flags;
        ti->cap = cap_state(toks[i].flags, v.letters > 1);
        ti->phr = 0;
        ti->phr_pos = 0;
        if (cl) /* looked up at the end, once the lines are on their way */
            __builtin_prefetch(&cl->slot[ng_tclusters_home(cl, ti->wc)]);
    }
    prepare_end(lx, cl, text, toks, n, cls, NULL, info, mode);
}

void ng_tagger_prepare_cached(const ng_lexicon *lx, const ng_tclusters *cl, const char *text, const ng_token *toks,
                              size_t n, uint32_t *cls, ng_twcache *wc, ng_tinfo *info, int *mode)
{
    tw_ref ring[TW_AHEAD];
    tw_own(wc, lx, cl);
    for (size_t i = 0; i < TW_AHEAD && i < n; i++)
        tw_ask(wc, text, &toks[i], &ring[i]);
    for (size_t i = 0; i < n; i++) {
        tw_ref r = ring[i & (TW_AHEAD - 1)];
        if (i + TW_AHEAD < n)
            tw_ask(wc, text, &toks[i + TW_AHEAD], &ring[i & (TW_AHEAD - 1)]);
        tw_get(lx, cl, text, &toks[i], &r, &info[i]);
        if (cls)
            cls[i] = info[i].cls;
    }
    prepare_end(lx, cl, text, toks, n, NULL, wc, info, mode);
}

/* Capitalized chunks: runs of capitalized words, with joining words (of, de, al,
 * bin...) inside; each token gets its position and the chunk's edges. */
static void chunks(ng_tinfo *info, size_t n, int mode)
{
    for (size_t i = 0; i < n; i++) {
        info[i].cpos = 0;
        info[i].clen = 0;
        info[i].ccls = 0;
        info[i].cfirst = info[i].clast = info[i].cprev = info[i].cnext = 0;
    }
    if (mode != NG_CASE_NORMAL)
        return;
    for (size_t i = 0; i < n;) {
        if (!is_capword(&info[i])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        for (;;) {
            if (j < n && is_capword(&info[j])) {
                j++;
                continue;
            }
            /* up to two joining words (of, de, al...) followed by a capitalized word */
            size_t k = j;
            while (k < n && k < j + 2 && is_connector(&info[k]))
                k++;
            if (k > j && k < n && is_capword(&info[k])) {
                j = k + 1;
                continue;
            }
            break;
        }
        size_t len = j - i;
        uint32_t cc = 0;
        for (size_t k = i; k < j; k++)
            cc |= info[k].cls;
        for (size_t k = i; k < j; k++) {
            ng_tinfo *t = &info[k];
            t->cpos = len == 1 ? 1 : k == i ? 2 : k + 1 == j ? 4 : 3;
            t->clen = (uint8_t)(len > 6 ? 6 : len);
            t->ccls = cc;
            t->cfirst = info[i].w;
            t->clast = info[j - 1].w;
            t->cprev = i > 0 ? info[i - 1].w : BOS_W;
            t->cnext = j < n ? info[j].w : EOS_W;
        }
        i = j;
    }
}

/* Multi-word lexicon matches, longest first, starting at capitalized words. */
static void phrases(const ng_lexicon *lx, const char *text, const ng_token *toks, size_t n, ng_tinfo *info)
{
    for (size_t i = 0; i + 1 < n;) {
        /* a capitalized word followed by a capitalized word or a short connector (of, and) */
        const ng_tinfo *nx = &info[i + 1];
        if (!(info[i].flags & NG_TOK_UPPER1) ||
            !((nx->flags & (NG_TOK_UPPER1 | NG_TOK_DIGIT)) || (nx->cap == 0 && nx->len <= 3))) {
            i++;
            continue;
        }
        size_t best = 0;
        uint32_t bc = 0;
        size_t maxl = n - i < PHRASE_MAX ? n - i : PHRASE_MAX;
        for (size_t l = maxl; l >= 2; l--) {
            const ng_tinfo *last = &info[i + l - 1];
            if (!(last->flags & (NG_TOK_UPPER1 | NG_TOK_DIGIT)))
                continue;
            uint32_t c = ng_lex_classes(lx, text + toks[i].start, toks[i + l - 1].end - toks[i].start) & PHRASE_CLASSES;
            if (c) {
                best = l;
                bc = c;
                break;
            }
        }
        if (!best) {
            i++;
            continue;
        }
        for (size_t k = 0; k < best; k++) {
            info[i + k].phr = bc;
            info[i + k].phr_pos = k == 0 ? 1 : 2;
        }
        i += best;
    }
}

/* The first k bits of a cluster path (the whole path if it is shorter); 0 stays 0. */
static inline uint64_t clu_prefix(uint32_t code, unsigned k)
{
    unsigned len = code >> 24;
    if (len <= k)
        return code;
    return ((code & 0xffffffu) >> (len - k)) | (uint32_t)k << 24;
}

/* The features of a position with neighbours m2, m1, c, p1, p2 (the sentinels bos/eos
 * outside the sentence), only those of the groups in sel (NG_TF_*).  Every feature
 * belongs to exactly one group, named in its F(); a feature of group NG_TF_M1 reads m1
 * (and the case mode) only, NG_TF_CUR only c, and so on; NG_TF_CTX mixes several tokens.
 * kall counts the features of every group, selected or not, so that the cut of the
 * gazetteer-class features (at NG_TAGGER_MAXF - 21) falls where it falls for sel =
 * NG_TF_ALL; *cut (if not NULL) says whether it removed any. */
static inline __attribute__((always_inline)) size_t feats(const ng_tinfo *m2, const ng_tinfo *m1,
                                                          const ng_tinfo *c, const ng_tinfo *p1,
                                                          const ng_tinfo *p2, int mode, unsigned sel,
                                                          uint32_t *out, int *cut)
{
    uint32_t cm = (uint32_t)mode << 8; /* case mode, mixed into (c) templates */
    uint64_t ss = (c->flags & NG_TOK_SENT_START) ? 1 : 0;
    size_t k = 0, kall = 0;
    uint32_t left = 0; /* class bits the cut left out */
#define F(group, id)                                                                                                   \
    do {                                                                                                               \
        if (sel & (group))                                                                                             \
            out[k++] = (id);                                                                                           \
        kall++;                                                                                                        \
    } while (0)
#define FCLS(group, bits, id)                                                                                          \
    do {                                                                                                               \
        uint32_t b_ = (bits);                                                                                          \
        for (; b_ && kall < NG_TAGGER_MAXF - 21; b_ &= b_ - 1)                                                         \
            F(group, id);                                                                                              \
        left |= b_;                                                                                                    \
    } while (0)

    F(NG_TF_CUR, f1(T_BIAS, 0));
    F(NG_TF_CUR, f1(T_W0, c->w));
    F(NG_TF_M1, f1(T_WM1, m1->w));
    F(NG_TF_P1, f1(T_WP1, p1->w));
    F(NG_TF_M2, f1(T_WM2, m2->w));
    F(NG_TF_P2, f1(T_WP2, p2->w));
    F(NG_TF_CTX, f2(T_WM1W0, m1->w, c->w));
    F(NG_TF_CTX, f2(T_W0WP1, c->w, p1->w));
    F(NG_TF_CTX, f2(T_WM2WM1, m2->w, m1->w));
    F(NG_TF_CTX, f2(T_WP1WP2, p1->w, p2->w));
    F(NG_TF_CTX, f2(T_WM1WP1, m1->w, p1->w));
    for (int j = 0; j < 4; j++) {
        if (c->pre[j])
            F(NG_TF_CUR, f1(T_PRE1 + (uint32_t)j, c->pre[j]));
        if (c->suf[j])
            F(NG_TF_CUR, f1(T_SUF1 + (uint32_t)j, c->suf[j]));
    }
    F(NG_TF_CUR, f1(T_SH0 | cm, c->shape));
    F(NG_TF_M1, f1(T_SHM1 | cm, m1->shape));
    F(NG_TF_P1, f1(T_SHP1 | cm, p1->shape));
    F(NG_TF_CTX, f2(T_SHM1SH0 | cm, m1->shape, c->shape));
    F(NG_TF_CTX, f2(T_SH0SHP1 | cm, c->shape, p1->shape));
    F(NG_TF_CTX, f3(T_SH3 | cm, m1->shape, c->shape, p1->shape));
    F(NG_TF_CUR, f2(T_W0CAP | cm, c->wn, (uint64_t)c->cap | ss << 4));
    F(NG_TF_CTX, f1(T_CAPCTX | cm, (uint64_t)m2->cap | (uint64_t)m1->cap << 4 | (uint64_t)c->cap << 8 |
                                       (uint64_t)p1->cap << 12 | (uint64_t)p2->cap << 16 | ss << 20));
    F(NG_TF_CTX, f2(T_WM1SH0 | cm, m1->w, c->shape));
    F(NG_TF_CTX, f2(T_SH0WP1 | cm, c->shape, p1->w));
    F(NG_TF_CTX, f2(T_WM1CAP0 | cm, m1->w, (uint64_t)c->cap | ss << 4));
    F(NG_TF_CTX, f2(T_CAP0WP1 | cm, (uint64_t)c->cap | ss << 4, p1->w));
    F(NG_TF_CUR, f2(T_SUF3CAP | cm, c->suf[2], (uint64_t)c->cap | ss << 4));
    F(NG_TF_CUR, f1(T_SENTSTART | cm, (uint64_t)c->cap | ss << 4));
    F(NG_TF_CUR, f1(T_LEN, (uint64_t)c->len | (uint64_t)c->cap << 4));
    /* Gazetteer classes: each class of the word, the whole set of the word (with its
     * capitalization) and of its neighbours. */
    FCLS(NG_TF_CUR, c->cls, f1(T_CLSBIT, (uint64_t)__builtin_ctz(b_) | (uint64_t)c->cap << 8));
    FCLS(NG_TF_M1, m1->cls, f1(T_CLSBITM1, (uint64_t)__builtin_ctz(b_)));
    FCLS(NG_TF_P1, p1->cls, f1(T_CLSBITP1, (uint64_t)__builtin_ctz(b_)));
    F(NG_TF_CUR, f1(T_CLS0CAP | cm, (uint64_t)c->cls | (uint64_t)c->cap << 16));
    F(NG_TF_CTX, f2(T_CLSM1, m1->cls, c->cap));
    F(NG_TF_CTX, f2(T_CLSP1, p1->cls, c->cap));
    if (c->cpos) {
        uint64_t pos = c->cpos;
        F(NG_TF_CTX, f2(T_CFIRST, c->cfirst, pos));
        F(NG_TF_CTX, f2(T_CLAST, c->clast, pos));
        F(NG_TF_CTX, f2(T_CPREV, c->cprev, pos));
        F(NG_TF_CTX, f2(T_CNEXT, c->cnext, pos));
        F(NG_TF_CTX, f1(T_CLEN, pos | (uint64_t)c->clen << 4));
        F(NG_TF_CTX, f1(T_CCLS, pos | (uint64_t)c->ccls << 4));
        F(NG_TF_CTX, f3(T_CPREVLAST, c->cprev, c->clast, pos));
    }
    /* Word clusters: prefixes of the bit path (coarse to fine) of the word, and of its
     * neighbours; an unknown word has its own value. */
    F(NG_TF_CUR, f1(T_CLU4, clu_prefix(c->clu, 4)));
    F(NG_TF_CUR, f1(T_CLU6, clu_prefix(c->clu, 6)));
    F(NG_TF_CUR, f1(T_CLU10, clu_prefix(c->clu, 10)));
    F(NG_TF_CUR, f1(T_CLUF, c->clu));
    F(NG_TF_CUR, f2(T_CLUCAP | cm, c->clu, (uint64_t)c->cap | ss << 4));
    F(NG_TF_M1, f1(T_CLUM1P, clu_prefix(m1->clu, 6)));
    F(NG_TF_M1, f1(T_CLUM1, m1->clu));
    F(NG_TF_P1, f1(T_CLUP1P, clu_prefix(p1->clu, 6)));
    F(NG_TF_P1, f1(T_CLUP1, p1->clu));
    if (c->phr_pos) {
        F(NG_TF_CTX, f1(T_PHR, (uint64_t)c->phr | (uint64_t)c->phr_pos << 16));
        F(NG_TF_CTX, f2(T_PHRCAP, (uint64_t)c->phr | (uint64_t)c->phr_pos << 16, m1->phr_pos));
    }
#undef FCLS
#undef F
    if (cut)
        *cut = left != 0;
    return k;
}

static const ng_tinfo bos = {.w = BOS_W, .shape = BOS_W, .cap = 4};
static const ng_tinfo eos = {.w = EOS_W, .shape = EOS_W, .cap = 5};

size_t ng_tagger_features(const ng_tinfo *info, size_t n, size_t i, int mode, uint32_t *out)
{
    return ng_tagger_features_sel(info, n, i, mode, NG_TF_ALL, out, NULL);
}

size_t ng_tagger_features_sel(const ng_tinfo *info, size_t n, size_t i, int mode, unsigned sel, uint32_t *out,
                              int *cut)
{
    const ng_tinfo *m1 = i >= 1 ? &info[i - 1] : &bos;
    const ng_tinfo *m2 = i >= 2 ? &info[i - 2] : &bos;
    const ng_tinfo *p1 = i + 1 < n ? &info[i + 1] : &eos;
    const ng_tinfo *p2 = i + 2 < n ? &info[i + 2] : &eos;
    /* copies without the tests for the frequent cases: the trainer's and a position of
     * the cached tagger with both neighbours on each side */
    if (sel == NG_TF_ALL)
        return feats(m2, m1, &info[i], p1, p2, mode, NG_TF_ALL, out, cut);
    if (sel == NG_TF_CTX)
        return feats(m2, m1, &info[i], p1, p2, mode, NG_TF_CTX, out, cut);
    return feats(m2, m1, &info[i], p1, p2, mode, sel, out, cut);
}

size_t ng_tagger_features_word(const ng_tinfo *w, int mode, unsigned group, uint32_t *out)
{
    /* The other tokens are blank: the group reads none of them, and with no classes or
     * affixes they keep the class features far from their cut (at most 26 + 8 + 13
     * features before the last class bit), which therefore never removes any here. */
    static const ng_tinfo blank;
    int cut;
    size_t k;
    switch (group) {
    case NG_TF_CUR: k = feats(&blank, &blank, w, &blank, &blank, mode, NG_TF_CUR, out, &cut); break;
    case NG_TF_M1: k = feats(&blank, w, &blank, &blank, &blank, mode, NG_TF_M1, out, &cut); break;
    case NG_TF_P1: k = feats(&blank, &blank, &blank, w, &blank, mode, NG_TF_P1, out, &cut); break;
    case NG_TF_M2: k = feats(w, &blank, &blank, &blank, &blank, mode, NG_TF_M2, out, &cut); break;
    case NG_TF_P2: k = feats(&blank, &blank, &blank, &blank, w, mode, NG_TF_P2, out, &cut); break;
    default: return 0;
    }
    return cut ? 0 : k;
}

int ng_tagger_allowed(int a, int b)
{
    if (b == NG_TAG_I_PER || b == NG_TAG_I_ORG || b == NG_TAG_I_LOC)
        return a == b || a == b - 1;
    return 1;
}

/* Vectors of 4 lanes (GCC/Clang vector extension); NG_TAGGER_ROW / 4 of them hold one
 * score per label. */
typedef float tag_vf __attribute__((vector_size(16)));
typedef int32_t tag_vi __attribute__((vector_size(16)));
typedef uint8_t tag_vb __attribute__((vector_size(4)));
#define TAG_NV (NG_TAGGER_ROW / 4)

void ng_tagger_viterbi(const float *em, size_t n, const float trans[NG_TAG_COUNT + 1][NG_TAG_COUNT], uint8_t *bp,
                       uint8_t *out)
{
    float delta[NG_TAGGER_ROW] = {0};
    if (n == 0)
        return;
    for (int t = 0; t < NG_TAG_COUNT; t++)
        delta[t] = ng_tagger_allowed(NG_TAG_COUNT, t) ? trans[NG_TAG_COUNT][t] + em[t] : -INFINITY;
    /* transitions with -inf where BIO forbids them (and in the unused lanes): the same
     * maxima without the test */
    tag_vf ta[NG_TAG_COUNT][TAG_NV];
    for (int p = 0; p < NG_TAG_COUNT; p++)
        for (int t = 0; t < NG_TAGGER_ROW; t++)
            ta[p][t / 4][t % 4] = t < NG_TAG_COUNT && ng_tagger_allowed(p, t) ? trans[p][t] : -INFINITY;
    for (size_t i = 1; i < n; i++) {
        const float *e = em + i * NG_TAGGER_ROW;
        /* for every label t at once, the first previous label p of the highest
         * delta[p] + ta[p][t]: per lane the same sums and comparisons, in the same order
         * of p, as one label at a time */
        tag_vf best[TAG_NV];
        tag_vi arg[TAG_NV];
        for (int h = 0; h < TAG_NV; h++) {
            best[h] = (tag_vf){0} - INFINITY;
            arg[h] = (tag_vi){0};
        }
#pragma GCC unroll 8
        for (int p = 0; p < NG_TAG_COUNT; p++)
#pragma GCC unroll 2
            for (int h = 0; h < TAG_NV; h++) {
                tag_vf v = delta[p] + ta[p][h];
                tag_vi gt = v > best[h];
                best[h] = (tag_vf)((gt & (tag_vi)v) | (~gt & (tag_vi)best[h]));
                arg[h] = (gt & p) | (~gt & arg[h]);
            }
        for (int h = 0; h < TAG_NV; h++) {
            tag_vf d; /* em rows are not aligned for vectors: copied */
            memcpy(&d, e + 4 * h, sizeof d);
            d += best[h];
            memcpy(delta + 4 * h, &d, sizeof d);
        }
        /* the back pointers of the NG_TAG_COUNT labels, as bytes */
        uint8_t ab[NG_TAGGER_ROW];
        for (int h = 0; h < TAG_NV; h++) {
            tag_vb b = __builtin_convertvector(arg[h], tag_vb);
            memcpy(ab + 4 * h, &b, sizeof b);
        }
        memcpy(bp + i * NG_TAG_COUNT, ab, NG_TAG_COUNT);
    }
    int best = 0;
    for (int t = 1; t < NG_TAG_COUNT; t++)
        if (delta[t] > delta[best])
            best = t;
    for (size_t i = n; i-- > 0;) {
        out[i] = (uint8_t)best;
        if (i > 0)
            best = bp[i * NG_TAG_COUNT + (size_t)best];
    }
}

void ng_tagger_confidence(const float *em, size_t n, const float trans[NG_TAG_COUNT + 1][NG_TAG_COUNT],
                          const uint8_t *labels, float temp, float *conf)
{
    if (temp <= 0.0f)
        temp = 1.0f;
    float inv = 1.0f / temp;
    for (size_t i = 0; i < n; i++) {
        if (labels[i] == NG_TAG_O) {
            conf[i] = 1.0f; /* not computed: only the tokens of a name are read */
            continue;
        }
        int prev = i ? labels[i - 1] : NG_TAG_COUNT;
        const float *e = em + i * NG_TAGGER_ROW;
        float s[NG_TAG_COUNT], mx = -INFINITY;
        for (int t = 0; t < NG_TAG_COUNT; t++) {
            s[t] = ng_tagger_allowed(prev, t) ? e[t] + trans[prev][t] : -INFINITY;
            if (s[t] > mx)
                mx = s[t];
        }
        /* the chosen label's term is one of the sum's (0 for a label that cannot follow) */
        float z = 0.0f, x[NG_TAG_COUNT];
        for (int t = 0; t < NG_TAG_COUNT; t++) {
            x[t] = s[t] > -INFINITY ? expf((s[t] - mx) * inv) : 0.0f;
            z += x[t];
        }
        float c = x[labels[i]] / z;
        conf[i] = c < 0.0f ? 0.0f : c > 1.0f ? 1.0f : c;
    }
}
