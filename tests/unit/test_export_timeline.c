/* test_export_timeline.c - the timeline formats.
 * Text: dated items in date order with the date at its own precision (coarser first when
 * two start the same day), events with who/where/source, time expressions an event
 * already covers left out, undated events under their own heading, aligned columns
 * (display width, not bytes), no trailing spaces or control characters.
 * CSV: RFC 4180 quoting and CRLF, interval and provenance columns, formula guard.
 * TimelineJS: numeric date parts at the value's precision, end_date/display_date for
 * weeks, HTML-escaped headlines and text, undated events counted.
 * All three: identical output for equal models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <cmocka.h>
#include "test_export_fixture.h"
#include "export/export_internal.h"
#include <jansson.h>

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
        FX_TIMEX(0, 20, 25, "1 July", "DATE", "2024-07-01"),
        FX_TIMEX(0, 26, 30, "2024", "DATE", "2024"),
        FX_TIMEX(0, 31, 40, "that week", "DATE", "2024-W27"),
        FX_TIMEX(0, 41, 45, "July", "DATE", "2024-07"),
        FX_TIMEX(0, 46, 50, "Q3", "DATE", "2024-Q3"),
        FX_TIMEX(0, 51, 60, "two days", "DURATION", "P2D"),
        FX_TIMEX(0, 61, 70, "late June", "DATE", "2024-06-28"),
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

/* Parse RFC 4180 CSV (CRLF rows) into fields: returns rows, fills cells[row][col]. */
static size_t parse_csv(const char *s, char cells[][12][256], size_t max_rows)
{
    size_t r = 0, c = 0, k = 0;
    int quoted = 0;
    memset(cells, 0, max_rows * sizeof *cells);
    while (*s && r < max_rows) {
        if (quoted) {
            if (s[0] == '"' && s[1] == '"') {
                cells[r][c][k++] = '"';
                s += 2;
            } else if (s[0] == '"') {
                quoted = 0;
                s++;
            } else
                cells[r][c][k++] = *s++;
        } else if (*s == '"') {
            quoted = 1;
            s++;
        } else if (*s == ',') {
            c++, k = 0, s++;
        } else if (s[0] == '\r' && s[1] == '\n') {
            r++, c = 0, k = 0, s += 2;
        } else {
            assert_true(*s != '\n' && *s != '\r'); /* bare line ends only inside quotes */
            cells[r][c][k++] = *s++;
        }
        assert_true(c < 12 && k < 255);
    }
    assert_false(quoted);
    return r;
}

static void test_csv(void **state)
{
    (void)state;
    ng_model *m = fx_model();
    assert_non_null(m);
    char *csv = fx_export(ng_export_csv, m);
    assert_non_null(csv);
    static char cells[16][12][256];
    size_t n = parse_csv(csv, cells, 16);
    assert_int_equal(n, 1 + 5); /* header, 4 dated items, 1 undated event */
    const char *head[] = {"date", "first_day", "last_day", "kind", "what", "who", "where", "sources", "doc",
                          "sentence", "start", "end"};
    for (int i = 0; i < 12; i++)
        assert_string_equal(cells[0][i], head[i]);
    /* the dated event: its value, the interval it covers, who/where/source, first span */
    const char *ev[] = {"2024-07", "2024-07-01", "2024-07-31", "event", "Summit \\ talks in Springfield",
                        FX_PERSON ", " FX_ORG_CLEAN, FX_PLACE, FX_PATH1, "d1", "0", "0", "61"};
    for (int i = 0; i < 12; i++)
        assert_string_equal(cells[2][i], ev[i]);
    assert_string_equal(cells[4][3], "published");
    assert_string_equal(cells[4][8], "d2");
    assert_string_equal(cells[5][0], ""); /* undated */
    assert_string_equal(cells[5][4], "Undated meeting");
    assert_string_equal(cells[5][11], "130");
    free(csv);
    ng_model_free(m);
}

/* A dated document whose title is HTML and a formula. */
static ng_model *title_model(const char *title)
{
    ng_model *m = NULL;
    if (ng_model_new(&m, NULL))
        return NULL;
    ng_doc_result r = {0};
    r.path = (char *)"t.txt";
    r.title = (char *)title;
    r.date = (char *)"2025-01-02";
    r.format = (char *)"text";
    if (ng_model_add(m, &r) || ng_model_finish(m)) {
        ng_model_free(m);
        return NULL;
    }
    return m;
}

static void test_csv_formula_guard(void **state)
{
    (void)state;
    ng_model *m = title_model("=HYPERLINK(\"x\")");
    assert_non_null(m);
    char *csv = fx_export(ng_export_csv, m);
    assert_non_null(csv);
    static char cells[4][12][256];
    assert_int_equal(parse_csv(csv, cells, 4), 2);
    assert_string_equal(cells[1][4], "'=HYPERLINK(\"x\")");
    free(csv);
    ng_model_free(m);
}

