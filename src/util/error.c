/* error.c - the thread-local last-error message. */
#include <stdarg.h>
#include <stdio.h>
#include "newsgraph/error.h"

static _Thread_local char last_msg[1024];

const char *ng_error_last(void) { return last_msg; }

void ng_error_clear(void) { last_msg[0] = '\0'; }

int ng_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_msg, sizeof last_msg, fmt, ap);
    va_end(ap);
    return code;
}
