/* check.c: the minimal test harness (see check.h). */
#include "check.h"

#include <string.h>

#include "msl/error.h"

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

msl_synapse *check_crossbar(const char *device, int workload, double g1, double x,
                            msl_trace_params tr, int n_pre, int n_post, const double *W0) {
  msl_params ps;
  msl_params_init(&ps, workload);
  msl_params_set(&ps, "g1", g1);
  msl_params_set(&ps, strcmp(device, "vteam") == 0 ? "lr" : "vp", x);
  msl_crossbar_params xp = {device, NULL, NULL, NULL, &ps, tr, tr, 1};
  msl_synapse *S = msl_crossbar_new(n_pre, n_post, W0, &xp, MSL_EXC);
  if (!S) check_fail(__FILE__, __LINE__, "msl_crossbar_new(%s): %s", device, msl_error());
  return S;
}
