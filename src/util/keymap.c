/* keymap.c - uint64 -> size_t hash map (open addressing, linear probing) for numeric
 * keys: the model's entity pairs of co-occurrence relations and (event kind, participant)
 * buckets.  One allocation per table instead of one string per key (ng_map copies its
 * keys); lookups only, never iterated, so nothing depends on its order. */
#include <stdlib.h>
#include "util.h"

static size_t slot_of(uint64_t k, size_t cap) { return (size_t)ng_mix64(k) & (cap - 1); }

static int grow(ng_keymap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    uint64_t *keys = calloc(cap, sizeof *keys);
    size_t *vals = malloc(cap * sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = slot_of(m->keys[i], cap);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
    return 0;
}

int ng_keymap_get(const ng_keymap *m, uint64_t key, size_t *val)
{
    if (!m->cap)
        return 0;
    uint64_t k = key + 1; /* 0 marks an empty slot */
    for (size_t j = slot_of(k, m->cap); m->keys[j]; j = (j + 1) & (m->cap - 1))
        if (m->keys[j] == k) {
            if (val)
                *val = m->vals[j];
            return 1;
        }
    return 0;
}

int ng_keymap_put(ng_keymap *m, uint64_t key, size_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        int rc = grow(m);
        if (rc)
            return rc;
    }
    uint64_t k = key + 1;
    size_t j = slot_of(k, m->cap);
    while (m->keys[j] && m->keys[j] != k)
        j = (j + 1) & (m->cap - 1);
    if (!m->keys[j])
        m->n++;
    m->keys[j] = k;
    m->vals[j] = val;
    return 0;
}

void ng_keymap_free(ng_keymap *m)
{
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->n = 0;
}
