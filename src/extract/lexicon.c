/* lexicon.c - loads the general word lists of data/ and Debian's iso-codes. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>
#include "lexicon.h"
#include "../text/text.h"
#include "../util/util.h"

struct ng_lexicon {
    ng_map cs;       /* case-sensitive folded key -> class bits */
    ng_map ci;       /* lower-cased folded key -> class bits */
    ng_map both;     /* folded key -> its cs bits | its ci bits << CI_SHIFT (built last):
                        a lower-case word, most tokens, needs one lookup instead of two */
    uint32_t byte_cls[256]; /* ng_lex_classes of every one-byte string (punctuation tokens, "a") */
    ng_map canon;    /* folded variant -> index into strs */
    ng_map demonym;  /* folded demonym -> index into strs */
    ng_map trigger;  /* lower-cased trigger -> index into strs */
    NG_VEC(char *) strs;
    uint64_t serial; /* unique per lexicon object: the owner of cached classes */
};

static uint32_t lex_classes(const ng_lexicon *lx, const char *s, size_t n);

/* Class bits all fit below CI_SHIFT (the ci bits of `both` are stored above). */
#define CI_SHIFT 16
_Static_assert(NG_LEX_TITLEQUAL < (1u << CI_SHIFT) && NG_LEX_TRIGGER < (1u << CI_SHIFT), "class bits");

/* Byte-parallel (SWAR) tests on 8 bytes at a time, for the ASCII fast path of key
 * folding, which runs for every token (twice: names and tagger).  ONES * c repeats byte c;
 * HIGH has the top bit of each byte. */
#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL

/* Top bit set in each byte of x that is zero, exactly (no false positives). */
static inline uint64_t zero_bytes(uint64_t x) { return ~(((x & ~HIGH) + ~HIGH) | x | ~HIGH); }

/* The ASCII fast path of folding: when s[0..n) has no byte >= 0x80, no '`' and no two
 * spaces in a row, ng_fold would only lower-case it; then low (256 bytes) gets the
 * lower-cased copy (n < 256, NUL-terminated), *upper whether it differs from s, and the
 * result is 1.  Otherwise 0. */
static int ascii_key(const char *s, size_t n, char *low, int *upper)
{
    uint64_t up = 0, prev_space = 0;
    if (n >= 256)
        return 0;
    for (size_t i = 0; i < n; i += 8) {
        uint64_t x = 0; /* padding bytes are 0: not upper, not space, not '`' */
        if (n - i >= 8)
            memcpy(&x, s + i, 8);
        else
            for (size_t j = 0; j < n - i; j++)
                x |= (uint64_t)(unsigned char)s[i + j] << (8 * j);
        if (x & HIGH)
            return 0;
        /* 'A'..'Z': adding 0x80 - 'A' sets the top bit from 'A' up, 0x80 - 'Z' - 1 past 'Z'
         * (no carries between bytes below 0x80) */
        uint64_t u = ((x + ONES * (0x80 - 'A')) & ~(x + ONES * (0x80 - 'Z' - 1))) & HIGH;
        uint64_t sp = zero_bytes(x ^ (ONES * ' '));
        /* a space right after a space, also across the 8-byte boundary */
        if (zero_bytes(x ^ (ONES * '`')) || (sp & (sp << 8 | prev_space)))
            return 0;
        prev_space = sp >> 56;
        up |= u;
        x |= u >> 2; /* 0x80 >> 2 = 0x20: upper to lower case */
        memcpy(low + i, &x, 8); /* i + 8 <= 256: past n only padding, then the NUL */
    }
    low[n] = '\0';
    *upper = up != 0;
    return 1;
}

/* Fold s into buf (ASCII fast path) or a malloc'd string; returns the key and its length. */
static const char *fold_key(const char *s, size_t n, int lower, char *buf, size_t bufsz, char **heap, size_t *kl)
{
    *heap = NULL;
    int upper;
    if (bufsz >= 256 && ascii_key(s, n, buf, &upper)) {
        if (!lower && upper)
            memcpy(buf, s, n); /* keep the case */
        *kl = n;
        return buf;
    }
    *heap = ng_fold(s, n, lower);
    if (!*heap)
        return NULL;
    *kl = strlen(*heap);
    return *heap;
}

