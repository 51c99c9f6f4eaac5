/* tokens.c - tokenization (CoNLL-like: punctuation and possessives split off) and
 * sentence splitting, both with byte offsets into the analysis text.
 *
 * Every byte of every document passes through here, so the common case is kept short:
 * ASCII bytes are classed by one table lookup, a word of ASCII letters and digits gets
 * its flags from the classes seen while it was scanned (no second pass), and only words
 * with other characters or a clitic go through the general code point tests.  The
 * sentence splitter reads per-token marks set while tokenizing instead of comparing
 * token texts again.  tests/unit/test_text.c checks all of it against the plain
 * implementation this replaced. */
#include <stdlib.h>
#include <string.h>
#include "text.h"
#include "../util/util.h"

/* Byte classes (the ASCII rules of is_word_cp, ng_cp_is_space and the joiners that
 * scan_word may keep inside a word). */
enum {
    CL_LOWER = 1 << 0, /* a-z */
    CL_UPPER = 1 << 1, /* A-Z */
    CL_DIGIT = 1 << 2, /* 0-9 */
    CL_SPACE = 1 << 3, /* ' ' \t \n \r \f \v */
    CL_JOIN = 1 << 4,  /* - . , & / : ' */
    CL_HIGH = 1 << 5,  /* a byte of a multi-byte sequence (or an invalid one) */
    CL_ALNUM = CL_LOWER | CL_UPPER | CL_DIGIT
};

#define CL_OF(c)                                                                                                  \
    ((c) >= 'a' && (c) <= 'z'   ? CL_LOWER                                                                        \
     : (c) >= 'A' && (c) <= 'Z' ? CL_UPPER                                                                        \
     : (c) >= '0' && (c) <= '9' ? CL_DIGIT                                                                        \
     : (c) == ' ' || ((c) >= '\t' && (c) <= '\r') ? CL_SPACE                                                      \
     : (c) == '-' || (c) == '.' || (c) == ',' || (c) == '&' || (c) == '/' || (c) == ':' || (c) == '\''          \
         ? CL_JOIN                                                                                                \
     : (c) >= 0x80 ? CL_HIGH                                                                                      \
                   : 0)
#define CL_4(c) CL_OF(c), CL_OF((c) + 1), CL_OF((c) + 2), CL_OF((c) + 3)
#define CL_16(c) CL_4(c), CL_4((c) + 4), CL_4((c) + 8), CL_4((c) + 12)
#define CL_64(c) CL_16(c), CL_16((c) + 16), CL_16((c) + 32), CL_16((c) + 48)
static const uint8_t CLS[256] = {CL_64(0), CL_64(64), CL_64(128), CL_64(192)};

/* Abbreviations, lower-cased, without the period, in strcmp order (binary search):
 * AB - the final period belongs to the token; NB - a sentence rarely ends after it
 * (titles, "No. 5"). */
enum { AB = 1, NB = 2 };
static const struct {
    char s[8];
    uint8_t f;
} ABBREVS[] = {
    {"adm", AB | NB},  {"approx", AB},    {"apr", AB | NB},  {"assn", AB},      {"aug", AB | NB},
    {"ave", AB},       {"blvd", AB},      {"brig", AB | NB}, {"bros", AB},      {"capt", AB | NB},
    {"cmdr", AB | NB}, {"co", AB},        {"col", AB | NB},  {"corp", AB},      {"cpt", AB | NB},
    {"dec", AB | NB},  {"dept", AB},      {"dr", AB | NB},   {"est", AB},       {"etc", AB},
    {"feb", AB | NB},  {"fig", AB},       {"ft", AB | NB},   {"gen", AB | NB},  {"gov", AB | NB},
    {"hon", AB | NB},  {"inc", AB},       {"jan", AB | NB},  {"jr", AB},        {"jul", AB | NB},
    {"jun", AB | NB},  {"lt", AB | NB},   {"ltd", AB},       {"maj", AB | NB},  {"mar", AB | NB},
    {"messrs", AB | NB}, {"mr", AB | NB}, {"mrs", AB | NB},  {"ms", AB | NB},   {"mt", AB | NB},
    {"no", AB | NB},   {"nov", AB | NB},  {"oct", AB | NB},  {"pres", AB | NB}, {"prof", AB | NB},
    {"rd", AB},        {"rep", AB | NB},  {"rev", AB | NB},  {"sen", AB | NB},  {"sep", AB | NB},
    {"sept", AB | NB}, {"sgt", AB | NB},  {"sr", AB},        {"st", AB | NB},   {"supt", AB | NB},
    {"univ", AB},      {"vol", AB},       {"vs", AB | NB},
};

