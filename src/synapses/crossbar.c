/* crossbar.c: the device-aware crossbar synapse, SPEC 4-6.
 *
 * Each weight is a view of one cell: W = s2w(s). The synapse holds the
 * layers and glues them together: its traces; the learning rule, which
 * turns traces (workload 1) or errors (workload 2) into line voltages
 * (rule.h); the array of cells with their device and cell circuit, and the
 * array drive, which applies those voltages to the cells and counts energy
 * and voltages (array.h). Read power (forward) is |w| x^2 Vread^2 G1 per
 * active input. */
#include "engine/dispatch.h"
#include "engine/lanes.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dense_kernel.h"
#include "engine/par.h"
#include "engine/state.h"
#include "msl/array.h"
#include "msl/error.h"
#include "msl/nonideal.h"
#include "msl/rule.h"
#include "msl/synapse.h"

typedef struct {
  msl_cell_array a;
  msl_device *dev;
  msl_cell *cell;
  msl_rule *rule;
  msl_drive *drive;
  msl_trace te, to;
  double *ve, *ue;    /* [max(n_pre, n_post)] column voltages and drives (replay: the
                         negative part) */
  double *lne;        /* [n_pre] ln te, computed on steps with post spikes (the post
                         trace keeps its log: row voltages are needed on every step
                         with an input spike) */
  double *vo, *uo;    /* [n_post] row voltages and drives */
  double *rq;         /* [n_post] read noise: sum_j x_j^2 W_ji^2 (NULL: no read noise) */
  double *lnf;        /* [n_post] ln of the rescaling factors (device op rescale) */
  double *colsum;     /* [n_pre] sum of |w| of each active column (read power) */
  double *rf;         /* [READ_N + 1] a circuit's read factor (cell op read) at weights
                         k w_top / READ_N (NULL: 1R, a factor of 1) */
  double rf_scale;    /* READ_N / w_top */
} xbar;

enum { READ_N = 512 };

/* sum |w| r(|w|) of a column, r the circuit's read factor, interpolated
 * linearly in w (above the table's top: its last value). */
static double read_sum(const xbar *X, const double *w, int n) {
  double acc = 0.0;
  for (int i = 0; i < n; i++) {
    double a = fabs(w[i]), t = a * X->rf_scale;
    int k = t < READ_N ? (int)t : READ_N - 1;
    double f = t < READ_N ? t - k : 1.0;
    acc += a * (X->rf[k] + f * (X->rf[k + 1] - X->rf[k]));
  }
  return acc;
}

/* The circuit's read factor over the device's range of weights; 0 or -1. */
static int read_table(xbar *X) {
  if (!X->cell->ops->read) return 0;
  if (!(X->rf = malloc((READ_N + 1) * sizeof *X->rf)))
    return msl_error_set("crossbar: out of memory"), -1;
  double top = X->dev->ops->s2w(X->dev, X->dev->ops->w2s(X->dev, 1e300));
  top = top > 0.0 && isfinite(top) ? top : 1.0;
  X->rf_scale = READ_N / top;
  X->rf[0] = X->cell->ops->read(X->cell, X->dev, 1e-6 * top);
  for (int k = 1; k <= READ_N; k++) X->rf[k] = X->cell->ops->read(X->cell, X->dev, k * top / READ_N);
  return 0;
}

