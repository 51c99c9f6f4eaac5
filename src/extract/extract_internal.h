/* extract_internal.h - the extractors' shared declarations. */
#ifndef NG_EXTRACT_INTERNAL_H
#define NG_EXTRACT_INTERNAL_H

#include "result.h"
#include "lexicon.h"
#include "tagger.h"
#include "timex.h"
#include "../text/text.h"
#include "../util/util.h"

/* Mentions below this confidence are "weak": the merge keeps them only when they
 * name an entity that a confident mention established. */
#define NG_WEAK_CONF 0.05f

struct ng_resources {
    ng_lexicon *lx;
    ng_tagger *tagger; /* NULL: rule-based names */
};

/* Token tests shared by the extractors. */

/* Does token t spell w exactly?  (Compared as it goes, without strlen: these tests run
 * for every token against word lists.) */
static inline int is_tok(const char *text, const ng_token *t, const char *w)
{
    size_t n = t->end - t->start, i = 0;
    const char *s = text + t->start;
    for (; w[i]; i++)
        if (i >= n || s[i] != w[i])
            return 0;
    return i == n;
}

/* Case-insensitive (ASCII) comparison of token t with lower-case w. */
static inline int is_tok_ci(const char *text, const ng_token *t, const char *w)
{
    size_t n = t->end - t->start, i = 0;
    const char *s = text + t->start;
    for (; w[i]; i++) {
        if (i >= n)
            return 0;
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return i == n;
}

/* Is token t one of the lower-case words of list?  (The first letter is compared before
 * the rest: this runs for most tokens against lists of up to 50 words.) */
static inline int tok_in(const char *text, const ng_token *t, const char *const *list)
{
    char c0 = t->end > t->start ? text[t->start] : '\0';
    if (c0 >= 'A' && c0 <= 'Z')
        c0 = (char)(c0 + 32);
    for (size_t i = 0; list[i]; i++)
        if (list[i][0] == c0 && is_tok_ci(text, t, list[i]))
            return 1;
    return 0;
}

/* For every token at once, which of up to 8 word lists it is in: bit b of (*out)[k] is
 * tok_in(text, &tk->toks[k], lists[b]).  One pass per document instead of a list scan per
 * test: a token is compared with the lists only when some listed word has its first
 * character and its length, so most tokens cost one table look-up.  *out is malloc'd
 * (tk->ntoks entries, at least one). */
int ng_word_bits(const char *text, const ng_tokens *tk, const char *const *const *lists, size_t nlists,
                 uint8_t **out);

/* Lexicon classes of tokens [b, e) (ng_lex_classes of the token's text) into cls[b..e). */
void ng_token_classes(const ng_lexicon *lx, const char *text, const ng_tokens *tk, size_t b, size_t e,
                      uint32_t *cls);

/* The extractors take the token classes as cls: looked up once per document, by the
 * names extractor (with the tagger's word information, which holds them), and shared by
 * the extractors after it; roles and events accept NULL (then they look the classes up
 * themselves). */

/* names.c: cls (tk->ntoks entries) gets the classes of every token (ng_token_classes). */
int ng_names_extract(ng_doc_result *r, const ng_lexicon *lx, const ng_tagger *tg, const char *text,
                     const ng_tokens *tk, uint32_t *cls);
int ng_names_add_mention(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                         uint32_t sent, size_t b, size_t e, ng_type type, float conf);
/* roles.c */
int ng_roles_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                     const uint32_t *cls);
/* events.c */
int ng_events_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                      const uint32_t *cls);

#endif
