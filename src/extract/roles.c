/* roles.c - titles held by persons and the coreference that titles and demonyms allow.
 *
 * 1. Title words around names (whichever chunker produced them): a person "name" made only
 *    of title words is dropped ("President"), an organization/place span that ends in title
 *    words right before a person loses them ("<Org> Secretary-General" + person -> "<Org>"),
 *    a span whose canonical name is a known country or city is a place.
 * 2. Roles: pre-nominal ("<Org> Defense Secretary X", "<Country>'s lead negotiator X",
 *    "<Demonym> President X"), appositive ("X, the <Country> President's special envoy for
 *    ...,", "X, <Org>'s chief,") and pre-appositive ("<Org>'s special envoy, X").  The
 *    holder of the role is the organization or country before the title (or in the
 *    possessor), else the one after "of"; a demonym names its country.
 * 3. References: definite descriptions that repeat the head of a role held by a person of
 *    the document ("the special envoy", "the <Country> President") point to the latest such
 *    person; demonyms outside names point to their country ("Peruvian officials");
 *    "Long Name (ACR)" records an acronym. */
#include <stdio.h>
#include <stdlib.h>
#include "extract_internal.h"

typedef struct {
    ng_doc_result *r;
    const ng_lexicon *lx;
    const char *text;
    const ng_tokens *tk;
    int64_t *ment; /* token -> mention index, or -1 */
    const uint32_t *cls; /* lexicon classes per token, or NULL */
} role_ctx;

/* Lexicon classes of token t (one of c->tk's). */
static uint32_t tok_classes(const role_ctx *c, const ng_token *t)
{
    if (c->cls)
        return c->cls[t - c->tk->toks];
    return ng_lex_classes(c->lx, c->text + t->start, t->end - t->start);
}

/* A title or role word (and not a place name). */
static int is_title_tok(const role_ctx *c, const ng_token *t)
{
    if (t->flags & NG_TOK_PUNCT)
        return 0;
    uint32_t cl = tok_classes(c, t);
    return (cl & NG_LEX_TITLE) && !(cl & NG_LEX_PLACE_ANY);
}

/* Title words that only modify a head ("special envoy", "foreign minister") or are too
 * generic to stand for one person in a description. */
static const char *const MODIFIERS[] = {
    "vice", "prime", "foreign", "defense", "defence", "interior", "finance", "treasury", "state", "trade",
    "justice", "health", "education", "energy", "economy", "agriculture", "labor", "labour", "home",
    "special", "presidential", "senior", "top", "lead", "acting", "deputy", "assistant", "former", "ex-",
    "then-", "mr.", "mrs.", "ms.", "dr.", "prof.", "sir", "dame", "lord", "lady", "official", "officer",
    "leader", "head", "chief", "major", "representative", "rep.", "attorney", "counsel", NULL};

/* Can token t head a title (the noun of "special envoy")? */
static int is_head_title(const role_ctx *c, const ng_token *t)
{
    return is_title_tok(c, t) && !tok_in(c->text, t, MODIFIERS);
}

/* Lower-case head word of a title token into out (abbreviations expanded: "Gen." -> "general"). */
static void head_word(const char *s, size_t n, char *out, size_t cap)
{
    static const char *const ABBR[][2] = {{"gen.", "general"},   {"gen", "general"},     {"col.", "colonel"},
                                          {"lt.", "lieutenant"}, {"maj.", "major"},      {"capt.", "captain"},
                                          {"adm.", "admiral"},   {"sen.", "senator"},    {"gov.", "governor"},
                                          {"rep.", "representative"}, {"pres.", "president"}, {"sgt.", "sergeant"},
                                          {NULL, NULL}};
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char ch = s[i];
        out[k++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    }
    out[k] = '\0';
    for (size_t i = 0; ABBR[i][0]; i++)
        if (ABBR[i][0][0] == out[0] && strcmp(out, ABBR[i][0]) == 0) {
            snprintf(out, cap, "%s", ABBR[i][1]);
            return;
        }
}

