/**
 * @file newsgraph.h
 * The umbrella header of libnewsgraph.
 *
 *     ng_document --ng_extract--> ng_doc_result --ng_model_add--> ng_model --ng_export--> text
 *
 * Conventions (all headers):
 * - Public names are ng_<module>_<verb>; types are opaque unless documented as views.
 * - Functions that can fail return 0 (NG_OK) or a negative NG_E* code and set the
 *   message returned by ng_error_last().
 * - Whoever calls a _new function owns the object and frees it with the matching _free;
 *   every _free accepts NULL.  Strings returned by accessors belong to the object.
 */
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include "newsgraph/error.h"
#include "newsgraph/document.h"
#include "newsgraph/extract.h"
#include "newsgraph/model.h"
#include "newsgraph/export.h"

#define NG_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/** The library's version string. */
const char *ng_version(void);

#ifdef __cplusplus
}
#endif
#endif
