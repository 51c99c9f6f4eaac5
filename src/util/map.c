/* map.c - string -> size_t hash map with open addressing. */
#include <stdlib.h>
#include "util.h"

uint64_t ng_hash(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static int key_eq(const char *k, const char *key, size_t len)
{
    return memcmp(k, key, len) == 0 && k[len] == '\0';
}

static int map_resize(ng_map *m, size_t cap)
{
    char **keys = calloc(cap, sizeof *keys);
    size_t *vals = calloc(cap, sizeof *vals);
    uint64_t *hashes = calloc(cap, sizeof *hashes);
    if (!keys || !vals || !hashes) {
        free(keys);
        free(vals);
        free(hashes);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = m->hashes[i] & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
        hashes[j] = m->hashes[i];
    }
    free(m->keys);
    free(m->vals);
    free(m->hashes);
    m->keys = keys;
    m->vals = vals;
    m->hashes = hashes;
    m->cap = cap;
    return 0;
}

int ng_map_put(ng_map *m, const char *key, size_t len, size_t val)
{
    if ((m->n + 1) * 2 > m->cap) {
        int rc = map_resize(m, m->cap ? m->cap * 2 : 64);
        if (rc)
            return rc;
    }
    uint64_t h = ng_hash(key, len);
    size_t j = h & (m->cap - 1);
    while (m->keys[j]) {
        if (m->hashes[j] == h && key_eq(m->keys[j], key, len)) {
            m->vals[j] = val;
            return 0;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = ng_strndup(key, len);
    if (!m->keys[j])
        return ng_error_set(NG_ENOMEM, "out of memory");
    m->vals[j] = val;
    m->hashes[j] = h;
    m->n++;
    return 0;
}

int ng_map_get(const ng_map *m, const char *key, size_t len, size_t *val)
{
    if (!m->cap)
        return 0;
    uint64_t h = ng_hash(key, len);
    size_t j = h & (m->cap - 1);
    while (m->keys[j]) {
        if (m->hashes[j] == h && key_eq(m->keys[j], key, len)) {
            if (val)
                *val = m->vals[j];
            return 1;
        }
        j = (j + 1) & (m->cap - 1);
    }
    return 0;
}

void ng_map_free(ng_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    free(m->hashes);
    memset(m, 0, sizeof *m);
}
