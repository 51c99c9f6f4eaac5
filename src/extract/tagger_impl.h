/* tagger_impl.h - internals of the entity tagger shared by the library (tagger.c,
 * tagger_feat.c), the training program (tools/newsgraph-train.c) and the unit tests.
 *
 * The same feature code runs at training and at tagging time: ng_tagger_prepare()
 * computes per-token information from the token strings and flags (and the lexicon),
 * ng_tagger_features() turns one position into hashed feature ids.  A feature id is a
 * 32-bit hash; the model keeps the top `bits` bits as a row index into a table of
 * NG_TAGGER_ROW int16 weights (one per label, the last slot unused). */
#ifndef NG_TAGGER_IMPL_H
#define NG_TAGGER_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include "tagger.h"

#define NG_TAGGER_MAGIC "NGTAGGER"
#define NG_TAGGER_VERSION 3u
/* Bumped whenever the feature code changes: a model trained with other features is refused. */
#define NG_TAGGER_FEATSET 8u
#define NG_TAGGER_ROW 8            /* weights per row (NG_TAG_COUNT used) */
#define NG_TAGGER_MAXF 80          /* features per position, upper bound */
#define NG_TAGGER_MIN_BITS 8
#define NG_TAGGER_MAX_BITS 24
#define NG_TAGGER_MAX_FILE (64u << 20)
#define NG_TAGGER_CLU_DEPTH 24     /* longest word-cluster bit path */
#define NG_TAGGER_CLU_MAX (1u << 22) /* most words in a cluster table */

/* Sentence case modes: features about capitalization are kept apart per mode. */
enum { NG_CASE_NORMAL = 0, NG_CASE_ALLCAPS = 1, NG_CASE_TITLE = 2 };

/* Model flags. */
enum {
    NG_TAGGER_F_LEXICON = 1u << 0, /* trained with gazetteer features */
    NG_TAGGER_F_CLUSTERS = 1u << 1 /* carries a word-cluster table (cluster features) */
};

/* Word clusters (tools/newsgraph-clusters.c): word hash (ng_tinfo.wc) -> bit path.  A
 * code packs the path length (1..NG_TAGGER_CLU_DEPTH) in bits 24-31 and the path, first
 * choice most significant, in bits 0-23; 0 means "no cluster".  Open addressing with key
 * and code side by side, so a lookup touches one cache line. */
typedef struct {
    uint64_t key;
    uint32_t code; /* 0: empty slot */
    uint32_t pad;
} ng_tclu_slot;

typedef struct {
    ng_tclu_slot *slot;
    size_t mask;     /* slots - 1 */
    size_t n;        /* words */
    uint64_t serial; /* unique per table: with n, the owner of cached codes (ng_twcache) */
} ng_tclusters;

/* First slot to probe for key. */
static inline size_t ng_tclusters_home(const ng_tclusters *cl, uint64_t key)
{
    return (size_t)(key ^ key >> 29) & cl->mask;
}

/* Code of key, 0 if absent. */
static inline uint32_t ng_tclusters_get(const ng_tclusters *cl, uint64_t key)
{
    size_t j = ng_tclusters_home(cl, key);
    while (cl->slot[j].code && cl->slot[j].key != key)
        j = (j + 1) & cl->mask;
    return cl->slot[j].code;
}

/* Per-token information, computed once per sentence. */
typedef struct {
    uint64_t w;         /* lower-cased word, digits as 0, ’ as ' */
    uint64_t wn;        /* the same without periods (U.K. = UK) */
    uint64_t wc;        /* the word with its case kept (digits as 0, ’ as '): cluster key */
    uint64_t shape;     /* compressed shape: Xx, X.X., dd-x */
    uint64_t pre[4];    /* prefixes of 1..4 code points of the lower-cased word (0: shorter) */
    uint64_t suf[4];    /* suffixes of 1..4 code points */
    uint32_t cls;       /* lexicon classes of the word (NG_LEX_*) */
    uint32_t phr;       /* multi-word lexicon match covering the token: classes */
    uint32_t flags;     /* NG_TOK_* */
    uint8_t cap;        /* 0 lower/none, 1 Upper1, 2 ALLCAPS (>1 letter), 3 digit/punct */
    uint8_t phr_pos;    /* 0 none, 1 first token of a phrase match, 2 inside */
    uint8_t len;        /* length bucket */
    uint8_t conn;       /* a lower-case word that joins the words of a name: of, de, al, bin... */
    uint8_t cpos;       /* position in its capitalized chunk: 0 none, 1 single, 2 first, 3 inside, 4 last */
    uint8_t clen;       /* chunk length in tokens (capped) */
    uint32_t ccls;      /* lexicon classes of all words of the chunk */
    uint64_t cfirst, clast; /* first and last word of the chunk */
    uint64_t cprev, cnext;  /* words before and after the chunk */
    uint32_t clu;       /* word-cluster code (0: no cluster) */
} ng_tinfo;

