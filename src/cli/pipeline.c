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

/* The inputs, read one document at a time in input order. */
typedef struct {
    char **files;
    size_t nfiles, next; /* next: the next file to open */
    const ng_ingest_opts *io;
    ng_input *in;        /* the open file, or NULL */
    const char *shown;   /* its name in messages */
    ng_progress *progress;
} reader_t;

/* The threads share one loop (run()): each of them reads, extracts or merges, whichever
 * is due, so -j N runs N threads and none of them waits for another to be scheduled (a
 * reader and a merger thread beside N workers cost a context switch per document and
 * left the cores idle a tenth of the time).  Reading and merging are each done by one
 * thread at a time (the flags below); documents are merged in input order. */
typedef struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;   /* for idle threads: something changed */
    int jobs;
    slot_t *slots;
    size_t window;
    size_t produced, consumed, next_claim, ready; /* ready: slots in SLOT_READY */
    int finished;        /* the reader has no more */
    int reading, merging, idle;
    reader_t rd;
    const ng_resources *res;
    ng_sink_fn sink;
    void *sink_arg;
    int status;   /* 0, or 1 when some input failed; sink errors set sink_failed */
    int sink_failed;
} pipe_t;

static char *fmt_err(const char *shown, const char *msg)
{
    size_t n = strlen(shown) + strlen(msg) + 3;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s: %s", shown, msg);
    return s;
}

/* Hand one finished slot to the sink (in order) and empty it; its state, which other
 * threads read, is the caller's to reset. */
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
    if (p->rd.progress && s->doc)
        ng_progress_doc(p->rd.progress, s->doc);
    ng_doc_result_free(s->res);
    ng_document_free(s->doc);
    free(s->err);
    s->doc = NULL;
    s->res = NULL;
    s->err = NULL;
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

/* The next document, or an input error as "FILE: reason" in *err, in input order.
 * Returns 0 when the inputs are exhausted. */
static int next_input(reader_t *rd, ng_document **doc, char **err)
{
    *doc = NULL;
    *err = NULL;
    for (;;) {
        if (!rd->in) {
            if (rd->next >= rd->nfiles)
                return 0;
            const char *f = rd->files[rd->next++];
            rd->shown = strcmp(f, "-") == 0 ? "(standard input)" : f;
            if (rd->progress)
                ng_progress_file(rd->progress, f);
            if (ng_input_open(&rd->in, f, rd->io)) {
                rd->in = NULL;
                *err = fmt_err(rd->shown, ng_error_last());
                return 1;
            }
        }
        int got = ng_input_next(rd->in, doc);
        if (got > 0)
            return 1;
        if (got < 0) {
            *err = fmt_err(rd->shown, ng_error_last());
            if (strcmp(ng_input_format(rd->in), "text") == 0) {
                ng_input_free(rd->in);
                rd->in = NULL;
            }
            return 1;
        }
        ng_input_free(rd->in);
        rd->in = NULL;
    }
}

/* Wake the idle threads, if any (called with mu held, after a change they may wait for). */
static void wake(pipe_t *p)
{
    if (p->idle)
        pthread_cond_broadcast(&p->cv);
}

/* Merge the finished slots at the head of the window, in order (mu held; released while
 * the sink runs).  The caller holds the merging flag. */
static void merge_head(pipe_t *p)
{
    slot_t *s;
    while (p->consumed < p->produced && (s = &p->slots[p->consumed % p->window])->state == SLOT_DONE) {
        pthread_mutex_unlock(&p->mu);
        consume(p, s);
        pthread_mutex_lock(&p->mu);
        s->state = SLOT_EMPTY;
        p->consumed++;
        wake(p); /* room for the reader */
    }
}

/* Read one document into the next slot (mu held; released while reading).  The caller
 * holds the reading flag and has checked that the window has room. */
static void read_one(pipe_t *p)
{
    ng_document *doc;
    char *err;
    pthread_mutex_unlock(&p->mu);
    int more = next_input(&p->rd, &doc, &err);
    pthread_mutex_lock(&p->mu);
    if (!more) {
        p->finished = 1;
    } else {
        slot_t *s = &p->slots[p->produced % p->window];
        s->doc = doc;
        s->err = err;
        s->res = NULL;
        s->state = doc && !err ? SLOT_READY : SLOT_DONE;
        p->ready += s->state == SLOT_READY;
        p->produced++;
    }
    wake(p);
}

/* One thread's loop: merge when the head of the window is finished, keep a document
 * ready for each thread, extract, and wait only when none of that can be done. */
static void *run(void *arg)
{
    pipe_t *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        int room = p->produced - p->consumed < p->window;
        if (!p->merging && p->consumed < p->produced && p->slots[p->consumed % p->window].state == SLOT_DONE) {
            p->merging = 1;
            merge_head(p);
            p->merging = 0;
            continue;
        }
        if (!p->reading && !p->finished && room && p->ready < (size_t)p->jobs) {
            p->reading = 1;
            read_one(p);
            p->reading = 0;
            continue;
        }
        if (p->ready) {
            if (p->next_claim < p->consumed) /* an input error merged before it was passed */
                p->next_claim = p->consumed;
            while (p->slots[p->next_claim % p->window].state != SLOT_READY)
                p->next_claim++;
            slot_t *s = &p->slots[p->next_claim % p->window];
            s->state = SLOT_CLAIMED;
            p->next_claim++;
            p->ready--;
            pthread_mutex_unlock(&p->mu);
            work(p, s);
            pthread_mutex_lock(&p->mu);
            s->state = SLOT_DONE;
            wake(p); /* it may be the head the others wait for */
            continue;
        }
        if (p->finished && p->consumed == p->produced)
            break;
        p->idle++;
        pthread_cond_wait(&p->cv, &p->mu);
        p->idle--;
    }
    wake(p); /* the others see the end too */
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

int ng_pipeline_run(char **files, size_t nfiles, const ng_ingest_opts *io, const ng_resources *res, int jobs,
                    ng_sink_fn sink, void *sink_arg, ng_progress *progress, int *sink_failed)
{
    pipe_t p = {0};
    p.res = res;
    p.sink = sink;
    p.sink_arg = sink_arg;
    p.rd = (reader_t){files, nfiles, 0, io, NULL, NULL, progress};
    pthread_t *th = NULL;
    int spawned = 0;
    if (jobs > 1) {
        p.jobs = jobs;
        p.window = (size_t)jobs * 8;
        p.slots = calloc(p.window, sizeof *p.slots);
        th = calloc((size_t)jobs, sizeof *th);
        if (p.slots && th) {
            pthread_mutex_init(&p.mu, NULL);
            pthread_cond_init(&p.cv, NULL);
            /* this thread is one of the jobs */
            while (spawned < jobs - 1 && pthread_create(&th[spawned], NULL, run, &p) == 0)
                spawned++;
            run(&p);
            for (int i = 0; i < spawned; i++)
                pthread_join(th[i], NULL);
            pthread_mutex_destroy(&p.mu);
            pthread_cond_destroy(&p.cv);
        } else {
            jobs = 1;
        }
        free(th);
        free(p.slots);
    }
    if (jobs <= 1) {
        ng_document *doc;
        char *err;
        while (next_input(&p.rd, &doc, &err)) {
            slot_t s = {SLOT_READY, doc, NULL, err};
            if (doc && !err)
                work(&p, &s);
            consume(&p, &s);
        }
    }
    if (sink_failed)
        *sink_failed = p.sink_failed;
    return p.status;
}