/* Sum of |x[0..n-1]| in eight fixed lanes (deterministic, vectorised). */
MSL_KERNEL
static double abs_sum(const double *x, int n) {
  double acc[8] = {0};
  int k = 0;
  for (; k + 8 <= n; k += 8)
    for (int l = 0; l < 8; l++) acc[l] += fabs(x[k + l]);
  for (; k < n; k++) acc[0] += fabs(x[k]);
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/* dense_forward over all n_post outputs and, in the same pass over the
 * columns, each active column's sum of |W| (sum[k] for the k-th active
 * input; the crossbar's read power). Both loops are memory-bound, so one
 * pass instead of two. The sums use eight lanes: lane l adds the outputs
 * i = l mod 8 in ascending order, the last n_post mod 8 go to lane 0 (the
 * crossbar's abs_sum), and y is added as in dense_forward_part: the same
 * bits as the two passes. */
MSL_KERNEL
static void dense_forward_abs(const double *restrict W, int n_post, const msl_spikes *pre,
                              double *restrict y, double *restrict sum) {
  const int *idx = pre->idx;
  const float *x = pre->x;
  const int n8 = n_post & ~(LANES - 1);
  const size_t stride = (size_t)n_post;
  double t[LANES];
  int k = 0;
  for (; k + 4 <= pre->nnz; k += 4) {
    int j0 = idx[k], j1 = idx[k + 1], j2 = idx[k + 2], j3 = idx[k + 3];
    const double *restrict c0 = W + (size_t)j0 * stride, *restrict c1 = W + (size_t)j1 * stride;
    const double *restrict c2 = W + (size_t)j2 * stride, *restrict c3 = W + (size_t)j3 * stride;
    const int unit = x[j0] == 1.0f && x[j1] == 1.0f && x[j2] == 1.0f && x[j3] == 1.0f;
    const double x0 = x[j0], x1 = x[j1], x2 = x[j2], x3 = x[j3];
    lanes_d a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
    for (int i0 = 0; i0 < n8; i0 += LANES) {
      lanes_d v0, v1, v2, v3, u;
      LANES_LOAD(v0, c0 + i0), LANES_LOAD(v1, c1 + i0);
      LANES_LOAD(v2, c2 + i0), LANES_LOAD(v3, c3 + i0);
      LANES_LOAD(u, y + i0);
      u += unit ? (v0 + v1) + (v2 + v3) : (v0 * x0 + v1 * x1) + (v2 * x2 + v3 * x3);
      LANES_STORE(y + i0, u);
      a0 += LANES_ABS(v0), a1 += LANES_ABS(v1), a2 += LANES_ABS(v2), a3 += LANES_ABS(v3);
    }
    for (int i = n8; i < n_post; i++) {
      y[i] += unit ? (c0[i] + c1[i]) + (c2[i] + c3[i])
                   : (c0[i] * x0 + c1[i] * x1) + (c2[i] * x2 + c3[i] * x3);
      a0[0] += fabs(c0[i]), a1[0] += fabs(c1[i]), a2[0] += fabs(c2[i]), a3[0] += fabs(c3[i]);
    }
    LANES_STORE(t, a0), sum[k] = lanes8_total(t);
    LANES_STORE(t, a1), sum[k + 1] = lanes8_total(t);
    LANES_STORE(t, a2), sum[k + 2] = lanes8_total(t);
    LANES_STORE(t, a3), sum[k + 3] = lanes8_total(t);
  }
  for (; k < pre->nnz; k++) {
    const double *restrict col = W + (size_t)idx[k] * stride;
    const int unit = x[idx[k]] == 1.0f;
    const double xj = x[idx[k]];
    lanes_d a = {0};
    for (int i0 = 0; i0 < n8; i0 += LANES) {
      lanes_d v, u;
      LANES_LOAD(v, col + i0), LANES_LOAD(u, y + i0);
      u += unit ? v : v * xj;
      LANES_STORE(y + i0, u);
      a += LANES_ABS(v);
    }
    for (int i = n8; i < n_post; i++) y[i] += unit ? col[i] : col[i] * xj, a[0] += fabs(col[i]);
    LANES_STORE(t, a), sum[k] = lanes8_total(t);
  }
}

/* Read power per (Vread^2 G1): sum over active j of x_j^2 sum_i |W_ji| (times
 * the circuit's read factor), the columns' sums threaded (unless `have`:
 * the forward pass left them in colsum), then added in pre order. */
static double read_power(const xbar *X, int No, const msl_spikes *pre, int have) {
  double *col_sum = X->colsum;
  if (!have)
    MSL_PAR_FOR((double)pre->nnz * No * MSL_COST_STREAM, (),
    for (int k = 0; k < pre->nnz; k++) {
      const double *col = X->a.W + (size_t)pre->idx[k] * No;
      col_sum[k] = X->rf ? read_sum(X, col, No) : abs_sum(col, No);
    });
  double p = 0.0;
  for (int k = 0; k < pre->nnz; k++) {
    double xj = pre->x[pre->idx[k]];
    p += col_sum[k] * (xj * xj);
  }
  return p;
}

/* Read noise: each output's exact sum of the cells' fluctuations. */
MSL_KERNEL
static void read_noise(xbar *X, int No, const msl_spikes *pre, double *y) {
  double *restrict q = X->rq;
  for (int i = 0; i < No; i++) q[i] = 0.0;
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    double x2 = pre->x[j] * pre->x[j];
    const double *restrict col = X->a.W + (size_t)j * No;
    for (int i = 0; i < No; i++) q[i] += x2 * (col[i] * col[i]);
  }
  msl_nonideal_read(X->a.ni, q, y, No);
}

