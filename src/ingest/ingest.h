/* ingest.h - the document structure shared by the input readers (text, html, feeds,
 * json lines).  Offsets of everything extracted index `text`. */
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
    const char *date_source; /* static string: "option", "header", "meta", "json-ld", "time",
                                "feed", "record" */
    const char *format;      /* static string: "text", "html", "rss", "atom", "jsonl" */
    char *url;         /* link of a feed item / JSON Lines record, or NULL */
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
    /* reader of the next document: 1 with *doc, 0 at the end, or a negative code */
    int (*next)(ng_input *in, ng_document **doc);
    size_t count;        /* documents handed out or failed so far */
};

/* Default cap on one input's size. */
#define NG_DEFAULT_MAX_BYTES ((size_t)256 << 20)

/* Plain-text reader: takes ownership of data[0..len) (malloc'd, NUL-terminated). */
int ng_ingest_text(ng_document *d, char *data, size_t len, const ng_ingest_opts *opts);

/* Open an input over a buffer (copied); @p name is its display path.  Same detection
 * and readers as ng_input_open(); used by the fuzz targets and tests. */
int ng_input_open_buffer(ng_input **out, const char *name, const char *data, size_t len,
                         const ng_ingest_opts *opts);

/* --- detect.c: content sniffing ------------------------------------------------ */

/* Canonical reader name of a --input-format value ("text", "html", "feed", "rss",
 * "atom", "jsonl", "json"), or NULL if unknown. */
const char *ng_input_format_canonical(const char *name);

/* Detect the format of data[0..len): "text", "html", "feed" or "jsonl".  Sets an error
 * and returns NULL for content that no reader accepts (binary data, UTF-16/32, an XML
 * document that is neither a feed nor XHTML). */
const char *ng_detect_format(const char *data, size_t len);

/* Refuse binary data: returns 0, or NG_EFORMAT with a message. */
int ng_check_binary(const char *data, size_t len);

/* Parse a publication date in ISO 8601 (2025-06-03, 2025-06-03T10:00:00Z, 20250603),
 * RFC 822 (Tue, 03 Jun 2025 10:00:00 GMT) or "June 3, 2025" / "3 June 2025" form into
 * out (YYYY-MM-DD, the calendar date as written, no time-zone conversion).
 * Returns 1 if a valid date was found. */
int ng_parse_date(const char *s, char out[11]);

/* Trim a string and collapse its runs of white space to one space, in place (titles,
 * attribute values and feed fields). */
void ng_collapse_space(char *s);

/* A character set other than UTF-8 declared in the first 4 KiB (meta charset, XML
 * encoding) and known to libxml2: copied into name and returned; NULL otherwise. */
const char *ng_declared_charset(const char *s, size_t n, char *name, size_t cap);

/* Length of a UTF-8 BOM at data (0 or 3). */
size_t ng_bom_len(const char *data, size_t len);

/* --- html.c -------------------------------------------------------------------- */

/* Open state for an HTML page (one document). */
int ng_html_open(ng_input *in);

/* Text of an HTML fragment (feed descriptions): tags stripped, paragraphs separated by
 * blank lines, page furniture skipped.  *out malloc'd (may be empty). */
int ng_html_fragment_text(const char *html, size_t len, char **out, size_t *outlen);

/* Text of an already parsed node tree (an Atom xhtml content element); node is an
 * xmlNode*.  Appends to buf (an ng_buf*). */
int ng_html_node_text(void *node, void *buf);

/* --- feed.c, jsonl.c -------------------------------------------------------------- */

int ng_feed_open(ng_input *in);
int ng_jsonl_open(ng_input *in);

/* Make a document named name from text[0..len) (malloc'd, owned on success and on
 * failure), with optional title, date (already validated) and date source, url.  The
 * text goes through the plain-text reader (photo credits, repeated headline); an explicit
 * title and date then replace what that reader found. */
int ng_doc_make(ng_document **out, const char *name, char *text, size_t len, const char *format,
                const char *title, const char *date, const char *date_source, const char *url,
                const ng_ingest_opts *opts);

#endif
