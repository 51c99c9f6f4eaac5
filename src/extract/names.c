/* names.c - name mentions: the trained tagger's spans when a model is loaded, otherwise
 * capitalized-sequence chunking; in both cases general rules around them (titles and
 * possessives outside the span, demonyms are not places, lexicon types for known
 * places, variant names mapped to canonical ones). */
#include <stdlib.h>
#include <strings.h>
#include "extract_internal.h"

#define TOK_IS_CAP(t) (((t)->flags & (NG_TOK_UPPER1 | NG_TOK_ALLCAPS)) && ((t)->flags & NG_TOK_ALPHA))

typedef struct {
    const char *text;
    const ng_tokens *tk;
    const ng_lexicon *lx;
    ng_doc_result *r;
    uint32_t *cls; /* lexicon classes per token (with the tagger: filled sentence by sentence) */
} name_ctx;

/* Classes of the phrase made of tokens [b, e). */
static uint32_t phrase_classes(const name_ctx *c, size_t b, size_t e)
{
    if (e - b == 1)
        return c->cls[b];
    const ng_token *t = c->tk->toks;
    return ng_lex_classes(c->lx, c->text + t[b].start, t[e - 1].end - t[b].start);
}

static int is_connector(const char *text, const ng_token *t)
{
    static const char *const w[] = {"of", "for", "and", "de", "du", "del", "la", "the", "&", NULL};
    for (size_t i = 0; w[i]; i++)
        if (is_tok(text, t, w[i]))
            return 1;
    return 0;
}

/* Words after a single capitalized token that mark it as a person. */
static int is_speech_verb(const char *text, const ng_token *t)
{
    static const char *const w[] = {"said", "says", "told", "added", "noted", "argued", "stated", "replied",
                                    "insisted", "wrote", "claimed", "warned", "urged", "asked", "explained", NULL};
    for (size_t i = 0; w[i]; i++)
        if (is_tok(text, t, w[i]))
            return 1;
    return 0;
}

static int is_place_prep(const char *text, const ng_token *t)
{
    static const char *const w[] = {"in", "at", "from", "near", "to", "across", "outside", "inside", NULL};
    for (size_t i = 0; w[i]; i++)
        if (is_tok(text, t, w[i]))
            return 1;
    return 0;
}

int ng_names_add_mention(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                         uint32_t sent, size_t b, size_t e, ng_type type, float conf)
{
    const ng_token *t = tk->toks;
    ng_mention m = {0};
    m.sent = sent;
    m.tok_begin = (uint32_t)b;
    m.tok_end = (uint32_t)e;
    m.start = t[b].start;
    m.end = t[e - 1].end;
    m.type = type;
    m.conf = conf;
    m.text = ng_fold_arena(&r->strs, text + m.start, m.end - m.start, 0);
    if (!m.text)
        return NG_ENOMEM;
    /* a name without a variant is its own canonical name: the same bytes, shared */
    const char *canon = ng_lex_canonical(lx, text + m.start, m.end - m.start);
    m.canon = canon ? ng_arena_strdup(&r->strs, canon) : m.text;
    if (!m.canon || ng_vec_push(r->mentions, m))
        return NG_ENOMEM; /* what the arena holds goes with the result */
    return 0;
}

