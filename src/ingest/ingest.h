/* ingest.h - the document structure shared by the input readers (text, and later
 * html, feeds, json lines).  Offsets of everything extracted index `text`. */
#ifndef NG_INGEST_H
#define NG_INGEST_H

#include <stddef.h>
#include "newsgraph/document.h"

struct ng_document {
    char *path;        /* display path */
    char *text;        /* analysis text, NUL-terminated, non-article regions blanked */
    size_t len;
    char *title;       /* or NULL */
    char *date;        /* YYYY-MM-DD or NULL */
    const char *date_source; /* static string: "option", "header", ... */
    const char *format;      /* static string: "text", ... */
};

struct ng_input {
    char *path;
    char *data;          /* the whole input, NUL-terminated (owned until handed to a document) */
    size_t len;
    const char *format;  /* detected or forced format */
    ng_ingest_opts opts;
    char *opt_date;      /* copy of opts.date */
    size_t pos;          /* reader state for multi-document inputs */
    int done;
    void *state;         /* format-specific state */
    void (*free_state)(void *);
};

/* Default cap on one input's size. */
#define NG_DEFAULT_MAX_BYTES ((size_t)256 << 20)

/* Plain-text reader: takes ownership of data[0..len) (malloc'd, NUL-terminated). */
int ng_ingest_text(ng_document *d, char *data, size_t len, const ng_ingest_opts *opts);

#endif
