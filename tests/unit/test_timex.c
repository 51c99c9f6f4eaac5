/* Unit tests: time expressions (src/extract/timex*.c) per family and per tense rule,
 * on sentences written for these tests, and the TimeML renderer (src/export/timeml.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <pthread.h>
#include <dirent.h>
#include "extract/timex.h"
#include "extract/timex_int.h"
#include "export/timeml.h"
#include "text/text.h"

/* Analyze and extract; the caller frees with done(). */
static ng_doc_result *run(const char *text, const char *dct)
{
    ng_doc_result *r = calloc(1, sizeof *r);
    ng_tokens tk;
    assert_non_null(r);
    assert_int_equal(ng_text_analyze(&tk, text, strlen(text)), 0);
    assert_int_equal(ng_timex_extract(r, NULL, text, strlen(text), &tk, dct), 0);
    ng_tokens_free(&tk);
    /* offsets always point at the text they claim */
    for (size_t i = 0; i < r->timexes.n; i++) {
        const ng_timex_m *t = &r->timexes.v[i];
        assert_true(t->start < t->end && t->end <= strlen(text));
        assert_int_equal(strlen(t->text), t->end - t->start);
        assert_memory_equal(t->text, text + t->start, t->end - t->start);
        if (i)
            assert_true(r->timexes.v[i - 1].end <= t->start);
    }
    return r;
}

static void done(ng_doc_result *r)
{
    for (size_t i = 0; i < r->timexes.n; i++)
        free(r->timexes.v[i].text);
    free(r->timexes.v);
    free(r);
}

/* The timex whose text is exactly `span`, or fail. */
static const ng_timex_m *find(const ng_doc_result *r, const char *span)
{
    for (size_t i = 0; i < r->timexes.n; i++)
        if (strcmp(r->timexes.v[i].text, span) == 0)
            return &r->timexes.v[i];
    fprintf(stderr, "no timex \"%s\"; found:", span);
    for (size_t i = 0; i < r->timexes.n; i++)
        fprintf(stderr, " [%s|%s|%s]", r->timexes.v[i].text, r->timexes.v[i].type, r->timexes.v[i].value);
    fprintf(stderr, "\n");
    fail();
    return NULL;
}

/* Assert that `span` is found in `text` (with dct) with this type and value. */
static void expect(const char *text, const char *dct, const char *span, const char *type, const char *value)
{
    ng_doc_result *r = run(text, dct);
    const ng_timex_m *t = find(r, span);
    if (strcmp(t->value, value) != 0 || strcmp(t->type, type) != 0)
        fprintf(stderr, "\"%s\" in \"%s\": want %s %s, got %s %s\n", span, text, type, value, t->type, t->value);
    assert_string_equal(t->type, type);
    assert_string_equal(t->value, value);
    done(r);
}

/* Assert that nothing in `text` is a time expression. */
static void expect_none(const char *text, const char *dct)
{
    ng_doc_result *r = run(text, dct);
    for (size_t i = 0; i < r->timexes.n; i++)
        fprintf(stderr, "unexpected timex [%s|%s] in \"%s\"\n", r->timexes.v[i].text, r->timexes.v[i].value, text);
    assert_int_equal(r->timexes.n, 0);
    done(r);
}

/* Assert that no time expression in `text` is exactly `span`. */
static void expect_absent(const char *text, const char *dct, const char *span)
{
    ng_doc_result *r = run(text, dct);
    for (size_t i = 0; i < r->timexes.n; i++) {
        if (strcmp(r->timexes.v[i].text, span) == 0)
            fprintf(stderr, "unexpected timex [%s|%s] in \"%s\"\n", span, r->timexes.v[i].value, text);
        assert_string_not_equal(r->timexes.v[i].text, span);
    }
    done(r);
}

#define DCT "2025-05-31" /* a Saturday */

static void test_absolute_dates(void **state)
{
    (void)state;
    expect("The plant opened in July 2024 after delays.", DCT, "July 2024", "DATE", "2024-07");
    expect("The treaty was signed on May 31, 2025, in Geneva.", DCT, "May 31, 2025", "DATE", "2025-05-31");
    expect("The filing is dated 2025-05-31 in the register.", DCT, "2025-05-31", "DATE", "2025-05-31");
    expect("Prices rose sharply in the 1990s, economists said.", DCT, "the 1990s", "DATE", "199");
    expect("Output fell in 2021 as plants closed.", DCT, "2021", "DATE", "2021");
    expect("The bill was passed on Oct. 15, 1999, by the senate.", DCT, "Oct. 15, 1999", "DATE", "1999-10-15");
    expect("Talks began on 31 May 2024 in Oslo.", DCT, "31 May 2024", "DATE", "2024-05-31");
    expect("The ceasefire began on Friday, Oct. 23, 1998.", DCT, "Friday, Oct. 23, 1998", "DATE", "1998-10-23");
    expect("It was founded in nineteen ninety-six by two brothers.", DCT, "nineteen ninety-six", "DATE", "1996");
    expect("The ruling of 5/31/2024 was appealed.", DCT, "5/31/2024", "DATE", "2024-05-31");
}

static void test_years_are_not_amounts(void **state)
{
    (void)state;
    expect_none("The company hired 2000 workers and paid $1990 each.", DCT);
    expect_none("About 1995 people attended, up 2010 percent.", DCT);
    /* "may" the verb and "march" the noun are not months */
    expect_none("Officials may decide to march on the capital.", DCT);
}

static void test_relative_days(void **state)
{
    (void)state;
    expect("The minister resigned yesterday, aides said.", DCT, "yesterday", "DATE", "2025-05-30");
    expect("The vote is today.", DCT, "today", "DATE", "2025-05-31");
    expect("The court will rule tomorrow.", DCT, "tomorrow", "DATE", "2025-06-01");
    expect("The president will speak tonight.", DCT, "tonight", "TIME", "2025-05-31TNI");
    expect("He arrived this morning by train.", DCT, "this morning", "TIME", "2025-05-31TMO");
    expect("The pact was announced last night.", DCT, "last night", "TIME", "2025-05-30TNI");
}

static void test_relative_units(void **state)
{
    (void)state;
    expect("Exports fell last year.", DCT, "last year", "DATE", "2024");
    expect("The firm will sign the deal next month.", DCT, "next month", "DATE", "2025-06");
    expect("The rebels withdrew two weeks ago.", DCT, "two weeks ago", "DATE", "2025-W20");
    expect("Envoys met this week in Rome.", DCT, "this week", "DATE", "2025-W22");
    expect("The law was passed earlier this year.", DCT, "earlier this year", "DATE", "2025");
    expect("Sales rose three years ago.", DCT, "three years ago", "DATE", "2022");
    expect("The plan was drafted last month.", DCT, "last month", "DATE", "2025-04");
    expect("Trade rose over the past three years.", DCT, "the past three years", "DURATION", "P3Y");
    expect("Exports fell in the last twenty four hours.", DCT, "the last twenty four hours", "DURATION", "PT24H");
}

