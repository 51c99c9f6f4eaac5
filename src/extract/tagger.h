/* tagger.h - the statistical entity tagger (trained model, loaded at start-up). */
#ifndef NG_TAGGER_H
#define NG_TAGGER_H

#include <stddef.h>
#include <stdint.h>
#include "lexicon.h"
#include "../text/text.h"

/* Labels (BIO over PER, ORG, LOC). */
enum { NG_TAG_O = 0, NG_TAG_B_PER, NG_TAG_I_PER, NG_TAG_B_ORG, NG_TAG_I_ORG, NG_TAG_B_LOC, NG_TAG_I_LOC, NG_TAG_COUNT };

typedef struct ng_tagger ng_tagger;

/* Load a model file; a wrong, truncated or wrong-version file is NG_EMODEL with a message. */
int ng_tagger_load(ng_tagger **out, const char *path);
void ng_tagger_free(ng_tagger *t);

/* Tag the n tokens of one sentence (toks point into text).  labels[i] gets a NG_TAG_*,
 * conf[i] (may be NULL) a confidence in [0,1] for a token of a name (B/I label); a token
 * labelled O gets 1, not a computed confidence. */
int ng_tagger_tag(const ng_tagger *t, const ng_lexicon *lx, const char *text, const ng_token *toks, size_t n,
                  uint8_t *labels, float *conf);
/* The same, and cls[i] (may be NULL) gets the lexicon classes of toks[i] (ng_lex_classes
 * with lx), which the tagger looks up anyway: the caller needs no lookups of its own. */
int ng_tagger_tag_classes(const ng_tagger *t, const ng_lexicon *lx, const char *text, const ng_token *toks, size_t n,
                          uint32_t *cls, uint8_t *labels, float *conf);

#endif