/* Head of a role title string: its last title word before "for", "of", "to", a comma. */
static void title_head(const ng_lexicon *lx, const char *title, char *out, size_t cap)
{
    out[0] = '\0';
    const char *p = title;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *w = p;
        while (*p && *p != ' ')
            p++;
        size_t n = (size_t)(p - w);
        if (!n)
            break;
        uint32_t cl = ng_lex_classes(lx, w, n);
        if (!(cl & NG_LEX_TITLE)) {
            if (out[0])
                return; /* the first run of title words is over */
            continue;
        }
        char hw[48];
        head_word(w, n, hw, sizeof hw);
        int mod = 0; /* (the first byte tested first: most words differ there) */
        for (size_t i = 0; MODIFIERS[i] && !mod; i++)
            mod = MODIFIERS[i][0] == hw[0] && strcmp(hw, MODIFIERS[i]) == 0;
        if (!mod || !out[0])
            snprintf(out, cap, "%s", hw);
    }
}

/* Fill c->ment from the current mentions. */
static void index_mentions(role_ctx *c)
{
    for (size_t i = 0; i < c->tk->ntoks; i++)
        c->ment[i] = -1;
    for (size_t i = 0; i < c->r->mentions.n; i++)
        for (uint32_t k = c->r->mentions.v[i].tok_begin; k < c->r->mentions.v[i].tok_end && k < c->tk->ntoks; k++)
            c->ment[k] = (int64_t)i;
}

/* Re-span mention m to tokens [b, e) (text and canonical name recomputed). */
static int respan(role_ctx *c, ng_mention *m, size_t b, size_t e)
{
    const ng_token *t = c->tk->toks;
    char *tx = ng_fold_arena(&c->r->strs, c->text + t[b].start, t[e - 1].end - t[b].start, 0);
    if (!tx)
        return ng_error_set(NG_ENOMEM, "out of memory");
    const char *cn = ng_lex_canonical(c->lx, c->text + t[b].start, t[e - 1].end - t[b].start);
    char *canon = cn ? ng_arena_strdup(&c->r->strs, cn) : tx; /* the old strings stay in the arena */
    if (!canon)
        return ng_error_set(NG_ENOMEM, "out of memory");
    m->text = tx;
    m->canon = canon;
    m->tok_begin = (uint32_t)b;
    m->tok_end = (uint32_t)e;
    m->start = t[b].start;
    m->end = t[e - 1].end;
    return 0;
}

/* Step 1: title words inside or as names, and lexicon types for known places. */
static int repair_mentions(role_ctx *c)
{
    ng_doc_result *r = c->r;
    const ng_token *t = c->tk->toks;
    size_t w = 0;
    int rc = 0;
    for (size_t i = 0; i < r->mentions.n; i++) {
        ng_mention *m = &r->mentions.v[i];
        size_t b = m->tok_begin, e = m->tok_end;
        int drop = 0;
        size_t k = e;
        while (k > b && is_title_tok(c, &t[k - 1]))
            k--;
        if (m->type == NG_PERSON && k == b) {
            drop = 1; /* "President" alone is a title, not a name */
        } else if (m->type != NG_PERSON && k > b && k < e && i + 1 < r->mentions.n &&
                   r->mentions.v[i + 1].tok_begin == e && r->mentions.v[i + 1].type == NG_PERSON) {
            /* "<Org> Secretary-General" right before a person: the title is the person's role */
            uint32_t pc = ng_lex_classes(c->lx, c->text + t[b].start, t[k - 1].end - t[b].start);
            if (k - b == 1 && (pc & NG_LEX_DEMONYM) && !(pc & (NG_LEX_COUNTRY | NG_LEX_CITY)))
                drop = 1;
            else if ((rc = respan(c, m, b, k)))
                return rc;
        }
        if (!drop && m->type != NG_PLACE) {
            uint32_t cc = ng_lex_classes(c->lx, m->canon, strlen(m->canon));
            if (cc & (NG_LEX_COUNTRY | NG_LEX_CITY))
                m->type = NG_PLACE;
        }
        if (drop)
            continue; /* its strings stay in the result's arena */
        r->mentions.v[w++] = *m;
    }
    r->mentions.n = w;
    return 0;
}

