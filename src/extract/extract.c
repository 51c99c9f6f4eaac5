/* extract.c - resources and the per-document pipeline: text -> names -> time -> roles -> events. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "extract_internal.h"
#include "../ingest/ingest.h"

#ifndef NG_DEFAULT_DATADIR
#define NG_DEFAULT_DATADIR "data"
#endif
#ifndef NG_DEFAULT_MODEL
#define NG_DEFAULT_MODEL "models/ner.model"
#endif

/* The tagger model, loaded on a thread of its own; the message of a failure is copied
 * out of the thread (ng_error_last() is per thread). */
typedef struct {
    const char *path;
    ng_tagger *tagger;
    int rc;
    char msg[1024];
} tagger_job;

static void *load_tagger(void *arg)
{
    tagger_job *j = arg;
    if ((j->rc = ng_tagger_load(&j->tagger, j->path)))
        snprintf(j->msg, sizeof j->msg, "%s", ng_error_last());
    return NULL;
}

int ng_resources_new(ng_resources **out, const ng_resource_opts *opts)
{
    *out = NULL;
    ng_resources *r = calloc(1, sizeof *r);
    if (!r)
        return ng_error_set(NG_ENOMEM, "out of memory");
    const char *data = opts && opts->data_dir ? opts->data_dir : getenv("NEWSGRAPH_DATA");
    if (!data || !*data)
        data = NG_DEFAULT_DATADIR;
    const char *model = opts && opts->model_path ? opts->model_path : getenv("NEWSGRAPH_MODEL");
    if (!model || !*model)
        model = NG_DEFAULT_MODEL;
    /* The two take about as long (the model's weights; iso-codes through jansson): on two
     * threads, start-up takes the longer of them instead of their sum. */
    tagger_job tj = {model, NULL, 0, ""};
    pthread_t th;
    int use_tagger = strcmp(model, "none") != 0;
    int threaded = use_tagger && opts && opts->threads > 1 && pthread_create(&th, NULL, load_tagger, &tj) == 0;
    int rc = ng_lexicon_load(&r->lx, data, opts ? opts->iso_dir : NULL);
    if (threaded) {
        pthread_join(th, NULL);
        r->tagger = tj.tagger;
        if (!rc && tj.rc)
            rc = ng_error_set(tj.rc, "%s", tj.msg);
    } else if (!rc && use_tagger) {
        rc = ng_tagger_load(&r->tagger, model);
    }
    if (rc)
        goto fail;
    *out = r;
    return 0;
fail:
    ng_resources_free(r);
    return rc;
}

void ng_resources_free(ng_resources *r)
{
    if (!r)
        return;
    ng_lexicon_free(r->lx);
    ng_tagger_free(r->tagger);
    free(r);
}

void ng_doc_result_free(ng_doc_result *r)
{
    if (!r)
        return;
    free(r->mentions.v);
    for (size_t i = 0; i < r->timexes.n; i++)
        free(r->timexes.v[i].text);
    free(r->timexes.v);
    free(r->roles.v);
    for (size_t i = 0; i < r->events.n; i++)
        free(r->events.v[i].parts.v);
    free(r->events.v);
    free(r->refs.v);
    ng_arena_free(&r->strs); /* every other string */
    free(r);
}

/* Copy a possibly-NULL string into r's arena; sets *rc on failure. */
static char *dup_opt(ng_doc_result *r, const char *s, int *rc)
{
    if (!s)
        return NULL;
    char *d = ng_arena_strdup(&r->strs, s);
    if (!d)
        *rc = NG_ENOMEM;
    return d;
}

void ng_token_classes(const ng_lexicon *lx, const char *text, const ng_tokens *tk, size_t b, size_t e,
                      uint32_t *cls)
{
    for (size_t i = b; i < e; i++)
        cls[i] = ng_lex_classes(lx, text + tk->toks[i].start, tk->toks[i].end - tk->toks[i].start);
}

/* A name inside a time expression is a piece of a date, not a place or an organization
 * ("in mid-June", "by Christmas Day"): dropped, before the roles and events point at the
 * mentions.  The time expressions are in text order and do not overlap. */
static void drop_names_in_timexes(ng_doc_result *r)
{
    size_t o = 0;
    for (size_t i = 0; i < r->mentions.n; i++) {
        const ng_mention *m = &r->mentions.v[i];
        size_t lo = 0, hi = r->timexes.n; /* the first timex ending after the mention starts */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (r->timexes.v[mid].end <= m->start)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < r->timexes.n && r->timexes.v[lo].start <= m->start && m->end <= r->timexes.v[lo].end)
            continue;
        r->mentions.v[o++] = *m;
    }
    r->mentions.n = o;
}

int ng_extract(ng_doc_result **out, const ng_resources *res, const ng_document *doc)
{
    *out = NULL;
    ng_doc_result *r = calloc(1, sizeof *r);
    ng_tokens tk = {0};
    uint32_t *cls = NULL;
    int rc = 0;
    if (!r)
        return ng_error_set(NG_ENOMEM, "out of memory");
    r->path = dup_opt(r, doc->path, &rc);
    r->title = dup_opt(r, doc->title, &rc);
    r->date = dup_opt(r, doc->date, &rc);
    r->date_source = dup_opt(r, doc->date_source, &rc);
    r->format = dup_opt(r, doc->format, &rc);
    if (rc) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = ng_text_analyze(&tk, doc->text, doc->len)))
        goto done;
    r->nsents = (uint32_t)tk.nsents;
    if (!(cls = malloc((tk.ntoks ? tk.ntoks : 1) * sizeof *cls))) {
        rc = ng_error_set(NG_ENOMEM, "out of memory");
        goto done;
    }
    if ((rc = ng_names_extract(r, res->lx, res->tagger, doc->text, &tk, cls)) ||
        (rc = ng_timex_extract(r, res->lx, doc->text, doc->len, &tk, doc->date)))
        goto done;
    drop_names_in_timexes(r);
    if ((rc = ng_roles_extract(r, res->lx, doc->text, &tk, cls)) ||
        (rc = ng_events_extract(r, res->lx, doc->text, &tk, cls)) || (rc = ng_doc_result_resolve(r)))
        goto done;
done:
    free(cls);
    ng_tokens_free(&tk);
    if (rc) {
        ng_doc_result_free(r);
        return rc;
    }
    *out = r;
    return 0;
}
