/* events.c - events from trigger words (data/triggers.txt), one per clause: kind, the
 * date of the clause (or of a date fronting the sentence), the place ("in X" after the
 * trigger, "<City> talks"), participants with a role, and the clause as evidence.
 *
 * Clauses are cut at ";" and at "but", "while", "whereas", "although", "yet".  Inside a
 * clause, commas cut chunks: the participants are the names of the trigger's chunk, the
 * subject that follows a fronted phrase ("In an interview with X on Thursday, Y said"),
 * and whoever the sentence's speech attribution names ("..., said X", "X said").  Roles:
 * speaker (subject of a speech verb, or of an interview), host (an organization naming a
 * summit, "hosted by X", the interviewer "with X"), target (the object of an attack,
 * sanction or urging, "against X"), party (everyone else).
 * A definite trigger with no date and no place of its own ("the talks") refers back to the
 * first event of the same kind family in the document (ng_event_m.antecedent). */
#include <stdio.h>
#include <stdlib.h>
#include "extract_internal.h"

static const char *const SPEECH[] = {"said", "says", "say", "told", "tells", "added", "noted", "stated", "states",
                                     "argued", "replied", "insisted", "claimed", "warned", "explained", "announced",
                                     "declared", "stressed", "urged", "suggested", NULL};

/* Words that open a clause after a noun ("the meeting that the board...", "the vote, which"). */
static const char *const CLAUSE_WORDS[] = {"that", "which", "who", "whom", "where", "when", "because", "as", NULL};

/* Words that start a clause with its own subject. */
static const char *const SUBJECTS[] = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that",
                                       "these", "those", "its", "his", "her", "their", "there", NULL};

/* Kinds in order of preference when a clause has several triggers. */
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

/* Kinds that name the same sort of event ("negotiations" and "talks"). */
static const char *kind_family(const char *k)
{
    return strcmp(k, "negotiations") == 0 ? "talks" : k;
}

/* Kinds whose object is a target ("attacked X", "sanctions against X"). */
static int targets_object(const char *k)
{
    return strcmp(k, "attack") == 0 || strcmp(k, "invasion") == 0 || strcmp(k, "sanctions") == 0 ||
           strcmp(k, "rejection") == 0;
}

/* A trigger used as a verb ("proposed", "met", "resume"), which a place before it cannot name. */
static int verb_trigger(const char *text, const ng_token *t)
{
    static const char *const V[] = {"met", "meet", "meets", "sign", "signs", "resume", "resumes", "propose",
                                    "proposes", "visits", "attacks", "strikes", "invades", NULL};
    size_t n = t->end - t->start;
    if (n > 3 && text[t->end - 2] == 'e' && text[t->end - 1] == 'd')
        return 1;
    return tok_in(text, t, V);
}

/* Clause boundaries of a sentence. */
static const char *const CLAUSE_CUT[] = {";", "but", "while", "whereas", "although", "yet", NULL};

/* Chunk boundaries inside a clause (no letters: tok_in compares them exactly). */
static const char *const CHUNK_CUT[] = {",", "(", ")", ":", "\"", "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x94", NULL};

/* The word lists that the scans over a clause test at every token, looked up once per
 * token (ng_word_bits), and their bits. */
enum { WB_CLAUSE_CUT = 1, WB_CHUNK_CUT = 2 };
static const char *const *const WORD_LISTS[] = {CLAUSE_CUT, CHUNK_CUT};