/* Append a role of mention `person`: title text[ts..te), holder mention `of` or country `of_name`. */
static int add_role(role_ctx *c, int64_t person, size_t ts, size_t te, int64_t of, const char *of_name,
                    uint32_t sent)
{
    ng_doc_result *r = c->r;
    ng_role_m role = {0};
    role.person = person;
    role.of = of;
    role.of_type = NG_PLACE;
    role.sent = sent;
    role.start = (uint32_t)ts;
    role.end = (uint32_t)te;
    for (size_t i = r->roles.n; i-- > 0 && r->roles.v[i].person == person;) {
        const ng_role_m *o = &r->roles.v[i];
        if (o->start == role.start && o->end == role.end)
            return 0;
    }
    /* the strings go to the result's arena: nothing to free on failure */
    role.title = ng_fold_arena(&r->strs, c->text + ts, te - ts, 0);
    role.of_name = of_name ? ng_arena_strdup(&r->strs, of_name) : NULL;
    if (!role.title || (of_name && !role.of_name) || ng_vec_push(r->roles, role))
        return ng_error_set(NG_ENOMEM, "out of memory");
    return 0;
}

/* The map look-up of demonym_of, out of line. */
static const char *demonym_lookup(const role_ctx *c, const ng_token *t)
{
    const char *d = ng_lex_demonym_country(c->lx, c->text + t->start, t->end - t->start);
    return d && *d ? d : NULL;
}

/* The country a demonym token names, or NULL.  Asked of every token outside a mention, so
 * the class tests are inline. */
static inline const char *demonym_of(const role_ctx *c, const ng_token *t)
{
    /* the demonym map's words all have the DEMONYM class */
    if (!(t->flags & NG_TOK_UPPER1) || !(tok_classes(c, t) & NG_LEX_DEMONYM))
        return NULL;
    return demonym_lookup(c, t);
}

/* Holder of a title starting at token ts: the non-person mention right before it (a
 * possessive in between allowed), or a demonym. */
static void holder_before(const role_ctx *c, size_t sb, size_t ts, int64_t *of, const char **of_name)
{
    *of = -1;
    *of_name = NULL;
    if (ts <= sb)
        return;
    size_t k = ts - 1;
    if ((c->tk->toks[k].flags & NG_TOK_POSS) && k > sb)
        k--;
    int64_t m = c->ment[k];
    if (m >= 0 && c->r->mentions.v[m].tok_end == k + 1) {
        if (c->r->mentions.v[m].type != NG_PERSON)
            *of = m;
        return;
    }
    *of_name = demonym_of(c, &c->tk->toks[k]);
}

/* Holder named after the title: "<title> of <Org>" within [from, to); *at gets the
 * index of "of". */
static int64_t holder_after(const role_ctx *c, size_t from, size_t to, size_t *at)
{
    for (size_t k = from; k + 1 < to; k++) {
        if (!is_tok(c->text, &c->tk->toks[k], "of"))
            continue;
        *at = k;
        size_t j = k + 1;
        if (j < to && is_tok_ci(c->text, &c->tk->toks[j], "the"))
            j++;
        if (j < to && c->ment[j] >= 0 && c->r->mentions.v[c->ment[j]].type != NG_PERSON)
            return c->ment[j];
        return -1;
    }
    return -1;
}

/* The last possessive clitic in [a, z) (SIZE_MAX if none). */
static size_t last_poss(const role_ctx *c, size_t a, size_t z)
{
    size_t p = SIZE_MAX;
    for (size_t k = a; k < z; k++)
        if (c->tk->toks[k].flags & NG_TOK_POSS)
            p = k;
    return p;
}

/* The non-person mention inside [a, z), the first one (or -1). */
static int64_t holder_inside(const role_ctx *c, size_t a, size_t z)
{
    for (size_t k = a; k < z; k++) {
        int64_t mm = c->ment[k];
        if (mm >= 0 && c->r->mentions.v[mm].type != NG_PERSON)
            return mm;
    }
    return -1;
}

/* Does [a, z) hold a title head word? */
static int has_head(const role_ctx *c, size_t a, size_t z)
{
    for (size_t k = a; k < z; k++)
        if (is_head_title(c, &c->tk->toks[k]))
            return 1;
    return 0;
}

/* A clause-ending token for appositives. */
static int is_stop(const char *text, const ng_token *t)
{
    static const char *const w[] = {",", ".", ";", ":", ")", "(", "who", "which", "said", "says", "\"", NULL};
    for (size_t i = 0; w[i]; i++)
        if (is_tok(text, t, w[i]))
            return 1;
    return (t->flags & NG_TOK_PUNCT) && t->end - t->start > 1 && !is_tok(text, t, "-");
}

