/* progress.c - a one-line progress report on stderr for long runs (terminals only). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "pipeline.h"

/* Files are counted by the thread that reads, documents by the one that merges: a lock. */
struct ng_progress {
    pthread_mutex_t mu;
    size_t nfiles, file_i;
    double total_bytes, done_bytes;
    struct timespec t0, last;
    int printed;
};

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

ng_progress *ng_progress_new(char **files, size_t nfiles)
{
    if (!isatty(STDERR_FILENO))
        return NULL;
    ng_progress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    pthread_mutex_init(&p->mu, NULL);
    p->nfiles = nfiles;
    for (size_t i = 0; i < nfiles; i++) {
        struct stat st;
        if (stat(files[i], &st) == 0 && S_ISREG(st.st_mode))
            p->total_bytes += (double)st.st_size;
    }
    clock_gettime(CLOCK_MONOTONIC, &p->t0);
    p->last = p->t0;
    return p;
}

static void show(ng_progress *p)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (since(&p->last, &now) < 0.5)
        return;
    p->last = now;
    double el = since(&p->t0, &now);
    double mbs = el > 0 ? p->done_bytes / 1e6 / el : 0;
    double left = mbs > 0 && p->total_bytes > p->done_bytes ? (p->total_bytes - p->done_bytes) / 1e6 / mbs : 0;
    fprintf(stderr, "\rnewsgraph: file %zu/%zu, %.1f MB, %.1f MB/s, ETA %.0f s   ", p->file_i, p->nfiles,
            p->done_bytes / 1e6, mbs, left);
    p->printed = 1;
}

void ng_progress_file(ng_progress *p, const char *path)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->file_i++;
    show(p);
    pthread_mutex_unlock(&p->mu);
}

void ng_progress_doc(ng_progress *p, const ng_document *doc)
{
    if (!p)
        return;
    size_t len;
    ng_document_text(doc, &len);
    pthread_mutex_lock(&p->mu);
    p->done_bytes += (double)len;
    show(p);
    pthread_mutex_unlock(&p->mu);
}

void ng_progress_free(ng_progress *p)
{
    if (!p)
        return;
    if (p->printed)
        fprintf(stderr, "\r%*s\r", 70, "");
    pthread_mutex_destroy(&p->mu);
    free(p);
}