int ng_word_bits(const char *text, const ng_tokens *tk, const char *const *const *lists, size_t nlists,
                 uint8_t **out)
{
    /* by lower-cased first byte, the lengths of the listed words (bit 31: 31 bytes or more) */
    uint32_t lens[256] = {0};
    if (nlists > 8)
        nlists = 8;
    for (size_t b = 0; b < nlists; b++)
        for (size_t i = 0; lists[b][i]; i++) {
            size_t n = strlen(lists[b][i]);
            lens[(unsigned char)lists[b][i][0]] |= 1u << (n < 31 ? n : 31);
        }
    uint8_t *bits = malloc(tk->ntoks ? tk->ntoks : 1);
    *out = bits;
    if (!bits)
        return ng_error_set(NG_ENOMEM, "out of memory");
    for (size_t k = 0; k < tk->ntoks; k++) {
        const ng_token *t = &tk->toks[k];
        size_t n = t->end - t->start;
        unsigned char c0 = n ? (unsigned char)text[t->start] : 0;
        if (c0 >= 'A' && c0 <= 'Z')
            c0 = (unsigned char)(c0 + 32);
        uint8_t v = 0;
        if (lens[c0] >> (n < 31 ? n : 31) & 1) /* as tok_in: first byte lower-cased, then the rest */
            for (size_t b = 0; b < nlists; b++)
                if (tok_in(text, t, lists[b]))
                    v |= (uint8_t)(1u << b);
        bits[k] = v;
    }
    return 0;
}

typedef struct {
    ng_doc_result *r;
    const ng_lexicon *lx;
    const char *text;
    const ng_tokens *tk;
    int64_t *ment;          /* token -> mention index or -1 */
    int64_t *holds;         /* mention -> the person mention of a role it holds, or -1 */
    size_t ref_lo, ref_hi;  /* the references of the current sentence */
    ng_map first_of_family; /* kind family -> 1 + index of its first event (not a reference back) */
    ng_map full_name;       /* a person's last word -> 1 + mention index of a full name */
    const uint32_t *cls;    /* lexicon classes per token, or NULL */
    uint8_t *wb;            /* WORD_LISTS bits per token (ng_word_bits) */
} ev_ctx;

/* Lexicon classes of token k. */
static uint32_t tok_classes(const ev_ctx *c, size_t k)
{
    if (c->cls)
        return c->cls[k];
    const ng_token *t = &c->tk->toks[k];
    return ng_lex_classes(c->lx, c->text + t->start, t->end - t->start);
}

/* Event kind of token k if it is a trigger word, else NULL (the trigger map's words all
 * have the TRIGGER class: most tokens are ruled out without a lookup). */
static const char *tok_trigger(const ev_ctx *c, size_t k)
{
    const ng_token *t = &c->tk->toks[k];
    if (!(tok_classes(c, k) & NG_LEX_TRIGGER))
        return NULL;
    return ng_lex_trigger_kind(c->lx, c->text + t->start, t->end - t->start);
}

/* Add participant mention mi (or upgrade its role from "party"). */
static int add_part(ng_event_m *ev, int64_t mi, const char *name, const char *role)
{
    for (size_t i = 0; i < ev->parts.n; i++) {
        ng_part_m *p = &ev->parts.v[i];
        if ((mi >= 0 && p->mention == mi) || (mi < 0 && p->mention < 0 && strcmp(p->name, name) == 0)) {
            if (strcmp(p->role, "party") == 0)
                ng_copy_str(p->role, sizeof p->role, role);
            return 0;
        }
    }
    ng_part_m p = {0};
    p.mention = mi;
    ng_copy_str(p.role, sizeof p.role, role);
    if (name)
        ng_copy_str(p.name, sizeof p.name, name);
    return ng_vec_push(ev->parts, p) ? ng_error_set(NG_ENOMEM, "out of memory") : 0;
}

