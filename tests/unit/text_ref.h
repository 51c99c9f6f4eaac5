/* text_ref.h - the plain tokenizer and sentence splitter that src/text/tokens.c replaced
 * (as of the commit before the fast path), kept verbatim as the oracle for test_text.c:
 * every token, flag, offset and sentence of the fast path must equal what this gives.
 * Do not "fix" or speed up anything here; change it only together with a deliberate
 * change of the tokenizer's output. */
#ifndef NG_TEST_TEXT_REF_H
#define NG_TEST_TEXT_REF_H

#include <stdlib.h>
#include <string.h>
#include "text/text.h"

/* Abbreviations whose final period belongs to the token (lower-cased, without the period). */
static const char *const ABBREV[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "gov", "sen", "rep", "rev", "st", "sr", "jr", "messrs", "mt", "ft", "hon", "pres", "supt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "corp", "co", "ltd", "bros", "no", "vs", "etc", "approx", "dept", "univ", "assn",
    "ave", "blvd", "rd", "cmdr", "brig", "vol", "fig", "est", NULL};

/* Abbreviations after which a sentence rarely ends (titles, "No. 5"). */
static const char *const NOBREAK[] = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "gov", "sen", "rep", "rev", "st", "messrs", "mt", "ft", "hon", "pres", "supt", "no", "vs",
    "cmdr", "brig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", NULL};

static int in_list(const char *const *list, const char *s, size_t n)
{
    char low[16];
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    low[n] = '\0';
    /* the first letter first: most entries differ there (this runs for every word before a period) */
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == low[0] && strcmp(list[i] + 1, low + 1) == 0)
            return 1;
    return 0;
}

static int is_apos(uint32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02bc; }

static inline int is_word_cp(uint32_t cp)
{
    if (cp < 128)
        return ((cp | 32) >= 'a' && (cp | 32) <= 'z') || (cp >= '0' && cp <= '9');
    return ng_cp_is_alpha(cp) || ng_cp_is_digit(cp) || (cp >= 0x300 && cp < 0x370);
}

static int push_tok(ng_tokens *t, size_t s, size_t e, uint32_t flags)
{
    if (t->ntoks >= t->tokcap && ng_vec_grow_((void **)&t->toks, &t->tokcap, t->ntoks, sizeof *t->toks))
        return NG_ENOMEM;
    t->toks[t->ntoks].start = (uint32_t)s;
    t->toks[t->ntoks].end = (uint32_t)e;
    t->toks[t->ntoks].flags = flags;
    t->ntoks++;
    return 0;
}

/* Compute the case/class flags of text[s..e). */
static uint32_t tok_flags(const char *text, size_t s, size_t e)
{
    uint32_t f = 0;
    int letters = 0, uppers = 0, first = 1, other = 0;
    for (size_t i = s; i < e;) {
        unsigned char ch = (unsigned char)text[i];
        /* ASCII letters and digits, most bytes, without the general tests */
        if (ch >= 'a' && ch <= 'z') {
            letters++;
            first = 0;
            i++;
            continue;
        }
        if (ch >= 'A' && ch <= 'Z') {
            letters++;
            uppers++;
            if (first)
                f |= NG_TOK_UPPER1;
            first = 0;
            i++;
            continue;
        }
        uint32_t cp;
        i += (size_t)ng_utf8_decode(text, e, i, &cp);
        if (ng_cp_is_alpha(cp)) {
            letters++;
            if (ng_cp_is_upper(cp)) {
                uppers++;
                if (first)
                    f |= NG_TOK_UPPER1;
            }
            first = 0;
        } else if (ng_cp_is_digit(cp)) {
            f |= NG_TOK_DIGIT;
            first = 0;
        } else {
            other++;
        }
    }
    if (letters) {
        f |= NG_TOK_ALPHA;
        if (uppers == letters)
            f |= NG_TOK_ALLCAPS;
    }
    if (!letters && !(f & NG_TOK_DIGIT))
        f |= NG_TOK_PUNCT;
    (void)other;
    return f;
}

