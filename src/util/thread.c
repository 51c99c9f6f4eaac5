/* thread.c - per-thread objects (the tagger's and the lexicon's caches): made on first use
 * in a thread, freed when the thread ends by one thread-specific key for all of them. */
#include <pthread.h>
#include "util.h"

_Thread_local void *ng_thread_objs_[NG_TOBJ_COUNT];
static _Thread_local void (*objs_destroy[NG_TOBJ_COUNT])(void *);

static pthread_key_t objs_key;
static pthread_once_t objs_once = PTHREAD_ONCE_INIT;
static int objs_key_ok;

/* Key destructor: free the ending thread's objects (its value is only a marker). */
static void objs_end(void *marker)
{
    for (unsigned i = 0; i < NG_TOBJ_COUNT; i++) {
        if (ng_thread_objs_[i])
            objs_destroy[i](ng_thread_objs_[i]);
        ng_thread_objs_[i] = NULL;
    }
}

static void objs_key_init(void) { objs_key_ok = pthread_key_create(&objs_key, objs_end) == 0; }

void *ng_thread_obj_make(unsigned id, void *(*make)(void), void (*destroy)(void *))
{
    if (id >= NG_TOBJ_COUNT)
        return NULL;
    if (ng_thread_objs_[id])
        return ng_thread_objs_[id];
    pthread_once(&objs_once, objs_key_init);
    /* the key's value marks a thread whose objects the destructor must free */
    if (!objs_key_ok || (!pthread_getspecific(objs_key) && pthread_setspecific(objs_key, &objs_key) != 0))
        return NULL;
    void *p = make();
    if (!p)
        return NULL;
    objs_destroy[id] = destroy;
    return ng_thread_objs_[id] = p;
}
