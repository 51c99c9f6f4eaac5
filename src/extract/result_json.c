/* result_json.c - one document's extraction result as one JSON line and back, for the
 * map/reduce mode (`newsgraph extract` | `newsgraph merge`).  Round trips exactly:
 * merge(extract(A), extract(B)) builds the same model as one run over A and B. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "result.h"

#define NG_RESULT_FORMAT 1

/* The writer below produces exactly the bytes that jansson's
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) produced for the same result (the
 * format is read back by ng_doc_result_from_json and compared byte for byte by the
 * tests): building a jansson tree per document and dumping it took a fifth of
 * `newsgraph extract`.  What jansson does and this file must keep doing:
 *  - strings must be valid UTF-8 (jansson's check: no overlong forms, surrogates or code
 *    points past U+10FFFF), else the result cannot be serialized;
 *  - escapes: \" \\ \b \f \n \r \t, other bytes below 0x20 as \u00XX (upper-case hex);
 *    '/', DEL and non-ASCII characters are written as they are;
 *  - integers in decimal, reals as "%.17g" with ".0" added when there is no '.' or 'e'
 *    and the exponent's '+' and leading zeros removed; NaN and infinities cannot be
 *    serialized. */
typedef struct {
    ng_buf b;
    int rc; /* first error: the rest of the writes are skipped */
} jw;

static void jw_put(jw *w, const char *s, size_t n)
{
    if (!w->rc)
        w->rc = ng_buf_put(&w->b, s, n);
}

/* A string literal ("[", "\"mentions\":[" ...); only literals (sizeof is their length). */
#define JW_LIT(w, lit) jw_put((w), "" lit, sizeof(lit) - 1)
/* The opening bracket of the i-th element of an array. */
#define JW_OPEN(w, i) ((i) ? JW_LIT(w, ",[") : JW_LIT(w, "["))

static void jw_int(jw *w, int64_t v)
{
    if (!w->rc)
        w->rc = ng_buf_put_int(&w->b, (long long)v);
}

/* Length of the valid UTF-8 sequence starting at s[0] (n bytes available), 0 if invalid;
 * s[0] >= 0x80.  The same acceptance as jansson's utf8_check_first/utf8_check_full. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char u = s[0];
    size_t len;
    uint32_t cp;
    if (u >= 0xC2 && u <= 0xDF)
        len = 2, cp = u & 0x1Fu;
    else if (u >= 0xE0 && u <= 0xEF)
        len = 3, cp = u & 0x0Fu;
    else if (u >= 0xF0 && u <= 0xF4)
        len = 4, cp = u & 0x07u;
    else
        return 0; /* continuation byte, 0xC0, 0xC1, 0xF5.. */
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000))
        return 0;
    return len;
}

/* A JSON string; NULL is an error (as json_pack's "s" with NULL is). */
static void jw_str(jw *w, const char *str)
{
    if (w->rc)
        return;
    if (!str) {
        w->rc = NG_EINVAL;
        return;
    }
    const unsigned char *s = (const unsigned char *)str;
    size_t n = strlen(str), run = 0, i = 0; /* s[run..i) is copied as it is */
    JW_LIT(w, "\"");
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t k = utf8_seq(s + i, n - i);
            if (!k) {
                w->rc = NG_EINVAL;
                return;
            }
            i += k;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            i++;
            continue;
        }
        jw_put(w, (const char *)s + run, i - run);
        char esc[8];
        const char *e = esc;
        size_t el = 2;
        switch (c) {
        case '"': e = "\\\""; break;
        case '\\': e = "\\\\"; break;
        case '\b': e = "\\b"; break;
        case '\f': e = "\\f"; break;
        case '\n': e = "\\n"; break;
        case '\r': e = "\\r"; break;
        case '\t': e = "\\t"; break;
        default: {
            static const char hex[] = "0123456789ABCDEF";
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            el = 6;
        }
        }
        jw_put(w, e, el);
        i++;
        run = i;
    }
    jw_put(w, (const char *)s + run, i - run);
    JW_LIT(w, "\"");
}

static void jw_str_or_null(jw *w, const char *s)
{
    if (s)
        jw_str(w, s);
    else
        JW_LIT(w, "null");
}

/* "%.17g" of v, exactly as printf writes it, for the values confidences take: a float
 * in [2^-21, 2^24) (v = m * 2^-k, m < 2^24).  Returns the length written to buf (>= 32
 * bytes), or 0 for other values (then printf does it).  snprintf was half of the
 * serializer's time; this needs a 128-bit multiply and shifts, no division: with x the
 * decimal exponent of v, q = v * 10^(16 - x), rounded half to even like glibc, has the
 * 17 digits.  Checked against snprintf for every float of the range. */
