/* crossbar.c: the device-aware crossbar synapse, SPEC 4-6.
 *
 * Each weight is a view of one cell: W = s2w(s). Learning turns traces into
 * programming voltages with the device's v_pre/v_post; a post spike in row i
 * pulses the row's cells for dt_post with the column voltages ve_j, a pre
 * spike in column j pulses the column's cells for dt_pre with the row
 * voltages vo_i; rows first, then columns. Energy is taken from the weights
 * before the step's pulses (SPEC 6).
 *
 * Voltage counters (sum_v_*, sum_v2_*) add up the driver voltages of the
 * pulses actually applied: for each row pulse all ve_j, for each column
 * pulse all vo_i (documented in docs/models.md). */
#include "dense_kernel.h"
#include "msl/synapse.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  msl_device *dev;
  double *s, *W;      /* [n_pre * n_post] states and weights, pre-major */
  msl_trace te, to;
  double dt_pre, dt_post;
  double *ve;         /* [n_pre] column voltages */
  double *vo, *vneg;  /* [n_post] row voltages (replay: positive, negative) */
} xbar;

/* sum_i |col[i]| with four partial sums (fixed order: deterministic). */
static double abs_sum(const double *col, int n) {
  double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
  int i = 0;
  for (; i + 4 <= n; i += 4) {
    a0 += fabs(col[i]);
    a1 += fabs(col[i + 1]);
    a2 += fabs(col[i + 2]);
    a3 += fabs(col[i + 3]);
  }
  for (; i < n; i++) a0 += fabs(col[i]);
  return (a0 + a1) + (a2 + a3);
}

static void xb_forward(msl_synapse *S, const msl_spikes *pre, double *y) {
  xbar *X = S->content;
  const int No = S->n_post;
  dense_forward(X->W, No, pre, y);
  double p = 0.0;
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    double xj = pre->x[j];
    p += abs_sum(X->W + (size_t)j * No, No) * (xj * xj);
  }
  S->stats.read_power_w += p * X->dev->vread * X->dev->vread * X->dev->g1;
}

/* Add the voltages of one driver pulse to the counters. */
static void count_volts(const double *v, int n, double *sum, double *sum2) {
  double a = 0, b = 0;
  for (int k = 0; k < n; k++) {
    a += v[k];
    b += v[k] * v[k];
  }
  *sum += a;
  *sum2 += b;
}

static void xb_learn(msl_synapse *S, const msl_spikes *pre, const msl_spikes *post) {
  xbar *X = S->content;
  msl_device *d = X->dev;
  const int No = S->n_post, Ne = S->n_pre;
  msl_trace_update(&X->te, pre);
  msl_trace_update(&X->to, post);
  S->stats.in_spikes += msl_spikes_sum(pre);
  S->stats.out_spikes += msl_spikes_sum(post);
  const double g1 = d->g1;

  if (post->nnz) {
    for (int j = 0; j < Ne; j++) X->ve[j] = d->ops->v_pre(d, X->te.t[j]);
    for (int k = 0; k < post->nnz; k++) {
      int i = post->idx[k];
      double e = 0.0;
      for (int j = 0; j < Ne; j++) e += fabs(X->W[(size_t)j * No + i]) * (X->ve[j] * X->ve[j]);
      S->stats.energy_j += e * g1 * X->dt_post;
      count_volts(X->ve, Ne, &S->stats.sum_v_pre, &S->stats.sum_v2_pre);
    }
  }
  if (pre->nnz) {
    for (int i = 0; i < No; i++) X->vo[i] = d->ops->v_post(d, X->to.t[i]);
    for (int k = 0; k < pre->nnz; k++) {
      const double *col = X->W + (size_t)pre->idx[k] * No;
      double e = 0.0;
      for (int i = 0; i < No; i++) e += fabs(col[i]) * (X->vo[i] * X->vo[i]);
      S->stats.energy_j += e * g1 * X->dt_pre;
      count_volts(X->vo, No, &S->stats.sum_v_post, &S->stats.sum_v2_post);
    }
  }
  for (int k = 0; k < post->nnz; k++) {
    int i = post->idx[k];
    d->ops->pulse(d, X->s + i, X->W + i, No, X->ve, Ne, X->dt_post);
  }
  for (int k = 0; k < pre->nnz; k++) {
    size_t off = (size_t)pre->idx[k] * No;
    d->ops->pulse(d, X->s + off, X->W + off, 1, X->vo, No, X->dt_pre);
  }
}

