/* roles.c - titles held by persons: pre-nominal ("Defense Secretary X", "Ukraine's lead
 * negotiator X") and appositive ("X, the president's special envoy for ..."). */
#include <stdlib.h>
#include "extract_internal.h"

static int is_tok(const char *text, const ng_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->end - t->start == n && strncmp(text + t->start, w, n) == 0;
}

static int is_title_tok(const ng_lexicon *lx, const char *text, const ng_token *t)
{
    if (t->flags & NG_TOK_PUNCT)
        return 0;
    uint32_t c = ng_lex_classes(lx, text + t->start, t->end - t->start);
    return (c & NG_LEX_TITLE) && !(c & NG_LEX_PLACE_ANY);
}

/* Index of the mention whose last token is tok (or -1). */
static int64_t mention_ending_at(const ng_doc_result *r, size_t tok)
{
    for (size_t i = r->mentions.n; i-- > 0;)
        if (r->mentions.v[i].tok_end == tok + 1)
            return (int64_t)i;
    return -1;
}

static int64_t mention_at(const ng_doc_result *r, size_t tok)
{
    for (size_t i = 0; i < r->mentions.n; i++)
        if (r->mentions.v[i].tok_begin <= tok && tok < r->mentions.v[i].tok_end)
            return (int64_t)i;
    return -1;
}

static int add_role(ng_doc_result *r, int64_t person, const char *text, size_t ts, size_t te, int64_t of,
                    const char *of_name, uint32_t sent)
{
    ng_role_m role = {0};
    role.person = person;
    role.title = ng_fold(text + ts, te - ts, 0);
    role.of = of;
    role.of_name = of_name ? ng_strdup(of_name) : NULL;
    role.of_type = NG_PLACE;
    role.sent = sent;
    role.start = (uint32_t)ts;
    role.end = (uint32_t)te;
    if (!role.title || (of_name && !role.of_name) || ng_vec_push(r->roles, role)) {
        free(role.title);
        free(role.of_name);
        return ng_error_set(NG_ENOMEM, "out of memory");
    }
    return 0;
}

/* The holder of a title that starts at token ts: a mention right before (possibly with a
 * possessive) or a demonym. */
static void holder_before(const ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                          size_t sb, size_t ts, int64_t *of, const char **of_name)
{
    *of = -1;
    *of_name = NULL;
    if (ts <= sb)
        return;
    size_t k = ts - 1;
    if ((tk->toks[k].flags & NG_TOK_POSS) && k > sb)
        k--;
    int64_t m = mention_ending_at(r, k);
    if (m >= 0 && r->mentions.v[m].type != NG_PERSON) {
        *of = m;
        return;
    }
    const char *c = ng_lex_demonym_country(lx, text + tk->toks[k].start, tk->toks[k].end - tk->toks[k].start);
    if (c && *c)
        *of_name = c;
}

int ng_roles_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk)
{
    int rc = 0;
    size_t nm = r->mentions.n;
    for (size_t mi = 0; mi < nm; mi++) {
        const ng_mention m = r->mentions.v[mi];
        if (m.type != NG_PERSON)
            continue;
        const ng_sentence *s = &tk->sents[m.sent];
        /* pre-nominal: title words right before the name */
        size_t b = m.tok_begin;
        size_t ts = b;
        while (ts > s->tok_begin && is_title_tok(lx, text, &tk->toks[ts - 1]))
            ts--;
        if (ts < b) {
            int64_t of;
            const char *of_name;
            holder_before(r, lx, text, tk, s->tok_begin, ts, &of, &of_name);
            if ((rc = add_role(r, (int64_t)mi, text, tk->toks[ts].start, tk->toks[b - 1].end, of, of_name, m.sent)))
                return rc;
        }
        /* appositive: "X, the ... envoy for Y and Z," up to the end of the clause */
        size_t e = m.tok_end;
        if (e + 1 < s->tok_end && is_tok(text, &tk->toks[e], ",")) {
            size_t a = e + 1, z = a;
            while (z < s->tok_end && !is_tok(text, &tk->toks[z], ",") && !is_tok(text, &tk->toks[z], ".") &&
                   !is_tok(text, &tk->toks[z], ";") && !is_tok(text, &tk->toks[z], ")") && z - a < 16)
                z++;
            /* the phrase starts with a determiner or a possessor and holds a title word */
            int det = is_tok(text, &tk->toks[a], "the") || is_tok(text, &tk->toks[a], "a") ||
                      is_tok(text, &tk->toks[a], "an") || is_tok(text, &tk->toks[a], "its") ||
                      is_tok(text, &tk->toks[a], "his") || is_tok(text, &tk->toks[a], "her");
            size_t first_title = SIZE_MAX, poss = SIZE_MAX;
            for (size_t k = a; k < z; k++) {
                if (tk->toks[k].flags & NG_TOK_POSS)
                    poss = k;
                if (first_title == SIZE_MAX && poss == SIZE_MAX && is_title_tok(lx, text, &tk->toks[k]))
                    first_title = k;
            }
            if (poss != SIZE_MAX && poss + 1 < z) {
                first_title = SIZE_MAX;
                for (size_t k = poss + 1; k < z; k++)
                    if (is_title_tok(lx, text, &tk->toks[k])) {
                        first_title = k;
                        break;
                    }
            }
            if (det && first_title != SIZE_MAX && z > a + 1) {
                size_t t0 = poss != SIZE_MAX ? poss + 1 : a + 1;
                int64_t of = -1;
                const char *of_name = NULL;
                if (poss != SIZE_MAX) {
                    /* "the US President's": the holder is the mention inside the possessor */
                    for (size_t k = a; k < poss && of < 0; k++) {
                        int64_t mm = mention_at(r, k);
                        if (mm >= 0 && r->mentions.v[mm].type != NG_PERSON)
                            of = mm;
                    }
                }
                if ((rc = add_role(r, (int64_t)mi, text, tk->toks[t0].start, tk->toks[z - 1].end, of, of_name, m.sent)))
                    return rc;
            }
        }
    }
    return 0;
}
