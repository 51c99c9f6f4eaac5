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
    int sink_error;
} ng_buf;

/* Write what a sinking buffer still holds to its sink; 0 or NG_EIO. */
int ng_buf_flush(ng_buf *b);

int ng_buf_put(ng_buf *b, const void *p, size_t n);
int ng_buf_puts(ng_buf *b, const char *s);
int ng_buf_putc(ng_buf *b, char c);
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

/* Generic vector: struct { T *v; size_t n, cap; }.  ng_vec_grow ensures room for one more. */
#define NG_VEC(T) struct { T *v; size_t n, cap; }
int ng_vec_grow_(void **v, size_t *cap, size_t n, size_t elem);
#define ng_vec_grow(vec) ng_vec_grow_((void **)&(vec).v, &(vec).cap, (vec).n, sizeof(*(vec).v))
/* Push: evaluates to 0 or NG_ENOMEM. */
#define ng_vec_push(vec, x) (ng_vec_grow(vec) ? NG_ENOMEM : ((vec).v[(vec).n++] = (x), 0))

/* String -> size_t map (open addressing, keys copied).  Iteration order is never
 * used for output. */
typedef struct {
    char **keys;
    size_t *vals;
    uint64_t *hashes;
    size_t cap, n;
} ng_map;

int ng_map_put(ng_map *m, const char *key, size_t keylen, size_t val);
/* Returns 1 and sets *val if found, 0 otherwise. */
int ng_map_get(const ng_map *m, const char *key, size_t keylen, size_t *val);
void ng_map_free(ng_map *m);
uint64_t ng_hash(const void *p, size_t n);

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
