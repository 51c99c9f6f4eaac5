/* timex_lex.c - the English words of calendars and time (months, weekdays, units,
 * number words) and the verb forms the tense rules look at.  These are language, not
 * names: constant tables, read-only. */
#include <string.h>
#include "timex_int.h"

/* Index+1 of s in a NULL-terminated list, 0 if absent. */
static int find(const char *const *list, const char *s)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return i + 1;
    return 0;
}

static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december", NULL};

int tx_month_full(const char *low) { return find(MONTHS, low); }

int tx_month(const char *low)
{
    static const struct {
        const char *s;
        int m;
    } AB[] = {{"jan.", 1}, {"feb.", 2}, {"mar.", 3}, {"apr.", 4}, {"jun.", 6}, {"jul.", 7}, {"aug.", 8},
              {"sep.", 9}, {"sept.", 9}, {"oct.", 10}, {"nov.", 11}, {"dec.", 12}, {"jan", 1}, {"feb", 2},
              {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10},
              {"nov", 11}, {"dec", 12}};
    int m = find(MONTHS, low);
    if (m)
        return m;
    for (size_t i = 0; i < sizeof AB / sizeof AB[0]; i++)
        if (strcmp(AB[i].s, low) == 0)
            return AB[i].m;
    return 0;
}

int tx_weekday_word(const char *low, int *plural)
{
    static const char *const WD[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL};
    static const char *const WDP[] = {"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", NULL};
    int k = find(WD, low);
    if (plural)
        *plural = 0;
    if (k)
        return k;
    k = find(WDP, low);
    if (k && plural)
        *plural = 1;
    return k;
}

int tx_season(const char *low)
{
    static const char *const S[] = {"spring", "summer", "fall", "winter", "autumn", NULL};
    int k = find(S, low);
    return k == 5 ? 3 : k;
}

int tx_daypart(const char *low)
{
    static const char *const P[] = {"morning", "afternoon", "evening", "night", NULL};
    return find(P, low);
}

tunit tx_unit(const char *low, int *plural)
{
    static const struct {
        const char *s, *p;
        tunit u;
    } U[] = {{"second", "seconds", U_SEC}, {"minute", "minutes", U_MIN}, {"hour", "hours", U_HOUR},
             {"day", "days", U_DAY}, {"night", "nights", U_NIGHT}, {"week", "weeks", U_WEEK},
             {"weekend", "weekends", U_WEEKEND}, {"fortnight", "fortnights", U_FORTNIGHT},
             {"month", "months", U_MONTH}, {"quarter", "quarters", U_QUARTER}, {"year", "years", U_YEAR},
             {"decade", "decades", U_DECADE}, {"century", "centuries", U_CENTURY},
             {"min", "mins", U_MIN}, {"hr", "hrs", U_HOUR}, {"yr", "yrs", U_YEAR}, {"sec", "secs", U_SEC}};
    for (size_t i = 0; i < sizeof U / sizeof U[0]; i++) {
        if (strcmp(U[i].s, low) == 0) {
            if (plural)
                *plural = 0;
            return U[i].u;
        }
        if (strcmp(U[i].p, low) == 0) {
            if (plural)
                *plural = 1;
            return U[i].u;
        }
    }
    return U_NONE;
}

static const char *const ONES[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                   "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                   "seventeen", "eighteen", "nineteen", NULL};
static const char *const TENS[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL};

int tx_cardinal(const char *low)
{
    int k = find(ONES, low);
    if (k)
        return k - 1;
    k = find(TENS, low);
    if (k)
        return (k + 1) * 10;
    return -1;
}

int tx_ordinal(const char *low)
{
    static const char *const ORD[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                      "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                                      "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                                      "twentieth", NULL};
    int k = find(ORD, low);
    if (k)
        return k;
    if (strcmp(low, "thirtieth") == 0)
        return 30;
    /* 1st 2nd 3rd 4th ... 31st */
    size_t n = strlen(low);
    if (n >= 3 && n <= 4 && low[0] >= '0' && low[0] <= '9') {
        int v = 0;
        size_t i = 0;
        while (i < n && low[i] >= '0' && low[i] <= '9')
            v = v * 10 + (low[i++] - '0');
        const char *suf = low + i;
        if (strcmp(suf, "st") == 0 || strcmp(suf, "nd") == 0 || strcmp(suf, "rd") == 0 || strcmp(suf, "th") == 0)
            return v;
    }
    return -1;
}

int tx_is_past_verb(const char *low)
{
    static const char *const IRR[] = {
        "said", "was", "were", "had", "did", "told", "went", "came", "met", "took", "made", "gave", "got", "began",
        "left", "saw", "held", "fell", "rose", "won", "lost", "sold", "bought", "paid", "spoke", "wrote", "became",
        "found", "brought", "thought", "ran", "led", "struck", "kept", "sent", "built", "chose", "broke", "drove",
        "flew", "shot", "knew", "felt", "heard", "meant", "stood", "understood", "sought", "fought", "taught",
        "caught", "ate", "drew", "grew", "threw", "forgot", "forgave", "hid", "bit", "lay", "slept", "spent",
        "swore", "tore", "wore", "woke", "withdrew", "overtook", "undertook", "arose", "sank", "sang", "rang",
        "stole", "froze", "shook", "dealt", "fled", "sped", "slid", "stuck", "swept", "wept", "wound", "bore",
        "beat", "underwent", "overcame", "upheld", "withheld", "foresaw", "oversaw", "mistook", "outlined", NULL};
    static const char *const NOT_ED[] = {"need", "speed", "feed", "seed", "bed", "red", "shed", "hundred", "breed",
                                         "deed", "creed", "greed", "bleed", "weed", "heed", "indeed", "proceed",
                                         "exceed", "succeed", "embed", "naked", "wicked", "sacred", "kindred",
                                         "shred", "sled", "wed", "fled", "led", "bred", "fed", "sped", "ted",
                                         "scheduled", "expected", "planned", "slated", "supposed", "intended",
                                         "united", "limited", "based", "related", "concerned", "interested",
                                         "detailed", "advanced", "estimated", "unrelated", "unexpected",
                                         "unprecedented", "armed", "alleged", "so-called", "called", NULL};
    if (find(IRR, low))
        return 1;
    size_t n = strlen(low);
    if (n >= 5 && low[n - 2] == 'e' && low[n - 1] == 'd' && !find(NOT_ED, low))
        return 1;
    return 0;
}

int tx_is_prep(const char *low)
{
    static const char *const P[] = {"in", "on", "at", "by", "since", "until", "till", "before", "after", "during",
                                    "from", "to", "through", "throughout", "for", "of", "within", "between",
                                    "around", "about", "into", "as", "than", "over", "past", "toward", "towards",
                                    "and", "or", "late", "early", "mid", "circa", "that", "last", "next", "this",
                                    "the", "fiscal", "year", NULL};
    return find(P, low) != 0;
}