/* Length of a word starting at i: letters/digits, with inner hyphens, apostrophes,
 * ampersands and periods (abbreviations, decimals) that are followed by a word char. */
static size_t scan_word(const char *text, size_t len, size_t i)
{
    size_t j = i;
    while (j < len) {
        uint32_t cp;
        int k = ng_utf8_decode(text, len, j, &cp);
        if (is_word_cp(cp)) {
            j += (size_t)k;
            continue;
        }
        if (cp == '-' || cp == '.' || cp == ',' || cp == '&' || cp == '/' || cp == ':' || is_apos(cp) ||
            cp == 0x2011) {
            uint32_t nx = 0;
            if (j + (size_t)k < len)
                ng_utf8_decode(text, len, j + (size_t)k, &nx);
            uint32_t pv = 0;
            /* previous code point: scan back to its start byte */
            size_t b = j;
            while (b > i && ((unsigned char)text[b - 1] & 0xC0) == 0x80)
                b--;
            if (b > i) {
                size_t pb = b - 1;
                while (pb > i && ((unsigned char)text[pb] & 0xC0) == 0x80)
                    pb--;
                ng_utf8_decode(text, len, pb, &pv);
            }
            (void)pv;
            if ((cp == ',' || cp == ':' || cp == '/') ) {
                /* only between digits: 1,000  3.5  8:30  3/8 */
                if (ng_cp_is_digit(nx) && j > i && ng_cp_is_digit((unsigned char)text[j - 1])) {
                    j += (size_t)k;
                    continue;
                }
                break;
            }
            if (cp == '.') {
                /* U.K. / a.m. / 3.5: a period followed by a word char stays inside. */
                if (is_word_cp(nx)) {
                    j += (size_t)k;
                    continue;
                }
                break;
            }
            if (is_word_cp(nx)) {
                j += (size_t)k;
                continue;
            }
            break;
        }
        break;
    }
    return j;
}

/* Split clitics off a word [s,e): returns the end of the stem; *clitic set if one was split. */
static size_t split_clitic(const char *text, size_t s, size_t e, int *poss)
{
    *poss = 0;
    /* 's / ’s at the end */
    if (e - s >= 3) {
        size_t a = e - 2; /* ASCII apostrophe + s */
        if ((text[e - 1] == 's' || text[e - 1] == 'S') && text[a] == '\'') {
            *poss = 1;
            return a;
        }
        if (e - s >= 5 && (text[e - 1] == 's' || text[e - 1] == 'S') && (unsigned char)text[e - 4] == 0xE2 &&
            (unsigned char)text[e - 3] == 0x80 && (unsigned char)text[e - 2] == 0x99) {
            *poss = 1;
            return e - 4;
        }
    }
    /* n't / n’t */
    if (e - s >= 4 && text[e - 1] == 't' && text[e - 2] == '\'' && (text[e - 3] == 'n' || text[e - 3] == 'N'))
        return e - 3;
    if (e - s >= 6 && text[e - 1] == 't' && (unsigned char)text[e - 4] == 0xE2 && (unsigned char)text[e - 3] == 0x80 &&
        (unsigned char)text[e - 2] == 0x99 && (text[e - 5] == 'n' || text[e - 5] == 'N'))
        return e - 5;
    /* 're 've 'll 'd 'm */
    for (int k = 2; k <= 3; k++) {
        if (e - s > (size_t)k + 1 && text[e - (size_t)k - 1] == '\'') {
            const char *c = text + e - k;
            if ((k == 2 && (strncmp(c, "re", 2) == 0 || strncmp(c, "ve", 2) == 0 || strncmp(c, "ll", 2) == 0)) ||
                (k == 1 && (c[0] == 'd' || c[0] == 'm')))
                return e - (size_t)k - 1;
        }
    }
    if (e - s > 2 && text[e - 2] == '\'' && (text[e - 1] == 'd' || text[e - 1] == 'm'))
        return e - 2;
    return e;
}