/* Role of the mention starting at token b, ending at e, in chunk [cb, ce) of the trigger at tr. */
static const char *part_role(const ev_ctx *c, const char *kind, size_t b, size_t e, size_t tr, size_t cb, size_t ce)
{
    const ng_token *t = c->tk->toks;
    const ng_mention *m = &c->r->mentions.v[c->ment[b]];
    if (e < ce && tok_in(c->text, &t[e], SPEECH) && !is_tok_ci(c->text, &t[e], "urged"))
        return "speaker";
    if (b > cb && tok_in(c->text, &t[b - 1], SPEECH) && !is_tok_ci(c->text, &t[b - 1], "urged"))
        return "speaker";
    if (b > cb + 1 && is_tok_ci(c->text, &t[b - 1], "by") && is_tok_ci(c->text, &t[b - 2], "hosted"))
        return "host";
    if (e < ce && (is_tok_ci(c->text, &t[e], "hosted") || is_tok_ci(c->text, &t[e], "hosts")))
        return "host";
    if (e == tr && m->type == NG_ORG && !verb_trigger(c->text, &t[tr]))
        return "host"; /* "<Org> summit" */
    if (strcmp(kind, "interview") == 0 && tr + 1 < b && is_tok_ci(c->text, &t[tr + 1], "with") &&
        (b == tr + 2 || (b == tr + 3 && is_tok_ci(c->text, &t[tr + 2], "the"))))
        return "host"; /* "an interview with (the) X": the interviewer */
    /* "urged X", "against X", "urged <Org>'s lead negotiator X": the person, or a name not
     * used as a possessor */
    if (!(e < ce && (t[e].flags & NG_TOK_POSS))) {
        size_t k = b;
        while (k > cb && b - k < 6 &&
               ((t[k - 1].flags & NG_TOK_POSS) || c->ment[k - 1] >= 0 ||
                (tok_classes(c, k - 1) & NG_LEX_TITLE)) &&
               (k == b || m->type == NG_PERSON))
            k--;
        if (k > cb && (is_tok_ci(c->text, &t[k - 1], "against") || is_tok_ci(c->text, &t[k - 1], "urged")))
            return "target";
    }
    if (targets_object(kind) && b > tr && b <= tr + 2 && verb_trigger(c->text, &t[tr]))
        return "target";
    if (targets_object(kind) && b == tr + 2 && (is_tok_ci(c->text, &t[tr + 1], "on") || is_tok_ci(c->text, &t[tr + 1], "against")))
        return "target";
    return "party";
}

/* The chunk [*cb, *ce) of clause [a, z) holding token k. */
static void chunk_of(const ev_ctx *c, size_t a, size_t z, size_t k, size_t *cb, size_t *ce)
{
    size_t b = k, e = k;
    while (b > a && !(c->wb[b - 1] & WB_CHUNK_CUT))
        b--;
    while (e < z && !(c->wb[e] & WB_CHUNK_CUT))
        e++;
    *cb = b;
    *ce = e;
}

/* Is chunk [cb, ce) a fronted phrase (starts the clause with a preposition)? */
static int fronted(const ev_ctx *c, size_t cb, size_t a)
{
    static const char *const P[] = {"in", "at", "on", "during", "after", "before", "following", "since", "from", NULL};
    return cb == a && tok_in(c->text, &c->tk->toks[cb], P);
}

/* Is mention mi the holder of a role whose person is named in tokens [cb, ce)? */
static int holds_role_in(const ev_ctx *c, int64_t mi, size_t cb, size_t ce)
{
    if (c->holds[mi] < 0)
        return 0;
    const ng_mention *p = &c->r->mentions.v[c->holds[mi]];
    return p->tok_begin >= cb && p->tok_end <= ce;
}

/* The name the sentence starts with; in "<Org> <title> <Person>" the person. */
static int64_t sentence_subject(const ev_ctx *c, const ng_sentence *s)
{
    const ng_token *t = c->tk->toks;
    int64_t first = c->ment[s->tok_begin], person = -1;
    for (size_t k = s->tok_begin; k < s->tok_end && k - s->tok_begin < 8; k++) {
        int64_t mi = c->ment[k];
        if (mi >= 0) {
            if (c->r->mentions.v[mi].type == NG_PERSON)
                person = mi;
            k = c->r->mentions.v[mi].tok_end - 1;
            continue;
        }
        if (!(t[k].flags & NG_TOK_POSS) &&
            !(tok_classes(c, k) & NG_LEX_TITLE))
            break;
    }
    return person >= 0 ? person : first;
}