static size_t g17_float(double v, char *buf)
{
#ifdef __SIZEOF_INT128__
    static const double P10[] = {1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0,
                                 1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8};
    static const uint64_t U10[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
                                   100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
                                   1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
                                   1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
                                   1000000000000000000ULL, 10000000000000000000ULL};
    const uint64_t lo17 = U10[16], hi17 = U10[17];
    uint64_t bits;
    memcpy(&bits, &v, 8);
    int ex = (int)((bits >> 52) & 0x7ff) - 1023;
    uint64_t mant = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    /* positive, in range, and no more than a float's 24 significant bits */
    if ((bits >> 63) || ex < -21 || ex > 23 || (mant & ((1ULL << 29) - 1)))
        return 0;
    uint64_t m = mant >> 29;
    int k = 23 - ex; /* v = m * 2^-k, 0 <= k <= 44 */
    int x = -7;
    while (x < 7 && v >= P10[x + 8])
        x++; /* 10^x <= v, give or take the rounding of P10: checked below */
    uint64_t q = 0;
    for (int tries = 0;; tries++) {
        if (tries == 3)
            return 0;
        int p = 16 - x; /* 8 .. 24 */
        unsigned __int128 n = (unsigned __int128)m * U10[p < 19 ? p : 19]; /* < 2^24 * 10^24 < 2^104 */
        if (p > 19)
            n *= U10[p - 19];
        q = (uint64_t)(n >> k); /* < 10^18 */
        if (q >= hi17) {
            x++; /* the estimate was one too low */
            continue;
        }
        if (q < lo17) {
            x--; /* one too high */
            continue;
        }
        if (k > 0) {
            unsigned __int128 r = n - ((unsigned __int128)q << k), half = (unsigned __int128)1 << (k - 1);
            if (r > half || (r == half && (q & 1)))
                q++;
        }
        if (q == hi17) {
            q = lo17; /* rounded up to the next power of ten */
            x++;
        }
        break;
    }
    char d[17];
    for (int i = 16; i >= 0; i--, q /= 10)
        d[i] = (char)('0' + q % 10);
    int nd = 17; /* significant digits once trailing zeros go */
    while (nd > 1 && d[nd - 1] == '0')
        nd--;
    size_t len = 0;
    if (x < -4) {
        /* d.ddde-0X (printf writes at least two exponent digits) */
        buf[len++] = d[0];
        if (nd > 1) {
            buf[len++] = '.';
            memcpy(buf + len, d + 1, (size_t)nd - 1);
            len += (size_t)nd - 1;
        }
        buf[len++] = 'e';
        buf[len++] = '-';
        buf[len++] = (char)('0' + (-x) / 10);
        buf[len++] = (char)('0' + (-x) % 10);
    } else if (x < 0) {
        /* 0.000ddd */
        buf[len++] = '0';
        buf[len++] = '.';
        for (int i = 0; i < -x - 1; i++)
            buf[len++] = '0';
        memcpy(buf + len, d, (size_t)nd);
        len += (size_t)nd;
    } else {
        /* ddd.ddd: x + 1 digits before the point */
        memcpy(buf, d, (size_t)x + 1);
        len = (size_t)x + 1;
        if (nd > x + 1) {
            buf[len++] = '.';
            memcpy(buf + len, d + x + 1, (size_t)(nd - x - 1));
            len += (size_t)(nd - x - 1);
        }
    }
    buf[len] = '\0';
    return len;
#else
    (void)v;
    (void)buf;
    return 0;
#endif
}

/* A real as jansson writes it (jsonp_dtostr with its default precision 17). */
static void jw_real(jw *w, double v)
{
    if (w->rc)
        return;
    if (!isfinite(v)) {
        w->rc = NG_EINVAL;
        return;
    }
    char buf[64];
    int n = (int)g17_float(v, buf);
    if (!n)
        n = snprintf(buf, sizeof buf - 3, "%.17g", v);
    if (n < 0 || (size_t)n >= sizeof buf - 3) {
        w->rc = NG_EINVAL;
        return;
    }
    size_t len = (size_t)n;
    if (!strchr(buf, '.') && !strchr(buf, 'e')) {
        memcpy(buf + len, ".0", 3);
        len += 2;
    }
    char *start = strchr(buf, 'e');
    if (start) {
        start++;
        char *end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, len - (size_t)(end - buf) + 1);
            len -= (size_t)(end - start);
        }
    }
    jw_put(w, buf, len);
}

