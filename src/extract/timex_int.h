/* timex_int.h - internals of the TIMEX3 tagger: its word stream, calendar values and
 * the word classes it knows (shared by timex.c, timex_cal.c and timex_lex.c). */
#ifndef NG_TIMEX_INT_H
#define NG_TIMEX_INT_H

#include <stddef.h>
#include <stdint.h>

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

typedef struct {
    uint32_t start, end; /* byte offsets */
    uint32_t sent;       /* sentence index */
    uint32_t flags;
    char low[TW_LOWMAX]; /* lower-cased ASCII form ("" when too long or not ASCII) */
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

#endif