/* Participants of the event whose trigger is token tr in clause [a, z) of sentence s. */
static int participants(const ev_ctx *c, ng_event_m *ev, const char *kind, size_t tr, size_t a, size_t z,
                        const ng_sentence *s)
{
    const ng_token *t = c->tk->toks;
    size_t cb, ce;
    int rc;
    chunk_of(c, a, z, tr, &cb, &ce);
    for (size_t k = cb; k < ce; k++) {
        int64_t mi = c->ment[k];
        if (mi < 0 || c->r->mentions.v[mi].tok_begin != k || mi == ev->place)
            continue;
        size_t e = c->r->mentions.v[mi].tok_end;
        k = e - 1;
        if (holds_role_in(c, mi, cb, ce))
            continue; /* "<Country>'s negotiator X": the country is X's role, X takes part */
        if ((rc = add_part(ev, mi, NULL, part_role(c, kind, c->r->mentions.v[mi].tok_begin, e, tr, cb, ce))))
            return rc;
    }
    /* a fronted phrase: the subject right after it ("In an interview ..., X said") */
    if (fronted(c, cb, a) && ce + 1 < z && is_tok(c->text, &t[ce], ",")) {
        int64_t mi = c->ment[ce + 1];
        if (mi >= 0 && mi != ev->place) {
            const ng_mention *m = &c->r->mentions.v[mi];
            const char *role = strcmp(kind, "interview") == 0 && m->type == NG_PERSON ? "speaker" : "party";
            if ((rc = add_part(ev, mi, NULL, role)))
                return rc;
        }
    }
    /* "..., but emphasized ...": a clause without a subject shares the sentence's first one */
    if (a > s->tok_begin && (c->wb[a] & WB_CLAUSE_CUT) && a + 1 < z && (t[a + 1].flags & NG_TOK_ALPHA) &&
        !(t[a + 1].flags & NG_TOK_UPPER1) && !tok_in(c->text, &t[a + 1], SUBJECTS)) {
        int64_t mi = sentence_subject(c, s);
        if (mi >= 0 && mi != ev->place && (rc = add_part(ev, mi, NULL, "party")))
            return rc;
    }
    /* demonyms in the chunk name countries ("Peruvian officials"), unless they qualify a
     * title (a role's country, not a participant) */
    for (size_t i = c->ref_lo; i < c->ref_hi; i++) {
        const ng_ref_m *f = &c->r->refs.v[i];
        if (f->mention >= 0 || strcmp(f->rule, "demonym") != 0 || f->start < t[cb].start || f->end > t[ce - 1].end)
            continue;
        const char *lw = strrchr(f->text, ' ');
        if (lw && (ng_lex_classes(c->lx, lw + 1, strlen(lw + 1)) & NG_LEX_TITLE))
            continue;
        if ((rc = add_part(ev, -1, f->name, "party")))
            return rc;
    }
    /* "the minister said": the person a description stands for speaks */
    for (size_t i = c->ref_lo; i < c->ref_hi; i++) {
        const ng_ref_m *f = &c->r->refs.v[i];
        if (f->mention < 0 || strcmp(f->rule, "description") != 0 || f->sent != ev->sent)
            continue;
        size_t k = s->tok_begin;
        while (k < s->tok_end && t[k].start < f->end)
            k++;
        if (k < s->tok_end && tok_in(c->text, &t[k], SPEECH) && !is_tok_ci(c->text, &t[k], "urged") &&
            (rc = add_part(ev, f->mention, NULL, "speaker")))
            return rc;
    }
    /* speech attribution anywhere in the sentence: ", said X" / "X said" / ", X said" */
    for (size_t k = s->tok_begin; k < s->tok_end; k++) {
        int64_t mi = c->ment[k];
        if (mi < 0 || c->r->mentions.v[mi].tok_begin != k || c->r->mentions.v[mi].type != NG_PERSON)
            continue;
        size_t e = c->r->mentions.v[mi].tok_end;
        int after = k > s->tok_begin && tok_in(c->text, &t[k - 1], SPEECH) && !is_tok_ci(c->text, &t[k - 1], "urged") &&
                    (k - 1 == s->tok_begin || (c->wb[k - 2] & WB_CHUNK_CUT));
        int before = e < s->tok_end && tok_in(c->text, &t[e], SPEECH) && !is_tok_ci(c->text, &t[e], "urged") &&
                     (k == s->tok_begin || (c->wb[k - 1] & WB_CHUNK_CUT)) && (k < a || k >= z);
        if ((after || before) && (rc = add_part(ev, mi, NULL, "speaker")))
            return rc;
        k = e - 1;
    }
    return 0;
}

