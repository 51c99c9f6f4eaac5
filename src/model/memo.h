/* memo.h - what the exporters keep with a model to use again: one rendering (the Graphviz
 * SVG, which graph.svg and page.html show) and one object (the Graphviz layout, which the
 * SVG and the PNG are rendered from): one -o run lays the graph out once, not three times.
 * The model owns them and forgets them whenever it changes (add, finish, filter); the
 * calls are safe from several threads (what is done with the object is the caller's). */
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
/* The kept object, or NULL. */
void *ng_model_memo_obj(const ng_model *m);
/* Keep obj (freed with obj_free when the model changes or is freed), in place of the one
 * kept before (freed now). */
void ng_model_memo_set_obj(const ng_model *m, void *obj, void (*obj_free)(void *));

#endif
