/* trace.c: exponentially decaying, clamped spike traces (SPEC 3). */
#include "msl/trace.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

int msl_trace_init(msl_trace *tr, int n, double a, double d, double lim) {
  tr->n = n;
  tr->a = a;
  tr->d = d;
  tr->lim = lim;
  tr->t = calloc((size_t)(n > 0 ? n : 1), sizeof *tr->t);
  return tr->t ? 0 : -1;
}

void msl_trace_free(msl_trace *tr) {
  free(tr->t);
  tr->t = NULL;
}

void msl_trace_reset(msl_trace *tr) {
  for (int i = 0; i < tr->n; i++) tr->t[i] = 0.0;
}

void msl_trace_update(msl_trace *tr, const msl_spikes *x) {
  double *restrict t = tr->t;
  const double d = tr->d, lim = tr->lim;
  /* Decay everything (vectorised), flushing values that would become
   * subnormal to zero (subnormal arithmetic is ~100x slower; a trace below
   * 2.2e-308 has no effect on any rule). Then add the sparse input; decay
   * never raises a trace, so the limit can only bite where input was added
   * (traces start at 0 <= lim). */
  for (int i = 0; i < tr->n; i++) {
    double u = t[i] * d;
    t[i] = fabs(u) < DBL_MIN ? 0.0 : u;
  }
  for (int k = 0; k < x->nnz; k++) {
    int j = x->idx[k];
    double u = t[j] + tr->a * x->x[j];
    t[j] = u > lim ? lim : u;
  }
}
