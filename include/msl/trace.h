/* trace.h: pre/post synaptic traces.
 *
 * The default kind is SPEC 3's exponential trace, t = min(t*d + a*x, lim).
 * The other kinds are the seed library's (docs/models.md, Traces): binary,
 * if-recent, constant, manual and accumulating. A synapse holds its traces
 * by value and calls msl_trace_update on each learning step, which follows
 * the kind; msl_trace_replace turns a synapse's trace (msl_synapse_trace)
 * into another kind in place. */
#ifndef MSL_TRACE_H
#define MSL_TRACE_H

#include "msl/spikes.h"
#include "msl/api.h"

MSL_BEGIN_DECLS

typedef enum {
  MSL_TRACE_EXP = 0,    /* t = min(t d + a x, lim) */
  MSL_TRACE_BINARY,     /* off until an input > 0, then on (until reset) */
  MSL_TRACE_IF_RECENT,  /* on if an input > 0 came in the last `duration` updates, else off */
  MSL_TRACE_CONSTANT,   /* always on (the value) */
  MSL_TRACE_MANUAL,     /* on (the value) until set by msl_trace_set */
  MSL_TRACE_ACCUMULATE  /* t += x, no decay and no limit */
} msl_trace_kind;

/* A trace of any kind: exponential uses a, d, lim; binary and if-recent
 * off, on (and duration); constant and manual on (their value). */
typedef struct msl_trace_spec {
  msl_trace_kind kind;
  double a, d, lim;
  double off, on;
  int duration;
} msl_trace_spec;

typedef struct msl_trace {
  int n;
  double a, d, lim;
  double *t;   /* [n] */
  double *lnt; /* [n] ln t (-inf where t == 0), or NULL: see msl_trace_keep_log */
  double ln_d;
  msl_trace_kind kind;
  double off, on;
  int duration;
  int *age;    /* [n] if-recent: updates since the last input > 0 (else NULL) */
} msl_trace;

int msl_trace_init(msl_trace *tr, int n, double a, double d, double lim);
/* A trace of any kind; 0, or -1 with msl_error() (bad kind or duration,
 * no memory). */
int msl_trace_init_spec(msl_trace *tr, int n, const msl_trace_spec *s);
/* Make tr (of its size n) a new trace of spec s, reset; the log is kept if
 * it was. On failure (-1, msl_error()) tr is unchanged. */
int msl_trace_replace(msl_trace *tr, const msl_trace_spec *s);
/* Manual traces: t = v[0..n-1]; -1 (msl_error()) for other kinds. */
int msl_trace_set(msl_trace *tr, const double *v);
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