/* The loaded model. */
struct ng_tagger {
    uint32_t bits;      /* table has 1 << bits rows */
    uint32_t flags;     /* NG_TAGGER_F_* */
    float scale;        /* weight = int16 * scale */
    float temp;         /* softmax temperature for confidences */
    float trans[NG_TAG_COUNT + 1][NG_TAG_COUNT]; /* [prev][cur], row NG_TAG_COUNT = sentence start */
    int16_t *w;         /* (1 << bits) * NG_TAGGER_ROW */
    ng_tclusters *cl;   /* word clusters, or NULL */
    uint64_t serial;    /* unique per model object: the owner of ng_tcache sums */
    int loaded;         /* read from a file (ng_tagger_parse): weights fixed, tagging is cached */
};

/* Fill info[0..n) for the tokens of one sentence; *mode gets the sentence case mode.
 * lx may be NULL (no gazetteer features), cl may be NULL (no cluster features). */
void ng_tagger_prepare(const ng_lexicon *lx, const ng_tclusters *cl, const char *text, const ng_token *toks,
                       size_t n, ng_tinfo *info, int *mode);
/* The same with the lexicon classes of the tokens given (NULL: looked up). */
void ng_tagger_prepare_cls(const ng_lexicon *lx, const ng_tclusters *cl, const char *text, const ng_token *toks,
                           size_t n, const uint32_t *cls, ng_tinfo *info, int *mode);

/* A cache of what ng_tagger_prepare() computes from each token's bytes alone (its
 * hashes, shape, affixes...) and of the token's lexicon classes and cluster code, by the
 * exact bytes of tokens of up to 23 bytes; one thread's.  It holds the classes of one
 * lexicon and the codes of one cluster table (as it has them): used with others, it
 * starts again empty.  new: 0, or NG_ENOMEM with *out NULL. */
typedef struct ng_twcache ng_twcache;
int ng_twcache_new(ng_twcache **out);
void ng_twcache_free(ng_twcache *c);
/* ng_tagger_prepare() through cache wc (the same info to the bit); cls (may be NULL) gets
 * the lexicon classes of every token, ng_lex_classes(lx, token) (0 with lx NULL), which
 * are looked up anyway. */
void ng_tagger_prepare_cached(const ng_lexicon *lx, const ng_tclusters *cl, const char *text, const ng_token *toks,
                              size_t n, uint32_t *cls, ng_twcache *wc, ng_tinfo *info, int *mode);

/* Feature ids of position i (at most NG_TAGGER_MAXF); returns their number. */
size_t ng_tagger_features(const ng_tinfo *info, size_t n, size_t i, int mode, uint32_t *out);

/* Feature groups, by the tokens a feature reads: the word itself (NG_TF_CUR), one
 * neighbour alone (NG_TF_M1: the word before...), or several (NG_TF_CTX).  A feature of
 * the first five groups is a function of one token's ng_tinfo (and the case mode), so
 * its weights can be summed once per word type (ng_tcache). */
enum {
    NG_TF_CUR = 1u << 0,
    NG_TF_M1 = 1u << 1,
    NG_TF_P1 = 1u << 2,
    NG_TF_M2 = 1u << 3,
    NG_TF_P2 = 1u << 4,
    NG_TF_CTX = 1u << 5,
    NG_TF_ALL = (1u << 6) - 1
};

/* The features of position i of the groups in sel, in the order of ng_tagger_features()
 * (which is the same with NG_TF_ALL).  *cut (may be NULL) gets whether the limit on the
 * gazetteer-class features (they stop at NG_TAGGER_MAXF - 21 features) left some out. */
size_t ng_tagger_features_sel(const ng_tinfo *info, size_t n, size_t i, int mode, unsigned sel, uint32_t *out,
                              int *cut);
