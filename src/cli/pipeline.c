/* pipeline.c - documents read in input order, extracted by N worker threads, handed to
 * a sink in input order again: the output of -j N is byte-identical to -j 1.  At most
 * a small window of documents is in memory at once (streaming). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pipeline.h"

enum { SLOT_EMPTY = 0, SLOT_READY, SLOT_CLAIMED, SLOT_DONE };

typedef struct {
    int state;
    ng_document *doc;
    ng_doc_result *res;
    char *err;        /* "FILE: reason" */
} slot_t;

typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    slot_t *slots;
    size_t window;
    size_t produced, consumed, next_claim;
    int finished; /* producer has no more */
    const ng_resources *res;
    ng_sink_fn sink;
    void *sink_arg;
    int status;   /* 0, or 1 when some input failed; sink errors set sink_failed */
    int sink_failed;
    ng_progress *progress;
} pipe_t;

static char *fmt_err(const char *shown, const char *msg)
{
    size_t n = strlen(shown) + strlen(msg) + 3;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s: %s", shown, msg);
    return s;
}

/* Hand one finished slot to the sink (consumer side, in order). */
static void consume(pipe_t *p, slot_t *s)
{
    if (s->err) {
        fprintf(stderr, "newsgraph: %s\n", s->err);
        p->status = 1;
    }
    if (s->res && !p->sink_failed) {
        int rc = p->sink(p->sink_arg, s->doc, s->res);
        if (rc) {
            fprintf(stderr, "newsgraph: %s: %s\n", s->res ? "output" : "-", ng_error_last());
            p->sink_failed = 1;
        }
    }
    if (p->progress && s->doc)
        ng_progress_doc(p->progress, s->doc);
    ng_doc_result_free(s->res);
    ng_document_free(s->doc);
    free(s->err);
    memset(s, 0, sizeof *s);
}

/* Extract a slot's document; sets res or err. */
static void work(pipe_t *p, slot_t *s)
{
    ng_doc_result *r = NULL;
    if (ng_extract(&r, p->res, s->doc)) {
        s->err = fmt_err(ng_document_path(s->doc), ng_error_last());
        return;
    }
    s->res = r;
}

static void *worker(void *arg)
{
    pipe_t *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next_claim < p->produced && p->slots[p->next_claim % p->window].state != SLOT_READY)
            p->next_claim++;
        if (p->next_claim < p->produced) {
            slot_t *s = &p->slots[p->next_claim % p->window];
            s->state = SLOT_CLAIMED;
            p->next_claim++;
            pthread_mutex_unlock(&p->mu);
            work(p, s);
            pthread_mutex_lock(&p->mu);
            s->state = SLOT_DONE;
            pthread_cond_broadcast(&p->cv);
            continue;
        }
        if (p->finished)
            break;
        pthread_cond_wait(&p->cv, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

static void *consumer(void *arg)
{
    pipe_t *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        if (p->consumed < p->produced && p->slots[p->consumed % p->window].state == SLOT_DONE) {
            slot_t *s = &p->slots[p->consumed % p->window];
            pthread_mutex_unlock(&p->mu);
            consume(p, s);
            pthread_mutex_lock(&p->mu);
            p->consumed++;
            pthread_cond_broadcast(&p->cv);
            continue;
        }
        if (p->finished && p->consumed == p->produced)
            break;
        pthread_cond_wait(&p->cv, &p->mu);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Producer: put a document (or an error) into the next slot, waiting for room. */
static void produce(pipe_t *p, ng_document *doc, char *err, int threaded)
{
    if (!threaded) {
        slot_t s = {SLOT_READY, doc, NULL, err};
        if (doc && !err)
            work(p, &s);
        consume(p, &s);
        return;
    }
    pthread_mutex_lock(&p->mu);
    while (p->produced - p->consumed >= p->window)
        pthread_cond_wait(&p->cv, &p->mu);
    slot_t *s = &p->slots[p->produced % p->window];
    s->doc = doc;
    s->err = err;
    s->res = NULL;
    s->state = doc && !err ? SLOT_READY : SLOT_DONE;
    p->produced++;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

int ng_pipeline_run(char **files, size_t nfiles, const ng_ingest_opts *io, const ng_resources *res, int jobs,
                    ng_sink_fn sink, void *sink_arg, ng_progress *progress, int *sink_failed)
{
    pipe_t p = {0};
    p.res = res;
    p.sink = sink;
    p.sink_arg = sink_arg;
    p.progress = progress;
    int threaded = jobs > 1;
    pthread_t *th = NULL, cons;
    if (threaded) {
        p.window = (size_t)jobs * 8;
        p.slots = calloc(p.window, sizeof *p.slots);
        th = calloc((size_t)jobs, sizeof *th);
        if (!p.slots || !th) {
            free(p.slots);
            free(th);
            threaded = 0;
        } else {
            pthread_mutex_init(&p.mu, NULL);
            pthread_cond_init(&p.cv, NULL);
            for (int i = 0; i < jobs; i++)
                pthread_create(&th[i], NULL, worker, &p);
            pthread_create(&cons, NULL, consumer, &p);
        }
    }
    for (size_t i = 0; i < nfiles; i++) {
        const char *shown = strcmp(files[i], "-") == 0 ? "(standard input)" : files[i];
        if (progress)
            ng_progress_file(progress, files[i]);
        ng_input *in = NULL;
        if (ng_input_open(&in, files[i], io)) {
            produce(&p, NULL, fmt_err(shown, ng_error_last()), threaded);
            continue;
        }
        for (;;) {
            ng_document *doc = NULL;
            int got = ng_input_next(in, &doc);
            if (got == 0)
                break;
            if (got < 0) {
                produce(&p, NULL, fmt_err(shown, ng_error_last()), threaded);
                if (strcmp(ng_input_format(in), "text") == 0)
                    break;
                continue;
            }
            produce(&p, doc, NULL, threaded);
        }
        ng_input_free(in);
    }
    if (threaded) {
        pthread_mutex_lock(&p.mu);
        p.finished = 1;
        pthread_cond_broadcast(&p.cv);
        pthread_mutex_unlock(&p.mu);
        for (int i = 0; i < jobs; i++)
            pthread_join(th[i], NULL);
        pthread_join(cons, NULL);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.cv);
        free(th);
        free(p.slots);
    }
    if (sink_failed)
        *sink_failed = p.sink_failed;
    return p.status;
}
