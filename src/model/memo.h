/* memo.h - what the exporters keep with a model to use again: the Graphviz layout, which
 * graph.svg, graph.png and page.html are rendered from (one -o run lays the graph out
 * once, not three times).  The model owns it and frees it whenever it changes (add,
 * finish, filter) or is freed; the calls are safe from several threads (what is done with
 * the object is the caller's). */
#ifndef NG_MODEL_MEMO_H
#define NG_MODEL_MEMO_H

#include "newsgraph/model.h"

/* The kept object, or NULL. */
void *ng_model_memo_obj(const ng_model *m);
/* Keep obj (freed with obj_free when the model changes or is freed), in place of the one
 * kept before (freed now). */
void ng_model_memo_set_obj(const ng_model *m, void *obj, void (*obj_free)(void *));

#endif
