/* pipeline.h - the CLI's document pipeline (ordered, optionally multi-threaded) and progress. */
#ifndef NG_CLI_PIPELINE_H
#define NG_CLI_PIPELINE_H

#include <stddef.h>
#include "newsgraph/newsgraph.h"

/* Receives each document's result in input order; returns 0 or an NG_E* code. */
typedef int (*ng_sink_fn)(void *arg, const ng_document *doc, ng_doc_result *r);

typedef struct ng_progress ng_progress;

/* Progress on stderr (files, MB/s, ETA), only when stderr is a terminal; NULL otherwise. */
ng_progress *ng_progress_new(char **files, size_t nfiles);
void ng_progress_file(ng_progress *p, const char *path);
void ng_progress_doc(ng_progress *p, const ng_document *doc);
void ng_progress_free(ng_progress *p); /* clears the line */

/* Read files in order, extract with `jobs` threads (1: no threads), call sink in input order.
 * Input errors are printed as "newsgraph: FILE: reason".  Returns 1 when some input failed,
 * else 0; *sink_failed is set when the sink failed. */
int ng_pipeline_run(char **files, size_t nfiles, const ng_ingest_opts *io, const ng_resources *res, int jobs,
                    ng_sink_fn sink, void *sink_arg, ng_progress *progress, int *sink_failed);

#endif
