/* timex_int.h - internals of the TIMEX3 tagger: its word stream, calendar values and
 * the word classes it knows (shared by timex.c, timex_cal.c and timex_lex.c). */
#ifndef NG_TIMEX_INT_H
#define NG_TIMEX_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------ words */

/* Word flags. */
enum {
    TW_CAP = 1 << 0,   /* first letter upper case */
    TW_NUM = 1 << 1,   /* digits only (with inner , . :) */
    TW_ALPHA = 1 << 2, /* letters only (with inner periods: a.m.) */
    TW_PUNCT = 1 << 3, /* one punctuation character */
    TW_HY = 1 << 4,    /* joined to the previous word by a hyphen, no spaces: third-quarter */
    TW_GLUE = 1 << 5,  /* no space before (possessive 's, closing punctuation) */
    TW_BREAK = 1 << 6, /* a hard boundary (new sentence, blank line) before this word */
    TW_NL = 1 << 7,    /* a newline before this word */
    TW_ALLCAP = 1 << 8 /* all letters upper case */
};

#define TW_LOWMAX 24

/* Word-class bits of tx_info.cls. */
enum {
    TC_IRR = 1u << 0,       /* an irregular past form (said, was, took) */
    TC_NOT_ED = 1u << 1,    /* in -ed but no past form (need, hundred, scheduled) */
    TC_PREP = 1u << 2,      /* tx_is_prep */
    TC_START = 1u << 3,     /* a function word at which a time expression may start (the, last, each) */
    TC_FUT = 1u << 4,       /* will 'll shall wo would upcoming */
    TC_FUT_TO = 1u << 5,    /* scheduled/expected/plans/going ... (to) */
    TC_PLAN = 1u << 6,      /* scheduled planned slated postponed delayed rescheduled */
    TC_PAST_PLAN = 1u << 7, /* had previously originally initially earlier */
    TC_PRES = 1u << 8,      /* is are am says say 's */
    TC_BE = 1u << 9,        /* is are was were 's 're */
    TC_BE_ALL = 1u << 10,   /* TC_BE and am */
    TC_DET = 1u << 11,      /* a an the his her its their our my your this that these those */
    TC_AUX_FUT = 1u << 12,  /* will 'll to would shall */
    TC_IS = 1u << 13,       /* is are am */
    TC_BEEN = 1u << 14,     /* be been */
    TC_ADV = 1u << 15,      /* adverbs that sit inside a verb group (not, still, also ...) */
    TC_GENERIC = 1u << 16,  /* a START word tried only with a time word ahead (the, a, that ...) */
    TC_EXTRA = 1u << 17,    /* a word outside START that can complete an expression (present, future) */
    TC_FOLLOW = 1u << 23,   /* a word outside START and EXTRA that a rule takes after a GENERIC one */
    /* computed by tx_classify, not listed */
    TC_PAST = 1u << 18,     /* tx_is_past_verb */
    TC_ADVERB = 1u << 19,   /* TC_ADV or a word in -ly of more than three letters */
    /* set by the word stream (timex.c) */
    TC_MAYSTART = 1u << 20, /* a time expression may start here */
    TC_ANCHOR = 1u << 21,   /* a time word that a GENERIC start needs ahead (may_start) */
    /* computed when the table is built */
    TC_TIMEWORD = 1u << 22  /* TC_START, or a month, weekday, season, day part, unit, number
                               word or ordinal (tx_info fields) */
};

/* What the tagger knows of a lower-case word (tx_classify); a word in no list has all
 * zeros but cardinal = ordinal = -1. */
typedef struct {
    uint32_t cls;       /* TC_* */
    int8_t month;       /* tx_month */
    int8_t month_full;  /* tx_month_full */
    int8_t weekday;     /* tx_weekday_word */
    int8_t wd_plural;   /* ...plural form */
    int8_t season;      /* tx_season */
    int8_t daypart;     /* tx_daypart */
    int8_t unit;        /* tx_unit (a tunit) */
    int8_t unit_plural; /* ...plural form */
    int8_t cardinal;    /* tx_cardinal */
    int8_t ordinal;     /* tx_ordinal */
    int8_t evclass;     /* the kind of news event the word names (EVC_*), 0 for none */
    int8_t qcode;       /* q1..q4 (1-4), h1 h2 (5, 6): a quarter or half written as a code */
} tx_info;

/* Kinds of news events whose day a later "the day after the shooting" or a clock time
 * ("was shot at 10 p.m.") refers back to (tx_info.evclass). */
enum { EVC_NONE = 0, EVC_DEATH, EVC_ATTACK, EVC_VOTE, EVC_CRASH, EVC_DISASTER, EVC_ARREST, EVC_SUMMIT, EVC_N };

typedef struct {
    uint32_t start, end; /* byte offsets */
    uint32_t sent;       /* sentence index */
    uint32_t flags;
    char low[TW_LOWMAX]; /* lower-cased ASCII form ("" when too long or not ASCII), zeros after it */
    tx_info x;           /* tx_classify(low) */
} tword;

/* --------------------------------------------------------------- calendar */