static void xb_forward(msl_synapse *S, const msl_spikes *pre, double *y) {
  xbar *X = S->content;
  const int No = S->n_post;
  if (X->drive->ops->sync) /* bias drives: the read columns catch up first */
    msl_drive_sync(X->drive, &X->a, pre->idx, pre->nnz, &S->stats);
  /* On one thread and for 1R cells, the columns' |w| sums come with the
   * product (dense_forward_abs: the same bits, one pass over the columns). */
  const int fused = !X->rf && !MSL_PAR_USE((double)pre->nnz * No * MSL_COST_STREAM);
  if (fused) dense_forward_abs(X->a.W, No, pre, y, X->colsum);
  else dense_forward_threads(X->a.W, No, pre, y);
  double p = read_power(X, No, pre, fused);
  S->stats.read_power_w += p * X->dev->vread * X->dev->vread * X->dev->g1;
  if (X->rq) read_noise(X, No, pre, y);
}

static int xb_learn(msl_synapse *S, const msl_spikes *pre, const msl_spikes *post) {
  xbar *X = S->content;
  const msl_rule *r = X->rule;
  msl_trace_update(&X->te, pre);
  msl_trace_update(&X->to, post);
  S->stats.in_spikes += msl_spikes_sum(pre);
  S->stats.out_spikes += msl_spikes_sum(post);
  if (post->nnz) {
    msl_trace_ln(&X->te, X->lne);
    r->ops->pre(r, X->te.t, X->lne, X->ve, X->ue, S->n_pre);
  }
  if (pre->nnz) r->ops->post(r, X->to.t, X->to.lnt, X->vo, X->uo, S->n_post);
  return X->drive->ops->learn(X->drive, &X->a, post->idx, post->nnz, X->ve, X->ue, pre->idx,
                              pre->nnz, X->vo, X->uo, &S->stats, &S->counts);
}

static int xb_replay(msl_synapse *S, const msl_spikes *pre, const double *e) {
  xbar *X = S->content;
  const msl_rule *r = X->rule;
  for (int i = 0; i < S->n_post; i++) {
    X->vo[i] = e[i] > 0.0 ? r->ops->err(r, e[i]) : 0.0;
    X->ve[i] = e[i] < 0.0 ? r->ops->err(r, e[i]) : 0.0;
  }
  return X->drive->ops->replay(X->drive, &X->a, pre, X->vo, X->ve, &S->stats, &S->counts);
}

/* Map the weights of cells [base, base + n) to reachable states and read
 * them back (through the non-idealities when there are any). */
