/* merge.c - ng_model_finish(): cross-document entity merging (user rules, "Name (ACR)",
 * middle initials, surname -> the only full name, acronym -> the only expansion), dropping
 * unconfirmed weak names, event merging with date conflicts, chronological order,
 * relations and the read-only views.
 *
 * Every merge pass is linear in the number of entities or events: candidates are found
 * through hash maps keyed by a name, a last word, initials, or (event kind, participant),
 * never by comparing all pairs. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "model_internal.h"

/* The entity that i was merged into (i itself if not merged). */
static size_t resolve(const ng_model *m, size_t i)
{
    while (m->ents.v[i].redirect != i)
        i = m->ents.v[i].redirect;
    return i;
}

/* The type with the most votes (the first type on a tie with none). */
static ng_type main_type(const ent_t *e)
{
    ng_type t = e->first_type;
    float best = -1;
    for (int k = 0; k < NG_TYPE_COUNT; k++)
        if (e->votes[k] > best) {
            best = e->votes[k];
            t = (ng_type)k;
        }
    return best > 0 ? t : e->first_type;
}

static int is_person(const ent_t *e)
{
    return e->votes[NG_PERSON] >= e->votes[NG_ORG] && e->votes[NG_PERSON] >= e->votes[NG_PLACE] &&
           e->votes[NG_PERSON] > 0;
}

/* The last word of a name. */
static const char *last_word(const char *s)
{
    const char *sp = strrchr(s, ' ');
    return sp ? sp + 1 : s;
}

/* Merge two ascending document lists into a (linear). */
static int merge_docs(ent_t *a, const ent_t *b)
{
    size_t n = a->docs.n + b->docs.n, i = 0, k = 0, w = 0;
    if (!b->docs.n)
        return 0;
    uint32_t *v = malloc(n * sizeof *v);
    if (!v)
        return NG_ENOMEM;
    while (i < a->docs.n || k < b->docs.n) {
        uint32_t x;
        if (k >= b->docs.n || (i < a->docs.n && a->docs.v[i] <= b->docs.v[k])) {
            x = a->docs.v[i++];
            if (k < b->docs.n && b->docs.v[k] == x)
                k++;
        } else {
            x = b->docs.v[k++];
        }
        v[w++] = x;
    }
    free(a->docs.v);
    a->docs.v = v;
    a->docs.n = w;
    a->docs.cap = n;
    return 0;
}

/* Move everything of entity `from` into `into` and log it. */
static int merge_into(ng_model *m, size_t from, size_t into, const char *rule, const char *evidence)
{
    ent_t *a = &m->ents.v[into], *b = &m->ents.v[from];
    int rc = 0;
    for (size_t i = 0; i < b->ments.n && !rc; i++)
        if (a->ments.n < m->max_mentions && ng_vec_push(a->ments, b->ments.v[i]))
            rc = NG_ENOMEM;
    a->total += b->total;
    if (!rc)
        rc = merge_docs(a, b);
    for (size_t i = 0; i < b->roles.n && !rc; i++)
        if (ng_vec_push(a->roles, b->roles.v[i]))
            rc = NG_ENOMEM;
    if (!rc)
        b->roles.n = 0;
    for (size_t i = 0; i < b->refs.n && !rc; i++)
        if (ng_vec_push(a->refs, b->refs.v[i]))
            rc = NG_ENOMEM;
    if (!rc)
        b->refs.n = 0;
    for (int t = 0; t < NG_TYPE_COUNT; t++)
        a->votes[t] += b->votes[t];
    a->confirmed |= b->confirmed;
    a->referenced |= b->referenced;
    b->redirect = into;
    if (rc)
        return ng_error_set(NG_ENOMEM, "out of memory");
    /* aliases: b's name and b's aliases */
    if ((rc = ng_model_add_alias(a, b->name, rule)))
        return rc;
    for (size_t i = 0; i < b->aliases.n; i++) {
        if ((rc = ng_model_add_alias(a, b->aliases.v[i].name, b->aliases.v[i].rule)))
            return rc;
    }
    return ng_model_log_merge(m, into, b->name, rule, evidence);
}

/* Would merging roots a and b (with the name `alias` joining) break a never-merge pair? */
static int forbidden(const ng_model *m, size_t a, size_t b)
{
    const ent_t *x = &m->ents.v[a], *y = &m->ents.v[b];
    if (!m->never.n)
        return 0;
    if (ng_aliases_never(m, x->name, y->name))
        return 1;
    for (size_t i = 0; i < y->aliases.n; i++)
        if (ng_aliases_never(m, x->name, y->aliases.v[i].name))
            return 1;
    for (size_t i = 0; i < x->aliases.n; i++)
        if (ng_aliases_never(m, x->aliases.v[i].name, y->name))
            return 1;
    return 0;
}

/* The user's "merge" lines: aliases into the canonical entity (renaming when only aliases occur). */
static int user_merges(ng_model *m)
{
    ng_map alias_of = {0};
    int rc = 0;
    if (!m->user_merges.n)
        return 0;
    for (size_t i = 0; i < m->ents.n && !rc; i++)
        for (size_t k = 0; k < m->ents.v[i].aliases.n && !rc; k++) {
            const char *a = m->ents.v[i].aliases.v[k].name;
            if (!ng_map_get(&alias_of, a, strlen(a), NULL))
                rc = ng_map_put(&alias_of, a, strlen(a), i);
        }
    for (size_t u = 0; u < m->user_merges.n && !rc; u++) {
        const user_merge_t *um = &m->user_merges.v[u];
        size_t ai, ci;
        if (!ng_map_get(&m->by_name, um->alias, strlen(um->alias), &ai) &&
            !ng_map_get(&alias_of, um->alias, strlen(um->alias), &ai))
            continue;
        ai = resolve(m, ai);
        char ev[512];
        snprintf(ev, sizeof ev, "'%s' is listed as an alias of '%s' in the aliases file", um->alias, um->canon);
        if (ng_map_get(&m->by_name, um->canon, strlen(um->canon), &ci) ||
            ng_map_get(&alias_of, um->canon, strlen(um->canon), &ci)) {
            ci = resolve(m, ci);
            if (ci != ai)
                rc = merge_into(m, ai, ci, "user", ev);
            continue;
        }
        /* the canonical name occurs nowhere: the alias's entity takes it */
        ent_t *e = &m->ents.v[ai];
        char *nn = ng_strdup(um->canon);
        if (!nn) {
            rc = ng_error_set(NG_ENOMEM, "out of memory");
            break;
        }
        char *old = e->name;
        e->name = nn;
        rc = ng_model_add_alias(e, old, "user");
        if (!rc)
            rc = ng_map_put(&m->by_name, nn, strlen(nn), ai);
        if (!rc)
            rc = ng_model_log_merge(m, ai, old, "user", ev);
        free(old);
    }
    ng_map_free(&alias_of);
    return rc;
}

