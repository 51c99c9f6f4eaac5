/* Unit tests: a document's result as a JSON line and back (src/extract/result_json.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "newsgraph/newsgraph.h"
#include "extract/result.h"

static ng_resources *res;

static int setup(void **state)
{
    ng_resource_opts o = {NG_SOURCE_DIR "/data", "none", NULL};
    return ng_resources_new(&res, &o);
}

static int teardown(void **state)
{
    ng_resources_free(res);
    return 0;
}

static void test_round_trip(void **state)
{
    const char *text = "date 2024-03-05\nTalks in Lisbon\n\nPortuguese Prime Minister Rui Alvim met "
                       "officials of the Ministry of Finance in Lisbon on Monday. Alvim said the deal "
                       "\"is close\".\n";
    ng_document *d;
    ng_doc_result *r, *back;
    assert_int_equal(ng_document_new_from_buffer(&d, "x.txt", text, strlen(text), NULL), 0);
    assert_int_equal(ng_extract(&r, res, d), 0);
    assert_true(r->mentions.n >= 3);
    char *line, *line2;
    assert_int_equal(ng_doc_result_to_json(r, &line), 0);
    assert_null(strchr(line, '\n'));
    assert_int_equal(ng_doc_result_from_json(&back, line, strlen(line)), 0);
    assert_int_equal(back->mentions.n, r->mentions.n);
    for (size_t i = 0; i < r->mentions.n; i++) {
        assert_string_equal(back->mentions.v[i].canon, r->mentions.v[i].canon);
        assert_true(back->mentions.v[i].conf == r->mentions.v[i].conf); /* exact, not rounded */
        assert_int_equal(back->mentions.v[i].start, r->mentions.v[i].start);
    }
    assert_int_equal(back->roles.n, r->roles.n);
    assert_int_equal(back->events.n, r->events.n);
    assert_string_equal(back->date, "2024-03-05");
    assert_int_equal(ng_doc_result_to_json(back, &line2), 0);
    assert_string_equal(line, line2);
    free(line);
    free(line2);
    ng_doc_result_free(back);
    ng_doc_result_free(r);
    ng_document_free(d);
}

static void test_rejects_bad_lines(void **state)
{
    ng_doc_result *r = (ng_doc_result *)1;
    const char *bad[] = {
        "", "not json", "{}", "{\"newsgraph_result\":99}",
        /* a role pointing at a mention that does not exist */
        "{\"newsgraph_result\":1,\"mentions\":[],\"timexes\":[],\"roles\":[[5,\"x\",-1,null,0,0,0,1]],\"events\":[]}",
        /* an entity type out of range */
        "{\"newsgraph_result\":1,\"mentions\":[[0,0,1,0,1,9,0.5,\"a\",\"a\"]],\"timexes\":[],\"roles\":[],\"events\":[]}",
        /* an event whose place index is out of range */
        "{\"newsgraph_result\":1,\"mentions\":[],\"timexes\":[],\"roles\":[],\"events\":[[\"talks\",\"t\",0,0,1,-1,3,[]]]}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(ng_doc_result_from_json(&r, bad[i], strlen(bad[i])), NG_EFORMAT);
        assert_null(r);
        assert_true(strlen(ng_error_last()) > 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_rejects_bad_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
