/* trace_kinds.c: the seed library's other traces (docs/models.md, Traces).
 *   binary:     reset t = off; an input x_i > 0 sets t_i = on (it stays on).
 *   if-recent:  age_i = updates since the last input x_i > 0 (reset: duration);
 *               each update age += 1, then age = 0 where x > 0;
 *               t_i = on if age_i < duration, else off.
 *   constant:   t = on, never changed by input.
 *   manual:     t = on at reset; msl_trace_set writes it; input ignored.
 *   accumulate: reset t = 0; t += x (no decay, no limit).
 * A kept log (msl_trace_keep_log) is recomputed after every change. */
#include "msl/trace.h"

#include <stdlib.h>
#include <string.h>

#include "msl/error.h"
#include "engine/trace_kinds.h"

static void relog(msl_trace *tr) {
  if (tr->lnt) msl_trace_keep_log(tr); /* recomputes in place, cannot fail */
}

static void recent_values(msl_trace *tr) {
  for (int i = 0; i < tr->n; i++) tr->t[i] = tr->age[i] < tr->duration ? tr->on : tr->off;
}

void trace_kind_reset(msl_trace *tr) {
  double v = tr->kind == MSL_TRACE_ACCUMULATE ? 0.0
             : tr->kind == MSL_TRACE_BINARY   ? tr->off
                                              : tr->on;
  for (int i = 0; i < tr->n; i++) tr->t[i] = v;
  if (tr->kind == MSL_TRACE_IF_RECENT) {
    for (int i = 0; i < tr->n; i++) tr->age[i] = tr->duration;
    recent_values(tr);
  }
  relog(tr);
}

void trace_kind_update(msl_trace *tr, const msl_spikes *x) {
  switch (tr->kind) {
  case MSL_TRACE_BINARY:
    for (int k = 0; k < x->nnz; k++)
      if (x->x[x->idx[k]] > 0.0f) tr->t[x->idx[k]] = tr->on;
    break;
  case MSL_TRACE_IF_RECENT:
    for (int i = 0; i < tr->n; i++)
      if (tr->age[i] < tr->duration) tr->age[i]++; /* saturates: off stays off */
    for (int k = 0; k < x->nnz; k++)
      if (x->x[x->idx[k]] > 0.0f) tr->age[x->idx[k]] = 0;
    recent_values(tr);
    break;
  case MSL_TRACE_ACCUMULATE:
    for (int k = 0; k < x->nnz; k++) tr->t[x->idx[k]] += x->x[x->idx[k]];
    break;
  default: /* constant, manual: input ignored */
    return;
  }
  relog(tr);
}

static const char *kind_name(msl_trace_kind k) {
  static const char *names[] = {"exponential", "binary", "if-recent", "constant", "manual",
                                "accumulate"};
  return (unsigned)k < sizeof names / sizeof *names ? names[k] : "unknown";
}

int msl_trace_init_spec(msl_trace *tr, int n, const msl_trace_spec *s) {
  memset(tr, 0, sizeof *tr);
  if (n < 1) return msl_error_set("trace: size must be >= 1, got %d", n);
  if ((unsigned)s->kind > MSL_TRACE_ACCUMULATE)
    return msl_error_set("trace: unknown kind %d", (int)s->kind);
  if (s->kind == MSL_TRACE_EXP && !(s->d > 0.0))
    return msl_error_set("exponential trace: decay d must be > 0, got %g", s->d);
  if (s->kind == MSL_TRACE_IF_RECENT && s->duration < 0)
    return msl_error_set("if-recent trace: duration must be >= 0, got %d", s->duration);
  if (msl_trace_init(tr, n, s->a, s->d, s->lim))
    return msl_error_set("%s trace: out of memory for %d values", kind_name(s->kind), n);
  tr->kind = s->kind;
  tr->off = s->off;
  tr->on = s->on;
  tr->duration = s->duration;
  if (s->kind == MSL_TRACE_IF_RECENT && !(tr->age = malloc((size_t)n * sizeof *tr->age))) {
    msl_trace_free(tr);
    return msl_error_set("if-recent trace: out of memory for %d values", n);
  }
  msl_trace_reset(tr);
  return 0;
}

int msl_trace_replace(msl_trace *tr, const msl_trace_spec *s) {
  msl_trace nt;
  if (msl_trace_init_spec(&nt, tr->n, s)) return -1;
  if (tr->lnt && msl_trace_keep_log(&nt)) {
    msl_trace_free(&nt);
    return msl_error_set("%s trace: out of memory for %d values", kind_name(s->kind), tr->n);
  }
  msl_trace_free(tr);
  *tr = nt;
  return 0;
}

int msl_trace_set(msl_trace *tr, const double *v) {
  if (tr->kind != MSL_TRACE_MANUAL)
    return msl_error_set("%s trace: only a manual trace can be set", kind_name(tr->kind));
  memcpy(tr->t, v, (size_t)tr->n * sizeof *v);
  relog(tr);
  return 0;
}
