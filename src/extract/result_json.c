/* result_json.c - one document's extraction result as one JSON line and back, for the
 * map/reduce mode (`newsgraph extract` | `newsgraph merge`).  Round trips exactly:
 * merge(extract(A), extract(B)) builds the same model as one run over A and B. */
#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>
#include "result.h"

#define NG_RESULT_FORMAT 1

#define SET(obj, key, val)                                                                                         \
    do {                                                                                                           \
        if (json_object_set_new((obj), (key), (val)))                                                              \
            goto fail;                                                                                             \
    } while (0)
#define APPEND(arr, val)                                                                                           \
    do {                                                                                                           \
        if (json_array_append_new((arr), (val)))                                                                   \
            goto fail;                                                                                             \
    } while (0)

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

int ng_doc_result_to_json(const ng_doc_result *r, char **out)
{
    *out = NULL;
    json_t *o = json_object(), *ms = json_array(), *tx = json_array(), *ro = json_array(), *ev = json_array();
    if (!o || !ms || !tx || !ro || !ev) {
        json_decref(ms);
        json_decref(tx);
        json_decref(ro);
        json_decref(ev);
        goto fail;
    }
    SET(o, "newsgraph_result", json_integer(NG_RESULT_FORMAT));
    SET(o, "path", str_or_null(r->path));
    SET(o, "title", str_or_null(r->title));
    SET(o, "date", str_or_null(r->date));
    SET(o, "date_source", str_or_null(r->date_source));
    SET(o, "format", str_or_null(r->format));
    SET(o, "sentences", json_integer(r->nsents));
    SET(o, "mentions", ms);
    SET(o, "timexes", tx);
    SET(o, "roles", ro);
    SET(o, "events", ev);
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *m = &r->mentions.v[i];
        json_t *a = json_pack("[IIIIIIfss]", (json_int_t)m->sent, (json_int_t)m->start, (json_int_t)m->end,
                              (json_int_t)m->tok_begin, (json_int_t)m->tok_end, (json_int_t)m->type,
                              (double)m->conf, m->text, m->canon);
        if (!a)
            goto fail;
        APPEND(ms, a);
    }
    for (size_t i = 0; i < r->timexes.n; i++) {
        const ng_timex_m *t = &r->timexes.v[i];
        json_t *a = json_pack("[IIIsss]", (json_int_t)t->sent, (json_int_t)t->start, (json_int_t)t->end, t->text,
                              t->type, t->value);
        if (!a)
            goto fail;
        APPEND(tx, a);
    }
    for (size_t i = 0; i < r->roles.n; i++) {
        const ng_role_m *x = &r->roles.v[i];
        json_t *a = json_pack("[IsIoIIII]", (json_int_t)x->person, x->title, (json_int_t)x->of,
                              str_or_null(x->of_name), (json_int_t)x->of_type, (json_int_t)x->sent,
                              (json_int_t)x->start, (json_int_t)x->end);
        if (!a)
            goto fail;
        APPEND(ro, a);
    }
    for (size_t i = 0; i < r->events.n; i++) {
        const ng_event_m *e = &r->events.v[i];
        json_t *parts = json_array();
        if (!parts)
            goto fail;
        for (size_t k = 0; k < e->parts.n; k++) {
            const ng_part_m *pm = &e->parts.v[k];
            json_t *p = pm->name[0] ? json_pack("[Iss]", (json_int_t)pm->mention, pm->role, pm->name)
                                    : json_pack("[Is]", (json_int_t)pm->mention, pm->role);
            if (!p || json_array_append_new(parts, p)) {
                json_decref(parts);
                goto fail;
            }
        }
        json_t *a = json_pack("[ssIIIIIoIII]", e->kind, e->label, (json_int_t)e->sent, (json_int_t)e->start,
                              (json_int_t)e->end, (json_int_t)e->timex, (json_int_t)e->place, parts,
                              (json_int_t)e->antecedent, (json_int_t)e->trig_start, (json_int_t)e->trig_end);
        if (!a)
            goto fail;
        APPEND(ev, a);
    }
    if (r->refs.n) {
        json_t *rf = json_array();
        if (!rf || json_object_set_new(o, "refs", rf))
            goto fail;
        for (size_t i = 0; i < r->refs.n; i++) {
            const ng_ref_m *f = &r->refs.v[i];
            json_t *a = json_pack("[IsssIII]", (json_int_t)f->mention, f->name, f->text, f->rule, (json_int_t)f->sent,
                                  (json_int_t)f->start, (json_int_t)f->end);
            if (!a)
                goto fail;
            APPEND(rf, a);
        }
    }
    *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return *out ? 0 : ng_error_set(NG_ENOMEM, "out of memory");
fail:
    json_decref(o);
    return ng_error_set(NG_ENOMEM, "cannot serialize a result (out of memory or invalid text)");
}

/* Copy a JSON string or null; *ok cleared on a wrong type or ENOMEM. */
static char *get_str(json_t *v, int *ok)
{
    if (!v || json_is_null(v))
        return NULL;
    const char *s = json_string_value(v);
    char *d = s ? ng_strdup(s) : NULL;
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
    r->path = get_str(json_object_get(o, "path"), &ok);
    r->title = get_str(json_object_get(o, "title"), &ok);
    r->date = get_str(json_object_get(o, "date"), &ok);
    r->date_source = get_str(json_object_get(o, "date_source"), &ok);
    r->format = get_str(json_object_get(o, "format"), &ok);
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
        m.text = ng_strdup(text);
        m.canon = ng_strdup(canon);
        if (!m.text || !m.canon || ng_vec_push(r->mentions, m)) {
            free(m.text);
            free(m.canon);
            ok = 0;
        }
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
        x.title = ng_strdup(title);
        x.of_name = get_str(ofn, &ok);
        if (!x.title || ng_vec_push(r->roles, x)) {
            free(x.title);
            free(x.of_name);
            ok = 0;
        }
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
        e.kind = ng_strdup(kind);
        e.label = ng_strdup(label);
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
            free(e.kind);
            free(e.label);
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
    *out = r;
    return 0;
}
