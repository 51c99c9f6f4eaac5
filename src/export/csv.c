/* csv.c - the timeline as CSV (RFC 4180: CRLF line ends, fields with a comma, quote,
 * CR or LF quoted, quotes doubled).
 *
 * One row per item of export_internal.h, dated ones in date order then undated events:
 * date (TIMEX3 value, at its precision), first_day and last_day (YYYY-MM-DD, the
 * interval the date covers), kind, what, who, where, sources, and the provenance of the
 * item's first span (doc id d<n>, sentence, byte offsets start/end).  A field that
 * starts with '=', '+', '-' or '@' and is not a number gets a leading apostrophe, so a
 * spreadsheet never runs text from an article as a formula. */
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"

/* Whether @p s would be taken for a formula by a spreadsheet. */
static int formula_like(const char *s)
{
    if (s[0] != '=' && s[0] != '+' && s[0] != '-' && s[0] != '@')
        return 0;
    if ((s[0] == '-' || s[0] == '+') && s[1] >= '0' && s[1] <= '9') {
        char *end;
        (void)strtod(s, &end);
        return *end != '\0';
    }
    return 1;
}

/* Append one field, quoted when needed, preceded by a comma unless @p first. */
static int put_field(ng_buf *out, const char *s, int first)
{
    int rc = first ? 0 : ng_buf_putc(out, ',');
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (rc == 0 && quote)
        rc = ng_buf_putc(out, '"');
    if (rc == 0 && formula_like(s))
        rc = ng_buf_putc(out, '\'');
    for (; *s && rc == 0; s++)
        rc = *s == '"' ? ng_buf_puts(out, "\"\"") : ng_buf_putc(out, *s);
    if (rc == 0 && quote)
        rc = ng_buf_putc(out, '"');
    return rc;
}

int ng_export_csv(const ng_model *m, ng_buf *out)
{
    static const char *const header[] = {"date", "first_day", "last_day", "kind",     "what",  "who", "where",
                                         "sources", "doc",    "sentence", "start", "end"};
    enum { NH = sizeof header / sizeof *header };
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "ng_export_csv: NULL argument");
    ngx_items it = {0};
    int rc = ngx_items_build(m, &it);
    for (size_t i = 0; i < NH && rc == 0; i++)
        rc = put_field(out, header[i], i == 0);
    if (rc == 0)
        rc = ng_buf_puts(out, "\r\n");
    for (size_t k = 0; k < it.n && rc == 0; k++) {
        const ngx_item *x = &it.v[k];
        if ((rc = ngx_item_fields(m, &it, x, 1)))
            break;
        char first[16] = "", last[16] = "", doc[16] = "", sent[16] = "", start[16] = "", end[16] = "";
        if (x->dated) {
            ngx_fmt_ymd(first, sizeof first, x->first);
            ngx_fmt_ymd(last, sizeof last, x->last);
        }
        if (it.has_span) {
            snprintf(doc, sizeof doc, "d%u", it.span.doc + 1);
            snprintf(sent, sizeof sent, "%u", it.span.sent);
            snprintf(start, sizeof start, "%u", it.span.start);
            snprintf(end, sizeof end, "%u", it.span.end);
        } else if (x->kind == NGX_ITEM_PUBLISHED)
            snprintf(doc, sizeof doc, "d%u", x->index + 1);
        const ng_buf *f = it.f;
        const char *row[NH] = {f[NGX_F_DATE].data,  first, last, ngx_item_kind_name(x->kind), f[NGX_F_WHAT].data,
                               f[NGX_F_WHO].data,   f[NGX_F_WHERE].data, f[NGX_F_SOURCE].data, doc, sent, start, end};
        for (size_t i = 0; i < NH && rc == 0; i++)
            rc = put_field(out, row[i], i == 0);
        if (rc == 0)
            rc = ng_buf_puts(out, "\r\n");
    }
    ngx_items_free(&it);
    return rc;
}
