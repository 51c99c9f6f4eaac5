/* rules_fixture.h - shared by the extractor unit tests: resources with the project's
 * lexicons and no tagger model (rule-based names, so results do not move when the model
 * is retrained), and a helper that extracts one made-up text.  Include after cmocka.h. */
#ifndef NG_RULES_FIXTURE_H
#define NG_RULES_FIXTURE_H

#include <string.h>
#include "newsgraph/newsgraph.h"
#include "extract/extract_internal.h"

static ng_resources *res;

static int setup(void **state)
{
    (void)state;
    ng_resource_opts o = {NG_SOURCE_DIR "/data", "none", NULL, 0};
    return ng_resources_new(&res, &o);
}

static int teardown(void **state)
{
    (void)state;
    ng_resources_free(res);
    return 0;
}

/* Extract `text` as a document named t.txt; the caller frees the result. */
static ng_doc_result *run(const char *text)
{
    ng_document *d;
    ng_doc_result *r;
    assert_int_equal(ng_document_new_from_buffer(&d, "t.txt", text, strlen(text), NULL), 0);
    assert_int_equal(ng_extract(&r, res, d), 0);
    ng_document_free(d);
    return r;
}

#endif
