/* detect.c - content sniffing: input format from the first bytes, binary data refusal,
 * and the publication-date formats found in pages, feeds and records. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <libxml/encoding.h>
#include "ingest.h"
#include "../text/text.h"
#include "../util/util.h"

/* ASCII lower-case of one byte. */
static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Case-insensitive ASCII prefix test of kw at s[i..n). */
static int prefix_ci(const char *s, size_t n, size_t i, const char *kw)
{
    size_t k = strlen(kw);
    if (i > n || n - i < k)
        return 0;
    for (size_t j = 0; j < k; j++)
        if (lc((unsigned char)s[i + j]) != kw[j])
            return 0;
    return 1;
}

/* ASCII white space. */
static int is_ws(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Position of the first occurrence of needle in s[i..n), or n. */
static size_t find(const char *s, size_t n, size_t i, const char *needle)
{
    size_t k = strlen(needle);
    while (i < n && n - i >= k) {
        const char *p = memchr(s + i, needle[0], n - i);
        if (!p || (size_t)(p - s) + k > n)
            return n;
        i = (size_t)(p - s);
        if (memcmp(s + i, needle, k) == 0)
            return i;
        i++;
    }
    return n;
}

size_t ng_bom_len(const char *data, size_t len)
{
    return len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
                   (unsigned char)data[2] == 0xBF
               ? 3
               : 0;
}

const char *ng_input_format_canonical(const char *name)
{
    static const char *const names[][2] = {{"text", "text"}, {"txt", "text"},   {"html", "html"},
                                           {"htm", "html"},  {"feed", "feed"},  {"rss", "feed"},
                                           {"atom", "feed"}, {"jsonl", "jsonl"}, {"json", "jsonl"},
                                           {"ndjson", "jsonl"}};
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i][0]) == 0)
            return names[i][1];
    return NULL;
}

/* Known binary signatures: a short name or NULL. */
static const char *magic_name(const unsigned char *s, size_t n)
{
    static const struct {
        const char *sig;
        size_t len;
        const char *name;
    } m[] = {{"\x1f\x8b", 2, "gzip data"},        {"PK\x03\x04", 4, "zip archive"},
             {"%PDF-", 5, "PDF document"},        {"\x89PNG\r\n\x1a\n", 8, "PNG image"},
             {"\xff\xd8\xff", 3, "JPEG image"},   {"GIF87a", 6, "GIF image"},
             {"GIF89a", 6, "GIF image"},          {"\x7f" "ELF", 4, "ELF executable"},
             {"\xfd" "7zXZ", 5, "xz data"},       {"\x28\xb5\x2f\xfd", 4, "zstd data"},
             {"7z\xbc\xaf\x27\x1c", 6, "7-zip archive"}, {"BZh", 3, NULL},
             {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "OLE document"}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
        if (n >= m[i].len && memcmp(s, m[i].sig, m[i].len) == 0) {
            if (m[i].name)
                return m[i].name;
            /* bzip2: "BZh" + block size digit + block magic */
            if (n >= 10 && s[3] >= '1' && s[3] <= '9' && memcmp(s + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0)
                return "bzip2 data";
        }
    return NULL;
}

int ng_check_binary(const char *data, size_t len)
{
    const unsigned char *s = (const unsigned char *)data;
    if (len >= 4 && ((s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0) ||
                     (s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)))
        return ng_error_set(NG_EFORMAT, "UTF-32 text is not supported (convert it to UTF-8)");
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
        return ng_error_set(NG_EFORMAT, "UTF-16 text is not supported (convert it to UTF-8)");
    const char *magic = magic_name(s, len);
    if (magic)
        return ng_error_set(NG_EFORMAT, "binary data, not text (%s)", magic);
    size_t ctrl = 0, invalid = 0, nul_even = 0, nul_odd = 0, i = 0;
    while (i < len) {
        /* runs of printable ASCII count for nothing: skip them 8 bytes at a time */
        if (len - i >= 8 && ng_ascii8_plain(data + i)) {
            i += 8;
            continue;
        }
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0)
                (i & 1) ? nul_odd++ : nul_even++;
            if ((c < 0x20 && !is_ws(c) && c != 0x1b) || c == 0x7f)
                ctrl++;
            i++;
            continue;
        }
        uint32_t cp;
        int k = ng_utf8_decode(data, len, i, &cp);
        if (cp == 0xFFFD && k == 1)
            invalid++;
        i += (size_t)k;
    }
    if (len >= 8 && (nul_even >= len * 2 / 5 || nul_odd >= len * 2 / 5) && nul_even + nul_odd < len * 3 / 5)
        return ng_error_set(NG_EFORMAT, "UTF-16 text is not supported (convert it to UTF-8)");
    /* Refuse when control bytes exceed 5% or control and invalid bytes together 30%:
     * text with a few stray NULs or Latin-1 letters is still read (bytes replaced). */
    if (len && (ctrl * 20 > len || (ctrl + invalid) * 10 > len * 3)) {
        unsigned pct = (unsigned)(((ctrl + invalid) * 100 + len / 2) / len);
        return ng_error_set(NG_EFORMAT, "binary data, not text (%u%% control or invalid bytes)", pct);
    }
    return 0;
}

