/* fuzz_common.h - shared body of the input-format fuzz targets: read the bytes as one
 * input of a given format, walk every document, and check the invariants the rest of
 * the pipeline relies on (abort() on violation, so libFuzzer reports it). */
#ifndef NG_FUZZ_COMMON_H
#define NG_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "newsgraph/newsgraph.h"
#include "ingest/ingest.h"
#include "text/text.h"

/* Abort unless s[0..n) is valid UTF-8 without C0/C1 controls other than \t \n \r. */
static inline void fz_check_clean(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                abort();
            i++;
            continue;
        }
        uint32_t cp;
        int k = ng_utf8_decode(s, n, i, &cp);
        if (cp == 0xFFFD && k == 1)
            abort();
        if (cp >= 0x80 && cp < 0xa0)
            abort();
        i += (size_t)k;
    }
}

/* Abort unless a date is NULL or a valid YYYY-MM-DD. */
static inline void fz_check_date(const char *d)
{
    if (d && !ng_date_valid(d))
        abort();
}

/* Read data as one input of format (NULL: detect) and check every document. */
static inline int fz_run_input(const uint8_t *data, size_t size, const char *format)
{
    ng_ingest_opts o = {NULL, 1 << 20, format};
    ng_input *in = NULL;
    if (ng_input_open_buffer(&in, "fuzz", (const char *)data, size, &o))
        return 0;
    for (size_t guard = 0;; guard++) {
        if (guard > size + 16) /* a reader must make progress: never more documents than bytes */
            abort();
        ng_document *d = NULL;
        int r = ng_input_next(in, &d);
        if (r == 0)
            break;
        if (r < 0) {
            if (!*ng_error_last())
                abort(); /* every failure names its reason */
            continue;
        }
        size_t n;
        const char *t = ng_document_text(d, &n);
        if (!t || t[n] != '\0' || strlen(ng_document_path(d)) == 0)
            abort();
        fz_check_clean(t, n); /* every reader sanitizes the analysis text */
        if (ng_document_title(d))
            fz_check_clean(ng_document_title(d), strlen(ng_document_title(d)));
        if (ng_document_url(d))
            fz_check_clean(ng_document_url(d), strlen(ng_document_url(d)));
        fz_check_date(ng_document_date(d));
        ng_document_free(d);
    }
    ng_input_free(in);
    return 0;
}

#endif
