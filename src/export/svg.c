/* svg.c - the graph rendered in-process through Graphviz's gvc library: SVG and PNG.
 *
 * The graph is the one the DOT exporter writes (ngx_dot_build); it is laid out with dot
 * when small and with sfdp plus prism overlap removal past NGX_DOT_BIG (see
 * export_internal.h for the measurements), once per model (the layout is kept with it,
 * model/memo.h), then rendered with gvRenderData.  PNGs of big graphs are scaled down to
 * at most 100 x 100 inches at 96 dpi.  Graphviz keeps global state: every call of it here
 * is made under one lock (renders from several threads take turns).
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
static pthread_mutex_t gv_mu; /* every Graphviz call of this file (recursive) */

/* Create the process's Graphviz context and its lock. */
static void gvc_init(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&gv_mu, &a);
    pthread_mutexattr_destroy(&a);
    gvc_shared = gvContext();
}

/* The model whose laid-out graph is kept, if any.  Graphviz 2.43 renders through global
 * attribute handles that the last layout set: a kept layout is only usable while no
 * other graph has been laid out since, so at most one is kept in the process, and it is
 * freed before another graph is laid out. */
static const ng_model *laid_owner;

/* Free a laid-out graph kept with a model. */
static void laid_free(void *g)
{
    pthread_mutex_lock(&gv_mu);
    gvFreeLayout(gvc_shared, g);
    agclose(g);
    laid_owner = NULL;
    pthread_mutex_unlock(&gv_mu);
}

/* The model's graph laid out by gvc: the one kept with the model, else built, laid out
 * and kept (freed with the model, when it changes, or before another is laid out). */
static int laid_graph(const ng_model *m, GVC_t *gvc, Agraph_t **out)
{
    Agraph_t *g = laid_owner == m ? ng_model_memo_obj(m) : NULL;
    if (g) {
        *out = g;
        return 0;
    }
    if (laid_owner)
        ng_model_memo_set_obj(laid_owner, NULL, NULL); /* frees it through laid_free */
    int rc = ngx_dot_build(m, &g);
    if (rc)
        return rc;
    size_t size = ng_model_n_entities(m) + ng_model_n_events(m) + ng_model_n_relations(m);
    const char *engine = size > NGX_DOT_BIG ? "sfdp" : "dot";
    if (gvLayout(gvc, g, engine) != 0) {
        agclose(g);
        return ng_error_set(NG_EFORMAT, "gvc: %s layout failed", engine);
    }
    ng_model_memo_set_obj(m, g, laid_free);
    laid_owner = m;
    *out = g;
    return 0;
}

int ngx_render(const ng_model *m, const char *format, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "render: NULL argument");
    Agraph_t *g = NULL;
    char *data = NULL;
    unsigned int len = 0, kept_size = 0;
    pointf size0 = {0, 0};
    double dpi0 = 0;
    int rc;
    pthread_once(&gvc_once, gvc_init);
    GVC_t *gvc = gvc_shared;
    if (!gvc)
        return ng_error_set(NG_ENOMEM, "gvc: cannot create a context");
    pthread_mutex_lock(&gv_mu);
    if ((rc = laid_graph(m, gvc, &g)))
        goto done;
    size_t size = ng_model_n_entities(m) + ng_model_n_events(m) + ng_model_n_relations(m);
    if (strcmp(format, "png") == 0 && size > NGX_DOT_BIG) {
        /* at most 100 x 100 inches at 96 dpi: what the size and dpi attributes would give,
         * set on the laid-out drawing (they are read at layout time) for this rendering */
        size0 = GD_drawing(g)->size;
        dpi0 = GD_drawing(g)->dpi;
        GD_drawing(g)->size.x = GD_drawing(g)->size.y = 100 * 72;
        GD_drawing(g)->dpi = 96;
        kept_size = 1;
    }
    if (gvRenderData(gvc, g, format, &data, &len) != 0 || !data) {
        rc = ng_error_set(NG_EFORMAT, "gvc: cannot render %s (is the Graphviz plugin installed?)", format);
        goto done;
    }
    rc = ng_buf_put(out, data, len);
done:
    if (g && kept_size) {
        GD_drawing(g)->size = size0;
        GD_drawing(g)->dpi = dpi0;
    }
    if (data)
        gvFreeRenderData(data);
    pthread_mutex_unlock(&gv_mu);
    return rc;
}

int ng_export_svg(const ng_model *m, ng_buf *out) { return ngx_render(m, "svg", out); }

int ng_export_png(const ng_model *m, ng_buf *out) { return ngx_render(m, "png", out); }