/* Granularity of a calendar value. */
typedef enum {
    G_NONE = 0,
    G_CENTURY,
    G_DECADE,
    G_YEAR,
    G_HALF,
    G_QUARTER,
    G_SEASON,
    G_MONTH,
    G_WEEK,
    G_WEEKEND,
    G_DAY
} tgran;

#define TX_UNK (-100000) /* unknown year */

/* A calendar value: year (TX_UNK when unknown), month, day, and for quarters/halves/
 * seasons their index (1-4; seasons SP=1 SU=2 FA=3 WI=4).  Weeks and weekends keep a
 * day inside them.  `wd` (1=Monday) marks a weekday of an unknown week. */
typedef struct {
    tgran g;
    int y, m, d;
    int q;
    int wd;
    char tod[12]; /* time-of-day suffix: "T20:00", "TMO"... ("" for none) */
} tdate;

long tx_days(int y, int m, int d);                /* days since 1970-01-01 */
void tx_civil(long days, int *y, int *m, int *d); /* inverse of tx_days */
int tx_weekday(int y, int m, int d);              /* 1 = Monday .. 7 = Sunday */
int tx_mdays(int y, int m);                       /* days in a month */
void tx_isoweek(int y, int m, int d, int *wy, int *wn);
/* Shift a day by n days. */
void tx_add_days(tdate *t, long n);
/* Shift a value by n units of its own granularity (years, quarters, months, weeks, days). */
void tx_shift(tdate *t, int n);
/* Format a value (TIMEX3) into out[cap]. */
void tx_format(const tdate *t, char *out, size_t cap);
/* Parse a TIMEX3 date value back (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Www); 1 if parsed. */
int tx_parse(const char *v, tdate *t);

/* ------------------------------------------------------------ word classes */

/* Units of durations. */
typedef enum {
    U_NONE = 0,
    U_SEC,
    U_MIN,
    U_HOUR,
    U_DAY,
    U_NIGHT,
    U_WEEK,
    U_WEEKEND,
    U_FORTNIGHT,
    U_MONTH,
    U_QUARTER,
    U_YEAR,
    U_DECADE,
    U_CENTURY
} tunit;

int tx_month(const char *low);       /* january/jan/jan. -> 1, 0 if none */
int tx_month_full(const char *low);  /* full month names only */
int tx_weekday_word(const char *low, int *plural); /* monday(s) -> 1..7 */
int tx_season(const char *low);      /* spring 1, summer 2, fall/autumn 3, winter 4 */
int tx_daypart(const char *low);     /* morning 1 afternoon 2 evening 3 night 4 */
tunit tx_unit(const char *low, int *plural);
int tx_cardinal(const char *low);    /* one..ninety-nine as single words, -1 if none */
int tx_ordinal(const char *low);     /* first..thirty-first, 1st..31st, -1 if none */
int tx_is_past_verb(const char *low);
int tx_is_prep(const char *low);     /* a preposition or function word that may border a time expression */
/* The classes of a word in no list. */
extern const tx_info TX_NONE;
/* The table entry of a word (every list of timex_lex.c; built once, read-only). */
const tx_info *tx_lookup(const char *low);
/* tx_lookup by a scan of every slot, without hash or filter; and the k-th word of the
 * table, NULL past the last (tests: the two lookups agree). */
const tx_info *tx_lookup_scan(const char *low);
const char *tx_table_word(size_t k);
/* All of the above for one word at once, with TC_PAST and TC_ADVERB. */
void tx_classify(const char *low, tx_info *out);

/* The word hash of the table, of a lower-case form that fills TW_LOWMAX bytes with zeros
 * after it (a tword's low, a table slot): three 8-byte loads and multiplies, not a loop
 * over the bytes.  The high half of the last product (all bytes feed it) is the hash. */
static inline uint32_t tx_hash_low(const char *low)
{
    uint64_t a, b, c;
    memcpy(&a, low, 8);
    memcpy(&b, low + 8, 8);
    memcpy(&c, low + 16, 8);
    uint64_t h = a * 0x9E3779B97F4A7C15ull ^ b * 0xC2B2AE3D27D4EB4Full ^ c * 0x165667B19E3779F9ull;
    return (uint32_t)(((h ^ (h >> 32)) * 0xD6E8FEB86659FD93ull) >> 32);
}
/* tx_classify of low (zero-padded to TW_LOWMAX bytes when n < TW_LOWMAX), its length n
 * and its hash h = tx_hash_low(low) already known (h is not read when n >= TW_LOWMAX). */
void tx_classify_hashed(const char *low, size_t n, uint32_t h, tx_info *out);
/* Kinds of an ASCII letter or digit in tx_word_chars (shifted by 8: the word stream's
 * `seen` bits). */
enum { TX_CH_LOWER = 1 << 8, TX_CH_UPPER = 2 << 8, TX_CH_DIGIT = 4 << 8 };
/* For each byte: an ASCII letter or digit's lower case with its TX_CH_* kind, 0 for any
 * other byte (built with the table, read-only). */
const uint16_t *tx_word_chars(void);

#endif