/* The first 8 bytes of s as a number whose order is strcmp's (bytes past a NUL are 0). */
static inline uint64_t key8(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    return (uint64_t)u[0] << 56 | (uint64_t)u[1] << 48 | (uint64_t)u[2] << 40 | (uint64_t)u[3] << 32 |
           (uint64_t)u[4] << 24 | (uint64_t)u[5] << 16 | (uint64_t)u[6] << 8 | (uint64_t)u[7];
}

/* The AB/NB bits of s[0..n) (ASCII case ignored); 0 for other words.  A word before a
 * period is looked up here, so the search compares whole keys, not strings. */
static unsigned abbrev_bits(const char *s, size_t n)
{
    char low[8] = {0};
    if (n == 0 || n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    uint64_t k = key8(low);
    size_t lo = 0, hi = sizeof ABBREVS / sizeof *ABBREVS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        uint64_t m = key8(ABBREVS[mid].s);
        if (k == m)
            return ABBREVS[mid].f;
        if (k < m)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Words that usually begin a sentence (case as written), after an abbreviation-final token. */
static int is_starter(const char *s, size_t n)
{
    static const char *const STARTERS[] = {"The", "He",  "She", "It",    "They", "We",    "I",
                                           "But", "In",  "This", "That", "A",    "An",    "There",
                                           "His", "Her", "Their", "Its", "On",   "At",    "As"};
    if (n == 0 || n > 5 || s[0] < 'A' || s[0] > 'Z')
        return 0;
    for (size_t w = 0; w < sizeof STARTERS / sizeof *STARTERS; w++)
        if (STARTERS[w][0] == s[0] && strncmp(STARTERS[w], s, n) == 0 && STARTERS[w][n] == '\0')
            return 1;
    return 0;
}

static int is_apos(uint32_t cp) { return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02bc; }

static inline int is_word_cp(uint32_t cp)
{
    if (cp < 128)
        return (CLS[cp] & CL_ALNUM) != 0;
    return ng_cp_is_alpha(cp) || ng_cp_is_digit(cp) || (cp >= 0x300 && cp < 0x370);
}

/* Per-token marks for the sentence splitter, and the newlines before each token. */
enum {
    TK_TERM = 1 << 0,   /* . ! ? ... … */
    TK_CLOSER = 1 << 1, /* " ' ) ] ” ’ */
    TK_OPENER = 1 << 2, /* " ' ( [ “ ‘ */
    TK_COMMA = 1 << 3,  /* , */
    TK_COLON = 1 << 4,  /* : */
    TK_ABBR = 1 << 5    /* a word that took the period after it (Dr. U.K.) */
};
/* Per token: the newlines between the previous token and this one (at most 255) in the
 * low byte, its TK_* marks in the high one.  (Not a struct of two bytes: stores of
 * character type may alias anything, and would make the compiler reload the buffer.) */
typedef uint16_t tok_aux;
#define AUX_NL(a) ((unsigned)(a)&0xFF)
#define AUX_MARK(a) ((unsigned)(a) >> 8)

/* The TK_* marks of a token that is not a word: one code point, or ... or --. */
static unsigned punct_marks(const char *text, size_t s, size_t e)
{
    const unsigned char *p = (const unsigned char *)text + s;
    if (e - s == 1) {
        switch (p[0]) {
        case '.': case '!': case '?': return TK_TERM;
        case '"': case '\'': return TK_CLOSER | TK_OPENER;
        case ')': case ']': return TK_CLOSER;
        case '(': case '[': return TK_OPENER;
        case ',': return TK_COMMA;
        case ':': return TK_COLON;
        default: return 0;
        }
    }
    if (e - s == 3) {
        if (p[0] == '.')
            return TK_TERM; /* ... */
        if (p[0] == 0xE2 && p[1] == 0x80) {
            switch (p[2]) {
            case 0xA6: return TK_TERM;   /* … */
            case 0x9D: case 0x99: return TK_CLOSER; /* ” ’ */
            case 0x9C: case 0x98: return TK_OPENER; /* “ ‘ */
            default: return 0;
            }
        }
    }
    return 0;
}

/* The tokens being written: toks and aux side by side, one capacity. */
typedef struct {
    ng_token *toks;
    tok_aux *aux;
    size_t n, cap;
} tok_buf;

/* Grow b: called when it has no room for two more tokens (a word and its clitic). */
static int tok_room(tok_buf *b)
{
    size_t nc = b->cap * 2 + 16;
    if (nc > SIZE_MAX / sizeof *b->toks)
        return ng_error_set(NG_ENOMEM, "out of memory");
    ng_token *t = realloc(b->toks, nc * sizeof *t);
    if (t)
        b->toks = t;
    tok_aux *x = t ? realloc(b->aux, nc * sizeof *x) : NULL;
    if (!x)
        return ng_error_set(NG_ENOMEM, "out of memory");
    b->aux = x;
    b->cap = nc;
    return 0;
}

/* Write token n of toks/aux (room checked by the caller). */
static inline void put_tok(ng_token *toks, tok_aux *aux, size_t n, size_t s, size_t e, uint32_t flags, unsigned nl,
                           unsigned mark)
{
    toks[n].start = (uint32_t)s;
    toks[n].end = (uint32_t)e;
    toks[n].flags = flags;
    aux[n] = (tok_aux)(nl | mark << 8);
}

/* Compute the case/class flags of text[s..e) (any text: the general path). */
static uint32_t tok_flags(const char *text, size_t s, size_t e)
{
    uint32_t f = 0;
    int letters = 0, uppers = 0, first = 1;
    for (size_t i = s; i < e;) {
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
        }
    }
    if (letters) {
        f |= NG_TOK_ALPHA;
        if (uppers == letters)
            f |= NG_TOK_ALLCAPS;
    }
    if (!letters && !(f & NG_TOK_DIGIT))
        f |= NG_TOK_PUNCT;
    return f;
}

/* The flags tok_flags gives a word of ASCII bytes: WORD_FLAGS[first << 3 | seen], first the
 * class of its first byte (a letter or digit), seen the classes of all its bytes or-ed
 * (joiners count for nothing there), both masked to CL_ALNUM. */
#define WF(first, seen)                                                                                           \
    (((first) & CL_UPPER ? NG_TOK_UPPER1 : 0) | ((seen) & CL_DIGIT ? NG_TOK_DIGIT : 0) |                          \
     ((seen) & (CL_LOWER | CL_UPPER) ? NG_TOK_ALPHA | ((seen) & CL_LOWER ? 0 : NG_TOK_ALLCAPS) : 0) |             \
     ((seen) & CL_ALNUM ? 0 : NG_TOK_PUNCT))
#define WF_8(first) WF(first, 0), WF(first, 1), WF(first, 2), WF(first, 3), WF(first, 4), WF(first, 5), WF(first, 6), WF(first, 7)
static const uint8_t WORD_FLAGS[64] = {WF_8(0), WF_8(1), WF_8(2), WF_8(3), WF_8(4), WF_8(5), WF_8(6), WF_8(7)};

/* The rest of a word that starts at i (a word character) and has run to j: letters and
 * digits, with inner hyphens, apostrophes, ampersands and periods (abbreviations,
 * decimals) that are followed by a word char, and commas, colons and slashes between
 * digits (1,000  8:30  3/8).  Returns its end; the byte classes seen are or-ed into *seen
 * (CL_HIGH for a non-ASCII byte), *joined is set if a joiner was kept.  The tokenizer
 * runs over plain ASCII letters itself and calls this only at a joiner or a non-ASCII
 * byte, so it is kept out of line. */
static size_t scan_word(const char *text, size_t len, size_t i, size_t j, unsigned *seen, int *joined)
{
    const unsigned char *u = (const unsigned char *)text;
    unsigned acc = *seen;
    while (j < len) {
        unsigned c = CLS[u[j]];
        if (c & CL_ALNUM) {
            acc |= c;
            j++;
            continue;
        }
        uint32_t cp;
        size_t k;
        if (c & CL_JOIN) {
            cp = u[j];
            k = 1;
        } else if (c & CL_HIGH) {
            k = (size_t)ng_utf8_decode_mb(text, len, j, &cp);
            if (is_word_cp(cp)) {
                acc |= CL_HIGH;
                j += k;
                continue;
            }
            if (!is_apos(cp) && cp != 0x2011)
                break;
        } else {
            break;
        }
        /* a joiner: kept only before a word char (a digit for , : /) */
        uint32_t nx = 0;
        if (j + k < len)
            ng_utf8_decode(text, len, j + k, &nx);
        if (cp == ',' || cp == ':' || cp == '/') {
            if (!(ng_cp_is_digit(nx) && j > i && (CLS[u[j - 1]] & CL_DIGIT)))
                break;
        } else if (!is_word_cp(nx)) {
            break;
        }
        if (cp >= 0x80)
            acc |= CL_HIGH;
        *joined = 1;
        j += k;
    }
    *seen = acc;
    return j;
}

/* Split clitics off a word [s,e): returns the end of the stem; *poss set for a possessive.
 * Every clitic begins with an apostrophe, so only words that kept a joiner get here. */
static size_t split_clitic(const char *text, size_t s, size_t e, int *poss)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t n = e - s;
    *poss = 0;
    /* 's / ’s */
    if (n >= 3 && (u[e - 1] == 's' || u[e - 1] == 'S')) {
        if (u[e - 2] == '\'') {
            *poss = 1;
            return e - 2;
        }
        if (n >= 5 && u[e - 4] == 0xE2 && u[e - 3] == 0x80 && u[e - 2] == 0x99) {
            *poss = 1;
            return e - 4;
        }
    }
    /* n't / n’t */
    if (n >= 4 && u[e - 1] == 't' && u[e - 2] == '\'' && (u[e - 3] == 'n' || u[e - 3] == 'N'))
        return e - 3;
    if (n >= 6 && u[e - 1] == 't' && u[e - 4] == 0xE2 && u[e - 3] == 0x80 && u[e - 2] == 0x99 &&
        (u[e - 5] == 'n' || u[e - 5] == 'N'))
        return e - 5;
    /* 're 've 'll */
    if (n > 3 && u[e - 3] == '\'' &&
        ((u[e - 2] == 'r' && u[e - 1] == 'e') || (u[e - 2] == 'v' && u[e - 1] == 'e') ||
         (u[e - 2] == 'l' && u[e - 1] == 'l')))
        return e - 3;
    /* 'd 'm */
    if (n > 2 && u[e - 2] == '\'' && (u[e - 1] == 'd' || u[e - 1] == 'm'))
        return e - 2;
    return e;
}

