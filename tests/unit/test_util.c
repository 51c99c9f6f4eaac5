/* Unit tests: size-capped buffers, the string map, the string arena, atomic writes (src/util). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <math.h>
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

/* Every entry once through ng_map_next; keys of every length (the hash reads 8 bytes at a
 * time), keys that are prefixes of others, an empty key, bytes >= 0x80 and NULs. */
static void test_map_keys(void **state)
{
    ng_map m = {0};
    char key[40] = {0};
    size_t n = 0;
    for (size_t len = 0; len <= 33; len++)
        for (int c = 0; c < (len ? 3 : 1); c++) {
            for (size_t i = 0; i < len; i++)
                key[i] = (char)(c == 0 ? 'a' : c == 1 ? (i % 2 ? '\0' : 'x') : (char)(0xC3 + i));
            assert_int_equal(ng_map_put(&m, key, len, 1000 + n), 0);
            n++;
        }
    assert_int_equal(m.n, n);
    size_t v, k = 0;
    for (size_t len = 0; len <= 33; len++)
        for (int c = 0; c < (len ? 3 : 1); c++, k++) {
            for (size_t i = 0; i < len; i++)
                key[i] = (char)(c == 0 ? 'a' : c == 1 ? (i % 2 ? '\0' : 'x') : (char)(0xC3 + i));
            assert_true(ng_map_get(&m, key, len, &v));
            assert_int_equal(v, 1000 + k);
        }
    size_t it = 0, seen = 0, sum = 0;
    const ng_map_entry *e;
    while ((e = ng_map_next(&m, &it))) {
        seen++;
        sum += e->val - 1000;
        assert_int_equal(e->key[e->len], '\0');
    }
    assert_int_equal(seen, n);
    assert_int_equal(sum, n * (n - 1) / 2);
    ng_map_free(&m);
    assert_false(ng_map_get(&m, "a", 1, &v));
    it = 0;
    assert_null(ng_map_next(&m, &it));
}

static void test_buf_put_int(void **state)
{
    static const long long vals[] = {0, 1, -1, 9, 10, -10, 99, 12345, -987654321, 4294967295LL, 9223372036854775807LL,
                                     -9223372036854775807LL - 1};
    ng_buf b = {0};
    char want[64];
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        b.len = 0;
        assert_int_equal(ng_buf_put_int(&b, vals[i]), 0);
        snprintf(want, sizeof want, "%lld", vals[i]);
        assert_string_equal(b.data, want);
    }
    /* ng_fmt_int() writes what printf does, around every power of ten */
    char got[32];
    for (int k = 0; k < 19; k++) {
        long long pw = 1;
        for (int q = 0; q < k; q++)
            pw *= 10;
        for (long long d = -2; d <= 2; d++) {
            long long v = pw + d;
            for (int sign = 0; sign < 2; sign++, v = -v) {
                *ng_fmt_int(got, v) = '\0';
                snprintf(want, sizeof want, "%lld", v);
                assert_string_equal(got, want);
            }
        }
    }
    for (long long v = -100000; v <= 100000; v += 7) {
        char *e = ng_fmt_int(got, v);
        snprintf(want, sizeof want, "%lld", v);
        assert_int_equal((size_t)(e - got), strlen(want));
        assert_memory_equal(got, want, strlen(want));
    }
    /* the cap holds on the inline path too */
    b.len = 0;
    b.max = 3;
    assert_int_equal(ng_buf_put_int(&b, 123), 0);
    assert_int_equal(ng_buf_put_int(&b, 4), NG_ETOOBIG);
    assert_string_equal(b.data, "123");
    ng_buf_free(&b);
}

/* ng_fmt_real() is printf's "%.6g" with ".0" when it shows no fraction or exponent. */
static void want_real(double v)
{
    char got[40], want[48];
    snprintf(want, sizeof want, "%.6g", v);
    if (!strpbrk(want, ".eE") && strcmp(want, "inf") && strcmp(want, "nan"))
        strcat(want, ".0");
    size_t n = ng_fmt_real(got, v);
    assert_string_equal(got, want);
    assert_int_equal(n, strlen(want));
}

static void test_fmt_real(void **state)
{
    /* every rounded confidence (thousandths) of the fast path, and around it */
    for (long k = 0; k <= 1000000; k++)
        want_real((double)k / 1000.0);
    for (long k = 0; k < 2000000; k += 7)
        want_real((double)k);
    static const double odd[] = {-0.0, -1.0, -0.5, 1e-9, 0.0001, 0.1234567, 1e6, 1234567.0, 999999.5, 1e300,
                                 -1e300, 3.14159265, 1.0 / 3.0, 2.5e-5};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        want_real(odd[i]);
    want_real(HUGE_VAL);
    want_real(-HUGE_VAL);
    want_real(NAN);
}