static void test_tense_weekdays(void **state)
{
    (void)state;
    /* past: the Thursday before; future: the Monday after; the dct's own weekday is the dct */
    expect("The envoy said on Thursday that talks had stalled.", DCT, "Thursday", "DATE", "2025-05-29");
    expect("Talks are scheduled to resume on Monday.", DCT, "Monday", "DATE", "2025-06-02");
    expect("The delegations will meet Tuesday in Vienna.", DCT, "Tuesday", "DATE", "2025-06-03");
    expect("The leaders met Saturday in Paris.", DCT, "Saturday", "DATE", "2025-05-31");
    expect("He plans to visit Kyiv on Wednesday.", DCT, "Wednesday", "DATE", "2025-06-04");
    expect("The strike, which began Monday, ended.", DCT, "Monday", "DATE", "2025-05-26");
    expect("They met last Friday.", DCT, "last Friday", "DATE", "2025-05-30");
    expect("They met last Saturday.", DCT, "last Saturday", "DATE", "2025-05-24");
    expect("They meet next Friday.", DCT, "next Friday", "DATE", "2025-06-06");
    /* "will be held": the auxiliary decides, not the participle */
    expect("The summit will be held on Thursday.", DCT, "Thursday", "DATE", "2025-06-05");
    /* a plan made in the past can still look ahead */
    expect("Protesters planned a march on Sunday.", DCT, "Sunday", "DATE", "2025-06-01");
    /* a present copula tied to the day states a coming date; "was" keeps it past */
    expect("The vote is on Tuesday.", DCT, "Tuesday", "DATE", "2025-06-03");
    expect("The deadline is Friday, officials say.", DCT, "Friday", "DATE", "2025-06-06");
    expect("The deadline was Friday.", DCT, "Friday", "DATE", "2025-05-30");
    expect("The strike that began on Monday is the largest.", DCT, "Monday", "DATE", "2025-05-26");
    expect("Election set for Sunday.", DCT, "Sunday", "DATE", "2025-06-01");
}

static void test_tense_months(void **state)
{
    (void)state;
    expect("The accord was signed in March.", DCT, "March", "DATE", "2025-03");
    expect("The accord was signed in December.", DCT, "December", "DATE", "2024-12");
    expect("Both sides will sign the accord in December.", DCT, "December", "DATE", "2025-12");
    expect("The vote will take place in March.", DCT, "March", "DATE", "2026-03");
    expect("The rights expire Nov. 21.", DCT, "Nov. 21", "DATE", "2025-11-21");
    expect("Fighting resumed on April 3.", DCT, "April 3", "DATE", "2025-04-03");
    expect("The offer lapsed in June last year.", DCT, "June last year", "DATE", "2024-06");
    expect("The launch is in March.", DCT, "March", "DATE", "2026-03");
}

static void test_vague(void **state)
{
    (void)state;
    /* today in its generic sense is the present age, not the dct */
    expect("The crisis is for today's youth what the war was for their parents.", DCT, "today", "DATE",
           "PRESENT_REF");
    expect("Fathers and mothers are equal in today's world.", DCT, "today", "DATE", "PRESENT_REF");
    expect("The ad ran in today's editions of the paper.", DCT, "today", "DATE", "2025-05-31");
    expect("Prices are now falling.", DCT, "now", "DATE", "PRESENT_REF");
    expect("The group currently holds 15% of the shares.", DCT, "currently", "DATE", "PRESENT_REF");
    expect("The firm recently cut jobs.", DCT, "recently", "DATE", "PAST_REF");
    expect("Nobody can predict the future.", DCT, "the future", "DATE", "FUTURE_REF");
    expect("The mine closed in late 2021.", DCT, "late 2021", "DATE", "2021");
    expect("Profits grew in recent years.", DCT, "recent years", "DURATION", "PXY");
    /* a stretch of unstated length from or up to now; not one anchored to an event */
    expect("Prices may rise in the weeks ahead.", DCT, "the weeks ahead", "DURATION", "PXW");
    expect("The scars will last for the years to come.", DCT, "the years to come", "DURATION", "PXY");
    expect("In the years that followed, the rebels regrouped.", DCT, "the years", "DURATION", "PXY");
    expect("In the months since, nothing has changed.", DCT, "the months", "DURATION", "PXM");
    expect_none("He hid in the days before the vote.", DCT);
    /* the dct's decade or century after "of"; not the turn of the century, not a history's decade */
    expect("Emissions must fall by the end of the decade.", DCT, "the end of the decade", "DATE", "202");
    expect("It was the worst drought of the century.", DCT, "the century", "DATE", "20");
    expect_none("The house dates from the turn of the century.", DCT);
}

static void test_durations(void **state)
{
    (void)state;
    expect("The siege lasted three years.", DCT, "three years", "DURATION", "P3Y");
    expect("The complaint follows a months-long review.", DCT, "months-long", "DURATION", "PXM"); /* not "a months" */
    expect("The meeting lasted 20 minutes.", DCT, "20 minutes", "DURATION", "PT20M");
    expect("He waited for 2 1/2 years.", DCT, "2 1/2 years", "DURATION", "P2Y6M");
    expect("They talked for half an hour.", DCT, "half an hour", "DURATION", "PT30M");
    expect("Sales rose in the first nine months.", DCT, "the first nine months", "DURATION", "P9M");
    expect("The talks took several weeks.", DCT, "several weeks", "DURATION", "PXW");
    expect("It approved a five-year plan.", DCT, "five-year", "DURATION", "P5Y");
    /* ages are not durations */
    expect_none("The 44-year-old driver, who is 52 years old, fled.", DCT);
}

static void test_sets(void **state)
{
    (void)state;
    expect("Inspectors visit every week.", DCT, "every week", "SET", "P1W");
    expect("The council meets weekly.", DCT, "weekly", "SET", "P1W");
    expect("The fair is held each year.", DCT, "each year", "SET", "P1Y");
    /* an amount per unit is one SET of the larger unit (TimeML: "three days every month" P1M) */
    expect("The plant runs 24 hours a day.", DCT, "24 hours a day", "SET", "P1D");
    expect("Guards work three days every month.", DCT, "three days every month", "SET", "P1M");
    expect("He slept five hours a night.", DCT, "five hours a night", "SET", "P1D");
    expect("He served 10 years a decade ago.", DCT, "10 years", "DURATION", "P10Y");
    expect("Flights leave each Thursday.", DCT, "each Thursday", "SET", "XXXX-WXX-4");
    expect("The shop is closed on Sundays.", DCT, "Sundays", "SET", "XXXX-WXX-7");
    expect("The bus runs every other day.", DCT, "every other day", "SET", "P2D");
}

static void test_times(void **state)
{
    (void)state;
    expect("The curfew starts at 8 p.m. in the capital.", DCT, "8 p.m.", "TIME", "2025-05-31T20:00");
    expect("The blast happened at 8:30 a.m. Friday.", DCT, "8:30 a.m. Friday", "TIME", "2025-05-30T08:30");
    expect("The offer will expire at noon Thursday.", DCT, "noon Thursday", "TIME", "2025-06-05T12:00");
    expect("Polls close at 20:00 GMT.", DCT, "20:00 GMT", "TIME", "2025-05-31T20:00");
    /* a clock time takes the day named in its sentence */
    expect("On Tuesday, the blast came at 10 a.m. near the port.", DCT, "10 a.m.", "TIME", "2025-05-27T10:00");
}

