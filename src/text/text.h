/* text.h - UTF-8 helpers, sentence splitting and tokenization with byte offsets.
 *
 * Offsets are byte offsets into the analysis text of a document (for plain text,
 * the file's own bytes).  Tokens never cross a sentence boundary. */
#ifndef NG_TEXT_H
#define NG_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "../util/util.h"

/* Token flags. */
enum {
    NG_TOK_UPPER1 = 1 << 0,    /* first letter upper case */
    NG_TOK_ALLCAPS = 1 << 1,   /* letters all upper case, at least one letter */
    NG_TOK_DIGIT = 1 << 2,     /* contains a digit */
    NG_TOK_ALPHA = 1 << 3,     /* contains a letter */
    NG_TOK_PUNCT = 1 << 4,     /* only punctuation / symbols */
    NG_TOK_SENT_START = 1 << 5, /* first token of its sentence (after opening quotes) */
    NG_TOK_POSS = 1 << 6,      /* a possessive clitic: 's, ’s, ' */
    NG_TOK_LINE_START = 1 << 7 /* first token on its line */
};

typedef struct {
    uint32_t start, end; /* byte offsets, end exclusive */
    uint32_t flags;
} ng_token;

typedef struct {
    uint32_t start, end;     /* byte offsets of the sentence */
    uint32_t tok_begin, tok_end; /* token index range */
    uint32_t flags;          /* NG_SENT_* */
} ng_sentence;

enum {
    NG_SENT_HEADLINE = 1 << 0 /* a line with no final punctuation, standing alone (title, heading) */
};

typedef struct {
    ng_token *toks;
    size_t ntoks, tokcap;
    ng_sentence *sents;
    size_t nsents, sentcap;
} ng_tokens;

/* Split text[0..len) into sentences and tokens.  Regions of only white space are
 * skipped.  Returns 0 or NG_ENOMEM. */
int ng_text_analyze(ng_tokens *out, const char *text, size_t len);
void ng_tokens_free(ng_tokens *t);

/* Decode one UTF-8 code point at s[i..n); sets *cp and returns its byte length
 * (1 for an invalid byte, with *cp = 0xFFFD).  Inline for ASCII: the tokenizer, the
 * tagger and the time expressions decode every byte of every document. */
int ng_utf8_decode_mb(const char *s, size_t n, size_t i, uint32_t *cp); /* the general case */
static inline int ng_utf8_decode(const char *s, size_t n, size_t i, uint32_t *cp)
{
    if (i < n && (unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    return ng_utf8_decode_mb(s, n, i, cp);
}
/* Replace invalid UTF-8 bytes with '?' and NULs/other C0 controls except \t\n\r with ' ',
 * in place (the length never changes, so offsets stay those of the input).
 * Returns the number of bytes replaced. */
size_t ng_utf8_sanitize(char *s, size_t n);

/* Letter classes of a code point (Unicode-aware through utf8proc); ASCII inline, the
 * rest (*_mb) asks utf8proc. */
int ng_cp_is_upper_mb(uint32_t cp);
int ng_cp_is_lower_mb(uint32_t cp);
int ng_cp_is_alpha_mb(uint32_t cp);
int ng_cp_is_digit_mb(uint32_t cp);

static inline int ng_cp_is_upper(uint32_t cp)
{
    return cp < 128 ? cp >= 'A' && cp <= 'Z' : ng_cp_is_upper_mb(cp);
}

static inline int ng_cp_is_lower(uint32_t cp)
{
    return cp < 128 ? cp >= 'a' && cp <= 'z' : ng_cp_is_lower_mb(cp);
}

static inline int ng_cp_is_alpha(uint32_t cp)
{
    return cp < 128 ? (cp | 32) >= 'a' && (cp | 32) <= 'z' : ng_cp_is_alpha_mb(cp);
}

static inline int ng_cp_is_digit(uint32_t cp)
{
    return cp < 128 ? cp >= '0' && cp <= '9' : ng_cp_is_digit_mb(cp);
}

static inline int ng_cp_is_space(uint32_t cp)
{
    if (cp < 128)
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
    return cp == 0xa0 || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x3000 ||
           (cp >= 0x2000 && cp <= 0x200b) || cp == 0xfeff;
}

/* Fold a span for lookups: apostrophes ’‘ -> ', dashes -> -, runs of space -> one space,
 * diacritics stripped, case kept or lowered.  Result is malloc'd; NULL on ENOMEM. */
char *ng_fold(const char *s, size_t n, int lower);
/* The same folded string in arena a (released with the arena); NULL on ENOMEM. */
char *ng_fold_arena(ng_arena *a, const char *s, size_t n, int lower);

#endif