static void xb_set(msl_synapse *S, size_t base, size_t n) {
  xbar *X = S->content;
  S->counts.weights_clipped +=
      X->a.ni ? msl_nonideal_set_weights(X->a.ni, X->dev, X->a.s, X->a.W, base, n,
                                         &S->counts.weights_stuck)
              : X->dev->ops->set_weights(X->dev, X->a.s + base, X->a.W + base, n);
  S->counts.weights_set += n;
}

/* After a set, a lazy drive's sums of |w| start again from the new weights. */
static void xb_commit(msl_synapse *S) {
  xbar *X = S->content;
  xb_set(S, 0, (size_t)S->n_pre * S->n_post);
  msl_drive_sync(X->drive, &X->a, NULL, 0, &S->stats);
}

/* Scale column by column, mapping each column through the device while it
 * is still in cache; threaded over the columns when the cells follow the
 * model exactly (the non-idealities' weight setting stays on one thread). */
/* One column scaled, then mapped to reachable states; how many clipped. */
MSL_KERNEL
static size_t rescale_column(const msl_device *d, double *s, double *w, int n, double lo,
                             double hi, const double *f) {
  dense_rescale_column(w, n, lo, hi, f);
  return d->ops->set_weights(d, s, w, (size_t)n);
}

static void xb_rescale(msl_synapse *S, double lo, double hi, const double *f) {
  xbar *X = S->content;
  const int No = S->n_post, Ne = S->n_pre;
  msl_drive_sync(X->drive, &X->a, NULL, 0, &S->stats);
  if (!X->a.ni) {
    const msl_device *d = X->dev;
    if (d->ops->rescale) /* the device shifts states: no w2s per cell */
      for (int i = 0; i < No; i++) X->lnf[i] = log(f[i]);
    size_t clipped = 0;
    MSL_PAR_FOR((double)Ne * No * MSL_COST_SET, (reduction(+ : clipped)),
    for (int j = 0; j < Ne; j++) {
      size_t off = (size_t)j * No;
      if (d->ops->rescale) {
        clipped += d->ops->rescale(d, X->a.s + off, X->a.W + off, (size_t)No, lo, hi, f, X->lnf);
      } else {
        clipped += rescale_column(d, X->a.s + off, X->a.W + off, No, lo, hi, f);
      }
    });
    S->counts.weights_clipped += clipped;
    S->counts.weights_set += (uint64_t)Ne * No;
  } else {
    for (int j = 0; j < Ne; j++) {
      size_t off = (size_t)j * No;
      dense_rescale_column(X->a.W + off, No, lo, hi, f);
      xb_set(S, off, (size_t)No);
    }
  }
  msl_drive_sync(X->drive, &X->a, NULL, 0, &S->stats);
}

static void xb_reset(msl_synapse *S) {
  xbar *X = S->content;
  msl_trace_reset(&X->te);
  msl_trace_reset(&X->to);
}

static double *xb_weights(msl_synapse *S) {
  xbar *X = S->content;
  msl_drive_sync(X->drive, &X->a, NULL, 0, &S->stats); /* every cell current */
  return X->a.W;
}

static msl_trace *xb_trace(msl_synapse *S, int post) {
  xbar *X = S->content;
  return post ? &X->to : &X->te;
}

static void xb_free(xbar *X) {
  msl_drive_free(X->drive);
  msl_rule_free(X->rule);
  msl_cell_free(X->cell);
  msl_device_free(X->dev);
  free(X->a.s);
  free(X->a.W);
  free(X->ve);
  free(X->vo);
  free(X->ue);
  free(X->lne);
  free(X->uo);
  free(X->rq);
  free(X->lnf);
  free(X->colsum);
  free(X->rf);
  msl_nonideal_free(X->a.ni);
  msl_trace_free(&X->te);
  msl_trace_free(&X->to);
  free(X);
}

static void xb_destroy(msl_synapse *S) { xb_free(S->content); }

