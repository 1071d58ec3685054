/* error.h: msl's one error convention.
 *
 * Every fallible library call returns NULL (constructors) or a negative
 * value (other calls) and leaves a one-line message, naming the option, file
 * or object and what is wrong, for msl_error() to return. The message is
 * per thread (two networks built in two threads do not see each other's
 * errors) and stays until the next failure on that thread. */
#ifndef MSL_ERROR_H
#define MSL_ERROR_H

#include "msl/api.h"

MSL_BEGIN_DECLS

/* The message of this thread's last failure ("" if none yet). */
const char *msl_error(void);
/* Set it, printf-style (for model, synapse and layer implementations);
 * always returns -1, so `return msl_error_set(...)` reads naturally. */
int msl_error_set(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
/* Clear it. */
void msl_error_clear(void);

MSL_END_DECLS

#endif
