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