static void test_quarters_halves_fiscal(void **state)
{
    (void)state;
    expect("Profit rose in the third quarter.", "1998-10-20", "the third quarter", "DATE", "1998-Q3");
    expect("It posted a third-quarter loss.", "1998-10-20", "third-quarter", "DATE", "1998-Q3");
    expect("Sales fell in the fourth quarter.", "1998-02-10", "the fourth quarter", "DATE", "1997-Q4");
    /* ahead (a future or a deadline): the next quarter with that number, except the one just
     * ended when results are the topic (they are reported in the quarter after) */
    expect("The company will launch the phone in the fourth quarter.", "2026-03-12", "the fourth quarter", "DATE",
           "2026-Q4");
    expect("Analysts expect one more cut by the end of the second quarter.", "2026-03-12",
           "the end of the second quarter", "DATE", "2026-Q2");
    expect("The firm expects to report a loss for the fourth quarter.", "2026-03-12", "the fourth quarter", "DATE",
           "2025-Q4");
    expect("Output fell 3% in the second quarter.", "2026-03-12", "the second quarter", "DATE", "2025-Q2");
    /* codes: Q3, H1 2025, Q1 of 2025 (not H1N1) */
    expect("Q3 results beat forecasts.", "2025-11-17", "Q3", "DATE", "2025-Q3");
    expect("Q4 results beat forecasts.", "2025-02-17", "Q4", "DATE", "2024-Q4");
    expect("The company will launch the phone in Q3.", "2025-02-17", "Q3", "DATE", "2025-Q3");
    expect("Revenue rose in H2 2024.", "2025-11-17", "H2 2024", "DATE", "2024-H2");
    expect("Profit fell in Q1 of 2025.", "2025-11-17", "Q1 of 2025", "DATE", "2025-Q1");
    expect_none("The H1N1 virus spread.", "2025-11-17");
    expect_none("The quota of H1-B visas was reached.", "2025-11-17");
    /* "a year ago" next to a quarter is that quarter a year before; "15 years ago" a year */
    expect("Profit rose in the third quarter from a year ago.", "1998-10-20", "a year ago", "DATE", "1997-Q3");
    expect("Profit rose in the third quarter. The plant opened 15 years ago.", "1998-10-20", "15 years ago", "DATE",
           "1983");
    expect("Net rose from a year earlier.", "1998-10-20", "a year earlier", "DATE", "1997");
    expect("Profit rose in the third quarter, up from a year earlier.", "1998-10-20", "a year earlier", "DATE",
           "1997-Q3");
    expect("Earnings grew in the first half of 1997.", DCT, "the first half of 1997", "DATE", "1997-H1");
    expect("The company earned $3 million in fiscal 1989.", DCT, "fiscal 1989", "DATE", "1989");
    expect("Revenue rose in the third quarter of 1990.", DCT, "the third quarter of 1990", "DATE", "1990-Q3");
}

static void test_seasons_decades_centuries(void **state)
{
    (void)state;
    expect("The dam was finished last summer.", DCT, "last summer", "DATE", "2024-SU");
    expect("Snow fell in the winter of 1994.", DCT, "the winter of 1994", "DATE", "1994-WI");
    expect("The talks collapsed last fall.", DCT, "last fall", "DATE", "2024-FA");
    expect("It grew fast in the mid-1990s.", DCT, "the mid-1990s", "DATE", "199");
    expect("Wars of the 20th century shaped it.", DCT, "the 20th century", "DATE", "19");
    expect("Those bonds date from the '80s.", DCT, "the '80s", "DATE", "198");
    /* "the fall of" a city is not a season */
    expect_none("The fall of the city shocked him.", DCT);
}

static void test_anaphora(void **state)
{
    (void)state;
    expect("The war began in 1990. The following year, it spread.", DCT, "The following year", "DATE", "1991");
    expect("He was elected in 2012. That year, prices fell.", DCT, "That year", "DATE", "2012");
    expect("The deal closed on March 3, 2020. The next day, shares rose.", DCT, "The next day", "DATE",
           "2020-03-04");
}

/* "the day before/after <date>" is one date; "that same day" after a month is a day of
 * that month, unnamed. */
static void test_day_before_date(void **state)
{
    (void)state;
    /* DCT is a Saturday: last Tuesday is 2025-05-27 */
    expect("The day before last Tuesday's vote, the mayor resigned.", DCT, "The day before last Tuesday", "DATE",
           "2025-05-26");
    expect("Shops reopened the day after Christmas 2024.", DCT, "the day after Christmas 2024", "DATE",
           "2024-12-26");
    expect("They met on May 2, 2025. The talks failed the day after.", DCT, "the day after", "DATE", "2025-05-03");
    expect("The plant closed last October, and the workers left that same day.", DCT, "that same day", "DATE",
           "2024-10-XX");
    expect("The deal closed on March 3, 2020, and he resigned that same day.", DCT, "that same day", "DATE",
           "2020-03-03");
}

/* Times given by an event the text dated before: "the day after his death", "in the weeks
 * before the shooting", a clock time at the event or some days before it. */
static void test_event_days(void **state)
{
    (void)state;
    /* after a text that dates the shooting Oct. 23, 1998 (the dct is 1999-04-19) */
    static const struct {
        const char *then, *span, *type, *value;
    } AFTER_SHOT[] = {
        {"Friends came to the house the day after his death.", "the day", "DATE", "1998-10-24"},
        {"A van was seen near the house the day before the shooting.", "the day", "DATE", "1998-10-22"},
        /* a stretch of days or weeks: the month most of it lies in */
        {"His car was seen there in the weeks before the killing.", "the weeks", "DATE", "1998-10"},
        /* clock times: N days before the event; at the event; a day of their own goes first */
        {"A jogger saw the car at 6 a.m. ten days before the shooting.", "6 a.m.", "TIME", "1998-10-13T06:00"},
        {"The rifle was found on April 8. The judge was shot at 10 p.m. in his kitchen.", "10 p.m.", "TIME",
         "1998-10-23T22:00"},
        {"The rifle was found on April 8. Police came at 10 p.m. to the field.", "10 p.m.", "TIME",
         "1999-04-08T22:00"},
    };
    for (size_t i = 0; i < sizeof AFTER_SHOT / sizeof AFTER_SHOT[0]; i++) {
        char t[512];
        snprintf(t, sizeof t, "The judge was shot to death on Oct. 23 at his home. %s", AFTER_SHOT[i].then);
        expect(t, "1999-04-19", AFTER_SHOT[i].span, AFTER_SHOT[i].type, AFTER_SHOT[i].value);
    }
    expect("The mayor was shot to death on Oct. 3 at his home. His car was seen there in the weeks before the killing.",
           "1999-04-19", "the weeks", "DATE", "1998-09");
    expect("The mayor was killed in his kitchen by a sniper's bullet last fall. He was seen there in the days "
           "before the slaying.",
           "1999-04-19", "the days", "DATE", "1998-FA");
    expect("The mayor was cooking in his kitchen last fall when he was gunned down. He had been followed in the "
           "weeks before the shooting.",
           "1999-04-19", "the weeks", "DATE", "1998-FA");
    /* the day an event is dated by: a date next to it, not one of saying or charging */
    expect_absent("Police said Friday the judge was shot. Friends came the day after the shooting.", "1999-04-19",
                  "the day");
    expect_none("The judge was shot. Friends came the day after the shooting.", "1999-04-19");
    expect("A man was charged with murder Thursday in the Oct. 23 slaying. He was seen there the day before the "
           "shooting.",
           "1999-05-07", "the day", "DATE", "1998-10-22");
    expect("The Oct. 23 sniper shooting shocked the town. Friends came the day after the shooting.", "1999-04-19",
           "the day", "DATE", "1998-10-24");
    /* the first dated event of a kind is the story's: a later one does not move it */
    expect("The bombing on May 2 killed nine. Another bombing on May 9 killed two. Markets fell the day after the "
           "bombing.",
           DCT, "the day", "DATE", "2025-05-03");
}

/* "the past decade" is the ten years up to the dct, a duration; "the last decade" stays
 * the previous calendar decade (TimeBank's reading). */
static void test_past_decade(void **state)
{
    (void)state;
    expect("Threats became routine over the past decade.", DCT, "the past decade", "DURATION", "P10Y");
    expect("Cities grew faster in the past century than ever.", DCT, "the past century", "DURATION", "P100Y");
    expect("Wages lost ground to inflation in the last decade.", DCT, "the last decade", "DATE", "201");
}

/* "Easter week", "Christmas week": the ISO week of the holiday. */
static void test_holiday_week(void **state)
{
    (void)state;
    expect("Shops will close during Christmas week, the union said.", DCT, "Christmas week", "DATE", "2025-W52");
    expect("Pilgrims arrived in Rome as Easter week began.", "2025-04-14", "Easter week", "DATE", "2025-W16");
}

/* Seasons from the last mentioned date: that summer, the following spring. */
/* Reporting periods: "the year ended March 31" is a duration; "for the full year" the
 * dct's year. */
