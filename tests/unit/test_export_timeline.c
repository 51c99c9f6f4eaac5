/* test_export_timeline.c - the plain-text timeline: dated items in date order with the
 * date at its own precision (coarser first when two start the same day), events with
 * who/where/source, time expressions an event already covers left out, undated events
 * under their own heading, aligned columns (display width, not bytes), no trailing
 * spaces or control characters, identical output for equal models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>
#include "test_export_fixture.h"
#include "export/export_internal.h"

/* Split @p s into lines (modified in place); returns the count. */
static size_t split_lines(char *s, char **lines, size_t max)
{
    size_t n = 0;
    while (*s && n < max) {
        lines[n++] = s;
        char *nl = strchr(s, '\n');
        if (!nl)
            break;
        *nl = '\0';
        s = nl + 1;
    }
    return n;
}

/* Display column where cell @p col (0-based) starts: cells are separated by 2+ spaces. */
static size_t cell_column(const char *line, int col)
{
    const char *p = line;
    for (int c = 0; c < col; c++) {
        const char *gap = strstr(p, "  ");
        assert_non_null(gap);
        p = gap;
        while (*p == ' ')
            p++;
    }
    char *prefix = ng_strndup(line, (size_t)(p - line));
    size_t w = ngx_width(prefix);
    free(prefix);
    return w;
}

/* The first cell of a row (the date), copied into @p b. */
static void first_cell(const char *line, char *b, size_t n)
{
    size_t k = strcspn(line, " ");
    snprintf(b, n, "%.*s", (int)k, line);
}

/* Check that every line holds no control character and no trailing space. */
static void check_clean(char **lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(lines[i]);
        assert_false(fx_has_control(lines[i]));
        if (len)
            assert_true(lines[i][len - 1] != ' ');
    }
}

static void test_fixture_timeline(void **state)
{
    (void)state;
    ng_model *m = fx_model();
    assert_non_null(m);
    char *tl = fx_export(ng_export_timeline, m);
    assert_non_null(tl);
    char *lines[64];
    size_t n = split_lines(tl, lines, 64);
    check_clean(lines, n);
    assert_true(n >= 10);
    assert_string_equal(lines[0], "# newsgraph timeline: 2 documents, 2 events (1 dated), 4 dated items");
    assert_true(strncmp(lines[1], "DATE", 4) == 0);

    /* dated rows: exactly these dates, in this order, each at its own precision */
    const char *dates[] = {"2021", "2024-07", "2025-05-29", "2025-05-31"};
    const char *kinds[] = {"time", "event", "time", "published"};
    for (size_t k = 0; k < 4; k++) {
        char d[32];
        first_cell(lines[2 + k], d, sizeof d);
        assert_string_equal(d, dates[k]);
        char kind[32];
        first_cell(lines[2 + k] + cell_column(lines[2 + k], 1), kind, sizeof kind);
        assert_string_equal(kind, kinds[k]);
    }
    /* the event row: what, who (participants), where (place), source */
    const char *ev = lines[3];
    assert_non_null(strstr(ev, "Summit \\ talks in Springfield"));
    assert_non_null(strstr(ev, FX_PERSON ", " FX_ORG_CLEAN));
    assert_non_null(strstr(ev, "  " FX_PLACE "  "));
    assert_non_null(strstr(ev, "  " FX_PATH1));
    /* the time expression row: quoted text, entities of its sentence, source */
    assert_non_null(strstr(lines[4], "\xE2\x80\x9CThursday\xE2\x80\x9D"));
    assert_non_null(strstr(lines[4], FX_PERSON));
    assert_non_null(strstr(lines[4], FX_PATH2));
    assert_non_null(strstr(lines[5], "Second article"));
    /* "July 2024" lies inside the dated event's evidence: not listed twice */
    assert_null(strstr(tl, "July 2024"));
    /* PAST_REF is not on the calendar: not a dated row */
    assert_null(strstr(tl, "PAST_REF"));

    /* aligned: every cell but the last starts at the same display column on each row */
    for (int col = 1; col <= 2; col++) {
        size_t c0 = cell_column(lines[1], col);
        for (size_t k = 2; k < 6; k++)
            assert_int_equal(cell_column(lines[k], col), c0);
    }

    /* undated events after their heading */
    assert_string_equal(lines[6], "");
    assert_string_equal(lines[7], "# undated events: 1");
    assert_true(strncmp(lines[8], "DATE", 4) == 0);
    assert_true(strncmp(lines[9], "-  ", 3) == 0);
    assert_non_null(strstr(lines[9], "Undated meeting")); /* the tab became a space */
    assert_non_null(strstr(lines[9], FX_LONG));
    assert_int_equal(n, 10);
    free(tl);
    ng_model_free(m);
}