/* Local name of a tag starting at s[i] (after '<'): its bounds, prefix stripped. */
static int tag_name(const char *s, size_t n, size_t i, size_t *nb, size_t *ne)
{
    size_t b = i, e = i;
    if (e >= n || !((lc((unsigned char)s[e]) >= 'a' && lc((unsigned char)s[e]) <= 'z') || s[e] == '_'))
        return 0;
    while (e < n && !is_ws((unsigned char)s[e]) && s[e] != '>' && s[e] != '/' && e - i < 64) {
        if (s[e] == ':')
            b = e + 1;
        e++;
    }
    *nb = b;
    *ne = e;
    return 1;
}

/* Compare s[b..e) with a lower-case ASCII word, ignoring case. */
static int name_is(const char *s, size_t b, size_t e, const char *w)
{
    return e - b == strlen(w) && prefix_ci(s, e, b, w);
}

/* Sniff a document starting with '<': returns the format or NULL (error set). */
static const char *sniff_markup(const char *s, size_t n, size_t i)
{
    int xml = 0;
    for (int guard = 0; guard < 10000 && i < n; guard++) {
        while (i < n && is_ws((unsigned char)s[i]))
            i++;
        if (i >= n || s[i] != '<')
            return xml ? (ng_error_set(NG_EFORMAT, "malformed XML (no root element)"), NULL) : "text";
        if (prefix_ci(s, n, i, "<?xml"))
            xml = 1;
        if (i + 1 < n && s[i + 1] == '?') {
            size_t e = find(s, n, i, "?>");
            i = e < n ? e + 2 : n;
            continue;
        }
        if (prefix_ci(s, n, i, "<!--")) {
            size_t e = find(s, n, i + 4, "-->");
            i = e < n ? e + 3 : n;
            continue;
        }
        if (prefix_ci(s, n, i, "<!doctype")) {
            size_t j = i + 9;
            while (j < n && is_ws((unsigned char)s[j]))
                j++;
            if (prefix_ci(s, n, j, "html"))
                return "html";
            /* skip the declaration, with an internal subset in brackets */
            int depth = 0;
            char quote = 0;
            for (; j < n; j++) {
                char c = s[j];
                if (quote) {
                    if (c == quote)
                        quote = 0;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']') {
                    depth--;
                } else if (c == '>' && depth <= 0) {
                    break;
                }
            }
            i = j < n ? j + 1 : n;
            xml = 1;
            continue;
        }
        size_t b, e;
        if (!tag_name(s, n, i + 1, &b, &e))
            return xml ? (ng_error_set(NG_EFORMAT, "malformed XML (no root element)"), NULL) : "text";
        if (name_is(s, b, e, "rss") || name_is(s, b, e, "rdf") || name_is(s, b, e, "feed"))
            return "feed";
        if (name_is(s, b, e, "html") || !xml)
            return "html";
        return ng_error_set(NG_EFORMAT, "XML document is neither an RSS or Atom feed nor HTML"), NULL;
    }
    return "text";
}

const char *ng_detect_format(const char *data, size_t len)
{
    if (ng_check_binary(data, len))
        return NULL;
    size_t i = ng_bom_len(data, len);
    while (i < len && is_ws((unsigned char)data[i]))
        i++;
    if (i < len && data[i] == '<')
        return sniff_markup(data, len, i);
    if (i < len && (data[i] == '{' || data[i] == '['))
        return "jsonl";
    return "text";
}

/* Read exactly k digits at s[*i]; returns the value or -1. */
static int digits(const char *s, size_t *i, int k)
{
    int v = 0;
    for (int j = 0; j < k; j++) {
        char c = s[*i + (size_t)j];
        if (c < '0' || c > '9')
            return -1;
        v = v * 10 + (c - '0');
    }
    *i += (size_t)k;
    return v;
}

/* Month number of an English month name or 3-letter abbreviation at s[*i]; 0 if none. */
static int month_name(const char *s, size_t *i)
{
    static const char *const full[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december"};
    for (int m = 0; m < 12; m++) {
        size_t fl = strlen(full[m]);
        int ok = 1;
        for (size_t j = 0; j < fl && ok; j++)
            ok = lc((unsigned char)s[*i + j]) == full[m][j];
        if (ok) {
            *i += fl;
            return m + 1;
        }
        ok = 1;
        for (size_t j = 0; j < 3 && ok; j++)
            ok = lc((unsigned char)s[*i + j]) == full[m][j];
        if (ok) {
            *i += 3;
            if (m == 8 && lc((unsigned char)s[*i]) == 't') /* Sept */
                (*i)++;
            if (s[*i] == '.')
                (*i)++;
            return m + 1;
        }
    }
    return 0;
}

/* Format and validate y-m-d into out. */
static int put_date(int y, int m, int d, char out[11])
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return ng_date_valid(out);
}