static int starts_lower(const char *text, size_t len, const ng_token *t)
{
    uint32_t cp;
    ng_utf8_decode(text, len, t->start, &cp);
    return ng_cp_is_lower(cp);
}

/* Tokenize text[0..len) into b. */
static int tokenize(tok_buf *b, const char *text, size_t len)
{
    const unsigned char *u = (const unsigned char *)text;
    size_t i = 0;
    unsigned nls = 2; /* start of text acts as a paragraph break */
    int rc = 0;
    /* the buffer in locals: the compiler need not reload it after every store */
    ng_token *toks = b->toks;
    tok_aux *aux = b->aux;
    size_t n = b->n;
    while (i < len) {
        unsigned c = CLS[u[i]];
        if (c & CL_SPACE) {
            if (u[i] == '\n' && nls < 255)
                nls++;
            i++;
            continue;
        }
        uint32_t cp = u[i];
        size_t k = 1;
        if (c & CL_HIGH) {
            k = (size_t)ng_utf8_decode_mb(text, len, i, &cp);
            if (ng_cp_is_space(cp)) {
                i += k;
                continue;
            }
            if (is_word_cp(cp))
                c |= CL_LOWER; /* to the word branch (CL_HIGH kept) */
        }
        if (n + 2 > b->cap) {
            b->n = n;
            if ((rc = tok_room(b)))
                return rc;
            toks = b->toks;
            aux = b->aux;
        }
        size_t s = i, e;
        if (c & CL_ALNUM) {
            unsigned seen = 0, mark = 0;
            int joined = 0;
            size_t j = i;
            if (!(c & CL_HIGH)) {
                /* the bulk: ASCII letters and digits */
                const unsigned char *p = u + i, *end = u + len;
                do
                    seen |= CLS[*p++];
                while (p < end && (CLS[*p] & CL_ALNUM));
                j = (size_t)(p - u);
            }
            e = j < len && (CLS[u[j]] & (CL_JOIN | CL_HIGH)) ? scan_word(text, len, i, j, &seen, &joined) : j;
            /* trailing period of an abbreviation or initial */
            if (e < len && text[e] == '.') {
                size_t wl = e - s;
                /* the byte's own class as a code point, as ever (a trailing continuation
                 * byte of ª, µ or º counts as a letter) */
                int dotted = joined && memchr(text + s, '.', wl) != NULL && ng_cp_is_alpha(u[e - 1]);
                int initial = wl == 1 && (CLS[u[s]] & CL_UPPER);
                if (dotted || initial || (abbrev_bits(text + s, wl) & AB)) {
                    e++;
                    mark = TK_ABBR;
                }
            }
            int poss = 0;
            size_t stem = joined ? split_clitic(text, s, e, &poss) : e;
            uint32_t f;
            if (stem < e && stem > s) {
                /* neither the stem nor the clitic takes NG_TOK_LINE_START (as it always was) */
                put_tok(toks, aux, n++, s, stem, tok_flags(text, s, stem), nls, 0);
                nls = 0;
                f = tok_flags(text, stem, e) | (poss ? NG_TOK_POSS : 0);
                s = stem;
            } else if (!(seen & CL_HIGH)) {
                f = WORD_FLAGS[(CLS[u[s]] & CL_ALNUM) << 3 | (seen & CL_ALNUM)];
            } else {
                f = tok_flags(text, s, e);
            }
            if (nls)
                f |= NG_TOK_LINE_START;
            put_tok(toks, aux, n++, s, e, f, nls, mark);
        } else {
            e = i + k;
            /* ... and -- as one token */
            if (cp == '.' && i + 2 < len && text[i + 1] == '.' && text[i + 2] == '.')
                e = i + 3;
            else if (cp == '-' && i + 1 < len && text[i + 1] == '-')
                e = i + 2;
            /* neither a letter nor a digit: punctuation whatever it is */
            put_tok(toks, aux, n++, s, e, NG_TOK_PUNCT | (nls ? NG_TOK_LINE_START : 0), nls, punct_marks(text, s, e));
        }
        nls = 0;
        i = e;
    }
    b->n = n;
    return 0;
}