static int is_terminal(const char *text, const ng_token *t)
{
    size_t n = t->end - t->start;
    const char *p = text + t->start;
    return (n == 1 && (*p == '.' || *p == '!' || *p == '?')) || (n == 3 && strncmp(p, "...", 3) == 0) ||
           (n == 3 && strncmp(p, "\xE2\x80\xA6", 3) == 0);
}

static int is_closer(const char *text, const ng_token *t)
{
    size_t n = t->end - t->start;
    const char *p = text + t->start;
    return (n == 1 && (*p == '"' || *p == '\'' || *p == ')' || *p == ']')) ||
           (n == 3 && (strncmp(p, "\xE2\x80\x9D", 3) == 0 || strncmp(p, "\xE2\x80\x99", 3) == 0));
}

static int is_opener(const char *text, const ng_token *t)
{
    size_t n = t->end - t->start;
    const char *p = text + t->start;
    return (n == 1 && (*p == '"' || *p == '\'' || *p == '(' || *p == '[')) ||
           (n == 3 && (strncmp(p, "\xE2\x80\x9C", 3) == 0 || strncmp(p, "\xE2\x80\x98", 3) == 0));
}

static int starts_lower(const char *text, size_t len, const ng_token *t)
{
    uint32_t cp;
    ng_utf8_decode(text, len, t->start, &cp);
    return ng_cp_is_lower(cp);
}

static int push_sent(ng_tokens *t, size_t tb, size_t te)
{
    if (te <= tb)
        return 0;
    if (ng_vec_grow_((void **)&t->sents, &t->sentcap, t->nsents, sizeof *t->sents))
        return NG_ENOMEM;
    ng_sentence *s = &t->sents[t->nsents++];
    s->tok_begin = (uint32_t)tb;
    s->tok_end = (uint32_t)te;
    s->start = t->toks[tb].start;
    s->end = t->toks[te - 1].end;
    s->flags = 0;
    /* sentence-start flag: first token, or first after opening quotes/brackets */
    for (size_t i = tb; i < te; i++) {
        t->toks[i].flags |= NG_TOK_SENT_START;
        if (!(t->toks[i].flags & NG_TOK_PUNCT))
            break;
    }
    return 0;
}