/* Score a place mention for an event: city/region 4 (country 2) after "in/at" past the
 * trigger, 3 for "<City> <noun trigger>", 1 for a fronted "In X,". */
static int place_score(const ev_ctx *c, int64_t mi, size_t tr, size_t cb, size_t ce, size_t a)
{
    const ng_mention *m = &c->r->mentions.v[mi];
    const ng_token *t = c->tk->toks;
    if (m->type != NG_PLACE)
        return 0;
    int country = (ng_lex_classes(c->lx, m->canon, strlen(m->canon)) & NG_LEX_COUNTRY) != 0;
    size_t b = m->tok_begin;
    int prep = b > 0 && (is_tok_ci(c->text, &t[b - 1], "in") || is_tok_ci(c->text, &t[b - 1], "at"));
    if (m->tok_end == tr && !verb_trigger(c->text, &t[tr]) && !country)
        return 3;
    if (prep && b > tr && b >= cb && b < ce)
        return country ? 2 : 4;
    /* "visited X": the place visited */
    if (b == tr + 1 && verb_trigger(c->text, &t[tr]) &&
        strcmp(ng_lex_trigger_kind(c->lx, c->text + t[tr].start, t[tr].end - t[tr].start), "visit") == 0)
        return country ? 2 : 4;
    if (prep && b == a + 1 && b < tr)
        return 1;
    return 0;
}

/* The place of an event: the best scoring place mention of the trigger's chunk (after the
 * trigger, up to a new verb phrase "to <word>" that is not a trigger) or a fronted "In X,". */
static int64_t find_place(const ev_ctx *c, size_t tr, size_t a, size_t z)
{
    const ng_token *t = c->tk->toks;
    size_t cb, ce;
    chunk_of(c, a, z, tr, &cb, &ce);
    /* stop at an infinitive that starts another predicate ("to end the war in X") */
    for (size_t k = tr + 1; k + 1 < ce; k++)
        if (is_tok(c->text, &t[k], "to") && !(t[k + 1].flags & NG_TOK_UPPER1) &&
            !tok_trigger(c, k + 1)) {
            ce = k;
            break;
        }
    int64_t best = -1;
    int bs = 0;
    for (size_t k = cb; k < ce; k++) {
        int64_t mi = c->ment[k];
        if (mi < 0 || c->r->mentions.v[mi].tok_begin != k)
            continue;
        int s = place_score(c, mi, tr, cb, ce, a);
        if (s > bs) {
            bs = s;
            best = mi;
        }
    }
    /* "In X, ..." fronting the clause */
    if (best < 0 && a + 1 < z && c->ment[a + 1] >= 0) {
        int64_t mi = c->ment[a + 1];
        if (place_score(c, mi, tr, cb, ce, a) > 0)
            best = mi;
    }
    return best;
}

/* The token of the time preposition whose object is the trigger noun at tr ("after the
 * meeting", "before Friday's vote", "since the election", "following peace talks"), or
 * SIZE_MAX.  Such an event is a landmark for another one.  Not a clause or a gerund ("after
 * he met", "after meeting X Thursday", "since rebels attacked"): a verb form there is the
 * event of that clause, with its date.  Not "during": what happens during the talks shares
 * their date ("reached a deal in 2022 during earlier talks"). */
