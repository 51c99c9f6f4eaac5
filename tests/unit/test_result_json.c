/* Unit tests: a document's result as a JSON line and back (src/extract/result_json.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <math.h>
#include <jansson.h>
#include "newsgraph/newsgraph.h"
#include "extract/result.h"

static ng_resources *res;

#define NG_RESULT_FORMAT 1
#define SET(obj, key, val)                                                                                         \
    do {                                                                                                           \
        if (json_object_set_new((obj), (key), (val)))                                                              \
            goto fail;                                                                                             \
    } while (0)
#define APPEND(arr, val)                                                                                           \
    do {                                                                                                           \
        if (json_array_append_new((arr), (val)))                                                                   \
            goto fail;                                                                                             \
    } while (0)

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

/* The serializer as it was, on jansson: the writer must give the same bytes. */
static int jansson_to_json(const ng_doc_result *r, char **out)
{
    *out = NULL;
    json_t *o = json_object(), *ms = json_array(), *tx = json_array(), *ro = json_array(), *ev = json_array();
    if (!o || !ms || !tx || !ro || !ev) {
        json_decref(ms);
        json_decref(tx);
        json_decref(ro);
        json_decref(ev);
        json_decref(o);
        return NG_ENOMEM;
    }
    SET(o, "newsgraph_result", json_integer(NG_RESULT_FORMAT));
    SET(o, "path", str_or_null(r->path));
    SET(o, "title", str_or_null(r->title));
    SET(o, "date", str_or_null(r->date));
    SET(o, "date_source", str_or_null(r->date_source));
    SET(o, "format", str_or_null(r->format));
    SET(o, "sentences", json_integer(r->nsents));
    SET(o, "mentions", ms);
    SET(o, "timexes", tx);
    SET(o, "roles", ro);
    SET(o, "events", ev);
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *m = &r->mentions.v[i];
        json_t *a = json_pack("[IIIIIIfss]", (json_int_t)m->sent, (json_int_t)m->start, (json_int_t)m->end,
                              (json_int_t)m->tok_begin, (json_int_t)m->tok_end, (json_int_t)m->type,
                              (double)m->conf, m->text, m->canon);
        if (!a)
            goto fail;
        APPEND(ms, a);
    }
    for (size_t i = 0; i < r->timexes.n; i++) {
        const ng_timex_m *t = &r->timexes.v[i];
        json_t *a = json_pack("[IIIsss]", (json_int_t)t->sent, (json_int_t)t->start, (json_int_t)t->end, t->text,
                              t->type, t->value);
        if (!a)
            goto fail;
        APPEND(tx, a);
    }
    for (size_t i = 0; i < r->roles.n; i++) {
        const ng_role_m *x = &r->roles.v[i];
        json_t *a = json_pack("[IsIoIIII]", (json_int_t)x->person, x->title, (json_int_t)x->of,
                              str_or_null(x->of_name), (json_int_t)x->of_type, (json_int_t)x->sent,
                              (json_int_t)x->start, (json_int_t)x->end);
        if (!a)
            goto fail;
        APPEND(ro, a);
    }
    for (size_t i = 0; i < r->events.n; i++) {
        const ng_event_m *e = &r->events.v[i];
        json_t *parts = json_array();
        if (!parts)
            goto fail;
        for (size_t k = 0; k < e->parts.n; k++) {
            const ng_part_m *pm = &e->parts.v[k];
            json_t *p = pm->name[0] ? json_pack("[Iss]", (json_int_t)pm->mention, pm->role, pm->name)
                                    : json_pack("[Is]", (json_int_t)pm->mention, pm->role);
            if (!p || json_array_append_new(parts, p)) {
                json_decref(parts);
                goto fail;
            }
        }
        json_t *a = json_pack("[ssIIIIIoIII]", e->kind, e->label, (json_int_t)e->sent, (json_int_t)e->start,
                              (json_int_t)e->end, (json_int_t)e->timex, (json_int_t)e->place, parts,
                              (json_int_t)e->antecedent, (json_int_t)e->trig_start, (json_int_t)e->trig_end);
        if (!a)
            goto fail;
        APPEND(ev, a);
    }
    if (r->refs.n) {
        json_t *rf = json_array();
        if (!rf || json_object_set_new(o, "refs", rf))
            goto fail;
        for (size_t i = 0; i < r->refs.n; i++) {
            const ng_ref_m *f = &r->refs.v[i];
            json_t *a = json_pack("[IsssIII]", (json_int_t)f->mention, f->name, f->text, f->rule, (json_int_t)f->sent,
                                  (json_int_t)f->start, (json_int_t)f->end);
            if (!a)
                goto fail;
            APPEND(rf, a);
        }
    }
    *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return *out ? 0 : NG_ENOMEM;
fail:
    /* (the arrays not yet in o are still ours) */
    if (json_object_get(o, "mentions") != ms)
        json_decref(ms);
    if (json_object_get(o, "timexes") != tx)
        json_decref(tx);
    if (json_object_get(o, "roles") != ro)
        json_decref(ro);
    if (json_object_get(o, "events") != ev)
        json_decref(ev);
    json_decref(o);
    return NG_ENOMEM;
}


