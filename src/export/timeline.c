/* timeline.c - the plain-text timeline for terminals.
 *
 * Items: events, time expressions that no event covers, and publications of dated
 * documents.  Dated items come first, in the order of the date they start on (a
 * coarser date before a finer one starting the same day, then model order), each
 * date written at its own precision as the TIMEX3 value says (2021, 2024-07,
 * 2025-05-29, 2025-W22); undated events follow under their own heading.  Columns
 * DATE, KIND, WHAT, WHO, WHERE, SOURCE are aligned on display width (capped, so one
 * long cell pushes only its own line); empty cells are "-".  Output depends on the
 * model only. */
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"

/* Columns of the table. */
enum { COL_DATE, COL_KIND, COL_WHAT, COL_WHO, COL_WHERE, COL_SOURCE, NCOLS };
static const char *const col_names[NCOLS] = {"DATE", "KIND", "WHAT", "WHO", "WHERE", "SOURCE"};
/* Widest a column is padded to, in terminal columns. */
static const size_t col_cap[NCOLS] = {16, 9, 48, 40, 24, 0};
/* Longest WHAT text, in characters. */
#define TL_WHAT_MAX 60

/* Item kinds, in their order on the same date. */
enum { ITEM_PUBLISHED, ITEM_EVENT, ITEM_TIME };
static const char *const item_kind_names[] = {"published", "event", "time"};

/* One row: its sort key and its cells (malloc'd, cleaned). */
typedef struct {
    int dated;
    long first, last; /* YYYYMMDD interval of the date */
    int kind;
    size_t order;     /* creation order, the last tie-breaker */
    char *cell[NCOLS];
} tl_item;

/* A mention of an entity in one sentence, for the who/where of time expressions. */
typedef struct {
    uint32_t doc, sent;
    size_t entity;
} tl_sent_ent;

/* The state of one export. */
typedef struct {
    const ng_model *m;
    NG_VEC(tl_item) items;
    tl_sent_ent *se; /* sorted by (doc, sent, entity), unique */
    size_t n_se;
    ng_buf cells[NCOLS];
} tl_ctx;

