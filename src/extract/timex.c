/* timex.c - TIMEX3 time expressions: recognition (rules over a word stream) and
 * normalization anchored to the publication date (dct), with the tense of the
 * clause choosing the direction of bare weekdays, months and seasons.
 *
 * Pipeline: words (timex_words) -> at each word the longest rule match (dates,
 * times, durations, sets, vague references; prefixes such as "early", "about",
 * "the end of") -> values computed against the dct and the last mentioned date
 * (for "that year", "a year earlier") -> clock times without a day take the day
 * mentioned in the same sentence -> appended to r->timexes in text order.
 * Nothing here reads the clock: with no dct, relative values stay underspecified. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "timex.h"
#include "timex_int.h"

/* a and b are the same string.  The rules compare words with many literals; most differ
 * in the first byte, which is tested without the call. */
static inline int streq(const char *a, const char *b) { return a[0] == b[0] && strcmp(a, b) == 0; }

enum { TX_DATE = 0, TX_TIME, TX_DURATION, TX_SET };
static const char *const TYPE_NAME[] = {"DATE", "TIME", "DURATION", "SET"};

#define MAXV 48
/* "a year ago" is the same quarter a year before when a quarter was named within
 * this many sentences */
#define QCTX_SENTS 12
/* how many words the tense of a clause is looked for on each side */
#define TENSE_REACH 40

/* A candidate match: words [b, e). */
typedef struct {
    size_t b, e;
    int type;
    char value[MAXV];
    tdate d;        /* the calendar value when `dated` */
    int dated;      /* a specific date usable as the reference for later anaphora */
    int adj;        /* an adjectival compound (third-quarter, five-year) */
    int anchor_day; /* a clock time or day part without a day of its own */
    int rel;        /* value computed from the dct (not written in full) */
    int anaph;      /* value computed from the previous reference: does not become one */
    int hasday;     /* d holds a specific day (dates and times) */
    int has_refd;   /* a reference day was known when this was matched */
    tdate refd;     /* ...and that day */
    int has_evd;    /* a clock time without a day: the day of the event it belongs to */
    int ev_first;   /* ...written out ("ten days before the shooting"): before the sentence's day */
    tdate evd;      /* ...and that day (event_anchor) */
} tcand;

/* The state of one extraction. */
typedef struct {
    const char *text;
    tword *w;
    size_t nw;
    size_t lim; /* words at index >= lim lie beyond the current hard boundary */
    size_t lo;  /* ...and the word of that boundary before them (the last one with
                   TW_BREAK at or before the word being matched; 0 if none) */
    int has_dct;
    tdate dct;
    int has_ref;
    tdate ref; /* last mentioned specific date */
    uint32_t ref_sent; /* ...its sentence */
    int ref_rel;       /* ...computed from the dct (last year), not written (1944) */
    int ref_front;     /* ...opens its sentence ("In 1944, ...") */
    int has_lastq;
    tdate lastq; /* last mentioned quarter */
    uint32_t lastq_sent; /* ...and its sentence */
    uint32_t cur_sent;   /* sentence of the word being matched */
    size_t cur_i;        /* ...and the word */
    int narrative;       /* a narrative document: dates anchor to the last written one (narrative_doc) */
    int has_refday;
    tdate refday; /* last mentioned day */
    uint8_t has_evd[EVC_N];
    tdate evd[EVC_N]; /* the day (or month) of each kind of event, from the first date next to
                         a word of that kind (note_event); a later day of that month refines it */
    int8_t *cue;  /* memo of tense_cue: CUE_SLOTS per word, CUE_UNSET until computed */
    int every_start; /* may_start tries a generic word before any word (tests: the FOLLOW list);
                        the shortcuts below are checked against the plain scans */
    int *differs;    /* set when a shortcut gave another answer than the plain scan (every_start) */
} tctx;

/* tense_cue(k, hi, right) depends on hi only through min(hi - k, 5): 2 x 5 memo slots */
#define CUE_SLOTS 10
#define CUE_UNSET 0x7f

/* ------------------------------------------------------------ word stream */

static const char *const DOT_ABBR[] = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                                       "dec", "mr", "mrs", "ms", "dr", "st", "no", "gen", "gov", "sen", "rep",
                                       "lt", "col", "inc", "corp", "co", "ltd", "jr", "sr", "vs", "mt", "ft",
                                       "est", "approx", NULL};

/* 1 if low (without period) is in a list. */
static int in_list(const char *const *list, const char *s, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == s[0] && strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
            return 1;
    return 0;
}

static int is_ascii_alnum(int ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Length of a curly apostrophe (’ or ‘) at s[i], 0 if none. */
static int curly_apos(const char *s, size_t n, size_t i)
{
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98))
        return 3;
    return 0;
}

/* Length of an apostrophe at s[i] (ASCII or curly), 0 if none. */
static int apos_len(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == '\'')
        return 1;
    return curly_apos(s, n, i);
}

/* A word character: ASCII letter/digit or a non-ASCII letter. Sets *k to its byte length. */
static int word_char(const char *s, size_t n, size_t i, int *k)
{
    unsigned char ch = (unsigned char)s[i];
    if (ch < 0x80) {
        *k = 1;
        return is_ascii_alnum(ch);
    }
    uint32_t cp;
    *k = ng_utf8_decode(s, n, i, &cp);
    return ng_cp_is_alpha(cp) || ng_cp_is_digit(cp);
}

/* A dash joining two words (-, U+2010, U+2011, U+2013): its length, 0 if none. */
static int dash_len(const char *s, size_t n, size_t i)
{
    if (s[i] == '-')
        return 1;
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x90 || (unsigned char)s[i + 2] == 0x91 || (unsigned char)s[i + 2] == 0x93))
        return 3;
    return 0;
}

/* The flags of a word by what it has (TX_CH_* >> 8: 1 a letter not upper case, 2 an
 * upper-case letter, 4 a digit): punctuation, letters (all upper case?), digits. */
static const uint32_t SEEN_FLAGS[8] = {TW_PUNCT, TW_ALPHA, TW_ALPHA | TW_ALLCAP, TW_ALPHA,
                                       TW_NUM,   0,        TW_ALLCAP,            0};

/* Fill the lower-case form and the class flags of a word (w->low zeroed; wc is
 * tx_word_chars()); *len gets the length of that form (0 when it is "", and then w->low
 * is all zeros again). */
static void word_shape(const uint16_t *wc, const char *s, size_t n, tword *w, size_t *len)
{
    size_t o = 0;
    unsigned seen = 0; /* TX_CH_* >> 8 of every letter and digit */
    int ok = 1;
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        char out;
        if (ch < 0x80) {
            unsigned t = wc[ch];
            out = t ? (char)(t & 0xff) : (char)ch;
            if (t && !(seen & 7) && (t & TX_CH_UPPER))
                w->flags |= TW_CAP; /* the first letter or digit is an upper-case letter */
            seen |= t >> 8;
            i++;
        } else if (curly_apos(s, n, i)) {
            out = '\'';
            i += 3;
        } else {
            ok = 0;
            uint32_t cp;
            int k = ng_utf8_decode(s, n, i, &cp);
            if (ng_cp_is_alpha(cp)) {
                unsigned t = ng_cp_is_upper(cp) ? 2u : 1u;
                if (!(seen & 7) && t == 2)
                    w->flags |= TW_CAP;
                seen |= t;
            }
            i += (size_t)k;
            continue;
        }
        if (o + 1 < TW_LOWMAX)
            w->low[o++] = out;
        else
            ok = 0;
    }
    if (!ok)
        memset(w->low, 0, sizeof w->low);
    *len = ok ? o : 0;
    w->flags |= SEEN_FLAGS[seen];
}

/* Whether the word that plain_word has found at s[i..j) ends where scan_word looks no
 * further: at the text's end, white space, or punctuation other than a period, an
 * apostrophe or a separator after a digit (and not at a letter or digit: too long). */
static inline int plain_end(const char *s, size_t n, size_t j)
{
    if (j >= n)
        return 1;
    unsigned char ch = (unsigned char)s[j];
    return !(ch >= 0x80 || ch == '.' || ch == '\'' || is_ascii_alnum(ch) ||
             ((ch == ',' || ch == ':' || ch == '/') && s[j - 1] >= '0' && s[j - 1] <= '9'));
}

/* plain_word one byte at a time (near the text's end, or on a big-endian machine). */
static size_t plain_word_bytes(const uint16_t *wc, const char *s, size_t n, size_t i, tword *w, size_t *len)
{
    char *low = w->low;
    unsigned seen = 0; /* TX_CH_* >> 8 of every character */
    size_t j = i, lim = n - i < TW_LOWMAX - 1 ? n : i + TW_LOWMAX - 1;
    for (; j < lim; j++) {
        unsigned t = wc[(unsigned char)s[j]];
        if (!t)
            break;
        seen |= t >> 8;
        low[j - i] = (char)(t & 0xff);
    }
    if (!plain_end(s, n, j)) {
        memset(low, 0, j - i);
        return 0;
    }
    *len = j - i;
    if (wc[(unsigned char)s[i]] & TX_CH_UPPER)
        w->flags |= TW_CAP;
    w->flags |= SEEN_FLAGS[seen];
    return j;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TX_SWAR 1
#define B8(x) (0x0101010101010101ull * (uint64_t)(x))
/* The high bit of each byte of x (each below 0x80) that lies in [lo, hi] (0 < lo <= hi
 * < 0x80): no carry crosses a byte. */
static inline uint64_t bytes_in(uint64_t x, unsigned lo, unsigned hi)
{
    return (x + B8(0x80 - lo)) & ~(x + B8(0x7f - hi)) & B8(0x80);
}
#endif

/* The word that scan_word finds at s[i] (an ASCII letter or digit) when it is letters and
 * digits alone, shorter than TW_LOWMAX and ended where scan_word looks no further
 * (plain_end): fills w as word_shape does and returns its end; 0 (w as it was) for any
 * other word.  Eight bytes at a time where the text has TW_LOWMAX bytes left (the longest
 * plain word and the byte after it): the letters, digits and upper-case letters of a
 * chunk as bit masks, its lower case by adding 0x20 to the upper-case bytes.  wc is
 * tx_word_chars(). */
static size_t plain_word(const uint16_t *wc, const char *s, size_t n, size_t i, tword *w, size_t *len)
{
#ifdef TX_SWAR
    if (n - i < TW_LOWMAX)
        return plain_word_bytes(wc, s, n, i, w, len);
    uint64_t lower = 0, upper = 0, digit = 0;
    size_t j = i; /* the word's end once found (s[i] is a letter or digit) */
    for (size_t o = 0; o < TW_LOWMAX; o += 8) {
        uint64_t x;
        memcpy(&x, s + i + o, 8);
        uint64_t x7 = x & B8(0x7f), ascii = ~x & B8(0x80);
        uint64_t up = bytes_in(x7, 'A', 'Z') & ascii;
        uint64_t let = bytes_in(x7 | B8(0x20), 'a', 'z') & ascii;
        uint64_t dg = bytes_in(x7, '0', '9') & ascii;
        uint64_t stop = ~(let | dg) & B8(0x80);
        uint64_t m = stop ? ((stop & (0 - stop)) >> 7) - 1 : ~0ull; /* the bytes before the first stop */
        uint64_t lc = (x + (up >> 2)) & m;
        memcpy(w->low + o, &lc, 8);
        lower |= let & ~up & m, upper |= up & m, digit |= dg & m;
        if (stop) {
            j = i + o + ((size_t)__builtin_ctzll(stop) >> 3);
            break;
        }
    }
    if (j == i || !plain_end(s, n, j)) { /* TW_LOWMAX letters or digits, or no plain end */
        memset(w->low, 0, sizeof w->low);
        return 0;
    }
    *len = j - i;
    if (upper & 0x80)
        w->flags |= TW_CAP;
    w->flags |= SEEN_FLAGS[(lower ? 1u : 0u) | (upper ? 2u : 0u) | (digit ? 4u : 0u)];
    return j;
#else
    return plain_word_bytes(wc, s, n, i, w, len);
#endif
}

/* Scan a word at s[i]: letters and digits with inner periods (a.m., 3.5), digit
 * separators (1,000 8:30 5/31) and apostrophes before letters (o'clock); returns its end. */
static size_t scan_word(const char *s, size_t n, size_t i)
{
    size_t j = i;
    int k;
    while (j < n) {
        unsigned char c0 = (unsigned char)s[j];
        if (c0 < 0x80) { /* word_char without the call */
            if (is_ascii_alnum(c0)) {
                j++;
                continue;
            }
        } else if (word_char(s, n, j, &k)) {
            j += (size_t)k;
            continue;
        }
        char ch = s[j];
        if (ch == '.') {
            if (j + 1 < n && word_char(s, n, j + 1, &k)) {
                j++;
                continue;
            }
            break;
        }
        if (ch == ',' || ch == ':' || ch == '/') {
            if (j > i && s[j - 1] >= '0' && s[j - 1] <= '9' && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9') {
                j++;
                continue;
            }
            break;
        }
        int al = apos_len(s, n, j);
        if (al && j + (size_t)al < n && is_ascii_alnum((unsigned char)s[j + (size_t)al])) {
            /* keep o'clock; leave the possessive 's and n't to be split */
            size_t a = j + (size_t)al;
            int poss = (s[a] == 's' || s[a] == 'S') && (a + 1 >= n || !is_ascii_alnum((unsigned char)s[a + 1]));
            if (!poss && !(s[a] == 't' && j > i && (s[j - 1] == 'n' || s[j - 1] == 'N'))) {
                j = a;
                continue;
            }
        }
        break;
    }
    /* trailing period of a dotted abbreviation (a.m.), a month or title abbreviation */
    if (j < n && s[j] == '.') {
        size_t wl = j - i;
        char low[8];
        int dotted = memchr(s + i, '.', wl) != NULL && !(s[j - 1] >= '0' && s[j - 1] <= '9');
        if (!dotted && wl < sizeof low) {
            for (size_t q = 0; q < wl; q++)
                low[q] = (char)((s[i + q] >= 'A' && s[i + q] <= 'Z') ? s[i + q] + 32 : s[i + q]);
            dotted = in_list(DOT_ABBR, low, wl);
        }
        if (dotted)
            j++;
    }
    return j;
}

typedef NG_VEC(tword) tword_vec;

/* A cheap test that a word may start a time expression (most words cannot): keeps
 * the per-word cost of the rules and of the tense scan off ordinary text.  Needs
 * w->low, w->flags and w->x. */
static int may_start_word(const tword *w)
{
    const char *lw = w->low;
    const tx_info *x = &w->x;
    if (!*lw)
        return 0;
    if ((w->flags & TW_NUM) || (lw[0] >= '0' && lw[0] <= '9') || (lw[0] == '\'' && lw[1] >= '0' && lw[1] <= '9'))
        return 1;
    return (x->cls & TC_TIMEWORD) != 0; /* digit ordinals (4th) were taken above */
}

/* A word that every expression begun by a GENERIC word (the, a, that, at ...) contains
 * after it: a number, a time word (month, weekday, season, day part, unit, number
 * word, ordinal), any other START word, or an EXTRA word (present, future, nineties).
 * Rule by rule, what follows a generic start is a unit (the past two years, a year
 * ago, those days), a month/weekday/season (this March), a day part (this morning), a
 * number or ordinal (the 1990s, the third quarter, at least 20 minutes), a START word
 * (the past, a later date, as soon as possible, the latest period, the early summer)
 * or an EXTRA word (the present, the near future, the nineties); prefixes (the end of,
 * more than, up to) only add to an expression that has one of those. */
static int anchor_word(const tword *w)
{
    if ((w->flags & TW_NUM) || (w->x.cls & TC_EXTRA))
        return 1;
    return may_start_word(w) && !(w->x.cls & TC_GENERIC);
}

/* Push the word s[b..e), or with e == 0 the word that scan_word finds at b (an ASCII
 * letter or digit); *end gets its end.  With `differs` (tests), a word that plain_word
 * found is made again by scan_word and word_shape, and *differs set if it comes out
 * otherwise. */
static int push_word(tword_vec *v, const uint16_t *wc, const char *s, size_t n, size_t b, size_t e, uint32_t flags,
                     size_t *end, int *differs)
{
    if (ng_vec_grow(*v))
        return NG_ENOMEM;
    tword *w = &v->v[v->n];
    memset(w, 0, sizeof *w);
    w->start = (uint32_t)b;
    w->flags = flags;
    size_t len;
    if (e || !(e = plain_word(wc, s, n, b, w, &len))) {
        if (!e)
            e = scan_word(s, n, b);
        word_shape(wc, s + b, e - b, w, &len);
    } else if (differs) {
        tword p;
        size_t plen;
        memset(&p, 0, sizeof p);
        p.flags = flags;
        size_t pe = scan_word(s, n, b);
        word_shape(wc, s + b, pe - b, &p, &plen);
        if (pe != e || plen != len || p.flags != w->flags || memcmp(p.low, w->low, sizeof p.low) != 0)
            *differs = 1;
    }
    w->end = (uint32_t)e;
    *end = e;
    tx_classify_hashed(w->low, len, tx_hash_low(w->low), &w->x);
    if (may_start_word(w))
        w->x.cls |= TC_MAYSTART;
    if (anchor_word(w))
        w->x.cls |= TC_ANCHOR;
    v->n++;
    return 0;
}

/* Split the text into words with hyphen/space/newline flags, sentence indexes and
 * hard boundaries (differs: see push_word). */
static int tokenize(const char *s, size_t n, const ng_tokens *tk, tword **out, size_t *nout, int *differs)
{
    tword_vec v = {0};
    int rc = 0, nls = 2, space = 1, hy = 0;
    size_t i = 0, si = 0;
    uint32_t next_sent = tk && tk->nsents > 1 ? tk->sents[1].start : UINT32_MAX; /* start of sentence si + 1 */
    const uint16_t *wc = tx_word_chars();
    if (tk && tk->ntoks) {
        /* about one word per token of the text analysis: one allocation for most documents */
        v.cap = tk->ntoks + 16;
        if (!(v.v = malloc(v.cap * sizeof *v.v)))
            return NG_ENOMEM;
    }
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        int k;
        if (ch == ' ' || (!wc[ch] && (ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v'))) {
            if (ch == '\n')
                nls++;
            space = 1;
            hy = 0;
            i++;
            continue;
        }
        if (ch == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) { /* no-break space */
            space = 1;
            hy = 0;
            i += 2;
            continue;
        }
        uint32_t f = 0;
        if (nls)
            f |= TW_NL;
        if (nls >= 2)
            f |= TW_BREAK;
        if (!space)
            f |= TW_GLUE;
        if (hy)
            f |= TW_HY;
        size_t b = i, e;
        int dl, al;
        if (wc[ch]) {
            e = 0; /* most words: push_word finds the end, no dash or apostrophe to test first */
        } else if ((dl = dash_len(s, n, i)) && !space && i > 0 && v.n && i + (size_t)dl < n &&
                   word_char(s, n, i + (size_t)dl, &k) && !(s[i + (size_t)dl] == '-')) {
            /* a joining hyphen: no word of its own */
            hy = 1;
            i += (size_t)dl;
            continue;
        } else if (ch >= 0x80 && word_char(s, n, i, &k)) {
            e = scan_word(s, n, i);
        } else if ((al = apos_len(s, n, i)) && i + (size_t)al + 1 < n && s[i + (size_t)al] >= '0' &&
                   s[i + (size_t)al] <= '9' && s[i + (size_t)al + 1] >= '0' && s[i + (size_t)al + 1] <= '9' &&
                   (i + (size_t)al + 2 >= n || !(s[i + (size_t)al + 2] >= '0' && s[i + (size_t)al + 2] <= '9'))) {
            /* '80s, '98 */
            e = i + (size_t)al + 2;
            if (e < n && s[e] == 's')
                e++;
        } else if (al && !space && i + (size_t)al < n && (s[i + (size_t)al] == 's' || s[i + (size_t)al] == 'S') &&
                   (i + (size_t)al + 1 >= n || !is_ascii_alnum((unsigned char)s[i + (size_t)al + 1]))) {
            e = i + (size_t)al + 1; /* possessive 's */
        } else {
            uint32_t cp;
            e = i + (size_t)ng_utf8_decode(s, n, i, &cp);
        }
        if ((rc = push_word(&v, wc, s, n, b, e, f, &e, differs)))
            goto done;
        /* its sentence (0 without sentences), and a boundary where a new one begins */
        tword *w = &v.v[v.n - 1];
        while (w->start >= next_sent) {
            si++;
            next_sent = si + 1 < tk->nsents ? tk->sents[si + 1].start : UINT32_MAX;
        }
        w->sent = (uint32_t)si;
        if (v.n > 1 && w[-1].sent != w->sent) {
            const char *pl = w[-1].low;
            size_t ln = strlen(pl);
            /* a split after a.m./p.m. or a month abbreviation is usually wrong */
            int soft = (streq(pl, "a.m.") || streq(pl, "p.m.") || (ln > 1 && pl[ln - 1] == '.' && w[-1].x.month)) &&
                       !(w->flags & TW_NL);
            if (!soft)
                w->flags |= TW_BREAK;
        }
        i = e;
        nls = 0;
        space = 0;
        hy = 0;
    }
done:
    if (rc) {
        free(v.v);
        return rc;
    }
    *out = v.v;
    *nout = v.n;
    return 0;
}

/* ------------------------------------------------------------ accessors */

/* Lower-case form of word k ("" beyond the boundary). */
static const char *L(const tctx *c, size_t k) { return k < c->lim ? c->w[k].low : ""; }

static inline int IS(const tctx *c, size_t k, const char *s)
{
    if (k >= c->lim)
        return 0;
    const char *a = c->w[k].low;
    return streq(a, s);
}

static uint32_t F(const tctx *c, size_t k) { return k < c->lim ? c->w[k].flags : 0; }

/* What is known of word k (tx_classify; nothing beyond the boundary). */
static inline const tx_info *XI(const tctx *c, size_t k) { return k < c->lim ? &c->w[k].x : &TX_NONE; }

/* tx_unit of word k ("" beyond the boundary). */
static inline tunit WUNIT(const tctx *c, size_t k, int *plural)
{
    const tx_info *x = XI(c, k);
    if (x->unit && plural)
        *plural = x->unit_plural;
    return (tunit)x->unit;
}

/* tx_weekday_word of word k ("" beyond the boundary). */
static inline int WWD(const tctx *c, size_t k, int *plural)
{
    const tx_info *x = XI(c, k);
    if (plural)
        *plural = x->wd_plural;
    return x->weekday;
}

/* Word k is one of the NULL-terminated list. */
static int ISANY(const tctx *c, size_t k, const char *const *list)
{
    if (k >= c->lim)
        return 0;
    const char *a = c->w[k].low;
    for (size_t i = 0; list[i]; i++)
        if (streq(a, list[i]))
            return 1;
    return 0;
}

/* Left word (no boundary check, "" before the text start or across a hard boundary
 * from `from`). */
static const char *LEFT(const tctx *c, size_t from, size_t k)
{
    if (k >= from)
        return "";
    for (size_t j = k + 1; j <= from && j < c->nw; j++)
        if (c->w[j].flags & TW_BREAK)
            return "";
    return c->w[k].low;
}

/* A possessive 's glued to the previous word. */
static int is_poss(const tctx *c, size_t k) { return IS(c, k, "'s") && (F(c, k) & TW_GLUE); }

/* ------------------------------------------------------------ tense */

/* Tense cue of word k: +1 future, -1 past, 2 present (stop), 0 none.  `right` is set
 * when k follows the time expression ("On Friday, the government planned ...").  The
 * word lists are the TC_* classes of timex_lex.c, looked up once per word. */
static int tense_cue_calc(const tctx *c, size_t k, size_t hi, int right)
{
    const tword *W = c->w;
    uint32_t cl = W[k].x.cls;
    const char *nx = k + 1 < hi ? W[k + 1].low : "";
    if (cl & TC_FUT)
        return 1;
    /* "were planning to": the plan decides, not the auxiliary */
    if ((cl & TC_BE_ALL) && k + 2 < hi) {
        size_t j = k + 1;
        if ((W[j].x.cls & TC_ADVERB) && j + 2 < hi)
            j++;
        if ((W[j].x.cls & TC_FUT_TO) && streq(W[j + 1].low, "to"))
            return 1;
    }
    /* "was scheduled to", "planned a rally", but "had been scheduled to", "as previously
     * planned", "the hastily planned trip", "plans for" (a noun) */
    int futto = (cl & TC_FUT_TO) && (streq(nx, "to") || (streq(nx, "for") && ((cl & TC_PLAN) || streq(W[k].low, "set"))));
    /* a plan verb after the date is the date of the planning, not of the plan */
    if (!futto && right && (cl & TC_PLAN))
        return -1;
    if (futto || (cl & TC_PLAN)) {
        for (size_t j = 1; j <= 3 && j <= k; j++) {
            uint32_t pc = W[k - j].x.cls;
            if (pc & TC_PAST_PLAN)
                return -1;
            if (pc & TC_DET)
                return 0;
            if (!(pc & TC_ADVERB) && !(pc & TC_BEEN))
                break;
        }
        return 1;
    }
    if (streq(W[k].low, "to") && k > 0 && (W[k - 1].x.cls & TC_BE))
        return 1;
    /* "the vote is on Sunday", "the deadline is Friday", "the peak is in March": a present
     * copula tied straight to a day or a month states a coming date (a past one takes "was") */
    if ((cl & TC_IS) && !right && k + 1 < hi) {
        size_t j = k + 1;
        if ((streq(nx, "on") || streq(nx, "for") || streq(nx, "in")) && j + 1 < hi)
            j++;
        if ((W[j].x.weekday > 0 && !W[j].x.wd_plural) || W[j].x.month > 0)
            return 1;
    }
    if (cl & TC_PAST) {
        /* "markets untouched by the crisis", "talks hosted by Egypt": a participle before
         * "by" with no auxiliary is a reduced relative clause, not the verb of the clause */
        if (streq(nx, "by") && k > 0 && !(W[k - 1].x.cls & (TC_BE_ALL | TC_BEEN | TC_ADVERB)) &&
            !streq(W[k - 1].low, "had") && !streq(W[k - 1].low, "has") && !streq(W[k - 1].low, "have") &&
            !(W[k].x.cls & TC_IRR))
            return 0;
        /* "will be released", "to be held": the auxiliary decides; "a still unspecified
         * date": an adjective */
        for (size_t j = 1; j <= 4 && j <= k; j++) {
            uint32_t pc = W[k - j].x.cls;
            if (pc & TC_AUX_FUT)
                return 1;
            if (pc & TC_DET)
                return 0;
            if (pc & TC_IS)
                return 2; /* "when the case is heard": present */
            if (!(pc & TC_BEEN) && !(pc & TC_ADVERB))
                break;
        }
        return -1;
    }
    if (cl & TC_PRES)
        return 2;
    return 0;
}

/* tense_cue_calc through the per-document memo. */
static int tense_cue(const tctx *c, size_t k, size_t hi, int right)
{
    size_t span = hi - k >= 5 ? 5 : hi - k;
    int8_t *m = &c->cue[k * CUE_SLOTS + (right ? 5 : 0) + span - 1];
    if (*m == CUE_UNSET)
        *m = (int8_t)tense_cue_calc(c, k, hi, right);
    return *m;
}

/* The words [s0, s1) around [b, e) that tense_of looks at: back to the last hard boundary
 * at or before b (or the text's start), forward to the next one at or after e (or the
 * text's end), no further than TENSE_REACH + 1 words either way. */
static void tense_span(const tctx *c, size_t b, size_t e, size_t *s0, size_t *s1)
{
    size_t lo = b, hi = e;
    while (lo > 0 && b - lo <= TENSE_REACH && !(c->w[lo].flags & TW_BREAK))
        lo--;
    while (hi < c->nw && hi - e <= TENSE_REACH && !(c->w[hi].flags & TW_BREAK))
        hi++;
    *s0 = lo;
    *s1 = hi;
}

/* Tense of the clause around words [b, e): +-2 for a verb within four words, +-1 further
 * away (future +, past -), 0 unknown/present. */
static int tense_of(const tctx *c, size_t b, size_t e)
{
    /* the sentence around [b, e), looked at no further than the scan reaches: tense_span,
     * here from the boundaries of the word being matched (b == cur_i, e == b + 1) */
    size_t s0 = c->lo, s1 = c->lim;
    if (b - s0 > TENSE_REACH + 1)
        s0 = b - (TENSE_REACH + 1);
    if (s1 - e > TENSE_REACH + 1)
        s1 = e + TENSE_REACH + 1;
    if (c->every_start) { /* tests: the span that the scans give */
        size_t t0, t1;
        tense_span(c, b, e, &t0, &t1);
        if (t0 != s0 || t1 != s1)
            *c->differs = 1;
    }
    int left_open = 1;
    for (size_t d = 1; d <= TENSE_REACH; d++) {
        int t = 0;
        if (!(left_open && b >= s0 + d) && !(e - 1 + d < s1))
            break; /* nothing left on either side: no cue */
        if (left_open && b >= s0 + d) {
            size_t k = b - d;
            if (streq(c->w[k].low, ";"))
                left_open = 0;
            else
                t = tense_cue(c, k, s1, 0);
        }
        if (!t && e - 1 + d < s1)
            t = tense_cue(c, e - 1 + d, s1, 1);
        if (t == 2)
            return 0;
        if (t)
            return d <= 4 ? 2 * t : t;
    }
    return 0;
}

/* ------------------------------------------------------------ numbers */

/* Parse a plain digit word ("24", "1,000", "2.5"); 1 on success. */
static int digit_value(const char *s, double *v)
{
    double x = 0, frac = 0;
    int seen = 0, dot = 0;
    if (!*s)
        return 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (dot) {
                frac /= 10;
                x += (*p - '0') * frac;
            } else {
                x = x * 10 + (*p - '0');
            }
            seen = 1;
        } else if (*p == ',' && !dot) {
            continue;
        } else if (*p == '.' && !dot) {
            dot = 1;
            frac = 1;
        } else {
            return 0;
        }
    }
    *v = x;
    return seen;
}