static int ref_text_analyze(ng_tokens *out, const char *text, size_t len)
{
    memset(out, 0, sizeof *out);
    /* newlines_before[i]: number of newlines between token i-1 and token i */
    NG_VEC(uint8_t) nl = {0};
    size_t i = 0;
    unsigned nls = 2; /* start of text acts as a paragraph break */
    int rc = 0;
    while (i < len) {
        uint32_t cp;
        int k = ng_utf8_decode(text, len, i, &cp);
        if (ng_cp_is_space(cp)) {
            if (cp == '\n' && nls < 255)
                nls++;
            i += (size_t)k;
            continue;
        }
        size_t s = i, e;
        uint32_t extra = 0;
        if (is_word_cp(cp)) {
            e = scan_word(text, len, i);
            /* trailing period of an abbreviation or initial */
            if (e < len && text[e] == '.') {
                size_t wl = e - s;
                int dotted = memchr(text + s, '.', wl) != NULL && ng_cp_is_alpha((unsigned char)text[e - 1]);
                int initial = wl == 1 && (text[s] >= 'A' && text[s] <= 'Z');
                if (dotted || initial || in_list(ABBREV, text + s, wl))
                    e++;
            }
            int poss;
            size_t stem = split_clitic(text, s, e, &poss);
            if (stem < e && stem > s) {
                if ((rc = push_tok(out, s, stem, tok_flags(text, s, stem))) ||
                    (rc = ng_vec_push(nl, (uint8_t)nls)))
                    goto done;
                nls = 0;
                s = stem;
                extra = poss ? NG_TOK_POSS : 0;
            }
        } else {
            e = i + (size_t)k;
            /* ... and -- as one token */
            if (cp == '.' && i + 2 < len && text[i + 1] == '.' && text[i + 2] == '.')
                e = i + 3;
            else if (cp == '-' && i + 1 < len && text[i + 1] == '-')
                e = i + 2;
        }
        uint32_t f = tok_flags(text, s, e) | extra;
        if (nls)
            f |= NG_TOK_LINE_START;
        if ((rc = push_tok(out, s, e, f)) || (rc = ng_vec_push(nl, (uint8_t)nls)))
            goto done;
        nls = 0;
        i = e;
    }

    /* Sentence boundaries. */
    size_t sb = 0;
    for (size_t t = 1; t <= out->ntoks; t++) {
        int brk = 0;
        if (t == out->ntoks) {
            brk = 1;
        } else {
            const ng_token *prev = &out->toks[t - 1];
            const ng_token *cur = &out->toks[t];
            /* last non-closer before t */
            size_t q = t - 1;
            while (q > sb && is_closer(text, &out->toks[q]))
                q--;
            int term = is_terminal(text, &out->toks[q]);
            if (nl.v[t] >= 2) {
                brk = 1; /* blank line */
            } else if (nl.v[t] == 1) {
                /* single newline: a break unless the line looks wrapped mid-sentence */
                int wrapped = !term && !is_closer(text, prev) &&
                              (starts_lower(text, len, cur) || (cur->flags & NG_TOK_DIGIT) ||
                               (prev->end - prev->start == 1 && text[prev->start] == ','));
                brk = !wrapped;
            } else if (term) {
                /* terminal punctuation (and closers), then a capitalized word, a digit or an opener */
                int next_ok = (cur->flags & NG_TOK_UPPER1) || (cur->flags & NG_TOK_DIGIT) || is_opener(text, cur);
                /* a closing quote right after the terminal may be the next opener; require the
                 * closers to end before cur */
                brk = next_ok;
            } else {
                const ng_token *p = prev;
                size_t pl = p->end - p->start;
                /* abbreviation-final tokens (U.K. The) break before sentence-starting words */
                if (pl > 1 && text[p->end - 1] == '.' && !in_list(NOBREAK, text + p->start, pl - 1) &&
                    !(pl == 2 && (text[p->start] >= 'A' && text[p->start] <= 'Z'))) {
                    static const char *const STARTERS[] = {"The", "He", "She", "It", "They", "We", "I", "But",
                                                           "In", "This", "That", "A", "An", "There", "His",
                                                           "Her", "Their", "Its", "On", "At", "As", NULL};
                    size_t cl = cur->end - cur->start;
                    for (size_t w = 0; STARTERS[w]; w++)
                        if (strlen(STARTERS[w]) == cl && strncmp(STARTERS[w], text + cur->start, cl) == 0)
                            brk = 1;
                }
            }
        }
        if (brk) {
            if ((rc = push_sent(out, sb, t)))
                goto done;
            /* headline: one whole line without terminal punctuation */
            if (t < out->ntoks ? nl.v[t] >= 1 : 1) {
                ng_sentence *s = &out->sents[out->nsents - 1];
                size_t q = t - 1;
                while (q > sb && is_closer(text, &out->toks[q]))
                    q--;
                if (nl.v[sb] >= 1 && !is_terminal(text, &out->toks[q]) &&
                    !(out->toks[t - 1].end - out->toks[t - 1].start == 1 && text[out->toks[t - 1].start] == ':'))
                    s->flags |= NG_SENT_HEADLINE;
            }
            sb = t;
        }
    }
done:
    free(nl.v);
    if (rc)
        ng_tokens_free(out);
    return rc;
}

#endif