/* Writing through ng_buf_room(): the same bytes, the flushes and the cap of ng_buf_put. */
static void test_buf_room(void **state)
{
    ng_buf b = {0};
    int rc = 0;
    for (int i = 0; i < 1000; i++) {
        char *p = ng_buf_room(&b, 16, &rc);
        assert_non_null(p);
        p = ng_fmt_int(p, i);
        *p++ = ',';
        ng_buf_commit(&b, p);
    }
    assert_int_equal(strncmp(b.data, "0,1,2,", 6), 0);
    assert_int_equal(b.data[b.len], '\0');
    assert_int_equal(strcmp(b.data + b.len - 4, "999,"), 0);
    ng_buf_free(&b);
    b.max = 8;
    assert_non_null(ng_buf_room(&b, 8, &rc));
    assert_null(ng_buf_room(&b, 9, &rc));
    assert_int_equal(rc, NG_ETOOBIG);
    ng_buf_free(&b);
}

/* The arena: copies that stay put while more are made, small ones sharing blocks, large
 * ones in blocks of their own (the current block keeps its room), all freed at once. */
static void test_arena(void **state)
{
    ng_arena a = {0};
    assert_null(ng_arena_strdup(&a, NULL));
    char *s[600];
    char want[32];
    for (int i = 0; i < 600; i++) {
        snprintf(want, sizeof want, "name %d", i);
        s[i] = ng_arena_strdup(&a, want);
        assert_non_null(s[i]);
    }
    char *big = ng_arena_alloc(&a, 100000);
    assert_non_null(big);
    memset(big, 'x', 100000);
    char *after = ng_arena_strndup(&a, "abcdef", 3);
    assert_string_equal(after, "abc");
    assert_true(after == s[599] + strlen(s[599]) + 1); /* the big piece took no room */
    for (int i = 0; i < 600; i++) {
        snprintf(want, sizeof want, "name %d", i);
        assert_string_equal(s[i], want);
    }
    ng_arena_free(&a);
    assert_null(a.head);
    ng_arena b = {0}; /* a large first piece: its block is the head, full */
    assert_non_null(ng_arena_alloc(&b, 5000));
    assert_int_equal(b.left, 0);
    assert_string_equal(ng_arena_strdup(&b, "x"), "x");
    ng_arena_free(&b);
}

/* A hash computed ahead serves get and put as the map's own would. */
static void test_map_hashed(void **state)
{
    ng_map m = {0};
    char key[16];
    for (size_t i = 0; i < 500; i++) { /* through resizes */
        snprintf(key, sizeof key, "k%zu", i);
        assert_int_equal(ng_map_put_h(&m, key, strlen(key), ng_hash(key, strlen(key)), i), 0);
    }
    size_t v = 0;
    for (size_t i = 0; i < 500; i++) {
        snprintf(key, sizeof key, "k%zu", i);
        assert_true(ng_map_get(&m, key, strlen(key), &v));
        assert_int_equal(v, i);
        assert_true(ng_map_get_h(&m, key, strlen(key), ng_hash(key, strlen(key)), &v));
        assert_int_equal(v, i);
    }
    assert_false(ng_map_get_h(&m, "k500", 4, ng_hash("k500", 4), &v));
    assert_int_equal(ng_map_put_h(&m, "k7", 2, ng_hash("k7", 2), 70), 0); /* replaces */
    assert_true(ng_map_get(&m, "k7", 2, &v));
    assert_int_equal(v, 70);
    assert_int_equal(m.n, 500);
    ng_map_free(&m);
    assert_false(ng_map_get_h(&m, "k7", 2, ng_hash("k7", 2), &v));
}

static void test_ascii8_plain(void **state)
{
    char s[9] = "abcdefgh";
    assert_true(ng_ascii8_plain(s));
    memcpy(s, " ~!09AZz", 8);
    assert_true(ng_ascii8_plain(s));
    static const unsigned char bad[] = {0x00, 0x09, 0x0a, 0x1f, 0x7f, 0x80, 0xc3, 0xff};
    for (size_t i = 0; i < sizeof bad; i++)
        for (size_t at = 0; at < 8; at++) {
            memcpy(s, "abcdefgh", 8);
            s[at] = (char)bad[i];
            assert_false(ng_ascii8_plain(s));
        }
}

/* ng_key24: the bytes zero-padded with the length last, for every length it takes, read
 * from the middle of a buffer of other bytes (none of them may leak into the key). */
static void test_key24(void **state)
{
    unsigned char buf[64];
    for (int round = 0; round < 50; round++)
        for (size_t n = 1; n < NG_KEY24; n++) {
            unsigned char want[NG_KEY24] = {0};
            uint64_t key[NG_KEY24 / 8];
            for (size_t i = 0; i < sizeof buf; i++)
                buf[i] = (unsigned char)(1 + (i * 37 + (size_t)round * 11 + n) % 255);
            memcpy(want, buf + 20, n);
            want[NG_KEY24 - 1] = (unsigned char)n;
            ng_key24((const char *)buf + 20, n, key);
            assert_memory_equal(key, want, NG_KEY24);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_buf_printf_long),
        cmocka_unit_test(test_map),
        cmocka_unit_test(test_atomic_write),
        cmocka_unit_test(test_buf_sink),
        cmocka_unit_test(test_map_keys),
        cmocka_unit_test(test_buf_put_int),
        cmocka_unit_test(test_ascii8_plain),
        cmocka_unit_test(test_arena),
        cmocka_unit_test(test_map_hashed),
        cmocka_unit_test(test_fmt_real),
        cmocka_unit_test(test_buf_room),
        cmocka_unit_test(test_key24),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