/* Order of tl_sent_ent: document, sentence, entity. */
static int cmp_se(const void *a, const void *b)
{
    const tl_sent_ent *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    if (x->sent != y->sent)
        return x->sent < y->sent ? -1 : 1;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* Order of items: dated first by start date, coarser first, kind, then creation order. */
static int cmp_item(const void *a, const void *b)
{
    const tl_item *x = a, *y = b;
    if (x->dated != y->dated)
        return x->dated ? -1 : 1;
    if (x->dated) {
        if (x->first != y->first)
            return x->first < y->first ? -1 : 1;
        if (x->last != y->last)
            return x->last > y->last ? -1 : 1;
        if (x->kind != y->kind)
            return x->kind < y->kind ? -1 : 1;
    }
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Reset the cell buffers for a new row (each holds "" afterwards). */
static int cells_reset(tl_ctx *c)
{
    for (int i = 0; i < NCOLS; i++) {
        int rc = ngx_reset(&c->cells[i]);
        if (rc)
            return rc;
    }
    return 0;
}

/* Append the row in the cell buffers as a new item. */
static int push_item(tl_ctx *c, int dated, long first, long last, int kind)
{
    tl_item it = {.dated = dated, .first = first, .last = last, .kind = kind, .order = c->items.n};
    int rc = 0;
    for (int i = 0; i < NCOLS && rc == 0; i++) {
        it.cell[i] = ng_strdup(c->cells[i].len ? c->cells[i].data : "-");
        if (!it.cell[i])
            rc = ng_error_set(NG_ENOMEM, "out of memory");
    }
    if (rc == 0)
        rc = ng_vec_push(c->items, it);
    if (rc)
        for (int i = 0; i < NCOLS; i++)
            free(it.cell[i]);
    return rc;
}

/* Append an entity's name to a list cell. */
static int put_name(tl_ctx *c, int col, size_t entity)
{
    ng_buf *b = &c->cells[col];
    int rc = b->len ? ng_buf_puts(b, ", ") : 0;
    return rc ? rc : ngx_clean(b, ng_model_entity(c->m, entity)->name, 0, 0);
}

/* Write the source documents of @p n spans into the SOURCE cell. */
static int put_sources(tl_ctx *c, const ng_span *sp, size_t n)
{
    uint32_t *docs = NULL;
    size_t nd = 0;
    int rc = ngx_span_docs(sp, n, &docs, &nd);
    if (rc == 0)
        rc = ngx_put_doc_paths(&c->cells[COL_SOURCE], c->m, docs, nd, ", ", 0);
    free(docs);
    return rc;
}

/* One item per event. */
static int add_events(tl_ctx *c)
{
    size_t ne = ng_model_n_entities(c->m);
    int rc = 0;
    for (size_t i = 0; i < ng_model_n_events(c->m) && rc == 0; i++) {
        const ng_event *ev = ng_model_event(c->m, i);
        long first = 0, last = 0;
        int dated = ngx_date_range(ev->date, &first, &last);
        if ((rc = cells_reset(c)))
            break;
        rc = ngx_clean(&c->cells[COL_DATE], ev->date, 0, 0);
        if (rc == 0)
            rc = ng_buf_puts(&c->cells[COL_KIND], item_kind_names[ITEM_EVENT]);
        if (rc == 0)
            rc = ngx_clean(&c->cells[COL_WHAT], ev->label ? ev->label : ev->kind, 0, TL_WHAT_MAX);
        for (size_t k = 0; k < ev->n_participants && rc == 0; k++)
            if (ev->participants[k].entity < ne)
                rc = put_name(c, COL_WHO, ev->participants[k].entity);
        if (rc == 0 && ev->place >= 0 && (size_t)ev->place < ne)
            rc = put_name(c, COL_WHERE, (size_t)ev->place);
        if (rc == 0)
            rc = put_sources(c, ev->mentions, ev->n_mentions);
        if (rc == 0)
            rc = push_item(c, dated, first, last, ITEM_EVENT);
    }
    return rc;
}

/* Index the sentences every kept entity mention falls in. */
static int index_sentences(tl_ctx *c)
{
    size_t total = 0, ne = ng_model_n_entities(c->m);
    for (size_t i = 0; i < ne; i++)
        total += ng_model_entity(c->m, i)->n_mentions;
    if (!total)
        return 0;
    c->se = malloc(total * sizeof *c->se);
    if (!c->se)
        return ng_error_set(NG_ENOMEM, "out of memory");
    size_t k = 0;
    for (size_t i = 0; i < ne; i++) {
        const ng_entity *e = ng_model_entity(c->m, i);
        for (size_t j = 0; j < e->n_mentions; j++)
            c->se[k++] = (tl_sent_ent){e->mentions[j].doc, e->mentions[j].sent, i};
    }
    qsort(c->se, total, sizeof *c->se, cmp_se);
    size_t u = 0;
    for (size_t i = 0; i < total; i++)
        if (u == 0 || cmp_se(&c->se[u - 1], &c->se[i]) != 0)
            c->se[u++] = c->se[i];
    c->n_se = u;
    return 0;
}

/* Whether an event's evidence covers the time expression @p t. */
static int timex_in_event(const ng_model *m, const ng_timex *t)
{
    for (size_t i = 0; i < ng_model_n_events(m); i++) {
        const ng_event *ev = ng_model_event(m, i);
        if (!ev->date)
            continue;
        for (size_t k = 0; k < ev->n_mentions; k++) {
            const ng_span *s = &ev->mentions[k];
            if (s->doc == t->doc && s->start <= t->start && t->end <= s->end)
                return 1;
        }
    }
    return 0;
}

/* One item per calendar time expression no dated event covers; who and where are the
 * entities mentioned in the same sentence. */
static int add_timexes(tl_ctx *c)
{
    int rc = index_sentences(c);
    for (size_t i = 0; i < ng_model_n_timexes(c->m) && rc == 0; i++) {
        const ng_timex *t = ng_model_timex(c->m, i);
        long first, last;
        if (!ngx_date_range(t->value, &first, &last) || timex_in_event(c->m, t))
            continue;
        if ((rc = cells_reset(c)))
            break;
        rc = ngx_clean(&c->cells[COL_DATE], t->value, 0, 0);
        if (rc == 0)
            rc = ng_buf_puts(&c->cells[COL_KIND], item_kind_names[ITEM_TIME]);
        if (rc == 0)
            rc = ng_buf_puts(&c->cells[COL_WHAT], "\xE2\x80\x9C"); /* “ */
        if (rc == 0)
            rc = ngx_clean(&c->cells[COL_WHAT], t->text, 0, TL_WHAT_MAX - 2);
        if (rc == 0)
            rc = ng_buf_puts(&c->cells[COL_WHAT], "\xE2\x80\x9D"); /* ” */
        /* first entry of (doc, sent) by binary search */
        size_t lo = 0, hi = c->n_se;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const tl_sent_ent *s = &c->se[mid];
            if (s->doc < t->doc || (s->doc == t->doc && s->sent < t->sent))
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < c->n_se && rc == 0 && c->se[k].doc == t->doc && c->se[k].sent == t->sent; k++) {
            ng_type ty = ng_model_entity(c->m, c->se[k].entity)->type;
            rc = put_name(c, ty == NG_PLACE ? COL_WHERE : COL_WHO, c->se[k].entity);
        }
        ng_span sp = {t->doc, t->sent, t->start, t->end};
        if (rc == 0)
            rc = put_sources(c, &sp, 1);
        if (rc == 0)
            rc = push_item(c, 1, first, last, ITEM_TIME);
    }
    return rc;
}

/* One item per document with a publication date. */
static int add_publications(tl_ctx *c)
{
    int rc = 0;
    for (size_t i = 0; i < ng_model_n_documents(c->m) && rc == 0; i++) {
        const ng_docinfo *d = ng_model_document(c->m, i);
        long first, last;
        if (!d || !ngx_date_range(d->date, &first, &last))
            continue;
        if ((rc = cells_reset(c)))
            break;
        rc = ngx_clean(&c->cells[COL_DATE], d->date, 0, 0);
        if (rc == 0)
            rc = ng_buf_puts(&c->cells[COL_KIND], item_kind_names[ITEM_PUBLISHED]);
        if (rc == 0)
            rc = ngx_clean(&c->cells[COL_WHAT], d->title ? d->title : "(untitled)", 0, TL_WHAT_MAX);
        uint32_t doc = (uint32_t)i;
        if (rc == 0)
            rc = ngx_put_doc_paths(&c->cells[COL_SOURCE], c->m, &doc, 1, ", ", 0);
        if (rc == 0)
            rc = push_item(c, 1, first, last, ITEM_PUBLISHED);
    }
    return rc;
}

/* Write one row padded to the column widths, with no trailing spaces. */
static int write_row(ng_buf *out, char *const cell[NCOLS], const size_t width[NCOLS])
{
    int rc = 0;
    size_t pending = 0; /* spaces owed before the next cell */
    for (int i = 0; i < NCOLS && rc == 0; i++) {
        for (size_t k = 0; k < pending && rc == 0; k++)
            rc = ng_buf_putc(out, ' ');
        if (rc == 0)
            rc = ng_buf_puts(out, cell[i]);
        size_t w = ngx_width(cell[i]);
        pending = (w < width[i] ? width[i] - w : 0) + 2;
    }
    return rc ? rc : ng_buf_putc(out, '\n');
}

/* Write a table: header, then items [from, to). */
static int write_table(ng_buf *out, tl_item *items, size_t from, size_t to)
{
    size_t width[NCOLS];
    for (int i = 0; i < NCOLS; i++)
        width[i] = ngx_width(col_names[i]);
    for (size_t k = from; k < to; k++)
        for (int i = 0; i < NCOLS; i++) {
            size_t w = ngx_width(items[k].cell[i]);
            if (w > width[i])
                width[i] = col_cap[i] && w > col_cap[i] ? col_cap[i] : w;
        }
    int rc = write_row(out, (char *const *)col_names, width);
    for (size_t k = from; k < to && rc == 0; k++)
        rc = write_row(out, items[k].cell, width);
    return rc;
}

int ng_export_timeline(const ng_model *m, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "ng_export_timeline: NULL argument");
    tl_ctx c = {.m = m};
    int rc = add_events(&c);
    if (rc == 0)
        rc = add_timexes(&c);
    if (rc == 0)
        rc = add_publications(&c);
    if (rc)
        goto done;
    if (c.items.n)
        qsort(c.items.v, c.items.n, sizeof *c.items.v, cmp_item);
    size_t n_dated = 0, n_events = ng_model_n_events(m), n_dated_events = 0;
    while (n_dated < c.items.n && c.items.v[n_dated].dated)
        n_dated++;
    for (size_t k = 0; k < n_dated; k++)
        n_dated_events += c.items.v[k].kind == ITEM_EVENT;
    size_t nd = ng_model_n_documents(m);
    rc = ng_buf_printf(out, "# newsgraph timeline: %zu document%s, %zu event%s (%zu dated), %zu dated item%s\n",
                       nd, nd == 1 ? "" : "s", n_events, n_events == 1 ? "" : "s", n_dated_events, n_dated,
                       n_dated == 1 ? "" : "s");
    if (rc == 0 && n_dated)
        rc = write_table(out, c.items.v, 0, n_dated);
    if (rc == 0 && n_dated < c.items.n) {
        rc = ng_buf_printf(out, "\n# undated events: %zu\n", c.items.n - n_dated);
        if (rc == 0)
            rc = write_table(out, c.items.v, n_dated, c.items.n);
    }
done:
    for (size_t k = 0; k < c.items.n; k++)
        for (int i = 0; i < NCOLS; i++)
            free(c.items.v[k].cell[i]);
    free(c.items.v);
    free(c.se);
    for (int i = 0; i < NCOLS; i++)
        ng_buf_free(&c.cells[i]);
    return rc;
}
