/* util.h - internal helpers: size-capped buffers, vectors, string maps, xalloc. */
#ifndef NG_UTIL_H
#define NG_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <string.h>
#include "newsgraph/error.h"

/* A growable byte buffer with an optional cap (0 = no cap).  Always NUL-terminated
 * when data != NULL. */
typedef struct {
    char *data;
    size_t len, cap, max;
    void *sink; /* FILE*: when set, the buffer is flushed to it past 1 MiB (append-only writers) */
    int sink_error; /* errno of the first failed write to sink (0: none) */
} ng_buf;

/* Write what a sinking buffer still holds to its sink; 0 or NG_EIO. */
int ng_buf_flush(ng_buf *b);

/* Append n bytes: 0, NG_ETOOBIG past the cap, NG_ENOMEM, or NG_EIO when a sink fails.
 * Inline when the bytes fit (serializers append a few bytes at a time); the rest, growing,
 * flushing and the cap, in ng_buf_put_slow. */
int ng_buf_put_slow(ng_buf *b, const void *p, size_t n);
/* Whether n more bytes fit as they are: the conditions under which the general path
 * would only copy (see buf_reserve). */
static inline int ng_buf_fits(const ng_buf *b, size_t n)
{
    return b->len + n < b->cap && (!b->sink || b->len + n + 1 <= ((size_t)1 << 20)) && (!b->max || b->len + n <= b->max);
}
static inline int ng_buf_put(ng_buf *b, const void *p, size_t n)
{
    if (ng_buf_fits(b, n)) {
        if (n)
            memcpy(b->data + b->len, p, n);
        b->len += n;
        b->data[b->len] = '\0';
        return 0;
    }
    return ng_buf_put_slow(b, p, n);
}

static inline int ng_buf_puts(ng_buf *b, const char *s) { return ng_buf_put(b, s, strlen(s)); }

/* Make room for n more bytes (and the NUL), flushing or growing as ng_buf_put would: 0 or
 * its error.  The cap counts all n bytes, whether or not they are all written then. */
int ng_buf_reserve(ng_buf *b, size_t n);
/* Where n more bytes can be written straight into the buffer, ended by ng_buf_commit();
 * NULL with *rc set on failure.  For writers that append many small pieces: one room test
 * for a bound on the piece, not one per byte run. */
static inline char *ng_buf_room(ng_buf *b, size_t n, int *rc)
{
    if (!ng_buf_fits(b, n) && (*rc = ng_buf_reserve(b, n)))
        return NULL;
    return b->data + b->len;
}
/* The bytes up to end (within the room of the last ng_buf_room()) are now the buffer's. */
static inline void ng_buf_commit(ng_buf *b, char *end)
{
    b->len = (size_t)(end - b->data);
    *end = '\0';
}

