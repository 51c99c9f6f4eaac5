/* timex_lex.c - the English words of calendars and time (months, weekdays, units,
 * number words) and the verb forms the tense rules look at.  These are language, not
 * names: constant tables, read-only.
 *
 * Every list below is loaded once (pthread_once) into one open-addressing hash table
 * from a lower-case word to everything the tagger knows about it (tx_info), so a word
 * is classified with one hash and at most a few string compares.  After that single
 * initialization the table is only read, from any number of threads. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include "timex_int.h"

static const char *const MONTHS[] = {"january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december", NULL};

static const struct {
    const char *s;
    int m;
} MONTH_AB[] = {{"jan.", 1}, {"feb.", 2}, {"mar.", 3}, {"apr.", 4}, {"jun.", 6}, {"jul.", 7}, {"aug.", 8},
                {"sep.", 9}, {"sept.", 9}, {"oct.", 10}, {"nov.", 11}, {"dec.", 12}, {"jan", 1}, {"feb", 2},
                {"apr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"sept", 9}, {"oct", 10},
                {"nov", 11}, {"dec", 12}};

static const char *const WD[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL};
static const char *const WDP[] = {"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
                                  NULL};

/* spring 1, summer 2, fall/autumn 3, winter 4 */
static const struct {
    const char *s;
    int v;
} SEASONS[] = {{"spring", 1}, {"summer", 2}, {"fall", 3}, {"winter", 4}, {"autumn", 3}};

static const char *const DAYPARTS[] = {"morning", "afternoon", "evening", "night", NULL};

static const struct {
    const char *s, *p;
    tunit u;
} UNITS[] = {{"second", "seconds", U_SEC}, {"minute", "minutes", U_MIN}, {"hour", "hours", U_HOUR},
             {"day", "days", U_DAY}, {"night", "nights", U_NIGHT}, {"week", "weeks", U_WEEK},
             {"weekend", "weekends", U_WEEKEND}, {"fortnight", "fortnights", U_FORTNIGHT},
             {"month", "months", U_MONTH}, {"quarter", "quarters", U_QUARTER}, {"year", "years", U_YEAR},
             {"decade", "decades", U_DECADE}, {"century", "centuries", U_CENTURY},
             {"min", "mins", U_MIN}, {"hr", "hrs", U_HOUR}, {"yr", "yrs", U_YEAR}, {"sec", "secs", U_SEC}};

static const char *const ONES[] = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                   "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                   "seventeen", "eighteen", "nineteen", NULL};
static const char *const TENS[] = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", NULL};

static const char *const ORD[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
                                  "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
                                  "twentieth", NULL};

/* irregular past forms */
static const char *const IRR[] = {
    "said", "was", "were", "had", "did", "told", "went", "came", "met", "took", "made", "gave", "got", "began",
    "left", "saw", "held", "fell", "rose", "won", "lost", "sold", "bought", "paid", "spoke", "wrote", "became",
    "found", "brought", "thought", "ran", "led", "struck", "kept", "sent", "built", "chose", "broke", "drove",
    "flew", "shot", "knew", "felt", "heard", "meant", "stood", "understood", "sought", "fought", "taught",
    "caught", "ate", "drew", "grew", "threw", "forgot", "forgave", "hid", "bit", "lay", "slept", "spent",
    "swore", "tore", "wore", "woke", "withdrew", "overtook", "undertook", "arose", "sank", "sang", "rang",
    "stole", "froze", "shook", "dealt", "fled", "sped", "slid", "stuck", "swept", "wept", "wound", "bore",
    "beat", "underwent", "overcame", "upheld", "withheld", "foresaw", "oversaw", "mistook", "outlined", NULL};

/* words in -ed that are not past forms (or not in the sense that sets a tense) */
static const char *const NOT_ED[] = {"need", "speed", "feed", "seed", "bed", "red", "shed", "hundred", "breed",
                                     "deed", "creed", "greed", "bleed", "weed", "heed", "indeed", "proceed",
                                     "exceed", "succeed", "embed", "naked", "wicked", "sacred", "kindred",
                                     "shred", "sled", "wed", "fled", "led", "bred", "fed", "sped", "ted",
                                     "scheduled", "expected", "planned", "slated", "supposed", "intended",
                                     "united", "limited", "based", "related", "concerned", "interested",
                                     "detailed", "advanced", "estimated", "unrelated", "unexpected",
                                     "unprecedented", "armed", "alleged", "so-called", "called", NULL};

