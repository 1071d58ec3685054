/* crossbar.c: the device-aware crossbar synapse, SPEC 4-6.
 *
 * Each weight is a view of one cell: W = s2w(s). Learning turns traces into
 * programming voltages with the device's v_pre/v_post; a post spike in row i
 * pulses the row's cells for dt_post with the column voltages ve_j, a pre
 * spike in column j pulses the column's cells for dt_pre with the row
 * voltages vo_i; rows first, then columns. Energy is taken from the weights
 * before the step's pulses (SPEC 6): sum |w| G1 V^2 dt, and beside it the
 * energy from the device's current-voltage relation, sum |w| G1 power(V) dt
 * (the same for ohmic models).
 *
 * Voltage counters (sum_v_*, sum_v2_*) add up the driver voltages of the
 * pulses actually applied: for each row pulse all ve_j, for each column
 * pulse all vo_i (documented in docs/models.md). Cells at exactly 0 V are
 * left out of the pulse lists (they change nothing and cost no energy), and
 * so are cells whose drive is too small to change them (device op
 * inert_drive), though their energy and voltages count. */
#include "dense_kernel.h"
#include "msl/synapse.h"
#include "engine/dispatch.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The cells of one row or column that a pulse drives: offsets (relative to
 * the row's or column's first cell), volts, their squares, the device's
 * power at those volts (pw; unused by ohmic models) and the device's drive.
 * Sparse lists hold only the cells at non-zero voltage; when most cells of a
 * column are driven, the list is dense (every cell, offsets
 * 0..n-1, zero drive for 0 V, which the models leave unchanged) so that the
 * device updates the column in place. */
typedef struct {
  int n;
  int iota;      /* at[] holds 0..capacity-1 (the dense form), left from before */
  ptrdiff_t *at;
  double *v, *v2, *pw, *u;
  double sum_v, sum_v2; /* of the listed voltages, for the counters */
  /* The cells a pulse actually changes: pn cells pat[], pu[] (= n, at, u
   * unless the device has an inert drive; then those with |u| >= it). */
  int pn;
  const ptrdiff_t *pat;
  const double *pu;
  ptrdiff_t *at_live; /* storage for pat, pu when they are a sublist */
  double *u_live;
} volt_list;

typedef struct {
  msl_device *dev;
  double *s, *W;      /* [n_pre * n_post] states and weights, pre-major */
  msl_trace te, to;
  double dt_pre, dt_post;
  double *ve, *ue;    /* [max(n_pre, n_post)] column voltages and drives */
  double *lne;        /* [n_pre] ln te, computed on steps with post spikes (the post
                         trace keeps its log: row voltages are needed on every step
                         with an input spike) */
  double *vo, *uo;    /* [n_post] row voltages and drives */
  volt_list row, col, neg; /* non-zero cells of a row pulse, a column pulse (replay: + and -) */
  ptrdiff_t *bat;     /* [REPLAY_BATCH] replay batch: cell offsets from the first cell */
  double *bu;         /* [REPLAY_BATCH] and their drives */
} xbar;

enum { REPLAY_BATCH = 4096 };

/* Sum of x[0..n-1] (of |x| when absolute) in eight fixed lanes
 * (deterministic, and the compiler vectorises the lanes). */
