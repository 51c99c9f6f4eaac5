/* html.c - one self-contained HTML page: the timeline and the graph side by side.
 *
 * No network is needed to open it: the CSS is inline, the graph is Graphviz's SVG
 * (rendered in-process as the SVG exporter does) inlined without its XML prolog, and
 * no script, font or image is fetched.  Every piece of model text is HTML-escaped.
 * The left column is the timeline (the items of export_internal.h: dated ones in date
 * order, then undated events), the right one the graph with a legend; the sources are
 * listed at the bottom.  On narrow screens the columns stack. */
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"

static const char page_css[] =
    "*{box-sizing:border-box}"
    "body{margin:0;font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
    "color:#1d2327;background:#f3f5f7}"
    "header{padding:14px 22px;background:#263238;color:#fff}"
    "header h1{margin:0;font-size:21px;font-weight:600}"
    "header p{margin:3px 0 0;color:#cfd8dc}"
    "main{display:flex;gap:16px;padding:16px;align-items:flex-start}"
    "section{background:#fff;border:1px solid #dde3e8;border-radius:8px;overflow:auto;"
    "max-height:calc(100vh - 120px)}"
    "#timeline{flex:0 0 44%}"
    "#graph{flex:1 1 auto;min-width:0;padding:8px}"
    "#graph svg{width:100%;height:auto;display:block}"
    "h2{font-size:15px;margin:0;padding:10px 12px;border-bottom:1px solid #e6eaee;background:#fafbfc}"
    "#graph h2{margin:-8px -8px 8px}"
    "table{border-collapse:collapse;width:100%;table-layout:fixed}"
    "th:nth-child(1){width:8.2em}th:nth-child(2){width:36%}th:nth-child(5){width:8em}"
    "th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eef1f4;vertical-align:top;"
    "overflow-wrap:break-word}"
    "th{position:sticky;top:0;background:#eceff1;font-weight:600;font-size:12px;text-transform:uppercase;"
    "letter-spacing:.03em;color:#455a64}"
    "td.date{white-space:nowrap;font-variant-numeric:tabular-nums;font-weight:600}"
    "td.what span{display:inline-block;margin-right:6px;padding:0 6px;border-radius:8px;font-size:11px;"
    "white-space:nowrap;vertical-align:1px}"
    "tr.event td.what span{background:#FB9A99;color:#5c0a0a}"
    "tr.time td.what span{background:#e3e8ec;color:#37474f}"
    "tr.published td.what span{background:#cfe3f1;color:#0d3c61}"
    "td.src{color:#607d8b;font-size:11px;overflow-wrap:anywhere}"
    "h3{font-size:13px;margin:14px 12px 6px;color:#546e7a}"
    ".legend{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 8px;font-size:12px}"
    ".legend span{display:inline-flex;align-items:center;gap:5px}"
    ".legend i{display:inline-block;width:14px;height:14px;border:1px solid;border-radius:3px}"
    "footer{padding:0 18px 18px;color:#546e7a;font-size:12px}"
    "footer li{margin:2px 0}"
    ".empty{padding:12px;color:#78909c}"
    "@media (max-width:900px){main{flex-direction:column}#timeline{flex:none;width:100%}"
    "section{max-height:none}}";

/* Append model text cleaned of control characters, then HTML-escaped. */
static int put_text(ng_buf *b, ng_buf *tmp, const char *s)
{
    int rc = ngx_reset(tmp);
    if (rc == 0)
        rc = ngx_clean(tmp, s, 0, 0);
    return rc ? rc : ngx_put_html(b, tmp->data);
}

/* One <td> with a class; "–" for an empty cell. */
static int put_cell(ng_buf *b, const char *cls, const char *text)
{
    int rc = ng_buf_printf(b, "<td class=\"%s\">", cls);
    if (rc == 0)
        rc = *text ? ngx_put_html(b, text) : ng_buf_puts(b, "\xE2\x80\x93");
    return rc ? rc : ng_buf_puts(b, "</td>");
}

