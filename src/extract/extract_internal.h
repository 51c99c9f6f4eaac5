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

/* Does token t spell w exactly? */
static inline int is_tok(const char *text, const ng_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->end - t->start == n && strncmp(text + t->start, w, n) == 0;
}

/* Case-insensitive (ASCII) comparison of token t with lower-case w. */
static inline int is_tok_ci(const char *text, const ng_token *t, const char *w)
{
    size_t n = strlen(w);
    if (t->end - t->start != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[t->start + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != w[i])
            return 0;
    }
    return 1;
}

/* Is token t one of the lower-case words of list? */
static inline int tok_in(const char *text, const ng_token *t, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (is_tok_ci(text, t, list[i]))
            return 1;
    return 0;
}

/* names.c */
int ng_names_extract(ng_doc_result *r, const ng_lexicon *lx, const ng_tagger *tg, const char *text,
                     const ng_tokens *tk);
int ng_names_add_mention(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk,
                         uint32_t sent, size_t b, size_t e, ng_type type, float conf);
/* roles.c */
int ng_roles_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk);
/* events.c */
int ng_events_extract(ng_doc_result *r, const ng_lexicon *lx, const char *text, const ng_tokens *tk);

#endif