static size_t time_landmark(const ev_ctx *c, size_t tr, size_t a)
{
    static const char *const PREP[] = {"after", "before", "since", "following", "until", NULL};
    const ng_token *t = c->tk->toks;
    size_t len = t[tr].end - t[tr].start;
    const char *w = c->text + t[tr].start;
    int ing = len > 4 && memcmp(w + len - 3, "ing", 3) == 0, det = 0;
    if (len > 3 && memcmp(w + len - 2, "ed", 2) == 0)
        return SIZE_MAX;
    for (size_t k = tr, n = 0; k > a && n < 4; k--, n++) {
        const ng_token *p = &t[k - 1];
        if (tok_in(c->text, p, PREP))
            return ing && !det ? SIZE_MAX : k - 1;
        if ((p->flags & NG_TOK_PUNCT) && !(p->flags & NG_TOK_POSS))
            return SIZE_MAX;
        det |= (p->flags & NG_TOK_POSS) || tok_in(c->text, p, SUBJECTS);
    }
    return SIZE_MAX;
}

/* The DATE timex (with a calendar value) of clause [a, z) closest to the trigger; else one
 * fronting the sentence ("In 2021, ..."); for a landmark trigger (time_landmark), only a
 * date of its own; for a statement (`speech`), not one of the "that" clause it reports. */
static int64_t find_date(const ev_ctx *c, uint32_t si, size_t ti, size_t tr, size_t a, size_t z, int speech)
{
    const ng_token *t = c->tk->toks;
    const ng_sentence *s = &c->tk->sents[si];
    uint32_t tpos = t[tr].start, ca = t[a].start, cz = t[z - 1].end;
    uint32_t best = UINT32_MAX;
    int64_t pick = -1, front = -1;
    size_t lm = time_landmark(c, tr, a);
    int landmark = lm != SIZE_MAX;
    /* the dates from `cut` on belong to a clause after the trigger: what a statement reports
     * ("said in a statement that the minister would travel in mid-June"), or what follows a
     * landmark ("after the meeting that the board would decide in April"); a landmark's own
     * date stays ("after the attack on the post in December") */
    uint32_t cut = UINT32_MAX;
    for (size_t q = tr + 1; (landmark || speech) && q < z; q++)
        if ((landmark && tok_in(c->text, &t[q], CLAUSE_WORDS)) || (speech && is_tok(c->text, &t[q], "that"))) {
            cut = t[q].start;
            break;
        }
    for (size_t k = ti; k < c->r->timexes.n && c->r->timexes.v[k].sent == si; k++) {
        const ng_timex_m *x = &c->r->timexes.v[k];
        if (strcmp(x->type, "DATE") != 0 || ng_timex_precision(x->value) == NG_PREC_NONE)
            continue;
        /* nor, for a landmark, a date before its preposition ("spoke Sunday after talks") */
        if (x->start >= cut || (landmark && x->end <= t[lm].start))
            continue;
        if (x->start >= ca && x->end <= cz) {
            uint32_t d = x->start > tpos ? x->start - tpos : tpos - x->start;
            if (d < best) {
                best = d;
                pick = (int64_t)k;
            }
        }
        /* fronting the sentence: at most two words before it, a comma right after it */
        if (front < 0 && !landmark) {
            size_t q = s->tok_begin;
            while (q < s->tok_end && t[q].start < x->start)
                q++;
            size_t e = q;
            while (e < s->tok_end && t[e].start < x->end)
                e++;
            if (q - s->tok_begin <= 2 && e < s->tok_end && is_tok(c->text, &t[e], ","))
                front = (int64_t)k;
        }
    }
    return pick >= 0 ? pick : front;
}

/* Is the trigger at tr definite ("the talks", "the current round of talks")? */
static int definite(const ev_ctx *c, size_t tr, size_t a)
{
    static const char *const DET[] = {"the", "this", "that", "these", "those", NULL};
    const ng_token *t = c->tk->toks;
    for (size_t k = tr, n = 0; k > a && n < 4; k--, n++) {
        const ng_token *p = &t[k - 1];
        if (tok_in(c->text, p, DET))
            return 1;
        if ((p->flags & (NG_TOK_UPPER1 | NG_TOK_PUNCT | NG_TOK_DIGIT)) || c->ment[k - 1] >= 0)
            return 0;
    }
    return 0;
}