/* OR class bits into map m for key s (folded). */
static int add_class(ng_map *m, const char *s, size_t n, int lower, uint32_t bits)
{
    char buf[256], *heap;
    size_t kl;
    const char *k = fold_key(s, n, lower, buf, sizeof buf, &heap, &kl);
    if (!k)
        return NG_ENOMEM;
    size_t old = 0;
    ng_map_get(m, k, kl, &old);
    int rc = ng_map_put(m, k, kl, old | bits);
    free(heap);
    return rc;
}

static int add_str(ng_lexicon *lx, const char *s, size_t n, size_t *idx)
{
    char *c = ng_strndup(s, n);
    if (!c || ng_vec_push(lx->strs, c)) {
        free(c);
        return NG_ENOMEM;
    }
    *idx = lx->strs.n - 1;
    return 0;
}

/* Map a (folded) key to string index; first mapping wins. */
static int add_mapping(ng_map *m, const char *key, size_t kn, int lower, size_t idx)
{
    char buf[256], *heap;
    size_t kl;
    const char *k = fold_key(key, kn, lower, buf, sizeof buf, &heap, &kl);
    if (!k)
        return NG_ENOMEM;
    int rc = 0;
    if (!ng_map_get(m, k, kl, NULL))
        rc = ng_map_put(m, k, kl, idx);
    free(heap);
    return rc;
}

typedef int (*line_fn)(ng_lexicon *lx, char *line, size_t n, void *arg);

/* Call fn for each non-empty, non-comment line of datadir/name. */
static int each_line(ng_lexicon *lx, const char *datadir, const char *name, line_fn fn, void *arg)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", datadir, name);
    char *data = NULL;
    size_t len = 0;
    int rc = ng_read_file(path, 16u << 20, &data, &len);
    if (rc)
        return ng_error_set(NG_EMODEL, "%s: cannot read lexicon: %s", path, ng_error_last());
    char *p = data, *end = data + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        char *q = e;
        while (q > p && (q[-1] == '\r' || q[-1] == ' ' || q[-1] == '\t'))
            q--;
        *q = '\0';
        if (q > p && *p != '#' && (rc = fn(lx, p, (size_t)(q - p), arg)))
            break;
        p = e + 1;
    }
    free(data);
    return rc;
}

static int line_class_ci(ng_lexicon *lx, char *line, size_t n, void *arg)
{
    return add_class(&lx->ci, line, n, 1, *(uint32_t *)arg);
}

static int line_class_cs(ng_lexicon *lx, char *line, size_t n, void *arg)
{
    return add_class(&lx->cs, line, n, 0, *(uint32_t *)arg);
}

/* canonical|variant|variant... : all are countries/places if the canonical one is. */
static int line_variants(ng_lexicon *lx, char *line, size_t n, void *arg)
{
    char *bar = memchr(line, '|', n);
    size_t cn = bar ? (size_t)(bar - line) : n;
    size_t idx;
    int rc = add_str(lx, line, cn, &idx);
    if (rc)
        return rc;
    if ((rc = add_mapping(&lx->canon, line, cn, 0, idx)))
        return rc;
    while (bar) {
        char *s = bar + 1;
        bar = memchr(s, '|', n - (size_t)(s - line));
        size_t vn = bar ? (size_t)(bar - s) : n - (size_t)(s - line);
        if (vn && (rc = add_mapping(&lx->canon, s, vn, 0, idx)))
            return rc;
    }
    return 0;
}

static int line_demonym(ng_lexicon *lx, char *line, size_t n, void *arg)
{
    char *bar = memchr(line, '|', n);
    size_t dn = bar ? (size_t)(bar - line) : n;
    int rc = add_class(&lx->cs, line, dn, 0, NG_LEX_DEMONYM);
    if (rc || !bar || (size_t)(bar - line) + 1 >= n)
        return rc;
    size_t idx;
    if ((rc = add_str(lx, bar + 1, n - dn - 1, &idx)))
        return rc;
    return add_mapping(&lx->demonym, line, dn, 0, idx);
}

static int line_trigger(ng_lexicon *lx, char *line, size_t n, void *arg)
{
    char *bar = memchr(line, '|', n);
    size_t tn = bar ? (size_t)(bar - line) : n;
    int rc = add_class(&lx->ci, line, tn, 1, NG_LEX_TRIGGER);
    if (rc)
        return rc;
    size_t idx;
    const char *kind = bar ? bar + 1 : line;
    size_t kn = bar ? n - tn - 1 : n;
    if ((rc = add_str(lx, kind, kn, &idx)))
        return rc;
    return add_mapping(&lx->trigger, line, tn, 1, idx);
}

