/* trace.c: exponentially decaying, clamped spike traces (SPEC 3). */
#include "msl/trace.h"

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
  /* Decay everything (vectorised), then add the sparse input; the clamp can
   * only bite where something was added, and where t > lim already. */
  for (int i = 0; i < tr->n; i++) t[i] *= d;
  for (int k = 0; k < x->nnz; k++) {
    int j = x->idx[k];
    t[j] += tr->a * x->x[j];
  }
  for (int i = 0; i < tr->n; i++) t[i] = t[i] > lim ? lim : t[i];
}