static int push_sent(ng_tokens *t, size_t tb, size_t te)
{
    if (te <= tb)
        return 0;
    if (t->nsents >= t->sentcap && ng_vec_grow_((void **)&t->sents, &t->sentcap, t->nsents, sizeof *t->sents))
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

/* Does a sentence that began at token sb end before token t (0 < t < ntoks)? */
static inline int sent_break(const char *text, size_t len, const ng_token *toks, const tok_aux *ax, size_t sb,
                             size_t t)
{
    const ng_token *prev = &toks[t - 1], *cur = &toks[t];
    /* last non-closer before t */
    size_t q = t - 1;
    while (q > sb && (AUX_MARK(ax[q]) & TK_CLOSER))
        q--;
    unsigned term = AUX_MARK(ax[q]) & TK_TERM, nl = AUX_NL(ax[t]);
    if (nl >= 2)
        return 1; /* blank line */
    if (nl == 1) {
        /* single newline: a break unless the line looks wrapped mid-sentence */
        int wrapped = !term && !(AUX_MARK(ax[t - 1]) & TK_CLOSER) &&
                      (starts_lower(text, len, cur) || (cur->flags & NG_TOK_DIGIT) || (AUX_MARK(ax[t - 1]) & TK_COMMA));
        return !wrapped;
    }
    if (term) /* terminal punctuation (and closers), then a capitalized word, a digit or an opener */
        return (cur->flags & (NG_TOK_UPPER1 | NG_TOK_DIGIT)) || (AUX_MARK(ax[t]) & TK_OPENER);
    /* abbreviation-final tokens (U.K. The) break before sentence-starting words (only words
     * that took their period end with one) */
    size_t pl = prev->end - prev->start;
    return (AUX_MARK(ax[t - 1]) & TK_ABBR) && pl > 1 && !(abbrev_bits(text + prev->start, pl - 1) & NB) &&
           !(pl == 2 && (CLS[(unsigned char)text[prev->start]] & CL_UPPER)) &&
           is_starter(text + cur->start, cur->end - cur->start);
}

int ng_text_analyze(ng_tokens *out, const char *text, size_t len)
{
    memset(out, 0, sizeof *out);
    /* news text runs 5.3 to 6 bytes per token: reserve one per 4 (no realloc for almost
     * any document), grow by doubling after */
    tok_buf b = {0};
    int rc = 0;
    b.cap = len / 4 + 16;
    b.toks = malloc(b.cap * sizeof *b.toks);
    b.aux = malloc(b.cap * sizeof *b.aux);
    if (!b.toks || !b.aux)
        rc = ng_error_set(NG_ENOMEM, "out of memory");
    else
        rc = tokenize(&b, text, len);
    out->toks = b.toks;
    out->ntoks = b.n;
    out->tokcap = b.cap;
    if (rc)
        goto done;

    /* Sentence boundaries: between tokens t-1 and t, and after the last. */
    const tok_aux *ax = b.aux;
    size_t nt = out->ntoks, sb = 0;
    out->sentcap = nt / 16 + 4; /* about one sentence per 20 tokens; grows by doubling after */
    if (!(out->sents = malloc(out->sentcap * sizeof *out->sents))) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t t = 1; t <= nt; t++) {
        if (t < nt && !sent_break(text, len, out->toks, ax, sb, t))
            continue;
        if ((rc = push_sent(out, sb, t)))
            goto done;
        /* headline: one whole line without terminal punctuation */
        if (t == nt || AUX_NL(ax[t]) >= 1) {
            size_t q = t - 1;
            while (q > sb && (AUX_MARK(ax[q]) & TK_CLOSER))
                q--;
            if (AUX_NL(ax[sb]) >= 1 && !(AUX_MARK(ax[q]) & TK_TERM) && !(AUX_MARK(ax[t - 1]) & TK_COLON))
                out->sents[out->nsents - 1].flags |= NG_SENT_HEADLINE;
        }
        sb = t;
    }
done:
    free(b.aux);
    if (rc)
        ng_tokens_free(out);
    return rc;
}

void ng_tokens_free(ng_tokens *t)
{
    free(t->toks);
    free(t->sents);
    memset(t, 0, sizeof *t);
}