/* "Long Name (ACR)" seen in a text: the entity called ACR joins the long name's entity. */
static int explicit_acronyms(ng_model *m)
{
    int rc = 0;
    for (size_t i = 0; i < m->acronyms.n && !rc; i++) {
        const acr_t *a = &m->acronyms.v[i];
        size_t ai;
        if (!ng_map_get(&m->by_name, a->acr, strlen(a->acr), &ai))
            continue;
        size_t x = resolve(m, a->ent), y = resolve(m, ai);
        if (x == y || main_type(&m->ents.v[y]) == NG_PERSON || main_type(&m->ents.v[x]) == NG_PERSON ||
            forbidden(m, x, y))
            continue;
        char ev[512];
        snprintf(ev, sizeof ev, "'(%s)' follows '%s' in %s", a->acr, m->ents.v[x].name, m->docs.v[a->doc].path);
        rc = merge_into(m, y, x, "acronym", ev);
    }
    return rc;
}

/* Is w an initial ("J." or "J")? */
static int is_initial(const char *w, size_t n)
{
    return (n == 1 || (n == 2 && w[1] == '.')) && w[0] >= 'A' && w[0] <= 'Z';
}

/* "First M. Last" is "First Last" when that name exists (persons). */
static int middle_initials(ng_model *m)
{
    int rc = 0;
    ng_buf k = {0};
    for (size_t i = 0; i < m->ents.n && !rc; i++) {
        ent_t *e = &m->ents.v[i];
        const char *first_sp = strchr(e->name, ' '), *last_sp = strrchr(e->name, ' ');
        if (e->redirect != i || !first_sp || first_sp == last_sp || !is_person(e))
            continue;
        int ok = 1;
        for (const char *p = first_sp + 1; p < last_sp && ok;) {
            const char *q = strchr(p, ' ');
            ok = is_initial(p, (size_t)(q - p));
            p = q + 1;
        }
        if (!ok)
            continue;
        k.len = 0;
        if ((rc = ng_buf_printf(&k, "%.*s%s", (int)(first_sp - e->name), e->name, last_sp)))
            break;
        size_t j;
        if (!ng_map_get(&m->by_name, k.data, k.len, &j))
            continue;
        j = resolve(m, j);
        if (j == i || !is_person(&m->ents.v[j]) || forbidden(m, i, j))
            continue;
        char ev[512];
        snprintf(ev, sizeof ev, "'%s' is '%s' with middle initials", e->name, m->ents.v[j].name);
        rc = merge_into(m, i, j, "initials", ev);
    }
    ng_buf_free(&k);
    return rc;
}

/* One-word names that are the surname of exactly one confirmed full name (across the
 * collection) become its aliases; with two full names sharing it, nothing is merged. */
static int merge_surnames(ng_model *m)
{
    ng_map last = {0}; /* last word -> index+1 of the unique full name, or 0 when ambiguous */
    int rc = 0;
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        if (e->redirect != i || !strchr(e->name, ' ') || !is_person(e) || !e->confirmed)
            continue;
        const char *lw = last_word(e->name);
        size_t v;
        if (ng_map_get(&last, lw, strlen(lw), &v))
            rc = ng_map_put(&last, lw, strlen(lw), 0); /* ambiguous */
        else
            rc = ng_map_put(&last, lw, strlen(lw), i + 1);
        if (rc)
            goto done;
    }
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        if (strchr(e->name, ' ') || e->redirect != i)
            continue;
        if (!is_person(e) && e->confirmed)
            continue;
        size_t v;
        if (!ng_map_get(&last, e->name, strlen(e->name), &v) || v == 0)
            continue;
        size_t into = resolve(m, v - 1);
        if (into == i || forbidden(m, i, into))
            continue;
        char ev[512];
        snprintf(ev, sizeof ev, "'%s' is the last word of '%s', the only such person", e->name, m->ents.v[into].name);
        if ((rc = merge_into(m, i, into, "surname", ev)))
            goto done;
    }
done:
    ng_map_free(&last);
    return rc;
}

/* Initials of the capitalized words of a name ("World Health Organization" ->
 * "WHO"); 0 if fewer than two. */
static size_t initials(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = name; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        if (*p >= 'A' && *p <= 'Z' && n + 1 < cap)
            out[n++] = *p;
        while (*p && *p != ' ')
            p++;
    }
    out[n] = '\0';
    return n >= 2 ? n : 0;
}

/* An acronym written in capitals ("WHO", "E.U."): its letters, or 0. */
static size_t acronym_letters(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = name; *p; p++) {
        if (*p == '.')
            continue;
        if (*p < 'A' || *p > 'Z' || n + 1 >= cap)
            return 0;
        out[n++] = *p;
    }
    out[n] = '\0';
    return n >= 2 && n <= 8 ? n : 0;
}

/* An acronym and the only organization whose initials spell it are one entity (the one
 * named more often keeps its name). */