/* Step 2, per person mention mi: pre-nominal, appositive and pre-appositive titles. */
static int roles_of(role_ctx *c, size_t mi)
{
    const ng_mention m = c->r->mentions.v[mi];
    const ng_sentence *s = &c->tk->sents[m.sent];
    const ng_token *t = c->tk->toks;
    int rc;
    /* pre-nominal: title words right before the name */
    size_t b = m.tok_begin, ts = b;
    while (ts > s->tok_begin && c->ment[ts - 1] < 0 && is_title_tok(c, &t[ts - 1]))
        ts--;
    if (ts < b && has_head(c, ts, b)) {
        int64_t of;
        const char *of_name;
        holder_before(c, s->tok_begin, ts, &of, &of_name);
        if ((rc = add_role(c, (int64_t)mi, t[ts].start, t[b - 1].end, of, of_name, m.sent)))
            return rc;
    }
    /* appositive: "X, the ... title ...," */
    size_t e = m.tok_end;
    if (e + 1 < s->tok_end && is_tok(c->text, &t[e], ",")) {
        size_t a = e + 1, z = a;
        while (z < s->tok_end && !is_stop(c->text, &t[z]) && z - a < 14)
            z++;
        static const char *const DET[] = {"the", "a", "an", "its", "his", "her", "their", NULL};
        int det = tok_in(c->text, &t[a], DET);
        int64_t lead = c->ment[a];
        int lead_holder = lead >= 0 && c->r->mentions.v[lead].type != NG_PERSON;
        size_t poss = last_poss(c, a, z);
        size_t t0 = poss != SIZE_MAX ? poss + 1 : det ? a + 1 : a;
        if (lead_holder && poss == SIZE_MAX)
            t0 = c->r->mentions.v[lead].tok_end; /* "X, <Org> Secretary-General," */
        int starts_title = t0 < z && (is_title_tok(c, &t[t0]) ||
                                      (t0 + 1 < z && is_title_tok(c, &t[t0 + 1])));
        if ((det || lead_holder || is_title_tok(c, &t[a])) && t0 < z && starts_title &&
            has_head(c, t0, z) && (z >= s->tok_end || !is_tok(c->text, &t[z], "said"))) {
            int64_t of = poss != SIZE_MAX ? holder_inside(c, a, poss) : lead_holder ? lead : -1;
            const char *of_name = NULL;
            size_t te = z;
            if (of < 0 && poss == SIZE_MAX && !lead_holder) {
                size_t at;
                of = holder_after(c, t0, z, &at);
                if (of >= 0 && at > t0)
                    te = at; /* "the secretary-general of <Org>": the title ends before "of" */
            }
            if (of < 0)
                for (size_t k = a; k < t0 && !of_name; k++)
                    of_name = demonym_of(c, &t[k]);
            if (of < 0 && !of_name && t0 < z)
                of_name = demonym_of(c, &t[t0]);
            if ((rc = add_role(c, (int64_t)mi, t[t0].start, t[te - 1].end, of, of_name, m.sent)))
                return rc;
        }
    }
    /* pre-appositive: "<Org>'s special envoy for A and B, X" */
    if (b >= s->tok_begin + 2 && is_tok(c->text, &t[b - 1], ",")) {
        static const char *const GLUE[] = {"for", "of", "and", "on", "to", "the", NULL};
        size_t z = b - 1, a = z;
        while (a > s->tok_begin && z - a < 12) {
            const ng_token *p = &t[a - 1];
            int64_t mm = c->ment[a - 1];
            if ((mm >= 0 && c->r->mentions.v[mm].type != NG_PERSON) || (p->flags & NG_TOK_POSS) ||
                is_title_tok(c, p) || tok_in(c->text, p, GLUE))
                a--;
            else
                break;
        }
        while (a < z && tok_in(c->text, &t[a], GLUE) && !is_tok_ci(c->text, &t[a], "the"))
            a++;
        size_t poss = last_poss(c, a, z);
        size_t t0 = poss != SIZE_MAX ? poss + 1 : a;
        if (is_tok_ci(c->text, &t[t0], "the"))
            t0++;
        if (t0 < z && is_title_tok(c, &t[t0]) && has_head(c, t0, z) &&
            (a == s->tok_begin || (t[a - 1].flags & NG_TOK_PUNCT) || !(t[a - 1].flags & NG_TOK_UPPER1))) {
            int64_t of = poss != SIZE_MAX ? holder_inside(c, a, poss) : -1;
            const char *of_name = NULL;
            if (of < 0 && poss == SIZE_MAX)
                holder_before(c, s->tok_begin, t0, &of, &of_name);
            if ((rc = add_role(c, (int64_t)mi, t[t0].start, t[z - 1].end, of, of_name, m.sent)))
                return rc;
        }
    }
    return 0;
}