/* prepositions and function words that may border a time expression */
static const char *const PREPS[] = {"in", "on", "at", "by", "since", "until", "till", "before", "after", "during",
                                    "from", "to", "through", "throughout", "for", "of", "within", "between",
                                    "around", "about", "into", "as", "than", "over", "past", "toward", "towards",
                                    "and", "or", "late", "early", "mid", "circa", "that", "last", "next", "this",
                                    "the", "fiscal", "year", NULL};

/* words (besides numbers, months, weekdays, seasons, day parts, units, number words
 * and ordinals) at which a time expression may start */
static const char *const START[] = {
    "the", "this", "last", "next", "past", "coming", "previous", "preceding", "prior", "following",
    "subsequent", "that", "these", "those", "same", "early", "late", "mid", "earlier", "later", "sometime",
    "pre", "post", "around", "approximately", "roughly", "nearly", "some", "more", "less", "fewer", "at",
    "up", "no", "close", "upwards", "a", "an", "half", "several", "few", "many", "couple", "dozen",
    "dozens", "numerous", "multiple", "countless", "various", "today", "yesterday", "tomorrow", "tonight",
    "now", "currently", "current", "nowadays", "recently", "lately", "recent", "soon", "as", "every",
    "each", "daily", "weekly", "monthly", "yearly", "annually", "quarterly", "hourly", "nightly",
    "biweekly", "semiannually", "biannually", "weeknights", "fiscal", "fy", "year", "noon", "midnight",
    "midday", "christmas", "new", "thanksgiving", "easter", "halloween", "valentine", "independence",
    "labor", "memorial", "election", "latest", "final", "initial", "remaining", "ensuing", "succeeding",
    "first", "second", "third", "fourth", NULL};

/* START words so common that they are tried only with a time word further on in their
 * sentence: no rule completes an expression from them and function words alone (see
 * may_start in timex.c).  None is itself a number, month, unit or any other time word. */
static const char *const GENERIC[] = {"the", "a", "an", "that", "at", "as", "this", "more", "new", "up", "some",
                                      "no", "those", "these", "several", "many", "few", NULL};

/* words outside START that can complete an expression begun by a GENERIC word: the
 * present, the near future, the long term, a later date, as soon as possible, the
 * latest period, the nineties */
