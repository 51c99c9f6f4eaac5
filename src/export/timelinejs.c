/* timelinejs.c - the timeline as TimelineJS 3 JSON (jansson).
 *
 * One slide per dated item of export_internal.h (events, time expressions no event
 * covers, publications), in date order.  start_date holds numeric parts down to the
 * value's precision ({"year": 2024, "month": 7}); values that are intervals but not a
 * plain year or month (weeks, quarters, seasons, decades) get the first day as
 * start_date, the last as end_date and the TIMEX3 value as display_date.  Headline and
 * text are HTML (TimelineJS renders them), so every piece of model text is
 * HTML-escaped.  The slide's group is its kind; unique_id is v<event>, t<timex>,
 * d<document>.  Undated events cannot be placed: they are counted in the title slide. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"

/* Append "<p><b>label</b> value</p>" when @p value is not empty. */
static int put_para(ng_buf *b, const char *label, const char *value)
{
    if (!*value)
        return 0;
    int rc = ng_buf_printf(b, "<p><b>%s</b> ", label);
    if (rc == 0)
        rc = ngx_put_html(b, value);
    return rc ? rc : ng_buf_puts(b, "</p>");
}

/* A TimelineJS date object with numeric parts {year, month, day[, hour, minute]} of a
 * YYYY[-MM[-DD[Thh:mm]]] value, or of a YYYYMMDD number when @p v is NULL. */
static json_t *date_json(const char *v, long ymd)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    int y = 0, mo = 0, d = 0, h = -1, mi = -1, ok = 1;
    if (v) {
        ngx_digits(v, 4, &y);
        if (strlen(v) >= 7)
            ngx_digits(v + 5, 2, &mo);
        if (strlen(v) >= 10)
            ngx_digits(v + 8, 2, &d);
        if (strlen(v) >= 16 && v[10] == 'T' && ngx_digits(v + 11, 2, &h) && v[13] == ':')
            ngx_digits(v + 14, 2, &mi);
    } else {
        y = (int)(ymd / 10000);
        mo = (int)(ymd / 100 % 100);
        d = (int)(ymd % 100);
    }
    ok &= json_object_set_new(o, "year", json_integer(y)) == 0;
    if (mo)
        ok &= json_object_set_new(o, "month", json_integer(mo)) == 0;
    if (d)
        ok &= json_object_set_new(o, "day", json_integer(d)) == 0;
    if (d && h >= 0 && h < 24) {
        ok &= json_object_set_new(o, "hour", json_integer(h)) == 0;
        if (mi >= 0 && mi < 60)
            ok &= json_object_set_new(o, "minute", json_integer(mi)) == 0;
    }
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Whether a calendar value is a plain year, month or day (with an optional time). */
static int plain_date(const char *v)
{
    int x;
    size_t n = strlen(v);
    if (n < 4 || !ngx_digits(v, 4, &x))
        return 0;
    if (n == 4)
        return 1;
    if (n < 7 || v[4] != '-' || !ngx_digits(v + 5, 2, &x))
        return 0;
    if (n == 7)
        return 1;
    return n >= 10 && v[7] == '-' && ngx_digits(v + 8, 2, &x) && (n == 10 || v[10] == 'T');
}

