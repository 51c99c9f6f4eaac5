/* text.c - the plain-text reader: UTF-8 clean-up, a `date YYYY-MM-DD` header line,
 * and page furniture (navigation rows, a repeated headline, photo credits) blanked
 * with spaces so that byte offsets stay those of the file. */
#include <stdlib.h>
#include "ingest.h"
#include "../text/text.h"
#include "../util/util.h"

typedef struct {
    size_t start, end; /* line without its newline */
} line_t;

/* Blank s[a..b) keeping newlines. */
static void blank(char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (s[i] != '\n' && s[i] != '\r')
            s[i] = ' ';
}

static int is_blank_line(const char *s, line_t l)
{
    for (size_t i = l.start; i < l.end; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* A navigation row: two or more short lower-case words (language codes: "ua en ru"). */
static int is_nav_row(const char *s, line_t l)
{
    size_t words = 0, i = l.start;
    while (i < l.end) {
        while (i < l.end && (s[i] == ' ' || s[i] == '\t' || s[i] == '|' || s[i] == '\r'))
            i++;
        if (i >= l.end)
            break;
        size_t b = i;
        while (i < l.end && s[i] >= 'a' && s[i] <= 'z')
            i++;
        if (i == b || i - b > 3 || (i < l.end && s[i] != ' ' && s[i] != '\t' && s[i] != '|' && s[i] != '\r'))
            return 0;
        words++;
    }
    return words >= 2;
}

/* Trimmed bounds of a line. */
static line_t trim(const char *s, line_t l)
{
    while (l.start < l.end && (s[l.start] == ' ' || s[l.start] == '\t'))
        l.start++;
    while (l.end > l.start && (s[l.end - 1] == ' ' || s[l.end - 1] == '\t' || s[l.end - 1] == '\r'))
        l.end--;
    return l;
}

static int ends_terminal(const char *s, line_t l)
{
    if (l.end == l.start)
        return 0;
    char c = s[l.end - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == '"' || c == ';' ||
           (l.end - l.start >= 3 && (unsigned char)s[l.end - 3] == 0xE2 && (unsigned char)s[l.end - 2] == 0x80 &&
            (unsigned char)s[l.end - 1] == 0x9D);
}

/* Case-insensitive prefix test of ASCII keyword kw at s[i..n). */
static int has_prefix_ci(const char *s, size_t i, size_t n, const char *kw)
{
    size_t k = strlen(kw);
    if (i + k > n)
        return 0;
    for (size_t j = 0; j < k; j++) {
        char c = s[i + j];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        if (c != kw[j])
            return 0;
    }
    return 1;
}

/* Blank "(Photo: ...)", "(Photo by ...)", "(Image: ...)", "(Credit: ...)", "(AP Photo/...)" and
 * "Photo: ..." lines. */
static void blank_credits(char *s, size_t len)
{
    static const char *const kws[] = {"photo:", "photo by", "photos:", "image:", "images:", "credit:",
                                      "photo credit", "picture:", "pictured:", "file photo", "ap photo",
                                      "reuters photo", "afp photo", "getty", NULL};
    /* The next '(' and the next '[', found by memchr (a byte loop over the whole text cost
     * more than the rest of the reader): blanking writes only spaces, so a position found
     * stays right unless it was blanked, and then it lies before i. */
    const char *paren = NULL, *brack = NULL, *end = s + len;
    for (size_t i = 0; i < len; i++) {
        if (!paren || paren < s + i)
            paren = memchr(s + i, '(', len - i);
        if (!brack || brack < s + i)
            brack = memchr(s + i, '[', len - i);
        if (!paren)
            paren = end;
        if (!brack)
            brack = end;
        const char *next = paren < brack ? paren : brack;
        if (next == end)
            break;
        i = (size_t)(next - s);
        char close = s[i] == '(' ? ')' : ']';
        size_t j = i + 1;
        while (j < len && s[j] == ' ')
            j++;
        int hit = 0;
        for (size_t k = 0; kws[k] && !hit; k++)
            hit = has_prefix_ci(s, j, len, kws[k]);
        if (!hit)
            continue;
        size_t e = j;
        while (e < len && s[e] != close && s[e] != '\n' && e - i < 300)
            e++;
        if (e < len && s[e] == close) {
            blank(s, i, e + 1);
            i = e;
        }
    }
}

int ng_ingest_text(ng_document *d, char *data, size_t len, const ng_ingest_opts *opts)
{
    d->text = data;
    d->len = len;
    d->format = "text";
    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB && (unsigned char)data[2] == 0xBF)
        blank(data, 0, 3);
    ng_utf8_sanitize(data, len);

    NG_VEC(line_t) lines = {0};
    size_t p = 0;
    int rc = 0;
    while (p <= len) {
        char *nl = p < len ? memchr(data + p, '\n', len - p) : NULL;
        size_t e = nl ? (size_t)(nl - data) : len;
        line_t l = {p, e};
        if ((rc = ng_vec_push(lines, l)))
            goto done;
        if (!nl)
            break;
        p = e + 1;
    }

    size_t li = 0;
    /* skip leading blank lines */
    while (li < lines.n && is_blank_line(data, lines.v[li]))
        li++;
    /* a header line: date YYYY-MM-DD [anything] */
    if (li < lines.n) {
        line_t l = trim(data, lines.v[li]);
        if (l.end - l.start >= 15 && strncmp(data + l.start, "date ", 5) == 0) {
            char date[11];
            memcpy(date, data + l.start + 5, 10);
            date[10] = '\0';
            if (ng_date_valid(date) && (l.end - l.start == 15 || data[l.start + 15] == ' ')) {
                if (!(d->date = ng_strdup(date))) {
                    rc = ng_error_set(NG_ENOMEM, "out of memory");
                    goto done;
                }
                d->date_source = "header";
                blank(data, lines.v[li].start, lines.v[li].end);
                li++;
            }
        }
    }
    /* navigation rows before the article */
    for (size_t k = li; k < lines.n && k < li + 5; k++) {
        if (is_blank_line(data, lines.v[k]))
            continue;
        if (is_nav_row(data, lines.v[k]))
            blank(data, lines.v[k].start, lines.v[k].end);
        else
            break;
    }
    while (li < lines.n && is_blank_line(data, lines.v[li]))
        li++;
    /* headline: the first article line, short and without final punctuation */
    if (li < lines.n) {
        line_t h = trim(data, lines.v[li]);
        size_t hl = h.end - h.start;
        if (hl > 0 && hl < 300 && !ends_terminal(data, h)) {
            if (!(d->title = ng_strndup(data + h.start, hl))) {
                rc = ng_error_set(NG_ENOMEM, "out of memory");
                goto done;
            }
            /* the same headline repeated at the start of a following paragraph is not text */
            for (size_t k = li + 1; k < lines.n && k < li + 4; k++) {
                line_t n = trim(data, lines.v[k]);
                if (n.end == n.start)
                    continue;
                if (n.end - n.start >= hl && memcmp(data + n.start, data + h.start, hl) == 0) {
                    blank(data, n.start, n.start + hl);
                    break;
                }
            }
        }
    }
    blank_credits(data, len);

    if (!d->date && opts && opts->date) {
        if (!(d->date = ng_strdup(opts->date))) {
            rc = ng_error_set(NG_ENOMEM, "out of memory");
            goto done;
        }
        d->date_source = "option";
    }
done:
    free(lines.v);
    return rc;
}