/* Type a name span [b, e) by lexicon and shape; returns 0 to drop it. */
static int type_span(const name_ctx *c, size_t b, size_t e, int title_before, ng_type *type, float *conf)
{
    const ng_token *t = c->tk->toks;
    uint32_t pc = phrase_classes(c, b, e);
    if (pc & (NG_LEX_MONTH | NG_LEX_WEEKDAY))
        return 0;
    /* a nationality adjective is not a place, even when a region shares its name */
    if (e - b == 1 && (pc & NG_LEX_DEMONYM) && !(pc & (NG_LEX_COUNTRY | NG_LEX_CITY)))
        return 0;
    if (pc & NG_LEX_PLACE_ANY) {
        *type = NG_PLACE;
        *conf = 0.9f;
        return 1;
    }
    const char *canon = ng_lex_canonical(c->lx, c->text + t[b].start, t[e - 1].end - t[b].start);
    if (canon) {
        uint32_t cc = ng_lex_classes(c->lx, canon, strlen(canon));
        *type = (cc & NG_LEX_PLACE_ANY) ? NG_PLACE : NG_ORG;
        *conf = 0.85f;
        return 1;
    }
    if (e - b == 1 && (pc & (NG_LEX_DEMONYM | NG_LEX_STOPCAP | NG_LEX_TITLE)))
        return 0;
    for (size_t i = b; i < e; i++)
        if (c->cls[i] & (NG_LEX_ORGWORD | NG_LEX_ORG)) {
            *type = NG_ORG;
            *conf = 0.8f;
            return 1;
        }
    if (e - b == 1 && (t[b].flags & NG_TOK_ALLCAPS) && t[b].end - t[b].start >= 2 && t[b].end - t[b].start <= 7) {
        *type = NG_ORG;
        *conf = 0.7f;
        return 1;
    }
    if (title_before || (c->cls[b] & NG_LEX_FIRSTNAME)) {
        *type = NG_PERSON;
        *conf = 0.85f;
        return 1;
    }
    if (e - b >= 2) {
        for (size_t i = b; i < e; i++)
            if ((t[i].flags & NG_TOK_DIGIT) || (t[i].flags & NG_TOK_ALLCAPS))
                goto org;
        *type = NG_PERSON;
        *conf = 0.6f;
        return 1;
    org:
        *type = NG_ORG;
        *conf = 0.5f;
        return 1;
    }
    /* a single unknown capitalized word */
    if (b > 0 && is_place_prep(c->text, &t[b - 1])) {
        *type = NG_PLACE;
        *conf = 0.5f;
        return 1;
    }
    *type = NG_PERSON;
    *conf = (e < c->tk->ntoks && is_speech_verb(c->text, &t[e])) ? 0.6f : 0.45f;
    return 1;
}

/* Is sentence s a Title Case headline (most words capitalized)? */
static int titlecase_headline(const name_ctx *c, const ng_sentence *s)
{
    if (!(s->flags & NG_SENT_HEADLINE))
        return 0;
    size_t words = 0, caps = 0;
    for (size_t i = s->tok_begin; i < s->tok_end; i++) {
        const ng_token *t = &c->tk->toks[i];
        if (!(t->flags & NG_TOK_ALPHA))
            continue;
        words++;
        caps += (t->flags & NG_TOK_UPPER1) != 0;
    }
    return words >= 3 && caps * 10 >= words * 7;
}

/* The words of [b, e) in capitals written as a name ("SANTIAGO" -> "Santiago", "ST. LOUIS"
 * -> "St. Louis", "RIO DE JANEIRO" -> "Rio de Janeiro", "O'SMACH" -> "O'Smach") into out;
 * 0 if a word is not all capitals, has a byte outside ASCII, or the name does not fit. */
