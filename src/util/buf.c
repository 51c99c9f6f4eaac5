/* buf.c - size-capped growable buffers, vectors, string duplication. */
#define _DEFAULT_SOURCE /* madvise(MADV_HUGEPAGE) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "util.h"

int ng_buf_flush(ng_buf *b)
{
    if (!b->sink || !b->len)
        return b->sink_error ? NG_EIO : 0; /* the message of the first failure stays */
    int failed = !b->sink_error && fwrite(b->data, 1, b->len, (FILE *)b->sink) != b->len;
    int err = errno;
    b->len = 0;
    b->data[0] = '\0';
    if (failed) {
        b->sink_error = err ? err : EIO;
        return ng_error_set(NG_EIO, "write error: %s", strerror(b->sink_error));
    }
    return b->sink_error ? NG_EIO : 0;
}

static int buf_reserve(ng_buf *b, size_t extra)
{
    if (b->sink && b->len && b->len + extra + 1 > ((size_t)1 << 20)) {
        int rc = ng_buf_flush(b);
        if (rc)
            return rc;
    }
    if (b->max && b->len + extra > b->max)
        return ng_error_set(NG_ETOOBIG, "buffer exceeds its cap of %zu bytes", b->max);
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            return ng_error_set(NG_ENOMEM, "out of memory");
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return ng_error_set(NG_ENOMEM, "out of memory");
    b->data = p;
    b->cap = cap;
    return 0;
}

int ng_buf_reserve(ng_buf *b, size_t n) { return buf_reserve(b, n); }

int ng_buf_put_slow(ng_buf *b, const void *p, size_t n)
{
    int rc = buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int ng_buf_put_int(ng_buf *b, long long v)
{
    char tmp[24];
    return ng_buf_put(b, tmp, (size_t)(ng_fmt_int(tmp, v) - tmp));
}

size_t ng_fmt_real(char *out, double v)
{
    /* %.6g shows a whole number below 10^6 as its digits, and a number of thousandths
     * below 1000 (at most 6 significant digits, exponent -3..2) as its decimal form
     * without trailing zeros: the double nearest k / 1000 is far closer to it than half
     * a unit of the 6th digit.  Negative numbers and -0 take printf. */
    if (v > 0 && v < 1e6) {
        long long w = (long long)v;
        char *p = out;
        if ((double)w == v) {
            p = ng_fmt_int(p, w);
            memcpy(p, ".0", 3);
            return (size_t)(p + 2 - out);
        }
        double t = v * 1000.0;
        long long k = (long long)t;
        if (v < 1000 && (double)k == t && (double)k / 1000.0 == v) {
            int frac = (int)(k % 1000);
            p = ng_fmt_int(p, k / 1000);
            *p++ = '.';
            *p++ = (char)('0' + frac / 100);
            if (frac % 100) {
                *p++ = (char)('0' + frac / 10 % 10);
                if (frac % 10)
                    *p++ = (char)('0' + frac % 10);
            }
            *p = '\0';
            return (size_t)(p - out);
        }
    }
    int n = snprintf(out, 40, "%.6g", v);
    if (n < 0)
        n = 0;
    if (!strpbrk(out, ".eE") && strcmp(out, "inf") && strcmp(out, "nan")) {
        memcpy(out + n, ".0", 3);
        n += 2;
    }
    return (size_t)n;
}

int ng_buf_printf(ng_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return ng_error_set(NG_EINVAL, "bad format");
    if ((size_t)n < sizeof small)
        return ng_buf_put(b, small, (size_t)n);
    int rc = buf_reserve(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

char *ng_buf_detach(ng_buf *b)
{
    char *p = b->data;
    if (!p)
        p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void ng_buf_free(ng_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

char *ng_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ng_strdup(const char *s) { return s ? ng_strndup(s, strlen(s)) : NULL; }

void *ng_calloc_table(size_t n)
{
#ifdef MADV_HUGEPAGE
    const size_t huge = (size_t)2 << 20;
    if (n >= huge) {
        void *p = NULL;
        size_t len = (n + huge - 1) & ~(huge - 1);
        if (posix_memalign(&p, huge, len) != 0)
            return NULL;
        (void)madvise(p, len, MADV_HUGEPAGE); /* only advice: no huge pages is no error */
        memset(p, 0, n);
        return p;
    }
#endif
    return calloc(1, n ? n : 1);
}

int ng_vec_grow_(void **v, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return 0;
    size_t nc = *cap ? *cap * 2 : 2; /* small: most vectors of a large model hold one or two items */
    if (nc > SIZE_MAX / elem)
        return ng_error_set(NG_ENOMEM, "out of memory");
    void *p = realloc(*v, nc * elem);
    if (!p)
        return ng_error_set(NG_ENOMEM, "out of memory");
    *v = p;
    *cap = nc;
    return 0;
}
