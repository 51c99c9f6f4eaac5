/* test_export_helpers.c - the exporters' shared helpers: string cleaning (control
 * characters, bad UTF-8, backslash doubling, shortening), TIMEX3 date ranges (the
 * timeline's sort key and GraphML's first/last dates), number formatting, widths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include "export/export_internal.h"

/* Clean @p s with @p flags and @p max into a static-size result for comparisons. */
static char *clean(const char *s, int flags, size_t max)
{
    ng_buf b = {0};
    assert_int_equal(ng_buf_puts(&b, ""), 0);
    assert_int_equal(ngx_clean(&b, s, flags, max), 0);
    return ng_buf_detach(&b);
}

static void test_clean_controls(void **state)
{
    (void)state;
    char *s = clean("a\x01" "b\tc\nd\re\x7f" "f\xC2\x85g", 0, 0); /* C0, tab/nl/cr, DEL, C1 NEL */
    assert_string_equal(s, "ab c d ef" "g");
    free(s);
    s = clean("x\xEF\xBF\xBEy\xEF\xBF\xBFz", 0, 0); /* U+FFFE, U+FFFF dropped */
    assert_string_equal(s, "xyz");
    free(s);
}

static void test_clean_bad_utf8(void **state)
{
    (void)state;
    char *s = clean("Bad\xff" "Town\xC3", 0, 0);
    assert_string_equal(s, "Bad\xEF\xBF\xBDTown\xEF\xBF\xBD");
    free(s);
    s = clean("Caf\xC3\xA9 \xE2\x80\x99", 0, 0); /* valid UTF-8 kept as is */
    assert_string_equal(s, "Caf\xC3\xA9 \xE2\x80\x99");
    free(s);
}

static void test_clean_backslash(void **state)
{
    (void)state;
    char *s = clean("a\\b\\\\c\"", NGX_DOUBLE_BACKSLASH, 0);
    assert_string_equal(s, "a\\\\b\\\\\\\\c\"");
    free(s);
    s = clean("a\\b", NGX_QUAD_BACKSLASH, 0);
    assert_string_equal(s, "a\\\\\\\\b");
    free(s);
    s = clean("a\\b", 0, 0);
    assert_string_equal(s, "a\\b");
    free(s);
}

static void test_clean_shorten(void **state)
{
    (void)state;
    char *s = clean("abcdef", 0, 6);
    assert_string_equal(s, "abcdef");
    free(s);
    s = clean("abcdefg", 0, 6);
    assert_string_equal(s, "abcde\xE2\x80\xA6");
    free(s);
    s = clean("abcd efgh", 0, 6); /* trailing space before the ellipsis trimmed */
    assert_string_equal(s, "abcd\xE2\x80\xA6");
    free(s);
    s = clean("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 0, 3); /* cut on a code point boundary */
    assert_string_equal(s, "\xC3\xA9\xC3\xA9\xE2\x80\xA6");
    free(s);
    s = clean("\\\\\\\\", NGX_DOUBLE_BACKSLASH, 3); /* never half a doubled backslash */
    assert_string_equal(s, "\\\\\\\\\xE2\x80\xA6");
    free(s);
    ng_buf b = {0};
    assert_int_equal(ngx_clean(&b, NULL, 0, 0), 0);
    assert_null(b.data);
}

/* The interval of a TIMEX3 value as "first..last", or "-" when not on the calendar. */
static void range_is(const char *v, const char *expect)
{
    long f, l;
    char got[64] = "-";
    if (ngx_date_range(v, &f, &l)) {
        char a[16], b[16];
        ngx_fmt_ymd(a, sizeof a, f);
        ngx_fmt_ymd(b, sizeof b, l);
        snprintf(got, sizeof got, "%s..%s", a, b);
    }
    assert_string_equal(got, expect);
}

static void test_date_range(void **state)
{
    (void)state;
    range_is("2021", "2021-01-01..2021-12-31");
    range_is("2024-07", "2024-07-01..2024-07-31");
    range_is("2024-02", "2024-02-01..2024-02-29");
    range_is("2023-02", "2023-02-01..2023-02-28");
    range_is("2025-05-29", "2025-05-29..2025-05-29");
    range_is("2025-05-29T14:30", "2025-05-29..2025-05-29");
    range_is("2025-W22", "2025-05-26..2025-06-01");     /* ISO week 22 of 2025 starts Monday 26 May */
    range_is("2021-W01", "2021-01-04..2021-01-10");
    range_is("2020-W53", "2020-12-28..2021-01-03");
    range_is("2025-W22-WE", "2025-05-31..2025-06-01");
    range_is("2024-Q3", "2024-07-01..2024-09-30");
    range_is("2024-H1", "2024-01-01..2024-06-30");
    range_is("2024-SU", "2024-06-01..2024-08-31");
    range_is("199X", "1990-01-01..1999-12-31");
    range_is("19XX", "1900-01-01..1999-12-31");
    range_is("PAST_REF", "-");
    range_is("PRESENT_REF", "-");
    range_is("P3D", "-");
    range_is("2025-02-30", "-");
    range_is("2025-13", "-");
    range_is("2025-05-29X", "-");
    range_is("", "-");
    range_is(NULL, "-");
}

static void test_fmt_num(void **state)
{
    (void)state;
    char b[64];
    ngx_fmt_num(b, sizeof b, 3);
    assert_string_equal(b, "3");
    ngx_fmt_num(b, sizeof b, 2.5);
    assert_string_equal(b, "2.5");
    ngx_fmt_num(b, sizeof b, 1.0 / 3);
    assert_string_equal(b, "0.3333");
    ngx_fmt_num(b, sizeof b, 0.00001);
    assert_string_equal(b, "0");
    ngx_fmt_num(b, sizeof b, NAN);
    assert_string_equal(b, "0");
}

static void test_width(void **state)
{
    (void)state;
    assert_int_equal(ngx_width("abc"), 3);
    assert_int_equal(ngx_width("\xC3\xA9t\xC3\xA9"), 3);      /* été */
    assert_int_equal(ngx_width("\xE5\x8C\x97\xE4\xBA\xAC"), 4); /* two wide CJK characters */
    assert_int_equal(ngx_bitlen(0), 0);
    assert_int_equal(ngx_bitlen(1), 1);
    assert_int_equal(ngx_bitlen(255), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_controls), cmocka_unit_test(test_clean_bad_utf8),
        cmocka_unit_test(test_clean_backslash), cmocka_unit_test(test_clean_shorten),
        cmocka_unit_test(test_date_range),     cmocka_unit_test(test_fmt_num),
        cmocka_unit_test(test_width),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