static void test_reporting_periods(void **state)
{
    (void)state;
    expect("Revenue rose in the year ended March 31.", DCT, "the year", "DURATION", "P1Y");
    expect("Net income in the fiscal year ending June 30 will fall.", DCT, "the fiscal year", "DURATION", "P1Y");
    expect("Sales for the full year were $6 billion.", DCT, "the full year", "DATE", "2025");
    expect("It expects lower earnings for the fiscal year.", DCT, "the fiscal year", "DATE", "2025");
    expect("For the year, volume was flat.", DCT, "the year", "DATE", "2025");
    expect("Profit should grow throughout the fiscal year.", DCT, "the fiscal year", "DURATION", "P1Y");
    expect("Prices rose during the month.", DCT, "the month", "DURATION", "P1M");
}

static void test_season_anaphora(void **state)
{
    (void)state;
    expect("The dam opened in 2011. That summer, the river flooded.", DCT, "That summer", "DATE", "2011-SU");
    expect("The strike began in 2016. The following spring, it ended.", DCT, "The following spring", "DATE",
           "2017-SP");
    expect("The mine closed in 2016. The previous winter had been harsh.", DCT, "The previous winter", "DATE",
           "2015-WI");
    expect("The fort fell in October 2003; the same winter it was rebuilt.", DCT, "the same winter", "DATE",
           "2003-WI");
    expect("She moved in 1990. That fall, she enrolled.", DCT, "That fall", "DATE", "1990-FA");
    /* "that fall within" is the verb */
    expect_none("Only events that fall within the period count.", DCT);
    /* months too: the following December, the previous March */
    expect("Voters elected him in October 2004; the assembly met the following December.", DCT,
           "the following December", "DATE", "2004-12");
    expect("He was elected in 2004, and the assembly met the following December.", DCT, "the following December",
           "DATE", "2005-12");
    expect("The plant closed in June 2010. The previous March, workers had struck.", DCT, "The previous March",
           "DATE", "2010-03");
    /* a spring after a reference in the fall is the next year's */
    expect("Work began in October 2003. The following spring, the roof went up.", DCT, "The following spring",
           "DATE", "2004-SP");
}

/* A written date that opens a sentence sets the year of the months named after it in
 * that sentence (not the next one, and not a year inside a relative clause). */
static void test_sentence_frame(void **state)
{
    (void)state;
    expect("In 1944, the troops landed on June 6.", DCT, "June 6", "DATE", "1944-06-06");
    expect("In 1862, in September, the army crossed the river.", DCT, "September", "DATE", "1862-09");
    expect("By 1990, prices had doubled in March alone.", DCT, "March", "DATE", "1990-03");
    /* the next sentence of a news report is back to the dct */
    expect("In 1990 the firm was founded. In March it cut jobs.", DCT, "March", "DATE", "2025-03");
    /* a year inside the sentence does not frame it */
    expect("Under a plan approved in 1987, it had bought shares in March.", DCT, "March", "DATE", "2025-03");
    /* a future clause keeps the dct */
    expect("In 1990, the firm was founded, and it will list shares in March.", DCT, "March", "DATE", "2026-03");
}

/* A history (no day or week relative to the dct, mostly years long before it): bare
 * months and seasons, "the end of the year", "the next day" follow the narrative. */
static void test_narrative_document(void **state)
{
    (void)state;
    const char *text = "The campaign was fought between two kingdoms from 1712 to 1715.\n\n"
                       "In the spring of 1712, the army gathered along the river. On 14 May, the first "
                       "columns crossed the border. The enemy responded in June. By the end of the year, "
                       "both sides had suffered heavy losses.\n\n"
                       "The winter of 1712 was harsh. In January, supplies ran short, and on February 3 the "
                       "garrison surrendered. The following spring, a truce was signed.\n\n"
                       "Fighting resumed in 1714. That summer, a battle was won near the coast. On July 9, "
                       "1714, the commander withdrew. The next day, the army marched north. In October, "
                       "talks began.";
    ng_doc_result *r = run(text, "2009-06-01");
    assert_string_equal(find(r, "14 May")->value, "1712-05-14");
    assert_string_equal(find(r, "June")->value, "1712-06");
    assert_string_equal(find(r, "the end of the year")->value, "1712");
    /* the winter of 1712 runs into 1713 */
    assert_string_equal(find(r, "January")->value, "1713-01");
    assert_string_equal(find(r, "February 3")->value, "1713-02-03");
    assert_string_equal(find(r, "The following spring")->value, "1713-SP");
    assert_string_equal(find(r, "That summer")->value, "1714-SU");
    assert_string_equal(find(r, "The next day")->value, "1714-07-10");
    assert_string_equal(find(r, "October")->value, "1714-10");
    done(r);
    /* the same history with a weekday in it is a news report: the dct decides */
    const char *news = "Officials said Monday that the archives of 1712, 1714 and 1715 reopened. "
                       "In September, the museum added rooms.";
    expect(news, "2009-06-03", "September", "DATE", "2008-09");
    /* ...and so is one list of old years */
    expect("The archives of 1712, 1714 and 1715 reopened. In September, the museum added rooms.", "2009-06-03",
           "September", "DATE", "2008-09");
    expect("The archives of 1712 reopened. Those of 1714 followed. In 1715, in May, the last one burned. "
           "In September, the museum added rooms.",
           "2009-06-03", "September", "DATE", "1715-09");
}

/* Tense refinements: the past perfect, "soon" after a past event, day-month order. */
static void test_tense_refinements(void **state)
{
    (void)state;
    /* "until"/"by" look ahead, but not in the past perfect */
    expect("Until Thursday, the police had not named a suspect.", DCT, "Thursday", "DATE", "2025-05-29");
    expect("It had been due to expire Friday.", DCT, "Friday", "DATE", "2025-05-30");
    expect("The talks will go on until Thursday.", DCT, "Thursday", "DATE", "2025-06-05");
    expect("He had until Thursday to answer.", DCT, "Thursday", "DATE", "2025-06-05");
    /* "soon" next to a past verb is soon after that event, not a future */
    expect_none("The hostage was soon released.", DCT);
    expect_none("The trickle soon became a flood.", DCT);
    expect("The plant will soon close.", DCT, "soon", "DATE", "FUTURE_REF");
    expect("The rules will be applied soon.", DCT, "soon", "DATE", "FUTURE_REF");
    expect("Prosecutors may soon seek an indictment.", DCT, "soon", "DATE", "FUTURE_REF");
    expect("The crisis could deepen if not resolved soon.", DCT, "soon", "DATE", "FUTURE_REF");
    /* a participle before "by" with no auxiliary is not the verb of the clause */
    expect("The talks, hosted by Egypt, will resume on Monday.", DCT, "Monday", "DATE", "2025-06-02");
    expect("Airlines will add flights by August to markets untouched by the crisis.", "2025-02-10", "August",
           "DATE", "2025-08");
    expect("The talks were hosted by Egypt on Monday.", DCT, "Monday", "DATE", "2025-05-26");
    /* May and March after a day number are months (day-month order) */
    expect("The column crossed the border on 14 May 2024.", DCT, "14 May 2024", "DATE", "2024-05-14");
    expect("The column crossed the border on 3 March.", DCT, "3 March", "DATE", "2025-03-03");
    /* ...but not a tennis score turned into a date by a spreadsheet */
    expect_none("He won 06-Feb, 07-May.", DCT);
}

static void test_no_dct_underspecified(void **state)
{
    (void)state;
    expect("Exports fell last year.", NULL, "last year", "DATE", "XXXX");
    expect("The envoy said on Thursday that talks stalled.", NULL, "Thursday", "DATE", "XXXX-WXX-4");
    expect("The minister resigned yesterday.", NULL, "yesterday", "DATE", "XXXX-XX-XX");
    expect("The accord was signed in March.", NULL, "March", "DATE", "XXXX-03");
    expect("The firm will sign the deal next month.", NULL, "next month", "DATE", "XXXX-XX");
    expect("Profit rose in the third quarter.", NULL, "the third quarter", "DATE", "XXXX-Q3");
    /* absolute expressions keep their values */
    expect("The plant opened in July 2024.", NULL, "July 2024", "DATE", "2024-07");
    expect("Prices are now falling.", NULL, "now", "DATE", "PRESENT_REF");
    /* a malformed dct is no dct */
    expect("Exports fell last year.", "yesterday", "last year", "DATE", "XXXX");
}