/* Separators of the compact form. */
#define JW_COMMA(w) JW_LIT(w, ",")

int ng_doc_result_to_json(const ng_doc_result *r, char **out)
{
    *out = NULL;
    jw w = {{0}, 0};
    /* one allocation for most documents (the buffer doubles past it) */
    if ((w.b.data = malloc(4096))) {
        w.b.data[0] = '\0';
        w.b.cap = 4096;
    }
    JW_LIT(&w, "{\"newsgraph_result\":");
    jw_int(&w, NG_RESULT_FORMAT);
    JW_LIT(&w, ",\"path\":");
    jw_str_or_null(&w, r->path);
    JW_LIT(&w, ",\"title\":");
    jw_str_or_null(&w, r->title);
    JW_LIT(&w, ",\"date\":");
    jw_str_or_null(&w, r->date);
    JW_LIT(&w, ",\"date_source\":");
    jw_str_or_null(&w, r->date_source);
    JW_LIT(&w, ",\"format\":");
    jw_str_or_null(&w, r->format);
    JW_LIT(&w, ",\"sentences\":");
    jw_int(&w, r->nsents);
    /* mentions: [sent, start, end, tok_begin, tok_end, type, conf, text, canon] */
    JW_LIT(&w, ",\"mentions\":[");
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *m = &r->mentions.v[i];
        JW_OPEN(&w, i);
        jw_int(&w, m->sent);
        JW_COMMA(&w);
        jw_int(&w, m->start);
        JW_COMMA(&w);
        jw_int(&w, m->end);
        JW_COMMA(&w);
        jw_int(&w, m->tok_begin);
        JW_COMMA(&w);
        jw_int(&w, m->tok_end);
        JW_COMMA(&w);
        jw_int(&w, (int64_t)m->type);
        JW_COMMA(&w);
        jw_real(&w, (double)m->conf);
        JW_COMMA(&w);
        jw_str(&w, m->text);
        JW_COMMA(&w);
        jw_str(&w, m->canon);
        JW_LIT(&w, "]");
    }
    /* timexes: [sent, start, end, text, type, value] */
    JW_LIT(&w, "],\"timexes\":[");
    for (size_t i = 0; i < r->timexes.n; i++) {
        const ng_timex_m *t = &r->timexes.v[i];
        JW_OPEN(&w, i);
        jw_int(&w, t->sent);
        JW_COMMA(&w);
        jw_int(&w, t->start);
        JW_COMMA(&w);
        jw_int(&w, t->end);
        JW_COMMA(&w);
        jw_str(&w, t->text);
        JW_COMMA(&w);
        jw_str(&w, t->type);
        JW_COMMA(&w);
        jw_str(&w, t->value);
        JW_LIT(&w, "]");
    }
    /* roles: [person, title, of, of_name|null, of_type, sent, start, end] */
    JW_LIT(&w, "],\"roles\":[");
    for (size_t i = 0; i < r->roles.n; i++) {
        const ng_role_m *x = &r->roles.v[i];
        JW_OPEN(&w, i);
        jw_int(&w, x->person);
        JW_COMMA(&w);
        jw_str(&w, x->title);
        JW_COMMA(&w);
        jw_int(&w, x->of);
        JW_COMMA(&w);
        jw_str_or_null(&w, x->of_name);
        JW_COMMA(&w);
        jw_int(&w, (int64_t)x->of_type);
        JW_COMMA(&w);
        jw_int(&w, x->sent);
        JW_COMMA(&w);
        jw_int(&w, x->start);
        JW_COMMA(&w);
        jw_int(&w, x->end);
        JW_LIT(&w, "]");
    }
    /* events: [kind, label, sent, start, end, timex, place, [[mention, role(, name)]...],
     * antecedent, trig_start, trig_end] */
    JW_LIT(&w, "],\"events\":[");
    for (size_t i = 0; i < r->events.n; i++) {
        const ng_event_m *e = &r->events.v[i];
        JW_OPEN(&w, i);
        jw_str(&w, e->kind);
        JW_COMMA(&w);
        jw_str(&w, e->label);
        JW_COMMA(&w);
        jw_int(&w, e->sent);
        JW_COMMA(&w);
        jw_int(&w, e->start);
        JW_COMMA(&w);
        jw_int(&w, e->end);
        JW_COMMA(&w);
        jw_int(&w, e->timex);
        JW_COMMA(&w);
        jw_int(&w, e->place);
        JW_LIT(&w, ",[");
        for (size_t k = 0; k < e->parts.n; k++) {
            const ng_part_m *pm = &e->parts.v[k];
            JW_OPEN(&w, k);
            jw_int(&w, pm->mention);
            JW_COMMA(&w);
            jw_str(&w, pm->role);
            if (pm->name[0]) {
                JW_COMMA(&w);
                jw_str(&w, pm->name);
            }
            JW_LIT(&w, "]");
        }
        JW_LIT(&w, "],");
        jw_int(&w, e->antecedent);
        JW_COMMA(&w);
        jw_int(&w, e->trig_start);
        JW_COMMA(&w);
        jw_int(&w, e->trig_end);
        JW_LIT(&w, "]");
    }
    JW_LIT(&w, "]");
    /* refs: [mention, name, text, rule, sent, start, end], only when there are some */
    if (r->refs.n) {
        JW_LIT(&w, ",\"refs\":[");
        for (size_t i = 0; i < r->refs.n; i++) {
            const ng_ref_m *f = &r->refs.v[i];
            JW_OPEN(&w, i);
            jw_int(&w, f->mention);
            JW_COMMA(&w);
            jw_str(&w, f->name);
            JW_COMMA(&w);
            jw_str(&w, f->text);
            JW_COMMA(&w);
            jw_str(&w, f->rule);
            JW_COMMA(&w);
            jw_int(&w, f->sent);
            JW_COMMA(&w);
            jw_int(&w, f->start);
            JW_COMMA(&w);
            jw_int(&w, f->end);
            JW_LIT(&w, "]");
        }
        JW_LIT(&w, "]");
    }
    JW_LIT(&w, "}");
    if (w.rc) {
        ng_buf_free(&w.b);
        return ng_error_set(NG_ENOMEM, "cannot serialize a result (out of memory or invalid text)");
    }
    *out = ng_buf_detach(&w.b);
    return 0;
}