/* The part of an iso-codes name before ", " ("Korea, Republic of" -> "Korea"). */
static size_t short_name(const char *s)
{
    const char *c = strstr(s, ", ");
    return c ? (size_t)(c - s) : strlen(s);
}

/* Subdivision names that are ordinary words ("Western", "Central", "Capital"). */
static int is_generic_region(const char *s)
{
    static const char *const w[] = {"Western", "Eastern", "Northern", "Southern", "Central", "North", "South",
                                    "East", "West", "Capital", "Coast", "Upper", "Lower", "Islands",
                                    "Northwest", "Northeast", "Southwest", "Southeast", "Centre", "Center",
                                    "Lakes", "Mountain", "Valley", "Plateau", "Littoral", "Interior",
                                    "Federal District", "Capital District", NULL};
    for (size_t i = 0; w[i]; i++)
        if (strcmp(s, w[i]) == 0)
            return 1;
    return 0;
}

static int load_iso(ng_lexicon *lx, const char *isodir)
{
    char path[4096];
    json_error_t jerr;
    int rc = 0;
    static const char *const files[] = {"iso_3166-1.json", "iso_3166-3.json", "iso_3166-2.json"};
    static const char *const keys[] = {"3166-1", "3166-3", "3166-2"};
    for (int f = 0; f < 3; f++) {
        snprintf(path, sizeof path, "%s/%s", isodir, files[f]);
        /* parsed from memory: json_load_file reads a byte at a time through stdio (a
         * tenth of the start-up); when reading fails it runs anyway, for its message */
        char *data = NULL;
        size_t len = 0;
        json_t *root = ng_read_file(path, 64u << 20, &data, &len) == 0 ? json_loadb(data, len, 0, &jerr)
                                                                        : json_load_file(path, 0, &jerr);
        free(data);
        if (!root)
            return ng_error_set(NG_EMODEL, "%s: cannot read iso-codes: %s", path, jerr.text);
        json_t *arr = json_object_get(root, keys[f]);
        size_t i;
        json_t *it;
        json_array_foreach(arr, i, it) {
            const char *name = json_string_value(json_object_get(it, "name"));
            const char *common = json_string_value(json_object_get(it, "common_name"));
            const char *official = json_string_value(json_object_get(it, "official_name"));
            if (!name)
                continue;
            uint32_t cls = f == 2 ? NG_LEX_REGION : NG_LEX_COUNTRY;
            if (f == 2 && is_generic_region(name))
                continue;
            const char *canon = common ? common : name;
            size_t cn = common ? strlen(common) : short_name(name);
            if ((rc = add_class(&lx->cs, canon, cn, 0, cls)))
                goto fail;
            if (f == 2)
                continue;
            size_t idx;
            if ((rc = add_str(lx, canon, cn, &idx)))
                goto fail;
            /* The canonical form maps to itself unless variants.txt said otherwise. */
            if ((rc = add_mapping(&lx->canon, canon, cn, 0, idx)) ||
                (rc = add_mapping(&lx->canon, name, strlen(name), 0, idx)) ||
                (rc = add_class(&lx->cs, name, short_name(name), 0, cls)))
                goto fail;
            if (official && ((rc = add_mapping(&lx->canon, official, strlen(official), 0, idx)) ||
                             (rc = add_class(&lx->cs, official, strlen(official), 0, cls))))
                goto fail;
            if (short_name(name) != strlen(name) &&
                (rc = add_mapping(&lx->canon, name, short_name(name), 0, idx)))
                goto fail;
        }
        json_decref(root);
        continue;
    fail:
        json_decref(root);
        return rc;
    }
    return 0;
}

/* A canonical name and all its variants share the place classes any of them has
 * (variants.txt may name a state by its short form while iso-codes has the long one). */
static int propagate_variant_classes(ng_lexicon *lx)
{
    size_t *acc = calloc(lx->strs.n + 1, sizeof *acc);
    if (!acc)
        return NG_ENOMEM;
    int rc = 0;
    for (int pass = 0; pass < 2 && !rc; pass++) {
        size_t it = 0;
        const ng_map_entry *e;
        while (!rc && (e = ng_map_next(&lx->canon, &it))) {
            const char *k = e->key;
            size_t ci = e->val;
            if (pass == 0) {
                size_t cls = 0, ccls = 0;
                ng_map_get(&lx->cs, k, strlen(k), &cls);
                ng_map_get(&lx->cs, lx->strs.v[ci], strlen(lx->strs.v[ci]), &ccls);
                acc[ci] |= (cls | ccls) & (NG_LEX_COUNTRY | NG_LEX_CITY);
            } else if (acc[ci]) {
                rc = add_class(&lx->cs, k, strlen(k), 0, (uint32_t)acc[ci]);
                if (!rc)
                    rc = add_class(&lx->cs, lx->strs.v[ci], strlen(lx->strs.v[ci]), 0, (uint32_t)acc[ci]);
            }
        }
    }
    free(acc);
    return rc;
}