/* A cardinal at word k: digits, number words (twenty four, twenty-four, two thousand),
 * "a"/"an" (when allow_a), or a vague quantity (several, a few: *vague = 1).
 * Returns the number of words used. */
static size_t p_card(const tctx *c, size_t k, double *v, int *vague, int allow_a)
{
    static const char *const VAGUE1[] = {"several", "few", "many", "some", "numerous", "multiple", "countless",
                                         "various", NULL};
    *vague = 0;
    const char *w = L(c, k);
    if (!*w)
        return 0;
    if ((F(c, k) & TW_NUM) && !strchr(w, ':') && !strchr(w, '/'))
        return digit_value(w, v) ? 1 : 0;
    if (streq(w, "a") || streq(w, "an")) {
        if (IS(c, k + 1, "few")) {
            *vague = 1;
            return 2;
        }
        if (IS(c, k + 1, "couple") && IS(c, k + 2, "of")) {
            *v = 2;
            return 3;
        }
        if (IS(c, k + 1, "dozen")) {
            *v = 12;
            return 2;
        }
        if (allow_a) {
            *v = 1;
            return 1;
        }
        return 0;
    }
    if (streq(w, "couple") && IS(c, k + 1, "of")) {
        *v = 2;
        return 2;
    }
    if (streq(w, "dozens") && IS(c, k + 1, "of")) {
        *vague = 1;
        return 2;
    }
    if (streq(w, "dozen")) {
        *v = 12;
        return 1;
    }
    if (ISANY(c, k, VAGUE1)) {
        *vague = 1;
        return 1;
    }
    int n = XI(c, k)->cardinal;
    if (n < 0)
        return 0;
    size_t used = 1;
    if (n >= 20 && n % 10 == 0) {
        int u = XI(c, k + 1)->cardinal;
        if (u >= 1 && u <= 9) {
            n += u;
            used++;
        }
    }
    if (IS(c, k + used, "hundred")) {
        n *= 100;
        used++;
        size_t j = k + used;
        if (IS(c, j, "and"))
            j++;
        int r = XI(c, j)->cardinal;
        if (r > 0) {
            size_t rl = 1;
            if (r >= 20 && r % 10 == 0 && XI(c, j + 1)->cardinal >= 1 && XI(c, j + 1)->cardinal <= 9)
                r += XI(c, j + 1)->cardinal, rl++;
            n += r;
            used = j + rl - k;
        }
    }
    if (IS(c, k + used, "thousand")) {
        n *= 1000;
        used++;
    }
    *v = n;
    return used;
}

/* Format a number for a duration value (integers without decimals). */
static void fmt_num(char *out, size_t cap, double v)
{
    if (v == (double)(long)v)
        snprintf(out, cap, "%ld", (long)v);
    else
        snprintf(out, cap, "%.1f", v);
}

/* TIMEX3 duration value of n units (vague: X). */
static void dur_value(char *out, size_t cap, double n, int vague, tunit u)
{
    char num[24];
    /* fractions go down a unit when that makes them whole */
    if (!vague && n != (double)(long)n && n < 1) {
        static const struct {
            tunit u, to;
            double f;
        } DOWN[] = {{U_YEAR, U_MONTH, 12}, {U_DAY, U_HOUR, 24}, {U_HOUR, U_MIN, 60}, {U_MIN, U_SEC, 60},
                    {U_WEEK, U_DAY, 7}};
        for (size_t i = 0; i < sizeof DOWN / sizeof DOWN[0]; i++)
            if (DOWN[i].u == u && n * DOWN[i].f == (double)(long)(n * DOWN[i].f)) {
                n *= DOWN[i].f;
                u = DOWN[i].to;
                break;
            }
    }
    if (vague)
        snprintf(num, sizeof num, "X");
    else
        fmt_num(num, sizeof num, n);
    if (!vague && n != (double)(long)n && n > 1) {
        /* 5 1/2 hours: PT5H30M; 2 1/2 years: P2Y6M */
        long whole = (long)n;
        double frac = n - (double)whole;
        switch (u) {
        case U_YEAR: snprintf(out, cap, "P%ldY%ldM", whole, (long)(frac * 12 + 0.5)); return;
        case U_DAY: snprintf(out, cap, "P%ldDT%ldH", whole, (long)(frac * 24 + 0.5)); return;
        case U_HOUR: snprintf(out, cap, "PT%ldH%ldM", whole, (long)(frac * 60 + 0.5)); return;
        case U_MIN: snprintf(out, cap, "PT%ldM%ldS", whole, (long)(frac * 60 + 0.5)); return;
        default: break;
        }
    }
    switch (u) {
    case U_SEC: snprintf(out, cap, "PT%sS", num); break;
    case U_MIN: snprintf(out, cap, "PT%sM", num); break;
    case U_HOUR: snprintf(out, cap, "PT%sH", num); break;
    case U_DAY:
    case U_NIGHT: snprintf(out, cap, "P%sD", num); break;
    case U_WEEK: snprintf(out, cap, "P%sW", num); break;
    case U_WEEKEND:
        if (vague)
            snprintf(out, cap, "PXWE");
        else
            snprintf(out, cap, "P%ldD", (long)(2 * n));
        break;
    case U_FORTNIGHT:
        if (vague)
            snprintf(out, cap, "PXW");
        else
            snprintf(out, cap, "P%ldW", (long)(2 * n));
        break;
    case U_MONTH: snprintf(out, cap, "P%sM", num); break;
    case U_QUARTER: snprintf(out, cap, "P%sQ", num); break;
    case U_YEAR: snprintf(out, cap, "P%sY", num); break;
    case U_DECADE:
        if (vague)
            snprintf(out, cap, "PXY");
        else
            fmt_num(num, sizeof num, n * 10), snprintf(out, cap, "P%sY", num);
        break;
    case U_CENTURY:
        if (vague)
            snprintf(out, cap, "PXC");
        else
            fmt_num(num, sizeof num, n * 100), snprintf(out, cap, "P%sY", num);
        break;
    default: snprintf(out, cap, "PXX"); break;
    }
}

/* A duration phrase at k: N unit(s), N-unit, N and a half unit(s), a unit and a half,
 * half an hour, a half hour.  *adj is set for hyphenated compounds (five-year).
 * Returns the end word index (0 if none). */
static size_t p_dur(const tctx *c, size_t k, double *n, int *vague, tunit *u, int *plural, int *adj)
{
    double v = 0;
    int vg = 0;
    *adj = 0;
    /* half an hour / half a day */
    if (IS(c, k, "half") && (IS(c, k + 1, "a") || IS(c, k + 1, "an"))) {
        tunit uu = WUNIT(c, k + 2, plural);
        if (uu && !*plural) {
            *n = 0.5, *vague = 0, *u = uu;
            return k + 3;
        }
    }
    size_t used = p_card(c, k, &v, &vg, 1);
    if (!used)
        return 0;
    size_t j = k + used;
    /* 2 1/2 years */
    if ((F(c, k) & TW_NUM) && used == 1 && streq(L(c, j), "1/2")) {
        v += 0.5;
        j++;
    }
    /* ranges: two to three weeks, 12 to 18 months, 10-12 years: the first number */
    if (!vg && (IS(c, j, "to") || IS(c, j, "or") || ((F(c, j) & TW_HY) && (F(c, j) & TW_NUM)))) {
        double v2;
        int vg2;
        size_t skip = (F(c, j) & TW_HY) ? 0 : 1;
        size_t u2 = p_card(c, j + skip, &v2, &vg2, 0);
        int pl2;
        if (u2 && !vg2 && v2 > v && WUNIT(c, j + skip + u2, &pl2))
            j += skip + u2;
    }
    /* a half hour */
    if ((IS(c, k, "a") || IS(c, k, "an")) && used == 1 && IS(c, j, "half") && WUNIT(c, j + 1, plural)) {
        *u = WUNIT(c, j + 1, plural);
        *n = 0.5, *vague = 0;
        return j + 2;
    }
    double add = 0;
    /* two and a half years */
    if (IS(c, j, "and") && IS(c, j + 1, "a") && IS(c, j + 2, "half") && WUNIT(c, j + 3, plural)) {
        add = 0.5;
        j += 3;
    }
    if (IS(c, j, "more") || IS(c, j, "additional") || IS(c, j, "full") || IS(c, j, "straight") ||
        IS(c, j, "consecutive") || IS(c, j, "long") || IS(c, j, "whole") || IS(c, j, "extra"))
        if (WUNIT(c, j + 1, plural))
            j++;
    tunit uu = WUNIT(c, j, plural);
    if (!uu)
        return 0;
    /* "a months-long review": "a" counts no plural */
    if (*plural && used == 1 && (IS(c, k, "a") || IS(c, k, "an")))
        return 0;
    /* "a second group": the ordinal */
    if (uu == U_SEC && !*plural && streq(L(c, j), "second") && (F(c, j + 1) & TW_ALPHA) &&
        !IS(c, j + 1, "later") && !IS(c, j + 1, "ago") && !IS(c, j + 1, "earlier") && !IS(c, j + 1, "or") &&
        !IS(c, j + 1, "and") && !IS(c, j + 1, "of") && !IS(c, j + 1, "to") && !IS(c, j + 1, "before") &&
        !IS(c, j + 1, "after") && !IS(c, j + 1, "in") && !IS(c, j + 1, "for"))
        return 0;
    /* year-earlier, year-end, year-ago, day-old: compounds handled elsewhere */
    if ((F(c, j + 1) & TW_HY) && (IS(c, j + 1, "earlier") || IS(c, j + 1, "ago") || IS(c, j + 1, "end") ||
                                  IS(c, j + 1, "old") || IS(c, j + 1, "olds")))
        return 0;
    /* a capitalized unit inside a sentence is part of a name (a programme, a title) */
    if ((F(c, j) & TW_CAP) && !(F(c, j) & TW_ALLCAP))
        return 0;
    /* three-quarters of, a quarter of: fractions */
    if (uu == U_QUARTER && (IS(c, j + 1, "of") || (F(c, j) & TW_HY) || (F(c, j + 1) & TW_HY)))
        return 0;
    if ((F(c, j) & TW_HY) && j == k + used)
        *adj = 1;
    j++;
    /* a year and a half */
    if (!add && IS(c, j, "and") && IS(c, j + 1, "a") && IS(c, j + 2, "half")) {
        add = 0.5;
        j += 3;
    }
    *n = v + add;
    *vague = vg;
    *u = uu;
    return j;
}

/* ------------------------------------------------------------ resolution */

