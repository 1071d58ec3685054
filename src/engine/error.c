/* error.c: the per-thread last-error message (error.h). */
#include "msl/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char message[512];

const char *msl_error(void) { return message; }

int msl_error_set(const char *fmt, ...) {
  char tmp[sizeof message]; /* fmt may print msl_error() itself */
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  snprintf(message, sizeof message, "%s", tmp);
  return -1;
}

void msl_error_clear(void) { message[0] = '\0'; }
