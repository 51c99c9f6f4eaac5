/* exporters.h - one function per output format, called by export.c's dispatch.
 *
 * Each exporter reads the finished model only through the accessors of
 * newsgraph/model.h and appends its whole output to @p out.  They return 0 or a
 * negative NG_E* code with ng_error_set(); on failure @p out may hold a partial
 * output, which the caller discards.  None of them knows another. */
#ifndef NG_EXPORTERS_H
#define NG_EXPORTERS_H

#include "newsgraph/model.h"
#include "../util/util.h"

/* DOT through Graphviz cgraph (agopen/agattr/agnode/agedge/agwrite). */
int ng_export_dot(const ng_model *m, ng_buf *out);
/* DOT of a large graph, written in pieces of @p piece nodes or edges (0: the default), each
 * a cgraph graph of its own (ng_export_dot does this past 100,000 nodes + edges). */
int ngx_dot_pieces(const ng_model *m, ng_buf *out, size_t piece);
/* GraphML through libxml2's xmlTextWriter; valid against the GraphML 1.1 schema. */
int ng_export_graphml(const ng_model *m, ng_buf *out);
/* Plain-text timeline for terminals: dated items in date order, undated events after. */
int ng_export_timeline(const ng_model *m, ng_buf *out);
/* GEXF 1.3 through libxml2, mode="dynamic" timeformat="date" (nodes and edges live from
 * the first to the last date they are seen). */
int ng_export_gexf(const ng_model *m, ng_buf *out);
/* TimelineJS 3 JSON: one slide per dated item, numeric date parts, HTML-escaped text. */
int ng_export_timelinejs(const ng_model *m, ng_buf *out);
/* CSV (RFC 4180) of the timeline items, dated and undated, with provenance columns. */
int ng_export_csv(const ng_model *m, ng_buf *out);
/* The graph rendered in-process by Graphviz (dot when small, sfdp past NGX_DOT_BIG). */
int ng_export_svg(const ng_model *m, ng_buf *out);
int ng_export_png(const ng_model *m, ng_buf *out);
/* One self-contained HTML page: the timeline and the graph's SVG side by side. */
int ng_export_html(const ng_model *m, ng_buf *out);

/* xmlout.c: a libxml2 xmlTextWriter (indenting with two spaces) appending to @p out as it
 * writes; *writer is an xmlTextWriterPtr.  ngx_xml_writer_close() flushes and frees it. */
int ngx_xml_writer(ng_buf *out, void **writer);
int ngx_xml_writer_close(void *writer);
/* 0 when an xmlTextWriter call returned >= 0; else the error of the output buffer (NG_ETOOBIG,
 * NG_EIO) or NG_ENOMEM, with its message set. */
int ngx_xw(int r);
/* The XML declaration and the root element <root xmlns="ns" [extra_attr="extra_ns"]
 * xmlns:xsi=... xsi:schemaLocation="schema_location">, left open (GraphML, GEXF). */
int ngx_xml_root(void *writer, const char *root, const char *ns, const char *extra_attr, const char *extra_ns,
                 const char *schema_location);

/* The JSON document of the contract (eval/README.md), written straight into @p out. */
int ng_export_json(const ng_model *m, ng_buf *out);
/* The same bytes, rendered by @p jobs threads in chunks of about @p chunk member lines
 * (0: the default, a few hundred KiB) written in order by the caller (ng_export_json
 * itself when jobs < 2). */
int ng_export_json_jobs(const ng_model *m, ng_buf *out, int jobs, size_t chunk);

#endif