static const char *const EXTRA[] = {"present", "future", "term", "date", "possible", "period", "twenties",
                                    "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                                    "nineties", NULL};

/* words that a rule takes right after a GENERIC word but that are no START, EXTRA or
 * time word: the end of, the latter half, at least, up to, more than, the near future,
 * the long term, a full year, a to three weeks, a year and a half, the most recent
 * quarter, the corresponding period.  may_start tries a generic word only before one of
 * these, a START, EXTRA or time word, or a number: a rule that takes another word right
 * after a generic one must list it here. */
static const char *const FOLLOW[] = {"end", "beginning", "start", "middle", "turn", "latter", "least", "most",
                                     "to", "than", "near", "distant", "short", "long", "additional", "full",
                                     "straight", "consecutive", "whole", "extra", "or", "and", "comparable",
                                     "corresponding", NULL};

/* the word classes of the tense rules (timex.c, tense_cue) */
static const char *const T_FUT[] = {"will", "'ll", "shall", "wo", "would", "upcoming", NULL};
static const char *const T_FUT_TO[] = {"scheduled", "expected", "due", "planned", "plans", "plan", "planning",
                                       "set", "slated", "poised", "intends", "intend", "aims", "hopes", "hope",
                                       "expects", "expect", "going", "likely", "prepared", "ready", "wants",
                                       "want", NULL};
static const char *const T_PLAN[] = {"scheduled", "planned", "slated", "postponed", "delayed", "rescheduled", NULL};
static const char *const T_PAST_PLAN[] = {"had", "previously", "originally", "initially", "earlier", NULL};
static const char *const T_PRES[] = {"is", "are", "am", "says", "say", "'s", NULL};
static const char *const T_BE[] = {"is", "are", "was", "were", "'s", "'re", NULL};
static const char *const T_BE_ALL[] = {"is", "are", "was", "were", "'s", "'re", "am", NULL};
static const char *const T_DET[] = {"a", "an", "the", "his", "her", "its", "their", "our", "my", "your",
                                    "this", "that", "these", "those", NULL};
static const char *const T_AUX_FUT[] = {"will", "'ll", "to", "would", "shall", NULL};
static const char *const T_IS[] = {"is", "are", "am", NULL};
static const char *const T_BEEN[] = {"be", "been", NULL};
static const char *const T_ADV[] = {"not", "still", "also", "never", "already", "just", "then", "soon",
                                    "probably", "likely", "now", "all", "both", "n't", "only", "even",
                                    "first", "finally", "formally", "officially", "yet", "again", NULL};

/* words (verb forms and nouns) that name a kind of news event, by kind (EVC_*): a date
 * next to one is that event's day for the references to it later in the text */
static const struct {
    const char *const *w;
    int c;
} EVENTS[] = {
    {(const char *const[]){"kill", "killed", "killing", "killings", "murder", "murdered", "murders", "slaying",
                           "slayings", "slain", "shooting", "shootings", "shot", "gunned", "stabbing", "stabbed",
                           "assassination", "assassinated", "death", "died", "execution", "executed", NULL},
     EVC_DEATH},
    {(const char *const[]){"attack", "attacks", "attacked", "bombing", "bombings", "bombed", "blast", "blasts",
                           "explosion", "explosions", "exploded", "raid", "raids", "raided", "ambush", "ambushed",
                           "massacre", NULL},
     EVC_ATTACK},
    {(const char *const[]){"election", "elections", "elected", "vote", "voted", "voting", "referendum", "runoff",
                           "primary", "primaries", "ballot", NULL},
     EVC_VOTE},
    {(const char *const[]){"crash", "crashed", "collision", "derailment", "derailed", "sinking", "sank", NULL},
     EVC_CRASH},
    {(const char *const[]){"earthquake", "quake", "tsunami", "hurricane", "cyclone", "typhoon", "tornado",
                           "flood", "floods", "flooding", "eruption", "erupted", "landslide", NULL},
     EVC_DISASTER},
    {(const char *const[]){"arrest", "arrested", "detained", "captured", "capture", NULL}, EVC_ARREST},
    {(const char *const[]){"summit", NULL}, EVC_SUMMIT},
};

/* ------------------------------------------------------------ the table */

#define TX_SLOTS 2048 /* power of two, four times the ~500 distinct words of the lists */

typedef struct {
    uint32_t h;
    uint8_t used;
    char s[TW_LOWMAX]; /* zeros after the word */
    tx_info info;
} tx_slot;

static tx_slot TABLE[TX_SLOTS]; /* written once by lex_build, then read-only */
/* One bit per hash value (bits TX_FILTER_SHIFT.. of tx_hash_low) that some word of the
 * table has: most words of a text are in no list, and their lookup then reads this 2 KB
 * (which stays in the L1 cache) instead of a slot of the 100 KB table (which does not:
 * that miss was most of the lookup's time).  Written once by lex_build. */
#define TX_FILTER_BITS 16384
#define TX_FILTER_SHIFT 11 /* above the bits of the slot index */
static uint64_t FILTER[TX_FILTER_BITS / 64];
static uint16_t WORD_CHARS[256]; /* tx_word_chars, written once by lex_build */
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;
static atomic_int lex_ready; /* set (release) when lex_build is done: the lookups' fast path */

/* The information of a word that is in no list. */
const tx_info TX_NONE = {.cardinal = -1, .ordinal = -1};

/* A NUL-terminated word copied into buf[TW_LOWMAX] with zeros after it (what tx_hash_low
 * and lex_find read); returns its length, TW_LOWMAX when it does not fit (buf then
 * holds no word: such a word is in no list). */
static size_t lex_pad(const char *s, char *buf)
{
    memset(buf, 0, TW_LOWMAX);
    size_t n = 0;
    while (n < TW_LOWMAX && s[n])
        n++;
    if (n < TW_LOWMAX)
        memcpy(buf, s, n);
    return n;
}

static tx_info lex_scratch; /* where lex_slot puts a word it cannot keep (only during lex_build) */

/* The slot of a word in the table being built (a new one if absent). */
static tx_info *lex_slot(const char *s)
{
    char buf[TW_LOWMAX];
    size_t n = lex_pad(s, buf);
    if (n == 0 || n >= TW_LOWMAX)
        return &lex_scratch; /* never looked up: words are shorter than TW_LOWMAX */
    uint32_t h = tx_hash_low(buf);
    for (uint32_t k = 0, i = h & (TX_SLOTS - 1); k < TX_SLOTS; k++, i = (i + 1) & (TX_SLOTS - 1)) {
        tx_slot *sl = &TABLE[i];
        if (!sl->used) {
            sl->used = 1;
            sl->h = h;
            memcpy(sl->s, buf, TW_LOWMAX);
            uint32_t fb = (h >> TX_FILTER_SHIFT) & (TX_FILTER_BITS - 1);
            FILTER[fb >> 6] |= 1ull << (fb & 63);
            sl->info = TX_NONE;
            return &sl->info;
        }
        if (sl->h == h && strcmp(sl->s, s) == 0)
            return &sl->info;
    }
    return &lex_scratch; /* full: cannot happen with TX_SLOTS well above the word count */
}

/* Set a class bit on every word of a NULL-terminated list. */
static void lex_bits(const char *const *list, uint32_t bit)
{
    for (size_t i = 0; list[i]; i++)
        lex_slot(list[i])->cls |= bit;
}

/* A month, weekday, season, day part, unit, number word or ordinal. */
static int lex_time_field(const tx_info *x)
{
    return x->month || x->weekday || x->season || x->daypart || x->unit || x->cardinal >= 0 || x->ordinal > 0 ||
           x->qcode;
}

/* Load every list into the table (once per process). */
static void lex_build(void)
{
    /* first occurrences win where the old linear scans stopped at the first match */
    for (int i = 0; MONTHS[i]; i++) {
        tx_info *x = lex_slot(MONTHS[i]);
        x->month = x->month_full = (int8_t)(i + 1);
    }
    for (size_t i = 0; i < sizeof MONTH_AB / sizeof MONTH_AB[0]; i++) {
        tx_info *x = lex_slot(MONTH_AB[i].s);
        if (!x->month)
            x->month = (int8_t)MONTH_AB[i].m;
    }
    for (int i = 0; WD[i]; i++)
        lex_slot(WD[i])->weekday = (int8_t)(i + 1);
    for (int i = 0; WDP[i]; i++) {
        tx_info *x = lex_slot(WDP[i]);
        x->weekday = (int8_t)(i + 1);
        x->wd_plural = 1;
    }
    for (size_t i = 0; i < sizeof SEASONS / sizeof SEASONS[0]; i++) {
        tx_info *x = lex_slot(SEASONS[i].s);
        if (!x->season)
            x->season = (int8_t)SEASONS[i].v;
    }
    for (int i = 0; DAYPARTS[i]; i++)
        lex_slot(DAYPARTS[i])->daypart = (int8_t)(i + 1);
    for (size_t i = 0; i < sizeof UNITS / sizeof UNITS[0]; i++) {
        tx_info *x = lex_slot(UNITS[i].s);
        if (!x->unit)
            x->unit = (int8_t)UNITS[i].u, x->unit_plural = 0;
        x = lex_slot(UNITS[i].p);
        if (!x->unit)
            x->unit = (int8_t)UNITS[i].u, x->unit_plural = 1;
    }
    for (int i = 0; ONES[i]; i++)
        lex_slot(ONES[i])->cardinal = (int8_t)i;
    for (int i = 0; TENS[i]; i++)
        lex_slot(TENS[i])->cardinal = (int8_t)((i + 2) * 10);
    for (int i = 0; ORD[i]; i++)
        lex_slot(ORD[i])->ordinal = (int8_t)(i + 1);
    lex_slot("thirtieth")->ordinal = 30;
    static const char *const QCODES[] = {"q1", "q2", "q3", "q4", "h1", "h2"};
    for (int i = 0; i < 6; i++)
        lex_slot(QCODES[i])->qcode = (int8_t)(i + 1);
    lex_bits(IRR, TC_IRR);
    lex_bits(NOT_ED, TC_NOT_ED);
    lex_bits(PREPS, TC_PREP);
    lex_bits(START, TC_START);
    lex_bits(GENERIC, TC_GENERIC);
    lex_bits(EXTRA, TC_EXTRA);
    lex_bits(FOLLOW, TC_FOLLOW);
    lex_bits(T_FUT, TC_FUT);
    lex_bits(T_FUT_TO, TC_FUT_TO);
    lex_bits(T_PLAN, TC_PLAN);
    lex_bits(T_PAST_PLAN, TC_PAST_PLAN);
    lex_bits(T_PRES, TC_PRES);
    lex_bits(T_BE, TC_BE);
    lex_bits(T_BE_ALL, TC_BE_ALL);
    lex_bits(T_DET, TC_DET);
    lex_bits(T_AUX_FUT, TC_AUX_FUT);
    lex_bits(T_IS, TC_IS);
    lex_bits(T_BEEN, TC_BEEN);
    lex_bits(T_ADV, TC_ADV);
    for (size_t i = 0; i < sizeof EVENTS / sizeof EVENTS[0]; i++)
        for (size_t k = 0; EVENTS[i].w[k]; k++)
            lex_slot(EVENTS[i].w[k])->evclass = (int8_t)EVENTS[i].c;
    /* may_start skips a GENERIC word only when it is a START word and no time word itself */
    for (size_t i = 0; GENERIC[i]; i++) {
        tx_info *x = lex_slot(GENERIC[i]);
        if (!(x->cls & TC_START) || lex_time_field(x))
            x->cls &= ~(uint32_t)TC_GENERIC;
    }
    for (size_t i = 0; i < TX_SLOTS; i++)
        if (TABLE[i].used && ((TABLE[i].info.cls & TC_START) || lex_time_field(&TABLE[i].info)))
            TABLE[i].info.cls |= TC_TIMEWORD;
    for (unsigned ch = 0; ch < 256; ch++)
        WORD_CHARS[ch] = (uint16_t)(ch >= 'a' && ch <= 'z'   ? ch | TX_CH_LOWER
                                    : ch >= 'A' && ch <= 'Z' ? (ch + 32) | TX_CH_UPPER
                                    : ch >= '0' && ch <= '9' ? ch | TX_CH_DIGIT
                                                             : 0);
    atomic_store_explicit(&lex_ready, 1, memory_order_release);
}

/* Build the table once (any thread); then only a load. */
static void lex_init(void)
{
    if (!atomic_load_explicit(&lex_ready, memory_order_acquire))
        pthread_once(&lex_once, lex_build);
}

const uint16_t *tx_word_chars(void)
{
    lex_init();
    return WORD_CHARS;
}

/* Whether low[0..n), of tx_hash_low h, may be in the table (its length fits and FILTER
 * has its bit); no word for which this is 0 is. */
static inline int lex_maybe(size_t n, uint32_t h)
{
    uint32_t fb = (h >> TX_FILTER_SHIFT) & (TX_FILTER_BITS - 1);
    return n > 0 && n < TW_LOWMAX && (FILTER[fb >> 6] & (1ull << (fb & 63)));
}

/* The table entry of low[0..n) (zero-padded to TW_LOWMAX bytes) whose tx_hash_low is h:
 * the padded forms compare as three 8-byte words. */
static const tx_info *lex_find(const char *low, size_t n, uint32_t h)
{
    lex_init();
    if (!lex_maybe(n, h))
        return &TX_NONE;
    uint64_t a[3];
    memcpy(a, low, sizeof a);
    for (uint32_t k = 0, i = h & (TX_SLOTS - 1); k < TX_SLOTS; k++, i = (i + 1) & (TX_SLOTS - 1)) {
        const tx_slot *sl = &TABLE[i];
        if (!sl->used)
            return &TX_NONE;
        if (sl->h == h) {
            uint64_t b[3];
            memcpy(b, sl->s, sizeof b);
            if (((a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2])) == 0)
                return &sl->info;
        }
    }
    return &TX_NONE;
}