static int add_fixed(ng_lexicon *lx)
{
    static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December",
                                         "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.",
                                         "Sept.", "Oct.", "Nov.", "Dec.", NULL};
    static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                       "Sunday", NULL};
    int rc = 0;
    for (size_t i = 0; months[i] && !rc; i++)
        rc = add_class(&lx->cs, months[i], strlen(months[i]), 0, NG_LEX_MONTH);
    for (size_t i = 0; days[i] && !rc; i++)
        rc = add_class(&lx->cs, days[i], strlen(days[i]), 0, NG_LEX_WEEKDAY);
    return rc;
}

/* The combined map `both` from cs and ci. */
static int build_both(ng_lexicon *lx)
{
    size_t it = 0, old;
    const ng_map_entry *e;
    while ((e = ng_map_next(&lx->cs, &it)))
        if (ng_map_put(&lx->both, e->key, e->len, e->val))
            return NG_ENOMEM;
    it = 0;
    while ((e = ng_map_next(&lx->ci, &it))) {
        old = 0;
        ng_map_get(&lx->both, e->key, e->len, &old);
        if (ng_map_put(&lx->both, e->key, e->len, old | e->val << CI_SHIFT))
            return NG_ENOMEM;
    }
    return 0;
}

int ng_lexicon_load(ng_lexicon **out, const char *datadir, const char *isodir)
{
    *out = NULL;
    ng_lexicon *lx = calloc(1, sizeof *lx);
    if (!lx)
        return ng_error_set(NG_ENOMEM, "out of memory");
    static atomic_uint_fast64_t serials;
    lx->serial = (uint64_t)atomic_fetch_add(&serials, 1) + 1;
    uint32_t qual = NG_LEX_TITLEQUAL, title = NG_LEX_TITLE, org = NG_LEX_ORGWORD, city = NG_LEX_CITY, stop = NG_LEX_STOPCAP,
             first = NG_LEX_FIRSTNAME;
    int rc;
    /* variants first: their canonical names win over iso-codes' forms */
    if ((rc = each_line(lx, datadir, "variants.txt", line_variants, NULL)) ||
        (rc = load_iso(lx, isodir ? isodir : "/usr/share/iso-codes/json")) ||
        (rc = each_line(lx, datadir, "titles.txt", line_class_ci, &title)) ||
        (rc = each_line(lx, datadir, "title_qualifiers.txt", line_class_ci, &qual)) ||
        (rc = each_line(lx, datadir, "orgwords.txt", line_class_cs, &org)) ||
        (rc = each_line(lx, datadir, "places.txt", line_class_cs, &city)) ||
        (rc = each_line(lx, datadir, "stopcaps.txt", line_class_ci, &stop)) ||
        (rc = each_line(lx, datadir, "demonyms.txt", line_demonym, NULL)) ||
        (rc = each_line(lx, datadir, "triggers.txt", line_trigger, NULL)) ||
        (rc = add_fixed(lx)) || (rc = propagate_variant_classes(lx)))
        goto fail;
    /* optional list of given names */
    char path[4096];
    snprintf(path, sizeof path, "%s/firstnames.txt", datadir);
    FILE *fp = fopen(path, "rb");
    if (fp) {
        fclose(fp);
        if ((rc = each_line(lx, datadir, "firstnames.txt", line_class_cs, &first)))
            goto fail;
    }
    if ((rc = build_both(lx)))
        goto fail;
    for (int c = 0; c < 256; c++) {
        char b = (char)c;
        lx->byte_cls[c] = lex_classes(lx, &b, 1);
    }
    *out = lx;
    return 0;
fail:
    ng_lexicon_free(lx);
    return rc;
}

void ng_lexicon_free(ng_lexicon *lx)
{
    if (!lx)
        return;
    ng_map_free(&lx->cs);
    ng_map_free(&lx->ci);
    ng_map_free(&lx->both);
    ng_map_free(&lx->canon);
    ng_map_free(&lx->demonym);
    ng_map_free(&lx->trigger);
    for (size_t i = 0; i < lx->strs.n; i++)
        free(lx->strs.v[i]);
    free(lx->strs.v);
    free(lx);
}

