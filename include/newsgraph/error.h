/**
 * @file error.h
 * Error codes and the last-error message.
 *
 * Every function of the library that can fail returns an `int`: 0 (NG_OK) on
 * success or one of the negative NG_E* codes below, and records a message
 * that ng_error_last() returns until the next failing call on the same
 * thread.  The message is owned by the library; copy it if you keep it.
 */
#ifndef NEWSGRAPH_ERROR_H
#define NEWSGRAPH_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes of the library. */
typedef enum {
    NG_OK = 0,        /**< success */
    NG_ENOMEM = -1,   /**< out of memory */
    NG_EIO = -2,      /**< a file could not be read or written */
    NG_EINVAL = -3,   /**< an argument is invalid (bad format name, bad date...) */
    NG_EFORMAT = -4,  /**< input is not in a readable format (binary, malformed) */
    NG_ETOOBIG = -5,  /**< input exceeds a configured size cap */
    NG_EMODEL = -6,   /**< a resource (model, lexicon) is missing or corrupt */
    NG_EEMPTY = -7    /**< input holds no text */
} ng_error_code;

/** The message of the last failure on this thread ("" if none).
 *  Owned by the library, valid until the next failing call on this thread. */
const char *ng_error_last(void);

/** Clear the last-error message of this thread. */
void ng_error_clear(void);

/** Record a message (printf-style) and return @p code; used by the library
 *  and available to callers that wrap it. */
int ng_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#ifdef __cplusplus
}
#endif
#endif