/* Values depend on the dct given, never on the day the test runs: with no dct no value
 * holds a year that is not written in the text, and two dcts give shifted values. */
static void test_values_do_not_depend_on_today(void **state)
{
    (void)state;
    const char *text = "Officials said Thursday that exports fell last year and will recover next month. "
                       "Two weeks ago the minister resigned; yesterday his deputy left. The firm posted "
                       "a third-quarter loss this week, and talks resume tomorrow at 9 a.m. Recently, "
                       "prices rose three years ago, earlier this year and this morning.";
    ng_doc_result *r = run(text, NULL);
    assert_true(r->timexes.n >= 10);
    for (size_t i = 0; i < r->timexes.n; i++) {
        /* no year (four digits in a row) can come from anywhere but the text */
        const char *v = r->timexes.v[i].value;
        int run_len = 0;
        for (const char *p = v; *p; p++) {
            run_len = (*p >= '0' && *p <= '9') ? run_len + 1 : 0;
            if (run_len >= 4) {
                fprintf(stderr, "value %s for \"%s\" holds a year not in the text\n", v, r->timexes.v[i].text);
                fail();
            }
        }
    }
    done(r);
    /* the same text against two dcts a year apart: every relative year moves by one */
    ng_doc_result *a = run(text, "2025-05-31"), *b = run(text, "2026-05-30");
    assert_int_equal(a->timexes.n, b->timexes.n);
    assert_string_equal(find(a, "last year")->value, "2024");
    assert_string_equal(find(b, "last year")->value, "2025");
    assert_string_equal(find(a, "yesterday")->value, "2025-05-30");
    assert_string_equal(find(b, "yesterday")->value, "2026-05-29");
    done(a);
    done(b);
}

static void test_precision(void **state)
{
    (void)state;
    assert_int_equal(ng_timex_precision("2024"), NG_PREC_YEAR);
    assert_int_equal(ng_timex_precision("2024-07"), NG_PREC_MONTH);
    assert_int_equal(ng_timex_precision("2025-W22"), NG_PREC_WEEK);
    assert_int_equal(ng_timex_precision("2025-05-29"), NG_PREC_DAY);
    assert_int_equal(ng_timex_precision("2025-05-31T20:00"), NG_PREC_TIME);
    assert_int_equal(ng_timex_precision("1998-Q3"), NG_PREC_YEAR);
    assert_int_equal(ng_timex_precision("PAST_REF"), NG_PREC_NONE);
    assert_int_equal(ng_timex_precision("P3Y"), NG_PREC_NONE);
    assert_int_equal(ng_timex_precision("XXXX-WXX-4"), NG_PREC_NONE);
    assert_int_equal(ng_timex_precision("199"), NG_PREC_NONE);
    assert_int_equal(ng_timex_precision(NULL), NG_PREC_NONE);
}

static void test_robust_inputs(void **state)
{
    (void)state;
    /* empty text, only punctuation, invalid bytes, very long numbers */
    ng_doc_result r;
    memset(&r, 0, sizeof r);
    assert_int_equal(ng_timex_extract(&r, NULL, "", 0, NULL, DCT), 0);
    assert_int_equal(r.timexes.n, 0);
    ng_doc_result *x = run("... -- ''' \xff\xfe 99999999999999999999 years --- Jan. :", DCT);
    done(x);
    x = run("Monday, Monday, Monday", NULL);
    done(x);
}

