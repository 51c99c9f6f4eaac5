/* jsonl.c - JSON Lines for pipelines: one {"text", "date", "url", "title"} object per
 * line, each a document named "FILE#LINE".  A JSON array of such objects, or a single
 * (possibly pretty-printed) object, is read too: documents "FILE#N", N from 1.
 * A bad line is reported ("line N: reason") and the following lines are still read. */
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>
#include "ingest.h"
#include "../text/text.h"
#include "../util/util.h"

typedef struct {
    json_t *all;  /* whole-input value (array or single object), or NULL: line mode */
    size_t index; /* next record of `all` */
    size_t line;  /* line number of the line at in->pos (line mode) */
} jsonl_state;

/* Free the reader state. */
static void jsonl_free(void *p)
{
    jsonl_state *st = p;
    if (!st)
        return;
    json_decref(st->all);
    free(st);
}

/* Optional string field: 0 and *out (NULL if absent or null), or an error. */
static int opt_string(json_t *rec, const char *key, const char *where, const char **out)
{
    json_t *v = json_object_get(rec, key);
    *out = NULL;
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return ng_error_set(NG_EFORMAT, "%s: \"%s\" is not a string", where, key);
    *out = json_string_value(v);
    return 0;
}

/* Make a document from one record; where names it in messages ("line 3"). */
static int record_doc(ng_input *in, json_t *rec, const char *where, size_t num, ng_document **doc)
{
    if (!json_is_object(rec))
        return ng_error_set(NG_EFORMAT, "%s: not a JSON object", where);
    json_t *tv = json_object_get(rec, "text");
    if (!tv || json_is_null(tv))
        return ng_error_set(NG_EFORMAT, "%s: no \"text\" field", where);
    if (!json_is_string(tv))
        return ng_error_set(NG_EFORMAT, "%s: \"text\" is not a string", where);
    const char *title, *url, *date_s;
    int rc;
    if ((rc = opt_string(rec, "title", where, &title)) || (rc = opt_string(rec, "url", where, &url)) ||
        (rc = opt_string(rec, "date", where, &date_s)))
        return rc;
    char date[11];
    if (date_s && !ng_parse_date(date_s, date))
        return ng_error_set(NG_EFORMAT, "%s: \"date\" is not a date (want YYYY-MM-DD)", where);
    size_t len = json_string_length(tv);
    const char *s = json_string_value(tv);
    size_t k = 0;
    while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
        k++;
    if (k == len)
        return ng_error_set(NG_EEMPTY, "%s: empty \"text\"", where);
    char *text = malloc(len + 1), *name = malloc(strlen(in->path) + 24);
    if (!text || !name) {
        free(text);
        free(name);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    memcpy(text, s, len);
    text[len] = '\0';
    ng_utf8_sanitize(text, len); /* "\u0000" and other controls become spaces */
    snprintf(name, strlen(in->path) + 24, "%s#%zu", in->path, num);
    rc = ng_doc_make(doc, name, text, len, "jsonl", title, date_s ? date : NULL, "record", url, &in->opts);
    free(name);
    return rc;
}

/* jansson's message without the " near '...'" part that quotes the input. */
static void json_reason(const json_error_t *e, char *out, size_t cap)
{
    snprintf(out, cap, "%s", e->text);
    char *near = strstr(out, " near ");
    if (near)
        *near = '\0';
}

/* The next record (array or object mode) or the next non-blank line. */
static int jsonl_next(ng_input *in, ng_document **doc)
{
    jsonl_state *st = in->state;
    char where[64];
    int rc;
    if (st->all) {
        size_t n = json_is_array(st->all) ? json_array_size(st->all) : 1;
        if (st->index >= n) {
            in->done = 1;
            return 0;
        }
        size_t i = st->index++;
        json_t *rec = json_is_array(st->all) ? json_array_get(st->all, i) : st->all;
        snprintf(where, sizeof where, "record %zu", i + 1);
        rc = record_doc(in, rec, where, i + 1, doc);
        return rc ? rc : 1;
    }
    /* line mode: skip blank lines */
    for (;;) {
        if (in->pos >= in->len) {
            in->done = 1;
            return 0;
        }
        const char *p = in->data + in->pos;
        const char *nl = memchr(p, '\n', in->len - in->pos);
        size_t n = nl ? (size_t)(nl - p) : in->len - in->pos;
        size_t line = ++st->line;
        in->pos += n + (nl ? 1 : 0);
        size_t b = 0;
        while (b < n && (p[b] == ' ' || p[b] == '\t' || p[b] == '\r'))
            b++;
        if (b == n)
            continue;
        snprintf(where, sizeof where, "line %zu", line);
        json_error_t err;
        json_t *rec = json_loadb(p, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
        if (!rec) {
            char reason[160];
            json_reason(&err, reason, sizeof reason);
            return ng_error_set(NG_EFORMAT, "%s: invalid JSON: %s", where, reason);
        }
        rc = record_doc(in, rec, where, line, doc);
        json_decref(rec);
        return rc ? rc : 1;
    }
}

int ng_jsonl_open(ng_input *in)
{
    jsonl_state *st = calloc(1, sizeof *st);
    if (!st)
        return ng_error_set(NG_ENOMEM, "out of memory");
    in->state = st;
    in->free_state = jsonl_free;
    in->next = jsonl_next;
    in->format = "jsonl";
    ng_utf8_sanitize(in->data, in->len);
    /* a JSON array of records or one multi-line object; otherwise one record a line */
    size_t i = ng_bom_len(in->data, in->len);
    if (i)
        memset(in->data, ' ', i);
    while (i < in->len && (in->data[i] == ' ' || in->data[i] == '\t' || in->data[i] == '\n' || in->data[i] == '\r'))
        i++;
    if (i < in->len && in->data[i] == '[') {
        json_error_t err;
        json_t *all = json_loadb(in->data, in->len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
        if (!all) {
            char reason[160];
            json_reason(&err, reason, sizeof reason);
            return ng_error_set(NG_EFORMAT, "invalid JSON: %s (line %d)", reason, err.line);
        }
        st->all = all;
        if (json_array_size(all) == 0)
            return ng_error_set(NG_EEMPTY, "no records (empty JSON array)");
        return 0;
    }
    const char *nl = i < in->len ? memchr(in->data + i, '\n', in->len - i) : NULL;
    json_t *first = nl ? json_loadb(in->data + i, (size_t)(nl - (in->data + i)), JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL)
                       : NULL;
    if (first) {
        json_decref(first); /* one record a line */
        return 0;
    }
    /* one (multi-line) object: read it whole; otherwise line by line, reporting bad lines */
    json_t *all = json_loadb(in->data, in->len, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL);
    if (all && json_is_object(all))
        st->all = all;
    else
        json_decref(all);
    return 0;
}