/* A model with only time expressions of several precisions in one sentence. */
static ng_model *precision_model(void)
{
    ng_model *m = NULL;
    if (ng_model_new(&m, NULL))
        return NULL;
    ng_mention ms[] = {
        FX_MENTION(0, 0, 6, NG_PERSON, "Zhang W\xC3\xA9i"),
        FX_MENTION(0, 10, 16, NG_PLACE, "\xE5\x8C\x97\xE4\xBA\xAC"), /* wide characters */
    };
    ng_timex_m ts[] = {
        {0, 20, 25, (char *)"1 July", "DATE", "2024-07-01"},
        {0, 26, 30, (char *)"2024", "DATE", "2024"},
        {0, 31, 40, (char *)"that week", "DATE", "2024-W27"},
        {0, 41, 45, (char *)"July", "DATE", "2024-07"},
        {0, 46, 50, (char *)"Q3", "DATE", "2024-Q3"},
        {0, 51, 60, (char *)"two days", "DURATION", "P2D"},
        {0, 61, 70, (char *)"late June", "DATE", "2024-06-28"},
    };
    ng_doc_result r = {0};
    r.path = (char *)"p.txt";
    r.format = (char *)"text";
    r.mentions.v = ms;
    r.mentions.n = r.mentions.cap = 2;
    r.timexes.v = ts;
    r.timexes.n = r.timexes.cap = sizeof ts / sizeof *ts;
    r.nsents = 1;
    if (ng_model_add(m, &r) || ng_model_finish(m)) {
        ng_model_free(m);
        return NULL;
    }
    return m;
}

static void test_precision_order(void **state)
{
    (void)state;
    ng_model *m = precision_model();
    assert_non_null(m);
    char *tl = fx_export(ng_export_timeline, m);
    assert_non_null(tl);
    char *lines[32];
    size_t n = split_lines(tl, lines, 32);
    check_clean(lines, n);
    /* start date first; on the same start, the longer interval first */
    const char *expect[] = {"2024", "2024-06-28", "2024-Q3", "2024-07", "2024-W27", "2024-07-01"};
    assert_int_equal(n, 2 + 6);
    for (size_t k = 0; k < 6; k++) {
        char d[32];
        first_cell(lines[2 + k], d, sizeof d);
        assert_string_equal(d, expect[k]);
        assert_non_null(strstr(lines[2 + k], "Zhang W\xC3\xA9i"));                  /* who */
        assert_non_null(strstr(lines[2 + k], "  \xE5\x8C\x97\xE4\xBA\xAC   p.txt")); /* where (2 columns wide each), source */
    }
    assert_null(strstr(tl, "P2D")); /* durations are not on the calendar */
    /* the SOURCE column is aligned on display width despite the wide place name */
    size_t c0 = cell_column(lines[1], 5);
    for (size_t k = 2; k < n; k++)
        assert_int_equal(cell_column(lines[k], 5), c0);
    free(tl);
    ng_model_free(m);
}

static void test_timeline_deterministic(void **state)
{
    (void)state;
    ng_model *a = fx_model(), *b = fx_model();
    assert_non_null(a);
    assert_non_null(b);
    char *x = fx_export(ng_export_timeline, a), *y = fx_export(ng_export_timeline, b),
         *z = fx_export(ng_export_timeline, a);
    assert_string_equal(x, y);
    assert_string_equal(x, z);
    free(x);
    free(y);
    free(z);
    ng_model_free(a);
    ng_model_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_timeline),
        cmocka_unit_test(test_precision_order),
        cmocka_unit_test(test_timeline_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
