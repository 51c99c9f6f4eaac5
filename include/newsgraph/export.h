/**
 * @file export.h
 * Exporters: each writes the whole model in one format.  Exporters only read the model.
 *
 * ng_export_buffer() gives the caller a malloc'd, NUL-terminated buffer to free();
 * ng_export_file() writes through a temporary file and rename(), so an interrupted
 * run never leaves a half-written file.
 */
#ifndef NEWSGRAPH_EXPORT_H
#define NEWSGRAPH_EXPORT_H

#include <stddef.h>
#include <stdio.h>
#include "newsgraph/model.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats. */
typedef enum {
    NG_FMT_JSON = 0,   /**< the JSON contract (graph.json) */
    NG_FMT_DOT,        /**< Graphviz DOT through cgraph (graph.dot) */
    NG_FMT_GRAPHML,    /**< GraphML 1.1 through libxml2 (graph.graphml) */
    NG_FMT_GEXF,       /**< GEXF 1.3, dynamic, for Gephi's timeline (graph.gexf) */
    NG_FMT_TIMELINE,   /**< text timeline for terminals (timeline.txt) */
    NG_FMT_CSV,        /**< timeline as CSV (timeline.csv) */
    NG_FMT_TIMELINEJS, /**< TimelineJS 3 JSON (timeline.json) */
    NG_FMT_SVG,        /**< the graph rendered by Graphviz in-process (graph.svg) */
    NG_FMT_PNG,        /**< the same as PNG (graph.png) */
    NG_FMT_HTML,       /**< one self-contained page: timeline and graph (page.html) */
    NG_FMT_COUNT
} ng_format;

/** Is the format a rendering (svg, png, html), which costs a Graphviz layout? */
int ng_format_is_rendering(ng_format f);

/** Parse a format name ("json", "dot", "graphml", "gexf", "timeline", "csv", "timelinejs",
 *  "svg", "png", "html"); -1 if unknown. */
int ng_format_from_name(const char *name);
const char *ng_format_name(ng_format f);
/** File name used by `-o DIR` for a format ("graph.json", ...). */
const char *ng_format_filename(ng_format f);

/** Render the model; *out is malloc'd (caller frees), *len its length. */
int ng_export_buffer(const ng_model *m, ng_format f, char **out, size_t *len);

/** Render the model into @p path atomically.  The output goes to the temporary file as it
 *  is made (held in memory one MiB at a time, never whole). */
int ng_export_file(const ng_model *m, ng_format f, const char *path);

/** Render the model into an open stream (standard output, a pipe) as it is made, and
 *  flush it.  On failure part of the output may already be written: use ng_export_file()
 *  for a file that must be whole or absent.  Returns 0, NG_EINVAL, NG_EIO or NG_ENOMEM. */
int ng_export_stream(const ng_model *m, ng_format f, FILE *fp);

/** The same, with up to @p jobs threads where the format allows it (the JSON contract is
 *  rendered in chunks by @p jobs threads and written in order: the same bytes, in memory
 *  bounded by a few chunks per thread).  @p jobs < 2 is ng_export_stream(). */
int ng_export_stream_jobs(const ng_model *m, ng_format f, FILE *fp, int jobs);

#ifdef __cplusplus
}
#endif
#endif