/* Append a reference. */
static int add_ref(ng_doc_result *r, int64_t mention, const char *name, const char *text, size_t n,
                   const char *rule, uint32_t sent, uint32_t start, uint32_t end)
{
    ng_ref_m f = {0};
    f.mention = mention;
    if (name)
        ng_copy_str(f.name, sizeof f.name, name);
    char *fold = ng_fold(text, n, 0);
    if (!fold)
        return ng_error_set(NG_ENOMEM, "out of memory");
    ng_copy_str(f.text, sizeof f.text, fold);
    free(fold);
    ng_copy_str(f.rule, sizeof f.rule, rule);
    f.sent = sent;
    f.start = start;
    f.end = end;
    if (ng_vec_push(r->refs, f))
        return ng_error_set(NG_ENOMEM, "out of memory");
    return 0;
}

/* Does role i of the document have holder mention `of` (any mention of the same name)? */
static int role_held_of(const role_ctx *c, const ng_role_m *ro, const char *want)
{
    if (!want)
        return 1;
    if (ro->of >= 0)
        return strcmp(c->r->mentions.v[ro->of].canon, want) == 0;
    return ro->of_name && strcmp(ro->of_name, want) == 0;
}

/* How far back (in mentions) a description looks for the person it stands for. */
#define DESC_LOOKBACK 300
#define DESC_CANDIDATES 32

/* "the [Holder] title+" at token k of sentence s (not followed by a name): the person of
 * this document holding a role with that head, mentioned last before it.  heads[i] is
 * the head word of role i. */
static int description_at(role_ctx *c, uint32_t si, size_t k, size_t *next, char (*heads)[48])
{
    const ng_sentence *s = &c->tk->sents[si];
    const ng_token *t = c->tk->toks;
    size_t j = k + 1;
    const char *holder = NULL; /* "the <Org> <title>", "the <Demonym> <title>" */
    *next = k + 1;
    if (j < s->tok_end && c->ment[j] >= 0 && c->r->mentions.v[c->ment[j]].type != NG_PERSON &&
        c->r->mentions.v[c->ment[j]].tok_begin == j) {
        holder = c->r->mentions.v[c->ment[j]].canon;
        j = c->r->mentions.v[c->ment[j]].tok_end;
    } else if (j < s->tok_end && c->ment[j] < 0 && demonym_of(c, &t[j])) {
        holder = demonym_of(c, &t[j]);
        j++;
    }
    size_t h0 = j;
    while (j < s->tok_end && j - h0 < 4 && c->ment[j] < 0 && is_title_tok(c, &t[j]))
        j++;
    if (j == h0 || !is_head_title(c, &t[j - 1]))
        return 0;
    /* followed by a name: a pre-nominal title, not a description */
    if (j < s->tok_end && (c->ment[j] >= 0 || ((t[j].flags & NG_TOK_UPPER1) && (t[j].flags & NG_TOK_ALPHA))))
        return 0;
    *next = j;
    char head[48];
    head_word(c->text + t[j - 1].start, t[j - 1].end - t[j - 1].start, head, sizeof head);
    /* the roles with that head (and holder) */
    size_t cand[DESC_CANDIDATES], nc = 0;
    for (size_t i = 0; i < c->r->roles.n && nc < DESC_CANDIDATES; i++)
        if (strcmp(heads[i], head) == 0 && role_held_of(c, &c->r->roles.v[i], holder))
            cand[nc++] = i;
    if (!nc)
        return 0;
    /* the latest mention before the description that names one of their persons (the
     * same name, or its last word) */
    size_t lo = 0, hi = c->r->mentions.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->r->mentions.v[mid].start < t[k].start)
            lo = mid + 1;
        else
            hi = mid;
    }
    int64_t best = -1;
    for (size_t q = lo, seen = 0; q-- > 0 && seen < DESC_LOOKBACK && best < 0; seen++) {
        const ng_mention *mq = &c->r->mentions.v[q];
        if (mq->type != NG_PERSON)
            continue;
        for (size_t i = 0; i < nc && best < 0; i++) {
            const ng_role_m *ro = &c->r->roles.v[cand[i]];
            const char *pname = c->r->mentions.v[ro->person].canon, *lw = strrchr(pname, ' ');
            if (strcmp(mq->canon, pname) == 0 || (lw && strcmp(mq->canon, lw + 1) == 0))
                best = ro->person;
        }
    }
    if (best < 0)
        return 0;
    return add_ref(c->r, best, NULL, c->text + t[k].start, t[j - 1].end - t[k].start, "description", si,
                   t[k].start, t[j - 1].end);
}