static void test_timeml_render(void **state)
{
    (void)state;
    const char *text = "Talks <ended> on Thursday & resume next month.";
    ng_doc_result *r = run(text, "2025-05-31");
    r->date = (char *)"2025-05-31";
    ng_buf out = {0};
    assert_int_equal(ng_timeml_render(&out, "doc \"1\"", text, strlen(text), r), 0);
    const char *s = out.data;
    assert_non_null(strstr(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert_non_null(strstr(s, "<DOCID>doc &quot;1&quot;</DOCID>"));
    assert_non_null(strstr(s, "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2025-05-31\" temporalFunction=\"false\" "
                              "functionInDocument=\"CREATION_TIME\">2025-05-31</TIMEX3></DCT>"));
    assert_non_null(strstr(s, "<TEXT>Talks &lt;ended&gt; on <TIMEX3 tid=\"t1\" type=\"DATE\" "
                              "value=\"2025-05-29\">Thursday</TIMEX3> &amp; resume <TIMEX3 tid=\"t2\" "
                              "type=\"DATE\" value=\"2025-06\">next month</TIMEX3>.</TEXT>"));
    assert_non_null(strstr(s, "</TimeML>"));
    ng_buf_free(&out);
    r->date = NULL;
    /* no dct: no DCT element; control characters and bad bytes do not break the XML */
    const char *bad = "Bad\x01 text \xff on Monday";
    done(r);
    r = run(bad, NULL);
    assert_int_equal(ng_timeml_render(&out, "d2", bad, strlen(bad), r), 0);
    assert_null(strstr(out.data, "<DCT>"));
    assert_non_null(strstr(out.data, "Bad  text \xEF\xBF\xBD on <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"XXXX-WXX-1\">"));
    ng_buf_free(&out);
    done(r);
    assert_int_equal(ng_timeml_render(&out, "x", NULL, 3, NULL), NG_EINVAL);
}

/* The word classes (one hash table for every list of timex_lex.c). */
static void test_lexicon(void **state)
{
    (void)state;
    int pl = 7;
    assert_int_equal(tx_month("january"), 1);
    assert_int_equal(tx_month("may"), 5);
    assert_int_equal(tx_month("sept."), 9);
    assert_int_equal(tx_month("sept"), 9);
    assert_int_equal(tx_month("dec"), 12);
    assert_int_equal(tx_month("January"), 0); /* lower-case forms only */
    assert_int_equal(tx_month("mayor"), 0);
    assert_int_equal(tx_month(""), 0);
    assert_int_equal(tx_month_full("october"), 10);
    assert_int_equal(tx_month_full("oct."), 0);
    assert_int_equal(tx_weekday_word("friday", &pl), 5);
    assert_int_equal(pl, 0);
    assert_int_equal(tx_weekday_word("sundays", &pl), 7);
    assert_int_equal(pl, 1);
    assert_int_equal(tx_weekday_word("fri", &pl), 0);
    assert_int_equal(pl, 0);
    assert_int_equal(tx_weekday_word("monday", NULL), 1);
    assert_int_equal(tx_season("autumn"), 3);
    assert_int_equal(tx_season("fall"), 3);
    assert_int_equal(tx_season("winter"), 4);
    assert_int_equal(tx_daypart("night"), 4);
    assert_int_equal(tx_daypart("nights"), 0);
    pl = 7;
    assert_int_equal(tx_unit("centuries", &pl), U_CENTURY);
    assert_int_equal(pl, 1);
    assert_int_equal(tx_unit("night", &pl), U_NIGHT);
    assert_int_equal(pl, 0);
    pl = 7;
    assert_int_equal(tx_unit("mins", &pl), U_MIN);
    assert_int_equal(pl, 1);
    pl = 7;
    assert_int_equal(tx_unit("daily", &pl), U_NONE);
    assert_int_equal(pl, 7); /* untouched when no unit */
    assert_int_equal(tx_unit("yr", NULL), U_YEAR);
    assert_int_equal(tx_cardinal("zero"), 0);
    assert_int_equal(tx_cardinal("nineteen"), 19);
    assert_int_equal(tx_cardinal("ninety"), 90);
    assert_int_equal(tx_cardinal("hundred"), -1);
    assert_int_equal(tx_cardinal("12"), -1);
    assert_int_equal(tx_ordinal("first"), 1);
    assert_int_equal(tx_ordinal("second"), 2);
    assert_int_equal(tx_ordinal("twentieth"), 20);
    assert_int_equal(tx_ordinal("thirtieth"), 30);
    assert_int_equal(tx_ordinal("22nd"), 22);
    assert_int_equal(tx_ordinal("3rd"), 3);
    assert_int_equal(tx_ordinal("3"), -1);
    assert_int_equal(tx_ordinal("12345th"), -1);
    assert_int_equal(tx_ordinal("thirty-first"), -1);
    assert_true(tx_is_past_verb("said"));
    assert_true(tx_is_past_verb("opened"));
    assert_true(tx_is_past_verb("outlined"));
    assert_false(tx_is_past_verb("need"));
    assert_false(tx_is_past_verb("hundred"));
    assert_false(tx_is_past_verb("scheduled"));
    assert_false(tx_is_past_verb("bed"));
    assert_false(tx_is_past_verb("says"));
    assert_true(tx_is_prep("throughout"));
    assert_false(tx_is_prep("under"));
    /* longer than any word the tagger keeps: no class, no crash */
    char big[200];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(tx_month(big), 0);
    assert_int_equal(tx_cardinal(big), -1);
    assert_false(tx_is_prep(big));
    /* tx_classify agrees with the functions and adds the computed classes */
    static const char *const WORDS[] = {"march", "fridays", "spring", "evening", "weeks", "seventy", "4th",
                                        "tenth", "was", "planned", "formally", "fly", "the", "last", "present",
                                        "nineties", "zzz", ""};
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++) {
        const char *w = WORDS[i];
        tx_info x;
        int p1 = 0, p2 = 0;
        tx_classify(w, &x);
        assert_int_equal(x.month, tx_month(w));
        assert_int_equal(x.month_full, tx_month_full(w));
        assert_int_equal(x.weekday, tx_weekday_word(w, &p1));
        assert_int_equal(x.wd_plural, p1);
        assert_int_equal(x.season, tx_season(w));
        assert_int_equal(x.daypart, tx_daypart(w));
        assert_int_equal(x.unit, tx_unit(w, &p2));
        if (x.unit)
            assert_int_equal(x.unit_plural, p2);
        assert_int_equal(x.cardinal, tx_cardinal(w));
        assert_int_equal(x.ordinal, tx_ordinal(w));
        assert_int_equal(!!(x.cls & TC_PAST), tx_is_past_verb(w));
        assert_int_equal(!!(x.cls & TC_PREP), tx_is_prep(w));
    }
    tx_info x;
    tx_classify("formally", &x);
    assert_true(x.cls & TC_ADVERB);
    tx_classify("fly", &x);
    assert_false(x.cls & TC_ADVERB);
    tx_classify("the", &x);
    assert_true((x.cls & TC_START) && (x.cls & TC_GENERIC) && (x.cls & TC_DET));
    static const char *const GEN[] = {"a", "an", "that", "at", "as", "this", "more", "new", "some", "no"};
    for (size_t i = 0; i < sizeof GEN / sizeof GEN[0]; i++) {
        tx_classify(GEN[i], &x);
        assert_true((x.cls & TC_START) && (x.cls & TC_GENERIC));
    }
    tx_classify("last", &x); /* last year, last Friday: tried everywhere */
    assert_true((x.cls & TC_START) && !(x.cls & TC_GENERIC));
    tx_classify("present", &x);
    assert_true(x.cls & TC_EXTRA);
    /* TC_TIMEWORD: a START word or a time word of the table (what may_start tests) */
    for (size_t i = 0; i < sizeof WORDS / sizeof WORDS[0]; i++) {
        const char *w = WORDS[i];
        tx_classify(w, &x);
        int timeword = tx_month(w) || tx_weekday_word(w, NULL) || tx_season(w) || tx_daypart(w) ||
                       tx_unit(w, NULL) || tx_cardinal(w) >= 0 || (w[0] > '9' && tx_ordinal(w) > 0) ||
                       (tx_lookup(w)->cls & TC_START);
        assert_int_equal(!!(x.cls & TC_TIMEWORD), timeword);
    }
    static const char *const FOLLOWS[] = {"end", "latter", "least", "than", "near", "full", "or", "and",
                                          "corresponding"};
    for (size_t i = 0; i < sizeof FOLLOWS / sizeof FOLLOWS[0]; i++) {
        tx_classify(FOLLOWS[i], &x);
        assert_true((x.cls & TC_FOLLOW) && !(x.cls & (TC_START | TC_EXTRA)));
    }
    /* the word stream's characters: ASCII letters and digits with their lower case */
    const uint16_t *wc = tx_word_chars();
    for (unsigned ch = 0; ch < 256; ch++) {
        unsigned want = ch >= 'a' && ch <= 'z'   ? ch | TX_CH_LOWER
                        : ch >= 'A' && ch <= 'Z' ? (ch | 0x20) | TX_CH_UPPER
                        : ch >= '0' && ch <= '9' ? ch | TX_CH_DIGIT
                                                 : 0;
        assert_int_equal(wc[ch], want);
    }
    /* past forms and adverbs by their endings beyond the table's word length */
    tx_classify("reconstitutionalizationed", &x);
    assert_true((x.cls & TC_PAST) && !(x.cls & TC_ADVERB) && x.cardinal == -1);
    tx_classify("reconstitutionalizationally", &x);
    assert_true((x.cls & TC_ADVERB) && !(x.cls & TC_PAST));
}

/* TIMEX3 values of every granularity, unknown parts and out-of-range numbers
 * (printf's zero padding, the sign inside the width). */
static void test_format(void **state)
{
    (void)state;
    static const struct {
        tgran g;
        int y, m, d, q, wd;
        const char *tod, *want;
    } T[] = {
        {G_NONE, 2025, 5, 31, 0, 0, "", ""},
        {G_NONE, 2025, 5, 31, 0, 0, "TMO", "TMO"},
        {G_CENTURY, 1999, 0, 0, 0, 0, "", "19"},
        {G_CENTURY, 512, 0, 0, 0, 0, "", "05"},
        {G_CENTURY, -250, 0, 0, 0, 0, "", "-2"},
        {G_CENTURY, TX_UNK, 0, 0, 0, 0, "", "XX"},
        {G_DECADE, 1995, 0, 0, 0, 0, "", "199"},
        {G_DECADE, 85, 0, 0, 0, 0, "", "008"},
        {G_DECADE, -250, 0, 0, 0, 0, "", "-25"},
        {G_DECADE, TX_UNK, 0, 0, 0, 0, "", "XXX"},
        {G_YEAR, 2025, 0, 0, 0, 0, "", "2025"},
        {G_YEAR, 987, 0, 0, 0, 0, "", "0987"},
        {G_YEAR, 12345, 0, 0, 0, 0, "", "2345"},
        {G_YEAR, -5, 0, 0, 0, 0, "", "0000"},
        {G_YEAR, TX_UNK, 0, 0, 0, 0, "", "XXXX"},
        {G_HALF, 2025, 0, 0, 2, 0, "", "2025-H2"},
        {G_HALF, 2025, 0, 0, 0, 0, "", "2025-HX"},
        {G_QUARTER, 2025, 0, 0, 3, 0, "", "2025-Q3"},
        {G_QUARTER, TX_UNK, 0, 0, 0, 0, "", "XXXX-QX"},
        {G_QUARTER, 2025, 0, 0, -12, 0, "", "2025-Q-12"},
        {G_SEASON, 2025, 0, 0, 4, 0, "", "2025-WI"},
        {G_SEASON, 2025, 0, 0, 9, 0, "", "2025-SP"},
        {G_MONTH, 2025, 5, 0, 0, 0, "", "2025-05"},
        {G_MONTH, 2025, 0, 0, 0, 0, "", "2025-XX"},
        {G_MONTH, 2025, 123, 0, 0, 0, "", "2025-123"},
        {G_WEEK, 2025, 5, 31, 0, 0, "", "2025-W22"},
        {G_WEEK, 2021, 1, 1, 0, 0, "", "2020-W53"},
        {G_WEEKEND, 2025, 5, 31, 0, 0, "", "2025-W22-WE"},
        {G_WEEKEND, TX_UNK, 5, 31, 0, 0, "", "XXXX-WXX-WE"},
        {G_DAY, 2025, 5, 31, 0, 0, "", "2025-05-31"},
        {G_DAY, 2025, 5, 31, 0, 0, "T20:00", "2025-05-31T20:00"},
        {G_DAY, 2025, 0, 0, 0, 0, "", "2025-XX-XX"},
        {G_DAY, 2025, 5, -3, 0, 0, "", "2025-05--3"},
        {G_DAY, TX_UNK, 0, 0, 0, 3, "TNI", "XXXX-WXX-3TNI"},
        {G_DAY, TX_UNK, 7, 4, 0, 0, "", "XXXX-07-04"}};
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        char out[48]; /* the size of a candidate's value (timex.c) */
        tdate t = {.g = T[i].g, .y = T[i].y, .m = T[i].m, .d = T[i].d, .q = T[i].q, .wd = T[i].wd};
        snprintf(t.tod, sizeof t.tod, "%s", T[i].tod);
        tx_format(&t, out, sizeof out);
        assert_string_equal(out, T[i].want);
    }
    char small[8];
    tdate t = {.g = G_DAY, .y = 2025, .m = 5, .d = 31};
    tx_format(&t, small, sizeof small);
    assert_string_equal(small, "2025-05"); /* cut to fit */
}

