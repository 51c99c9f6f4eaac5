/**
 * @file document.h
 * Ingest: one input (file, buffer, standard input) becomes one or more documents.
 *
 * Ownership: ng_document_* constructors give the caller a document it frees with
 * ng_document_free().  Strings returned by accessors are owned by the document.
 * The analysis text is what byte offsets index: for a plain-text file, the file's
 * own bytes (invalid UTF-8 bytes shown as '?', non-article regions such as a date
 * header, navigation rows and photo credits blanked with spaces, so offsets never move).
 */
#ifndef NEWSGRAPH_DOCUMENT_H
#define NEWSGRAPH_DOCUMENT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ng_document ng_document;

/** Ingest options. */
typedef struct {
    const char *date;   /**< publication date (YYYY-MM-DD) for inputs that carry none, or NULL */
    size_t max_bytes;   /**< refuse inputs larger than this (0: default 256 MiB) */
    const char *format; /**< force an input format ("text", "html", "feed", "jsonl"), or NULL to detect */
} ng_ingest_opts;

/** Read the file at @p path (or standard input for "-") into a new document (the format is
 *  detected as by ng_input_open(); of a feed or JSON Lines, the first document). */
int ng_document_new_from_file(ng_document **out, const char *path, const ng_ingest_opts *opts);

/** Make a document from a buffer (copied, read as ng_document_new_from_file() reads a file);
 *  @p name is its display path. */
int ng_document_new_from_buffer(ng_document **out, const char *name, const char *data, size_t len,
                                const ng_ingest_opts *opts);

void ng_document_free(ng_document *d);

const char *ng_document_path(const ng_document *d);
/** The analysis text (NUL-terminated) and its length in bytes. */
const char *ng_document_text(const ng_document *d, size_t *len);
/** Publication date YYYY-MM-DD, or NULL. */
const char *ng_document_date(const ng_document *d);
/** Where the date came from: "option", "header" (text), "meta", "json-ld", "time" (HTML),
 *  "feed" (RSS/Atom item), "record" (JSON Lines), or NULL. */
const char *ng_document_date_source(const ng_document *d);
/** Title (headline), or NULL. */
const char *ng_document_title(const ng_document *d);
/** Input format: "text", "html", "rss", "atom" or "jsonl".  For HTML, feeds and JSON Lines
 *  the analysis text is the extracted text (docs/inputs.md), not the file's bytes. */
const char *ng_document_format(const ng_document *d);
/** Link of the document (a feed item's link, a JSON Lines record's "url"), or NULL. */
const char *ng_document_url(const ng_document *d);

/** An input: one file (or standard input) that holds one document (text, HTML) or
 *  many (an RSS/Atom feed, JSON Lines).  The format is detected from the content
 *  unless ng_ingest_opts.format forces it. */
typedef struct ng_input ng_input;

/** Open (and read, capped by max_bytes) the input at @p path ("-": standard input). */
int ng_input_open(ng_input **out, const char *path, const ng_ingest_opts *opts);

/** Next document of the input: returns 1 and sets *doc (owned by the caller), 0 at the
 *  end, or a negative code (the message names the problem; further calls may still
 *  return later documents of a multi-document input). */
int ng_input_next(ng_input *in, ng_document **doc);

/** The detected format of the input ("text", "html", "rss", "atom", "jsonl"). */
const char *ng_input_format(const ng_input *in);

void ng_input_free(ng_input *in);

/** Check a YYYY-MM-DD date (a real calendar day).  Returns 1 if valid. */
int ng_date_valid(const char *s);

#ifdef __cplusplus
}
#endif
#endif