/* Step 3: descriptions, demonyms and "Long Name (ACR)" acronyms. */
static int references(role_ctx *c)
{
    const ng_token *t = c->tk->toks;
    int rc = 0;
    char(*heads)[48] = malloc((c->r->roles.n + 1) * sizeof *heads);
    if (!heads)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t i = 0; i < c->r->roles.n; i++)
        title_head(c->lx, c->r->roles.v[i].title, heads[i], sizeof heads[i]);
    for (uint32_t si = 0; si < c->tk->nsents; si++) {
        const ng_sentence *s = &c->tk->sents[si];
        for (size_t k = s->tok_begin; k < s->tok_end;) {
            size_t next = k + 1;
            if (c->ment[k] < 0 && is_tok_ci(c->text, &t[k], "the")) {
                if ((rc = description_at(c, si, k, &next, heads)))
                    goto done;
            } else if (c->ment[k] < 0) {
                const char *country = demonym_of(c, &t[k]);
                if (country) {
                    /* the demonym and the noun it qualifies ("Peruvian officials") */
                    size_t e = k + 1;
                    if (e < s->tok_end && (t[e].flags & NG_TOK_ALPHA) &&
                        (!(t[e].flags & NG_TOK_UPPER1) || is_title_tok(c, &t[e])))
                        e++;
                    if ((rc = add_ref(c->r, -1, country, c->text + t[k].start, t[e - 1].end - t[k].start, "demonym",
                                      si, t[k].start, t[e - 1].end)))
                        goto done;
                }
            } else {
                /* "Long Name (ACR)": the acronym right after a multi-word name, in brackets */
                int64_t mm = c->ment[k];
                const ng_mention *m = &c->r->mentions.v[mm];
                size_t e = m->tok_end;
                /* its first letter that of the name, or of the word after a first one
                 * ("Freedonian Fair Trade Commission (FTC)") */
                char a0 = e + 1 < s->tok_end ? c->text[t[e + 1].start] : 0;
                if (m->tok_begin == k && m->type != NG_PERSON && e - k >= 2 && e + 2 < s->tok_end &&
                    is_tok(c->text, &t[e], "(") && is_tok(c->text, &t[e + 2], ")") &&
                    (t[e + 1].flags & NG_TOK_ALLCAPS) && t[e + 1].end - t[e + 1].start >= 2 &&
                    t[e + 1].end - t[e + 1].start <= 8 &&
                    (a0 == c->text[t[k].start] || (e - k >= 3 && a0 == c->text[t[k + 1].start]))) {
                    const ng_token *a = &t[e + 1];
                    int64_t am = c->ment[e + 1];
                    const char *acr = am >= 0 ? c->r->mentions.v[am].canon : NULL;
                    char buf[64];
                    if (!acr) {
                        snprintf(buf, sizeof buf, "%.*s", (int)(a->end - a->start), c->text + a->start);
                        acr = buf;
                    }
                    if ((rc = add_ref(c->r, mm, acr, c->text + a->start, a->end - a->start, "acronym", si, a->start,
                                      a->end)))
                        goto done;
                }
                next = e > k ? e : k + 1;
            }
            k = next;
        }
    }
done:
    free(heads);
    return rc;
}

int ng_roles_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                     const uint32_t *cls)
{
    role_ctx c = {r, lx, text, tk, NULL, cls};
    int rc = 0;
    c.ment = malloc((tk->ntoks ? tk->ntoks : 1) * sizeof *c.ment);
    if (!c.ment)
        return ng_error_set(NG_ENOMEM, "out of memory");
    index_mentions(&c);
    if ((rc = repair_mentions(&c)))
        goto done;
    index_mentions(&c);
    for (size_t mi = 0; mi < r->mentions.n; mi++)
        if (r->mentions.v[mi].type == NG_PERSON && (rc = roles_of(&c, mi)))
            goto done;
    rc = references(&c);
done:
    free(c.ment);
    return rc;
}