/* The events array of a TimelineJS document. */
static json_t *tljs_events(json_t *root)
{
    json_t *ev = json_object_get(root, "events");
    assert_true(json_is_array(ev));
    return ev;
}

static void test_timelinejs(void **state)
{
    (void)state;
    ng_model *m = fx_model();
    assert_non_null(m);
    char *js = fx_export(ng_export_timelinejs, m);
    assert_non_null(js);
    json_error_t err;
    json_t *root = json_loads(js, JSON_REJECT_DUPLICATES, &err);
    assert_non_null(root);
    json_t *ev = tljs_events(root);
    assert_int_equal(json_array_size(ev), 4); /* the dated items only */
    const char *groups[] = {"time", "event", "time", "published"};
    for (size_t i = 0; i < 4; i++) {
        json_t *e = json_array_get(ev, i), *sd = json_object_get(e, "start_date");
        assert_true(json_is_integer(json_object_get(sd, "year")));
        json_t *mo = json_object_get(sd, "month");
        assert_true(mo == NULL || json_is_integer(mo));
        assert_true(json_is_string(json_object_get(json_object_get(e, "text"), "headline")));
        assert_string_equal(json_string_value(json_object_get(e, "group")), groups[i]);
    }
    json_t *e = json_array_get(ev, 1), *sd = json_object_get(e, "start_date");
    assert_int_equal(json_integer_value(json_object_get(sd, "year")), 2024);
    assert_int_equal(json_integer_value(json_object_get(sd, "month")), 7);
    assert_null(json_object_get(sd, "day")); /* month precision */
    assert_string_equal(json_string_value(json_object_get(e, "unique_id")), "v1");
    const char *text = json_string_value(json_object_get(json_object_get(e, "text"), "text"));
    assert_non_null(strstr(text, "Ann O&quot;Neil \\N Smith")); /* HTML-escaped */
    assert_null(strstr(text, "O\"Neil"));
    const char *title = json_string_value(json_object_get(json_object_get(json_object_get(root, "title"), "text"), "text"));
    assert_non_null(strstr(title, "1 undated event not shown"));
    json_decref(root);
    free(js);
    ng_model_free(m);

    /* HTML in model text is escaped in headlines */
    m = title_model("<b>Tom & Jerry's</b>");
    assert_non_null(m);
    js = fx_export(ng_export_timelinejs, m);
    root = json_loads(js, 0, &err);
    assert_non_null(root);
    e = json_array_get(tljs_events(root), 0);
    assert_string_equal(json_string_value(json_object_get(json_object_get(e, "text"), "headline")),
                        "&lt;b&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;");
    json_decref(root);
    free(js);
    ng_model_free(m);

    /* weeks and quarters: first day, last day and the value to display */
    m = precision_model();
    assert_non_null(m);
    js = fx_export(ng_export_timelinejs, m);
    root = json_loads(js, 0, &err);
    assert_non_null(root);
    ev = tljs_events(root);
    assert_int_equal(json_array_size(ev), 6);
    e = json_array_get(ev, 4); /* 2024-W27 */
    assert_string_equal(json_string_value(json_object_get(e, "display_date")), "2024-W27");
    json_t *ed = json_object_get(e, "end_date");
    assert_int_equal(json_integer_value(json_object_get(json_object_get(e, "start_date"), "day")), 1);
    assert_int_equal(json_integer_value(json_object_get(ed, "month")), 7);
    assert_int_equal(json_integer_value(json_object_get(ed, "day")), 7);
    assert_null(json_object_get(json_array_get(ev, 3), "display_date")); /* 2024-07: plain */
    json_decref(root);
    free(js);
    ng_model_free(m);
}

static void test_timeline_deterministic(void **state)
{
    (void)state;
    ng_model *a = fx_model(), *b = fx_model();
    assert_non_null(a);
    assert_non_null(b);
    int (*fns[])(const ng_model *, ng_buf *) = {ng_export_timeline, ng_export_csv, ng_export_timelinejs};
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
        char *x = fx_export(fns[i], a), *y = fx_export(fns[i], b), *z = fx_export(fns[i], a);
        assert_non_null(x);
        assert_non_null(y);
        assert_non_null(z);
        assert_string_equal(x, y);
        assert_string_equal(x, z);
        free(x);
        free(y);
        free(z);
    }
    ng_model_free(a);
    ng_model_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_timeline),
        cmocka_unit_test(test_precision_order),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_csv_formula_guard),
        cmocka_unit_test(test_timelinejs),
        cmocka_unit_test(test_timeline_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
