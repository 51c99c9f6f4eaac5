/* fuzz_export.c - libFuzzer target: the whole pipeline on one input (format detected),
 * then every exporter through ng_export_buffer().  The JSON outputs must parse and the
 * XML ones (GraphML, GEXF, SVG) must be well-formed; anything else aborts. */
#include <stdio.h>
#include <jansson.h>
#include <libxml/parser.h>
#include "fuzz_common.h"

#ifndef NG_SOURCE_DIR
#define NG_SOURCE_DIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ng_resources *g_res; /* loaded once, read-only afterwards */

/* LeakSanitizer: Graphviz's renderer and fontconfig keep caches for the life of the
 * process (the same suppressions as tests/unit/test_export_render.c). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\nleak:libgvc.so\nleak:libgvplugin_\nleak:libpango\nleak:libcairo\n";
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ng_resource_opts ro = {NG_SOURCE_DIR "/data", NG_SOURCE_DIR "/models/ner.model", NULL, 0};
    if (ng_resources_new(&g_res, &ro)) {
        ng_resource_opts rules = {NG_SOURCE_DIR "/data", "none", NULL, 0};
        if (ng_resources_new(&g_res, &rules)) {
            fprintf(stderr, "fuzz_export: cannot load resources: %s\n", ng_error_last());
            abort();
        }
    }
    xmlInitParser();
    return 0;
}

/* A silent libxml2 error handler. */
static void quiet(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g_res)
        LLVMFuzzerInitialize(NULL, NULL);
    ng_ingest_opts o = {"2025-01-15", 1 << 20, NULL};
    ng_input *in = NULL;
    ng_model *m = NULL;
    if (ng_model_new(&m, NULL))
        abort();
    if (!ng_input_open_buffer(&in, "fuzz", (const char *)data, size, &o)) {
        for (;;) {
            ng_document *d = NULL;
            int r = ng_input_next(in, &d);
            if (r == 0)
                break;
            if (r < 0)
                continue;
            ng_doc_result *res = NULL;
            if (ng_extract(&res, g_res, d) == 0 && ng_model_add(m, res) != 0)
                abort();
            ng_doc_result_free(res);
            ng_document_free(d);
        }
        ng_input_free(in);
    }
    if (ng_model_finish(m))
        abort();
    for (int f = 0; f < NG_FMT_COUNT; f++) {
        char *out = NULL;
        size_t len = 0;
        if (ng_export_buffer(m, (ng_format)f, &out, &len) || !out)
            abort();
        if (f != NG_FMT_PNG && strlen(out) != len) /* text formats hold no NUL byte */
            abort();
        if (f == NG_FMT_JSON || f == NG_FMT_TIMELINEJS) {
            json_t *j = json_loadb(out, len, 0, NULL);
            if (!j)
                abort();
            json_decref(j);
        } else if (f == NG_FMT_GRAPHML || f == NG_FMT_GEXF || f == NG_FMT_SVG) {
            xmlSetGenericErrorFunc(NULL, quiet);
            xmlDocPtr x = xmlReadMemory(out, (int)len, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                                 XML_PARSE_NOWARNING);
            if (!x)
                abort();
            xmlFreeDoc(x);
        }
        free(out);
    }
    ng_model_free(m);
    return 0;
}
