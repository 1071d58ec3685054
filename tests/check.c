/* check.c: the minimal test harness (see check.h). */
#include "check.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>

int check_failures, check_count;

void check_fail(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  check_failures++;
  fprintf(stderr, "%s:%d: FAIL: ", file, line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

int check_close(double a, double b, double tol) {
  double scale = fabs(b) > 1.0 ? fabs(b) : 1.0;
  return fabs(a - b) <= tol * scale || (a == b);
}

int check_done(void) {
  printf("%d checks, %d failed\n", check_count, check_failures);
  return check_failures ? 1 : 0;
}

void check_skip(const char *why) {
  printf("SKIP: %s\n", why);
  exit(77);
}