static int setup(void **state)
{
    ng_resource_opts o = {NG_SOURCE_DIR "/data", "none", NULL, 0};
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

/* Both serializers on r: the same bytes, or both refuse. */
static void same_as_jansson(const ng_doc_result *r)
{
    char *a = NULL, *b = NULL;
    int ra = jansson_to_json(r, &a), rb = ng_doc_result_to_json(r, &b);
    assert_int_equal(ra != 0, rb != 0);
    if (!ra)
        assert_string_equal(a, b);
    else
        assert_null(b);
    free(a);
    free(b);
}

/* Escapes, UTF-8 (valid and not), reals and integers at their edges, optional fields. */
static void test_same_bytes_as_jansson(void **state)
{
    static const char *const strs[] = {
        "plain", "", "quote \" back \\ slash / del \x7f", "\b\f\n\r\t \x01\x1f\x1b end",
        "caf\xc3\xa9 \xe2\x80\x99 \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf", /* 2, 3, 4 bytes, U+10FFFF */
        "bad \xff", "cut \xe2\x80", "overlong \xc0\xaf", "overlong \xe0\x80\xaf", "surrogate \xed\xa0\x80",
        "past max \xf4\x90\x80\x80", "stray \x80", "\xc2", "\xf5\x80\x80\x80", "ok \xed\x9f\xbf \xee\x80\x80"};
    static const float confs[] = {0.0f, 1.0f, 0.5f, 0.04f, 0.85f, 1e-7f, 3e-39f, -0.0f, 123456789.0f, 1e30f};
    for (size_t si = 0; si < sizeof strs / sizeof *strs; si++) {
        ng_doc_result *r = calloc(1, sizeof *r);
        assert_non_null(r);
        r->path = ng_arena_strdup(&r->strs, strs[si]);
        r->title = si % 2 ? ng_arena_strdup(&r->strs, strs[si]) : NULL;
        r->date = si % 3 ? NULL : ng_arena_strdup(&r->strs, "2024-01-02");
        r->nsents = (uint32_t)si * 1000003u;
        ng_mention m = {0};
        m.sent = UINT32_MAX;
        m.start = (uint32_t)si;
        m.type = NG_PLACE;
        m.conf = confs[si % (sizeof confs / sizeof *confs)];
        m.text = ng_arena_strdup(&r->strs, strs[si]);
        m.canon = ng_arena_strdup(&r->strs, "canon");
        assert_int_equal(ng_vec_push(r->mentions, m), 0);
        ng_timex_m t = {0};
        t.text = strdup(strs[si]);
        strcpy(t.type, "DATE");
        strcpy(t.value, "2024-W01");
        assert_int_equal(ng_vec_push(r->timexes, t), 0);
        ng_role_m ro = {0};
        ro.person = INT64_MAX;
        ro.of = -1;
        ro.title = ng_arena_strdup(&r->strs, "envoy");
        ro.of_name = si % 2 ? ng_arena_strdup(&r->strs, strs[si]) : NULL;
        assert_int_equal(ng_vec_push(r->roles, ro), 0);
        ng_event_m e = {0};
        e.kind = ng_arena_strdup(&r->strs, "talks");
        e.label = ng_arena_strdup(&r->strs, strs[si]);
        e.timex = INT64_MIN;
        e.place = -1;
        e.antecedent = 7;
        ng_part_m p = {0};
        p.mention = -1;
        strcpy(p.role, "party");
        strcpy(p.name, si % 2 ? "Name" : "");
        assert_int_equal(ng_vec_push(e.parts, p), 0);
        p.mention = 0;
        p.name[0] = '\0';
        assert_int_equal(ng_vec_push(e.parts, p), 0);
        assert_int_equal(ng_vec_push(r->events, e), 0);
        same_as_jansson(r);
        if (si % 2) {
            ng_ref_m f = {0};
            f.mention = -1;
            snprintf(f.name, sizeof f.name, "%s", strs[si]);
            strcpy(f.rule, "demonym");
            assert_int_equal(ng_vec_push(r->refs, f), 0);
        }
        same_as_jansson(r);
        /* a NaN confidence cannot be serialized, neither can an infinite one */
        r->mentions.v[0].conf = NAN;
        same_as_jansson(r);
        r->mentions.v[0].conf = INFINITY;
        same_as_jansson(r);
        /* no string where one is required */
        r->mentions.v[0].conf = 0.5f;
        r->mentions.v[0].text = NULL; /* (its bytes stay in the result's arena) */
        same_as_jansson(r);
        ng_doc_result_free(r);
    }
    /* every confidence the tagger can give: a sweep over floats in [0, 1] */
    ng_doc_result *r = calloc(1, sizeof *r);
    assert_non_null(r);
    for (uint32_t k = 0; k <= 20000; k++) {
        ng_mention m = {0};
        m.conf = (float)k / 20000.0f;
        if (k % 7 == 0)
            m.conf = (float)pow(10.0, -(double)(k % 45));
        m.text = ng_arena_strdup(&r->strs, "a");
        m.canon = ng_arena_strdup(&r->strs, "b");
        assert_int_equal(ng_vec_push(r->mentions, m), 0);
    }
    same_as_jansson(r);
    ng_doc_result_free(r);
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
        cmocka_unit_test(test_same_bytes_as_jansson),
        cmocka_unit_test(test_rejects_bad_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