/* A value of granularity g at the dct (unknown year without one). */
static tdate at_dct(const tctx *c, tgran g)
{
    tdate t;
    memset(&t, 0, sizeof t);
    if (c->has_dct) {
        t = c->dct;
        t.tod[0] = '\0';
    } else {
        t.y = TX_UNK;
    }
    t.g = g;
    t.wd = 0;
    if (g == G_QUARTER || g == G_HALF)
        t.q = t.y == TX_UNK ? 0 : (g == G_QUARTER ? (t.m - 1) / 3 + 1 : (t.m - 1) / 6 + 1);
    if (t.y == TX_UNK)
        t.m = t.d = 0;
    return t;
}

/* The reference for anaphora: the last mentioned date, else the dct. */
static tdate at_ref(const tctx *c, tgran g)
{
    if (!c->has_ref)
        return at_dct(c, g);
    tdate t = c->ref;
    t.tod[0] = '\0';
    if (t.g == g)
        return t;
    if (g == G_QUARTER || g == G_HALF) {
        int m = t.m ? t.m : (t.g == G_QUARTER ? (t.q - 1) * 3 + 1 : 1);
        t.q = g == G_QUARTER ? (m - 1) / 3 + 1 : (m - 1) / 6 + 1;
    } else if (t.g == G_QUARTER || t.g == G_HALF || t.g == G_SEASON) {
        t.m = t.g == G_QUARTER ? (t.q - 1) * 3 + 1 : t.g == G_HALF ? (t.q - 1) * 6 + 1 : t.q * 3;
        t.d = 1;
    }
    if (!t.m)
        t.m = 1;
    if (!t.d)
        t.d = 1;
    if ((g == G_DAY || g == G_WEEK || g == G_MONTH) && t.g < G_MONTH)
        return at_dct(c, g); /* a year does not anchor a day */
    t.g = g;
    return t;
}

/* Year for a position pos (e.g. month*32+day) given the dct's position cur, both in
 * one year of `per` units: past tense looks back, future ahead, none the nearest
 * (the past on a tie or within the same year). */
static int pick_year(const tctx *c, int pos, int cur, int per, int tense)
{
    int y = c->dct.y;
    if (pos == cur)
        return y;
    int back, fwd, yb, yf;
    if (pos < cur)
        back = cur - pos, yb = y, fwd = pos + per - cur, yf = y + 1;
    else
        fwd = pos - cur, yf = y, back = cur + per - pos, yb = y - 1;
    /* the tense weighs the distance against its direction; with none, the past is
     * slightly preferred (news reports more than it announces) */
    double wf = tense <= -2 ? 12.0 : tense < 0 ? 4.0 : tense > 0 ? 1.0 : 1.5;
    double wb = tense >= 2 ? 12.0 : tense > 0 ? 4.0 : 1.0;
    return back * wb <= fwd * wf ? yb : yf;
}

/* A weekday relative to the dct: rel 'l' last, 'n' next, 't' this, 0 bare. */
static tdate res_weekday(const tctx *c, int wd, int rel, int tense)
{
    tdate t = at_dct(c, G_DAY);
    if (!c->has_dct) {
        t.wd = wd;
        return t;
    }
    int w0 = tx_weekday(t.y, t.m, t.d);
    int back = (w0 - wd + 7) % 7, fwd = (wd - w0 + 7) % 7;
    if (rel == 'l')
        tx_add_days(&t, -(back ? back : 7));
    else if (rel == 'n')
        tx_add_days(&t, fwd ? fwd : 7);
    else if (rel == 't')
        tx_add_days(&t, tense < 0 ? -back : fwd);
    else if (wd != w0)
        tx_add_days(&t, tense > 0 ? fwd : -back);
    return t;
}

/* The month a reference value starts in (0 for a year): seasons and quarters by their
 * first month. */
static int ref_month(const tdate *r)
{
    if (r->g == G_SEASON)
        return r->q * 3 == 12 ? 12 : r->q * 3; /* SP 3, SU 6, FA 9, WI 12 */
    if (r->g == G_QUARTER)
        return (r->q - 1) * 3 + 1;
    if (r->g == G_HALF)
        return (r->q - 1) * 6 + 1;
    return r->g >= G_MONTH ? r->m : 0;
}

/* The year of a month m (1-12) written without one, from the last written date rather
 * than the dct (TempEval anchors such dates to the last mentioned date), TX_UNK when the
 * dct decides:
 *  - a date that opens the same sentence frames it: "In 1944, the Allies landed on June
 *    6", "By 1990, prices had doubled in March";
 *  - in a narrative document (c->narrative) any written date before it does: "The war
 *    began in 1939. On Sept. 1, ..."; a month before the reference's own month follows
 *    it in the next year ("the winter of 1812 ... In January" is 1813).
 * Future clauses and values computed from the dct ("last year") keep the dct. */
static int narrative_year(const tctx *c, int m, int tense)
{
    size_t i = c->cur_i;
    if (!c->has_ref || c->ref.y == TX_UNK || c->ref.g < G_YEAR || c->ref_rel || tense > 0)
        return TX_UNK;
    if (!c->narrative)
        return c->ref_front && c->cur_sent == c->ref_sent ? c->ref.y : TX_UNK;
    int rm = ref_month(&c->ref);
    const char *pv = i > 0 ? LEFT(c, i, i - 1) : "";
    if (m && rm && m < rm && !streq(pv, "since") && !streq(pv, "before") && !streq(pv, "until"))
        return c->ref.y + 1;
    return c->ref.y;
}

/* Month (and day, 0 if none) of an unknown year: rel 'l' last, 'n' next, 't' this. */
static tdate res_month(const tctx *c, int m, int d, int rel, int tense)
{
    tdate t;
    memset(&t, 0, sizeof t);
    t.g = d ? G_DAY : G_MONTH;
    t.m = m;
    t.d = d;
    int ny = rel ? TX_UNK : narrative_year(c, m, tense);
    if (ny != TX_UNK) {
        t.y = ny;
        if (d > tx_mdays(t.y, m))
            t.d = tx_mdays(t.y, m);
        return t;
    }
    if (!c->has_dct) {
        t.y = TX_UNK;
        return t;
    }
    int y = c->dct.y;
    if (rel == 'l')
        t.y = m < c->dct.m ? y : y - 1;
    else if (rel == 'n')
        t.y = m > c->dct.m ? y : y + 1;
    else if (rel == 't')
        t.y = y;
    else if (d)
        t.y = pick_year(c, m * 31 + d, c->dct.m * 31 + c->dct.d, 12 * 31, tense);
    else
        t.y = pick_year(c, m, c->dct.m, 12, tense);
    if (d > tx_mdays(t.y, m))
        t.d = tx_mdays(t.y, m);
    return t;
}

/* The season (1 SP .. 4 WI) and its year that contain a day. */
static void season_of(int y, int m, int *sy, int *s)
{
    *sy = y;
    if (m >= 3 && m <= 5)
        *s = 1;
    else if (m >= 6 && m <= 8)
        *s = 2;
    else if (m >= 9 && m <= 11)
        *s = 3;
    else {
        *s = 4;
        if (m <= 2)
            *sy = y - 1;
    }
}

/* A season of an unknown year. */
static tdate res_season(const tctx *c, int s, int rel, int tense)
{
    tdate t;
    memset(&t, 0, sizeof t);
    t.g = G_SEASON;
    t.q = s;
    int ny = rel ? TX_UNK : narrative_year(c, s * 3, tense);
    if (ny != TX_UNK) {
        t.y = ny;
        return t;
    }
    if (!c->has_dct) {
        t.y = TX_UNK;
        return t;
    }
    int cy, cs;
    season_of(c->dct.y, c->dct.m, &cy, &cs);
    int cur = cy * 4 + cs;
    /* candidates: the season s in cy-1, cy, cy+1 */
    int before = (s < cs ? cy : cy - 1) * 4 + s; /* strictly before the current */
    int after = (s > cs ? cy : cy + 1) * 4 + s;  /* strictly after */
    int idx;
    if (rel == 'l')
        idx = before;
    else if (rel == 'n')
        idx = after;
    else if (s == cs)
        idx = cur;
    else if (rel == 't')
        idx = tense < 0 ? before : (cy * 4 + s);
    else if (tense < 0)
        idx = before;
    else if (tense > 0)
        idx = after;
    else
        idx = (after - cur) < (cur - before) ? after : before;
    t.y = (idx - s) / 4;
    return t;
}

/* A quarter of an unknown year. */
static tdate res_quarter(const tctx *c, int q)
{
    tdate t = at_dct(c, G_QUARTER);
    if (c->has_dct && q > t.q)
        t.y -= 1; /* quarters are reported once over: the last one with that number */
    t.q = q;
    return t;
}

/* Shift a value by n units of `u`, keeping its granularity when finer than the unit. */
static void shift_units(tdate *t, tunit u, double n)
{
    if (t->y == TX_UNK)
        return;
    long k = (long)n;
    switch (u) {
    case U_YEAR:
    case U_DECADE:
    case U_CENTURY: {
        long years = u == U_YEAR ? k : u == U_DECADE ? 10 * k : 100 * k;
        if (t->g == G_QUARTER || t->g == G_HALF || t->g == G_SEASON)
            t->y += (int)years;
        else if (t->g == G_MONTH || t->g == G_DAY) {
            t->y += (int)years;
            if (t->g == G_DAY && t->d > tx_mdays(t->y, t->m))
                t->d = tx_mdays(t->y, t->m);
        } else
            t->y += (int)years;
        break;
    }
    case U_QUARTER:
        if (t->g == G_QUARTER) {
            tx_shift(t, (int)k);
        } else {
            tgran g = t->g;
            t->g = G_MONTH;
            tx_shift(t, (int)(3 * k));
            t->g = g;
        }
        break;
    case U_MONTH: {
        tgran g = t->g;
        t->g = G_MONTH;
        if (!t->m)
            t->m = 1;
        tx_shift(t, (int)k);
        t->g = g;
        break;
    }
    case U_FORTNIGHT:
        tx_add_days(t, 14 * k);
        break;
    case U_WEEK:
    case U_WEEKEND:
        tx_add_days(t, 7 * k);
        break;
    case U_DAY:
    case U_NIGHT:
        tx_add_days(t, k);
        break;
    default:
        break;
    }
}

/* The granularity that a unit names. */
static tgran unit_gran(tunit u)
{
    switch (u) {
    case U_YEAR: return G_YEAR;
    case U_DECADE: return G_DECADE;
    case U_CENTURY: return G_CENTURY;
    case U_QUARTER: return G_QUARTER;
    case U_MONTH: return G_MONTH;
    case U_WEEK:
    case U_FORTNIGHT: return G_WEEK;
    case U_WEEKEND: return G_WEEKEND;
    case U_DAY:
    case U_NIGHT: return G_DAY;
    default: return G_NONE;
    }
}

/* Fill a candidate with a calendar value. */
static void set_date(tcand *m, size_t b, size_t e, int type, const tdate *t)
{
    m->b = b;
    m->e = e;
    m->type = type;
    m->d = *t;
    m->dated = t->g != G_NONE;
    tx_format(t, m->value, sizeof m->value);
}

/* Fill a candidate with a literal value. */
static void set_lit(tcand *m, size_t b, size_t e, int type, const char *v)
{
    m->b = b;
    m->e = e;
    m->type = type;
    m->dated = 0;
    snprintf(m->value, sizeof m->value, "%s", v);
}

/* ------------------------------------------------------------ dates */

/* A day of the month at k (digits 1-31 or an ordinal); 0 if none. */
static int p_daynum(const tctx *c, size_t k)
{
    const char *w = L(c, k);
    if ((F(c, k) & TW_NUM) && strlen(w) <= 2) {
        int d = atoi(w);
        return d >= 1 && d <= 31 ? d : 0;
    }
    int o = XI(c, k)->ordinal;
    return o >= 1 && o <= 31 ? o : 0;
}

/* A month word at k (capitalized; "May"/"March" need the context of a date). */
static int p_monthword(const tctx *c, size_t k)
{
    int m = XI(c, k)->month;
    if (!m || !(F(c, k) & TW_CAP))
        return 0;
    const char *w = c->w[k].low;
    size_t n = strlen(w);
    int abbr_nodot = !c->w[k].x.month_full && w[n - 1] != '.';
    if (abbr_nodot && !p_daynum(c, k + 1))
        return 0;
    if (m == 5 || m == 3) {
        /* modal "may" / verb "march": need a day, a year or a temporal preposition */
        static const char *const P[] = {"in", "since", "until", "till", "by", "of", "early", "late", "mid",
                                        "last", "next", "this", "from", "through", "during", "and", "or",
                                        "to", "before", "after", "between", "that", "each", "every", "on",
                                        "previous", "following", "preceding", NULL};
        const char *nx = L(c, k + 1);
        int ctx = p_daynum(c, k + 1) || ((F(c, k + 1) & TW_NUM) && strlen(nx) == 4);
        /* "on 14 May": a day number before the month (day-month order; not "07-May", a
         * score mangled by a spreadsheet) */
        if (!ctx && k > 0 && !(c->w[k].flags & (TW_BREAK | TW_HY)) && (c->w[k - 1].flags & TW_NUM) &&
            p_daynum(c, k - 1))
            ctx = 1;
        if (!ctx && k > 0 && !(c->w[k].flags & TW_BREAK)) {
            const char *pv = c->w[k - 1].low;
            for (size_t i = 0; P[i]; i++)
                if (streq(pv, P[i]))
                    ctx = 1;
            /* "the May elections": a month before a noun (not "the March on Rome") */
            if (streq(pv, "the") && (F(c, k + 1) & TW_ALPHA) && !(F(c, k + 1) & TW_CAP) &&
                !(XI(c, k + 1)->cls & TC_PREP))
                ctx = 1;
        }
        if (!ctx)
            return 0;
    }
    return m;
}

/* A year at k: four digits (1000-2099 with guards), '98, spelled (nineteen ninety-six).
 * Returns the end index (0 if none). */
static size_t p_year(const tctx *c, size_t k, int *y, int loose)
{
    const char *w = L(c, k);
    size_t n = strlen(w);
    if ((F(c, k) & TW_NUM) && n == 4 && w[0] != '0') {
        int v = atoi(w);
        if (v < 1000 || v > 2099)
            return 0;
        if (v < 1900 && !loose)
            return 0;
        /* not an amount: $1990, 2000 people, 1990 percent; not a name: Model 1980 */
        if (k > 0 && !(c->w[k].flags & TW_BREAK)) {
            const tword *p = &c->w[k - 1];
            const char *pv = p->low;
            if (streq(pv, "$") || streq(pv, "#") || streq(pv, "no.") || (p->flags & TW_NUM))
                return 0;
            if ((p->flags & TW_CAP) && !(p->flags & TW_ALLCAP) && !loose && !(p->flags & TW_BREAK) &&
                !p->x.month && !p->x.season && !p->x.weekday && k >= 2 &&
                !(c->w[k - 2].flags & TW_PUNCT) && !(p->flags & TW_BREAK))
                return 0;
        }
        static const char *const NOT_AFTER[] = {"%", "percent", "people", "points", "shares", "tons", "miles",
                                                "feet", "meters", "metres", "kilometers", "kilometres", "yards",
                                                "pounds", "dollars", "cars", "units", "troops", "soldiers",
                                                "workers", "jobs", "members", "votes", "acres", "square", "km",
                                                "cents", "barrels", "hours", "minutes", "employees", "copies",
                                                "residents", "students", "times", "deaths", "cases", "homes",
                                                "persons", "men", "women", "children", "years", "days", NULL};
        if (ISANY(c, k + 1, NOT_AFTER))
            return 0;
        *y = v;
        return k + 1;
    }
    if (n == 3 && w[0] == '\'' && w[1] >= '0' && w[1] <= '9' && w[2] >= '0' && w[2] <= '9' &&
        !((F(c, k + 1) & TW_CAP) && !(F(c, k + 1) & TW_ALLCAP))) {
        int v = (w[1] - '0') * 10 + (w[2] - '0');
        int cy = c->has_dct ? c->dct.y : 1900;
        int base = (cy / 100) * 100;
        *y = base + v > cy + 10 ? base - 100 + v : base + v;
        return k + 1;
    }
    /* nineteen ninety-six, nineteen eighty, nineteen oh five, two thousand (and) one */
    int hi = XI(c, k)->cardinal;
    if (hi >= 11 && hi <= 20 && !(hi == 20 && !IS(c, k + 1, "twenty") && !IS(c, k + 1, "ten"))) {
        const char *a = L(c, k + 1);
        int lo = XI(c, k + 1)->cardinal;
        if (lo >= 20 && lo % 10 == 0) {
            int u = XI(c, k + 2)->cardinal;
            if (u >= 1 && u <= 9) {
                *y = hi * 100 + lo + u;
                return k + 3;
            }
            *y = hi * 100 + lo;
            return k + 2;
        }
        if (lo >= 10 && lo <= 19) {
            *y = hi * 100 + lo;
            return k + 2;
        }
        if (streq(a, "oh") && XI(c, k + 2)->cardinal >= 1 && XI(c, k + 2)->cardinal <= 9) {
            *y = hi * 100 + XI(c, k + 2)->cardinal;
            return k + 3;
        }
        if (streq(a, "hundred") && hi >= 15) {
            *y = hi * 100;
            return k + 2;
        }
        return 0;
    }
    if (hi == 2 && IS(c, k + 1, "thousand") && loose) {
        size_t j = k + 2;
        if (IS(c, j, "and"))
            j++;
        int u = XI(c, j)->cardinal;
        if (u >= 1 && u <= 99) {
            *y = 2000 + u;
            return j + 1;
        }
        *y = 2000;
        return k + 2;
    }
    return 0;
}

/* A year on its own as a date: also "fiscal 1989", "the year 2000". */
static size_t p_yeardate(const tctx *c, size_t k, int *y)
{
    size_t j = k;
    int loose = 0;
    if (IS(c, j, "fiscal") || (IS(c, j, "the") && IS(c, j + 1, "year"))) {
        j += IS(c, j, "fiscal") ? 1 : 2;
        loose = 1;
    } else if (IS(c, j, "fy") && (F(c, j) & TW_ALLCAP)) {
        j++;
        loose = 1;
    }
    /* p_year needs digits, an apostrophe ('98) or a number word */
    if (!(F(c, j) & TW_NUM) && L(c, j)[0] != '\'' && XI(c, j)->cardinal < 0)
        return 0;
    if (!loose && k > 0) {
        /* years before 1900 need a preposition */
        const char *pv = LEFT(c, k, k - 1);
        static const char *const P[] = {"in", "since", "until", "by", "of", "from", "to", "before", "after",
                                        "during", "circa", "c.", "between", "and", "year", "early", "late",
                                        "mid", "through", "till", "around", NULL};
        for (size_t i = 0; P[i]; i++)
            if (streq(pv, P[i]))
                loose = 1;
    }
    size_t e = p_year(c, j, y, loose);
    return e;
}

/* A decade: 1990s, '90s, the nineties, the 90s.  Returns the end (0 if none). */
static size_t p_decade(const tctx *c, size_t k, int *dec)
{
    static const char *const TENS_S[] = {"twenties", "thirties", "forties", "fifties", "sixties", "seventies",
                                         "eighties", "nineties", NULL};
    const char *w = L(c, k);
    size_t n = strlen(w);
    if (n == 5 && w[4] == 's' && w[0] >= '1' && w[0] <= '2' && w[3] == '0') {
        int v = atoi(w);
        if (v >= 1000 && v <= 2090) {
            *dec = v;
            return k + 1;
        }
    }
    int cy = c->has_dct ? c->dct.y : 2000;
    int base = (cy / 100) * 100;
    if (n == 4 && w[0] == '\'' && w[2] == '0' && w[3] == 's') {
        int v = (w[1] - '0') * 10;
        *dec = base + v > cy ? base - 100 + v : base + v;
        return k + 1;
    }
    if (n == 3 && w[1] == '0' && w[2] == 's' && w[0] >= '1' && w[0] <= '9' && k > 0 &&
        streq(LEFT(c, k, k - 1), "the")) {
        int v = (w[0] - '0') * 10;
        *dec = base + v > cy ? base - 100 + v : base + v;
        return k + 1;
    }
    for (int i = 0; TENS_S[i]; i++)
        if (streq(w, TENS_S[i]) && k > 0 && streq(LEFT(c, k, k - 1), "the")) {
            int v = (i + 2) * 10;
            if (k >= 2 && tx_cardinal(LEFT(c, k, k - 2)) >= 11 && tx_cardinal(LEFT(c, k, k - 2)) <= 20)
                return 0;
            *dec = base + v > cy ? base - 100 + v : base + v;
            return k + 1;
        }
    return 0;
}