static int merge_acronyms(ng_model *m)
{
    ng_map exp = {0}; /* initials -> index+1 of the only expansion, 0 if several */
    int rc = 0;
    char buf[64];
    for (size_t i = 0; i < m->ents.n && !rc; i++) {
        ent_t *e = &m->ents.v[i];
        if (e->redirect != i || !strchr(e->name, ' ') || main_type(e) != NG_ORG || !initials(e->name, buf, sizeof buf))
            continue;
        size_t v;
        rc = ng_map_put(&exp, buf, strlen(buf), ng_map_get(&exp, buf, strlen(buf), &v) ? 0 : i + 1);
    }
    for (size_t i = 0; i < m->ents.n && !rc && exp.n; i++) {
        ent_t *e = &m->ents.v[i];
        size_t v;
        if (e->redirect != i || strchr(e->name, ' ') || main_type(e) != NG_ORG ||
            !acronym_letters(e->name, buf, sizeof buf) || !ng_map_get(&exp, buf, strlen(buf), &v) || !v)
            continue;
        size_t x = resolve(m, v - 1);
        if (x == i || forbidden(m, i, x))
            continue;
        char ev[512];
        snprintf(ev, sizeof ev, "'%s' spells the initials of '%s', the only such organization", e->name,
                 m->ents.v[x].name);
        if (m->ents.v[i].total > m->ents.v[x].total)
            rc = merge_into(m, x, i, "acronym", ev);
        else
            rc = merge_into(m, i, x, "acronym", ev);
    }
    ng_map_free(&exp);
    return rc;
}

/* atol(s): the leading digits by hand when s starts with a few of them (event merging
 * compares publication dates a few hundred thousand times, and strtol is general). */
static long lead_num(const char *s)
{
    long v = 0;
    int n = 0;
    for (; s[n] >= '0' && s[n] <= '9' && n < 18; n++)
        v = v * 10 + (s[n] - '0');
    return n && n < 18 ? v : atol(s);
}

/* (y, m, d) sort key of a TIMEX3 date value; 0 when it has none. */
static long date_key(const char *v)
{
    if (!v || strlen(v) < 4)
        return 0;
    for (int i = 0; i < 4; i++)
        if (v[i] < '0' || v[i] > '9')
            return 0;
    long y = lead_num(v), mo = 1, d = 1;
    if (v[4] == '-' && v[5] >= '0' && v[5] <= '9') {
        mo = lead_num(v + 5);
        if (v[7] == '-' && v[8] >= '0' && v[8] <= '9')
            d = lead_num(v + 8);
    } else if (v[4] == '-' && v[5] == 'W') {
        long w = lead_num(v + 6);
        long doy = (w - 1) * 7 + 1; /* approximate start of the ISO week */
        mo = doy / 31 + 1;
        d = doy % 31 + 1;
    } else if (v[4] == '-' && v[5] == 'Q') {
        mo = (lead_num(v + 6) - 1) * 3 + 1;
    }
    return y * 10000 + mo * 100 + d;
}

/* Precision of a TIMEX3 value (the model does not depend on the time tagger). */
static ng_precision precision_of(const char *v)
{
    long k = date_key(v);
    if (!k)
        return NG_PREC_NONE;
    size_t n = strlen(v);
    if (n == 4)
        return NG_PREC_YEAR;
    if (v[5] == 'W')
        return NG_PREC_WEEK;
    if (n == 7)
        return NG_PREC_MONTH;
    if (n == 10)
        return NG_PREC_DAY;
    return n > 10 && v[10] == 'T' ? NG_PREC_TIME : NG_PREC_MONTH;
}