/* The features of one group (NG_TF_CUR, _M1, _P1, _M2 or _P2) that token w brings in that
 * role: those ng_tagger_features_sel() gives for that group wherever w stands there
 * (when nothing is cut).  Returns their number (never 0). */
size_t ng_tagger_features_word(const ng_tinfo *w, int mode, unsigned group, uint32_t *out);

/* Normalized form of a token (digits as 0, ’ as ', lower-cased unless keep_case, at most
 * about 128 bytes) into out (capacity cap >= 129 for the whole form, NUL-terminated);
 * returns its length.  ng_tagger_word_hash() of it is ng_tinfo.w, or with keep_case
 * ng_tinfo.wc: the key of the cluster table (clusters are case-sensitive, as in NER
 * practice: "Rice" the name and "rice" the grain are different words). */
size_t ng_tagger_norm_word(const char *s, size_t len, int keep_case, char *out, size_t cap);
uint64_t ng_tagger_word_hash(const char *s, size_t len);

/* Cluster table: an empty table for up to `want` words; add a word (by hash) with its
 * code; free. */
int ng_tclusters_new(ng_tclusters **out, size_t want);
int ng_tclusters_put(ng_tclusters *cl, uint64_t key, uint32_t code);
void ng_tclusters_free(ng_tclusters *cl);
/* Read a cluster file (PATH<TAB>WORD<TAB>COUNT lines, from newsgraph-clusters); errors
 * (NG_EMODEL) name the file and line. */
int ng_tclusters_read(ng_tclusters **out, const char *path);

/* Word shape of s[0..len) into out (capacity cap, NUL-terminated); returns its length. */
size_t ng_tagger_shape(const char *s, size_t len, char *out, size_t cap);

/* Best label sequence (Viterbi, BIO constraints) for emission scores em[n][NG_TAGGER_ROW]
 * and transition scores trans.  bp is scratch of n * NG_TAG_COUNT bytes. */
void ng_tagger_viterbi(const float *em, size_t n, const float trans[NG_TAG_COUNT + 1][NG_TAG_COUNT], uint8_t *bp,
                       uint8_t *out);

/* Whether label b may follow label a (a = NG_TAG_COUNT: sentence start). */
int ng_tagger_allowed(int a, int b);

/* Confidences conf[0..n) of the chosen labels: softmax (temperature temp) of the local scores,
 * for the tokens of names; a token labelled O gets 1 (its confidence is never read). */
void ng_tagger_confidence(const float *em, size_t n, const float trans[NG_TAG_COUNT + 1][NG_TAG_COUNT],
                          const uint8_t *labels, float temp, float *conf);

/* A model with an all-zero table of 1 << bits rows (for the trainer and tests). */
int ng_tagger_new(ng_tagger **out, uint32_t bits);

/* Serialize / write a model (versioned, checksummed).  *out is malloc'd. */
int ng_tagger_serialize(const ng_tagger *t, char **out, size_t *len);
int ng_tagger_save(const ng_tagger *t, const char *path);
/* Parse a serialized model. */
int ng_tagger_parse(ng_tagger **out, const char *data, size_t len, const char *what);

/* Emission scores of a prepared sentence with the model's weights: em[n][NG_TAGGER_ROW]. */
void ng_tagger_emissions(const ng_tagger *t, const ng_tinfo *info, size_t n, int mode, float *em);

/* A cache of per-word-type weight sums (one thread's, not shared): for each word type
 * (every ng_tinfo field the one-token features read, compared exactly, with the case mode)
 * the sums of its rows of groups NG_TF_CUR, _M1, _P1, _M2 and _P2.  Integer sums are
 * exact, so the emissions are those of ng_tagger_emissions() to the bit.  Bounded: a new
 * word type replaces the one in its slot.  The sums belong to one model (t->serial); a
 * model's weights must not change once it has been used with a cache. */
typedef struct ng_tcache ng_tcache;
int ng_tcache_new(ng_tcache **out);
void ng_tcache_free(ng_tcache *c);
/* ng_tagger_emissions() through cache c. */
void ng_tagger_emissions_cached(const ng_tagger *t, ng_tcache *c, const ng_tinfo *info, size_t n, int mode,
                                float *em);

/* Name of a label ("B-PER"...). */
const char *ng_tagger_label_name(int label);

#endif
