/**
 * @file extract.h
 * Extraction: one document in, one result out (mentions, time expressions, roles,
 * events, all with byte offsets).  Extraction is a pure function of the document
 * and the loaded resources, so documents can be extracted in any order or in
 * parallel; only the merge (model.h) sees more than one document.
 *
 * Ownership: ng_resources are created once, shared read-only by any number of
 * threads, freed with ng_resources_free().  An ng_doc_result belongs to the
 * caller, who frees it with ng_doc_result_free() (after ng_model_add() copied it).
 */
#ifndef NEWSGRAPH_EXTRACT_H
#define NEWSGRAPH_EXTRACT_H

#include <stddef.h>
#include "newsgraph/document.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ng_resources ng_resources;
typedef struct ng_doc_result ng_doc_result;

/** Resource locations; any field may be NULL for the default. */
typedef struct {
    const char *data_dir;  /**< lexicons (default: $NEWSGRAPH_DATA, then the built-in path) */
    const char *model_path; /**< tagger model (default: <data_dir>/../models/ner.model);
                                 "none" disables the tagger */
    const char *iso_dir;   /**< iso-codes JSON (default /usr/share/iso-codes/json) */
    int threads;           /**< 2 or more: the tagger model loads on a thread of its own while
                                the lexicons load (0 or 1: one after the other) */
} ng_resource_opts;

/** Load the lexicons and the tagger model.  The result does not depend on opts->threads;
 *  when both fail, the lexicons' error is the one reported, as when loaded in turn. */
int ng_resources_new(ng_resources **out, const ng_resource_opts *opts);
void ng_resources_free(ng_resources *r);

/** Extract everything from one document. */
int ng_extract(ng_doc_result **out, const ng_resources *res, const ng_document *doc);
void ng_doc_result_free(ng_doc_result *r);

/** Serialize a result as one line of JSON (no newline); *out is malloc'd, the caller frees it.
 *  The map/reduce mode writes these lines (`newsgraph extract`) and reads them back. */
int ng_doc_result_to_json(const ng_doc_result *r, char **out);

/** Parse a line written by ng_doc_result_to_json(); NG_EFORMAT if it is not one. */
int ng_doc_result_from_json(ng_doc_result **out, const char *line, size_t len);

#ifdef __cplusplus
}
#endif
#endif
