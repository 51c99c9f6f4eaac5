/* map.c - string -> size_t hash map with open addressing (linear probing).
 *
 * The lexicon looks every token up here several times, and most words are in no list,
 * so misses must be cheap, also when the tagger's weight table has pushed the lexicon out
 * of the caches: a probe reads only a dense array of 32-bit hash tags (64 KiB for the
 * lexicon's 16K slots) and looks at an entry and its key only when the tags agree.
 * The hash reads 8 bytes at a time. */
#include <stdlib.h>
#include "util.h"

#define MIX 0x9E3779B97F4A7C15ULL

static inline uint64_t load64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint64_t load32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

uint64_t ng_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = (uint64_t)n * MIX;
    while (n > 8) {
        h = (h ^ load64(s)) * MIX;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    /* the last 1..8 bytes (possibly overlapping those already read: n is mixed in) */
    uint64_t w;
    if (n >= 4)
        w = load32(s) | load32(s + n - 4) << 32;
    else if (n)
        w = (uint64_t)s[0] | (uint64_t)s[n / 2] << 8 | (uint64_t)s[n - 1] << 16;
    else
        w = 0;
    return ng_mix64(h ^ w); /* every input bit reaches the low bits used as the index */
}

/* The tag of a hash: its high half (the low bits pick the slot), never 0 (empty). */
static inline uint32_t tag_of(uint64_t h) { return (uint32_t)(h >> 32) | 1u; }

static int map_resize(ng_map *m, size_t cap)
{
    uint32_t *tags = calloc(cap, sizeof *tags);
    ng_map_entry *ents = calloc(cap, sizeof *ents);
    if (!tags || !ents) {
        free(tags);
        free(ents);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->tags[i])
            continue;
        size_t j = ng_hash(m->ents[i].key, m->ents[i].len) & (cap - 1);
        while (tags[j])
            j = (j + 1) & (cap - 1);
        tags[j] = m->tags[i];
        ents[j] = m->ents[i];
    }
    free(m->tags);
    free(m->ents);
    m->tags = tags;
    m->ents = ents;
    m->cap = cap;
    return 0;
}

/* The slot holding key, or the empty slot where it would go (the map is never full). */
static inline size_t find(const ng_map *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1, j = h & mask;
    uint32_t tag = tag_of(h);
    for (;;) {
        uint32_t t = m->tags[j];
        if (!t || (t == tag && m->ents[j].len == len && memcmp(m->ents[j].key, key, len) == 0))
            return j;
        j = (j + 1) & mask;
    }
}

int ng_map_put(ng_map *m, const char *key, size_t len, size_t val)
{
    return ng_map_put_h(m, key, len, ng_hash(key, len), val);
}

int ng_map_put_h(ng_map *m, const char *key, size_t len, uint64_t h, size_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        int rc = map_resize(m, m->cap ? m->cap * 2 : 64);
        if (rc)
            return rc;
    }
    size_t j = find(m, key, len, h);
    ng_map_entry *e = &m->ents[j];
    if (m->tags[j]) {
        e->val = val;
        return 0;
    }
    e->key = ng_arena_strndup(&m->keys, key, len);
    if (!e->key)
        return ng_error_set(NG_ENOMEM, "out of memory");
    e->len = len;
    e->val = val;
    m->tags[j] = tag_of(h);
    m->n++;
    return 0;
}

int ng_map_get(const ng_map *m, const char *key, size_t len, size_t *val)
{
    return m->cap ? ng_map_get_h(m, key, len, ng_hash(key, len), val) : 0;
}

int ng_map_get_h(const ng_map *m, const char *key, size_t len, uint64_t h, size_t *val)
{
    if (!m->cap)
        return 0;
    size_t j = find(m, key, len, h);
    if (!m->tags[j])
        return 0;
    if (val)
        *val = m->ents[j].val;
    return 1;
}

void ng_map_prefetch_h(const ng_map *m, uint64_t h, int step)
{
    if (!m->cap)
        return;
    size_t j = h & (m->cap - 1);
    if (step == 0) {
        __builtin_prefetch(&m->tags[j]);
        __builtin_prefetch(&m->ents[j]);
    } else if (m->tags[j] == tag_of(h)) {
        __builtin_prefetch(m->ents[j].key);
    }
}

const ng_map_entry *ng_map_next(const ng_map *m, size_t *it)
{
    while (*it < m->cap) {
        size_t j = (*it)++;
        if (m->tags[j])
            return &m->ents[j];
    }
    return NULL;
}

void ng_map_free(ng_map *m)
{
    ng_arena_free(&m->keys);
    free(m->tags);
    free(m->ents);
    memset(m, 0, sizeof *m);
}
