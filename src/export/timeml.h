/* timeml.h - TimeML output of one document: its text with inline TIMEX3 tags and the
 * document creation time, so newsgraph can be compared with HeidelTime and SUTime on
 * their own format (TempEval-3 style). */
#ifndef NG_TIMEML_H
#define NG_TIMEML_H

#include <stddef.h>
#include "../extract/result.h"
#include "../util/util.h"

/* Append to @p out a TimeML document for text[0..len) and the time expressions of @p r
 * (r->timexes, offsets into that text; r->date is the DCT, or NULL for none):
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <TimeML><DOCID>docid</DOCID>
 *   <DCT><TIMEX3 tid="t0" type="DATE" value="2025-05-31" temporalFunction="false"
 *        functionInDocument="CREATION_TIME">2025-05-31</TIMEX3></DCT>
 *   <TEXT>... <TIMEX3 tid="t1" type="DATE" value="2025-05-29">Thursday</TIMEX3> ...</TEXT>
 *   </TimeML>
 *
 * Text is XML-escaped; invalid UTF-8 and control characters become U+FFFD / spaces
 * (offsets are not preserved in the output).  Timexes are written in text order; one
 * that overlaps an earlier one or lies outside the text is skipped.  Returns 0,
 * NG_EINVAL (NULL arguments) or NG_ENOMEM. */
int ng_timeml_render(ng_buf *out, const char *docid, const char *text, size_t len, const ng_doc_result *r);

#endif
