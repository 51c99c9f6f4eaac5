/* svg.c - the graph rendered in-process through Graphviz's gvc library: SVG and PNG.
 *
 * The graph is the one the DOT exporter writes (ngx_dot_build); it is laid out with dot
 * when small and with sfdp plus prism overlap removal past NGX_DOT_BIG (see
 * export_internal.h for the measurements), then rendered with gvRenderData.  PNGs of big
 * graphs are scaled down to at most 100 x 100 inches at 96 dpi.  Graphviz keeps global
 * state: render from one thread at a time.
 *
 * One Graphviz context serves the whole process, created on first use and never freed:
 * Graphviz 2.43's pango text layout caches a pointer to the last font name, which lives
 * in the context, so a second context after gvFreeContext() reads freed memory (seen
 * with AddressSanitizer when one run renders both SVG and HTML). */
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"
#include "../model/memo.h"

static pthread_once_t gvc_once = PTHREAD_ONCE_INIT;
static GVC_t *gvc_shared; /* written once, by gvc_init */

/* Create the process's Graphviz context. */
static void gvc_init(void) { gvc_shared = gvContext(); }

int ngx_render(const ng_model *m, const char *format, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "render: NULL argument");
    Agraph_t *g = NULL;
    GVC_t *gvc = NULL;
    char *data = NULL;
    unsigned int len = 0;
    int laid_out = 0, kept = 0;
    /* the SVG is kept with the model: page.html embeds the same one */
    int memo = strcmp(format, "svg") == 0;
    int rc = memo ? ng_model_memo_get(m, "svg", out, &kept) : 0;
    if (rc || kept)
        return rc;
    rc = ngx_dot_build(m, &g);
    if (rc)
        goto done;
    size_t size = ng_model_n_entities(m) + ng_model_n_events(m) + ng_model_n_relations(m);
    const char *engine = size > NGX_DOT_BIG ? "sfdp" : "dot";
    if (strcmp(format, "png") == 0 && size > NGX_DOT_BIG &&
        (agsafeset(g, "size", "100,100", "") || agsafeset(g, "dpi", "96", ""))) {
        rc = ng_error_set(NG_ENOMEM, "cgraph: cannot set the image size");
        goto done;
    }
    pthread_once(&gvc_once, gvc_init);
    gvc = gvc_shared;
    if (!gvc) {
        rc = ng_error_set(NG_ENOMEM, "gvc: cannot create a context");
        goto done;
    }
    if (gvLayout(gvc, g, engine) != 0) {
        rc = ng_error_set(NG_EFORMAT, "gvc: %s layout failed", engine);
        goto done;
    }
    laid_out = 1;
    if (gvRenderData(gvc, g, format, &data, &len) != 0 || !data) {
        rc = ng_error_set(NG_EFORMAT, "gvc: cannot render %s (is the Graphviz plugin installed?)", format);
        goto done;
    }
    rc = ng_buf_put(out, data, len);
    if (rc == 0 && memo)
        rc = ng_model_memo_put(m, "svg", data, len);
done:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, g);
    if (g)
        agclose(g);
    return rc;
}

int ng_export_svg(const ng_model *m, ng_buf *out) { return ngx_render(m, "svg", out); }

int ng_export_png(const ng_model *m, ng_buf *out) { return ngx_render(m, "png", out); }
