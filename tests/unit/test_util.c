/* Unit tests: size-capped buffers, the string map, atomic writes (src/util). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "util/util.h"

static void test_buf_cap(void **state)
{
    ng_buf b = {0};
    b.max = 10;
    assert_int_equal(ng_buf_puts(&b, "12345"), 0);
    assert_int_equal(ng_buf_printf(&b, "%d", 678), 0);
    assert_int_equal(ng_buf_puts(&b, "90x"), NG_ETOOBIG);
    assert_int_equal(b.len, 8);
    assert_string_equal(b.data, "12345678");
    ng_buf_free(&b);
}

static void test_buf_printf_long(void **state)
{
    ng_buf b = {0};
    char big[1000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(ng_buf_printf(&b, "<%s>", big), 0);
    assert_int_equal(b.len, 1001);
    assert_int_equal(b.data[1000], '>');
    char *d = ng_buf_detach(&b);
    assert_null(b.data);
    free(d);
}

static void test_map(void **state)
{
    ng_map m = {0};
    char key[32];
    for (size_t i = 0; i < 5000; i++) {
        snprintf(key, sizeof key, "k%zu", i);
        assert_int_equal(ng_map_put(&m, key, strlen(key), i * 3), 0);
    }
    size_t v;
    assert_true(ng_map_get(&m, "k4999", 5, &v));
    assert_int_equal(v, 4999 * 3);
    assert_false(ng_map_get(&m, "k5000", 5, &v));
    /* a prefix of a key is not the key */
    assert_false(ng_map_get(&m, "k49990", 4, &v) && v != 499 * 3);
    assert_int_equal(ng_map_put(&m, "k1", 2, 7), 0);
    assert_true(ng_map_get(&m, "k1", 2, &v));
    assert_int_equal(v, 7);
    assert_int_equal(m.n, 5000);
    ng_map_free(&m);
}

static void test_atomic_write(void **state)
{
    char dir[] = "/tmp/ngtestXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    assert_int_equal(ng_write_atomic(path, "first", 5), 0);
    assert_int_equal(ng_write_atomic(path, "second", 6), 0);
    char *data;
    size_t len;
    assert_int_equal(ng_read_file(path, 0, &data, &len), 0);
    assert_int_equal(len, 6);
    assert_string_equal(data, "second");
    free(data);
    /* a directory that does not exist: an error, and nothing left behind */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/missing/out.txt", dir);
    assert_int_equal(ng_write_atomic(bad, "x", 1), NG_EIO);
    assert_int_equal(ng_read_file(path, 3, &data, &len), NG_ETOOBIG);
    unlink(path);
    rmdir(dir);
}

static void test_buf_sink(void **state)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    ng_buf b = {0};
    b.sink = fp;
    char line[100];
    size_t total = 0;
    for (int i = 0; i < 40000; i++) {
        int n = snprintf(line, sizeof line, "line %d of a long streamed output\n", i);
        assert_int_equal(ng_buf_put(&b, line, (size_t)n), 0);
        total += (size_t)n;
    }
    assert_true(b.len < ((size_t)1 << 20)); /* flushed on the way */
    assert_int_equal(ng_buf_flush(&b), 0);
    assert_int_equal(b.len, 0);
    assert_int_equal(ftell(fp), (long)total);
    rewind(fp);
    char first[64];
    assert_non_null(fgets(first, sizeof first, fp));
    assert_string_equal(first, "line 0 of a long streamed output\n");
    ng_buf_free(&b);
    fclose(fp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_buf_printf_long),
        cmocka_unit_test(test_map),
        cmocka_unit_test(test_atomic_write),
        cmocka_unit_test(test_buf_sink),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
