/* document.c - document constructors and accessors; dispatch to the format readers. */
#include <stdio.h>
#include <stdlib.h>
#include "ingest.h"
#include "../text/text.h"
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

/* The first document of an opened input (the input is freed). */
static int first_document(ng_document **out, ng_input *in)
{
    ng_document *d = NULL;
    int rc = ng_input_next(in, &d);
    ng_input_free(in);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return ng_error_set(NG_EEMPTY, "no document in the input");
    *out = d;
    return 0;
}

int ng_document_new_from_buffer(ng_document **out, const char *name, const char *data, size_t len,
                                const ng_ingest_opts *opts)
{
    *out = NULL;
    ng_input *in = NULL;
    int rc = ng_input_open_buffer(&in, name ? name : "-", data, len, opts);
    return rc ? rc : first_document(out, in);
}

int ng_document_new_from_file(ng_document **out, const char *path, const ng_ingest_opts *opts)
{
    *out = NULL;
    ng_input *in = NULL;
    int rc = ng_input_open(&in, path, opts);
    return rc ? rc : first_document(out, in);
}

int ng_doc_make(ng_document **out, const char *name, char *text, size_t len, const char *format,
                const char *title, const char *date, const char *date_source, const char *url,
                const ng_ingest_opts *opts)
{
    *out = NULL;
    int rc = 0;
    ng_document *d = calloc(1, sizeof *d);
    if (!d || !(d->path = ng_strdup(name))) {
        free(text);
        free(d);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    if ((rc = ng_ingest_text(d, text, len, opts)))
        goto done;
    d->format = format;
    if (title && *title) {
        free(d->title);
        if (!(d->title = ng_strdup(title))) {
            rc = ng_error_set(NG_ENOMEM, "out of memory");
            goto done;
        }
        /* titles are shown in outputs: no control characters or invalid UTF-8 */
        ng_utf8_sanitize(d->title, strlen(d->title));
        for (char *p = d->title; *p; p++)
            if (*p == '\n' || *p == '\r' || *p == '\t')
                *p = ' ';
    }
    if (date) {
        free(d->date);
        if (!(d->date = ng_strdup(date))) {
            rc = ng_error_set(NG_ENOMEM, "out of memory");
            goto done;
        }
        d->date_source = date_source;
    }
    if (url && *url && !(d->url = ng_strdup(url))) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    if (d->url)
        ng_utf8_sanitize(d->url, strlen(d->url));
done:
    if (rc) {
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
    free(d->url);
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
const char *ng_document_url(const ng_document *d) { return d->url; }
