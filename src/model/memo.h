/* memo.h - one rendering of a model kept for the exporters that want the same bytes again
 * (the Graphviz SVG: graph.svg and page.html of one -o run cost one layout, not two).
 * The model owns it and forgets it whenever it changes (add, finish, filter); the calls
 * are safe from several threads. */
#ifndef NG_MODEL_MEMO_H
#define NG_MODEL_MEMO_H

#include <stddef.h>
#include "newsgraph/model.h"
#include "../util/util.h"

/* Append the kept bytes of `key` to out and set *found, or set *found to 0 when the model
 * keeps none for that key. */
int ng_model_memo_get(const ng_model *m, const char *key, ng_buf *out, int *found);
/* Keep a copy of data[0..len) for `key`, in place of what the model kept before. */
int ng_model_memo_put(const ng_model *m, const char *key, const char *data, size_t len);

#endif