/* Copy a JSON string or null into r's arena; *ok cleared on a wrong type or ENOMEM. */
static char *get_str(ng_doc_result *r, json_t *v, int *ok)
{
    if (!v || json_is_null(v))
        return NULL;
    const char *s = json_string_value(v);
    char *d = s ? ng_arena_strdup(&r->strs, s) : NULL;
    if (!d)
        *ok = 0;
    return d;
}

int ng_doc_result_from_json(ng_doc_result **out, const char *line, size_t len)
{
    *out = NULL;
    json_error_t err;
    json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &err);
    if (!o)
        return ng_error_set(NG_EFORMAT, "not a result line: %s (column %d)", err.text, err.column);
    ng_doc_result *r = calloc(1, sizeof *r);
    int ok = r != NULL;
    if (!ok || json_integer_value(json_object_get(o, "newsgraph_result")) != NG_RESULT_FORMAT) {
        json_decref(o);
        free(r);
        return ng_error_set(NG_EFORMAT, "not a newsgraph result line (or another version)");
    }
    r->path = get_str(r, json_object_get(o, "path"), &ok);
    r->title = get_str(r, json_object_get(o, "title"), &ok);
    r->date = get_str(r, json_object_get(o, "date"), &ok);
    r->date_source = get_str(r, json_object_get(o, "date_source"), &ok);
    r->format = get_str(r, json_object_get(o, "format"), &ok);
    r->nsents = (uint32_t)json_integer_value(json_object_get(o, "sentences"));
    size_t i;
    json_t *a;
    json_array_foreach(json_object_get(o, "mentions"), i, a) {
        ng_mention m = {0};
        json_int_t s, st, en, tb, te, ty;
        double conf;
        const char *text, *canon;
        if (!ok || json_unpack(a, "[IIIIIIFss]", &s, &st, &en, &tb, &te, &ty, &conf, &text, &canon) || ty < 0 ||
            ty >= NG_TYPE_COUNT || en < st) {
            ok = 0;
            break;
        }
        m.sent = (uint32_t)s, m.start = (uint32_t)st, m.end = (uint32_t)en;
        m.tok_begin = (uint32_t)tb, m.tok_end = (uint32_t)te, m.type = (ng_type)ty, m.conf = (float)conf;
        m.text = ng_arena_strdup(&r->strs, text);
        m.canon = strcmp(canon, text) == 0 ? m.text : ng_arena_strdup(&r->strs, canon);
        if (!m.text || !m.canon || ng_vec_push(r->mentions, m))
            ok = 0;
    }
    json_array_foreach(json_object_get(o, "timexes"), i, a) {
        ng_timex_m t = {0};
        json_int_t s, st, en;
        const char *text, *type, *value;
        if (!ok || json_unpack(a, "[IIIsss]", &s, &st, &en, &text, &type, &value)) {
            ok = 0;
            break;
        }
        t.sent = (uint32_t)s, t.start = (uint32_t)st, t.end = (uint32_t)en;
        snprintf(t.type, sizeof t.type, "%s", type);
        snprintf(t.value, sizeof t.value, "%s", value);
        t.text = ng_strdup(text);
        if (!t.text || ng_vec_push(r->timexes, t)) {
            free(t.text);
            ok = 0;
        }
    }
    json_array_foreach(json_object_get(o, "roles"), i, a) {
        ng_role_m x = {0};
        json_int_t person, of, oft, s, st, en;
        const char *title;
        json_t *ofn;
        if (!ok || json_unpack(a, "[IsIoIIII]", &person, &title, &of, &ofn, &oft, &s, &st, &en) || person < 0 ||
            (size_t)person >= r->mentions.n || of < -1 || of >= (json_int_t)r->mentions.n || oft < 0 || oft >= NG_TYPE_COUNT) {
            ok = 0;
            break;
        }
        x.person = person, x.of = of, x.of_type = (ng_type)oft;
        x.sent = (uint32_t)s, x.start = (uint32_t)st, x.end = (uint32_t)en;
        x.title = ng_arena_strdup(&r->strs, title);
        x.of_name = get_str(r, ofn, &ok);
        if (!x.title || ng_vec_push(r->roles, x))
            ok = 0;
    }
    json_array_foreach(json_object_get(o, "events"), i, a) {
        ng_event_m e = {0};
        json_int_t s, st, en, tx, pl;
        const char *kind, *label;
        json_t *parts;
        if (!ok || json_unpack(a, "[ssIIIIIo]", &kind, &label, &s, &st, &en, &tx, &pl, &parts) ||
            tx < -1 || tx >= (json_int_t)r->timexes.n || pl < -1 || pl >= (json_int_t)r->mentions.n) {
            ok = 0;
            break;
        }
        e.sent = (uint32_t)s, e.start = (uint32_t)st, e.end = (uint32_t)en, e.timex = tx, e.place = pl;
        if (json_array_size(a) == 11) {
            /* antecedent (1 + an earlier event, 0: none) and the trigger's offsets */
            json_int_t an = json_integer_value(json_array_get(a, 8));
            if (an < 0 || an > (json_int_t)r->events.n) {
                ok = 0;
                break;
            }
            e.antecedent = (uint32_t)an;
            e.trig_start = (uint32_t)json_integer_value(json_array_get(a, 9));
            e.trig_end = (uint32_t)json_integer_value(json_array_get(a, 10));
        }
        e.kind = ng_arena_strdup(&r->strs, kind);
        e.label = ng_arena_strdup(&r->strs, label);
        size_t k;
        json_t *p;
        json_array_foreach(parts, k, p) {
            json_int_t mi;
            const char *role, *name = "";
            if ((json_array_size(p) == 3 ? json_unpack(p, "[Iss]", &mi, &role, &name) : json_unpack(p, "[Is]", &mi, &role)) ||
                mi < -1 || (mi < 0 && !name[0]) || mi >= (json_int_t)r->mentions.n) {
                ok = 0;
                break;
            }
            ng_part_m pm = {0};
            pm.mention = mi;
            snprintf(pm.role, sizeof pm.role, "%s", role);
            snprintf(pm.name, sizeof pm.name, "%s", name);
            if (ng_vec_push(e.parts, pm))
                ok = 0;
        }
        if (!e.kind || !e.label || ng_vec_push(r->events, e)) {
            free(e.parts.v);
            ok = 0;
        }
    }
    json_array_foreach(json_object_get(o, "refs"), i, a) {
        ng_ref_m f = {0};
        json_int_t mi, s, st, en;
        const char *name, *text, *rule;
        if (!ok || json_unpack(a, "[IsssIII]", &mi, &name, &text, &rule, &s, &st, &en) || mi < -1 ||
            mi >= (json_int_t)r->mentions.n) {
            ok = 0;
            break;
        }
        f.mention = mi;
        snprintf(f.name, sizeof f.name, "%s", name);
        snprintf(f.text, sizeof f.text, "%s", text);
        snprintf(f.rule, sizeof f.rule, "%s", rule);
        f.sent = (uint32_t)s, f.start = (uint32_t)st, f.end = (uint32_t)en;
        if (ng_vec_push(r->refs, f))
            ok = 0;
    }
    json_decref(o);
    if (!ok) {
        ng_doc_result_free(r);
        return ng_error_set(NG_EFORMAT, "malformed result line");
    }
    int rc = ng_doc_result_resolve(r); /* not serialized: the reader runs the pass again */
    if (rc) {
        ng_doc_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
