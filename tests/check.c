/* check.c: the minimal test harness (see check.h). */
#include "check.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>

#include "msl/device.h"

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

struct msl_device *check_vteam(int workload, double g1, double lr) {
  msl_device_params p;
  msl_device_params_default(&p, workload);
  p.g1 = g1;
  p.lr = lr;
  char err[256];
  msl_device *d = msl_device_new("vteam", &p, err, sizeof err);
  if (!d) check_fail(__FILE__, __LINE__, "msl_device_new(vteam): %s", err);
  return d;
}