/* A holiday at k: its month/day (or rule) for a year; returns the end (0 if none). */
static size_t p_holiday(const tctx *c, size_t k, int *hid)
{
    static const struct {
        const char *a, *b, *cc;
        int id;
    } H[] = {{"christmas", "eve", NULL, 2}, {"christmas", "day", NULL, 1}, {"christmas", NULL, NULL, 1},
             {"new", "year", "'s", 3}, {"thanksgiving", "day", NULL, 4}, {"thanksgiving", NULL, NULL, 4},
             {"easter", "sunday", NULL, 5}, {"easter", NULL, NULL, 5}, {"halloween", NULL, NULL, 6},
             {"valentine", "'s", NULL, 7}, {"independence", "day", NULL, 8}, {"labor", "day", NULL, 9},
             {"memorial", "day", NULL, 10}, {"election", "day", NULL, 11}};
    for (size_t i = 0; i < sizeof H / sizeof H[0]; i++) {
        if (!IS(c, k, H[i].a))
            continue;
        size_t j = k + 1;
        if (H[i].b) {
            if (!IS(c, j, H[i].b))
                continue;
            j++;
        }
        if (H[i].cc) {
            if (!IS(c, j, H[i].cc))
                continue;
            j++;
        }
        if (!(F(c, k) & TW_CAP) && H[i].id != 11)
            continue;
        if (H[i].id == 3) { /* New Year's (Day|Eve) */
            if (IS(c, j, "eve"))
                *hid = 12, j++;
            else {
                *hid = 3;
                if (IS(c, j, "day"))
                    j++;
            }
            return j;
        }
        if (H[i].id == 7 && IS(c, j, "day"))
            j++;
        else if (H[i].id == 7)
            continue;
        *hid = H[i].id;
        return j;
    }
    return 0;
}

/* The day of a holiday in year y. */
static void holiday_day(int id, int y, int *m, int *d)
{
    switch (id) {
    case 1: *m = 12, *d = 25; break;
    case 2: *m = 12, *d = 24; break;
    case 3: *m = 1, *d = 1; break;
    case 12: *m = 12, *d = 31; break;
    case 6: *m = 10, *d = 31; break;
    case 7: *m = 2, *d = 14; break;
    case 8: *m = 7, *d = 4; break;
    case 4: /* fourth Thursday of November */
        *m = 11, *d = 1 + (4 - tx_weekday(y, 11, 1) + 7) % 7 + 21;
        break;
    case 9: /* first Monday of September */
        *m = 9, *d = 1 + (1 - tx_weekday(y, 9, 1) + 7) % 7;
        break;
    case 10: /* last Monday of May */
        *m = 5, *d = 31 - (tx_weekday(y, 5, 31) - 1);
        break;
    case 11: /* Tuesday after the first Monday of November */
        *m = 11, *d = 1 + (1 - tx_weekday(y, 11, 1) + 7) % 7 + 1;
        break;
    case 5: { /* Easter Sunday (anonymous Gregorian algorithm) */
        int a = y % 19, b = y / 100, cc = y % 100, dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - dd - g + 15) % 30, i = cc / 4, kk = cc % 4, l = (32 + 2 * e + 2 * i - h - kk) % 7;
        int mm = (a + 11 * h + 22 * l) / 451;
        *m = (h + l - 7 * mm + 114) / 31;
        *d = (h + l - 7 * mm + 114) % 31 + 1;
        break;
    }
    default: *m = 1, *d = 1; break;
    }
}

/* A relative year word: "last year" -> -1 etc. after a month ("June last year").
 * Returns the end (0 if none). */
static size_t p_relyear(const tctx *c, size_t k, int *y)
{
    if (!IS(c, k + 1, "year") || !c->has_dct)
        return 0;
    if (IS(c, k, "last"))
        *y = c->dct.y - 1;
    else if (IS(c, k, "this"))
        *y = c->dct.y;
    else if (IS(c, k, "next"))
        *y = c->dct.y + 1;
    else
        return 0;
    return k + 2;
}

/* The tense-relevant keyword before a weekday/month: last/next/this/coming/past. */
static size_t p_relword(const tctx *c, size_t k, int *rel)
{
    if (IS(c, k, "last") || IS(c, k, "past") || IS(c, k, "previous")) {
        *rel = 'l';
        return k + 1;
    }
    if (IS(c, k, "next") || IS(c, k, "coming")) {
        *rel = 'n';
        return k + 1;
    }
    if (IS(c, k, "this")) {
        if (IS(c, k + 1, "past")) {
            *rel = 'l';
            return k + 2;
        }
        if (IS(c, k + 1, "coming")) {
            *rel = 'n';
            return k + 2;
        }
        *rel = 't';
        return k + 1;
    }
    if (IS(c, k, "the") && (IS(c, k + 1, "previous") || IS(c, k + 1, "preceding"))) {
        *rel = 'p';
        return k + 2;
    }
    if (IS(c, k, "the") && IS(c, k + 1, "following")) {
        *rel = 'f';
        return k + 2;
    }
    *rel = 0;
    return k;
}

/* A specific day: today/yesterday/tomorrow, [weekday,] month day [, year], day month
 * year, ISO dates, numeric dates, [last|next|this] weekday, holidays.  Returns the end. */
/* "today's youth", "today's world": today in its generic sense, the present age, not the
 * dct (PRESENT_REF, r_vague); "today's vote" stays the day. */
static int generic_today(const tctx *c, size_t k)
{
    static const char *const AGE[] = {"world", "youth", "society", "generation", "generations", "children",
                                      "kids", "teenagers", "young", "culture", NULL};
    return IS(c, k, "today") && is_poss(c, k + 1) && ISANY(c, k + 2, AGE);
}

static size_t p_day(const tctx *c, size_t k, tdate *t, int tense_hint)
{
    const char *w = L(c, k);
    if (!*w)
        return 0;
    /* today, yesterday, tomorrow, the day before yesterday */
    if ((streq(w, "today") || streq(w, "yesterday") || streq(w, "tomorrow")) &&
        !((F(c, k) & TW_CAP) && !(F(c, k) & TW_ALLCAP) && k > 0 && !(c->w[k].flags & TW_BREAK) &&
          (c->w[k - 1].flags & TW_CAP) && !(c->w[k - 1].flags & TW_PUNCT))) {
        if (generic_today(c, k))
            return 0;
        *t = at_dct(c, G_DAY);
        tx_add_days(t, w[0] == 'y' ? -1 : w[1] == 'o' && w[2] == 'm' ? 1 : 0);
        return k + 1;
    }
    if (IS(c, k, "the") && IS(c, k + 1, "day") && (IS(c, k + 2, "before") || IS(c, k + 2, "after")) &&
        (IS(c, k + 3, "yesterday") || IS(c, k + 3, "tomorrow"))) {
        *t = at_dct(c, G_DAY);
        tx_add_days(t, IS(c, k + 3, "yesterday") ? -2 : 2);
        return k + 4;
    }
    /* ISO 2025-05-31 */
    if ((F(c, k) & TW_NUM) && strlen(w) == 4 && (F(c, k + 1) & TW_HY) && (F(c, k + 1) & TW_NUM) &&
        strlen(L(c, k + 1)) == 2 && (F(c, k + 2) & TW_HY) && (F(c, k + 2) & TW_NUM) && strlen(L(c, k + 2)) == 2) {
        int y = atoi(w), m = atoi(L(c, k + 1)), d = atoi(L(c, k + 2));
        if (y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= tx_mdays(y, m)) {
            memset(t, 0, sizeof *t);
            t->g = G_DAY, t->y = y, t->m = m, t->d = d;
            return k + 3;
        }
    }
    /* numeric 5/31/2025 (US order) */
    if ((F(c, k) & TW_NUM) && strchr(w, '/')) {
        int a, b, y;
        char tail;
        if (sscanf(w, "%d/%d/%d%c", &a, &b, &y, &tail) == 3 && a >= 1 && a <= 12 && b >= 1 && b <= 31) {
            if (y < 100)
                y += y < 50 ? 2000 : 1900;
            if (y >= 1000 && b <= tx_mdays(y, a)) {
                memset(t, 0, sizeof *t);
                t->g = G_DAY, t->y = y, t->m = a, t->d = b;
                return k + 1;
            }
        }
    }
    /* weekday prefix */
    size_t j = k;
    int rel = 0, wd = 0, pl = 0;
    size_t r = p_relword(c, j, &rel);
    wd = WWD(c, r, &pl);
    if (wd && !pl && (F(c, r) & TW_CAP)) {
        j = r + 1;
        size_t j2 = j;
        if (IS(c, j2, ","))
            j2++;
        int m = p_monthword(c, j2), d = 0;
        size_t de = 0;
        if (m && (d = p_daynum(c, j2 + 1)))
            de = j2 + 2;
        else if ((d = p_daynum(c, j2)) && (m = p_monthword(c, j2 + 1)))
            de = j2 + 2;
        if (de && !rel) {
            /* Friday, Oct. 23[, 1989] */
            size_t e = de;
            int y = 0;
            size_t ye = 0;
            if (IS(c, e, ",") && (ye = p_year(c, e + 1, &y, 1)))
                e = ye;
            else if ((ye = p_year(c, e, &y, 1)))
                e = ye;
            memset(t, 0, sizeof *t);
            t->g = G_DAY, t->m = m, t->d = d;
            if (ye) {
                t->y = y;
            } else if (c->has_dct) {
                /* the year whose date falls on that weekday, nearest the dct */
                tdate best = res_month(c, m, d, 0, tense_hint);
                long bz = 1L << 30;
                for (int yy = c->dct.y - 1; yy <= c->dct.y + 1; yy++) {
                    if (d > tx_mdays(yy, m) || tx_weekday(yy, m, d) != wd)
                        continue;
                    long dist = labs(tx_days(yy, m, d) - tx_days(c->dct.y, c->dct.m, c->dct.d));
                    if (dist < bz) {
                        bz = dist;
                        best.y = yy;
                    }
                }
                t->y = best.y;
            } else {
                t->y = TX_UNK;
            }
            return e;
        }
        if (rel == 'p' || rel == 'f') {
            /* the previous Friday: before the reference day */
            tdate a = at_ref(c, G_DAY);
            if (a.y == TX_UNK) {
                *t = a;
                t->wd = wd;
                return j;
            }
            int w0 = tx_weekday(a.y, a.m, a.d);
            int back = (w0 - wd + 7) % 7, fwd = (wd - w0 + 7) % 7;
            tx_add_days(&a, rel == 'p' ? -(back ? back : 7) : (fwd ? fwd : 7));
            *t = a;
            return j;
        }
        *t = res_weekday(c, wd, rel, tense_hint);
        return j;
    }
    if (rel == 'l' || rel == 'n') {
        /* last Oct. 23: the most recent one before the dct */
        int m2 = p_monthword(c, r), d2;
        if (m2 && (d2 = p_daynum(c, r + 1))) {
            *t = res_month(c, m2, d2, 0, rel == 'l' ? -1 : 1);
            return r + 2;
        }
    }
    if (rel)
        return 0;
    /* month day [, year] | day month [year] */
    int m = p_monthword(c, k), d = 0;
    size_t e = 0;
    if (m && (d = p_daynum(c, k + 1)) && !(IS(c, k + 2, ":"))) {
        e = k + 2;
    } else if ((d = p_daynum(c, k)) && (m = p_monthword(c, k + 1))) {
        e = k + 2;
    } else if (IS(c, k, "the") && (d = p_daynum(c, k + 1)) && XI(c, k + 1)->ordinal > 0 && IS(c, k + 2, "of") &&
               (m = p_monthword(c, k + 3))) {
        e = k + 4;
    }
    if (e) {
        int y = 0;
        size_t ye = 0;
        if (IS(c, e, ",") && (ye = p_year(c, e + 1, &y, 1)))
            e = ye;
        else if ((ye = p_year(c, e, &y, 1)))
            e = ye;
        else if ((ye = p_relyear(c, e, &y)))
            e = ye;
        if (ye) {
            memset(t, 0, sizeof *t);
            t->g = G_DAY, t->y = y, t->m = m, t->d = d > tx_mdays(y, m) ? tx_mdays(y, m) : d;
        } else {
            *t = res_month(c, m, d, 0, tense_hint);
        }
        return e;
    }
    /* holidays */
    int hid = 0;
    size_t he = p_holiday(c, k, &hid);
    if (he) {
        int y = 0;
        size_t ye = p_year(c, he, &y, 1);
        memset(t, 0, sizeof *t);
        t->g = G_DAY;
        if (ye) {
            t->y = y;
            he = ye;
        } else if (c->has_dct) {
            int hm, hd;
            holiday_day(hid, c->dct.y, &hm, &hd);
            tdate x = res_month(c, hm, hd, 0, tense_hint);
            t->y = x.y;
        } else {
            t->y = TX_UNK;
        }
        if (t->y != TX_UNK)
            holiday_day(hid, t->y, &t->m, &t->d);
        else
            holiday_day(hid, 2001, &t->m, &t->d);
        if (t->y == TX_UNK && (hid == 4 || hid == 5 || hid == 9 || hid == 10 || hid == 11))
            t->d = 0;
        return he;
    }
    return 0;
}

/* Keep the longer candidate. */
static void keep(tcand *best, const tcand *m)
{
    if (m->e > best->e)
        *best = *m;
}

/* Keep a date computed from the reference date (the last one mentioned): relative, and
 * never a reference itself. */
static void keep_anaphor(tcand *best, size_t start, size_t end, const tdate *t)
{
    tcand x = {0};
    set_date(&x, start, end, TX_DATE, t);
    x.rel = 1;
    x.anaph = 1;
    keep(best, &x);
}

/* Month-level dates: [last|this|next] Month [year | of year | last year]. */
static void r_month(const tctx *c, size_t i, int tense, tcand *best)
{
    int rel = 0;
    size_t j = p_relword(c, i, &rel);
    int m = p_monthword(c, j);
    if (!m || (rel && p_daynum(c, j + 1)))
        return;
    if (rel == 'p' || rel == 'f') {
        /* the following December, the previous March: after/before the last mentioned
         * date's month */
        if (!c->has_ref || c->ref.y == TX_UNK || c->ref.g < G_YEAR)
            return;
        tdate t;
        memset(&t, 0, sizeof t);
        t.g = G_MONTH, t.m = m, t.y = c->ref.y;
        int rm = ref_month(&c->ref);
        if (!rm)
            t.y += rel == 'f' ? 1 : -1; /* "In 2004 ... the following December": 2005 */
        else if (rel == 'f' && m <= rm)
            t.y++;
        else if (rel == 'p' && m >= rm)
            t.y--;
        keep_anaphor(best, i, j + 1, &t);
        return;
    }
    size_t e = j + 1;
    int y = 0;
    size_t ye = 0;
    if (!rel) {
        if ((ye = p_year(c, e, &y, 1)) || (IS(c, e, ",") && (ye = p_year(c, e + 1, &y, 1))) ||
            (IS(c, e, "of") && (ye = p_year(c, e + 1, &y, 1))) || (ye = p_relyear(c, e, &y)))
            e = ye;
    }
    tdate t;
    if (ye) {
        memset(&t, 0, sizeof t);
        t.g = G_MONTH, t.y = y, t.m = m;
    } else {
        t = res_month(c, m, 0, rel, tense);
    }
    tcand x = {0};
    set_date(&x, i, e, TX_DATE, &t);
    x.rel = !ye;
    keep(best, &x);
}

/* Seasons: [the|last|this|next] season [of year | year]. */
static void r_season(const tctx *c, size_t i, int tense, tcand *best)
{
    int rel = 0;
    size_t j = p_relword(c, i, &rel);
    int the = 0;
    if (!rel && IS(c, j, "the") && IS(c, j + 1, "same"))
        rel = 's', j += 2;
    else if (!rel && IS(c, j, "that"))
        rel = 's', j++;
    else if (!rel && IS(c, j, "the"))
        the = 1, j++;
    int s = XI(c, j)->season;
    if (!s)
        return;
    /* "events that fall within": the verb, unless the clause ends ("That fall, he left") */
    if (rel == 's' && s == 3 && !(F(c, j + 1) & TW_PUNCT) && j + 1 < c->lim)
        return;
    if (rel == 'p' || rel == 'f' || rel == 's') {
        /* that summer, the same winter, the following spring, the previous fall: from
         * the last mentioned date */
        if (!c->has_ref || c->ref.y == TX_UNK || c->ref.g < G_YEAR)
            return;
        tdate t;
        memset(&t, 0, sizeof t);
        t.g = G_SEASON, t.q = s, t.y = c->ref.y;
        int rm = ref_month(&c->ref);
        if (rm) {
            int ry, rs;
            season_of(c->ref.y, rm, &ry, &rs);
            t.y = rel == 's' ? ry : rel == 'f' ? (s > rs ? ry : ry + 1) : (s < rs ? ry : ry - 1);
        } else if (rel != 's') {
            t.y += rel == 'f' ? 1 : -1;
        }
        keep_anaphor(best, i, j + 1, &t);
        return;
    }
    size_t e = j + 1;
    int y = 0;
    size_t ye = 0;
    if (!rel) {
        if ((IS(c, e, "of") && (ye = p_year(c, e + 1, &y, 1))) || (ye = p_year(c, e, &y, 1)))
            e = ye;
    }
    if (!rel && !ye) {
        /* a bare season needs a temporal context: in spring, the fall (not "the fall of Rome") */
        static const char *const P[] = {"in", "during", "since", "until", "by", "over", "through", "early",
                                        "late", "mid", "before", "after", "this", "that", "each", "every",
                                        "into", "throughout", "for", "till", "last", "next", NULL};
        const char *pv = i > 0 ? LEFT(c, i, i - 1) : "";
        int ok = 0;
        for (size_t q = 0; P[q]; q++)
            if (streq(pv, P[q]))
                ok = 1;
        if (the && IS(c, e, "of"))
            ok = 0;
        if (!ok)
            return;
        if (!the && s == 3)
            return; /* "in fall" is rare; "fall" is mostly the verb */
    }
    tdate t;
    if (ye) {
        memset(&t, 0, sizeof t);
        t.g = G_SEASON, t.y = y, t.q = s;
    } else {
        t = res_season(c, s, rel, tense);
    }
    tcand x = {0};
    set_date(&x, i, e, TX_DATE, &t);
    x.rel = !ye;
    keep(best, &x);
}

/* Years, decades and centuries. */
static void r_year(const tctx *c, size_t i, tcand *best)
{
    tcand x = {0};
    int y = 0;
    size_t e = p_yeardate(c, i, &y);
    if (e) {
        tdate t;
        memset(&t, 0, sizeof t);
        t.g = G_YEAR, t.y = y;
        set_date(&x, i, e, TX_DATE, &t);
        keep(best, &x);
    }
    /* decades: [the] 1990s */
    size_t j = i + (IS(c, i, "the") ? 1 : 0);
    int dec = 0;
    if ((e = p_decade(c, j, &dec))) {
        tdate t;
        memset(&t, 0, sizeof t);
        t.g = G_DECADE, t.y = dec;
        set_date(&x, i, e, TX_DATE, &t);
        keep(best, &x);
    }
    /* centuries: the 20th century, this century, the last century */
    if (IS(c, i, "the") || IS(c, i, "this") || IS(c, i, "last") || IS(c, i, "next")) {
        size_t k = i + 1;
        int n = 0;
        tdate t = at_dct(c, G_CENTURY);
        if (IS(c, i, "the") && (n = XI(c, k)->ordinal) >= 1 && n <= 21 && IS(c, k + 1, "century")) {
            t.y = (n - 1) * 100;
            set_date(&x, i, k + 2, TX_DATE, &t);
            keep(best, &x);
        } else if (IS(c, i, "the") && (IS(c, k, "last") || IS(c, k, "previous") || IS(c, k, "next")) &&
                   IS(c, k + 1, "century")) {
            if (t.y != TX_UNK)
                t.y += IS(c, k, "next") ? 100 : -100;
            set_date(&x, i, k + 2, TX_DATE, &t);
            keep(best, &x);
        } else if (!IS(c, i, "the") && IS(c, k, "century")) {
            if (t.y != TX_UNK)
                t.y += IS(c, i, "next") ? 100 : IS(c, i, "last") ? -100 : 0;
            set_date(&x, i, k + 1, TX_DATE, &t);
            keep(best, &x);
        }
    }
}