static int caps_as_name(const name_ctx *c, size_t b, size_t e, char *out, size_t cap)
{
    static const char *const LOW[] = {"de", "da", "del", "do", "dos", "la", "le", "of", "al", "el", "es", NULL};
    const ng_token *t = c->tk->toks;
    size_t n = 0;
    for (size_t i = b; i < e; i++) {
        if (!(t[i].flags & NG_TOK_ALLCAPS) && !(t[i].flags & NG_TOK_PUNCT))
            return 0;
        size_t len = t[i].end - t[i].start;
        if (n + len + 2 > cap)
            return 0;
        if (i > b && t[i].start > t[i - 1].end)
            out[n++] = ' ';
        size_t w0 = n;
        for (size_t k = 0; k < len; k++) {
            unsigned char ch = (unsigned char)c->text[t[i].start + k];
            if (ch >= 128)
                return 0;
            int after = k > 0 && (out[n - 1] == '\'' || out[n - 1] == '-'); /* O'Smach, Al-Arish */
            out[n++] = (char)((k > 0 && !after && ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
        }
        out[n] = '\0';
        for (size_t q = 0; i > b && LOW[q]; q++)
            if (strcasecmp(out + w0, LOW[q]) == 0)
                out[w0] = (char)(out[w0] + 32);
    }
    out[n] = '\0';
    return n > 0;
}

/* What follows the name of a wire dateline, from token e to the sentence's end lim: a
 * comma, a parenthesis or a dash, and within a few words on the line the agency in
 * parentheses or a month ("SANTIAGO, March 12 (Reuters) -", "AMHERST, N.Y. (AP) --").
 * A dateline's name opens its line (dateline). */
static int dateline_after(const name_ctx *c, size_t e, size_t lim)
{
    static const char *const OPEN[] = {",", "(", "-", "--", "\xe2\x80\x94", "\xe2\x80\x93", NULL};
    const ng_token *t = c->tk->toks;
    size_t nt = lim; /* the end of the sentence: the classes beyond are not read yet */
    if (e >= nt || !tok_in(c->text, &t[e], OPEN))
        return 0;
    for (size_t k = e; k < e + 10 && k < nt; k++) {
        if (k > e && (t[k].flags & NG_TOK_LINE_START))
            return 0;
        if (is_tok(c->text, &t[k], "(") && k + 2 < nt && (t[k + 1].flags & NG_TOK_UPPER1) &&
            is_tok(c->text, &t[k + 2], ")"))
            return 1;
        if (c->cls[k] & NG_LEX_MONTH)
            return 1;
    }
    return 0;
}

/* A wire dateline at [b, e): a name in capitals that opens its line (dateline_after). */
static int dateline(const name_ctx *c, size_t b, size_t e, size_t lim)
{
    return (c->tk->toks[b].flags & NG_TOK_LINE_START) && dateline_after(c, e, lim);
}

/* Add the name [b, e) of sentence si as a mention (ng_names_add_mention), but a place in
 * capitals (not a variant the lexicon has as written) first: a known one opening its line
 * and followed by a comma, parenthesis, dash, colon or the line's end (a headline: "KYIV -",
 * "WASHINGTON _ The economy", a heading "KENYA:"), or
 * followed by the rest of a dateline ("NAIROBI, KENYA (AP)"; not "the acronym GUAM, in"),
 * or any name of a dateline, is a place named as in running text ("SANTIAGO" is
 * "Santiago"). */
static int add_name(name_ctx *c, uint32_t si, size_t b, size_t e, ng_type ty, float conf)
{
    static const char *const AFTER[] = {",", "(", "-", "--", "\xe2\x80\x94", "\xe2\x80\x93", "_", ":", NULL};
    const ng_token *t = c->tk->toks;
    char capf[64];
    const char *capname = NULL;
    int rc;
    if (caps_as_name(c, b, e, capf, sizeof capf) && strlen(capf) >= 4 &&
        !ng_lex_canonical(c->lx, c->text + t[b].start, t[e - 1].end - t[b].start)) {
        const char *kn = ng_lex_canonical(c->lx, capf, strlen(capf));
        const char *name = kn ? kn : capf;
        int known = (ng_lex_classes(c->lx, name, strlen(name)) & NG_LEX_PLACE_ANY) != 0;
        int line = (t[b].flags & NG_TOK_LINE_START) != 0;
        int after = dateline_after(c, e, c->tk->sents[si].tok_end);
        int alone = line && (e >= c->tk->ntoks || tok_in(c->text, &t[e], AFTER) || (t[e].flags & NG_TOK_LINE_START));
        if ((known && (alone || after)) || (line && after)) {
            ty = NG_PLACE;
            capname = name;
            if (conf < 0.85f)
                conf = 0.85f;
        }
    }
    if ((rc = ng_names_add_mention(c->r, c->lx, c->text, c->tk, si, b, e, ty, conf)) || !capname)
        return rc;
    ng_mention *m = &c->r->mentions.v[c->r->mentions.n - 1];
    return (m->canon = ng_arena_strdup(&c->r->strs, capname)) ? 0 : NG_ENOMEM;
}

/* Emit the name part of chunk [b, e) of sentence si, splitting off titles and a
 * leading country/organization ("US Defense Secretary X"). */
static int emit_chunk(name_ctx *c, uint32_t si, size_t b, size_t e, int weak_ctx)
{
    const ng_token *t = c->tk->toks;
    int rc;
    /* whole chunk known: keep it whole */
    uint32_t pc = phrase_classes(c, b, e);
    if (!(pc & (NG_LEX_PLACE_ANY | NG_LEX_ORG)) && !ng_lex_canonical(c->lx, c->text + t[b].start, t[e - 1].end - t[b].start)) {
        /* leading stop words ("The", "However") */
        while (b < e && (c->cls[b] & NG_LEX_STOPCAP) && !(c->cls[b] & NG_LEX_PLACE_ANY))
            b++;
        if (b >= e)
            return 0;
        /* titles inside the chunk: the name is what follows the last title word */
        int has_org = 0;
        size_t last_title = SIZE_MAX;
        for (size_t i = b; i < e; i++) {
            if (c->cls[i] & NG_LEX_ORGWORD)
                has_org = 1;
            if ((c->cls[i] & NG_LEX_TITLE) && !(c->cls[i] & NG_LEX_PLACE_ANY) && !has_org)
                last_title = i;
        }
        if (last_title != SIZE_MAX) {
            size_t ts = last_title;
            while (ts > b && (c->cls[ts - 1] & NG_LEX_TITLE) && !(c->cls[ts - 1] & NG_LEX_PLACE_ANY))
                ts--;
            if (ts > b) {
                /* prefix: a country, place or organization holding the title */
                ng_type pt;
                float pcf;
                if (!(phrase_classes(c, b, ts) & NG_LEX_DEMONYM) && type_span(c, b, ts, 0, &pt, &pcf) &&
                    (rc = ng_names_add_mention(c->r, c->lx, c->text, c->tk, si, b, ts, pt, pcf)))
                    return rc;
            }
            if (last_title + 1 >= e)
                return 0;
            ng_type ty;
            float cf;
            if (type_span(c, last_title + 1, e, 1, &ty, &cf))
                return ng_names_add_mention(c->r, c->lx, c->text, c->tk, si, last_title + 1, e, ty, cf);
            return 0;
        }
    }
    if (b >= e)
        return 0;
    int title_before = b > 0 && (c->cls[b - 1] & NG_LEX_TITLE) && !(t[b - 1].flags & NG_TOK_PUNCT);
    ng_type ty;
    float cf;
    if (!type_span(c, b, e, title_before, &ty, &cf))
        return 0;
    /* sentence-initial or Title Case words not known to the lexicon stay weak: merge keeps
     * them only when they name an entity seen elsewhere */
    int known = (pc & (NG_LEX_PLACE_ANY | NG_LEX_ORG)) != 0;
    if (!known && !title_before && (weak_ctx || (t[b].flags & NG_TOK_SENT_START)))
        cf = NG_WEAK_CONF - 0.01f;
    return add_name(c, si, b, e, ty, cf);
}

/* Rule-based chunking of one sentence. */
static int chunk_sentence(name_ctx *c, uint32_t si)
{
    const ng_sentence *s = &c->tk->sents[si];
    const ng_token *t = c->tk->toks;
    int weak = titlecase_headline(c, s);
    size_t i = s->tok_begin;
    while (i < s->tok_end) {
        if (!TOK_IS_CAP(&t[i])) {
            i++;
            continue;
        }
        size_t b = i, e = i + 1;
        while (e < s->tok_end) {
            if (TOK_IS_CAP(&t[e]) && !(t[e - 1].flags & NG_TOK_POSS) &&
                !(c->cls[e] & (NG_LEX_MONTH | NG_LEX_WEEKDAY))) {
                e++;
                continue;
            }
            /* connectors inside organization names: "Ministry of Defense" */
            if (e + 1 < s->tok_end && is_connector(c->text, &t[e]) && TOK_IS_CAP(&t[e + 1])) {
                int org = 0;
                for (size_t k = b; k < e; k++)
                    org |= (c->cls[k] & NG_LEX_ORGWORD) != 0;
                if (org) {
                    e += 2;
                    continue;
                }
            }
            break;
        }
        int rc = emit_chunk(c, si, b, e, weak);
        if (rc)
            return rc;
        i = e;
    }
    return 0;
}

/* A title word (not a place name, not punctuation). */
static int is_title_word(const name_ctx *c, size_t i)
{
    return (c->cls[i] & NG_LEX_TITLE) && !(c->cls[i] & (NG_LEX_PLACE_ANY | NG_LEX_FIRSTNAME)) &&
           !(c->tk->toks[i].flags & NG_TOK_PUNCT);
}

/* Emit a tagger span [b, e) of type ty with the rules around the model: possessives and
 * titles outside, a holder before the titles split off ("ACRONYM Secretary-General X"),
 * nationality adjectives and calendar words dropped, known countries and cities typed
 * as places. */
static int emit_tagged(name_ctx *c, uint32_t si, size_t b, size_t e, ng_type ty, float conf)
{
    const ng_token *t = c->tk->toks;
    int rc;
    while (e > b && (t[e - 1].flags & NG_TOK_POSS))
        e--;
    /* leading titles ("Minister X", "ACRONYM Secretary-General X"): a holder (country,
     * acronym, demonym) may stand before them; the name is what follows.  Never inside
     * organization names ("Interior Ministry") and only with a head title word. */
    int orgword = 0;
    for (size_t i = b; i < e; i++)
        orgword |= (c->cls[i] & NG_LEX_ORGWORD) != 0;
    size_t ts = b;
    while (ts < e && !(c->cls[ts] & NG_LEX_TITLE) &&
           ((c->cls[ts] & (NG_LEX_COUNTRY | NG_LEX_CITY | NG_LEX_DEMONYM)) || (t[ts].flags & NG_TOK_ALLCAPS)))
        ts++;
    size_t te = ts;
    int head = 0;
    while (te < e && is_title_word(c, te)) {
        head |= !(c->cls[te] & NG_LEX_TITLEQUAL);
        te++;
    }
    /* "US Defense" followed by "Secretary": the qualifiers belong to the title */
    const ng_sentence *sn = &c->tk->sents[si];
    int next_head = e < sn->tok_end && is_title_word(c, e) && !(c->cls[e] & NG_LEX_TITLEQUAL);
    if (!orgword && te > ts && (head || next_head) && (ty == NG_PERSON ? te < e : te == e)) {
        if (ts > b) {
            ng_type pt;
            float pcf;
            if (!(phrase_classes(c, b, ts) & NG_LEX_DEMONYM) && type_span(c, b, ts, 0, &pt, &pcf) &&
                (rc = ng_names_add_mention(c->r, c->lx, c->text, c->tk, si, b, ts, pt, conf)))
                return rc;
        }
        b = te;
    }
    if (e <= b)
        return 0;
    uint32_t pc = phrase_classes(c, b, e);
    /* a lone nationality adjective, calendar word, or (for persons) function or title word
     * is no name; all-caps acronyms stay ("WHO") */
    int lone = e - b == 1 && !(t[b].flags & NG_TOK_ALLCAPS && t[b].end - t[b].start > 1);
    if ((lone && (pc & NG_LEX_DEMONYM) && !(pc & (NG_LEX_COUNTRY | NG_LEX_CITY))) ||
        (pc & (NG_LEX_MONTH | NG_LEX_WEEKDAY)) ||
        (lone && (pc & NG_LEX_STOPCAP) && !(pc & NG_LEX_PLACE_ANY)) ||
        (lone && ty == NG_PERSON && (pc & NG_LEX_TITLE) && !(pc & NG_LEX_PLACE_ANY)))
        return 0;
    /* a known country, or its variant, is a place; a known city the model took for an
     * organization too (metonymy: the capital for its government) */
    const char *canon = ng_lex_canonical(c->lx, c->text + t[b].start, t[e - 1].end - t[b].start);
    uint32_t cc = canon ? ng_lex_classes(c->lx, canon, strlen(canon)) : 0;
    if ((pc | cc) & NG_LEX_COUNTRY)
        ty = NG_PLACE;
    else if (((pc | cc) & NG_LEX_CITY) && ty == NG_ORG)
        ty = NG_PLACE;
    return add_name(c, si, b, e, ty, conf);
}

/* Turn the tagger's BIO labels of sentence si into mentions (with the same rules). */
static int tagged_sentence(name_ctx *c, uint32_t si, const ng_tagger *tg)
{
    const ng_sentence *s = &c->tk->sents[si];
    size_t n = s->tok_end - s->tok_begin;
    uint8_t lab_small[256];
    float conf_small[256];
    uint8_t *lab = n <= 256 ? lab_small : malloc(n);
    float *conf = n <= 256 ? conf_small : malloc(n * sizeof *conf);
    int rc = 0;
    if (!lab || !conf) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    /* the tagger gives the sentence's classes, which the rules below read */
    if ((rc = ng_tagger_tag_classes(tg, c->lx, c->text, c->tk->toks + s->tok_begin, n, c->cls + s->tok_begin, lab,
                                    conf)))
        goto done;
    /* a dateline in capitals the tagger left out ("AMHERST, N.Y. (AP) --"): a place */
    for (size_t i = 0; i < n; i++) {
        size_t b = s->tok_begin + i, e = b;
        const ng_token *t = c->tk->toks;
        if (lab[i] != NG_TAG_O || !(t[b].flags & NG_TOK_LINE_START))
            continue;
        while (e < s->tok_end && lab[e - s->tok_begin] == NG_TAG_O && (t[e].flags & NG_TOK_ALLCAPS) &&
               (t[e].flags & NG_TOK_ALPHA) && e - b < 4)
            e++;
        if (e > b && t[e - 1].end - t[b].start >= 4 && dateline(c, b, e, s->tok_end))
            for (size_t k = b; k < e; k++)
                lab[k - s->tok_begin] = (uint8_t)(k == b ? NG_TAG_B_LOC : NG_TAG_I_LOC);
    }
    for (size_t i = 0; i < n;) {
        uint8_t l = lab[i];
        if (l == NG_TAG_O) {
            i++;
            continue;
        }
        int kind = (l - 1) / 2; /* 0 PER, 1 ORG, 2 LOC */
        size_t j = i + 1;
        float cmin = conf[i];
        while (j < n && lab[j] == (uint8_t)(2 + kind * 2)) {
            if (conf[j] < cmin)
                cmin = conf[j];
            j++;
        }
        size_t b = s->tok_begin + i, e = s->tok_begin + j;
        ng_type ty = kind == 0 ? NG_PERSON : kind == 1 ? NG_ORG : NG_PLACE;
        if ((rc = emit_tagged(c, si, b, e, ty, cmin)))
            goto done;
        i = j;
    }
done:
    if (lab != lab_small)
        free(lab);
    if (conf != conf_small)
        free(conf);
    return rc;
}

/* A one-word ORG/PLACE mention of the tagger that is the last word of a multi-word
 * PERSON mention of the same document ("Omar Kandahari" ... "Kandahari addressed") is that
 * person's surname: the tagger decides sentence by sentence and can type the lone
 * surname from its context alone.  Known places and organizations of the lexicon keep
 * their type.  Linear: the surnames go into a map first. */
static int surnames_as_persons(name_ctx *c, size_t first)
{
    ng_mention *m = c->r->mentions.v;
    size_t n = c->r->mentions.n, any;
    const ng_token *t = c->tk->toks;
    ng_map last = {0};
    int rc = 0;
    for (size_t j = first; j < n && !rc; j++)
        if (m[j].type == NG_PERSON && m[j].tok_end - m[j].tok_begin >= 2) {
            const ng_token *w = &t[m[j].tok_end - 1];
            rc = ng_map_put(&last, c->text + w->start, w->end - w->start, 1);
        }
    for (size_t i = first; i < n && !rc && last.n; i++) {
        const ng_token *w = &t[m[i].tok_begin];
        if (m[i].type != NG_PERSON && m[i].tok_end - m[i].tok_begin == 1 &&
            !(c->cls[m[i].tok_begin] & (NG_LEX_PLACE_ANY | NG_LEX_ORG | NG_LEX_ORGWORD | NG_LEX_DEMONYM)) &&
            ng_map_get(&last, c->text + w->start, w->end - w->start, &any))
            m[i].type = NG_PERSON;
    }
    ng_map_free(&last);
    return rc;
}

/* Particles inside a person's name, written in lower case ("Ursula von der Leyen", "Charles
 * de Gaulle", "Mohammed bin Salman"): the tagger and the chunker cut the name there. */
static int name_particle(const char *text, const ng_token *t)
{
    static const char *const P[] = {"von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das",
                                    "du", "la", "le", "bin", "ibn", "ter", "ten", "zu", NULL};
    return tok_in(text, t, P);
}

/* Join a person's name cut at lower-case particles: a PERSON mention, one to three
 * particles, then a capitalized word (a mention of any type, or none) in the same
 * sentence become one PERSON mention ("Ursula" + "von der" + "Leyen"). */
static int join_particles(name_ctx *c, size_t first)
{
    ng_doc_result *r = c->r;
    const ng_token *t = c->tk->toks;
    size_t o = first;
    for (size_t i = first; i < r->mentions.n; i++) {
        ng_mention m = r->mentions.v[i];
        size_t e = m.tok_end, k = e;
        while (m.type == NG_PERSON && k < c->tk->ntoks && k - e < 3 && name_particle(c->text, &t[k]) &&
               (t[k].flags & NG_TOK_ALPHA) && !(t[k].flags & NG_TOK_UPPER1))
            k++;
        size_t ne = k; /* the end of the joined name */
        int next = i + 1 < r->mentions.n && r->mentions.v[i + 1].tok_begin == k;
        if (k > e && k < c->tk->ntoks && (t[k].flags & NG_TOK_UPPER1) && (t[k].flags & NG_TOK_ALPHA) &&
            !(c->cls[k] & (NG_LEX_MONTH | NG_LEX_WEEKDAY))) {
            ne = next ? r->mentions.v[i + 1].tok_end : k + 1;
            /* the name must stay in its sentence */
            const ng_sentence *sn = &c->tk->sents[m.sent];
            if (ne > sn->tok_end)
                ne = e;
        }
        if (ne > k) {
            m.tok_end = (uint32_t)ne;
            m.end = t[ne - 1].end;
            if (!(m.text = ng_fold_arena(&r->strs, c->text + m.start, m.end - m.start, 0)))
                return NG_ENOMEM;
            const char *canon = ng_lex_canonical(c->lx, c->text + m.start, m.end - m.start);
            if (!(m.canon = canon ? ng_arena_strdup(&r->strs, canon) : m.text))
                return NG_ENOMEM;
            if (next)
                i++;
        }
        r->mentions.v[o++] = m;
    }
    r->mentions.n = o;
    return 0;
}

int ng_names_extract(ng_doc_result *r, const ng_lexicon *lx, const ng_tagger *tg, const char *text,
                     const ng_tokens *tk, uint32_t *cls)
{
    size_t first = r->mentions.n;
    name_ctx c = {text, tk, lx, r, cls};
    int rc = 0;
    if (!tg) {
        ng_token_classes(lx, text, tk, 0, tk->ntoks, cls);
        for (uint32_t si = 0; si < tk->nsents && !rc; si++)
            rc = chunk_sentence(&c, si);
        return rc ? rc : join_particles(&c, first);
    }
    /* The tagger gives each sentence's classes; tokens outside the sentences, if any,
     * have theirs looked up.  Tokens [0, filled) have their classes. */
    size_t filled = 0;
    for (uint32_t si = 0; si < tk->nsents && !rc; si++) {
        ng_token_classes(lx, text, tk, filled, tk->sents[si].tok_begin, cls);
        rc = tagged_sentence(&c, si, tg);
        if (tk->sents[si].tok_end > filled)
            filled = tk->sents[si].tok_end;
    }
    ng_token_classes(lx, text, tk, filled, tk->ntoks, cls);
    if (!rc)
        rc = join_particles(&c, first);
    if (!rc)
        rc = surnames_as_persons(&c, first);
    return rc;
}
