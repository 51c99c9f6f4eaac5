/* input.c - inputs that yield documents: read once (size-capped), detect the format,
 * then hand out documents one by one. */
#include <stdio.h>
#include <stdlib.h>
#include "ingest.h"
#include "../util/util.h"

int ng_input_open(ng_input **out, const char *path, const ng_ingest_opts *opts)
{
    *out = NULL;
    ng_input *in = calloc(1, sizeof *in);
    if (!in || !(in->path = ng_strdup(path))) {
        free(in);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    if (opts)
        in->opts = *opts;
    if (opts && opts->date && !(in->opt_date = ng_strdup(opts->date))) {
        ng_input_free(in);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    in->opts.date = in->opt_date;
    size_t max = in->opts.max_bytes ? in->opts.max_bytes : NG_DEFAULT_MAX_BYTES;
    int rc = strcmp(path, "-") == 0 ? ng_read_stream(stdin, max, &in->data, &in->len)
                                    : ng_read_file(path, max, &in->data, &in->len);
    if (rc) {
        ng_input_free(in);
        return rc;
    }
    in->format = "text";
    *out = in;
    return 0;
}

int ng_input_next(ng_input *in, ng_document **doc)
{
    *doc = NULL;
    if (in->done)
        return 0;
    in->done = 1;
    ng_document *d = calloc(1, sizeof *d);
    if (!d || !(d->path = ng_strdup(in->path))) {
        free(d);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    char *data = in->data;
    in->data = NULL;
    int rc = ng_ingest_text(d, data, in->len, &in->opts);
    if (rc) {
        ng_document_free(d);
        return rc;
    }
    *doc = d;
    return 1;
}

const char *ng_input_format(const ng_input *in) { return in->format; }

void ng_input_free(ng_input *in)
{
    if (!in)
        return;
    if (in->free_state)
        in->free_state(in->state);
    free(in->path);
    free(in->data);
    free(in->opt_date);
    free(in);
}
