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

enum { TX_DATE = 0, TX_TIME, TX_DURATION, TX_SET };
static const char *const TYPE_NAME[] = {"DATE", "TIME", "DURATION", "SET"};

#define MAXV 48

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
} tcand;

/* The state of one extraction. */
typedef struct {
    const char *text;
    tword *w;
    size_t nw;
    size_t lim; /* words at index >= lim lie beyond the current hard boundary */
    int has_dct;
    tdate dct;
    int has_ref;
    tdate ref; /* last mentioned specific date */
    int has_lastq;
    tdate lastq; /* last mentioned quarter */
} tctx;

/* ------------------------------------------------------------ word stream */

static const char *const DOT_ABBR[] = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
                                       "dec", "mr", "mrs", "ms", "dr", "st", "no", "gen", "gov", "sen", "rep",
                                       "lt", "col", "inc", "corp", "co", "ltd", "jr", "sr", "vs", "mt", "ft",
                                       "est", "approx", NULL};

/* 1 if low (without period) is in a list. */
static int in_list(const char *const *list, const char *s, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncmp(list[i], s, n) == 0)
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

/* Fill the lower-case form and the class flags of a word. */
static void word_shape(const char *s, size_t n, tword *w)
{
    size_t o = 0;
    int ok = 1, letters = 0, uppers = 0, digits = 0, other = 0, first = 1;
    for (size_t i = 0; i < n;) {
        unsigned char ch = (unsigned char)s[i];
        int ca = curly_apos(s, n, i);
        char out;
        if (ca) {
            out = '\'';
            i += (size_t)ca;
            other++;
        } else if (ch >= 0x80) {
            ok = 0;
            uint32_t cp;
            int k = ng_utf8_decode(s, n, i, &cp);
            if (ng_cp_is_alpha(cp)) {
                letters++;
                if (ng_cp_is_upper(cp)) {
                    uppers++;
                    if (first)
                        w->flags |= TW_CAP;
                }
                first = 0;
            } else {
                other++;
            }
            i += (size_t)k;
            continue;
        } else {
            out = (char)ch;
            if (ch >= 'A' && ch <= 'Z') {
                out = (char)(ch + 32);
                uppers++;
                letters++;
                if (first)
                    w->flags |= TW_CAP;
                first = 0;
            } else if (ch >= 'a' && ch <= 'z') {
                letters++;
                first = 0;
            } else if (ch >= '0' && ch <= '9') {
                digits++;
                first = 0;
            } else {
                other++;
            }
            i++;
        }
        if (o + 1 < TW_LOWMAX)
            w->low[o++] = out;
        else
            ok = 0;
    }
    w->low[ok ? o : 0] = '\0';
    if (letters && uppers == letters)
        w->flags |= TW_ALLCAP;
    if (digits && !letters)
        w->flags |= TW_NUM;
    if (letters && !digits)
        w->flags |= TW_ALPHA;
    if (!letters && !digits)
        w->flags |= TW_PUNCT;
    (void)other;
}

/* Scan a word at s[i]: letters and digits with inner periods (a.m., 3.5), digit
 * separators (1,000 8:30 5/31) and apostrophes before letters (o'clock); returns its end. */