static void xb_replay(msl_synapse *S, const msl_spikes *pre, const double *e) {
  xbar *X = S->content;
  msl_device *d = X->dev;
  const int No = S->n_post;
  for (int i = 0; i < No; i++) {
    X->vo[i] = e[i] > 0.0 ? d->ops->v_err(d, e[i]) : 0.0;
    X->vneg[i] = e[i] < 0.0 ? d->ops->v_err(d, e[i]) : 0.0;
  }
  count_volts(X->vo, No, &S->stats.sum_v_pre, &S->stats.sum_v2_pre);
  count_volts(X->vneg, No, &S->stats.sum_v_post, &S->stats.sum_v2_post);
  for (int k = 0; k < pre->nnz; k++) { /* energy before any pulse */
    int j = pre->idx[k];
    const double *col = X->W + (size_t)j * No;
    double en = 0.0;
    for (int i = 0; i < No; i++)
      en += fabs(col[i]) * (X->vo[i] * X->vo[i] + X->vneg[i] * X->vneg[i]);
    S->stats.energy_j += en * pre->x[j] * d->g1 * X->dt_pre;
    S->stats.in_spikes += 2.0 * pre->x[j];
  }
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    int c = (int)pre->x[j];
    size_t off = (size_t)j * No;
    for (int r = 0; r < c; r++) d->ops->pulse(d, X->s + off, X->W + off, 1, X->vo, No, X->dt_pre);
    for (int r = 0; r < c; r++) d->ops->pulse(d, X->s + off, X->W + off, 1, X->vneg, No, X->dt_pre);
  }
}

/* Map every weight to a reachable device state and read it back. */
static void xb_commit(msl_synapse *S) {
  xbar *X = S->content;
  const msl_device *d = X->dev;
  size_t n = (size_t)S->n_pre * S->n_post;
  for (size_t k = 0; k < n; k++) {
    X->s[k] = d->ops->w2s(d, X->W[k]);
    X->W[k] = d->ops->s2w(d, X->s[k]);
  }
}

static void xb_reset(msl_synapse *S) {
  xbar *X = S->content;
  msl_trace_reset(&X->te);
  msl_trace_reset(&X->to);
}

static double *xb_weights(msl_synapse *S) { return ((xbar *)S->content)->W; }

static msl_trace *xb_trace(msl_synapse *S, int post) {
  xbar *X = S->content;
  return post ? &X->to : &X->te;
}

static void xb_destroy(msl_synapse *S) {
  xbar *X = S->content;
  msl_device_free(X->dev);
  free(X->s);
  free(X->W);
  free(X->ve);
  free(X->vo);
  free(X->vneg);
  msl_trace_free(&X->te);
  msl_trace_free(&X->to);
  free(X);
}

static const msl_synapse_ops xb_ops = {
    .type = "crossbar", .forward = xb_forward, .learn = xb_learn, .reset = xb_reset,
    .replay = xb_replay, .weights = xb_weights, .commit = xb_commit,
    .trace = xb_trace, .destroy = xb_destroy};

msl_synapse *msl_crossbar_new(int n_pre, int n_post, const double *W0,
                              msl_device *dev, const msl_crossbar_params *p,
                              msl_channel ch) {
  xbar *X = calloc(1, sizeof *X);
  if (!X) return NULL;
  size_t n = (size_t)n_pre * n_post;
  X->dev = dev;
  X->dt_pre = p->dt_pre;
  X->dt_post = p->dt_post;
  X->s = malloc(n * sizeof *X->s);
  X->W = malloc(n * sizeof *X->W);
  X->ve = calloc((size_t)n_pre, sizeof *X->ve);
  X->vo = calloc((size_t)n_post, sizeof *X->vo);
  X->vneg = calloc((size_t)n_post, sizeof *X->vneg);
  int bad = !X->s || !X->W || !X->ve || !X->vo || !X->vneg ||
            msl_trace_init(&X->te, n_pre, p->pre.a, p->pre.d, p->pre.lim) ||
            msl_trace_init(&X->to, n_post, p->post.a, p->post.d, p->post.lim);
  msl_synapse *S = bad ? NULL : msl_synapse_alloc(&xb_ops, X, n_pre, n_post, ch);
  if (!S) {
    X->dev = NULL; /* caller keeps ownership on failure */
    free(X->s);
    free(X->W);
    free(X->ve);
    free(X->vo);
    free(X->vneg);
    msl_trace_free(&X->te);
    msl_trace_free(&X->to);
    free(X);
    return NULL;
  }
  memcpy(X->W, W0, n * sizeof *X->W);
  xb_commit(S);
  return S;
}

msl_device *msl_crossbar_device(msl_synapse *S) {
  return S->ops == &xb_ops ? ((xbar *)S->content)->dev : NULL;
}