/* The quarter meant by "the quarter"/"the latest period": the last one mentioned,
 * else the last complete quarter before the dct. */
static tdate latest_quarter(const tctx *c)
{
    if (c->has_lastq)
        return c->lastq;
    tdate t = at_dct(c, G_QUARTER);
    tx_shift(&t, -1);
    return t;
}

/* Whether a quarter or half at word i looks ahead: a future, or a deadline ("by" right
 * before it, or before "the end/start/middle of" there: "by the end of the second quarter"). */
static int period_ahead(const tctx *c, size_t i, int tense)
{
    if (tense != 0)
        return tense > 0;
    if (i >= 4 && IS(c, i - 1, "of") && IS(c, i - 3, "the") &&
        (IS(c, i - 2, "end") || IS(c, i - 2, "start") || IS(c, i - 2, "middle") || IS(c, i - 2, "beginning")))
        i -= 3;
    return i >= 1 && streq(LEFT(c, i, i - 1), "by");
}

/* Whether the sentence being matched speaks of a period's results (earnings, a loss, sales,
 * to report or post them). */
static int results_near(const tctx *c)
{
    static const char *const RESULTS[] = {"report", "reports", "reported", "post", "posts", "posted", "results",
                                          "earnings", "loss", "losses", "profit", "profits", "income", "revenue",
                                          "revenues", "sales", "charge", "dividend", NULL};
    for (size_t k = c->lo; k < c->lim; k++)
        if (ISANY(c, k, RESULTS))
            return 1;
    return 0;
}

/* Quarters and halves written as codes: "Q3 2025", "H1 of 2025", "Q3 results" (the last
 * third quarter, as a report has it; the next one ahead: "plans a launch in Q4"). */
static void r_qcode(const tctx *c, size_t i, int tense, tcand *best)
{
    int q = XI(c, i)->qcode;
    if (!q || (F(c, i + 1) & TW_HY))
        return; /* not "H1-B visas" */
    int half = q > 4, n = half ? q - 4 : q, y;
    size_t e = i + 1, ye;
    tdate t = at_dct(c, half ? G_HALF : G_QUARTER);
    if ((ye = p_year(c, e, &y, 1)) || (IS(c, e, "of") && (ye = p_year(c, e + 1, &y, 1)))) {
        t.y = y;
        e = ye;
    } else if (c->has_dct) {
        int ahead = period_ahead(c, i, tense);
        if (ahead && n < t.q)
            t.y += 1;
        else if (!ahead && n > t.q)
            t.y -= 1; /* reported once over: the last one with that number */
    }
    t.g = half ? G_HALF : G_QUARTER;
    t.q = n;
    tcand x = {0};
    set_date(&x, i, e, TX_DATE, &t);
    x.rel = e == i + 1;
    keep(best, &x);
}

/* Quarters and halves: the third quarter [of 1990], third-quarter, the fiscal first
 * quarter, the year-earlier quarter, the latest period, the first half of 1989. */
static void r_quarter(const tctx *c, size_t i, int tense, tcand *best)
{
    size_t j = i;
    int the = 0, y = 0, has_y = 0, yshift = 0, relw = 0, ord = 0, half = 0, mods = 0;
    if (IS(c, j, "the")) {
        the = 1;
        j++;
    }
    for (int guard = 0; guard < 4; guard++) {
        size_t ye;
        if (IS(c, j, "fiscal")) {
            j++, mods++;
            if (IS(c, j, "year") && (F(c, j) & TW_HY))
                j++;
            continue;
        }
        if ((IS(c, j, "this") || IS(c, j, "last") || IS(c, j, "next")) && IS(c, j + 1, "year") && is_poss(c, j + 2)) {
            has_y = 1;
            y = c->has_dct ? c->dct.y + (IS(c, j, "last") ? -1 : IS(c, j, "next") ? 1 : 0) : TX_UNK;
            j += 3, mods++;
            continue;
        }
        if (IS(c, j, "year") && (IS(c, j + 1, "earlier") || IS(c, j + 1, "ago")) && (F(c, j + 1) & TW_HY)) {
            yshift = -1;
            j += 2, mods++;
            continue;
        }
        if (IS(c, j, "comparable") || IS(c, j, "corresponding") || IS(c, j, "same") || IS(c, j, "final") ||
            IS(c, j, "recent") || IS(c, j, "most")) {
            j++, mods++;
            continue;
        }
        if (IS(c, j, "latest") || IS(c, j, "previous") || IS(c, j, "prior") || IS(c, j, "past") ||
            IS(c, j, "last") || IS(c, j, "next") || IS(c, j, "coming") || IS(c, j, "current") ||
            IS(c, j, "this") || IS(c, j, "preceding")) {
            relw = L(c, j)[0] == 'l' && L(c, j)[1] == 'a' && L(c, j)[2] == 't' ? 'L' /* latest */
                   : IS(c, j, "current") || IS(c, j, "this") ? 'c'
                   : IS(c, j, "next") || IS(c, j, "coming") ? 'n'
                                                             : 'p';
            if (IS(c, j, "last"))
                relw = 'p';
            j++, mods++;
            continue;
        }
        if ((F(c, j) & TW_NUM) && (ye = p_year(c, j, &y, 1))) {
            has_y = 1;
            j = ye, mods++;
            continue;
        }
        break;
    }
    int o = XI(c, j)->ordinal;
    size_t head = j;
    if (o >= 1 && o <= 4 && (IS(c, j + 1, "quarter") || IS(c, j + 1, "quarters") || IS(c, j + 1, "half"))) {
        ord = o;
        head = j + 1;
        if (IS(c, head, "half")) {
            if (o > 2)
                return;
            half = 1;
        }
    } else if (IS(c, j, "quarter")) {
        head = j;
    } else if (IS(c, j, "period") && (has_y || yshift || relw == 'L')) {
        head = j;
    } else {
        return;
    }
    int plural = IS(c, head, "quarters");
    if (plural || (F(c, head + 1) & TW_HY) || (IS(c, head + 1, "of") && !ord))
        return;
    /* "the third-quarter loss": the article belongs to the noun, not to the date */
    if (the && (F(c, head) & TW_HY))
        return;
    int adj = !the && ord && (F(c, head) & TW_HY) && !mods;
    if (!ord && !the && !mods)
        return; /* bare "quarter" */
    if (!ord && !the && mods && !has_y && !yshift && relw == 0)
        return;
    if (!ord && !the && relw == 0 && !has_y && !yshift)
        return;
    size_t e = head + 1;
    /* of 1990 / of this year / of fiscal 1990 / a year ago / last year */
    size_t ye;
    if (IS(c, e, "of") && IS(c, e + 1, "fiscal") && (ye = p_year(c, e + 2, &y, 1)))
        has_y = 1, e = ye;
    else if (IS(c, e, "of") && (ye = p_year(c, e + 1, &y, 1)))
        has_y = 1, e = ye;
    else if (IS(c, e, "of") && IS(c, e + 1, "the") && (ye = p_decade(c, e + 2, &y)) && half) {
        tdate t;
        memset(&t, 0, sizeof t);
        t.g = G_DECADE, t.y = y;
        tcand x = {0};
        set_date(&x, i, ye, TX_DATE, &t);
        keep(best, &x);
        return;
    } else if (IS(c, e, "of") && (ye = p_relyear(c, e + 1, &y)))
        has_y = 1, e = ye;
    else if ((ye = p_relyear(c, e, &y)) && !IS(c, e, "next"))
        has_y = 1, e = ye;
    else if (IS(c, e, "a") && IS(c, e + 1, "year") && (IS(c, e + 2, "ago") || IS(c, e + 2, "earlier")))
        yshift = -1, e += 3;
    tdate t;
    memset(&t, 0, sizeof t);
    t.g = half ? G_HALF : G_QUARTER;
    if (half) {
        t = at_dct(c, G_HALF);
        if (has_y)
            t.y = y;
        else if (c->has_dct && tense < 0 && ord > t.q)
            t.y -= 1;
        else if (yshift && t.y != TX_UNK)
            t.y -= 1;
        t.q = ord;
    } else if (has_y) {
        t.y = y;
        t.q = ord ? ord : (c->has_lastq ? c->lastq.q : 0);
        if (!t.q)
            t.g = G_YEAR; /* the 1988 period */
        if (yshift && t.y != TX_UNK)
            t.y -= 1;
    } else if (yshift) {
        t = latest_quarter(c);
        if (ord)
            t.q = ord;
        if (t.y != TX_UNK)
            t.y -= 1;
    } else if (ord) {
        if (relw == 'p' || relw == 'n') {
            t = at_dct(c, G_QUARTER);
            if (t.y != TX_UNK) {
                if (relw == 'p')
                    t.y = ord < t.q ? t.y : t.y - 1;
                else
                    t.y = ord > t.q ? t.y : t.y + 1;
            }
            t.q = ord;
        } else if (!(F(c, head) & TW_HY) && c->has_dct && period_ahead(c, i, tense) &&
                   !(ord == (at_dct(c, G_QUARTER).q + 2) % 4 + 1 && results_near(c))) {
            /* "will launch in the fourth quarter", "a cut by the end of the second quarter":
             * the next one with that number; not the quarter just ended when its results
             * are the topic (they come out in this one: "expects to report a loss for the
             * third quarter" in October), nor a report's "third-quarter results" */
            t = at_dct(c, G_QUARTER);
            if (ord < t.q)
                t.y += 1;
            t.q = ord;
        } else {
            t = res_quarter(c, ord);
        }
    } else if (relw == 'c') {
        t = at_dct(c, G_QUARTER);
    } else if (relw == 'L') {
        t = at_dct(c, G_QUARTER);
        tx_shift(&t, -1);
    } else if (relw == 'p') {
        t = at_dct(c, G_QUARTER);
        tx_shift(&t, -1);
    } else if (relw == 'n') {
        t = at_dct(c, G_QUARTER);
        tx_shift(&t, 1);
    } else {
        t = latest_quarter(c);
    }
    tcand x = {0};
    set_date(&x, i, e, TX_DATE, &t);
    x.adj = adj;
    x.rel = !has_y;
    x.anaph = yshift != 0 || (!ord && !has_y && relw != 'c' && relw != 'n' && relw != 'p');
    keep(best, &x);
}

/* Relative units: this/last/next/past/coming/current week|month|year|weekend|decade,
 * the past year, that year, the same day, the following day, the next morning. */
static void r_relunit(const tctx *c, size_t i, int tense, tcand *best)
{
    size_t j = i;
    int the = 0;
    if (IS(c, j, "the"))
        the = 1, j++;
    const char *w = L(c, j);
    int n = 0, anaph = 0;
    if (streq(w, "this") || streq(w, "current")) {
        if (the && streq(w, "this"))
            return;
        n = 0;
    } else if (streq(w, "last") || streq(w, "past")) {
        n = -1;
    } else if (streq(w, "previous") || streq(w, "preceding") || streq(w, "prior")) {
        n = -1, anaph = 1;
    } else if (streq(w, "latest") && the) {
        n = -1;
    } else if (streq(w, "next") || streq(w, "coming")) {
        n = 1;
        if (the && streq(w, "next"))
            anaph = tense < 0 || c->narrative; /* "the next day" in a narrative follows the reference */
    } else if (streq(w, "following") || streq(w, "subsequent")) {
        n = 1, anaph = 1;
    } else if (streq(w, "that") || streq(w, "same")) {
        if (streq(w, "same") && !the)
            return;
        if (streq(w, "that") && the)
            return;
        if (!strcmp(w, "that") && IS(c, j + 1, "same"))
            j++; /* that same day */
        n = 0, anaph = 1;
    } else {
        return;
    }
    j++;
    int fiscal = 0;
    if (IS(c, j, "fiscal"))
        fiscal = 1, j++;
    int pl = 0;
    tunit u = WUNIT(c, j, &pl);
    if ((F(c, j) & TW_CAP) && !(F(c, j) & TW_ALLCAP))
        return; /* a capitalized unit: part of a title */
    if (!u && XI(c, j)->daypart && (anaph || n == 1) && the) {
        u = U_DAY; /* the next morning */
    } else if (!u || pl) {
        return;
    }
    if (u == U_SEC || u == U_MIN || u == U_HOUR || u == U_QUARTER || u == U_FORTNIGHT || u == U_NIGHT)
        return;
    if (u == U_DAY && !anaph && !(the && n == 1))
        return; /* "last day", "this day" are not relative dates */
    if (fiscal && u != U_YEAR)
        return;
    if (!strcmp(w, "past") && (u == U_DECADE || u == U_CENTURY)) {
        /* "over the past decade": the ten years up to now, not the previous calendar
         * decade ("the last decade" stays the 1980s in 1998) */
        tcand x = {0};
        set_lit(&x, i, j + 1, TX_DURATION, u == U_DECADE ? "P10Y" : "P100Y");
        keep(best, &x);
        return;
    }
    tgran g = unit_gran(u);
    tdate t;
    if (anaph || (the && n == 1 && u == U_DAY)) {
        t = at_ref(c, g == G_WEEKEND ? G_WEEK : g);
        if (g == G_DECADE || g == G_CENTURY)
            t.g = g;
        if (g == G_WEEKEND)
            t.g = G_WEEKEND;
    } else {
        t = at_dct(c, g);
    }
    if (g == G_WEEKEND && c->has_dct && !anaph) {
        /* the weekend of the dct's week; "last weekend" is the previous week's */
        int wd = tx_weekday(c->dct.y, c->dct.m, c->dct.d);
        if (n == 0 && wd <= 5 && tense < 0)
            n = -1;
    }
    shift_units(&t, u, n);
    if (g == G_DECADE || g == G_CENTURY)
        t.g = g;
    /* "last October ... that same day": a day of that month, which one is not said */
    if (anaph && n == 0 && u == U_DAY && c->has_ref && c->ref.g == G_MONTH && t.y != TX_UNK)
        t.d = 0;
    tcand x = {0};
    set_date(&x, i, j + 1, TX_DATE, &t);
    x.rel = 1;
    x.anaph = anaph;
    keep(best, &x);
}

/* "the weekend", "the week", "the month", "the year" alone; "the full year", "the fiscal
 * year".  A reporting period with its end ("the year ended March 31", "the fiscal year
 * ending June 30") is a duration, as is one after "during"/"throughout"; otherwise the
 * period of the dct ("for the year", "sales for the full year", "earlier in the year"). */
static void r_theunit(const tctx *c, size_t i, int tense, tcand *best)
{
    if (!IS(c, i, "the"))
        return;
    size_t j = i + 1;
    int fy = 0;
    if ((IS(c, j, "full") || IS(c, j, "fiscal")) && IS(c, j + 1, "year"))
        fy = 1, j++;
    int pl = 0;
    tunit u = WUNIT(c, j, &pl);
    const char *pv = i > 0 ? LEFT(c, i, i - 1) : "";
    /* "the end of the decade", "the worst drought of the century": the dct's decade or
     * century, only after "of" ("the decade saw growth" is any decade in a history) */
    int big = (u == U_DECADE || u == U_CENTURY) && streq(pv, "of") && !c->narrative &&
              !(i > 1 && streq(LEFT(c, i, i - 2), "turn")); /* the turn of the century: 2000 */
    if (pl || !(u == U_WEEKEND || u == U_WEEK || u == U_MONTH || u == U_YEAR || big))
        return;
    if (IS(c, j + 1, "of") || IS(c, j + 1, "before") || IS(c, j + 1, "after") || IS(c, j + 1, "that") ||
        IS(c, j + 1, "when") || IS(c, j + 1, "in"))
        return;
    int ended = IS(c, j + 1, "ended") || IS(c, j + 1, "ending");
    tcand x = {0};
    /* "by the end of the year" in a history is the year being told */
    int narr = c->narrative && c->has_ref && !c->ref_rel && u == U_YEAR;
    tdate t = narr ? at_ref(c, G_YEAR) : at_dct(c, unit_gran(u));
    x.anaph = narr;
    if (u == U_WEEKEND) {
        if (c->has_dct) {
            int wd = tx_weekday(c->dct.y, c->dct.m, c->dct.d);
            if (tense <= 0 && wd <= 5)
                tx_add_days(&t, -7);
        }
        set_date(&x, i, j + 1, TX_DATE, &t);
    } else if (ended || streq(pv, "during") || streq(pv, "throughout")) {
        char v[MAXV];
        dur_value(v, sizeof v, 1, 0, u);
        set_lit(&x, i, j + 1, TX_DURATION, v);
    } else if (fy || (u == U_YEAR && (streq(pv, "in") || streq(pv, "this"))) || streq(pv, "of") ||
               streq(pv, "for")) {
        set_date(&x, i, j + 1, TX_DATE, &t);
    } else {
        return;
    }
    x.rel = 1;
    keep(best, &x);
}

/* N units ago / earlier / later / before / after / from now; a year earlier. */
static void r_ago(const tctx *c, size_t i, tcand *best)
{
    double n = 0;
    int vague = 0, pl = 0, adj = 0;
    tunit u = U_NONE;
    size_t j = p_dur(c, i, &n, &vague, &u, &pl, &adj);
    if (!j || adj)
        return;
    if (IS(c, j, "or") && IS(c, j + 1, "so"))
        j += 2;
    const char *w = L(c, j);
    int dir = 0, from_ref = 0;
    size_t e = j + 1;
    if (streq(w, "ago") || streq(w, "back")) {
        dir = -1;
        if (streq(w, "back") && !(IS(c, j + 1, ",") || IS(c, j + 1, ".") || (F(c, j + 1) & TW_PUNCT) || !*L(c, j + 1)))
            return;
    } else if (streq(w, "earlier") && !(F(c, j) & TW_HY)) {
        /* "a year earlier" is a date; "three days later" a duration and a signal */
        dir = -1, from_ref = 1;
        if (!(u == U_YEAR || u == U_MONTH || u == U_QUARTER) || vague)
            return;
    } else if (streq(w, "from") && IS(c, j + 1, "now")) {
        dir = 1, e = j + 2;
    } else {
        return;
    }
    tcand x = {0};
    if (vague) {
        set_lit(&x, i, e, TX_DATE, dir < 0 ? "PAST_REF" : "FUTURE_REF");
        keep(best, &x);
        return;
    }
    tgran g = unit_gran(u);
    if (g == G_NONE) {
        if (u == U_HOUR || u == U_MIN || u == U_SEC) {
            tdate t = from_ref ? at_ref(c, G_DAY) : at_dct(c, G_DAY);
            if (u == U_HOUR && n >= 24)
                tx_add_days(&t, dir * (long)(n / 24));
            set_date(&x, i, e, TX_DATE, &t);
            x.dated = 0;
            keep(best, &x);
        }
        return;
    }
    if (g == G_DECADE || g == G_CENTURY)
        g = G_YEAR;
    if (g == G_WEEKEND)
        g = G_WEEK;
    tdate t;
    if (g == G_YEAR && u == U_YEAR && n == 1 && c->has_lastq && c->cur_sent - c->lastq_sent <= QCTX_SENTS) {
        t = c->lastq; /* "a year ago" in a report on a quarter: that quarter a year before
                         (not "15 years ago" next to it) */
    } else if (g == G_YEAR) {
        t = from_ref ? at_ref(c, G_YEAR) : at_dct(c, G_YEAR);
    } else if (from_ref && c->has_ref && c->ref.g >= g && c->ref.g != G_DECADE && c->ref.g != G_CENTURY) {
        t = c->ref;
        t.tod[0] = '\0';
        t.g = g == G_WEEK ? G_WEEK : c->ref.g;
    } else {
        t = at_dct(c, g);
    }
    shift_units(&t, u, dir * n);
    set_date(&x, i, e, TX_DATE, &t);
    x.rel = 1;
    x.anaph = 1; /* relative to another date: never a reference itself */
    keep(best, &x);
}

