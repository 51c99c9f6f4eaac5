/* timex.h - TIMEX3 recognition and normalization, anchored to the publication date. */
#ifndef NG_TIMEX_H
#define NG_TIMEX_H

#include <stddef.h>
#include "result.h"
#include "lexicon.h"
#include "../text/text.h"

/* Find time expressions in text[0..len) (already split into tokens/sentences) and
 * append them to r->timexes in text order.  `dct` is the publication date
 * (YYYY-MM-DD) or NULL: with none, relative expressions keep underspecified values
 * (never the system clock). */
int ng_timex_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, size_t len,
                     const ng_tokens *tk, const char *dct);

/* The same without the shortcut that tries a generic word (the, a, that ...) only before
 * a word some rule takes after it (timex_lex.c: FOLLOW): slower, and equal to
 * ng_timex_extract as long as that list is complete, which the tests check with it.
 * The other shortcuts are checked here against the plain scans they replace: NG_EINVAL
 * if one gave another answer. */
int ng_timex_extract_every_start(ng_doc_result *r, const char *text, size_t len, const ng_tokens *tk,
                                 const char *dct);

/* Precision of a TIMEX3 value: year, month, week, day, time, or none (vague/duration). */
ng_precision ng_timex_precision(const char *value);

#endif