/* Short label "kind: A, B, C in P", persons named by their full name in the document
 * (in the result's arena; NULL when out of memory). */
static char *make_label(const ev_ctx *c, const ng_event_m *ev)
{
    ng_buf lb = {0};
    ng_buf_puts(&lb, ev->kind);
    size_t shown = 0, strong = 0;
    for (size_t k = 0; k < ev->parts.n; k++)
        strong += ev->parts.v[k].mention < 0 || c->r->mentions.v[ev->parts.v[k].mention].conf >= NG_WEAK_CONF;
    for (size_t k = 0; k < ev->parts.n && shown < 3; k++) {
        const ng_part_m *p = &ev->parts.v[k];
        /* weak names (a capitalized first word) only when nothing else is known */
        if (strong && p->mention >= 0 && c->r->mentions.v[p->mention].conf < NG_WEAK_CONF)
            continue;
        const char *name = p->name;
        if (p->mention >= 0) {
            const ng_mention *m = &c->r->mentions.v[p->mention];
            name = m->canon;
            size_t v;
            if (m->type == NG_PERSON && !strchr(name, ' ') && ng_map_get(&c->full_name, name, strlen(name), &v))
                name = c->r->mentions.v[v - 1].canon;
        }
        int again = 0; /* the same name twice (a short form and the full name) */
        for (size_t q = 0; q < k && !again; q++) {
            const ng_part_m *o = &ev->parts.v[q];
            again = strcmp(o->mention >= 0 ? c->r->mentions.v[o->mention].canon : o->name,
                           p->mention >= 0 ? c->r->mentions.v[p->mention].canon : p->name) == 0;
        }
        if (again)
            continue;
        /* plain copies: a printf per name cost more than the rest of the label */
        ng_buf_puts(&lb, shown++ ? ", " : ": ");
        ng_buf_puts(&lb, name);
    }
    if (ev->place >= 0) {
        ng_buf_puts(&lb, " in ");
        ng_buf_puts(&lb, c->r->mentions.v[ev->place].canon);
    }
    char *label = lb.data ? ng_arena_strndup(&c->r->strs, lb.data, lb.len) : NULL;
    ng_buf_free(&lb);
    return label;
}

/* The best trigger of clause [a, z), or SIZE_MAX. */
static size_t best_trigger(const ev_ctx *c, size_t a, size_t z, const char **kind)
{
    size_t trig = SIZE_MAX;
    *kind = NULL;
    for (size_t k = a; k < z; k++) {
        if (c->cls && !(c->cls[k] & NG_LEX_TRIGGER))
            continue; /* most tokens: no trigger word (tok_trigger tests the same first) */
        const ng_token *t = &c->tk->toks[k];
        if (!(t->flags & NG_TOK_ALPHA) || c->ment[k] >= 0 ||
            ((t->flags & NG_TOK_UPPER1) && !(t->flags & NG_TOK_SENT_START)))
            continue;
        const char *kd = tok_trigger(c, k);
        if (kd && (!*kind || kind_rank(kd) < kind_rank(*kind))) {
            *kind = kd;
            trig = k;
        }
    }
    return trig;
}

/* Build the event of the trigger tr of clause [a, z) of sentence si and append it. */
static int clause_event(ev_ctx *c, uint32_t si, size_t ti, size_t a, size_t z, size_t tr, const char *kind)
{
    const ng_token *t = c->tk->toks;
    ng_doc_result *r = c->r;
    ng_event_m ev = {0};
    int rc = 0;
    ev.sent = si;
    ev.start = t[a].start;
    ev.end = t[z - 1].end;
    ev.trig_start = t[tr].start;
    ev.trig_end = t[tr].end;
    ev.timex = find_date(c, si, ti, tr, a, z, strcmp(kind, "statement") == 0);
    ev.place = find_place(c, tr, a, z);
    if ((rc = participants(c, &ev, kind, tr, a, z, &c->tk->sents[si])))
        goto fail;
    /* "the talks" with no date or place of its own: the first such event of the document */
    size_t first;
    const char *fam = kind_family(kind);
    int known = ng_map_get(&c->first_of_family, fam, strlen(fam), &first);
    if (ev.timex < 0 && ev.place < 0 && known && definite(c, tr, a))
        ev.antecedent = (uint32_t)first;
    /* an event with nobody and nowhere is not worth a node */
    if (!ev.antecedent && !ev.parts.n && ev.place < 0) {
        free(ev.parts.v);
        return 0;
    }
    ev.kind = ng_arena_strdup(&r->strs, kind); /* kind and label: in the result's arena */
    ev.label = ev.kind ? make_label(c, &ev) : NULL;
    if (!ev.kind || !ev.label || ng_vec_push(r->events, ev)) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto fail;
    }
    if (!known && !ev.antecedent && ng_map_put(&c->first_of_family, fam, strlen(fam), r->events.n))
        return ng_error_set(NG_ENOMEM, "out of memory"); /* the event is the result's now */
    return 0;