static inline double lane_sum(const double *x, int n, int absolute) {
  double acc[8] = {0};
  int k = 0;
  for (; k + 8 <= n; k += 8)
    for (int l = 0; l < 8; l++) acc[l] += absolute ? fabs(x[k + l]) : x[k + l];
  for (; k < n; k++) acc[0] += absolute ? fabs(x[k]) : x[k];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/* The pulse list: every listed cell, or only those whose drive can change
 * them (device op inert_drive). */
MSL_KERNEL
static void volt_live(volt_list *L, const msl_device *d) {
  double b = d->ops->inert_drive ? d->ops->inert_drive(d) : 0.0;
  L->pn = L->n;
  L->pat = L->at;
  L->pu = L->u;
  if (!(b > 0.0)) return;
  /* Usually few cells are live: skip blocks of eight inert ones with a
   * test the compiler vectorises, compact the rest one by one. */
  int m = 0, k0 = 0;
  for (; k0 + 8 <= L->n; k0 += 8) {
    int live = 0;
    for (int l = 0; l < 8; l++) live |= fabs(L->u[k0 + l]) >= b;
    if (!live) continue;
    for (int k = k0; k < k0 + 8; k++) {
      L->at_live[m] = L->at[k];
      L->u_live[m] = L->u[k];
      m += fabs(L->u[k]) >= b;
    }
  }
  for (int k = k0; k < L->n; k++) {
    L->at_live[m] = L->at[k];
    L->u_live[m] = L->u[k];
    m += fabs(L->u[k]) >= b;
  }
  L->pn = m;
  L->pat = L->at_live;
  L->pu = L->u_live;
}

/* List the cells of a row or column pulse (see volt_list) with their
 * drives: given (u), or computed by the device once per voltage. */
MSL_KERNEL
static void volt_prepare(volt_list *L, const msl_device *d, const double *v, const double *u,
                         int n, ptrdiff_t stride) {
  int m = 0;
  for (int k = 0; k < n; k++) m += v[k] != 0.0;
  if (stride == 1 && 2 * m >= n) { /* dense: the whole column, in place */
    if (!L->iota)
      for (int k = 0; k < n; k++) L->at[k] = k;
    L->iota = 1;
    for (int k = 0; k < n; k++) L->v[k] = v[k];
    if (u)
      for (int k = 0; k < n; k++) L->u[k] = v[k] != 0.0 ? u[k] : 0.0;
    L->n = n;
  } else {
    m = 0;
    for (int k = 0; k < n; k++)
      if (v[k] != 0.0) {
        L->at[m] = k * stride;
        if (u) L->u[m] = u[k];
        L->v[m++] = v[k];
      }
    L->n = m;
    L->iota = 0;
  }
  for (int k = 0; k < L->n; k++) L->v2[k] = L->v[k] * L->v[k];
  if (d->ops->power) d->ops->power(d, L->v, L->pw, L->n);
  L->sum_v = lane_sum(L->v, L->n, 0);
  L->sum_v2 = lane_sum(L->v2, L->n, 0);
  if (m && !u) d->ops->drive(d, L->v, L->u, L->n);
  volt_live(L, d);
}

/* sum over listed cells of |w| c (c = v2 or pw), in eight fixed lanes
 * (deterministic, and the compiler vectorises the lanes). */
MSL_KERNEL
static double weighted_sum(const volt_list *L, const double *w, const double *c) {
  double acc[8] = {0};
  int k = 0;
  if (L->n && L->at[L->n - 1] == L->n - 1) { /* dense list: contiguous cells */
    for (; k + 8 <= L->n; k += 8)
      for (int l = 0; l < 8; l++) acc[l] += fabs(w[k + l]) * c[k + l];
  } else {
    for (; k + 8 <= L->n; k += 8)
      for (int l = 0; l < 8; l++) acc[l] += fabs(w[L->at[k + l]]) * c[k + l];
  }
  for (; k < L->n; k++) acc[0] += fabs(w[L->at[k]]) * c[k];
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

/* A pulse's energy per (G1 dt) for the cells of L with weights w: e[0] by
 * SPEC 6 (|w| V^2), e[1] from the device's power. */
typedef struct {
  double e[2];
} energy2;

static energy2 volt_energy(const msl_device *d, const volt_list *L, const double *w) {
  energy2 r;
  r.e[0] = weighted_sum(L, w, L->v2);
  r.e[1] = d->ops->power ? weighted_sum(L, w, L->pw) : r.e[0];
  return r;
}

MSL_KERNEL
static void xb_forward(msl_synapse *S, const msl_spikes *pre, double *y) {
  xbar *X = S->content;
  const int No = S->n_post;
  dense_forward(X->W, No, pre, y);
  double p = 0.0;
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    double xj = pre->x[j];
    p += lane_sum(X->W + (size_t)j * No, No, 1) * (xj * xj);
  }
  S->stats.read_power_w += p * X->dev->vread * X->dev->vread * X->dev->g1;
}

/* Add the energy of `count` pulses of width dt, en G1 dt each, to the
 * total, to its part (rows or columns) and to the device-power total. */
static void add_energy(msl_syn_stats *st, double *part, energy2 en, double count, double g1,
                       double dt) {
  double e = en.e[0] * count * g1 * dt;
  st->energy_j += e;
  *part += e;
  st->energy_iv_j += en.e[1] * count * g1 * dt;
}

/* Add the voltages of `pulses` driver pulses to the counters. */
MSL_KERNEL
static void count_volts(const volt_list *L, double pulses, double *sum, double *sum2) {
  *sum += L->sum_v * pulses;
  *sum2 += L->sum_v2 * pulses;
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

  /* Voltages and energy, all from the weights before this step's pulses. */
  if (post->nnz) {
    msl_trace_ln(&X->te, X->lne);
    d->ops->v_pre(d, X->te.t, X->lne, X->ve, X->ue, Ne);
    volt_prepare(&X->row, d, X->ve, X->ue, Ne, No);
    for (int k = 0; k < post->nnz; k++)
      add_energy(&S->stats, &S->stats.energy_row_j, volt_energy(d, &X->row, X->W + post->idx[k]),
                 1.0, g1, X->dt_post);
    count_volts(&X->row, post->nnz, &S->stats.sum_v_pre, &S->stats.sum_v2_pre);
  }
  if (pre->nnz) {
    d->ops->v_post(d, X->to.t, X->to.lnt, X->vo, X->uo, No);
    volt_prepare(&X->col, d, X->vo, X->uo, No, 1);
    for (int k = 0; k < pre->nnz; k++)
      add_energy(&S->stats, &S->stats.energy_col_j,
                 volt_energy(d, &X->col, X->W + (size_t)pre->idx[k] * No), 1.0, g1, X->dt_pre);
    count_volts(&X->col, pre->nnz, &S->stats.sum_v_post, &S->stats.sum_v2_post);
  }
  /* Rows first, then columns. */
  if (X->row.pn)
    for (int k = 0; k < post->nnz; k++) {
      int i = post->idx[k];
      d->ops->pulse(d, X->s + i, X->W + i, X->row.pat, X->row.pu, X->row.pn, X->dt_post);
    }
  if (X->col.pn)
    for (int k = 0; k < pre->nnz; k++) {
      size_t off = (size_t)pre->idx[k] * No;
      d->ops->pulse(d, X->s + off, X->W + off, X->col.pat, X->col.pu, X->col.pn, X->dt_pre);
    }
}

/* Replay pulses in rounds, as the reference does: round r pulses every
 * column whose count exceeds r with the list's voltages, all those cells in
 * large batches (the device kernels vectorise over the batch). Each cell sees
 * the same sequence as column by column: c_j pulses of this list. */
MSL_KERNEL
static void replay_rounds(xbar *X, msl_device *d, const msl_spikes *pre, const volt_list *L,
                          int No) {
  if (!L->pn) return;
  int maxc = 0;
  for (int k = 0; k < pre->nnz; k++) {
    int c = (int)pre->x[pre->idx[k]];
    maxc = c > maxc ? c : maxc;
  }
  for (int r = 0; r < maxc; r++) {
    int m = 0;
    for (int k = 0; k < pre->nnz; k++) {
      int j = pre->idx[k];
      if ((int)pre->x[j] <= r) continue;
      ptrdiff_t base = (ptrdiff_t)j * No;
      for (int q = 0; q < L->pn; q++) {
        X->bat[m] = base + L->pat[q];
        X->bu[m] = L->pu[q];
        if (++m == REPLAY_BATCH) {
          d->ops->pulse(d, X->s, X->W, X->bat, X->bu, m, X->dt_pre);
          m = 0;
        }
      }
    }
    if (m) d->ops->pulse(d, X->s, X->W, X->bat, X->bu, m, X->dt_pre);
  }
}

static void xb_replay(msl_synapse *S, const msl_spikes *pre, const double *e) {
  xbar *X = S->content;
  msl_device *d = X->dev;
  const int No = S->n_post;
  for (int i = 0; i < No; i++) {
    X->vo[i] = e[i] > 0.0 ? d->ops->v_err(d, e[i]) : 0.0;
    X->ve[i] = e[i] < 0.0 ? d->ops->v_err(d, e[i]) : 0.0;
  }
  volt_prepare(&X->col, d, X->vo, NULL, No, 1);
  volt_prepare(&X->neg, d, X->ve, NULL, No, 1);
  count_volts(&X->col, 1.0, &S->stats.sum_v_pre, &S->stats.sum_v2_pre);
  count_volts(&X->neg, 1.0, &S->stats.sum_v_post, &S->stats.sum_v2_post);
  for (int k = 0; k < pre->nnz; k++) {
    int j = pre->idx[k];
    S->stats.in_spikes += 2.0 * pre->x[j];
    if (X->col.n == 0 && X->neg.n == 0) continue;
    const double *col = X->W + (size_t)j * No; /* energy before any pulse */
    energy2 p = volt_energy(d, &X->col, col), n = volt_energy(d, &X->neg, col);
    for (int t = 0; t < 2; t++) p.e[t] += n.e[t];
    add_energy(&S->stats, &S->stats.energy_col_j, p, pre->x[j], d->g1, X->dt_pre);
  }
  replay_rounds(X, d, pre, &X->col, No); /* positive part of e first, */
  replay_rounds(X, d, pre, &X->neg, No); /* then the negative part */
}

/* Map every weight to a reachable device state and read it back. */
static void xb_commit(msl_synapse *S) {
  xbar *X = S->content;
  msl_device *d = X->dev;
  size_t n = (size_t)S->n_pre * S->n_post;
  d->clipped += d->ops->set_weights(d, X->s, X->W, n);
  d->set += n;
}

/* Scale column by column, mapping each column through the device while it
 * is still in cache. */
MSL_KERNEL
static void xb_rescale(msl_synapse *S, double lo, double hi, const double *f) {
  xbar *X = S->content;
  msl_device *d = X->dev;
  const int No = S->n_post;
  for (int j = 0; j < S->n_pre; j++) {
    size_t off = (size_t)j * No;
    dense_rescale_column(X->W + off, No, lo, hi, f);
    d->clipped += d->ops->set_weights(d, X->s + off, X->W + off, (size_t)No);
  }
  d->set += (size_t)S->n_pre * No;
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

/* Free a crossbar's content (the device too, when it owns one). */
static void xb_free(xbar *X) {
  msl_device_free(X->dev);
  free(X->s);
  free(X->W);
  free(X->ve);
  free(X->vo);
  free(X->ue);
  free(X->lne);
  free(X->uo);
  free(X->bat);
  free(X->bu);
  volt_list *lists[3] = {&X->row, &X->col, &X->neg};
  for (int k = 0; k < 3; k++) {
    free(lists[k]->at);
    free(lists[k]->v);
    free(lists[k]->u);
    free(lists[k]->v2);
    free(lists[k]->pw);
    free(lists[k]->at_live);
    free(lists[k]->u_live);
  }
  msl_trace_free(&X->te);
  msl_trace_free(&X->to);
  free(X);
}

static void xb_destroy(msl_synapse *S) { xb_free(S->content); }

static const msl_synapse_ops xb_ops = {
    .type = "crossbar", .forward = xb_forward, .learn = xb_learn, .reset = xb_reset,
    .replay = xb_replay, .weights = xb_weights, .commit = xb_commit, .rescale = xb_rescale,
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
  int nmax = n_pre > n_post ? n_pre : n_post;
  X->ve = realloc(X->ve, (size_t)nmax * sizeof *X->ve); /* also the replay's negative part */
  X->ue = malloc((size_t)nmax * sizeof *X->ue);
  X->lne = malloc((size_t)n_pre * sizeof *X->lne);
  X->uo = malloc((size_t)n_post * sizeof *X->uo);
  volt_list *lists[3] = {&X->row, &X->col, &X->neg};
  int lists_ok = 1;
  for (int k = 0; k < 3; k++) {
    lists[k]->at = malloc((size_t)nmax * sizeof(ptrdiff_t));
    lists[k]->v = malloc((size_t)nmax * sizeof(double));
    lists[k]->u = malloc((size_t)nmax * sizeof(double));
    lists[k]->v2 = malloc((size_t)nmax * sizeof(double));
    lists[k]->pw = malloc((size_t)nmax * sizeof(double));
    lists[k]->at_live = malloc((size_t)nmax * sizeof(ptrdiff_t));
    lists[k]->u_live = malloc((size_t)nmax * sizeof(double));
    lists_ok &= lists[k]->at && lists[k]->v && lists[k]->u && lists[k]->v2 && lists[k]->pw &&
                lists[k]->at_live && lists[k]->u_live;
  }
  X->bat = malloc(REPLAY_BATCH * sizeof *X->bat);
  X->bu = malloc(REPLAY_BATCH * sizeof *X->bu);
  int bad = !X->s || !X->W || !X->ve || !X->vo || !X->ue || !X->lne || !X->uo || !lists_ok ||
            !X->bat || !X->bu ||
            msl_trace_init(&X->te, n_pre, p->pre.a, p->pre.d, p->pre.lim) ||
            msl_trace_init(&X->to, n_post, p->post.a, p->post.d, p->post.lim) ||
            msl_trace_keep_log(&X->to);
  msl_synapse *S = bad ? NULL : msl_synapse_alloc(&xb_ops, X, n_pre, n_post, ch);
  if (!S) {
    X->dev = NULL; /* caller keeps ownership on failure */
    xb_free(X);
    return NULL;
  }
  memcpy(X->W, W0, n * sizeof *X->W);
  xb_commit(S);
  return S;
}

msl_device *msl_crossbar_device(msl_synapse *S) {
  return S->ops == &xb_ops ? ((xbar *)S->content)->dev : NULL;
}