static inline int ng_buf_putc(ng_buf *b, char c) { return ng_buf_put(b, &c, 1); }
/* Append v in decimal (as printf's "%lld" writes it, without printf's cost). */
int ng_buf_put_int(ng_buf *b, long long v);
/* Write v in decimal at p (at most 20 bytes, no NUL); returns the end. */
static inline char *ng_fmt_int(char *p, long long v)
{
    /* negated in unsigned arithmetic: LLONG_MIN stays defined */
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    if (v < 0)
        *p++ = '-';
    /* the digits counted first and written in place from the last: the exporters write
     * millions of offsets, and a copy of a variable length was a memcpy call for each */
    size_t n = 1;
    for (unsigned long long t = u; t >= 10; t /= 10)
        n++;
    char *end = p + n;
    do {
        *--end = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    return p + n;
}
/* Write v as printf's "%.6g" writes it, with ".0" added when that shows neither a
 * fraction nor an exponent (a JSON real: "1.0"), NUL-terminated into out (40 bytes);
 * returns the length.  Whole numbers and thousandths below a million (weights,
 * rounded confidences) without printf. */
size_t ng_fmt_real(char *out, double v);
int ng_buf_printf(ng_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Take ownership of the buffer's bytes (NUL-terminated, never NULL); the buffer is reset. */
char *ng_buf_detach(ng_buf *b);
void ng_buf_free(ng_buf *b);

/* Allocation that aborts the process on failure is NOT used: callers check.
 * ng_strndup returns NULL on failure. */
char *ng_strndup(const char *s, size_t n);
char *ng_strdup(const char *s);
/* n zeroed bytes for a large table read at random (tagger weights): aligned and advised
 * for huge pages where the system has them, so that its lookups do not miss the TLB
 * nearly every time.  NULL on failure; free() releases it. */
void *ng_calloc_table(size_t n);

/* snprintf(dst, cap, "%s", src) without printf (cap > 0): the same bytes, truncated the
 * same way.  Fixed-size result fields are filled for every reference and participant,
 * the model copies participant roles. */
static inline void ng_copy_str(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* A string arena: allocations carved from a chain of blocks, all freed at once by
 * ng_arena_free() (never one by one).  A zeroed ng_arena is empty.  Pieces are not
 * aligned: for strings (char data) only. */
typedef struct ng_arena_block ng_arena_block;
typedef struct {
    ng_arena_block *head; /* the block being filled; the others behind it */
    char *p;              /* its free room */
    size_t left;
} ng_arena;
/* n bytes of the arena, or NULL when out of memory. */
void *ng_arena_alloc(ng_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n) (of s: NULL for NULL) in the arena; NULL when out of memory. */
char *ng_arena_strndup(ng_arena *a, const char *s, size_t n);
char *ng_arena_strdup(ng_arena *a, const char *s);
void ng_arena_free(ng_arena *a);

/* Generic vector: struct { T *v; size_t n, cap; }.  ng_vec_grow ensures room for one more. */
#define NG_VEC(T) struct { T *v; size_t n, cap; }
int ng_vec_grow_(void **v, size_t *cap, size_t n, size_t elem);
/* (The room test inline: vectors grow per token.) */
#define ng_vec_grow(vec)                                                                                           \
    ((vec).n < (vec).cap ? 0 : ng_vec_grow_((void **)&(vec).v, &(vec).cap, (vec).n, sizeof(*(vec).v)))
/* Push: evaluates to 0 or NG_ENOMEM. */
#define ng_vec_push(vec, x) (ng_vec_grow(vec) ? NG_ENOMEM : ((vec).v[(vec).n++] = (x), 0))

/* The 64-bit finalizer of murmur3: every input bit reaches every output bit (hash tables,
 * the tagger's feature ids). */
static inline uint64_t ng_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Exact cache key of a byte string of 1..NG_KEY24 - 1 bytes: the bytes, zero-padded, with
 * the length in the last byte (per-thread caches of what is computed from a token's bytes). */
#define NG_KEY24 24
static inline void ng_key24(const char *s, size_t n, uint64_t key[NG_KEY24 / 8])
{
    /* copied as two or three overlapping pieces of a fixed size (inline moves, no call) */
    unsigned char b[NG_KEY24] = {0};
    if (n >= 8) {
        memcpy(b, s, 8);
        if (n > 16)
            memcpy(b + 8, s + 8, 8);
        memcpy(b + n - 8, s + n - 8, 8);
    } else if (n >= 4) {
        memcpy(b, s, 4);
        memcpy(b + n - 4, s + n - 4, 4);
    } else if (n >= 2) {
        memcpy(b, s, 2);
        memcpy(b + n - 2, s + n - 2, 2);
    } else if (n) {
        b[0] = (unsigned char)s[0];
    }
    b[NG_KEY24 - 1] = (unsigned char)n;
    memcpy(key, b, NG_KEY24);
}

/* Per-thread objects (thread.c): the calling thread's object number id, made by make() on
 * its first use in the thread and given to destroy() when the thread ends; NULL if it
 * cannot be made (the caller then goes without).  The test of the fast path is inline. */
enum { NG_TOBJ_TAGGER, NG_TOBJ_LEXICON, NG_TOBJ_COUNT };
extern _Thread_local void *ng_thread_objs_[NG_TOBJ_COUNT];
void *ng_thread_obj_make(unsigned id, void *(*make)(void), void (*destroy)(void *));
static inline void *ng_thread_obj(unsigned id, void *(*make)(void), void (*destroy)(void *))
{
    void *p = ng_thread_objs_[id];
    return p ? p : ng_thread_obj_make(id, make, destroy);
}

/* String -> size_t map (open addressing, keys copied).  Iteration order is never
 * used for output.  A zeroed ng_map is an empty map. */
typedef struct {
    char *key; /* NUL-terminated copy */
    size_t len;
    size_t val;
} ng_map_entry;

typedef struct {
    uint32_t *tags;       /* per slot: 0 empty, else 32 bits of the key's hash (probed alone) */
    ng_map_entry *ents;   /* per slot: the entry, read when the tags agree */
    size_t cap, n;
    ng_arena keys;        /* the keys' copies: no malloc per key, and freed a block at a time */
} ng_map;

int ng_map_put(ng_map *m, const char *key, size_t keylen, size_t val);
/* Returns 1 and sets *val if found, 0 otherwise. */
int ng_map_get(const ng_map *m, const char *key, size_t keylen, size_t *val);
/* The same with the key's hash h = ng_hash(key, keylen) already known (computed once for a
 * lookup and the insert after it, or ahead on another thread). */
int ng_map_put_h(ng_map *m, const char *key, size_t keylen, uint64_t h, size_t val);
int ng_map_get_h(const ng_map *m, const char *key, size_t keylen, uint64_t h, size_t *val);
/* Fetch ahead what a lookup of a key with hash h will read: with step 0 its slot's tag
 * and entry, with step 1 (a few lookups later, once those have arrived) the key the entry
 * points at when the tag agrees.  Only a hint: nothing is read that could fault. */
void ng_map_prefetch_h(const ng_map *m, uint64_t h, int step);
/* Iterate: start with *it = 0; returns the next entry or NULL at the end.  The map must
 * not change meanwhile. */
const ng_map_entry *ng_map_next(const ng_map *m, size_t *it);
void ng_map_free(ng_map *m);

/* uint64 -> size_t map (keymap.c): numeric keys (pairs of indices, packed ids) without an
 * allocation per key; keys up to UINT64_MAX - 1.  Lookups only, never iterated.  A zeroed
 * ng_keymap is an empty map. */
typedef struct {
    uint64_t *keys; /* key + 1; 0: empty */
    size_t *vals;
    size_t cap, n;
} ng_keymap;
int ng_keymap_get(const ng_keymap *m, uint64_t key, size_t *val);
int ng_keymap_put(ng_keymap *m, uint64_t key, size_t val);
void ng_keymap_free(ng_keymap *m);
/* Hash of a byte string. */
uint64_t ng_hash(const void *p, size_t n);

/* Are the 8 bytes at p all printable ASCII (0x20..0x7E)?  Byte-parallel, for scans over
 * whole documents that only need to look closer at other bytes (controls, newlines,
 * UTF-8).  The tests: no top bit; no byte below 0x20 (subtracting 0x20 from each byte
 * borrows into its top bit only below 0x20, exact as a yes/no answer when no top bit is
 * set); no byte equal to 0x7F. */
static inline int ng_ascii8_plain(const char *p)
{
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    uint64_t x, d;
    memcpy(&x, p, 8);
    if (x & high)
        return 0;
    if ((x - ones * 0x20) & ~x & high)
        return 0;
    d = x ^ (ones * 0x7F);
    return !((d - ones) & ~d & high);
}

/* Read a whole file, capped at max bytes (0 = no cap).  *out is NUL-terminated. */
int ng_read_file(const char *path, size_t max, char **out, size_t *len);
/* Read a stream until EOF, capped. */
int ng_read_stream(void *fp /* FILE* */, size_t max, char **out, size_t *len);

/* Write data to path atomically: a temporary in the same directory, then rename. */
int ng_write_atomic(const char *path, const char *data, size_t len);

/* The same in steps, for output written as it is made: open a temporary beside path
 * (*tmp is malloc'd), then commit (close + rename) or abort (close + unlink); both free *tmp. */
int ng_atomic_open(const char *path, void **fp, char **tmp);
int ng_atomic_commit(void *fp, char *tmp, const char *path);
void ng_atomic_abort(void *fp, char *tmp);

#endif