const tx_info *tx_lookup(const char *low)
{
    char buf[TW_LOWMAX];
    size_t n = lex_pad(low, buf);
    return n < TW_LOWMAX ? lex_find(buf, n, tx_hash_low(buf)) : &TX_NONE;
}

/* ------------------------------------------------------------ word classes */

int tx_month_full(const char *low) { return tx_lookup(low)->month_full; }

int tx_month(const char *low) { return tx_lookup(low)->month; }

int tx_weekday_word(const char *low, int *plural)
{
    const tx_info *x = tx_lookup(low);
    if (plural)
        *plural = x->wd_plural;
    return x->weekday;
}

int tx_season(const char *low) { return tx_lookup(low)->season; }

int tx_daypart(const char *low) { return tx_lookup(low)->daypart; }

tunit tx_unit(const char *low, int *plural)
{
    const tx_info *x = tx_lookup(low);
    if (x->unit && plural)
        *plural = x->unit_plural;
    return (tunit)x->unit;
}

int tx_cardinal(const char *low) { return tx_lookup(low)->cardinal; }

/* 1st 2nd 3rd 4th ... 99th: the number, -1 if low is not a digit ordinal. */
static int digit_ordinal(const char *low)
{
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

int tx_ordinal(const char *low)
{
    if (low[0] >= '0' && low[0] <= '9')
        return digit_ordinal(low);
    return tx_lookup(low)->ordinal;
}

/* Past form by the -ed rule or the irregular list, given the word's length and table entry. */
static int past_verb(const char *low, size_t n, const tx_info *x)
{
    if (x->cls & TC_IRR)
        return 1;
    return n >= 5 && low[n - 2] == 'e' && low[n - 1] == 'd' && !(x->cls & TC_NOT_ED);
}

int tx_is_past_verb(const char *low) { return past_verb(low, strlen(low), tx_lookup(low)); }

int tx_is_prep(const char *low) { return (tx_lookup(low)->cls & TC_PREP) != 0; }

void tx_classify(const char *low, tx_info *out)
{
    char buf[TW_LOWMAX];
    size_t n = lex_pad(low, buf);
    if (n < TW_LOWMAX)
        tx_classify_hashed(buf, n, tx_hash_low(buf), out);
    else /* TW_LOWMAX bytes or more: in no list, but its ending still counts */
        tx_classify_hashed(low, strlen(low), 0, out);
}

void tx_classify_hashed(const char *low, size_t n, uint32_t h, tx_info *out)
{
    lex_init();
    const tx_info *x = lex_maybe(n, h) ? lex_find(low, n, h) : &TX_NONE; /* most words: no call */
    *out = *x;
    if (low[0] >= '0' && low[0] <= '9')
        out->ordinal = (int8_t)digit_ordinal(low);
    if (past_verb(low, n, x))
        out->cls |= TC_PAST;
    if ((x->cls & TC_ADV) || (n > 3 && low[n - 2] == 'l' && low[n - 1] == 'y'))
        out->cls |= TC_ADVERB;
}

const tx_info *tx_lookup_scan(const char *low)
{
    lex_init();
    for (size_t i = 0; i < TX_SLOTS; i++)
        if (TABLE[i].used && strcmp(TABLE[i].s, low) == 0)
            return &TABLE[i].info;
    return &TX_NONE;
}

const char *tx_table_word(size_t k)
{
    lex_init();
    for (size_t i = 0; i < TX_SLOTS; i++)
        if (TABLE[i].used && k-- == 0)
            return TABLE[i].s;
    return NULL;
}