/* The word stream lower-cases and hashes each word itself (word_shape): upper case,
 * curly apostrophes, non-ASCII letters and long words find what tx_classify finds. */
static void test_word_forms(void **state)
{
    (void)state;
    expect("Crowds gathered on New Year\xe2\x80\x99s Day.", DCT, "New Year\xe2\x80\x99s Day", "DATE", "2025-01-01");
    expect("SALES ROSE IN THE THIRD QUARTER.", DCT, "THE THIRD QUARTER", "DATE", "2024-Q3");
    expect("The Incorporated-Administrations-Of-Everywhere met LAST FRIDAY.", DCT, "LAST FRIDAY", "DATE",
           "2025-05-30");
    expect_none("The caf\xc3\xa9 reopened in M\xc3\xa4rch after Th\xc3\xbcrsday.", DCT);
}

/* Expressions begun by a generic word (the, a, at, as, more, no, new, these) whose other
 * words are not time words themselves: may_start must still try them. */
static void test_generic_starts(void **state)
{
    (void)state;
    expect("Prices are high at present, he said.", DCT, "at present", "DATE", "PRESENT_REF");
    expect("That was the present that he gave.", DCT, "the present", "DATE", "PRESENT_REF");
    expect("The talks will resume at a later date.", DCT, "a later date", "DATE", "FUTURE_REF");
    expect("Aid must arrive as soon as possible.", DCT, "as soon as possible", "DATE", "FUTURE_REF");
    expect("Rates will stay low in the near future.", DCT, "the near future", "DATE", "FUTURE_REF");
    expect("The firm is sound in the long term.", DCT, "the long term", "DATE", "FUTURE_REF");
    expect("Rock music grew in the nineties.", DCT, "the nineties", "DATE", "199");
    expect("The twenties were loud.", DCT, "The twenties", "DATE", "202");
    expect("Profit rose in the latest period.", DCT, "the latest period", "DATE", "2025-Q1");
    expect("Profit rose at the end of the same latest period.", DCT, "the end of the same latest period", "DATE",
           "2025-Q1");
    expect("Sales fell in the latter half of 1989.", DCT, "the latter half of 1989", "DATE", "1989-H2");
    expect("He waited for more than a year.", DCT, "more than a year", "DURATION", "P1Y");
    expect("It took no more than two weeks.", DCT, "no more than two weeks", "DURATION", "P2W");
    expect("Crowds gathered on New Year's Day.", DCT, "New Year's Day", "DATE", "2025-01-01");
    expect("These days the town is quiet.", DCT, "These days", "DATE", "PRESENT_REF");
    expect("The vote came at the end of the year.", DCT, "the end of the year", "DATE", "2025");
    expect("The fiscal first quarter ended.", DCT, "The fiscal first quarter", "DATE", "2025-Q1");
    /* generic words before a word that is no time word itself (TC_FOLLOW) */
    expect("The fund lost at least 20 percent in the last two weeks.", DCT, "the last two weeks", "DURATION",
           "P2W");
    expect("They waited at least two weeks.", DCT, "at least two weeks", "DURATION", "P2W");
    expect("The loan runs up to five years.", DCT, "up to five years", "DURATION", "P5Y");
    expect("It took a full year to rebuild.", DCT, "a full year", "DURATION", "P1Y");
    expect("He served an additional year abroad.", DCT, "an additional year", "DURATION", "P1Y");
    expect("Sales rose in the most recent quarter.", DCT, "the most recent quarter", "DATE", "2025-Q1");
    expect("Profit fell from the corresponding quarter.", DCT, "the corresponding quarter", "DATE", "2025-Q1");
    expect("Rates will rise in the short term.", DCT, "the short term", "DATE", "FUTURE_REF");
    expect("Peace may come in the distant future.", DCT, "the distant future", "DATE", "FUTURE_REF");
    expect("Work began at the beginning of 2024.", DCT, "the beginning of 2024", "DATE", "2024");
    expect("Talks resume in the middle of next year.", DCT, "the middle of next year", "DATE", "2026");
    /* generic words with no time word after them in their sentence */
    expect_none("The man that said a few words at the meeting as a guest left.", DCT);
    expect_none("Those were the days of the old town.\n\nThe end of the", DCT);
}

/* Shared between the threads of test_threads. */
typedef struct {
    const char *text;
    size_t n;
    char sig[2048];
    int rc;
} tx_job;

/* The timexes of a text as one string. */
static void signature(const ng_doc_result *r, char *out, size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < r->timexes.n && o + 1 < cap; i++) {
        int k = snprintf(out + o, cap - o, "%u-%u:%s:%s;", r->timexes.v[i].start, r->timexes.v[i].end,
                         r->timexes.v[i].type, r->timexes.v[i].value);
        if (k < 0)
            break;
        o += (size_t)k;
    }
}

/* The text of a file with its <tags> taken out (TimeML); NULL if it cannot be read. */
static char *read_untagged(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *s = malloc(cap);
    int ch, in_tag = 0;
    while (s && (ch = fgetc(f)) != EOF) {
        if (ch == '<')
            in_tag = 1;
        if (!in_tag) {
            if (n + 2 > cap)
                s = realloc(s, cap *= 2);
            if (s)
                s[n++] = (char)ch;
        }
        if (ch == '>')
            in_tag = 0;
    }
    fclose(f);
    if (s)
        s[n] = '\0';
    return s;
}

/* ng_timex_extract and ng_timex_extract_every_start give the same expressions for one
 * file; returns how many there were. */