/* year-end, year-earlier, year-ago (adjectives and nouns). */
static void r_yearadj(const tctx *c, size_t i, tcand *best)
{
    size_t j = i;
    int the = IS(c, j, "the");
    if (the)
        j++;
    tcand x = {0};
    if (!the && IS(c, j, "year") && (IS(c, j + 1, "end") || (is_poss(c, j + 1) && IS(c, j + 2, "end")))) {
        tdate t = at_dct(c, G_YEAR);
        set_date(&x, i, j + (IS(c, j + 1, "end") ? 2 : 3), TX_DATE, &t);
        x.rel = 1;
        keep(best, &x);
        return;
    }
    if (!IS(c, j, "year") || !(F(c, j + 1) & TW_HY))
        return;
    if (IS(c, j + 1, "end")) {
        tdate t = at_dct(c, G_YEAR);
        set_date(&x, i, j + 2, TX_DATE, &t);
    } else if ((IS(c, j + 1, "earlier") || IS(c, j + 1, "ago")) && !the) {
        tdate t = c->has_lastq && c->cur_sent - c->lastq_sent <= QCTX_SENTS ? c->lastq : at_dct(c, G_YEAR);
        if (t.y != TX_UNK)
            t.y -= 1;
        set_date(&x, i, j + 2, TX_DATE, &t);
        x.anaph = 1;
    } else {
        return;
    }
    x.rel = 1;
    keep(best, &x);
}

/* Anaphoric days: that day, the same day (handled by r_relunit), the day before/after. */
static void r_dayrel(const tctx *c, size_t i, int tense, tcand *best)
{
    if (!(IS(c, i, "the") && IS(c, i + 1, "day") && (IS(c, i + 2, "before") || IS(c, i + 2, "after"))))
        return;
    int dir = IS(c, i + 2, "before") ? -1 : 1;
    tdate t;
    size_t e;
    if (*L(c, i + 3) && !(F(c, i + 3) & TW_PUNCT)) {
        /* the day before last Tuesday, the day after Christmas: one date */
        if (!(e = p_day(c, i + 3, &t, tense)) || t.g != G_DAY || t.y == TX_UNK || !t.d)
            return;
        tx_add_days(&t, dir);
        tcand x = {0};
        set_date(&x, i, e, TX_DATE, &t);
        x.rel = 1;
        keep(best, &x);
        return;
    }
    t = at_ref(c, G_DAY);
    tx_add_days(&t, dir);
    keep_anaphor(best, i, i + 3, &t);
}

/* the week of March 6, the weekend of Oct. 3 */
static void r_weekof(const tctx *c, size_t i, int tense, tcand *best)
{
    if (!IS(c, i, "the") || !(IS(c, i + 1, "week") || IS(c, i + 1, "weekend")) || !IS(c, i + 2, "of"))
        return;
    tdate t;
    size_t e = p_day(c, i + 3, &t, tense);
    if (!e || t.g != G_DAY || t.y == TX_UNK)
        return;
    t.g = IS(c, i + 1, "week") ? G_WEEK : G_WEEKEND;
    tcand x = {0};
    set_date(&x, i, e, TX_DATE, &t);
    keep(best, &x);
}

/* ------------------------------------------------------------ times */

static const char *const TZ[] = {"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst",
                                 "cet", "cest", "eet", "eest", "msk", "ist", "jst", "et", "pt", "ct", "aest",
                                 "hkt", "sgt", "wib", "z", NULL};

/* A clock time at k: 8 p.m., 8:30 a.m., 20:00 GMT, 8pm, noon, midnight, 4 in the morning,
 * 8 o'clock.  Writes "Thh:mm" (or T12:00 for noon) to tod; returns the end. */
static size_t p_clock(const tctx *c, size_t k, char *tod, size_t cap)
{
    const char *w = L(c, k);
    if (!*w)
        return 0;
    if ((streq(w, "noon") || streq(w, "midday") || streq(w, "midnight")) &&
        (((F(c, k) & TW_CAP) && !(F(c, k) & TW_ALLCAP) && k > 0 && !(c->w[k].flags & TW_BREAK) &&
          !(c->w[k - 1].flags & TW_PUNCT)) ||
         (k > 0 && streq(LEFT(c, k, k - 1), "high"))))
        return 0;
    if (streq(w, "noon") || streq(w, "midday")) {
        snprintf(tod, cap, "T12:00");
        return k + 1;
    }
    if (streq(w, "midnight")) {
        snprintf(tod, cap, "T24:00");
        return k + 1;
    }
    int h = -1, mi = 0, explicit_min = 0;
    size_t j = k + 1;
    char suffix[8] = "";
    if (F(c, k) & TW_NUM) {
        const char *colon = strchr(w, ':');
        if (colon) {
            if (strlen(colon + 1) != 2 || colon - w > 2)
                return 0;
            h = atoi(w);
            mi = atoi(colon + 1);
            explicit_min = 1;
        } else if (strlen(w) <= 2) {
            h = atoi(w);
        } else {
            return 0;
        }
    } else {
        /* 8pm, 8.30pm, 10am */
        size_t n = strlen(w);
        if (n >= 3 && n <= 7 && w[0] >= '0' && w[0] <= '9' &&
            (streq(w + n - 2, "am") || streq(w + n - 2, "pm"))) {
            h = atoi(w);
            const char *sep = strpbrk(w, ":.");
            if (sep && sep < w + n - 2)
                mi = atoi(sep + 1), explicit_min = 1;
            snprintf(suffix, sizeof suffix, "%s", w + n - 2);
        } else {
            int cw = XI(c, k)->cardinal;
            if (cw >= 1 && cw <= 12 && (IS(c, k + 1, "o'clock") || (IS(c, k + 1, "in") && IS(c, k + 2, "the"))))
                h = cw;
            else
                return 0;
        }
    }
    if (h < 0 || h > 24 || mi < 0 || mi > 59)
        return 0;
    if (!suffix[0]) {
        const char *a = L(c, j);
        if (streq(a, "a.m.") || streq(a, "a.m") || streq(a, "am") || streq(a, "a.m.,")) {
            snprintf(suffix, sizeof suffix, "am");
            j++;
        } else if (streq(a, "p.m.") || streq(a, "p.m") || streq(a, "pm")) {
            snprintf(suffix, sizeof suffix, "pm");
            j++;
        } else if (streq(a, "o'clock")) {
            j++;
            snprintf(suffix, sizeof suffix, "oc");
        }
    }
    if (suffix[0] == 'a' || suffix[0] == 'p') {
        if (h < 1 || h > 12)
            return 0;
        if (suffix[0] == 'p' && h < 12)
            h += 12;
        if (suffix[0] == 'a' && h == 12)
            h = 0;
    } else if (suffix[0] == 'o') {
        if (h > 12)
            return 0;
    } else if (explicit_min) {
        /* 14:30 needs a time zone or a preposition of time */
        const char *pv = k > 0 ? LEFT(c, k, k - 1) : "";
        if (!ISANY(c, j, TZ) && !streq(pv, "at") && !streq(pv, "around") && !streq(pv, "by") &&
            !streq(pv, "until") && !streq(pv, "about") && !streq(pv, "from") && !streq(pv, "before") &&
            !streq(pv, "after") && !streq(pv, "till"))
            return 0;
    } else if (!(IS(c, j, "in") && IS(c, j + 1, "the"))) {
        return 0;
    }
    /* 4 in the morning, 8 o'clock at night */
    if ((IS(c, j, "in") && IS(c, j + 1, "the") && XI(c, j + 2)->daypart && XI(c, j + 2)->daypart != 4) ||
        (IS(c, j, "at") && IS(c, j + 1, "night"))) {
        int part = IS(c, j, "at") ? 4 : XI(c, j + 2)->daypart;
        if (!suffix[0] || suffix[0] == 'o') {
            if ((part == 2 || part == 3 || part == 4) && h < 12 && !(part == 4 && h <= 4))
                h += 12;
            if (part == 1 && h == 12)
                h = 0;
        }
        j += IS(c, j, "at") ? 2 : 3;
    } else if (!suffix[0] && !explicit_min) {
        return 0;
    }
    snprintf(tod, cap, "T%02d:%02d", h, mi);
    return j;
}

static const char *const DAYPART_CODE[] = {"", "TMO", "TAF", "TEV", "TNI"};

/* Times: clock [tz] [,] [day], day + part of day, this morning, tonight, last night. */
/* day_e, *day: p_day(c, i, day, tense), which core() computes once for both rules. */
static void r_time(const tctx *c, size_t i, int tense, size_t day_e, const tdate *day, tcand *best)
{
    tcand x = {0};
    char tod[12];
    size_t e = p_clock(c, i, tod, sizeof tod);
    if (e) {
        if (ISANY(c, e, TZ) && (F(c, e) & TW_ALLCAP))
            e++;
        tdate t;
        size_t k = e, de = 0;
        if (IS(c, k, ",") || IS(c, k, "on"))
            k++;
        if ((de = p_day(c, k, &t, tense)) && t.g == G_DAY) {
            e = de;
        } else {
            t = at_dct(c, G_DAY);
            x.anchor_day = 1;
        }
        snprintf(t.tod, sizeof t.tod, "%s", tod);
        set_date(&x, i, e, TX_TIME, &t);
        x.dated = 0;
        keep(best, &x);
    }
    /* mid-afternoon, mid-morning */
    if (IS(c, i, "mid") && (XI(c, i + 1)->daypart == 1 || XI(c, i + 1)->daypart == 2)) {
        tdate t = at_dct(c, G_DAY);
        size_t k = i + 2, de;
        tdate d2;
        if ((de = p_day(c, k, &d2, tense)) && d2.g == G_DAY)
            t = d2, k = de;
        else
            x.anchor_day = 1;
        snprintf(t.tod, sizeof t.tod, "%s", DAYPART_CODE[XI(c, i + 1)->daypart]);
        set_date(&x, i, k, TX_TIME, &t);
        x.dated = 0;
        keep(best, &x);
        x.anchor_day = 0;
    }
    /* tonight, this morning, last night, tomorrow evening, Friday morning */
    if (IS(c, i, "tonight")) {
        tdate t = at_dct(c, G_DAY);
        snprintf(t.tod, sizeof t.tod, "TNI");
        set_date(&x, i, i + 1, TX_TIME, &t);
        x.dated = 0;
        keep(best, &x);
    }
    if ((IS(c, i, "this") || IS(c, i, "last")) && XI(c, i + 1)->daypart) {
        int part = XI(c, i + 1)->daypart;
        tdate t = at_dct(c, G_DAY);
        if (IS(c, i, "last")) {
            if (part != 4 && part != 3)
                return;
            tx_add_days(&t, -1);
        }
        snprintf(t.tod, sizeof t.tod, "%s", DAYPART_CODE[part]);
        set_date(&x, i, i + 2, TX_TIME, &t);
        x.dated = 0;
        keep(best, &x);
    }
    /* Friday morning, yesterday afternoon: news annotation keeps the day (a date) */
    size_t de = day_e;
    if (de && day->g == G_DAY && XI(c, de)->daypart && !IS(c, de + 1, "of")) {
        set_date(&x, i, de + 1, TX_DATE, day);
        keep(best, &x);
    }
}

/* ------------------------------------------------------------ durations and sets */

/* Durations: [the] [first|past|last|next|coming] N units, N-unit compounds, a
 * three-year period; not ages (five years old). */
static void r_duration(const tctx *c, size_t i, tcand *best)
{
    size_t j = i;
    int the = 0, rel = 0;
    if (IS(c, j, "the") || IS(c, j, "these") || IS(c, j, "those")) {
        the = 1;
        j++;
    }
    static const char *const REL[] = {"first", "past", "last", "next", "previous", "coming", "following",
                                      "final", "latest", "initial", "remaining", "same", "prior", "preceding",
                                      "ensuing", "succeeding", NULL};
    if (ISANY(c, j, REL) && !(F(c, j + 1) & TW_HY)) {
        rel = 1;
        j++;
    }
    if (the && IS(c, j, "year") && (IS(c, j + 1, "earlier") || IS(c, j + 1, "ago")) && (F(c, j + 1) & TW_HY)) {
        rel = 1;
        j += 2;
    }
    if ((IS(c, j, "few") || IS(c, j, "several") || IS(c, j, "many")) && !the && rel)
        return;
    double n = 0;
    int vague = 0, pl = 0, adj = 0;
    tunit u = U_NONE;
    size_t e = 0;
    if (the || rel) {
        /* the few days / the past few years: "few" without "a" */
        e = p_dur(c, j, &n, &vague, &u, &pl, &adj);
        if (!e && (the || rel)) {
            /* the coming years, the past weeks: plural unit alone */
            u = WUNIT(c, j, &pl);
            if (u && pl && (rel || the) && u != U_QUARTER) {
                if (!rel) {
                    /* the weeks ahead, the years to come, the months since, the years that
                     * followed: a stretch of unstated length from or up to now (TimeBank
                     * "the weeks ahead" PXW).  "the days before the vote" is left alone: it
                     * is a time anchored to an event, whose date we do not have. */
                    size_t k = j + 1, ke = 0;
                    if (IS(c, k, "ahead"))
                        ke = k + 1;
                    else if (IS(c, k, "to") && IS(c, k + 1, "come"))
                        ke = k + 2;
                    else if (IS(c, k, "since") || ((IS(c, k, "that") || IS(c, k, "which")) &&
                                                   (IS(c, k + 1, "followed") || IS(c, k + 1, "follow"))))
                        ke = j + 1; /* what follows is a clause or a start of its own */
                    if (!ke || u == U_SEC || u == U_MIN || u == U_NIGHT || u == U_WEEKEND)
                        return;
                    char v[MAXV];
                    dur_value(v, sizeof v, 0, 1, u);
                    tcand x = {0};
                    set_lit(&x, i, ke, TX_DURATION, v);
                    keep(best, &x);
                    return;
                }
                e = j + 1;
                vague = 1;
                if (!the) {
                    /* past years, coming months: vague references, not durations */
                    int fut = IS(c, j - 1, "coming") || IS(c, j - 1, "next") || IS(c, j - 1, "following");
                    tcand x = {0};
                    set_lit(&x, i, e, TX_DATE, fut ? "FUTURE_REF" : "PAST_REF");
                    keep(best, &x);
                    return;
                }
            } else {
                return;
            }
        }
    } else {
        e = p_dur(c, j, &n, &vague, &u, &pl, &adj);
        if (!e) {
            u = WUNIT(c, j, &pl);
            if (!u || !pl || ((F(c, j) & TW_CAP) && !(F(c, j) & TW_ALLCAP)))
                return;
            e = j + 1;
            vague = 1;
        }
    }
    if (u == U_QUARTER && !the && !rel && !vague && n == 1)
        return;
    /* ages and ranges */
    if (IS(c, e, "old") || (IS(c, e, "-") && IS(c, e + 1, "old")) || ((F(c, e) & TW_HY) && IS(c, e, "old")) ||
        ((F(c, e) & TW_HY) && IS(c, e, "olds")))
        return;
    if (adj && (the || rel)) {
        if (!(IS(c, e, "period") || IS(c, e, "span") || IS(c, e, "stretch")))
            return;
    }
    if (IS(c, e, "or") && IS(c, e + 1, "so"))
        e += 2;
    /* a year ago/earlier: a date (r_ago) */
    if (IS(c, e, "ago"))
        return;
    /* "24 hours a day", "three days every month": one SET over the larger unit (TimeML
     * guidelines, "three days every month" value P1M), not a duration and a set */
    if (!the && !rel && !vague && (IS(c, e, "a") || IS(c, e, "an") || IS(c, e, "per") || IS(c, e, "every") || IS(c, e, "each"))) {
        int pl2 = 0;
        tunit u2 = WUNIT(c, e + 1, &pl2);
        if (u2 && !pl2 && u2 > u && u2 != U_WEEKEND && u2 != U_FORTNIGHT &&
            !(F(c, e) & TW_BREAK) && !(F(c, e + 1) & TW_BREAK) && !IS(c, e + 2, "ago") &&
            !IS(c, e + 2, "earlier") && !IS(c, e + 2, "later") && !IS(c, e + 2, "before") && !IS(c, e + 2, "after")) {
            char v[MAXV];
            dur_value(v, sizeof v, 1, 0, u2);
            tcand x = {0};
            set_lit(&x, i, e + 2, TX_SET, v);
            keep(best, &x);
            return;
        }
    }
    /* "a year" after an amount is a rate (SET): $5 million a year */
    if ((IS(c, j, "a") || IS(c, j, "an") || IS(c, j, "per")) && !the && !rel && j > 0) {
        const char *pv = LEFT(c, j, j - 1);
        static const char *const RATE_PREV[] = {"million", "billion", "thousand", "hundred", "times", "twice",
                                                "once", "percent", "%", "dollars", "cents", "trillion", NULL};
        int ratey = 0;
        for (size_t q = 0; RATE_PREV[q]; q++)
            if (streq(pv, RATE_PREV[q]))
                ratey = 1;
        if ((c->w[j - 1].flags & TW_NUM) && !(c->w[j].flags & TW_BREAK))
            ratey = 1;
        size_t pn = strlen(pv);
        static const char *const NOT_PL[] = {"is", "was", "has", "as", "this", "its", "his", "does", "thus", "us",
                                             "less", "unless", "across", "plus", "yes", "whereas", "perhaps",
                                             "always", "sometimes", "afterwards", "towards", "news", "lots", NULL};
        int notpl = 0;
        for (size_t q = 0; NOT_PL[q]; q++)
            if (streq(pv, NOT_PL[q]))
                notpl = 1;
        if (pn > 3 && pv[pn - 1] == 's' && pv[pn - 2] != 's' && !notpl && (c->w[j - 1].flags & TW_ALPHA) &&
            !(c->w[j - 1].flags & TW_CAP))
            ratey = 1;
        if (ratey && !pl && n == 1 && e == j + 2) {
            /* a rate: $5 million a year */
            char v[MAXV];
            dur_value(v, sizeof v, 1, 0, u);
            tcand x = {0};
            set_lit(&x, j, e, TX_SET, v);
            keep(best, &x);
            return;
        }
    }
    /* bare plural units (years, weeks) only after a preposition of duration */
    if (vague && !the && !rel && e == j + 1) {
        const char *pv = j > 0 ? LEFT(c, j, j - 1) : "";
        if (!streq(pv, "for") && !streq(pv, "within") && !streq(pv, "over") && !streq(pv, "in"))
            return;
        if (u == U_SEC || u == U_MIN || u == U_NIGHT || u == U_QUARTER)
            return;
    }
    if (u == U_WEEKEND && !vague && n == 1 && !pl)
        return;
    /* "a N-unit period" */
    size_t b = i;
    if (adj && (IS(c, e, "period") || IS(c, e, "span") || IS(c, e, "stretch"))) {
        e++;
        if (!the && i > 0 && (IS(c, i - 1, "a") || IS(c, i - 1, "an")) && !(c->w[i].flags & TW_BREAK))
            b = i - 1;
    }
    /* "the past year", "the next week": a date, not a duration (r_relunit) */
    if ((the || rel) && !pl && n == 1 && IS(c, j, "a") == 0 && XI(c, j)->cardinal < 0 && !(F(c, j) & TW_NUM))
        return;
    char v[MAXV];
    /* the past few months: vague quantity */
    if (IS(c, j, "few") || IS(c, j, "several"))
        vague = 1;
    dur_value(v, sizeof v, n, vague, u);
    tcand x = {0};
    set_lit(&x, b, e, TX_DURATION, v);
    x.adj = adj && !the && !rel;
    keep(best, &x);
}