/* Day of month (1 or 2 digits) at s[*i]; -1 if none. */
static int day_num(const char *s, size_t *i)
{
    if (s[*i] < '0' || s[*i] > '9')
        return -1;
    int d = s[(*i)++] - '0';
    if (s[*i] >= '0' && s[*i] <= '9')
        d = d * 10 + (s[(*i)++] - '0');
    if (s[*i] >= '0' && s[*i] <= '9')
        return -1;
    return d;
}

int ng_parse_date(const char *s, char out[11])
{
    if (!s)
        return 0;
    size_t i = 0;
    while (is_ws((unsigned char)s[i]))
        i++;
    /* ISO 8601: YYYY-MM-DD[T...] or YYYYMMDD[T...] */
    size_t j = i;
    int y = digits(s, &j, 4);
    if (y >= 0) {
        char sep = s[j];
        if (sep == '-' || sep == '/' || sep == '.') {
            j++;
            int m = digits(s, &j, 2);
            if (m < 0 || s[j] != sep)
                return 0;
            j++;
            int d = digits(s, &j, 2);
            if (d < 0 || (s[j] >= '0' && s[j] <= '9'))
                return 0;
            return put_date(y, m, d, out);
        }
        int m = digits(s, &j, 2), d = m >= 0 ? digits(s, &j, 2) : -1;
        if (d < 0 || (s[j] >= '0' && s[j] <= '9'))
            return 0;
        return put_date(y, m, d, out);
    }
    /* RFC 822: [Day,] D Mon YYYY ...; also "June 3, 2025" */
    j = i;
    size_t k = j;
    while ((lc((unsigned char)s[k]) >= 'a' && lc((unsigned char)s[k]) <= 'z'))
        k++;
    if (k > j && s[k] == ',') {
        size_t m0 = j;
        if (!month_name(s, &m0)) /* a weekday name */
            j = k + 1;
    }
    while (is_ws((unsigned char)s[j]))
        j++;
    int d = day_num(s, &j), m;
    if (d >= 0) {
        while (is_ws((unsigned char)s[j]) || s[j] == '-')
            j++;
        if (!(m = month_name(s, &j)))
            return 0;
        while ((lc((unsigned char)s[j]) >= 'a' && lc((unsigned char)s[j]) <= 'z'))
            j++;
        while (is_ws((unsigned char)s[j]) || s[j] == '-' || s[j] == ',')
            j++;
    } else {
        if (!(m = month_name(s, &j)))
            return 0;
        while ((lc((unsigned char)s[j]) >= 'a' && lc((unsigned char)s[j]) <= 'z'))
            j++;
        while (is_ws((unsigned char)s[j]))
            j++;
        if ((d = day_num(s, &j)) < 0)
            return 0;
        for (int t = 0; t < 2 && lc((unsigned char)s[j]) >= 'a' && lc((unsigned char)s[j]) <= 'z'; t++)
            j++; /* 3rd, 21st */
        while (is_ws((unsigned char)s[j]) || s[j] == ',')
            j++;
    }
    size_t y0 = j;
    y = digits(s, &j, 4);
    if (y < 0) {
        j = y0;
        y = digits(s, &j, 2); /* RFC 822 two-digit years */
        if (y < 0)
            return 0;
        y += y < 50 ? 2000 : 1900;
    }
    if (s[j] >= '0' && s[j] <= '9')
        return 0;
    return put_date(y, m, d, out);
}

/* Declared non-UTF-8 character set of a page (first 4 KiB), or NULL. */
const char *ng_declared_charset(const char *s, size_t n, char *name, size_t cap)
{
    size_t lim = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 < lim; i++) {
        size_t k = 0;
        if (strncasecmp(s + i, "charset", 7) == 0)
            k = 7;
        else if (strncasecmp(s + i, "encoding", 8) == 0)
            k = 8;
        if (!k)
            continue;
        size_t j = i + k;
        while (j < lim && (s[j] == ' ' || s[j] == '\t'))
            j++;
        if (j >= lim || s[j] != '=')
            continue;
        j++;
        while (j < lim && (s[j] == ' ' || s[j] == '"' || s[j] == '\''))
            j++;
        size_t b = j, m = 0;
        while (j < lim && m < cap - 1 &&
               ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9') ||
                s[j] == '-' || s[j] == '_' || s[j] == ':' || s[j] == '.'))
            name[m++] = s[j++];
        name[m] = '\0';
        if (j == b)
            continue;
        if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
            return NULL;
        xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name);
        if (!h)
            return NULL;
        xmlCharEncCloseFunc(h);
        return name;
    }
    return NULL;
}


void ng_collapse_space(char *s)
{
    char *w = s;
    int sp = 0;
    for (char *r = s; *r; r++) {
        if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r' || *r == '\f') {
            sp = w > s;
            continue;
        }
        if (sp)
            *w++ = ' ';
        sp = 0;
        *w++ = *r;
    }
    *w = '\0';
}