/* The SOURCE cell: each document by its file name, the full paths in a tooltip. */
static int put_sources(ng_buf *b, const char *paths)
{
    int rc = ng_buf_puts(b, "<td class=\"src\" title=\"");
    if (rc == 0)
        rc = ngx_put_html(b, paths);
    if (rc == 0)
        rc = ng_buf_puts(b, "\">");
    const char *p = paths;
    while (rc == 0 && *p) {
        const char *end = strstr(p, ", "), *stop = end ? end : p + strlen(p), *base = p;
        for (const char *q = p; q < stop; q++)
            if (*q == '/')
                base = q + 1;
        char *name = ng_strndup(base, (size_t)(stop - base));
        if (!name)
            return ng_error_set(NG_ENOMEM, "out of memory");
        rc = ngx_put_html(b, name);
        free(name);
        if (rc == 0 && end)
            rc = ng_buf_puts(b, "<br>");
        p = end ? end + 2 : stop;
    }
    if (rc == 0 && !*paths)
        rc = ng_buf_puts(b, "\xE2\x80\x93");
    return rc ? rc : ng_buf_puts(b, "</td>");
}

/* A timeline table of items [from, to). */
static int put_table(ng_buf *b, const ng_model *m, ngx_items *it, size_t from, size_t to)
{
    const ng_buf *f = it->f;
    int rc = ng_buf_puts(b, "<table><thead><tr><th>Date</th><th>What</th><th>Who</th><th>Where</th>"
                            "<th>Source</th></tr></thead><tbody>\n");
    for (size_t k = from; k < to && rc == 0; k++) {
        const ngx_item *x = &it->v[k];
        const char *kind = ngx_item_kind_name(x->kind);
        if ((rc = ngx_item_fields(m, it, x, 1)))
            break;
        rc = ng_buf_printf(b, "<tr class=\"%s\"", kind);
        if (rc == 0 && it->has_span)
            rc = ng_buf_printf(b, " title=\"d%u, sentence %u, bytes %u-%u\"", it->span.doc + 1, it->span.sent,
                               it->span.start, it->span.end);
        if (rc == 0)
            rc = ng_buf_puts(b, ">");
        if (rc == 0)
            rc = put_cell(b, "date", f[NGX_F_DATE].data);
        if (rc == 0)
            rc = ng_buf_printf(b, "<td class=\"what\"><span>%s</span>", kind);
        if (rc == 0)
            rc = *f[NGX_F_WHAT].data ? ngx_put_html(b, f[NGX_F_WHAT].data) : ng_buf_puts(b, "\xE2\x80\x93");
        if (rc == 0)
            rc = ng_buf_puts(b, "</td>");
        if (rc == 0)
            rc = put_cell(b, "who", f[NGX_F_WHO].data);
        if (rc == 0)
            rc = put_cell(b, "where", f[NGX_F_WHERE].data);
        if (rc == 0)
            rc = put_sources(b, f[NGX_F_SOURCE].data);
        if (rc == 0)
            rc = ng_buf_puts(b, "</tr>\n");
    }
    return rc ? rc : ng_buf_puts(b, "</tbody></table>\n");
}

/* The legend: one swatch per node kind present. */
static int put_legend(ng_buf *b, const ng_model *m)
{
    int present[NGX_KIND_COUNT] = {0};
    for (size_t i = 0; i < ng_model_n_entities(m); i++) {
        int t = (int)ng_model_entity(m, i)->type;
        if (t >= 0 && t < NG_TYPE_COUNT)
            present[t] = 1;
    }
    present[NGX_KIND_EVENT] = ng_model_n_events(m) > 0;
    int rc = ng_buf_puts(b, "<div class=\"legend\">");
    for (int k = 0; k < NGX_KIND_COUNT && rc == 0; k++)
        if (present[k])
            rc = ng_buf_printf(b, "<span><i style=\"background:%s;border-color:%s\"></i>%s</span>", ngx_fill_color(k),
                               ngx_line_color(k), ngx_kind_name(k));
    return rc ? rc : ng_buf_puts(b, "</div>\n");
}

