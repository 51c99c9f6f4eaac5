/* utf8.c - UTF-8 decoding, sanitizing, character classes (utf8proc) and folding. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>
#include "text.h"
#include "../util/util.h"

int ng_utf8_decode_mb(const char *s, size_t n, size_t i, uint32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
    if (k <= 0) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = (uint32_t)c;
    return (int)k;
}

size_t ng_utf8_sanitize(char *s, size_t n)
{
    size_t i = 0, fixed = 0;
    while (i < n) {
        /* printable ASCII stays: skip it 8 bytes at a time */
        if (n - i >= 8 && ng_ascii8_plain(s + i)) {
            i += 8;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                s[i] = ' ';
                fixed++;
            } else if (c == 0x7f) {
                s[i] = ' ';
                fixed++;
            }
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            s[i] = '?';
            fixed++;
            i++;
            continue;
        }
        /* C1 controls become spaces of the same width. */
        if (cp >= 0x80 && cp < 0xa0) {
            memset(s + i, ' ', (size_t)k);
            fixed++;
        }
        i += (size_t)k;
    }
    return fixed;
}

/* The non-ASCII halves of the inline tests in text.h. */
int ng_cp_is_upper_mb(uint32_t cp)
{
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int ng_cp_is_lower_mb(uint32_t cp) { return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_LL; }

int ng_cp_is_alpha_mb(uint32_t cp)
{
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int ng_cp_is_digit_mb(uint32_t cp) { return utf8proc_category((utf8proc_int32_t)cp) == UTF8PROC_CATEGORY_ND; }

/* ng_fold of ASCII text: the same rules without decoding (mention texts are folded for
 * every name found), written to out (n + 1 bytes; NULL, out of memory, is returned). */
static char *fold_ascii_to(char *out, const char *s, size_t n, int lower)
{
    size_t k = 0;
    int space = 0;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        /* white space: ' ' and \t \n \v \f \r (9..13); one test for the rest of the bytes */
        if (c <= ' ' && (c == ' ' || (c >= '\t' && c <= '\r'))) {
            space = 1;
            continue;
        }
        if (space && k)
            out[k++] = ' ';
        space = 0;
        if (c == '`')
            c = '\'';
        else if (lower && c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        out[k++] = c;
    }
    out[k] = '\0';
    return out;
}

char *ng_fold(const char *s, size_t n, int lower)
{
    size_t a = 0;
    while (a < n && (unsigned char)s[a] < 0x80)
        a++;
    if (a == n)
        return fold_ascii_to(malloc(n + 1), s, n, lower);
    ng_buf b = {0};
    size_t i = 0;
    int space = 0;
    while (i < n) {
        uint32_t cp;
        int k = ng_utf8_decode(s, n, i, &cp);
        i += (size_t)k;
        if (ng_cp_is_space(cp)) {
            space = 1;
            continue;
        }
        if (space && b.len && ng_buf_putc(&b, ' '))
            goto fail;
        space = 0;
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02bc || cp == 0x2032 || cp == '`')
            cp = '\'';
        else if (cp == 0x201c || cp == 0x201d)
            cp = '"';
        else if (cp >= 0x2010 && cp <= 0x2015)
            cp = '-';
        if (cp >= 128) {
            /* Strip diacritics: decompose and keep the base letter. */
            utf8proc_int32_t dec[8];
            int opt = UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | (lower ? UTF8PROC_CASEFOLD : 0);
            utf8proc_ssize_t m = utf8proc_decompose_char((utf8proc_int32_t)cp, dec, 8, opt, NULL);
            if (m > 0 && m <= 8) {
                for (utf8proc_ssize_t j = 0; j < m; j++) {
                    utf8proc_uint8_t enc[4];
                    utf8proc_ssize_t e = utf8proc_encode_char(dec[j], enc);
                    if (ng_buf_put(&b, enc, (size_t)e))
                        goto fail;
                }
                continue;
            }
        }
        if (lower && cp < 128 && cp >= 'A' && cp <= 'Z')
            cp += 32;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t e = utf8proc_encode_char((utf8proc_int32_t)cp, enc);
        if (e <= 0 || ng_buf_put(&b, enc, (size_t)e))
            goto fail;
    }
    return ng_buf_detach(&b);
fail:
    ng_buf_free(&b);
    return NULL;
}

char *ng_fold_arena(ng_arena *a, const char *s, size_t n, int lower)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n)
        return fold_ascii_to(n < SIZE_MAX ? ng_arena_alloc(a, n + 1) : NULL, s, n, lower);
    char *f = ng_fold(s, n, lower);
    char *d = f ? ng_arena_strdup(a, f) : NULL;
    free(f);
    return d;
}
