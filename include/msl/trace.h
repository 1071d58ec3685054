/* trace.h: pre/post synaptic traces, SPEC 3: t = min(t*d + a*x, lim). */
#ifndef MSL_TRACE_H
#define MSL_TRACE_H

#include "msl/spikes.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

typedef struct msl_trace {
  int n;
  double a, d, lim;
  double *t;   /* [n] */
  double *lnt; /* [n] ln t (-inf where t == 0), or NULL: see msl_trace_keep_log */
  double ln_d;
} msl_trace;

int msl_trace_init(msl_trace *tr, int n, double a, double d, double lim);
/* Also keep ln t, for consumers that need the logarithm of every trace on
 * every step (device voltages, SPEC 5): decay adds ln d, an input recomputes
 * the log. It follows t to within rounding (an addition per step instead of a
 * multiplication), saving a log per trace and step. Returns -1 when out of
 * memory. */
int msl_trace_keep_log(msl_trace *tr);
/* out[i] = ln t[i] (-inf where t[i] == 0), now: the kept logs, or computed
 * with the vectorisable log of engine/vmath.h. */
void msl_trace_ln(const msl_trace *tr, double *out);
void msl_trace_free(msl_trace *tr);
void msl_trace_reset(msl_trace *tr);
void msl_trace_update(msl_trace *tr, const msl_spikes *x);

MSL_END_DECLS

#endif
