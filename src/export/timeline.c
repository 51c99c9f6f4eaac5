/* timeline.c - the plain-text timeline for terminals.
 *
 * The items of export_internal.h (events, time expressions no event covers,
 * publications), dated ones first in date order, each date written at its own precision
 * as the TIMEX3 value says (2021, 2024-07, 2025-05-29, 2025-W22); undated events follow
 * under their own heading.  Columns DATE, KIND, WHAT, WHO, WHERE, SOURCE are aligned on
 * display width (capped, so one long cell pushes only its own line); WHAT is shortened
 * to 60 characters; empty cells are "-"; no trailing spaces. */
#include <stdio.h>
#include <stdlib.h>
#include "exporters.h"
#include "export_internal.h"

/* Columns of the table. */
enum { COL_DATE, COL_KIND, COL_WHAT, COL_WHO, COL_WHERE, COL_SOURCE, NCOLS };
static const char *const col_names[NCOLS] = {"DATE", "KIND", "WHAT", "WHO", "WHERE", "SOURCE"};
/* Widest a column is padded to, in terminal columns. */
static const size_t col_cap[NCOLS] = {16, 9, 60, 48, 24, 0};
/* Longest WHAT text, in characters. */
#define TL_WHAT_MAX 60

/* Make the cells of item k's row into cell[]: "-" for empty fields, WHAT shortened.  Without
 * @p with_source the last column (SOURCE, never padded, so its width is not needed) is left
 * out. */
static int make_row(const ng_model *m, ngx_items *it, size_t k, ng_buf cell[NCOLS], int with_source)
{
    static const int field[NCOLS] = {NGX_F_DATE, -1, NGX_F_WHAT, NGX_F_WHO, NGX_F_WHERE, NGX_F_SOURCE};
    const ngx_item *x = &it->v[k];
    int rc = ngx_item_fields(m, it, x, with_source);
    for (int i = 0; i < (with_source ? NCOLS : COL_SOURCE) && rc == 0; i++) {
        const char *v = field[i] < 0 ? ngx_item_kind_name(x->kind) : it->f[field[i]].data;
        rc = ngx_reset(&cell[i]);
        if (rc == 0)
            rc = ngx_clean(&cell[i], *v ? v : "-", 0, i == COL_WHAT ? TL_WHAT_MAX : 0);
    }
    return rc;
}

/* Write one row padded to the column widths, with no trailing spaces. */
static int write_row(ng_buf *out, const char *const cell[NCOLS], const size_t width[NCOLS])
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

/* Write a table: the header, then the rows of items [from, to).  The rows are made twice
 * (widths, then text) rather than kept: a timeline may have millions of them; the first
 * pass leaves out the sources, whose width is never used. */
static int write_table(ng_buf *out, const ng_model *m, ngx_items *it, size_t from, size_t to, ng_buf cell[NCOLS])
{
    size_t width[NCOLS];
    int rc = 0;
    for (int i = 0; i < NCOLS; i++)
        width[i] = ngx_width(col_names[i]);
    for (size_t k = from; k < to && rc == 0; k++) {
        rc = make_row(m, it, k, cell, 0);
        for (int i = 0; i < COL_SOURCE && rc == 0; i++) {
            size_t w = ngx_width(cell[i].data);
            if (w > width[i])
                width[i] = col_cap[i] && w > col_cap[i] ? col_cap[i] : w;
        }
    }
    if (rc == 0)
        rc = write_row(out, col_names, width);
    for (size_t k = from; k < to && rc == 0; k++) {
        const char *row[NCOLS];
        rc = make_row(m, it, k, cell, 1);
        for (int i = 0; i < NCOLS; i++)
            row[i] = cell[i].data;
        if (rc == 0)
            rc = write_row(out, row, width);
    }
    return rc;
}

int ng_export_timeline(const ng_model *m, ng_buf *out)
{
    if (!m || !out)
        return ng_error_set(NG_EINVAL, "ng_export_timeline: NULL argument");
    ngx_items it = {0};
    ng_buf cell[NCOLS] = {{0}};
    int rc = ngx_items_build(m, &it);
    if (rc)
        goto done;
    size_t nd = ng_model_n_documents(m), nv = ng_model_n_events(m), dated_events = 0;
    for (size_t k = 0; k < it.n_dated; k++)
        dated_events += it.v[k].kind == NGX_ITEM_EVENT;
    rc = ng_buf_printf(out, "# newsgraph timeline: %zu document%s, %zu event%s (%zu dated), %zu dated item%s\n", nd,
                       nd == 1 ? "" : "s", nv, nv == 1 ? "" : "s", dated_events, it.n_dated,
                       it.n_dated == 1 ? "" : "s");
    if (rc == 0 && it.n_dated)
        rc = write_table(out, m, &it, 0, it.n_dated, cell);
    if (rc == 0 && it.n_dated < it.n) {
        rc = ng_buf_printf(out, "\n# undated events: %zu\n", it.n - it.n_dated);
        if (rc == 0)
            rc = write_table(out, m, &it, it.n_dated, it.n, cell);
    }
done:
    for (int i = 0; i < NCOLS; i++)
        ng_buf_free(&cell[i]);
    ngx_items_free(&it);
    return rc;
}