static size_t same_with_every_start(const char *path)
{
    char *text = read_untagged(path);
    assert_non_null(text);
    size_t len = strlen(text);
    ng_tokens tk;
    ng_doc_result a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    assert_int_equal(ng_text_analyze(&tk, text, len), 0);
    assert_int_equal(ng_timex_extract(&a, NULL, text, len, &tk, DCT), 0);
    assert_int_equal(ng_timex_extract_every_start(&b, text, len, &tk, DCT), 0);
    if (a.timexes.n != b.timexes.n)
        fprintf(stderr, "%s: %zu expressions, %zu when every word may start one\n", path, a.timexes.n,
                b.timexes.n);
    for (size_t i = 0; i < a.timexes.n && i < b.timexes.n; i++) {
        const ng_timex_m *x = &a.timexes.v[i], *y = &b.timexes.v[i];
        if (x->start != y->start || x->end != y->end || strcmp(x->value, y->value) || strcmp(x->type, y->type))
            fprintf(stderr, "%s: '%s' %s, '%s' %s when every word may start one: a rule takes a word after "
                    "a generic one that timex_lex.c's FOLLOW does not list\n", path, x->text, x->value, y->text,
                    y->value);
        assert_int_equal(x->start, y->start);
        assert_int_equal(x->end, y->end);
        assert_string_equal(x->value, y->value);
        assert_string_equal(x->type, y->type);
    }
    assert_int_equal(a.timexes.n, b.timexes.n);
    size_t n = a.timexes.n;
    for (size_t i = 0; i < a.timexes.n; i++)
        free(a.timexes.v[i].text);
    for (size_t i = 0; i < b.timexes.n; i++)
        free(b.timexes.v[i].text);
    free(a.timexes.v);
    free(b.timexes.v);
    ng_tokens_free(&tk);
    free(text);
    return n;
}

/* The shortcut of may_start (a generic word is tried only before a word of FOLLOW, START,
 * EXTRA, a time word or a number) changes nothing: on the seeds and, when ../shared is
 * there, on every TimeBank and AQUAINT text, the expressions are those found when every
 * word may start one.  The same runs check the other shortcuts against the plain scans
 * they replace (ng_timex_extract_every_start fails on a difference). */
static void test_follow_list_complete(void **state)
{
    (void)state;
    static const char *const dirs[] = {NG_SOURCE_DIR "/seeds", NG_SOURCE_DIR "/../shared/data/timeml/timebank",
                                       NG_SOURCE_DIR "/../shared/data/timeml/aquaint"};
    size_t files = 0, found = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir) {
            assert_true(d > 0); /* the seeds are part of the project */
            fprintf(stderr, "skip: %s is absent (../shared): checked the other texts only\n", dirs[d]);
            continue;
        }
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t n = strlen(e->d_name);
            if (n < 5 || (strcmp(e->d_name + n - 4, ".tml") && strcmp(e->d_name + n - 4, ".txt")))
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
            found += same_with_every_start(path);
            files++;
        }
        closedir(dir);
    }
    assert_true(files >= 2 && found > 0);
}

/* tx_lookup (hash, FILTER, padded compare) finds what a scan of every slot finds: for
 * every word of the table, its upper-case and one-letter-off forms, and every word of
 * the seeds (and of TimeBank when ../shared is there), as the word stream lower-cases
 * them. */
static void lookup_agrees(const char *w)
{
    const tx_info *a = tx_lookup(w), *b = tx_lookup_scan(w);
    if (a != b)
        fprintf(stderr, "tx_lookup(\"%s\") differs from the scan of the table\n", w);
    assert_ptr_equal(a, b);
}

static void lookup_words_of(const char *path)
{
    char *text = read_untagged(path);
    if (!text)
        return;
    char w[TW_LOWMAX + 8];
    size_t n = 0;
    for (const char *p = text;; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch && (ch == '\'' || ch == '.' || (ch >= '0' && ch <= '9') || ((ch | 32) >= 'a' && (ch | 32) <= 'z'))) {
            if (n + 1 < sizeof w)
                w[n++] = (char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
            continue;
        }
        w[n] = '\0';
        if (n)
            lookup_agrees(w);
        n = 0;
        if (!ch)
            break;
    }
    free(text);
}

static void test_lookup_filter(void **state)
{
    (void)state;
    size_t k = 0;
    const char *w;
    while ((w = tx_table_word(k++))) {
        lookup_agrees(w);
        assert_ptr_not_equal(tx_lookup(w), &TX_NONE);
        char v[TW_LOWMAX + 2];
        size_t n = strlen(w);
        memcpy(v, w, n + 1);
        for (size_t i = 0; i < n; i++) {
            v[i] = (char)(w[i] == 'z' ? 'a' : w[i] + 1);
            lookup_agrees(v);
            v[i] = w[i];
        }
        v[n] = 's', v[n + 1] = '\0';
        lookup_agrees(v);
    }
    assert_true(k > 400);
    static const char *const dirs[] = {NG_SOURCE_DIR "/seeds", NG_SOURCE_DIR "/../shared/data/timeml/timebank"};
    for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir)
            continue;
        struct dirent *e;
        while ((e = readdir(dir))) {
            char path[4096];
            if (e->d_name[0] == '.')
                continue;
            snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
            lookup_words_of(path);
        }
        closedir(dir);
    }
}

/* Extract a text many times in a thread (the word table is built by whichever comes first). */
static void *tx_thread(void *arg)
{
    tx_job *j = arg;
    ng_tokens tk;
    if (ng_text_analyze(&tk, j->text, strlen(j->text))) {
        j->rc = -1;
        return NULL;
    }
    for (int rep = 0; rep < 30; rep++) {
        ng_doc_result r;
        memset(&r, 0, sizeof r);
        if (ng_timex_extract(&r, NULL, j->text, strlen(j->text), &tk, DCT))
            j->rc = -1;
        signature(&r, j->sig, sizeof j->sig);
        j->n = r.timexes.n;
        for (size_t i = 0; i < r.timexes.n; i++)
            free(r.timexes.v[i].text);
        free(r.timexes.v);
    }
    ng_tokens_free(&tk);
    return NULL;
}

/* Extraction in parallel threads gives what it gives alone. */
static void test_threads(void **state)
{
    (void)state;
    const char *text = "The envoy said on Thursday that talks had stalled. Exports fell last year, and the "
                       "firm will report third-quarter results next month. Two weeks ago, at 8 p.m. Friday, "
                       "the rebels withdrew; they will return in the near future, every other day, for "
                       "several weeks.";
    tx_job jobs[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].text = text;
        assert_int_equal(pthread_create(&th[i], NULL, tx_thread, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_join(th[i], NULL), 0);
    ng_doc_result *r = run(text, DCT);
    char sig[2048];
    signature(r, sig, sizeof sig);
    assert_true(r->timexes.n >= 8);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(jobs[i].rc, 0);
        assert_int_equal(jobs[i].n, r->timexes.n);
        assert_string_equal(jobs[i].sig, sig);
    }
    done(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_absolute_dates),
        cmocka_unit_test(test_years_are_not_amounts),
        cmocka_unit_test(test_relative_days),
        cmocka_unit_test(test_relative_units),
        cmocka_unit_test(test_tense_weekdays),
        cmocka_unit_test(test_tense_months),
        cmocka_unit_test(test_vague),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_sets),
        cmocka_unit_test(test_times),
        cmocka_unit_test(test_quarters_halves_fiscal),
        cmocka_unit_test(test_seasons_decades_centuries),
        cmocka_unit_test(test_anaphora),
        cmocka_unit_test(test_day_before_date),
        cmocka_unit_test(test_event_days),
        cmocka_unit_test(test_holiday_week),
        cmocka_unit_test(test_past_decade),
        cmocka_unit_test(test_reporting_periods),
        cmocka_unit_test(test_season_anaphora),
        cmocka_unit_test(test_sentence_frame),
        cmocka_unit_test(test_narrative_document),
        cmocka_unit_test(test_tense_refinements),
        cmocka_unit_test(test_no_dct_underspecified),
        cmocka_unit_test(test_values_do_not_depend_on_today),
        cmocka_unit_test(test_precision),
        cmocka_unit_test(test_robust_inputs),
        cmocka_unit_test(test_timeml_render),
        cmocka_unit_test(test_lexicon),
        cmocka_unit_test(test_generic_starts),
        cmocka_unit_test(test_word_forms),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_follow_list_complete),
        cmocka_unit_test(test_lookup_filter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
