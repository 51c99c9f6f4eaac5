/* timex_cal.c - calendar arithmetic and TIMEX3 value formatting for the time tagger
 * (proleptic Gregorian calendar, ISO weeks). */
#include <stdlib.h>
#include <string.h>
#include "timex_int.h"

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
long tx_days(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Civil date of a day count. */
void tx_civil(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

int tx_weekday(int y, int m, int d)
{
    long z = tx_days(y, m, d);
    long w = (z % 7 + 7 + 3) % 7; /* 1970-01-01 was a Thursday (3 when Monday is 0) */
    return (int)w + 1;
}

int tx_mdays(int y, int m)
{
    static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return (m >= 1 && m <= 12) ? md[m - 1] : 31;
}

void tx_isoweek(int y, int m, int d, int *wy, int *wn)
{
    long z = tx_days(y, m, d);
    int wd = tx_weekday(y, m, d);
    long thu = z - wd + 4; /* the Thursday of this ISO week decides its year */
    int ty, tm, td;
    tx_civil(thu, &ty, &tm, &td);
    long jan1 = tx_days(ty, 1, 1);
    *wy = ty;
    *wn = (int)((thu - jan1) / 7 + 1);
}

void tx_add_days(tdate *t, long n)
{
    if (t->y == TX_UNK)
        return;
    long z = tx_days(t->y, t->m ? t->m : 1, t->d ? t->d : 1) + n;
    tx_civil(z, &t->y, &t->m, &t->d);
}

void tx_shift(tdate *t, int n)
{
    if (t->y == TX_UNK || n == 0)
        return;
    switch (t->g) {
    case G_CENTURY:
        t->y += 100 * n;
        break;
    case G_DECADE:
        t->y += 10 * n;
        break;
    case G_YEAR:
    case G_SEASON:
        t->y += n;
        break;
    case G_HALF: {
        int k = t->y * 2 + (t->q - 1) + n;
        t->y = k >= 0 ? k / 2 : -((-k + 1) / 2);
        t->q = k - t->y * 2 + 1;
        break;
    }
    case G_QUARTER: {
        int k = t->y * 4 + (t->q - 1) + n;
        t->y = k >= 0 ? k / 4 : -((-k + 3) / 4);
        t->q = k - t->y * 4 + 1;
        break;
    }
    case G_MONTH: {
        int k = t->y * 12 + (t->m - 1) + n;
        t->y = k >= 0 ? k / 12 : -((-k + 11) / 12);
        t->m = k - t->y * 12 + 1;
        if (t->d > tx_mdays(t->y, t->m))
            t->d = tx_mdays(t->y, t->m);
        break;
    }
    case G_WEEK:
    case G_WEEKEND:
        tx_add_days(t, 7L * n);
        break;
    case G_DAY:
        tx_add_days(t, n);
        break;
    default:
        break;
    }
}

/* Write v as printf's "%0*d" does (zero-padded to width, a minus sign inside it) at o;
 * returns the length. */
static size_t put_num(char *o, int v, int width)
{
    char dig[12];
    int k = 0;
    unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
    do
        dig[k++] = (char)('0' + u % 10);
    while (u /= 10);
    size_t p = 0;
    if (v < 0)
        o[p++] = '-';
    for (int z = k + (v < 0); z < width; z++)
        o[p++] = '0';
    while (k)
        o[p++] = dig[--k];
    return p;
}

/* Write s at o; returns its length. */
static size_t put_str(char *o, const char *s)
{
    size_t n = strlen(s);
    memcpy(o, s, n);
    return n;
}

/* Write the year (or XXXX) at o; returns the length. */
static size_t put_year(char *o, int y)
{
    if (y == TX_UNK)
        return put_str(o, "XXXX");
    return put_num(o, y < 0 ? 0 : y % 10000, 4);
}

/* Write "-" and a month or day number (or XX) at o; returns the length. */
static size_t put_part(char *o, int v)
{
    o[0] = '-';
    return 1 + (v ? put_num(o + 1, v, 2) : put_str(o + 1, "XX"));
}

void tx_format(const tdate *t, char *out, size_t cap)
{
    static const char *const SEASON[] = {"SP", "SU", "FA", "WI"};
    char o[96]; /* the longest value is far shorter: ints of 11 characters, tod of 11 */
    size_t n = 0;
    switch (t->g) {
    case G_CENTURY:
        n = t->y == TX_UNK ? put_str(o, "XX") : put_num(o, (t->y / 100) % 100, 2);
        break;
    case G_DECADE:
        n = t->y == TX_UNK ? put_str(o, "XXX") : put_num(o, (t->y / 10) % 1000, 3);
        break;
    case G_YEAR:
        n = put_year(o, t->y);
        break;
    case G_HALF:
    case G_QUARTER:
        n = put_year(o, t->y);
        n += put_str(o + n, t->g == G_HALF ? "-H" : "-Q");
        n += t->q ? put_num(o + n, t->q, 0) : put_str(o + n, "X");
        break;
    case G_SEASON:
        n = put_year(o, t->y);
        o[n++] = '-';
        n += put_str(o + n, SEASON[(t->q >= 1 && t->q <= 4) ? t->q - 1 : 0]);
        break;
    case G_MONTH:
        n = put_year(o, t->y);
        n += put_part(o + n, t->m);
        break;
    case G_WEEK:
    case G_WEEKEND:
        if (t->y == TX_UNK) {
            n = put_str(o, "XXXX-WXX");
        } else {
            int wy, wn;
            tx_isoweek(t->y, t->m, t->d, &wy, &wn);
            n = put_num(o, wy, 4);
            n += put_str(o + n, "-W");
            n += put_num(o + n, wn, 2);
        }
        if (t->g == G_WEEKEND)
            n += put_str(o + n, "-WE");
        break;
    case G_DAY:
        if (t->y == TX_UNK && t->wd) {
            n = put_str(o, "XXXX-WXX-");
            n += put_num(o + n, t->wd, 0);
        } else {
            n = put_year(o, t->y);
            n += put_part(o + n, t->m);
            n += put_part(o + n, t->d);
        }
        break;
    default:
        break;
    }
    n += put_str(o + n, t->tod); /* tod is NUL-terminated within its 12 bytes */
    if (n >= cap)
        n = cap - 1; /* cut to fit, as snprintf would */
    memcpy(out, o, n);
    out[n] = '\0';
}

/* Read exactly k digits at s; -1 if not digits. */
static int digits(const char *s, int k)
{
    int v = 0;
    for (int i = 0; i < k; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int tx_parse(const char *v, tdate *t)
{
    memset(t, 0, sizeof *t);
    size_t n = strlen(v);
    int y = n >= 4 ? digits(v, 4) : -1;
    if (y < 0)
        return 0;
    t->y = y;
    if (n == 4) {
        t->g = G_YEAR;
        return 1;
    }
    if (v[4] != '-' || n < 7)
        return 0;
    if (v[5] == 'Q' && n == 7 && v[6] >= '1' && v[6] <= '4') {
        t->g = G_QUARTER;
        t->q = v[6] - '0';
        return 1;
    }
    if (v[5] == 'H' && n == 7 && v[6] >= '1' && v[6] <= '2') {
        t->g = G_HALF;
        t->q = v[6] - '0';
        return 1;
    }
    if (v[5] == 'W') {
        int w = digits(v + 6, 2);
        if (w < 1 || n != 8)
            return 0;
        /* the Monday of ISO week w */
        long jan4 = tx_days(y, 1, 4);
        long mon = jan4 - (tx_weekday(y, 1, 4) - 1) + 7L * (w - 1);
        tx_civil(mon, &t->y, &t->m, &t->d);
        t->g = G_WEEK;
        return 1;
    }
    int m = digits(v + 5, 2);
    if (m < 1 || m > 12)
        return 0;
    t->m = m;
    if (n == 7) {
        t->g = G_MONTH;
        return 1;
    }
    if (n >= 10 && v[7] == '-') {
        int d = digits(v + 8, 2);
        if (d < 1 || d > tx_mdays(y, m))
            return 0;
        t->d = d;
        t->g = G_DAY;
        return n == 10;
    }
    return 0;
}