/* Sets: daily, weekly, every week, each year, each Thursday, every July, Mondays. */
static void r_set(const tctx *c, size_t i, tcand *best)
{
    static const struct {
        const char *w, *v;
    } ADV[] = {{"daily", "P1D"}, {"weekly", "P1W"}, {"monthly", "P1M"}, {"yearly", "P1Y"}, {"annually", "P1Y"},
               {"annual", NULL}, {"quarterly", "P3M"}, {"hourly", "PT1H"}, {"nightly", "P1D"},
               {"biweekly", "P2W"}, {"semiannually", "P6M"}, {"biannually", "P6M"}, {"weeknights", "P1D"}};
    tcand x = {0};
    for (size_t k = 0; k < sizeof ADV / sizeof ADV[0]; k++)
        if (IS(c, i, ADV[k].w) && ADV[k].v) {
            /* "quarterly dividend": an adjective of reports, not a set of times */
            if (streq(ADV[k].w, "quarterly") && (F(c, i + 1) & TW_ALPHA))
                return;
            set_lit(&x, i, i + 1, TX_SET, ADV[k].v);
            keep(best, &x);
            return;
        }
    if (!(IS(c, i, "every") || IS(c, i, "each")))
        return;
    size_t j = i + 1;
    double n = 1;
    int vague = 0, pl = 0;
    if (IS(c, j, "other")) {
        n = 2;
        j++;
    } else {
        size_t used = p_card(c, j, &n, &vague, 0);
        if (used && !vague)
            j += used;
        else
            n = 1;
    }
    tunit u = WUNIT(c, j, &pl);
    if (u && u != U_WEEKEND) {
        char v[MAXV];
        dur_value(v, sizeof v, n, 0, u);
        set_lit(&x, i, j + 1, TX_SET, v);
        keep(best, &x);
        return;
    }
    int wd = WWD(c, j, &pl);
    if (wd) {
        char v[MAXV];
        snprintf(v, sizeof v, "XXXX-WXX-%d", wd);
        size_t e = j + 1;
        if (XI(c, e)->daypart) {
            snprintf(v + strlen(v), sizeof v - strlen(v), "%s", DAYPART_CODE[XI(c, e)->daypart]);
            e++;
        }
        set_lit(&x, i, e, TX_SET, v);
        keep(best, &x);
        return;
    }
    int m = XI(c, j)->month_full;
    if (m && (F(c, j) & TW_CAP)) {
        char v[MAXV];
        snprintf(v, sizeof v, "XXXX-%02d", m);
        set_lit(&x, i, j + 1, TX_SET, v);
        keep(best, &x);
        return;
    }
    int s = XI(c, j)->season;
    if (s) {
        static const char *const SC[] = {"", "SP", "SU", "FA", "WI"};
        char v[MAXV];
        snprintf(v, sizeof v, "XXXX-%s", SC[s]);
        set_lit(&x, i, j + 1, TX_SET, v);
        keep(best, &x);
        return;
    }
    int part = XI(c, j)->daypart;
    if (part) {
        char v[MAXV];
        snprintf(v, sizeof v, "XXXX-XX-XX%s", DAYPART_CODE[part]);
        set_lit(&x, i, j + 1, TX_SET, v);
        keep(best, &x);
    }
}

/* day-long, decades-long: a duration as an adjective. */
static void r_long(const tctx *c, size_t i, tcand *best)
{
    int pl = 0;
    tunit u = WUNIT(c, i, &pl);
    if (!u || !IS(c, i + 1, "long") || !(F(c, i + 1) & TW_HY) || (F(c, i) & TW_HY))
        return;
    char v[MAXV];
    dur_value(v, sizeof v, 1, pl, u);
    tcand x = {0};
    set_lit(&x, i, i + 2, TX_DURATION, v);
    keep(best, &x);
}

/* Plural weekdays as sets: on Mondays. */
static void r_weekdays(const tctx *c, size_t i, tcand *best)
{
    int pl = 0;
    int wd = WWD(c, i, &pl);
    if (!wd || !(F(c, i) & TW_CAP))
        return;
    static const char *const PARTS[] = {"mornings", "afternoons", "evenings", "nights", NULL};
    char v[MAXV];
    snprintf(v, sizeof v, "XXXX-WXX-%d", wd);
    tcand x = {0};
    if (!pl && ISANY(c, i + 1, PARTS)) {
        static const char *const CODE[] = {"TMO", "TAF", "TEV", "TNI"};
        for (int q = 0; PARTS[q]; q++)
            if (IS(c, i + 1, PARTS[q]))
                snprintf(v + strlen(v), sizeof v - strlen(v), "%s", CODE[q]);
        set_lit(&x, i, i + 2, TX_SET, v);
        keep(best, &x);
        return;
    }
    if (!pl)
        return;
    set_lit(&x, i, i + 1, TX_SET, v);
    keep(best, &x);
}

/* ------------------------------------------------------------ vague references */

static void r_vague(const tctx *c, size_t i, tcand *best)
{
    static const struct {
        const char *w[4];
        const char *v;
    } V[] = {{{"now"}, "PRESENT_REF"}, {{"currently"}, "PRESENT_REF"}, {{"nowadays"}, "PRESENT_REF"},
             {{"these", "days"}, "PRESENT_REF"}, {{"the", "present"}, "PRESENT_REF"},
             {{"at", "present"}, "PRESENT_REF"}, {{"recently"}, "PAST_REF"}, {{"lately"}, "PAST_REF"},
             {{"the", "past"}, "PAST_REF"}, {{"the", "future"}, "FUTURE_REF"},
             {{"the", "near", "future"}, "FUTURE_REF"}, {{"the", "distant", "future"}, "FUTURE_REF"},
             {{"the", "near", "term"}, "FUTURE_REF"}, {{"the", "short", "term"}, "FUTURE_REF"},
             {{"the", "long", "term"}, "FUTURE_REF"}, {{"soon"}, "FUTURE_REF"},
             {{"a", "later", "date"}, "FUTURE_REF"}, {{"as", "soon", "as", "possible"}, "FUTURE_REF"}};
    /* every first word of V is a START word (timex_lex.c): other words skip the list; the
     * tests try it at every word and fail if that would match */
    int gate = (XI(c, i)->cls & TC_START) != 0;
    for (size_t k = 0; (gate || c->every_start) && k < sizeof V / sizeof V[0]; k++) {
        size_t e = i;
        int ok = 1;
        for (int q = 0; q < 4 && V[k].w[q]; q++, e++)
            if (!IS(c, e, V[k].w[q])) {
                ok = 0;
                break;
            }
        if (!ok)
            continue;
        if (!gate) {
            *c->differs = 1;
            continue;
        }
        const char *w = V[k].w[0];
        const char *pv = i > 0 ? LEFT(c, i, i - 1) : "";
        /* "soon after", "as soon as", "now-defunct", "from now" (r_ago), "the long-term" */
        if (streq(w, "soon") && (IS(c, e, "after") || IS(c, e, "as") || streq(pv, "as")))
            continue;
        /* "he was soon released", "it soon became": soon after a past event, not the
         * future of the dct: a past verb right after it, or "was"/"were" right before
         * ("they may soon seek", "if not resolved soon", "to be applied soon" stay) */
        if (streq(w, "soon") &&
            ((XI(c, e)->cls & TC_PAST) ||
             (i > 0 && !(c->w[i].flags & TW_BREAK) &&
              (streq(c->w[i - 1].low, "was") || streq(c->w[i - 1].low, "were")))))
            continue;
        if (F(c, e) & TW_HY)
            continue;
        if (e > i + 1 && (F(c, e - 1) & TW_HY))
            continue;
        if (streq(w, "now") && streq(pv, "from"))
            continue;
        /* "Now, ..." opening a sentence is a discourse marker, not a time */
        if (streq(w, "now") && (i == 0 || (c->w[i].flags & TW_BREAK) || (c->w[i - 1].flags & TW_PUNCT)) &&
            IS(c, i + 1, ","))
            continue;
        /* "Now" capitalized after a capitalized word: part of a title */
        if (streq(w, "now") && (F(c, i) & TW_CAP) && !(F(c, i) & TW_ALLCAP) && i > 0 &&
            !(c->w[i].flags & TW_BREAK) && (c->w[i - 1].flags & TW_CAP))
            continue;
        if (streq(w, "the") && streq(V[k].w[1], "past")) {
            double n;
            int vg, pl = 0;
            if (p_card(c, e, &n, &vg, 0) || WUNIT(c, e, &pl) || IS(c, e, "few") || IS(c, e, "several") ||
                XI(c, e)->season || WWD(c, e, NULL) || (F(c, e) & TW_HY))
                continue;
        }
        tcand x = {0};
        set_lit(&x, i, e, TX_DATE, V[k].v);
        keep(best, &x);
    }
    if (generic_today(c, i)) {
        tcand x = {0};
        set_lit(&x, i, i + 1, TX_DATE, "PRESENT_REF");
        keep(best, &x);
    }
    /* "current" as an adjective of time: current prices */
    if (IS(c, i, "current") && (F(c, i + 1) & TW_ALPHA) &&
        !(F(c, i + 1) & TW_CAP) && !(F(c, i + 1) & TW_HY) && !IS(c, i + 1, "account") && !IS(c, i + 1, "accounts")) {
        tcand x = {0};
        set_lit(&x, i, i + 1, TX_DATE, IS(c, i, "current") ? "PRESENT_REF" : IS(c, i, "recent") ? "PAST_REF"
                                                                                                : "FUTURE_REF");
        keep(best, &x);
    }
    /* recent weeks, recent years: a vague stretch up to now */
    if (IS(c, i, "recent")) {
        int pl = 0;
        tunit u = WUNIT(c, i + 1, &pl);
        if (u && pl) {
            char v[MAXV];
            dur_value(v, sizeof v, 0, 1, u == U_QUARTER ? U_MONTH : u);
            tcand x = {0};
            set_lit(&x, i, i + 2, TX_DURATION, v);
            keep(best, &x);
        }
    }
}

/* ------------------------------------------------------------ matching */

/* ------------------------------------------------------------ event days */

/* The kind of event (EVC_*) named by the few words at k: a noun phrase or short clause
 * after "before"/"after" ("the shooting", "his death", "the country's election", "he was
 * killed"), not past punctuation or a preposition ("the end of the war"); 0 if none. */
static int event_after(const tctx *c, size_t k)
{
    for (size_t j = k; j < k + 4 && j < c->lim; j++) {
        int ev = XI(c, j)->evclass;
        if (ev)
            return ev;
        if (((F(c, j) & TW_PUNCT) && !is_poss(c, j)) || (XI(c, j)->cls & (TC_PREP | TC_DET)) == TC_PREP)
            return 0;
    }
    return 0;
}

/* The day of event kind ev if the text gave one before (NULL if not, or only its month). */
static const tdate *event_day(const tctx *c, int ev)
{
    return ev > 0 && ev < EVC_N && c->has_evd[ev] && c->evd[ev].g == G_DAY ? &c->evd[ev] : NULL;
}

/* Next to an event the text dated earlier: "the day after his death", "the day before the
 * election" (that day and one), "in the days before the shooting", "the weeks after the
 * vote" (the month that holds most of those days, a week or three weeks of them: TIMEX3
 * has no value for such a stretch, the month is the date it lies in).  A lone "the day
 * after" or an event with no day known stays untagged: its anchor is unknown. */
static void r_eventday(const tctx *c, size_t i, tcand *best)
{
    if (!IS(c, i, "the"))
        return;
    size_t j = i + 1;
    if (IS(c, j, "few") || IS(c, j, "final") || IS(c, j, "last") || IS(c, j, "first"))
        j++;
    int pl = 0;
    tunit u = WUNIT(c, j, &pl);
    if (!((u == U_DAY && (!pl || j == i + 1 || IS(c, i + 1, "few"))) || (u == U_WEEK && pl)))
        return;
    int after = IS(c, j + 1, "after");
    if (!after && !IS(c, j + 1, "before"))
        return;
    int ev = event_after(c, j + 2);
    if (!ev || !c->has_evd[ev])
        return;
    tdate t = c->evd[ev];
    tcand x = {0};
    if (!pl) {
        if (j != i + 1 || t.g != G_DAY)
            return; /* the first day after: a duration's start, not tagged */
        tx_add_days(&t, after ? 1 : -1);
        set_date(&x, i, j + 1, TX_DATE, &t);
    } else if (t.g != G_DAY) {
        set_date(&x, i, j + 1, TX_DATE, &t); /* the weeks before the shooting last fall: that fall */
    } else {
        int span = u == U_DAY ? 7 : 21; /* the days (weeks) before: those of a week (three) */
        tdate mid = t;
        tx_add_days(&mid, after ? span / 2 + 1 : -(span / 2 + 1));
        mid.g = G_MONTH;
        mid.d = 0;
        set_date(&x, i, j + 1, TX_DATE, &mid);
    }
    x.anaph = 1;
    keep(best, &x);
}

/* Every rule at word i; the longest match wins (the first on a tie). */
static void core(const tctx *c, size_t i, int tense, tcand *best)
{
    tdate t;
    size_t e = p_day(c, i, &t, tense); /* no side effects: computed before r_time, which uses it too */
    r_time(c, i, tense, e, &t, best);
    if (e) {
        tcand x = {0};
        int hid;
        if (IS(c, e, "week") && t.g == G_DAY && p_holiday(c, i, &hid) == e)
            t.g = G_WEEK, e++; /* Easter week, Christmas week: the week of the holiday */
        set_date(&x, i, e, TX_DATE, &t);
        x.rel = 1;
        keep(best, &x);
    }
    r_month(c, i, tense, best);
    r_season(c, i, tense, best);
    r_year(c, i, best);
    r_quarter(c, i, tense, best);
    r_qcode(c, i, tense, best);
    r_relunit(c, i, tense, best);
    r_theunit(c, i, tense, best);
    r_ago(c, i, best);
    r_yearadj(c, i, best);
    r_dayrel(c, i, tense, best);
    r_weekof(c, i, tense, best);
    r_duration(c, i, best);
    r_set(c, i, best);
    r_weekdays(c, i, best);
    r_long(c, i, best);
    r_vague(c, i, best);
    r_eventday(c, i, best);
}

/* A word that starts a number or a clock time. */
static int numberish(const tctx *c, size_t k)
{
    double v;
    int vg;
    return p_card(c, k, &v, &vg, 1) > 0 || (F(c, k) & TW_NUM) || IS(c, k, "noon") || IS(c, k, "midnight") || IS(c, k, "half");
}

/* A cheap test that word i may start a time expression (may_start_word, computed
 * with the word stream): a generic word (the, a, that ...) only when right after it
 * comes a word that some rule takes there (a number, a START, EXTRA or time word, or
 * a TC_FOLLOW word: the end of, at least, a full year) and an anchor word lies ahead
 * before the boundary (anchor_word: no expression begun by such a word goes without
 * one). */
static int may_start(const tctx *c, size_t i)
{
    const tword *w = &c->w[i];
    if (!(w->x.cls & TC_MAYSTART))
        return 0;
    if (!(w->x.cls & TC_GENERIC))
        return 1;
    if (i + 1 >= c->lim || (!c->every_start && !((c->w[i + 1].flags & TW_NUM) ||
                                                 (c->w[i + 1].x.cls & (TC_MAYSTART | TC_EXTRA | TC_FOLLOW)))))
        return 0;
    for (size_t k = i + 1; k < c->lim; k++)
        if (c->w[k].x.cls & TC_ANCHOR)
            return 1;
    return 0;
}

/* A word that can be a past participle after "had": a past form, "been", or an -ed,
 * -en, -wn, -ne, -de, -un, -ght ending (called, taken, shown, gone, made, begun,
 * thought); not a number ("had seven"). */
static int participle(const tword *w)
{
    const char *l = w->low;
    size_t n = strlen(l);
    if ((w->x.cls & (TC_PAST | TC_BEEN)) && !streq(l, "be"))
        return 1;
    if (n < 4 || !(w->flags & TW_ALPHA) || w->x.cardinal >= 0)
        return 0;
    static const char *const END[] = {"ed", "en", "wn", "ne", "de", "un", "ght", NULL};
    for (size_t q = 0; END[q]; q++) {
        size_t m = strlen(END[q]);
        if (streq(l + n - m, END[q]))
            return 1;
    }
    return 0;
}

/* A past perfect (had + participle: "had not called", "had already doubled") within a few
 * words of word i in its sentence: the time lies before a past moment, so "until
 * Thursday" or "by December" there do not look ahead ("Until Thursday, they had not
 * called him a suspect"). */
static int pluperfect_near(const tctx *c, size_t i)
{
    size_t lo = i > 8 ? i - 8 : 0;
    for (size_t k = lo; k < i + 8 && k + 1 < c->lim; k++) {
        if (k > lo && (c->w[k].flags & TW_BREAK)) {
            if (k > i)
                break;
            lo = k;
        }
        if (!streq(c->w[k].low, "had"))
            continue;
        size_t j = k + 1;
        while (j < c->lim && j < k + 3 && (c->w[j].x.cls & TC_ADVERB))
            j++;
        if (j < c->lim && participle(&c->w[j]))
            return 1;
    }
    return 0;
}

/* The longest time expression starting at word i, with its prefixes (early, the end
 * of, about, more than). */
static int match_at(const tctx *c, size_t i, tcand *out)
{
    if (!may_start(c, i))
        return 0;
    int tense = tense_of(c, i, i + 1);
    if (i > 0) {
        /* deadlines: "payable Dec. 7", "by February" are rarely in the past; "until
         * Tuesday", "as early as Friday" look ahead; not in the past perfect ("By
         * December, prices had doubled"), looked for only when such a word is there */
        static const char *const DEADLINE[] = {"by", "through", NULL};
        static const char *const AHEAD[] = {"effective", "payable", "expire", "expires", "until", "till", NULL};
        const char *pv = LEFT(c, i, i - 1);
        int deadline = 0, ahead = 0;
        for (size_t q = 0; DEADLINE[q]; q++)
            if (streq(pv, DEADLINE[q]))
                deadline = 1;
        for (size_t q = 0; AHEAD[q]; q++)
            if (streq(pv, AHEAD[q]))
                ahead = 1;
        int as_early = i > 2 && streq(pv, "as") && streq(LEFT(c, i, i - 3), "as") &&
                       (streq(LEFT(c, i, i - 2), "early") || streq(LEFT(c, i, i - 2), "soon"));
        if ((deadline || ahead || as_early) && tense < 0 && pluperfect_near(c, i))
            deadline = ahead = as_early = 0;
        if (deadline && tense < 0)
            tense = 0;
        if ((ahead && tense > -2) || as_early)
            tense = 2;
        else if (ahead)
            tense = 1; /* "gave him until mid-November": ahead, weakly */
        if (streq(pv, "since"))
            tense = -2; /* "since March": always before */
    }
    tcand best = {0};
    core(c, i, tense, &best);
    /* every prefix below begins with a START word (timex_lex.c): other words skip them
     * (the tests try them at every word and fail if one would apply there) */
    int startw = (XI(c, i)->cls & TC_START) != 0;
    /* position prefixes: early, late, mid, earlier, later, the end/beginning/middle of */
    size_t k = 0;
    int decade_only = 0, inner = 0;
    if (startw || c->every_start) {
        if (IS(c, i, "early") || IS(c, i, "late") || IS(c, i, "mid") || IS(c, i, "earlier") || IS(c, i, "later") ||
            IS(c, i, "sometime") || ((IS(c, i, "pre") || IS(c, i, "post")) && (F(c, i + 1) & TW_HY)))
            k = i + 1, inner = IS(c, i, "earlier") || IS(c, i, "later");
        else if (IS(c, i, "the") && (IS(c, i + 1, "early") || IS(c, i + 1, "late") || IS(c, i + 1, "mid")))
            k = i + 2, decade_only = 1;
        else if (IS(c, i, "the") &&
                 (IS(c, i + 1, "end") || IS(c, i + 1, "beginning") || IS(c, i + 1, "start") || IS(c, i + 1, "middle") ||
                  IS(c, i + 1, "close") || IS(c, i + 1, "turn")) &&
                 IS(c, i + 2, "of"))
            k = i + 3;
        if (k && !startw)
            *c->differs = 1, k = 0;
    }
    if (k) {
        tcand x = {0};
        int pl = 0;
        tunit u = WUNIT(c, k + 2, &pl);
        if (inner && IS(c, k, "in") && IS(c, k + 1, "the") && !pl &&
            (u == U_WEEK || u == U_MONTH || u == U_YEAR)) {
            tdate t = at_dct(c, unit_gran(u));
            set_date(&x, i, k + 3, TX_DATE, &t);
            x.rel = 1;
            keep(&best, &x);
        } else {
            if (decade_only) {
                int dec;
                size_t e = p_decade(c, k, &dec);
                if (e) {
                    tdate t;
                    memset(&t, 0, sizeof t);
                    t.g = G_DECADE, t.y = dec;
                    set_date(&x, i, e, TX_DATE, &t);
                    keep(&best, &x);
                } else if (XI(c, k)->season && !(IS(c, k + 1, "of") && !p_year(c, k + 2, &dec, 1))) {
                    /* the early summer */
                    tdate t = res_season(c, XI(c, k)->season, 0, tense);
                    size_t e2 = k + 1;
                    int y;
                    size_t ye;
                    if (IS(c, e2, "of") && (ye = p_year(c, e2 + 1, &y, 1)))
                        t.y = y, e2 = ye;
                    set_date(&x, i, e2, TX_DATE, &t);
                    keep(&best, &x);
                }
            } else {
                core(c, k, tense, &x);
                if (x.e && (x.type == TX_DATE || x.type == TX_TIME) && !x.adj && x.value[0] != 'P' &&
                    x.value[0] != 'F') {
                    x.b = i;
                    keep(&best, &x);
                }
            }
        }
    }
    /* the first/second/last half of 1989 */
    if (IS(c, i, "the") && (IS(c, i + 1, "first") || IS(c, i + 1, "second") || IS(c, i + 1, "last") ||
                            IS(c, i + 1, "latter")) &&
        IS(c, i + 2, "half") && IS(c, i + 3, "of")) {
        tcand x = {0};
        core(c, i + 4, tense, &x);
        if (x.e && x.type == TX_DATE && x.dated && x.d.g == G_YEAR) {
            x.d.g = G_HALF;
            x.d.q = IS(c, i + 1, "first") ? 1 : 2;
            set_date(&x, i, x.e, TX_DATE, &x.d);
            keep(&best, &x);
        } else if (x.e && x.type == TX_DATE && x.dated && x.d.g == G_DECADE) {
            x.b = i;
            keep(&best, &x);
        }
    }
    /* approximators: about, nearly, more than, at least, up to */
    static const char *const APPROX1[] = {"around", "approximately", "roughly", "nearly", "some", NULL};
    static const char *const APPROX2[][2] = {{"more", "than"}, {"less", "than"}, {"fewer", "than"},
                                             {"at", "least"}, {"at", "most"}, {"up", "to"}, {"no", "more"},
                                             {"close", "to"}, {"upwards", "of"}, {"nearly", "all"}};
    k = 0;
    if (startw || c->every_start) {
        if (ISANY(c, i, APPROX1))
            k = i + 1;
        for (size_t q = 0; q < sizeof APPROX2 / sizeof APPROX2[0]; q++)
            if (IS(c, i, APPROX2[q][0]) && IS(c, i + 1, APPROX2[q][1]))
                k = i + 2;
        if (k && !startw)
            *c->differs = 1, k = 0;
    }
    if (k && IS(c, k - 1, "more") && IS(c, k, "than"))
        k++; /* no more than */
    if (k && (numberish(c, k) || IS(c, i, "around"))) {
        tcand x = {0};
        core(c, k, tense, &x);
        if (x.e && x.b == k && (x.type == TX_DURATION || x.type == TX_TIME || x.type == TX_DATE) && !x.adj) {
            x.b = i;
            keep(&best, &x);
        }
    }
    if (!best.e)
        return 0;
    /* suffixes: or so, or later, and beyond, or two */
    if (best.type == TX_DATE || best.type == TX_DURATION) {
        size_t e = best.e;
        if (IS(c, e, "or") && (IS(c, e + 1, "so") || IS(c, e + 1, "later") || IS(c, e + 1, "earlier") ||
                               IS(c, e + 1, "more") || IS(c, e + 1, "longer")))
            best.e = e + 2;
        else if (IS(c, e, "and") && IS(c, e + 1, "beyond"))
            best.e = e + 2;
        else if (best.type == TX_DURATION && IS(c, e, "or") && XI(c, e + 1)->cardinal >= 2 &&
                 XI(c, e + 1)->cardinal <= 10 && !WUNIT(c, e + 2, NULL))
            best.e = e + 2;
    }
    *out = best;
    return 1;
}

