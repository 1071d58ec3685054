/* trace.h: pre/post synaptic traces, SPEC 3: t = min(t*d + a*x, lim). */
#ifndef MSL_TRACE_H
#define MSL_TRACE_H

#include "msl/spikes.h"

typedef struct msl_trace {
  int n;
  double a, d, lim;
  double *t; /* [n] */
} msl_trace;

int msl_trace_init(msl_trace *tr, int n, double a, double d, double lim);
void msl_trace_free(msl_trace *tr);
void msl_trace_reset(msl_trace *tr);
void msl_trace_update(msl_trace *tr, const msl_spikes *x);

#endif
