/* export.c - format names and dispatch to the exporters; atomic file output. */
#include <stdio.h>
#include <stdlib.h>
#include "newsgraph/newsgraph.h"
#include "exporters.h"

static const struct {
    const char *name, *file;
    /* appends the format to a buffer; it never reads back what it appended, so with a
     * sink behind the buffer the output reaches the file as it is made */
    int (*fn)(const ng_model *, ng_buf *);
} FORMATS[NG_FMT_COUNT] = {
    [NG_FMT_JSON] = {"json", "graph.json", ng_export_json},
    [NG_FMT_DOT] = {"dot", "graph.dot", ng_export_dot},
    [NG_FMT_GRAPHML] = {"graphml", "graph.graphml", ng_export_graphml},
    [NG_FMT_GEXF] = {"gexf", "graph.gexf", ng_export_gexf},
    [NG_FMT_TIMELINE] = {"timeline", "timeline.txt", ng_export_timeline},
    [NG_FMT_CSV] = {"csv", "timeline.csv", ng_export_csv},
    [NG_FMT_TIMELINEJS] = {"timelinejs", "timeline.json", ng_export_timelinejs},
    [NG_FMT_SVG] = {"svg", "graph.svg", ng_export_svg},
    [NG_FMT_PNG] = {"png", "graph.png", ng_export_png},
    [NG_FMT_HTML] = {"html", "page.html", ng_export_html},
};

int ng_format_is_rendering(ng_format f) { return f == NG_FMT_SVG || f == NG_FMT_PNG || f == NG_FMT_HTML; }

int ng_format_from_name(const char *name)
{
    for (int i = 0; i < NG_FMT_COUNT; i++)
        if (strcmp(FORMATS[i].name, name) == 0)
            return i;
    return -1;
}

const char *ng_format_name(ng_format f) { return f < NG_FMT_COUNT ? FORMATS[f].name : NULL; }
const char *ng_format_filename(ng_format f) { return f < NG_FMT_COUNT ? FORMATS[f].file : NULL; }

int ng_export_buffer(const ng_model *m, ng_format f, char **out, size_t *len)
{
    *out = NULL;
    if ((unsigned)f >= NG_FMT_COUNT)
        return ng_error_set(NG_EINVAL, "unknown output format");
    ng_buf b = {0};
    int rc = FORMATS[f].fn(m, &b);
    if (rc) {
        ng_buf_free(&b);
        return rc;
    }
    if (len)
        *len = b.len;
    *out = ng_buf_detach(&b);
    return 0;
}

/* Export into an open stream through a buffer that is flushed to it every MiB (the JSON
 * contract rendered by `jobs` threads). */
static int export_to(const ng_model *m, ng_format f, FILE *fp, int jobs)
{
    ng_buf b = {0};
    b.sink = fp;
    int rc = f == NG_FMT_JSON && jobs > 1 ? ng_export_json_jobs(m, &b, jobs, 0) : FORMATS[f].fn(m, &b);
    if (!rc)
        rc = ng_buf_flush(&b);
    ng_buf_free(&b);
    return rc;
}

int ng_export_stream(const ng_model *m, ng_format f, FILE *fp) { return ng_export_stream_jobs(m, f, fp, 1); }

int ng_export_stream_jobs(const ng_model *m, ng_format f, FILE *fp, int jobs)
{
    if ((unsigned)f >= NG_FMT_COUNT || !fp)
        return ng_error_set(NG_EINVAL, (unsigned)f >= NG_FMT_COUNT ? "unknown output format" : "no stream");
    int rc = export_to(m, f, fp, jobs);
    if (!rc && fflush(fp) != 0)
        rc = ng_error_set(NG_EIO, "write error");
    return rc;
}

int ng_export_file(const ng_model *m, ng_format f, const char *path)
{
    if ((unsigned)f >= NG_FMT_COUNT)
        return ng_error_set(NG_EINVAL, "unknown output format");
    /* written as it is made, through a temporary renamed at the end */
    void *fp;
    char *tmp;
    int rc = ng_atomic_open(path, &fp, &tmp);
    if (rc)
        return rc;
    if ((rc = export_to(m, f, fp, 1))) {
        ng_atomic_abort(fp, tmp);
        return rc;
    }
    return ng_atomic_commit(fp, tmp, path);
}

const char *ng_version(void) { return NG_VERSION; }
