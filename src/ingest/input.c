/* input.c - inputs that yield documents: read once (size-capped), refuse empty and
 * binary data, detect the format (or take the forced one), then hand out documents one
 * by one through the format's reader (text and HTML: one; feeds, JSON Lines: many). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <libxml/parser.h>
#include "ingest.h"
#include "../util/util.h"

/* Plain text: the whole input is one document. */
static int text_next(ng_input *in, ng_document **doc)
{
    in->done = 1;
    char *data = in->data;
    in->data = NULL;
    int rc = ng_doc_make(doc, in->path, data, in->len, "text", NULL, NULL, NULL, NULL, &in->opts);
    return rc ? rc : 1;
}

/* Whether data[0..len) holds only white space (ASCII, NBSP, a BOM). */
static int only_space(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
            continue;
        if (c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBB && (unsigned char)s[i + 2] == 0xBF) {
            i += 2;
            continue;
        }
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            i++;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Common part of the two openers: in->data/len are set; check, detect, set up the reader. */
static int input_setup(ng_input *in)
{
    if (in->len == 0)
        return ng_error_set(NG_EEMPTY, "empty input");
    int rc = ng_check_binary(in->data, in->len);
    if (rc)
        return rc;
    if (only_space(in->data, in->len))
        return ng_error_set(NG_EEMPTY, "no text (only white space)");
    const char *fmt = NULL;
    if (in->opts.format) {
        if (!(fmt = ng_input_format_canonical(in->opts.format)))
            return ng_error_set(NG_EINVAL, "unknown input format '%s' (text, html, feed, jsonl)", in->opts.format);
    } else if (!(fmt = ng_detect_format(in->data, in->len))) {
        return NG_EFORMAT;
    }
    in->format = fmt;
    if (strcmp(fmt, "html") == 0)
        return ng_html_open(in);
    if (strcmp(fmt, "feed") == 0)
        return ng_feed_open(in);
    if (strcmp(fmt, "jsonl") == 0)
        return ng_jsonl_open(in);
    in->next = text_next;
    return 0;
}

/* A new input named path with a copy of opts. */
static ng_input *input_new(const char *path, const ng_ingest_opts *opts)
{
    ng_input *in = calloc(1, sizeof *in);
    if (!in || !(in->path = ng_strdup(path))) {
        free(in);
        return NULL;
    }
    if (opts)
        in->opts = *opts;
    if (opts && opts->date && !(in->opt_date = ng_strdup(opts->date))) {
        ng_input_free(in);
        return NULL;
    }
    in->opts.date = in->opt_date;
    in->opts.format = NULL;
    if (opts && opts->format && !(in->opts.format = ng_input_format_canonical(opts->format)))
        in->opts.format = opts->format; /* reported by input_setup */
    in->format = "text";
    return in;
}

int ng_input_open(ng_input **out, const char *path, const ng_ingest_opts *opts)
{
    *out = NULL;
    xmlInitParser();
    ng_input *in = input_new(path, opts);
    if (!in)
        return ng_error_set(NG_ENOMEM, "out of memory");
    size_t max = in->opts.max_bytes ? in->opts.max_bytes : NG_DEFAULT_MAX_BYTES;
    int rc;
    struct stat st;
    if (strcmp(path, "-") == 0)
        rc = ng_read_stream(stdin, max, &in->data, &in->len);
    else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        rc = ng_error_set(NG_EIO, "is a directory");
    else
        rc = ng_read_file(path, max, &in->data, &in->len);
    if (!rc)
        rc = input_setup(in);
    if (rc) {
        ng_input_free(in);
        return rc;
    }
    *out = in;
    return 0;
}

int ng_input_open_buffer(ng_input **out, const char *name, const char *data, size_t len,
                         const ng_ingest_opts *opts)
{
    *out = NULL;
    xmlInitParser();
    ng_input *in = input_new(name ? name : "-", opts);
    if (!in)
        return ng_error_set(NG_ENOMEM, "out of memory");
    size_t max = in->opts.max_bytes ? in->opts.max_bytes : NG_DEFAULT_MAX_BYTES;
    int rc;
    if (len > max)
        rc = ng_error_set(NG_ETOOBIG, "larger than the input cap of %zu bytes", max);
    else if (!(in->data = ng_strndup(data ? data : "", len)))
        rc = ng_error_set(NG_ENOMEM, "out of memory");
    else {
        in->len = len;
        rc = input_setup(in);
    }
    if (rc) {
        ng_input_free(in);
        return rc;
    }
    *out = in;
    return 0;
}

int ng_input_next(ng_input *in, ng_document **doc)
{
    *doc = NULL;
    if (in->done || !in->next)
        return 0;
    int rc = in->next(in, doc);
    in->count++;
    if (rc < 0 && in->format && (strcmp(in->format, "text") == 0 || strcmp(in->format, "html") == 0))
        in->done = 1;
    return rc;
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
