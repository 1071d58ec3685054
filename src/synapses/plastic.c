/* plastic.c: the ideal (software-baseline) plastic synapse, SPEC 4:
 *   rows i with post spikes:  W[i,:] += xo_i * (Ap * te)
 *   cols j with pre spikes:   W[:,j] -= (An * to) * xe_j
 *   then min(W, Wlim) on those rows, max(W, 0 or -Wlim) on those columns.
 * Workload 2 replay: W[:,j] += (err_lr * e) * c_j, then the lower clamp. */
#include "dense_kernel.h"
#include "msl/synapse.h"
#include "engine/alloc64.h"
#include "engine/dispatch.h"
#include "engine/state.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  double *W; /* [n_pre * n_post], pre-major */
  msl_stdp_params p;
  msl_trace te, to;
} plastic;

static void pl_forward(msl_synapse *S, const msl_spikes *pre, double *y) {
  plastic *P = S->content;
  dense_forward_threads(P->W, S->n_post, pre, y);
}

MSL_KERNEL
static int pl_learn(msl_synapse *S, const msl_spikes *pre, const msl_spikes *post) {
  plastic *P = S->content;
  const int No = S->n_post, Ne = S->n_pre;
  double *restrict W = P->W;
  msl_trace_update(&P->te, pre);
  msl_trace_update(&P->to, post);
  const double ap = P->p.ap, an = P->p.an, wlim = P->p.wlim;
  const double lo = P->p.exc ? 0.0 : -wlim;
  const double *te = P->te.t, *to = P->to.t;

  for (int k = 0; k < post->nnz; k++) { /* potentiate rows (strided) */
    int i = post->idx[k];
    double xo = post->x[i];
    for (int j = 0; j < Ne; j++) W[(size_t)j * No + i] += xo * (ap * te[j]);
  }
  /* Depress columns (contiguous) and apply their lower clamp in the same
   * pass; the rows' upper clamp follows. Same result as clamping rows then
   * columns, since lo < wlim makes the two clamps commute. */
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    double xe = pre->x[j];
    double *restrict col = W + (size_t)j * No;
    for (int i = 0; i < No; i++) {
      double w = col[i] - (an * to[i]) * xe;
      col[i] = w < lo ? lo : w;
    }
  }
  for (int k = 0; k < post->nnz; k++) {
    int i = post->idx[k];
    for (int j = 0; j < Ne; j++) {
      double *w = &W[(size_t)j * No + i];
      if (*w > wlim) *w = wlim;
    }
  }
  return 0;
}

MSL_KERNEL
static int pl_replay(msl_synapse *S, const msl_spikes *pre, const double *e) {
  plastic *P = S->content;
  const int No = S->n_post;
  const double lo = P->p.exc ? 0.0 : -P->p.wlim;
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    double c = pre->x[j];
    double *restrict col = P->W + (size_t)j * No;
    for (int i = 0; i < No; i++) {
      double w = col[i] + (P->p.err_lr * e[i]) * c;
      col[i] = w < lo ? lo : w;
    }
  }
  return 0;
}

static void pl_reset(msl_synapse *S) {
  plastic *P = S->content;
  msl_trace_reset(&P->te);
  msl_trace_reset(&P->to);
}

static double *pl_weights(msl_synapse *S) { return ((plastic *)S->content)->W; }

/* One column clamped and scaled (the threaded loop's dispatched body). */
MSL_KERNEL
static void rescale_column(double *col, int n, double lo, double hi, const double *f) {
  dense_rescale_column(col, n, lo, hi, f);
}

static void pl_rescale(msl_synapse *S, double lo, double hi, const double *f) {
  double *W = ((plastic *)S->content)->W;
  const int Ne = S->n_pre, No = S->n_post;
  MSL_PAR_FOR((double)Ne * No * MSL_COST_STREAM, (),
  for (int j = 0; j < Ne; j++) rescale_column(W + (size_t)j * No, No, lo, hi, f));
}

static void pl_destroy(msl_synapse *S) {
  plastic *P = S->content;
  free(P->W);
  msl_trace_free(&P->te);
  msl_trace_free(&P->to);
  free(P);
}

static msl_trace *pl_trace(msl_synapse *S, int post) {
  plastic *P = S->content;
  return post ? &P->to : &P->te;
}

/* Weights and traces (the parameters are the configuration's). */
static int pl_state(msl_synapse *S, msl_ckpt *c) {
  plastic *P = S->content;
  if (msl_ckpt_f64(c, "plastic.W", P->W, (size_t)S->n_pre * S->n_post)) return -1;
  return msl_trace_state(c, "plastic.te", &P->te) || msl_trace_state(c, "plastic.to", &P->to) ? -1 : 0;
}

static const msl_synapse_ops pl_ops = {
    .type = "plastic", .forward = pl_forward, .learn = pl_learn, .reset = pl_reset,
    .replay = pl_replay, .weights = pl_weights, .rescale = pl_rescale, .trace = pl_trace,
    .destroy = pl_destroy, .state = pl_state};

msl_synapse *msl_plastic_new(int n_pre, int n_post, const double *W0,
                             const msl_stdp_params *p, msl_channel ch) {
  plastic *P = calloc(1, sizeof *P);
  if (!P) return NULL;
  size_t n = (size_t)n_pre * n_post;
  P->p = *p;
  P->W = msl_calloc64(n, sizeof *P->W);
  int bad = !P->W || msl_trace_init(&P->te, n_pre, p->pre.a, p->pre.d, p->pre.lim) ||
            msl_trace_init(&P->to, n_post, p->post.a, p->post.d, p->post.lim);
  msl_synapse *S = bad ? NULL : msl_synapse_alloc(&pl_ops, P, n_pre, n_post, ch);
  if (!S) {
    free(P->W);
    msl_trace_free(&P->te);
    msl_trace_free(&P->to);
    free(P);
    return NULL;
  }
  memcpy(P->W, W0, n * sizeof *P->W);
  return S;
}