static size_t scan_word(const char *s, size_t n, size_t i)
{
    size_t j = i;
    int k;
    while (j < n) {
        if (word_char(s, n, j, &k)) {
            j += (size_t)k;
            continue;
        }
        char ch = s[j];
        int next_wc = j + 1 < n && word_char(s, n, j + 1, &k);
        int prev_digit = j > i && s[j - 1] >= '0' && s[j - 1] <= '9';
        int next_digit = j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9';
        if (ch == '.' && next_wc) {
            j++;
            continue;
        }
        if ((ch == ',' || ch == ':' || ch == '/') && prev_digit && next_digit) {
            j++;
            continue;
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

/* Push one word. */
static int push_word(NG_VEC(tword) * v, const char *s, size_t n, size_t b, size_t e, uint32_t flags)
{
    tword w;
    memset(&w, 0, sizeof w);
    w.start = (uint32_t)b;
    w.end = (uint32_t)e;
    w.flags = flags;
    word_shape(s + b, e - b, &w);
    (void)n;
    if (ng_vec_grow(*v))
        return NG_ENOMEM;
    v->v[v->n++] = w;
    return 0;
}

/* Split the text into words with hyphen/space/newline flags, sentence indexes and
 * hard boundaries. */
static int tokenize(const char *s, size_t n, const ng_tokens *tk, tword **out, size_t *nout)
{
    NG_VEC(tword) v = {0};
    int rc = 0, nls = 2, space = 1, hy = 0;
    size_t i = 0;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        int k;
        if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v') {
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
        int dl = dash_len(s, n, i);
        int al = apos_len(s, n, i);
        if (dl && !space && i > 0 && v.n && i + (size_t)dl < n && word_char(s, n, i + (size_t)dl, &k) &&
            !(s[i + (size_t)dl] == '-')) {
            /* a joining hyphen: no word of its own */
            hy = 1;
            i += (size_t)dl;
            continue;
        }
        if (word_char(s, n, i, &k)) {
            e = scan_word(s, n, i);
        } else if (al && i + (size_t)al + 1 < n && s[i + (size_t)al] >= '0' && s[i + (size_t)al] <= '9' &&
                   s[i + (size_t)al + 1] >= '0' && s[i + (size_t)al + 1] <= '9' &&
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
        if ((rc = push_word(&v, s, n, b, e, f)))
            goto done;
        i = e;
        nls = 0;
        space = 0;
        hy = 0;
    }
    /* sentence indexes and boundaries */
    if (tk && tk->nsents) {
        size_t si = 0;
        for (size_t w = 0; w < v.n; w++) {
            while (si + 1 < tk->nsents && v.v[w].start >= tk->sents[si + 1].start)
                si++;
            v.v[w].sent = (uint32_t)si;
            if (w > 0 && v.v[w - 1].sent != v.v[w].sent) {
                const char *pl = v.v[w - 1].low;
                size_t ln = strlen(pl);
                /* a split after a.m./p.m. or a month abbreviation is usually wrong */
                int soft = (strcmp(pl, "a.m.") == 0 || strcmp(pl, "p.m.") == 0 ||
                            (ln > 1 && pl[ln - 1] == '.' && tx_month(pl))) &&
                           !(v.v[w].flags & TW_NL);
                if (!soft)
                    v.v[w].flags |= TW_BREAK;
            }
        }
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

static int IS(const tctx *c, size_t k, const char *s) { return k < c->lim && strcmp(c->w[k].low, s) == 0; }

static uint32_t F(const tctx *c, size_t k) { return k < c->lim ? c->w[k].flags : 0; }

/* Word k is one of the NULL-terminated list. */
static int ISANY(const tctx *c, size_t k, const char *const *list)
{
    if (k >= c->lim)
        return 0;
    for (size_t i = 0; list[i]; i++)
        if (strcmp(c->w[k].low, list[i]) == 0)
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

/* Tense cue of word k: +1 future, -1 past, 2 present (stop), 0 none. */
static int tense_cue(const tctx *c, size_t k, size_t hi)
{
    static const char *const FUT[] = {"will", "'ll", "shall", "wo", "tomorrow", NULL};
    static const char *const FUT_TO[] = {"scheduled", "expected", "due", "planned", "plans", "plan", "planning",
                                         "set", "slated", "poised", "intends", "intend", "aims", "hopes", "hope",
                                         "expects", "expect", "going", "likely", "prepared", "ready", "wants",
                                         "want", NULL};
    static const char *const PRES[] = {"is", "are", "am", "says", "say", "'s", NULL};
    const char *w = c->w[k].low;
    const char *nx = k + 1 < hi ? c->w[k + 1].low : "";
    for (size_t i = 0; FUT[i]; i++)
        if (strcmp(w, FUT[i]) == 0)
            return 1;
    if (strcmp(w, "would") == 0)
        return 1;
    for (size_t i = 0; FUT_TO[i]; i++)
        if (strcmp(w, FUT_TO[i]) == 0 && (strcmp(nx, "to") == 0 || strcmp(nx, "for") == 0))
            return 1;
    if (tx_is_past_verb(w)) {
        /* "will be released", "to be held": the auxiliary decides */
        for (size_t j = 1; j <= 2 && j <= k; j++) {
            const char *p = c->w[k - j].low;
            if (strcmp(p, "will") == 0 || strcmp(p, "'ll") == 0 || strcmp(p, "to") == 0 || strcmp(p, "would") == 0)
                return 1;
            if (strcmp(p, "be") != 0 && strcmp(p, "been") != 0 && strcmp(p, "not") != 0)
                break;
        }
        return -1;
    }
    for (size_t i = 0; PRES[i]; i++)
        if (strcmp(w, PRES[i]) == 0)
            return 2;
    return 0;
}

/* Tense of the clause around words [b, e): +1 future, -1 past, 0 unknown/present. */
static int tense_of(const tctx *c, size_t b, size_t e)
{
    size_t s0 = b, s1 = e;
    while (s0 > 0 && !(c->w[s0].flags & TW_BREAK))
        s0--;
    while (s1 < c->nw && !(c->w[s1].flags & TW_BREAK))
        s1++;
    for (size_t d = 1; d <= 14; d++) {
        if (b >= s0 + d) {
            size_t k = b - d;
            const char *lw = c->w[k].low;
            if (strcmp(lw, ";") == 0)
                b = s0 + d; /* stop looking left */
            else {
                int t = tense_cue(c, k, s1);
                if (t)
                    return t == 2 ? 0 : t;
            }
        }
        if (e - 1 + d < s1) {
            size_t k = e - 1 + d;
            int t = tense_cue(c, k, s1);
            if (t)
                return t == 2 ? 0 : t;
        }
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
    if (strcmp(w, "a") == 0 || strcmp(w, "an") == 0) {
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
    if (strcmp(w, "couple") == 0 && IS(c, k + 1, "of")) {
        *v = 2;
        return 2;
    }
    if (strcmp(w, "dozens") == 0 && IS(c, k + 1, "of")) {
        *vague = 1;
        return 2;
    }
    if (strcmp(w, "dozen") == 0) {
        *v = 12;
        return 1;
    }
    if (ISANY(c, k, VAGUE1)) {
        *vague = 1;
        return 1;
    }
    int n = tx_cardinal(w);
    if (n < 0)
        return 0;
    size_t used = 1;
    if (n >= 20 && n % 10 == 0) {
        int u = tx_cardinal(L(c, k + 1));
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
        int r = tx_cardinal(L(c, j));
        if (r > 0) {
            size_t rl = 1;
            if (r >= 20 && r % 10 == 0 && tx_cardinal(L(c, j + 1)) >= 1 && tx_cardinal(L(c, j + 1)) <= 9)
                r += tx_cardinal(L(c, j + 1)), rl++;
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
    if (!vague && n != (double)(long)n) {
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
            snprintf(out, cap, "P%sDE", num);
        else
            fmt_num(num, sizeof num, n * 10), snprintf(out, cap, "P%sY", num);
        break;
    case U_CENTURY:
        if (vague)
            snprintf(out, cap, "P%sCE", num);
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
        tunit uu = tx_unit(L(c, k + 2), plural);
        if (uu && !*plural) {
            *n = 0.5, *vague = 0, *u = uu;
            return k + 3;
        }
    }
    size_t used = p_card(c, k, &v, &vg, 1);
    if (!used)
        return 0;
    size_t j = k + used;
    /* a half hour */
    if ((IS(c, k, "a") || IS(c, k, "an")) && used == 1 && IS(c, j, "half") && tx_unit(L(c, j + 1), plural)) {
        *u = tx_unit(L(c, j + 1), plural);
        *n = 0.5, *vague = 0;
        return j + 2;
    }
    double add = 0;
    /* two and a half years */
    if (IS(c, j, "and") && IS(c, j + 1, "a") && IS(c, j + 2, "half") && tx_unit(L(c, j + 3), plural)) {
        add = 0.5;
        j += 3;
    }
    if (IS(c, j, "more") || IS(c, j, "additional") || IS(c, j, "full") || IS(c, j, "straight") ||
        IS(c, j, "consecutive") || IS(c, j, "long") || IS(c, j, "whole") || IS(c, j, "extra"))
        if (tx_unit(L(c, j + 1), plural))
            j++;
    tunit uu = tx_unit(L(c, j), plural);
    if (!uu)
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