/* ------------------------------------------------------------ driver */

/* A narrative document (a history, a biography) rather than a report of the news: it
 * names no day or week relative to its publication (a weekday, today, yesterday,
 * tomorrow, tonight, this/last/next week or month) and most of its written years lie
 * more than two years before the dct (all do without one), in at least three sentences
 * (not one list of years in a news item).  Its bare months and seasons then follow the
 * narrative (narrative_year).  One pass over the words, stopping at the first deictic
 * word. */
static int narrative_doc(const tctx *c)
{
    int years = 0, far = 0, far_sents = 0;
    uint32_t last_sent = UINT32_MAX;
    for (size_t k = 0; k < c->nw; k++) {
        const tword *w = &c->w[k];
        const char *l = w->low;
        if (w->x.weekday && !w->x.wd_plural && (w->flags & TW_CAP))
            return 0;
        if (l[0] == 't' && (streq(l, "today") || streq(l, "tomorrow") || streq(l, "tonight")))
            return 0;
        if (l[0] == 'y' && streq(l, "yesterday"))
            return 0;
        if ((w->x.unit == U_WEEK || w->x.unit == U_MONTH) && !w->x.unit_plural && k > 0 &&
            (streq(c->w[k - 1].low, "this") || streq(c->w[k - 1].low, "last") ||
             streq(c->w[k - 1].low, "next")))
            return 0;
        if ((w->flags & TW_NUM) && l[0] && l[1] && l[2] && l[3] && !l[4]) {
            int y = atoi(l);
            if (y >= 1000 && y <= 2099) {
                years++;
                if (!c->has_dct || y < c->dct.y - 2) {
                    far++;
                    if (w->sent != last_sent)
                        far_sents++, last_sent = w->sent;
                }
            }
        }
    }
    return far_sents >= 3 && 2 * far >= years;
}

/* Word b opens its sentence, alone or after a preposition ("In 1944, ...", "By June
 * 1990 ..."), and so frames the whole sentence in its time. */
static int sentence_front(const tctx *c, size_t b)
{
    size_t k = b;
    if (k > 0 && !(c->w[k].flags & TW_BREAK) && (c->w[k - 1].x.cls & TC_PREP))
        k--;
    while (k > 0 && !(c->w[k].flags & TW_BREAK) && (c->w[k - 1].flags & TW_PUNCT))
        k--; /* an opening quote or bracket */
    return k == 0 || (c->w[k].flags & TW_BREAK);
}

/* Verbs of saying: a date right after one is when something was said ("was killed,
 * police said Friday"), not the day of an event before it. */
static const char *const SAID[] = {"said", "says", "say", "told", "announced", "reported", "added", "stated",
                                   "confirmed", NULL};

/* Whether the event word at k names an event rather than a charge or a topic: not "charged
 * with murder", "convicted of murder", "the murder case", "the death penalty". */
static int event_word(const tctx *c, size_t k)
{
    static const char *const CHARGE[] = {"charged", "accused", "convicted", "suspected", "guilty", "acquitted",
                                         "indicted", "trial", "charges", "charge", NULL};
    static const char *const TOPIC[] = {"charge", "charges", "case", "cases", "trial", "trials", "investigation",
                                        "inquiry", "suspect", "suspects", "penalty", "sentence", "row", "threat",
                                        "threats", "toll", "count", "warrant", "law", "laws", "rate", "rates",
                                        "squad", "plot", "plots", NULL};
    if (!XI(c, k)->evclass)
        return 0;
    if (k >= 2 && (IS(c, k - 1, "with") || IS(c, k - 1, "of") || IS(c, k - 1, "for")) && ISANY(c, k - 2, CHARGE))
        return 0;
    return !ISANY(c, k + 1, TOPIC);
}

/* Whether date a (month, season) holds date b (a finer one). */
static int date_holds(const tdate *a, const tdate *b)
{
    if (b->g <= a->g)
        return 0;
    if (a->g == G_MONTH)
        return b->y == a->y && b->m == a->m;
    int sy, se;
    season_of(b->y, b->m, &sy, &se);
    return a->g == G_SEASON && sy == a->y && se == a->q;
}

/* Remember date m for event kind ev: the first date of each kind stays (the story's
 * event), a close one over one further away; a finer date inside it refines it (the day
 * of the month given first). */
static void note_event_kind(tctx *c, const tcand *m, int ev, int close)
{
    tdate *d = &c->evd[ev];
    uint8_t *h = &c->has_evd[ev];
    /* has_evd: 0 none, 1 a date from further away, 2 a close one */
    if (!*h || (close && *h == 1 && !date_holds(&m->d, d)) || date_holds(d, &m->d)) {
        *d = m->d;
        d->tod[0] = '\0';
        *h = (uint8_t)(close || *h == 2 ? 2 : 1);
    }
}

/* Remember the date m gives to an event named next to it: "the October slaying", "Friday's
 * shooting", "the Oct. 23 sniper shooting", "killed on Friday" (close: these go first),
 * "was shot to death last Oct. 23", "killed in his kitchen last fall" (a few words back,
 * not across a verb of saying: "was killed, police said Friday"), "last fall when he was
 * gunned down". */
static void note_event(tctx *c, const tcand *m)
{
    if (m->type != TX_DATE || !m->dated || m->d.y == TX_UNK || m->value[0] == 'P' ||
        (m->d.g != G_DAY && m->d.g != G_MONTH && m->d.g != G_SEASON))
        return;
    /* a noun the date modifies: "the Oct. 23 (sniper) shooting", "Friday's attack" (not the
     * verb after it: "the bombing on May 2 killed nine" dates the bombing) */
    size_t k = m->e;
    if (is_poss(c, k))
        k++;
    for (size_t q = k; q < k + 2 && q < c->lim && !(F(c, q) & TW_PUNCT); q++) {
        if (event_word(c, q) && !(XI(c, q)->cls & TC_PAST)) {
            note_event_kind(c, m, XI(c, q)->evclass, 1);
            break;
        }
        if (XI(c, q)->cls & (TC_PREP | TC_DET))
            break; /* "Thursday in the slaying": the slaying is not of Thursday */
    }
    /* "last fall when he was gunned down", "on Oct. 3, when the bomb exploded" */
    size_t w = k < c->lim && IS(c, k, ",") ? k + 1 : k;
    if (IS(c, w, "when"))
        for (size_t q = w + 1; q < w + 6 && q < c->lim && !(F(c, q) & TW_PUNCT); q++)
            if (event_word(c, q)) {
                note_event_kind(c, m, XI(c, q)->evclass, 0);
                break;
            }
    /* the nearest event word a few words back */
    for (size_t j = m->b, n = 0; j-- > c->lo && n < 8;) {
        if (is_poss(c, j))
            continue; /* "by a sniper's bullet": one word */
        n++;
        if (((F(c, j) & TW_PUNCT) && !IS(c, j, ",")) || ISANY(c, j, SAID))
            break;
        if (event_word(c, j)) {
            int close = m->b - j <= 1 || (m->b - j == 2 && (XI(c, j + 1)->cls & TC_PREP));
            note_event_kind(c, m, XI(c, j)->evclass, close);
            break;
        }
    }
}

/* The day of the event a clock time without a day of its own belongs to: "at 6 a.m. ten
 * days before the shooting" (that day moved by the span; it goes before a day named in
 * the sentence), "was shot to death at 10 p.m." (an event word just before the time; a
 * day named in the sentence goes first). */
static void event_anchor(const tctx *c, tcand *m)
{
    for (size_t k = m->e; k < m->e + 5 && k < c->lim; k++) {
        if ((F(c, k) & TW_PUNCT) && !is_poss(c, k))
            break;
        double n = 0;
        int vague = 0, pl = 0, adj = 0;
        tunit u = U_NONE;
        size_t j = p_dur(c, k, &n, &vague, &u, &pl, &adj);
        if (!j)
            continue;
        int after = IS(c, j, "after");
        const tdate *d = NULL;
        if (!vague && !adj && (u == U_DAY || u == U_WEEK) && n >= 1 && n <= 400 && n == (double)(int)n &&
            (after || IS(c, j, "before")))
            d = event_day(c, event_after(c, j + 1));
        if (d) {
            m->evd = *d;
            tx_add_days(&m->evd, (after ? 1 : -1) * (int)n * (u == U_WEEK ? 7 : 1));
            m->has_evd = m->ev_first = 1;
        }
        return;
    }
    for (size_t j = m->b; j-- > c->lo && m->b - j <= 5;) {
        if ((F(c, j) & TW_PUNCT) && !is_poss(c, j))
            return;
        int ev = XI(c, j)->evclass;
        if (ev) {
            const tdate *d = event_day(c, ev);
            if (d) {
                m->evd = *d;
                m->has_evd = 1;
            }
            return;
        }
    }
}

/* ng_timex_extract, with every_start for ng_timex_extract_every_start. */
static int extract(ng_doc_result *r, const char *text, size_t len, const ng_tokens *tk, const char *dct,
                   int every_start)
{
    tctx c;
    memset(&c, 0, sizeof c);
    c.text = text;
    c.every_start = every_start;
    int differs = 0;
    c.differs = &differs;
    if (dct && strlen(dct) >= 10) {
        char d10[11];
        memcpy(d10, dct, 10);
        d10[10] = '\0';
        if (tx_parse(d10, &c.dct) && c.dct.g == G_DAY)
            c.has_dct = 1;
    }
    if (!text || !len)
        return 0;
    int rc = tokenize(text, len, tk, &c.w, &c.nw, every_start ? &differs : NULL);
    if (rc)
        return ng_error_set(rc, "timex: out of memory");
    NG_VEC(tcand) found = {0};
    c.cue = malloc(c.nw * CUE_SLOTS + 1);
    if (!c.cue) {
        rc = ng_error_set(NG_ENOMEM, "timex: out of memory");
        goto done;
    }
    memset(c.cue, CUE_UNSET, c.nw * CUE_SLOTS + 1);
    c.narrative = narrative_doc(&c);
    const tword *W = c.w;
    for (size_t i = 0; i < c.nw;) {
        /* skip the words where no match can start (may_start) nor a second day (digits) */
        while (i < c.nw && ((W[i].flags & TW_PUNCT) || !((W[i].x.cls & TC_MAYSTART) || (W[i].flags & TW_NUM))))
            i++;
        if (i >= c.nw)
            break;
        if (i >= c.lim || i == 0) {
            /* the next hard boundary and the last one (recomputed once per sentence: the
             * words back to the last one were skipped once, after the previous boundary) */
            c.lim = i + 1;
            while (c.lim < c.nw && !(c.w[c.lim].flags & TW_BREAK))
                c.lim++;
            c.lo = i;
            while (c.lo > 0 && !(c.w[c.lo].flags & TW_BREAK))
                c.lo--;
        }
        c.cur_sent = c.w[i].sent;
        c.cur_i = i;
        tcand m;
        if (!match_at(&c, i, &m)) {
            /* "April 24 and 25", "Jan. 24-26": the second day of the month just named */
            const tcand *pm = found.n ? &found.v[found.n - 1] : NULL;
            int d = (c.w[i].flags & TW_NUM) && strlen(c.w[i].low) <= 2 ? atoi(c.w[i].low) : 0;
            const char *pv = i > 0 ? c.w[i - 1].low : "";
            if (pm && d >= 1 && pm->type == TX_DATE && pm->d.g == G_DAY && pm->d.m && d > pm->d.d &&
                d <= tx_mdays(pm->d.y == TX_UNK ? 2001 : pm->d.y, pm->d.m) &&
                ((pm->e == i && (c.w[i].flags & TW_HY)) ||
                 (pm->e + 1 == i && (streq(pv, "and") || streq(pv, "or") || streq(pv, "to") ||
                                     streq(pv, "through")))) &&
                (i + 1 >= c.lim || (c.w[i + 1].flags & TW_PUNCT) || (c.w[i + 1].x.cls & TC_PREP))) {
                m = *pm;
                m.b = i;
                m.e = i + 1;
                m.d.d = d;
                tx_format(&m.d, m.value, sizeof m.value);
            } else {
                i++;
                continue;
            }
        }
        if (m.type == TX_DATE && m.dated && !m.anaph && m.d.y != TX_UNK && m.d.g >= G_YEAR) {
            /* a value computed by rule is relative to the dct, unless its year is that of
             * the written reference before it (or the next): it continues the narrative */
            int rel = m.rel && (!c.has_ref || c.ref_rel || m.d.y < c.ref.y || m.d.y > c.ref.y + 1);
            c.ref = m.d;
            c.has_ref = 1;
            c.ref_sent = c.w[m.b].sent;
            c.ref_rel = rel;
            c.ref_front = sentence_front(&c, m.b);
            if (m.d.g == G_QUARTER) {
                c.lastq = m.d;
                c.has_lastq = 1;
                c.lastq_sent = c.w[m.b].sent;
            }
        }
        m.hasday = (m.type == TX_DATE || m.type == TX_TIME) && !m.anchor_day && m.d.g == G_DAY &&
                   m.d.y != TX_UNK && m.value[0] != 'P' && m.value[0] != 'F';
        if (c.has_refday) {
            m.has_refd = 1;
            m.refd = c.refday;
        }
        if (m.anchor_day)
            event_anchor(&c, &m);
        note_event(&c, &m);
        if (m.type == TX_DATE && m.dated && !m.anaph && m.d.y != TX_UNK && m.d.g == G_DAY) {
            c.refday = m.d;
            c.refday.tod[0] = '\0';
            c.has_refday = 1;
        }
        if (ng_vec_push(found, m)) {
            rc = ng_error_set(NG_ENOMEM, "timex: out of memory");
            goto done;
        }
        i = m.e > i ? m.e : i + 1;
    }
    /* clock times without a day take the nearest day named in their sentence, else the
     * last day mentioned before them, else the dct */
    for (size_t a = 0; a < found.n; a++) {
        tcand *m = &found.v[a];
        if (!m->anchor_day)
            continue;
        uint32_t s = c.w[m->b].sent;
        size_t bestd = (size_t)-1;
        const tcand *dd = NULL;
        /* candidates are in text order: look both ways while in the same sentence */
        for (size_t b = a; b-- > 0 && c.w[found.v[b].b].sent == s;)
            if (found.v[b].hasday) {
                bestd = m->b - found.v[b].b, dd = &found.v[b];
                break;
            }
        for (size_t b = a + 1; b < found.n && c.w[found.v[b].b].sent == s; b++)
            if (found.v[b].hasday) {
                if (found.v[b].b - m->b < bestd)
                    dd = &found.v[b];
                break;
            }
        if (m->has_evd && (m->ev_first || !dd)) {
            tdate t = m->evd;
            snprintf(t.tod, sizeof t.tod, "%s", m->d.tod);
            tx_format(&t, m->value, sizeof m->value);
        } else if (dd || m->has_refd) {
            tdate t = dd ? dd->d : m->refd;
            snprintf(t.tod, sizeof t.tod, "%s", m->d.tod);
            tx_format(&t, m->value, sizeof m->value);
        }
    }
    for (size_t a = 0; a < found.n; a++) {
        const tcand *m = &found.v[a];
        ng_timex_m x;
        memset(&x, 0, sizeof x);
        x.sent = c.w[m->b].sent;
        x.start = c.w[m->b].start;
        x.end = c.w[m->e - 1].end;
        ng_copy_str(x.type, sizeof x.type, TYPE_NAME[m->type]);
        ng_copy_str(x.value, sizeof x.value, m->value);
        x.text = ng_strndup(text + x.start, x.end - x.start);
        if (!x.text || ng_vec_push(r->timexes, x)) {
            free(x.text);
            rc = ng_error_set(NG_ENOMEM, "timex: out of memory");
            goto done;
        }
    }
    if (differs)
        rc = ng_error_set(NG_EINVAL, "timex: a shortcut differs from the plain scan");
done:
    free(found.v);
    free(c.cue);
    free(c.w);
    return rc;
}

int ng_timex_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, size_t len, const ng_tokens *tk,
                     const char *dct)
{
    (void)lx;
    return extract(r, text, len, tk, dct, 0);
}

int ng_timex_extract_every_start(ng_doc_result *r, const char *text, size_t len, const ng_tokens *tk,
                                 const char *dct)
{
    return extract(r, text, len, tk, dct, 1);
}

ng_precision ng_timex_precision(const char *v)
{
    if (!v || strlen(v) < 4)
        return NG_PREC_NONE;
    for (int i = 0; i < 4; i++)
        if (v[i] < '0' || v[i] > '9')
            return NG_PREC_NONE;
    size_t n = strlen(v);
    if (n == 4)
        return NG_PREC_YEAR;
    if (v[4] != '-')
        return NG_PREC_NONE;
    if (v[5] == 'W')
        return (n == 8 && v[6] != 'X') ? NG_PREC_WEEK : (v[6] == 'X' ? NG_PREC_YEAR : NG_PREC_WEEK);
    if (v[5] == 'Q' || v[5] == 'H' || v[5] == 'S' || v[5] == 'F' || (v[5] == 'W' && v[6] == 'I'))
        return NG_PREC_YEAR;
    if (!(v[5] >= '0' && v[5] <= '9'))
        return NG_PREC_YEAR;
    if (n == 7)
        return NG_PREC_MONTH;
    if (n >= 10 && v[7] == '-') {
        if (v[8] == 'X')
            return NG_PREC_MONTH;
        if (n > 10 && v[10] == 'T')
            return NG_PREC_TIME;
        return NG_PREC_DAY;
    }
    return NG_PREC_MONTH;
}
