/* trace.c: exponentially decaying, clamped spike traces (SPEC 3); the other
 * kinds are in trace_kinds.c. */
#include "msl/trace.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vmath.h"
#include "engine/alloc64.h"
#include "engine/dispatch.h"
#include "engine/trace_kinds.h"

int msl_trace_init(msl_trace *tr, int n, double a, double d, double lim) {
  tr->kind = MSL_TRACE_EXP;
  tr->off = tr->on = 0.0;
  tr->duration = 0;
  tr->age = NULL;
  tr->n = n;
  tr->a = a;
  tr->d = d;
  tr->lim = lim;
  tr->ln_d = log(d);
  tr->lnt = NULL;
  tr->t = msl_calloc64((size_t)(n > 0 ? n : 1), sizeof *tr->t);
  return tr->t ? 0 : -1;
}

/* ln of one trace value (traces below DBL_MIN are 0: see msl_trace_update). */
static double trace_log(double t) { return t > 0.0 ? log(t) : -INFINITY; }

int msl_trace_keep_log(msl_trace *tr) {
  if (!tr->lnt) tr->lnt = msl_calloc64((size_t)(tr->n > 0 ? tr->n : 1), sizeof *tr->lnt);
  if (!tr->lnt) return -1;
  for (int i = 0; i < tr->n; i++) tr->lnt[i] = trace_log(tr->t[i]);
  return 0;
}

MSL_KERNEL
static void trace_ln_kernel(const msl_trace *tr, double *restrict out) {
  const double *restrict t = tr->t;
  if (tr->lnt) {
    memcpy(out, tr->lnt, (size_t)tr->n * sizeof *out);
    return;
  }
  for (int i = 0; i < tr->n; i++) {
    double l = vm_log(t[i] > 0.0 ? t[i] : 1.0);
    out[i] = t[i] > 0.0 ? l : -INFINITY;
  }
}

/* The exported name calls the dispatched kernel (an exported target_clones
 * function would export its resolver too). */
void msl_trace_ln(const msl_trace *tr, double *out) {
  trace_ln_kernel(tr, out);
}

void msl_trace_free(msl_trace *tr) {
  free(tr->t);
  free(tr->lnt);
  free(tr->age);
  tr->t = tr->lnt = NULL;
  tr->age = NULL;
}

void msl_trace_reset(msl_trace *tr) {
  if (tr->kind != MSL_TRACE_EXP) {
    trace_kind_reset(tr);
    return;
  }
  for (int i = 0; i < tr->n; i++) tr->t[i] = 0.0;
  if (tr->lnt)
    for (int i = 0; i < tr->n; i++) tr->lnt[i] = -INFINITY;
}

MSL_KERNEL
static void trace_update_kernel(msl_trace *tr, const msl_spikes *x) {
  double *restrict t = tr->t;
  const double d = tr->d, lim = tr->lim;
  /* Decay everything (vectorised), flushing values that would become
   * subnormal to zero (subnormal arithmetic is ~100x slower; a trace below
   * 2.2e-308 has no effect on any rule). Then add the sparse input; decay
   * never raises a trace, so the limit can only bite where input was added
   * (traces start at 0 <= lim). */
  if (tr->lnt) {
    double *restrict l = tr->lnt;
    const double ln_d = tr->ln_d;
    for (int i = 0; i < tr->n; i++) {
      double u = t[i] * d;
      int z = fabs(u) < DBL_MIN;
      t[i] = z ? 0.0 : u;
      l[i] = z ? -INFINITY : l[i] + ln_d;
    }
  } else {
    for (int i = 0; i < tr->n; i++) {
      double u = t[i] * d;
      t[i] = fabs(u) < DBL_MIN ? 0.0 : u;
    }
  }
  for (int k = 0; k < x->nnz; k++) {
    int j = x->idx[k];
    double u = t[j] + tr->a * x->x[j];
    t[j] = u > lim ? lim : u;
    if (tr->lnt) tr->lnt[j] = trace_log(t[j]);
  }
}

/* The exported name calls the dispatched kernel (an exported target_clones
 * function would export its resolver too). */
void msl_trace_update(msl_trace *tr, const msl_spikes *x) {
  if (tr->kind != MSL_TRACE_EXP) {
    trace_kind_update(tr, x);
    return;
  }
  trace_update_kernel(tr, x);
}
