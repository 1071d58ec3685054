/* check.h: a minimal test harness. CHECK(cond) and CHECK_NEAR(a, b, tol)
 * record failures with file:line; check_done() prints a summary and returns
 * the exit code. A test that cannot run (missing data) calls check_skip(). */
#ifndef MSL_TESTS_CHECK_H
#define MSL_TESTS_CHECK_H

#include <math.h>
#include <stdio.h>

extern int check_failures, check_count;

void check_fail(const char *file, int line, const char *fmt, ...);
int check_done(void);
void check_skip(const char *why); /* exits with 77 */
/* Relative-or-absolute closeness: |a-b| <= tol * max(1, |b|). */
int check_close(double a, double b, double tol);

/* A VTEAM device for the crossbar tests (workload 1 or 2, G1, lr); a failure
 * to create it is recorded and NULL returned. */
struct msl_device;
#include "msl/synapse.h"
/* A crossbar of device (with its default rule) for workload 1 or 2 at
 * conductance unit g1, with x its learning rate (vteam) or Vp (chen15),
 * 1 ns column and 10 ns row pulses and trace tr on both sides; reports a
 * failure and returns NULL if it cannot be made. */
msl_synapse *check_crossbar(const char *device, int workload, double g1, double x,
                            msl_trace_params tr, int n_pre, int n_post, const double *W0);

#define CHECK(c)                                                   \
  do {                                                             \
    check_count++;                                                 \
    if (!(c)) check_fail(__FILE__, __LINE__, "CHECK(%s)", #c);     \
  } while (0)

#define CHECK_NEAR(a, b, tol)                                              \
  do {                                                                     \
    double a_ = (a), b_ = (b);                                             \
    check_count++;                                                         \
    if (!check_close(a_, b_, (tol)))                                       \
      check_fail(__FILE__, __LINE__, "%s = %.17g, expected %s = %.17g", #a, \
                 a_, #b, b_);                                              \
  } while (0)

/* Purely relative closeness: |a-b| <= rel * |b| (for tiny physical values). */
#define CHECK_REL(a, b, rel)                                               \
  do {                                                                     \
    double a_ = (a), b_ = (b);                                             \
    check_count++;                                                         \
    if (!(fabs(a_ - b_) <= (rel) * fabs(b_)))                              \
      check_fail(__FILE__, __LINE__, "%s = %.17g, expected %s = %.17g (rel %g)", \
                 #a, a_, #b, b_, (double)(rel));                           \
  } while (0)

#endif