/* The SVG of the graph without what precedes <svg (XML prolog, DOCTYPE, comments). */
static int put_svg(ng_buf *b, const ng_model *m)
{
    ng_buf svg = {0};
    int rc = ngx_render(m, "svg", &svg);
    if (rc == 0) {
        const char *p = svg.data ? strstr(svg.data, "<svg") : NULL;
        rc = p ? ng_buf_put(b, p, svg.len - (size_t)(p - svg.data))
               : ng_error_set(NG_EFORMAT, "Graphviz produced no <svg> element");
    }
    ng_buf_free(&svg);
    return rc;
}

int ng_export_html(const ng_model *m, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "ng_export_html: NULL argument");
    ngx_items it = {0};
    ng_buf tmp = {0};
    size_t nd = ng_model_n_documents(m), ne = ng_model_n_entities(m), nv = ng_model_n_events(m);
    int rc = ngx_items_build(m, &it);
    if (rc)
        goto done;
    char summary[200];
    snprintf(summary, sizeof summary, "%zu document%s, %zu entit%s, %zu event%s, %zu relation%s", nd,
             nd == 1 ? "" : "s", ne, ne == 1 ? "y" : "ies", nv, nv == 1 ? "" : "s", ng_model_n_relations(m),
             ng_model_n_relations(m) == 1 ? "" : "s");
    rc = ng_buf_printf(out,
                       "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"generator\" content=\"newsgraph\">\n"
                       "<title>newsgraph: %s</title>\n<style>%s</style>\n</head>\n<body>\n"
                       "<header><h1>newsgraph</h1><p>%s</p></header>\n<main>\n"
                       "<section id=\"timeline\"><h2>Timeline</h2>\n",
                       summary, page_css, summary);
    if (rc)
        goto done;
    if (it.n_dated)
        rc = put_table(out, m, &it, 0, it.n_dated);
    else
        rc = ng_buf_puts(out, "<p class=\"empty\">No dated item.</p>\n");
    if (rc == 0 && it.n > it.n_dated) {
        rc = ng_buf_printf(out, "<h3>Undated events (%zu)</h3>\n", it.n - it.n_dated);
        if (rc == 0)
            rc = put_table(out, m, &it, it.n_dated, it.n);
    }
    if (rc == 0)
        rc = ng_buf_puts(out, "</section>\n<section id=\"graph\"><h2>Graph</h2>\n");
    if (rc == 0)
        rc = put_legend(out, m);
    if (rc == 0)
        rc = put_svg(out, m);
    if (rc == 0)
        rc = ng_buf_puts(out, "</section>\n</main>\n<footer><h3>Sources</h3><ol>\n");
    for (size_t i = 0; i < nd && rc == 0; i++) {
        const ng_docinfo *d = ng_model_document(m, i);
        rc = ng_buf_printf(out, "<li id=\"d%zu\"><code>", i + 1);
        if (rc == 0)
            rc = put_text(out, &tmp, d->path);
        if (rc == 0)
            rc = ng_buf_puts(out, "</code>");
        if (rc == 0 && d->title) {
            rc = ng_buf_puts(out, " \xE2\x80\x94 ");
            if (rc == 0)
                rc = put_text(out, &tmp, d->title);
        }
        if (rc == 0 && d->date) {
            rc = ng_buf_puts(out, " (");
            if (rc == 0)
                rc = put_text(out, &tmp, d->date);
            if (rc == 0)
                rc = ng_buf_puts(out, ")");
        }
        if (rc == 0)
            rc = ng_buf_puts(out, "</li>\n");
    }
    if (rc == 0)
        rc = ng_buf_puts(out, "</ol></footer>\n</body>\n</html>\n");
done:
    ngx_items_free(&it);
    ng_buf_free(&tmp);
    return rc;
}