/* Days since 1970-01-01 of a YYYY-MM-DD value (its first 10 characters); -1e9 if not one. */
static long day_number(const char *v)
{
    if (!v || strlen(v) < 10 || v[4] != '-' || v[7] != '-' || v[5] < '0' || v[5] > '9')
        return -1000000000L;
    long y = lead_num(v), mo = lead_num(v + 5), d = lead_num(v + 8);
    y -= mo <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Kinds that name the same sort of event ("negotiations" and "talks"). */
static const char *kind_family(const char *k)
{
    return strcmp(k, "negotiations") == 0 ? "talks" : k;
}

/* Number of shared participants, counted up to `enough`. */
static size_t parts_overlap(const ev_t *a, const ev_t *b, size_t enough)
{
    size_t n = 0;
    for (size_t i = 0; i < a->parts.n && n < enough; i++)
        for (size_t k = 0; k < b->parts.n; k++)
            if (a->parts.v[i].ent == b->parts.v[k].ent) {
                n++;
                break;
            }
    return n;
}

int ng_model_merge_events(ng_model *m, ev_t *a, ev_t *b, int conflict)
{
    int rc;
    for (size_t i = 0; i < b->parts.n; i++) {
        int seen = 0;
        for (size_t k = 0; k < a->parts.n; k++)
            seen |= a->parts.v[k].ent == b->parts.v[i].ent;
        if (!seen && ng_vec_push(a->parts, b->parts.v[i]))
            return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < b->mentions.n; i++)
        if ((rc = ng_model_event_mention(m, a, b->mentions.v[i])))
            return rc;
    a->total += b->total - b->mentions.n; /* what b saw but did not keep */
    free(b->mentions.v);
    b->mentions.v = NULL;
    b->mentions.n = b->mentions.cap = 0;
    if (a->place < 0)
        a->place = b->place;
    if (!a->date && b->date) {
        a->date = b->date;
        a->anchor_doc = b->anchor_doc;
        b->date = NULL;
    } else if (a->date && b->date && !conflict && strlen(b->date) > strlen(a->date)) {
        /* the finer of two compatible dates (2024-07 inside 2024) */
        const char *t = a->date;
        a->date = b->date;
        b->date = t;
        a->anchor_doc = b->anchor_doc;
    } else if (conflict && b->date) {
        int known = strcmp(a->date, b->date) == 0;
        for (size_t i = 0; i < a->other_dates.n; i++)
            known |= strcmp(a->other_dates.v[i], b->date) == 0;
        if (!known && ng_vec_push(a->other_dates, b->date)) /* pooled: shared, not copied */
            return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < b->other_dates.n; i++) {
        if (ng_vec_push(a->other_dates, b->other_dates.v[i]))
            return ng_error_set(NG_ENOMEM, "out of memory");
    }
    b->other_dates.n = 0;
    b->merged = 1;
    return 0;
}

/* What same_event() reads of an event, packed in one cache line per event (the buckets
 * of a 100 MB corpus hold tens of thousands of events, and a scan judges up to
 * NG_EVENT_BUCKET_SCAN of them per key, nearly every one a cache miss): its date with its
 * length and day number computed once, the day of its document, and p[] with the first
 * SIG_PARTS participants (with more, or with an index of 32 bits or more, `listed` is set
 * and same_event() reads the list).  The kind family is not kept: a bucket's key holds it,
 * so every candidate of a scan has the family of the event it is compared with. */
#define SIG_PARTS 6
typedef struct {
    int64_t place;
    const char *date;  /* the event's date (pooled), or NULL */
    long date_day;     /* day_number() of date */
    long doc_day;      /* publication day of the anchor document (doc_day[]), when doc_dated */
    uint32_t p[SIG_PARTS];
    uint32_t doc;      /* anchor document */
    uint8_t np;        /* participants, UINT8_MAX for that many or more (then listed) */
    uint8_t date_len;  /* strlen(date), UINT8_MAX for that long or longer (then measured) */
    uint8_t doc_dated : 1, merged : 1, listed : 1;
} ev_sig;
_Static_assert(sizeof(ev_sig) <= 64, "an event's packed record fits one cache line");

/* doc_day: day_number() of each document's date (computed once). */
static void sig_of(const ng_model *m, const long *doc_day, const ev_t *e, ev_sig *s)
{
    memset(s, 0, sizeof *s);
    s->place = e->place;
    s->np = e->parts.n > UINT8_MAX ? UINT8_MAX : (uint8_t)e->parts.n;
    s->listed = e->parts.n > SIG_PARTS;
    for (size_t i = 0; i < SIG_PARTS && i < e->parts.n; i++) {
        s->listed |= e->parts.v[i].ent >= UINT32_MAX;
        s->p[i] = (uint32_t)e->parts.v[i].ent;
    }
    s->date = e->date;
    if (e->date) {
        size_t n = strlen(e->date);
        s->date_len = n > UINT8_MAX ? UINT8_MAX : (uint8_t)n;
        s->date_day = day_number(e->date);
    }
    s->doc = e->anchor_doc;
    s->doc_dated = m->docs.v[e->anchor_doc].date != NULL;
    s->doc_day = doc_day[e->anchor_doc];
    s->merged = (uint8_t)(e->merged != 0);
}

/* How the dates of two events relate: 0 the same or one contains the other (2024,
 * 2024-07), 1 two different days at most a week apart (sources disagreeing), 2 different
 * dates.  Dates are pooled: the same pointer is the same date. */
static int date_relation(const ev_sig *a, const ev_sig *b)
{
    size_t la = a->date_len < UINT8_MAX ? a->date_len : strlen(a->date);
    size_t lb = b->date_len < UINT8_MAX ? b->date_len : strlen(b->date), n = la < lb ? la : lb;
    if ((a->date == b->date || strncmp(a->date, b->date, n) == 0) && (la == lb || n == 4 || n == 7))
        return 0;
    long da = a->date_day, db = b->date_day;
    if (da > -1000000000L && db > -1000000000L && labs(da - db) <= 7)
        return 1;
    return 2;
}

/* Can events a and b (their packed records, and b's participants) be the same event?
 * Both are of one kind family (they share a bucket).  Sets *conflict when their dates
 * disagree. */
static int same_event(const ev_sig *a, const ev_sig *b, const ev_t *ae, const ev_t *be, int *conflict)
{
    *conflict = 0;
    if (a->place >= 0 && b->place >= 0 && a->place != b->place)
        return 0;
    int same_place = a->place >= 0 && a->place == b->place;
    size_t need = a->np >= 2 && b->np >= 2 ? 2 : 1, ov = 0;
    if (a->listed) {
        ov = parts_overlap(ae, be, 2);
    } else {
        for (size_t i = 0; i < a->np && ov < 2; i++)
            for (size_t k = 0; k < be->parts.n; k++)
                if (a->p[i] == be->parts.v[k].ent) {
                    ov++;
                    break;
                }
    }
    if (ov < need && !(same_place && (!a->np || !b->np)))
        return 0;
    int same_doc = a->doc == b->doc;
    if (a->date && b->date) {
        int rel = date_relation(a, b);
        if (rel == 2 || (rel == 1 && same_doc))
            return 0;
        *conflict = rel == 1;
        return 1;
    }
    if (same_doc)
        return 1;
    /* an undated mention in another document: publication dates within a month, or (a
     * date unknown) the same place */
    if (a->doc_dated && b->doc_dated)
        return labs(a->doc_day - b->doc_day) <= 31;
    return same_place;
}

/* Candidates whose packed records are fetched ahead while earlier ones are judged (a
 * record is a miss to memory in a large corpus, a judgement a few dozen instructions). */
#define CAND_AHEAD 8

/* The events of one bucket, oldest first: a scan reads them newest first from one array
 * (and can fetch the packed records of the next candidates ahead). */
typedef NG_VEC(size_t) bucket_t;
typedef NG_VEC(bucket_t) bucket_vec;

/* The bucket keys of event e: (family, participant) per participant, (family, place):
 * the family's number in the top 16 bits, bit 47 set for a place, the entity below. */
typedef NG_VEC(uint64_t) key_vec;
static int event_keys(ng_map *families, const ev_t *e, key_vec *keys)
{
    const char *f = kind_family(e->kind);
    size_t fam;
    keys->n = 0;
    if (!ng_map_get(families, f, strlen(f), &fam)) {
        fam = families->n;
        if (fam >= 0xFFFF || ng_map_put(families, f, strlen(f), fam))
            return ng_error_set(fam >= 0xFFFF ? NG_ETOOBIG : NG_ENOMEM, "too many kinds of events");
    }
    uint64_t hi = (uint64_t)fam << 48;
    for (size_t i = 0; i < e->parts.n; i++)
        if (ng_vec_push(*keys, hi | (uint64_t)e->parts.v[i].ent))
            return ng_error_set(NG_ENOMEM, "out of memory");
    if (e->place >= 0 && ng_vec_push(*keys, hi | (uint64_t)1 << 47 | (uint64_t)e->place))
        return ng_error_set(NG_ENOMEM, "out of memory");
    return 0;
}

/* Put event ev in every bucket of its keys (index: key -> bucket number). */
static int bucket_add(ng_keymap *index, bucket_vec *buckets, const key_vec *keys, size_t ev)
{
    for (size_t i = 0; i < keys->n; i++) {
        size_t h;
        if (!ng_keymap_get(index, keys->v[i], &h)) {
            bucket_t none = {0};
            h = buckets->n;
            if (ng_vec_push(*buckets, none) || ng_keymap_put(index, keys->v[i], h))
                return ng_error_set(NG_ENOMEM, "out of memory");
        }
        bucket_t *bk = &buckets->v[h];
        if (bk->n && bk->v[bk->n - 1] == ev)
            continue; /* already the newest in that bucket */
        if (ng_vec_push(*bk, ev))
            return ng_error_set(NG_ENOMEM, "out of memory");
    }
    return 0;
}

/* Participants and places on merged entities, then the same event told twice (or in two
 * documents) becomes one: candidates come from the buckets of its (kind, participant)
 * and (kind, place) keys, the latest NG_EVENT_BUCKET_SCAN of each. */
static int resolve_events(ng_model *m)
{
    int rc = 0;
    for (size_t i = 0; i < m->evs.n; i++) {
        ev_t *e = &m->evs.v[i];
        if (e->place >= 0) {
            size_t p = resolve(m, (size_t)e->place);
            e->place = m->ents.v[p].dropped ? -1 : (int64_t)p;
        }
        size_t w = 0;
        for (size_t k = 0; k < e->parts.n; k++) {
            part_t p = e->parts.v[k];
            p.ent = resolve(m, p.ent);
            if (m->ents.v[p.ent].dropped || (int64_t)p.ent == e->place)
                continue;
            int seen = 0;
            for (size_t q = 0; q < w; q++)
                seen |= e->parts.v[q].ent == p.ent;
            if (!seen)
                e->parts.v[w++] = p;
        }
        e->parts.n = w;
        /* nobody (once unconfirmed names are gone) and nowhere: not an event worth a node */
        if (!w && e->place < 0)
            e->merged = 1;
    }
    ng_keymap index = {0};
    ng_map families = {0};
    bucket_vec buckets = {0};
    key_vec keys = {0};
    NG_VEC(size_t) cands = {0};
    long *doc_day = malloc((m->docs.n + 1) * sizeof *doc_day);
    /* one record per cache line: a candidate is one miss */
    ev_sig *sig = aligned_alloc(64, ((m->evs.n + 1) * sizeof(ev_sig) + 63) / 64 * 64);
    /* the candidates of the current event, one bit per event (small enough to stay in
     * the nearest cache; cleared after each event) */
    uint64_t *judged = calloc(m->evs.n / 64 + 1, sizeof *judged);
    if (!doc_day || !sig || !judged) {
        free(doc_day);
        free(sig);
        free(judged);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < m->docs.n; i++)
        doc_day[i] = m->docs.v[i].date ? day_number(m->docs.v[i].date) : 0;
    for (size_t i = 0; i < m->evs.n; i++)
        sig_of(m, doc_day, &m->evs.v[i], &sig[i]);
    for (size_t i = 0; i < m->evs.n && !rc; i++) {
        ev_t *b = &m->evs.v[i];
        if (i + 2 < m->evs.n) /* the participants of an event are far from its record */
            __builtin_prefetch(m->evs.v[i + 2].parts.v);
        if (b->merged || (rc = event_keys(&families, b, &keys)) || !keys.n)
            continue;
        /* the candidates in scan order (bucket after bucket, newest first), each once: an
         * event found in two of b's buckets (or twice in one, after a merge) would be
         * judged the same way again */
        cands.n = 0;
        for (size_t q = 0; q < keys.n; q++) {
            size_t h;
            if (!ng_keymap_get(&index, keys.v[q], &h))
                continue;
            const bucket_t *bk = &buckets.v[h];
            size_t stop = bk->n > NG_EVENT_BUCKET_SCAN ? bk->n - NG_EVENT_BUCKET_SCAN : 0;
            for (size_t j = bk->n; j-- > stop;) {
                size_t a = bk->v[j];
                if (judged[a / 64] >> (a % 64) & 1)
                    continue;
                judged[a / 64] |= (uint64_t)1 << (a % 64);
                if ((rc = ng_vec_push(cands, a) ? ng_error_set(NG_ENOMEM, "out of memory") : 0))
                    goto done;
            }
        }
        /* judged in that order, the records of the next CAND_AHEAD fetched ahead */
        for (size_t c = 0; c < cands.n && c < CAND_AHEAD; c++)
            __builtin_prefetch(&sig[cands.v[c]]);
        size_t found = SIZE_MAX;
        int conflict = 0;
        for (size_t c = 0; c < cands.n; c++) {
            if (c + CAND_AHEAD < cands.n)
                __builtin_prefetch(&sig[cands.v[c + CAND_AHEAD]]);
            size_t a = cands.v[c];
            if (!sig[a].merged && same_event(&sig[a], &sig[i], &m->evs.v[a], b, &conflict)) {
                found = a;
                break;
            }
        }
        for (size_t c = 0; c < cands.n; c++)
            judged[cands.v[c] / 64] = 0;
        if (found != SIZE_MAX) {
            if ((rc = ng_model_merge_events(m, &m->evs.v[found], b, conflict)))
                break;
            /* found may have gained a place, participants or a date; b is merged */
            sig_of(m, doc_day, &m->evs.v[found], &sig[found]);
            sig[i].merged = 1;
            /* the merged event is now also found under the keys b brought */
            rc = bucket_add(&index, &buckets, &keys, found);
        } else {
            rc = bucket_add(&index, &buckets, &keys, i);
        }
    }
done:
    ng_keymap_free(&index);
    ng_map_free(&families);
    for (size_t i = 0; i < buckets.n; i++)
        free(buckets.v[i].v);
    free(buckets.v);
    free(keys.v);
    free(cands.v);
    free(judged);
    free(doc_day);
    free(sig);
    return rc;
}

/* Sort record of an event view. */
typedef struct {
    long key;
    size_t len, first, idx;
} ev_sort;

static int ev_cmp(const void *a, const void *b)
{
    const ev_sort *x = a, *y = b;
    if ((x->key == 0) != (y->key == 0))
        return x->key == 0 ? 1 : -1;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    /* same start: coarser precision first (2024 before 2024-07) */
    if (x->len != y->len)
        return x->len < y->len ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static int span_cmp(const void *a, const void *b)
{
    const ng_span *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Sort an entity's mentions by (doc, start) and split them into the view's spans and
 * confidences.  The spans are written over the sorted records (a span is at most as
 * far into the array as its record), so no second copy of a large list is needed. */
static int sort_mentions(ent_t *e)
{
    size_t n = e->ments.n;
    if (n > 1)
        qsort(e->ments.v, n, sizeof *e->ments.v, span_cmp); /* the span first in ment_t */
    e->conf = malloc((n + 1) * sizeof *e->conf);
    if (!e->conf)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        e->conf[i] = e->ments.v[i].c;
    ng_span *sp = (ng_span *)(void *)e->ments.v;
    for (size_t i = 0; i < n; i++) {
        ng_span s = e->ments.v[i].s;
        sp[i] = s;
    }
    ng_span *shrunk = n ? realloc(sp, n * sizeof *sp) : NULL;
    e->spans = shrunk ? shrunk : sp; /* a failed shrink keeps the larger block */
    e->n_spans = n;
    e->ments.v = NULL;
    e->ments.n = e->ments.cap = 0;
    return 0;
}

static int ref_cmp(const void *a, const void *b)
{
    const ng_reference *x = a, *y = b;
    int c = span_cmp(&x->span, &y->span);
    return c ? c : strcmp(x->text, y->text);
}

static int alias_cmp(const void *a, const void *b)
{
    return strcmp(((const ng_alias *)a)->name, ((const ng_alias *)b)->name);
}

/* Build the entity views (first-appearance order). */
static int entity_views(ng_model *m)
{
    int rc;
    m->ent_order = malloc((m->ents.n + 1) * sizeof *m->ent_order);
    m->view_ents = calloc(m->ents.n + 1, sizeof *m->view_ents);
    if (!m->ent_order || !m->view_ents)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        m->ent_order[i] = SIZE_MAX;
        if (e->redirect != i || e->dropped)
            continue;
        if ((rc = sort_mentions(e)))
            return rc;
        if (e->refs.n > 1)
            qsort(e->refs.v, e->refs.n, sizeof *e->refs.v, ref_cmp);
        /* dedupe aliases, sorted */
        if (e->aliases.n > 1)
            qsort(e->aliases.v, e->aliases.n, sizeof *e->aliases.v, alias_cmp);
        size_t w = 0;
        for (size_t k = 0; k < e->aliases.n; k++) {
            if (strcmp(e->aliases.v[k].name, e->name) == 0 ||
                (w && strcmp(e->aliases.v[w - 1].name, e->aliases.v[k].name) == 0)) {
                free((char *)e->aliases.v[k].name);
                continue;
            }
            e->aliases.v[w++] = e->aliases.v[k];
        }
        e->aliases.n = w;
        ng_entity *v = &m->view_ents[m->n_view_ents];
        m->ent_order[i] = m->n_view_ents++;
        v->name = e->name;
        v->type = main_type(e);
        v->aliases = e->aliases.v;
        v->n_aliases = e->aliases.n;
        v->mentions = e->spans;
        v->confidence = e->conf;
        v->n_mentions = e->n_spans;
        v->n_mentions_total = e->total;
        v->n_documents = e->docs.n;
        v->references = e->refs.v;
        v->n_references = e->refs.n;
        const char *first = NULL, *last = NULL;
        for (size_t k = 0; k < e->docs.n; k++) {
            const char *dd = m->docs.v[e->docs.v[k]].date;
            if (!dd)
                continue;
            if (!first || strcmp(dd, first) < 0)
                first = dd;
            if (!last || strcmp(dd, last) > 0)
                last = dd;
        }
        v->first_date = first;
        v->last_date = last;
    }
    /* roles point at view indices; the same (title, holder) once */
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        if (m->ent_order[i] == SIZE_MAX)
            continue;
        size_t w = 0;
        for (size_t k = 0; k < e->roles.n; k++) {
            ng_role r = e->roles.v[k];
            if (r.of >= 0) {
                size_t o = m->ent_order[resolve(m, (size_t)r.of)];
                r.of = o == SIZE_MAX ? -1 : (int64_t)o;
            }
            int dup = 0;
            for (size_t q = 0; q < w && !dup; q++)
                dup = e->roles.v[q].of == r.of && ng_model_same_title(e->roles.v[q].title, r.title);
            if (dup) {
                free((char *)r.title);
                continue;
            }
            e->roles.v[w++] = r;
        }
        e->roles.n = w;
        ng_entity *v = &m->view_ents[m->ent_order[i]];
        v->roles = e->roles.v;
        v->n_roles = e->roles.n;
    }
    return 0;
}

/* Build the event views in chronological order (dated first). */
static int event_views(ng_model *m)
{
    ev_sort *idx = malloc((m->evs.n + 1) * sizeof *idx);
    if (!idx)
        return ng_error_set(NG_ENOMEM, "out of memory");
    size_t ne = 0, nparts = 0;
    for (size_t i = 0; i < m->evs.n; i++)
        if (!m->evs.v[i].merged) {
            const ev_t *e = &m->evs.v[i];
            ev_sort s = {date_key(e->date), e->date ? strlen(e->date) : 0, e->first, i};
            idx[ne++] = s;
            nparts += e->parts.n;
        }
    qsort(idx, ne, sizeof *idx, ev_cmp);
    m->view_evs = calloc(ne + 1, sizeof *m->view_evs);
    m->view_parts = calloc(nparts + 1, sizeof *m->view_parts);
    m->ev_order = malloc((m->evs.n + 1) * sizeof *m->ev_order);
    if (!m->view_evs || !m->view_parts || !m->ev_order) {
        free(idx);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < m->evs.n; i++)
        m->ev_order[i] = SIZE_MAX;
    size_t pw = 0;
    for (size_t k = 0; k < ne; k++) {
        ev_t *e = &m->evs.v[idx[k].idx];
        ng_event *v = &m->view_evs[k];
        m->ev_order[idx[k].idx] = k;
        if (e->mentions.n > 1)
            qsort(e->mentions.v, e->mentions.n, sizeof *e->mentions.v, span_cmp);
        v->label = e->label;
        v->kind = e->kind;
        v->date = e->date;
        v->precision = precision_of(e->date);
        v->date_anchor = e->date ? m->docs.v[e->anchor_doc].date : NULL;
        v->place = e->place >= 0 ? (int64_t)m->ent_order[e->place] : -1;
        if (v->place >= 0 && (size_t)v->place == SIZE_MAX)
            v->place = -1;
        v->participants = &m->view_parts[pw];
        for (size_t q = 0; q < e->parts.n; q++) {
            size_t o = m->ent_order[e->parts.v[q].ent];
            if (o == SIZE_MAX)
                continue;
            m->view_parts[pw].entity = o;
            m->view_parts[pw].role = e->parts.v[q].role;
            pw++;
            v->n_participants++;
        }
        v->mentions = e->mentions.v;
        v->n_mentions = e->mentions.n;
        v->n_mentions_total = e->total;
        v->date_conflict = e->other_dates.n > 0;
        v->other_dates = (const char *const *)e->other_dates.v;
        v->n_other_dates = e->other_dates.n;
    }
    m->n_view_evs = ne;
    free(idx);
    return 0;
}

/* Co-occurrences by (source, target); each pair occurs once, so the order is total. */
static int rel_pair_cmp(const void *a, const void *b)
{
    const ng_relation *x = a, *y = b;
    if (x->src.index != y->src.index)
        return x->src.index < y->src.index ? -1 : 1;
    return x->dst.index < y->dst.index ? -1 : x->dst.index > y->dst.index;
}

typedef NG_VEC(ng_relation) rel_vec;

/* Free the co-occurrences of co with the evidence they took over. */
static void cooccur_free(rel_vec *co)
{
    for (size_t i = 0; i < co->n; i++)
        free((ng_span *)co->v[i].evidence);
    free(co->v);
    co->v = NULL;
    co->n = co->cap = 0;
}

/* The co-occurrences of the extraction remapped to entity views (entity_views() done),
 * one per pair of views, in (src, dst) order so the output does not depend on merge
 * order.  The first relation of a pair takes its evidence over (nothing is copied);
 * what is left in m->rels is freed by relation_views().  On failure *co is empty. */
static int cooccur_views(ng_model *m, rel_vec *co)
{
    int rc = 0;
    ng_keymap seen = {0}; /* (a, b) view indices -> position in co */
    for (size_t i = 0; i < m->rels.n; i++) {
        rel_t *r = &m->rels.v[i];
        size_t a = m->ent_order[resolve(m, r->src.index)], b = m->ent_order[resolve(m, r->dst.index)];
        if (a == SIZE_MAX || b == SIZE_MAX || a == b)
            continue;
        if (a > b) {
            size_t t = a;
            a = b;
            b = t;
        }
        uint64_t key = (uint64_t)a << 32 | (uint64_t)b; /* entity counts were checked < 2^32 */
        size_t at;
        if (ng_keymap_get(&seen, key, &at)) {
            /* two entities merged into the same pair: its evidence grows (to 20) */
            ng_relation *o = &co->v[at];
            size_t add = r->evidence.n, room = o->n_evidence < 20 ? 20 - o->n_evidence : 0;
            o->weight += r->weight;
            if (add > room)
                add = room;
            if (add) {
                ng_span *ev = realloc((ng_span *)o->evidence, (o->n_evidence + add) * sizeof *ev);
                if (!ev) {
                    rc = ng_error_set(NG_ENOMEM, "out of memory");
                    goto done;
                }
                memcpy(ev + o->n_evidence, r->evidence.v, add * sizeof *ev);
                o->evidence = ev;
                o->n_evidence += add;
            }
            continue;
        }
        ng_relation nr = {NG_REL_COOCCUR, {0, a}, {0, b}, r->weight, NULL, r->evidence.v, r->evidence.n};
        if ((rc = ng_keymap_put(&seen, key, co->n)))
            goto done;
        r->evidence.v = NULL;
        r->evidence.n = r->evidence.cap = 0;
        if (ng_vec_push(*co, nr)) {
            free((ng_span *)nr.evidence);
            rc = ng_error_set(NG_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (co->n > 1)
        qsort(co->v, co->n, sizeof *co->v, rel_pair_cmp);
done:
    if (rc)
        cooccur_free(co);
    ng_keymap_free(&seen);
    return rc;
}

/* Relations: roles, then event links, then the co-occurrences of cooccur_views() (taken
 * over, *co is left empty), built straight into the view array.  Roles and event links
 * borrow their evidence (the role's span, the event's first spans); co-occurrence
 * evidence is owned by the model (m->ev_owned). */
static int relation_views(ng_model *m, rel_vec *co)
{
    int rc = 0;
    rel_vec out = {0};
    size_t first_co = SIZE_MAX; /* out[first_co..] are co-occurrences, once they are in */
#define PUSH_REL(R)                                                                                                \
    do {                                                                                                           \
        if (ng_vec_push(out, (R))) {                                                                               \
            rc = ng_error_set(NG_ENOMEM, "out of memory");                                                         \
            goto rel_done;                                                                                         \
        }                                                                                                          \
    } while (0)
    for (size_t o = 0; o < m->n_view_ents; o++) {
        const ng_entity *v = &m->view_ents[o];
        for (size_t k = 0; k < v->n_roles; k++) {
            if (v->roles[k].of < 0 || (size_t)v->roles[k].of == o)
                continue;
            ng_relation r = {NG_REL_ROLE, {0, o}, {0, (size_t)v->roles[k].of}, 1.0, v->roles[k].title,
                             &v->roles[k].span, 1};
            PUSH_REL(r);
        }
    }
    for (size_t k = 0; k < m->n_view_evs; k++) {
        /* event links show the event's first 20 spans, borrowed from the event */
        const ng_event *v = &m->view_evs[k];
        size_t nev = v->n_mentions < 20 ? v->n_mentions : 20;
        for (size_t q = 0; q < v->n_participants; q++) {
            ng_relation r = {NG_REL_PARTICIPANT, {1, k}, {0, v->participants[q].entity}, (double)v->n_mentions_total,
                             v->participants[q].role, v->mentions, nev};
            PUSH_REL(r);
        }
        if (v->place >= 0) {
            ng_relation r = {NG_REL_LOCATED_IN, {1, k}, {0, (size_t)v->place}, (double)v->n_mentions_total, NULL,
                             v->mentions, nev};
            PUSH_REL(r);
        }
    }
#undef PUSH_REL
    /* room for the co-occurrences, the owned evidence and a non-NULL view array: nothing
     * can fail after this */
    ng_relation *all = realloc(out.v, (out.n + co->n + 1) * sizeof *all);
    if (!all) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto rel_done;
    }
    out.v = all;
    out.cap = out.n + co->n + 1;
    ng_span **owned = realloc(m->ev_owned.v, (m->ev_owned.n + co->n + 1) * sizeof *owned);
    if (!owned) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto rel_done;
    }
    m->ev_owned.v = owned;
    m->ev_owned.cap = m->ev_owned.n + co->n + 1;
    first_co = out.n;
    if (co->n)
        memcpy(out.v + out.n, co->v, co->n * sizeof *co->v);
    out.n += co->n;
    free(co->v);
    co->v = NULL;
    co->n = co->cap = 0;
    for (size_t i = first_co; i < out.n; i++)
        m->ev_owned.v[m->ev_owned.n++] = (ng_span *)out.v[i].evidence;
    /* the co-occurrences of the extraction are now views: free what is left of them */
    for (size_t i = 0; i < m->rels.n; i++)
        free(m->rels.v[i].evidence.v);
    free(m->rels.v);
    m->rels.v = NULL;
    m->rels.n = m->rels.cap = 0;
    ng_keymap_free(&m->rel_index);
    m->view_rels = out.v;
    m->n_view_rels = out.n;
    out.v = NULL;
    out.n = 0;
rel_done:
    cooccur_free(co); /* empty unless something failed */
    free(out.v);
    return rc;
}

/* The entity views and the co-occurrences: they read the entities, not the events, so
 * they can be built while resolve_events() runs on another thread.  The message of a
 * failure is copied out (ng_error_last() is per thread). */
typedef struct {
    ng_model *m;
    rel_vec co;
    int rc;
    char msg[1024];
} views_job;

static void *views_run(void *arg)
{
    views_job *j = arg;
    if ((j->rc = entity_views(j->m)) || (j->rc = cooccur_views(j->m, &j->co)))
        snprintf(j->msg, sizeof j->msg, "%s", ng_error_last());
    return NULL;
}

int ng_model_finish(ng_model *m) { return ng_model_finish_jobs(m, 1); }

int ng_model_finish_jobs(ng_model *m, int jobs)
{
    if (m->finished)
        return ng_error_set(NG_EINVAL, "model already finished");
    m->finished = 1;
    ng_model_memo_drop(m);
    int rc;
    if ((rc = user_merges(m)) || (rc = explicit_acronyms(m)) || (rc = middle_initials(m)) ||
        (rc = merge_surnames(m)) || (rc = merge_acronyms(m)))
        return rc;
    /* drop names never confirmed */
    for (size_t i = 0; i < m->ents.n; i++) {
        ent_t *e = &m->ents.v[i];
        if (e->redirect == i && !e->confirmed && !e->referenced)
            e->dropped = 1;
    }
    views_job vj = {m, {0}, 0, ""};
    pthread_t th;
    int threaded = jobs > 1 && pthread_create(&th, NULL, views_run, &vj) == 0;
    rc = resolve_events(m);
    if (threaded)
        pthread_join(th, NULL);
    else if (!rc)
        views_run(&vj);
    if (!rc && vj.rc)
        rc = ng_error_set(vj.rc, "%s", vj.msg);
    if (rc || (rc = event_views(m)) || (rc = relation_views(m, &vj.co))) {
        cooccur_free(&vj.co);
        return rc;
    }
    /* merge log entries point at view indices (entries of dropped entities are removed) */
    size_t w = 0;
    for (size_t i = 0; i < m->merges.n; i++) {
        ng_merge_log g = m->merges.v[i];
        size_t o = m->ent_order[resolve(m, g.entity)];
        if (o == SIZE_MAX) {
            free((char *)g.alias);
            free((char *)g.evidence);
            continue;
        }
        g.entity = o;
        m->merges.v[w++] = g;
    }
    m->merges.n = w;
    return 0;
}