/* {"headline": ..., "text": ...} from HTML snippets. */
static json_t *text_json(const char *headline, const char *text)
{
    json_t *o = json_object();
    if (!o || json_object_set_new(o, "headline", json_string(headline)) ||
        json_object_set_new(o, "text", json_string(text))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* The slide of one dated item whose fields are in @p f. */
static json_t *slide_json(const ngx_items *items, const ngx_item *it, ng_buf *h, ng_buf *t)
{
    const ng_buf *f = items->f;
    static const char prefix[] = {'d', 'v', 't'}; /* by NGX_ITEM_* */
    char id[32];
    snprintf(id, sizeof id, "%c%u", prefix[it->kind], it->index + 1);
    int rc = ngx_reset(h);
    if (rc == 0)
        rc = ngx_put_html(h, f[NGX_F_WHAT].data);
    if (rc == 0)
        rc = ngx_reset(t);
    if (rc == 0)
        rc = put_para(t, "When:", f[NGX_F_DATE].data);
    if (rc == 0)
        rc = put_para(t, it->kind == NGX_ITEM_EVENT ? "Who:" : "Mentioned with:", f[NGX_F_WHO].data);
    if (rc == 0)
        rc = put_para(t, "Where:", f[NGX_F_WHERE].data);
    if (rc == 0)
        rc = put_para(t, "Source:", f[NGX_F_SOURCE].data);
    if (rc == 0 && items->has_span)
        rc = ng_buf_printf(t, "<p><small>d%u, sentence %u, bytes %u-%u</small></p>", items->span.doc + 1,
                           items->span.sent, items->span.start, items->span.end);
    if (rc)
        return NULL;
    const char *v = f[NGX_F_DATE].data;
    int plain = plain_date(v);
    json_t *o = json_object();
    if (!o)
        return NULL;
    int ok = json_object_set_new(o, "unique_id", json_string(id)) == 0;
    ok &= json_object_set_new(o, "start_date", date_json(plain ? v : NULL, it->first)) == 0;
    if (!plain) {
        ok &= json_object_set_new(o, "end_date", date_json(NULL, it->last)) == 0;
        ok &= json_object_set_new(o, "display_date", json_string(v)) == 0;
    }
    ok &= json_object_set_new(o, "text", text_json(h->data, t->data)) == 0;
    ok &= json_object_set_new(o, "group", json_string(ngx_item_kind_name(it->kind))) == 0;
    if (!ok) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Append @p v dumped as indented JSON, every line after the first indented by @p indent
 * more spaces: the document is written a slide at a time, in the same bytes as jansson
 * gives for the whole tree.  Takes the reference to @p v. */
static int put_json(ng_buf *out, json_t *v, int indent)
{
    char *text = v ? json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(v);
    if (!text)
        return ng_error_set(NG_ENOMEM, "out of memory (TimelineJS JSON)");
    static const char spaces[] = "                "; /* indent <= 16 */
    int rc = 0;
    /* a newline inside a string is escaped by jansson: every raw one is a line break,
     * copied with the line it ends, then the indentation */
    for (const char *p = text; *p && rc == 0;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);
        rc = ng_buf_put(out, p, n);
        if (rc == 0 && nl)
            rc = ng_buf_put(out, spaces, (size_t)indent);
        p += n;
    }
    free(text);
    return rc;
}

int ng_export_timelinejs(const ng_model *m, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "ng_export_timelinejs: NULL argument");
    ngx_items it = {0};
    ng_buf h = {0}, t = {0};
    int rc = ngx_items_build(m, &it);
    if (rc)
        goto done;
    size_t nd = ng_model_n_documents(m), nv = ng_model_n_events(m);
    rc = ng_buf_printf(&t, "<p>%zu document%s, %zu event%s, %zu dated item%s", nd, nd == 1 ? "" : "s", nv,
                       nv == 1 ? "" : "s", it.n_dated, it.n_dated == 1 ? "" : "s");
    if (rc == 0 && it.n > it.n_dated)
        rc = ng_buf_printf(&t, "; %zu undated event%s not shown", it.n - it.n_dated, it.n - it.n_dated == 1 ? "" : "s");
    if (rc == 0)
        rc = ng_buf_puts(&t, ".</p>");
    if (rc == 0)
        rc = ng_buf_puts(out, "{\n  \"title\": ");
    if (rc == 0) {
        json_t *title = json_object();
        if (title && json_object_set_new(title, "text", text_json("newsgraph timeline", t.data))) {
            json_decref(title);
            title = NULL;
        }
        rc = put_json(out, title, 2);
    }
    if (rc == 0)
        rc = ng_buf_puts(out, ",\n  \"events\": [");
    for (size_t k = 0; k < it.n_dated && rc == 0; k++) {
        rc = ngx_item_fields(m, &it, &it.v[k], 1);
        if (rc == 0)
            rc = ng_buf_puts(out, k ? ",\n    " : "\n    ");
        if (rc == 0)
            rc = put_json(out, slide_json(&it, &it.v[k], &h, &t), 4);
    }
    if (rc == 0)
        rc = ng_buf_puts(out, it.n_dated ? "\n  ]\n}\n" : "]\n}\n");
done:
    ngx_items_free(&it);
    ng_buf_free(&h);
    ng_buf_free(&t);
    return rc;
}