fail:
    free(ev.parts.v);
    return rc;
}

int ng_events_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                      const uint32_t *cls)
{
    ev_ctx c = {r, lx, text, tk, NULL, NULL, 0, 0, {0}, {0}, cls, NULL};
    int rc = 0;
    size_t ti = 0;
    c.ment = malloc((tk->ntoks ? tk->ntoks : 1) * sizeof *c.ment);
    c.holds = malloc((r->mentions.n + 1) * sizeof *c.holds);
    if (!c.ment || !c.holds) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = ng_word_bits(text, tk, WORD_LISTS, sizeof WORD_LISTS / sizeof WORD_LISTS[0], &c.wb)))
        goto done;
    for (size_t i = 0; i < tk->ntoks; i++)
        c.ment[i] = -1;
    for (size_t i = 0; i < r->mentions.n; i++) {
        c.holds[i] = -1;
        for (uint32_t k = r->mentions.v[i].tok_begin; k < r->mentions.v[i].tok_end && k < tk->ntoks; k++)
            c.ment[k] = (int64_t)i;
        /* the first full name of each last word, for labels */
        const char *cn = r->mentions.v[i].canon, *lw = strrchr(cn, ' ');
        if (r->mentions.v[i].type == NG_PERSON && lw && !ng_map_get(&c.full_name, lw + 1, strlen(lw + 1), NULL) &&
            (rc = ng_map_put(&c.full_name, lw + 1, strlen(lw + 1), i + 1)))
            goto done;
    }
    for (size_t i = 0; i < r->roles.n; i++)
        if (r->roles.v[i].of >= 0 && (size_t)r->roles.v[i].of < r->mentions.n && c.holds[r->roles.v[i].of] < 0)
            c.holds[r->roles.v[i].of] = r->roles.v[i].person;
    for (uint32_t si = 0; si < tk->nsents; si++) {
        const ng_sentence *s = &tk->sents[si];
        while (ti < r->timexes.n && r->timexes.v[ti].sent < si)
            ti++;
        while (c.ref_lo < r->refs.n && r->refs.v[c.ref_lo].sent < si)
            c.ref_lo++;
        c.ref_hi = c.ref_lo;
        while (c.ref_hi < r->refs.n && r->refs.v[c.ref_hi].sent == si)
            c.ref_hi++;
        if (s->flags & NG_SENT_HEADLINE)
            continue;
        size_t a = s->tok_begin;
        while (a < s->tok_end) {
            size_t z = a + 1;
            while (z < s->tok_end && !(c.wb[z] & WB_CLAUSE_CUT))
                z++;
            const char *kind;
            size_t tr = best_trigger(&c, a, z, &kind);
            if (tr != SIZE_MAX && (rc = clause_event(&c, si, ti, a, z, tr, kind)))
                goto done;
            a = z < s->tok_end && is_tok(text, &tk->toks[z], ";") ? z + 1 : z;
        }
    }
done:
    free(c.ment);
    free(c.holds);
    free(c.wb);
    ng_map_free(&c.first_of_family);
    ng_map_free(&c.full_name);
    return rc;
}