/* Device states and weights (as they are: a lazy drive's pending changes
 * are the drive's state), traces, the line voltages of the last step, the
 * cells' non-idealities and the drive. */
static int xb_state(msl_synapse *S, msl_ckpt *c) {
  xbar *X = S->content;
  const size_t n = (size_t)S->n_pre * S->n_post;
  const size_t nmax = (size_t)(S->n_pre > S->n_post ? S->n_pre : S->n_post);
  if (msl_ckpt_f64(c, "crossbar.s", X->a.s, n) || msl_ckpt_f64(c, "crossbar.W", X->a.W, n) ||
      msl_trace_state(c, "crossbar.te", &X->te) || msl_trace_state(c, "crossbar.to", &X->to) ||
      msl_ckpt_f64(c, "crossbar.ve", X->ve, nmax) || msl_ckpt_f64(c, "crossbar.ue", X->ue, nmax) ||
      msl_ckpt_f64(c, "crossbar.vo", X->vo, (size_t)S->n_post) ||
      msl_ckpt_f64(c, "crossbar.uo", X->uo, (size_t)S->n_post) ||
      msl_ckpt_same(c, "crossbar.nonideal", X->a.ni != NULL))
    return -1;
  if (X->a.ni && msl_nonideal_state(X->a.ni, c)) return -1;
  return msl_drive_state(X->drive, c);
}

static const msl_synapse_ops xb_ops = {
    .type = "crossbar", .forward = xb_forward, .learn = xb_learn, .reset = xb_reset,
    .replay = xb_replay, .weights = xb_weights, .commit = xb_commit, .rescale = xb_rescale,
    .trace = xb_trace, .destroy = xb_destroy, .state = xb_state};

static const msl_param_decl xb_params[] = {
    MSL_PARAM_REAL_DECL("g1", NULL, 1e-5, 1e-5, 0, 1e300, 1, "conductance of weight 1, S"),
    MSL_PARAM_REAL_DECL("dt-pre", NULL, 1e-9, 1e-9, 0, 1, 1,
     "width of column pulses (pre spikes; bp: every replay pulse), s"),
    MSL_PARAM_REAL_DECL("dt-post", NULL, 10e-9, 10e-9, 0, 1, 1,
     "width of row pulses (post spikes; stdp only), s"),
    MSL_PARAM_TEXT_DECL("bias", NULL, "ideal", NULL, NULL,
     "bias scheme: ideal, v2, v3 (half-selected cells disturbed; docs/array.md), "
     "v2-exact, v3-exact"),
};

msl_param_list msl_crossbar_param_list(void) {
  return (msl_param_list){xb_params, sizeof xb_params / sizeof xb_params[0]};
}