uint64_t ng_lexicon_serial(const ng_lexicon *lx) { return lx ? lx->serial : 0; }

uint32_t ng_lex_classes_uncached(const ng_lexicon *lx, const char *s, size_t n)
{
    if (!lx || n == 0)
        return 0;
    if (n == 1)
        return lx->byte_cls[(unsigned char)s[0]];
    return lex_classes(lx, s, n);
}

/* ---- classes by exact bytes: one cache per thread ---- */

#define LC_SLOTS (1u << 12) /* a power of two; 32 bytes each: 128 KiB, which keeps most hits in the caches */

/* The classes of the string whose bytes are the key (ng_key24), for one lexicon. */
typedef struct {
    uint64_t key[NG_KEY24 / 8];
    uint64_t tag; /* the lexicon's serial << CI_SHIFT | the classes; 0: empty slot */
} lc_entry;

/* A thread's cache (direct-mapped), or NULL. */
static void *lc_new(void) { return calloc(LC_SLOTS, sizeof(lc_entry)); }

uint32_t ng_lex_classes(const ng_lexicon *lx, const char *s, size_t n)
{
    lc_entry *slots;
    if (!lx || n < 2 || n >= NG_KEY24 || !(slots = ng_thread_obj(NG_TOBJ_LEXICON, lc_new, free)))
        return ng_lex_classes_uncached(lx, s, n);
    uint64_t key[NG_KEY24 / 8];
    ng_key24(s, n, key);
    lc_entry *e = &slots[ng_mix64(key[0] ^ ng_mix64(key[1] ^ key[2])) & (LC_SLOTS - 1)];
    if (((e->key[0] ^ key[0]) | (e->key[1] ^ key[1]) | (e->key[2] ^ key[2]) | ((e->tag >> CI_SHIFT) ^ lx->serial)) == 0)
        return (uint32_t)(e->tag & ((1u << CI_SHIFT) - 1));
    uint32_t c = lex_classes(lx, s, n);
    memcpy(e->key, key, sizeof key);
    e->tag = lx->serial << CI_SHIFT | c;
    return c;
}

/* The lookups of ng_lex_classes (n > 0). */
static uint32_t lex_classes(const ng_lexicon *lx, const char *s, size_t n)
{
    char low[256], *heap;
    size_t kl, v = 0, w = 0;
    const uint32_t cs_mask = (1u << CI_SHIFT) - 1;
    int upper;
    /* the case-sensitive classes of the folded word, the case-insensitive ones of its
     * lower-cased folded form: one key when the two forms are the same */
    if (ascii_key(s, n, low, &upper)) {
        ng_map_get(&lx->both, s, n, &v);
        if (!upper)
            return (uint32_t)((v & cs_mask) | v >> CI_SHIFT);
        ng_map_get(&lx->both, low, n, &w);
        return (uint32_t)((v & cs_mask) | w >> CI_SHIFT);
    }
    char *k = ng_fold(s, n, 0);
    if (!k)
        return 0;
    ng_map_get(&lx->both, k, strlen(k), &v);
    free(k);
    const char *lk = fold_key(s, n, 1, low, sizeof low, &heap, &kl);
    if (!lk)
        return (uint32_t)(v & cs_mask);
    ng_map_get(&lx->both, lk, kl, &w);
    free(heap);
    return (uint32_t)((v & cs_mask) | w >> CI_SHIFT);
}

/* Look key up in map m; returns the mapped string or NULL. */
static const char *lookup_str(const ng_lexicon *lx, const ng_map *m, const char *s, size_t n, int lower)
{
    if (!lx || n == 0)
        return NULL;
    char buf[256], *heap;
    size_t kl, idx;
    const char *k = fold_key(s, n, lower, buf, sizeof buf, &heap, &kl);
    if (!k)
        return NULL;
    int found = ng_map_get(m, k, kl, &idx);
    free(heap);
    return found ? lx->strs.v[idx] : NULL;
}

const char *ng_lex_canonical(const ng_lexicon *lx, const char *s, size_t n)
{
    return lookup_str(lx, &lx->canon, s, n, 0);
}

const char *ng_lex_demonym_country(const ng_lexicon *lx, const char *s, size_t n)
{
    return lookup_str(lx, &lx->demonym, s, n, 0);
}

const char *ng_lex_trigger_kind(const ng_lexicon *lx, const char *s, size_t n)
{
    return lookup_str(lx, &lx->trigger, s, n, 1);
}
