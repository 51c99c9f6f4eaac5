/* events.c - events from trigger words: kind, the date of the clause, the place
 * ("in X", "X talks") and the participants named in the sentence. */
#include <stdio.h>
#include <stdlib.h>
#include "extract_internal.h"

static int is_tok(const char *text, const ng_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->end - t->start == n && strncmp(text + t->start, w, n) == 0;
}

/* Kinds in order of preference when a sentence has several triggers. */
static int kind_rank(const char *k)
{
    static const char *const order[] = {"summit", "talks", "negotiations", "interview", "meeting", "visit",
                                        "agreement", "ceasefire", "election", "attack", "invasion",
                                        "conference", "proposal", "sanctions", "protest", "statement",
                                        "rejection", NULL};
    for (int i = 0; order[i]; i++)
        if (strcmp(order[i], k) == 0)
            return i;
    return 100;
}

int ng_events_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk)
{
    int rc = 0;
    size_t mi = 0, ti = 0;
    for (uint32_t si = 0; si < tk->nsents; si++) {
        const ng_sentence *s = &tk->sents[si];
        while (mi < r->mentions.n && r->mentions.v[mi].sent < si)
            mi++;
        while (ti < r->timexes.n && r->timexes.v[ti].sent < si)
            ti++;
        if (s->flags & NG_SENT_HEADLINE)
            continue;
        /* the preferred trigger of the sentence */
        const char *kind = NULL;
        size_t trig = 0;
        for (size_t k = s->tok_begin; k < s->tok_end; k++) {
            const ng_token *t = &tk->toks[k];
            if (!(t->flags & NG_TOK_ALPHA) || (t->flags & NG_TOK_UPPER1 && !(t->flags & NG_TOK_SENT_START)))
                continue;
            const char *kd = ng_lex_trigger_kind(lx, text + t->start, t->end - t->start);
            if (kd && (!kind || kind_rank(kd) < kind_rank(kind))) {
                kind = kd;
                trig = k;
            }
        }
        if (!kind)
            continue;
        ng_event_m ev = {0};
        ev.timex = -1;
        ev.place = -1;
        ev.sent = si;
        ev.start = s->start;
        ev.end = s->end;
        /* date: the DATE timex of the sentence closest to the trigger */
        uint32_t tpos = tk->toks[trig].start;
        uint32_t best = UINT32_MAX;
        for (size_t k = ti; k < r->timexes.n && r->timexes.v[k].sent == si; k++) {
            const ng_timex_m *x = &r->timexes.v[k];
            if (strcmp(x->type, "DATE") != 0 || ng_timex_precision(x->value) == NG_PREC_NONE)
                continue;
            uint32_t d = x->start > tpos ? x->start - tpos : tpos - x->start;
            if (d < best) {
                best = d;
                ev.timex = (int64_t)k;
            }
        }
        /* place: "in/at <place>" (a city before a country), else "<place> <trigger>" */
        int place_score = 0;
        size_t mend = mi;
        while (mend < r->mentions.n && r->mentions.v[mend].sent == si)
            mend++;
        for (size_t k = mi; k < mend; k++) {
            const ng_mention *m = &r->mentions.v[k];
            if (m->type != NG_PLACE || m->conf < NG_WEAK_CONF)
                continue;
            int score = 0;
            if (m->tok_begin > 0 && (is_tok(text, &tk->toks[m->tok_begin - 1], "in") ||
                                     is_tok(text, &tk->toks[m->tok_begin - 1], "at")))
                score = (ng_lex_classes(lx, m->canon, strlen(m->canon)) & NG_LEX_COUNTRY) ? 2 : 4;
            if (m->tok_end == trig)
                score = 3;
            if (score > place_score) {
                place_score = score;
                ev.place = (int64_t)k;
            }
        }
        /* participants: every other confident mention of the sentence */
        for (size_t k = mi; k < mend; k++) {
            const ng_mention *m = &r->mentions.v[k];
            if ((int64_t)k == ev.place || m->conf < NG_WEAK_CONF)
                continue;
            ng_part_m p = {(int64_t)k, "party"};
            if (m->tok_end < s->tok_end) {
                const ng_token *nx = &tk->toks[m->tok_end];
                if (is_tok(text, nx, "said") || is_tok(text, nx, "says") || is_tok(text, nx, "told"))
                    snprintf(p.role, sizeof p.role, "speaker");
            }
            if ((rc = ng_vec_push(ev.parts, p)))
                goto fail;
        }
        ev.kind = ng_strdup(kind);
        /* label: kind, main participants and place */
        ng_buf lb = {0};
        ng_buf_puts(&lb, kind);
        size_t shown = 0;
        for (size_t k = 0; k < ev.parts.n && shown < 3; k++, shown++)
            ng_buf_printf(&lb, "%s%s", shown ? ", " : ": ", r->mentions.v[ev.parts.v[k].mention].canon);
        if (ev.place >= 0)
            ng_buf_printf(&lb, " in %s", r->mentions.v[ev.place].canon);
        ev.label = ng_buf_detach(&lb);
        if (!ev.kind || !ev.label || (rc = ng_vec_push(r->events, ev))) {
            rc = NG_ENOMEM;
            goto fail;
        }
        continue;
    fail:
        free(ev.kind);
        free(ev.label);
        free(ev.parts.v);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    return rc;
}
