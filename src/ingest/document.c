/* document.c - document constructors and accessors; dispatch to the format readers. */
#include <stdio.h>
#include <stdlib.h>
#include "ingest.h"
#include "../util/util.h"

int ng_date_valid(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

int ng_document_new_from_buffer(ng_document **out, const char *name, const char *data, size_t len,
                                const ng_ingest_opts *opts)
{
    *out = NULL;
    size_t max = opts && opts->max_bytes ? opts->max_bytes : NG_DEFAULT_MAX_BYTES;
    if (len > max)
        return ng_error_set(NG_ETOOBIG, "larger than the input cap of %zu bytes", max);
    char *copy = ng_strndup(data, len);
    ng_document *d = calloc(1, sizeof *d);
    if (!copy || !d || !(d->path = ng_strdup(name ? name : "-"))) {
        free(copy);
        ng_document_free(d);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    int rc = ng_ingest_text(d, copy, len, opts);
    if (rc) {
        ng_document_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

int ng_document_new_from_file(ng_document **out, const char *path, const ng_ingest_opts *opts)
{
    *out = NULL;
    size_t max = opts && opts->max_bytes ? opts->max_bytes : NG_DEFAULT_MAX_BYTES;
    char *data = NULL;
    size_t len = 0;
    int rc = strcmp(path, "-") == 0 ? ng_read_stream(stdin, max, &data, &len) : ng_read_file(path, max, &data, &len);
    if (rc)
        return rc;
    ng_document *d = calloc(1, sizeof *d);
    if (!d || !(d->path = ng_strdup(path))) {
        free(data);
        ng_document_free(d);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    if ((rc = ng_ingest_text(d, data, len, opts))) {
        ng_document_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

void ng_document_free(ng_document *d)
{
    if (!d)
        return;
    free(d->path);
    free(d->text);
    free(d->title);
    free(d->date);
    free(d);
}

const char *ng_document_path(const ng_document *d) { return d->path; }
const char *ng_document_text(const ng_document *d, size_t *len)
{
    if (len)
        *len = d->len;
    return d->text;
}
const char *ng_document_date(const ng_document *d) { return d->date; }
const char *ng_document_date_source(const ng_document *d) { return d->date_source; }
const char *ng_document_title(const ng_document *d) { return d->title; }
const char *ng_document_format(const ng_document *d) { return d->format; }