/* Allocate the content's buffers, then build the layers; NULL + msl_error(). */
static xbar *xb_build(int n_pre, int n_post, const msl_crossbar_params *p) {
  xbar *X = calloc(1, sizeof *X);
  if (!X) return msl_error_set("crossbar: out of memory"), NULL;
  size_t n = (size_t)n_pre * n_post;
  int nmax = n_pre > n_post ? n_pre : n_post;
  X->a.n_pre = n_pre;
  X->a.n_post = n_post;
  X->a.dt_pre = msl_params_get(p->params, &xb_params[1]);
  X->a.dt_post = msl_params_get(p->params, &xb_params[2]);
  X->a.s = malloc(n * sizeof *X->a.s);
  X->a.W = malloc(n * sizeof *X->a.W);
  X->ve = calloc((size_t)nmax, sizeof *X->ve); /* also the replay's negative part */
  X->vo = calloc((size_t)n_post, sizeof *X->vo);
  X->ue = malloc((size_t)nmax * sizeof *X->ue);
  X->lne = malloc((size_t)n_pre * sizeof *X->lne);
  X->uo = malloc((size_t)n_post * sizeof *X->uo);
  X->lnf = malloc((size_t)n_post * sizeof *X->lnf);
  X->colsum = malloc((size_t)n_pre * sizeof *X->colsum);
  if (!X->a.s || !X->a.W || !X->ve || !X->vo || !X->ue || !X->lne || !X->uo || !X->lnf ||
      !X->colsum ||
      msl_trace_init(&X->te, n_pre, p->pre.a, p->pre.d, p->pre.lim) ||
      msl_trace_init(&X->to, n_post, p->post.a, p->post.d, p->post.lim) ||
      msl_trace_keep_log(&X->to)) {
    msl_error_set("crossbar %d x %d: out of memory (%.3g MB of cells)", n_pre, n_post,
                  n * 2.0 * sizeof(double) / 1e6);
    xb_free(X);
    return NULL;
  }
  double g1 = msl_params_get(p->params, &xb_params[0]);
  if (msl_params_check(p->params, msl_crossbar_param_list()) ||
      !(X->dev = msl_device_new(p->device, p->params, g1)) ||
      !(X->cell = msl_cell_new(p->cell ? p->cell : msl_cell_name(p->params), p->params)) ||
      !(X->rule = msl_rule_new(p->rule, p->params, X->dev))) {
    xb_free(X);
    return NULL;
  }
  X->a.dev = X->dev;
  X->a.cell = X->cell;
  int err;
  X->a.ni = msl_nonideal_new(p->params, X->dev, n, p->seed, &err);
  if (err || (msl_nonideal_read_noise(X->a.ni) != 0.0 &&
              !(X->rq = malloc((size_t)n_post * sizeof *X->rq)))) {
    if (!err) msl_error_set("crossbar: out of memory");
    xb_free(X);
    return NULL;
  }
  const char *bias = msl_params_text(p->params, &xb_params[3]);
  const char *drive = p->drive ? p->drive : bias;
  if (X->cell->ops->pulse && (X->a.ni || (strcmp(drive, "ideal") && strcmp(drive, "lines")))) {
    msl_error_set(X->a.ni ? "--cell %s: the non-idealities apply to 1R cells only"
                          : "--cell %s: the bias schemes model a passive (1R) array's "
                            "half-selected cells; an access transistor's gate deselects "
                            "them (use --bias ideal)",
                  X->cell->ops->name);
    xb_free(X);
    return NULL;
  }
  if (read_table(X)) {
    xb_free(X);
    return NULL;
  }
  if (!(X->drive = msl_drive_new(p->drive ? p->drive : bias, &X->a))) {
    xb_free(X);
    return NULL;
  }
  return X;
}

msl_synapse *msl_crossbar_new(int n_pre, int n_post, const double *W0,
                              const msl_crossbar_params *p, msl_channel ch) {
  if (n_pre < 1 || n_post < 1)
    return msl_error_set("crossbar: needs at least one row and column, got %d x %d", n_pre,
                         n_post),
           NULL;
  xbar *X = xb_build(n_pre, n_post, p);
  if (!X) return NULL;
  msl_synapse *S = msl_synapse_alloc(&xb_ops, X, n_pre, n_post, ch);
  if (!S) {
    xb_free(X);
    return msl_error_set("crossbar: out of memory"), NULL;
  }
  memcpy(X->a.W, W0, (size_t)n_pre * n_post * sizeof *X->a.W);
  msl_nonideal_stuck_cells(X->a.ni, &S->counts.stuck_off, &S->counts.stuck_on);
  xb_commit(S);
  return S;
}

const msl_device *msl_crossbar_device(const msl_synapse *S) {
  return S->ops == &xb_ops ? ((const xbar *)S->content)->dev : NULL;
}

const msl_rule *msl_crossbar_rule(const msl_synapse *S) {
  return S->ops == &xb_ops ? ((const xbar *)S->content)->rule : NULL;
}

const double *msl_crossbar_states(const msl_synapse *S) {
  return S->ops == &xb_ops ? ((const xbar *)S->content)->a.s : NULL;
}
